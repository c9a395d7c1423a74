//! The real terminal: raw mode, the alternate screen and mouse capture on the way in, all of it
//! undone on the way out, whether by quitting, by an error or by a panic.

use super::app::App;
use super::render::render;
use base64::Engine;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::io::{self, Stdout, Write};

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Undoes everything `enter` did. Safe to call twice, and from the panic hook.
pub fn restore() {
    let mut out = io::stdout();
    // Each step is tried even if one fails: a half-restored terminal is worse than an error.
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message is printed, so it is readable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Restores on drop, so an early return with `?` cannot leave the terminal raw.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn enter(mouse: bool) -> io::Result<Term> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// OSC 52: the terminal puts the text on the system clipboard (also over ssh).
fn write_clipboard(text: &str) -> io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

fn event_loop(term: &mut Term, app: &mut App) -> io::Result<()> {
    let mut mouse = app.mouse;
    loop {
        let size = term.size()?;
        app.size = Rect::new(0, 0, size.width, size.height);
        term.draw(|frame| render(app, frame))?;
        if let Some(text) = app.clipboard.take() {
            write_clipboard(&text)?;
        }
        if app.mouse != mouse {
            mouse = app.mouse;
            if mouse {
                execute!(io::stdout(), EnableMouseCapture)?;
            } else {
                execute!(io::stdout(), DisableMouseCapture)?;
            }
        }
        if app.quit {
            return Ok(());
        }
        let ev = event::read()?;
        app.update(ev);
    }
}

/// Runs the browser on an app until it quits; the terminal is restored in every case.
pub fn run_app(app: &mut App) -> io::Result<()> {
    let _guard = Guard;
    let mut term = enter(app.mouse)?;
    event_loop(&mut term, app)
}
