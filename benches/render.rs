//! One frame of the browser drawn into a 160×50 TestBackend: the seed's functional tree fully
//! expanded, and the sum over 1,000 (or, with YUSUAN_BENCH_LARGE=1, 10,000) departments. Only
//! the rows on screen are built, so a frame should cost the same whatever the data size.
//! And a key in a text view, on the seed and on a document with an 8 MB narrative and a
//! 32,000-line performance table: the same cost (the lines are wrapped once per width).
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

/// The seed with its narrative grown to `mb` MB and its first performance table to `mb` × 4,000
/// indicators: a text view's key (`j`, then a frame) must cost the same at every size, because
/// its lines are wrapped once per width and cached (issue 11).
fn large_text_app(mb: usize) -> App {
    let mut doc = bundled();
    let paragraph = "本单位严格执行预算，压减一般性支出，".repeat(100);
    let n = mb * 1_000_000 / paragraph.len();
    if let Some(section) = doc.sections.first_mut() {
        section.paragraphs.extend(std::iter::repeat_n(paragraph, n));
    }
    let perf = doc
        .tables
        .iter_mut()
        .find_map(|t| t.performance.as_mut())
        .expect("a performance table");
    let one = perf.indicators[0].clone();
    perf.indicators.extend(std::iter::repeat_n(one, mb * 4_000));
    App::new(doc, Options::default())
}

fn per_key(c: &mut Criterion) {
    for mb in [0, 8] {
        for (view, name) in [('8', "narrative"), ('7', "performance")] {
            let mut app = large_text_app(mb);
            let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("a test terminal");
            app.update(Event::Resize(160, 50));
            app.update(key(view));
            draw(&app, &mut terminal);
            c.bench_function(&format!("key_and_frame/{name}_{mb}mb"), |b| {
                b.iter(|| {
                    app.update(key('j'));
                    draw(&app, &mut terminal);
                })
            });
        }
    }
}

criterion_group!(benches, seed, scale, per_key);
criterion_main!(benches);
