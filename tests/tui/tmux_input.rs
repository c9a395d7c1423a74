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
