//! A fresh cache: one whose folder has not changed since it was written (the same files, each
//! with the size and modification time recorded, none modified within a moment of the writing).
//! Commands answer from its extra parts without decoding a single document; anything else, and
//! the caller takes the full path, which reads what changed and rewrites the cache.

use super::file::{Opened, Stamp};
use super::write::Writer;
use super::{file_for, stat, RACY_NS};
use crate::core::load::LoadError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The extra part listing every cached file's path and stamp, in the collection's order.
pub const STAMPS: &str = "stamps";
/// The extra part listing the folder's files that did not load (absent when all did).
pub const FAILED: &str = "failed";

/// A file that did not load: its path (relative to the folder), stamp and error.
pub type Failed = (String, Stamp, LoadError);

pub struct Fresh {
    file: Opened,
    path: PathBuf,
    root: String,
    /// How many documents the folder has (all of them cached).
    pub documents: usize,
    /// The folder's files that do not load, in the files' order: said again on every open.
    pub errors: Vec<LoadError>,
}

impl Fresh {
    /// The cache file just written at `path` for `root` with all `documents` of the folder (its
    /// writer read them: not checked against the folder again).
    pub(super) fn written(
        path: PathBuf,
        root: String,
        documents: usize,
        errors: Vec<LoadError>,
    ) -> Option<Fresh> {
        let file = Opened::open(&path, &root)?;
        Some(Fresh {
            file,
            path,
            root,
            documents,
            errors,
        })
    }

    /// An extra part of the cache file (checked against its hash).
    pub fn part(&mut self, name: &str) -> Option<Vec<u8>> {
        self.file.extra(name)
    }

    /// An extra part that may be absent: `Some(None)` when it is, `None` when it is damaged.
    pub fn part_if_any(&mut self, name: &str) -> Option<Option<Vec<u8>>> {
        self.file.extra_if_any(name)
    }

    pub fn file(&mut self) -> &mut Opened {
        &mut self.file
    }

    /// The cache file, for reading documents by position (which never moves its offset).
    pub fn file_ref(&self) -> &Opened {
        &self.file
    }

    /// What a command derived from this cache and kept beside it (`store_beside`), if it was
    /// derived from this very cache (the same folder, written at the same moment).
    pub fn beside(&self, name: &str) -> Option<Vec<u8>> {
        self.beside_file(name)?.extra(name)
    }

    /// The file `name` kept beside the cache, if it was written for this very cache.
    pub fn beside_file(&self, name: &str) -> Option<Opened> {
        let (path, root) = beside_names(&self.path, &self.root, name);
        let side = Opened::open(&path, &root)?;
        (side.written_ns() == self.file.written_ns()).then_some(side)
    }

    /// Keeps `bytes` beside the cache (a file of the same format, for its own folder key);
    /// rewriting the cache makes it stale.
    pub fn store_beside(&self, name: &str, bytes: &[u8]) -> bool {
        let (path, root) = beside_names(&self.path, &self.root, name);
        let Some(mut w) = Writer::create(&path) else {
            return false;
        };
        w.extra(name, bytes).is_some() && w.finish(&root, self.file.written_ns())
    }

    /// The same cache opened again (a reader of its own, for work that should not hold this
    /// one); `None` when it has been rewritten since.
    pub(super) fn reopen(&self) -> Option<Fresh> {
        let file = Opened::open(&self.path, &self.root)?;
        (file.written_ns() == self.file.written_ns()).then(|| Fresh {
            file,
            path: self.path.clone(),
            root: self.root.clone(),
            documents: self.documents,
            errors: self.errors.clone(),
        })
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn root(&self) -> &str {
        &self.root
    }
}

/// The path and root of the file `name` kept beside the cache file `path` of folder `root`.
pub(super) fn beside_names(path: &Path, root: &str, name: &str) -> (PathBuf, String) {
    (
        path.with_extension(format!("{name}.bin")),
        format!("{root}#{name}"),
    )
}

/// The cache of `dir` in `cache_dir`, if it is fresh for exactly `files` (the folder's
/// documents as scanned).
pub fn open(dir: &Path, files: &[PathBuf], cache_dir: &Path) -> Option<Fresh> {
    let root = std::fs::canonicalize(dir).ok()?.display().to_string();
    let path = file_for(cache_dir, &root);
    let mut file = Opened::open(&path, &root)?;
    let stamps: Vec<(String, Stamp)> = rmp_serde::from_slice(&file.extra(STAMPS)?).ok()?;
    let failed: Vec<Failed> = match file.extra_if_any(FAILED)? {
        Some(bytes) => rmp_serde::from_slice(&bytes).ok()?,
        None => Vec::new(),
    };
    if stamps.len() + failed.len() != files.len() {
        return None;
    }
    let written = file.written_ns();
    let by_path: HashMap<&str, &Stamp> = stamps
        .iter()
        .map(|(p, s)| (p.as_str(), s))
        .chain(failed.iter().map(|(p, s, _)| (p.as_str(), s)))
        .collect();
    // A stat per file is most of the time a fresh open takes: on every core.
    let unchanged = crate::core::parallel::map(files, |_, p| {
        let Some(s) = by_path.get(relative(dir, p).as_str()) else {
            return false;
        };
        stat(p) == Some((s.size, s.mtime_ns)) && s.mtime_ns + RACY_NS < written
    })
    .into_iter()
    .all(|same| same);
    (unchanged && by_path.len() == files.len()).then_some(Fresh {
        file,
        path,
        root,
        documents: stamps.len(),
        errors: failed.into_iter().map(|f| f.2).collect(),
    })
}

/// `p` relative to `dir`, as the cache records it (`strip_prefix`, displayed). A scanned path is
/// `dir` joined with the rest, so its bytes start with `dir`'s: cutting them is the same and
/// cheaper than comparing components (a stat per file is the only other cost of this check).
/// Should the two ever differ, the file is not found and the folder is not fresh: safe.
pub(super) fn relative(dir: &Path, p: &Path) -> String {
    let (d, b) = (
        dir.as_os_str().as_encoded_bytes(),
        p.as_os_str().as_encoded_bytes(),
    );
    match b.strip_prefix(d) {
        Some(rest) if rest.first() == Some(&b'/') && !d.is_empty() => {
            String::from_utf8_lossy(&rest[1..]).into_owned()
        }
        _ => p.strip_prefix(dir).unwrap_or(p).display().to_string(),
    }
}
