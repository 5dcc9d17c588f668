//! Reconcile a claims table and print the report.
//!
//! ```text
//! cargo run --release --example reconcile                       # the embedded demo
//! cargo run --release --example reconcile -- --claims FILE.csv [--kind ATTR=KIND]... [--format json|markdown]
//! ```
//!
//! The CSV has the header `source,subject,attribute,value` (RFC 4180 quoting).
//! The report goes to stdout; progress, for runs longer than a couple of
//! seconds, goes to stderr.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use corroborate::{Error, ErrorKind, Options, Reconciler, ValueKind};

/// A small table the team wrote: three invented flights, books and towns,
/// with the formats, placeholders and disagreements real sources produce.
const DEMO_CLAIMS: &str = include_str!("demo/claims.csv");

const USAGE: &str = "usage: reconcile [--claims FILE.csv] [--kind ATTR=KIND]... [--format json|markdown]
  with no --claims, reconciles the embedded demo table
  KIND is one of: number money percent ordinal time date date_time duration interval name names code text";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Markdown,
}

struct Args {
    claims: Option<String>,
    kinds: Vec<(String, ValueKind)>,
    format: Format,
}

fn parse_args() -> Result<Args, Error> {
    let mut args = Args {
        claims: None,
        kinds: Vec::new(),
        format: Format::Json,
    };
    let mut it = std::env::args().skip(1);
    let config = |m: String| Error::new(ErrorKind::Config, m);
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| config(format!("{name} needs a value\n{USAGE}")))
        };
        match a.as_str() {
            "--claims" => args.claims = Some(value("--claims")?),
            "--kind" => {
                let v = value("--kind")?;
                let (attr, kind) = v
                    .split_once('=')
                    .ok_or_else(|| config(format!("--kind takes ATTR=KIND, got {v:?}")))?;
                args.kinds.push((attr.to_string(), kind.parse()?));
            }
            "--format" => {
                args.format = match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "markdown" | "md" => Format::Markdown,
                    other => {
                        return Err(config(format!(
                            "unknown format {other:?}; use json or markdown"
                        )))
                    }
                }
            }
            "-h" | "--help" => return Err(config(USAGE.to_string())),
            other => return Err(config(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    Ok(args)
}

fn run() -> Result<(), Error> {
    let args = parse_args()?;
    let started = Instant::now();
    let slow = |what: &str| {
        let t = started.elapsed().as_secs_f64();
        if t > 2.0 {
            eprintln!("[{t:6.1}s] {what}");
        }
    };
    let mut options = Options::default();
    for (attr, kind) in &args.kinds {
        options = options.kind(attr, *kind);
    }
    let mut rec = Reconciler::new(options);
    match &args.claims {
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|e| Error::new(ErrorKind::Io, format!("{path}: {e}")))?;
            let n = rec
                .read_csv_with_progress(io::BufReader::with_capacity(1 << 20, file), |n| {
                    slow(&format!("read {n} rows"))
                })
                .map_err(|e| Error::new(e.kind(), format!("{path}: {e}")))?;
            slow(&format!("read {n} rows; reconciling"));
        }
        None => {
            rec.read_csv(DEMO_CLAIMS.as_bytes())?;
        }
    }
    let report = rec.reconcile();
    slow(&format!("{} facts; writing the report", report.facts.len()));
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Markdown => out.write_all(report.to_markdown().as_bytes()),
    };
    written.and_then(|()| out.flush())?;
    slow("done");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reconcile: {e}");
            ExitCode::FAILURE
        }
    }
}
