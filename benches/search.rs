//! Search latency: building the index once, and one search per keystroke as a query is typed.
//! Run with `cargo bench --bench search`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
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

criterion_group!(benches, build, typing);
criterion_main!(benches);
