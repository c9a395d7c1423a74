//! A folder's cache made without holding the folder: its files are read a group at a time in
//! their listed order, each group written (`build`) and dropped, and what the commands and the
//! browser then need is read from the fresh cache. A first open of 100,000 documents holds one
//! group of them, not 1.6 GB.
//!
//! The cache keeps the documents by department, then year. While the files come in that order
//! (named by department and year, as `synth` and most exports name them) each group is written
//! whole at once. From the first that does not, the rest are written as documents alone, and a
//! second pass writes the cache again from the first, a sorted group at a time (a folder listed
//! year first costs about two seconds more at 20,000 documents, not the whole folder in memory).
//!
//! A file that does not load is recorded as failed, with its stamp and error (`fresh`): the
//! folder is fresh while nothing changes, and the error is said again on every open. So is a
//! second file for a department and year: the first in the files' order is kept, as the whole
//! load keeps it, and the other recorded with the whole load's error. The first of these errors
//! is the one the whole load gives with `--strict` (files that do not load, then the second
//! files, each in the files' order): the callers give it (`open::fresh_or_build`), without
//! loading the folder. A file changed while it is read: it gives up, and the caller loads the
//! whole folder as before.
//!
//! Files unchanged since the cache was last written are taken from it, a document at a time
//! (`Lazy`), not read again.

use super::build::{Build, GROUP};
use super::file::{decode, Entry, EntryRef, Opened, Spot, Stamp};
use super::fresh::{relative, Failed, Fresh, STAMPS};
use super::write::{shard_of, Writer};
use super::{failed_stamp, file_for, now_ns, progress, Ctx, Old, Report, Seen, UNCACHED};
use crate::core::collection::duplicate;
use crate::core::document::Document;
use crate::core::load::LoadError;
use crate::core::progress::Counter;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Mutex, OnceLock};

/// The fresh cache of `dir` made from `files` (its listing, at least two), loading each with
/// `load` (which may give the hash of the bytes it read) unless the cache in `cache_dir` has it
/// unchanged; `None` when the folder is not one it can stream (see the module's comment) or
/// the cache cannot be written: then nothing is written. With `search`, the search index is
/// written in the same pass (else the first search builds it from the cache: see `search`).
/// Progress goes to `counter` when there is one, else to a bar on stderr.
pub fn build(
    dir: &Path,
    files: &[PathBuf],
    load: impl Fn(&Path) -> Result<(Document, Option<u64>), LoadError> + Sync,
    cache_dir: &Path,
    search: bool,
    counter: Option<&Counter>,
) -> Option<(Fresh, Report)> {
    if files.len() < 2 {
        return None;
    }
    let root = std::fs::canonicalize(dir).ok()?.display().to_string();
    let path = file_for(cache_dir, &root);
    let opened = Opened::open(&path, &root);
    let cache_valid = opened.is_some();
    // A cache without its stamps (the whole load wrote it for a folder with a file that does
    // not load) cannot be read a document at a time: every file is read again.
    let old = opened.and_then(Lazy::open);
    let now = now_ns();
    let ctx = Ctx {
        dir,
        written_ns: old.as_ref().map_or(0, |o| o.written_ns),
        old: old.unwrap_or_default(),
        seen: Mutex::new(Vec::new()),
        failed: Mutex::new(Vec::new()),
        verified: AtomicUsize::new(0),
    };
    let mut b = Build::new(Writer::create(&path)?, files.len(), true);
    if search {
        b.with_search(&path, &root)?;
    }
    let progress = match counter {
        Some(c) => progress::Progress::into_counter(files.len(), c),
        None => progress::Progress::start(files.len()),
    };
    let mut report = Report {
        cache_valid,
        ..Report::default()
    };
    // Each document's department and year, in the files' order; `in_order` until one comes
    // before the one read before it.
    let mut keys: Vec<(String, i32)> = Vec::with_capacity(files.len());
    let mut in_order = true;
    let mut failed: Vec<Failed> = Vec::new();
    // A second document for a department and year, skipped as the whole load skips it (its
    // error after the files that do not load; see `collection::load_files`).
    let mut twice: Vec<Failed> = Vec::new();
    // Documents read and not yet written: a group is written whole (the slices' parts are made
    // from one group), and files that do not load leave a group short.
    let (mut docs, mut seen): (Vec<Document>, Vec<Seen>) = (Vec::new(), Vec::new());
    for group in files.chunks(GROUP) {
        let read = read_group(&ctx, group, &load, &progress)?;
        failed.extend(read.failed);
        for (doc, s) in read.docs.into_iter().zip(read.seen) {
            let key = (doc.department.code.clone(), doc.fiscal_year);
            report.reused += usize::from(s.reused);
            report.read += usize::from(!s.reused);
            // Right after its first (while in order; otherwise found when sorting).
            if in_order && keys.last() == Some(&key) {
                twice.push((s.rel, s.stamp, duplicate(dir, &key.0, key.1)));
                continue;
            }
            in_order = in_order && keys.last().is_none_or(|last| *last < key);
            keys.push(key);
            docs.push(doc);
            seen.push(s);
        }
        while docs.len() >= GROUP {
            let (d, s): (Vec<Document>, Vec<Seen>) =
                (docs.drain(..GROUP).collect(), seen.drain(..GROUP).collect());
            write_group(&mut b, in_order, &d, &s)?;
        }
    }
    if !docs.is_empty() {
        write_group(&mut b, in_order, &docs, &seen)?;
    }
    report.verified = ctx.verified.into_inner();
    // None loaded: the whole load says so.
    if keys.is_empty() {
        return None;
    }
    failed.append(&mut twice);
    let mut errors: Vec<LoadError> = failed.iter().map(|f| f.2.clone()).collect();
    if in_order {
        b.failed(failed);
        if !b.finish(&root, now) {
            return None;
        }
    } else {
        if !b.finish(&root, now) {
            return None;
        }
        // The bar counts the documents again as they are sorted into the cache.
        progress.restart(keys.len());
        let sorted = Sorted {
            path: &path,
            root: &root,
            now,
            dir,
            search,
        };
        errors.extend(sorted.write(keys, failed, &progress)?);
    }
    drop(progress);
    report.written = true;
    let documents = files.len() - errors.len();
    Some((Fresh::written(path, root, documents, errors)?, report))
}

/// Writes a group of documents: whole while the files have come in order, else the documents
/// alone, in the files' order, for the second pass to sort.
fn write_group(b: &mut Build, in_order: bool, docs: &[Document], seen: &[Seen]) -> Option<()> {
    let files: Vec<(&str, Stamp)> = seen.iter().map(|s| (s.rel.as_str(), s.stamp)).collect();
    if in_order {
        return b.group(docs, &files);
    }
    b.entries_only();
    let entries: Vec<EntryRef> = docs
        .iter()
        .zip(&files)
        .map(|(doc, &(path, stamp))| EntryRef { path, stamp, doc })
        .collect();
    b.entries(&entries)
}

/// What reading a group of files gave.
struct Read {
    docs: Vec<Document>,
    seen: Vec<Seen>,
    failed: Vec<Failed>,
}

/// The documents of `group`'s files and what the cache records of each, and the files that do
/// not load with their stamps and errors; `None` when a file is not a regular file or changed
/// while it was read (the whole load deals with those).
fn read_group<O: Old>(
    ctx: &Ctx<O>,
    group: &[PathBuf],
    load: &(impl Fn(&Path) -> Result<(Document, Option<u64>), LoadError> + Sync),
    progress: &progress::Progress,
) -> Option<Read> {
    let loaded = crate::core::parallel::map(group, |_, p| {
        let r = ctx.load_seen(p, load);
        progress.tick();
        r
    });
    let mut read = Read {
        docs: Vec::with_capacity(group.len()),
        seen: Vec::with_capacity(group.len()),
        failed: Vec::new(),
    };
    for (r, p) in loaded.into_iter().zip(group) {
        match r {
            Ok((doc, Some(s))) if s.stamp != UNCACHED => {
                read.docs.push(doc);
                read.seen.push(s);
            }
            Ok(_) => return None,
            Err(e) => read
                .failed
                .push((relative(ctx.dir, p), failed_stamp(p)?, e)),
        }
    }
    Some(read)
}

/// The second pass for a folder whose files are not in its documents' order: the cache just
/// written at `path` holds them in the files' order, without the other parts; it is written
/// again with them sorted, a group at a time, each read back from it.
struct Sorted<'a> {
    path: &'a Path,
    root: &'a str,
    now: i128,
    /// The folder, as the errors name it.
    dir: &'a Path,
    search: bool,
}

impl Sorted<'_> {
    /// Writes the documents of `keys` (their departments and years, in the files' order) sorted,
    /// recording `failed` and, after them, each second document for a department and year (the
    /// first in the files' order is kept, as the whole load keeps it); their errors. `None`
    /// when a part does not read or write: then the first cache stays, valid but not fresh.
    fn write(
        &self,
        keys: Vec<(String, i32)>,
        mut failed: Vec<Failed>,
        progress: &progress::Progress,
    ) -> Option<Vec<LoadError>> {
        let (path, root) = (self.path, self.root);
        let mut order: Vec<usize> = (0..keys.len()).collect();
        // Stable: of equal keys, the first in the files' order comes first.
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        let mut twice: Vec<usize> = Vec::new();
        order.dedup_by(|later, kept| {
            let same = keys[*later] == keys[*kept];
            if same {
                twice.push(*later);
            }
            same
        });
        let written = Shards::open(Opened::open(path, root)?, keys.len())?;
        // In the files' order, as the whole load says them.
        twice.sort_unstable();
        let mut errors = Vec::with_capacity(twice.len());
        for i in twice {
            let entry = written.entry(i)?;
            let (code, year) = &keys[i];
            let e = duplicate(self.dir, code, *year);
            errors.push(e.clone());
            failed.push((entry.path, entry.stamp, e));
        }
        drop(keys);
        let mut b = Build::new(Writer::create(path)?, order.len(), true);
        if self.search {
            b.with_search(path, root)?;
        }
        for group in order.chunks(GROUP) {
            let entries = crate::core::parallel::map(group, |_, &i| {
                let entry = written.entry(i);
                progress.tick();
                entry
            });
            let (stamps, docs): (Vec<(String, Stamp)>, Vec<Document>) = entries
                .into_iter()
                .map(|e| e.map(|e| ((e.path, e.stamp), e.doc)))
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .unzip();
            let files: Vec<(&str, Stamp)> = stamps.iter().map(|(p, s)| (p.as_str(), *s)).collect();
            b.group(&docs, &files)?;
        }
        b.failed(failed);
        b.finish(root, self.now).then_some(errors)
    }
}

/// A cache file's documents by position: a shard read through once (where each document
/// lies), then each document's own bytes.
struct Shards {
    file: Opened,
    per: usize,
    spots: Vec<OnceLock<Option<Vec<Spot>>>>,
}

impl Shards {
    /// `None` when the shards are not the ones `Build` makes for `documents`.
    fn open(file: Opened, documents: usize) -> Option<Shards> {
        let per = file.per_shard(documents)?;
        Some(Shards {
            spots: (0..file.shards()).map(|_| OnceLock::new()).collect(),
            file,
            per,
        })
    }

    fn entry(&self, i: usize) -> Option<Entry> {
        let (shard, k) = shard_of(i, self.per);
        let spots = self.spots.get(shard)?;
        let spots = spots.get_or_init(|| self.file.scan(shard, |_| false, |_, _| {}));
        decode(&self.file.bytes_at(*spots.as_ref()?.get(k)?)?)
    }
}

/// The old cache's documents taken one at a time, a file's position from the stamps part.
#[derive(Default)]
struct Lazy {
    shards: Option<Shards>,
    written_ns: i128,
    at: HashMap<String, usize>,
}

impl Lazy {
    /// `None` when the cache has no stamps part or its shards are not where the stamps say.
    fn open(mut file: Opened) -> Option<Lazy> {
        let stamps: Vec<(String, Stamp)> = rmp_serde::from_slice(&file.extra(STAMPS)?).ok()?;
        let written_ns = file.written_ns();
        let shards = Shards::open(file, stamps.len())?;
        Some(Lazy {
            shards: Some(shards),
            written_ns,
            at: stamps
                .into_iter()
                .enumerate()
                .map(|(i, (p, _))| (p, i))
                .collect(),
        })
    }
}

impl Old for Lazy {
    fn take(&self, rel: &str) -> Option<Entry> {
        let entry = self.shards.as_ref()?.entry(*self.at.get(rel)?)?;
        (entry.path == rel).then_some(entry)
    }
}
