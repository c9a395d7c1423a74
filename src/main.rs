//! Entry point: parse the arguments and dispatch to the CLI or the browser.

use clap::Parser;
use std::io::IsTerminal;
use yusuan::cli::{self, Cli};

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(command) => cli::run(&cli, command),
        // The browser draws with escape sequences: never into a pipe or a file.
        None if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) => {
            eprintln!("{}", cli::NEEDS_TERMINAL);
            cli::EXIT_BAD_INPUT
        }
        None => yusuan::tui::run(&cli),
    };
    std::process::exit(code);
}
