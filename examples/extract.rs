//! Reads articles and prints the report JSON with their entities.
//!
//! ```text
//! cargo run --release --example extract -- [--verbose] FILE_OR_DIR...
//! ```
//!
//! A directory stands for its `*.txt` files. With `--verbose`, every
//! article's blocks, sentences and claims go to stderr.

use std::path::Path;

use corroborate::{analyze_articles, Document, Report, TextOptions};

#[path = "support/files.rs"]
mod support;
use support::files;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut verbose = false;
    let mut paths = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--verbose" || a == "-v" {
            verbose = true;
        } else {
            files(Path::new(&a), &mut paths)?;
        }
    }
    if paths.is_empty() {
        eprintln!("usage: extract [--verbose] FILE_OR_DIR...");
        std::process::exit(2);
    }
    let docs = paths
        .iter()
        .map(Document::from_file)
        .collect::<Result<Vec<_>, _>>()?;
    let texts: Vec<(String, String)> = docs
        .iter()
        .map(|d| (d.source().to_string(), d.text().to_string()))
        .collect();
    let read = analyze_articles(docs, &TextOptions::new());
    if verbose {
        for a in &read.documents {
            let text = texts
                .iter()
                .find(|(s, _)| s == a.source.as_str())
                .map(|(_, t)| t.as_str())
                .unwrap_or("");
            eprintln!(
                "== {} (published {:?})",
                a.source,
                a.published.map(|d| d.to_string())
            );
            for b in &a.blocks {
                eprintln!("  [{:?}] {}", b.kind, b.span.slice(text));
            }
            for c in &a.claims {
                let roles: Vec<String> = c
                    .roles
                    .iter()
                    .map(|r| {
                        format!(
                            "{:?}={}",
                            r.kind,
                            read.entities.get(r.entity).map_or("?", |e| e.name.as_str())
                        )
                    })
                    .collect();
                let by = c.attribution.map(|x| x.span.slice(text)).unwrap_or("");
                eprintln!(
                    "  claim {:?}{} {:?} [{}] by «{}»\n      {}",
                    c.modality,
                    if c.negated { " NOT" } else { "" },
                    c.predicate,
                    roles.join(", "),
                    by,
                    c.text
                );
            }
        }
    }
    let report = Report {
        entities: read.entities,
        ..Default::default()
    };
    println!("{}", report.to_json());
    Ok(())
}
