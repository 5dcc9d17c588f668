//! Properties of the HTML page that must hold for any report and any source
//! text: source strings never become markup, and no span makes rendering fail.

use std::sync::Arc;

use corroborate::{
    Citation, Claim, Entity, Fact, FactKind, HtmlContext, Mention, Options, Position, Provenance,
    Reconciler, RejectReason, Rejected, Report, Score, SourceId, SourceReport,
};
use proptest::prelude::*;

/// Every element the renderer emits; anything else after a `<` came from a
/// source.
const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "header",
    "p",
    "h1",
    "h2",
    "h3",
    "section",
    "div",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "article",
    "ul",
    "li",
    "details",
    "summary",
    "a",
    "blockquote",
    "mark",
    "b",
];

/// Strings that have broken renderers, mixed with arbitrary Unicode.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>alert('x')</script>".to_string()),
        Just("</div></main><script src=\"//evil\">".to_string()),
        Just("\"onload=\"x\" ' &amp; &#60; &".to_string()),
        Just("Zürich — 東京 😀 e\u{301}".to_string()),
        Just("<!-- --> <![CDATA[ ]]> <style>".to_string()),
        Just(String::new()),
        "\\PC{0,40}",
        "[<>&\"' a-z.\n]{0,40}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(nasty(), 0..6).prop_map(|parts| parts.join(". "))
}

/// Offsets near the text's length matter most, but any `usize` must do.
fn offset() -> impl Strategy<Value = usize> {
    prop_oneof![0usize..400, Just(usize::MAX), any::<usize>()]
}

fn citation(source: &str, record: Option<u64>, start: usize, end: usize, quote: &str) -> Citation {
    let provenance = match record {
        Some(r) => Provenance::Record(r),
        None => Provenance::Span { start, end },
    };
    Citation::new(SourceId::new(source), provenance, Arc::<str>::from(quote))
}

prop_compose! {
    fn report()(
        ids in prop::collection::vec(nasty(), 1..4),
        topic in nasty(),
        values in prop::collection::vec(nasty(), 1..4),
        quotes in prop::collection::vec((nasty(), prop::option::of(any::<u64>()), offset(), offset()), 0..8),
        entity in (nasty(), nasty(), prop::collection::vec((nasty(), offset(), offset()), 0..4)),
        reason in nasty(),
        conf in any::<f64>(),
    ) -> Report {
        let cite = |i: usize| {
            let (q, rec, s, e) = &quotes[i];
            citation(&ids[i % ids.len()], *rec, *s, *e, q)
        };
        let positions = values
            .iter()
            .enumerate()
            .map(|(i, v)| Position {
                value: v.clone(),
                confidence: Score::new(conf / (i + 1) as f64),
                support: (0..quotes.len()).filter(|q| q % values.len() == i).map(cite).collect(),
            })
            .collect::<Vec<_>>();
        Report {
            sources: ids
                .iter()
                .map(|id| SourceReport {
                    id: SourceId::new(id),
                    name: Some(format!("{id}<b>")),
                    reliability: Score::new(conf),
                    claims: 1,
                    rejected: 1,
                })
                .collect(),
            facts: vec![Fact {
                kind: if positions.len() > 1 { FactKind::Contradiction } else { FactKind::Consensus },
                topic: topic.clone(),
                subject: Some(topic.clone()),
                attribute: Some(reason.clone()),
                positions,
            }],
            rejected: (0..quotes.len().min(2))
                .map(|i| Rejected {
                    citation: cite(i),
                    subject: topic.clone(),
                    attribute: reason.clone(),
                    reason: RejectReason::Unparseable {
                        expected: corroborate::ValueKind::Date,
                        detail: reason.clone(),
                    },
                })
                .collect(),
            entities: vec![Entity {
                name: entity.0.clone(),
                kind: entity.1.clone(),
                mentions: entity
                    .2
                    .iter()
                    .map(|(t, s, e)| Mention {
                        source: SourceId::new(&ids[0]),
                        start: *s,
                        end: *e,
                        text: t.clone(),
                    })
                    .collect(),
            }],
        }
    }
}

/// Checks that every `<` opens or closes one of [`TAGS`], that elements
/// nest, and that text outside tags holds no raw quote, `>` or bare `&`.
fn assert_well_formed(page: &str) -> Result<(), TestCaseError> {
    let lower = page.to_ascii_lowercase();
    prop_assert!(!lower.contains("<script"), "script in page");
    let mut open: Vec<&str> = Vec::new();
    let mut rest = page;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt], open.last() == Some(&"style"))?;
        let tag_and_more = &rest[lt + 1..];
        let gt = tag_and_more.find('>');
        prop_assert!(gt.is_some(), "unclosed tag");
        let tag = &tag_and_more[..gt.unwrap_or(0)];
        rest = &tag_and_more[gt.unwrap_or(0) + 1..];
        if tag.starts_with("!DOCTYPE") {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            prop_assert_eq!(open.pop(), Some(name), "mismatched </{}>", name);
            continue;
        }
        let name = tag.split(' ').next().unwrap_or("");
        prop_assert!(TAGS.contains(&name), "unknown tag <{}>", tag);
        // Attribute values are quoted and escaped, so the only quotes are
        // the delimiters.
        prop_assert!(tag.matches('"').count() % 2 == 0 && !tag.contains('\''));
        if name != "meta" {
            open.push(name);
        }
    }
    check_text(rest, false)?;
    prop_assert!(open.is_empty(), "unclosed {:?}", open);
    Ok(())
}

fn check_text(text: &str, in_style: bool) -> Result<(), TestCaseError> {
    if in_style {
        return Ok(());
    }
    prop_assert!(
        !text.contains(['>', '"', '\'']),
        "raw markup character in {:?}",
        text
    );
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        prop_assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "bare & in {:?}",
            text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn source_strings_never_become_markup(
        report in report(),
        texts in prop::collection::vec(text(), 0..4),
        title in nasty(),
    ) {
        let mut context = HtmlContext::new().title(title);
        for (s, t) in report.sources.iter().zip(texts) {
            context = context.text(s.id.clone(), t);
        }
        let page = report.to_html(&context);
        assert_well_formed(&page)?;
    }

    /// Spans read from a text through the whole pipeline, some valid, some
    /// past the end or inside a character.
    #[test]
    fn any_span_renders(
        text in text(),
        spans in prop::collection::vec((0u8..3, offset(), offset()), 1..10),
    ) {
        let mut r = Reconciler::new(Options::default());
        for (i, (src, s, e)) in spans.iter().enumerate() {
            let raw = text.get(*s..*e).unwrap_or("<i>broken</i>");
            r.add_claim(&Claim::from_span(format!("s{src}"), *s, *e, "event", format!("a{}", i % 2), raw));
        }
        let report = r.reconcile();
        let context: HtmlContext = (0..3).map(|s| (format!("s{s}"), text.clone())).collect();
        let page = report.to_html(&context);
        assert_well_formed(&page)?;
        for (_, s, e) in &spans {
            if let Some(q) = text.get(*s..*e).filter(|q| !q.trim().is_empty() && s < e) {
                let shown = format!("<mark>{}", escape(q));
                prop_assert!(page.contains(&shown), "quote {:?} not shown", q);
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
        .replace('\0', "\u{FFFD}")
}
