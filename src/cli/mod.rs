//! The command line: argument parsing and the subcommands that print for scripts.

pub mod check;
pub mod checked;
pub mod compare;
pub mod export;
pub mod import;
pub mod many;
pub mod search;
pub mod show;
pub mod words;

use crate::core::document::Document;
pub use crate::core::lang::Lang;
use crate::open;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// yusuan (预算): a terminal browser for Chinese department budget disclosures (部门预算公开).
///
/// With no subcommand it opens the browser on the bundled 2024 disclosure of
/// 重庆市大渡口区社会保险事务中心, or on PATH: a document, a published PDF or a folder of them.
#[derive(Debug, Parser)]
#[command(name = "yusuan", version, about, long_about)]
pub struct Cli {
    /// Load this JSON document, published PDF (or its text), or every document under this folder,
    /// instead of the bundled one.
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,

    /// With a folder: stop at the first document that does not load (default: report it, load the rest).
    #[arg(long, global = true)]
    pub strict: bool,

    /// Where the load cache lives (default: $XDG_CACHE_HOME/yusuan, else ~/.cache/yusuan).
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Read every file of a folder, neither using nor writing the load cache.
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// With a folder: exit 0 even when some files did not load (they are still reported). Without
    /// it, a subcommand that skipped a file exits 2 after doing the rest.
    #[arg(long, global = true)]
    pub skip_bad: bool,

    /// Language of the interface's own words (document text is shown as printed).
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Do not capture the mouse, so that text can be selected with it.
    #[arg(long)]
    pub no_mouse: bool,

    /// Colour increases green and decreases red (the default is the Chinese convention: red up).
    #[arg(long)]
    pub green_up: bool,

    /// Draw tree markers and guides in plain ASCII.
    #[arg(long)]
    pub ascii: bool,

    /// Draw the first frame and exit: for timing start-up (`hyperfine 'yusuan --first-frame-only'`).
    #[arg(long, hide = true)]
    pub first_frame_only: bool,

    /// Open the browser on this document, published PDF or folder (the same as --data PATH):
    /// `yusuan DIR` on a folder of one department's PDFs of several years shows the years side by
    /// side.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The load cache's folder; `None` with `--no-cache` or when no home is known.
    pub fn cache(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        self.cache_dir.clone().or_else(crate::cache::default_dir)
    }
}

/// The interface's language (`core::lang::Lang`); this only teaches clap its names.
impl ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &[Lang::Zh, Lang::En]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every consistency check and its result; exit 1 if any fails beyond rounding.
    Check {
        /// Print the checks as JSON.
        #[arg(long)]
        json: bool,
        /// Print only the checks that do not pass exactly.
        #[arg(long)]
        findings: bool,
    },
    /// Everything the data holds for one code: amounts, comparison, derivations, links, checks.
    Show {
        /// A functional (2080505) or economic (30108) classification code.
        code: String,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Years of each department side by side from its own documents (load several years:
    /// --data DIR): the largest changes (absolute and %), the new and the dropped codes.
    Compare {
        /// The earlier year (default: the year before --to).
        #[arg(long, value_name = "YEAR")]
        from: Option<i32>,
        /// The later year (default: the latest loaded).
        #[arg(long, value_name = "YEAR")]
        to: Option<i32>,
        /// At most this many of the largest changes, each way.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Every figure in long form: table, classification, code, name, column, amount.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Parquet only (required): the file to write, or with --partition-by the folder.
        #[arg(long, value_name = "FILE|DIR")]
        out: Option<PathBuf>,
        /// Parquet only: one file per fiscal year, as DIR/fiscal_year=2024/part-0.parquet.
        #[arg(long, value_enum)]
        partition_by: Option<PartitionBy>,
    },
    /// Import published disclosures: PDFs, or texts extracted from them. Writes one yusuan/1
    /// document per file (named by department and year) and prints what was read: the template,
    /// every table, every line not understood, the checks. Exit 0 when all imported and their
    /// checks hold (rounding allowed), 1 when a check fails, 2 when a file cannot be read.
    Import {
        /// The PDFs or texts to import.
        #[arg(required = true, num_args = 1.., value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where to write the documents (created if missing).
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
        /// Only report; write no document.
        #[arg(long)]
        dry_run: bool,
        /// Print the reports as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search codes, names and pinyin across the loaded data, best match first.
    Search {
        /// A code prefix (2080), a word of a name (养老) or pinyin (yanglao, xzyx); several words
        /// must all match.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
        /// At most this many results (at least 1).
        #[arg(long, default_value_t = 20, value_parser = at_least_one)]
        limit: usize,
    },
}

impl Cli {
    /// What to open: the PATH given alone or with --data; none for the bundled document.
    pub fn data_path(&self) -> Option<&std::path::Path> {
        self.path.as_deref().or(self.data.as_deref())
    }
}

/// `--limit 0` would ask for nothing: a usage error.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    /// Apache Parquet, for DuckDB, Polars, Spark (needs --out).
    Parquet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PartitionBy {
    Year,
}

/// Said when the browser is started without a terminal (`yusuan | cat`, `yusuan > file`).
pub const NEEDS_TERMINAL: &str =
    "yusuan: the browser needs a terminal (stdin and stdout are not both a terminal).\n\
For pipes and files use a subcommand: `yusuan check`, `yusuan show CODE`, `yusuan search QUERY`, \
`yusuan export --format csv|json` (see `yusuan --help`).";

/// Exit codes: 0 ok, 1 a check failed, 2 bad input or usage.
pub const EXIT_BAD_INPUT: i32 = 2;

/// Runs a subcommand and returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> i32 {
    if let Command::Import {
        files,
        out,
        dry_run,
        json,
    } = command
    {
        let target = (!dry_run).then_some(out.as_path());
        return match import::run(
            files,
            target,
            *json,
            cli.lang,
            &mut std::io::stdout().lock(),
        ) {
            Ok(code) => code,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(e) => {
                eprintln!("yusuan: error: {e}");
                EXIT_BAD_INPUT
            }
        };
    }
    if let Some(code) = from_fresh_cache(cli, command) {
        return code;
    }
    // The whole folder is held from here.
    // SAFETY: no other thread runs: every thread a stream started has been joined (scoped
    // threads, and the progress bar's on drop).
    unsafe { crate::memory::purge_after(crate::memory::HOLDING_ALL_MS) };
    let mut collection = match open::open_with(cli.data_path(), cli.strict, cli.cache().as_deref())
    {
        Ok(c) => c,
        Err(e) => return load_failed(&e, cli.lang),
    };
    say_skipped(&collection.errors, cli.lang);
    // The load has just written the cache (this run's folder was not fresh): its search index
    // answers at once, where building one from the documents takes seconds on a large folder.
    let whole = collection.errors.is_empty() && collection.documents.len() > 1;
    if whole && matches!(command, Command::Search { .. }) {
        if let Some(code) = from_fresh_cache(cli, command) {
            exit_soon(collection);
            return code;
        }
    }
    if let Command::Export {
        format,
        out,
        partition_by,
    } = command
    {
        if *format == ExportFormat::Parquet || out.is_some() || partition_by.is_some() {
            return export::to_file(&collection, *format, out.as_deref(), *partition_by);
        }
    }
    let mut out = std::io::stdout().lock();
    let result = if let Command::Compare {
        from,
        to,
        limit,
        json,
    } = command
    {
        compare::run(&collection, *from, *to, *limit, *json, cli.lang, &mut out)
    } else if collection.documents.len() > 1 {
        match command {
            Command::Check { json: false, .. } => {
                let summary = checked::summarise(&collection);
                keep_checks(cli, &summary);
                summary.print(cli.lang, &mut out)
            }
            Command::Check { json, findings } => {
                many::check(&collection, *json, *findings, cli.lang, &mut out)
            }
            Command::Show { code, json } => {
                // The rows `show` reads, as a fresh cache gives them (see `slices`).
                collection =
                    crate::cache::slices::light(std::mem::take(&mut collection), code.trim());
                many::show(&collection, code, *json, cli.lang, &mut out)
            }
            Command::Export {
                format: ExportFormat::Json,
                ..
            } => many::export_json(&collection, &mut out),
            Command::Export { .. } => many::export_csv(&collection, &mut out),
            Command::Search { query, json, limit } => search::run(
                &collection.documents.iter().collect::<Vec<_>>(),
                &query.join(" "),
                *json,
                *limit,
                cli.lang,
                &mut out,
            ),
            // Handled before anything is loaded, or above.
            Command::Import { .. } | Command::Compare { .. } => Ok(EXIT_BAD_INPUT),
        }
    } else {
        let doc = collection.documents.remove(0);
        run_one(&doc, command, cli.lang, &mut out)
    };
    let skipped = skipped_exit(&collection.errors, cli);
    exit_soon(collection);
    match result {
        Ok(code) => code.max(skipped),
        Err(e) => exit_code(Err(e)),
    }
}

/// A command answered from the extra parts of a folder's fresh cache (see `cache::fresh`),
/// without loading the documents; `None` when it cannot be (then everything is loaded).
fn from_fresh_cache(cli: &Cli, command: &Command) -> Option<i32> {
    let dir = cli.data_path().filter(|p| p.is_dir())?;
    if let Command::Check { json: false, .. } = command {
        return checks_beside_cache(cli, dir);
    }
    if !matches!(command, Command::Show { .. } | Command::Search { .. }) {
        return None;
    }
    // A folder not cached yet is cached first, without holding it (when it can be).
    // `show` does not need the search index: the first search builds it (see `cache::search`).
    let search = matches!(command, Command::Search { .. });
    let mut fresh = match open::fresh_or_build(dir, &cli.cache()?, cli.strict, search, None) {
        Ok(fresh) => fresh?,
        // As the whole load says it, without loading the folder.
        Err(e) => return Some(load_failed(&e, cli.lang)),
    };
    // One document is shown as a document, not as a folder.
    if fresh.documents < 2 {
        return None;
    }
    // Nothing is said before the cache has answered: a part that does not read leaves it to
    // the whole load, which says everything itself. Then, as the whole load says them, each
    // file that does not load, and exit 2 unless skipped.
    let errors = std::mem::take(&mut fresh.errors);
    let say = || say_skipped(&errors, cli.lang);
    let mut out = std::io::stdout().lock();
    let result = match command {
        Command::Show { code, json } => {
            let collection = crate::cache::slices::for_code(&mut fresh, code.trim())?;
            say();
            let result = many::show(&collection, code, *json, cli.lang, &mut out);
            exit_soon(collection);
            result
        }
        Command::Search { query, json, limit } => {
            let query = query.join(" ");
            let (json, limit, lang) = (*json, *limit, cli.lang);
            search::run_cached(&fresh, &query, json, limit, lang, &mut out, say)?
        }
        _ => return None,
    };
    let skipped = skipped_exit(&errors, cli);
    Some(match result {
        Ok(code) => code.max(skipped),
        Err(e) => exit_code(Err(e)),
    })
}

/// A folder that does not load (or, with --strict, a file of it): said, and the exit code it
/// owes; the same whether the whole load or the cache found it.
fn load_failed(e: &crate::core::load::LoadError, lang: Lang) -> i32 {
    eprintln!("yusuan: error: {}", e.text(lang));
    EXIT_BAD_INPUT
}

/// Each file that did not load, on stderr.
fn say_skipped(errors: &[crate::core::load::LoadError], lang: Lang) {
    for e in errors {
        eprintln!("yusuan: warning: skipped {}", e.text(lang));
    }
}

/// The exit code a command owes its files that did not load: a script must be able to tell
/// that something was skipped (unless told to skip).
fn skipped_exit(errors: &[crate::core::load::LoadError], cli: &Cli) -> i32 {
    if errors.is_empty() || cli.skip_bad {
        0
    } else {
        EXIT_BAD_INPUT
    }
}

/// The summary of `check` kept beside a folder's fresh cache.
const CHECKS: &str = "checks";

/// `check` in text from the summary kept beside a fresh cache; the first time, the checks are
/// run on the folder (through its cache) and their summary kept. The files that do not load
/// are said first and counted in the exit code, as the whole load does.
fn checks_beside_cache(cli: &Cli, dir: &std::path::Path) -> Option<i32> {
    let cache = cli.cache()?;
    let fresh = open::fresh(dir, &cache)?;
    if fresh.documents < 2 {
        return None;
    }
    // With --strict a file that does not load is the error, as the whole load gives it.
    if let Err(e) = open::strict_error(&fresh, cli.strict) {
        return Some(load_failed(&e, cli.lang));
    }
    let kept = fresh
        .beside(CHECKS)
        .and_then(|b| rmp_serde::from_slice(&b).ok());
    let summary = match kept {
        Some(summary) => summary,
        None => {
            let collection = open::open_with(Some(dir), cli.strict, Some(&cache)).ok()?;
            let summary = checked::summarise(&collection);
            exit_soon(collection);
            if let Ok(bytes) = rmp_serde::to_vec(&summary) {
                fresh.store_beside(CHECKS, &bytes);
            }
            summary
        }
    };
    say_skipped(&fresh.errors, cli.lang);
    let printed = exit_code(summary.print(cli.lang, &mut std::io::stdout().lock()));
    Some(printed.max(skipped_exit(&fresh.errors, cli)))
}

/// Keeps the summary of the checks of a folder just loaded whole beside its cache, when the
/// load left it fresh: the next `check` prints from it.
fn keep_checks(cli: &Cli, summary: &checked::Summary) {
    let fresh = cli
        .data_path()
        .filter(|p| p.is_dir())
        .zip(cli.cache())
        .and_then(|(dir, cache)| open::fresh(dir, &cache));
    if let (Some(fresh), Ok(bytes)) = (fresh, rmp_serde::to_vec(summary)) {
        fresh.store_beside(CHECKS, &bytes);
    }
}

/// The process ends once a command has printed (main exits with its code): freeing 20,000
/// documents one by one would only delay that (30–60 ms), the system takes the memory back.
fn exit_soon(collection: crate::core::collection::Collection) {
    std::mem::forget(collection);
}

/// The exit code of a command's result: a closed pipe (`yusuan export | head`) is not an error
/// worth a message.
fn exit_code(result: std::io::Result<i32>) -> i32 {
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("yusuan: error: {e}");
            EXIT_BAD_INPUT
        }
    }
}

fn run_one(
    doc: &Document,
    command: &Command,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> std::io::Result<i32> {
    match command {
        Command::Check { json, findings } => check::run(doc, *json, *findings, lang, out),
        Command::Show { code, json } => show::run(doc, code, *json, lang, out),
        Command::Export { format, .. } => export::run(doc, *format, out),
        Command::Search { query, json, limit } => {
            search::run(&[doc], &query.join(" "), *json, *limit, lang, out)
        }
        Command::Import { .. } | Command::Compare { .. } => Ok(EXIT_BAD_INPUT),
    }
}
