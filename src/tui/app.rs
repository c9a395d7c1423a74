//! The browser's state. `update` changes it (`App::update` lives there), `render` only reads
//! it; nothing here draws or handles a key.

use super::aggregate::{AggState, AggView};
use super::i18n::{Lang, Msg};
use super::loading::Loading;
use super::model::Model;
use super::overlay::Overlay;
use super::panes::picker::Picker;
use super::panes::search::Search;
use super::tree_state::{visible_rows, Sort, TreeState, VisibleRow};
use super::years::YearsState;
use crate::core::collection::Collection;
use crate::core::compare::{Comparer, Scope};
use crate::core::document::Document;
use crate::core::tree::{Classification, Tree};
use crate::core::years::Years;
use crate::library::Library;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// What a text view's lines depend on: the document, the view, the width, the options.
type TextKey = (usize, View, u16, Options);

/// A text view's lines, built once per key (see `App::text_lines`).
#[derive(Default)]
pub struct TextCache(RefCell<Option<(TextKey, Rc<Vec<Line<'static>>>)>>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    pub ascii: bool,
    pub green_up: bool,
    /// False when NO_COLOR is set.
    pub color: bool,
    /// Mouse capture; `m` turns it on and off while the browser runs.
    pub mouse: bool,
    /// Draw one frame and quit (for timing start-up).
    pub first_frame_only: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            lang: Lang::Zh,
            ascii: false,
            green_up: false,
            color: true,
            mouse: true,
            first_frame_only: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Functional,
    Economic,
    Summary,
    Sangong,
    Procurement,
    GovFund,
    Performance,
    Narrative,
}

impl View {
    pub const ALL: [View; 8] = [
        View::Functional,
        View::Economic,
        View::Summary,
        View::Sangong,
        View::Procurement,
        View::GovFund,
        View::Performance,
        View::Narrative,
    ];

    pub fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    pub fn name(self) -> Msg {
        match self {
            View::Functional => Msg::ViewFunctional,
            View::Economic => Msg::ViewEconomic,
            View::Summary => Msg::ViewSummary,
            View::Sangong => Msg::ViewSangong,
            View::Procurement => Msg::ViewProcurement,
            View::GovFund => Msg::ViewGovFund,
            View::Performance => Msg::ViewPerformance,
            View::Narrative => Msg::ViewNarrative,
        }
    }

    /// The classification of a tree view; `None` for the text views.
    pub fn classification(self) -> Option<Classification> {
        match self {
            View::Functional => Some(Classification::Functional),
            View::Economic => Some(Classification::Economic),
            _ => None,
        }
    }

    pub fn offset(self, by: isize) -> View {
        let n = View::ALL.len() as isize;
        View::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

pub struct App {
    /// Every document (one for a file or the bundled data), sorted by department, year: loaded,
    /// or read from a fresh cache as needed.
    pub library: Library,
    /// The document the views show: an index into `library`.
    pub current: usize,
    /// That document.
    pub shown: Arc<Document>,
    pub model: Model,
    pub options: Options,
    pub view: View,
    pub functional: TreeState,
    pub economic: TreeState,
    /// The functional tree's scope; the economic tree has only 表三.
    pub scope: Scope,
    pub sort: Sort,
    /// Scroll offsets of the text views, by view index.
    pub scroll: [usize; 8],
    pub detail_scroll: usize,
    /// What covers the views (help, a pane, the contributor choice), if anything.
    pub overlay: Overlay,
    /// The tree views show the sum over every department of the year instead of the document.
    pub sum: bool,
    /// The terminal's size as last seen; layout for mouse hits is computed from it.
    pub size: Rect,
    /// Text waiting to be put on the clipboard by the terminal layer (OSC 52).
    pub clipboard: Option<String>,
    /// A short message for the hint line (copied, mouse off …), cleared by the next key.
    pub status: Option<String>,
    pub search: Search,
    pub picker: Picker,
    pub agg: AggState,
    /// The year columns: one department's documents of several years side by side.
    pub years: YearsState,
    /// A line of a text view to highlight after a jump there (view, line index).
    pub mark: Option<(View, usize)>,
    pub quit: bool,
    /// Ctrl-Z: the terminal layer gives the terminal back and stops the process until `fg`.
    pub suspend: bool,
    /// Work a key asked for that takes long enough to say so first: the event loop draws the
    /// frame saying it, then runs it (`App::run_deferred`).
    pub deferred: Option<Deferred>,
    /// The text view last built, so that a key does not wrap the whole narrative again.
    pub text_cache: TextCache,
    /// The folder is still loading: `library` holds only what the first screen needs.
    pub loading: Option<Loading>,
}

impl App {
    /// An app on one document.
    pub fn new(doc: Document, options: Options) -> App {
        App::from_collection(Collection::single(doc), options)
    }

    /// An app on every document of a collection (which must hold at least one). With more
    /// than one, the document picker opens first. The search index is built once, in the
    /// background; the first search waits for it if it is not ready yet.
    pub fn from_collection(collection: Collection, options: Options) -> App {
        App::from_shared(Arc::new(collection), options)
    }

    /// `from_collection` on a collection shared (with the thread that loaded it).
    pub fn from_shared(collection: Arc<Collection>, options: Options) -> App {
        App::from_library(Library::Loaded(collection), options)
    }

    /// An app on every document of a library (loaded or read from a cache as needed).
    pub fn from_library(library: Library, options: Options) -> App {
        let library = if library.is_empty() {
            Library::Loaded(Arc::new(Collection {
                documents: vec![crate::core::load::bundled()],
                errors: library.errors().to_vec(),
            }))
        } else {
            library
        };
        let n = library.len();
        // One department's documents of several years: open on the latest, years side by side.
        let first = library
            .label(0)
            .map(|l| l.0.to_string())
            .unwrap_or_default();
        let one_department = (0..n).all(|i| library.label(i).is_some_and(|l| l.0 == first));
        let years_first = one_department && n > 1;
        let wanted = if years_first { n - 1 } else { 0 };
        // The first document of a cache is always at hand; another may fail to read.
        let (current, shown) = match library.document(wanted) {
            Some(d) => (wanted, d),
            None => (
                0,
                library
                    .document(0)
                    .unwrap_or_else(|| Arc::new(crate::core::load::bundled())),
            ),
        };
        let model = Model::new(&shown);
        let picker = Picker::from_cards(library.cards());
        let mut years = YearsState::default();
        if years_first && current == wanted {
            years.on = years.open(&library, &shown.department.code);
        }
        let mut app = App {
            functional: TreeState::new(&model.functional.tree),
            economic: TreeState::new(&model.economic.tree),
            search: Search::new(&library),
            agg: AggState::default(),
            years,
            overlay: if n > 1 && !years_first {
                Overlay::Picker
            } else {
                Overlay::None
            },
            sum: false,
            library,
            current,
            shown,
            model,
            options,
            view: View::Functional,
            scope: Scope::AllFunds,
            sort: Sort::default(),
            scroll: [0; 8],
            detail_scroll: 0,
            size: Rect::new(0, 0, 80, 24),
            clipboard: None,
            status: None,
            mark: None,
            quit: false,
            suspend: false,
            deferred: None,
            text_cache: TextCache::default(),
            loading: None,
            picker,
        };
        app.settle();
        app
    }

    /// The lines of a text view at a width, wrapped once and kept until the document, the view,
    /// the width or the options change: a key then costs the same whatever the text's length.
    pub fn text_lines(&self, view: View, width: u16) -> Rc<Vec<Line<'static>>> {
        let key = (self.current, view, width, self.options);
        let mut cache = self.text_cache.0.borrow_mut();
        match &*cache {
            Some((k, lines)) if *k == key => Rc::clone(lines),
            _ => {
                let lines = Rc::new(super::content::text_lines(self, view, width));
                *cache = Some((key, Rc::clone(&lines)));
                lines
            }
        }
    }

    /// The document the views show.
    pub fn doc(&self) -> &Document {
        &self.shown
    }

    /// How many documents the folder has (while it loads, the picker's cards say).
    pub fn documents(&self) -> usize {
        match self.loading {
            Some(_) => self.picker.rows.len(),
            None => self.library.len(),
        }
    }

    /// Whether more than one document is loaded (the picker and the sum have something to do).
    pub fn many(&self) -> bool {
        self.documents() > 1
    }

    /// Whether the current department has documents of more than one year.
    pub fn years_available(&self) -> bool {
        let code = &self.doc().department.code;
        match self.loading {
            Some(_) => self.picker.rows.iter().filter(|r| &r.code == code).count() > 1,
            None => self.library.years_of(code).len() > 1,
        }
    }

    /// Whether some files of the folder did not load (the header says so, the picker lists them).
    pub fn has_failures(&self) -> bool {
        !self.library.errors().is_empty()
    }

    /// Shows another document of the collection, from its top, in the same view.
    pub fn open_document(&mut self, index: usize) {
        if index >= self.library.len() || index == self.current {
            return;
        }
        self.show_document(index);
    }

    /// Shows a document from its top (`index` is in range); when it does not read (a cache
    /// replaced or damaged underneath) the status line says so and the view stays.
    pub(crate) fn show_document(&mut self, index: usize) {
        let Some(doc) = self.library.document(index) else {
            self.status = Some(self.text(Msg::CacheUnreadable).to_string());
            return;
        };
        self.current = index;
        self.shown = doc;
        self.model = Model::new(&self.shown);
        self.functional = TreeState::new(&self.model.functional.tree);
        self.economic = TreeState::new(&self.model.economic.tree);
        self.scroll = [0; 8];
        self.detail_scroll = 0;
        self.mark = None;
    }

    /// Selects a code in a tree view of the current document, expanding its ancestors; false
    /// when the document does not have it.
    pub fn select_code(&mut self, classification: Classification, code: &str) -> bool {
        let tree = &self.model.tree(classification).tree;
        let Some(node) = tree.get(code) else {
            return false;
        };
        match classification {
            Classification::Functional => self.functional.reveal(tree, node),
            Classification::Economic => self.economic.reveal(tree, node),
        }
        true
    }

    pub fn text(&self, msg: Msg) -> &'static str {
        super::i18n::text(self.options.lang, msg)
    }

    /// The scope a tree view shows: the economic tree is always its one table.
    pub fn scope_of(&self, classification: Classification) -> Scope {
        match classification {
            Classification::Functional => self.scope,
            Classification::Economic => Scope::AllFunds,
        }
    }

    pub fn tree(&self, classification: Classification) -> &Tree {
        &self.model.tree(classification).tree
    }

    pub fn comparer(&self, classification: Classification) -> &Comparer {
        self.model
            .tree(classification)
            .comparer(self.scope_of(classification))
    }

    pub fn tree_state(&self, classification: Classification) -> &TreeState {
        match classification {
            Classification::Functional => &self.functional,
            Classification::Economic => &self.economic,
        }
    }

    /// The document tree's rows as they are shown, built at the last change.
    pub fn rows(&self, classification: Classification) -> &[VisibleRow] {
        &self.tree_state(classification).rows
    }

    /// The document tree's rows built afresh from its tree, comparison, state and sort.
    pub fn build_rows(&self, classification: Classification) -> Vec<VisibleRow> {
        visible_rows(
            self.tree(classification),
            self.comparer(classification),
            self.tree_state(classification),
            self.sort,
        )
    }

    /// The selected node of the current view, when it is a tree (of the document).
    pub fn selected_node(&self) -> Option<(Classification, usize)> {
        let c = self.view.classification()?;
        Some((c, self.tree_state(c).selected))
    }

    /// The selected code of the current tree view ("" for the total row).
    pub fn selected_code(&self) -> Option<&str> {
        let (c, i) = self.selected_node()?;
        self.tree(c).nodes.get(i).map(|n| n.code.as_str())
    }

    /// The sum shown in the current tree view, and its tree state, when the sum is on.
    pub fn shown_sum(&self) -> Option<(Classification, &AggView, &TreeState)> {
        let c = self.view.classification().filter(|_| self.sum)?;
        let year = self.doc().fiscal_year;
        Some((c, self.agg.view(year, c)?, self.agg.state(year, c)?))
    }

    /// The years shown in the current tree view, and their tree state, when the year columns
    /// are on.
    pub fn shown_years(&self) -> Option<(Classification, &Years, &TreeState)> {
        let c = self.view.classification().filter(|_| self.years.on)?;
        let (years, state) = self.years.get(c, self.scope_of(c))?;
        Some((c, years, state))
    }

    /// The selected node of the sum, when the sum is shown.
    pub fn sum_selected(&self) -> Option<(Classification, usize)> {
        self.shown_sum().map(|(c, _, state)| (c, state.selected))
    }
}

/// Work run after the frame that announces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deferred {
    /// The sum of a year read from the cache's documents (seconds at 100,000 documents).
    Sum,
}
