//! Names prepared for matching: normalised char by char, with every pinyin reading of each char,
//! so that 养老, yanglao, yl and 养lao all find 养老保险.

use pinyin::ToPinyinMulti;

/// A name prepared for matching: normalised text and its pinyin.
#[derive(Debug)]
pub(super) struct NameKey {
    /// Normalised char by char, so that index i here is char i of the displayed name.
    pub(super) text: String,
    pub(super) chars: Vec<char>,
    /// Per char: every pinyin reading (heteronyms too: 行 xing/hang), or the char itself
    /// when it is an ASCII letter or digit; empty for punctuation and spaces.
    pub(super) readings: Vec<Vec<&'static str>>,
    /// The first reading of every char, run together ("xingzhengyunxing"), and for each of its
    /// bytes the char of the name it came from.
    pub(super) full: String,
    pub(super) full_map: Vec<usize>,
    /// First letters ("xzyx") and their chars.
    pub(super) initials: String,
    pub(super) initials_map: Vec<usize>,
}

/// Normalised code ("2080505", "50010422t000000083159").
#[derive(Debug)]
pub(super) struct CodeKey {
    pub(super) text: String,
}

/// Full-width ASCII (２０８, ＡＢＣ) to ASCII, the ideographic space and control characters to
/// spaces, lower case. One char in, one char out, so char indices survive.
pub fn normalise(text: &str) -> String {
    text.chars().map(normal_char).collect()
}

pub(super) fn normal_char(c: char) -> char {
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
pub(super) const ALNUM: &str = "0123456789abcdefghijklmnopqrstuvwxyz";

pub(super) fn ascii_reading(c: char) -> Option<&'static str> {
    ALNUM.find(c).map(|i| &ALNUM[i..i + 1])
}

impl NameKey {
    pub(super) fn new(name: &str) -> NameKey {
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
pub(super) fn pinyin_match(
    readings: &[Vec<&'static str>],
    chars: &[char],
    q: &[u8],
) -> Option<Vec<usize>> {
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

pub(super) fn pinyin_from(
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
