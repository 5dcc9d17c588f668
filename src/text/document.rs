//! Articles as read: the exact text, who published it, and when.

use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::model::{Provenance, SourceId};
use crate::value::Date;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A UTF-8 byte range `[start, end)` in a document's text, exactly as read.
///
/// ```
/// let span = corroborate::ByteSpan::new(4, 9);
/// assert_eq!(span.slice("the quick fox"), "quick");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ByteSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl ByteSpan {
    /// The span `[start, end)`.
    pub fn new(start: usize, end: usize) -> Self {
        ByteSpan { start, end }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when it holds no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text it covers, or `""` when it does not fall on character
    /// boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The span as claim provenance.
    pub fn provenance(&self) -> Provenance {
        Provenance::Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// One article: its text exactly as read, its source id, and optionally a
/// title and a publication date.
///
/// The text is never rewritten. A byte-order mark, CRLF line ends,
/// non-breaking spaces and curly quotes stay where they are; every offset
/// the crate reports refers to this text.
///
/// ```
/// use corroborate::{Date, Document};
///
/// let doc = Document::new("wire-1", "Published May 2, 2031\n\nThe council met.");
/// assert_eq!(doc.published(), Some(Date::ymd(2031, 5, 2)));
/// assert_eq!(doc.source().as_str(), "wire-1");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Document {
    source: SourceId,
    text: String,
    title: Option<String>,
    published: Option<Date>,
}

impl Document {
    /// An article with source id `source`; the publication date is looked
    /// for in a dateline near the top ("Published March 3, 2030",
    /// "3 March 2030", "2030-03-03").
    pub fn new(source: impl Into<SourceId>, text: impl Into<String>) -> Self {
        let text = text.into();
        let published = find_published(&text);
        Document {
            source: source.into(),
            text,
            title: None,
            published,
        }
    }

    /// Reads an article from bytes, which must be UTF-8.
    ///
    /// ```
    /// use corroborate::{Document, ErrorKind};
    ///
    /// let err = Document::from_bytes("bad", vec![b'a', 0xff]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidUtf8);
    /// ```
    pub fn from_bytes(
        source: impl Into<SourceId>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<Self, Error> {
        let source = source.into();
        match String::from_utf8(bytes.into()) {
            Ok(text) => Ok(Document::new(source, text)),
            Err(e) => Err(utf8_error(source.as_str(), e.utf8_error())),
        }
    }

    /// Reads an article from a file; the source id is the file's stem.
    ///
    /// Fails with [`ErrorKind::Io`] when the file cannot be read and
    /// [`ErrorKind::InvalidUtf8`] when it is not UTF-8; both messages name
    /// the file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())))?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Document::new(stem, text)),
            Err(e) => Err(utf8_error(&path.display().to_string(), e.utf8_error())),
        }
    }

    /// Sets the title, when the caller knows it better than the first line.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the publication date, overriding any found in the text.
    pub fn with_published(mut self, date: Date) -> Self {
        self.published = Some(date);
        self
    }

    /// The source id.
    pub fn source(&self) -> &SourceId {
        &self.source
    }

    /// The text exactly as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The title given with [`Document::with_title`].
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The publication date, given or found in the text.
    pub fn published(&self) -> Option<Date> {
        self.published
    }
}

fn utf8_error(name: &str, e: std::str::Utf8Error) -> Error {
    Error::new(
        ErrorKind::InvalidUtf8,
        format!("{name}: invalid UTF-8 at byte {}", e.valid_up_to()),
    )
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() >= 3) && (w.len() == m.len() || w.len() <= 4))
        .map(|i| i as u8 + 1)
}

/// The publication date of a dateline: only the first lines are looked at,
/// and only short ones or ones that say "Published", "Updated", "Posted".
///
/// This reads the few shapes datelines take; dates in running text are the
/// value scanner's business.
fn find_published(text: &str) -> Option<Date> {
    let mut seen = 0;
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 8 {
            break;
        }
        let lower = line.to_ascii_lowercase();
        let cue = ["published", "updated", "posted", "date:"]
            .iter()
            .any(|c| lower.starts_with(c));
        let words = line.split_whitespace().count();
        if !(cue || words <= 12) {
            continue;
        }
        if let Some(d) = date_in_line(line) {
            return Some(d);
        }
    }
    None
}

fn date_in_line(line: &str) -> Option<Date> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    let num = |w: &str| -> Option<u32> {
        let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit()))
            .then(|| d.parse().ok())
            .flatten()
    };
    let year = |w: &str| num(w).filter(|y| (1800..=2200).contains(y) && w.len() == 4);
    let day = |w: &str| num(w).filter(|d| (1..=31).contains(d));
    for i in 0..words.len() {
        let w = words[i];
        // ISO 8601.
        let parts: Vec<&str> = w.split('-').collect();
        if parts.len() == 3 && parts[0].len() == 4 {
            if let (Some(y), Ok(m), Ok(d)) = (
                year(parts[0]),
                parts[1].parse::<u8>(),
                parts[2].get(..2).unwrap_or(parts[2]).parse::<u8>(),
            ) {
                if (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return Some(Date::ymd(y as i32, m, d));
                }
            }
        }
        if let Some(m) = month_number(w) {
            // Month D, YYYY
            if let (Some(d), Some(y)) = (
                words.get(i + 1).and_then(|w| day(w)),
                words.get(i + 2).and_then(|w| year(w)),
            ) {
                return Some(Date::ymd(y as i32, m, d as u8));
            }
            // D Month YYYY
            if let (Some(d), Some(y)) = (
                i.checked_sub(1).and_then(|j| day(words[j])),
                words.get(i + 1).and_then(|w| year(w)),
            ) {
                return Some(Date::ymd(y as i32, m, d as u8));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let cases = [
            ("Published March 3, 2030\nBody text.", Some(Date::ymd(2030, 3, 3))),
            ("Headline here\nUpdated 14 Feb 2029 10:00 GMT\n", Some(Date::ymd(2029, 2, 14))),
            ("Title\n2031-11-05T08:00\nText", Some(Date::ymd(2031, 11, 5))),
            ("The March 3, 2030 vote was delayed after a long and tiring dispute in the assembly.", None),
            ("No date at all.", None),
            ("May 40, 2030", None),
        ];
        for (text, want) in cases {
            assert_eq!(find_published(text), want, "{text:?}");
        }
    }

    #[test]
    fn invalid_utf8_names_the_source() {
        let err = Document::from_bytes("feed-7", vec![b'o', b'k', 0xc3]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidUtf8);
        assert!(err.message().contains("feed-7"), "{}", err.message());
    }

    #[test]
    fn text_is_kept_verbatim() {
        let raw = "\u{feff}Title\r\nIt\u{a0}said \u{201c}yes\u{201d}.\r\n";
        let doc = Document::from_bytes("x", raw.as_bytes().to_vec()).unwrap();
        assert_eq!(doc.text(), raw);
    }
}
