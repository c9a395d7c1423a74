//! Bad input through the real binary: each refused with a message naming the file and the
//! problem, exit 2, no panic, and the other inputs still imported.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yusuan(args: &[&str], files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .args(files)
        .output()
        .unwrap()
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yusuan-bad-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `yusuan import` names the file and the problem in its report and exits 2; `check --data` says
/// it on stderr in one line, exit 2.
fn refused(path: &Path, problem: &str) {
    let file = path.display().to_string();
    let o = yusuan(&["import", "--dry-run"], &[path]);
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{file}: {out}{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        out.contains(&file) && out.contains(problem),
        "{file}: {out}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", "--data"])
        .arg(path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(o.stdout.is_empty());
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("yusuan: error: {file}")) && err.contains(problem),
        "{err}"
    );
}

#[test]
fn encrypted_scanned_damaged_foreign_and_huge_files() {
    let d = dir("kinds");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("encrypted.pdf", crate::pdf::encrypted(), "encrypted"),
        (
            "scan.pdf",
            crate::pdf::doc(&["q 200 0 0 200 100 400 cm /Im1 Do Q"], ""),
            "no text layer",
        ),
        (
            "random.pdf",
            b"\x89PNG\r\n not a pdf at all".to_vec(),
            "not a PDF",
        ),
        (
            "truncated.pdf",
            {
                let full = crate::pdf::doc(&[crate::pdf::HELLO], "");
                full[..full.len() / 2].to_vec()
            },
            "damaged",
        ),
        (
            "letter.pdf",
            crate::pdf::doc(&[crate::pdf::HELLO], ""),
            "not a budget disclosure",
        ),
        (
            "notes.txt",
            "会议纪要\n没有表格。\n".as_bytes().to_vec(),
            "not a budget disclosure",
        ),
    ];
    for (name, bytes, problem) in cases {
        let path = d.join(name);
        std::fs::write(&path, bytes).unwrap();
        refused(&path, problem);
    }
    // 60 MB: refused from its length, before it is read (a sparse file: nothing is written).
    let big = d.join("big.pdf");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(60 * 1024 * 1024).unwrap();
    drop(f);
    refused(&big, "too large");
}

#[test]
fn one_bad_file_among_good_ones_is_reported_and_the_rest_imported() {
    let Some(good) = crate::shanghai::shared("disclosures/pdf/shpt_fuliyuan_unit_2024.pdf") else {
        return;
    };
    let d = dir("mixed");
    let bad = d.join("bad.pdf");
    std::fs::write(&bad, crate::pdf::encrypted()).unwrap();
    let o = yusuan(
        &["import", "--json", "--out", d.to_str().unwrap()],
        &[&bad, &good],
    );
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v[0]["error"].as_str().unwrap().contains("encrypted"));
    assert_eq!(v[1]["report"]["tables"].as_array().unwrap().len(), 9);
    assert!(Path::new(v[1]["written"].as_str().unwrap()).exists());
}
