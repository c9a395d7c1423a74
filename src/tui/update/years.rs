//! The year columns: turning them on and off with the same code selected, the pair compared,
//! every year at once, the display unit.

use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::keys::Action;

pub(super) fn years_key(app: &mut App, action: Action) {
    match action {
        Action::Years => toggle_years(app),
        _ if !app.years.on => super::say(app, Msg::YearsFirst),
        Action::YearPair => app.years.next_pair(),
        Action::AllYears => app.years.all = !app.years.all,
        Action::Unit => app.years.toggle_unit(),
        _ => {}
    }
}

/// `t`: the year columns on with the same code selected, or off back to the document, where the
/// code is selected too if the document has it.
fn toggle_years(app: &mut App) {
    let department = app.doc().department.code.clone();
    if app.years.on {
        let code = app
            .shown_years()
            .and_then(|(_, y, s)| y.nodes.get(s.selected).map(|n| n.code.clone()));
        app.years.on = false;
        if let (Some(c), Some(code)) = (app.view.classification(), code) {
            if !code.is_empty() {
                app.select_code(c, &code);
            }
        }
        return;
    }
    if app.library.years_of(&department).len() < 2 {
        super::say(app, Msg::NeedYears);
        return;
    }
    if !app.years.open(&app.library, &department) {
        super::say(app, Msg::CacheUnreadable);
        return;
    }
    app.sum = false;
    app.years.on = true;
    if let Some(c) = app.view.classification() {
        let code = app.selected_code().unwrap_or("").to_string();
        let scope = app.scope_of(c);
        app.years.reveal(c, scope, &code);
    }
}
