//! 公开02表 收入预算总表: a 项目名称 column split in two, a group cell (一般公共预算资金, 其他资金 …)
//! printed vertically centred beside its lines, each group opening with its 小计; one 金额 column.
//! Each group is a section named by its group cell; 收入总计 above the groups stands alone.

use super::{column, runs, unread, L};
use crate::core::document::*;
use crate::import::chongqing::amount;
use crate::import::Unread;

struct Group {
    label: Option<String>,
    first: usize,
    last: usize,
    rows: Vec<Row>,
}

pub(super) fn read(body: &[&L], table: &mut Table, out: &mut Vec<Unread>) {
    let first_amount = body
        .iter()
        .position(|l| runs(l.text).iter().any(|(_, t)| amount(t).is_some()))
        .unwrap_or(body.len());
    let (head, lines) = body.split_at(first_amount);
    let mut item_header = None;
    for l in head {
        let r = runs(l.text);
        if r.iter().any(|(_, t)| t != "项目名称" && t != "金额") {
            out.push(unread(l, "not the income table's headers"));
        } else if r.iter().any(|(_, t)| t == "项目名称") {
            item_header = Some("项目名称".to_string());
        }
    }
    // The inner column is where the groups' 小计 are printed; the group cells lie left of it.
    let Some(inner) = lines
        .iter()
        .flat_map(|l| runs(l.text))
        .find(|(_, t)| t == "小计")
        .map(|(x, _)| x)
    else {
        out.extend(
            lines
                .iter()
                .map(|l| unread(l, "an income table without 小计")),
        );
        return;
    };
    let mut top: Vec<Row> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut labels: Vec<(&L, String)> = Vec::new();
    for l in lines {
        let mut row: Option<Row> = None;
        for (x, t) in runs(l.text) {
            if let Some(a) = amount(&t) {
                match row.as_mut().filter(|r| r.cells.is_empty()) {
                    Some(r) => r.cells.insert("amount".into(), a),
                    None => out.push(unread(l, &format!("the amount {t} is beside no name"))),
                }
            } else if x + 2 < inner {
                labels.push((l, t));
            } else if row.is_none() {
                let role = match t.as_str() {
                    "小计" => RowRole::Subtotal,
                    _ if t.contains("总计") => RowRole::Total,
                    _ => RowRole::Item,
                };
                row = Some(Row {
                    role,
                    name: Some(t.into()),
                    ..Row::default()
                });
            } else {
                out.push(unread(l, &format!("{t}: two names on one line")));
            }
        }
        let Some(row) = row else { continue };
        if row.role == RowRole::Subtotal {
            groups.push(Group {
                label: None,
                first: l.no,
                last: l.no,
                rows: vec![],
            });
        }
        match groups.last_mut() {
            Some(g) => {
                g.last = l.no;
                g.rows.push(row);
            }
            None => top.push(row),
        }
    }
    for (l, t) in labels {
        match groups
            .iter_mut()
            .find(|g| g.first <= l.no && l.no <= g.last && g.label.is_none())
        {
            Some(g) => g.label = Some(t),
            None => out.push(unread(l, &format!("{t} is beside no group of lines"))),
        }
    }
    let section = |name, rows| TableSection {
        name,
        item_header: item_header.clone(),
        columns: vec![column("amount", "金额", Measure::Total)],
        rows,
    };
    table.sections.push(section(None, top));
    for g in groups {
        table.sections.push(section(g.label, g.rows));
    }
}
