//! The Jiangsu 12-table template (江苏 12 表部门预算) as `pdftotext -layout` text: tables captioned
//! `公开 NN 表`, cells aligned by runs of spaces, amounts in 万元, pages ended by a form feed.
//!
//! Read: the coded one-amount tables (05–08, 10, 11), 03's line of totals (matched to its headers
//! by position), the side-by-side summaries 01 and 04 (`summary`), 02's grouped income lines
//! (`income`), 09's 三公 line (`sangong`) and 12's procurement lines (`procurement`: five text
//! columns whose places shift from page to page, found per page). A table of another layout is
//! reported line by line as unread rather than guessed at.

use crate::core::amount::Amount;
use crate::core::document::*;
use crate::import::chongqing::amount;
use crate::import::{ImportReport, TableReport, Unread};

mod income;
mod procurement;
mod sangong;
mod summary;

pub const TEMPLATE: &str = "江苏 12 表部门预算";

pub fn recognise(text: &str) -> bool {
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    flat.contains("公开01表") && flat.contains("公开12表") && flat.contains("部门预算")
}

struct L<'a> {
    no: usize,
    page: u32,
    text: &'a str,
}

/// A run of text and the char column it starts at; runs are split at two or more spaces.
fn runs(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !(chars[i] == ' ' && chars.get(i + 1).is_none_or(|c| *c == ' ')) {
            i += 1;
        }
        out.push((start, chars[start..i].iter().collect()));
    }
    out
}

fn collapse(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// (suffix of the title, kind, scope) of the twelve tables.
const TABLES: &[(&str, TableKind, FundScope)] = &[
    ("收支预算总表", TableKind::Summary, FundScope::All),
    ("收入预算总表", TableKind::Other, FundScope::All),
    ("支出预算总表", TableKind::Other, FundScope::All),
    (
        "财政拨款收支预算总表",
        TableKind::Summary,
        FundScope::Fiscal,
    ),
    (
        "财政拨款支出预算表（功能科目）",
        TableKind::Functional,
        FundScope::Fiscal,
    ),
    (
        "财政拨款基本支出预算表（经济科目）",
        TableKind::Economic,
        FundScope::Fiscal,
    ),
    (
        "一般公共预算支出预算表（功能科目）",
        TableKind::Functional,
        FundScope::GeneralBudget,
    ),
    (
        "一般公共预算基本支出预算表（经济科目）",
        TableKind::Economic,
        FundScope::GeneralBudget,
    ),
    (
        "“三公”经费、会议费、培训费支出预算表",
        TableKind::Sangong,
        FundScope::GeneralBudget,
    ),
    (
        "政府性基金预算财政拨款支出预算表",
        TableKind::Functional,
        FundScope::GovFund,
    ),
    (
        "一般公共预算机关运行经费支出预算表",
        TableKind::Economic,
        FundScope::GeneralBudget,
    ),
    ("政府采购支出预算表", TableKind::Procurement, FundScope::All),
];

/// Header words of the tables read; anything else above the first row is reported.
const HEADER_WORDS: &[&str] = &[
    "功能科目代码",
    "功能科目编码",
    "功能科目名称",
    "科目编码",
    "科目代码",
    "科目名称",
    "金额",
    "机关运行经费支出",
];

fn caption(t: &str) -> Option<String> {
    let c = collapse(t);
    let n = c.strip_prefix("公开")?.strip_suffix('表')?;
    (n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit())).then(|| format!("公开{n}表"))
}

fn is_page_number(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

fn column(key: &str, header: &str, measure: Measure) -> Column {
    Column {
        key: key.into(),
        header: header.into(),
        group: None,
        measure,
        year: None,
        sum_of: vec![],
    }
}

pub fn import_text(text: &str, report: &mut ImportReport) -> Result<Document, String> {
    report.template = TEMPLATE.to_string();
    let mut page = 1;
    let mut lines = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let ff = raw.matches('\u{c}').count() as u32;
        lines.push(L {
            no: i + 1,
            page,
            text: raw.trim_start_matches('\u{c}').trim_end(),
        });
        page += ff;
    }
    report.pages = page.max(1);
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| caption(lines[i].text).is_some())
        .collect();
    let first = *starts.first().ok_or("no 公开 NN 表 caption found")?;
    let year = text
        .split("年度部门预算")
        .next()
        .and_then(|h| {
            h.rsplit(|c: char| !c.is_ascii_digit())
                .find(|s| s.len() == 4)
        })
        .and_then(|y| y.parse().ok())
        .ok_or("no 20xx年度部门预算 title")?;
    let mut doc = Document {
        format: FORMAT.into(),
        department: Department {
            code: String::new(),
            name: String::new(),
        },
        fiscal_year: year,
        kind: Default::default(),
        unit: "万元".into(),
        title: collapse(
            lines[..first]
                .iter()
                .find(|l| !l.text.trim().is_empty())
                .map_or("", |l| l.text),
        ),
        source: None,
        contact: None,
        sections: vec![],
        glossary: vec![],
        tables: vec![],
        narrative_figures: vec![],
    };
    for (k, &s) in starts.iter().enumerate() {
        // A table ends at the next caption, or (the last one) at the narrative's 第三部分.
        let end = starts.get(k + 1).copied().unwrap_or_else(|| {
            (s..lines.len())
                .find(|&i| collapse(lines[i].text).starts_with("第三部分"))
                .unwrap_or(lines.len())
        });
        doc.tables
            .extend(read_table(&lines[s..end], &mut doc.department, report)?);
    }
    // The text prints no department code; the name is the only identifier it gives.
    doc.department.code = doc.department.name.clone();
    if doc.department.name.is_empty() {
        return Err("no 部门名称 found".into());
    }
    report
        .notes
        .push("the text prints no department code: the department's name stands for it".into());
    Ok(doc)
}

/// The table, or `None` when its layout is not read (it is reported all the same).
fn read_table(
    seg: &[L],
    dept: &mut Department,
    report: &mut ImportReport,
) -> Result<Option<Table>, String> {
    let id = caption(seg[0].text).unwrap_or_default();
    let mut rest = seg[1..]
        .iter()
        .filter(|l| !l.text.trim().is_empty() && !is_page_number(l.text));
    let title = collapse(rest.next().ok_or_else(|| format!("{id}: no title"))?.text);
    let &(_, kind, scope) = TABLES
        .iter()
        .filter(|(s, _, _)| title.ends_with(s))
        // 财政拨款收支预算总表 also ends with 收支预算总表.
        .max_by_key(|(s, _, _)| s.len())
        .ok_or_else(|| format!("{id}: {title} is not a table of the template"))?;
    let mut table = Table {
        id: id.clone(),
        title: title.clone(),
        kind,
        scope,
        unit: None,
        group_header: None,
        code_header: None,
        name_header: None,
        columns: vec![],
        rows: vec![],
        sections: vec![],
        note: None,
        performance: None,
    };
    let mut body: Vec<&L> = Vec::new();
    let mut unit = "万元".to_string();
    let mut note: Option<String> = None;
    for l in rest {
        let t = collapse(l.text);
        if let Some((left, u)) = t.split_once("单位：").or_else(|| t.split_once("单位:")) {
            unit = u.to_string();
            let name = left
                .trim_start_matches("部门名称：")
                .trim_start_matches("部门：");
            if dept.name.is_empty() {
                dept.name = name.to_string();
            }
        } else if note.is_some() || t.starts_with('注') || t.starts_with("：“") || t == "此表为空"
        {
            let n = note.get_or_insert_with(String::new);
            n.push_str(&t);
        } else {
            body.push(l);
        }
    }
    table.note = note;
    let coded = matches!(kind, TableKind::Functional | TableKind::Economic);
    if coded {
        let header = if title.contains("机关运行经费") {
            "机关运行经费支出"
        } else {
            "金额"
        };
        table.columns = vec![column("amount", header, Measure::Total)];
        let first_row = body.iter().position(|l| {
            let r = runs(l.text);
            // `合   计` is spaced out into two runs.
            r.first()
                .is_some_and(|(_, t)| crate::import::chongqing::is_code(t))
                || collapse(l.text).starts_with("合计")
        });
        let (head, rows) = body.split_at(first_row.unwrap_or(body.len()));
        let mut left: String = head.iter().map(|l| collapse(l.text)).collect();
        for w in HEADER_WORDS {
            left = left.replace(w, "");
        }
        if !left.is_empty() {
            report.unread.extend(
                head.iter()
                    .map(|l| unread(l, &format!("not the table's headers: {left}"))),
            );
        }
        let mut words: Vec<&str> = HEADER_WORDS.to_vec();
        words.retain(|w| head.iter().any(|l| collapse(l.text).contains(w)));
        table.code_header = words
            .iter()
            .find(|w| w.ends_with("代码") || w.ends_with("编码"))
            .map(|w| w.to_string());
        table.name_header = words
            .iter()
            .find(|w| w.ends_with("名称"))
            .map(|w| w.to_string());
        table.rows = coded_rows(rows, &mut report.unread);
    } else if title.ends_with("支出预算总表") && kind == TableKind::Other {
        table.kind = TableKind::Other;
        totals_line(&body, &mut table, &mut report.unread);
    } else if kind == TableKind::Summary {
        summary::read(&body, &mut table, &mut report.unread);
    } else if title.ends_with("收入预算总表") {
        income::read(&body, &mut table, &mut report.unread);
    } else if kind == TableKind::Sangong {
        sangong::read(&body, &mut table, &mut report.unread);
    } else if kind == TableKind::Procurement {
        let notes = procurement::read(&body, &mut table, &mut report.unread);
        report.notes.extend(notes);
    } else {
        report.unread.extend(
            body.iter()
                .map(|l| unread(l, "this table's layout is not read yet")),
        );
        report.notes.push(format!(
            "{id} {title}: left out of the document, its layout is not read yet"
        ));
    }
    let read = !table.columns.is_empty() || !table.sections.is_empty();
    let figures = table
        .rows
        .iter()
        .chain(table.sections.iter().flat_map(|s| &s.rows))
        .map(|r| r.cells.len())
        .sum();
    report.tables.push(TableReport {
        id,
        title,
        kind: snake(serde_json::to_value(kind)),
        scope: snake(serde_json::to_value(scope)),
        unit,
        first_page: seg[0].page,
        last_page: seg.last().map_or(seg[0].page, |l| l.page),
        rows: table.rows.len() + table.sections.iter().map(|s| s.rows.len()).sum::<usize>(),
        figures,
    });
    Ok(read.then_some(table))
}

fn unread(l: &L, why: &str) -> Unread {
    Unread {
        page: l.page,
        text: l.text.to_string(),
        why: format!("line {}: {why}", l.no),
    }
}

fn snake(v: serde_json::Result<serde_json::Value>) -> String {
    v.ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `2040401    行政运行    12,268.62`; a name too long for its column wraps around the line with
/// the code and amount (`机关事业单位基本养老保险` / `30108  1,064.46` / `缴费`).
fn coded_rows(lines: &[&L], unread_out: &mut Vec<Unread>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut before = String::new();
    let mut wrapping = false;
    for l in lines {
        let r = runs(l.text);
        let first = r.first().map(|(_, t)| t.as_str()).unwrap_or("");
        let is_code = crate::import::chongqing::is_code(first);
        let amount_cell = r
            .last()
            .filter(|_| r.len() > 1)
            .and_then(|(_, t)| amount(t));
        let label: String = r[..r.len() - usize::from(amount_cell.is_some())]
            .iter()
            .map(|(_, t)| collapse(t))
            .collect();
        if !is_code && label != "合计" {
            match rows.last_mut() {
                Some(row) if wrapping => row.extend_name(&collapse(l.text)),
                _ => before.push_str(&collapse(l.text)),
            }
            continue;
        }
        let name: String = r[1.min(r.len())..r.len() - usize::from(amount_cell.is_some())]
            .iter()
            .map(|(_, t)| t.as_str())
            .collect();
        let mut row = Row {
            role: RowRole::Item,
            code: None,
            printed_code: None,
            name: None,
            cells: Cells::default(),
            line: None,
        };
        if is_code {
            row.code = Some(first.into());
        } else {
            row.role = RowRole::Total;
            row.name = Some("合计".into());
        }
        wrapping = is_code && name.is_empty();
        if is_code {
            row.name = Some((std::mem::take(&mut before) + &name).into());
        } else if !before.is_empty() {
            unread_out.push(Unread {
                page: l.page,
                text: std::mem::take(&mut before),
                why: format!("before line {}: text that is no row's name", l.no),
            });
        }
        if let Some(a) = amount_cell {
            row.cells.insert("amount".into(), a);
        }
        rows.push(row);
    }
    if !before.is_empty() {
        unread_out.push(Unread {
            page: lines.last().map_or(1, |l| l.page),
            text: before,
            why: "text after the last row".into(),
        });
    }
    rows
}

/// 公开03表: a header line and one line of totals, each amount under the header nearest to it.
fn totals_line(body: &[&L], table: &mut Table, unread_out: &mut Vec<Unread>) {
    let measures = [
        ("合计", Measure::Total, "total"),
        ("基本支出", Measure::Basic, "basic"),
        ("项目支出", Measure::Project, "project"),
        ("单位预留机动经费", Measure::Reserve, "reserve"),
        ("结转下年资金", Measure::Other, "carried_over"),
    ];
    let mut headers: Vec<(f32, &str)> = Vec::new();
    let mut row = Row {
        role: RowRole::Total,
        code: None,
        printed_code: None,
        name: None,
        cells: Cells::default(),
        line: None,
    };
    for l in body {
        let r = runs(l.text);
        let known: Vec<_> = r
            .iter()
            .filter_map(|(x, t)| {
                measures
                    .iter()
                    .find(|m| m.0 == t)
                    .map(|m| (*x as f32 + t.chars().count() as f32 / 2.0, m.0))
            })
            .collect();
        if known.len() == r.len() && !known.is_empty() {
            for (_, h) in &known {
                let (h, m, k) = measures
                    .iter()
                    .find(|m| m.0 == *h)
                    .copied()
                    .unwrap_or(measures[0]);
                table.columns.push(column(k, h, m));
            }
            headers = known;
            continue;
        }
        let amounts: Option<Vec<(f32, Amount)>> = r
            .iter()
            .map(|(x, t)| amount(t).map(|a| (*x as f32 + t.chars().count() as f32 / 2.0, a)))
            .collect();
        match amounts {
            Some(a) if !headers.is_empty() && row.cells.is_empty() => {
                for (x, a) in a {
                    let nearest = headers
                        .iter()
                        .min_by(|p, q| (p.0 - x).abs().total_cmp(&(q.0 - x).abs()))
                        .map(|h| h.1)
                        .unwrap_or("");
                    let key = measures.iter().find(|m| m.0 == nearest).map_or("", |m| m.2);
                    row.cells.insert(key.into(), a);
                }
            }
            _ => unread_out.push(Unread {
                page: l.page,
                text: l.text.to_string(),
                why: format!("line {}: neither the headers nor the line of totals", l.no),
            }),
        }
    }
    if let Some(total) = table.columns.iter_mut().find(|c| c.key == "total") {
        // 结转下年资金 is next year's money, outside this year's 合计.
        total.sum_of = vec!["basic".into(), "project".into(), "reserve".into()];
    }
    table.rows = vec![row];
}
