//! yusuan (预算): a terminal browser for Chinese department budget disclosures.
//! `core` knows nothing of terminals; `cli` and `tui` both sit on it.

pub mod cache;
pub mod cli;
pub mod core;
pub mod import;
pub mod library;
pub mod memory;
pub mod open;
pub mod start;
pub mod tui;
