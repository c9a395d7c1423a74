//! Starting before the folder has loaded. The browser takes the terminal at once and draws
//! either a preview (the first document and every document's card, from a fresh cache: the
//! picker over the first document, as it will look once loaded) or a loading screen, while a
//! thread loads the folder (the whole collection, or its cache made fresh and read as needed);
//! the app then swaps it in (`App::loaded_library`).

use crate::cache::documents::CachedDocuments;
use crate::core::card::Card;
use crate::core::collection::Collection;
use crate::core::document::Document;
use crate::core::load::LoadError;
use crate::core::progress::Counter;
use crate::library::Library;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the progress is drawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Loads the whole collection, counting files into the counter.
pub type Load = Box<dyn FnOnce(&Counter) -> Result<Loaded, LoadError> + Send>;

/// Work on the collection once the browser has it.
pub type Then = Box<dyn FnOnce(&Collection) + Send>;

/// The documents, and what to do with a whole collection once the browser has it: writing the
/// load cache, which the browser need not wait for.
pub struct Loaded {
    pub library: Library,
    pub then: Option<Then>,
}

/// What the browser starts on.
pub enum Start {
    /// The collection, already loaded.
    Loaded(Collection),
    /// A folder's fresh cache, its documents read as they are needed (never all held).
    Cached(Arc<CachedDocuments>),
    /// The collection of `total` files still to load with `load`, after the first frame.
    Loading {
        total: usize,
        preview: Option<Box<Preview>>,
        load: Load,
    },
}

/// What a fresh cache gives at once: the collection's first document and every document's card
/// in the collection's order.
pub struct Preview {
    pub first: Document,
    pub cards: Vec<Card>,
}

impl Preview {
    /// Whether the first screen is the one the preview can draw: a folder of one department's
    /// years opens on its latest year side by side, which needs every document of it.
    pub fn shows_first_screen(&self) -> bool {
        let one = self
            .cards
            .iter()
            .all(|c| c.code == self.first.department.code);
        self.cards.len() == 1 || !one
    }
}

/// The app's side of a load in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub done: usize,
    pub total: usize,
    /// Nothing of the folder to show yet: the loading screen covers everything.
    pub blank: bool,
}

/// What the loading thread has to say.
pub enum News {
    Progress(usize, usize),
    Done(Result<Library, LoadError>),
}

/// The loading thread, seen from the event loop.
pub struct Loader {
    thread: Option<JoinHandle<()>>,
    counter: Arc<Counter>,
    result: Receiver<Result<Library, LoadError>>,
    last: (usize, usize),
    /// When the progress was last told.
    told: Instant,
}

impl Loader {
    pub fn spawn(load: Load) -> Loader {
        let counter = Arc::new(Counter::default());
        let (send, result) = mpsc::channel();
        let theirs = Arc::clone(&counter);
        // Not joined while loading: quitting ends the process at once. A thread that cannot
        // start drops `send` with its closure, and `poll` reports the load as failed.
        let thread = std::thread::Builder::new()
            .name("yusuan-load".into())
            .spawn(move || match load(&theirs) {
                Ok(Loaded { library, then }) => {
                    let _ = send.send(Ok(library.clone()));
                    if let (Some(then), Library::Loaded(collection)) = (then, &library) {
                        then(collection);
                    }
                }
                Err(e) => {
                    let _ = send.send(Err(e));
                }
            });
        Loader {
            thread: thread.ok(),
            counter,
            result,
            last: (0, 0),
            told: Instant::now(),
        }
    }

    /// The thread, once it has delivered the collection: it may be writing the load cache,
    /// which quitting waits for (after giving the terminal back) so that the next start is fast.
    pub fn into_writing(self) -> Option<JoinHandle<()>> {
        self.thread.filter(|t| !t.is_finished())
    }

    /// The collection when it has arrived, else the progress when it changed.
    pub fn poll(&mut self) -> Option<News> {
        match self.result.try_recv() {
            Ok(result) => return Some(News::Done(result)),
            Err(TryRecvError::Disconnected) => {
                return Some(News::Done(Err(LoadError {
                    file: String::new(),
                    place: String::new(),
                    problem: "loading stopped unexpectedly".into(),
                })))
            }
            Err(TryRecvError::Empty) => {}
        }
        // A few frames a second: the count changes with every file, and a frame each time would
        // take a core from the load.
        if self.told.elapsed() < PROGRESS_EVERY {
            return None;
        }
        let now = self.counter.get();
        (now != self.last).then(|| {
            self.last = now;
            self.told = Instant::now();
            News::Progress(now.0, now.1)
        })
    }
}
