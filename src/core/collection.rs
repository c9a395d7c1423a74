//! Many documents at once: every `*.json` under a folder (departments × years), loaded in
//! parallel; a bad file is reported and the rest still load, unless strict.

use super::document::Document;
use super::load::{bundled, load_path, LoadError};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct Collection {
    /// Sorted by department code, then year.
    pub documents: Vec<Document>,
    /// Files that did not load, each with its reason.
    pub errors: Vec<LoadError>,
}

impl Collection {
    /// The documents in groups of `n` (the last may hold fewer), each with its first
    /// document's index: the cache's parts are made a group at a time.
    pub fn groups(&self, n: usize) -> Vec<(usize, &[Document])> {
        let n = n.max(1);
        self.documents
            .chunks(n)
            .enumerate()
            .map(|(k, docs)| (k * n, docs))
            .collect()
    }

    pub fn single(doc: Document) -> Collection {
        Collection {
            documents: vec![doc],
            errors: Vec::new(),
        }
    }

    /// A collection of documents, sorted by department and year, one per pair.
    pub fn from_documents(mut documents: Vec<Document>) -> Collection {
        documents.sort_by(|a, b| {
            (&a.department.code, a.fiscal_year).cmp(&(&b.department.code, b.fiscal_year))
        });
        documents.dedup_by(|a, b| {
            a.department.code == b.department.code && a.fiscal_year == b.fiscal_year
        });
        Collection {
            documents,
            errors: Vec::new(),
        }
    }

    /// The fiscal years present, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.documents.iter().map(|d| d.fiscal_year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The document of a department for a year (the documents are sorted by both).
    pub fn find(&self, department: &str, year: i32) -> Option<&Document> {
        self.documents
            .binary_search_by(|d| {
                (d.department.code.as_str(), d.fiscal_year).cmp(&(department, year))
            })
            .ok()
            .map(|i| &self.documents[i])
    }
}

/// The bundled document (no path), a file, or every document under a folder. Files that fail
/// to load in a folder are in `errors` (or the error, with `strict`).
pub fn load(data: Option<&Path>, strict: bool) -> Result<Collection, LoadError> {
    match data {
        Some(path) if path.is_dir() => load_dir(path, strict),
        Some(path) => load_path(path).map(Collection::single),
        None => Ok(Collection::single(bundled())),
    }
}

/// Lists the JSON files under `dir`, recursively, in path order. Symlinked folders are followed
/// once each (a symlink loop ends at the first repeat).
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    files_where(
        dir,
        |p| p.extension().is_some_and(|e| e == "json"),
        "*.json documents",
    )
}

/// Lists the files under `dir` that `accept` takes, recursively, in path order; `what` names
/// them when there are none. A subfolder that cannot be read ends the listing (`scan` reports it
/// and goes on).
pub fn files_where(
    dir: &Path,
    accept: impl Fn(&Path) -> bool,
    what: &str,
) -> Result<Vec<PathBuf>, LoadError> {
    let scan = scan(dir, accept, what)?;
    match scan.failures.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(scan.files),
    }
}

/// What a folder holds: the files taken, and the subfolders that could not be read.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<PathBuf>,
    pub failures: Vec<LoadError>,
}

/// Like `files_where`, but a subfolder that cannot be opened or listed is a failure reported
/// beside the files, not the end of the whole listing. The folder itself must be readable, and
/// hold at least one file or one failure.
pub fn scan(dir: &Path, accept: impl Fn(&Path) -> bool, what: &str) -> Result<Scan, LoadError> {
    let name = dir.display().to_string();
    let mut seen = HashSet::new();
    let mut out = Scan::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let listed = std::fs::canonicalize(&d)
            .map_err(|e| format!("cannot be opened: {e}"))
            .and_then(|canonical| {
                if !seen.insert(canonical) {
                    return Ok(None);
                }
                std::fs::read_dir(&d)
                    .map(Some)
                    .map_err(|e| format!("cannot be listed: {e}"))
            });
        let entries = match listed {
            Ok(Some(entries)) => entries,
            Ok(None) => continue,
            Err(problem) => {
                let e = LoadError {
                    file: d.display().to_string(),
                    place: String::new(),
                    problem,
                };
                if d == dir {
                    return Err(e);
                }
                out.failures.push(e);
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            // The entry's own type needs no stat; a link is followed, as a folder it names is
            // scanned too.
            let is_dir = match entry.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => path.is_dir(),
            };
            if is_dir {
                stack.push(path);
            } else if accept(&path) {
                out.files.push(path);
            }
        }
    }
    sort_paths(&mut out.files);
    out.failures.sort_by(|a, b| a.file.cmp(&b.file));
    if out.files.is_empty() && out.failures.is_empty() {
        return Err(LoadError {
            file: name,
            place: String::new(),
            problem: format!("holds no {what}"),
        });
    }
    Ok(out)
}

/// Sorts paths in `Path`'s order (component by component) from one key per path: its bytes with
/// each separator made the lowest byte, so that comparing two is one memcmp (comparing 20,000
/// paths by components took a tenth of the browser's start).
fn sort_paths(files: &mut [PathBuf]) {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        files.sort_by_cached_key(|p| {
            let bytes = p.as_os_str().as_bytes().iter();
            bytes
                .map(|&b| if b == b'/' { 0 } else { b })
                .collect::<Vec<u8>>()
        });
    }
    #[cfg(not(unix))]
    files.sort();
}

/// Loads every document under `dir` on all cores. With `strict`, the first bad file is an error.
pub fn load_dir(dir: &Path, strict: bool) -> Result<Collection, LoadError> {
    let found = scan(
        dir,
        |p| p.extension().is_some_and(|e| e == "json"),
        "*.json documents",
    )?;
    load_scan(dir, found, strict, load_path)
}

/// Loads the files of a scan (see `load_files`); its unreadable subfolders are failures like
/// files that do not load: reported in `errors`, or the error with `strict`.
pub fn load_scan(
    dir: &Path,
    found: Scan,
    strict: bool,
    load: impl Fn(&Path) -> Result<Document, LoadError> + Sync,
) -> Result<Collection, LoadError> {
    let mut failures = found.failures.into_iter();
    if strict {
        if let Some(e) = failures.next() {
            return Err(e);
        }
    }
    if found.files.is_empty() {
        let first = failures.next().map(|e| e.to_string()).unwrap_or_default();
        return Err(LoadError {
            file: dir.display().to_string(),
            place: String::new(),
            problem: format!("no document could be read (first: {first})"),
        });
    }
    let mut collection = load_files(dir, found.files, strict, load)?;
    collection.errors.splice(0..0, failures);
    Ok(collection)
}

/// A second document for a department and year in the folder `dir`: the first (in the files'
/// order) is kept, this one is skipped with this error.
pub fn duplicate(dir: &Path, code: &str, year: i32) -> LoadError {
    LoadError {
        file: dir.display().to_string(),
        place: format!("department {code} year {year}"),
        problem: "two documents for the same department and year".into(),
    }
}

/// Loads `files` (found under `dir`) with `load` on all cores; see `load_dir`.
pub fn load_files(
    dir: &Path,
    files: Vec<PathBuf>,
    strict: bool,
    load: impl Fn(&Path) -> Result<Document, LoadError> + Sync,
) -> Result<Collection, LoadError> {
    let load = &load;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    let chunk = files.len().div_ceil(workers.max(1));
    let results: Vec<Result<Document, LoadError>> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk.max(1))
            .map(|part| s.spawn(move || part.iter().map(|p| load(p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut collection = Collection::default();
    for r in results {
        match r {
            Ok(doc) => collection.documents.push(doc),
            Err(e) if strict => return Err(e),
            Err(e) => collection.errors.push(e),
        }
    }
    let mut ids = HashSet::new();
    for d in &collection.documents {
        if !ids.insert((d.department.code.clone(), d.fiscal_year)) {
            let e = duplicate(dir, &d.department.code, d.fiscal_year);
            if strict {
                return Err(e);
            }
            collection.errors.push(e);
        }
    }
    collection.documents.sort_by(|a, b| {
        (&a.department.code, a.fiscal_year).cmp(&(&b.department.code, b.fiscal_year))
    });
    collection
        .documents
        .dedup_by(|a, b| a.department.code == b.department.code && a.fiscal_year == b.fiscal_year);
    if collection.documents.is_empty() {
        return Err(LoadError {
            file: dir.display().to_string(),
            place: String::new(),
            problem: format!(
                "none of its {} documents loaded (first: {})",
                files.len(),
                collection
                    .errors
                    .first()
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            ),
        });
    }
    Ok(collection)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn paths_sort_as_path_orders_them() {
        let names = [
            "d/a-b.json",
            "d/a/b.json",
            "d/a.b",
            "d/ab",
            "d/a",
            "d/a/a",
            "d/A",
            "d/b/0",
            "d/a!/x",
            "d/a b",
            "d/年/1",
            "d/a/b/c",
            "d/a0",
        ];
        let mut by_key: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut by_path = by_key.clone();
        super::sort_paths(&mut by_key);
        by_path.sort();
        assert_eq!(by_key, by_path);
    }
}
