//! Year-on-year comparison. A prior-year figure is either printed (表二's 2023 column) or derived
//! (from a narrative change, a sole child, or a cross-table identity) and then says how.

use super::amount::{percent_change, Amount};
use super::document::*;
use super::lang::{term, Lang, Phrase, Term};
use super::links::SANGONG_LINKS;
use super::tree::{Classification, Tree, TOTAL};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Printed in a table: its id and the column's full header.
    Printed { table: String, column: String },
    /// Computed from printed figures; `how` says from which and how.
    Derived { how: Phrase },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub amount: Amount,
    pub source: Source,
}

impl Value {
    pub fn is_derived(&self) -> bool {
        matches!(self.source, Source::Derived { .. })
    }

    /// A printed amount: its table's id and its column's full header.
    fn printed(table: &str, column: &str, amount: Amount) -> Value {
        Value {
            amount,
            source: Source::Printed {
                table: table.to_string(),
                column: column.to_string(),
            },
        }
    }

    fn derived(amount: Amount, how: Phrase) -> Value {
        Value {
            amount,
            source: Source::Derived { how },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Percent {
    Value(Decimal),
    /// The prior year is zero and this year is not: 新增.
    New,
    /// Nothing to compare: a year is absent (shown as —, never as 新增).
    None,
}

impl Percent {
    /// The one rule for a change in percent, wherever it is shown: from zero to zero is
    /// 0.00%, from zero to anything else is 新增.
    pub fn between(prev: Amount, cur: Amount) -> Percent {
        match percent_change(prev, cur) {
            Some(pct) => Percent::Value(pct),
            None if cur.is_zero() => Percent::Value(Decimal::ZERO),
            None => Percent::New,
        }
    }

    /// Of two years that may be absent: `None` unless both are there.
    pub fn of(prev: Option<Amount>, cur: Option<Amount>) -> Percent {
        match (prev, cur) {
            (Some(p), Some(c)) => Percent::between(p, c),
            _ => Percent::None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub prev: Option<Value>,
    pub cur: Option<Value>,
}

impl Comparison {
    pub fn change(&self) -> Option<Amount> {
        Some(self.cur.as_ref()?.amount - self.prev.as_ref()?.amount)
    }

    pub fn percent(&self) -> Percent {
        Percent::of(
            self.prev.as_ref().map(|v| v.amount),
            self.cur.as_ref().map(|v| v.amount),
        )
    }
}

/// Which money a tree view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    AllFunds,
    GeneralBudget,
}

impl Scope {
    pub fn label(self, lang: Lang) -> &'static str {
        term(
            lang,
            match self {
                Scope::AllFunds => Term::AllFunds,
                Scope::GeneralBudget => Term::GeneralBudget,
            },
        )
    }
}

/// The table a tree view reads its current-year figures from.
pub fn scope_table(doc: &Document, classification: Classification, scope: Scope) -> Option<&Table> {
    let kind = classification.table_kind();
    let has = |t: &Table, m: Measure| {
        t.each_section()
            .any(|s| s.columns.iter().any(|c| c.measure == m))
    };
    let want = match (classification, scope) {
        (Classification::Economic, _) => None,
        (_, Scope::AllFunds) => Some(FundScope::All),
        (_, Scope::GeneralBudget) => Some(FundScope::GeneralBudget),
    };
    let candidates = || {
        doc.tables
            .iter()
            .filter(move |t| t.kind == kind && want.is_none_or(|w| t.scope == w))
            .filter(|t| t.each_section().any(|s| !s.rows.is_empty()))
    };
    // Prefer the table that splits basic and project (表八 over 表七).
    candidates()
        .find(|t| has(t, Measure::Basic) || has(t, Measure::Personnel))
        .or_else(|| candidates().next())
}

/// The column of a measure for a year in a table.
pub fn column_for<'a>(
    doc: &Document,
    table: &'a Table,
    measure: Measure,
    year: i32,
) -> Option<&'a Column> {
    table
        .each_section()
        .flat_map(|s| s.columns.iter())
        .find(|c| c.measure == measure && c.year_in(doc) == year)
}

/// Comparisons for every node of one tree in one scope, computed once.
#[derive(Debug, Clone)]
pub struct Comparer {
    pub scope: Scope,
    pub table: Option<String>,
    pub comparisons: Vec<Comparison>,
}

impl Comparer {
    pub fn new(doc: &Document, tree: &Tree, scope: Scope) -> Comparer {
        let table = scope_table(doc, tree.classification, scope);
        let year = doc.fiscal_year;
        let mut comparisons = vec![Comparison::default(); tree.nodes.len()];
        if let Some(table) = table {
            let cur_col = column_for(doc, table, Measure::Total, year);
            let prev_col = column_for(doc, table, Measure::Total, year - 1);
            // Spelled once for every node (a tree is built for every document of a folder).
            let cur_header = cur_col.map(Column::full_header).unwrap_or_default();
            let prev_header = prev_col.map(Column::full_header).unwrap_or_default();
            for (i, node) in tree.nodes.iter().enumerate() {
                let c = &mut comparisons[i];
                if let Some(col) = cur_col {
                    c.cur = node
                        .amount(&table.id, &col.key)
                        .map(|a| Value::printed(&table.id, &cur_header, a));
                }
                if let Some(col) = prev_col {
                    c.prev = node
                        .amount(&table.id, &col.key)
                        .map(|a| Value::printed(&table.id, &prev_header, a));
                }
                if c.prev.is_none() {
                    if let (Some(cur), Some(col)) = (&c.cur, cur_col) {
                        let code = (i != TOTAL).then_some(node.code.as_str());
                        c.prev = from_narrative(doc, table, code, col, cur.amount);
                    }
                }
            }
            match tree.classification {
                Classification::Functional if scope == Scope::AllFunds => {
                    borrow_general_budget(doc, tree, &mut comparisons)
                }
                Classification::Economic => from_sangong_and_basic(doc, tree, &mut comparisons),
                _ => {}
            }
            propagate_sole_children(tree, &mut comparisons);
        }
        Comparer {
            scope,
            table: table.map(|t| t.id.clone()),
            comparisons,
        }
    }

    pub fn get(&self, node: usize) -> &Comparison {
        &self.comparisons[node]
    }
}

/// A prior-year value from a narrative change figure about this cell.
fn from_narrative(
    doc: &Document,
    table: &Table,
    code: Option<&str>,
    col: &Column,
    cur: Amount,
) -> Option<Value> {
    narrative_changes_for(doc, table, code, &col.key)
        .into_iter()
        .filter_map(|(f, change)| {
            // The narrative speaks in 万元 of tables that may be in 元: converted exactly.
            let unit = f.unit.as_deref().unwrap_or(&doc.unit);
            let change = crate::core::amount::convert(change, unit, table.unit(doc))?;
            Some((f, change))
        })
        .next()
        .map(|(f, change)| {
            let prev = cur - change;
            Value::derived(
                prev,
                Phrase::new(Term::FromNarrative)
                    .data(f.section.clone())
                    .data(f.quote.clone())
                    .data(cur.display())
                    .data(if change.value() < Decimal::ZERO {
                        "+"
                    } else {
                        "−"
                    })
                    .data(Amount(change.value().abs()).display())
                    .data(prev.display()),
            )
        })
}

/// Narrative change figures whose reference is this cell (code `None` = the total row).
pub fn narrative_changes_for<'a>(
    doc: &'a Document,
    table: &Table,
    code: Option<&str>,
    column: &str,
) -> Vec<(&'a NarrativeFigure, Amount)> {
    doc.narrative_figures
        .iter()
        .filter_map(|f| {
            let r = f.r#ref.as_ref()?;
            if r.table != table.id || r.column != column {
                return None;
            }
            let (row, _) = table.resolve(r)?;
            let matches = match code {
                Some(c) => row.code.as_deref() == Some(c),
                None => row.role == RowRole::Total && row.code.is_none(),
            };
            if matches {
                Some((f, f.signed_change()?))
            } else {
                None
            }
        })
        .collect()
}

/// All-funds prior year from the general-budget table, when the document shows that the
/// department had no other money in the prior year.
fn borrow_general_budget(doc: &Document, tree: &Tree, comparisons: &mut [Comparison]) {
    let Some(gpb) = scope_table(doc, Classification::Functional, Scope::GeneralBudget) else {
        return;
    };
    let Some(gpb_prev) = column_for(doc, gpb, Measure::Total, doc.fiscal_year - 1) else {
        return;
    };
    let Some(all_prev) = comparisons[TOTAL].prev.clone() else {
        return;
    };
    let Some(gpb_prev_total) = tree.nodes[TOTAL].amount(&gpb.id, &gpb_prev.key) else {
        return;
    };
    if all_prev.amount != gpb_prev_total {
        return;
    }
    let year = doc.fiscal_year - 1;
    for (i, node) in tree.nodes.iter().enumerate().skip(1) {
        if comparisons[i].prev.is_some() {
            continue;
        }
        if let Some(a) = node.amount(&gpb.id, &gpb_prev.key) {
            comparisons[i].prev = Some(Value::derived(
                a,
                Phrase::new(Term::FromGeneralBudget)
                    .data(gpb.id.clone())
                    .data(gpb_prev.full_header())
                    .data(a.display())
                    .data(year.to_string())
                    .data(all_prev.amount.display())
                    .data(gpb_prev_total.display()),
            ));
        }
    }
}

fn from_sangong_and_basic(doc: &Document, tree: &Tree, comparisons: &mut [Comparison]) {
    let year = doc.fiscal_year - 1;
    if let Some(sg) = doc.tables_of(TableKind::Sangong).next() {
        for (code, measure) in SANGONG_LINKS {
            let (Some(i), Some(col)) = (tree.get(code), column_for(doc, sg, *measure, year)) else {
                continue;
            };
            if comparisons[i].prev.is_some() {
                continue;
            }
            let row = sg
                .each_section()
                .flat_map(|s| s.rows.iter())
                .find(|r| r.role == RowRole::Total);
            if let Some(a) = row.and_then(|r| r.cells.get(&col.key)) {
                comparisons[i].prev = Some(Value::derived(
                    *a,
                    Phrase::new(Term::FromSangong)
                        .data(sg.id.clone())
                        .data(col.full_header())
                        .data(code.to_string()),
                ));
            }
        }
    }
    // 经济分类合计 = 一般公共预算基本支出; its prior year comes from the narrative's basic change.
    if comparisons[TOTAL].prev.is_none() {
        if let (Some(cur), Some(gpb)) = (
            comparisons[TOTAL].cur.clone(),
            scope_table(doc, Classification::Functional, Scope::GeneralBudget),
        ) {
            if let Some(basic) = column_for(doc, gpb, Measure::Basic, doc.fiscal_year) {
                if tree.nodes[TOTAL].cells.is_empty() {
                    return;
                }
                if let Some(v) = from_narrative(doc, gpb, None, basic, cur.amount) {
                    let Source::Derived { how } = v.source else {
                        return;
                    };
                    comparisons[TOTAL].prev = Some(Value::derived(
                        v.amount,
                        Phrase::new(Term::BasicTotalIs)
                            .data(gpb.id.clone())
                            .data(basic.full_header())
                            .phrase(how),
                    ));
                }
            }
        }
    }
}

/// A sole child equals its parent (parent = sum of children), so it inherits a prior-year value.
fn propagate_sole_children(tree: &Tree, comparisons: &mut [Comparison]) {
    let mut stack: Vec<usize> = tree.roots.iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        let node = &tree.nodes[i];
        if let ([only], Some(prev)) = (node.children.as_slice(), comparisons[i].prev.clone()) {
            if comparisons[*only].prev.is_none() && comparisons[*only].cur.is_some() {
                comparisons[*only].prev = Some(Value::derived(
                    prev.amount,
                    Phrase::new(Term::SoleChild)
                        .data(tree.nodes[*only].code.clone())
                        .data(node.code.clone())
                        .data(prev.amount.display()),
                ));
            }
        }
        stack.extend(node.children.iter().rev());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::bundled;

    fn cmp(scope: Scope, class: Classification, code: &str) -> Comparison {
        let doc = bundled();
        let tree = Tree::build(&doc, class);
        let c = Comparer::new(&doc, &tree, scope);
        let i = if code.is_empty() {
            TOTAL
        } else {
            tree.get(code).unwrap()
        };
        c.get(i).clone()
    }

    #[test]
    fn printed_prior_year_in_general_budget_scope() {
        let c = cmp(Scope::GeneralBudget, Classification::Functional, "2080101");
        assert_eq!(c.prev.as_ref().unwrap().amount.display(), "451.66");
        assert!(!c.prev.as_ref().unwrap().is_derived());
        assert_eq!(c.cur.as_ref().unwrap().amount.display(), "530.70");
        assert_eq!(c.change().unwrap().display_signed(), "+79.04");
        let Percent::Value(p) = c.percent() else {
            panic!()
        };
        assert_eq!(crate::core::amount::display_percent(p), "+17.50%");
    }

    #[test]
    fn state_capital_prior_year_is_derived_zero_and_new() {
        for code in ["223", "22301", "2230105"] {
            let c = cmp(Scope::AllFunds, Classification::Functional, code);
            let prev = c.prev.unwrap();
            assert!(prev.is_derived(), "{code}");
            assert!(prev.amount.is_zero(), "{code}");
        }
        let c = cmp(Scope::AllFunds, Classification::Functional, "223");
        assert_eq!(c.percent(), Percent::New);
    }

    #[test]
    fn all_funds_total_prior_year_from_narrative() {
        let c = cmp(Scope::AllFunds, Classification::Functional, "");
        let prev = c.prev.unwrap();
        assert_eq!(prev.amount.display2(), "1,193.21");
        let Source::Derived { how } = prev.source else {
            panic!()
        };
        assert!(how.contains("331.19"), "{how}");
        let c = cmp(Scope::AllFunds, Classification::Functional, "2080505");
        assert_eq!(c.prev.unwrap().amount.display(), "48.94");
    }

    #[test]
    fn economic_prior_years_from_sangong_and_narrative() {
        assert_eq!(
            cmp(Scope::AllFunds, Classification::Economic, "30217")
                .prev
                .unwrap()
                .amount
                .display(),
            "1.00"
        );
        assert_eq!(
            cmp(Scope::AllFunds, Classification::Economic, "30231")
                .prev
                .unwrap()
                .amount
                .display(),
            "7.00"
        );
        assert_eq!(
            cmp(Scope::AllFunds, Classification::Economic, "")
                .prev
                .unwrap()
                .amount
                .display2(),
            "616.09"
        );
        assert_eq!(
            cmp(Scope::AllFunds, Classification::Economic, "30101").prev,
            None
        );
        assert_eq!(
            cmp(Scope::AllFunds, Classification::Economic, "30101").percent(),
            Percent::None
        );
    }
}
