//! What one table of a text that leaves empty cells out learns from the others: the cells of its
//! total row, by an identity of the template. The resolver keeps only the placements of the
//! total row that agree (and none is dropped when none agrees: that is the source contradicting
//! itself, which the checks report); the sums carry the choice down to the rows.

use super::columns::Placed;
use super::resolve::Expected;
use crate::core::document::{
    Department, Document, FigureKind, Row, RowRole, Section, Table, TableKind, FORMAT,
};
use rust_decimal::Decimal;

fn total_row<'a>(t: &'a Table, section: Option<&str>) -> Option<&'a Row> {
    t.sections()
        .into_iter()
        .filter(|s| section.is_none() || s.name == section)
        .flat_map(|s| s.rows.iter())
        .find(|r| r.role == RowRole::Total)
}

fn cell(row: &Row, key: &str) -> Decimal {
    row.cells.get(key).map_or(Decimal::ZERO, |a| a.0)
}

/// The 基本支出 of a table's total row: its own column, or 人员经费 + 公用经费.
fn basic(t: &Table, section: Option<&str>) -> Option<Decimal> {
    let row = total_row(t, section)?;
    let cols: Vec<&str> = t
        .sections()
        .into_iter()
        .filter(|s| section.is_none() || s.name == section)
        .flat_map(|s| s.columns.iter().map(|c| c.key.as_str()))
        .collect();
    if cols.contains(&"basic") {
        Some(cell(row, "basic"))
    } else if cols.contains(&"personnel") {
        Some(cell(row, "personnel") + cell(row, "public"))
    } else {
        None
    }
}

/// Hints for table `id` from the tables read before it (in the template's order).
pub fn from_tables(id: &str, before: &[&Table]) -> Option<Expected> {
    let find = |id: &str| before.iter().copied().find(|t| t.id == id);
    match id {
        // 收入预算总表's total = 表 1's income lines, one per source of money.
        "2" => find("1").and_then(|t1| {
            let lines: Vec<_> = t1
                .sections()
                .into_iter()
                .filter(|s| s.name == Some("收入"))
                .flat_map(|s| s.rows.iter())
                .collect();
            let mut cells = Vec::new();
            for (name, key) in [
                ("财政拨款收入", "fiscal"),
                ("事业收入", "business"),
                ("事业单位经营收入", "operating"),
                ("其他收入", "other"),
            ] {
                let row = lines
                    .iter()
                    .find(|r| r.name.as_deref().map(unnumbered) == Some(name))?;
                cells.push((
                    key.to_string(),
                    row.cells.values().next().map_or(Decimal::ZERO, |a| a.0),
                ));
            }
            Some(Expected {
                cells,
                from: ("表 1 的收入一侧", "table 1's income side"),
            })
        }),
        // When 表 1's 基本支出 (all money) equals 表 5's (general budget), no other fund has any:
        // no amount of a budget table is negative.
        "6" | "7" => {
            let all = find("1").and_then(|t| basic(t, Some("支出")));
            let general = find("5").and_then(|t| basic(t, None));
            match (all, general) {
                (Some(a), Some(g)) if a == g => Some(Expected {
                    cells: vec![("basic".into(), Decimal::ZERO)],
                    from: (
                        "表 1 与表 5 的基本支出相等",
                        "table 1's basic spending, all of it table 5's",
                    ),
                }),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The 三公 table's cells the narrative states for the budget year (因公出国（境）费0万元 …),
/// when its statements agree with each other.
pub fn from_narrative(sections: &[Section], tables: &[Table], year: i32) -> Option<Expected> {
    let doc = Document {
        format: FORMAT.into(),
        kind: Default::default(),
        department: Department {
            code: String::new(),
            name: String::new(),
        },
        fiscal_year: year,
        unit: "元".into(),
        title: String::new(),
        source: None,
        contact: None,
        sections: sections.to_vec(),
        glossary: Vec::new(),
        tables: tables.to_vec(),
        narrative_figures: Vec::new(),
    };
    let sangong = tables.iter().find(|t| t.kind == TableKind::Sangong)?;
    let mut cells: Vec<(String, Decimal)> = Vec::new();
    for f in crate::import::narrative::headline_figures(&doc) {
        let (Some(r), Some(a)) = (&f.r#ref, f.amount) else {
            continue;
        };
        if f.kind != FigureKind::Level || f.year.is_some_and(|y| y != year) || r.table != sangong.id
        {
            continue;
        }
        match cells.iter().find(|(k, _)| *k == r.column) {
            Some((_, v)) if *v != a.0 => return None,
            Some(_) => {}
            None => cells.push((r.column.clone(), a.0)),
        }
    }
    (!cells.is_empty()).then_some(Expected {
        cells,
        from: (
            "说明中的“三公”经费数",
            "the narrative's figures of the three public costs",
        ),
    })
}

/// A summary item's name without its number (`一、`, `1、`, `2.`).
fn unnumbered(name: &str) -> &str {
    let rest =
        name.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    match rest.strip_prefix(['、', '.', '．']) {
        Some(r) if rest.len() < name.len() => r,
        _ => name,
    }
}

/// The 支出 total a fiscal summary's income side implies: its lines 一般公共预算(资金), 政府性基金
/// (预算), 国有资本经营预算 (a blank as zero) are the totals of the spending columns of the same funds.
pub fn funds_of_income(income: &[(u32, f32, Row)], spending: &[Placed]) -> Option<Expected> {
    const FUNDS: [(&str, &str); 3] = [
        ("一般公共预算", "general_budget"),
        ("政府性基金", "gov_fund"),
        ("国有资本经营", "state_capital"),
    ];
    let mut cells = Vec::new();
    for (name, key) in FUNDS {
        if !spending.iter().any(|p| p.column.key == key) {
            continue;
        }
        let line = income.iter().find(|(_, _, r)| {
            r.name
                .as_deref()
                .is_some_and(|n| unnumbered(n).starts_with(name))
        })?;
        let value = line.2.cells.values().next().map_or(Decimal::ZERO, |a| a.0);
        cells.push((key.to_string(), value));
    }
    (!cells.is_empty()).then_some(Expected {
        cells,
        from: ("本表收入一侧", "this table's income side"),
    })
}
