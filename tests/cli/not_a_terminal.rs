//! Without a terminal the browser refuses to start and writes no escape sequence; subcommands
//! work in pipes.

use std::process::{Command, Stdio};

#[test]
fn browser_in_a_pipe_says_it_needs_a_terminal() {
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "nothing written into the pipe");
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(
        err.contains("yusuan check"),
        "points to the subcommands: {err}"
    );
    assert!(!err.contains('\u{1b}'), "no escape sequences: {err:?}");
}

#[test]
fn subcommands_work_in_pipes() {
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["show", "2080101"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("2023 年 451.66 → 2024 年 530.70  增减 +79.04  +17.50%"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'));
}
