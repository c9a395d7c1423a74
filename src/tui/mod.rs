//! The terminal browser, Elm style: `App` holds the state, `update` turns events into changes,
//! `render` draws the state and nothing else, `terminal` owns the real terminal.

pub mod aggregate;
pub mod app;
pub mod i18n;
pub mod keys;
pub mod layout;
pub mod model;
pub mod picker;
pub mod render;
pub mod search;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod tree_state;
pub mod update;
pub mod views;
pub mod watchdog;

use crate::cli::{Cli, EXIT_BAD_INPUT};
use app::{App, Options};

/// Runs the browser; returns the process exit code.
pub fn run(cli: &Cli) -> i32 {
    // Load before touching the terminal, so a bad file gives a plain error on a normal screen.
    let collection = match crate::cli::load_collection(&cli.data, cli.strict) {
        Ok(collection) => collection,
        Err(e) => {
            eprintln!("yusuan: error: {e}");
            return EXIT_BAD_INPUT;
        }
    };
    let mut app = App::from_collection(collection, Options::from_cli(cli));
    // The loop draws before it looks at `quit`: exactly one frame.
    app.quit = cli.first_frame_only;
    match terminal::run_app(&mut app) {
        // A quit is 0; SIGTERM, SIGHUP … end with 128 + the signal, after the terminal is restored.
        Ok(ending) => ending.exit_code(),
        Err(e) => {
            eprintln!("yusuan: error: {e}");
            1
        }
    }
}
