//! 政府性基金: the government-fund table (表五). When it is empty the view says so plainly and
//! shows the document's own note, rather than drawing an empty grid.

use super::grid::{table_lines, title};
use crate::core::document::{FundScope, TableKind};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use ratatui::text::Line;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = Theme::new(&app.options);
    let mut out = Vec::new();
    for table in app
        .doc()
        .tables_of(TableKind::Functional)
        .filter(|t| t.scope == FundScope::GovFund)
    {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        let empty = table.sections().iter().all(|s| s.rows.is_empty());
        if !empty {
            out.extend(table_lines(app, table, width));
            continue;
        }
        out.extend(title(app, table, width));
        out.push(Line::raw(""));
        out.push(Line::styled(
            app.text(Msg::NoData).to_string(),
            theme.total(),
        ));
        if let Some(note) = &table.note {
            for l in wrap(note, width) {
                out.push(Line::styled(l, theme.warn()));
            }
        }
    }
    if out.is_empty() {
        out.push(Line::raw(app.text(Msg::NoTable)));
    }
    out
}
