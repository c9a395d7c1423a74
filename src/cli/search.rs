//! `yusuan search QUERY`: the browser's search, ranked the same, for scripts.

use super::words::{word, Say};
use crate::core::amount::Amount;
use crate::core::document::Document;
use crate::core::lang::Lang;
use crate::core::search::{Hit, Item, SearchIndex};
use serde_json::{json, Map, Value};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Exit 0 with results, 1 with none ("无结果 / no results" on stderr), 2 for an empty query.
pub fn run(
    docs: &[&Document],
    query: &str,
    json: bool,
    limit: usize,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    // Nothing to search for is a mistake in the command, not a search that found nothing.
    if query.trim().is_empty() {
        eprintln!("yusuan: error: the search query is empty (give a code, a name or pinyin)");
        return Ok(super::EXIT_BAD_INPUT);
    }
    let index = SearchIndex::build(docs);
    let hits = index.search(query, limit);
    if hits.is_empty() {
        eprintln!("{}", word(lang, Say::NoResults));
        if json {
            writeln!(out, "[]")?;
        }
        return Ok(1);
    }
    if json {
        let rows: Vec<Value> = hits
            .iter()
            .map(|h| hit_json(docs, &index, h, lang))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
    } else {
        write_text(docs, &index, &hits, lang, out)?;
    }
    Ok(0)
}

/// One line per hit: code, name, where, last year's and this year's amount, aligned in columns;
/// led by the department when several are loaded.
fn write_text(
    docs: &[&Document],
    index: &SearchIndex,
    hits: &[Hit],
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<()> {
    let items: Vec<&Item> = hits.iter().map(|h| index.item(h.item)).collect();
    let places: Vec<String> = items.iter().map(|i| i.place.text(lang)).collect();
    let code_w = max_width(items.iter().map(|i| i.code.as_str()));
    let name_w = max_width(items.iter().map(|i| i.name.as_str()));
    let place_w = max_width(places.iter().map(String::as_str));
    let dept_w = max_width(items.iter().map(|i| docs[i.doc].department.name.as_str()));
    for (item, place) in items.into_iter().zip(&places) {
        let dept = match docs.len() {
            1 => String::new(),
            _ => format!("{}  ", pad(&docs[item.doc].department.name, dept_w)),
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
fn hit_json(docs: &[&Document], index: &SearchIndex, hit: &Hit, lang: Lang) -> Value {
    let item = index.item(hit.item);
    let doc = docs[item.doc];
    let amount =
        |a: Option<Amount>| a.map_or(Value::Null, |a| Value::String(a.value().to_string()));
    let mut o = Map::new();
    o.insert(
        "code".into(),
        (!item.code.is_empty()).then(|| item.code.clone()).into(),
    );
    o.insert("name".into(), item.name.clone().into());
    o.insert("where".into(), item.place.text(lang).into());
    o.insert("department".into(), doc.department.name.clone().into());
    o.insert("department_code".into(), doc.department.code.clone().into());
    o.insert("fiscal_year".into(), doc.fiscal_year.into());
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
