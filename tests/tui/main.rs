//! The browser: keys, screens (insta snapshots), search, many documents, properties, a terminal emulator, tmux.
//! One test binary with a module per concern (one link instead of one per file).

#[path = "../common/mod.rs"]
mod common;
#[path = "../../examples/synth/generate.rs"]
mod generate;

mod english;
mod keys;
mod loading;
mod many;
mod props;
mod readme_keys;
mod screens;
mod scroll;
mod search;
mod tmux;
mod tmux_input;
mod tmux_loading;
mod vt100;
mod years;
