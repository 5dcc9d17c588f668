use std::fmt;
use std::sync::Arc;

use crate::value::{Date, ValueKind};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A stable identifier of a source: a website, an article file, an editor.
///
/// Ids order and compare as strings; every tie in the crate is broken on them,
/// never on input order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(transparent))]
pub struct SourceId(Arc<str>);

impl SourceId {
    /// Makes an id from any string.
    pub fn new(id: impl AsRef<str>) -> Self {
        SourceId(Arc::from(id.as_ref()))
    }

    /// An id sharing an interned string.
    pub(crate) fn shared(id: Arc<str>) -> Self {
        SourceId(id)
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SourceId {
    fn from(s: &str) -> Self {
        SourceId::new(s)
    }
}

impl From<String> for SourceId {
    fn from(s: String) -> Self {
        SourceId(Arc::from(s))
    }
}

impl AsRef<str> for SourceId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A score in `[0, 1]`: a confidence, a trust, a similarity.
///
/// The constructor clamps, and NaN becomes 0, so a `Score` is always a
/// usable probability-like number.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(transparent))]
pub struct Score(f64);

impl Score {
    /// Zero.
    pub const ZERO: Score = Score(0.0);
    /// One.
    pub const ONE: Score = Score(1.0);

    /// Clamps `x` into `[0, 1]`; NaN becomes 0.
    pub fn new(x: f64) -> Self {
        if x.is_nan() {
            Score(0.0)
        } else {
            Score(x.clamp(0.0, 1.0))
        }
    }

    /// The score as a float.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}", self.0)
    }
}

/// Who made claims, and what we know of them before looking at the data.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Source {
    /// The stable id.
    pub id: SourceId,
    /// A display name, when it differs from the id.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// When the source was published; relative dates in its text resolve against it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub published: Option<Date>,
    /// A prior trust in `[0, 1]`; the estimate starts here instead of the default.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub prior_trust: Option<Score>,
}

impl Source {
    /// A source with only an id.
    pub fn new(id: impl Into<SourceId>) -> Self {
        Source {
            id: id.into(),
            name: None,
            published: None,
            prior_trust: None,
        }
    }

    /// Sets the display name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the publication date.
    pub fn published(mut self, date: Date) -> Self {
        self.published = Some(date);
        self
    }

    /// Sets the prior trust.
    pub fn prior_trust(mut self, trust: f64) -> Self {
        self.prior_trust = Some(Score::new(trust));
        self
    }
}

/// Where a claim's words stand in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Provenance {
    /// A UTF-8 byte range `[start, end)` in the source's text, exactly as read.
    Span {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
    /// The 1-based data row of a table.
    Record(u64),
}

/// One source's statement that a subject's attribute has a value.
///
/// `raw` is the value exactly as the source wrote it; it is what reports
/// quote. Normalisation never changes it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Claim {
    /// Who said it.
    pub source: SourceId,
    /// What it is about: a flight, a book, a city.
    pub subject: String,
    /// Which property of the subject: a departure time, an author list.
    pub attribute: String,
    /// The value as written.
    pub raw: String,
    /// Where it was written.
    pub provenance: Provenance,
    /// The kind the caller says the value has; otherwise inferred.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub kind: Option<ValueKind>,
}

impl Claim {
    /// A claim from row `record` (1-based) of a table.
    pub fn from_record(
        source: impl Into<SourceId>,
        record: u64,
        subject: impl Into<String>,
        attribute: impl Into<String>,
        raw: impl Into<String>,
    ) -> Self {
        Claim {
            source: source.into(),
            subject: subject.into(),
            attribute: attribute.into(),
            raw: raw.into(),
            provenance: Provenance::Record(record),
            kind: None,
        }
    }

    /// A claim quoted from bytes `start..end` of a source's text.
    pub fn from_span(
        source: impl Into<SourceId>,
        start: usize,
        end: usize,
        subject: impl Into<String>,
        attribute: impl Into<String>,
        raw: impl Into<String>,
    ) -> Self {
        Claim {
            source: source.into(),
            subject: subject.into(),
            attribute: attribute.into(),
            raw: raw.into(),
            provenance: Provenance::Span { start, end },
            kind: None,
        }
    }

    /// Declares the value's kind instead of letting it be inferred.
    pub fn with_kind(mut self, kind: ValueKind) -> Self {
        self.kind = Some(kind);
        self
    }
}
