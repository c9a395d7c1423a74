//! Any key sequence at any size: no panic, the selection always on a visible row and in view.

use crate::common::*;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_keys_any_size(keys in "[jklhgGeEoOs 12345678\\[\\]ym?/nNpac]{0,40}", w in 1u16..200, h in 1u16..60) {
        let mut a = app();
        a.update(ratatui::crossterm::event::Event::Resize(w, h));
        for c in keys.chars() {
            a.update(ch(c));
            if let Some(c) = a.view.classification() {
                // The rows kept with the state are the rows built afresh.
                prop_assert_eq!(a.build_rows(c), a.rows(c).to_vec());
                let state = a.tree_state(c);
                let at = state.position();
                prop_assert!(at.is_some(), "selection on a visible row");
                let height = yusuan::tui::layout::areas(a.size, true).main.height as usize;
                let at = at.unwrap_or(0);
                prop_assert!(at >= state.offset);
                prop_assert!(height <= 1 || at < state.offset + height - 1, "selection in view");
            }
        }
        draw(&mut a, w, h);
    }
}
