//! Finding the nine tables of the Shanghai template and reading their rows.

use super::super::lines::Line;
use super::super::report::Unread;
use super::super::tokens::{amount, leading_code, tokens, Token};
use super::columns::{self, Placed};
use super::resolve;
use crate::core::amount::Amount;
use crate::core::document::{Column, FundScope, Row, RowRole, Table, TableKind, TableSection};

/// A line of the document with the page it is on.
pub struct At<'a> {
    pub page: u32,
    pub line: &'a Line,
    /// The text with every space removed, for matching titles and labels.
    pub squeezed: String,
    /// Whether x positions are page positions (a PDF) or only an order (a text).
    pub positioned: bool,
}

/// One of the template's tables, recognised by the end of its printed title.
pub struct Spec {
    pub id: &'static str,
    pub suffix: &'static str,
    pub kind: TableKind,
    pub scope: FundScope,
    pub two_sided: bool,
}

/// Longest suffixes first, so that 财政拨款收支预算总表 is not taken for 收支预算总表.
pub const SPECS: &[Spec] = &[
    spec(
        "8",
        "一般公共预算基本支出部门预算经济分类预算表",
        TableKind::Economic,
        FundScope::GeneralBudget,
        false,
    ),
    spec(
        "7",
        "国有资本经营预算支出功能分类预算表",
        TableKind::Functional,
        FundScope::StateCapital,
        false,
    ),
    spec(
        "6",
        "政府性基金预算支出功能分类预算表",
        TableKind::Functional,
        FundScope::GovFund,
        false,
    ),
    spec(
        "5",
        "一般公共预算支出功能分类预算表",
        TableKind::Functional,
        FundScope::GeneralBudget,
        false,
    ),
    spec(
        "9",
        "“三公”经费和机关运行经费预算表",
        TableKind::Sangong,
        FundScope::Fiscal,
        false,
    ),
    spec(
        "4",
        "财政拨款收支预算总表",
        TableKind::Summary,
        FundScope::Fiscal,
        true,
    ),
    spec(
        "1",
        "财务收支预算总表",
        TableKind::Summary,
        FundScope::All,
        true,
    ),
    spec(
        "2",
        "收入预算总表",
        TableKind::Functional,
        FundScope::All,
        false,
    ),
    spec(
        "3",
        "支出预算总表",
        TableKind::Functional,
        FundScope::All,
        false,
    ),
];

const fn spec(
    id: &'static str,
    suffix: &'static str,
    kind: TableKind,
    scope: FundScope,
    two_sided: bool,
) -> Spec {
    Spec {
        id,
        suffix,
        kind,
        scope,
        two_sided,
    }
}

/// The table a line is the title of: the template's words at its end, preceded only by a year
/// and 部门 / 单位 / 预算单位 (a table of contents line starts with its number instead).
pub fn title_of(squeezed: &str) -> Option<&'static Spec> {
    let s = squeezed.replace('"', "“");
    let spec = SPECS.iter().find(|sp| s.ends_with(sp.suffix))?;
    let head = &s[..s.len() - spec.suffix.len()];
    let head = head.trim_start_matches(|c: char| c.is_ascii_digit());
    let head = head.strip_prefix('年').unwrap_or(head);
    matches!(head, "" | "部门" | "单位" | "预算单位").then_some(spec)
}

/// What one table's lines gave.
pub struct Read {
    pub table: Table,
    pub unread: Vec<Unread>,
    pub notes: Vec<String>,
    /// How many of the region's lines belong to the table (the rest is narrative).
    pub used: usize,
    pub last_page: u32,
}

/// Reads the table whose title is `lines[0]`; `lines` runs to the next title or the end.
/// `expected` is what the other tables (or the narrative) say the total row of a text that
/// leaves empty cells out holds (see `hints`).
pub fn read(
    spec: &Spec,
    lines: &[At],
    unit_default: &str,
    expected: Option<&resolve::Expected>,
) -> Read {
    let title = lines[0].line.text().trim().to_string();
    let mut unit = unit_default.to_string();
    let mut unread = Vec::new();
    let mut notes = Vec::new();
    let mut i = 1;
    // The 编制部门 / 单位 line.
    while i < lines.len() && i < 4 {
        let s = &lines[i].squeezed;
        if s.starts_with("编制部门")
            || s.starts_with("编制单位")
            || s.contains("单位：")
            || s.contains("单位:")
        {
            if let Some(u) = s.rsplit(['：', ':']).next() {
                if u == "元" || u == "万元" {
                    unit = u.to_string();
                }
            }
            i += 1;
            break;
        }
        i += 1;
    }
    // Header lines: up to the first line that holds a code, an amount or a row of a summary.
    let header_start = i;
    let positioned = lines[0].positioned;
    while i < lines.len() && !is_body(spec, &lines[i]) {
        i += 1;
    }
    let header: Vec<Vec<Token>> = lines[header_start..i]
        .iter()
        .map(|a| tokens(a.line))
        .collect();
    let (labels, unknown) = columns::labels(&header, positioned);
    for word in unknown {
        notes.push(format!(
            "表 {0}: 表头文字“{word}”未识别 (table {0}: header word “{word}” not recognised)",
            spec.id
        ));
    }
    let body_start = i;
    let mut body = Body::default();
    let mut note: Option<String> = None;
    let mut last_page = lines[0].page;
    let split = if spec.two_sided {
        split_x(&labels)
    } else {
        None
    };
    let sides: Vec<(Option<&str>, Vec<Placed>)> = if spec.two_sided {
        let s = split.unwrap_or(f32::MAX);
        let right_name = "支出";
        if positioned {
            vec![
                (
                    Some("收入"),
                    columns::columns(&labels, (f32::MIN, s), positioned),
                ),
                (
                    Some(right_name),
                    columns::columns(&labels, (s, f32::MAX), positioned),
                ),
            ]
        } else {
            // A text's header cells are not where its columns are: the 收入 side has one column
            // (its first 预算数) and the 收入 words above it (财政拨款收入), the 支出 side the rest.
            let first = labels.iter().position(|l| l.text == "预算数");
            let left_side = |i: usize, l: &columns::Label| {
                Some(i) == first || (Some(i) < first && l.text.ends_with("收入"))
            };
            let (left, right): (Vec<columns::Label>, Vec<columns::Label>) = (
                labels
                    .iter()
                    .enumerate()
                    .filter(|(i, l)| left_side(*i, l))
                    .map(|(_, l)| l.clone())
                    .collect(),
                labels
                    .iter()
                    .enumerate()
                    .filter(|(i, l)| !left_side(*i, l))
                    .map(|(_, l)| l.clone())
                    .collect(),
            );
            let all = (f32::MIN, f32::MAX);
            vec![
                (Some("收入"), columns::columns(&left, all, positioned)),
                (Some(right_name), columns::columns(&right, all, positioned)),
            ]
        }
    } else {
        vec![(
            None,
            columns::columns(&labels, (f32::MIN, f32::MAX), positioned),
        )]
    };
    // A text's header words are not above its cells: its x says nothing about where names end.
    let name_edge = labels
        .iter()
        .filter(|l| positioned && (l.text.contains("名称") || l.text == "项目"))
        .map(|l| l.x1)
        .fold(f32::MIN, f32::max);
    let mut ended = false;
    let mut rows_on_page = (0u32, false);
    while i < lines.len() {
        let at = &lines[i];
        let s = &at.squeezed;
        if ended {
            // After the total: notes belong to the table, anything else is narrative again.
            if s.starts_with("注") || note.as_ref().is_some_and(|n| !n.ends_with('。')) {
                note.get_or_insert_with(String::new).push_str(s);
                last_page = at.page;
                i += 1;
                continue;
            }
            break;
        }
        if s.starts_with("注") {
            note.get_or_insert_with(String::new).push_str(s);
            last_page = at.page;
            i += 1;
            ended = true;
            continue;
        }
        if at.page != rows_on_page.0 {
            rows_on_page = (at.page, false);
        }
        // A header repeated at the top of a continuation page, or the 无 an empty table prints.
        if (!rows_on_page.1 && s != "合计" && is_repeated_header(at)) || s == "无" {
            i += 1;
            continue;
        }
        rows_on_page.1 = true;
        last_page = at.page;
        let toks = tokens(at.line);
        if spec.two_sided {
            let s = split.unwrap_or(f32::MAX);
            let (left, right): (Vec<Token>, Vec<Token>) = if positioned {
                toks.into_iter().partition(|t| t.x0 < s - 1.0)
            } else {
                sides_by_order(toks)
            };
            let line_no = body.line_count + 1;
            let mut new_line = false;
            for (side, part) in [(0usize, left), (1, right)] {
                if part.is_empty() {
                    continue;
                }
                match summary_row(&part, &sides[side].1, line_no, positioned) {
                    Ok((row, None)) if row.name.is_none() || is_continuation(&row) => {
                        // A piece of a wrapped item: its amounts, or the rest of its name.
                        body.side_pieces[side].push((at.page, at.line.y, row, at.line.text()));
                    }
                    Ok((row, pending)) => {
                        if row.role == RowRole::Total {
                            ended = true;
                        }
                        new_line = true;
                        if let Some(amounts) = pending {
                            body.side_pending[side].push((
                                body.side_rows[side].len(),
                                amounts,
                                at.page,
                                at.line.text(),
                            ));
                        }
                        body.side_rows[side].push((at.page, at.line.y, row))
                    }
                    Err(why) => unread.push(Unread {
                        page: at.page,
                        text: at.line.text(),
                        why,
                    }),
                }
            }
            if new_line {
                body.line_count += 1;
            }
        } else {
            let prev = body.rows.last().and_then(|r| r.2.code.clone());
            match coded_row(
                spec,
                &toks,
                &sides[0].1,
                name_edge,
                prev.as_deref(),
                &mut notes,
                positioned,
            ) {
                Parsed::Row(row) => {
                    if row.role == RowRole::Total {
                        ended = true;
                    }
                    body.rows.push((at.page, at.line.y, row));
                }
                Parsed::Pending(row, amounts) => {
                    if row.role == RowRole::Total {
                        ended = true;
                    }
                    body.pending
                        .push((body.rows.len(), amounts, at.page, at.line.text()));
                    body.rows.push((at.page, at.line.y, row));
                }
                Parsed::Fragment(text) => {
                    body.fragments
                        .push((at.page, at.line.y, text, at.line.text()))
                }
                Parsed::Bad(why) => unread.push(Unread {
                    page: at.page,
                    text: at.line.text(),
                    why,
                }),
            }
        }
        i += 1;
    }
    let used = i;
    let _ = body_start;
    attach_fragments(&mut body, &mut unread);
    for side in 0..2 {
        attach_pieces(&mut body, side, &mut unread);
    }
    let resolved = |rows: &mut Vec<(u32, f32, Row)>,
                    pending: Vec<PendingLine>,
                    columns: &[Placed],
                    expected: Option<&resolve::Expected>,
                    unread: &mut Vec<Unread>,
                    notes: &mut Vec<String>|
     -> usize {
        if pending.is_empty() {
            return 0;
        }
        let cols: Vec<Column> = columns.iter().map(|p| p.column.clone()).collect();
        let mut plain: Vec<Row> = rows.iter().map(|r| r.2.clone()).collect();
        let asked: Vec<resolve::Pending> = pending
            .iter()
            .map(|(row, amounts, ..)| resolve::Pending {
                row: *row,
                amounts: amounts.clone(),
            })
            .collect();
        let (left, used) = resolve::resolve(&mut plain, &cols, asked, expected);
        if let Some(e) = expected.filter(|_| used) {
            notes.push(format!(
                "表 {}: 合计行的金额按{}定列 (the total row's amounts placed by {})",
                spec.id, e.from.0, e.from.1
            ));
        }
        let left_rows: Vec<usize> = left.iter().map(|p| p.row).collect();
        for (k, r) in plain.into_iter().enumerate() {
            rows[k].2 = r;
        }
        // An undecided row keeps what every placement agrees on (its total), so that the rows
        // under it keep their parent; the line is reported for the rest.
        for (row, amounts, page, text) in pending.iter().filter(|p| left_rows.contains(&p.0)) {
            let kept = rows[*row].2.cells.len();
            unread.push(Unread {
                page: *page,
                text: text.clone(),
                why: format!(
                    "{} 个金额对 {} 列：文本未印空格子，上下级之和也定不出各属哪列；只读了各种排法都相同的 {kept} 个 ({} amounts for {} columns: the text leaves empty cells out and the printed sums do not decide; only the {kept} every placement agrees on are read)",
                    amounts.len(),
                    columns.len(),
                    amounts.len(),
                    columns.len()
                ),
            });
        }
        pending.len() - left_rows.len()
    };
    let mut placed_by_sums = resolved(
        &mut body.rows,
        std::mem::take(&mut body.pending),
        &sides[0].1,
        expected,
        &mut unread,
        &mut notes,
    );
    if spec.two_sided {
        // A fiscal summary's spending by fund totals its own income lines (一般公共预算 …).
        let own = super::hints::funds_of_income(&body.side_rows[0], &sides[1].1);
        let expected = expected.or(own.as_ref());
        for (side, (_, columns)) in sides.iter().enumerate() {
            let pending = std::mem::take(&mut body.side_pending[side]);
            let expected = expected.filter(|_| side == 1);
            placed_by_sums += resolved(
                &mut body.side_rows[side],
                pending,
                columns,
                expected,
                &mut unread,
                &mut notes,
            );
        }
    }
    if placed_by_sums > 0 {
        notes.push(format!(
            "表 {0}: {placed_by_sums} 行文本未印空格子，按上下级之和定出各金额所属的列 (table {0}: {placed_by_sums} lines of a text that leaves empty cells out placed by the printed sums)",
            spec.id
        ));
    }
    let mut table = Table {
        id: spec.id.to_string(),
        title,
        kind: spec.kind,
        scope: spec.scope,
        unit: Some(unit),
        group_header: None,
        code_header: None,
        name_header: None,
        columns: Vec::new(),
        rows: Vec::new(),
        sections: Vec::new(),
        note,
        performance: None,
    };
    if spec.two_sided {
        for (k, (name, placed)) in sides.into_iter().enumerate() {
            table.sections.push(TableSection {
                name: name.map(str::to_string),
                item_header: Some("项目".into()),
                columns: placed.into_iter().map(|p| p.column).collect(),
                rows: std::mem::take(&mut body.side_rows[k])
                    .into_iter()
                    .map(|(_, _, r)| r)
                    .collect(),
            });
        }
    } else {
        table.columns = sides
            .into_iter()
            .next()
            .map(|(_, p)| p.into_iter().map(|p| p.column).collect())
            .unwrap_or_default();
        table.rows = body.rows.into_iter().map(|(_, _, r)| r).collect();
        if matches!(spec.kind, TableKind::Functional | TableKind::Economic) {
            table.code_header = labels
                .iter()
                .find(|l| l.text.contains("编码"))
                .map(|l| l.printed.clone());
            table.name_header = labels
                .iter()
                .find(|l| l.text.contains("名称"))
                .map(|l| l.printed.clone());
            table.group_header = labels
                .iter()
                .find(|l| l.text == "项目")
                .map(|l| l.printed.clone());
        }
    }
    Read {
        table,
        unread,
        notes,
        used,
        last_page,
    }
}

type PendingLine = (usize, Vec<Amount>, u32, String);

#[derive(Default)]
struct Body {
    rows: Vec<(u32, f32, Row)>,
    fragments: Vec<(u32, f32, String, String)>,
    side_rows: [Vec<(u32, f32, Row)>; 2],
    side_pieces: [Vec<(u32, f32, Row, String)>; 2],
    /// Rows of a text whose amounts' columns the sums must decide: (row, amounts, page, line).
    pending: Vec<PendingLine>,
    side_pending: [Vec<PendingLine>; 2],
    line_count: u32,
}

fn is_body(spec: &Spec, at: &At) -> bool {
    let toks = tokens(at.line);
    let words: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
    if spec.two_sided {
        return at.squeezed.starts_with("一、") || at.squeezed.contains("总计");
    }
    if at.squeezed == "无" {
        return true;
    }
    let words_only: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| amount(w).is_none())
        .collect();
    words_only == ["合计"]
        || leading_code(&words).is_some()
        || (spec.kind == TableKind::Sangong && !toks.is_empty() && words_only.is_empty())
}

/// A column header repeated at the top of a page the table continues on.
fn is_repeated_header(at: &At) -> bool {
    let toks = tokens(at.line);
    if !toks.is_empty() && toks.iter().all(|t| columns::is_header_word(&t.text)) {
        return true;
    }
    let n = columns::norm(&at.squeezed);
    n.starts_with("功能分类科目")
        || n.starts_with("部门预算经济分类科目")
        || n.starts_with("部门经济分类科目")
        || n.starts_with("经济分类科目")
        || n.starts_with("编码")
        || matches!(n.as_str(), "类款项" | "类款" | "项目")
        || n.starts_with("项目一般公共预算")
        || n.starts_with("项目收入预算")
        || n.starts_with("项目支出预算")
        || n.starts_with("项目政府性基金")
        || n.starts_with("项目国有资本经营")
}

/// Where the right-hand side (支出) of a two-sided table begins: its own 项目 header.
fn split_x(labels: &[columns::Label]) -> Option<f32> {
    let mut items: Vec<&columns::Label> = labels.iter().filter(|l| l.text == "项目").collect();
    items.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let right = items.get(1)?;
    // The side's names start left of its centred header word.
    let left = items[0];
    Some(right.x0 - (right.x0 - left.x1) * 0.35)
}

enum Parsed {
    Row(Row),
    /// A row whose amounts are known but not their columns (a text that leaves empty cells out).
    Pending(Row, Vec<Amount>),
    /// Text alone on a line: a piece of a wrapped name.
    Fragment(String),
    Bad(String),
}

/// Splits off the amounts at the end of a line (at most one per column).
fn split_amounts(toks: &[Token], max: usize, name_edge: f32) -> (&[Token], Vec<&Token>) {
    let mut n = 0;
    for t in toks.iter().rev() {
        if n == max || amount(&t.text).is_none() || t.x1 <= name_edge {
            break;
        }
        n += 1;
    }
    let (label, amounts) = toks.split_at(toks.len() - n);
    (label, amounts.iter().collect())
}

fn place(
    amounts: &[&Token],
    placed: &[Placed],
    row: &mut Row,
    positioned: bool,
) -> Result<Option<Vec<Amount>>, String> {
    if amounts.is_empty() {
        return Ok(None);
    }
    if placed.is_empty() {
        return Err("表头中找不到金额列 (no amount column found in the header)".into());
    }
    // A text gives no positions: its amounts fill the columns in order, and only when there are
    // as many as columns (a text that leaves empty cells out cannot say which are empty).
    let by_order = !positioned;
    if by_order && amounts.len() < placed.len() {
        // Which columns are empty is for the printed sums to say (`resolve`).
        return amounts
            .iter()
            .map(|t| amount(&t.text).ok_or_else(|| format!("“{}” is not an amount", t.text)))
            .collect::<Result<Vec<_>, _>>()
            .map(Some);
    }
    if by_order && amounts.len() != placed.len() {
        return Err(format!(
            "{} 个金额对 {} 列：文本未印空格子，无法确定各属哪列 ({} amounts for {} columns: the text leaves empty cells out)",
            amounts.len(),
            placed.len(),
            amounts.len(),
            placed.len()
        ));
    }
    for (k, t) in amounts.iter().enumerate() {
        let col = if by_order {
            Some(k)
        } else {
            columns::column_for(placed, t.x1, 2.0)
        };
        let Some(col) = col else {
            return Err(format!(
                "金额 {0} 不在任何列下 (amount {0} under no column)",
                t.text
            ));
        };
        let key = &placed[col].column.key;
        if row.cells.get(key).is_some() {
            return Err(format!(
                "两个金额落在同一列“{0}” (two amounts under one column, “{0}”)",
                placed[col].column.header
            ));
        }
        let a = amount(&t.text).ok_or_else(|| format!("“{}” is not an amount", t.text))?;
        row.cells.insert(key.to_string(), a);
    }
    Ok(None)
}

fn join_words(words: &[&str]) -> String {
    let mut s = String::new();
    for w in words {
        let ascii_edge = s
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            && w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if !s.is_empty() && ascii_edge {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

/// The digit groups a row starts with: each word of digits, or the digits a word starts with
/// (the 项 glued to its name), and what follows the last one.
fn digit_groups<'w>(words: &[&'w str]) -> (Vec<&'w str>, usize, &'w str) {
    let mut groups = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let n = w.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || groups.len() == 3 {
            return (groups, i, "");
        }
        groups.push(&w[..n]);
        if n < w.len() {
            return (groups, i + 1, &w[n..]);
        }
    }
    (groups, words.len(), "")
}

/// The row's code, as `leading_code` reads it, and two misprints of the source read with a note
/// rather than lost: a 款 or 项 printed without its leading zero (`301 2 津贴补贴`, a spreadsheet
/// number format) and a 类 cell printed wrong (`7 11 02` under `210 11`), read from the row above.
#[allow(clippy::type_complexity)]
fn read_code(
    words: &[&str],
    prev_code: Option<&str>,
) -> Option<(String, String, usize, String, Option<String>)> {
    let (groups, used, rest) = digit_groups(words);
    let first = *groups.first()?;
    if groups.iter().skip(1).all(|g| g.len() == 2) {
        if let Some((code, printed, used, rest)) = leading_code(words) {
            return Some((code, printed, used, rest, None));
        }
    }
    let printed = groups.join(" ");
    let padded: Vec<String> = groups
        .iter()
        .skip(1)
        .map(|g| {
            if g.len() == 1 {
                format!("0{g}")
            } else {
                g.to_string()
            }
        })
        .collect();
    if padded.iter().any(|g| g.len() != 2) {
        return None;
    }
    let (class, note) = match first.len() {
        3 | 5 if groups.iter().skip(1).any(|g| g.len() == 1) => (
            first.to_string(),
            format!("编码“{printed}”的款/项少了前导零，读作 {first}{0} (code “{printed}” read as {first}{0}: a subclass or item printed without its leading zero)", padded.concat()),
        ),
        1 | 2 if !padded.is_empty() => {
            let prev = prev_code?;
            if prev.len() < 5 || prev[3..5] != *padded[0] {
                return None;
            }
            let class = &prev[..3];
            (
                class.to_string(),
                format!("编码“{printed}”的类印错，按上一行 {prev} 读作 {class}{0} (code “{printed}” read as {class}{0}: a misprinted class, read from the row above, {prev})", padded.concat()),
            )
        }
        _ => return None,
    };
    let code = format!("{class}{}", padded.concat());
    if code.len() > 7 {
        return None;
    }
    Some((code, printed, used, rest.to_string(), Some(note)))
}

/// A note of a table: "表 3: 中文 (table 3: English)" when the note is in both languages.
fn in_table(id: &str, note: &str) -> String {
    match crate::core::lang::split_bilingual(note) {
        Some((zh, en)) => format!("表 {id}: {zh} (table {id}: {en})"),
        None => format!("表 {id}: {note}"),
    }
}

fn coded_row(
    spec: &Spec,
    toks: &[Token],
    placed: &[Placed],
    name_edge: f32,
    prev_code: Option<&str>,
    notes: &mut Vec<String>,
    positioned: bool,
) -> Parsed {
    let (label, amounts) = split_amounts(toks, placed.len(), name_edge);
    let words: Vec<&str> = label.iter().map(|t| t.text.as_str()).collect();
    let mut row = Row::default();
    if let Some((code, printed, used, rest, note)) = read_code(&words, prev_code) {
        if let Some(n) = note {
            notes.push(in_table(spec.id, &n));
        }
        let mut name_words: Vec<&str> = Vec::new();
        if !rest.is_empty() {
            name_words.push(&rest);
        }
        name_words.extend(&words[used..]);
        let name = join_words(&name_words);
        let ok = match spec.kind {
            TableKind::Economic => matches!(code.len(), 3 | 5),
            _ => matches!(code.len(), 3 | 5 | 7),
        };
        if !ok {
            return Parsed::Bad(format!(
                "编码 {printed} 不是本表的科目编码 (code {printed}: not a code of this table)"
            ));
        }
        if printed != code {
            row.printed_code = Some(printed.into());
        }
        row.code = Some(code.into());
        row.name = (!name.is_empty()).then(|| name.into());
    } else if words.is_empty() {
        if spec.kind == TableKind::Sangong && !amounts.is_empty() {
            row.role = RowRole::Total;
        } else {
            return Parsed::Bad("没有编码和名称的金额 (amounts with no code or name)".into());
        }
    } else {
        let name = join_words(&words);
        if name == "合计" {
            row.role = RowRole::Total;
            row.name = Some(name.into());
        } else if amounts.is_empty() {
            return Parsed::Fragment(name);
        } else {
            return Parsed::Bad(format!(
                "“{name}”既无编码也非合计 (“{name}”: a row with amounts but no code)"
            ));
        }
    }
    match place(&amounts, placed, &mut row, positioned) {
        Err(why) => Parsed::Bad(why),
        Ok(Some(pending)) => Parsed::Pending(row, pending),
        Ok(None) => Parsed::Row(row),
    }
}

fn summary_row(
    toks: &[Token],
    placed: &[Placed],
    line: u32,
    positioned: bool,
) -> Result<(Row, Option<Vec<Amount>>), String> {
    let (label, amounts) = split_amounts(toks, placed.len(), f32::MIN);
    let words: Vec<&str> = label.iter().map(|t| t.text.as_str()).collect();
    let name = join_words(&words);
    let role = if name.ends_with("总计") || name == "合计" {
        RowRole::Total
    } else {
        RowRole::Item
    };
    let mut row = Row {
        role,
        code: None,
        printed_code: None,
        name: Some(name.into()),
        cells: Default::default(),
        line: Some(line),
    };
    if row.name.as_deref() == Some("") {
        row.name = None;
    }
    let pending = place(&amounts, placed, &mut row, positioned)?;
    Ok((row, pending))
}

/// Joins each piece of a wrapped name to the row it is nearest to on its page, before or after
/// the row's own words as it stands above or below them.
fn attach_fragments(body: &mut Body, unread: &mut Vec<Unread>) {
    let gaps: Vec<f32> = body
        .rows
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| (w[1].1 - w[0].1).abs())
        .filter(|g| *g > 0.0)
        .collect();
    let mut sorted = gaps.clone();
    sorted.sort_by(f32::total_cmp);
    let typical = sorted.get(sorted.len() / 2).copied().unwrap_or(20.0);
    let mut before: Vec<Vec<String>> = vec![Vec::new(); body.rows.len()];
    let mut after: Vec<Vec<String>> = vec![Vec::new(); body.rows.len()];
    for (page, y, text, raw) in body.fragments.drain(..) {
        let nearest = body
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.0 == page && r.2.role != RowRole::Total)
            .min_by(|a, b| (a.1 .1 - y).abs().total_cmp(&(b.1 .1 - y).abs()));
        match nearest {
            Some((k, r)) if (r.1 - y).abs() <= typical * 1.2 => {
                if y < r.1 {
                    before[k].push(text);
                } else {
                    after[k].push(text);
                }
            }
            _ => unread.push(Unread {
                page,
                text: raw,
                why: "表中一行文字不属于任何一行 (text in a table belonging to no row)".into(),
            }),
        }
    }
    for (k, (_, _, row)) in body.rows.iter_mut().enumerate() {
        if before[k].is_empty() && after[k].is_empty() {
            continue;
        }
        let mut name = before[k].concat();
        name.push_str(row.name.as_deref().unwrap_or(""));
        name.push_str(&after[k].concat());
        row.name = Some(name.into());
    }
}

/// The column list of a table as read, for reports.
pub fn figures(table: &Table) -> usize {
    table
        .sections()
        .iter()
        .flat_map(|s| s.rows.iter())
        .map(|r| r.cells.len())
        .sum()
}

#[allow(dead_code)]
fn keys(cols: &[Column]) -> Vec<&str> {
    cols.iter().map(|c| c.key.as_str()).collect()
}

/// A name on a summary line that continues the item above it: not numbered (一、 1. 1、) and
/// not a total.
fn is_continuation(row: &Row) -> bool {
    let Some(name) = row.name.as_deref() else {
        return false;
    };
    let numbered = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    !numbered && row.role != RowRole::Total && row.cells.is_empty()
}

/// The pieces of wrapped items of one side of a summary: amounts printed on a line of their own
/// go to the nearest item without amounts, the rest of a name to the item above it.
fn attach_pieces(body: &mut Body, side: usize, unread: &mut Vec<Unread>) {
    let pieces = std::mem::take(&mut body.side_pieces[side]);
    let rows = &mut body.side_rows[side];
    let mut ys: Vec<f32> = rows
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| (w[1].1 - w[0].1).abs())
        .collect();
    ys.sort_by(f32::total_cmp);
    let reach = ys.get(ys.len() / 2).copied().unwrap_or(20.0) * 1.5;
    for (page, y, piece, raw) in pieces {
        let target = if piece.name.is_none() {
            rows.iter_mut()
                .filter(|r| r.0 == page && r.2.cells.is_empty() && (r.1 - y).abs() <= reach)
                .min_by(|a, b| (a.1 - y).abs().total_cmp(&(b.1 - y).abs()))
        } else {
            rows.iter_mut()
                .filter(|r| r.0 == page && r.1 < y && y - r.1 <= reach)
                .max_by(|a, b| a.1.total_cmp(&b.1))
        };
        match target {
            Some((_, _, row)) => {
                if let Some(rest) = piece.name {
                    row.extend_name(&rest);
                } else {
                    for (k, a) in piece.cells.iter() {
                        row.cells.insert(k.to_string(), *a);
                    }
                }
            }
            None => unread.push(Unread {
                page,
                text: raw,
                why: "汇总表中的金额或文字找不到所属的项目 (a piece of a summary line belonging to no item)".into(),
            }),
        }
    }
}

/// A summary line of a text: its items in order, each a name and the amounts after it; with two
/// items the first is 收入 and the second 支出, with one the name says which (支出 lines end so).
fn sides_by_order(toks: Vec<Token>) -> (Vec<Token>, Vec<Token>) {
    // An item starts at a word after an amount or in a new cell ("1. 一般公共预算资金" is one).
    let starts: Vec<usize> = (0..toks.len())
        .filter(|&i| {
            amount(&toks[i].text).is_none()
                && (i == 0 || amount(&toks[i - 1].text).is_some() || toks[i - 1].x0 != toks[i].x0)
        })
        .collect();
    let split = match starts.as_slice() {
        [] => 0,
        [_] => {
            let name = &toks[toks.len()
                - 1
                - toks
                    .iter()
                    .rev()
                    .position(|t| amount(&t.text).is_none())
                    .unwrap_or(0)]
            .text;
            if name.ends_with("支出") || name.ends_with("支出总计") {
                0
            } else {
                toks.len()
            }
        }
        [_, second, ..] => *second,
    };
    let mut left = toks;
    let right = left.split_off(split);
    (left, right)
}
