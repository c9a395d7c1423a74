//! The cache file of one folder: a header, then the documents in shards that encode and decode
//! on all cores. Every part is checked (magic, format, yusuan's version, the folder, each part's
//! length and xxh3 hash) before anything in it is used; any mismatch makes the whole file
//! unreadable, and the caller rebuilds it.
//!
//! ```text
//! "YUSUANC\n"  shard 0 (MessagePack: [Entry])  extra part "slices/…"  shard 1 …  extra part …
//! header (MessagePack)  header length (u32 LE)  xxh3 of the header (u64 LE)
//! ```
//!
//! The header comes last, so that each part is written as soon as it is encoded and dropped
//! (see `write::Writer`): the file is never in memory whole. Shards and extra parts come in the
//! order they were made (a folder is written a group of documents at a time, each group's
//! shards beside its slices); the header says where each lies, and the parts must tile the
//! file between the magic and the header.
//!
//! The extra parts are what a command can answer from without decoding every document (see
//! `fresh`): each is read alone, by its offset, and checked against its hash.

use crate::core::document::Document;
use serde::{Deserialize, Serialize};
use std::io::Read as _;
use std::path::Path;
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

pub(super) const MAGIC: &[u8; 8] = b"YUSUANC\n";
/// Header length and hash, at the very end.
const TRAILER: u64 = 12;
/// Raised whenever what is written changes shape (Document's fields included).
pub const FORMAT: u32 = 7;

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
    /// The shards in the documents' order: (offset, length, xxh3).
    pub(super) shards: Vec<(u64, u64, u64)>,
    /// Named parts: (name, offset, length, xxh3).
    pub(super) extras: Vec<(String, u64, u64, u64)>,
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
    let opened = Opened::open(path, root)?;
    read_shards(&opened.file, &opened.header)
}

/// The header, checked (magic, hash, format, version, folder, and the file's length against
/// the parts it lists).
fn read_header(f: &mut std::fs::File, root: &str) -> Option<Header> {
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
    // A file longer or shorter than its header says, or parts that overlap or leave a gap,
    // are not what the header says.
    header.tiles(8, at).then_some(header)
}

impl Header {
    /// Whether the parts cover `from..to` exactly, each once.
    fn tiles(&self, from: u64, to: u64) -> bool {
        let shards = self.shards.iter().map(|s| (s.0, s.1));
        let extras = self.extras.iter().map(|e| (e.1, e.2));
        let mut spans: Vec<(u64, u64)> = shards.chain(extras).collect();
        spans.sort_unstable();
        let mut at = from;
        for (start, len) in spans {
            if start != at {
                return false;
            }
            let Some(end) = at.checked_add(len) else {
                return false;
            };
            at = end;
        }
        at == to
    }
}

fn read_shards(file: &std::fs::File, header: &Header) -> Option<Read> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut entries = Vec::new();
    for group in header.shards.chunks(cores) {
        let parts = group
            .iter()
            .map(|&(at, len, hash)| Some((take(&mut At::new(file, at, at + len), len)?, hash)))
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
}

impl Opened {
    /// The cache file at `path` for `root`, if its header checks and its length is the one the
    /// header says.
    pub fn open(path: &Path, root: &str) -> Option<Opened> {
        let mut file = std::fs::File::open(path).ok()?;
        let header = read_header(&mut file, root)?;
        Some(Opened { file, header })
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
        self.extra_entry(name).map(|e| (e.1, e.2))
    }

    fn extra_entry(&self, name: &str) -> Option<&(String, u64, u64, u64)> {
        self.header.extras.iter().find(|e| e.0 == name)
    }

    /// `Some(None)` when the file has no part `name`, `None` when it has one that cannot be read
    /// or does not check (absent and damaged must not be confused).
    pub fn extra_if_any(&mut self, name: &str) -> Option<Option<Vec<u8>>> {
        let Some(&(_, at, len, hash)) = self.extra_entry(name) else {
            return Some(None);
        };
        let bytes = take(&mut At::new(&self.file, at, at.checked_add(len)?), len)?;
        (xxh3_64(&bytes) == hash).then_some(Some(bytes))
    }

    /// How many shards the file has.
    pub fn shards(&self) -> usize {
        self.header.shards.len()
    }

    /// Where shard `i` starts, its length and hash.
    fn shard_span(&self, i: usize) -> Option<(u64, u64, u64)> {
        self.header.shards.get(i).copied()
    }

    /// How many documents each shard after the first holds (the writer's choice: shard 1's
    /// length), for a file of `documents`; `None` when the shards are not the ones that makes,
    /// or a document would be looked for in the wrong one (`write::shard_of`).
    pub fn per_shard(&self, documents: usize) -> Option<usize> {
        let shards = self.shards();
        let per = if shards > 1 { self.shard_len(1)? } else { 1 };
        let rest = documents.checked_sub(1)?;
        (per > 0 && shards == 1 + rest.div_ceil(per)).then_some(per)
    }

    /// How many documents shard `i` holds, from its first bytes alone (not checked: the caller
    /// checks it against what it reads later).
    pub fn shard_len(&self, i: usize) -> Option<usize> {
        let (at, len, _) = self.shard_span(i)?;
        let r = At::new(&self.file, at, at + len);
        let mut head = Vec::new();
        r.take(5).read_to_end(&mut head).ok()?;
        array_header(&head).map(|(n, _)| n as usize)
    }

    /// Reads shard `i` through a document at a time, without holding it: notes where each
    /// document lies, hands the bytes of those `want` takes (by position in the shard) to
    /// `keep` in order (`decode` them), then checks the shard's hash. `None` when the shard
    /// does not read or check; `keep` may have been called by then, so the caller trusts what
    /// it got only on `Some`. The spots found let `bytes_at` read one document alone afterwards.
    pub fn scan(
        &self,
        i: usize,
        mut want: impl FnMut(usize) -> bool,
        mut keep: impl FnMut(usize, &[u8]),
    ) -> Option<Vec<Spot>> {
        let (at, len, hash) = self.shard_span(i)?;
        let end = at + len;
        let mut r = At::new(&self.file, at, end);
        // A window on the shard: what is not parsed yet, then the next piece read after it.
        let mut window: Vec<u8> = Vec::new();
        let mut start = 0usize;
        // False at the shard's end. A piece is at least what is left, so that a document longer
        // than a piece (or a damaged length) doubles the window instead of parsing it again for
        // every piece.
        let mut more = |window: &mut Vec<u8>, start: &mut usize| -> Option<bool> {
            window.drain(..*start);
            *start = 0;
            let piece = window.len().max(PIECE) as u64;
            let got = (&mut r).take(piece).read_to_end(window).ok()?;
            Some(got > 0)
        };
        more(&mut window, &mut start)?;
        let (n, head) = array_header(&window)?;
        let mut whole = Xxh3::new();
        whole.update(&window[..head]);
        start = head;
        let mut pos = at + head as u64;
        let mut spots = Vec::new();
        for k in 0..n as usize {
            let size = loop {
                match value_len(&window[start..]) {
                    Ok(Some(size)) => break size,
                    Ok(None) if more(&mut window, &mut start)? => {}
                    _ => return None,
                }
            };
            let bytes = &window[start..start + size];
            whole.update(bytes);
            spots.push(Spot {
                at: pos,
                len: size as u64,
                hash: xxh3_64(bytes),
            });
            pos += size as u64;
            if want(k) {
                keep(k, bytes);
            }
            start += size;
        }
        (pos == end && whole.digest() == hash).then_some(spots)
    }

    /// The bytes of the document at `spot` (found by `scan` of a shard that checked), if they
    /// still have the hash they had then.
    pub fn bytes_at(&self, spot: Spot) -> Option<Vec<u8>> {
        let mut r = At::new(&self.file, spot.at, spot.at.checked_add(spot.len)?);
        let bytes = take(&mut r, spot.len)?;
        (xxh3_64(&bytes) == spot.hash).then_some(bytes)
    }

    /// The documents of the shard `i` (the first shard holds the first document alone).
    pub fn shard(&mut self, i: usize) -> Option<Vec<Entry>> {
        let (at, len, hash) = self.shard_span(i)?;
        let bytes = take(&mut At::new(&self.file, at, at.checked_add(len)?), len)?;
        (xxh3_64(&bytes) == hash)
            .then(|| rmp_serde::from_slice(&bytes).ok())
            .flatten()
    }
}

/// A document's entry from its bytes (as `Opened::scan` and `bytes_at` give them).
pub fn decode(bytes: &[u8]) -> Option<Entry> {
    rmp_serde::from_slice(bytes).ok()
}

/// Where one document lies in the file, and its bytes' hash (see `Opened::scan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub at: u64,
    pub len: u64,
    pub hash: u64,
}

/// A part of the file read by position, so that reading a document never moves the file's
/// offset (reading an extra part seeks).
struct At<'a> {
    file: &'a std::fs::File,
    pos: u64,
    end: u64,
}

impl<'a> At<'a> {
    fn new(file: &'a std::fs::File, pos: u64, end: u64) -> At<'a> {
        At { file, pos, end }
    }
}

impl std::io::Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (buf.len() as u64).min(self.end.saturating_sub(self.pos)) as usize;
        if n == 0 {
            return Ok(0);
        }
        #[cfg(unix)]
        let got = std::os::unix::fs::FileExt::read_at(self.file, &mut buf[..n], self.pos)?;
        #[cfg(windows)]
        let got = std::os::windows::fs::FileExt::seek_read(self.file, &mut buf[..n], self.pos)?;
        self.pos += got as u64;
        Ok(got)
    }
}

/// How much of a shard is read at a time when it is read through.
const PIECE: usize = 4 << 20;

/// The length of the MessagePack array at the start of `b` and of its header; `None` when `b`
/// does not start with one.
fn array_header(b: &[u8]) -> Option<(u64, usize)> {
    match *b.first()? {
        m @ 0x90..=0x9f => Some((u64::from(m & 0x0f), 1)),
        0xdc => Some((big_endian(b.get(1..3)?), 3)),
        0xdd => Some((big_endian(b.get(1..5)?), 5)),
        _ => None,
    }
}

/// How long the MessagePack value at the start of `b` is, without decoding it: `Ok(None)` when
/// `b` ends first, `Err` when it is not MessagePack. A loop over the values still to read, so
/// that nesting costs no stack.
fn value_len(b: &[u8]) -> Result<Option<usize>, ()> {
    let mut at = 0usize;
    let mut pending: u64 = 1;
    while pending > 0 {
        pending -= 1;
        let Some((bytes, values)) = marker(b, &mut at)? else {
            return Ok(None);
        };
        match usize::try_from(bytes).ok().and_then(|n| at.checked_add(n)) {
            Some(next) if next <= b.len() => at = next,
            _ => return Ok(None),
        }
        pending = pending.checked_add(values).ok_or(())?;
    }
    Ok(Some(at))
}

/// The marker at `at`, which moves past it and its length: (bytes that follow, values that
/// follow); `Ok(None)` when `b` ends first.
fn marker(b: &[u8], at: &mut usize) -> Result<Option<(u64, u64)>, ()> {
    let Some(&m) = b.get(*at) else {
        return Ok(None);
    };
    let n = match m {
        0xc4 | 0xc7 | 0xd9 => 1,
        0xc5 | 0xc8 | 0xda | 0xdc | 0xde => 2,
        0xc6 | 0xc9 | 0xdb | 0xdd | 0xdf => 4,
        _ => 0,
    };
    let Some(field) = b.get(*at + 1..*at + 1 + n) else {
        return Ok(None);
    };
    let v = big_endian(field);
    *at += 1 + n;
    Ok(Some(match m {
        0x00..=0x7f | 0xe0..=0xff | 0xc0 | 0xc2 | 0xc3 => (0, 0),
        0x80..=0x8f => (0, 2 * u64::from(m & 0x0f)),
        0x90..=0x9f => (0, u64::from(m & 0x0f)),
        0xa0..=0xbf => (u64::from(m & 0x1f), 0),
        0xc4..=0xc6 | 0xd9..=0xdb => (v, 0),
        0xc7..=0xc9 => (v + 1, 0),
        0xcc | 0xd0 => (1, 0),
        0xcd | 0xd1 => (2, 0),
        0xca | 0xce | 0xd2 => (4, 0),
        0xcb | 0xcf | 0xd3 => (8, 0),
        0xd4 => (2, 0),
        0xd5 => (3, 0),
        0xd6 => (5, 0),
        0xd7 => (9, 0),
        0xd8 => (17, 0),
        0xdc | 0xdd => (0, v),
        0xde | 0xdf => (0, 2 * v),
        // 0xc1 is never used.
        _ => return Err(()),
    }))
}

fn big_endian(b: &[u8]) -> u64 {
    b.iter().fold(0u64, |v, &x| v << 8 | u64::from(x))
}

/// The next `len` bytes, refusing lengths the reader cannot have (a corrupt header must not
/// make us allocate gigabytes).
fn take(r: &mut impl std::io::Read, len: u64) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let got = r.take(len).read_to_end(&mut buf).ok()?;
    (got as u64 == len).then_some(buf)
}

#[cfg(test)]
mod tests {
    use super::{array_header, value_len, Header};
    use std::collections::BTreeMap;

    fn header(shards: &[(u64, u64)], extras: &[(u64, u64)]) -> Header {
        Header {
            format: super::FORMAT,
            version: String::new(),
            root: String::new(),
            written_ns: 0,
            shards: shards.iter().map(|&(at, len)| (at, len, 0)).collect(),
            extras: extras
                .iter()
                .map(|&(at, len)| (String::new(), at, len, 0))
                .collect(),
        }
    }

    #[test]
    fn parts_must_tile_the_body_exactly_in_any_order() {
        // Shards and extra parts interleaved, as a group at a time writes them.
        let good = header(&[(8, 10), (30, 5)], &[(18, 12), (35, 1)]);
        assert!(good.tiles(8, 36));
        assert!(!good.tiles(8, 37), "a body longer than its parts");
        assert!(!good.tiles(8, 35), "a body shorter than its parts");
        assert!(!header(&[(8, 10)], &[(17, 2)]).tiles(8, 19), "overlap");
        assert!(!header(&[(8, 10)], &[(19, 2)]).tiles(8, 21), "gap");
        assert!(!header(&[(9, 10)], &[]).tiles(8, 19), "not from the start");
        assert!(!header(&[(8, u64::MAX)], &[]).tiles(8, 7), "overflow");
        assert!(header(&[], &[]).tiles(8, 8), "an empty body");
    }

    #[test]
    fn value_len_measures_every_kind_and_wants_more_when_cut() {
        let long = "预".repeat(30_000);
        let map: BTreeMap<String, Vec<i64>> = [
            ("a".to_string(), vec![-1, -200, 70_000, i64::MIN]),
            (long.clone(), vec![]),
        ]
        .into_iter()
        .collect();
        let value = (
            vec![0u8; 300],
            serde_bytes_like(70_000),
            "x".repeat(40),
            (u64::MAX, 1.5f64, 2.5f32, None::<u8>, true),
            map,
            vec![(); 20],
        );
        let bytes = rmp_serde::to_vec_named(&value).unwrap();
        assert_eq!(value_len(&bytes), Ok(Some(bytes.len())));
        for cut in [0, 1, 2, 3, 100, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(value_len(&bytes[..cut]), Ok(None), "cut at {cut}");
        }
        let mut two = bytes.clone();
        two.extend_from_slice(&bytes);
        assert_eq!(value_len(&two), Ok(Some(bytes.len())), "one value, not two");
        assert_eq!(value_len(&[0xc1]), Err(()));
        let array = rmp_serde::to_vec(&vec![1u8; 70_000]).unwrap();
        assert_eq!(array_header(&array), Some((70_000, 5)));
        assert_eq!(array_header(&[0x93, 1, 2, 3]), Some((3, 1)));
        assert_eq!(array_header(&[0xdc, 0]), None);
    }

    /// A long byte string (bin 32 in MessagePack).
    fn serde_bytes_like(n: usize) -> rmpv_bin::Bin {
        rmpv_bin::Bin(vec![7; n])
    }

    mod rmpv_bin {
        pub struct Bin(pub Vec<u8>);
        impl serde::Serialize for Bin {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }
}
