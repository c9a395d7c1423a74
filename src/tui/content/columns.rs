//! The columns of a tree table, for a document's tree and the sum alike: each column is as wide
//! as its widest cell over every node (so widths do not jump while moving), columns are given
//! room in priority order, and the code-and-name column keeps to what its labels need.

use crate::tui::text::width;
use crate::tui::theme::Glyphs;
use crate::tui::tree_state::VisibleRow;

/// The code-and-name column never gets narrower than this while amount columns are added.
pub const TREE_MIN: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column<K> {
    pub kind: K,
    pub title: String,
    pub width: usize,
}

impl<K> Column<K> {
    /// A column as wide as its title and the widest of `cells`.
    pub fn new(kind: K, title: String, cells: impl Iterator<Item = usize>) -> Column<K> {
        let widest = cells.max().unwrap_or(0);
        Column {
            width: widest.max(width(&title)),
            kind,
            title,
        }
    }
}

/// The columns that fit in `total` cells, in display order (`rank`), and the width left for
/// the tree, which is at most `widest_label` when the screen is wide: amounts stay next to the
/// names instead of drifting to the far right.
pub fn fit<K>(
    candidates: Vec<Column<K>>,
    rank: impl Fn(&K) -> usize,
    widest_label: usize,
    total: usize,
) -> (usize, Vec<Column<K>>) {
    let mut room = total.saturating_sub(TREE_MIN);
    let mut chosen = Vec::new();
    for col in candidates {
        // One that does not fit ends the list, so a wide column never squeezes in ahead of one
        // that came before it.
        if col.width + 1 > room {
            break;
        }
        room -= col.width + 1;
        chosen.push(col);
    }
    chosen.sort_by_key(|col| rank(&col.kind));
    let used: usize = chosen.iter().map(|col| col.width + 1).sum();
    let tree_width = total.saturating_sub(used).min(widest_label.max(TREE_MIN));
    (tree_width, chosen)
}

/// The width of a node's code-and-name cell with every node expanded: guides and connector two
/// cells a level below the root, then marker and a space, the code, a space and the name.
pub fn label_width(level: u8, code: &str, name: &str) -> usize {
    (level as usize).saturating_sub(1) * 2 + 2 + width(code) + 1 + width(name)
}

/// A row's guides, connector and expand marker, and the space before its code.
pub fn tree_prefix(g: &Glyphs, row: &VisibleRow) -> String {
    let mut s = String::new();
    for &continues in &row.guides {
        s.push_str(if continues { g.pipe } else { " " });
        s.push(' ');
    }
    if row.depth > 0 {
        s.push_str(if row.last { g.elbow } else { g.tee });
        s.push_str(g.rule);
    }
    let marker = match (row.has_children, row.expanded) {
        (false, _) => g.leaf,
        (true, false) => g.collapsed,
        (true, true) => g.expanded,
    };
    s.push_str(marker);
    s.push(' ');
    s
}

/// The code-and-name cell of a row: its prefix, then "code name" (the name alone for a row
/// without a code, such as the total).
pub fn tree_label(g: &Glyphs, row: &VisibleRow, code: &str, name: &str) -> String {
    let mut s = tree_prefix(g, row);
    if !code.is_empty() {
        s.push_str(code);
        s.push(' ');
    }
    s.push_str(name);
    s
}
