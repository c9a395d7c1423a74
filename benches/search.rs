//! Search latency: building the index once, and one search per keystroke as a query is typed.
//! Run with `cargo bench --bench search`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use yusuan::core::collection::load_dir;
use yusuan::core::load::bundled;
use yusuan::core::search::SearchIndex;

/// Queries as they grow keystroke by keystroke.
const TYPED: &[&str] = &["2080505", "yanglao", "xzyx", "养老保险"];

fn keystrokes(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn build(c: &mut Criterion) {
    let doc = bundled();
    c.bench_function("build/bundled", |b| {
        b.iter(|| SearchIndex::build(black_box(&[&doc])))
    });
}

fn typing(c: &mut Criterion) {
    let doc = bundled();
    // The same document 100 times: 100× the items over the same distinct names, the shape of a
    // collection of departments sharing a classification.
    let many: Vec<&_> = std::iter::repeat_n(&doc, 100).collect();
    for (label, index) in [
        ("bundled", SearchIndex::build(&[&doc])),
        ("bundled_x100", SearchIndex::build(&many)),
    ] {
        let mut group = c.benchmark_group(format!("keystroke/{label}"));
        for word in TYPED {
            for q in keystrokes(word) {
                group.bench_function(&q, |b| b.iter(|| index.search(black_box(&q), 50)));
            }
        }
        group.finish();
    }
}

/// A synthetic collection when `YUSUAN_SYNTH_DIR` names a folder written by
/// `cargo run --release --example synth -- --out DIR` (skipped otherwise).
fn synthetic(c: &mut Criterion) {
    let Some(dir) = std::env::var_os("YUSUAN_SYNTH_DIR") else {
        return;
    };
    let collection = load_dir(std::path::Path::new(&dir), false).expect("the synthetic folder");
    let docs: Vec<&_> = collection.documents.iter().collect();
    let mut group = c.benchmark_group(format!("synthetic_{}docs", docs.len()));
    group.sample_size(10);
    group.bench_function("build", |b| b.iter(|| SearchIndex::build(black_box(&docs))));
    let index = SearchIndex::build(&docs);
    for word in TYPED {
        for q in keystrokes(word) {
            group.bench_function(&q, |b| b.iter(|| index.search(black_box(&q), 50)));
        }
    }
    group.finish();
    percentiles(&index);
}

/// The per-keystroke latency distribution over every prefix of every typed word, 20 rounds:
/// the target is the 95th percentile, which criterion's summaries do not print.
fn percentiles(index: &SearchIndex) {
    let mut times = Vec::new();
    for _ in 0..20 {
        for word in TYPED {
            for q in keystrokes(word) {
                let t = std::time::Instant::now();
                black_box(index.search(black_box(&q), 50));
                times.push(t.elapsed());
            }
        }
    }
    times.sort();
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    eprintln!(
        "keystroke latency over {} searches: median {:?}, p95 {:?}, max {:?}",
        times.len(),
        at(50),
        at(95),
        times[times.len() - 1]
    );
}

criterion_group!(benches, build, typing, synthetic);
criterion_main!(benches);
