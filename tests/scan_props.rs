//! Property tests for the value scanner.

use corroborate::{scan, Date, Money, Number, ScanOptions, Value};
use proptest::prelude::*;

fn opts() -> ScanOptions {
    ScanOptions::new().reference(Date::ymd(2023, 3, 16))
}

/// Words and marks the grammar reacts to, so that random texts reach deep
/// into it rather than only into the "nothing here" path.
const VOCAB: &[&str] = &[
    "1",
    "12",
    "2019",
    "1,234",
    ".5",
    "3/4",
    "$",
    "€",
    "£",
    "US",
    "%",
    "-",
    "–",
    ",",
    ".",
    "/",
    "a",
    "an",
    "the",
    "and",
    "of",
    "to",
    "from",
    "between",
    "since",
    "until",
    "before",
    "after",
    "more",
    "than",
    "about",
    "almost",
    "one",
    "twenty",
    "twenty-one",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "half",
    "quarter",
    "third",
    "first",
    "second",
    "fourth",
    "percent",
    "per",
    "cent",
    "dollars",
    "yen",
    "won",
    "years",
    "year",
    "decade",
    "decades",
    "century",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "minute",
    "ago",
    "last",
    "next",
    "this",
    "March",
    "May",
    "may",
    "Thursday",
    "Sunday",
    "Times",
    "yesterday",
    "Q3",
    "H1",
    "st",
    "th",
    "é",
    "日本",
    "🙂",
    "\u{202f}",
    "k",
    "m",
    "bn",
    "ml",
];

fn phrase() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(VOCAB),
            prop::sample::select(&[" ", "", "  ", "\n", "-"][..]),
        ),
        0..24,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, sep)| format!("{w}{sep}"))
            .collect()
    })
}

fn check_spans(text: &str) -> Result<(), TestCaseError> {
    for m in scan(text, &opts()) {
        prop_assert!(text.is_char_boundary(m.span.start), "{text:?} {m:?}");
        prop_assert!(text.is_char_boundary(m.span.end), "{text:?} {m:?}");
        prop_assert!(m.span.start < m.span.end && m.span.end <= text.len());
        prop_assert_eq!(text.get(m.span.clone()), Some(m.text.as_str()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Every span lies on char boundaries and slices to the mention's text,
    /// for texts built from the grammar's own words.
    #[test]
    fn spans_slice_to_text(text in phrase()) {
        check_spans(&text)?;
    }

    /// Arbitrary Unicode never panics, and spans still hold.
    #[test]
    fn arbitrary_unicode_is_safe(text in any::<String>()) {
        check_spans(&text)?;
    }

    /// Mentions do not overlap and come in text order.
    #[test]
    fn mentions_are_ordered(text in phrase()) {
        let found = scan(&text, &opts());
        for w in found.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "{text:?} {found:?}");
        }
    }

    /// Numbers read back from their canonical rendering, except the ones
    /// written like dates (see [`reads_as_a_date`]).
    #[test]
    fn numbers_round_trip(units in -1_000_000_000i64..1_000_000_000, scale in 0u32..4) {
        let x = units as f64 / 10f64.powi(scale as i32);
        prop_assume!(!reads_as_a_date(&Number::exact(x).to_string()));
        round_trip(Value::Number(Number::exact(x)))?;
    }

    /// Numbers in the year range with a point and a month ("2455.2",
    /// "1999.05") are the date forms found on their own.
    #[test]
    fn year_point_month_reads_as_a_date(y in 1000i32..3000, m in 1u8..=12, pad in any::<bool>()) {
        let text = if pad && m < 10 { format!("{y}.0{m}") } else { format!("{y}.{m}") };
        prop_assert!(reads_as_a_date(&text));
        let found = scan(&text, &opts());
        prop_assert_eq!(found.len(), 1, "{:?} -> {:?}", text, found);
        prop_assert_eq!(&found[0].value, &Value::Date(Date::ym(y, m)), "{}", text);
    }

    /// Money in ISO codes reads back from "52000000000 USD".
    #[test]
    fn money_round_trips(
        cents in 0u64..10_000_000_000_000,
        code in prop::sample::select(&["USD", "EUR", "GBP", "JPY", "CNY", "KRW", "INR", "CHF"][..]),
    ) {
        let amount = Number::exact(cents as f64 / 100.0);
        round_trip(Value::Money(Money { amount, currency: code.to_string() }))?;
    }

    /// Percentages read back from "64%".
    #[test]
    fn percents_round_trip(units in -100_000i64..100_000, scale in 0u32..3) {
        let x = units as f64 / 10f64.powi(scale as i32);
        round_trip(Value::Percent(Number::exact(x)))?;
    }

    /// Dates read back from ISO 8601 at day, month and year granularity.
    #[test]
    fn dates_round_trip(y in 1000i32..3000, m in 1u8..=12, d in 1u8..=28, grain in 0u8..3) {
        let date = match grain {
            0 => Date::ymd(y, m, d),
            1 => Date::ym(y, m),
            _ => Date::year(y),
        };
        round_trip(Value::Date(date))?;
    }
}

/// Whether a number's rendering is one the scanner reads as a date, on
/// purpose: a bare integer from 1000 to 2999 is a year; such a year with a
/// point and a month number ("2015.3", as in Recognizers-Text's
/// DatePeriodParser specs) is a month; and eight digits that spell a real
/// day from 1900 to 2100 ("20161016", as in its DateParser specs) are that
/// day.
fn reads_as_a_date(text: &str) -> bool {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
        let (y, m, d) = (n(0..4), n(4..6), n(6..8));
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        return (1900..=2100).contains(&y) && (1..=days).contains(&d);
    }
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let year = int.len() == 4 && int.parse::<u32>().is_ok_and(|y| (1000..3000).contains(&y));
    let month = frac.is_empty()
        || (frac.len() <= 2 && frac.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)));
    year && month
}

#[test]
fn date_like_numbers() {
    // (rendering, read as a date)
    let cases = [
        ("2010", true),
        ("2455.02", true),
        ("2455.2", true),
        ("2455.1", true),
        ("2455.13", false),
        ("2455.123", false),
        ("-2455.02", false),
        ("12455.02", false),
        ("999.5", false),
        ("3000.5", false),
        ("20630327", true),
        ("19990131", true),
        ("20000229", true),
        ("19000229", false),
        ("19990230", false),
        ("19991301", false),
        ("29991231", false),
        ("18991231", false),
    ];
    for (text, want) in cases {
        assert_eq!(reads_as_a_date(text), want, "{text}");
        let found = scan(text, &opts());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let is_date = matches!(found[0].value, Value::Date(_));
        assert_eq!(is_date, want, "{text}: {found:?}");
    }
}

fn round_trip(v: Value) -> Result<(), TestCaseError> {
    let text = v.to_string();
    let found = scan(&text, &opts());
    prop_assert_eq!(found.len(), 1, "{:?} -> {:?}", text, found);
    prop_assert_eq!(&found[0].text, &text);
    prop_assert_eq!(&found[0].value, &v, "{}", text);
    Ok(())
}

/// Long runs of the words that make the scanner look ahead stay shallow: no
/// stack overflow, and every span still slices to its text.
#[test]
fn long_runs_are_safe() {
    for word in [
        "the ", "between ", "from ", "1,", "- ", "twenty ", "and ", "$",
    ] {
        // Runaway look-ahead would show as a hang here; speed itself is
        // measured in benches/scan.rs, not in a test.
        let text = word.repeat(50_000);
        for m in scan(&text, &opts()) {
            assert_eq!(&text[m.span.clone()], m.text, "{word:?}");
        }
    }
}
