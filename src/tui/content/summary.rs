//! 收支总表: the summary tables (表一, 表六) and the income table (表七), as laid out.

use super::grid::tables_lines;
use crate::core::compare::{scope_table, Scope};
use crate::core::document::{FundScope, TableKind};
use crate::core::tree::Classification;
use crate::tui::app::App;
use ratatui::text::Line;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let doc = app.doc();
    // 表八 is the functional view itself; the other all-funds functional table is 表七.
    let tree_table = scope_table(doc, Classification::Functional, Scope::AllFunds).map(|t| &t.id);
    let tables = doc.tables.iter().filter(|t| {
        t.kind == TableKind::Summary
            || (t.kind == TableKind::Functional
                && t.scope == FundScope::All
                && Some(&t.id) != tree_table)
    });
    tables_lines(app, tables, width)
}
