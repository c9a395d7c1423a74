//! Consistency checks. The source is reported, never corrected: each check states both sides,
//! the difference, and whether it is within rounding (one step of the coarsest printed precision
//! per summed figure: 0.01 for figures printed with two decimals, 1 for whole yuan).

use super::amount::{convert, Amount};
use super::compare::{column_for, scope_table, Scope};
use super::document::*;
use super::lang::{term, Lang, Phrase, Term};
use super::links::{FUNCTIONAL_ECONOMIC_LINKS, SANGONG_LINKS};
use super::load::parent_code;
use super::tree::Classification;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    /// Off by no more than 0.01 per summed figure: the printed figures were rounded apart.
    Rounding,
    Fail,
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        term(
            lang,
            match self {
                Status::Pass => Term::Pass,
                Status::Rounding => Term::Rounding,
                Status::Fail => Term::Fail,
            },
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// A parent row equals the sum of its children, per column.
    ParentSum,
    /// Within a row: 合计 = 基本支出 + 项目支出, = 人员经费 + 公用经费, = sum of sources.
    RowIdentity,
    /// The same figure in two tables.
    CrossTable,
    /// A figure in the narrative against the tables, or two narrative figures against each other.
    Narrative,
    /// A document's printed prior-year column against the prior year's own document.
    CrossYear,
}

impl CheckKind {
    pub fn label(self, lang: Lang) -> &'static str {
        term(
            lang,
            match self {
                CheckKind::ParentSum => Term::KindParentSum,
                CheckKind::RowIdentity => Term::KindRowIdentity,
                CheckKind::CrossTable => Term::KindCrossTable,
                CheckKind::Narrative => Term::KindNarrative,
                CheckKind::CrossYear => Term::KindCrossYear,
            },
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub kind: CheckKind,
    pub status: Status,
    /// What is checked, e.g. "表三 302 商品和服务支出 合计 = 下级之和", in the language shown.
    pub title: Phrase,
    /// The printed figure being checked.
    pub printed: Amount,
    /// What the other side (a sum, another table, the narrative) gives.
    pub expected: Amount,
    /// printed − expected.
    pub difference: Amount,
    /// How many printed figures were summed: the rounding allowance is 0.01 each.
    pub terms: usize,
    /// Codes this check touches, for the detail pane and `show`.
    pub codes: Vec<String>,
    /// Tables this check reads.
    pub tables: Vec<String>,
}

impl Check {
    fn new(
        kind: CheckKind,
        title: Phrase,
        printed: Amount,
        expected: Amount,
        terms: usize,
    ) -> Check {
        let scale = printed.0.scale().min(expected.0.scale());
        Check::with_scale(kind, title, printed, expected, terms, scale)
    }

    /// `scale` is the coarsest printed precision among the figures compared: one step of it per
    /// summed figure is rounding (0.01 for figures printed with two decimals, 1 for whole yuan,
    /// as Shanghai prints its 元 tables).
    fn with_scale(
        kind: CheckKind,
        title: Phrase,
        printed: Amount,
        expected: Amount,
        terms: usize,
        scale: u32,
    ) -> Check {
        let difference = printed - expected;
        let allowance = Decimal::new(terms.max(1) as i64, scale);
        let status = if difference.is_zero() {
            Status::Pass
        } else if difference.value().abs() <= allowance {
            Status::Rounding
        } else {
            Status::Fail
        };
        Check {
            kind,
            status,
            title,
            printed,
            expected,
            difference,
            terms,
            codes: Vec::new(),
            tables: Vec::new(),
        }
    }

    /// A check of a printed figure against what another source gives.
    pub fn compare(
        kind: CheckKind,
        title: Phrase,
        printed: Amount,
        expected: Amount,
        terms: usize,
    ) -> Check {
        Check::new(kind, title, printed, expected, terms)
    }

    pub fn with_codes(self, codes: &[&str]) -> Check {
        self.codes(codes)
    }

    fn codes(mut self, codes: &[&str]) -> Check {
        self.codes = codes
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| c.to_string())
            .collect();
        self
    }

    pub(crate) fn tables(mut self, tables: &[&str]) -> Check {
        self.tables = tables.iter().map(|t| t.to_string()).collect();
        self.tables.dedup();
        self
    }

    /// "印 149.50，应为 149.49，差 +0.01": both sides and the difference.
    pub fn describe(&self, lang: Lang) -> String {
        Phrase::new(Term::Describe)
            .data(self.printed.display())
            .data(self.expected.display())
            .data(self.difference.display_signed())
            .text(lang)
    }

    /// The check with its words in a language, for JSON.
    pub fn localised(&self, lang: Lang) -> Localised<'_> {
        Localised { check: self, lang }
    }

    pub fn touches(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c == code)
    }
}

/// A check whose title is written in a language, as JSON gives it.
pub struct Localised<'a> {
    check: &'a Check,
    lang: Lang,
}

impl Serialize for Localised<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let c = self.check;
        let mut st = s.serialize_struct("Check", 9)?;
        st.serialize_field("kind", &c.kind)?;
        st.serialize_field("status", &c.status)?;
        st.serialize_field("title", &c.title.text(self.lang))?;
        st.serialize_field("printed", &c.printed)?;
        st.serialize_field("expected", &c.expected)?;
        st.serialize_field("difference", &c.difference)?;
        st.serialize_field("terms", &c.terms)?;
        st.serialize_field("codes", &c.codes)?;
        st.serialize_field("tables", &c.tables)?;
        st.end()
    }
}

/// Every check over the document, passes included, in a stable order.
pub fn run(doc: &Document) -> Vec<Check> {
    let mut out = Vec::new();
    for table in &doc.tables {
        parent_sums(table, &mut out);
        row_identities(table, &mut out);
    }
    cross_tables(doc, &mut out);
    if doc.kind == DocumentKind::FinalAccounts {
        super::final_accounts::checks(doc, &mut out);
    }
    narrative(doc, &mut out);
    out
}

/// The worst status of a set of checks.
pub fn worst(checks: &[Check]) -> Status {
    checks
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(Status::Pass)
}

fn row_label(row: &Row) -> Phrase {
    match (&row.code, &row.name) {
        (Some(c), Some(n)) => Phrase::plain(format!("{c} {n}")),
        (Some(c), None) => Phrase::plain(c.clone()),
        (None, Some(n)) => Phrase::plain(n.clone()),
        (None, None) => Term::TotalRow.into(),
    }
}

fn code_of(row: &Row) -> &str {
    row.code.as_deref().unwrap_or("")
}

fn parent_sums(table: &Table, out: &mut Vec<Check>) {
    for section in table.sections() {
        let coded: Vec<&Row> = section.rows.iter().filter(|r| r.code.is_some()).collect();
        if coded.is_empty() {
            continue;
        }
        let total = section
            .rows
            .iter()
            .find(|r| r.role == RowRole::Total && r.code.is_none());
        // Each parent with its children; the total row's children are the 类 rows (no parent).
        let children_of = |parent: Option<&str>| -> Vec<&Row> {
            coded
                .iter()
                .copied()
                .filter(|r| parent_code(code_of(r)) == parent)
                .collect()
        };
        let mut groups: Vec<(&Row, Vec<&Row>)> = Vec::new();
        if let Some(t) = total {
            groups.push((t, children_of(None)));
        }
        for parent in &coded {
            let children = children_of(Some(code_of(parent)));
            if !children.is_empty() {
                groups.push((parent, children));
            }
        }
        for (parent, children) in groups {
            for col in section.columns {
                let parts = children.iter().filter_map(|c| c.cells.get(&col.key));
                let title = || {
                    Phrase::new(Term::TitleParentSum)
                        .data(table.id.clone())
                        .phrase(row_label(parent))
                        .data(col.full_header())
                };
                if let Some(check) = sum_check(
                    CheckKind::ParentSum,
                    title,
                    parent.cells.get(&col.key),
                    parts,
                ) {
                    let mut codes: Vec<&str> = vec![parent.code.as_deref().unwrap_or("")];
                    codes.extend(children.iter().filter_map(|c| c.code.as_deref()));
                    out.push(check.codes(&codes).tables(&[&table.id]));
                }
            }
        }
    }
}

fn row_identities(table: &Table, out: &mut Vec<Check>) {
    for section in table.sections() {
        for col in section.columns.iter().filter(|c| !c.sum_of.is_empty()) {
            let parts: Vec<&Column> = section
                .columns
                .iter()
                .filter(|c| col.sum_of.iter().any(|k| c.key == *k))
                .collect();
            let names: Vec<&str> = parts.iter().map(|c| c.header.as_str()).collect();
            for row in section.rows {
                let vals = parts.iter().filter_map(|c| row.cells.get(&c.key));
                let title = || {
                    Phrase::new(Term::TitleRowIdentity)
                        .data(table.id.clone())
                        .phrase(row_label(row))
                        .data(col.full_header())
                        .data(names.join(" + "))
                };
                if let Some(check) =
                    sum_check(CheckKind::RowIdentity, title, row.cells.get(&col.key), vals)
                {
                    out.push(
                        check
                            .codes(&[row.code.as_deref().unwrap_or("")])
                            .tables(&[&table.id]),
                    );
                }
            }
        }
    }
}

/// A printed figure against the sum of printed parts; none when neither is printed.
fn sum_check<'a>(
    kind: CheckKind,
    title: impl FnOnce() -> Phrase,
    printed: Option<&Amount>,
    parts: impl Iterator<Item = &'a Amount>,
) -> Option<Check> {
    let parts: Vec<Amount> = parts.copied().collect();
    if printed.is_none() && parts.is_empty() {
        return None;
    }
    let printed = printed.copied().unwrap_or(Amount::ZERO);
    let scale = parts
        .iter()
        .map(|p| p.0.scale())
        .chain([printed.0.scale()])
        .min()
        .unwrap_or(2);
    Some(Check::with_scale(
        kind,
        title(),
        printed,
        parts.iter().copied().sum(),
        parts.len(),
        scale,
    ))
}

/// A cell by table id, code (or None for the total row / a named row) and measure.
struct Cell<'a> {
    table: &'a Table,
    unit: &'a str,
    code: Option<String>,
    label: Phrase,
    header: String,
    amount: Amount,
}

fn cell<'a>(
    doc: &'a Document,
    table: &'a Table,
    code: Option<&str>,
    name: Option<&str>,
    measure: Measure,
    year: i32,
) -> Option<Cell<'a>> {
    for section in table.sections() {
        let Some(col) = section
            .columns
            .iter()
            .find(|c| c.measure == measure && c.year_in(doc) == year)
        else {
            continue;
        };
        let row = section.rows.iter().find(|r| match (code, name) {
            (Some(c), _) => r.code.as_deref() == Some(c),
            (None, Some(n)) => r.code.is_none() && r.name.as_deref() == Some(n),
            (None, None) => r.role == RowRole::Total && r.code.is_none(),
        })?;
        let amount = row.cells.get(&col.key).copied().unwrap_or(Amount::ZERO);
        return Some(Cell {
            table,
            unit: table.unit(doc),
            code: row.code.as_deref().map(str::to_string),
            label: row_label(row),
            header: col.full_header(),
            amount,
        });
    }
    None
}

fn same(kind: CheckKind, a: Option<Cell>, b: Option<Cell>, out: &mut Vec<Check>) {
    let (Some(a), Some(b)) = (a, b) else { return };
    let mut title = Phrase::new(Term::TitleSame)
        .data(a.table.id.clone())
        .phrase(a.label)
        .data(a.header)
        .data(b.table.id.clone())
        .phrase(b.label)
        .data(b.header);
    // Tables in 元 and in 万元 (Shanghai's 三公 table) are compared in 万元, exactly.
    let (mut left, mut right) = (a.amount, b.amount);
    if a.unit != b.unit {
        let (Some(l), Some(r)) = (
            convert(left, a.unit, "万元"),
            convert(right, b.unit, "万元"),
        ) else {
            return;
        };
        (left, right) = (l, r);
        title = Phrase::new(Term::TitleInWan).phrase(title);
    }
    out.push(
        Check::new(kind, title, left, right, 1)
            .codes(&[
                a.code.as_deref().unwrap_or(""),
                b.code.as_deref().unwrap_or(""),
            ])
            .tables(&[&a.table.id, &b.table.id]),
    );
}

/// The links of `FUNCTIONAL_ECONOMIC_LINKS` that are this kind of unit's practice, not a rule of
/// the classifications: a district's 对个人和家庭的补助 is more than its retirees' 2080599.
const LOCAL_LINKS: &[&str] = &["2080599", "2101103"];

/// Every unordered pair of distinct elements, in order.
fn pairs<T>(items: &[T]) -> impl Iterator<Item = (&T, &T)> {
    items
        .iter()
        .enumerate()
        .flat_map(move |(i, a)| items[i + 1..].iter().map(move |b| (a, b)))
}

/// The same figure printed in two tables, heading by heading below.
fn cross_tables(doc: &Document, out: &mut Vec<Check>) {
    let functional: Vec<&Table> = doc.tables_of(TableKind::Functional).collect();
    same_code_same_scope(doc, &functional, out);
    general_budget(doc, &functional, out);
    summaries_against_spending(doc, out);
    summary_funds_against_spending(doc, out);
    summaries_agree(doc, out);
    functional_economic(doc, out);
}

/// The same code in two functional tables of the same scope, or of nested scopes when the
/// department has only one kind of money for that code.
fn same_code_same_scope(doc: &Document, functional: &[&Table], out: &mut Vec<Check>) {
    let y = doc.fiscal_year;
    // A 决算's income table and its spending table differ by what was received and not spent.
    let income = |t: &Table| {
        doc.kind == DocumentKind::FinalAccounts && column_for(doc, t, Measure::Fiscal, y).is_some()
    };
    for (a, b) in pairs(functional).filter(|(a, b)| a.scope == b.scope && income(a) == income(b)) {
        for row in a.sections().into_iter().flat_map(|sec| sec.rows.iter()) {
            let code = row.code.as_deref();
            let name = row.name.as_deref().filter(|_| code.is_none());
            let cell_in = |t| cell(doc, t, code, name, Measure::Total, y);
            same(CheckKind::CrossTable, cell_in(a), cell_in(b), out);
        }
    }
}

/// General budget: 表二's general-budget total per code = the all-funds tables' general-budget
/// column; 经济分类合计 = 一般公共预算基本支出.
fn general_budget(doc: &Document, functional: &[&Table], out: &mut Vec<Check>) {
    let (y, k) = (doc.fiscal_year, CheckKind::CrossTable);
    let Some(gpb) = scope_table(doc, Classification::Functional, Scope::GeneralBudget) else {
        return;
    };
    for income in functional.iter().filter(|t| t.scope == FundScope::All) {
        if column_for(doc, income, Measure::GeneralBudget, y).is_none() {
            continue;
        }
        for row in gpb.sections().into_iter().flat_map(|sec| sec.rows.iter()) {
            let code = row.code.as_deref();
            let name = row.name.as_deref().filter(|_| code.is_none());
            same(
                k,
                cell(doc, gpb, code, name, Measure::Total, y),
                cell(doc, income, code, name, Measure::GeneralBudget, y),
                out,
            );
        }
    }
    if let Some(econ) = doc.tables_of(TableKind::Economic).next() {
        if econ.sections.len() > 1 {
            // A 决算 prints its economic table in two halves, 人员经费 and 公用经费, each totalled.
            super::final_accounts::halves_total(doc, econ, gpb, out);
        } else {
            same(
                k,
                cell(doc, econ, None, None, Measure::Total, y),
                cell(doc, gpb, None, None, Measure::Basic, y),
                out,
            );
        }
    }
}

/// Summary tables: their totals and class lines against the all-funds expenditure table.
fn summaries_against_spending(doc: &Document, out: &mut Vec<Check>) {
    let y = doc.fiscal_year;
    let Some(all) = scope_table(doc, Classification::Functional, Scope::AllFunds) else {
        return;
    };
    let summaries = doc
        .tables
        .iter()
        .filter(|t| matches!(t.kind, TableKind::Summary | TableKind::Performance));
    // A fiscal summary is compared with the all-funds table's 财政拨款 column where one prints it
    // (Shanghai's income table), else with the total (the seed has no other money).
    let with_fiscal = doc
        .tables_of(TableKind::Functional)
        .find(|t| t.scope == FundScope::All && column_for(doc, t, Measure::Fiscal, y).is_some());
    let final_accounts = doc.kind == DocumentKind::FinalAccounts;
    if final_accounts && column_for(doc, all, Measure::Basic, y).is_none() {
        // Only an income table: a 决算's income is not its spending.
        return;
    }
    for summary in summaries {
        if final_accounts && summary.scope != FundScope::All {
            continue;
        }
        let (target, measure) = match with_fiscal {
            Some(t) if summary.scope == FundScope::Fiscal => (t, Measure::Fiscal),
            _ => (all, Measure::Total),
        };
        for sec in summary.sections() {
            let Some(col) = sec.columns.iter().find(|c| c.measure == Measure::Total) else {
                continue;
            };
            for row in sec.rows {
                summary_line_against(doc, summary, &sec, col, row, target, measure, out);
            }
        }
    }
}

/// A summary's spending by fund (Shanghai's 表 4: 一般公共预算 | 政府性基金预算 | …): each printed
/// line and total against the functional table of that fund.
fn summary_funds_against_spending(doc: &Document, out: &mut Vec<Check>) {
    const FUNDS: [(Measure, FundScope); 3] = [
        (Measure::GeneralBudget, FundScope::GeneralBudget),
        (Measure::GovFund, FundScope::GovFund),
        (Measure::StateCapital, FundScope::StateCapital),
    ];
    for summary in doc.tables_of(TableKind::Summary) {
        for sec in summary.sections() {
            for (measure, scope) in FUNDS {
                let Some(col) = sec.columns.iter().find(|c| c.measure == measure) else {
                    continue;
                };
                let Some(target) = doc
                    .tables_of(TableKind::Functional)
                    .find(|t| t.scope == scope)
                else {
                    continue;
                };
                for row in sec.rows {
                    summary_line_against(doc, summary, &sec, col, row, target, Measure::Total, out);
                }
            }
        }
    }
}

/// One printed line of a summary against the line of `target` it stands for (a 类 by its name,
/// or the total), in the column of `measure`.
#[allow(clippy::too_many_arguments)]
fn summary_line_against(
    doc: &Document,
    summary: &Table,
    sec: &SectionView,
    col: &Column,
    row: &Row,
    target: &Table,
    measure: Measure,
    out: &mut Vec<Check>,
) {
    let Some(amount) = row.cells.get(&col.key) else {
        return;
    };
    // A 决算's 总计 adds the carry-overs to the year's figures.
    if doc.kind == DocumentKind::FinalAccounts && row.role == RowRole::Total {
        return;
    }
    let Some(code) = spending_line(target, sec, row) else {
        return;
    };
    let printed = Cell {
        table: summary,
        unit: summary.unit(doc),
        code: None,
        label: row_label(row),
        header: col.full_header(),
        amount: *amount,
    };
    let b = cell(doc, target, code, None, measure, doc.fiscal_year);
    same(CheckKind::CrossTable, Some(printed), b, out);
}

/// The line of the all-funds table a summary row stands for: the total (`Some(None)`) for a
/// total of the spending side, a 类 (`Some(Some(code))`) by its name, else none.
fn spending_line<'a>(all: &'a Table, sec: &SectionView, row: &Row) -> Option<Option<&'a str>> {
    let name = row.display_name();
    if matches!(row.role, RowRole::Total | RowRole::Subtotal) || name == "支出预算数" {
        return (sec.name != Some("收入")).then_some(None);
    }
    // A 类 printed with its number (Shanghai's “一、一般公共服务支出”).
    let numbered = name
        .trim_start_matches(|c: char| "一二三四五六七八九十".contains(c))
        .strip_prefix('、');
    let name = numbered.unwrap_or(name);
    all.sections()
        .iter()
        .flat_map(|s| s.rows.iter())
        .find(|r| r.code.as_ref().is_some_and(|c| c.len() == 3) && r.name.as_deref() == Some(name))
        .map(|r| r.code.as_deref())
}

/// The two summaries' income lines agree with each other (表一 vs 表六).
fn summaries_agree(doc: &Document, out: &mut Vec<Check>) {
    let summaries: Vec<&Table> = doc.tables_of(TableKind::Summary).collect();
    const SAME_LINES: [(&str, &str); 4] = [
        ("收入合计", "收入合计"),
        ("支出合计", "支出合计"),
        ("一般公共预算资金", "一般公共预算拨款收入"),
        ("国有资本经营预算资金", "国有资本经营预算拨款收入"),
    ];
    for (a, b) in pairs(&summaries) {
        for (na, nb) in SAME_LINES {
            same(
                CheckKind::CrossTable,
                named(doc, a, na),
                named(doc, b, nb),
                out,
            );
        }
    }
}

/// Functional ↔ economic correspondences, and economic codes ↔ 三公 columns (`links`).
fn functional_economic(doc: &Document, out: &mut Vec<Check>) {
    let (y, k) = (doc.fiscal_year, CheckKind::CrossTable);
    let (Some(gpb), Some(econ)) = (
        scope_table(doc, Classification::Functional, Scope::GeneralBudget),
        doc.tables_of(TableKind::Economic).next(),
    ) else {
        return;
    };
    // The links that hold only for a unit like the seed's are checked in its template alone.
    let local_links_apply = doc.table("表三").is_some();
    for (f, e) in FUNCTIONAL_ECONOMIC_LINKS
        .iter()
        .filter(|(f, _)| local_links_apply || !LOCAL_LINKS.contains(f))
    {
        // The economic table is basic spending: the functional row's 基本支出 where printed
        // (a 2080505 may also have project money), else its total.
        let functional = cell(doc, gpb, Some(f), None, Measure::Basic, y)
            .or_else(|| cell(doc, gpb, Some(f), None, Measure::Total, y));
        same(
            k,
            cell(doc, econ, Some(e), None, Measure::Total, y),
            functional,
            out,
        );
    }
    // 三公 figures cover basic and project spending, the economic table basic spending only:
    // they are equal in the seed's template, where 表四 is drawn from the basic budget.
    if let Some(sg) = doc
        .tables_of(TableKind::Sangong)
        .next()
        .filter(|_| local_links_apply)
    {
        for (code, m) in SANGONG_LINKS {
            same(
                k,
                cell(doc, econ, Some(code), None, Measure::Total, y),
                cell(doc, sg, None, None, *m, y),
                out,
            );
        }
    }
}

fn named<'a>(doc: &'a Document, table: &'a Table, name: &str) -> Option<Cell<'a>> {
    for sec in table.sections() {
        let col = sec.columns.iter().find(|c| c.measure == Measure::Total)?;
        if let Some(row) = sec.rows.iter().find(|r| r.name.as_deref() == Some(name)) {
            return Some(Cell {
                table,
                unit: table.unit(doc),
                code: None,
                label: row_label(row),
                header: col.full_header(),
                amount: row.cells.get(&col.key).copied().unwrap_or(Amount::ZERO),
            });
        }
    }
    None
}

fn narrative(doc: &Document, out: &mut Vec<Check>) {
    let k = CheckKind::Narrative;
    let by_id: BTreeMap<&str, &NarrativeFigure> = doc
        .narrative_figures
        .iter()
        .map(|f| (f.id.as_str(), f))
        .collect();
    for f in &doc.narrative_figures {
        if let (FigureKind::Comparison, Some(said), [a, b]) =
            (f.kind, f.direction, f.parts.as_slice())
        {
            let amount = |id: &String| by_id.get(id.as_str()).and_then(|p| p.amount);
            if let (Some(x), Some(y)) = (amount(a), amount(b)) {
                let title = Phrase::new(Term::FaComparison)
                    .data(f.section.clone())
                    .data(f.quote.clone())
                    .data(x.display())
                    .data(y.display());
                out.push(super::final_accounts::comparison(title, x, y, said));
            }
            continue;
        }
        let Some(r) = &f.r#ref else { continue };
        let Some(table) = doc.table(&r.table) else {
            continue;
        };
        let Some((row, col)) = table.resolve(r) else {
            continue;
        };
        // The narrative speaks in 万元 of tables that may be in 元: compared in its unit, exactly.
        let figure_unit = f.unit.as_deref().unwrap_or(&doc.unit);
        let table_unit = table.unit(doc);
        let in_figure_unit = |a: Amount| convert(a, table_unit, figure_unit);
        // A blank cell is nothing, to the figure's precision ("0.95 万元" against a blank fails).
        let blank = Amount(Decimal::new(0, f.amount.map_or(0, |a| a.0.scale())));
        let Some(printed) = in_figure_unit(row.cells.get(&col.key).copied().unwrap_or(blank))
        else {
            continue;
        };
        match (f.kind, f.amount) {
            (FigureKind::Level, Some(a)) => {
                let title = Phrase::new(Term::TitleNarrative)
                    .data(f.section.clone())
                    .data(f.quote.clone())
                    .data(table.id.clone())
                    .phrase(row_label(row))
                    .data(col.full_header());
                out.push(
                    Check::new(k, title, a, printed, 1)
                        .codes(&[row.code.as_deref().unwrap_or("")])
                        .tables(&[&table.id]),
                );
            }
            (FigureKind::Change, _) => {
                // A change is checked where a prior year is printed for the same cell.
                let Some(change) = f.signed_change() else {
                    continue;
                };
                let prev_col = table
                    .sections()
                    .into_iter()
                    .flat_map(|s| s.columns.iter())
                    .find(|c| c.measure == col.measure && c.year_in(doc) == doc.fiscal_year - 1);
                if let Some(pc) = prev_col {
                    if let Some(prev) = row.cells.get(&pc.key).and_then(|p| in_figure_unit(*p)) {
                        let title = Phrase::new(Term::TitleNarrativeChange)
                            .data(f.section.clone())
                            .data(f.quote.clone())
                            .data(table.id.clone())
                            .phrase(row_label(row))
                            .data(col.full_header())
                            .data(pc.full_header());
                        out.push(
                            Check::new(k, title, change, printed - prev, 2)
                                .codes(&[row.code.as_deref().unwrap_or("")])
                                .tables(&[&table.id]),
                        );
                    }
                }
            }
            _ => {}
        }
        if !f.parts.is_empty() {
            let parts: Vec<Amount> = f
                .parts
                .iter()
                .filter_map(|p| by_id.get(p.as_str()))
                .filter_map(|p| p.signed_change())
                .collect();
            if let Some(total) = f.signed_change() {
                let title = Phrase::new(Term::TitleNarrativeParts)
                    .data(f.section.clone())
                    .data(f.quote.clone())
                    .list(f.parts.clone());
                out.push(Check::new(
                    k,
                    title,
                    total,
                    parts.iter().copied().sum(),
                    parts.len(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::{bundled, parse, BUNDLED_JSON};

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }

    #[test]
    fn status_allows_one_cent_per_summed_figure() {
        let c = |printed, expected, terms| {
            Check::new(
                CheckKind::ParentSum,
                Phrase::plain(""),
                a(printed),
                a(expected),
                terms,
            )
            .status
        };
        assert_eq!(c("149.50", "149.50", 15), Status::Pass);
        assert_eq!(c("149.50", "149.49", 15), Status::Rounding);
        assert_eq!(c("34.92", "34.95", 3), Status::Rounding);
        assert_eq!(c("34.92", "34.96", 3), Status::Fail);
        assert_eq!(c("8.00", "8.02", 1), Status::Fail);
        assert_eq!(
            c("8.00", "8.01", 0),
            Status::Rounding,
            "a check of no terms still allows one cent"
        );
        // A figure printed in whole units (Shanghai's 元 tables) allows one unit per term.
        assert_eq!(c("8", "8.02", 1), Status::Rounding);
        assert_eq!(c("94995790", "94995789", 5), Status::Rounding);
        assert_eq!(c("94995790", "94995780", 5), Status::Fail);
    }

    #[test]
    fn the_bundled_document_has_only_rounding_findings() {
        let all = run(&bundled());
        assert!(all.len() > 250, "{}", all.len());
        let findings: Vec<&Check> = all.iter().filter(|c| c.status != Status::Pass).collect();
        assert_eq!(findings.len(), 14);
        assert!(findings
            .iter()
            .all(|c| c.status == Status::Rounding
                && c.difference.value().abs() == Decimal::new(1, 2)));
        assert_eq!(worst(&all), Status::Rounding);
    }

    /// Sets the amount of the narrative figure with this id.
    fn set_figure(v: &mut serde_json::Value, id: &str, amount: &str) {
        let figures = v["narrative_figures"].as_array_mut().unwrap();
        let f = figures.iter_mut().find(|f| f["id"] == id).unwrap();
        f["amount"] = amount.into();
    }

    #[test]
    fn each_kind_of_check_catches_an_edited_figure() {
        let edit = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v: serde_json::Value = serde_json::from_str(BUNDLED_JSON).unwrap();
            f(&mut v);
            let doc = parse("edited", v.to_string().as_bytes()).unwrap();
            run(&doc)
                .into_iter()
                .filter(|c| c.status == Status::Fail)
                .collect::<Vec<_>>()
        };
        // 表八 2080101 basic: breaks its row identity and its parent's sum.
        let fails = edit(&|v| v["tables"][7]["rows"][3]["cells"]["basic"] = "500.70".into());
        assert!(fails
            .iter()
            .any(|c| c.kind == CheckKind::RowIdentity && c.touches("2080101")));
        assert!(fails
            .iter()
            .any(|c| c.kind == CheckKind::ParentSum && c.touches("20801")));
        // 表三 30108: breaks the functional ↔ economic link.
        let fails = edit(&|v| {
            v["tables"][2]["rows"][5]["cells"]["total"] = "52.81".into();
            v["tables"][2]["rows"][5]["cells"]["personnel"] = "52.81".into();
        });
        assert!(fails.iter().any(|c| c.kind == CheckKind::CrossTable
            && c.touches("30108")
            && c.touches("2080505")));
        // The narrative's 运行经费 against 表三's 公用经费.
        let fails = edit(&|v| set_figure(v, "running_costs", "150.50"));
        assert!(fails.iter().any(|c| c.kind == CheckKind::Narrative
            && c.printed == a("150.50")
            && c.expected == a("149.50")));
        // A change that disagrees with 表二's printed 2023.
        let fails = edit(&|v| set_figure(v, "gpb_expense_change", "99.19"));
        assert!(fails
            .iter()
            .any(|c| c.kind == CheckKind::Narrative && c.expected == a("100.19")));
    }
}
