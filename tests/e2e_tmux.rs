//! The real binary in a real terminal (tmux): drill down to 2080101, see its figures, quit, and
//! find the terminal restored (main screen, canonical mode). Skipped only if tmux is absent.

use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

const SESSION: &str = "yusuan";

/// A tmux server on its own socket, killed when the test ends however it ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", SESSION]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send(&self, key: &str) {
        self.run(&["send-keys", "-t", SESSION, key]);
    }

    fn alternate_on(&self) -> String {
        let out = self.run(&["display", "-p", "-t", SESSION, "#{alternate_on}"]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the pane until `pred` holds; panics with the screen after a timeout.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn drill_down_in_a_real_terminal_and_quit_cleanly() {
    if !tmux_available() {
        println!("skipping e2e_tmux: tmux is not installed");
        return;
    }
    let tmux = Tmux {
        socket: format!("yusuan-test-{}", std::process::id()),
    };
    let bin = env!("CARGO_BIN_EXE_yusuan");
    // After the browser exits, say so and show whether the tty is back in canonical mode.
    let script = format!(
        "'{bin}'; echo yusuan-exited-$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon; sleep 60"
    );
    let started = tmux.run(&[
        "new-session",
        "-d",
        "-x",
        "120",
        "-y",
        "40",
        "-s",
        SESSION,
        "sh",
        "-c",
        &script,
    ]);
    assert!(started.status.success(), "tmux: {started:?}");

    tmux.wait_for("the browser", |s| s.contains("社会保障和就业支出"));
    assert_eq!(
        tmux.alternate_on(),
        "1",
        "the browser draws on the alternate screen"
    );
    for key in ["l", "l", "l", "l"] {
        tmux.send(key);
        sleep(Duration::from_millis(150));
    }
    let screen = tmux.wait_for("2080101", |s| {
        s.lines()
            .any(|l| l.contains("2080101 行政运行") && l.contains("530.70"))
    });
    let row = screen
        .lines()
        .find(|l| l.contains("2080101 行政运行") && l.contains("530.70"))
        .unwrap_or_default();
    for figure in ["451.66", "530.70", "+79.04", "+17.50%"] {
        assert!(row.contains(figure), "{figure} not in {row:?}\n{screen}");
    }

    // Search: / opens the pane, typing queries, Enter jumps to the node.
    tmux.send("/");
    tmux.wait_for("the search pane", |s| {
        s.contains("/ ") && s.contains("搜索")
    });
    tmux.send("2080505");
    tmux.wait_for("the result", |s| s.contains("1 个结果"));
    tmux.send("Enter");
    let screen = tmux.wait_for("the jump", |s| {
        s.contains("208 › 20805 › 2080505 机关事业单位基本养老保险缴费支出")
    });
    let row = screen
        .lines()
        .find(|l| l.contains("2080505 机关事业") && l.contains("51.81"))
        .unwrap_or_default();
    for figure in ["51.81", "48.94"] {
        assert!(row.contains(figure), "{figure} not in {row:?}\n{screen}");
    }

    tmux.send("q");
    let screen = tmux.wait_for("the exit marker", |s| s.contains("yusuan-exited-"));
    assert!(screen.contains("yusuan-exited-0"), "{screen}");
    let screen = tmux.wait_for("the tty mode", |s| s.contains("icanon"));
    assert!(
        screen.lines().any(|l| l.trim() == "icanon"),
        "raw mode was left on:\n{screen}"
    );
    assert_eq!(tmux.alternate_on(), "0", "the alternate screen was left");
    assert!(
        !screen.contains("社会保障和就业支出"),
        "the browser's screen is gone:\n{screen}"
    );
}

#[test]
fn a_bad_data_file_is_reported_before_the_screen_changes() {
    if !tmux_available() {
        println!("skipping e2e_tmux: tmux is not installed");
        return;
    }
    let tmux = Tmux {
        socket: format!("yusuan-test-bad-{}", std::process::id()),
    };
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let script = format!("'{bin}' --data /nonexistent/x.json; echo yusuan-exited-$?; sleep 60");
    let started = tmux.run(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "20",
        "-s",
        SESSION,
        "sh",
        "-c",
        &script,
    ]);
    assert!(started.status.success(), "tmux: {started:?}");
    let screen = tmux.wait_for("the exit marker", |s| s.contains("yusuan-exited-"));
    assert!(screen.contains("yusuan: error:"), "{screen}");
    assert!(screen.contains("yusuan-exited-2"), "{screen}");
    assert_eq!(tmux.alternate_on(), "0");
}
