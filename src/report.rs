use std::fmt::Write as _;
use std::sync::Arc;

use crate::model::{Provenance, Score, SourceId};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// How the sources stand on a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum FactKind {
    /// One position, backed by two or more sources.
    Consensus,
    /// Two or more positions.
    Contradiction,
    /// One position, backed by one source.
    Uncorroborated,
}

impl FactKind {
    /// The lower-case name used in JSON and Markdown.
    pub fn name(self) -> &'static str {
        match self {
            FactKind::Consensus => "consensus",
            FactKind::Contradiction => "contradiction",
            FactKind::Uncorroborated => "uncorroborated",
        }
    }
}

/// One claim cited as support: who said it, where, in their exact words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Citation {
    /// The source.
    pub source: SourceId,
    /// The 1-based data row, for claims from a table.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub record: Option<u64>,
    /// The first byte of the quote in the source's text, for claims from text.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub start: Option<usize>,
    /// One past the quote's last byte.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub end: Option<usize>,
    /// The words exactly as the source wrote them. Shared, because a table
    /// repeats the same raw value across many rows.
    pub quote: Arc<str>,
}

impl Citation {
    /// Cites `quote` from `source` at `provenance`.
    pub fn new(source: SourceId, provenance: Provenance, quote: impl Into<Arc<str>>) -> Self {
        let (record, start, end) = match provenance {
            Provenance::Record(r) => (Some(r), None, None),
            Provenance::Span { start, end } => (None, Some(start), Some(end)),
        };
        Citation {
            source,
            record,
            start,
            end,
            quote: quote.into(),
        }
    }
}

/// One value the sources hold for a fact, with who holds it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Position {
    /// The canonical rendering of the value.
    pub value: String,
    /// How sure the reconciliation is that this is the true value.
    pub confidence: Score,
    /// The claims that back it, ordered by source id then place.
    pub support: Vec<Citation>,
}

/// A thing the sources speak about, and the positions they take on it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Fact {
    /// Consensus, contradiction or uncorroborated.
    pub kind: FactKind,
    /// A readable statement of what the fact is about.
    pub topic: String,
    /// The subject, for structured claims.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub subject: Option<String>,
    /// The attribute, for structured claims.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub attribute: Option<String>,
    /// Positions, best first: the first is the chosen value.
    pub positions: Vec<Position>,
}

/// What the reconciliation learnt of a source.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SourceReport {
    /// The source's id.
    pub id: SourceId,
    /// Its display name, if one was given.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// The estimated probability that a claim of this source is right.
    pub reliability: Score,
    /// How many of its claims were reconciled.
    pub claims: usize,
    /// How many of its claims were rejected.
    pub rejected: usize,
}

/// Why a claim was left out of the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(tag = "code", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum RejectReason {
    /// The value was empty or only white space.
    Empty,
    /// The value is a placeholder that stands for a missing value: `-`, `Not Available`.
    MissingValue,
    /// The value could not be read as the attribute's kind.
    Unparseable {
        /// The kind that was expected.
        expected: crate::value::ValueKind,
        /// What was wrong, in words.
        detail: String,
    },
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RejectReason::Empty => f.write_str("empty value"),
            RejectReason::MissingValue => f.write_str("placeholder for a missing value"),
            RejectReason::Unparseable { expected, detail } => {
                write!(f, "not a {expected}: {detail}")
            }
        }
    }
}

/// A claim that did not make it into the facts, and why.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Rejected {
    /// Where the claim came from, with its raw value as the quote.
    pub citation: Citation,
    /// Its subject.
    pub subject: String,
    /// Its attribute.
    pub attribute: String,
    /// Why it was rejected.
    pub reason: RejectReason,
}

/// One place where an entity is named.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Mention {
    /// The source.
    pub source: SourceId,
    /// First byte in the source's text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The words as written.
    pub text: String,
}

/// A person, organisation or place, with every mention of it across sources.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Entity {
    /// The fullest name found.
    pub name: String,
    /// Person, organisation, place, or other.
    pub kind: String,
    /// Every mention, ordered by source then offset.
    pub mentions: Vec<Mention>,
}

/// The outcome of a reconciliation: facts with positions and provenance,
/// what each source proved to be worth, and what was rejected.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Report {
    /// Every source, ordered by id.
    pub sources: Vec<SourceReport>,
    /// Every fact: contradictions first, then consensus, then uncorroborated;
    /// within a kind by subject, attribute and topic.
    pub facts: Vec<Fact>,
    /// Claims left out, each with its reason.
    #[cfg_attr(feature = "serde", serde(default))]
    pub rejected: Vec<Rejected>,
    /// Entities found in article text (empty for structured claims).
    #[cfg_attr(feature = "serde", serde(default))]
    pub entities: Vec<Entity>,
}

impl Report {
    /// How many facts are of `kind`.
    pub fn count(&self, kind: FactKind) -> usize {
        self.facts.iter().filter(|f| f.kind == kind).count()
    }

    /// The report as the JSON described in the crate docs, pretty-printed.
    #[cfg(feature = "serde")]
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A readable Markdown rendering: a summary, the sources by reliability,
    /// then contradictions, consensus and uncorroborated facts with their citations.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Reconciliation report\n");
        let _ = writeln!(
            out,
            "{} facts: {} contradictions, {} consensus, {} uncorroborated. {} claims rejected.\n",
            self.facts.len(),
            self.count(FactKind::Contradiction),
            self.count(FactKind::Consensus),
            self.count(FactKind::Uncorroborated),
            self.rejected.len()
        );
        if !self.sources.is_empty() {
            let _ = writeln!(
                out,
                "## Sources\n\n| source | reliability | claims | rejected |\n|---|---|---|---|"
            );
            let mut by_rel: Vec<&SourceReport> = self.sources.iter().collect();
            by_rel.sort_by(|a, b| {
                b.reliability
                    .get()
                    .total_cmp(&a.reliability.get())
                    .then(a.id.cmp(&b.id))
            });
            for s in by_rel {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md_escape(s.name.as_deref().unwrap_or(s.id.as_str())),
                    s.reliability,
                    s.claims,
                    s.rejected
                );
            }
            out.push('\n');
        }
        for kind in [
            FactKind::Contradiction,
            FactKind::Consensus,
            FactKind::Uncorroborated,
        ] {
            let facts: Vec<&Fact> = self.facts.iter().filter(|f| f.kind == kind).collect();
            if facts.is_empty() {
                continue;
            }
            let title = match kind {
                FactKind::Contradiction => "Contradictions",
                FactKind::Consensus => "Consensus",
                FactKind::Uncorroborated => "Uncorroborated",
            };
            let _ = writeln!(out, "## {title} ({})\n", facts.len());
            for f in facts {
                let _ = writeln!(out, "### {}\n", md_escape(&f.topic));
                for (i, p) in f.positions.iter().enumerate() {
                    let mark = if i == 0 { " (chosen)" } else { "" };
                    let _ = writeln!(
                        out,
                        "- **{}**{mark}, confidence {}",
                        md_escape(&p.value),
                        p.confidence
                    );
                    for c in &p.support {
                        let place = match (c.record, c.start, c.end) {
                            (Some(r), _, _) => format!("record {r}"),
                            (None, Some(s), Some(e)) => format!("bytes {s}–{e}"),
                            _ => String::new(),
                        };
                        let _ = writeln!(
                            out,
                            "  - {} ({place}): “{}”",
                            md_escape(c.source.as_str()),
                            md_escape(&c.quote)
                        );
                    }
                }
                out.push('\n');
            }
        }
        if !self.rejected.is_empty() {
            let _ = writeln!(out, "## Rejected claims ({})\n", self.rejected.len());
            for r in &self.rejected {
                let place = match r.citation.record {
                    Some(rec) => format!("record {rec}"),
                    None => format!(
                        "bytes {}–{}",
                        r.citation.start.unwrap_or(0),
                        r.citation.end.unwrap_or(0)
                    ),
                };
                let _ = writeln!(
                    out,
                    "- {} ({place}) {} / {}: “{}”: {}",
                    md_escape(r.citation.source.as_str()),
                    md_escape(&r.subject),
                    md_escape(&r.attribute),
                    md_escape(&r.citation.quote),
                    r.reason
                );
            }
            out.push('\n');
        }
        if !self.entities.is_empty() {
            let _ = writeln!(out, "## Entities ({})\n", self.entities.len());
            for e in &self.entities {
                let mut names: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
                names.sort_unstable();
                names.dedup();
                let _ = writeln!(
                    out,
                    "- **{}** ({}), {} mentions: {}",
                    md_escape(&e.name),
                    e.kind,
                    e.mentions.len(),
                    md_escape(&names.join(", "))
                );
            }
        }
        out
    }
}

/// Escapes the characters that Markdown would read as markup, and folds line
/// breaks, so source text always shows as text.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
