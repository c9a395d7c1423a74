//! The Shanghai 9-table template (部门预算 and 单位预算, district and city level): tables 1–8 in
//! 元, the 三公 table in 万元, codes split into 类/款/项 cells, narrative before and after.

mod columns;
mod hints;
pub(crate) mod narrative;
mod resolve;
pub(crate) mod tables;

use super::lines::Page;
use super::report::{ImportReport, TableReport, Unread};
use crate::core::document::{Department, Document, Table, TableKind, FORMAT};
use tables::At;

pub const TEMPLATE_DEPARTMENT: &str = "上海 9 表部门预算";
pub const TEMPLATE_UNIT: &str = "上海 9 表单位预算";

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn flatten(pages: &[Page]) -> Vec<At<'_>> {
    pages
        .iter()
        .flat_map(|p| {
            p.lines.iter().map(move |l| At {
                page: p.number,
                line: l,
                squeezed: squeeze(&l.text()),
                positioned: p.positioned && p.width > 0.0,
            })
        })
        .collect()
}

/// True when the pages hold the template's summary and general-budget tables.
pub fn recognise(pages: &[Page]) -> bool {
    let lines = flatten(pages);
    let found: Vec<&str> = lines
        .iter()
        .filter_map(|a| tables::title_of(&a.squeezed).map(|s| s.id))
        .collect();
    found.contains(&"1") && found.contains(&"5")
}

/// The department (or unit) and the fiscal year from the cover and the table headers.
fn who_and_when(lines: &[At]) -> (Option<String>, bool, Option<i32>) {
    let mut name = None;
    let mut unit = false;
    for a in lines.iter().take(60) {
        for (prefix, is_unit) in [("预算主管部门", false), ("预算单位", true)] {
            if let Some(rest) = a.squeezed.strip_prefix(prefix) {
                let rest = rest.trim_start_matches(['：', ':']);
                if !rest.is_empty() && name.is_none() {
                    name = Some(rest.to_string());
                    unit = is_unit;
                }
            }
        }
    }
    if name.is_none() {
        name = lines.iter().find_map(|a| {
            let s = a
                .squeezed
                .strip_prefix("编制部门")
                .or_else(|| a.squeezed.strip_prefix("编制单位"))?;
            let s = s.trim_start_matches(['：', ':']);
            Some(s.split("单位").next().unwrap_or(s).to_string())
        });
    }
    let year = lines.iter().take(60).find_map(|a| year_in(&a.squeezed));
    (name, unit, year)
}

/// "上海市普陀区2025年区级部门预算" → 2025.
fn year_in(s: &str) -> Option<i32> {
    let at = s.find("年")?;
    let digits: String = s[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let digits: String = digits.chars().rev().collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

pub fn import(pages: &[Page], report: &mut ImportReport) -> Result<Document, String> {
    let lines = flatten(pages);
    let (name, is_unit, year) = who_and_when(&lines);
    let name =
        name.ok_or("找不到预算主管部门或预算单位的名称 (no department or unit name found)")?;
    let year = year.ok_or("找不到预算年度 (no fiscal year found on the cover)")?;
    report.template = if is_unit {
        TEMPLATE_UNIT
    } else {
        TEMPLATE_DEPARTMENT
    }
    .into();
    report.pages = pages.len() as u32;
    let titles: Vec<usize> = (0..lines.len())
        .filter(|&i| tables::title_of(&lines[i].squeezed).is_some())
        .collect();
    let mut reads: Vec<(tables::Read, usize)> = Vec::new();
    let mut narrative_lines: Vec<&At> = Vec::new();
    let mut cursor = 0;
    for (k, &start) in titles.iter().enumerate() {
        narrative_lines.extend(lines[cursor..start].iter());
        let end = titles.get(k + 1).copied().unwrap_or(lines.len());
        let spec = tables::title_of(&lines[start].squeezed).expect("a title");
        let so_far: Vec<&Table> = reads.iter().map(|(r, _)| &r.table).collect();
        let hints = hints::from_tables(spec.id, &so_far);
        let read = tables::read(spec, &lines[start..end], "元", hints.as_ref());
        cursor = start + read.used;
        reads.push((read, start));
    }
    narrative_lines.extend(lines[cursor..].iter());
    let mut sections = narrative::sections(&narrative_lines);
    let glossary = narrative::glossary(&mut sections);
    // The 三公 line of a text that leaves empty cells out: the narrative names its figures.
    if let Some(k) = reads
        .iter()
        .position(|(r, _)| r.table.kind == TableKind::Sangong && !r.unread.is_empty())
    {
        let tables: Vec<Table> = reads.iter().map(|(r, _)| r.table.clone()).collect();
        if let Some(expected) = hints::from_narrative(&sections, &tables, year) {
            let (read, start) = &reads[k];
            let spec = tables::title_of(&lines[*start].squeezed).expect("a title");
            let end = start + read.used;
            let again = tables::read(spec, &lines[*start..end], "元", Some(&expected));
            if again.unread.len() < read.unread.len() {
                reads[k].0 = again;
            }
        }
    }
    let mut tables_out = Vec::new();
    for (read, start) in reads {
        report.unread.extend(read.unread);
        report.notes.extend(read.notes);
        let t = &read.table;
        let figures = tables::figures(t);
        if figures > 0 && t.note.as_deref().is_some_and(|n| n.contains("空表")) {
            report.notes.push(format!(
                "表 {0}: 注明“本表为空表”，却印有 {figures} 个数字；以数字为准 (table {0}: the note says the table is empty, but it prints {figures} figures; the figures are kept)",
                t.id
            ));
        }
        report.tables.push(TableReport {
            id: t.id.clone(),
            title: t.title.clone(),
            kind: serde_name(&t.kind),
            scope: serde_name(&t.scope),
            unit: t.unit.clone().unwrap_or_default(),
            first_page: lines[start].page,
            last_page: read.last_page,
            rows: t.sections().iter().map(|s| s.rows.len()).sum(),
            figures,
        });
        tables_out.push(read.table);
    }
    let missing: Vec<&str> = tables::SPECS
        .iter()
        .filter(|s| !tables_out.iter().any(|t| t.id == s.id))
        .map(|s| s.id)
        .collect();
    if !missing.is_empty() {
        report.notes.push(format!(
            "未找到表 {0} (tables not found: {0})",
            missing.join(", ")
        ));
    }
    tables_out.sort_by_key(|t| t.id.clone());
    let unit = "元".to_string();
    for t in &mut tables_out {
        if t.unit.as_deref() == Some(unit.as_str()) {
            t.unit = None;
        }
    }
    let title = lines
        .iter()
        .take(5)
        .find(|a| a.squeezed.contains("预算") && a.squeezed.contains(&year.to_string()))
        .map(|a| a.line.text().trim().to_string())
        .unwrap_or_else(|| format!("{name} {year} 年预算"));
    let code = if is_unit {
        format!("{name}（单位）")
    } else {
        name.clone()
    };
    Ok(Document {
        format: FORMAT.into(),
        department: Department { code, name },
        fiscal_year: year,
        kind: Default::default(),
        unit,
        title,
        source: None,
        contact: None,
        sections,
        glossary,
        tables: tables_out,
        narrative_figures: Vec::new(),
    })
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[allow(dead_code)]
fn unread(page: u32, text: &str, why: &str) -> Unread {
    Unread {
        page,
        text: text.into(),
        why: why.into(),
    }
}
