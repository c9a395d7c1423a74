//! Tables as the document lays them out: a name column and right-aligned amount columns, and
//! two-sided tables (收入 | 支出) side by side, matched by printed line, when they fit.

use crate::core::document::{Column, RowRole, SectionView, Table};
use crate::core::tree::level_of;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::model::short_label;
use crate::tui::text::{pad_left, pad_right, width, wrap};
use crate::tui::theme::Theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// "表一 重庆市…财政拨款收支总表（单位：万元）", wrapped.
pub fn title(app: &App, table: &Table, width_: usize) -> Vec<Line<'static>> {
    let theme = Theme::new(&app.options);
    let unit = crate::core::lang::unit(app.options.lang, table.unit(app.doc()));
    let text = crate::core::lang::fill(app.text(Msg::TableTitle), &[&table.id, &table.title, unit]);
    wrap(&text, width_)
        .into_iter()
        .map(|l| Line::styled(l, theme.heading()))
        .collect()
}

/// The columns of a section that hold any figure (all of them when none does).
fn used_columns<'a>(sec: &SectionView<'a>) -> Vec<&'a Column> {
    let used: Vec<&Column> = sec
        .columns
        .iter()
        .filter(|c| sec.rows.iter().any(|r| r.cells.contains_key(&c.key)))
        .collect();
    if used.is_empty() {
        sec.columns.iter().collect()
    } else {
        used
    }
}

/// An amount column's width: its widest figure or its title, whichever is wider.
fn column_width(sec: &SectionView, c: &Column) -> usize {
    sec.rows
        .iter()
        .filter_map(|r| r.cells.get(&c.key))
        .map(|a| width(&a.display()))
        .max()
        .unwrap_or(0)
        .max(width(short_label(c.measure, &c.header)))
}

fn row_label(code: Option<&str>, name: &str) -> String {
    match code {
        Some(code) => {
            let indent = (level_of(code) as usize).saturating_sub(1) * 2;
            format!("{}{code} {name}", " ".repeat(indent))
        }
        None => name.to_string(),
    }
}

/// A section's lines, each exactly `width_` cells, keyed by the printed line number.
pub fn section_lines(
    app: &App,
    sec: &SectionView,
    item_header: &str,
    width_: usize,
) -> Vec<(Option<u32>, Line<'static>)> {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let cols = used_columns(sec);
    let titles: Vec<String> = cols
        .iter()
        .map(|c| short_label(c.measure, &c.header).to_string())
        .collect();
    let widths: Vec<usize> = cols.iter().map(|c| column_width(sec, c)).collect();
    let amounts: usize = widths.iter().map(|w| w + 1).sum();
    let widest_label = sec
        .rows
        .iter()
        .map(|r| width(&row_label(r.code.as_deref(), r.display_name())))
        .chain([width(item_header)])
        .max()
        .unwrap_or(0);
    // Wide screens leave the right empty rather than push amounts away from their names.
    let name_width = width_.saturating_sub(amounts).min(widest_label + 2);
    let mut out = Vec::new();
    let mut header = vec![Span::raw(pad_right(item_header, name_width, g.ellipsis))];
    for (t, w) in titles.iter().zip(&widths) {
        header.push(Span::raw(format!(" {}", pad_left(t, *w, g.ellipsis))));
    }
    out.push((
        None,
        Line::from(header).style(Style::new().add_modifier(Modifier::UNDERLINED)),
    ));
    for row in sec.rows {
        let label = row_label(row.code.as_deref(), row.display_name());
        let mut spans = vec![Span::raw(pad_right(&label, name_width, g.ellipsis))];
        for (c, w) in cols.iter().zip(&widths) {
            let v = row
                .cells
                .get(&c.key)
                .map(|a| a.display())
                .unwrap_or_default();
            spans.push(Span::raw(format!(" {}", pad_left(&v, *w, g.ellipsis))));
        }
        let mut line = Line::from(spans);
        if row.role != RowRole::Item {
            line = line.style(theme.total());
        }
        out.push((row.line, line));
    }
    out
}

/// The natural width of a section: its longest label and its amount columns.
fn natural_width(sec: &SectionView) -> usize {
    let names = sec
        .rows
        .iter()
        .map(|r| width(&row_label(r.code.as_deref(), r.display_name())))
        .max()
        .unwrap_or(0);
    let cols: usize = used_columns(sec)
        .iter()
        .map(|c| column_width(sec, c) + 1)
        .sum();
    names + cols
}

/// Tables one after another with a blank line between them, or a line saying there is none.
pub fn tables_lines<'a>(
    app: &App,
    tables: impl IntoIterator<Item = &'a Table>,
    width_: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for table in tables {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.extend(table_lines(app, table, width_));
    }
    if out.is_empty() {
        out.push(Line::raw(app.text(Msg::NoTable)));
    }
    out
}

/// A whole table: its title, then its one section, or its two sides next to each other.
pub fn table_lines(app: &App, table: &Table, width_: usize) -> Vec<Line<'static>> {
    let mut out = title(app, table, width_);
    let sections = table.sections();
    let item = |name: Option<&str>| -> String {
        match (name, table.name_header.as_deref()) {
            (Some(n), _) => n.to_string(),
            (None, Some(h)) => h.to_string(),
            (None, None) => String::new(),
        }
    };
    let gap = 3;
    let side_by_side = sections.len() == 2
        && natural_width(&sections[0]) + natural_width(&sections[1]) + gap <= width_;
    if side_by_side {
        let left_w = (width_ - gap) / 2;
        let right_w = width_ - gap - left_w;
        let left = section_lines(app, &sections[0], &item(sections[0].name), left_w);
        let right = section_lines(app, &sections[1], &item(sections[1].name), right_w);
        out.extend(join_by_line(left, right, left_w, gap));
    } else {
        for sec in &sections {
            let lines = section_lines(app, sec, &item(sec.name), width_);
            out.extend(lines.into_iter().map(|(_, l)| l));
        }
    }
    if let Some(note) = &table.note {
        for l in wrap(note, width_) {
            out.push(Line::raw(l));
        }
    }
    out
}

/// Two sides matched by printed line number: the headers together, then each line's rows.
fn join_by_line(
    left: Vec<(Option<u32>, Line<'static>)>,
    right: Vec<(Option<u32>, Line<'static>)>,
    left_w: usize,
    gap: usize,
) -> Vec<Line<'static>> {
    let mut numbers: Vec<u32> = left
        .iter()
        .chain(right.iter())
        .filter_map(|(n, _)| *n)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let pick = |side: &[(Option<u32>, Line<'static>)], n: u32| {
        side.iter()
            .find(|(k, _)| *k == Some(n))
            .map(|(_, l)| l.clone())
    };
    let join = |l: Option<Line<'static>>, r: Option<Line<'static>>| {
        let l = l.unwrap_or_default();
        let fill = left_w.saturating_sub(l.width());
        let style = l.style;
        let mut spans: Vec<Span<'static>> =
            l.spans.into_iter().map(|s| s.patch_style(style)).collect();
        spans.push(Span::raw(" ".repeat(fill + gap)));
        if let Some(r) = r {
            let style = r.style;
            spans.extend(r.spans.into_iter().map(|s| s.patch_style(style)));
        }
        Line::from(spans)
    };
    let mut out = vec![join(
        left.first().map(|(_, l)| l.clone()),
        right.first().map(|(_, l)| l.clone()),
    )];
    for n in numbers {
        out.push(join(pick(&left, n), pick(&right, n)));
    }
    // Rows without a printed line number follow in order.
    let unnumbered = |side: &[(Option<u32>, Line<'static>)]| -> Vec<Line<'static>> {
        side.iter()
            .skip(1)
            .filter(|(n, _)| n.is_none())
            .map(|(_, l)| l.clone())
            .collect()
    };
    let (ul, ur) = (unnumbered(&left), unnumbered(&right));
    for i in 0..ul.len().max(ur.len()) {
        out.push(join(ul.get(i).cloned(), ur.get(i).cloned()));
    }
    out
}
