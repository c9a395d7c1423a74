//! `yusuan search QUERY`: the browser's search, ranked the same, for scripts.

use super::words::{word, Say};
use crate::cache::fresh::Fresh;
use crate::core::amount::Amount;
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::search::{Hit, Item, SearchIndex};
use serde_json::{json, Map, Value};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// What a hit prints of its document.
pub struct Dept<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub year: i32,
}

/// Exit 0 with results, 1 with none ("无结果 / no results" on stderr), 2 for an empty query.
pub fn run(
    docs: &[&Document],
    query: &str,
    json: bool,
    limit: usize,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    if let Some(code) = empty(query) {
        return Ok(code);
    }
    let index = SearchIndex::build(docs);
    let hits = index.search(query, limit);
    let shown: Vec<(&Hit, &Item, Dept)> = hits
        .iter()
        .map(|h| {
            let item = index.item(h.item);
            let doc = docs[item.doc];
            let dept = Dept {
                code: &doc.department.code,
                name: &doc.department.name,
                year: doc.fiscal_year,
            };
            (h, item, dept)
        })
        .collect();
    print(&shown, docs.len() > 1, json, lang, out)
}

/// `run` on a folder's fresh cache (see `cache::search`); `None` when the cache cannot answer
/// (then nothing has been said). `before` runs once the cache has answered, before anything is
/// said (the files that did not load are said first, as the whole load says them).
pub fn run_cached(
    fresh: &Fresh,
    query: &str,
    json: bool,
    limit: usize,
    lang: Lang,
    out: &mut impl Write,
    before: impl FnOnce(),
) -> Option<io::Result<i32>> {
    let found = match query.trim().is_empty() {
        true => None,
        false => Some(crate::cache::search::search(fresh, query, limit)?),
    };
    before();
    let (None, Some(found)) = (empty(query), found) else {
        return Some(Ok(super::EXIT_BAD_INPUT));
    };
    let shown: Vec<(&Hit, &Item, Dept)> = found
        .hits
        .iter()
        .map(|(h, item, (code, name, year))| {
            let dept = Dept {
                code,
                name,
                year: *year,
            };
            (h, item, dept)
        })
        .collect();
    Some(print(&shown, found.documents > 1, json, lang, out))
}

/// Nothing to search for is a mistake in the command, not a search that found nothing.
fn empty(query: &str) -> Option<i32> {
    query.trim().is_empty().then(|| {
        eprintln!("yusuan: error: the search query is empty (give a code, a name or pinyin)");
        super::EXIT_BAD_INPUT
    })
}

/// The hits, best first; `several` when the documents searched were more than one (then each
/// line is led by its department).
fn print(
    shown: &[(&Hit, &Item, Dept)],
    several: bool,
    json: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    if shown.is_empty() {
        eprintln!("{}", word(lang, Say::NoResults));
        if json {
            writeln!(out, "[]")?;
        }
        return Ok(1);
    }
    if json {
        let rows: Vec<Value> = shown
            .iter()
            .map(|(h, item, dept)| hit_json(h, item, dept, lang))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
    } else {
        write_text(shown, several, lang, out)?;
    }
    Ok(0)
}

/// One line per hit: code, name, where, last year's and this year's amount, aligned in columns;
/// led by the department when several are loaded.
fn write_text(
    shown: &[(&Hit, &Item, Dept)],
    several: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<()> {
    let items: Vec<&Item> = shown.iter().map(|s| s.1).collect();
    let places: Vec<String> = items.iter().map(|i| i.place.text(lang)).collect();
    let code_w = max_width(items.iter().map(|i| i.code.as_str()));
    let name_w = max_width(items.iter().map(|i| i.name.as_str()));
    let place_w = max_width(places.iter().map(String::as_str));
    let dept_w = max_width(shown.iter().map(|s| s.2.name));
    for ((_, item, d), place) in shown.iter().zip(&places) {
        let dept = match several {
            false => String::new(),
            true => format!("{}  ", pad(d.name, dept_w)),
        };
        let line = format!(
            "{dept}{}  {}  {}  {} {}  {} {}",
            pad(&item.code, code_w),
            pad(&item.name, name_w),
            pad(place, place_w),
            // The earlier year first, as the tables print them.
            item.year - 1,
            text_amount(item.prev_amount),
            item.year,
            text_amount(item.amount),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn max_width<'a>(texts: impl Iterator<Item = &'a str>) -> usize {
    texts.map(|t| t.width()).max().unwrap_or(0)
}

/// Pads by display width, so that CJK names (two cells a char) line up.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

fn text_amount(a: Option<Amount>) -> String {
    a.map_or_else(|| "—".to_string(), |a| a.display())
}

/// Amounts as plain decimal strings ("1213.45"), keyed by year (`amount_2024`, `amount_2023`).
fn hit_json(hit: &Hit, item: &Item, doc: &Dept, lang: Lang) -> Value {
    let amount =
        |a: Option<Amount>| a.map_or(Value::Null, |a| Value::String(a.value().to_string()));
    let mut o = Map::new();
    o.insert(
        "code".into(),
        (!item.code.is_empty()).then(|| item.code.clone()).into(),
    );
    o.insert("name".into(), item.name.clone().into());
    o.insert("where".into(), item.place.text(lang).into());
    o.insert("department".into(), doc.name.into());
    o.insert("department_code".into(), doc.code.into());
    o.insert("fiscal_year".into(), doc.year.into());
    o.insert("tables".into(), item.tables.clone().into());
    o.insert("target".into(), json!(item.target));
    o.insert(format!("amount_{}", item.year), amount(item.amount));
    o.insert(
        format!("amount_{}", item.year - 1),
        amount(item.prev_amount),
    );
    o.insert("match".into(), json!(hit.kind));
    o.insert(
        "matched".into(),
        json!({ "code": hit.code_positions, "name": hit.name_positions }),
    );
    Value::Object(o)
}
