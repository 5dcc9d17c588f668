//! Numbers written in digits ("1,234.5", "1.2m", "1e10") and in words
//! ("twenty-one", "two and a half", "a dozen", "three hundred thousand").

use super::lex::{Kind, Toks};

/// A number read from tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num {
    pub value: f64,
    /// Token index one past the last token read.
    pub end: usize,
    /// True when written in digits with nothing but separators: a candidate
    /// year, day of month or clock reading.
    pub plain_digits: bool,
    /// True when the number carries a scale word or suffix ("3 million", "10k").
    pub scaled: bool,
}

impl Num {
    /// A number computed from its parts (a fraction, a sum), not a candidate
    /// year or day and without a scale word.
    fn derived(value: f64, end: usize) -> Num {
        Num {
            value,
            end,
            plain_digits: false,
            scaled: false,
        }
    }
}

/// True for either number of "24/7", which means "always", not 24 sevenths.
pub(crate) fn in_idiom(t: &Toks, i: usize) -> bool {
    let at = |k: usize| {
        t.digits(k) == Some("24")
            && t.is(k + 1, "/")
            && t.digits(k + 2) == Some("7")
            && t.glued(k + 1)
            && t.glued(k + 2)
    };
    at(i) || (i >= 2 && at(i - 2))
}

/// 0–19 in words.
pub(crate) fn unit_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" | "nought" | "naught" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

/// 20, 30, … 90 in words.
pub(crate) fn tens_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Scale words that multiply everything before them.
pub(crate) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" | "thousands" => 1e3,
        "million" | "millions" | "mn" | "mln" | "mil" => 1e6,
        "billion" | "billions" | "bn" | "bln" => 1e9,
        "trillion" | "trillions" | "tn" | "tln" | "trn" => 1e12,
        "lakh" | "lakhs" | "lac" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

/// Suffixes glued to digits that scale them: "10k", "1.2bn", "10M".
/// Lower-case "m" is read as million only after a decimal ("1.2m"): "1m" is a metre.
fn glued_scale(orig: &str, low: &str, had_decimal: bool) -> Option<f64> {
    Some(match orig {
        "k" | "K" => 1e3,
        "M" | "MM" | "mm" => 1e6,
        "m" if had_decimal => 1e6,
        "G" | "g" | "B" | "b" => 1e9,
        "T" => 1e12,
        _ => return scale_word(low),
    })
}

/// Ordinal words as numbers: "first" 1, "twentieth" 20, "hundredth" 100.
pub(crate) fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        "billionth" => 1_000_000_000,
        _ => return None,
    })
}

/// Denominator words of fractions: "thirds", "quarter", "hundredths".
pub(crate) fn denominator_word(w: &str) -> Option<f64> {
    match w {
        "half" | "halves" => return Some(2.0),
        "quarter" | "quarters" => return Some(4.0),
        "trillionth" | "trillionths" => return Some(1e12),
        _ => {}
    }
    let sing = w.strip_suffix('s').unwrap_or(w);
    // "second" is far more often the unit of time than a half; "two
    // millionth" is a rank, not a fraction.
    if matches!(sing, "second" | "first" | "millionth" | "billionth") {
        return None;
    }
    ordinal_word(sing).map(f64::from)
}

/// A denominator at `k`, also compound: "fifths", "twenty-first", "twenty firsts".
fn denominator_at(t: &Toks, k: usize) -> Option<(f64, usize)> {
    let w = t.word(k)?;
    if let Some(tens) = tens_word(w) {
        let mut e = k + 1;
        if is_hyphen(t, e) {
            e += 1;
        }
        let next = t.word(e)?;
        let sing = next.strip_suffix('s').unwrap_or(next);
        let u = ordinal_word(sing).filter(|u| (1..=9).contains(u))?;
        return Some((f64::from(tens + u), e + 1));
    }
    denominator_word(w).map(|d| (d, k + 1))
}

fn is_hyphen(t: &Toks, i: usize) -> bool {
    matches!(t.low(i), "-" | "\u{2010}" | "\u{2011}" | "\u{2013}") && t.kind(i) == Some(Kind::Punct)
}

/// Reads "twenty", "twenty-one", "twenty one", "fifty - two" at `i`:
/// a value below 100 and the token after it.
fn below_hundred(t: &Toks, i: usize) -> Option<(u32, usize)> {
    let w = t.word(i)?;
    if let Some(u) = unit_word(w) {
        return Some((u, i + 1));
    }
    let tens = tens_word(w)?;
    let mut j = i + 1;
    if is_hyphen(t, j) {
        j += 1;
    }
    if let Some(u) = t.word(j).and_then(unit_word) {
        if (1..=9).contains(&u) {
            return Some((tens + u, j + 1));
        }
    }
    Some((tens, i + 1))
}

/// An integer in words: "three hundred and two thousand", "a dozen",
/// "twenty-one trillion three hundred". `allow_a` lets "a"/"an" stand for one
/// before "hundred", "thousand", "dozen" and scale words.
pub(crate) fn words_integer(t: &Toks, i: usize) -> Option<(f64, usize)> {
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    // The part of `current` written since the last "hundred", so that
    // "three hundred and two dozen" is 300 + 2 × 12.
    let mut small = 0.0f64;
    let mut j = i;
    let mut any = false;
    // True after a piece below a hundred, to reject "one one" and "twenty twenty".
    let mut last_small = false;
    let mut last_scale = false;
    while let Some(w) = t.word(j) {
        if (w == "a" || w == "an") && !any {
            let next = t.word(j + 1).unwrap_or("");
            if next == "hundred" || next == "dozen" || scale_word(next).is_some() && next != "mil" {
                current = 1.0;
                small = 1.0;
                j += 1;
                any = true;
                last_small = true;
                continue;
            }
            break;
        }
        if w == "and" && any {
            // "hundred and six", "twenty and four": only if a number follows,
            // and not "twenty and three fifths", whose fraction is added.
            // Not "one and one": a unit is complete.
            let tens_only = last_small && small >= 20.0 && small % 10.0 == 0.0;
            if (!last_small || tens_only)
                && below_hundred(t, j + 1).is_some()
                && !matches_denominator_after(t, j + 1)
            {
                j += 1;
                last_small = false;
                continue;
            }
            break;
        }
        if let Some((v, k)) = below_hundred(t, j) {
            if last_small {
                break;
            }
            current += f64::from(v);
            small = f64::from(v);
            j = k;
            any = true;
            last_small = true;
            last_scale = false;
            continue;
        }
        if w == "hundred" && any && !last_scale {
            current = if current == 0.0 {
                100.0
            } else {
                current * 100.0
            };
            small = 0.0;
            j += 1;
            last_small = false;
            continue;
        }
        if matches!(w, "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs") && any {
            current = if small == 0.0 {
                current + 12.0
            } else {
                current - small + small * 12.0
            };
            small = 0.0;
            j += 1;
            last_small = false;
            continue;
        }
        if let Some(s) = scale_word(w) {
            if any && w != "mil" {
                if current == 0.0 && last_scale {
                    // "three lakh crore"
                    total *= s;
                } else {
                    total += if current == 0.0 { s } else { current * s };
                }
                current = 0.0;
                small = 0.0;
                j += 1;
                last_small = false;
                last_scale = true;
                continue;
            }
        }
        break;
    }
    if !any {
        return None;
    }
    Some((total + current, j))
}

/// True when `i` starts "three fifths"-like fraction words, so that "twenty
/// and three fifths" keeps the fraction for the fraction rule.
fn matches_denominator_after(t: &Toks, i: usize) -> bool {
    match below_hundred(t, i) {
        Some((n, k)) => {
            n < 10 && t.word(k).and_then(denominator_word).is_some() && !t.is(k, "half")
        }
        None => false,
    }
}

/// Digits with separators: "1,234,567.89", "1 234 567", ".08", "5,00".
fn digits_number(t: &Toks, i: usize) -> Option<(f64, usize, bool)> {
    let mut s = String::new();
    let mut j = i;
    let mut decimal = false;
    if t.is(i, ".") && t.digits(i + 1).is_some() && t.glued(i + 1) {
        // ".08", but not the tail of "192.168".
        if i > 0 && t.digits(i - 1).is_some() && t.glued(i) {
            return None;
        }
        s.push_str("0.");
        s.push_str(t.digits(i + 1)?);
        return Some((s.parse().ok()?, i + 2, true));
    }
    let first = t.digits(i)?;
    s.push_str(first);
    // The "1" of "192.168.1.2" or the "26" of "22,24,26,31" continues a
    // dotted or comma-separated list: no decimal part.
    let in_list = i >= 2
        && t.glued(i)
        && (t.is(i - 1, ".") || t.is(i - 1, ","))
        && t.digits(i - 2).is_some()
        && t.glued(i - 1);
    if in_list {
        return Some((first.parse().ok()?, i + 1, false));
    }
    j += 1;
    let mut grouped = false;
    // Thousands with commas: each group exactly three digits.
    if first.len() <= 3 {
        while t.is(j, ",")
            && t.glued(j)
            && t.glued(j + 1)
            && t.digits(j + 1).is_some_and(|d| d.len() == 3)
        {
            s.push_str(t.digits(j + 1)?);
            j += 2;
            grouped = true;
        }
        if !grouped {
            // Thousands with single spaces or narrow no-break spaces: "40 000".
            while let Some(d) = t.digits(j) {
                let gap = t.text.get(t.end_before(j)..t.start(j)).unwrap_or("");
                if d.len() == 3 && (gap == " " || gap == "\u{202f}" || gap == "\u{a0}") {
                    s.push_str(d);
                    j += 1;
                    grouped = true;
                } else {
                    break;
                }
            }
        }
    }
    if t.is(j, ".") && t.glued(j) && t.glued(j + 1) {
        if let Some(d) = t.digits(j + 1) {
            // "192.168.1.2" is a dotted sequence, not a decimal.
            let dotted =
                t.is(j + 2, ".") && t.glued(j + 2) && t.digits(j + 3).is_some() && t.glued(j + 3);
            if !dotted {
                s.push('.');
                s.push_str(d);
                j += 2;
                decimal = true;
            }
        }
    } else if !grouped && t.is(j, ",") && t.glued(j) && t.glued(j + 1) {
        if let Some(d) = t.digits(j + 1) {
            let list = t.is(j + 2, ",") && t.digits(j + 3).is_some();
            if d.len() <= 2 && !list {
                s.push('.');
                s.push_str(d);
                j += 2;
                decimal = true;
            }
        }
    }
    let v: f64 = s.parse().ok()?;
    Some((v, j, decimal))
}

/// Reads an optional exponent after digits: "e10", "e+14", "^23", "^-1".
fn exponent(t: &Toks, j: usize, base: f64) -> Option<(f64, usize)> {
    if !t.glued(j) {
        return None;
    }
    let caret = t.is(j, "^");
    let e = t.low(j) == "e" && t.kind(j) == Some(Kind::Word);
    if !caret && !e {
        return None;
    }
    let mut k = j + 1;
    let mut neg = false;
    while t.glued(k) && (t.is(k, "-") || t.is(k, "+")) {
        if t.is(k, "-") && !caret {
            neg = !neg;
        }
        if t.is(k, "-") && caret && t.is(k + 1, "-") {
            k += 2;
            continue;
        }
        if t.is(k, "-") && caret {
            neg = !neg;
        }
        k += 1;
    }
    if !t.glued(k) {
        return None;
    }
    let d: f64 = t.digits(k)?.parse().ok()?;
    let p = if neg { -d } else { d };
    let v = if caret {
        base.powf(p)
    } else {
        base * 10f64.powf(p)
    };
    Some((v, k + 1))
}

/// A number at token `i`, in digits or words, with sign, scale and fraction.
pub(crate) fn number(t: &Toks, i: usize) -> Option<Num> {
    // Every recogniser asks for the number at a token; read it once.
    let cells = t.numbers.get_or_init(|| t.number_cells());
    if let Some(cell) = cells.get(i) {
        if let Some(known) = cell.get() {
            return known;
        }
        let n = read_number(t, i);
        cell.set(Some(n));
        return n;
    }
    None
}

fn read_number(t: &Toks, i: usize) -> Option<Num> {
    let mut j = i;
    let mut neg = false;
    if matches!(t.word(j), Some("minus" | "negative")) {
        neg = true;
        j += 1;
    } else if t.is(j, "-") || t.is(j, "\u{2212}") {
        // A minus sign, not the hyphen of "SCP-173" or "1910-1945".
        let after_glued =
            j > 0 && t.glued(j) && matches!(t.kind(j - 1), Some(Kind::Word | Kind::Digits));
        if after_glued {
            return None;
        }
        neg = true;
        j += 1;
    }
    let mut n = unsigned(t, j)?;
    if neg {
        n.value = -n.value;
    }
    Some(n)
}

/// Single-character fractions: "½", "¾".
pub(crate) fn vulgar(s: &str) -> Option<f64> {
    Some(match s {
        "½" => 0.5,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "⅛" => 0.125,
        _ => return None,
    })
}

fn unsigned(t: &Toks, i: usize) -> Option<Num> {
    if let Some(f) = vulgar(t.orig(i)) {
        return Some(Num::derived(f, i + 1));
    }
    if let Some((v, j, dec)) = digits_number(t, i) {
        let mut v = v;
        let mut j = j;
        if !dec && t.glued(j) {
            if let Some(f) = vulgar(t.orig(j)) {
                return Some(Num::derived(v + f, j + 1));
            }
        }
        let mut plain = !dec;
        let mut scaled = false;
        if let Some((p, k)) = exponent(t, j, v) {
            return Some(Num {
                value: p,
                end: k,
                plain_digits: false,
                scaled: true,
            });
        }
        // Mixed and simple fractions: "2 1/4", "3/4".
        if t.is(j, "/") && t.glued(j) && t.glued(j + 1) {
            if let Some(d) = t.digits(j + 1) {
                let den: f64 = d.parse().ok()?;
                if den != 0.0 && !dec {
                    return Some(Num::derived(v / den, j + 2));
                }
            }
        }
        if !dec {
            if let (Some(a), true, Some(b)) = (t.digits(j), t.is(j + 1, "/"), t.digits(j + 2)) {
                let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
                if b != 0.0 && a < b && t.glued(j + 1) && t.glued(j + 2) && !t.glued(j) {
                    return Some(Num::derived(v + a / b, j + 3));
                }
            }
        }
        // Scale suffix, glued ("10k", "1.2bn") or spaced ("2 million", "2.33 k").
        if let Some(o) = t.toks.get(j).map(|_| t.orig(j)) {
            if t.kind(j) == Some(Kind::Word) {
                let low = t.low(j);
                let s = if t.glued(j) {
                    glued_scale(o, low, dec)
                } else {
                    match o {
                        "k" | "K" | "M" | "G" | "B" => glued_scale(o, low, true),
                        _ => scale_word(low),
                    }
                };
                if let Some(s) = s {
                    v *= s;
                    j += 1;
                    plain = false;
                    scaled = true;
                    // "three lakh crore"
                    if let Some(s2) = t.word(j).and_then(scale_word) {
                        v *= s2;
                        j += 1;
                    }
                } else if t.is(j, "hundred") {
                    v *= 100.0;
                    j += 1;
                    plain = false;
                    scaled = true;
                } else if matches!(t.low(j), "dozen" | "dozens" | "dz" | "dzs" | "dozs" | "doz") {
                    v *= 12.0;
                    j += 1;
                    plain = false;
                    scaled = true;
                }
            }
        }
        if !scaled {
            if let Some((frac, k)) = over_fraction(t, j, v) {
                return Some(Num::derived(frac, k));
            }
        }
        return Some(Num {
            value: v,
            end: j,
            plain_digits: plain,
            scaled,
        });
    }
    words_number(t, i)
}

/// "X over Y", "X out of Y".
fn over_fraction(t: &Toks, j: usize, num: f64) -> Option<(f64, usize)> {
    let k = if t.is(j, "over") {
        j + 1
    } else if t.is(j, "out") && t.is(j + 1, "of") {
        j + 2
    } else {
        return None;
    };
    let den = if let Some((d, e, false)) = digits_number(t, k) {
        (d, e)
    } else {
        words_integer(t, k)?
    };
    // "$2000 over 3 years" spreads an amount over time.
    if den.0 == 0.0 || t.word(den.1).is_some_and(|w| unit_word(w).is_none()) {
        return None;
    }
    Some((num / den.0, den.1))
}

/// A number in words with its fractional parts.
fn words_number(t: &Toks, i: usize) -> Option<Num> {
    let w = t.word(i)?;
    // "half a dozen", "half".
    if w == "half" {
        if (t.is(i + 1, "a") || t.is(i + 1, "an")) && t.is(i + 2, "dozen") {
            return Some(Num {
                value: 6.0,
                end: i + 3,
                plain_digits: false,
                scaled: true,
            });
        }
        return Some(Num::derived(0.5, i + 1));
    }
    // "a half", "a fifth", "a hundredth", "a hundred trillionths".
    if w == "a" || w == "an" {
        // Not "a tenth-century tenant": a hyphen makes the ordinal an adjective.
        if let Some((d, e)) = denominator_at(t, i + 1).filter(|(_, e)| !t.is(*e, "-")) {
            return Some(Num::derived(1.0 / d, e));
        }
    }
    let (mut v, mut j) = words_integer(t, i)?;
    let mut scaled = false;
    // "point zero three", "point seventy-one"
    if t.is(j, "point") {
        let mut digits = String::new();
        let mut k = j + 1;
        while let Some(w) = t.word(k) {
            if let Some(u) = unit_word(w).filter(|u| *u < 10) {
                digits.push(char::from(b'0' + u as u8));
                k += 1;
            } else if let Some((n, e)) = below_hundred(t, k) {
                digits.push_str(&n.to_string());
                k = e;
            } else {
                break;
            }
        }
        if !digits.is_empty() {
            let frac: f64 = format!("0.{digits}").parse().ok()?;
            v += frac;
            j = k;
        }
    }
    // "three fifths", "two thirds", "one-eighth", "five - eighths"
    let mut k = j;
    if is_hyphen(t, k) {
        k += 1;
    }
    // "one hundred thirty fifths" is 100/35: without "and", tens after
    // "hundred" join the ordinal to make the denominator.
    let unit_ordinal = |k: usize| {
        let w = t.word(k).unwrap_or("");
        ordinal_word(w.strip_suffix('s').unwrap_or(w)).filter(|u| (1..=9).contains(u))
    };
    if j >= i + 3 && t.is(j - 2, "hundred") {
        if let (Some(tens), Some(u)) = (t.word(j - 1).and_then(tens_word), unit_ordinal(k)) {
            let den = f64::from(tens + u);
            return Some(Num::derived((v - f64::from(tens)) / den, k + 1));
        }
    }
    if let Some((d, e)) = denominator_at(t, k) {
        return Some(Num::derived(v / d, e));
    }
    // "one one hundred (and) fifth" is 1/105.
    if let Some((d0, e0)) = words_integer(t, j).filter(|(d0, _)| *d0 >= 100.0) {
        let e1 = if t.is(e0, "and") { e0 + 1 } else { e0 };
        if let Some(u) = unit_ordinal(e1) {
            return Some(Num::derived(v / (d0 + f64::from(u)), e1 + 1));
        }
    }
    // "one and a half", "five and a quarter", "twenty and three fifths"
    if t.is(j, "and") {
        let k = j + 1;
        if (t.is(k, "a") || t.is(k, "an")) && t.word(k + 1).and_then(denominator_word).is_some() {
            let d = t.word(k + 1).and_then(denominator_word)?;
            return Some(Num::derived(v + 1.0 / d, k + 2));
        }
        if t.is(k, "half") {
            return Some(Num::derived(v + 0.5, k + 1));
        }
        if let Some((n, e)) = below_hundred(t, k) {
            if let Some(d) = t.word(e).and_then(denominator_word) {
                return Some(Num::derived(v + f64::from(n) / d, e + 1));
            }
        }
    }
    if let Some((frac, e)) = over_fraction(t, j, v) {
        return Some(Num::derived(frac, e));
    }
    if t.word(j - 1)
        .is_some_and(|w| scale_word(w).is_some() || matches!(w, "hundred" | "dozen" | "dozens"))
    {
        scaled = true;
    }
    Some(Num {
        value: v,
        end: j,
        plain_digits: false,
        scaled,
    })
}
