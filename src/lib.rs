//! Cross-source fact reconciliation: what do the sources agree on, where do
//! they contradict each other, and exactly who said what?
//!
//! ```
//! use corroborate::{Claim, FactKind, Options, Reconciler, ValueKind};
//!
//! # fn main() -> Result<(), corroborate::Error> {
//! let table = "\
//! source,subject,attribute,value
//! airline,HX-204,sched_dep,05/02/2026 07:15 AM
//! board,HX-204,sched_dep,7:15aMay 02
//! tracker,HX-204,sched_dep,2026-05-02 07:40
//! tracker,HX-204,gate,Not Available
//! ";
//! let mut r = Reconciler::new(Options::default().kind("sched_dep", ValueKind::Time));
//! r.read_csv(table.as_bytes())?;
//! let report = r.reconcile();
//!
//! let fact = &report.facts[0];
//! assert_eq!(fact.kind, FactKind::Contradiction);
//! // Two sources wrote 07:15 in different formats; they outvote the third.
//! assert_eq!(fact.positions[0].support.len(), 2);
//! // The placeholder is not lost: it is rejected, with its reason.
//! assert_eq!(report.rejected.len(), 1);
//! # Ok(()) }
//! ```
//!
//! # The pipeline
//!
//! Data flows one way, and each stage's output is plain data:
//!
//! 1. **Claims in.** [`Claim`]s from tables ([`Reconciler::read_csv`],
//!    [`Reconciler::add_claim`]) carry their [`Provenance`]: a record number or
//!    a byte span.
//! 2. **Normalise.** [`normalize`] turns each raw string into a typed [`Value`]
//!    or a [`RejectReason`]; [`infer_kind`] picks an attribute's [`ValueKind`]
//!    when the caller does not declare one.
//! 3. **Align and score.** Claims about one subject and attribute form a
//!    [`Fact`]; [`similarity`] compares values by kind, and
//!    [`AgreeOptions`] decides which agree.
//! 4. **Weigh and choose.** Source reliability and value probabilities are
//!    estimated together ([`TruthOptions`]); every [`Position`] gets a
//!    confidence.
//! 5. **Report.** A [`Report`] lists facts (consensus, contradiction,
//!    uncorroborated), every claim cited once or rejected, and each source's
//!    reliability; it renders as JSON ([`Report::to_json`]) and Markdown
//!    ([`Report::to_markdown`]).
//!
//! # Articles
//!
//! Articles take the same road after extraction: [`analyze_articles`] cleans
//! each [`Document`], splits sentences, resolves entities across documents
//! and reads claims; [`scan`] finds typed values in running text; and
//! [`reconcile_articles`] aligns the claims of all articles into facts, sets
//! conflicting stances apart, weighs sources and cites byte spans:
//!
//! ```
//! use corroborate::{reconcile_articles, ArticleOptions, Date, Document, FactKind};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let day = Date::ymd(2031, 5, 2);
//! let docs = [
//!     Document::new("a", "Ostria will lift curbs on its exports to Veland.").with_published(day),
//!     Document::new("b", "Ostria will remove restrictions on exports to Veland.").with_published(day),
//!     Document::new("c", "Ostria will lift restrictions on exports from Veland.").with_published(day),
//! ];
//! let report = reconcile_articles(docs, &ArticleOptions::new());
//! let fact = report.facts.first().ok_or("no fact")?;
//! assert_eq!(fact.kind, FactKind::Contradiction);
//! assert_eq!(fact.positions[0].support.len(), 2);
//! let quote = &fact.positions[1].support[0];
//! assert_eq!(quote.source.as_str(), "c");
//! # Ok(()) }
//! ```
//!
//! # Determinism and scale-out
//!
//! Reports depend only on the multiset of claims: ties break on sorted ids,
//! never on input or hash order. [`Reconciler::merge`] is associative and
//! commutative with the empty reconciler as identity, so collections built
//! apart (per file, per machine) can be combined before reconciling.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod agree;
mod align;
mod error;
mod fold;
mod hedge;
mod html;
mod intern;
mod model;
mod normalize;
mod parallel;
mod reconcile;
mod report;
mod scan;
mod text;
mod truth;
mod value;

pub use agree::{similarity, AgreeOptions};
pub use align::{reconcile_articles, ArticleOptions};
pub use error::{Error, ErrorKind};
pub use fold::{fold, fold_into};
pub use hedge::is_hedged;
pub use html::HtmlContext;
pub use model::{Claim, Provenance, Score, Source, SourceId};
pub use normalize::{infer_kind, name_key, normalize, NameKey};
pub use reconcile::{reconcile, Options, Reconciler, TrustScope};
pub use report::{
    Citation, Entity, Fact, FactKind, Mention, Position, RejectReason, Rejected, Report,
    SourceReport,
};
pub use scan::{scan, values_agree, Qualifier, ScanOptions, Tense, ValueMention};
pub use text::{
    analyze_articles, clean, sentences, stem, ArticleAnalysis, Articles, Attribution, Block,
    BlockKind, ByteSpan, ClaimValue, Document, Modality, Role, RoleKind, Sentence, TextClaim,
    TextOptions,
};
pub use truth::TruthOptions;
pub use value::{
    ClockTime, Date, DateTime, Duration, DurationUnit, Interval, Money, Number, PersonName, Value,
    ValueKind,
};
