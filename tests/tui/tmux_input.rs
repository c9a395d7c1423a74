//! Input in a real terminal (tmux): a large paste is consumed at once, so the key after it acts.

use crate::common::tmux::{available, Tmux};
use std::time::{Duration, Instant};

#[test]
fn a_100_kb_paste_then_esc_closes_the_search_pane_at_once() {
    if !available("paste") {
        return;
    }
    let tmux = Tmux::new("paste");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    tmux.start(120, 40, &[bin]);
    tmux.wait_for("the browser", |s| s.contains("社会保障和就业支出"));
    tmux.send("/");
    tmux.wait_for("the search pane", |s| s.contains("Esc 返回"));

    let file = std::env::temp_dir().join(format!("yusuan-paste-{}", std::process::id()));
    std::fs::write(&file, "x".repeat(100 * 1024)).unwrap();
    let loaded = tmux.run(&["load-buffer", file.to_str().unwrap()]);
    let _ = std::fs::remove_file(&file);
    assert!(loaded.status.success(), "{loaded:?}");
    tmux.run(&["paste-buffer", "-t", "yusuan"]);
    tmux.send("Escape");
    let start = Instant::now();
    // Once closed, the pane's hint line is gone; no further key is sent.
    let screen = tmux.wait_for("the pane to close", |s| !s.contains("Esc 返回"));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "Esc took {:?}:\n{screen}",
        start.elapsed()
    );
    assert!(screen.contains("社会保障和就业支出"), "{screen}");
}

#[test]
fn a_long_query_shows_its_end_and_the_cursor() {
    if !available("long_query") {
        return;
    }
    let tmux = Tmux::new("long-query");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    tmux.start(80, 24, &[bin]);
    tmux.wait_for("the browser", |s| s.contains("社会保障和就业支出"));
    tmux.send("/");
    tmux.wait_for("the search pane", |s| s.contains("Esc 返回"));
    let query = format!("{}END", "abcdefghij".repeat(12));
    tmux.run(&["send-keys", "-l", "-t", "yusuan", &query]);
    let screen = tmux.wait_for("the end of the query", |s| s.contains("hijEND"));
    let line = screen.lines().find(|l| l.contains("hijEND")).unwrap();
    assert!(
        line.contains("/ …"),
        "the start is cut, with a sign: {line}"
    );
    // The cursor (a reversed cell) follows the end; tmux shows its attributes with -e.
    let styled = tmux.run(&["capture-pane", "-e", "-p", "-t", "yusuan"]);
    let styled = String::from_utf8_lossy(&styled.stdout);
    let line = styled.lines().find(|l| l.contains("hijEND")).unwrap();
    assert!(
        line.contains("END\u{1b}[7m "),
        "a cursor after the end: {line:?}"
    );
}

#[test]
fn hints_offer_only_what_works_and_no_tab_is_cut() {
    if !available("hints") {
        return;
    }
    let tmux = Tmux::new("hints");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    tmux.start(60, 20, &[bin]);
    tmux.wait_for("the browser", |s| s.contains("社会保障和就业支出"));
    tmux.send("8");
    // The tab bar always shows "8说明"; wait for the narrative's own text, so the hint line
    // read below is the narrative's and not the tree's from before the key took effect.
    let screen = tmux.wait_for("the narrative", |s| s.contains("单位基本情况"));
    let tabs = screen.lines().nth(1).unwrap_or_default();
    for n in ["1", "2", "3", "4", "5", "6", "7", "8说明"] {
        assert!(tabs.contains(n), "tab {n} shown at 60 columns: {tabs}");
    }
    let hints = screen.lines().last().unwrap_or_default().to_string();
    for tree_key in ["→", "←", "s 口径", "o 排序"] {
        assert!(
            !hints.contains(tree_key),
            "{tree_key} does nothing here: {hints}"
        );
    }
    tmux.send("y");
    tmux.wait_for("the copy", |s| {
        s.lines().last().unwrap_or_default().contains("已复制")
    });
    tmux.send("/");
    tmux.wait_for("both arrows in the pane's hint", |s| s.contains("↑↓ 选择"));
}
