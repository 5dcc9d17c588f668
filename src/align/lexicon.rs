//! General English knowledge for matching predicates across articles:
//! synonym groups, hypernyms, mutually exclusive modifiers, function words
//! and British spellings. Nothing here names a story, person or place.

use std::collections::HashMap;

use crate::text::stem;

/// Words that stand for one concept; the first names it. A word may sit in
/// more than one group ("drop" a complaint is to withdraw it, "drop" a
/// dispute is to end it), and then stands for each.
const SYNONYMS: &[&[&str]] = &[
    &[
        "lift",
        "remove",
        "ease",
        "scrap",
        "abolish",
        "rescind",
        "revoke",
        "loosen",
        "relax",
        "dismantle",
        "unwind",
    ],
    &[
        "withdraw",
        "drop",
        "abandon",
        "retract",
        "quit",
        "exit",
        "terminate",
        "cancel",
        "scrap",
        "pull",
        "rescind",
    ],
    &["resolve", "settle", "end", "drop", "solve"],
    &[
        "restriction",
        "curb",
        "control",
        "ban",
        "sanction",
        "limit",
        "embargo",
        "barrier",
        "restrict",
        "blacklist",
    ],
    &[
        "complaint",
        "lawsuit",
        "suit",
        "petition",
        "grievance",
        "case",
        "litigation",
    ],
    &[
        "resume",
        "restart",
        "restore",
        "revive",
        "reopen",
        "renew",
        "relaunch",
        "reinstate",
        "reboot",
        "rebuild",
    ],
    &["suspend", "halt", "freeze", "pause", "shelve", "stall"],
    &["summit", "meet", "meeting"],
    &[
        "dialogue",
        "dialog",
        "talk",
        "conversation",
        "consultation",
        "discussion",
        "negotiation",
    ],
    &[
        "visit",
        "trip",
        "travel",
        "tour",
        "voyage",
        "arrive",
        "arrival",
        "invite",
        "invitation",
    ],
    &["launch", "fire", "test-fire", "shoot", "lob"],
    &["missile", "rocket"],
    &[
        "compensate",
        "compensation",
        "reparation",
        "indemnify",
        "indemnity",
        "redress",
        "repay",
    ],
    &[
        "oppose",
        "opposition",
        "criticize",
        "criticism",
        "condemn",
        "denounce",
        "rebuke",
        "object",
        "protest",
        "decry",
        "slam",
    ],
    &["normalize", "normalization", "normal"],
    &["elect", "election", "electoral", "vote", "ballot"],
    &["win", "victory", "triumph"],
    &[
        "colony",
        "colonial",
        "colonize",
        "colonization",
        "colonialism",
        "occupation",
        "occupy",
        "annex",
        "annexation",
    ],
    &["security", "defense"],
    &["export", "shipment", "outbound"],
    &["import", "inbound"],
    &[
        "agreement",
        "pact",
        "accord",
        "treaty",
        "deal",
        "arrangement",
    ],
    &["intelligence", "information"],
    &["regular", "routine", "regularly", "frequent", "periodic"],
    &["leader", "president", "premier", "chancellor"],
    &["country", "nation", "neighbor"],
    &["chip", "semiconductor", "microchip"],
    &["display", "screen", "panel"],
    &["material", "component", "part"],
    &["smartphone", "phone", "handset"],
    &[
        "dispute", "row", "feud", "conflict", "spat", "quarrel", "standoff",
    ],
    &["trade", "commerce", "commercial"],
    &["kill", "die", "dead", "death", "fatality", "toll"],
    &["injure", "wound", "hurt", "injury"],
    &["arrest", "detain", "detention", "custody"],
    &["announce", "unveil", "declare", "reveal", "unveiling"],
    &[
        "increase", "rise", "grow", "climb", "jump", "surge", "raise", "hike",
    ],
    &[
        "decrease", "fall", "decline", "slump", "cut", "reduce", "lower", "drop",
    ],
    &["ship", "vessel", "boat", "ferry"],
    &["port", "harbour", "harbor", "dock", "terminal"],
    &["route", "crossing"],
    &["cost", "price", "fare", "fee", "charge"],
    &["open", "inaugurate", "opening", "inauguration"],
    &["build", "construct", "construction"],
    &["fund", "finance", "funding", "pay", "payment"],
    &["sign", "signing", "ink"],
    &[
        "plan",
        "proposal",
        "scheme",
        "programme",
        "program",
        "initiative",
    ],
    &["force", "forced", "compel", "coerce"],
    &["labor", "worker", "laborer", "workforce"],
    &["drill", "exercise", "maneuver", "wargame"],
    &["company", "firm", "business", "corporation"],
];

/// A term and the broader concepts it implies: an ICBM is a long-range
/// ballistic missile, a prime minister a leader. Entries of several words
/// match the words in sequence.
const HYPERNYMS: &[(&str, &[&str])] = &[
    ("icbm", &["long-range", "ballistic", "missile"]),
    (
        "intercontinental ballistic missile",
        &["icbm", "long-range", "ballistic", "missile"],
    ),
    ("intercontinental", &["long-range"]),
    ("irbm", &["intermediate-range", "ballistic", "missile"]),
    ("srbm", &["short-range", "ballistic", "missile"]),
    ("slbm", &["ballistic", "missile", "submarine"]),
    ("cruise missile", &["missile"]),
    ("prime minister", &["leader"]),
    ("head of state", &["leader"]),
    ("king", &["leader"]),
    ("queen", &["leader"]),
    ("monarch", &["leader"]),
    ("governor", &["leader"]),
    ("mayor", &["leader"]),
    ("warship", &["ship"]),
    ("frigate", &["ship"]),
    ("destroyer", &["ship"]),
    ("tanker", &["ship"]),
    ("freighter", &["ship"]),
    ("catamaran", &["ship"]),
    ("airliner", &["aircraft"]),
    ("jet", &["aircraft"]),
    ("plane", &["aircraft"]),
    ("helicopter", &["aircraft"]),
    ("drone", &["aircraft"]),
    ("rifle", &["weapon"]),
    ("pistol", &["weapon"]),
    ("earthquake", &["quake"]),
    ("tremor", &["quake"]),
    ("hurricane", &["storm"]),
    ("typhoon", &["storm"]),
    ("cyclone", &["storm"]),
    ("tariff", &["restriction"]),
    ("quota", &["restriction"]),
    ("export control", &["restriction", "export"]),
    ("world war", &["war"]),
    ("ceasefire", &["truce"]),
    ("armistice", &["truce"]),
];

/// Modifiers of which a thing has one: a short-range missile is not a
/// long-range one, so two claims differing here speak of different things.
const EXCLUSIVE: &[&[&str]] = &[
    &[
        "short-range",
        "long-range",
        "medium-range",
        "intermediate-range",
    ],
    &["domestic", "international", "foreign"],
    &["northbound", "southbound", "eastbound", "westbound"],
    &["upstream", "downstream"],
    &["male", "female"],
];

/// Words that carry no topic: function words, auxiliaries, reporting verbs
/// and discourse adverbs.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "add",
    "after",
    "again",
    "against",
    "ago",
    "ahead",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "more",
    "moreover",
    "most",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "neither",
    "never",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "perhaps",
    "quite",
    "rather",
    "really",
    "report",
    "reported",
    "reports",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "told",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "s",
    "t",
    "mr",
    "mrs",
    "ms",
    "dr",
    "tell",
    "tells",
    "added",
    "noted",
    "stated",
    "saying",
    "first",
    "second",
    "third",
    "time",
    "times",
    "two",
    "three",
    "four",
    "year",
    "years",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "previously",
    "still",
    "well",
    "able",
    "willing",
    "set",
    "due",
    "expected",
    "plans",
    "agreed",
    "agree",
    "agrees",
    "decided",
    "pledged",
    "vowed",
    "promised",
    "threatened",
    "sought",
    "seeks",
    "hopes",
    "hoped",
    "wants",
    "wanted",
    "prepare",
    "preparing",
    "try",
    "trying",
    "tried",
    "going",
    "get",
    "got",
    "take",
    "taken",
    "took",
    "give",
    "given",
    "put",
];

/// British spellings folded to American before stemming, so that "labour"
/// meets "labor" and "normalise" meets "normalize".
pub(crate) fn fold_spelling(w: &str, out: &mut String) {
    out.clear();
    match w {
        "defence" => return out.push_str("defense"),
        "offence" => return out.push_str("offense"),
        "licence" => return out.push_str("license"),
        "programme" => return out.push_str("program"),
        "dialogue" | "dialogues" => return out.push_str("dialog"),
        _ => {}
    }
    for (from, to) in [
        ("our", "or"),
        ("ours", "ors"),
        ("oured", "ored"),
        ("ouring", "oring"),
        ("ourer", "orer"),
        ("ourers", "orers"),
    ] {
        if let Some(stem) = w.strip_suffix(from) {
            // "our", "four", "tour", "hour": only long words drop the u.
            if stem.len() >= 3 && !matches!(stem, "ho" | "yo" | "fo" | "to" | "flo" | "sco") {
                out.push_str(stem);
                out.push_str(to);
                return;
            }
        }
    }
    for (from, to) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("yse", "yze"),
        ("ysed", "yzed"),
    ] {
        if let Some(stem) = w.strip_suffix(from) {
            // "rise", "wise", "promise", "exercise" keep their s.
            if stem.len() >= 4 && !KEEP_ISE.contains(&stem) {
                out.push_str(stem);
                out.push_str(to);
                return;
            }
        }
    }
    out.push_str(w);
}

/// Stems before "-ise" that are not British "-ize".
const KEEP_ISE: &[&str] = &[
    "prom", "exerc", "advert", "superv", "surpr", "comprom", "desp", "enterpr", "franch",
    "merchand", "prem", "rev", "telev", "adv", "dev", "exp", "improv", "circumc", "conc", "prec",
    "excerc", "otherw", "likew", "clockw", "chast", "dem", "bru", "cru", "expert",
];

/// The concept tables, keyed by stems, ready for lookup.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    /// A stem, or stems joined by spaces, to the concepts it stands for.
    concepts: HashMap<String, Vec<String>>,
    /// The longest entry in words.
    longest: usize,
    /// Exclusive modifier stems to their class.
    exclusive: HashMap<String, u32>,
    stop: std::collections::HashSet<&'static str>,
}

fn stem_phrase(phrase: &str) -> String {
    let mut buf = String::new();
    let mut out = String::new();
    for w in phrase.split_whitespace() {
        fold_spelling(&w.to_lowercase(), &mut buf);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stem(&buf));
    }
    out
}

impl Lexicon {
    /// The built-in tables plus the caller's groups and hypernyms.
    pub(crate) fn new(
        extra_synonyms: &[Vec<String>],
        extra_hypernyms: &[(String, String)],
    ) -> Self {
        let mut lex = Lexicon {
            stop: STOPWORDS.iter().copied().collect(),
            ..Lexicon::default()
        };
        let groups = SYNONYMS
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .chain(extra_synonyms.iter().cloned());
        for group in groups {
            let Some(head) = group.first() else { continue };
            let concept = stem_phrase(head);
            for w in &group {
                lex.add(&stem_phrase(w), &concept);
            }
        }
        let hyper = HYPERNYMS
            .iter()
            .flat_map(|(t, bs)| bs.iter().map(move |b| (t.to_string(), b.to_string())))
            .chain(extra_hypernyms.iter().cloned());
        for (term, broader) in hyper {
            let key = stem_phrase(&term);
            let b = stem_phrase(&broader);
            if !lex.concepts.contains_key(&key) {
                let own = key.clone();
                lex.add(&key, &own);
            }
            lex.add(&key, &b);
        }
        for (class, group) in EXCLUSIVE.iter().enumerate() {
            for w in group.iter() {
                lex.exclusive.insert(stem_phrase(w), class as u32);
            }
        }
        lex
    }

    fn add(&mut self, key: &str, concept: &str) {
        self.longest = self.longest.max(key.split(' ').count());
        let e = self.concepts.entry(key.to_string()).or_default();
        if !e.iter().any(|c| c == concept) {
            e.push(concept.to_string());
        }
    }

    pub(crate) fn is_stopword(&self, w: &str) -> bool {
        self.stop.contains(w)
    }

    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// The concepts a stem or stem phrase stands for, if the tables know it.
    pub(crate) fn concepts(&self, key: &str) -> Option<&[String]> {
        self.concepts.get(key).map(Vec::as_slice)
    }

    /// The exclusive class of a modifier stem.
    pub(crate) fn exclusive(&self, key: &str) -> Option<u32> {
        self.exclusive.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_fold() {
        let mut out = String::new();
        for (w, want) in [
            ("labour", "labor"),
            ("normalise", "normalize"),
            ("colonisation", "colonization"),
            ("defence", "defense"),
            ("four", "four"),
            ("hour", "hour"),
            ("promise", "promise"),
            ("rise", "rise"),
            ("analysed", "analyzed"),
        ] {
            fold_spelling(w, &mut out);
            assert_eq!(out, want, "{w}");
        }
    }

    #[test]
    fn synonyms_and_hypernyms_meet() {
        let lex = Lexicon::new(&[], &[]);
        let has = |k: &str, c: &str| {
            lex.concepts(&stem_phrase(k))
                .is_some_and(|cs| cs.iter().any(|x| x == &stem_phrase(c)))
        };
        assert!(has("curbs", "restriction"));
        assert!(has("restrictions", "restriction"));
        assert!(has("restarted", "resume"));
        assert!(has("ICBM", "long-range"));
        assert!(has("intercontinental ballistic missile", "missile"));
        assert!(has("lawsuit", "complaint"));
        assert!(!has("lawsuit", "restriction"));
        assert!(lex.exclusive(&stem_phrase("short-range")).is_some());
        assert_eq!(
            lex.exclusive(&stem_phrase("short-range")),
            lex.exclusive(&stem_phrase("long-range"))
        );
    }

    #[test]
    fn caller_groups_extend_the_tables() {
        let lex = Lexicon::new(
            &[vec!["gizmo".to_string(), "widget".to_string()]],
            &[("sprocket".to_string(), "gizmo".to_string())],
        );
        assert_eq!(
            lex.concepts(&stem_phrase("widgets")),
            Some(&[stem_phrase("gizmo")][..])
        );
        assert!(lex
            .concepts(&stem_phrase("sprocket"))
            .is_some_and(|c| c.contains(&stem_phrase("gizmo"))));
    }
}
