//! What the browser starts on, decided before it takes the terminal so that bad input still
//! gets a plain error on a normal screen: a file (or the bundled document) is loaded here; a
//! folder is listed here (a missing or empty folder is an error now); with a fresh cache its
//! documents are read from the cache as the browser needs them (never all held: 100,000
//! documents decoded are 4 GB), else it is cached (or loaded whole) behind the first frame.

use crate::cache;
use crate::cache::documents::CachedDocuments;
use crate::core::card::Card;
use crate::core::collection::Collection;
use crate::core::load::LoadError;
use crate::library::Library;
use crate::open;
use crate::tui::loading::{Loaded, Then};
use crate::tui::{Preview, Start};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the browser starts on for `data` (the bundled document when `None`), through the load
/// cache in `cache_dir` when there is one; the error is bad input, said before the screen.
pub fn prepare(
    data: Option<&Path>,
    strict: bool,
    cache_dir: Option<PathBuf>,
) -> Result<Start, LoadError> {
    let Some(dir) = data.filter(|p| p.is_dir()) else {
        return open::open_with(data, strict, cache_dir.as_deref()).map(Start::Loaded);
    };
    let found = open::scan_dir(dir)?;
    // What would fail at once fails before the screen: a strict unreadable subfolder, or no
    // document to read at all.
    let early = (strict && !found.failures.is_empty()) || found.files.is_empty();
    if early {
        return open::load_scan(dir, found, strict, None, None).map(|(c, _)| Start::Loaded(c));
    }
    if let Some(c) = cache_dir.as_deref().filter(|_| found.failures.is_empty()) {
        let fresh = cache::fresh::open(dir, &found.files, c);
        // Strict: a file that does not load is an error, the one the whole load gives.
        if let Some(f) = &fresh {
            open::strict_error(f, strict)?;
        }
        if let Some(documents) = fresh.and_then(CachedDocuments::open) {
            return Ok(Start::Cached(Arc::new(documents)));
        }
    }
    // Not fresh (or its documents do not read): loaded behind the first frame, a preview first
    // when the cache has one.
    let preview = match &cache_dir {
        Some(c) if found.failures.is_empty() => preview(dir, &found.files, c).map(Box::new),
        _ => None,
    };
    let total = found.files.len();
    let dir = dir.to_path_buf();
    Ok(Start::Loading {
        total,
        preview,
        load: Box::new(move |counter| {
            // Cached without holding the folder when it can be, then read as needed (a first
            // open of 100,000 documents would otherwise hold 1.6 GB of them).
            let streamed = cache_dir
                .as_deref()
                .filter(|_| found.failures.is_empty())
                .and_then(|c| {
                    let (fresh, _) = cache::stream::build(
                        &dir,
                        &found.files,
                        open::open_path_hashed,
                        c,
                        true,
                        Some(counter),
                    )?;
                    Some(open::strict_error(&fresh, strict).map(|()| fresh))
                })
                .transpose()?
                .and_then(CachedDocuments::open);
            if let Some(documents) = streamed {
                return Ok(Loaded {
                    library: Library::Cached(Arc::new(documents)),
                    then: None,
                });
            }
            let (collection, _, writer) = open::load_scan_unwritten(
                &dir,
                found,
                strict,
                cache_dir.as_deref(),
                Some(counter),
            )?;
            // The cache is written once the browser has the collection: a cache that cannot be
            // written is simply not written (see `cache`).
            let then = writer.map(|w| {
                Box::new(move |c: &Collection| {
                    w.write(c);
                }) as Then
            });
            Ok(Loaded {
                library: Library::Loaded(Arc::new(collection)),
                then,
            })
        }),
    })
}

/// The first document and the cards of a folder whose cache is fresh for exactly `files`.
pub fn preview(dir: &Path, files: &[PathBuf], cache_dir: &Path) -> Option<Preview> {
    let mut fresh = cache::fresh::open(dir, files, cache_dir)?;
    let cards = cache::picker::read(&mut fresh)?;
    let first = fresh.file().shard(0)?.into_iter().next()?.doc;
    // Both from one checked file; a card that does not describe the document is not this cache's.
    (cards.first()? == &Card::of(&first)).then_some(Preview { first, cards })
}
