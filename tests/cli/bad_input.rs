//! Bad input through the real binary: a clear one-paragraph error naming the file, the place and
//! the problem on stderr, nothing on stdout, exit code 2.

use std::path::PathBuf;
use std::process::Command;
use yusuan::core::load::BUNDLED_JSON;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The bundled document with one edit made on its JSON value.
fn edited(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let mut v: serde_json::Value = serde_json::from_str(BUNDLED_JSON).unwrap();
    edit(&mut v);
    temp_file(name, serde_json::to_string_pretty(&v).unwrap().as_bytes())
}

fn run_check(path: &PathBuf) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", "--data"])
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_rejected(path: &PathBuf, place: &str, problem: &str) {
    let (code, stdout, stderr) = run_check(path);
    assert_eq!(code, 2, "exit code for {path:?}: {stderr}");
    assert!(
        stdout.is_empty(),
        "nothing half-printed on stdout: {stdout}"
    );
    assert!(
        stderr.contains(&path.display().to_string()),
        "names the file: {stderr}"
    );
    assert!(
        stderr.contains(place),
        "names the place {place:?}: {stderr}"
    );
    assert!(
        stderr.contains(problem),
        "says the problem {problem:?}: {stderr}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one paragraph: {stderr}"
    );
    let _ = std::fs::remove_file(path);
}

fn rows(v: &mut serde_json::Value, table: usize) -> &mut Vec<serde_json::Value> {
    v["tables"][table]["rows"].as_array_mut().unwrap()
}

#[test]
fn malformed_json() {
    let p = temp_file(
        "malformed.json",
        b"{\n  \"format\": \"yusuan/1\",\n  \"tables\": [\n}",
    );
    assert_rejected(&p, "line 4, column 1", "expected");
}

#[test]
fn wrong_type() {
    let p = edited("wrong_type.json", |v| v["title"] = 5.into());
    assert_rejected(&p, "title", "invalid type: integer");
}

#[test]
fn a_year_that_is_not_a_whole_number_says_so() {
    for (name, year) in [
        ("y_float.json", "1e20"),
        ("y_str.json", "\"2024\""),
        ("y_frac.json", "2024.5"),
    ] {
        let p = edited(name, |v| {
            v["fiscal_year"] = serde_json::from_str(year).unwrap()
        });
        assert_rejected(
            &p,
            "fiscal_year",
            "is not a year: a year is a whole number such as 2024",
        );
        let (_, _, stderr) = run_check(&p);
        assert!(!stderr.contains("floating point"), "{stderr}");
    }
}

#[test]
fn amount_that_is_not_a_decimal() {
    let p = edited("bad_amount.json", |v| {
        rows(v, 1)[3]["cells"]["total"] = "53O.70".into()
    });
    assert_rejected(
        &p,
        "tables[1].rows[3].cells.total",
        "is not a decimal amount",
    );
}

#[test]
fn amount_written_as_a_number() {
    let p = edited("number_amount.json", |v| {
        rows(v, 1)[3]["cells"]["total"] = serde_json::json!(530.70)
    });
    assert_rejected(&p, "tables[1].rows[3].cells.total", "JSON string");
}

#[test]
fn duplicate_code() {
    let p = edited("duplicate.json", |v| {
        rows(v, 1)[4]["code"] = "2080101".into()
    });
    assert_rejected(&p, "tables[1].rows[4].code", "duplicate code 2080101");
}

#[test]
fn orphan_code() {
    let p = edited("orphan.json", |v| rows(v, 1)[3]["code"] = "2080201".into());
    assert_rejected(
        &p,
        "tables[1].rows[3].code",
        "orphan code 2080201: its parent 20802",
    );
}

#[test]
fn unknown_field() {
    let p = edited("unknown_field.json", |v| {
        v["tables"][1]["colour"] = "red".into()
    });
    assert_rejected(&p, "tables[1]", "unknown field `colour`");
}

#[test]
fn unknown_column_in_cells() {
    let p = edited("unknown_column.json", |v| {
        rows(v, 1)[3]["cells"]["y2022"] = "1.00".into()
    });
    assert_rejected(
        &p,
        "tables[1].rows[3].cells.y2022",
        "unknown column \"y2022\"",
    );
}

#[test]
fn unknown_table_kind() {
    let p = edited("unknown_kind.json", |v| {
        v["tables"][0]["kind"] = "ledger".into()
    });
    assert_rejected(&p, "tables[0].kind", "unknown variant `ledger`");
}

#[test]
fn reference_to_a_missing_table() {
    let p = edited("missing_ref.json", |v| {
        v["narrative_figures"][1]["ref"]["table"] = "表十四".into()
    });
    assert_rejected(&p, "narrative_figures[1].ref.table", "no table \"表十四\"");
}

#[test]
fn empty_file() {
    let p = temp_file("empty.json", b"  \n");
    assert_rejected(&p, "", "is empty");
}

#[test]
fn non_utf8_file() {
    let mut bytes = b"{\"format\": \"".to_vec();
    bytes.extend_from_slice(&[0xd6, 0xd0, 0xce, 0xc4]); // GBK 中文
    let p = temp_file("gbk.json", &bytes);
    assert_rejected(&p, "line 1, column 13", "not valid UTF-8");
}

#[test]
fn missing_file() {
    let p = std::env::temp_dir().join("yusuan-no-such-file.json");
    assert_rejected(&p, "", "no such file");
}

#[test]
fn trailing_garbage() {
    let mut bytes = BUNDLED_JSON.as_bytes().to_vec();
    bytes.extend_from_slice(b"\n{}");
    let p = temp_file("trailing.json", &bytes);
    assert_rejected(&p, "line", "trailing characters");
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let mut s = String::from("{\"format\":");
    s.push_str(&"[".repeat(100_000));
    let p = temp_file("deep.json", s.as_bytes());
    assert_rejected(
        &p,
        "format (line 1, column 10)",
        "invalid type: sequence, expected a string",
    );
}

#[test]
fn top_level_array_says_an_object_is_expected() {
    let p = temp_file("array.json", b"\n  [[[1]]]");
    assert_rejected(&p, "line 2, column 3", "expected a JSON object");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(BUNDLED_JSON.as_bytes());
    let p = temp_file("bom.json", &bytes);
    let (code, stdout, stderr) = run_check(&p);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("共 296 项"), "{stdout}");
    let _ = std::fs::remove_file(&p);
}
