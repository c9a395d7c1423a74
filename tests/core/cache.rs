//! The load cache: what a second open reuses, what invalidates an entry (touch, edit, delete,
//! add), cache files that must not be trusted (corrupt, truncated, another version), and
//! processes opening one folder at once. Every test uses its own cache folder.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};
use yusuan::cache::{self, Report};
use yusuan::core::collection::Collection;
use yusuan::open::open_dir_cached;

struct Scratch(PathBuf);

impl Scratch {
    /// A folder of 6 departments × 2 years, every file dated 2020 (well before any cache).
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("yusuan-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        crate::generate::write_all(&dir.join("data"), 6, &[2023, 2024], 7).unwrap();
        for f in files(&dir.join("data")) {
            set_mtime(&f, 0);
        }
        Scratch(dir)
    }
    fn data(&self) -> PathBuf {
        self.0.join("data")
    }
    fn cache(&self) -> PathBuf {
        self.0.join("cache")
    }
    fn open(&self) -> (Collection, Report) {
        open_dir_cached(&self.data(), false, &self.cache()).unwrap()
    }
    fn cache_file(&self) -> PathBuf {
        let root = std::fs::canonicalize(self.data()).unwrap();
        cache::file_for(&self.cache(), &root.display().to_string())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files under `dir`, recursively, sorted (the other cache tests use it too).
pub(crate) fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(files(&p));
        } else {
            v.push(p);
        }
    }
    v.sort();
    v
}

/// Sets a file's modification time to 2020-01-01 plus `secs`.
pub(crate) fn set_mtime(path: &Path, secs: u64) {
    let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800 + secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

/// The documents as JSON: what a reader of the collection can see.
fn json(c: &Collection) -> String {
    serde_json::to_string(&c.documents).unwrap()
}

fn fresh(s: &Scratch) -> String {
    json(&yusuan::open::open_dir(&s.data(), false).unwrap())
}

#[test]
fn a_second_open_reuses_every_document_exactly() {
    let s = Scratch::new("reuse");
    let (first, r) = s.open();
    assert_eq!(
        (r.cache_valid, r.read, r.reused, r.written),
        (false, 12, 0, true)
    );
    let (second, r) = s.open();
    assert_eq!(
        (r.cache_valid, r.read, r.reused, r.verified, r.written),
        (true, 0, 12, 0, false)
    );
    // Amounts keep their printed scale through the binary form (231.00 stays 231.00).
    assert_eq!(json(&first), json(&second));
    assert_eq!(json(&second), fresh(&s));
}

#[test]
fn a_touched_file_is_verified_by_its_hash_not_read() {
    let s = Scratch::new("touch");
    s.open();
    let f = &files(&s.data())[3];
    set_mtime(f, 100);
    let (c, r) = s.open();
    assert_eq!((r.read, r.reused, r.verified, r.written), (0, 12, 1, true));
    assert_eq!(json(&c), fresh(&s));
    // Its new time was kept: the next open hashes nothing.
    let (_, r) = s.open();
    assert_eq!((r.read, r.verified, r.written), (0, 0, false));
}

#[test]
fn an_edited_file_is_read_again_even_with_its_size_and_time_kept() {
    let s = Scratch::new("edit");
    s.open();
    let f = files(&s.data())[0].clone();
    let text = std::fs::read_to_string(&f).unwrap();
    // The department's name gains a letter; the time is set back as it was.
    let edited = text.replacen("\"name\":\"", "\"name\":\"X", 1);
    assert_ne!(text, edited);
    std::fs::write(&f, &edited).unwrap();
    set_mtime(&f, 0);
    let (c, r) = s.open();
    assert_eq!((r.read, r.reused), (1, 11), "{r:?}");
    assert_eq!(json(&c), fresh(&s));
    assert!(json(&c).contains("\"name\":\"X"));
}

#[test]
fn an_edit_keeping_size_and_time_is_read_once_the_time_moves() {
    let s = Scratch::new("same-size");
    s.open();
    let f = files(&s.data())[1].clone();
    let mut bytes = std::fs::read(&f).unwrap();
    // One digit of an amount changes: the size stays.
    let at = bytes.windows(9).position(|w| w == b"\"total\":\"").unwrap() + 9;
    bytes[at] = if bytes[at] == b'9' {
        b'1'
    } else {
        bytes[at] + 1
    };
    std::fs::write(&f, &bytes).unwrap();
    set_mtime(&f, 0);
    // Size and time as recorded, long before the cache was written: trusted without reading, as
    // make and git trust them (an editor always moves the time). A moved time is verified by
    // the hash, which sees the edit.
    let (_, r) = s.open();
    assert_eq!(r.read, 0);
    set_mtime(&f, 5);
    let (c, r) = s.open();
    assert_eq!((r.read, r.reused, r.verified), (1, 11, 0), "{r:?}");
    assert_eq!(json(&c), fresh(&s));
}

#[test]
fn a_deleted_file_drops_out_and_an_added_one_is_read() {
    let s = Scratch::new("delete-add");
    s.open();
    let all = files(&s.data());
    let moved = s.0.join("moved.json");
    std::fs::rename(&all[0], &moved).unwrap();
    let (c, r) = s.open();
    assert_eq!(
        (c.documents.len(), r.read, r.reused, r.written),
        (11, 0, 11, true)
    );
    assert_eq!(json(&c), fresh(&s));
    std::fs::rename(&moved, &all[0]).unwrap();
    let (c, r) = s.open();
    assert_eq!(
        (c.documents.len(), r.read, r.reused, r.written),
        (12, 1, 11, true)
    );
    assert_eq!(json(&c), fresh(&s));
}

/// Damages the cache file, then checks the next open ignores it, reads everything and rewrites
/// it, and the open after that trusts the rewritten one.
fn rebuilt_after(name: &str, damage: impl Fn(&mut Vec<u8>)) {
    let s = Scratch::new(name);
    s.open();
    let mut bytes = std::fs::read(s.cache_file()).unwrap();
    damage(&mut bytes);
    std::fs::write(s.cache_file(), &bytes).unwrap();
    let (c, r) = s.open();
    assert_eq!(
        (r.cache_valid, r.read, r.written),
        (false, 12, true),
        "{name}"
    );
    assert_eq!(json(&c), fresh(&s), "{name}");
    let (_, r) = s.open();
    assert_eq!((r.cache_valid, r.reused), (true, 12), "{name}");
}

#[test]
fn a_corrupt_cache_file_is_rebuilt() {
    rebuilt_after("corrupt", |b| {
        let mid = b.len() / 2;
        b[mid] ^= 0x55;
    });
    rebuilt_after("garbage", |b| *b = b"not a cache at all".to_vec());
    rebuilt_after("empty", |b| b.clear());
    rebuilt_after("first shard", |b| b[14] ^= 1);
    rebuilt_after("header", |b| {
        let at = b.len() - 20;
        b[at] ^= 1;
    });
}

#[test]
fn a_truncated_cache_file_is_rebuilt() {
    rebuilt_after("truncated", |b| b.truncate(b.len() - 100));
    rebuilt_after("truncated-header", |b| b.truncate(20));
    rebuilt_after("longer", |b| b.extend_from_slice(b"more"));
}

#[test]
fn a_cache_from_another_version_is_rebuilt() {
    // The header names yusuan's version; a well-formed header with another is not trusted.
    // The header is last: its length and hash are the file's last 12 bytes.
    rebuilt_after("version", |b| {
        let n = b.len();
        let len = u32::from_le_bytes(b[n - 12..n - 8].try_into().unwrap()) as usize;
        let head = &mut b[n - 12 - len..n - 12];
        let v = env!("CARGO_PKG_VERSION").as_bytes();
        let at = head.windows(v.len()).position(|w| w == v).unwrap();
        head[at] = if head[at] == b'9' { b'8' } else { b'9' };
        let sum = xxhash_rust::xxh3::xxh3_64(head).to_le_bytes();
        b[n - 8..].copy_from_slice(&sum);
    });
}

#[test]
fn a_cache_of_another_folder_is_not_used() {
    let s = Scratch::new("other-root");
    s.open();
    let other = Scratch::new("other-root-2");
    std::fs::create_dir_all(other.cache_file().parent().unwrap()).unwrap();
    std::fs::copy(s.cache_file(), other.cache_file()).unwrap();
    let (c, r) = other.open();
    assert!(!r.cache_valid);
    assert_eq!(json(&c), fresh(&other));
}

#[test]
fn an_unwritable_cache_folder_is_no_error() {
    let s = Scratch::new("unwritable");
    std::fs::write(s.cache(), b"a file where the folder should be").unwrap();
    let (c, r) = s.open();
    assert!(!r.written);
    assert_eq!(c.documents.len(), 12);
}

#[test]
fn processes_opening_one_folder_at_once_leave_a_valid_cache() {
    let s = Scratch::new("concurrent");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(["show", "2080505", "--data"])
            .arg(s.data())
            .arg("--cache-dir")
            .arg(s.cache())
            .output()
            .unwrap()
    };
    let expected = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["show", "2080505", "--no-cache", "--data"])
        .arg(s.data())
        .output()
        .unwrap()
        .stdout;
    for _ in 0..2 {
        let outs: Vec<_> = std::thread::scope(|sc| {
            let hs: Vec<_> = (0..4).map(|_| sc.spawn(run)).collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for o in outs {
            assert_eq!(o.status.code(), Some(0));
            assert_eq!(o.stdout, expected);
        }
    }
    let (c, r) = s.open();
    assert_eq!((r.cache_valid, r.reused), (true, 12));
    assert_eq!(json(&c), fresh(&s));
    // No temporary file is left behind.
    let left: Vec<_> = files(s.cache_file().parent().unwrap());
    assert_eq!(left, vec![s.cache_file()]);
}

#[test]
fn no_cache_writes_nothing() {
    let s = Scratch::new("no-cache");
    let o = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", "--no-cache", "--data"])
        .arg(s.data())
        .arg("--cache-dir")
        .arg(s.cache())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(!s.cache().exists());
}
