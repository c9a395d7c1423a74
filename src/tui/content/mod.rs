//! The text the browser shows, built from the state and nothing else: no drawing, no frame, no
//! geometry beyond a width to wrap to. `views` draws it; `update` reads it to jump to a line
//! and to copy a row, so both see the same words.

pub mod columns;
pub mod detail;
pub mod fund;
pub mod grid;
pub mod help;
pub mod highlight;
pub mod loading;
pub mod narrative;
pub mod performance;
pub mod procurement;
pub mod sangong;
pub mod sum;
pub mod summary;
pub mod tree;
pub mod years;

use super::app::{App, View};
use super::i18n::{level_name, Msg};
use super::theme::Theme;
use crate::core::amount::{display_percent, Amount};
use crate::core::compare::Percent;
use ratatui::text::{Line, Span};

/// The lines of a text view at a width (empty for tree views).
pub fn text_lines(app: &App, view: View, width: u16) -> Vec<Line<'static>> {
    let width = width as usize;
    match view {
        View::Functional | View::Economic => Vec::new(),
        View::Summary => summary::lines(app, width),
        View::Sangong => sangong::lines(app, width),
        View::Procurement => procurement::lines(app, width),
        View::GovFund => fund::lines(app, width),
        View::Performance => performance::lines(app, width),
        View::Narrative => narrative::lines(app, width),
    }
}

/// The head of a detail pane, a document's or the sum's: "2080505 name (项)", or the name alone
/// for the total row.
/// A narrative section's heading: its number and title as printed, joined in the language's way
/// ("四、“三公”经费情况说明"; in English the number and the title side by side).
pub fn section_heading(app: &App, section: &crate::core::document::Section) -> String {
    crate::core::lang::fill(
        app.text(Msg::SectionHeading),
        &[&section.number, &section.title],
    )
}

pub fn detail_title(app: &App, total: bool, code: &str, name: &str, level: u8) -> String {
    if total {
        return app.text(Msg::Total).to_string();
    }
    format!("{code} {name} ({})", level_name(app.options.lang, level))
}

/// The comparison in one line, a document's or the sum's: 2023 451.66 → 2024 530.70, then the
/// change and its percent in the change's colour.
pub fn comparison_line(
    app: &App,
    (prev, cur): (String, String),
    change: Option<Amount>,
    percent: Percent,
) -> Line<'static> {
    let year = app.doc().fiscal_year;
    let arrow = if app.options.ascii { "->" } else { "→" };
    let mut spans = vec![Span::raw(format!(
        "{} {prev} {arrow} {year} {cur}",
        year - 1
    ))];
    if let Some(d) = change {
        spans.push(Span::styled(
            format!("  {} ({})", d.display_signed(), percent_text(app, percent)),
            Theme::new(&app.options).change_of(d.value()),
        ));
    }
    Line::from(spans)
}

/// A change in percent as every view writes it: +17.50%, 新增, or — when a year is absent.
pub fn percent_text(app: &App, p: Percent) -> String {
    match p {
        Percent::Value(p) => display_percent(p),
        Percent::New => app.text(Msg::New).to_string(),
        Percent::None => Theme::new(&app.options).glyphs.none.to_string(),
    }
}
