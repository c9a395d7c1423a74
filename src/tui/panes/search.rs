//! The search pane's state. The index over every loaded document is built once (or, for a
//! folder read from its cache, the cached index is read once), on a background thread when the
//! app starts; each keystroke only runs a query on it.

use super::filter_list::{FilterList, ListEvent};
use super::Outcome;
use crate::cache::documents::CachedDocuments;
use crate::core::progress::Counter;
use crate::core::search::{Hit, Item, SearchIndex};
use crate::library::Library;
use crate::tui::keys::Action;
use std::collections::HashMap;
use std::sync::Arc;
use std::thread::JoinHandle;

/// The most results a query shows.
pub const LIMIT: usize = 200;

/// The index is still being built.
struct Building;

/// What a query runs on.
enum Engine {
    /// Built over the loaded documents: it holds every item.
    Built(Box<SearchIndex>),
    /// The cache's index: its items are read for the hits alone.
    Cached(Arc<CachedDocuments>),
}

enum Slot {
    /// Not started: the first frame does not share the cores with it (`start`).
    Waiting(Library),
    Building(JoinHandle<Engine>),
    Ready(Box<Engine>),
    /// The build failed (it panicked): search finds nothing rather than taking the app down.
    Failed,
}

/// The results of the query that was last jumped from, for `n` / `N`.
pub struct LastSearch {
    pub query: String,
    pub hits: Vec<Hit>,
    pub at: usize,
}

pub struct Search {
    slot: Slot,
    pub list: FilterList,
    pub hits: Vec<Hit>,
    pub last: Option<LastSearch>,
    /// The items of the hits shown and of the last search's, by item, when the engine does not
    /// hold them (the cache's).
    found: HashMap<usize, Item>,
    /// The cache's index did not read: the pane says nothing was found, the app says why.
    pub unreadable: bool,
    /// A query was typed while the index was being built (a folder of 100,000 documents
    /// cached by `show` builds it from the cache: seconds): the pane says so, and the query
    /// runs once it is built (`poll`), the keys meanwhile handled as usual.
    pub waiting: bool,
    /// Set by the event loop, which asks `poll` between events: only then does a query wait
    /// for the index instead of blocking until it is built (an app driven without the loop,
    /// as the tests drive it, gets its results at once).
    pub polled: bool,
    /// How far the index's build has got, when it is built from the cache.
    pub building: Arc<Counter>,
}

impl Search {
    pub fn new(library: &Library) -> Search {
        Search {
            slot: Slot::Waiting(library.clone()),
            list: FilterList::default(),
            hits: Vec::new(),
            last: None,
            found: HashMap::new(),
            unreadable: false,
            waiting: false,
            polled: false,
            building: Arc::default(),
        }
    }

    /// Starts building (or reading) the index in the background, once.
    pub fn start(&mut self) {
        let Slot::Waiting(_) = self.slot else {
            return;
        };
        let Slot::Waiting(library) = std::mem::replace(&mut self.slot, Slot::Failed) else {
            return;
        };
        let counter = Arc::clone(&self.building);
        let build = std::thread::Builder::new()
            .name("yusuan-search-index".into())
            .spawn(move || match library {
                Library::Loaded(collection) => {
                    let docs: Vec<_> = collection.documents.iter().collect();
                    Engine::Built(Box::new(SearchIndex::build(&docs)))
                }
                Library::Cached(documents) => {
                    // Read now, so that the first query does not wait for it.
                    documents.search_index(Some(&counter));
                    Engine::Cached(documents)
                }
            });
        self.slot = match build {
            Ok(handle) => Slot::Building(handle),
            Err(_) => Slot::Failed,
        };
    }

    /// The engine, once it is built; `Err` while it is being built.
    fn engine(&mut self) -> Result<Option<&Engine>, Building> {
        self.start();
        if self.polled && matches!(&self.slot, Slot::Building(h) if !h.is_finished()) {
            return Err(Building);
        }
        if let Slot::Building(_) = self.slot {
            let Slot::Building(handle) = std::mem::replace(&mut self.slot, Slot::Failed) else {
                return Ok(None);
            };
            if let Ok(engine) = handle.join() {
                self.slot = Slot::Ready(Box::new(engine));
            }
        }
        Ok(match &self.slot {
            Slot::Ready(engine) => Some(engine),
            _ => None,
        })
    }

    /// Runs the query that waited for the index, once the index is built; true when it ran
    /// (the frame is to be drawn again). The event loop asks between events.
    pub fn poll(&mut self) -> bool {
        if !self.waiting || matches!(&self.slot, Slot::Building(h) if !h.is_finished()) {
            return false;
        }
        self.refresh();
        true
    }

    /// The item of a hit, if the index is built (drawing never waits).
    pub fn item(&self, hit: &Hit) -> Option<&Item> {
        match &self.slot {
            Slot::Ready(engine) => match &**engine {
                Engine::Built(index) => index.items().get(hit.item),
                Engine::Cached(_) => self.found.get(&hit.item),
            },
            _ => None,
        }
    }

    /// `/`: an empty query. Nothing else changes until Enter, so Esc leaves the user exactly
    /// where they were.
    pub fn open(&mut self) {
        self.list.clear();
        self.hits.clear();
        self.waiting = false;
    }

    /// Runs the query typed so far (or, while the index is built, notes it for `poll`).
    fn refresh(&mut self) {
        let query = self.list.query.clone();
        let engine = self.engine();
        let waiting = engine.is_err() && !query.trim().is_empty();
        let found = match engine {
            Ok(Some(Engine::Built(index))) => Some((index.search(&query, LIMIT), Vec::new())),
            Ok(Some(Engine::Cached(documents))) => documents.search(&query, LIMIT).map(|f| {
                f.hits
                    .into_iter()
                    .map(|(hit, item, _)| {
                        let k = hit.item;
                        (hit, (k, item))
                    })
                    .unzip()
            }),
            // Being built (`poll` runs the query then), or failed: nothing found.
            Ok(None) | Err(Building) => Some(Default::default()),
        };
        self.waiting = waiting;
        self.unreadable = found.is_none();
        let (hits, items) = found.unwrap_or_default();
        self.hits = hits;
        // The last search's items are kept for n / N.
        let last: Vec<usize> = self
            .last
            .iter()
            .flat_map(|l| &l.hits)
            .map(|h| h.item)
            .collect();
        self.found.retain(|k, _| last.contains(k));
        self.found.extend(items);
        self.list.reset();
    }

    /// A key while the pane is open; `rows` is how many results it shows.
    pub fn on_key(&mut self, action: Option<Action>, typed: Option<char>, rows: usize) -> Outcome {
        let event = self.list.on_key(action, typed, self.hits.len(), rows);
        let outcome = match event {
            ListEvent::None => Outcome::Stay,
            ListEvent::Query => {
                self.refresh();
                Outcome::Stay
            }
            ListEvent::Choose if self.hits.is_empty() => Outcome::Stay,
            ListEvent::Choose => {
                let at = self.list.selected.min(self.hits.len() - 1);
                self.last = Some(LastSearch {
                    query: self.list.query.clone(),
                    hits: self.hits.clone(),
                    at,
                });
                self.current().unwrap_or(Outcome::Close)
            }
            ListEvent::Close => Outcome::Close,
            ListEvent::Quit => Outcome::Quit,
        };
        self.list.keep_visible(rows);
        outcome
    }

    /// `n` / `N`: the next or previous match of the last search; `None` when there was none.
    pub fn step(&mut self, by: isize) -> Option<Outcome> {
        let last = self.last.as_mut()?;
        let n = last.hits.len() as isize;
        last.at = (last.at as isize + by).rem_euclid(n.max(1)) as usize;
        Some(self.current().unwrap_or(Outcome::Stay))
    }

    /// The jump to the current match of the last search.
    fn current(&self) -> Option<Outcome> {
        let last = self.last.as_ref()?;
        let item = last.hits.get(last.at).and_then(|h| self.item(h))?.clone();
        let status = format!(
            "/{}  {}/{}  {}",
            last.query,
            last.at + 1,
            last.hits.len(),
            item.name
        );
        Some(Outcome::Jump {
            item: Box::new(item),
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::Collection;
    use crate::core::load::bundled;

    /// A query typed while the index is being built waits without blocking the keys, says so,
    /// and runs once the index is built.
    #[test]
    fn a_query_typed_while_the_index_is_built_runs_once_it_is() {
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let build = std::thread::spawn(move || {
            wait.recv().ok();
            Engine::Built(Box::new(SearchIndex::build(&[&bundled()])))
        });
        let library = Library::Loaded(Arc::new(Collection::single(bundled())));
        let mut search = Search::new(&library);
        search.slot = Slot::Building(build);
        search.polled = true;
        search.open();
        for c in "2080505".chars() {
            search.on_key(None, Some(c), 10);
        }
        assert_eq!(search.list.query, "2080505");
        assert!(search.waiting, "the query waits for the index");
        assert!(search.hits.is_empty());
        assert!(!search.poll(), "nothing to run while the index is built");
        go.send(()).unwrap();
        let start = std::time::Instant::now();
        while !search.poll() {
            assert!(start.elapsed().as_secs() < 30, "the index is never built");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(!search.waiting);
        let first = search.hits.first().expect("the query ran");
        assert_eq!(search.item(first).unwrap().code, "2080505");
        assert!(!search.poll(), "it runs once");
    }
}
