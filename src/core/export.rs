//! Every figure of a document in long form: one record per printed amount.

use super::amount::Amount;
use super::document::*;
use super::tree::Classification;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Record {
    pub department: String,
    pub department_code: String,
    pub fiscal_year: i32,
    /// A table id (表二), or 说明 for a narrative figure.
    pub table: String,
    /// The table's section; for a project's performance table (表十一–表十三), the project.
    pub section: String,
    /// functional, economic, or empty.
    pub classification: &'static str,
    pub code: String,
    pub name: String,
    pub column: String,
    pub column_key: String,
    pub year: i32,
    pub unit: String,
    /// Signed: a decrease in the narrative is negative (its `column` still says 减少).
    pub amount: Amount,
}

pub const HEADER: [&str; 13] = [
    "department",
    "department_code",
    "fiscal_year",
    "table",
    "section",
    "classification",
    "code",
    "name",
    "column",
    "column_key",
    "year",
    "unit",
    "amount",
];

pub fn records(doc: &Document) -> Vec<Record> {
    let mut out = Vec::new();
    for table in &doc.tables {
        let classification =
            Classification::of_table(table.kind).map_or("", Classification::as_str);
        let project = project_of(table);
        for section in table.sections() {
            for row in section.rows {
                // A total row may be printed without a name (表四's only row).
                let name = match (&row.name, row.role) {
                    (Some(n), _) => n.to_string(),
                    (None, RowRole::Total) => "合计".to_string(),
                    (None, _) => String::new(),
                };
                for col in section.columns {
                    let Some(amount) = row.cells.get(&col.key) else {
                        continue;
                    };
                    out.push(Record {
                        department: doc.department.name.clone(),
                        department_code: doc.department.code.clone(),
                        fiscal_year: doc.fiscal_year,
                        table: table.id.clone(),
                        section: section.name.or(project).unwrap_or("").to_string(),
                        classification,
                        code: row.code.as_deref().unwrap_or_default().to_string(),
                        name: name.clone(),
                        column: col.full_header(),
                        column_key: col.key.to_string(),
                        year: col.year_in(doc),
                        unit: table.unit(doc).to_string(),
                        amount: *amount,
                    });
                }
            }
        }
    }
    for f in &doc.narrative_figures {
        let Some(amount) = f.amount else { continue };
        out.push(Record {
            department: doc.department.name.clone(),
            department_code: doc.department.code.clone(),
            fiscal_year: doc.fiscal_year,
            table: "说明".into(),
            section: f.section.clone(),
            classification: "",
            code: String::new(),
            name: f.quote.clone(),
            column: match f.kind {
                FigureKind::Level => "数额".into(),
                FigureKind::Change => match f.direction {
                    Some(Direction::Decrease) => "减少".into(),
                    _ => "增加".into(),
                },
                FigureKind::Comparison => "比较".into(),
            },
            column_key: f.id.clone(),
            year: f.year.unwrap_or(doc.fiscal_year),
            unit: f.unit.clone().unwrap_or_else(|| doc.unit.clone()),
            amount: f.signed_change().unwrap_or(amount),
        });
    }
    out
}

/// The project a performance table is about (its 项目名称 field), if it names one.
fn project_of(table: &Table) -> Option<&str> {
    let fields = &table.performance.as_ref()?.fields;
    fields
        .iter()
        .find(|f| f.label.contains("项目名称"))
        .map(|f| f.value.as_str())
        .filter(|v| !v.is_empty())
}

/// A CSV text field as written: text that a spreadsheet would run as a formula (=, +, -, @
/// first) is prefixed with an apostrophe. Quoting is the `csv` crate's (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

impl Record {
    /// The record's fields in `HEADER`'s order.
    pub fn csv_fields(&self) -> [String; 13] {
        [
            csv_field(&self.department),
            csv_field(&self.department_code),
            self.fiscal_year.to_string(),
            csv_field(&self.table),
            csv_field(&self.section),
            self.classification.to_string(),
            csv_field(&self.code),
            csv_field(&self.name),
            csv_field(&self.column),
            csv_field(&self.column_key),
            self.year.to_string(),
            csv_field(&self.unit),
            self.amount.value().to_string(),
        ]
    }
}

/// Writes `records` as CSV: UTF-8 with a BOM (so that Excel reads the Chinese), the header, CRLF.
pub fn write_csv(
    out: &mut impl std::io::Write,
    records: impl IntoIterator<Item = Record>,
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    for r in records {
        w.write_record(r.csv_fields())?;
    }
    w.flush()?;
    Ok(())
}
