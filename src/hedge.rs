//! Hedged claims: values their own sources mark as uncertain.

/// Words by which a source marks its own value as uncertain: "(Estimated)",
/// "approx. 4,000", "expected 14:05", "2,100?". General English, not any
/// one domain's vocabulary.
const HEDGES: &[&str] = &[
    "about",
    "almost",
    "approx",
    "approximately",
    "around",
    "ca",
    "circa",
    "est",
    "estimate",
    "estimated",
    "expected",
    "nearly",
    "preliminary",
    "projected",
    "provisional",
    "reportedly",
    "roughly",
    "tbc",
    "tentative",
    "tentatively",
    "unconfirmed",
    "unverified",
];

/// True when the raw value carries a word by which its source hedges it,
/// or ends in a question mark.
///
/// A hedged claim still counts, but votes with
/// [`TruthOptions::hedge_weight`](crate::TruthOptions::hedge_weight): a
/// source that says "estimated 14:05" has said less than one that says
/// "14:05".
///
/// ```
/// assert!(corroborate::is_hedged("2011-12-01 9:50 PM (Estimated)"));
/// assert!(corroborate::is_hedged("approx. 4,000"));
/// assert!(!corroborate::is_hedged("12/01/2011 09:50 PM"));
/// assert!(!corroborate::is_hedged("EST")); // a time zone, not "estimated"
/// ```
pub fn is_hedged(raw: impl AsRef<str>) -> bool {
    let raw = raw.as_ref();
    if raw.trim_end().ends_with('?') {
        return true;
    }
    // Words are compared case-insensitively, except that an all-capital
    // "EST" is the time zone, not an abbreviation of "estimated".
    raw.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .any(|w| {
            if w == "EST" {
                return false;
            }
            let lower = w.to_lowercase();
            HEDGES.binary_search(&lower.as_str()).is_ok()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_table() {
        assert!(
            HEDGES.windows(2).all(|w| w[0] < w[1]),
            "HEDGES must stay sorted"
        );
        let cases = [
            ("2011-12-01 9:50 PM (Estimated runway)", true),
            ("9:50 PM, Dec 01&nbsp(Estimated)", true),
            ("about 50,000", true),
            ("c. 1910", false),
            ("circa 1910", true),
            ("48,213?", true),
            ("Expected 14:05", true),
            ("12/1/2011 2:07PM EST", false),
            ("Est. 1,200", true),
            ("Estonia", false),
            ("Donald E. Knuth", false),
            ("", false),
        ];
        for (raw, want) in cases {
            assert_eq!(is_hedged(raw), want, "{raw:?}");
        }
    }
}
