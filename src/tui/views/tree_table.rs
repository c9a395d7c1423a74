//! The one tree table, for a document's tree and the sum alike (as bottom's `DataTable` draws
//! flattened tree rows): a header, then the visible rows from the state's offset, each a padded
//! code-and-name cell and right-aligned amounts; the total and top-level rows bold, the selected
//! row highlighted.

use crate::core::tree::TOTAL;
use crate::tui::content::columns::Column;
use crate::tui::text::{pad_left, pad_right};
use crate::tui::theme::Theme;
use crate::tui::tree_state::{TreeState, VisibleRow};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub struct TreeTable<'a, K, L, V>
where
    L: Fn(&VisibleRow) -> String,
    V: Fn(usize, &K) -> (String, Style),
{
    pub theme: &'a Theme,
    /// The title of the code-and-name column.
    pub heading: &'a str,
    pub tree_width: usize,
    pub columns: &'a [Column<K>],
    pub state: &'a TreeState,
    /// A row's code-and-name cell.
    pub label: L,
    /// A node's cell in a column: its text and colour.
    pub value: V,
}

impl<K, L, V> TreeTable<'_, K, L, V>
where
    L: Fn(&VisibleRow) -> String,
    V: Fn(usize, &K) -> (String, Style),
{
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let ellipsis = self.theme.glyphs.ellipsis;
        let mut header = vec![Span::raw(pad_right(
            self.heading,
            self.tree_width,
            ellipsis,
        ))];
        for col in self.columns {
            header.push(Span::raw(" "));
            header.push(Span::raw(pad_left(&col.title, col.width, ellipsis)));
        }
        let mut lines = vec![Line::from(header).style(self.theme.heading())];
        let height = (area.height as usize).saturating_sub(1);
        for row in self.state.rows.iter().skip(self.state.offset).take(height) {
            lines.push(self.row_line(row));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn row_line(&self, row: &VisibleRow) -> Line<'static> {
        let ellipsis = self.theme.glyphs.ellipsis;
        let cell = (self.label)(row);
        let mut spans = vec![Span::raw(pad_right(&cell, self.tree_width, ellipsis))];
        for col in self.columns {
            let (text, style) = (self.value)(row.node, &col.kind);
            spans.push(Span::raw(" "));
            spans.push(Span::styled(pad_left(&text, col.width, ellipsis), style));
        }
        let mut line = Line::from(spans);
        if row.node == TOTAL || row.depth == 0 {
            line = line.style(Style::new().add_modifier(Modifier::BOLD));
        }
        if row.node == self.state.selected {
            line = line.patch_style(self.theme.selected());
        }
        line
    }
}
