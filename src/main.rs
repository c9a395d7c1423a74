//! The composition root: parse the arguments, then either run a subcommand or load the data
//! through core and hand it, with the browser's options, to the browser.

use clap::Parser;

// A folder of 20,000 documents is millions of small allocations (names, cells, check titles):
// mimalloc spends a third less time in them than the system allocator, and keeps less memory
// per thread (benches/cache.sh measures both).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::IsTerminal;
use yusuan::cli::{self, Cli};
use yusuan::tui;

extern "C" {
    /// mimalloc's own setter (the library is linked in by the `mimalloc` crate, which does not
    /// export it without another dependency).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t` (c_src/mimalloc/v3/include/mimalloc.h
/// of libmimalloc-sys 0.1.49, pinned by Cargo.lock; retired options keep their numbers there).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

fn main() {
    // Memory freed is given back to the system 50 ms later rather than after mimalloc's default
    // second: a load frees as much as it keeps (each file's text, the growth of its vectors),
    // and the default kept 45 MB more resident at the first run's peak over 20,000 documents.
    // Not at once either: memory given back at once is faulted in again, zeroed, by the next
    // allocation (at 0 and at 10 ms the first run spent twice the system time; benches/cache.sh).
    // SAFETY: called before any other thread exists, as the setter requires.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 50) };
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(usage(&e)),
    };
    let code = match &cli.command {
        Some(command) => cli::run(&cli, command),
        // The browser draws with escape sequences: never into a pipe or a file.
        None if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) => {
            eprintln!("{}", cli::NEEDS_TERMINAL);
            cli::EXIT_BAD_INPUT
        }
        None => browse(&cli),
    };
    std::process::exit(code);
}

/// clap's message (an error, or --help / --version) with every argument it quotes neutralised:
/// an argument is text from outside like any other.
fn usage(e: &clap::Error) -> i32 {
    let text = yusuan::core::text::neutralise_lines(&e.render().to_string());
    if e.use_stderr() {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
    e.exit_code()
}

/// Looks at the data before touching the terminal, so that bad input gives a plain error on a
/// normal screen; a folder then loads behind the browser's first frame (see `start`).
fn browse(cli: &Cli) -> i32 {
    match yusuan::start::prepare(cli.data_path(), cli.strict, cli.cache()) {
        Ok(start) => tui::run(start, options(cli)),
        Err(e) => {
            eprintln!("yusuan: error: {}", e.text(cli.lang));
            cli::EXIT_BAD_INPUT
        }
    }
}

fn options(cli: &Cli) -> tui::Options {
    tui::Options {
        lang: cli.lang,
        ascii: cli.ascii,
        green_up: cli.green_up,
        // https://no-color.org: set and not empty means no colour.
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        mouse: !cli.no_mouse,
        first_frame_only: cli.first_frame_only,
    }
}
