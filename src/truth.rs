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
//!   certainty either way.
//!
//! Why AccuSim rather than TruthFinder or PooledInvestment: its vote weight
//! `ln(n·A/(1−A))` is derived from a model (a source of accuracy `A` picks
//! the truth with probability `A` and each of `n` false values uniformly),
//! so probabilities are calibrated enough to report as confidences, and it
//! takes a value similarity directly. TruthFinder's dampened sigmoid needs
//! two tuned constants; PooledInvestment's linear pooling favours values
//! claimed by prolific sources regardless of their record.

use crate::model::Score;

/// How source reliability is estimated. Defaults in brackets.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TruthOptions {
    /// The most rounds of re-estimation [20].
    pub iterations: usize,
    /// Stop when no source's accuracy moves by more than this [1e-6].
    pub tolerance: f64,
    /// The accuracy every source starts at unless it has a prior [0.8].
    pub initial_trust: f64,
    /// The number of false values a careless source picks among, `n` in the
    /// vote weight `ln(n·A/(1−A))` [10]. Larger makes agreement count more.
    pub false_values: f64,
    /// How much a similar value's votes lend support, `ρ` in AccuSim [0.5].
    pub similarity_weight: f64,
    /// The pseudo-count of claims at the prior that smooths each estimate [2].
    pub prior_weight: f64,
}

impl Default for TruthOptions {
    fn default() -> Self {
        TruthOptions {
            iterations: 20,
            tolerance: 1e-6,
            initial_trust: 0.8,
            false_values: 10.0,
            similarity_weight: 0.5,
            prior_weight: 2.0,
        }
    }
}

impl TruthOptions {
    /// Sets the most rounds of re-estimation.
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
}

/// One candidate value of one group, and the trust units that hold it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Candidate {
    /// Distinct trust units (sources, or sources per attribute) holding it, ascending.
    pub holders: Vec<u32>,
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
    pub rounds: usize,
}

const A_MIN: f64 = 0.01;
const A_MAX: f64 = 0.99;

/// Runs the estimation. `priors` holds each unit's starting accuracy.
///
/// Deterministic: every sum runs in group, candidate and holder order, which
/// the caller makes canonical.
pub(crate) fn estimate(groups: &[Group], priors: &[f64], options: &TruthOptions) -> Estimate {
    let units = priors.len();
    let mut accuracy: Vec<f64> = priors.iter().map(|a| a.clamp(A_MIN, A_MAX)).collect();
    let mut probability: Vec<Vec<f64>> = groups
        .iter()
        .map(|g| vec![0.0; g.candidates.len()])
        .collect();
    let n = options.false_values.max(1.0);
    let rho = options.similarity_weight;
    let mut credit = vec![0.0f64; units];
    let mut count = vec![0.0f64; units];
    let mut votes: Vec<f64> = Vec::new();
    let mut rounds = 0;
    for _ in 0..options.iterations.max(1) {
        rounds += 1;
        let weight: Vec<f64> = accuracy.iter().map(|&a| (n * a / (1.0 - a)).ln()).collect();
        credit.iter_mut().for_each(|c| *c = 0.0);
        count.iter_mut().for_each(|c| *c = 0.0);
        for (g, probs) in groups.iter().zip(probability.iter_mut()) {
            let k = g.candidates.len();
            votes.clear();
            votes.extend(
                g.candidates
                    .iter()
                    .map(|c| c.holders.iter().map(|&u| weight[u as usize]).sum::<f64>()),
            );
            // C*(v) = C(v) + ρ Σ sim(v, v')·C(v')
            for (i, p) in probs.iter_mut().enumerate() {
                let row = &g.similarity[i * k..(i + 1) * k];
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
            for (i, c) in g.candidates.iter().enumerate() {
                let row = &g.similarity[i * k..(i + 1) * k];
                let near: f64 = (0..k).filter(|&j| j != i).map(|j| row[j] * probs[j]).sum();
                let cr = (probs[i] + near).min(1.0);
                for &u in &c.holders {
                    credit[u as usize] += cr;
                    count[u as usize] += 1.0;
                }
            }
        }
        let mut moved = 0.0f64;
        for u in 0..units {
            let w = options.prior_weight;
            let prior = priors[u];
            let a = ((credit[u] + w * prior) / (count[u] + w)).clamp(A_MIN, A_MAX);
            moved = moved.max((a - accuracy[u]).abs());
            accuracy[u] = a;
        }
        if moved <= options.tolerance {
            break;
        }
    }
    Estimate {
        probability,
        accuracy,
        rounds,
    }
}

/// A confidence from a probability, as a [`Score`].
pub(crate) fn confidence(p: f64) -> Score {
    Score::new(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(holders: &[&[u32]]) -> Group {
        let k = holders.len();
        Group {
            candidates: holders
                .iter()
                .map(|h| Candidate {
                    holders: h.to_vec(),
                })
                .collect(),
            similarity: vec![0.0; k * k],
        }
    }

    #[test]
    fn majority_wins_and_liars_lose_trust() {
        // Units 0..3 agree throughout; unit 3 always dissents.
        let groups: Vec<Group> = (0..20).map(|_| group(&[&[0, 1, 2], &[3]])).collect();
        let e = estimate(&groups, &[0.8; 4], &TruthOptions::default());
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
        let e = estimate(&groups, &[0.8; 5], &TruthOptions::default());
        let last = e.probability.last().unwrap();
        assert!(last[0] > last[1], "{last:?}");
    }

    #[test]
    fn similar_values_lend_support() {
        let mut g = group(&[&[0], &[1], &[2]]);
        // Candidate 0 and 1 are near each other; 2 is far from both.
        g.similarity = vec![0.0, 0.9, 0.0, 0.9, 0.0, 0.0, 0.0, 0.0, 0.0];
        let e = estimate(&[g], &[0.8; 3], &TruthOptions::default());
        let p = &e.probability[0];
        assert!(p[0] > p[2] && p[1] > p[2], "{p:?}");
    }

    #[test]
    fn probabilities_stay_finite_with_huge_groups() {
        let holders: Vec<u32> = (0..5000).collect();
        let g = group(&[&holders, &[5000]]);
        let e = estimate(&[g], &[0.99; 5001], &TruthOptions::default());
        assert!(e.probability[0].iter().all(|p| p.is_finite()));
        assert!(e.probability[0][0] > 0.99);
    }
}
