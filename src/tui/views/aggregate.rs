//! The sum over all departments of a year: the tree with 2023 | 2024 | change | % | basic |
//! project, the detail pane with the departments behind the selected figure, the breadcrumb.

use super::detail::draw_detail_box;
use super::tree::{row_line, tree_prefix, TREE_MIN};
use crate::core::amount::{display_percent, Amount};
use crate::core::compare::Percent;
use crate::core::tree::{Classification, TOTAL};
use crate::tui::aggregate::{rows, selected, AggView, PrevMark, TOP};
use crate::tui::app::App;
use crate::tui::i18n::{level_name, Msg};
use crate::tui::text::{pad_left, pad_right, truncate, width};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
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

fn percent_text(app: &App, p: Percent) -> String {
    match p {
        Percent::Value(p) => display_percent(p),
        Percent::New => app.text(Msg::New).to_string(),
        Percent::None => Theme::new(&app.options).glyphs.none.to_string(),
    }
}

fn value(app: &App, view: &AggView, node: usize, col: Col) -> (String, Style) {
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
            let style = match p {
                Percent::Value(x) => theme.change_of(x),
                Percent::New => theme.change_of(Decimal::ONE),
                Percent::None => Style::new(),
            };
            (percent_text(app, p), style)
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

/// The columns that fit beside a tree of at least `TREE_MIN` cells, with their widths.
fn columns(app: &App, c: Classification, view: &AggView, total: usize) -> Vec<(Col, usize)> {
    let mut room = total.saturating_sub(TREE_MIN);
    let mut out = Vec::new();
    for col in PRIORITY {
        // A few hundred codes at most, whatever the number of departments.
        let w = (0..view.agg.nodes.len())
            .map(|n| width(&value(app, view, n, col).0))
            .max()
            .unwrap_or(0)
            .max(width(&title(app, c, col)));
        if w + 1 > room {
            break;
        }
        room -= w + 1;
        out.push((col, w));
    }
    out.sort_by_key(|(col, _)| *col as u8);
    out
}

pub fn render(app: &App, c: Classification, frame: &mut Frame, area: Rect) {
    let year = app.doc().fiscal_year;
    let (Some(view), Some(state)) = (app.agg.view(year, c), app.agg.state(year, c)) else {
        return;
    };
    if area.height == 0 || area.width == 0 {
        return;
    }
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let cols = columns(app, c, view, area.width as usize);
    let used: usize = cols.iter().map(|(_, w)| w + 1).sum();
    // Amounts stay next to the names on a wide screen.
    let widest = view
        .agg
        .nodes
        .iter()
        .map(|n| (n.level as usize).saturating_sub(1) * 2 + 3 + width(&n.code) + width(&n.name))
        .max()
        .unwrap_or(TREE_MIN);
    let tree_w = (area.width as usize)
        .saturating_sub(used)
        .min(widest.max(TREE_MIN));
    let mut header = vec![Span::raw(pad_right(
        app.text(Msg::CodeName),
        tree_w,
        g.ellipsis,
    ))];
    for (col, w) in &cols {
        header.push(Span::raw(format!(
            " {}",
            pad_left(&title(app, c, *col), *w, g.ellipsis)
        )));
    }
    let mut lines = vec![Line::from(header).style(theme.heading())];
    let height = (area.height as usize).saturating_sub(1);
    for row in rows(app, c).iter().skip(state.offset).take(height) {
        let label = view
            .node(row.node)
            .map(|n| {
                if n.code.is_empty() {
                    n.name.clone()
                } else {
                    format!("{} {}", n.code, n.name)
                }
            })
            .unwrap_or_default();
        let amounts = cols
            .iter()
            .map(|(col, w)| (value(app, view, row.node, *col), *w));
        let cell = (format!("{}{label}", tree_prefix(app, row)), tree_w);
        lines.push(row_line(&theme, row, state.selected, cell, amounts));
    }
    frame.render_widget(Paragraph::new(lines), area);
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
    let head = if node == TOTAL {
        n.name.clone()
    } else {
        format!(
            "{} {} ({})",
            n.code,
            n.name,
            level_name(app.options.lang, n.level)
        )
    };
    out.push(Line::styled(fit(head), theme.total()));
    let arrow = if app.options.ascii { "->" } else { "→" };
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
    let mut spans = vec![Span::raw(format!(
        "{} {prev} {arrow} {year} {}",
        year - 1,
        n.total.display()
    ))];
    if let Some(d) = view.change(node) {
        spans.push(Span::styled(
            format!(
                "  {} ({})",
                d.display_signed(),
                percent_text(app, view.percent(node))
            ),
            theme.change_of(d.value()),
        ));
    }
    out.push(Line::from(spans));
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
    let choosing = app.agg.contributor;
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
        let Some(doc) = app.collection.documents.get(*d) else {
            continue;
        };
        let share = share(*amount, n.total);
        let right = format!("{} {share}", pad_left(&amount.display(), amount_w, ""));
        let left_w = width_.saturating_sub(width(&right) + 1);
        let mut line = Line::raw(format!(
            "{} {right}",
            pad_right(
                &format!("  {} {}", doc.department.code, doc.department.name),
                left_w,
                g.ellipsis
            )
        ));
        if choosing == Some(k) {
            line = line.patch_style(theme.selected());
            cursor = Some(out.len());
        }
        out.push(line);
    }
    (out, cursor)
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

pub fn render_detail(app: &App, frame: &mut Frame, area: Rect) {
    let Some((c, node)) = selected(app) else {
        return;
    };
    let inner = draw_detail_box(app, frame, area);
    let (all, cursor) = detail_lines(app, c, node, inner.width as usize);
    let h = inner.height as usize;
    let max = all.len().saturating_sub(h);
    let skip = match cursor {
        // Keep the chosen contributor in view.
        Some(at) if at >= h => (at + 1 - h).min(max),
        Some(_) => 0,
        None => app.detail_scroll.min(max),
    };
    let shown: Vec<Line> = all.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// 汇总 › 208 › 20805 › 2080505 name
pub fn breadcrumb_text(app: &App) -> String {
    let Some((c, node)) = selected(app) else {
        return String::new();
    };
    let year = app.doc().fiscal_year;
    let Some(view) = app.agg.view(year, c) else {
        return String::new();
    };
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
