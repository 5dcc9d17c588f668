//! Cross-source fact reconciliation.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod fold;
mod model;
mod report;
mod text;
mod value;

pub use error::{Error, ErrorKind};
pub use fold::{fold, fold_into};
pub use model::{Claim, Provenance, Score, Source, SourceId};
pub use report::{
    Citation, Entity, Fact, FactKind, Mention, Position, RejectReason, Rejected, Report,
    SourceReport,
};
pub use text::{
    analyze_articles, clean, sentences, stem, ArticleAnalysis, Articles, Attribution, Block,
    BlockKind, ByteSpan, Document, Modality, Role, RoleKind, Sentence, TextClaim, TextOptions,
};
pub use value::{
    ClockTime, Date, DateTime, Duration, DurationUnit, Interval, Money, Number, PersonName, Value,
    ValueKind,
};
