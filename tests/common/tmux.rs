//! The real binary in a real terminal: a tmux server on a socket of its own, so a test never
//! touches the user's tmux, killed when the test ends however it ends.

use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The one session on each test's private server.
const SESSION: &str = "yusuan";
/// How long a test waits for the screen before it gives up.
const PATIENCE: Duration = Duration::from_secs(20);

/// Set to `1` to skip the tests that need tmux where it cannot be installed; without it a
/// missing tmux fails them, so that they cannot pass by not running.
pub const SKIP_VAR: &str = "YUSUAN_SKIP_TMUX";

/// Whether to run a test that needs tmux: true when tmux runs here; when it does not, false
/// (saying so) only if `YUSUAN_SKIP_TMUX=1`, else the test fails.
pub fn available(test: &str) -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return true;
    }
    if std::env::var_os(SKIP_VAR).is_some_and(|v| v == "1") {
        println!("skipping {test}: tmux is not installed and {SKIP_VAR}=1");
        return false;
    }
    panic!("{test} needs tmux, which is not installed: install it, or set {SKIP_VAR}=1 to skip");
}

/// Polls `done` every 50 ms until it holds (true) or `timeout` passes (false).
pub fn poll(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if done() {
            return true;
        }
        if start.elapsed() > timeout {
            return false;
        }
        sleep(Duration::from_millis(50));
    }
}

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A server on the socket `yusuan-{name}-{pid}`: unique per test and per test run.
    pub fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("yusuan-{name}-{}", std::process::id()),
        }
    }

    /// Runs a tmux command on this server, without the user's configuration.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// Starts `command` in a detached pane of `width`×`height` cells.
    pub fn start(&self, width: u16, height: u16, command: &[&str]) {
        let (width, height) = (width.to_string(), height.to_string());
        let mut args = vec![
            "new-session",
            "-d",
            "-x",
            &width,
            "-y",
            &height,
            "-s",
            SESSION,
        ];
        args.extend_from_slice(command);
        let started = self.run(&args);
        assert!(started.status.success(), "tmux: {started:?}");
    }

    /// What the pane shows.
    pub fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", SESSION]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn send(&self, key: &str) {
        self.run(&["send-keys", "-t", SESSION, key]);
    }

    /// A tmux format (`#{alternate_on}`, `#{pane_pid}`…) as the pane has it now.
    pub fn format(&self, format: &str) -> String {
        let out = self.run(&["display", "-p", "-t", SESSION, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the pane until `pred` holds; panics with the screen after a timeout.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        // A capture can catch a frame half written: the screen must also be the same a moment
        // later, so that what the caller reads next is a whole frame.
        let mut screen = String::new();
        if poll(PATIENCE, || {
            screen = self.capture();
            if !pred(&screen) {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            let again = self.capture();
            let settled = again == screen;
            screen = again;
            settled && pred(&screen)
        }) {
            return screen;
        }
        panic!("timed out waiting for {what}; screen:\n{screen}");
    }

    /// Ends the server and everything in it, as closing the terminal would.
    pub fn kill_server(&self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.kill_server();
    }
}
