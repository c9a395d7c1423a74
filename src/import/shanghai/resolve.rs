//! Rows of a text whose empty cells were left out: "201 一般公共服务支出 3,353,072 3,353,072"
//! under 合计 | 基本支出 | 项目支出 says that one of the two parts holds the amount, not which.
//! The printed sums decide: a parent equals the sum of its children in every column, the table's
//! total the sum of its classes. A row is placed only when exactly one choice for the whole
//! family satisfies them; otherwise it stays unread.

use crate::core::amount::Amount;
use crate::core::document::{Column, Row, RowRole};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A row whose amounts are known but not their columns.
#[derive(Debug, Clone)]
pub struct Pending {
    pub row: usize,
    pub amounts: Vec<Amount>,
}

/// At most this many sums of a family are followed before it is left unresolved.
const MAX_SUMS: usize = 20_000;

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

/// Places what the sums decide; returns the pending rows left undecided.
pub fn resolve(rows: &mut [Row], columns: &[Column], pending: Vec<Pending>) -> Vec<Pending> {
    let mut options: BTreeMap<usize, Vec<Vec<Option<Amount>>>> = pending
        .iter()
        .map(|p| (p.row, choices(columns, &p.amounts)))
        .collect();
    let families = families(rows);
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
            let opts = |i: usize| -> Vec<Vector> {
                match options.get(&i) {
                    Some(o) => o.iter().map(|c| as_vector(c)).collect(),
                    None => vec![vector(columns, &rows[i])],
                }
            };
            // Sums the children can make, each with the choices that make it.
            let mut sums: Vec<(Vector, Vec<usize>)> =
                vec![(vec![Decimal::ZERO; columns.len()], vec![])];
            let mut overflow = false;
            for &c in &f.children {
                let mut next = Vec::new();
                for (s, path) in &sums {
                    for (k, v) in opts(c).iter().enumerate() {
                        let mut p = path.clone();
                        p.push(k);
                        next.push((add(s, v), p));
                    }
                }
                if next.len() > MAX_SUMS {
                    overflow = true;
                    break;
                }
                sums = next;
            }
            if overflow {
                continue;
            }
            let parent_opts = opts(f.parent);
            let good: Vec<(usize, &Vec<usize>)> = parent_opts
                .iter()
                .enumerate()
                .flat_map(|(pk, pv)| {
                    sums.iter()
                        .filter(move |(s, _)| s == pv)
                        .map(move |(_, path)| (pk, path))
                })
                .collect();
            if good.is_empty() {
                continue;
            }
            // Keep only the options that take part in some consistent choice.
            let keep = |i: usize, k: usize| -> bool {
                if i == f.parent {
                    good.iter().any(|(pk, _)| *pk == k)
                } else {
                    let at = f.children.iter().position(|&c| c == i).expect("a child");
                    good.iter().any(|(_, path)| path[at] == k)
                }
            };
            for &m in &members {
                if let Some(o) = options.get(&m) {
                    let kept: Vec<Vec<Option<Amount>>> = o
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| keep(m, *k))
                        .map(|(_, c)| c.clone())
                        .collect();
                    if kept.len() < o.len() && !kept.is_empty() {
                        options.insert(m, kept);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut left = Vec::new();
    for p in pending {
        match options.get(&p.row) {
            Some(o) if o.len() == 1 => {
                for (c, a) in columns.iter().zip(&o[0]) {
                    if let Some(a) = a {
                        rows[p.row].cells.insert(c.key.clone(), *a);
                    }
                }
            }
            _ => left.push(p),
        }
    }
    left
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
            code: code.map(str::to_string),
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
        let left = resolve(&mut rows, &columns, pending);
        assert!(left.is_empty());
        assert_eq!(rows[0].cells.get("basic"), Some(&a("10")));
        assert_eq!(rows[0].cells.get("project"), None);
        assert_eq!(rows[1].cells.get("project"), Some(&a("20")));
    }

    #[test]
    fn a_choice_the_sums_cannot_make_stays_unread() {
        // Two rows of 10 under a total of 10 basic + 10 project: either could be either.
        let (columns, mut rows, pending) = two_classes(["20", "10", "10"], "10", "10");
        let left = resolve(&mut rows, &columns, pending);
        assert_eq!(left.len(), 2);
        assert!(rows[0].cells.is_empty());
    }
}
