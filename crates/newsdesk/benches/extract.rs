//! Micro benchmarks of the pipeline's stages on the project's own fixture pages:
//! `cargo bench -p newsdesk --bench extract`. Whole-page accuracy and speed on the public
//! datasets are the evaluation harness's job (`newsdesk-eval`), not this file's.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .join("source.html");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bench(c: &mut Criterion) {
    let options = newsdesk::Options::default();
    let mut group = c.benchmark_group("extract");
    for name in [
        "seed_like_rail",
        "wordpress_comments",
        "table_layout_old_site",
    ] {
        let page = fixture(name);
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| newsdesk::extract(black_box(&page), &options).map(|a| a.text()))
        });
    }
    group.finish();

    let page = fixture("seed_like_rail");
    let article = newsdesk::extract(&page, &options).expect("fixture extracts");
    c.bench_function("render/markdown", |b| {
        b.iter(|| black_box(&article).markdown())
    });
    c.bench_function("render/json", |b| {
        b.iter(|| serde_json::to_string(black_box(&article)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
