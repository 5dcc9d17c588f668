//! Articles in: clean text, sentences, entity mentions with aliases, and
//! claims with provenance.

mod claims;
mod clean;
mod document;
mod entities;
pub(crate) mod lexicon;
mod sentences;
pub(crate) mod tokens;

pub use claims::{stem, Attribution, ClaimValue, Modality, Role, RoleKind, TextClaim};
pub use clean::{clean, Block, BlockKind};
pub use document::{ByteSpan, Document};
pub use sentences::{sentences, Sentence};

use crate::model::SourceId;
use crate::report::Entity;
use crate::scan::{scan_into, ScanOptions, Scratch as ScanScratch, ValueMention};
use crate::value::Date;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// How articles are read.
///
/// ```
/// let options = corroborate::TextOptions::new().fuzzy_names(false);
/// assert!(!options.is_fuzzy());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOptions {
    pub(crate) fuzzy_names: bool,
    pub(crate) demonyms: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            fuzzy_names: true,
            demonyms: true,
        }
    }
}

impl TextOptions {
    /// The defaults: fuzzy name matching on, demonyms counted as mentions.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether person names spelt one letter apart (after folding
    /// romanisation variants) may join. On by default.
    pub fn fuzzy_names(mut self, yes: bool) -> Self {
        self.fuzzy_names = yes;
        self
    }

    /// Whether "Kenyan", "Ostrian" count as mentions of their country.
    /// On by default.
    pub fn demonyms(mut self, yes: bool) -> Self {
        self.demonyms = yes;
        self
    }

    /// True when fuzzy name matching is on.
    pub fn is_fuzzy(&self) -> bool {
        self.fuzzy_names
    }
}

/// What was read from one article.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ArticleAnalysis {
    /// The article's source id.
    pub source: SourceId,
    /// Its publication date, given or found.
    pub published: Option<Date>,
    /// Every non-blank line, with what it was judged to be.
    pub blocks: Vec<Block>,
    /// The sentences of its article blocks.
    pub sentences: Vec<Sentence>,
    /// The claims of its sentences, in text order.
    pub claims: Vec<TextClaim>,
}

/// What was read from a set of articles: per-article results, and the
/// entities resolved across all of them.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Articles {
    /// One analysis per article, ordered by source id.
    pub documents: Vec<ArticleAnalysis>,
    /// Entities with every mention, ordered by name; [`Role::entity`] and
    /// [`Attribution::entity`] index this list.
    pub entities: Vec<Entity>,
}

/// Reads articles: cleans each, splits it into sentences, finds entity
/// mentions and resolves them across all articles, then reads claims.
///
/// The result does not depend on the order the articles are given in.
///
/// ```
/// use corroborate::{analyze_articles, Document, TextOptions};
///
/// let docs = [
///     Document::new("a", "Ostrian President Mara Vell met Kenyan Foreign Minister Amara Odhiambo in Nairobi on Monday."),
///     Document::new("b", "Vell said Kenya would open two ports to Ostrian ships."),
/// ];
/// let read = analyze_articles(docs, &TextOptions::new());
/// let vell = read.entities.iter().find(|e| e.name == "Mara Vell").ok_or("no Vell")?;
/// assert_eq!(vell.mentions.len(), 2);
/// let kenya = read.entities.iter().find(|e| e.name == "Kenya").ok_or("no Kenya")?;
/// assert!(kenya.mentions.iter().any(|m| m.text == "Nairobi"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn analyze_articles(
    docs: impl IntoIterator<Item = Document>,
    options: &TextOptions,
) -> Articles {
    let mut docs: Vec<Document> = docs.into_iter().collect();
    // Source order, then text, so equal ids still sort the same way.
    docs.sort_by(|a, b| {
        a.source()
            .cmp(b.source())
            .then_with(|| a.text().cmp(b.text()))
    });
    let mut blocks = Vec::with_capacity(docs.len());
    let mut sents = Vec::with_capacity(docs.len());
    let mut found = Vec::with_capacity(docs.len());
    let mut extract_scratch = entities::Scratch::default();
    let mut keys = entities::Keys::default();
    for d in &docs {
        let b = clean(d.text());
        let s = sentences(d.text(), &b);
        found.push(entities::extract(
            d.text(),
            &s,
            options,
            &mut extract_scratch,
            &mut keys,
        ));
        blocks.push(b);
        sents.push(s);
    }
    let views: Vec<(&SourceId, &str, &[Block])> = docs
        .iter()
        .zip(&blocks)
        .map(|(d, b)| (d.source(), d.text(), b.as_slice()))
        .collect();
    let (entities, resolved) = entities::resolve(&views, &mut found, &mut keys, options);
    drop(views);
    let mut documents = Vec::with_capacity(docs.len());
    let mut from = 0;
    // Buffers reused across sentences and documents.
    let mut scratch = claims::Scratch::default();
    let mut values: Vec<ValueMention> = Vec::new();
    let mut scan_scratch = ScanScratch::default();
    // Each article's text and tokens are taken, and freed once its claims
    // are read: what the claims allocate reuses that memory instead of
    // growing the heap by the whole corpus again.
    for (di, (((d, b), s), f)) in docs
        .into_iter()
        .zip(blocks)
        .zip(sents)
        .zip(found)
        .enumerate()
    {
        let to = from + resolved[from..].partition_point(|r| r.doc == di);
        let mentions = &resolved[from..to];
        from = to;
        let mut claims = Vec::with_capacity(s.len());
        // Relative dates resolve against the publication date; without one
        // they are left out rather than guessed.
        let scan_options = match d.published() {
            Some(date) => ScanOptions::new().reference(date),
            None => ScanOptions::new(),
        };
        // Each article line is scanned once, as a whole: sentences lie
        // inside lines, and one call per line costs less than one per sentence.
        values.clear();
        for block in b.iter().filter(|b| b.kind.is_article()) {
            let at = block.span.start;
            let n = values.len();
            scan_into(
                block.span.slice(d.text()),
                &scan_options,
                &mut scan_scratch,
                &mut values,
            );
            for m in &mut values[n..] {
                m.span = m.span.start + at..m.span.end + at;
            }
        }
        for (sentence, &(t0, t1)) in s.iter().zip(&f.bounds).filter(|(s, _)| !s.heading) {
            let toks = f.tokens.get(t0..t1).unwrap_or_default();
            let first = values.partition_point(|m| m.span.start < sentence.span.start);
            let last = first + values[first..].partition_point(|m| m.span.end <= sentence.span.end);
            claims::sentence_claims(
                d.source(),
                d.text(),
                sentence.span,
                mentions,
                &values[first..last],
                toks,
                &mut scratch,
                &mut claims,
            );
        }
        documents.push(ArticleAnalysis {
            source: d.source().clone(),
            published: d.published(),
            blocks: b,
            sentences: s,
            claims,
        });
    }
    Articles {
        documents,
        entities,
    }
}
