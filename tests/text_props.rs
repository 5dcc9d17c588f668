//! Properties of article reading that must hold for any input.

use corroborate::{analyze_articles, clean, sentences, Articles, Document, TextOptions};
use proptest::prelude::*;

/// Sentences in order, inside article blocks, not overlapping, and covering
/// every non-blank character of those blocks.
fn check_tiling(text: &str) -> Result<(), TestCaseError> {
    let blocks = clean(text);
    let sents = sentences(text, &blocks);
    let mut prev_end = 0;
    for s in &sents {
        prop_assert!(s.span.start < s.span.end, "empty sentence {:?}", s.span);
        prop_assert!(s.span.start >= prev_end, "overlap at {:?}", s.span);
        prop_assert!(text.get(s.span.start..s.span.end).is_some());
        prop_assert!(
            blocks
                .iter()
                .any(|b| b.kind.is_article() && b.span.contains(s.span)),
            "sentence {:?} outside article blocks",
            s.span
        );
        prev_end = s.span.end;
    }
    for b in blocks.iter().filter(|b| b.kind.is_article()) {
        for (i, c) in b.span.slice(text).char_indices() {
            if c.is_whitespace() {
                continue;
            }
            let at = b.span.start + i;
            prop_assert!(
                sents.iter().any(|s| s.span.start <= at && at < s.span.end),
                "byte {at} ({c:?}) of an article block is in no sentence"
            );
        }
    }
    for w in blocks.windows(2) {
        prop_assert!(w[0].span.end <= w[1].span.start, "blocks overlap");
    }
    Ok(())
}

fn check_spans(docs: &[Document], read: &Articles) -> Result<(), TestCaseError> {
    let text_of = |id: &str| {
        docs.iter()
            .find(|d| d.source().as_str() == id)
            .map(|d| d.text())
    };
    for e in &read.entities {
        prop_assert!(!e.mentions.is_empty());
        for m in &e.mentions {
            let text = text_of(m.source.as_str()).unwrap_or_default();
            prop_assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
            prop_assert!(m.start < m.end);
        }
    }
    for a in &read.documents {
        let text = text_of(a.source.as_str()).unwrap_or_default();
        for c in &a.claims {
            prop_assert_eq!(text.get(c.span.start..c.span.end), Some(c.text.as_str()));
            prop_assert!(c.sentence.contains(c.span));
            prop_assert!(text.get(c.verb.start..c.verb.end).is_some());
            if let Some(q) = c.quote {
                prop_assert!(text.get(q.start..q.end).is_some());
            }
            if let Some(at) = c.attribution {
                prop_assert!(text.get(at.span.start..at.span.end).is_some());
                if let Some(e) = at.entity {
                    prop_assert!(e < read.entities.len());
                }
            }
            for v in &c.values {
                let s = &v.mention.span;
                prop_assert_eq!(text.get(s.clone()), Some(v.mention.text.as_str()));
                prop_assert!(c.span.start <= s.start && s.end <= c.span.end);
            }
            for r in &c.roles {
                prop_assert!(r.entity < read.entities.len());
                prop_assert!(text.get(r.span.start..r.span.end).is_some());
            }
        }
    }
    Ok(())
}

/// Words that make article-like text: names, titles, places, verbs,
/// punctuation, quotes, page furniture, odd white space.
fn newsy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "President",
        "Minister",
        "Dr.",
        "Ostria",
        "Vell",
        "Mara",
        "Vell's",
        "Kenya",
        "Nairobi",
        "the",
        "North",
        "South",
        "Sudan",
        "U.S.",
        "agreed",
        "to",
        "lift",
        "curbs",
        "on",
        "said",
        "will",
        "not",
        "never",
        "\u{201c}",
        "\u{201d}",
        "\"",
        ".",
        ",",
        "(OCA)",
        "Ostrian",
        "Council",
        "Agency",
        "of",
        "Trade",
        "Organization",
        "according",
        "Share",
        "Subscribe",
        "newsletter",
        "\n",
        "\r\n",
        "\n\n",
        "\u{a0}",
        "\u{feff}",
        "p.m.",
        "S.",
        "-",
        "Chun",
        "Choon",
        "Lund",
        "Lee-Ann",
        "é",
        "日本",
        "💥",
        "'s",
        "\u{2019}s",
        "known",
        "as",
        "an",
        "trade",
        "agreement",
        "Reply",
        "Photo",
        "Reuters",
        "/",
        "Pool",
        "via",
    ]);
    prop::collection::vec(words, 0..80).prop_map(|ws| {
        let mut s = String::new();
        for (i, w) in ws.iter().enumerate() {
            if i > 0 && !w.starts_with(['.', ',', '\n', '\r']) {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sentences_tile_article_text(text in newsy()) {
        check_tiling(&text)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}", other in any::<String>()) {
        check_tiling(&text)?;
        check_tiling(&other)?;
        let docs = vec![Document::new("a", text.clone()), Document::new("b", other)];
        let read = analyze_articles(docs.clone(), &TextOptions::new());
        check_spans(&docs, &read)?;
    }

    #[test]
    fn spans_are_slices_of_the_text(a in newsy(), b in newsy(), c in newsy()) {
        let docs = vec![Document::new("a", a), Document::new("b", b), Document::new("c", c)];
        let read = analyze_articles(docs.clone(), &TextOptions::new());
        check_spans(&docs, &read)?;
    }

    #[test]
    fn order_of_documents_does_not_matter(a in newsy(), b in newsy(), c in newsy()) {
        let docs = vec![Document::new("a", a), Document::new("b", b), Document::new("c", c)];
        let forward = analyze_articles(docs.clone(), &TextOptions::new());
        let mut rev = docs.clone();
        rev.reverse();
        let backward = analyze_articles(rev, &TextOptions::new());
        let rotated = analyze_articles(vec![docs[1].clone(), docs[2].clone(), docs[0].clone()], &TextOptions::new());
        prop_assert_eq!(&forward, &backward);
        prop_assert_eq!(&forward, &rotated);
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match Document::from_bytes("raw", bytes.clone()) {
            Ok(d) => prop_assert_eq!(d.text().as_bytes(), bytes.as_slice()),
            Err(e) => prop_assert_eq!(e.kind(), corroborate::ErrorKind::InvalidUtf8),
        }
    }
}
