//! The detail pane of a document's tree: its text (`content::detail`) under a titled rule.

use crate::tui::app::App;
use crate::tui::content;
use crate::tui::i18n::Msg;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// The detail pane's box, for a document's node and an aggregate's alike: a rule along the
/// top with the title; returns the area inside.
pub fn draw_detail_box(app: &App, frame: &mut Frame, area: Rect) -> Rect {
    let theme = Theme::new(&app.options);
    let border = if app.options.ascii {
        ratatui::symbols::border::Set {
            horizontal_top: "-",
            ..ratatui::symbols::border::PLAIN
        }
    } else {
        ratatui::symbols::border::PLAIN
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(border)
        .border_style(theme.dim())
        .title(Span::styled(
            format!(" {} ", app.text(Msg::Detail)),
            theme.heading(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some((c, node)) = app.selected_node() else {
        return;
    };
    let inner = draw_detail_box(app, frame, area);
    let all = content::detail::lines(app, c, node, inner.width as usize);
    let max = all.len().saturating_sub(inner.height as usize);
    let skip = app.detail_scroll.min(max);
    let shown: Vec<Line> = all.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
