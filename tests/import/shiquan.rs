//! 石泉路街道 (本级) 2026, a text whose cells are separated by single spaces with the empty ones
//! left out: "201 一般公共服务支出 3,353,072 3,353,072" under 合计 | 基本支出 | 项目支出 says one
//! part holds the amount, not which. The import places every amount from the printed sums and
//! from what the other tables say of each total row, and leaves no line unread. The figures below
//! were read by hand from the text (../shared/disclosures/shpt_shiquan_unit_2026.txt).

use super::shanghai::shared;
use yusuan::core::checks::{self, Status};
use yusuan::core::document::{Document, RowRole};
use yusuan::import::{import_path, Imported};

fn import() -> Option<Imported> {
    let path = shared("disclosures/shpt_shiquan_unit_2026.txt")?;
    Some(import_path(&path).unwrap_or_else(|e| panic!("shiquan does not import: {e}")))
}

/// The cells of a row (by code, else by name, else the total row) as "key=amount", in column
/// order; a blank cell is absent.
fn cells(d: &Document, table: &str, row: &str) -> Vec<String> {
    let t = d.table(table).unwrap();
    for s in t.sections() {
        let found = s.rows.iter().find(|r| match row {
            "total" => r.role == RowRole::Total,
            _ => r.code.as_deref() == Some(row) || r.name.as_deref() == Some(row),
        });
        if let Some(r) = found {
            return s
                .columns
                .iter()
                .filter_map(|c| Some(format!("{}={}", c.key, r.cells.get(&c.key)?.0)))
                .collect();
        }
    }
    panic!("table {table} has no row {row}")
}

#[test]
fn shiquan_2026_every_line_read_into_its_column() {
    let Some(Imported {
        document: d,
        report,
    }) = import()
    else {
        return;
    };
    assert_eq!(report.template, "上海 9 表单位预算");
    let ids: Vec<&str> = report.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    assert!(report.unread.is_empty(), "{:#?}", report.unread);
    // 表1 支出: "六、社会保障和就业支出 8,568,532 4,396,960 391,000 3,780,572" fills all four;
    // "七、卫生健康支出 1,225,800 1,025,800 200,000" has no 公用经费 (人员经费 totals
    // 23,057,828 = the four classes' 4,396,960 + 1,025,800 + 13,410,068 + 4,225,000).
    assert_eq!(
        cells(&d, "1", "七、卫生健康支出"),
        ["total=1225800", "personnel=1025800", "project=200000"]
    );
    assert_eq!(
        cells(&d, "1", "一、一般公共服务支出"),
        ["total=3353072", "project=3353072"]
    );
    // 表2: 表1 prints no 事业收入, 经营收入 or 其他收入, so every second amount is 财政拨款.
    assert_eq!(cells(&d, "2", "2010507"), ["total=500000", "fiscal=500000"]);
    assert_eq!(
        cells(&d, "2", "total"),
        ["total=76306134", "fiscal=76306134"]
    );
    // 表3: 2080505 prints three amounts; 2080501 two, basic (its 款 20805 is 4,787,960 basic
    // + 95,000 project, and the 95,000 is 2080505's).
    assert_eq!(
        cells(&d, "3", "2080505"),
        ["total=1736800", "basic=1641800", "project=95000"]
    );
    assert_eq!(
        cells(&d, "3", "2080501"),
        ["total=2301360", "basic=2301360"]
    );
    assert_eq!(
        cells(&d, "3", "2120102"),
        ["total=13121269", "project=13121269"]
    );
    // 表4: its income side prints 72,626,134 general budget, 3,680,000 government funds and
    // no state capital, which its 支出总计 splits into the same columns.
    assert_eq!(
        cells(&d, "4", "八、城乡社区支出"),
        [
            "total=47543930",
            "general_budget=43863930",
            "gov_fund=3680000"
        ]
    );
    assert_eq!(
        cells(&d, "4", "九、住房保障支出"),
        ["total=11185800", "general_budget=11185800"]
    );
    // 表5.
    assert_eq!(
        cells(&d, "5", "total"),
        ["total=72626134", "basic=26917990", "project=45708144"]
    );
    assert_eq!(
        cells(&d, "5", "2120101"),
        ["total=16879230", "basic=16879230"]
    );
    // 表6: 表1's 基本支出 (23,057,828 + 3,860,162) is all 表5's 26,917,990, so none is here.
    assert_eq!(
        cells(&d, "6", "2120803"),
        ["total=3380000", "project=3380000"]
    );
    assert_eq!(
        cells(&d, "6", "total"),
        ["total=3680000", "project=3680000"]
    );
    // 表7 is printed empty.
    assert!(cells(&d, "7", "total").is_empty());
    // 表8: 301 and 303 are 人员经费, 302 公用经费 (23,057,828 = 21,123,668 + 1,934,160).
    assert_eq!(
        cells(&d, "8", "30101"),
        ["total=2724912", "personnel=2724912"]
    );
    assert_eq!(cells(&d, "8", "30201"), ["total=300000", "public=300000"]);
    assert!(
        cells(&d, "8", "30301").is_empty(),
        "离休费 prints no amount"
    );
    assert_eq!(
        cells(&d, "8", "30302"),
        ["total=1934160", "personnel=1934160"]
    );
    // 表9 "8.53 1.53 7 7 386.02": the narrative's 因公出国（境）费0万元, 公务接待费1.53万元,
    // 公务用车购置费0万元 and 运行费7万元 say which columns.
    assert_eq!(
        cells(&d, "9", "total"),
        [
            "total=8.53",
            "reception=1.53",
            "vehicle=7",
            "vehicle_operation=7",
            "running_costs=386.02"
        ]
    );
    for table in ["2", "4", "6", "9"] {
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.starts_with(&format!("表 {table}: 合计行的金额按"))),
            "表 {table}: {:#?}",
            report.notes
        );
    }
}

#[test]
fn shiquan_2026_fails_only_the_checks_its_own_table_4_contradicts() {
    let Some(Imported { document: d, .. }) = import() else {
        return;
    };
    let checks = checks::run(&d);
    let fails: Vec<String> = checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| c.title.to_string())
        .collect();
    // The source's own inconsistency, by hand: 表6 prints 212 3,380,000 and 221 300,000 of
    // government funds, 表5 212 44,163,930 and 221 10,885,800; 表4 gives all 3,680,000 of the
    // funds to 八、城乡社区支出 (43,863,930 + 3,680,000 = 47,543,930) and 九、住房保障支出
    // 11,185,800 of general budget (= 10,885,800 + 300,000). The class totals agree; the split
    // by fund does not, by 300,000 each.
    assert_eq!(
        fails,
        [
            "4 八、城乡社区支出 “财政拨款支出 / 一般公共预算” = 5 212 城乡社区支出 “一般公共预算支出 / 合计”",
            "4 九、住房保障支出 “财政拨款支出 / 一般公共预算” = 5 221 住房保障支出 “一般公共预算支出 / 合计”",
            "4 八、城乡社区支出 “财政拨款支出 / 政府性基金预算” = 6 212 城乡社区支出 “政府性基金预算支出 / 合计”",
        ]
    );
    // The rest hold, or differ by the narrative's rounding to 万元 (7,630.61 for 76,306,134).
    let rounding = checks
        .iter()
        .filter(|c| c.status == Status::Rounding)
        .count();
    assert_eq!(rounding, 4);
    assert!(checks.len() > 600);
}
