//! A folder's cache made a group of documents at a time without holding the folder
//! (`cache::stream`): what it answers is what the whole folder answers, across groups and
//! shards that span them; unchanged files are taken from the old cache; a folder out of order
//! is sorted in a second pass; a file that does not load is recorded as failed and said again on
//! every open; a folder with a duplicate is loaded whole, as before.

use crate::cache::{files, set_mtime};
use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::cache::documents::CachedDocuments;
use yusuan::cache::fresh::Fresh;
use yusuan::cache::{slices, stream, Report};
use yusuan::cli::{many, search};
use yusuan::core::collection::Collection;
use yusuan::core::lang::Lang;
use yusuan::open::{open_dir, open_path_hashed, scan_dir};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("yusuan-stream-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        Scratch(dir)
    }
    /// `departments` × 2023, 2024, every file dated 2020 (long before any cache).
    fn generated(name: &str, departments: usize) -> Scratch {
        let s = Scratch::new(name);
        crate::generate::write_all(&s.data(), departments, &[2023, 2024], 11).unwrap();
        for f in files(&s.data()) {
            set_mtime(&f, 0);
        }
        s
    }
    fn data(&self) -> PathBuf {
        self.0.join("data")
    }
    fn cache(&self) -> PathBuf {
        self.0.join("cache")
    }
    /// As `search` and the browser build: the search index in the same pass.
    fn build(&self) -> Option<(Fresh, Report)> {
        self.build_with(true)
    }
    /// As `show` builds: without the search index (the first search builds it).
    fn build_for_show(&self) -> Option<(Fresh, Report)> {
        self.build_with(false)
    }
    /// What `--strict` gives: the fresh cache, or the whole load's error.
    fn strict(&self) -> Result<Option<Fresh>, yusuan::core::load::LoadError> {
        yusuan::open::fresh_or_build(&self.data(), &self.cache(), true, true, None)
    }
    fn build_with(&self, search: bool) -> Option<(Fresh, Report)> {
        let found = scan_dir(&self.data()).unwrap();
        stream::build(
            &self.data(),
            &found.files,
            open_path_hashed,
            &self.cache(),
            search,
            None,
        )
    }
    /// The search index's file beside the cache, if there is one.
    fn index_file(&self) -> Option<PathBuf> {
        let found = self.cache_files();
        let index: Vec<_> = found
            .into_iter()
            .filter(|f| f.to_string_lossy().ends_with(".search.bin"))
            .collect();
        assert!(index.len() <= 1, "{index:?}");
        index.into_iter().next()
    }
    fn cache_files(&self) -> Vec<PathBuf> {
        let dir = self.cache().join("folders");
        if dir.exists() {
            files(&dir)
        } else {
            Vec::new()
        }
    }
    /// stdout and exit code of the binary on this folder, through the cache or not.
    fn run(&self, args: &[&str], cached: bool) -> (Option<i32>, String) {
        let (code, out, _) = self.run_all(args, cached);
        (code, out)
    }
    /// Exit code, stdout and stderr.
    fn run_all(&self, args: &[&str], cached: bool) -> (Option<i32>, String, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yusuan"));
        cmd.args(args).arg("--data").arg(self.data());
        if cached {
            cmd.arg("--cache-dir").arg(self.cache());
        } else {
            cmd.arg("--no-cache");
        }
        let o = cmd.output().unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (o.status.code(), text(o.stdout), text(o.stderr))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn shown(c: &Collection, code: &str) -> String {
    let mut out = Vec::new();
    many::show(c, code, true, Lang::Zh, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every document, card, `show` and `search` of a streamed cache is the whole folder's.
fn streamed_is_the_folder(s: &Scratch, mut fresh: Fresh) {
    let whole = open_dir(&s.data(), false).unwrap();
    assert_eq!(fresh.documents, whole.documents.len());
    for code in ["2080505", "208", "30101", "2010350", "9999999"] {
        let thin = slices::for_code(&mut fresh, code).expect("the slices read");
        assert_eq!(shown(&thin, code), shown(&whole, code), "show {code}");
    }
    let docs: Vec<_> = whole.documents.iter().collect();
    for query in ["2080505", "养老", "yanglao", "公务接待费"] {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        search::run(&docs, query, true, 1000, Lang::En, &mut a).unwrap();
        search::run_cached(&fresh, query, true, 1000, Lang::En, &mut b, || {})
            .expect("the index reads")
            .unwrap();
        assert_eq!(String::from_utf8(b), String::from_utf8(a), "search {query}");
    }
    let cached = CachedDocuments::open(fresh).expect("the documents read");
    assert_eq!(cached.len(), whole.documents.len());
    for (i, doc) in whole.documents.iter().enumerate() {
        let read = cached.document(i).expect("reads");
        assert_eq!(
            serde_json::to_string(&*read).unwrap(),
            serde_json::to_string(doc).unwrap(),
            "document {i}"
        );
    }
}

#[test]
fn a_streamed_cache_answers_what_the_whole_folder_answers() {
    // 2,200 documents: two groups, the second short, and shards across the groups' border.
    let s = Scratch::generated("across-groups", 1100);
    let (fresh, report) = s.build().expect("a folder in order streams");
    assert_eq!(
        (
            report.cache_valid,
            report.read,
            report.reused,
            report.written
        ),
        (false, 2200, 0, true)
    );
    assert!(
        s.index_file().is_some(),
        "the index is written in the same pass"
    );
    streamed_is_the_folder(&s, fresh);
    // The cache it wrote is fresh: the next command reads it and nothing else.
    assert!(yusuan::open::fresh(&s.data(), &s.cache()).is_some());
}

#[test]
fn a_cache_written_for_show_has_its_index_built_by_the_first_search() {
    // Two groups of the cache's documents, the second short, read back into the index.
    let s = Scratch::generated("show-first", 1100);
    let (fresh, _) = s.build_for_show().expect("a folder in order streams");
    assert_eq!(s.index_file(), None, "show does not write the index");
    // The first search builds it from the cache's documents, then every answer is the folder's.
    streamed_is_the_folder(&s, fresh);
    let index = s.index_file().expect("the first search wrote the index");
    let before = std::fs::metadata(&index).unwrap().modified().unwrap();
    let search = ["search", "yanglao", "--json"];
    let expected = s.run(&search, false);
    assert_eq!(s.run(&search, true), expected);
    assert_eq!(
        std::fs::metadata(&index).unwrap().modified().unwrap(),
        before,
        "a later search reads the index, it does not build it again"
    );
    // An index that is not this cache's (the cache written again since) is built again.
    let old_index = std::fs::read(&index).unwrap();
    s.build_for_show().expect("streams again");
    std::fs::write(&index, &old_index).unwrap();
    assert_eq!(s.run(&search, true), expected);
    assert_ne!(std::fs::read(&index).unwrap(), old_index, "built again");
    // A damaged index is built again too.
    let mut bytes = std::fs::read(&index).unwrap();
    let good = bytes.len();
    for b in &mut bytes[8..] {
        *b ^= 0x55;
    }
    std::fs::write(&index, &bytes).unwrap();
    assert_eq!(s.run(&search, true), expected);
    let again = std::fs::read(&index).unwrap();
    assert_eq!(again.len(), good, "written whole again");
    assert_ne!(again, bytes);
    // A damaged chunk of items (the index opens, a hit's chunk does not read): built again.
    let root = std::fs::canonicalize(s.data())
        .unwrap()
        .display()
        .to_string();
    let side = yusuan::cache::file::Opened::open(&index, &format!("{root}#search")).unwrap();
    let (at, len) = side.span("search/items/0").expect("the first chunk");
    drop(side);
    let mut bytes = again.clone();
    for b in &mut bytes[at as usize..(at + len) as usize] {
        *b ^= 0x55;
    }
    std::fs::write(&index, &bytes).unwrap();
    assert_eq!(s.run(&search, true), expected);
    assert_eq!(
        std::fs::read(&index).unwrap().len(),
        good,
        "written whole again"
    );
    assert_ne!(std::fs::read(&index).unwrap(), bytes);
}

#[test]
fn unchanged_files_are_taken_from_the_old_cache() {
    let s = Scratch::generated("reuse", 30);
    s.build().expect("streams");
    let all = files(&s.data());
    // One file edited (its first amount), one only touched.
    let edited = &all[7];
    let text = std::fs::read_to_string(edited).unwrap();
    let at = text.find("\"total\":\"").unwrap() + 9;
    std::fs::write(edited, format!("{}9{}", &text[..at], &text[at..])).unwrap();
    set_mtime(edited, 0);
    let touched = &all[20];
    set_mtime(touched, 1);
    let (fresh, report) = s.build().expect("streams again");
    assert_eq!(
        (
            report.cache_valid,
            report.read,
            report.reused,
            report.verified
        ),
        (true, 1, 59, 1)
    );
    streamed_is_the_folder(&s, fresh);
}

#[test]
fn a_folder_out_of_order_is_sorted_in_a_second_pass() {
    // Year first: the files' order is not the documents' (by department, then year).
    let s = Scratch::generated("year-first", 1100);
    for f in files(&s.data()) {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let year = &name[name.len() - 9..name.len() - 5];
        let dir = s.data().join(year);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::rename(&f, dir.join(&name)).unwrap();
    }
    let (fresh, report) = s.build().expect("streams, then sorts");
    assert_eq!((report.read, report.written), (2200, true));
    streamed_is_the_folder(&s, fresh);
    assert!(yusuan::open::fresh(&s.data(), &s.cache()).is_some());
    let show = ["show", "2080505", "--json"];
    assert_eq!(s.run(&show, true), s.run(&show, false));
}

#[test]
fn a_file_that_does_not_load_is_cached_as_failed_and_said_every_time() {
    let show = ["show", "208", "--json"];
    let s = Scratch::generated("broken", 4);
    let broken = s.data().join("zz-broken.json");
    std::fs::write(&broken, "{").unwrap();
    set_mtime(&broken, 0);
    // Strict: the whole load's error, from the stream (the folder is not loaded), and the
    // cache is written with it, so the next run gives it at once.
    let whole = yusuan::open::open_dir(&s.data(), true).unwrap_err();
    assert!(whole.file.ends_with("zz-broken.json"), "{whole}");
    assert_eq!(s.strict().err(), Some(whole.clone()));
    assert!(yusuan::open::fresh(&s.data(), &s.cache()).is_some());
    assert_eq!(s.strict().err(), Some(whole));
    std::fs::remove_dir_all(s.cache()).unwrap();
    let (fresh, report) = s.build().expect("streams the files that load");
    assert_eq!((fresh.documents, report.read), (8, 8));
    assert_eq!(fresh.errors.len(), 1);
    assert!(
        fresh.errors[0].file.ends_with("zz-broken.json"),
        "{:?}",
        fresh.errors
    );
    streamed_is_the_folder(&s, fresh);
    // Fresh with its failure: said again, as the whole load says it, exit 2.
    let again = yusuan::open::fresh(&s.data(), &s.cache()).expect("fresh");
    assert_eq!(again.errors.len(), 1);
    let plain = s.run_all(&show, false);
    assert_eq!(plain.0, Some(2));
    assert!(plain.1.len() > 100, "{}", plain.1);
    assert!(plain.2.contains("zz-broken.json"), "{}", plain.2);
    for _ in 0..2 {
        assert_eq!(s.run_all(&show, true), plain);
    }
    let search = ["search", "yanglao", "--json"];
    assert_eq!(s.run_all(&search, true), s.run_all(&search, false));
    let skip = ["show", "208", "--skip-bad"];
    assert_eq!(s.run_all(&skip, true), s.run_all(&skip, false));
    assert_eq!(s.run_all(&skip, true).0, Some(0));
    let strict = ["show", "208", "--strict"];
    assert_eq!(s.run_all(&strict, true), s.run_all(&strict, false));
    // The whole load records the file that did not load too: its cache is fresh, with the
    // error said again.
    std::fs::remove_dir_all(s.cache()).unwrap();
    let (c, _) = yusuan::open::open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    assert_eq!(c.errors.len(), 1);
    let again = yusuan::open::fresh(&s.data(), &s.cache()).expect("fresh");
    assert_eq!(again.errors, c.errors);
    assert_eq!(s.run_all(&show, true), plain);
    // A cache the whole load wrote without stamps (a second file for a department and year,
    // which it leaves out to find again): every file is read again, and the folder streams.
    let twice = s.data().join("zz-twice.json");
    std::fs::copy(&files(&s.data())[0], &twice).unwrap();
    set_mtime(&twice, 0);
    std::fs::remove_dir_all(s.cache()).unwrap();
    let (c, _) = yusuan::open::open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    assert_eq!(c.errors.len(), 2);
    assert!(yusuan::open::fresh(&s.data(), &s.cache()).is_none());
    let (fresh, report) = s.build().expect("streams over a cache without stamps");
    assert_eq!(
        (report.cache_valid, report.read, report.reused),
        (true, 9, 0)
    );
    assert_eq!(fresh.errors, c.errors);
    std::fs::remove_file(&twice).unwrap();
    s.build().expect("streams");
    // Mended: no longer fresh, read again, no error.
    let good = files(&s.data())[0].clone();
    let text = std::fs::read_to_string(&good)
        .unwrap()
        .replacen("\"code\":\"", "\"code\":\"Z", 1);
    std::fs::write(&broken, text).unwrap();
    set_mtime(&broken, 0);
    assert!(yusuan::open::fresh(&s.data(), &s.cache()).is_none());
    let (fresh, report) = s.build().expect("streams");
    assert!(fresh.errors.is_empty());
    assert_eq!((fresh.documents, report.read, report.reused), (9, 1, 8));
}

#[test]
fn a_second_file_for_a_department_and_year_is_skipped_as_the_whole_load_skips_it() {
    // Right after its first (found while the files are in order), and last (found when
    // sorting): either way the first in the files' order is kept, the other recorded with the
    // whole load's error, and the folder is fresh with it.
    for (name, copy) in [
        ("twice-adjacent", "a.json"),
        ("twice-sorted", "zz-again.json"),
    ] {
        let s = Scratch::generated(name, 4);
        let first = files(&s.data())[0].clone();
        let again = match copy {
            "a.json" => first.with_extension("a.json"),
            _ => first.with_file_name(copy),
        };
        // Another document of the same department and year: which one is kept shows.
        let text = std::fs::read_to_string(&first).unwrap();
        let at = text.find("\"total\":\"").unwrap() + 9;
        std::fs::write(&again, format!("{}9{}", &text[..at], &text[at..])).unwrap();
        set_mtime(&again, 0);
        assert_eq!(files(&s.data()).len(), 9);
        let (fresh, report) = s.build().expect("streams");
        assert_eq!(
            (fresh.documents, fresh.errors.len(), report.read),
            (8, 1, 9),
            "{name}"
        );
        assert!(
            fresh.errors[0]
                .to_string()
                .contains("two documents for the same department and year"),
            "{}",
            fresh.errors[0]
        );
        streamed_is_the_folder(&s, fresh);
        let again = yusuan::open::fresh(&s.data(), &s.cache()).expect("fresh");
        assert_eq!(again.errors.len(), 1);
        for args in [
            &["show", "208", "--json"][..],
            &["show", "208", "--skip-bad"],
            &["show", "208", "--strict"],
            &["search", "yanglao", "--json"],
        ] {
            let plain = s.run_all(args, false);
            assert_eq!(s.run_all(args, true), plain, "{name} {args:?}");
        }
        let plain = s.run_all(&["show", "208"], false);
        assert_eq!(plain.0, Some(2), "{plain:?}");
        assert!(plain.2.contains("two documents"), "{}", plain.2);
        assert_eq!(s.run_all(&["show", "208", "--skip-bad"], true).0, Some(0));
        // With --strict, the whole load's error, from the stream and then from the cache.
        let whole = yusuan::open::open_dir(&s.data(), true).unwrap_err();
        assert!(whole.problem.contains("two documents"), "{whole}");
        std::fs::remove_dir_all(s.cache()).unwrap();
        assert_eq!(s.strict().err(), Some(whole.clone()), "{name}");
        assert_eq!(s.strict().err(), Some(whole), "{name}");
    }
}

/// A folder's listing and this test's names agree (the year is the name's last four digits
/// before `.json`), or the year-first layout above would not be one.
#[test]
fn generated_files_are_named_by_department_then_year() {
    let s = Scratch::generated("names", 2);
    let names: Vec<String> = files(&s.data())
        .iter()
        .map(|f| f.strip_prefix(s.data()).unwrap().display().to_string())
        .collect();
    assert_eq!(names.len(), 4);
    assert!(names
        .iter()
        .all(|n| n.ends_with("_2023.json") || n.ends_with("_2024.json")));
    assert!(Path::new(&names[0]).components().count() == 2, "{names:?}");
}
