//! Scores the value scanner against Microsoft Recognizers-Text English specs.
//!
//! Usage: `cargo run --release --example conformance -- DIR [--failures]`
//!
//! DIR holds the specs as JSONL, one case per line (see the eval README).
//! Prints `<file> <passed>/<scored>` per file and `total <passed>/<scored>`.
//! With `--failures`, also prints each failed case with what we found.

use corroborate::{scan, Date, ScanOptions, Value, ValueKind, ValueMention};
use serde_json::Value as Json;
use std::error::Error;
use std::path::Path;

/// The spec files we score, with the kinds the scanner runs with for each
/// (empty: all) and the kinds a negative case (`expected: []`) must not
/// produce. The Recognizers number model knows nothing of money, so "$20"
/// there is the number 20; a date spec's negative case only forbids dates.
type Spec = (&'static str, &'static [ValueKind], &'static [ValueKind]);

const DATES: &[ValueKind] = &[ValueKind::Date, ValueKind::Interval];
const FILES: [Spec; 10] = [
    ("number.jsonl", &[ValueKind::Number], &[ValueKind::Number]),
    (
        "percentage.jsonl",
        &[ValueKind::Percent],
        &[ValueKind::Percent],
    ),
    ("currency.jsonl", &[ValueKind::Money], &[ValueKind::Money]),
    (
        "ordinal.jsonl",
        &[ValueKind::Ordinal],
        &[ValueKind::Ordinal],
    ),
    ("datetime_model_duration.jsonl", &[], &[ValueKind::Duration]),
    ("duration_parser.jsonl", &[], &[ValueKind::Duration]),
    ("datetime_model_date.jsonl", &[], DATES),
    ("date_parser.jsonl", &[], DATES),
    ("datetime_model_daterange.jsonl", &[], DATES),
    ("dateperiod_parser.jsonl", &[], DATES),
];

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/conformance/recognizers".to_string());
    let show = args.iter().any(|a| a == "--failures");
    let (mut tp, mut ts) = (0, 0);
    for (file, kinds, negative) in FILES {
        let path = Path::new(&dir).join(file);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                continue;
            }
        };
        let (mut passed, mut scored) = (0, 0);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let case: Json = serde_json::from_str(line)?;
            if case["skip"].as_bool() == Some(true) {
                continue;
            }
            let Some(outcome) = score(&case, kinds, negative) else {
                continue;
            };
            scored += 1;
            if outcome.0 {
                passed += 1;
            } else if show {
                println!(
                    "FAIL {file}: {}\n    want {}\n    got  {}",
                    case["input"], outcome.1, outcome.2
                );
            }
        }
        println!("{file} {passed}/{scored}");
        tp += passed;
        ts += scored;
    }
    println!("total {tp}/{ts}");
    Ok(())
}

/// Whether the case passes, what was expected and what we found; `None`
/// when nothing in the case is of a kind we support.
fn score(
    case: &Json,
    kinds: &[ValueKind],
    negative: &[ValueKind],
) -> Option<(bool, String, String)> {
    let input = case["input"].as_str()?;
    let mut opts = ScanOptions::new();
    if let Some(r) = case["reference_datetime"].as_str().and_then(parse_date) {
        opts = opts.reference(r);
    }
    if !kinds.is_empty() {
        opts = opts.kinds(kinds);
    }
    let found = scan(input, &opts);
    let got = found
        .iter()
        .map(|m| format!("{:?}={}", m.text, m.value))
        .collect::<Vec<_>>()
        .join(" ");
    let expected = case["expected"].as_array()?;
    if expected.is_empty() {
        let clean = !found.iter().any(|m| negative.contains(&m.kind()));
        return Some((clean, "nothing".into(), got));
    }
    let ours: Vec<&Json> = expected.iter().filter(|e| supported(e)).collect();
    if ours.is_empty() {
        return None;
    }
    let want = ours
        .iter()
        .map(|e| format!("{}={}", e["text"], e["resolution"]))
        .collect::<Vec<_>>()
        .join(" ");
    let ok = ours.iter().all(|e| {
        let (s, t) = (e["start_byte"].as_u64(), e["end_byte"].as_u64());
        found
            .iter()
            .any(|m| Some(m.span.start as u64) == s && Some(m.span.end as u64) == t && agrees(e, m))
    });
    Some((ok, want, got))
}

fn kind_of(e: &Json) -> &str {
    let t = e["type"].as_str().unwrap_or("");
    t.strip_prefix("datetimeV2.").unwrap_or(t)
}

fn supported(e: &Json) -> bool {
    matches!(
        kind_of(e),
        "number"
            | "percentage"
            | "currency"
            | "ordinal"
            | "ordinal.relative"
            | "duration"
            | "date"
            | "daterange"
    )
}

fn parse_date(s: &str) -> Option<Date> {
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10)?.parse().ok()?;
    Some(Date::ymd(y, m, d))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn num(j: &Json) -> Option<f64> {
    j.as_str()?.trim_end_matches('%').parse().ok()
}

/// Their currency unit names mapped to our codes, with the minor-unit divisor.
fn currency(unit: &str, iso: Option<&str>) -> (String, f64) {
    match unit {
        "Cent" => ("USD".into(), 100.0),
        "Pence" | "Penny" => ("GBP".into(), 100.0),
        "Dollar" => ("USD".into(), 1.0),
        "Pound" => ("GBP".into(), 1.0),
        "Rupee" => ("INR".into(), 1.0),
        "Franc" => ("franc".into(), 1.0),
        "Peseta" => ("ESP".into(), 1.0),
        "Finnish markka" => ("FIM".into(), 1.0),
        "Netherlands guilder" => ("NLG".into(), 1.0),
        _ => (iso.unwrap_or(unit).to_string(), 1.0),
    }
}

fn agrees(e: &Json, m: &ValueMention) -> bool {
    let r = &e["resolution"];
    match (kind_of(e), &m.value) {
        ("number", Value::Number(n)) => num(&r["value"]).is_some_and(|v| close(v, n.value)),
        ("percentage", Value::Percent(n)) => num(&r["value"]).is_some_and(|v| close(v, n.value)),
        ("ordinal" | "ordinal.relative", Value::Ordinal(n)) => num(&r["value"]) == Some(*n as f64),
        ("currency", Value::Money(money)) => {
            let (code, div) = currency(r["unit"].as_str().unwrap_or(""), r["isoCurrency"].as_str());
            num(&r["value"]).is_some_and(|v| close(v / div, money.amount.value))
                && code == money.currency
        }
        ("duration", Value::Duration(_)) => timexes(r).iter().any(|t| *t == m.value.to_string()),
        ("date", Value::Date(_)) | ("daterange", Value::Date(_) | Value::Interval(_)) => {
            let shown = m.value.to_string();
            if timexes(r).contains(&shown) {
                return true;
            }
            let ours = day_range(&m.value);
            resolutions(r)
                .iter()
                .any(|(s, t, modifier)| match modifier.as_str() {
                    "since" | "after" | "start" | "after-start" => s.is_some() && *s == ours.0,
                    "before" | "until" | "end" | "before-end" => {
                        t.is_some() && (*t == ours.1 || *t == ours.0)
                    }
                    _ => {
                        (s.is_some() || t.is_some())
                            && *s == ours.0
                            && (t.is_none() || *t == ours.1)
                    }
                })
        }
        _ => false,
    }
}

fn timexes(r: &Json) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = r["Timex"].as_str() {
        out.push(t.to_string());
    }
    for v in r["values"].as_array().into_iter().flatten() {
        if let Some(t) = v["timex"].as_str() {
            out.push(t.to_string());
        }
    }
    out
}

/// Resolved (first day, day after) pairs, as ISO strings, with the modifier.
fn resolutions(r: &Json) -> Vec<(Option<String>, Option<String>, String)> {
    let s = |j: &Json| j.as_str().map(|x| x.get(0..10).unwrap_or(x).to_string());
    let modifier = |j: &Json| j["Mod"].as_str().unwrap_or("").to_string();
    let mut out = Vec::new();
    for v in r["values"].as_array().into_iter().flatten() {
        if v["value"].is_string() {
            out.push((s(&v["value"]), None, modifier(v)));
        } else {
            out.push((s(&v["start"]), s(&v["end"]), modifier(v)));
        }
    }
    for key in ["PastResolution", "FutureResolution"] {
        let p = &r[key];
        if p["date"].is_string() {
            out.push((s(&p["date"]), None, modifier(r)));
        } else if p["startDate"].is_string() || p["endDate"].is_string() {
            out.push((s(&p["startDate"]), s(&p["endDate"]), modifier(r)));
        }
    }
    out
}

/// Our value as (first day, day after its last day), where known.
fn day_range(v: &Value) -> (Option<String>, Option<String>) {
    fn first(d: &Date) -> Option<String> {
        Some(format!(
            "{:04}-{:02}-{:02}",
            d.year?,
            d.month.unwrap_or(1),
            d.day.unwrap_or(1)
        ))
    }
    fn after(d: &Date) -> Option<String> {
        let y = d.year?;
        Some(match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{y:04}-{m:02}-{day:02}"),
            (Some(12), None) => format!("{:04}-01-01", y + 1),
            (Some(m), None) => format!("{y:04}-{:02}-01", m + 1),
            _ => format!("{:04}-01-01", y + 1),
        })
    }
    match v {
        Value::Date(d) => (first(d), if d.day.is_some() { None } else { after(d) }),
        // Interval ends are exclusive, as in TIMEX: the end's first day.
        Value::Interval(i) => (
            i.start.as_ref().and_then(first),
            i.end.as_ref().and_then(first),
        ),
        _ => (None, None),
    }
}
