//! The common form every input is turned into before a template reads it: pages of lines, each a
//! left-to-right list of runs (a run is text drawn without a gap wider than a space).
//!
//! Positions are in PDF points from the page's top-left corner (y grows downwards). For text
//! inputs x is the display column of the run (pdftotext -layout) or the cell index (tab-separated);
//! `Page::positioned` says whether x can be compared with header positions.

/// A piece of text on one line; `x0..x1` is its horizontal extent.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
    /// The left edge of each char of `text` (as many as `text.chars()`), so that a template can
    /// cut a run at a column boundary: a 项 code printed less than an em from its name
    /// (`01行政运行`) is one run but two cells.
    pub xs: Vec<f32>,
}

impl Run {
    /// Cuts the run before the first char whose left edge is at or right of `x`.
    pub fn split_at_x(&self, x: f32) -> (Option<Run>, Option<Run>) {
        let cut = self
            .xs
            .iter()
            .position(|&cx| cx >= x)
            .unwrap_or(self.xs.len());
        if cut == 0 {
            return (None, Some(self.clone()));
        }
        if cut >= self.xs.len() {
            return (Some(self.clone()), None);
        }
        let byte = self
            .text
            .char_indices()
            .nth(cut)
            .map_or(self.text.len(), |(i, _)| i);
        let left = Run {
            x0: self.x0,
            x1: self.xs[cut],
            text: self.text[..byte].to_string(),
            xs: self.xs[..cut].to_vec(),
        };
        let right = Run {
            x0: self.xs[cut],
            x1: self.x1,
            text: self.text[byte..].to_string(),
            xs: self.xs[cut..].to_vec(),
        };
        (Some(left), Some(right))
    }
}

/// One printed line: runs in left-to-right order, `y` its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f32,
    pub runs: Vec<Run>,
}

impl Line {
    /// The line's text with runs joined by one space.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, r) in self.runs.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&r.text);
        }
        s
    }
}

/// A horizontal or vertical ruling line of a page (a table border), in the same coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// One page, numbered from 1 as printed by a PDF viewer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
    /// True when run positions are real page positions (PDF, pdftotext -layout columns).
    pub positioned: bool,
}
