use std::fmt::Write as _;

use crate::fold::{fold, fold_into};
use crate::model::Score;
use crate::value::{Duration, Number, PersonName, Value};

/// The thresholds that turn value similarity into agreement.
///
/// Two values *agree* when their [`similarity`] reaches the threshold of
/// their kind; agreeing values stand in one position of a fact. Values that
/// are merely similar still lend each other partial support when sources are
/// weighed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AgreeOptions {
    /// Names and name lists agree at or above this similarity. Default 0.85:
    /// "Donald Knuth" against "Donald E. Knuth" (0.9) agrees; a list that
    /// names half the authors of another (0.5) does not.
    pub names: f64,
    /// Free text agrees at or above this normalised Levenshtein similarity
    /// of the folded strings. Default 0.9.
    pub text: f64,
    /// Numbers whose relative difference is at most this much agree, when
    /// their stated bounds do not already overlap. Default 0.0: numbers in
    /// tables are exact unless the source said "about".
    pub number_tolerance: f64,
}

impl Default for AgreeOptions {
    fn default() -> Self {
        AgreeOptions {
            names: 0.85,
            text: 0.9,
            number_tolerance: 0.0,
        }
    }
}

impl AgreeOptions {
    /// Sets the name agreement threshold.
    pub fn names(mut self, threshold: f64) -> Self {
        self.names = threshold;
        self
    }

    /// Sets the text agreement threshold.
    pub fn text(mut self, threshold: f64) -> Self {
        self.text = threshold;
        self
    }

    /// Sets the relative tolerance for numbers.
    pub fn number_tolerance(mut self, tolerance: f64) -> Self {
        self.number_tolerance = tolerance;
        self
    }

    /// Whether `a` and `b` agree: the same value for reporting purposes.
    pub fn agree(&self, a: &Value, b: &Value) -> bool {
        self.agree_at(a, b, similarity(a, b).get())
    }

    /// [`agree`](Self::agree) for a similarity `s` already computed.
    pub(crate) fn agree_at(&self, a: &Value, b: &Value, s: f64) -> bool {
        match (a, b) {
            (Value::Name(_) | Value::Names(_), Value::Name(_) | Value::Names(_)) => s >= self.names,
            (Value::Text(_), Value::Text(_)) => s >= self.text,
            (Value::Number(x), Value::Number(y)) => {
                s >= 1.0 || relative_difference(x.value, y.value) <= self.number_tolerance
            }
            (Value::Code(_), Value::Code(_)) => s >= ELIDED_PREFIX,
            _ => s >= 1.0,
        }
    }
}

/// How alike two values are, from 0 (unrelated or conflicting) to 1 (the same).
///
/// Values are compared by kind:
/// - times of day by their wall-clock reading, ignoring any date or offset
///   the sources attached; a minute apart scores 0.5, falling to 0 at
///   five minutes;
/// - numbers, money and percentages by their bounds: overlapping bounds
///   score 1, otherwise the score falls linearly to 0 at a 10% difference;
/// - dates by granularity: `2023` and `2023-03-16` are compatible (0.9);
/// - a duration against an interval's elapsed time, with approximate bounds;
/// - names by family name and compatible given names and initials, and name
///   lists by the best one-to-one matching of their names, divided by the
///   longer list's length, so a subset scores its share;
/// - codes exactly after folding; 0.9 when one is the other with a
///   leading letter qualifier left off (`C123` and `123`, a concourse or
///   terminal letter), which counts as agreement; otherwise 0.5 when one
///   ends with the other;
/// - text by normalised Levenshtein similarity of the folded strings.
///
/// Values of unrelated kinds score 0.
///
/// ```
/// use corroborate::{similarity, Value, PersonName};
/// let full = Value::Name(PersonName { given: "Donald E.".into(), family: "Knuth".into() });
/// let short = Value::Name(PersonName { given: "Donald".into(), family: "Knuth".into() });
/// assert!(similarity(&full, &short).get() > 0.8);
/// ```
pub fn similarity(a: &Value, b: &Value) -> Score {
    Score::new(raw_similarity(a, b))
}

fn raw_similarity(a: &Value, b: &Value) -> f64 {
    use Value::*;
    match (a, b) {
        (Time(_) | DateTime(_), Time(_) | DateTime(_)) => {
            let (x, y) = (clock_seconds(a), clock_seconds(b));
            match (x, y) {
                (Some(x), Some(y)) => {
                    let minutes = (x - y).abs() as f64 / 60.0;
                    let day_apart = 24.0 * 60.0 - minutes;
                    let d = minutes.min(day_apart);
                    if d == 0.0 {
                        if let (DateTime(p), DateTime(q)) = (a, b) {
                            if !p.date.compatible(&q.date) {
                                return 0.0;
                            }
                        }
                        1.0
                    } else {
                        0.5 * (1.0 - (d - 1.0) / (TIME_HORIZON_MINUTES - 1.0)).max(0.0)
                    }
                }
                _ => 0.0,
            }
        }
        (Number(x), Number(y)) | (Percent(x), Percent(y)) => number_similarity(x, y),
        (Money(x), Money(y)) if x.currency == y.currency => number_similarity(&x.amount, &y.amount),
        (Ordinal(x), Ordinal(y)) => f64::from(u8::from(x == y)),
        (Date(x), Date(y)) => {
            if x == y {
                1.0
            } else if x.compatible(y) {
                0.9
            } else {
                0.0
            }
        }
        (Duration(x), Duration(y)) => number_similarity(&x.seconds(), &y.seconds()),
        (Duration(d), Interval(i)) | (Interval(i), Duration(d)) => match &i.elapsed {
            Some(e) => number_similarity(&d.seconds(), &e.seconds()),
            None => 0.0,
        },
        (Interval(x), Interval(y)) => {
            let ends = |p: Option<crate::value::Date>, q: Option<crate::value::Date>| match (p, q) {
                (Some(p), Some(q)) => p.compatible(&q),
                _ => true,
            };
            if ends(x.start, y.start) && ends(x.end, y.end) {
                match (&x.elapsed, &y.elapsed) {
                    (Some(p), Some(q)) => number_similarity(&p.seconds(), &q.seconds()),
                    _ => 0.9,
                }
            } else {
                0.0
            }
        }
        (Name(x), Name(y)) => person_similarity(x, y),
        (Names(x), Names(y)) => list_similarity(x, y),
        (Name(x), Names(y)) | (Names(y), Name(x)) => list_similarity(std::slice::from_ref(x), y),
        (Code(x), Code(y)) => {
            let (x, y) = (code_key(x), code_key(y));
            if x == y {
                1.0
            } else if elides_letter_prefix(&x, &y) {
                ELIDED_PREFIX
            } else if !x.is_empty() && !y.is_empty() && (x.ends_with(&y) || y.ends_with(&x)) {
                0.5
            } else {
                0.0
            }
        }
        (Text(x), Text(y)) => {
            let (x, y) = (text_key(x), text_key(y));
            strsim::normalized_levenshtein(&x, &y)
        }
        _ => 0.0,
    }
}

/// Minutes apart at which two clock readings stop lending each other any
/// support. Feeds round to the minute and lag by a minute or two, so a
/// minute apart is half agreement; five minutes is past any rounding or
/// lag, and readings ten minutes apart are different events (leaving the
/// gate and taking off, an estimate and the actual time). A longer reach
/// lets a reading that sits between two camps borrow from both and outvote
/// each, though no source gave it more backing than either.
const TIME_HORIZON_MINUTES: f64 = 5.0;

/// Seconds since midnight of a time's wall-clock reading.
fn clock_seconds(v: &Value) -> Option<i32> {
    let t = match v {
        Value::Time(t) => t,
        Value::DateTime(dt) => &dt.time,
        _ => return None,
    };
    Some(i32::from(t.hour) * 3600 + i32::from(t.minute) * 60 + i32::from(t.second))
}

fn relative_difference(x: f64, y: f64) -> f64 {
    let scale = x.abs().max(y.abs());
    if scale == 0.0 {
        0.0
    } else {
        (x - y).abs() / scale
    }
}

fn number_similarity(x: &Number, y: &Number) -> f64 {
    if x.overlaps(y) {
        return 1.0;
    }
    // The gap between the bounds, relative to the larger magnitude, so that
    // "about 30" and "31" are close and 100 against 200 is not.
    let gap = if x.high < y.low {
        y.low - x.high
    } else {
        x.low - y.high
    };
    let scale = x.value.abs().max(y.value.abs()).max(f64::MIN_POSITIVE);
    let rel = gap / scale;
    if rel.is_nan() {
        0.0
    } else {
        (1.0 - rel * 10.0).max(0.0)
    }
}

/// The folded, punctuation-free words of a name part.
fn name_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// How alike two people's names are.
///
/// The family names must match (after folding; a Jaro–Winkler of 0.93 or
/// more allows for transliteration and typos). Given names then decide:
/// all compatible (an initial matches any word it begins) scores 1; one side
/// naming more given words than the other (a middle initial) 0.9; a missing
/// given name 0.8; a conflicting one 0.2.
pub(crate) fn person_similarity(a: &PersonName, b: &PersonName) -> f64 {
    let fa = name_words(&a.family).join(" ");
    let fb = name_words(&b.family).join(" ");
    let family = if fa == fb {
        1.0
    } else {
        let jw = strsim::jaro_winkler(&fa, &fb);
        if jw >= 0.93 {
            jw
        } else {
            return 0.0;
        }
    };
    let ga = name_words(&a.given);
    let gb = name_words(&b.given);
    if ga.is_empty() || gb.is_empty() {
        return family * if ga.len() == gb.len() { 1.0 } else { 0.8 };
    }
    let compatible = |x: &str, y: &str| {
        x == y
            || (x.chars().count() == 1 && y.starts_with(x))
            || (y.chars().count() == 1 && x.starts_with(y))
    };
    // Match given words in order; a word without a partner on the other side
    // is an extra middle name or initial.
    let (short, long) = if ga.len() <= gb.len() {
        (&ga, &gb)
    } else {
        (&gb, &ga)
    };
    let mut j = 0;
    let mut matched = 0;
    for w in short.iter() {
        while j < long.len() && !compatible(w, &long[j]) {
            j += 1;
        }
        if j < long.len() {
            matched += 1;
            j += 1;
        }
    }
    let given = if matched == short.len() {
        if short.len() == long.len() {
            1.0
        } else {
            0.9
        }
    } else if matched > 0 {
        0.6
    } else {
        0.2
    };
    family * given
}

/// The best one-to-one matching of two name lists, summed and divided by the
/// longer list's length. Greedy on the highest pair first, ties on position,
/// which is exact for the near-diagonal similarity matrices that name lists give.
pub(crate) fn list_similarity(a: &[PersonName], b: &[PersonName]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return f64::from(u8::from(a.is_empty() && b.is_empty()));
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::with_capacity(a.len() * b.len());
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let s = person_similarity(x, y);
            if s > 0.0 {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut total = 0.0;
    for (s, i, j) in pairs {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            total += s;
        }
    }
    total / a.len().max(b.len()) as f64
}

/// The similarity of two codes one of which leaves off the other's letter
/// qualifier, and the least at which codes agree.
const ELIDED_PREFIX: f64 = 0.9;

/// Whether one folded code is the other with only letters in front, and the
/// shorter begins with a digit: `C123` / `123`, `UA62` / `62`. Why agree:
/// sources commonly drop a concourse, terminal or carrier letter that the
/// rest of the code makes redundant, as they drop a date's year; a digit in
/// front (`112` / `12`) or a shorter code that itself begins with a letter
/// (`AB12` / `B12`) changes the number or the letter, so those stay apart.
fn elides_letter_prefix(x: &str, y: &str) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    long.len() > short.len()
        && short.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && long.ends_with(short)
        && long.as_bytes()[..long.len() - short.len()]
            .iter()
            .all(u8::is_ascii_alphabetic)
}

fn code_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    fold_into(s, &mut k);
    k.retain(char::is_alphanumeric);
    k
}

fn text_key(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    for w in f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn person_key(out: &mut String, p: &PersonName) {
    let given = name_words(&p.given).join(" ");
    let _ = write!(out, "{}|{}", name_words(&p.family).join(" "), given);
}

/// The key under which values count as the same candidate for a fact:
/// equal keys are one value, whatever the sources' spelling.
///
/// Times key on their wall-clock reading alone, so `12/01/2011 01:55 PM` and
/// `1:55pDec 1` are one candidate.
pub(crate) fn candidate_key(v: &Value) -> String {
    let mut k = String::new();
    match v {
        Value::Time(_) | Value::DateTime(_) => {
            let s = clock_seconds(v).unwrap_or(0);
            let _ = write!(k, "t{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
        }
        Value::Number(n) => {
            k.push('n');
            let _ = crate::value::write_f64(&mut k, n.value);
        }
        Value::Percent(n) => {
            k.push('%');
            let _ = crate::value::write_f64(&mut k, n.value);
        }
        Value::Money(m) => {
            let _ = write!(k, "${} {}", m.amount, m.currency);
        }
        Value::Duration(d) => {
            let Duration { amount, unit } = d;
            let _ = write!(k, "d{unit:?}{}", amount.value);
        }
        Value::Name(p) => {
            k.push('p');
            person_key(&mut k, p);
        }
        Value::Names(ps) => {
            let mut keys: Vec<String> = ps
                .iter()
                .map(|p| {
                    let mut s = String::new();
                    person_key(&mut s, p);
                    s
                })
                .collect();
            keys.sort_unstable();
            keys.dedup();
            k.push('P');
            k.push_str(&keys.join(";"));
        }
        Value::Code(c) => {
            k.push('c');
            k.push_str(&code_key(c));
        }
        Value::Text(t) => {
            k.push('x');
            k.push_str(&text_key(t));
        }
        other => {
            let _ = write!(k, "{:?}:{other}", other.kind());
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{ClockTime, Date, DateTime, DurationUnit, Interval, Money};

    fn name(given: &str, family: &str) -> PersonName {
        PersonName {
            given: given.into(),
            family: family.into(),
        }
    }

    #[test]
    fn similarity_table() {
        let knuth = name("Donald E.", "Knuth");
        let graham = name("Ronald L.", "Graham");
        let cases: Vec<(Value, Value, f64, f64)> = vec![
            // (a, b, at least, at most)
            (
                Value::Time(ClockTime::hm(13, 55)),
                Value::Time(ClockTime::hm(13, 55)),
                1.0,
                1.0,
            ),
            (
                Value::Time(ClockTime::hm(13, 55)),
                Value::DateTime(DateTime {
                    date: Date::ymd(2011, 12, 1),
                    time: ClockTime::hm(13, 55),
                }),
                1.0,
                1.0,
            ),
            (
                Value::Time(ClockTime::hm(13, 55)),
                Value::Time(ClockTime::hm(13, 56)),
                0.3,
                0.6,
            ),
            (
                Value::Time(ClockTime::hm(13, 55)),
                Value::Time(ClockTime::hm(13, 58)),
                0.2,
                0.3,
            ),
            (
                Value::Time(ClockTime::hm(13, 55)),
                Value::Time(ClockTime::hm(14, 0)),
                0.0,
                0.0,
            ),
            (
                Value::Time(ClockTime::hm(13, 55)),
                Value::Time(ClockTime::hm(14, 5)),
                0.0,
                0.0,
            ),
            (
                Value::Time(ClockTime::hm(13, 55)),
                Value::Time(ClockTime::hm(14, 55)),
                0.0,
                0.0,
            ),
            (
                Value::Time(ClockTime::hm(23, 59)),
                Value::Time(ClockTime::hm(0, 0)),
                0.3,
                0.6,
            ),
            (
                Value::Number(Number::exact(100.0)),
                Value::Number(Number::exact(100.0)),
                1.0,
                1.0,
            ),
            (
                Value::Number(Number::exact(100.0)),
                Value::Number(Number::exact(101.0)),
                0.85,
                0.95,
            ),
            (
                Value::Number(Number::exact(100.0)),
                Value::Number(Number::exact(200.0)),
                0.0,
                0.0,
            ),
            (
                Value::Number(Number::approx(30.0, 27.0, 33.0)),
                Value::Number(Number::exact(31.0)),
                1.0,
                1.0,
            ),
            (
                Value::Money(Money {
                    amount: Number::exact(5.0),
                    currency: "USD".into(),
                }),
                Value::Money(Money {
                    amount: Number::exact(5.0),
                    currency: "EUR".into(),
                }),
                0.0,
                0.0,
            ),
            (
                Value::Date(Date::year(2023)),
                Value::Date(Date::ymd(2023, 3, 16)),
                0.9,
                0.9,
            ),
            (
                Value::Date(Date::ym(2023, 3)),
                Value::Date(Date::ym(2023, 4)),
                0.0,
                0.0,
            ),
            (
                Value::Duration(crate::value::Duration::new(12.0, DurationUnit::Year)),
                Value::Interval(Interval {
                    start: Some(Date::year(2011)),
                    end: Some(Date::ymd(2023, 3, 16)),
                    elapsed: Some(crate::value::Duration::new(12.0, DurationUnit::Year)),
                }),
                1.0,
                1.0,
            ),
            (
                Value::Duration(crate::value::Duration::new(12.0, DurationUnit::Year)),
                Value::Duration(crate::value::Duration::new(100.0, DurationUnit::Year)),
                0.0,
                0.0,
            ),
            (
                Value::Name(knuth.clone()),
                Value::Name(name("Donald", "Knuth")),
                0.85,
                0.95,
            ),
            (
                Value::Name(knuth.clone()),
                Value::Name(name("D. E.", "Knuth")),
                1.0,
                1.0,
            ),
            (
                Value::Name(knuth.clone()),
                Value::Name(name("", "Knuth")),
                0.75,
                0.85,
            ),
            (
                Value::Name(knuth.clone()),
                Value::Name(name("Donald E.", "Graham")),
                0.0,
                0.0,
            ),
            (
                Value::Name(knuth.clone()),
                Value::Name(name("Peter", "Knuth")),
                0.1,
                0.3,
            ),
            (
                Value::Names(vec![knuth.clone(), graham.clone()]),
                Value::Names(vec![graham.clone(), knuth.clone()]),
                1.0,
                1.0,
            ),
            (
                Value::Names(vec![knuth.clone(), graham.clone()]),
                Value::Name(knuth.clone()),
                0.5,
                0.5,
            ),
            (
                Value::Code("B12".into()),
                Value::Code("b 12".into()),
                1.0,
                1.0,
            ),
            (
                Value::Code("B12".into()),
                Value::Code("12".into()),
                0.9,
                0.9,
            ),
            (
                Value::Code("12".into()),
                Value::Code("112".into()),
                0.5,
                0.5,
            ),
            (
                Value::Code("B12".into()),
                Value::Code("C12".into()),
                0.0,
                0.0,
            ),
            (
                Value::Text("Red House".into()),
                Value::Text("red  house!".into()),
                1.0,
                1.0,
            ),
            (
                Value::Text("cat".into()),
                Value::Number(Number::exact(1.0)),
                0.0,
                0.0,
            ),
        ];
        for (a, b, lo, hi) in cases {
            let s = similarity(&a, &b).get();
            assert!(
                (lo..=hi).contains(&s),
                "{a:?} ~ {b:?} = {s}, want {lo}..={hi}"
            );
            let r = similarity(&b, &a).get();
            assert_eq!(s, r, "similarity must be symmetric for {a:?} ~ {b:?}");
        }
    }

    #[test]
    fn codes_agree_when_a_letter_qualifier_is_left_off() {
        // (a, b, agree)
        let cases = [
            ("C123", "123", true),
            ("123", "C-123", true),
            ("A2A", "2A", true),
            ("UA62", "62", true),
            ("B12", "C12", false),
            ("112", "12", false),
            ("AB12", "B12", false),
            ("0201853949", "201853949", false),
            ("12", "12A", false),
            ("C", "", false),
        ];
        let options = AgreeOptions::default();
        for (a, b, want) in cases {
            let (x, y) = (Value::Code(a.into()), Value::Code(b.into()));
            assert_eq!(options.agree(&x, &y), want, "{a} ~ {b}");
            assert_eq!(options.agree(&y, &x), want, "{b} ~ {a}");
        }
    }

    #[test]
    fn a_reading_between_two_camps_does_not_borrow_from_both() {
        // Three equally backed readings eight and ten minutes apart. Were
        // they near-agreement, the middle one would borrow from both sides
        // and come out on top with no more backing than either.
        let mut table = String::from("source,subject,attribute,value\n");
        for (camp, time) in [("a", "20:56"), ("b", "21:04"), ("c", "21:14")] {
            for i in 0..3 {
                table.push_str(&format!("{camp}{i},F1,act_arr,{time}\n"));
            }
        }
        let mut r = crate::Reconciler::new(crate::Options::default());
        r.read_csv(table.as_bytes()).unwrap();
        let report = r.reconcile();
        let positions = &report.facts[0].positions;
        assert_eq!(positions.len(), 3);
        let middle = positions
            .iter()
            .find(|p| p.value.contains("21:04"))
            .unwrap()
            .confidence
            .get();
        for p in positions {
            assert!(
                middle <= p.confidence.get() + 1e-9,
                "21:04 at {middle} outranks {} at {}",
                p.value,
                p.confidence.get()
            );
        }
    }

    #[test]
    fn candidate_keys_merge_spellings() {
        let a = Value::Time(ClockTime::hm(13, 55));
        let b = Value::DateTime(DateTime {
            date: Date::ymd(2011, 12, 1),
            time: ClockTime {
                hour: 13,
                minute: 55,
                second: 0,
                offset_minutes: Some(-300),
            },
        });
        assert_eq!(candidate_key(&a), candidate_key(&b));
        let p = Value::Names(vec![name("Donald E.", "Knuth"), name("Ronald", "Graham")]);
        let q = Value::Names(vec![name("Ronald", "GRAHAM"), name("Donald E", "Knuth")]);
        assert_eq!(candidate_key(&p), candidate_key(&q));
        assert_ne!(
            candidate_key(&Value::Code("B12".into())),
            candidate_key(&Value::Text("B12".into()))
        );
    }
}
