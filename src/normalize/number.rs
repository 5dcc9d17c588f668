//! Quantities: plain numbers, percentages, money and ranks.
//!
//! Digit grouping follows what is unambiguous: `1,234,567`, `1 234 567`,
//! `1'234'567` and `1.234.567` group thousands; with both `.` and `,`
//! the last one is the decimal mark (`1.234,5`, `1,234.5`). A single
//! comma followed by exactly three digits groups (`1,234` is 1234); any
//! other single comma is a decimal comma (`1,5`). A single dot is always a
//! decimal point (`1.234` is 1.234).
//!
//! An approximation word (`~`, `approx.`, `about`, `around`, `circa`…)
//! makes the bounds ±10% of the value, and the value renders as `~1200`.

use super::{is_one_of, look_up, strip_prefix_ci, unparseable};
use crate::report::RejectReason;
use crate::value::{Money, Number, ValueKind};

/// Prefixes that make a number approximate; words must end at a word break.
const APPROX: [&str; 14] = [
    "~",
    "\u{2248}",
    "\u{223c}",
    "approximately",
    "approx.",
    "approx",
    "about",
    "around",
    "circa",
    "ca.",
    "c.",
    "roughly",
    "some",
    "est.",
];

/// Drops an approximation prefix; says whether there was one.
fn approx_prefix(s: &str) -> (&str, bool) {
    let s = s.trim_start();
    for p in APPROX {
        if let Some(rest) = strip_prefix_ci(s, p) {
            let word_end = !p.ends_with(|c: char| c.is_ascii_alphabetic())
                || !rest.starts_with(|c: char| c.is_alphanumeric());
            if word_end {
                return (rest.trim_start(), true);
            }
        }
    }
    (s, false)
}

/// Drops trailing footnote marks: `[1]`, `[citation needed]`, `*`, `†`.
fn strip_notes(s: &str) -> &str {
    let mut s = s.trim_end();
    loop {
        if s.ends_with(']') {
            if let Some(i) = s.rfind('[') {
                s = s[..i].trim_end();
                continue;
            }
        }
        match s.strip_suffix(['*', '\u{2020}', '\u{2021}']) {
            Some(r) => s = r.trim_end(),
            None => return s,
        }
    }
}

fn is_group_sep(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ' ' | '\'' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2019}'
    )
}

fn take_digits(s: &str) -> (&str, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    s.split_at(n)
}

/// Reads a signed decimal number with digit grouping at the start of `s`:
/// the number as a plain decimal (`-1234.5`) and the rest of `s`.
fn scan(s: &str) -> Result<(String, &str), String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    if let Some(r) = rest.strip_prefix(['-', '\u{2212}']) {
        out.push('-');
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    let (first, r) = take_digits(rest);
    if first.is_empty() {
        return Err("no digits".into());
    }
    rest = r;
    let mut groups: Vec<(char, &str)> = Vec::new();
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if !is_group_sep(c) || !after.starts_with(|d: char| d.is_ascii_digit()) {
            break;
        }
        let (digits, r) = take_digits(after);
        groups.push((c, digits));
        rest = r;
    }
    let decimal = match groups.as_slice() {
        [] => None,
        [.., (last, _)] => {
            let kinds_differ = groups.iter().any(|(c, _)| c != last);
            let uses = groups.iter().filter(|(c, _)| c == last).count();
            if kinds_differ {
                if !matches!(last, '.' | ',') || uses > 1 {
                    return Err("mixed digit separators".into());
                }
                Some(groups.len() - 1)
            } else if !matches!(last, '.' | ',') || uses > 1 {
                None
            } else if *last == '.' {
                Some(0)
            } else if groups[0].1.len() == 3 && first.len() <= 3 && first != "0" {
                None
            } else {
                Some(0)
            }
        }
    };
    let grouped = &groups[..decimal.unwrap_or(groups.len())];
    if !grouped.is_empty() {
        if first.len() > 3 || grouped.iter().any(|(_, d)| d.len() != 3) {
            return Err("digit groups are not of three".into());
        }
        let sep = grouped[0].0;
        if grouped.iter().any(|(c, _)| *c != sep) {
            return Err("mixed digit separators".into());
        }
    }
    out.push_str(first);
    for (_, d) in grouped {
        out.push_str(d);
    }
    if let Some(i) = decimal {
        out.push('.');
        out.push_str(groups[i].1);
    }
    Ok((out, rest))
}

/// Powers of ten named by a scale word or abbreviation.
fn scale(word: &str) -> Option<i32> {
    const SCALES: [(&str, i32); 13] = [
        ("thousand", 3),
        ("k", 3),
        ("million", 6),
        ("millions", 6),
        ("mn", 6),
        ("m", 6),
        ("mio", 6),
        ("billion", 9),
        ("billions", 9),
        ("bn", 9),
        ("b", 9),
        ("trillion", 12),
        ("tn", 12),
    ];
    look_up(word, &SCALES)
}

/// Splits a leading word (letters only) off `s`.
fn leading_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let n = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    s.split_at(n)
}

/// The bounds an approximation word gives: ±10% of the value.
fn approximate(v: f64) -> Number {
    let d = v.abs() * 0.1;
    Number::approx(v, v - d, v + d)
}

fn to_number(digits: &str, exp: i32, approx: bool) -> Result<Number, String> {
    let v: f64 = format!("{digits}e{exp}")
        .parse()
        .map_err(|_| "not a number".to_string())?;
    if !v.is_finite() {
        return Err("too large".into());
    }
    // Zero has no width to be approximate in; it stays exact.
    Ok(if approx && v != 0.0 {
        approximate(v)
    } else {
        Number::exact(v)
    })
}

/// A quantity and what follows it: `~1.2 million` → (1200000 ±10%, "").
fn quantity(s: &str) -> Result<(Number, &str), String> {
    let (s, approx) = approx_prefix(s);
    let (digits, rest) = scan(s)?;
    let (word, after) = leading_word(rest);
    let (exp, rest) = match scale(word) {
        Some(e) => (e, after),
        None => (0, rest),
    };
    Ok((to_number(&digits, exp, approx)?, rest.trim()))
}

/// Reads a plain number.
pub(super) fn number(s: &str) -> Result<Number, RejectReason> {
    let fail = |d: String| unparseable(ValueKind::Number, d);
    let (n, rest) = quantity(strip_notes(s)).map_err(fail)?;
    if !rest.is_empty() {
        return Err(fail(format!("unexpected {rest:?} after the number")));
    }
    Ok(n)
}

/// Reads a percentage: `64%`, `64 percent`, `~5.5 %`.
pub(super) fn percent(s: &str) -> Result<Number, RejectReason> {
    let fail = |d: String| unparseable(ValueKind::Percent, d);
    let (n, rest) = quantity(strip_notes(s)).map_err(fail)?;
    let rest = rest.trim();
    let ok = rest == "%" || rest == "\u{ff05}" || is_one_of(rest, &["percent", "per cent", "pct"]);
    if !ok {
        return Err(fail(if rest.is_empty() {
            "no % sign".into()
        } else {
            format!("unexpected {rest:?} after the number")
        }));
    }
    Ok(n)
}

/// Currency symbols and words, longest first where they share a prefix.
const CURRENCY_SIGNS: [(&str, &str); 26] = [
    ("US$", "USD"),
    ("C$", "CAD"),
    ("A$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("R$", "BRL"),
    ("$", "USD"),
    ("\u{20ac}", "EUR"),
    ("\u{a3}", "GBP"),
    ("\u{a5}", "JPY"),
    ("\u{20a9}", "KRW"),
    ("\u{20b9}", "INR"),
    ("\u{20bd}", "RUB"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("pound", "GBP"),
    ("yen", "JPY"),
    ("won", "KRW"),
    ("yuan", "CNY"),
    ("rupees", "INR"),
    ("francs", "CHF"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
];

/// ISO 4217 codes common enough to mark a value of unknown kind as money;
/// asked for money, any three capitals standing alone are a code.
const COMMON_CODES: [&str; 30] = [
    "USD", "EUR", "GBP", "JPY", "CNY", "KRW", "INR", "RUB", "BRL", "CAD", "AUD", "CHF", "SEK",
    "NOK", "DKK", "NZD", "HKD", "SGD", "MXN", "ZAR", "TRY", "PLN", "ILS", "THB", "TWD", "IDR",
    "MYR", "PHP", "AED", "SAR",
];

/// A currency at the start of `s`: a symbol, a word, or an ISO 4217 code
/// (three capitals standing alone; only common ones when `known_only`).
fn currency_at(s: &str, known_only: bool) -> Option<(String, &str)> {
    for (sign, code) in CURRENCY_SIGNS {
        if let Some(rest) = strip_prefix_ci(s, sign) {
            let alpha = sign.ends_with(|c: char| c.is_ascii_alphabetic());
            if !alpha || !rest.starts_with(|c: char| c.is_alphabetic()) {
                return Some((code.to_owned(), rest.trim_start()));
            }
        }
    }
    let b = s.as_bytes();
    let code = b.len() >= 3 && b[..3].iter().all(u8::is_ascii_uppercase);
    let alone = b.get(3).map_or(true, |c| !c.is_ascii_alphabetic());
    let known = !known_only || (code && COMMON_CODES.contains(&&s[..3]));
    (code && alone && known).then(|| (s[..3].to_owned(), s[3..].trim_start()))
}

/// Reads an amount of money: `$1,200`, `USD 1200`, `€3.5m`,
/// `52000000000 USD`, `~1.2 billion dollars`. When guessing the kind,
/// `known_only` keeps "DEC 01" from reading as 1 of a currency "DEC".
pub(super) fn money(s: &str, known_only: bool) -> Result<Money, RejectReason> {
    let fail = |d: String| unparseable(ValueKind::Money, d);
    let s = strip_notes(s);
    let (s, approx_first) = approx_prefix(s);
    let (before, s) = match currency_at(s, known_only) {
        Some((c, rest)) => (Some(c), rest),
        None => (None, s),
    };
    let (mut amount, rest) = quantity(s).map_err(fail)?;
    if approx_first && amount.is_exact() && amount.value != 0.0 {
        amount = approximate(amount.value);
    }
    let currency = match (before, currency_at(rest, known_only)) {
        (Some(c), None) if rest.is_empty() => c,
        (None, Some((c, ""))) => c,
        (None, None) if rest.is_empty() => return Err(fail("no currency".into())),
        _ => return Err(fail(format!("unexpected {rest:?} in the amount"))),
    };
    Ok(Money { amount, currency })
}

/// Reads a rank: `104th`, `1st`, `first`, or a bare `104`.
pub(super) fn ordinal(s: &str) -> Result<i64, RejectReason> {
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    if let Some(i) = WORDS.iter().position(|w| s.eq_ignore_ascii_case(w)) {
        return Ok(i as i64 + 1);
    }
    let (digits, suffix) = take_digits(s.strip_prefix('#').unwrap_or(s));
    let suffix_ok = suffix.is_empty() || is_one_of(suffix, &["st", "nd", "rd", "th", "."]);
    match digits.parse::<i64>() {
        Ok(n) if suffix_ok => Ok(n),
        _ => Err(unparseable(
            ValueKind::Ordinal,
            "expected a rank such as 3rd or 104th",
        )),
    }
}

/// A rank written with an ordinal suffix, which marks it as one when the
/// kind is being guessed.
pub(super) fn ordinal_suffixed(s: &str) -> Option<i64> {
    let (digits, suffix) = take_digits(s);
    let marked = is_one_of(suffix, &["st", "nd", "rd", "th"]);
    if digits.is_empty() || !marked {
        return None;
    }
    ordinal(s).ok()
}
