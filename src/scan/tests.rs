use super::*;
use crate::value::Number;

/// Thursday 16 March 2023.
fn opts() -> ScanOptions {
    ScanOptions::new().reference(Date::ymd(2023, 3, 16))
}

/// Every mention as (text, canonical value, qualifier).
fn found(text: &str) -> Vec<(String, String, Option<Qualifier>)> {
    scan(text, &opts())
        .into_iter()
        .map(|m| (m.text, m.value.to_string(), m.qualifier))
        .collect()
}

/// Each sentence yields exactly one mention, with this text and rendering.
#[test]
fn single_mentions() {
    let cases: &[(&str, &str, &str)] = &[
        // numbers in digits
        ("It weighs 1,234.5 tonnes.", "1,234.5", "1234.5"),
        ("A budget of 1.2m was set.", "1.2m", "1200000"),
        ("About 3 million people", "3 million", "~3000000"),
        ("Scores fell to -4.5 overall", "-4.5", "-4.5"),
        ("Only 3/4 of seats", "3/4", "0.75"),
        ("Roughly 1.5bn viewers", "1.5bn", "~1500000000"),
        // numbers in words
        ("There were zero votes", "zero", "0"),
        ("He served twenty-one terms", "twenty-one", "21"),
        ("It took a hundred tries", "a hundred", "100"),
        ("a dozen eggs", "a dozen", "12"),
        ("She ate two and a half pies", "two and a half", "2.5"),
        (
            "four hundred and six runners",
            "four hundred and six",
            "406",
        ),
        ("three trillion stars", "three trillion", "3000000000000"),
        ("minus twelve degrees", "minus twelve", "-12"),
        // money
        ("Revenue hit $52 billion", "$52 billion", "52000000000 USD"),
        ("A US$5 fee", "US$5", "5 USD"),
        ("It cost USD 40", "USD 40", "40 USD"),
        ("A €3.5m grant", "€3.5m", "3500000 EUR"),
        ("a £20 note", "£20", "20 GBP"),
        ("¥1,000 coins", "¥1,000", "1000 JPY"),
        (
            "It was sold for 500 million won",
            "500 million won",
            "500000000 KRW",
        ),
        ("priced at 300 yen each", "300 yen", "300 JPY"),
        ("He paid 5 dollars", "5 dollars", "5 USD"),
        ("A fine of 10 euros", "10 euros", "10 EUR"),
        (
            "3 billion yuan of loans",
            "3 billion yuan",
            "3000000000 CNY",
        ),
        ("It rose 50 cents", "50 cents", "0.5 USD"),
        // percentages
        ("Turnout was 64%", "64%", "64%"),
        ("up 85 percent", "85 percent", "85%"),
        ("by 2 percentage points", "2 percentage points", "2%"),
        ("a 12 per cent cut", "12 per cent", "12%"),
        ("a 12pc cut", "12pc", "12%"),
        ("a $1.5trn plan", "$1.5trn", "1500000000000 USD"),
        ("Rs 500 crore", "Rs 500 crore", "5000000000 INR"),
        ("We met in may.", "may", "2022-05"),
        ("In May, it rained.", "May", "2022-05"),
        // ordinals
        ("the first time", "first", "1"),
        ("the fourth-largest economy", "fourth", "4"),
        ("its 104th birthday", "104th", "104"),
        ("the twenty-first century", "twenty-first", "21"),
        ("She won a second term.", "second", "2"),
        // durations
        ("for 12 years", "12 years", "P12Y"),
        ("after a dozen years", "a dozen years", "P12Y"),
        ("a four-year term", "four-year", "P4Y"),
        ("in a century", "a century", "P100Y"),
        ("two decades later", "two decades", "P20Y"),
        ("a 70-minute speech", "70-minute", "PT70M"),
        ("it lasted 3 hours", "3 hours", "PT3H"),
        ("two and a half days", "two and a half days", "P2.5D"),
        ("half an hour", "half an hour", "PT0.5H"),
        ("for decades", "decades", "PXY"),
        // absolute dates
        (
            "It opened on March 16, 2023.",
            "March 16, 2023",
            "2023-03-16",
        ),
        ("It opened on 16 March 2023.", "16 March 2023", "2023-03-16"),
        ("It opened in July 2019.", "July 2019", "2019-07"),
        ("It opened in 2019.", "2019", "2019"),
        ("It opened on 2019-07-04.", "2019-07-04", "2019-07-04"),
        ("It opened on March 3.", "March 3", "2023-03-03"),
        ("It opened on May 3.", "May 3", "2022-05-03"),
        ("the war of 1910-1945", "1910-1945", "(1910,1945,P35Y)"),
        ("from 1910 to 1945", "from 1910 to 1945", "(1910,1945,P35Y)"),
        (
            "between 4 and 22 January 2020",
            "between 4 and 22 January 2020",
            "(2020-01-04,2020-01-22,P18D)",
        ),
        // relative dates
        ("Police said on Thursday", "Thursday", "2023-03-16"),
        ("The vote was held on Wednesday.", "Wednesday", "2023-03-15"),
        ("It closed the day before.", "the day before", "2023-03-15"),
        ("It rained yesterday.", "yesterday", "2023-03-15"),
        (
            "Shares fell this week.",
            "this week",
            "(2023-03-13,2023-03-20,P7D)",
        ),
        (
            "Shares fell last week.",
            "last week",
            "(2023-03-06,2023-03-13,P7D)",
        ),
        ("Sales grew last year.", "last year", "2022"),
        (
            "It snowed over the weekend.",
            "the weekend",
            "(2023-03-11,2023-03-13,P2D)",
        ),
        (
            "Polls open this weekend.",
            "this weekend",
            "(2023-03-18,2023-03-20,P2D)",
        ),
        (
            "closed November between 19 and 20",
            "November between 19 and 20",
            "(2022-11-19,2022-11-20,P1D)",
        ),
        ("It reopens next May.", "next May", "2023-05"),
        ("It reopened last May.", "last May", "2022-05"),
        ("It reopens next March.", "next March", "2024-03"),
        (
            "over the past year",
            "past year",
            "(2022-03-16,2023-03-16,P1Y)",
        ),
        ("It reopens this May.", "this May", "2023-05"),
        ("two weeks ago", "two weeks ago", "2023-03-02"),
        (
            "in the third quarter of 2022",
            "the third quarter of 2022",
            "(2022-07-01,2022-10-01,P3M)",
        ),
        ("sold in Q4", "Q4", "(2022-10-01,2023-01-01,P3M)"),
        (
            "music of the 1990s",
            "the 1990s",
            "(1990-01-01,2000-01-01,P10Y)",
        ),
        (
            "built in the 1800s",
            "the 1800s",
            "(1800-01-01,1900-01-01,P100Y)",
        ),
        ("due by mid-April", "mid-April", "2022-04"),
        ("in mid-2023", "mid-2023", "2023"),
        // times of day
        ("at 3 p.m. local time", "3 p.m.", "15:00"),
        ("at 11am", "11am", "11:00"),
        ("closed at 15:30", "15:30", "15:30"),
        ("by 12:45 am", "12:45 am", "00:45"),
        ("until noon", "noon", "12:00"),
        // open intervals
        (
            "the first title since 2011",
            "since 2011",
            "(2011,2023-03-16,P12Y)",
        ),
        ("occupied until 1945", "until 1945", "(,1945,)"),
        (
            "open since March 2020",
            "since March 2020",
            "(2020-03,2023-03-16,P3Y)",
        ),
    ];
    for (text, want_text, want_value) in cases {
        let got = found(text);
        let hit: Vec<_> = got.iter().filter(|(t, _, _)| t == want_text).collect();
        assert_eq!(hit.len(), 1, "{text:?}: no {want_text:?} in {got:?}");
        assert_eq!(&hit[0].1, want_value, "{text:?}: {got:?}");
    }
}

#[test]
fn qualifiers() {
    let cases: &[(&str, &str, Qualifier)] = &[
        ("more than a decade", "a decade", Qualifier::MoreThan),
        ("almost four years", "four years", Qualifier::Approximately),
        ("at least 30 people", "30", Qualifier::AtLeast),
        ("no fewer than 30 people", "30", Qualifier::AtLeast),
        ("no more than 30 people", "30", Qualifier::AtMost),
        ("up to $5 million", "$5 million", Qualifier::AtMost),
        ("less than 10%", "10%", Qualifier::LessThan),
        ("about 300 homes", "300", Qualifier::Approximately),
        ("since 2011", "since 2011", Qualifier::Since),
        ("until 1945", "until 1945", Qualifier::Until),
        ("$10-20 million", "$10-20 million", Qualifier::Range),
        ("from 1910 to 1945", "from 1910 to 1945", Qualifier::Range),
    ];
    for (text, span, q) in cases {
        let got = found(text);
        assert!(
            got.iter().any(|(t, _, g)| t == span && *g == Some(*q)),
            "{text:?}: {got:?}"
        );
    }
}

#[test]
fn qualifiers_widen_bounds() {
    let m = &scan("more than a decade", &opts())[0];
    let Value::Duration(d) = m.value else {
        panic!("{m:?}")
    };
    assert_eq!((d.amount.low, d.amount.high), (10.0, f64::INFINITY));
    let m = &scan("almost four years", &opts())[0];
    let Value::Duration(d) = m.value else {
        panic!("{m:?}")
    };
    assert!(d.amount.low < 4.0 && d.amount.high == 4.0, "{d:?}");
    let m = &scan("$10-20 million", &opts())[0];
    let Value::Money(money) = &m.value else {
        panic!("{m:?}")
    };
    assert_eq!((money.amount.low, money.amount.high), (10e6, 20e6));
}

/// Words and names that look like values but are not.
#[test]
fn traps() {
    let cases: &[(&str, &[ValueKind])] = &[
        // "almost" holds no unit "lm"; "won" without an amount is a verb.
        ("She almost won the race.", &[]),
        ("It fell almost 40% in a lmonth.", &[ValueKind::Percent]),
        // The tails of elided words are not units or numbers.
        ("It's a deal; they'd won't say.", &[]),
        // Points and dashes alone open nothing; before digits they do.
        ("Done. Next - then . more", &[]),
        (
            "It was -5 at .5 past",
            &[ValueKind::Number, ValueKind::Number],
        ),
        // "century" is not "a cent" of money.
        ("It lasted a century.", &[ValueKind::Duration]),
        // "fourth-largest" is a rank, not a quantity with a unit.
        ("the fourth-largest economy", &[ValueKind::Ordinal]),
        // Weekdays inside names are not dates.
        ("Wednesday Addams returned.", &[]),
        ("The film starred Tuesday Weld.", &[]),
        ("The Sunday Times reported it.", &[]),
        ("It was Black Friday.", &[]),
        // After a weekday, "the first" ranking a noun is not a day of the month.
        (
            "They met on Wednesday, the first visit in nine years.",
            &[ValueKind::Date, ValueKind::Ordinal, ValueKind::Duration],
        ),
        // Months inside names and adjectives are not months.
        ("Theresa May said so.", &[]),
        ("June Carter sang.", &[]),
        ("an august institution", &[]),
        ("The shop is open 24/7.", &[]),
        // Modal "may" and verb "march" are not months.
        ("Prices may rise.", &[]),
        ("They march on.", &[]),
        // Digits glued to letters are codes or units, not numbers.
        ("The A380 landed.", &[]),
        ("Add 180ml of water.", &[]),
        // Number words inside longer words.
        ("Someone phoned; everyone left.", &[]),
        ("a tenth-century tenant", &[ValueKind::Ordinal]),
        // A fraction is not a date without a date context.
        ("3/4 of voters agreed", &[ValueKind::Number]),
        // A currency sign alone is not money.
        ("The $ sign.", &[]),
        // A score is not a time.
        (
            "They won 2:1 at home.",
            &[ValueKind::Number, ValueKind::Number],
        ),
        // A change and its result are two values, not a range.
        (
            "Shares rose $2 to $48.",
            &[ValueKind::Money, ValueKind::Money],
        ),
        (
            "Unemployment fell 2% to 5%.",
            &[ValueKind::Percent, ValueKind::Percent],
        ),
        // "two decades later" counts from the story, not from the reference date.
        ("Two decades later it closed.", &[ValueKind::Duration]),
    ];
    // Every row is checked before failing, so one run names every trap sprung.
    let sprung: Vec<String> = cases
        .iter()
        .filter_map(|(text, kinds)| {
            let got: Vec<ValueKind> = scan(text, &opts()).iter().map(|m| m.kind()).collect();
            (got != *kinds).then(|| format!("{text:?}: want {kinds:?}, found {:?}", found(text)))
        })
        .collect();
    assert!(sprung.is_empty(), "{}", sprung.join("\n"));
}

#[test]
fn spans_are_exact_bytes() {
    let text = "Le café a coûté €3,5 — non: €3.5m le 16 mars, or on 16 March 2023.";
    for m in scan(text, &opts()) {
        assert_eq!(&text[m.span.clone()], m.text);
    }
    let m = scan("Über $5 billion", &opts());
    assert_eq!(m[0].span, 6..16);
}

#[test]
fn elapsed_compares_with_durations() {
    let v = |s: &str| scan(s, &opts()).pop().map(|m| m.value);
    let since = v("the first since 2011").unwrap_or(Value::Text(String::new()));
    let years = v("the first in 12 years").unwrap_or(Value::Text(String::new()));
    let century = v("the first in a century").unwrap_or(Value::Text(String::new()));
    assert!(values_agree(&since, &years));
    assert!(!values_agree(&since, &century));
    assert!(!values_agree(&years, &century));
}

/// The value of the one mention in `text`, read on 2023-03-`day`.
fn value_on(text: &str, day: u8) -> Value {
    let o = ScanOptions::new().reference(Date::ymd(2023, 3, day));
    let mut found = scan(text, &o);
    assert_eq!(found.len(), 1, "{text:?}: {found:?}");
    found.remove(0).value
}

#[test]
fn agreement_table() {
    let n = |x: f64| Value::Number(Number::exact(x));
    let cases: Vec<(Value, Value, bool)> = vec![
        (n(3.0), n(3.0), true),
        (n(3.0), n(4.0), false),
        (
            Value::Number(Number::approx(30.0, 27.0, 33.0)),
            n(32.0),
            true,
        ),
        (
            Value::Date(Date::year(2023)),
            Value::Date(Date::ymd(2023, 3, 16)),
            true,
        ),
        (
            Value::Date(Date::ym(2023, 4)),
            Value::Date(Date::ymd(2023, 3, 16)),
            false,
        ),
        (Value::Percent(Number::exact(64.0)), n(64.0), false),
        (value_on("since 2011", 16), value_on("since 2011", 17), true),
        (
            value_on("since 2011", 16),
            value_on("since 2012", 16),
            false,
        ),
        (
            value_on("since 1910", 16),
            value_on("until 1945", 16),
            false,
        ),
        (
            value_on("from 1910 to 1945", 16),
            value_on("until 1945", 16),
            true,
        ),
    ];
    for (a, b, want) in cases {
        assert_eq!(values_agree(&a, &b), want, "{a:?} vs {b:?}");
    }
}

#[test]
fn tense_and_reference() {
    let fut = opts().tense(Tense::Future);
    let v = |s: &str, o: &ScanOptions| scan(s, o).pop().map(|m| m.value.to_string());
    assert_eq!(v("on Wednesday", &fut).as_deref(), Some("2023-03-22"));
    assert_eq!(v("on Wednesday", &opts()).as_deref(), Some("2023-03-15"));
    // Without a reference, relative dates are not reported and years stay unknown.
    let none = ScanOptions::new();
    assert_eq!(v("on Wednesday", &none), None);
    assert_eq!(v("on March 3", &none).as_deref(), Some("XXXX-03-03"));
    assert_eq!(v("since 2011", &none).as_deref(), Some("(2011,,)"));
}

#[test]
fn kinds_filter_keeps_inner_numbers() {
    let only = ScanOptions::new().kinds(&[ValueKind::Number]);
    let got: Vec<String> = scan("$20 for 3 years", &only)
        .iter()
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(got, ["20", "3"]);
}

#[test]
fn vague_plurals() {
    let m = &scan("hundreds of homes", &opts())[0];
    let Value::Number(n) = m.value else {
        panic!("{m:?}")
    };
    assert_eq!((n.low, n.high), (200.0, 999.0));
    assert_eq!(m.text, "hundreds");
}

#[test]
fn only_quantities_take_comparatives() {
    let got = found("They worked to bring about today's deal, over Thursday, over five years.");
    assert!(got.iter().all(|(_, _, q)| q.is_none()), "{got:?}");
}
