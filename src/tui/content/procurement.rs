//! 政府采购: the procurement table (表九).

use super::grid::tables_lines;
use crate::core::document::TableKind;
use crate::tui::app::App;
use ratatui::text::Line;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    tables_lines(app, app.doc().tables_of(TableKind::Procurement), width)
}
