//! The loading screen, until the folder's first screen can be drawn: what is happening, how far
//! it has got, and how to quit.

use crate::tui::app::App;
use crate::tui::content::loading::{bar, progress_text};
use crate::tui::i18n::Msg;
use crate::tui::text::truncate;
use crate::tui::theme::Theme;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const BAR: usize = 30;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let w = area.width as usize;
    let fit = |s: &str| truncate(s, w, g.ellipsis);
    let quit = format!("q {}", app.text(Msg::Quit));
    let lines = vec![
        Line::styled(fit(app.text(Msg::LoadingTitle)), theme.heading()),
        Line::raw(""),
        Line::raw(fit(&progress_text(app).unwrap_or_default())),
        Line::styled(fit(&bar(app, BAR.min(w), g.bar, g.dot)), theme.total()),
        Line::raw(""),
        Line::styled(fit(&quit), theme.dim()),
    ];
    // In the middle of the screen, or from the top when it is lower than the text.
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let text = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), text);
}
