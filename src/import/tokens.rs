//! Words of a line with their positions, and what a word of a budget table can be: an amount as
//! printed (`189,767,551`, `1,213.45`, `0`), or a piece of a classification code.

use super::lines::{Line, Run};
use crate::core::amount::Amount;

/// A whitespace-free piece of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
}

impl Token {
    pub fn center(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Splits each run at its spaces, keeping every piece's extent.
pub fn tokens(line: &Line) -> Vec<Token> {
    line.runs.iter().flat_map(run_tokens).collect()
}

fn run_tokens(run: &Run) -> Vec<Token> {
    let chars: Vec<char> = run.text.chars().collect();
    let xs = &run.xs;
    let x_of = |i: usize| xs.get(i).copied().unwrap_or(run.x1);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..=chars.len() {
        let space = i == chars.len() || chars[i].is_whitespace();
        match (space, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let end = if i == chars.len() { run.x1 } else { x_of(i) };
                out.push(Token {
                    x0: x_of(s),
                    x1: end.max(x_of(s)),
                    text: chars[s..i].iter().collect(),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// An amount as printed in a table: digits with optional thousands commas and decimals, an
/// optional leading minus. The commas are checked (groups of three) so that two numbers run
/// together by an extractor are not read as one. Returns the amount without separators.
pub fn amount(text: &str) -> Option<Amount> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty()
        || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
    } else if !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let plain: String = text.chars().filter(|&c| c != ',').collect();
    Amount::parse(&plain).ok()
}

/// A classification code at the start of a row's text, printed whole (`2080501`), split into
/// 类/款/项 words (`201 05 07`), or with the 项 glued to the name (`201 05 07行政运行`).
/// Returns the digits, the code as printed and the rest of the text.
pub fn leading_code(words: &[&str]) -> Option<(String, String, usize, String)> {
    let mut digits = String::new();
    let mut printed: Vec<String> = Vec::new();
    let mut used = 0;
    let mut rest = String::new();
    for (i, w) in words.iter().enumerate() {
        let lead: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
        let ok_len = if digits.is_empty() {
            matches!(lead.len(), 3 | 5 | 7)
        } else {
            lead.len() == 2
        };
        if lead.is_empty() || !ok_len || digits.len() + lead.len() > 7 {
            break;
        }
        digits.push_str(&lead);
        printed.push(lead.clone());
        used = i + 1;
        if lead.len() < w.len() {
            rest = w[lead.len()..].to_string();
            break;
        }
    }
    if digits.is_empty() {
        return None;
    }
    Some((digits, printed.join(" "), used, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_printed() {
        assert_eq!(amount("189,767,551").unwrap().0.to_string(), "189767551");
        assert_eq!(amount("1,213.45").unwrap().0.to_string(), "1213.45");
        assert_eq!(amount("0").unwrap().0.to_string(), "0");
        assert_eq!(amount("0.00").unwrap().0.to_string(), "0.00");
        assert_eq!(amount("-3.55").unwrap().0.to_string(), "-3.55");
        assert!(amount("1,21").is_none());
        assert!(amount("12,345,6789").is_none());
        assert!(amount("2025年").is_none());
        assert!(amount("1.").is_none());
        assert!(amount(",100").is_none());
    }

    #[test]
    fn codes_split_glued_or_whole() {
        let c = leading_code(&["201", "05", "07行政运行"]).unwrap();
        assert_eq!(
            (c.0.as_str(), c.1.as_str(), c.2, c.3.as_str()),
            ("2010507", "201 05 07", 3, "行政运行")
        );
        let c = leading_code(&["2080501", "行政单位离退休"]).unwrap();
        assert_eq!((c.0.as_str(), c.2), ("2080501", 1));
        let c = leading_code(&["301", "01", "基本工资"]).unwrap();
        assert_eq!(c.0, "30101");
        assert!(leading_code(&["合计"]).is_none());
        assert!(leading_code(&["2025年"]).is_none());
    }

    #[test]
    fn tokens_keep_positions() {
        let line = Line {
            y: 0.0,
            runs: vec![Run {
                x0: 0.0,
                x1: 8.0,
                text: "ab cd".into(),
                xs: vec![0.0, 1.0, 2.0, 3.0, 4.0],
            }],
        };
        let t = tokens(&line);
        assert_eq!(t.len(), 2);
        assert_eq!((t[1].x0, t[1].x1, t[1].text.as_str()), (3.0, 8.0, "cd"));
    }
}
