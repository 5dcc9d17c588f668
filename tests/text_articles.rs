//! Article reading on invented stories: entity resolution across articles,
//! cleaning, and claims.

use corroborate::{analyze_articles, Articles, Document, Entity, Modality, RoleKind, TextOptions};

fn read(docs: &[(&str, &str)]) -> Articles {
    analyze_articles(
        docs.iter().map(|(id, t)| Document::new(*id, *t)),
        &TextOptions::new(),
    )
}

/// The entity holding a mention whose text is `surface`.
fn entity_of<'a>(read: &'a Articles, source: &str, surface: &str) -> Option<&'a Entity> {
    read.entities.iter().find(|e| {
        e.mentions
            .iter()
            .any(|m| m.source.as_str() == source && m.text == surface)
    })
}

const DOCS: &[(&str, &str)] = &[
    (
        "a",
        "Canada and Norway sign fisheries pact\n\n\
         Canadian Prime Minister Ana Lindqvist and Norwegian Foreign Minister Choo Min-ho met in Oslo on Monday. \
         Lindqvist said the Northern Fisheries Council (NFC) will set new quotas. \
         Meanwhile, North Macedonia recalled its envoy, and the North said it would not attend. \
         The Kenya Times reported that Kenya may join later. \
         Officials in Ottawa welcomed the deal, while Washington stayed silent. \
         Boats left the harbour of Jasper at dawn for Japan.\n\n\
         Leave a Reply\n\nComments are moderated. Your email is never shown publicly. Required fields have a star.",
    ),
    (
        "b",
        "Quota talks end\n\n\
         Chu told reporters the NFC had never met in winter. \
         The U.S. and America's allies were not invited, and the United States did not comment on the talks. \
         South Korea and North Korea sent observers. \
         Dr. Kim Dae-ho of Kestrel University said Kimball Ross, a trader, was wrong.",
    ),
];

#[test]
fn variants_join_and_look_alikes_stay_apart() {
    let r = read(DOCS);
    // (mention, mention, same entity?)
    let cases = [
        (("a", "Ana Lindqvist"), ("a", "Lindqvist"), true),
        (("a", "Choo Min-ho"), ("b", "Chu"), true),
        (("a", "Northern Fisheries Council"), ("b", "NFC"), true),
        (("a", "NFC"), ("b", "NFC"), true),
        (("a", "Canada"), ("a", "Ottawa"), true),
        (("a", "Canada"), ("a", "Canadian"), true),
        (("a", "North Macedonia"), ("a", "North"), true),
        (("b", "U.S."), ("b", "United States"), true),
        (("b", "America"), ("a", "Washington"), true),
        (("a", "Kenya Times"), ("a", "Kenya"), false),
        (("b", "South Korea"), ("b", "North Korea"), false),
        (("a", "Jasper"), ("a", "Japan"), false),
        (("b", "Kim Dae-ho"), ("b", "Kimball Ross"), false),
        (("a", "Choo Min-ho"), ("a", "Ana Lindqvist"), false),
    ];
    for ((sa, a), (sb, b), same) in cases {
        let ea = entity_of(&r, sa, a).unwrap_or_else(|| panic!("no entity for {a}"));
        let eb = entity_of(&r, sb, b).unwrap_or_else(|| panic!("no entity for {b}"));
        assert_eq!(ea == eb, same, "{a} / {b}");
    }
    // Sentence-initial adverbs and page furniture name nothing.
    for word in ["Meanwhile", "Officials", "Leave", "Reply", "Boats"] {
        assert!(
            entity_of(&r, "a", word).is_none(),
            "{word} became an entity"
        );
    }
}

#[test]
fn kinds_and_names() {
    let r = read(DOCS);
    let cases = [
        ("Lindqvist", "Ana Lindqvist", "person"),
        ("NFC", "Northern Fisheries Council", "organization"),
        ("Ottawa", "Canada", "place"),
        ("Kestrel University", "Kestrel University", "organization"),
    ];
    for (surface, name, kind) in cases {
        let source = if surface == "Kestrel University" {
            "b"
        } else {
            "a"
        };
        let e = entity_of(&r, source, surface).unwrap_or_else(|| panic!("no {surface}"));
        assert_eq!(
            (e.name.as_str(), e.kind.as_str()),
            (name, kind),
            "{surface}"
        );
    }
}

#[test]
fn claims_carry_negation_modality_attribution_and_roles() {
    let r = read(DOCS);
    let claim = |source: &str, needle: &str| {
        r.documents
            .iter()
            .filter(|d| d.source.as_str() == source)
            .flat_map(|d| &d.claims)
            .find(|c| c.text.contains(needle))
            .unwrap_or_else(|| panic!("no claim with {needle:?}"))
            .clone()
    };
    let c = claim("a", "will set new quotas");
    assert_eq!(c.modality, Modality::Future);
    assert!(c.attribution.is_some());
    assert!(
        c.predicate.contains(&"set".to_string()),
        "{:?}",
        c.predicate
    );
    assert!(
        c.roles.iter().any(|x| x.kind == RoleKind::Agent),
        "{:?}",
        c.roles
    );

    let c = claim("b", "never met");
    assert!(c.negated);

    let c = claim("a", "would not attend");
    assert!(c.negated);
    assert_eq!(c.modality, Modality::Conditional);

    let c = claim("a", "recalled its envoy");
    assert!(!c.negated);
    assert_eq!(c.modality, Modality::Asserted);
    let agent = c
        .roles
        .iter()
        .find(|x| x.kind == RoleKind::Agent)
        .expect("an agent");
    assert_eq!(r.entities[agent.entity].name, "North Macedonia");

    let c = claim("a", "met in Oslo");
    let places: Vec<&str> = c
        .roles
        .iter()
        .filter(|x| x.kind == RoleKind::In)
        .map(|x| r.entities[x.entity].name.as_str())
        .collect();
    assert_eq!(places, ["Norway"]);
    // The demonyms qualify the titles; the people are the agents.
    let agents: Vec<&str> = c
        .roles
        .iter()
        .filter(|x| x.kind == RoleKind::Agent)
        .map(|x| r.entities[x.entity].name.as_str())
        .collect();
    assert_eq!(agents, ["Ana Lindqvist", "Choo Min-ho"]);

    // Nothing is read from the comment form.
    assert!(r
        .documents
        .iter()
        .flat_map(|d| &d.claims)
        .all(|c| !c.text.contains("email")));
}

#[test]
fn files_read_with_their_stem_as_source() {
    let dir = std::env::temp_dir().join(format!("corroborate-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = dir.join("wire-42.txt");
    std::fs::write(&good, "\u{feff}Title\r\nThe port of Vell reopened.\r\n").expect("write");
    let doc = Document::from_file(&good).expect("readable");
    assert_eq!(doc.source().as_str(), "wire-42");
    let bad = dir.join("broken.txt");
    std::fs::write(&bad, [b'o', b'k', 0xff, 0xfe]).expect("write");
    let err = Document::from_file(&bad).expect_err("not UTF-8");
    assert_eq!(err.kind(), corroborate::ErrorKind::InvalidUtf8);
    assert!(err.message().contains("broken.txt"), "{}", err.message());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn speech_tags_attribute_quotes() {
    let text = "Ostrian leader vows to veto grain levy\n\n\
        \"We will not accept a tax that punishes our farmers,\" Valk told reporters in Berlin after meeting German Chancellor Lena Hartmann.\n\n\
        Hartmann, who has backed the levy, said Germany was ready to compromise.\n\n\
        \"Teodor has painted himself into a corner,\" said Dr. Amos Reiner, a fellow at the Lindholm Institute.";
    let r = read(&[("w", text)]);
    let claims = &r.documents[0].claims;
    let cases = [
        ("We will not accept", "Valk told", true, Modality::Future),
        (
            "Germany was ready",
            "Hartmann, who has backed the levy, said",
            false,
            Modality::Asserted,
        ),
        (
            "Teodor has painted",
            "said Dr. Amos Reiner",
            false,
            Modality::Asserted,
        ),
    ];
    for (start, by, negated, modality) in cases {
        let c = claims
            .iter()
            .find(|c| c.text.starts_with(start))
            .unwrap_or_else(|| panic!("no claim starting {start:?}: {claims:#?}"));
        let at = c
            .attribution
            .unwrap_or_else(|| panic!("{start}: no attribution"));
        assert_eq!(at.span.slice(text), by, "{start}");
        assert_eq!((c.negated, c.modality), (negated, modality), "{start}");
    }
    let ready = claims
        .iter()
        .find(|c| c.text.starts_with("Germany"))
        .expect("claim");
    let agent = ready
        .roles
        .iter()
        .find(|x| x.kind == RoleKind::Agent)
        .expect("agent");
    assert_eq!(r.entities[agent.entity].name, "Germany");
    let quoted = claims
        .iter()
        .find(|c| c.text.starts_with("We will"))
        .expect("claim");
    assert_eq!(
        quoted.quote.map(|q| q.slice(text)),
        Some("We will not accept a tax that punishes our farmers,")
    );
}

#[test]
fn claims_carry_scanned_values_with_roles() {
    let text = "Ostrian grain exports rose 12% to $4 billion in 2030, officials said on Tuesday. \
        The levy was cut by 2 percentage points. Vell has not visited since 2019.";
    let doc = Document::new("v", text).with_published(corroborate::Date::ymd(2031, 3, 13));
    let r = analyze_articles([doc], &TextOptions::new());
    let values: Vec<(String, RoleKind, String)> = r.documents[0]
        .claims
        .iter()
        .flat_map(|c| &c.values)
        .map(|v| (v.mention.text.clone(), v.role, v.mention.value.to_string()))
        .collect();
    let want = [
        ("12%", RoleKind::Object, "12%"),
        ("$4 billion", RoleKind::To, "4000000000 USD"),
        ("2030", RoleKind::In, "2030"),
        ("2 percentage points", RoleKind::By, "2%"),
        ("since 2019", RoleKind::Other, "(2019,2031-03-13,P12Y)"),
    ];
    let got: Vec<(&str, RoleKind, &str)> = values
        .iter()
        .map(|(t, r, v)| (t.as_str(), *r, v.as_str()))
        .collect();
    assert_eq!(got, want);
    for c in &r.documents[0].claims {
        for v in &c.values {
            assert_eq!(&text[v.mention.span.clone()], v.mention.text);
            assert!(c.span.start <= v.mention.span.start && v.mention.span.end <= c.span.end);
        }
    }
}
