//! Import: a published disclosure (its PDF, or a text extracted from it) becomes a yusuan/1
//! document and a report of what was read. Terminal-free, like `core`.
//!
//! The way through: bytes → pages of positioned lines (`pdf` + `lines` for PDFs, `textsrc` for
//! texts) → a template (`shanghai`, `chongqing`, …) that recognises the tables and reads their rows
//! → a `Document` that the ordinary loader validates → checks. Every line inside a table that the
//! template cannot read goes into the report as `Unread`: nothing is dropped silently.

pub mod chongqing;
pub mod jiangsu;
pub mod lines;
pub mod narrative;
pub mod report;

pub use lines::{Line, Page, Run};
pub use report::{ImportReport, TableReport, Unread};
