//! The document picker: one row per loaded document (department, year, total), built once when
//! the app starts and filtered on each keystroke, so that drawing never walks the documents.

use super::app::App;
use super::keys::Action;
use crate::core::amount::Amount;
use crate::core::collection::Collection;
use crate::core::compare::{column_for, scope_table, Scope};
use crate::core::document::{Document, Measure, RowRole};
use crate::core::search::normalise;
use crate::core::tree::Classification;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerRow {
    /// Index into the collection's documents.
    pub doc: usize,
    pub code: String,
    pub name: String,
    pub year: i32,
    /// 表八's 合计 (the functional tree's total row over all funds).
    pub total: Option<Amount>,
    /// Code and name, normalised, for filtering.
    key: String,
}

#[derive(Debug, Default)]
pub struct PickerState {
    pub open: bool,
    pub rows: Vec<PickerRow>,
    pub query: String,
    /// Indices into `rows` that match the query, in order.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub selected: usize,
    pub offset: usize,
}

/// A document's functional total over all funds for its year: the 合计 row of 表八.
pub fn total_of(doc: &Document) -> Option<Amount> {
    let table = scope_table(doc, Classification::Functional, Scope::AllFunds)?;
    let col = column_for(doc, table, Measure::Total, doc.fiscal_year)?;
    table
        .sections()
        .into_iter()
        .flat_map(|s| s.rows.iter())
        .find(|r| r.role == RowRole::Total && r.code.is_none())
        .and_then(|r| r.cells.get(&col.key).copied())
}

impl PickerState {
    /// Opens on its own when more than one document is loaded.
    pub fn new(collection: &Collection) -> PickerState {
        let rows: Vec<PickerRow> = collection
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| PickerRow {
                doc: i,
                code: d.department.code.clone(),
                name: d.department.name.clone(),
                year: d.fiscal_year,
                total: total_of(d),
                key: normalise(&format!("{} {}", d.department.code, d.department.name)),
            })
            .collect();
        PickerState {
            open: rows.len() > 1,
            shown: (0..rows.len()).collect(),
            rows,
            query: String::new(),
            selected: 0,
            offset: 0,
        }
    }

    /// Every space-separated word must be in the code or the name; a word of digits may
    /// instead be (the start of) the year.
    pub fn filter(&mut self) {
        let query = normalise(&self.query);
        let words: Vec<&str> = query.split_whitespace().collect();
        self.shown = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                words.iter().all(|w| {
                    r.key.contains(w)
                        || (w.bytes().all(|b| b.is_ascii_digit())
                            && r.year.to_string().starts_with(w))
                })
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = 0;
        self.offset = 0;
    }

    pub fn selected_row(&self) -> Option<&PickerRow> {
        self.shown
            .get(self.selected)
            .and_then(|&i| self.rows.get(i))
    }

    /// Opens with the current document selected and no filter.
    pub fn show(&mut self, current: usize) {
        self.open = true;
        self.query.clear();
        self.filter();
        self.selected = self.shown.iter().position(|&i| i == current).unwrap_or(0);
    }
}

/// A key while the picker is open.
pub fn on_key(app: &mut App, action: Option<Action>, typed: Option<char>) {
    let page = rows_shown(app).max(1);
    let p = &mut app.picker;
    let last = p.shown.len().saturating_sub(1);
    match action {
        Some(Action::Quit) => app.quit = true,
        Some(Action::Close) => p.open = false,
        Some(Action::Up) => p.selected = p.selected.saturating_sub(1),
        Some(Action::Down) => p.selected = (p.selected + 1).min(last),
        Some(Action::PageUp) => p.selected = p.selected.saturating_sub(page),
        Some(Action::PageDown) => p.selected = (p.selected + page).min(last),
        Some(Action::Backspace) => {
            p.query.pop();
            p.filter();
        }
        Some(Action::Expand) => {
            if let Some(doc) = p.selected_row().map(|r| r.doc) {
                p.open = false;
                app.agg.on = false;
                app.open_document(doc);
            }
        }
        _ => {
            if let Some(c) = typed.filter(|c| !c.is_control()) {
                if p.query.chars().count() < 64 {
                    p.query.push(c);
                    p.filter();
                }
            }
        }
    }
    let rows = rows_shown(app);
    let p = &mut app.picker;
    p.offset = super::tree_state::scroll_offset(p.selected, p.offset, rows);
}

/// How many document rows the picker shows at the app's size.
pub fn rows_shown(app: &App) -> usize {
    super::views::picker::list_height(app, app.size)
}
