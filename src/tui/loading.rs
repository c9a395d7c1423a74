//! Starting before the folder has loaded. The browser takes the terminal at once and draws
//! either a preview (the first document and every document's card, from a fresh cache: the
//! picker over the first document, as it will look once loaded) or a loading screen, while a
//! thread loads the whole collection; the app then swaps it in (`App::loaded`).

use crate::core::card::Card;
use crate::core::collection::Collection;
use crate::core::document::Document;
use crate::core::load::LoadError;
use crate::core::progress::Counter;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;

/// Loads the whole collection, counting files into the counter.
pub type Load = Box<dyn FnOnce(&Counter) -> Result<Collection, LoadError> + Send>;

/// What the browser starts on.
pub enum Start {
    /// The collection, already loaded.
    Loaded(Collection),
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
    Done(Result<Collection, LoadError>),
}

/// The loading thread, seen from the event loop.
pub struct Loader {
    counter: Arc<Counter>,
    result: Receiver<Result<Collection, LoadError>>,
    last: (usize, usize),
}

impl Loader {
    pub fn spawn(load: Load) -> Loader {
        let counter = Arc::new(Counter::default());
        let (send, result) = mpsc::channel();
        let theirs = Arc::clone(&counter);
        // Not joined: quitting ends the process, whatever the thread is doing. A thread that
        // cannot start drops `send` with its closure, and `poll` reports the load as failed.
        let _ = std::thread::Builder::new()
            .name("yusuan-load".into())
            .spawn(move || {
                let _ = send.send(load(&theirs));
            });
        Loader {
            counter,
            result,
            last: (0, 0),
        }
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
        let now = self.counter.get();
        (now != self.last).then(|| {
            self.last = now;
            News::Progress(now.0, now.1)
        })
    }
}
