//! Every document's card (department, year, total) in one small part, so that the browser draws
//! its document picker from a fresh cache without decoding the documents (see `tui::Start`).

use super::fresh::Fresh;
use crate::core::card::Card;
use crate::core::collection::Collection;

const PICKER: &str = "picker";

/// The part: the cards in the collection's order.
pub fn parts(c: &Collection) -> Vec<(String, Vec<u8>)> {
    let cards: Vec<Card> = c.documents.iter().map(Card::of).collect();
    match rmp_serde::to_vec(&cards) {
        Ok(bytes) => vec![(PICKER.to_string(), bytes)],
        Err(_) => Vec::new(),
    }
}

/// The cards of a fresh cache; `None` when the part is missing, does not decode, or does not
/// have one card per document.
pub fn read(fresh: &mut Fresh) -> Option<Vec<Card>> {
    let cards: Vec<Card> = rmp_serde::from_slice(&fresh.part(PICKER)?).ok()?;
    (cards.len() == fresh.documents).then_some(cards)
}
