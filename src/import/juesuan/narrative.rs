//! Narrative figures of a 决算 (filled in below).

use crate::core::document::{Document, NarrativeFigure};

pub fn figures(_doc: &Document) -> Vec<NarrativeFigure> {
    Vec::new()
}
