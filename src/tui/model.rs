//! The view-model over the core: trees and comparisons built once, and the questions the views
//! ask of them (which columns a tree shows, what refers to a code).

use crate::core::checks::{self, Check, Status};
use crate::core::compare::{scope_table, Comparer, Scope};
use crate::core::document::{Document, FundScope, Measure, TableKind};
use crate::core::links::{linked_codes, sangong_columns};
use crate::core::tree::{Classification, Tree};

pub struct TreeModel {
    pub tree: Tree,
    pub all_funds: Comparer,
    pub general_budget: Comparer,
}

impl TreeModel {
    fn new(doc: &Document, classification: Classification) -> TreeModel {
        let tree = Tree::build(doc, classification);
        TreeModel {
            all_funds: Comparer::new(doc, &tree, Scope::AllFunds),
            general_budget: Comparer::new(doc, &tree, Scope::GeneralBudget),
            tree,
        }
    }

    pub fn comparer(&self, scope: Scope) -> &Comparer {
        match scope {
            Scope::AllFunds => &self.all_funds,
            Scope::GeneralBudget => &self.general_budget,
        }
    }
}

pub struct Model {
    pub functional: TreeModel,
    pub economic: TreeModel,
    /// The checks that do not pass exactly: what the detail pane reports.
    pub findings: Vec<Check>,
}

impl Model {
    pub fn new(doc: &Document) -> Model {
        Model {
            functional: TreeModel::new(doc, Classification::Functional),
            economic: TreeModel::new(doc, Classification::Economic),
            findings: checks::run(doc)
                .into_iter()
                .filter(|c| c.status != Status::Pass)
                .collect(),
        }
    }

    pub fn tree(&self, classification: Classification) -> &TreeModel {
        match classification {
            Classification::Functional => &self.functional,
            Classification::Economic => &self.economic,
        }
    }
}

/// A column of a tree view that shows a printed cell (基本支出, 一般公共预算 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellColumn {
    pub table: String,
    pub key: String,
    pub label: String,
}

/// The printed columns a tree view shows beside the comparison: the scope table's parts of the
/// current year (基本支出 项目支出, 人员经费 公用经费) and, over all funds, the funding sources
/// of the income table (表七) that hold any figure.
pub fn cell_columns(
    doc: &Document,
    classification: Classification,
    scope: Scope,
) -> Vec<CellColumn> {
    let mut out = Vec::new();
    let Some(main) = scope_table(doc, classification, scope) else {
        return out;
    };
    for section in main.sections() {
        for col in section.columns {
            if col.measure != Measure::Total && col.year_in(doc) == doc.fiscal_year {
                out.push(CellColumn {
                    table: main.id.clone(),
                    key: col.key.to_string(),
                    label: short_label(col.measure, &col.header).to_string(),
                });
            }
        }
    }
    if classification == Classification::Functional && scope == Scope::AllFunds {
        for table in doc.tables.iter().filter(|t| {
            t.kind == TableKind::Functional && t.scope == FundScope::All && t.id != main.id
        }) {
            for section in table.sections() {
                for col in section.columns {
                    let used = section.rows.iter().any(|r| r.cells.contains_key(&col.key));
                    if col.measure != Measure::Total && used {
                        out.push(CellColumn {
                            table: table.id.clone(),
                            key: col.key.to_string(),
                            label: short_label(col.measure, &col.header).to_string(),
                        });
                    }
                }
            }
        }
    }
    out
}

/// A header short enough for an amount column.
pub fn short_label(measure: Measure, header: &str) -> &str {
    match measure {
        Measure::GeneralBudget => "一般公共预算",
        Measure::GovFund => "政府性基金",
        Measure::StateCapital => "国有资本经营",
        Measure::SpecialAccount => "财政专户",
        Measure::Business => "事业收入",
        Measure::SuperiorSubsidy => "上级补助",
        Measure::Affiliated => "附属单位上缴",
        Measure::Operating => "经营收入",
        Measure::Other => "其他收入",
        _ => header,
    }
}

/// The table id a tree reads its current year from in a scope (表八, 表二, 表三).
pub fn scope_table_id(
    doc: &Document,
    classification: Classification,
    scope: Scope,
) -> Option<String> {
    scope_table(doc, classification, scope).map(|t| t.id.clone())
}

/// Where else a code appears: the other classification's linked code, or a column of 表四.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrossRef {
    /// A code of the other classification, and which classification it is in.
    Code(Classification, String),
    /// A column of the 三公 table.
    Sangong { table: String, column: String },
}

pub fn cross_refs(doc: &Document, classification: Classification, code: &str) -> Vec<CrossRef> {
    let mut out: Vec<CrossRef> = linked_codes(classification, code)
        .into_iter()
        .map(|(other, c)| CrossRef::Code(other, c.to_string()))
        .collect();
    if let Some((sg, columns)) = sangong_columns(doc, classification, code) {
        out.extend(columns.into_iter().map(|col| CrossRef::Sangong {
            table: sg.id.clone(),
            column: col.full_header(),
        }));
    }
    out
}
