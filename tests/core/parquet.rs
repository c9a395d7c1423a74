//! The Parquet export read back with the parquet crate's own reader: every figure is there, and
//! the sums of a code over all departments are yusuan's own, to the cent.

use crate::run::succeeds;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::core::aggregate::aggregate;
use yusuan::core::amount::Amount;
use yusuan::core::collection::load_dir;
use yusuan::core::compare::{column_for, scope_table, Scope};
use yusuan::core::document::Measure;
use yusuan::core::export::records;
use yusuan::core::tree::Classification;

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("yusuan-parquet-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    crate::generate::write_all(&dir.join("data"), 12, &[2023, 2024], 3).unwrap();
    Scratch(dir)
}

/// Every row of a Parquet file as column name → field.
fn rows(path: &Path) -> Vec<BTreeMap<String, Field>> {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| {
            row.unwrap()
                .get_column_iter()
                .map(|(n, f)| (n.clone(), f.clone()))
                .collect()
        })
        .collect()
}

fn text(r: &BTreeMap<String, Field>, col: &str) -> String {
    match &r[col] {
        Field::Str(s) => s.clone(),
        f => panic!("{col} is {f:?}"),
    }
}

fn int(r: &BTreeMap<String, Field>, col: &str) -> i32 {
    match &r[col] {
        Field::Int(i) => *i,
        f => panic!("{col} is {f:?}"),
    }
}

/// The exact decimal back from its 16 big-endian bytes and the schema's scale.
fn amount(r: &BTreeMap<String, Field>) -> Decimal {
    match &r["amount"] {
        Field::Decimal(d) => {
            assert_eq!((d.precision(), d.scale()), (38, 8));
            let bytes: [u8; 16] = d.data().try_into().unwrap();
            Decimal::from_i128_with_scale(i128::from_be_bytes(bytes), 8)
        }
        f => panic!("amount is {f:?}"),
    }
}

#[test]
fn parquet_reads_back_with_every_figure_and_yusuans_sums() {
    let s = scratch("round-trip");
    let c = load_dir(&s.0.join("data"), true).unwrap();
    let file = s.0.join("all.parquet");
    succeeds(
        Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(["export", "--format", "parquet", "--no-cache", "--out"])
            .arg(&file)
            .arg("--data")
            .arg(s.0.join("data")),
    );
    let back = rows(&file);
    // Every figure, in order, exactly.
    let expected: Vec<_> = c.documents.iter().flat_map(records).collect();
    assert_eq!(back.len(), expected.len());
    for (r, e) in back.iter().zip(&expected) {
        assert_eq!(amount(r), e.amount.value());
        assert_eq!(
            (text(r, "code"), text(r, "column_key")),
            (e.code.clone(), e.column_key.clone())
        );
        assert_eq!(int(r, "year"), e.year);
    }
    // The sum of 2080505 over all departments, per year, is the browser's and `show`'s.
    for year in [2023, 2024] {
        let agg = aggregate(&c, year, Classification::Functional, Scope::AllFunds);
        let node = &agg.nodes[agg.get("2080505").unwrap()];
        let doc = c.documents.iter().find(|d| d.fiscal_year == year).unwrap();
        let table = scope_table(doc, Classification::Functional, Scope::AllFunds).unwrap();
        let col = column_for(doc, table, Measure::Total, year).unwrap();
        let sum: Decimal = back
            .iter()
            .filter(|r| {
                int(r, "fiscal_year") == year
                    && text(r, "code") == "2080505"
                    && text(r, "table") == table.id
                    && text(r, "column_key") == col.key
                    && text(r, "measure") == "total"
            })
            .map(amount)
            .sum();
        assert_eq!(Amount(sum), node.total, "{year}");
        assert!(sum > Decimal::ZERO);
    }
    assert!(back
        .iter()
        .all(|r| text(r, "department_code").starts_with('S')));
}

#[test]
fn parquet_partitions_by_fiscal_year() {
    let s = scratch("partition");
    let out = s.0.join("out");
    succeeds(
        Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args([
                "export",
                "--format",
                "parquet",
                "--partition-by",
                "year",
                "--no-cache",
            ])
            .arg("--out")
            .arg(&out)
            .arg("--data")
            .arg(s.0.join("data")),
    );
    let c = load_dir(&s.0.join("data"), true).unwrap();
    for year in [2023, 2024] {
        let back = rows(&out.join(format!("fiscal_year={year}/part-0.parquet")));
        let expected: usize = c
            .documents
            .iter()
            .filter(|d| d.fiscal_year == year)
            .map(|d| records(d).len())
            .sum();
        assert_eq!(back.len(), expected);
        assert!(back.iter().all(|r| int(r, "fiscal_year") == year));
    }
}

#[test]
fn parquet_without_out_is_bad_usage() {
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["export", "--format", "parquet"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--out"));
}
