//! What a real terminal shows equals what the app drew: the bytes the crossterm backend writes,
//! frame after frame (ratatui sends only the cells that changed), are fed to a terminal emulator
//! (vt100) and its screen is compared with the frame, row by row. This catches stale cells left
//! behind when double-width characters change.

use crate::common::shared::Shared;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use unicode_width::UnicodeWidthStr;
use yusuan::core::load::bundled;
use yusuan::tui::app::{App, Options};
use yusuan::tui::render::render;

fn rows_of(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < area.width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            row.trim_end().to_string()
        })
        .collect()
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn the_emulated_screen_matches_every_frame() {
    let (w, h) = (100u16, 30u16);
    let mut app = App::new(bundled(), Options::default());
    app.update(Event::Resize(w, h));
    let out = Shared::default();
    let mut real = Terminal::with_options(
        CrosstermBackend::new(out.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .unwrap();
    let mut test = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut emulator = vt100::Parser::new(h, w, 0);
    // Walk the trees (names of every width pass under the same cells), switch views and back,
    // open help and search, so that wide characters replace narrow ones and the reverse.
    let mut steps = vec![key(KeyCode::Char('e'))];
    steps.extend(std::iter::repeat_n(key(KeyCode::Down), 25));
    steps.extend([key(KeyCode::Char('2')), key(KeyCode::Char('e'))]);
    steps.extend(std::iter::repeat_n(key(KeyCode::Down), 35));
    for c in ['3', '4', '5', '6', '7', '8', '1', '?'] {
        steps.push(key(KeyCode::Char(c)));
    }
    steps.push(key(KeyCode::Esc));
    steps.extend("/yanglao".chars().map(|c| key(KeyCode::Char(c))));
    steps.extend([
        key(KeyCode::Down),
        key(KeyCode::Enter),
        key(KeyCode::Char('s')),
        key(KeyCode::Char('o')),
    ]);
    steps.extend(std::iter::repeat_n(key(KeyCode::Up), 10));
    for (n, step) in steps.into_iter().enumerate() {
        app.update(step);
        out.0.borrow_mut().clear();
        real.draw(|f| render(&app, f)).unwrap();
        emulator.process(&out.0.borrow());
        let frame = test.draw(|f| render(&app, f)).unwrap();
        let expected = rows_of(frame.buffer);
        let shown: Vec<String> = emulator
            .screen()
            .rows(0, w)
            .map(|r| r.trim_end().to_string())
            .collect();
        for (y, (e, s)) in expected.iter().zip(&shown).enumerate() {
            assert_eq!(
                s, e,
                "step {n}, row {y}: the terminal shows something else than the frame"
            );
        }
    }
}
