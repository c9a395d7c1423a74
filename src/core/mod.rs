//! The terminal-free core: documents, amounts, trees, comparisons, checks and search.
//! Nothing here knows about ratatui or crossterm.

pub mod aggregate;
pub mod amount;
pub mod card;
pub mod cells;
pub mod checks;
pub mod collection;
pub mod compare;
pub mod document;
pub mod export;
pub mod final_accounts;
pub mod interned;
pub mod lang;
pub mod links;
pub mod load;
pub mod lookup;
pub mod parallel;
pub mod parquet;
pub mod progress;
pub mod search;
pub mod text;
pub mod tree;
pub mod years;
