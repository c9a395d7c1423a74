//! The sum over every loaded department of the current document's year: computed once per
//! (year, classification) and kept, with its own tree state and rows.

use super::tree_state::{flatten, sort_siblings, Hierarchy, Sort, SortKeys, TreeState, VisibleRow};
use crate::core::aggregate::{AggNode, Aggregate, Summer};
use crate::core::amount::Amount;
use crate::core::compare::{Percent, Scope};
use crate::core::tree::Classification;
use crate::library::Library;
use std::collections::HashMap;

/// Where a node's prior-year figure came from, over its departments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrevMark {
    /// Every department's own prior-year document.
    Own,
    /// Every department's prior-year column printed in this year's document.
    Printed,
    Mixed,
    None,
}

/// An aggregate with what drawing needs precomputed.
pub struct AggView {
    pub agg: Aggregate,
    pub marks: Vec<PrevMark>,
    /// How many departments (documents of the year) it sums.
    pub departments: usize,
}

impl AggView {
    /// The sums of a year over the library in `classifications`, each document read once
    /// (from a cache, one at a time: the sum never holds the folder); `None` when a document
    /// does not read.
    pub fn of(
        library: &Library,
        year: i32,
        classifications: &[Classification],
    ) -> Option<Vec<AggView>> {
        let mut sums: Vec<Summer> = classifications
            .iter()
            .map(|&c| Summer::new(year, c, Scope::AllFunds))
            .collect();
        // Per document of the year: whether the department has its own prior-year document.
        let mut own: HashMap<usize, bool> = HashMap::new();
        library.each_of_year(year, |i, doc, prior| {
            own.insert(i, prior.is_some());
            for sum in &mut sums {
                sum.add(i, doc, prior);
            }
        })?;
        Some(
            sums.into_iter()
                .map(|sum| AggView::marked(sum.finish(), &own))
                .collect(),
        )
    }

    /// The aggregate with each node's mark, from whether each document's department has its
    /// own prior-year document.
    fn marked(agg: Aggregate, own: &HashMap<usize, bool>) -> AggView {
        let marks = agg
            .nodes
            .iter()
            .map(|n| {
                if n.prev.is_none() {
                    return PrevMark::None;
                }
                let mut kinds = n
                    .contributors
                    .iter()
                    .map(|(d, _)| own.get(d) == Some(&true));
                let first = kinds.next();
                match first {
                    None => PrevMark::None,
                    Some(f) if kinds.all(|k| k == f) => {
                        if f {
                            PrevMark::Own
                        } else {
                            PrevMark::Printed
                        }
                    }
                    Some(_) => PrevMark::Mixed,
                }
            })
            .collect();
        AggView {
            departments: own.len(),
            marks,
            agg,
        }
    }

    pub fn node(&self, i: usize) -> Option<&AggNode> {
        self.agg.nodes.get(i)
    }

    pub fn change(&self, i: usize) -> Option<Amount> {
        let n = self.node(i)?;
        n.prev.map(|p| n.total - p)
    }

    pub fn percent(&self, i: usize) -> Percent {
        Percent::of(
            self.node(i).and_then(|n| n.prev),
            self.node(i).map(|n| n.total),
        )
    }

    /// The visible rows of the sum's tree, in sort order.
    fn rows(&self, state: &TreeState, sort: Sort) -> Vec<VisibleRow> {
        let agg = &self.agg;
        let code = |i: usize| self.node(i).map(|n| n.code.as_str()).unwrap_or("");
        let keys = |i: usize| SortKeys {
            amount: self.node(i).map(|n| n.total),
            change: self.change(i),
            percent: self.percent(i),
        };
        let children = |i: Option<usize>| -> Vec<usize> {
            let mut kids = match (sort.flat, i) {
                // Every department's leaves are summed into one node per code: across them all.
                (true, None) => (0..agg.nodes.len())
                    .filter(|&n| n != crate::core::tree::TOTAL && agg.children_of(n).is_empty())
                    .collect(),
                (true, Some(_)) => Vec::new(),
                (false, None) => agg.roots.clone(),
                (false, Some(i)) => agg.children_of(i).to_vec(),
            };
            sort_siblings(&mut kids, sort, keys, code);
            kids
        };
        flatten(children, state, !agg.nodes.is_empty())
    }
}

/// Every sum computed so far, with its tree state, by year and classification.
#[derive(Default)]
pub struct AggState {
    cache: HashMap<(i32, Classification), AggView>,
    states: HashMap<(i32, Classification), TreeState>,
}

/// The most contributors the detail pane lists.
pub const TOP: usize = 20;

impl AggState {
    pub fn view(&self, year: i32, c: Classification) -> Option<&AggView> {
        self.cache.get(&(year, c))
    }

    pub fn state(&self, year: i32, c: Classification) -> Option<&TreeState> {
        self.states.get(&(year, c))
    }

    /// The aggregate and its tree state, for moving about.
    pub fn split(&mut self, year: i32, c: Classification) -> Option<(&Aggregate, &mut TreeState)> {
        let view = self.cache.get(&(year, c))?;
        let state = self.states.get_mut(&(year, c))?;
        Some((&view.agg, state))
    }

    /// Computes the aggregate of a year and classification the first time it is needed; false
    /// when the library does not read. From a cache both classifications are summed at once:
    /// reading every document is most of the cost, and `2` after `1` should not pay it again.
    pub fn ensure(&mut self, library: &Library, year: i32, c: Classification) -> bool {
        if self.cache.contains_key(&(year, c)) {
            return true;
        }
        let both = [Classification::Functional, Classification::Economic];
        let wanted: Vec<Classification> = match library {
            Library::Cached(_) => both
                .into_iter()
                .filter(|k| !self.cache.contains_key(&(year, *k)))
                .collect(),
            Library::Loaded(_) => vec![c],
        };
        let Some(views) = AggView::of(library, year, &wanted) else {
            return false;
        };
        for (k, view) in wanted.into_iter().zip(views) {
            self.states.insert(
                (year, k),
                TreeState::with(view.agg.nodes.len(), view.agg.roots.first().copied()),
            );
            self.cache.insert((year, k), view);
        }
        true
    }

    /// New visible rows for the sum of a year and classification, the selection kept on one.
    pub fn settle(&mut self, year: i32, c: Classification, sort: Sort, height: usize) {
        let (Some(view), Some(state)) =
            (self.cache.get(&(year, c)), self.states.get_mut(&(year, c)))
        else {
            return;
        };
        let rows = view.rows(state, sort);
        state.settle(&view.agg, rows, height);
    }
}
