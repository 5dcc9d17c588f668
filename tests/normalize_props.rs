//! Properties of `normalize`: every value it produces reads back to itself
//! from its canonical rendering, and no input makes it panic.

use corroborate::{infer_kind, normalize, ValueKind};
use proptest::prelude::*;

/// Every kind a caller may ask for, and none.
fn kinds() -> impl Strategy<Value = Option<ValueKind>> {
    prop_oneof![
        Just(None),
        proptest::sample::select(ValueKind::ALL.to_vec()).prop_map(Some),
    ]
}

/// Values shaped like the ones sources write, with their variations, plus
/// noise around them.
fn written_values() -> impl Strategy<Value = String> {
    let time = "(1[0-2]|0?[1-9]|1[3-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])? ?(AM|PM|am|pm|a|p|A|P|a\\.m\\.|noon)?( (EST|PDT|AKST|UTC)| \\([+-]0[0-9]:[03]0\\)|[+-]0[0-9]:00)?";
    let date = "((Mon|Thu)\\.?,? )?(Dec|December|Feb|Jan)\\.? ?[0-3]?[0-9](,? (19|20)[0-9]{2})?|(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]|[01]?[0-9]/[0-3]?[0-9](/[0-9]{2}|/20[0-9]{2})?|[0-3][0-9]-(Dec|Feb)-20[0-9]{2}|XXXX-[01][0-9]-[0-3][0-9]|20[0-9]{2}-XX-[0-3][0-9]";
    let noise = "( \\(Estimated\\)| On Time|&nbsp| - |\\*| Cancelled| Not Available)?";
    let date_time = (
        proptest::string::string_regex(date).unwrap(),
        proptest::string::string_regex(time).unwrap(),
        any::<bool>(),
        proptest::string::string_regex(noise).unwrap(),
    )
        .prop_map(|(d, t, first, n)| {
            if first {
                format!("{d} {t}{n}")
            } else {
                format!("{t}{n}{d}")
            }
        });
    prop_oneof![
        date_time,
        time,
        date,
        // Numbers, percentages, money, ranks.
        "(~|about |approx\\. )?[+-]?[0-9]{1,3}([,. '][0-9]{3}){0,3}([.,][0-9]{1,4})?( ?(%|percent|million|bn|k))?(\\[[0-9]\\])?",
        "(\\$|€|£|USD |US\\$)?[0-9]{1,7}(\\.[0-9]{1,2})?( ?(m|bn|million|USD|EUR|dollars|won))?",
        "[0-9]{1,4}(st|nd|rd|th)?|first|third",
        // Durations and intervals.
        "P([0-9]{1,3}(\\.[0-9])?[YMWD]){1,2}(T[0-9]{1,2}[HMS]){0,2}|PT[0-9]{1,3}[HMS]|[0-9]{1,3} (years|days|hours|decades|min)",
        "\\(((19|20)[0-9]{2}(-[01][0-9](-[0-3][0-9])?)?)?,((19|20)[0-9]{2}(-[01][0-9])?)?,(P[0-9]{1,2}[YMD])?\\)|(19|20)[0-9]{2}[-–](19|20)[0-9]{2}",
        // Gates and codes.
        "(Gate |gate: |Terminal [A-D1-4] - |Term [A-C] - )?[A-Ha-h]?[ -]?[0-9]{1,3}[A-Z]?(/T[1-4]|/[A-C]|\\?|\\$)?|-[0-9]-|Terminal [0-9]",
        // Names, inverted or not, listed every way.
        "(By \\(author\\) |Editor: )?([A-Z][a-z]{1,7}|[A-Z]{2,8}|van der [A-Z][a-z]{2,6}|[A-Z][a-z]{1,4}-[A-Z][a-z]{1,6})(, ([A-Z][a-z]{1,7}|[A-Z]\\.?)( [A-Z]\\.?)?| [A-Z][a-z]{1,7})?( \\((Author|EDT|Editor)\\))?((; |/ |, | and | &amp; |&)([A-Z][a-z]{1,7}|[A-Z]{3,8})(, [A-Z][a-z]{1,7}| [A-Z]\\. [A-Z][a-z]{2,7})?){0,3}(, et al| Ph\\.D\\.)?",
        "[A-Z][a-z]{2,6}( [A-Z]\\.?)?( [A-Z][a-z]{2,6}){1,5}",
        "(\\p{Lu}\\p{Ll}{1,6}|\\p{L}{1,6})([ ,;/.'-]{1,2}\\p{L}{1,7}){0,5}",
        // Placeholders, dressed up.
        "(N/A|n\\.a\\.|Not Available|TBD|unknown|--|-|\\?)( \\(NA\\))?",
        // Anything at all.
        "\\PC{0,30}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn canonical_form_reads_back(raw in written_values(), kind in kinds()) {
        if let Ok(v) = normalize(&raw, kind) {
            let canonical = v.to_string();
            let back = normalize(&canonical, Some(v.kind()));
            prop_assert_eq!(back, Ok(v), "raw {:?} as {:?} rendered {:?}", raw, kind, canonical);
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(raw in any::<String>(), kind in kinds()) {
        let _ = normalize(&raw, kind);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..48), kind in kinds()) {
        let raw = String::from_utf8_lossy(&bytes);
        let _ = normalize(&raw, kind);
    }

    #[test]
    fn kind_inference_is_total_and_order_free(mut raws in proptest::collection::vec(written_values(), 0..12)) {
        let k = infer_kind(raws.iter().map(String::as_str));
        raws.reverse();
        prop_assert_eq!(infer_kind(raws.iter().map(String::as_str)), k);
    }
}
