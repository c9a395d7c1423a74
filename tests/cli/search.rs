//! `yusuan search` run as a real process.

use serde_json::Value;
use std::process::{Command, Output};

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn json_lists_every_yanglao_line_with_its_amounts() {
    let out = yusuan(&["search", "养老", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    let line = hits
        .iter()
        .find(|h| h["code"] == "2080505")
        .expect("2080505 is a 养老 line");
    assert_eq!(line["name"], "机关事业单位基本养老保险缴费支出");
    assert_eq!(line["amount_2024"], "51.81");
    assert_eq!(line["amount_2023"], "48.94");
    assert_eq!(line["target"]["kind"], "node");
    assert_eq!(line["target"]["classification"], "functional");
    assert_eq!(line["matched"]["name"], serde_json::json!([8, 9]));
    let mut codes: Vec<&str> = hits.iter().filter_map(|h| h["code"].as_str()).collect();
    codes.sort();
    assert_eq!(codes, ["20805", "2080505", "2080599", "30108"]);
    assert!(hits.iter().all(|h| h["where"].is_string()));
}

#[test]
fn text_puts_the_exact_code_first() {
    let out = yusuan(&["search", "2080505"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("2080505"), "{first}");
    assert!(
        first.contains("机关事业单位基本养老保险缴费支出"),
        "{first}"
    );
    assert!(
        first.contains("2024 51.81") && first.contains("2023 48.94"),
        "{first}"
    );
}

#[test]
fn initials_and_limit() {
    let out = yusuan(&["search", "xzyx", "--json", "--limit", "1"]);
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["name"], "行政运行");
    assert_eq!(hits[0]["match"], "pinyin");
}

#[test]
fn nothing_found_exits_1_with_a_message() {
    let out = yusuan(&["search", "没有这个"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("无结果 / no results"), "{err}");
    let out = yusuan(&["search", "\u{1b}[2J", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(hits.is_empty());
}

#[test]
fn a_folder_is_searched_as_one_index_naming_each_department() {
    let dir = std::env::temp_dir().join(format!("yusuan_search_cli_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = yusuan::core::load::BUNDLED_JSON;
    let mut other: Value = serde_json::from_str(json).unwrap();
    other["department"]["code"] = "125".into();
    other["department"]["name"] = "另一个单位".into();
    std::fs::write(dir.join("a.json"), json).unwrap();
    std::fs::write(dir.join("b.json"), other.to_string()).unwrap();
    let out = yusuan(&[
        "--data",
        dir.to_str().unwrap(),
        "search",
        "2080505",
        "--json",
    ]);
    let text = yusuan(&["--data", dir.to_str().unwrap(), "search", "2080505"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut depts: Vec<&str> = hits
        .iter()
        .map(|h| h["department_code"].as_str().unwrap())
        .collect();
    depts.sort();
    assert_eq!(depts, ["124", "125"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.lines().any(|l| l.starts_with("另一个单位")), "{text}");
}

#[test]
fn an_empty_query_and_limit_0_are_usage_errors() {
    for args in [
        &["search", ""][..],
        &["search", "  "],
        &["search", "养老", "--limit", "0"],
    ] {
        let out = yusuan(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("无结果"), "{args:?}: not 'no results': {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn text_lists_the_earlier_year_first() {
    let out = yusuan(&["search", "2080505"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2023 48.94  2024 51.81"), "{text}");
}
