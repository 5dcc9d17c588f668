//! Throughput of article reading: cleaning, sentences, entities and claims
//! together, over an invented wire story repeated to more than 10 MB.

use std::hint::black_box;

use corroborate::{analyze_articles, Document, TextOptions};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

/// An invented story about invented people, with the furniture of a news
/// page around it.
const STORY: &str = "\u{feff}Ostria and Vellmark agree to reopen border crossings after talks\r\n\
\r\n\
By Tessa Marrow\r\n\
Published June 4, 2031\r\n\
\r\n\
Ostrian President Mara Vell and Vellmark Prime Minister Ivo Strand met in Kestrel on Tuesday, \
the first meeting between leaders of the two countries in nine years.\r\n\
\r\n\
The two leaders agreed to reopen three border crossings that were closed in 2027, and Vellmark \
will lift tariffs on Ostrian grain by the end of the year, officials from both sides said.\r\n\
\r\n\
\u{201c}We have waited too long for this day,\u{201d} Vell said after the talks. \u{201c}Our farmers \
and our truckers will not wait another season.\u{201d}\r\n\
\r\n\
Strand said the Northern Trade Council (NTC) would review the tariff schedule in March, according \
to the Vellmark Ministry of Commerce. The council never published its last review.\r\n\
\r\n\
Background\r\n\
\r\n\
Relations soured when Ostria accused Vellmark of diverting the Lenna River, a charge the North \
denied. Dr. Ilse Varga of Kestrel University said the dispute cost both economies about 2.5 \
percent of output at 3 p.m. prices. Vell, a former judge, has vowed to settle the water dispute \
before the U.S. envoy visits in the autumn.\r\n\
\r\n\
Trucks wait at a closed crossing near Kestrel on Monday. Jon Rask/Pool via Reuters\r\n\
\r\n\
The NTC may also propose a joint river commission, Varga said, though Strand threatened to \
withdraw from the talks if Ostria does not release seized barges.\r\n\
\r\n\
Share this article\r\n\
Sign up for our morning newsletter\r\n\
Get the stories that matter,\r\n\
straight to your inbox.\r\n\
By subscribing you agree to our Privacy Policy and Terms of Service.\r\n\
Leave a Reply\r\n\
Comments are moderated. Your email is never shown publicly. Required fields have a star.\r\n";

fn corpus() -> Vec<Document> {
    let copies = (10 << 20) / STORY.len() + 1;
    (0..copies)
        .map(|i| Document::new(format!("wire-{i:05}"), STORY))
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let options = TextOptions::new();
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    // The copy of the input is made, and the result dropped, outside the
    // timed part: this measures reading, not memcpy and free.
    group.bench_function("analyze_articles", |b| {
        b.iter_batched(
            || docs.clone(),
            |docs| black_box(analyze_articles(docs, &options)),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
