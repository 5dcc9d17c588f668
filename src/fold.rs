use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The comparison key of a string: NFKC-normalised, lower-cased, accents
/// removed, inner white space collapsed to one ASCII space, ends trimmed.
///
/// Keys are for comparing and grouping only; reports always quote the
/// text as written.
///
/// ```
/// assert_eq!(corroborate::fold("  Ｃafé\u{a0}DU  Monde "), "cafe du monde");
/// assert_eq!(corroborate::fold("KNUTH"), corroborate::fold("knuth"));
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] writing into a caller's buffer, which is cleared first; hot loops
/// reuse one buffer instead of allocating a key per value.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    if s.is_ascii() {
        for b in s.bytes() {
            if b.is_ascii_whitespace() {
                pending_space = !out.is_empty();
            } else {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(b.to_ascii_lowercase() as char);
            }
        }
        return;
    }
    // NFKC first so compatibility forms (full-width letters, ligatures) fold;
    // then NFD to split accents off their base letters and drop them.
    for c in s.nfkc().flat_map(char::to_lowercase).nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        let cases = [
            ("Donald E. Knuth", "donald e. knuth"),
            ("  a \t b  ", "a b"),
            ("Ångström", "angstrom"),
            ("ﬁle", "file"),
            ("Ｔｏｋｙｏ", "tokyo"),
            ("São\u{a0}Paulo", "sao paulo"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "{input:?}");
        }
    }
}
