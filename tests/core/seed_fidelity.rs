//! Every figure and name of the bundled document is checked against the seed text it was
//! transcribed from (a copy lives in tests/fixtures/), and every amount printed in the seed's
//! tables and narrative is checked to be in the document: nothing missing, nothing invented.
//!
//! The seed is PDF text: one space separates cells, an empty cell adds two more, long names wrap
//! onto following lines, and page numbers interrupt tables.

use std::collections::BTreeMap;
use yusuan::core::amount::Amount;
use yusuan::core::document::{Document, Row};
use yusuan::core::load::bundled;

const SEED: &str = include_str!("../fixtures/seed_000_125ac91881a2613a.txt");

const TABLE_IDS: [&str; 13] = [
    "表一",
    "表二",
    "表三",
    "表四",
    "表五",
    "表六",
    "表七",
    "表八",
    "表九",
    "表十",
    "表十一",
    "表十二",
    "表十三",
];

/// The seed split at its table captions: the narrative first, then one segment per table.
fn segments() -> (String, BTreeMap<&'static str, String>) {
    let mut narrative = String::new();
    let mut tables: BTreeMap<&str, String> = BTreeMap::new();
    let mut current: Option<&str> = None;
    for line in SEED.lines() {
        if let Some(id) = TABLE_IDS.iter().find(|id| line.trim() == **id) {
            current = Some(id);
            tables.insert(id, String::new());
            continue;
        }
        let is_page_number = {
            let t = line.trim();
            t.starts_with("- ")
                && t.ends_with(" -")
                && t[2..t.len() - 2].trim().chars().all(|c| c.is_ascii_digit())
        };
        if is_page_number {
            continue;
        }
        match current {
            Some(id) => tables.get_mut(id).unwrap(),
            None => &mut narrative,
        }
        .push_str(&format!("{line}\n"));
    }
    (narrative, tables)
}

fn collapse(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A row's cells as the PDF prints them: each cell's text (a space when empty) joined by spaces,
/// and a trailing space.
fn printed_run(row: &Row, keys: &[String]) -> String {
    let cells: Vec<String> = keys
        .iter()
        .map(|k| {
            row.cells
                .get(k)
                .map(|a| a.display())
                .unwrap_or_else(|| " ".into())
        })
        .collect();
    format!("{} ", cells.join(" "))
}

/// Finds `run` where it is a whole run of cells: at a line start or after a name and a space,
/// and followed by the line end or the other side's name.
fn find_run(segment: &str, run: &str, name_tail: &str) -> bool {
    let mut from = 0;
    while let Some(i) = segment[from..].find(run) {
        let at = from + i;
        let before = &segment[..at];
        let after = &segment[at + run.len()..];
        let starts_cell = before.is_empty() || before.ends_with('\n') || {
            let mut rev = before.chars().rev();
            rev.next() == Some(' ') && rev.next().is_some_and(|c| !c.is_ascii_digit() && c != ' ')
        };
        let ends_cell = after.is_empty()
            || after.starts_with('\n')
            || after.starts_with(|c: char| !c.is_ascii_digit() && c != ' ' && c != ',');
        let preceded_by_name = {
            let start = before.char_indices().rev().nth(80).map_or(0, |(i, _)| i);
            let tail: String = collapse(&before[start..]);
            let tail = tail.trim_end_matches('：');
            name_tail.is_empty() || tail.ends_with(name_tail)
        };
        if starts_cell && ends_cell && preceded_by_name {
            return true;
        }
        from = at + run.len().max(1);
    }
    false
}

#[test]
fn every_table_row_is_printed_in_its_table() {
    let doc = bundled();
    let (_, segments) = segments();
    assert_eq!(segments.len(), 13, "the seed has 13 tables");
    for table in &doc.tables {
        let segment = segments
            .get(table.id.as_str())
            .unwrap_or_else(|| panic!("{} not in the seed", table.id));
        let flat = collapse(segment);
        assert!(
            flat.contains(&collapse(&table.title)),
            "{}: title {}",
            table.id,
            table.title
        );
        for section in table.sections() {
            for col in section.columns {
                assert!(
                    flat.contains(&collapse(&col.header)),
                    "{}: header {}",
                    table.id,
                    col.header
                );
            }
            let keys: Vec<String> = section.columns.iter().map(|c| c.key.to_string()).collect();
            for row in section.rows {
                let name = collapse(row.display_name());
                let code = row.code.clone().unwrap_or_default();
                assert!(
                    flat.contains(&format!("{code}{name}")),
                    "{}: row {code} {name} not printed",
                    table.id
                );
                if row.cells.is_empty() {
                    continue;
                }
                let run = printed_run(row, &keys);
                assert!(
                    find_run(segment, &run, &format!("{code}{name}")),
                    "{}: row {code} {name}: cells {run:?} not printed after its name",
                    table.id
                );
            }
        }
    }
}

/// Amounts printed as money in the tables: digits with an optional thousands comma and exactly
/// two decimals.
fn money_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut token = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == ',' || c == '.' {
            token.push(c);
            continue;
        }
        let t = token.trim_matches(|c| c == ',' || c == '.');
        if let Some((int, frac)) = t.split_once('.') {
            if frac.len() == 2 && !int.is_empty() && frac.chars().all(|c| c.is_ascii_digit()) {
                out.push(t.to_string());
            }
        }
        token.clear();
    }
    out
}

#[test]
fn every_amount_in_the_seed_tables_is_in_the_data() {
    let doc = bundled();
    let (_, segments) = segments();
    for table in &doc.tables {
        let mut printed = money_tokens(&segments[table.id.as_str()]);
        let mut held: Vec<String> = table
            .sections()
            .iter()
            .flat_map(|s| s.rows.iter())
            .flat_map(|r| r.cells.values().map(|a| a.display()))
            .collect();
        printed.sort();
        held.sort();
        assert_eq!(
            printed, held,
            "{}: the amounts printed and held differ",
            table.id
        );
    }
}

/// Numbers in the narrative followed by a unit: 1,524.40 万元, 2 辆, 12 个.
fn narrative_quantities(text: &str) -> Vec<(String, &'static str)> {
    let flat = collapse(text);
    let chars: Vec<char> = flat.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == ',' || chars[i] == '.')
            {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            for unit in ["万元", "辆", "个"] {
                if rest.starts_with(unit) {
                    out.push((number.replace(',', ""), unit));
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn every_narrative_quantity_is_a_figure_and_every_figure_is_quoted() {
    let doc: Document = bundled();
    let (narrative, _) = segments();
    let flat = collapse(&narrative);
    let mut printed = narrative_quantities(&narrative);
    let mut held: Vec<(String, &str)> = Vec::new();
    for f in &doc.narrative_figures {
        assert!(
            flat.contains(&collapse(&f.quote)),
            "figure {}: quote {:?} not in the narrative",
            f.id,
            f.quote
        );
        if let Some(a) = f.amount {
            assert!(
                f.quote.contains(&a.display()),
                "figure {}: {} not in its quote",
                f.id,
                a.display()
            );
            let unit = match f.unit.as_deref() {
                Some("辆") => "辆",
                Some("个") => "个",
                _ => "万元",
            };
            held.push((a.value().to_string(), unit));
        }
    }
    printed.sort();
    held.sort();
    assert_eq!(
        printed, held,
        "quantities in the narrative vs narrative figures"
    );
}

#[test]
fn narrative_sections_glossary_and_contact_are_verbatim() {
    let doc = bundled();
    let (narrative, _) = segments();
    let flat = collapse(&narrative);
    assert!(flat.contains(&collapse(&doc.title)));
    for s in &doc.sections {
        assert!(
            flat.contains(&collapse(&format!("{}、{}", s.number, s.title))),
            "section {} {}",
            s.number,
            s.title
        );
        for p in &s.paragraphs {
            assert!(
                flat.contains(&collapse(p)),
                "section {}: paragraph not verbatim: {p}",
                s.number
            );
        }
    }
    for g in &doc.glossary {
        assert!(
            flat.contains(&collapse(&format!("{}。{}", g.term, g.definition))),
            "glossary {}",
            g.term
        );
    }
    let contact = doc.contact.as_ref().expect("contact line");
    assert!(flat.contains(&collapse(&contact.text)));
    // Six sections, and every paragraph of the narrative body is held somewhere.
    assert_eq!(
        doc.sections
            .iter()
            .map(|s| s.number.as_str())
            .collect::<Vec<_>>(),
        ["一", "二", "三", "四", "五", "六"]
    );
    let mut held = collapse(&doc.title);
    for s in &doc.sections {
        held.push_str(&collapse(&format!("{}、{}", s.number, s.title)));
        for p in &s.paragraphs {
            held.push_str(&collapse(p));
        }
    }
    for (i, g) in doc.glossary.iter().enumerate() {
        let n = ["一", "二", "三", "四", "五"][i];
        held.push_str(&collapse(&format!("（{n}）{}。{}", g.term, g.definition)));
    }
    held.push_str(&collapse(&contact.text));
    assert_eq!(
        held, flat,
        "the narrative, in order, is exactly what the document holds"
    );
}

#[test]
fn amounts_keep_their_printed_scale() {
    let doc = bundled();
    let t = doc.table("表八").unwrap();
    let a = t.row_by_code("223").unwrap().cells["total"];
    assert_eq!(a.display(), "231.00");
    let f = doc
        .narrative_figures
        .iter()
        .find(|f| f.id == "expense_223")
        .unwrap();
    assert_eq!(f.amount, Some(Amount::parse("231").unwrap()));
    assert_eq!(f.amount.unwrap().display(), "231");
}

/// Everything a table prints, as the document holds it.
fn table_strings(doc: &Document, table: &yusuan::core::document::Table) -> Vec<String> {
    let mut s = vec![
        table.id.clone(),
        table.title.clone(),
        format!("单位：{}", table.unit(doc)),
    ];
    s.extend(
        [
            &table.group_header,
            &table.code_header,
            &table.name_header,
            &table.note,
        ]
        .into_iter()
        .flatten()
        .cloned(),
    );
    for section in table.sections() {
        s.extend(section.name.map(str::to_string));
        for c in section.columns {
            s.push(c.header.to_string());
            s.extend(
                c.group
                    .iter()
                    .flat_map(|g| g.split(" / ").map(str::to_string)),
            );
        }
        for r in section.rows {
            s.extend(r.code.as_deref().map(str::to_string));
            s.extend(r.name.as_deref().map(str::to_string));
            s.extend(r.cells.values().map(|a| a.display()));
        }
    }
    for sec in &table.sections {
        s.extend(sec.item_header.clone());
    }
    if let Some(p) = &table.performance {
        for f in &p.fields {
            s.push(f.label.clone());
            s.push(f.value.clone());
        }
        s.extend(p.goals_header.clone());
        s.extend(p.goals.iter().cloned());
        s.extend(p.indicators_header.clone());
        s.extend(p.indicator_columns.iter().cloned());
        for i in &p.indicators {
            s.extend(
                [&i.level1, &i.level2, &i.value, &i.unit]
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
            s.push(i.name.clone());
            s.push(i.nature.clone());
            s.push(i.weight.clone());
        }
    }
    // Longest first, so that a name is not eaten by a shorter one inside it.
    let mut s: Vec<String> = s
        .iter()
        .map(|x| collapse(x))
        .filter(|x| !x.is_empty())
        .collect();
    s.sort_by_key(|x| std::cmp::Reverse(x.chars().count()));
    s
}

#[test]
fn nothing_printed_in_a_table_is_left_out() {
    let doc = bundled();
    let (_, segments) = segments();
    for table in &doc.tables {
        let mut left = collapse(&segments[table.id.as_str()]);
        for s in table_strings(&doc, table) {
            left = left.replace(&s, "");
        }
        let meaningful: String = left.chars().filter(|c| c.is_alphanumeric()).collect();
        assert!(
            meaningful.is_empty(),
            "{}: printed but not in the data: {left:?}",
            table.id
        );
    }
}
