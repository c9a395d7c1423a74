//! `search QUERY` answered from a fresh cache's search index prints, byte for byte, what the
//! search over the loaded documents prints (`--no-cache`): on a generated folder and, when
//! ../shared holds them, on the 万里 PDFs. An edited file makes the cache stale and the answer
//! follows the edit.

use crate::cache::{files, set_mtime};
use std::path::PathBuf;
use std::process::Command;

/// Codes, a code prefix, names, pinyin, initials, several terms, nothing.
const QUERIES: [&str; 8] = [
    "2080505",
    "2080",
    "养老",
    "yanglao",
    "xzyx",
    "养老 2080",
    "公务接待费",
    "zzzzqqq",
];

/// Each query as JSON, as text, with a small limit, in English, and with every hit (the
/// later chunks' items too: ties rank in document order).
const FORMATS: [&[&str]; 5] = [
    &["--json"],
    &[],
    &["--limit", "3"],
    &["--lang", "en"],
    &["--json", "--limit", "1000"],
];

struct Scratch(PathBuf);

impl Scratch {
    /// 20 departments × 2 years (more than one chunk of items), every file dated 2020.
    fn generated(name: &str) -> Scratch {
        let s = Scratch::empty(name);
        crate::generate::write_all(&s.data(), 20, &[2023, 2024], 5).unwrap();
        for f in files(&s.data()) {
            set_mtime(&f, 0);
        }
        s
    }
    fn empty(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("yusuan-csearch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        Scratch(dir)
    }
    fn data(&self) -> PathBuf {
        self.0.join("data")
    }
    fn cache(&self) -> PathBuf {
        self.0.join("cache")
    }
    /// (exit code, stdout, stderr) of `search ARGS`, through the cache or not.
    fn search(&self, args: &[&str], cached: bool) -> (Option<i32>, String, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yusuan"));
        cmd.arg("search").args(args).arg("--data").arg(self.data());
        match cached {
            true => cmd.arg("--cache-dir").arg(self.cache()),
            false => cmd.arg("--no-cache"),
        };
        let o = cmd.output().unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (o.status.code(), text(o.stdout), text(o.stderr))
    }
    /// Whether the cache is fresh and its search index answers `query`.
    fn answers_from_cache(&self, query: &str) -> bool {
        let Some(fresh) = yusuan::open::fresh(&self.data(), &self.cache()) else {
            return false;
        };
        yusuan::cache::search::search(&fresh, query, 20).is_some()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every query in every format: the cached answer is the uncached one, exit code and stderr too.
fn same_answers(s: &Scratch, queries: &[&str], formats: &[&[&str]]) {
    // The first run writes the cache; the folder is fresh from then on.
    s.search(&["养老"], true);
    for &q in queries {
        assert!(s.answers_from_cache(q), "{q}: the fresh cache answers");
        for &format in formats {
            let mut args: Vec<&str> = q.split(' ').collect();
            args.extend_from_slice(format);
            let cached = s.search(&args, true);
            assert_eq!(cached, s.search(&args, false), "search {args:?}");
        }
    }
}

#[test]
fn the_cached_search_answers_as_the_documents_do() {
    same_answers(&Scratch::generated("generated"), &QUERIES, &FORMATS);
}

#[test]
fn the_cached_search_answers_as_the_wanli_documents_do() {
    let Some(pdfs) = crate::wanli::pdfs("the_cached_search_answers_as_the_wanli_documents_do")
    else {
        return;
    };
    let s = Scratch::empty("wanli");
    for p in pdfs {
        std::os::unix::fs::symlink(&p, s.data().join(p.file_name().unwrap())).unwrap();
    }
    // Fewer runs: every uncached one imports the three PDFs again.
    let queries = ["2080505", "2080", "养老", "yanglao", "养老 2080", "zzzzqqq"];
    same_answers(&s, &queries, &[&["--json", "--limit", "1000"], &[]]);
}

#[test]
fn an_edited_file_makes_the_cache_stale_and_the_answer_follows_it() {
    let s = Scratch::generated("edited");
    s.search(&["养老"], true);
    assert!(s.answers_from_cache("颐年"));
    assert_eq!(
        s.search(&["颐年"], true).0,
        Some(1),
        "nothing has the name yet"
    );
    // The same size (both names are two CJK chars), a later time.
    let file = files(&s.data()).remove(3);
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("养老", "颐年");
    std::fs::write(&file, text).unwrap();
    set_mtime(&file, 100);
    assert!(!s.answers_from_cache("颐年"), "the folder changed");
    let (code, out, _) = s.search(&["颐年", "--json"], true);
    assert_eq!(code, Some(0));
    assert_eq!(
        (code, out.clone()),
        {
            let (c, o, _) = s.search(&["颐年", "--json"], false);
            (c, o)
        },
        "the edit is found"
    );
    // That run rewrote the cache: fresh again, and its index has the edit.
    assert!(s.answers_from_cache("颐年"));
    assert_eq!(s.search(&["颐年", "--json"], true).1, out);
    assert_eq!(
        s.search(&["养老", "--json"], true),
        s.search(&["养老", "--json"], false)
    );
}
