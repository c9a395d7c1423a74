//! Everything the document holds about one code, gathered once for `show`, the detail pane and
//! exports: amounts per table and column, comparisons per scope, links and checks.

use super::amount::{display_percent, Amount};
use super::checks::{self, Check};
use super::compare::{Comparer, Comparison, Percent, Scope, Source};
use super::document::*;
use super::lang::{term, Lang, Term};
use super::links::{linked_codes, sangong_columns};
use super::tree::{Classification, Tree};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CodeReport {
    pub code: String,
    pub name: String,
    pub classification: Classification,
    pub level: u8,
    pub level_name: &'static str,
    pub parent: Option<CodeName>,
    pub children: Vec<CodeName>,
    /// Other names printed for this code in some table, when they differ.
    pub other_names: Vec<CodeName>,
    pub amounts: Vec<PrintedAmount>,
    /// The comparison to quote: the first scope whose prior year is printed, else the first.
    pub summary: Option<ScopeComparison>,
    pub comparisons: Vec<ScopeComparison>,
    pub links: Vec<Link>,
    /// Every check that reads this code, passes included, with their titles in the language.
    pub checks: Checks,
}

/// Checks whose words are in a language, as JSON gives them.
#[derive(Debug, Clone)]
pub struct Checks {
    pub list: Vec<Check>,
    pub lang: Lang,
}

impl Serialize for Checks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.list.iter().map(|c| c.localised(self.lang)))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeName {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrintedAmount {
    pub table: String,
    pub table_title: String,
    pub column: String,
    pub column_key: String,
    pub year: i32,
    pub measure: Measure,
    pub amount: Amount,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearValue {
    pub year: i32,
    pub amount: Amount,
    /// "printed" or "derived".
    pub source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// For a derived value: from what and how.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derivation: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScopeComparison {
    pub scope: &'static str,
    pub table: Option<String>,
    pub previous: Option<YearValue>,
    pub current: Option<YearValue>,
    pub change: Option<Amount>,
    /// "+5.86%", "新增" when the previous year is zero, absent when a year is missing.
    pub percent: Option<String>,
    pub basic: Option<Amount>,
    pub project: Option<Amount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// "economic", "functional" or a table id such as 表四.
    pub to: String,
    pub code: Option<String>,
    pub name: String,
    pub amount: Option<Amount>,
    pub why: &'static str,
}

fn year_value(v: &super::compare::Value, year: i32, lang: Lang) -> YearValue {
    let (source, table, column, derivation) = match &v.source {
        Source::Printed { table, column } => {
            ("printed", Some(table.clone()), Some(column.clone()), None)
        }
        Source::Derived { how } => ("derived", None, None, Some(how.text(lang))),
    };
    YearValue {
        year,
        amount: v.amount,
        source,
        table,
        column,
        derivation,
    }
}

pub fn percent_text(c: &Comparison, lang: Lang) -> Option<String> {
    match c.percent() {
        Percent::Value(p) => Some(display_percent(p)),
        Percent::New => Some(term(lang, Term::New).into()),
        Percent::None => None,
    }
}

/// The report for a code, looked up in the functional tree first, then the economic one.
pub fn report(doc: &Document, code: &str, lang: Lang) -> Option<CodeReport> {
    [Classification::Functional, Classification::Economic]
        .into_iter()
        .find_map(|c| {
            let tree = Tree::build(doc, c);
            tree.get(code).map(|i| build(doc, &tree, i, lang))
        })
}

fn build(doc: &Document, tree: &Tree, i: usize, lang: Lang) -> CodeReport {
    let node = tree.node(i);
    let cn = |j: usize| CodeName {
        code: tree.node(j).code.clone(),
        name: tree.node(j).name.clone(),
    };
    let amounts = node
        .cells
        .iter()
        .filter_map(|c| {
            let table = doc.table(&c.table)?;
            let col = table.column(c.column)?;
            Some(PrintedAmount {
                table: table.id.clone(),
                table_title: table.title.clone(),
                column: col.full_header(),
                column_key: col.key.to_string(),
                year: col.year_in(doc),
                measure: col.measure,
                amount: c.amount,
            })
        })
        .collect();
    let scopes: &[Scope] = match tree.classification {
        Classification::Functional => &[Scope::AllFunds, Scope::GeneralBudget],
        Classification::Economic => &[Scope::GeneralBudget],
    };
    let comparisons: Vec<ScopeComparison> = scopes
        .iter()
        .map(|&s| {
            let cmp = Comparer::new(doc, tree, s);
            let c = cmp.get(i);
            let measure = |m: Measure| {
                let t = doc.table(cmp.table.as_deref()?)?;
                let col = super::compare::column_for(doc, t, m, doc.fiscal_year)?;
                node.amount(&t.id, &col.key)
            };
            ScopeComparison {
                scope: s.label(lang),
                table: cmp.table.clone(),
                previous: c
                    .prev
                    .as_ref()
                    .map(|v| year_value(v, doc.fiscal_year - 1, lang)),
                current: c.cur.as_ref().map(|v| year_value(v, doc.fiscal_year, lang)),
                change: c.change(),
                percent: percent_text(c, lang),
                basic: measure(Measure::Basic).or_else(|| measure(Measure::Personnel)),
                project: measure(Measure::Project).or_else(|| measure(Measure::Public)),
            }
        })
        .filter(|s| s.current.is_some() || s.previous.is_some())
        .collect();
    let summary = comparisons
        .iter()
        .find(|c| c.previous.as_ref().is_some_and(|p| p.source == "printed"))
        .or(comparisons.first())
        .cloned();
    CodeReport {
        summary,
        code: node.code.clone(),
        name: node.name.clone(),
        classification: tree.classification,
        level: node.level,
        level_name: tree.classification.level_name(node.level, lang),
        parent: node.parent.map(cn),
        children: node.children.iter().map(|&j| cn(j)).collect(),
        other_names: node
            .other_names
            .iter()
            .map(|(t, n)| CodeName {
                code: t.clone(),
                name: n.clone(),
            })
            .collect(),
        amounts,
        comparisons,
        links: links(doc, tree.classification, &node.code, lang),
        checks: Checks {
            list: checks::run(doc)
                .into_iter()
                .filter(|c| c.touches(&node.code))
                .collect(),
            lang,
        },
    }
}

/// Cross-references of a code to the other classification and to the 三公 table, with this
/// year's amounts.
pub fn links(doc: &Document, classification: Classification, code: &str, lang: Lang) -> Vec<Link> {
    let mut out = Vec::new();
    let linked = linked_codes(classification, code);
    if let Some((other, _)) = linked.first() {
        let other_tree = Tree::build(doc, *other);
        for (_, target) in &linked {
            let Some(j) = other_tree.get(target) else {
                continue;
            };
            let n = other_tree.node(j);
            let this_year_total = |c: &&super::tree::Cell| {
                doc.table(&c.table)
                    .and_then(|t| t.column(c.column))
                    .is_some_and(|col| {
                        col.measure == Measure::Total && col.year_in(doc) == doc.fiscal_year
                    })
            };
            out.push(Link {
                to: other.as_str().into(),
                code: Some(n.code.clone()),
                name: n.name.clone(),
                amount: n.cells.iter().find(this_year_total).map(|c| c.amount),
                why: term(lang, Term::LinkFunctionalEconomic),
            });
        }
    }
    if let Some((sg, columns)) = sangong_columns(doc, classification, code) {
        let total = sg
            .sections()
            .into_iter()
            .flat_map(|s| s.rows.iter())
            .find(|r| r.role == RowRole::Total);
        for col in columns
            .into_iter()
            .filter(|c| c.year_in(doc) == doc.fiscal_year)
        {
            out.push(Link {
                to: sg.id.clone(),
                code: None,
                name: col.full_header(),
                amount: total.and_then(|r| r.cells.get(&col.key).copied()),
                why: term(lang, Term::LinkSangong),
            });
        }
    }
    out
}
