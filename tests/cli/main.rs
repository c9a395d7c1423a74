//! The command line as a user runs it: the real binary, its subcommands, bad input, no terminal.
//! One test binary with a module per concern (one link instead of one per file).

#[path = "../common/wanli.rs"]
mod wanli;

#[path = "../common/cjk.rs"]
mod cjk;

mod bad_input;
mod commands;
mod compare;
mod english;
mod folders;
mod not_a_terminal;
mod search;
