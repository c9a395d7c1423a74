//! A folder's search index kept in the cache, so that `search QUERY` on a fresh cache matches
//! without building a single item: matching needs only the distinct names and codes and, per
//! item, which of them it has (`Keys`); the items themselves are stored in chunks (the items of
//! a few documents each), and only the chunks holding hits are decoded.
//!
//! The same `Keys::search` ranks both this index and the one built from the documents, so the
//! answers are the same: tests compare the two outputs byte for byte.
//!
//! The index is a file of its own beside the cache (`fresh::Fresh::beside_file`), tied to it by
//! the moment it was written. Building it is a third of the work of caching a folder, which
//! `show` does not need: a first `show` writes the cache without it, and the first `search` (or
//! browser) that wants it builds it from the cache's documents, a group at a time.

use super::build::GROUP;
use super::file::{decode, Opened};
use super::fresh::Fresh;
use super::progress::Progress;
use super::write::Writer;
use crate::core::amount::Amount;
use crate::core::document::Document;
use crate::core::lang::Phrase;
use crate::core::progress::Counter;
use crate::core::search::{items_of, Hit, Interner, Item, Keys, Target};
use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::sync::Mutex;

/// The name of the file beside the cache that holds the index.
const SIDE: &str = "search";

const HEAD: &str = "search/head";
/// Per item its name id and code id, u32 little-endian each: read as they are, not decoded.
const IDS: &str = "search/ids";
/// Documents per chunk of items: a hit decodes its chunk (a few thousand items at most).
pub(super) const DOCS_PER_CHUNK: usize = 32;

fn chunk_part(i: usize) -> String {
    format!("search/items/{i}")
}

#[derive(Serialize, Deserialize)]
struct Head {
    /// The distinct names and codes as the items write them.
    names: Vec<String>,
    codes: Vec<String>,
    /// Per document what a hit prints of it: department code, department name, fiscal year.
    docs: Vec<(String, String, i32)>,
    /// The first item of each chunk, then the number of items.
    starts: Vec<u32>,
}

/// The items of a few documents. Their places and tables repeat (every document of a template
/// prints the same), so each distinct pair is kept once.
#[derive(Serialize, Deserialize)]
struct Items {
    /// The first document's index: items say theirs from it (one byte, not three).
    first: u32,
    places: Vec<Place>,
    items: Vec<Stored>,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, Hash)]
struct Place {
    #[serde(with = "crate::core::lang::phrase_parts")]
    place: Phrase,
    tables: Vec<String>,
}

/// An item without its name and code (they are the keys'), its year (its document's) and its
/// place (the chunk's `places[place]`).
#[derive(Serialize, Deserialize)]
struct Stored {
    /// From the chunk's first document.
    doc: u32,
    place: u32,
    target: Target,
    amount: Option<Amount>,
    prev_amount: Option<Amount>,
}

/// One chunk, encoded, with its items' names and codes as ids into its own distinct lists.
pub(super) struct Chunk {
    bytes: Vec<u8>,
    ids: Vec<(u32, u32)>,
    names: Vec<String>,
    codes: Vec<String>,
}

/// The index written a chunk at a time, in the documents' order (see `build`): each chunk is
/// written as soon as it is encoded, so that the folder's items are never in memory together,
/// and its names and codes are made the folder's ids.
pub(super) struct IndexWriter {
    /// The file beside the cache, and the root it is written for.
    side: Writer,
    root: String,
    interner: Interner,
    ids: Vec<u8>,
    starts: Vec<u32>,
    items: u32,
    docs: Vec<(String, String, i32)>,
}

impl IndexWriter {
    /// The index of the cache file at `path`, for folder `root`, to be written beside it.
    pub(super) fn create(path: &std::path::Path, root: &str) -> Option<IndexWriter> {
        let (side, root) = super::fresh::beside_names(path, root, SIDE);
        Some(IndexWriter {
            side: Writer::create(&side)?,
            root,
            interner: Interner::default(),
            ids: Vec::new(),
            starts: Vec::new(),
            items: 0,
            docs: Vec::new(),
        })
    }

    /// The next documents' heads (what a hit prints of them).
    pub(super) fn documents(&mut self, docs: &[Document]) {
        self.docs.extend(docs.iter().map(|d| {
            let dept = &d.department;
            (dept.code.clone(), dept.name.clone(), d.fiscal_year)
        }));
    }

    /// The next chunk.
    pub(super) fn chunk(&mut self, chunk: Chunk) -> Option<()> {
        let interner = &mut self.interner;
        let names: Vec<u32> = chunk.names.iter().map(|n| interner.name(n)).collect();
        let codes: Vec<u32> = chunk.codes.iter().map(|c| interner.code(c)).collect();
        self.side
            .extra(&chunk_part(self.starts.len()), &chunk.bytes)?;
        self.starts.push(self.items);
        for (n, c) in chunk.ids {
            let code = codes
                .get(c as usize)
                .copied()
                .unwrap_or(crate::core::search::NO_CODE);
            self.ids
                .extend_from_slice(&names.get(n as usize)?.to_le_bytes());
            self.ids.extend_from_slice(&code.to_le_bytes());
            self.items += 1;
        }
        Some(())
    }

    /// The next documents (the first being document `first`), their chunks encoded on every
    /// core: the index of a folder already cached (`build`) does it without the cache's
    /// other parts.
    fn group(&mut self, first: usize, docs: &[Document]) -> Option<()> {
        self.documents(docs);
        let chunks: Vec<(usize, &[Document])> = docs
            .chunks(DOCS_PER_CHUNK)
            .enumerate()
            .map(|(k, chunk)| (first + k * DOCS_PER_CHUNK, chunk))
            .collect();
        crate::core::parallel::for_each_in_order(
            &chunks,
            super::build::WINDOW,
            |&(first, docs)| encode_chunk(first, docs),
            |_, chunk| self.chunk(chunk.ok_or(())?).ok_or(()),
        )
        .ok()
    }

    /// The head and the ids, once every chunk is written, and the file put in place, for the
    /// cache written at `written_ns`.
    pub(super) fn finish(mut self, written_ns: i128) -> Option<()> {
        self.starts.push(self.items);
        let (names, codes) = self.interner.into_parts();
        let head = Head {
            names,
            codes,
            docs: self.docs,
            starts: self.starts,
        };
        let w = &mut self.side;
        w.extra(HEAD, &rmp_serde::to_vec(&head).ok()?)?;
        w.extra(IDS, &self.ids)?;
        self.side.finish(&self.root, written_ns).then_some(())
    }
}

/// Writes the index of a fresh cache that has none (a first `show` wrote it), from its
/// documents, a group at a time; `None` when a document does not read. Progress goes to
/// `counter` when there is one, else to a bar on stderr (it takes about a second per 10,000
/// documents).
fn build(fresh: Fresh, counter: Option<&Counter>) -> Option<()> {
    let file = fresh.file_ref();
    let mut index = IndexWriter::create(fresh.path(), fresh.root())?;
    let progress = match counter {
        Some(c) => Progress::into_counter(fresh.documents, c),
        None => Progress::start(fresh.documents),
    };
    let mut group = Group {
        bytes: Vec::with_capacity(GROUP),
        first: 0,
        progress: &progress,
    };
    let read = std::cell::Cell::new(true);
    for shard in 0..file.shards() {
        // A document that does not decode stops the build at the end of its shard (`scan`
        // reads a shard through, checking its hash at the end).
        file.scan(
            shard,
            |_| read.get(),
            |_, b| {
                group.bytes.push(b.to_vec());
                if group.bytes.len() == GROUP && group.write(&mut index).is_none() {
                    read.set(false);
                }
            },
        )?;
        if !read.get() {
            return None;
        }
    }
    group.write(&mut index)?;
    let written = group.first;
    drop(progress);
    (written == fresh.documents).then_some(())?;
    index.finish(file.written_ns())
}

/// Documents' bytes read from a cache, on their way into its index.
struct Group<'a> {
    bytes: Vec<Vec<u8>>,
    /// The first one's index.
    first: usize,
    progress: &'a Progress<'a>,
}

impl Group<'_> {
    /// Decodes the documents on every core and writes their chunks.
    fn write(&mut self, index: &mut IndexWriter) -> Option<()> {
        let docs = crate::core::parallel::map(&self.bytes, |_, b| {
            let doc = decode(b).map(|e| e.doc);
            self.progress.tick();
            doc
        });
        let docs = docs.into_iter().collect::<Option<Vec<Document>>>()?;
        self.bytes.clear();
        index.group(self.first, &docs)?;
        self.first += docs.len();
        Some(())
    }
}

/// The items of `docs` (the first being document `first`), as `SearchIndex::build` makes them.
pub(super) fn encode_chunk(first: usize, docs: &[Document]) -> Option<Chunk> {
    let mut interner = Interner::default();
    let mut ids = Vec::new();
    let mut places: HashMap<Place, u32> = HashMap::new();
    let mut items = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for item in items_of(doc, first + i) {
            ids.push(interner.ids(&item.name, &item.code));
            let place = Place {
                place: item.place,
                tables: item.tables,
            };
            let next = places.len() as u32;
            items.push(Stored {
                doc: i as u32,
                place: *places.entry(place).or_insert(next),
                target: item.target,
                amount: item.amount,
                prev_amount: item.prev_amount,
            });
        }
    }
    let mut places: Vec<(Place, u32)> = places.into_iter().collect();
    places.sort_unstable_by_key(|p| p.1);
    let chunk = Items {
        first: first as u32,
        places: places.into_iter().map(|p| p.0).collect(),
        items,
    };
    let bytes = rmp_serde::to_vec(&chunk).ok()?;
    let (names, codes) = interner.into_parts();
    Some(Chunk {
        bytes,
        ids,
        names,
        codes,
    })
}

/// A search answered from the cache: the hits, each with its item and its document's
/// department code, name and year.
pub struct Found {
    pub hits: Vec<(Hit, Item, (String, String, i32))>,
    /// How many documents the index covers.
    pub documents: usize,
}

/// The best `limit` results for `query`, as `SearchIndex::search` ranks them over the whole
/// folder, the index built first when there is none or it does not read (a damaged chunk
/// too); `None` when the cache itself does not read (the caller then loads the folder).
pub fn search(fresh: &Fresh, query: &str, limit: usize) -> Option<Found> {
    Index::open(fresh)
        .and_then(|index| index.search(query, limit))
        .or_else(|| Index::rebuilt(fresh, None)?.search(query, limit))
}

/// What matching reads of a cached index, read once: the browser keeps it and searches at
/// every keystroke, decoding only the hits' chunks.
pub struct Index {
    head: Head,
    keys: Keys,
    /// The index's file, for the hits' chunks.
    side: Mutex<Opened>,
}

impl Index {
    /// The index of a fresh cache, built first when it has none, or none that is its own (see
    /// the module's comment); the building's progress goes to `counter` when there is one,
    /// else to a bar on stderr.
    pub fn open_or_build(fresh: &Fresh, counter: Option<&Counter>) -> Option<Index> {
        Index::open(fresh).or_else(|| Index::rebuilt(fresh, counter))
    }

    /// The index of a fresh cache built (again) from its documents, then opened.
    fn rebuilt(fresh: &Fresh, counter: Option<&Counter>) -> Option<Index> {
        build(fresh.reopen()?, counter)?;
        Index::open(fresh)
    }

    /// The index of a fresh cache, if it has one.
    pub fn open(fresh: &Fresh) -> Option<Index> {
        let mut side = fresh.beside_file(SIDE)?;
        let head: Head = rmp_serde::from_slice(&side.extra(HEAD)?).ok()?;
        let bytes = side.extra(IDS)?;
        let ids: Vec<(u32, u32)> = bytes
            .chunks_exact(8)
            .map(|b| {
                let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                let c = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
                (n, c)
            })
            .collect();
        drop(bytes);
        // Ids out of range would panic in matching: not this cache's.
        let valid = ids.iter().all(|&(n, c)| {
            (n as usize) < head.names.len()
                && (c == crate::core::search::NO_CODE || (c as usize) < head.codes.len())
        });
        if !valid || head.starts.last().map(|&n| n as usize) != Some(ids.len()) {
            return None;
        }
        let keys = Keys::new(&head.names, &head.codes, ids);
        Some(Index {
            head,
            keys,
            side: Mutex::new(side),
        })
    }

    /// The best `limit` results for `query`, with their items.
    pub fn search(&self, query: &str, limit: usize) -> Option<Found> {
        let (head, keys) = (&self.head, &self.keys);
        let mut side = self.side.lock().ok()?;
        let hits = keys.search(query, limit);
        let mut chunks: HashMap<usize, Items> = HashMap::new();
        let mut found = Vec::with_capacity(hits.len());
        for hit in hits {
            let k = head.starts.partition_point(|&s| s as usize <= hit.item) - 1;
            let chunk = match chunks.entry(k) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => {
                    e.insert(rmp_serde::from_slice(&side.extra(&chunk_part(k))?).ok()?)
                }
            };
            let s = chunk.items.get(hit.item - head.starts[k] as usize)?;
            let place = chunk.places.get(s.place as usize)?;
            let d = chunk.first as usize + s.doc as usize;
            let (name, code) = keys.ids(hit.item);
            let doc = head.docs.get(d)?.clone();
            let item = Item {
                doc: d,
                code: head.codes.get(code as usize).cloned().unwrap_or_default(),
                name: head.names[name as usize].clone(),
                place: place.place.clone(),
                tables: place.tables.clone(),
                target: s.target.clone(),
                year: doc.2,
                amount: s.amount,
                prev_amount: s.prev_amount,
            };
            found.push((hit, item, doc));
        }
        Some(Found {
            hits: found,
            documents: head.docs.len(),
        })
    }
}
