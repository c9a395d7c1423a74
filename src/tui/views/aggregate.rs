//! The sum over all departments of a year: its tree (by the one tree table) and its detail pane
//! with the departments behind the selected figure.

use super::detail::draw_detail_box;
use super::tree_table::TreeTable;
use crate::tui::app::App;
use crate::tui::content::columns::tree_label;
use crate::tui::content::sum;
use crate::tui::i18n::Msg;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some((c, view, state)) = app.shown_sum() else {
        return;
    };
    let theme = Theme::new(&app.options);
    let (tree_width, cols) = sum::columns(app, c, view, area.width as usize);
    TreeTable {
        theme: &theme,
        heading: app.text(Msg::CodeName),
        tree_width,
        columns: &cols,
        state,
        label: |row| match view.node(row.node) {
            Some(n) if row.node == crate::core::tree::TOTAL => {
                tree_label(&theme.glyphs, row, &n.code, app.text(Msg::Total))
            }
            Some(n) => tree_label(&theme.glyphs, row, &n.code, &n.name),
            None => tree_label(&theme.glyphs, row, "", ""),
        },
        value: |node, col| sum::value(app, view, node, *col),
    }
    .render(frame, area);
}

pub fn render_detail(app: &App, frame: &mut Frame, area: Rect) {
    let Some((c, node)) = app.sum_selected() else {
        return;
    };
    let inner = draw_detail_box(app, frame, area);
    let (all, cursor) = sum::detail_lines(app, c, node, inner.width as usize);
    let h = inner.height as usize;
    let max = all.len().saturating_sub(h);
    let skip = match cursor {
        // Keep the chosen contributor in view.
        Some(at) if at >= h => (at + 1 - h).min(max),
        Some(_) => 0,
        None => app.detail_scroll.min(max),
    };
    let shown: Vec<Line> = all.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
