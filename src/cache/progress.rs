//! A progress bar on stderr while a large folder loads: files done, of how many. Drawn only when
//! stderr is a terminal, and only once loading has taken long enough to be noticed, so that a
//! fast (cached) open prints nothing. The browser, which owns the screen, passes a counter of
//! its own instead and nothing is drawn here.

use crate::core::progress::Counter;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

const DELAY: Duration = Duration::from_millis(250);
const TICK: Duration = Duration::from_millis(100);

pub struct Progress<'a> {
    counter: Counted<'a>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

enum Counted<'a> {
    Own(Arc<Counter>),
    Theirs(&'a Counter),
}

impl Progress<'_> {
    /// Starts counting toward `total`; draws only when stderr is a terminal.
    pub fn start(total: usize) -> Progress<'static> {
        let counter = Arc::new(Counter::default());
        counter.start(total);
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let (counter, stop) = (counter.clone(), stop.clone());
            std::thread::spawn(move || draw_until(&counter, &stop))
        });
        Progress {
            counter: Counted::Own(counter),
            stop,
            thread,
        }
    }

    /// Counts toward `total` into `counter`, drawing nothing: someone else shows it.
    pub fn into_counter(total: usize, counter: &Counter) -> Progress<'_> {
        counter.start(total);
        Progress {
            counter: Counted::Theirs(counter),
            stop: Arc::new(AtomicBool::new(false)),
            thread: None,
        }
    }

    pub fn tick(&self) {
        self.counter().tick();
    }

    /// Counts again from 0 toward `total`: a second pass over the same documents.
    pub fn restart(&self, total: usize) {
        self.counter().start(total);
    }

    fn counter(&self) -> &Counter {
        match &self.counter {
            Counted::Own(c) => c,
            Counted::Theirs(c) => c,
        }
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn draw_until(counter: &Counter, stop: &AtomicBool) {
    let start = std::time::Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        if start.elapsed() >= DELAY {
            let (done, total) = counter.get();
            eprint!("\r{}", bar(done, total));
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

    #[test]
    fn a_given_counter_counts_without_drawing() {
        let counter = crate::core::progress::Counter::default();
        let p = super::Progress::into_counter(3, &counter);
        p.tick();
        p.tick();
        assert!(p.thread.is_none());
        drop(p);
        assert_eq!(counter.get(), (2, 3));
    }
}
