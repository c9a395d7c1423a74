//! `yusuan export`: every figure in long form, as CSV (UTF-8 with a BOM, so that Excel reads the
//! Chinese correctly) or JSON.

use super::ExportFormat;
use crate::core::document::Document;
use crate::core::export::{records, HEADER};
use std::io::{self, Write};

pub fn run(doc: &Document, format: ExportFormat, out: &mut impl Write) -> io::Result<i32> {
    let records = records(doc);
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &records)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => {
            out.write_all("\u{feff}".as_bytes())?;
            write!(out, "{}\r\n", HEADER.join(","))?;
            for r in &records {
                write!(out, "{}\r\n", r.csv_line())?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}
