use super::*;

fn day() -> Date {
    Date::ymd(2031, 5, 2)
}

fn run(texts: &[(&str, &str)]) -> Report {
    let docs = texts
        .iter()
        .map(|(s, t)| Document::new(*s, *t).with_published(day()));
    reconcile_articles(docs, &ArticleOptions::new())
}

/// The fact citing `(source, words)`, if any.
fn fact_of<'a>(r: &'a Report, source: &str, words: &str) -> Option<&'a Fact> {
    r.facts.iter().find(|f| {
        f.positions.iter().any(|p| {
            p.support
                .iter()
                .any(|c| c.source.as_str() == source && c.quote.contains(words))
        })
    })
}

fn position_of(f: &Fact, source: &str, words: &str) -> Option<usize> {
    f.positions.iter().position(|p| {
        p.support
            .iter()
            .any(|c| c.source.as_str() == source && c.quote.contains(words))
    })
}

#[test]
fn agreement_and_conflict_table() {
    // (articles, first quote, second quote, same fact?, same position?)
    type Case<'a> = (
        &'a [(&'a str, &'a str)],
        (&'a str, &'a str),
        (&'a str, &'a str),
        bool,
        bool,
    );
    let cases: &[Case] = &[
        (
            &[
                (
                    "a",
                    "The ferry crossing reopened on Monday, the first sailing in 12 years.",
                ),
                (
                    "b",
                    "Monday's sailing was the first ferry crossing since 2019.",
                ),
            ],
            ("a", "12 years"),
            ("b", "since 2019"),
            true,
            true,
        ),
        (
            &[
                (
                    "a",
                    "The ferry crossing reopened on Monday, the first sailing in 12 years.",
                ),
                (
                    "b",
                    "Monday's sailing was the first ferry crossing in a century.",
                ),
            ],
            ("a", "12 years"),
            ("b", "a century"),
            true,
            false,
        ),
        (
            &[
                ("a", "Ostria will lift curbs on its exports to Veland."),
                (
                    "b",
                    "Ostria will remove restrictions on exports from Veland.",
                ),
            ],
            ("a", "to Veland"),
            ("b", "from Veland"),
            true,
            false,
        ),
        (
            &[
                (
                    "a",
                    "In 2027, Veland terminated the fishing pact with Ostria.",
                ),
                (
                    "b",
                    "Veland threatened to withdraw from the fishing pact with Ostria in 2027.",
                ),
            ],
            ("a", "terminated"),
            ("b", "threatened"),
            true,
            false,
        ),
        (
            &[
                (
                    "a",
                    "Veland test-fired two short-range ballistic missiles on Tuesday.",
                ),
                (
                    "b",
                    "Veland fired an intercontinental ballistic missile on Thursday.",
                ),
            ],
            ("a", "short-range"),
            ("b", "intercontinental"),
            false,
            false,
        ),
        (
            &[
                (
                    "a",
                    "Veland fired a long-range ballistic missile into the sea.",
                ),
                ("b", "Veland launched an ICBM into the sea."),
            ],
            ("a", "long-range"),
            ("b", "ICBM"),
            true,
            true,
        ),
    ];
    for (texts, (sa, qa), (sb, qb), same_fact, same_position) in cases {
        let r = run(texts);
        let fa = fact_of(&r, sa, qa).unwrap_or_else(|| panic!("{qa:?} not cited: {r:#?}"));
        let fb = fact_of(&r, sb, qb).unwrap_or_else(|| panic!("{qb:?} not cited: {r:#?}"));
        assert_eq!(fa == fb, *same_fact, "{qa:?} / {qb:?}: {:#?}", r.facts);
        if *same_fact {
            let pa = position_of(fa, sa, qa);
            let pb = position_of(fa, sb, qb);
            assert_eq!(pa == pb, *same_position, "{qa:?} / {qb:?}: {fa:#?}");
            let want = if *same_position {
                FactKind::Consensus
            } else {
                FactKind::Contradiction
            };
            assert_eq!(fa.kind, want);
        }
    }
}

#[test]
fn an_outlier_does_not_outvote_the_rest() {
    let r = run(&[
        ("a", "The harbour bridge cost $40 million to build."),
        ("b", "Building the harbour bridge cost $40 million."),
        ("c", "The harbour bridge cost $40m to build."),
        ("d", "The harbour bridge cost $95 million to build."),
    ]);
    let f = fact_of(&r, "d", "$95").expect("cited");
    assert_eq!(f.kind, FactKind::Contradiction);
    assert!(f.positions[0].value.contains("40000000"), "{f:#?}");
    assert_eq!(f.positions[0].support.len(), 3);
    assert!(f.positions[0].confidence.get() > f.positions[1].confidence.get());
}

#[test]
fn a_contradiction_inside_one_article_is_reported() {
    let r = run(&[(
        "a",
        "The tunnel opened on Monday, the first road link in 12 years. Officials called the tunnel the first road link in a century.",
    )]);
    let f = fact_of(&r, "a", "12 years").expect("cited");
    assert_eq!(f.kind, FactKind::Contradiction, "{:#?}", r.facts);
}

#[test]
fn every_statement_is_cited_once() {
    let r = run(&[
        (
            "a",
            "Rain fell. The mayor opened the new port on Friday. Nothing else happened.",
        ),
        ("b", "The new port was opened by the mayor on Friday."),
    ]);
    let mut cites: Vec<(String, Option<usize>)> = r
        .facts
        .iter()
        .flat_map(|f| f.positions.iter())
        .flat_map(|p| p.support.iter())
        .map(|c| (c.source.to_string(), c.start))
        .collect();
    let n = cites.len();
    cites.sort();
    cites.dedup();
    assert_eq!(cites.len(), n);
    assert!(cites.iter().filter(|c| c.0 == "a").count() >= 3);
}

#[test]
fn aliases_join_entities() {
    let docs = [
        Document::new("a", "Harbourmaster Ilse Varga opened the port."),
        Document::new("b", "The port chief, known locally as Old Ilse, spoke."),
    ];
    let plain = reconcile_articles(docs.clone(), &ArticleOptions::new());
    let joined = reconcile_articles(docs, &ArticleOptions::new().alias("Old Ilse", "Ilse Varga"));
    let has_both = |r: &Report| {
        r.entities.iter().any(|e| {
            e.mentions.iter().any(|m| m.text.contains("Old Ilse"))
                && e.mentions.iter().any(|m| m.text.contains("Varga"))
        })
    };
    assert!(!has_both(&plain));
    assert!(has_both(&joined), "{:#?}", joined.entities);
}

#[test]
fn identical_statements_share_a_position_when_agreement_chains() {
    // "About" makes agreement loose and not transitive: 10 meets 11 and 11
    // meets 13, but 10 does not meet 13. Sources are read in id order, so
    // "e", a word-for-word copy of "c", comes after "d"; pooling a
    // position's values once put "e" with 15 and 13 while "c" stood apart.
    // (hours of each source, sources that must stand together)
    type Case<'a> = (&'a [(&'a str, u32)], &'a [&'a str]);
    let cases: &[Case] = &[
        (
            &[("a", 15), ("b", 13), ("c", 10), ("d", 11), ("e", 10)],
            &["c", "e"],
        ),
        (
            &[("a", 10), ("b", 11), ("c", 13), ("d", 15), ("e", 13)],
            &["c", "e"],
        ),
        (&[("a", 13), ("b", 11), ("c", 10), ("d", 10)], &["c", "d"]),
    ];
    for (hours, together) in cases {
        let texts: Vec<(String, String)> = hours
            .iter()
            .map(|(s, h)| {
                (
                    s.to_string(),
                    format!(
                        "The barge trip to Quellmoor will take about {h} hours, the pilots said."
                    ),
                )
            })
            .collect();
        let texts: Vec<(&str, &str)> = texts
            .iter()
            .map(|(s, t)| (s.as_str(), t.as_str()))
            .collect();
        let r = run(&texts);
        let f = fact_of(&r, together[0], "hours").expect("the trip is a fact");
        let at = |s: &str| position_of(f, s, "hours");
        assert!(at(together[0]).is_some(), "{hours:?}");
        for s in &together[1..] {
            assert_eq!(
                at(s),
                at(together[0]),
                "{hours:?}: {s} apart from {}",
                together[0]
            );
        }
        // Every statement of the trip lands in the one fact.
        for (s, _) in hours.iter() {
            assert!(at(s).is_some(), "{hours:?}: {s} outside the fact");
        }
    }
}
