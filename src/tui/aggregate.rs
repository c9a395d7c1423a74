//! The sum over every loaded department of the current document's year: computed once per
//! (year, classification) and kept; its own tree state, rows, sorting and contributor choice.

use super::app::App;
use super::tree_state::{flatten, percent_key, Hierarchy, Sort, SortField, TreeState, VisibleRow};
use crate::core::aggregate::{aggregate, AggNode, Aggregate};
use crate::core::amount::{percent_change, Amount};
use crate::core::collection::Collection;
use crate::core::compare::{Percent, Scope};
use crate::core::tree::{Classification, TOTAL};
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
    /// Departments whose prior year is their own document, and those from the printed column.
    pub own_prev: usize,
    pub printed_prev: usize,
}

impl AggView {
    pub fn new(collection: &Collection, year: i32, c: Classification) -> AggView {
        let agg = aggregate(collection, year, c, Scope::AllFunds);
        // Per document of the year: whether the department has its own prior-year document.
        let own: HashMap<usize, bool> = collection
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.fiscal_year == year)
            .map(|(i, d)| (i, collection.find(&d.department.code, year - 1).is_some()))
            .collect();
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
        let own_prev = own.values().filter(|&&o| o).count();
        AggView {
            departments: own.len(),
            own_prev,
            printed_prev: own.len() - own_prev,
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
        match self.node(i).and_then(|n| n.prev.map(|p| (p, n.total))) {
            None => Percent::None,
            Some((p, c)) => match percent_change(p, c) {
                Some(x) => Percent::Value(x),
                None if c.is_zero() => Percent::None,
                None => Percent::New,
            },
        }
    }
}

#[derive(Default)]
pub struct AggState {
    pub on: bool,
    cache: HashMap<(i32, Classification), AggView>,
    states: HashMap<(i32, Classification), TreeState>,
    /// While choosing a contributor (`c`): the cursor among the selected node's contributors.
    pub contributor: Option<usize>,
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

    /// Computes the aggregate of a year and classification the first time it is needed.
    pub fn ensure(&mut self, collection: &Collection, year: i32, c: Classification) {
        if self.cache.contains_key(&(year, c)) {
            return;
        }
        let view = AggView::new(collection, year, c);
        self.states.insert(
            (year, c),
            TreeState::with(view.agg.nodes.len(), view.agg.roots.first().copied()),
        );
        self.cache.insert((year, c), view);
    }
}

/// The visible rows of the aggregate tree of the current view, in sort order.
pub fn rows(app: &App, c: Classification) -> Vec<VisibleRow> {
    let year = app.doc().fiscal_year;
    let (Some(view), Some(state)) = (app.agg.view(year, c), app.agg.state(year, c)) else {
        return Vec::new();
    };
    let agg = &view.agg;
    let sort = app.sort;
    let children = |i: Option<usize>| -> Vec<usize> {
        let mut kids = match i {
            None => agg.roots.clone(),
            Some(i) => agg.children_of(i).to_vec(),
        };
        sort_siblings(view, sort, &mut kids);
        kids
    };
    flatten(children, state, !agg.nodes.is_empty())
}

fn sort_siblings(view: &AggView, sort: Sort, kids: &mut [usize]) {
    let code = |i: usize| view.node(i).map(|n| n.code.as_str()).unwrap_or("");
    kids.sort_by(|&a, &b| {
        let by = match sort.field {
            SortField::Code => std::cmp::Ordering::Equal,
            SortField::Amount => view
                .node(a)
                .map(|n| n.total)
                .cmp(&view.node(b).map(|n| n.total)),
            SortField::Change => view.change(a).cmp(&view.change(b)),
            SortField::Percent => percent_key(view.percent(a)).cmp(&percent_key(view.percent(b))),
        };
        let o = by.then_with(|| code(a).cmp(code(b)));
        if sort.descending {
            o.reverse()
        } else {
            o
        }
    });
}

/// The selected aggregate node of the current view, when the sum is shown.
pub fn selected(app: &App) -> Option<(Classification, usize)> {
    let c = app.view.classification()?;
    if !app.agg.on {
        return None;
    }
    let state = app.agg.state(app.doc().fiscal_year, c)?;
    Some((c, state.selected))
}

/// `a`: turns the sum on with the same code selected, or off back to the document, where the
/// code is selected too if the document has it.
pub fn toggle(app: &mut App) {
    let Some(c) = app.view.classification() else {
        return;
    };
    let year = app.doc().fiscal_year;
    app.agg.contributor = None;
    if app.agg.on {
        let code =
            selected(app).and_then(|(c, i)| app.agg.view(year, c)?.node(i).map(|n| n.code.clone()));
        app.agg.on = false;
        if let Some(code) = code.filter(|c| !c.is_empty()) {
            app.select_code(c, &code);
        }
        return;
    }
    app.agg.ensure(&app.collection, year, c);
    app.agg.on = true;
    let code = app.selected_code().unwrap_or("").to_string();
    if let Some((agg, state)) = app.agg.split(year, c) {
        match agg.get(&code) {
            Some(i) => state.reveal(agg, i),
            None if code.is_empty() => state.selected = TOTAL,
            None => {}
        }
    }
}

/// `c` and the keys while choosing: the cursor moves over the top contributors, Enter opens the
/// department's document at the same code.
pub fn contributors_key(app: &mut App, action: super::keys::Action) {
    use super::keys::Action;
    let Some((c, node)) = selected(app) else {
        app.agg.contributor = None;
        return;
    };
    let year = app.doc().fiscal_year;
    let Some(n) = app.agg.view(year, c).and_then(|v| v.node(node)) else {
        return;
    };
    let count = n.contributors.len().min(TOP);
    let code = n.code.clone();
    let doc = |k: usize| n.contributors.get(k).map(|(d, _)| *d);
    let at = app.agg.contributor.unwrap_or(0);
    match action {
        Action::Contributors if app.agg.contributor.is_none() && count > 0 => {
            app.agg.contributor = Some(0)
        }
        Action::Up => app.agg.contributor = Some(at.saturating_sub(1)),
        Action::Down => app.agg.contributor = Some((at + 1).min(count.saturating_sub(1))),
        Action::Expand => {
            if let Some(d) = doc(at) {
                app.agg.on = false;
                app.agg.contributor = None;
                app.open_document(d);
                if !code.is_empty() {
                    app.select_code(c, &code);
                }
            }
        }
        Action::Quit => app.quit = true,
        _ => app.agg.contributor = None,
    }
}
