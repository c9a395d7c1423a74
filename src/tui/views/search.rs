//! The search pane: the query, how many results, and one row per result with its code, its
//! name (the matched characters highlighted), where it lives and its two years' amounts.

use super::list::{draw_pane, query_line};
use crate::core::search::{Hit, Item};
use crate::tui::app::App;
use crate::tui::content::highlight::highlighted;
use crate::tui::i18n::Msg;
use crate::tui::text::{pad_left, pad_right, width};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Where an item lives; with several documents, whose and which year first.
fn place(app: &App, item: &Item) -> String {
    // The index writes `·` between the parts; `--ascii` draws its own separator.
    let dot = Theme::new(&app.options).glyphs.dot;
    let own = item.place.text(app.options.lang).replace('·', dot);
    if !app.many() {
        return own;
    }
    match app.library.label(item.doc) {
        Some((_, name, year)) => format!("{name} {year} {dot} {own}"),
        None => own,
    }
}

fn amount(app: &App, a: Option<crate::core::amount::Amount>) -> String {
    a.map(|a| a.display())
        .unwrap_or_else(|| Theme::new(&app.options).glyphs.none.to_string())
}

fn result_line(
    app: &App,
    hit: &Hit,
    item: &Item,
    widths: (usize, usize, usize, usize),
) -> Line<'static> {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let (code_w, name_w, place_w, amount_w) = widths;
    let hl = theme
        .warn()
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut spans = highlighted(&item.code, &hit.code_positions, code_w, hl, g.ellipsis);
    spans.push(Span::raw(" "));
    spans.extend(highlighted(
        &item.name,
        &hit.name_positions,
        name_w,
        hl,
        g.ellipsis,
    ));
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        pad_right(&place(app, item), place_w, g.ellipsis),
        theme.dim(),
    ));
    // The earlier year first, as the tables print them.
    for a in [item.prev_amount, item.amount] {
        spans.push(Span::raw(" "));
        spans.push(Span::raw(pad_left(&amount(app, a), amount_w, g.ellipsis)));
    }
    Line::from(spans)
}

pub fn render(app: &App, frame: &mut Frame, size: Rect) {
    let Some(inner) = draw_pane(app, frame, size, Msg::SearchTitle) else {
        return;
    };
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let s = &app.search;
    let list = &s.list;
    let w = inner.width as usize;
    let mut lines = vec![query_line(&theme, "/ ", &list.query, inner.width as usize)];
    let status = if list.query.trim().is_empty() {
        app.text(Msg::SearchPrompt).to_string()
    } else if s.waiting {
        match s.building.get() {
            (done, total) if total > 0 => {
                format!("{} {done}/{total}", app.text(Msg::BuildingIndex))
            }
            _ => app.text(Msg::BuildingIndex).to_string(),
        }
    } else if s.hits.is_empty() {
        app.text(Msg::NoResults).to_string()
    } else {
        format!("{} {}", s.hits.len(), app.text(Msg::Results))
    };
    let status_style = if !list.query.trim().is_empty() && s.hits.is_empty() && !s.waiting {
        theme.warn()
    } else {
        theme.dim()
    };
    lines.push(Line::styled(status, status_style));
    let rows = (inner.height as usize).saturating_sub(3);
    let shown: Vec<(&Hit, &Item)> = s
        .hits
        .iter()
        .skip(list.offset)
        .take(rows)
        .filter_map(|h| s.item(h).map(|i| (h, i)))
        .collect();
    let year = app.doc().fiscal_year;
    let (code_w, name_w, place_w, amount_w) = widths(app, &shown, w);
    if !s.hits.is_empty() {
        let header = format!(
            "{} {} {} {} {}",
            pad_right(app.text(Msg::SortCode), code_w, g.ellipsis),
            pad_right(
                app.text(Msg::CodeName)
                    .split(' ')
                    .nth(1)
                    .unwrap_or_default(),
                name_w,
                g.ellipsis
            ),
            pad_right(app.text(Msg::Where), place_w, g.ellipsis),
            pad_left(&(year - 1).to_string(), amount_w, g.ellipsis),
            pad_left(&year.to_string(), amount_w, g.ellipsis),
        );
        lines.push(Line::styled(header, theme.heading()));
    }
    for (k, (hit, item)) in shown.into_iter().enumerate() {
        let mut line = result_line(app, hit, item, (code_w, name_w, place_w, amount_w));
        if list.offset + k == list.selected {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The widths of the code, name, place and amount columns for the results shown in `w` cells.
fn widths(app: &App, shown: &[(&Hit, &Item)], w: usize) -> (usize, usize, usize, usize) {
    let amount_w = shown
        .iter()
        .flat_map(|(_, i)| [i.amount, i.prev_amount])
        .map(|a| width(&amount(app, a)))
        .max()
        .unwrap_or(0)
        .max(4);
    let code_w = shown
        .iter()
        .map(|(_, i)| width(&i.code))
        .max()
        .unwrap_or(0)
        .clamp(width(app.text(Msg::SortCode)), 12);
    let rest = w.saturating_sub(code_w + 2 * (amount_w + 1) + 2);
    // On a wide screen the columns keep to their content, so amounts stay near the names.
    let widest_name = shown.iter().map(|(_, i)| width(&i.name)).max().unwrap_or(0);
    let widest_place = shown
        .iter()
        .map(|(_, i)| width(&place(app, i)))
        .max()
        .unwrap_or(0);
    let name_w = widest_name
        .min((rest * 11 / 20).max(rest.saturating_sub(widest_place)))
        .max(rest.min(8));
    let place_w = widest_place.min(rest.saturating_sub(name_w));
    (code_w, name_w, place_w, amount_w)
}
