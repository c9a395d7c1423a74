//! The Chongqing importer on the seed text reproduces the hand-written document
//! (data/cq_dadukou_124_2024.json): every table, figure for figure, the narrative, and the checks.

use serde_json::Value;
use yusuan::core::checks::{self, Status};
use yusuan::core::document::Document;
use yusuan::core::load::{bundled, parse};
use yusuan::import::{chongqing, ImportReport};

const SEED: &str = include_str!("../fixtures/seed_000_125ac91881a2613a.txt");

fn imported() -> (Document, ImportReport) {
    assert!(chongqing::recognise(SEED));
    let mut report = ImportReport::default();
    let doc = chongqing::import_text(SEED, &mut report).expect("the seed imports");
    // The project's own loader must accept it.
    let bytes = serde_json::to_vec(&doc).unwrap();
    let doc = parse("x.json", &bytes)
        .unwrap_or_else(|e| panic!("the imported document does not load: {e}"));
    (doc, report)
}

/// Every difference between two JSON values, as `path: expected → got`.
fn diff(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for k in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                diff(
                    &format!("{path}.{k}"),
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!(
                    "{path}: {} items expected, {} got",
                    a.len(),
                    b.len()
                ));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(&format!("{path}[{i}]"), x, y, out);
            }
        }
        _ if want != got => out.push(format!("{path}: {want} → {got}")),
        _ => {}
    }
}

fn json<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap()
}

/// Where the hand-written JSON says more than the text can, in one place:
/// - 表四 writes `"year": 2024` on its current-year columns; the importer writes a column's year
///   only when it is not the document's (as 表二 does). Both mean the same.
/// - 表六 numbers the blank printed row before 本年收入合计 as line 7, while 表一 does not number
///   its two blank rows. The importer numbers the printed lines holding text in both; for 表六
///   the lines are compared by their order (which rows share a line, in which order).
fn normalise(doc: &Document, mut t: Value) -> Value {
    let year = Value::from(doc.fiscal_year);
    let strip_year = |cols: &mut Value| {
        for c in cols.as_array_mut().into_iter().flatten() {
            if c.get("year") == Some(&year) {
                c.as_object_mut().unwrap().remove("year");
            }
        }
    };
    strip_year(&mut t["columns"]);
    if t["id"] == "表六" {
        let mut lines: Vec<u64> = t["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| {
                s["rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["line"].as_u64().unwrap())
            })
            .collect();
        lines.sort();
        lines.dedup();
        for s in t["sections"].as_array_mut().unwrap() {
            for r in s["rows"].as_array_mut().unwrap() {
                let rank = lines
                    .iter()
                    .position(|l| Some(*l) == r["line"].as_u64())
                    .unwrap()
                    + 1;
                r["line"] = Value::from(rank);
            }
        }
    }
    t
}

#[test]
fn every_table_is_reproduced_figure_for_figure() {
    let want = bundled();
    let (got, report) = imported();
    assert_eq!(report.template, chongqing::TEMPLATE);
    let mut problems = Vec::new();
    assert_eq!(got.tables.len(), want.tables.len(), "number of tables");
    for (w, g) in want.tables.iter().zip(&got.tables) {
        diff(
            &w.id,
            &normalise(&want, json(w)),
            &normalise(&got, json(g)),
            &mut problems,
        );
    }
    assert!(
        problems.is_empty(),
        "the imported tables differ:\n{}",
        problems.join("\n")
    );
    let figures: usize = want
        .tables
        .iter()
        .flat_map(|t| t.sections())
        .flat_map(|s| s.rows.iter())
        .map(|r| r.cells.len())
        .sum();
    assert_eq!(
        report.tables.iter().map(|t| t.figures).sum::<usize>(),
        figures
    );
    assert_eq!(report.tables.len(), 13);
}

#[test]
fn nothing_in_the_seed_tables_is_left_unread() {
    let (_, report) = imported();
    assert!(
        report.unread.is_empty(),
        "unread lines: {:#?}",
        report.unread
    );
}

#[test]
fn department_title_and_year() {
    let want = bundled();
    let (got, _) = imported();
    assert_eq!(json(&got.department), json(&want.department));
    assert_eq!(got.fiscal_year, want.fiscal_year);
    assert_eq!(got.title, want.title);
    assert_eq!(got.unit, want.unit);
}

#[test]
fn narrative_sections_glossary_and_contact() {
    let want = bundled();
    let (got, _) = imported();
    let mut problems = Vec::new();
    diff(
        "sections",
        &json(&want.sections),
        &json(&got.sections),
        &mut problems,
    );
    diff(
        "glossary",
        &json(&want.glossary),
        &json(&got.glossary),
        &mut problems,
    );
    diff(
        "contact",
        &json(&want.contact),
        &json(&got.contact),
        &mut problems,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn checks_match_the_bundled_document() {
    let count = |doc: &Document| {
        let all = checks::run(doc);
        let n = |s| all.iter().filter(|c| c.status == s).count();
        (
            all.len(),
            n(Status::Pass),
            n(Status::Rounding),
            n(Status::Fail),
        )
    };
    let want = bundled();
    let (got, _) = imported();
    assert_eq!(count(&want), (296, 282, 14, 0));
    assert_eq!(count(&got), count(&want));
}

/// A figure's meaning: everything but its id and quote (the quote's extent is a matter of taste:
/// the bundled document keeps "（二）支出预算。" in one quote to tell it from the income's).
fn meaning(f: &yusuan::core::document::NarrativeFigure) -> Value {
    let mut v = json(f);
    let o = v.as_object_mut().unwrap();
    o.remove("id");
    o.remove("quote");
    o.remove("parts");
    v
}

#[test]
fn headline_figures_are_the_bundled_ones() {
    let want = bundled();
    let (got, _) = imported();
    let mut unmatched = Vec::new();
    let mut matched = Vec::new();
    for g in &got.narrative_figures {
        match want
            .narrative_figures
            .iter()
            .find(|w| meaning(w) == meaning(g) && !matched.contains(&w.id))
        {
            Some(w) => {
                assert!(
                    w.quote.contains(g.quote.trim_start_matches("主要原因是"))
                        || g.quote.contains(&w.quote),
                    "{}: quote {:?} vs {:?}",
                    w.id,
                    g.quote,
                    w.quote
                );
                matched.push(w.id.clone());
            }
            None => unmatched.push(format!("{:?}: {}", g.quote, meaning(g))),
        }
    }
    assert!(
        unmatched.is_empty(),
        "figures not in the bundled document:\n{}",
        unmatched.join("\n")
    );
    // Every 万元 figure of the narrative is found; the counts (12 个, 2 辆 …) are not headline
    // figures and are left to the hand-written document.
    let missing: Vec<&str> = want
        .narrative_figures
        .iter()
        .filter(|w| w.unit.is_none() && !matched.contains(&w.id))
        .map(|w| w.id.as_str())
        .collect();
    assert!(missing.is_empty(), "bundled figures not found: {missing:?}");
    assert_eq!(matched.len(), 47);
    // The reasons of the 项目支出 change are its parts, as in the bundled document.
    let with_parts: Vec<_> = got
        .narrative_figures
        .iter()
        .filter(|f| !f.parts.is_empty())
        .collect();
    assert_eq!(with_parts.len(), 1);
    let parts: Vec<Value> = with_parts[0]
        .parts
        .iter()
        .map(|p| meaning(got.narrative_figures.iter().find(|f| &f.id == p).unwrap()))
        .collect();
    let want_parent = want
        .narrative_figures
        .iter()
        .find(|f| !f.parts.is_empty())
        .unwrap();
    assert_eq!(meaning(with_parts[0]), meaning(want_parent));
    let want_parts: Vec<Value> = want_parent
        .parts
        .iter()
        .map(|p| meaning(want.narrative_figures.iter().find(|f| &f.id == p).unwrap()))
        .collect();
    assert_eq!(parts, want_parts);
}

#[test]
fn the_comparison_sees_a_changed_cell() {
    let want = bundled();
    let mut changed = want.clone();
    let t = &mut changed.tables[1];
    let a = t.rows[0].cells.get("total").copied().unwrap();
    t.rows[0].cells.insert("total".into(), a + a);
    let mut problems = Vec::new();
    diff(
        "表二",
        &json(&want.tables[1]),
        &json(&changed.tables[1]),
        &mut problems,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
}
