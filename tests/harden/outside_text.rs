//! Text from outside the document: file and folder names, arguments, the messages that quote
//! them. On stderr, stdout and the screen it is neutralised like the document's own text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yusuan::core::collection::Collection;
use yusuan::core::load::{bundled, LoadError, BUNDLED_JSON};
use yusuan::tui::app::{App, Options};

/// A clear screen, an OSC 52 clipboard write, BEL, a right-to-left override, a line separator.
const HOSTILE: &str = "x\u{1b}[2J\u{1b}]52;c;SGk=\u{7}\u{202e}\u{2028}y";

fn raw(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}')
}

fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.chars().any(raw),
        "{what} lets a raw control through: {text:?}"
    );
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .output()
        .unwrap()
}

fn assert_output_clean(what: &str, o: &Output) {
    assert_clean(
        &format!("{what} stdout"),
        &String::from_utf8_lossy(&o.stdout),
    );
    assert_clean(
        &format!("{what} stderr"),
        &String::from_utf8_lossy(&o.stderr),
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-outside-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

fn p(path: &Path) -> &std::ffi::OsStr {
    path.as_os_str()
}

#[test]
fn hostile_file_names_are_neutralised_in_every_message() {
    let dir = scratch("names");
    let bad_json = dir.join(format!("{HOSTILE}.json"));
    let bad_pdf = dir.join(format!("{HOSTILE}.pdf"));
    std::fs::write(&bad_json, "{ broken").unwrap();
    std::fs::write(&bad_pdf, "%PDF-1.7 broken").unwrap();
    std::fs::write(dir.join("good.json"), BUNDLED_JSON).unwrap();
    let missing = dir.join(format!("{HOSTILE}-missing.json"));
    let cases: Vec<(&str, Vec<&std::ffi::OsStr>)> = vec![
        ("a bad file", vec![os("check"), os("--data"), p(&bad_json)]),
        ("a bad PDF", vec![os("check"), os("--data"), p(&bad_pdf)]),
        (
            "a missing file",
            vec![os("check"), os("--data"), p(&missing)],
        ),
        ("a folder", vec![os("check"), os("--data"), p(&dir)]),
        (
            "import",
            vec![os("import"), os("--dry-run"), p(&bad_pdf), p(&missing)],
        ),
        (
            "import --json",
            vec![os("import"), os("--dry-run"), os("--json"), p(&bad_pdf)],
        ),
    ];
    for (what, args) in cases {
        let o = run(&args);
        assert!(!o.status.success(), "{what}");
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("␛")
                || String::from_utf8_lossy(&o.stderr).contains("␛"),
            "{what} names the file, neutralised: {o:?}"
        );
        assert_output_clean(what, &o);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_arguments_are_neutralised_in_every_message() {
    for (what, args) in [
        ("an unknown code", vec!["show", HOSTILE]),
        ("an unknown subcommand", vec![HOSTILE]),
        ("an unknown option", vec!["check", &format!("--{HOSTILE}")]),
        ("a bad value", vec!["export", "--format", HOSTILE]),
        ("a bad limit", vec!["search", "a", "--limit", HOSTILE]),
        ("a search", vec!["search", HOSTILE]),
    ] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| os(a)).collect();
        let o = run(&args);
        assert!(!o.status.success(), "{what}");
        assert_output_clean(what, &o);
    }
}

#[test]
fn the_screen_shows_outside_text_neutralised() {
    let c = Collection {
        documents: vec![bundled()],
        errors: vec![LoadError {
            file: format!("dir/{HOSTILE}.pdf"),
            place: String::new(),
            problem: format!("not a PDF: {HOSTILE}"),
        }],
    };
    let mut app = App::from_collection(c, Options::default());
    app.update(crate::common::ch('p'));
    let screen = crate::common::draw(&mut app, 160, 40);
    assert!(screen.contains("␛"), "{screen}");
    assert_clean("the picker", &screen);
    app.update(crate::common::key(ratatui::crossterm::event::KeyCode::Esc));
    app.update(crate::common::ch('/'));
    for c in HOSTILE.chars() {
        app.update(crate::common::ch(c));
    }
    let screen = crate::common::draw(&mut app, 160, 40);
    assert_clean("the search box", &screen);
}
