//! Entity mentions in one article, and their resolution across articles.
//!
//! Mentions come from runs of capitalised words, read with the cues a news
//! reader uses: titles and honorifics before a name, organisation heads
//! ("Ministry", "Agency") inside it, a gazetteer of countries, capitals and
//! demonyms, acronyms given in parentheses. Resolution joins mentions by key,
//! by acronym, capital and ellipsis ("the North"), then joins short or
//! differently transliterated person names to the one full name they fit.

use std::collections::{BTreeMap, BTreeSet};

use super::document::ByteSpan;
use super::lexicon::{
    calendar_words, gazetteer, is_common_word, is_compass, is_honorific, is_name_connector,
    is_org_head, is_place_head, is_title, is_title_modifier, name_key, name_key_into, title_words,
    with_lower, FxMap, FxSet,
};
use super::tokens::{is_all_caps, is_capitalised, lower_into, tokenize, Tok, Token};
use super::TextOptions;
use crate::intern::Interner;
use crate::model::SourceId;
use crate::report::{Entity, Mention};

/// What kind of thing a mention names, as far as its own words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Other,
    Person,
    Org,
    Place,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Org => "organization",
            Kind::Place => "place",
            Kind::Other => "other",
        }
    }
}

/// A mention's key in [`Keys`]: `g:<id>` for gazetteer places,
/// `n:<name key>` otherwise, `e:<word>` for a "the North" ellipsis still to
/// resolve. Equal keys are equal strings; their order is not the strings'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key(u32);

/// Every key of a set of articles, each spelt once: a mention holds an
/// id, not a copy, so reading a mention allocates nothing.
#[derive(Default)]
pub(crate) struct Keys {
    ids: Interner,
    /// The key of each gazetteer place, once made.
    places: Vec<Option<Key>>,
    buf: String,
}

impl Keys {
    /// The key spelt `prefix` then `rest`.
    fn of(&mut self, prefix: &str, rest: &str) -> Key {
        self.buf.clear();
        self.buf.push_str(prefix);
        self.buf.push_str(rest);
        Key(self.ids.intern(&self.buf))
    }

    /// `g:<id>`, the key of a gazetteer place.
    fn place(&mut self, id: impl Into<usize>) -> Key {
        let id = id.into();
        if let Some(&Some(k)) = self.places.get(id) {
            return k;
        }
        let k = self.of("", &place_key(id));
        if self.places.len() <= id {
            self.places.resize(id + 1, None);
        }
        self.places[id] = Some(k);
        k
    }

    /// The key's string.
    fn get(&self, k: Key) -> &str {
        self.ids.get(k.0)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct RawMention {
    pub span: ByteSpan,
    pub key: Key,
    pub kind: Kind,
    /// A title or honorific stood before it.
    pub titled: bool,
    /// Found where capitals prove little (sentence start, headline): kept
    /// only if it joins an entity that has a firm mention.
    pub weak: bool,
}

/// What one article contributes to resolution.
#[derive(Debug, Default)]
pub(crate) struct DocMentions {
    pub mentions: Vec<RawMention>,
    /// Acronym key → key of the name it abbreviates.
    pub acronyms: Vec<(Key, Key)>,
    /// A lower-case description ("the x agreement known as Name") → the
    /// name's key.
    pub descriptors: Vec<(String, Key)>,
    /// The tokens of every sentence, kept for claim reading.
    pub tokens: Vec<Token>,
    /// Token range of each sentence, in sentence order.
    pub bounds: Vec<(usize, usize)>,
}

/// `g:<id>`, the key of a gazetteer place.
fn place_key(id: impl Into<usize>) -> String {
    let mut digits = [0u8; 20];
    let mut n: usize = id.into();
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut s = String::with_capacity(2 + digits.len() - k);
    s.push_str("g:");
    for &d in &digits[k..] {
        s.push(char::from(d));
    }
    s
}

fn word_hash(w: &str) -> u64 {
    // FNV-1a over lower-cased bytes: a set of these is the article's
    // evidence of which words it writes in lower case.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// A set of word hashes by open addressing. An article inserts every
/// lower-case word it writes, a few hundred, and asks of a few: a table of
/// bare numbers probed in place costs less than a general hash set, and
/// emptying it for the next article only moves its generation on.
#[derive(Default)]
struct HashSet64 {
    /// A hash and the generation it was inserted in; slots of older
    /// generations are empty.
    slots: Vec<(u64, u32)>,
    generation: u32,
    len: usize,
}

impl HashSet64 {
    /// Empties the set, with room for `n` hashes before it grows.
    fn reset(&mut self, n: usize) {
        self.len = 0;
        self.generation = self.generation.wrapping_add(1);
        let cap = (2 * n).next_power_of_two().max(16);
        if self.generation == 0 || self.slots.len() < cap {
            self.generation = 1;
            self.slots.clear();
            self.slots.resize(cap.max(self.slots.capacity()), (0, 0));
        }
    }

    fn slot(&self, h: u64) -> usize {
        // The hashes are FNV-1a: mixed once more so that the low bits are
        // as good as the high ones.
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (self.slots.len() - 1)
    }

    fn insert(&mut self, h: u64) {
        if self.slots.is_empty() || 2 * (self.len + 1) > self.slots.len() {
            let old: Vec<u64> = self
                .slots
                .iter()
                .filter(|s| s.1 == self.generation)
                .map(|s| s.0)
                .collect();
            let cap = (2 * self.slots.len()).max(16);
            self.slots.clear();
            self.slots.resize(cap, (0, 0));
            self.generation = 1;
            self.len = 0;
            for x in old {
                self.insert(x);
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            let (x, g) = self.slots[i];
            if g != self.generation {
                self.slots[i] = (h, self.generation);
                self.len += 1;
                return;
            }
            if x == h {
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn contains(&self, h: u64) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            let (x, g) = self.slots[i];
            if g != self.generation {
                return false;
            }
            if x == h {
                return true;
            }
            i = (i + 1) & mask;
        }
    }
}

struct Sent<'t> {
    toks: &'t [Token],
    heading: bool,
}

/// Buffers for [`extract`], kept from one article to the next so that each
/// article does not allocate its own.
#[derive(Default)]
pub(crate) struct Scratch {
    lower_words: HashSet64,
    buf: String,
    key_buf: std::cell::RefCell<(String, String)>,
    lowers: Vec<String>,
    spans: Vec<std::cell::Cell<usize>>,
}

/// Finds the mentions of one article in its sentences.
pub(crate) fn extract(
    text: &str,
    sentences: &[super::sentences::Sentence],
    options: &TextOptions,
    scratch: &mut Scratch,
    keys: &mut Keys,
) -> DocMentions {
    // About one token per five bytes and one mention per sixty-four,
    // measured on news text: sized once, rarely regrown.
    let mut all = Vec::with_capacity(text.len() / 5);
    let mut bounds = Vec::with_capacity(sentences.len());
    let lower_words = &mut scratch.lower_words;
    // One distinct lower-case word per twelve bytes, measured on news text.
    lower_words.reset(text.len() / 12);
    for s in sentences {
        let from = all.len();
        tokenize(text, s.span.start, s.span.end, &mut all);
        for t in all.iter().skip(from + 1) {
            if t.kind == Tok::Word {
                let w = t.text(text);
                if w.starts_with(|c: char| c.is_lowercase()) {
                    lower_words.insert(word_hash(w));
                }
            }
        }
        bounds.push((from, all.len()));
    }
    let mut out = DocMentions {
        mentions: Vec::with_capacity(text.len() / 64),
        ..Default::default()
    };
    let mut ex = Extractor {
        text,
        lower_words,
        out: &mut out,
        keys,
        buf: std::mem::take(&mut scratch.buf),
        key_buf: std::mem::take(&mut scratch.key_buf),
        lowers: std::mem::take(&mut scratch.lowers),
        spans: std::mem::take(&mut scratch.spans),
        base: 0,
        options,
    };
    ex.spans.clear();
    ex.spans
        .resize(all.len(), std::cell::Cell::new(UNKNOWN_SPAN));
    for (&(from, to), s) in bounds.iter().zip(sentences) {
        ex.base = from;
        ex.sentence(&Sent {
            toks: &all[from..to],
            heading: s.heading,
        });
    }
    scratch.buf = ex.buf;
    scratch.key_buf = ex.key_buf;
    scratch.lowers = ex.lowers;
    scratch.spans = ex.spans;
    out.tokens = all;
    out.bounds = bounds;
    out
}

struct Extractor<'a> {
    text: &'a str,
    lower_words: &'a HashSet64,
    out: &'a mut DocMentions,
    keys: &'a mut Keys,
    buf: String,
    /// Scratch for gazetteer keys: the flattened name and its key.
    key_buf: std::cell::RefCell<(String, String)>,
    /// Lower-cased words of the run being read; the strings are reused from
    /// run to run.
    lowers: Vec<String>,
    /// `Gazetteer::span_from` of each token of the article, once asked:
    /// a run asks it of the same tokens several times.
    spans: Vec<std::cell::Cell<usize>>,
    /// The article index of the first token of the sentence being read.
    base: usize,
    options: &'a TextOptions,
}

/// A token whose gazetteer span is not yet known.
const UNKNOWN_SPAN: usize = usize::MAX;

/// A word lower-cased into `buf`, without the dots of an abbreviation's end.
fn lower_word<'b>(w: &str, buf: &'b mut String) -> &'b str {
    lower_into(w, buf).trim_end_matches('.')
}

impl Extractor<'_> {
    fn word(&self, t: &Token) -> &str {
        t.text(self.text)
    }

    /// The token lower-cased without its dots, in a buffer reused from
    /// word to word.
    fn lower(&mut self, t: &Token) -> &str {
        lower_word(t.text(self.text), &mut self.buf)
    }

    fn is_name_word(&self, t: &Token) -> bool {
        if t.kind != Tok::Word {
            return false;
        }
        let w = self.word(t);
        if !is_capitalised(w) || w == "I" {
            return false;
        }
        !calendar_words().contains_lowered(w)
    }

    fn sentence(&mut self, s: &Sent<'_>) {
        let toks = s.toks;
        let mut i = 0;
        while i < toks.len() {
            if !self.is_name_word(&toks[i]) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i + 1;
            let mut after_title = self.is_title_tok(&toks[i]);
            while let Some(t) = toks.get(b) {
                if t.newline_before {
                    break;
                }
                if self.is_name_word(t) {
                    after_title = self.is_title_tok(t);
                    b += 1;
                    continue;
                }
                // "Bank of Ostria", "Ambassador to Ostria": a connector only
                // joins when a capitalised word follows.
                if t.kind == Tok::Word && !t.hyphen_before {
                    let l = self.lower(t);
                    let joins = is_name_connector(l) || (after_title && l == "to");
                    if joins && toks.get(b + 1).is_some_and(|n| self.is_name_word(n)) {
                        b += 2;
                        after_title = false;
                        continue;
                    }
                }
                break;
            }
            self.run(toks, a, b, s.heading);
            i = b;
        }
    }

    fn is_title_tok(&self, t: &Token) -> bool {
        let w = self.word(t);
        if !w.is_ascii() {
            return with_lower(w, |l| is_title(l.trim_end_matches('.')));
        }
        // ASCII dots lower-case as themselves: trimmed first, the same word.
        title_words().contains_lowered(w.trim_end_matches('.'))
    }

    /// True when token `i` stands where any word is capitalised: first in
    /// the sentence or line, or right after an opening quote or bracket.
    fn initial(&self, toks: &[Token], i: usize) -> bool {
        if i == 0 || toks[i].newline_before {
            return true;
        }
        let p = &toks[i - 1];
        p.kind == Tok::Punct
            && (matches!(self.word(p), "\"" | "\u{201c}" | "\u{2018}" | "'" | ":")
                || (i == 1 || toks[i - 2].kind == Tok::Punct))
    }

    /// `n:` and the [`name_key`] of tokens `a..b`, the key folded in the
    /// scratch buffers.
    fn name_mention_key(&mut self, toks: &[Token], a: usize, b: usize) -> Key {
        let mut bufs = self.key_buf.borrow_mut();
        let (flat, key) = &mut *bufs;
        name_key_into(&self.text[toks[a].start..toks[b - 1].end], flat, key);
        self.keys.of("n:", key)
    }

    /// The longest gazetteer entry starting at token `a`, within `..b`.
    fn gaz_at(&self, toks: &[Token], a: usize, b: usize) -> Option<(usize, u16, bool)> {
        let g = gazetteer();
        let t = toks.get(a)?;
        let max = match self.spans.get(self.base + a) {
            Some(c) if c.get() != UNKNOWN_SPAN => c.get(),
            c => {
                let n = g.span_from(self.word(t));
                if let Some(c) = c {
                    c.set(n);
                }
                n
            }
        }
        .min(b - a);
        if max == 0 {
            return None;
        }
        let mut bufs = self.key_buf.borrow_mut();
        let (flat, key) = &mut *bufs;
        for n in (1..=max).rev() {
            name_key_into(&self.text[toks[a].start..toks[a + n - 1].end], flat, key);
            if let Some(p) = g.forms.get(key.as_str()) {
                return Some((a + n, p.id, p.demonym));
            }
        }
        None
    }

    /// Records tokens `a..b` as a mention; `flags` are (titled, weak).
    fn push(
        &mut self,
        toks: &[Token],
        (a, b): (usize, usize),
        key: Key,
        kind: Kind,
        flags: (bool, bool),
    ) {
        if a >= b {
            return;
        }
        self.out.mentions.push(RawMention {
            span: ByteSpan::new(toks[a].start, toks[b - 1].end),
            key,
            kind,
            titled: flags.0,
            weak: flags.1,
        });
    }

    fn push_place(&mut self, toks: &[Token], a: usize, b: usize, id: u16, demonym: bool) {
        if demonym && !self.options.demonyms {
            return;
        }
        let key = self.keys.place(id);
        self.push(toks, (a, b), key, Kind::Place, (false, false));
    }

    /// Emits every gazetteer entry in `a..b`, skipping other words.
    fn places_in(&mut self, toks: &[Token], mut a: usize, b: usize) {
        while a < b {
            if let Some((e, id, dem)) = self.gaz_at(toks, a, b) {
                self.push_place(toks, a, e, id, dem);
                a = e;
            } else {
                a += 1;
            }
        }
    }

    fn run(&mut self, toks: &[Token], a: usize, b: usize, heading: bool) {
        let mut lowers = std::mem::take(&mut self.lowers);
        self.read_run(toks, a, b, heading, &mut lowers);
        self.lowers = lowers;
    }

    fn read_run(
        &mut self,
        toks: &[Token],
        mut a: usize,
        mut b: usize,
        heading: bool,
        lowers: &mut Vec<String>,
    ) {
        // A connector never ends a name.
        while b > a + 1 && !self.is_name_word(&toks[b - 1]) {
            b -= 1;
        }
        if let Some((e, id, dem)) = self.gaz_at(toks, a, b) {
            if e == b {
                self.push_place(toks, a, b, id, dem);
                self.after_run(toks, a, b);
                return;
            }
        }
        let first_initial = self.initial(toks, a);
        if first_initial || heading {
            let lower_words = self.lower_words;
            let l = self.lower(&toks[a]);
            let common = is_common_word(l) || lower_words.contains(word_hash(l));
            let rest_is_place = b > a + 1 && self.gaz_at(toks, a + 1, b).is_some();
            if common || rest_is_place {
                a += 1;
                while a < b && !self.is_name_word(&toks[a]) {
                    a += 1;
                }
                if a >= b {
                    return;
                }
                if let Some((e, id, dem)) = self.gaz_at(toks, a, b) {
                    if e == b {
                        self.push_place(toks, a, b, id, dem);
                        return;
                    }
                }
            }
        }
        // "the North" once a North-something is named: resolved later.
        if b == a + 1
            && a > 0
            && is_compass(self.lower(&toks[a]))
            && self.lower(&toks[a - 1]) == "the"
        {
            // `lower`, with the buffer borrowed apart from the keys.
            let word = lower_word(toks[a].text(self.text), &mut self.buf);
            let key = self.keys.of("e:", word);
            self.push(toks, (a, b), key, Kind::Place, (false, false));
            return;
        }
        if lowers.len() < b - a {
            lowers.resize(b - a, String::new());
        }
        for (l, t) in lowers.iter_mut().zip(&toks[a..b]) {
            lower_into(t.text(self.text), l);
            if l.ends_with('.') {
                l.pop();
            }
        }
        let lowers = &lowers[..b - a];
        // "Dr. Name of Some University", "President Name of Ostria": a
        // titled person, then what they belong to.
        if is_title(lowers[0].trim_end_matches('.')) {
            if let Some(c) = (a + 2..b.saturating_sub(1)).find(|&i| lowers[i - a] == "of") {
                if !lowers[1..c - a]
                    .iter()
                    .any(|l| is_title(l) || is_title_modifier(l) || l == "of")
                {
                    self.titled(toks, a, a, c, &lowers[..c - a]);
                    match self.gaz_at(toks, c + 1, b) {
                        Some((e, id, dem)) if e == b => self.push_place(toks, c + 1, b, id, dem),
                        _ => self.name(toks, c + 1, b, &lowers[c + 1 - a..], heading, false),
                    }
                    return;
                }
            }
        }
        let has_org = lowers.iter().any(|l| is_org_head(l));
        if !has_org {
            if let Some(t) = (a..b)
                .rev()
                .find(|&i| is_title(&lowers[i - a]) && !toks[i].hyphen_before)
            {
                if t + 1 < b {
                    self.titled(toks, a, t, b, lowers);
                    return;
                }
                // A bare title names nobody; its country still counts.
                self.places_in(toks, a, t);
                return;
            }
        }
        // Hyphen-joined parts that are places stand alone: "Ostria-Vell".
        // Most runs have no hyphen, and no list of parts is made for them.
        let hyphened = toks
            .get(a + 1..b)
            .is_some_and(|r| r.iter().any(|t| t.hyphen_before));
        if hyphened && !has_org {
            let mut parts = Vec::new();
            let mut p = a;
            for (i, t) in toks.iter().enumerate().take(b).skip(a + 1) {
                if t.hyphen_before {
                    parts.push((p, i));
                    p = i;
                }
            }
            parts.push((p, b));
            let any_place = parts
                .iter()
                .any(|&(x, y)| matches!(self.gaz_at(toks, x, y), Some((e, _, _)) if e == y));
            if any_place {
                for (x, y) in parts {
                    match self.gaz_at(toks, x, y) {
                        Some((e, id, dem)) if e == y => self.push_place(toks, x, y, id, dem),
                        _ => self.name(toks, x, y, &lowers[x - a..y - a], heading, false),
                    }
                }
                return;
            }
        }
        // Several places side by side: "Ostria Vellmark" in a list.
        if !has_org {
            let mut x = a;
            let mut pieces = Vec::new();
            while x < b {
                match self.gaz_at(toks, x, b) {
                    Some((e, id, dem)) if !dem || e == b => {
                        pieces.push((x, e, id, dem));
                        x = e;
                    }
                    _ => break,
                }
            }
            if x == b && pieces.len() > 1 {
                for (x, y, id, dem) in pieces {
                    self.push_place(toks, x, y, id, dem);
                }
                return;
            }
        }
        self.name(toks, a, b, lowers, heading, false);
        self.after_run(toks, a, b);
    }

    /// A run with a title at `t`: places before it, then the person after
    /// it, or "of/to <place>" and then the person.
    fn titled(&mut self, toks: &[Token], a: usize, t: usize, b: usize, lowers: &[String]) {
        let mut start = t;
        while start > a
            && (is_title(&lowers[start - 1 - a]) || is_title_modifier(&lowers[start - 1 - a]))
        {
            start -= 1;
        }
        self.places_in(toks, a, start);
        let mut p = t + 1;
        if p < b && matches!(lowers[p - a].as_str(), "of" | "to" | "for") {
            p += 1;
            if let Some((e, id, dem)) = self.gaz_at(toks, p, b) {
                self.push_place(toks, p, e, id, dem);
                p = e;
            } else {
                // "Secretary of State Name": portfolio words belong to the title.
                while p < b && is_title_modifier(&lowers[p - a]) {
                    p += 1;
                }
            }
        }
        if p < b {
            let n = b - p;
            let honorific = is_honorific(&lowers[t - a]);
            if n <= 4 || honorific {
                let key = self.name_mention_key(toks, p, b);
                self.push(toks, (p, b), key, Kind::Person, (true, false));
            } else {
                self.name(toks, p, b, &lowers[p - a..], false, true);
            }
            self.after_run(toks, p, b);
        }
    }

    /// Classifies a name without a title.
    /// `lowers` are the lower-cased words of `toks[a..b]`.
    fn name(
        &mut self,
        toks: &[Token],
        a: usize,
        b: usize,
        lowers: &[String],
        weak_context: bool,
        titled: bool,
    ) {
        if a >= b || lowers.len() < b - a {
            return;
        }
        let words = b - a;
        let has_place = || (a..b).any(|i| self.gaz_at(toks, i, i + 1).is_some());
        let kind = if lowers.iter().any(|l| is_org_head(l)) {
            Kind::Org
        } else if lowers.last().is_some_and(|l| is_place_head(l))
            || (words >= 2
                && is_compass(&lowers[0])
                && self.gaz_at(toks, a + 1, b).is_some_and(|(e, _, _)| e == b))
        {
            Kind::Place
        } else if words == 1 && is_all_caps(self.word(&toks[a])) {
            Kind::Org
        } else if words >= 2
            && matches!(
                lowers[0].as_str(),
                "new"
                    | "san"
                    | "santa"
                    | "los"
                    | "las"
                    | "saint"
                    | "st"
                    | "port"
                    | "fort"
                    | "mount"
            )
        {
            Kind::Place
        } else if (2..=4).contains(&words)
            && !has_place()
            && toks[a + 1..b].iter().all(|t| !t.hyphen_before)
            && toks[a..b].iter().all(|t| {
                let w = self.word(t);
                !is_all_caps(w)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
            })
        {
            Kind::Person
        } else {
            Kind::Other
        };
        if words == 1 && kind != Kind::Org && is_common_word(&lowers[0]) {
            return;
        }
        if words == 1 {
            let w = self.word(&toks[a]);
            if let Some(h) = w.find('-') {
                if let Some(p) = gazetteer().forms.get(&name_key(&w[..h])) {
                    let (id, dem) = (p.id, p.demonym);
                    let start = toks[a].start;
                    if !dem || self.options.demonyms {
                        let key = self.keys.place(id);
                        self.out.mentions.push(RawMention {
                            span: ByteSpan::new(start, start + h),
                            key,
                            kind: Kind::Place,
                            titled: false,
                            weak: false,
                        });
                    }
                    return;
                }
            }
        }
        let initial = self.initial(toks, a);
        // Headlines capitalise everything and shout in capitals: what they
        // name counts only if the article names it too.
        let weak = weak_context || (words == 1 && initial && kind != Kind::Org);
        let key = self.name_mention_key(toks, a, b);
        // "n:" and an empty name key.
        if self.keys.get(key).len() == 2 {
            return;
        }
        self.push(toks, (a, b), key, kind, (titled, weak));
    }

    /// Looks right after a name for "(ACRONYM)", and before it for
    /// "<description> known as".
    fn after_run(&mut self, toks: &[Token], a: usize, b: usize) {
        // Only when this run produced the last mention: a dropped run must
        // not lend its acronym to the name before it.
        let Some(last) = self.out.mentions.last() else {
            return;
        };
        if self.keys.get(last.key).starts_with("e:") || last.span.end != toks[b - 1].end {
            return;
        }
        let kind = last.kind;
        let weak = last.weak;
        if let (Some(o), Some(ac), Some(c)) = (toks.get(b), toks.get(b + 1), toks.get(b + 2)) {
            let acr = self.word(ac);
            if self.word(o) == "(" && self.word(c) == ")" && is_all_caps(acr) && b - a >= 2 {
                let first = self.word(&toks[a]).chars().next();
                let n = acr.chars().filter(|c| c.is_alphabetic()).count();
                if acr.chars().next() == first && n <= b - a + 3 {
                    let name = last.key;
                    let acr_key = self.keys.of("n:", &name_key(acr));
                    self.out.acronyms.push((acr_key, name));
                    self.push(toks, (b + 1, b + 2), acr_key, kind, (false, weak));
                }
            }
        }
        // "<a lower-case description> known as <Name>"
        if a >= 3 && !weak && self.word(&toks[a - 1]) == "as" && self.word(&toks[a - 2]) == "known"
        {
            let mut s = a - 2;
            let mut n = 0;
            while s > 0 && n < 5 {
                let t = &toks[s - 1];
                let w = self.word(t);
                if t.kind != Tok::Word || !w.starts_with(|c: char| c.is_lowercase()) {
                    break;
                }
                if matches!(
                    w,
                    "a" | "an" | "the" | "its" | "their" | "his" | "her" | "this" | "that"
                ) {
                    break;
                }
                s -= 1;
                n += 1;
            }
            if n >= 2 {
                let phrase = self.text[toks[s].start..toks[a - 3].end].to_lowercase();
                if phrase.len() >= 10 && phrase.is_ascii() {
                    let name = self
                        .out
                        .mentions
                        .iter()
                        .rev()
                        .find(|m| m.span.end == toks[b - 1].end);
                    if let Some(m) = name {
                        let key = m.key;
                        self.out.descriptors.push((phrase, key));
                    }
                }
            }
        }
    }
}

/// A rough phonetic skeleton of a romanised name: vowel digraphs that
/// romanisation systems spell differently collapse ("Choon"/"Chun",
/// "Seong"/"Sung"), doubled letters fold.
pub(crate) fn skeleton(word: &str) -> String {
    let f = crate::fold::fold(word);
    let mut s = String::with_capacity(f.len());
    let b: Vec<char> = f.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut i = 0;
    while i < b.len() {
        let pair = (b[i], b.get(i + 1).copied().unwrap_or(' '));
        let (c, step) = match pair {
            ('o', 'o') | ('e', 'o') | ('o', 'u') => ('u', 2),
            ('e', 'e') => ('i', 2),
            ('p', 'h') => ('f', 2),
            _ => (b[i], 1),
        };
        if !s.ends_with(c) {
            s.push(c);
        }
        i += step;
    }
    s
}

fn tokens_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // One edit between long skeletons with the same first letter is a
    // spelling variant; short names differ in one letter too often.
    let (la, lb) = (a.chars().count(), b.chars().count());
    la >= 6 && lb >= 6 && a.chars().next() == b.chars().next() && strsim::levenshtein(a, b) <= 1
}

/// True when `short` is a contiguous run of `long`'s name words.
fn contained(short: &[String], long: &[String], fuzzy: bool) -> bool {
    if short.is_empty() || short.len() > long.len() {
        return false;
    }
    long.windows(short.len()).any(|w| {
        w.iter()
            .zip(short)
            .all(|(x, y)| if fuzzy { tokens_match(x, y) } else { x == y })
    })
}

/// A name's word skeletons and the nodes that carry it.
type NameIds = (Vec<String>, Vec<usize>);

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index stays root: results never depend on call order.
        if ra < rb {
            self.0[rb] = ra;
        } else if rb < ra {
            self.0[ra] = rb;
        }
    }
}

/// One resolved mention: which document, where, which entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Resolved {
    pub doc: usize,
    pub span: ByteSpan,
    pub entity: usize,
}

/// Joins the mentions of all documents (given in source order) into entities.
pub(crate) fn resolve(
    docs: &[(&SourceId, &str, &[super::clean::Block])],
    found: &mut [DocMentions],
    keys: &mut Keys,
    options: &TextOptions,
) -> (Vec<Entity>, Vec<Resolved>) {
    let g = gazetteer();
    // Descriptions learnt anywhere are looked for everywhere.
    let mut descriptors: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
    for d in found.iter() {
        for (p, k) in &d.descriptors {
            descriptors.entry(p.clone()).or_default().insert(*k);
        }
    }
    for (di, (_, text, blocks)) in docs.iter().enumerate() {
        if descriptors.is_empty() {
            break;
        }
        // ASCII lower-casing keeps every byte offset.
        let lower = text.to_ascii_lowercase();
        for (phrase, keys) in &descriptors {
            if keys.len() != 1 {
                continue;
            }
            let Some(&key) = keys.iter().next() else {
                continue;
            };
            let mut from = 0;
            while let Some(i) = lower[from..].find(phrase.as_str()) {
                let s = from + i;
                let e = s + phrase.len();
                from = e;
                let bounded = !lower[..s].ends_with(|c: char| c.is_alphanumeric())
                    && !lower[e..].starts_with(|c: char| c.is_alphanumeric());
                let kept = blocks
                    .iter()
                    .any(|b| b.kind.is_article() && b.span.contains(ByteSpan::new(s, e)));
                if bounded && kept && text.is_char_boundary(s) && text.is_char_boundary(e) {
                    found[di].mentions.push(RawMention {
                        span: ByteSpan::new(s, e),
                        key,
                        kind: Kind::Other,
                        titled: false,
                        weak: false,
                    });
                }
            }
        }
    }
    // "the North": the North-something this document named last before it,
    // else first after it.
    for d in found.iter_mut() {
        d.mentions.sort_by(|a, b| {
            a.span
                .cmp(&b.span)
                .then_with(|| keys.get(a.key).cmp(keys.get(b.key)))
        });
        d.mentions.dedup_by(|a, b| a.span == b.span);
        // Most documents have no ellipsis, and keep their mentions as they are.
        if !d.mentions.iter().any(|m| keys.get(m.key).starts_with("e:")) {
            continue;
        }
        let places: Vec<(usize, String)> = d
            .mentions
            .iter()
            .filter_map(|m| {
                let id: usize = keys.get(m.key).strip_prefix("g:")?.parse().ok()?;
                Some((m.span.start, g.names.get(id)?.to_lowercase()))
            })
            .collect();
        let mut keep = Vec::with_capacity(d.mentions.len());
        for mut m in std::mem::take(&mut d.mentions) {
            if let Some(word) = keys.get(m.key).strip_prefix("e:") {
                let prefix = format!("{word} ");
                let fits = |(_, n): &&(usize, String)| n.starts_with(&prefix);
                let before = places.iter().filter(|p| p.0 < m.span.start).rfind(fits);
                let after = places.iter().filter(|p| p.0 > m.span.start).find(fits);
                let Some((_, name)) = before.or(after) else {
                    continue;
                };
                let Some(id) = g.names.iter().position(|n| n.to_lowercase() == *name) else {
                    continue;
                };
                m.key = keys.place(id);
            }
            keep.push(m);
        }
        d.mentions = keep;
    }

    let keys: &Keys = keys;

    // Nodes in document order.
    let mut nodes: Vec<(usize, &RawMention)> = Vec::new();
    for (di, d) in found.iter().enumerate() {
        for m in &d.mentions {
            nodes.push((di, m));
        }
    }
    let mut dsu = Dsu((0..nodes.len()).collect());
    // The union-find keeps the smallest index as root, so the order keys
    // are visited in cannot change the components.
    let mut by_key: FxMap<Key, Vec<usize>> = FxMap::default();
    for (i, (_, m)) in nodes.iter().enumerate() {
        by_key.entry(m.key).or_default().push(i);
    }
    for ids in by_key.values() {
        for w in ids.windows(2) {
            dsu.union(w[0], w[1]);
        }
    }
    // Acronyms: only one expansion across all documents makes an alias.
    let mut acr: BTreeMap<Key, BTreeSet<Key>> = BTreeMap::new();
    for d in found.iter() {
        for &(a, e) in &d.acronyms {
            acr.entry(a).or_default().insert(e);
        }
    }
    for (a, es) in &acr {
        if es.len() == 1 {
            if let (Some(x), Some(y)) =
                (by_key.get(a), es.iter().next().and_then(|e| by_key.get(e)))
            {
                dsu.union(x[0], y[0]);
            }
        }
    }

    // People: a shorter or differently spelt name joins the one full name
    // it fits, preferring full names of the same document.
    let root_kind = |dsu: &mut Dsu| -> FxMap<usize, (bool, bool, bool)> {
        let mut info: FxMap<usize, (bool, bool, bool)> = FxMap::default();
        for (i, (_, m)) in nodes.iter().enumerate() {
            let r = dsu.find(i);
            let e = info.entry(r).or_default();
            e.0 |= m.kind == Kind::Place;
            e.1 |= m.kind == Kind::Org;
            e.2 |= m.kind == Kind::Person;
        }
        info
    };
    let info = root_kind(&mut dsu);
    let mut names: BTreeMap<&str, (Vec<String>, Vec<usize>)> = BTreeMap::new();
    for (i, (_, m)) in nodes.iter().enumerate() {
        if let Some(k) = keys.get(m.key).strip_prefix("n:") {
            let r = dsu.find(i);
            let (place, org, _) = info.get(&r).copied().unwrap_or_default();
            if place || org || m.kind == Kind::Org || m.kind == Kind::Place {
                continue;
            }
            let e = names
                .entry(k)
                .or_insert_with(|| (k.split(' ').map(skeleton).collect(), Vec::new()));
            e.1.push(i);
        }
    }
    let full: Vec<(&str, Vec<String>, usize)> = names
        .iter()
        .filter(|(_, (sk, ids))| {
            sk.len() >= 2 && ids.iter().any(|&i| nodes[i].1.kind == Kind::Person)
        })
        .map(|(k, (sk, ids))| (*k, sk.clone(), ids[0]))
        .collect();
    let docs_of: FxMap<&str, FxSet<usize>> = names
        .iter()
        .map(|(k, (_, ids))| (*k, ids.iter().map(|&i| nodes[i].0).collect()))
        .collect();
    let mut order: Vec<(&str, &NameIds)> = names.iter().map(|(k, v)| (*k, v)).collect();
    order.sort_by(|a, b| b.1 .0.len().cmp(&a.1 .0.len()).then(a.0.cmp(b.0)));
    for (k, (sk, ids)) in order {
        if sk.len() > 3 {
            continue;
        }
        // Exact skeletons first: a one-letter variant is only a candidate
        // when nothing fits exactly ("Larsen" must not reach "Larson" when
        // a "Per Larsen" is there).
        let fits = |fuzzy: bool| -> Vec<&(&str, Vec<String>, usize)> {
            full.iter()
                .filter(|(fk, fsk, _)| {
                    *fk != k
                        && (fsk.len() > sk.len() || fsk.len() == sk.len() && fsk != sk)
                        && contained(sk, fsk, fuzzy)
                })
                .collect()
        };
        let mut cands = fits(false);
        if cands.is_empty() && options.fuzzy_names {
            cands = fits(true);
        }
        if cands.is_empty() {
            continue;
        }
        for &i in ids {
            let doc = nodes[i].0;
            let mut same_doc = BTreeSet::new();
            let mut any = BTreeSet::new();
            for c in &cands {
                let r = dsu.find(c.2);
                any.insert(r);
                let in_doc = docs_of.get(c.0).is_some_and(|ds| ds.contains(&doc));
                if in_doc {
                    same_doc.insert(r);
                }
            }
            let pick = if same_doc.len() == 1 {
                same_doc.first().copied()
            } else if same_doc.is_empty() && any.len() == 1 {
                any.first().copied()
            } else {
                None
            };
            if let Some(r) = pick {
                dsu.union(i, r);
            }
        }
    }

    // Components into entities.
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..nodes.len() {
        let r = dsu.find(i);
        comps.entry(r).or_default().push(i);
    }
    let mut entities: Vec<(Entity, Vec<(usize, ByteSpan)>)> = Vec::new();
    for ids in comps.values() {
        // One pass over the mentions: whether all are weak, the first
        // gazetteer place, and which kinds and titles occur.
        let mut all_weak = true;
        let mut place = None;
        let (mut places, mut orgs, mut people, mut titled) = (false, false, false, false);
        for &i in ids {
            let m = nodes[i].1;
            all_weak &= m.weak;
            if place.is_none() {
                place = keys
                    .get(m.key)
                    .strip_prefix("g:")
                    .and_then(|x| x.parse::<usize>().ok());
            }
            places |= m.kind == Kind::Place;
            orgs |= m.kind == Kind::Org;
            people |= m.kind == Kind::Person;
            titled |= m.titled;
        }
        if all_weak {
            continue;
        }
        let kind = if place.is_some() || (places && !orgs && !people) {
            Kind::Place
        } else if orgs {
            Kind::Org
        } else if titled || people {
            Kind::Person
        } else {
            Kind::Other
        };
        let mut mentions: Vec<(usize, ByteSpan)> =
            ids.iter().map(|&i| (nodes[i].0, nodes[i].1.span)).collect();
        mentions.sort();
        mentions.dedup();
        let name = match place.and_then(|p| g.names.get(p)) {
            Some(n) => n.to_string(),
            None => {
                // The fullest name: most words, then most frequent, then first
                // in byte order.
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for &(d, s) in &mentions {
                    *counts
                        .entry(docs[d].1.get(s.start..s.end).unwrap_or(""))
                        .or_default() += 1;
                }
                counts
                    .into_iter()
                    .max_by(|a, b| {
                        let wa = a.0.split_whitespace().count();
                        let wb = b.0.split_whitespace().count();
                        wa.cmp(&wb).then(a.1.cmp(&b.1)).then(b.0.cmp(a.0))
                    })
                    .map(|(n, _)| n.split_whitespace().collect::<Vec<_>>().join(" "))
                    .unwrap_or_default()
            }
        };
        let report_mentions = mentions
            .iter()
            .map(|&(d, s)| Mention {
                source: docs[d].0.clone(),
                start: s.start,
                end: s.end,
                text: docs[d].1.get(s.start..s.end).unwrap_or("").to_string(),
            })
            .collect();
        entities.push((
            Entity {
                name,
                kind: kind.name().to_string(),
                mentions: report_mentions,
            },
            mentions,
        ));
    }
    entities.sort_by(|a, b| {
        a.0.name
            .cmp(&b.0.name)
            .then(a.0.kind.cmp(&b.0.kind))
            .then(a.0.mentions.first().cmp(&b.0.mentions.first()))
    });
    let mut resolved = Vec::new();
    for (ei, (_, ms)) in entities.iter().enumerate() {
        for &(doc, span) in ms {
            resolved.push(Resolved {
                doc,
                span,
                entity: ei,
            });
        }
    }
    resolved.sort();
    (entities.into_iter().map(|(e, _)| e).collect(), resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_as_formatted() {
        for id in [0u16, 7, 10, 99, 100, 12345, u16::MAX] {
            assert_eq!(place_key(id), format!("g:{id}"));
        }
        assert_eq!(place_key(usize::MAX), format!("g:{}", usize::MAX));
        let mut keys = Keys::default();
        let k = keys.of("n:", "mara vell");
        assert_eq!(keys.get(k), "n:mara vell");
        assert_eq!(keys.of("n:", "mara vell"), k);
        let g = keys.place(7u16);
        assert_eq!(keys.get(g), "g:7");
    }

    #[test]
    fn word_hash_set() {
        let mut set = HashSet64::default();
        let mut seen = std::collections::HashSet::new();
        // Three articles in a row, the later ones larger than the table.
        for (round, n) in [(1u64, 10usize), (2, 200), (3, 5)] {
            set.reset(n);
            seen.clear();
            for k in 0..3 * n as u64 {
                let h = (k * 7919 + round).wrapping_mul(0x2545_f491_4f6c_dd1d) % 97 * k;
                set.insert(h);
                seen.insert(h);
            }
            for k in 0..600u64 {
                assert_eq!(set.contains(k), seen.contains(&k), "round {round}, {k}");
            }
        }
    }

    #[test]
    fn skeletons() {
        let cases = [
            ("Choon", "chun"),
            ("Chun", "chun"),
            ("Seong", "sung"),
            ("Phillips", "filips"),
            ("Taeyon", "taeyon"),
        ];
        for (w, want) in cases {
            assert_eq!(skeleton(w), want, "{w}");
        }
    }

    #[test]
    fn name_containment() {
        let sk = |s: &str| s.split(' ').map(skeleton).collect::<Vec<_>>();
        let cases = [
            ("Seong", "Seong Min-ji", true),
            ("Joon", "Baek Jun Ho", true),
            ("Baek Jun", "Baek Jun Ho", true),
            ("Kang", "Kangaroo Lund", false),
            ("Halvorsen", "Ina Halvorsn", true),
            ("Hal", "Ina Hul", false),
            ("Jun Baek", "Baek Jun Ho", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(contained(&sk(a), &sk(b), true), want, "{a} in {b}");
        }
    }
}
