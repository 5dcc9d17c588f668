//! A self-contained HTML page for a [`Report`]: inline CSS, no scripts, no
//! requests, so it can be mailed, archived or opened offline as it is.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use crate::model::{Score, SourceId};
use crate::report::{Citation, Entity, Fact, FactKind, Position, Rejected, Report, SourceReport};

/// How far a citation's context may reach on each side of the quote, in
/// bytes, when no sentence boundary comes sooner.
const CONTEXT_BYTES: usize = 150;

/// Fact kinds in page order: what needs a decision first.
const KINDS: [FactKind; 3] = [
    FactKind::Contradiction,
    FactKind::Consensus,
    FactKind::Uncorroborated,
];

/// Citations shown per position before the rest fold away, so that a fact
/// backed by dozens of table sources stays one screen tall.
const CITATIONS_SHOWN: usize = 3;

/// What the HTML page needs beyond the report: each source's full text, so
/// that a quote cited by byte span can be shown inside its sentence, and an
/// optional page title.
///
/// Sources without a text, and citations by record number, show the quote
/// alone.
///
/// ```
/// use corroborate::{Claim, HtmlContext, Reconciler, Options};
///
/// # fn main() -> Result<(), corroborate::Error> {
/// let text = "PORTVALE, May 14 — The ferry line opened on Tuesday.";
/// let mut r = Reconciler::new(Options::default());
/// r.add_claim(&Claim::from_span("gazette", 46, 53, "ferry line", "opened", "Tuesday"));
/// let context = HtmlContext::new().title("Ferry line").text("gazette", text);
/// let page = r.reconcile().to_html(&context);
/// assert!(page.contains("opened on <mark>Tuesday</mark>."));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlContext {
    texts: BTreeMap<SourceId, Arc<str>>,
    title: Option<String>,
}

impl HtmlContext {
    /// A context with no texts and the default title.
    pub fn new() -> Self {
        HtmlContext::default()
    }

    /// Supplies the full text of `source`, exactly as its spans were read,
    /// replacing any text given before for it.
    pub fn text(mut self, source: impl Into<SourceId>, text: impl Into<Arc<str>>) -> Self {
        self.texts.insert(source.into(), text.into());
        self
    }

    /// Sets the page title (default: "Reconciliation report").
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The text supplied for `source`, if any.
    pub fn source_text(&self, source: &SourceId) -> Option<&str> {
        self.texts.get(source).map(|t| &**t)
    }
}

impl<S: Into<SourceId>, T: Into<Arc<str>>> Extend<(S, T)> for HtmlContext {
    fn extend<I: IntoIterator<Item = (S, T)>>(&mut self, iter: I) {
        for (s, t) in iter {
            self.texts.insert(s.into(), t.into());
        }
    }
}

impl<S: Into<SourceId>, T: Into<Arc<str>>> FromIterator<(S, T)> for HtmlContext {
    fn from_iter<I: IntoIterator<Item = (S, T)>>(iter: I) -> Self {
        let mut c = HtmlContext::new();
        c.extend(iter);
        c
    }
}

impl Report {
    /// The report as one self-contained HTML page.
    ///
    /// The page shows a summary of the facts by kind, the sources with their
    /// reliability, then every fact, contradictions first, with its positions
    /// side by side (the chosen one marked, each with its confidence) and
    /// every citation: a quote cited by byte span, when `context` holds its
    /// source's text, stands highlighted inside its sentence. Rejected claims
    /// and entities close the page in collapsed sections.
    ///
    /// Every string that comes from a source is escaped, and spans outside
    /// the text or inside a character are clamped, so no input can inject
    /// markup or make rendering fail. The page loads nothing: styles are
    /// inline and there is no script.
    pub fn to_html(&self, context: &HtmlContext) -> String {
        Page::new(self, context).render()
    }
}

/// One rendering in progress: the report, the texts, and the lookups built
/// from them once.
struct Page<'a> {
    report: &'a Report,
    context: &'a HtmlContext,
    /// Each source's display name and its anchor number on the page.
    sources: BTreeMap<&'a SourceId, (&'a str, usize)>,
    out: String,
}

impl<'a> Page<'a> {
    fn new(report: &'a Report, context: &'a HtmlContext) -> Self {
        let sources = report
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, (s.name.as_deref().unwrap_or(s.id.as_str()), i)))
            .collect();
        Page {
            report,
            context,
            sources,
            out: String::with_capacity(16 * 1024),
        }
    }

    fn render(mut self) -> String {
        let title = self
            .context
            .title
            .as_deref()
            .unwrap_or("Reconciliation report");
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
             <header><p class=\"eyebrow\">corroborate</p><h1>{}</h1></header>\n",
            Esc(title),
            Esc(title)
        );
        self.summary();
        self.sources();
        for kind in KINDS {
            self.facts(kind);
        }
        self.rejected();
        self.entities();
        self.out.push_str("</main>\n</body>\n</html>\n");
        self.out
    }

    fn summary(&mut self) {
        let r = self.report;
        self.out.push_str("<section class=\"summary\">\n");
        let kinds = KINDS.map(|k| {
            let label = match k {
                FactKind::Contradiction => "contradictions",
                _ => k.name(),
            };
            (k.name(), k.name(), label, r.count(k))
        });
        for (class, anchor, label, n) in kinds.into_iter().chain([
            ("neutral", "sources", "sources", r.sources.len()),
            ("neutral", "rejected", "rejected claims", r.rejected.len()),
            ("neutral", "entities", "entities", r.entities.len()),
        ]) {
            // Tables name no entities; a zero there says nothing.
            if anchor == "entities" && n == 0 {
                continue;
            }
            let _ = writeln!(
                self.out,
                "<a class=\"stat {class}\" href=\"#{anchor}\"><span class=\"n\">{n}</span><span class=\"label\">{label}</span></a>"
            );
        }
        self.out.push_str("</section>\n");
    }

    fn sources(&mut self) {
        if self.report.sources.is_empty() {
            return;
        }
        let mut by_rel: Vec<(usize, &SourceReport)> =
            self.report.sources.iter().enumerate().collect();
        by_rel.sort_by(|(_, a), (_, b)| {
            b.reliability
                .get()
                .total_cmp(&a.reliability.get())
                .then(a.id.cmp(&b.id))
        });
        let _ = writeln!(
            self.out,
            "<section id=\"sources\">\n<h2>Sources <span class=\"count\">{}</span></h2>\n\
             <table class=\"sources\">\n<thead><tr><th>source</th><th>reliability</th>\
             <th class=\"num\">claims</th><th class=\"num\">rejected</th></tr></thead>\n<tbody>",
            self.report.sources.len()
        );
        for (i, s) in by_rel {
            let _ = write!(
                self.out,
                "<tr id=\"src-{i}\"><td><span class=\"name\">{}</span>",
                Esc(s.name.as_deref().unwrap_or(s.id.as_str()))
            );
            if s.name.is_some() {
                let _ = write!(self.out, " <code>{}</code>", Esc(s.id.as_str()));
            }
            self.out.push_str("</td><td>");
            self.bar(s.reliability, "reliability");
            let _ = writeln!(
                self.out,
                "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                s.claims, s.rejected
            );
        }
        self.out.push_str("</tbody>\n</table>\n</section>\n");
    }

    /// A horizontal bar for a score, with the number beside it.
    fn bar(&mut self, score: Score, what: &str) {
        let pct = score.get() * 100.0;
        let _ = write!(
            self.out,
            "<span class=\"bar\" title=\"{what} {score}\"><span class=\"fill\" style=\"width:{pct:.1}%\"></span></span>\
             <span class=\"pct\">{pct:.0}%</span>"
        );
    }

    fn facts(&mut self, kind: FactKind) {
        let facts: Vec<&Fact> = self
            .report
            .facts
            .iter()
            .filter(|f| f.kind == kind)
            .collect();
        if facts.is_empty() {
            return;
        }
        let (title, blurb) = match kind {
            FactKind::Contradiction => (
                "Contradictions",
                "The sources take different positions; the first column is the one chosen.",
            ),
            FactKind::Consensus => (
                "Consensus",
                "Two or more sources agree, and none says otherwise.",
            ),
            FactKind::Uncorroborated => (
                "Uncorroborated",
                "Only one source says so: check before repeating.",
            ),
        };
        let _ = writeln!(
            self.out,
            "<section class=\"facts {}\" id=\"{0}\">\n<h2>{title} <span class=\"count\">{}</span></h2>\n<p class=\"blurb\">{blurb}</p>",
            kind.name(),
            facts.len()
        );
        for f in facts {
            self.fact(f);
        }
        self.out.push_str("</section>\n");
    }

    fn fact(&mut self, f: &Fact) {
        let _ = write!(
            self.out,
            "<article class=\"fact {}{}\">\n<header><span class=\"kind\">{}</span><h3>{}</h3>",
            f.kind.name(),
            // One position has the full width: its citations go in columns.
            if f.positions.len() == 1 {
                " single"
            } else {
                ""
            },
            f.kind.name(),
            Esc(&f.topic)
        );
        if f.subject.is_some() || f.attribute.is_some() {
            let _ = write!(
                self.out,
                "<p class=\"key\"><code>{}</code> · <code>{}</code></p>",
                Esc(f.subject.as_deref().unwrap_or("")),
                Esc(f.attribute.as_deref().unwrap_or(""))
            );
        }
        self.out.push_str("</header>\n<div class=\"positions\">\n");
        for (i, p) in f.positions.iter().enumerate() {
            self.position(p, i == 0 && f.positions.len() > 1);
        }
        self.out.push_str("</div>\n</article>\n");
    }

    fn position(&mut self, p: &Position, chosen: bool) {
        let sources = {
            let mut s: Vec<&SourceId> = p.support.iter().map(|c| &c.source).collect();
            s.dedup();
            s.len()
        };
        let _ = write!(
            self.out,
            "<div class=\"position{}\">\n<div class=\"value\">{}</div>\n<div class=\"meta\">",
            if chosen { " chosen" } else { "" },
            Esc(&p.value)
        );
        if chosen {
            self.out.push_str("<span class=\"badge\">chosen</span>");
        }
        self.bar(p.confidence, "confidence");
        let _ = write!(
            self.out,
            "<span class=\"nsrc\">{sources} source{}</span></div>\n<ul class=\"cites\">\n",
            if sources == 1 { "" } else { "s" }
        );
        for c in p.support.iter().take(CITATIONS_SHOWN) {
            self.citation_item(c);
        }
        if p.support.len() > CITATIONS_SHOWN {
            let _ = writeln!(
                self.out,
                "<li class=\"more\"><details><summary>{} more</summary><ul class=\"cites\">",
                p.support.len() - CITATIONS_SHOWN
            );
            for c in &p.support[CITATIONS_SHOWN..] {
                self.citation_item(c);
            }
            self.out.push_str("</ul></details></li>\n");
        }
        self.out.push_str("</ul>\n</div>\n");
    }

    fn citation_item(&mut self, c: &Citation) {
        self.out.push_str("<li>");
        self.citation(c);
        self.out.push_str("</li>\n");
    }

    /// Who said it and where, then the quote: in its sentence when the
    /// source's text is known and the citation has a span, alone otherwise.
    fn citation(&mut self, c: &Citation) {
        self.out.push_str("<div class=\"who\">");
        match self.sources.get(&c.source) {
            Some(&(name, i)) => {
                let _ = write!(self.out, "<a href=\"#src-{i}\">{}</a>", Esc(name));
            }
            None => {
                let _ = write!(self.out, "<span>{}</span>", Esc(c.source.as_str()));
            }
        }
        match (c.record, c.start, c.end) {
            (Some(r), _, _) => {
                let _ = write!(self.out, " <span class=\"place\">record {r}</span>");
            }
            (None, Some(s), Some(e)) => {
                let _ = write!(self.out, " <span class=\"place\">bytes {s}–{e}</span>");
            }
            _ => {}
        }
        self.out.push_str("</div>");
        let snippet = match (c.start, c.end) {
            (Some(s), Some(e)) => self
                .context
                .source_text(&c.source)
                .map(|t| Snippet::around(t, s, e)),
            _ => None,
        };
        match snippet {
            Some(snip) if !snip.quote.is_empty() => {
                let _ = write!(
                    self.out,
                    "<blockquote class=\"ctx\">{}{}<mark>{}</mark>{}{}</blockquote>",
                    if snip.cut_before { "…" } else { "" },
                    Esc(snip.before),
                    Esc(snip.quote),
                    Esc(snip.after),
                    if snip.cut_after { "…" } else { "" },
                );
                if snip.quote != &*c.quote {
                    let _ = write!(
                        self.out,
                        "<p class=\"warn\">The text at these bytes differs from the quote “{}”.</p>",
                        Esc(&c.quote)
                    );
                }
            }
            _ => {
                let _ = write!(
                    self.out,
                    "<blockquote class=\"bare\"><mark>{}</mark></blockquote>",
                    Esc(&c.quote)
                );
            }
        }
    }

    /// Opens a collapsed section holding a table of `n` rows, which
    /// [`FOLD_CLOSE`] ends; an empty table gets no section, and `false`.
    fn fold_open(&mut self, id: &str, title: &str, n: usize, header_cells: &str) -> bool {
        if n == 0 {
            return false;
        }
        let _ = writeln!(
            self.out,
            "<section id=\"{id}\">\n<details class=\"fold\">\n\
             <summary><h2>{title} <span class=\"count\">{n}</span></h2></summary>\n\
             <table class=\"{id}\">\n<thead><tr>{header_cells}</tr></thead>\n<tbody>"
        );
        true
    }

    fn rejected(&mut self) {
        let rejected: &[Rejected] = &self.report.rejected;
        let header = "<th>claim</th><th>subject · attribute</th><th>reason</th>";
        if !self.fold_open("rejected", "Rejected claims", rejected.len(), header) {
            return;
        }
        for r in rejected {
            self.out.push_str("<tr><td>");
            self.citation(&r.citation);
            let _ = writeln!(
                self.out,
                "</td><td><code>{}</code> · <code>{}</code></td><td>{}</td></tr>",
                Esc(&r.subject),
                Esc(&r.attribute),
                Esc(&r.reason.to_string())
            );
        }
        self.out.push_str(FOLD_CLOSE);
    }

    fn entities(&mut self) {
        let entities: &[Entity] = &self.report.entities;
        let header =
            "<th>entity</th><th>kind</th><th class=\"num\">mentions</th><th>written as</th>";
        if !self.fold_open("entities", "Entities", entities.len(), header) {
            return;
        }
        for e in entities {
            // Variants with how often each is written, so a stray merge
            // (one odd name among many) stands out.
            let mut variants: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &e.mentions {
                *variants.entry(m.text.as_str()).or_default() += 1;
            }
            let mut sources: Vec<&SourceId> = e.mentions.iter().map(|m| &m.source).collect();
            sources.sort_unstable();
            sources.dedup();
            let _ = write!(
                self.out,
                "<tr><td class=\"name\">{}</td><td>{}</td><td class=\"num\">{} in {} source{}</td><td>",
                Esc(&e.name),
                Esc(&e.kind),
                e.mentions.len(),
                sources.len(),
                if sources.len() == 1 { "" } else { "s" }
            );
            for (v, n) in variants {
                let _ = write!(self.out, "<span class=\"chip\">{}", Esc(v));
                if n > 1 {
                    let _ = write!(self.out, " <b>×{n}</b>");
                }
                self.out.push_str("</span> ");
            }
            self.out.push_str("</td></tr>\n");
        }
        self.out.push_str(FOLD_CLOSE);
    }
}

/// Ends what [`Page::fold_open`] opened.
const FOLD_CLOSE: &str = "</tbody>\n</table>\n</details>\n</section>\n";

/// A quote with the words around it, cut from a source's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Snippet<'t> {
    before: &'t str,
    quote: &'t str,
    after: &'t str,
    /// The context stops inside a sentence on this side.
    cut_before: bool,
    cut_after: bool,
}

impl<'t> Snippet<'t> {
    /// The sentence around bytes `start..end` of `text`, or at most
    /// [`CONTEXT_BYTES`] on each side when the sentence is longer.
    ///
    /// Any span is accepted: offsets past the end are clamped, reversed ones
    /// swapped, and both widened to the nearest character boundaries.
    fn around(text: &'t str, start: usize, end: usize) -> Self {
        let (lo, hi) = (start.min(end), start.max(end));
        let qs = floor_boundary(text, lo.min(text.len()));
        let qe = ceil_boundary(text, hi.min(text.len()));

        let win_lo = floor_boundary(text, qs.saturating_sub(CONTEXT_BYTES));
        let lead = &text[win_lo..qs];
        let (before, cut_before) = match sentence_start(lead) {
            Some(i) => (&lead[i..], false),
            None if win_lo == 0 => (lead, false),
            // Start at a word, not inside one.
            None => match lead.find(char::is_whitespace) {
                Some(i) => (&lead[i..], true),
                None => (lead, true),
            },
        };

        let win_hi = ceil_boundary(text, qe.saturating_add(CONTEXT_BYTES).min(text.len()));
        let tail = &text[qe..win_hi];
        let (after, cut_after) = match sentence_end(tail) {
            Some(i) => (&tail[..i], false),
            None if win_hi == text.len() => (tail, false),
            None => match tail.rfind(char::is_whitespace) {
                Some(i) => (&tail[..i], true),
                None => (tail, true),
            },
        };

        Snippet {
            before: before.trim_start(),
            quote: &text[qs..qe],
            after: after.trim_end(),
            cut_before,
            cut_after,
        }
    }
}

/// Where the sentence holding the end of `lead` begins: after the last
/// line break, or after the last `.`, `!` or `?` (with closing quotes and
/// brackets) that white space follows.
fn sentence_start(lead: &str) -> Option<usize> {
    let mut start = None;
    let mut after_stop = false;
    for (i, c) in lead.char_indices() {
        if c == '\n' {
            start = Some(i + 1);
            after_stop = false;
        } else if is_stop(c) {
            after_stop = true;
        } else if after_stop && c.is_whitespace() {
            start = Some(i);
            after_stop = false;
        } else if !is_closer(c) {
            after_stop = false;
        }
    }
    start
}

/// Where the sentence that `tail` continues ends: before a line break, or
/// after a `.`, `!` or `?` (with closing quotes and brackets) that white
/// space or the end of the text follows.
fn sentence_end(tail: &str) -> Option<usize> {
    let mut stop_end = None;
    for (i, c) in tail.char_indices() {
        if c == '\n' {
            return Some(stop_end.unwrap_or(i));
        }
        match stop_end {
            Some(e) if c.is_whitespace() => return Some(e),
            Some(_) if is_closer(c) => stop_end = Some(i + c.len_utf8()),
            _ if is_stop(c) => stop_end = Some(i + c.len_utf8()),
            _ => stop_end = None,
        }
    }
    stop_end
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Text escaped for HTML element content and quoted attribute values.
struct Esc<'s>(&'s str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'', '\0']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                // NUL is a parse error in HTML; show the replacement character.
                _ => "\u{FFFD}",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

const STYLE: &str = r#"
:root{--ink:#1d2330;--muted:#667085;--line:#e3e6ec;--bg:#f6f7f9;--card:#fff;
--red:#c2362b;--red-bg:#fdf0ee;--green:#23804a;--green-bg:#eef8f1;--amber:#a86a00;--amber-bg:#fdf6e7;--blue:#2f5fb3}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:28px 32px 64px}
h1{font-size:28px;margin:0 0 18px;letter-spacing:-.01em}
h2{font-size:19px;margin:34px 0 10px;display:inline-flex;align-items:center;gap:8px}
h3{font-size:16px;margin:0;font-weight:600}
.eyebrow{margin:0;color:var(--muted);font-size:12px;letter-spacing:.12em;text-transform:uppercase}
.count{font-size:12px;font-weight:600;background:var(--line);color:var(--ink);border-radius:10px;padding:1px 8px}
.blurb{margin:0 0 14px;color:var(--muted)}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef0f4;border-radius:4px;padding:1px 5px}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.stat{display:block;color:inherit;text-decoration:none;background:var(--card);border:1px solid var(--line);border-top:4px solid var(--muted);border-radius:8px;padding:12px 16px}
.stat .n{display:block;font-size:30px;font-weight:700;line-height:1.1}
.stat .label{color:var(--muted);font-size:13px}
.stat.contradiction{border-top-color:var(--red)}.stat.contradiction .n{color:var(--red)}
.stat.consensus{border-top-color:var(--green)}.stat.consensus .n{color:var(--green)}
.stat.uncorroborated{border-top-color:var(--amber)}.stat.uncorroborated .n{color:var(--amber)}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
th,td{text-align:left;padding:8px 12px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.05em;background:#fafbfc}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sources td:first-child{width:45%}.sources .name,.entities .name{font-weight:600}
.bar{display:inline-block;vertical-align:middle;width:140px;height:8px;background:var(--line);border-radius:4px;overflow:hidden}
.bar .fill{display:block;height:100%;background:var(--blue)}
.pct{display:inline-block;min-width:3.2em;margin-left:8px;font-variant-numeric:tabular-nums;font-size:13px;color:var(--muted)}
.fact{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--muted);border-radius:8px;padding:14px 16px;margin:0 0 14px}
.fact.contradiction{border-left-color:var(--red)}.fact.consensus{border-left-color:var(--green)}.fact.uncorroborated{border-left-color:var(--amber)}
.fact>header{display:flex;flex-wrap:wrap;align-items:baseline;gap:10px;margin-bottom:10px}
.kind{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.08em;border-radius:4px;padding:2px 7px;color:var(--muted);background:var(--bg)}
.contradiction .kind{color:var(--red);background:var(--red-bg)}.consensus .kind{color:var(--green);background:var(--green-bg)}.uncorroborated .kind{color:var(--amber);background:var(--amber-bg)}
.key{margin:0;color:var(--muted)}
.positions{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.position{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:#fcfcfd;min-width:0}
.contradiction .position{border-top:3px solid var(--red)}
.position.chosen{border:2px solid var(--green);background:var(--green-bg)}
.single .cites,.single .more .cites{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));column-gap:20px}
.single .cites li.more{grid-column:1/-1}
.value{font-size:18px;font-weight:700;overflow-wrap:anywhere}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:4px 0 8px;font-size:13px;color:var(--muted)}
.meta .bar{width:90px}.meta .pct{margin-left:0;min-width:0}
.badge{background:var(--green);color:#fff;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.06em;border-radius:4px;padding:1px 6px}
.nsrc{margin-left:auto}
.cites{list-style:none;margin:0;padding:0}
.cites li{padding:7px 0;border-top:1px dashed var(--line)}
.who{font-size:12px;color:var(--muted)}.who a{color:var(--blue);font-weight:600;text-decoration:none}
.place{font-variant-numeric:tabular-nums}
blockquote{margin:3px 0 0;font:15px/1.5 Georgia,"Times New Roman",serif;color:#333a48;overflow-wrap:anywhere}
mark{background:#ffe58a;color:var(--ink);border-radius:2px;padding:0 1px}
.warn{margin:4px 0 0;font-size:12px;color:var(--red)}
.more summary{cursor:pointer;font-size:13px;color:var(--blue)}
.fold>summary{cursor:pointer;list-style-position:outside}.fold>summary h2{margin:34px 0 10px}
.chip{display:inline-block;background:#eef0f4;border-radius:12px;padding:1px 9px;margin:2px 2px;font-size:13px}
.chip b{color:var(--muted);font-weight:600}
@media print{body{background:#fff}}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        for (input, want) in [
            ("plain", "plain"),
            ("<script>", "&lt;script&gt;"),
            ("a & b", "a &amp; b"),
            ("\"q\" 'q'", "&quot;q&quot; &#39;q&#39;"),
            ("&amp;", "&amp;amp;"),
            ("é<ü>", "é&lt;ü&gt;"),
            ("nul\0", "nul\u{FFFD}"),
            ("", ""),
        ] {
            assert_eq!(Esc(input).to_string(), want, "{input:?}");
        }
    }

    #[test]
    fn snippets_stop_at_sentences() {
        for (text, quote, want) in [
            // The sentence around the quote, with its final stop.
            (
                "First one. Second has the quote here. Third.",
                "quote",
                ("Second has the ", " here."),
            ),
            // Line breaks end sentences too.
            (
                "Headline\nThe quote stands\nNext",
                "quote",
                ("The ", " stands"),
            ),
            // Decimals are not boundaries; closing quotes belong to the sentence.
            (
                "Before. He said “it costs $1.2 billion.” Then left.",
                "billion",
                ("He said “it costs $1.2 ", ".”"),
            ),
            ("Why? Because “so.” quote! Next", "quote", ("", "!")),
            // Text start and end are boundaries.
            ("quote", "quote", ("", "")),
        ] {
            let start = text.find(quote).unwrap_or(0);
            let s = Snippet::around(text, start, start + quote.len());
            assert_eq!(s.quote, quote);
            assert_eq!((s.before, s.after), want, "{text:?}");
            assert!(!s.cut_before && !s.cut_after, "{text:?}");
        }
    }

    #[test]
    fn long_sentences_are_cut_at_words_within_the_window() {
        let text = format!("{}quote {}", "wörd ".repeat(60), "more ".repeat(60));
        let start = text.find("quote").unwrap_or(0);
        let s = Snippet::around(&text, start, start + 5);
        assert!(s.cut_before && s.cut_after);
        assert!(s.before.len() <= CONTEXT_BYTES && s.after.len() <= CONTEXT_BYTES);
        assert!(s.before.starts_with("wörd ") && s.after.ends_with(" more"));
        assert!(s.before.len() > CONTEXT_BYTES - 8, "{:?}", s.before);
    }

    #[test]
    fn bad_spans_are_clamped_to_characters() {
        let text = "Zürich — 東京";
        for (start, end, quote) in [
            (2, 3, "ü"),           // inside ü on both sides
            (3, 2, "ü"),           // reversed
            (100, 200, ""),        // past the end
            (12, 13, "東"),        // inside 東
            (0, usize::MAX, text), // the whole text
            (usize::MAX, 0, text),
        ] {
            assert_eq!(Snippet::around(text, start, end).quote, quote);
        }
        assert_eq!(Snippet::around("", 3, 9).quote, "");
    }

    fn report_with(citations: Vec<Citation>) -> Report {
        Report {
            sources: vec![SourceReport {
                id: SourceId::new("gazette"),
                name: Some("Harbour <Gazette>".into()),
                reliability: Score::new(0.8),
                claims: 2,
                rejected: 0,
            }],
            facts: vec![Fact {
                kind: FactKind::Contradiction,
                topic: "visit & <gap>".into(),
                subject: None,
                attribute: None,
                positions: vec![
                    Position {
                        value: "P9Y".into(),
                        confidence: Score::new(0.9),
                        support: citations,
                    },
                    Position {
                        value: "P100Y".into(),
                        confidence: Score::new(0.1),
                        support: vec![],
                    },
                ],
            }],
            rejected: vec![],
            entities: vec![],
        }
    }

    #[test]
    fn citations_render_in_context_or_alone() {
        let text = "Intro. The first visit in nine years <b>. End.";
        let span = |s: usize, e: usize, q: &str| {
            Citation::new(
                SourceId::new("gazette"),
                crate::Provenance::Span { start: s, end: e },
                q,
            )
        };
        let ctx = HtmlContext::new().text("gazette", text);
        for (citation, context, want, unwanted) in [
            (
                span(26, 36, "nine years"),
                &ctx,
                "<blockquote class=\"ctx\">The first visit in <mark>nine years</mark> &lt;b&gt;.</blockquote>",
                "class=\"warn\"",
            ),
            (
                span(26, 36, "nine years"),
                &HtmlContext::new(),
                "<blockquote class=\"bare\"><mark>nine years</mark></blockquote>",
                "class=\"ctx\"",
            ),
            (
                Citation::new(SourceId::new("gazette"), crate::Provenance::Record(4), "9 yrs"),
                &ctx,
                "<a href=\"#src-0\">Harbour &lt;Gazette&gt;</a> <span class=\"place\">record 4</span></div>\
                 <blockquote class=\"bare\"><mark>9 yrs</mark>",
                "class=\"ctx\"",
            ),
            (
                span(26, 36, "ten years"),
                &ctx,
                "differs from the quote “ten years”",
                "never",
            ),
        ] {
            let page = report_with(vec![citation]).to_html(context);
            assert!(page.contains(want), "missing {want:?} in\n{page}");
            assert!(!page.contains(unwanted), "unexpected {unwanted:?}");
        }
    }

    #[test]
    fn page_marks_the_chosen_position_and_escapes_names() {
        let page = report_with(vec![]).to_html(&HtmlContext::new().title("A & B"));
        for want in [
            "<title>A &amp; B</title>",
            "<h3>visit &amp; &lt;gap&gt;</h3>",
            "Harbour &lt;Gazette&gt;",
            "<div class=\"position chosen\">\n<div class=\"value\">P9Y</div>",
            "<span class=\"pct\">90%</span>",
            "<a class=\"stat contradiction\" href=\"#contradiction\"><span class=\"n\">1</span>",
            "<section class=\"facts contradiction\" id=\"contradiction\">",
            "<article class=\"fact contradiction\">",
            "<tr id=\"src-0\"><td><span class=\"name\">Harbour &lt;Gazette&gt;</span> <code>gazette</code>",
        ] {
            assert!(page.contains(want), "missing {want:?}");
        }
        assert_eq!(page.matches("class=\"position chosen\"").count(), 1);
        // Self-contained: nothing that would load or run anything.
        for banned in ["<script", "://", "url(", "@import", "src=", "<link"] {
            assert!(!page.contains(banned), "{banned}");
        }
    }

    #[test]
    fn rejected_claims_and_entities_fold_away() {
        let mention = |text: &str, start: usize| crate::Mention {
            source: SourceId::new("gazette"),
            start,
            end: start + text.len(),
            text: text.into(),
        };
        let mut report = report_with(vec![]);
        let empty = report.to_html(&HtmlContext::new());
        report.rejected.push(Rejected {
            citation: Citation::new(SourceId::new("x<y"), crate::Provenance::Record(9), "n/a"),
            subject: "s&s".into(),
            attribute: "a'a".into(),
            reason: crate::RejectReason::MissingValue,
        });
        report.entities.push(Entity {
            name: "Jeong <Min-seo>".into(),
            kind: "person".into(),
            mentions: vec![
                mention("Jeong", 0),
                mention("Chung", 9),
                mention("Jeong", 20),
            ],
        });
        let full = report.to_html(&HtmlContext::new());
        for (page, want, present) in [
            (&empty, "id=\"rejected\"", false),
            (&empty, "href=\"#entities\"", false),
            (
                &full,
                "<section id=\"rejected\">\n<details class=\"fold\">",
                true,
            ),
            (
                &full,
                "<span>x&lt;y</span> <span class=\"place\">record 9</span>",
                true,
            ),
            (&full, "<code>s&amp;s</code> · <code>a&#39;a</code>", true),
            (&full, "<td>placeholder for a missing value</td>", true),
            (&full, "<td class=\"name\">Jeong &lt;Min-seo&gt;</td>", true),
            (&full, "3 in 1 source</td>", true),
            (
                &full,
                "<span class=\"chip\">Chung</span> <span class=\"chip\">Jeong <b>×2</b></span>",
                true,
            ),
            (
                &full,
                "<a class=\"stat neutral\" href=\"#entities\"><span class=\"n\">1</span>",
                true,
            ),
        ] {
            assert_eq!(page.contains(want), present, "{want:?}");
        }
    }

    #[test]
    fn context_builds_from_pairs() {
        let c: HtmlContext = [("a", "one"), ("b", "two")].into_iter().collect();
        assert_eq!(c.source_text(&SourceId::new("b")), Some("two"));
        assert_eq!(c, HtmlContext::new().text("a", "one").text("b", "two"));
    }
}
