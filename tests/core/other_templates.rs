//! The format holds other departments' templates: an excerpt of Shanghai Putuo's 2025
//! disclosure (in 元, split codes "201 05 07", explicit zeros, a 三公 table in 万元).

use yusuan::core::checks::{self, Status};
use yusuan::core::compare::{Comparer, Scope};
use yusuan::core::load::load_path;
use yusuan::core::tree::{Classification, Tree, TOTAL};

fn excerpt() -> yusuan::core::document::Document {
    load_path(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/shpt_wanli_2025_excerpt.json"
    )))
    .unwrap()
}

#[test]
fn shanghai_excerpt_loads_with_its_units_and_split_codes() {
    let doc = excerpt();
    assert_eq!(doc.unit, "元");
    let sangong = doc.table("9").unwrap();
    assert_eq!(sangong.unit(&doc), "万元");
    let table = doc.table("5").unwrap();
    let row = table.row_by_code("2010507").unwrap();
    assert_eq!(row.printed_code.as_deref(), Some("201 05 07"));
    assert_eq!(row.cells["total"].display(), "438,300");
    assert_eq!(
        row.cells["basic"].display(),
        "0",
        "a printed zero is kept as zero"
    );
}

#[test]
fn shanghai_excerpt_builds_a_tree_and_passes_its_checks() {
    let doc = excerpt();
    let tree = Tree::build(&doc, Classification::Functional);
    let i = tree.get("2013202").unwrap();
    let path: Vec<&str> = tree
        .path(i)
        .iter()
        .map(|&j| tree.node(j).code.as_str())
        .collect();
    assert_eq!(path, ["201", "20132", "2013202"]);
    let cmp = Comparer::new(&doc, &tree, Scope::GeneralBudget);
    assert_eq!(
        cmp.get(i).cur.as_ref().unwrap().amount.display(),
        "1,075,000"
    );
    assert!(
        cmp.get(i).prev.is_none(),
        "no prior year printed, none invented"
    );
    assert!(tree.node(TOTAL).cells.is_empty());
    let all = checks::run(&doc);
    assert!(all.iter().any(|c| c
        .title
        .contains("5 201 一般公共服务支出 “一般公共预算支出 / 合计” = 下级之和")
        && c.status == Status::Pass));
    assert!(all
        .iter()
        .any(|c| c.title.contains(
            "9 （合计行） ““三公”经费预算数 / 合计” = 因公出国(境)费 + 公务接待费 + 小计"
        ) && c.status == Status::Pass));
    assert!(all.iter().any(|c| c
        .title
        .contains("说明（其他相关情况说明 一）“2025年“三公”经费预算数为37.91万元”")
        && c.status == Status::Pass));
    assert_eq!(checks::worst(&all), Status::Pass);
}
