//! `yusuan show CODE`: everything the data holds for one code.

use super::words::{say, Say};
use crate::core::checks::Status;
use crate::core::document::Document;
use crate::core::lang::{unit, Lang};
use crate::core::lookup::{self, CodeReport};
use std::io::{self, Write};

pub fn run(
    doc: &Document,
    code: &str,
    json: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    let code = code.trim();
    let Some(report) = lookup::report(doc, code, lang) else {
        let code = crate::core::text::neutralise(code);
        eprintln!(
            "yusuan: no code \"{code}\" in {} {} (try `yusuan search {code}`)",
            doc.department.name, doc.fiscal_year,
        );
        return Ok(1);
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write_text(doc, &report, lang, out)?;
    }
    Ok(0)
}

fn write_text(doc: &Document, r: &CodeReport, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let line =
        |out: &mut dyn Write, what: Say, args: &[&str]| writeln!(out, "{}", say(lang, what, args));
    let class = r.classification.label(lang);
    line(
        out,
        Say::ShowHead,
        &[&r.code, &r.name, class, r.level_name, unit(lang, &doc.unit)],
    )?;
    if let Some(p) = &r.parent {
        line(out, Say::ShowParent, &[&p.code, &p.name])?;
    }
    for c in &r.children {
        line(out, Say::ShowChild, &[&c.code, &c.name])?;
    }
    for n in &r.other_names {
        line(out, Say::ShowOtherName, &[&n.code, &n.name])?;
    }
    for s in &r.comparisons {
        let table = s
            .table
            .as_deref()
            .map(|t| say(lang, Say::ShowScopeTable, &[t]))
            .unwrap_or_default();
        line(out, Say::ShowScope, &[s.scope, &table])?;
        let fmt = |v: &Option<lookup::YearValue>| match v {
            Some(v) if v.source == "derived" => say(lang, Say::ShowDerived, &[&v.amount.display()]),
            Some(v) => v.amount.display(),
            None => "—".into(),
        };
        let change = s
            .change
            .map(|c| c.display_signed())
            .unwrap_or_else(|| "—".into());
        line(
            out,
            Say::ShowYears,
            &[
                &(doc.fiscal_year - 1).to_string(),
                &fmt(&s.previous),
                &doc.fiscal_year.to_string(),
                &fmt(&s.current),
                &change,
                s.percent.as_deref().unwrap_or("—"),
            ],
        )?;
        if let Some(b) = s.basic {
            line(out, Say::ShowBasic, &[&b.display()])?;
        }
        if let Some(p) = s.project {
            line(out, Say::ShowProject, &[&p.display()])?;
        }
        for v in [&s.previous, &s.current].into_iter().flatten() {
            if let Some(how) = &v.derivation {
                line(out, Say::ShowDerivedYear, &[&v.year.to_string(), how])?;
            }
        }
    }
    line(out, Say::ShowPrinted, &[])?;
    for a in &r.amounts {
        line(
            out,
            Say::ShowAmount,
            &[&a.table, &a.column, &a.amount.display()],
        )?;
    }
    if !r.links.is_empty() {
        line(out, Say::ShowLinks, &[])?;
        for l in &r.links {
            let amount = l.amount.map(|a| a.display()).unwrap_or_else(|| "—".into());
            let code = l.code.as_deref().unwrap_or(&l.to);
            line(out, Say::ShowLink, &[code, &l.name, &amount, l.why])?;
        }
    }
    line(out, Say::ShowChecks, &[])?;
    for c in &r.checks.list {
        let detail = if c.status == Status::Pass {
            String::new()
        } else {
            say(lang, Say::ShowCheckDetail, &[&c.describe(lang)])
        };
        line(
            out,
            Say::ShowCheck,
            &[c.status.label(lang), &c.title.text(lang), &detail],
        )?;
    }
    Ok(())
}
