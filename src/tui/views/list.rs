//! The box the document picker and search share: a bordered pane over the screen, titled,
//! whose first line is the query being typed. Each fills the rest with its own rows.

use super::help::{border_set, clear_wide_overhang};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui::Frame;

/// Clears the pane's box and draws its border and title; returns the area inside, or nothing
/// when the screen is too small for a box.
pub fn draw_pane(app: &App, frame: &mut Frame, size: Rect, title: Msg) -> Option<Rect> {
    let area = crate::tui::layout::pane_area(size);
    if area.width < 3 || area.height < 3 {
        return None;
    }
    let theme = Theme::new(&app.options);
    let block = Block::bordered()
        .border_set(border_set(app.options.ascii))
        .title(Span::styled(
            format!(" {} ", app.text(title)),
            theme.heading(),
        ));
    frame.render_widget(Clear, area);
    clear_wide_overhang(frame, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    Some(inner)
}

/// The query after its prompt, with a block cursor at the end.
pub fn query_line(theme: &Theme, prompt: &'static str, query: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(prompt, theme.heading()),
        Span::raw(query.to_string()),
        Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)),
    ])
}
