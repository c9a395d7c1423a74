//! The year columns: one department's documents of several years side by side in the tree
//! views. Built once per (classification, scope) and kept, each with its own tree state; which
//! two years are compared, whether every year is shown, and the display unit.

use super::tree_state::{flatten, sort_siblings, Hierarchy, Sort, SortKeys, TreeState, VisibleRow};
use crate::core::aggregate::cross_year_checks;
use crate::core::checks::{Check, Status};
use crate::core::collection::Collection;
use crate::core::compare::Scope;
use crate::core::tree::{Classification, TOTAL};
use crate::core::years::{Change, Years};
use crate::library::Library;
use std::collections::HashMap;

#[derive(Default)]
pub struct YearsState {
    /// The tree views show the year columns.
    pub on: bool,
    /// The department whose years are shown ("" before the first use).
    pub department: String,
    /// The columns compared (indices into the year columns): earlier, later.
    pub pair: (usize, usize),
    /// Every year's column at once, not only the pair.
    pub all: bool,
    /// The display unit (万元 or 元); empty until the first build sets the default.
    pub unit: String,
    /// The cross-year checks of the department that do not pass exactly (detail pane).
    pub checks: Vec<Check>,
    /// The department's documents, ascending by year (the columns' `document` indexes them),
    /// read once when it is opened: the year columns never need the whole folder.
    pub documents: Collection,
    /// Their indices in the library.
    pub indices: Vec<usize>,
    cache: HashMap<(Classification, Scope), (Years, TreeState)>,
}

/// The pairs a key cycles through, latest first: each year against the one before it, then the
/// first against the last.
pub fn pairs(columns: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = (1..columns).rev().map(|k| (k - 1, k)).collect();
    if columns > 2 {
        out.push((0, columns - 1));
    }
    out
}

impl YearsState {
    /// Starts on a department (or keeps it): the latest year against the one before it. False
    /// when its documents do not read (a cache replaced or damaged underneath).
    pub fn open(&mut self, library: &Library, department: &str) -> bool {
        if self.department == department {
            return true;
        }
        let Some((documents, indices)) = library.department(department) else {
            return false;
        };
        self.cache.clear();
        self.department = department.to_string();
        self.pair = pairs(indices.len()).first().copied().unwrap_or((0, 0));
        self.all = false;
        self.unit.clear();
        self.checks = cross_year_checks(&documents)
            .into_iter()
            .filter(|c| c.status != Status::Pass)
            .collect();
        self.documents = documents;
        self.indices = indices;
        true
    }

    pub fn get(&self, c: Classification, scope: Scope) -> Option<&(Years, TreeState)> {
        self.cache.get(&(c, scope))
    }

    pub fn split(&mut self, c: Classification, scope: Scope) -> Option<(&Years, &mut TreeState)> {
        self.cache.get_mut(&(c, scope)).map(|(y, s)| (&*y, s))
    }

    /// Builds the years of a classification and scope the first time they are needed.
    pub fn ensure(&mut self, c: Classification, scope: Scope) {
        if self.department.is_empty() || self.cache.contains_key(&(c, scope)) {
            return;
        }
        let years = Years::build(&self.documents, &self.department, c, scope);
        if self.unit.is_empty() {
            self.unit = years.default_unit().to_string();
        }
        let state = TreeState::with(years.nodes.len(), years.roots.first().copied());
        self.cache.insert((c, scope), (years, state));
    }

    /// Selects a code in the years of a tree view (built if needed); the total for "".
    pub fn reveal(&mut self, c: Classification, scope: Scope, code: &str) {
        self.ensure(c, scope);
        if let Some((years, state)) = self.split(c, scope) {
            match years.get(code) {
                Some(i) => state.reveal(years, i),
                None if code.is_empty() => state.selected = TOTAL,
                None => {}
            }
        }
    }

    /// The next pair of years to compare.
    pub fn next_pair(&mut self) {
        let Some((years, _)) = self.cache.values().next() else {
            return;
        };
        let all = pairs(years.columns.len());
        let at = all.iter().position(|p| *p == self.pair);
        self.pair = match at {
            Some(i) => all[(i + 1) % all.len()],
            None => all.first().copied().unwrap_or((0, 0)),
        };
    }

    pub fn toggle_unit(&mut self) {
        self.unit = if self.unit == "元" { "万元" } else { "元" }.to_string();
    }

    /// The change of a node between the compared years.
    pub fn change(&self, years: &Years, node: usize) -> Change {
        years.change(node, self.pair.0, self.pair.1, &self.unit)
    }

    /// New visible rows for the years of a classification, the selection kept on one.
    pub fn settle(&mut self, c: Classification, scope: Scope, sort: Sort, height: usize) {
        let (pair, unit) = (self.pair, self.unit.clone());
        let Some((years, state)) = self.cache.get_mut(&(c, scope)) else {
            return;
        };
        let rows = rows(years, state, sort, pair, &unit);
        state.settle(&*years, rows, height);
    }
}

/// The visible rows: every code printed in any year, in sort order, then the total row.
fn rows(
    years: &Years,
    state: &TreeState,
    sort: Sort,
    (from, to): (usize, usize),
    unit: &str,
) -> Vec<VisibleRow> {
    let code = |i: usize| years.nodes.get(i).map_or("", |n| n.code.as_str());
    let keys = |i: usize| {
        let change = years.change(i, from, to, unit);
        SortKeys {
            amount: years.amount(i, to, unit),
            change: change.amount(),
            percent: change.percent(),
        }
    };
    let children = |i: Option<usize>| -> Vec<usize> {
        let mut kids = match i {
            None => years.roots.clone(),
            Some(i) => years.children_of(i).to_vec(),
        };
        sort_siblings(&mut kids, sort, keys, code);
        kids
    };
    let total = years
        .nodes
        .get(TOTAL)
        .is_some_and(|n| n.amounts.iter().any(Option::is_some));
    flatten(children, state, total)
}
