//! Events in, state changes out. Keys are looked up in the one key table (keys.rs).

use super::aggregate;
use super::app::{App, View};
use super::i18n::Msg;
use super::keys::{self, Action, Context, Key};
use super::layout;
use super::views;
use super::{picker, search};
use crate::core::compare::Scope;
use crate::core::tree::Classification;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::tree_state::{Hierarchy, TreeState, VisibleRow};

pub fn update(app: &mut App, event: Event) {
    let before = app.selected_node();
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => on_key(app, key),
        Event::Mouse(mouse) if app.mouse => on_mouse(app, mouse),
        Event::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        _ => {}
    }
    settle(app);
    if app.selected_node() != before {
        app.detail_scroll = 0;
    }
}

fn on_key(app: &mut App, key: KeyEvent) {
    // Suspending works from anywhere, panes included, like Ctrl-C.
    if keys::lookup(&key, Context::Global).is_some_and(|(b, _)| b.action == Action::Suspend) {
        app.suspend = true;
        return;
    }
    let typed = keys::typed(&key);
    if app.help.is_none() && (app.picker.open || app.search.open) {
        app.status = None;
        let action = keys::lookup(&key, Context::Input).map(|(b, _)| b.action);
        if app.picker.open {
            picker::on_key(app, action, typed);
        } else {
            search::on_key(app, action, typed);
        }
        return;
    }
    let Some((binding, which)) = keys::lookup(&key, Context::Browse) else {
        return;
    };
    app.status = None;
    let action = binding.action;
    if let Some(offset) = app.help {
        app.help = match action {
            Action::Quit => {
                app.quit = true;
                None
            }
            Action::Close | Action::Help => None,
            Action::Up => Some(offset.saturating_sub(1)),
            Action::Down => Some(offset + 1),
            Action::PageUp => Some(offset.saturating_sub(10)),
            Action::PageDown => Some(offset + 10),
            Action::First => Some(0),
            _ => Some(offset),
        };
        return;
    }
    if app.agg.contributor.is_some() && action != Action::Help {
        aggregate::contributors_key(app, action);
        return;
    }
    app.mark = None;
    match action {
        Action::Quit => app.quit = true,
        Action::Close => {}
        Action::Help => app.help = Some(0),
        Action::Search => search::open(app),
        Action::SearchNext => search::step(app, 1),
        Action::SearchPrev => search::step(app, -1),
        Action::Picker if app.many() => app.picker.show(app.current),
        Action::Aggregate if app.many() && app.view.classification().is_some() => {
            aggregate::toggle(app)
        }
        Action::Picker | Action::Aggregate => {
            let msg = if app.many() {
                Msg::SumInTrees
            } else {
                Msg::NeedFolder
            };
            app.status = Some(app.text(msg).to_string());
        }
        Action::Contributors if app.agg.on => {
            aggregate::contributors_key(app, Action::Contributors)
        }
        Action::Contributors => app.status = Some(app.text(Msg::ContributorsInSum).to_string()),
        Action::Backspace => {}
        Action::Scope if app.agg.on => app.status = Some(app.text(Msg::SumAllFunds).to_string()),
        Action::NextView => app.view = app.view.offset(1),
        Action::PrevView => app.view = app.view.offset(-1),
        Action::GotoView => {
            if let Key::Char(d) = which {
                let index = d.to_digit(10).and_then(|n| (n as usize).checked_sub(1));
                if let Some(v) = index.and_then(|i| View::ALL.get(i)) {
                    app.view = *v;
                }
            }
        }
        Action::Scope => match app.view {
            View::Functional => {
                app.scope = match app.scope {
                    Scope::AllFunds => Scope::GeneralBudget,
                    Scope::GeneralBudget => Scope::AllFunds,
                }
            }
            _ => app.status = Some(app.text(super::i18n::Msg::ScopeFixed).to_string()),
        },
        Action::SortField => app.sort.field = app.sort.field.next(),
        Action::SortDirection => app.sort.descending = !app.sort.descending,
        Action::Mouse => {
            app.mouse = !app.mouse;
            let msg = if app.mouse {
                super::i18n::Msg::MouseOn
            } else {
                super::i18n::Msg::MouseOff
            };
            app.status = Some(app.text(msg).to_string());
        }
        Action::DetailScroll => {
            app.detail_scroll = if which == Key::Char('[') {
                app.detail_scroll.saturating_sub(1)
            } else {
                app.detail_scroll + 1
            }
        }
        Action::Copy => copy(app),
        _ => match app.view.classification() {
            Some(c) => tree_action(app, c, action),
            None => scroll_action(app, action),
        },
    }
}

/// The tree a view shows (the document's, or the sum's) and its state.
fn split(app: &mut App, c: Classification) -> Option<(&dyn Hierarchy, &mut TreeState)> {
    if app.agg.on {
        let year = app.doc().fiscal_year;
        return app
            .agg
            .split(year, c)
            .map(|(a, s)| (a as &dyn Hierarchy, s));
    }
    Some(match c {
        Classification::Functional => (&app.model.functional.tree, &mut app.functional),
        Classification::Economic => (&app.model.economic.tree, &mut app.economic),
    })
}

/// The visible rows of a tree view, of the document or of the sum.
fn tree_rows(app: &App, c: Classification) -> Vec<VisibleRow> {
    if app.agg.on {
        aggregate::rows(app, c)
    } else {
        app.rows(c)
    }
}

fn page(app: &App) -> usize {
    let areas = layout::areas(app.size, app.view.classification().is_some());
    (areas.main.height as usize).saturating_sub(2).max(1)
}

fn tree_action(app: &mut App, c: Classification, action: Action) {
    let rows = tree_rows(app, c);
    let page = page(app) as isize;
    let Some((tree, state)) = split(app, c) else {
        return;
    };
    match action {
        Action::Up => state.move_by(&rows, -1),
        Action::Down => state.move_by(&rows, 1),
        Action::PageUp => state.move_by(&rows, -page),
        Action::PageDown => state.move_by(&rows, page),
        Action::First => state.select_index(&rows, 0),
        Action::Last => state.select_index(&rows, rows.len()),
        Action::Expand => state.expand(&rows),
        Action::Collapse => state.collapse(tree, &rows),
        Action::Toggle => state.toggle(&rows),
        Action::ExpandAll => state.expand_all(tree),
        Action::CollapseAll => state.collapse_all(tree),
        _ => {}
    }
}

fn scroll_action(app: &mut App, action: Action) {
    let page = page(app);
    let at = &mut app.scroll[app.view.index()];
    *at = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => *at + 1,
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => *at + page,
        Action::First => 0,
        Action::Last => usize::MAX,
        _ => *at,
    };
}

fn copy(app: &mut App) {
    let Some((c, node)) = app.selected_node() else {
        return;
    };
    let text = views::tree::copy_text(app, c, node);
    let label = app
        .tree(c)
        .nodes
        .get(node)
        .map(|n| format!("{} {}", n.code, n.name))
        .unwrap_or_default();
    app.status = Some(format!(
        "{} {}",
        app.text(super::i18n::Msg::Copied),
        label.trim()
    ));
    app.clipboard = Some(text);
}

fn on_mouse(app: &mut App, mouse: MouseEvent) {
    let areas = layout::areas(app.size, app.view.classification().is_some());
    let at = Position::new(mouse.column, mouse.row);
    let delta = match mouse.kind {
        MouseEventKind::ScrollDown => 3,
        MouseEventKind::ScrollUp => -3,
        MouseEventKind::Down(MouseButton::Left) => 0,
        _ => return,
    };
    if let Some(help) = app.help {
        app.help = Some(help.saturating_add_signed(delta));
        return;
    }
    if delta == 0 && areas.tabs.contains(at) {
        if let Some(v) = views::header::tab_at(app, mouse.column.saturating_sub(areas.tabs.x)) {
            app.view = v;
        }
        return;
    }
    match app.view.classification() {
        Some(c) => {
            let rows = tree_rows(app, c);
            let Some((_, state)) = split(app, c) else {
                return;
            };
            if delta != 0 {
                state.move_by(&rows, delta);
                return;
            }
            // The first line of the main pane is the column header.
            let body_top = areas.main.y + 1;
            if !areas.main.contains(at) || mouse.row < body_top {
                return;
            }
            let index = state.offset + (mouse.row - body_top) as usize;
            if let Some(row) = rows.get(index) {
                state.selected = row.node;
                let marker = areas.main.x + views::tree::marker_column(row);
                if row.has_children && mouse.column == marker {
                    state.toggle(&rows);
                }
            }
        }
        None => {
            let s = &mut app.scroll[app.view.index()];
            *s = s.saturating_add_signed(delta);
        }
    }
}

/// Keeps the selection on a shown row and in view, and text scrolling within its content.
fn settle(app: &mut App) {
    let areas = layout::areas(app.size, app.view.classification().is_some());
    match app.view.classification() {
        Some(c) => {
            if app.agg.on {
                let year = app.doc().fiscal_year;
                app.agg.ensure(&app.collection, year, c);
            }
            let rows = tree_rows(app, c);
            let height = (areas.main.height as usize).saturating_sub(1);
            if let Some((tree, state)) = split(app, c) {
                state.fix_selection(tree, &rows);
                state.keep_visible(&rows, height);
            }
        }
        None => {
            let len = views::text_lines(app, app.view, areas.main.width).len();
            let max = len.saturating_sub(areas.main.height as usize);
            let s = &mut app.scroll[app.view.index()];
            *s = (*s).min(max);
        }
    }
    if let Some(help) = app.help {
        let max = views::help::max_scroll(app, app.size);
        app.help = Some(help.min(max));
    }
}
