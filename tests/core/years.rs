//! Years of one department matched by code: the three 万里 budgets imported from their PDFs
//! (a class, a 款 and a 项 across 2023–2025, 新增 and 取消, the 2024 narrative's change checked
//! against 2023's own figure) and two synthetic documents, one in 元 and one in 万元.

use crate::wanli;
use std::path::Path;
use yusuan::core::aggregate::cross_year_checks;
use yusuan::core::amount::Amount;
use yusuan::core::checks::{CheckKind, Status};
use yusuan::core::collection::Collection;
use yusuan::core::compare::{Percent, Scope};
use yusuan::core::load::load_path;
use yusuan::core::tree::{Classification, TOTAL};
use yusuan::core::years::{display_in, Change, Years};

fn a(s: &str) -> Amount {
    Amount::parse(s).unwrap()
}

fn series(y: &Years, code: &str) -> Vec<Option<Amount>> {
    let i = y.get(code).unwrap_or_else(|| panic!("{code} in no year"));
    (0..y.columns.len()).map(|k| y.amount(i, k, "元")).collect()
}

#[test]
fn a_class_a_kuan_and_a_xiang_across_the_three_wanli_years() {
    let Some(c) = wanli::collection("core_years_series") else {
        return;
    };
    let dept = c.documents[0].department.code.clone();
    let y = Years::build(&c, &dept, Classification::Functional, Scope::AllFunds);
    let years: Vec<i32> = y.columns.iter().map(|c| c.year).collect();
    assert_eq!(years, [2023, 2024, 2025]);
    assert_eq!(
        series(&y, "212"),
        [
            Some(a("121319878")),
            Some(a("119385303")),
            Some(a("154369326"))
        ]
    );
    assert_eq!(
        series(&y, "20105"),
        [Some(a("627600")), Some(a("257700")), Some(a("438300"))]
    );
    assert_eq!(
        series(&y, "2120101"),
        [
            Some(a("18373632")),
            Some(a("16603248")),
            Some(a("17887739"))
        ]
    );
    let i = y.get("2120101").unwrap();
    assert_eq!(
        y.change(i, 1, 2, "元"),
        Change::Both(a("1284491"), Percent::Value("7.74".parse().unwrap()))
    );
    // Exactly in 万元: 1,837.3632, never rounded.
    assert_eq!(
        display_in(y.amount(i, 0, "万元").unwrap(), true),
        "1,837.3632"
    );
    assert_eq!(
        y.amount(TOTAL, 2, "元"),
        Some(a("189767551")),
        "the 2025 total"
    );
}

#[test]
fn codes_of_one_year_only_are_new_or_dropped_not_zero() {
    let Some(c) = wanli::collection("core_years_new") else {
        return;
    };
    let dept = c.documents[0].department.code.clone();
    let y = Years::build(&c, &dept, Classification::Functional, Scope::AllFunds);
    // 205 教育支出 is printed from 2024 on; 2010506 统计管理 in 2023 only.
    let edu = y.get("205").unwrap();
    assert_eq!(y.amount(edu, 0, "元"), None);
    assert_eq!(y.change(edu, 0, 1, "元"), Change::New(a("250000")));
    assert_eq!(y.change(edu, 0, 1, "元").percent(), Percent::New);
    let stat = y.get("2010506").unwrap();
    assert_eq!(y.change(stat, 0, 2, "元"), Change::Dropped(a("26300")));
    assert_eq!(y.change(stat, 1, 2, "元"), Change::Absent);
    // Every code of every year is a node: none dropped because a year lacks it.
    for doc in &c.documents {
        let t = yusuan::core::tree::Tree::build(doc, Classification::Functional);
        for n in t.nodes.iter().skip(1) {
            assert!(y.get(&n.code).is_some(), "{} {}", doc.fiscal_year, n.code);
        }
    }
}

#[test]
fn the_2024_narrative_change_is_checked_against_2023s_own_figure() {
    let Some(c) = wanli::collection("core_years_narrative") else {
        return;
    };
    let checks = cross_year_checks(&c);
    let check = checks
        .iter()
        .find(|x| {
            x.kind == CheckKind::CrossYear
                && x.title.contains("比2023年预算减少876.75万元")
                && x.title.contains("一般公共预算")
        })
        .unwrap_or_else(|| panic!("no check of 876.75 in {checks:#?}"));
    // 15,621.1123 − 16,497.864 = −876.7517 万元 against −876.75 printed: rounding only.
    assert_eq!(check.printed, a("-876.75"));
    assert_eq!(check.expected, a("-876.7517"));
    assert_eq!(check.status, Status::Rounding);
    assert!(
        checks.iter().all(|x| x.status != Status::Fail),
        "{checks:#?}"
    );
}

fn synthetic() -> Collection {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years");
    Collection::from_documents(vec![
        load_path(&dir.join("synthetic_2023_yuan.json")).unwrap(),
        load_path(&dir.join("synthetic_2024_wanyuan.json")).unwrap(),
    ])
}

#[test]
fn a_document_in_yuan_against_one_in_wanyuan() {
    let c = synthetic();
    let y = Years::build(
        &c,
        "synthetic-years",
        Classification::Functional,
        Scope::AllFunds,
    );
    assert_eq!(y.units(), ["元", "万元"]);
    assert_eq!(
        y.default_unit(),
        "万元",
        "mixed units show in 万元 unless chosen"
    );
    let i = y.get("2010101").unwrap();
    assert_eq!(y.amount(i, 0, "万元"), Some(a("100")));
    assert_eq!(y.amount(i, 1, "元"), Some(a("1202500")));
    assert_eq!(
        y.change(i, 0, 1, "万元"),
        Change::Both(a("20.25"), Percent::Value("20.25".parse().unwrap()))
    );
    assert_eq!(
        y.change(i, 0, 1, "元"),
        Change::Both(a("202500"), Percent::Value("20.25".parse().unwrap()))
    );
    // The same code under a changed name keeps both names.
    assert!(y.nodes[i].renamed());
    assert_eq!(y.nodes[i].name(), "行政运行（机关）");
    assert_eq!(y.nodes[i].names[0].as_deref(), Some("行政运行"));
    let dropped = y.get("2010102").unwrap();
    assert_eq!(y.change(dropped, 0, 1, "万元"), Change::Dropped(a("50")));
    let new = y.get("2010104").unwrap();
    assert_eq!(y.change(new, 0, 1, "元"), Change::New(a("600000")));
}
