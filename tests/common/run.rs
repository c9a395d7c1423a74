//! Running the real binary in a test.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs `cmd` and requires exit 0, showing its stderr otherwise.
pub fn succeeds(cmd: &mut Command) -> Output {
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}
