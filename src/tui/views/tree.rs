//! A document's classification tree with its comparison, drawn by the one tree table.

use super::tree_table::TreeTable;
use crate::core::tree::Classification;
use crate::tui::app::App;
use crate::tui::content::columns::tree_label;
use crate::tui::content::tree::{columns, value};
use crate::tui::i18n::Msg;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn render(app: &App, c: Classification, frame: &mut Frame, area: Rect) {
    let theme = Theme::new(&app.options);
    let (tree_width, cols) = columns(app, c, area.width as usize);
    let tree = app.tree(c);
    TreeTable {
        theme: &theme,
        heading: app.text(Msg::CodeName),
        tree_width,
        columns: &cols,
        state: app.tree_state(c),
        label: |row| match tree.nodes.get(row.node) {
            Some(n) if row.node == crate::core::tree::TOTAL => {
                tree_label(&theme.glyphs, row, &n.code, app.text(Msg::Total))
            }
            Some(n) => tree_label(&theme.glyphs, row, &n.code, &n.name),
            None => tree_label(&theme.glyphs, row, "", ""),
        },
        value: |node, kind| value(app, c, node, kind),
    }
    .render(frame, area);
}
