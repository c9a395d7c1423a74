//! `yusuan export`: every figure in long form, as CSV (UTF-8 with a BOM, so that Excel reads the
//! Chinese correctly) or JSON.

use super::{many, ExportFormat, PartitionBy, EXIT_BAD_INPUT};
use crate::core::collection::Collection;
use crate::core::document::Document;
use crate::core::export::{records, write_csv};
use crate::core::parquet;
use std::io::{self, Write};
use std::path::Path;

pub fn run(doc: &Document, format: ExportFormat, out: &mut impl Write) -> io::Result<i32> {
    let records = records(doc);
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &records)?;
            writeln!(out)?;
        }
        // Parquet goes to a file (`to_file`); here it would be binary on a terminal.
        ExportFormat::Csv | ExportFormat::Parquet => write_csv(out, records)?,
    }
    out.flush()?;
    Ok(0)
}

/// `export --out`: Parquet (one file, or one per year with `--partition-by year`), or CSV / JSON
/// into a file. Exit 2 when the options do not fit or the file cannot be written.
pub fn to_file(
    c: &Collection,
    format: ExportFormat,
    out: Option<&Path>,
    partition_by: Option<PartitionBy>,
) -> i32 {
    let Some(out) = out else {
        eprintln!("yusuan: error: --format parquet needs --out FILE (or --out DIR with --partition-by year)");
        return EXIT_BAD_INPUT;
    };
    if partition_by.is_some() && format != ExportFormat::Parquet {
        eprintln!("yusuan: error: --partition-by is for --format parquet");
        return EXIT_BAD_INPUT;
    }
    let result = match (format, partition_by) {
        (ExportFormat::Parquet, Some(PartitionBy::Year)) => {
            parquet::write_by_year(out, &c.documents).map(|_| ())
        }
        (ExportFormat::Parquet, None) => std::fs::File::create(out)
            .map_err(Into::into)
            .and_then(|f| parquet::write(io::BufWriter::new(f), &c.documents).map(|_| ())),
        _ => std::fs::File::create(out)
            .and_then(|f| {
                let mut w = io::BufWriter::new(f);
                match format {
                    ExportFormat::Json => many::export_json(c, &mut w),
                    _ => many::export_csv(c, &mut w),
                }?;
                w.flush()
            })
            .map_err(Into::into),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("yusuan: error: {}: {e}", out.display());
            EXIT_BAD_INPUT
        }
    }
}
