//! Dates and wall-clock times, in the many layouts web pages and feeds use.
//!
//! The reader is a hand-written byte scanner: it splits the value into at
//! most [`MAX_TOKENS`] tokens on the stack, then walks them once, matching
//! clock times, dates, AM/PM markers, zone abbreviations and numeric
//! offsets wherever they stand. Words that are known decoration ("(Estimated)",
//! "On Time", weekdays, `&nbsp`) are skipped; any other word makes the value
//! unreadable, except that a date followed by words and no time ("Dec 01 -
//! Contact Airline", "2011-12-01 Cancelled") is a source saying in words
//! that the time is missing. Nothing on this path allocates unless the value
//! is rejected.

use super::{unparseable, Want};
use crate::report::RejectReason;
use crate::value::{ClockTime, Date, DateTime, Value, ValueKind};

/// The most tokens a date-time may have; real ones have fewer than twenty.
const MAX_TOKENS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Month(u8),
    Weekday,
    Am,
    Pm,
    Noon,
    Midnight,
    Zone(i16),
    /// `XXXX` or `XX`: an unknown year or month in a TIMEX date.
    Unknown(u8),
    /// Decoration that says nothing about the time.
    Noise,
    /// Any other word.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A run of digits: its value and its length.
    Num(u32, u8),
    Word(Word),
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    /// True when white space comes before the token.
    spaced: bool,
    start: u32,
    end: u32,
}

/// All-zero, so the token buffer starts with one memset.
const EMPTY: Tok = Tok {
    kind: Kind::Num(0, 0),
    spaced: false,
    start: 0,
    end: 0,
};

fn classify(word: &[u8]) -> Word {
    let mut buf = [0u8; 10];
    if word.len() > buf.len() {
        return Word::Other;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..word.len()] {
        b"jan" | b"january" => Word::Month(1),
        b"feb" | b"february" => Word::Month(2),
        b"mar" | b"march" => Word::Month(3),
        b"apr" | b"april" => Word::Month(4),
        b"may" => Word::Month(5),
        b"jun" | b"june" => Word::Month(6),
        b"jul" | b"july" => Word::Month(7),
        b"aug" | b"august" => Word::Month(8),
        b"sep" | b"sept" | b"september" => Word::Month(9),
        b"oct" | b"october" => Word::Month(10),
        b"nov" | b"november" => Word::Month(11),
        b"dec" | b"december" => Word::Month(12),
        b"mon" | b"monday" | b"tue" | b"tues" | b"tuesday" | b"wed" | b"weds" | b"wednesday"
        | b"thu" | b"thur" | b"thurs" | b"thursday" | b"fri" | b"friday" | b"sat" | b"saturday"
        | b"sun" | b"sunday" => Word::Weekday,
        b"a" | b"am" => Word::Am,
        b"p" | b"pm" => Word::Pm,
        b"noon" => Word::Noon,
        b"midnight" => Word::Midnight,
        b"z" | b"utc" | b"gmt" => Word::Zone(0),
        b"ast" | b"edt" => Word::Zone(-240),
        b"est" | b"cdt" => Word::Zone(-300),
        b"cst" | b"mdt" => Word::Zone(-360),
        b"mst" | b"pdt" => Word::Zone(-420),
        b"pst" | b"akdt" => Word::Zone(-480),
        b"akst" | b"hdt" => Word::Zone(-540),
        b"hst" => Word::Zone(-600),
        b"xx" => Word::Unknown(2),
        b"xxxx" => Word::Unknown(4),
        // `t` separates date and time in ISO 8601; `m` is the tail of "a.m.";
        // the rest are ordinal suffixes, fillers and flight-status labels.
        b"t" | b"m" | b"st" | b"nd" | b"rd" | b"th" | b"of" | b"at" | b"on" | b"time"
        | b"ontime" | b"estimated" | b"runway" | b"delayed" | b"rerouted" | b"scheduled"
        | b"actual" | b"local" | b"nbsp" | b"amp" => Word::Noise,
        _ => Word::Other,
    }
}

/// Splits the value into tokens; `None` when there are too many.
fn tokenize(s: &str, toks: &mut [Tok; MAX_TOKENS]) -> Option<usize> {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    let mut spaced = false;
    let mut push = |kind: Kind, spaced: bool, start: usize, end: usize| -> bool {
        if n == MAX_TOKENS {
            return false;
        }
        toks[n] = Tok {
            kind,
            spaced,
            start: start as u32,
            end: end as u32,
        };
        n += 1;
        true
    };
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                // Runs longer than nine digits wrap; their length rules them
                // out of every pattern before their value is looked at.
                v = v.wrapping_mul(10).wrapping_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            let len = (i - start).min(255) as u8;
            if !push(Kind::Num(v, len), spaced, start, i) {
                return None;
            }
        } else if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let w = &b[start..i];
            let word = classify(w);
            if word == Word::Other {
                // "2:07 PMDec 01", "1:55pDec 1": a meridiem glued to a month.
                if let Some(k) = (1..=2.min(w.len() - 1)).find(|&k| {
                    matches!(classify(&w[..k]), Word::Am | Word::Pm)
                        && matches!(classify(&w[k..]), Word::Month(_) | Word::Weekday)
                }) {
                    if !push(Kind::Word(classify(&w[..k])), spaced, start, start + k)
                        || !push(Kind::Word(classify(&w[k..])), false, start + k, i)
                    {
                        return None;
                    }
                    spaced = false;
                    continue;
                }
            }
            if !push(Kind::Word(word), spaced, start, i) {
                return None;
            }
        } else if c < 0x80 {
            i += 1;
            if !push(Kind::Punct(c), spaced, start, i) {
                return None;
            }
        } else {
            let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
            i += ch.len_utf8();
            let kind = match ch {
                c if c.is_whitespace() => {
                    spaced = true;
                    continue;
                }
                '\u{2010}'..='\u{2015}' | '\u{2212}' => Kind::Punct(b'-'),
                _ => Kind::Word(Word::Other),
            };
            if !push(kind, spaced, start, i) {
                return None;
            }
        }
        spaced = false;
    }
    Some(n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
    Noon,
    Midnight,
}

/// A date as read so far: any part may be missing.
#[derive(Debug, Clone, Copy, Default)]
struct PartialDate {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

struct Scan<'t> {
    toks: &'t [Tok],
}

impl Scan<'_> {
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.toks.get(i)?.kind {
            Kind::Num(v, l) => Some((v, l)),
            _ => None,
        }
    }

    /// A number of `min..=max` digits at `i`, glued to what comes before
    /// when `glued`.
    fn digits(&self, i: usize, min: u8, max: u8, glued: bool) -> Option<u32> {
        let (v, l) = self.num(i)?;
        (l >= min && l <= max && !(glued && self.toks[i].spaced)).then_some(v)
    }

    fn punct(&self, i: usize, c: u8, glued: bool) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct(c) && !(glued && t.spaced))
    }

    fn word(&self, i: usize) -> Option<Word> {
        match self.toks.get(i)?.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    /// `H:MM` or `H:MM:SS` at `i`.
    fn clock(&self, i: usize) -> Option<((u32, u32, u32), usize)> {
        let h = self.digits(i, 1, 2, false)?;
        if !self.punct(i + 1, b':', true) {
            return None;
        }
        let m = self.digits(i + 2, 2, 2, true)?;
        if self.punct(i + 3, b':', true) {
            if let Some(s) = self.digits(i + 4, 2, 2, true) {
                // Fractions of a second are below what a clock time keeps.
                if self.punct(i + 5, b'.', true) && self.digits(i + 6, 1, 9, true).is_some() {
                    return Some(((h, m, s), i + 7));
                }
                return Some(((h, m, s), i + 5));
            }
        }
        Some(((h, m, 0), i + 3))
    }

    /// `HH:MM` or `HHMM` after a sign at `i`: an offset in minutes.
    fn offset(&self, i: usize) -> Option<(i16, usize)> {
        let sign: i32 = match self.toks.get(i)?.kind {
            Kind::Punct(b'+') => 1,
            Kind::Punct(b'-') => -1,
            _ => return None,
        };
        let (h, m, next) = match self.num(i + 1)? {
            (h, 2) if !self.toks[i + 1].spaced && self.punct(i + 2, b':', true) => {
                (h, self.digits(i + 3, 2, 2, true)?, i + 4)
            }
            (hm, 4) if !self.toks[i + 1].spaced => (hm / 100, hm % 100, i + 2),
            _ => return None,
        };
        if h > 23 || m > 59 {
            return None;
        }
        Some(((sign * (h * 60 + m) as i32) as i16, next))
    }

    /// A numeric date starting at `i`: ISO `Y-M-D` (or `Y-M`, with TIMEX
    /// `XXXX`/`XX` for unknown parts), US `M/D/Y`, `M/D`, `M-D-Y`, and
    /// `D-Mon-Y` / `D Mon Y`.
    fn numeric_date(&self, i: usize) -> Option<(PartialDate, usize)> {
        let first = self.toks.get(i)?.kind;
        // ISO and TIMEX: the year comes first, as four digits or XXXX.
        let year = match first {
            Kind::Num(v, 4) => Some(Some(v as i32)),
            Kind::Word(Word::Unknown(4)) => Some(None),
            _ => None,
        };
        if let Some(year) = year {
            if !self.punct(i + 1, b'-', true) {
                return None;
            }
            let month = match self.toks.get(i + 2)? {
                t if t.spaced => return None,
                Tok {
                    kind: Kind::Num(v, 1..=2),
                    ..
                } => Some(*v as u8),
                Tok {
                    kind: Kind::Word(Word::Unknown(2)),
                    ..
                } => None,
                _ => return None,
            };
            let mut d = PartialDate {
                year,
                month,
                day: None,
            };
            if self.punct(i + 3, b'-', true) {
                if let Some(day) = self.digits(i + 4, 1, 2, true) {
                    d.day = Some(day as u8);
                    return Some((d, i + 5));
                }
            }
            return month.is_some().then_some((d, i + 3));
        }
        let a = self.digits(i, 1, 2, false)?;
        let sep = match self.toks.get(i + 1) {
            Some(Tok {
                kind: Kind::Punct(c @ (b'/' | b'-' | b'.')),
                spaced: false,
                ..
            }) => *c,
            Some(Tok {
                kind: Kind::Word(Word::Month(m)),
                ..
            }) => {
                // "1 December 2011", "01 Dec".
                let mut d = PartialDate {
                    year: None,
                    month: Some(*m),
                    day: Some(a as u8),
                };
                let mut next = i + 2;
                if let Some(y) = self.year_at(next) {
                    d.year = Some(y);
                    next += 1;
                }
                return Some((d, next));
            }
            _ => return None,
        };
        if let Some(Word::Month(m)) = self.word(i + 2) {
            // "01-Dec-2011".
            if self.toks[i + 2].spaced {
                return None;
            }
            let mut d = PartialDate {
                year: None,
                month: Some(m),
                day: Some(a as u8),
            };
            if self.punct(i + 3, sep, true) {
                let y = self.digits(i + 4, 2, 4, true)?;
                d.year = Some(expand_year(y, self.toks[i + 4]));
                return Some((d, i + 5));
            }
            return Some((d, i + 3));
        }
        let b = self.digits(i + 2, 1, 2, true)?;
        // US order unless the first number cannot be a month.
        let (month, day) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
        let mut d = PartialDate {
            year: None,
            month: Some(month as u8),
            day: Some(day as u8),
        };
        if self.punct(i + 3, sep, true) {
            if let Some(y) = self.digits(i + 4, 2, 4, true) {
                d.year = Some(expand_year(y, self.toks[i + 4]));
                return Some((d, i + 5));
            }
            return None;
        }
        // A bare "12-01" or "12.01" is too ambiguous; "12/1" is a US date.
        (sep == b'/').then_some((d, i + 3))
    }

    /// A four-digit year at `i` that is not the hour of a clock time.
    fn year_at(&self, i: usize) -> Option<i32> {
        let y = self.digits(i, 4, 4, false)?;
        (!self.punct(i + 1, b':', true)).then_some(y as i32)
    }

    /// `Dec 01`, `Dec.01, 2011`, `December 10, 2011`, `December 2011` at `i`.
    fn month_date(&self, i: usize, month: u8) -> (PartialDate, usize) {
        let mut d = PartialDate {
            year: None,
            month: Some(month),
            day: None,
        };
        let mut j = i + 1;
        if self.punct(j, b'.', true) {
            j += 1;
        }
        if let Some(y) = self.year_at(j) {
            d.year = Some(y);
            return (d, j + 1);
        }
        match self.digits(j, 1, 2, false) {
            Some(day) if !self.punct(j + 1, b':', true) => {
                d.day = Some(day as u8);
                j += 1;
            }
            _ => return (d, j),
        }
        // Ordinal suffix ("1st") is noise and skipped by the main loop.
        let mut k = j;
        if self.word(k) == Some(Word::Noise) && !self.toks[k].spaced {
            k += 1;
        }
        if self.punct(k, b',', false) {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            d.year = Some(y);
            return (d, k + 1);
        }
        (d, j)
    }
}

/// A later date refines an earlier one ("2011-12-02 12/1 3:25 PM" is the
/// flight of 2 Dec that left on 1 Dec): its parts win, the year carries.
fn merge(date: &mut Option<PartialDate>, d: PartialDate) {
    *date = Some(match *date {
        Some(old) => PartialDate {
            year: d.year.or(old.year),
            ..d
        },
        None => d,
    });
}

fn expand_year(y: u32, tok: Tok) -> i32 {
    match tok.kind {
        // Two-digit years: 00–69 are this century, 70–99 the last.
        Kind::Num(_, 2) if y < 70 => 2000 + y as i32,
        Kind::Num(_, 2) => 1900 + y as i32,
        _ => y as i32,
    }
}

pub(super) fn days_in_month(year: Option<i32>, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 31,
    }
}

/// Checks a date's parts and turns it into a [`Date`].
fn finish_date(d: PartialDate) -> Result<Date, String> {
    if let Some(m) = d.month {
        if !(1..=12).contains(&m) {
            return Err(format!("month {m} is not 1–12"));
        }
    }
    if let Some(day) = d.day {
        let max = d.month.map_or(31, |m| days_in_month(d.year, m));
        if day == 0 || day > max {
            return Err(format!("day {day} does not exist in that month"));
        }
    }
    Ok(Date {
        year: d.year,
        month: d.month,
        day: d.day,
    })
}

fn snippet(s: &str, t: Tok) -> &str {
    s.get(t.start as usize..t.end as usize).unwrap_or("")
}

/// Reads a date, a time or both. `want` decides what a value lacking one of
/// them means: a time attribute given only a date, or words in place of
/// the time, has a missing value; a date attribute accepts a bare date.
pub(super) fn parse(s: &str, want: Want) -> Result<Value, RejectReason> {
    let expected = match want {
        Want::Date => ValueKind::Date,
        Want::DateTime => ValueKind::DateTime,
        Want::Time | Want::Any => ValueKind::Time,
    };
    let fail = |detail: String| Err(unparseable(expected, detail));
    let mut buf = [EMPTY; MAX_TOKENS];
    let Some(n) = tokenize(s, &mut buf) else {
        return fail(format!("more than {MAX_TOKENS} tokens"));
    };
    let sc = Scan { toks: &buf[..n] };
    let toks = sc.toks;

    let mut date: Option<PartialDate> = None;
    let mut clock: Option<(u32, u32, u32)> = None;
    let mut meridiem: Option<Meridiem> = None;
    let mut zone: Option<i16> = None;
    let mut offset: Option<i16> = None;
    let mut stray_word: Option<Tok> = None;

    let mut i = 0;
    while i < n {
        let t = toks[i];
        match t.kind {
            Kind::Num(v, len) => {
                if let Some((c, next)) = sc.clock(i) {
                    if clock.is_some() {
                        let whole = Tok {
                            end: toks[next - 1].end,
                            ..t
                        };
                        return fail(format!("a second time of day {:?}", snippet(s, whole)));
                    }
                    clock = Some(c);
                    i = next;
                } else if let Some((d, next)) = sc.numeric_date(i) {
                    merge(&mut date, d);
                    i = next;
                } else if len <= 2
                    && clock.is_none()
                    && matches!(sc.word(i + 1), Some(Word::Am | Word::Pm))
                {
                    // "3 PM": an hour alone is a time when AM/PM follows.
                    clock = Some((v, 0, 0));
                    i += 1;
                } else if len == 4 && (want == Want::Date || date.is_some_and(|d| d.year.is_none()))
                {
                    // A lone year: "2023" for a date, or the year a
                    // weekday-and-day date left out.
                    let d = PartialDate {
                        year: Some(v as i32),
                        ..date.unwrap_or_default()
                    };
                    merge(&mut date, d);
                    i += 1;
                } else {
                    return fail(format!("unexpected number {:?}", snippet(s, t)));
                }
            }
            Kind::Word(Word::Month(m)) => {
                let (d, next) = sc.month_date(i, m);
                merge(&mut date, d);
                i = next;
            }
            Kind::Word(Word::Unknown(_)) => match sc.numeric_date(i) {
                Some((d, next)) => {
                    merge(&mut date, d);
                    i = next;
                }
                None => {
                    stray_word.get_or_insert(t);
                    i += 1;
                }
            },
            Kind::Word(w @ (Word::Am | Word::Pm | Word::Noon | Word::Midnight)) => {
                if meridiem.is_some() {
                    return fail(format!("a second AM/PM marker {:?}", snippet(s, t)));
                }
                meridiem = Some(match w {
                    Word::Am => Meridiem::Am,
                    Word::Pm => Meridiem::Pm,
                    Word::Noon => Meridiem::Noon,
                    _ => Meridiem::Midnight,
                });
                i += 1;
            }
            Kind::Word(Word::Zone(z)) => {
                zone.get_or_insert(z);
                i += 1;
            }
            Kind::Word(Word::Weekday | Word::Noise) => i += 1,
            Kind::Word(Word::Other) => {
                stray_word.get_or_insert(t);
                i += 1;
            }
            Kind::Punct(p) => {
                // "(-05:00)" anywhere, or "14:07-05:00" glued to the time.
                let glued_to_time = clock.is_some()
                    && !t.spaced
                    && i > 0
                    && matches!(
                        toks[i - 1].kind,
                        Kind::Num(..) | Kind::Word(Word::Zone(_) | Word::Am | Word::Pm)
                    );
                let at = if p == b'(' {
                    Some(i + 1)
                } else {
                    glued_to_time.then_some(i)
                };
                match at.and_then(|j| sc.offset(j)) {
                    Some((off, next)) if offset.is_none() => {
                        offset = Some(off);
                        i = next;
                    }
                    _ => i += 1,
                }
            }
        }
    }

    let Some((h, m, sec)) = clock.or(match meridiem {
        Some(Meridiem::Noon) => Some((12, 0, 0)),
        Some(Meridiem::Midnight) => Some((0, 0, 0)),
        _ => None,
    }) else {
        if meridiem.is_some() {
            return fail("AM/PM with no time of day".into());
        }
        if let Some(Err(e)) = date.map(finish_date) {
            return fail(e);
        }
        return match (date, stray_word) {
            // A status or excuse written where the time should be.
            (Some(_), Some(_)) if want != Want::Date => Err(RejectReason::MissingValue),
            (_, Some(w)) => fail(format!("unexpected word {:?}", snippet(s, w))),
            (Some(_), None) if matches!(want, Want::Time | Want::DateTime) => {
                Err(RejectReason::MissingValue)
            }
            (Some(d), None) => finish_date(d).map(Value::Date).or_else(fail),
            (None, None) => fail("no date or time of day".into()),
        };
    };
    if let Some(w) = stray_word {
        return fail(format!("unexpected word {:?}", snippet(s, w)));
    }
    let hour = match (meridiem, h) {
        (None, h) => h,
        (Some(Meridiem::Am), 12) => 0,
        (Some(Meridiem::Am), h) if h > 12 => {
            return fail(format!("hour {h} with AM"));
        }
        (Some(Meridiem::Am), h) => h,
        // "13:52 PM" says the same thing twice; take it as written.
        (Some(Meridiem::Pm), h) if (1..12).contains(&h) => h + 12,
        (Some(Meridiem::Pm), 0) => return fail("hour 0 with PM".into()),
        (Some(Meridiem::Pm), h) => h,
        (Some(Meridiem::Noon), 12) => 12,
        (Some(Meridiem::Midnight), 12 | 0) => 0,
        (Some(_), h) => return fail(format!("hour {h} with noon or midnight")),
    };
    if hour > 23 || m > 59 || sec > 59 {
        return fail(format!("{h}:{m:02}:{sec:02} is not a time of day"));
    }
    let time = ClockTime {
        hour: hour as u8,
        minute: m as u8,
        second: sec as u8,
        offset_minutes: offset.or(zone),
    };
    match date {
        Some(d) => {
            let date = finish_date(d).map_err(|e| unparseable(expected, e))?;
            Ok(Value::DateTime(DateTime { date, time }))
        }
        None if want == Want::Date => fail("a time of day with no date".into()),
        None => Ok(Value::Time(time)),
    }
}
