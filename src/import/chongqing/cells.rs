//! How the Chongqing text prints a row: cells joined by one space, an empty cell printed as one
//! space (so an empty cell between two others shows as three spaces), and a trailing space.
//! Indentation of codes and names is part of their cell text.

use crate::core::amount::Amount;

/// A printed amount: digits with optional thousands commas and a decimal part. Commas must group
/// by three so that `1,52` is not read as 152; they are stripped before the exact parse.
pub fn amount(token: &str) -> Option<Amount> {
    let (int, _) = token.split_once('.').unwrap_or((token, ""));
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    Amount::parse(&token.replace(',', "")).ok()
}

/// A table amount has a decimal point: `231.00`. Codes (`208`) and counts never do.
pub fn table_amount(token: &str) -> Option<Amount> {
    if token.contains('.') {
        amount(token)
    } else {
        None
    }
}

/// Splits a printed run of cells; `""` stands for an empty cell. Trailing empty cells are dropped
/// (they are absent either way).
pub fn split(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i..].trim().is_empty() {
            break;
        }
        if s.as_bytes()[i] == b' ' {
            // An empty cell's space, then the separator.
            out.push("");
            i += 2;
        } else {
            let end = s[i..].find(' ').map_or(s.len(), |j| i + j);
            out.push(&s[i..end]);
            i = end + 1;
        }
    }
    out
}

/// A classification code cell: 3, 5 or 7 digits.
pub fn is_code(token: &str) -> bool {
    matches!(token.len(), 3 | 5 | 7) && token.bytes().all(|b| b.is_ascii_digit())
}

/// A line of a one-sided table: its label (code and/or name, as printed) and its amount cells.
/// The cells start at the first amount after which the rest of the line is amounts and empties.
pub fn label_and_amounts(line: &str) -> Option<(&str, Vec<Option<Amount>>)> {
    let mut from = 0;
    // Skip a leading code: `208` is a code, not an amount.
    let trimmed = line.trim_start();
    if let Some(first) = trimmed.split(' ').next() {
        if is_code(first) {
            from = line.len() - trimmed.len() + first.len();
        }
    }
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices().skip_while(|(i, _)| *i < from) {
        if !c.is_ascii_digit() || (i > 0 && bytes[i - 1] != b' ') {
            continue;
        }
        let label = line[..i].trim_end();
        // The cells begin right after the label and its separator (an empty first cell adds two).
        let start = if label.is_empty() { 0 } else { label.len() + 1 };
        let cells = split(&line[start..]);
        let parsed: Option<Vec<Option<Amount>>> = cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Some(None)
                } else {
                    table_amount(c).map(Some)
                }
            })
            .collect();
        if let Some(parsed) = parsed {
            return Some((label, parsed));
        }
    }
    None
}

/// A line that is a page number: `- 9 -`.
pub fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    t.len() > 4
        && t.starts_with("- ")
        && t.ends_with(" -")
        && t[2..t.len() - 2].trim().bytes().all(|b| b.is_ascii_digit())
}

/// Whitespace removed: how wrapped headers and names are compared.
pub fn collapse(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_cells_are_three_spaces_apart() {
        assert_eq!(split("385.81   385.81 "), ["385.81", "", "385.81"]);
        assert_eq!(
            split("    国有 231.00     231.00 "),
            ["", "", "国有", "231.00", "", "", "231.00"]
        );
        assert_eq!(split("8.00   7.00 1.00"), ["8.00", "", "7.00", "1.00"]);
    }

    #[test]
    fn amounts_with_commas_are_exact() {
        assert_eq!(amount("1,524.40").unwrap().display(), "1,524.40");
        assert!(amount("1,52.40").is_none());
        assert!(amount("12,345,678.9").is_some());
        assert!(amount(",123").is_none());
    }

    #[test]
    fn label_then_cells() {
        let (l, c) = label_and_amounts("  2080109   社会保险经办机构 385.81   385.81 ").unwrap();
        assert_eq!(l, "  2080109   社会保险经办机构");
        assert_eq!(c.len(), 3);
        assert!(c[1].is_none());
        assert!(label_and_amounts("  2080505").is_none());
        let (l, c) = label_and_amounts("231.00     231.00").unwrap();
        assert_eq!((l, c.len()), ("", 4));
    }
}
