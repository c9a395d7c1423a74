//! Where each part of the screen goes. Both `render` and the mouse handling in `update` use
//! this, so a click lands on what was drawn there.

use ratatui::layout::Rect;

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
