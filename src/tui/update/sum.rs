//! The sum over the departments of a year: turning it on and off, and choosing a department
//! behind one of its figures.

use crate::core::tree::TOTAL;
use crate::tui::aggregate::TOP;
use crate::tui::app::App;
use crate::tui::keys::Action;
use crate::tui::overlay::Overlay;

/// `a`: turns the sum on with the same code selected, or off back to the document, where the
/// code is selected too if the document has it.
pub(super) fn toggle_sum(app: &mut App) {
    let Some(c) = app.view.classification() else {
        return;
    };
    let year = app.doc().fiscal_year;
    if app.sum {
        let code = app
            .shown_sum()
            .and_then(|(_, view, state)| view.node(state.selected).map(|n| n.code.clone()));
        app.sum = false;
        if let Some(code) = code.filter(|c| !c.is_empty()) {
            app.select_code(c, &code);
        }
        return;
    }
    // Read from the cache's documents, a sum takes seconds on a large folder: said first.
    let cached = matches!(app.library, crate::library::Library::Cached(_));
    if cached && app.agg.view(year, c).is_none() {
        super::say(app, crate::tui::i18n::Msg::Summing);
        app.deferred = Some(crate::tui::app::Deferred::Sum);
        return;
    }
    sum_now(app);
}

/// Turns the sum on, computing it if it is not yet.
pub(super) fn sum_now(app: &mut App) {
    let Some(c) = app.view.classification() else {
        return;
    };
    let year = app.doc().fiscal_year;
    if app.status.as_deref() == Some(app.text(crate::tui::i18n::Msg::Summing)) {
        app.status = None;
    }
    if !app.agg.ensure(&app.library, year, c) {
        super::say(app, crate::tui::i18n::Msg::CacheUnreadable);
        return;
    }
    app.sum = true;
    let code = app.selected_code().unwrap_or("").to_string();
    if let Some((agg, state)) = app.agg.split(year, c) {
        match agg.get(&code) {
            Some(i) => state.reveal(agg, i),
            None if code.is_empty() => state.selected = TOTAL,
            None => {}
        }
    }
}

/// `c` and the keys while choosing: the cursor moves over the top contributors, Enter opens the
/// department's document at the same code; any other key ends the choice. `choosing` is the
/// cursor when the choice is already open.
pub(super) fn contributors_key(app: &mut App, action: Action, choosing: Option<usize>) {
    let at = choosing.unwrap_or(0);
    let Some((c, view, state)) = app.shown_sum() else {
        return;
    };
    let Some(n) = view.node(state.selected) else {
        return;
    };
    let count = n.contributors.len().min(TOP);
    let code = n.code.clone();
    let doc = n.contributors.get(at).map(|(d, _)| *d);
    app.overlay = match action {
        Action::Contributors if choosing.is_none() => {
            if count > 0 {
                Overlay::Contributors { at: 0 }
            } else {
                Overlay::None
            }
        }
        Action::Up => Overlay::Contributors {
            at: at.saturating_sub(1),
        },
        Action::Down => Overlay::Contributors {
            at: (at + 1).min(count.saturating_sub(1)),
        },
        Action::Expand => {
            if let Some(d) = doc {
                app.sum = false;
                app.open_document(d);
                if !code.is_empty() {
                    app.select_code(c, &code);
                }
                Overlay::None
            } else {
                Overlay::Contributors { at }
            }
        }
        Action::Quit => {
            app.quit = true;
            Overlay::Contributors { at }
        }
        _ => Overlay::None,
    };
}
