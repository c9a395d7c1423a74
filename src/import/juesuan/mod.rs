//! The national 9-table 部门决算 (final accounts) template, as Shanghai's districts publish it:
//! 万元 throughout, codes split into 类/款/项 cells, every table ruled. Tables are read cell by
//! cell from their rules (`grid`), since one generator centres a cell's text vertically and wraps
//! header words character by character, so that a row's words do not share a line.

pub mod narrative;
mod tables;

use super::grid::Grid;
use super::lines::Page;
use super::report::{ImportReport, TableReport, Unread};
use super::shanghai::tables::At;
use crate::core::document::{Department, Document, DocumentKind, FORMAT};

pub const TEMPLATE: &str = "全国 9 表部门决算";

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where a title stands: page index, line index.
fn titles(pages: &[Page]) -> Vec<(usize, usize, &'static tables::Spec)> {
    let mut out: Vec<(usize, usize, &tables::Spec)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (l, line) in page.lines.iter().enumerate() {
            if let Some(spec) = tables::title_of(&squeeze(&line.text())) {
                if !out.iter().any(|(.., s)| s.id == spec.id) {
                    out.push((p, l, spec));
                }
            }
        }
    }
    out
}

/// True when the pages hold the template's two summaries' titles.
pub fn recognise(pages: &[Page]) -> bool {
    let found = titles(pages);
    let has = |id: &str| found.iter().any(|(.., s)| s.id == id);
    has("1") && (has("4") || has("5"))
}

/// "2024年度部门决算" → 2024.
fn year_in(s: &str) -> Option<i32> {
    let at = s.find("年度")?;
    let digits = &s[..at];
    let digits = &digits[digits.len().saturating_sub(4)..];
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

pub fn import(pages: &[Page], report: &mut ImportReport) -> Result<Document, String> {
    report.template = TEMPLATE.into();
    report.pages = pages.len() as u32;
    // The cover: the department on its first line, the year on the line with 决算.
    let cover: Vec<String> = pages
        .first()
        .map(|p| {
            p.lines
                .iter()
                .map(|l| squeeze(&l.text()))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let year = cover
        .iter()
        .find_map(|s| year_in(s).filter(|_| s.contains("决算")))
        .ok_or("找不到决算年度 (no fiscal year found on the cover)")?;
    let name = cover
        .iter()
        .find(|s| !s.contains("决算") && !s.is_empty())
        .cloned()
        .ok_or("找不到部门名称 (no department name found on the cover)")?;
    let found = titles(pages);
    let mut tables_out = Vec::new();
    // Lines that belong to a table (title, unit, cells, note), left out of the narrative.
    let mut in_table: Vec<Vec<bool>> = pages.iter().map(|p| vec![false; p.lines.len()]).collect();
    for (k, &(p, l, spec)) in found.iter().enumerate() {
        let next = found.get(k + 1).map(|&(np, nl, _)| (np, nl));
        let page = &pages[p];
        let title_y = page.lines[l].y;
        in_table[p][l] = true;
        let mut grids: Vec<(u32, Grid)> = Vec::new();
        let mut last_page = page.number;
        let mut note: Option<String> = None;
        let mut unit = None;
        let mut q = p;
        while q < pages.len() {
            let pg = &pages[q];
            let top = if q == p { title_y } else { 0.0 };
            let bottom = match next {
                Some((np, nl)) if np == q => pages[np].lines[nl].y,
                Some((np, _)) if np < q => break,
                _ => f32::MAX,
            };
            let Some(grid) = Grid::of(pg, top, bottom) else {
                break;
            };
            let (gtop, gbottom) = (grid.ys[0], grid.bottom());
            for (i, line) in pg.lines.iter().enumerate() {
                let s = squeeze(&line.text());
                if line.y <= top || line.y >= bottom {
                    continue;
                }
                if line.y < gtop && q == p {
                    if let Some(u) = s.strip_prefix("单位：").or_else(|| s.strip_prefix("单位:"))
                    {
                        unit = Some(u.to_string());
                    }
                    in_table[q][i] = true;
                } else if line.y >= gtop && line.y - 3.0 <= gbottom {
                    in_table[q][i] = true;
                } else if line.y > gbottom
                    && (s.starts_with("注") || note.as_ref().is_some_and(|n| !n.ends_with('。')))
                {
                    note.get_or_insert_with(String::new).push_str(&s);
                    in_table[q][i] = true;
                }
            }
            for (_, t) in &grid.outside {
                report.unread.push(Unread {
                    page: pg.number,
                    text: t.text.clone(),
                    why: "表格框线之外的文字 (text beside the table's rules, in no cell)".into(),
                });
            }
            last_page = pg.number;
            grids.push((pg.number, grid));
            if next.is_some_and(|(np, _)| np == q) {
                break;
            }
            q += 1;
        }
        let title = page.lines[l].text().trim().to_string();
        let mut read = tables::read(spec, &title, &grids);
        read.table.note = note;
        if unit.as_deref().is_some_and(|u| u != "万元") {
            read.table.unit = unit;
        }
        report.unread.extend(read.unread);
        report.notes.extend(read.notes);
        let t = &read.table;
        let figures = super::shanghai::tables::figures(t);
        report.tables.push(TableReport {
            id: t.id.clone(),
            title: t.title.clone(),
            kind: serde_name(&t.kind),
            scope: serde_name(&t.scope),
            unit: t.unit.clone().unwrap_or_else(|| "万元".into()),
            first_page: page.number,
            last_page,
            rows: t.sections().iter().map(|s| s.rows.len()).sum(),
            figures,
        });
        tables_out.push(read.table);
    }
    let missing: Vec<String> = tables::SPECS
        .iter()
        .filter(|s| !tables_out.iter().any(|t| t.id == s.id))
        .map(|s| format!("{} {}", s.id, s.title))
        .collect();
    if !missing.is_empty() {
        report.notes.push(format!(
            "未找到表 {} (tables of the template not found)",
            missing.join("、")
        ));
    }
    let lines: Vec<At> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| {
            let skip = &in_table[p];
            page.lines
                .iter()
                .enumerate()
                .filter(move |(i, _)| !skip[*i])
                .map(move |(_, l)| At {
                    page: page.number,
                    line: l,
                    squeezed: squeeze(&l.text()),
                    positioned: page.positioned && page.width > 0.0,
                })
        })
        .collect();
    // The narrative starts at the second 第一部分 (the first is the table of contents').
    let start = lines
        .iter()
        .enumerate()
        .filter(|(_, a)| a.squeezed.starts_with("第一部分"))
        .map(|(i, _)| i)
        .nth(1)
        .unwrap_or(0);
    let narrative: Vec<&At> = lines[start..].iter().collect();
    let sections = super::shanghai::narrative::sections_by(&narrative, &is_heading);
    Ok(Document {
        format: FORMAT.into(),
        department: Department {
            code: name.clone(),
            name: name.clone(),
        },
        fiscal_year: year,
        kind: DocumentKind::FinalAccounts,
        unit: "万元".into(),
        title: format!("{name}{year}年度部门决算"),
        source: None,
        contact: None,
        sections,
        glossary: Vec::new(),
        tables: tables_out,
        narrative_figures: Vec::new(),
    })
}

/// A heading of the narrative: 第X部分 …, or a numbered line that is not a sentence.
fn is_heading(s: &str) -> bool {
    const NUMBERS: &[&str] = &[
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ];
    if s.chars().count() > 32 || s.contains(['。', '，', '；', '：']) {
        return false;
    }
    s.starts_with("第") && s.contains("部分")
        || NUMBERS.iter().any(|n| s.starts_with(&format!("{n}、")))
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
