//! A folder's cache made a group of documents at a time without holding the folder
//! (`cache::stream`): what it answers is what the whole folder answers, across groups and
//! shards that span them; unchanged files are taken from the old cache; a folder out of order
//! is sorted in a second pass; a folder with a file that does not load or a duplicate is loaded
//! whole, as before.

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
    fn build(&self) -> Option<(Fresh, Report)> {
        let found = scan_dir(&self.data()).unwrap();
        stream::build(
            &self.data(),
            &found.files,
            open_path_hashed,
            &self.cache(),
            None,
        )
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
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yusuan"));
        cmd.args(args).arg("--data").arg(self.data());
        if cached {
            cmd.arg("--cache-dir").arg(self.cache());
        } else {
            cmd.arg("--no-cache");
        }
        let o = cmd.output().unwrap();
        (o.status.code(), String::from_utf8(o.stdout).unwrap())
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
        search::run_cached(&mut fresh, query, true, 1000, Lang::En, &mut b)
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
    streamed_is_the_folder(&s, fresh);
    // The cache it wrote is fresh: the next command reads it and nothing else.
    assert!(yusuan::open::fresh(&s.data(), &s.cache()).is_some());
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
fn a_folder_it_cannot_stream_is_loaded_whole() {
    let show = ["show", "2080505", "--json"];
    // A file that does not load: nothing written, and said as without a cache.
    let s = Scratch::generated("broken", 4);
    std::fs::write(s.data().join("zz-broken.json"), "{").unwrap();
    assert!(s.build().is_none());
    assert!(s.cache_files().is_empty());
    let (code, out) = s.run(&show, true);
    assert_eq!((code, out.clone()), s.run(&show, false));
    assert_eq!(code, Some(2), "{out}");

    // Two files for one department and year: found when sorting; the documents stay cached
    // (the whole load reads them from there) but the folder is not fresh.
    let s = Scratch::generated("duplicate", 4);
    let first = files(&s.data())[0].clone();
    std::fs::copy(&first, first.with_file_name("zz-again.json")).unwrap();
    assert!(s.build().is_none());
    assert!(yusuan::open::fresh(&s.data(), &s.cache()).is_none());
    let (code, out) = s.run(&show, true);
    assert_eq!((code, out.clone()), s.run(&show, false));
    assert_eq!(code, Some(2), "{out}");
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
