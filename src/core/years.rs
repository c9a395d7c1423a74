//! One department's documents of several years side by side: every code of every year, matched
//! by code (a code printed in one year only is 新增 or 取消, never a zero), each year's figure
//! from that year's own document, in that document's unit until converted exactly for display.
//! Also the cross-year checks of the narrative: a later document's "比2023年预算减少876.75万元"
//! against the earlier document's own figure.

use super::amount::{convert, display_percent, Amount};
use super::checks::{Check, CheckKind};
use super::collection::Collection;
use super::compare::{column_for, scope_table, Percent, Scope};
use super::document::*;
use super::lang::{Phrase, Term};
use super::tree::{level_of, link_codes, Classification, TOTAL};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// One year's column: the document it comes from and the table read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearColumn {
    pub year: i32,
    /// Index of the document in the collection.
    pub document: usize,
    /// The table the year's figures are read from (absent: the document has no such table).
    pub table: Option<String>,
    /// The unit the table prints in (元, 万元).
    pub unit: String,
}

#[derive(Debug, Clone, Default)]
pub struct YearNode {
    /// Empty for the total row.
    pub code: String,
    pub level: u8,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The name printed in each year (by column), absent where the year lacks the code.
    pub names: Vec<Option<String>>,
    /// The total printed in each year, in that year's unit; absent where the year lacks the code.
    pub amounts: Vec<Option<Amount>>,
}

impl YearNode {
    /// The name of the latest year that prints the code.
    pub fn name(&self) -> &str {
        self.names
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or("", String::as_str)
    }

    /// Whether the code is printed under more than one name across the years.
    pub fn renamed(&self) -> bool {
        let mut names = self.names.iter().flatten();
        let first = names.next();
        names.any(|n| Some(n) != first)
    }
}

/// What happened to a code between two years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Printed in both years: the difference (later − earlier) and its percent.
    Both(Amount, Percent),
    /// Printed in the later year only: 新增, with the later amount.
    New(Amount),
    /// Printed in the earlier year only: 取消, with the earlier amount.
    Dropped(Amount),
    /// Printed in neither.
    Absent,
}

impl Change {
    pub fn amount(self) -> Option<Amount> {
        match self {
            Change::Both(d, _) => Some(d),
            Change::New(a) => Some(a),
            Change::Dropped(a) => Some(-a),
            Change::Absent => None,
        }
    }

    pub fn percent(self) -> Percent {
        match self {
            Change::Both(_, p) => p,
            Change::New(_) => Percent::New,
            _ => Percent::None,
        }
    }
}

/// A department's tree over several years.
#[derive(Debug, Clone)]
pub struct Years {
    pub department: String,
    pub name: String,
    pub classification: Classification,
    pub scope: Scope,
    /// Ascending by year.
    pub columns: Vec<YearColumn>,
    /// Index 0 is the total row.
    pub nodes: Vec<YearNode>,
    pub roots: Vec<usize>,
    index: HashMap<String, usize>,
}

/// The departments with documents of at least two years: (department code, document indices
/// ascending by year).
pub fn departments_with_years(collection: &Collection) -> Vec<(String, Vec<usize>)> {
    let mut by: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, d) in collection.documents.iter().enumerate() {
        match by.last_mut() {
            Some((code, docs)) if *code == d.department.code => docs.push(i),
            _ => by.push((d.department.code.clone(), vec![i])),
        }
    }
    by.retain(|(_, docs)| docs.len() > 1);
    by
}

/// The documents of a department, ascending by year. The collection is sorted by department
/// and year, so this is a binary search: series over every department stay linear.
pub fn documents_of(collection: &Collection, department: &str) -> Vec<usize> {
    let docs = &collection.documents;
    let start = docs.partition_point(|d| d.department.code.as_str() < department);
    let end = start + docs[start..].partition_point(|d| d.department.code == department);
    (start..end).collect()
}

impl Years {
    pub fn build(
        collection: &Collection,
        department: &str,
        classification: Classification,
        scope: Scope,
    ) -> Years {
        let docs = documents_of(collection, department);
        let n = docs.len();
        let mut nodes = vec![YearNode {
            names: vec![None; n],
            amounts: vec![None; n],
            ..YearNode::default()
        }];
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut columns = Vec::new();
        let mut name = String::new();
        for (y, &di) in docs.iter().enumerate() {
            let doc = &collection.documents[di];
            name.clone_from(&doc.department.name);
            let table = scope_table(doc, classification, scope);
            columns.push(YearColumn {
                year: doc.fiscal_year,
                document: di,
                table: table.map(|t| t.id.clone()),
                unit: table.map_or(doc.unit.as_str(), |t| t.unit(doc)).to_string(),
            });
            let Some(table) = table else { continue };
            let Some(col) = column_for(doc, table, Measure::Total, doc.fiscal_year) else {
                continue;
            };
            for row in table.each_section().flat_map(|s| s.rows.iter()) {
                let i = match (&row.code, row.role) {
                    (Some(code), _) => *index.entry(code.to_string()).or_insert_with(|| {
                        nodes.push(YearNode {
                            code: code.to_string(),
                            level: level_of(code),
                            names: vec![None; n],
                            amounts: vec![None; n],
                            ..YearNode::default()
                        });
                        nodes.len() - 1
                    }),
                    (None, RowRole::Total) => TOTAL,
                    (None, _) => continue,
                };
                let node = &mut nodes[i];
                if node.names[y].is_none() {
                    node.names[y] = Some(row.display_name().to_string());
                }
                if node.amounts[y].is_none() {
                    // A printed row with an empty cell is a zero of that year, not an absence.
                    node.amounts[y] = Some(row.cells.get(&col.key).copied().unwrap_or_default());
                }
            }
        }
        nodes[TOTAL].names = vec![Some("合计".to_string()); n];
        let roots = link_codes(&index, |child, parent| {
            nodes[child].parent = Some(parent);
            nodes[parent].children.push(child);
        });
        Years {
            department: department.to_string(),
            name,
            classification,
            scope,
            columns,
            nodes,
            roots,
            index,
        }
    }

    pub fn get(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    /// The column of a year.
    pub fn column_of(&self, year: i32) -> Option<usize> {
        self.columns.iter().position(|c| c.year == year)
    }

    /// The units the years print in, distinct, in year order.
    pub fn units(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.columns {
            if !out.contains(&c.unit.as_str()) {
                out.push(&c.unit);
            }
        }
        out
    }

    /// The display unit when none is chosen: the one unit every year prints in, else 万元.
    pub fn default_unit(&self) -> &str {
        match self.units().as_slice() {
            [one] => one,
            _ => "万元",
        }
    }

    /// A node's figure of a year (by column) in `unit`, converted exactly; `None` where the year
    /// does not print the code (or the unit is not money).
    pub fn amount(&self, node: usize, column: usize, unit: &str) -> Option<Amount> {
        let a = (*self.nodes.get(node)?.amounts.get(column)?)?;
        convert(a, &self.columns.get(column)?.unit, unit)
    }

    /// What happened to a node from one year (column) to another, in `unit`.
    pub fn change(&self, node: usize, from: usize, to: usize, unit: &str) -> Change {
        match (self.amount(node, from, unit), self.amount(node, to, unit)) {
            (Some(a), Some(b)) => Change::Both(b - a, Percent::between(a, b)),
            (None, Some(b)) => Change::New(b),
            (Some(a), None) => Change::Dropped(a),
            (None, None) => Change::Absent,
        }
    }

    /// The nodes in code order (the total first).
    pub fn codes(&self) -> impl Iterator<Item = (usize, &YearNode)> {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|&a, &b| self.nodes[a].code.cmp(&self.nodes[b].code));
        order.into_iter().map(move |i| (i, &self.nodes[i]))
    }
}

/// An amount for display in a unit: as printed when it was not converted, otherwise exactly
/// (every digit the conversion gives, at least two decimals).
pub fn display_in(a: Amount, converted: bool) -> String {
    if !converted {
        return a.display();
    }
    let n = a.value().normalize();
    let n = if n.scale() < 2 {
        let mut m = n;
        m.rescale(2);
        m
    } else {
        n
    };
    Amount(n).display()
}

/// A signed change for display, exactly: +177.0384, -10.00, 0.00.
pub fn display_change(a: Amount, converted: bool) -> String {
    let s = display_in(a, converted);
    if a.value() > Decimal::ZERO {
        format!("+{s}")
    } else {
        s
    }
}

/// A change's percent as text: +7.74%, 新增, 取消, or —.
pub fn percent_label(c: Change, none: &str, lang: crate::core::lang::Lang) -> String {
    use crate::core::lang::term;
    match c {
        Change::Both(_, Percent::Value(p)) => display_percent(p),
        Change::Both(_, Percent::New) | Change::New(_) => term(lang, Term::New).into(),
        Change::Dropped(_) => term(lang, Term::Dropped).into(),
        _ => none.to_string(),
    }
}

/// Where a later document's narrative states a change from an earlier year whose document is
/// loaded: the stated change against the later cell less the earlier document's own figure for
/// the same cell, compared in the narrative's unit (万元), exactly.
pub fn narrative_cross_year_checks(collection: &Collection, doc: &Document) -> Vec<Check> {
    let mut out = Vec::new();
    for f in &doc.narrative_figures {
        let (Some(year), Some(change), Some(r)) = (f.year, f.signed_change(), &f.r#ref) else {
            continue;
        };
        let Some(prior) = collection.find(&doc.department.code, year) else {
            continue;
        };
        let (Some(table), Some(prior_table)) = (doc.table(&r.table), prior.table(&r.table)) else {
            continue;
        };
        let (Some((row, col)), Some((prior_row, prior_col))) =
            (table.resolve(r), prior_table.resolve(r))
        else {
            continue;
        };
        let unit = f.unit.as_deref().unwrap_or(&doc.unit);
        let cur = convert(
            row.cells.get(&col.key).copied().unwrap_or(Amount::ZERO),
            table.unit(doc),
            unit,
        );
        let own = convert(
            prior_row
                .cells
                .get(&prior_col.key)
                .copied()
                .unwrap_or(Amount::ZERO),
            prior_table.unit(prior),
            unit,
        );
        let (Some(cur), Some(own)) = (cur, own) else {
            continue;
        };
        let label = row
            .code
            .as_deref()
            .unwrap_or_else(|| row.display_name())
            .to_string();
        let title = Phrase::new(Term::TitleCrossYearNarrative)
            .data(doc.department.name.clone())
            .data(doc.fiscal_year.to_string())
            .data(f.section.clone())
            .data(f.quote.clone())
            .data(doc.fiscal_year.to_string())
            .data(table.id.clone())
            .data(label)
            .data(col.full_header())
            .data(prior.fiscal_year.to_string())
            .data(prior_col.full_header());
        out.push(
            Check::compare(CheckKind::CrossYear, title, change, cur - own, 2)
                .with_codes(&[row.code.as_deref().unwrap_or("")]),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_display_of_converted_amounts() {
        let a = Amount::parse("18373632.00").unwrap();
        let wan = convert(a, "元", "万元").unwrap();
        assert_eq!(display_in(wan, true), "1,837.3632");
        assert_eq!(display_in(a, false), "18,373,632.00");
        let ten = convert(Amount::parse("10").unwrap(), "万元", "元").unwrap();
        assert_eq!(display_in(ten, true), "100,000.00");
        assert_eq!(display_change(-ten, true), "-100,000.00");
    }
}
