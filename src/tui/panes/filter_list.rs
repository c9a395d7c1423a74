//! What the search pane and the document picker share: a query typed into a box and a cursor
//! over the list it filters. Each key becomes a `ListEvent` for the pane to act on.

use crate::tui::keys::Action;
use crate::tui::tree_state::scroll_offset;

/// The longest query either pane takes (the search ranks only its first 64 characters).
pub const MAX_QUERY: usize = crate::core::search::MAX_QUERY_CHARS * 4;

/// What a key did to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListEvent {
    /// Nothing the pane needs to know (the cursor moved, or nothing happened).
    None,
    /// The query changed: filter again.
    Query,
    /// Enter on the selected row.
    Choose,
    Close,
    Quit,
}

#[derive(Debug, Clone, Default)]
pub struct FilterList {
    pub query: String,
    /// Index into the filtered list.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
}

impl FilterList {
    /// An empty query, the cursor at the top.
    pub fn clear(&mut self) {
        self.query.clear();
        self.reset();
    }

    /// The cursor back to the top, after the list changed.
    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// A key over a list of `len` rows of which `page` are shown.
    pub fn on_key(
        &mut self,
        action: Option<Action>,
        typed: Option<char>,
        len: usize,
        page: usize,
    ) -> ListEvent {
        let last = len.saturating_sub(1);
        let step = page.max(1);
        let event = match action {
            Some(Action::Quit) => ListEvent::Quit,
            Some(Action::Close) => ListEvent::Close,
            Some(Action::Up) => self.move_to(self.selected.saturating_sub(1)),
            Some(Action::Down) => self.move_to((self.selected + 1).min(last)),
            Some(Action::PageUp) => self.move_to(self.selected.saturating_sub(step)),
            Some(Action::PageDown) => self.move_to((self.selected + step).min(last)),
            Some(Action::Backspace) => {
                self.query.pop();
                ListEvent::Query
            }
            Some(Action::Expand) => ListEvent::Choose,
            _ => match typed.filter(|c| !c.is_control()) {
                Some(c) if self.query.chars().count() < MAX_QUERY => {
                    // A pasted bidi override or zero-width character is shown as a stand-in.
                    self.query
                        .push_str(&crate::core::text::neutralise(c.encode_utf8(&mut [0; 4])));
                    ListEvent::Query
                }
                _ => ListEvent::None,
            },
        };
        if event == ListEvent::Query {
            self.reset();
        }
        event
    }

    fn move_to(&mut self, index: usize) -> ListEvent {
        self.selected = index;
        ListEvent::None
    }

    /// Scrolls the least needed to keep the cursor within `rows` rows.
    pub fn keep_visible(&mut self, rows: usize) {
        self.offset = scroll_offset(self.selected, self.offset, rows);
    }
}
