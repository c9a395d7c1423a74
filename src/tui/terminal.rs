//! The real terminal: raw mode, the alternate screen and mouse capture on the way in, all of it
//! undone on the way out, whether by quitting, by an error, by a panic or by a signal
//! (SIGTERM, SIGHUP, SIGINT, SIGQUIT).

use super::app::App;
use super::i18n::{text, Msg};
use super::loading::{Load, Loader, News};
use super::panes::search::Search;
use super::render::render;
use base64::Engine;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::layout::Rect;
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::SigId;
use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::thread::JoinHandle;
use std::time::Duration;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How long the loop waits for input before looking at the signal flag again.
const POLL: Duration = Duration::from_millis(50);

/// The signals that end the browser cleanly: the terminal is restored, then the process exits
/// with 128 + the signal's number, as a shell reports a death by that signal.
pub const STOP_SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Test-only: when this variable is `1`, the browser panics on the first key press, so that
/// tests/harden/restore.rs can show the panic hook restoring the terminal in a real terminal.
/// Nothing else reads it.
pub const TEST_PANIC_VAR: &str = "YUSUAN_TEST_PANIC";

/// How the browser ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The user quit (q, Ctrl-C).
    Quit,
    /// A signal asked it to stop; the signal's number.
    Signal(i32),
    /// The folder loading behind the screen failed: what to print once the terminal is back.
    LoadFailed(String),
}

impl Ending {
    /// 0 for a quit, 128 + the signal's number for a signal, 2 (bad input, as when loading
    /// before the screen) for a failed load.
    pub fn exit_code(&self) -> i32 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(sig) => 128 + sig,
            Ending::LoadFailed(_) => 2,
        }
    }
}

/// Whether the terminal is in the browser's state (raw, alternate screen), so that `restore`
/// undoes it exactly once: a second "leave the alternate screen" on the main screen would move
/// the cursor back over what was printed since (such as a panic message).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Undoes everything `enter` did. Safe to call twice, and from the panic hook.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    // Each step is tried even if one fails: a half-restored terminal is worse than an error.
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message is printed, so it is readable. Installed once
/// per process, however many times the browser is entered.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Restores on drop, so an early return with `?` cannot leave the terminal raw.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// The stop signals, caught for as long as the browser runs: a handler only records which
/// signal came; the event loop sees it within `POLL` and returns, and the guard restores.
struct Signals {
    received: Arc<AtomicUsize>,
    /// SIGTSTP (`kill -TSTP`, a job-control stop): give the terminal back, then stop.
    suspend: Arc<AtomicBool>,
    ids: Vec<SigId>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        let received = Arc::new(AtomicUsize::new(0));
        let stopping = Arc::new(AtomicBool::new(false));
        let mut signals = Signals {
            received,
            suspend: Arc::new(AtomicBool::new(false)),
            ids: Vec::new(),
        };
        signals.ids.push(signal_hook::flag::register(
            SIGTSTP,
            Arc::clone(&signals.suspend),
        )?);
        for sig in STOP_SIGNALS {
            // A second stop signal while the first is being handled ends the process at once:
            // a browser stuck for any reason must still be killable. Registered first, so the
            // first signal finds `stopping` still false.
            signals
                .ids
                .push(signal_hook::flag::register_conditional_shutdown(
                    sig,
                    128 + sig,
                    Arc::clone(&stopping),
                )?);
            signals
                .ids
                .push(signal_hook::flag::register(sig, Arc::clone(&stopping))?);
            signals.ids.push(signal_hook::flag::register_usize(
                sig,
                Arc::clone(&signals.received),
                sig as usize,
            )?);
        }
        Ok(signals)
    }

    /// Whether a SIGTSTP arrived since the last call.
    fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// The signal that arrived, if any.
    fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            sig => i32::try_from(sig).ok(),
        }
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

fn enter(mouse: bool) -> io::Result<Term> {
    install_panic_hook();
    enter_modes(mouse)?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Raw mode, the alternate screen and (if on) mouse capture: on the way in, and again after a
/// suspend.
fn enter_modes(mouse: bool) -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Gives the terminal back and stops the process (as Ctrl-Z does to any program); on `fg`
/// (SIGCONT) takes it again and redraws everything.
fn suspend(term: &mut Term, mouse: bool) -> io::Result<()> {
    restore();
    // SAFETY: raise has no preconditions. SIGSTOP cannot be caught: the process stops here.
    unsafe { libc::raise(libc::SIGSTOP) };
    enter_modes(mouse)?;
    term.clear()
}

/// OSC 52: the terminal puts the text on the system clipboard (also over ssh).
fn write_clipboard(text: &str) -> io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// What wakes the event loop.
enum Wake {
    Input(Event),
    /// The loading thread's progress, or the collection.
    Load(News),
    /// A stop signal: end with 128 + its number.
    Stop(i32),
    /// SIGTSTP: suspend, then carry on.
    Suspend,
    /// Something changed without input (a search ran once its index was built): draw again.
    Redraw,
}

/// Waits for the next event, looking at the signal flags and the loader every `POLL`.
fn next_event(
    signals: &Signals,
    mut loader: Option<&mut Loader>,
    search: &mut Search,
) -> io::Result<Wake> {
    loop {
        if let Some(sig) = signals.received() {
            return Ok(Wake::Stop(sig));
        }
        if signals.take_suspend() {
            return Ok(Wake::Suspend);
        }
        if let Some(news) = loader.as_mut().and_then(|l| l.poll()) {
            return Ok(Wake::Load(news));
        }
        // A query that waited for the search index, run now that it is built.
        if search.poll() {
            return Ok(Wake::Redraw);
        }
        match event::poll(POLL) {
            Ok(true) => return event::read().map(Wake::Input),
            // The index's progress, drawn as it goes.
            Ok(false) if search.waiting => return Ok(Wake::Redraw),
            Ok(false) => {}
            // A signal can interrupt the wait: look at the flags again.
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn event_loop(
    term: &mut Term,
    app: &mut App,
    signals: &Signals,
    mut load: Option<Load>,
    writing: &mut Option<JoinHandle<()>>,
) -> io::Result<Ending> {
    let test_panic = std::env::var_os(TEST_PANIC_VAR).is_some_and(|v| v == "1");
    let mut mouse = app.options.mouse;
    let mut loader: Option<Loader> = None;
    // This loop asks the search pane for a query that waited for the index (`next_event`).
    app.search.polled = true;
    loop {
        if let Some(sig) = signals.received() {
            return Ok(Ending::Signal(sig));
        }
        if std::mem::take(&mut app.suspend) {
            suspend(term, mouse)?;
        }
        let size = term.size()?;
        app.size = Rect::new(0, 0, size.width, size.height);
        term.draw(|frame| render(app, frame))?;
        if let Some(text) = app.clipboard.take() {
            write_clipboard(&text)?;
        }
        if app.options.mouse != mouse {
            mouse = app.options.mouse;
            if mouse {
                execute!(io::stdout(), EnableMouseCapture)?;
            } else {
                execute!(io::stdout(), DisableMouseCapture)?;
            }
        }
        if app.quit {
            return Ok(Ending::Quit);
        }
        // The frame said what is coming (a long sum): now do it, then draw again.
        if app.deferred.is_some() {
            app.run_deferred();
            continue;
        }
        // After the first frame: that frame does not share the cores with the load, nor with
        // the search index.
        if let Some(load) = load.take() {
            loader = Some(Loader::spawn(load));
        }
        app.search.start();
        let ev = match next_event(signals, loader.as_mut(), &mut app.search)? {
            Wake::Input(ev) => ev,
            Wake::Redraw => continue,
            Wake::Load(News::Progress(done, total)) => {
                app.progress(done, total);
                continue;
            }
            Wake::Load(News::Done(result)) => {
                *writing = loader.take().and_then(Loader::into_writing);
                match result {
                    Ok(library) => app.loaded_library(library),
                    Err(e) => return Ok(Ending::LoadFailed(e.text(app.options.lang))),
                }
                continue;
            }
            Wake::Stop(sig) => return Ok(Ending::Signal(sig)),
            Wake::Suspend => {
                app.suspend = true;
                continue;
            }
        };
        if test_panic && matches!(ev, Event::Key(_)) {
            panic!("{TEST_PANIC_VAR}=1: deliberate panic on the first key press (test only)");
        }
        app.handle(ev);
        drain(app, signals);
    }
}

/// The longest the loop takes pending input before it draws again, so that a flood (a large
/// paste) still shows progress.
const DRAIN_BUDGET: Duration = Duration::from_millis(100);

/// Handles every event already waiting before the next frame: a paste of 100 KB is thousands of
/// key events, and a frame after each would leave the keys after it (Esc) waiting for seconds.
fn drain(app: &mut App, signals: &Signals) {
    // Not Duration::ZERO nor a few µs: crossterm's /dev/tty source does not look at all once the
    // timeout has passed, even at events it has already read.
    const NOW: Duration = Duration::from_millis(1);
    let start = std::time::Instant::now();
    // Deferred work waits for the frame that says it is coming.
    while !app.quit && !app.suspend && app.deferred.is_none() && start.elapsed() < DRAIN_BUDGET {
        if signals.received().is_some() || !matches!(event::poll(NOW), Ok(true)) {
            return;
        }
        match event::read() {
            Ok(ev) => app.handle(ev),
            Err(_) => return,
        }
    }
}

/// Runs the browser on an app until it quits or a stop signal comes, loading the collection
/// with `load` (if any) after the first frame; the terminal is restored in every case, before
/// this returns (or, on a panic, before the message is printed).
pub fn run_app(app: &mut App, load: Option<Load>) -> io::Result<Ending> {
    // Signals first and dropped last: a signal between entering and the loop is still seen.
    let signals = Signals::register()?;
    let _watchdog = super::watchdog::Watchdog::start(Arc::clone(&signals.received));
    let _guard = Guard;
    let mut term = enter(app.options.mouse)?;
    let mut writing = None;
    let ending = event_loop(&mut term, app, &signals, load, &mut writing);
    // On a quit (not a signal, which wants the process gone) the terminal first, then the wait;
    // a stop signal meanwhile ends it (the watchdog).
    let quit = matches!(ending, Ok(Ending::Quit));
    if let Some(thread) = writing.filter(|t| quit && !t.is_finished()) {
        restore();
        let saving = text(app.options.lang, Msg::SavingCache);
        let _ = writeln!(io::stderr(), "yusuan: {saving}");
        let _ = thread.join();
    }
    ending
}
