use super::*;
use crate::value::{DurationUnit, Interval, Money, Number};

fn opts() -> ScanOptions {
    ScanOptions::new().reference(Date::ymd(2023, 3, 16))
}

fn shown(text: &str) -> Vec<(String, String)> {
    scan(text, &opts())
        .into_iter()
        .map(|m| (m.text, m.value.to_string()))
        .collect()
}

#[test]
fn smoke() {
    for s in [
        "Revenue rose 64% to $52 billion on Thursday.",
        "since 2011",
        "March 16, 2023",
    ] {
        eprintln!("{s}: {:?}", shown(s));
    }
    let _ = (
        DurationUnit::Year,
        Interval {
            start: None,
            end: None,
            elapsed: None,
        },
        Money {
            amount: Number::exact(1.0),
            currency: String::new(),
        },
    );
}
