//! `--lang en` is complete on the command line: every subcommand, its text and JSON forms, its
//! warnings and errors, run as the real binary, print no CJK that is not the documents' own text.

use crate::cjk::{assert_no_foreign_cjk, data_strings};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yusuan_en(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("--lang")
        .arg("en")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixtures(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Runs the command in English and checks stdout and stderr; returns the output.
fn english(args: &[&str], data: &[String]) -> Output {
    let o = yusuan_en(args);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout).to_string(),
        String::from_utf8_lossy(&o.stderr).to_string(),
    );
    assert_no_foreign_cjk(&format!("stdout of {args:?}"), &out, data);
    assert_no_foreign_cjk(&format!("stderr of {args:?}"), &err, data);
    o
}

/// What an export writes besides the document's text: its documented vocabulary (the narrative's
/// figures are in the table 说明, a change's column says 增加 or 减少, a level figure 数额, a
/// nameless total row is named 合计). They are data of the export format, the same in every
/// language, so that a script reads one export whatever the interface's language.
const EXPORT_VOCABULARY: [&str; 5] = ["说明", "增加", "减少", "数额", "合计"];

#[test]
fn every_subcommand_on_the_bundled_document() {
    let doc = yusuan::core::load::bundled();
    let data = data_strings([&doc]);
    for args in [
        &["check"][..],
        &["check", "--findings"],
        &["check", "--json"],
        &["show", "2080505"],
        &["show", "2080505", "--json"],
        &["show", "208"],
        &["show", "30217"],
        &["show", "30217", "--json"],
        &["show", "223"],
        &["show", "2230199"],
        &["search", "yanglao"],
        &["search", "yanglao", "--json"],
        &["search", "gongwu"],
        &["search", "xiangmu", "--limit", "50"],
        &["search", "zhibiao", "--limit", "50"],
        &["search", "mingci"],
        &["search", "2080"],
        &["search", "zzzzqqq"],
        &["show", "9999999"],
        &["compare"],
        &["--help"],
        &["check", "--help"],
    ] {
        let o = english(args, &data);
        assert!(o.status.code().is_some(), "{args:?}");
    }
    let mut with_export = data.clone();
    with_export.extend(EXPORT_VOCABULARY.map(String::from));
    for args in [&["export"][..], &["export", "--format", "json"]] {
        let o = english(args, &with_export);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
    }
    // The check's words are English, and the check can tell: the Chinese output fails it.
    let text = String::from_utf8(yusuan_en(&["check"]).stdout).unwrap();
    assert!(text.contains("[rounding] parent = children: "), "{text}");
    assert!(
        text.contains("= sum of its children: printed 149.50, expected 149.49"),
        "{text}"
    );
    let zh = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("check")
        .output()
        .unwrap();
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(!crate::cjk::foreign_runs(&zh, &data).is_empty());
}

#[test]
fn years_and_folders() {
    let dir = fixtures("years");
    let c = yusuan::open::open(Some(Path::new(&dir)), true).unwrap();
    let data = data_strings(&c.documents);
    for args in [
        &["compare", "--data", &dir][..],
        &["compare", "--data", &dir, "--json"],
        &["compare", "--data", &dir, "--from", "2024", "--to", "2023"],
        &["check", "--data", &dir],
        &["check", "--data", &dir, "--json"],
        &["show", "2010101", "--data", &dir],
        &["show", "2010104", "--data", &dir, "--json"],
        &["show", "2010102", "--data", &dir],
        &["search", "xingzheng", "--data", &dir],
        &[
            "compare",
            "--data",
            &format!("{dir}/synthetic_2023_yuan.json"),
        ],
    ] {
        english(args, &data);
    }
}

/// A folder with a document and a file that does not load: the warning, then the rest.
#[test]
fn errors_and_warnings() {
    let doc = yusuan::core::load::bundled();
    let data = data_strings([&doc]);
    let dir = std::env::temp_dir().join(format!("yusuan-en-errors-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("good.json"), yusuan::core::load::BUNDLED_JSON).unwrap();
    std::fs::write(dir.join("bad.json"), "{ not json").unwrap();
    std::fs::write(dir.join("bad.pdf"), "%PDF-1.7 broken").unwrap();
    let mut unit: serde_json::Value =
        serde_json::from_str(yusuan::core::load::BUNDLED_JSON).unwrap();
    unit["tables"][2]["rows"][2]["cells"]["total"] = "117.88".into();
    let failing = dir.join("failing.json");
    std::fs::write(&failing, unit.to_string()).unwrap();
    let d = dir.display().to_string();
    let f = failing.display().to_string();
    let cases: Vec<Vec<&str>> = vec![
        vec!["check", "--data", &d],
        vec!["check", "--data", &d, "--strict"],
        vec!["check", "--data", &f],
        vec!["show", "2080505", "--data", &f],
        vec!["check", "--data", "/no/such/file.json"],
        vec!["check", "--data", "/no/such/folder/"],
        vec!["search", " "],
        vec!["search", "yanglao", "--limit", "0"],
        vec!["search"],
        vec!["show"],
        vec!["frobnicate"],
        vec!["--lang", "fr", "check"],
        vec!["export", "--format", "parquet"],
        vec![
            "export",
            "--format",
            "csv",
            "--partition-by",
            "year",
            "--out",
            "/tmp/x",
        ],
        vec!["import"],
        vec!["import", "--dry-run", "/no/such.pdf"],
        vec![],
    ];
    for args in &cases {
        english(args, &data);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The importer's report on the seed's text (committed) and, when ../shared holds them, on
/// published PDFs of each template.
#[test]
fn import_reports() {
    let text = fixtures("seed_000_125ac91881a2613a.txt");
    let mut data = vec![std::fs::read_to_string(&text).unwrap()];
    data.push(fixtures("seed_000_125ac91881a2613a.txt"));
    let out = std::env::temp_dir().join(format!("yusuan-en-import-{}", std::process::id()));
    let o = english(&["import", "--dry-run", &text], &data);
    assert!(o.status.code() != Some(2), "{o:?}");
    english(&["import", "--dry-run", "--json", &text], &data);
    english(
        &["import", "--out", &out.display().to_string(), &text],
        &with_written(&data, &out),
    );
    let _ = std::fs::remove_dir_all(&out);
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/disclosures/pdf");
    let pdfs: Vec<PathBuf> = [
        "shpt_wanli_2025.pdf",
        "shpt_wanli_2023.pdf",
        "shpt_caizhengju_2024_juesuan_faulty.pdf",
        "shpt_fuliyuan_unit_2024.pdf",
    ]
    .iter()
    .map(|p| shared.join(p))
    .collect();
    if !pdfs.iter().all(|p| p.exists()) {
        if std::env::var_os("CI").is_some() {
            panic!(
                "import_reports: the PDFs are absent under CI ({})",
                shared.display()
            );
        }
        println!(
            "SKIPPED: import_reports: the PDFs are absent ({})",
            shared.display()
        );
        return;
    }
    for pdf in &pdfs {
        let mut data = vec![pdf.display().to_string()];
        if let Ok((doc, report)) = yusuan::import::import_path_unchecked(pdf) {
            data.extend(data_strings([&doc]));
            data.extend(report.unread.iter().map(|u| u.text.clone()));
            data.extend(report.tables.iter().map(|t| t.title.clone()));
        }
        let p = pdf.display().to_string();
        english(&["import", "--dry-run", &p], &data);
        english(&["check", "--data", &p], &data);
        english(&["show", "2120101", "--data", &p], &data);
    }
}

/// The written file's name is the department's: data too.
fn with_written(data: &[String], out: &Path) -> Vec<String> {
    let mut d = data.to_vec();
    if let Ok(entries) = std::fs::read_dir(out) {
        d.extend(entries.flatten().map(|e| e.path().display().to_string()));
    }
    d.push(out.display().to_string());
    // The written file is named after the imported department.
    if let Ok(read) =
        yusuan::import::import_path(Path::new(&fixtures("seed_000_125ac91881a2613a.txt")))
    {
        d.extend(data_strings([&read.document]));
    }
    d
}
