//! The box the document picker and search share: a bordered pane over the screen, titled,
//! whose first line is the query being typed. Each fills the rest with its own rows.

use super::help::{border_set, clear_wide_overhang};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::text::width;
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

/// The query after its prompt, with a block cursor at the end. A query wider than the box shows
/// its end (where typing goes), led by an ellipsis.
pub fn query_line(theme: &Theme, prompt: &'static str, query: &str, w: usize) -> Line<'static> {
    let ellipsis = theme.glyphs.ellipsis;
    let room = w.saturating_sub(width(prompt) + 1);
    let shown = if width(query) <= room {
        query.to_string()
    } else {
        let room = room.saturating_sub(width(ellipsis));
        let mut tail: Vec<char> = Vec::new();
        let mut used = 0;
        for c in query.chars().rev() {
            let cw = width(c.encode_utf8(&mut [0; 4]));
            if used + cw > room {
                break;
            }
            used += cw;
            tail.push(c);
        }
        format!("{ellipsis}{}", tail.into_iter().rev().collect::<String>())
    };
    Line::from(vec![
        Span::styled(prompt, theme.heading()),
        Span::raw(shown),
        Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)),
    ])
}
