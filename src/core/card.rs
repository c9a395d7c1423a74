//! What a list of documents shows of each one: its department, year and functional total. The
//! browser's picker is built from these, and the load cache keeps them (see `cache::picker`) so
//! that the picker can be drawn before a single whole document is read.

use super::amount::Amount;
use super::compare::{column_for, scope_table, Scope};
use super::document::{Document, Measure, RowRole};
use super::tree::Classification;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub code: String,
    pub name: String,
    pub year: i32,
    /// 表八's 合计 (the functional tree's total row over all funds).
    pub total: Option<Amount>,
}

impl Card {
    pub fn of(doc: &Document) -> Card {
        Card {
            code: doc.department.code.clone(),
            name: doc.department.name.clone(),
            year: doc.fiscal_year,
            total: total_of(doc),
        }
    }
}

/// A document's functional total over all funds for its year: the 合计 row of 表八.
fn total_of(doc: &Document) -> Option<Amount> {
    let table = scope_table(doc, Classification::Functional, Scope::AllFunds)?;
    let col = column_for(doc, table, Measure::Total, doc.fiscal_year)?;
    table
        .sections()
        .into_iter()
        .flat_map(|s| s.rows.iter())
        .find(|r| r.role == RowRole::Total && r.code.is_none())
        .and_then(|r| r.cells.get(&col.key).copied())
}
