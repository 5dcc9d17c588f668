//! Cross-source fact reconciliation.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod agree;
mod error;
mod fold;
mod intern;
mod model;
mod normalize;
mod reconcile;
mod report;
mod truth;
mod value;

pub use agree::{similarity, AgreeOptions};
pub use error::{Error, ErrorKind};
pub use fold::{fold, fold_into};
pub use model::{Claim, Provenance, Score, Source, SourceId};
pub use normalize::{infer_kind, normalize};
pub use reconcile::{reconcile, Options, Reconciler, TrustScope};
pub use report::{
    Citation, Entity, Fact, FactKind, Mention, Position, RejectReason, Rejected, Report,
    SourceReport,
};
pub use truth::TruthOptions;
pub use value::{
    ClockTime, Date, DateTime, Duration, DurationUnit, Interval, Money, Number, PersonName, Value,
    ValueKind,
};
