//! The nine tables of the national 部门决算 template, read cell by cell from their rules.

use super::super::grid::Grid;
use super::super::report::Unread;
use super::super::tokens::amount;
use crate::core::document::{
    Column, FundScope, Measure, Row, RowRole, Table, TableKind, TableSection,
};

/// One of the template's tables, recognised by its printed title.
pub struct Spec {
    pub id: &'static str,
    pub title: &'static str,
    pub kind: TableKind,
    pub scope: FundScope,
    pub two_sided: bool,
}

const fn spec(
    id: &'static str,
    title: &'static str,
    kind: TableKind,
    scope: FundScope,
    two_sided: bool,
) -> Spec {
    Spec {
        id,
        title,
        kind,
        scope,
        two_sided,
    }
}

/// In the order of the template's 目录; the ids are its numbers.
pub const SPECS: &[Spec] = &[
    spec(
        "1",
        "收入支出决算总表",
        TableKind::Summary,
        FundScope::All,
        true,
    ),
    spec(
        "2",
        "收入决算表",
        TableKind::Functional,
        FundScope::All,
        false,
    ),
    spec(
        "3",
        "支出决算表",
        TableKind::Functional,
        FundScope::All,
        false,
    ),
    spec(
        "4",
        "财政拨款收入支出决算总表",
        TableKind::Summary,
        FundScope::Fiscal,
        true,
    ),
    spec(
        "5",
        "一般公共预算财政拨款支出决算表",
        TableKind::Functional,
        FundScope::GeneralBudget,
        false,
    ),
    spec(
        "6",
        "一般公共预算财政拨款基本支出决算表",
        TableKind::Economic,
        FundScope::GeneralBudget,
        true,
    ),
    spec(
        "7",
        "财政拨款“三公”经费支出决算表",
        TableKind::Sangong,
        FundScope::Fiscal,
        false,
    ),
    spec(
        "8",
        "政府性基金预算财政拨款收入支出决算表",
        TableKind::Functional,
        FundScope::GovFund,
        false,
    ),
    spec(
        "9",
        "国有资本经营预算财政拨款收入支出决算表",
        TableKind::Functional,
        FundScope::StateCapital,
        false,
    ),
];

/// The table a line (spaces removed) is the title of: the title alone on its line.
pub fn title_of(squeezed: &str) -> Option<&'static Spec> {
    let s = squeezed
        .replace(['"', '\u{201d}'], "“")
        .replace("“经费", "”经费");
    SPECS.iter().find(|sp| s == sp.title)
}

/// A leaf header → its key and measure.
const LEAVES: &[(&str, &str, Measure)] = &[
    ("决算数", "amount", Measure::Total),
    ("合计", "total", Measure::Total),
    ("小计", "total", Measure::Total),
    ("本年收入合计", "total", Measure::Total),
    ("本年支出合计", "total", Measure::Total),
    ("财政拨款收入", "fiscal", Measure::Fiscal),
    ("上级补助收入", "superior_subsidy", Measure::SuperiorSubsidy),
    ("事业收入", "business", Measure::Business),
    ("经营收入", "operating", Measure::Operating),
    ("附属单位上缴收入", "affiliated", Measure::Affiliated),
    ("其他收入", "other", Measure::Other),
    ("基本支出", "basic", Measure::Basic),
    ("项目支出", "project", Measure::Project),
    ("上缴上级支出", "remittance", Measure::Remittance),
    ("经营支出", "operating", Measure::Operating),
    (
        "对附属单位补助支出",
        "affiliated_subsidy",
        Measure::AffiliatedSubsidy,
    ),
    (
        "一般公共预算财政拨款",
        "general_budget",
        Measure::GeneralBudget,
    ),
    ("政府性基金预算财政拨款", "gov_fund", Measure::GovFund),
    (
        "国有资本经营预算财政拨款",
        "state_capital",
        Measure::StateCapital,
    ),
    ("年初结转和结余", "carry_in", Measure::CarryIn),
    ("本年收入", "income", Measure::Income),
    ("年末结转和结余", "carry_out", Measure::CarryOut),
];

/// The 三公 table's groups over its 预算数 | 决算数 pairs.
const SANGONG: &[(&str, &str, Measure)] = &[
    ("合计", "total", Measure::Total),
    ("因公出国（境）费", "abroad", Measure::Abroad),
    ("小计", "vehicle", Measure::Vehicle),
    (
        "公务用车购置费",
        "vehicle_purchase",
        Measure::VehiclePurchase,
    ),
    (
        "公务用车运行费",
        "vehicle_operation",
        Measure::VehicleOperation,
    ),
    ("公务接待费", "reception", Measure::Reception),
];

/// What a grid column holds.
#[derive(Debug, Clone)]
enum Role {
    /// 类, 款 or 项 of a code.
    Code,
    Name,
    Amount(Column),
    /// Printed but not part of the table's content (a header word alone).
    Unknown(String),
}

/// A grid column: its role, its side (0 or 1) and its x-centre, for continuation pages.
#[derive(Debug, Clone)]
struct Col {
    role: Role,
    side: usize,
    center: f32,
}

/// What one table gave.
pub struct Read {
    pub table: Table,
    pub unread: Vec<Unread>,
    pub notes: Vec<String>,
}

/// Reads a table from its pages' grids (the first holds the header), each with its page number.
pub fn read(spec: &Spec, title: &str, grids: &[(u32, Grid)]) -> Read {
    let mut unread = Vec::new();
    let mut notes = Vec::new();
    let mut table = Table {
        id: spec.id.into(),
        title: title.into(),
        kind: spec.kind,
        scope: spec.scope,
        unit: None,
        group_header: None,
        code_header: None,
        name_header: None,
        columns: Vec::new(),
        rows: Vec::new(),
        sections: Vec::new(),
        note: None,
        performance: None,
    };
    let Some((_, first)) = grids.first() else {
        return Read {
            table,
            unread,
            notes,
        };
    };
    let body_start = (0..first.bands())
        .find(|&r| is_body(first, r))
        .unwrap_or(first.bands());
    let cols = header(spec, first, body_start, &mut table, &mut notes);
    let sides = if spec.two_sided { 2 } else { 1 };
    let mut rows: Vec<Vec<Row>> = vec![Vec::new(); sides];
    let mut line = 0u32;
    for (k, (page, grid)) in grids.iter().enumerate() {
        let from = if k == 0 { body_start } else { 0 };
        // A continuation page's columns are the first page's by position.
        let page_cols: Vec<Option<&Col>> = (0..grid.columns())
            .map(|c| {
                let (x0, x1) = (grid.xs[c], grid.xs[c + 1]);
                if k == 0 {
                    cols.get(c)
                } else {
                    cols.iter().find(|col| col.center >= x0 && col.center < x1)
                }
            })
            .collect();
        for r in from..grid.bands() {
            let mut any = false;
            for (side, side_rows) in rows.iter_mut().enumerate() {
                let cells: Vec<(usize, &Col, String)> = (0..grid.columns())
                    .filter_map(|c| {
                        let col = page_cols[c].filter(|col| col.side == side)?;
                        let cell = grid.at(c, r)?;
                        // A cell merged over columns is read once, under its first column.
                        (cell.c0 == c || page_cols[cell.c0].is_none_or(|p| p.side != side))
                            .then(|| (c, col, cell.text()))
                    })
                    .collect();
                if cells.iter().all(|(.., t)| t.is_empty()) {
                    // A band printed empty: the 三公 table's one row, or a blank line.
                    if spec.kind == TableKind::Sangong
                        && side_rows.is_empty()
                        && cells
                            .iter()
                            .any(|(_, c, _)| matches!(c.role, Role::Amount(_)))
                    {
                        side_rows.push(Row {
                            role: RowRole::Total,
                            ..Row::default()
                        });
                    }
                    continue;
                }
                any = true;
                match row_of(spec, &cells) {
                    Ok(mut row) => {
                        if spec.two_sided {
                            row.line = Some(line + 1);
                        }
                        side_rows.push(row);
                    }
                    Err(why) => {
                        let text: Vec<&str> = cells
                            .iter()
                            .map(|(.., t)| t.as_str())
                            .filter(|t| !t.is_empty())
                            .collect();
                        unread.push(Unread {
                            page: *page,
                            text: text.join(" "),
                            why,
                        });
                    }
                }
            }
            if any {
                line += 1;
            }
        }
    }
    let columns_of = |side: usize| -> Vec<Column> {
        let mut out: Vec<Column> = Vec::new();
        for c in cols.iter().filter(|c| c.side == side) {
            if let Role::Amount(col) = &c.role {
                if !out.iter().any(|o| o.key == col.key) {
                    out.push(col.clone());
                }
            }
        }
        sums(&mut out);
        out
    };
    if spec.two_sided {
        for (side, side_rows) in rows.into_iter().enumerate() {
            let name = side_name(spec, side, &side_rows);
            table.sections.push(TableSection {
                name,
                item_header: cols
                    .iter()
                    .find(|c| c.side == side && matches!(c.role, Role::Name))
                    .map(|_| "项目".to_string())
                    .filter(|_| spec.kind == TableKind::Summary),
                columns: columns_of(side),
                rows: side_rows,
            });
        }
    } else {
        table.columns = columns_of(0);
        table.rows = rows.into_iter().next().unwrap_or_default();
    }
    Read {
        table,
        unread,
        notes,
    }
}

/// 收入 | 支出 for a summary; for the economic table, its sides' totals name them (人员经费合计).
fn side_name(spec: &Spec, side: usize, rows: &[Row]) -> Option<String> {
    if spec.kind == TableKind::Summary {
        return Some(["收入", "支出"][side].to_string());
    }
    rows.iter()
        .find(|r| r.role == RowRole::Total)
        .and_then(|r| r.name.as_deref())
        .map(|n| n.trim_end_matches("合计").to_string())
}

/// A band of the body: it holds an amount, a code, a 合计 or a numbered summary line, or it is
/// the first band under a header of 预算数 | 决算数 words.
fn is_body(grid: &Grid, r: usize) -> bool {
    (0..grid.columns())
        .filter_map(|c| grid.at(c, r))
        .filter(|k| k.r0 == r || k.r1 == r)
        .any(|k| {
            let t = k.text();
            k.r0 == k.r1
                && (k
                    .words
                    .iter()
                    .any(|w| amount(&w.text).is_some() && w.text.contains('.'))
                    || t.chars().all(|c| c.is_ascii_digit()) && t.len() == 3
                    || t == "合计" && k.c0 == 0
                    || t.starts_with("一、"))
        })
        || (r > 0
            && (0..grid.columns()).all(|c| {
                grid.at(c, r)
                    .is_none_or(|k| k.r0 < r || k.text().is_empty())
            })
            && (0..grid.columns()).any(|c| grid.at(c, r - 1).is_some_and(|k| k.text() == "决算数")))
}

/// Each grid column's role from the header bands above `body`.
fn header(
    spec: &Spec,
    grid: &Grid,
    body: usize,
    table: &mut Table,
    notes: &mut Vec<String>,
) -> Vec<Col> {
    let mut out = Vec::new();
    let mut side = 0;
    let mut seen_amount = false;
    for c in 0..grid.columns() {
        // The header cells over this column, top to bottom.
        let mut chain: Vec<&super::super::grid::Cell> = Vec::new();
        for r in 0..body {
            if let Some(k) = grid.at(c, r) {
                if !chain.iter().any(|x| std::ptr::eq(*x, k)) && !k.text().is_empty() {
                    chain.push(k);
                }
            }
        }
        let texts: Vec<String> = chain.iter().map(|k| k.text()).collect();
        let leaf = texts.last().cloned().unwrap_or_default();
        let role = if matches!(leaf.as_str(), "类" | "款" | "项") || leaf.ends_with("编码") {
            Role::Code
        } else if leaf.contains("名称") || leaf == "项目" {
            Role::Name
        } else if spec.kind == TableKind::Sangong && matches!(leaf.as_str(), "预算数" | "决算数")
        {
            let group = texts
                .iter()
                .rev()
                .skip(1)
                .find_map(|g| SANGONG.iter().find(|(w, ..)| w == g));
            match group {
                Some((_, key, measure)) => {
                    let budget = leaf == "预算数";
                    Role::Amount(Column {
                        key: if budget {
                            format!("{key}_budget").into()
                        } else {
                            (*key).into()
                        },
                        header: leaf.as_str().into(),
                        group: Some(texts[..texts.len() - 1].join(" / ").into()),
                        measure: *measure,
                        year: None,
                        sum_of: Vec::new(),
                    })
                }
                None => Role::Unknown(leaf.clone()),
            }
        } else if let Some((_, key, measure)) = LEAVES.iter().find(|(w, ..)| *w == leaf) {
            let groups: Vec<&String> = texts[..texts.len().saturating_sub(1)]
                .iter()
                .filter(|g| !(spec.two_sided && matches!(g.as_str(), "收入" | "支出")))
                .collect();
            Role::Amount(Column {
                key: (*key).into(),
                header: leaf.as_str().into(),
                group: (!groups.is_empty()).then(|| {
                    groups
                        .iter()
                        .map(|g| g.as_str())
                        .collect::<Vec<_>>()
                        .join(" / ")
                        .into()
                }),
                measure: *measure,
                year: None,
                sum_of: Vec::new(),
            })
        } else {
            Role::Unknown(leaf.clone())
        };
        if spec.two_sided && seen_amount && matches!(role, Role::Code | Role::Name) && side == 0 {
            side = 1;
        }
        seen_amount |= matches!(role, Role::Amount(_));
        if let Role::Unknown(w) = &role {
            if !w.is_empty() {
                notes.push(format!(
                    "表 {}: 表头文字“{w}”未识别 (header word not recognised)",
                    spec.id
                ));
            }
        }
        if matches!(spec.kind, TableKind::Functional | TableKind::Economic) && side == 0 {
            if matches!(role, Role::Code) && texts.len() >= 2 {
                // Under the 项目 group: the code header, perhaps wrapped over two cells.
                let words: Vec<&str> = texts[1..]
                    .iter()
                    .map(String::as_str)
                    .filter(|t| !matches!(*t, "类" | "款" | "项"))
                    .collect();
                table.group_header.get_or_insert(texts[0].clone());
                table.code_header.get_or_insert(words.concat());
            }
            if matches!(role, Role::Name) {
                table.name_header.get_or_insert(leaf.clone());
            }
        }
        let center = (grid.xs[c] + grid.xs[c + 1]) / 2.0;
        out.push(Col { role, side, center });
    }
    out
}

/// The sums a 决算 table prints in a row (合计 = 基本支出 + 项目支出, …).
fn sums(cols: &mut [Column]) {
    let keys: Vec<String> = cols.iter().map(|c| c.key.to_string()).collect();
    let present = |ks: &[&str]| -> Vec<String> {
        ks.iter()
            .filter(|k| keys.iter().any(|x| x == *k))
            .map(|k| k.to_string())
            .collect()
    };
    for c in cols.iter_mut() {
        let parts = match c.key.as_str() {
            "total" if keys.iter().any(|k| k == "fiscal") => present(&[
                "fiscal",
                "superior_subsidy",
                "business",
                "operating",
                "affiliated",
                "other",
            ]),
            "total" if keys.iter().any(|k| k == "abroad") => {
                present(&["abroad", "vehicle", "reception"])
            }
            "total_budget" => present(&["abroad_budget", "vehicle_budget", "reception_budget"]),
            "vehicle" => present(&["vehicle_purchase", "vehicle_operation"]),
            "vehicle_budget" => present(&["vehicle_purchase_budget", "vehicle_operation_budget"]),
            "total" if keys.iter().any(|k| k == "general_budget") => {
                present(&["general_budget", "gov_fund", "state_capital"])
            }
            "total" if keys.iter().any(|k| k == "basic") => present(&[
                "basic",
                "project",
                "remittance",
                "operating",
                "affiliated_subsidy",
            ]),
            _ => Vec::new(),
        };
        c.sum_of = if parts.len() >= 2 { parts } else { Vec::new() };
    }
}

/// One side of one band as a row.
fn row_of(spec: &Spec, cells: &[(usize, &Col, String)]) -> Result<Row, String> {
    let mut row = Row::default();
    let mut groups: Vec<&str> = Vec::new();
    let mut name = String::new();
    for (_, col, text) in cells {
        match &col.role {
            // The 类 款 项 header words share the 合计 row's band where the header is centred.
            Role::Code if matches!(text.as_str(), "类" | "款" | "项" | "类款项" | "类款") =>
                {}
            Role::Code if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) => {
                groups.push(text)
            }
            Role::Code | Role::Name | Role::Unknown(_) => name.push_str(text),
            Role::Amount(c) if !text.is_empty() => {
                let a = amount(text).ok_or_else(|| {
                    format!("“{text}”不是金额 (not an amount under {})", c.header)
                })?;
                row.cells.insert(c.key.to_string(), a);
            }
            _ => {}
        }
    }
    if !groups.is_empty() {
        let ok_groups = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
            && groups[0].len() == 3
            && groups[1..].iter().all(|g| g.len() == 2);
        let code: String = groups.concat();
        let lens: &[usize] = if spec.kind == TableKind::Economic {
            &[3, 5]
        } else {
            &[3, 5, 7]
        };
        if !ok_groups || !lens.contains(&code.len()) {
            return Err(format!(
                "编码“{}”不是本表的科目编码 (not a code of this table)",
                groups.join(" ")
            ));
        }
        let printed = groups.join(" ");
        if printed != code {
            row.printed_code = Some(printed.into());
        }
        row.code = Some(code.into());
        row.name = (!name.is_empty()).then(|| name.into());
        return Ok(row);
    }
    if name.is_empty() {
        if spec.kind == TableKind::Sangong && !row.cells.is_empty() {
            row.role = RowRole::Total;
            return Ok(row);
        }
        return Err("没有编码和名称的金额 (amounts with no code or name)".into());
    }
    row.role = if name.ends_with("总计") || name == "合计" || name.ends_with("经费合计") {
        RowRole::Total
    } else if name.starts_with("本年") && name.ends_with("合计") {
        RowRole::Subtotal
    } else if spec.kind == TableKind::Summary {
        RowRole::Item
    } else {
        return Err(format!("“{name}”既无编码也非合计 (a row with no code)"));
    };
    row.name = Some(name.into());
    Ok(row)
}
