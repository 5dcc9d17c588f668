use super::*;
use crate::value::{ClockTime, Date, DateTime, PersonName};

use ValueKind as K;

/// raw, kind asked for, canonical rendering expected.
const READS: &[(&str, Option<ValueKind>, &str)] = &[
    // Clock times in the layouts flight-status pages use: one wall-clock
    // reading whatever the layout, never shifted to UTC.
    ("12/01/2011 01:55 PM", Some(K::Time), "2011-12-01T13:55"),
    (
        "12/1/11 2:06 PM (-05:00)",
        Some(K::Time),
        "2011-12-01T14:06-05:00",
    ),
    (
        "12/1/2011 2:07PM EST",
        Some(K::Time),
        "2011-12-01T14:07-05:00",
    ),
    (
        "12/1/2011 2:07PM PDT",
        Some(K::Time),
        "2011-12-01T14:07-07:00",
    ),
    ("2:07 PMDec 01", Some(K::Time), "XXXX-12-01T14:07"),
    ("Dec 01 - 1:55pm", Some(K::Time), "XXXX-12-01T13:55"),
    ("1:55pDec 1", Some(K::Time), "XXXX-12-01T13:55"),
    ("11:20pNov 30", Some(K::Time), "XXXX-11-30T23:20"),
    ("3:00P 12-01-11", Some(K::Time), "2011-12-01T15:00"),
    ("9:20A 12-01-11", Some(K::Time), "2011-12-01T09:20"),
    (
        "12:10 PM  Thu 01-Dec-2011",
        Some(K::Time),
        "2011-12-01T12:10",
    ),
    (
        "12:23 AM  Fri 02-Dec-2011 (Runway)",
        Some(K::Time),
        "2011-12-02T00:23",
    ),
    (
        "Thu., Dec.01, 2011 1:55 p.m.",
        Some(K::Time),
        "2011-12-01T13:55",
    ),
    (
        "Fri., Dec.02, 2011 9:30 a.m.",
        Some(K::Time),
        "2011-12-02T09:30",
    ),
    ("2011-12-01 13:52 ", Some(K::Time), "2011-12-01T13:52"),
    ("2011-12-01  2:57P", Some(K::Time), "2011-12-01T14:57"),
    ("2011-12-01 Thu  16:17", Some(K::Time), "2011-12-01T16:17"),
    (
        "2011-12-01 6:20 PM (Estimated)",
        Some(K::Time),
        "2011-12-01T18:20",
    ),
    (
        "7:03 PM, Dec 01&nbsp(Estimated)",
        Some(K::Time),
        "XXXX-12-01T19:03",
    ),
    ("3:10 PM, Dec 01", Some(K::Time), "XXXX-12-01T15:10"),
    (
        "Fri, Dec 2 2:37 PM            On Time",
        Some(K::Time),
        "XXXX-12-02T14:37",
    ),
    (
        "Thu, Dec 1 1:25 PM            Delayed",
        Some(K::Time),
        "XXXX-12-01T13:25",
    ),
    (
        "December 10, 2011               11:54 PM    ",
        Some(K::Time),
        "2011-12-10T23:54",
    ),
    ("Dec 01 - 7:10pm*", Some(K::Time), "XXXX-12-01T19:10"),
    ("Dec 01 - 12:00noon", Some(K::Time), "XXXX-12-01T12:00"),
    ("Dec 07 - 12:00midnight*", Some(K::Time), "XXXX-12-07T00:00"),
    ("2011-12-02 12/1 3:25 PM", Some(K::Time), "2011-12-01T15:25"),
    (
        "11/30/11 5:11 PM (-08:00)",
        Some(K::Time),
        "2011-11-30T17:11-08:00",
    ),
    (
        "12/1/11 4:55 PM (+08:00)",
        Some(K::Time),
        "2011-12-01T16:55+08:00",
    ),
    (
        "12/1/2011 5:46PM AKST",
        Some(K::Time),
        "2011-12-01T17:46-09:00",
    ),
    ("2011-12-01T14:07", Some(K::Time), "2011-12-01T14:07"),
    (
        "2011-12-01T14:07:30Z",
        Some(K::Time),
        "2011-12-01T14:07:30+00:00",
    ),
    ("14:07-05:00", Some(K::Time), "14:07-05:00"),
    ("2:07 pm", Some(K::Time), "14:07"),
    ("12:00 AM", Some(K::Time), "00:00"),
    ("12:30 PM", Some(K::Time), "12:30"),
    ("3 PM", Some(K::Time), "15:00"),
    (
        "1 December 2011 08:00",
        Some(K::DateTime),
        "2011-12-01T08:00",
    ),
    // Dates: US month/day order unless the first number cannot be a month.
    ("2023-03-16", Some(K::Date), "2023-03-16"),
    ("16/03/2023", Some(K::Date), "2023-03-16"),
    ("03/04/2023", Some(K::Date), "2023-03-04"),
    ("March 16, 2023", Some(K::Date), "2023-03-16"),
    ("16 March 2023", Some(K::Date), "2023-03-16"),
    ("December 2011", Some(K::Date), "2011-12"),
    ("2023", Some(K::Date), "2023"),
    ("2019-07", Some(K::Date), "2019-07"),
    ("XXXX-03-16", Some(K::Date), "XXXX-03-16"),
    ("2023-XX-16", Some(K::Date), "2023-XX-16"),
    ("2012-02-29", Some(K::Date), "2012-02-29"),
    ("2011-12-01 14:07", Some(K::Date), "2011-12-01T14:07"),
    // Gates and other codes.
    ("F78", Some(K::Code), "F78"),
    ("D5", Some(K::Code), "D5"),
    ("Gate B12", Some(K::Code), "B12"),
    ("gate: c-3", Some(K::Code), "C3"),
    ("B 12", Some(K::Code), "B12"),
    ("C-3", Some(K::Code), "C3"),
    (" C20 ", Some(K::Code), "C20"),
    ("Terminal 3 - 84", Some(K::Code), "84"),
    ("Term B - B84H", Some(K::Code), "B84H"),
    ("Main Term - 3rd Lvl - 15", Some(K::Code), "15"),
    ("K5/T3", Some(K::Code), "K5"),
    ("C20/C", Some(K::Code), "C20"),
    ("46/8", Some(K::Code), "46"),
    ("39?", Some(K::Code), "39"),
    (" A11$", Some(K::Code), "A11"),
    (" -2-", Some(K::Code), "2"),
    ("82", Some(K::Code), "82"),
    ("0-201-85394-9", Some(K::Code), "0201853949"),
    ("GATEWAY1", Some(K::Code), "GATEWAY1"),
    // Names, in any order and punctuation.
    ("Knuth, Donald E.", Some(K::Names), "Donald E. Knuth"),
    ("Donald E. Knuth", Some(K::Names), "Donald E. Knuth"),
    ("KNUTH, DONALD E.", Some(K::Names), "Donald E. Knuth"),
    (
        "Knuth, Donald E. (Author)",
        Some(K::Names),
        "Donald E. Knuth",
    ),
    ("Donald E Knuth", Some(K::Names), "Donald E. Knuth"),
    ("Date, C.J.", Some(K::Names), "C. J. Date"),
    (
        "Sedgewick, Robert; Schidlowsky, Michael",
        Some(K::Names),
        "Robert Sedgewick; Michael Schidlowsky",
    ),
    (
        "Robert Sedgewick, Michael Schidlowsky",
        Some(K::Names),
        "Robert Sedgewick; Michael Schidlowsky",
    ),
    (
        "Stevens, W. Richard, Fenner, Bill, Rudoff, Andrew M.",
        Some(K::Names),
        "W. Richard Stevens; Bill Fenner; Andrew M. Rudoff",
    ),
    (
        "ROZANSKI, NICK WOODS, EOIN",
        Some(K::Names),
        "Nick Rozanski; Eoin Woods",
    ),
    (
        "Sedgewick, RobertFlajolet, Philippe",
        Some(K::Names),
        "Robert Sedgewick; Philippe Flajolet",
    ),
    (
        "Binstock, Andrew/ Rex, John",
        Some(K::Names),
        "Andrew Binstock; John Rex",
    ),
    (
        "Leuf, Bo (Author) Cunningham, Ward (Joint Author)",
        Some(K::Names),
        "Bo Leuf; Ward Cunningham",
    ),
    (
        "By (author) Li, Qing By (author) Jinmei, Tatuya",
        Some(K::Names),
        "Qing Li; Tatuya Jinmei",
    ),
    ("Aho &amp; Lam", Some(K::Names), "Aho; Lam"),
    (
        "Beauchemin, Bob, and Sullivan, Dan",
        Some(K::Names),
        "Bob Beauchemin; Dan Sullivan",
    ),
    ("Carroll, John M. (EDT)", Some(K::Names), "John M. Carroll"),
    ("Holzner, Steven, Ph.D.", Some(K::Names), "Steven Holzner"),
    ("Gagn&eacute;, Marcel", Some(K::Names), "Marcel Gagné"),
    ("Editor: LAUREL, BRENDA", Some(K::Names), "Brenda Laurel"),
    ("Platt- David S.", Some(K::Names), "David S. Platt"),
    ("Van Der Lans, Rick", Some(K::Names), "Rick Van Der Lans"),
    (
        "Linden, Peter van der",
        Some(K::Names),
        "Peter van der Linden",
    ),
    (
        "Christine Hofmeister, et al",
        Some(K::Names),
        "Christine Hofmeister",
    ),
    (
        "Jennifer Golbeck, Golbeck",
        Some(K::Names),
        "Jennifer Golbeck; Golbeck",
    ),
    (
        "Chris Sells Michael Weinhardt",
        Some(K::Names),
        "Chris Sells; Michael Weinhardt",
    ),
    (
        "Chris Sells Michael Weinhardt",
        Some(K::Name),
        "Chris Sells Michael Weinhardt",
    ),
    ("Hakon Wium Lie", Some(K::Names), "Hakon Wium Lie"),
    (
        "Wilding-McBride, Daryl",
        Some(K::Names),
        "Daryl Wilding-McBride",
    ),
    (
        "Fischer, CharlesLeBlanc, Richard",
        Some(K::Names),
        "Charles Fischer; Richard LeBlanc",
    ),
    (
        "Foley, James D.van Dam, AndriesFeiner, Steven K.",
        Some(K::Names),
        "James D. Foley; Andries van Dam; Steven K. Feiner",
    ),
    ("O'LEARY, TIMOTHY J.", Some(K::Names), "Timothy J. O'Leary"),
    // Numbers.
    ("1,234,567", Some(K::Number), "1234567"),
    ("1 234 567", Some(K::Number), "1234567"),
    ("1.234.567", Some(K::Number), "1234567"),
    ("1'234'567", Some(K::Number), "1234567"),
    ("1,234.5", Some(K::Number), "1234.5"),
    ("1.234,5", Some(K::Number), "1234.5"),
    ("1,5", Some(K::Number), "1.5"),
    ("1.234", Some(K::Number), "1.234"),
    ("-42", Some(K::Number), "-42"),
    ("+42", Some(K::Number), "42"),
    ("\u{2212}7.25", Some(K::Number), "-7.25"),
    ("74000[1]", Some(K::Number), "74000"),
    ("74,000 [citation needed]", Some(K::Number), "74000"),
    ("~30", Some(K::Number), "~30"),
    ("about 1,200", Some(K::Number), "~1200"),
    ("approx. 3.5 million", Some(K::Number), "~3500000"),
    ("1.2 million", Some(K::Number), "1200000"),
    // Percentages, money, ranks, durations, intervals.
    ("64%", Some(K::Percent), "64%"),
    ("64 percent", Some(K::Percent), "64%"),
    ("~5.5 %", Some(K::Percent), "~5.5%"),
    ("$1,200", Some(K::Money), "1200 USD"),
    ("USD 1200", Some(K::Money), "1200 USD"),
    ("\u{20ac}3.5m", Some(K::Money), "3500000 EUR"),
    ("52000000000 USD", Some(K::Money), "52000000000 USD"),
    ("$52bn", Some(K::Money), "52000000000 USD"),
    (
        "about 1.2 billion dollars",
        Some(K::Money),
        "~1200000000 USD",
    ),
    ("\u{20a9}1,000", Some(K::Money), "1000 KRW"),
    ("104th", Some(K::Ordinal), "104"),
    ("third", Some(K::Ordinal), "3"),
    ("P12Y", Some(K::Duration), "P12Y"),
    ("PT70M", Some(K::Duration), "PT70M"),
    ("PT1H10M", Some(K::Duration), "PT70M"),
    ("P1Y6M", Some(K::Duration), "P18M"),
    ("12 years", Some(K::Duration), "P12Y"),
    ("2 decades", Some(K::Duration), "P20Y"),
    ("1 hour 10 minutes", Some(K::Duration), "PT70M"),
    (
        "(2011,2023-03-16,P12Y)",
        Some(K::Interval),
        "(2011,2023-03-16,P12Y)",
    ),
    ("(,2023,)", Some(K::Interval), "(,2023,)"),
    ("2011-2023", Some(K::Interval), "(2011,2023,P12Y)"),
    (
        "March 2019 to May 2020",
        Some(K::Interval),
        "(2019-03,2020-05,P14M)",
    ),
    (
        "2023-03-01 \u{2013} 2023-03-16",
        Some(K::Interval),
        "(2023-03-01,2023-03-16,P15D)",
    ),
    (
        "  free text,  as written ",
        Some(K::Text),
        "free text,  as written",
    ),
    // Guessing the kind from the value alone.
    ("14:07", None, "14:07"),
    ("2011-12-01T14:07", None, "2011-12-01T14:07"),
    ("12/1/11 2:06 PM (-05:00)", None, "2011-12-01T14:06-05:00"),
    ("2023-03-16", None, "2023-03-16"),
    ("1,234", None, "1234"),
    ("64%", None, "64%"),
    ("$1,200", None, "1200 USD"),
    ("P12Y", None, "P12Y"),
    ("(2011,2023-03-16,P12Y)", None, "(2011,2023-03-16,P12Y)"),
    ("3rd", None, "3"),
    ("F78", None, "F78"),
    ("Gate B 12", None, "B12"),
    ("0201853949", None, "0201853949"),
    ("Knuth, Donald E.", None, "Donald E. Knuth"),
    (
        "Donald E. Knuth; Jane Doe",
        None,
        "Donald E. Knuth; Jane Doe",
    ),
    ("flight diverted", None, "flight diverted"),
    ("DEC 01", None, "XXXX-12-01"),
    ("2011\u{2013}2023", None, "(2011,2023,P12Y)"),
    ("978-3-16-148410-0", None, "9783161484100"),
    ("\u{ff11}\u{ff14}:\u{ff10}\u{ff17}", None, "14:07"),
    ("\u{ff11},\u{ff12}\u{ff13}\u{ff14}", Some(K::Number), "1234"),
    (
        "2011-12-01T14:07:30.250Z",
        Some(K::Time),
        "2011-12-01T14:07:30+00:00",
    ),
    // Names keep their written letters; only comparison keys fold them.
    ("Ｋｎｕｔｈ, Donald", Some(K::Names), "Donald Ｋｎｕｔｈ"),
    ("Müller, Jürgen", Some(K::Names), "Jürgen Müller"),
    ("12 XYZ", Some(K::Money), "12 XYZ"),
];

#[test]
fn reads_to_canonical() {
    let mut wrong = Vec::new();
    for &(raw, kind, want) in READS {
        match normalize(raw, kind) {
            Ok(v) if v.to_string() == want => {}
            got => wrong.push(format!("{raw:?} as {kind:?}: want {want:?}, got {got:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn guessed_kinds() {
    let cases: &[(&str, ValueKind)] = &[
        ("14:07", K::Time),
        ("2:07 PMDec 01", K::DateTime),
        ("2023-03-16", K::Date),
        ("1,234", K::Number),
        ("64%", K::Percent),
        ("$1,200", K::Money),
        ("104th", K::Ordinal),
        ("P12Y", K::Duration),
        ("(2011,2023-03-16,P12Y)", K::Interval),
        ("Donald E. Knuth", K::Name),
        ("Knuth, Donald; Doe, Jane", K::Names),
        ("C-3", K::Code),
        ("on time", K::Text),
    ];
    for &(raw, kind) in cases {
        assert_eq!(normalize(raw, None).map(|v| v.kind()), Ok(kind), "{raw:?}");
    }
}

#[test]
fn one_clock_time_whatever_the_layout() {
    let layouts = [
        "12/01/2011 02:07 PM",
        "12/1/11 2:07 PM (-05:00)",
        "12/1/2011 2:07PM EST",
        "2:07 PMDec 01",
        "Dec 01 - 2:07pm",
        "2:07pDec 1",
        "2:07P 12-01-11",
        "02:07 PM  Thu 01-Dec-2011",
        "Thu., Dec.01, 2011 2:07 p.m.",
        "2011-12-01 14:07",
    ];
    for raw in layouts {
        let t = match normalize(raw, Some(K::Time)) {
            Ok(Value::DateTime(DateTime { time, .. })) | Ok(Value::Time(time)) => time,
            other => panic!("{raw:?}: {other:?}"),
        };
        assert_eq!((t.hour, t.minute), (14, 7), "{raw:?}");
    }
}

#[test]
fn typed_values() {
    assert_eq!(
        normalize("12/1/11 2:06 PM (-05:00)", Some(K::Time)),
        Ok(Value::DateTime(DateTime {
            date: Date::ymd(2011, 12, 1),
            time: ClockTime {
                hour: 14,
                minute: 6,
                second: 0,
                offset_minutes: Some(-300),
            },
        }))
    );
    assert_eq!(
        normalize("KNUTH, DONALD E.", Some(K::Names)),
        Ok(Value::Name(PersonName {
            given: "Donald E.".into(),
            family: "Knuth".into(),
        }))
    );
    let Ok(Value::Name(p)) = normalize("Linden, Peter van der", Some(K::Name)) else {
        panic!("not a name");
    };
    assert_eq!(
        (p.given.as_str(), p.family.as_str()),
        ("Peter", "van der Linden")
    );
    let Ok(Value::Number(n)) = normalize("about 30", Some(K::Number)) else {
        panic!("not a number");
    };
    assert_eq!((n.low, n.value, n.high), (27.0, 30.0, 33.0));
}

#[test]
fn missing_and_empty() {
    for raw in ["", "   ", "\t\n", "\u{b} \u{b}", "\u{a0}\u{3000}"] {
        assert_eq!(
            normalize(raw, Some(K::Time)),
            Err(RejectReason::Empty),
            "{raw:?}"
        );
    }
    let missing = [
        ("-", Some(K::Code)),
        (" -", Some(K::Code)),
        ("--", None),
        ("?", None),
        ("N/A", Some(K::Number)),
        ("\u{ff2e}/\u{ff21}", Some(K::Number)),
        ("\u{2014}", None),
        ("\u{ff2e}/\u{ff21}", Some(K::Text)),
        ("n/a", None),
        ("Not Available", Some(K::Time)),
        ("Not Available (NA)", Some(K::Names)),
        ("Contact Airline", None),
        ("unknown", Some(K::Text)),
        ("TBD", Some(K::Code)),
        ("TBA", Some(K::Code)),
        ("null", None),
        ("None", Some(K::Names)),
        ("Not provided by airline", Some(K::Code)),
        ("CHK", Some(K::Code)),
        ("chk", None),
        ("Check with airline", Some(K::Code)),
        ("Dec 01 - Contact Airline", Some(K::Time)),
        ("Dec 01 - Not Available", Some(K::Time)),
        ("2011-12-01 Cancelled", Some(K::Time)),
        ("December 10, 2011     ", Some(K::Time)),
        ("Terminal 8", Some(K::Code)),
        ("Main Term", Some(K::Code)),
        ("(,,)", Some(K::Interval)),
    ];
    for (raw, kind) in missing {
        assert_eq!(
            normalize(raw, kind),
            Err(RejectReason::MissingValue),
            "{raw:?}"
        );
    }
}

#[test]
fn unreadable_values_say_why() {
    let bad: &[(&str, ValueKind, &str)] = &[
        ("25:10", K::Time, "not a time of day"),
        ("13:10 AM", K::Time, "hour 13 with AM"),
        ("2:07 PM flight", K::Time, "unexpected word \"flight\""),
        ("2:07 PM 3:00 PM", K::Time, "second time of day \"3:00\""),
        ("Feb 30 2:07 PM", K::Time, "day 30"),
        ("Feb 30 - Cancelled", K::Time, "day 30"),
        ("13/45/2011", K::Time, "month 13"),
        ("14:07", K::Date, "no date"),
        ("12 apples", K::Number, "unexpected"),
        ("1,23,4", K::Number, "three"),
        ("64", K::Percent, "no % sign"),
        ("1200", K::Money, "no currency"),
        ("P1Y2D", K::Duration, "mixed"),
        ("0", K::Names, "no name"),
    ];
    for &(raw, kind, why) in bad {
        match normalize(raw, Some(kind)) {
            Err(RejectReason::Unparseable { expected, detail }) => {
                assert_eq!(expected, kind, "{raw:?}");
                assert!(detail.contains(why), "{raw:?}: {detail:?} lacks {why:?}");
            }
            other => panic!("{raw:?}: {other:?}"),
        }
    }
}

#[test]
fn attribute_kinds() {
    assert_eq!(infer_kind(["F78", "82", " 45 ", "-", "C20"]), K::Code);
    assert_eq!(infer_kind(["82", "45"]), K::Number);
    assert_eq!(
        infer_kind([
            "3:10 PM, Dec 01",
            "14:07",
            "Not Available",
            "2011-12-01 6:20 PM"
        ]),
        K::DateTime
    );
    assert_eq!(
        infer_kind(["14:07", "15:10", "2011-12-01 6:20 PM"]),
        K::Time
    );
    assert_eq!(
        infer_kind(["Knuth, Donald", "Aho, Alfred; Ullman, Jeffrey", "Sedgewick"]),
        K::Names
    );
    assert_eq!(infer_kind(["74000", "1,583", "unknown"]), K::Number);
    // A tie goes to the kind declared first.
    assert_eq!(infer_kind(["64%", "12"]), K::Number);
    assert_eq!(infer_kind(Vec::<&str>::new()), K::Text);
    assert_eq!(infer_kind(["-", "N/A"]), K::Text);
}

#[test]
fn name_keys_compare_written_forms() {
    let key = |raw: &str| match normalize(raw, Some(K::Name)) {
        Ok(Value::Name(p)) => name_key(&p),
        other => panic!("{raw:?}: {other:?}"),
    };
    assert_eq!(key("KNUTH, DONALD E."), key("Donald E. Knuth"));
    assert_eq!(key("Knuth, Donald E"), key("Donald E. Knuth"));
    assert!(key("D. Knuth").compatible(&key("Donald E. Knuth")));
    assert!(key("Knuth").compatible(&key("Donald E. Knuth")));
    assert!(!key("D. Knuth").compatible(&key("Donald Duck")));
    assert!(!key("Jane Knuth").compatible(&key("Donald Knuth")));
    assert_eq!(key("Gagné, Marcel").family, "gagne");
    assert_eq!(key("Ｋｎｕｔｈ, Donald"), key("Donald Knuth"));
}
