//! The panes that take typed text (search, the document picker): small state machines that
//! never see the `App`. A key goes in, an `Outcome` comes out, and `update` applies it.

pub mod filter_list;
pub mod picker;
pub mod search;

use crate::core::search::Item;

/// What a key in a pane asks the browser to do.
#[derive(Debug)]
pub enum Outcome {
    /// The pane stays open (it may have changed itself).
    Stay,
    Close,
    Quit,
    /// Close and show this document of the collection.
    Open(usize),
    /// Close and show where this search result lives; the status says which match it is.
    Jump {
        item: Box<Item>,
        status: String,
    },
}
