//! Shared helpers for the browser's tests: an app on the bundled document, key events, and a
//! TestBackend buffer as plain text lines; a writer to capture the bytes (`shared`) and the
//! real binary in tmux (`tmux`).
#![allow(dead_code)]

pub mod cjk;
pub mod shared;
pub mod tmux;
pub mod wanli;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;
use yusuan::core::load::bundled;
use yusuan::tui::app::{App, Options};
use yusuan::tui::render::render;

pub fn app() -> App {
    app_with(Options {
        color: false,
        ..Options::default()
    })
}

pub fn app_with(options: Options) -> App {
    App::new(bundled(), options)
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Event {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), mods))
}

/// Sends each character of `keys` as a key press.
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.update(ch(c));
    }
}

/// The buffer as lines of text: a wide character's trailing cell is skipped, so each line reads
/// as the terminal shows it; trailing spaces are trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut lines = Vec::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            let sym = buf[(area.x + x, area.y + y)].symbol();
            line.push_str(sym);
            x += (sym.width() as u16).max(1);
        }
        lines.push(line.trim_end().to_string());
    }
    lines.join("\n")
}

/// Renders the app at a size (telling it the size first, as the terminal layer does, without
/// running deferred work: the frame is the one drawn before it).
pub fn draw(app: &mut App, width: u16, height: u16) -> String {
    app.handle(Event::Resize(width, height));
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    term.draw(|f| render(app, f)).expect("draw");
    buffer_text(term.backend().buffer())
}

/// Damages the folder cache under `cache` in place (every byte after the magic flipped), as a
/// file replaced or corrupted under a running browser would be; its path and its new bytes.
pub fn damage_cache(cache: &std::path::Path) -> (std::path::PathBuf, Vec<u8>) {
    let file = std::fs::read_dir(cache.join("folders"))
        .expect("the cache")
        .flatten()
        .map(|e| e.path())
        // The folder's cache, not a file kept beside it (`X.search.bin`).
        .find(|p| {
            p.extension().is_some_and(|e| e == "bin")
                && p.file_stem()
                    .is_some_and(|s| !s.to_string_lossy().contains('.'))
        })
        .expect("a cache file");
    let mut bytes = std::fs::read(&file).expect("read");
    for b in &mut bytes[8..] {
        *b ^= 0x55;
    }
    std::fs::write(&file, &bytes).expect("write");
    (file, bytes)
}
