//! The Jiangsu importer on 江苏省人民检察院 2019 (not committed: read from ../shared/). Figures
//! asserted here were read by hand in that text.

use yusuan::core::amount::Amount;
use yusuan::core::checks::{self, Status};
use yusuan::core::document::Document;
use yusuan::core::load::parse;
use yusuan::import::{jiangsu, ImportReport};

const PATH: &str = "../shared/disclosures/js_procuratorate_2019.txt";

fn imported() -> Option<(Document, ImportReport)> {
    let Ok(text) = std::fs::read_to_string(PATH) else {
        if std::env::var_os("CI").is_some() {
            panic!("{PATH} is absent");
        }
        println!("SKIPPED: {PATH} is absent");
        return None;
    };
    assert!(jiangsu::recognise(&text));
    assert!(!yusuan::import::chongqing::recognise(&text));
    let mut report = ImportReport::default();
    let doc = jiangsu::import_text(&text, &mut report).expect("the text imports");
    let bytes = serde_json::to_vec(&doc).unwrap();
    let doc = parse("js.json", &bytes).unwrap_or_else(|e| panic!("does not load: {e}"));
    Some((doc, report))
}

fn a(s: &str) -> Amount {
    Amount::parse(s).unwrap()
}

#[test]
fn twelve_tables_reported() {
    let Some((doc, report)) = imported() else {
        return;
    };
    assert_eq!(report.template, jiangsu::TEMPLATE);
    assert_eq!(doc.department.name, "江苏省人民检察院");
    assert_eq!(doc.fiscal_year, 2019);
    let ids: Vec<&str> = report.tables.iter().map(|t| t.id.as_str()).collect();
    let want: Vec<String> = (1..=12).map(|n| format!("公开{n:02}表")).collect();
    assert_eq!(ids, want);
    let read: Vec<&str> = doc.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(read, want, "every table is read into the document");
    assert!(report.tables.iter().all(|t| t.unit == "万元"));
    assert!(report.pages > 20, "{}", report.pages);
}

#[test]
fn figures_read_by_hand() {
    let Some((doc, _)) = imported() else { return };
    let cell = |t: &str, code: Option<&str>| {
        let t = doc.table(t).unwrap();
        let row = match code {
            Some(c) => t.row_by_code(c).unwrap(),
            None => t
                .rows
                .iter()
                .find(|r| r.name.as_deref() == Some("合计"))
                .unwrap(),
        };
        row.cells["amount"]
    };
    // 公开05表: 合计 24,169.74; 2040401 行政运行 12,268.62; 2210202 提租补贴 4,243.61.
    assert_eq!(cell("公开05表", None), a("24169.74"));
    assert_eq!(cell("公开05表", Some("2040401")), a("12268.62"));
    assert_eq!(cell("公开05表", Some("2210202")), a("4243.61"));
    // 公开08表: the name that wraps around its code line.
    let t = doc.table("公开08表").unwrap();
    let r = t.row_by_code("30108").unwrap();
    assert_eq!(r.name.as_deref(), Some("机关事业单位基本养老保险缴费"));
    assert_eq!(r.cells["amount"], a("1064.46"));
    assert_eq!(cell("公开08表", None), a("15844.04"));
    // 公开11表: 机关运行经费 2,391.92.
    assert_eq!(cell("公开11表", None), a("2391.92"));
    // 公开03表: 24169.74 = 15844.04 + 4335.30 + 3990.4 (printed without its trailing zero).
    let t = doc.table("公开03表").unwrap();
    let row = &t.rows[0];
    assert_eq!(row.cells["total"], a("24169.74"));
    assert_eq!(row.cells["basic"], a("15844.04"));
    assert_eq!(row.cells["project"], a("4335.30"));
    assert_eq!(row.cells["reserve"].value().to_string(), "3990.4");
    // 公开10表 is printed empty.
    let t = doc.table("公开10表").unwrap();
    assert!(t.rows.iter().all(|r| r.cells.is_empty()));
    assert!(t.note.as_deref().unwrap().contains("此表为空"));
}

#[test]
fn unread_lines_are_only_those_of_tables_not_read() {
    let Some((_, report)) = imported() else {
        return;
    };
    // Every table is read, 公开12表 too: no line is left unread.
    assert!(report.unread.is_empty(), "{:#?}", report.unread);
    let t12 = report.tables.iter().find(|t| t.id == "公开12表").unwrap();
    assert_eq!((t12.rows, t12.figures), (41, 41));
    // Its sums hold (a difference would be a note).
    assert!(!report.notes.iter().any(|n| n.starts_with("公开12表")));
}

#[test]
fn procurement_12_by_page() {
    let Some((doc, _)) = imported() else { return };
    let t = doc.table("公开12表").unwrap();
    let names: Vec<_> = t.sections.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(names, [None, Some("一、货物 A"), Some("三、服务 C")]);
    let amount = |section: &str, name: &str| {
        named(
            &doc,
            "公开12表",
            Some(section).filter(|s| !s.is_empty()),
            name,
        )
    };
    // Text lines 658-786 (three pages, the columns 1-2 characters further left on each).
    // 合计 2,744.84 = 货物 303.40 + 服务 2,441.44.
    assert_eq!(amount("", "合计"), Some(a("2744.84")));
    let goods = "一、货物 A";
    assert_eq!(amount(goods, goods), Some(a("303.40")));
    // A name wrapped above and below its line: "打印设备（20 万以" / 部门集中采购 5.00 / "上）".
    assert_eq!(
        amount(goods, "打印设备（20万以上） / 部门集中采购"),
        Some(a("5.00"))
    );
    // 专项 over five lines, 经济科目 over two, beside 100.00 (lines 690-698).
    assert_eq!(
        amount(
            goods,
            "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费 / 信息网络及软件购置更新"
        ),
        Some(a("100.00"))
    );
    // Page 23 opens with 专用设备购置 63.00, no 专项 printed beside it.
    assert_eq!(amount(goods, "专用设备购置"), Some(a("63.00")));
    let services = "三、服务 C";
    assert_eq!(amount(services, services), Some(a("2441.44")));
    assert_eq!(
        amount(services, "信息系统集成实施服务 / 分散自行组织"),
        Some(a("150.00"))
    );
    assert_eq!(amount(services, "租赁费"), Some(a("390.00")));
    // Page 24, its columns at 6 / 15 / 24 / 34 where page 22's were at 10 / 20 / 32 / 45.
    assert_eq!(
        amount(services, "检察教育培训经费 / 培训费"),
        Some(a("630.00"))
    );
    assert_eq!(
        amount(services, "物业管理服务 / 部门集中采购"),
        Some(a("320.00"))
    );
    assert!(t.note.as_deref().unwrap().starts_with("注：1.采购组织形式"));
}

/// The amount of the row named `name` in the section named `section`.
fn named(doc: &Document, table: &str, section: Option<&str>, name: &str) -> Option<Amount> {
    let t = doc.table(table).unwrap();
    let sec = t.sections.iter().find(|s| s.name.as_deref() == section)?;
    let row = sec.rows.iter().find(|r| r.name.as_deref() == Some(name))?;
    row.cells.get("amount").copied()
}

#[test]
fn summary_01_three_sides() {
    let Some((doc, _)) = imported() else { return };
    let t = doc.table("公开01表").unwrap();
    let names: Vec<_> = t
        .sections
        .iter()
        .map(|s| s.name.as_deref().unwrap())
        .collect();
    assert_eq!(names, ["收入", "支出（功能分类）", "支出（支出用途）"]);
    // Text lines 320-347: 一、财政拨款 24,169.74; 四、公共安全支出 16,593.12; 十八、住房保障支出
    // 5,686.35; 三、单位预留机动经费 3,990.40 (wrapped "三、单位预留机动经" / "费").
    assert_eq!(
        named(&doc, "公开01表", Some("收入"), "一、财政拨款"),
        Some(a("24169.74"))
    );
    let f = Some("支出（功能分类）");
    assert_eq!(
        named(&doc, "公开01表", f, "四、公共安全支出"),
        Some(a("16593.12"))
    );
    assert_eq!(
        named(&doc, "公开01表", f, "十八、住房保障支出"),
        Some(a("5686.35"))
    );
    assert_eq!(named(&doc, "公开01表", f, "一、一般公共服务支出"), None);
    let u = Some("支出（支出用途）");
    let reserve = named(&doc, "公开01表", u, "三、单位预留机动经费");
    assert_eq!(reserve.unwrap().value().to_string(), "3990.40");
    assert_eq!(named(&doc, "公开01表", u, "支出合计"), Some(a("24169.74")));
    assert_eq!(
        named(&doc, "公开01表", Some("收入"), "收入合计"),
        Some(a("24169.74"))
    );
    // "2.政府性基金预" / "算", printed empty, on the same band as 三、国防支出 (line 3).
    let sec = &t.sections[0];
    let gf = sec
        .rows
        .iter()
        .find(|r| r.name.as_deref() == Some("2.政府性基金预算"))
        .unwrap();
    assert!(gf.cells.is_empty());
    assert_eq!(gf.line, Some(3));
    let defence = t.sections[1]
        .rows
        .iter()
        .find(|r| r.name.as_deref() == Some("三、国防支出"));
    assert_eq!(defence.unwrap().line, Some(3));
    assert_eq!(t.sections[1].rows.len(), 21);
}

#[test]
fn income_02_and_fiscal_summary_04() {
    let Some((doc, _)) = imported() else { return };
    // 公开02表: 收入总计 24169.74; 一般公共预算资金 / 公共财政拨款（补助）资金 24169.74.
    assert_eq!(
        named(&doc, "公开02表", None, "收入总计"),
        Some(a("24169.74"))
    );
    let g = Some("一般公共预算资金");
    assert_eq!(named(&doc, "公开02表", g, "小计"), Some(a("24169.74")));
    assert_eq!(
        named(&doc, "公开02表", g, "公共财政拨款（补助）资金"),
        Some(a("24169.74"))
    );
    assert_eq!(named(&doc, "公开02表", Some("其他资金"), "事业收入"), None);
    let t = doc.table("公开02表").unwrap();
    let groups: Vec<_> = t
        .sections
        .iter()
        .filter_map(|s| s.name.as_deref())
        .collect();
    assert_eq!(
        groups,
        [
            "一般公共预算资金",
            "政府性基金",
            "财政专户管理资金",
            "其他资金",
            "上年结转和结余资金"
        ]
    );
    // 公开04表: 收入合计 24169.74; 二、项目支出 4335.3 (printed without its trailing zero).
    let t = doc.table("公开04表").unwrap();
    assert_eq!(t.scope, yusuan::core::document::FundScope::Fiscal);
    assert_eq!(
        named(&doc, "公开04表", Some("收入"), "收入合计"),
        Some(a("24169.74"))
    );
    let u = Some("支出（支出用途）");
    let project = named(&doc, "公开04表", u, "二、项目支出").unwrap();
    assert_eq!(project.value().to_string(), "4335.3");
    assert_eq!(named(&doc, "公开04表", u, "支出合计"), Some(a("24169.74")));
    assert_eq!(
        named(&doc, "公开04表", Some("收入"), "二、政府性基金预算"),
        None
    );
}

#[test]
fn sangong_09() {
    let Some((doc, _)) = imported() else { return };
    // Line 572: 1276.7  418.26  80  237  (购置费 empty)  237  101.26  158.44  700.
    let t = doc.table("公开09表").unwrap();
    let row = &t.rows[0];
    assert_eq!(row.cells["total"].value().to_string(), "1276.7");
    assert_eq!(row.cells["sangong"], a("418.26"));
    assert_eq!(row.cells["abroad"], a("80"));
    assert_eq!(row.cells["vehicle"], a("237"));
    assert!(!row.cells.contains_key("vehicle_purchase"));
    assert_eq!(row.cells["vehicle_operation"], a("237"));
    assert_eq!(row.cells["reception"], a("101.26"));
    assert_eq!(row.cells["meeting"], a("158.44"));
    assert_eq!(row.cells["training"], a("700"));
    let abroad = t.columns.iter().find(|c| c.key == "abroad").unwrap();
    assert_eq!(abroad.header, "因公出国（境）费");
}

#[test]
fn checks_hold() {
    let Some((doc, _)) = imported() else { return };
    let all = checks::run(&doc);
    let failed: Vec<_> = all
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| c.title.clone())
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(all.iter().filter(|c| c.status == Status::Pass).count() > 20);
}
