//! `yusuan search QUERY`.
use crate::core::document::Document;
use std::io::{self, Write};
pub fn run(
    _doc: &Document,
    _query: &str,
    _json: bool,
    _limit: usize,
    _out: &mut impl Write,
) -> io::Result<i32> {
    Ok(2)
}
