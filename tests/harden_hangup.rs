//! When its terminal goes away (the window closed, ssh dropped, tmux killed), the browser exits
//! instead of spinning: crossterm's event source loops forever on a hung-up tty (crossterm
//! #793), and a watchdog thread ends the process.

use std::process::Command;
use std::time::{Duration, Instant};

fn tmux(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

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
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipped (CI installs it)");
        return;
    }
    let socket = format!("yusuan-hangup-{}", std::process::id());
    let bin = env!("CARGO_BIN_EXE_yusuan");
    tmux(
        &socket,
        &["new-session", "-d", "-x", "100", "-y", "30", bin],
    );
    let pid = tmux(&socket, &["display", "-p", "#{pane_pid}"]);
    assert!(!pid.is_empty(), "no pane pid");
    // Let it draw and sit in its event loop.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5)
        && !tmux(&socket, &["capture-pane", "-p"]).contains("208")
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(running(&pid), "the browser should be running");
    tmux(&socket, &["kill-server"]);
    let killed = Instant::now();
    while running(&pid) && killed.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
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
