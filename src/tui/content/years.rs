//! The text of the year columns: which columns the tree table has (the compared pair, or every
//! year, then 增减 and 增减%), each cell's text and colour, the header's words, and the detail
//! pane with the selected code's series across every loaded year drawn as bars.

use super::columns::{fit, label_width, Column};
use super::detail_title;
use crate::core::amount::Amount;
use crate::core::checks::Status;
use crate::core::compare::Percent;
use crate::core::lang::{fill, term, Term};
use crate::core::tree::TOTAL;
use crate::core::years::{display_change, display_in, Change, Years};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::text::{pad_left, truncate, width, wrap};
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

/// A column of the year table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearCol {
    /// A year, by its index among the year columns.
    Year(usize),
    Change,
    Percent,
}

/// Whether a year's figures are converted to be shown in the display unit.
fn converted(app: &App, years: &Years, column: usize) -> bool {
    years
        .columns
        .get(column)
        .is_some_and(|c| c.unit != app.years.unit)
}

/// The change of a node between the compared years as text: +177.04, 新增, 取消, —.
pub fn change_text(app: &App, years: &Years, node: usize) -> (String, Change) {
    let (from, to) = app.years.pair;
    let conv = converted(app, years, from) || converted(app, years, to);
    let none = Theme::new(&app.options).glyphs.none;
    let c = app.years.change(years, node);
    let text = match c {
        Change::Both(d, _) => display_change(d, conv),
        Change::New(_) => app.text(Msg::New).to_string(),
        Change::Dropped(_) => app.text(Msg::Dropped).to_string(),
        Change::Absent => none.to_string(),
    };
    (text, c)
}

fn percent_text(app: &App, c: Change) -> String {
    match c {
        Change::Both(_, p) => super::percent_text(app, p),
        Change::New(_) => app.text(Msg::New).to_string(),
        Change::Dropped(_) => app.text(Msg::Dropped).to_string(),
        Change::Absent => Theme::new(&app.options).glyphs.none.to_string(),
    }
}

/// A node's figure of a year in the display unit, or — where that year does not print the code.
pub fn year_text(app: &App, years: &Years, node: usize, column: usize) -> String {
    match years.amount(node, column, &app.years.unit) {
        Some(a) => display_in(a, converted(app, years, column)),
        None => Theme::new(&app.options).glyphs.none.to_string(),
    }
}

pub fn value(app: &App, years: &Years, node: usize, col: YearCol) -> (String, Style) {
    let theme = Theme::new(&app.options);
    match col {
        YearCol::Year(k) => (year_text(app, years, node, k), Style::new()),
        YearCol::Change => {
            let (text, c) = change_text(app, years, node);
            let style = match c {
                Change::Both(d, _) => theme.change_of(d.value()),
                Change::New(_) => theme.percent_style(Percent::New),
                Change::Dropped(_) => theme.change_of(-Decimal::ONE),
                Change::Absent => Style::new(),
            };
            (text, style)
        }
        YearCol::Percent => {
            let c = app.years.change(years, node);
            let style = match c {
                Change::Both(_, p) => theme.percent_style(p),
                Change::New(_) => theme.percent_style(Percent::New),
                Change::Dropped(_) => theme.change_of(-Decimal::ONE),
                Change::Absent => Style::new(),
            };
            (percent_text(app, c), style)
        }
    }
}

/// The year columns shown: the compared pair (earlier, later), or every year.
fn shown_years(app: &App, years: &Years) -> Vec<usize> {
    let (from, to) = app.years.pair;
    if app.years.all {
        (0..years.columns.len()).collect()
    } else {
        vec![from, to]
    }
}

/// The columns that fit in `total` cells, in display order, and the width left for the tree.
pub fn columns(app: &App, years: &Years, total: usize) -> (usize, Vec<Column<YearCol>>) {
    let (from, to) = app.years.pair;
    let n = years.columns.len();
    // Given room in this order: the later year, the earlier, the change, its percent, the rest.
    let mut order = vec![
        YearCol::Year(to),
        YearCol::Year(from),
        YearCol::Change,
        YearCol::Percent,
    ];
    for k in shown_years(app, years).into_iter().rev() {
        if !order.contains(&YearCol::Year(k)) {
            order.push(YearCol::Year(k));
        }
    }
    let nodes = years.nodes.len();
    let candidates = order
        .into_iter()
        .filter(|c| !matches!(c, YearCol::Year(k) if *k >= n))
        .map(|col| {
            let title = match col {
                YearCol::Year(k) => years.columns[k].year.to_string(),
                YearCol::Change => app.text(Msg::Change).to_string(),
                YearCol::Percent => app.text(Msg::ChangePercent).to_string(),
            };
            let cells = (0..nodes).map(|i| width(&value(app, years, i, col).0));
            Column::new(col, title, cells)
        })
        .collect();
    let widest = years
        .nodes
        .iter()
        .map(|node| label_width(node.level, &node.code, node.name()))
        .max()
        .unwrap_or(super::columns::TREE_MIN);
    let rank = move |c: &YearCol| match c {
        YearCol::Year(k) => *k,
        YearCol::Change => n,
        YearCol::Percent => n + 1,
    };
    fit(candidates, rank, widest, total)
}

/// "单位 万元", "unit 10k yuan": the word and the unit (or units) in the language.
fn unit_label(app: &App, unit: &str) -> String {
    fill(app.text(Msg::UnitIs), &[unit])
}

/// A unit in the interface's language.
fn unit_name<'a>(app: &App, unit: &'a str) -> &'a str {
    crate::core::lang::unit(app.options.lang, unit)
}

/// The header's words: "department  2024 对比 2025  单位 万元  3 年 2023–2025".
pub fn header_parts(app: &App, years: &Years) -> Vec<String> {
    let (from, to) = app.years.pair;
    let year = |k: usize| years.columns.get(k).map_or(0, |c| c.year);
    let sep = term(app.options.lang, Term::ListSep);
    let names: Vec<&str> = years
        .units()
        .into_iter()
        .map(|u| unit_name(app, u))
        .collect();
    let mut units = names.join(sep);
    if years.units().len() > 1 || years.units().first() != Some(&app.years.unit.as_str()) {
        units = format!("{} ← {units}", unit_name(app, &app.years.unit));
    }
    vec![
        format!(
            "{} {} {} {}",
            years.name,
            year(from),
            app.text(Msg::YearsVs),
            year(to)
        ),
        unit_label(app, &units),
        format!(
            "{} {}{}",
            app.text(Msg::YearsSources),
            years
                .columns
                .iter()
                .map(|c| c.year.to_string())
                .collect::<Vec<_>>()
                .join(sep),
            app.text(Msg::YearsOf)
        ),
    ]
}

/// The detail pane: the code, the compared change, its series across every year as bars with
/// the figures beside them, the names of each year, the cross-year checks, the documents.
pub fn detail_lines(app: &App, years: &Years, node: usize, width_: usize) -> Vec<Line<'static>> {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let Some(n) = years.nodes.get(node) else {
        return Vec::new();
    };
    let fit = |s: String| truncate(&s, width_, g.ellipsis);
    let mut out = Vec::new();
    let head = detail_title(app, node == TOTAL, &n.code, n.name(), n.level);
    out.push(Line::styled(fit(head), theme.total()));
    // 2024 1,660.32 → 2025 1,788.77  +128.45 (+7.74%)
    let (from, to) = app.years.pair;
    let year = |k: usize| years.columns.get(k).map_or(0, |c| c.year);
    let arrow = if app.options.ascii { "->" } else { "→" };
    let (change, c) = change_text(app, years, node);
    let (_, style) = value(app, years, node, YearCol::Change);
    out.push(Line::from(vec![
        Span::raw(fit(format!(
            "{} {} {arrow} {} {}",
            year(from),
            year_text(app, years, node, from),
            year(to),
            year_text(app, years, node, to)
        ))),
        Span::styled(format!("  {change} ({})", percent_text(app, c)), style),
    ]));
    // The series: one bar per year, scaled to the largest figure.
    out.push(Line::styled(
        fit(fill(
            app.text(Msg::Aside),
            &[
                app.text(Msg::YearsSeries),
                &unit_label(app, unit_name(app, &app.years.unit)),
            ],
        )),
        theme.heading(),
    ));
    let amounts: Vec<Option<Amount>> = (0..years.columns.len())
        .map(|k| years.amount(node, k, &app.years.unit))
        .collect();
    let texts: Vec<String> = (0..years.columns.len())
        .map(|k| match amounts[k] {
            Some(_) => year_text(app, years, node, k),
            None => format!("{} {}", g.none, app.text(Msg::YearsAbsent)),
        })
        .collect();
    let figure_w = texts.iter().map(|t| width(t)).max().unwrap_or(0);
    let bar_w = width_.saturating_sub(4 + 1 + 1 + figure_w + 2);
    let max = amounts
        .iter()
        .flatten()
        .map(|a| a.value())
        .max()
        .unwrap_or(Decimal::ZERO);
    for (k, col) in years.columns.iter().enumerate() {
        let cells = match amounts[k] {
            Some(a) if max > Decimal::ZERO && a.value() > Decimal::ZERO => {
                let share = (a.value() / max).min(Decimal::ONE);
                let cells: usize = (share * Decimal::from(bar_w as u64))
                    .round()
                    .try_into()
                    .unwrap_or(0);
                cells.clamp(1, bar_w.max(1)).min(bar_w)
            }
            _ => 0,
        };
        let mark = if k == from || k == to { "*" } else { " " };
        let bar = format!(
            "{}{}",
            g.bar.repeat(cells),
            " ".repeat(bar_w.saturating_sub(cells))
        );
        out.push(Line::from(vec![
            Span::raw(format!("{}{mark}", col.year)),
            Span::raw(" "),
            Span::styled(bar, theme.bar()),
            Span::raw(format!(" {}", pad_left(&texts[k], figure_w, g.ellipsis))),
        ]));
    }
    if n.renamed() {
        out.push(Line::styled(
            fit(app.text(Msg::YearsNames).to_string()),
            theme.heading(),
        ));
        for (k, name) in n.names.iter().enumerate() {
            if let (Some(name), Some(col)) = (name, years.columns.get(k)) {
                out.push(Line::raw(fit(format!("  {} {name}", col.year))));
            }
        }
    }
    let checks: Vec<_> = app
        .years
        .checks
        .iter()
        .filter(|x| {
            if node == TOTAL {
                x.codes.is_empty()
            } else {
                x.touches(&n.code)
            }
        })
        .collect();
    if !checks.is_empty() {
        out.push(Line::styled(
            fit(app.text(Msg::YearsChecks).to_string()),
            theme.heading(),
        ));
        let (colon, comma) = (app.text(Msg::Colon), app.text(Msg::Comma));
        for x in checks {
            let style = if x.status == Status::Fail {
                theme.warn()
            } else {
                Style::new()
            };
            let text = format!(
                "  [{}] {}{colon}{} {}{comma}{} {}{comma}{} {}",
                x.status.label(app.options.lang),
                x.title.text(app.options.lang),
                app.text(Msg::Printed),
                x.printed.display2(),
                app.text(Msg::Expected),
                x.expected.display(),
                app.text(Msg::Difference),
                x.difference.display(),
            );
            for l in wrap(&text, width_) {
                out.push(Line::styled(l, style));
            }
        }
    }
    out.push(Line::styled(
        fit(app.text(Msg::YearsSources).to_string()),
        theme.heading(),
    ));
    for col in &years.columns {
        let Some(doc) = app.years.documents.documents.get(col.document) else {
            continue;
        };
        let source = doc.source.as_deref().unwrap_or(&doc.title);
        out.push(Line::styled(
            fit(format!(
                "  {} {source} ({} {})",
                col.year,
                col.table.as_deref().unwrap_or("—"),
                unit_label(app, unit_name(app, &col.unit))
            )),
            theme.dim(),
        ));
    }
    out
}

/// 208 › 20801 › 2080101 name, in the years' tree.
pub fn breadcrumb_text(app: &App) -> String {
    let Some((_, years, state)) = app.shown_years() else {
        return String::new();
    };
    let mut out = format!(
        "{} {}",
        app.text(Msg::YearsSeries),
        app.text(app.view.name())
    );
    let path = crate::tui::tree_state::Hierarchy::path_to(years, state.selected);
    for (k, &i) in path.iter().enumerate() {
        let Some(n) = years.nodes.get(i) else {
            continue;
        };
        out.push_str(" › ");
        if i == TOTAL {
            out.push_str(n.name());
            continue;
        }
        out.push_str(&n.code);
        if k + 1 == path.len() {
            out.push(' ');
            out.push_str(n.name());
        }
    }
    out
}

/// The selected year row for the clipboard: code, name and every year's figure.
pub fn copy_text(app: &App, years: &Years, node: usize) -> String {
    let Some(n) = years.nodes.get(node) else {
        return String::new();
    };
    let mut fields = vec![n.code.clone(), n.name().to_string()];
    for k in 0..years.columns.len() {
        fields.push(year_text(app, years, node, k));
    }
    fields.push(change_text(app, years, node).0);
    fields.join("\t")
}
