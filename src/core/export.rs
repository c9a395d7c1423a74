//! Every figure of a document in long form: one record per printed amount.

use super::amount::Amount;
use super::document::*;
use super::tree::Classification;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Record {
    pub department: String,
    pub fiscal_year: i32,
    /// A table id (表二), or 说明 for a narrative figure.
    pub table: String,
    pub section: String,
    /// functional, economic, or empty.
    pub classification: &'static str,
    pub code: String,
    pub name: String,
    pub column: String,
    pub column_key: String,
    pub year: i32,
    pub unit: String,
    pub amount: Amount,
}

pub const HEADER: [&str; 12] = [
    "department",
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
        for section in table.sections() {
            for row in section.rows {
                for col in section.columns {
                    let Some(amount) = row.cells.get(&col.key) else {
                        continue;
                    };
                    out.push(Record {
                        department: doc.department.name.clone(),
                        fiscal_year: doc.fiscal_year,
                        table: table.id.clone(),
                        section: section.name.unwrap_or("").to_string(),
                        classification,
                        code: row.code.clone().unwrap_or_default(),
                        name: row.name.clone().unwrap_or_default(),
                        column: col.full_header(),
                        column_key: col.key.clone(),
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
            },
            column_key: f.id.clone(),
            year: f.year.unwrap_or(doc.fiscal_year),
            unit: f.unit.clone().unwrap_or_else(|| doc.unit.clone()),
            amount,
        });
    }
    out
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
    pub fn csv_fields(&self) -> [String; 12] {
        [
            csv_field(&self.department),
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
