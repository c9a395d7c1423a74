//! A fresh cache's documents read as they are needed, for a browser that should not hold every
//! document of a large folder (100,000 documents decoded are 4 GB): the cards are kept (the
//! picker), a document is decoded from its shard when it is shown, the search runs on the
//! cached index, and whatever needs many documents (a sum over a year) reads them through one
//! at a time.
//!
//! A shard holds thousands of documents (a few shards per core of the writer), too many to
//! decode for one. The first read of a shard goes through it once without decoding (checking
//! its hash) and notes where each document lies and its own hash (`file::Spot`); later reads
//! take the one document's bytes and check them against that hash. The documents last decoded
//! are kept, a few of them: memory stays bounded whatever the folder's size.

use super::file::{decode, Spot};
use super::fresh::Fresh;
use super::search::{Found, Index};
use super::write::shard_of;
use crate::core::card::Card;
use crate::core::document::Document;
use crate::core::load::LoadError;
use crate::core::progress::Counter;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};

/// Documents' bytes read, with their indices, on their way to be decoded.
type Batch = Vec<(usize, Vec<u8>)>;

/// How many decoded documents are kept: the one shown, the years of its department beside it,
/// a few opened before.
const RECENT: usize = 8;

pub struct CachedDocuments {
    /// Held while reading: the file's extra parts are read by seeking.
    fresh: Mutex<Fresh>,
    cards: Vec<Card>,
    /// Documents per shard after the first (the writer's choice, read from the file).
    per: usize,
    /// Per shard, where each of its documents lies, once the shard has been read through.
    spots: Mutex<Vec<Option<Arc<Vec<Spot>>>>>,
    recent: Mutex<VecDeque<(usize, Arc<Document>)>>,
    /// The search index's matching part, read on first use; `None` inside when it does not read.
    search: OnceLock<Option<Index>>,
    /// The folder's files that do not load.
    errors: Vec<LoadError>,
}

impl CachedDocuments {
    /// The documents of a fresh cache, with its first document; `None` when its cards or its
    /// first document do not read, or do not agree.
    pub fn open(mut fresh: Fresh) -> Option<CachedDocuments> {
        let cards = super::picker::read(&mut fresh)?;
        let first = fresh.file().shard(0)?.into_iter().next()?.doc;
        // Both from one checked file; a card that does not describe the document is not this
        // cache's.
        if cards.first()? != &Card::of(&first) {
            return None;
        }
        let per = fresh.file().per_shard(cards.len())?;
        let shards = fresh.file().shards();
        let errors = std::mem::take(&mut fresh.errors);
        let docs = CachedDocuments {
            errors,
            fresh: Mutex::new(fresh),
            spots: Mutex::new(vec![None; shards]),
            recent: Mutex::new(VecDeque::from([(0, Arc::new(first))])),
            search: OnceLock::new(),
            cards,
            per,
        };
        Some(docs)
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// The folder's files that do not load (recorded in the cache with their stamps).
    pub fn errors(&self) -> &[LoadError] {
        &self.errors
    }

    /// Every document's card, in the folder's order.
    pub fn cards(&self) -> &[Card] {
        &self.cards
    }

    /// Document `i`; `None` when it does not read (the cache file damaged underneath).
    pub fn document(&self, i: usize) -> Option<Arc<Document>> {
        if i >= self.cards.len() {
            return None;
        }
        if let Some(doc) = self.recent().iter().find(|(k, _)| *k == i) {
            return Some(Arc::clone(&doc.1));
        }
        let (shard, k) = shard_of(i, self.per);
        let doc = match self.spots_of(shard) {
            Some(spots) => {
                let bytes = self
                    .fresh
                    .lock()
                    .ok()?
                    .file_ref()
                    .bytes_at(*spots.get(k)?)?;
                decode(&bytes)?.doc
            }
            None => {
                let mut found = None;
                self.scan(shard, |j| j == k, |_, bytes| found = decode(bytes))?;
                found?.doc
            }
        };
        // A document other than its card says is not this cache's.
        if Card::of(&doc) != self.cards[i] {
            return None;
        }
        let doc = Arc::new(doc);
        let mut recent = self.recent();
        if recent.len() == RECENT {
            recent.pop_front();
        }
        recent.push_back((i, Arc::clone(&doc)));
        Some(doc)
    }

    /// Hands every document `want` takes (by index) to `keep`, in the folder's order, each
    /// dropped after; `None` when one does not read (what `keep` got is then not to be used).
    /// One thread reads the shards through while this one decodes what it read before (on
    /// every core): a sum over 100,000 documents takes the longer of the two, not both.
    pub fn each(
        &self,
        want: impl Fn(usize) -> bool + Sync,
        mut keep: impl FnMut(usize, Document),
    ) -> Option<()> {
        // A few batches in flight: memory stays a few megabytes whatever the folder's size.
        let (send, receive) = std::sync::mpsc::sync_channel::<Batch>(4);
        std::thread::scope(|s| {
            let reader = s.spawn(|| self.read_wanted(&want, send));
            let mut decoded = true;
            for batch in receive.iter() {
                let docs = crate::core::parallel::map(&batch, |_, (_, bytes)| decode(bytes));
                for ((i, _), entry) in batch.iter().zip(docs) {
                    match entry {
                        Some(e) => keep(*i, e.doc),
                        None => decoded = false,
                    }
                }
                if !decoded {
                    break;
                }
            }
            // The reader stops at its next batch once nobody receives.
            drop(receive);
            let read = reader.join().ok().flatten();
            (decoded && read.is_some()).then_some(())
        })
    }

    /// Reads the bytes of every document `want` takes, in order, a batch at a time to `send`.
    fn read_wanted(
        &self,
        want: &(impl Fn(usize) -> bool + Sync),
        send: std::sync::mpsc::SyncSender<Batch>,
    ) -> Option<()> {
        const BATCH: usize = 64;
        let mut batch = Vec::with_capacity(BATCH);
        let mut sent = true;
        let mut push = |batch: &mut Batch, i: usize, bytes: Vec<u8>| {
            batch.push((i, bytes));
            if batch.len() == BATCH && sent {
                sent = send.send(std::mem::take(batch)).is_ok();
            }
        };
        let shards = self.spots.lock().ok()?.len();
        for shard in 0..shards {
            let first = match shard {
                0 => 0,
                s => 1 + (s - 1) * self.per,
            };
            match self.spots_of(shard) {
                Some(spots) => {
                    for (k, spot) in spots.iter().enumerate() {
                        if want(first + k) {
                            let bytes = self.fresh.lock().ok()?.file_ref().bytes_at(*spot)?;
                            push(&mut batch, first + k, bytes);
                        }
                    }
                }
                None => {
                    let wanted = |k| want(first + k);
                    self.scan(shard, wanted, |k, bytes| {
                        push(&mut batch, first + k, bytes.to_vec())
                    })?;
                }
            }
        }
        (sent && (batch.is_empty() || send.send(batch).is_ok())).then_some(())
    }

    /// The best `limit` results for `query` from the cached search index (read the first time);
    /// `None` when it does not read.
    pub fn search(&self, query: &str, limit: usize) -> Option<Found> {
        self.search_index(None)?.search(query, limit)
    }

    /// Reads the search index's matching part now (the browser does it behind the first
    /// frame), building the index first when the cache has none: from a reader of its own, so
    /// that documents are read meanwhile, counting into `counter` (never a bar on stderr: the
    /// browser owns the terminal).
    pub fn search_index(&self, counter: Option<&Counter>) -> Option<&Index> {
        self.search
            .get_or_init(|| {
                let fresh = self.fresh.lock().ok()?.reopen()?;
                let quiet = Counter::default();
                Index::open_or_build(&fresh, Some(counter.unwrap_or(&quiet)))
            })
            .as_ref()
    }

    /// Reads shard `shard` through, noting its spots, handing `keep` what `want` takes.
    fn scan(
        &self,
        shard: usize,
        want: impl FnMut(usize) -> bool,
        keep: impl FnMut(usize, &[u8]),
    ) -> Option<()> {
        let expected = match shard {
            0 => 1,
            s => (self.cards.len() - 1 - (s - 1) * self.per).min(self.per),
        };
        // A damaged shard may say it holds more: those are never asked for.
        let mut want = want;
        let want = |k| k < expected && want(k);
        let spots = self.fresh.lock().ok()?.file_ref().scan(shard, want, keep)?;
        if spots.len() != expected {
            return None;
        }
        if let Ok(mut all) = self.spots.lock() {
            all[shard] = Some(Arc::new(spots));
        }
        Some(())
    }

    fn spots_of(&self, shard: usize) -> Option<Arc<Vec<Spot>>> {
        self.spots.lock().ok()?.get(shard)?.clone()
    }

    fn recent(&self) -> std::sync::MutexGuard<'_, VecDeque<(usize, Arc<Document>)>> {
        // A panic elsewhere while it was held leaves nothing half-done in it.
        self.recent.lock().unwrap_or_else(|e| e.into_inner())
    }
}
