//! The app while the folder loads (see `loading`): started on a preview or on the loading
//! screen, told the progress, then handed the whole collection, which it swaps in keeping what
//! the user sees (the document, what covers it, the cursors).

use crate::core::collection::Collection;
use crate::core::document::{Department, Document, DocumentKind, FORMAT};
use crate::library::Library;
use crate::tui::app::{App, Options};
use crate::tui::i18n::Msg;
use crate::tui::keys::{self, Action, Context};
use crate::tui::loading::{Loading, Preview};
use crate::tui::overlay::Overlay;
use crate::tui::panes::picker::Picker;
use crate::tui::panes::search::Search;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::Rect;
use std::sync::Arc;

impl App {
    /// The first screen of a folder from its preview: the picker (of every document) over the
    /// first document, as `from_collection` opens the whole folder.
    pub fn from_preview(preview: Preview, total: usize, options: Options) -> App {
        let Preview { first, cards } = preview;
        let mut app = App::from_collection(Collection::single(first), options);
        app.picker = Picker::from_cards(cards);
        if app.picker.rows.len() > 1 {
            app.overlay = Overlay::Picker;
        }
        app.loading = Some(Loading {
            done: 0,
            total,
            blank: false,
        });
        app
    }

    /// The loading screen, until the collection of `total` files arrives.
    pub fn waiting(total: usize, options: Options) -> App {
        let mut app = App::from_collection(Collection::single(placeholder()), options);
        app.loading = Some(Loading {
            done: 0,
            total,
            blank: true,
        });
        app
    }

    /// How far the load has got.
    pub fn progress(&mut self, done: usize, total: usize) {
        if let Some(l) = &mut self.loading {
            l.done = done;
            l.total = total;
        }
    }

    /// The whole collection (see `loaded_library`).
    pub fn loaded(&mut self, collection: Arc<Collection>) {
        self.loaded_library(Library::Loaded(collection));
    }

    /// The folder's documents: the loading screen gives way to the first screen; a preview
    /// keeps its document (by department and year), what covers it, and the picker's query and
    /// cursor.
    pub fn loaded_library(&mut self, library: Library) {
        let Some(loading) = self.loading.take() else {
            return;
        };
        // "Still loading" is no longer true.
        if self.status.as_deref() == Some(self.text(Msg::StillLoading)) {
            self.status = None;
        }
        let (code, year) = (self.doc().department.code.clone(), self.doc().fiscal_year);
        let at = (0..library.len()).find(|&i| {
            library
                .label(i)
                .is_some_and(|(c, _, y)| c == code && y == year)
        });
        let (size, options) = (self.size, self.options);
        let Some(at) = at.filter(|_| !loading.blank) else {
            *self = App::from_library(library, options);
            self.size = size;
            self.settle();
            return;
        };
        let same = library
            .document(at)
            .is_some_and(|d| same_document(&d, self.doc()));
        self.library = library;
        if same {
            self.current = at;
        } else {
            // The file changed since the preview was written: its document from the top.
            self.show_document(at);
        }
        self.picker.replace_rows(self.library.cards());
        let polled = self.search.polled;
        self.search = Search::new(&self.library);
        self.search.polled = polled;
        self.text_cache = Default::default();
        self.settle();
    }

    /// Whether the app is waiting for the collection.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Whether the loading screen covers everything.
    pub fn is_blank(&self) -> bool {
        self.loading.is_some_and(|l| l.blank)
    }
}

/// The loading screen takes only quitting (q, Ctrl-C), suspending and the new size.
pub(super) fn on_blank(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            match keys::lookup(&key, Context::Browse).map(|(b, _)| b.action) {
                Some(Action::Quit) => app.quit = true,
                Some(Action::Suspend) => app.suspend = true,
                _ => {}
            }
        }
        Event::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        _ => {}
    }
}

/// Whether an action needs every document loaded (the others act on the current document or
/// on the cards the picker already has).
pub fn needs_collection(action: Action) -> bool {
    matches!(
        action,
        Action::Search
            | Action::SearchNext
            | Action::SearchPrev
            | Action::Aggregate
            | Action::Contributors
            | Action::Years
            | Action::YearPair
            | Action::AllYears
            | Action::Unit
    )
}

/// Two documents alike in every field (their encodings are equal).
fn same_document(a: &Document, b: &Document) -> bool {
    match (rmp_serde::to_vec_named(a), rmp_serde::to_vec_named(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What the app holds behind the loading screen: a document of nothing, never drawn.
fn placeholder() -> Document {
    Document {
        format: FORMAT.to_string(),
        department: Department {
            code: String::new(),
            name: String::new(),
        },
        fiscal_year: 0,
        kind: DocumentKind::Budget,
        unit: "万元".to_string(),
        title: String::new(),
        source: None,
        contact: None,
        sections: Vec::new(),
        glossary: Vec::new(),
        tables: Vec::new(),
        narrative_figures: Vec::new(),
    }
}
