//! Reading each published disclosure PDF into pages of lines (`import::pdf::read`). The PDFs
//! live outside the repository, in `../shared/disclosures/pdf`; without them this says so and
//! measures nothing. Run with `cargo bench --bench pdf` (`-- pdf_import` for the whole import).

use std::path::PathBuf;
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use yusuan::import::pdf;

fn read_pdfs(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/disclosures/pdf");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIPPED: ../shared/disclosures/pdf absent");
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    let mut g = c.benchmark_group("pdf_read");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        g.bench_function(name, |b| b.iter(|| pdf::read(black_box(&bytes)).unwrap()));
    }
    g.finish();
}

/// The whole import of one document: reading, the template, validation (`import_bytes`), and
/// the checks a report prints. Target: < 100 ms for a 30-page PDF.
fn import_pdfs(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/disclosures/pdf");
    let mut g = c.benchmark_group("pdf_import");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for name in [
        "shpt_wanli_2025",
        "shpt_wanli_2023",
        "sh_caizhengju_unit_2025",
    ] {
        let Ok(bytes) = std::fs::read(dir.join(format!("{name}.pdf"))) else {
            eprintln!("SKIPPED: {name}.pdf absent");
            continue;
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                let i = yusuan::import::import_bytes(name, black_box(&bytes)).unwrap();
                yusuan::core::checks::run(&i.document).len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, read_pdfs, import_pdfs);
criterion_main!(benches);
