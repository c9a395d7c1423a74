//! Text measured by display width: CJK characters take two cells, and a string is cut only
//! between characters.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// At most `max` cells: cut with `ellipsis` when too long, never splitting a character.
pub fn truncate(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let room = max.saturating_sub(width(ellipsis));
    if room == 0 {
        // Not even the ellipsis fits whole: show what fits of it.
        return ellipsis.chars().take(max).collect();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ellipsis);
    out
}

/// Left-aligned in exactly `w` cells (truncated when longer).
pub fn pad_right(s: &str, w: usize, ellipsis: &str) -> String {
    let t = truncate(s, w, ellipsis);
    let fill = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(fill))
}

/// Right-aligned in exactly `w` cells (truncated when longer).
pub fn pad_left(s: &str, w: usize, ellipsis: &str) -> String {
    let t = truncate(s, w, ellipsis);
    let fill = w.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(fill))
}

/// Wraps by display width (Chinese text has no spaces to break at, so break anywhere; a run
/// of ASCII letters or digits is kept whole when it fits on a line).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // Measure a run of ASCII alphanumerics as one word.
        let mut word = String::from(c);
        if c.is_ascii_alphanumeric() {
            while let Some(&n) = chars.peek() {
                if n.is_ascii_alphanumeric() || n == '.' || n == ',' {
                    word.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
        }
        let ww = width(&word);
        if word == " " && used + ww > w {
            // A space at a break is the break itself.
            lines.push(std::mem::take(&mut line));
            used = 0;
            continue;
        }
        if used + ww > w && used > 0 {
            // A closing mark never starts a line: the character before it goes down with it.
            let carried = if is_closing(c) && line.chars().count() > 1 {
                line.pop()
            } else {
                None
            };
            lines.push(std::mem::take(&mut line));
            used = 0;
            if let Some(prev) = carried {
                line.push(prev);
                used = char_width(prev);
            }
        }
        if ww > w {
            // A word longer than a line: break it by characters.
            for ch in word.chars() {
                let cw = char_width(ch);
                if used + cw > w && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(ch);
                used += cw;
            }
        } else {
            line.push_str(&word);
            used += ww;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Punctuation that must not begin a line (禁则).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '、'
            | '）'
            | '”'
            | '’'
            | '！'
            | '？'
            | '》'
            | '」'
            | ','
            | '.'
            | ';'
            | ':'
            | ')'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_width_without_splitting() {
        assert_eq!(truncate("行政运行", 8, "…"), "行政运行");
        assert_eq!(truncate("行政运行", 7, "…"), "行政运…");
        assert_eq!(truncate("行政运行", 6, "…"), "行政…");
        assert_eq!(truncate("行政运行", 6, "..."), "行...");
        assert_eq!(width(&pad_right("行政运行", 7, "…")), 7);
        assert_eq!(pad_left("1.00", 6, "…"), "  1.00");
        assert_eq!(truncate("abc", 0, "…"), "");
    }

    #[test]
    fn wraps_by_width() {
        let lines = wrap("重庆市大渡口区社会保险事务中心", 10);
        assert!(lines.iter().all(|l| width(l) <= 10));
        assert_eq!(lines.concat(), "重庆市大渡口区社会保险事务中心");
        assert_eq!(wrap("共 1524.40 万元", 8), ["共 ", "1524.40 ", "万元"]);
        assert_eq!(wrap("一二三；四", 6), ["一二", "三；四"]);
    }
}
