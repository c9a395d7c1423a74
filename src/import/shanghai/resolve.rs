//! Rows of a text whose empty cells were left out: "201 一般公共服务支出 3,353,072 3,353,072"
//! under 合计 | 基本支出 | 项目支出 says that one of the two parts holds the amount, not which.
//! The printed sums decide: a parent equals the sum of its children in every column, the table's
//! total the sum of its classes. A row is placed only when exactly one choice for the whole
//! family satisfies them; otherwise it stays unread.

use crate::core::amount::Amount;
use crate::core::document::{Column, Row, RowRole};
use rust_decimal::Decimal;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

/// A row whose amounts are known but not their columns.
#[derive(Debug, Clone)]
pub struct Pending {
    pub row: usize,
    pub amounts: Vec<Amount>,
}

/// At most this many partial sums of a family are followed before it is left unresolved.
const MAX_SUMS: usize = 20_000;

/// At most this many sums are formed in one table, so that no input makes the import slow: what
/// is left undecided then is reported like any undecided line.
const MAX_WORK: usize = 5_000_000;

type Vector = Vec<Decimal>;

/// Every way to put the amounts into the columns in order, the first into the first column (a
/// row that prints anything prints its total), that satisfies the row's own sums.
fn choices(columns: &[Column], amounts: &[Amount]) -> Vec<Vec<Option<Amount>>> {
    let n = columns.len();
    let k = amounts.len();
    let mut out = Vec::new();
    if k == 0 || k > n {
        return out;
    }
    // Positions of the amounts after the first: k-1 of the columns 1..n, in order.
    let mut pick: Vec<usize> = (1..k).collect();
    loop {
        let mut cells = vec![None; n];
        cells[0] = Some(amounts[0]);
        for (j, &p) in pick.iter().enumerate() {
            cells[p] = Some(amounts[j + 1]);
        }
        if row_sums_hold(columns, &cells) {
            out.push(cells);
        }
        // The next combination of k-1 positions out of 1..n.
        let mut i = pick.len();
        loop {
            if i == 0 {
                return out;
            }
            i -= 1;
            if pick[i] < n - (pick.len() - i) {
                pick[i] += 1;
                for j in i + 1..pick.len() {
                    pick[j] = pick[j - 1] + 1;
                }
                break;
            }
        }
        if pick.is_empty() {
            return out;
        }
    }
}

fn row_sums_hold(columns: &[Column], cells: &[Option<Amount>]) -> bool {
    columns.iter().enumerate().all(|(i, c)| {
        if c.sum_of.is_empty() {
            return true;
        }
        let value = |key: &str| {
            columns
                .iter()
                .position(|x| x.key == key)
                .and_then(|j| cells[j])
                .map_or(Decimal::ZERO, |a| a.0)
        };
        let parts: Decimal = c.sum_of.iter().map(|k| value(k)).sum();
        cells[i].map_or(Decimal::ZERO, |a| a.0) == parts
    })
}

fn vector(columns: &[Column], row: &Row) -> Vector {
    columns
        .iter()
        .map(|c| row.cells.get(&c.key).map_or(Decimal::ZERO, |a| a.0))
        .collect()
}

fn as_vector(cells: &[Option<Amount>]) -> Vector {
    cells
        .iter()
        .map(|c| c.map_or(Decimal::ZERO, |a| a.0))
        .collect()
}

fn add(a: &Vector, b: &Vector) -> Vector {
    a.iter().zip(b).map(|(x, y)| x + y).collect()
}

/// A family: a parent row and the rows whose sum it is.
struct Family {
    parent: usize,
    children: Vec<usize>,
}

/// Parents by code (类 over 款, 款 over 项), and the total over the classes; for a summary side,
/// its total over its numbered lines (一、 二、 …).
fn families(rows: &[Row]) -> Vec<Family> {
    let mut out = Vec::new();
    let by_code: BTreeMap<&str, usize> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.code.as_deref().map(|c| (c, i)))
        .collect();
    for (i, r) in rows.iter().enumerate() {
        let Some(code) = r.code.as_deref() else {
            continue;
        };
        let children: Vec<usize> = by_code
            .iter()
            .filter(|(c, _)| c.len() == code.len() + 2 && c.starts_with(code))
            .map(|(_, &j)| j)
            .collect();
        if !children.is_empty() {
            out.push(Family {
                parent: i,
                children,
            });
        }
    }
    if let Some(total) = rows.iter().position(|r| r.role == RowRole::Total) {
        let coded: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].code.as_ref().is_some_and(|c| c.len() == 3))
            .collect();
        let numbered: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                rows[i].code.is_none()
                    && rows[i].role != RowRole::Total
                    && rows[i].name.as_deref().is_some_and(|n| {
                        n.contains('、')
                            && n.starts_with(|c: char| "一二三四五六七八九十".contains(c))
                    })
            })
            .collect();
        let children = if coded.is_empty() { numbered } else { coded };
        if !children.is_empty() {
            out.push(Family {
                parent: total,
                children,
            });
        }
    }
    out
}

/// What another table (or the other side of a summary) says the total row holds, column by
/// column (a blank as zero), and where it says so, for the report.
#[derive(Debug, Clone, Default)]
pub struct Expected {
    pub cells: Vec<(String, Decimal)>,
    /// Where it comes from, in Chinese and English.
    pub from: (&'static str, &'static str),
}

/// Places what the sums decide; returns the pending rows left undecided, and whether `expected`
/// chose among the total row's placements.
pub fn resolve(
    rows: &mut [Row],
    columns: &[Column],
    pending: Vec<Pending>,
    expected: Option<&Expected>,
) -> (Vec<Pending>, bool) {
    let mut options: BTreeMap<usize, Vec<Vec<Option<Amount>>>> = pending
        .iter()
        .map(|p| (p.row, choices(columns, &p.amounts)))
        .collect();
    let mut used_expected = false;
    let total = rows.iter().position(|r| r.role == RowRole::Total);
    if let (Some(e), Some(o)) = (expected, total.and_then(|t| options.get_mut(&t))) {
        let agrees = |cells: &Vec<Option<Amount>>| {
            e.cells.iter().all(
                |(key, want)| match columns.iter().position(|c| &c.key == key) {
                    Some(j) => cells[j].map_or(Decimal::ZERO, |a| a.0) == *want,
                    None => true,
                },
            )
        };
        let kept: Vec<_> = o.iter().filter(|c| agrees(c)).cloned().collect();
        // None agreeing is a contradiction of the source: the sums alone decide then.
        if !kept.is_empty() && kept.len() < o.len() {
            *o = kept;
            used_expected = true;
        }
    }
    let families = families(rows);
    let budget = Cell::new(MAX_WORK);
    // Narrow each pending row's options to those some choice of its family can match, until
    // nothing changes; then place every row left with one option.
    loop {
        let mut changed = false;
        for f in &families {
            let members: Vec<usize> = std::iter::once(f.parent)
                .chain(f.children.iter().copied())
                .collect();
            if !members.iter().any(|m| options.contains_key(m)) {
                continue;
            }
            let Some(viable) = viable(f, &options, rows, columns, &budget) else {
                continue;
            };
            for (m, keep) in members.iter().zip(viable) {
                if let Some(o) = options.get(m) {
                    let kept: Vec<Vec<Option<Amount>>> = o
                        .iter()
                        .zip(&keep)
                        .filter(|(_, k)| **k)
                        .map(|(c, _)| c.clone())
                        .collect();
                    if kept.len() < o.len() && !kept.is_empty() {
                        options.insert(*m, kept);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    // A row gets the cells all its remaining options agree on (its total at least): all of them
    // when one option is left, else it stays pending for the rest.
    let mut left = Vec::new();
    for p in pending {
        let o = options.get(&p.row).map_or(&[][..], Vec::as_slice);
        for (j, c) in columns.iter().enumerate() {
            if let Some(Some(a)) = o.first().map(|first| first[j]) {
                if o.iter().all(|x| x[j] == Some(a)) {
                    rows[p.row].cells.insert(c.key.to_string(), a);
                }
            }
        }
        if o.len() != 1 {
            left.push(p);
        }
    }
    (left, used_expected)
}

fn sub(a: &Vector, b: &Vector) -> Vector {
    a.iter().zip(b).map(|(x, y)| x - y).collect()
}

/// For the parent and each child of a family (in that order), which of its options take part in
/// some choice whose children sum to the parent; `None` when no choice does (a contradiction the
/// report shows elsewhere) or there are too many sums to follow.
///
/// The sums of the children before and after each child are kept as sets, so that equal partial
/// sums are followed once; when no option is negative, a partial sum above the parent's largest
/// value in a column is dropped (it cannot come back down).
fn viable(
    f: &Family,
    options: &BTreeMap<usize, Vec<Vec<Option<Amount>>>>,
    rows: &[Row],
    columns: &[Column],
    budget: &Cell<usize>,
) -> Option<Vec<Vec<bool>>> {
    // Spends `n` of the budget; false once it is spent.
    let spend = |n: usize| {
        budget.set(budget.get().saturating_sub(n));
        budget.get() > 0
    };
    let opts = |i: usize| -> Vec<Vector> {
        match options.get(&i) {
            Some(o) => o.iter().map(|c| as_vector(c)).collect(),
            None => vec![vector(columns, &rows[i])],
        }
    };
    let parent = opts(f.parent);
    let children: Vec<Vec<Vector>> = f.children.iter().map(|&c| opts(c)).collect();
    let n = columns.len();
    let none_negative = children
        .iter()
        .flatten()
        .all(|v| v.iter().all(|x| !x.is_sign_negative()));
    let bound: Vector = (0..n)
        .map(|j| parent.iter().map(|p| p[j]).max().unwrap_or(Decimal::ZERO))
        .collect();
    let within = |v: &Vector| !none_negative || v.iter().zip(&bound).all(|(x, b)| x <= b);
    let step = |from: &BTreeSet<Vector>, with: &[Vector]| -> Option<BTreeSet<Vector>> {
        let mut next = BTreeSet::new();
        if !spend(from.len() * with.len()) {
            return None;
        }
        for s in from {
            for v in with {
                let t = add(s, v);
                if within(&t) {
                    next.insert(t);
                }
            }
        }
        (next.len() <= MAX_SUMS).then_some(next)
    };
    let zero: BTreeSet<Vector> = [vec![Decimal::ZERO; n]].into();
    // before[i]: the sums of children 0..i; after[i]: of children i.. .
    let mut before = vec![zero.clone()];
    for c in &children {
        let next = step(before.last().expect("a start"), c)?;
        before.push(next);
    }
    let mut after = vec![zero];
    for c in children.iter().rev() {
        let next = step(after.last().expect("an end"), c)?;
        after.push(next);
    }
    after.reverse();
    let all = before.last().expect("the children's sums");
    let good: Vec<&Vector> = parent.iter().filter(|p| all.contains(*p)).collect();
    if good.is_empty() {
        return None;
    }
    let mut out = vec![parent
        .iter()
        .map(|p| all.contains(p))
        .collect::<Vec<bool>>()];
    for (i, c) in children.iter().enumerate() {
        if !spend(before[i].len() * c.len() * good.len()) {
            return None;
        }
        out.push(
            c.iter()
                .map(|v| {
                    good.iter().any(|p| {
                        before[i]
                            .iter()
                            .any(|s| after[i + 1].contains(&sub(&sub(p, s), v)))
                    })
                })
                .collect(),
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::Measure;

    fn col(key: &str, measure: Measure, sum_of: &[&str]) -> Column {
        Column {
            key: key.into(),
            header: key.into(),
            group: None,
            measure,
            year: None,
            sum_of: sum_of.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn row(code: Option<&str>, cells: &[(&str, &str)]) -> Row {
        let mut r = Row {
            code: code.map(Into::into),
            role: if code.is_none() {
                RowRole::Total
            } else {
                RowRole::Item
            },
            ..Row::default()
        };
        for (k, v) in cells {
            r.cells.insert(k.to_string(), Amount::parse(v).unwrap());
        }
        r
    }

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }

    /// 合计 = 基本支出 + 项目支出 over two classes, 201 and 204, that each print their amount
    /// twice; the total row prints (合计, 基本支出, 项目支出) in full.
    fn two_classes(
        total: [&str; 3],
        first: &str,
        second: &str,
    ) -> (Vec<Column>, Vec<Row>, Vec<Pending>) {
        let columns = vec![
            col("total", Measure::Total, &["basic", "project"]),
            col("basic", Measure::Basic, &[]),
            col("project", Measure::Project, &[]),
        ];
        let rows = vec![
            row(Some("201"), &[]),
            row(Some("204"), &[]),
            row(
                None,
                &[
                    ("total", total[0]),
                    ("basic", total[1]),
                    ("project", total[2]),
                ],
            ),
        ];
        let pending = [first, second]
            .iter()
            .enumerate()
            .map(|(row, x)| Pending {
                row,
                amounts: vec![a(x), a(x)],
            })
            .collect();
        (columns, rows, pending)
    }

    #[test]
    fn the_sums_decide_which_part_holds_an_amount() {
        // 合计 30 = 10 basic + 20 project: 201 (10) is basic, 204 (20) project.
        let (columns, mut rows, pending) = two_classes(["30", "10", "20"], "10", "20");
        let (left, _) = resolve(&mut rows, &columns, pending, None);
        assert!(left.is_empty());
        assert_eq!(rows[0].cells.get("basic"), Some(&a("10")));
        assert_eq!(rows[0].cells.get("project"), None);
        assert_eq!(rows[1].cells.get("project"), Some(&a("20")));
    }

    #[test]
    fn a_choice_the_sums_cannot_make_stays_unread() {
        // Two rows of 10 under a total of 10 basic + 10 project: either could be either.
        let (columns, mut rows, pending) = two_classes(["20", "10", "10"], "10", "10");
        let (left, _) = resolve(&mut rows, &columns, pending, None);
        assert_eq!(left.len(), 2);
        // Only the total is certain.
        assert_eq!(rows[0].cells.len(), 1);
        assert_eq!(rows[0].cells.get("total"), Some(&a("10")));
    }

    #[test]
    fn a_blank_part_of_the_parent_places_many_children() {
        // 20 classes of "x x" under 合计 (210, 项目 210, no 基本): 2^20 choices, one that holds.
        let columns = two_classes(["0", "0", "0"], "0", "0").0;
        let mut rows: Vec<Row> = (0..20)
            .map(|i| row(Some(&(201 + i).to_string()), &[]))
            .collect();
        rows.push(row(None, &[("total", "210"), ("project", "210")]));
        let pending = (0..20)
            .map(|i| Pending {
                row: i,
                amounts: vec![a(&(i + 1).to_string()); 2],
            })
            .collect();
        let (left, _) = resolve(&mut rows, &columns, pending, None);
        assert!(left.is_empty());
        assert!(rows[..20].iter().all(|r| r.cells.contains_key("project")));
    }

    #[test]
    fn what_another_table_says_of_the_total_decides() {
        // 201 "10 10", 204 "20 20", 合计 "30 30": basic or project throughout, until table 1
        // says there is no basic spending.
        let (columns, mut rows, mut pending) = two_classes(["0", "0", "0"], "10", "20");
        rows[2].cells = Default::default();
        pending.push(Pending {
            row: 2,
            amounts: vec![a("30"), a("30")],
        });
        let expected = Expected {
            cells: vec![("basic".into(), Decimal::ZERO)],
            from: ("表 1", "table 1"),
        };
        let (left, used) = resolve(&mut rows, &columns, pending, Some(&expected));
        assert!(left.is_empty() && used);
        assert_eq!(rows[1].cells.get("project"), Some(&a("20")));
        assert_eq!(rows[2].cells.get("project"), Some(&a("30")));
    }
}
