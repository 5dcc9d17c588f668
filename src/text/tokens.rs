//! A word tokeniser over byte offsets of the original text.
//!
//! Tokens never copy text: they are spans, so every later stage quotes the
//! source exactly.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// Letters and digits, with inner apostrophes, lower-case hyphen parts
    /// ("Jean-Luc", "don't") and the dots of abbreviations ("U.S.").
    Word,
    /// A possessive ending split off its word: "'s", "’s", "s'".
    Possessive,
    /// Any other single character that is not white space.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Tok,
    /// The token follows the previous one with only a hyphen between them
    /// ("Franco-German"): the hyphen is dropped, the join remembered.
    pub hyphen_before: bool,
    /// A line break lies between this token and the previous one.
    pub newline_before: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The General Punctuation block (curly quotes, dashes, ellipses): common
/// in news text, and without a letter or digit, which the standard library
/// would search its whole table to say.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206f}';

/// `char::is_alphanumeric`, answered at once for [`GENERAL_PUNCTUATION`].
pub(crate) fn is_alnum(c: char) -> bool {
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
}

/// `char::is_alphabetic`, answered at once for [`GENERAL_PUNCTUATION`].
fn is_alpha(c: char) -> bool {
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphabetic()
}

/// The ASCII bytes that are white space to `char::is_whitespace`.
const ASCII_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    let mut b = 0x09;
    while b <= 0x0d {
        t[b] = true;
        b += 1;
    }
    t
};

/// The ASCII letters and digits.
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Splits `text[range]` into tokens, appended to `out`; offsets are into
/// `text`.
pub(crate) fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    // Tokens already in `out` belong to other text: a hyphen never joins them.
    let first = out.len();
    let Some(s) = text.get(start..end) else {
        return;
    };
    let b = s.as_bytes();
    let mut i = 0;
    let mut hyphen = false;
    let mut newline = false;
    while i < s.len() {
        // Runs of ASCII spaces, a fifth of news text, skipped on bytes.
        while b.get(i).is_some_and(|&x| ASCII_SPACE[usize::from(x)]) {
            if b[i] == b'\n' || b[i] == b'\r' {
                newline = true;
            }
            hyphen = false;
            i += 1;
        }
        let c = match char_at(s, i) {
            Some(c) => c,
            None => break,
        };
        let w = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                newline = true;
            }
            hyphen = false;
            i += w;
            continue;
        }
        if is_alnum(c) {
            let tok_start = i;
            let mut j = i + w;
            // Dotted abbreviations: single letters each followed by a dot.
            let mut dotted = true;
            let mut letters = 1;
            loop {
                // ASCII letters and digits, most of every word, need no decoding.
                let run = j;
                while b.get(j).is_some_and(|&x| ASCII_ALNUM[usize::from(x)]) {
                    j += 1;
                }
                letters += j - run;
                let Some(d) = char_at(s, j) else {
                    break;
                };
                if is_alnum(d) || d.is_ascii() && (d as u8).is_ascii_digit() {
                    j += d.len_utf8();
                    letters += 1;
                    continue;
                }
                // Only a dot, an apostrophe or a hyphen can go on with the
                // word; most words end at a space or a comma, and the
                // character after that is not looked at.
                if !(d == '.' || is_apostrophe(d) || is_hyphen(d)) {
                    if letters > 1 {
                        dotted = false;
                    }
                    break;
                }
                let next = char_at(s, j + d.len_utf8());
                if d == '.' && letters == 1 && dotted {
                    // "U.S", "p.m": a dot between single letters stays inside.
                    if next.is_some_and(is_alpha) {
                        let after = s[j + 1..].chars().nth(1);
                        if after.map_or(true, |a| !is_alnum(a)) {
                            j += 1;
                            letters = 0;
                            continue;
                        }
                    }
                    break;
                }
                if letters > 1 {
                    dotted = false;
                }
                if (is_apostrophe(d) || is_hyphen(d) && next.is_some_and(|n| !n.is_uppercase()))
                    && next.is_some_and(is_alnum)
                {
                    // A possessive "'s" at the end is split off below.
                    if is_apostrophe(d) {
                        let rest = &s[j + d.len_utf8()..];
                        let mut it = rest.chars();
                        if matches!(it.next(), Some('s' | 'S'))
                            && it.next().map_or(true, |n| !is_alnum(n))
                        {
                            break;
                        }
                    }
                    j += d.len_utf8();
                    dotted = false;
                    letters = 2;
                    continue;
                }
                break;
            }
            // A final dot of a dotted abbreviation ("U.S.") belongs to it,
            // as does the dot of an honorific ("Dr.").
            let dotted_end = dotted && j > tok_start + 1 && b[j - 2] == b'.';
            if b.get(j) == Some(&b'.')
                && (dotted_end || super::lexicon::is_dotted_honorific(&s[tok_start..j]))
            {
                j += 1;
            }
            out.push(Token {
                start: start + tok_start,
                end: start + j,
                kind: Tok::Word,
                hyphen_before: hyphen,
                newline_before: newline,
            });
            hyphen = false;
            newline = false;
            i = j;
            // Possessive ending.
            if let Some(d) = char_at(s, i) {
                if is_apostrophe(d) {
                    let k = i + d.len_utf8();
                    let mut it = s[k..].chars();
                    if matches!(it.next(), Some('s' | 'S'))
                        && it.clone().next().map_or(true, |n| !is_alnum(n))
                    {
                        out.push(Token {
                            start: start + i,
                            end: start + k + 1,
                            kind: Tok::Possessive,
                            hyphen_before: false,
                            newline_before: false,
                        });
                        i = k + 1;
                    }
                }
            }
            continue;
        }
        if is_hyphen(c)
            && out.len() > first
            && out
                .last()
                .is_some_and(|t| t.end == start + i && t.kind == Tok::Word)
            && char_at(s, i + w).is_some_and(is_alnum)
        {
            hyphen = true;
            i += w;
            continue;
        }
        out.push(Token {
            start: start + i,
            end: start + i + w,
            kind: Tok::Punct,
            hyphen_before: false,
            newline_before: newline,
        });
        hyphen = false;
        newline = false;
        i += w;
    }
}

/// The character at byte `i` of `s`, decoding only when it is not ASCII:
/// the tokeniser asks this for every byte of every article.
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s.get(i..).and_then(|t| t.chars().next()),
        None => None,
    }
}

/// True when the word starts with an upper-case letter.
pub(crate) fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// True when every letter is upper case and there are at least two.
pub(crate) fn is_all_caps(w: &str) -> bool {
    let mut n = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            n += 1;
        }
    }
    n >= 2
}

/// Lower-cases `w` into `buf` (ASCII fast path) and returns it.
pub(crate) fn lower_into<'a>(w: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        for c in w.chars() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else if c == '\u{2019}' {
                buf.push('\'');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(&str, Tok, bool)> {
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        v.iter()
            .map(|t| (t.text(s), t.kind, t.hyphen_before))
            .collect()
    }

    #[test]
    fn tokens() {
        use Tok::*;
        type Case<'a> = (&'a str, &'a [(&'a str, Tok, bool)]);
        let cases: &[Case] = &[
            (
                "U.S. allies",
                &[("U.S.", Word, false), ("allies", Word, false)],
            ),
            (
                "Nordland’s port",
                &[
                    ("Nordland", Word, false),
                    ("’s", Possessive, false),
                    ("port", Word, false),
                ],
            ),
            (
                "Tam-ri met",
                &[("Tam-ri", Word, false), ("met", Word, false)],
            ),
            (
                "Ostria-North Vell",
                &[
                    ("Ostria", Word, false),
                    ("North", Word, true),
                    ("Vell", Word, false),
                ],
            ),
            (
                "don't go.",
                &[
                    ("don't", Word, false),
                    ("go", Word, false),
                    (".", Punct, false),
                ],
            ),
            (
                "at 5 p.m. sharp",
                &[
                    ("at", Word, false),
                    ("5", Word, false),
                    ("p.m.", Word, false),
                    ("sharp", Word, false),
                ],
            ),
            ("Dr. Vale", &[("Dr.", Word, false), ("Vale", Word, false)]),
        ];
        for (input, want) in cases {
            assert_eq!(&words(input), want, "{input}");
        }
    }
}
