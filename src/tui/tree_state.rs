//! A tree view's state (what is expanded, which node is selected, how far it is scrolled) and
//! its flattened visible rows, built from only the expanded part of the tree.

use crate::core::amount::Amount;
use crate::core::compare::{Comparer, Percent};
use crate::core::tree::{Tree, TOTAL};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// What the tree state needs of a tree: a document's tree, or an aggregate over many.
pub trait Hierarchy {
    fn parent_of(&self, node: usize) -> Option<usize>;
    fn children_of(&self, node: usize) -> &[usize];
    fn node_count(&self) -> usize;

    /// The path from a root to the node, inclusive.
    fn path_to(&self, node: usize) -> Vec<usize> {
        let mut path = vec![node];
        let mut at = node;
        while let Some(p) = self.parent_of(at) {
            if path.len() > self.node_count() {
                break;
            }
            path.push(p);
            at = p;
        }
        path.reverse();
        path
    }
}

/// A document's tree and an aggregate both keep their nodes in a `nodes` vector, each naming
/// its parent and children, so one implementation serves both.
macro_rules! hierarchy_of_nodes {
    ($tree:ty) => {
        impl Hierarchy for $tree {
            fn parent_of(&self, node: usize) -> Option<usize> {
                self.nodes.get(node).and_then(|n| n.parent)
            }
            fn children_of(&self, node: usize) -> &[usize] {
                self.nodes.get(node).map_or(&[], |n| n.children.as_slice())
            }
            fn node_count(&self) -> usize {
                self.nodes.len()
            }
        }
    };
}

hierarchy_of_nodes!(Tree);
hierarchy_of_nodes!(crate::core::aggregate::Aggregate);
hierarchy_of_nodes!(crate::core::years::Years);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
    Code,
    /// The current year's amount.
    Amount,
    Change,
    Percent,
}

impl SortField {
    pub fn next(self) -> SortField {
        match self {
            SortField::Code => SortField::Amount,
            SortField::Amount => SortField::Change,
            SortField::Change => SortField::Percent,
            SortField::Percent => SortField::Code,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub field: SortField,
    pub descending: bool,
    /// Every leaf in one list instead of the tree (`f`).
    pub flat: bool,
}

impl Default for Sort {
    fn default() -> Sort {
        Sort {
            field: SortField::Code,
            descending: false,
            flat: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleRow {
    pub node: usize,
    /// 0 for roots and the total row.
    pub depth: usize,
    pub has_children: bool,
    pub expanded: bool,
    /// For each ancestor below the root: whether its guide line continues past this row.
    pub guides: Vec<bool>,
    /// Whether this is the last of its siblings (└ rather than ├).
    pub last: bool,
}

#[derive(Debug, Clone)]
pub struct TreeState {
    pub expanded: Vec<bool>,
    /// A node index, so that the selection survives sorting, scoping and view switches.
    pub selected: usize,
    pub offset: usize,
    /// The visible rows, built once after each change (`App::settle`) and read by everything
    /// else: moving, clicking, drawing.
    pub rows: Vec<VisibleRow>,
}

impl TreeState {
    /// Opens at the 类 level with the first root selected.
    pub fn new(tree: &Tree) -> TreeState {
        TreeState::with(tree.nodes.len(), tree.roots.first().copied())
    }

    /// `count` nodes, all collapsed, `first` (or the total) selected.
    pub fn with(count: usize, first: Option<usize>) -> TreeState {
        TreeState {
            expanded: vec![false; count],
            selected: first.unwrap_or(TOTAL),
            offset: 0,
            rows: Vec::new(),
        }
    }

    /// Selects a node, expanding its ancestors so that it is shown.
    pub fn reveal(&mut self, tree: &dyn Hierarchy, node: usize) {
        let path = tree.path_to(node);
        for &a in &path[..path.len().saturating_sub(1)] {
            self.set_expanded(a, true);
        }
        self.selected = node;
    }

    pub fn is_expanded(&self, node: usize) -> bool {
        self.expanded.get(node).copied().unwrap_or(false)
    }

    fn set_expanded(&mut self, node: usize, value: bool) {
        if let Some(e) = self.expanded.get_mut(node) {
            *e = value;
        }
    }

    /// Where the selection is among the visible rows.
    pub fn position(&self) -> Option<usize> {
        self.rows.iter().position(|r| r.node == self.selected)
    }

    pub fn select_index(&mut self, index: usize) {
        if let Some(row) = self.rows.get(index.min(self.rows.len().saturating_sub(1))) {
            self.selected = row.node;
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let at = self.position().unwrap_or(0);
        self.select_index(at.saturating_add_signed(delta));
    }

    /// The selected row, when it is shown.
    fn selected_row(&self) -> Option<(usize, VisibleRow)> {
        let at = self.position()?;
        Some((at, self.rows[at].clone()))
    }

    /// → on a collapsed node expands it (selection stays); on an expanded one goes to its first child.
    pub fn expand(&mut self) {
        let Some((at, row)) = self.selected_row() else {
            return;
        };
        if !row.has_children {
            return;
        }
        if row.expanded {
            self.select_index(at + 1);
        } else {
            self.set_expanded(row.node, true);
        }
    }

    /// ← on an expanded node collapses it; otherwise goes to the parent.
    pub fn collapse(&mut self, tree: &dyn Hierarchy) {
        let Some((_, row)) = self.selected_row() else {
            return;
        };
        if row.expanded {
            self.set_expanded(row.node, false);
        } else if let Some(parent) = tree.parent_of(row.node) {
            self.selected = parent;
        }
    }

    pub fn toggle(&mut self) {
        if let Some((_, row)) = self.selected_row() {
            if row.has_children {
                self.set_expanded(row.node, !row.expanded);
            }
        }
    }

    pub fn expand_all(&mut self, tree: &dyn Hierarchy) {
        for i in 0..tree.node_count() {
            self.set_expanded(i, !tree.children_of(i).is_empty());
        }
    }

    /// Collapses everything and moves the selection up to its root, which stays visible.
    pub fn collapse_all(&mut self, tree: &dyn Hierarchy) {
        self.expanded.iter_mut().for_each(|e| *e = false);
        if let Some(&root) = tree.path_to(self.selected).first() {
            self.selected = root;
        }
    }

    /// New visible rows; after a change of scope a selected node may be hidden: select its
    /// nearest shown ancestor. Then scroll the least needed to keep it within `height` rows.
    pub fn settle(&mut self, tree: &dyn Hierarchy, rows: Vec<VisibleRow>, height: usize) {
        self.rows = rows;
        if self.position().is_none() {
            let shown = tree
                .path_to(self.selected)
                .into_iter()
                .rev()
                .find(|&i| self.rows.iter().any(|r| r.node == i));
            match shown {
                Some(i) => self.selected = i,
                None => self.select_index(0),
            }
        }
        self.offset = scroll_offset(self.position().unwrap_or(0), self.offset, height);
        // After the window grows no row is left hidden above empty rows below.
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }
}

/// The first row to draw so that `selected` is inside a window of `height` rows.
pub fn scroll_offset(selected: usize, offset: usize, height: usize) -> usize {
    if height == 0 {
        return selected;
    }
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

/// Whether a node has anything to show in this comparison's scope.
fn shown(cmp: &Comparer, node: usize) -> bool {
    cmp.comparisons
        .get(node)
        .is_some_and(|c| c.cur.is_some() || c.prev.is_some())
}

/// The rows on screen: the expanded part of the tree in sort order, then the total row.
pub fn visible_rows(tree: &Tree, cmp: &Comparer, state: &TreeState, sort: Sort) -> Vec<VisibleRow> {
    let leaves: Vec<usize> = (0..tree.nodes.len())
        .filter(|&i| sort.flat && i != TOTAL && tree.nodes[i].children.is_empty())
        .collect();
    let children = |i: Option<usize>| -> Vec<usize> {
        let list = match (sort.flat, i) {
            (true, None) => &leaves,
            (true, Some(_)) => return Vec::new(),
            (false, None) => &tree.roots,
            (false, Some(i)) => &tree.nodes[i].children,
        };
        let mut kids: Vec<usize> = list.iter().copied().filter(|&c| shown(cmp, c)).collect();
        let keys = |i: usize| {
            let c = &cmp.comparisons[i];
            SortKeys {
                amount: c.cur.as_ref().map(|v| v.amount),
                change: c.change(),
                percent: c.percent(),
            }
        };
        sort_siblings(&mut kids, sort, keys, |i| tree.nodes[i].code.as_str());
        kids
    };
    let total = shown(cmp, TOTAL) || !tree.nodes[TOTAL].cells.is_empty();
    flatten(children, state, total)
}

/// Depth-first over the expanded part: `children(None)` gives the roots, in display order.
pub fn flatten(
    children: impl Fn(Option<usize>) -> Vec<usize>,
    state: &TreeState,
    total: bool,
) -> Vec<VisibleRow> {
    let mut rows = Vec::new();
    // Depth-first, carrying the guides of the ancestors.
    let mut stack: Vec<(usize, usize, Vec<bool>, bool)> = Vec::new();
    let roots = children(None);
    for (k, &r) in roots.iter().enumerate().rev() {
        stack.push((r, 0, Vec::new(), k + 1 == roots.len()));
    }
    while let Some((node, depth, guides, last)) = stack.pop() {
        let kids = children(Some(node));
        let expanded = state.is_expanded(node) && !kids.is_empty();
        if expanded {
            let mut child_guides = guides.clone();
            if depth > 0 {
                child_guides.push(!last);
            }
            for (k, &c) in kids.iter().enumerate().rev() {
                stack.push((c, depth + 1, child_guides.clone(), k + 1 == kids.len()));
            }
        }
        rows.push(VisibleRow {
            node,
            depth,
            has_children: !kids.is_empty(),
            expanded,
            guides,
            last,
        });
    }
    if total {
        rows.push(VisibleRow {
            node: TOTAL,
            depth: 0,
            has_children: false,
            expanded: false,
            guides: Vec::new(),
            last: true,
        });
    }
    rows
}

/// What siblings are sorted by, for a node of either tree (a document's or the sum's).
pub struct SortKeys {
    pub amount: Option<Amount>,
    pub change: Option<Amount>,
    pub percent: Percent,
}

/// The key a percent sorts by: no comparison lowest, then numbers, then 新增 (from nothing).
fn percent_key(p: Percent) -> (u8, Decimal) {
    match p {
        Percent::None => (0, Decimal::ZERO),
        Percent::Value(d) => (1, d),
        Percent::New => (2, Decimal::ZERO),
    }
}

/// Sorts siblings by the chosen field, ties (and `SortField::Code`) by code.
pub fn sort_siblings<'a>(
    kids: &mut [usize],
    sort: Sort,
    keys: impl Fn(usize) -> SortKeys,
    code: impl Fn(usize) -> &'a str,
) {
    kids.sort_by(|&a, &b| {
        let by = match sort.field {
            SortField::Code => Ordering::Equal,
            SortField::Amount => keys(a).amount.cmp(&keys(b).amount),
            SortField::Change => keys(a).change.cmp(&keys(b).change),
            SortField::Percent => percent_key(keys(a).percent).cmp(&percent_key(keys(b).percent)),
        };
        let o = by.then_with(|| code(a).cmp(code(b)));
        if sort.descending {
            o.reverse()
        } else {
            o
        }
    });
}
