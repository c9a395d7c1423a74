//! The real binary in a real terminal (tmux): drill down to 2080101, see its figures, quit, and
//! find the terminal restored (main screen, canonical mode). Skipped only if tmux is absent.

use crate::common::tmux::{available, Tmux};
use std::thread::sleep;
use std::time::Duration;

#[test]
fn drill_down_in_a_real_terminal_and_quit_cleanly() {
    if !available("e2e_tmux") {
        return;
    }
    let tmux = Tmux::new("test");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    // After the browser exits, say so and show whether the tty is back in canonical mode.
    let script = format!(
        "'{bin}'; echo yusuan-exited-$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon; sleep 60"
    );
    tmux.start(120, 40, &["sh", "-c", &script]);

    tmux.wait_for("the browser", |s| s.contains("社会保障和就业支出"));
    assert_eq!(
        tmux.format("#{alternate_on}"),
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
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "the alternate screen was left"
    );
    assert!(
        !screen.contains("社会保障和就业支出"),
        "the browser's screen is gone:\n{screen}"
    );
}

#[test]
fn a_bad_data_file_is_reported_before_the_screen_changes() {
    if !available("e2e_tmux") {
        return;
    }
    let tmux = Tmux::new("test-bad");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let script = format!("'{bin}' --data /nonexistent/x.json; echo yusuan-exited-$?; sleep 60");
    tmux.start(100, 20, &["sh", "-c", &script]);
    let screen = tmux.wait_for("the exit marker", |s| s.contains("yusuan-exited-"));
    assert!(screen.contains("yusuan: error:"), "{screen}");
    assert!(screen.contains("yusuan-exited-2"), "{screen}");
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}
