//! Writing a cache file part by part: each part is written as soon as it is encoded and then
//! dropped, and the header (which lists every part's length and hash) goes last. The file is
//! written under a temporary name in the same folder and renamed when complete, so that a
//! reader sees the old file or the new one, never half of one; two processes writing at once
//! each write their own temporary file, and the last rename wins.

use super::file::{Header, FORMAT, MAGIC};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

pub struct Writer {
    path: PathBuf,
    tmp: PathBuf,
    out: Option<BufWriter<std::fs::File>>,
    /// Where the next part starts.
    at: u64,
    shards: Vec<(u64, u64, u64)>,
    extras: Vec<(String, u64, u64, u64)>,
}

impl Writer {
    /// A writer of the cache file `path`; `None` if its folder cannot be made or written in
    /// (the cache is only ever an optimisation: not writing it is not an error).
    pub fn create(path: &Path) -> Option<Writer> {
        let dir = path.parent()?;
        std::fs::create_dir_all(dir).ok()?;
        remove_stale(dir, path.file_name()?.to_str()?);
        // Unique per process and per write within it: two writers never share a temporary file.
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(
            ".{}.{}.{n}.tmp",
            path.file_name()?.to_str()?,
            std::process::id()
        ));
        // A code's rows are a part of a few hundred bytes, and there are thousands of them.
        let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp).ok()?);
        let mut w = Writer {
            path: path.to_path_buf(),
            tmp,
            out: None,
            at: MAGIC.len() as u64,
            shards: Vec::new(),
            extras: Vec::new(),
        };
        out.write_all(MAGIC).ok()?;
        w.out = Some(out);
        Some(w)
    }

    /// The next shard of documents, in pieces written one after the other (MessagePack: an
    /// array's header, then each entry; see `build`).
    pub fn shard(&mut self, pieces: &[&[u8]]) -> Option<()> {
        let mut hash = Xxh3::new();
        let mut len = 0u64;
        let at = self.at;
        for piece in pieces {
            self.write(piece)?;
            hash.update(piece);
            len += piece.len() as u64;
        }
        self.shards.push((at, len, hash.digest()));
        Some(())
    }

    /// A named part.
    pub fn extra(&mut self, name: &str, bytes: &[u8]) -> Option<()> {
        let at = self.write(bytes)?;
        self.extras
            .push((name.to_string(), at, bytes.len() as u64, xxh3_64(bytes)));
        Some(())
    }

    /// Appends `bytes`; where they start.
    fn write(&mut self, bytes: &[u8]) -> Option<u64> {
        self.out.as_mut()?.write_all(bytes).ok()?;
        let at = self.at;
        self.at += bytes.len() as u64;
        Some(at)
    }

    /// Writes the header and puts the file in place.
    pub fn finish(mut self, root: &str, written_ns: i128) -> bool {
        let header = Header {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").into(),
            root: root.into(),
            written_ns,
            shards: std::mem::take(&mut self.shards),
            extras: std::mem::take(&mut self.extras),
        };
        let Ok(head) = rmp_serde::to_vec_named(&header) else {
            return false;
        };
        let Ok(len) = u32::try_from(head.len()) else {
            return false;
        };
        self.write(&head).is_some()
            && self.write(&len.to_le_bytes()).is_some()
            && self.write(&xxh3_64(&head).to_le_bytes()).is_some()
            // No fsync: a file cut short by a crash fails its length and hash checks, and the
            // cache is rebuilt.
            && self.out.take().is_some_and(|out| out.into_inner().is_ok())
            && std::fs::rename(&self.tmp, &self.path).is_ok()
    }
}

impl Drop for Writer {
    /// An unfinished file is removed (after a rename there is nothing left to remove).
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// How many documents each shard after the first holds, for `rest` documents after the first
/// (the last shard may hold fewer). It depends on the writer's cores: a reader learns it from
/// the file (`file::Opened::shard_len` of shard 1), never from its own cores.
pub fn per_shard(rest: usize) -> usize {
    rest.div_ceil(shard_count(rest)).max(1)
}

/// Where document `index` is: its shard and its position in it, for shards after the first of
/// `per` documents each (the first shard holds document 0 alone; see `Writer::documents`).
pub fn shard_of(index: usize, per: usize) -> (usize, usize) {
    match index.checked_sub(1) {
        None => (0, 0),
        Some(i) => (1 + i / per.max(1), i % per.max(1)),
    }
}

/// A few shards per core, so that decoding keeps every core busy, and at most a few hundred
/// documents per shard (a few MB), so that encoding one never holds much of a folder: a shard
/// grows by doubling, and 20,000 documents in 8 shards held 100 MB of growing buffers.
fn shard_count(entries: usize) -> usize {
    const MOST_PER_SHARD: usize = 256;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores * 4)
        .max(entries.div_ceil(MOST_PER_SHARD))
        .min(entries.div_ceil(64))
        .max(1)
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

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    #[test]
    fn shard_of_finds_each_document_where_the_writer_puts_it() {
        for n in [1usize, 2, 64, 65, 200, 1000, 12_345] {
            let entries: Vec<usize> = (0..n).collect();
            let (first, rest) = entries.split_at(1);
            let per = super::per_shard(rest.len());
            let shards: Vec<&[usize]> = std::iter::once(first).chain(rest.chunks(per)).collect();
            for (s, shard) in shards.iter().enumerate() {
                for (k, &i) in shard.iter().enumerate() {
                    assert_eq!(super::shard_of(i, per), (s, k), "{n} documents");
                }
            }
        }
    }

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
        let mut w = super::Writer::create(&dir.join("f.bin")).unwrap();
        w.extra("x", b"new").unwrap();
        assert!(w.finish("root", 0));
        assert!(!stale.exists(), "left by a writer ended mid-write");
        assert!(live.exists(), "another writer's, still writing");
        assert!(other.exists(), "another cache file's");
        assert!(dir.join("f.bin").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
