//! Folders where some inputs fail: every subcommand does the rest, reports each failure and
//! exits 2, unless `--skip-bad` (then 0 and the warnings). PDFs and JSON alike; an unreadable
//! subfolder is one more failure, not the end of the load.

use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::core::load::BUNDLED_JSON;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-folders-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("good.json"), BUNDLED_JSON).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .arg("--data")
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const COMMANDS: [&[&str]; 5] = [
    &["check"],
    &["show", "2080505"],
    &["search", "养老"],
    &["export"],
    &["export", "--format", "json"],
];

#[test]
fn a_bad_json_and_a_bad_pdf_exit_2_after_the_rest_unless_skip_bad() {
    let dir = folder("mixed");
    std::fs::write(dir.join("bad.json"), "{ not json").unwrap();
    std::fs::write(dir.join("broken.pdf"), "%PDF-1.7 not really").unwrap();
    for args in COMMANDS {
        let (code, stdout, stderr) = run(&dir, args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(!stdout.is_empty(), "{args:?} did the rest");
        for file in ["bad.json", "broken.pdf"] {
            assert!(stderr.contains(file), "{args:?} names {file}: {stderr}");
        }
        let mut skip = args.to_vec();
        skip.push("--skip-bad");
        let (code, stdout2, stderr2) = run(&dir, &skip);
        assert_eq!(code, 0, "{skip:?}: {stderr2}");
        assert_eq!(stdout, stdout2, "{skip:?}: the same output");
        assert!(stderr2.contains("bad.json"), "still warned: {stderr2}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unreadable_subfolder_is_a_reported_failure() {
    let dir = folder("unreadable");
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("other.json"), BUNDLED_JSON).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&sub).is_ok() {
        // Root reads any folder: stand in one that even root cannot list, if there is one.
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::remove_dir_all(&sub).unwrap();
        let locked = Path::new("/proc/1/fdinfo");
        if std::fs::read_dir(locked).is_ok() {
            println!("skipping: every folder is readable here");
            return;
        }
        std::os::unix::fs::symlink(locked, &sub).unwrap();
    }
    let (code, stdout, stderr) = run(&dir, &["check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stdout.contains("通过"),
        "the good file was checked: {stdout}"
    );
    assert!(
        stderr.contains("sub") && stderr.contains("cannot be"),
        "{stderr}"
    );
    let (code, _, _) = run(&dir, &["check", "--skip-bad"]);
    assert_eq!(code, 0);
    let (code, _, stderr) = run(&dir, &["check", "--strict"]);
    assert_eq!(code, 2, "{stderr}");
    let _ = std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755));
    let _ = std::fs::remove_dir_all(&dir);
}
