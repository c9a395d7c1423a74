//! The search pane's state and its jumps. The index over every loaded document is built once,
//! on a background thread when the app starts; each keystroke only runs a query on it.

use super::app::{App, View};
use super::i18n::Msg;
use super::keys::Action;
use super::layout;
use super::views;
use crate::core::collection::Collection;
use crate::core::compare::Scope;
use crate::core::document::{FundScope, TableKind};
use crate::core::search::{Hit, Item, SearchIndex, Target};
use crate::core::tree::Classification;
use std::sync::Arc;
use std::thread::JoinHandle;

/// The most results a query shows.
pub const LIMIT: usize = 200;

enum Slot {
    Building(JoinHandle<SearchIndex>),
    Ready(Box<SearchIndex>),
    /// The build failed (it panicked): search finds nothing rather than taking the app down.
    Failed,
}

/// The results of the query that was last jumped from, for `n` / `N`.
pub struct LastSearch {
    pub query: String,
    pub hits: Vec<Hit>,
    pub at: usize,
}

pub struct SearchState {
    slot: Slot,
    pub open: bool,
    pub query: String,
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    pub offset: usize,
    pub last: Option<LastSearch>,
}

impl SearchState {
    pub fn new(collection: Arc<Collection>) -> SearchState {
        let build = std::thread::Builder::new()
            .name("yusuan-search-index".into())
            .spawn(move || {
                let docs: Vec<_> = collection.documents.iter().collect();
                SearchIndex::build(&docs)
            });
        SearchState {
            slot: match build {
                Ok(handle) => Slot::Building(handle),
                Err(_) => Slot::Failed,
            },
            open: false,
            query: String::new(),
            hits: Vec::new(),
            selected: 0,
            offset: 0,
            last: None,
        }
    }

    /// The index, waiting for the build if it is still running.
    pub fn index(&mut self) -> Option<&SearchIndex> {
        if let Slot::Building(_) = self.slot {
            let Slot::Building(handle) = std::mem::replace(&mut self.slot, Slot::Failed) else {
                return None;
            };
            if let Ok(index) = handle.join() {
                self.slot = Slot::Ready(Box::new(index));
            }
        }
        match &self.slot {
            Slot::Ready(index) => Some(index),
            _ => None,
        }
    }

    /// The index if it is built (drawing never waits).
    pub fn ready(&self) -> Option<&SearchIndex> {
        match &self.slot {
            Slot::Ready(index) => Some(index),
            _ => None,
        }
    }

    /// Runs the query typed so far.
    fn refresh(&mut self) {
        let query = self.query.clone();
        self.hits = self
            .index()
            .map(|index| index.search(&query, LIMIT))
            .unwrap_or_default();
        self.selected = 0;
        self.offset = 0;
    }

    /// The item of a hit.
    pub fn item(&self, hit: &Hit) -> Option<&Item> {
        self.ready()
            .filter(|index| hit.item < index.items().len())
            .map(|index| index.item(hit.item))
    }
}

/// `/`: opens the pane on an empty query. Nothing else changes until Enter, so Esc leaves the
/// user exactly where they were.
pub fn open(app: &mut App) {
    let s = &mut app.search;
    s.open = true;
    s.query.clear();
    s.hits.clear();
    s.selected = 0;
    s.offset = 0;
}

/// A key while the pane is open.
pub fn on_key(app: &mut App, action: Option<Action>, typed: Option<char>) {
    let page = result_rows(app).max(1);
    let s = &mut app.search;
    match action {
        Some(Action::Quit) => app.quit = true,
        Some(Action::Close) => s.open = false,
        Some(Action::Up) => s.selected = s.selected.saturating_sub(1),
        Some(Action::Down) => s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1)),
        Some(Action::PageUp) => s.selected = s.selected.saturating_sub(page),
        Some(Action::PageDown) => {
            s.selected = (s.selected + page).min(s.hits.len().saturating_sub(1))
        }
        Some(Action::Backspace) => {
            s.query.pop();
            s.refresh();
        }
        Some(Action::Expand) => {
            if !s.hits.is_empty() {
                let at = s.selected.min(s.hits.len() - 1);
                s.last = Some(LastSearch {
                    query: s.query.clone(),
                    hits: s.hits.clone(),
                    at,
                });
                s.open = false;
                jump_to_last(app);
            }
        }
        _ => {
            if let Some(c) = typed.filter(|c| !c.is_control()) {
                if s.query.chars().count() < crate::core::search::MAX_QUERY_CHARS * 4 {
                    s.query.push(c);
                    s.refresh();
                }
            }
        }
    }
    let rows = result_rows(app);
    let s = &mut app.search;
    s.offset = super::tree_state::scroll_offset(s.selected, s.offset, rows);
}

/// How many result rows the pane shows at the app's size.
pub fn result_rows(app: &App) -> usize {
    (views::list::pane_area(app.size).height as usize).saturating_sub(5)
}

/// `n` / `N`: the next or previous match of the last search, jumping there.
pub fn step(app: &mut App, by: isize) {
    let Some(last) = app.search.last.as_mut() else {
        app.status = Some(app.text(Msg::NoLastSearch).to_string());
        return;
    };
    let n = last.hits.len() as isize;
    last.at = (last.at as isize + by).rem_euclid(n.max(1)) as usize;
    jump_to_last(app);
}

fn jump_to_last(app: &mut App) {
    let Some(last) = &app.search.last else {
        return;
    };
    let (at, total, query) = (last.at, last.hits.len(), last.query.clone());
    let Some(item) = last.hits.get(at).and_then(|h| app.search.item(h)).cloned() else {
        return;
    };
    jump(app, &item);
    app.status = Some(format!("/{query}  {}/{total}  {}", at + 1, item.name));
}

/// Shows where an item lives: its document, its view, its row.
pub fn jump(app: &mut App, item: &Item) {
    app.open_document(item.doc);
    app.agg.on = false;
    app.mark = None;
    if let Target::Node {
        classification,
        code,
    } = &item.target
    {
        jump_to_node(app, *classification, code);
        return;
    }
    let (view, anchors) = text_target(app, item);
    app.view = view;
    let width = layout::areas(app.size, false).main.width;
    let lines: Vec<String> = views::text_lines(app, view, width)
        .iter()
        .map(|l| l.to_string())
        .collect();
    if let Some(line) = locate(&lines, &anchors) {
        app.scroll[view.index()] = line;
        app.mark = Some((view, line));
    }
}

fn jump_to_node(app: &mut App, c: Classification, code: &str) {
    app.view = match c {
        Classification::Functional => View::Functional,
        Classification::Economic => View::Economic,
    };
    if c == Classification::Functional && app.scope != Scope::AllFunds {
        let shown = app.model.functional.tree.get(code).is_some_and(|i| {
            let cmp = app.model.functional.comparer(app.scope).get(i);
            cmp.cur.is_some() || cmp.prev.is_some()
        });
        if !shown {
            app.scope = Scope::AllFunds;
        }
    }
    app.select_code(c, code);
}

/// What a line must contain, in order: the table's title, then the row.
#[derive(Debug, Clone)]
pub enum Anchor {
    Starts(String),
    Contains(Vec<String>),
}

fn text_target(app: &App, item: &Item) -> (View, Vec<Anchor>) {
    let doc = app.doc();
    let title = |id: &str| Anchor::Starts(format!("{id} "));
    let names = |n: &[&str]| {
        Anchor::Contains(
            n.iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_string())
                .collect(),
        )
    };
    match &item.target {
        Target::Node { .. } => (View::Functional, Vec::new()),
        Target::TableRow { table_id, .. } => {
            let view = doc
                .table(table_id)
                .map(|t| match (t.kind, t.scope) {
                    (TableKind::Procurement, _) => View::Procurement,
                    (TableKind::Functional, FundScope::GovFund) => View::GovFund,
                    (TableKind::Sangong, _) => View::Sangong,
                    (TableKind::Performance, _) => View::Performance,
                    _ => View::Summary,
                })
                .unwrap_or(View::Summary);
            (view, vec![title(table_id), names(&[&item.name])])
        }
        Target::TableCell {
            table_id, column, ..
        } => {
            let header = doc
                .table(table_id)
                .and_then(|t| t.column(column))
                .map(|c| c.header.clone())
                .unwrap_or_default();
            (
                View::Sangong,
                vec![title(table_id), names(&[&item.name, &header])],
            )
        }
        Target::Project { table_id } => (View::Performance, vec![title(table_id)]),
        Target::Indicator { table_id, .. } => (
            View::Performance,
            vec![title(table_id), names(&[&item.name])],
        ),
        Target::Glossary { .. } => (
            View::Narrative,
            vec![
                Anchor::Contains(vec![app.text(Msg::Glossary).to_string()]),
                names(&[&item.name]),
            ],
        ),
        Target::Narrative { section_index } => {
            let heading = doc
                .sections
                .get(*section_index)
                .map(|s| format!("{}、{}", s.number, s.title))
                .unwrap_or_else(|| item.name.clone());
            (View::Narrative, vec![names(&[&heading, &item.name])])
        }
    }
}

/// The line of the last anchor found, each searched for after the one before; an anchor that
/// is not found (a name cut short on a narrow screen) leaves the previous one's line. Names are
/// tried whole, then by their first few characters.
pub fn locate(lines: &[String], anchors: &[Anchor]) -> Option<usize> {
    let mut found: Option<usize> = None;
    for anchor in anchors {
        let from = found.unwrap_or(0);
        let hit = |pred: &dyn Fn(&str) -> bool| {
            lines
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, l)| pred(l))
                .map(|(i, _)| i)
        };
        let at = match anchor {
            Anchor::Starts(prefix) => hit(&|l: &str| l.starts_with(prefix.as_str())),
            Anchor::Contains(options) => options
                .iter()
                .find_map(|o| hit(&|l: &str| l.contains(o.as_str())))
                .or_else(|| {
                    options.iter().find_map(|o| {
                        let head: String = o.chars().take(4).collect();
                        hit(&|l: &str| l.contains(head.as_str()))
                    })
                }),
        };
        match at {
            Some(i) => found = Some(i),
            None => break,
        }
    }
    found
}
