//! Prints the values found in text read from stdin, one per line:
//! byte span, text, canonical value, qualifier.
//!
//! Usage: `cargo run --example scan -- [--reference YYYY-MM-DD] [--future] < article.txt`

use corroborate::{scan, Date, ScanOptions, Tense};
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = ScanOptions::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--reference" => {
                let d = it.next().ok_or("--reference needs a date")?;
                let part = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse().ok());
                let (y, m, day) = (part(0..4), part(5..7), part(8..10));
                match (y, m, day) {
                    (Some(y), Some(m), Some(day)) => {
                        opts = opts.reference(Date::ymd(y, m as u8, day as u8))
                    }
                    _ => return Err(format!("bad date {d:?}; want YYYY-MM-DD").into()),
                }
            }
            "--future" => opts = opts.tense(Tense::Future),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    for m in scan(&text, &opts) {
        let q = m.qualifier.map(|q| format!(" {q:?}")).unwrap_or_default();
        println!(
            "{}..{}\t{:?}\t{}{}",
            m.span.start, m.span.end, m.text, m.value, q
        );
    }
    Ok(())
}
