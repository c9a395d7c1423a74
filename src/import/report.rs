//! What an import says about each input: the template, the tables found, every line it could
//! not read, and (filled in by the caller) the checks of the imported document.

use serde::Serialize;

/// A table as found: its printed title and how it was read.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TableReport {
    /// The document's label for it (1 … 9, 表一 …).
    pub id: String,
    pub title: String,
    pub kind: String,
    pub scope: String,
    pub unit: String,
    pub first_page: u32,
    pub last_page: u32,
    pub rows: usize,
    pub figures: usize,
}

/// A line inside a table (or a narrative figure) that the importer could not read.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Unread {
    pub page: u32,
    pub text: String,
    /// Why it could not be read.
    pub why: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct ImportReport {
    pub file: String,
    /// The template recognised ("上海 9 表部门预算", "重庆 13 表部门预算", …).
    pub template: String,
    pub pages: u32,
    pub tables: Vec<TableReport>,
    pub unread: Vec<Unread>,
    /// Other things worth saying: a contradiction of the source (an "本表为空表" note above
    /// figures), glyphs dropped as off-page or drawn twice, and so on.
    pub notes: Vec<String>,
}
