//! Import: a published disclosure (its PDF, or a text extracted from it) becomes a yusuan/1
//! document and a report of what was read. Terminal-free, like `core`.
//!
//! The way through: bytes → pages of positioned lines (`pdf` + `lines` for PDFs, `textsrc` for
//! texts) → a template (`shanghai`, `chongqing`, …) that recognises the tables and reads their rows
//! → a `Document` that the ordinary loader validates → checks. Every line inside a table that the
//! template cannot read goes into the report as `Unread`: nothing is dropped silently.

pub mod chongqing;
pub mod grid;
pub mod jiangsu;
pub mod juesuan;
pub mod lines;
pub mod narrative;
pub mod pdf;
pub mod report;
pub mod shanghai;
pub mod textsrc;
pub mod tokens;

pub use lines::{Line, Page, Run};
pub use report::{ImportReport, TableReport, Unread};

use crate::core::document::Document;
use crate::core::load::{self, LoadError};
use std::path::Path;

/// A document imported from a disclosure, with what the import found.
#[derive(Debug, Clone)]
pub struct Imported {
    pub document: Document,
    pub report: ImportReport,
}

fn err(file: &str, place: &str, problem: impl Into<String>) -> LoadError {
    LoadError {
        file: file.to_string(),
        place: place.to_string(),
        problem: problem.into(),
    }
}

/// True for a file the importer reads rather than the JSON loader: a PDF or a text.
pub fn is_importable(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("pdf" | "txt")
    )
}

/// Imports a PDF or a text extraction of one; `file` names it in errors and in the report.
pub fn import_bytes(file: &str, bytes: &[u8]) -> Result<Imported, LoadError> {
    let (document, report) = import_unchecked(file, bytes)?;
    let document = load::accept(file, document)?;
    Ok(Imported { document, report })
}

/// The import before the loader's validation (for diagnosing an import that does not validate).
pub fn import_unchecked(file: &str, bytes: &[u8]) -> Result<(Document, ImportReport), LoadError> {
    let mut report = ImportReport {
        file: file.to_string(),
        ..ImportReport::default()
    };
    let document = if bytes.starts_with(b"%PDF") || file.to_ascii_lowercase().ends_with(".pdf") {
        let (pages, stats) = pdf::read_with_limit(bytes, PDF_TIME_LIMIT)
            .map_err(|e| err(file, "", e.to_string()))?;
        report.pages = stats.pages;
        if stats.off_page_dropped > 0 || stats.doubled_dropped > 0 {
            report.notes.push(format!(
                "PDF: 页面外的字 {0} 个、重复绘制的字 {1} 个已略去 (PDF: {0} glyphs off the page and {1} glyphs drawn twice, dropped)",
                stats.off_page_dropped, stats.doubled_dropped
            ));
        }
        import_pages(file, &pages, &mut report)?
    } else {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            err(
                file,
                &format!("byte {}", e.valid_up_to()),
                "is not UTF-8 text: expected a PDF or a text extracted from one",
            )
        })?;
        import_text(file, text, &mut report)?
    };
    Ok((document, report))
}

/// Imports pages already read (a PDF's, or a text's), validates the document like a loaded one.
pub fn import_read_pages(file: &str, pages: &[Page]) -> Result<Imported, LoadError> {
    let mut report = ImportReport {
        file: file.to_string(),
        pages: pages.len() as u32,
        ..ImportReport::default()
    };
    let document = import_pages(file, pages, &mut report)?;
    let document = load::accept(file, document)?;
    Ok(Imported { document, report })
}

/// How long one PDF may take to read before it is given up (a budget PDF takes milliseconds).
pub const PDF_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

fn import_text(file: &str, text: &str, report: &mut ImportReport) -> Result<Document, LoadError> {
    if chongqing::recognise(text) {
        return chongqing::import_text(text, report).map_err(|e| err(file, "", e));
    }
    if jiangsu::recognise(text) {
        return jiangsu::import_text(text, report).map_err(|e| err(file, "", e));
    }
    let pages = textsrc::pages(text);
    report.pages = pages.len() as u32;
    import_pages(file, &pages, report)
}

fn import_pages(
    file: &str,
    pages: &[Page],
    report: &mut ImportReport,
) -> Result<Document, LoadError> {
    if juesuan::recognise(pages) {
        let mut doc = juesuan::import(pages, report).map_err(|e| err(file, "", e))?;
        doc.narrative_figures = juesuan::narrative::figures(&doc);
        return Ok(doc);
    }
    if shanghai::recognise(pages) {
        let mut doc = shanghai::import(pages, report).map_err(|e| err(file, "", e))?;
        doc.narrative_figures = narrative::headline_figures(&doc);
        return Ok(doc);
    }
    Err(err(
        file,
        "",
        "is not a budget disclosure of a known template (Shanghai's 9 tables, the national 9-table final accounts, Chongqing's 13, Jiangsu's 12): no table titles of theirs were found",
    ))
}

/// Reads and imports a file.
pub fn import_path(path: &Path) -> Result<Imported, LoadError> {
    let name = path.display().to_string();
    let (document, report) = import_path_unchecked(path)?;
    let document = load::accept(&name, document)?;
    Ok(Imported { document, report })
}

/// `import_path` before the loader's validation, so that a report can be shown for a document
/// that does not validate (a table line left unread can orphan the rows under it).
pub fn import_path_unchecked(path: &Path) -> Result<(Document, ImportReport), LoadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| err(&name, "", e.to_string()))?;
    if !meta.is_file() {
        return Err(err(&name, "", "is not a regular file"));
    }
    let is_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        // Refused from its length, before it is read.
        pdf::check_size(meta.len()).map_err(|e| err(&name, "", e.to_string()))?;
    }
    if meta.len() > load::MAX_FILE_BYTES {
        return Err(err(
            &name,
            "",
            format!(
                "is {} bytes, larger than any disclosure (limit {})",
                meta.len(),
                load::MAX_FILE_BYTES
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| err(&name, "", e.to_string()))?;
    import_unchecked(&name, &bytes)
}
