//! Splits text into words, digit runs and single punctuation characters.
//!
//! Spans are byte offsets into the original text. Words are compared through
//! an ASCII-lower-cased copy of the text, which has the same byte offsets, so
//! matching never allocates per token.

use std::cell::{Cell, OnceCell};

use super::numbers::Num;
use crate::text::tokens::is_alnum;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (any script) and apostrophes between letters.
    Word,
    /// A run of ASCII digits.
    Digits,
    /// Any other single non-space character.
    Punct,
}

/// One token with its byte span.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// True when whitespace separates this token from the previous one (or
    /// it is the first token).
    pub space_before: bool,
}

/// The token stream of one text.
pub(crate) struct Toks<'a> {
    pub text: &'a str,
    /// `text` with ASCII letters lower-cased: the same byte offsets.
    pub lower: &'a str,
    pub toks: Vec<Tok>,
    /// The number read at each token, once asked for; made on the first
    /// question, as most lines of prose never ask.
    pub numbers: OnceCell<Vec<Cell<Option<Option<Num>>>>>,
    /// A buffer for `numbers`, kept from an earlier text.
    spare: Cell<Vec<Cell<Option<Option<Num>>>>>,
}

/// The buffers of a token stream, kept from one text to the next.
#[derive(Default)]
pub(crate) struct TokBufs {
    toks: Vec<Tok>,
    numbers: Vec<Cell<Option<Option<Num>>>>,
}

/// What an ASCII byte starts: [`SPACE`], [`DIGIT`], [`ALPHA`] or
/// [`PUNCT`]; [`WIDE`] for the first byte of any other character.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else if c.is_ascii_whitespace() {
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};
const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const PUNCT: u8 = 3;
const WIDE: u8 = 4;

fn is_word_char(c: char) -> bool {
    // Non-ASCII digits count as word characters: a Devanagari numeral glued
    // to a word must not split it into something we would read as a value.
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_alnum(c)
    }
}

impl<'a> Toks<'a> {
    /// Tokenizes `text`; `lower` must be `text.to_ascii_lowercase()`. The
    /// buffers come from [`Toks::into_bufs`] of an earlier text, or are new.
    pub fn with_bufs(text: &'a str, lower: &'a str, bufs: TokBufs) -> Self {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut toks = bufs.toks;
        toks.clear();
        toks.reserve(text.len() / 4 + 1);
        let mut space = true;
        let mut i = 0;
        // A character that is not ASCII, decoded: its kind (`None` for
        // white space) and length.
        let wide = |i: usize| -> (Option<Kind>, usize) {
            let c = text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            let k = if c.is_whitespace() {
                None
            } else if is_word_char(c) {
                Some(Kind::Word)
            } else {
                Some(Kind::Punct)
            };
            (k, c.len_utf8())
        };
        while i < n {
            let start = i;
            // ASCII bytes are classified by table; other characters decoded.
            let kind = match BYTE_CLASS[usize::from(bytes[i])] {
                SPACE => {
                    space = true;
                    i += 1;
                    continue;
                }
                DIGIT => {
                    // No character but an ASCII digit continues a digit run.
                    i += 1;
                    while i < n && BYTE_CLASS[usize::from(bytes[i])] == DIGIT {
                        i += 1;
                    }
                    Kind::Digits
                }
                ALPHA => {
                    i += 1;
                    Self::word_rest(bytes, &mut i, &wide);
                    Kind::Word
                }
                PUNCT => {
                    i += 1;
                    Kind::Punct
                }
                _ => match wide(i) {
                    (None, len) => {
                        space = true;
                        i += len;
                        continue;
                    }
                    (Some(Kind::Word), len) => {
                        i += len;
                        Self::word_rest(bytes, &mut i, &wide);
                        Kind::Word
                    }
                    (Some(k), len) => {
                        i += len;
                        k
                    }
                },
            };
            toks.push(Tok {
                kind,
                start,
                end: i,
                space_before: space,
            });
            space = false;
        }
        Toks {
            text,
            lower,
            numbers: OnceCell::new(),
            spare: Cell::new(bufs.numbers),
            toks,
        }
    }

    /// Moves `i` past the rest of a word: ASCII letters, and characters
    /// beyond ASCII that are word characters.
    fn word_rest(bytes: &[u8], i: &mut usize, wide: &impl Fn(usize) -> (Option<Kind>, usize)) {
        let n = bytes.len();
        loop {
            while *i < n && BYTE_CLASS[usize::from(bytes[*i])] == ALPHA {
                *i += 1;
            }
            if *i >= n || bytes[*i].is_ascii() {
                return;
            }
            match wide(*i) {
                (Some(Kind::Word), len) => *i += len,
                _ => return,
            }
        }
    }

    /// The buffers, for the next text.
    pub fn into_bufs(self) -> TokBufs {
        TokBufs {
            toks: self.toks,
            numbers: self
                .numbers
                .into_inner()
                .unwrap_or_else(|| self.spare.take()),
        }
    }

    /// A fresh number cache, one cell per token, in the spare buffer.
    pub fn number_cells(&self) -> Vec<Cell<Option<Option<Num>>>> {
        let mut v = self.spare.take();
        v.clear();
        v.resize(self.toks.len(), Cell::new(None));
        v
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lower-cased text of token `i`, or "" past the end.
    pub fn low(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self.lower.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    /// The original text of token `i`.
    pub fn orig(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self.text.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    /// The lower-cased word at `i`, if token `i` is a word.
    pub fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => self.lower.get(t.start..t.end),
            _ => None,
        }
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        // Compared by hand: most probes are one or two bytes long, where a
        // call to memcmp costs more than the comparison.
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let low = self.lower.get(t.start..t.end).unwrap_or("");
        t.kind != Kind::Digits
            && low.len() == w.len()
            && low.bytes().zip(w.bytes()).all(|(x, y)| x == y)
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// True when token `i` directly follows token `i - 1` with no space.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    pub fn digits(&self, i: usize) -> Option<&str> {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Digits => self.text.get(t.start..t.end),
            _ => None,
        }
    }

    /// True when the word at `i` starts with an upper-case letter in the original.
    pub fn capitalised(&self, i: usize) -> bool {
        self.orig(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(self.text.len(), |t| t.start)
    }

    /// End byte of the token before `j` (the end of a match ending before `j`).
    pub fn end_before(&self, j: usize) -> usize {
        if j == 0 {
            return 0;
        }
        self.toks.get(j - 1).map_or(self.text.len(), |t| t.end)
    }
}
