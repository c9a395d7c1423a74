//! Hostile input and hostile terminals: fuzzed files, escape injection, event storms, hangups, signals, suspend.
//! One test binary with a module per concern (one link instead of one per file).

#[path = "../common/mod.rs"]
mod common;
#[path = "../../examples/synth/generate.rs"]
mod generate;

mod escapes;
mod files;
mod fuzz_loader;
mod hangup;
mod outside_text;
mod restore;
mod storm;
mod suspend;
