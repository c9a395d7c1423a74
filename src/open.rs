//! Opening what the user names: a yusuan/1 JSON document, a disclosure to import in memory (a
//! PDF, or a text extracted from one), or a folder mixing both. It composes `core` (loading) and
//! `import`, which `core` knows nothing of.

use crate::cache;
use crate::core::collection::{self, Collection, Scan};
use crate::core::document::Document;
use crate::core::load::{self, LoadError};
use crate::core::progress::Counter;
use crate::import;
use std::path::Path;

/// One file: imported when it is a PDF or a text, loaded as JSON otherwise.
pub fn open_path(path: &Path) -> Result<Document, LoadError> {
    if import::is_importable(path) {
        import::import_path(path).map(|i| i.document)
    } else {
        load::load_path(path)
    }
}

/// `open_path` with the xxh3 of the bytes a JSON document was parsed from (the load cache keys
/// entries by it: hashing what was read spares reading every file twice); `None` for an import.
pub fn open_path_hashed(path: &Path) -> Result<(Document, Option<u64>), LoadError> {
    if import::is_importable(path) {
        return open_path(path).map(|d| (d, None));
    }
    let bytes = load::read_file(path)?;
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    load::parse(&path.display().to_string(), &bytes).map(|d| (d, Some(hash)))
}

/// A file in a folder that is a document: JSON or PDF (a folder's `.txt` files are more often
/// notes than disclosures, so texts are imported only when named).
fn in_folder(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("json" | "pdf")
    )
}

/// The documents a folder holds, listed (see `collection::scan`).
pub fn scan_dir(dir: &Path) -> Result<Scan, LoadError> {
    collection::scan(dir, in_folder, "*.json or *.pdf documents")
}

/// Every document under a folder, PDFs imported, on all cores; an unreadable subfolder is a
/// failure like a file that does not load.
pub fn open_dir(dir: &Path, strict: bool) -> Result<Collection, LoadError> {
    load_scan(dir, scan_dir(dir)?, strict, None, None).map(|(c, _)| c)
}

/// `open_dir` through the load cache in `cache_dir` (see `cache`), saying what it reused.
pub fn open_dir_cached(
    dir: &Path,
    strict: bool,
    cache_dir: &Path,
) -> Result<(Collection, cache::Report), LoadError> {
    load_scan(dir, scan_dir(dir)?, strict, Some(cache_dir), None)
}

/// The documents of a folder's listing, through the load cache in `cache_dir` when there is
/// one. Progress goes to `counter` when there is one (the browser shows it), else to a bar on
/// stderr when loading through the cache.
pub fn load_scan(
    dir: &Path,
    found: Scan,
    strict: bool,
    cache_dir: Option<&Path>,
    counter: Option<&Counter>,
) -> Result<(Collection, cache::Report), LoadError> {
    let (collection, mut report, writer) =
        load_scan_unwritten(dir, found, strict, cache_dir, counter)?;
    if let Some(w) = writer {
        report.written = w.write(&collection);
    }
    Ok((collection, report))
}

/// `load_scan` leaving the cache to write (when anything changed) to the caller.
pub fn load_scan_unwritten(
    dir: &Path,
    found: Scan,
    strict: bool,
    cache_dir: Option<&Path>,
    counter: Option<&Counter>,
) -> Result<(Collection, cache::Report, Option<cache::PendingWrite>), LoadError> {
    let Some(cache_dir) = cache_dir.filter(|_| !found.files.is_empty()) else {
        // Nothing to cache (the uncached path says why), or no cache.
        if let Some(c) = counter {
            c.start(found.files.len());
        }
        let load = |p: &Path| {
            let r = open_path(p);
            if let Some(c) = counter {
                c.tick();
            }
            r
        };
        return collection::load_scan(dir, found, strict, load)
            .map(|c| (c, cache::Report::default(), None));
    };
    let mut failures = found.failures.into_iter();
    if strict {
        if let Some(e) = failures.next() {
            return Err(e);
        }
    }
    let (mut collection, report, writer) = cache::load_files(
        dir,
        found.files,
        strict,
        open_path_hashed,
        cache_dir,
        counter,
    )?;
    // An unreadable subfolder is a failure like a file that does not load.
    collection.errors.splice(0..0, failures);
    Ok((collection, report, writer))
}

/// The folder's cache in `cache_dir` if it is fresh: every document of the folder cached and
/// unchanged since (see `cache::fresh`).
pub fn fresh(dir: &Path, cache_dir: &Path) -> Option<cache::fresh::Fresh> {
    let found = scan_dir(dir).ok()?;
    if !found.failures.is_empty() {
        return None;
    }
    cache::fresh::open(dir, &found.files, cache_dir)
}

/// `fresh`, else the folder's cache made fresh without holding the folder (see
/// `cache::stream`); `None` when the folder cannot be streamed (then it is to be loaded whole).
/// With `search`, the search index is written in the same pass. Progress goes to `counter`
/// when there is one, else to a bar on stderr. With `strict`, a folder with a file that does
/// not load (or a second file for a department and year) is the error the whole load gives.
pub fn fresh_or_build(
    dir: &Path,
    cache_dir: &Path,
    strict: bool,
    search: bool,
    counter: Option<&Counter>,
) -> Result<Option<cache::fresh::Fresh>, LoadError> {
    let Ok(found) = scan_dir(dir) else {
        return Ok(None);
    };
    if !found.failures.is_empty() {
        return Ok(None);
    }
    let fresh = match cache::fresh::open(dir, &found.files, cache_dir) {
        Some(fresh) => fresh,
        None => {
            let build = cache::stream::build;
            match build(
                dir,
                &found.files,
                open_path_hashed,
                cache_dir,
                search,
                counter,
            ) {
                Some((fresh, _)) => fresh,
                None => return Ok(None),
            }
        }
    };
    strict_error(&fresh, strict).map(|()| Some(fresh))
}

/// With `strict`, the error of a folder's fresh cache that records files that do not load: the
/// first of them, which is the one the whole load gives (see `cache::stream`).
pub fn strict_error(fresh: &cache::fresh::Fresh, strict: bool) -> Result<(), LoadError> {
    match fresh.errors.first() {
        Some(e) if strict => Err(e.clone()),
        _ => Ok(()),
    }
}

/// The bundled document, a file, or a folder.
pub fn open(data: Option<&Path>, strict: bool) -> Result<Collection, LoadError> {
    open_with(data, strict, None)
}

/// `open`, a folder through the load cache in `cache_dir` when there is one.
pub fn open_with(
    data: Option<&Path>,
    strict: bool,
    cache_dir: Option<&Path>,
) -> Result<Collection, LoadError> {
    match data {
        Some(path) if path.is_dir() => match cache_dir {
            Some(c) => open_dir_cached(path, strict, c).map(|(collection, _)| collection),
            None => open_dir(path, strict),
        },
        Some(path) => open_path(path).map(Collection::single),
        None => Ok(Collection::single(load::bundled())),
    }
}
