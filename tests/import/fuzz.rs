//! The PDF reader under mutated input: real disclosures (when `../shared` is present) and a small
//! PDF built here, with bytes flipped, overwritten, inserted, deleted, duplicated or cut off.
//! `read_with_limit` must return within its limit, never panic, and whatever it reads must be
//! well formed; what it reads then goes through the whole import (template, validation, checks). A seeded xorshift keeps every run reproducible (`YUSUAN_FUZZ_SEED`).
//!
//! The default run takes about 15 s; the ignored one runs `YUSUAN_FUZZ_SECS` seconds (600 if
//! unset): `YUSUAN_FUZZ_SECS=600 cargo test --release --test import -- fuzz --ignored --nocapture`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use yusuan::import::pdf::{self, PdfError};

/// Per case. Generous because debug builds are slow and the machine is shared.
const LIMIT: Duration = Duration::from_secs(20);

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn seed_pdf() -> Vec<u8> {
    let content =
        "BT /F1 12 Tf 72 700 Td (2025 Budget) Tj 0 -20 Td [(Tot) -250 (al) 3000 (1,234)] TJ ET \
                   2 Tr BT /F1 14 Tf 100 600 Td (Bold) Tj ET 0 Tr \
                   0.5 w 50 500 m 300 500 l S 50 400 250 0.8 re f 100 300 m 100 600 l S \
                   q 50 0 0 50 300 300 cm /Im1 Do Q /Fm1 Do";
    let form = "BT /F1 9 Tf 10 10 Td (form) Tj ET";
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /CropBox [0 0 595 800] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R /Fm1 8 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 >>".to_string(),
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 1 /ColorSpace /DeviceGray \
         /BitsPerComponent 8 /Length 2 >>\nstream\n\u{1}\u{7f}\nendstream"
            .to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Rotate 90 >>".to_string(),
        format!(
            "<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 5 0 R >> >> \
             /Length {} >>\nstream\n{form}\nendstream",
            form.len()
        ),
    ];
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = vec![("built-in".to_string(), seed_pdf())];
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/disclosures/pdf");
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            let mut names: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
                .collect();
            names.sort();
            for p in names {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                seeds.push((name, std::fs::read(&p).unwrap()));
            }
        }
        Err(_) => {
            eprintln!("note: ../shared/disclosures/pdf absent; fuzzing the built-in PDF only")
        }
    }
    seeds
}

/// Applies 1–4 random edits. Half of them land next to a `/` (inside a dictionary) or a digit,
/// where a change alters structure rather than compressed data.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = b.len().max(1);
        let mut at = rng.below(len);
        if rng.below(2) == 0 {
            let probe = rng.below(len);
            if let Some(off) = b[probe.min(b.len())..]
                .iter()
                .position(|&c| c == b'/' || c.is_ascii_digit())
            {
                at = probe + off + rng.below(8);
            }
        }
        let at = at.min(b.len());
        match rng.below(8) {
            0 if at < b.len() => b[at] ^= 1 << rng.below(8),
            1 if at < b.len() => b[at] = rng.next() as u8,
            2 => {
                let junk: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
                b.splice(at..at, junk);
            }
            3 => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            4 => b.truncate(at.max(1)),
            5 => {
                // A number made huge, negative or fractional.
                let n: &[u8] = [
                    &b"99999999999"[..],
                    b"-1",
                    b"0",
                    b"4294967296",
                    b"1e308",
                    b".5",
                ][rng.below(6)];
                b.splice(at..at, n.iter().copied());
            }
            6 => {
                let end = (at + 1 + rng.below(256)).min(b.len());
                let chunk = b[at..end].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, chunk);
            }
            _ => {
                // A structural token where it does not belong.
                let t: &[u8] = [
                    &b" obj "[..],
                    b" endobj ",
                    b"<<",
                    b">>",
                    b"[",
                    b" R ",
                    b"stream\n",
                    b" q ",
                    b" Q ",
                    b" cm ",
                    b" BT ",
                    b" Do ",
                ][rng.below(12)];
                b.splice(at..at, t.iter().copied());
            }
        }
    }
    b
}

/// Whatever is read must be usable: finite positions, one x per char, lines and runs in order.
fn check_output(pages: &[yusuan::import::lines::Page]) {
    for p in pages {
        assert!(p.width.is_finite() && p.height.is_finite());
        for l in &p.lines {
            assert!(l.y.is_finite() && !l.runs.is_empty());
            for r in &l.runs {
                assert!(r.x0.is_finite() && r.x1.is_finite() && r.x0 <= r.x1);
                assert_eq!(r.xs.len(), r.text.chars().count());
            }
        }
        for r in &p.rules {
            assert!(r.x0.is_finite() && r.y0.is_finite() && r.x0 <= r.x1 && r.y0 <= r.y1);
        }
    }
}

fn fuzz(seconds: u64) {
    // A panic inside the reader is caught and becomes Corrupt; count it instead of printing it.
    let caught = Arc::new(AtomicUsize::new(0));
    let default = std::panic::take_hook();
    let c = caught.clone();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("yusuan-pdf") {
            c.fetch_add(1, Ordering::Relaxed);
        } else {
            default(info);
        }
    }));

    let seed: u64 = std::env::var("YUSUAN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_F00D);
    let mut rng = Rng(seed | 1);
    let seeds = seeds();
    let start = Instant::now();
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut cases = 0usize;
    let mut slowest = Duration::ZERO;
    while start.elapsed() < Duration::from_secs(seconds) {
        // The small PDF is cheap: give it three cases in four.
        let (name, base) = if rng.below(4) != 0 {
            &seeds[0]
        } else {
            &seeds[rng.below(seeds.len())]
        };
        let input = mutate(&mut rng, base);
        let t = Instant::now();
        let result = pdf::read_with_limit(&input, LIMIT);
        let took = t.elapsed();
        slowest = slowest.max(took);
        assert!(
            took < LIMIT + Duration::from_secs(2),
            "case {cases} ({name}, seed {seed}) took {took:?}"
        );
        let kind = match result {
            Ok((pages, _)) => {
                check_output(&pages);
                // The whole import on what was read: the template, validation and the checks
                // must take any pages without a panic.
                match yusuan::import::import_read_pages(name, &pages) {
                    Ok(imported) => {
                        let _ = yusuan::core::checks::run(&imported.document);
                        "imported"
                    }
                    Err(_) => "read, not a known budget",
                }
            }
            Err(PdfError::NotPdf) => "not a PDF",
            Err(PdfError::Encrypted) => "encrypted",
            Err(PdfError::Corrupt(_)) => "corrupt",
            Err(PdfError::NoText) => "no text",
            Err(PdfError::TooLarge { .. }) => "too large",
            Err(PdfError::TimedOut { .. }) => "timed out",
        };
        *outcomes.entry(kind).or_default() += 1;
        cases += 1;
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "fuzz_pdf: seed {seed}, {cases} cases in {:.0?} over {} seeds; {outcomes:?}; \
         reader panics caught: {}; slowest case {slowest:.2?}",
        start.elapsed(),
        seeds.len(),
        caught.load(Ordering::Relaxed)
    );
    assert!(cases > 0);
}

#[test]
fn mutated_pdfs_never_panic_or_hang() {
    fuzz(15);
}

#[test]
#[ignore = "long: YUSUAN_FUZZ_SECS (default 600)"]
fn mutated_pdfs_long() {
    let secs = std::env::var("YUSUAN_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    fuzz(secs);
}
