//! One frame of the browser drawn into a 160×50 TestBackend: the seed's functional tree fully
//! expanded, and the sum over 1,000 (or, with YUSUAN_BENCH_LARGE=1, 10,000) departments. Only
//! the rows on screen are built, so a frame should cost the same whatever the data size.
//! Run with `cargo bench --bench render`.

#[path = "../examples/synth/generate.rs"]
mod generate;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use yusuan::core::collection::load_dir;
use yusuan::core::load::bundled;
use yusuan::tui::app::{App, Options};
use yusuan::tui::render::draw;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn frame(c: &mut Criterion, name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("a test terminal");
    c.bench_function(name, |b| b.iter(|| draw(app, &mut terminal)));
}

fn seed(c: &mut Criterion) {
    let mut app = App::new(bundled(), Options::default());
    app.update(Event::Resize(160, 50));
    app.update(key('e'));
    frame(c, "frame_160x50/seed_expanded", &app);
}

fn scale(c: &mut Criterion) {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mut sizes = vec![1_000];
    if std::env::var_os("YUSUAN_BENCH_LARGE").is_some() {
        sizes.push(10_000);
    }
    for n in sizes {
        let collection = load_dir(&generate::cached_dir(n), false).expect("the synthetic set");
        let mut app = App::from_collection(collection, Options::default());
        app.update(Event::Resize(160, 50));
        app.update(Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        )));
        app.update(key('a'));
        app.update(key('e'));
        frame(
            c,
            &format!("frame_160x50/aggregate_{n}_departments_expanded"),
            &app,
        );
    }
}

criterion_group!(benches, seed, scale);
criterion_main!(benches);
