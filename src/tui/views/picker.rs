//! The document picker: the filter, the matching documents (department, year, total) and the
//! files that did not load. Only the rows in view are drawn.

use super::list::{draw_pane, query_line};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::layout::{error_lines, picker_rows, ERRORS_SHOWN};
use crate::tui::text::{pad_left, pad_right, truncate, width};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(app: &App, frame: &mut Frame, size: Rect) {
    let Some(inner) = draw_pane(app, frame, size, Msg::PickerTitle) else {
        return;
    };
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let p = &app.picker;
    let w = inner.width as usize;
    let mut lines = vec![query_line(&theme, "> ", &p.list.query, w)];
    let count = if p.shown.is_empty() {
        Line::styled(app.text(Msg::NoDocuments).to_string(), theme.warn())
    } else {
        Line::styled(
            format!(
                "{}/{} {}  {}",
                p.shown.len(),
                p.rows.len(),
                app.text(Msg::DocumentOf),
                app.text(Msg::PickerPrompt)
            ),
            theme.dim(),
        )
    };
    lines.push(count);
    let height = picker_rows(size, app.library.errors().len());
    let rows: Vec<_> = p
        .shown
        .iter()
        .skip(p.list.offset)
        .take(height)
        .filter_map(|&i| p.rows.get(i))
        .collect();
    let code_w = rows
        .iter()
        .map(|r| width(&r.code))
        .max()
        .unwrap_or(0)
        .clamp(width(app.text(Msg::SortCode)), 24);
    let total_w = rows
        .iter()
        .filter_map(|r| r.total.map(|t| width(&t.display())))
        .max()
        .unwrap_or(0)
        .max(width(app.text(Msg::Total)));
    let year_w = 4.max(width(app.text(Msg::Year)));
    let name_w = w.saturating_sub(code_w + year_w + total_w + 3);
    lines.push(Line::styled(
        format!(
            "{} {} {} {}",
            pad_right(app.text(Msg::SortCode), code_w, g.ellipsis),
            pad_right(app.text(Msg::Department), name_w, g.ellipsis),
            pad_left(app.text(Msg::Year), year_w, g.ellipsis),
            pad_left(app.text(Msg::Total), total_w, g.ellipsis),
        ),
        theme.heading(),
    ));
    for (k, r) in rows.into_iter().enumerate() {
        let total = r
            .total
            .map(|t| t.display())
            .unwrap_or_else(|| g.none.to_string());
        let mut line = Line::raw(format!(
            "{} {} {} {}",
            pad_right(&r.code, code_w, g.ellipsis),
            pad_right(&r.name, name_w, g.ellipsis),
            pad_left(&r.year.to_string(), year_w, g.ellipsis),
            pad_left(&total, total_w, g.ellipsis),
        ));
        if p.list.offset + k == p.list.selected {
            line = line.patch_style(theme.selected());
        }
        if r.doc == app.current {
            line = line.patch_style(theme.total());
        }
        lines.push(line);
    }
    error_list(app, inner, &mut lines);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The files that did not load, at the foot of the box.
fn error_list(app: &App, inner: Rect, lines: &mut Vec<Line<'static>>) {
    let theme = Theme::new(&app.options);
    let (g, w) = (theme.glyphs, inner.width as usize);
    let errors = app.library.errors();
    if !errors.is_empty() {
        while lines.len() < (inner.height as usize).saturating_sub(error_lines(errors.len())) {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            format!("{} {}", errors.len(), app.text(Msg::Skipped)),
            theme.warn(),
        ));
        for e in errors.iter().take(ERRORS_SHOWN) {
            lines.push(Line::styled(
                truncate(&format!("  {e}"), w, g.ellipsis),
                theme.warn(),
            ));
        }
    }
}
