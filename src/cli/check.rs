//! `yusuan check`: every consistency check with its result.

use super::words::{say, Say};
use crate::core::checks::{self, Status};
use crate::core::document::Document;
use crate::core::lang::{unit, Lang};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub fn run(
    doc: &Document,
    json: bool,
    findings_only: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    let all = checks::run(doc);
    let shown: Vec<_> = all
        .iter()
        .filter(|c| !findings_only || c.status != Status::Pass)
        .collect();
    if json {
        let shown: Vec<_> = shown.iter().map(|c| c.localised(lang)).collect();
        serde_json::to_writer_pretty(&mut *out, &shown)?;
        writeln!(out)?;
    } else {
        let year = doc.fiscal_year.to_string();
        let head = [doc.department.name.as_str(), &year, unit(lang, &doc.unit)];
        writeln!(out, "{}", say(lang, Say::CheckHead, &head))?;
        for c in &shown {
            let line = [
                &status_mark(c.status, lang),
                c.kind.label(lang),
                &c.title.text(lang),
            ];
            write!(out, "{}", say(lang, Say::CheckLine, &line))?;
            if c.status == Status::Pass {
                writeln!(
                    out,
                    "{}",
                    say(lang, Say::CheckPassed, &[&c.printed.display()])
                )?;
            } else {
                let args = [&c.describe(lang), &c.terms.to_string()];
                writeln!(
                    out,
                    "{}",
                    say(lang, Say::CheckFinding, &args.map(|s| s.as_str()))
                )?;
            }
        }
        let count = |s| all.iter().filter(|c| c.status == s).count().to_string();
        let counts = [
            all.len().to_string(),
            count(Status::Pass),
            count(Status::Rounding),
            count(Status::Fail),
        ];
        writeln!(
            out,
            "{}",
            say(
                lang,
                Say::CheckCount,
                &counts.each_ref().map(|s| s.as_str())
            )
        )?;
    }
    Ok(if checks::worst(&all) == Status::Fail {
        1
    } else {
        0
    })
}

/// A status padded to the widest of the three, so that the titles line up: "通过  ", "舍入差".
pub fn status_mark(status: Status, lang: Lang) -> String {
    let widest = [Status::Pass, Status::Rounding, Status::Fail]
        .iter()
        .map(|s| s.label(lang).width())
        .max()
        .unwrap_or(0);
    let label = status.label(lang);
    format!("{label}{}", " ".repeat(widest - label.width()))
}
