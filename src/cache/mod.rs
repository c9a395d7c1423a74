//! The load cache: a folder's documents, once read and validated, kept in binary form in the
//! user's cache directory, so that the next open reads only the files that changed.
//!
//! A file's entry is reused when its size and modification time are those recorded; when they
//! differ (a `touch`, a copy) its contents are hashed and the entry is reused if the hash is the
//! same; otherwise the file is read again. The cache is derived and disposable: a file that is
//! unreadable, truncated, corrupt, of another format or version, or for another folder is
//! ignored and rewritten, and a cache that cannot be written is simply not written.

pub mod build;
pub mod documents;
pub mod file;
pub mod fresh;
pub mod picker;
pub mod progress;
mod rows;
pub mod search;
pub mod slices;
pub mod stream;
pub mod write;

use crate::core::collection::{self, Collection};
use crate::core::document::Document;
use crate::core::load::LoadError;
use crate::core::progress::Counter;
use file::{Entry, EntryRef, Stamp};
use fresh::Failed;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

/// A file modified this close to the cache's writing may change again within one clock tick
/// without its time changing: such entries are verified by hash.
pub(crate) const RACY_NS: i128 = 2_000_000_000;

/// `$XDG_CACHE_HOME/yusuan`, else `~/.cache/yusuan`.
pub fn default_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("yusuan"))
}

/// What an open did, for tests and the benchmark.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// A valid cache file was found for the folder.
    pub cache_valid: bool,
    /// Documents taken from the cache.
    pub reused: usize,
    /// Of them, those whose size or time had changed, verified by their hash.
    pub verified: usize,
    /// Files read and parsed (or imported).
    pub read: usize,
    /// The cache file was (re)written.
    pub written: bool,
}

/// The cache file of a folder (named by a hash of its canonical path).
pub fn file_for(cache_dir: &Path, root: &str) -> PathBuf {
    cache_dir
        .join("folders")
        .join(format!("{:016x}.bin", xxh3_64(root.as_bytes())))
}

/// The cache file to write once the collection is in use (writing 20,000 documents takes
/// seconds the browser need not wait for).
pub struct PendingWrite {
    path: PathBuf,
    root: String,
    now: i128,
    seen: Vec<Seen>,
    failed: Vec<Failed>,
}

impl PendingWrite {
    /// Writes the cache of the collection the load returned; false when it could not.
    pub fn write(self, c: &Collection) -> bool {
        write(&self.path, &self.root, self.now, c, &self.seen, self.failed)
    }
}

/// Loads every file of `files` (under `dir`) with `load` (which may give the hash of the bytes
/// it read; otherwise the file is hashed here), taking what it can from the cache in
/// `cache_dir`. When anything changed, the cache is to be written back: that is the caller's to
/// run (`PendingWrite`), once the collection is in use. Progress goes to `counter` when there
/// is one, else to a bar on stderr (see `progress`).
pub fn load_files(
    dir: &Path,
    files: Vec<PathBuf>,
    strict: bool,
    load: impl Fn(&Path) -> Result<(Document, Option<u64>), LoadError> + Sync,
    cache_dir: &Path,
    counter: Option<&Counter>,
) -> Result<(Collection, Report, Option<PendingWrite>), LoadError> {
    let root = std::fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .display()
        .to_string();
    let path = file_for(cache_dir, &root);
    let read = file::read(&path, &root);
    let cache_valid = read.is_some();
    let (written_ns, entries) = read.map_or((0, Vec::new()), |r| (r.written_ns, r.entries));
    let old_count = entries.len();
    let ctx = Ctx {
        dir,
        written_ns,
        old: entries
            .into_iter()
            .map(|e| (e.path.clone(), Mutex::new(Some(e))))
            .collect::<HashMap<_, _>>(),
        seen: Mutex::new(Vec::new()),
        failed: Mutex::new(Vec::new()),
        verified: AtomicUsize::new(0),
    };
    let now = now_ns();
    let progress = match counter {
        Some(c) => progress::Progress::into_counter(files.len(), c),
        None => progress::Progress::start(files.len()),
    };
    let result = collection::load_files(dir, files, strict, |p: &Path| {
        let r = ctx.load_one(p, &load);
        progress.tick();
        r
    });
    drop(progress);
    let collection = result?;
    let seen = ctx.seen.into_inner().unwrap_or_default();
    let failed = ctx.failed.into_inner().unwrap_or_default();
    let reused = seen.iter().filter(|s| s.reused).count();
    let report = Report {
        cache_valid,
        reused,
        verified: ctx.verified.into_inner(),
        read: seen.len() - reused,
        written: false,
    };
    // Rewritten when a file was read, verified (its new time is kept, or it would be hashed on
    // every open) or removed.
    let unchanged = cache_valid && report.read == 0 && report.verified == 0 && old_count == reused;
    let writer = (!unchanged).then_some(PendingWrite {
        path,
        root,
        now,
        seen,
        failed,
    });
    Ok((collection, report, writer))
}

struct Seen {
    rel: String,
    stamp: Stamp,
    id: (String, i32),
    reused: bool,
}

/// The entries of the cache as it was, taken by a file's path (each at most once).
trait Old: Sync {
    fn take(&self, rel: &str) -> Option<Entry>;
}

/// Every entry, read at once (`file::read`).
impl Old for HashMap<String, Mutex<Option<Entry>>> {
    fn take(&self, rel: &str) -> Option<Entry> {
        self.get(rel)
            .and_then(|slot| slot.lock().ok().and_then(|mut e| e.take()))
    }
}

struct Ctx<'a, O> {
    dir: &'a Path,
    written_ns: i128,
    old: O,
    seen: Mutex<Vec<Seen>>,
    /// The files that did not load, with their stamps (`load_one`, for the cache to record).
    failed: Mutex<Vec<Failed>>,
    verified: AtomicUsize,
}

impl<O: Old> Ctx<'_, O> {
    fn load_one(
        &self,
        p: &Path,
        load: &impl Fn(&Path) -> Result<(Document, Option<u64>), LoadError>,
    ) -> Result<Document, LoadError> {
        let (doc, seen) = match self.load_seen(p, load) {
            Ok(loaded) => loaded,
            Err(e) => {
                // Recorded when its stamp can be taken (otherwise the folder is not fresh).
                let stamp = failed_stamp(p);
                if let (Some(stamp), Ok(mut all)) = (stamp, self.failed.lock()) {
                    all.push((fresh::relative(self.dir, p), stamp, e.clone()));
                }
                return Err(e);
            }
        };
        if let (Some(seen), Ok(mut all)) = (seen, self.seen.lock()) {
            all.push(seen);
        }
        Ok(doc)
    }

    /// The document of file `p`, from the old cache when the file is the one it recorded, and
    /// what the new cache is to record of it (`None` for a file that is not a regular file).
    fn load_seen(
        &self,
        p: &Path,
        load: &impl Fn(&Path) -> Result<(Document, Option<u64>), LoadError>,
    ) -> Result<(Document, Option<Seen>), LoadError> {
        let rel = fresh::relative(self.dir, p);
        let Some((size, mtime_ns)) = stat(p) else {
            // Not a regular file, or gone: the loader says what is wrong with it.
            return load(p).map(|(doc, _)| (doc, None));
        };
        if let Some(e) = self.old.take(&rel) {
            let same = e.stamp.size == size && e.stamp.mtime_ns == mtime_ns;
            let racy = e.stamp.mtime_ns + RACY_NS >= self.written_ns;
            if same && !racy {
                let seen = seen(rel, e.stamp, &e.doc, true);
                return Ok((e.doc, Some(seen)));
            }
            if let Some(hash) = hash_file(p) {
                if hash == e.stamp.hash && size == e.stamp.size {
                    if !same {
                        self.verified.fetch_add(1, Ordering::Relaxed);
                    }
                    let stamp = Stamp {
                        size,
                        mtime_ns,
                        hash,
                    };
                    let seen = seen(rel, stamp, &e.doc, true);
                    return Ok((e.doc, Some(seen)));
                }
            }
        }
        let (doc, read_hash) = load(p)?;
        let hash = read_hash.or_else(|| hash_file(p));
        // Recorded only when the file did not change while it was read; otherwise it is not
        // cached and is read again next time.
        let stamp = hash.map(|hash| Stamp {
            size,
            mtime_ns,
            hash,
        });
        let seen = match (stamp, stat(p)) {
            (Some(stamp), Some(now)) if now == (size, mtime_ns) => seen(rel, stamp, &doc, false),
            _ => seen(rel, UNCACHED, &doc, false),
        };
        Ok((doc, Some(seen)))
    }
}

/// The stamp of a read file that is not to be cached: one no file can have.
const UNCACHED: Stamp = Stamp {
    size: u64::MAX,
    mtime_ns: i128::MIN,
    hash: 0,
};

fn seen(rel: String, stamp: Stamp, doc: &Document, reused: bool) -> Seen {
    Seen {
        rel,
        stamp,
        id: (doc.department.code.clone(), doc.fiscal_year),
        reused,
    }
}

/// Writes the cache of the loaded documents. A document whose department and year two files
/// claim is left out, so that the duplicate is found again next time. The files that did not
/// load (`failed`, in any order) are recorded when they are the collection's only errors: then
/// the folder is fresh, and its errors said again in the collection's order.
fn write(
    path: &Path,
    root: &str,
    now: i128,
    c: &Collection,
    seen: &[Seen],
    mut failed: Vec<Failed>,
) -> bool {
    let mut by_id: HashMap<(&str, i32), Option<&Seen>> = HashMap::with_capacity(seen.len());
    for s in seen {
        by_id
            .entry((s.id.0.as_str(), s.id.1))
            .and_modify(|v| *v = None)
            .or_insert(Some(s));
    }
    let entries: Vec<EntryRef> = c
        .documents
        .iter()
        .filter_map(|doc| {
            let s = (*by_id.get(&(doc.department.code.as_str(), doc.fiscal_year))?)?;
            (s.stamp != UNCACHED).then_some(EntryRef {
                path: &s.rel,
                stamp: s.stamp,
                doc,
            })
        })
        .collect();
    let Some(w) = write::Writer::create(path) else {
        return false;
    };
    // The parts commands answer from without the documents, only when every document of the
    // folder is in the cache: otherwise the folder is never fresh (see `fresh`).
    let failed: Option<Vec<Failed>> = c
        .errors
        .iter()
        .map(|e| {
            let at = failed.iter().position(|f| f.2 == *e)?;
            Some(failed.swap_remove(at))
        })
        .collect();
    let complete = entries.len() == c.documents.len() && failed.is_some();
    let mut b = build::Build::new(w, entries.len(), complete);
    b.failed(failed.unwrap_or_default());
    let written = if complete {
        let files: Vec<(&str, Stamp)> = entries.iter().map(|e| (e.path, e.stamp)).collect();
        c.groups(build::GROUP)
            .into_iter()
            .try_for_each(|(first, docs)| b.group(docs, &files[first..first + docs.len()]))
    } else {
        entries
            .chunks(build::GROUP)
            .try_for_each(|part| b.entries(part))
    };
    written.is_some() && b.finish(root, now)
}

/// The stamp of a file that did not load: its size, time and hash now (a file that changes
/// within a moment of the cache's writing is not trusted by `fresh` anyway).
fn failed_stamp(p: &Path) -> Option<Stamp> {
    let (size, mtime_ns) = stat(p)?;
    Some(Stamp {
        size,
        mtime_ns,
        hash: hash_file(p)?,
    })
}

fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// Size and modification time of a regular file.
pub(crate) fn stat(p: &Path) -> Option<(u64, i128)> {
    let meta = std::fs::metadata(p).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mtime = meta.modified().ok()?;
    let ns = match mtime.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    };
    Some((meta.len(), ns))
}

/// xxh3 of a file's contents, read in blocks.
fn hash_file(p: &Path) -> Option<u64> {
    use std::io::Read;
    let mut f = std::fs::File::open(p).ok()?;
    let mut h = Xxh3::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match f.read(&mut buf) {
            Ok(0) => return Some(h.digest()),
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}
