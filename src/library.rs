//! The documents the browser works on, behind one interface: every document loaded (a file, the
//! bundled document, a folder without a fresh cache), or a fresh cache's documents read as they
//! are needed (`cache::documents`), so that a large folder is never held whole. Whatever reads
//! from the cache may fail (the file replaced or damaged underneath): those answers are
//! `Option`s, and the caller says so and carries on.

use crate::cache::documents::CachedDocuments;
use crate::core::card::Card;
use crate::core::collection::Collection;
use crate::core::document::Document;
use crate::core::load::LoadError;
use std::sync::Arc;

#[derive(Clone)]
pub enum Library {
    Loaded(Arc<Collection>),
    Cached(Arc<CachedDocuments>),
}

impl Library {
    /// How many documents (sorted by department, then year).
    pub fn len(&self) -> usize {
        match self {
            Library::Loaded(c) => c.documents.len(),
            Library::Cached(d) => d.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every document's card, in order (the picker's rows).
    pub fn cards(&self) -> Vec<Card> {
        match self {
            Library::Loaded(c) => c.documents.iter().map(Card::of).collect(),
            Library::Cached(d) => d.cards().to_vec(),
        }
    }

    /// Document `i`'s department code, name and year, without reading the document.
    pub fn label(&self, i: usize) -> Option<(&str, &str, i32)> {
        match self {
            Library::Loaded(c) => c
                .documents
                .get(i)
                .map(|d| (&*d.department.code, &*d.department.name, d.fiscal_year)),
            Library::Cached(d) => d
                .cards()
                .get(i)
                .map(|c| (c.code.as_str(), c.name.as_str(), c.year)),
        }
    }

    /// The files that did not load.
    pub fn errors(&self) -> &[LoadError] {
        match self {
            Library::Loaded(c) => &c.errors,
            Library::Cached(d) => d.errors(),
        }
    }

    /// Document `i` (a loaded one is copied: one document, once per opening).
    pub fn document(&self, i: usize) -> Option<Arc<Document>> {
        match self {
            Library::Loaded(c) => c.documents.get(i).map(|d| Arc::new(d.clone())),
            Library::Cached(d) => d.document(i),
        }
    }

    /// The documents of a department, ascending by year (the order is by department first).
    pub fn years_of(&self, department: &str) -> Vec<usize> {
        let n = self.len();
        let code = |i: usize| self.label(i).map_or("", |l| l.0);
        let start = partition_point(n, |i| code(i) < department);
        let end = start + partition_point(n - start, |i| code(start + i) == department);
        (start..end).collect()
    }

    /// The documents of a department, ascending by year, as a collection of their own (the year
    /// columns are built from it), and their indices here; `None` when one does not read.
    pub fn department(&self, department: &str) -> Option<(Collection, Vec<usize>)> {
        let at = self.years_of(department);
        let docs = at
            .iter()
            .map(|&i| self.document(i).map(Arc::unwrap_or_clone))
            .collect::<Option<Vec<Document>>>()?;
        let collection = Collection {
            documents: docs,
            errors: Vec::new(),
        };
        Some((collection, at))
    }

    /// Hands each document of `year` to `each`, in order, with its department's document of the
    /// year before when there is one (as `Collection::find` finds it); read through one at a
    /// time from a cache. `None` when a document does not read (what `each` got is then not to
    /// be used).
    pub fn each_of_year(
        &self,
        year: i32,
        mut each: impl FnMut(usize, &Document, Option<&Document>),
    ) -> Option<()> {
        match self {
            Library::Loaded(c) => {
                for (i, d) in c.documents.iter().enumerate() {
                    if d.fiscal_year == year {
                        each(i, d, c.find(&d.department.code, year - 1));
                    }
                }
                Some(())
            }
            Library::Cached(d) => {
                let cards = d.cards();
                let wanted = |i: usize| {
                    cards
                        .get(i)
                        .is_some_and(|c| c.year == year || c.year == year - 1)
                };
                // Sorted by department then year, one document per pair: a department's
                // document of the year before, when there is one, comes just before.
                let mut before: Option<Document> = None;
                d.each(wanted, |i, doc| {
                    if doc.fiscal_year == year {
                        let prior = before.as_ref().filter(|p| {
                            p.department.code == doc.department.code && p.fiscal_year == year - 1
                        });
                        each(i, &doc, prior);
                        before = None;
                    } else {
                        before = Some(doc);
                    }
                })
            }
        }
    }
}

/// The first of `0..n` for which `below` is false (`below` true then false, as a sorted list's
/// `partition_point`).
fn partition_point(n: usize, below: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}
