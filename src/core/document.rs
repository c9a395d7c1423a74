//! The data format: one JSON document per department and fiscal year (see docs/FORMAT.md).
//! Unknown fields are errors, so a typo in a data file never silently drops a figure.

use super::amount::Amount;
pub use super::cells::Cells;
pub use super::interned::Interned;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "yusuan/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always `yusuan/1` for this version of the format.
    pub format: String,
    pub department: Department,
    pub fiscal_year: i32,
    /// 预算 (a budget, the default) or 决算 (the final accounts of the year).
    #[serde(default, skip_serializing_if = "DocumentKind::is_budget")]
    pub kind: DocumentKind,
    /// The unit every amount is in unless a table says otherwise: 万元 or 元.
    pub unit: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
    pub tables: Vec<Table>,
    #[serde(default)]
    pub narrative_figures: Vec<NarrativeFigure>,
}

/// What a disclosure publishes: the year's budget, or the final accounts after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 部门预算: amounts planned for the fiscal year.
    #[default]
    Budget,
    /// 部门决算: amounts spent in the fiscal year; columns print 决算数 (and 预算数 beside it).
    FinalAccounts,
}

impl DocumentKind {
    pub fn is_budget(&self) -> bool {
        *self == DocumentKind::Budget
    }

    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Budget => "预算",
            DocumentKind::FinalAccounts => "决算",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The contact line exactly as printed.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A narrative section (一 … 六): paragraphs with the PDF's line wraps undone.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Income and expenditure summaries (表一, 表六).
    Summary,
    /// Rows coded by the functional classification (208 → 20801 → 2080101).
    Functional,
    /// Rows coded by the economic classification (301 → 30101).
    Economic,
    /// 三公 costs.
    Sangong,
    Procurement,
    Performance,
    /// Any other table of a template: kept, shown and exported, but not built into a tree.
    Other,
}

/// Which money a table covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundScope {
    /// All funds of the department.
    All,
    /// Fiscal appropriations (财政拨款) of every kind.
    Fiscal,
    /// 一般公共预算 only.
    GeneralBudget,
    /// 政府性基金预算 only.
    GovFund,
    /// 国有资本经营预算 only.
    StateCapital,
}

impl FundScope {
    pub fn label(self, lang: crate::core::lang::Lang) -> &'static str {
        use crate::core::lang::{term, Term};
        term(
            lang,
            match self {
                FundScope::All => Term::AllFunds,
                FundScope::Fiscal => Term::Fiscal,
                FundScope::GeneralBudget => Term::GeneralBudget,
                FundScope::GovFund => Term::GovFund,
                FundScope::StateCapital => Term::StateCapital,
            },
        )
    }
}

/// What a column measures, so that checks and views need not guess from header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Total,
    Basic,
    Project,
    /// 单位预留机动经费 (Jiangsu's third category beside basic and project).
    Reserve,
    Personnel,
    Public,
    GeneralBudget,
    GovFund,
    StateCapital,
    /// 财政拨款收入: fiscal appropriations of every kind in one column (Shanghai's income table).
    Fiscal,
    SpecialAccount,
    Business,
    SuperiorSubsidy,
    Affiliated,
    Operating,
    Other,
    Abroad,
    Vehicle,
    VehiclePurchase,
    VehicleOperation,
    Reception,
    /// 机关运行经费 (Shanghai prints it beside the 三公 columns).
    RunningCosts,
    /// 上缴上级支出 (a 决算's spending table).
    Remittance,
    /// 对附属单位补助支出 (a 决算's spending table).
    AffiliatedSubsidy,
    /// 年初结转和结余: money carried into the year (a 决算's fund tables).
    CarryIn,
    /// 本年收入 beside carry-overs (a 决算's fund tables).
    Income,
    /// 年末结转和结余: money carried out of the year.
    CarryOut,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Unique within its table section; what row cells are keyed by. Shared, like the header
    /// and group, with every document of the folder that prints the same (see `interned`).
    pub key: Interned,
    /// The header as printed.
    pub header: Interned,
    /// The printed header above it, for multi-level headers ("2024 年预算数").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Interned>,
    pub measure: Measure,
    /// The budget year the column is for; the document's fiscal year when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Keys of the columns whose sum this column is (合计 = 基本支出 + 项目支出).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sum_of: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    #[default]
    Item,
    /// A printed subtotal line of a summary (一、本年收入).
    Subtotal,
    /// The table's grand total (合计, 收入合计).
    Total,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    #[serde(default, skip_serializing_if = "is_item")]
    pub role: RowRole,
    /// The classification code with any printed spaces removed ("212 01 01" → "2120101").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Interned>,
    /// The code as printed when it differs from `code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_code: Option<Interned>,
    /// Shared with every row of the folder that prints the same name (see `interned`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Interned>,
    /// Column key → amount. An empty printed cell is absent, never zero.
    #[serde(default)]
    pub cells: Cells,
    /// The printed line, for two-sided tables whose sides share lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

fn is_item(role: &RowRole) -> bool {
    *role == RowRole::Item
}

/// One side of a two-sided table (收入 | 支出), or the whole of a one-sided one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_header: Option<String>,
    pub columns: Vec<Column>,
    #[serde(default)]
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The document's own label: 表一, 公开01表, 5.
    pub id: String,
    pub title: String,
    pub kind: TableKind,
    pub scope: FundScope,
    /// Overrides the document's unit (Shanghai prints its 三公 table in 万元, the rest in 元).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_header: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_header: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_header: Option<String>,
    /// A one-sided table: its columns and rows. A two-sided table uses `sections` instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Row>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<TableSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance: Option<Performance>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals_header: Option<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    /// The printed label above the indicators (绩效指标).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators_header: Option<String>,
    #[serde(default)]
    pub indicator_columns: Vec<String>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level2: Option<String>,
    pub name: String,
    /// 定性, ≥, ≤, ＝ as printed.
    pub nature: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub weight: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A level: "支出预算 1,524.40 万元".
    Level,
    /// A change from an earlier year: "比 2023 年增加 100.19 万元".
    Change,
    /// A 决算's words on how two of its figures compare ("决算数小于预算数"): `direction` is what
    /// the words say of `parts[0]` (the 决算数) against `parts[1]` (the 预算数); no amount.
    Comparison,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    /// 与上年持平: no number printed, the change is zero.
    Same,
}

/// A figure stated in the narrative, with the table cell it speaks of when there is one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeFigure {
    pub id: String,
    /// The narrative section number (一 … 六).
    pub section: String,
    /// The words of the narrative the figure stands in, as printed.
    pub quote: String,
    pub kind: FigureKind,
    /// As printed (unsigned for changes; see `direction`). Absent for 持平.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// For counts (辆, 个); the document's unit when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// For a level, its year; for a change, the earlier year compared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<CellRef>,
    /// Ids of change figures that this change is the sum of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
}

impl NarrativeFigure {
    /// The change as a signed amount (增加 +, 减少 −, 持平 0).
    pub fn signed_change(&self) -> Option<Amount> {
        match (self.kind, self.direction, self.amount) {
            (FigureKind::Change, Some(Direction::Same), _) => Some(Amount::ZERO),
            (FigureKind::Change, Some(Direction::Increase), Some(a)) => Some(a),
            (FigureKind::Change, Some(Direction::Decrease), Some(a)) => Some(-a),
            _ => None,
        }
    }
}

/// A table cell: by code, or by row name, or (with neither) the table's total row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellRef {
    pub table: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub column: String,
}

impl Table {
    /// The table's sections: its own columns and rows as one unnamed section when it is one-sided.
    pub fn sections(&self) -> Vec<SectionView<'_>> {
        self.each_section().collect()
    }

    /// `sections` without collecting them: hot paths (a table's choice, a row by code) run
    /// for every document of a folder.
    pub fn each_section(&self) -> impl Iterator<Item = SectionView<'_>> {
        let own = self.sections.is_empty().then_some(SectionView {
            name: None,
            columns: &self.columns,
            rows: &self.rows,
        });
        own.into_iter()
            .chain(self.sections.iter().map(|s| SectionView {
                name: s.name.as_deref(),
                columns: &s.columns,
                rows: &s.rows,
            }))
    }

    pub fn unit<'a>(&'a self, doc: &'a Document) -> &'a str {
        self.unit.as_deref().unwrap_or(&doc.unit)
    }

    /// The column with this key in any section.
    pub fn column(&self, key: &str) -> Option<&Column> {
        self.each_section()
            .flat_map(|s| s.columns.iter())
            .find(|c| c.key == key)
    }

    /// The row with this code, in any section.
    pub fn row_by_code(&self, code: &str) -> Option<&Row> {
        self.each_section()
            .flat_map(|s| s.rows.iter())
            .find(|r| r.code.as_deref() == Some(code))
    }

    /// Resolves a cell reference (already known to name this table).
    pub fn resolve(&self, r: &CellRef) -> Option<(&Row, &Column)> {
        let section = self
            .sections()
            .into_iter()
            .find(|s| r.section.is_none() || s.name == r.section.as_deref())?;
        let column = section.columns.iter().find(|c| c.key == r.column)?;
        let row = section.rows.iter().find(|row| match (&r.code, &r.name) {
            (Some(code), _) => row.code.as_deref() == Some(code.as_str()),
            (None, Some(name)) => row.code.is_none() && row.name.as_deref() == Some(name.as_str()),
            (None, None) => row.role == RowRole::Total,
        })?;
        Some((row, column))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct SectionView<'a> {
    pub name: Option<&'a str>,
    pub columns: &'a [Column],
    pub rows: &'a [Row],
}

impl Column {
    pub fn year_in(&self, doc: &Document) -> i32 {
        self.year.unwrap_or(doc.fiscal_year)
    }

    /// "2024 年预算数 / 小计": the group and header as one label.
    pub fn full_header(&self) -> String {
        match &self.group {
            Some(g) => format!("{g} / {}", self.header),
            None => self.header.to_string(),
        }
    }
}

impl Row {
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }

    /// Adds a wrapped line's text to the name (a name printed over several lines).
    pub fn extend_name(&mut self, more: &str) {
        self.name = Some(format!("{}{more}", self.display_name()).into());
    }
}

impl Document {
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The tables of a kind, in document order (the 三公 table: `.next()`).
    pub fn tables_of(&self, kind: TableKind) -> impl Iterator<Item = &Table> {
        self.tables.iter().filter(move |t| t.kind == kind)
    }

    /// A document is identified by department and year.
    pub fn id(&self) -> String {
        format!("{}-{}", self.department.code, self.fiscal_year)
    }
}
