//! The value scanner: finds numbers, money, percentages, ordinals, durations,
//! times of day, dates and intervals in running English text, with byte-span
//! provenance.

mod dates;
mod lex;
mod numbers;
mod quantities;

use std::ops::Range;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::value::{Date, Duration, Value, ValueKind};
use lex::{Kind, TokBufs, Toks};

/// How a mention bounds its value, as the text says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Qualifier {
    /// "about", "around", "nearly", "almost", "some", "roughly".
    Approximately,
    /// "at least", "no fewer than".
    AtLeast,
    /// "at most", "up to", "no more than".
    AtMost,
    /// "more than", "over", "above", "upwards of".
    MoreThan,
    /// "less than", "under", "fewer than", "below".
    LessThan,
    /// An interval open at its end: "since 2011", "starting in May".
    Since,
    /// An interval open at its start: "until 1945", "before 2010".
    Until,
    /// Both ends given: "1910-1945", "from $5 to $10", "between 4 and 22".
    Range,
}

/// Which reading a relative date takes when the text does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Tense {
    /// News reports past events: "on Thursday" is the latest Thursday on or
    /// before the reference date, "March 16" the latest March 16.
    #[default]
    Past,
    /// Announcements and plans: "on Thursday" is the next Thursday on or after
    /// the reference date.
    Future,
}

/// Options for [`scan`].
///
/// ```
/// use corroborate::{scan, Date, ScanOptions, Value};
/// let opts = ScanOptions::new().reference(Date::ymd(2023, 3, 16));
/// let found = scan("It closed on Tuesday.", &opts);
/// assert_eq!(found[0].value, Value::Date(Date::ymd(2023, 3, 14)));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ScanOptions {
    reference: Option<Date>,
    tense: Tense,
    kinds: u16,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            reference: None,
            tense: Tense::Past,
            kinds: u16::MAX,
        }
    }
}

fn kind_bit(k: ValueKind) -> u16 {
    let pos = ValueKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    1 << pos
}

impl ScanOptions {
    /// No reference date, past tense, every kind.
    pub fn new() -> Self {
        Self::default()
    }

    /// The date the text was written (an article's publication date). Relative
    /// dates ("yesterday", "on Thursday", "last year") and open intervals
    /// ("since 2011") are resolved against it; without it they are not reported,
    /// and day-and-month dates keep an unknown year.
    pub fn reference(mut self, date: Date) -> Self {
        self.reference = Some(date);
        self
    }

    /// The reading of ambiguous relative dates; past by default.
    pub fn tense(mut self, tense: Tense) -> Self {
        self.tense = tense;
        self
    }

    /// Report only values of these kinds. A disabled kind also stops that
    /// recogniser from swallowing the number inside it: with only
    /// [`ValueKind::Number`] enabled, "$20" yields the number 20.
    pub fn kinds(mut self, kinds: &[ValueKind]) -> Self {
        self.kinds = kinds.iter().fold(0, |acc, k| acc | kind_bit(*k));
        self
    }

    pub(crate) fn wants(&self, k: ValueKind) -> bool {
        self.kinds & kind_bit(k) != 0
    }

    fn reference_civil(&self) -> Option<jiff::civil::Date> {
        let r = self.reference?;
        jiff::civil::Date::new(r.year?.try_into().ok()?, r.month? as i8, r.day? as i8).ok()
    }
}

/// One value found in a text.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ValueMention {
    /// Byte range of the mention in the scanned text; always on char boundaries.
    ///
    /// The span covers the words that give the value. Comparative qualifiers
    /// ("more than", "about") lie just before it and are reported in
    /// [`qualifier`](Self::qualifier); connectives that make an interval
    /// ("since", "from … to", "between … and") are part of the span.
    pub span: Range<usize>,
    /// The text of the span, as written.
    pub text: String,
    /// The typed, normalised value.
    pub value: Value,
    /// How the text bounds the value, if it does.
    pub qualifier: Option<Qualifier>,
}

impl ValueMention {
    /// The kind of the value.
    pub fn kind(&self) -> ValueKind {
        self.value.kind()
    }

    /// True when this mention and `other` state the same value; see [`values_agree`].
    pub fn agrees_with(&self, other: &ValueMention) -> bool {
        values_agree(&self.value, &other.value)
    }
}

/// True when two scanned values state the same thing.
///
/// Numbers, money and percentages agree when their bounds overlap (money
/// also needs the same currency). Durations agree when their lengths in
/// seconds overlap within a day's slack. Intervals agree when their ends
/// are compatible dates where both give them (an end at the reference date
/// may differ if the elapsed times agree). An interval whose elapsed time is
/// known compares to a duration by that elapsed time, so with reference
/// date 2023-03-16 "first since 2011" (`(2011,2023-03-16,P12Y)`) agrees with
/// "first in 12 years" (`P12Y`) and not with "in a century" (`P100Y`).
/// Dates agree when one lies within the other (`2023` and `2023-03-16`).
/// Anything else agrees when equal.
///
/// ```
/// use corroborate::{scan, values_agree, Date, ScanOptions};
/// let opts = ScanOptions::new().reference(Date::ymd(2023, 3, 16));
/// let since = &scan("the first win since 2011", &opts)[1];
/// let years = &scan("the first win in 12 years", &opts)[1];
/// let century = &scan("the first win in a century", &opts)[1];
/// assert!(values_agree(&since.value, &years.value));
/// assert!(!values_agree(&since.value, &century.value));
/// ```
pub fn values_agree(a: &Value, b: &Value) -> bool {
    fn as_duration(v: &Value) -> Option<Duration> {
        match v {
            Value::Duration(d) => Some(*d),
            Value::Interval(i) => i.elapsed,
            _ => None,
        }
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) | (Value::Percent(x), Value::Percent(y)) => {
            x.overlaps(y)
        }
        (Value::Money(x), Value::Money(y)) => {
            x.currency == y.currency && x.amount.overlaps(&y.amount)
        }
        (Value::Date(x), Value::Date(y)) => x.compatible(y),
        // Two intervals: the same ends, where both texts give them. An end at
        // the reference date ("since 2011") moves with the article, so such
        // ends may differ by the slack of the elapsed times.
        (Value::Interval(x), Value::Interval(y)) => {
            let meet = |p: Option<Date>, q: Option<Date>| match (p, q) {
                (Some(p), Some(q)) => p.compatible(&q),
                _ => true,
            };
            let elapsed_agree = match (x.elapsed, y.elapsed) {
                (Some(p), Some(q)) => durations_agree(&p, &q),
                _ => false,
            };
            meet(x.start, y.start) && (meet(x.end, y.end) || elapsed_agree)
        }
        _ => match (as_duration(a), as_duration(b)) {
            (Some(x), Some(y)) => durations_agree(&x, &y),
            _ => a == b,
        },
    }
}

/// Lengths overlap within a day's slack, or a twentieth of the shorter
/// length when that is less: a day is nothing against 12 years, but all the
/// difference between an 11-hour and a 14-hour crossing.
fn durations_agree(a: &Duration, b: &Duration) -> bool {
    let (x, y) = (a.seconds(), b.seconds());
    let slack = (x.low.abs().min(y.low.abs()) / 20.0).min(86_400.0);
    x.low - slack <= y.high && y.low - slack <= x.high
}

/// A value found between tokens `[start, end)`.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub value: Value,
    pub qualifier: Option<Qualifier>,
}

impl Cand {
    pub fn new(start: usize, end: usize, value: Value) -> Self {
        Cand {
            start,
            end,
            value,
            qualifier: None,
        }
    }

    pub fn with(mut self, q: Qualifier) -> Self {
        self.qualifier = Some(q);
        self
    }
}

/// Finds every value mention in `text`, left to right, without overlaps.
///
/// At each position the longest reading wins: "$52 billion" is one money
/// mention, not a number; "March 16, 2023" one date. Numbers glued to other
/// letters ("180ml", "A380") are not reported.
///
/// ```
/// use corroborate::{scan, ScanOptions, Value};
/// let found = scan("Revenue rose 64% to $52 billion.", &ScanOptions::new());
/// let shown: Vec<String> = found.iter().map(|m| m.value.to_string()).collect();
/// assert_eq!(shown, ["64%", "52000000000 USD"]);
/// assert_eq!(&found[1].text, "$52 billion");
/// ```
pub fn scan(text: &str, options: &ScanOptions) -> Vec<ValueMention> {
    let mut out = Vec::new();
    scan_into(text, options, &mut Scratch::default(), &mut out);
    out
}

/// Buffers for [`scan_into`], kept from one text to the next so that a
/// reader of many lines does not allocate them for each.
#[derive(Default)]
pub(crate) struct Scratch {
    lower: String,
    bufs: TokBufs,
}

/// [`scan`], appending to `out`, in the buffers of `scratch`.
pub(crate) fn scan_into(
    text: &str,
    options: &ScanOptions,
    scratch: &mut Scratch,
    out: &mut Vec<ValueMention>,
) {
    let lower = &mut scratch.lower;
    lower.clear();
    lower.push_str(text);
    lower.make_ascii_lowercase();
    let t = Toks::with_bufs(text, lower, std::mem::take(&mut scratch.bufs));
    let ctx = Ctx {
        t: &t,
        opts: options,
        today: options.reference_civil(),
        single_seen: std::cell::Cell::new(None),
    };
    let mut i = 0;
    while i < t.len() {
        match ctx.best_at(i) {
            Some(c) => {
                let span = t.start(c.start)..t.end_before(c.end);
                // "about" qualifies quantities; "bring about today's" is no approximation.
                let quantity = matches!(
                    c.value.kind(),
                    ValueKind::Number | ValueKind::Money | ValueKind::Percent | ValueKind::Duration
                );
                let qualifier = c.qualifier.or_else(|| {
                    quantity
                        .then(|| quantities::qualifier_before(&t, c.start))
                        .flatten()
                        // "spend £2bn over five years": over a time is across it.
                        .filter(|_| {
                            !(c.value.kind() == ValueKind::Duration
                                && c.start > 0
                                && t.is(c.start - 1, "over"))
                        })
                });
                let below = quantities::just_below(&t, c.start);
                let value = quantities::apply_qualifier(c.value, qualifier, below);
                out.push(ValueMention {
                    text: text.get(span.clone()).unwrap_or("").to_string(),
                    span,
                    value,
                    qualifier,
                });
                i = c.end.max(i + 1);
            }
            None => i += 1,
        }
    }
    scratch.bufs = t.into_bufs();
}

/// True when token `i` can begin some value. Most words cannot, and
/// skipping them early keeps the scanner fast on running text.
fn could_start(t: &Toks, i: usize) -> bool {
    could_start_within(t, i, 3)
}

/// `could_start` looking through at most `depth` connectors ("from the"),
/// so that a run of them cannot recurse deeply.
fn could_start_within(t: &Toks, i: usize, depth: u8) -> bool {
    match t.kind(i) {
        Some(Kind::Digits) => !numbers::in_idiom(t, i),
        Some(Kind::Punct) => {
            let o = t.orig(i);
            // A point opens only a decimal (".5"); a minus sign only what
            // can follow it. Most points and dashes are punctuation.
            (o == "." && t.glued(i + 1) && t.kind(i + 1) == Some(Kind::Digits))
                || (matches!(o, "-" | "\u{2212}")
                    && depth > 0
                    && could_start_within(t, i + 1, depth - 1))
                || quantities::currency_symbol(o).is_some()
                || numbers::vulgar(o).is_some()
        }
        Some(Kind::Word) => {
            let flags = word_flags(t.orig(i), t.low(i));
            flags & OPENS != 0
                || (flags & DOLLAR != 0 && (i + 1..i + 5).any(|k| t.is(k, "$")))
                || (flags & CONNECTS != 0
                    && (t.word(i + 1).is_some_and(follower)
                        || (depth > 0 && could_start_within(t, i + 1, depth - 1))))
        }
        None => false,
    }
}

/// The word opens a value by itself.
const OPENS: u8 = 1;
/// The word opens a value only before another value or a `follower`.
const CONNECTS: u8 = 2;
/// The word opens a value only as the prefix of a dollar sign: "US$", "A $".
const DOLLAR: u8 = 4;

/// What a word can do at the start of a value, from the recognisers' own
/// word lists. Running text repeats its words, and a dozen list look-ups
/// per word cost more than one hash look-up, so answers are kept per thread
/// (the lists are fixed, so the answer for a word never changes).
fn word_flags(orig: &str, low: &str) -> u8 {
    fn compute(orig: &str, w: &str) -> u8 {
        let opens = numbers::unit_word(w).is_some()
            || numbers::tens_word(w).is_some()
            || numbers::ordinal_word(w).is_some()
            || numbers::scale_word(w).is_some()
            || numbers::denominator_word(w).is_some()
            || dates::month_word(w).is_some()
            || dates::weekday_word(w).is_some()
            || quantities::time_unit(w, true).is_some()
            || quantities::currency_code(orig).is_some()
            || quantities::currency_symbol(orig).is_some()
            || numbers::vulgar(orig).is_some()
            || (starter(w) && !connector(w));
        let dollar = if quantities::dollar_prefix(w).is_some() {
            DOLLAR
        } else {
            0
        };
        dollar
            | if opens {
                OPENS
            } else if starter(w) {
                CONNECTS
            } else {
                0
            }
    }
    // Long words are rare and never in the lists' hot path; do not keep them.
    if orig.len() > 24 {
        return compute(orig, low);
    }
    /// The words seen on this thread: a direct-mapped cache of short words
    /// (their bytes in two words, the length and the flags), in front of a
    /// map of all of them.
    #[derive(Default)]
    struct Seen {
        fast: Vec<[u64; 3]>,
        map: crate::text::lexicon::FxMap<Box<str>, u8>,
    }
    const FAST: usize = 1024;
    thread_local! {
        static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen::default());
    }
    // A short word's bytes, zero-padded, with its length: equal keys are
    // equal words.
    let key = (orig.len() <= 16).then(|| {
        let mut a = [0u8; 8];
        let mut b = [0u8; 8];
        for (k, &byte) in orig.as_bytes().iter().enumerate() {
            if k < 8 {
                a[k] = byte;
            } else {
                b[k - 8] = byte;
            }
        }
        let (a, b) = (u64::from_le_bytes(a), u64::from_le_bytes(b));
        let slot = ((a ^ b.rotate_left(29) ^ orig.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            >> 54) as usize
            % FAST;
        (a, b, 1 << 16 | orig.len() as u64, slot)
    });
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        // Two places per word, its slot and the slot's neighbour: two
        // frequent words that share a slot would otherwise evict each other
        // on every other token.
        if let Some((a, b, len, slot)) = key {
            for e in seen.fast.get(slot..slot + 2).unwrap_or_default() {
                if e[0] == a && e[1] == b && e[2] & 0x1_00ff == len {
                    return (e[2] >> 8) as u8;
                }
            }
        }
        let f = match seen.map.get(orig) {
            Some(&f) => f,
            None => {
                let f = compute(orig, low);
                // A bound on memory for endless streams of new words.
                if seen.map.len() >= 1 << 16 {
                    seen.map.clear();
                }
                seen.map.insert(orig.into(), f);
                f
            }
        };
        if let Some((a, b, len, slot)) = key {
            if seen.fast.is_empty() {
                seen.fast = vec![[0; 3]; FAST + 1];
            }
            // The slot's word moves to the neighbour, the new word takes
            // the slot.
            if let Some(pair) = seen.fast.get_mut(slot..slot + 2) {
                pair[1] = pair[0];
                pair[0] = [a, b, len | u64::from(f) << 8];
            }
        }
        f
    })
}

/// Other words that can open a value.
fn starter(w: &str) -> bool {
    // A match compiles to length tests first: cheap for the many words that fail.
    matches!(
        w,
        "a" | "after"
            | "all"
            | "an"
            | "another"
            | "before"
            | "beginning"
            | "between"
            | "billions"
            | "boxing"
            | "by"
            | "christmas"
            | "coming"
            | "couple"
            | "current"
            | "dozens"
            | "earlier"
            | "early"
            | "end"
            | "eoy"
            | "few"
            | "following"
            | "from"
            | "full"
            | "greater"
            | "h"
            | "half"
            | "halloween"
            | "hundreds"
            | "independence"
            | "juneteenth"
            | "last"
            | "late"
            | "later"
            | "mid"
            | "midday"
            | "midnight"
            | "minus"
            | "negative"
            | "new"
            | "next"
            | "no"
            | "noon"
            | "not"
            | "now"
            | "on"
            | "past"
            | "per"
            | "percent"
            | "percentage"
            | "percents"
            | "previous"
            | "remainder"
            | "rest"
            | "q"
            | "several"
            | "since"
            | "some"
            | "start"
            | "starting"
            | "the"
            | "this"
            | "till"
            | "today"
            | "tomorrow"
            | "u"
            | "until"
            | "upcoming"
            | "valentine"
            | "w"
            | "whole"
            | "year"
            | "yesterday"
            | "ytd"
    )
}

/// Starters that open a value only when a value (or a `follower`)
/// comes next: "the" alone is no date, "the 4th" may be.
fn connector(w: &str) -> bool {
    // A match compiles to length tests first: cheap for the many words that fail.
    matches!(
        w,
        "a" | "after"
            | "an"
            | "before"
            | "between"
            | "by"
            | "from"
            | "last"
            | "next"
            | "no"
            | "not"
            | "on"
            | "past"
            | "since"
            | "the"
            | "this"
            | "till"
            | "until"
    )
}

/// Words after a connector that may continue a value.
fn follower(w: &str) -> bool {
    // A match compiles to length tests first: cheap for the many words that fail.
    matches!(
        w,
        "beginning"
            | "couple"
            | "day"
            | "dozen"
            | "end"
            | "few"
            | "hundred"
            | "later"
            | "month"
            | "quarter"
            | "start"
            | "than"
            | "week"
            | "weekend"
            | "year"
    )
}

/// What every recogniser needs.
pub(crate) struct Ctx<'a> {
    pub t: &'a Toks<'a>,
    pub opts: &'a ScanOptions,
    pub today: Option<jiff::civil::Date>,
    /// The last date read at a token, and where: see `dates`.
    pub single_seen: dates::SingleSeen,
}

impl Ctx<'_> {
    fn best_at(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        // A value never starts inside a word or a digit run: "A380", "COVID19".
        if i > 0 && t.glued(i) && matches!(t.kind(i - 1), Some(Kind::Word | Kind::Digits)) {
            return None;
        }
        // Nor in the tail of an elided word: the "s" of "it's", the "t" of "don't".
        if i > 1
            && t.glued(i)
            && t.glued(i - 1)
            && matches!(t.orig(i - 1), "'" | "\u{2019}")
            && t.kind(i - 1) == Some(Kind::Punct)
            && t.kind(i - 2) == Some(Kind::Word)
        {
            return None;
        }
        if !could_start(t, i) {
            return None;
        }
        let mut best: Option<Cand> = None;
        let mut offer = |c: Option<Cand>| {
            if let Some(c) = c.filter(|c| c.end > c.start) {
                // Nor ends inside one: "180ml", "29km".
                let bad_end = t.glued(c.end)
                    && matches!(t.kind(c.end), Some(Kind::Word | Kind::Digits))
                    && matches!(t.kind(c.end - 1), Some(Kind::Word | Kind::Digits));
                if bad_end || !self.opts.wants(c.value.kind()) {
                    return;
                }
                if best.as_ref().map_or(true, |b| c.end > b.end) {
                    best = Some(c);
                }
            }
        };
        // Dates start with words or with runs of 1, 2, 4 or 8 digits.
        if t.digits(i)
            .map_or(true, |d| matches!(d.len(), 1 | 2 | 4 | 8))
        {
            offer(dates::at(self, i));
        }
        offer(quantities::money(self, i));
        offer(quantities::percent(self, i));
        offer(quantities::clock(self, i));
        offer(quantities::duration(self, i));
        offer(quantities::ordinal(self, i));
        offer(quantities::plain_number(self, i));
        best
    }
}

#[cfg(test)]
mod tests;
