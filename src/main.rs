//! Entry point: parse the arguments and dispatch to the CLI or the browser.

use clap::Parser;
use yusuan::cli::{self, Cli};

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => yusuan::tui::run(&cli),
    };
    std::process::exit(code);
}
