//! A progress bar on stderr while a large folder loads: files done, of how many. Drawn only when
//! stderr is a terminal, and only once loading has taken long enough to be noticed, so that a
//! fast (cached) open prints nothing.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const DELAY: Duration = Duration::from_millis(250);
const TICK: Duration = Duration::from_millis(100);

pub struct Progress {
    pub done: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts counting toward `total`; draws only when stderr is a terminal.
    pub fn start(total: usize) -> Progress {
        let done = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let (done, stop) = (done.clone(), stop.clone());
            std::thread::spawn(move || draw_until(total, &done, &stop))
        });
        Progress { done, stop, thread }
    }

    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn draw_until(total: usize, done: &AtomicUsize, stop: &AtomicBool) {
    let start = std::time::Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        if start.elapsed() >= DELAY {
            eprint!("\r{}", bar(done.load(Ordering::Relaxed), total));
            drawn = true;
        }
    }
    if drawn {
        // Clear the line so that what follows starts on a clean one.
        eprint!("\r\x1b[2K");
        let _ = std::io::stderr().flush();
    }
}

/// `yusuan: loading [#########-----------]  9,000 / 20,000 files`
pub fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    format!(
        "yusuan: loading [{}{}] {} / {} files",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        done.min(total),
        total
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(
            super::bar(15, 30),
            format!(
                "yusuan: loading [{}{}] 15 / 30 files",
                "#".repeat(15),
                "-".repeat(15)
            )
        );
        assert!(super::bar(0, 0).contains("0 / 0"));
    }
}
