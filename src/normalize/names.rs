//! People's names and lists of them, as catalogues and bookshops write them.
//!
//! A value is cut into segments at strong separators (`;`, `/`, `&`, the
//! word `and`, role words such as `By` or `Editor`, and parenthesised role
//! tags like `(Author)` or `(EDT)`). Within a segment, commas are read by
//! their pattern:
//!
//! * `Last, First` — one inverted name, when the part before the comma is a
//!   single family word (with particles: `Van Der Lans, Rick`);
//! * `Last, First, Last, First` — inverted names in pairs;
//! * `Last, First Last, First` — inverted names with the separator lost
//!   (`Woods, Eoin Rozanski, Nick`): each middle part ends with the next
//!   family name;
//! * otherwise `First Last, First Last` — a list of names in direct order.
//!
//! A value with no separator at all and four or more words
//! (`Chris Sells Michael Weinhardt`) is read as several names when it
//! splits exactly into given–initials–family runs; reading as
//! [`Name`](crate::ValueKind::Name) never splits it.
//!
//! Each name is then put in direct order and split canonically: the family
//! name is the last word with the particles before it (`van der Linden`),
//! the given names are the rest, so that the display form reads back to the
//! same name. A multi-word family name without a particle (`Garcia
//! Marquez, Gabriel`) therefore splits at its last word; [`NameKey`]
//! comparisons are unaffected. Initials get a dot (`E` → `E.`, `C.J.` →
//! `C. J.`); names written in capitals throughout are title-cased; academic
//! and generational suffixes (`Ph.D.`, `Jr.`, `III`) and `et al.` are
//! dropped; HTML entities are decoded.

use unicode_normalization::UnicodeNormalization;

use super::{is_one_of, unparseable};
use crate::report::RejectReason;
use crate::value::{PersonName, Value, ValueKind};

/// Words that join a family name to the word after them.
fn is_particle(w: &str) -> bool {
    const PARTICLES: [&str; 22] = [
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter",
        "ten", "dos", "das", "des", "zu", "bin", "ibn", "el", "st.",
    ];
    is_one_of(w, &PARTICLES)
}

/// Words naming a role: they separate the names around them.
fn is_role(key: &str) -> bool {
    const ROLES: [&str; 25] = [
        "and",
        "by",
        "with",
        "edited",
        "editor",
        "editors",
        "eds",
        "edt",
        "author",
        "authors",
        "coauthor",
        "foreword",
        "introduction",
        "preface",
        "illustrator",
        "illustrated",
        "illustrations",
        "translator",
        "translated",
        "contributor",
        "contributors",
        "compiled",
        "compiler",
        "joint",
        "narrated",
    ];
    ROLES.contains(&key)
}

/// Titles and suffixes that are not part of the name.
fn is_dropped(key: &str) -> bool {
    const DROPPED: [&str; 16] = [
        "phd",
        "md",
        "mba",
        "msc",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "dr",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "etc",
    ];
    DROPPED.contains(&key)
}

/// Decodes the HTML entities bookshop pages leave in names: `&amp;`,
/// `&eacute;`, `&#233;`, `&#xE9;`. Unknown entities stay as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let body_len = rest[1..]
            .bytes()
            .take(10)
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        let name = &rest[1..1 + body_len];
        let semi = rest[1 + body_len..].starts_with(';');
        match entity(name) {
            Some(text) => {
                out.push_str(&text);
                rest = &rest[1 + body_len + usize::from(semi)..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.nfc().collect()
}

fn entity(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).map(String::from);
    }
    let fixed = match name {
        "amp" => "&",
        "nbsp" => " ",
        "quot" => "\"",
        "apos" => "'",
        "lt" => "<",
        "gt" => ">",
        "szlig" => "ß",
        "oslash" => "ø",
        "Oslash" => "Ø",
        "aelig" => "æ",
        "AElig" => "Æ",
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.to_owned());
    }
    // A letter and the name of its accent: `eacute`, `Atilde`, `ccedil`.
    let mut chars = name.chars();
    let base = chars.next().filter(char::is_ascii_alphabetic)?;
    let mark = match chars.as_str() {
        "acute" => '\u{301}',
        "grave" => '\u{300}',
        "circ" => '\u{302}',
        "tilde" => '\u{303}',
        "uml" => '\u{308}',
        "ring" => '\u{30a}',
        "caron" => '\u{30c}',
        "cedil" => '\u{327}',
        _ => return None,
    };
    Some([base, mark].iter().collect())
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Word(String),
    Comma,
    Sep,
}

/// Lower-case letters of a word, for matching roles and suffixes.
fn word_key(w: &str) -> String {
    w.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits a word at dots inside it (`C.J.` → `C.` `J.`, `M.Begg` → `M.`
/// `Begg`) and at a capital glued to a lower-case run of three or more
/// letters (`RobertFlajolet` → `Robert` `Flajolet`), but not after the
/// name prefixes that take a capital (`MacDonald`, `LeBlanc`, `McManus`).
fn split_word(w: &str, out: &mut Vec<String>) {
    let mut start = 0;
    // Where the current run of letters began: "Wilding-McBride" is judged
    // on "Mc", not on "Wilding-Mc".
    let mut run = 0;
    let mut prev: Option<char> = None;
    for (i, c) in w.char_indices() {
        let letters = &w[run..i];
        let after_dot = prev == Some('.') && c.is_alphabetic();
        let camel = prev.is_some_and(char::is_lowercase)
            && c.is_ascii_uppercase()
            && letters.chars().count() >= 3
            && !is_one_of(letters, &["mac", "van", "von", "fitz", "della", "dela"]);
        if after_dot || camel {
            out.push(w[start..i].to_owned());
            start = i;
        }
        if !c.is_alphabetic() || after_dot || camel {
            run = if c.is_alphabetic() {
                i
            } else {
                i + c.len_utf8()
            };
        }
        prev = Some(c);
    }
    out.push(w[start..].to_owned());
}

/// Ends the current word: splits it, then turns each piece into a
/// separator, drops it, or keeps it.
fn flush(word: &mut String, items: &mut Vec<Item>, pending_et: &mut bool) {
    let raw = std::mem::take(word);
    let w = raw
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .trim_end_matches(|c: char| !(c.is_alphabetic() || c == '.'));
    let mut pieces = Vec::new();
    // "Ph.D." is dropped whole, before its dots could split it.
    if !w.is_empty() && !is_dropped(&word_key(w)) {
        split_word(w, &mut pieces);
    }
    for piece in pieces {
        let key = word_key(&piece);
        if *pending_et && key == "al" {
            *pending_et = false;
        } else if key == "et" {
            *pending_et = true;
        } else if is_role(&key) {
            items.push(Item::Sep);
        } else if !(is_dropped(&key) || piece.chars().any(|c| c.is_ascii_digit())) {
            // Digits are years and stray counts ("Li, Qing, 1971-"), never names.
            items.push(Item::Word(piece));
        }
    }
    // "Platt- David S.": a hyphen left hanging stands for the comma.
    if raw.ends_with('-') && !w.is_empty() {
        items.push(Item::Comma);
    }
}

/// Cuts the cleaned text into words, commas and separators.
fn lex(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut word = String::new();
    let mut depth = 0u32;
    let mut pending_et = false;
    for c in text.chars() {
        if depth > 0 {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                _ => {}
            }
            continue;
        }
        match c {
            '(' | '[' => {
                flush(&mut word, &mut items, &mut pending_et);
                depth = 1;
                items.push(Item::Sep);
            }
            ';' | '/' | '&' | '|' | '\n' => {
                flush(&mut word, &mut items, &mut pending_et);
                items.push(Item::Sep);
            }
            ',' => {
                flush(&mut word, &mut items, &mut pending_et);
                items.push(Item::Comma);
            }
            ')' | ']' | ':' | '"' | '*' => flush(&mut word, &mut items, &mut pending_et),
            c if c.is_whitespace() => flush(&mut word, &mut items, &mut pending_et),
            c => word.push(c),
        }
    }
    flush(&mut word, &mut items, &mut pending_et);
    items
}

fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), None | Some('.'), None) if c.is_alphabetic())
}

/// One family name: one word, after any particles.
fn family_like(p: &[String]) -> bool {
    let core: Vec<&String> = p.iter().filter(|w| !is_particle(w)).collect();
    core.len() == 1 && !is_initial(core[0]) && p.last() == Some(core[0])
}

fn given_like(p: &[String]) -> bool {
    (1..=3).contains(&p.iter().filter(|w| !is_particle(w)).count())
}

/// A name from its words in direct order, split canonically.
fn direct(words: &[String]) -> Option<PersonName> {
    let last = words.len().checked_sub(1)?;
    let mut cut = last;
    while cut > 0 && is_particle(&words[cut - 1]) {
        cut -= 1;
    }
    let given: Vec<String> = words[..cut]
        .iter()
        .map(|w| {
            if is_initial(w) && !w.ends_with('.') {
                format!("{w}.")
            } else {
                w.clone()
            }
        })
        .collect();
    Some(PersonName {
        given: given.join(" "),
        family: words[cut..].join(" "),
    })
}

fn inverted(family: &[String], given: &[String]) -> Option<PersonName> {
    let words: Vec<String> = given.iter().chain(family).cloned().collect();
    direct(&words)
}

/// `Chris Sells Michael Weinhardt`: given, initials, particles, family,
/// repeated; `None` unless the words split that way exactly, twice or more.
fn runs(words: &[String]) -> Option<Vec<PersonName>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let start = i;
        if is_initial(&words[i]) || is_particle(&words[i]) {
            return None;
        }
        i += 1;
        while i < words.len() && is_initial(&words[i]) {
            i += 1;
        }
        while i < words.len() && is_particle(&words[i]) {
            i += 1;
        }
        if i >= words.len() || is_initial(&words[i]) {
            return None;
        }
        i += 1;
        out.push(direct(&words[start..i])?);
    }
    (out.len() >= 2).then_some(out)
}

/// Reads one segment's comma-separated parts into names.
fn read_segment(parts: &[Vec<String>], split_runs: bool, out: &mut Vec<PersonName>) {
    let n = parts.len();
    match parts {
        [] => {}
        [one] => {
            let found = if split_runs && one.len() >= 4 {
                runs(one)
            } else {
                None
            };
            match found {
                Some(ps) => out.extend(ps),
                None => out.extend(direct(one)),
            }
        }
        [first, ..] if family_like(first) => {
            let pairs = n % 2 == 0
                && parts.iter().step_by(2).all(|p| family_like(p))
                && parts.iter().skip(1).step_by(2).all(|p| given_like(p));
            if pairs {
                for pair in parts.chunks(2) {
                    out.extend(inverted(&pair[0], &pair[1]));
                }
                return;
            }
            let chained = parts[1..n - 1]
                .iter()
                .all(|p| p.len() >= 2 && p.last().is_some_and(|w| !is_initial(w)));
            if chained {
                let mut family = &first[..];
                for p in &parts[1..n - 1] {
                    // The next family name is the last word and the
                    // particles before it: "James D. van Dam, Andries".
                    let mut cut = p.len() - 1;
                    while cut > 1 && is_particle(&p[cut - 1]) {
                        cut -= 1;
                    }
                    let (given, next) = p.split_at(cut);
                    out.extend(inverted(family, given));
                    family = next;
                }
                out.extend(inverted(family, &parts[n - 1]));
            } else {
                out.extend(parts.iter().filter_map(|p| direct(p)));
            }
        }
        _ => out.extend(parts.iter().filter_map(|p| direct(p))),
    }
}

/// Title case for a word written in capitals: `O'LEARY` → `O'Leary`,
/// `FELKE-MORRIS` → `Felke-Morris`.
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            // "ᾈ" upper-cases to two letters; only the first is a capital.
            let mut up = c.to_uppercase();
            out.extend(up.next());
            out.extend(up.flat_map(char::to_lowercase));
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'' | '\u{2019}' | '.' | ' ');
    }
    out
}

/// Reads one or more people's names. `many` allows splitting a value with
/// no separators into several names (see the module comment).
pub(super) fn parse(raw: &str, many: bool) -> Result<Value, RejectReason> {
    let expected = if many {
        ValueKind::Names
    } else {
        ValueKind::Name
    };
    let text = decode_entities(raw);
    let items = lex(&text);
    let bare = !items.iter().any(|i| matches!(i, Item::Comma | Item::Sep));
    let mut people = Vec::new();
    for segment in items.split(|i| *i == Item::Sep) {
        let parts: Vec<Vec<String>> = segment
            .split(|i| *i == Item::Comma)
            .map(|p| {
                p.iter()
                    .filter_map(|i| match i {
                        Item::Word(w) => Some(w.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect();
        read_segment(&parts, many && bare, &mut people);
    }
    for p in &mut people {
        // A name written in capitals throughout is shouted, not spelt so.
        let letters = p.given.chars().chain(p.family.chars());
        if !letters.clone().any(char::is_lowercase) && letters.clone().any(char::is_uppercase) {
            p.given = title_case(&p.given);
            p.family = title_case(&p.family);
        }
    }
    let mut unique: Vec<PersonName> = Vec::with_capacity(people.len());
    for p in people {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    match unique.len() {
        0 => Err(unparseable(expected, "no name found")),
        1 => Ok(Value::Name(unique.remove(0))),
        _ => Ok(Value::Names(unique)),
    }
}

/// True when a value of unknown kind reads as names: two or more words, or
/// a comma or separator, where every word is capitalised or is a particle,
/// a role word or `et al.`.
pub(super) fn looks_like_names(s: &str) -> bool {
    let mut capitalised = 0;
    for w in s.split(|c: char| c.is_whitespace() || ",;/&()".contains(c)) {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        let Some(first) = w.chars().next() else {
            continue;
        };
        let key = word_key(w);
        if first.is_uppercase() {
            capitalised += 1;
        } else if !(is_particle(w)
            || is_role(&key)
            || is_dropped(&key)
            || key == "et"
            || key == "al")
        {
            return false;
        }
    }
    capitalised >= 2 || (capitalised == 1 && s.contains([',', ';']))
}

/// The comparison key of a [`PersonName`]: its folded family name and
/// folded given-name tokens, dots removed.
///
/// Keys compare names written differently: `KNUTH, DONALD E.` and
/// `Donald E. Knuth` have equal keys, and `D. Knuth` is
/// [`compatible`](NameKey::compatible) with both.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NameKey {
    /// The folded family name: `van der linden`.
    pub family: String,
    /// The folded given names and initials, in order, without dots.
    pub given: Vec<String>,
}

impl NameKey {
    /// True when the two keys can name the same person: the family names
    /// are equal, and the given names agree as far as both go, an initial
    /// matching any name that starts with it.
    ///
    /// ```
    /// use corroborate::{name_key, PersonName};
    /// let full = PersonName { given: "Donald E.".into(), family: "Knuth".into() };
    /// let short = PersonName { given: "D.".into(), family: "KNUTH".into() };
    /// assert!(name_key(&full).compatible(&name_key(&short)));
    /// ```
    pub fn compatible(&self, other: &NameKey) -> bool {
        self.family == other.family
            && self.given.iter().zip(&other.given).all(|(a, b)| {
                a == b
                    || (a.chars().count() == 1 && b.starts_with(a.as_str()))
                    || (b.chars().count() == 1 && a.starts_with(b.as_str()))
            })
    }
}

/// Builds the [`NameKey`] of a name.
pub fn name_key(name: &PersonName) -> NameKey {
    let undot = |s: &str| crate::fold(&s.replace('.', " "));
    NameKey {
        family: undot(&name.family),
        given: undot(&name.given)
            .split(' ')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
    }
}
