//! Render a report JSON as a self-contained HTML page.
//!
//! ```text
//! cargo run --example render_html -- REPORT.json [--texts DIR] [--title TITLE] > report.html
//! ```
//!
//! With `--texts`, each source's text is read from `DIR/<source id>.txt` (a
//! source read from a file is named by the file's stem), so quotes cited by
//! byte span show inside their sentence. Sources without a file show their
//! quotes alone.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use corroborate::{Error, ErrorKind, HtmlContext, Report};

const USAGE: &str = "usage: render_html REPORT.json [--texts DIR] [--title TITLE]";

fn run() -> Result<(), Error> {
    let config = |m: String| Error::new(ErrorKind::Config, m);
    let mut report_path = None;
    let mut texts: Option<PathBuf> = None;
    let mut title = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--texts" => texts = args.next().map(PathBuf::from),
            "--title" => title = args.next(),
            "-h" | "--help" => return Err(config(USAGE.to_string())),
            _ if report_path.is_none() && !a.starts_with("--") => report_path = Some(a),
            other => return Err(config(format!("unexpected argument {other:?}\n{USAGE}"))),
        }
    }
    let report_path = report_path.ok_or_else(|| config(USAGE.to_string()))?;
    let json = fs::read_to_string(&report_path)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {report_path}: {e}")))?;
    let report: Report = serde_json::from_str(&json).map_err(|e| {
        Error::new(
            ErrorKind::Parse,
            format!("{report_path} is not a report: {e}"),
        )
    })?;

    let mut context = HtmlContext::new();
    if let Some(title) = title {
        context = context.title(title);
    }
    if let Some(dir) = texts {
        for s in &report.sources {
            let path = dir.join(format!("{}.txt", s.id));
            // A missing file is not an error: that source's quotes show alone.
            if let Ok(text) = fs::read_to_string(&path) {
                context = context.text(s.id.clone(), text);
            }
        }
    }
    io::stdout()
        .lock()
        .write_all(report.to_html(&context).as_bytes())
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write the page: {e}")))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("render_html: {e}");
            ExitCode::FAILURE
        }
    }
}
