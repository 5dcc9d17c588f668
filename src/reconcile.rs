use std::collections::BTreeMap;
use std::io;
use std::ops::Range;

use crate::agree::{candidate_key, similarity, AgreeOptions};
use crate::error::{Error, ErrorKind};
use crate::intern::{FxHashMap, Interner, Strings};
use crate::model::{Claim, Provenance, Score, Source, SourceId};
use crate::normalize::{infer_kind, normalize};
use crate::parallel::threads;
use crate::report::{
    Citation, Fact, FactKind, Position, RejectReason, Rejected, Report, SourceReport,
};
use crate::truth::{self, TruthOptions};
use crate::value::{Value, ValueKind};

/// Whose reliability is estimated: each source as a whole, or each source
/// separately for each attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum TrustScope {
    /// One reliability per source.
    Source,
    /// One reliability per source, then one per source and attribute,
    /// started from and smoothed towards the source's: a site may keep
    /// scheduled times well and actual times badly. Reported per source as
    /// the claim-weighted mean. The default.
    #[default]
    SourceAttribute,
}

/// How claims are reconciled. Every field has a documented default; build
/// from [`Options::default`] with the builder methods.
///
/// ```
/// use corroborate::{Options, ValueKind, TruthOptions};
/// let options = Options::default()
///     .kind("sched_dep", ValueKind::Time)
///     .truth(TruthOptions::default().iterations(30));
/// assert_eq!(options.kind_of("sched_dep"), Some(ValueKind::Time));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Options {
    kinds: BTreeMap<String, ValueKind>,
    /// When values agree, by kind.
    pub agree: AgreeOptions,
    /// How reliability is estimated.
    pub truth: TruthOptions,
    /// Whose reliability is estimated [`TrustScope::SourceAttribute`].
    pub trust_scope: TrustScope,
}

impl Options {
    /// Declares the kind of an attribute's values instead of inferring it.
    pub fn kind(mut self, attribute: impl AsRef<str>, kind: ValueKind) -> Self {
        self.kinds.insert(attribute.as_ref().to_string(), kind);
        self
    }

    /// The declared kind of an attribute, if any.
    pub fn kind_of(&self, attribute: impl AsRef<str>) -> Option<ValueKind> {
        self.kinds.get(attribute.as_ref()).copied()
    }

    /// Sets the agreement thresholds.
    pub fn agree(mut self, agree: AgreeOptions) -> Self {
        self.agree = agree;
        self
    }

    /// Sets the reliability estimation options.
    pub fn truth(mut self, truth: TruthOptions) -> Self {
        self.truth = truth;
        self
    }

    /// Sets whose reliability is estimated.
    pub fn trust_scope(mut self, scope: TrustScope) -> Self {
        self.trust_scope = scope;
        self
    }
}

#[derive(Debug, Clone, Copy)]
struct Row {
    source: u32,
    subject: u32,
    attribute: u32,
    raw: u32,
    kind: Option<ValueKind>,
    provenance: Provenance,
}

/// Collects claims, then reconciles them into a [`Report`].
///
/// Claims are interned as they arrive, so a million table rows cost tens of
/// megabytes, not hundreds. The report depends only on the multiset of
/// claims and sources added, never on their order; two reconcilers fed
/// halves of a claim set and [merged](Reconciler::merge) give the report the
/// whole set gives.
///
/// ```
/// use corroborate::{Claim, FactKind, Options, Reconciler, ValueKind};
/// let mut r = Reconciler::new(Options::default().kind("pop", ValueKind::Number));
/// r.add_claim(&Claim::from_record("atlas", 1, "Springfield", "pop", "30,720"));
/// r.add_claim(&Claim::from_record("gazette", 1, "Springfield", "pop", "30720"));
/// r.add_claim(&Claim::from_record("blog", 1, "Springfield", "pop", "31,000"));
/// let report = r.reconcile();
/// let fact = &report.facts[0];
/// assert_eq!(fact.kind, FactKind::Contradiction);
/// assert_eq!(fact.positions[0].value, "30720");
/// assert_eq!(fact.positions[0].support.len(), 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Reconciler {
    options: Options,
    declared: BTreeMap<SourceId, Source>,
    sources: Interner,
    subjects: Interner,
    attributes: Interner,
    raws: Interner,
    rows: Vec<Row>,
}

impl Reconciler {
    /// An empty reconciler.
    pub fn new(options: Options) -> Self {
        Reconciler {
            options,
            ..Default::default()
        }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Declares a source: its name and prior trust. Sources that make claims
    /// need not be declared; a declared source without claims is still reported.
    /// Declaring the same id again replaces the earlier declaration.
    pub fn add_source(&mut self, source: Source) -> &mut Self {
        self.declared.insert(source.id.clone(), source);
        self
    }

    /// Adds one claim.
    pub fn add_claim(&mut self, claim: &Claim) -> &mut Self {
        self.push(
            claim.source.as_str(),
            &claim.subject,
            &claim.attribute,
            &claim.raw,
            claim.provenance,
            claim.kind,
        );
        self
    }

    /// Adds one claim from its parts without building a [`Claim`]: the fast
    /// path for large tables.
    pub fn add(
        &mut self,
        source: impl AsRef<str>,
        subject: impl AsRef<str>,
        attribute: impl AsRef<str>,
        raw: impl AsRef<str>,
        provenance: Provenance,
    ) -> &mut Self {
        self.push(
            source.as_ref(),
            subject.as_ref(),
            attribute.as_ref(),
            raw.as_ref(),
            provenance,
            None,
        );
        self
    }

    fn push(
        &mut self,
        source: &str,
        subject: &str,
        attribute: &str,
        raw: &str,
        provenance: Provenance,
        kind: Option<ValueKind>,
    ) {
        let row = Row {
            source: self.sources.intern(source),
            subject: self.subjects.intern(subject),
            attribute: self.attributes.intern(attribute),
            raw: self.raws.intern(raw),
            kind,
            provenance,
        };
        self.rows.push(row);
    }

    /// How many claims have been added.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no claim has been added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Moves every claim and source declaration of `other` into `self`.
    ///
    /// Merging is associative and commutative, and an empty reconciler is its
    /// identity: the report depends only on the union. Where both declare the
    /// same source, the declaration that sorts first (by its fields' debug
    /// rendering) wins, so the choice does not depend on merge order.
    pub fn merge(&mut self, other: Reconciler) -> &mut Self {
        for (id, s) in other.declared {
            match self.declared.get(&id) {
                Some(mine) if format!("{mine:?}") <= format!("{s:?}") => {}
                _ => {
                    self.declared.insert(id, s);
                }
            }
        }
        for r in &other.rows {
            self.push(
                other.sources.get(r.source),
                other.subjects.get(r.subject),
                other.attributes.get(r.attribute),
                other.raws.get(r.raw),
                r.provenance,
                r.kind,
            );
        }
        self
    }

    /// Reads a claims table in CSV (RFC 4180 quoting) with the header
    /// `source,subject,attribute,value`, adding one claim per data row with
    /// its 1-based row number as provenance. Returns the number of rows read.
    ///
    /// A malformed table is an error naming the line: a missing or different
    /// header, a row with the wrong number of fields, invalid UTF-8, a
    /// quoted field that is never closed, or an empty source, subject or
    /// attribute. Lines are numbered as an editor numbers them: `\n`,
    /// `\r\n` and a lone `\r` each end one, blank lines count, and so do
    /// line breaks inside quoted fields. An empty *value* is not an error:
    /// it becomes a rejected claim in the report.
    ///
    /// Beyond RFC 4180, and as the `csv` crate reads them, blank lines are
    /// skipped, a quote inside an unquoted field is a plain character
    /// (`ab"c`), and text after a closing quote joins the field (`"1"2` is
    /// `12`).
    ///
    /// ```
    /// # fn main() -> Result<(), corroborate::Error> {
    /// let csv = "source,subject,attribute,value\nA,x,colour,red\nB,x,colour,\"red\"\n";
    /// let mut r = corroborate::Reconciler::default();
    /// assert_eq!(r.read_csv(csv.as_bytes())?, 2);
    /// assert_eq!(r.reconcile().facts[0].positions[0].support.len(), 2);
    /// # Ok(()) }
    /// ```
    pub fn read_csv(&mut self, reader: impl io::Read) -> Result<u64, Error> {
        self.read_csv_with_progress(reader, |_| {})
    }

    /// [`read_csv`](Self::read_csv), calling `progress` with the number of
    /// rows read so far every 100,000 rows.
    ///
    /// The table is read in blocks of a few megabytes, each cut at record
    /// boundaries into pieces that are parsed on all cores and then added
    /// in table order, so rows, ids, record numbers and errors are exactly
    /// those of reading row by row.
    pub fn read_csv_with_progress(
        &mut self,
        reader: impl io::Read,
        progress: impl FnMut(u64),
    ) -> Result<u64, Error> {
        self.read_table(reader, progress, TableSizes::for_threads(threads()))
    }

    fn read_table(
        &mut self,
        mut reader: impl io::Read,
        mut progress: impl FnMut(u64),
        sizes: TableSizes,
    ) -> Result<u64, Error> {
        let mut merge = Merge {
            rows: 0,
            line_ends: 0,
        };
        let mut buf: Vec<u8> = Vec::new();
        let mut block = sizes.block;
        let mut first = true;
        loop {
            // Fill the block; what is left of the last one comes first.
            let mut failed = None;
            let mut eof = false;
            if buf.len() < block {
                let want = (block - buf.len()) as u64;
                match io::Read::read_to_end(&mut io::Read::take(&mut reader, want), &mut buf) {
                    Ok(got) => eof = (got as u64) < want,
                    Err(e) => failed = Some(e),
                }
            }
            let complete = eof || failed.is_some();
            let mut scan = Cuts::new(&buf, eof, first);
            let per = (buf.len() / sizes.pieces_per_block).clamp(sizes.min_piece, sizes.max_piece);
            let mut cuts = vec![0];
            let mut target = per;
            while target < buf.len() {
                match scan.next(target) {
                    Some(c) if c < buf.len() => {
                        cuts.push(c);
                        target = c + per;
                    }
                    _ => break,
                }
            }
            let end = if eof && failed.is_none() {
                buf.len()
            } else {
                cuts.pop().unwrap_or(0)
            };
            if end == 0 && !complete {
                // Not one whole record in the block: read a bigger one.
                block = block.saturating_mul(2);
                continue;
            }
            if end > 0 || (first && failed.is_none()) {
                cuts.push(end);
            }
            let pieces: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
            let done = self.read_pieces(
                &buf,
                &pieces,
                first,
                sizes.threads,
                &mut merge,
                &mut progress,
            );
            done?;
            first = false;
            if let Some(e) = failed {
                return Err(Error::new(
                    ErrorKind::Csv,
                    format!("line 0: read failed: {e}"),
                ));
            }
            if eof {
                return Ok(merge.rows);
            }
            buf.drain(..end);
        }
    }

    /// Parses `pieces` of `buf` on up to `threads` threads and adds them in
    /// order; the first error, in table order, stops the reading.
    fn read_pieces(
        &mut self,
        buf: &[u8],
        pieces: &[(usize, usize)],
        first: bool,
        threads: usize,
        merge: &mut Merge,
        progress: &mut impl FnMut(u64),
    ) -> Result<(), Error> {
        let parse = |i: usize| {
            let (a, b) = pieces[i];
            Piece::parse(&buf[a..b], first && i == 0, buf.get(b).copied())
        };
        if threads <= 1 || pieces.len() <= 1 {
            for i in 0..pieces.len() {
                self.absorb(parse(i), merge, progress)?;
            }
            return Ok(());
        }
        use std::sync::atomic::Ordering::Relaxed;
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Piece)>();
        std::thread::scope(|scope| {
            // This thread parses too, between adding pieces in order.
            for _ in 1..threads.min(pieces.len()) {
                let tx = tx.clone();
                let (next, parse) = (&next, &parse);
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, Relaxed);
                    if i >= pieces.len() || tx.send((i, parse(i))).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            let mut waiting: Vec<Option<Piece>> = (0..pieces.len()).map(|_| None).collect();
            let mut want = 0;
            while want < pieces.len() {
                while let Ok((i, piece)) = rx.try_recv() {
                    waiting[i] = Some(piece);
                }
                if let Some(piece) = waiting[want].take() {
                    if let Err(e) = self.absorb(piece, merge, progress) {
                        // Stop the workers after the piece they are on.
                        next.store(pieces.len(), Relaxed);
                        return Err(e);
                    }
                    want += 1;
                    continue;
                }
                let i = next.fetch_add(1, Relaxed);
                if i < pieces.len() {
                    waiting[i] = Some(parse(i));
                    continue;
                }
                match rx.recv() {
                    Ok((i, piece)) => waiting[i] = Some(piece),
                    // A worker died; leaving the scope passes its panic on.
                    Err(_) => break,
                }
            }
            Ok(())
        })
    }

    /// Adds a parsed piece's rows, then returns its error if it had one.
    fn absorb(
        &mut self,
        piece: Piece,
        merge: &mut Merge,
        progress: &mut impl FnMut(u64),
    ) -> Result<(), Error> {
        // New strings take ids in the order they first appear in the
        // piece, which is the order row-by-row reading gives them.
        fn ids(global: &mut Interner, local: &Strings) -> Vec<u32> {
            (0..local.len() as u32)
                .map(|i| global.intern_hashed(local.hash(i), local.get(i)))
                .collect()
        }
        let sources = ids(&mut self.sources, &piece.sources);
        let subjects = ids(&mut self.subjects, &piece.subjects);
        let attributes = ids(&mut self.attributes, &piece.attributes);
        let raws = ids(&mut self.raws, &piece.raws);
        self.rows.reserve(piece.rows.len());
        for r in &piece.rows {
            merge.rows += 1;
            self.rows.push(Row {
                source: sources[r[0] as usize],
                subject: subjects[r[1] as usize],
                attribute: attributes[r[2] as usize],
                raw: raws[r[3] as usize],
                kind: None,
                provenance: Provenance::Record(merge.rows),
            });
            if merge.rows % 100_000 == 0 {
                progress(merge.rows);
            }
        }
        if let Some(e) = piece.error {
            let line = e.line.map_or(0, |l| l + merge.line_ends);
            return Err(Error::new(e.kind, format!("line {line}: {}", e.message)));
        }
        merge.line_ends += piece.line_ends;
        Ok(())
    }

    /// Normalises, groups, weighs and chooses: the whole reconciliation.
    pub fn reconcile(&self) -> Report {
        Run::new(self).report()
    }
}

impl Extend<Claim> for Reconciler {
    fn extend<I: IntoIterator<Item = Claim>>(&mut self, iter: I) {
        for c in iter {
            self.add_claim(&c);
        }
    }
}

impl<'a> Extend<&'a Claim> for Reconciler {
    fn extend<I: IntoIterator<Item = &'a Claim>>(&mut self, iter: I) {
        for c in iter {
            self.add_claim(c);
        }
    }
}

/// How a table is cut for reading: blocks read at once, and the pieces of
/// each parsed on their own.
#[derive(Debug, Clone, Copy)]
struct TableSizes {
    block: usize,
    pieces_per_block: usize,
    min_piece: usize,
    max_piece: usize,
    threads: usize,
}

impl TableSizes {
    fn for_threads(threads: usize) -> Self {
        TableSizes {
            block: 32 << 20,
            pieces_per_block: 4 * threads,
            min_piece: 64 << 10,
            max_piece: 4 << 20,
            threads,
        }
    }
}

/// Where the reading stands: rows added, and line ends before the next piece.
struct Merge {
    rows: u64,
    line_ends: u64,
}

/// A piece of a table parsed on its own, with ids into its own interners.
#[derive(Default)]
struct Piece {
    /// Per row: source, subject, attribute and raw value.
    rows: Vec<[u32; 4]>,
    sources: Strings,
    subjects: Strings,
    attributes: Strings,
    raws: Strings,
    /// How many lines the piece ends, counted by [`line_ends`].
    line_ends: u64,
    /// The problem that ended the piece early, after the rows before it.
    error: Option<PieceError>,
}

/// An error of a piece, with its line counted from the piece's start.
struct PieceError {
    kind: ErrorKind,
    /// The line, from the piece's first; `None` when the CSV reader gave
    /// no position.
    line: Option<u64>,
    message: String,
}

impl PieceError {
    fn csv(e: csv::Error, lines: &Lines) -> Self {
        let line = e.position().map(|p| lines.record(p.byte()));
        let (kind, message) = match e.kind() {
            csv::ErrorKind::Utf8 { .. } => (ErrorKind::InvalidUtf8, "invalid UTF-8".to_string()),
            csv::ErrorKind::Io(io) => (ErrorKind::Csv, format!("read failed: {io}")),
            other => (ErrorKind::Csv, format!("{other:?}")),
        };
        PieceError {
            kind,
            line,
            message,
        }
    }

    fn row(line: u64, message: String) -> Self {
        PieceError {
            kind: ErrorKind::Csv,
            line: Some(line),
            message,
        }
    }
}

/// The CSV reader every piece (and the row-by-row reference in the tests)
/// uses: headers checked by hand, short and long rows reported, not refused
/// by the reader.
fn csv_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(bytes)
}

impl Piece {
    /// Parses one piece; `header` when it starts the table, `after` the
    /// byte that follows it.
    fn parse(bytes: &[u8], header: bool, after: Option<u8>) -> Piece {
        let lines = Lines { bytes, after };
        let mut piece = Piece {
            line_ends: line_ends(bytes, after),
            ..Piece::default()
        };
        let mut rdr = csv_reader(bytes);
        let mut record = csv::StringRecord::new();
        if header {
            if let Err(e) = Self::header(&mut rdr, &mut record, &lines) {
                piece.error = Some(e);
                return piece;
            }
        }
        // A fresh reader drops a byte-order mark that opens its input.
        let at = if header {
            rdr.position().byte() as usize
        } else {
            0
        };
        if !(at == 0 && bytes.starts_with(BOM)) {
            if piece.read_plain(&bytes[at..]) {
                return piece;
            }
            // Read again in full, with the CSV reader's errors and lines.
            piece.rows.clear();
            (piece.sources, piece.subjects) = Default::default();
            (piece.attributes, piece.raws) = Default::default();
        }
        loop {
            match rdr.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return piece,
                Err(e) => {
                    piece.error = Some(PieceError::csv(e, &lines));
                    return piece;
                }
            }
            let line = record.position().map_or(1, |p| lines.record(p.byte()));
            // A quoted field that never closes runs to the end, so only the
            // last record can hold one (and a cut is never inside quotes):
            // the CSV reader takes the rest of the table as its text, and
            // the rows it swallowed would be lost without a word.
            if rdr.position().byte() as usize >= bytes.len() {
                if let Some(q) = Cuts::new(bytes, true, header).unclosed() {
                    piece.error = Some(PieceError::row(
                        lines.line_of(q),
                        "a quoted field is never closed (a `\"` opens it here)".to_string(),
                    ));
                    return piece;
                }
            }
            if record.len() != 4 {
                piece.error = Some(PieceError::row(
                    line,
                    format!(
                        "expected 4 fields (source,subject,attribute,value), found {}",
                        record.len()
                    ),
                ));
                return piece;
            }
            for (i, name) in ["source", "subject", "attribute"].iter().enumerate() {
                // What `trim().is_empty()` says, without trimming both ends.
                if record[i].chars().all(char::is_whitespace) {
                    piece.error = Some(PieceError::row(line, format!("empty {name}")));
                    return piece;
                }
            }
            piece.rows.push([
                piece.sources.intern(&record[0]),
                piece.subjects.intern(&record[1]),
                piece.attributes.intern(&record[2]),
                piece.raws.intern(&record[3]),
            ]);
        }
    }

    /// Reads `bytes`, which start at a record boundary (as a fresh
    /// reader would start, but without a byte-order mark to drop), as the
    /// CSV reader would, while they hold only well-formed rows: four
    /// fields, valid UTF-8, no empty names, and quoted fields that close
    /// before a comma, a line end or the end. Anything else returns false,
    /// with some rows read perhaps, for the CSV reader to read it all
    /// again: errors and their lines are its to tell. The reader's
    /// per-byte machine and copies cost more than the rest of a row's
    /// reading, and all but odd tables are such rows.
    fn read_plain(&mut self, bytes: &[u8]) -> bool {
        // Checked once, not field by field: fields are cut at ASCII bytes,
        // so each of valid text is valid text.
        let Ok(text) = std::str::from_utf8(bytes) else {
            return false;
        };
        // Fields with a doubled quote, unescaped.
        let mut unquoted: [String; 4] = Default::default();
        let mut pos = 0;
        loop {
            // The reader skips line ends between records: blank lines.
            while pos < bytes.len() && matches!(bytes[pos], b'\r' | b'\n') {
                pos += 1;
            }
            if pos == bytes.len() {
                return true;
            }
            let mut fields: [&str; 4] = [""; 4];
            let mut escaped = [false; 4];
            let mut n = 0;
            loop {
                if n == 4 {
                    return false;
                }
                let end;
                if bytes.get(pos) == Some(&b'"') {
                    // Quoted: to the quote not doubled; line ends are text.
                    let open = pos + 1;
                    let mut from = open;
                    loop {
                        let Some(q) = memchr::memchr(b'"', &bytes[from..]).map(|q| from + q) else {
                            return false;
                        };
                        if bytes.get(q + 1) == Some(&b'"') {
                            if !escaped[n] {
                                escaped[n] = true;
                                unquoted[n].clear();
                            }
                            unquoted[n].push_str(&text[from..=q]);
                            from = q + 2;
                            continue;
                        }
                        if escaped[n] {
                            unquoted[n].push_str(&text[from..q]);
                        } else {
                            fields[n] = &text[open..q];
                        }
                        end = q + 1;
                        break;
                    }
                    if !matches!(bytes.get(end), None | Some(b',' | b'\r' | b'\n')) {
                        // `"a"b` reads as `ab`: rare enough to leave to the reader.
                        return false;
                    }
                } else {
                    end = memchr::memchr3(b',', b'\r', b'\n', &bytes[pos..])
                        .map_or(bytes.len(), |e| pos + e);
                    fields[n] = &text[pos..end];
                }
                n += 1;
                if bytes.get(end) == Some(&b',') {
                    pos = end + 1;
                } else {
                    pos = end;
                    break;
                }
            }
            if n != 4 {
                return false;
            }
            for i in 0..4 {
                if escaped[i] {
                    fields[i] = &unquoted[i];
                }
            }
            if fields[..3]
                .iter()
                .any(|t| t.chars().all(char::is_whitespace))
            {
                return false;
            }
            self.rows.push([
                self.sources.intern(fields[0]),
                self.subjects.intern(fields[1]),
                self.attributes.intern(fields[2]),
                self.raws.intern(fields[3]),
            ]);
        }
    }

    fn header(
        rdr: &mut csv::Reader<&[u8]>,
        record: &mut csv::StringRecord,
        lines: &Lines,
    ) -> Result<(), PieceError> {
        let at_line = |line: u64, message: String| PieceError {
            kind: ErrorKind::Csv,
            line: Some(line),
            message,
        };
        if !rdr
            .read_record(record)
            .map_err(|e| PieceError::csv(e, lines))?
        {
            return Err(at_line(
                1,
                "empty input; expected the header source,subject,attribute,value".to_string(),
            ));
        }
        let line = record.position().map_or(1, |p| lines.record(p.byte()));
        let header: Vec<String> = record
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        if header != ["source", "subject", "attribute", "value"] {
            return Err(at_line(
                line,
                format!(
                    "expected the header source,subject,attribute,value, found {}",
                    record.iter().collect::<Vec<_>>().join(",")
                ),
            ));
        }
        Ok(())
    }
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// How many lines `bytes` ends: `\n`, `\r\n` and a lone `\r` each end one,
/// as editors count them (the CSV reader counts `\n` bytes alone). `after`
/// is the byte that follows, which tells whether a final `\r` opens a `\r\n`.
fn line_ends(bytes: &[u8], after: Option<u8>) -> u64 {
    let crs = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| {
            let next = if i + 1 < bytes.len() {
                Some(bytes[i + 1])
            } else {
                after
            };
            next != Some(b'\n')
        })
        .count();
    (memchr::memchr_iter(b'\n', bytes).count() + crs) as u64
}

/// Line numbers within a piece of a table, counted from its first line.
struct Lines<'a> {
    bytes: &'a [u8],
    /// The byte that follows the piece.
    after: Option<u8>,
}

impl Lines<'_> {
    /// The line that byte `at` is on.
    fn line_of(&self, at: usize) -> u64 {
        let at = at.min(self.bytes.len());
        let next = self.bytes.get(at).copied().or(self.after);
        1 + line_ends(&self.bytes[..at], next)
    }

    /// The line of a record the CSV reader says starts at `byte`: it gives
    /// the position before the line ends it skips, blank lines included.
    fn record(&self, byte: u64) -> u64 {
        let mut at = (byte as usize).min(self.bytes.len());
        while at < self.bytes.len() && matches!(self.bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        self.line_of(at)
    }
}

/// Finds where a CSV table can be cut so that each part, read by a fresh
/// reader, gives exactly the records, line numbers and errors that reading
/// straight through gives.
///
/// A cut goes just after the terminator (`\r` or `\n`) of a non-empty
/// record, outside any quoted field, and not before a byte-order mark
/// (which a fresh reader would drop). After such a terminator the reader is
/// where a fresh one starts, and it has counted every line break before the
/// cut. Quoting follows the CSV reader: a quote opens a quoted field only
/// at the start of a field, and `""` inside one is a literal quote.
struct Cuts<'a> {
    buf: &'a [u8],
    /// `buf` runs to the end of the table.
    complete: bool,
    /// `buf` starts the table, which may open with a byte-order mark.
    start: bool,
    /// Where scanning resumes, outside any quoted field.
    pos: usize,
    /// The opening quote of a quoted field found to run to the end of `buf`.
    open: Option<usize>,
}

impl<'a> Cuts<'a> {
    /// `buf` must start at a record boundary.
    fn new(buf: &'a [u8], complete: bool, start: bool) -> Self {
        Cuts {
            buf,
            complete,
            start,
            pos: 0,
            open: None,
        }
    }

    /// Where a quoted field opens that no quote closes, if one does. RFC
    /// 4180 has no such field; the CSV reader takes it to run to the end.
    fn unclosed(mut self) -> Option<usize> {
        // No cut lies that far: this only scans to the end.
        let _ = self.next(usize::MAX);
        self.open
    }

    fn field_start(&self, q: usize) -> bool {
        q == 0
            || matches!(self.buf[q - 1], b',' | b'\r' | b'\n')
            || (self.start && q == BOM.len() && self.buf.starts_with(BOM))
    }

    /// Whether a cut may go after the terminator at `t`, outside quotes.
    fn after(&self, t: usize) -> bool {
        let buf = self.buf;
        let s = t + 1;
        t >= 1
            && !matches!(buf[t - 1], b'\r' | b'\n')
            // A leading byte-order mark is not part of the first record.
            && !(self.start && t == BOM.len() && buf.starts_with(BOM))
            && match buf.get(s..s + BOM.len()) {
                Some(next) => next != BOM,
                None => self.complete,
            }
    }

    /// The first cut at or after `target` (and after the last one).
    fn next(&mut self, target: usize) -> Option<usize> {
        let buf = self.buf;
        loop {
            let q = memchr::memchr(b'"', &buf[self.pos..]).map_or(buf.len(), |i| self.pos + i);
            // No quote in pos..q: a terminator there ends a record.
            let from = self.pos.max(target.saturating_sub(1));
            if from < q {
                for t in memchr::memchr2_iter(b'\r', b'\n', &buf[from..q]) {
                    if self.after(from + t) {
                        self.pos = from + t + 1;
                        return Some(self.pos);
                    }
                }
            }
            if q == buf.len() {
                self.pos = q;
                return None;
            }
            if !self.field_start(q) {
                // A quote inside an unquoted field is a plain character.
                self.pos = q + 1;
                continue;
            }
            // Skip the quoted field to its closing quote.
            let mut i = q + 1;
            loop {
                let Some(r) = memchr::memchr(b'"', &buf[i..]).map(|r| i + r) else {
                    self.open = Some(q);
                    self.pos = buf.len();
                    return None;
                };
                match buf.get(r + 1) {
                    Some(b'"') => i = r + 2,
                    Some(_) => {
                        self.pos = r + 1;
                        break;
                    }
                    None => {
                        self.pos = buf.len();
                        return None;
                    }
                }
            }
        }
    }
}

/// Reconciles claims in one call.
///
/// ```
/// use corroborate::{reconcile, Claim, Options};
/// let claims = [
///     Claim::from_record("a", 1, "AA-1007", "sched_dep", "12/01/2011 01:55 PM"),
///     Claim::from_record("b", 1, "AA-1007", "sched_dep", "12/01/2011 01:55 PM"),
/// ];
/// let report = reconcile(claims, &Options::default());
/// assert_eq!(report.facts.len(), 1);
/// ```
pub fn reconcile(claims: impl IntoIterator<Item = Claim>, options: &Options) -> Report {
    let mut r = Reconciler::new(options.clone());
    r.extend(claims);
    r.reconcile()
}

/// One reconciliation's working state.
struct Run<'a> {
    rc: &'a Reconciler,
    threads: usize,
    src_rank: Vec<u32>,
    raw_rank: Vec<u32>,
    /// Per normalised slot: the value or why it was rejected.
    slots: Vec<Result<Value, RejectReason>>,
    /// Per row: its slot.
    row_slot: Vec<u32>,
    /// Per slot (accepted ones): candidate key rank.
    slot_key: Vec<u32>,
    slot_canonical: Vec<String>,
    /// Per slot: its raw string's rank and its kind, an order-free name for
    /// it (slot numbers follow arrival order).
    slot_name: Vec<(u32, ValueKind)>,
}

/// Normalised slots numbered in order of first appearance. Most raw
/// values come with one kind only, so the first is kept by the raw value's
/// id, and only the rest in a map.
#[derive(Default)]
struct SlotMap {
    first: Vec<Option<(ValueKind, u32)>>,
    more: FxHashMap<(u32, ValueKind), u32>,
    /// Per slot, its raw value and kind.
    jobs: Vec<(u32, ValueKind)>,
}

impl SlotMap {
    fn new(raws: usize) -> Self {
        SlotMap {
            first: vec![None; raws],
            ..SlotMap::default()
        }
    }

    fn slot(&mut self, raw: u32, kind: ValueKind) -> u32 {
        let jobs = &mut self.jobs;
        let mut new_slot = || {
            jobs.push((raw, kind));
            (jobs.len() - 1) as u32
        };
        match self.first[raw as usize] {
            Some((k, slot)) if k == kind => slot,
            Some(_) => *self.more.entry((raw, kind)).or_insert_with(new_slot),
            None => {
                let slot = new_slot();
                self.first[raw as usize] = Some((kind, slot));
                slot
            }
        }
    }
}

/// Marks of a place of the canonical order: its row starts a group (a
/// subject and attribute), or a candidate of one.
const GROUP_START: u8 = 1;
const CAND_START: u8 = 2;

/// One candidate of a group: its rows in canonical order, and the slot
/// that speaks for it.
struct Cand {
    rows: Range<usize>,
    slot: u32,
}

/// The groups of one stretch of the canonical row order, walked on one thread.
#[derive(Default)]
struct Stretch {
    groups: Vec<truth::Group>,
    /// Per group: its rows, and its candidates' range in `cands`.
    spans: Vec<(Range<usize>, Range<usize>)>,
    /// Every group's candidates, one after another: one buffer, not one a group.
    cands: Vec<Cand>,
}

/// Trust units: a source, or a source per attribute, numbered in canonical
/// (source rank, attribute rank) order so that floating-point sums over
/// them do not depend on input order.
enum UnitIndex {
    /// `ids[source rank * stride + attribute slot]`.
    Dense {
        stride: usize,
        ids: Vec<u32>,
    },
    Sparse(FxHashMap<(u32, u32), u32>),
}

impl UnitIndex {
    fn get(&self, source_rank: u32, a: u32) -> u32 {
        match self {
            UnitIndex::Dense { stride, ids } => ids[source_rank as usize * stride + a as usize],
            UnitIndex::Sparse(map) => map[&(source_rank, a)],
        }
    }
}

impl<'a> Run<'a> {
    fn new(rc: &'a Reconciler) -> Self {
        let threads = threads();
        let src_rank = rc.sources.ranks();
        let raw_rank = rc.raws.ranks();

        // Each attribute's kind: declared, else inferred from its distinct raw
        // values in sorted order (an input-order-free sample).
        let declared: Vec<Option<ValueKind>> = rc
            .attributes
            .strings()
            .iter()
            .map(|name| rc.options.kind_of(&**name))
            .collect();
        // Rows are gathered in parts on all cores; each attribute's ranks
        // are then sorted and deduplicated, so the parts' order is lost.
        let even = even_cuts(rc.rows.len(), threads);
        let gathered: Vec<Vec<Vec<u32>>> = map_parts(&even, |range| {
            let mut attr_ranks: Vec<Vec<u32>> = vec![Vec::new(); rc.attributes.len()];
            // The attribute each raw value was last collected for: runs of
            // one value under one attribute are collected once.
            let mut last = vec![u32::MAX; rc.raws.len()];
            for r in &rc.rows[range] {
                if declared[r.attribute as usize].is_none() && last[r.raw as usize] != r.attribute {
                    last[r.raw as usize] = r.attribute;
                    attr_ranks[r.attribute as usize].push(raw_rank[r.raw as usize]);
                }
            }
            attr_ranks
        });
        let mut attr_ranks: Vec<Vec<u32>> = vec![Vec::new(); rc.attributes.len()];
        for part in gathered {
            for (all, mine) in attr_ranks.iter_mut().zip(part) {
                if all.is_empty() {
                    *all = mine;
                } else {
                    all.extend_from_slice(&mine);
                }
            }
        }
        let mut raw_at_rank = vec![0u32; raw_rank.len()];
        for (raw, &rank) in raw_rank.iter().enumerate() {
            raw_at_rank[rank as usize] = raw as u32;
        }
        // Attributes on all cores, cut where about as many ranks lie on each side.
        let mut cuts = vec![0usize];
        let total: usize = attr_ranks.iter().map(Vec::len).sum();
        let mut sum = 0;
        for (a, ranks) in attr_ranks.iter().enumerate() {
            sum += ranks.len();
            if cuts.len() < threads
                && sum * threads >= total * cuts.len()
                && a + 1 < attr_ranks.len()
            {
                cuts.push(a + 1);
            }
        }
        cuts.push(attr_ranks.len());
        let mut attr_kinds: Vec<(Vec<u32>, ValueKind)> = attr_ranks
            .into_iter()
            .zip(&declared)
            .map(|(ranks, declared)| (ranks, declared.unwrap_or(ValueKind::Text)))
            .collect();
        for_parts_mut(&mut attr_kinds, &cuts, |at, part| {
            for (a, (ranks, kind)) in (at..).zip(part) {
                if declared[a].is_some() {
                    continue;
                }
                ranks.sort_unstable();
                ranks.dedup();
                const SAMPLE: usize = 4000;
                let step = ranks.len().div_ceil(SAMPLE).max(1);
                *kind = infer_kind(
                    ranks
                        .iter()
                        .step_by(step)
                        .map(|&rank| rc.raws.get(raw_at_rank[rank as usize])),
                );
            }
        });
        let kinds: Vec<ValueKind> = attr_kinds.into_iter().map(|(_, k)| k).collect();
        drop(raw_at_rank);

        // Normalise each distinct (raw, kind) once: tables repeat values a lot.
        // Slots are numbered in order of first appearance: parts of the rows
        // on all cores, then each later part's slots, in the order they
        // first appear in it, looked up among those before: one pass's numbers.
        let even = even_cuts(rc.rows.len(), threads);
        let mut parts = map_parts(&even, |range| {
            let mut map = SlotMap::new(rc.raws.len());
            let row_slot: Vec<u32> = rc.rows[range]
                .iter()
                .map(|r| map.slot(r.raw, r.kind.unwrap_or(kinds[r.attribute as usize])))
                .collect();
            (row_slot, map)
        })
        .into_iter();
        let (mut row_slot, mut map) = parts.next().unwrap_or_default();
        for (local, part) in parts {
            let global: Vec<u32> = part
                .jobs
                .iter()
                .map(|&(raw, kind)| map.slot(raw, kind))
                .collect();
            row_slot.extend(local.iter().map(|&l| global[l as usize]));
        }
        let jobs = map.jobs;
        let slots = parallel_map(&jobs, |&(raw, kind)| {
            normalize(rc.raws.get(raw), Some(kind))
        });

        // Candidate keys, ranked so candidates order canonically.
        let keys: Vec<Option<String>> =
            parallel_map(&slots, |s| s.as_ref().ok().map(candidate_key));
        let slot_key = dense_ranks(&keys, threads);
        drop(keys);
        let slot_canonical = parallel_map(&slots, |s| {
            s.as_ref().map(Value::canonical).unwrap_or_default()
        });
        let slot_name = jobs
            .iter()
            .map(|&(raw, kind)| (raw_rank[raw as usize], kind))
            .collect();
        Run {
            rc,
            threads,
            src_rank,
            raw_rank,
            slots,
            row_slot,
            slot_key,
            slot_canonical,
            slot_name,
        }
    }

    /// How many parts work that [`run_parts`] shares out is cut into: a
    /// few a thread, so that a thread held up does fewer.
    fn parts(&self) -> usize {
        if self.threads > 1 {
            4 * self.threads
        } else {
            1
        }
    }

    /// The candidate key rank of row `i`.
    fn row_key(&self, i: u32) -> u32 {
        self.slot_key[self.row_slot[i as usize] as usize]
    }

    /// Accepted rows in canonical order: subject, attribute, candidate,
    /// source, place, and the raw string's rank, which settles exact
    /// duplicates without looking at input order. Rows are bucketed by
    /// subject, and the buckets sorted on all cores.
    ///
    /// With the order come its places' [`GROUP_START`] and [`CAND_START`]
    /// marks, read off the sort keys while they are at hand: walking the
    /// groups then need not look each row up again, in input order.
    fn canonical_order(
        &self,
        accepted: &[u32],
        subj_rank: &[u32],
        attr_rank: &[u32],
    ) -> (Vec<u32>, Vec<u8>) {
        let rows = &self.rc.rows;
        let n_subjects = subj_rank.len();
        // Each part of the rows bucketed on its own, on all cores; a
        // bucket's rows are gathered from the parts where it is sorted.
        let even = even_cuts(accepted.len(), self.threads);
        // Each part keeps one u32 a subject (row numbers are u32), so that
        // a table of distinct subjects costs little more than its rows.
        let local: Vec<(Vec<u32>, Vec<u32>)> = map_parts(&even, |range| {
            let part = &accepted[range];
            let subject = |i: u32| subj_rank[rows[i as usize].subject as usize] as usize;
            let mut start = vec![0u32; n_subjects + 1];
            for &i in part {
                start[subject(i)] += 1;
            }
            // Bucket ends, then filled from the back: each end falls to its
            // bucket's start, so no second array is needed.
            let mut sum = 0;
            for n in &mut start {
                sum += *n;
                *n = sum;
            }
            let mut order = vec![0u32; part.len()];
            for &i in part.iter().rev() {
                let s = subject(i);
                start[s] -= 1;
                order[start[s] as usize] = i;
            }
            (start, order)
        });
        let mut start = vec![0usize; n_subjects + 1];
        for s in 0..n_subjects {
            let n: usize = local
                .iter()
                .map(|(at, _)| (at[s + 1] - at[s]) as usize)
                .sum();
            start[s + 1] = start[s] + n;
        }
        let mut order = vec![0u32; accepted.len()];
        // Cut between buckets, about as many rows in each part.
        let parts = self.parts();
        let mut cuts = vec![0usize];
        for t in 1..parts {
            let want = accepted.len() * t / parts;
            let b = start.partition_point(|&p| p < want);
            let at = start[b.min(n_subjects)];
            if at > *cuts.last().unwrap_or(&0) && at < accepted.len() {
                cuts.push(at);
            }
        }
        cuts.push(accepted.len());
        let sort_buckets = |lo: usize, part: &mut [u32], marks: &mut [u8]| {
            let mut keyed: Vec<(u64, u32, Provenance, u32, u32)> = Vec::new();
            let mut s = start.partition_point(|&p| p <= lo) - 1;
            let mut at = lo;
            while at < lo + part.len() {
                while start[s + 1] <= at {
                    s += 1;
                }
                let end = start[s + 1];
                let bucket = &mut part[at - lo..end - lo];
                keyed.clear();
                let gathered = local
                    .iter()
                    .flat_map(|(at, order)| &order[at[s] as usize..at[s + 1] as usize]);
                keyed.extend(gathered.map(|&i| {
                    let r = &rows[i as usize];
                    (
                        (u64::from(attr_rank[r.attribute as usize]) << 32)
                            | u64::from(self.row_key(i)),
                        self.src_rank[r.source as usize],
                        r.provenance,
                        self.raw_rank[r.raw as usize],
                        i,
                    )
                }));
                keyed.sort_unstable();
                for (slot, k) in bucket.iter_mut().zip(&keyed) {
                    *slot = k.4;
                }
                // A bucket is one subject; the key's high half the attribute.
                let mut last = None;
                for (mark, k) in marks[at - lo..end - lo].iter_mut().zip(&keyed) {
                    *mark = match last {
                        Some(l) if l == k.0 => 0,
                        Some(l) if l >> 32 == k.0 >> 32 => CAND_START,
                        _ => GROUP_START | CAND_START,
                    };
                    last = Some(k.0);
                }
                at = end;
            }
        };
        let mut marks = vec![0u8; order.len()];
        let mut parts: Vec<(usize, &mut [u32], &mut [u8])> = Vec::new();
        let (mut rest, mut rest_marks) = (&mut order[..], &mut marks[..]);
        for w in cuts.windows(2) {
            let (head, tail) = rest.split_at_mut(w[1] - w[0]);
            let (mhead, mtail) = rest_marks.split_at_mut(w[1] - w[0]);
            parts.push((w[0], head, mhead));
            (rest, rest_marks) = (tail, mtail);
        }
        crate::parallel::run_jobs(threads(), parts, false, |(at, part, marks)| {
            sort_buckets(at, part, marks)
        });
        (order, marks)
    }

    fn report(self) -> Report {
        let rc = self.rc;
        // One shared id and one shared quote per distinct string: a million
        // citations then cost pointers, not a million small allocations.
        let source_ids: Vec<SourceId> = rc
            .sources
            .strings()
            .iter()
            .map(|s| SourceId::shared(s.clone()))
            .collect();
        let quotes = rc.raws.strings();
        let subj_rank = rc.subjects.ranks();
        let attr_rank = rc.attributes.ranks();
        let hedged: Vec<bool> = parallel_map(quotes, |q| crate::hedge::is_hedged(&**q));
        let n_sources = rc.sources.len();

        // Rejected rows, ordered by source, place, subject, attribute and quote.
        let even = even_cuts(rc.rows.len(), self.threads);
        let split: Vec<(Vec<u32>, Vec<u32>)> = map_parts(&even, |range| {
            let (mut accepted, mut rejected) = (Vec::with_capacity(range.len()), Vec::new());
            for i in range {
                if self.slots[self.row_slot[i] as usize].is_ok() {
                    accepted.push(i as u32);
                } else {
                    rejected.push(i as u32);
                }
            }
            (accepted, rejected)
        });
        let mut accepted: Vec<u32> = Vec::with_capacity(split.iter().map(|p| p.0.len()).sum());
        let mut rejected_rows: Vec<u32> = Vec::new();
        for (a, r) in split {
            accepted.extend_from_slice(&a);
            rejected_rows.extend_from_slice(&r);
        }
        let mut rejected_per_source = vec![0usize; n_sources];
        for &i in &rejected_rows {
            rejected_per_source[rc.rows[i as usize].source as usize] += 1;
        }
        // Keyed once, not once a comparison; the row settles ties as a
        // stable sort would.
        let mut keyed: Vec<_> = rejected_rows
            .iter()
            .map(|&i| {
                let r = &rc.rows[i as usize];
                let (record, start) = match r.provenance {
                    Provenance::Record(n) => (Some(n), None),
                    Provenance::Span { start, .. } => (None, Some(start)),
                };
                (
                    (
                        self.src_rank[r.source as usize],
                        record,
                        start,
                        subj_rank[r.subject as usize],
                        attr_rank[r.attribute as usize],
                        self.raw_rank[r.raw as usize],
                    ),
                    i,
                )
            })
            .collect();
        keyed.sort_unstable();
        let rejected_rows: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
        let rejected: Vec<Rejected> = parallel_map(&rejected_rows, |&i| {
            let r = &rc.rows[i as usize];
            let reason = match &self.slots[self.row_slot[i as usize] as usize] {
                Err(reason) => reason.clone(),
                Ok(_) => unreachable!("accepted row among the rejected"),
            };
            Rejected {
                citation: Citation::new(
                    source_ids[r.source as usize].clone(),
                    r.provenance,
                    quotes[r.raw as usize].clone(),
                ),
                subject: rc.subjects.get(r.subject).to_string(),
                attribute: rc.attributes.get(r.attribute).to_string(),
                reason,
            }
        });
        drop(rejected_rows);

        let (order, marks) = self.canonical_order(&accepted, &subj_rank, &attr_rank);
        drop(accepted);

        // Trust units: a source, or a source per attribute.
        let unit_attr = |r: &Row| match rc.options.trust_scope {
            TrustScope::Source => 0,
            TrustScope::SourceAttribute => attr_rank[r.attribute as usize] + 1,
        };
        let stride = match rc.options.trust_scope {
            TrustScope::Source => 1,
            TrustScope::SourceAttribute => rc.attributes.len() + 1,
        };
        let mut units: Vec<(u32, u32)> = Vec::new();
        let unit_index = if n_sources.saturating_mul(stride) <= 1 << 24 {
            // Which units hold a claim, marked in parts on all cores.
            let even = even_cuts(order.len(), self.threads);
            let marked: Vec<Vec<bool>> = map_parts(&even, |range| {
                let mut held = vec![false; n_sources * stride];
                for &i in &order[range] {
                    let r = &rc.rows[i as usize];
                    held[self.src_rank[r.source as usize] as usize * stride
                        + unit_attr(r) as usize] = true;
                }
                held
            });
            let mut ids = vec![u32::MAX; n_sources * stride];
            for (at, id) in ids.iter_mut().enumerate() {
                if marked.iter().any(|m| m[at]) {
                    *id = units.len() as u32;
                    units.push(((at / stride) as u32, (at % stride) as u32));
                }
            }
            UnitIndex::Dense { stride, ids }
        } else {
            let mut pairs: Vec<(u32, u32)> = order
                .iter()
                .map(|&i| {
                    let r = &rc.rows[i as usize];
                    (self.src_rank[r.source as usize], unit_attr(r))
                })
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            let mut unit_of: FxHashMap<(u32, u32), u32> = FxHashMap::default();
            for p in pairs {
                unit_of.insert(p, units.len() as u32);
                units.push(p);
            }
            UnitIndex::Sparse(unit_of)
        };
        let rank_to_source: Vec<u32> = {
            let mut v = vec![0u32; n_sources];
            for (id, &rank) in self.src_rank.iter().enumerate() {
                v[rank as usize] = id as u32;
            }
            v
        };
        let source_priors: Vec<f64> = rank_to_source
            .iter()
            .map(|&id| {
                rc.declared
                    .get(&source_ids[id as usize])
                    .and_then(|d| d.prior_trust)
                    .map_or(rc.options.truth.initial_trust, Score::get)
            })
            .collect();
        let unit_source: Vec<u32> = units.iter().map(|&(s, _)| s).collect();
        // Each place of the canonical order: its row's unit, and whether
        // the row's claim is plain (not hedged).
        let even = even_cuts(order.len(), self.threads);
        let held_at: Vec<(u32, bool)> = map_parts(&even, |range| {
            order[range]
                .iter()
                .map(|&i| {
                    let r = &rc.rows[i as usize];
                    (
                        unit_index.get(self.src_rank[r.source as usize], unit_attr(r)),
                        !hedged[r.raw as usize],
                    )
                })
                .collect::<Vec<_>>()
        })
        .concat();

        // Walk groups and their candidates, stretches of groups on all cores.
        let same_group = |p: usize| marks[p] & GROUP_START == 0;
        let parts = self.parts();
        let mut cuts = vec![0usize];
        for t in 1..parts {
            let mut at = (order.len() * t / parts).max(*cuts.last().unwrap_or(&0));
            while at > 0 && at < order.len() && same_group(at) {
                at += 1;
            }
            if at > *cuts.last().unwrap_or(&0) && at < order.len() {
                cuts.push(at);
            }
        }
        cuts.push(order.len());
        let stretches: Vec<Stretch> = map_parts(&cuts, |range| {
            let mut out = Stretch::default();
            let mut held: Vec<(u32, bool)> = Vec::new();
            let mut counting = Counting::default();
            let mut i = range.start;
            while i < range.end {
                let mut j = i;
                let first = out.cands.len();
                while j < range.end && (j == i || same_group(j)) {
                    let start = j;
                    j += 1;
                    while j < range.end && marks[j] & CAND_START == 0 {
                        j += 1;
                    }
                    out.cands.push(Cand {
                        slot: self.representative(&order[start..j], &mut counting),
                        rows: start..j,
                    });
                }
                let cands = &out.cands[first..];
                let k = cands.len();
                let mut sim = vec![0.0; k * k];
                for a in 0..k {
                    for b in (a + 1)..k {
                        let s =
                            similarity(self.value(cands[a].slot), self.value(cands[b].slot)).get();
                        sim[a * k + b] = s;
                        sim[b * k + a] = s;
                    }
                }
                let candidates = cands
                    .iter()
                    .map(|c| {
                        // A unit's strength is its firmest claim: one plain claim
                        // outweighs any number of hedged ones.
                        held.clear();
                        held.extend_from_slice(&held_at[c.rows.clone()]);
                        held.sort_unstable();
                        held.dedup_by(|later, earlier| {
                            later.0 == earlier.0 && {
                                earlier.1 |= later.1;
                                true
                            }
                        });
                        let any_hedged = held.iter().any(|h| !h.1);
                        let hw = rc.options.truth.hedge_weight;
                        truth::Candidate {
                            holders: held.iter().map(|h| h.0).collect(),
                            strength: if any_hedged {
                                held.iter().map(|h| if h.1 { 1.0 } else { hw }).collect()
                            } else {
                                Vec::new()
                            },
                        }
                    })
                    .collect();
                out.groups.push(truth::Group {
                    candidates,
                    similarity: sim,
                });
                out.spans.push((i..j, first..out.cands.len()));
                i = j;
            }
            out
        });
        let mut groups: Vec<truth::Group> =
            Vec::with_capacity(stretches.iter().map(|s| s.groups.len()).sum());
        let mut stretch_cands = stretches;
        for s in &mut stretch_cands {
            groups.extend(std::mem::take(&mut s.groups));
        }

        let est = truth::estimate(
            &groups,
            &truth::Units {
                source: &unit_source,
                source_prior: &source_priors,
                refine: rc.options.trust_scope == TrustScope::SourceAttribute,
            },
            &rc.options.truth,
        );

        // Positions: agreeing candidates clustered, clusters by probability
        // mass; each stretch of groups on one thread.
        let mut first_group = vec![0usize];
        for s in &stretch_cands {
            first_group.push(first_group[first_group.len() - 1] + s.spans.len());
        }
        let each: Vec<usize> = (0..=stretch_cands.len()).collect();
        let part_facts: Vec<Vec<Fact>> = map_parts(&each, |part| {
            let (s, g0) = (part.start, first_group[part.start]);
            // Ids of the thread's own: a million citations counting
            // references on a few dozen shared ones would make the
            // threads fight over them.
            let source_ids: Vec<SourceId> = rc
                .sources
                .strings()
                .iter()
                .map(|id| SourceId::new(&**id))
                .collect();
            let mut scratch = FactScratch {
                support: Vec::new(),
                seen: vec![usize::MAX; rc.sources.len()],
                parent: Vec::new(),
                roots: Vec::new(),
            };
            let Stretch { spans, cands, .. } = &stretch_cands[s];
            spans
                .iter()
                .enumerate()
                .map(|(n, (rows, of))| {
                    let gi = g0 + n;
                    self.fact(
                        &order,
                        rows.clone(),
                        &cands[of.clone()],
                        (&groups[gi], gi),
                        &est.probability[gi],
                        &source_ids,
                        quotes,
                        &mut scratch,
                    )
                })
                .collect()
        });
        drop(stretch_cands);
        // By kind, each kind in group order: a stable sort by kind, but
        // without the comparisons and the moves of a sort.
        let mut by_kind: [Vec<Fact>; 3] = Default::default();
        for f in part_facts.into_iter().flatten() {
            by_kind[kind_order(f.kind) as usize].push(f);
        }
        let [mut facts, consensus, uncorroborated] = by_kind;
        facts.extend(consensus);
        facts.extend(uncorroborated);

        // Sources: reliability per source, claim-weighted over its units.
        let mut rel_sum = vec![0.0f64; n_sources];
        let mut claims = vec![0usize; n_sources];
        for &(u, _) in &held_at {
            let s = rank_to_source[unit_source[u as usize] as usize] as usize;
            rel_sum[s] += est.accuracy[u as usize];
            claims[s] += 1;
        }
        let mut sources: BTreeMap<SourceId, SourceReport> = BTreeMap::new();
        for s in 0..n_sources {
            let id = source_ids[s].clone();
            let declared = rc.declared.get(&id);
            let prior = declared
                .and_then(|d| d.prior_trust)
                .map_or(rc.options.truth.initial_trust, Score::get);
            let reliability = if claims[s] > 0 {
                rel_sum[s] / claims[s] as f64
            } else {
                prior
            };
            sources.insert(
                id.clone(),
                SourceReport {
                    name: declared.and_then(|d| d.name.clone()),
                    id,
                    reliability: Score::new(reliability),
                    claims: claims[s],
                    rejected: rejected_per_source[s],
                },
            );
        }
        for (id, d) in &rc.declared {
            sources.entry(id.clone()).or_insert_with(|| SourceReport {
                id: id.clone(),
                name: d.name.clone(),
                reliability: d
                    .prior_trust
                    .unwrap_or(Score::new(rc.options.truth.initial_trust)),
                claims: 0,
                rejected: 0,
            });
        }
        // Freeing a few hundred thousand small buffers is serial work too:
        // the groups' are freed on another core while this one frees the rest.
        if self.threads > 1 {
            std::thread::scope(|scope| {
                scope.spawn(move || drop(groups));
                drop(est);
                drop(self);
            });
        }
        Report {
            sources: sources.into_values().collect(),
            facts,
            rejected,
            entities: Vec::new(),
        }
    }

    /// One group's fact: its candidates clustered into positions.
    #[allow(clippy::too_many_arguments)]
    fn fact(
        &self,
        order: &[u32],
        range: Range<usize>,
        cands: &[Cand],
        (g, gi): (&truth::Group, usize),
        probs: &[f64],
        source_ids: &[SourceId],
        quotes: &[std::sync::Arc<str>],
        scratch: &mut FactScratch,
    ) -> Fact {
        let rc = self.rc;
        let k = cands.len();
        let FactScratch {
            support,
            seen,
            parent,
            roots,
        } = scratch;
        parent.clear();
        parent.extend(0..k);
        fn find(p: &mut [usize], x: usize) -> usize {
            let mut x = x;
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        for a in 0..k {
            for b in (a + 1)..k {
                let s = g.similarity[a * k + b];
                if s > 0.0
                    && rc.options.agree.agree_at(
                        self.value(cands[a].slot),
                        self.value(cands[b].slot),
                        s,
                    )
                {
                    let (ra, rb) = (find(parent, a), find(parent, b));
                    if ra != rb {
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                }
            }
        }
        // Clusters in order of their roots, each a cluster's least member,
        // and members in order: (root, member) pairs sorted.
        roots.clear();
        for c in 0..k {
            roots.push((find(parent, c), c));
        }
        roots.sort_unstable();
        let mut clusters: Vec<Range<usize>> = Vec::new();
        for (at, &(root, _)) in roots.iter().enumerate() {
            match clusters.last_mut() {
                Some(last) if roots[last.start].0 == root => last.end = at + 1,
                _ => clusters.push(at..at + 1),
            }
        }
        let members_of = |r: &Range<usize>| roots[r.clone()].iter().map(|&(_, c)| c);
        let mut positions: Vec<(f64, usize, Position)> = clusters
            .iter()
            .map(|cluster| {
                let members: &[(usize, usize)] = &roots[cluster.clone()];
                let first = members[0].1;
                let mass: f64 = members_of(cluster).map(|c| probs[c]).sum();
                // Best member: highest probability, then first in key order.
                let best =
                    members_of(cluster).fold(first, |b, c| if probs[c] > probs[b] { c } else { b });
                let cite = |r: u32, p: Provenance| {
                    let row = &rc.rows[r as usize];
                    Citation::new(
                        source_ids[row.source as usize].clone(),
                        p,
                        quotes[row.raw as usize].clone(),
                    )
                };
                let rows = |c: usize| &order[cands[c].rows.clone()];
                let place = |r: u32| {
                    let row = &rc.rows[r as usize];
                    (self.src_rank[row.source as usize], row.provenance)
                };
                // One candidate's rows come sorted by source and place
                // already, unless two share both.
                let support: Vec<Citation> = if members.len() == 1
                    && rows(first).windows(2).all(|w| place(w[0]) < place(w[1]))
                {
                    rows(first)
                        .iter()
                        .map(|&r| cite(r, rc.rows[r as usize].provenance))
                        .collect()
                } else {
                    support.clear();
                    for c in members_of(cluster) {
                        support.extend(rows(c).iter().map(|&r| {
                            let (source, p) = place(r);
                            (source, p, r)
                        }));
                    }
                    support.sort_unstable();
                    support.iter().map(|&(_, p, r)| cite(r, p)).collect()
                };
                (
                    mass,
                    first,
                    Position {
                        value: self.slot_canonical[cands[best].slot as usize].clone(),
                        confidence: truth::confidence(mass),
                        support,
                    },
                )
            })
            .collect();
        positions.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let positions: Vec<Position> = positions.into_iter().map(|p| p.2).collect();
        let mut distinct_sources = 0;
        for &r in &order[range.clone()] {
            let seen = &mut seen[rc.rows[r as usize].source as usize];
            if *seen != gi {
                *seen = gi;
                distinct_sources += 1;
            }
        }
        let kind = if positions.len() > 1 {
            FactKind::Contradiction
        } else if distinct_sources > 1 {
            FactKind::Consensus
        } else {
            FactKind::Uncorroborated
        };
        let row = &rc.rows[order[range.start] as usize];
        let subject = rc.subjects.get(row.subject).to_string();
        let attribute = rc.attributes.get(row.attribute).to_string();
        // What `format!` would make, without its machinery, once a fact.
        let mut topic = String::with_capacity(attribute.len() + 4 + subject.len());
        topic.push_str(&attribute);
        topic.push_str(" of ");
        topic.push_str(&subject);
        Fact {
            kind,
            topic,
            subject: Some(subject),
            attribute: Some(attribute),
            positions,
        }
    }

    fn value(&self, slot: u32) -> &Value {
        match &self.slots[slot as usize] {
            Ok(v) => v,
            // Only accepted slots become candidates.
            Err(_) => unreachable!("rejected slot used as a candidate"),
        }
    }

    /// The slot that speaks for a candidate: the rendering most rows share,
    /// ties to the smallest canonical string, and among slots rendered
    /// alike the one whose raw string sorts first: slot numbers follow the
    /// input order, and nothing about a report may.
    fn representative(&self, rows: &[u32], scratch: &mut Counting) -> u32 {
        // Most candidates' rows share one slot: no counting then.
        let one = self.row_slot[rows[0] as usize];
        if rows.iter().all(|&r| self.row_slot[r as usize] == one) {
            return one;
        }
        let Counting { slots, counted } = scratch;
        slots.clear();
        slots.extend(rows.iter().map(|&r| self.row_slot[r as usize]));
        slots.sort_unstable();
        // Distinct slots with their row counts; usually only a few.
        counted.clear();
        for &s in slots.iter() {
            match counted.last_mut() {
                Some((last, n)) if *last == s => *n += 1,
                _ => counted.push((s, 1)),
            }
        }
        if counted.len() == 1 {
            return counted[0].0;
        }
        let canonical = |s: u32| &self.slot_canonical[s as usize];
        let name = |s: u32| self.slot_name[s as usize];
        // Slots' names differ, so the order is total and need not be stable.
        counted.sort_unstable_by(|a, b| {
            canonical(a.0)
                .cmp(canonical(b.0))
                .then(name(a.0).cmp(&name(b.0)))
        });
        let mut best = counted[0].0;
        let mut best_n = 0;
        let mut i = 0;
        while i < counted.len() {
            let mut j = i;
            let mut n = 0;
            while j < counted.len() && canonical(counted[j].0) == canonical(counted[i].0) {
                n += counted[j].1;
                j += 1;
            }
            if n > best_n {
                best_n = n;
                best = counted[i].0;
            }
            i = j;
        }
        best
    }
}

/// What [`Run::representative`] reuses from one candidate to the next.
#[derive(Default)]
struct Counting {
    slots: Vec<u32>,
    counted: Vec<(u32, usize)>,
}

/// What building one fact after another on a thread reuses.
struct FactScratch {
    /// A position's support, by source rank, place and row.
    support: Vec<(u32, Provenance, u32)>,
    /// Per source, the last group it was counted in.
    seen: Vec<usize>,
    /// Per candidate, its parent in the union-find of agreeing ones.
    parent: Vec<usize>,
    /// (root, candidate) pairs: the clusters.
    roots: Vec<(usize, usize)>,
}

fn kind_order(k: FactKind) -> u8 {
    match k {
        FactKind::Contradiction => 0,
        FactKind::Consensus => 1,
        FactKind::Uncorroborated => 2,
    }
}

/// Runs `f(i)` for each `i` in `0..n` on up to [`threads`] threads, and
/// returns the results in order. Each thread takes the next part when it
/// is free: on a shared host a thread that is held up does fewer parts,
/// rather than its fixed share while the others wait. This thread only
/// waits: buffers the parts allocate here, on the main heap, fragment it
/// across reconciliations in one process (three in a row peaked some
/// 40 MB higher).
fn run_parts<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    crate::parallel::run_indexed(threads(), n, false, f)
}

/// Runs `f` on each part `cuts[i]..cuts[i + 1]` (see [`run_parts`]), and
/// returns the results in part order.
fn map_parts<R: Send>(cuts: &[usize], f: impl Fn(Range<usize>) -> R + Sync) -> Vec<R> {
    run_parts(cuts.len().saturating_sub(1), |i| f(cuts[i]..cuts[i + 1]))
}

/// Runs `f(offset, part)` on each part `cuts[i]..cuts[i + 1]` of `data`
/// (see [`run_parts`]).
fn for_parts_mut<T: Send>(data: &mut [T], cuts: &[usize], f: impl Fn(usize, &mut [T]) + Sync) {
    // Each part with its offset, for whichever thread takes it.
    let mut parts: Vec<(usize, &mut [T])> = Vec::new();
    let mut rest = data;
    for w in cuts.windows(2) {
        let (head, tail) = rest.split_at_mut(w[1] - w[0]);
        parts.push((w[0], head));
        rest = tail;
    }
    crate::parallel::run_jobs(threads(), parts, false, |(at, part)| f(at, part));
}

/// Cuts `0..len` into `parts` parts of about equal length: the bounds, from
/// 0 to `len`, for [`map_parts`].
fn even_cuts(len: usize, parts: usize) -> Vec<usize> {
    (0..=parts).map(|t| len * t / parts).collect()
}

/// Each string's rank among the distinct ones, equal strings alike; `None`
/// ranks `u32::MAX`.
///
/// Keys repeat a lot (one time of day stands for many slots), so each part
/// of them, on all cores, is first brought down to its distinct strings,
/// and only those are sorted.
fn dense_ranks(keys: &[Option<String>], threads: usize) -> Vec<u32> {
    let even = even_cuts(keys.len(), threads);
    let parts: Vec<(Vec<u32>, Vec<&str>)> = map_parts(&even, |range| {
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let local = keys[range]
            .iter()
            .map(|k| match k {
                None => u32::MAX,
                Some(k) => *ids.entry(k.as_str()).or_insert_with(|| {
                    distinct.push(k);
                    (distinct.len() - 1) as u32
                }),
            })
            .collect();
        (local, distinct)
    });
    // Each part's distinct strings, together: a string may be in several.
    let all: Vec<&str> = parts.iter().flat_map(|p| p.1.iter().copied()).collect();
    let sorted = crate::intern::sort_by_str(
        (0..all.len() as u32).collect(),
        |i| all[i as usize],
        threads,
    );
    let mut rank_of = vec![0u32; all.len()];
    let mut r = 0u32;
    for (n, &i) in sorted.iter().enumerate() {
        if n > 0 && all[sorted[n - 1] as usize] != all[i as usize] {
            r += 1;
        }
        rank_of[i as usize] = r;
    }
    let mut rank = Vec::with_capacity(keys.len());
    let mut offset = 0;
    for (local, distinct) in &parts {
        rank.extend(local.iter().map(|&l| {
            if l == u32::MAX {
                u32::MAX
            } else {
                rank_of[offset + l as usize]
            }
        }));
        offset += distinct.len();
    }
    rank
}

/// Maps `f` over `items` on all cores, keeping order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads();
    if threads <= 1 || items.len() < 10_000 {
        return items.iter().map(&f).collect();
    }
    // A few chunks a thread, so that a thread held up does fewer.
    let chunk = items.len().div_ceil(4 * threads);
    let parts = run_parts(items.len().div_ceil(chunk), |c| {
        let end = ((c + 1) * chunk).min(items.len());
        items[c * chunk..end].iter().map(&f).collect::<Vec<R>>()
    });
    let mut out = Vec::with_capacity(items.len());
    for p in parts {
        out.extend(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Row-by-row reading as it was before tables were cut into pieces: the
    /// reference the piecewise reader must match exactly.
    fn read_serially(
        rc: &mut Reconciler,
        bytes: &[u8],
        progress: &mut Vec<u64>,
    ) -> Result<u64, Error> {
        // Lines as editors count them, found the slow way: the start of
        // every line, and a record's line found from the first byte after
        // the line ends the reader's position may stand before.
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        let line_at = |byte: u64| {
            let mut at = byte as usize;
            while at < bytes.len() && (bytes[at] == b'\r' || bytes[at] == b'\n') {
                at += 1;
            }
            starts.partition_point(|&s| s <= at) as u64
        };
        // The quote that opens a field no quote closes, by a byte machine.
        let mut unclosed = None;
        let mut field_start = true;
        let mut i = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        while i < bytes.len() {
            let b = bytes[i];
            if unclosed.is_some() {
                if b == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        unclosed = None;
                        field_start = false;
                    }
                }
            } else if b == b'"' && field_start {
                unclosed = Some(i);
            } else {
                field_start = matches!(b, b',' | b'\r' | b'\n');
            }
            i += 1;
        }
        let mut rdr = csv_reader(bytes);
        let mut record = csv::StringRecord::new();
        let csv_error = |e: csv::Error| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            let what = match e.kind() {
                csv::ErrorKind::Utf8 { .. } => {
                    return Error::new(
                        ErrorKind::InvalidUtf8,
                        format!("line {line}: invalid UTF-8"),
                    )
                }
                csv::ErrorKind::Io(io) => format!("read failed: {io}"),
                other => format!("{other:?}"),
            };
            Error::new(ErrorKind::Csv, format!("line {line}: {what}"))
        };
        if !rdr.read_record(&mut record).map_err(csv_error)? {
            return Err(Error::new(
                ErrorKind::Csv,
                "line 1: empty input; expected the header source,subject,attribute,value",
            ));
        }
        let header: Vec<String> = record
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        if header != ["source", "subject", "attribute", "value"] {
            let line = line_at(record.position().unwrap().byte());
            return Err(Error::new(
                ErrorKind::Csv,
                format!(
                    "line {line}: expected the header source,subject,attribute,value, found {}",
                    record.iter().collect::<Vec<_>>().join(",")
                ),
            ));
        }
        let mut n = 0u64;
        while rdr.read_record(&mut record).map_err(csv_error)? {
            n += 1;
            let line = line_at(record.position().unwrap().byte());
            if let Some(q) = unclosed {
                if rdr.position().byte() as usize == bytes.len() {
                    let line = starts.partition_point(|&s| s <= q);
                    return Err(Error::new(
                        ErrorKind::Csv,
                        format!(
                            "line {line}: a quoted field is never closed (a `\"` opens it here)"
                        ),
                    ));
                }
            }
            if record.len() != 4 {
                return Err(Error::new(
                    ErrorKind::Csv,
                    format!(
                        "line {line}: expected 4 fields (source,subject,attribute,value), found {}",
                        record.len()
                    ),
                ));
            }
            for (i, name) in ["source", "subject", "attribute"].iter().enumerate() {
                if record[i].trim().is_empty() {
                    return Err(Error::new(
                        ErrorKind::Csv,
                        format!("line {line}: empty {name}"),
                    ));
                }
            }
            rc.push(
                &record[0],
                &record[1],
                &record[2],
                &record[3],
                Provenance::Record(n),
                None,
            );
            if n % 100_000 == 0 {
                progress.push(n);
            }
        }
        Ok(n)
    }

    /// Rows as ids and provenance, and each interner's strings by id.
    type State = (Vec<(u32, u32, u32, u32, Provenance)>, [Vec<String>; 4]);

    /// Everything reading leaves behind, ids included.
    fn state(rc: &Reconciler) -> State {
        let strings = |i: &Interner| i.strings().iter().map(|s| s.to_string()).collect();
        (
            rc.rows
                .iter()
                .map(|r| (r.source, r.subject, r.attribute, r.raw, r.provenance))
                .collect(),
            [
                strings(&rc.sources),
                strings(&rc.subjects),
                strings(&rc.attributes),
                strings(&rc.raws),
            ],
        )
    }

    fn agrees_with_serial(bytes: &[u8], sizes: TableSizes) -> Result<(), TestCaseError> {
        let mut want = Reconciler::default();
        let mut want_progress = Vec::new();
        let want_result = read_serially(&mut want, bytes, &mut want_progress);
        let mut got = Reconciler::default();
        let mut got_progress = Vec::new();
        let got_result = got.read_table(bytes, |n| got_progress.push(n), sizes);
        prop_assert_eq!(
            &got_result,
            &want_result,
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        prop_assert_eq!(state(&got), state(&want));
        prop_assert_eq!(got_progress, want_progress);
        Ok(())
    }

    fn small_sizes(block: usize, piece: usize, threads: usize) -> TableSizes {
        TableSizes {
            block,
            pieces_per_block: 3,
            min_piece: piece,
            max_piece: piece,
            threads,
        }
    }

    /// Bytes that stress the cutting: quotes, both line ends, blank lines,
    /// byte-order marks, multi-byte and invalid UTF-8, short rows.
    fn table() -> impl Strategy<Value = Vec<u8>> {
        let token = prop_oneof![
            8 => Just(&b"a"[..]),
            2 => Just(&b"bc"[..]),
            6 => Just(&b","[..]),
            4 => Just(&b"\""[..]),
            4 => Just(&b"\n"[..]),
            2 => Just(&b"\r\n"[..]),
            1 => Just(&b"\r"[..]),
            1 => Just(&b" "[..]),
            1 => Just("é".as_bytes()),
            1 => Just(&b"\xef\xbb\xbf"[..]),
            1 => Just(&b"\xff"[..]),
            3 => Just(&b"s,x,a,1\n"[..]),
            2 => Just(&b"\"q\nq\",x,a,\"1\"\"\"\n"[..]),
            1 => Just(&b"\r\"a\nb\""[..]),
            1 => Just(&b",\"\n\""[..]),
            1 => Just(&b"\"a,b\""[..]),
            1 => Just(&b"\"\""[..]),
        ];
        let header = prop_oneof![
            6 => Just(&b"source,subject,attribute,value\n"[..]),
            1 => Just(&b"\xef\xbb\xbfsource,subject,attribute,value\r\n"[..]),
            1 => Just(&b"\xef\xbb\xbfsource,subject,attribute,value\r"[..]),
            1 => Just(&b"\n\"source\",subject,attribute,value\n"[..]),
            1 => Just(&b"source,subject,attribute,value"[..]),
            1 => Just(&b""[..]),
        ];
        (header, prop::collection::vec(token, 0..120)).prop_map(|(h, body)| {
            let mut out = h.to_vec();
            for t in body {
                out.extend_from_slice(t);
            }
            out
        })
    }

    /// `cases` cases, with failing seeds kept beside this file rather than
    /// in a folder at the crate root.
    fn config(cases: u32) -> ProptestConfig {
        ProptestConfig {
            cases,
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
            )),
            ..ProptestConfig::default()
        }
    }

    /// Fields as written: `names` those that can name a source, subject or
    /// attribute; the rest are blank or left to the CSV reader to read.
    fn field(names: bool) -> impl Strategy<Value = &'static str> {
        let name = prop_oneof![
            6 => Just("a"),
            2 => Just("bc"),
            1 => Just(" a "),
            1 => Just("é"),
            1 => Just("ab\"c"),
            1 => Just("a\""),
            2 => Just("\"a,b\""),
            2 => Just("\"a\"\"b\""),
            1 => Just("\"\"\"a\""),
            1 => Just("\"a\"\"\""),
            2 => Just("\"x\ny\""),
            1 => Just("\"x\r\ny\""),
            1 => Just("\"x\ry\""),
            1 => Just("\u{feff}"),
        ];
        let odd = prop_oneof![
            Just(""),
            Just(" "),
            Just("\u{a0}"),
            Just("\"\""),
            Just("\"\"\"\""),
            Just("\"a\"b"),
            Just("\"a"),
            Just(" \"a,b\""),
        ];
        if names {
            name.boxed()
        } else {
            prop_oneof![3 => name, 1 => odd].boxed()
        }
    }

    /// A line end, or several.
    fn line_end() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            6 => Just("\n"),
            3 => Just("\r\n"),
            1 => Just("\r"),
            1 => Just("\n\n"),
            1 => Just("\r\r\n"),
        ]
    }

    /// Well-formed rows, each ended but perhaps the last.
    fn plain_rows(rows: usize) -> impl Strategy<Value = String> {
        let row = (
            prop::collection::vec(field(true), 3),
            field(true),
            line_end(),
        );
        (prop::collection::vec(row, 0..rows), any::<bool>()).prop_map(|(rows, chop)| {
            let mut out = String::new();
            for (names, value, end) in rows {
                out.push_str(&format!("{},{value}{end}", names.join(",")));
            }
            if chop {
                out.truncate(out.trim_end_matches(['\r', '\n']).len());
            }
            out
        })
    }

    /// Rows of fields, some of them odd or of the wrong length, with some
    /// stray bytes between.
    fn rows_of_fields(rows: usize) -> impl Strategy<Value = Vec<u8>> {
        let row = prop_oneof![
            12 => prop::collection::vec(field(false), 4),
            1 => prop::collection::vec(field(false), 1..=6),
        ];
        let item = prop_oneof![
            20 => (row, line_end()).prop_map(|(f, end)| format!("{}{end}", f.join(",")).into_bytes()),
            1 => prop::sample::select(vec![&b"\xff"[..], BOM, b",", b"\"", b"\r", b" "])
                .prop_map(|b| b.to_vec()),
        ];
        (
            prop::sample::select(
                &[
                    "source,subject,attribute,value\n",
                    "\u{feff}source,subject,attribute,value\r",
                    "\n\"source\",subject,attribute,\"value\"\r\n",
                ][..],
            ),
            prop::collection::vec(item, 0..rows),
        )
            .prop_map(|(h, items)| {
                let mut out = h.as_bytes().to_vec();
                for i in items {
                    out.extend(i);
                }
                out
            })
    }

    proptest! {
        #![proptest_config(config(200))]

        // The fast path must take such rows, or it is never tested.
        #[test]
        fn well_formed_rows_are_read_by_hand_as_the_csv_reader_reads_them(body in plain_rows(40)) {
            let mut piece = Piece::default();
            prop_assert!(piece.read_plain(body.as_bytes()), "{:?}", body);
            let mut want = Reconciler::default();
            let table = format!("source,subject,attribute,value\n{body}");
            read_serially(&mut want, table.as_bytes(), &mut Vec::new()).unwrap();
            let [sources, subjects, attributes, raws] = state(&want).1;
            let rows: Vec<[String; 4]> = piece.rows.iter().map(|r| [
                piece.sources.get(r[0]).to_string(),
                piece.subjects.get(r[1]).to_string(),
                piece.attributes.get(r[2]).to_string(),
                piece.raws.get(r[3]).to_string(),
            ]).collect();
            let want_rows: Vec<[String; 4]> = want.rows.iter().map(|r| [
                sources[r.source as usize].clone(),
                subjects[r.subject as usize].clone(),
                attributes[r.attribute as usize].clone(),
                raws[r.raw as usize].clone(),
            ]).collect();
            prop_assert_eq!(rows, want_rows);
        }

        #[test]
        fn rows_of_fields_are_read_piecewise_as_row_by_row(
            bytes in rows_of_fields(120),
            block in 1usize..3000,
            piece in 1usize..600,
            threads in 1usize..4,
        ) {
            agrees_with_serial(&bytes, small_sizes(block, piece, threads))?;
        }
    }

    proptest! {
        #![proptest_config(config(600))]

        #[test]
        fn piecewise_reading_is_row_by_row_reading(
            bytes in table(),
            block in 1usize..80,
            piece in 1usize..24,
            threads in 1usize..4,
        ) {
            agrees_with_serial(&bytes, small_sizes(block, piece, threads))?;
        }
    }

    #[test]
    fn well_formed_tables_are_cut_and_read_alike() {
        let mut csv = String::from("source,subject,attribute,value\n");
        for i in 0..250_000u32 {
            let value = match i % 5 {
                0 => format!("\"{}:{:02} PM, Dec 01\"", i % 12, i % 60),
                1 => "\"line\nbreak\"".to_string(),
                2 => format!("v{}", i % 977),
                3 => String::new(),
                _ => "\"a \"\"quoted\"\" value\"".to_string(),
            };
            let end = if i % 7 == 0 { "\r\n" } else { "\n" };
            csv.push_str(&format!(
                "s{},subj{},attr{},{value}{end}",
                i % 13,
                i / 6,
                i % 6
            ));
            if i % 1000 == 0 {
                csv.push('\n');
            }
        }
        for sizes in [
            TableSizes::for_threads(2),
            small_sizes(1 << 16, 1 << 12, 3),
            small_sizes(1 << 20, 1 << 14, 2),
        ] {
            agrees_with_serial(csv.as_bytes(), sizes).unwrap();
        }
        // An error deep in the table names its line, after all rows before it.
        let mut bad = csv.clone().into_bytes();
        bad.extend_from_slice(b"s,x,a\n");
        bad.extend_from_slice(&csv.as_bytes()[31..]);
        agrees_with_serial(&bad, small_sizes(1 << 16, 1 << 12, 2)).unwrap();
    }
}
