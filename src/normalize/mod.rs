//! Reading one structured value as a source wrote it into a typed [`Value`].
//!
//! [`normalize`] is the entry point; [`infer_kind`] picks an attribute's kind
//! from a sample of its values. Each kind has its own reader in a sub-module.
//! Every reader is a fixed point on its own output: the canonical rendering
//! of a value it produces reads back to the same value.

mod code;
mod names;
mod number;
mod period;
mod time;

use unicode_normalization::UnicodeNormalization;

use crate::report::RejectReason;
use crate::value::{Value, ValueKind};

pub use names::{name_key, NameKey};

/// What a date-time reader must find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Whatever is written.
    Any,
    /// A time of day, with or without a date.
    Time,
    /// A date, with or without a time of day.
    Date,
    /// As [`Want::Time`]; failures are reported against the date-time kind.
    DateTime,
}

/// True when `w` is one of `words`, ignoring ASCII case.
fn is_one_of(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// What `w` stands for in `table`, ignoring ASCII case.
fn look_up<T: Copy>(w: &str, table: &[(&str, T)]) -> Option<T> {
    table
        .iter()
        .find(|(k, _)| w.eq_ignore_ascii_case(k))
        .map(|&(_, v)| v)
}

/// `s` without the prefix `p`, ignoring ASCII case.
fn strip_prefix_ci<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let head = s.get(..p.len())?;
    head.eq_ignore_ascii_case(p).then(|| &s[p.len()..])
}

fn unparseable(expected: ValueKind, detail: impl Into<String>) -> RejectReason {
    RejectReason::Unparseable {
        expected,
        detail: detail.into(),
    }
}

/// Reads one value as a source wrote it.
///
/// With `kind`, the value is read as that kind; without, the kind is
/// guessed from the value alone (see [`infer_kind`] for a whole attribute).
///
/// * Empty or white-space-only values are [`RejectReason::Empty`].
/// * Placeholders that stand for a missing value (`-`, `N/A`,
///   `Not Available`, `TBD`, `unknown`, `null`, `?`…, compared after
///   dropping case, punctuation and parenthesised asides) are
///   [`RejectReason::MissingValue`], whatever the kind.
/// * Anything that cannot be read as the kind is
///   [`RejectReason::Unparseable`], saying what was wrong.
///
/// Kinds that come in families read to the family member the text holds:
/// a [`Time`](ValueKind::Time) or [`DateTime`](ValueKind::DateTime) with a
/// date gives [`Value::DateTime`], without one [`Value::Time`]; a
/// [`Date`](ValueKind::Date) with a time of day gives [`Value::DateTime`].
/// Times keep the local wall-clock reading, never converted to UTC. A time
/// attribute holding only a date, or a date followed by words in place of
/// the time ("Dec 01 - Contact Airline"), has a missing value. A
/// [`Name`](ValueKind::Name) or [`Names`](ValueKind::Names) gives
/// [`Value::Name`] for one person and [`Value::Names`] for several.
///
/// # Reading rules
///
/// * **Times** are found wherever they stand among dates, weekdays, AM/PM
///   markers (`PM`, `p`, `p.m.`, `noon`, glued as in `2:07 PMDec 01`),
///   and known decoration (`(Estimated)`, `On Time`, `&nbsp`). A numeric
///   offset (`(-05:00)`, `14:07-05:00`) is kept in
///   [`offset_minutes`](crate::ClockTime::offset_minutes); failing that, a
///   zone abbreviation (EST, CDT, PST, AKST, HST, AST, GMT, UTC…) gives
///   its standard offset. A date without a year has an unknown year
///   (`XXXX-12-01`).
/// * **Dates** with slashes or dashes are US month-first (`03/04/2023` is
///   4 March) unless the first number cannot be a month (`16/03/2023`).
///   Two-digit years 00–69 are 20xx, 70–99 19xx.
/// * **Codes** are upper-cased with inner spaces and hyphens removed; a
///   `Gate` prefix, a `Terminal X - ` prefix and a `/T3` terminal suffix
///   are dropped, and a terminal with no gate is a missing value.
/// * **Numbers** accept `1,234,567`, `1 234 567`, `1.234.567`, `1.234,5`;
///   a single dot is always a decimal point and a single comma groups
///   thousands only before exactly three digits. Scale words (`million`,
///   `bn`, `k`) multiply; footnote marks (`[1]`, `*`) are dropped; `~`,
///   `about`, `approx.`, `circa` make the bounds ±10%, and such a number
///   renders as `~1200`.
/// * **Names** are read in either order (`Knuth, Donald E.` or `Donald E.
///   Knuth`), split at `;`, `/`, `&`, `and` and role tags (`(Author)`,
///   `(EDT)`, `By`, `Editor:`), and put in direct order. Case is kept as
///   written except that names in capitals throughout are title-cased;
///   compare them with [`name_key`].
///
/// ```
/// use corroborate::{normalize, ValueKind};
/// # fn main() -> Result<(), corroborate::RejectReason> {
/// let a = normalize("12/1/11 2:07 PM (-05:00)", Some(ValueKind::Time))?;
/// let b = normalize("2:07 PMDec 01", Some(ValueKind::Time))?;
/// assert_eq!(a.to_string(), "2011-12-01T14:07-05:00");
/// assert_eq!(b.to_string(), "XXXX-12-01T14:07");
/// assert_eq!(normalize("Knuth, Donald E.", None)?.to_string(), "Donald E. Knuth");
/// assert_eq!(normalize("Gate B-12", Some(ValueKind::Code))?.to_string(), "B12");
/// assert_eq!(normalize("~1,200", None)?.to_string(), "~1200");
/// assert!(normalize("N/A", None).is_err());
/// # Ok(())
/// # }
/// ```
pub fn normalize(raw: &str, kind: Option<ValueKind>) -> Result<Value, RejectReason> {
    if raw.is_ascii() {
        // `trim` without decoding; only `trim` counts a vertical tab as space.
        let s = match raw.trim_ascii() {
            t if t.starts_with('\u{b}') || t.ends_with('\u{b}') => raw.trim(),
            t => t,
        };
        if s.is_empty() {
            return Err(RejectReason::Empty);
        }
        return read(s, kind);
    }
    let s = raw.trim();
    if s.is_empty() {
        return Err(RejectReason::Empty);
    }
    // Full-width digits and letters, ligatures and odd spaces read as their
    // plain forms; the kept text of names and free text stays as written
    // unless only the plain form can be read.
    let plain: String = s.nfkc().collect();
    let plain = plain.trim();
    if plain.is_empty() {
        return Err(RejectReason::Empty);
    }
    match read(s, kind) {
        Err(RejectReason::Unparseable { .. }) if plain != s => read(plain, kind),
        Ok(Value::Text(t)) if plain != s => match read(plain, kind) {
            // Free text keeps its letters; only a placeholder or a
            // structured value in disguise is read from the plain form.
            Ok(Value::Text(_)) => Ok(Value::Text(t)),
            r => r,
        },
        r => r,
    }
}

/// [`normalize`] for a trimmed, non-empty value.
fn read(s: &str, kind: Option<ValueKind>) -> Result<Value, RejectReason> {
    if is_placeholder(s) {
        return Err(RejectReason::MissingValue);
    }
    let v = match kind {
        None => guess(s).map(|(v, _)| v)?,
        Some(kind) => read_as(s, kind)?,
    };
    // Cleaning can strip a value down to a placeholder ("Unknown Ph.D."
    // is "Unknown"); what reads back as missing is missing now.
    let cleaned_to_placeholder = match &v {
        Value::Code(c) | Value::Text(c) => is_placeholder(c),
        Value::Name(_) | Value::Names(_) => is_placeholder(&v.to_string()),
        _ => false,
    };
    if cleaned_to_placeholder {
        return Err(RejectReason::MissingValue);
    }
    Ok(v)
}

fn read_as(s: &str, kind: ValueKind) -> Result<Value, RejectReason> {
    match kind {
        ValueKind::Number => number::number(s).map(Value::Number),
        ValueKind::Money => number::money(s, false).map(Value::Money),
        ValueKind::Percent => number::percent(s).map(Value::Percent),
        ValueKind::Ordinal => number::ordinal(s).map(Value::Ordinal),
        ValueKind::Time => time::parse(s, Want::Time),
        ValueKind::Date => time::parse(s, Want::Date),
        ValueKind::DateTime => time::parse(s, Want::DateTime),
        ValueKind::Duration => period::duration(s).map(Value::Duration),
        ValueKind::Interval => period::interval(s).map(Value::Interval),
        ValueKind::Name => names::parse(s, false),
        ValueKind::Names => names::parse(s, true),
        ValueKind::Code => code::parse(s),
        ValueKind::Text => Ok(Value::Text(s.to_owned())),
    }
}

/// Reads a value whose kind is unknown: the first reader, in an order from
/// most to least constrained, that accepts the whole value. The flag says
/// the value is a bare run of digits, which a code column may also hold.
fn guess(s: &str) -> Result<(Value, bool), RejectReason> {
    let b = s.as_bytes();
    let has_digit = b.iter().any(u8::is_ascii_digit);
    if has_digit {
        // A colon is a clock time's mark; the time reader allocates
        // nothing, so a time column is guessed cheaply.
        if b.contains(&b':') {
            if let Ok(v) = time::parse(s, Want::Any) {
                return Ok((v, false));
            }
        }
        if b[0] == b'(' {
            if let Ok(i) = period::interval(s) {
                return Ok((Value::Interval(i), false));
            }
        }
        if b[0] == b'P' {
            if let Ok(d) = period::duration(s) {
                return Ok((Value::Duration(d), false));
            }
        }
        if let Ok(p) = number::percent(s) {
            return Ok((Value::Percent(p), false));
        }
        let digits_only = b.iter().all(u8::is_ascii_digit);
        // A leading zero marks an identifier (an ISBN, a zip code), not a quantity.
        if !(digits_only && b.len() > 1 && b[0] == b'0') {
            if let Ok(n) = number::number(s) {
                return Ok((Value::Number(n), digits_only));
            }
        }
        if let Ok(m) = number::money(s, true) {
            return Ok((Value::Money(m), false));
        }
        if let Some(n) = number::ordinal_suffixed(s) {
            return Ok((Value::Ordinal(n), false));
        }
        if !b.contains(&b':') {
            if let Ok(v) = time::parse(s, Want::Any) {
                return Ok((v, false));
            }
        }
        if let Ok(i) = period::interval(s) {
            return Ok((Value::Interval(i), false));
        }
        if code::looks_like_code(s) {
            if let Ok(v) = code::parse(s) {
                return Ok((v, digits_only));
            }
        }
    } else if names::looks_like_names(s) {
        if let Ok(v) = names::parse(s, true) {
            return Ok((v, false));
        }
    }
    Ok((Value::Text(s.to_owned()), false))
}

/// Infers an attribute's kind from a sample of its raw values.
///
/// Each value's kind is guessed as [`normalize`] does with no kind; empty
/// values and missing-value placeholders are ignored. The most frequent
/// kind wins, ties going to the kind declared first in [`ValueKind`].
/// Before counting, kinds that one attribute legitimately mixes are pooled:
/// bare digit runs join [`Code`](ValueKind::Code) when the sample has codes
/// (gates `82` and `C20`), [`Name`](ValueKind::Name) joins
/// [`Names`](ValueKind::Names) (a list of one), and
/// [`Time`](ValueKind::Time) and [`DateTime`](ValueKind::DateTime) pool
/// into whichever of the two is more frequent. An empty sample is
/// [`Text`](ValueKind::Text). Guessing costs about as much as reading each
/// value, so a sample of a few hundred values is enough.
///
/// ```
/// use corroborate::{infer_kind, ValueKind};
/// assert_eq!(infer_kind(["F78", "82", "N/A", "C20"]), ValueKind::Code);
/// let times = ["3:10 PM, Dec 01", "2011-12-01 13:52", "14:07", "-"];
/// assert_eq!(infer_kind(times), ValueKind::DateTime);
/// assert_eq!(infer_kind(["1,234", "567"]), ValueKind::Number);
/// ```
pub fn infer_kind<'a>(raws: impl IntoIterator<Item = &'a str>) -> ValueKind {
    let mut counts = [0usize; ValueKind::ALL.len()];
    let mut bare_digits = 0usize;
    let idx = |k: ValueKind| ValueKind::ALL.iter().position(|&x| x == k).unwrap_or(0);
    for raw in raws {
        let s = raw.trim();
        if s.is_empty() || is_placeholder(s) {
            continue;
        }
        if let Ok((v, digits)) = guess(s) {
            counts[idx(v.kind())] += 1;
            bare_digits += usize::from(digits && v.kind() == ValueKind::Number);
        }
    }
    let (code, number) = (idx(ValueKind::Code), idx(ValueKind::Number));
    if counts[code] > 0 {
        counts[code] += bare_digits;
        counts[number] -= bare_digits;
    }
    let (name, names) = (idx(ValueKind::Name), idx(ValueKind::Names));
    counts[names] += std::mem::take(&mut counts[name]);
    let (t, dt) = (idx(ValueKind::Time), idx(ValueKind::DateTime));
    let pooled = counts[t] + counts[dt];
    if counts[dt] > counts[t] {
        counts[dt] = pooled;
        counts[t] = 0;
    } else {
        counts[t] = pooled;
        counts[dt] = 0;
    }
    let mut best = ValueKind::Text;
    let mut best_count = 0;
    for (k, &c) in ValueKind::ALL.iter().zip(&counts) {
        if c > best_count {
            best = *k;
            best_count = c;
        }
    }
    best
}

/// True for values that stand for a missing one.
///
/// The test ignores case, punctuation, white space and parenthesised
/// asides, so `N/A`, `n.a.`, `Not Available (NA)` and `NOT AVAILABLE` are
/// all the placeholder `na`/`notavailable`. A value made only of
/// punctuation (`-`, `--`, `?`, `...`) is a placeholder too. Values with
/// digits never are. No allocation: the key is built on the stack.
fn is_placeholder(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut key = [0u8; 24];
    let mut n = 0;
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth > 0 => {
                let _ = c;
            }
            c if c.is_ascii_alphanumeric() => {
                if n == key.len() {
                    return false;
                }
                key[n] = c.to_ascii_lowercase() as u8;
                n += 1;
            }
            // A letter of another script is a real value, not a placeholder.
            c if c.is_alphanumeric() => return false,
            _ => {}
        }
    }
    matches!(
        &key[..n],
        b"" | b"na"
            | b"nan"
            | b"nav"
            | b"null"
            | b"nil"
            | b"none"
            | b"unknown"
            | b"unk"
            | b"tbd"
            | b"tba"
            | b"tbc"
            | b"missing"
            | b"nodata"
            | b"notavailable"
            | b"unavailable"
            | b"notapplicable"
            | b"notknown"
            | b"notgiven"
            | b"notprovided"
            | b"notprovidedbyairline"
            | b"notspecified"
            | b"notstated"
            | b"notreported"
            | b"undefined"
            | b"contactairline"
            | b"seeairline"
            // An instruction to look elsewhere, as "see airline" is; board
            // and booking sites abbreviate it.
            | b"check"
            | b"chk"
            | b"checkairline"
            | b"checkwithairline"
            | b"blank"
    )
}

#[cfg(test)]
mod tests;
