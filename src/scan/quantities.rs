//! Money, percentages, ordinals, durations, times of day and plain numbers,
//! and the comparative qualifiers before them.

use super::lex::{Kind, Toks};
use super::numbers::{number, ordinal_word, tens_word, Num};
use super::{Cand, Ctx, Qualifier};
use crate::value::{ClockTime, Duration, DurationUnit, Money, Number, Value};

/// Currency symbols written before or after the amount.
pub(crate) fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" | "￥" => "JPY",
        "₩" => "KRW",
        "₹" => "INR",
        "₽" => "RUB",
        "₺" => "TRY",
        "₪" => "ILS",
        "₫" => "VND",
        "₱" => "PHP",
        "₦" => "NGN",
        "₴" => "UAH",
        "₡" => "CRC",
        "₾" => "GEL",
        "₭" => "LAK",
        "元" => "CNY",
        "ரூ" => "LKR",
        _ => return None,
    })
}

/// Letters glued before "$" that name the dollar: "US$", "C$", "HK$".
pub(crate) fn dollar_prefix(s: &str) -> Option<&'static str> {
    Some(match s {
        "us" | "u.s" | "u.s." => "USD",
        "c" | "ca" | "can" => "CAD",
        "a" | "au" => "AUD",
        "hk" => "HKD",
        "nz" => "NZD",
        "s" | "sg" => "SGD",
        "r" => "BRL",
        "nt" => "TWD",
        "mx" => "MXN",
        _ => return None,
    })
}

/// ISO codes we accept written out: "USD 5", "5 EUR".
pub(crate) fn currency_code(s: &str) -> Option<&'static str> {
    const CODES: [&str; 24] = [
        "USD", "EUR", "GBP", "JPY", "CNY", "KRW", "INR", "CHF", "CAD", "AUD", "HKD", "SEK", "NOK",
        "DKK", "RUB", "BRL", "MXN", "ZAR", "SGD", "NZD", "TRY", "PLN", "TWD", "THB",
    ];
    match s {
        "RMB" => return Some("CNY"),
        "Rs" | "Rs." => return Some("INR"),
        _ => {}
    }
    CODES.iter().find(|c| **c == s).copied()
}

/// Currency names after the amount, possibly two words: "swiss francs".
/// Returns the code (or folded name), a divisor for minor units, and the
/// number of words read.
fn currency_name(t: &Toks, i: usize) -> Option<(&'static str, f64, usize)> {
    if t.kind(i) == Some(Kind::Punct) {
        return currency_symbol(t.orig(i)).map(|c| (c, 1.0, 1));
    }
    let w = t.word(i)?;
    let next = t.word(i + 1).unwrap_or("");
    let dollars = matches!(next, "dollar" | "dollars");
    let two = |code: &'static str| Some((code, 1.0, 2));
    match w {
        "us" | "american" if dollars => return two("USD"),
        "canadian" if dollars => return two("CAD"),
        "australian" if dollars => return two("AUD"),
        "singapore" if dollars => return two("SGD"),
        "taiwan" if dollars => return two("TWD"),
        "swiss" if matches!(next, "franc" | "francs") => return two("CHF"),
        "british" | "sterling" if matches!(next, "pound" | "pounds") => return two("GBP"),
        "dutch" if matches!(next, "guilder" | "guilders") => return two("NLG"),
        "finnish" if matches!(next, "markka" | "markkaa") => return two("FIM"),
        "hong" if next == "kong" && matches!(t.word(i + 2), Some("dollar" | "dollars")) => {
            return Some(("HKD", 1.0, 3))
        }
        "new" if next == "zealand" && matches!(t.word(i + 2), Some("dollar" | "dollars")) => {
            return Some(("NZD", 1.0, 3))
        }
        _ => {}
    }
    let one = |code: &'static str| Some((code, 1.0, 1));
    match w {
        "dollar" | "dollars" | "buck" | "bucks" => one("USD"),
        "euro" | "euros" => one("EUR"),
        "pound" | "pounds" => one("GBP"),
        "yen" => one("JPY"),
        "yuan" | "renminbi" | "rmb" => one("CNY"),
        "won" => one("KRW"),
        "rupee" | "rupees" => one("INR"),
        "ruble" | "rubles" | "rouble" | "roubles" => one("RUB"),
        "peso" | "pesos" => one("peso"),
        "franc" | "francs" => one("franc"),
        "peseta" | "pesetas" => one("ESP"),
        "lira" | "lire" => one("lira"),
        "rand" => one("ZAR"),
        "cent" | "cents" => Some(("USD", 100.0, 1)),
        "pence" | "penny" | "pennies" | "p" if w != "p" || t.glued(i) => Some(("GBP", 100.0, 1)),
        _ => {
            let o = t.orig(i);
            currency_code(o)
                .or_else(|| currency_symbol(o))
                .map(|c| (c, 1.0, 1))
        }
    }
}

/// A currency written before the amount: "$", "US$", "US $", "u.s $", "€", "USD".
/// Returns the code and the token after it.
fn currency_before(t: &Toks, i: usize) -> Option<(&'static str, usize)> {
    let o = t.orig(i);
    if t.kind(i) == Some(Kind::Punct) {
        return currency_symbol(o).map(|c| (c, i + 1));
    }
    if t.kind(i) != Some(Kind::Word) {
        return None;
    }
    // "US$", "HK $", "u.s $", "C $": the prefix is one glued run of letters and dots.
    let mut k = i + 1;
    while t.is(k, ".") && t.glued(k) && t.word(k + 1).is_some() && t.glued(k + 1) {
        k += 2;
    }
    if t.is(k, ".") && t.glued(k) {
        k += 1;
    }
    let prefix = t.lower.get(t.start(i)..t.end_before(k)).unwrap_or("");
    if t.is(k, "$") {
        // One-letter prefixes must touch the sign: "A$5", not "a $5 fee".
        if prefix.len() == 1 && prefix != "c" && !t.glued(k) {
            return None;
        }
        return dollar_prefix(prefix).map(|c| (c, k + 1));
    }
    currency_code(o).map(|c| (c, i + 1))
}

/// The amount after a currency sign, where a glued "m" is always millions:
/// "£400m" (outside money, "400m" is a distance).
fn money_amount(t: &Toks, k: usize) -> Option<Num> {
    let mut n = number(t, k)?;
    if t.glued(n.end) && t.orig(n.end) == "m" && !n.scaled {
        n.value *= 1e6;
        n.end += 1;
        n.scaled = true;
        n.plain_digits = false;
    }
    Some(n)
}

fn money_value(amount: Number, code: &str) -> Value {
    Value::Money(Money {
        amount,
        currency: code.to_string(),
    })
}

/// The end of a number range after `first`: "-20", and after an opening
/// "from" also "to 20", after "between" also "and 20". Without the opener
/// "rose $2 to $48" is a change and its result, not a range.
fn range_tail(t: &Toks, first: &Num, opener: Option<&str>) -> Option<Num> {
    let j = first.end;
    let linked = match opener {
        Some("between") => t.is(j, "and"),
        Some("from") => t.is(j, "to"),
        _ => false,
    };
    let k = if t.is(j, "-") || t.is(j, "\u{2013}") || linked {
        j + 1
    } else {
        return None;
    };
    let k = if t.kind(k) == Some(Kind::Punct) && currency_symbol(t.orig(k)).is_some() {
        k + 1
    } else {
        k
    };
    let second = if k > 0
        && t.kind(k - 1) == Some(Kind::Punct)
        && currency_symbol(t.orig(k - 1)).is_some()
    {
        money_amount(t, k)?
    } else {
        number(t, k)?
    };
    (second.value > first.value || first.scaled != second.scaled).then_some(second)
}

pub(crate) fn money(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    // "between $5 and $10", "from £400m to £450m": the connective opens the span.
    if matches!(t.word(i), Some("between" | "from")) {
        if matches!(t.word(i + 1), Some("between" | "from")) {
            return None;
        }
        let mut c = money(cx, i + 1).filter(|c| c.qualifier == Some(Qualifier::Range))?;
        c.start = i;
        return Some(c);
    }
    let opener = if i > 0 { t.word(i - 1) } else { None };
    // Symbol or code first.
    if let Some((code, k)) = currency_before(t, i) {
        let n = money_amount(t, k)?;
        if n.value < 0.0 && !t.is(k, "-") {
            return None;
        }
        if let Some(m) = range_tail(t, &n, opener) {
            let (lo, hi) = scale_pair(&n, &m);
            let mut end = m.end;
            // "$10 million to $20 million": a trailing "dollars" is not expected.
            if t.word(end).is_some_and(|w| matches!(w, "dollars")) {
                end += 1;
            }
            return Some(
                Cand::new(
                    i,
                    end,
                    money_value(Number::approx((lo + hi) / 2.0, lo, hi), code),
                )
                .with(Qualifier::Range),
            );
        }
        let mut end = n.end;
        let mut value = n.value;
        // "c $ 100 and fifty": cents after "and".
        if t.is(end, "and") {
            if let Some(c) = number(t, end + 1) {
                let whole = value.fract() == 0.0;
                if whole
                    && c.value < 100.0
                    && c.value.fract() == 0.0
                    && !c.scaled
                    && c.end == end + 2
                {
                    value += c.value / 100.0;
                    end = c.end;
                }
            }
        }
        return Some(Cand::new(i, end, money_value(Number::exact(value), code)));
    }
    // Amount first: "5 dollars", "420 million finnish markka", "12-cent", "100元".
    let n = number(t, i)?;
    let mut k = n.end;
    if t.is(k, "-") && t.glued(k) && t.glued(k + 1) {
        k += 1;
    }
    let (code, div, words) = currency_name(t, k)?;
    let mut end = k + words;
    let mut value = n.value / div;
    // "3 dollars 50 cents", "thirteen dollars and forty-five cents", "one dollar and one".
    if div == 1.0 && code == "USD" {
        let mut c = end;
        let and = t.is(c, "and");
        if and {
            c += 1;
        }
        if let Some(m) = number(t, c).filter(|m| m.value < 100.0 && m.value >= 0.0 && !m.scaled) {
            let cents_word = matches!(t.word(m.end), Some("cent" | "cents"));
            if cents_word || and || t.kind(m.end).is_none() {
                value += m.value / 100.0;
                end = m.end + usize::from(cents_word);
            }
        }
    }
    Some(Cand::new(
        i,
        end,
        money_value(Number::exact(round_cents(value)), code),
    ))
}

fn round_cents(v: f64) -> f64 {
    let r = (v * 1e6).round() / 1e6;
    if (r - v).abs() < 1e-9 {
        r
    } else {
        v
    }
}

/// Low and high of a range whose shared scale may be written once.
fn scale_pair(a: &Num, b: &Num) -> (f64, f64) {
    if b.scaled && !a.scaled && a.value < b.value {
        // "$10-20 million": scale the first by the same factor as the second.
        let factor = scale_factor(b);
        return (a.value * factor, b.value);
    }
    (a.value, b.value)
}

fn scale_factor(n: &Num) -> f64 {
    let mut f = 1.0;
    while n.value / f >= 1000.0 && f < 1e12 {
        f *= 1000.0;
    }
    f
}

pub(crate) fn percent(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    // "from 3% to 5%", "between 3% and 5%"
    let (k, between) = match t.word(i) {
        Some("between") => (i + 1, true),
        Some("from") => (i + 1, false),
        _ => (i, false),
    };
    let first = single_percent(cx, k);
    if let Some(Cand {
        value: Value::Percent(a),
        end,
        ..
    }) = &first
    {
        let link = match (k == i, between) {
            (false, true) => t.is(*end, "and"),
            (false, false) => matches!(t.low(*end), "to" | "-" | "\u{2013}"),
            (true, _) => matches!(t.low(*end), "-" | "\u{2013}"),
        };
        if link {
            if let Some(Cand {
                value: Value::Percent(b),
                end: e2,
                ..
            }) = single_percent(cx, end + 1)
            {
                if b.value > a.value {
                    let v = Number::approx((a.value + b.value) / 2.0, a.value, b.value);
                    return Some(Cand::new(i, e2, Value::Percent(v)).with(Qualifier::Range));
                }
            }
        }
    }
    if k == i {
        first
    } else {
        None
    }
}

fn single_percent(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    // "percent of 10", "per cent of twenty-two".
    let lead = if matches!(t.word(i), Some("percent" | "percents" | "percentage")) {
        Some(i + 1)
    } else if t.is(i, "per") && t.is(i + 1, "cent") {
        Some(i + 2)
    } else {
        None
    };
    if let Some(k) = lead {
        if t.is(k, "of") {
            let n = number(t, k + 1)?;
            return Some(Cand::new(i, n.end, Value::Percent(Number::exact(n.value))));
        }
        return None;
    }
    let n = number(t, i)?;
    let k = n.end;
    let end = if t.is(k, "%") {
        k + 1
    } else if t.is(k, "per") && t.is(k + 1, "cent") {
        k + 2
    } else if matches!(t.word(k), Some("percent" | "percents" | "pct"))
        || (t.is(k, "pc") && t.glued(k))
    {
        k + 1
    } else if t.is(k, "percentage") {
        if matches!(t.word(k + 1), Some("point" | "points")) {
            k + 2
        } else {
            k + 1
        }
    } else {
        // "10-20%"
        let m = range_tail(t, &n, None)?;
        if t.is(m.end, "%") || matches!(t.word(m.end), Some("percent" | "pct")) {
            let v = Number::approx((n.value + m.value) / 2.0, n.value, m.value);
            return Some(Cand::new(i, m.end + 1, Value::Percent(v)).with(Qualifier::Range));
        }
        return None;
    };
    Some(Cand::new(i, end, Value::Percent(Number::exact(n.value))))
}

/// An ordinal in words or digits at `i`, as (rank, token after).
pub(crate) fn ordinal_at(t: &Toks, i: usize) -> Option<(i64, usize)> {
    if let Some(d) = t.digits(i) {
        let suffix = t.word(i + 1).filter(|_| t.glued(i + 1))?;
        let n: i64 = d.parse().ok()?;
        let want = match (n % 100, n % 10) {
            (11..=13, _) => "th",
            (_, 1) => "st",
            (_, 2) => "nd",
            (_, 3) => "rd",
            _ => "th",
        };
        // Accept the wrong suffix too ("21th"): writers slip, the number stands.
        return matches!(suffix, "st" | "nd" | "rd" | "th" | "d")
            .then_some((n, i + 2))
            .filter(|_| !want.is_empty());
    }
    let w = t.word(i)?;
    if let Some(tens) = tens_word(w) {
        let mut k = i + 1;
        if t.is(k, "-") && t.glued(k) {
            k += 1;
        }
        if let Some(u) = t
            .word(k)
            .and_then(ordinal_word)
            .filter(|u| (1..=9).contains(u))
        {
            return Some((i64::from(tens + u), k + 1));
        }
        return None;
    }
    ordinal_word(w).map(|n| (i64::from(n), i + 1))
}

pub(crate) fn ordinal(cx: &Ctx, i: usize) -> Option<Cand> {
    let (n, end) = ordinal_at(cx.t, i)?;
    Some(Cand::new(i, end, Value::Ordinal(n)))
}

pub(crate) fn plain_number(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    // "hundreds of", "thousands", "dozens": at least two of the unit, fewer than ten.
    let vague = match t.word(i) {
        Some("dozens") => Some(12.0),
        Some("hundreds") => Some(100.0),
        Some("thousands") => Some(1e3),
        Some("millions") => Some(1e6),
        Some("billions") => Some(1e9),
        _ => None,
    };
    if let Some(unit) = vague {
        let counted = i > 0 && number(t, i - 1).is_some_and(|n| n.end == i);
        if !counted {
            let n = Number::approx(2.0 * unit, 2.0 * unit, 10.0 * unit - 1.0);
            return Some(Cand::new(i, i + 1, Value::Number(n)));
        }
    }
    let n = number(t, i)?;
    Some(Cand::new(
        i,
        n.end,
        Value::Number(Number::exact(tidy(n.value))),
    ))
}

/// Rounds away binary noise from decimal arithmetic: 1.1 * 1e6.
pub(crate) fn tidy(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let mag = v.abs().log10().floor();
    let scale = 10f64.powf(14.0 - mag);
    if !scale.is_finite() || scale == 0.0 {
        return v;
    }
    let r = (v * scale).round() / scale;
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// A unit of time, with how many of the enum's units it is.
pub(crate) fn time_unit(w: &str, glued: bool) -> Option<(DurationUnit, f64, bool)> {
    use DurationUnit::*;
    // (unit, multiplier, plural)
    Some(match w {
        "second" | "sec" => (Second, 1.0, false),
        "seconds" | "secs" => (Second, 1.0, true),
        "minute" | "min" => (Minute, 1.0, false),
        "minutes" | "mins" => (Minute, 1.0, true),
        "hour" | "hr" => (Hour, 1.0, false),
        "hours" | "hrs" => (Hour, 1.0, true),
        "h" => (Hour, 1.0, false),
        "day" | "night" => (Day, 1.0, false),
        "days" | "nights" => (Day, 1.0, true),
        "d" if glued => (Day, 1.0, false),
        "week" | "wk" => (Week, 1.0, false),
        "weeks" | "wks" => (Week, 1.0, true),
        "w" if glued => (Week, 1.0, false),
        "fortnight" => (Week, 2.0, false),
        "fortnights" => (Week, 2.0, true),
        "month" => (Month, 1.0, false),
        "months" => (Month, 1.0, true),
        "year" | "yr" => (Year, 1.0, false),
        "years" | "yrs" => (Year, 1.0, true),
        "y" if glued => (Year, 1.0, false),
        "decade" => (Year, 10.0, false),
        "decades" => (Year, 10.0, true),
        "century" => (Year, 100.0, false),
        "centuries" => (Year, 100.0, true),
        "millennium" => (Year, 1000.0, false),
        "millennia" => (Year, 1000.0, true),
        _ => return None,
    })
}

/// A unit word at `i`, possibly joined by a hyphen ("four-year", "3-min").
fn unit_after(t: &Toks, k: usize) -> Option<(DurationUnit, f64, usize)> {
    if t.is(k, "-") && t.glued(k) && t.glued(k + 1) {
        let (u, m, _) = time_unit(t.word(k + 1)?, false)?;
        return Some((u, m, k + 2));
    }
    let (u, m, _) = time_unit(t.word(k)?, t.glued(k))?;
    Some((u, m, k + 1))
}

fn dur(amount: f64, unit: DurationUnit) -> Value {
    Value::Duration(Duration::new(tidy(amount), unit))
}

/// "and a half", "and half", "and a quarter" after a unit.
fn and_fraction(t: &Toks, k: usize) -> Option<(f64, usize)> {
    if !t.is(k, "and") {
        return None;
    }
    let (f, e) = if t.is(k + 1, "half") {
        (0.5, k + 2)
    } else if t.is(k + 1, "a") && t.is(k + 2, "half") {
        (0.5, k + 3)
    } else if t.is(k + 1, "a") && t.is(k + 2, "quarter") {
        (0.25, k + 3)
    } else {
        return None;
    };
    Some((f, e))
}

pub(crate) fn duration(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    let w = t.word(i).unwrap_or("");
    // "an hour", "a century", "another week", "all day", "full-year", "half an hour".
    let lead = match w {
        "a" | "an" | "another" | "all" | "full" | "whole" | "one" => Some((1.0, i + 1)),
        "half" => {
            let k = if t.is(i + 1, "a") || t.is(i + 1, "an") {
                i + 2
            } else {
                i + 1
            };
            Some((0.5, k))
        }
        "few" | "several" | "some" | "couple" => Some((f64::NAN, i + 1)),
        _ => None,
    };
    if let Some((amount, k)) = lead {
        let k2 = if (w == "all" || w == "full" || w == "half") && t.is(k, "-") && t.glued(k) {
            k + 1
        } else {
            k
        };
        let (k2, amount) = if w == "a" && t.is(k2, "few") {
            (k2 + 1, f64::NAN)
        } else if w == "a" && t.is(k2, "couple") {
            (k2 + 1 + usize::from(t.is(k2 + 1, "of")), -2.0)
        } else if w == "couple" {
            (k2 + usize::from(t.is(k2, "of")), -2.0)
        } else {
            (k2, amount)
        };
        // "a second term" is a rank; "wait a second." a time.
        let rank = t.is(k2, "second") && t.kind(k2 + 1) == Some(Kind::Word);
        if let Some(word) = t.word(k2).filter(|_| !rank) {
            if let Some((u, m, plural)) = time_unit(word, false) {
                if amount.is_nan() {
                    // "a few minutes": read as three, believed two to nine.
                    if plural {
                        let d = Duration {
                            amount: Number::approx(3.0 * m, 2.0 * m, 9.0 * m),
                            unit: u,
                        };
                        return Some(Cand::new(i, k2 + 1, Value::Duration(d)));
                    }
                } else if amount == -2.0 {
                    if plural {
                        return Some(Cand::new(i, k2 + 1, dur(2.0 * m, u)));
                    }
                } else if !plural && w != "one" {
                    let mut a = amount * m;
                    let mut end = k2 + 1;
                    if let Some((f, e)) = and_fraction(t, end) {
                        a += f * m;
                        end = e;
                    }
                    return Some(Cand::new(i, end, dur(a, u)));
                }
            }
        }
    }
    // Bare plurals are vague but bounded below: "for decades", "over years".
    if let Some((u, m, true)) = time_unit(w, false) {
        let prev = if i > 0 {
            t.word(i - 1).unwrap_or("")
        } else {
            ""
        };
        let vague_ok = matches!(m as u32, 10 | 100 | 1000)
            || matches!(
                prev,
                "for" | "over" | "within" | "after" | "took" | "spent" | "lasted"
            );
        let counted_before = i > 0 && number(t, i - 1).is_some();
        if vague_ok
            && !counted_before
            && !matches!(prev, "the" | "these" | "those" | "recent" | "many" | "few")
        {
            let d = Duration {
                amount: Number::approx(f64::NAN, 2.0 * m, f64::INFINITY),
                unit: u,
            };
            return Some(Cand::new(i, i + 1, Value::Duration(d)));
        }
    }
    // Counted: "12 years", "3.5years", "70-minute", "twenty and four hours", "two decades".
    let n = number(t, i)?;
    if n.value < 0.0 {
        return None;
    }
    // "a tenth-century tenant": an ordinal joined to the unit is an adjective.
    let last = t.word(n.end - 1).unwrap_or("");
    if t.is(n.end, "-") && (ordinal_word(last).is_some() || last.ends_with("ths")) {
        return None;
    }
    let (u, m, mut end) = unit_after(t, n.end)?;
    let mut amount = n.value * m;
    if let Some((f, e)) = and_fraction(t, end) {
        amount += f * m;
        end = e;
    }
    Some(Cand::new(i, end, dur(amount, u)))
}

/// A time of day: "15:30", "3:30 pm", "3 p.m.", "11am", "noon", "midnight".
pub(crate) fn clock(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    match t.word(i) {
        Some("noon" | "midday") => {
            return Some(Cand::new(i, i + 1, Value::Time(ClockTime::hm(12, 0))))
        }
        Some("midnight") => return Some(Cand::new(i, i + 1, Value::Time(ClockTime::hm(0, 0)))),
        _ => {}
    }
    let h: u8 = t.digits(i).filter(|d| d.len() <= 2)?.parse().ok()?;
    let mut end = i + 1;
    let mut minute = None;
    // Minutes always take two digits: "2:1" is a score.
    if t.is(end, ":") && t.glued(end) && t.glued(end + 1) {
        if let Some(m) = t.digits(end + 1).filter(|d| d.len() == 2) {
            minute = Some(m.parse::<u8>().ok()?);
            end += 2;
        }
    }
    // "pm", "p.m.", "PM"
    let (half, e) = match t.low(end) {
        "am" | "pm" => (Some(t.low(end) == "pm"), end + 1),
        "a" | "p" if t.is(end + 1, ".") && t.is(end + 2, "m") => {
            let e = if t.is(end + 3, ".") && t.glued(end + 3) {
                end + 4
            } else {
                end + 3
            };
            (Some(t.low(end) == "p"), e)
        }
        _ => (None, end),
    };
    let hour = match half {
        Some(pm) if (1..=12).contains(&h) => (h % 12) + if pm { 12 } else { 0 },
        Some(_) => return None,
        None if minute.is_some() && h <= 23 => h,
        None => return None,
    };
    let m = minute.unwrap_or(0);
    if m > 59 {
        return None;
    }
    Some(Cand::new(i, e, Value::Time(ClockTime::hm(hour, m))))
}

/// A comparative qualifier ending just before token `i`.
pub(crate) fn qualifier_before(t: &Toks, i: usize) -> Option<Qualifier> {
    let w1 = if i >= 1 { t.word(i - 1) } else { None };
    let w2 = if i >= 2 { t.word(i - 2) } else { None };
    let w3 = if i >= 3 { t.word(i - 3) } else { None };
    let q = match (w3, w2, w1?) {
        // "no more than 30" is at most 30; "no fewer than 30" at least.
        (Some("no" | "not"), Some("more" | "greater" | "longer" | "higher"), "than") => {
            Qualifier::AtMost
        }
        (Some("no" | "not"), Some("less" | "fewer" | "shorter" | "lower"), "than") => {
            Qualifier::AtLeast
        }
        _ => return qualifier_pair(w2, w1?),
    };
    Some(q)
}

/// Two-word and one-word comparatives: "more than", "at least", "about".
fn qualifier_pair(w2: Option<&str>, w1: &str) -> Option<Qualifier> {
    let q = match (w2, w1) {
        (Some("more" | "greater" | "longer" | "higher"), "than") => Qualifier::MoreThan,
        (Some("less" | "fewer" | "shorter" | "lower"), "than") => Qualifier::LessThan,
        (Some("at"), "least") => Qualifier::AtLeast,
        (Some("at"), "most") => Qualifier::AtMost,
        (Some("up"), "to") => Qualifier::AtMost,
        (_, "over" | "above" | "exceeding") => Qualifier::MoreThan,
        (_, "under" | "below") => Qualifier::LessThan,
        (
            _,
            "about" | "around" | "approximately" | "roughly" | "nearly" | "almost" | "some"
            | "circa" | "approx" | "estimated",
        ) => Qualifier::Approximately,
        _ => return None,
    };
    Some(q)
}

/// True when the word before `i` puts the value just below what is
/// written: "almost four years", "nearly $5".
pub(crate) fn just_below(t: &Toks, i: usize) -> bool {
    i > 0 && matches!(t.word(i - 1), Some("almost" | "nearly"))
}

/// Widens the bounds of a value's amount as its qualifier says; `below`
/// keeps an approximate value under what is written.
pub(crate) fn apply_qualifier(v: Value, q: Option<Qualifier>, below: bool) -> Value {
    let widen = |n: Number, q: Qualifier| -> Number {
        let x = n.value;
        if x.is_nan() {
            return n;
        }
        if below && q == Qualifier::Approximately {
            let d = x.abs() * 0.1;
            return Number::approx(x, n.low.min(x - d), x);
        }
        match q {
            Qualifier::MoreThan | Qualifier::AtLeast => {
                Number::approx(x, n.low.min(x), f64::INFINITY)
            }
            Qualifier::LessThan | Qualifier::AtMost => Number::approx(
                x,
                f64::NEG_INFINITY.max(if x >= 0.0 { 0.0 } else { f64::NEG_INFINITY }),
                n.high.max(x),
            ),
            Qualifier::Approximately => {
                let d = x.abs() * 0.1;
                Number::approx(x, n.low.min(x - d), n.high.max(x + d))
            }
            _ => n,
        }
    };
    let Some(q) = q else { return v };
    match v {
        Value::Number(n) => Value::Number(widen(n, q)),
        Value::Percent(n) => Value::Percent(widen(n, q)),
        Value::Money(m) => Value::Money(Money {
            amount: widen(m.amount, q),
            currency: m.currency,
        }),
        Value::Duration(d) => Value::Duration(Duration {
            amount: widen(d.amount, q),
            unit: d.unit,
        }),
        other => other,
    }
}
