//! The cache file of one folder: a header, then the documents in shards that encode and decode
//! on all cores. Every part is checked (magic, format, yusuan's version, the folder, each part's
//! length and xxh3 hash) before anything in it is used; any mismatch makes the whole file
//! unreadable, and the caller rebuilds it.
//!
//! ```text
//! "YUSUANC\n"  header length (u32 LE)  header (MessagePack)  xxh3 of the header (u64 LE)
//! shard 0 (MessagePack: [Entry])  shard 1 …   (lengths and hashes are in the header)
//! extra part "stamps"  extra part …             (names, lengths and hashes in the header)
//! ```
//!
//! The extra parts are what a command can answer from without decoding every document (see
//! `fresh`): each is read alone, by its offset, and checked against its hash.

use crate::core::document::Document;
use serde::{Deserialize, Serialize};
use std::io::Read as _;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

const MAGIC: &[u8; 8] = b"YUSUANC\n";
/// Raised whenever what is written changes shape (Document's fields included).
pub const FORMAT: u32 = 3;

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
struct Header {
    format: u32,
    version: String,
    /// The folder, canonical: two folders never share a file even if their names hash alike.
    root: String,
    /// When the cache was written (ns since the epoch): a file modified within a moment of it
    /// may have changed again within the same clock tick, so it is verified by its hash.
    written_ns: i128,
    shards: Vec<(u64, u64)>,
    /// Named parts after the shards: (name, length, xxh3).
    extras: Vec<(String, u64, u64)>,
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

/// Encodes `entries` for the folder `root`: the parts of the file, in order (written one after
/// another, so that the whole file is never one more copy in memory).
pub fn encode(
    root: &str,
    written_ns: i128,
    entries: &[EntryRef],
    extras: Vec<(String, Vec<u8>)>,
) -> Option<Vec<Vec<u8>>> {
    // The first document alone in the first shard: the browser opens on it before the rest.
    let (first, rest) = entries.split_at(entries.len().min(1));
    let per = rest.len().div_ceil(shard_count(rest.len())).max(1);
    let shards: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = std::iter::once(first)
            .chain(rest.chunks(per))
            .map(|part| s.spawn(move || rmp_serde::to_vec_named(part).ok()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect::<Option<Vec<_>>>()
    })?;
    let header = Header {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").into(),
        root: root.into(),
        written_ns,
        shards: shards
            .iter()
            .map(|b| (b.len() as u64, xxh3_64(b)))
            .collect(),
        extras: extras
            .iter()
            .map(|(name, b)| (name.clone(), b.len() as u64, xxh3_64(b)))
            .collect(),
    };
    let head = rmp_serde::to_vec_named(&header).ok()?;
    let mut lead = Vec::with_capacity(8 + 4 + head.len() + 8);
    lead.extend_from_slice(MAGIC);
    lead.extend_from_slice(&(head.len() as u32).to_le_bytes());
    lead.extend_from_slice(&head);
    lead.extend_from_slice(&xxh3_64(&head).to_le_bytes());
    let mut parts = Vec::with_capacity(1 + shards.len() + extras.len());
    parts.push(lead);
    parts.extend(shards);
    parts.extend(extras.into_iter().map(|(_, b)| b));
    Some(parts)
}

/// Reads and decodes the cache file at `path` for `root`; `None` for anything else. The shards
/// are read a few at a time (one per core) and each is dropped once decoded, so that the file's
/// bytes and all its documents are never in memory together.
pub fn read(path: &Path, root: &str) -> Option<Read> {
    let mut file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let header = read_header(&mut file, root)?;
    use std::io::Seek;
    // A file longer or shorter than its header says is not what the header says.
    let end = file.stream_position().ok()? + header.body_len();
    if end != size {
        return None;
    }
    read_shards(&mut file, &header)
}

/// The header, checked: magic, hash, format, version and folder.
fn read_header(r: &mut impl std::io::Read, root: &str) -> Option<Header> {
    let mut magic = [0u8; 8];
    r.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    let mut len = [0u8; 4];
    r.read_exact(&mut len).ok()?;
    let head = take(r, u64::from(u32::from_le_bytes(len)))?;
    let mut sum = [0u8; 8];
    r.read_exact(&mut sum).ok()?;
    if xxh3_64(&head).to_le_bytes() != sum {
        return None;
    }
    let header: Header = rmp_serde::from_slice(&head).ok()?;
    if header.format != FORMAT || header.version != env!("CARGO_PKG_VERSION") || header.root != root
    {
        return None;
    }
    Some(header)
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
        use std::io::Seek;
        let mut file = std::fs::File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let header = read_header(&mut file, root)?;
        let body = file.stream_position().ok()?;
        (body.checked_add(header.body_len())? == size).then_some(Opened { file, header, body })
    }

    pub fn written_ns(&self) -> i128 {
        self.header.written_ns
    }

    /// The bytes of the extra part `name`, if it is there and its hash checks.
    pub fn extra(&mut self, name: &str) -> Option<Vec<u8>> {
        use std::io::{Seek, SeekFrom};
        let shards: u64 = self.header.shards.iter().map(|s| s.0).sum();
        let mut at = self.body + shards;
        for (n, len, hash) in &self.header.extras {
            if n == name {
                self.file.seek(SeekFrom::Start(at)).ok()?;
                let bytes = take(&mut self.file, *len)?;
                return (xxh3_64(&bytes) == *hash).then_some(bytes);
            }
            at += len;
        }
        None
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

/// A temporary file untouched this long was left by a writer that was ended mid-write (the
/// browser quits at once, whatever its loading thread is doing); a live writer touches its file
/// with every part.
const STALE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes the temporary files of `name` in `dir` that writers ended mid-write left behind.
fn remove_stale(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let ours = file
            .to_str()
            .is_some_and(|f| f.starts_with(&prefix) && f.ends_with(".tmp"));
        let age = entry.metadata().and_then(|m| m.modified()).ok();
        if ours
            && age
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|a| a > STALE)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A few shards per core, so that decoding keeps every core busy.
fn shard_count(entries: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores * 4).min(entries.div_ceil(64)).max(1)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that a
/// reader sees the old file or the new one, never half of one. Failure is not an error: the
/// cache is only ever an optimisation.
pub fn write_atomically(path: &Path, parts: &[Vec<u8>]) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    remove_stale(dir, name);
    // Unique per process and per write within it: two writers never share a temporary file.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        use std::io::Write;
        parts.iter().try_for_each(|p| f.write_all(p))
    });
    if written.is_ok() && std::fs::rename(&tmp, path).is_ok() {
        return true;
    }
    let _ = std::fs::remove_file(&tmp);
    false
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    #[test]
    fn a_write_removes_only_stale_temporary_files() {
        let dir = std::env::temp_dir().join(format!("yusuan-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (stale, live, other) = (
            dir.join(".f.bin.1.0.tmp"),
            dir.join(".f.bin.2.0.tmp"),
            dir.join(".g.bin.1.0.tmp"),
        );
        for p in [&stale, &live, &other] {
            std::fs::write(p, b"part").unwrap();
        }
        let old = SystemTime::now() - Duration::from_secs(3600);
        for p in [&stale, &other] {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(old).unwrap();
        }
        assert!(super::write_atomically(
            &dir.join("f.bin"),
            &[b"new".to_vec()]
        ));
        assert!(!stale.exists(), "left by a writer ended mid-write");
        assert!(live.exists(), "another writer's, still writing");
        assert!(other.exists(), "another cache file's");
        assert_eq!(std::fs::read(dir.join("f.bin")).unwrap(), b"new");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
