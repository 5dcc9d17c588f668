//! Reconcile articles or a claims table and print the report.
//!
//! ```text
//! cargo run --release --example reconcile                       # the embedded demo articles
//! cargo run --release --example reconcile -- [--reference-date YYYY-MM-DD] [--format json|markdown|html] FILE_OR_DIR...
//! cargo run --release --example reconcile -- --claims FILE.csv [--kind ATTR=KIND]... [--format json|markdown|html]
//! cargo run --release --example reconcile -- --demo-claims      # the embedded demo table
//! ```
//!
//! Articles are UTF-8 text files; a directory stands for its `*.txt` files,
//! and each source is named by its file's stem. Relative dates resolve
//! against `--reference-date`, else the date found in the article.
//!
//! The CSV has the header `source,subject,attribute,value` (RFC 4180 quoting).
//! The report goes to stdout; progress, for runs longer than a couple of
//! seconds, goes to stderr.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use std::path::{Path, PathBuf};

#[path = "support/files.rs"]
mod support;
use support::files;

use corroborate::{
    reconcile_articles, ArticleOptions, Date, Document, Error, ErrorKind, HtmlContext, Options,
    Reconciler, Report, ValueKind,
};

/// A small table the team wrote: three invented flights, books and towns,
/// with the formats, placeholders and disagreements real sources produce.
const DEMO_CLAIMS: &str = include_str!("demo/claims.csv");

/// Five short articles the team wrote about one invented event, with
/// agreements, contradictions and name variants.
const DEMO_ARTICLES: &[(&str, &str)] = &[
    (
        "coastal-wire",
        include_str!("demo/articles/coastal-wire.txt"),
    ),
    (
        "haeryong-herald",
        include_str!("demo/articles/haeryong-herald.txt"),
    ),
    (
        "harbour-gazette",
        include_str!("demo/articles/harbour-gazette.txt"),
    ),
    (
        "meridian-daily",
        include_str!("demo/articles/meridian-daily.txt"),
    ),
    (
        "tidewater-times",
        include_str!("demo/articles/tidewater-times.txt"),
    ),
];

const USAGE: &str = "usage: reconcile [--reference-date YYYY-MM-DD] [--format json|markdown|html] FILE_OR_DIR...
       reconcile --claims FILE.csv [--kind ATTR=KIND]... [--format json|markdown|html]
       reconcile --demo-claims [--format ...]
  with no files, reconciles the embedded demo articles
  KIND is one of: number money percent ordinal time date date_time duration interval name names code text";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Markdown,
    Html,
}

struct Args {
    claims: Option<String>,
    demo_claims: bool,
    files: Vec<PathBuf>,
    reference: Option<Date>,
    kinds: Vec<(String, ValueKind)>,
    format: Format,
}

fn parse_args() -> Result<Args, Error> {
    let mut args = Args {
        claims: None,
        demo_claims: false,
        files: Vec::new(),
        reference: None,
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
            "--demo-claims" => args.demo_claims = true,
            "--reference-date" => args.reference = Some(parse_date(&value("--reference-date")?)?),
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
                    "html" => Format::Html,
                    other => {
                        return Err(config(format!(
                            "unknown format {other:?}; use json, markdown or html"
                        )))
                    }
                }
            }
            "-h" | "--help" => return Err(config(USAGE.to_string())),
            other if other.starts_with("--") => {
                return Err(config(format!("unexpected argument {other:?}\n{USAGE}")))
            }
            path => files(Path::new(path), &mut args.files)
                .map_err(|e| Error::new(ErrorKind::Io, format!("{path}: {e}")))?,
        }
    }
    Ok(args)
}

fn parse_date(s: &str) -> Result<Date, Error> {
    let bad = || {
        Error::new(
            ErrorKind::Config,
            format!("--reference-date takes YYYY-MM-DD, got {s:?}"),
        )
    };
    let mut it = s.splitn(3, '-');
    let mut part = || it.next().ok_or_else(bad);
    let (y, m, d) = (part()?, part()?, part()?);
    let (y, m, d): (i16, i8, i8) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    // jiff knows which days exist.
    jiff::civil::Date::new(y, m, d).map_err(|_| bad())?;
    Ok(Date::ymd(i32::from(y), m as u8, d as u8))
}

/// Reads and reconciles articles; returns the report and the texts.
fn articles(args: &Args) -> Result<(Report, HtmlContext), Error> {
    let mut docs = Vec::new();
    if args.files.is_empty() {
        for (id, text) in DEMO_ARTICLES {
            docs.push(Document::new(*id, *text));
        }
    } else {
        for path in &args.files {
            docs.push(Document::from_file(path)?);
        }
    }
    let mut options = ArticleOptions::new();
    if let Some(r) = args.reference {
        // The option is the publication date of every article.
        docs = docs.into_iter().map(|d| d.with_published(r)).collect();
        options = options.reference_date(r);
    }
    let mut context = HtmlContext::new().title("Articles reconciled");
    for d in &docs {
        context = context.text(d.source().clone(), d.text());
    }
    Ok((reconcile_articles(docs, &options), context))
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
    let mut context = HtmlContext::new().title("Claims reconciled");
    let report = match &args.claims {
        None if !args.demo_claims => {
            let (report, c) = articles(&args)?;
            context = c;
            report
        }
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|e| Error::new(ErrorKind::Io, format!("{path}: {e}")))?;
            let n = rec
                .read_csv_with_progress(io::BufReader::with_capacity(1 << 20, file), |n| {
                    slow(&format!("read {n} rows"))
                })
                .map_err(|e| Error::new(e.kind(), format!("{path}: {e}")))?;
            slow(&format!("read {n} rows; reconciling"));
            rec.reconcile()
        }
        None => {
            rec.read_csv(DEMO_CLAIMS.as_bytes())?;
            rec.reconcile()
        }
    };
    slow(&format!("{} facts; writing the report", report.facts.len()));
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Markdown => out.write_all(report.to_markdown().as_bytes()),
        Format::Html => out.write_all(report.to_html(&context).as_bytes()),
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
