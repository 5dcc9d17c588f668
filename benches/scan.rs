//! Scanner throughput on one thread, in phrases per second.
//!
//! Phrases come from the Recognizers-Text spec inputs when they are present
//! (the directory in `CORROBORATE_RECOGNIZERS`, else
//! `../shared/conformance/recognizers`), and from a built-in list otherwise,
//! so the bench also runs on a machine without the specs.

use corroborate::{scan, Date, ScanOptions};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;

/// Our own phrases, in the style of news copy.
const FALLBACK: &[&str] = &[
    "Revenue rose 64% to $52 billion in the fourth quarter.",
    "The club won its first title since 2011 on Thursday.",
    "Officials said more than 1,200 people were evacuated on Wednesday.",
    "The bridge, opened on March 16, 2023, cost about €3.5m.",
    "Unemployment fell by 0.3 percentage points last month.",
    "He served two four-year terms before retiring in July 2019.",
    "Shares closed down 12 cents at $48.20 yesterday.",
    "The museum has been closed for almost four years.",
    "It is the country's fourth-largest city, with 3 million residents.",
    "The war lasted from 1910 to 1945 and cost hundreds of thousands of lives.",
    "Tickets cost between £20 and £35.",
    "The 70-minute speech was her first in a century of party history.",
    "Investors pulled 500 billion won from the market last week.",
    "The company expects to hire a dozen engineers next May.",
    "Rainfall was 85 percent above average this week.",
    "Nothing in this sentence is a value at all.",
];

fn phrases() -> Vec<String> {
    let dir = std::env::var_os("CORROBORATE_RECOGNIZERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/conformance/recognizers"));
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            for line in text.lines() {
                if let Ok(case) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(input) = case["input"].as_str() {
                        out.push(input.to_string());
                    }
                }
            }
        }
    }
    if out.is_empty() {
        out = FALLBACK.iter().map(|s| s.to_string()).collect();
    }
    out
}

fn bench(c: &mut Criterion) {
    let phrases = phrases();
    let opts = ScanOptions::new().reference(Date::ymd(2023, 3, 16));
    let mut group = c.benchmark_group("scan");
    group.throughput(Throughput::Elements(phrases.len() as u64));
    group.bench_function(format!("{} phrases", phrases.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &phrases {
                n += scan(black_box(p), &opts).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
