//! The figures a 决算 narrative states, tied to the cells they speak of: its totals ("收入支出
//! 总计2995.39万元"), the 三公 budget and spending, 人员经费 / 公用经费, and for each item "年初预算
//! 为X万元，支出决算为Y万元。决算数小于预算数" — Y against the table, and the words against X and Y.

use crate::core::amount::Amount;
use crate::core::document::{
    CellRef, Direction, Document, FigureKind, NarrativeFigure, RowRole, TableKind,
};

/// The amount printed right after `at` and before 万元.
fn amount_at(s: &str, at: usize) -> Option<(Amount, usize)> {
    let rest = &s[at..];
    let n = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    rest[n..].starts_with("万元").then_some(())?;
    Some((
        crate::import::chongqing::amount(&rest[..n])?,
        at + n + "万元".len(),
    ))
}

/// Simple statements: (words before the amount, words that must not precede them, cell).
fn simple() -> Vec<(&'static str, &'static str, CellRef)> {
    let r = |table: &str, section: Option<&str>, name: Option<&str>, column: &str| CellRef {
        table: table.into(),
        section: section.map(str::to_string),
        code: None,
        name: name.map(str::to_string),
        column: column.into(),
    };
    vec![
        (
            "收入支出总计",
            "财政拨款",
            r("1", Some("收入"), None, "amount"),
        ),
        (
            "财政拨款收入支出总计",
            "",
            r("4", Some("收入"), None, "amount"),
        ),
        (
            "本年收入合计",
            "",
            r("1", Some("收入"), Some("本年收入合计"), "amount"),
        ),
        (
            "本年支出合计",
            "",
            r("1", Some("支出"), Some("本年支出合计"), "amount"),
        ),
        ("人员经费", "", r("6", Some("人员经费"), None, "amount")),
        ("公用经费", "", r("6", Some("公用经费"), None, "amount")),
    ]
}

pub fn figures(doc: &Document) -> Vec<NarrativeFigure> {
    let mut out: Vec<NarrativeFigure> = Vec::new();
    let valid = |r: &CellRef| doc.table(&r.table).is_some_and(|t| t.resolve(r).is_some());
    for sec in &doc.sections {
        for p in &sec.paragraphs {
            let s: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            let mut push = |quote: &str,
                            amount: Amount,
                            r: Option<CellRef>,
                            out: &mut Vec<NarrativeFigure>| {
                let id = format!("f{}", out.len() + 1);
                out.push(NarrativeFigure {
                    id: id.clone(),
                    section: sec.number.clone(),
                    quote: quote.to_string(),
                    kind: FigureKind::Level,
                    amount: Some(amount),
                    unit: None,
                    year: None,
                    direction: None,
                    r#ref: r.filter(|r| valid(r)),
                    parts: Vec::new(),
                });
                id
            };
            for (key, not_after, r) in simple() {
                let mut from = 0;
                while let Some(i) = s[from..].find(key) {
                    let at = from + i;
                    from = at + key.len();
                    if !not_after.is_empty() && s[..at].ends_with(not_after) {
                        continue;
                    }
                    if let Some((a, end)) = amount_at(&s, from) {
                        push(&s[at..end], a, Some(r.clone()), &mut out);
                    }
                }
            }
            budget_against_final(doc, &s, &mut out, &mut push);
        }
    }
    out
}

type Push<'a> = dyn FnMut(&str, Amount, Option<CellRef>, &mut Vec<NarrativeFigure>) -> String + 'a;

/// "…年初预算为X万元，支出决算为Y万元。…决算数小于预算数…": X, Y (tied to the table when the
/// subject names a line of it) and the comparison of the two.
fn budget_against_final(doc: &Document, s: &str, out: &mut Vec<NarrativeFigure>, push: &mut Push) {
    const BUDGET: &str = "年初预算为";
    const FINAL: &str = "支出决算为";
    let mut from = 0;
    while let Some(i) = s[from..].find(BUDGET) {
        let item_start = from;
        let at = from + i;
        from = at + BUDGET.len();
        let Some((budget, end)) = amount_at(s, from) else {
            continue;
        };
        let Some(j) = s[end..].find(FINAL).filter(|j| *j <= 6) else {
            continue;
        };
        let Some((fin, fend)) = amount_at(s, end + j + FINAL.len()) else {
            continue;
        };
        // The item's words since the previous figures ("…行政运行（项）。主要用于：…").
        let subject = &s[item_start..at];
        let target = target_of(doc, subject);
        // Only the 三公 table prints a 预算数 beside its 决算数.
        let budget_cell = target.as_ref().filter(|t| t.table == "7").map(|t| CellRef {
            column: "total_budget".into(),
            ..t.clone()
        });
        let b = push(&s[at..end], budget, budget_cell, out);
        let f = push(&s[end + j..fend], fin, target, out);
        // The words after the figures, up to the next item.
        let tail: String = s[fend..].chars().take(24).collect();
        let said = [
            ("决算数大于预算数", Direction::Increase),
            ("决算数小于预算数", Direction::Decrease),
            ("决算数等于预算数", Direction::Same),
            ("决算数与预算数基本持平", Direction::Same),
        ]
        .into_iter()
        .filter_map(|(w, d)| tail.find(w).map(|k| (k, w, d)))
        .min_by_key(|(k, ..)| *k);
        if let Some((_, words, direction)) = said {
            out.push(NarrativeFigure {
                id: format!("f{}", out.len() + 1),
                section: out.last().map(|f| f.section.clone()).unwrap_or_default(),
                quote: words.to_string(),
                kind: FigureKind::Comparison,
                amount: None,
                unit: None,
                year: None,
                direction: Some(direction),
                r#ref: None,
                parts: vec![f, b],
            });
        }
        from = fend;
    }
}

/// The cell a "年初预算为…支出决算为" subject speaks of: a 项 by its name in the general budget
/// table, that table's total, or the 三公 table's.
fn target_of(doc: &Document, subject: &str) -> Option<CellRef> {
    let gpb = doc
        .tables
        .iter()
        .find(|t| t.kind == TableKind::Functional && t.id == "5")?;
    let cell = |table: &str, code: Option<String>, column: &str| CellRef {
        table: table.into(),
        section: None,
        code,
        name: None,
        column: column.into(),
    };
    if subject.contains("三公") {
        return doc.table("7").map(|_| cell("7", None, "total"));
    }
    if let Some(k) = subject.find("（项）") {
        let before = &subject[..k];
        let name = before.rsplit("（款）").next()?;
        let row = gpb.rows.iter().find(|r| {
            r.code.as_ref().is_some_and(|c| c.len() == 7) && r.name.as_deref() == Some(name)
        })?;
        return Some(cell("5", row.code.as_deref().map(str::to_string), "total"));
    }
    (subject.contains("一般公共预算财政拨款支出")
        && gpb.rows.iter().any(|r| r.role == RowRole::Total))
    .then(|| cell("5", None, "total"))
}
