//! `check` over a folder in text: what it prints, summarised (per document its department,
//! year and counts, and each check that does not pass exactly, in both languages), so that the
//! same lines print from the checks just run or from the summary kept beside a fresh cache.

use super::words::{say, Say};
use crate::core::aggregate::each_cross_year_check;
use crate::core::checks::{self, Check, Status};
use crate::core::collection::Collection;
use crate::core::lang::Lang;
use crate::core::parallel::for_each_in_order;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Summary {
    documents: Vec<Checked>,
    /// The cross-year checks: how many, and the findings.
    cross: (usize, Vec<Finding>),
    /// Files that did not load.
    errors: usize,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Checked {
    department: (String, String),
    year: i32,
    /// All, pass, rounding, fail.
    counts: [usize; 4],
    findings: Vec<Finding>,
}

/// A check that does not pass exactly, as it prints: failed or not, and its title and
/// description in Chinese and in English.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Finding {
    fail: bool,
    zh: (String, String),
    en: (String, String),
}

impl Finding {
    fn of(c: &Check) -> Finding {
        let text = |lang| (c.title.text(lang), c.describe(lang));
        Finding {
            fail: c.status == Status::Fail,
            zh: text(Lang::Zh),
            en: text(Lang::En),
        }
    }
}

/// Runs every check of every document (on every core, a batch at a time) and the cross-year
/// checks.
pub fn summarise(c: &Collection) -> Summary {
    let mut documents = Vec::with_capacity(c.documents.len());
    let _ = for_each_in_order(&c.documents, 512, checks::run, |doc, all| {
        let count = |s| all.iter().filter(|x| x.status == s).count();
        documents.push(Checked {
            department: (doc.department.code.clone(), doc.department.name.clone()),
            year: doc.fiscal_year,
            counts: [
                all.len(),
                count(Status::Pass),
                count(Status::Rounding),
                count(Status::Fail),
            ],
            findings: findings(&all),
        });
        Ok::<(), ()>(())
    });
    let mut cross = (0, Vec::new());
    each_cross_year_check(c, |checks| {
        cross.0 += checks.len();
        cross.1.extend(findings(&checks));
    });
    Summary {
        documents,
        cross,
        errors: c.errors.len(),
    }
}

fn findings(all: &[Check]) -> Vec<Finding> {
    all.iter()
        .filter(|x| x.status != Status::Pass)
        .map(Finding::of)
        .collect()
}

impl Summary {
    /// Prints it; 1 when a check failed.
    pub fn print(&self, lang: Lang, out: &mut impl Write) -> io::Result<i32> {
        let mut failed = false;
        for d in &self.documents {
            let args = [
                d.department.0.clone(),
                d.department.1.clone(),
                d.year.to_string(),
                d.counts[0].to_string(),
                d.counts[1].to_string(),
                d.counts[2].to_string(),
                d.counts[3].to_string(),
            ];
            let args = args.each_ref().map(String::as_str);
            writeln!(out, "{}", say(lang, Say::ManyCount, &args))?;
            failed |= print_findings(&d.findings, lang, out)?;
        }
        let counts = [self.cross.0.to_string(), self.cross.1.len().to_string()];
        let counts = counts.each_ref().map(String::as_str);
        writeln!(out, "{}", say(lang, Say::ManyCrossYear, &counts))?;
        failed |= print_findings(&self.cross.1, lang, out)?;
        let files = [self.documents.len().to_string(), self.errors.to_string()];
        let files = files.each_ref().map(String::as_str);
        writeln!(out, "{}", say(lang, Say::ManyFiles, &files))?;
        Ok(i32::from(failed))
    }
}

/// One indented line per finding; whether any failed.
fn print_findings(all: &[Finding], lang: Lang, out: &mut impl Write) -> io::Result<bool> {
    for f in all {
        let status = if f.fail {
            Status::Fail
        } else {
            Status::Rounding
        };
        let (title, describe) = match lang {
            Lang::Zh => &f.zh,
            Lang::En => &f.en,
        };
        let args = [status.label(lang), title, describe];
        writeln!(out, "{}", say(lang, Say::ManyFinding, &args))?;
    }
    Ok(all.iter().any(|f| f.fail))
}
