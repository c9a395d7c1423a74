//! The terminal browser.

use crate::cli::Cli;

/// Runs the browser; returns the process exit code.
pub fn run(_cli: &Cli) -> i32 {
    eprintln!("yusuan: the browser is not built yet; try `yusuan check`");
    2
}
