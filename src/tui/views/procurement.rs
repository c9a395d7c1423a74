//! 政府采购: the procurement table (表九).

use super::grid::table_lines;
use crate::core::document::TableKind;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::model::tables_of;
use ratatui::text::Line;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for table in tables_of(app.doc(), TableKind::Procurement) {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.extend(table_lines(app, table, width));
    }
    if out.is_empty() {
        out.push(Line::raw(app.text(Msg::NoTable)));
    }
    out
}
