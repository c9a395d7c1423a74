//! Checks that only a 决算 (final accounts) has: its summaries add carry-overs to the year's
//! figures and balance side against side, its fund tables carry money from one year to the next,
//! and its narrative says whether each figure came in above or below the budget.

use super::amount::Amount;
use super::checks::{Check, CheckKind, Status};
use super::document::*;
use super::lang::{Phrase, Term};

fn numbered(name: &str) -> bool {
    let head: String = name.chars().take_while(|c| *c != '、').collect();
    head.len() < name.len()
        && !head.is_empty()
        && head.chars().all(|c| "一二三四五六七八九十".contains(c))
}

fn label(row: &Row) -> Phrase {
    match row.name.clone().or_else(|| row.code.clone()) {
        Some(s) => Phrase::plain(s),
        None => Term::TotalRow.into(),
    }
}

/// `printed` against the sum of `parts`, per column; only where something is printed.
fn sum(
    table: &Table,
    sec: &SectionView,
    printed: &Row,
    parts: &[&Row],
    what: Term,
    out: &mut Vec<Check>,
) {
    for col in sec.columns {
        let vals: Vec<Amount> = parts
            .iter()
            .filter_map(|r| r.cells.get(&col.key))
            .copied()
            .collect();
        let p = printed.cells.get(&col.key).copied();
        if p.is_none() && vals.is_empty() {
            continue;
        }
        let title = Phrase::new(Term::FaSum)
            .data(table.id.clone())
            .data(sec.name.map(|n| format!("{n} ")).unwrap_or_default())
            .phrase(label(printed))
            .data(col.full_header())
            .phrase(what.into());
        out.push(
            Check::compare(
                CheckKind::ParentSum,
                title,
                p.unwrap_or(Amount::ZERO),
                vals.iter().copied().sum(),
                vals.len(),
            )
            .tables(&[&table.id]),
        );
    }
}

/// Every 决算-only check of the document.
pub fn checks(doc: &Document, out: &mut Vec<Check>) {
    for table in doc.tables_of(TableKind::Summary) {
        summary(table, out);
    }
    for table in &doc.tables {
        carry_over(table, out);
    }
}

/// A summary's lines: 本年收入合计 = its numbered items; 总计 = 本年收入合计 + the carry-over
/// lines below it; a carry-over line = the numbered lines under it; and the two sides' 总计 agree.
fn summary(table: &Table, out: &mut Vec<Check>) {
    let sections = table.sections();
    for sec in &sections {
        let rows = sec.rows;
        let Some(sub) = rows.iter().position(|r| r.role == RowRole::Subtotal) else {
            continue;
        };
        let items: Vec<&Row> = rows[..sub]
            .iter()
            .filter(|r| r.name.as_deref().is_some_and(numbered))
            .collect();
        sum(table, sec, &rows[sub], &items, Term::FaItems, out);
        let after = &rows[sub + 1..];
        let Some(total) = after.iter().position(|r| r.role == RowRole::Total) else {
            continue;
        };
        let mut parts: Vec<&Row> = vec![&rows[sub]];
        let mut k = 0;
        while k < total {
            let head = &after[k];
            let under: Vec<&Row> = after[k + 1..total]
                .iter()
                .take_while(|r| r.name.as_deref().is_some_and(numbered))
                .collect();
            if !head.name.as_deref().is_some_and(numbered) {
                parts.push(head);
                if !under.is_empty() {
                    sum(table, sec, head, &under, Term::FaItemsUnder, out);
                }
            }
            k += 1 + under.len();
        }
        sum(table, sec, &after[total], &parts, Term::FaYearAndCarry, out);
    }
    if let [a, b] = sections.as_slice() {
        let total = |s: &SectionView| -> Option<(Amount, Phrase)> {
            let col = s.columns.iter().find(|c| c.measure == Measure::Total)?;
            let row = s.rows.iter().find(|r| r.role == RowRole::Total)?;
            Some((
                row.cells.get(&col.key).copied().unwrap_or(Amount::ZERO),
                label(row),
            ))
        };
        if let (Some((x, nx)), Some((y, ny))) = (total(a), total(b)) {
            let title = Phrase::new(Term::FaSides)
                .data(table.id.clone())
                .data(a.name.unwrap_or(""))
                .phrase(nx)
                .data(b.name.unwrap_or(""))
                .phrase(ny);
            out.push(Check::compare(CheckKind::ParentSum, title, x, y, 1).tables(&[&table.id]));
        }
    }
}

/// 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, per row.
fn carry_over(table: &Table, out: &mut Vec<Check>) {
    for sec in table.sections() {
        let key = |m: Measure| {
            sec.columns
                .iter()
                .find(|c| c.measure == m)
                .map(|c| c.key.as_str())
        };
        let (Some(cin), Some(inc), Some(spent), Some(cout)) = (
            key(Measure::CarryIn),
            key(Measure::Income),
            key(Measure::Total),
            key(Measure::CarryOut),
        ) else {
            continue;
        };
        for row in sec.rows {
            let get = |k: &str| row.cells.get(k).copied();
            if [cin, inc, spent, cout].iter().all(|k| get(k).is_none()) {
                continue;
            }
            let zero = Amount::ZERO;
            let expected =
                get(cin).unwrap_or(zero) + get(inc).unwrap_or(zero) - get(spent).unwrap_or(zero);
            let title = Phrase::new(Term::FaCarryOver)
                .data(table.id.clone())
                .phrase(label(row));
            out.push(
                Check::compare(
                    CheckKind::RowIdentity,
                    title,
                    get(cout).unwrap_or(zero),
                    expected,
                    3,
                )
                .with_codes(&[row.code.as_deref().unwrap_or("")])
                .tables(&[&table.id]),
            );
        }
    }
}

/// The economic table's two halves together against the general budget's basic spending.
pub fn halves_total(doc: &Document, econ: &Table, gpb: &Table, out: &mut Vec<Check>) {
    let totals: Vec<Amount> = econ
        .sections()
        .iter()
        .filter_map(|s| {
            let col = s.columns.iter().find(|c| c.measure == Measure::Total)?;
            let row = s
                .rows
                .iter()
                .find(|r| r.role == RowRole::Total && r.code.is_none())?;
            row.cells.get(&col.key).copied()
        })
        .collect();
    let basic = gpb.sections().iter().find_map(|s| {
        let col = s
            .columns
            .iter()
            .find(|c| c.measure == Measure::Basic && c.year_in(doc) == doc.fiscal_year)?;
        let row = s
            .rows
            .iter()
            .find(|r| r.role == RowRole::Total && r.code.is_none())?;
        Some(row.cells.get(&col.key).copied().unwrap_or(Amount::ZERO))
    });
    let Some(basic) = basic else { return };
    if totals.is_empty() {
        return;
    }
    let title = Phrase::new(Term::FaHalves)
        .data(econ.id.clone())
        .data(gpb.id.clone());
    out.push(
        Check::compare(
            CheckKind::CrossTable,
            title,
            totals.iter().copied().sum(),
            basic,
            totals.len(),
        )
        .tables(&[&econ.id, &gpb.id]),
    );
}

/// A narrative comparison ("决算数小于预算数") against its two figures: a failure when the words
/// say otherwise than the figures.
pub fn comparison(title: Phrase, final_amount: Amount, budget: Amount, said: Direction) -> Check {
    let actual = match final_amount.value().cmp(&budget.value()) {
        std::cmp::Ordering::Greater => Direction::Increase,
        std::cmp::Ordering::Less => Direction::Decrease,
        std::cmp::Ordering::Equal => Direction::Same,
    };
    let mut c = Check::compare(CheckKind::Narrative, title, final_amount, budget, 1);
    // “基本持平” allows what rounds alike; otherwise the words must match the figures' order.
    c.status = if said == actual {
        Status::Pass
    } else if said == Direction::Same && c.status != Status::Fail {
        Status::Rounding
    } else {
        Status::Fail
    };
    c
}
