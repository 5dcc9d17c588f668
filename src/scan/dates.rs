//! Calendar dates, relative dates, periods and intervals.

use jiff::civil::{Date as Civil, Weekday};
use jiff::Span;

use super::lex::{Kind, Toks};
use super::numbers::{number, ordinal_word, tens_word, unit_word};
use super::quantities::time_unit;
use super::{Cand, Ctx, Qualifier, Tense};
use crate::value::{Date, Duration, DurationUnit, Interval, Value};

/// The last reading of `Ctx::single_memo` and the token it was read at.
pub(crate) type SingleSeen = std::cell::Cell<Option<(usize, Option<(When, usize)>)>>;

/// A resolved time expression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum When {
    /// A day, month or year, any part possibly unknown.
    Day(Date),
    /// The days `[start, end)`: a week, a quarter, "the next 3 days".
    Span(Civil, Civil),
}

fn civil(y: i32, m: u8, d: u8) -> Option<Civil> {
    Civil::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

fn from_civil(c: Civil) -> Date {
    Date::ymd(i32::from(c.year()), c.month() as u8, c.day() as u8)
}

fn add_days(c: Civil, n: i64) -> Option<Civil> {
    c.checked_add(Span::new().try_days(n).ok()?).ok()
}

fn add_months(c: Civil, n: i64) -> Option<Civil> {
    c.checked_add(Span::new().try_months(n).ok()?).ok()
}

fn monday_of(c: Civil) -> Option<Civil> {
    add_days(c, -i64::from(c.weekday().to_monday_zero_offset()))
}

pub(crate) fn month_word(w: &str) -> Option<u8> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" | "febr" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

pub(crate) fn weekday_word(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" | "mon" | "mondays" => Weekday::Monday,
        "tuesday" | "tue" | "tues" | "tuesdays" => Weekday::Tuesday,
        "wednesday" | "wed" | "wednesdays" => Weekday::Wednesday,
        "thursday" | "thu" | "thur" | "thurs" | "thursdays" => Weekday::Thursday,
        "friday" | "fri" | "fridays" => Weekday::Friday,
        "saturday" | "sat" | "saturdays" => Weekday::Saturday,
        "sunday" | "sun" | "sundays" => Weekday::Sunday,
        _ => return None,
    })
}

/// A month name at `i` (with an optional abbreviation dot) and the token after.
/// `strong` is false for the month names that are also common words ("may",
/// "march") unless capitalised: they then need a day or year beside them.
fn month_at(t: &Toks, i: usize) -> Option<(u8, usize, bool)> {
    let w = t.word(i)?;
    let m = month_word(w)?;
    let short = w.len() <= 4 && w != "june" && w != "july" && w != "may";
    let strong = match w {
        "may" | "march" | "mar" => t.capitalised(i) && i > 0,
        "jan" | "feb" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec" => {
            true
        }
        _ => !short || t.capitalised(i),
    };
    let mut end = i + 1;
    if short && t.is(end, ".") && t.glued(end) && t.digits(end + 1).is_some() {
        end += 1;
    }
    Some((m, end, strong))
}

/// A day of the month at `i`: "16", "16th", "twenty-first", and with
/// `words` also "twenty one", "fifteen".
fn day_at(t: &Toks, i: usize, words: bool) -> Option<(u8, usize)> {
    if let Some(d) = t.digits(i) {
        if d.len() > 2 {
            return None;
        }
        let n: u8 = d.parse().ok()?;
        if !(1..=31).contains(&n) {
            return None;
        }
        let mut end = i + 1;
        if t.glued(end) && matches!(t.word(end), Some("st" | "nd" | "rd" | "th")) {
            end += 1;
        } else if t.glued(end) && t.kind(end) == Some(Kind::Word) {
            return None;
        }
        return Some((n, end));
    }
    let w = t.word(i)?;
    if let Some(tens) = tens_word(w) {
        let mut k = i + 1;
        if t.is(k, "-") {
            k += 1;
        }
        let next = t.word(k).unwrap_or("");
        if let Some(u) = ordinal_word(next).filter(|u| (1..=9).contains(u)) {
            let n = tens + u;
            return (n <= 31).then_some((n as u8, k + 1));
        }
        if words {
            if let Some(u) = unit_word(next).filter(|u| (1..=9).contains(u)) {
                let n = tens + u;
                return (n <= 31).then_some((n as u8, k + 1));
            }
            return (tens <= 30).then_some((tens as u8, i + 1));
        }
        if w == "thirtieth" {
            return Some((30, i + 1));
        }
        return None;
    }
    if let Some(n) = ordinal_word(w).filter(|n| (1..=31).contains(n)) {
        return Some((n as u8, i + 1));
    }
    if w == "thirtieth" {
        return Some((30, i + 1));
    }
    if words {
        if let Some(n) = unit_word(w).filter(|n| (1..=19).contains(n)) {
            return Some((n as u8, i + 1));
        }
    }
    None
}

/// A four-digit year at `i`.
fn year_at(t: &Toks, i: usize) -> Option<(i32, usize)> {
    let d = t.digits(i)?;
    if d.len() != 4 {
        return None;
    }
    let y: i32 = d.parse().ok()?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    // Not the head of "2,500" or "2019.5".
    if t.glued(i + 1)
        && (t.is(i + 1, ",") || t.is(i + 1, "."))
        && t.digits(i + 2).is_some()
        && t.glued(i + 2)
    {
        return None;
    }
    Some((y, i + 1))
}

/// A year in words: "nineteen ninety six", "two thousand and fifteen".
fn word_year(t: &Toks, i: usize) -> Option<(i32, usize)> {
    let w = t.word(i)?;
    if let Some(hi) = unit_word(w).filter(|n| (10..=19).contains(n)) {
        // "nineteen ninety six": century then a two-digit pair.
        let lo = t.word(i + 1)?;
        let tens = tens_word(lo)?;
        let mut e = i + 2;
        let mut v = tens;
        if t.is(e, "-") {
            e += 1;
        }
        if let Some(u) = t
            .word(e)
            .and_then(unit_word)
            .filter(|u| (1..=9).contains(u))
        {
            v += u;
            e += 1;
        } else if t.is(e - 1, "-") {
            e -= 1;
        }
        return Some((i32::try_from(hi * 100 + v).ok()?, e));
    }
    if matches!(w, "two" | "one") && t.is(i + 1, "thousand") {
        let (n, e) = super::numbers::words_integer(t, i)?;
        if (1000.0..=2999.0).contains(&n) {
            return Some((n as i32, e));
        }
    }
    None
}

/// Decades and centuries written as plural years: "the 1990s", "1990's",
/// "the 1800s" (a century: the hundreds digit moves).
fn decade_at(t: &Toks, i: usize) -> Option<(When, usize)> {
    let k = if t.is(i, "the") { i + 1 } else { i };
    let (y, e) = year_at(t, k)?;
    let e = if t.is(e, "'") && t.glued(e) { e + 1 } else { e };
    if !(t.glued(e) && t.is(e, "s")) || y % 10 != 0 {
        return None;
    }
    let len = if y % 100 == 0 { 100 } else { 10 };
    let s = civil(y, 1, 1)?;
    Some((When::Span(s, civil(y + len, 1, 1)?), e + 1))
}

/// Holidays on fixed dates: month, day and how many tokens the name takes.
fn holiday(t: &Toks, i: usize) -> Option<(u8, u8, usize)> {
    let two = (t.low(i), t.low(i + 1));
    Some(match two {
        ("christmas", "eve") => (12, 24, 2),
        ("christmas", "day") => (12, 25, 2),
        ("christmas", _) if t.capitalised(i) || !t.text.chars().any(char::is_uppercase) => {
            (12, 25, 1)
        }
        ("independence", "day") => (7, 4, 2),
        ("halloween", _) => (10, 31, 1),
        ("juneteenth", _) => (6, 19, 1),
        ("boxing", "day") => (12, 26, 2),
        ("valentine", _) if t.is(i + 1, "'") && t.is(i + 2, "s") && t.is(i + 3, "day") => {
            (2, 14, 4)
        }
        ("new", "year") if t.is(i + 2, "'") && t.is(i + 3, "s") => match t.low(i + 4) {
            "day" => (1, 1, 5),
            "eve" => (12, 31, 5),
            _ => return None,
        },
        _ => return None,
    })
}

/// True when a month name standing alone at `k` names the month: after a
/// preposition ("in may", "since August"), or capitalised and not inside a
/// name ("Theresa May", "June Carter", "an august body").
fn bare_month_ok(t: &Toks, k: usize, strong: bool) -> bool {
    let prev = if k > 0 { t.low(k - 1) } else { "" };
    let prep = matches!(
        prev,
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "of"
            | "from"
            | "during"
            | "before"
            | "after"
            | "through"
            | "early"
            | "late"
            | "mid"
            | "every"
            | "to"
            | "and"
            | "or"
            | "between"
            | "starting"
            | "beginning"
            | "last"
            | "next"
            | "this"
            | "the"
    );
    if prep {
        return true;
    }
    let in_name = |j: usize| t.kind(j) == Some(Kind::Word) && t.capitalised(j);
    let sentence_start = k == 0 || matches!(prev, "." | "!" | "?" | "\"" | ":" | "(" | "\n");
    let after_name = k > 0 && in_name(k - 1) && !sentence_start;
    let before_name = in_name(k + 1) && t.word(k + 1).and_then(month_word).is_none();
    strong && t.capitalised(k) && !after_name && !before_name
}

/// True when token `i` follows a word that opens an interval.
fn after_opener(t: &Toks, i: usize) -> bool {
    i > 0
        && matches!(
            t.low(i - 1),
            "before" | "after" | "by" | "until" | "till" | "since"
        )
}

/// Skips what may stand between a day or month and its year: a glued dash
/// or slash or a comma, then "of" or "in".
fn before_year(t: &Toks, k: usize) -> usize {
    let k = if (t.is(k, "-") || t.is(k, "/")) && t.glued(k) {
        k + 1
    } else {
        comma(t, k)
    };
    if t.is(k, "of") || t.is(k, "in") {
        k + 1
    } else {
        k
    }
}

/// Skips an optional comma.
fn comma(t: &Toks, k: usize) -> usize {
    if t.is(k, ",") {
        k + 1
    } else {
        k
    }
}

/// A word that [`day_at`] can read as a day of the month without a weekday
/// before it: "twenty", "first", "thirtieth".
fn day_word(w: &str) -> bool {
    tens_word(w).is_some() || ordinal_word(w).is_some()
}

/// True when [`Ctx::calendar`] can match at `i`: it starts with a weekday,
/// a month, a day or a year, or with "the" before a day. Most tokens the
/// scanner asks about are "the", "on", "a" or a number, and this answers
/// for them without running the grammar.
fn calendar_may_start(t: &Toks, i: usize) -> bool {
    if t.digits(i).is_some() {
        return true;
    }
    let Some(w) = t.word(i) else {
        return false;
    };
    weekday_word(w).is_some()
        || month_word(w).is_some()
        || day_word(w)
        || (w == "the" && (t.digits(i + 1).is_some() || t.word(i + 1).is_some_and(day_word)))
}

impl Ctx<'_> {
    /// The year a day-and-month (or month) without a year falls in.
    fn year_for(&self, m: u8, d: Option<u8>) -> Option<i32> {
        let today = self.today?;
        let (ty, tm, td) = (
            i32::from(today.year()),
            today.month() as u8,
            today.day() as u8,
        );
        let key = (m, d.unwrap_or(1));
        let now = (tm, if d.is_some() { td } else { 1 });
        Some(match self.opts.tense {
            Tense::Past if key > now => ty - 1,
            Tense::Future if key < now => ty + 1,
            _ => ty,
        })
    }

    fn date_of(&self, y: Option<i32>, m: u8, d: Option<u8>) -> Option<Date> {
        if let Some(d) = d {
            // Reject impossible days when the year is known ("February 30").
            if d > 31 || (m == 2 && d > 29) || (matches!(m, 4 | 6 | 9 | 11) && d > 30) {
                return None;
            }
        }
        let explicit = y.is_some();
        let mut y = y.or_else(|| self.year_for(m, d));
        if let (Some(yy), Some(d)) = (y, d) {
            if civil(yy, m, d).is_none() {
                // "Feb 29" without a year: the nearest leap year in the tense's direction.
                if explicit || m != 2 {
                    return None;
                }
                let step = if self.opts.tense == Tense::Past {
                    -1
                } else {
                    1
                };
                y = (1..4)
                    .map(|k| yy + step * k)
                    .find(|c| civil(*c, 2, 29).is_some());
                y?;
            }
        }
        Some(Date {
            year: y,
            month: Some(m),
            day: d,
        })
    }

    /// A weekday resolved as the text's tense reads it.
    fn weekday_near(&self, wd: Weekday) -> Option<Civil> {
        let today = self.today?;
        let delta = match self.opts.tense {
            Tense::Past => -i64::from(today.weekday().since(wd)),
            Tense::Future => i64::from(wd.since(today.weekday())),
        };
        add_days(today, delta)
    }

    /// The given weekday in the week `offset` weeks from the reference week.
    fn weekday_in_week(&self, wd: Weekday, offset: i64) -> Option<Civil> {
        let mon = monday_of(self.today?)?;
        add_days(mon, offset * 7 + i64::from(wd.to_monday_zero_offset()))
    }

    /// A weekday word at `i` that names a day, not part of a name
    /// ("Tuesday Weld", "the Sunday Times", "Black Friday").
    fn weekday_at(&self, i: usize) -> Option<(Weekday, usize)> {
        let t = self.t;
        let w = t.word(i)?;
        let wd = weekday_word(w)?;
        if w.ends_with('s') && w != "tues" && w != "thurs" {
            return None;
        }
        let next = i + 1;
        if t.kind(next) == Some(Kind::Word)
            && t.capitalised(next)
            && t.word(next).and_then(month_word).is_none()
        {
            return None;
        }
        if i > 0 && t.kind(i - 1) == Some(Kind::Word) && t.capitalised(i - 1) {
            let p = t.low(i - 1);
            let sentence_start =
                i == 1 || matches!(t.low(i - 2), "." | "!" | "?" | "\"" | ":" | "(");
            let prep = matches!(
                p,
                "on" | "by"
                    | "since"
                    | "until"
                    | "last"
                    | "next"
                    | "this"
                    | "every"
                    | "from"
                    | "before"
                    | "after"
                    | "that"
                    | "early"
                    | "late"
                    | "through"
                    | "till"
                    | "to"
                    | "and"
            );
            if !prep && !sentence_start {
                return None;
            }
        }
        let mut end = next;
        // Abbreviations need a dot or a comma after them, or a date.
        if w.len() <= 5 && !w.ends_with("day") {
            if t.is(end, ".") && t.glued(end) {
                // The dot is the abbreviation's only when the date goes on.
                if t.is(end + 1, ",")
                    || t.digits(end + 1).is_some()
                    || month_at(t, end + 1).is_some()
                {
                    end += 1;
                }
            } else if !t.is(end, ",")
                && day_at(t, end, false).is_none()
                && month_at(t, end).is_none()
                && !t.is(end, "to")
                && !(i > 0 && matches!(t.low(i - 1), "from" | "to" | "and" | "-"))
            {
                return None;
            }
        }
        Some((wd, end))
    }

    /// One date or period at `i`, without range or open-interval connectives.
    fn single(&self, i: usize, bare_year: bool) -> Option<(When, usize)> {
        let mut best = self.single_memo(i);
        let mut offer = |c: Option<(When, usize)>| {
            if let Some(c) = c {
                if best.as_ref().map_or(true, |b| c.1 > b.1) {
                    best = Some(c);
                }
            }
        };
        if bare_year {
            offer(word_year(self.t, i).map(|(y, e)| (When::Day(Date::year(y)), e)));
            offer(year_at(self.t, i).map(|(y, e)| (When::Day(Date::year(y)), e)));
        }
        best
    }

    /// [`Self::single_words`] at `i`, kept for the next question: a range
    /// reads its left end at the token the date itself is then read at.
    fn single_memo(&self, i: usize) -> Option<(When, usize)> {
        if let Some((at, found)) = self.single_seen.get() {
            if at == i {
                return found;
            }
        }
        let found = self.single_words(i);
        self.single_seen.set(Some((i, found)));
        found
    }

    /// The readings of [`Self::single`] other than a bare year.
    fn single_words(&self, i: usize) -> Option<(When, usize)> {
        let mut best: Option<(When, usize)> = None;
        let mut offer = |c: Option<(When, usize)>| {
            if let Some(c) = c {
                if best.as_ref().map_or(true, |b| c.1 > b.1) {
                    best = Some(c);
                }
            }
        };
        offer(self.calendar(i));
        offer(self.numeric(i));
        offer(self.relative(i));
        offer(self.period(i));
        offer(self.day_of_month(i));
        offer(self.part_of(i));
        offer(self.week_of(i));
        offer(decade_at(self.t, i));
        offer(self.mid(i));
        best
    }

    /// "March 16, 2023", "16 March 2023", "Tuesday, 16th of March", "July 2019".
    fn calendar(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        if !calendar_may_start(t, i) {
            return None;
        }
        let mut k = i;
        let mut weekday = None;
        if let Some((wd, e)) = self.weekday_at(i) {
            let e2 = comma(t, e);
            if month_at(t, e2).is_some()
                || day_at(t, e2, false).is_some()
                || t.is(e2, "the")
                || self.numeric(e2).is_some()
            {
                weekday = Some(wd);
                k = e2;
            }
        }
        let mut best: Option<(When, usize)> = None;
        // Month first.
        if let Some((m, e, strong)) = month_at(t, k) {
            let mut e1 = e;
            if (t.is(e1, "-") || t.is(e1, "/") || t.is(e1, ".")) && t.glued(e1) {
                e1 += 1;
            }
            let e1 = if t.is(e1, "the") { e1 + 1 } else { e1 };
            let e1c = comma(t, e1);
            if let Some((d, e2)) = day_at(t, e1c, true).filter(|_| t.year_like(e1c).is_none()) {
                // "Sep-23-2020": day then a dash and the year.
                let e3 = before_year(t, e2);
                if let Some((y, e4)) = year_at(t, e3) {
                    best = Some((When::Day(self.date_of(Some(y), m, Some(d))?), e4));
                } else {
                    best = Some((When::Day(self.date_of(None, m, Some(d))?), e2));
                }
            } else {
                let e2 = before_year(t, e);
                if let Some((y, e3)) = year_at(t, e2) {
                    // "September-2020-23"
                    if t.is(e3, "-") && t.glued(e3) {
                        if let Some((d, e4)) = day_at(t, e3 + 1, false) {
                            return Some((When::Day(self.date_of(Some(y), m, Some(d))?), e4));
                        }
                    }
                    best = Some((When::Day(Date::ym(y, m)), e3));
                } else if let Some(y) = self.today.and_then(|d| {
                    let ty = i32::from(d.year());
                    match (t.low(e), t.low(e + 1)) {
                        ("next", "year") => Some(ty + 1),
                        ("last", "year") => Some(ty - 1),
                        ("this", "year") => Some(ty),
                        _ => None,
                    }
                }) {
                    // "June next year"
                    best = Some((When::Day(Date::ym(y, m)), e + 2));
                } else if weekday.is_none() && bare_month_ok(t, k, strong) {
                    let y = self.year_for(m, None);
                    best = Some((
                        When::Day(Date {
                            year: y,
                            month: Some(m),
                            day: None,
                        }),
                        e,
                    ));
                }
            }
        }
        // "Friday 7/6", "Friday 2018-7-6"
        if weekday.is_some() {
            if let Some(c) = self.numeric(k) {
                if best.as_ref().map_or(true, |b| c.1 > b.1) {
                    best = Some(c);
                }
            }
        }
        // Day first: "16 March 2023", "the 4th of July", "16. Nov. 2016".
        let k0 = if t.is(k, "the") { k + 1 } else { k };
        // After a weekday, "the fifteen" is a day too.
        if let Some((d, e)) = day_at(t, k0, weekday.is_some()) {
            let mut e1 = e;
            if (t.is(e1, ".") || t.is(e1, "-") || t.is(e1, "/")) && t.glued(e1) {
                e1 += 1;
            }
            let e1 = if t.is(e1, "of") { e1 + 1 } else { e1 };
            if let Some((m, e2, _)) = month_at(t, e1) {
                let e3 = before_year(t, e2);
                let cand = if let Some((y, e4)) = year_at(t, e3) {
                    (When::Day(self.date_of(Some(y), m, Some(d))?), e4)
                } else {
                    (When::Day(self.date_of(None, m, Some(d))?), e2)
                };
                if best.as_ref().map_or(true, |b| cand.1 > b.1) {
                    best = Some(cand);
                }
            } else if let Some(wd) = weekday {
                // "Friday the 22nd": the nearest such day that is that weekday.
                // "Wednesday, the first visit" is a rank of a noun, not a day.
                let ranks_a_noun = t.digits(k0).is_none()
                    && t.word(e)
                        .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
                if t.is(k, "the") && !ranks_a_noun {
                    let today = self.today?;
                    for back in 0..3i64 {
                        let base = add_months(
                            today.first_of_month(),
                            if self.opts.tense == Tense::Past {
                                -back
                            } else {
                                back
                            },
                        )?;
                        if let Some(c) = civil(i32::from(base.year()), base.month() as u8, d) {
                            if c.weekday() == wd {
                                return Some((When::Day(from_civil(c)), e));
                            }
                        }
                    }
                }
            }
        }
        // Year first: "2019-sep-1", "2016 November", "2016, nov".
        if let Some((y, e)) = year_at(t, k) {
            let e1 = if (t.is(e, "-") || t.is(e, "/")) && t.glued(e) {
                e + 1
            } else {
                comma(t, e)
            };
            if let Some((m, e2, _)) = month_at(t, e1) {
                let mut cand = (When::Day(Date::ym(y, m)), e2);
                if (t.is(e2, "-") || t.is(e2, "/")) && t.glued(e2) {
                    if let Some((d, e3)) = day_at(t, e2 + 1, false) {
                        cand = (When::Day(self.date_of(Some(y), m, Some(d))?), e3);
                    }
                }
                if best.as_ref().map_or(true, |b| cand.1 > b.1) {
                    best = Some(cand);
                }
            }
        }
        best.filter(|(_, e)| *e > k)
    }

    /// Numeric dates: "2023-03-16", "02/22/2016", "21/04/16", "13.5.2015",
    /// "20161016", "2016-11", "3/2015", and "4/22" after "on".
    fn numeric(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        let a = t.digits(i)?;
        let sep = t.low(i + 1);
        let glued = |k: usize| t.glued(k);
        // "20161016"
        if a.len() == 8
            && !(t.glued(i + 1) && matches!(t.kind(i + 1), Some(Kind::Word | Kind::Digits)))
        {
            let y: i32 = a.get(0..4)?.parse().ok()?;
            let m: u8 = a.get(4..6)?.parse().ok()?;
            let d: u8 = a.get(6..8)?.parse().ok()?;
            if (1900..=2100).contains(&y) {
                return Some((When::Day(Date::ymd(y, m, d)), i + 1))
                    .filter(|_| civil(y, m, d).is_some());
            }
            return None;
        }
        if !matches!(sep, "/" | "-" | ".") {
            // "2016 10 16"
            if a.len() == 4 {
                if let (Some(b), Some(c)) = (t.digits(i + 1), t.digits(i + 2)) {
                    let (y, m, d): (i32, u8, u8) =
                        (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
                    if b.len() == 2 && c.len() == 2 && civil(y, m, d).is_some() {
                        return Some((When::Day(Date::ymd(y, m, d)), i + 3));
                    }
                }
            }
            return None;
        }
        // Separators may be spaced only in year-month forms ("2016 / 11").
        let tight = glued(i + 1) && glued(i + 2);
        let b = t.digits(i + 2)?;
        let sep2_ok = t.is(i + 3, sep) && glued(i + 3) && glued(i + 4) && tight;
        let c = if sep2_ok { t.digits(i + 4) } else { None };
        let c = c.or_else(|| {
            // "08/12,2015"
            (tight && t.is(i + 3, ",") && glued(i + 3))
                .then(|| t.digits(i + 4))
                .flatten()
        });
        let num = |s: &str| s.parse::<i32>().ok();
        if let Some(c) = c {
            let (x, y, z) = (num(a)?, num(b)?, num(c)?);
            let end = i + 5;
            if t.glued(end) && matches!(t.kind(end), Some(Kind::Digits | Kind::Word)) {
                return None;
            }
            let (yy, mm, dd) = if a.len() == 4 {
                (x, y, z)
            } else {
                let year = match c.len() {
                    4 => z,
                    2 => {
                        if z < 50 {
                            2000 + z
                        } else {
                            1900 + z
                        }
                    }
                    _ => return None,
                };
                // Month first unless the first part cannot be a month.
                if x > 12 || (sep == "." && y <= 12) {
                    (year, y, x)
                } else {
                    (year, x, y)
                }
            };
            let (m, d) = (u8::try_from(mm).ok()?, u8::try_from(dd).ok()?);
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            return Some((When::Day(Date::ymd(yy, m, d)), end));
        }
        // Two parts: year-month or month-day.
        let (x, y) = (num(a)?, num(b)?);
        let end = i + 3;
        if t.glued(end) && matches!(t.kind(end), Some(Kind::Digits | Kind::Word)) {
            return None;
        }
        if t.is(end, sep) && t.digits(end + 1).is_some() && t.glued(end) {
            return None;
        }
        if a.len() == 4 && b.len() <= 2 && (1..=12).contains(&y) && (1000..=2999).contains(&x) {
            return Some((When::Day(Date::ym(x, y as u8)), end));
        }
        if b.len() == 4 && a.len() <= 2 && (1..=12).contains(&x) && (1000..=2999).contains(&y) {
            return Some((When::Day(Date::ym(y, x as u8)), end));
        }
        if !tight || a.len() > 2 || b.len() > 2 {
            return None;
        }
        // Month and day need a date context: "on 4/22", not "3/4 of voters".
        let prev = if i > 0 { t.low(i - 1) } else { "" };
        let context = matches!(
            prev,
            "on" | "in"
                | "from"
                | "to"
                | "since"
                | "until"
                | "till"
                | "by"
                | "back"
                | "between"
                | "and"
        ) || (i > 0 && weekday_word(prev).is_some());
        if !context || (sep == "." && prev == "at") {
            return None;
        }
        let (m, d) = if x > 12 { (y, x) } else { (x, y) };
        let d = self.date_of(None, u8::try_from(m).ok()?, Some(u8::try_from(d).ok()?))?;
        Some((When::Day(d), end))
    }

    /// "today", "yesterday", "the day before", "two days ago", "this Friday",
    /// "on Wednesday", "last Sunday", "next week Friday", "two weeks from now".
    fn relative(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        let today = self.today?;
        let day = |c: Option<Civil>, e: usize| c.map(|c| (When::Day(from_civil(c)), e));
        let w = t.word(i).unwrap_or("");
        // Only these words (and weekdays) open the readings before the
        // counted ones ("two days ago"); other tokens skip to those.
        let worded = weekday_word(w).is_some()
            || matches!(
                w,
                "today"
                    | "yesterday"
                    | "tomorrow"
                    | "the"
                    | "next"
                    | "on"
                    | "this"
                    | "current"
                    | "following"
                    | "coming"
                    | "last"
                    | "previous"
                    | "past"
            );
        if worded {
            if let Some(r) = self.relative_worded(i, today) {
                return r;
            }
        }
        // "two days ago", "a month ago", "two weeks from now", "3 days from today".
        let (n, k) = if (w == "a" || w == "an") && !t.is(i + 1, "few") {
            (1.0, i + 1)
        } else if (w == "a" && t.is(i + 1, "few")) || w == "few" || w == "several" {
            (3.0, i + if w == "a" { 2 } else { 1 })
        } else {
            let n = number(t, i)?;
            (n.value, n.end)
        };
        if n.fract() != 0.0 || !(0.0..=100_000.0).contains(&n) {
            return None;
        }
        let n = n as i64;
        let (unit, mult, _) = time_unit(t.word(k)?, false)?;
        let shift = |c: Civil, sign: i64| -> Option<Civil> {
            let amount = sign * n * mult as i64;
            match unit {
                DurationUnit::Day => add_days(c, amount),
                DurationUnit::Week => add_days(c, amount * 7),
                DurationUnit::Month => add_months(c, amount),
                DurationUnit::Year => add_months(c, amount * 12),
                _ => None,
            }
        };
        if weekday_word(t.low(k)).is_some() {
            return None;
        }
        match (t.low(k + 1), t.low(k + 2)) {
            // "two decades later" counts from the story's time, not the reference.
            ("ago", _) => day(shift(today, -1), k + 2),
            ("from" | "after", "now" | "today") => day(shift(today, 1), k + 3),
            ("from" | "after", "tomorrow") => day(shift(add_days(today, 1)?, 1), k + 3),
            ("from" | "after", "yesterday") => day(shift(add_days(today, -1)?, 1), k + 3),
            ("before", "today") => day(shift(today, -1), k + 3),
            _ => None,
        }
    }

    /// The readings of [`Self::relative`] that open with a word of their
    /// own: `Some(reading)` when one of them decides, `None` to go on to
    /// the counted readings.
    #[allow(clippy::option_option)]
    fn relative_worded(&self, i: usize, today: Civil) -> Option<Option<(When, usize)>> {
        let t = self.t;
        let day = |c: Option<Civil>, e: usize| c.map(|c| (When::Day(from_civil(c)), e));
        let w = t.word(i).unwrap_or("");
        match w {
            "today" => return Some(day(Some(today), i + 1)),
            "yesterday" => return Some(day(add_days(today, -1), i + 1)),
            "tomorrow" => return Some(day(add_days(today, 1), i + 1)),
            "the" if t.is(i + 1, "day") => {
                let k = i + 2;
                return Some(match (t.low(k), t.low(k + 1)) {
                    ("before", "yesterday") => day(add_days(today, -2), k + 2),
                    ("after", "tomorrow") => day(add_days(today, 2), k + 2),
                    ("before", _) => day(add_days(today, -1), k + 1),
                    ("after", _) => day(add_days(today, 1), k + 1),
                    _ => None,
                });
            }
            "the"
                if matches!(t.low(i + 1), "next" | "following" | "previous")
                    && t.is(i + 2, "day") =>
            {
                let n = if t.is(i + 1, "previous") { -1 } else { 1 };
                return Some(day(add_days(today, n), i + 3));
            }
            "next" if t.is(i + 1, "day") => return Some(day(add_days(today, 1), i + 2)),
            _ => {}
        }
        // "on Friday next week", "Tuesday of last week", "next week Sunday".
        let rel_week = |k: usize| -> Option<(i64, usize)> {
            let k = if t.is(k, "of") || t.is(k, "on") {
                k + 1
            } else {
                k
            };
            let k = if t.is(k, "the") { k + 1 } else { k };
            let off = match t.low(k) {
                "this" | "current" => 0,
                "next" | "following" | "coming" => 1,
                "last" | "previous" | "past" => -1,
                _ => return None,
            };
            t.is(k + 1, "week").then_some((off, k + 2))
        };
        let start_on = if t.is(i, "on") { i + 1 } else { i };
        if let Some((wd, e)) = self.weekday_at(start_on) {
            if let Some((off, e2)) = rel_week(e) {
                // Recognizers spans keep "on" before a future week only.
                if start_on == i || off > 0 {
                    return Some(day(self.weekday_in_week(wd, off), e2));
                }
            }
            if start_on == i {
                return Some(day(self.weekday_near(wd), e));
            }
        }
        if let Some((off, e)) = rel_week(i).filter(|_| !t.is(i, "on") && !t.is(i, "of")) {
            let e1 = if t.is(e, "on") || t.is(e, "-") {
                e + 1
            } else {
                e
            };
            if let Some((wd, e2)) = self.weekday_at(e1) {
                return Some(day(self.weekday_in_week(wd, off), e2));
            }
        }
        let off = match w {
            "this" => Some(0),
            "next" | "coming" => Some(1),
            "last" | "previous" | "past" => Some(-1),
            _ => None,
        };
        if let Some(off) = off {
            if let Some((wd, e)) = self.weekday_at(i + 1) {
                return Some(day(self.weekday_in_week(wd, off), e));
            }
        }
        None
    }

    /// Periods: "this week", "last year", "next May", "Q3 2016", "the third
    /// quarter of 2016", "next 3 days", "past few weeks", "this weekend".
    fn period(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        let w = t.word(i).unwrap_or("");
        // Every period opens with a year, an ordinal, or one of these words.
        let opens = t.digits(i).is_some()
            || ordinal_word(w).is_some()
            || matches!(
                w,
                "q" | "h"
                    | "the"
                    | "year"
                    | "ytd"
                    | "rest"
                    | "remainder"
                    | "eoy"
                    | "week"
                    | "christmas"
                    | "independence"
                    | "halloween"
                    | "juneteenth"
                    | "boxing"
                    | "valentine"
                    | "new"
                    | "this"
                    | "current"
                    | "next"
                    | "coming"
                    | "upcoming"
                    | "following"
                    | "last"
                    | "previous"
                    | "past"
            );
        if !opens {
            return None;
        }
        // Quarters and halves: "Q3", "2016 Q3", "H1 2016", "2016H2".
        if let Some(r) = self.quarter(i) {
            return Some(r);
        }
        let today = self.today?;
        if let Some(r) = self.current_period(i, today) {
            return Some(r);
        }
        let (off, k) = match w {
            "this" | "current" => (0, i + 1),
            "next" | "coming" | "upcoming" | "following" => (1, i + 1),
            "last" | "previous" | "past" => (-1, i + 1),
            _ => return None,
        };
        let year = i32::from(today.year());
        // "the past week", "over the past year": the span just before the reference date.
        if w == "past" {
            let start = match t.word(k).unwrap_or("") {
                "week" => add_days(today, -7),
                "month" => add_months(today, -1),
                "year" => add_months(today, -12),
                _ => None,
            };
            if let Some(s) = start {
                return Some((When::Span(s, today), k + 1));
            }
        }
        match t.word(k).unwrap_or("") {
            "week" => {
                let mon = add_days(monday_of(today)?, 7 * off)?;
                return Some((When::Span(mon, add_days(mon, 7)?), k + 1));
            }
            "weekend" => {
                let sat = add_days(monday_of(today)?, 7 * off + 5)?;
                return Some((When::Span(sat, add_days(sat, 2)?), k + 1));
            }
            "month" => {
                let m = add_months(today.first_of_month(), off)?;
                return Some((
                    When::Day(Date::ym(i32::from(m.year()), m.month() as u8)),
                    k + 1,
                ));
            }
            "year" => return Some((When::Day(Date::year(year + off as i32)), k + 1)),
            "quarter" => {
                let q0 = add_months(today.first_of_month(), -i64::from((today.month() - 1) % 3))?;
                let s = add_months(q0, 3 * off)?;
                return Some((When::Span(s, add_months(s, 3)?), k + 1));
            }
            _ => {}
        }
        // "next May" is the first May after the reference month, "last May"
        // the latest one before it (a summit "next May", announced in March).
        if let Some((m, e, _)) = month_at(t, k) {
            let now = today.month() as u8;
            let y = match off {
                0 => year,
                1 if m > now => year,
                1 => year + 1,
                _ if m < now => year,
                _ => year - 1,
            };
            return Some((When::Day(Date::ym(y, m)), e));
        }
        // "next 3 days", "past few weeks", "last 3year"
        if w == "this" || w == "current" || w == "the" {
            return None;
        }
        let (n, e) = if t.is(k, "few") || t.is(k, "several") {
            (3.0, k + 1)
        } else {
            let n = number(t, k)?;
            (n.value, n.end)
        };
        if n.fract() != 0.0 || !(1.0..=1000.0).contains(&n) {
            return None;
        }
        let (unit, mult, plural) = time_unit(t.word(e)?, t.glued(e))?;
        if !plural && n != 1.0 && !t.glued(e) {
            return None;
        }
        let n = (n * mult) as i64;
        let span = |c: Civil, sign: i64| -> Option<Civil> {
            match unit {
                DurationUnit::Day => add_days(c, sign * n),
                DurationUnit::Week => add_days(c, sign * n * 7),
                DurationUnit::Month => add_months(c, sign * n),
                DurationUnit::Year => add_months(c, sign * n * 12),
                _ => None,
            }
        };
        if off > 0 {
            let s = add_days(today, 1)?;
            Some((When::Span(s, span(s, 1)?), e + 1))
        } else {
            Some((When::Span(span(today, -1)?, today), e + 1))
        }
    }

    /// Periods named without a determiner of time: "the week" (the
    /// reference date's), "the year to date", "EOY", "week 31", holidays.
    fn current_period(&self, i: usize, today: Civil) -> Option<(When, usize)> {
        let t = self.t;
        let ty = i32::from(today.year());
        let w = t.low(i);
        if w == "the" {
            // Not "the year before", "the week of …", "the day after".
            let next = t.low(i + 2);
            if matches!(
                next,
                "before" | "after" | "of" | "when" | "that" | "in" | "which" | "to" | "-"
            ) || t.digits(i + 2).is_some()
            {
                return None;
            }
            let mon = monday_of(today)?;
            let w = match t.word(i + 1)? {
                "day" => When::Day(from_civil(today)),
                "week" => When::Span(mon, add_days(mon, 7)?),
                // "over the weekend": the latest one in past-tense text.
                "weekend" => {
                    let sat = add_days(mon, 5)?;
                    let sat = match self.opts.tense {
                        Tense::Past if sat > today => add_days(sat, -7)?,
                        _ => sat,
                    };
                    When::Span(sat, add_days(sat, 2)?)
                }
                "month" => When::Day(Date::ym(ty, today.month() as u8)),
                "year" => When::Day(Date::year(ty)),
                _ => return None,
            };
            return Some((w, i + 2));
        }
        if matches!((w, t.low(i + 1), t.low(i + 2)), ("year", "to", "date")) || w == "ytd" {
            let s = civil(ty, 1, 1)?;
            let e = if w == "ytd" { i + 1 } else { i + 3 };
            return Some((When::Span(s, today), e));
        }
        // "(the) rest of the year": from the reference date to the period's end.
        let rest = match (w, t.low(i + 1), t.low(i + 2)) {
            ("rest" | "remainder", "of", _) => Some(i + 2),
            _ => None,
        };
        if let Some(k) = rest {
            let k = if matches!(t.low(k), "the" | "this" | "current") {
                k + 1
            } else {
                k
            };
            let end = match t.low(k) {
                "week" => add_days(monday_of(today)?, 7)?,
                "month" => add_months(today.first_of_month(), 1)?,
                "year" => civil(ty + 1, 1, 1)?,
                _ => return None,
            };
            return Some((When::Span(today, end), k + 1));
        }
        if w == "eoy" {
            let s = civil(ty, 7, 1)?;
            return Some((When::Span(s, civil(ty + 1, 1, 1)?), i + 1));
        }
        // ISO week numbers: "week 31".
        if w == "week" {
            let n: i64 = t.digits(i + 1)?.parse().ok()?;
            if !(1..=53).contains(&n) {
                return None;
            }
            let s = add_days(monday_of(civil(ty, 1, 4)?)?, 7 * (n - 1))?;
            return Some((When::Span(s, add_days(s, 7)?), i + 2));
        }
        // Fixed-date holidays, read like a day and month without a year.
        let (m, d, len) = holiday(t, i)?;
        let mut e = i + len;
        let mut year = None;
        if t.is(e, "of") && t.is(e + 1, "this") && t.is(e + 2, "year") {
            year = Some(ty);
            e += 3;
        }
        Some((When::Day(self.date_of(year, m, Some(d))?), e))
    }

    /// A month named or referred to at `k`: "July", "July 2019", "of next
    /// month", "this month", "the month". Returns year and month.
    fn month_ref(&self, k: usize) -> Option<((i32, u8), usize)> {
        let t = self.t;
        let k = if t.is(k, "of") || t.is(k, "in") {
            k + 1
        } else {
            k
        };
        if t.is(k, "the") && t.is(k + 1, "month") {
            let today = self.today?;
            return Some(((i32::from(today.year()), today.month() as u8), k + 2));
        }
        if let Some((m, e, _)) = month_at(t, k) {
            let e1 = comma(t, e);
            if let Some((y, e2)) = year_at(t, e1) {
                return Some(((y, m), e2));
            }
            return Some(((self.year_for(m, None)?, m), e));
        }
        match self.period(k)? {
            (
                When::Day(Date {
                    year: Some(y),
                    month: Some(m),
                    day: None,
                }),
                e,
            ) => Some(((y, m), e)),
            _ => None,
        }
    }

    /// "the 18th", "20th of next month", "the 15th day of June", "the first
    /// Friday of July", "second Sunday".
    fn day_of_month(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        let today = self.today?;
        let the = t.is(i, "the");
        // A day of the month opens with "the", digits or a day in words.
        if !(the || t.digits(i).is_some() || t.word(i).is_some_and(day_word)) {
            return None;
        }
        let k = if the { i + 1 } else { i };
        // The nth weekday of a month.
        let nth = t
            .word(k)
            .and_then(ordinal_word)
            .filter(|n| (1..=5).contains(n));
        if let (Some(n), Some((wd, e))) = (nth, self.weekday_at(k + 1)) {
            let ((y, m), e2) = match self.month_ref(e) {
                Some(r) => r,
                None => ((i32::from(today.year()), today.month() as u8), e),
            };
            let c = civil(y, m, 1)?.nth_weekday_of_month(n as i8, wd).ok()?;
            if c.month() as u8 != m {
                return None;
            }
            return Some((When::Day(from_civil(c)), e2));
        }
        let (d, e) = day_at(t, k, false)?;
        let mut e2 = e;
        if t.is(e2, "day") {
            e2 += 1;
        }
        if t.is(e2, "of") {
            if let Some(((y, m), e3)) = self.month_ref(e2) {
                return Some((When::Day(self.date_of(Some(y), m, Some(d))?), e3));
            }
        }
        // "the 18th" alone: this month's or the last month's, by tense.
        let digits = t.digits(k).is_some();
        let ends = t.kind(e).is_none()
            || (t.kind(e) == Some(Kind::Punct)
                && matches!(t.low(e), "." | "," | "!" | "?" | ";" | ")"));
        if !the || !digits || e2 != e || !ends {
            return None;
        }
        let this = today.first_of_month();
        let month = match self.opts.tense {
            Tense::Past if d > today.day() as u8 => add_months(this, -1)?,
            Tense::Future if d < today.day() as u8 => add_months(this, 1)?,
            _ => this,
        };
        let c = civil(i32::from(month.year()), month.month() as u8, d)?;
        Some((When::Day(from_civil(c)), e))
    }

    /// Parts of a period: "early next year", "late this month", "later this
    /// week", "the end of the year". The first or second half of a month or
    /// year; Monday to Thursday or Thursday to Monday of a week.
    fn part_of(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        if !matches!(
            t.low(i),
            "early" | "earlier" | "late" | "later" | "beginning" | "start" | "end" | "the"
        ) {
            return None;
        }
        let (early, k) = match (t.low(i), t.low(i + 1), t.low(i + 2)) {
            ("early" | "earlier", _, _) => (true, i + 1),
            ("late" | "later", _, _) => (false, i + 1),
            ("beginning" | "start", "of", _) => (true, i + 2),
            ("end", "of", _) => (false, i + 2),
            // With "the" only after a connective: "before the end of December".
            ("the", "beginning" | "start", "of") if after_opener(t, i) => (true, i + 3),
            ("the", "end", "of") if after_opener(t, i) => (false, i + 3),
            _ => return None,
        };
        let k = if (t.is(k, "in") || t.is(k, "of")) && t.is(k + 1, "the") {
            k + 1
        } else {
            k
        };
        let today = self.today?;
        let (inner, e) = match (t.low(k), t.low(k + 1)) {
            ("the" | "this", "week" | "month" | "year") | ("week" | "month" | "year", _)
                if t.low(k) != "this" =>
            {
                let k2 = if t.is(k, "the") { k + 1 } else { k };
                let w = match t.low(k2) {
                    "week" => When::Span(monday_of(today)?, add_days(monday_of(today)?, 7)?),
                    "month" => When::Day(Date::ym(i32::from(today.year()), today.month() as u8)),
                    _ => When::Day(Date::year(i32::from(today.year()))),
                };
                (w, k2 + 1)
            }
            _ => self
                .period(k)
                .or_else(|| self.calendar(k))
                .or_else(|| year_at(t, k).map(|(y, e)| (When::Day(Date::year(y)), e)))?,
        };
        let (s, end) = match inner {
            When::Span(s, e) => (s, e),
            When::Day(Date {
                year: Some(y),
                month: Some(m),
                day: None,
            }) => {
                let s = civil(y, m, 1)?;
                (s, add_months(s, 1)?)
            }
            When::Day(Date {
                year: Some(y),
                month: None,
                day: None,
            }) => {
                let s = civil(y, 1, 1)?;
                (s, add_months(s, 12)?)
            }
            _ => return None,
        };
        let len = end.since(s).ok()?.get_days();
        let mid = match len {
            7 => add_days(s, 3)?,
            28..=31 => add_days(s, 15)?,
            _ => add_months(s, i64::from(len / 60))?,
        };
        // "later this week": what is left of it from today.
        let later = t.is(i, "later") && len == 7;
        let mid = if later { mid.max(today) } else { mid };
        let w = if early {
            When::Span(s, mid)
        } else {
            When::Span(mid, end)
        };
        Some((w, e))
    }

    /// "mid-April", "mid-2023", "mid-March 2020": the month or year itself;
    /// "mid" narrows the reading, not the granularity.
    fn mid(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        if !t.is(i, "mid") || !t.is(i + 1, "-") || !t.glued(i + 1) {
            return None;
        }
        let k = i + 2;
        if let Some((m, e, _)) = month_at(t, k) {
            if let Some((y, e2)) = year_at(t, comma(t, e)) {
                return Some((When::Day(Date::ym(y, m)), e2));
            }
            let y = self.year_for(m, None);
            return Some((
                When::Day(Date {
                    year: y,
                    month: Some(m),
                    day: None,
                }),
                e,
            ));
        }
        let (y, e) = year_at(t, k)?;
        Some((When::Day(Date::year(y)), e))
    }

    /// Weeks: "the week of September 16th", "the week starting February 4",
    /// "w/c Feb 4", "the first week of October", "the last week of 2019".
    fn week_of(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        let w0 = t.low(i);
        if !(matches!(w0, "the" | "w" | "last" | "week" | "month") || ordinal_word(w0).is_some()) {
            return None;
        }
        let k = if t.is(i, "the") { i + 1 } else { i };
        let week = |s: Civil| -> Option<When> { Some(When::Span(s, add_days(s, 7)?)) };
        // "w/c Feb 4"
        if t.is(k, "w") && t.is(k + 1, "/") && t.is(k + 2, "c") {
            let (w, e) = self.calendar(k + 3)?;
            let When::Day(d) = w else { return None };
            return Some((week(civil(d.year?, d.month?, d.day?)?)?, e));
        }
        let nth = match t.low(k) {
            "last" => Some(-1),
            w => ordinal_word(w)
                .filter(|n| (1..=5).contains(n))
                .map(i64::from),
        };
        let k2 = if nth.is_some() { k + 1 } else { k };
        if !t.is(k2, "week") && !t.is(k2, "month") {
            return None;
        }
        let is_month = t.is(k2, "month");
        let rel = t.low(k2 + 1);
        let on = usize::from(t.is(k2 + 2, "on"));
        let anchor = match rel {
            "of" if nth.is_none() => Some((k2 + 2, false)),
            "starting" | "beginning" | "commencing" if !is_month && nth.is_none() => {
                Some((k2 + 2 + on, true))
            }
            _ => None,
        };
        if let Some((a, starts)) = anchor {
            let (w, e) = self.calendar(a).or_else(|| self.numeric(a))?;
            let When::Day(d) = w else { return None };
            if is_month {
                let s = civil(d.year?, d.month?, 1)?;
                return Some((When::Span(s, add_months(s, 1)?), e));
            }
            let c = civil(d.year?, d.month?, d.day?)?;
            return Some((week(if starts { c } else { monday_of(c)? })?, e));
        }
        // "the first week of October": weeks counted Monday to Monday, the
        // first one being the week that holds the 4th (as ISO weeks do).
        let n = nth?;
        if is_month || rel != "of" {
            return None;
        }
        let a = k2 + 2;
        let (first, last, e) = if let Some((y, e)) = year_at(t, a) {
            (civil(y, 1, 4)?, civil(y, 12, 28)?, e)
        } else {
            let ((y, m), e) = self.month_ref(a)?;
            let f = civil(y, m, 4)?;
            (f, add_days(f.last_of_month(), -3)?, e)
        };
        let s = if n > 0 {
            add_days(monday_of(first)?, 7 * (n - 1))?
        } else {
            monday_of(last)?
        };
        Some((week(s)?, e))
    }

    fn quarter(&self, i: usize) -> Option<(When, usize)> {
        let t = self.t;
        let qh = |k: usize| -> Option<(u8, u8, usize)> {
            let w = t.word(k)?;
            let (len, k2) = match w {
                "q" => (3, k + 1),
                "h" => (6, k + 1),
                _ => return None,
            };
            if !t.glued(k2) {
                return None;
            }
            let n: u8 = t.digits(k2)?.parse().ok()?;
            let max = if len == 3 { 4 } else { 2 };
            (1..=max).contains(&n).then_some((len, n, k2 + 1))
        };
        let ordinal_q = |k: usize| -> Option<(u8, u8, usize)> {
            let k = if t.is(k, "the") { k + 1 } else { k };
            let (n, e) = if let Some(n) = t.word(k).and_then(ordinal_word) {
                (n, k + 1)
            } else {
                let d: u32 = t.digits(k)?.parse().ok()?;
                if !t.glued(k + 1) || !matches!(t.low(k + 1), "st" | "nd" | "rd" | "th") {
                    return None;
                }
                (d, k + 2)
            };
            let (len, max) = match t.low(e) {
                "quarter" => (3, 4),
                "half" => (6, 2),
                _ => return None,
            };
            (1..=max).contains(&n).then_some((len, n as u8, e + 1))
        };
        let mk = |y: Option<i32>, len: u8, n: u8| -> Option<When> {
            let first = (n - 1) * len + 1;
            // Without a year, the quarter as the tense reads it: "sold in Q4"
            // written in March is last year's.
            let y = match (y, self.today) {
                (Some(y), _) => y,
                (None, Some(d)) => {
                    let (ty, m) = (i32::from(d.year()), d.month() as u8);
                    match self.opts.tense {
                        Tense::Past if first > m => ty - 1,
                        Tense::Future if first + len <= m => ty + 1,
                        _ => ty,
                    }
                }
                (None, None) => return None,
            };
            let s = civil(y, first, 1)?;
            Some(When::Span(s, add_months(s, i64::from(len))?))
        };
        // Year first: "2016 Q3", "2017-q1", "2016H2", "2016 the third quarter".
        if let Some((y, e)) = year_at(t, i) {
            let e1 = if t.is(e, "-") && t.glued(e) { e + 1 } else { e };
            if let Some((len, n, e2)) =
                qh(e1).or_else(|| if t.glued(e1) { None } else { ordinal_q(e1) })
            {
                return Some((mk(Some(y), len, n)?, e2));
            }
            // "2016H2": the letter is glued to the year.
            if t.glued(e) {
                if let Some((len, n, e2)) = qh(e) {
                    return Some((mk(Some(y), len, n)?, e2));
                }
            }
            return None;
        }
        let (len, n, e) = qh(i).or_else(|| ordinal_q(i))?;
        // "of 2016", "2016", "this year", "of the year"
        let e1 = if t.is(e, "of") || t.is(e, "in") {
            e + 1
        } else {
            e
        };
        if let Some((y, e2)) = year_at(t, e1) {
            return Some((mk(Some(y), len, n)?, e2));
        }
        if let Some(today) = self.today {
            let ty = i32::from(today.year());
            let rel = match (t.low(e1), t.low(e1 + 1)) {
                ("this" | "the", "year") => Some(ty),
                ("next", "year") => Some(ty + 1),
                ("last", "year") => Some(ty - 1),
                _ => None,
            };
            if let Some(y) = rel {
                return Some((mk(Some(y), len, n)?, e1 + 2));
            }
        }
        // A bare quarter is this year's; a bare half ("H2") is too vague.
        if qh(i).is_some_and(|(len, _, _)| len == 3) {
            return Some((mk(None, len, n)?, e));
        }
        None
    }
}

impl Toks<'_> {
    /// A year at `i`, for lookahead that must not read a year as a day.
    fn year_like(&self, i: usize) -> Option<i32> {
        year_at(self, i).map(|(y, _)| y)
    }
}

/// The first day a `When` covers, and the day after its last, when known.
fn bounds(w: When) -> (Date, Option<Date>) {
    match w {
        When::Day(d) => (d, None),
        When::Span(s, e) => (from_civil(s), Some(from_civil(e))),
    }
}

/// Time elapsed from `a` to `b`, at the coarser granularity of the two:
/// whole years or months when both ends fall on the first of a month.
fn elapsed(a: Date, b: Date) -> Option<Duration> {
    let (ya, yb) = (a.year?, b.year?);
    let months = |ma: u8, mb: u8| {
        let n = (yb - ya) * 12 + i32::from(mb) - i32::from(ma);
        if n % 12 == 0 {
            Duration::new(f64::from(n / 12), DurationUnit::Year)
        } else {
            Duration::new(f64::from(n), DurationUnit::Month)
        }
    };
    let d = match (a.month, a.day, b.month, b.day) {
        (Some(ma), Some(1), Some(mb), Some(1)) => months(ma, mb),
        // "the next two years": whole months when the day of the month agrees.
        (Some(ma), Some(da), Some(mb), Some(db)) if da == db => months(ma, mb),
        (Some(ma), Some(da), Some(mb), Some(db)) => {
            let (ca, cb) = (civil(ya, ma, da)?, civil(yb, mb, db)?);
            let days = cb.since(ca).ok()?.get_days();
            Duration::new(f64::from(days), DurationUnit::Day)
        }
        (Some(ma), _, Some(mb), _) => months(ma, mb),
        _ => Duration::new(f64::from(yb - ya), DurationUnit::Year),
    };
    (d.amount.value >= 0.0).then_some(d)
}

fn interval(start: Option<Date>, end: Option<Date>) -> Value {
    let elapsed = match (start, end) {
        (Some(s), Some(e)) => elapsed(s, e),
        _ => None,
    };
    Value::Interval(Interval {
        start,
        end,
        elapsed,
    })
}

fn value_of(w: When) -> Value {
    match w {
        When::Day(d) => Value::Date(d),
        When::Span(s, e) => interval(Some(from_civil(s)), Some(from_civil(e))),
    }
}

/// A day number standing for a date whose month comes later: the "4" of
/// "from 4 to 22 January".
fn bare_day(t: &Toks, i: usize) -> Option<(u8, usize)> {
    let k = if t.is(i, "the") { i + 1 } else { i };
    day_at(t, k, false)
}

/// The first day after `d`'s own span: 2016 → 2017, 2016-12 → 2017-01.
fn after(d: Date) -> Option<Date> {
    let y = d.year?;
    Some(match (d.month, d.day) {
        (Some(m), Some(day)) => from_civil(add_days(civil(y, m, day)?, 1)?),
        (Some(12), None) => Date::ym(y + 1, 1),
        (Some(m), None) => Date::ym(y, m + 1),
        _ => Date::year(y + 1),
    })
}

/// Words opening an open interval, how many tokens they take, and whether
/// the interval starts (true) or ends (false) at what follows. "after"
/// starts the day after.
fn opener(t: &Toks, i: usize) -> Option<(Qualifier, bool, usize)> {
    let w = t.word(i)?;
    let on = usize::from(t.is(i + 1, "on") || t.is(i + 1, "in") || t.is(i + 1, "from"));
    Some(match (w, t.low(i + 1), t.low(i + 2)) {
        ("since", _, _) => (Qualifier::Since, false, 1),
        ("starting" | "beginning", _, _) => (Qualifier::Since, false, 1 + on),
        ("after", _, _) => (Qualifier::Since, true, 1),
        ("later" | "greater", "than", _) => (Qualifier::Since, true, 2),
        ("until" | "till" | "before", "end" | "the", _) => (Qualifier::Until, true, 1),
        ("by", "end" | "the", _) => (Qualifier::Until, true, 1),
        ("until" | "till" | "before", _, _) => (Qualifier::Until, false, 1),
        ("earlier", "than", _) => (Qualifier::Until, false, 2),
        ("no" | "not", "later", "than") => (Qualifier::Until, true, 3),
        _ => return None,
    })
}

pub(crate) fn at(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    // Open intervals: "since 2011", "until 1945", "after 2016", "no later than 2010".
    if let Some((q, past_it, n)) = opener(t, i) {
        let (when, e) = cx.single(i + n, true)?;
        let (s, e_end) = bounds(when);
        let v = if q == Qualifier::Since {
            // "after 2016" starts in 2017, but "after January 1" on that day.
            let start = if past_it && s.day.is_none() {
                after(s)?
            } else {
                s
            };
            let today = cx.today.map(from_civil).filter(|d| *d >= start);
            interval(Some(start), today)
        } else {
            // "before 2018" ends where 2018 starts; "no later than 2010" where it ends.
            let end = match e_end {
                Some(e) if past_it => e,
                None if past_it && s.day.is_none() => after(s)?,
                _ => s,
            };
            interval(None, Some(end))
        };
        return Some(Cand::new(i, e, v).with(q));
    }
    let r = range(cx, i);
    let prev = if i > 0 { t.low(i - 1) } else { "" };
    // A bare four-digit number is a year only where a year is expected.
    let year_ctx = matches!(
        prev,
        "in" | "of"
            | "from"
            | "during"
            | "between"
            | "to"
            | "and"
            | "through"
            | "circa"
            | "year"
            | "by"
            | "early"
            | "late"
            | "mid"
            | "summer"
            | "spring"
            | "autumn"
            | "fall"
            | "winter"
    ) || (i == 0 && t.len() == 1);
    let single = cx
        .single(i, year_ctx)
        .map(|(when, e)| Cand::new(i, e, value_of(when)));
    longer(r, single)
}

/// The longer of two readings; the first on a tie.
fn longer(a: Option<Cand>, b: Option<Cand>) -> Option<Cand> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.end > a.end { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// "from 1910 to 1945", "1910-1945", "between 4 and 22 January", "November 19-20".
fn range(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    let (between, k) = match t.word(i) {
        Some("from") => (false, i + 1),
        Some("between") => (true, i + 1),
        _ => (false, i),
    };
    let connective = |j: usize| -> Option<usize> {
        let ok = if between {
            t.is(j, "and") || t.is(j, "-") || t.is(j, "through")
        } else {
            matches!(
                t.low(j),
                "to" | "till" | "until" | "through" | "thru" | "-" | "\u{2013}"
            )
        };
        ok.then_some(j + 1)
    };
    if let Some(c) = weekdays_in_week(cx, i) {
        return Some(c);
    }
    // "November between 19 and 20"
    if let Some((m, e, _)) = month_at(t, i).filter(|_| t.is(i + 1, "between")) {
        let (d1, e1) = bare_day(t, e + 1)?;
        let (d2, e2) = bare_day(t, e1 + 1).filter(|_| t.is(e1, "and"))?;
        let a = cx.date_of(None, m, Some(d1))?;
        let b = Date { day: Some(d2), ..a };
        return (d2 > d1)
            .then(|| Cand::new(i, e2, interval(Some(a), Some(b))).with(Qualifier::Range));
    }
    // Cheap look-ahead: no connective near, no range.
    let near = (k..(k + 12).min(t.len())).any(|j| {
        matches!(
            t.low(j),
            "to" | "till" | "until" | "through" | "thru" | "-" | "\u{2013}" | "and"
        )
    });
    if !near {
        return None;
    }
    longer(
        full_range(cx, i, k, &connective),
        day_range(cx, i, k, &connective),
    )
}

/// "next week between Wednesday and Friday", "this week from Tue to Thur".
fn weekdays_in_week(cx: &Ctx, i: usize) -> Option<Cand> {
    let t = cx.t;
    let off = match (t.low(i), t.low(i + 1)) {
        ("this" | "current", "week") => 0,
        ("next" | "following" | "coming", "week") => 1,
        ("last" | "previous" | "past", "week") => -1,
        _ => return None,
    };
    let (between, k) = match t.low(i + 2) {
        "between" => (true, i + 3),
        "from" => (false, i + 3),
        _ => return None,
    };
    let (a, e) = cx.weekday_at(k)?;
    let link = if between { "and" } else { "to" };
    if !t.is(e, link) && !t.is(e, "-") {
        return None;
    }
    let (b, e2) = cx.weekday_at(e + 1)?;
    let s = cx.weekday_in_week(a, off)?;
    let f = cx.weekday_in_week(b, off)?;
    (f > s).then(|| {
        Cand::new(i, e2, interval(Some(from_civil(s)), Some(from_civil(f)))).with(Qualifier::Range)
    })
}

/// Both ends dates in their own right: "from 1910 to 1945", "Oct. 2 to October 22",
/// "between now and November 15th", and "November 19-20".
fn full_range(
    cx: &Ctx,
    i: usize,
    k: usize,
    connective: &dyn Fn(usize) -> Option<usize>,
) -> Option<Cand> {
    let t = cx.t;
    let now_at = |j: usize| -> Option<(When, usize)> {
        t.is(j, "now").then_some(())?;
        Some((When::Day(from_civil(cx.today?)), j + 1))
    };
    let (lw, le) = cx.single(k, true).or_else(|| now_at(k))?;
    let r0 = connective(le)?;
    if let Some((rw, re)) = cx.single(r0, true).or_else(|| now_at(r0)) {
        let (mut ls, _) = bounds(lw);
        let (rs, rend) = bounds(rw);
        // Year ranges need the end after the start: "1910-1945", not "2019-11".
        if ls.month.is_none() && rs.month.is_none() && rs.year <= ls.year {
            return None;
        }
        let mut end = rend.unwrap_or(rs);
        if ls.year.is_none() && rs.year.is_some() && ls.month.is_some() {
            ls.year = rs.year;
            if ls > rs {
                ls.year = rs.year.map(|y| y - 1);
            }
        }
        // Day-and-month ends read in the past can land before the start
        // ("from 10/1 to 11/7"): the end belongs to the start's year.
        if end < ls && end.month.is_some() && ls.year.is_some() {
            let mut e2 = end;
            e2.year = ls.year;
            if e2 >= ls && civil(e2.year?, e2.month?, e2.day.unwrap_or(1)).is_some() {
                end = e2;
            } else {
                return None;
            }
        }
        return Some(Cand::new(i, re, interval(Some(ls), Some(end))).with(Qualifier::Range));
    }
    // "November 19-20", "Oct 2 to 22": the right side is a bare day.
    if let (When::Day(ld), Some((d, re))) = (lw, bare_day(t, r0)) {
        if ld.day.is_some_and(|l| d > l) && ld.month.is_some() {
            let rd = Date { day: Some(d), ..ld };
            return Some(Cand::new(i, re, interval(Some(ld), Some(rd))).with(Qualifier::Range));
        }
    }
    None
}

/// Bare days whose month follows: "from 4 to 22 January, 1995", "between 4
/// and 22 this month", "4-23 next month".
fn day_range(
    cx: &Ctx,
    i: usize,
    k: usize,
    connective: &dyn Fn(usize) -> Option<usize>,
) -> Option<Cand> {
    let t = cx.t;
    let (d1, le) = bare_day(t, k)?;
    if k == i && !matches!(t.low(le), "-" | "to" | "till" | "until" | "through") {
        return None;
    }
    let r0 = connective(le)?;
    // "from 4 to January 22, 1995": the right side names the month.
    if let Some((When::Day(rd), e)) = cx.calendar(r0) {
        if rd.day.is_some() && rd.month.is_some() && rd.day > Some(d1) {
            let ld = Date {
                day: Some(d1),
                ..rd
            };
            return Some(Cand::new(i, e, interval(Some(ld), Some(rd))).with(Qualifier::Range));
        }
    }
    let (d2, re) = bare_day(t, r0)?;
    if d2 <= d1 {
        return None;
    }
    let ((y, m), e) = cx.month_ref(re)?;
    let a = cx.date_of(Some(y), m, Some(d1))?;
    let b = cx.date_of(Some(y), m, Some(d2))?;
    Some(Cand::new(i, e, interval(Some(a), Some(b))).with(Qualifier::Range))
}
