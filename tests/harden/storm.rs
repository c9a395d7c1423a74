//! Event storms: seeded random events (every key of the key table, random characters, pastes,
//! mouse clicks, drags and scrolls anywhere, resizes down to 0×0 and up to 500×200) against the
//! app on one document and on a collection (picker, search, aggregate), with a frame drawn after
//! every event and the state's invariants checked after every event:
//! - a tree view's selection is on a visible row and inside the scrolled window;
//! - the scroll offset is within the rows (tree, text view, search results, picker);
//! - the breadcrumb drawn is the path of the selected node.
//!
//! The seed is printed; a failure prints the seed, the event number and the last events. Set
//! `YUSUAN_STORM_SEED` to replay one seed; `cargo test --test harden storm -- --ignored` runs
//! the long storm.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::Terminal;
use std::collections::VecDeque;
use std::time::Instant;
use unicode_width::UnicodeWidthStr;
use yusuan::core::collection::{load_dir, Collection};
use yusuan::core::load::bundled;
use yusuan::core::tree::TOTAL;
use yusuan::tui::app::{App, Options};
use yusuan::tui::content;
use yusuan::tui::i18n::Lang;
use yusuan::tui::keys::KEYS;
use yusuan::tui::layout;
use yusuan::tui::overlay::Overlay;
use yusuan::tui::render::render;

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Characters typed at random: letters, digits, CJK, punctuation and control characters.
const CHARS: &[char] = &[
    'a', 'z', 'A', 'Z', '0', '9', '2', '8', ' ', '.', '%', '-', '*', '/', '?', '[', ']', '行',
    '政', '养', '老', '预', '算', '（', '）', '，', 'é', '\u{1b}', '\u{7}', '\u{0}', '\t', '\n',
    '\u{9b}', '\u{202e}', '\u{200b}', '\u{fe0f}', '🎉',
];

const MODIFIERS: &[KeyModifiers] = &[
    KeyModifiers::NONE,
    KeyModifiers::NONE,
    KeyModifiers::NONE,
    KeyModifiers::SHIFT,
    KeyModifiers::CONTROL,
    KeyModifiers::ALT,
];

/// Every key event the storm can send that is not a plain character.
fn special_codes() -> Vec<KeyCode> {
    let mut v = vec![
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Null,
    ];
    v.extend((1..=12).map(KeyCode::F));
    v
}

/// The key table as events: every key of every binding, found among the events the storm can
/// build (a key the storm cannot build fails the test, so a new kind of key gets covered).
fn table_events() -> Vec<Event> {
    let mut pool = Vec::new();
    for c in (0x20u8..0x7f).map(char::from) {
        for m in [
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
        ] {
            pool.push(KeyEvent::new(KeyCode::Char(c), m));
        }
    }
    for code in special_codes() {
        for m in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
            pool.push(KeyEvent::new(code, m));
        }
    }
    let mut events = Vec::new();
    for binding in KEYS {
        for key in binding.keys {
            let found: Vec<_> = pool.iter().filter(|ev| key.matches(ev)).collect();
            assert!(!found.is_empty(), "the storm cannot press {key:?}");
            events.extend(found.into_iter().map(|ev| Event::Key(*ev)));
        }
    }
    events
}

const ODD_SIZES: &[(u16, u16)] = &[
    (0, 0),
    (1, 1),
    (2, 80),
    (80, 2),
    (50, 12),
    (49, 11),
    (500, 200),
];

struct Storm {
    rng: Rng,
    table: Vec<Event>,
    specials: Vec<KeyCode>,
    /// The big size costs a lot to draw: it comes only rarely, and goes soon.
    big_left: u32,
}

impl Storm {
    fn event(&mut self, app: &App) -> Event {
        let (w, h) = (app.size.width, app.size.height);
        let r = self.rng.below(1000);
        if self.big_left > 0 {
            self.big_left -= 1;
            if self.big_left == 0 {
                return Event::Resize(80, 24);
            }
        }
        match r {
            0..=549 => self.rng.pick(&self.table).clone(),
            550..=649 => {
                let c = *self.rng.pick(CHARS);
                let m = *self.rng.pick(MODIFIERS);
                Event::Key(KeyEvent::new(KeyCode::Char(c), m))
            }
            650..=689 => {
                let code = *self.rng.pick(&self.specials);
                Event::Key(KeyEvent::new(code, *self.rng.pick(MODIFIERS)))
            }
            690..=929 => {
                let kinds = [
                    MouseEventKind::Down(MouseButton::Left),
                    MouseEventKind::Down(MouseButton::Left),
                    MouseEventKind::Down(MouseButton::Right),
                    MouseEventKind::Up(MouseButton::Left),
                    MouseEventKind::Drag(MouseButton::Left),
                    MouseEventKind::Moved,
                    MouseEventKind::ScrollDown,
                    MouseEventKind::ScrollDown,
                    MouseEventKind::ScrollUp,
                    MouseEventKind::ScrollUp,
                    MouseEventKind::ScrollLeft,
                    MouseEventKind::ScrollRight,
                ];
                // Mostly on the screen, sometimes far outside it.
                let (column, row) = if self.rng.chance(95) {
                    (
                        self.rng.below(w as u64 + 1) as u16,
                        self.rng.below(h as u64 + 1) as u16,
                    )
                } else {
                    (self.rng.next() as u16, self.rng.next() as u16)
                };
                Event::Mouse(MouseEvent {
                    kind: *self.rng.pick(&kinds),
                    column,
                    row,
                    modifiers: *self.rng.pick(MODIFIERS),
                })
            }
            930..=969 => {
                let (w, h) = if self.rng.chance(15) {
                    let s = *self.rng.pick(ODD_SIZES);
                    if s == (500, 200) {
                        // At most once in a while, and for a few events.
                        if self.rng.chance(20) {
                            self.big_left = 3;
                            s
                        } else {
                            (200, 60)
                        }
                    } else {
                        s
                    }
                } else {
                    (
                        20 + self.rng.below(180) as u16,
                        6 + self.rng.below(55) as u16,
                    )
                };
                Event::Resize(w, h)
            }
            970..=984 => {
                let text: String = (0..self.rng.below(12))
                    .map(|_| *self.rng.pick(CHARS))
                    .collect();
                Event::Paste(text)
            }
            _ => {
                if self.rng.chance(50) {
                    Event::FocusGained
                } else {
                    Event::FocusLost
                }
            }
        }
    }
}

fn row_text(buf: &Buffer, y: u16) -> String {
    let mut line = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        line.push_str(sym);
        x += (sym.width() as u16).max(1);
    }
    line.trim_end().to_string()
}

/// An event in a few characters, for the failure report.
fn brief(ev: &Event) -> String {
    match ev {
        Event::Key(k) if k.modifiers.is_empty() => format!("{:?}", k.code),
        Event::Key(k) => format!("{:?}+{:?}", k.modifiers, k.code),
        Event::Mouse(m) => format!("{:?}@{},{}", m.kind, m.column, m.row),
        Event::Resize(w, h) => format!("Resize {w}×{h}"),
        Event::Paste(t) => format!("Paste {t:?}"),
        other => format!("{other:?}"),
    }
}

/// The invariants, after an event and its frame; Err says which one broke.
fn check(app: &App, frame: Option<&Buffer>) -> Result<(), String> {
    let size = app.size;
    let tree_view = app.view.classification().is_some();
    let areas = layout::areas(size, tree_view);
    match app.view.classification() {
        Some(c) => {
            let state = if let Some((_, _, state)) = app.shown_years() {
                // The year columns: their own tree state (the breadcrumb is checked below only
                // for the document's tree; the years' is in the snapshots).
                state
            } else if app.sum {
                let Some((_, _, state)) = app.shown_sum() else {
                    return Err("aggregate on without its state".into());
                };
                state
            } else {
                app.tree_state(c)
            };
            let rows = &state.rows;
            if rows.is_empty() {
                return Ok(());
            }
            let Some(at) = state.position() else {
                return Err(format!(
                    "selection {} not on a visible row ({} rows)",
                    state.selected,
                    rows.len()
                ));
            };
            if state.offset > at {
                return Err(format!(
                    "selection {at} above the window at {}",
                    state.offset
                ));
            }
            let height = (areas.main.height as usize).saturating_sub(1);
            if height >= 1 && at >= state.offset + height {
                return Err(format!(
                    "selection {at} below the window {}+{height}",
                    state.offset
                ));
            }
            // The breadcrumb drawn is the selected node's path (when nothing covers it).
            let covered = app.overlay.help().is_some()
                || (app.overlay == Overlay::Search)
                || (app.overlay == Overlay::Picker);
            let other_tree = app.sum || app.shown_years().is_some();
            if let (false, false, false, Some(frame)) =
                (other_tree, covered, layout::too_small(size), frame)
            {
                let Some(bc) = areas.breadcrumb else {
                    return Err("a tree view without a breadcrumb".into());
                };
                let tree = app.tree(c);
                let mut expected = app.text(app.view.name()).to_string();
                if state.selected == TOTAL {
                    expected.push_str(&format!(" › {}", tree.nodes[TOTAL].name));
                } else {
                    let path = tree.path(state.selected);
                    for &i in &path {
                        expected.push_str(&format!(" › {}", tree.nodes[i].code));
                    }
                    if let Some(&last) = path.last() {
                        expected.push_str(&format!(" {}", tree.nodes[last].name));
                    }
                }
                let drawn = row_text(frame, bc.y);
                // The ellipsis is … or, with --ascii, ...
                let ok = match drawn
                    .strip_suffix('…')
                    .or_else(|| drawn.strip_suffix("..."))
                {
                    Some(cut) => expected.starts_with(cut),
                    None => drawn == expected.trim_end(),
                };
                if !ok {
                    return Err(format!(
                        "breadcrumb {drawn:?} is not the selected path {expected:?}"
                    ));
                }
            }
        }
        None => {
            let len = content::text_lines(app, app.view, areas.main.width).len();
            let max = len.saturating_sub(areas.main.height as usize);
            let at = app.scroll[app.view.index()];
            if at > max {
                return Err(format!("text scrolled to {at} of at most {max}"));
            }
        }
    }
    if (app.overlay == Overlay::Search) && !app.search.hits.is_empty() {
        let (s, l) = (&app.search, &app.search.list);
        if l.selected >= s.hits.len() || l.offset > l.selected {
            return Err(format!(
                "search selection {} offset {} of {} hits",
                l.selected,
                l.offset,
                s.hits.len()
            ));
        }
    }
    if (app.overlay == Overlay::Picker) && !app.picker.shown.is_empty() {
        let (p, l) = (&app.picker, &app.picker.list);
        if l.selected >= p.shown.len() || l.offset > l.selected {
            return Err(format!(
                "picker selection {} offset {} of {} rows",
                l.selected,
                l.offset,
                p.shown.len()
            ));
        }
    }
    Ok(())
}

/// Runs `events` random events from `seed`; returns how many ran. Panics (with the seed, the
/// event number and the last events) on a panic in the app or a broken invariant.
fn storm(name: &str, mut app: App, seed: u64, events: usize, every_frame: bool) -> usize {
    let seed = std::env::var("YUSUAN_STORM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(seed);
    println!("{name}: seed {seed}, {events} events");
    let mut storm = Storm {
        rng: Rng(seed),
        table: table_events(),
        specials: special_codes(),
        big_left: 0,
    };
    let start = Instant::now();
    let mut last: VecDeque<Event> = VecDeque::new();
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    app.update(Event::Resize(80, 24));
    let mut quits = 0;
    let mut frames = 0usize;
    let mut shown = Buffer::empty(ratatui::layout::Rect::new(0, 0, 0, 0));
    let mut big = 0;
    for n in 0..events {
        let ev = storm.event(&app);
        if last.len() == 12 {
            last.pop_front();
        }
        last.push_back(ev.clone());
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            app.update(ev.clone());
            let (w, h) = (app.size.width, app.size.height);
            let area = term.backend().buffer().area;
            if (area.width, area.height) != (w, h) {
                term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            }
            // The frame as drawn (the backend holds what the diffs made of it).
            let resized = matches!(ev, Event::Resize(..));
            if !(every_frame || n < ALL_FRAMES || resized || n % DRAW_EVERY == 0) {
                return check(&app, None);
            }
            frames += 1;
            let frame = term.draw(|f| render(&app, f)).expect("draw").buffer.clone();
            let result = check(&app, Some(&frame));
            shown = frame;
            result
        }));
        let failure = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(broken)) => Some(broken),
            Err(_) => Some("the app panicked (message above)".to_string()),
        };
        if let Some(why) = failure {
            let screen: Vec<String> = (0..shown.area.height)
                .map(|y| row_text(&shown, y))
                .collect();
            let recent: Vec<String> = last.iter().map(brief).collect();
            panic!(
                "{name}: seed {seed}, event {n} of {events}: {why}\nview {:?}, size {}×{}, \
                 aggregate {}, search {}, picker {}\nlast events (newest last): {}\nscreen:\n{}",
                app.view,
                app.size.width,
                app.size.height,
                app.sum,
                (app.overlay == Overlay::Search),
                (app.overlay == Overlay::Picker),
                recent.join(", "),
                screen.join("\n")
            );
        }
        if app.quit {
            // The terminal layer would stop here; the storm goes on from a fresh flag.
            quits += 1;
            app.quit = false;
        }
        if app.size.width >= 500 {
            big += 1;
        }
    }
    let took = start.elapsed();
    println!(
        "{name}: {events} events, {frames} frames drawn, in {:.1} s ({:.0} µs an event), \
         {quits} quits, {big} events at 500×200",
        took.as_secs_f64(),
        took.as_micros() as f64 / events as f64
    );
    events
}

fn options() -> Options {
    Options {
        color: true,
        ..Options::default()
    }
}

/// A collection: a synthetic folder of 3 departments × 2023, 2024, and the bundled document.
fn collection(name: &str) -> Collection {
    let dir = std::env::temp_dir().join(format!("yusuan-storm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    crate::generate::write_all(&dir, 3, &[2023, 2024], 11).expect("write the synthetic data");
    let loaded = load_dir(&dir, false).expect("load the synthetic data");
    let _ = std::fs::remove_dir_all(&dir);
    let mut docs = loaded.documents;
    docs.push(bundled());
    Collection::from_documents(docs)
}

/// Events per default storm; four storms make the CI total.
const EVENTS: usize = 25_000;
/// In CI a frame is drawn after every event for the first `ALL_FRAMES` events of a storm, and
/// then after every `DRAW_EVERY`th event and every resize: a debug build takes ~4 ms a frame
/// and ~0.7 ms an update, so a frame after each of 100,000 events would take minutes. The
/// long storm (`--ignored`) draws after every event.
const ALL_FRAMES: usize = 2_000;
const DRAW_EVERY: usize = 8;

#[test]
fn storm_one_document() {
    let n = storm(
        "one document",
        App::new(bundled(), options()),
        0x5EED_0001,
        EVENTS,
        false,
    );
    assert_eq!(n, EVENTS);
}

#[test]
fn storm_one_document_english_ascii_no_colour_no_mouse() {
    let app = App::new(
        bundled(),
        Options {
            lang: Lang::En,
            ascii: true,
            green_up: true,
            color: false,
            mouse: false,
            first_frame_only: false,
        },
    );
    let n = storm("english ascii", app, 0x5EED_0002, EVENTS, false);
    assert_eq!(n, EVENTS);
}

#[test]
fn storm_a_collection() {
    let app = App::from_collection(collection("a"), options());
    assert!(app.many(), "more than one document");
    let n = storm("collection", app, 0x5EED_0003, EVENTS, false);
    assert_eq!(n, EVENTS);
}

#[test]
fn storm_a_collection_other_seed() {
    let app = App::from_collection(collection("b"), options());
    let n = storm("collection 2", app, 0x5EED_0004, EVENTS, false);
    assert_eq!(n, EVENTS);
}

#[test]
#[ignore = "long: 200,000 events, a frame after each (~15 min in debug); run with --ignored"]
fn storm_long() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let app = App::from_collection(collection("long"), options());
    storm("long", app, seed, 200_000, true);
}
