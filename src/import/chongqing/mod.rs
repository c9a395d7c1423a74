//! The Chongqing 13-table template (重庆 13 表部门预算) in text form: a narrative 一 … 六, then
//! tables captioned 表一 … 表十三, each with its title, 单位：万元 and its headers.
//!
//! The text is cut at the captions; each table's title says which of the template's tables it is
//! (`columns::SPECS`), and so how its lines are read. Header lines are checked to hold only the
//! template's header words; every other line either becomes part of a row or is reported.

mod body;
mod cells;
mod columns;
mod perf;
mod text;

use crate::core::document::{Document, Table, TableSection, FORMAT};
use crate::import::narrative;
use crate::import::{ImportReport, TableReport, Unread};
use cells::collapse;
pub use cells::{amount, is_code};
use columns::{Layout, Spec, SPECS};

pub const TEMPLATE: &str = "重庆 13 表部门预算";

const CAPTIONS: [&str; 13] = [
    "表一",
    "表二",
    "表三",
    "表四",
    "表五",
    "表六",
    "表七",
    "表八",
    "表九",
    "表十",
    "表十一",
    "表十二",
    "表十三",
];

/// One line of the input: its number (from 1), its page (form feeds counted) and its text.
#[derive(Debug, Clone, Copy)]
pub struct TextLine<'a> {
    pub no: usize,
    pub page: u32,
    pub text: &'a str,
}

/// The seed's shape: a 部门预算情况说明 followed by captions 表一 and 表十三 and a 三公 table.
pub fn recognise(text: &str) -> bool {
    let has = |c: &str| text.lines().any(|l| l.trim() == c);
    text.contains("部门预算情况说明")
        && has("表一")
        && has("表十三")
        && text.contains("“三公”经费支出表")
}

fn lines(text: &str) -> Vec<TextLine<'_>> {
    let mut page = 1;
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let text = raw.trim_end_matches('\r');
            let ff = text.matches('\u{c}').count() as u32;
            let t = TextLine {
                no: i + 1,
                page,
                text: text.trim_start_matches('\u{c}'),
            };
            page += ff;
            t
        })
        .collect()
}

fn unread(l: &TextLine, why: &str) -> Unread {
    Unread {
        page: l.page,
        text: l.text.trim_end().to_string(),
        why: format!("line {}: {why}", l.no),
    }
}

pub fn import_text(text: &str, report: &mut ImportReport) -> Result<Document, String> {
    let all = lines(text);
    report.template = TEMPLATE.to_string();
    report.pages = all.last().map_or(1, |l| l.page);
    let starts: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, l)| CAPTIONS.contains(&l.text.trim()))
        .map(|(i, _)| i)
        .collect();
    let first = *starts.first().ok_or("no table caption (表一 …) found")?;
    let n = text::read(&all[..first]);
    let (name, year) = title_parts(&n.title)
        .ok_or_else(|| format!("the title {:?} names no department and year", n.title))?;
    let mut doc = Document {
        format: FORMAT.to_string(),
        department: crate::core::document::Department {
            code: String::new(),
            name: name.clone(),
        },
        fiscal_year: year,
        kind: Default::default(),
        unit: "万元".to_string(),
        title: n.title,
        source: None,
        contact: n.contact,
        sections: n.sections,
        glossary: n.glossary,
        tables: vec![],
        narrative_figures: vec![],
    };
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(all.len());
        let table = read_table(&all[s..end], &doc, report)?;
        doc.tables.push(table);
    }
    doc.department.code =
        department_code(&doc).ok_or("no department code (部门名称 124-…) found")?;
    doc.narrative_figures = narrative::headline_figures(&doc);
    Ok(doc)
}

/// `重庆市大渡口区社会保险事务中心 2024 年部门预算情况说明` → (name, 2024).
fn title_parts(title: &str) -> Option<(String, i32)> {
    let at = title.find(|c: char| c.is_ascii_digit())?;
    let year: String = title[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((title[..at].trim().to_string(), year.parse().ok()?))
}

/// The code before the name in 部门名称 / 填报部门 (`124-重庆市…`).
fn department_code(doc: &Document) -> Option<String> {
    let suffix = format!("-{}", doc.department.name);
    doc.tables
        .iter()
        .filter_map(|t| t.performance.as_ref())
        .flat_map(|p| &p.fields)
        .find_map(|f| {
            let code = f.value.strip_suffix(&suffix)?;
            code.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| code.to_string())
        })
}

fn read_table(
    seg: &[TextLine],
    doc: &Document,
    report: &mut ImportReport,
) -> Result<Table, String> {
    let id = seg[0].text.trim().to_string();
    let mut rest = seg[1..].iter().skip_while(|l| l.text.trim().is_empty());
    let title_line = rest.next().ok_or_else(|| format!("{id}: no title"))?;
    let title = title_line.text.trim().to_string();
    let suffix = title
        .strip_prefix(doc.department.name.as_str())
        .unwrap_or(&title);
    let spec = SPECS
        .iter()
        .find(|s| s.suffix == suffix)
        .ok_or_else(|| format!("{id}: {title} is not a table of the template"))?;
    let body: Vec<TextLine> = rest.copied().collect();
    let mut unit = None;
    let mut note = None;
    let mut lines: Vec<TextLine> = Vec::new();
    for l in &body {
        let t = l.text.trim();
        if let Some(u) = t.strip_prefix("单位：") {
            unit = Some(u.to_string());
        } else if t.starts_with("备注：") {
            note = Some(t.to_string());
        } else if let Some(u) = t
            .strip_prefix("填报部门：")
            .filter(|_| spec.layout != Layout::Performance)
        {
            report.unread.push(unread(
                l,
                &format!("a 填报部门 {u} outside a performance table"),
            ));
        } else {
            lines.push(*l);
        }
    }
    let unit = unit.unwrap_or_else(|| doc.unit.clone());
    let mut table = Table {
        id: id.clone(),
        title: title.clone(),
        kind: spec.kind,
        scope: spec.scope,
        unit: (unit != doc.unit).then(|| unit.clone()),
        group_header: spec.group_header.map(str::to_string),
        code_header: spec.code_header.map(str::to_string),
        name_header: spec.name_header.map(str::to_string),
        columns: vec![],
        rows: vec![],
        sections: vec![],
        note,
        performance: None,
    };
    if spec.layout == Layout::Performance {
        let p = perf::parse(&lines, &mut report.unread);
        table.columns = p.columns;
        table.rows = p.rows;
        table.performance = Some(p.performance);
    } else {
        // Headers run until the first line holding a table amount.
        let split = lines
            .iter()
            .position(|l| l.text.split(' ').any(|t| cells::table_amount(t).is_some()))
            .unwrap_or(lines.len());
        let (headers, rows) = lines.split_at(split);
        read_amounts(spec, &mut table, rows, doc.fiscal_year, &mut report.unread)?;
        check_headers(spec, &table, headers, &mut report.unread);
    }
    report.tables.push(table_report(&table, &unit, seg));
    Ok(table)
}

fn read_amounts(
    spec: &Spec,
    table: &mut Table,
    rows: &[TextLine],
    year: i32,
    unread: &mut Vec<Unread>,
) -> Result<(), String> {
    if spec.layout == Layout::TwoSided {
        let mut sides = Vec::new();
        for (name, item, cols) in spec.sides {
            sides.push(TableSection {
                name: Some(name.to_string()),
                item_header: Some(item.to_string()),
                columns: columns::build(cols, year)?,
                rows: vec![],
            });
        }
        body::two_sided(rows, &mut sides, unread);
        table.sections = sides;
        return Ok(());
    }
    table.columns = columns::build(spec.columns, year)?;
    table.rows = match spec.layout {
        Layout::Sangong => body::sangong(rows, &table.columns, unread),
        _ => body::one_sided(rows, &table.columns, unread),
    };
    Ok(())
}

/// Header lines may hold only the table's printed header words (wrapped anyhow); anything else
/// in them is reported.
fn check_headers(spec: &Spec, table: &Table, headers: &[TextLine], unread_out: &mut Vec<Unread>) {
    let mut words: Vec<String> = [spec.group_header, spec.code_header, spec.name_header]
        .into_iter()
        .flatten()
        .map(str::to_string)
        .collect();
    for s in table.sections() {
        words.extend(s.name.map(str::to_string));
        for c in s.columns {
            words.push(collapse(&c.header));
            words.extend(c.group.iter().flat_map(|g| g.split(" / ").map(collapse)));
        }
    }
    for s in &table.sections {
        words.extend(s.item_header.clone());
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let mut left: String = headers.iter().map(|l| collapse(l.text)).collect();
    for w in &words {
        left = left.replace(w.as_str(), "");
    }
    if !left.is_empty() {
        for l in headers.iter().filter(|l| !l.text.trim().is_empty()) {
            unread_out.push(unread(
                l,
                &format!("header lines hold words that are not the template's headers: {left}"),
            ));
        }
    }
}

fn table_report(table: &Table, unit: &str, seg: &[TextLine]) -> TableReport {
    let sections = table.sections();
    let rows = sections.iter().map(|s| s.rows.len()).sum();
    let figures = sections
        .iter()
        .flat_map(|s| s.rows.iter())
        .map(|r| r.cells.len())
        .sum();
    let snake = |v: serde_json::Result<serde_json::Value>| {
        v.ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    TableReport {
        id: table.id.clone(),
        title: table.title.clone(),
        kind: snake(serde_json::to_value(table.kind)),
        scope: snake(serde_json::to_value(table.scope)),
        unit: unit.to_string(),
        first_page: seg[0].page,
        last_page: seg.last().map_or(seg[0].page, |l| l.page),
        rows,
        figures,
    }
}
