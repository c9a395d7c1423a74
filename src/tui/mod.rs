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
pub mod loading;
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

pub use loading::{Preview, Start};

use app::App;
use terminal::Ending;

/// Runs the browser until it quits; returns the process exit code. A collection still to load
/// is loaded behind the first frame (see `loading`).
pub fn run(start: Start, options: Options) -> i32 {
    let (mut app, load) = match start {
        Start::Loaded(collection) => (App::from_collection(collection, options), None),
        Start::Cached(documents) => (
            App::from_library(crate::library::Library::Cached(documents), options),
            None,
        ),
        Start::Loading {
            total,
            preview,
            load,
        } => match preview.filter(|p| p.shows_first_screen()) {
            Some(p) => (App::from_preview(*p, total, options), Some(load)),
            None => (App::waiting(total, options), Some(load)),
        },
    };
    // The loop draws before it looks at `quit`: exactly one frame (and no load started).
    app.quit = options.first_frame_only;
    match terminal::run_app(&mut app, load) {
        // Said once the terminal is restored, on the normal screen.
        Ok(Ending::LoadFailed(e)) => {
            eprintln!("yusuan: error: {e}");
            Ending::LoadFailed(e).exit_code()
        }
        // A quit is 0; SIGTERM, SIGHUP … end with 128 + the signal, after the terminal is restored.
        Ok(ending) => ending.exit_code(),
        Err(e) => {
            eprintln!("yusuan: error: {e}");
            1
        }
    }
}
