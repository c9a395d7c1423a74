//! Performance tables (表十 整体绩效目标表, 表十一… 项目绩效目标表): labelled fields, the money
//! rows, the goals and the indicators. Labels printed one character per line (总/体/目/标) are
//! read as one label; wrapped indicator names are joined until the line carrying 指标性质.

use super::body::blank;
use super::cells::{self, collapse, label_and_amounts, table_amount};
use super::TextLine;
use crate::core::document::{Column, Field, Indicator, Measure, Performance, Row};
use crate::import::Unread;

const FIELDS: &[&str] = &[
    "部门名称",
    "填报部门",
    "项目名称",
    "项目负责人及联系电话",
    "主管部门",
    "实施部门",
    "预算执行率权重(%)",
];
/// The amount beside 部门名称 on 表十.
const AMOUNT_LABEL: &str = "支出预算数";
const NATURES: &[&str] = &["定性", "定量", "≥", "≤", "＝", "=", ">", "<", "＞", "＜"];
const LEVEL1: &[&str] = &["产出指标", "效益指标", "满意度指标", "成本指标"];

pub struct Parsed {
    pub performance: Performance,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(PartialEq)]
enum State {
    Fields,
    Funds,
    Goals,
    Indicators,
}

fn field_label(t: &str) -> Option<(&'static str, &str)> {
    FIELDS.iter().find_map(|f| {
        let rest = t.strip_prefix(f)?;
        let rest = rest.strip_prefix('：').unwrap_or(rest);
        (rest.is_empty() || rest.starts_with(' ')).then(|| (*f, rest.trim()))
    })
}

pub fn parse(lines: &[TextLine], unread_out: &mut Vec<Unread>) -> Parsed {
    let mut p = Performance {
        fields: vec![],
        goals_header: None,
        goals: vec![],
        indicators_header: None,
        indicator_columns: vec![],
        indicators: vec![],
    };
    let mut column: Option<String> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut state = State::Fields;
    let mut vertical = String::new();
    let mut buffer = String::new();
    let (mut level1, mut level2): (Option<String>, Option<String>) = (None, None);
    let unread = |l: &TextLine, why: &str| Unread {
        page: l.page,
        text: l.text.trim_end().to_string(),
        why: format!("line {}: {why}", l.no),
    };
    for l in lines {
        let t = l.text.trim();
        if t.is_empty() || cells::is_page_number(l.text) {
            continue;
        }
        // A label printed down the page, one character a line.
        // (Inside the indicators a one-character line ends a wrapped name: 及时/性.)
        if t.chars().count() == 1 && state != State::Indicators {
            vertical.push_str(t);
            continue;
        }
        if !vertical.is_empty() || t == "绩效指标" {
            let label = if vertical.is_empty() {
                t.to_string()
            } else {
                std::mem::take(&mut vertical)
            };
            if label.ends_with("目标") {
                p.goals_header = Some(label);
                state = State::Goals;
            } else if label == "绩效指标" {
                p.indicators_header = Some(label);
                state = State::Indicators;
            } else {
                unread_out.push(unread(
                    l,
                    "a vertical label that is neither goals nor indicators",
                ));
            }
            if t == "绩效指标" {
                continue;
            }
        }
        if t.ends_with("绩效目标") && state == State::Fields {
            p.goals_header = Some(t.to_string());
            state = State::Goals;
            continue;
        }
        if t.contains("指标性质") {
            p.indicator_columns = t
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            state = State::Indicators;
            continue;
        }
        match state {
            State::Fields | State::Funds => {
                if let Some((label, rest)) = field_label(t) {
                    state = State::Fields;
                    let (value, amount) = match rest.split_once(AMOUNT_LABEL) {
                        Some((v, a)) => (v.trim(), Some(a.trim())),
                        None => (rest, None),
                    };
                    p.fields.push(Field {
                        label: label.to_string(),
                        value: value.to_string(),
                    });
                    if let Some(a) = amount {
                        let mut row = blank();
                        row.name = Some(AMOUNT_LABEL.into());
                        match table_amount(a) {
                            Some(a) => row.cells.insert("amount".into(), a),
                            None => unread_out.push(unread(l, "the 支出预算数 is not an amount")),
                        }
                        column = Some(AMOUNT_LABEL.to_string());
                        rows.push(row);
                    }
                } else if t == "资金情况" {
                    state = State::Funds;
                    column = Some(t.to_string());
                } else if state == State::Funds && t.starts_with('（') && rows.is_empty() {
                    column.get_or_insert_with(String::new).push_str(t);
                } else if state == State::Funds {
                    let mut row = blank();
                    match label_and_amounts(t) {
                        Some((label, amounts)) if amounts.len() == 1 => {
                            row.name = Some(label.trim_end_matches('：').into());
                            if let Some(a) = amounts[0] {
                                row.cells.insert("amount".into(), a);
                            }
                        }
                        Some(_) => {
                            unread_out.push(unread(l, "a funds line with more than one amount"));
                            continue;
                        }
                        None => row.name = Some(t.into()),
                    }
                    rows.push(row);
                } else if let Some(f) = p.fields.last_mut() {
                    // The value of the field above, wrapped.
                    f.value.push_str(t);
                } else {
                    unread_out.push(unread(l, "before any field of the table"));
                }
            }
            State::Goals => {
                let numbered = t
                    .split_once('.')
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                match p.goals.last_mut() {
                    Some(g) if !numbered => g.push_str(t),
                    _ => p.goals.push(t.to_string()),
                }
            }
            State::Indicators => {
                if p.indicator_columns.is_empty() {
                    unread_out.push(unread(l, "an indicator before the indicator headers"));
                    continue;
                }
                let printed = cells::split(t);
                let Some(n) = printed.iter().position(|c| NATURES.contains(c)) else {
                    buffer.push_str(&collapse(t));
                    continue;
                };
                match indicator(
                    &p.indicator_columns,
                    &printed,
                    n,
                    &mut buffer,
                    &mut level1,
                    &mut level2,
                ) {
                    Some(i) => p.indicators.push(i),
                    None => unread_out
                        .push(unread(l, "an indicator whose cells do not fit the headers")),
                }
            }
        }
    }
    if !buffer.is_empty() {
        unread_out.push(Unread {
            page: 1,
            text: buffer,
            why: "indicator text without its values".into(),
        });
    }
    let columns = column
        .map(|header| {
            vec![Column {
                key: "amount".into(),
                measure: super::columns::measure_of(&header, "").unwrap_or(Measure::Total),
                header: header.into(),
                group: None,
                year: None,
                sum_of: vec![],
            }]
        })
        .unwrap_or_default();
    Parsed {
        performance: p,
        columns,
        rows,
    }
}

/// One indicator from the line holding its 指标性质 (at `n`), the columns before it matched from
/// the right, and the name (with 一级/二级 labels ahead of it) from the text gathered so far.
fn indicator(
    headers: &[String],
    printed: &[&str],
    n: usize,
    buffer: &mut String,
    level1: &mut Option<String>,
    level2: &mut Option<String>,
) -> Option<Indicator> {
    let nature_col = headers.iter().position(|h| h == "指标性质")?;
    let mut ind = Indicator {
        level1: None,
        level2: None,
        name: String::new(),
        nature: String::new(),
        value: None,
        unit: None,
        weight: String::new(),
    };
    let mut put = |header: &str, cell: &str| -> bool {
        let v = (!cell.is_empty()).then(|| cell.to_string());
        match header {
            "指标性质" => ind.nature = cell.to_string(),
            "指标值" => ind.value = v,
            "计量单位" | "度量单位" => ind.unit = v,
            "指标权重" | "权重（%）" => ind.weight = cell.to_string(),
            _ => return false,
        }
        true
    };
    for (k, cell) in printed.iter().enumerate().skip(n) {
        if !put(headers.get(nature_col + k - n)?, cell) {
            return None;
        }
    }
    let mut first_text = n;
    for k in 1..=n.min(nature_col) {
        if !put(&headers[nature_col - k], printed[n - k]) {
            break;
        }
        first_text = n - k;
    }
    for c in &printed[..first_text] {
        buffer.push_str(&collapse(c));
    }
    let mut text = std::mem::take(buffer);
    if headers.iter().any(|h| h == "一级指标") {
        if let Some(l1) = LEVEL1
            .iter()
            .find(|l| text.starts_with(**l) && text[l.len()..].contains("指标"))
        {
            *level1 = Some(l1.to_string());
            text = text[l1.len()..].to_string();
        }
        if let Some(end) = text.find("指标") {
            *level2 = Some(text[..end + "指标".len()].to_string());
            text = text[end + "指标".len()..].to_string();
        }
        ind.level1 = level1.clone();
        ind.level2 = level2.clone();
    }
    ind.name = text;
    (!ind.name.is_empty() && !ind.weight.is_empty()).then_some(ind)
}
