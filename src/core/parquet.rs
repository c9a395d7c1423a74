//! Every figure in long form as Parquet, for the engines beyond one machine (DuckDB, Polars,
//! Spark). The same records as the CSV export, plus the department's code, the column's measure
//! and the document's source; the amount is an exact DECIMAL(38, 8), never a float.

use super::amount::Amount;
use super::document::Document;
use super::export::{records, Record};
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, FixedLenByteArray, FixedLenByteArrayType};
use parquet::data_type::{DataType, Int32Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Decimal places of the amount column: every amount printed has at most 8 (a figure with more
/// is refused rather than rounded).
pub const SCALE: u32 = 8;

pub const SCHEMA: &str = "message yusuan {
  REQUIRED BYTE_ARRAY department_code (UTF8);
  REQUIRED BYTE_ARRAY department (UTF8);
  REQUIRED INT32 fiscal_year;
  REQUIRED BYTE_ARRAY table (UTF8);
  REQUIRED BYTE_ARRAY section (UTF8);
  REQUIRED BYTE_ARRAY classification (UTF8);
  REQUIRED BYTE_ARRAY code (UTF8);
  REQUIRED BYTE_ARRAY name (UTF8);
  REQUIRED BYTE_ARRAY column (UTF8);
  REQUIRED BYTE_ARRAY column_key (UTF8);
  REQUIRED BYTE_ARRAY measure (UTF8);
  REQUIRED INT32 year;
  REQUIRED BYTE_ARRAY unit (UTF8);
  REQUIRED FIXED_LEN_BYTE_ARRAY (16) amount (DECIMAL(38, 8));
  REQUIRED BYTE_ARRAY source (UTF8);
}";

/// Rows per row group: large enough for engines to skip by statistics (DuckDB writes 122,880),
/// small enough to buffer (a row's twelve texts are held until its group is written: 256K rows
/// held 180 MB).
const ROW_GROUP: usize = 64 * 1024;

/// The columns of the rows not yet written.
#[derive(Default)]
struct Columns {
    text: [Vec<ByteArray>; 12],
    fiscal_year: Vec<i32>,
    year: Vec<i32>,
    amount: Vec<FixedLenByteArray>,
}

/// The schema's non-text columns; the others take `Columns::text` in order.
const FISCAL_YEAR_COL: usize = 2;
const YEAR_COL: usize = 11;
const AMOUNT_COL: usize = 13;

impl Columns {
    fn len(&self) -> usize {
        self.amount.len()
    }

    fn push(&mut self, doc: &Document, r: Record) -> Result<(), ParquetError> {
        let measure = measure_of(doc, &r);
        let texts = [
            doc.department.code.clone(),
            r.department,
            r.table,
            r.section,
            r.classification.to_string(),
            r.code,
            r.name,
            r.column,
            r.column_key,
            measure,
            r.unit,
            doc.source.clone().unwrap_or_default(),
        ];
        for (col, t) in self.text.iter_mut().zip(texts) {
            col.push(ByteArray::from(t.into_bytes()));
        }
        self.fiscal_year.push(r.fiscal_year);
        self.year.push(r.year);
        self.amount.push(decimal_bytes(r.amount)?.to_vec().into());
        Ok(())
    }
}

/// The column's measure (total, basic, …), or empty for a narrative figure.
fn measure_of(doc: &Document, r: &Record) -> String {
    let Some(table) = doc.table(&r.table) else {
        return String::new();
    };
    table
        .sections()
        .into_iter()
        .filter(|s| s.name.unwrap_or("") == r.section)
        .flat_map(|s| s.columns.iter())
        .find(|c| c.key == r.column_key)
        .and_then(|c| serde_json::to_value(c.measure).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// An amount as DECIMAL(38, 8): the unscaled integer, 16 bytes big-endian two's complement.
pub fn decimal_bytes(a: Amount) -> Result<[u8; 16], ParquetError> {
    let d = a.value();
    if d.scale() > SCALE {
        return Err(ParquetError::General(format!(
            "{d} has more than {SCALE} decimal places"
        )));
    }
    // At most 28 digits times 10^8 fits an i128 (38 digits) exactly.
    let unscaled = d.mantissa() * 10i128.pow(SCALE - d.scale());
    Ok(unscaled.to_be_bytes())
}

/// Writes `docs`' figures as one Parquet file; returns the number of rows.
pub fn write<'a, W: Write + Send>(
    out: W,
    docs: impl IntoIterator<Item = &'a Document>,
) -> Result<usize, ParquetError> {
    let schema = Arc::new(parse_message_type(SCHEMA)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("yusuan {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, props)?;
    let mut cols = Columns::default();
    let mut rows = 0;
    for doc in docs {
        for r in records(doc) {
            cols.push(doc, r)?;
        }
        if cols.len() >= ROW_GROUP {
            rows += flush(&mut writer, &mut cols)?;
        }
    }
    if cols.len() > 0 || rows == 0 {
        rows += flush(&mut writer, &mut cols)?;
    }
    writer.close()?;
    Ok(rows)
}

fn flush<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    cols: &mut Columns,
) -> Result<usize, ParquetError> {
    let taken = std::mem::take(cols);
    let rows = taken.len();
    let mut text = taken.text.into_iter();
    let mut rg = writer.next_row_group()?;
    let mut i = 0;
    while let Some(mut col) = rg.next_column()? {
        match i {
            FISCAL_YEAR_COL => put::<Int32Type>(&mut col, &taken.fiscal_year)?,
            YEAR_COL => put::<Int32Type>(&mut col, &taken.year)?,
            AMOUNT_COL => put::<FixedLenByteArrayType>(&mut col, &taken.amount)?,
            _ => put::<ByteArrayType>(&mut col, &text.next().unwrap_or_default())?,
        }
        col.close()?;
        i += 1;
    }
    rg.close()?;
    Ok(rows)
}

fn put<T: DataType>(
    col: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    values: &[T::T],
) -> Result<(), ParquetError> {
    col.typed::<T>().write_batch(values, None, None)?;
    Ok(())
}

/// Writes one file per fiscal year under `dir`, as `fiscal_year=2024/part-0.parquet` (the layout
/// DuckDB, Polars and Spark read as a partitioned table); returns the files written.
pub fn write_by_year(dir: &Path, docs: &[Document]) -> Result<Vec<PathBuf>, ParquetError> {
    let mut years: BTreeMap<i32, Vec<&Document>> = BTreeMap::new();
    for d in docs {
        years.entry(d.fiscal_year).or_default().push(d);
    }
    let mut written = Vec::new();
    for (year, docs) in years {
        let sub = dir.join(format!("fiscal_year={year}"));
        std::fs::create_dir_all(&sub)?;
        let path = sub.join("part-0.parquet");
        let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        write(file, docs)?;
        written.push(path);
    }
    Ok(written)
}
