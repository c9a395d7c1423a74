//! Subcommands over a folder of documents (departments × years).

use super::words::{say, word, Say};
use crate::core::aggregate::{aggregate, each_cross_year_check, PrevSource};
use crate::core::checks::{self, Status};
use crate::core::collection::Collection;
use crate::core::compare::{scope_table, Scope};
use crate::core::document::Document;
use crate::core::export::{records, write_csv};
use crate::core::lang::Lang;
use crate::core::parallel::for_each_in_order;
use crate::core::tree::Classification;
use std::io::{self, Write};

/// Per document: its findings and a count line; then the cross-year checks; exit 1 on a failure.
pub fn check(
    c: &Collection,
    json: bool,
    findings_only: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    if !json {
        return super::checked::summarise(c).print(lang, out);
    }
    // Written as it goes, a document at a time: the whole folder's checks as one JSON value
    // took 5.7 GB for 20,000 documents. The bytes are those `to_writer_pretty` gives the whole
    // (keys in order: "cross_year" before "documents"; each nested value indented in place).
    let mut worst = checks::worst(&[]);
    write!(out, "{{\n  \"cross_year\": [")?;
    let mut first = true;
    let mut written = Ok(());
    each_cross_year_check(c, |cross| {
        worst = worst.max(checks::worst(&cross));
        for x in &cross {
            // As a JSON value, whose objects order their keys (as the whole did).
            let item = serde_json::to_value(x.localised(lang)).map_err(io::Error::from);
            let sep = if std::mem::take(&mut first) { "" } else { "," };
            if written.is_ok() {
                written = item.and_then(|v| write!(out, "{sep}\n    {}", pretty(&v, 4)?));
            }
        }
    });
    written?;
    let close = if first { "]" } else { "\n  ]" };
    write!(out, "{close},\n  \"documents\": [")?;
    let mut first = true;
    for_each_in_order(&c.documents, 512, checks::run, |doc, all| {
        worst = worst.max(checks::worst(&all));
        let shown: Vec<_> = all
            .iter()
            .filter(|x| !findings_only || x.status != Status::Pass)
            .map(|x| x.localised(lang))
            .collect();
        let item = serde_json::json!({"department": doc.department.code, "name": doc.department.name, "year": doc.fiscal_year, "checks": shown});
        let sep = if std::mem::take(&mut first) { "" } else { "," };
        write!(out, "{sep}\n    {}", pretty(&item, 4)?)
    })?;
    let close = if first { "]" } else { "\n  ]" };
    writeln!(out, "{close}\n}}")?;
    Ok(if worst == Status::Fail { 1 } else { 0 })
}

/// A value as `to_writer_pretty` writes it nested `indent` spaces deep.
fn pretty(value: &impl serde::Serialize, indent: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(text.replace('\n', &format!("\n{}", " ".repeat(indent))))
}

/// A code summed over every department of each year, with its largest contributors.
pub fn show(
    c: &Collection,
    code: &str,
    json: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    let mut found = false;
    let mut reports = Vec::new();
    for year in c.years() {
        for class in [Classification::Functional, Classification::Economic] {
            // Summing a whole tree only to find the code absent is most of the cost.
            let prints = |d: &&Document| {
                d.fiscal_year == year
                    && scope_table(d, class, Scope::AllFunds)
                        .is_some_and(|t| t.row_by_code(code).is_some())
            };
            if !c.documents.iter().any(|d| prints(&d)) {
                continue;
            }
            let agg = aggregate(c, year, class, Scope::AllFunds);
            let Some(i) = agg.get(code) else { continue };
            found = true;
            let n = &agg.nodes[i];
            let top: Vec<_> = n
                .contributors
                .iter()
                .take(10)
                .map(|(d, a)| serde_json::json!({"department": c.documents[*d].department.code, "name": c.documents[*d].department.name, "amount": a}))
                .collect();
            if json {
                reports.push(serde_json::json!({
                    "year": year, "code": n.code, "name": n.name, "departments": n.contributors.len(),
                    "total": n.total, "basic": n.basic, "project": n.project,
                    "previous": n.prev, "previous_departments": n.prev_departments, "top": top}));
                continue;
            }
            let args = [
                year.to_string(),
                n.code.clone(),
                n.name.clone(),
                n.contributors.len().to_string(),
                n.total.display(),
                n.basic.display(),
                n.project.display(),
            ];
            let args = args.each_ref().map(String::as_str);
            writeln!(out, "{}", say(lang, Say::ManySum, &args))?;
            if let Some(p) = n.prev {
                let from: Vec<String> = agg
                    .prev_sources
                    .iter()
                    .map(|(s, k)| {
                        let source = word(
                            lang,
                            if *s == PrevSource::PriorDocument {
                                Say::ManyPrevDocument
                            } else {
                                Say::ManyPrevPrinted
                            },
                        );
                        say(lang, Say::ManyPrevCount, &[source, &k.to_string()])
                    })
                    .collect();
                let args = [
                    (year - 1).to_string(),
                    p.display(),
                    n.prev_departments.to_string(),
                    from.join(word(lang, Say::Comma)),
                ];
                let args = args.each_ref().map(String::as_str);
                writeln!(out, "{}", say(lang, Say::ManyPrev, &args))?;
            }
            for (d, a) in n.contributors.iter().take(10) {
                let doc = &c.documents[*d];
                writeln!(
                    out,
                    "  {:>14}  {} {}",
                    a.display(),
                    doc.department.code,
                    doc.department.name
                )?;
            }
        }
    }
    if !found {
        eprintln!(
            "yusuan: no code \"{}\" in any loaded document",
            crate::core::text::neutralise(code)
        );
        return Ok(1);
    }
    // Each department's own series, where it has documents of several years.
    let series = super::compare::series(c, code, json, lang, out)?;
    if json {
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({"sums": reports, "series": series}),
        )?;
        writeln!(out)?;
    }
    Ok(0)
}

pub fn export_csv(c: &Collection, out: &mut impl Write) -> io::Result<i32> {
    write_csv(out, c.documents.iter().flat_map(records))?;
    Ok(0)
}

pub fn export_json(c: &Collection, out: &mut impl Write) -> io::Result<i32> {
    // One array written a document's records at a time (the same bytes as the whole array at
    // once, which held 2 GB for 20,000 documents).
    out.write_all(b"[")?;
    let mut first = true;
    for doc in &c.documents {
        for record in records(doc) {
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            serde_json::to_writer(&mut *out, &record)?;
        }
    }
    out.write_all(b"]")?;
    writeln!(out)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check --json` written as it goes gives the bytes of the whole value written at once.
    #[test]
    fn check_json_is_the_whole_value_written_in_pieces() {
        let later = crate::core::load::bundled();
        let mut earlier = later.clone();
        earlier.fiscal_year -= 1;
        // A figure changed, so that the cross-year checks find something.
        earlier.tables[1].rows[0].cells.insert(
            "total".into(),
            crate::core::amount::Amount::parse("1").unwrap(),
        );
        let c = Collection::from_documents(vec![earlier, later]);
        for (lang, findings_only) in [(Lang::Zh, false), (Lang::En, true)] {
            let cross = crate::core::aggregate::cross_year_checks(&c);
            assert!(!cross.is_empty());
            let documents: Vec<_> = c
                .documents
                .iter()
                .map(|d| {
                    let all = checks::run(d);
                    let shown: Vec<_> = all
                        .iter()
                        .filter(|x| !findings_only || x.status != Status::Pass)
                        .map(|x| x.localised(lang))
                        .collect();
                    serde_json::json!({"department": d.department.code, "name": d.department.name, "year": d.fiscal_year, "checks": shown})
                })
                .collect();
            let cross: Vec<_> = cross.iter().map(|x| x.localised(lang)).collect();
            let whole = serde_json::json!({"cross_year": cross, "documents": documents});
            let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
            expected.push(b'\n');
            let mut out = Vec::new();
            check(&c, true, findings_only, lang, &mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn export_json_writes_the_whole_array_a_record_at_a_time() {
        let one = crate::core::load::bundled();
        let mut two = one.clone();
        two.department.code.push('2');
        for docs in [vec![], vec![one.clone()], vec![one, two]] {
            let all: Vec<_> = docs.iter().flat_map(records).collect();
            let mut expected = serde_json::to_vec(&all).unwrap();
            expected.push(b'\n');
            let c = Collection::from_documents(docs);
            let mut out = Vec::new();
            assert_eq!(export_json(&c, &mut out).unwrap(), 0);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
