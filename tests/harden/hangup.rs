//! When its terminal goes away (the window closed, ssh dropped, tmux killed), the browser exits
//! instead of spinning: crossterm's event source loops forever on a hung-up tty (crossterm
//! #793), and a watchdog thread ends the process.

use crate::common::tmux::{available, poll, Tmux};
use std::process::Command;
use std::time::{Duration, Instant};

/// Running means present and not a zombie (an orphan may wait unreaped).
fn running(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

#[test]
fn browser_exits_when_its_terminal_is_killed() {
    if !available("harden_hangup") {
        return;
    }
    let tmux = Tmux::new("hangup");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    tmux.start(100, 30, &[bin]);
    let pid = tmux.format("#{pane_pid}");
    assert!(!pid.is_empty(), "no pane pid");
    // Let it draw and sit in its event loop.
    poll(Duration::from_secs(5), || tmux.capture().contains("208"));
    assert!(running(&pid), "the browser should be running");
    tmux.kill_server();
    let killed = Instant::now();
    poll(Duration::from_secs(5), || !running(&pid));
    let alive = running(&pid);
    if alive {
        let _ = Command::new("kill").arg("-9").arg(&pid).status();
    }
    assert!(
        !alive,
        "still running {:?} after its terminal was killed",
        killed.elapsed()
    );
    eprintln!(
        "exited {:?} after the terminal was killed",
        killed.elapsed()
    );
}
