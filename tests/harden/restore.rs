//! The real binary in a real terminal (tmux): however the browser ends (q, a bad --data file
//! before raw mode, a panic, SIGTERM, SIGHUP, SIGINT, SIGQUIT) the terminal is left as it was
//! found: the main screen, canonical mode with echo, the cursor shown, no mouse reporting.
//! Skipped only if tmux is absent.
//!
//! The panic case uses the test-only `YUSUAN_TEST_PANIC=1` variable (src/tui/terminal.rs): the
//! browser panics on the first key press.

use crate::common::tmux::{available, Tmux};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Text of the bundled document's first screen: the browser is up.
const READY: &str = "社会保障和就业支出";

/// A tmux server for the test `name`.
fn tmux_for(name: &str) -> Tmux {
    Tmux::new(&format!("harden-{name}"))
}

/// Starts the browser (after `env`) in a 120×40 pane; when it exits, the pane prints its exit
/// status and the tty's modes, and stays open.
fn start(tmux: &Tmux, env: &str, args: &str) {
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let script = format!(
        "{env} '{bin}' {args}; echo yusuan-exited-$?; \
         echo mode: $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo); \
         sleep 60"
    );
    tmux.start(120, 40, &["sh", "-c", &script]);
}

fn wait_ready(tmux: &Tmux) {
    tmux.wait_for("the browser", |s| s.contains(READY));
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "browser on the alternate screen"
    );
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "1",
        "mouse captured while browsing"
    );
}

/// The pid of the browser: the child of the pane's shell that runs the binary.
fn browser_pid(tmux: &Tmux) -> u32 {
    let shell: u32 = tmux
        .format("#{pane_pid}")
        .parse()
        .expect("tmux gives the pane's pid");
    let bin = std::fs::canonicalize(env!("CARGO_BIN_EXE_yusuan")).expect("binary path");
    let start = Instant::now();
    loop {
        for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            let exe = std::fs::read_link(entry.path().join("exe")).ok();
            if ppid == Some(shell) && exe.as_deref() == Some(bin.as_path()) {
                return pid;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no browser process under the pane's shell {shell}"
        );
        sleep(Duration::from_millis(50));
    }
}

/// Waits for the exit marker and checks that everything the browser changed is undone.
/// Returns the screen after the exit.
fn assert_restored(tmux: &Tmux, expected_code: i32) -> String {
    let screen = tmux.wait_for("the tty modes after exit", |s| s.contains("mode:"));
    assert!(
        screen.contains(&format!("yusuan-exited-{expected_code}\n")),
        "expected exit code {expected_code}:\n{screen}"
    );
    let mode = screen
        .lines()
        .find(|l| l.starts_with("mode:"))
        .unwrap_or_default();
    assert_eq!(
        mode.split_whitespace().collect::<Vec<_>>(),
        ["mode:", "icanon", "echo"],
        "raw mode was left on:\n{screen}"
    );
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "alternate screen left:\n{screen}"
    );
    assert_eq!(tmux.format("#{cursor_flag}"), "1", "cursor shown again");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse capture off");
    assert!(
        !screen.contains(READY),
        "the browser's screen is gone:\n{screen}"
    );
    screen
}

#[test]
fn quit_restores_the_terminal() {
    if !available("harden_restore") {
        return;
    }
    let tmux = tmux_for("quit");
    start(&tmux, "", "");
    wait_ready(&tmux);
    tmux.send("q");
    assert_restored(&tmux, 0);
}

#[test]
fn a_bad_data_file_never_touches_the_terminal() {
    if !available("harden_restore") {
        return;
    }
    let tmux = tmux_for("bad");
    start(&tmux, "", "--data /nonexistent/harden.json");
    let screen = assert_restored(&tmux, 2);
    assert!(
        screen.contains("yusuan: error: /nonexistent/harden.json: no such file"),
        "{screen}"
    );
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    if !available("harden_restore") {
        return;
    }
    let tmux = tmux_for("panic");
    start(&tmux, "YUSUAN_TEST_PANIC=1", "");
    wait_ready(&tmux);
    tmux.send("j");
    let screen = assert_restored(&tmux, 101);
    // Printed after the restore, so it is on the main screen and still there; printed before,
    // it would have gone with the alternate screen.
    assert!(
        screen.contains("deliberate panic on the first key press"),
        "the panic message is not on the main screen:\n{screen}"
    );
    // The message starts at the left edge: raw mode (no carriage return on newline) was off.
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("thread 'main'") && l.contains("panicked")),
        "{screen}"
    );
}

/// Sends `signal` to the running browser and checks the exit code and the terminal.
fn signal_restores(name: &str, signal: &str, number: i32) {
    if !available("harden_restore") {
        return;
    }
    let tmux = tmux_for(name);
    start(&tmux, "", "");
    wait_ready(&tmux);
    let pid = browser_pid(&tmux);
    let sent = Instant::now();
    let kill = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .output()
        .expect("run kill");
    assert!(kill.status.success(), "kill: {kill:?}");
    tmux.wait_for("the exit marker", |s| s.contains("yusuan-exited-"));
    let took = sent.elapsed();
    assert_restored(&tmux, 128 + number);
    println!(
        "SIG{signal}: browser exited {} ms after the signal",
        took.as_millis()
    );
    assert!(took < Duration::from_secs(5), "took {took:?} to stop");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("term", "TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("hup", "HUP", 1);
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores("int", "INT", 2);
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_restores("quit-signal", "QUIT", 3);
}
