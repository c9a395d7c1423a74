//! Where each part of the screen goes. Both `render` and `update` (mouse hits, page sizes,
//! pane heights) use this, so a click lands on what was drawn there.

use super::app::View;
use super::i18n::{text, Lang};
use super::text::width;
use super::tree_state::VisibleRow;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Below this the browser says so instead of drawing.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub tabs: Rect,
    pub main: Rect,
    /// Tree views only: the detail pane and the breadcrumb.
    pub detail: Option<Rect>,
    pub breadcrumb: Option<Rect>,
    pub hints: Rect,
}

pub fn too_small(size: Rect) -> bool {
    size.width < MIN_WIDTH || size.height < MIN_HEIGHT
}

fn row(area: Rect, y: u16, height: u16) -> Rect {
    Rect::new(area.x, y, area.width, height)
}

pub fn areas(size: Rect, tree_view: bool) -> Areas {
    let top = size.y;
    let bottom = size.y + size.height;
    let header = row(size, top, 1.min(size.height));
    let tabs = row(size, top + 1, 1.min(size.height.saturating_sub(1)));
    let hints = row(size, bottom.saturating_sub(1), 1.min(size.height));
    let body_top = top + 2.min(size.height);
    let body_bottom = bottom.saturating_sub(1).max(body_top);
    if !tree_view {
        return Areas {
            header,
            tabs,
            main: row(size, body_top, body_bottom - body_top),
            detail: None,
            breadcrumb: None,
            hints,
        };
    }
    let breadcrumb = row(size, body_bottom.saturating_sub(1), 1);
    let body = body_bottom.saturating_sub(1).saturating_sub(body_top);
    // Two fifths for the detail pane: enough for a derivation and a finding at 80×24.
    let detail_height = (body * 2 / 5).clamp(3.min(body), 16);
    let main_height = body - detail_height;
    Areas {
        header,
        tabs,
        main: row(size, body_top, main_height),
        detail: Some(row(size, body_top + main_height, detail_height)),
        breadcrumb: Some(breadcrumb),
        hints,
    }
}

/// How far a page key moves in the main pane: its height less the header and one row of
/// overlap.
pub fn page(size: Rect, tree_view: bool) -> usize {
    (areas(size, tree_view).main.height as usize)
        .saturating_sub(2)
        .max(1)
}

/// The cell (relative to the pane) where a tree row's expand marker is drawn.
pub fn marker_column(row: &VisibleRow) -> u16 {
    (row.depth * 2).min(u16::MAX as usize) as u16
}

/// A tab's label: "1功能分类", "1:Func".
pub fn tab_label(lang: Lang, index: usize, name: &str) -> String {
    match lang {
        Lang::Zh => format!("{}{name}", index + 1),
        Lang::En => format!("{}:{name}", index + 1),
    }
}

/// The tabs' labels and where each starts on a tab line `w` cells wide. When the full labels do
/// not fit, the other views show their number alone, so that no view is ever cut off.
pub fn tabs(lang: Lang, w: u16, active: View) -> Vec<(usize, String)> {
    let full: Vec<String> = View::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| tab_label(lang, i, text(lang, v.name())))
        .collect();
    let fits = full.iter().map(|l| width(l) + 1).sum::<usize>() <= w as usize + 1;
    let mut x = 0;
    full.into_iter()
        .enumerate()
        .map(|(i, label)| {
            let label = if fits || View::ALL[i] == active {
                label
            } else {
                (i + 1).to_string()
            };
            let at = x;
            x += width(&label) + 1;
            (at, label)
        })
        .collect()
}

/// The view whose tab is at column `x` of a tab line `w` cells wide.
pub fn tab_at(lang: Lang, w: u16, active: View, x: u16) -> Option<View> {
    let x = x as usize;
    tabs(lang, w, active)
        .into_iter()
        .position(|(at, label)| x >= at && x < at + width(&label))
        .and_then(|i| View::ALL.get(i).copied())
}

/// The box of the search pane and the picker: the screen less a margin, as long as there is
/// room for one.
pub fn pane_area(size: Rect) -> Rect {
    let mx = if size.width >= 60 { 2 } else { 0 };
    let my = if size.height >= 16 { 1 } else { 0 };
    Rect::new(
        size.x + mx,
        size.y + my,
        size.width.saturating_sub(2 * mx),
        size.height.saturating_sub(2 * my),
    )
}

/// How many results the search pane shows: the box less its border, the query, the count and
/// the column header.
pub fn search_rows(size: Rect) -> usize {
    (pane_area(size).height as usize).saturating_sub(5)
}

/// The load errors the picker lists under the documents.
pub const ERRORS_SHOWN: usize = 3;

/// The lines the picker gives to load errors: a heading and up to `ERRORS_SHOWN`.
pub fn error_lines(errors: usize) -> usize {
    match errors {
        0 => 0,
        n => n.min(ERRORS_SHOWN) + 1,
    }
}

/// How many documents the picker shows: the box less its border, the filter, the count, the
/// column header and the error lines.
pub fn picker_rows(size: Rect, errors: usize) -> usize {
    search_rows(size).saturating_sub(error_lines(errors))
}

/// The help's box: centred, as large as its lines need and the screen allows.
pub fn help_area(lines: &[Line], size: Rect) -> Rect {
    let want_w = lines.iter().map(|l| l.width()).max().unwrap_or(0) + 4;
    let want_h = lines.len() + 2;
    let w = (want_w.min(u16::MAX as usize) as u16).min(size.width);
    let h = (want_h.min(u16::MAX as usize) as u16).min(size.height);
    Rect::new(
        size.x + (size.width - w) / 2,
        size.y + (size.height - h) / 2,
        w,
        h,
    )
}

/// How far the help can scroll: its lines less what its box shows.
pub fn help_max_scroll(lines: &[Line], size: Rect) -> usize {
    let inner = help_area(lines, size).height.saturating_sub(2) as usize;
    lines.len().saturating_sub(inner)
}
