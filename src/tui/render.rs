//! Drawing: reads the state, never changes it.

use super::app::App;
use super::i18n::Msg;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::views;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        let text = format!(
            "{} ({}×{} < {MIN_WIDTH}×{MIN_HEIGHT})",
            app.text(Msg::TooSmall),
            area.width,
            area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let areas = layout::areas(area, app.view.classification().is_some());
    views::header::render(app, frame, areas.header, areas.tabs);
    match app.view.classification() {
        Some(c) => {
            views::tree::render(app, c, frame, areas.main);
            if let Some(detail) = areas.detail {
                views::detail::render(app, frame, detail);
            }
            if let Some(breadcrumb) = areas.breadcrumb {
                views::header::render_breadcrumb(app, frame, breadcrumb);
            }
        }
        None => {
            let lines = views::text_lines(app, app.view, areas.main.width);
            let max = lines.len().saturating_sub(areas.main.height as usize);
            let skip = app.scroll[app.view.index()].min(max);
            let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
            frame.render_widget(Paragraph::new(shown), areas.main);
        }
    }
    views::header::render_hints(app, frame, areas.hints);
    if app.help.is_some() {
        views::help::render(app, frame, area);
    }
}
