//! The published Shanghai budgets (../shared/disclosures/pdf) import completely: nine tables
//! each, no line of a table left unread, checks that hold except the findings of the source
//! named here, and figures that equal what the PDF prints (read with pdftotext -layout, an
//! independent reader, when these tests were written). The text extraction of 万里 2025 gives
//! the same tables as its PDF.
//!
//! The inputs are not committed: without ../shared these tests say SKIPPED, and fail under CI.

use crate::run::succeeds;
use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::core::amount::Amount;
use yusuan::core::checks::{self, Status};
use yusuan::core::document::{Document, RowRole};
use yusuan::import::{import_path, Imported};

pub(crate) fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{} is absent under CI", path.display());
    }
    eprintln!("SKIPPED: {} is absent", path.display());
    None
}

fn import(rel: &str) -> Option<Imported> {
    let path = shared(rel)?;
    Some(import_path(&path).unwrap_or_else(|e| panic!("{rel} does not import: {e}")))
}

const BUDGETS: &[&str] = &[
    "sh_caizhengju_unit_2025",
    "shpt_bangongshi_2025",
    "shpt_bangongshi_unit_2025",
    "shpt_caizhengju_2025",
    "shpt_fuliyuan_unit_2024",
    "shpt_shangwuwei_2025",
    "shpt_shangwuwei_unit_2025",
    "shpt_sifaju_2026",
    "shpt_sifaju_unit_2026",
    "shpt_wanli_2023",
    "shpt_wanli_2024",
    "shpt_wanli_2025",
];

/// The checks that fail, each a finding about the source that a reader can see in the PDF.
fn known_findings(name: &str) -> Vec<&'static str> {
    match name {
        // 表3/表5 print 2040601 行政运行's 项目支出 as 64,840,547.00, the whole class's project
        // money; the class 20406 prints the same figure once.
        "shpt_sifaju_unit_2026" => vec![
            "3 20406 司法 “支出预算 / 项目支出” = 下级之和",
            "3 2040601 行政运行 “支出预算 / 合计” = 基本支出 + 项目支出",
            "5 20406 司法 “一般公共预算支出 / 项目支出” = 下级之和",
            "5 2040601 行政运行 “一般公共预算支出 / 合计” = 基本支出 + 项目支出",
        ],
        // The narrative gives 职业年金缴费支出 as 887.36 万元; the tables print 873,617 元.
        "shpt_caizhengju_2025" => {
            vec!["机关事业单位职业年金缴费支出（项）”887.36万元"; 2]
        }
        // The narrative gives 社会福利事业单位 as 738.66 万元; 表5 prints 6,964,796 元.
        "shpt_fuliyuan_unit_2024" => vec!["社会福利事业单位（项）”738.66万元"],
        _ => vec![],
    }
}

#[test]
fn every_budget_pdf_imports_with_every_line_read_and_only_known_findings() {
    for name in BUDGETS {
        let Some(Imported { document, report }) = import(&format!("disclosures/pdf/{name}.pdf"))
        else {
            return;
        };
        assert!(
            report.template.starts_with("上海 9 表"),
            "{name}: {}",
            report.template
        );
        let ids: Vec<&str> = report.tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "{name}");
        assert!(
            report.unread.is_empty(),
            "{name}: unread {:#?}",
            report.unread
        );
        let fails: Vec<String> = checks::run(&document)
            .into_iter()
            .filter(|c| c.status == Status::Fail)
            .map(|c| c.title.to_string())
            .collect();
        let known = known_findings(name);
        assert_eq!(
            fails.len(),
            known.len(),
            "{name}: failing checks {fails:#?}"
        );
        for (f, k) in fails.iter().zip(&known) {
            assert!(f.contains(k), "{name}: {f} is not the known finding {k}");
        }
    }
}

fn cell(doc: &Document, table: &str, code: Option<&str>, key: &str) -> Option<String> {
    let t = doc.table(table)?;
    let row = t
        .sections()
        .into_iter()
        .flat_map(|s| s.rows.iter())
        .find(|r| match code {
            Some(c) => r.code.as_deref() == Some(c),
            None => r.role == RowRole::Total && r.code.is_none(),
        })?;
    row.cells.get(key).map(|a| a.0.to_string())
}

#[test]
fn wanli_2025_figures_as_printed() {
    let Some(Imported { document: d, .. }) = import("disclosures/pdf/shpt_wanli_2025.pdf") else {
        return;
    };
    assert_eq!(d.department.name, "上海市普陀区人民政府万里街道办事处");
    assert_eq!(d.fiscal_year, 2025);
    assert_eq!(d.unit, "元");
    // 表1's totals, both sides.
    let t1 = d.table("1").unwrap();
    for side in &t1.sections {
        let total = side.rows.iter().find(|r| r.role == RowRole::Total).unwrap();
        assert_eq!(
            total.cells.get("amount").unwrap().0.to_string(),
            "189767551"
        );
    }
    // A 项 row of 表5: 212 01 01 行政运行 17,887,739 = 17,737,739 + 150,000.
    assert_eq!(
        cell(&d, "5", Some("2120101"), "total").as_deref(),
        Some("17887739")
    );
    assert_eq!(
        cell(&d, "5", Some("2120101"), "basic").as_deref(),
        Some("17737739")
    );
    assert_eq!(
        cell(&d, "5", Some("2120101"), "project").as_deref(),
        Some("150000")
    );
    let row = d.table("5").unwrap().row_by_code("2120101").unwrap();
    assert_eq!(row.printed_code.as_deref(), Some("212 01 01"));
    assert_eq!(row.name.as_deref(), Some("行政运行"));
    // 表2 prints a 0 in each empty source column: kept as printed zeros.
    assert_eq!(
        cell(&d, "2", Some("2120101"), "business").as_deref(),
        Some("0")
    );
    // The 三公 line, in 万元: 37.91 0 1.35 36.56 15 21.56 464.64.
    let t9 = d.table("9").unwrap();
    assert_eq!(t9.unit.as_deref(), Some("万元"));
    let got: Vec<String> = [
        "total",
        "abroad",
        "reception",
        "vehicle",
        "vehicle_purchase",
        "vehicle_operation",
        "running_costs",
    ]
    .iter()
    .map(|k| cell(&d, "9", None, k).unwrap_or_default())
    .collect();
    assert_eq!(
        got,
        ["37.91", "0", "1.35", "36.56", "15", "21.56", "464.64"]
    );
    // The documented 1 元 inconsistency of 21201 is rounding, not a failure.
    let c = checks::run(&d);
    let r = c
        .iter()
        .find(|c| {
            c.title
                .to_string()
                .starts_with("5 21201 城乡社区管理事务 “一般公共预算支出 / 合计” = 下级之和")
        })
        .unwrap();
    assert_eq!(
        (r.status, r.difference),
        (Status::Rounding, Amount::parse("1").unwrap())
    );
}

#[test]
fn misprints_of_the_source_are_read_with_a_note() {
    // 万里 2024's 表8 prints 301 2 and 301 7 (the 款's leading zero lost); its 三公 table says
    // "本表为空表" above its figures.
    if let Some(Imported {
        document: d,
        report,
    }) = import("disclosures/pdf/shpt_wanli_2024.pdf")
    {
        assert_eq!(
            cell(&d, "8", Some("30102"), "total").as_deref(),
            Some("16623810")
        );
        let row = d.table("8").unwrap().row_by_code("30102").unwrap();
        assert_eq!(row.printed_code.as_deref(), Some("301 2"));
        assert!(report.notes.iter().any(|n| n.contains("“301 2”")));
        assert!(report
            .notes
            .iter()
            .any(|n| n.starts_with("表 9") && n.contains("空表")));
        assert_eq!(cell(&d, "9", None, "total").as_deref(), Some("47.91"));
    }
    // 福利院 2024's 表3 and 表5 print the class of 210 11 02 as "7".
    if let Some(Imported {
        document: d,
        report,
    }) = import("disclosures/pdf/shpt_fuliyuan_unit_2024.pdf")
    {
        for t in ["3", "5"] {
            let row = d.table(t).unwrap().row_by_code("2101102").unwrap();
            assert_eq!(row.printed_code.as_deref(), Some("7 11 02"));
            assert_eq!(row.cells.get("total").unwrap().0.to_string(), "503724");
        }
        assert_eq!(
            report
                .notes
                .iter()
                .filter(|n| n.contains("“7 11 02”"))
                .count(),
            2
        );
    }
}

#[test]
fn the_text_of_wanli_2025_gives_the_tables_of_its_pdf() {
    let (Some(pdf), Some(txt)) = (
        import("disclosures/pdf/shpt_wanli_2025.pdf"),
        import("disclosures/shpt_wanli_2025.txt"),
    ) else {
        return;
    };
    assert!(txt.report.unread.is_empty(), "{:#?}", txt.report.unread);
    for (a, b) in pdf.document.tables.iter().zip(&txt.document.tables) {
        let rows = |t: &yusuan::core::document::Table| -> Rows {
            t.sections()
                .iter()
                .flat_map(|s| s.rows.iter())
                .map(|r| {
                    (
                        r.code.as_deref().map(str::to_string),
                        r.cells
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.0.to_string()))
                            .collect(),
                    )
                })
                .collect()
        };
        assert_eq!(rows(a), rows(b), "table {}", a.id);
    }
}

/// A table's rows as (code, [(column, amount)]), for comparing two imports of one table.
type Rows = Vec<(Option<String>, Vec<(String, String)>)>;

fn yusuan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
}

#[test]
fn import_command_exit_codes_and_json_report() {
    let (Some(good), Some(finding)) = (
        shared("disclosures/pdf/shpt_wanli_2025.pdf"),
        shared("disclosures/pdf/shpt_sifaju_unit_2026.pdf"),
    ) else {
        return;
    };
    let out_dir = tempdir("import-out");
    let o = succeeds(yusuan().arg("import").arg(&good).arg("--out").arg(&out_dir));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("未读懂的行：无"), "{text}");
    assert!(
        !text.contains("unread lines"),
        "Chinese only by default: {text}"
    );
    let o = yusuan()
        .args(["import", "--dry-run", "--lang", "en"])
        .arg(&good)
        .output()
        .unwrap();
    let english = String::from_utf8(o.stdout).unwrap();
    for line in [
        "unread lines: none",
        "  template: ",
        "  tables (",
        "  checks: ",
    ] {
        assert!(english.contains(line), "{line}: {english}");
    }
    assert!(
        !english.contains("未读懂") && !english.contains("模板"),
        "{english}"
    );
    let written = out_dir.join("上海市普陀区人民政府万里街道办事处_2025.json");
    assert!(written.exists(), "{text}");
    // The written document loads and browses like any other.
    let o = yusuan()
        .args(["show", "2120101", "--data"])
        .arg(&written)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("17,887,739"));

    let o = yusuan()
        .args(["import", "--dry-run", "--json"])
        .arg(&finding)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["checks"]["fail"], 4);
    assert_eq!(v[0]["checks"]["failures_believed"], "source");
    assert_eq!(v[0]["report"]["tables"].as_array().unwrap().len(), 9);

    // A file that is not a PDF, named .pdf, among good ones: reported, the rest imported, exit 2.
    let bad = out_dir.join("not-a-budget.pdf");
    std::fs::write(&bad, b"hello").unwrap();
    let o = yusuan()
        .args(["import", "--dry-run"])
        .arg(&bad)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("not-a-budget.pdf") && text.contains("not a PDF"),
        "{text}"
    );
    assert!(text.contains("上海 9 表部门预算"), "{text}");
}

#[test]
fn a_pdf_opens_wherever_a_document_does() {
    let Some(good) = shared("disclosures/pdf/shpt_wanli_2024.pdf") else {
        return;
    };
    let o = yusuan()
        .args(["check", "--data"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = yusuan()
        .args(["search", "行政运行", "--json", "--data"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    // A folder mixing a PDF and a JSON document loads both.
    let dir = tempdir("mixed");
    std::fs::copy(&good, dir.join("wanli.pdf")).unwrap();
    std::fs::write(dir.join("seed.json"), yusuan::core::load::BUNDLED_JSON).unwrap();
    let o = succeeds(
        yusuan()
            .args(["export", "--format", "csv", "--data"])
            .arg(&dir),
    );
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(
        csv.contains("上海市普陀区人民政府万里街道办事处")
            && csv.contains("重庆市大渡口区社会保险事务中心")
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_previous_year_derived_from_the_narrative_is_converted_to_the_tables_unit() {
    use yusuan::core::compare::{Comparer, Scope, Source};
    use yusuan::core::tree::{Classification, Tree, TOTAL};
    let Some(Imported { document: d, .. }) = import("disclosures/pdf/shpt_wanli_2024.pdf") else {
        return;
    };
    // "一般公共预算拨款支出预算15621.11万元，比2023年预算减少876.75万元": 表5 is in 元.
    let tree = Tree::build(&d, Classification::Functional);
    let c = Comparer::new(&d, &tree, Scope::GeneralBudget);
    let total = c.get(TOTAL);
    assert_eq!(
        total.cur.as_ref().unwrap().amount.0.to_string(),
        "156211123"
    );
    let prev = total.prev.as_ref().expect("derived from the narrative");
    // 156,211,123 元 + 8,767,500 元 (876.75 万元, a decrease from 2023).
    assert_eq!(prev.amount.0.to_string(), "164978623");
    let Source::Derived { how } = &prev.source else {
        panic!("not marked derived")
    };
    assert!(how.contains("876.75"), "{how}");
    // The 2023 document's own 表5 total is 164,978,640 元: 17 元 away, within the 50 元 that a
    // change printed to 0.01 万元 can round away.
    if let Some(Imported { document: d23, .. }) = import("disclosures/pdf/shpt_wanli_2023.pdf") {
        assert_eq!(cell(&d23, "5", None, "total").as_deref(), Some("164978640"));
    }
}
