//! The loader under random input: arbitrary bytes, and the bundled document with random edits
//! (values replaced by other types, keys dropped or renamed, strings filled with odd characters).
//! It must never panic, and every rejection must name the file and a problem.
//!
//! Cases per property default to a quick CI run; `YUSUAN_FUZZ_CASES=200000` runs longer.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use yusuan::core::checks;
use yusuan::core::load::{parse, BUNDLED_JSON};
use yusuan::core::tree::{Classification, Tree};

fn cases() -> u32 {
    std::env::var("YUSUAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

fn accept_or_explain(bytes: &[u8]) {
    match parse("fuzz.json", bytes) {
        Ok(doc) => {
            // Whatever loads must also be safe to analyse.
            let _ = checks::run(&doc);
            for c in [Classification::Functional, Classification::Economic] {
                let t = Tree::build(&doc, c);
                for i in 0..t.nodes.len() {
                    let _ = t.path(i);
                }
            }
        }
        Err(e) => {
            assert_eq!(e.file, "fuzz.json");
            assert!(!e.problem.is_empty());
        }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, serde_json::Value),
    Remove(usize),
    Rename(usize, String),
}

fn odd_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::from),
        "[0-9]{0,30}(\\.[0-9]{0,30})?".prop_map(serde_json::Value::from),
        "-?[0-9,.eE+-]{1,12}".prop_map(serde_json::Value::from),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::Value::from(
            "\u{1b}[2J\u{7}\u{9b}\u{202e}\u{200b}\0"
        )),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), odd_value()).prop_map(|(i, v)| Edit::Replace(i, v)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), "[a-z_]{1,8}").prop_map(|(i, k)| Edit::Rename(i, k)),
    ]
}

/// Applies an edit to the n-th node (in a depth-first walk) of the JSON value.
fn apply(v: &mut serde_json::Value, edit: &Edit) {
    let count = count_nodes(v);
    let target = match edit {
        Edit::Replace(i, _) | Edit::Remove(i) | Edit::Rename(i, _) => i % count.max(1),
    };
    let mut n = 0;
    walk(v, target, &mut n, edit);
}

fn count_nodes(v: &serde_json::Value) -> usize {
    1 + match v {
        serde_json::Value::Array(a) => a.iter().map(count_nodes).sum(),
        serde_json::Value::Object(o) => o.values().map(count_nodes).sum(),
        _ => 0,
    }
}

fn walk(v: &mut serde_json::Value, target: usize, n: &mut usize, edit: &Edit) -> bool {
    if *n == target {
        if let Edit::Replace(_, new) = edit {
            *v = new.clone();
        }
        return true;
    }
    *n += 1;
    match v {
        serde_json::Value::Array(a) => {
            for i in 0..a.len() {
                if walk(&mut a[i], target, n, edit) {
                    if matches!(edit, Edit::Remove(_)) && *n == target {
                        a.remove(i);
                    }
                    return true;
                }
            }
        }
        serde_json::Value::Object(o) => {
            let keys: Vec<String> = o.keys().cloned().collect();
            for k in keys {
                let hit_here = *n == target;
                if walk(o.get_mut(&k).unwrap(), target, n, edit) {
                    if hit_here {
                        match edit {
                            Edit::Remove(_) => {
                                o.remove(&k);
                            }
                            Edit::Rename(_, new) => {
                                if let Some(val) = o.remove(&k) {
                                    o.insert(new.clone(), val);
                                }
                            }
                            Edit::Replace(..) => {}
                        }
                    }
                    return true;
                }
            }
        }
        _ => {}
    }
    false
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..2048), |bytes| {
            accept_or_explain(&bytes);
            Ok(())
        })
        .unwrap();
}

#[test]
fn truncated_documents_never_panic() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        ..Config::default()
    });
    runner
        .run(&(0..BUNDLED_JSON.len()), |cut| {
            accept_or_explain(&BUNDLED_JSON.as_bytes()[..cut]);
            Ok(())
        })
        .unwrap();
}

#[test]
fn edited_documents_never_panic() {
    let base: serde_json::Value = serde_json::from_str(BUNDLED_JSON).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(edit(), 1..6), |edits| {
            let mut v = base.clone();
            for e in &edits {
                apply(&mut v, e);
            }
            accept_or_explain(v.to_string().as_bytes());
            Ok(())
        })
        .unwrap();
}
