//! Every view drawn through ratatui's TestBackend at 80×24 and 160×50, compared with committed
//! snapshots (tests/snapshots). Plus tiny sizes that must not panic.

use crate::common::*;
use ratatui::crossterm::event::KeyCode;
use yusuan::cli::Lang;
use yusuan::tui::app::{Options, View};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 50)];

fn snapshot_views(name: &str, setup: &str) {
    for (w, h) in SIZES {
        for (i, view) in View::ALL.iter().enumerate() {
            let mut a = app();
            press(&mut a, setup);
            press(&mut a, &(i + 1).to_string());
            assert_eq!(a.view, *view);
            let text = draw(&mut a, w, h);
            insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", i + 1), text);
        }
    }
}

#[test]
fn every_view_at_both_sizes() {
    snapshot_views("view", "");
}

#[test]
fn functional_tree_drilled_to_2080101() {
    for (w, h) in SIZES {
        let mut a = app();
        press(&mut a, "llll");
        let text = draw(&mut a, w, h);
        assert!(text.contains("2080101 行政运行"), "{text}");
        insta::assert_snapshot!(format!("drilled_{w}x{h}"), text);
    }
}

#[test]
fn functional_tree_expanded_general_budget_sorted_by_change() {
    let mut a = app();
    press(&mut a, "esoo");
    insta::assert_snapshot!("expanded_general_budget_by_change", draw(&mut a, 120, 40));
}

#[test]
fn economic_tree_at_30217_with_its_links() {
    let mut a = app();
    press(&mut a, "2");
    press(&mut a, "jllll");
    // 302 → 30217 公务接待费 is the ninth child.
    for _ in 0..8 {
        press(&mut a, "j");
    }
    assert_eq!(a.selected_code(), Some("30217"));
    insta::assert_snapshot!("economic_30217", draw(&mut a, 120, 40));
}

#[test]
fn ascii_and_english() {
    let mut a = app_with(Options {
        ascii: true,
        lang: Lang::En,
        color: false,
        ..Options::default()
    });
    press(&mut a, "llll");
    let text = draw(&mut a, 80, 24);
    for wide_when_ambiguous in ['…', '├', '└', '│', '─', '█', '▶', '▼', '→', '↑', '↓']
    {
        assert!(
            !text.contains(wide_when_ambiguous),
            "--ascii drew {wide_when_ambiguous}: {text}"
        );
    }
    insta::assert_snapshot!("ascii_english_80x24", text);
}

#[test]
fn help_overlay() {
    let mut a = app();
    press(&mut a, "?");
    insta::assert_snapshot!("help_80x24", draw(&mut a, 80, 24));
}

#[test]
fn too_small_says_so() {
    let mut a = app();
    let text = draw(&mut a, 40, 10);
    assert!(text.contains("终端太小"), "{text}");
}

#[test]
fn tiny_sizes_do_not_panic() {
    for (w, h) in [
        (1, 1),
        (2, 80),
        (80, 2),
        (20, 5),
        (0, 0),
        (50, 12),
        (51, 13),
    ] {
        for i in 0..View::ALL.len() {
            let mut a = app();
            press(&mut a, &(i + 1).to_string());
            press(&mut a, "eGjjk");
            draw(&mut a, w, h);
            a.update(key(KeyCode::PageDown));
            press(&mut a, "?");
            draw(&mut a, w, h);
        }
    }
}

#[test]
fn ascii_draws_no_middle_dot_and_amounts_keep_their_scale() {
    let mut a = app_with(Options {
        ascii: true,
        color: false,
        ..Options::default()
    });
    press(&mut a, "/");
    press(&mut a, "yanglao");
    let screen = draw(&mut a, 160, 50);
    assert!(screen.contains("2080505"), "{screen}");
    assert!(
        !screen.contains('·'),
        "ambiguous-width dot under --ascii:\n{screen}"
    );
    for i in 1..=8 {
        let mut a = app_with(Options {
            ascii: true,
            color: false,
            ..Options::default()
        });
        press(&mut a, &i.to_string());
        let screen = draw(&mut a, 160, 50);
        assert!(!screen.contains('·'), "view {i}:\n{screen}");
    }
}

#[test]
fn rows_with_findings_are_marked_in_the_tree() {
    // 302 prints 149.50 and its 款 sum to 149.49: a rounding difference, `~`.
    let mut a = app();
    press(&mut a, "2");
    let screen = draw(&mut a, 160, 50);
    let row = screen
        .lines()
        .find(|l| l.contains("302 商品和服务支出"))
        .unwrap();
    assert!(row.contains(" ~ "), "{row}");
    // A figure changed so that its checks fail: `!` on its row, and the legend in the help.
    let mut v: serde_json::Value = serde_json::from_str(yusuan::core::load::BUNDLED_JSON).unwrap();
    for t in v["tables"].as_array_mut().unwrap() {
        if t["id"] == "表八" {
            for r in t["rows"].as_array_mut().unwrap() {
                if r["code"] == "2080505" {
                    r["cells"]["total"] = "99.99".into();
                }
            }
        }
    }
    let doc = yusuan::core::load::parse("edited.json", v.to_string().as_bytes()).unwrap();
    let mut a = yusuan::tui::app::App::new(
        doc,
        Options {
            color: false,
            ..Options::default()
        },
    );
    press(&mut a, "e");
    let screen = draw(&mut a, 160, 50);
    let row = screen
        .lines()
        .find(|l| l.contains("2080505 机关事业"))
        .unwrap();
    assert!(row.contains(" ! "), "{row}");
    press(&mut a, "?");
    let screen = draw(&mut a, 160, 50);
    assert!(screen.contains("! 读到此行的检查不符"), "{screen}");
}

#[test]
fn the_procurement_view_shows_its_narrative_paragraph() {
    let mut a = app();
    press(&mut a, "5");
    let screen = draw(&mut a, 160, 50);
    assert!(screen.contains("本单位政府采购预算总额 5 万元"), "{screen}");
}

#[test]
fn a_key_in_a_text_view_does_not_wrap_the_text_again() {
    let mut a = app();
    press(&mut a, "8");
    draw(&mut a, 120, 40);
    let before = a.text_lines(a.view, 120);
    press(&mut a, "jjj");
    draw(&mut a, 120, 40);
    assert!(
        std::rc::Rc::ptr_eq(&before, &a.text_lines(a.view, 120)),
        "wrapped again"
    );
    // A new width wraps anew.
    draw(&mut a, 100, 40);
    assert!(!std::rc::Rc::ptr_eq(&before, &a.text_lines(a.view, 100)));
}
