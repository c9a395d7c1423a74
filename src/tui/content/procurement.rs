//! 政府采购: the procurement table (表九), then what the narrative says of it.

use super::grid::tables_lines;
use crate::core::document::TableKind;
use crate::tui::app::App;
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use ratatui::text::Line;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let mut out = tables_lines(app, app.doc().tables_of(TableKind::Procurement), width);
    narrative(app, width, &mut out);
    out
}

/// The narrative's paragraphs on procurement (政府采购), under their section's heading: most
/// templates give it a paragraph of 其他重要事项 rather than a section of its own.
fn narrative(app: &App, width: usize, out: &mut Vec<Line<'static>>) {
    let theme = Theme::new(&app.options);
    for section in &app.doc().sections {
        let whole = section.title.contains("政府采购");
        let paragraphs: Vec<&String> = section
            .paragraphs
            .iter()
            .filter(|p| whole || p.contains("政府采购"))
            .collect();
        if paragraphs.is_empty() {
            continue;
        }
        out.push(Line::raw(""));
        out.push(Line::styled(
            crate::tui::content::section_heading(app, section),
            theme.heading(),
        ));
        for p in paragraphs {
            for l in wrap(p, width.saturating_sub(2)) {
                out.push(Line::raw(format!("  {l}")));
            }
        }
    }
}
