//! `yusuan import FILE...`: PDFs (or texts of them) become yusuan/1 documents, each with a
//! report of what was read: the template, every table, every line not understood, the checks.

use super::words::{say, Say};
use crate::core::checks::{self, Status};
use crate::core::lang::Lang;
use crate::core::load;
use crate::core::lookup::Checks;
use crate::core::text::neutralise;
use crate::import;
use serde::Serialize;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// What one input gave, for people and (`--json`) for scripts.
#[derive(Debug, Serialize)]
pub struct Outcome {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<import::ImportReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checks: Option<CheckSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CheckSummary {
    pub total: usize,
    pub pass: usize,
    pub rounding: usize,
    pub fail: usize,
    /// Whom the importer believes a failure is about: `source` when every line of every table
    /// was read (the figures stand where the PDF prints them), `import` otherwise.
    pub failures_believed: Option<String>,
    pub failures: Checks,
}

/// A file name for a document: department and year, with nothing a file system or a shell
/// would read specially.
pub fn file_name(department: &str, year: i32) -> String {
    let safe: String = department
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '（' || c == '）' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    format!("{safe}_{year}.json")
}

fn one(path: &Path, out_dir: Option<&Path>) -> Outcome {
    // Names and messages from outside, neutralised here so that the JSON report carries them so.
    let file = neutralise(&path.display().to_string());
    let failed = |error: String, report: Option<import::ImportReport>| Outcome {
        file: file.clone(),
        error: Some(error),
        report,
        department: None,
        fiscal_year: None,
        checks: None,
        written: None,
    };
    let (document, report) = match import::import_path_unchecked(path) {
        Ok(read) => read,
        Err(e) => return failed(neutralise(&e.to_string()), None),
    };
    let who = (document.department.name.clone(), document.fiscal_year);
    let document = match load::accept(&file, document) {
        Ok(d) => d,
        Err(e) => {
            // Say why with the lines that were not read: they are the usual cause.
            let why = match report.unread.len() {
                0 => neutralise(&e.to_string()),
                n => neutralise(&format!(
                    "{e} ({n} lines of its tables could not be read, listed below)"
                )),
            };
            let mut o = failed(why, Some(report));
            (o.department, o.fiscal_year) = (Some(who.0), Some(who.1));
            return o;
        }
    };
    let all = checks::run(&document);
    let count = |s| all.iter().filter(|c| c.status == s).count();
    let fail = count(Status::Fail);
    let summary = CheckSummary {
        total: all.len(),
        pass: count(Status::Pass),
        rounding: count(Status::Rounding),
        fail,
        failures_believed: (fail > 0).then(|| {
            if report.unread.is_empty() {
                "source".to_string()
            } else {
                "import".to_string()
            }
        }),
        failures: Checks {
            list: all
                .iter()
                .filter(|c| c.status == Status::Fail)
                .cloned()
                .collect(),
            lang: Lang::Zh,
        },
    };
    let mut outcome = Outcome {
        file,
        error: None,
        department: Some(document.department.name.clone()),
        fiscal_year: Some(document.fiscal_year),
        report: Some(report),
        checks: Some(summary),
        written: None,
    };
    if let Some(dir) = out_dir {
        let target = dir.join(file_name(&document.department.code, document.fiscal_year));
        let written = serde_json::to_vec_pretty(&document)
            .map_err(|e| e.to_string())
            .and_then(|mut bytes| {
                bytes.push(b'\n');
                write_atomically(&target, &bytes).map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => outcome.written = Some(neutralise(&target.display().to_string())),
            Err(e) => {
                let target = target.display();
                outcome.error = Some(neutralise(&format!("{target}: cannot be written: {e}")));
            }
        }
    }
    outcome
}

/// Writes to a temporary file beside the target, then renames it, so that a reader never sees
/// half a document.
fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = target.with_extension(format!("json.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Imports every file on all cores, in the order given; a progress line on stderr when it is a
/// terminal.
pub fn import_all(files: &[PathBuf], out_dir: Option<&Path>) -> Vec<Outcome> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let progress = io::stderr().is_terminal() && files.len() > 1;
    let mut results: Vec<(usize, Outcome)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        mine.push((i, one(path, out_dir)));
                        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        if progress {
                            eprint!("\r{n}/{} ", files.len());
                        }
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    if progress {
        eprintln!();
    }
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, o)| o).collect()
}

/// The exit code: 2 when a file could not be read, else 1 when a check fails, else 0.
pub fn exit_code(outcomes: &[Outcome]) -> i32 {
    if outcomes.iter().any(|o| o.error.is_some()) {
        2
    } else if outcomes
        .iter()
        .any(|o| o.checks.as_ref().is_some_and(|c| c.fail > 0))
    {
        1
    } else {
        0
    }
}

pub fn run(
    files: &[PathBuf],
    out_dir: Option<&Path>,
    json: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    if let Some(dir) = out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            writeln!(
                io::stderr(),
                "yusuan: error: {}: cannot create the output folder: {e}",
                neutralise(&dir.display().to_string())
            )?;
            return Ok(2);
        }
    }
    let mut outcomes = import_all(files, out_dir);
    if json {
        for o in outcomes.iter_mut() {
            in_lang(o, lang);
        }
        serde_json::to_writer_pretty(&mut *out, &outcomes)?;
        writeln!(out)?;
    } else {
        for o in &outcomes {
            print_outcome(o, lang, out)?;
        }
    }
    Ok(exit_code(&outcomes))
}

/// The report's words in a language, for JSON: the template's name, the importer's messages in
/// both languages ("中文 (English)") in that language's part, the checks' titles.
fn in_lang(o: &mut Outcome, lang: Lang) {
    use crate::core::lang::bilingual;
    if let Some(e) = o.error.as_mut() {
        *e = bilingual(e, lang).to_string();
    }
    if let Some(r) = o.report.as_mut() {
        r.template = super::words::template(lang, &r.template);
        for u in r.unread.iter_mut() {
            u.why = bilingual(&u.why, lang).to_string();
        }
        for n in r.notes.iter_mut() {
            *n = bilingual(n, lang).to_string();
        }
    }
    if let Some(c) = o.checks.as_mut() {
        c.failures.lang = lang;
    }
}

fn print_outcome(o: &Outcome, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let n = |s: &str| neutralise(s);
    let line =
        |out: &mut dyn Write, what: Say, args: &[&str]| writeln!(out, "{}", say(lang, what, args));
    writeln!(out, "== {}", n(&o.file))?;
    if let Some(e) = &o.error {
        line(
            out,
            Say::ImportCannot,
            &[&n(crate::core::lang::bilingual(e, lang))],
        )?;
    }
    let Some(r) = &o.report else { return Ok(()) };
    let (dept, year) = (
        n(o.department.as_deref().unwrap_or("")),
        o.fiscal_year.unwrap_or_default(),
    );
    let template = n(&super::words::template(lang, &r.template));
    let (year, pages) = (year.to_string(), r.pages.to_string());
    line(out, Say::ImportTemplate, &[&template, &dept, &year, &pages])?;
    line(out, Say::ImportTables, &[&r.tables.len().to_string()])?;
    for t in &r.tables {
        let pages = if t.first_page == t.last_page {
            format!("p.{}", t.first_page)
        } else {
            format!("p.{}–{}", t.first_page, t.last_page)
        };
        let rows = say(lang, Say::ImportRows, &[&t.rows.to_string()]);
        let figures = say(lang, Say::ImportFigures, &[&t.figures.to_string()]);
        let args = [
            format!("{:>4}", n(&t.id)),
            n(&t.title),
            t.kind.to_string(),
            t.scope.to_string(),
            n(crate::core::lang::unit(lang, &t.unit)),
            pages,
            rows,
            figures,
        ];
        line(out, Say::ImportTable, &args.each_ref().map(String::as_str))?;
    }
    if r.unread.is_empty() {
        line(out, Say::ImportUnreadNone, &[])?;
    } else {
        line(out, Say::ImportUnread, &[&r.unread.len().to_string()])?;
        for u in &r.unread {
            let why = n(crate::core::lang::bilingual(&u.why, lang));
            line(
                out,
                Say::ImportUnreadLine,
                &[&u.page.to_string(), &n(&u.text), &why],
            )?;
        }
    }
    for note in &r.notes {
        line(
            out,
            Say::ImportNote,
            &[&n(crate::core::lang::bilingual(note, lang))],
        )?;
    }
    if let Some(c) = &o.checks {
        let counts = [c.total, c.pass, c.rounding, c.fail].map(|k| k.to_string());
        line(
            out,
            Say::ImportChecks,
            &counts.each_ref().map(String::as_str),
        )?;
        if let Some(who) = &c.failures_believed {
            let belief = if who == "source" {
                Say::ImportBelieveSource
            } else {
                Say::ImportBelieveImport
            };
            line(out, belief, &[])?;
            for f in &c.failures.list {
                let args = [
                    Status::Fail.label(lang),
                    &n(&f.title.text(lang)),
                    &n(&f.describe(lang)),
                ];
                line(out, Say::ImportFailure, &args)?;
            }
        }
    }
    if let Some(w) = &o.written {
        line(out, Say::ImportWritten, &[&n(w)])?;
    }
    Ok(())
}
