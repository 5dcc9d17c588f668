//! Telling the article from the page around it.
//!
//! Each non-blank line becomes a [`Block`] with its byte span; what is not
//! article (comment forms, newsletter boxes, share widgets, captions, bylines,
//! the trail after the last paragraph) is marked, never cut, so offsets stay
//! those of the text as read.

use super::document::ByteSpan;
use super::lexicon::{is_credit_word, with_lower};
use super::tokens::{is_alnum, is_capitalised, lower_into};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// What a line of a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum BlockKind {
    /// The first line, when it reads as a headline.
    Title,
    /// A short line without sentence punctuation inside the article.
    Heading,
    /// A line of running text.
    Paragraph,
    /// A dateline or publication line near the top.
    Dateline,
    /// Web-page furniture: comment forms, newsletter and subscription boxes,
    /// share, print and "source link" widgets.
    Interface,
    /// A photo caption or credit.
    Caption,
    /// A byline or author box.
    Byline,
    /// Whatever follows the article's last paragraph.
    Trailer,
}

impl BlockKind {
    /// True for the kinds that are part of the article.
    pub fn is_article(self) -> bool {
        matches!(
            self,
            BlockKind::Title | BlockKind::Heading | BlockKind::Paragraph
        )
    }
}

/// A line of a document with what it was judged to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Block {
    /// The line without its surrounding white space.
    pub span: ByteSpan,
    /// What it is.
    pub kind: BlockKind,
}

struct Line {
    span: ByteSpan,
    words: usize,
    ui_strong: usize,
    ui_weak: usize,
    /// Ends like a sentence: `.`, `!`, `?`, optionally inside a closing quote.
    terminal: bool,
    caption: bool,
    byline: bool,
    dateline: bool,
    title_case: bool,
}

fn trim_span(text: &str, start: usize, end: usize) -> ByteSpan {
    let s = &text[start..end];
    let is_blank = |c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}';
    let lead = s.len() - s.trim_start_matches(is_blank).len();
    let trail = s.trim_end_matches(is_blank).len();
    if trail <= lead {
        ByteSpan::new(start + lead, start + lead)
    } else {
        ByteSpan::new(start + lead, start + trail)
    }
}

fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '*']);
    t.ends_with(['.', '!', '?', '\u{2026}', ':', ';'])
}

const STRONG: u8 = 1;
const WEAK: u8 = 2;
const MINOR: u8 = 4;

/// The word classes, and which first and last letters their words have at
/// each length: most words of a line share neither with any listed word,
/// and are answered without hashing.
struct Classes {
    map: super::lexicon::FxMap<&'static str, u8>,
    first: [u32; 32],
    last: [u32; 32],
}

/// A letter's bit in [`Classes`]: one per ASCII lower-case letter, one for
/// every other byte.
fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        1 << 26
    }
}

/// What a lower-cased word tells about its line, in one table look-up.
fn line_word_class(l: &str) -> u8 {
    use std::sync::OnceLock;
    static M: OnceLock<Classes> = OnceLock::new();
    let c = M.get_or_init(|| {
        let mut m = super::lexicon::FxMap::default();
        for w in super::lexicon::UI_STRONG.split_whitespace() {
            *m.entry(w).or_insert(0) |= STRONG;
        }
        for w in super::lexicon::UI_WEAK.split_whitespace() {
            *m.entry(w).or_insert(0) |= WEAK;
        }
        for w in super::lexicon::MINOR_WORDS.split_whitespace() {
            *m.entry(w).or_insert(0) |= MINOR;
        }
        let mut first = [0; 32];
        let mut last = [0; 32];
        for w in m.keys() {
            let b = w.as_bytes();
            // Longer words are always looked up.
            if let (Some(f), Some(z), true) = (b.first(), b.last(), b.len() < 32) {
                first[b.len()] |= letter_bit(*f);
                last[b.len()] |= letter_bit(*z);
            }
        }
        Classes {
            map: m,
            first,
            last,
        }
    });
    let b = l.as_bytes();
    if let (Some(f), Some(z), true) = (b.first(), b.last(), b.len() < 32) {
        if c.first[b.len()] & letter_bit(*f) == 0 || c.last[b.len()] & letter_bit(*z) == 0 {
            return 0;
        }
    }
    c.map.get(l).copied().unwrap_or(0)
}

/// Bytes that make up a word of a line, for ASCII lines.
const LINE_WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'\'' || c == b'@';
        b += 1;
    }
    t
};

/// The number of ASCII spaces in `b`, eight bytes at a time: every line of
/// every article is counted.
fn count_spaces(b: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        // Bytes equal to a space become zero; a byte's high bit is then set
        // exactly when it is not zero.
        let x = u64::from_le_bytes(w) ^ 0x2020_2020_2020_2020;
        let nonzero = ((x & LOW7).wrapping_add(LOW7) | x) & !LOW7;
        n += 8 - nonzero.count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&c| c == b' ').count()
}

fn analyse_line(text: &str, span: ByteSpan, index: usize, buf: &mut String) -> Line {
    let s = span.slice(text);
    let mut words = 0;
    let mut ui_strong = 0;
    let mut ui_weak = 0;
    let mut caps = 0;
    let mut lowers = 0;
    // Past forty words a line is prose whatever its words (the furniture
    // rules stop at forty): only count them.
    let long = count_spaces(s.as_bytes()) > 45;
    let mut count = |w: &str, l: Option<&str>| {
        words += 1;
        if long {
            return;
        }
        let class = match l {
            Some(l) => line_word_class(l),
            None => with_lower(w, line_word_class),
        };
        if class & STRONG != 0 || w.contains(['©', '@']) {
            ui_strong += 1;
        } else if class & WEAK != 0 {
            ui_weak += 1;
        }
        if is_capitalised(w) || w.starts_with(|c: char| c.is_ascii_digit()) {
            caps += 1;
        } else if class & MINOR == 0 {
            lowers += 1;
        }
    };
    if s.is_ascii() {
        // Bytes, and one lower-cased copy: ASCII lower-casing keeps offsets.
        // The words are counted as `count` does, with the tests on their
        // first byte and for '@' made on bytes: no '©' in ASCII.
        let lower = if long { "" } else { lower_into(s, buf) };
        let b = s.as_bytes();
        // Few lines hold an '@': one search per line spares one per word.
        let any_at = b.contains(&b'@');
        let is_word = |c: u8| LINE_WORD_BYTE[usize::from(c)];
        let mut i = 0;
        while i < b.len() {
            if !is_word(b[i]) {
                i += 1;
                continue;
            }
            let from = i;
            while i < b.len() && is_word(b[i]) {
                i += 1;
            }
            words += 1;
            if long {
                continue;
            }
            let w = &b[from..i];
            let class = line_word_class(lower.get(from..i).unwrap_or(""));
            if class & STRONG != 0 || any_at && w.contains(&b'@') {
                ui_strong += 1;
            } else if class & WEAK != 0 {
                ui_weak += 1;
            }
            if w[0].is_ascii_uppercase() || w[0].is_ascii_digit() {
                caps += 1;
            } else if class & MINOR == 0 {
                lowers += 1;
            }
        }
    } else {
        let split = |c: char| !(is_alnum(c) || c == '-' || c == '\'' || c == '@' || c == '©');
        for w in s.split(split).filter(|w| !w.is_empty()) {
            count(w, None);
        }
    }
    // Page widgets glue words with underscores: "share_this", "image_print".
    if s.contains('_') && !s.contains(' ') {
        ui_strong += 1;
    }
    let terminal = ends_like_sentence(s);
    let ends_with_paren = s.ends_with(')');
    Line {
        span,
        words,
        ui_strong,
        ui_weak,
        terminal,
        caption: (!terminal || ends_with_paren) && is_caption(s, buf),
        byline: is_byline(s),
        dateline: index < 8 && words <= 12 && is_dateline(s, buf),
        title_case: words >= 2 && lowers * 4 <= caps,
    }
}

/// A caption ends in a credit: a short last segment, without sentence
/// punctuation, naming an agency or a photo pool ("Name/Pool via AGENCY").
fn is_caption(s: &str, buf: &mut String) -> bool {
    let lower = lower_into(s, buf);
    if lower.starts_with("photo:")
        || lower.starts_with("file photo")
        || lower.starts_with("image:")
        || lower.starts_with("credit:")
    {
        return true;
    }
    let trimmed = s.trim_end();
    if ends_like_sentence(trimmed) && !trimmed.ends_with(')') {
        return false;
    }
    let tail = match trimmed.rfind(". ") {
        Some(i) => &trimmed[i + 2..],
        None => return false,
    };
    let tail_words: Vec<&str> = tail
        .split(|c: char| c.is_whitespace() || c == '/' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut b = String::new();
    (1..=7).contains(&tail_words.len())
        && tail_words
            .iter()
            .any(|w| is_credit_word(lower_into(w, &mut b)))
}

fn is_byline(s: &str) -> bool {
    if !["By", "BY", "Reporting", "Writing", "Editing", "Additional"]
        .iter()
        .any(|p| s.starts_with(p))
    {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > 9 || ends_like_sentence(s) && !s.ends_with('.') {
        return false;
    }
    match words.first() {
        Some(&"By") | Some(&"BY") => {
            words.len() >= 2 && words[1..].iter().any(|w| is_capitalised(w))
        }
        Some(&"Reporting") | Some(&"Writing") | Some(&"Editing") | Some(&"Additional") => words
            .get(1)
            .is_some_and(|w| *w == "by" || *w == "reporting"),
        _ => false,
    }
}

fn is_dateline(s: &str, buf: &mut String) -> bool {
    let lower = lower_into(s, buf);
    ["published", "updated", "posted", "last updated"]
        .iter()
        .any(|c| lower.starts_with(c))
        || lower.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
            matches!(
                w,
                "january"
                    | "february"
                    | "march"
                    | "april"
                    | "june"
                    | "july"
                    | "august"
                    | "september"
                    | "october"
                    | "november"
                    | "december"
            )
        }) && s.bytes().filter(u8::is_ascii_digit).count() >= 4
            && s.split_whitespace().count() <= 12
}

impl Line {
    /// Page furniture: a short line with any interface word, or a line
    /// dense with them.
    fn interface(&self) -> bool {
        let score = 2 * self.ui_strong + self.ui_weak;
        (self.words <= 5 && self.ui_strong + self.ui_weak >= 1 && !self.terminal)
            || (self.words <= 40 && score >= 3 && score * 10 >= self.words * 3)
    }

    /// Running prose long enough to be article text.
    fn prose(&self) -> bool {
        self.words >= 10 && self.terminal
    }
}

/// Splits `text` into lines and says which are article and which are page.
///
/// ```
/// use corroborate::{clean, BlockKind};
///
/// let text = "Harbour reopens\n\nThe port of Vell reopened on Monday after a two-week strike ended.\n\nShare this article\n\nLeave a comment";
/// let kinds: Vec<BlockKind> = clean(text).iter().map(|b| b.kind).collect();
/// assert_eq!(kinds[0], BlockKind::Title);
/// assert_eq!(kinds[1], BlockKind::Paragraph);
/// assert!(!kinds[2].is_article() && !kinds[3].is_article());
/// ```
pub fn clean(text: impl AsRef<str>) -> Vec<Block> {
    let text = text.as_ref();
    let mut buf = String::new();
    // Line ends are found with memchr, and counted first so that the list
    // of lines is allocated once.
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let span = trim_span(text, start, i);
        if !span.is_empty() {
            let index = lines.len();
            lines.push(analyse_line(text, span, index, &mut buf));
        }
        start = i + 1;
    }
    let span = trim_span(text, start, text.len());
    if !span.is_empty() {
        let index = lines.len();
        lines.push(analyse_line(text, span, index, &mut buf));
    }

    let mut kinds: Vec<BlockKind> = lines
        .iter()
        .map(|l| {
            if l.interface() {
                BlockKind::Interface
            } else if l.caption {
                BlockKind::Caption
            } else if l.byline {
                BlockKind::Byline
            } else if l.dateline {
                BlockKind::Dateline
            } else if l.terminal || l.words > 14 {
                BlockKind::Paragraph
            } else {
                BlockKind::Heading
            }
        })
        .collect();

    // A short line wedged between page furniture is furniture too: the
    // body of a newsletter box between its heading and its fine print.
    for i in 0..lines.len() {
        if kinds[i].is_article() && lines[i].words < 12 {
            let before = i
                .checked_sub(1)
                .is_some_and(|j| kinds[j] == BlockKind::Interface);
            let after = (i + 1..lines.len().min(i + 3)).any(|j| kinds[j] == BlockKind::Interface);
            if before && after {
                kinds[i] = BlockKind::Interface;
            }
        }
    }

    // The article ends with its last line of prose; what follows is trail,
    // except sentences that come before any furniture ("He declined to
    // comment." as a last short paragraph).
    if let Some(last) = (0..lines.len())
        .rev()
        .find(|&i| kinds[i] == BlockKind::Paragraph && lines[i].prose())
    {
        let mut furniture = false;
        for i in last + 1..lines.len() {
            if !kinds[i].is_article() {
                furniture = true;
                continue;
            }
            if furniture || !lines[i].terminal || lines[i].words < 3 {
                kinds[i] = BlockKind::Trailer;
                furniture = true;
            }
        }
    }

    // The first article line is the headline when it does not end like a
    // sentence or is set in title case.
    if let Some(first) = kinds.iter().position(|k| k.is_article()) {
        if first < 3
            && (!lines[first].terminal || lines[first].title_case)
            && lines[first].words <= 30
        {
            kinds[first] = BlockKind::Title;
        }
    }

    lines
        .iter()
        .zip(kinds)
        .map(|(l, kind)| Block { span: l.span, kind })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_counted() {
        let cases = [
            "",
            " ",
            "a b",
            "  x  y  z  ",
            "no\u{a0}break here, and   more spaces   ",
            "\u{2020} \u{a0}\u{2020}\u{7f}\u{a0}  ",
        ];
        for s in cases {
            let want = s.bytes().filter(|&b| b == b' ').count();
            assert_eq!(count_spaces(s.as_bytes()), want, "{s:?}");
        }
    }

    #[test]
    fn page_furniture_is_marked() {
        // Invented page: a headline, prose, a heading, a caption, then the
        // usual trail of a news site.
        let text = "\u{feff}Rail strike ends in Vellmark\r\n\r\n\
            By Ana Tormel\r\n\
            Train drivers in Vellmark returned to work on Monday after a deal on pay was signed by both unions.\r\n\
            Talks resume\r\n\
            Minister Oro Palle said the agreement would be reviewed in a year and that fares would not rise.\r\n\
            Drivers walk past a depot in Vellmark on Monday. Jon Rask/Pool via Reuters\r\n\
            The unions called the deal a fair outcome for passengers and staff alike in a short statement.\r\n\
            Sign up for our daily newsletter\r\n\
            Get the top stories every morning,\r\n\
            straight to your inbox.\r\n\
            By subscribing you agree to our Privacy Policy and Terms of Service.\r\n\
            Related posts\r\n\
            Leave a Reply\r\n\
            Comments are moderated. Your email is never shown publicly. Required fields have a star.";
        let blocks = clean(text);
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            vec![
                Title, Byline, Paragraph, Heading, Paragraph, Caption, Paragraph, Interface,
                Interface, Interface, Interface, Interface, Interface, Interface
            ],
            "{blocks:?}"
        );
        for b in &blocks {
            let s = b.span.slice(text);
            assert!(
                !s.is_empty() && s.trim() == s && !s.starts_with('\u{feff}'),
                "{s:?}"
            );
        }
    }

    #[test]
    fn trailing_author_box_is_trail() {
        let text = "Floods close the river road\n\nThe river road near Ostra was closed on Friday as water rose over the bank.\n\nAuthor\n\nMara Quill\n\nSenior Fellow, Ostra Institute";
        let kinds: Vec<BlockKind> = clean(text).iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Interface,
                BlockKind::Trailer,
                BlockKind::Trailer
            ]
        );
    }
}
