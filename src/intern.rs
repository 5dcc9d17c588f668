//! String interning with canonical ranks.
//!
//! Ids are handed out in arrival order, which depends on input order; every
//! ordering decision therefore goes through [`Interner::ranks`], the position
//! of each string in sorted order, so results never depend on input order.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// The Fx hash (as in rustc): much faster than SipHash on short keys, and
/// the keys here are not attacker-chosen table indices that need DoS hardening
/// beyond what an input file can already do to memory.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // A product's low bits depend only on the factors' low bits, and a
        // table picks buckets by the low bits: without the turn, short keys
        // would be bucketed by their first bytes alone.
        self.hash.rotate_left(26)
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

/// A string's hash, as every table here computes it.
fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_usize(s.len());
    h.finish()
}

/// Ids by their strings' hashes, open-addressed: the strings live with the
/// caller, and each id's hash is kept, so a table grows without hashing a
/// string again and a hash worked out on one thread serves a table on another.
#[derive(Debug, Clone, Default)]
struct Table {
    /// Per bucket, an id plus one, or 0; a power of two many.
    buckets: Vec<u32>,
    /// Per id, its string's hash.
    hashes: Vec<u64>,
}

impl Table {
    /// The id with hash `h` that `is` accepts, or the bucket to add it at.
    #[inline]
    fn find(&self, h: u64, is: impl Fn(u32) -> bool) -> Result<u32, usize> {
        if self.buckets.is_empty() {
            return Err(0);
        }
        let mask = self.buckets.len() - 1;
        let mut b = h as usize & mask;
        loop {
            match self.buckets[b] {
                0 => return Err(b),
                plus_one => {
                    let id = plus_one - 1;
                    if self.hashes[id as usize] == h && is(id) {
                        return Ok(id);
                    }
                }
            }
            b = (b + 1) & mask;
        }
    }

    /// Adds the next id, with hash `h`, at the bucket `find` gave.
    fn add(&mut self, h: u64, bucket: usize) -> u32 {
        let id = self.hashes.len() as u32;
        self.hashes.push(h);
        // At most half full, so runs of full buckets stay short.
        if self.hashes.len() * 2 > self.buckets.len() {
            let mut buckets = vec![0u32; (self.buckets.len() * 2).max(16)];
            let mask = buckets.len() - 1;
            for (id, &h) in self.hashes.iter().enumerate() {
                let mut b = h as usize & mask;
                while buckets[b] != 0 {
                    b = (b + 1) & mask;
                }
                buckets[b] = id as u32 + 1;
            }
            self.buckets = buckets;
        } else {
            self.buckets[bucket] = id + 1;
        }
        id
    }
}

/// Strings to dense `u32` ids.
///
/// Each distinct string is stored once, as an `Arc`: a report can then
/// quote it without copying.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    table: Table,
    strings: Vec<Arc<str>>,
    /// The id returned last: tables repeat a row's source, subject and
    /// attribute in runs, and a comparison is cheaper than a hash lookup.
    last: Option<u32>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.last {
            if &*self.strings[id as usize] == s {
                return id;
            }
        }
        let id = self.intern_hashed(hash_str(s), s);
        self.last = Some(id);
        id
    }

    /// [`intern`](Self::intern) for a string whose hash is known: one of
    /// a [`Strings`]'.
    pub fn intern_hashed(&mut self, h: u64, s: &str) -> u32 {
        let strings = &self.strings;
        match self.table.find(h, |id| &*strings[id as usize] == s) {
            Ok(id) => id,
            Err(bucket) => {
                self.strings.push(s.into());
                self.table.add(h, bucket)
            }
        }
    }

    /// Every string, by id.
    pub fn strings(&self) -> &[Arc<str>] {
        &self.strings
    }

    pub fn get(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// `ranks()[id]` is the position of string `id` in byte-wise sorted order.
    pub fn ranks(&self) -> Vec<u32> {
        let ids: Vec<u32> = (0..self.strings.len() as u32).collect();
        let order = sort_by_str(
            ids,
            |id| &self.strings[id as usize],
            crate::parallel::cores(),
        );
        let mut rank = vec![0u32; order.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        rank
    }
}

/// Strings to dense `u32` ids, all in one buffer: for a piece of a table
/// read on its own, whose strings are looked up in an [`Interner`] and then
/// dropped, at the cost of a few allocations, not one per string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Strings {
    table: Table,
    text: String,
    /// Per id, where its string ends in `text`.
    ends: Vec<usize>,
    last: Option<u32>,
    /// Per id, the id asked for right after it last time, or `u32::MAX`.
    follows: Vec<u32>,
}

impl Strings {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.last {
            if self.bytes(id) == s.as_bytes() {
                return id;
            }
            // Tables also cycle through a few values (a subject's
            // attributes, row after row): what followed this string last
            // time is tried before a hash lookup.
            let next = self.follows[id as usize];
            if next != u32::MAX && self.bytes(next) == s.as_bytes() {
                self.last = Some(next);
                return next;
            }
        }
        let h = hash_str(s);
        let id = match self.table.find(h, |id| self.bytes(id) == s.as_bytes()) {
            Ok(id) => id,
            Err(bucket) => {
                self.text.push_str(s);
                self.ends.push(self.text.len());
                self.follows.push(u32::MAX);
                self.table.add(h, bucket)
            }
        };
        if let Some(before) = self.last {
            self.follows[before as usize] = id;
        }
        self.last = Some(id);
        id
    }

    /// Where string `id` lies in `text`.
    #[inline]
    fn range(&self, id: u32) -> std::ops::Range<usize> {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        start..self.ends[id]
    }

    /// String `id`'s bytes: comparing them skips the checks that slicing
    /// text makes, at every string looked up.
    #[inline]
    fn bytes(&self, id: u32) -> &[u8] {
        &self.text.as_bytes()[self.range(id)]
    }

    #[inline]
    pub fn get(&self, id: u32) -> &str {
        &self.text[self.range(id)]
    }

    /// The hash of string `id`, for [`Interner::intern_hashed`].
    #[inline]
    pub fn hash(&self, id: u32) -> u64 {
        self.table.hashes[id as usize]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

/// `ids` ordered by their strings, byte-wise (equal strings in any order),
/// halves sorted on two threads when there are many.
pub(crate) fn sort_by_str<'s>(
    ids: Vec<u32>,
    key: impl Fn(u32) -> &'s str + Sync,
    threads: usize,
) -> Vec<u32> {
    // Most comparisons are settled by the first eight bytes read as a
    // big-endian number, zero-padded: a string then sorts before those it
    // begins, as byte-wise order has it. Equal prefixes compare in full.
    let prefix = |s: &str| {
        let mut w = [0u8; 8];
        let n = s.len().min(8);
        w[..n].copy_from_slice(&s.as_bytes()[..n]);
        u64::from_be_bytes(w)
    };
    let mut keyed: Vec<(u64, u32)> = ids.iter().map(|&i| (prefix(key(i)), i)).collect();
    drop(ids);
    let cmp = |a: &(u64, u32), b: &(u64, u32)| a.0.cmp(&b.0).then_with(|| key(a.1).cmp(key(b.1)));
    if threads < 2 || keyed.len() < 1 << 15 {
        keyed.sort_unstable_by(cmp);
        return keyed.into_iter().map(|k| k.1).collect();
    }
    let mid = keyed.len() / 2;
    let (lo, hi) = keyed.split_at_mut(mid);
    crate::parallel::join(|| hi.sort_unstable_by(cmp), || lo.sort_unstable_by(cmp));
    let (lo, hi) = keyed.split_at(mid);
    let mut out = Vec::with_capacity(keyed.len());
    let (mut i, mut j) = (0, 0);
    while i < lo.len() && j < hi.len() {
        if cmp(&hi[j], &lo[i]) == std::cmp::Ordering::Less {
            out.push(hi[j].1);
            j += 1;
        } else {
            out.push(lo[i].1);
            i += 1;
        }
    }
    out.extend(lo[i..].iter().map(|k| k.1));
    out.extend(hi[j..].iter().map(|k| k.1));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_sorted_order_not_arrival() {
        let mut i = Interner::default();
        let ids: Vec<u32> = ["pear", "apple", "fig", "apple"]
            .iter()
            .map(|s| i.intern(s))
            .collect();
        assert_eq!(ids, vec![0, 1, 2, 1]);
        assert_eq!(i.len(), 3);
        assert_eq!(i.ranks(), vec![2, 0, 1]);
        assert_eq!(i.get(2), "fig");
    }

    #[test]
    fn pieces_hand_over_the_ids_of_one_pass() {
        // Enough strings to grow the tables many times; "" and strings that
        // pad alike ("a", "a\0") must stay apart.
        let all: Vec<String> = (0..50_000u32)
            .map(|i| match i % 5 {
                0 => String::new(),
                1 => "a".to_string(),
                2 => "a\0".to_string(),
                _ => format!("value {}", (i * 7919) % 20_011),
            })
            .collect();
        let mut one = Interner::default();
        let want: Vec<u32> = all.iter().map(|s| one.intern(s)).collect();
        let mut global = Interner::default();
        let mut got = Vec::new();
        for part in all.chunks(7_000) {
            let mut local = Strings::default();
            let ids: Vec<u32> = part.iter().map(|s| local.intern(s)).collect();
            for (s, &id) in part.iter().zip(&ids) {
                assert_eq!(local.get(id), s);
            }
            let to: Vec<u32> = (0..local.len() as u32)
                .map(|i| global.intern_hashed(local.hash(i), local.get(i)))
                .collect();
            got.extend(ids.iter().map(|&id| to[id as usize]));
        }
        assert_eq!(got, want);
        assert_eq!(global.strings(), one.strings());
    }
}
