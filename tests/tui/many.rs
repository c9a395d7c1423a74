//! Many documents: the picker (shown first, filtered by typing, Enter opens), the sum over the
//! departments of a year (`a`), its contributors (`c`), on a synthetic collection written here.

use crate::common::*;
use ratatui::crossterm::event::KeyCode;
use std::path::PathBuf;
use yusuan::core::amount::Amount;
use yusuan::core::collection::{load_dir, Collection};
use yusuan::core::compare::{column_for, scope_table, Scope};
use yusuan::core::document::{Measure, RowRole};
use yusuan::core::tree::Classification;
use yusuan::tui::app::{App, Options, View};
use yusuan::tui::overlay::Overlay;

/// A folder of `departments` × 2023, 2024 written once per test, removed when dropped.
struct Synth {
    dir: PathBuf,
}

impl Synth {
    fn new(name: &str, departments: usize) -> Synth {
        let dir = std::env::temp_dir().join(format!(
            "yusuan-tui-many-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        crate::generate::write_all(&dir, departments, &[2023, 2024], 7)
            .expect("write the synthetic data");
        Synth { dir }
    }

    fn collection(&self) -> Collection {
        load_dir(&self.dir, false).expect("load the synthetic data")
    }
}

impl Drop for Synth {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn many_app(c: Collection) -> App {
    App::from_collection(
        c,
        Options {
            color: false,
            ..Options::default()
        },
    )
}

/// A document's total for a code (or the total row) over all funds, read from its table.
fn amount_of(doc: &yusuan::core::document::Document, code: Option<&str>) -> Option<Amount> {
    let table = scope_table(doc, Classification::Functional, Scope::AllFunds)?;
    let col = column_for(doc, table, Measure::Total, doc.fiscal_year)?;
    table
        .sections()
        .into_iter()
        .flat_map(|s| s.rows.iter())
        .find(|r| match code {
            Some(c) => r.code.as_deref() == Some(c),
            None => r.role == RowRole::Total && r.code.is_none(),
        })
        .and_then(|r| r.cells.get(&col.key).copied())
}

#[test]
fn the_picker_opens_first_and_snapshots() {
    let synth = Synth::new("snap", 6);
    let mut a = many_app(synth.collection());
    assert!(
        (a.overlay == Overlay::Picker),
        "several documents: the picker first"
    );
    assert_eq!(a.picker.rows.len(), 12);
    let text = draw(&mut a, 80, 24);
    insta::assert_snapshot!("picker_80x24", text);
    let text = draw(&mut a, 160, 50);
    insta::assert_snapshot!("picker_160x50", text);
}

#[test]
fn picker_filter_and_enter_open_the_right_document() {
    let synth = Synth::new("filter", 6);
    let collection = synth.collection();
    let target = collection.documents[7].department.clone();
    let year = collection.documents[7].fiscal_year;
    let mut a = many_app(collection);
    // The department's name, then its year.
    press(&mut a, &target.name);
    press(&mut a, &format!(" {year}"));
    assert_eq!(a.picker.shown.len(), 1, "{:?}", a.picker.list.query);
    a.update(key(KeyCode::Enter));
    assert!(!(a.overlay == Overlay::Picker));
    assert_eq!(a.doc().department.code, target.code);
    assert_eq!(a.doc().fiscal_year, year);
    let screen = draw(&mut a, 100, 30);
    assert!(screen
        .lines()
        .next()
        .unwrap_or_default()
        .contains(&target.name));
    // p reopens with it selected; Backspace and digits filter by year.
    press(&mut a, "p");
    assert!((a.overlay == Overlay::Picker));
    assert_eq!(a.picker.selected_row().map(|r| r.doc), Some(a.current));
    press(&mut a, "2023");
    assert_eq!(a.picker.shown.len(), 6);
    for _ in 0..4 {
        a.update(key(KeyCode::Backspace));
    }
    assert_eq!(a.picker.shown.len(), 12);
    press(&mut a, "no such department");
    let screen = draw(&mut a, 100, 30);
    assert!(screen.contains("没有符合的文件"), "{screen}");
    a.update(key(KeyCode::Esc));
    assert!(!(a.overlay == Overlay::Picker));
    assert_eq!(
        a.doc().department.code,
        target.code,
        "Esc keeps the document"
    );
}

#[test]
fn bad_files_are_listed_in_the_picker() {
    let synth = Synth::new("bad", 3);
    std::fs::write(synth.dir.join("broken.json"), "{ not json").expect("write");
    let mut a = many_app(synth.collection());
    assert_eq!(a.library.errors().len(), 1);
    let screen = draw(&mut a, 100, 30);
    assert!(screen.contains("1 个文件未能载入"), "{screen}");
    assert!(screen.contains("broken.json"), "{screen}");
}

#[test]
fn sum_over_the_departments_of_the_year() {
    let synth = Synth::new("sum", 5);
    let mut a = many_app(synth.collection());
    let yusuan::library::Library::Loaded(collection) = a.library.clone() else {
        panic!("loaded");
    };
    // The expected sums, straight from the documents of 2024.
    let docs: Vec<_> = collection
        .documents
        .iter()
        .filter(|d| d.fiscal_year == 2024)
        .collect();
    assert_eq!(docs.len(), 5);
    let expected_total = docs
        .iter()
        .filter_map(|d| amount_of(d, None))
        .fold(Amount::ZERO, |s, a| s + a);
    // Open a 2024 document.
    press(&mut a, "2024");
    a.update(key(KeyCode::Enter));
    assert_eq!(a.doc().fiscal_year, 2024);
    let code = a.selected_code().unwrap_or_default().to_string();
    let expected_code = docs
        .iter()
        .filter_map(|d| amount_of(d, Some(&code)))
        .fold(Amount::ZERO, |s, a| s + a);
    press(&mut a, "a");
    assert!(a.sum);
    let view = a
        .agg
        .view(2024, Classification::Functional)
        .expect("the sum is computed");
    assert_eq!(view.agg.nodes[0].total, expected_total);
    let i = view.agg.get(&code).expect("the code is in the sum");
    assert_eq!(view.agg.nodes[i].total, expected_code);
    let (_, selected) = a.sum_selected().expect("a node selected");
    assert_eq!(selected, i, "the same code stays selected");
    let screen = draw(&mut a, 160, 50);
    assert!(screen.contains("汇总 5 个部门 2024"), "{screen}");
    assert!(
        screen.contains(&expected_total.display()),
        "the total {} is shown:\n{screen}",
        expected_total.display()
    );
    assert!(screen.contains("组成部门"), "{screen}");
    insta::assert_snapshot!("aggregate_160x50", screen);
    insta::assert_snapshot!("aggregate_80x24", draw(&mut a, 80, 24));
    // The economic tree sums too; a again goes back to the document.
    press(&mut a, "2");
    assert!(a
        .agg
        .view(2024, Classification::Economic)
        .is_some_and(|v| !v.agg.nodes.is_empty()));
    press(&mut a, "1a");
    assert!(!a.sum);
    assert_eq!(a.selected_code(), Some(code.as_str()));
}

#[test]
fn a_contributor_opens_its_document_at_the_same_code() {
    let synth = Synth::new("contrib", 5);
    let mut a = many_app(synth.collection());
    press(&mut a, "2024");
    a.update(key(KeyCode::Enter));
    press(&mut a, "a");
    // Down to a 款 under the first 类.
    press(&mut a, "lj");
    let (c, node) = a.sum_selected().expect("selected");
    let view = a.agg.view(2024, c).expect("sum");
    let n = &view.agg.nodes[node];
    let code = n.code.clone();
    assert_eq!(code.len(), 5, "a 款: {code}");
    let contributors = n.contributors.clone();
    assert!(!contributors.is_empty());
    // Largest first.
    assert!(contributors.windows(2).all(|w| w[0].1 >= w[1].1));
    press(&mut a, "c");
    assert_eq!(a.overlay.contributor(), Some(0));
    let want = if contributors.len() > 1 { 1 } else { 0 };
    if want == 1 {
        press(&mut a, "j");
    }
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("Enter"), "{screen}");
    a.update(key(KeyCode::Enter));
    assert!(!a.sum);
    assert_eq!(a.current, contributors[want].0);
    assert_eq!(a.view, View::Functional);
    assert_eq!(a.selected_code(), Some(code.as_str()));
}

#[test]
fn one_document_changes_nothing() {
    let mut a = app();
    assert!(!(a.overlay == Overlay::Picker));
    let before = draw(&mut a, 80, 24);
    press(&mut a, "p");
    assert!(!(a.overlay == Overlay::Picker));
    press(&mut a, "a");
    assert!(!a.sum);
    assert!(a.status.is_some(), "says why");
    let hints = before.lines().last().unwrap_or_default();
    assert!(
        !hints.contains("汇总") && !hints.contains("文件"),
        "{hints}"
    );
}

#[test]
fn tiny_sizes_with_many_documents_do_not_panic() {
    let synth = Synth::new("tiny", 3);
    let mut a = many_app(synth.collection());
    for (w, h) in [(1, 1), (20, 5), (50, 12), (0, 0), (80, 2)] {
        draw(&mut a, w, h);
    }
    a.update(key(KeyCode::Enter));
    press(&mut a, "alc");
    for (w, h) in [(1, 1), (20, 5), (50, 12), (0, 0), (80, 2), (51, 13)] {
        draw(&mut a, w, h);
        press(&mut a, "jjjk");
    }
}

#[test]
fn failed_files_are_shown_even_when_one_document_loaded() {
    let c = Collection {
        documents: vec![yusuan::core::load::bundled()],
        errors: vec![yusuan::core::load::LoadError {
            file: "dept/broken.pdf".into(),
            place: String::new(),
            problem: "not a PDF".into(),
        }],
    };
    let mut app = many_app(c);
    let screen = draw(&mut app, 140, 40);
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("1 个文件未能载入"), "{header}");
    assert!(
        screen.contains("p 选择文件") || screen.contains("p "),
        "{screen}"
    );
    press(&mut app, "p");
    assert_eq!(app.overlay, Overlay::Picker);
    let screen = draw(&mut app, 140, 40);
    assert!(screen.contains("dept/broken.pdf: not a PDF"), "{screen}");
}

#[test]
fn the_sum_prints_an_empty_cell_at_its_neighbours_scale() {
    let mut other = yusuan::core::load::bundled();
    other.department.code = "999999".into();
    let c = Collection::from_documents(vec![yusuan::core::load::bundled(), other]);
    let mut app = many_app(c);
    app.overlay = Overlay::None;
    press(&mut app, "a");
    let screen = draw(&mut app, 160, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("223 国有资本经营预算支出"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        !row.split_whitespace().any(|w| w == "0"),
        "a bare 0 beside 0.00: {row}"
    );
}

#[test]
fn f_lists_every_item_across_departments_in_the_sum() {
    let mut other = yusuan::core::load::bundled();
    other.department.code = "999999".into();
    let c = Collection::from_documents(vec![yusuan::core::load::bundled(), other]);
    let mut app = many_app(c);
    app.overlay = Overlay::None;
    press(&mut app, "af");
    let screen = draw(&mut app, 160, 40);
    let first = screen.lines().nth(3).unwrap_or_default();
    // 530.70 in each of the two departments.
    assert!(
        first.contains("2080101 行政运行") && first.contains("1,061.40"),
        "{screen}"
    );
}
