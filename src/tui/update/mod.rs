//! Events in, state changes out. Keys are looked up in the one key table (keys.rs); what is open
//! (`Overlay`) says who takes them. Geometry comes from `layout`, text from `content`.

use super::app::{App, View};
use super::content;
use super::i18n::Msg;
use super::jump;
use super::keys::{self, Action, Context, Key};
use super::layout;
use super::overlay::Overlay;
use super::panes::Outcome;
use super::tree_state::{Hierarchy, SortField, TreeState};

mod loading;
mod mouse;
mod sum;
mod years;

use crate::core::compare::Scope;
use crate::core::tree::Classification;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;
use sum::{contributors_key, toggle_sum};

impl App {
    /// One event: a key, a click, a new size; with any work it defers done too.
    pub fn update(&mut self, event: Event) {
        update(self, event);
        self.run_deferred();
    }

    /// One event, leaving deferred work (`App::deferred`) for after the next frame: the event
    /// loop's way, so that a long sum is announced before the screen waits for it.
    pub fn handle(&mut self, event: Event) {
        update(self, event);
    }

    /// Runs the work a key deferred, if any.
    pub fn run_deferred(&mut self) {
        match self.deferred.take() {
            Some(crate::tui::app::Deferred::Sum) => {
                sum::sum_now(self);
                settle(self);
            }
            None => {}
        }
    }

    /// Rebuilds the visible rows of the trees after a change, keeps each selection on a shown
    /// row and in view, and keeps text scrolling within its content.
    pub fn settle(&mut self) {
        settle(self);
    }
}

pub fn update(app: &mut App, event: Event) {
    if app.is_blank() {
        return loading::on_blank(app, event);
    }
    let before = app.selected_node();
    let typing = app.overlay.context() == Context::Input && matches!(event, Event::Key(_));
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => on_key(app, key),
        Event::Mouse(mouse) if app.options.mouse => mouse::on_mouse(app, mouse),
        Event::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        _ => {}
    }
    // A key that stays in a pane changes nothing behind it: no settle, so a paste stays cheap.
    if typing && app.overlay.context() == Context::Input {
        return;
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
    if app.overlay.context() == Context::Input {
        app.status = None;
        let action = keys::lookup(&key, Context::Input).map(|(b, _)| b.action);
        on_pane_key(app, action, keys::typed(&key));
        return;
    }
    let Some((binding, which)) = keys::lookup(&key, Context::Browse) else {
        return;
    };
    app.status = None;
    let action = binding.action;
    if app.is_loading() && loading::needs_collection(action) {
        return say(app, Msg::StillLoading);
    }
    match std::mem::take(&mut app.overlay) {
        Overlay::Help { scroll, over } => app.overlay = help_key(app, action, scroll, *over),
        Overlay::Contributors { at } if action != Action::Help => {
            contributors_key(app, action, Some(at))
        }
        other => {
            app.overlay = other;
            app.mark = None;
            browse_key(app, action, which);
        }
    }
}

/// The help takes every key: it scrolls, or closes back to what it covered.
fn help_key(app: &mut App, action: Action, scroll: usize, over: Overlay) -> Overlay {
    let scroll = match action {
        Action::Quit => {
            app.quit = true;
            return over;
        }
        Action::Close | Action::Help => return over,
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll + 1,
        Action::PageUp => scroll.saturating_sub(10),
        Action::PageDown => scroll + 10,
        Action::First => 0,
        // Clamped to the end by settle.
        Action::Last => usize::MAX,
        _ => scroll,
    };
    Overlay::Help {
        scroll,
        over: Box::new(over),
    }
}

/// A key in the search pane or the picker; the pane says what it wants done.
fn on_pane_key(app: &mut App, action: Option<Action>, typed: Option<char>) {
    let outcome = match app.overlay {
        Overlay::Picker => {
            let rows = layout::picker_rows(app.size, app.library.errors().len());
            app.picker.on_key(action, typed, rows)
        }
        _ => {
            let outcome = app
                .search
                .on_key(action, typed, layout::search_rows(app.size));
            if app.search.unreadable {
                say(app, Msg::CacheUnreadable);
            }
            outcome
        }
    };
    apply(app, outcome);
}

fn apply(app: &mut App, outcome: Outcome) {
    match outcome {
        Outcome::Stay => {}
        Outcome::Close => app.overlay = Overlay::None,
        Outcome::Quit => app.quit = true,
        // Only the current document is loaded yet: the picker stays open.
        Outcome::Open(doc) if app.is_loading() && doc != app.current => say(app, Msg::StillLoading),
        Outcome::Open(doc) => {
            app.overlay = Overlay::None;
            app.sum = false;
            app.years.on = false;
            app.open_document(doc);
        }
        Outcome::Jump { item, status } => {
            app.overlay = Overlay::None;
            jump::jump(app, &item);
            if app.current == item.doc {
                app.status = Some(status);
            }
        }
    }
}

pub(super) fn say(app: &mut App, msg: Msg) {
    app.status = Some(app.text(msg).to_string());
}

fn browse_key(app: &mut App, action: Action, which: Key) {
    match action {
        Action::Quit => app.quit = true,
        Action::Close | Action::Backspace => {}
        Action::Help => app.overlay = Overlay::help_over(std::mem::take(&mut app.overlay)),
        Action::Search => {
            app.search.open();
            app.overlay = Overlay::Search;
        }
        Action::SearchNext | Action::SearchPrev => {
            let by = if action == Action::SearchNext { 1 } else { -1 };
            match app.search.step(by) {
                Some(outcome) => apply(app, outcome),
                None => say(app, Msg::NoLastSearch),
            }
        }
        // With one document the picker still lists the files that did not load.
        Action::Picker if app.many() || app.has_failures() => {
            app.picker.show(app.current);
            app.overlay = Overlay::Picker;
        }
        Action::Aggregate if app.many() && app.view.classification().is_some() => {
            app.years.on = false;
            toggle_sum(app)
        }
        Action::Years | Action::YearPair | Action::AllYears | Action::Unit => {
            years::years_key(app, action)
        }
        Action::Picker | Action::Aggregate if app.many() => say(app, Msg::SumInTrees),
        Action::Picker | Action::Aggregate => say(app, Msg::NeedFolder),
        Action::Contributors if app.sum => contributors_key(app, action, None),
        Action::Contributors => say(app, Msg::ContributorsInSum),
        Action::Scope if app.sum => say(app, Msg::SumAllFunds),
        Action::Scope if app.view == View::Functional => {
            app.scope = match app.scope {
                Scope::AllFunds => Scope::GeneralBudget,
                Scope::GeneralBudget => Scope::AllFunds,
            }
        }
        Action::Scope => say(app, Msg::ScopeFixed),
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
        Action::SortField => {
            app.sort.field = app.sort.field.next();
            // Amounts and changes: largest first on the first press; codes in order.
            app.sort.descending = app.sort.field != SortField::Code;
        }
        Action::SortDirection => app.sort.descending = !app.sort.descending,
        Action::Flat => {
            app.sort.flat = !app.sort.flat;
            // A flat list by code says little: by amount, largest first.
            if app.sort.flat && app.sort.field == SortField::Code {
                app.sort.field = SortField::Amount;
                app.sort.descending = true;
            }
        }
        Action::Mouse => {
            app.options.mouse = !app.options.mouse;
            say(
                app,
                if app.options.mouse {
                    Msg::MouseOn
                } else {
                    Msg::MouseOff
                },
            );
        }
        Action::DetailScroll if which == Key::Char('[') => {
            app.detail_scroll = app.detail_scroll.saturating_sub(1)
        }
        Action::DetailScroll => app.detail_scroll += 1,
        Action::Copy => copy(app),
        _ => match app.view.classification() {
            Some(c) => tree_action(app, c, action),
            None => scroll_action(app, action),
        },
    }
}

fn tree_action(app: &mut App, c: Classification, action: Action) {
    let page = layout::page(app.size, true) as isize;
    let Some((tree, state)) = state_mut(app, c) else {
        return;
    };
    match action {
        Action::Up => state.move_by(-1),
        Action::Down => state.move_by(1),
        Action::PageUp => state.move_by(-page),
        Action::PageDown => state.move_by(page),
        Action::First => state.select_index(0),
        Action::Last => state.select_index(state.rows.len()),
        Action::Expand => state.expand(),
        Action::Collapse => state.collapse(tree),
        Action::Toggle => state.toggle(),
        Action::ExpandAll => state.expand_all(tree),
        Action::CollapseAll => state.collapse_all(tree),
        _ => {}
    }
}

fn scroll_action(app: &mut App, action: Action) {
    let page = layout::page(app.size, false);
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
    if let Some((_, years, state)) = app.shown_years() {
        let text = content::years::copy_text(app, years, state.selected);
        let label = years
            .nodes
            .get(state.selected)
            .map(|n| format!("{} {}", n.code, n.name()))
            .unwrap_or_default();
        app.status = Some(format!("{} {}", app.text(Msg::Copied), label.trim()));
        app.clipboard = Some(text);
        return;
    }
    if app.view.classification().is_none() {
        return copy_line(app);
    }
    let Some((c, node)) = app.selected_node() else {
        return;
    };
    let text = content::tree::copy_text(app, c, node);
    let label = app
        .tree(c)
        .nodes
        .get(node)
        .map(|n| format!("{} {}", n.code, n.name))
        .unwrap_or_default();
    app.status = Some(format!("{} {}", app.text(Msg::Copied), label.trim()));
    app.clipboard = Some(text);
}

/// `y` in a text view: the line a search jumped to, else the first line on screen.
fn copy_line(app: &mut App) {
    let width = layout::areas(app.size, false).main.width;
    let at = match app.mark {
        Some((view, line)) if view == app.view => line,
        _ => app.scroll[app.view.index()],
    };
    let lines = app.text_lines(app.view, width);
    let Some(line) = lines.get(at) else { return };
    let text = line.to_string().trim().to_string();
    app.status = Some(format!("{} {text}", app.text(Msg::Copied)));
    app.clipboard = Some(text);
}

/// Rebuilds the visible rows once per change, keeps each selection on a shown row and in view,
/// and text scrolling within its content.
pub fn settle(app: &mut App) {
    let areas = layout::areas(app.size, true);
    let height = (areas.main.height as usize).saturating_sub(1);
    for c in [Classification::Functional, Classification::Economic] {
        let rows = app.build_rows(c);
        let tree = &app.model.tree(c).tree;
        let state = match c {
            Classification::Functional => &mut app.functional,
            Classification::Economic => &mut app.economic,
        };
        state.settle(tree, rows, height);
    }
    if let Some(c) = app.view.classification().filter(|_| app.years.on) {
        let scope = app.scope_of(c);
        app.years.ensure(c, scope);
        app.years.settle(c, scope, app.sort, height);
    }
    if let Some(c) = app.view.classification().filter(|_| app.sum) {
        let year = app.doc().fiscal_year;
        if app.agg.ensure(&app.library, year, c) {
            app.agg.settle(year, c, app.sort, height);
        } else {
            app.sum = false;
            say(app, Msg::CacheUnreadable);
        }
    }
    if app.view.classification().is_none() {
        let main = layout::areas(app.size, false).main;
        let len = app.text_lines(app.view, main.width).len();
        let max = len.saturating_sub(main.height as usize);
        let s = &mut app.scroll[app.view.index()];
        *s = (*s).min(max);
    }
    settle_detail_scroll(app);
    if let Overlay::Help { scroll, .. } = &app.overlay {
        let max = layout::help_max_scroll(&content::help::lines(&app.options), app.size);
        let scroll = (*scroll).min(max);
        if let Overlay::Help { scroll: s, .. } = &mut app.overlay {
            *s = scroll;
        }
    }
}

/// Keeps the detail pane's scroll within its text, so that `[` acts on the first press.
fn settle_detail_scroll(app: &mut App) {
    let Some(detail) = layout::areas(app.size, true).detail else {
        return;
    };
    // The pane's text sits under a one-line rule.
    let (width, height) = (
        detail.width as usize,
        detail.height.saturating_sub(1) as usize,
    );
    let len = match (app.sum, app.sum_selected(), app.selected_node()) {
        (true, Some((c, node)), _) => content::sum::detail_lines(app, c, node, width).0.len(),
        (false, _, Some((c, node))) => content::detail::lines(app, c, node, width).len(),
        _ => 0,
    };
    app.detail_scroll = app.detail_scroll.min(len.saturating_sub(height));
}

/// The tree state a tree view moves: the document's, or the sum's.
pub(super) fn state_mut(
    app: &mut App,
    c: Classification,
) -> Option<(&dyn Hierarchy, &mut TreeState)> {
    if app.years.on {
        let scope = app.scope_of(c);
        return app
            .years
            .split(c, scope)
            .map(|(y, s)| (y as &dyn Hierarchy, s));
    }
    if app.sum {
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
