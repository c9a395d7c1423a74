//! `yusuan show CODE`.
use crate::core::document::Document;
use std::io::{self, Write};
pub fn run(_doc: &Document, _code: &str, _json: bool, _out: &mut impl Write) -> io::Result<i32> {
    Ok(2)
}
