//! A folder's cache made without holding the folder: its files are read a group at a time in
//! their listed order, each group written (`build`) and dropped, and what the commands and the
//! browser then need is read from the fresh cache. A first open of 100,000 documents holds one
//! group of them, not 1.6 GB.
//!
//! It takes the documents in the listed order, so it works when that order is the folder's
//! (by department, then year: files named by department and year, as `synth` and most exports
//! name them). Otherwise, or when a file does not load, two files hold the same department and
//! year, or a file changes while it is read, it gives up, and the caller loads the whole folder
//! as before, which says what is wrong.
//!
//! Files unchanged since the cache was last written are taken from it, a document at a time
//! (`Lazy`), not read again.

use super::build::{Build, GROUP};
use super::file::{decode, Entry, Opened, Spot, Stamp};
use super::fresh::{Fresh, STAMPS};
use super::write::{shard_of, Writer};
use super::{file_for, now_ns, progress, Ctx, Old, Report, UNCACHED};
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
/// the cache cannot be written: then nothing is written. Progress goes to `counter` when there
/// is one, else to a bar on stderr.
pub fn build(
    dir: &Path,
    files: &[PathBuf],
    load: impl Fn(&Path) -> Result<(Document, Option<u64>), LoadError> + Sync,
    cache_dir: &Path,
    counter: Option<&Counter>,
) -> Option<(Fresh, Report)> {
    if files.len() < 2 {
        return None;
    }
    let root = std::fs::canonicalize(dir).ok()?.display().to_string();
    let path = file_for(cache_dir, &root);
    let old = match Opened::open(&path, &root) {
        // A cache without its stamps (some file did not load last time) cannot be read a
        // document at a time: the whole load reads it.
        Some(opened) => Some(Lazy::open(opened)?),
        None => None,
    };
    let cache_valid = old.is_some();
    let now = now_ns();
    let ctx = Ctx {
        dir,
        written_ns: old.as_ref().map_or(0, |o| o.written_ns),
        old: old.unwrap_or_default(),
        seen: Mutex::new(Vec::new()),
        verified: AtomicUsize::new(0),
    };
    let mut b = Build::new(Writer::create(&path)?, files.len(), true);
    let progress = match counter {
        Some(c) => progress::Progress::into_counter(files.len(), c),
        None => progress::Progress::start(files.len()),
    };
    let mut report = Report {
        cache_valid,
        ..Report::default()
    };
    let mut last: Option<(String, i32)> = None;
    for group in files.chunks(GROUP) {
        let loaded = crate::core::parallel::map(group, |_, p| {
            let r = ctx.load_seen(p, &load);
            progress.tick();
            r
        });
        let mut docs = Vec::with_capacity(group.len());
        let mut seen = Vec::with_capacity(group.len());
        for r in loaded {
            let (doc, Some(s)) = r.ok()? else {
                return None;
            };
            let key = (doc.department.code.as_str(), doc.fiscal_year);
            let in_order = last.as_ref().is_none_or(|(c, y)| (c.as_str(), *y) < key);
            if !in_order || s.stamp == UNCACHED {
                return None;
            }
            last = Some((key.0.to_string(), key.1));
            docs.push(doc);
            seen.push(s);
        }
        let files: Vec<(&str, Stamp)> = seen.iter().map(|s| (s.rel.as_str(), s.stamp)).collect();
        b.group(&docs, &files)?;
        let reused = seen.iter().filter(|s| s.reused).count();
        report.reused += reused;
        report.read += seen.len() - reused;
    }
    drop(progress);
    report.verified = ctx.verified.into_inner();
    if !b.finish(&root, now) {
        return None;
    }
    report.written = true;
    Some((Fresh::written(path, root, files.len())?, report))
}

/// The old cache's documents taken one at a time: a file's position from the stamps part, its
/// shard read through once (where each document lies), then its own bytes.
#[derive(Default)]
struct Lazy {
    file: Option<Opened>,
    written_ns: i128,
    at: HashMap<String, usize>,
    per: usize,
    spots: Vec<OnceLock<Option<Vec<Spot>>>>,
}

impl Lazy {
    /// `None` when the cache has no stamps part or its shards are not where the stamps say.
    fn open(mut file: Opened) -> Option<Lazy> {
        let stamps: Vec<(String, Stamp)> = rmp_serde::from_slice(&file.extra(STAMPS)?).ok()?;
        let shards = file.shards();
        let per = if shards > 1 { file.shard_len(1)? } else { 1 };
        if stamps.is_empty() || per == 0 || shards != 1 + (stamps.len() - 1).div_ceil(per) {
            return None;
        }
        Some(Lazy {
            written_ns: file.written_ns(),
            at: stamps
                .into_iter()
                .enumerate()
                .map(|(i, (p, _))| (p, i))
                .collect(),
            per,
            spots: (0..shards).map(|_| OnceLock::new()).collect(),
            file: Some(file),
        })
    }
}

impl Old for Lazy {
    fn take(&self, rel: &str) -> Option<Entry> {
        let file = self.file.as_ref()?;
        let (shard, k) = shard_of(*self.at.get(rel)?, self.per);
        let spots = self.spots.get(shard)?;
        let spots = spots.get_or_init(|| file.scan(shard, |_| false, |_, _| {}));
        let entry = decode(&file.bytes_at(*spots.as_ref()?.get(k)?)?)?;
        (entry.path == rel).then_some(entry)
    }
}
