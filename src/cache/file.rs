//! The cache file of one folder: a header, then the documents in shards that encode and decode
//! on all cores. Every part is checked (magic, format, yusuan's version, the folder, each part's
//! length and xxh3 hash) before anything in it is used; any mismatch makes the whole file
//! unreadable, and the caller rebuilds it.
//!
//! ```text
//! "YUSUANC\n"  shard 0 (MessagePack: [Entry])  shard 1 …  extra part "stamps"  extra part …
//! header (MessagePack)  header length (u32 LE)  xxh3 of the header (u64 LE)
//! ```
//!
//! The header comes last, so that each part is written as soon as it is encoded and dropped
//! (see `write::Writer`): the file is never in memory whole.
//!
//! The extra parts are what a command can answer from without decoding every document (see
//! `fresh`): each is read alone, by its offset, and checked against its hash.

use crate::core::document::Document;
use serde::{Deserialize, Serialize};
use std::io::Read as _;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

pub(super) const MAGIC: &[u8; 8] = b"YUSUANC\n";
/// Header length and hash, at the very end.
const TRAILER: u64 = 12;
/// Raised whenever what is written changes shape (Document's fields included).
pub const FORMAT: u32 = 4;

/// What identifies a file's version without reading it, plus what does when it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i128,
    /// xxh3 of the contents.
    pub hash: u64,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) format: u32,
    pub(super) version: String,
    /// The folder, canonical: two folders never share a file even if their names hash alike.
    pub(super) root: String,
    /// When the cache was written (ns since the epoch): a file modified within a moment of it
    /// may have changed again within the same clock tick, so it is verified by its hash.
    pub(super) written_ns: i128,
    pub(super) shards: Vec<(u64, u64)>,
    /// Named parts after the shards: (name, length, xxh3).
    pub(super) extras: Vec<(String, u64, u64)>,
}

#[derive(Serialize)]
pub struct EntryRef<'a> {
    /// Relative to the folder.
    pub path: &'a str,
    pub stamp: Stamp,
    pub doc: &'a Document,
}

#[derive(Deserialize)]
pub struct Entry {
    pub path: String,
    pub stamp: Stamp,
    pub doc: Document,
}

pub struct Read {
    pub written_ns: i128,
    pub entries: Vec<Entry>,
}

/// Reads and decodes the cache file at `path` for `root`; `None` for anything else. The shards
/// are read a few at a time (one per core) and each is dropped once decoded, so that the file's
/// bytes and all its documents are never in memory together.
pub fn read(path: &Path, root: &str) -> Option<Read> {
    let mut opened = Opened::open(path, root)?;
    use std::io::{Seek, SeekFrom};
    opened.file.seek(SeekFrom::Start(opened.body)).ok()?;
    read_shards(&mut opened.file, &opened.header)
}

/// The header, checked (magic, hash, format, version, folder, and the file's length against
/// the parts it lists), and where the first part starts.
fn read_header(f: &mut std::fs::File, root: &str) -> Option<(Header, u64)> {
    use std::io::{Seek, SeekFrom};
    let size = f.metadata().ok()?.len();
    let mut magic = [0u8; 8];
    f.read_exact(&mut magic).ok()?;
    if &magic != MAGIC || size < 8 + TRAILER {
        return None;
    }
    f.seek(SeekFrom::Start(size - TRAILER)).ok()?;
    let mut trailer = [0u8; TRAILER as usize];
    f.read_exact(&mut trailer).ok()?;
    let len = u64::from(u32::from_le_bytes(trailer[..4].try_into().ok()?));
    let at = (size - TRAILER).checked_sub(len)?;
    f.seek(SeekFrom::Start(at)).ok()?;
    let head = take(f, len)?;
    if xxh3_64(&head).to_le_bytes() != trailer[4..] {
        return None;
    }
    let header: Header = rmp_serde::from_slice(&head).ok()?;
    if header.format != FORMAT || header.version != env!("CARGO_PKG_VERSION") || header.root != root
    {
        return None;
    }
    // A file longer or shorter than its header says is not what the header says.
    (8u64.checked_add(header.body_len())? == at).then_some((header, 8))
}

impl Header {
    /// The length of everything after the header: shards and extra parts.
    fn body_len(&self) -> u64 {
        let shards = self.shards.iter().map(|s| s.0);
        let extras = self.extras.iter().map(|e| e.1);
        shards.chain(extras).fold(0u64, u64::saturating_add)
    }
}

fn read_shards(r: &mut impl std::io::Read, header: &Header) -> Option<Read> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut entries = Vec::new();
    for group in header.shards.chunks(cores) {
        let parts = group
            .iter()
            .map(|&(len, hash)| Some((take(r, len)?, hash)))
            .collect::<Option<Vec<_>>>()?;
        let decoded: Option<Vec<Vec<Entry>>> = std::thread::scope(|s| {
            let handles: Vec<_> = parts
                .iter()
                .map(|(part, hash)| {
                    s.spawn(move || {
                        (xxh3_64(part) == *hash)
                            .then(|| rmp_serde::from_slice::<Vec<Entry>>(part).ok())
                            .flatten()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        entries.extend(decoded?.into_iter().flatten());
    }
    Some(Read {
        written_ns: header.written_ns,
        entries,
    })
}

/// A cache file whose header has been checked, for reading its extra parts one at a time
/// without the shards.
pub struct Opened {
    file: std::fs::File,
    header: Header,
    /// Where the first shard starts.
    body: u64,
}

impl Opened {
    /// The cache file at `path` for `root`, if its header checks and its length is the one the
    /// header says.
    pub fn open(path: &Path, root: &str) -> Option<Opened> {
        let mut file = std::fs::File::open(path).ok()?;
        let (header, body) = read_header(&mut file, root)?;
        Some(Opened { file, header, body })
    }

    pub fn written_ns(&self) -> i128 {
        self.header.written_ns
    }

    /// The bytes of the extra part `name`, if it is there and its hash checks.
    pub fn extra(&mut self, name: &str) -> Option<Vec<u8>> {
        self.extra_if_any(name).flatten()
    }

    /// Where the extra part `name` lies in the file: (offset, length).
    pub fn span(&self, name: &str) -> Option<(u64, u64)> {
        let shards: u64 = self.header.shards.iter().map(|s| s.0).sum();
        let mut at = self.body + shards;
        for (n, len, _) in &self.header.extras {
            if n == name {
                return Some((at, *len));
            }
            at += len;
        }
        None
    }

    /// `Some(None)` when the file has no part `name`, `None` when it has one that cannot be read
    /// or does not check (absent and damaged must not be confused).
    pub fn extra_if_any(&mut self, name: &str) -> Option<Option<Vec<u8>>> {
        use std::io::{Seek, SeekFrom};
        let Some((at, len)) = self.span(name) else {
            return Some(None);
        };
        let hash = self.header.extras.iter().find(|e| e.0 == name)?.2;
        self.file.seek(SeekFrom::Start(at)).ok()?;
        let bytes = take(&mut self.file, len)?;
        (xxh3_64(&bytes) == hash).then_some(Some(bytes))
    }

    /// The documents of the shard `i` (the first shard holds the first document alone).
    pub fn shard(&mut self, i: usize) -> Option<Vec<Entry>> {
        use std::io::{Seek, SeekFrom};
        let at = self.body
            + self.header.shards[..i.min(self.header.shards.len())]
                .iter()
                .map(|s| s.0)
                .sum::<u64>();
        let &(len, hash) = self.header.shards.get(i)?;
        self.file.seek(SeekFrom::Start(at)).ok()?;
        let bytes = take(&mut self.file, len)?;
        (xxh3_64(&bytes) == hash)
            .then(|| rmp_serde::from_slice(&bytes).ok())
            .flatten()
    }
}

/// The next `len` bytes, refusing lengths the reader cannot have (a corrupt header must not
/// make us allocate gigabytes).
fn take(r: &mut impl std::io::Read, len: u64) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let got = r.take(len).read_to_end(&mut buf).ok()?;
    (got as u64 == len).then_some(buf)
}
