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

use super::file::Spot;
use super::fresh::Fresh;
use super::search::{Found, Index};
use super::write::shard_of;
use crate::core::card::Card;
use crate::core::document::Document;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};

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
        let file = fresh.file();
        let shards = file.shards();
        let rest = cards.len() - 1;
        let per = if shards > 1 { file.shard_len(1)? } else { 1 };
        // The shards must be the ones `per` makes, or a document would be looked for in the
        // wrong one.
        if per == 0 || shards != 1 + rest.div_ceil(per) {
            return None;
        }
        let docs = CachedDocuments {
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
                let fresh = self.fresh.lock().ok()?;
                fresh.file_ref().entry_at(*spots.get(k)?)?.doc
            }
            None => {
                let mut found = None;
                self.scan(shard, |j| j == k, |_, doc| found = Some(doc))?;
                found?
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
    pub fn each(
        &self,
        want: impl Fn(usize) -> bool,
        mut keep: impl FnMut(usize, Document),
    ) -> Option<()> {
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
                            let entry = self.fresh.lock().ok()?.file_ref().entry_at(*spot)?;
                            keep(first + k, entry.doc);
                        }
                    }
                }
                None => {
                    self.scan(shard, |k| want(first + k), |k, doc| keep(first + k, doc))?;
                }
            }
        }
        Some(())
    }

    /// The best `limit` results for `query` from the cached search index (read the first time);
    /// `None` when it does not read.
    pub fn search(&self, query: &str, limit: usize) -> Option<Found> {
        let index = self.search_index()?;
        let mut fresh = self.fresh.lock().ok()?;
        index.search(&mut fresh, query, limit)
    }

    /// Reads the search index's matching part now (the browser does it behind the first frame).
    pub fn search_index(&self) -> Option<&Index> {
        self.search
            .get_or_init(|| Index::open(&mut *self.fresh.lock().ok()?))
            .as_ref()
    }

    /// Reads shard `shard` through, noting its spots, handing `keep` what `want` takes.
    fn scan(
        &self,
        shard: usize,
        want: impl FnMut(usize) -> bool,
        keep: impl FnMut(usize, Document),
    ) -> Option<()> {
        let mut keep = keep;
        let spots = {
            let fresh = self.fresh.lock().ok()?;
            fresh
                .file_ref()
                .scan(shard, want, |k, entry| keep(k, entry.doc))?
        };
        let expected = match shard {
            0 => 1,
            s => (self.cards.len() - 1 - (s - 1) * self.per).min(self.per),
        };
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
