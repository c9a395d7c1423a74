//! One module per view. Tree views draw rows; the others are scrollable lines.

pub mod aggregate;
pub mod detail;
pub mod fund;
pub mod grid;
pub mod header;
pub mod help;
pub mod list;
pub mod narrative;
pub mod performance;
pub mod picker;
pub mod procurement;
pub mod sangong;
pub mod search;
pub mod summary;
pub mod tree;

use super::app::{App, View};
use ratatui::text::Line;

/// The lines of a text view at a width (empty for tree views).
pub fn text_lines(app: &App, view: View, width: u16) -> Vec<Line<'static>> {
    let width = width as usize;
    match view {
        View::Functional | View::Economic => Vec::new(),
        View::Summary => summary::lines(app, width),
        View::Sangong => sangong::lines(app, width),
        View::Procurement => procurement::lines(app, width),
        View::GovFund => fund::lines(app, width),
        View::Performance => performance::lines(app, width),
        View::Narrative => narrative::lines(app, width),
    }
}
