//! Core costs: load and validate, checks, trees and comparisons, aggregation over many
//! departments. Run with `cargo bench --bench core`. Under `cargo bench` the synthetic sets of
//! 1,000 and 10,000 departments (× 2023, 2024) are generated once into target/bench-synth-N
//! (the 10,000 set only with YUSUAN_BENCH_LARGE=1: it takes a minute to write, 180 MB).

#[path = "../examples/synth/generate.rs"]
mod generate;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use yusuan::core::aggregate::aggregate;
use yusuan::core::checks;
use yusuan::core::collection::load_dir;
use yusuan::core::compare::{Comparer, Scope};
use yusuan::core::load::{bundled, parse, BUNDLED_JSON};
use yusuan::core::tree::{Classification, Tree};

fn seed(c: &mut Criterion) {
    let mut g = c.benchmark_group("seed");
    g.bench_function("load_and_validate", |b| {
        b.iter(|| parse("bundled", black_box(BUNDLED_JSON.as_bytes())).unwrap())
    });
    let doc = bundled();
    g.bench_function("checks", |b| b.iter(|| checks::run(black_box(&doc))));
    g.bench_function("tree_and_compare", |b| {
        b.iter(|| {
            let t = Tree::build(black_box(&doc), Classification::Functional);
            Comparer::new(&doc, &t, Scope::AllFunds)
        })
    });
    g.finish();
}

/// Only under `cargo bench`: `cargo test --all-targets` runs benches once as tests.
fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn scale(c: &mut Criterion) {
    if !benchmarking() {
        return;
    }
    let mut sizes = vec![1_000];
    if std::env::var_os("YUSUAN_BENCH_LARGE").is_some() {
        sizes.push(10_000);
    }
    for n in sizes {
        let dir = generate::cached_dir(n);
        let mut g = c.benchmark_group(format!("departments_{n}"));
        g.sample_size(10);
        g.bench_function("load_and_validate", |b| {
            b.iter(|| load_dir(black_box(&dir), false).unwrap())
        });
        let collection = load_dir(&dir, false).unwrap();
        g.bench_function("aggregate_functional_2024", |b| {
            b.iter(|| {
                aggregate(
                    black_box(&collection),
                    2024,
                    Classification::Functional,
                    Scope::AllFunds,
                )
            })
        });
        g.bench_function("aggregate_economic_2024", |b| {
            b.iter(|| {
                aggregate(
                    black_box(&collection),
                    2024,
                    Classification::Economic,
                    Scope::AllFunds,
                )
            })
        });
        g.finish();
    }
}

criterion_group!(benches, seed, scale);
criterion_main!(benches);
