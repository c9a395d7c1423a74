//! The rows of the Chongqing tables that hold amounts: coded and named one-sided tables, the
//! two-sided summaries (表一, 表六) and the one-line 三公 table.

use super::cells::{self, collapse, is_code, label_and_amounts, table_amount};
use super::TextLine;
use crate::core::amount::Amount;
use crate::core::document::{Column, Row, RowRole, TableSection};
use crate::import::Unread;

fn unread(l: &TextLine, why: impl Into<String>) -> Unread {
    Unread {
        page: l.page,
        text: l.text.trim_end().to_string(),
        why: format!("line {}: {}", l.no, why.into()),
    }
}

/// Puts amounts under the columns in order; `None` when there are more amounts than columns.
fn fill(row: &mut Row, cols: &[Column], amounts: &[Option<Amount>]) -> bool {
    if amounts.len() > cols.len() {
        return false;
    }
    for (col, a) in cols.iter().zip(amounts) {
        if let Some(a) = a {
            row.cells.insert(col.key.to_string(), *a);
        }
    }
    true
}

/// A row with nothing in it yet.
pub fn blank() -> Row {
    Row::default()
}

fn named_row(name: &str) -> Row {
    let name = name.trim();
    Row {
        role: if name == "合计" {
            RowRole::Total
        } else {
            RowRole::Item
        },
        name: Some(name.into()),
        ..blank()
    }
}

/// `  2080101   行政运行` → a row with code and name; `合计` → the total row.
fn label_row(label: &str) -> Row {
    let t = label.trim_start();
    match t.split_once(' ').map_or((t, ""), |(a, b)| (a, b)) {
        (code, rest) if is_code(code) => Row {
            code: Some(code.into()),
            name: Some(rest.trim()).filter(|n| !n.is_empty()).map(Into::into),
            ..blank()
        },
        _ => named_row(t),
    }
}

/// Rows of a one-sided table. A code line without amounts opens a row whose name continues on the
/// following lines until a line of amounts closes it (names wrap in narrow columns).
pub fn one_sided(lines: &[TextLine], cols: &[Column], unread_out: &mut Vec<Unread>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut open: Option<Row> = None;
    for l in lines {
        if l.text.trim().is_empty() || cells::is_page_number(l.text) {
            continue;
        }
        if let Some((label, amounts)) = label_and_amounts(l.text) {
            let mut row = if label.is_empty() {
                match open.take() {
                    Some(r) => r,
                    None => {
                        unread_out.push(unread(l, "amounts without a row to belong to"));
                        continue;
                    }
                }
            } else {
                rows.extend(open.take());
                label_row(label)
            };
            if !fill(&mut row, cols, &amounts) {
                unread_out.push(unread(l, "more amounts than the table has columns"));
            }
            rows.push(row);
            continue;
        }
        let t = l.text.trim();
        let first = t.split(' ').next().unwrap_or("");
        if is_code(first) {
            rows.extend(open.take());
            open = Some(label_row(t));
        } else if let Some(row) = open.as_mut() {
            row.extend_name(&collapse(t));
        } else if !t.chars().any(|c| c.is_ascii_digit()) {
            // A named row printed without amounts (政府采购's 服务类).
            rows.push(named_row(t));
        } else {
            unread_out.push(unread(l, "neither a row nor the continuation of a name"));
        }
    }
    rows.extend(open);
    rows
}

/// 一、本年收入 and 二、上年结转 are subtotals; 本年收入合计 too; 收入合计 is the table's total.
fn summary_role(name: &str) -> RowRole {
    let numbered = name.split_once('、').is_some_and(|(n, _)| {
        !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c))
    });
    if numbered || (name.starts_with("本年") && name.ends_with("合计")) {
        RowRole::Subtotal
    } else if name.ends_with("合计") {
        RowRole::Total
    } else {
        RowRole::Item
    }
}

/// A two-sided table: each printed line holds the left side's name and amounts, then the right
/// side's. `line` numbers the printed lines that hold any text.
pub fn two_sided(lines: &[TextLine], sides: &mut [TableSection], unread_out: &mut Vec<Unread>) {
    let mut line_no = 0;
    for l in lines {
        if l.text.trim().is_empty() || cells::is_page_number(l.text) {
            continue;
        }
        line_no += 1;
        let printed = cells::split(l.text);
        let width: usize = sides.iter().map(|s| 1 + s.columns.len()).sum();
        if printed.len() > width {
            unread_out.push(unread(l, "more cells than the two sides have"));
            continue;
        }
        let mut at = 0;
        let mut parsed: Vec<(usize, Row)> = Vec::new();
        for (i, side) in sides.iter().enumerate() {
            let n = 1 + side.columns.len();
            let part: Vec<&str> = printed.iter().skip(at).take(n).copied().collect();
            at += n;
            let Some((name, amounts)) = part.split_first() else {
                continue;
            };
            if name.is_empty() && amounts.iter().all(|a| a.is_empty()) {
                continue;
            }
            let amounts: Option<Vec<Option<Amount>>> = amounts
                .iter()
                .map(|a| {
                    if a.is_empty() {
                        Some(None)
                    } else {
                        table_amount(a).map(Some)
                    }
                })
                .collect();
            let Some(amounts) = amounts.filter(|_| !name.is_empty()) else {
                parsed.clear();
                break;
            };
            let mut row = Row {
                role: summary_role(name),
                name: Some((*name).into()),
                line: Some(line_no),
                ..blank()
            };
            fill(&mut row, &side.columns, &amounts);
            parsed.push((i, row));
        }
        if parsed.is_empty() {
            unread_out.push(unread(l, "not a name followed by amounts on either side"));
        }
        for (i, row) in parsed {
            sides[i].rows.push(row);
        }
    }
}

/// 三公: one line of amounts, the table's total row (it has no name).
pub fn sangong(lines: &[TextLine], cols: &[Column], unread_out: &mut Vec<Unread>) -> Vec<Row> {
    let mut rows = Vec::new();
    for l in lines {
        if l.text.trim().is_empty() || cells::is_page_number(l.text) {
            continue;
        }
        match label_and_amounts(l.text) {
            Some(("", amounts)) if rows.is_empty() => {
                let mut row = Row {
                    role: RowRole::Total,
                    ..blank()
                };
                if fill(&mut row, cols, &amounts) {
                    rows.push(row);
                } else {
                    unread_out.push(unread(l, "more amounts than the table has columns"));
                }
            }
            _ => unread_out.push(unread(l, "the 三公 table has one line of amounts")),
        }
    }
    rows
}
