use std::collections::BTreeMap;
use std::io;

use crate::agree::{candidate_key, similarity, AgreeOptions};
use crate::error::{Error, ErrorKind};
use crate::intern::{FxHashMap, Interner};
use crate::model::{Claim, Provenance, Score, Source, SourceId};
use crate::normalize::{infer_kind, normalize};
use crate::report::{
    Citation, Fact, FactKind, Position, RejectReason, Rejected, Report, SourceReport,
};
use crate::truth::{self, TruthOptions};
use crate::value::{Value, ValueKind};

/// Whose reliability is estimated: each source as a whole, or each source
/// separately for each attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum TrustScope {
    /// One reliability per source.
    Source,
    /// One reliability per source, then one per source and attribute,
    /// started from and smoothed towards the source's: a site may keep
    /// scheduled times well and actual times badly. Reported per source as
    /// the claim-weighted mean. The default.
    #[default]
    SourceAttribute,
}

/// How claims are reconciled. Every field has a documented default; build
/// from [`Options::default`] with the builder methods.
///
/// ```
/// use corroborate::{Options, ValueKind, TruthOptions};
/// let options = Options::default()
///     .kind("sched_dep", ValueKind::Time)
///     .truth(TruthOptions::default().iterations(30));
/// assert_eq!(options.kind_of("sched_dep"), Some(ValueKind::Time));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Options {
    kinds: BTreeMap<String, ValueKind>,
    /// When values agree, by kind.
    pub agree: AgreeOptions,
    /// How reliability is estimated.
    pub truth: TruthOptions,
    /// Whose reliability is estimated [`TrustScope::SourceAttribute`].
    pub trust_scope: TrustScope,
}

impl Options {
    /// Declares the kind of an attribute's values instead of inferring it.
    pub fn kind(mut self, attribute: impl AsRef<str>, kind: ValueKind) -> Self {
        self.kinds.insert(attribute.as_ref().to_string(), kind);
        self
    }

    /// The declared kind of an attribute, if any.
    pub fn kind_of(&self, attribute: impl AsRef<str>) -> Option<ValueKind> {
        self.kinds.get(attribute.as_ref()).copied()
    }

    /// Sets the agreement thresholds.
    pub fn agree(mut self, agree: AgreeOptions) -> Self {
        self.agree = agree;
        self
    }

    /// Sets the reliability estimation options.
    pub fn truth(mut self, truth: TruthOptions) -> Self {
        self.truth = truth;
        self
    }

    /// Sets whose reliability is estimated.
    pub fn trust_scope(mut self, scope: TrustScope) -> Self {
        self.trust_scope = scope;
        self
    }
}

#[derive(Debug, Clone, Copy)]
struct Row {
    source: u32,
    subject: u32,
    attribute: u32,
    raw: u32,
    kind: Option<ValueKind>,
    provenance: Provenance,
}

/// Collects claims, then reconciles them into a [`Report`].
///
/// Claims are interned as they arrive, so a million table rows cost tens of
/// megabytes, not hundreds. The report depends only on the multiset of
/// claims and sources added, never on their order; two reconcilers fed
/// halves of a claim set and [merged](Reconciler::merge) give the report the
/// whole set gives.
///
/// ```
/// use corroborate::{Claim, FactKind, Options, Reconciler, ValueKind};
/// let mut r = Reconciler::new(Options::default().kind("pop", ValueKind::Number));
/// r.add_claim(&Claim::from_record("atlas", 1, "Springfield", "pop", "30,720"));
/// r.add_claim(&Claim::from_record("gazette", 1, "Springfield", "pop", "30720"));
/// r.add_claim(&Claim::from_record("blog", 1, "Springfield", "pop", "31,000"));
/// let report = r.reconcile();
/// let fact = &report.facts[0];
/// assert_eq!(fact.kind, FactKind::Contradiction);
/// assert_eq!(fact.positions[0].value, "30720");
/// assert_eq!(fact.positions[0].support.len(), 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Reconciler {
    options: Options,
    declared: BTreeMap<SourceId, Source>,
    sources: Interner,
    subjects: Interner,
    attributes: Interner,
    raws: Interner,
    rows: Vec<Row>,
}

impl Reconciler {
    /// An empty reconciler.
    pub fn new(options: Options) -> Self {
        Reconciler {
            options,
            ..Default::default()
        }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Declares a source: its name and prior trust. Sources that make claims
    /// need not be declared; a declared source without claims is still reported.
    /// Declaring the same id again replaces the earlier declaration.
    pub fn add_source(&mut self, source: Source) -> &mut Self {
        self.declared.insert(source.id.clone(), source);
        self
    }

    /// Adds one claim.
    pub fn add_claim(&mut self, claim: &Claim) -> &mut Self {
        self.push(
            claim.source.as_str(),
            &claim.subject,
            &claim.attribute,
            &claim.raw,
            claim.provenance,
            claim.kind,
        );
        self
    }

    /// Adds one claim from its parts without building a [`Claim`]: the fast
    /// path for large tables.
    pub fn add(
        &mut self,
        source: impl AsRef<str>,
        subject: impl AsRef<str>,
        attribute: impl AsRef<str>,
        raw: impl AsRef<str>,
        provenance: Provenance,
    ) -> &mut Self {
        self.push(
            source.as_ref(),
            subject.as_ref(),
            attribute.as_ref(),
            raw.as_ref(),
            provenance,
            None,
        );
        self
    }

    fn push(
        &mut self,
        source: &str,
        subject: &str,
        attribute: &str,
        raw: &str,
        provenance: Provenance,
        kind: Option<ValueKind>,
    ) {
        let row = Row {
            source: self.sources.intern(source),
            subject: self.subjects.intern(subject),
            attribute: self.attributes.intern(attribute),
            raw: self.raws.intern(raw),
            kind,
            provenance,
        };
        self.rows.push(row);
    }

    /// How many claims have been added.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no claim has been added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Moves every claim and source declaration of `other` into `self`.
    ///
    /// Merging is associative and commutative, and an empty reconciler is its
    /// identity: the report depends only on the union. Where both declare the
    /// same source, the declaration that sorts first (by its fields' debug
    /// rendering) wins, so the choice does not depend on merge order.
    pub fn merge(&mut self, other: Reconciler) -> &mut Self {
        for (id, s) in other.declared {
            match self.declared.get(&id) {
                Some(mine) if format!("{mine:?}") <= format!("{s:?}") => {}
                _ => {
                    self.declared.insert(id, s);
                }
            }
        }
        for r in &other.rows {
            self.push(
                other.sources.get(r.source),
                other.subjects.get(r.subject),
                other.attributes.get(r.attribute),
                other.raws.get(r.raw),
                r.provenance,
                r.kind,
            );
        }
        self
    }

    /// Reads a claims table in CSV (RFC 4180 quoting) with the header
    /// `source,subject,attribute,value`, adding one claim per data row with
    /// its 1-based row number as provenance. Returns the number of rows read.
    ///
    /// A malformed table is an error naming the line: a missing or different
    /// header, a row with the wrong number of fields, invalid UTF-8, or an
    /// empty source, subject or attribute. An empty *value* is not an error:
    /// it becomes a rejected claim in the report.
    ///
    /// ```
    /// # fn main() -> Result<(), corroborate::Error> {
    /// let csv = "source,subject,attribute,value\nA,x,colour,red\nB,x,colour,\"red\"\n";
    /// let mut r = corroborate::Reconciler::default();
    /// assert_eq!(r.read_csv(csv.as_bytes())?, 2);
    /// assert_eq!(r.reconcile().facts[0].positions[0].support.len(), 2);
    /// # Ok(()) }
    /// ```
    pub fn read_csv(&mut self, reader: impl io::Read) -> Result<u64, Error> {
        self.read_csv_with_progress(reader, |_| {})
    }

    /// [`read_csv`](Self::read_csv), calling `progress` with the number of
    /// rows read so far every 100,000 rows.
    pub fn read_csv_with_progress(
        &mut self,
        reader: impl io::Read,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, Error> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(reader);
        let mut record = csv::StringRecord::new();
        let csv_error = |e: csv::Error| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            let what = match e.kind() {
                csv::ErrorKind::Utf8 { .. } => {
                    return Error::new(
                        ErrorKind::InvalidUtf8,
                        format!("line {line}: invalid UTF-8"),
                    )
                }
                csv::ErrorKind::Io(io) => format!("read failed: {io}"),
                other => format!("{other:?}"),
            };
            Error::new(ErrorKind::Csv, format!("line {line}: {what}"))
        };
        if !rdr.read_record(&mut record).map_err(csv_error)? {
            return Err(Error::new(
                ErrorKind::Csv,
                "line 1: empty input; expected the header source,subject,attribute,value",
            ));
        }
        let header: Vec<String> = record
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        if header != ["source", "subject", "attribute", "value"] {
            return Err(Error::new(
                ErrorKind::Csv,
                format!(
                    "line 1: expected the header source,subject,attribute,value, found {}",
                    record.iter().collect::<Vec<_>>().join(",")
                ),
            ));
        }
        let mut n = 0u64;
        while rdr.read_record(&mut record).map_err(csv_error)? {
            n += 1;
            let line = record.position().map(|p| p.line()).unwrap_or(n + 1);
            if record.len() != 4 {
                return Err(Error::new(
                    ErrorKind::Csv,
                    format!(
                        "line {line}: expected 4 fields (source,subject,attribute,value), found {}",
                        record.len()
                    ),
                ));
            }
            for (i, name) in ["source", "subject", "attribute"].iter().enumerate() {
                if record[i].trim().is_empty() {
                    return Err(Error::new(
                        ErrorKind::Csv,
                        format!("line {line}: empty {name}"),
                    ));
                }
            }
            self.push(
                &record[0],
                &record[1],
                &record[2],
                &record[3],
                Provenance::Record(n),
                None,
            );
            if n % 100_000 == 0 {
                progress(n);
            }
        }
        Ok(n)
    }

    /// Normalises, groups, weighs and chooses: the whole reconciliation.
    pub fn reconcile(&self) -> Report {
        Run::new(self).report()
    }
}

impl Extend<Claim> for Reconciler {
    fn extend<I: IntoIterator<Item = Claim>>(&mut self, iter: I) {
        for c in iter {
            self.add_claim(&c);
        }
    }
}

impl<'a> Extend<&'a Claim> for Reconciler {
    fn extend<I: IntoIterator<Item = &'a Claim>>(&mut self, iter: I) {
        for c in iter {
            self.add_claim(c);
        }
    }
}

/// Reconciles claims in one call.
///
/// ```
/// use corroborate::{reconcile, Claim, Options};
/// let claims = [
///     Claim::from_record("a", 1, "AA-1007", "sched_dep", "12/01/2011 01:55 PM"),
///     Claim::from_record("b", 1, "AA-1007", "sched_dep", "12/01/2011 01:55 PM"),
/// ];
/// let report = reconcile(claims, &Options::default());
/// assert_eq!(report.facts.len(), 1);
/// ```
pub fn reconcile(claims: impl IntoIterator<Item = Claim>, options: &Options) -> Report {
    let mut r = Reconciler::new(options.clone());
    r.extend(claims);
    r.reconcile()
}

/// One reconciliation's working state.
struct Run<'a> {
    rc: &'a Reconciler,
    src_rank: Vec<u32>,
    raw_rank: Vec<u32>,
    /// Per normalised slot: the value or why it was rejected.
    slots: Vec<Result<Value, RejectReason>>,
    /// Per row: its slot.
    row_slot: Vec<u32>,
    /// Per slot (accepted ones): candidate key rank.
    slot_key: Vec<u32>,
    slot_canonical: Vec<String>,
}

impl<'a> Run<'a> {
    fn new(rc: &'a Reconciler) -> Self {
        let src_rank = rc.sources.ranks();
        let raw_rank = rc.raws.ranks();

        // Each attribute's kind: declared, else inferred from its distinct raw
        // values in sorted order (an input-order-free sample).
        let mut attr_raws: Vec<Vec<u32>> = vec![Vec::new(); rc.attributes.len()];
        for r in &rc.rows {
            attr_raws[r.attribute as usize].push(r.raw);
        }
        let kinds: Vec<ValueKind> = attr_raws
            .iter_mut()
            .enumerate()
            .map(|(a, raws)| {
                let name = rc.attributes.get(a as u32);
                if let Some(k) = rc.options.kind_of(name) {
                    return k;
                }
                raws.sort_unstable_by_key(|&r| raw_rank[r as usize]);
                raws.dedup();
                const SAMPLE: usize = 4000;
                let step = raws.len().div_ceil(SAMPLE).max(1);
                infer_kind(raws.iter().step_by(step).map(|&r| rc.raws.get(r)))
            })
            .collect();
        drop(attr_raws);

        // Normalise each distinct (raw, kind) once: tables repeat values a lot.
        let mut slot_of: FxHashMap<(u32, ValueKind), u32> = FxHashMap::default();
        let mut jobs: Vec<(u32, ValueKind)> = Vec::new();
        let row_slot: Vec<u32> = rc
            .rows
            .iter()
            .map(|r| {
                let kind = r.kind.unwrap_or(kinds[r.attribute as usize]);
                *slot_of.entry((r.raw, kind)).or_insert_with(|| {
                    jobs.push((r.raw, kind));
                    (jobs.len() - 1) as u32
                })
            })
            .collect();
        drop(slot_of);
        let slots = parallel_map(&jobs, |&(raw, kind)| {
            normalize(rc.raws.get(raw), Some(kind))
        });

        // Candidate keys, interned and ranked so candidates order canonically.
        let mut keys = Interner::default();
        let key_id: Vec<u32> = slots
            .iter()
            .map(|s| match s {
                Ok(v) => keys.intern(&candidate_key(v)),
                Err(_) => u32::MAX,
            })
            .collect();
        let key_rank = keys.ranks();
        let slot_key = key_id
            .iter()
            .map(|&k| {
                if k == u32::MAX {
                    u32::MAX
                } else {
                    key_rank[k as usize]
                }
            })
            .collect();
        let slot_canonical = slots
            .iter()
            .map(|s| s.as_ref().map(Value::canonical).unwrap_or_default())
            .collect();
        Run {
            rc,
            src_rank,
            raw_rank,
            slots,
            row_slot,
            slot_key,
            slot_canonical,
        }
    }

    fn report(self) -> Report {
        let rc = self.rc;
        // One shared id and one shared quote per distinct string: a million
        // citations then cost pointers, not a million small allocations.
        let source_ids: Vec<SourceId> = (0..rc.sources.len() as u32)
            .map(|s| SourceId::new(rc.sources.get(s)))
            .collect();
        let quotes: Vec<std::sync::Arc<str>> = (0..rc.raws.len() as u32)
            .map(|r| std::sync::Arc::from(rc.raws.get(r)))
            .collect();
        let subj_rank = rc.subjects.ranks();
        let attr_rank = rc.attributes.ranks();
        let hedged: Vec<bool> = (0..rc.raws.len() as u32)
            .map(|r| crate::hedge::is_hedged(rc.raws.get(r)))
            .collect();
        let n_sources = rc.sources.len();

        // Accepted rows in canonical order: group, candidate, source, place.
        let mut order: Vec<u32> = Vec::with_capacity(rc.rows.len());
        let mut rejected: Vec<Rejected> = Vec::new();
        let mut rejected_per_source = vec![0usize; n_sources];
        for (i, r) in rc.rows.iter().enumerate() {
            match &self.slots[self.row_slot[i] as usize] {
                Ok(_) => order.push(i as u32),
                Err(reason) => {
                    rejected_per_source[r.source as usize] += 1;
                    rejected.push(Rejected {
                        citation: Citation::new(
                            source_ids[r.source as usize].clone(),
                            r.provenance,
                            quotes[r.raw as usize].clone(),
                        ),
                        subject: rc.subjects.get(r.subject).to_string(),
                        attribute: rc.attributes.get(r.attribute).to_string(),
                        reason: reason.clone(),
                    });
                }
            }
        }
        rejected.sort_by(|a, b| {
            (
                &a.citation.source,
                a.citation.record,
                a.citation.start,
                &a.subject,
                &a.attribute,
            )
                .cmp(&(
                    &b.citation.source,
                    b.citation.record,
                    b.citation.start,
                    &b.subject,
                    &b.attribute,
                ))
                .then_with(|| a.citation.quote.cmp(&b.citation.quote))
        });
        // Sort keys computed once: (group, candidate+source, place, raw).
        // The raw string's sorted rank settles exact duplicates without
        // looking at input order.
        let mut keyed: Vec<(u64, u64, Provenance, u32, u32)> = order
            .iter()
            .map(|&i| {
                let r = &rc.rows[i as usize];
                (
                    (u64::from(subj_rank[r.subject as usize]) << 32)
                        | u64::from(attr_rank[r.attribute as usize]),
                    (u64::from(self.slot_key[self.row_slot[i as usize] as usize]) << 32)
                        | u64::from(self.src_rank[r.source as usize]),
                    r.provenance,
                    self.raw_rank[r.raw as usize],
                    i,
                )
            })
            .collect();
        keyed.sort_unstable();
        let group_key: Vec<u64> = keyed.iter().map(|k| k.0).collect();
        let order: Vec<u32> = keyed.into_iter().map(|k| k.4).collect();

        // Trust units: a source, or a source per attribute.
        let mut unit_of: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut units: Vec<(u32, u32)> = Vec::new();
        // Units are numbered in canonical (source, attribute) order so that
        // floating-point sums over them do not depend on input order.
        {
            let mut pairs: Vec<(u32, u32)> = order
                .iter()
                .map(|&i| {
                    let r = &rc.rows[i as usize];
                    let a = match rc.options.trust_scope {
                        TrustScope::Source => 0,
                        TrustScope::SourceAttribute => attr_rank[r.attribute as usize] + 1,
                    };
                    (self.src_rank[r.source as usize], a)
                })
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            for p in pairs {
                unit_of.insert(p, units.len() as u32);
                units.push(p);
            }
        }
        let rank_to_source: Vec<u32> = {
            let mut v = vec![0u32; n_sources];
            for (id, &rank) in self.src_rank.iter().enumerate() {
                v[rank as usize] = id as u32;
            }
            v
        };
        let source_priors: Vec<f64> = rank_to_source
            .iter()
            .map(|&id| {
                rc.declared
                    .get(&source_ids[id as usize])
                    .and_then(|d| d.prior_trust)
                    .map_or(rc.options.truth.initial_trust, Score::get)
            })
            .collect();
        let unit_source: Vec<u32> = units.iter().map(|&(s, _)| s).collect();
        let unit_for_row = |i: u32| {
            let r = &rc.rows[i as usize];
            let a = match rc.options.trust_scope {
                TrustScope::Source => 0,
                TrustScope::SourceAttribute => attr_rank[r.attribute as usize] + 1,
            };
            unit_of[&(self.src_rank[r.source as usize], a)]
        };

        // Walk groups and their candidates.
        struct Cand {
            rows: std::ops::Range<usize>,
            slot: u32,
        }
        let mut groups: Vec<truth::Group> = Vec::new();
        let mut group_rows: Vec<(std::ops::Range<usize>, Vec<Cand>)> = Vec::new();
        let mut i = 0;
        while i < order.len() {
            let gk = group_key[i];
            let mut j = i;
            let mut cands: Vec<Cand> = Vec::new();
            while j < order.len() && group_key[j] == gk {
                let ck = self.slot_key[self.row_slot[order[j] as usize] as usize];
                let start = j;
                while j < order.len()
                    && group_key[j] == gk
                    && self.slot_key[self.row_slot[order[j] as usize] as usize] == ck
                {
                    j += 1;
                }
                cands.push(Cand {
                    slot: self.representative(&order[start..j]),
                    rows: start..j,
                });
            }
            let k = cands.len();
            let mut sim = vec![0.0; k * k];
            for a in 0..k {
                for b in (a + 1)..k {
                    let s = similarity(self.value(cands[a].slot), self.value(cands[b].slot)).get();
                    sim[a * k + b] = s;
                    sim[b * k + a] = s;
                }
            }
            let candidates = cands
                .iter()
                .map(|c| {
                    // A unit's strength is its firmest claim: one plain claim
                    // outweighs any number of hedged ones.
                    let mut held: Vec<(u32, bool)> = order[c.rows.clone()]
                        .iter()
                        .map(|&r| (unit_for_row(r), !hedged[rc.rows[r as usize].raw as usize]))
                        .collect();
                    held.sort_unstable();
                    held.dedup_by(|later, earlier| {
                        later.0 == earlier.0 && {
                            earlier.1 |= later.1;
                            true
                        }
                    });
                    let any_hedged = held.iter().any(|h| !h.1);
                    let hw = rc.options.truth.hedge_weight;
                    truth::Candidate {
                        holders: held.iter().map(|h| h.0).collect(),
                        strength: if any_hedged {
                            held.iter().map(|h| if h.1 { 1.0 } else { hw }).collect()
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect();
            groups.push(truth::Group {
                candidates,
                similarity: sim,
            });
            group_rows.push((i..j, cands));
            i = j;
        }

        let est = truth::estimate(
            &groups,
            &truth::Units {
                source: &unit_source,
                source_prior: &source_priors,
                refine: rc.options.trust_scope == TrustScope::SourceAttribute,
            },
            &rc.options.truth,
        );

        // Positions: agreeing candidates clustered, clusters by probability mass.
        let mut facts: Vec<Fact> = Vec::with_capacity(groups.len());
        for ((range, cands), (g, probs)) in
            group_rows.iter().zip(groups.iter().zip(&est.probability))
        {
            let k = cands.len();
            let mut parent: Vec<usize> = (0..k).collect();
            fn find(p: &mut [usize], x: usize) -> usize {
                let mut x = x;
                while p[x] != x {
                    p[x] = p[p[x]];
                    x = p[x];
                }
                x
            }
            for a in 0..k {
                for b in (a + 1)..k {
                    if g.similarity[a * k + b] > 0.0
                        && rc
                            .options
                            .agree
                            .agree(self.value(cands[a].slot), self.value(cands[b].slot))
                    {
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                        if ra != rb {
                            parent[ra.max(rb)] = ra.min(rb);
                        }
                    }
                }
            }
            let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for c in 0..k {
                let root = find(&mut parent, c);
                clusters.entry(root).or_default().push(c);
            }
            let mut positions: Vec<(f64, usize, Position)> = clusters
                .into_values()
                .map(|members| {
                    let mass: f64 = members.iter().map(|&c| probs[c]).sum();
                    // Best member: highest probability, then first in key order.
                    let best = members.iter().copied().fold(members[0], |b, c| {
                        if probs[c] > probs[b] {
                            c
                        } else {
                            b
                        }
                    });
                    let mut support: Vec<(u32, Provenance, u32)> = members
                        .iter()
                        .flat_map(|&c| {
                            order[cands[c].rows.clone()].iter().map(|&r| {
                                let row = &rc.rows[r as usize];
                                (self.src_rank[row.source as usize], row.provenance, r)
                            })
                        })
                        .collect();
                    support.sort_unstable();
                    let support = support
                        .into_iter()
                        .map(|(_, p, r)| {
                            let row = &rc.rows[r as usize];
                            Citation::new(
                                source_ids[row.source as usize].clone(),
                                p,
                                quotes[row.raw as usize].clone(),
                            )
                        })
                        .collect();
                    (
                        mass,
                        members[0],
                        Position {
                            value: self.slot_canonical[cands[best].slot as usize].clone(),
                            confidence: truth::confidence(mass),
                            support,
                        },
                    )
                })
                .collect();
            positions.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let positions: Vec<Position> = positions.into_iter().map(|p| p.2).collect();
            let distinct_sources = {
                let mut s: Vec<u32> = order[range.clone()]
                    .iter()
                    .map(|&r| rc.rows[r as usize].source)
                    .collect();
                s.sort_unstable();
                s.dedup();
                s.len()
            };
            let kind = if positions.len() > 1 {
                FactKind::Contradiction
            } else if distinct_sources > 1 {
                FactKind::Consensus
            } else {
                FactKind::Uncorroborated
            };
            let row = &rc.rows[order[range.start] as usize];
            let subject = rc.subjects.get(row.subject).to_string();
            let attribute = rc.attributes.get(row.attribute).to_string();
            facts.push(Fact {
                kind,
                topic: format!("{attribute} of {subject}"),
                subject: Some(subject),
                attribute: Some(attribute),
                positions,
            });
        }
        facts.sort_by_key(|f| kind_order(f.kind));

        // Sources: reliability per source, claim-weighted over its units.
        let mut rel_sum = vec![0.0f64; n_sources];
        let mut claims = vec![0usize; n_sources];
        for &r in &order {
            let row = &rc.rows[r as usize];
            rel_sum[row.source as usize] += est.accuracy[unit_for_row(r) as usize];
            claims[row.source as usize] += 1;
        }
        let mut sources: BTreeMap<SourceId, SourceReport> = BTreeMap::new();
        for s in 0..n_sources {
            let id = source_ids[s].clone();
            let declared = rc.declared.get(&id);
            let prior = declared
                .and_then(|d| d.prior_trust)
                .map_or(rc.options.truth.initial_trust, Score::get);
            let reliability = if claims[s] > 0 {
                rel_sum[s] / claims[s] as f64
            } else {
                prior
            };
            sources.insert(
                id.clone(),
                SourceReport {
                    name: declared.and_then(|d| d.name.clone()),
                    id,
                    reliability: Score::new(reliability),
                    claims: claims[s],
                    rejected: rejected_per_source[s],
                },
            );
        }
        for (id, d) in &rc.declared {
            sources.entry(id.clone()).or_insert_with(|| SourceReport {
                id: id.clone(),
                name: d.name.clone(),
                reliability: d
                    .prior_trust
                    .unwrap_or(Score::new(rc.options.truth.initial_trust)),
                claims: 0,
                rejected: 0,
            });
        }
        Report {
            sources: sources.into_values().collect(),
            facts,
            rejected,
            entities: Vec::new(),
        }
    }

    fn value(&self, slot: u32) -> &Value {
        match &self.slots[slot as usize] {
            Ok(v) => v,
            // Only accepted slots become candidates.
            Err(_) => unreachable!("rejected slot used as a candidate"),
        }
    }

    /// The slot that speaks for a candidate: the rendering most rows share,
    /// ties to the smallest canonical string.
    fn representative(&self, rows: &[u32]) -> u32 {
        let mut slots: Vec<u32> = rows.iter().map(|&r| self.row_slot[r as usize]).collect();
        slots.sort_unstable_by(|a, b| {
            self.slot_canonical[*a as usize]
                .cmp(&self.slot_canonical[*b as usize])
                .then(a.cmp(b))
        });
        let mut best = slots[0];
        let mut best_n = 0;
        let mut i = 0;
        while i < slots.len() {
            let mut j = i;
            while j < slots.len()
                && self.slot_canonical[slots[j] as usize] == self.slot_canonical[slots[i] as usize]
            {
                j += 1;
            }
            if j - i > best_n {
                best_n = j - i;
                best = slots[i];
            }
            i = j;
        }
        best
    }
}

fn kind_order(k: FactKind) -> u8 {
    match k {
        FactKind::Contradiction => 0,
        FactKind::Consensus => 1,
        FactKind::Uncorroborated => 2,
    }
}

/// Maps `f` over `items` on all cores, keeping order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads <= 1 || items.len() < 10_000 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| scope.spawn(|| c.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(v) => out.extend(v),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}
