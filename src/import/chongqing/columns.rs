//! The 13 tables of the Chongqing template: which title is which table, how it is laid out, and
//! its printed column headers. What a header measures, and so its key, is decided by
//! `measure_of`, from the header text alone.

use crate::core::document::{Column, FundScope, Measure, TableKind};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Layout {
    /// Code, name, amounts; long names wrap and their amounts follow on a line of their own.
    Coded,
    /// Name, amounts (政府采购).
    Named,
    /// 收入 | 支出 side by side on one printed line.
    TwoSided,
    /// One line of amounts under a three-level header (三公).
    Sangong,
    Performance,
}

/// A printed header and the printed group above it; `{Y}` is the fiscal year, `{P}` the one before.
pub type ColSpec = (&'static str, &'static str);

pub struct Spec {
    /// The title after the department's name.
    pub suffix: &'static str,
    pub kind: TableKind,
    pub scope: FundScope,
    pub layout: Layout,
    pub group_header: Option<&'static str>,
    pub code_header: Option<&'static str>,
    pub name_header: Option<&'static str>,
    /// For a two-sided table, one entry per side: (name, item header, columns).
    pub sides: &'static [(&'static str, &'static str, &'static [ColSpec])],
    pub columns: &'static [ColSpec],
}

const INCOME_SOURCES: &[ColSpec] = &[
    ("合计", ""),
    ("一般公共预算拨款收入", ""),
    ("政府性基金预算拨款收入", ""),
    ("国有资本经营预算拨款收入", ""),
    ("财政专户管理资金收入", ""),
    ("事业收入", ""),
    ("上级补助收入", ""),
    ("附属单位上缴收入", ""),
    ("事业单位经营收入", ""),
    ("其他收入", ""),
];

const VEHICLE: &str = "公务用车购置及运行费";

const SANGONG: &[ColSpec] = &[
    ("合计", "{P} 年预算数"),
    ("因公出国（境）费", "{P} 年预算数"),
    ("小计", "{P} 年预算数 / 公务用车购置及运行费"),
    ("公务用车购置费", "{P} 年预算数 / 公务用车购置及运行费"),
    ("公务用车运行费", "{P} 年预算数 / 公务用车购置及运行费"),
    ("公务接待费", "{P} 年预算数"),
    ("合计", "{Y} 年预算数"),
    ("因公出国（境）费", "{Y} 年预算数"),
    ("小计", "{Y} 年预算数 / 公务用车购置及运行费"),
    ("公务用车购置费", "{Y} 年预算数 / 公务用车购置及运行费"),
    ("公务用车运行费", "{Y} 年预算数 / 公务用车购置及运行费"),
    ("公务接待费", "{Y} 年预算数"),
];

const fn spec(suffix: &'static str, kind: TableKind, scope: FundScope, layout: Layout) -> Spec {
    Spec {
        suffix,
        kind,
        scope,
        layout,
        group_header: None,
        code_header: None,
        name_header: None,
        sides: &[],
        columns: &[],
    }
}

const CODED: Spec = Spec {
    code_header: Some("科目编码"),
    name_header: Some("科目名称"),
    ..spec("", TableKind::Functional, FundScope::All, Layout::Coded)
};

pub const SPECS: &[Spec] = &[
    Spec {
        sides: &[
            ("收入", "项目", &[("预算数", "")]),
            (
                "支出",
                "项目",
                &[
                    ("合计", ""),
                    ("一般公共预算财政拨款", ""),
                    ("政府性基金预算财政拨款", ""),
                    ("国有资本经营预算财政拨款", ""),
                ],
            ),
        ],
        ..spec(
            "财政拨款收支总表",
            TableKind::Summary,
            FundScope::Fiscal,
            Layout::TwoSided,
        )
    },
    Spec {
        suffix: "一般公共预算财政拨款支出预算表",
        scope: FundScope::GeneralBudget,
        group_header: Some("功能分类科目"),
        columns: &[
            ("{P} 年预算数", ""),
            ("小计", "{Y} 年预算数"),
            ("基本支出", "{Y} 年预算数"),
            ("项目支出", "{Y} 年预算数"),
        ],
        ..CODED
    },
    Spec {
        suffix: "一般公共预算财政拨款基本支出预算表",
        kind: TableKind::Economic,
        scope: FundScope::GeneralBudget,
        group_header: Some("经济分类科目"),
        columns: &[
            ("合计", "{Y} 年基本支出"),
            ("人员经费", "{Y} 年基本支出"),
            ("公用经费", "{Y} 年基本支出"),
        ],
        ..CODED
    },
    Spec {
        columns: SANGONG,
        ..spec(
            "一般公共预算“三公”经费支出表",
            TableKind::Sangong,
            FundScope::GeneralBudget,
            Layout::Sangong,
        )
    },
    Spec {
        suffix: "政府性基金预算支出表",
        scope: FundScope::GovFund,
        columns: &[
            ("合计", "本年政府性基金预算财政拨款支出"),
            ("基本支出", "本年政府性基金预算财政拨款支出"),
            ("项目支出", "本年政府性基金预算财政拨款支出"),
        ],
        ..CODED
    },
    Spec {
        sides: &[
            ("收入", "项目", &[("预算数", "")]),
            ("支出", "项目", &[("预算数", "")]),
        ],
        ..spec(
            "收支总表",
            TableKind::Summary,
            FundScope::All,
            Layout::TwoSided,
        )
    },
    Spec {
        suffix: "收入总表",
        group_header: Some("科目"),
        columns: INCOME_SOURCES,
        ..CODED
    },
    Spec {
        suffix: "支出总表",
        columns: &[("合计", ""), ("基本支出", ""), ("项目支出", "")],
        ..CODED
    },
    Spec {
        name_header: Some("项目"),
        columns: INCOME_SOURCES,
        ..spec(
            "政府采购预算明细表",
            TableKind::Procurement,
            FundScope::All,
            Layout::Named,
        )
    },
    spec(
        "整体绩效目标表",
        TableKind::Performance,
        FundScope::All,
        Layout::Performance,
    ),
    spec(
        "项目绩效目标表",
        TableKind::Performance,
        FundScope::All,
        Layout::Performance,
    ),
];

/// What a printed header measures. `group` tells 三公's vehicle 小计 from an ordinary 小计.
pub fn measure_of(header: &str, group: &str) -> Option<Measure> {
    use Measure::*;
    let h = header.replace(' ', "");
    Some(match h.as_str() {
        "小计" if group.ends_with(VEHICLE) => Vehicle,
        "合计" | "小计" | "预算数" | "支出预算数" | "资金情况（万元）" => Total,
        _ if h.ends_with("年预算数") => Total,
        "基本支出" => Basic,
        "项目支出" => Project,
        "人员经费" => Personnel,
        "公用经费" => Public,
        "一般公共预算拨款收入" | "一般公共预算财政拨款" => GeneralBudget,
        "政府性基金预算拨款收入" | "政府性基金预算财政拨款" => GovFund,
        "国有资本经营预算拨款收入" | "国有资本经营预算财政拨款" => {
            StateCapital
        }
        "财政专户管理资金收入" => SpecialAccount,
        "事业收入" => Business,
        "上级补助收入" => SuperiorSubsidy,
        "附属单位上缴收入" => Affiliated,
        "事业单位经营收入" => Operating,
        "其他收入" => Other,
        "因公出国（境）费" => Abroad,
        "公务用车购置费" => VehiclePurchase,
        "公务用车运行费" => VehicleOperation,
        "公务接待费" => Reception,
        _ => return None,
    })
}

/// The year a header or group names (`2023 年预算数` → 2023); `本年` and none are the fiscal year.
fn year_named(text: &str) -> Option<i32> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

fn snake(m: Measure) -> String {
    serde_json::to_value(m)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Builds the columns of one table or side from its printed headers.
pub fn build(specs: &[ColSpec], fiscal_year: i32) -> Result<Vec<Column>, String> {
    let fill = |s: &str| {
        s.replace("{Y}", &fiscal_year.to_string())
            .replace("{P}", &(fiscal_year - 1).to_string())
    };
    let mut cols = Vec::new();
    for (header, group) in specs {
        let (header, group) = (fill(header), fill(group));
        let measure = measure_of(&header, &group)
            .ok_or_else(|| format!("no measure is known for the header {header}"))?;
        let year = year_named(&group)
            .or_else(|| year_named(&header))
            .unwrap_or(fiscal_year);
        let key = match (specs.len(), year == fiscal_year) {
            (1, _) => "amount".to_string(),
            (_, true) => snake(measure),
            // A prior year printed as one column under its own header (表二's 2023 年预算数).
            _ if group.is_empty() => format!("y{year}"),
            _ => format!("y{year}_{}", snake(measure)),
        };
        cols.push(Column {
            key: key.into(),
            header: header.into(),
            group: (!group.is_empty()).then(|| group.into()),
            measure,
            year: (year != fiscal_year).then_some(year),
            sum_of: Vec::new(),
        });
    }
    add_sums(&mut cols);
    Ok(cols)
}

/// A vehicle 小计 sums the columns beside it under its group; a 合计 sums the columns of its
/// group that no 小计 already sums.
fn add_sums(cols: &mut [Column]) {
    let group = |c: &Column| c.group.as_deref().unwrap_or_default().to_string();
    for i in 0..cols.len() {
        if cols[i].measure == Measure::Vehicle {
            let g = group(&cols[i]);
            cols[i].sum_of = cols
                .iter()
                .enumerate()
                .filter(|(j, c)| *j != i && group(c) == g)
                .map(|(_, c)| c.key.to_string())
                .collect();
        }
    }
    let summed: Vec<String> = cols.iter().flat_map(|c| c.sum_of.clone()).collect();
    for i in 0..cols.len() {
        let is_total = cols[i].measure == Measure::Total && !cols[i].header.ends_with("年预算数");
        if !is_total {
            continue;
        }
        let g = group(&cols[i]);
        let parts: Vec<String> = cols
            .iter()
            .enumerate()
            .filter(|(j, c)| {
                *j != i
                    && group(c).starts_with(&g)
                    && c.year == cols[i].year
                    && !summed.iter().any(|k| c.key == *k)
            })
            .map(|(_, c)| c.key.to_string())
            .collect();
        cols[i].sum_of = parts;
    }
}
