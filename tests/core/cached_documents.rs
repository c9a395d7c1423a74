//! A fresh cache's documents read one at a time (`cache::documents`), for the browser: each is
//! the document the whole folder has, however it is reached (alone, the shard read through
//! first, or all in order), the search answers as the cached search does, and a cache file
//! damaged underneath gives `None`, never a panic.

use std::path::PathBuf;
use yusuan::cache::documents::CachedDocuments;
use yusuan::core::collection::Collection;
use yusuan::open::{fresh, open_dir, open_dir_cached};

struct Scratch(PathBuf);

impl Scratch {
    /// 100 departments × 2 years: several shards (a shard holds at least 64 documents).
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("yusuan-cached-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let s = Scratch(dir);
        crate::generate::write_all(&s.data(), 100, &[2023, 2024], 5).unwrap();
        for f in crate::cache::files(&s.data()) {
            crate::cache::set_mtime(&f, 0);
        }
        open_dir_cached(&s.data(), false, &s.cache()).unwrap();
        s
    }
    fn data(&self) -> PathBuf {
        self.0.join("data")
    }
    fn cache(&self) -> PathBuf {
        self.0.join("cache")
    }
    fn documents(&self) -> CachedDocuments {
        CachedDocuments::open(fresh(&self.data(), &self.cache()).expect("fresh")).expect("opens")
    }
    fn file(&self) -> PathBuf {
        crate::cache::files(&self.cache().join("folders"))[0].clone()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn bytes(d: &yusuan::core::document::Document) -> Vec<u8> {
    rmp_serde::to_vec_named(d).unwrap()
}

fn whole(s: &Scratch) -> Collection {
    open_dir(&s.data(), false).unwrap()
}

#[test]
fn every_document_is_the_folder_s_however_it_is_reached() {
    let s = Scratch::new("same");
    let c = whole(&s);
    assert_eq!(c.documents.len(), 200);
    // From the end backwards: each shard read through first for a document in its middle.
    let docs = s.documents();
    assert_eq!(docs.len(), 200);
    for i in (0..200).rev() {
        let d = docs.document(i).expect("reads");
        assert_eq!(bytes(&d), bytes(&c.documents[i]), "document {i}");
    }
    assert!(docs.document(200).is_none());
    // Every document in order, on a fresh reader (shards read through) and on this one (spots).
    for docs in [s.documents(), docs] {
        let mut seen = Vec::new();
        docs.each(|i| i % 3 != 1, |i, d| seen.push((i, bytes(&d))))
            .expect("reads");
        let expected: Vec<_> = (0..200)
            .filter(|i| i % 3 != 1)
            .map(|i| (i, bytes(&c.documents[i])))
            .collect();
        assert_eq!(seen, expected);
    }
}

#[test]
fn the_search_is_the_cached_search() {
    let s = Scratch::new("search");
    let docs = s.documents();
    for query in ["2080505", "养老", "yanglao", "zzzz"] {
        let f = fresh(&s.data(), &s.cache()).unwrap();
        let expected = yusuan::cache::search::search(&f, query, 50).unwrap();
        let got = docs.search(query, 50).unwrap();
        let names = |f: &yusuan::cache::search::Found| {
            f.hits
                .iter()
                .map(|(h, i, d)| (h.item, i.name.clone(), d.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&got), names(&expected), "{query}");
    }
}

#[test]
fn a_cache_damaged_underneath_gives_nothing_never_a_panic() {
    let s = Scratch::new("damaged");
    let docs = s.documents();
    // Spots noted for the last shard; then every byte after the magic flipped in place.
    assert!(docs.document(199).is_some());
    let file = s.file();
    let mut bytes = std::fs::read(&file).unwrap();
    let end = bytes.len();
    for b in &mut bytes[8..end] {
        *b ^= 0x55;
    }
    std::fs::write(&file, &bytes).unwrap();
    for i in [1, 100, 150, 198] {
        assert!(docs.document(i).is_none(), "document {i}");
    }
    assert!(docs.each(|_| true, |_, _| {}).is_none());
    // Cut short: reads past the end fail too.
    std::fs::write(&file, &bytes[..100]).unwrap();
    assert!(docs.document(2).is_none());
    assert!(docs.each(|_| true, |_, _| {}).is_none());
    // The one kept is still shown.
    assert!(docs.document(199).is_some());
}
