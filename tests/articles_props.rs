//! Properties of reconciling articles, over synthetic corpora from the
//! bench's generator.

use corroborate::{
    analyze_articles, reconcile_articles, ArticleOptions, Date, Document, FactKind, HtmlContext,
    Report, TextOptions,
};
use proptest::prelude::*;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn docs(corpus: &[(String, String)]) -> Vec<Document> {
    corpus
        .iter()
        .map(|(id, t)| Document::new(id.as_str(), t.as_str()).with_published(Date::ymd(2031, 5, 2)))
        .collect()
}

fn run(corpus: &[(String, String)]) -> Report {
    reconcile_articles(docs(corpus), &ArticleOptions::new())
}

fn corpus() -> impl Strategy<Value = Vec<(String, String)>> {
    (2usize..7, 1usize..4, 0.0f64..0.5, any::<u64>())
        .prop_map(|(n, per, conflict, seed)| synthetic::corpus(n, per, conflict, seed))
}

/// Every citation as (source, start, end).
fn citations(r: &Report) -> Vec<(String, usize, usize)> {
    r.facts
        .iter()
        .flat_map(|f| f.positions.iter())
        .flat_map(|p| p.support.iter())
        .map(|c| {
            (
                c.source.to_string(),
                c.start.unwrap_or(usize::MAX),
                c.end.unwrap_or(usize::MAX),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn permuting_documents_changes_nothing(corpus in corpus(), rot in 0usize..7) {
        let mut turned = corpus.clone();
        turned.reverse();
        let k = rot % turned.len();
        turned.rotate_left(k);
        prop_assert_eq!(run(&corpus), run(&turned));
    }

    #[test]
    fn every_claim_is_in_exactly_one_fact(corpus in corpus()) {
        let report = run(&corpus);
        let mut cites = citations(&report);
        let n = cites.len();
        cites.sort();
        cites.dedup();
        prop_assert_eq!(cites.len(), n, "a statement is cited twice");
        let read = analyze_articles(docs(&corpus), &TextOptions::new());
        for d in &read.documents {
            for c in &d.claims {
                let key = (d.source.to_string(), c.span.start, c.span.end);
                prop_assert!(cites.binary_search(&key).is_ok(), "claim {:?} not cited", c.text);
            }
        }
    }

    #[test]
    fn a_verbatim_copy_adds_support_never_contradiction(corpus in corpus(), pick in 0usize..7) {
        let before = run(&corpus);
        let original = corpus[pick % corpus.len()].clone();
        let mut more = corpus.clone();
        more.push(("zz-copy".to_string(), original.1.clone()));
        let after = run(&more);
        prop_assert!(
            after.count(FactKind::Contradiction) <= before.count(FactKind::Contradiction),
            "{} contradictions became {}",
            before.count(FactKind::Contradiction),
            after.count(FactKind::Contradiction)
        );
        // The copy stands wherever the original stands.
        for f in &after.facts {
            for p in &f.positions {
                for c in p.support.iter().filter(|c| c.source.as_str() == "zz-copy") {
                    let twin = p.support.iter().any(|o| {
                        o.source.as_str() == original.0 && o.start == c.start && o.end == c.end
                    });
                    prop_assert!(twin, "copy cited at {:?} apart from its original in {:?}", c.start, f.topic);
                }
            }
        }
    }

    #[test]
    fn html_escapes_every_source_text(corpus in corpus(), junk in "[<>&\"' a-z]{0,40}") {
        let mut corpus = corpus;
        corpus.push((
            "zz-hostile".to_string(),
            format!("<script>alert(1)</script> The crossing will take about 9 hours {junk}. <b>Bold</b> & \"quoted\"."),
        ));
        let report = run(&corpus);
        let mut ctx = HtmlContext::new();
        for (id, text) in &corpus {
            ctx = ctx.text(id.as_str(), text.as_str());
        }
        let page = report.to_html(&ctx);
        prop_assert!(!page.contains("<script"), "a source's markup reached the page");
        prop_assert!(!page.contains("<b>Bold"), "a source's markup reached the page");
    }
}
