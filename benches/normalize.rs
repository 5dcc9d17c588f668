//! Cost of `normalize` per value, on format exemplars of each kind.
//!
//! The time group is the hot path: a reconciliation of 1.26M flight claims
//! reads one clock time per claim.

use corroborate::{normalize, ValueKind};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

/// One exemplar of every clock-time layout the flight benchmark holds.
const TIMES: &[&str] = &[
    "12/01/2011 01:55 PM",
    "12/1/11 2:06 PM (-05:00)",
    "12/1/2011 2:07PM EST",
    "2:07 PMDec 01",
    "Dec 01 - 1:55pm",
    "1:55pDec 1",
    "3:00P 12-01-11",
    "12:10 PM  Thu 01-Dec-2011",
    "Thu., Dec.01, 2011 1:55 p.m.",
    "2011-12-01 13:52",
    "3:10 PM, Dec 01",
    "2011-12-01 02:07 PM",
    "2011-12-01 02:46PM EST",
    "December 10, 2011               11:54 PM    ",
    "Fri, Dec 2 2:37 PM            On Time",
    "7:03 PM, Dec 01&nbsp(Estimated)",
    "2011-12-01 6:20 PM (Estimated runway)",
    "Dec 01 - Contact Airline",
    "Not Available",
    "2011-12-01T14:07-05:00",
];

const GATES: &[&str] = &[
    "F78",
    " C20 ",
    "82",
    "Gate B12",
    "Terminal 3 - 84",
    "K5/T3",
    " -",
];

const NAMES: &[&str] = &[
    "Knuth, Donald E.",
    "Donald E. Knuth",
    "KNUTH, DONALD E.",
    "Sedgewick, Robert; Schidlowsky, Michael",
    "Leuf, Bo (Author) Cunningham, Ward (Joint Author)",
    "Stevens, W. Richard, Fenner, Bill, Rudoff, Andrew M.",
];

const NUMBERS: &[&str] = &["74000", "1,234,567", "~1,200", "1.2 million", "399484[1]"];

fn bench_group(c: &mut Criterion, name: &str, kind: ValueKind, values: &[&str]) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(values.len() as u64));
    g.bench_function("per_value", |b| {
        b.iter(|| {
            for v in values {
                let _ = black_box(normalize(black_box(v), Some(kind)));
            }
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_group(c, "time", ValueKind::Time, TIMES);
    bench_group(c, "code", ValueKind::Code, GATES);
    bench_group(c, "names", ValueKind::Names, NAMES);
    bench_group(c, "number", ValueKind::Number, NUMBERS);
}

criterion_group!(normalize_benches, benches);
criterion_main!(normalize_benches);
