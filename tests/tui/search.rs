//! The search pane: typing, choosing, jumping to every kind of target, Esc, n / N, odd input,
//! and the highlight of matched characters on double-width text.

use crate::common::*;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use ratatui::Terminal;
use yusuan::core::compare::Scope;
use yusuan::tui::app::{App, View};
use yusuan::tui::content;
use yusuan::tui::overlay::Overlay;

fn search(a: &mut App, query: &str) {
    press(a, "/");
    assert!((a.overlay == Overlay::Search));
    press(a, query);
}

fn names(a: &App) -> Vec<String> {
    a.search
        .hits
        .iter()
        .filter_map(|h| a.search.item(h).map(|i| i.name.clone()))
        .collect()
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The text line of the main area that a jump into a text view marked.
fn marked_line(a: &App) -> String {
    let (view, line) = a.mark.expect("a marked line");
    assert_eq!(view, a.view);
    let width = yusuan::tui::layout::areas(a.size, false).main.width;
    content::text_lines(a, view, width)[line].to_string()
}

#[test]
fn search_pane_snapshots() {
    for (query, name) in [("2080", "2080"), ("yanglao", "yanglao")] {
        for (w, h) in [(80, 24), (160, 50)] {
            let mut a = app();
            search(&mut a, query);
            let text = draw(&mut a, w, h);
            assert!(text.contains(&format!("/ {query}")), "{text}");
            insta::assert_snapshot!(format!("search_{name}_{w}x{h}"), text);
        }
    }
}

#[test]
fn code_then_enter_lands_on_the_node_in_the_functional_tree() {
    let mut a = app();
    press(&mut a, "2"); // start elsewhere: the economic tree
    search(&mut a, "2080505");
    assert_eq!(names(&a)[0], "机关事业单位基本养老保险缴费支出");
    a.update(key(KeyCode::Enter));
    assert!(!(a.overlay == Overlay::Search));
    assert_eq!(a.view, View::Functional);
    assert_eq!(a.selected_code(), Some("2080505"));
    let screen = draw(&mut a, 120, 40);
    assert!(
        screen.contains("208 › 20805 › 2080505 机关事业单位基本养老保险缴费支出"),
        "{screen}"
    );
    let row = screen
        .lines()
        .find(|l| l.contains("2080505 机关事业"))
        .unwrap_or_default();
    assert!(
        row.contains("51.81") && row.contains("48.94"),
        "{row}\n{screen}"
    );
}

#[test]
fn a_jump_to_a_node_hidden_by_the_scope_switches_to_all_funds() {
    let mut a = app();
    press(&mut a, "s");
    assert_eq!(a.scope, Scope::GeneralBudget);
    // 223 has no general-budget money.
    search(&mut a, "223");
    a.update(key(KeyCode::Enter));
    assert_eq!(a.selected_code(), Some("223"));
    assert_eq!(a.scope, Scope::AllFunds);
}

#[test]
fn initials_find_xingzheng_yunxing_first() {
    let mut a = app();
    search(&mut a, "xzyx");
    assert_eq!(names(&a).first().map(String::as_str), Some("行政运行"));
}

#[test]
fn esc_returns_exactly_to_where_the_user_was() {
    let mut a = app();
    press(&mut a, "lljl"); // 20805 expanded
    draw(&mut a, 80, 24);
    let (view, selected, offset) = (a.view, a.functional.selected, a.functional.offset);
    let expanded = a.functional.expanded.clone();
    search(&mut a, "xzyx");
    a.update(key(KeyCode::Down));
    a.update(key(KeyCode::Esc));
    assert!(!(a.overlay == Overlay::Search));
    assert_eq!(
        (a.view, a.functional.selected, a.functional.offset),
        (view, selected, offset)
    );
    assert_eq!(a.functional.expanded, expanded);
    assert_eq!(a.selected_code(), Some("20805"));
    // A text view's scroll too.
    press(&mut a, "8");
    draw(&mut a, 80, 24);
    press(&mut a, "jjjj");
    search(&mut a, "yanglao");
    a.update(key(KeyCode::Esc));
    assert_eq!(a.view, View::Narrative);
    assert_eq!(a.scroll[View::Narrative.index()], 4);
}

#[test]
fn typed_letters_go_to_the_query_not_to_the_keys() {
    let mut a = app();
    search(&mut a, "qjk?");
    assert!(!a.quit, "q is typed, not quit");
    assert_eq!(a.search.list.query, "qjk?");
    assert!(a.overlay.help().is_none());
    a.update(key(KeyCode::Backspace));
    assert_eq!(a.search.list.query, "qjk");
    a.update(ctrl('c'));
    assert!(a.quit, "Ctrl-C still quits");
}

#[test]
fn arrows_and_ctrl_p_n_choose() {
    let mut a = app();
    search(&mut a, "2080");
    assert!(a.search.hits.len() > 3);
    a.update(key(KeyCode::Down));
    a.update(ctrl('n'));
    assert_eq!(a.search.list.selected, 2);
    a.update(ctrl('p'));
    assert_eq!(a.search.list.selected, 1);
    a.update(key(KeyCode::Up));
    a.update(key(KeyCode::Up));
    assert_eq!(a.search.list.selected, 0, "stops at the first");
    a.update(key(KeyCode::Down));
    let chosen = names(&a)[1].clone();
    a.update(key(KeyCode::Enter));
    let code = a.selected_code().unwrap_or_default().to_string();
    let node = a.tree(a.view.classification().unwrap()).get(&code).unwrap();
    assert_eq!(
        a.tree(a.view.classification().unwrap()).nodes[node].name,
        chosen
    );
}

#[test]
fn n_and_shift_n_step_through_the_matches() {
    let mut a = app();
    search(&mut a, "2080");
    let codes: Vec<String> = a
        .search
        .hits
        .iter()
        .filter_map(|h| a.search.item(h).map(|i| i.code.clone()))
        .collect();
    assert!(codes.len() >= 3);
    a.update(key(KeyCode::Enter));
    assert_eq!(a.selected_code(), Some(codes[0].as_str()));
    press(&mut a, "n");
    assert_eq!(a.selected_code(), Some(codes[1].as_str()));
    press(&mut a, "n");
    assert_eq!(a.selected_code(), Some(codes[2].as_str()));
    press(&mut a, "N");
    assert_eq!(a.selected_code(), Some(codes[1].as_str()));
    press(&mut a, "NN");
    assert_eq!(
        a.selected_code(),
        codes.last().map(String::as_str),
        "N from the first wraps to the last"
    );
    assert!(a.status.as_deref().unwrap_or("").contains("/2080"));
}

#[test]
fn n_before_any_search_says_so() {
    let mut a = app();
    press(&mut a, "n");
    assert_eq!(a.selected_code(), Some("208"));
    assert!(a.status.is_some());
}

#[test]
fn no_results_says_so() {
    let mut a = app();
    search(&mut a, "zzzzqqq");
    assert!(a.search.hits.is_empty());
    let screen = draw(&mut a, 80, 24);
    assert!(screen.contains("无结果"), "{screen}");
    a.update(key(KeyCode::Enter));
    assert!(
        (a.overlay == Overlay::Search),
        "Enter on nothing does nothing"
    );
    let mut a = app_with(yusuan::tui::app::Options {
        lang: yusuan::cli::Lang::En,
        color: false,
        ..Default::default()
    });
    search(&mut a, "zzzzqqq");
    assert!(draw(&mut a, 80, 24).contains("No results"));
}

#[test]
fn a_procurement_row_a_project_and_a_glossary_term() {
    // 表九 row.
    let mut a = app();
    draw(&mut a, 100, 30);
    search(&mut a, "工程类");
    assert_eq!(names(&a)[0], "工程类");
    a.update(key(KeyCode::Enter));
    assert_eq!(a.view, View::Procurement);
    assert!(marked_line(&a).contains("工程类"), "{}", marked_line(&a));
    let screen = draw(&mut a, 100, 30);
    assert!(screen.contains("工程类"), "{screen}");
    // 表十一 project.
    let mut a = app();
    draw(&mut a, 100, 30);
    search(&mut a, "幼职教");
    a.update(key(KeyCode::Enter));
    assert_eq!(a.view, View::Performance);
    assert!(
        marked_line(&a).starts_with("表十一 "),
        "{}",
        marked_line(&a)
    );
    let screen = draw(&mut a, 100, 30);
    assert!(
        screen
            .lines()
            .nth(2)
            .unwrap_or_default()
            .starts_with("表十一"),
        "the project's table is at the top:\n{screen}"
    );
    // Glossary term.
    let mut a = app();
    draw(&mut a, 100, 30);
    search(&mut a, "“三公”经费");
    let at = a
        .search
        .hits
        .iter()
        .position(|h| {
            a.search
                .item(h)
                .is_some_and(|i| matches!(i.target, yusuan::core::search::Target::Glossary { .. }))
        })
        .expect("the glossary term is found");
    for _ in 0..at {
        a.update(key(KeyCode::Down));
    }
    a.update(key(KeyCode::Enter));
    assert_eq!(a.view, View::Narrative);
    assert_eq!(marked_line(&a).trim(), "“三公”经费", "{}", marked_line(&a));
    let screen = draw(&mut a, 100, 30);
    assert!(screen.contains("“三公”经费"), "{screen}");
    // A 三公 column.
    let mut a = app();
    draw(&mut a, 100, 30);
    search(&mut a, "公务接待费");
    a.update(key(KeyCode::Enter));
    assert_eq!(a.view, View::Economic, "30217 公务接待费 is a code first");
    press(&mut a, "n");
    assert_eq!(a.view, View::Sangong);
    assert!(
        marked_line(&a).contains("公务接待费"),
        "{}",
        marked_line(&a)
    );
}

#[test]
fn odd_queries_do_not_panic() {
    let long: String = std::iter::repeat_n("养老yanglao2080", 40).collect();
    for q in [
        "\u{1b}[2J",
        "\u{7}\u{8}\t",
        &long,
        "２０８０５０５",
        "   ",
        "行政 运行",
        "\u{200b}",
        "🙂🙂",
    ] {
        let mut a = app();
        press(&mut a, "/");
        for c in q.chars() {
            a.update(Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        for (w, h) in [(80, 24), (50, 12), (1, 1), (160, 50)] {
            draw(&mut a, w, h);
        }
        a.update(key(KeyCode::Enter));
        draw(&mut a, 80, 24);
    }
    let mut a = app();
    search(&mut a, "２０８０５０５");
    assert_eq!(
        names(&a).first().map(String::as_str),
        Some("机关事业单位基本养老保险缴费支出"),
        "full-width digits are normalised"
    );
}

#[test]
fn matched_cjk_characters_are_highlighted_on_their_cells() {
    let mut a = app();
    search(&mut a, "yanglao");
    a.update(Event::Resize(120, 30));
    let mut term = Terminal::new(TestBackend::new(120, 30)).expect("backend");
    term.draw(|f| yusuan::tui::render::render(&a, f))
        .expect("draw");
    let buf = term.backend().buffer().clone();
    let text = buffer_text(&buf);
    let y = text
        .lines()
        .position(|l| l.contains("2080505") && l.contains("机关事业单位基本养老保险缴费支出"))
        .expect("the row") as u16;
    // Cells of the row, wide characters' trailing cells included.
    let cells: Vec<(String, bool)> = (0..120)
        .map(|x| {
            let c = &buf[(x, y)];
            (
                c.symbol().to_string(),
                c.modifier.contains(Modifier::UNDERLINED),
            )
        })
        .collect();
    let x_yang = cells.iter().position(|(s, _)| s == "养").expect("养");
    let x_lao = cells.iter().position(|(s, _)| s == "老").expect("老");
    let x_ji = cells.iter().position(|(s, _)| s == "基").expect("基");
    assert_eq!(x_lao, x_yang + 2, "two cells per character");
    assert!(cells[x_yang].1 && cells[x_lao].1, "养老 highlighted");
    assert!(!cells[x_ji].1, "基 is not");
    assert!(
        !cells[x_lao + 2].1,
        "保 after 老 is not: the highlight does not drift by a cell"
    );
    let highlighted: Vec<&str> = cells
        .iter()
        .filter(|(s, on)| *on && !s.trim().is_empty())
        .map(|(s, _)| s.as_str())
        .collect();
    assert_eq!(highlighted, ["养", "老"]);
    // And the function itself, by cells.
    let spans = content::highlight::highlighted(
        "机关养老",
        &[2, 3],
        7,
        ratatui::style::Style::new().add_modifier(Modifier::UNDERLINED),
        "…",
    );
    let text: Vec<(String, bool)> = spans
        .iter()
        .map(|s| {
            (
                s.content.to_string(),
                s.style.add_modifier.contains(Modifier::UNDERLINED),
            )
        })
        .collect();
    assert_eq!(
        text,
        [
            ("机关".into(), false),
            ("养".into(), true),
            ("…".into(), false),
            ("".into(), false)
        ],
        "cut by width: 养 fits in 6 cells, 老 would not"
    );
}

#[test]
fn search_keys_are_in_the_help() {
    let mut a = app();
    press(&mut a, "?");
    let screen = draw(&mut a, 160, 60);
    for needle in ["/ ", "Ctrl-P", "Ctrl-N", "Backspace", "搜索"] {
        assert!(screen.contains(needle), "{needle}: {screen}");
    }
}

/// While the index is being built (from a cache `show` wrote, in the real loop), the pane says
/// so with how far it has got, in the language shown, instead of "no results".
#[test]
fn a_query_waiting_for_the_index_says_so() {
    for (lang, words) in [
        (
            yusuan::core::lang::Lang::Zh,
            "正在建立搜索索引（首次搜索此文件夹）… 7/20",
        ),
        (
            yusuan::core::lang::Lang::En,
            "building the search index (the folder's first search)… 7/20",
        ),
    ] {
        let mut a = app();
        a.options.lang = lang;
        press(&mut a, "/");
        a.search.list.query = "yanglao".into();
        a.search.waiting = true;
        a.search.building.start(20);
        for _ in 0..7 {
            a.search.building.tick();
        }
        let screen = draw(&mut a, 100, 20);
        assert!(screen.contains(words), "{screen}");
        assert!(
            !screen.contains("无结果") && !screen.contains("No results"),
            "{screen}"
        );
    }
}
