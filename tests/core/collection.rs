//! Many documents: loading a folder with good and bad files, aggregate sums, cross-year checks,
//! and the synthetic generator's output passing every check.

use std::path::PathBuf;
use std::process::Command;
use yusuan::core::aggregate::{aggregate, cross_year_checks, PrevSource};
use yusuan::core::amount::Amount;
use yusuan::core::checks::{self, Status};
use yusuan::core::collection::load_dir;
use yusuan::core::compare::{column_for, scope_table, Scope};
use yusuan::core::document::Measure;
use yusuan::core::tree::Classification;

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("yusuan-collection-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn generated_documents_pass_every_check() {
    let s = Scratch::new("synth");
    let n = crate::generate::write_all(&s.0, 30, &[2023, 2024], 42).unwrap();
    assert_eq!(n, 60);
    let c = load_dir(&s.0, true).unwrap();
    assert_eq!(c.documents.len(), 60);
    for doc in &c.documents {
        let all = checks::run(doc);
        assert!(all.len() > 20, "{}: only {} checks", doc.id(), all.len());
        let bad: Vec<_> = all.iter().filter(|x| x.status != Status::Pass).collect();
        assert!(
            bad.is_empty(),
            "{}: {:?}",
            doc.id(),
            bad.first()
                .map(|b| (&b.title, b.describe(Default::default())))
        );
    }
    let cross = cross_year_checks(&c);
    assert!(cross.len() >= 30 * 5, "{} cross-year checks", cross.len());
    assert!(cross.iter().all(|x| x.status == Status::Pass));
    // The same seed writes the same bytes.
    let again = Scratch::new("synth-again");
    crate::generate::write_all(&again.0, 30, &[2023, 2024], 42).unwrap();
    let a = std::fs::read(s.0.join("000/S00007_2024.json")).unwrap();
    let b = std::fs::read(again.0.join("000/S00007_2024.json")).unwrap();
    assert_eq!(a, b, "deterministic from the seed");
}

#[test]
fn generated_folder_passes_yusuan_check_as_a_process() {
    let s = Scratch::new("synth-cli");
    crate::generate::write_all(&s.0, 5, &[2023, 2024], 3).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", "--data"])
        .arg(&s.0)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("共 10 份文件，0 份未能载入"), "{out}");
    assert!(out.contains("跨年一致："), "{out}");
}

#[test]
fn a_bad_file_is_reported_and_the_rest_load_unless_strict() {
    let s = Scratch::new("mixed");
    crate::generate::write_all(&s.0, 4, &[2024], 9).unwrap();
    std::fs::write(s.0.join("broken.json"), b"{\"format\": \"yusuan/1\",").unwrap();
    let c = load_dir(&s.0, false).unwrap();
    assert_eq!(c.documents.len(), 4);
    assert_eq!(c.errors.len(), 1);
    assert!(c.errors[0].file.ends_with("broken.json"));
    let e = load_dir(&s.0, true).unwrap_err();
    assert!(e.file.ends_with("broken.json"), "{e}");
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", "--data"])
        .arg(&s.0)
        .output()
        .unwrap();
    // A script can tell that a file was skipped (issue 11): 2, or 0 with --skip-bad.
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: skipped") && err.contains("broken.json"),
        "{err}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", "--strict", "--data"])
        .arg(&s.0)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn aggregate_sums_equal_the_sum_of_the_documents() {
    let s = Scratch::new("sum");
    crate::generate::write_all(&s.0, 25, &[2023, 2024], 5).unwrap();
    let c = load_dir(&s.0, true).unwrap();
    let agg = aggregate(&c, 2024, Classification::Functional, Scope::AllFunds);
    // Independently: every 2024 document's all-funds table, cell by cell.
    let mut expected: std::collections::BTreeMap<String, (Amount, usize)> = Default::default();
    for doc in c.documents.iter().filter(|d| d.fiscal_year == 2024) {
        let t = scope_table(doc, Classification::Functional, Scope::AllFunds).unwrap();
        let col = column_for(doc, t, Measure::Total, 2024).unwrap();
        for row in &t.rows {
            let key = row.code.as_deref().unwrap_or_default().to_string();
            let e = expected.entry(key).or_insert((Amount::ZERO, 0));
            e.0 = e.0 + row.cells.get(&col.key).copied().unwrap_or(Amount::ZERO);
            e.1 += 1;
        }
    }
    assert_eq!(agg.nodes[0].total, expected[""].0);
    for (code, (sum, count)) in expected.iter().filter(|(c, _)| !c.is_empty()) {
        let n = &agg.nodes[agg.get(code).unwrap()];
        assert_eq!(n.total, *sum, "{code}");
        assert_eq!(n.contributors.len(), *count, "{code}");
        assert!(
            n.contributors.windows(2).all(|w| w[0].1 >= w[1].1),
            "largest first"
        );
    }
    // The prior year comes from the 2023 documents themselves, which agree with the printed column.
    assert_eq!(agg.prev_sources, vec![(PrevSource::PriorDocument, 25)]);
    let prior = aggregate(&c, 2023, Classification::Functional, Scope::AllFunds);
    assert_eq!(agg.nodes[0].prev, Some(prior.nodes[0].total));
}

#[test]
fn a_disagreeing_prior_year_is_a_cross_year_finding() {
    let s = Scratch::new("disagree");
    crate::generate::write_all(&s.0, 2, &[2023, 2024], 11).unwrap();
    let path = s.0.join("000/S00001_2024.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let total = &mut v["tables"][0]["rows"][0]["cells"]["y_prev"];
    let printed = Amount::parse(total.as_str().unwrap()).unwrap();
    *total = (printed + Amount::parse("1.00").unwrap())
        .value()
        .to_string()
        .into();
    std::fs::write(&path, v.to_string()).unwrap();
    let c = load_dir(&s.0, true).unwrap();
    let bad: Vec<_> = cross_year_checks(&c)
        .into_iter()
        .filter(|x| x.status == Status::Fail)
        .collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].difference, Amount::parse("1.00").unwrap());
    assert!(bad[0].title.contains("2024 表二 合计"), "{}", bad[0].title);
}
