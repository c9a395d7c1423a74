//! The terminal browser, one direction through it: `terminal` reads an event, `update` turns it
//! into changes of the state (`App`, what covers it: `Overlay`, the panes' small state machines),
//! `render` draws the state through `views`. `layout` (where things are) and `content` (the
//! words) are pure and shared by both sides; nothing but `render` reaches `views`.
//! The modules only this crate needs are `pub(crate)`, so the compiler reports dead code.

pub(crate) mod aggregate;
pub mod app;
pub mod content;
pub mod i18n;
pub(crate) mod jump;
pub mod keys;
pub mod layout;
pub(crate) mod model;
pub mod overlay;
pub(crate) mod panes;
pub mod render;
pub(crate) mod terminal;
pub(crate) mod text;
pub(crate) mod theme;
pub(crate) mod tree_state;
pub(crate) mod update;
pub(crate) mod views;
pub(crate) mod watchdog;
pub(crate) mod years;

pub use app::{Options, View};
pub use i18n::Lang;

use crate::core::collection::Collection;
use app::App;

/// Runs the browser on a loaded collection until it quits; returns the process exit code.
pub fn run(collection: Collection, options: Options) -> i32 {
    let mut app = App::from_collection(collection, options);
    // The loop draws before it looks at `quit`: exactly one frame.
    app.quit = options.first_frame_only;
    match terminal::run_app(&mut app) {
        // A quit is 0; SIGTERM, SIGHUP … end with 128 + the signal, after the terminal is restored.
        Ok(ending) => ending.exit_code(),
        Err(e) => {
            eprintln!("yusuan: error: {e}");
            1
        }
    }
}
