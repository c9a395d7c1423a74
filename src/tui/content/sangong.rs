//! 三公经费: 表四's current year against the prior year, item by item, with the change,
//! followed by the narrative's own account of it.

use super::grid::title;
use super::percent_text;
use crate::core::compare::Percent;
use crate::core::document::{Column, RowRole};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::text::{pad_left, pad_right, wrap};
use crate::tui::theme::Theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// A column's item name: 小计 stands for its group (公务用车购置及运行费).
fn item_label(col: &Column) -> (String, usize) {
    let group_tail = col
        .group
        .as_deref()
        .and_then(|g| g.rsplit(" / ").next().filter(|_| g.contains(" / ")));
    match (col.header.as_str(), group_tail) {
        ("小计", Some(g)) => (g.to_string(), 0),
        (_, Some(_)) => (col.header.to_string(), 2),
        _ => (col.header.to_string(), 0),
    }
}

pub fn lines(app: &App, width_: usize) -> Vec<Line<'static>> {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let Some(table) = app
        .doc()
        .tables_of(crate::core::document::TableKind::Sangong)
        .next()
    else {
        return vec![Line::raw(app.text(Msg::NoTable))];
    };
    let year = app.doc().fiscal_year;
    let mut out = title(app, table, width_);
    let sections = table.sections();
    let Some(sec) = sections.first() else {
        return out;
    };
    let row = sec
        .rows
        .iter()
        .find(|r| r.role == RowRole::Total)
        .or_else(|| sec.rows.first());
    let amount = |c: Option<&Column>| row.zip(c).and_then(|(r, c)| r.cells.get(&c.key).copied());
    let w = 10;
    let headers = [
        (year - 1).to_string(),
        year.to_string(),
        app.text(Msg::Change).to_string(),
        app.text(Msg::ChangePercent).to_string(),
    ];
    let widest = sec
        .columns
        .iter()
        .map(|c| {
            let (label, indent) = item_label(c);
            crate::tui::text::width(&label) + indent
        })
        .max()
        .unwrap_or(0);
    let name_w = width_
        .saturating_sub((w + 1) * headers.len())
        .min(widest + 2);
    let mut header = vec![Span::raw(pad_right("", name_w, g.ellipsis))];
    for h in &headers {
        header.push(Span::raw(format!(" {}", pad_left(h, w, g.ellipsis))));
    }
    out.push(Line::from(header).style(Style::new().add_modifier(Modifier::UNDERLINED)));
    let current = sec.columns.iter().filter(|c| c.year_in(app.doc()) == year);
    for col in current {
        let prev_col = sec
            .columns
            .iter()
            .find(|p| p.measure == col.measure && p.year_in(app.doc()) == year - 1);
        let (label, indent) = item_label(col);
        let (prev, cur) = (amount(prev_col), amount(Some(col)));
        let show = |a: Option<crate::core::amount::Amount>| {
            a.map(|a| a.display()).unwrap_or_else(|| g.none.to_string())
        };
        let (change, pct, style) = match (prev, cur) {
            // With no previous-year column printed (Shanghai) there is no change to show.
            (p, c) if prev_col.is_some() && (p.is_some() || c.is_some()) => {
                let (p, c) = (p.unwrap_or_default(), c.unwrap_or_default());
                let d = c - p;
                // A blank cell beside a printed one is zero.
                let pct = percent_text(app, Percent::between(p, c));
                (d.display_signed(), pct, theme.change_of(d.value()))
            }
            _ => (g.none.to_string(), g.none.to_string(), Style::new()),
        };
        let mut line = Line::from(vec![
            Span::raw(pad_right(
                &format!("{}{label}", " ".repeat(indent)),
                name_w,
                g.ellipsis,
            )),
            Span::raw(format!(" {}", pad_left(&show(prev), w, g.ellipsis))),
            Span::raw(format!(" {}", pad_left(&show(cur), w, g.ellipsis))),
            Span::styled(format!(" {}", pad_left(&change, w, g.ellipsis)), style),
            Span::styled(format!(" {}", pad_left(&pct, w, g.ellipsis)), style),
        ]);
        if col.measure == crate::core::document::Measure::Total {
            line = line.style(theme.total());
        }
        out.push(line);
    }
    narrative(app, width_, &mut out);
    out
}

/// The narrative's section on 三公, which explains the figures in words.
fn narrative(app: &App, width_: usize, out: &mut Vec<Line<'static>>) {
    let theme = Theme::new(&app.options);
    if let Some(section) = app.doc().sections.iter().find(|s| s.title.contains("三公")) {
        out.push(Line::raw(""));
        out.push(Line::styled(
            crate::tui::content::section_heading(app, section),
            theme.heading(),
        ));
        for p in &section.paragraphs {
            for l in wrap(p, width_.saturating_sub(2)) {
                out.push(Line::raw(format!("  {l}")));
            }
        }
    }
}
