//! A PDF becomes pages of positioned text lines and ruling lines (see `lines`). The only module
//! that talks to the PDF crate (hayro): `device` collects glyphs and segments while hayro
//! interprets each page, `layout` turns them into lines, runs and rules.
//!
//! Robustness: the input is never trusted. Size is checked before parsing, hayro runs under
//! `catch_unwind` (a panic becomes `Corrupt`), and `read_with_limit` bounds the time.

mod device;
mod layout;

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::Rect;
use hayro_interpret::{
    interpret_page, Context, InterpreterCache, InterpreterSettings, InterpreterWarning,
    RenderContent, TransformExt,
};

use crate::import::lines::Page;
use device::Collector;

/// Larger inputs are refused before they are read: a department's disclosure is well under 5 MB.
pub const MAX_PDF_BYTES: u64 = 32 * 1024 * 1024;

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The bytes do not start like a PDF.
    NotPdf,
    /// Password-protected, or encrypted in a way the reader does not support.
    Encrypted,
    /// A PDF, but damaged: unparsable, truncated, or the reader failed on it.
    Corrupt(String),
    /// Pages but no text at all: a scan or an image-only export.
    NoText,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    TimedOut {
        seconds: u64,
    },
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NotPdf => write!(f, "the file is not a PDF (it does not start with %PDF-)"),
            PdfError::Encrypted => write!(
                f,
                "the PDF is encrypted (password-protected); yusuan cannot read it"
            ),
            PdfError::Corrupt(why) => write!(f, "the PDF is damaged and cannot be read: {why}"),
            PdfError::NoText => write!(
                f,
                "the PDF has no text layer (a scan or images only); yusuan reads only text PDFs"
            ),
            PdfError::TooLarge { bytes, limit } => write!(
                f,
                "the PDF is too large ({bytes} bytes; the limit is {limit} bytes)"
            ),
            PdfError::TimedOut { seconds } => {
                write!(
                    f,
                    "reading the PDF took longer than {seconds} s and was abandoned"
                )
            }
        }
    }
}

impl std::error::Error for PdfError {}

/// What was read and what was dropped on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfStats {
    pub pages: u32,
    /// Glyphs kept in lines (spaces excluded).
    pub glyphs: usize,
    /// Glyphs drawn outside the page's crop box (WPS repeats overflowing cells there).
    pub off_page_dropped: usize,
    /// Glyphs drawn again at the same place (fill + stroke, fake bold).
    pub doubled_dropped: usize,
    /// Glyphs the font gives no Unicode for; they appear as U+FFFD.
    pub unmapped: usize,
    /// Font selections (`Tf`) whose font could not be loaded: the text set in it is missing,
    /// or only its ASCII part is read.
    pub font_failures: usize,
}

/// Reads every page. Never panics: a panic inside the PDF crate becomes `Corrupt` (the
/// process's panic hook still sees it first; the default hook prints it to stderr).
pub fn read(bytes: &[u8]) -> Result<(Vec<Page>, PdfStats), PdfError> {
    check_size(bytes.len() as u64)?;
    check_header(bytes)?;
    read_owned(bytes.to_vec())
}

fn read_owned(bytes: Vec<u8>) -> Result<(Vec<Page>, PdfStats), PdfError> {
    match catch_unwind(AssertUnwindSafe(|| read_pages(bytes))) {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(PdfError::Corrupt(format!("the PDF reader failed ({msg})")))
        }
    }
}

/// `read` on a worker thread, abandoned after `limit`. The worker cannot be stopped: it runs on
/// to the end in the background (holding its copy of the bytes) and its result is discarded.
pub fn read_with_limit(bytes: &[u8], limit: Duration) -> Result<(Vec<Page>, PdfStats), PdfError> {
    check_size(bytes.len() as u64)?;
    check_header(bytes)?;
    let owned = bytes.to_vec();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("yusuan-pdf".into())
        // Deeply nested input recurses deeply in the parser; a stack overflow cannot be caught.
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(read_owned(owned));
        })
        .map_err(|e| PdfError::Corrupt(format!("cannot start the reader thread: {e}")))?;
    match rx.recv_timeout(limit) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(PdfError::TimedOut {
            seconds: limit.as_secs_f64().ceil() as u64,
        }),
        // The worker died without sending: `read` catches panics, so only an abort gets here.
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(PdfError::Corrupt(
            "the PDF reader stopped unexpectedly".into(),
        )),
    }
}

/// For callers holding a path: refuse a large file from its length, before reading it.
pub fn check_size(bytes: u64) -> Result<(), PdfError> {
    if bytes > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge {
            bytes,
            limit: MAX_PDF_BYTES,
        });
    }
    Ok(())
}

/// `%PDF-` must appear near the start (viewers tolerate up to 1 KiB of junk before it), and a
/// complete file ends with `%%EOF`. A truncated file is refused rather than half read: hayro can
/// rebuild a damaged cross-reference table, but pages past the cut would be missing silently.
fn check_header(bytes: &[u8]) -> Result<(), PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Corrupt(
            "the file is truncated (it has no end-of-file marker)".into(),
        ));
    }
    Ok(())
}

fn read_pages(bytes: Vec<u8>) -> Result<(Vec<Page>, PdfStats), PdfError> {
    let pdf = Pdf::new(bytes).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfError::Encrypted,
        LoadPdfError::Invalid => PdfError::Corrupt("its structure cannot be parsed".into()),
    })?;
    let font_failures = Arc::new(AtomicUsize::new(0));
    let counter = font_failures.clone();
    let settings = InterpreterSettings {
        warning_sink: Arc::new(move |w| {
            if matches!(w, InterpreterWarning::UnsupportedFont) {
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }),
        // Annotations (form fields, stamps) are not part of the printed tables; pdftotext
        // leaves them out too.
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let cache = InterpreterCache::new();
    let mut stats = PdfStats::default();
    let mut pages = Vec::new();
    for (i, page) in pdf.pages().iter().enumerate() {
        let (width, height) = page.render_dimensions();
        let mut ctx = Context::new(
            page.initial_transform(true).to_kurbo(),
            Rect::new(0.0, 0.0, width as f64, height as f64),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        let mut dev = Collector::default();
        interpret_page(page, &mut ctx, &mut dev);
        let mut dropped = layout::Dropped::default();
        let rules = layout::rules(dev.segs, width, height);
        let lines = layout::lines(dev.glyphs, width, height, &rules, &mut dropped);
        stats.glyphs += lines
            .iter()
            .flat_map(|l| &l.runs)
            .map(|r| r.text.chars().filter(|c| *c != ' ').count())
            .sum::<usize>();
        stats.off_page_dropped += dropped.off_page;
        stats.doubled_dropped += dropped.doubled;
        stats.unmapped += dev.unmapped;
        pages.push(Page {
            number: i as u32 + 1,
            width,
            height,
            lines,
            rules,
            positioned: true,
        });
    }
    stats.pages = pages.len() as u32;
    stats.font_failures = font_failures.load(Ordering::Relaxed);
    if pages.is_empty() {
        return Err(PdfError::Corrupt("it has no pages".into()));
    }
    if stats.glyphs == 0 {
        return Err(PdfError::NoText);
    }
    Ok((pages, stats))
}
