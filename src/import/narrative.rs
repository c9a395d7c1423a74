//! Figures a budget narrative states in 万元 — levels ("收入预算 1,524.40 万元") and changes
//! ("比 2023 年增加 100.19 万元", "较上年减少…", "与上年持平") — tied to the table cells they speak
//! of. Shared by the templates: the wording is that of the national 部门预算 instructions, which
//! Chongqing and Shanghai both follow ("比2024年预算减少876.75万元" reads the same).
//!
//! A figure's subject is the text before its number in its clause. What the subject names (a
//! fund, 基本/项目支出, a 类 of spending, 三公, 运行经费, 政府采购) picks the table by its kind,
//! scope and column measures, never by its id, so any template's tables will do.

mod subject;

use crate::core::amount::Amount;
use crate::core::document::{CellRef, Direction, Document, FigureKind, NarrativeFigure};
use subject::Context;

const FILLERS: &[&str] = &[
    "主要原因是",
    "主要是",
    "其中：",
    "其中",
    "以及",
    "本单位",
    "涉及",
];

/// An amount printed before 万元 at `at..end` of a clause.
fn amounts(clause: &str) -> Vec<(usize, usize, Amount)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = clause[from..].find("万元") {
        let unit = from + i;
        let before = clause[..unit].trim_end();
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
            .last()
            .map(|(i, _)| i);
        if let Some(s) = start {
            let token = &before[s..];
            if let Some(a) = crate::import::chongqing::amount(token) {
                out.push((s, unit + "万元".len(), a));
            }
        }
        from = unit + "万元".len();
    }
    out
}

/// `比 2023 年增加` / `较上年减少` / `比2024年预算增加` at the end of `text`: (direction, year, the
/// text before the comparison).
fn change(text: &str, fiscal_year: i32) -> Option<(Direction, i32, &str)> {
    let t = text.trim_end();
    let (rest, dir) = if let Some(r) = t.strip_suffix("增加") {
        (r, Direction::Increase)
    } else if let Some(r) = t.strip_suffix("减少") {
        (r, Direction::Decrease)
    } else if let Some(r) = t.strip_suffix("持平") {
        (r, Direction::Same)
    } else {
        return None;
    };
    let cmp = ["比", "较", "与"]
        .iter()
        .filter_map(|w| rest.rfind(w))
        .max();
    let Some(at) = cmp else {
        return Some((dir, fiscal_year - 1, rest));
    };
    let between: String = rest[at..].chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = between.chars().filter(char::is_ascii_digit).collect();
    let year = if digits.len() == 4 {
        digits.parse().ok()?
    } else {
        fiscal_year - 1
    };
    Some((dir, year, &rest[..at]))
}

/// The subject with its year ("2024 年") and connectives taken off.
fn clean(subject: &str) -> String {
    let mut s: String = subject.chars().filter(|c| !c.is_whitespace()).collect();
    loop {
        let before = s.clone();
        if let Some(i) = s
            .find('年')
            .filter(|i| s[..*i].chars().all(|c| c.is_ascii_digit()) && *i > 0)
        {
            s = s[i + '年'.len_utf8()..].to_string();
        }
        for f in FILLERS {
            if let Some(r) = s.strip_prefix(f) {
                s = r.to_string();
            }
        }
        if s == before {
            return s;
        }
    }
}

fn clauses(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split(['，', '；', '：'])
        .filter(|c| !c.trim().is_empty())
}

/// The paragraph's own heading (`（一）收入预算。…`), which says what its untitled figures are;
/// a first sentence with a figure (`（三）公务接待费1.53万元。`) is a statement, not a heading.
fn heading(p: &str) -> &str {
    let h = p
        .strip_prefix('（')
        .and_then(|r| r.split_once('）'))
        .and_then(|(_, r)| r.split_once('。'))
        .map_or("", |(h, _)| h);
    if h.contains("万元") {
        ""
    } else {
        h
    }
}

pub fn headline_figures(doc: &Document) -> Vec<NarrativeFigure> {
    let mut out: Vec<NarrativeFigure> = Vec::new();
    let mut next = 0;
    for section in &doc.sections {
        for p in &section.paragraphs {
            let mut ctx = Context::new(heading(p));
            let body = p
                .split_once('。')
                .filter(|_| !heading(p).is_empty())
                .map_or(p.as_str(), |(_, b)| b);
            for sentence in body.split('。') {
                ctx.sentence();
                // The level the sentence's bare changes (比上年…) speak of, and the last change with
                // a cell (whose reasons may be its parts).
                let mut level: Option<(String, Option<CellRef>)> = None;
                let mut parent: Option<usize> = None;
                for clause in clauses(sentence) {
                    ctx.note_measure(clause);
                    let found = amounts(clause);
                    if found.is_empty() {
                        if let Some((Direction::Same, year, _)) = change(clause, doc.fiscal_year) {
                            if let Some((quote, r)) = &level {
                                out.push(figure(
                                    doc,
                                    section,
                                    format!("{quote}，{}", clause.trim()),
                                    FigureKind::Change,
                                    None,
                                    year,
                                    Some(Direction::Same),
                                    r.clone(),
                                    &mut next,
                                ));
                            }
                        }
                        continue;
                    }
                    let mut from = 0;
                    for (start, end, amount) in found {
                        let before = &clause[from..start];
                        let quote = clause[from..end].trim().to_string();
                        from = end;
                        match change(before, doc.fiscal_year) {
                            Some((dir, year, subject)) => {
                                let subject = clean(subject);
                                let (r, quote) = if subject.is_empty() {
                                    match &level {
                                        Some((q, r)) => (r.clone(), format!("{q}，{quote}")),
                                        None => (None, quote),
                                    }
                                } else {
                                    (ctx.resolve(doc, &subject), quote)
                                };
                                let is_part = r.is_none();
                                out.push(figure(
                                    doc,
                                    section,
                                    quote,
                                    FigureKind::Change,
                                    Some(amount),
                                    year,
                                    Some(dir),
                                    r,
                                    &mut next,
                                ));
                                if !is_part {
                                    parent = Some(out.len() - 1);
                                } else if let Some(i) = parent {
                                    let id = out.last().map(|f| f.id.clone()).unwrap_or_default();
                                    out[i].parts.push(id);
                                }
                            }
                            None => {
                                let subject = clean(before);
                                let r = ctx.resolve(doc, &subject);
                                level = Some((quote.clone(), r.clone()));
                                out.push(figure(
                                    doc,
                                    section,
                                    quote,
                                    FigureKind::Level,
                                    Some(amount),
                                    doc.fiscal_year,
                                    None,
                                    r,
                                    &mut next,
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    keep_parts_that_add_up(&mut out);
    out
}

/// Reasons ("市级项目资金增加 10.36 万元以及区级项目资金减少 13.91 万元") are parts of the change
/// before them only when they add up to it.
fn keep_parts_that_add_up(figures: &mut [NarrativeFigure]) {
    for i in 0..figures.len() {
        if figures[i].parts.is_empty() {
            continue;
        }
        let sum: Option<Amount> = figures[i]
            .parts
            .iter()
            .map(|p| {
                figures
                    .iter()
                    .find(|f| &f.id == p)
                    .and_then(|f| f.signed_change())
            })
            .sum();
        if sum != figures[i].signed_change() {
            figures[i].parts.clear();
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn figure(
    doc: &Document,
    section: &crate::core::document::Section,
    quote: String,
    kind: FigureKind,
    amount: Option<Amount>,
    year: i32,
    direction: Option<Direction>,
    r: Option<CellRef>,
    next: &mut usize,
) -> NarrativeFigure {
    let n = doc
        .sections
        .iter()
        .position(|s| s.number == section.number)
        .unwrap_or(0);
    let index = *next;
    *next += 1;
    NarrativeFigure {
        id: format!("{}_{}", n + 1, index + 1),
        section: section.number.clone(),
        quote,
        kind,
        amount,
        unit: (doc.unit != "万元").then(|| "万元".to_string()),
        year: Some(year),
        direction,
        r#ref: r,
        parts: vec![],
    }
}

pub use subject::{fund_of, Fund};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shanghai_wording() {
        let c = "财政拨款收入18,976.76万元";
        let found = amounts(c);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2.display(), "18,976.76");
        assert_eq!(clean(&c[..found[0].0]), "财政拨款收入");
        let (dir, year, rest) = change("比2024年预算增加", 2025).unwrap();
        assert_eq!((dir, year, rest), (Direction::Increase, 2024, ""));
        let (dir, year, _) = change("比2024年预算持平", 2025).unwrap();
        assert_eq!((dir, year), (Direction::Same, 2024));
        let (dir, year, rest) = change("收入较上年减少", 2024).unwrap();
        assert_eq!((dir, year, rest), (Direction::Decrease, 2023, "收入"));
    }
}
