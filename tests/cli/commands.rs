//! The CLI run as a real process on the bundled document.

use std::process::{Command, Output};

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn check_lists_every_check_and_the_rounding_findings() {
    let o = yusuan(&["check"]);
    assert_eq!(o.status.code(), Some(0), "rounding differences do not fail");
    let text = stdout(&o);
    assert!(text.contains("[舍入差] 上下级合计：表三 302 商品和服务支出 “2024 年基本支出 / 公用经费” = 下级之和：印 149.50，应为 149.49，差 +0.01"), "{text}");
    assert!(text.contains("表二 21011 行政事业单位医疗 “2024 年预算数 / 小计” = 下级之和：印 34.92，应为 34.93，差 -0.01"));
    assert!(text.contains("[通过  ] 表间一致：表三 30108 机关事业单位基本养老保险缴费 “2024 年基本支出 / 合计” = 表二 2080505"));
    assert!(text.contains("[通过  ] 表间一致：表三 30217 公务接待费 “2024 年基本支出 / 合计” = 表四 （合计行） “2024 年预算数 / 公务接待费”"));
    assert!(text
        .contains("[通过  ] 说明与表：说明（三）“项目支出 573.57 万元，比 2023 年减少 3.55 万元”"));
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("共 ") && last.contains("不符 0"), "{last}");
}

#[test]
fn check_json_reports_findings_only_when_asked() {
    let o = yusuan(&["check", "--json", "--findings"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let all = v.as_array().unwrap();
    assert!(!all.is_empty());
    assert!(
        all.iter().all(|c| c["status"] == "rounding"),
        "only rounding findings in the seed"
    );
    let c302 = all
        .iter()
        .find(|c| {
            c["title"]
                .as_str()
                .unwrap()
                .contains("表三 302 商品和服务支出 “2024 年基本支出 / 合计”")
        })
        .unwrap();
    assert_eq!(c302["printed"], "149.50");
    assert_eq!(c302["expected"], "149.49");
    assert_eq!(c302["difference"], "0.01");
    assert_eq!(c302["terms"], 15);
}

#[test]
fn check_fails_with_exit_1_beyond_rounding() {
    let mut v: serde_json::Value = serde_json::from_str(yusuan::core::load::BUNDLED_JSON).unwrap();
    v["tables"][2]["rows"][2]["cells"]["total"] = "117.88".into(); // 30101 基本工资 +1.00
    let path = std::env::temp_dir().join(format!("yusuan-fail-{}.json", std::process::id()));
    std::fs::write(&path, v.to_string()).unwrap();
    let o = yusuan(&["check", "--data", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("[不符  ] 上下级合计：表三 301 工资福利支出 “2024 年基本支出 / 合计” = 下级之和：印 538.87，应为 539.87，差 -1.00"), "{text}");
    assert!(
        text.contains(
            "[不符  ] 行内恒等：表三 30101 基本工资 “2024 年基本支出 / 合计” = 人员经费 + 公用经费"
        ),
        "{text}"
    );
}

#[test]
fn show_json_gives_the_comparison_and_the_link() {
    let o = yusuan(&["show", "2080505", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["name"], "机关事业单位基本养老保险缴费支出");
    assert_eq!(v["level_name"], "项");
    assert_eq!(v["parent"]["code"], "20805");
    let s = &v["summary"];
    assert_eq!(s["previous"]["amount"], "48.94");
    assert_eq!(s["previous"]["source"], "printed");
    assert_eq!(s["current"]["amount"], "51.81");
    assert_eq!(s["change"], "2.87");
    assert_eq!(s["percent"], "+5.86%");
    assert_eq!(s["basic"], "51.81");
    assert!(s["project"].is_null());
    assert_eq!(v["links"][0]["code"], "30108");
    assert_eq!(v["links"][0]["amount"], "51.81");
    let tables: Vec<&str> = v["amounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["table"].as_str().unwrap())
        .collect();
    assert_eq!(
        tables,
        ["表二", "表二", "表二", "表七", "表七", "表八", "表八"]
    );
}

#[test]
fn show_marks_derived_values_with_their_derivation() {
    let o = yusuan(&["show", "223", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let prev = &v["comparisons"][0]["previous"];
    assert_eq!(prev["source"], "derived");
    assert_eq!(prev["amount"], "0.00");
    assert!(
        prev["derivation"]
            .as_str()
            .unwrap()
            .contains("比 2023 年增加 231 万元"),
        "{prev}"
    );
    assert_eq!(v["comparisons"][0]["percent"], "新增");
    let text = stdout(&yusuan(&["show", "30231"]));
    assert!(text.contains("2023 年 7.00（推算）"), "{text}");
    assert!(text.contains("表四"), "{text}");
}

#[test]
fn show_unknown_code_exits_1() {
    let o = yusuan(&["show", "999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no code \"999\""));
}

#[test]
fn export_csv_has_a_bom_and_every_figure() {
    let o = yusuan(&["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stdout.starts_with("\u{feff}".as_bytes()),
        "UTF-8 BOM for Excel"
    );
    let text = stdout(&o);
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].ends_with("department,department_code,fiscal_year,table,section,classification,code,name,column,column_key,year,unit,amount"));
    assert!(lines.contains(&"重庆市大渡口区社会保险事务中心,124,2024,表二,,functional,2080101,行政运行,2023 年预算数,y2023,2023,万元,451.66"));
    let doc = yusuan::core::load::bundled();
    let cells: usize = doc
        .tables
        .iter()
        .flat_map(|t| t.sections().into_iter().flat_map(|s| s.rows.iter()))
        .map(|r| r.cells.len())
        .sum();
    let figures = doc
        .narrative_figures
        .iter()
        .filter(|f| f.amount.is_some())
        .count();
    assert_eq!(lines.len() - 1, cells + figures);
}

#[test]
fn export_json_round_trips_amounts_as_strings() {
    let o = yusuan(&["export", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let r = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["table"] == "表三" && r["code"] == "30217")
        .unwrap();
    assert_eq!(r["amount"], "1.00");
    assert_eq!(r["column"], "2024 年基本支出 / 合计");
}

#[test]
fn help_is_available_on_every_command() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["show", "--help"],
        &["export", "--help"],
        &["search", "--help"],
    ] {
        let o = yusuan(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("--data"), "{args:?}");
    }
}

#[test]
fn show_prints_every_amount_at_its_printed_scale() {
    // Shanghai prints 元 as integers: no `.00` added, and a change between integers is one.
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/shpt_wanli_2025_excerpt.json"
    );
    let o = yusuan(&["show", "201", "--data", data]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains("2025 年 3,296,600"), "{text}");
    assert!(text.contains("项目支出 3,296,600\n"), "{text}");
    assert!(!text.contains(".00"), "{text}");
}

#[test]
fn export_csv_is_ready_for_a_spreadsheet() {
    // A narrative decrease, made here (the seed has none): a signed amount, the direction kept.
    let mut v: serde_json::Value = serde_json::from_str(yusuan::core::load::BUNDLED_JSON).unwrap();
    let f = v["narrative_figures"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["direction"] == "increase")
        .unwrap();
    f["direction"] = "decrease".into();
    let (id, amount) = (
        f["id"].as_str().unwrap().to_string(),
        f["amount"].as_str().unwrap().to_string(),
    );
    let path = std::env::temp_dir().join(format!("yusuan-export-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    let o = yusuan(&["export", "--data", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    let text = stdout(&o);
    let line = text
        .lines()
        .find(|l| l.contains(&format!(",{id},")))
        .unwrap();
    assert!(
        line.ends_with(&format!(",-{amount}")) && line.contains(",减少,"),
        "{line}"
    );

    let text = stdout(&yusuan(&["export"]));
    // 表四's one row is its total; 表十一–表十三 name their project in the section column.
    assert!(
        text.contains(",124,2024,表四,,,,合计,2024 年预算数 / 合计,total,2024,万元,8.00"),
        "{text}"
    );
    for table in ["表十一", "表十二", "表十三"] {
        let row = text
            .lines()
            .find(|l| l.contains(&format!(",{table},")))
            .unwrap();
        let section = row.split(',').nth(4).unwrap();
        assert!(
            section.starts_with("5001042"),
            "{table} names its project: {row}"
        );
    }
}

#[test]
fn the_import_report_speaks_one_language() {
    let path = std::env::temp_dir().join(format!("yusuan-lang-{}.pdf", std::process::id()));
    std::fs::write(&path, "%PDF-1.7 broken").unwrap();
    let zh = stdout(&yusuan(&["import", "--dry-run", path.to_str().unwrap()]));
    let en = stdout(&yusuan(&[
        "import",
        "--dry-run",
        "--lang",
        "en",
        path.to_str().unwrap(),
    ]));
    let _ = std::fs::remove_file(&path);
    assert!(
        zh.contains("  无法导入: ") && !zh.contains("cannot be imported"),
        "{zh}"
    );
    assert!(
        en.contains("  cannot be imported: ") && !en.contains("无法导入"),
        "{en}"
    );
}
