//! What covers the browser, one thing at a time. The precedence is stated here once: the help
//! is on top of everything (it may cover the contributor choice, which comes back when the help
//! closes); a pane (search, picker) takes every key as typed text; otherwise keys browse.

use super::keys::Context;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    /// The key list, scrolled; `over` is what it covers.
    Help { scroll: usize, over: Box<Overlay> },
    /// The search pane (its state is `App::search`).
    Search,
    /// The document picker (its state is `App::picker`).
    Picker,
    /// Choosing among the departments behind a figure of the sum: the cursor among them.
    Contributors { at: usize },
}

impl Overlay {
    /// The help over whatever is open now.
    pub fn help_over(current: Overlay) -> Overlay {
        Overlay::Help {
            scroll: 0,
            over: Box::new(current),
        }
    }

    /// Which bindings of the key table apply, for dispatch and the hint line alike.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Search | Overlay::Picker => Context::Input,
            _ => Context::Browse,
        }
    }

    /// The help's scroll offset, when the help is open.
    pub fn help(&self) -> Option<usize> {
        match self {
            Overlay::Help { scroll, .. } => Some(*scroll),
            _ => None,
        }
    }

    /// The contributor cursor, also while the help covers it.
    pub fn contributor(&self) -> Option<usize> {
        match self {
            Overlay::Contributors { at } => Some(*at),
            Overlay::Help { over, .. } => over.contributor(),
            _ => None,
        }
    }
}
