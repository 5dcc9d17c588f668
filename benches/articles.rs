//! Articles reconciled at scale: 1,000 and 10,000 synthetic articles (about
//! 4 KB each) on invented events, one in ten values misreported.
//!
//! The targets: 10× the articles costs at most 12× the time, and
//! 10,000 articles reconcile in 10 s or less on 2 cores.

use corroborate::{reconcile_articles, ArticleOptions, Date, Document};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

#[path = "support/synthetic.rs"]
mod synthetic;

fn docs(corpus: &[(String, String)]) -> Vec<Document> {
    corpus
        .iter()
        .map(|(id, text)| {
            Document::new(id.as_str(), text.as_str()).with_published(Date::ymd(2031, 5, 2))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("reconcile_articles");
    group.sample_size(10);
    for n in [1_000usize, 10_000] {
        let corpus = synthetic::corpus(n, 20, 0.1, 7);
        let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &corpus, |b, corpus| {
            b.iter_batched(
                || docs(corpus),
                |d| black_box(reconcile_articles(d, &ArticleOptions::new())),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
