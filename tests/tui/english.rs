//! `--lang en` is complete: every view, pane and message of the browser drawn in English, at two
//! sizes, shows no CJK that is not the documents' own text (names, titles, headers, quotes); and
//! English snapshots of a few screens.

use crate::common::cjk::{assert_no_foreign_cjk, data_strings, foreign_runs};
use crate::common::*;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use yusuan::cli::Lang;
use yusuan::core::collection::Collection;
use yusuan::tui::app::{App, Options, View};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 50)];

fn english() -> Options {
    Options {
        lang: Lang::En,
        color: false,
        ..Options::default()
    }
}

/// The key sequences that reach every screen of a view: as opened, drilled into (the detail
/// pane), expanded and sorted, flat, the other scope, the help, the search pane with results
/// of every kind, the picker, and the messages of keys that do not apply.
const SEQUENCES: &[&str] = &[
    "",
    "llll",
    "jjjllj",
    "eoo",
    "f",
    "s",
    "sEljjj",
    "?",
    "?GG",
    "/yanglao",
    "/2080",
    "/gongwu",
    "/xiangmu",
    "/zhibiao",
    "/mingci",
    "/zzzzqqq",
    "p",
    "a",
    "c",
    "t",
    "w",
    "n",
    "m",
    "y",
    "jjjjjjjjjjjjjjjjy",
];

/// Draws every view after every sequence at both sizes and checks each screen.
fn every_screen(make: &dyn Fn() -> App, data: &[String], typed: &[&str]) {
    let mut allowed: Vec<String> = data.to_vec();
    allowed.extend(typed.iter().map(|s| s.to_string()));
    for (w, h) in SIZES {
        for (i, _) in View::ALL.iter().enumerate() {
            for keys in SEQUENCES {
                let mut a = make();
                press(&mut a, &(i + 1).to_string());
                // A sequence that opens a pane is typed into it.
                let (first, rest) = keys.split_at(keys.len().min(1));
                press(&mut a, first);
                press(&mut a, rest);
                let text = draw(&mut a, w, h);
                assert_no_foreign_cjk(
                    &format!("view {} keys {keys:?} {w}x{h}", i + 1),
                    &text,
                    &allowed,
                );
                a.update(key(KeyCode::Esc));
                let text = draw(&mut a, w, h);
                assert_no_foreign_cjk(
                    &format!("view {} keys {keys:?} then Esc {w}x{h}", i + 1),
                    &text,
                    &allowed,
                );
            }
        }
    }
}

#[test]
fn the_bundled_document_in_english_shows_no_chinese_but_its_own() {
    let doc = yusuan::core::load::bundled();
    let data = data_strings([&doc]);
    every_screen(&|| app_with(english()), &data, &[]);
}

fn fixtures_collection() -> Collection {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years");
    yusuan::open::open(Some(&dir), true).expect("the year fixtures load")
}

#[test]
fn a_department_s_years_in_english_show_no_chinese_but_their_own() {
    let c = fixtures_collection();
    let data = data_strings(&c.documents);
    every_screen(
        &|| App::from_collection(fixtures_collection(), english()),
        &data,
        &[],
    );
    // The year columns' other pairs, all columns and the other unit.
    for keys in ["w", "W", "u", "uW", "eu", "jjj"] {
        let mut a = App::from_collection(fixtures_collection(), english());
        press(&mut a, keys);
        let text = draw(&mut a, 160, 50);
        assert_no_foreign_cjk(&format!("years {keys:?}"), &text, &data);
    }
}

#[test]
fn the_sum_over_departments_in_english_shows_no_chinese_but_their_own() {
    let dir = std::env::temp_dir().join(format!("yusuan-tui-english-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    crate::generate::write_all(&dir, 4, &[2023, 2024], 3).expect("write the synthetic data");
    let load = || yusuan::core::collection::load_dir(&dir, false).expect("load");
    let c = load();
    let data = data_strings(&c.documents);
    for keys in [
        "", "a", "al", "allll", "ac", "acj", "af", "ao", "2a", "2al", "p", "pj", "/yanglao",
    ] {
        for (w, h) in SIZES {
            let mut a = App::from_collection(load(), english());
            a.update(key(KeyCode::Enter));
            press(&mut a, keys);
            let text = draw(&mut a, w, h);
            assert_no_foreign_cjk(&format!("sum {keys:?} {w}x{h}"), &text, &data);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_check_can_fail() {
    let data = vec![
        "机关事业单位基本养老保险缴费支出".to_string(),
        "表三".to_string(),
    ];
    assert!(foreign_runs("2080505 机关事业单位基本养老保险缴费支出 (表三)", &data).is_empty());
    assert!(foreign_runs("2080505 机关事业单位基本养老…", &data).is_empty());
    assert_eq!(
        foreign_runs("[舍入差] 表三 = 下级之和", &data),
        ["舍入差", "下级之和"]
    );
    assert_eq!(foreign_runs("unit 万元", &data), ["万元"]);
    assert!(foreign_runs("表三 “机关事业单位基本养老保险缴费支出”", &data).is_empty());
    // The Chinese interface is caught on the same screen that passes in English.
    let doc = yusuan::core::load::bundled();
    let data = data_strings([&doc]);
    let mut a = app();
    press(&mut a, "llll");
    assert!(!foreign_runs(&draw(&mut a, 160, 50), &data).is_empty());
}

#[test]
fn english_snapshots() {
    let shots: &[(&str, &str, u16, u16)] = &[
        ("functional_drilled", "llll", 120, 40),
        ("economic_30217", "2jllljjjjjjjj", 120, 40),
        ("summary", "3", 120, 40),
        ("help", "?", 100, 40),
        ("search_yanglao", "/yanglao", 120, 30),
        ("narrative", "8", 100, 30),
    ];
    for (name, keys, w, h) in shots {
        let mut a = app_with(english());
        press(&mut a, keys);
        insta::assert_snapshot!(format!("english_{name}"), draw(&mut a, *w, *h));
    }
    let mut a = App::from_collection(fixtures_collection(), english());
    press(&mut a, "ej");
    insta::assert_snapshot!("english_years", draw(&mut a, 140, 40));
}
