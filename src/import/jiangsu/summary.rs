//! 公开01表 and 公开04表: summaries laid out side by side (收入 | 支出, and in 01 支出 twice: by
//! function and by use), each side a name column and a 金额 column. A name too long for its cell
//! wraps onto the lines below ("2.政府性基金预" / "算"), and the cells beside it are printed
//! vertically centred on the wrapped block.

use super::{column, runs, unread, L};
use crate::core::amount::Amount;
use crate::core::document::*;
use crate::import::chongqing::amount;
use crate::import::Unread;

/// Header words of a summary; any other text above the first amount is reported.
const HEADER_WORDS: &[&str] = &[
    "收入",
    "支出",
    "功能分类",
    "支出用途",
    "项目名称",
    "功能科目名称",
    "金额",
];
/// Group labels printed above one side's columns; they name that side.
const GROUPS: &[&str] = &["功能分类", "支出用途"];

struct Building {
    name: String,
    first: usize,
    last: usize,
    amount: Option<Amount>,
}

/// A row's own label: numbered (一、 / 1.) or one of the side's closing lines.
fn starts_row(t: &str) -> bool {
    let numbered = t
        .char_indices()
        .find(|(_, c)| matches!(c, '、' | '.' | '．'))
        .is_some_and(|(i, _)| {
            i > 0
                && t[..i]
                    .chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        });
    numbered || is_closing(t)
}

fn is_closing(t: &str) -> bool {
    ["小计", "合计", "结转", "结余"]
        .iter()
        .any(|w| t.contains(w))
}

pub(super) fn read(body: &[&L], table: &mut Table, out: &mut Vec<Unread>) {
    let first_amount = body
        .iter()
        .position(|l| runs(l.text).iter().any(|(_, t)| amount(t).is_some()))
        .unwrap_or(body.len());
    let (head, rows) = body.split_at(first_amount);
    // The 金额 headers split the line into sides: a name belongs to the side whose 金额 is the
    // first one right of it, an amount to the nearest 金额.
    let mut amount_x: Vec<usize> = Vec::new();
    let mut item_headers: Vec<(usize, String)> = Vec::new();
    let mut groups: Vec<(usize, String)> = Vec::new();
    for l in head {
        let r = runs(l.text);
        if r.iter().any(|(_, t)| !HEADER_WORDS.contains(&t.as_str())) {
            out.push(unread(l, "not the summary's headers"));
            continue;
        }
        for (x, t) in r {
            match t.as_str() {
                "金额" => amount_x.push(x),
                "项目名称" | "功能科目名称" => item_headers.push((x, t)),
                t if GROUPS.contains(&t) => groups.push((x, t.to_string())),
                _ => {}
            }
        }
    }
    amount_x.sort_unstable();
    if amount_x.is_empty() {
        out.extend(
            rows.iter()
                .map(|l| unread(l, "a summary without 金额 headers")),
        );
        return;
    }
    let side_of_name = |x: usize| {
        amount_x
            .iter()
            .filter(|&&a| a < x)
            .count()
            .min(amount_x.len() - 1)
    };
    let side_of_amount = |x: usize| {
        (0..amount_x.len())
            .min_by_key(|&i| amount_x[i].abs_diff(x))
            .unwrap_or(0)
    };
    let last = amount_x.len() - 1;
    let mut sides: Vec<Vec<Building>> = (0..amount_x.len()).map(|_| Vec::new()).collect();
    for l in rows {
        for (x, t) in runs(l.text) {
            if let Some(a) = amount(&t) {
                let s = side_of_amount(x);
                // Beside its label, or centred on a label wrapped over three lines.
                let row = sides[s]
                    .last_mut()
                    .filter(|b| b.amount.is_none() && b.first + 2 >= l.no);
                let row = match row {
                    Some(b) => Some(b),
                    // 支出 closing lines are labelled left of the amount column they print in.
                    None => sides[1.min(last)..]
                        .iter_mut()
                        .flat_map(|s| s.last_mut())
                        .find(|b| b.first == l.no && b.amount.is_none() && is_closing(&b.name)),
                };
                match row {
                    Some(b) => {
                        b.amount = Some(a);
                        b.last = b.last.max(l.no);
                    }
                    None => out.push(unread(l, &format!("the amount {t} is beside no name"))),
                }
                continue;
            }
            let mut s = side_of_name(x);
            let t: String = t.split_whitespace().collect();
            if starts_row(&t) {
                // The 支出 side's closing lines span its columns; they go with its last side.
                if s > 0 && is_closing(&t) {
                    s = last;
                }
                sides[s].push(Building {
                    name: t,
                    first: l.no,
                    last: l.no,
                    amount: None,
                });
            } else {
                match sides[s].last_mut().filter(|b| b.last + 2 >= l.no) {
                    Some(b) => {
                        b.name.push_str(&t);
                        b.last = l.no;
                    }
                    None => out.push(unread(l, &format!("{t} continues no name above it"))),
                }
            }
        }
    }
    // A printed line is a band of the table: rows of the sides centred on the same text line.
    let mut centres: Vec<usize> = sides.iter().flatten().map(|b| b.first + b.last).collect();
    centres.sort_unstable();
    centres.dedup();
    for (s, built) in sides.into_iter().enumerate() {
        let name = if s == 0 {
            "收入".to_string()
        } else {
            "支出".to_string()
        };
        let group = groups
            .iter()
            .find(|(x, _)| side_of_name(*x) == s)
            .map(|(_, g)| format!("（{g}）"))
            .unwrap_or_default();
        table.sections.push(TableSection {
            name: Some(name + &group),
            item_header: item_headers
                .iter()
                .find(|(x, _)| side_of_name(*x) == s)
                .map(|(_, h)| h.clone()),
            columns: vec![column("amount", "金额", Measure::Total)],
            rows: built
                .into_iter()
                .map(|b| Row {
                    role: if b.name.contains("合计") {
                        RowRole::Total
                    } else if b.name.contains("小计") {
                        RowRole::Subtotal
                    } else {
                        RowRole::Item
                    },
                    line: centres
                        .iter()
                        .position(|&c| c == b.first + b.last)
                        .map(|i| i as u32 + 1),
                    cells: b
                        .amount
                        .map(|a| ("amount".to_string(), a))
                        .into_iter()
                        .collect(),
                    name: Some(b.name.into()),
                    ..Row::default()
                })
                .collect(),
        });
    }
}
