//! Trees summed over many departments of one year, with each code's contributors, and the
//! prior year taken from the department's own prior-year document where the collection has it.

use super::amount::Amount;
use super::checks::{Check, CheckKind};
use super::collection::Collection;
use super::compare::{column_for, scope_table, Scope};
use super::document::*;
use super::lang::{Phrase, Term};
use super::tree::{level_of, link_codes, Classification};
use std::collections::HashMap;

/// Where an aggregated prior-year figure comes from, per department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrevSource {
    /// The department's prior-year document itself.
    PriorDocument,
    /// The prior-year column printed in this year's document (表二's "2023 年预算数").
    PrintedColumn,
}

#[derive(Debug, Clone, Default)]
pub struct AggNode {
    pub code: String,
    pub name: String,
    pub level: u8,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub total: Amount,
    pub basic: Amount,
    pub project: Amount,
    /// Prior-year total over the departments that have one, and how many had one.
    pub prev: Option<Amount>,
    pub prev_departments: usize,
    /// (document index in the collection, this year's total), largest first.
    pub contributors: Vec<(usize, Amount)>,
}

#[derive(Debug, Clone)]
pub struct Aggregate {
    pub year: i32,
    pub classification: Classification,
    pub scope: Scope,
    /// Index 0 is the total over all departments.
    pub nodes: Vec<AggNode>,
    pub roots: Vec<usize>,
    index: HashMap<String, usize>,
    /// How many departments' prior years came from each source.
    pub prev_sources: Vec<(PrevSource, usize)>,
}

impl Aggregate {
    pub fn get(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }
}

/// One department's figures for a year: code → (total, basic, project), and the total row.
fn figures(
    doc: &Document,
    classification: Classification,
    scope: Scope,
) -> Vec<(Option<&str>, &str, Amount, Amount, Amount)> {
    let Some(table) = scope_table(doc, classification, scope) else {
        return Vec::new();
    };
    let y = doc.fiscal_year;
    let key = |m| column_for(doc, table, m, y).map(|c| c.key.as_str());
    let (total, basic, project) = match classification {
        Classification::Functional => (
            key(Measure::Total),
            key(Measure::Basic),
            key(Measure::Project),
        ),
        Classification::Economic => (
            key(Measure::Total),
            key(Measure::Personnel),
            key(Measure::Public),
        ),
    };
    // An empty cell counts as zero at the row's printed scale, so that a sum of nothing prints
    // like its neighbours (`0.00`, not `0`).
    let get = |r: &Row, k: Option<&str>| {
        let scale = r.cells.values().map(|a| a.value().scale()).max();
        k.and_then(|k| r.cells.get(k))
            .copied()
            .unwrap_or_else(|| Amount::zero_at(scale.unwrap_or(0)))
    };
    table
        .each_section()
        .flat_map(|s| s.rows.iter())
        .filter(|r| r.code.is_some() || r.role == RowRole::Total)
        .map(|r| {
            (
                r.code.as_deref(),
                r.display_name(),
                get(r, total),
                get(r, basic),
                get(r, project),
            )
        })
        .collect()
}

fn prev_figures(
    prior: Option<&Document>,
    doc: &Document,
    classification: Classification,
    scope: Scope,
) -> Option<(PrevSource, HashMap<Option<String>, Amount>)> {
    if let Some(prior) = prior {
        let map = figures(prior, classification, scope)
            .into_iter()
            .map(|(c, _, t, _, _)| (c.map(str::to_string), t))
            .collect();
        return Some((PrevSource::PriorDocument, map));
    }
    let table = scope_table(doc, classification, scope)?;
    let col = column_for(doc, table, Measure::Total, doc.fiscal_year - 1)?;
    let map = table
        .each_section()
        .flat_map(|s| s.rows.iter())
        .filter_map(|r| {
            Some((
                r.code.as_deref().map(str::to_string),
                *r.cells.get(&col.key)?,
            ))
        })
        .collect();
    Some((PrevSource::PrintedColumn, map))
}

pub fn aggregate(
    collection: &Collection,
    year: i32,
    classification: Classification,
    scope: Scope,
) -> Aggregate {
    let mut sum = Summer::new(year, classification, scope);
    for (di, doc) in collection
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.fiscal_year == year)
    {
        sum.add(di, doc, collection.find(&doc.department.code, year - 1));
    }
    sum.finish()
}

/// An aggregate built a document at a time, so that the documents need not all be held (a
/// folder read from its cache hands them over one by one).
pub struct Summer {
    year: i32,
    classification: Classification,
    scope: Scope,
    nodes: Vec<AggNode>,
    index: HashMap<String, usize>,
    sources: HashMap<PrevSource, usize>,
}

impl Summer {
    pub fn new(year: i32, classification: Classification, scope: Scope) -> Summer {
        Summer {
            year,
            classification,
            scope,
            nodes: vec![AggNode {
                name: "合计".into(),
                ..AggNode::default()
            }],
            index: HashMap::new(),
            sources: HashMap::new(),
        }
    }

    /// Adds document `di` (of the year), with its department's prior-year document when the
    /// folder has one. Documents are added in the folder's order.
    pub fn add(&mut self, di: usize, doc: &Document, prior: Option<&Document>) {
        let (classification, scope) = (self.classification, self.scope);
        let (nodes, index) = (&mut self.nodes, &mut self.index);
        let prev = prev_figures(prior, doc, classification, scope);
        if let Some((s, _)) = &prev {
            *self.sources.entry(*s).or_default() += 1;
        }
        for (code, name, total, basic, project) in figures(doc, classification, scope) {
            let i = match code {
                None => 0,
                Some(c) => *index.entry(c.to_string()).or_insert_with(|| {
                    nodes.push(AggNode {
                        code: c.to_string(),
                        name: name.to_string(),
                        level: level_of(c),
                        ..AggNode::default()
                    });
                    nodes.len() - 1
                }),
            };
            let n = &mut nodes[i];
            n.total = n.total + total;
            n.basic = n.basic + basic;
            n.project = n.project + project;
            n.contributors.push((di, total));
            if let Some(p) = prev
                .as_ref()
                .and_then(|(_, m)| m.get(&code.map(str::to_string)))
            {
                n.prev = Some(n.prev.unwrap_or(Amount::ZERO) + *p);
                n.prev_departments += 1;
            }
        }
    }

    pub fn finish(self) -> Aggregate {
        let Summer {
            year,
            classification,
            scope,
            mut nodes,
            index,
            sources,
        } = self;
        let roots = link_codes(&index, |child, parent| {
            nodes[child].parent = Some(parent);
            nodes[parent].children.push(child);
        });
        for n in &mut nodes {
            n.contributors
                .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        let mut prev_sources: Vec<(PrevSource, usize)> = sources.into_iter().collect();
        prev_sources.sort_by_key(|(s, _)| *s as u8);
        Aggregate {
            year,
            classification,
            scope,
            nodes,
            roots,
            index,
            prev_sources,
        }
    }
}

/// Where a department has documents for two consecutive years, the later one's printed
/// prior-year column must agree with the earlier document's own figures.
pub fn cross_year_checks(collection: &Collection) -> Vec<Check> {
    let mut out = Vec::new();
    each_cross_year_check(collection, |checks| out.extend(checks));
    out
}

/// `cross_year_checks` handed over a document's worth at a time, in the same order, so that a
/// folder's are never all in memory (20,000 documents have hundreds of thousands).
pub fn each_cross_year_check(collection: &Collection, mut each: impl FnMut(Vec<Check>)) {
    for doc in &collection.documents {
        each(table_cross_year_checks(collection, doc));
    }
    // The narrative's changes from an earlier year, against that year's own document.
    for doc in &collection.documents {
        each(super::years::narrative_cross_year_checks(collection, doc));
    }
}

/// A document's functional table's prior-year column against the prior year's document.
fn table_cross_year_checks(collection: &Collection, doc: &Document) -> Vec<Check> {
    let mut out = Vec::new();
    let Some(prior) = collection.find(&doc.department.code, doc.fiscal_year - 1) else {
        return out;
    };
    let Some(table) = scope_table(doc, Classification::Functional, Scope::GeneralBudget) else {
        return out;
    };
    let Some(prev_col) = column_for(doc, table, Measure::Total, doc.fiscal_year - 1) else {
        return out;
    };
    let Some(prior_table) = scope_table(prior, Classification::Functional, Scope::GeneralBudget)
    else {
        return out;
    };
    let Some(prior_col) = column_for(prior, prior_table, Measure::Total, prior.fiscal_year) else {
        return out;
    };
    for row in table.each_section().flat_map(|s| s.rows.iter()) {
        let Some(printed) = row.cells.get(&prev_col.key) else {
            continue;
        };
        let other = match &row.code {
            Some(c) => prior_table.row_by_code(c),
            None => prior_table
                .each_section()
                .flat_map(|s| s.rows.iter())
                .find(|r| r.role == RowRole::Total && r.code.is_none()),
        };
        let own = other
            .and_then(|r| r.cells.get(&prior_col.key))
            .copied()
            .unwrap_or(Amount::ZERO);
        let label = row
            .code
            .as_deref()
            .unwrap_or_else(|| row.display_name())
            .to_string();
        let title = Phrase::new(Term::TitleCrossYear)
            .data(doc.department.name.clone())
            .data(doc.fiscal_year.to_string())
            .data(table.id.clone())
            .data(label)
            .data(prev_col.full_header())
            .data(prior.fiscal_year.to_string())
            .data(prior_table.id.clone())
            .data(prior_col.full_header());
        out.push(
            Check::compare(CheckKind::CrossYear, title, *printed, own, 1)
                .with_codes(&[row.code.as_deref().unwrap_or("")]),
        );
    }
    out
}
