//! Figures a budget narrative states, found in its sections and tied to the table cells they
//! speak of.

use crate::core::document::{Document, NarrativeFigure};

pub fn headline_figures(_doc: &Document) -> Vec<NarrativeFigure> {
    Vec::new()
}
