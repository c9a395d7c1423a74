//! Search over everything the loaded documents hold: classification codes and names, table rows,
//! 三公 columns, performance projects and indicators, glossary terms and narrative titles.
//!
//! The index is built once at load (`SearchIndex::build`); `search` runs on every keystroke, so all
//! per-name work (normalising, pinyin) is done at build time, and matching runs once per distinct
//! name and code rather than once per item.
//!
//! `items` says what of a document is found, `pinyin` prepares names for matching, `rank` scores
//! a query against them; this module holds the index and the results.

mod items;
mod pinyin;
mod rank;

pub use items::items_of;
pub use pinyin::normalise;

use super::amount::Amount;
use super::document::Document;
use super::tree::Classification;
use foldhash::HashMap;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::{CodeKey, NameKey};
use rank::{match_code, parse_query, KeyScores, Score, Term};
use serde::{Deserialize, Serialize};

/// Queries are cut to this many characters: nobody types more, and matching cost grows with it.
pub const MAX_QUERY_CHARS: usize = 64;

/// Where a result lives, for the browser to jump to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A node of a classification tree (every table printing that code is merged into it).
    Node {
        classification: Classification,
        code: String,
    },
    /// A row of a table without a classification code (summaries, procurement).
    TableRow {
        table_id: String,
        section: Option<String>,
        row_index: usize,
    },
    /// One column of a row read as a line of its own (三公: 公务接待费).
    TableCell {
        table_id: String,
        section: Option<String>,
        row_index: usize,
        column: String,
    },
    Project {
        table_id: String,
    },
    Indicator {
        table_id: String,
        index: usize,
    },
    Glossary {
        index: usize,
    },
    Narrative {
        section_index: usize,
    },
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Which of the documents given to `build` it comes from.
    pub doc: usize,
    /// Empty when the thing has no code.
    pub code: String,
    pub name: String,
    /// Where it lives, for people: "功能分类 项 · 表二 表七 表八", in the language shown.
    pub place: crate::core::lang::Phrase,
    /// The tables it is printed in.
    pub tables: Vec<String>,
    pub target: Target,
    /// The document's fiscal year: `amount` is for it, `prev_amount` for the year before.
    pub year: i32,
    pub amount: Option<Amount>,
    pub prev_amount: Option<Amount>,
}

/// How a result matched, best last (so that `Ord` ranks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Fuzzy,
    Pinyin,
    NameSubstring,
    ExactName,
    CodePrefix,
    ExactCode,
}

/// A result: the item, how it matched, and which characters to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into `SearchIndex::items`.
    pub item: usize,
    /// The weakest way any query term matched.
    pub kind: MatchKind,
    /// Orders hits of the same kind; higher is better.
    pub score: i64,
    /// Char indices into `Item::code` (sorted, distinct).
    pub code_positions: Vec<usize>,
    /// Char indices into `Item::name` (sorted, distinct); the TUI turns them into cells.
    pub name_positions: Vec<usize>,
}

pub struct SearchIndex {
    items: Vec<Item>,
    keys: Keys,
}

/// What matching reads: the distinct names and codes, prepared, and per item which of them it
/// has. Items themselves are not needed until the hits are shown, so a cached index (see
/// `cache::search`) keeps them apart and decodes only the hits'.
pub struct Keys {
    names: Vec<NameKey>,
    codes: Vec<CodeKey>,
    /// Per item: its name key and code key (`NO_CODE` for none); u32 keeps millions small.
    ids: Vec<(u32, u32)>,
    matcher: SkimMatcherV2,
}

/// An item without a code.
pub const NO_CODE: u32 = u32::MAX;

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("items", &self.items.len())
            .field("names", &self.keys.names.len())
            .field("codes", &self.keys.codes.len())
            .finish()
    }
}

impl SearchIndex {
    /// Indexes every document; `Item::doc` is the position in `docs`.
    pub fn build(docs: &[&Document]) -> SearchIndex {
        // One loop: built on two cores it was a quarter faster but held 40% more memory
        // (benches/cache.sh, 20,000 documents), and memory is what limits a large folder.
        let items = docs
            .iter()
            .enumerate()
            .flat_map(|(i, doc)| items_of(doc, i))
            .collect();
        SearchIndex::from_items(items)
    }

    /// Indexes items made elsewhere (synthetic data, other sources).
    pub fn from_items(items: Vec<Item>) -> SearchIndex {
        let mut interner = Interner::default();
        let ids = items
            .iter()
            .map(|item| interner.ids(&item.name, &item.code))
            .collect();
        let (names, codes) = interner.into_parts();
        let keys = Keys::new(&names, &codes, ids);
        SearchIndex { items, keys }
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, i: usize) -> &Item {
        &self.items[i]
    }

    /// The best `limit` results, best first (see `Keys::search`).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.keys.search(query, limit)
    }
}

/// Distinct names and codes in order of first appearance, as ids.
#[derive(Default)]
pub struct Interner {
    names: Vec<String>,
    codes: Vec<String>,
    name_ids: HashMap<String, u32>,
    code_ids: HashMap<String, u32>,
}

impl Interner {
    /// The ids of an item's name and code (`NO_CODE` for an empty code).
    pub fn ids(&mut self, name: &str, code: &str) -> (u32, u32) {
        (self.name(name), self.code(code))
    }

    pub fn name(&mut self, name: &str) -> u32 {
        intern(&mut self.names, &mut self.name_ids, name)
    }

    pub fn code(&mut self, code: &str) -> u32 {
        match code.is_empty() {
            true => NO_CODE,
            false => intern(&mut self.codes, &mut self.code_ids, code),
        }
    }

    /// The distinct names and codes, as written in the items.
    pub fn into_parts(self) -> (Vec<String>, Vec<String>) {
        (self.names, self.codes)
    }
}

/// The names prepared, on all cores when they are many (a folder of real documents has hundreds
/// of thousands of distinct project and indicator names; a template's folder, a few dozen).
fn name_keys(names: &[String]) -> Vec<NameKey> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if names.len() < 20_000 || cores < 2 {
        return names.iter().map(|n| NameKey::new(n)).collect();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = names
            .chunks(names.len().div_ceil(cores))
            .map(|part| s.spawn(move || part.iter().map(|n| NameKey::new(n)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn intern(all: &mut Vec<String>, ids: &mut HashMap<String, u32>, s: &str) -> u32 {
    if let Some(&id) = ids.get(s) {
        return id;
    }
    all.push(s.to_string());
    let id = all.len() as u32 - 1;
    ids.insert(s.to_string(), id);
    id
}

impl Keys {
    /// Prepares the distinct `names` and `codes` (pinyin and all) for items whose ids into them
    /// are `ids`.
    pub fn new(names: &[String], codes: &[String], ids: Vec<(u32, u32)>) -> Keys {
        Keys {
            names: name_keys(names),
            codes: codes
                .iter()
                .map(|c| CodeKey { text: normalise(c) })
                .collect(),
            ids,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// The name id and code id of item `i`.
    pub fn ids(&self, i: usize) -> (u32, u32) {
        self.ids[i]
    }

    /// The best `limit` results, best first. Every space-separated term must match.
    /// An empty (or all-space) query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms = parse_query(query);
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Score each distinct name and code once per term; items then only look scores up.
        let scored: Vec<(KeyScores, KeyScores)> = terms
            .iter()
            .map(|t| {
                let names = self.names.iter().map(|k| self.match_name(t, k, false));
                let codes = self.codes.iter().map(|k| match_code(t, k, false));
                (
                    names.map(|m| m.map(|m| m.score)).collect(),
                    codes.map(|m| m.map(|m| m.score)).collect(),
                )
            })
            .collect();
        let mut found: Vec<(Score, usize)> = Vec::new();
        'items: for (i, &(name, code)) in self.ids.iter().enumerate() {
            let mut total: Option<Score> = None;
            for (names, codes) in &scored {
                let by_code = codes.get(code as usize).copied().flatten();
                let Some(best) = names[name as usize].max(by_code) else {
                    continue 'items;
                };
                total = Some(match total {
                    None => best,
                    Some(t) => (t.0.min(best.0), t.1 + best.1),
                });
            }
            if let Some(total) = total {
                found.push((total, i));
            }
        }
        // Best first; ties keep index order (trees in code order, then tables in order).
        let order = |a: &(Score, usize), b: &(Score, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if found.len() > limit {
            found.select_nth_unstable_by(limit - 1, order);
            found.truncate(limit);
        }
        found.sort_unstable_by(order);
        found
            .into_iter()
            .map(|(score, i)| self.hit(&terms, score, i))
            .collect()
    }

    /// Recomputes the chosen matches of one item with positions (only for the hits returned).
    fn hit(&self, terms: &[Term], score: Score, i: usize) -> Hit {
        let (name, code) = self.ids[i];
        let code = self.codes.get(code as usize);
        let mut hit = Hit {
            item: i,
            kind: score.0,
            score: score.1,
            code_positions: Vec::new(),
            name_positions: Vec::new(),
        };
        for t in terms {
            let by_name = self.match_name(t, &self.names[name as usize], true);
            let by_code = code.and_then(|c| match_code(t, c, true));
            let code_wins = match (&by_name, &by_code) {
                (Some(n), Some(c)) => c.score > n.score,
                (None, Some(_)) => true,
                _ => false,
            };
            if code_wins {
                hit.code_positions.extend(by_code.unwrap().positions);
            } else if let Some(m) = by_name {
                hit.name_positions.extend(m.positions);
            }
        }
        for p in [&mut hit.code_positions, &mut hit.name_positions] {
            p.sort_unstable();
            p.dedup();
        }
        hit
    }
}
