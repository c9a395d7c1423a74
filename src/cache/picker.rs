//! Every document's card (department, year, total) in one small part, so that the browser draws
//! its document picker from a fresh cache without decoding the documents (see `tui::Start`).

use super::fresh::Fresh;
use super::write::Writer;
use crate::core::card::Card;

const PICKER: &str = "picker";

/// Writes the part: the cards in the collection's order.
pub(super) fn write(w: &mut Writer, cards: &[Card]) -> Option<()> {
    w.extra(PICKER, &rmp_serde::to_vec(cards).ok()?)
}

/// The cards of a fresh cache; `None` when the part is missing, does not decode, or does not
/// have one card per document.
pub fn read(fresh: &mut Fresh) -> Option<Vec<Card>> {
    let cards: Vec<Card> = rmp_serde::from_slice(&fresh.part(PICKER)?).ok()?;
    (cards.len() == fresh.documents).then_some(cards)
}
