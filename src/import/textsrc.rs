//! Texts extracted from a PDF, turned into the pages of lines every template reads.
//!
//! Three forms are met: cells separated by tabs (one run per cell, x = the cell's index, so
//! positions cannot be compared with a header's), `pdftotext -layout` columns (runs split at two
//! or more spaces, x = display column, comparable with the header's columns), and lines whose
//! cells are separated by single spaces (one run; templates split it into tokens).

use super::lines::{Line, Page, Run};
use unicode_width::UnicodeWidthChar;

/// Splits a text into pages (form feeds, or the `-- PAGE_BREAK --` lines some extractors write)
/// and the pages into lines of runs. Line `y` is the line's index on its page.
pub fn pages(text: &str) -> Vec<Page> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut pages = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim() == "-- PAGE_BREAK --" {
            pages.push(std::mem::take(&mut current));
            continue;
        }
        let mut parts = raw.split('\u{c}');
        current.push(parts.next().unwrap_or(""));
        for rest in parts {
            pages.push(std::mem::take(&mut current));
            current.push(rest);
        }
    }
    pages.push(current);
    let tabbed = text.contains('\t');
    pages
        .into_iter()
        .enumerate()
        .map(|(i, lines)| Page {
            number: i as u32 + 1,
            width: 0.0,
            height: lines.len() as f32,
            lines: lines
                .iter()
                .enumerate()
                .filter_map(|(y, l)| line(l, y as f32, tabbed))
                .collect(),
            rules: Vec::new(),
            positioned: !tabbed,
        })
        .collect()
}

fn line(text: &str, y: f32, tabbed: bool) -> Option<Line> {
    let runs = if tabbed {
        tab_runs(text)
    } else {
        column_runs(text)
    };
    (!runs.is_empty()).then_some(Line { y, runs })
}

/// One run per tab-separated cell, x = its index; empty cells are kept out.
fn tab_runs(text: &str) -> Vec<Run> {
    text.split('\t')
        .enumerate()
        .filter_map(|(i, cell)| {
            let cell = cell.trim();
            (!cell.is_empty()).then(|| {
                let x = i as f32;
                Run {
                    x0: x,
                    x1: x + 0.5,
                    text: cell.to_string(),
                    xs: cell.chars().map(|_| x).collect(),
                }
            })
        })
        .collect()
}

/// Runs split at two or more spaces; x is the display column (CJK counts two).
fn column_runs(text: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut col = 0f32;
    let mut spaces = 0usize;
    let mut current: Option<Run> = None;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0) as f32;
        if ch == ' ' || ch == '\u{3000}' {
            spaces += if ch == ' ' { 1 } else { 2 };
        } else {
            match current.as_mut() {
                Some(run) if spaces < 2 => {
                    for _ in 0..spaces {
                        run.xs.push(col - spaces as f32);
                        run.text.push(' ');
                    }
                    run.xs.push(col);
                    run.text.push(ch);
                    run.x1 = col + w;
                }
                _ => {
                    if let Some(done) = current.take() {
                        runs.push(done);
                    }
                    current = Some(Run {
                        x0: col,
                        x1: col + w,
                        text: ch.to_string(),
                        xs: vec![col],
                    });
                }
            }
            spaces = 0;
        }
        col += if ch == '\u{3000}' {
            2.0
        } else {
            w.max(if ch == ' ' { 1.0 } else { 0.0 })
        };
    }
    runs.extend(current);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_breaks_and_tabs() {
        let p = pages("a \tb\n-- PAGE_BREAK --\n\nc \t\t12");
        assert_eq!(p.len(), 2);
        assert!(!p[0].positioned);
        assert_eq!(p[0].lines[0].runs.len(), 2);
        assert_eq!(p[1].lines[0].runs[1].text, "12");
        assert_eq!(p[1].lines[0].runs[1].x0, 2.0);
    }

    #[test]
    fn layout_columns_count_cjk_twice() {
        let p = pages("合计  1,000   2\u{c} x");
        assert_eq!(p.len(), 2);
        let runs = &p[0].lines[0].runs;
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[1].x0, 6.0);
        assert_eq!(runs[1].text, "1,000");
        assert_eq!(runs[2].x1, 15.0);
    }
}
