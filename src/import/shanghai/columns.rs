//! The printed column headers of a Shanghai table → its columns, each with where it stands.
//!
//! Headers are multi-level and wrap ("事业单位" over "经营收入"); the importer knows the words the
//! template prints, finds each one's position in the header lines, and keeps the lowest level
//! (a group such as 基本支出 over 人员经费 | 公用经费 is not a column of its own).

use super::super::tokens::Token;
use crate::core::document::{Column, Measure};

/// A column header word of the template: its key and what it measures.
const LEAVES: &[(&str, &str, Measure)] = &[
    ("合计", "total", Measure::Total),
    ("基本支出", "basic", Measure::Basic),
    ("项目支出", "project", Measure::Project),
    ("人员经费", "personnel", Measure::Personnel),
    ("公用经费", "public", Measure::Public),
    ("财政拨款收入", "fiscal", Measure::Fiscal),
    ("事业收入", "business", Measure::Business),
    ("事业单位经营收入", "operating", Measure::Operating),
    ("其他收入", "other", Measure::Other),
    ("一般公共预算", "general_budget", Measure::GeneralBudget),
    ("政府性基金预算", "gov_fund", Measure::GovFund),
    ("国有资本经营预算", "state_capital", Measure::StateCapital),
    ("预算数", "amount", Measure::Total),
    ("因公出国(境)费", "abroad", Measure::Abroad),
    ("公务接待费", "reception", Measure::Reception),
    ("小计", "vehicle", Measure::Vehicle),
    ("购置费", "vehicle_purchase", Measure::VehiclePurchase),
    ("运行费", "vehicle_operation", Measure::VehicleOperation),
    ("机关运行经费预算数", "running_costs", Measure::RunningCosts),
];

/// The order of the template's columns, left to right.
const ORDER: &[&str] = &[
    "amount",
    "total",
    "fiscal",
    "business",
    "operating",
    "other",
    "basic",
    "personnel",
    "public",
    "project",
    "general_budget",
    "gov_fund",
    "state_capital",
    "abroad",
    "reception",
    "vehicle",
    "vehicle_purchase",
    "vehicle_operation",
    "running_costs",
];

/// Words printed above columns (groups) or over the code and name columns.
const GROUPS: &[&str] = &[
    "收入预算",
    "支出预算",
    "一般公共预算支出",
    "政府性基金预算支出",
    "国有资本经营预算支出",
    "国有资本经营财政拨款预算支出",
    "一般公共预算基本支出",
    "“三公”经费预算数",
    "公务用车购置及运行费",
    "本年收入",
    "本年支出",
    "财政拨款支出",
];

const OTHER_WORDS: &[&str] = &[
    "项目",
    "功能分类科目编码",
    "功能分类科目名称",
    "类",
    "款",
    "项",
    "编码",
    "经济分类科目编码",
    "经济分类科目名称",
    "部门经济分类科目名称",
    "部门预算经济分类科目",
];

/// Full-width brackets and spaces as their plain forms, and a leading year ("2024年“三公”经费预算数")
/// dropped, for matching header words only.
pub fn norm(s: &str) -> String {
    let s = s.trim();
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    let s = if digits == 4 && s[4..].starts_with('年') && s.len() > 7 {
        &s[7..]
    } else {
        s
    };
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '"' | '\u{201c}' => '“',
            '\u{201d}' => '”',
            _ => c,
        })
        .collect()
}

/// A header word found in the header lines.
#[derive(Debug, Clone)]
pub struct Label {
    pub text: String,
    pub printed: String,
    pub x0: f32,
    pub x1: f32,
    pub line: usize,
}

impl Label {
    pub fn center(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// A word the template prints in its column headers, or a piece of one wrapped over lines.
pub fn is_header_word(s: &str) -> bool {
    let s = norm(s);
    known(&s)
        || prefix_of_known(&s)
        || LEAVES
            .iter()
            .map(|(l, ..)| *l)
            .chain(GROUPS.iter().copied())
            .any(|l| l.len() > s.len() && l.ends_with(s.as_str()))
}

fn known(s: &str) -> bool {
    LEAVES.iter().any(|(l, ..)| *l == s) || GROUPS.contains(&s) || OTHER_WORDS.contains(&s)
}

fn prefix_of_known(s: &str) -> bool {
    LEAVES
        .iter()
        .map(|(l, ..)| *l)
        .chain(GROUPS.iter().copied())
        .any(|l| l.len() > s.len() && l.starts_with(s))
}

/// Finds the header words in header lines (tokens per line, top to bottom), joining a word
/// wrapped onto the lines below it. Returns the words and the tokens it did not know.
pub fn labels(lines: &[Vec<Token>], positioned: bool) -> (Vec<Label>, Vec<String>) {
    // Some texts print header words without a space between them ("合计基本支出"): cut them at
    // the template's words first.
    let split: Vec<Vec<Token>>;
    let lines = if positioned {
        lines
    } else {
        split = lines
            .iter()
            .map(|l| {
                l.iter()
                    .flat_map(|t| {
                        cut_glued(&t.text).into_iter().map(|w| Token {
                            x0: t.x0,
                            x1: t.x1,
                            text: w,
                        })
                    })
                    .collect()
            })
            .collect();
        &split
    };
    let mut used: Vec<Vec<bool>> = lines.iter().map(|l| vec![false; l.len()]).collect();
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for li in 0..lines.len() {
        for ti in 0..lines[li].len() {
            if used[li][ti] {
                continue;
            }
            used[li][ti] = true;
            let t = &lines[li][ti];
            let mut text = norm(&t.text);
            let mut printed = t.text.clone();
            // A wrapped word: the rest stands below, overlapping it.
            let mut lj = li + 1;
            while prefix_of_known(&text) && lj < lines.len() && lj <= li + 3 {
                let below = lines[lj].iter().enumerate().find(|(k, u)| {
                    !used[lj][*k] && (!positioned || u.x0 < t.x1 + 2.0 && u.x1 > t.x0 - 2.0) && {
                        let joined = format!("{text}{}", norm(&u.text));
                        known(&joined) || prefix_of_known(&joined)
                    }
                });
                if let Some((k, u)) = below {
                    used[lj][k] = true;
                    text.push_str(&norm(&u.text));
                    printed.push_str(&u.text);
                }
                lj += 1;
            }
            if known(&text) {
                found.push(Label {
                    text,
                    printed,
                    x0: t.x0,
                    x1: t.x1,
                    line: li,
                });
            } else {
                unknown.push(t.text.clone());
            }
        }
    }
    (found, unknown)
}

/// A column of the table and the x where its header stands.
#[derive(Debug, Clone)]
pub struct Placed {
    pub column: Column,
    pub center: f32,
}

/// The columns among `labels` (those within `x_range`), left to right, with their groups and
/// the sums the template prints (合计 = 基本支出 + 项目支出, …).
pub fn columns(labels: &[Label], x_range: (f32, f32), positioned: bool) -> Vec<Placed> {
    let inside: Vec<&Label> = labels
        .iter()
        .filter(|l| l.center() >= x_range.0 && l.center() < x_range.1)
        .collect();
    let has = |w: &str| inside.iter().any(|l| l.text == w);
    let mut out: Vec<Placed> = Vec::new();
    for l in &inside {
        let Some((_, key, measure)) = LEAVES.iter().find(|(w, ..)| *w == l.text) else {
            continue;
        };
        // A word that stands over others is their group, not a column.
        let group_only = (l.text == "基本支出" && has("人员经费"))
            || (l.text == "预算数" && has("合计"))
            || (l.text == "财政拨款收入" && has("预算数"))
            || (l.text == "公务用车购置及运行费" && has("小计"));
        if group_only {
            continue;
        }
        let group = group_above(&inside, l, key);
        out.push(Placed {
            column: Column {
                key: (*key).into(),
                header: l.printed.as_str().into(),
                group: group.map(Into::into),
                measure: *measure,
                year: None,
                sum_of: Vec::new(),
            },
            center: l.center(),
        });
    }
    if positioned {
        out.sort_by(|a, b| a.center.total_cmp(&b.center));
    } else {
        // A text's header cells are not where its columns are: the template's order.
        out.sort_by_key(|p| {
            ORDER
                .iter()
                .position(|k| *k == p.column.key)
                .unwrap_or(ORDER.len())
        });
    }
    out.dedup_by(|a, b| a.column.key == b.column.key);
    let keys: Vec<String> = out.iter().map(|p| p.column.key.to_string()).collect();
    let present = |ks: &[&str]| -> Vec<String> {
        ks.iter()
            .filter(|k| keys.iter().any(|x| x == *k))
            .map(|k| k.to_string())
            .collect()
    };
    for p in &mut out {
        let parts: Vec<String> = match p.column.key.as_str() {
            "total" if keys.iter().any(|k| k == "basic") => present(&["basic", "project"]),
            "total" if keys.iter().any(|k| k == "personnel") => {
                present(&["personnel", "public", "project"])
            }
            "total" if keys.iter().any(|k| k == "fiscal") => {
                present(&["fiscal", "business", "operating", "other"])
            }
            "total" if keys.iter().any(|k| k == "general_budget") => {
                present(&["general_budget", "gov_fund", "state_capital"])
            }
            "total" if keys.iter().any(|k| k == "abroad") => {
                present(&["abroad", "reception", "vehicle"])
            }
            "vehicle" => present(&["vehicle_purchase", "vehicle_operation"]),
            "basic" => present(&["personnel", "public"]),
            _ => Vec::new(),
        };
        p.column.sum_of = if parts.len() >= 2 { parts } else { Vec::new() };
    }
    out
}

/// The columns a group word may stand over (all of its side when absent from this list).
const GROUP_SPANS: &[(&str, &[&str])] = &[
    (
        "“三公”经费预算数",
        &[
            "total",
            "abroad",
            "reception",
            "vehicle",
            "vehicle_purchase",
            "vehicle_operation",
        ],
    ),
    (
        "公务用车购置及运行费",
        &["vehicle", "vehicle_purchase", "vehicle_operation"],
    ),
    ("基本支出", &["personnel", "public"]),
];

/// The printed group words above a column, outermost first, joined as "outer / inner".
fn group_above(labels: &[&Label], leaf: &Label, key: &str) -> Option<String> {
    let mut groups: Vec<&Label> = labels
        .iter()
        .copied()
        .filter(|g| {
            g.line < leaf.line
                && g.text != leaf.text
                && (GROUPS.contains(&g.text.as_str())
                    || g.text == "基本支出"
                    || g.text == "预算数"
                    || g.text == "财政拨款收入")
        })
        .filter(|g| match GROUP_SPANS.iter().find(|(w, _)| *w == g.text) {
            Some((_, keys)) => keys.contains(&key),
            None => true,
        })
        .collect();
    groups.sort_by_key(|g| g.line);
    groups.dedup_by_key(|g| g.line);
    if groups.is_empty() {
        return None;
    }
    Some(
        groups
            .iter()
            .map(|g| g.printed.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
    )
}

/// The column an amount belongs to: amounts are right-aligned under centred headers, so its
/// right edge lies right of its own header's centre and left of the next one's.
pub fn column_for(placed: &[Placed], x1: f32, tolerance: f32) -> Option<usize> {
    placed.iter().rposition(|p| p.center <= x1 + tolerance)
}

/// A run of header words printed without spaces, cut at the template's words (longest first);
/// the last piece may begin a word wrapped onto the next line ("事业单位" of 事业单位经营收入). A
/// run that does not cut cleanly into such words is left whole.
fn cut_glued(text: &str) -> Vec<String> {
    let vocabulary: Vec<&str> = LEAVES
        .iter()
        .map(|(l, ..)| *l)
        .chain(GROUPS.iter().copied())
        .chain(OTHER_WORDS.iter().copied())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let word = vocabulary
            .iter()
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len());
        match word {
            Some(w) => {
                out.push(w.to_string());
                rest = &rest[w.len()..];
            }
            None if vocabulary.iter().any(|w| w.starts_with(rest)) => {
                out.push(rest.to_string());
                rest = "";
            }
            // The rest of a word wrapped from the line above ("经营收入", "数"), at the start.
            None if out.is_empty() => {
                let tail = vocabulary
                    .iter()
                    .filter_map(|w| {
                        (1..w.chars().count()).find_map(|skip| {
                            let at = w.char_indices().nth(skip)?.0;
                            rest.starts_with(&w[at..]).then(|| &w[at..])
                        })
                    })
                    .max_by_key(|t| t.len());
                let Some(t) = tail else {
                    return vec![text.to_string()];
                };
                out.push(t.to_string());
                rest = &rest[t.len()..];
            }
            None => return vec![text.to_string()],
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cut_glued;

    #[test]
    fn glued_header_words_are_cut_at_the_templates_words() {
        assert_eq!(cut_glued("合计基本支出"), ["合计", "基本支出"]);
        assert_eq!(
            cut_glued("财政拨款收入事业收入事业单位"),
            ["财政拨款收入", "事业收入", "事业单位"]
        );
        assert_eq!(cut_glued("类款项"), ["类", "款", "项"]);
        assert_eq!(cut_glued("合计"), ["合计"]);
        assert_eq!(cut_glued("无名"), ["无名"]);
        assert_eq!(cut_glued("经营收入其他收入"), ["经营收入", "其他收入"]);
        assert_eq!(cut_glued("数合计"), ["数", "合计"]);
        assert_eq!(cut_glued("经营收入"), ["经营收入"]);
    }
}
