//! The real binary on a folder that is not cached yet (issue 13): it takes the screen at once
//! and shows the loading progress or the picker, then works on the whole folder once loaded; a
//! load that fails behind the screen gives the terminal back and says why, with exit 2.

use crate::common::tmux::{available, poll, Tmux};
use std::path::{Path, PathBuf};
use std::time::Duration;

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root =
            std::env::temp_dir().join(format!("yusuan-tmux-loading-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        Scratch(root)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn command(data: &Path, cache: &Path, extra: &str) -> String {
    format!(
        "'{}' {extra} --data '{}' --cache-dir '{}'; echo yusuan-exited-$?; sleep 60",
        env!("CARGO_BIN_EXE_yusuan"),
        data.display(),
        cache.display()
    )
}

#[test]
fn a_cold_folder_shows_progress_then_works() {
    if !available("e2e_tmux_loading") {
        return;
    }
    let scratch = Scratch::new("cold");
    let data = scratch.0.join("data");
    crate::generate::write_all(&data, 300, &[2023, 2024], 3).expect("write");
    // Older than the cache by more than a moment, so that the cache is fresh once written.
    crate::loading::backdate(&data);
    let cache = scratch.0.join("cache");
    for run in ["cold", "cached"] {
        let tmux = Tmux::new(&format!("loading-{run}"));
        tmux.start(120, 30, &["sh", "-c", &command(&data, &cache, "")]);
        // The screen at once: with no cache the loading screen (caught as soon as it shows: its
        // count changes too often for a settled capture); with one, the picker at once.
        if run == "cold" {
            let mut screen = String::new();
            let shown = poll(Duration::from_secs(20), || {
                screen = tmux.capture();
                screen.contains("正在打开文件夹") && screen.contains(" / 600 份文件")
            });
            assert!(shown, "no loading screen:\n{screen}");
        } else {
            // The cold run saved the cache before it exited: the picker is the first frame.
            let mut screen = String::new();
            poll(Duration::from_secs(20), || {
                screen = tmux.capture();
                !screen.trim().is_empty()
            });
            assert!(!screen.contains("正在打开文件夹"), "{screen}");
            tmux.wait_for("the picker", |s| s.contains("选择文件"));
        }
        tmux.wait_for("progress or the picker", |s| {
            s.contains(" / 600 份文件") || s.contains("选择文件")
        });
        assert_eq!(tmux.format("#{alternate_on}"), "1", "{run}");
        tmux.wait_for("the whole folder", |s| {
            s.contains("600/600 文件") && !s.contains("正在读取")
        });
        // Opening another document needs the whole folder: it works now.
        tmux.send("S00123 2024");
        tmux.wait_for("the filter", |s| s.contains("1/600 文件"));
        tmux.send("Enter");
        tmux.wait_for("the document", |s| {
            s.lines()
                .next()
                .is_some_and(|l| l.contains("合成00123") && l.contains("2024"))
        });
        tmux.send("q");
        let screen = tmux.wait_for("the exit", |s| s.contains("yusuan-exited-"));
        assert!(screen.contains("yusuan-exited-0"), "{run}: {screen}");
        assert_eq!(tmux.format("#{alternate_on}"), "0", "{run}");
    }
}

#[test]
fn a_load_failing_behind_the_screen_gives_the_terminal_back() {
    if !available("e2e_tmux_loading_error") {
        return;
    }
    let scratch = Scratch::new("error");
    let data = scratch.0.join("data");
    crate::generate::write_all(&data, 40, &[2024], 3).expect("write");
    std::fs::write(data.join("zz-broken.json"), "{ not json").expect("write");
    let tmux = Tmux::new("loading-error");
    let cache = scratch.0.join("cache");
    tmux.start(100, 20, &["sh", "-c", &command(&data, &cache, "--strict")]);
    let screen = tmux.wait_for("the exit", |s| s.contains("yusuan-exited-"));
    assert!(screen.contains("yusuan: error:"), "{screen}");
    assert!(screen.contains("zz-broken.json"), "{screen}");
    assert!(screen.contains("yusuan-exited-2"), "{screen}");
    assert!(
        !screen.contains("正在读取"),
        "the loading screen is gone:\n{screen}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}

#[test]
fn a_fresh_cache_is_read_as_needed_and_a_damaged_one_is_said() {
    if !available("e2e_tmux_loading_lazy") {
        return;
    }
    let scratch = Scratch::new("cached");
    let data = scratch.0.join("data");
    crate::generate::write_all(&data, 300, &[2023, 2024], 3).expect("write");
    crate::loading::backdate(&data);
    let cache = scratch.0.join("cache");
    // A command run writes the cache (without the search index: `show` does not need it); the
    // browser then finds it fresh, and its first search builds the index from the cache.
    let written = std::process::Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["show", "2080505", "--data"])
        .arg(&data)
        .arg("--cache-dir")
        .arg(&cache)
        .output()
        .expect("run");
    assert!(written.status.success());
    let tmux = Tmux::new("loading-lazy");
    tmux.start(120, 30, &["sh", "-c", &command(&data, &cache, "")]);
    // Every card at once, nothing left to load.
    tmux.wait_for("the picker", |s| {
        s.contains("选择文件") && s.contains("600/600 文件") && !s.contains("正在读取")
    });
    tmux.send("Escape");
    // Escape then `/` in one read would be Alt-/: the picker closed first.
    tmux.wait_for("the document", |s| !s.contains("选择文件"));
    tmux.send("/");
    tmux.send("yanglao");
    tmux.wait_for("the results", |s| s.contains("200 个结果"));
    tmux.send("Enter");
    tmux.wait_for("the first hit", |s| s.contains("/yanglao  1/200"));
    tmux.send("t");
    tmux.wait_for("the years", |s| s.contains("各列来自 2023、2024年"));
    tmux.send("t");
    tmux.send("a");
    tmux.wait_for("the sum", |s| s.contains("汇总 300 个部门"));
    tmux.send("a");
    // The cache file damaged under the running browser: said, and it carries on.
    crate::common::damage_cache(&cache);
    tmux.send("p");
    tmux.send("S00277 2024");
    tmux.wait_for("the filter", |s| s.contains("1/600 文件"));
    tmux.send("Enter");
    tmux.wait_for("the message", |s| s.contains("读取缓存失败"));
    tmux.send("q");
    let screen = tmux.wait_for("the exit", |s| s.contains("yusuan-exited-"));
    assert!(screen.contains("yusuan-exited-0"), "{screen}");
    assert_eq!(tmux.format("#{alternate_on}"), "0");
}
