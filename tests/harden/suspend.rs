//! Ctrl-Z and SIGTSTP give the terminal back before the process stops, and `fg` (SIGCONT)
//! takes it again and redraws: job control never leaves a raw terminal behind. Run under an
//! interactive bash in tmux, as a user would (tmux itself continues a stopped pane process).

use crate::common::tmux::{available, poll, Tmux};
use std::process::Command;
use std::time::Duration;

/// The process state letter from /proc (R, S, T for stopped, Z…).
fn state(pid: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(')').next()?.trim_start().chars().next()
}

/// The shell's child: the browser.
fn child_of(shell: &str) -> Option<String> {
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).ok()?;
    children.split_whitespace().next().map(str::to_string)
}

fn type_line(tmux: &Tmux, line: &str) {
    tmux.run(&["send-keys", "-t", "yusuan", "-l", line]);
    tmux.send("Enter");
}

fn assert_suspended(tmux: &Tmux, pid: &str, how: &str) {
    assert!(
        poll(Duration::from_secs(5), || state(pid) == Some('T')),
        "{how}: the browser should be stopped, state {:?}",
        state(pid)
    );
    assert!(
        poll(Duration::from_secs(5), || tmux.format("#{alternate_on}")
            == "0"),
        "{how}: the alternate screen should be left"
    );
    // The shell has the terminal back, in its normal modes.
    type_line(
        tmux,
        "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo MODES",
    );
    tmux.wait_for("the modes", |s| s.contains("icanon echo MODES"));
    type_line(tmux, "clear; fg");
    assert!(
        poll(Duration::from_secs(5), || tmux.format("#{alternate_on}")
            == "1"),
        "{how}: back on the alternate screen after fg"
    );
    tmux.wait_for("the tree redrawn", |s| s.contains("208 社会保障和就业支出"));
    assert_ne!(state(pid), Some('T'), "{how}: running again");
}

#[test]
fn ctrl_z_and_sigtstp_suspend_cleanly_and_fg_redraws() {
    if !available("harden_suspend") {
        return;
    }
    let tmux = Tmux::new("suspend");
    tmux.start(120, 30, &["bash", "--norc", "--noprofile", "-i"]);
    let shell = tmux.format("#{pane_pid}");
    type_line(
        &tmux,
        &format!("PS1='$ '; {}", env!("CARGO_BIN_EXE_yusuan")),
    );
    tmux.wait_for("the tree", |s| s.contains("208 社会保障和就业支出"));
    let pid = child_of(&shell).expect("the browser runs under the shell");

    tmux.send("C-z");
    assert_suspended(&tmux, &pid, "Ctrl-Z");

    let ok = Command::new("kill")
        .args(["-TSTP", &pid])
        .status()
        .expect("kill");
    assert!(ok.success());
    assert_suspended(&tmux, &pid, "SIGTSTP");

    // Still fully working: a key expands 208, q quits with 0 and the shell reads the terminal.
    tmux.send("l");
    tmux.wait_for("208 expanded", |s| {
        s.contains("20801 人力资源和社会保障管理事务")
    });
    tmux.send("q");
    type_line(&tmux, "echo EXIT=$?");
    tmux.wait_for("the exit code", |s| s.contains("EXIT=0"));
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}
