//! Claims in sentences: who does what to whom, said by whom, how surely.
//!
//! This is shallow reading, not parsing: a main verb is found from
//! auxiliaries, verb forms and a lexicon of common news verbs; roles come
//! from word order and the preposition before each entity mention.

use super::document::ByteSpan;
use super::entities::Resolved;
use super::lexicon::{control_verb, irregular, is_common_word, is_speech_verb};
use super::tokens::{is_apostrophe, is_capitalised, Tok, Token};
use crate::model::SourceId;
use crate::scan::{Qualifier, ValueMention};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// How firmly a claim is put.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Modality {
    /// Stated as done or as so: "launched", "is".
    Asserted,
    /// "will", "shall", "is to".
    Future,
    /// "would".
    Conditional,
    /// "may", "might", "could", "can".
    Possible,
    /// "must", "should".
    Obligation,
    /// "agreed to", "pledged to", "vowed to", "decided to".
    Agreed,
    /// "plans to", "seeks to", "wants to", "hopes to".
    Intended,
    /// "is expected to", "is set to", "is due to".
    Expected,
    /// "threatened to".
    Threatened,
}

/// The part an entity plays in a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum RoleKind {
    /// The subject before the verb, or "by X" after a passive.
    Agent,
    /// Right after the verb.
    Object,
    /// "to X", "into X", "toward X".
    To,
    /// "from X".
    From,
    /// "against X".
    Against,
    /// "in X", "at X", "across X".
    In,
    /// "with X".
    With,
    /// "on X".
    On,
    /// "for X".
    For,
    /// "by X" in an active clause: "rose by 5%".
    By,
    /// Anywhere else in the clause: "of X", "between X and Y", "X's".
    Other,
}

/// An entity taking part in a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Role {
    /// Its part.
    pub kind: RoleKind,
    /// Index into [`Articles::entities`](crate::Articles::entities).
    pub entity: usize,
    /// The mention in the text.
    pub span: ByteSpan,
}

/// Who a claim is attributed to: "X said", "according to X".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Attribution {
    /// The attributing words, speaker and verb: "officials said".
    pub span: ByteSpan,
    /// The speaker, when it is a known entity.
    pub entity: Option<usize>,
}

/// A typed value taking part in a claim: what the value scanner found in
/// the claim's words, and the part the syntax gives it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ClaimValue {
    /// Its part, read as for entities: "rose to $5" is [`RoleKind::To`],
    /// "cost $5" [`RoleKind::Object`], "on Thursday" [`RoleKind::On`].
    pub role: RoleKind,
    /// The scanner's mention; its span is into the article's text as given.
    pub mention: ValueMention,
}

/// One claim read from a sentence of an article.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[non_exhaustive]
pub struct TextClaim {
    /// The article.
    pub source: SourceId,
    /// The sentence it was read from.
    pub sentence: ByteSpan,
    /// The clause that states it, inside the sentence.
    pub span: ByteSpan,
    /// The clause's words exactly as written: `span` sliced from the text.
    pub text: String,
    /// The main verb.
    pub verb: ByteSpan,
    /// Key terms of the predicate, stemmed with [`stem`]: the verb, its
    /// particle, and the head words of its object.
    pub predicate: Vec<String>,
    /// The entities involved and their parts.
    pub roles: Vec<Role>,
    /// The typed values in the clause (numbers, money, dates, durations …),
    /// resolved against the article's publication date, with their parts.
    pub values: Vec<ClaimValue>,
    /// "not", "n't", "never", "no longer" bear on the verb.
    pub negated: bool,
    /// How firmly it is put.
    pub modality: Modality,
    /// Who says so, when the sentence says.
    pub attribution: Option<Attribution>,
    /// The words inside quotation marks, when the claim is a quote.
    pub quote: Option<ByteSpan>,
}

/// A stem of an English word for matching predicates: lower-cased,
/// irregular forms mapped to their base ("met" → "meet"), then `-s`, `-ed`,
/// `-ing` and a final `-e` removed and a doubled final consonant folded, so
/// that every form of a verb shares one stem.
///
/// ```
/// use corroborate::stem;
///
/// for w in ["agree", "agreed", "agrees", "agreeing"] {
///     assert_eq!(stem(w), "agre");
/// }
/// assert_eq!(stem("met"), stem("meeting"));
/// assert_eq!(stem("planned"), "plan");
/// ```
pub fn stem(word: impl AsRef<str>) -> String {
    let word = word.as_ref();
    let mut out = String::with_capacity(word.len());
    stem_into(word, &mut out);
    out
}

/// [`stem`] into a reused buffer: the claim reader stems most words it
/// meets and should not allocate for each.
pub(crate) fn stem_into(word: &str, w: &mut String) {
    super::tokens::lower_into(word, w);
    if let Some(base) = irregular(w) {
        w.clear();
        w.push_str(base);
    }
    let ends_vowel = |s: &str| s.ends_with(['a', 'e', 'o', 'u']);
    if w.chars().count() <= 3 || !w.is_ascii() {
        // "try" and "tries" share "tri", as longer words in -y do.
        if w.len() == 3 && w.ends_with('y') && !ends_vowel(&w[..2]) {
            w.pop();
            w.push('i');
        }
        return;
    }
    let has_vowel = |s: &str| s.bytes().any(|b| b"aeiouy".contains(&b));
    if (w.ends_with("ies") || w.ends_with("ied")) && w.len() >= 5 {
        w.truncate(w.len() - 2);
        return;
    }
    let n = w.len();
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.truncate(n - 1);
    } else if w.ends_with("ed") {
        let x = &w[..n - 2];
        if x.len() >= 3 && x.ends_with('e') {
            // "agreed" is "agree" + "d", not "agre" + "ed".
            w.truncate(n - 1);
        } else if x.len() >= 3 && has_vowel(x) {
            w.truncate(n - 2);
        }
    } else if w.ends_with("ing") {
        let x = &w[..n - 3];
        if x.len() >= 3 && has_vowel(x) {
            w.truncate(n - 3);
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    if w.ends_with('y') && w.len() > 3 && !ends_vowel(&w[..w.len() - 1]) {
        w.pop();
        w.push('i');
    }
    let b = w.as_bytes();
    if b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2] && !b"aeioulsz".contains(&b[b.len() - 1]) {
        w.pop();
    }
}

/// Common news verbs, as stems; present-tense forms are only trusted for
/// these.
/// True when `word` is a form of a common news verb.
fn is_news_verb(word: &str) -> bool {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|b| {
        let mut b = b.borrow_mut();
        stem_into(word, &mut b);
        is_news_stem(&b)
    })
}

fn is_news_stem(st: &str) -> bool {
    use super::lexicon::{Ends, FxSet};
    use std::sync::OnceLock;
    static S: OnceLock<(Ends, FxSet<String>)> = OnceLock::new();
    let (ends, set) = S.get_or_init(|| {
        let set: FxSet<String> =
        "say meet agree launch fire lift drop remov impos withdraw resum restor restart announce \
         sign visit hold call seek plan pledg vow threaten expect pose face want need warn accuse \
         deny reject oppos support urge ask claim insist confirm report promise begin start end \
         stop continue remain become take give make help work improve invite compensate open \
         close attack kill win lose rise fall increase decrease cut raise reach discuss push send \
         receive host attend lead leave return move put set hope try decide approve pass vote \
         elect appoint resign arrest charge sue file rule order ban allow block fly land test \
         detect view see show look appear seem believe think know consider describe refer welcome \
         criticize criticise praise condemn fear worry wish like share build create form establish \
         develop produce sell buy pay cost spend invest trade export import provide offer include \
         involve affect cause bring strengthen deepen expand boost reduce normalize normalise mend \
         resolve settle solve counter respond react unveil release publish hit go come get keep \
         tell find feel run stand suffer enter exit control own cover protect defend threaten \
         deploy strike shoot bomb invade occupy capture free save lift mark mean"
            .split_whitespace()
            .map(stem)
            .collect();
        (Ends::of(set.iter().map(String::as_str)), set)
    });
    ends.may_hold(st) && set.contains(st)
}

fn is_determiner(l: &str) -> bool {
    matches!(
        l,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "some"
            | "any"
            | "each"
            | "every"
            | "no"
            | "all"
            | "both"
            | "such"
            | "another"
            | "other"
            | "more"
            | "most"
            | "many"
            | "several"
            | "few"
    )
}

fn is_preposition(l: &str) -> bool {
    matches!(
        l,
        "to" | "toward"
            | "towards"
            | "into"
            | "from"
            | "against"
            | "in"
            | "at"
            | "inside"
            | "within"
            | "across"
            | "with"
            | "on"
            | "onto"
            | "upon"
            | "for"
            | "of"
            | "by"
            | "between"
            | "among"
            | "over"
            | "about"
            | "after"
            | "before"
            | "during"
            | "since"
            | "under"
            | "through"
            | "near"
            | "off"
            | "around"
            | "amid"
            | "despite"
            | "without"
            | "than"
            | "as"
            | "via"
            | "per"
            | "like"
            | "until"
            | "behind"
            | "beyond"
    )
}

fn is_aux(l: &str) -> Option<Option<Modality>> {
    Some(match l {
        "will" | "shall" | "'ll" | "wo" => Some(Modality::Future),
        "would" | "'d" => Some(Modality::Conditional),
        "may" | "might" | "could" | "can" | "cannot" => Some(Modality::Possible),
        "must" | "should" => Some(Modality::Obligation),
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "has" | "have" | "had"
        | "do" | "does" | "did" | "'s" | "'re" | "'ve" => None,
        _ => return None,
    })
}

fn is_negation(l: &str) -> bool {
    matches!(l, "not" | "never" | "cannot" | "neither" | "nor" | "no") || l.ends_with("n't")
}

/// Words that open a clause: a speaker never reaches back past them.
/// Adverbs between an auxiliary and its verb: "has also agreed",
/// "will further strengthen".
fn is_adverb(l: &str) -> bool {
    (l.len() > 4
        && l.ends_with("ly")
        && !matches!(
            l,
            "supply" | "reply" | "apply" | "rely" | "fly" | "ally" | "rally"
        ))
        || matches!(
            l,
            "also"
                | "still"
                | "now"
                | "just"
                | "already"
                | "then"
                | "further"
                | "even"
                | "ever"
                | "again"
                | "soon"
                | "once"
                | "yet"
                | "only"
                | "often"
                | "always"
                | "reportedly"
        )
}

fn is_clause_word(l: &str) -> bool {
    matches!(
        l,
        "that"
            | "and"
            | "but"
            | "which"
            | "who"
            | "when"
            | "after"
            | "as"
            | "because"
            | "if"
            | "before"
            | "since"
            | "while"
            | "where"
            | "then"
            | "though"
            | "although"
            | "whereas"
    )
}

fn is_pronoun(l: &str) -> bool {
    matches!(
        l,
        "he" | "she" | "it" | "they" | "we" | "i" | "you" | "who" | "which"
    )
}

fn role_of_prep(l: &str) -> RoleKind {
    match l {
        "to" | "toward" | "towards" | "into" => RoleKind::To,
        "from" => RoleKind::From,
        "against" => RoleKind::Against,
        "in" | "at" | "inside" | "within" | "across" => RoleKind::In,
        "with" => RoleKind::With,
        "on" | "onto" | "upon" => RoleKind::On,
        "for" => RoleKind::For,
        "by" => RoleKind::By,
        _ => RoleKind::Other,
    }
}

/// Buffers for reading sentences, kept from one sentence to the next so
/// that each sentence does not allocate its own.
#[derive(Default)]
pub(crate) struct Scratch {
    low: Vec<(usize, usize)>,
    arena: String,
    ent: Vec<Option<(usize, ByteSpan)>>,
}

struct Words<'a> {
    toks: &'a [Token],
    /// Lower-cased text of each token: a range of `arena`.
    low: &'a [(usize, usize)],
    arena: &'a str,
    /// Entity index and mention span of each token, if inside a mention.
    ent: &'a [Option<(usize, ByteSpan)>],
    /// The sentence's scanned values, spans into the whole text, in order.
    values: &'a [ValueMention],
}

impl Words<'_> {
    fn l(&self, i: usize) -> &str {
        let (a, b) = self.low[i];
        &self.arena[a..b]
    }
    fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == Tok::Word
    }
    fn punct(&self, i: usize) -> Option<char> {
        // A punctuation token is one character, lower-cased as itself.
        (self.toks[i].kind == Tok::Punct)
            .then(|| self.l(i).chars().next())
            .flatten()
    }
}

/// Reads the claims of one sentence. `values` are the scanner's mentions in
/// the sentence, with spans into `text`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn sentence_claims(
    source: &SourceId,
    text: &str,
    sentence: ByteSpan,
    mentions: &[Resolved],
    values: &[ValueMention],
    toks: &[Token],
    scratch: &mut Scratch,
    out: &mut Vec<TextClaim>,
) {
    if toks.is_empty() {
        return;
    }
    let Scratch { low, arena, ent } = scratch;
    arena.clear();
    low.clear();
    let whole = text.get(sentence.start..sentence.end).unwrap_or("");
    // An ASCII sentence is lower-cased in one piece, and each token's
    // lower-cased text is its range of that copy.
    let ascii = whole.is_ascii()
        && toks
            .iter()
            .all(|t| sentence.start <= t.start && t.start <= t.end && t.end <= sentence.end);
    if ascii {
        arena.push_str(whole);
        arena.make_ascii_lowercase();
        low.extend(
            toks.iter()
                .map(|t| (t.start - sentence.start, t.end - sentence.start)),
        );
    }
    for t in toks.iter().filter(|_| !ascii) {
        let a = arena.len();
        let word = t.text(text);
        if word.is_ascii() {
            arena.push_str(word);
            arena.as_mut_str()[a..].make_ascii_lowercase();
            low.push((a, arena.len()));
            continue;
        }
        for c in word.chars() {
            if is_apostrophe(c) {
                arena.push('\'');
            } else if c.is_ascii() {
                arena.push(c.to_ascii_lowercase());
            } else {
                arena.extend(c.to_lowercase());
            }
        }
        low.push((a, arena.len()));
    }
    ent.clear();
    ent.resize(toks.len(), None);
    let first = mentions.partition_point(|m| m.span.end <= sentence.start);
    for m in mentions[first..]
        .iter()
        .take_while(|m| m.span.start < sentence.end)
    {
        let from = toks.partition_point(|t| t.start < m.span.start);
        for (i, t) in toks.iter().enumerate().skip(from) {
            if t.end > m.span.end {
                break;
            }
            if t.kind != Tok::Possessive {
                ent[i] = Some((m.entity, m.span));
            }
        }
    }
    let w = Words {
        toks,
        low,
        arena,
        ent,
        values,
    };
    let n = toks.len();

    // Quotation: the first pair of quote marks around at least three words.
    let mut quote = None;
    if let Some(o) = (0..n).find(|&i| matches!(w.punct(i), Some('"' | '\u{201c}'))) {
        if let Some(c) = (o + 1..n).find(|&i| matches!(w.punct(i), Some('"' | '\u{201d}'))) {
            if (o + 1..c).filter(|&i| w.is_word(i)).count() >= 3 {
                quote = Some((o, c));
            }
        }
    }

    // Attribution, and the part of the sentence that carries the claim.
    let mut attribution = None;
    let mut content = (0, n);
    // Words before an attributed clause that say something of their own:
    // "X recalled its envoy, and Y said ...".
    let mut lead = None;
    if let Some(a) = (0..n.saturating_sub(1)).find(|&i| w.l(i) == "according" && w.l(i + 1) == "to")
    {
        let mut e = a + 2;
        while e < n && w.toks[e].kind != Tok::Punct {
            e += 1;
        }
        let entity = (a + 2..e)
            .rev()
            .filter_map(|i| w.ent[i])
            .map(|x| x.0)
            .next();
        attribution = Some(Attribution {
            span: ByteSpan::new(w.toks[a].start, w.toks[e.max(a + 2) - 1].end),
            entity,
        });
        content = if a > 2 { (0, a) } else { (e, n) };
    } else {
        for v in 0..n {
            if !w.is_word(v) || !is_speech_verb(w.l(v)) || w.ent[v].is_some() {
                continue;
            }
            if let Some((q0, q1)) = quote {
                if v > q0 && v < q1 {
                    continue;
                }
            }
            let words_after = (v + 1..n).filter(|&i| w.is_word(i)).count();
            // "..., said Kora Venn." / "..., said the ministry.": the speaker
            // follows the verb.
            let mut e = v + 1;
            while e < n && w.ent[e].is_some() {
                e += 1;
            }
            let named_after = e > v + 1 && (e == n || w.toks[e].kind == Tok::Punct);
            // A speech tag after a quote or comma: '..." said Dr. Name, a ...'.
            let tag_after = v > 0
                && (matches!(w.punct(v - 1), Some('"' | '\u{201d}'))
                    || (w.punct(v - 1) == Some(',') && words_after <= 4));
            if named_after || tag_after {
                if !named_after {
                    e = v + 1;
                    while e < n && w.toks[e].kind != Tok::Punct {
                        e += 1;
                    }
                }
                if e > v + 1 {
                    let entity = (v + 1..e).filter_map(|i| w.ent[i]).map(|x| x.0).next();
                    attribution = Some(Attribution {
                        span: ByteSpan::new(w.toks[v].start, w.toks[e - 1].end),
                        entity,
                    });
                    content = match quote {
                        Some((q0, q1)) if q1 < v => (q0 + 1, q1),
                        _ => (0, v),
                    };
                    break;
                }
            }
            // The speaker: the words before the verb back to punctuation or
            // a clause word; "Ostria's ministry, said" keeps an appositive.
            let mut s = v;
            if s > 1 && w.punct(s - 1) == Some(',') && words_after > 3 {
                s -= 1;
            }
            let chunk_end = s;
            while s > 0 && w.is_word(s - 1) && !is_clause_word(w.l(s - 1)) && v - s < 8 {
                s -= 1;
            }
            while s > 0 && w.toks[s - 1].kind == Tok::Possessive {
                // "the city's health board said": keep the owner.
                s -= 1;
                while s > 0 && w.is_word(s - 1) && !is_clause_word(w.l(s - 1)) && v - s < 10 {
                    s -= 1;
                }
            }
            // "Name, who backed it, said": the speaker is before the
            // relative clause.
            if s > 0 && s < chunk_end && matches!(w.l(s - 1), "who" | "which") {
                if let Some(comma) = (0..s - 1).rev().find(|&i| w.punct(i) == Some(',')) {
                    let mut t = comma;
                    while t > 0 && w.is_word(t - 1) && !is_clause_word(w.l(t - 1)) && comma - t < 8
                    {
                        t -= 1;
                    }
                    if t < comma {
                        attribution = Some(Attribution {
                            span: ByteSpan::new(w.toks[t].start, w.toks[v].end),
                            entity: (t..comma).filter_map(|i| w.ent[i]).map(|x| x.0).next(),
                        });
                        content = (v + 1 + usize::from(v + 1 < n && w.l(v + 1) == "that"), n);
                        break;
                    }
                }
            }
            if s < chunk_end {
                // '"...," Name told reporters': the quote is what was said.
                if let Some((q0, q1)) = quote {
                    if q1 < s && (q1 + 1..s).all(|i| w.toks[i].kind == Tok::Punct) {
                        attribution = Some(Attribution {
                            span: ByteSpan::new(w.toks[s].start, w.toks[v].end),
                            entity: (s..chunk_end).filter_map(|i| w.ent[i]).map(|x| x.0).next(),
                        });
                        content = (q0 + 1, q1);
                        break;
                    }
                }
                let entity = (s..chunk_end)
                    .rev()
                    .filter_map(|i| w.ent[i])
                    .map(|x| x.0)
                    .next();
                attribution = Some(Attribution {
                    span: ByteSpan::new(w.toks[s].start, w.toks[v].end),
                    entity,
                });
                content = if words_after <= 3 && s > 0 {
                    (0, s)
                } else {
                    if s > 1 {
                        lead = Some(s);
                    }
                    let mut c0 = v + 1;
                    if c0 < n && w.l(c0) == "that" {
                        c0 += 1;
                    }
                    (c0, n)
                };
                break;
            }
        }
    }

    if let Some(l) = lead {
        content_claims(source, text, sentence, &w, (0, l), quote, None, out);
    }
    content_claims(source, text, sentence, &w, content, quote, attribution, out);
}

/// The part of the words starting at token `k` of a clause that starts at
/// `c0` and has its verb at `v`: the nearest preposition before them, past
/// determiners and other names, or else their place before or after the verb.
fn part_at(w: &Words<'_>, c0: usize, v: usize, k: usize, passive: bool) -> RoleKind {
    let mut p = k;
    while p > c0
        && (is_determiner(w.l(p - 1))
            || w.toks[p - 1].kind == Tok::Possessive
            || w.ent[p - 1].is_some()
            || matches!(w.l(p - 1), "and" | ","))
    {
        p -= 1;
    }
    let prep = (p > c0).then(|| w.l(p - 1)).filter(|l| is_preposition(l));
    if let Some(pr) = prep {
        if pr == "by" && passive && k > v {
            RoleKind::Agent
        } else {
            role_of_prep(pr)
        }
    } else if k < v {
        if passive {
            RoleKind::Object
        } else {
            RoleKind::Agent
        }
    } else if (v + 1..k)
        .all(|x| !w.is_word(x) || is_determiner(w.l(x)) || w.ent[x].is_some() || w.l(x) == "and")
    {
        RoleKind::Object
    } else {
        RoleKind::Other
    }
}

/// Reads the clauses of tokens `content` of a sentence.
#[allow(clippy::too_many_arguments)]
fn content_claims(
    source: &SourceId,
    text: &str,
    sentence: ByteSpan,
    w: &Words<'_>,
    content: (usize, usize),
    quote: Option<(usize, usize)>,
    attribution: Option<Attribution>,
    out: &mut Vec<TextClaim>,
) {
    // Clauses: split at ";", "while", "whereas", ", but". Each clause is
    // read as soon as the next one starts.
    let mut from = content.0;
    let mut read = |from: usize, to: usize| {
        clause_at(
            source,
            text,
            sentence,
            w,
            (from, to),
            quote,
            attribution,
            out,
        )
    };
    for i in content.0 + 1..=content.1 {
        if i == content.1 {
            read(from, i);
            break;
        }
        let subject_next = || {
            i + 1 < content.1
                && (w.ent[i + 1].is_some() || is_pronoun(w.l(i + 1)) || w.l(i + 1) == "the")
        };
        let split = w.punct(i) == Some(';')
            || (w.is_word(i)
                && (matches!(
                    w.l(i),
                    "while" | "whereas" | "although" | "though" | "because"
                ) || (w.l(i) == "but" && w.punct(i - 1) == Some(','))
                    || (matches!(w.l(i), "as" | "when" | "after" | "before" | "since")
                        && subject_next())));
        if split {
            read(from, i);
            from = i;
        }
    }
}

/// Reads the clause of tokens `c0..c1`, past its opening punctuation and
/// connective.
#[allow(clippy::too_many_arguments)]
fn clause_at(
    source: &SourceId,
    text: &str,
    sentence: ByteSpan,
    w: &Words<'_>,
    (mut c0, c1): (usize, usize),
    quote: Option<(usize, usize)>,
    attribution: Option<Attribution>,
    out: &mut Vec<TextClaim>,
) {
    while c0 < c1
        && (w.toks[c0].kind == Tok::Punct
            || matches!(
                w.l(c0),
                "while"
                    | "whereas"
                    | "but"
                    | "although"
                    | "though"
                    | "because"
                    | "as"
                    | "when"
                    | "after"
                    | "before"
                    | "since"
            ))
    {
        c0 += 1;
    }
    if let Some(claim) = clause(source, text, sentence, w, c0, c1, quote, attribution) {
        out.push(claim);
    }
}

#[allow(clippy::too_many_arguments)]
fn clause(
    source: &SourceId,
    text: &str,
    sentence: ByteSpan,
    w: &Words<'_>,
    c0: usize,
    mut c1: usize,
    quote: Option<(usize, usize)>,
    attribution: Option<Attribution>,
) -> Option<TextClaim> {
    let given_end = c1;
    while c1 > c0
        && w.toks[c1 - 1].kind == Tok::Punct
        && !matches!(w.punct(c1 - 1), Some('"' | '\u{201d}' | ')'))
    {
        c1 -= 1;
    }
    if c1 <= c0 {
        return None;
    }
    let mut modality = Modality::Asserted;
    let mut negated = false;
    let mut passive = false;
    let mut verb = None;
    // The verb's stem, when the verb is the word it was taken from.
    let mut verb_stem = None;
    let mut i = c0;
    // An auxiliary, negation or "to" makes the next word, past adverbs, a verb.
    let mut pending_aux = false;
    while i < c1 {
        if !w.is_word(i) || w.ent[i].is_some() {
            pending_aux = false;
            i += 1;
            continue;
        }
        let l = w.l(i);
        if is_negation(l) || l == "to" {
            negated |= l != "to";
            pending_aux = true;
            i += 1;
            continue;
        }
        if l == "longer" && i > c0 && w.l(i - 1) == "no" {
            i += 1;
            continue;
        }
        if let Some(m) = is_aux(l) {
            if let Some(m) = m {
                modality = m;
            }
            if matches!(l, "is" | "are" | "was" | "were" | "be" | "been" | "being") {
                passive = true;
            }
            // "don't", "won't" carry their negation.
            if l.ends_with("n't") {
                negated = true;
            }
            pending_aux = true;
            i += 1;
            continue;
        }
        if is_adverb(l) {
            i += 1;
            continue;
        }
        let after_aux = std::mem::replace(&mut pending_aux, false);
        if is_common_word(l) {
            i += 1;
            continue;
        }
        // After a determiner, preposition or possessive, or before an
        // auxiliary, a verb-looking word is a noun: "Monday's launches don't".
        let prev_det = i > c0
            && (is_determiner(w.l(i - 1))
                || is_preposition(w.l(i - 1))
                || w.toks[i - 1].kind == Tok::Possessive)
            || (i + 1 < c1 && w.is_word(i + 1) && is_aux(w.l(i + 1)).is_some());
        let capital_inside = i > 0 && is_capitalised(w.toks[i].text(text));
        let is_verb = !capital_inside
            && (after_aux
                || (!prev_det
                    && (irregular(l).is_some_and(|b| {
                        b != l && !matches!(b, "person" | "man" | "woman" | "child")
                    }) || (l.len() > 4 && l.ends_with("ed"))
                        || ((l.ends_with('s')
                            || i > c0 && (w.ent[i - 1].is_some() || is_pronoun(w.l(i - 1))))
                            && is_news_verb(l)))));
        // A plural noun before a past tense is its subject, not the verb:
        // "grain exports rose", "the talks ended".
        let plural_subject = !after_aux
            && l.ends_with('s')
            && i + 1 < c1
            && w.is_word(i + 1)
            && w.ent[i + 1].is_none()
            && {
                let n = w.l(i + 1);
                irregular(n).is_some_and(|b| b != n) || (n.len() > 4 && n.ends_with("ed"))
            };
        if !is_verb || plural_subject {
            i += 1;
            continue;
        }
        let st = stem(l);
        // Passive needs a participle after the "be": "was invited", "were
        // taken"; "was ready" is a copula.
        let participle =
            l.ends_with("ed") || l.ends_with("en") || irregular(l).is_some_and(|b| b != l);
        if !participle {
            passive = false;
        }
        // "agreed to build": the complement is the predicate.
        if let Some(m) = control_verb(&st) {
            // The complement may sit in quotes: agreed to "fully restore".
            let next = (i + 2..c1).find(|&x| w.is_word(x));
            if let Some(x) = next.filter(|_| i + 1 < c1 && w.l(i + 1) == "to") {
                modality = m;
                if m == Modality::Expected || st == "set" || st == "du" {
                    passive = false;
                }
                verb = Some(x);
                break;
            }
        }
        verb = Some(i);
        verb_stem = Some(st);
        break;
    }
    let v = verb?;
    // The verb, a particle and at most three head words.
    let mut predicate = Vec::with_capacity(5);
    predicate.push(verb_stem.unwrap_or_else(|| stem(w.l(v))));
    let mut j = v + 1;
    if j < c1
        && matches!(
            w.l(j),
            "up" | "down" | "off" | "out" | "back" | "away" | "over"
        )
    {
        predicate.push(w.l(j).to_string());
        j += 1;
    }
    let mut taken = 0;
    while j < c1 && taken < 3 {
        if !w.is_word(j) || w.ent[j].is_some() {
            break;
        }
        let l = w.l(j);
        if is_preposition(l)
            || matches!(l, "and" | "or" | "that" | "which" | "who" | "while")
            || is_aux(l).is_some()
        {
            break;
        }
        if !(is_determiner(l)
            || is_adverb(l)
            || is_common_word(l)
            || is_negation(l)
            || l.chars().all(|c| c.is_ascii_digit())
            || matches!(
                l,
                "also" | "just" | "only" | "even" | "still" | "now" | "then" | "to"
            ))
        {
            predicate.push(stem(l));
            taken += 1;
        }
        j += 1;
    }

    // Roles, each mention once.
    let mut roles: Vec<Role> = Vec::new();
    let mut k = c0;
    while k < c1 {
        let Some((entity, span)) = w.ent[k] else {
            k += 1;
            continue;
        };
        let mut end = k;
        while end < c1 && w.ent[end] == Some((entity, span)) {
            end += 1;
        }
        let possessive = end < w.toks.len() && w.toks[end].kind == Tok::Possessive;
        // "Ostrian President Vell", "Vellmark Foreign Minister Ann": a
        // place that qualifies the next name is no party of its own.
        let modifier = end < c1
            && w.is_word(end)
            && w.ent[end].map_or(true, |(e, _)| e != entity)
            && is_capitalised(w.toks[end].text(text));
        let kind = if possessive || modifier {
            RoleKind::Other
        } else {
            part_at(w, c0, v, k, passive)
        };
        // One role per entity and part: "the Council (NC)" is one agent.
        if !roles
            .iter()
            .any(|r| r.span == span || (r.entity, r.kind) == (entity, kind))
        {
            roles.push(Role { kind, entity, span });
        }
        k = end;
    }

    let start = w.toks[c0].start;
    let end = w.toks[c1 - 1].end;
    let first = w.values.partition_point(|m| m.span.start < start);
    let values = w.values[first..]
        .iter()
        .take_while(|m| m.span.end <= end)
        .map(|m| {
            let k = w.toks.partition_point(|t| t.start < m.span.start);
            // "since 2011", "by 2030": the value's own opening preposition
            // gives its part; "from 1910 to 1945" is a span, not a source.
            let own = k < c1 && w.is_word(k) && is_preposition(w.l(k));
            let role = if own {
                match m.qualifier {
                    Some(Qualifier::Range) => RoleKind::Other,
                    _ => role_of_prep(w.l(k)),
                }
            } else {
                part_at(w, c0, v, k, passive)
            };
            ClaimValue {
                role,
                mention: m.clone(),
            }
        })
        .collect();
    let quote = quote.and_then(|(o, c)| {
        let qs = w.toks[o].end;
        let qe = w.toks[c].start;
        // The quote belongs to the clause when they overlap.
        (qs < qe && o < given_end && c >= c0).then(|| ByteSpan::new(qs, qe))
    });
    let span = ByteSpan::new(start, end);
    Some(TextClaim {
        source: source.clone(),
        sentence,
        span,
        text: span.slice(text).to_string(),
        verb: ByteSpan::new(w.toks[v].start, w.toks[v].end),
        predicate,
        roles,
        values,
        negated,
        modality,
        attribution,
        quote,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        let groups: &[&[&str]] = &[
            &["agree", "agreed", "agrees", "agreeing"],
            &["launch", "launched", "launches", "launching"],
            &["stop", "stopped", "stops", "stopping"],
            &["meet", "met", "meets", "meeting"],
            &["try", "tried", "tries"],
            &["withdraw", "withdrew", "withdrawn", "withdraws"],
            &["pose", "posed", "poses", "posing"],
            &["impose", "imposed", "imposes"],
        ];
        for g in groups {
            let s = stem(g[0]);
            for w in *g {
                assert_eq!(stem(w), s, "{w} vs {}", g[0]);
            }
        }
        assert_ne!(stem("lift"), stem("left"));
    }
}
