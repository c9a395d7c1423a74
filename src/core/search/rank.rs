//! Scoring a query against the prepared names and codes: exact code prefixes first, then names
//! by substring, pinyin and initials, then fuzzy matches.

use super::pinyin::{pinyin_match, CodeKey, NameKey};
use super::{normalise, Keys, MatchKind, MAX_QUERY_CHARS};
use fuzzy_matcher::FuzzyMatcher;

impl Keys {
    pub(super) fn match_name(&self, t: &Term, k: &NameKey, positions: bool) -> Option<Match> {
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
    pub(super) fn fuzzy(&self, t: &Term, k: &NameKey, positions: bool) -> Option<Match> {
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
pub(super) type Score = (MatchKind, i64);

/// One term's score for every distinct name (or code); `None` where it does not match.
pub(super) type KeyScores = Vec<Option<Score>>;

pub(super) struct Match {
    pub(super) score: Score,
    pub(super) positions: Vec<usize>,
}

impl Match {
    pub(super) fn new(kind: MatchKind, score: i64, positions: Vec<usize>) -> Match {
        Match {
            score: (kind, score),
            positions,
        }
    }
}

pub(super) fn match_code(t: &Term, k: &CodeKey, positions: bool) -> Option<Match> {
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
pub(super) struct Term {
    pub(super) text: String,
    pub(super) chars: Vec<char>,
    pub(super) digits_only: bool,
    /// Only ASCII letters and digits: may be a code.
    pub(super) code_like: bool,
    pub(super) has_ascii_letter: bool,
}

pub(super) fn parse_query(query: &str) -> Vec<Term> {
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
