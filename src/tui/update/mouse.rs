//! Clicks and the wheel: hit-testing against the same `layout` the views draw with.

use super::state_mut;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::overlay::Overlay;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

pub(super) fn on_mouse(app: &mut App, mouse: MouseEvent) {
    let areas = layout::areas(app.size, app.view.classification().is_some());
    let at = Position::new(mouse.column, mouse.row);
    let delta = match mouse.kind {
        MouseEventKind::ScrollDown => 3,
        MouseEventKind::ScrollUp => -3,
        MouseEventKind::Down(MouseButton::Left) => 0,
        _ => return,
    };
    if let Overlay::Help { scroll, .. } = &mut app.overlay {
        *scroll = scroll.saturating_add_signed(delta);
        return;
    }
    if delta == 0 && areas.tabs.contains(at) {
        let x = mouse.column.saturating_sub(areas.tabs.x);
        if let Some(v) = layout::tab_at(app.options.lang, areas.tabs.width, app.view, x) {
            app.view = v;
        }
        return;
    }
    let Some(c) = app.view.classification() else {
        let s = &mut app.scroll[app.view.index()];
        *s = s.saturating_add_signed(delta);
        return;
    };
    let Some((_, state)) = state_mut(app, c) else {
        return;
    };
    if delta != 0 {
        state.move_by(delta);
        return;
    }
    // The first line of the main pane is the column header.
    let body_top = areas.main.y + 1;
    if !areas.main.contains(at) || mouse.row < body_top {
        return;
    }
    let index = state.offset + (mouse.row - body_top) as usize;
    if let Some(row) = state.rows.get(index) {
        state.selected = row.node;
        let marker = areas.main.x + layout::marker_column(row);
        if row.has_children && mouse.column == marker {
            state.toggle();
        }
    }
}
