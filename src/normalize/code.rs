//! Codes and identifiers: gates, ISBNs, flight numbers.
//!
//! The rule, applied until the code stops changing:
//! 1. A `Terminal X - G` / `Term B - B84H` / `Main Term - 3rd Lvl - 15`
//!    prefix names the terminal; the gate is the last ` - ` segment. A
//!    value naming only a terminal ("Terminal 8", "Main Term") has no gate
//!    and is a missing value.
//! 2. A leading `Gate` (with `:`, `#` or `.` after it) is dropped.
//! 3. A trailing terminal designator after a slash (`K5/T3`, `C20/C`,
//!    `46/8`) is dropped: one or two letters or digits, or `T` and digits.
//! 4. Trailing uncertainty and footnote marks (`?`, `$`, `*`, `†`) and
//!    hyphens wrapped around the code (`-2-`) are dropped.
//! 5. Inner white space and hyphens are removed and letters upper-cased:
//!    `B 12`, `b-12` and `B12` are one code; `0-201-85394-9` is `0201853949`.

use super::{is_one_of, strip_prefix_ci, unparseable};
use crate::report::RejectReason;
use crate::value::{Value, ValueKind};

/// Words that name a terminal or a level rather than a gate.
fn is_terminal_word(w: &str) -> bool {
    const WORDS: [&str; 9] = [
        "term",
        "terminal",
        "terminals",
        "lvl",
        "level",
        "concourse",
        "conc",
        "bldg",
        "building",
    ];
    is_one_of(w, &WORDS)
}

fn has_terminal_word(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .any(is_terminal_word)
}

/// One pass of the rule in the module comment.
fn step(s: &str) -> Result<String, RejectReason> {
    let mut s = s.trim();
    if has_terminal_word(s) {
        s = s.rsplit(" - ").next().unwrap_or(s).trim();
        if has_terminal_word(s) {
            return Err(RejectReason::MissingValue);
        }
    }
    if let Some(rest) = strip_prefix_ci(s, "gate") {
        let rest = rest.strip_prefix(['s', 'S']).unwrap_or(rest);
        let sep = |c: char| c.is_whitespace() || matches!(c, ':' | '#' | '.');
        // Only a separate word: "GATEWAY1" is a code of its own.
        if rest.starts_with(sep) {
            s = rest.trim_start_matches(sep);
        }
    }
    if let Some((head, tail)) = s.rsplit_once('/') {
        let designator = (1..=2).contains(&tail.len())
            && tail.bytes().all(|b| b.is_ascii_alphanumeric())
            || tail.len() > 1
                && tail.as_bytes()[0].eq_ignore_ascii_case(&b'T')
                && tail[1..].bytes().all(|b| b.is_ascii_digit());
        if designator && !head.contains('/') && !head.trim().is_empty() {
            s = head;
        }
    }
    let s = s
        .trim_end_matches(['?', '$', '*', '\u{2020}', '\u{2021}'])
        .trim_matches('-')
        .trim();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c.is_whitespace() || c == '-' || c == '\u{2010}' || c == '\u{2013}') {
            out.extend(c.to_uppercase());
        }
    }
    if out.is_empty() {
        return Err(unparseable(ValueKind::Code, "no code left after cleaning"));
    }
    Ok(out)
}

/// Reads a code by the module's rule.
pub(super) fn parse(s: &str) -> Result<Value, RejectReason> {
    let mut cur = step(s)?;
    // The rule is applied until it is a fixed point, so that a code always
    // reads back to itself; real codes settle after one pass.
    for _ in 0..4 {
        let next = step(&cur)?;
        if next == cur {
            return Ok(Value::Code(cur));
        }
        cur = next;
    }
    Err(unparseable(ValueKind::Code, "the code does not settle"))
}

/// True when a value of unknown kind reads as a code: one short token of
/// letters and digits with at least one digit (`F78`, `C-3`, `Gate B 12`,
/// `Terminal 3 - 84`), rather than a number or a word.
pub(super) fn looks_like_code(s: &str) -> bool {
    let Ok(code) = step(s) else {
        return false;
    };
    code.len() <= 16
        && code.bytes().any(|b| b.is_ascii_digit())
        && code.bytes().all(|b| b.is_ascii_alphanumeric())
}
