use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The kind of a [`Value`], and the kind a caller may declare for an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum ValueKind {
    /// A plain quantity.
    Number,
    /// An amount of a currency.
    Money,
    /// A percentage.
    Percent,
    /// A rank: first, 104th.
    Ordinal,
    /// A wall-clock time of day.
    Time,
    /// A calendar date at some granularity.
    Date,
    /// A date with a time of day.
    DateTime,
    /// A length of time.
    Duration,
    /// A span between two dates, possibly open at one end.
    Interval,
    /// One person's name.
    Name,
    /// A list of people's names, order ignored.
    Names,
    /// A code or identifier compared exactly after case folding: a gate, an ISBN.
    Code,
    /// Anything else, compared fuzzily.
    Text,
}

impl ValueKind {
    /// Every kind, in declaration order.
    pub const ALL: [ValueKind; 13] = [
        ValueKind::Number,
        ValueKind::Money,
        ValueKind::Percent,
        ValueKind::Ordinal,
        ValueKind::Time,
        ValueKind::Date,
        ValueKind::DateTime,
        ValueKind::Duration,
        ValueKind::Interval,
        ValueKind::Name,
        ValueKind::Names,
        ValueKind::Code,
        ValueKind::Text,
    ];

    /// The lower-case name used in option strings (`--kind ATTR=KIND`) and JSON.
    pub fn name(self) -> &'static str {
        match self {
            ValueKind::Number => "number",
            ValueKind::Money => "money",
            ValueKind::Percent => "percent",
            ValueKind::Ordinal => "ordinal",
            ValueKind::Time => "time",
            ValueKind::Date => "date",
            ValueKind::DateTime => "date_time",
            ValueKind::Duration => "duration",
            ValueKind::Interval => "interval",
            ValueKind::Name => "name",
            ValueKind::Names => "names",
            ValueKind::Code => "code",
            ValueKind::Text => "text",
        }
    }
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for ValueKind {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let t = match t.as_str() {
            "datetime" => "date_time",
            "names_list" | "authors" | "name_list" => "names",
            "percentage" => "percent",
            "integer" | "int" | "float" => "number",
            "id" | "identifier" | "gate" => "code",
            other => other,
        };
        ValueKind::ALL
            .into_iter()
            .find(|k| k.name() == t)
            .ok_or_else(|| {
                crate::Error::new(
                    crate::ErrorKind::Config,
                    format!(
                        "unknown value kind {s:?}; expected one of: {}",
                        ValueKind::ALL.map(|k| k.name()).join(", ")
                    ),
                )
            })
    }
}

/// A quantity with approximate bounds: `value` is the best reading, and the
/// truth is believed to lie in `[low, high]`.
///
/// An exact number has `low == value == high`. "About 30" might be
/// `27..=33`; "more than a decade" has an infinite `high`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Number {
    /// The best single reading.
    pub value: f64,
    /// The least the quantity is believed to be.
    pub low: f64,
    /// The most the quantity is believed to be.
    pub high: f64,
}

impl Number {
    /// An exact number.
    pub fn exact(value: f64) -> Self {
        Number {
            value,
            low: value,
            high: value,
        }
    }

    /// A number believed to lie in `[low, high]`, best read as `value`.
    pub fn approx(value: f64, low: f64, high: f64) -> Self {
        Number { value, low, high }
    }

    /// True when the bounds are a single point.
    pub fn is_exact(&self) -> bool {
        self.low == self.value && self.high == self.value
    }

    /// True when the two numbers' bound intervals meet.
    pub fn overlaps(&self, other: &Number) -> bool {
        self.low <= other.high && other.low <= self.high
    }
}

impl fmt::Display for Number {
    /// An approximate number (bounds wider than its value) is marked `~`,
    /// so that `~1200` and `1200` stay distinct in reports and read back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.is_exact() {
            f.write_str("~")?;
        }
        write_f64(f, self.value)
    }
}

/// Writes a float in the shortest form that reads back to the same float,
/// without a trailing `.0` on whole numbers: `12`, `1234.5`, `52000000000`.
pub(crate) fn write_f64(f: &mut impl fmt::Write, x: f64) -> fmt::Result {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e21 {
        write!(f, "{}", x as i128)
    } else {
        write!(f, "{x}")
    }
}

/// An amount of money in a currency.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Money {
    /// How much.
    pub amount: Number,
    /// ISO 4217 code, upper case: `USD`, `KRW`. Unknown currencies keep their folded name.
    pub currency: String,
}

/// A wall-clock time of day as the source gave it, never converted to UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ClockTime {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
    /// 0–59; rendered only when non-zero.
    pub second: u8,
    /// The UTC offset in minutes the source stated, if it stated one.
    pub offset_minutes: Option<i16>,
}

impl ClockTime {
    /// A time with no seconds and no offset.
    pub fn hm(hour: u8, minute: u8) -> Self {
        ClockTime {
            hour,
            minute,
            second: 0,
            offset_minutes: None,
        }
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        if self.second != 0 {
            write!(f, ":{:02}", self.second)?;
        }
        if let Some(off) = self.offset_minutes {
            let sign = if off < 0 { '-' } else { '+' };
            let a = off.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", a / 60, a % 60)?;
        }
        Ok(())
    }
}

/// A calendar date at year, month or day granularity; any part may be unknown.
///
/// Renders as ISO 8601 / TIMEX: `2023-03-16`, `2023-03`, `2023`, and
/// `XXXX-03-16` when the year is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Date {
    /// The year, if known.
    pub year: Option<i32>,
    /// 1–12, if known.
    pub month: Option<u8>,
    /// 1–31, if known.
    pub day: Option<u8>,
}

impl Date {
    /// A full date.
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Date {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        }
    }

    /// A month of a year.
    pub fn ym(year: i32, month: u8) -> Self {
        Date {
            year: Some(year),
            month: Some(month),
            day: None,
        }
    }

    /// A whole year.
    pub fn year(year: i32) -> Self {
        Date {
            year: Some(year),
            month: None,
            day: None,
        }
    }

    /// True when `other` lies within `self` or `self` within `other`:
    /// `2023` and `2023-03-16` are compatible, `2023-03` and `2023-04` are not.
    pub fn compatible(&self, other: &Date) -> bool {
        fn meet<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            match (a, b) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            }
        }
        meet(self.year, other.year) && meet(self.month, other.month) && meet(self.day, other.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) if (0..=9999).contains(&y) => write!(f, "{y:04}")?,
            Some(y) => write!(f, "{y}")?,
            None => f.write_str("XXXX")?,
        }
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "-{m:02}-{d:02}"),
            (Some(m), None) => write!(f, "-{m:02}"),
            (None, Some(d)) => write!(f, "-XX-{d:02}"),
            (None, None) => Ok(()),
        }
    }
}

/// A date with a wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DateTime {
    /// The day.
    pub date: Date,
    /// The time on that day, as the source gave it.
    pub time: ClockTime,
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}", self.date, self.time)
    }
}

/// The unit a [`Duration`] is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum DurationUnit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years (a decade is 10, a century 100).
    Year,
}

impl DurationUnit {
    /// The unit's approximate length in seconds, for comparing across units.
    pub fn seconds(self) -> f64 {
        match self {
            DurationUnit::Second => 1.0,
            DurationUnit::Minute => 60.0,
            DurationUnit::Hour => 3600.0,
            DurationUnit::Day => 86_400.0,
            DurationUnit::Week => 604_800.0,
            DurationUnit::Month => 2_629_746.0,
            DurationUnit::Year => 31_556_952.0,
        }
    }

    fn designator(self) -> (bool, char) {
        match self {
            DurationUnit::Second => (true, 'S'),
            DurationUnit::Minute => (true, 'M'),
            DurationUnit::Hour => (true, 'H'),
            DurationUnit::Day => (false, 'D'),
            DurationUnit::Week => (false, 'W'),
            DurationUnit::Month => (false, 'M'),
            DurationUnit::Year => (false, 'Y'),
        }
    }
}

/// A length of time, counted in one unit, with approximate bounds.
///
/// Renders as a TIMEX duration: `P12Y`, `PT70M`, `P2W`; a vague amount
/// ("years", "decades") renders its unknown count as `X`: `PXY`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Duration {
    /// How many units; `value` is NaN when the count is vague.
    pub amount: Number,
    /// The unit counted.
    pub unit: DurationUnit,
}

impl Duration {
    /// An exact count of units.
    pub fn new(amount: f64, unit: DurationUnit) -> Self {
        Duration {
            amount: Number::exact(amount),
            unit,
        }
    }

    /// The bounds in seconds, for comparing durations of different units.
    pub fn seconds(&self) -> Number {
        let s = self.unit.seconds();
        Number {
            value: self.amount.value * s,
            low: self.amount.low * s,
            high: self.amount.high * s,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (time_part, c) = self.unit.designator();
        f.write_str(if time_part { "PT" } else { "P" })?;
        if self.amount.value.is_nan() {
            f.write_str("X")?;
        } else {
            write_f64(f, self.amount.value)?;
        }
        write!(f, "{c}")
    }
}

/// A span of time between two dates, either end possibly open.
///
/// "Since 2011" read in a 2023-03-16 article is `(2011,2023-03-16,P12Y)`:
/// the interval is anchored at the reference date, and exposes its elapsed
/// duration so that it compares equal to "in 12 years".
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Interval {
    /// The first day, if the start is known.
    pub start: Option<Date>,
    /// The last day (exclusive, as in TIMEX), if the end is known.
    pub end: Option<Date>,
    /// The elapsed time between the ends, when both are known.
    pub elapsed: Option<Duration>,
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        if let Some(s) = self.start {
            write!(f, "{s}")?;
        }
        f.write_str(",")?;
        if let Some(e) = self.end {
            write!(f, "{e}")?;
        }
        f.write_str(",")?;
        if let Some(d) = self.elapsed {
            write!(f, "{d}")?;
        }
        f.write_str(")")
    }
}

/// A person's name, split into given names and family name.
///
/// "Knuth, Donald E.", "Donald E. Knuth" and "KNUTH, DONALD E." all
/// normalise to given `Donald E.`, family `Knuth`; the display form is
/// "given family".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PersonName {
    /// Given names and initials, space-separated; may be empty.
    pub given: String,
    /// The family name; for a single-word name, that word.
    pub family: String,
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.given.is_empty() {
            f.write_str(&self.family)
        } else {
            write!(f, "{} {}", self.given, self.family)
        }
    }
}

/// A typed, normalised value.
///
/// [`Display`](fmt::Display) gives the canonical rendering used in reports:
/// ISO 8601 / TIMEX for times, dates and durations, `52000000000 USD` for
/// money, `64%` for percentages, `Donald E. Knuth; Jane Doe` for name lists.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(tag = "kind", content = "value", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Value {
    /// A plain quantity.
    Number(Number),
    /// An amount of money.
    Money(Money),
    /// A percentage: `64` means 64%.
    Percent(Number),
    /// A rank.
    Ordinal(i64),
    /// A wall-clock time.
    Time(ClockTime),
    /// A date.
    Date(Date),
    /// A date and time.
    DateTime(DateTime),
    /// A length of time.
    Duration(Duration),
    /// A span between dates.
    Interval(Interval),
    /// One person.
    Name(PersonName),
    /// Several people, order ignored.
    Names(Vec<PersonName>),
    /// A code, upper-cased with inner spaces removed.
    Code(String),
    /// Free text, as written (trimmed).
    Text(String),
}

impl Value {
    /// The kind of this value.
    pub fn kind(&self) -> ValueKind {
        match self {
            Value::Number(_) => ValueKind::Number,
            Value::Money(_) => ValueKind::Money,
            Value::Percent(_) => ValueKind::Percent,
            Value::Ordinal(_) => ValueKind::Ordinal,
            Value::Time(_) => ValueKind::Time,
            Value::Date(_) => ValueKind::Date,
            Value::DateTime(_) => ValueKind::DateTime,
            Value::Duration(_) => ValueKind::Duration,
            Value::Interval(_) => ValueKind::Interval,
            Value::Name(_) => ValueKind::Name,
            Value::Names(_) => ValueKind::Names,
            Value::Code(_) => ValueKind::Code,
            Value::Text(_) => ValueKind::Text,
        }
    }

    /// The canonical rendering, as [`Display`](fmt::Display) writes it.
    pub fn canonical(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Money(m) => write!(f, "{} {}", m.amount, m.currency),
            Value::Percent(n) => write!(f, "{n}%"),
            Value::Ordinal(n) => write!(f, "{n}"),
            Value::Time(t) => write!(f, "{t}"),
            Value::Date(d) => write!(f, "{d}"),
            Value::DateTime(dt) => write!(f, "{dt}"),
            Value::Duration(d) => write!(f, "{d}"),
            Value::Interval(i) => write!(f, "{i}"),
            Value::Name(n) => write!(f, "{n}"),
            Value::Names(ns) => {
                for (i, n) in ns.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{n}")?;
                }
                Ok(())
            }
            Value::Code(c) => f.write_str(c),
            Value::Text(t) => f.write_str(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_renderings() {
        let cases: Vec<(Value, &str)> = vec![
            (Value::Number(Number::exact(1234.5)), "1234.5"),
            (
                Value::Money(Money {
                    amount: Number::exact(52e9),
                    currency: "USD".into(),
                }),
                "52000000000 USD",
            ),
            (Value::Percent(Number::exact(64.0)), "64%"),
            (Value::Time(ClockTime::hm(14, 7)), "14:07"),
            (
                Value::Time(ClockTime {
                    hour: 14,
                    minute: 7,
                    second: 0,
                    offset_minutes: Some(-300),
                }),
                "14:07-05:00",
            ),
            (Value::Date(Date::ymd(2023, 3, 16)), "2023-03-16"),
            (Value::Date(Date::ym(2019, 7)), "2019-07"),
            (Value::Date(Date::year(2011)), "2011"),
            (
                Value::DateTime(DateTime {
                    date: Date::ymd(2011, 12, 1),
                    time: ClockTime::hm(14, 7),
                }),
                "2011-12-01T14:07",
            ),
            (
                Value::Duration(Duration::new(12.0, DurationUnit::Year)),
                "P12Y",
            ),
            (
                Value::Duration(Duration::new(70.0, DurationUnit::Minute)),
                "PT70M",
            ),
            (
                Value::Interval(Interval {
                    start: Some(Date::year(2011)),
                    end: Some(Date::ymd(2023, 3, 16)),
                    elapsed: Some(Duration::new(12.0, DurationUnit::Year)),
                }),
                "(2011,2023-03-16,P12Y)",
            ),
        ];
        for (v, want) in cases {
            assert_eq!(v.canonical(), want, "{v:?}");
        }
    }

    #[test]
    fn kinds_parse_by_name() {
        for k in ValueKind::ALL {
            assert_eq!(k.name().parse::<ValueKind>().unwrap(), k);
        }
        assert!("colour".parse::<ValueKind>().is_err());
    }
}
