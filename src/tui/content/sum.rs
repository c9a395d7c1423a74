//! The text of the sum over all departments of a year: its tree table's columns and cells
//! (2023 | 2024 | change | % | basic | project), the detail pane with the departments behind the
//! selected figure, and the breadcrumb.

use super::columns::{fit, label_width, Column};
use super::{comparison_line, detail_title, percent_text};
use crate::core::aggregate::AggNode;
use crate::core::amount::Amount;
use crate::core::tree::{Classification, TOTAL};
use crate::tui::aggregate::{AggView, PrevMark, TOP};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::text::{pad_left, pad_right, truncate, width};
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::Line;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Prev,
    Cur,
    Change,
    Percent,
    Basic,
    Project,
}

/// In the order they are given room.
const PRIORITY: [Col; 6] = [
    Col::Cur,
    Col::Prev,
    Col::Change,
    Col::Percent,
    Col::Basic,
    Col::Project,
];

fn mark(m: PrevMark) -> &'static str {
    match m {
        PrevMark::Own | PrevMark::None => " ",
        PrevMark::Printed => "#",
        PrevMark::Mixed => "~",
    }
}

pub fn value(app: &App, view: &AggView, node: usize, col: Col) -> (String, Style) {
    let theme = Theme::new(&app.options);
    let none = theme.glyphs.none.to_string();
    let Some(n) = view.node(node) else {
        return (String::new(), Style::new());
    };
    let plain = |s: String| (s, Style::new());
    match col {
        Col::Prev => match n.prev {
            Some(p) => plain(format!(
                "{}{}",
                p.display(),
                mark(view.marks.get(node).copied().unwrap_or(PrevMark::None))
            )),
            None => plain(format!("{none} ")),
        },
        Col::Cur => plain(n.total.display()),
        Col::Change => match view.change(node) {
            Some(d) => (d.display_signed(), theme.change_of(d.value())),
            None => plain(none),
        },
        Col::Percent => {
            let p = view.percent(node);
            (percent_text(app, p), theme.percent_style(p))
        }
        Col::Basic => plain(n.basic.display()),
        Col::Project => plain(n.project.display()),
    }
}

fn title(app: &App, c: Classification, col: Col) -> String {
    let year = app.doc().fiscal_year;
    match (col, c) {
        (Col::Prev, _) => format!("{} ", year - 1),
        (Col::Cur, _) => year.to_string(),
        (Col::Change, _) => app.text(Msg::Change).to_string(),
        (Col::Percent, _) => app.text(Msg::ChangePercent).to_string(),
        (Col::Basic, Classification::Functional) => app.text(Msg::Basic).to_string(),
        (Col::Project, Classification::Functional) => app.text(Msg::Project).to_string(),
        (Col::Basic, Classification::Economic) => app.text(Msg::Personnel).to_string(),
        (Col::Project, Classification::Economic) => app.text(Msg::Public).to_string(),
    }
}

/// The columns that fit in `total` cells, in display order, and the width left for the tree.
pub fn columns(
    app: &App,
    c: Classification,
    view: &AggView,
    total: usize,
) -> (usize, Vec<Column<Col>>) {
    // A few hundred codes at most, whatever the number of departments.
    let nodes = view.agg.nodes.len();
    let candidates = PRIORITY
        .into_iter()
        .map(|col| {
            let cells = (0..nodes).map(|n| width(&value(app, view, n, col).0));
            Column::new(col, title(app, c, col), cells)
        })
        .collect();
    let widest = view
        .agg
        .nodes
        .iter()
        .map(|n| label_width(n.level, &n.code, &n.name))
        .max()
        .unwrap_or(super::columns::TREE_MIN);
    fit(candidates, |col| *col as usize, widest, total)
}

/// The detail pane's lines for an aggregate node, and the line of the contributor cursor.
pub fn detail_lines(
    app: &App,
    c: Classification,
    node: usize,
    width_: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let year = app.doc().fiscal_year;
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let Some(view) = app.agg.view(year, c) else {
        return (Vec::new(), None);
    };
    let Some(n) = view.node(node) else {
        return (Vec::new(), None);
    };
    let fit = |s: String| truncate(&s, width_, g.ellipsis);
    let mut out = Vec::new();
    let head = detail_title(app, node == TOTAL, &n.code, &n.name, n.level);
    out.push(Line::styled(fit(head), theme.total()));
    let prev = n
        .prev
        .map(|p| {
            format!(
                "{}{}",
                p.display(),
                mark(view.marks.get(node).copied().unwrap_or(PrevMark::None))
            )
        })
        .unwrap_or_else(|| g.none.to_string());
    out.push(comparison_line(
        app,
        (prev, n.total.display()),
        view.change(node),
        view.percent(node),
    ));
    let (b, p) = match c {
        Classification::Functional => (Msg::Basic, Msg::Project),
        Classification::Economic => (Msg::Personnel, Msg::Public),
    };
    out.push(Line::raw(fit(format!(
        "{} {} {} {} {}",
        app.text(b),
        n.basic.display(),
        g.dot,
        app.text(p),
        n.project.display()
    ))));
    out.push(Line::styled(
        fit(format!(
            "{} {}/{} {}{} {}",
            year - 1,
            n.prev_departments,
            n.contributors.len(),
            app.text(Msg::Departments),
            app.text(Msg::Colon),
            match view.marks.get(node) {
                Some(PrevMark::Printed) => app.text(Msg::PrevPrinted),
                Some(PrevMark::Mixed) => app.text(Msg::PrevMixed),
                _ => app.text(Msg::PrevOwn),
            }
        )),
        theme.dim(),
    ));
    let cursor = contributors(app, n, width_, &mut out);
    (out, cursor)
}

/// The departments behind a figure, largest first (the top `TOP`), with their share; returns
/// the line of the contributor cursor when choosing.
fn contributors(
    app: &App,
    n: &AggNode,
    width_: usize,
    out: &mut Vec<Line<'static>>,
) -> Option<usize> {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let fit = |s: String| truncate(&s, width_, g.ellipsis);
    let choosing = app.overlay.contributor();
    let heading = match choosing {
        Some(_) => app.text(Msg::ChooseContributor).to_string(),
        None => format!(
            "{}{}{} {}{}{} {}",
            app.text(Msg::Contributors),
            app.text(Msg::Colon),
            app.text(Msg::ContributorsOf),
            n.contributors.len(),
            app.text(Msg::Comma),
            app.text(Msg::Top),
            TOP.min(n.contributors.len())
        ),
    };
    out.push(Line::styled(fit(heading), theme.heading()));
    let mut cursor = None;
    let amount_w = n
        .contributors
        .first()
        .map(|(_, a)| width(&a.display()))
        .unwrap_or(0);
    for (k, (d, amount)) in n.contributors.iter().take(TOP).enumerate() {
        let Some((code, name, _)) = app.library.label(*d) else {
            continue;
        };
        let share = share(*amount, n.total);
        let right = format!("{} {share}", pad_left(&amount.display(), amount_w, ""));
        let left_w = width_.saturating_sub(width(&right) + 1);
        let mut line = Line::raw(format!(
            "{} {right}",
            pad_right(&format!("  {code} {name}"), left_w, g.ellipsis)
        ));
        if choosing == Some(k) {
            line = line.patch_style(theme.selected());
            cursor = Some(out.len());
        }
        out.push(line);
    }
    cursor
}

/// A part of a whole as a whole percent, right-aligned in four cells.
fn share(part: Amount, whole: Amount) -> String {
    if whole.value() <= Decimal::ZERO {
        return String::new();
    }
    let pct: i64 = (part.value() / whole.value() * Decimal::ONE_HUNDRED)
        .round()
        .try_into()
        .unwrap_or(0);
    format!("{pct:>3}%")
}

/// 汇总 › 208 › 20805 › 2080505 name
pub fn breadcrumb_text(app: &App) -> String {
    let Some((_, view, state)) = app.shown_sum() else {
        return String::new();
    };
    let node = state.selected;
    let mut out = format!("{} {}", app.text(Msg::SumOf), app.text(app.view.name()));
    let mut path = vec![node];
    let mut at = node;
    while let Some(p) = view.node(at).and_then(|n| n.parent) {
        path.push(p);
        at = p;
        if path.len() > 8 {
            break;
        }
    }
    path.reverse();
    for (k, &i) in path.iter().enumerate() {
        let Some(n) = view.node(i) else { continue };
        out.push_str(" › ");
        if i == TOTAL {
            out.push_str(&n.name);
            continue;
        }
        out.push_str(&n.code);
        if k + 1 == path.len() {
            out.push(' ');
            out.push_str(&n.name);
        }
    }
    out
}
