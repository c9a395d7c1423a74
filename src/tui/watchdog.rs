//! A watchdog for a terminal that is gone. crossterm's event source spins forever inside `poll`
//! once its tty hangs up (the descriptor stays readable, reads return 0 or EIO; crossterm issue
//! #793), so the event loop never returns to look at its signal flag or see an error, and the
//! process would burn a core for ever. A thread that never reads the terminal notices instead:
//! the tty hung up, or a stop signal went unanswered, and it ends the process.

use super::terminal::restore;
use signal_hook::consts::SIGHUP;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(100);
/// How long the event loop has to answer a stop signal before the watchdog ends the process.
const GRACE: Duration = Duration::from_secs(1);

pub struct Watchdog {
    done: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// Watches standard input (the terminal) and the signal number recorded in `received`.
    pub fn start(received: Arc<AtomicUsize>) -> Watchdog {
        let done = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&done);
        let handle = std::thread::Builder::new()
            .name("tty-watchdog".into())
            .spawn(move || watch(&flag, &received))
            .ok();
        Watchdog { done, handle }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.take() {
            // Wake it from its nap, so that quitting does not wait for the next tick.
            h.thread().unpark();
            let _ = h.join();
        }
    }
}

fn watch(done: &AtomicBool, received: &AtomicUsize) {
    let mut signalled_at: Option<Instant> = None;
    while !done.load(Ordering::SeqCst) {
        std::thread::park_timeout(TICK);
        if done.load(Ordering::SeqCst) {
            return;
        }
        if tty_hung_up() {
            end(128 + SIGHUP);
        }
        let sig = received.load(Ordering::SeqCst);
        if sig != 0 {
            let since = *signalled_at.get_or_insert_with(Instant::now);
            if since.elapsed() >= GRACE {
                end(128 + i32::try_from(sig).unwrap_or(SIGHUP));
            }
        }
    }
}

/// Restores what can be restored (nothing, on a dead tty; the terminal, on a live one whose
/// loop is stuck) and exits.
fn end(code: i32) -> ! {
    restore();
    std::process::exit(code)
}

/// Whether standard input reports a hang-up or error, asked without reading from it (a read
/// would take the user's keys from the event loop).
fn tty_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, a count of 1 and a zero timeout; poll only writes `revents`.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}
