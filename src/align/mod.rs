//! Articles reconciled: claims read from several articles are aligned into
//! facts, their stances compared, sources weighed, and a [`Report`] built
//! with byte-span provenance.
//!
//! # How claims become facts
//!
//! Every claim the article reader finds (see [`analyze_articles`]) becomes
//! a *statement*; a sentence that yields no claim becomes one statement of
//! its own, so nothing the articles say is lost. Each statement carries:
//!
//! - **concepts**: the stems of its content words, with synonyms folded to
//!   one concept and hypernyms added ("curbs" and "restrictions" are one
//!   concept; an "ICBM" is also a "long-range ballistic missile"), plus its
//!   entities, and a *recurrence* marker for "the first … in 12 years" and
//!   "since 2011";
//! - **values** from the value scanner, sorted into slots: elapsed time,
//!   spans of years, counts, amounts of money and percentages;
//! - **time anchors**: the dates its sentence names, or else the article's
//!   publication date;
//! - **stance**: negation, modality (done, planned, threatened), and
//!   direction ("exports *to* X" against "*from* X").
//!
//! Two statements are compared only when they share a concept (*blocking*):
//! small blocks are compared in full, large ones by sorted neighbourhood, so
//! the cost grows near-linearly with the number of statements. Their
//! similarity is the cosine of their concept sets weighted by inverse
//! document frequency. Pairs at or above [`ArticleOptions::threshold`] are
//! joined, best first, unless the join would put together statements that
//! cannot be about the same thing:
//!
//! - time anchors that do not overlap (a launch on Tuesday and one on
//!   Thursday);
//! - different actors (both name who acts, and no actor is shared);
//! - exclusive modifiers (a short-range and a long-range missile);
//! - different counts (four missiles and two missiles are different events).
//!
//! # How facts become positions
//!
//! Inside a fact, statements that conflict take different positions:
//! values of one slot that do not agree ([`values_agree`](crate::values_agree):
//! "in 12 years" agrees with "since 2011", not with "in a century"), an
//! entity as destination in one and origin in the other, negation, or a
//! deed against a threat. Statements with no stance join the best-backed
//! position. Positions are then weighed with the same reliability-weighted
//! method as structured claims, so one article's outlier does not outvote
//! four others, and each gets a confidence.

mod lexicon;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::model::{Provenance, Score, SourceId};
use crate::report::{Citation, Entity, Fact, FactKind, Position, Report, SourceReport};
use crate::scan::{scan, values_agree, Qualifier, ScanOptions};
use crate::text::{analyze_articles, stem, Articles, Document, Modality, RoleKind, TextOptions};
use crate::truth::{self, TruthOptions};
use crate::value::{Date, Value};
use lexicon::{fold_spelling, Lexicon};

/// How articles are reconciled.
///
/// ```
/// use corroborate::{ArticleOptions, Date};
///
/// let options = ArticleOptions::new()
///     .reference_date(Date::ymd(2031, 5, 2))
///     .threshold(0.4)
///     .synonyms(["hovercraft", "air-cushion vehicle"])
///     .hypernym("hovercraft", "vessel")
///     .alias("The Gazette", "Harbour Gazette")
///     .trust("harbour-gazette", 0.9);
/// assert_eq!(options.get_threshold(), 0.4);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleOptions {
    text: TextOptions,
    truth: TruthOptions,
    reference: Option<Date>,
    threshold: f64,
    block_limit: usize,
    window: usize,
    synonyms: Vec<Vec<String>>,
    hypernyms: Vec<(String, String)>,
    aliases: Vec<(String, String)>,
    trust: Vec<(SourceId, f64)>,
}

impl Default for ArticleOptions {
    fn default() -> Self {
        ArticleOptions {
            text: TextOptions::new(),
            truth: TruthOptions::default(),
            reference: None,
            threshold: 0.18,
            block_limit: 48,
            window: 6,
            synonyms: Vec::new(),
            hypernyms: Vec::new(),
            aliases: Vec::new(),
            trust: Vec::new(),
        }
    }
}

impl ArticleOptions {
    /// The defaults: threshold 0.18, blocks compared in full up to 48
    /// statements and by a window of 6 beyond, the reader's and the
    /// reliability estimate's own defaults, no reference date.
    pub fn new() -> Self {
        Self::default()
    }

    /// How articles are read.
    pub fn text(mut self, options: TextOptions) -> Self {
        self.text = options;
        self
    }

    /// How source reliability is estimated.
    pub fn truth(mut self, options: TruthOptions) -> Self {
        self.truth = options;
        self
    }

    /// The date that relative dates ("on Thursday", "since 2011") resolve
    /// against in an article whose own publication date is unknown.
    pub fn reference_date(mut self, date: Date) -> Self {
        self.reference = Some(date);
        self
    }

    /// The least similarity, in `[0, 1]`, at which two statements are
    /// joined into one fact (default 0.18). Higher gives more, smaller facts.
    pub fn threshold(mut self, t: f64) -> Self {
        self.threshold = t;
        self
    }

    /// The similarity threshold in force.
    pub fn get_threshold(&self) -> f64 {
        self.threshold
    }

    /// Blocks of statements sharing a concept are compared in full up to
    /// this size (default 48); larger blocks are sorted and each statement
    /// is compared with its `window` next neighbours (default 6).
    pub fn blocking(mut self, block_limit: usize, window: usize) -> Self {
        self.block_limit = block_limit.max(2);
        self.window = window.max(1);
        self
    }

    /// Adds a group of words that mean the same; the first names the
    /// concept. Phrases of several words match in sequence.
    pub fn synonyms(mut self, group: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        let g: Vec<String> = group.into_iter().map(|w| w.as_ref().to_string()).collect();
        if !g.is_empty() {
            self.synonyms.push(g);
        }
        self
    }

    /// Declares that `term` is a kind of `broader`: a claim about the term
    /// also speaks of the broader concept.
    pub fn hypernym(mut self, term: impl AsRef<str>, broader: impl AsRef<str>) -> Self {
        self.hypernyms
            .push((term.as_ref().to_string(), broader.as_ref().to_string()));
        self
    }

    /// Declares that the entity named `variant` is the one named
    /// `canonical` (names compared without case), for variants the reader
    /// cannot join by itself.
    pub fn alias(mut self, variant: impl AsRef<str>, canonical: impl AsRef<str>) -> Self {
        self.aliases
            .push((variant.as_ref().to_string(), canonical.as_ref().to_string()));
        self
    }

    /// A prior probability, in `(0, 1)`, that the source's claims are right.
    pub fn trust(mut self, source: impl Into<SourceId>, prior: f64) -> Self {
        self.trust.push((source.into(), prior));
        self
    }
}

/// Reads articles and reconciles what they say.
///
/// The report's facts hold positions with citations into the articles'
/// texts; its entities are those the reader resolved. The result does not
/// depend on the order of the documents.
///
/// ```
/// use corroborate::{reconcile_articles, ArticleOptions, Date, Document, FactKind};
///
/// let day = Date::ymd(2031, 5, 2);
/// let docs = [
///     Document::new("a", "The new ferry service is the first in 12 years.").with_published(day),
///     Document::new("b", "The ferry service is the first since 2019.").with_published(day),
///     Document::new("c", "The ferry service is the first in a century.").with_published(day),
/// ];
/// let report = reconcile_articles(docs, &ArticleOptions::new());
/// let fact = report.facts.first().ok_or("no fact")?;
/// assert_eq!(fact.kind, FactKind::Contradiction);
/// assert_eq!(fact.positions[0].support.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reconcile_articles(
    docs: impl IntoIterator<Item = Document>,
    options: &ArticleOptions,
) -> Report {
    let docs: Vec<Document> = docs
        .into_iter()
        .map(|d| match (d.published(), options.reference) {
            (Some(_), _) => d,
            (None, Some(r)) => d.with_published(r),
            (None, None) => match dateline(d.text()) {
                Some(day) => d.with_published(day),
                None => d,
            },
        })
        .collect();
    let texts: HashMap<SourceId, Arc<str>> = docs
        .iter()
        .map(|d| (d.source().clone(), Arc::<str>::from(d.text())))
        .collect();
    let mut read = analyze_articles(docs, &options.text);
    apply_aliases(&mut read, &options.aliases);
    let lex = Lexicon::new(&options.synonyms, &options.hypernyms);
    let stmts = statements(&read, &texts, &lex);
    let facts = align(&stmts.0, &stmts.1, options);
    let stmts = stmts.0;
    build_report(read, &texts, &stmts, &facts, options)
}

/// A full date near the top of an article ("PORTVALE, May 13, 2026 —"):
/// the day it was filed, when nothing better says so.
fn dateline(text: &str) -> Option<Date> {
    let mut end = text.len().min(DATELINE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    scan(&text[..end], &ScanOptions::new())
        .into_iter()
        .find_map(|m| match m.value {
            Value::Date(d) if d.year.is_some() && d.month.is_some() && d.day.is_some() => Some(d),
            _ => None,
        })
}

/// How far into an article a dateline is looked for.
const DATELINE_BYTES: usize = 400;

/// Joins entities named as variants into their canonical entity.
fn apply_aliases(read: &mut Articles, aliases: &[(String, String)]) {
    if aliases.is_empty() {
        return;
    }
    let find = |name: &str, es: &[Entity]| {
        es.iter()
            .position(|e| e.name.eq_ignore_ascii_case(name))
            .or_else(|| {
                es.iter()
                    .position(|e| e.mentions.iter().any(|m| m.text.eq_ignore_ascii_case(name)))
            })
            .or_else(|| {
                // "Ilse Varga" for "Harbourmaster Ilse Varga".
                let tail = format!(" {}", name.to_lowercase());
                es.iter()
                    .position(|e| e.name.to_lowercase().ends_with(&tail))
            })
    };
    let n = read.entities.len();
    let mut to: Vec<usize> = (0..n).collect();
    for (variant, canonical) in aliases {
        let (Some(v), Some(c)) = (
            find(variant, &read.entities),
            find(canonical, &read.entities),
        ) else {
            continue;
        };
        let (v, c) = (root(&mut to, v), root(&mut to, c));
        if v != c {
            to[v] = c;
        }
    }
    let roots: Vec<usize> = (0..n).map(|i| root(&mut to, i)).collect();
    if roots.iter().enumerate().all(|(i, &r)| i == r) {
        return;
    }
    // Kept entities keep their order; indices are remapped everywhere.
    let mut new_index = vec![usize::MAX; n];
    let mut kept = Vec::new();
    for i in 0..n {
        if roots[i] == i {
            new_index[i] = kept.len();
            kept.push(i);
        }
    }
    let mut old = std::mem::take(&mut read.entities);
    for i in 0..n {
        if roots[i] != i {
            let ms = std::mem::take(&mut old[i].mentions);
            old[roots[i]].mentions.extend(ms);
        }
    }
    for i in &kept {
        let mut e = std::mem::replace(
            &mut old[*i],
            Entity {
                name: String::new(),
                kind: String::new(),
                mentions: Vec::new(),
            },
        );
        e.mentions.sort();
        e.mentions.dedup();
        read.entities.push(e);
    }
    let map = |i: usize| new_index[roots[i]];
    for d in &mut read.documents {
        for c in &mut d.claims {
            for r in &mut c.roles {
                r.entity = map(r.entity);
            }
            if let Some(a) = &mut c.attribution {
                a.entity = a.entity.map(map);
            }
        }
    }
}

fn root(to: &mut [usize], mut i: usize) -> usize {
    while to[i] != i {
        to[i] = to[to[i]];
        i = to[i];
    }
    i
}

/// Where a value sits in a statement: values of one slot are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    /// The time since a thing last happened: "the first in 12 years",
    /// "since 2011", "met after 12 years".
    Gap,
    /// Other lengths of time: "a four-year dispute", "an 11-hour crossing".
    Elapsed,
    /// "from 1910 to 1945", "until 1945".
    Span,
    /// "$52 billion".
    Amount,
    /// "64%".
    Share,
}

/// A day range, inclusive, on a monotone day scale (not a calendar count).
type Anchor = (i32, i32);

fn day(y: i32, m: u8, d: u8) -> i32 {
    y * 372 + i32::from(m) * 31 + i32::from(d)
}

fn date_range(d: &Date) -> Option<Anchor> {
    let y = d.year?;
    Some(match (d.month, d.day) {
        (Some(m), Some(dd)) => (day(y, m, dd), day(y, m, dd)),
        (Some(m), None) => (day(y, m, 1), day(y, m, 31)),
        _ => (day(y, 1, 1), day(y, 12, 31)),
    })
}

/// Modality reduced to what can conflict: a deed, a plan, a threat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Done,
    Plan,
    Threat,
}

/// One aligned unit: a claim, or a sentence that yields none.
#[derive(Debug, Clone)]
struct Stmt {
    source: u32,
    span: Range<usize>,
    /// Concept ids, ascending, distinct.
    terms: Vec<u32>,
    agents: Vec<u32>,
    /// The predicate's concepts: stances conflict only over a shared one.
    pred: Vec<u32>,
    /// Entities taking part, ascending.
    entities: Vec<u32>,
    /// Entities with a direction: true for "to", false for "from".
    directions: Vec<(u32, bool)>,
    slots: Vec<(Slot, Value)>,
    counts: Vec<Value>,
    anchors: Vec<Anchor>,
    exclusive: Vec<(u32, u32)>,
    negated: bool,
    mode: Mode,
    /// The claim it comes from, if any: its predicate labels a position.
    claim: Option<u32>,
}

impl Stmt {
    fn has_stance(&self) -> bool {
        !self.slots.is_empty()
            || !self.directions.is_empty()
            || self.negated
            || self.mode == Mode::Threat
    }

    fn act(&self) -> Act {
        Act {
            pred: self.pred.clone(),
            entities: self.entities.clone(),
            negated: self.negated,
            mode: self.mode,
            directions: self.directions.clone(),
        }
    }
}

/// How far, in days either side of publication, "the first in 12 years"
/// may lie: articles on one event appear over several days.
const NEAR_DAYS: i32 = 7;

/// How much more alike than the threshold two statements must be to set
/// their values against each other.
const WITNESS_FACTOR: f64 = 1.5;

/// How much a predicate term counts against another word.
const PREDICATE_WEIGHT: f64 = 2.0;

/// How much an entity counts against a word in the similarity.
const ENTITY_WEIGHT: f64 = 0.5;

/// Words as byte ranges: letters and digits, with inner hyphens and
/// apostrophes.
fn words(text: &str, base: usize, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + c.len_utf8();
        } else if start.is_some()
            && (c == '-' || c == '\'' || c == '’')
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
        {
            continue;
        } else if let Some(s) = start.take() {
            out.push(base + s..base + last_end);
        }
    }
    if let Some(s) = start {
        out.push(base + s..base + last_end);
    }
}

/// Builds statements from what the reader found, in document then text
/// order, and tells which concept ids are entities.
fn statements(
    read: &Articles,
    texts: &HashMap<SourceId, Arc<str>>,
    lex: &Lexicon,
) -> (Vec<Stmt>, Vec<bool>) {
    // Mentions per source, by start, to keep names out of the concepts.
    let mut mentions: HashMap<&SourceId, Vec<(usize, usize, u32)>> = HashMap::new();
    for (ei, e) in read.entities.iter().enumerate() {
        for m in &e.mentions {
            mentions
                .entry(&m.source)
                .or_default()
                .push((m.start, m.end, ei as u32));
        }
    }
    for v in mentions.values_mut() {
        v.sort_unstable();
    }
    let empty = Vec::new();
    // Documents are read in parallel, each thread interning concepts on its
    // own; ids are then renumbered in document order, as one thread would.
    let threads = crate::parallel::threads();
    let per = read.documents.len().div_ceil(threads).max(1);
    let chunks: Vec<(Vec<Stmt>, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = read
            .documents
            .chunks(per)
            .enumerate()
            .map(|(ci, docs)| {
                let (mentions, empty) = (&mentions, &empty);
                scope.spawn(move || {
                    let mut local = Interner::default();
                    let mut out = Vec::new();
                    for (k, doc) in docs.iter().enumerate() {
                        let Some(text) = texts.get(&doc.source) else {
                            continue;
                        };
                        let ms = mentions.get(&doc.source).unwrap_or(empty);
                        doc_statements(ci * per + k, doc, text, ms, lex, &mut local, &mut out);
                    }
                    (out, local.names)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut interner: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for (stmts, names) in chunks {
        let global: Vec<u32> = names.iter().map(|n| intern(&mut interner, n)).collect();
        let map = |ids: &mut Vec<u32>| {
            for t in ids.iter_mut() {
                *t = global[*t as usize];
            }
            ids.sort_unstable();
            ids.dedup();
        };
        for mut st in stmts {
            map(&mut st.terms);
            map(&mut st.pred);
            for e in st.exclusive.iter_mut() {
                e.1 = global[e.1 as usize];
            }
            st.exclusive.sort_unstable();
            st.exclusive.dedup();
            out.push(st);
        }
    }
    let mut entity_terms = vec![false; interner.len()];
    for (t, &i) in &interner {
        if t.starts_with('@') {
            entity_terms[i as usize] = true;
        }
    }
    (out, entity_terms)
}

/// Concept ids local to one thread, with their names in id order.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn get(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.to_string(), i);
        self.names.push(s.to_string());
        i
    }
}

/// The statements of one document, appended to `out`.
fn doc_statements(
    di: usize,
    doc: &crate::text::ArticleAnalysis,
    text: &str,
    ms: &[(usize, usize, u32)],
    lex: &Lexicon,
    interner: &mut Interner,
    out: &mut Vec<Stmt>,
) {
    let mut ws = Vec::new();
    let mut buf = String::new();
    let mut terms_s: Vec<String> = Vec::new();
    let scan_opts = match doc.published {
        Some(d) => ScanOptions::new().reference(d),
        None => ScanOptions::new(),
    };
    let default_anchor = doc
        .published
        .as_ref()
        .and_then(date_range)
        .map(|(lo, hi)| (lo - NEAR_DAYS, hi + NEAR_DAYS));
    // Claims, then sentences with no claim, each with its sentence.
    let mut units: Vec<(Range<usize>, Range<usize>, Option<usize>)> = doc
        .claims
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            (
                c.sentence.start..c.sentence.end,
                c.span.start..c.span.end,
                Some(ci),
            )
        })
        .collect();
    for s in doc.sentences.iter().filter(|s| !s.heading) {
        let covered = doc
            .claims
            .iter()
            .any(|c| c.sentence.start < s.span.end && s.span.start < c.sentence.end);
        if !covered {
            units.push((s.span.start..s.span.end, s.span.start..s.span.end, None));
            continue;
        }
        // Words of a sentence that no claim covers still say something when
        // they hold a value: "… in what aides called the first visit in a
        // century".
        let mut spans: Vec<(usize, usize)> = doc
            .claims
            .iter()
            .filter(|c| c.sentence.start == s.span.start)
            .map(|c| (c.span.start, c.span.end))
            .collect();
        spans.sort_unstable();
        let mut at = s.span.start;
        let mut gaps = Vec::new();
        for (a, b) in spans.into_iter().chain([(s.span.end, s.span.end)]) {
            if a > at {
                gaps.push(at..a);
            }
            at = at.max(b);
        }
        for g in gaps {
            let Some(seg) = text.get(g.clone()) else {
                continue;
            };
            let words = seg.split_whitespace().count();
            if words >= 4 && !scan(seg, &scan_opts).is_empty() {
                let trimmed_start = g.start + (seg.len() - seg.trim_start().len());
                let trimmed_end = g.end - (seg.len() - seg.trim_end().len());
                units.push((s.span.start..s.span.end, trimmed_start..trimmed_end, None));
            }
        }
    }
    units.sort_by_key(|u| (u.1.start, u.1.end));
    let mut scanned: Option<(Range<usize>, Vec<crate::scan::ValueMention>)> = None;
    for (sentence, span, claim) in units {
        let stale = match &scanned {
            Some((r, _)) => *r != sentence,
            None => true,
        };
        if stale {
            let found = text
                .get(sentence.clone())
                .map(|t| scan(t, &scan_opts))
                .unwrap_or_default();
            scanned = Some((sentence.clone(), found));
        }
        let values = scanned.as_ref().map(|(_, v)| v.as_slice()).unwrap_or(&[]);
        let Some(clause) = text.get(span.clone()) else {
            continue;
        };
        let mut st = Stmt {
            source: di as u32,
            span: span.clone(),
            terms: Vec::new(),
            agents: Vec::new(),
            pred: Vec::new(),
            entities: Vec::new(),
            directions: Vec::new(),
            slots: Vec::new(),
            counts: Vec::new(),
            anchors: Vec::new(),
            exclusive: Vec::new(),
            negated: false,
            mode: Mode::Done,
            claim: None,
        };
        terms_s.clear();
        // Values: slots inside the clause, anchors anywhere in the sentence.
        let mut value_spans: Vec<Range<usize>> = Vec::new();
        let mut recurrence = false;
        for v in values {
            let abs = sentence.start + v.span.start..sentence.start + v.span.end;
            let inside = abs.start >= span.start && abs.end <= span.end;
            if inside {
                value_spans.push(abs.clone());
            }
            let before = text.get(sentence.start..abs.start).unwrap_or("");
            let prev = before
                .split(|c: char| !c.is_alphanumeric())
                .rev()
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase();
            match &v.value {
                Value::Date(d) => {
                    if let Some(a) = date_range(d) {
                        st.anchors.push(a);
                    }
                }
                Value::Interval(iv) => match v.qualifier {
                    Some(Qualifier::Since) => {
                        if inside {
                            recurrence = true;
                            st.slots.push((Slot::Gap, v.value.clone()));
                        }
                    }
                    Some(Qualifier::Range) | Some(Qualifier::Until) => {
                        if inside {
                            st.slots.push((Slot::Span, v.value.clone()));
                        }
                    }
                    _ => {
                        let lo = iv.start.as_ref().and_then(date_range).map(|a| a.0);
                        let hi = iv.end.as_ref().and_then(date_range).map(|a| a.0 - 1);
                        if let (Some(lo), Some(hi)) = (lo, hi) {
                            st.anchors.push((lo, hi.max(lo)));
                        }
                    }
                },
                Value::Duration(_) if inside => {
                    // "The first … in 12 years", "met after 12 years".
                    let head = text.get(span.start..abs.start).unwrap_or("").to_lowercase();
                    let gap = prev == "after" || (head.contains("first") && prev == "in");
                    recurrence |= gap;
                    // "decades" bounds nothing it could be wrong about.
                    if let Value::Duration(d) = &v.value {
                        if d.amount.value.is_finite() {
                            let slot = if gap { Slot::Gap } else { Slot::Elapsed };
                            st.slots.push((slot, v.value.clone()));
                        }
                    }
                }
                Value::Money(_) if inside => st.slots.push((Slot::Amount, v.value.clone())),
                Value::Percent(_) if inside => st.slots.push((Slot::Share, v.value.clone())),
                Value::Number(_) if inside => {
                    // "the two leaders" refers; "two missiles" counts.
                    let refers = matches!(
                        prev.as_str(),
                        "the"
                            | "these"
                            | "those"
                            | "both"
                            | "their"
                            | "its"
                            | "our"
                            | "his"
                            | "her"
                            | "all"
                            | "of"
                            | "top"
                    );
                    let after = text.get(abs.end..span.end).unwrap_or("").trim_start();
                    let counts_noun =
                        after.starts_with(|c: char| c.is_alphabetic()) && !after.starts_with("of ");
                    if !refers && counts_noun {
                        st.counts.push(v.value.clone());
                    }
                }
                _ => {}
            }
        }
        // "The first in 12 years" and "since 2011" speak of the days
        // around publication; other statements without a date may speak
        // of any time.
        if st.anchors.is_empty() && recurrence {
            st.anchors.extend(default_anchor);
        }
        // Entities and stance.
        let claim_index = claim;
        let claim = claim.map(|ci| &doc.claims[ci]);
        if let Some(c) = claim {
            st.negated = c.negated;
            st.mode = match c.modality {
                Modality::Asserted => Mode::Done,
                Modality::Threatened => Mode::Threat,
                _ => Mode::Plan,
            };
            for r in &c.roles {
                let e = r.entity as u32;
                match r.kind {
                    RoleKind::Agent => st.agents.push(e),
                    RoleKind::To => st.directions.push((e, true)),
                    RoleKind::From => st.directions.push((e, false)),
                    _ => {}
                }
                terms_s.push(format!("@{e}"));
            }
            st.claim = claim_index.map(|ci| ci as u32);
            for p in &c.predicate {
                match lex.concepts(p) {
                    Some(cs) => {
                        for c in cs {
                            st.pred.push(interner.get(c));
                        }
                    }
                    None => st.pred.push(interner.get(p)),
                }
            }
            st.pred.sort_unstable();
            st.pred.dedup();
        }
        let lo = ms.partition_point(|m| m.0 < span.start);
        let in_span: Vec<&(usize, usize, u32)> = ms[lo..]
            .iter()
            .take_while(|m| m.0 < span.end)
            .filter(|m| m.1 <= span.end)
            .collect();
        for m in &in_span {
            terms_s.push(format!("@{}", m.2));
            st.entities.push(m.2);
        }
        if let Some(c) = claim {
            st.entities.extend(c.roles.iter().map(|r| r.entity as u32));
        }
        st.entities.sort_unstable();
        st.entities.dedup();
        st.agents.sort_unstable();
        st.agents.dedup();
        st.directions.sort_unstable();
        st.directions.dedup();
        // Words: names and values are kept out, the rest stemmed and
        // mapped to concepts.
        words(clause, span.start, &mut ws);
        let mut seq: Vec<Option<String>> = Vec::with_capacity(ws.len());
        for w in &ws {
            let hidden = in_span.iter().any(|m| m.0 < w.end && w.start < m.1)
                || value_spans
                    .iter()
                    .any(|v| v.start < w.end && w.start < v.end);
            if hidden {
                seq.push(None);
                continue;
            }
            let lw = text[w.clone()].to_lowercase().replace('’', "'");
            let lw = lw.strip_suffix("'s").unwrap_or(&lw).to_string();
            fold_spelling(&lw, &mut buf);
            if lex.is_stopword(&buf) || buf.len() < 2 || buf.chars().all(|c| c.is_numeric()) {
                seq.push(Some(String::new()));
                continue;
            }
            seq.push(Some(stem(&buf)));
        }
        for (i, s) in seq.iter().enumerate() {
            let Some(s) = s.as_deref().filter(|s| !s.is_empty()) else {
                continue;
            };
            if let Some(class) = lex.exclusive(s) {
                let m = interner.get(s);
                st.exclusive.push((class, m));
            }
            match lex.concepts(s) {
                Some(cs) => terms_s.extend(cs.iter().cloned()),
                None => {
                    terms_s.push(s.to_string());
                    // "intelligence-sharing" also speaks of intelligence.
                    if s.contains('-') {
                        for part in s.split('-').filter(|p| p.len() > 2) {
                            let p = stem(part);
                            match lex.concepts(&p) {
                                Some(cs) => terms_s.extend(cs.iter().cloned()),
                                None => terms_s.push(p),
                            }
                        }
                    }
                }
            }
            // Phrases of several words, stop words included ("head of state").
            let mut key = s.to_string();
            for (n, next) in seq.iter().enumerate().skip(i + 1).take(lex.longest() - 1) {
                let Some(next) = next else { break };
                let word = if next.is_empty() {
                    let w = &ws[n];
                    text[w.clone()].to_lowercase()
                } else {
                    next.clone()
                };
                key.push(' ');
                key.push_str(&word);
                if let Some(cs) = lex.concepts(&key) {
                    terms_s.extend(cs.iter().cloned());
                    for c in cs {
                        if let Some(class) = lex.exclusive(c) {
                            let m = interner.get(c);
                            st.exclusive.push((class, m));
                        }
                    }
                }
            }
        }
        // A specific value stated alike is evidence of one fact.
        for (k, v) in &st.slots {
            let shown = match v {
                Value::Interval(iv) if *k == Slot::Gap => match iv.elapsed {
                    Some(d) => Value::Duration(d).to_string(),
                    None => continue,
                },
                _ => v.to_string(),
            };
            terms_s.push(format!("#{shown}"));
            // Two lengths counted in hours measure the same kind of
            // thing, whatever their lengths; a gap is always a gap.
            if let Value::Duration(d) = v {
                terms_s.push(format!("#{k:?}:{:?}", d.unit));
            } else if *k == Slot::Gap {
                terms_s.push(format!("#{k:?}"));
            }
        }
        for t in terms_s.drain(..) {
            st.terms.push(interner.get(&t));
        }
        st.terms.sort_unstable();
        st.terms.dedup();
        st.exclusive.sort_unstable();
        st.exclusive.dedup();
        out.push(st);
    }
}

fn intern(map: &mut HashMap<String, u32>, s: &str) -> u32 {
    if let Some(&i) = map.get(s) {
        return i;
    }
    let i = map.len() as u32;
    map.insert(s.to_string(), i);
    i
}

/// What a growing fact holds, for refusing joins that would mix things.
#[derive(Debug, Clone, Default)]
struct Summary {
    anchors: Vec<Vec<Anchor>>,
    agents: Vec<u32>,
    entities: Vec<u32>,
    exclusive: Vec<(u32, u32)>,
    counts: Vec<Value>,
    slots: Vec<(Slot, Value)>,
}

/// True when values of slot `k` on the two sides can be compared and none
/// agree.
fn slot_conflict(k: Slot, a: &[(Slot, Value)], b: &[(Slot, Value)]) -> bool {
    let mut compared = false;
    for (_, v) in a.iter().filter(|(k2, _)| *k2 == k) {
        for (_, w) in b.iter().filter(|(k2, _)| *k2 == k) {
            if comparable(v, w) {
                if values_agree(v, w) {
                    return false;
                }
                compared = true;
            }
        }
    }
    compared
}

impl Summary {
    fn of(s: &Stmt) -> Self {
        let mut counts = s.counts.clone();
        counts.dedup();
        Summary {
            anchors: if s.anchors.is_empty() {
                Vec::new()
            } else {
                vec![s.anchors.clone()]
            },
            agents: s.agents.clone(),
            entities: s.entities.clone(),
            exclusive: s.exclusive.clone(),
            counts,
            slots: s.slots.clone(),
        }
    }

    /// A join that would set values against each other must be made by
    /// two statements that themselves state them: a contradiction needs
    /// witnesses that speak of one thing, not a chain of look-alikes.
    fn witnessed(&self, o: &Summary, a: &Stmt, b: &Stmt, strong: bool) -> bool {
        let mut kinds: Vec<Slot> = self.slots.iter().map(|(k, _)| *k).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds.into_iter().all(|k| {
            !slot_conflict(k, &self.slots, &o.slots)
                || (strong
                    && a.slots.iter().any(|(k2, _)| *k2 == k)
                    && b.slots.iter().any(|(k2, _)| *k2 == k))
        })
    }

    fn compatible(&self, o: &Summary) -> bool {
        let overlap = |a: &[Anchor], b: &[Anchor]| {
            a.iter().any(|x| b.iter().any(|y| x.0 <= y.1 && y.0 <= x.1))
        };
        let anchors = self
            .anchors
            .iter()
            .all(|a| o.anchors.iter().all(|b| overlap(a, b)));
        // Different actors make different facts, unless one side's actor
        // takes some part in the other ("X welcomed Y", "Y arrived").
        let agents = self.agents.is_empty()
            || o.agents.is_empty()
            || self
                .agents
                .iter()
                .any(|a| o.entities.binary_search(a).is_ok())
            || o.agents
                .iter()
                .any(|a| self.entities.binary_search(a).is_ok());
        let exclusive = self
            .exclusive
            .iter()
            .all(|(c, m)| o.exclusive.iter().all(|(c2, m2)| c != c2 || m == m2));
        let counts = self
            .counts
            .iter()
            .all(|a| o.counts.iter().all(|b| values_agree(a, b)));
        anchors && agents && exclusive && counts
    }

    fn absorb(&mut self, o: Summary) {
        for a in o.anchors {
            if !self.anchors.contains(&a) {
                self.anchors.push(a);
            }
        }
        self.agents.extend(o.agents);
        self.agents.sort_unstable();
        self.agents.dedup();
        self.entities.extend(o.entities);
        self.entities.sort_unstable();
        self.entities.dedup();
        self.exclusive.extend(o.exclusive);
        self.exclusive.sort_unstable();
        self.exclusive.dedup();
        for c in o.counts {
            if !self.counts.contains(&c) {
                self.counts.push(c);
            }
        }
        for sv in o.slots {
            if !self.slots.contains(&sv) {
                self.slots.push(sv);
            }
        }
    }
}

/// Groups statements into facts: each fact lists statement indices, ascending.
fn align(stmts: &[Stmt], entity_terms: &[bool], options: &ArticleOptions) -> Vec<Vec<usize>> {
    let n = stmts.len();
    let n_terms = stmts
        .iter()
        .flat_map(|s| s.terms.iter())
        .max()
        .map_or(0, |&m| m as usize + 1);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); n_terms];
    for (i, s) in stmts.iter().enumerate() {
        for &t in &s.terms {
            postings[t as usize].push(i as u32);
        }
    }
    // Inverse document frequency: rare concepts say more. Entities count
    // for less than words: one story's articles all name the same actors.
    let idf: Vec<f64> = postings
        .iter()
        .enumerate()
        .map(|(t, p)| {
            let w = (1.0 + n as f64 / p.len().max(1) as f64).ln();
            if entity_terms.get(t).copied().unwrap_or(false) {
                w * ENTITY_WEIGHT
            } else {
                w
            }
        })
        .collect();
    // A term of the predicate weighs double: it says what the claim is about.
    let weight = |s: &Stmt, t: u32| {
        let w = idf[t as usize];
        if s.pred.binary_search(&t).is_ok() {
            PREDICATE_WEIGHT * w
        } else {
            w
        }
    };
    let norm: Vec<f64> = stmts
        .iter()
        .map(|s| {
            s.terms
                .iter()
                .map(|&t| weight(s, t).powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    // Blocking: a concept's statements are compared in full when few, else
    // each with its next neighbours in an order that puts statements with
    // the same rare concepts side by side.
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    // Each statement's rarest concepts, computed once.
    let signatures: Vec<Vec<u32>> = stmts
        .iter()
        .map(|s| {
            let mut ts: Vec<u32> = s.terms.clone();
            ts.sort_by_key(|&t| (postings[t as usize].len(), t));
            ts.truncate(4);
            ts
        })
        .collect();
    for (t, p) in postings.iter().enumerate().filter(|(_, p)| p.len() >= 2) {
        if p.len() <= options.block_limit {
            for (a, &i) in p.iter().enumerate() {
                for &j in &p[a + 1..] {
                    pairs.push((i, j));
                }
            }
        } else {
            // A statement joins the windows of its two rarest concepts only:
            // its other concepts are common, and comparing along every one
            // of them would cost a window per word.
            let mut order: Vec<u32> = p
                .iter()
                .copied()
                .filter(|&i| {
                    signatures[i as usize]
                        .iter()
                        .take(2)
                        .any(|&u| u as usize == t)
                })
                .collect();
            order.sort_unstable_by(|&a, &b| {
                signatures[a as usize]
                    .cmp(&signatures[b as usize])
                    .then(a.cmp(&b))
            });
            for a in 0..order.len() {
                for b in a + 1..(a + 1 + options.window).min(order.len()) {
                    let (i, j) = (order[a], order[b]);
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut scored: Vec<(f64, u32, u32)> = pairs
        .into_iter()
        .filter_map(|(i, j)| {
            let (a, b) = (&stmts[i as usize], &stmts[j as usize]);
            let mut shared = 0.0;
            let mut words = 0;
            for t in intersect(&a.terms, &b.terms) {
                shared += weight(a, t) * weight(b, t);
                words += usize::from(!entity_terms.get(t as usize).copied().unwrap_or(false));
            }
            // One shared word is chance; a fact needs two, or one and two
            // shared entities.
            let entities = intersect(&a.terms, &b.terms).count() - words;
            if words < 2 && (words < 1 || entities < 2) {
                return None;
            }
            let denom = norm[i as usize] * norm[j as usize];
            let sim = if denom > 0.0 { shared / denom } else { 0.0 };
            (sim >= options.threshold).then_some((sim, i, j))
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut parent: Vec<usize> = (0..n).collect();
    let mut summary: Vec<Option<Summary>> = stmts.iter().map(|s| Some(Summary::of(s))).collect();
    for (sim, i, j) in scored {
        let (ri, rj) = (root(&mut parent, i as usize), root(&mut parent, j as usize));
        if ri == rj {
            continue;
        }
        let ok = match (&summary[ri], &summary[rj]) {
            (Some(a), Some(b)) => {
                let (x, y) = (&stmts[i as usize], &stmts[j as usize]);
                let strong = sim >= options.threshold * WITNESS_FACTOR;
                a.compatible(b) && b.compatible(a) && a.witnessed(b, x, y, strong)
            }
            _ => false,
        };
        if !ok {
            continue;
        }
        // The lower index stays root, so the result does not depend on
        // which pair came first among equals.
        let (keep, gone) = (ri.min(rj), ri.max(rj));
        parent[gone] = keep;
        if let Some(s) = summary[gone].take() {
            if let Some(k) = summary[keep].as_mut() {
                k.absorb(s);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut facts: Vec<Vec<usize>> = groups.into_values().collect();
    facts.sort_unstable();
    facts
}

fn intersect<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let t = a[i];
                    i += 1;
                    j += 1;
                    return Some(t);
                }
            }
        }
        None
    })
}

/// What one statement asserts about its predicate.
#[derive(Debug, Clone, PartialEq)]
struct Act {
    pred: Vec<u32>,
    entities: Vec<u32>,
    negated: bool,
    mode: Mode,
    directions: Vec<(u32, bool)>,
}

impl Act {
    /// Two acts on a shared predicate conflict when one denies the other,
    /// one threatens what the other did, or one entity is the destination
    /// in one and the origin in the other.
    fn conflicts(&self, o: &Act) -> bool {
        // A denial or a threat speaks of the same act only when it shares
        // both the predicate and someone taking part.
        if intersect(&self.pred, &o.pred).next().is_none()
            || intersect(&self.entities, &o.entities).next().is_none()
        {
            return false;
        }
        let mode = matches!(
            (self.mode, o.mode),
            (Mode::Threat, Mode::Done) | (Mode::Done, Mode::Threat)
        );
        let direction = self
            .directions
            .iter()
            .any(|(e, to)| o.directions.iter().any(|(e2, to2)| e == e2 && to != to2));
        self.negated != o.negated || mode || direction
    }
}

/// A position in the making: the stances it holds.
#[derive(Debug, Default)]
struct Stance {
    members: Vec<usize>,
    /// Distinct sources among the members.
    sources: std::collections::HashSet<u32>,
    /// What each member asserts, once per distinct assertion: its act, if
    /// it has a predicate, and its slot values.
    held: Vec<Held>,
}

/// One member's assertion: its act, if it has a predicate, and its slot
/// values.
type Held = (Option<Act>, Vec<(Slot, Value)>);

/// True when statement `s` and a member asserting `act` and `slots` cannot
/// stand in one position.
fn stands_against(s: &Stmt, act: Option<&Act>, slots: &[(Slot, Value)]) -> bool {
    if act.is_some_and(|a| a.conflicts(&s.act())) {
        return true;
    }
    // A slot conflicts when both state values for it and none of one
    // side's agrees with any of the other's: an article giving a total
    // and a part of it still agrees with one giving the total.
    s.slots.iter().any(|(k, _)| {
        let mine = s.slots.iter().filter(|(k2, _)| k2 == k).map(|(_, v)| v);
        let theirs = || slots.iter().filter(|(k2, _)| k2 == k).map(|(_, v)| v);
        let mut compared = false;
        for v in mine {
            for w in theirs().filter(|w| comparable(v, w)) {
                if values_agree(v, w) {
                    return false;
                }
                compared = true;
            }
        }
        compared
    })
}

impl Stance {
    /// A statement fits a position only when it agrees with every member,
    /// not with the pooled values of all of them: "about" makes agreement
    /// loose and not transitive (10 meets 11, 11 meets 13, 10 not 13), and
    /// pooled values let a statement in or not by which members came
    /// first, so two copies of one statement could land apart.
    fn conflicts(&self, s: &Stmt) -> bool {
        self.held
            .iter()
            .any(|(act, slots)| stands_against(s, act.as_ref(), slots))
    }

    fn take(&mut self, i: usize, s: &Stmt) {
        self.members.push(i);
        self.sources.insert(s.source);
        let act = (!s.pred.is_empty()).then(|| s.act());
        if !self.held.iter().any(|(a, v)| *a == act && *v == s.slots) {
            self.held.push((act, s.slots.clone()));
        }
    }
}

/// Splits a fact's statements into positions that do not conflict.
fn positions(members: &[usize], stmts: &[Stmt]) -> Vec<Vec<usize>> {
    let mut stances: Vec<Stance> = Vec::new();
    let (with, without): (Vec<usize>, Vec<usize>) =
        members.iter().partition(|&&i| stmts[i].has_stance());
    for i in with {
        let s = &stmts[i];
        match stances.iter_mut().find(|p| !p.conflicts(s)) {
            Some(p) => p.take(i, s),
            None => {
                let mut p = Stance::default();
                p.take(i, s);
                stances.push(p);
            }
        }
    }
    // Statements without a stance back the best-backed position they fit,
    // judged by the stances alone: were each to count the ones placed
    // before it, a copy of a statement could go where its original did not.
    let choices: Vec<Option<usize>> = without
        .iter()
        .map(|&i| {
            (0..stances.len())
                .filter(|&k| !stances[k].conflicts(&stmts[i]))
                .max_by_key(|&k| (stances[k].sources.len(), std::cmp::Reverse(k)))
        })
        .collect();
    // Those that fit none share one new position: without a stance they
    // cannot conflict with each other.
    let fresh = stances.len();
    for (&i, choice) in without.iter().zip(choices) {
        let k = choice.unwrap_or(fresh);
        if k == stances.len() {
            stances.push(Stance::default());
        }
        stances[k].take(i, &stmts[i]);
    }
    stances
        .into_iter()
        .map(|mut p| {
            p.members.sort_unstable();
            p.members
        })
        .collect()
}

/// Whether two values of one slot can be told apart: "since 2017" with no
/// known end says nothing against "in nine years".
fn comparable(a: &Value, b: &Value) -> bool {
    let open =
        |v: &Value| matches!(v, Value::Interval(i) if i.elapsed.is_none() && i.end.is_none());
    match (a, b) {
        (Value::Interval(_), Value::Interval(_)) => true,
        _ => !open(a) && !open(b),
    }
}

fn distinct_sources(members: &[usize], stmts: &[Stmt]) -> usize {
    let mut s: Vec<u32> = members.iter().map(|&i| stmts[i].source).collect();
    s.sort_unstable();
    s.dedup();
    s.len()
}

/// What positions of a fact disagree on: the first slot whose values
/// conflict between two positions, if a value is what they dispute.
fn contested(ps: &[Vec<usize>], stmts: &[Stmt]) -> Option<Slot> {
    let slots: Vec<Vec<(Slot, Value)>> = ps
        .iter()
        .map(|m| {
            m.iter()
                .flat_map(|&i| stmts[i].slots.iter().cloned())
                .collect()
        })
        .collect();
    let mut kinds: Vec<Slot> = slots.iter().flatten().map(|(k, _)| *k).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds.into_iter().find(|&k| {
        (0..slots.len())
            .any(|a| (a + 1..slots.len()).any(|b| slot_conflict(k, &slots[a], &slots[b])))
    })
}

/// A position's canonical value: the contested value when values are in
/// dispute, else its stance ("threatened", "to X"), else its values, else
/// its predicate.
fn render_position(
    members: &[usize],
    stmts: &[Stmt],
    read: &Articles,
    focus: Option<Slot>,
    threat_in_fact: bool,
) -> String {
    let mut slots: Vec<&(Slot, Value)> = members
        .iter()
        .flat_map(|&i| stmts[i].slots.iter())
        .collect();
    slots.sort_by_key(|(k, _)| *k);
    if let Some(k) = focus {
        if let Some((_, v)) = slots.iter().find(|(k2, _)| *k2 == k) {
            return v.to_string();
        }
    }
    let mut parts: Vec<String> = Vec::new();
    if members.iter().any(|&i| stmts[i].negated) {
        parts.push("not".to_string());
    }
    if members.iter().any(|&i| stmts[i].mode == Mode::Threat) {
        parts.push("threatened".to_string());
    } else if threat_in_fact {
        parts.push("done".to_string());
    }
    let mut dirs: Vec<(u32, bool)> = members
        .iter()
        .flat_map(|&i| stmts[i].directions.iter().copied())
        .collect();
    dirs.sort_unstable();
    dirs.dedup();
    for (e, to) in dirs {
        let name = read
            .entities
            .get(e as usize)
            .map_or("?", |e| e.name.as_str());
        parts.push(format!("{} {name}", if to { "to" } else { "from" }));
    }
    if focus.is_none() && parts.len() <= 1 {
        if let Some((_, v)) = slots.first() {
            parts.push(v.to_string());
        }
    }
    if parts.is_empty() {
        let first = &stmts[members[0]];
        let predicate = first.claim.and_then(|ci| {
            let doc = read.documents.get(first.source as usize)?;
            Some(doc.claims.get(ci as usize)?.predicate.join(" "))
        });
        parts.push(predicate.unwrap_or_else(|| "stated".to_string()));
    }
    parts.join("; ")
}

fn build_report(
    read: Articles,
    texts: &HashMap<SourceId, Arc<str>>,
    stmts: &[Stmt],
    facts: &[Vec<usize>],
    options: &ArticleOptions,
) -> Report {
    let sources: Vec<SourceId> = read.documents.iter().map(|d| d.source.clone()).collect();
    let split: Vec<Vec<Vec<usize>>> = facts.iter().map(|f| positions(f, stmts)).collect();
    // Reliability: facts are the items, positions the candidates, and each
    // article a trust unit.
    let groups: Vec<truth::Group> = split
        .iter()
        .map(|ps| {
            let k = ps.len();
            truth::Group {
                candidates: ps
                    .iter()
                    .map(|m| {
                        let mut holders: Vec<u32> = m.iter().map(|&i| stmts[i].source).collect();
                        holders.sort_unstable();
                        holders.dedup();
                        truth::Candidate {
                            holders,
                            strength: Vec::new(),
                        }
                    })
                    .collect(),
                similarity: vec![0.0; k * k],
            }
        })
        .collect();
    let unit_source: Vec<u32> = (0..sources.len() as u32).collect();
    let priors: Vec<f64> = sources
        .iter()
        .map(|s| {
            options
                .trust
                .iter()
                .rev()
                .find(|(id, _)| id == s)
                .map_or(options.truth.initial_trust, |(_, p)| *p)
        })
        .collect();
    let est = truth::estimate(
        &groups,
        &truth::Units {
            source: &unit_source,
            source_prior: &priors,
            refine: false,
        },
        &options.truth,
    );
    let mut counts = vec![0usize; sources.len()];
    for s in stmts {
        counts[s.source as usize] += 1;
    }
    let quote_of = |i: usize| -> Citation {
        let s = &stmts[i];
        let src = &sources[s.source as usize];
        let quote = texts
            .get(src)
            .and_then(|t| t.get(s.span.clone()))
            .unwrap_or("");
        Citation::new(
            src.clone(),
            Provenance::Span {
                start: s.span.start,
                end: s.span.end,
            },
            quote,
        )
    };
    let mut out_facts: Vec<Fact> = Vec::with_capacity(split.len());
    for (ps, probs) in split.iter().zip(&est.probability) {
        let backers: Vec<usize> = ps.iter().map(|m| distinct_sources(m, stmts)).collect();
        let focus = if ps.len() > 1 {
            contested(ps, stmts)
        } else {
            None
        };
        let threat_in_fact =
            ps.len() > 1 && ps.iter().flatten().any(|&i| stmts[i].mode == Mode::Threat);
        let mut order: Vec<usize> = (0..ps.len()).collect();
        order.sort_by(|&a, &b| {
            probs[b]
                .total_cmp(&probs[a])
                .then(backers[b].cmp(&backers[a]))
                .then(ps[a].cmp(&ps[b]))
        });
        let positions: Vec<Position> = order
            .iter()
            .map(|&k| {
                let mut support: Vec<Citation> = ps[k].iter().map(|&i| quote_of(i)).collect();
                support.sort_by(|a, b| a.source.cmp(&b.source).then(a.start.cmp(&b.start)));
                Position {
                    value: render_position(&ps[k], stmts, &read, focus, threat_in_fact),
                    confidence: truth::confidence(probs[k]),
                    support,
                }
            })
            .collect();
        let kind = if positions.len() > 1 {
            FactKind::Contradiction
        } else if backers[order[0]] > 1 {
            FactKind::Consensus
        } else {
            FactKind::Uncorroborated
        };
        let topic = topic(&ps[order[0]], stmts, texts, &sources, focus);
        out_facts.push(Fact {
            kind,
            topic,
            subject: None,
            attribute: None,
            positions,
        });
    }
    let rank = |k: FactKind| match k {
        FactKind::Contradiction => 0,
        FactKind::Consensus => 1,
        _ => 2,
    };
    out_facts.sort_by(|a, b| {
        rank(a.kind).cmp(&rank(b.kind)).then_with(|| {
            let key = |f: &Fact| {
                f.positions
                    .first()
                    .and_then(|p| p.support.first())
                    .map(|c| (c.source.clone(), c.start))
            };
            key(a).cmp(&key(b))
        })
    });
    let source_reports = sources
        .iter()
        .enumerate()
        .map(|(i, id)| SourceReport {
            id: id.clone(),
            name: None,
            reliability: Score::new(est.accuracy.get(i).copied().unwrap_or(0.5)),
            claims: counts[i],
            rejected: 0,
        })
        .collect();
    Report {
        sources: source_reports,
        facts: out_facts,
        rejected: Vec::new(),
        entities: read.entities,
    }
}

/// A readable topic: the shortest statement of the chosen position, cut at
/// a word boundary.
fn topic(
    members: &[usize],
    stmts: &[Stmt],
    texts: &HashMap<SourceId, Arc<str>>,
    sources: &[SourceId],
    focus: Option<Slot>,
) -> String {
    let text_of = |i: usize| {
        let s = &stmts[i];
        texts
            .get(&sources[s.source as usize])
            .and_then(|t| t.get(s.span.clone()))
            .unwrap_or("")
    };
    // The words that state the position's stance say best what it is about.
    let stated: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| match focus {
            Some(k) => stmts[i].slots.iter().any(|(k2, _)| *k2 == k),
            None => stmts[i].has_stance(),
        })
        .collect();
    let pool = if stated.is_empty() {
        members
    } else {
        &stated[..]
    };
    let best = pool
        .iter()
        .copied()
        .min_by_key(|&i| (text_of(i).len().max(60), i))
        .unwrap_or(0);
    let t = text_of(best).trim();
    const MAX: usize = 140;
    if t.len() <= MAX {
        return t.to_string();
    }
    let mut cut = MAX;
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = t[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", &t[..cut])
}

#[cfg(test)]
mod tests;
