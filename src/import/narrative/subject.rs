//! What a figure's subject names, and the table cell that is: chosen by table kind, scope, row
//! names and column measures, with what the paragraph said before (its fund, 基本/项目支出).

use crate::core::document::{
    CellRef, Document, FundScope, Measure, Row, RowRole, Table, TableKind,
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fund {
    GeneralBudget,
    GovFund,
    StateCapital,
}

impl Fund {
    /// How the fund's rows begin (一般公共预算资金, 国有资本经营预算拨款收入 …).
    fn prefix(self) -> &'static str {
        match self {
            Fund::GeneralBudget => "一般公共预算",
            Fund::GovFund => "政府性基金",
            Fund::StateCapital => "国有资本经营",
        }
    }

    fn scope(self) -> FundScope {
        match self {
            Fund::GeneralBudget => FundScope::GeneralBudget,
            Fund::GovFund => FundScope::GovFund,
            Fund::StateCapital => FundScope::StateCapital,
        }
    }
}

/// The fund a text names, if any.
pub fn fund_of(text: &str) -> Option<Fund> {
    [Fund::GeneralBudget, Fund::GovFund, Fund::StateCapital]
        .into_iter()
        .find(|f| text.contains(f.prefix()))
}

const QUALIFIERS: &[&str] = &[
    "市级",
    "区级",
    "县级",
    "省级",
    "中央",
    // Figures of projects and plans, not cells of the tables (Shanghai's 项目经费情况说明,
    // 绩效目标设置情况: "涉及项目预算资金…", "由我局申请…", "建安工程投资…", "…能力提升80万元").
    "项目预算资金",
    "申请",
    "投资",
    "用款计划",
    "绩效",
    "提升",
];

/// What the paragraph has said so far.
pub struct Context {
    /// 收入 or 支出, from a heading such as （一）收入预算.
    income_topic: bool,
    expense_topic: bool,
    fund: Option<Fund>,
    /// 基本支出 or 项目支出 named earlier in the sentence.
    measure: Option<Measure>,
}

fn measure_named(text: &str) -> Option<Measure> {
    if text.contains("基本支出") {
        Some(Measure::Basic)
    } else if text.contains("项目") {
        Some(Measure::Project)
    } else {
        None
    }
}

impl Context {
    pub fn new(heading: &str) -> Context {
        Context {
            income_topic: heading.contains("收入"),
            expense_topic: heading.contains("支出"),
            fund: None,
            measure: None,
        }
    }

    pub fn sentence(&mut self) {
        self.measure = None;
    }

    pub fn note_measure(&mut self, clause: &str) {
        if let Some(m) = measure_named(clause) {
            self.measure = Some(m);
        }
    }

    pub fn resolve(&mut self, doc: &Document, subject: &str) -> Option<CellRef> {
        if subject.is_empty() || QUALIFIERS.iter().any(|q| subject.contains(q)) {
            return None;
        }
        if let Some(r) = sangong(doc, subject) {
            return Some(r);
        }
        if subject.contains("运行经费") {
            // Printed beside the 三公 figures where the template has a column for it (Shanghai),
            // else the basic budget's 公用经费 (the seed's 表三).
            if let Some(t) = find(doc, |t| {
                t.kind == TableKind::Sangong
                    && t.columns.iter().any(|c| c.measure == Measure::RunningCosts)
            }) {
                return cell(t, total_row(t)?, Measure::RunningCosts);
            }
            let t = find(doc, |t| {
                t.kind == TableKind::Economic && t.scope == FundScope::GeneralBudget
            })?;
            return cell(t, total_row(t)?, Measure::Public);
        }
        // A 项 named by its path: “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”,
        // “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”, 公共安全支出（204类）司法（06款）….
        if let Some(path) = subject_path(subject) {
            return path_cell(doc, &path);
        }
        // A 类 of spending by its name (社会保障和就业支出), before any fund it may contain.
        if let Some(t) = all_funds_expense(doc) {
            if let Some(row) = t.rows.iter().find(|r| {
                r.code.as_ref().is_some_and(|c| c.len() == 3) && r.name.as_deref() == Some(subject)
            }) {
                return cell(t, row, Measure::Total);
            }
        }
        let own = fund_of(subject);
        if own.is_none() && subject.contains("财政拨款") && !subject.contains("一般公共预算")
        {
            if let Some(r) = fiscal_cell(doc, subject.contains("收入")) {
                return Some(r);
            }
        }
        let names_money = subject.contains("收入") || subject.contains("支出");
        if own.is_some() {
            self.fund = own;
        }
        let fund = own.or(if names_money && measure_named(subject).is_none() {
            None
        } else {
            self.fund
        });
        if subject.contains("政府采购") {
            return procurement(doc, subject, fund);
        }
        let income = subject.contains("收入") || (self.income_topic && !subject.contains("支出"));
        if income {
            return income_cell(doc, subject, fund);
        }
        let measure = measure_named(subject)
            .or(if names_money { None } else { self.measure })
            .unwrap_or(Measure::Total);
        if !names_money && !self.expense_topic && own.is_none() && measure == Measure::Total {
            return None;
        }
        expense_cell(doc, fund, measure)
    }
}

fn find(doc: &Document, pred: impl Fn(&Table) -> bool) -> Option<&Table> {
    doc.tables.iter().find(|t| pred(t))
}

fn total_row(t: &Table) -> Option<&Row> {
    t.rows.iter().find(|r| r.role == RowRole::Total)
}

/// A reference to a row's cell under the column of this measure (for the fiscal year).
fn cell(t: &Table, row: &Row, measure: Measure) -> Option<CellRef> {
    let col = t
        .columns
        .iter()
        .find(|c| c.measure == measure && c.year.is_none())?;
    Some(CellRef {
        table: t.id.clone(),
        section: None,
        code: row.code.as_deref().map(str::to_string),
        name: if row.code.is_some() {
            None
        } else {
            row.name.as_deref().map(str::to_string)
        },
        column: col.key.to_string(),
    })
}

/// The table of all spending by function: all funds, with 基本/项目 columns.
fn all_funds_expense(doc: &Document) -> Option<&Table> {
    find(doc, |t| {
        t.kind == TableKind::Functional
            && t.scope == FundScope::All
            && t.columns.iter().any(|c| c.measure == Measure::Basic)
    })
}

fn sangong(doc: &Document, subject: &str) -> Option<CellRef> {
    let measure = if subject.contains("因公出国") {
        Measure::Abroad
    } else if subject.contains("接待") {
        Measure::Reception
    } else if subject.contains("公务用车") && subject.contains("购置及运行") {
        Measure::Vehicle
    } else if subject.contains("公务用车") && subject.contains("购置") {
        Measure::VehiclePurchase
    } else if subject.contains("公务用车") && subject.contains("运行") {
        Measure::VehicleOperation
    } else if subject.contains("三公") {
        Measure::Total
    } else {
        return None;
    };
    let t = find(doc, |t| t.kind == TableKind::Sangong)?;
    let col = t
        .columns
        .iter()
        .find(|c| c.measure == measure && c.year_in(doc) == doc.fiscal_year)?;
    let row = total_row(t)?;
    Some(CellRef {
        table: t.id.clone(),
        section: None,
        code: None,
        name: row.name.as_deref().map(str::to_string),
        column: col.key.to_string(),
    })
}

fn procurement(doc: &Document, subject: &str, fund: Option<Fund>) -> Option<CellRef> {
    let t = find(doc, |t| t.kind == TableKind::Procurement)?;
    let row = ["货物", "服务", "工程"]
        .iter()
        .find(|k| subject.contains(**k))
        .and_then(|k| {
            t.rows
                .iter()
                .find(|r| r.name.as_deref().is_some_and(|n| n.starts_with(k)))
        })
        .or_else(|| total_row(t))?;
    let measure = match fund {
        Some(Fund::GeneralBudget) => Measure::GeneralBudget,
        _ => Measure::Total,
    };
    cell(t, row, measure)
}

/// Income: the summaries' 收入 side; a fund's row (the one worded most like the subject),
/// or the year's income (本年收入) when no fund is named.
fn income_cell(doc: &Document, subject: &str, fund: Option<Fund>) -> Option<CellRef> {
    let sides = doc
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::Summary)
        .flat_map(|t| {
            t.sections
                .iter()
                .filter(|s| s.name.as_deref() == Some("收入"))
                .map(move |s| (t, s))
        });
    let mut candidates: Vec<(&Table, &str, &Row)> = Vec::new();
    for (t, s) in sides {
        // Rows under 二、上年结转 are last year's money carried over, not this year's income.
        let mut carried = false;
        for row in &s.rows {
            let name = row.name.as_deref().unwrap_or("");
            if row.role != RowRole::Item {
                carried = name.contains("结转");
            }
            let fits = match fund {
                Some(f) => !carried && name.starts_with(f.prefix()),
                None => name.contains("本年收入") && row.role == RowRole::Subtotal,
            };
            if fits {
                candidates.push((t, s.name.as_deref().unwrap_or(""), row));
            }
        }
    }
    // The row worded most like the subject (…拨款收入 for …财政拨款收入), the first on a tie.
    let shared = |n: &str| {
        subject
            .chars()
            .rev()
            .zip(n.chars().rev())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let best = candidates
        .iter()
        .map(|(_, _, r)| shared(r.name.as_deref().unwrap_or("")))
        .max()?;
    let (t, side, row) = candidates
        .iter()
        .find(|(_, _, r)| shared(r.name.as_deref().unwrap_or("")) == best)
        .copied()?;
    let section = t
        .sections
        .iter()
        .find(|s| s.name.as_deref() == Some(side))?;
    Some(CellRef {
        table: t.id.clone(),
        section: Some(side.to_string()),
        code: None,
        name: row.name.as_deref().map(str::to_string),
        column: section.columns.first()?.key.to_string(),
    })
}

/// Spending: a fund's own table when it has one with rows, else its 类 in the all-funds table
/// (国有资本经营预算支出); all funds when none is named.
fn expense_cell(doc: &Document, fund: Option<Fund>, measure: Measure) -> Option<CellRef> {
    let all = all_funds_expense(doc);
    let Some(f) = fund else {
        let t = all?;
        return cell(t, total_row(t)?, measure);
    };
    if let Some(t) = find(doc, |t| {
        t.kind == TableKind::Functional && t.scope == f.scope() && !t.rows.is_empty()
    }) {
        return cell(t, total_row(t)?, measure);
    }
    let t = all?;
    let class = format!("{}预算支出", f.prefix());
    let row = t
        .rows
        .iter()
        .find(|r| r.code.is_some() && r.name.as_deref() == Some(class.as_str()))?;
    cell(t, row, measure)
}

/// The names of a 类 / 款 / 项 path in a subject, or `None` when the subject is not one.
fn subject_path(subject: &str) -> Option<Vec<String>> {
    let s: String = subject
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | ' '))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    let quoted = subject.contains('“');
    let s = s.trim_end_matches("科目");
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | '．'));
    let mut parts: Vec<String> = Vec::new();
    if s.contains("（类）") || s.contains("类）") && s.contains("款）") {
        // Each level ends with （类） / （204类） / （款） / （06款） / （项）.
        let mut rest = s;
        for level in ['类', '款', '项'] {
            let Some(close) = rest.find(&format!("{level}）")) else {
                break;
            };
            let open = rest[..close].rfind('（')?;
            parts.push(rest[..open].to_string());
            rest = &rest[close + format!("{level}）").len()..];
        }
    } else if s.matches('-').count() == 2 {
        parts = s.split('-').map(str::to_string).collect();
    } else if quoted && s.ends_with("支出") {
        // A 类 alone: “一般公共服务支出”科目.
        parts.push(s.to_string());
    }
    (!parts.is_empty() && parts.iter().all(|p| !p.is_empty())).then_some(parts)
}

/// The cell of the row a path names, in the general-budget functional table (the narrative's
/// items are 财政拨款), or the all-funds one.
fn path_cell(doc: &Document, path: &[String]) -> Option<CellRef> {
    let tables = [
        find(doc, |t| {
            t.kind == TableKind::Functional && t.scope == FundScope::GeneralBudget
        }),
        all_funds_expense(doc),
    ];
    for t in tables.into_iter().flatten() {
        let mut parent: Option<&str> = None;
        let mut found: Option<&Row> = None;
        for (depth, name) in path.iter().enumerate() {
            let len = [3, 5, 7][depth.min(2)];
            found = t.rows.iter().find(|r| {
                r.code
                    .as_ref()
                    .is_some_and(|c| c.len() == len && parent.is_none_or(|p| c.starts_with(p)))
                    && r.name.as_deref() == Some(name.as_str())
            });
            match found {
                Some(r) => parent = r.code.as_deref(),
                None => break,
            }
        }
        if let Some(row) = found.filter(|r| {
            r.code
                .as_ref()
                .is_some_and(|c| c.len() == [3, 5, 7][path.len().min(3) - 1])
        }) {
            return cell(t, row, Measure::Total);
        }
    }
    None
}

/// 财政拨款 of every kind: the all-funds income table's 财政拨款收入 column (Shanghai), or the
/// fiscal summary's total on its 收入 or 支出 side.
fn fiscal_cell(doc: &Document, income: bool) -> Option<CellRef> {
    if income {
        let t = find(doc, |t| {
            t.kind == TableKind::Functional
                && t.scope == FundScope::All
                && t.columns.iter().any(|c| c.measure == Measure::Fiscal)
        });
        if let Some(t) = t {
            return cell(t, total_row(t)?, Measure::Fiscal);
        }
    }
    let t = find(doc, |t| {
        t.kind == TableKind::Summary && t.scope == FundScope::Fiscal
    })?;
    let side = if income { "收入" } else { "支出" };
    let section = t
        .sections
        .iter()
        .find(|s| s.name.as_deref() == Some(side))?;
    section.rows.iter().find(|r| r.role == RowRole::Total)?;
    let column = section
        .columns
        .iter()
        .find(|c| c.measure == Measure::Total)?;
    Some(CellRef {
        table: t.id.clone(),
        section: Some(side.to_string()),
        code: None,
        name: None,
        column: column.key.to_string(),
    })
}
