//! Starting before the folder has loaded (issue 13): on a fresh cache the browser reads the
//! documents from the cache as it needs them and its screens are those of the whole folder
//! loaded, key for key; a cache damaged underneath is said, not a panic. Without a fresh cache:
//! the loading screen; the preview (the first document and the cards, kept for a cache whose
//! documents do not read) plus the progress; keys while loading; the whole collection swapped
//! in keeping what the user sees.

use crate::common::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use std::path::PathBuf;
use std::sync::Arc;
use yusuan::core::collection::Collection;
use yusuan::library::Library;
use yusuan::open::open_dir_cached;
use yusuan::tui::app::{App, Options};
use yusuan::tui::loading::Start;
use yusuan::tui::overlay::Overlay;
use yusuan::tui::Lang;

/// A synthetic folder and a cache of it, removed when dropped.
struct Folder {
    root: PathBuf,
}

impl Folder {
    fn new(name: &str, departments: usize) -> Folder {
        let root =
            std::env::temp_dir().join(format!("yusuan-tui-loading-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        crate::generate::write_all(&root.join("data"), departments, &[2023, 2024], 5)
            .expect("write the synthetic data");
        // Files older than the cache by more than a moment: it is fresh once written.
        backdate(&root.join("data"));
        Folder { root }
    }

    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    fn cache(&self) -> PathBuf {
        self.root.join("cache")
    }

    /// The whole folder, through the cache (written, then fresh).
    fn collection(&self) -> Collection {
        open_dir_cached(&self.data(), false, &self.cache())
            .expect("load")
            .0
    }

    /// What the browser starts on.
    fn start(&self) -> Start {
        yusuan::start::prepare(Some(&self.data()), false, Some(self.cache())).expect("prepare")
    }
}

/// Sets the modification time of every file under `dir` to 2020-01-01.
pub fn backdate(dir: &std::path::Path) {
    let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800);
    for entry in std::fs::read_dir(dir).expect("list").flatten() {
        let path = entry.path();
        if path.is_dir() {
            backdate(&path);
        } else {
            let file = std::fs::File::options().write(true).open(&path);
            file.and_then(|f| f.set_modified(t)).expect("set the time");
        }
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn options() -> Options {
    Options {
        color: false,
        ..Options::default()
    }
}

/// The app a start opens on, as `tui::run` makes it.
fn app_of(start: Start, options: Options) -> App {
    match start {
        Start::Loaded(c) => App::from_collection(c, options),
        Start::Cached(d) => App::from_library(Library::Cached(d), options),
        Start::Loading {
            total,
            preview: Some(p),
            ..
        } => App::from_preview(*p, total, options),
        Start::Loading { total, .. } => App::waiting(total, options),
    }
}

/// The app on a fresh cache's preview (what `start` gives when the cache's documents do not
/// read but its first document and cards do).
fn preview_app(folder: &Folder) -> App {
    preview_app_with(folder, options())
}

fn preview_app_with(folder: &Folder, options: Options) -> App {
    folder.collection();
    let files = yusuan::open::scan_dir(&folder.data()).expect("scan").files;
    let preview = yusuan::start::preview(&folder.data(), &files, &folder.cache()).expect("fresh");
    let start = Start::Loading {
        total: files.len(),
        preview: Some(Box::new(preview)),
        load: Box::new(|_| unreachable!("not loaded in these tests")),
    };
    let app = app_of(start, options);
    assert!(
        app.is_loading() && !app.is_blank(),
        "a fresh cache previews"
    );
    app
}

fn last_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

fn all_but_last(screen: &str) -> Vec<&str> {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len() - 1].to_vec()
}

#[test]
fn the_preview_is_the_first_screen_of_the_whole_folder_plus_progress() {
    let folder = Folder::new("first", 12);
    let mut whole = App::from_collection(folder.collection(), options());
    let mut preview = preview_app(&folder);
    for (w, h) in [(80, 24), (120, 30), (160, 50)] {
        let (a, b) = (draw(&mut preview, w, h), draw(&mut whole, w, h));
        assert_eq!(all_but_last(&a), all_but_last(&b), "{w}×{h}:\n{a}\n{b}");
        let hint = format!("正在读取 0 / 24 份文件  {}", last_line(&b));
        assert_eq!(last_line(&a), hint.trim_end());
    }
    preview.progress(12, 24);
    assert!(last_line(&draw(&mut preview, 120, 30)).starts_with("正在读取 12 / 24 份文件"));
    let mut english = preview_app_with(
        &folder,
        Options {
            lang: Lang::En,
            ..options()
        },
    );
    english.progress(12_345, 20_000);
    let screen = draw(&mut english, 120, 30);
    assert!(
        last_line(&screen).starts_with("loading 12,345 of 20,000 files"),
        "{screen}"
    );
}

#[test]
fn the_whole_collection_swaps_in_keeping_the_view() {
    let folder = Folder::new("swap", 12);
    let mut a = preview_app(&folder);
    // Filter and move in the picker, as a user does while it loads.
    press(&mut a, "S0000");
    a.update(key(KeyCode::Down));
    a.update(key(KeyCode::Down));
    let before = a.picker.selected_row().cloned().expect("a row");
    let query = a.picker.list.query.clone();
    a.loaded(Arc::new(folder.collection()));
    assert!(!a.is_loading());
    assert_eq!(a.overlay, Overlay::Picker);
    assert_eq!(a.picker.list.query, query);
    let after = a.picker.selected_row().cloned().expect("a row");
    assert_eq!((&after.code, after.year), (&before.code, before.year));
    assert_eq!(a.current, 0);
    assert_eq!(a.library.len(), 24);
    // Now Enter opens the row: the same screen as a browser started on the whole folder.
    a.update(key(KeyCode::Enter));
    assert_eq!(a.doc().department.code, before.code);
    assert_eq!(a.doc().fiscal_year, before.year);
    let mut whole = App::from_collection(folder.collection(), options());
    press(&mut whole, "S0000");
    whole.update(key(KeyCode::Down));
    whole.update(key(KeyCode::Down));
    whole.update(key(KeyCode::Enter));
    assert_eq!(draw(&mut a, 120, 30), draw(&mut whole, 120, 30));
}

#[test]
fn a_tree_moved_in_while_loading_stays_where_it_is() {
    let folder = Folder::new("tree", 4);
    let mut a = preview_app(&folder);
    a.update(key(KeyCode::Esc));
    press(&mut a, "jjl2");
    let before = draw(&mut a, 120, 30);
    a.loaded(Arc::new(folder.collection()));
    let after = draw(&mut a, 120, 30);
    assert_eq!(all_but_last(&before), all_but_last(&after));
    assert!(last_line(&before).starts_with("正在读取"));
    assert!(!last_line(&after).contains("正在读取"), "{after}");
}

#[test]
fn keys_that_need_every_document_wait_for_it() {
    let folder = Folder::new("keys", 6);
    let mut a = preview_app(&folder);
    // Enter on another document: it is not loaded yet.
    a.update(key(KeyCode::Down));
    a.update(key(KeyCode::Enter));
    assert_eq!(a.overlay, Overlay::Picker);
    assert_eq!(a.current, 0);
    assert!(draw(&mut a, 120, 30).contains("仍在读取文件"));
    // The current document opens (the picker closes).
    a.update(key(KeyCode::Up));
    a.update(key(KeyCode::Enter));
    assert_eq!(a.overlay, Overlay::None);
    for k in ["/", "n", "a", "t", "w", "c"] {
        press(&mut a, k);
        assert_eq!(a.overlay, Overlay::None, "{k}");
        assert!(!a.sum && !a.years.on, "{k}");
        let screen = draw(&mut a, 120, 30);
        assert!(last_line(&screen).contains("仍在读取文件"), "{k}: {screen}");
    }
    // What needs only the document works.
    press(&mut a, "j2?");
    assert!(a.overlay.help().is_some());
    press(&mut a, "?p");
    assert_eq!(a.overlay, Overlay::Picker, "the picker has every card");
    a.update(key(KeyCode::Esc));
    press(&mut a, "a");
    assert!(a.status.is_some());
    a.loaded(Arc::new(folder.collection()));
    assert_eq!(a.status, None, "no longer loading");
    press(&mut a, "/");
    assert_eq!(a.overlay, Overlay::Search, "search once loaded");
}

#[test]
fn the_loading_screen_snapshot_and_its_keys() {
    let mut a = App::waiting(20_000, options());
    a.progress(12_345, 20_000);
    let screen = draw(&mut a, 80, 24);
    insta::assert_snapshot!("loading_80x24", screen);
    // Any size, any key, any click: nothing but quitting happens, nothing panics.
    for (w, h) in [(1, 1), (10, 3), (40, 10), (300, 100)] {
        draw(&mut a, w, h);
    }
    for k in "/atpjl\n?".chars() {
        a.update(ch(k));
    }
    a.update(key(KeyCode::Enter));
    a.update(Event::Mouse(MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        column: 3,
        row: 3,
        modifiers: KeyModifiers::NONE,
    }));
    assert!(a.is_blank() && !a.quit);
    assert_eq!(draw(&mut a, 80, 24), screen);
    a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(a.quit, "Ctrl-C quits the loading screen");
    let mut b = App::waiting(3, options());
    press(&mut b, "q");
    assert!(b.quit, "q quits the loading screen");
}

#[test]
fn the_loading_screen_gives_way_to_the_first_screen() {
    let folder = Folder::new("cold", 5);
    // No cache yet: the loading screen.
    let mut a = app_of(folder.start(), options());
    assert!(a.is_blank());
    let screen = draw(&mut a, 100, 30);
    assert!(screen.contains("正在读取 0 / 10 份文件"), "{screen}");
    a.loaded(Arc::new(folder.collection()));
    let mut whole = App::from_collection(folder.collection(), options());
    assert_eq!(draw(&mut a, 100, 30), draw(&mut whole, 100, 30));
    assert_eq!(a.overlay, Overlay::Picker);
}

#[test]
fn a_document_changed_since_the_preview_is_shown_afresh() {
    let folder = Folder::new("changed", 3);
    let mut a = preview_app(&folder);
    a.update(key(KeyCode::Esc));
    press(&mut a, "jjjl");
    let moved = a.functional.selected;
    let mut changed = folder.collection();
    changed.documents[0].title.push_str(" (revised)");
    changed.documents.truncate(2);
    a.loaded(Arc::new(changed));
    assert_eq!(a.documents(), 2);
    assert_eq!(a.picker.rows.len(), 2);
    assert!(a.doc().title.ends_with("(revised)"));
    let top = App::new(a.doc().clone(), options()).functional.selected;
    assert_ne!(moved, top);
    assert_eq!(
        a.functional.selected, top,
        "the changed document from its top"
    );
    draw(&mut a, 80, 24);
}

#[test]
fn bad_input_is_refused_before_the_screen() {
    let empty =
        std::env::temp_dir().join(format!("yusuan-tui-loading-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("mkdir");
    assert!(yusuan::start::prepare(Some(&empty), false, None).is_err());
    let _ = std::fs::remove_dir_all(&empty);
    let missing = std::path::Path::new("/nonexistent/yusuan-folder");
    assert!(yusuan::start::prepare(Some(missing), false, None).is_err());
}

#[test]
fn the_loader_tells_progress_a_few_times_a_second_then_the_collection() {
    use yusuan::tui::loading::{Loaded, Loader, News};
    let mut loader = Loader::spawn(Box::new(|counter| {
        counter.start(1000);
        for _ in 0..1000 {
            counter.tick();
            std::thread::sleep(std::time::Duration::from_micros(300));
        }
        Ok(Loaded {
            library: yusuan::library::Library::Loaded(Arc::new(Collection::single(
                yusuan::core::load::bundled(),
            ))),
            then: None,
        })
    }));
    let start = std::time::Instant::now();
    let (mut told, mut done) = (Vec::new(), None);
    while done.is_none() && start.elapsed() < std::time::Duration::from_secs(20) {
        match loader.poll() {
            Some(News::Progress(d, t)) => told.push((start.elapsed(), d, t)),
            Some(News::Done(r)) => done = Some(r),
            None => std::thread::yield_now(),
        }
    }
    let library = done.expect("the collection").expect("loaded");
    assert_eq!(library.len(), 1);
    assert!(
        told.iter().all(|&(_, d, t)| t == 1000 && d <= 1000),
        "{told:?}"
    );
    for pair in told.windows(2) {
        let gap = pair[1].0 - pair[0].0;
        assert!(gap >= std::time::Duration::from_millis(100), "{told:?}");
    }
    // A load that dies says so instead of leaving the screen waiting.
    let mut dead = Loader::spawn(Box::new(|_| panic!("deliberate, test only")));
    let start = std::time::Instant::now();
    let failed = loop {
        if let Some(News::Done(r)) = dead.poll() {
            break r.is_err();
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
        std::thread::yield_now();
    };
    assert!(failed);
}

/// The browser on a folder's fresh cache: documents read as needed, nothing loaded behind.
fn cached_app(folder: &Folder, options: Options) -> App {
    folder.collection();
    let start = folder.start();
    assert!(
        matches!(start, Start::Cached(_)),
        "a fresh cache is read as needed"
    );
    app_of(start, options)
}

/// The same keys to both apps, the same screens after each, at a few sizes.
fn same_screens(cached: &mut App, whole: &mut App, steps: &[&str]) {
    for step in steps {
        match *step {
            "Enter" => {
                cached.update(key(KeyCode::Enter));
                whole.update(key(KeyCode::Enter));
            }
            "Esc" => {
                cached.update(key(KeyCode::Esc));
                whole.update(key(KeyCode::Esc));
            }
            keys => {
                press(cached, keys);
                press(whole, keys);
            }
        }
        for (w, h) in [(80, 24), (160, 50)] {
            let (a, b) = (draw(cached, w, h), draw(whole, w, h));
            assert_eq!(a, b, "after {step:?} at {w}×{h}:\n{a}\n{b}");
        }
    }
}

#[test]
fn a_fresh_cache_shows_what_the_whole_folder_shows_key_for_key() {
    // 100 departments × 2 years: several shards, so that documents come from more than one.
    let folder = Folder::new("cached", 100);
    for lang in [Lang::Zh, Lang::En] {
        let options = Options { lang, ..options() };
        let mut cached = cached_app(&folder, options);
        assert!(!cached.is_loading());
        assert!(matches!(cached.library, Library::Cached(_)));
        let mut whole = App::from_collection(folder.collection(), options);
        let steps = [
            // The picker, filtered, a document of a later shard opened.
            &["S0009", "Enter", "jjl"][..],
            // The years of its department, their pair and unit, then off.
            &["t", "jl", "wu"],
            &["t"],
            // The sum of the year, its contributors, another view of it.
            &["a"],
            &["c", "Esc", "2", "a"],
            // A search, its first hit, the next ones; another search.
            &["/", "yanglao", "Enter", "nnN"],
            &["/", "2080505", "Enter"],
            // Another document through the picker, the sum of its year.
            &["p", "S00051 2023", "Enter", "1a", "Tab"],
        ];
        same_screens(&mut cached, &mut whole, steps[0]);
        assert_eq!(cached.current, 180, "S00090 2023, in the last shard");
        same_screens(&mut cached, &mut whole, steps[1]);
        assert!(cached.years.on);
        same_screens(&mut cached, &mut whole, steps[2]);
        same_screens(&mut cached, &mut whole, steps[3]);
        assert!(cached.sum);
        for step in &steps[4..7] {
            same_screens(&mut cached, &mut whole, step);
        }
        assert!(cached
            .status
            .as_deref()
            .is_some_and(|s| s.starts_with("/2080505")));
        same_screens(&mut cached, &mut whole, steps[7]);
        assert_eq!(cached.current, 102, "S00051 2023");
    }
}

#[test]
fn a_cache_damaged_underneath_is_said_not_a_panic() {
    let folder = Folder::new("damaged", 100);
    let mut a = cached_app(&folder, options());
    a.update(key(KeyCode::Esc));
    let shown = draw(&mut a, 120, 30);
    // Damaged in place, under the open browser.
    let (file, bytes) = crate::common::damage_cache(&folder.cache());
    let said = |a: &mut App| {
        let screen = draw(a, 120, 30);
        assert!(screen.contains("读取缓存失败"), "{screen}");
        a.status = None;
    };
    // Another document: the same one stays.
    press(&mut a, "p");
    press(&mut a, "S00080");
    a.update(key(KeyCode::Enter));
    said(&mut a);
    assert_eq!(a.current, 0);
    // The sum, the years, a search.
    press(&mut a, "a");
    said(&mut a);
    assert!(!a.sum);
    press(&mut a, "t");
    said(&mut a);
    assert!(!a.years.on);
    press(&mut a, "/yanglao");
    said(&mut a);
    a.update(key(KeyCode::Esc));
    // What was shown still is, at any size.
    assert_eq!(all_but_last(&draw(&mut a, 120, 30)), all_but_last(&shown));
    for (w, h) in [(1, 1), (2, 2), (40, 10), (300, 100)] {
        draw(&mut a, w, h);
    }
    // Replaced by a file cut short: the same.
    std::fs::write(&file, &bytes[..64]).expect("write");
    press(&mut a, "p");
    press(&mut a, "S00099");
    a.update(key(KeyCode::Enter));
    said(&mut a);
}

#[test]
fn any_key_at_any_size_on_a_fresh_cache_never_panics() {
    let folder = Folder::new("storm", 70);
    let mut a = cached_app(&folder, options());
    let keys: Vec<char> = "jklhtwuacnNpyo12345678s?gG/jjk\n\nxq".chars().collect();
    let sizes = [(1, 1), (2, 1), (10, 4), (40, 12), (80, 24), (200, 60)];
    // A fixed pseudo-random walk: keys, Enter, Esc, Tab and sizes mixed.
    let mut seed = 7u64;
    for step in 0..3000 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let pick = (seed >> 33) as usize;
        let event = match pick % 10 {
            0 => key(KeyCode::Enter),
            1 => key(KeyCode::Esc),
            2 => key(KeyCode::Tab),
            _ => ch(keys[pick % keys.len()]),
        };
        a.update(event);
        // Quitting is a key too: carry on as a new start would.
        if a.quit {
            a = cached_app(&folder, options());
        }
        if step % 7 == 0 {
            let (w, h) = sizes[pick % sizes.len()];
            draw(&mut a, w, h);
        }
    }
}

/// At 100,000 documents a sum read from the cache takes seconds: the event loop's way of
/// handling a key (`handle`) leaves it for after a frame that says it is coming.
#[test]
fn a_sum_read_from_the_cache_is_announced_before_it_runs() {
    use yusuan::tui::app::Deferred;
    let folder = Folder::new("announced", 30);
    for (lang, said) in [
        (Lang::Zh, "正在汇总全部文件"),
        (Lang::En, "summing every document"),
    ] {
        let mut a = cached_app(&folder, Options { lang, ..options() });
        a.update(key(KeyCode::Esc));
        a.handle(ch('a'));
        assert!(!a.sum);
        assert_eq!(a.deferred, Some(Deferred::Sum));
        let screen = draw(&mut a, 120, 30);
        assert!(screen.contains(said), "{screen}");
        a.run_deferred();
        assert!(a.sum && a.deferred.is_none());
        let screen = draw(&mut a, 120, 30);
        assert!(!screen.contains(said), "{screen}");
        // Once summed, off and on again is at once.
        a.handle(ch('a'));
        assert!(!a.sum);
        a.handle(ch('a'));
        assert!(a.sum && a.deferred.is_none());
    }
    // A loaded folder sums at once.
    let mut whole = App::from_collection(folder.collection(), options());
    whole.update(key(KeyCode::Esc));
    whole.handle(ch('a'));
    assert!(whole.sum && whole.deferred.is_none());
}

#[test]
fn a_folder_not_cached_yet_is_cached_behind_the_loading_screen_and_read_as_needed() {
    let folder = Folder::new("streamed", 30);
    let Start::Loading { total, load, .. } = folder.start() else {
        panic!("no cache yet: loaded behind the first frame");
    };
    let mut a = App::waiting(total, options());
    let counter = yusuan::core::progress::Counter::default();
    let loaded = load(&counter).expect("loads");
    assert!(loaded.then.is_none(), "the cache is already written");
    assert!(
        matches!(loaded.library, Library::Cached(_)),
        "the documents are read from the cache it wrote, not held"
    );
    assert_eq!(counter.get(), (60, 60));
    a.loaded_library(loaded.library);
    assert!(!a.is_loading());
    let mut whole = App::from_collection(folder.collection(), options());
    same_screens(&mut a, &mut whole, &["S0002", "Enter", "jjl"]);
    same_screens(&mut a, &mut whole, &["/", "yanglao", "Enter", "n"]);
    same_screens(&mut a, &mut whole, &["t", "a"]);
    // The next start finds the cache fresh.
    assert!(matches!(folder.start(), Start::Cached(_)));
}

#[test]
fn a_file_that_does_not_load_is_said_on_a_streamed_and_on_a_fresh_cache() {
    let folder = Folder::new("streamed-broken", 20);
    std::fs::write(folder.data().join("zz-broken.json"), "{").expect("write");
    backdate(&folder.data());
    let Start::Loading { total, load, .. } = folder.start() else {
        panic!("no cache yet: loaded behind the first frame");
    };
    let loaded = load(&yusuan::core::progress::Counter::default()).expect("loads");
    assert!(matches!(loaded.library, Library::Cached(_)));
    assert_eq!(loaded.library.errors().len(), 1);
    let mut a = App::waiting(total, options());
    a.loaded_library(loaded.library);
    let whole = yusuan::open::open_dir(&folder.data(), false).expect("load");
    assert_eq!(whole.errors.len(), 1);
    let mut b = App::from_collection(whole, options());
    same_screens(&mut a, &mut b, &["S0001", "Enter", "jj"]);
    // The next start: fresh, the failure recorded, said the same.
    let Start::Cached(d) = folder.start() else {
        panic!("fresh with its failure");
    };
    assert_eq!(d.errors().len(), 1);
    let mut c = App::from_library(Library::Cached(d), options());
    let mut b = App::from_collection(
        yusuan::open::open_dir(&folder.data(), false).expect("load"),
        options(),
    );
    for (w, h) in [(80, 24), (160, 50)] {
        assert_eq!(draw(&mut c, w, h), draw(&mut b, w, h));
    }
    // Strict: the whole load's error, from the cache, before the screen.
    let whole = yusuan::open::open_dir(&folder.data(), true).unwrap_err();
    match yusuan::start::prepare(Some(&folder.data()), true, Some(folder.cache())) {
        Err(e) => assert_eq!(e, whole),
        Ok(_) => panic!("strict: the error, before the screen"),
    }
    // No cache yet: the folder streams behind the loading screen and gives the same error,
    // without the whole load.
    std::fs::remove_dir_all(folder.cache()).unwrap();
    let Ok(Start::Loading { load, .. }) =
        yusuan::start::prepare(Some(&folder.data()), true, Some(folder.cache()))
    else {
        panic!("no cache yet: loaded behind the first frame");
    };
    match load(&yusuan::core::progress::Counter::default()) {
        Err(e) => assert_eq!(e, whole),
        Ok(_) => panic!("strict: the error"),
    }
}
