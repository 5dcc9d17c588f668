//! Durations and intervals.

use super::{look_up, time, unparseable, Want};
use crate::report::RejectReason;
use crate::value::{Date, Duration, DurationUnit, Interval, Value, ValueKind};

/// A unit named by a word or ISO designator, and how many of it one counts.
fn unit_word(w: &str) -> Option<(DurationUnit, f64)> {
    const UNITS: [(&str, (DurationUnit, f64)); 27] = [
        ("second", (DurationUnit::Second, 1.0)),
        ("seconds", (DurationUnit::Second, 1.0)),
        ("sec", (DurationUnit::Second, 1.0)),
        ("secs", (DurationUnit::Second, 1.0)),
        ("s", (DurationUnit::Second, 1.0)),
        ("minute", (DurationUnit::Minute, 1.0)),
        ("minutes", (DurationUnit::Minute, 1.0)),
        ("min", (DurationUnit::Minute, 1.0)),
        ("mins", (DurationUnit::Minute, 1.0)),
        ("hour", (DurationUnit::Hour, 1.0)),
        ("hours", (DurationUnit::Hour, 1.0)),
        ("hr", (DurationUnit::Hour, 1.0)),
        ("hrs", (DurationUnit::Hour, 1.0)),
        ("h", (DurationUnit::Hour, 1.0)),
        ("day", (DurationUnit::Day, 1.0)),
        ("days", (DurationUnit::Day, 1.0)),
        ("week", (DurationUnit::Week, 1.0)),
        ("weeks", (DurationUnit::Week, 1.0)),
        ("month", (DurationUnit::Month, 1.0)),
        ("months", (DurationUnit::Month, 1.0)),
        ("year", (DurationUnit::Year, 1.0)),
        ("years", (DurationUnit::Year, 1.0)),
        ("yr", (DurationUnit::Year, 1.0)),
        ("yrs", (DurationUnit::Year, 1.0)),
        ("decade", (DurationUnit::Year, 10.0)),
        ("decades", (DurationUnit::Year, 10.0)),
        ("century", (DurationUnit::Year, 100.0)),
    ];
    look_up(w, &UNITS)
}

/// True for units whose lengths are exact multiples of each other; years
/// and months are not exact in days.
fn calendar(u: DurationUnit) -> bool {
    matches!(u, DurationUnit::Year | DurationUnit::Month)
}

/// Adds up parts counted in different units in the smallest of them:
/// `PT1H10M` is 70 minutes, `P1Y6M` 18 months.
fn combine(parts: &[(f64, DurationUnit)]) -> Result<Duration, String> {
    let smallest = parts
        .iter()
        .map(|p| p.1)
        .min_by(|a, b| a.seconds().total_cmp(&b.seconds()))
        .ok_or("no amount")?;
    if parts.iter().any(|p| calendar(p.1) != calendar(smallest)) {
        return Err("years or months mixed with days or hours".into());
    }
    let total: f64 = parts
        .iter()
        .map(|&(n, u)| n * (u.seconds() / smallest.seconds()).round())
        .sum();
    if !total.is_finite() {
        return Err("too large".into());
    }
    Ok(Duration::new(total, smallest))
}

fn amount(s: &str) -> Option<f64> {
    let ok = !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && s.bytes().filter(|&b| b == b'.').count() <= 1
        && s.bytes().any(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

/// ISO 8601 `PnYnMnWnDTnHnMnS`.
fn iso(s: &str) -> Result<Duration, String> {
    let body = s.strip_prefix('P').ok_or("no P")?;
    let mut parts = Vec::new();
    let mut in_time = false;
    let mut num_start = 0;
    for (i, c) in body.char_indices() {
        if c.is_ascii_digit() || c == '.' {
            continue;
        }
        if c == 'T' && !in_time && num_start == i {
            in_time = true;
            num_start = i + 1;
            continue;
        }
        let n = amount(&body[num_start..i]).ok_or("a designator without a number")?;
        let unit = match (in_time, c) {
            (false, 'Y') => DurationUnit::Year,
            (false, 'M') => DurationUnit::Month,
            (false, 'W') => DurationUnit::Week,
            (false, 'D') => DurationUnit::Day,
            (true, 'H') => DurationUnit::Hour,
            (true, 'M') => DurationUnit::Minute,
            (true, 'S') => DurationUnit::Second,
            _ => return Err(format!("unexpected {c:?}")),
        };
        if parts.iter().any(|&(_, u)| u == unit) {
            return Err(format!("{c:?} given twice"));
        }
        parts.push((n, unit));
        num_start = i + c.len_utf8();
    }
    if num_start != body.len() {
        return Err("a number without a designator".into());
    }
    combine(&parts)
}

/// `12 years`, `70 min`, `1 hour 10 minutes`, `2 decades`.
fn words(s: &str) -> Result<Duration, String> {
    let mut parts = Vec::new();
    let mut it = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("and"));
    while let Some(w) = it.next() {
        // "12 years" or glued "12yrs".
        let split = w
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(w.len());
        let (num, unit) = if split == w.len() {
            (w, it.next().ok_or("a number without a unit")?)
        } else {
            w.split_at(split)
        };
        let n = amount(num).ok_or_else(|| format!("{num:?} is not an amount"))?;
        let (u, k) = unit_word(unit).ok_or_else(|| format!("{unit:?} is not a unit"))?;
        parts.push((n * k, u));
    }
    combine(&parts)
}

/// Reads a length of time: ISO 8601 (`P12Y`, `PT70M`, `PT1H10M`) or an
/// amount and unit (`12 years`, `70 min`).
pub(super) fn duration(s: &str) -> Result<Duration, RejectReason> {
    let r = if s.starts_with('P') { iso(s) } else { words(s) };
    r.map_err(|d| unparseable(ValueKind::Duration, d))
}

fn date(s: &str) -> Result<Option<Date>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match time::parse(s, Want::Date) {
        Ok(Value::Date(d)) => Ok(Some(d)),
        Ok(_) => Err(format!("{s:?} is not a plain date")),
        Err(e) => Err(e.to_string()),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The time between two dates of the same granularity, in that granularity.
fn elapsed(a: Date, b: Date) -> Option<Duration> {
    let (n, unit) = match (a, b) {
        (
            Date {
                year: Some(y1),
                month: None,
                day: None,
            },
            Date {
                year: Some(y2),
                month: None,
                day: None,
            },
        ) => (i64::from(y2) - i64::from(y1), DurationUnit::Year),
        (
            Date {
                year: Some(y1),
                month: Some(m1),
                day: None,
            },
            Date {
                year: Some(y2),
                month: Some(m2),
                day: None,
            },
        ) => (
            (i64::from(y2) - i64::from(y1)) * 12 + i64::from(m2) - i64::from(m1),
            DurationUnit::Month,
        ),
        (
            Date {
                year: Some(y1),
                month: Some(m1),
                day: Some(d1),
            },
            Date {
                year: Some(y2),
                month: Some(m2),
                day: Some(d2),
            },
        ) => (
            days_from_civil(y2.into(), m2.into(), d2.into())
                - days_from_civil(y1.into(), m1.into(), d1.into()),
            DurationUnit::Day,
        ),
        _ => return None,
    };
    (n >= 0).then(|| Duration::new(n as f64, unit))
}

/// Reads a span between dates: the canonical `(2011,2023-03-16,P12Y)`,
/// or two dates joined by a dash or `to` (`2011–2023`, `March 2019 to
/// May 2020`), whose elapsed time is worked out when both ends have the
/// same granularity.
pub(super) fn interval(s: &str) -> Result<Interval, RejectReason> {
    let fail = |d: String| unparseable(ValueKind::Interval, d);
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        let mut fields = inner.split(',');
        let (Some(a), Some(b), Some(d), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(fail("expected (start,end,elapsed)".into()));
        };
        let start = date(a).map_err(fail)?;
        let end = date(b).map_err(fail)?;
        let elapsed = match d.trim() {
            "" => None,
            d => Some(duration(d)?),
        };
        return Ok(Interval {
            start,
            end,
            elapsed,
        });
    }
    let body = s
        .strip_prefix("from ")
        .or_else(|| s.strip_prefix("From "))
        .unwrap_or(s);
    let cut = [" to ", " until ", "\u{2013}", "\u{2014}", " - "]
        .iter()
        .find_map(|sep| body.split_once(sep))
        .or_else(|| {
            // "2011-2023": two bare years joined by a hyphen.
            let (a, b) = body.split_once('-')?;
            let years = |x: &str| x.len() == 4 && x.bytes().all(|c| c.is_ascii_digit());
            (years(a) && years(b)).then_some((a, b))
        });
    let Some((a, b)) = cut else {
        return Err(fail("expected two dates joined by a dash or \"to\"".into()));
    };
    let start = date(a)
        .map_err(fail)?
        .ok_or_else(|| fail("no start".into()))?;
    let end = date(b)
        .map_err(fail)?
        .ok_or_else(|| fail("no end".into()))?;
    Ok(Interval {
        start: Some(start),
        end: Some(end),
        elapsed: elapsed(start, end),
    })
}
