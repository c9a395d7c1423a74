//! A search result's text with the matched characters marked.

use crate::tui::text::width;
use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

/// `text` in exactly `cells` cells, split into spans so that the chars at `positions` (char
/// indices) carry `hl`. Widths are measured per char, so a highlighted CJK char covers its two
/// cells and everything after it stays aligned; a cut text ends with the ellipsis.
pub fn highlighted(
    text: &str,
    positions: &[usize],
    cells: usize,
    hl: Style,
    ellipsis: &str,
) -> Vec<Span<'static>> {
    let fits = width(text) <= cells;
    let room = if fits {
        cells
    } else {
        cells.saturating_sub(width(ellipsis))
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut used = 0;
    for (i, c) in text.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        let on = positions.binary_search(&i).is_ok();
        if on != run_hl && !run.is_empty() {
            let style = if run_hl { hl } else { Style::new() };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hl = on;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_hl { hl } else { Style::new() };
        spans.push(Span::styled(run, style));
    }
    if !fits {
        let e: String = ellipsis.chars().take(cells.saturating_sub(used)).collect();
        used += width(&e);
        spans.push(Span::raw(e));
    }
    spans.push(Span::raw(" ".repeat(cells.saturating_sub(used))));
    spans
}
