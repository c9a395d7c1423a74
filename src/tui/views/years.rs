//! The year columns: the department's tree over every loaded year (by the one tree table) and
//! the detail pane with the selected code's series.

use super::detail::draw_detail_box;
use super::tree_table::TreeTable;
use crate::tui::app::App;
use crate::tui::content::columns::tree_label;
use crate::tui::content::years;
use crate::tui::i18n::Msg;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some((_, ys, state)) = app.shown_years() else {
        return;
    };
    let theme = Theme::new(&app.options);
    let (tree_width, cols) = years::columns(app, ys, area.width as usize);
    TreeTable {
        theme: &theme,
        heading: app.text(Msg::CodeName),
        tree_width,
        columns: &cols,
        state,
        label: |row| match ys.nodes.get(row.node) {
            Some(n) if row.node == crate::core::tree::TOTAL => {
                tree_label(&theme.glyphs, row, &n.code, app.text(Msg::Total))
            }
            Some(n) => tree_label(&theme.glyphs, row, &n.code, n.name()),
            None => tree_label(&theme.glyphs, row, "", ""),
        },
        value: |node, col| years::value(app, ys, node, *col),
    }
    .render(frame, area);
}

pub fn render_detail(app: &App, frame: &mut Frame, area: Rect) {
    let Some((_, ys, state)) = app.shown_years() else {
        return;
    };
    let inner = draw_detail_box(app, frame, area);
    let all = years::detail_lines(app, ys, state.selected, inner.width as usize);
    let max = all.len().saturating_sub(inner.height as usize);
    let skip = app.detail_scroll.min(max);
    let shown: Vec<Line> = all.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
