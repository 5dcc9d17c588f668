//! Sentence segmentation over the article's blocks.

use super::clean::Block;
use super::document::ByteSpan;
use super::lexicon::{is_common_word, is_dotted_honorific};
use super::tokens::is_alnum;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// One sentence of the article, or one heading line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Sentence {
    /// Its bytes in the document's text, without surrounding white space.
    pub span: ByteSpan,
    /// True when it is a title or heading rather than running text.
    pub heading: bool,
}

/// Abbreviations after which a dot does not end a sentence when a capital
/// follows: titles before names, company suffixes, months.
fn is_abbreviation(w: &str) -> bool {
    is_dotted_honorific(w)
        || matches!(
            w,
            "No" | "Nos"
                | "vs"
                | "etc"
                | "approx"
                | "Jan"
                | "Feb"
                | "Mar"
                | "Apr"
                | "Aug"
                | "Sep"
                | "Sept"
                | "Oct"
                | "Nov"
                | "Dec"
                | "Inc"
                | "Ltd"
                | "Co"
                | "Corp"
                | "Bros"
                | "Dept"
                | "Univ"
                | "Ave"
                | "Blvd"
                | "Fig"
                | "Vol"
                | "ca"
                | "cf"
                | "al"
        )
}

/// Abbreviations that may also end a sentence: the next word decides.
fn may_end_sentence(w: &str) -> bool {
    matches!(w, "Inc" | "Ltd" | "Co" | "Corp" | "etc" | "Bros" | "al")
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}'
    )
}

/// The word that ends just before byte `i` of `s` (letters and inner dots).
fn word_before(s: &str, i: usize) -> &str {
    let head = &s[..i];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_alnum(c) || c == '.'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    &head[start..]
}

/// The word that starts at byte `i` of `s`.
fn word_at(s: &str, i: usize) -> &str {
    let tail = &s[i..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| !is_alnum(c))
        .map_or(tail.len(), |(j, _)| j);
    &tail[..end]
}

/// Splits one block into sentences, appending to `out`.
fn split_block(
    text: &str,
    block: ByteSpan,
    heading: bool,
    lower_buf: &mut String,
    out: &mut Vec<Sentence>,
) {
    let s = block.slice(text);
    if s.is_empty() {
        return;
    }
    if heading {
        out.push(Sentence {
            span: block,
            heading,
        });
        return;
    }
    let mut start = 0;
    let bytes = s.as_bytes();
    // Where the search for the next terminator goes on.
    let mut pos = 0;
    // Terminators are ASCII or start with 0xE2 ('…'): found on bytes,
    // which are always at a character's start.
    while let Some(off) = bytes.get(pos..).and_then(|r| {
        r.iter()
            .position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
    }) {
        let i = pos + off;
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        pos = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            continue;
        }
        // Runs of terminators and closing quotes stay with the sentence.
        let mut end = i + c.len_utf8();
        while let Some(d) = s.get(end..).and_then(|r| r.chars().next()) {
            if matches!(d, '.' | '!' | '?' | '\u{2026}') || is_closer(d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        pos = end;
        // A boundary needs white space, then a capital, digit or opener.
        let rest = &s[end..];
        let ws = rest.len() - rest.trim_start().len();
        if ws == 0 && !rest.is_empty() {
            continue;
        }
        let next_at = end + ws;
        let Some(next) = s[next_at..].chars().next() else {
            break;
        };
        if !(next.is_uppercase() || next.is_ascii_digit() || is_opener(next)) {
            continue;
        }
        if c == '.' {
            let w = word_before(s, i);
            let bare = w.trim_end_matches('.');
            let initial = bare.chars().count() == 1 && bare.chars().all(char::is_uppercase);
            let dotted = bare.contains('.');
            let nw = word_at(s, next_at);
            let lower = {
                lower_buf.clear();
                lower_buf.extend(nw.chars().flat_map(char::to_lowercase));
                lower_buf.as_str()
            };
            let next_is_starter = is_common_word(lower);
            if is_abbreviation(bare) && !(may_end_sentence(bare) && next_is_starter) {
                continue;
            }
            // "N. Ireland", "J. Smith": an initial binds to the next name.
            if initial {
                continue;
            }
            // "U.S.", "p.m.": a sentence ends there only before a word that
            // usually starts one.
            if dotted && !next_is_starter {
                continue;
            }
        }
        push_trimmed(text, block.start + start, block.start + end, out);
        start = next_at;
    }
    push_trimmed(text, block.start + start, block.end, out);
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Sentence {
            span: ByteSpan::new(start + lead, start + lead + t.len()),
            heading: false,
        });
    }
}

/// Splits the article blocks of `text` into sentences; page furniture is
/// skipped, titles and headings come out whole.
///
/// Sentences are in text order, do not overlap, and together cover every
/// non-blank character of the article blocks.
///
/// ```
/// use corroborate::{clean, sentences};
///
/// let text = "Dr. Ilse Varga of Nordia Inc. met U.S. envoys at 3 p.m. on Friday. They agreed.";
/// let found: Vec<&str> = sentences(text, &clean(text)).iter().map(|s| s.span.slice(text)).collect();
/// assert_eq!(found.len(), 2, "{found:?}");
/// ```
pub fn sentences(text: impl AsRef<str>, blocks: &[Block]) -> Vec<Sentence> {
    let text = text.as_ref();
    // About one sentence per hundred bytes of news text.
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    let mut lower_buf = String::new();
    for b in blocks.iter().filter(|b| b.kind.is_article()) {
        let heading = !matches!(b.kind, super::clean::BlockKind::Paragraph);
        split_block(text, b.span, heading, &mut lower_buf, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::clean::clean;

    #[test]
    fn segments() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The fleet left at 6 a.m. on Monday. It returned at dusk.",
                &[
                    "The fleet left at 6 a.m. on Monday.",
                    "It returned at dusk.",
                ],
            ),
            (
                "Talks between the U.S. and N. Ostria resumed. The U.S. envoy left.",
                &[
                    "Talks between the U.S. and N. Ostria resumed.",
                    "The U.S. envoy left.",
                ],
            ),
            (
                "Mr. Pell joined Tarco Inc. in May. He quit in June.",
                &["Mr. Pell joined Tarco Inc. in May.", "He quit in June."],
            ),
            (
                "“We will not move,” said Kora Venn. “Not now!” she added. Nobody replied?",
                &[
                    "“We will not move,” said Kora Venn.",
                    "“Not now!” she added.",
                    "Nobody replied?",
                ],
            ),
            (
                "Prices rose 2.5 percent in the quarter, officials said. Markets fell.",
                &[
                    "Prices rose 2.5 percent in the quarter, officials said.",
                    "Markets fell.",
                ],
            ),
        ];
        for (text, want) in cases {
            let blocks = vec![Block {
                span: ByteSpan::new(0, text.len()),
                kind: crate::text::clean::BlockKind::Paragraph,
            }];
            let got: Vec<&str> = sentences(text, &blocks)
                .iter()
                .map(|s| s.span.slice(text))
                .collect();
            assert_eq!(&got, want);
        }
    }

    #[test]
    fn headings_stand_alone() {
        let text = "Floods in the valley\n\nRain fell for days and the river rose above the old bridge near town.\n\nWhat comes next\n\nEngineers will inspect the bridge on Friday, the county said in a statement.";
        let got: Vec<(bool, &str)> = sentences(text, &clean(text))
            .iter()
            .map(|s| (s.heading, s.span.slice(text)))
            .collect();
        assert_eq!(got.len(), 4);
        assert!(got[0].0 && got[2].0 && !got[1].0 && !got[3].0, "{got:?}");
    }
}
