//! Scrolling stays within what there is: the tree after the window grows, the detail pane, the
//! help overlay (End, its last line, a sign of more).

use crate::common::tmux::{available, Tmux};
use crate::common::*;
use ratatui::crossterm::event::KeyCode;

#[test]
fn the_help_reaches_its_last_line_with_end_and_says_there_is_more() {
    let mut a = app();
    press(&mut a, "?");
    let screen = draw(&mut a, 140, 40);
    assert!(screen.contains("↓ +"), "a sign of more:\n{screen}");
    assert!(!screen.contains("! 读到此行"), "{screen}");
    a.update(key(KeyCode::End));
    let screen = draw(&mut a, 140, 40);
    assert!(
        screen.contains("! 读到此行的检查不符"),
        "the last line:\n{screen}"
    );
    assert!(!screen.contains("↓ +"), "{screen}");
    press(&mut a, "g");
    let screen = draw(&mut a, 140, 40);
    assert!(screen.contains("打开／关闭帮助"), "{screen}");
}

#[test]
fn the_detail_pane_stops_at_its_end() {
    let mut a = app();
    draw(&mut a, 120, 40);
    for _ in 0..60 {
        press(&mut a, "]");
    }
    let end = draw(&mut a, 120, 40);
    press(&mut a, "[");
    let up = draw(&mut a, 120, 40);
    assert_ne!(end, up, "one [ scrolls back at once");
    assert!(a.detail_scroll < 20, "bounded: {}", a.detail_scroll);
}

#[test]
fn the_tree_shows_its_first_rows_after_the_window_grows() {
    if !available("grow") {
        return;
    }
    let tmux = Tmux::new("grow");
    let bin = env!("CARGO_BIN_EXE_yusuan");
    tmux.start(100, 14, &[bin]);
    tmux.wait_for("the browser", |s| s.contains("社会保障和就业支出"));
    tmux.send("e");
    tmux.send("G");
    tmux.wait_for("the last rows", |s| {
        s.contains("合计") && !s.contains("208 社会保障")
    });
    tmux.run(&["resize-window", "-t", "yusuan", "-x", "100", "-y", "60"]);
    // Every row fits now: none may stay hidden above.
    tmux.wait_for("the first row back", |s| {
        s.contains("▾ 208 社会保障和就业支出")
    });
}
