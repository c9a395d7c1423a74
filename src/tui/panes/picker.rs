//! The document picker: one row per loaded document (department, year, total), built once when
//! the app starts and filtered on each keystroke, so that drawing never walks the documents.

use super::filter_list::{FilterList, ListEvent};
use super::Outcome;
use crate::core::amount::Amount;
use crate::core::card::Card;
use crate::core::collection::Collection;
use crate::core::search::normalise;
use crate::tui::keys::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerRow {
    /// Index into the collection's documents.
    pub doc: usize,
    pub code: String,
    pub name: String,
    pub year: i32,
    /// 表八's 合计 (the functional tree's total row over all funds).
    pub total: Option<Amount>,
}

#[derive(Debug, Default)]
pub struct Picker {
    pub rows: Vec<PickerRow>,
    pub list: FilterList,
    /// Indices into `rows` that match the query, in order.
    pub shown: Vec<usize>,
    /// Each row's code and name, normalised for filtering: made at the first filter, not
    /// before the first frame.
    keys: Vec<String>,
}

impl Picker {
    pub fn new(collection: &Collection) -> Picker {
        Picker::from_cards(collection.documents.iter().map(Card::of))
    }

    /// The rows of the documents' cards, in the collection's order.
    pub fn from_cards(cards: impl IntoIterator<Item = Card>) -> Picker {
        let rows: Vec<PickerRow> = cards
            .into_iter()
            .enumerate()
            .map(|(i, c)| PickerRow {
                doc: i,
                code: c.code,
                name: c.name,
                year: c.year,
                total: c.total,
            })
            .collect();
        Picker {
            shown: (0..rows.len()).collect(),
            rows,
            list: FilterList::default(),
            keys: Vec::new(),
        }
    }

    /// The rows of another collection of the same folder (the whole one, once loaded), keeping
    /// the query and the selected document (by department and year) where they are.
    pub fn replace_rows(&mut self, cards: Vec<Card>) {
        let selected = self.selected_row().map(|r| (r.code.clone(), r.year));
        let (query, offset) = (self.list.query.clone(), self.list.offset);
        *self = Picker::from_cards(cards);
        self.list.query = query;
        self.filter();
        let at = selected.and_then(|(code, year)| {
            self.shown.iter().position(|&i| {
                let r = &self.rows[i];
                r.code == code && r.year == year
            })
        });
        self.list.selected = at.unwrap_or(0);
        self.list.offset = offset.min(self.list.selected);
    }

    /// Every space-separated word must be in the code or the name; a word of digits may
    /// instead be (the start of) the year.
    fn filter(&mut self) {
        if self.keys.len() != self.rows.len() {
            self.keys = (self.rows.iter())
                .map(|r| normalise(&format!("{} {}", r.code, r.name)))
                .collect();
        }
        let query = normalise(&self.list.query);
        let words: Vec<&str> = query.split_whitespace().collect();
        self.shown = (self.rows.iter().zip(&self.keys))
            .enumerate()
            .filter(|(_, (r, key))| {
                words.iter().all(|w| {
                    key.contains(w)
                        || (w.bytes().all(|b| b.is_ascii_digit())
                            && r.year.to_string().starts_with(w))
                })
            })
            .map(|(i, _)| i)
            .collect();
        self.list.reset();
    }

    pub fn selected_row(&self) -> Option<&PickerRow> {
        self.shown
            .get(self.list.selected)
            .and_then(|&i| self.rows.get(i))
    }

    /// Opens with the current document selected and no filter.
    pub fn show(&mut self, current: usize) {
        self.list.clear();
        self.filter();
        self.list.selected = self.shown.iter().position(|&i| i == current).unwrap_or(0);
    }

    /// A key while the picker is open; `rows` is how many documents it shows.
    pub fn on_key(&mut self, action: Option<Action>, typed: Option<char>, rows: usize) -> Outcome {
        let event = self.list.on_key(action, typed, self.shown.len(), rows);
        let outcome = match event {
            ListEvent::None => Outcome::Stay,
            ListEvent::Query => {
                self.filter();
                Outcome::Stay
            }
            ListEvent::Choose => match self.selected_row() {
                Some(row) => Outcome::Open(row.doc),
                None => Outcome::Stay,
            },
            ListEvent::Close => Outcome::Close,
            ListEvent::Quit => Outcome::Quit,
        };
        self.list.keep_visible(rows);
        outcome
    }
}
