//! Search over everything the loaded documents hold: classification codes and names, table rows,
//! 三公 columns, performance projects and indicators, glossary terms and narrative titles.
//!
//! The index is built once at load (`SearchIndex::build`); `search` runs on every keystroke, so all
//! per-name work (normalising, pinyin) is done at build time, and matching runs once per distinct
//! name and code rather than once per item.

use super::amount::Amount;
use super::compare::{Comparer, Scope};
use super::document::*;
use super::tree::{Classification, Tree, TOTAL};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use pinyin::ToPinyinMulti;
use serde::Serialize;
use std::collections::HashMap;

/// Queries are cut to this many characters: nobody types more, and matching cost grows with it.
pub const MAX_QUERY_CHARS: usize = 64;

/// Where a result lives, for the browser to jump to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// Where it lives, for people: "功能分类 项 · 表二 表七 表八".
    pub place: String,
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

/// A name prepared for matching: normalised text and its pinyin.
#[derive(Debug)]
struct NameKey {
    /// Normalised char by char, so that index i here is char i of the displayed name.
    text: String,
    chars: Vec<char>,
    /// Per char: every pinyin reading (heteronyms too: 行 xing/hang), or the char itself
    /// when it is an ASCII letter or digit; empty for punctuation and spaces.
    readings: Vec<Vec<&'static str>>,
    /// The first reading of every char, run together ("xingzhengyunxing"), and for each of its
    /// bytes the char of the name it came from.
    full: String,
    full_map: Vec<usize>,
    /// First letters ("xzyx") and their chars.
    initials: String,
    initials_map: Vec<usize>,
}

/// Normalised code ("2080505", "50010422t000000083159").
#[derive(Debug)]
struct CodeKey {
    text: String,
}

pub struct SearchIndex {
    items: Vec<Item>,
    names: Vec<NameKey>,
    codes: Vec<CodeKey>,
    /// Per item: its name key and code key.
    keys: Vec<(usize, Option<usize>)>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("items", &self.items.len())
            .field("names", &self.names.len())
            .field("codes", &self.codes.len())
            .finish()
    }
}

impl SearchIndex {
    /// Indexes every document; `Item::doc` is the position in `docs`.
    pub fn build(docs: &[&Document]) -> SearchIndex {
        let items = docs
            .iter()
            .enumerate()
            .flat_map(|(i, doc)| items_of(doc, i))
            .collect();
        SearchIndex::from_items(items)
    }

    /// Indexes items made elsewhere (synthetic data, other sources).
    pub fn from_items(items: Vec<Item>) -> SearchIndex {
        let mut names = Vec::new();
        let mut codes = Vec::new();
        let mut name_ids: HashMap<String, usize> = HashMap::new();
        let mut code_ids: HashMap<String, usize> = HashMap::new();
        let keys = items
            .iter()
            .map(|item| {
                let name = *name_ids.entry(item.name.clone()).or_insert_with(|| {
                    names.push(NameKey::new(&item.name));
                    names.len() - 1
                });
                let code = (!item.code.is_empty()).then(|| {
                    *code_ids.entry(item.code.clone()).or_insert_with(|| {
                        codes.push(CodeKey {
                            text: normalise(&item.code),
                        });
                        codes.len() - 1
                    })
                });
                (name, code)
            })
            .collect();
        SearchIndex {
            items,
            names,
            codes,
            keys,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, i: usize) -> &Item {
        &self.items[i]
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
        'items: for (i, &(name, code)) in self.keys.iter().enumerate() {
            let mut total: Option<Score> = None;
            for (names, codes) in &scored {
                let best = names[name].max(code.and_then(|c| codes[c]));
                let Some(best) = best else { continue 'items };
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
        let (name, code) = self.keys[i];
        let mut hit = Hit {
            item: i,
            kind: score.0,
            score: score.1,
            code_positions: Vec::new(),
            name_positions: Vec::new(),
        };
        for t in terms {
            let by_name = self.match_name(t, &self.names[name], true);
            let by_code = code.and_then(|c| match_code(t, &self.codes[c], true));
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

    fn match_name(&self, t: &Term, k: &NameKey, positions: bool) -> Option<Match> {
        let n = k.chars.len() as i64;
        if k.text == t.text {
            return Some(Match::new(
                MatchKind::ExactName,
                0,
                (0..k.chars.len()).collect(),
            ));
        }
        if let Some(b) = k.text.find(&t.text) {
            let start = k.text[..b].chars().count();
            let span = if positions {
                (start..start + t.chars.len()).collect()
            } else {
                Vec::new()
            };
            return Some(Match::new(
                MatchKind::NameSubstring,
                -(start as i64) * 256 - n,
                span,
            ));
        }
        if t.digits_only {
            // A number matches codes by prefix and names literally, never fuzzily
            // (fuzzy 201 would hit 2080101).
            return None;
        }
        if t.has_ascii_letter {
            if let Some(chars) = pinyin_match(&k.readings, &k.chars, t.text.as_bytes()) {
                let start = chars[0] as i64;
                let whole = chars.len() == k.readings.iter().filter(|r| !r.is_empty()).count();
                let score = if whole { 1 << 20 } else { 0 } - start * 256 - n;
                return Some(Match::new(MatchKind::Pinyin, score, chars));
            }
        }
        self.fuzzy(t, k, positions)
    }

    /// Fuzzy on the name itself, and for pinyin-like terms on its initials and full pinyin
    /// (mapped back onto the Chinese chars). Floors per query char keep scattered hits out: long
    /// pinyin strings contain almost any letters in order, so that floor is higher.
    fn fuzzy(&self, t: &Term, k: &NameKey, positions: bool) -> Option<Match> {
        let mut best: Option<(i64, Vec<usize>)> = None;
        let mut consider = |choice: &str, map: Option<&[usize]>, per_char: i64| {
            let floor = per_char * t.chars.len() as i64;
            let found = if positions {
                self.matcher.fuzzy_indices(choice, &t.text)
            } else {
                self.matcher
                    .fuzzy_match(choice, &t.text)
                    .map(|s| (s, Vec::new()))
            };
            if let Some((score, idx)) = found {
                if score >= floor && best.as_ref().is_none_or(|b| score > b.0) {
                    // `choice` is ASCII when a map is given, so char index = byte index.
                    let idx = match map {
                        Some(map) => idx.into_iter().map(|i| map[i]).collect(),
                        None => idx,
                    };
                    best = Some((score, idx));
                }
            }
        };
        consider(&k.text, None, 8);
        if t.has_ascii_letter && t.chars.len() >= 2 {
            consider(&k.initials, Some(&k.initials_map), 12);
            if t.chars.len() >= 3 {
                consider(&k.full, Some(&k.full_map), 20);
            }
        }
        best.map(|(score, idx)| Match::new(MatchKind::Fuzzy, score, idx))
    }
}

/// (kind, score): compared as a tuple, higher is better.
type Score = (MatchKind, i64);

/// One term's score for every distinct name (or code); `None` where it does not match.
type KeyScores = Vec<Option<Score>>;

struct Match {
    score: Score,
    positions: Vec<usize>,
}

impl Match {
    fn new(kind: MatchKind, score: i64, positions: Vec<usize>) -> Match {
        Match {
            score: (kind, score),
            positions,
        }
    }
}

fn match_code(t: &Term, k: &CodeKey, positions: bool) -> Option<Match> {
    if !t.code_like || !k.text.starts_with(&t.text) {
        return None;
    }
    let span = if positions {
        (0..t.chars.len()).collect()
    } else {
        Vec::new()
    };
    if k.text.len() == t.text.len() {
        Some(Match::new(MatchKind::ExactCode, 0, span))
    } else {
        // Shorter codes first: 2080 → 20801 before 2080101.
        Some(Match::new(
            MatchKind::CodePrefix,
            -(k.text.len() as i64),
            span,
        ))
    }
}

/// One space-separated part of a query, normalised.
#[derive(Debug)]
struct Term {
    text: String,
    chars: Vec<char>,
    digits_only: bool,
    /// Only ASCII letters and digits: may be a code.
    code_like: bool,
    has_ascii_letter: bool,
}

fn parse_query(query: &str) -> Vec<Term> {
    let q: String = normalise(query).chars().take(MAX_QUERY_CHARS).collect();
    q.split_whitespace()
        .map(|w| Term {
            text: w.to_string(),
            chars: w.chars().collect(),
            digits_only: w.bytes().all(|b| b.is_ascii_digit()),
            code_like: w.bytes().all(|b| b.is_ascii_alphanumeric()),
            has_ascii_letter: w.bytes().any(|b| b.is_ascii_alphabetic()),
        })
        .collect()
}

/// Full-width ASCII (２０８, ＡＢＣ) to ASCII, the ideographic space and control characters to
/// spaces, lower case. One char in, one char out, so char indices survive.
pub fn normalise(text: &str) -> String {
    text.chars().map(normal_char).collect()
}

fn normal_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c if c.is_control() => ' ',
        c => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Single-char strings for ASCII letters and digits, so that readings can all be `&'static str`.
const ALNUM: &str = "0123456789abcdefghijklmnopqrstuvwxyz";

fn ascii_reading(c: char) -> Option<&'static str> {
    ALNUM.find(c).map(|i| &ALNUM[i..i + 1])
}

impl NameKey {
    fn new(name: &str) -> NameKey {
        let text = normalise(name);
        let chars: Vec<char> = text.chars().collect();
        let readings: Vec<Vec<&'static str>> = chars
            .iter()
            .map(|&c| match ascii_reading(c) {
                Some(r) => vec![r],
                None => {
                    let mut rs: Vec<&'static str> = c
                        .to_pinyin_multi()
                        .map(|m| m.into_iter().map(|p| p.plain()).collect())
                        .unwrap_or_default();
                    rs.dedup();
                    rs
                }
            })
            .collect();
        let (mut full, mut full_map) = (String::new(), Vec::new());
        let (mut initials, mut initials_map) = (String::new(), Vec::new());
        for (i, r) in readings.iter().enumerate() {
            let Some(first) = r.first() else { continue };
            full.push_str(first);
            full_map.extend(std::iter::repeat_n(i, first.len()));
            initials.push_str(&first[..1]);
            initials_map.push(i);
        }
        NameKey {
            text,
            chars,
            readings,
            full,
            full_map,
            initials,
            initials_map,
        }
    }
}

/// Matches a query against consecutive chars of a name, each char consuming the char itself or a
/// non-empty prefix of one of its readings: so full pinyin (yanglao), initials (xzyx), mixtures
/// (xingzyx, 养老jiao) and heteronyms (行 as hang) all match. Chars without readings (punctuation,
/// spaces) are skipped inside a match. Returns the matched char indices of the leftmost match.
fn pinyin_match(readings: &[Vec<&'static str>], chars: &[char], q: &[u8]) -> Option<Vec<usize>> {
    let n = readings.len();
    // failed[i * (m + 1) + p]: the query from p cannot be matched starting at char i.
    let m = q.len();
    let mut failed = vec![false; (n + 1) * (m + 1)];
    let mut path = Vec::new();
    for start in 0..n {
        if readings[start].is_empty() && !chars[start].is_alphabetic() {
            continue;
        }
        if pinyin_from(readings, chars, q, start, 0, &mut failed, &mut path) {
            path.reverse();
            return Some(path);
        }
    }
    None
}

fn pinyin_from(
    readings: &[Vec<&'static str>],
    chars: &[char],
    q: &[u8],
    i: usize,
    p: usize,
    failed: &mut [bool],
    path: &mut Vec<usize>,
) -> bool {
    let m = q.len();
    if p == m {
        return true;
    }
    if i == readings.len() || failed[i * (m + 1) + p] {
        return false;
    }
    let mut buf = [0u8; 4];
    let literal = chars[i].encode_utf8(&mut buf).as_bytes();
    let ok = if q[p..].starts_with(literal)
        && pinyin_from(readings, chars, q, i + 1, p + literal.len(), failed, path)
    {
        true
    } else if readings[i].is_empty() {
        // Punctuation inside a match is skipped, not typed.
        return pinyin_from(readings, chars, q, i + 1, p, failed, path);
    } else {
        readings[i].iter().any(|r| {
            let r = r.as_bytes();
            (1..=r.len().min(m - p)).rev().any(|k| {
                q[p..p + k] == r[..k] && pinyin_from(readings, chars, q, i + 1, p + k, failed, path)
            })
        })
    };
    if ok {
        path.push(i);
    } else {
        failed[i * (m + 1) + p] = true;
    }
    ok
}

/// Everything of one document worth finding, trees first (in code order), then tables in order.
pub fn items_of(doc: &Document, doc_index: usize) -> Vec<Item> {
    let mut items = Vec::new();
    let base = |code: &str, name: &str, place: String, target: Target| Item {
        doc: doc_index,
        code: code.to_string(),
        name: name.to_string(),
        place,
        tables: Vec::new(),
        target,
        year: doc.fiscal_year,
        amount: None,
        prev_amount: None,
    };
    // 类 names of the functional tree, to merge summary rows that repeat them (表一 支出 side).
    let mut classes: HashMap<String, usize> = HashMap::new();
    for classification in [Classification::Functional, Classification::Economic] {
        let tree = Tree::build(doc, classification);
        if tree.is_empty() {
            continue;
        }
        let comparer = Comparer::new(doc, &tree, Scope::AllFunds);
        for (i, node) in tree.nodes.iter().enumerate().filter(|&(i, _)| i != TOTAL) {
            let mut tables: Vec<String> = Vec::new();
            for c in &node.cells {
                if !tables.contains(&c.table) {
                    tables.push(c.table.clone());
                }
            }
            let place = format!(
                "{} {}",
                classification.label(),
                classification.level_name(node.level)
            );
            let target = Target::Node {
                classification,
                code: node.code.clone(),
            };
            let cmp = comparer.get(i);
            if classification == Classification::Functional && node.level == 1 {
                classes.insert(node.name.clone(), items.len());
            }
            items.push(Item {
                tables,
                amount: cmp.cur.as_ref().map(|v| v.amount),
                prev_amount: cmp.prev.as_ref().map(|v| v.amount),
                ..base(&node.code, &node.name, place, target)
            });
        }
    }
    for table in &doc.tables {
        match table.kind {
            TableKind::Performance => performance_items(doc, table, &base, &mut items),
            TableKind::Sangong => sangong_items(doc, table, &base, &mut items),
            kind => {
                for s in table.sections() {
                    let (cur, prev) = total_columns(doc, &s);
                    for (ri, row) in s.rows.iter().enumerate() {
                        let coded = matches!(kind, TableKind::Functional | TableKind::Economic);
                        let Some(name) = row.name.as_deref().filter(|n| !n.trim().is_empty())
                        else {
                            continue;
                        };
                        // Coded rows and their totals are the tree's.
                        if coded && (row.code.is_some() || row.role == RowRole::Total) {
                            continue;
                        }
                        let amount = cur.and_then(|k| row.cells.get(k)).copied();
                        let prev_amount = prev.and_then(|k| row.cells.get(k)).copied();
                        if let Some(&ci) = classes.get(name) {
                            let class = &mut items[ci];
                            if kind == TableKind::Summary && class.amount == amount {
                                if !class.tables.contains(&table.id) {
                                    class.tables.push(table.id.clone());
                                }
                                continue;
                            }
                        }
                        let place = match s.name {
                            Some(side) => format!("{} {side}", table.id),
                            None => table.id.clone(),
                        };
                        let target = Target::TableRow {
                            table_id: table.id.clone(),
                            section: s.name.map(str::to_string),
                            row_index: ri,
                        };
                        items.push(Item {
                            tables: vec![table.id.clone()],
                            amount,
                            prev_amount,
                            ..base(row.code.as_deref().unwrap_or(""), name, place, target)
                        });
                    }
                }
            }
        }
    }
    for item in items.iter_mut() {
        if matches!(item.target, Target::Node { .. }) && !item.tables.is_empty() {
            item.place = format!("{} · {}", item.place, item.tables.join(" "));
        }
    }
    for (i, g) in doc.glossary.iter().enumerate() {
        items.push(base(
            "",
            &g.term,
            "名词解释".into(),
            Target::Glossary { index: i },
        ));
    }
    for (i, s) in doc.sections.iter().enumerate() {
        let place = format!("说明 {}", s.number);
        items.push(base(
            "",
            &s.title,
            place,
            Target::Narrative { section_index: i },
        ));
    }
    items
}

/// The keys of a section's total-measure columns for the fiscal year and the year before.
fn total_columns<'a>(doc: &Document, s: &SectionView<'a>) -> (Option<&'a str>, Option<&'a str>) {
    let find = |year: i32| {
        s.columns
            .iter()
            .find(|c| c.measure == Measure::Total && c.year_in(doc) == year)
            .map(|c| c.key.as_str())
    };
    (find(doc.fiscal_year), find(doc.fiscal_year - 1))
}

/// 三公: each current-year column of each row is a line of its own (公务接待费), with the same
/// measure's prior-year column beside it.
fn sangong_items(
    doc: &Document,
    table: &Table,
    base: &dyn Fn(&str, &str, String, Target) -> Item,
    items: &mut Vec<Item>,
) {
    for s in table.sections() {
        for (ri, row) in s.rows.iter().enumerate() {
            for col in s
                .columns
                .iter()
                .filter(|c| c.year_in(doc) == doc.fiscal_year)
            {
                let prev = s
                    .columns
                    .iter()
                    .find(|c| c.measure == col.measure && c.year_in(doc) == doc.fiscal_year - 1);
                let label = match col.header.as_str() {
                    // "小计" says nothing alone: name it by its group (公务用车购置及运行费).
                    "小计" => col
                        .group
                        .as_deref()
                        .and_then(|g| g.rsplit(" / ").next())
                        .unwrap_or("小计")
                        .to_string(),
                    "合计" => "“三公”经费合计".to_string(),
                    h => h.to_string(),
                };
                let name = match row.name.as_deref() {
                    Some(n) if row.role != RowRole::Total && !n.is_empty() => {
                        format!("{n} {label}")
                    }
                    _ => label,
                };
                let target = Target::TableCell {
                    table_id: table.id.clone(),
                    section: s.name.map(str::to_string),
                    row_index: ri,
                    column: col.key.clone(),
                };
                items.push(Item {
                    tables: vec![table.id.clone()],
                    amount: row.cells.get(&col.key).copied(),
                    prev_amount: prev.and_then(|p| row.cells.get(&p.key)).copied(),
                    ..base("", &name, format!("{} 三公", table.id), target)
                });
            }
        }
    }
}

/// A performance table: the project (code and name from 项目名称 "5001…-name", or the table's
/// title for a department's overall table) with its funds, then each indicator.
fn performance_items(
    doc: &Document,
    table: &Table,
    base: &dyn Fn(&str, &str, String, Target) -> Item,
    items: &mut Vec<Item>,
) {
    let Some(perf) = &table.performance else {
        return;
    };
    let field = perf.fields.iter().find(|f| f.label == "项目名称");
    let (code, name) = match field.map(|f| f.value.split_once('-')) {
        Some(Some((code, name))) if code.bytes().all(|b| b.is_ascii_alphanumeric()) => (code, name),
        _ => ("", field.map_or(table.title.as_str(), |f| f.value.as_str())),
    };
    let amount = table.sections().into_iter().find_map(|s| {
        let (cur, _) = total_columns(doc, &s);
        s.rows.iter().find_map(|r| cur.and_then(|k| r.cells.get(k)))
    });
    items.push(Item {
        tables: vec![table.id.clone()],
        amount: amount.copied(),
        ..base(
            code,
            name,
            format!("{} 项目", table.id),
            Target::Project {
                table_id: table.id.clone(),
            },
        )
    });
    for (i, ind) in perf.indicators.iter().enumerate() {
        let target = Target::Indicator {
            table_id: table.id.clone(),
            index: i,
        };
        let mut item = base("", &ind.name, format!("{} 指标", table.id), target);
        item.tables = vec![table.id.clone()];
        items.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_keeps_one_char_per_char() {
        assert_eq!(normalise("２０８ＡＢｃ\u{3000}x"), "208abc x");
        assert_eq!(normalise("a\u{1b}[2J"), "a [2j");
        // 'İ' lowercases to two chars: kept as is so that indices still line up.
        assert_eq!(normalise("İ养").chars().count(), 2);
    }

    #[test]
    fn pinyin_key_maps_back_to_chinese_chars() {
        let k = NameKey::new("维修（护）费");
        assert_eq!(k.initials, "wxhf");
        assert_eq!(k.initials_map, [0, 1, 3, 5]);
        assert_eq!(k.full, "weixiuhufei");
        assert_eq!(k.full_map[6], 3, "the h of hu is 护");
        let m = pinyin_match(&k.readings, &k.chars, b"xiuhu").unwrap();
        assert_eq!(m, [1, 3], "the bracket between is skipped, not highlighted");
    }

    #[test]
    fn pinyin_match_backtracks_over_syllable_splits() {
        let k = NameKey::new("养老保险");
        // yangl: 养 must take "yang", not just "y", for 老 to take "l".
        assert_eq!(
            pinyin_match(&k.readings, &k.chars, b"yangl").unwrap(),
            [0, 1]
        );
        assert_eq!(
            pinyin_match(&k.readings, &k.chars, b"laobx").unwrap(),
            [1, 2, 3]
        );
        assert_eq!(pinyin_match(&k.readings, &k.chars, b"angl"), None);
    }
}
