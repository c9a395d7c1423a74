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
    // 01, 02, 04, 09 and 12 are not read yet: all their lines are reported, nothing else is.
    assert!(!report.unread.is_empty());
    for u in &report.unread {
        assert!(u.why.contains("not read yet"), "{u:?}");
    }
    for id in ["公开01表", "公开02表", "公开04表", "公开09表", "公开12表"] {
        assert_eq!(
            report.tables.iter().find(|t| t.id == id).unwrap().figures,
            0
        );
    }
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
