//! Properties of the reconciliation core that must hold for any claims.

use std::collections::BTreeMap;

use corroborate::{Claim, Options, Provenance, Reconciler, Report, Source, ValueKind};
use proptest::prelude::*;

/// Values in several spellings, so that normalisation, candidate merging
/// and fuzzy agreement all take part.
const VALUES: &[&str] = &[
    "12/01/2011 01:55 PM",
    "1:55pDec 1",
    "2011-12-01 13:55",
    "12/01/2011 02:07 PM",
    "-",
    "Not Available",
    "",
    "48,213",
    "48213",
    "Knuth, Donald E.",
    "Donald E. Knuth",
    "Donald Knuth; Ronald Graham",
    "B12",
    "Gate B12",
    "Zürich",
    "zurich",
];

fn claim_strategy() -> impl Strategy<Value = (u8, u8, u8, usize)> {
    (0u8..5, 0u8..4, 0u8..3, 0..VALUES.len())
}

fn claims_from(spec: &[(u8, u8, u8, usize)]) -> Vec<Claim> {
    spec.iter()
        .enumerate()
        .map(|(i, &(s, subj, attr, v))| {
            Claim::from_record(
                format!("src{s}"),
                i as u64 + 1,
                format!("item{subj}"),
                format!("attr{attr}"),
                VALUES[v],
            )
        })
        .collect()
}

fn run(claims: &[Claim], sources: &[Source]) -> Report {
    let mut r = Reconciler::new(Options::default().kind("attr2", ValueKind::Text));
    for s in sources {
        r.add_source(s.clone());
    }
    r.extend(claims);
    r.reconcile()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn report_does_not_depend_on_claim_or_source_order(
        spec in prop::collection::vec(claim_strategy(), 0..60),
        seed in any::<u64>(),
    ) {
        let claims = claims_from(&spec);
        let sources: Vec<Source> = (0..5).map(|i| Source::new(format!("src{i}")).prior_trust(0.5 + 0.1 * f64::from(i))).collect();
        let base = run(&claims, &sources);
        // A deterministic shuffle from the seed (Fisher–Yates with an LCG).
        let mut shuffled = claims.clone();
        let mut srcs = sources.clone();
        let mut x = seed | 1;
        let mut next = |n: usize| { x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (x >> 33) as usize % n };
        for i in (1..shuffled.len()).rev() { let j = next(i + 1); shuffled.swap(i, j); }
        for i in (1..srcs.len()).rev() { let j = next(i + 1); srcs.swap(i, j); }
        prop_assert_eq!(run(&shuffled, &srcs), base);
    }

    #[test]
    fn every_claim_is_cited_once_or_rejected(spec in prop::collection::vec(claim_strategy(), 0..80)) {
        let claims = claims_from(&spec);
        let report = run(&claims, &[]);
        let mut seen: BTreeMap<(String, u64), usize> = BTreeMap::new();
        for f in &report.facts {
            for p in &f.positions {
                for c in &p.support {
                    *seen.entry((c.source.to_string(), c.record.unwrap())).or_default() += 1;
                }
            }
        }
        for r in &report.rejected {
            *seen.entry((r.citation.source.to_string(), r.citation.record.unwrap())).or_default() += 1;
        }
        prop_assert_eq!(seen.len(), claims.len());
        for c in &claims {
            let Provenance::Record(n) = c.provenance else { unreachable!() };
            prop_assert_eq!(seen.get(&(c.source.to_string(), n)), Some(&1));
        }
        for f in &report.facts {
            prop_assert!(!f.positions.is_empty());
            for w in f.positions.windows(2) {
                prop_assert!(w[0].confidence >= w[1].confidence);
            }
        }
    }

    #[test]
    fn merging_halves_equals_the_whole(spec in prop::collection::vec(claim_strategy(), 0..60), cut in 0usize..60) {
        let claims = claims_from(&spec);
        let cut = cut.min(claims.len());
        let options = Options::default().kind("attr2", ValueKind::Text);
        let mut whole = Reconciler::new(options.clone());
        whole.extend(&claims);
        let mut a = Reconciler::new(options.clone());
        a.extend(&claims[..cut]);
        let mut b = Reconciler::new(options.clone());
        b.extend(&claims[cut..]);
        // b ∪ a, and the empty reconciler as identity.
        b.merge(a).merge(Reconciler::new(options));
        prop_assert_eq!(b.reconcile(), whole.reconcile());
    }

    #[test]
    fn arbitrary_unicode_never_panics(values in prop::collection::vec(any::<String>(), 1..20), kind in 0usize..13) {
        let kind = ValueKind::ALL[kind];
        let mut r = Reconciler::new(Options::default().kind("a", kind));
        for (i, v) in values.iter().enumerate() {
            r.add(format!("s{}", i % 3), "x", "a", v, Provenance::Record(i as u64 + 1));
            r.add(format!("s{}", i % 3), "y", "b", v, Provenance::Record(i as u64 + 1));
        }
        let report = r.reconcile();
        let cited: usize = report.facts.iter().flat_map(|f| &f.positions).map(|p| p.support.len()).sum();
        prop_assert_eq!(cited + report.rejected.len(), values.len() * 2);
        let _ = report.to_markdown();
    }
}

#[test]
fn malformed_csv_rows_are_errors_naming_the_line() {
    // Lines as an editor numbers them: `\n`, `\r\n` and a lone `\r` each
    // end one, and blank lines count.
    let h = "source,subject,attribute,value";
    let cases: &[(&[u8], &str)] = &[
        (b"", "line 1"),
        (b"src,subj,attr,val\n", "line 1"),
        (b"\n\nsrc,subj,attr,val\n", "line 3"),
        (b"source,subject,attribute,value\na,b,c\n", "line 2"),
        (
            b"source,subject,attribute,value\na,b,c,d\na,b,c,d,e\n",
            "line 3",
        ),
        (b"source,subject,attribute,value\n,b,c,d\n", "line 2"),
        (
            b"source,subject,attribute,value\r\na,b,c,d\r\na,b,c,d\r\na,b\r\n",
            "line 4",
        ),
        (b"source,subject,attribute,value\ra,b,c,d\ra,b\r", "line 3"),
        (
            b"source,subject,attribute,value\na,b,c,d\n\n\na,b\n",
            "line 5",
        ),
        (
            b"source,subject,attribute,value\na,b,c,d\r\n\r\n ,b,c,d\r\n",
            "line 4",
        ),
        (
            b"source,subject,attribute,value\na,\"b\nb\",c,d\na,b\n",
            "line 4",
        ),
        // A field that never closes would swallow every row after it.
        (
            b"source,subject,attribute,value\na,b,c,d\na,b,c,\"1\na,x,c,2\na,y,c,3\n",
            "line 3",
        ),
        (b"source,subject,attribute,value\n\"a,b,c,d", "line 2"),
    ];
    for &(input, want) in cases {
        let mut r = Reconciler::default();
        let err = r
            .read_csv(input)
            .expect_err(&String::from_utf8_lossy(input));
        assert_eq!(err.kind(), corroborate::ErrorKind::Csv, "{input:?}");
        assert!(
            err.to_string().starts_with(&format!("{want}:")),
            "{:?}: {err}",
            String::from_utf8_lossy(input)
        );
    }
    for (input, want) in [
        (
            [format!("{h}\na,b,c,").as_bytes(), b"\xff\n"].concat(),
            "line 2",
        ),
        (
            [format!("{h}\na,b,c,d\n\n").as_bytes(), b"a,b,c,\xff\n"].concat(),
            "line 4",
        ),
        (
            [format!("{h}\r\na,b,c,d\r\n").as_bytes(), b"a,b,c,\xff\r\n"].concat(),
            "line 3",
        ),
    ] {
        let mut r = Reconciler::default();
        let err = r.read_csv(input.as_slice()).unwrap_err();
        assert_eq!(err.kind(), corroborate::ErrorKind::InvalidUtf8);
        assert!(err.to_string().starts_with(&format!("{want}:")), "{err}");
    }
}
