//! The words of a load in progress: the count for the hint line and the loading screen.

use crate::core::lang::fill;
use crate::tui::app::App;
use crate::tui::i18n::Msg;

/// "正在读取 12,345 / 20,000 份文件" while the folder loads.
pub fn progress_text(app: &App) -> Option<String> {
    let l = app.loading?;
    Some(fill(
        app.text(Msg::Loading),
        &[&count(l.done), &count(l.total)],
    ))
}

/// The share done as a bar of `width` cells: filled, then empty glyphs.
pub fn bar(app: &App, width: usize, filled: &str, empty: &str) -> String {
    let Some(l) = app.loading else {
        return String::new();
    };
    let full = (l.done.min(l.total) * width)
        .checked_div(l.total)
        .unwrap_or(0);
    format!("{}{}", filled.repeat(full), empty.repeat(width - full))
}

/// A count with thousands separated: 20,000.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(super::count(0), "0");
        assert_eq!(super::count(999), "999");
        assert_eq!(super::count(12345), "12,345");
        assert_eq!(super::count(1_000_000), "1,000,000");
    }
}
