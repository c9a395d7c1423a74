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

/// The "done when": `yusuan DIR` on a folder of the three 万里 PDFs opens on 2025 vs
/// 2024 with every code in both years, `w` switches to 2024 vs 2023, and the selected code's
/// three-year series is drawn.
#[test]
fn a_folder_of_three_years_opens_on_the_years_side_by_side() {
    if !available("e2e_tmux_years") {
        return;
    }
    let Some(dir) = crate::common::wanli::folder("e2e_tmux_years") else {
        return;
    };
    let tmux = Tmux::new("test-years");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    let script = format!(
        "'{bin}' '{}'; echo yusuan-exited-$?; sleep 60",
        dir.display()
    );
    tmux.start(160, 50, &["sh", "-c", &script]);
    // A capture can catch a frame half written: wait for the row read below, not the header only.
    let screen = tmux.wait_for("2024 vs 2025", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("2024 对比 2025"))
            && s.lines().any(|l| l.contains("212 城乡社区支出"))
    });
    let row = screen
        .lines()
        .find(|l| l.contains("212 城乡社区支出"))
        .unwrap_or_default();
    for figure in ["119,385,303", "154,369,326", "+34,984,023", "+29.30%"] {
        assert!(row.contains(figure), "{figure} not in {row:?}\n{screen}");
    }
    // Every code with both years: expanded, no row lacks its two figures unless 新增/取消/absent.
    tmux.send("e");
    sleep(Duration::from_millis(200));
    tmux.send("w");
    // The whole screen redrawn: the header and 205 教育支出, new in 2024.
    tmux.wait_for("2023 vs 2024 with 205 新增", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("2023 对比 2024"))
            && s.lines()
                .any(|l| l.contains("205 教育支出") && l.contains("新增"))
    });
    // The selected code's three-year series, drawn as bars with the figures beside them.
    tmux.send("/");
    tmux.wait_for("the search pane", |s| s.contains("搜索"));
    tmux.send("2120101");
    tmux.wait_for("the results", |s| {
        s.contains("个结果") && s.contains("2120101")
    });
    tmux.send("Enter");
    let screen = tmux.wait_for("the series of 2120101", |s| {
        s.contains("2120101 行政运行") && s.lines().filter(|l| l.contains('█')).count() >= 3
    });
    for (year, figure) in [
        ("2023", "18,373,632"),
        ("2024", "16,603,248"),
        ("2025", "17,887,739"),
    ] {
        assert!(
            screen
                .lines()
                .any(|l| l.starts_with(year) && l.contains('█') && l.contains(figure)),
            "no bar for {year} {figure}:\n{screen}"
        );
    }
    tmux.send("q");
    let screen = tmux.wait_for("the exit marker", |s| s.contains("yusuan-exited-"));
    assert!(screen.contains("yusuan-exited-0"), "{screen}");
    let _ = std::fs::remove_dir_all(&dir);
}
