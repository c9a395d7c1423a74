//! Key sequences on the app's state, without a terminal.

use crate::common::*;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use yusuan::core::compare::Scope;
use yusuan::core::tree::Classification;
use yusuan::tui::app::{App, View};
use yusuan::tui::keys::{Action, Context, KEYS};

fn codes(a: &App) -> Vec<String> {
    let c = a.view.classification().expect("a tree view");
    a.rows(c)
        .iter()
        .map(|r| a.tree(c).nodes[r.node].code.clone())
        .collect()
}

fn selected_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("2080101 行政运行") && l.contains("530.70"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn opens_at_class_level_with_the_first_class_selected() {
    let a = app();
    assert_eq!(a.view, View::Functional);
    assert_eq!(codes(&a), ["208", "210", "221", "223", ""]);
    assert_eq!(a.selected_code(), Some("208"));
}

#[test]
fn drill_from_208_to_2080101_with_letters() {
    let mut a = app();
    press(&mut a, "l");
    assert_eq!(
        a.selected_code(),
        Some("208"),
        "expanding keeps the selection"
    );
    press(&mut a, "l");
    assert_eq!(
        a.selected_code(),
        Some("20801"),
        "on an expanded node → first child"
    );
    press(&mut a, "ll");
    assert_eq!(a.selected_code(), Some("2080101"));
    let screen = draw(&mut a, 80, 24);
    let line = selected_line(&screen);
    for figure in ["451.66", "530.70", "+79.04", "+17.50%"] {
        assert!(line.contains(figure), "{figure} missing from {line:?}");
    }
    assert!(
        screen.contains("208 › 20801 › 2080101 行政运行"),
        "{screen}"
    );
}

#[test]
fn drill_with_arrows_and_enter_then_back_out() {
    let mut a = app();
    a.update(key(KeyCode::Right));
    a.update(key(KeyCode::Enter));
    a.update(key(KeyCode::Right));
    a.update(key(KeyCode::Down));
    assert_eq!(a.selected_code(), Some("2080101"));
    a.update(key(KeyCode::Left));
    assert_eq!(
        a.selected_code(),
        Some("20801"),
        "← on a leaf goes to the parent"
    );
    a.update(key(KeyCode::Left));
    assert_eq!(
        a.selected_code(),
        Some("20801"),
        "← on an expanded node collapses it"
    );
    assert!(!codes(&a).contains(&"2080101".to_string()));
    press(&mut a, " ");
    assert!(codes(&a).contains(&"2080101".to_string()), "space toggles");
}

#[test]
fn expand_all_and_collapse_all() {
    let mut a = app();
    press(&mut a, "e");
    assert_eq!(codes(&a).len(), 22, "21 codes and the total");
    press(&mut a, "G");
    assert_eq!(a.selected_code(), Some(""), "the total row is last");
    press(&mut a, "k");
    assert_eq!(a.selected_code(), Some("2230105"));
    press(&mut a, "E");
    assert_eq!(codes(&a).len(), 5);
    assert_eq!(
        a.selected_code(),
        Some("223"),
        "collapse all keeps the root selected"
    );
    press(&mut a, "g");
    assert_eq!(a.selected_code(), Some("208"));
}

#[test]
fn sort_by_amount_and_flip() {
    let mut a = app();
    // Largest first on the first press (issue 11); O flips.
    press(&mut a, "o");
    assert_eq!(codes(&a), ["208", "223", "221", "210", ""]);
    press(&mut a, "O");
    assert_eq!(codes(&a), ["210", "221", "223", "208", ""]);
    let screen = draw(&mut a, 80, 24);
    assert!(screen.contains("排序 金额↑"), "{screen}");
    press(&mut a, "o");
    // By change, descending: 223 +231.00, 208 +79.80, 210 +12.07, 221 +8.31.
    assert_eq!(codes(&a), ["223", "208", "210", "221", ""]);
    press(&mut a, "o");
    // By percent, descending: 新增 first, then +52.82%, +22.64%, +7.04%.
    assert_eq!(codes(&a), ["223", "210", "221", "208", ""]);
    // Back to codes, in order.
    press(&mut a, "o");
    assert_eq!(codes(&a), ["208", "210", "221", "223", ""]);
}

#[test]
fn switching_views_keeps_the_selection() {
    let mut a = app();
    press(&mut a, "llll");
    press(&mut a, "2");
    assert_eq!(a.view, View::Economic);
    assert_eq!(a.selected_code(), Some("301"));
    press(&mut a, "1");
    assert_eq!(a.selected_code(), Some("2080101"));
    for _ in 0..View::ALL.len() {
        a.update(key(KeyCode::Tab));
    }
    assert_eq!(a.view, View::Functional);
    assert_eq!(a.selected_code(), Some("2080101"));
    a.update(key(KeyCode::BackTab));
    assert_eq!(a.view, View::Narrative);
}

#[test]
fn scope_toggle_hides_what_the_general_budget_lacks() {
    let mut a = app();
    press(&mut a, "G");
    press(&mut a, "k");
    assert_eq!(a.selected_code(), Some("223"));
    press(&mut a, "s");
    assert_eq!(a.scope, Scope::GeneralBudget);
    assert!(!codes(&a).contains(&"223".to_string()));
    assert!(codes(&a)
        .iter()
        .any(|c| c == a.selected_code().unwrap_or("?")));
    let screen = draw(&mut a, 80, 24);
    assert!(screen.contains("一般公共预算(表二)"), "{screen}");
    press(&mut a, "s");
    assert_eq!(a.scope, Scope::AllFunds);
}

#[test]
fn help_opens_closes_and_lists_every_key() {
    let mut a = app();
    press(&mut a, "?");
    assert!(a.overlay.help().is_some());
    let screen = draw(&mut a, 160, 50);
    for binding in KEYS {
        assert!(
            screen.contains(&binding.keys_label(false)),
            "help lacks {}",
            binding.keys_label(false)
        );
        assert!(
            screen.contains(binding.help_zh),
            "help lacks {}",
            binding.help_zh
        );
    }
    press(&mut a, "j");
    assert_eq!(
        a.view,
        View::Functional,
        "keys do not leak through the overlay"
    );
    assert_eq!(a.selected_code(), Some("208"));
    a.update(key(KeyCode::Esc));
    assert!(a.overlay.help().is_none());
    press(&mut a, "??");
    assert!(a.overlay.help().is_none(), "? toggles");
}

#[test]
fn hint_line_comes_from_the_key_table() {
    let mut a = app();
    let screen = draw(&mut a, 160, 50);
    let hints = screen.lines().last().unwrap_or_default();
    for binding in KEYS
        .iter()
        .filter(|b| !b.hint_zh.is_empty() && b.context == Context::Browse)
    {
        // The picker and the sum need several documents; the year keys several years of one
        // department: the bundled document alone shows none of their hints.
        let many_only = matches!(
            binding.action,
            Action::Picker | Action::Aggregate | Action::Years | Action::YearPair
        );
        assert_eq!(
            hints.contains(binding.hint_zh),
            !many_only,
            "{}: {hints}",
            binding.hint_zh
        );
    }
    // In the search pane the hints are the pane's.
    press(&mut a, "/");
    let screen = draw(&mut a, 160, 50);
    let hints = screen.lines().last().unwrap_or_default();
    for binding in KEYS
        .iter()
        .filter(|b| !b.hint_zh.is_empty() && b.context == Context::Input)
    {
        assert!(hints.contains(binding.hint_zh), "{hints}");
    }
}

#[test]
fn quit_with_q_and_ctrl_c_from_the_help() {
    let mut a = app();
    press(&mut a, "q");
    assert!(a.quit);
    let mut a = app();
    press(&mut a, "?");
    a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(a.quit);
}

#[test]
fn only_presses_act() {
    let mut a = app();
    a.update(Event::Key(KeyEvent {
        code: KeyCode::Char('j'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    }));
    assert_eq!(a.selected_code(), Some("208"));
}

#[test]
fn copy_puts_the_row_on_the_clipboard() {
    let mut a = app();
    press(&mut a, "lllly");
    let text = a.clipboard.clone().unwrap_or_default();
    assert_eq!(
        text.split('\t').take(6).collect::<Vec<_>>(),
        [
            "2080101",
            "行政运行",
            "451.66",
            "530.70",
            "+79.04",
            "+17.50%"
        ]
    );
    assert!(a.status.as_deref().unwrap_or("").contains("2080101"));
}

#[test]
fn mouse_click_selects_and_marker_toggles() {
    let mut a = app();
    draw(&mut a, 80, 24);
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Rows: header line, tab line, column header, then 208 at y=3, 210 at y=4.
    a.update(click(20, 4));
    assert_eq!(a.selected_code(), Some("210"));
    assert_eq!(codes(&a).len(), 5, "a click on the name does not toggle");
    a.update(click(0, 4));
    assert_eq!(codes(&a).len(), 6, "a click on the marker expands");
    // A click on a tab switches views.
    a.update(click(12, 1));
    assert_eq!(a.view, View::Economic);
    press(&mut a, "m");
    assert!(!a.options.mouse);
    a.update(click(2, 1));
    assert_eq!(a.view, View::Economic, "no capture, no clicks");
}

#[test]
fn detail_pane_shows_derivation_links_and_findings() {
    let mut a = app();
    // 2080505 links to 30108.
    press(&mut a, "lljll");
    assert_eq!(a.selected_code(), Some("2080505"));
    let c = Classification::Functional;
    let node = a.tree(c).get("2080505").unwrap_or(0);
    let text: String = yusuan::tui::content::detail::lines(&a, c, node, 200)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(text.contains("30108"), "{text}");
    assert!(text.contains("推算"), "{text}");
    // 21011 has a rounding finding.
    let node = a.tree(c).get("21011").unwrap_or(0);
    let text: String = yusuan::tui::content::detail::lines(&a, c, node, 200)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(text.contains("舍入差"), "{text}");
    // 30217 ↔ 表四.
    let e = Classification::Economic;
    let node = a.tree(e).get("30217").unwrap_or(0);
    let text: String = yusuan::tui::content::detail::lines(&a, e, node, 200)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(text.contains("表四"), "{text}");
}

#[test]
fn text_views_scroll_within_their_content() {
    let mut a = app();
    press(&mut a, "8");
    draw(&mut a, 80, 24);
    press(&mut a, "jjj");
    assert_eq!(a.scroll[View::Narrative.index()], 3);
    press(&mut a, "G");
    let end = a.scroll[View::Narrative.index()];
    assert!(end > 3);
    press(&mut a, "j");
    assert_eq!(
        a.scroll[View::Narrative.index()],
        end,
        "no scrolling past the end"
    );
    press(&mut a, "g");
    assert_eq!(a.scroll[View::Narrative.index()], 0);
}

/// The colour of the first cell of `needle` on the row of `code`.
fn colour_of(a: &mut App, code_and_name: &str, needle: &str) -> ratatui::style::Color {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    a.update(Event::Resize(80, 24));
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("backend");
    term.draw(|f| yusuan::tui::render::render(a, f))
        .expect("draw");
    let buf = term.backend().buffer().clone();
    let text = buffer_text(&buf);
    let y = text
        .lines()
        .position(|l| l.contains(code_and_name))
        .expect("row on screen");
    // Find the needle by cell, so wide characters before it do not shift the column.
    let row: Vec<&str> = (0..80).map(|x| buf[(x, y as u16)].symbol()).collect();
    let first = needle.chars().next().map(String::from).unwrap_or_default();
    let x = (0..80usize)
        .find(|&x| {
            row[x] == first
                && needle
                    .chars()
                    .skip(1)
                    .enumerate()
                    .all(|(k, c)| row.get(x + 1 + k).is_some_and(|s| *s == c.to_string()))
        })
        .expect("needle on the row");
    buf[(x as u16, y as u16)].fg
}

#[test]
fn increases_red_decreases_green_unless_flipped_or_no_color() {
    use ratatui::style::Color;
    use yusuan::tui::app::Options;
    let mut a = app_with(Options::default());
    press(&mut a, "l");
    assert_eq!(colour_of(&mut a, "20801 人力", "+96.61"), Color::Red);
    assert_eq!(colour_of(&mut a, "20899 其他", "-21.12"), Color::Green);
    let mut a = app_with(Options {
        green_up: true,
        ..Options::default()
    });
    press(&mut a, "l");
    assert_eq!(colour_of(&mut a, "20801 人力", "+96.61"), Color::Green);
    assert_eq!(colour_of(&mut a, "20899 其他", "-21.12"), Color::Red);
    let mut a = app(); // colour off, as NO_COLOR asks
    press(&mut a, "l");
    assert_eq!(colour_of(&mut a, "20801 人力", "+96.61"), Color::Reset);
}

#[test]
fn the_first_o_sorts_amounts_largest_first() {
    let mut a = app();
    press(&mut a, "o");
    let screen = draw(&mut a, 160, 50);
    assert!(
        screen.lines().next().unwrap().contains("排序 金额↓"),
        "{screen}"
    );
    let rows: Vec<&str> = screen.lines().skip(3).take(4).collect();
    assert!(rows[0].contains("208 社会保障和就业支出"), "{rows:?}");
    assert!(rows[1].contains("223 国有资本经营预算支出"), "{rows:?}");
    press(&mut a, "o");
    let screen = draw(&mut a, 160, 50);
    assert!(screen.lines().next().unwrap().contains("增减↓"), "{screen}");
}

#[test]
fn f_lists_every_item_by_amount_across_the_tree() {
    let mut a = app();
    press(&mut a, "f");
    let screen = draw(&mut a, 160, 50);
    assert!(
        screen.lines().next().unwrap().contains("全部项"),
        "{screen}"
    );
    // The largest 项 of the whole tree first: 2080101 行政运行 530.70, then 2080109 385.81.
    let rows: Vec<&str> = screen.lines().skip(3).take(2).collect();
    assert!(rows[0].contains("2080101 行政运行"), "{rows:?}");
    assert!(rows[1].contains("2080109 社会保险经办机构"), "{rows:?}");
    assert!(
        !screen.contains("208 社会保障和就业支出"),
        "no 类 rows: {screen}"
    );
    press(&mut a, "o");
    let screen = draw(&mut a, 160, 50);
    assert!(screen.lines().next().unwrap().contains("增减↓"), "{screen}");
    press(&mut a, "f");
    let screen = draw(&mut a, 160, 50);
    assert!(
        screen.contains("208 社会保障和就业支出"),
        "the tree again: {screen}"
    );
}
