//! Source reliability and value probabilities, estimated together.
//!
//! The method is AccuSim (Dong, Berti-Equille and Srivastava, "Integrating
//! conflicting data: the role of source dependence", VLDB 2009), the
//! Bayesian member of the TruthFinder family, with two changes:
//!
//! - **Partial credit.** A source is credited, for each claim, with the
//!   probability of its value plus the similarity-weighted probability of the
//!   other values, capped at 1; so a source that wrote "Donald Knuth" where
//!   the truth is "Donald E. Knuth" is not treated as wrong.
//! - **Smoothing.** Each source's accuracy is a posterior mean with a
//!   pseudo-count at its prior, so a source with three claims cannot reach
//!   certainty either way. That mean is the only bound on it (bar a
//!   numerical guard): a fixed ceiling such as 0.99 would rank a source
//!   right on 300 of 300 contested items level with one right on 99 of 100,
//!   and let any second voter tip the pair.
//! - **Leave-one-out votes.** On each item a source votes with the
//!   accuracy its *other* claims earn. Otherwise a source's claim is
//!   evidence for its own reliability: a source with one or two claims wins
//!   its item, is credited for winning, and so wins it more surely (or the
//!   reverse), whatever the rest of the data says. With its own item left
//!   out, a one-claim source votes with its prior, and a prolific source
//!   with its record elsewhere, which is what its vote should carry.
//! - **Items a source speaks to alone** earn it nothing. At any fixed point
//!   they would credit it exactly its own accuracy, so they do not move the
//!   estimate; counting them only slows the rounds down, so much that a
//!   source with a thousand unopposed claims and thirty contested ones
//!   barely leaves its starting accuracy in the rounds allowed.
//!
//! - **Contested items.** On an item where sources disagree, a source
//!   votes with the accuracy it earned on such items, smoothed towards its
//!   overall accuracy with the weight of
//!   [`contested_weight`](TruthOptions::contested_weight) items. Easy
//!   items, where every source gives one value, say little about who to
//!   believe in a dispute, yet they dominate a prolific source's record:
//!   a bot that seeds thousands of entries that others later repeat, or a
//!   feed right on every easy case and wrong on hard ones, would carry an
//!   accuracy earned where nobody disagreed into every disagreement.
//!
//! Why AccuSim rather than TruthFinder or PooledInvestment: its vote weight
//! `ln(n·A/(1−A))` is derived from a model (a source of accuracy `A` picks
//! the truth with probability `A` and each of `n` false values uniformly),
//! so probabilities are calibrated enough to report as confidences, and it
//! takes a value similarity directly. TruthFinder's dampened sigmoid needs
//! two tuned constants; PooledInvestment's linear pooling favours values
//! claimed by prolific sources regardless of their record.

use crate::model::Score;
use crate::parallel::{cores, join, run_jobs};

/// How source reliability is estimated. Defaults in brackets.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct TruthOptions {
    /// The most rounds of re-estimation per stage (default 20).
    pub iterations: usize,
    /// Stop when no accuracy moves by more than this (default 1e-6). With
    /// one accuracy per source and attribute
    /// ([`TrustScope::SourceAttribute`](crate::TrustScope)), the first
    /// stage, one accuracy per source, stops at 1e-3 if this is finer: it
    /// only gives the second its start and its priors.
    pub tolerance: f64,
    /// The accuracy every source starts at unless it has a prior (default 0.8).
    pub initial_trust: f64,
    /// The number of false values a careless source picks among, `n` in the
    /// vote weight `ln(n·A/(1−A))` (default 3). Larger makes agreement count more;
    /// most attributes have only a few plausible wrong values in circulation.
    pub false_values: f64,
    /// How much a similar value's votes lend support, `ρ` in AccuSim (default 0.5).
    pub similarity_weight: f64,
    /// The pseudo-count of claims at the prior that smooths each estimate
    /// (default 1). One claim's worth: the leave-one-out votes already keep
    /// a source's own claims from vouching for it, so the prior only has to
    /// stand in for the evidence a new source has not yet given.
    pub prior_weight: f64,
    /// Two sources are *mirrors* when they give the same value on at least
    /// this share of the items both speak to (default 0.995).
    pub mirror_agreement: f64,
    /// ... and they speak to at least this many items in common (default 100).
    pub mirror_min_overlap: usize,
    /// Two sources are also mirrors when, on the items where the first
    /// estimate finds one or both of them wrong, they hold the *same* wrong
    /// value on at least this share (default 0.8; above 1 disables), over at
    /// least 20 such items. Copiers give themselves away by their shared
    /// mistakes (AccuCopy's central signal) long before they agree on
    /// 99.5% of everything; independent sources rarely make one mistake
    /// together, since each picks among several wrong values. Sources with
    /// more than 1024 in all are left to agreement alone.
    pub shared_errors: f64,
    /// How much of a mirror's vote is dropped when a more trusted mirror of
    /// it holds the same value: 1 drops it all, 0 disables copy detection (default 1).
    pub copy_discount: f64,
    /// The pseudo-count of contested items at a source's overall accuracy
    /// that smooths its accuracy on contested items (items with more than
    /// one value), the accuracy it votes with there (default 100, the
    /// overlap that judges two sources as mirrors: evidence of about that
    /// many disputes outweighs a record of easy agreement). Infinity votes
    /// with the overall accuracy everywhere; 0 with the contested record
    /// alone.
    pub contested_weight: f64,
    /// The share of a full vote that a hedged claim casts
    /// ([`is_hedged`](crate::is_hedged): "estimated", "approx.", "?") (default 0.5).
    pub hedge_weight: f64,
}

impl Default for TruthOptions {
    fn default() -> Self {
        TruthOptions {
            iterations: 20,
            tolerance: 1e-6,
            initial_trust: 0.8,
            false_values: 3.0,
            similarity_weight: 0.5,
            prior_weight: 1.0,
            mirror_agreement: 0.995,
            mirror_min_overlap: 100,
            copy_discount: 1.0,
            shared_errors: 0.8,
            contested_weight: 100.0,
            hedge_weight: 0.5,
        }
    }
}

impl TruthOptions {
    /// Sets the most rounds of re-estimation per stage.
    pub fn iterations(mut self, n: usize) -> Self {
        self.iterations = n;
        self
    }

    /// Sets the convergence tolerance.
    pub fn tolerance(mut self, t: f64) -> Self {
        self.tolerance = t;
        self
    }

    /// Sets the starting accuracy of sources without a prior.
    pub fn initial_trust(mut self, a: f64) -> Self {
        self.initial_trust = a;
        self
    }

    /// Sets `n`, the number of false values.
    pub fn false_values(mut self, n: f64) -> Self {
        self.false_values = n;
        self
    }

    /// Sets `ρ`, the weight of similar values' votes.
    pub fn similarity_weight(mut self, rho: f64) -> Self {
        self.similarity_weight = rho;
        self
    }

    /// Sets the smoothing pseudo-count.
    pub fn prior_weight(mut self, w: f64) -> Self {
        self.prior_weight = w;
        self
    }

    /// Sets the pseudo-count that smooths accuracy on contested items
    /// towards the overall accuracy.
    pub fn contested_weight(mut self, w: f64) -> Self {
        self.contested_weight = w;
        self
    }

    /// Sets the agreement share and overlap that make two sources mirrors.
    pub fn mirrors(mut self, agreement: f64, min_overlap: usize) -> Self {
        self.mirror_agreement = agreement;
        self.mirror_min_overlap = min_overlap;
        self
    }

    /// Sets the share of a full vote that a hedged claim casts.
    pub fn hedge_weight(mut self, w: f64) -> Self {
        self.hedge_weight = w;
        self
    }

    /// Sets the share of errors two sources must share to count as mirrors.
    pub fn shared_errors(mut self, share: f64) -> Self {
        self.shared_errors = share;
        self
    }

    /// Sets how much of a mirror's vote is dropped.
    pub fn copy_discount(mut self, c: f64) -> Self {
        self.copy_discount = c;
        self
    }
}

/// One candidate value of one group, and the trust units that hold it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Candidate {
    /// Distinct trust units holding it, ascending.
    pub holders: Vec<u32>,
    /// Per holder, the share of a full vote it casts: below 1 when it only
    /// hedged. Empty means all 1.
    pub strength: Vec<f64>,
}

/// The candidates of one data item and their pairwise similarities.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    pub candidates: Vec<Candidate>,
    /// Row-major `k × k` similarities; the diagonal is ignored.
    pub similarity: Vec<f64>,
}

/// The outcome: a probability per candidate, in group order, and an accuracy per unit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Estimate {
    pub probability: Vec<Vec<f64>>,
    pub accuracy: Vec<f64>,
    /// Pairs of sources found to mirror each other, ascending.
    pub mirrors: Vec<(u32, u32)>,
}

const A_MIN: f64 = 0.01;
/// How far an accuracy may still move in a round of stage 1 when its
/// outcome is read only roughly (see [`estimate`]): for sources that share
/// their mistakes, and as the start and prior of stage 2. On flight, book
/// and population the same mirrors are found as at 1e-6 (at 1e-2 two
/// flight items come out otherwise), and stage 2 ends with confidences
/// within 3e-5 (flight) and 3e-4 (book) of those from a stage 1 run to
/// 1e-6.
const ROUGH_TOLERANCE: f64 = 1e-3;
/// Items with more distinct sources than this are left out of mirror detection.
const MIRROR_MAX_GROUP: usize = 256;
/// The fewest items with an error between them on which two sources are
/// judged by their shared errors: fewer say too little either way.
const SHARED_ERRORS_MIN_ITEMS: u32 = 20;
/// A numerical guard only, so the vote weight stays finite: the posterior
/// mean never reaches it with a positive prior weight and fewer than about
/// a million claims.
const A_MAX: f64 = 1.0 - 1e-6;

/// The trust units of a problem: fine units (a source, or a source per
/// attribute) and the source each belongs to.
pub(crate) struct Units<'a> {
    /// `source[u]` is the source of unit `u`.
    pub source: &'a [u32],
    /// Each source's prior accuracy.
    pub source_prior: &'a [f64],
    /// Estimate per unit after per source (true), or per source only (false).
    pub refine: bool,
}

/// Runs the estimation.
///
/// First every source gets one accuracy; then, when `units.refine`, each
/// unit gets its own, starting from and smoothed towards its source's, so
/// that a source good at one attribute and bad at another is told apart
/// without letting small units drift on little evidence.
///
/// Deterministic: every sum runs in group, candidate and holder order, which
/// the caller makes canonical; holders are weighed in order of accuracy,
/// ties by unit.
pub(crate) fn estimate(groups: &[Group], units: &Units<'_>, options: &TruthOptions) -> Estimate {
    let n_sources = units.source_prior.len();
    // Laying the groups out flat is serial; it runs beside finding the
    // mirrors, which would otherwise leave a core idle in its gaps.
    let find_mirrors = || {
        let mirrors = Mirrors::detect(groups, units.source, n_sources, options);
        let pairs = MirrorPairs::new(groups, units.source, &mirrors);
        (mirrors, pairs)
    };
    let ((mut mirrors, pairs), flat) = if cores() >= 2 && groups.len() >= 4096 {
        join(find_mirrors, || Flat::new(groups))
    } else {
        (find_mirrors(), Flat::new(groups))
    };
    // Stage 1: one accuracy per source.
    let source_prior: Vec<f64> = units
        .source_prior
        .iter()
        .map(|a| a.clamp(A_MIN, A_MAX))
        .collect();
    let stage1 = |pairs| {
        Rounds::new(
            &flat,
            units.source,
            &source_prior,
            source_prior.clone(),
            pairs,
            options,
        )
    };
    // Mirror pairs found again, outliving the rounds that borrow them.
    let mut rerun_pairs: Option<MirrorPairs> = None;
    let mut first = stage1(&pairs);
    // Which sources share their mistakes is read off which value each item
    // settles on, which is plain long before the accuracies stop moving in
    // their sixth decimal: the first run pauses early to look.
    let rough = options.tolerance.max(ROUGH_TOLERANCE);
    first.until(rough);
    // Stage 1 again, when its outcome shows sources copying each other's
    // mistakes that agreement alone did not reveal; else the first run
    // carries on where it paused. Stage 2 needs only a rough stage 1: it
    // starts from it, and its priors weigh as one claim each against a
    // unit's hundreds or thousands.
    let stage1_tolerance = if units.refine {
        rough
    } else {
        options.tolerance
    };
    let more = mirrors.with_shared_errors(
        groups,
        units.source,
        n_sources,
        (&flat.group, &first.probability()),
        options,
    );
    let (mut probability, source_acc) = match more {
        Some(more) => {
            drop(first);
            mirrors = more;
            let mut again =
                stage1(rerun_pairs.insert(MirrorPairs::new(groups, units.source, &mirrors)));
            again.until(stage1_tolerance);
            again.finish()
        }
        None => {
            first.until(stage1_tolerance);
            first.finish()
        }
    };
    let accuracy = if units.refine {
        // Stage 2: one accuracy per unit, at its source's.
        let identity: Vec<u32> = (0..units.source.len() as u32).collect();
        let prior: Vec<f64> = units
            .source
            .iter()
            .map(|&s| source_acc[s as usize])
            .collect();
        let pairs = rerun_pairs.as_ref().unwrap_or(&pairs);
        let mut stage2 = Rounds::new(&flat, &identity, &prior, prior.clone(), pairs, options);
        stage2.until(options.tolerance);
        let (p, acc) = stage2.finish();
        probability = p;
        acc
    } else {
        units
            .source
            .iter()
            .map(|&s| source_acc[s as usize])
            .collect()
    };
    let probability = flat.per_group(&probability);
    Estimate {
        probability,
        accuracy,
        mirrors: mirrors.pairs(),
    }
}

/// Iterates votes and accuracies to a fixed point, in rounds that can be
/// paused at one tolerance and carried on to a finer one exactly as if they
/// had never stopped. `slot[u]` is where unit `u`'s accuracy lives.
///
/// Each round works out each *kind* of group once (see [`Kinds`]) and then
/// adds up the credit of every kind as often as it has groups: groups of
/// one kind agree to the bit in every round, so only the work is shared.
struct Rounds<'a> {
    flat: &'a Flat,
    prior: &'a [f64],
    mirrors: &'a MirrorPairs,
    options: &'a TruthOptions,
    /// Each slot's accuracy after the last round.
    accuracy: Vec<f64>,
    holder_slot: Vec<u32>,
    /// Each slot's claims on items it does not speak to alone, and of them
    /// on contested items.
    count: Vec<f64>,
    count_c: Vec<f64>,
    patterns: Patterns,
    kinds: Kinds,
    threads: usize,
    /// Per kind, its candidates' probabilities this round and the round
    /// before, and the credit each of its candidates' holders earns.
    prob: Vec<f64>,
    last: Vec<f64>,
    earns: Vec<f64>,
    /// Each slot's credit in the round before, for the leave-one-out votes;
    /// none before the first round.
    earned: Option<Vec<f64>>,
    earned_c: Vec<f64>,
    /// The voters of the last round that listed them, and the order of the
    /// accuracies they were listed for.
    voters: Voters,
    voters_order: Option<Vec<bool>>,
    /// Rounds run, and how far the last one moved an accuracy.
    done: usize,
    moved: f64,
}

impl<'a> Rounds<'a> {
    fn new(
        flat: &'a Flat,
        slot: &[u32],
        prior: &'a [f64],
        accuracy: Vec<f64>,
        mirrors: &'a MirrorPairs,
        options: &'a TruthOptions,
    ) -> Self {
        let slots = prior.len();
        let holder_slot: Vec<u32> = flat.unit.iter().map(|&u| slot[u as usize]).collect();
        // Each holder of each candidate of an item it does not speak to
        // alone counts one claim for its slot, and one on contested items
        // (more than one candidate) for those, the same in every round;
        // sums of ones are exact in any order.
        let mut count = vec![0.0f64; slots];
        let mut count_c = vec![0.0f64; slots];
        for gi in 0..flat.groups() {
            if !flat.alone(gi) {
                let contested = flat.contested(gi);
                let holders = flat.holder[flat.group[gi]]..flat.holder[flat.group[gi + 1]];
                for &s in &holder_slot[holders] {
                    count[s as usize] += 1.0;
                    if contested {
                        count_c[s as usize] += 1.0;
                    }
                }
            }
        }
        let patterns = Patterns::new(flat, &holder_slot, mirrors);
        let kinds = Kinds::new(flat, &patterns);
        let threads = cores().min(kinds.chunks.len());
        let per_kind = kinds.candidates();
        Rounds {
            flat,
            prior,
            mirrors,
            options,
            accuracy,
            holder_slot,
            count,
            count_c,
            patterns,
            kinds,
            threads,
            prob: vec![0.0; per_kind],
            last: vec![0.0; per_kind],
            earns: vec![0.0; per_kind],
            earned: None,
            earned_c: vec![0.0; slots],
            voters: Voters::default(),
            voters_order: None,
            done: 0,
            moved: f64::INFINITY,
        }
    }

    /// Runs rounds until one moves no accuracy by more than `tolerance`,
    /// or the options' rounds are spent.
    fn until(&mut self, tolerance: f64) {
        // A round that moved an accuracy by no number (NaN) settles nothing.
        let settled = |moved: f64| moved <= tolerance;
        while self.done < self.options.iterations.max(1) && !settled(self.moved) {
            self.moved = self.round();
            self.done += 1;
        }
    }

    /// Each candidate's probability after the last round, candidates
    /// numbered across all groups in order.
    fn probability(&self) -> Vec<f64> {
        let mut probability: Vec<f64> = Vec::with_capacity(self.flat.candidates());
        for &kind in &self.kinds.of {
            let kind = kind as usize;
            probability.extend_from_slice(&self.prob[self.kinds.at[kind]..self.kinds.at[kind + 1]]);
        }
        probability
    }

    /// The candidates' probabilities and the slots' accuracies.
    fn finish(self) -> (Vec<f64>, Vec<f64>) {
        (self.probability(), self.accuracy)
    }

    /// One round; returns how far it moved an accuracy.
    fn round(&mut self) -> f64 {
        let (flat, options, mirrors, prior) = (self.flat, self.options, self.mirrors, self.prior);
        let slots = prior.len();
        let n = options.false_values.max(1.0);
        let discount = options.copy_discount.clamp(0.0, 1.0);
        let contested_weight = options.contested_weight.max(0.0);
        let weight: Vec<f64> = self.accuracy.iter().map(|&a| log_odds(a, n)).collect();
        // Votes from whole records serve every group in the first round;
        // after it, only items spoken to alone, voted on one by one.
        let votes = if self.earned.is_none() {
            self.patterns.votes(
                flat,
                &self.holder_slot,
                mirrors,
                &self.accuracy,
                &weight,
                discount,
            )
        } else {
            // Voters read the accuracies only to compare two mirrors';
            // when each comparison comes out as before, so do they.
            let order = self.patterns.comparisons(&self.accuracy);
            if self.voters_order.as_ref() != Some(&order) {
                self.voters = self.patterns.voters(
                    flat,
                    mirrors,
                    &self.accuracy,
                    discount,
                    &self.holder_slot,
                    !n.is_finite(),
                );
                self.voters_order = Some(order);
            }
            Vec::new()
        };
        // Per slot, what its leave-one-out accuracy is worked out from,
        // and that accuracy with one whole credit taken out, the most
        // common case (a value the item is sure of).
        let record: Vec<Record> = self.earned.as_deref().map_or_else(Vec::new, |earned| {
            let w = options.prior_weight.max(0.0);
            (0..slots)
                .map(|s| Record {
                    earned: earned[s],
                    prior_weight: w * prior[s],
                    denominator: (self.count[s] - 1.0).max(0.0) + w,
                    prior: prior[s],
                    earned_contested: self.earned_c[s],
                    contested: (self.count_c[s] - 1.0).max(0.0),
                    contested_weight,
                })
                .collect()
        });
        let sure: Vec<f64> = record.iter().map(|r| r.accuracy_without(1.0)).collect();
        let sure_contested: Vec<f64> = record
            .iter()
            .map(|r| r.contested_accuracy_without(1.0))
            .collect();
        std::mem::swap(&mut self.prob, &mut self.last);
        let ctx = RoundCtx {
            flat,
            patterns: &self.patterns,
            kinds: &self.kinds,
            votes: &votes,
            weight: &weight,
            voters: &self.voters,
            vote: Vote {
                flat,
                holder_slot: &self.holder_slot,
                mirrors,
                accuracy: &self.accuracy,
                discount,
            },
            options,
            slots,
            record: &record,
            sure: &sure,
            sure_contested: &sure_contested,
            earned: self.earned.is_some(),
            last: &self.last,
        };
        // Each kind is worked out on its own, so how the kinds are shared
        // out among threads cannot change a bit.
        let kinds = &self.kinds;
        let mut jobs = Vec::with_capacity(kinds.chunks.len());
        let (mut rest_p, mut rest_e) = (&mut self.prob[..], &mut self.earns[..]);
        for &(k0, k1) in &kinds.chunks {
            let len = kinds.at[k1] - kinds.at[k0];
            let (p, tail_p) = rest_p.split_at_mut(len);
            let (e, tail_e) = rest_e.split_at_mut(len);
            jobs.push((k0, k1, p, e));
            (rest_p, rest_e) = (tail_p, tail_e);
        }
        run_jobs(self.threads, jobs, true, |(k0, k1, p, e)| {
            ctx.kinds(k0, k1, p, e)
        });
        let (credit, credit_c) = ctx.credit(&self.earns);
        self.earned_c = credit_c;
        let mut moved = 0.0f64;
        let w = options.prior_weight;
        for s in 0..slots {
            let a = posterior(credit[s], self.count[s], prior[s], w);
            moved = moved.max((a - self.accuracy[s]).abs());
            self.accuracy[s] = a;
        }
        self.earned = Some(credit);
        moved
    }
}

/// The groups laid out flat, built once per estimation: a round then
/// streams through a few arrays instead of chasing a vector per group and
/// per candidate. Candidates are numbered across all groups in order.
struct Flat {
    /// Group `g`'s candidates are `group[g]..group[g + 1]`.
    group: Vec<usize>,
    /// Group `g`'s similarities are `similarity[sim[g]..sim[g + 1]]`.
    sim: Vec<usize>,
    similarity: Vec<f64>,
    /// Candidate `c`'s holders are `unit[holder[c]..holder[c + 1]]`.
    holder: Vec<usize>,
    unit: Vec<u32>,
    /// Candidate `c`'s strengths are `strength[strength_at[c]..strength_at[c + 1]]`.
    strength_at: Vec<usize>,
    strength: Vec<f64>,
}

impl Flat {
    fn new(groups: &[Group]) -> Self {
        let n_cands: usize = groups.iter().map(|g| g.candidates.len()).sum();
        let n_holders: usize = groups
            .iter()
            .flat_map(|g| &g.candidates)
            .map(|c| c.holders.len())
            .sum();
        let mut f = Flat {
            group: Vec::with_capacity(groups.len() + 1),
            sim: Vec::with_capacity(groups.len() + 1),
            similarity: Vec::new(),
            holder: Vec::with_capacity(n_cands + 1),
            unit: Vec::with_capacity(n_holders),
            strength_at: Vec::with_capacity(n_cands + 1),
            strength: Vec::new(),
        };
        f.group.push(0);
        f.sim.push(0);
        f.holder.push(0);
        f.strength_at.push(0);
        for g in groups {
            for c in &g.candidates {
                f.unit.extend_from_slice(&c.holders);
                f.holder.push(f.unit.len());
                f.strength.extend_from_slice(&c.strength);
                f.strength_at.push(f.strength.len());
            }
            f.group.push(f.holder.len() - 1);
            f.similarity.extend_from_slice(&g.similarity);
            f.sim.push(f.similarity.len());
        }
        f
    }

    fn groups(&self) -> usize {
        self.group.len() - 1
    }

    /// Whether group `g` is an item one holder speaks to alone.
    fn alone(&self, g: usize) -> bool {
        let (first, end) = (self.group[g], self.group[g + 1]);
        end - first == 1 && self.holder[end] - self.holder[first] == 1
    }

    /// Whether group `g` is contested: its sources give more than one value.
    fn contested(&self, g: usize) -> bool {
        self.group[g + 1] - self.group[g] > 1
    }

    fn candidates(&self) -> usize {
        self.holder.len() - 1
    }

    /// Per group, its candidates' probabilities, from `flat` numbered across groups.
    fn per_group(&self, flat: &[f64]) -> Vec<Vec<f64>> {
        self.group
            .windows(2)
            .map(|w| flat[w[0]..w[1]].to_vec())
            .collect()
    }
}

/// How many chunks the rounds cut the kinds into, on any machine.
const ROUND_CHUNKS: usize = 16;

/// The candidates by *pattern*: their holders' slots, mirror pairs and
/// strengths, which settle a candidate's vote in a round but for the
/// leave-one-out weights. A hundred thousand candidates share some ten
/// thousand patterns, so the first round works out each pattern's vote
/// once, and later rounds each pattern's mirrors' shares, in the very
/// arithmetic of working them out per candidate.
struct Patterns {
    /// Per candidate, its pattern.
    of: Vec<u32>,
    /// Per pattern, its first candidate.
    first: Vec<usize>,
    /// Pattern `p`'s holders are `at[p]..at[p + 1]` in per-pattern-holder
    /// arrays.
    at: Vec<usize>,
    /// The pairs of slots whose accuracies [`Patterns::voters`] compares,
    /// once each.
    compared: Vec<(u32, u32)>,
    /// Per pattern holder, its slot: what a candidate's holders' slots are,
    /// in a few hundred kilobytes rather than megabytes.
    slots: Vec<u32>,
}

impl Patterns {
    fn new(flat: &Flat, holder_slot: &[u32], mirrors: &MirrorPairs) -> Self {
        // Hedged candidates are few: each is a pattern of its own. The
        // others are keyed by their holders' slots alone: a slot belongs to
        // one source, so its holders' slots settle which of them mirror
        // each other.
        let (of, first) = first_seen(flat.candidates(), |c| {
            (flat.strength_at[c] == flat.strength_at[c + 1])
                .then(|| &holder_slot[flat.holder[c]..flat.holder[c + 1]])
        });
        debug_assert!(
            (0..flat.candidates()).all(|c| mirrors.of(c) == mirrors.of(first[of[c] as usize])),
            "candidates of one pattern with different mirrors"
        );
        let mut p = Patterns {
            of,
            first,
            at: vec![0],
            compared: Vec::new(),
            slots: Vec::new(),
        };
        for &c in &p.first {
            let held = &holder_slot[flat.holder[c]..flat.holder[c + 1]];
            p.at.push(p.at[p.at.len() - 1] + held.len());
            p.slots.extend_from_slice(held);
            if flat.strength_at[c] == flat.strength_at[c + 1] {
                p.compared.extend(
                    mirrors
                        .of(c)
                        .iter()
                        .map(|&(i, j)| (held[i as usize], held[j as usize])),
                );
            }
        }
        p.compared.sort_unstable();
        p.compared.dedup();
        p
    }

    /// What [`Patterns::voters`] asks of `accuracy`, in the very comparison
    /// it makes: rounds that answer alike have the same voters.
    fn comparisons(&self, accuracy: &[f64]) -> Vec<bool> {
        self.compared
            .iter()
            .map(|&(a, b)| accuracy[a as usize] >= accuracy[b as usize])
            .collect()
    }

    /// Per pattern, the holders that keep some of their vote as mirrors
    /// under this round's accuracies (see [`Vote::of`]), with the share
    /// each keeps: the same for every candidate of the pattern whatever the
    /// holders' weights, so worked out once a round. A holder whose
    /// mirrors take its whole vote would add a zero (a finite weight times
    /// 0) to a sum, which changes no sum but a zero's sign, and no
    /// probability depends on that sign: it is left out, and so is its
    /// logarithm, unless `keep_zero` (weights may be infinite). Only
    /// patterns with mirrors and no hedges have voters here.
    fn voters(
        &self,
        flat: &Flat,
        mirrors: &MirrorPairs,
        accuracy: &[f64],
        discount: f64,
        holder_slot: &[u32],
        keep_zero: bool,
    ) -> Voters {
        let mut v = Voters {
            at: Vec::with_capacity(self.first.len() + 1),
            slot: Vec::with_capacity(self.at[self.at.len() - 1]),
            share: Vec::with_capacity(self.at[self.at.len() - 1]),
        };
        v.at.push(0);
        let mut independent: Vec<f64> = Vec::new();
        for &c in &self.first {
            let held = &holder_slot[flat.holder[c]..flat.holder[c + 1]];
            let pairs = mirrors.of(c);
            if flat.strength_at[c] != flat.strength_at[c + 1] || pairs.is_empty() {
                // Hedged: voted on in full by `Vote::of`; no mirrors: every
                // holder votes in full.
            } else {
                independent.clear();
                independent.resize(held.len(), 1.0);
                let acc = |i: usize| accuracy[held[i] as usize];
                for &(i, j) in pairs {
                    let (i, j) = (i as usize, j as usize);
                    let lower = if acc(i) >= acc(j) { j } else { i };
                    independent[lower] *= 1.0 - discount;
                }
                for (&s, &d) in held.iter().zip(&independent) {
                    if d != 0.0 || keep_zero {
                        v.slot.push(s);
                        v.share.push(d);
                    }
                }
            }
            v.at.push(v.slot.len());
        }
        v
    }

    /// Each pattern's vote for this round's accuracies and weights.
    fn votes(
        &self,
        flat: &Flat,
        holder_slot: &[u32],
        mirrors: &MirrorPairs,
        accuracy: &[f64],
        weight: &[f64],
        discount: f64,
    ) -> Vec<f64> {
        let mut independent: Vec<f64> = Vec::new();
        self.first
            .iter()
            .map(|&c| {
                let weight = |s: u32| weight[s as usize];
                let vote = Vote {
                    flat,
                    holder_slot,
                    mirrors,
                    accuracy,
                    discount,
                };
                vote.of(c, weight, &mut independent)
            })
            .collect()
    }
}

/// What a candidate's vote is worked out from, bar the holders' weights.
struct Vote<'a> {
    flat: &'a Flat,
    holder_slot: &'a [u32],
    mirrors: &'a MirrorPairs,
    accuracy: &'a [f64],
    discount: f64,
}

impl Vote<'_> {
    /// Candidate `c`'s vote with its holders weighed by `weight` (of their
    /// slots). `independent` is scratch space.
    fn of(&self, c: usize, weight: impl Fn(u32) -> f64, independent: &mut Vec<f64>) -> f64 {
        let f = self.flat;
        let held = &self.holder_slot[f.holder[c]..f.holder[c + 1]];
        let strength = &f.strength[f.strength_at[c]..f.strength_at[c + 1]];
        let pairs = self.mirrors.of(c);
        if strength.is_empty() && pairs.is_empty() {
            // A full, independent vote is its weight times one, times one.
            return held.iter().map(|&s| weight(s)).sum();
        }
        let strength = |i: usize| strength.get(i).copied().unwrap_or(1.0);
        let acc = |i: usize| self.accuracy[held[i] as usize];
        independent.clear();
        independent.resize(held.len(), 1.0);
        // AccuCopy's independence weighting: of two mirrors holding the
        // same value, the less trusted (ties: the later unit) keeps only
        // 1 − discount of its vote.
        for &(i, j) in pairs {
            let (i, j) = (i as usize, j as usize);
            let lower = if acc(i) >= acc(j) { j } else { i };
            independent[lower] *= 1.0 - self.discount;
        }
        (0..held.len())
            .map(|i| weight(held[i]) * strength(i) * independent[i])
            .sum()
    }
}

/// The groups by *kind*: their candidates' patterns and their similarities,
/// which settle a group's probabilities in every round. Two groups of one
/// kind start at the same (no) probabilities and take the same steps from
/// the same inputs, so they agree to the bit in every round, the
/// leave-one-out votes included (they read only the group's own last
/// probabilities and each slot's record): a round works out each kind once.
struct Kinds {
    /// Per group, its kind.
    of: Vec<u32>,
    /// Per kind, its first group.
    first: Vec<usize>,
    /// Per kind, how many groups are of it.
    groups: Vec<u32>,
    /// Kind `k`'s candidates are `at[k]..at[k + 1]` in the per-kind arrays.
    at: Vec<usize>,
    /// A fixed split of the kinds, `(first kind, end kind)`, with about as
    /// many holders in each.
    chunks: Vec<(usize, usize)>,
}

/// Similarities compared and hashed by their bits.
struct Bits<'a>(&'a [f64]);

impl PartialEq for Bits<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(other.0)
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

impl Eq for Bits<'_> {}

impl std::hash::Hash for Bits<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.0.len());
        for x in self.0 {
            state.write_u64(x.to_bits());
        }
    }
}

impl Kinds {
    fn new(flat: &Flat, patterns: &Patterns) -> Self {
        let (of, first) = first_seen(flat.groups(), |gi| {
            Some((
                &patterns.of[flat.group[gi]..flat.group[gi + 1]],
                Bits(&flat.similarity[flat.sim[gi]..flat.sim[gi + 1]]),
            ))
        });
        let mut groups = vec![0u32; first.len()];
        for &kind in &of {
            groups[kind as usize] += 1;
        }
        let mut kinds = Kinds {
            of,
            at: Vec::with_capacity(first.len() + 1),
            first,
            groups,
            chunks: Vec::new(),
        };
        kinds.at.push(0);
        for &gi in &kinds.first {
            let k = flat.group[gi + 1] - flat.group[gi];
            kinds.at.push(kinds.at[kinds.at.len() - 1] + k);
        }
        let holders = |k: usize| {
            let gi = kinds.first[k];
            flat.holder[flat.group[gi + 1]] - flat.holder[flat.group[gi]]
        };
        let total: usize = (0..kinds.first.len()).map(holders).sum();
        let per = total.div_ceil(ROUND_CHUNKS).max(1);
        let (mut k0, mut in_chunk) = (0, 0);
        for k in 0..kinds.first.len() {
            in_chunk += holders(k);
            if in_chunk >= per {
                kinds.chunks.push((k0, k + 1));
                k0 = k + 1;
                in_chunk = 0;
            }
        }
        if k0 < kinds.first.len() || kinds.chunks.is_empty() {
            kinds.chunks.push((k0, kinds.first.len()));
        }
        kinds
    }

    fn candidates(&self) -> usize {
        self.at[self.at.len() - 1]
    }
}

/// Per pattern `p`, the slots of the holders whose votes count and the
/// share each keeps, `at[p]..at[p + 1]`.
#[derive(Default)]
struct Voters {
    at: Vec<usize>,
    slot: Vec<u32>,
    share: Vec<f64>,
}

/// What every chunk of kinds or groups in a round reads.
struct RoundCtx<'a> {
    flat: &'a Flat,
    patterns: &'a Patterns,
    kinds: &'a Kinds,
    /// This round's vote of each pattern, with every holder's weight from
    /// its whole record; first round only.
    votes: &'a [f64],
    /// Each slot's weight from its whole record.
    weight: &'a [f64],
    /// Per pattern holder, the share of its vote it keeps as a mirror;
    /// after the first round only.
    voters: &'a Voters,
    vote: Vote<'a>,
    options: &'a TruthOptions,
    slots: usize,
    /// Each slot's record in the round before, for the leave-one-out
    /// votes, and its accuracy without one whole credit.
    record: &'a [Record],
    sure: &'a [f64],
    /// The same for a contested item.
    sure_contested: &'a [f64],
    /// Whether there was a round before.
    earned: bool,
    /// Per kind, its candidates' probabilities in the round before.
    last: &'a [f64],
}

impl RoundCtx<'_> {
    /// One round over kinds `k0..k1`: their candidates' probabilities, and
    /// the credit each holder of each candidate earns, from `at[k0]` on.
    fn kinds(&self, k0: usize, k1: usize, probability: &mut [f64], earns: &mut [f64]) {
        let f = self.flat;
        let n = self.options.false_values.max(1.0);
        let rho = self.options.similarity_weight;
        let mut votes: Vec<f64> = Vec::new();
        let mut independent: Vec<f64> = Vec::new();
        let base = self.kinds.at[k0];
        for kind in k0..k1 {
            let gi = self.kinds.first[kind];
            let (first, end) = (f.group[gi], f.group[gi + 1]);
            let k = end - first;
            let similarity = &f.similarity[f.sim[gi]..f.sim[gi + 1]];
            let at = self.kinds.at[kind];
            let last = &self.last[at..at + k];
            let probs = &mut probability[at - base..at - base + k];
            let alone = f.alone(gi);
            votes.clear();
            match self.earned {
                true if !alone => {
                    for i in 0..k {
                        // What this item credited each holder last round,
                        // to take out of its record for the vote here.
                        let own = credit_of(similarity, k, i, last);
                        let sure = own.to_bits() == 1.0f64.to_bits();
                        let accuracy = |s: u32| {
                            let s = s as usize;
                            match (f.contested(gi), sure) {
                                (false, true) => self.sure[s],
                                (false, false) => self.record[s].accuracy_without(own),
                                (true, true) => self.sure_contested[s],
                                (true, false) => self.record[s].contested_accuracy_without(own),
                            }
                        };
                        let c = first + i;
                        if f.strength_at[c] != f.strength_at[c + 1] {
                            let weight = |s: u32| log_odds(accuracy(s), n);
                            votes.push(self.vote.of(c, weight, &mut independent));
                            continue;
                        }
                        // As `Vote::of` weighs it, bar holders whose vote
                        // their mirrors take entirely (see `Patterns::voters`).
                        let p = self.patterns.of[c] as usize;
                        let mut whole = LogOddsSum::new();
                        if self.vote.mirrors.of(c).is_empty() {
                            let held =
                                &self.patterns.slots[self.patterns.at[p]..self.patterns.at[p + 1]];
                            for &s in held {
                                whole.add(accuracy(s));
                            }
                            votes.push(whole.total(n));
                            continue;
                        }
                        let (a, b) = (self.voters.at[p], self.voters.at[p + 1]);
                        let mut shared = 0.0;
                        for (&s, &d) in self.voters.slot[a..b].iter().zip(&self.voters.share[a..b])
                        {
                            if d == 1.0 {
                                whole.add(accuracy(s));
                            } else {
                                shared += log_odds(accuracy(s), n) * d;
                            }
                        }
                        votes.push(whole.total(n) + shared);
                    }
                }
                false => {
                    votes.extend((first..end).map(|ci| self.votes[self.patterns.of[ci] as usize]))
                }
                true => {
                    // Alone: a whole record's vote, which earns nothing.
                    let weight = |s: u32| self.weight[s as usize];
                    votes.push(self.vote.of(first, weight, &mut independent));
                }
            }
            // C*(v) = C(v) + ρ Σ sim(v, v')·C(v')
            for (i, p) in probs.iter_mut().enumerate() {
                let row = &similarity[i * k..(i + 1) * k];
                let lent: f64 = (0..k).filter(|&j| j != i).map(|j| row[j] * votes[j]).sum();
                *p = votes[i] + rho * lent;
            }
            // Softmax over the observed values plus the unseen false values
            // (each with vote 0), shifted by the maximum so nothing overflows.
            let m = probs.iter().copied().fold(0.0f64, f64::max);
            let unseen = (n + 1.0 - k as f64).max(0.0);
            let mut z = unseen * (-m).exp();
            for p in probs.iter_mut() {
                *p = (*p - m).exp();
                z += *p;
            }
            for p in probs.iter_mut() {
                *p /= z;
            }
            if !alone {
                for i in 0..k {
                    earns[at - base + i] = credit_of(similarity, k, i, probs);
                }
            }
        }
    }

    /// The credit each slot earns this round, and of it on contested
    /// items: each kind's candidates' credit counts once for each of its
    /// groups and goes to the candidate's pattern, and each pattern's to its
    /// holders' slots. A sum over kinds and patterns, not over a million
    /// holders; in kind and pattern order, so on no thread count.
    fn credit(&self, earns: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let (f, p, kinds) = (self.flat, self.patterns, self.kinds);
        let mut by_pattern = vec![0.0f64; p.first.len()];
        let mut by_pattern_c = vec![0.0f64; p.first.len()];
        for (kind, &gi) in kinds.first.iter().enumerate() {
            if f.alone(gi) {
                // An item spoken to alone earns nothing.
                continue;
            }
            let times = f64::from(kinds.groups[kind]);
            let contested = f.contested(gi);
            let at = kinds.at[kind];
            for (i, c) in (f.group[gi]..f.group[gi + 1]).enumerate() {
                let cr = earns[at + i] * times;
                let pattern = p.of[c] as usize;
                by_pattern[pattern] += cr;
                if contested {
                    by_pattern_c[pattern] += cr;
                }
            }
        }
        let mut credit = vec![0.0f64; self.slots];
        let mut credit_c = vec![0.0f64; self.slots];
        for (pattern, (&cr, &cr_c)) in by_pattern.iter().zip(&by_pattern_c).enumerate() {
            for &s in &p.slots[p.at[pattern]..p.at[pattern + 1]] {
                credit[s as usize] += cr;
                credit_c[s as usize] += cr_c;
            }
        }
        (credit, credit_c)
    }
}

/// A slot's record in the round before, as [`posterior`] reads it with one
/// claim left out: worked out once a round, not once a holder.
struct Record {
    earned: f64,
    /// The prior weight times the prior.
    prior_weight: f64,
    /// The claims but one, plus the prior weight.
    denominator: f64,
    prior: f64,
    /// The credit earned on contested items.
    earned_contested: f64,
    /// The claims on contested items but one.
    contested: f64,
    /// [`TruthOptions::contested_weight`].
    contested_weight: f64,
}

impl Record {
    /// The accuracy the slot votes with on an item that credited it `own`
    /// last round: [`posterior`] of the rest of its record, step for step,
    /// within the guards.
    fn accuracy_without(&self, own: f64) -> f64 {
        guarded(self.raw_without(own), self.prior)
    }

    /// The same on a contested item: the rest of its record on contested
    /// items, with `contested_weight` pseudo-items at the accuracy
    /// [`accuracy_without`](Self::accuracy_without) votes with.
    fn contested_accuracy_without(&self, own: f64) -> f64 {
        let overall = self.raw_without(own);
        let denominator = self.contested + self.contested_weight;
        let a = if !self.contested_weight.is_finite() || !overall.is_finite() {
            overall
        } else if denominator > 0.0 {
            ((self.earned_contested - own).max(0.0) + self.contested_weight * overall) / denominator
        } else {
            overall
        };
        guarded(a, self.prior)
    }

    fn raw_without(&self, own: f64) -> f64 {
        if self.denominator > 0.0 {
            ((self.earned - own).max(0.0) + self.prior_weight) / self.denominator
        } else {
            self.prior
        }
    }
}

/// `a` kept within the guards, or `prior` when `a` is not a number.
fn guarded(a: f64, prior: f64) -> f64 {
    if a.is_finite() {
        a.clamp(A_MIN, A_MAX)
    } else {
        prior.clamp(A_MIN, A_MAX)
    }
}

/// `ln(n·a/(1−a))` of a guarded accuracy.
fn log_odds(a: f64, n: f64) -> f64 {
    (n * a / (1.0 - a)).ln()
}

/// A sum of [`log_odds`] taken as one logarithm of a product: a vote adds
/// up several holders' weights, and a logarithm each was most of a round's
/// work. The product is folded into the sum before it could leave the
/// range of a float, so any number of holders is safe.
struct LogOddsSum {
    odds: f64,
    against: f64,
    folded: f64,
    terms: u32,
}

impl LogOddsSum {
    /// Far above the smallest normal float, with room for one more factor
    /// (none is below [`A_MIN`] or `1 − A_MAX`).
    const FOLD_BELOW: f64 = 1e-200;

    fn new() -> Self {
        LogOddsSum {
            odds: 1.0,
            against: 1.0,
            folded: 0.0,
            terms: 0,
        }
    }

    /// Adds the log-odds of a guarded accuracy.
    fn add(&mut self, a: f64) {
        self.odds *= a;
        self.against *= 1.0 - a;
        self.terms += 1;
        if self.odds < Self::FOLD_BELOW || self.against < Self::FOLD_BELOW {
            self.folded += (self.odds / self.against).ln();
            self.odds = 1.0;
            self.against = 1.0;
        }
    }

    /// `Σ ln(n·a/(1−a))` over the accuracies added.
    fn total(&self, n: f64) -> f64 {
        if self.terms == 0 {
            return 0.0;
        }
        f64::from(self.terms) * n.ln() + self.folded + (self.odds / self.against).ln()
    }
}

/// The smoothed accuracy of `credit` earned over `count` claims, with
/// `weight` pseudo-claims at `prior`; the prior itself when there is no
/// evidence and no weight (a source whose every claim stands alone).
fn posterior(credit: f64, count: f64, prior: f64, weight: f64) -> f64 {
    let weight = weight.max(0.0);
    let denominator = count.max(0.0) + weight;
    let a = if denominator > 0.0 {
        (credit.max(0.0) + weight * prior) / denominator
    } else {
        prior
    };
    if a.is_finite() {
        a.clamp(A_MIN, A_MAX)
    } else {
        prior.clamp(A_MIN, A_MAX)
    }
}

/// The credit a holder of candidate `i` of a group of `k` earns: its
/// probability plus the similarity-weighted probability of the others,
/// capped at 1.
fn credit_of(similarity: &[f64], k: usize, i: usize, probs: &[f64]) -> f64 {
    let row = &similarity[i * k..(i + 1) * k];
    let near: f64 = (0..k).filter(|&j| j != i).map(|j| row[j] * probs[j]).sum();
    (probs[i] + near).min(1.0)
}

/// Per candidate (numbered across all groups in order), the pairs of its
/// holders, by index with `i < j`, whose sources mirror each other. Fixed
/// for a whole estimation, so the rounds never search for them.
struct MirrorPairs {
    pairs: Vec<(u32, u32)>,
    /// `ranges[c]..ranges[c + 1]` indexes `pairs` for candidate `c`.
    ranges: Vec<u32>,
}

impl MirrorPairs {
    fn new(groups: &[Group], source: &[u32], mirrors: &Mirrors) -> Self {
        // A stretch of groups: its pairs, and where each candidate's end.
        // The test for two sources is chosen once, not once a pair.
        fn part(
            groups: &[Group],
            source: &[u32],
            mirrored: impl Fn(u32, u32) -> bool,
        ) -> (Vec<(u32, u32)>, Vec<u32>) {
            let mut pairs = Vec::new();
            let mut ends = Vec::new();
            let mut sources: Vec<u32> = Vec::new();
            for c in groups.iter().flat_map(|g| &g.candidates) {
                sources.clear();
                sources.extend(c.holders.iter().map(|&h| source[h as usize]));
                for (i, &a) in sources.iter().enumerate() {
                    for (j, &b) in sources.iter().enumerate().skip(i + 1) {
                        if mirrored(a, b) {
                            pairs.push((i as u32, j as u32));
                        }
                    }
                }
                ends.push(pairs.len() as u32);
            }
            (pairs, ends)
        }
        let part = |groups: &[Group]| match mirrors {
            Mirrors::None => (
                Vec::new(),
                vec![0; groups.iter().map(|g| g.candidates.len()).sum()],
            ),
            Mirrors::Dense { n, bits } => {
                part(groups, source, |a, b| bits[a as usize * n + b as usize])
            }
            Mirrors::Sparse(_) => part(groups, source, |a, b| mirrors.contains(a, b)),
        };
        let ((mut pairs, ends), rest) = in_halves(groups.len(), |r| part(&groups[r]));
        let mut ranges = Vec::with_capacity(1 + ends.len());
        ranges.push(0u32);
        ranges.extend_from_slice(&ends);
        if let Some((more, ends)) = rest {
            let base = pairs.len() as u32;
            pairs.extend_from_slice(&more);
            ranges.extend(ends.iter().map(|&e| base + e));
        }
        MirrorPairs { pairs, ranges }
    }

    fn of(&self, candidate: usize) -> &[(u32, u32)] {
        &self.pairs[self.ranges[candidate] as usize..self.ranges[candidate + 1] as usize]
    }
}

/// Which pairs of sources mirror each other.
///
/// Decided from agreement alone, before any truth is estimated: sources
/// that copy one another agree far more often than independent sources of
/// any accuracy do, and judging copying against an estimated truth lets an
/// early wrong majority brand the honest sources as copiers.
enum Mirrors {
    None,
    Dense { n: usize, bits: Vec<bool> },
    Sparse(std::collections::BTreeSet<(u32, u32)>),
}

impl Mirrors {
    fn detect(groups: &[Group], source: &[u32], n: usize, options: &TruthOptions) -> Mirrors {
        if options.copy_discount <= 0.0 || n < 2 {
            return Mirrors::None;
        }
        let dense = n <= 1024;
        // Per group, each source's value: the first candidate it holds.
        // Counts are whole numbers, so parts of the groups are counted on
        // all cores and added up.
        let count = |groups: &[Group]| {
            let mut held: Vec<(u32, u32)> = Vec::new();
            let mut shared_d = if dense { vec![0u32; n * n] } else { Vec::new() };
            let mut same_d = if dense { vec![0u32; n * n] } else { Vec::new() };
            let mut counts: crate::intern::FxHashMap<(u32, u32), (u32, u32)> = Default::default();
            for g in groups {
                held_by_source(g, source, &mut held);
                // One item is one observation per pair; an item that hundreds of
                // sources speak to would cost quadratic work for little evidence.
                if held.len() > MIRROR_MAX_GROUP {
                    continue;
                }
                for i in 0..held.len() {
                    for j in (i + 1)..held.len() {
                        let (a, b) = (held[i].0, held[j].0);
                        let same = u32::from(held[i].1 == held[j].1);
                        if dense {
                            let idx = a as usize * n + b as usize;
                            shared_d[idx] += 1;
                            same_d[idx] += same;
                        } else {
                            let e = counts.entry((a, b)).or_default();
                            e.0 += 1;
                            e.1 += same;
                        }
                    }
                }
            }
            (shared_d, same_d, counts)
        };
        let (shared_d, same_d, counts) = match in_halves(groups.len(), |r| count(&groups[r])) {
            (a, None) => a,
            (mut a, Some(b)) => {
                for (x, y) in a.0.iter_mut().zip(&b.0) {
                    *x += y;
                }
                for (x, y) in a.1.iter_mut().zip(&b.1) {
                    *x += y;
                }
                for (k, (sh, sa)) in b.2 {
                    let e = a.2.entry(k).or_default();
                    e.0 += sh;
                    e.1 += sa;
                }
                a
            }
        };
        let is_mirror = |shared: u32, same: u32| {
            shared as usize >= options.mirror_min_overlap.max(1)
                && f64::from(same) >= options.mirror_agreement * f64::from(shared)
        };
        if dense {
            let mut bits = vec![false; n * n];
            let mut any = false;
            for a in 0..n {
                for b in (a + 1)..n {
                    let idx = a * n + b;
                    if is_mirror(shared_d[idx], same_d[idx]) {
                        bits[idx] = true;
                        bits[b * n + a] = true;
                        any = true;
                    }
                }
            }
            if any {
                Mirrors::Dense { n, bits }
            } else {
                Mirrors::None
            }
        } else {
            let set: std::collections::BTreeSet<(u32, u32)> = counts
                .into_iter()
                .filter(|&(_, (shared, same))| is_mirror(shared, same))
                .map(|(p, _)| p)
                .collect();
            if set.is_empty() {
                Mirrors::None
            } else {
                Mirrors::Sparse(set)
            }
        }
    }

    /// These mirrors plus the pairs of sources that share most of their
    /// errors by `probability` (a value below one half is an error; group
    /// `g`'s candidates are `probability[at[g]..at[g + 1]]`), or `None`
    /// when that adds no pair.
    fn with_shared_errors(
        &self,
        groups: &[Group],
        source: &[u32],
        n: usize,
        (at, probability): (&[usize], &[f64]),
        options: &TruthOptions,
    ) -> Option<Mirrors> {
        if matches!(self, Mirrors::Sparse(_)) {
            return None;
        }
        let share = options.shared_errors;
        if options.copy_discount <= 0.0
            || !(share > 0.0 && share <= 1.0)
            || !(2..=1024).contains(&n)
        {
            return None;
        }
        // Per pair: items where either is wrong, and where both hold the
        // same wrong value. Counts are whole numbers, so parts of the groups
        // are counted on two cores and added up.
        let count = |g0: usize, g1: usize| {
            let mut either = vec![0u32; n * n];
            let mut shared = vec![0u32; n * n];
            let mut held: Vec<(u32, u32)> = Vec::new();
            let mut wrong: Vec<bool> = Vec::new();
            for (gi, g) in groups.iter().enumerate().take(g1).skip(g0) {
                let probs = &probability[at[gi]..at[gi + 1]];
                // An item no one is wrong on adds nothing.
                if probs.iter().all(|&p| p >= 0.5) {
                    continue;
                }
                held_by_source(g, source, &mut held);
                if held.len() > MIRROR_MAX_GROUP {
                    continue;
                }
                wrong.clear();
                wrong.extend(
                    held.iter()
                        .map(|h| probs.get(h.1 as usize).is_some_and(|&p| p < 0.5)),
                );
                // Only pairs with an error between them count, and errors are
                // few: each wrong source is paired with every other, a pair of
                // two wrong ones once, at the first. Counts are whole, so the
                // order they are added in does not matter.
                for i in 0..held.len() {
                    if !wrong[i] {
                        continue;
                    }
                    for j in 0..held.len() {
                        if j == i || (j < i && wrong[j]) {
                            continue;
                        }
                        let (a, b) = (held[i.min(j)].0, held[i.max(j)].0);
                        let idx = a as usize * n + b as usize;
                        either[idx] += 1;
                        shared[idx] += u32::from(wrong[j] && held[i].1 == held[j].1);
                    }
                }
            }
            (either, shared)
        };
        let (either, shared) = match in_halves(groups.len(), |r| count(r.start, r.end)) {
            (a, None) => a,
            (mut a, Some(b)) => {
                for (x, y) in a.0.iter_mut().zip(&b.0) {
                    *x += y;
                }
                for (x, y) in a.1.iter_mut().zip(&b.1) {
                    *x += y;
                }
                a
            }
        };
        let mut bits = vec![false; n * n];
        let mut added = false;
        for a in 0..n {
            for b in (a + 1)..n {
                let idx = a * n + b;
                let copies = either[idx] >= SHARED_ERRORS_MIN_ITEMS
                    && f64::from(shared[idx]) >= share * f64::from(either[idx]);
                let known = self.contains(a as u32, b as u32);
                if copies || known {
                    bits[idx] = true;
                    bits[b * n + a] = true;
                    added |= !known;
                }
            }
        }
        added.then_some(Mirrors::Dense { n, bits })
    }

    fn contains(&self, a: u32, b: u32) -> bool {
        match self {
            Mirrors::None => false,
            Mirrors::Dense { n, bits } => bits[a as usize * n + b as usize],
            Mirrors::Sparse(set) => set.contains(&(a.min(b), a.max(b))),
        }
    }

    fn pairs(&self) -> Vec<(u32, u32)> {
        match self {
            Mirrors::None => Vec::new(),
            Mirrors::Dense { n, bits } => (0..*n)
                .flat_map(|a| ((a + 1)..*n).map(move |b| (a, b)))
                .filter(|&(a, b)| bits[a * n + b])
                .map(|(a, b)| (a as u32, b as u32))
                .collect(),
            Mirrors::Sparse(set) => set.iter().copied().collect(),
        }
    }
}

/// A confidence from a probability, as a [`Score`].
pub(crate) fn confidence(p: f64) -> Score {
    Score::new(p)
}

/// Runs `f` over `0..n`: in two halves on two cores, the first half's
/// result first, when there are two cores and enough work to pay for a
/// thread; else whole, with `None` for the second.
fn in_halves<R: Send>(n: usize, f: impl Fn(std::ops::Range<usize>) -> R + Sync) -> (R, Option<R>) {
    if cores() < 2 || n < 4096 {
        return (f(0..n), None);
    }
    let half = n / 2;
    let (first, second) = join(|| f(0..half), || f(half..n));
    (first, Some(second))
}

/// Numbers the distinct keys of items `0..n` in order of first appearance,
/// each item without a key a number of its own: per item its number, and
/// per number its first item. Two halves are numbered on two cores, then
/// the second's first items are looked up among the first's keys, which
/// gives the numbers of one pass.
fn first_seen<K: std::hash::Hash + Eq + Send>(
    n: usize,
    key: impl Fn(usize) -> Option<K> + Sync,
) -> (Vec<u32>, Vec<usize>) {
    let number = |r: std::ops::Range<usize>| {
        let keep = r.start == 0;
        let mut seen: crate::intern::FxHashMap<K, u32> = Default::default();
        let mut of = Vec::with_capacity(r.len());
        let mut first = Vec::new();
        for i in r {
            let mut fresh = || {
                first.push(i);
                (first.len() - 1) as u32
            };
            of.push(match key(i) {
                Some(k) => *seen.entry(k).or_insert_with(fresh),
                None => fresh(),
            });
        }
        (of, first, keep.then_some(seen))
    };
    match in_halves(n, number) {
        ((of, first, _), None) => (of, first),
        ((mut of, mut first, seen), Some((rest, rest_first, _))) => {
            let seen = seen.unwrap_or_default();
            let number: Vec<u32> = rest_first
                .iter()
                .map(|&i| match key(i).and_then(|k| seen.get(&k).copied()) {
                    Some(id) => id,
                    None => {
                        first.push(i);
                        (first.len() - 1) as u32
                    }
                })
                .collect();
            of.extend(rest.iter().map(|&l| number[l as usize]));
            (of, first)
        }
    }
}

/// Per source speaking to item `g`, the first candidate it holds, sorted by
/// source: one observation per source and item, however many rows it gave.
fn held_by_source(g: &Group, source: &[u32], held: &mut Vec<(u32, u32)>) {
    held.clear();
    for (ci, c) in g.candidates.iter().enumerate() {
        for &u in &c.holders {
            held.push((source[u as usize], ci as u32));
        }
    }
    held.sort_unstable();
    held.dedup_by_key(|h| h.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(groups: &[Group], n: usize) -> Estimate {
        run_with(groups, n, &TruthOptions::default())
    }

    /// Units `0..n`, each a source of its own at prior 0.8.
    fn run_with(groups: &[Group], n: usize, options: &TruthOptions) -> Estimate {
        let source: Vec<u32> = (0..n as u32).collect();
        let prior = vec![0.8; n];
        let units = Units {
            source: &source,
            source_prior: &prior,
            refine: false,
        };
        estimate(groups, &units, options)
    }

    fn group(holders: &[&[u32]]) -> Group {
        let k = holders.len();
        Group {
            candidates: holders
                .iter()
                .map(|h| Candidate {
                    holders: h.to_vec(),
                    strength: Vec::new(),
                })
                .collect(),
            similarity: vec![0.0; k * k],
        }
    }

    #[test]
    fn disputes_are_judged_by_the_record_in_disputes() {
        // Unit 0 agrees with helpers 2..12 on 600 easy items and loses all
        // 40 of its disputes with unit 1, which wins 40 and loses 10 of its
        // own. Its overall record (about 0.93) outranks unit 1's (about
        // 0.79); its record in disputes (about 0.05) does not. So the last
        // item, one against the other, goes to unit 1, unless disputes are
        // judged by the overall record.
        let helper = |i: usize| 2 + (i % 10) as u32;
        let mut groups: Vec<Group> = (0..600).map(|i| group(&[&[0, helper(i)]])).collect();
        groups.extend((0..40).map(|i| group(&[&[1, helper(i)], &[0]])));
        groups.extend((0..10).map(|i| group(&[&[helper(i), helper(i + 1)], &[1]])));
        groups.push(group(&[&[0], &[1]]));
        let last = groups.len() - 1;
        // (contested weight, the candidate that wins the last item)
        let cases = [(100.0, 1), (10.0, 1), (f64::INFINITY, 0)];
        for (weight, winner) in cases {
            let options = TruthOptions::default().contested_weight(weight);
            let e = run_with(&groups, 12, &options);
            let p = &e.probability[last];
            assert!(p[winner] > p[1 - winner], "weight {weight}: {p:?}");
            assert!(
                e.accuracy[0] > e.accuracy[1],
                "weight {weight}: {:?}",
                e.accuracy
            );
        }
    }

    #[test]
    fn majority_wins_and_liars_lose_trust() {
        // Units 0..3 agree throughout; unit 3 always dissents.
        let groups: Vec<Group> = (0..20).map(|_| group(&[&[0, 1, 2], &[3]])).collect();
        let e = run(&groups, 4);
        for p in &e.probability {
            assert!(p[0] > 0.9 && p[1] < 0.1, "{p:?}");
        }
        assert!(e.accuracy[0] > 0.85);
        assert!(e.accuracy[3] < 0.2);
    }

    #[test]
    fn a_proven_source_outvotes_two_careless_ones() {
        // Unit 0 agrees with the crowd on 30 items; units 1 and 2 copy each
        // other's mistakes on those items. On the disputed item, 0 should win.
        let mut groups: Vec<Group> = (0..30).map(|_| group(&[&[0, 3, 4], &[1, 2]])).collect();
        groups.push(group(&[&[0], &[1, 2]]));
        let e = run(&groups, 5);
        let last = e.probability.last().unwrap();
        assert!(last[0] > last[1], "{last:?}");
    }

    #[test]
    fn mirrors_count_once() {
        // Sources 1, 2, 3 copy one another everywhere. Sources 0 and 4 are
        // independent: they agree with the copiers on 200 items, err apart
        // on 50, and on the last 50 items stand together against the copiers.
        let mut groups: Vec<Group> = (0..200).map(|_| group(&[&[0, 1, 2, 3, 4]])).collect();
        groups.extend((0..50).map(|_| group(&[&[0], &[1, 2, 3], &[4]])));
        groups.extend((0..50).map(|_| group(&[&[0, 4], &[1, 2, 3]])));
        let with = run(&groups, 5);
        assert_eq!(with.mirrors, vec![(1, 2), (1, 3), (2, 3)]);
        let last = with.probability.last().unwrap();
        assert!(last[0] > last[1], "independent pair should win: {last:?}");
        let without = run_with(&groups, 5, &TruthOptions::default().copy_discount(0.0));
        assert!(without.mirrors.is_empty());
        let last = without.probability.last().unwrap();
        assert!(
            last[1] > last[0],
            "without copy detection the copiers win: {last:?}"
        );
    }

    #[test]
    fn sources_that_share_their_mistakes_count_once() {
        // Copiers 1, 2 and 3 agree with everyone on 2000 items, make the
        // same mistake on `together` items (outvoted by 0 and 4..8) and one
        // of their own on `apart` items each, so they agree on under 99.5%
        // of what they share. On the last item they stand against source 0
        // alone: as one voice they lose to its record; as three they win.
        // Agreement alone marks no one a mirror here (the overlap it asks
        // for is out of reach), so only shared mistakes can.
        // (together, apart, copiers win)
        let cases = [(50, 6, false), (0, 6, true), (10, 6, true)];
        // Disputes are judged by the overall record here, so that only the
        // mirrors decide: by their record in disputes alone, source 0 (right
        // in every one) would outvote the three (wrong in every one).
        let options = TruthOptions::default()
            .mirrors(0.995, 1_000_000)
            .contested_weight(f64::INFINITY);
        for (together, apart, want) in cases {
            let all: Vec<u32> = (0..9).collect();
            let mut groups: Vec<Group> = (0..2000).map(|_| group(&[&all])).collect();
            groups.extend((0..together).map(|_| group(&[&[0, 4, 5, 6, 7, 8], &[1, 2, 3]])));
            for c in 1..4u32 {
                let rest: Vec<u32> = all.iter().copied().filter(|&u| u != c).collect();
                groups.extend((0..apart).map(|_| group(&[&rest, &[c]])));
            }
            groups.push(group(&[&[0], &[1, 2, 3]]));
            let e = run_with(&groups, 9, &options);
            let last = e.probability.last().unwrap();
            assert_eq!(last[1] > last[0], want, "{together}, {apart}: {last:?}");
            let copiers = e.mirrors.contains(&(1, 2));
            assert_eq!(copiers, !want, "{together}, {apart}: {:?}", e.mirrors);
        }
    }

    #[test]
    fn similar_values_lend_support() {
        let mut g = group(&[&[0], &[1], &[2]]);
        // Candidate 0 and 1 are near each other; 2 is far from both.
        g.similarity = vec![0.0, 0.9, 0.0, 0.9, 0.0, 0.0, 0.0, 0.0, 0.0];
        let e = run(&[g], 3);
        let p = &e.probability[0];
        assert!(p[0] > p[2] && p[1] > p[2], "{p:?}");
    }

    #[test]
    fn a_claim_does_not_vouch_for_its_own_source() {
        // Unit 0 agrees with units 3 and 4 on `record` items; on the last
        // item it stands alone against `backers` sources, each of which
        // has also lost `lost` items of its own to units 3 and 4. A
        // backer's vote on the last item must rest on its record elsewhere:
        // counted in its own favour, the win it is voting for would offset
        // the losses and carry sources that have only ever been outvoted.
        // (record, backers, lost, backers win)
        let cases = [
            (1, 3, 1, false),
            (5, 4, 1, false),
            (8, 4, 1, false),
            (5, 4, 0, true),
            (20, 4, 0, true),
            (20, 1, 0, false),
        ];
        for (record, backers, lost, want) in cases {
            let mut groups: Vec<Group> = (0..record).map(|_| group(&[&[0, 3, 4]])).collect();
            let lone: Vec<u32> = (5..5 + backers).collect();
            for &b in &lone {
                groups.extend((0..lost).map(|_| group(&[&[b], &[3, 4]])));
            }
            groups.push(group(&[&[0], &lone]));
            let e = run(&groups, 5 + backers as usize);
            let last = e.probability.last().unwrap();
            assert_eq!(
                last[1] > last[0],
                want,
                "{record}, {backers}, {lost}: {last:?}"
            );
        }
    }

    #[test]
    fn unopposed_claims_do_not_hold_accuracy_at_its_start() {
        // Unit 0 speaks alone to `alone` items and loses every one of 10
        // contested items to units 1 and 2. Items it speaks to alone say
        // nothing of its accuracy; counted, they would hold it near the
        // starting 0.8 for all the rounds allowed.
        // (alone, most accuracy)
        let cases = [(0, 0.3), (100, 0.3), (1000, 0.3)];
        for (alone, most) in cases {
            let mut groups: Vec<Group> = (0..alone).map(|_| group(&[&[0]])).collect();
            groups.extend((0..10).map(|_| group(&[&[0], &[1, 2]])));
            groups.extend((0..10).map(|_| group(&[&[1, 2]])));
            let e = run(&groups, 3);
            assert!(e.accuracy[0] < most, "{alone}: {}", e.accuracy[0]);
        }
    }

    #[test]
    fn a_long_record_is_not_capped() {
        // Unit 0 agrees with units 1 and 2 on `record` items; its accuracy
        // should reflect the length of the record, not stop at a ceiling.
        // (record, least accuracy)
        let cases = [(100, 0.99), (300, 0.996), (1000, 0.999)];
        // Without copy detection: three sources that always agree would
        // otherwise be mirrors, one voice with nothing to corroborate it.
        let options = TruthOptions::default().copy_discount(0.0);
        for (record, least) in cases {
            let groups: Vec<Group> = (0..record).map(|_| group(&[&[0, 1, 2]])).collect();
            let e = run_with(&groups, 3, &options);
            assert!(e.accuracy[0] >= least, "{record}: {}", e.accuracy[0]);
            assert!(e.accuracy[0] < 1.0);
        }
    }

    #[test]
    fn no_prior_weight_and_only_unopposed_claims_stay_finite() {
        let groups: Vec<Group> = (0..5).map(|_| group(&[&[0]])).collect();
        let source = vec![0u32];
        let prior = vec![0.8];
        let units = Units {
            source: &source,
            source_prior: &prior,
            refine: true,
        };
        let e = estimate(&groups, &units, &TruthOptions::default().prior_weight(0.0));
        assert!(e.accuracy[0].is_finite());
        assert!(e.probability.iter().flatten().all(|p| p.is_finite()));
    }

    #[test]
    fn numbering_in_halves_is_numbering_in_one_pass() {
        // Keys recur across the halves, some only in the second; items
        // without a key are numbered alone.
        let key = |i: usize| (i % 7 != 3).then_some((i * 7919) % 5003 + (i / 9000) * 10_000);
        for n in [0, 10, 4096, 20_000] {
            let mut seen = std::collections::HashMap::new();
            let (mut of, mut first) = (Vec::new(), Vec::new());
            for i in 0..n {
                let fresh = first.len() as u32;
                let id = match key(i) {
                    Some(k) => *seen.entry(k).or_insert(fresh),
                    None => fresh,
                };
                if id == fresh {
                    first.push(i);
                }
                of.push(id);
            }
            assert_eq!(first_seen(n, key), (of, first), "{n}");
        }
    }

    #[test]
    fn rounds_paused_and_carried_on_are_rounds_run_through() {
        // (pauses, then the tolerance run to): the last rounds are the same
        // whether or not they stopped on the way.
        let groups: Vec<Group> = (0..30)
            .map(|i| match i % 3 {
                0 => group(&[&[0, 1, 2], &[3]]),
                1 => group(&[&[0, 3], &[1], &[2]]),
                _ => group(&[&[1, 2, 3]]),
            })
            .collect();
        let flat = Flat::new(&groups);
        let slot: Vec<u32> = (0..4).collect();
        let prior = vec![0.8; 4];
        let options = TruthOptions::default();
        let mirrored = Mirrors::Sparse([(0, 1)].into_iter().collect());
        for mirrors in [Mirrors::None, mirrored] {
            let pairs = MirrorPairs::new(&groups, &slot, &mirrors);
            let rounds = || Rounds::new(&flat, &slot, &prior, prior.clone(), &pairs, &options);
            let mut r = rounds();
            r.until(1e-9);
            let through = (r.done, r.finish());
            assert!(through.0 > 2, "converged in {} rounds", through.0);
            for pauses in [&[1e-1][..], &[1e-3], &[1e-2, 1e-4, 1e-6], &[1e-9], &[1.0]] {
                let mut r = rounds();
                for &t in pauses {
                    r.until(t);
                }
                r.until(1e-9);
                assert_eq!((r.done, r.finish()), through, "paused at {pauses:?}");
            }
        }
    }

    #[test]
    fn a_sum_of_log_odds_is_the_logarithm_of_one_product() {
        // (accuracies, false values): long runs at either guard would leave
        // the range of a float as one product.
        let cases: Vec<(Vec<f64>, f64)> = vec![
            (vec![], 3.0),
            (vec![0.8], 3.0),
            (vec![0.8, 0.5, 0.99, A_MIN, A_MAX], 3.0),
            (vec![A_MAX; 2000], 3.0),
            (vec![A_MIN; 2000], 3.0),
            ([A_MAX, A_MIN].repeat(700), 10.0),
            ((1..=999).map(|i| f64::from(i) / 1000.0).collect(), 1.0),
        ];
        for (accuracies, n) in cases {
            let mut sum = LogOddsSum::new();
            for &a in &accuracies {
                sum.add(a);
            }
            let one_by_one: f64 = accuracies.iter().map(|&a| log_odds(a, n)).sum();
            let got = sum.total(n);
            let scale = accuracies
                .iter()
                .map(|&a| log_odds(a, n).abs())
                .sum::<f64>();
            assert!(
                (got - one_by_one).abs() <= 1e-12 * scale.max(1.0),
                "{} accuracies: {got} against {one_by_one}",
                accuracies.len()
            );
        }
        let mut sum = LogOddsSum::new();
        sum.add(0.9);
        assert_eq!(sum.total(f64::INFINITY), f64::INFINITY);
    }

    #[test]
    fn probabilities_stay_finite_with_huge_groups() {
        let holders: Vec<u32> = (0..5000).collect();
        let g = group(&[&holders, &[5000]]);
        let e = run(&[g], 5001);
        assert!(e.probability[0].iter().all(|p| p.is_finite()));
        assert!(e.probability[0][0] > 0.99);
    }
}
