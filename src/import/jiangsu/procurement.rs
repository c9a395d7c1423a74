//! 公开12表 政府采购支出预算表: 采购品目大类 (一、货物 A …) | 专项名称 | 经济科目 | 采购物品名称 |
//! 采购组织形式 | 总计, one amount per line. Long names wrap above and below their row's line, and
//! the columns stand at different places on each page (the header is printed on the first only),
//! so each page's columns are found from its own item lines: an item line is the one whose word is
//! a 采购组织形式 (a closed list), the word before it is in the 采购物品名称 column, and the 专项
//! and 经济科目 columns lie left of it, 经济科目 within one and a half form-column widths.
//!
//! Each 大类 is a section opened by its own line (as 公开02表's groups); in it each 经济科目 line
//! (named `专项 / 经济科目` where a 专项 is printed beside it: a merged cell's text is printed once)
//! is the subtotal of the items after it (named `物品 / 组织形式`). The sums are checked here, and
//! a difference is reported as the source's.

use super::{collapse, column, runs, unread, L};
use crate::core::amount::Amount;
use crate::core::document::*;
use crate::import::chongqing::amount;
use crate::import::Unread;
use rust_decimal::Decimal;

/// The 采购组织形式 the template's note names, and the forms printed under it.
const FORMS: &[&str] = &[
    "政府集中采购",
    "部门集中采购",
    "分散自行组织",
    "分散采购",
    "集中采购",
];

const HEADER: &[&str] = &[
    "采购品目大类",
    "采购品目大",
    "类",
    "专项名称",
    "经济科目",
    "采购物品名称",
    "采购组织形式",
    "总计",
];

#[derive(Clone, Copy, PartialEq, Debug)]
enum Col {
    Project,
    Economic,
    Item,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Total,
    Category,
    Subtotal,
    Item,
}

/// A line with an amount, and the name parts found for it: (line number, column, text).
struct Printed {
    kind: Kind,
    page: u32,
    no: usize,
    amount: Amount,
    label: String,
    form: Option<String>,
    parts: Vec<(usize, Col, String)>,
}

/// Per page: where the item names and the forms start (char columns).
fn page_columns(lines: &[&L]) -> Vec<(u32, usize, usize)> {
    let mut out: Vec<(u32, usize, usize)> = Vec::new();
    for l in lines {
        let r = runs(l.text);
        let Some(f) = r.iter().position(|(_, t)| FORMS.contains(&t.as_str())) else {
            continue;
        };
        let form_x = r[f].0;
        let item_x = f
            .checked_sub(1)
            .map(|i| r[i].0)
            .filter(|x| *x < form_x)
            .unwrap_or(usize::MAX);
        match out.iter_mut().find(|(p, ..)| *p == l.page) {
            Some(c) => {
                c.1 = c.1.min(item_x);
                c.2 = c.2.min(form_x);
            }
            None => out.push((l.page, item_x, form_x)),
        }
    }
    out.retain(|(_, i, f)| *i < *f);
    out
}

fn column_of(cols: &[(u32, usize, usize)], page: u32, x: usize) -> Option<Col> {
    // A page without an item line of its own has the columns of the page before it.
    let &(_, item, form) = cols.iter().rev().find(|(p, ..)| *p <= page)?;
    Some(if x + 2 >= item {
        Col::Item
    } else if 2 * (item - x) < 3 * (form - item) {
        Col::Economic
    } else {
        Col::Project
    })
}

fn is_category(t: &str) -> bool {
    t.split_once('、').is_some_and(|(n, _)| {
        !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c))
    })
}

/// Reads the table into `table.sections`; returns the notes (sums that do not hold).
pub(super) fn read(body: &[&L], table: &mut Table, out: &mut Vec<Unread>) -> Vec<String> {
    let has_amount = |l: &L| {
        runs(l.text)
            .last()
            .is_some_and(|(_, t)| amount(t).is_some())
    };
    let first = body
        .iter()
        .position(|l| has_amount(l))
        .unwrap_or(body.len());
    let (head, lines) = body.split_at(first);
    let mut words: Vec<&str> = Vec::new();
    for l in head {
        for (_, t) in runs(l.text) {
            match HEADER.iter().find(|w| **w == t) {
                Some(w) => words.push(w),
                None => out.push(unread(
                    l,
                    &format!("{t}: not the procurement table's headers"),
                )),
            }
        }
    }
    let cols = page_columns(lines);
    let mut printed: Vec<Printed> = Vec::new();
    let mut fragments: Vec<(&L, Col, String)> = Vec::new();
    for l in lines {
        let r = runs(l.text);
        let Some((_, last)) = r.last() else { continue };
        let Some(a) = amount(last) else {
            for (x, t) in r {
                match column_of(&cols, l.page, x) {
                    Some(c) => fragments.push((l, c, t)),
                    None => out.push(unread(
                        l,
                        "a page without item lines: its columns are unknown",
                    )),
                }
            }
            continue;
        };
        let label = &r[..r.len() - 1];
        let text: String = label.iter().map(|(_, t)| collapse(t)).collect();
        let form = label.iter().position(|(_, t)| FORMS.contains(&t.as_str()));
        let mut p = Printed {
            kind: Kind::Subtotal,
            page: l.page,
            no: l.no,
            amount: a,
            label: String::new(),
            form: form.map(|f| label[f].1.clone()),
            parts: Vec::new(),
        };
        let named_parts = match form {
            _ if text == "合计" => {
                p.kind = Kind::Total;
                p.label = text;
                &[][..]
            }
            _ if label.len() == 1 && is_category(&label[0].1) => {
                p.kind = Kind::Category;
                p.label = label[0].1.clone();
                &[][..]
            }
            Some(f) if f + 1 == label.len() => {
                p.kind = Kind::Item;
                &label[..f]
            }
            Some(_) => {
                out.push(unread(l, "words after the 采购组织形式"));
                continue;
            }
            None if label.is_empty() => {
                out.push(unread(l, "an amount beside no name"));
                continue;
            }
            None => label,
        };
        // On an item line the word just before the form is the item's; the others are pieces
        // of the 专项 or 经济科目 beside it.
        for (k, (x, t)) in named_parts.iter().enumerate() {
            let own_item = p.kind == Kind::Item && k + 1 == named_parts.len();
            match column_of(&cols, l.page, *x) {
                Some(Col::Item) if own_item => p.parts.push((l.no, Col::Item, t.clone())),
                Some(c) if p.kind == Kind::Subtotal && c != Col::Item => {
                    p.parts.push((l.no, c, t.clone()))
                }
                Some(c) if c != Col::Item => fragments.push((l, c, t.clone())),
                _ => out.push(unread(l, &format!("{t}: in no column of this line's row"))),
            }
        }
        printed.push(p);
    }
    // A wrapped name's pieces belong to the nearest row on their page that has the column.
    for (l, c, t) in fragments {
        let wants = if c == Col::Item {
            Kind::Item
        } else {
            Kind::Subtotal
        };
        let mut near: Vec<(usize, usize)> = printed
            .iter()
            .enumerate()
            .filter(|(_, p)| p.page == l.page && p.kind == wants)
            .map(|(i, p)| (p.no.abs_diff(l.no), i))
            .collect();
        near.sort();
        match near.as_slice() {
            [(d, i), rest @ ..] if rest.first().is_none_or(|(e, _)| e > d) => {
                printed[*i].parts.push((l.no, c, t))
            }
            [] => out.push(unread(l, &format!("{t}: beside no row on its page"))),
            _ => out.push(unread(l, &format!("{t}: as near to two rows"))),
        }
    }
    for p in &mut printed {
        p.parts.sort_by_key(|(no, ..)| *no);
        let text = |col: Col| -> String {
            p.parts
                .iter()
                .filter(|(_, c, _)| *c == col)
                .map(|(_, _, t)| collapse(t))
                .collect()
        };
        let names = match p.kind {
            Kind::Item => [text(Col::Item), p.form.clone().unwrap_or_default()],
            Kind::Subtotal => [text(Col::Project), text(Col::Economic)],
            _ => continue,
        };
        let names: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        p.label = names.join(" / ");
    }
    let item_header = (!words.is_empty()).then(|| {
        words
            .iter()
            .filter(|w| !matches!(**w, "总计" | "采购品目大" | "类"))
            .copied()
            .collect::<Vec<_>>()
            .join(" / ")
    });
    let section = |name: Option<String>| TableSection {
        name,
        item_header: item_header.clone(),
        columns: vec![column("amount", "总计", Measure::Total)],
        rows: vec![],
    };
    table.sections.push(section(None));
    for p in &printed {
        let role = match p.kind {
            Kind::Total => RowRole::Total,
            Kind::Category | Kind::Subtotal => RowRole::Subtotal,
            Kind::Item => RowRole::Item,
        };
        if p.kind == Kind::Category {
            table.sections.push(section(Some(p.label.clone())));
        } else if p.kind != Kind::Total && table.sections.len() == 1 {
            out.push(Unread {
                page: p.page,
                text: p.label.clone(),
                why: format!("line {}: a row before any 采购品目大类", p.no),
            });
            continue;
        }
        let at = if p.kind == Kind::Total {
            0
        } else {
            table.sections.len() - 1
        };
        let mut row = Row {
            role,
            name: Some(p.label.as_str().into()),
            ..Row::default()
        };
        row.cells.insert("amount".into(), p.amount);
        table.sections[at].rows.push(row);
    }
    sums(&printed)
}

/// The sums the table implies: 合计 = its 大类, a 大类 = its 经济科目 lines, a 经济科目 line = its
/// items. Each that does not hold is a note.
fn sums(printed: &[Printed]) -> Vec<String> {
    let mut notes = Vec::new();
    let mut check = |what: &Printed, parts: &[&Printed]| {
        if parts.is_empty() {
            return;
        }
        let sum: Decimal = parts.iter().map(|p| p.amount.0).sum();
        if sum != what.amount.0 {
            notes.push(format!(
                "公开12表: {} 印 {}，其下各行之和 {sum} (line {}: printed {}, its rows sum to {sum})",
                what.label, what.amount.0, what.no, what.amount.0
            ));
        }
    };
    let of = |k: Kind| printed.iter().filter(move |p| p.kind == k);
    for total in of(Kind::Total) {
        check(total, &of(Kind::Category).collect::<Vec<_>>());
    }
    for (i, p) in printed.iter().enumerate() {
        let below = |stop: &[Kind], take: Kind| -> Vec<&Printed> {
            printed[i + 1..]
                .iter()
                .take_while(|q| !stop.contains(&q.kind))
                .filter(|q| q.kind == take)
                .collect()
        };
        match p.kind {
            Kind::Category => check(p, &below(&[Kind::Category, Kind::Total], Kind::Subtotal)),
            Kind::Subtotal => check(
                p,
                &below(&[Kind::Category, Kind::Total, Kind::Subtotal], Kind::Item),
            ),
            _ => {}
        }
    }
    notes
}
