//! `yusuan compare` and `yusuan show CODE` over a department's years: the synthetic 元 / 万元
//! pair (committed) and the three 万里 PDFs (../shared, SKIPPED when absent).

use std::path::Path;
use std::process::Command;

fn yusuan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixtures() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/years")
        .display()
        .to_string()
}

#[test]
fn compare_lists_changes_and_new_and_dropped_codes_in_one_unit() {
    let o = yusuan(&["compare", "--data", &fixtures()]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("单位：万元"), "{text}");
    assert!(
        text.contains("2010101 行政运行（机关）  100.00 → 120.25  +20.25 (+20.25%)"),
        "{text}"
    );
    assert!(
        text.contains("新增 1 个") && text.contains("2010104 人大会议  60.00"),
        "{text}"
    );
    assert!(
        text.contains("取消 1 个") && text.contains("2010102 一般行政管理事务  50.00"),
        "{text}"
    );
    let o = yusuan(&["compare", "--data", &fixtures(), "--json", "--limit", "1"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["new"][0]["code"], "2010104");
    assert_eq!(v[0]["dropped"][0]["code"], "2010102");
    assert_eq!(v[0]["largest_changes"].as_array().unwrap().len(), 1);
    // One document has nothing to compare.
    let one = format!("{}/synthetic_2023_yuan.json", fixtures());
    assert_eq!(yusuan(&["compare", "--data", &one]).status.code(), Some(1));
}

#[test]
fn show_prints_the_series_with_both_names() {
    let o = yusuan(&["show", "2010101", "--data", &fixtures(), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let years = &v["series"][0]["years"];
    assert_eq!(years[0]["amount"], "100");
    assert_eq!(years[0]["name"], "行政运行");
    assert_eq!(years[1]["name"], "行政运行（机关）");
}

#[test]
fn compare_the_three_wanli_years() {
    let Some(dir) = crate::wanli::folder("cli_compare") else {
        return;
    };
    let d = dir.display().to_string();
    let o = yusuan(&["compare", "--data", &d, "--from", "2023", "--to", "2025"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("205 教育支出  250,000"), "{text}");
    assert!(text.contains("2010506 统计管理  26,300"), "{text}");
    let o = yusuan(&["show", "2120101", "--data", &d]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("2025 年 17,887,739  +1,284,491 (+7.74%)"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
