//! A fresh cache (the folder unchanged since it was written) answers `show CODE` from its heads
//! and one code's rows: exactly what the whole folder answers, for every code, and only while
//! nothing changed (touch, edit, add, delete; a damaged cache file).

use std::path::{Path, PathBuf};
use std::process::Command;
use yusuan::cache::slices;
use yusuan::cli::many;
use yusuan::core::collection::Collection;
use yusuan::core::compare::{scope_table, Scope};
use yusuan::core::lang::Lang;
use yusuan::core::tree::Classification;
use yusuan::open::{fresh, open_dir, open_dir_cached};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("yusuan-fresh-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        Scratch(dir)
    }
    fn generated(name: &str) -> Scratch {
        let s = Scratch::new(name);
        crate::generate::write_all(&s.data(), 6, &[2023, 2024], 7).unwrap();
        for f in files(&s.data()) {
            set_old(&f);
        }
        s
    }
    fn data(&self) -> PathBuf {
        self.0.join("data")
    }
    fn cache(&self) -> PathBuf {
        self.0.join("cache")
    }
    fn is_fresh(&self) -> bool {
        fresh(&self.data(), &self.cache()).is_some()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

use crate::cache::files;

/// Dated 2020: well before the cache, so no file is "modified while the cache was written".
fn set_old(path: &Path) {
    crate::cache::set_mtime(path, 0);
}

/// `show CODE` over a collection, every way it prints: text and JSON, Chinese and English.
fn shown(c: &Collection, code: &str) -> Vec<(i32, String)> {
    let mut all = Vec::new();
    for json in [false, true] {
        for lang in [Lang::Zh, Lang::En] {
            let mut out = Vec::new();
            let exit = many::show(c, code, json, lang, &mut out).unwrap();
            all.push((exit, String::from_utf8(out).unwrap()));
        }
    }
    all
}

/// Every code the tables `show` reads print, plus one no document has.
fn codes(c: &Collection) -> Vec<String> {
    let mut codes: Vec<String> = c
        .documents
        .iter()
        .flat_map(|d| {
            [Classification::Functional, Classification::Economic]
                .into_iter()
                .filter_map(move |class| scope_table(d, class, Scope::AllFunds))
        })
        .flat_map(|t| t.each_section().flat_map(|s| s.rows.iter()))
        .filter_map(|r| r.code.as_deref().map(str::to_string))
        .collect();
    codes.sort();
    codes.dedup();
    codes.push("9999999".into());
    codes
}

/// Every code shown from the fresh cache's slices, or from the light documents a first run
/// makes, prints what the whole folder prints.
fn copy_of(c: &Collection) -> Collection {
    Collection {
        documents: c.documents.clone(),
        errors: Vec::new(),
    }
}

fn slices_show_what_the_folder_shows(s: &Scratch) -> usize {
    let (whole, _) = open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    assert!(whole.errors.is_empty(), "{:?}", whole.errors);
    let mut f = fresh(&s.data(), &s.cache()).expect("the folder is fresh after an open");
    let codes = codes(&whole);
    for code in &codes {
        let thin = slices::for_code(&mut f, code).expect("the slices decode");
        assert_eq!(thin.documents.len(), whole.documents.len());
        let expected = shown(&whole, code);
        assert_eq!(shown(&thin, code), expected, "show {code}");
        // The same rows taken from the documents in memory (a first run, --no-cache).
        assert_eq!(
            shown(&slices::light(copy_of(&whole), code), code),
            expected,
            "light {code}"
        );
    }
    codes.len()
}

#[test]
fn every_code_shows_the_same_from_the_slices() {
    let s = Scratch::generated("every-code");
    assert!(slices_show_what_the_folder_shows(&s) > 50);
}

#[test]
fn real_disclosures_show_the_same_from_the_slices() {
    let Some(pdfs) = crate::wanli::pdfs("real_disclosures_show_the_same_from_the_slices") else {
        return;
    };
    // Every PDF of ../shared but the faulty copy of the 决算, which claims the same department
    // and year as the published one (a folder with a duplicate is never fresh).
    let dir = pdfs[0].parent().unwrap();
    let s = Scratch::new("real");
    for p in files(dir) {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".pdf") && !name.contains("faulty") {
            std::os::unix::fs::symlink(&p, s.data().join(&name)).unwrap();
        }
    }
    assert!(slices_show_what_the_folder_shows(&s) > 100);
}

#[test]
fn fresh_only_while_nothing_changed() {
    let s = Scratch::generated("changes");
    assert!(!s.is_fresh(), "no cache yet");
    open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    assert!(s.is_fresh());
    let first = files(&s.data())[0].clone();

    // A touch: not fresh until an open has verified the file by its hash.
    std::fs::File::options()
        .write(true)
        .open(&first)
        .unwrap()
        .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000))
        .unwrap();
    assert!(!s.is_fresh());
    open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    assert!(s.is_fresh());

    // A file added, then deleted.
    let copy = s.data().join("zz-copy.json");
    let text = std::fs::read_to_string(&first).unwrap();
    let other = text.replacen("\"code\":\"", "\"code\":\"Z", 1);
    assert_ne!(text, other);
    std::fs::write(&copy, other).unwrap();
    set_old(&copy);
    assert!(!s.is_fresh());
    open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    assert!(s.is_fresh());
    std::fs::remove_file(&copy).unwrap();
    assert!(!s.is_fresh());
    open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    assert!(s.is_fresh());

    // A file that does not load: the folder is never fresh, the error is reported every time.
    std::fs::write(s.data().join("broken.json"), "{").unwrap();
    let (c, _) = open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    assert_eq!(c.errors.len(), 1);
    assert!(!s.is_fresh());
}

#[test]
fn a_damaged_cache_file_is_not_fresh() {
    let s = Scratch::generated("damaged");
    open_dir_cached(&s.data(), false, &s.cache()).unwrap();
    let file = files(&s.cache().join("folders"))[0].clone();
    let good = std::fs::read(&file).unwrap();
    // A byte flipped in one code's rows, and the file cut short.
    let codes = codes(&open_dir(&s.data(), false).unwrap());
    let damaged = &codes[codes.len() / 2];
    let (at, len) = fresh(&s.data(), &s.cache())
        .unwrap()
        .file()
        .span(&format!("slices/code/{damaged}/0"))
        .unwrap();
    let mut flipped = good.clone();
    flipped[(at + len / 2) as usize] ^= 0x55;
    std::fs::write(&file, &flipped).unwrap();
    let code = "2080505";
    // The header and the stamps still check; the damaged part is not taken for "no such
    // code": it is refused, and the caller loads the folder.
    let mut f = fresh(&s.data(), &s.cache()).expect("header and stamps are intact");
    assert!(slices::for_code(&mut f, damaged).is_none(), "{damaged}");
    assert!(slices::for_code(&mut f, &codes[0]).is_some());
    assert!(
        slices::for_code(&mut f, "9999999").is_some(),
        "absent, not damaged"
    );
    std::fs::write(&file, &good[..good.len() / 2]).unwrap();
    assert!(!s.is_fresh(), "a truncated file");
    // And the binary still answers, the same as without a cache.
    let run = |extra: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yusuan"));
        cmd.args(["show", code, "--data"]).arg(s.data()).args(extra);
        crate::run::succeeds(&mut cmd).stdout
    };
    let cache = s.cache().display().to_string();
    assert_eq!(run(&["--cache-dir", &cache]), run(&["--no-cache"]));
    assert!(s.is_fresh(), "rewritten by that run");
    assert_eq!(run(&["--cache-dir", &cache]), run(&["--no-cache"]));
}

/// Exit code, stdout and stderr of `check` on the folder.
fn check(s: &Scratch, extra: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .arg("check")
        .arg("--data")
        .arg(s.data())
        .args(extra)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (o.status.code(), text(o.stdout), text(o.stderr))
}

/// `check` (text) from the summary kept beside a fresh cache prints what a check of the folder
/// prints, exit code included, and follows an edit.
#[test]
fn check_from_the_kept_summary_is_the_folder_check() {
    let s = Scratch::generated("checks");
    let cache = s.cache().display().to_string();
    let run = |extra: &[&str]| {
        let (code, out, _) = check(&s, extra);
        (code, out)
    };
    let kept = s.cache().join("folders");
    for lang in ["zh", "en"] {
        let plain = run(&["--no-cache", "--lang", lang]);
        assert_eq!(plain.0, Some(0));
        assert!(plain.1.lines().count() > 12, "{}", plain.1);
        // The cache written, then the summary kept, then read.
        for _ in 0..3 {
            assert_eq!(run(&["--cache-dir", &cache, "--lang", lang]), plain);
        }
    }
    assert!(files(&kept)
        .iter()
        .any(|f| f.to_string_lossy().ends_with(".checks.bin")));
    // An amount changed: a parent no longer equals the sum of its children.
    let f = files(&s.data())[0].clone();
    let text = std::fs::read_to_string(&f).unwrap();
    let at = text.find("\"total\":\"").unwrap() + 9;
    let edited = format!("{}9{}", &text[..at], &text[at..]);
    std::fs::write(&f, edited).unwrap();
    set_old(&f);
    let plain = run(&["--no-cache"]);
    assert_eq!(plain.0, Some(1), "{}", plain.1);
    assert_eq!(run(&["--cache-dir", &cache]), plain);
    assert_eq!(run(&["--cache-dir", &cache]), plain);
}

/// A folder with a file that does not load: the first `check` (the whole folder loaded) records
/// the file in the cache it writes and keeps the summary beside it, so the next `check` prints
/// from the summary; both print what a check of the folder prints: stdout, the warning, exit 2
/// (0 with --skip-bad). `--strict` is the whole load's error every time.
#[test]
fn check_with_a_file_that_does_not_load_is_kept_too() {
    let s = Scratch::generated("checks-broken");
    let broken = s.data().join("zz-broken.json");
    std::fs::write(&broken, "{ not json").unwrap();
    set_old(&broken);
    let cache = s.cache().display().to_string();
    let run = |extra: &[&str]| check(&s, extra);
    let plain = run(&["--no-cache"]);
    assert_eq!(plain.0, Some(2), "{plain:?}");
    assert!(plain.2.contains("zz-broken.json"), "{}", plain.2);
    assert!(plain.1.lines().count() > 12, "{}", plain.1);
    let kept = |s: &Scratch| {
        files(&s.cache().join("folders"))
            .iter()
            .any(|f| f.to_string_lossy().ends_with(".checks.bin"))
    };
    // The first run loads the folder whole, writes the cache with the failed file, keeps the
    // summary; the later ones read it.
    assert_eq!(run(&["--cache-dir", &cache]), plain);
    assert!(s.is_fresh(), "the whole load recorded the failed file");
    assert!(kept(&s), "the summary kept by the first run");
    assert_eq!(run(&["--cache-dir", &cache]), plain);
    assert_eq!(run(&["--cache-dir", &cache]), plain);
    let skip = run(&["--cache-dir", &cache, "--skip-bad"]);
    assert_eq!(skip, run(&["--no-cache", "--skip-bad"]));
    assert_eq!(skip.0, Some(0));
    let strict = run(&["--cache-dir", &cache, "--strict"]);
    assert_eq!(strict, run(&["--no-cache", "--strict"]));
    assert_eq!(strict.0, Some(2));
}
