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
use yusuan::memory;
use yusuan::tui;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(usage(&e)),
    };
    // `show` and `search` stream a folder not cached yet; whatever holds a whole folder gives
    // freed memory back sooner (see `memory`).
    let streams = matches!(
        cli.command,
        Some(cli::Command::Show { .. } | cli::Command::Search { .. })
    );
    let ms = if streams {
        memory::STREAMING_MS
    } else {
        memory::HOLDING_ALL_MS
    };
    // SAFETY: no other thread exists yet.
    unsafe { memory::purge_after(ms) };
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
