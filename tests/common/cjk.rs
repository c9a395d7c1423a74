//! "No CJK outside data": every run of CJK characters a screen or an output shows must be part of
//! some string of the loaded documents (a name, a title, a header, a quote, a note), or of what
//! the user typed. Interface words in Chinese are caught; document text is not.
#![allow(dead_code)]

use yusuan::core::document::Document;

/// Whether a character is CJK: ideographs, CJK punctuation, full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{ff00}'..='\u{ffef}' | '“' | '”')
        && c != '\u{3000}'
}

/// Every string value of the documents, as serde writes them.
pub fn data_strings<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for d in docs {
        walk(
            &serde_json::to_value(d).expect("a document serialises"),
            &mut out,
        );
    }
    out
}

/// The maximal runs of CJK characters in a text (“quotes” count as CJK, so that a quoted name
/// is one run).
pub fn runs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The runs of CJK in `text` that are part of no data string (quotes trimmed from a run's ends,
/// since the interface may quote data).
pub fn foreign_runs(text: &str, data: &[String]) -> Vec<String> {
    let mut bad: Vec<String> = Vec::new();
    for run in runs(text) {
        let core = run.trim_matches(|c| c == '“' || c == '”');
        if core.is_empty() || data.iter().any(|d| d.contains(core)) {
            continue;
        }
        // Quoted data beside other data: each quoted part must be data itself.
        let parts_ok = core
            .split(['“', '”'])
            .filter(|p| !p.is_empty())
            .all(|p| data.iter().any(|d| d.contains(p)));
        if parts_ok && core.contains(['“', '”']) {
            continue;
        }
        if !bad.contains(&run) {
            bad.push(run);
        }
    }
    bad
}

/// Panics with every foreign run and the text, when there is one.
pub fn assert_no_foreign_cjk(what: &str, text: &str, data: &[String]) {
    let bad = foreign_runs(text, data);
    assert!(
        bad.is_empty(),
        "{what}: CJK that is no document's text: {bad:?}\n{text}"
    );
}
