//! Drawing: reads the state, never changes it. The top of the view side: `update` never
//! comes here, and nothing but this and `views` uses `views`.

use super::app::App;
use super::i18n::Msg;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::overlay::Overlay;
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
    if app.is_blank() {
        return views::loading::render(app, frame, area);
    }
    let areas = layout::areas(area, app.view.classification().is_some());
    views::header::render(app, frame, areas.header, areas.tabs);
    match app.view.classification() {
        Some(_) if app.years.on => {
            views::years::render(app, frame, areas.main);
            if let Some(detail) = areas.detail {
                views::years::render_detail(app, frame, detail);
            }
            if let Some(breadcrumb) = areas.breadcrumb {
                views::header::render_breadcrumb(app, frame, breadcrumb);
            }
        }
        Some(_) if app.sum => {
            views::aggregate::render(app, frame, areas.main);
            if let Some(detail) = areas.detail {
                views::aggregate::render_detail(app, frame, detail);
            }
            if let Some(breadcrumb) = areas.breadcrumb {
                views::header::render_breadcrumb(app, frame, breadcrumb);
            }
        }
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
            let lines = app.text_lines(app.view, areas.main.width);
            let max = lines.len().saturating_sub(areas.main.height as usize);
            let skip = app.scroll[app.view.index()].min(max);
            let theme = super::theme::Theme::new(&app.options);
            // Only the lines on screen are copied out of the cache.
            let shown: Vec<Line> = lines
                .iter()
                .enumerate()
                .skip(skip)
                .take(areas.main.height as usize)
                .map(|(i, l)| {
                    let l = l.clone();
                    // The line a search jumped to.
                    if app.mark == Some((app.view, i)) {
                        l.patch_style(theme.selected())
                    } else {
                        l
                    }
                })
                .collect();
            frame.render_widget(Paragraph::new(shown), areas.main);
        }
    }
    views::header::render_hints(app, frame, areas.hints);
    // The overlay's precedence (overlay.rs): the help over what it covers, a pane over the views.
    let under_help = match &app.overlay {
        Overlay::Help { over, .. } => over.as_ref(),
        other => other,
    };
    match under_help {
        Overlay::Picker => views::picker::render(app, frame, area),
        Overlay::Search => views::search::render(app, frame, area),
        _ => {}
    }
    if app.overlay.help().is_some() {
        views::help::render(app, frame, area);
    }
}

/// Draws one frame of an app into a test terminal, for benchmarks and tests. The app should
/// have been told the size first (`app.update(Event::Resize(w, h))`), as the terminal loop does.
pub fn draw(app: &App, terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>) {
    let _ = terminal.draw(|frame| render(app, frame));
}
