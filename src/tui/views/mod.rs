//! Drawing, one module per part of the screen. Views read the state, the text (`content`) and
//! the geometry (`layout`); nothing outside `views` and `render` uses them.

pub mod aggregate;
pub mod detail;
pub mod header;
pub mod help;
pub mod list;
pub mod loading;
pub mod picker;
pub mod search;
pub mod tree;
pub mod tree_table;
pub mod years;
