//! A cache file made a group of documents at a time, in the folder's order: each group's shards,
//! slices and search chunks are encoded on every core and written while its documents are at
//! hand, then the group is dropped. Only what is small per document (paths and stamps, cards,
//! what a search hit prints) waits for the end. So a folder is written in one pass without ever
//! being held whole (see `stream`), and a loaded collection is written the same way.

use super::file::{EntryRef, Stamp};
use super::fresh::{self, Failed};
use super::picker;
use super::search::{self, IndexWriter};
use super::slices::{self, DOCS_PER_PART};
use super::write::{per_shard, Writer};
use crate::core::card::Card;
use crate::core::document::Document;
use crate::core::parallel::for_each_in_order;

/// Documents handed to `Build::group` at once (the last group may hold fewer): a whole number
/// of slices' parts, so that every part is made from one group.
pub const GROUP: usize = 2 * DOCS_PER_PART;

/// Entries encoded per task.
const ENTRIES_PER_TASK: usize = 256;

/// Results waiting to be written, at most (a search chunk's items are built whole).
pub(super) const WINDOW: usize = 16;

pub struct Build {
    w: Writer,
    /// Documents per shard after the first (the first holds document 0 alone: the browser
    /// opens on it before the rest).
    per: usize,
    /// The encoded entries of the shard being filled.
    pending: Vec<Vec<u8>>,
    /// Shards written.
    shards: usize,
    /// Documents taken.
    taken: usize,
    derived: Option<Derived>,
}

/// What the parts derived from the whole folder need of each document.
#[derive(Default)]
struct Derived {
    stamps: Vec<(String, Stamp)>,
    /// The files that did not load (see `fresh`).
    failed: Vec<Failed>,
    cards: Vec<Card>,
    /// The search index, when it is written in the same pass (see `search`).
    index: Option<IndexWriter>,
}

/// One piece of a group's work, done on any core.
enum Task<'a> {
    Entries(Vec<EntryRef<'a>>),
    Slices(usize, &'a [Document]),
    Search(usize, &'a [Document]),
}

enum Done {
    Entries(Vec<Vec<u8>>),
    Slices(usize, slices::Part),
    Search(search::Chunk),
}

impl Build {
    /// A build of `total` documents into `w`; with `derived`, the parts commands answer from
    /// without the documents too (then every document must be given with `group`).
    pub fn new(w: Writer, total: usize, derived: bool) -> Build {
        Build {
            w,
            per: per_shard(total.saturating_sub(1)),
            pending: Vec::new(),
            shards: 0,
            taken: 0,
            derived: derived.then(Derived::default),
        }
    }

    /// The search index is written too, beside the cache file at `path` of folder `root`
    /// (with `derived` only); `None` when it cannot be.
    pub fn with_search(&mut self, path: &std::path::Path, root: &str) -> Option<()> {
        self.derived.as_mut()?.index = Some(IndexWriter::create(path, root)?);
        Some(())
    }

    /// The next documents of the folder, each with its file's path and stamp; the first is
    /// document `self.taken`, which must be a multiple of `GROUP` unless this is the last group.
    pub fn group(&mut self, docs: &[Document], files: &[(&str, Stamp)]) -> Option<()> {
        if docs.len() != files.len() || !self.taken.is_multiple_of(GROUP) {
            return None;
        }
        let first = self.taken;
        // The shards first (the first document's shard opens the file: the browser reads it
        // before the rest), then the slices' parts, the largest pieces, so that the search's
        // small chunks even out the cores' ends.
        let mut tasks: Vec<Task> = Vec::new();
        let mut all = docs
            .iter()
            .zip(files)
            .map(|(doc, &(path, stamp))| EntryRef { path, stamp, doc });
        loop {
            let part: Vec<EntryRef> = all.by_ref().take(ENTRIES_PER_TASK).collect();
            if part.is_empty() {
                break;
            }
            tasks.push(Task::Entries(part));
        }
        if let Some(d) = &mut self.derived {
            for (k, part) in docs.chunks(DOCS_PER_PART).enumerate() {
                tasks.push(Task::Slices(first / DOCS_PER_PART + k, part));
            }
            d.stamps
                .extend(files.iter().map(|&(p, s)| (p.to_string(), s)));
            d.cards.extend(docs.iter().map(Card::of));
            if let Some(index) = &mut d.index {
                for (k, chunk) in docs.chunks(search::DOCS_PER_CHUNK).enumerate() {
                    tasks.push(Task::Search(first + k * search::DOCS_PER_CHUNK, chunk));
                }
                index.documents(docs);
            }
        }
        self.taken += docs.len();
        for_each_in_order(
            &tasks,
            WINDOW,
            |task| match task {
                Task::Entries(entries) => entries
                    .iter()
                    .map(|e| rmp_serde::to_vec_named(e).ok())
                    .collect::<Option<Vec<_>>>()
                    .map(Done::Entries),
                Task::Slices(k, docs) => {
                    slices::encode_part(k * DOCS_PER_PART, docs).map(|p| Done::Slices(*k, p))
                }
                Task::Search(first, docs) => search::encode_chunk(*first, docs).map(Done::Search),
            },
            |_, done| self.take(done.ok_or(())?).ok_or(()),
        )
        .ok()
    }

    /// The folder's files that did not load, with their stamps and errors: a folder whose
    /// files are all cached or failed, unchanged, is fresh, and says its errors again.
    pub fn failed(&mut self, failed: Vec<Failed>) {
        if let Some(d) = &mut self.derived {
            d.failed = failed;
        }
    }

    /// From now on, the documents' entries alone (`entries`): the parts derived from the
    /// whole folder are not written.
    pub fn entries_only(&mut self) {
        self.derived = None;
    }

    /// The next documents' entries alone (the folder's other parts are not written: see
    /// `new`).
    pub fn entries(&mut self, entries: &[EntryRef]) -> Option<()> {
        if self.derived.is_some() {
            return None;
        }
        self.taken += entries.len();
        let tasks: Vec<&[EntryRef]> = entries.chunks(ENTRIES_PER_TASK).collect();
        for_each_in_order(
            &tasks,
            WINDOW,
            |part| {
                part.iter()
                    .map(|e| rmp_serde::to_vec_named(e).ok())
                    .collect::<Option<Vec<_>>>()
            },
            |_, done| self.take(Done::Entries(done.ok_or(())?)).ok_or(()),
        )
        .ok()
    }

    fn take(&mut self, done: Done) -> Option<()> {
        match done {
            Done::Entries(entries) => {
                for entry in entries {
                    self.pending.push(entry);
                    let size = if self.shards == 0 { 1 } else { self.per };
                    if self.pending.len() == size {
                        self.flush()?;
                    }
                }
                Some(())
            }
            Done::Slices(k, part) => slices::write_part(&mut self.w, k, &part),
            Done::Search(chunk) => self.derived.as_mut()?.index.as_mut()?.chunk(chunk),
        }
    }

    /// Writes the shard being filled: a MessagePack array of its entries.
    fn flush(&mut self) -> Option<()> {
        let mut head = Vec::with_capacity(5);
        array_header(&mut head, u32::try_from(self.pending.len()).ok()?);
        let pieces: Vec<&[u8]> = std::iter::once(head.as_slice())
            .chain(self.pending.iter().map(Vec::as_slice))
            .collect();
        self.w.shard(&pieces)?;
        self.pending.clear();
        self.shards += 1;
        Some(())
    }

    /// Writes what waited for the end and puts the file in place; false when it could not.
    pub fn finish(mut self, root: &str, written_ns: i128) -> bool {
        if !self.pending.is_empty() && self.flush().is_none() {
            return false;
        }
        if let Some(d) = self.derived.take() {
            let parts = || {
                self.w
                    .extra(fresh::STAMPS, &rmp_serde::to_vec(&d.stamps).ok()?)?;
                if !d.failed.is_empty() {
                    self.w
                        .extra(fresh::FAILED, &rmp_serde::to_vec(&d.failed).ok()?)?;
                }
                picker::write(&mut self.w, &d.cards)?;
                // Put in place before the cache: a reader that finds the new cache finds its
                // index (or an older one, which is not this cache's and is built again).
                match d.index {
                    Some(index) => index.finish(written_ns),
                    None => Some(()),
                }
            };
            if parts().is_none() {
                return false;
            }
        }
        self.w.finish(root, written_ns)
    }
}

/// MessagePack's array header for `n` items (as `rmp_serde` writes a sequence's).
fn array_header(out: &mut Vec<u8>, n: u32) {
    match n {
        0..=15 => out.push(0x90 | n as u8),
        16..=0xffff => {
            out.push(0xdc);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        _ => {
            out.push(0xdd);
            out.extend_from_slice(&n.to_be_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn array_header_is_the_one_rmp_serde_writes() {
        for n in [0usize, 1, 15, 16, 255, 256, 65_535, 65_536] {
            let items = vec![0u8; n];
            let whole = rmp_serde::to_vec(&items).unwrap();
            let mut head = Vec::new();
            super::array_header(&mut head, n as u32);
            assert_eq!(head, whole[..head.len()], "{n} items");
            assert_eq!(whole.len(), head.len() + n, "{n} items");
        }
    }
}
