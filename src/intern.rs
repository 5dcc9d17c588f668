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

/// Strings to dense `u32` ids.
///
/// Each distinct string is stored once, shared between the table and the
/// id list: a report can then quote it without copying, and an interner
/// filled on another thread can hand its strings over without copying.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    map: FxHashMap<Arc<str>, u32>,
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
        if let Some(&id) = self.map.get(s) {
            self.last = Some(id);
            return id;
        }
        self.insert(s.into())
    }

    /// [`intern`](Self::intern) for a string already shared: a new one is
    /// kept as it is, not copied.
    pub fn intern_shared(&mut self, s: &Arc<str>) -> u32 {
        match self.map.get(&**s) {
            Some(&id) => id,
            None => self.insert(s.clone()),
        }
    }

    fn insert(&mut self, s: Arc<str>) -> u32 {
        let id = self.strings.len() as u32;
        self.last = Some(id);
        self.strings.push(s.clone());
        self.map.insert(s, id);
        id
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
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let ids: Vec<u32> = (0..self.strings.len() as u32).collect();
        let order = sort_by_str(ids, |id| &self.strings[id as usize], threads);
        let mut rank = vec![0u32; order.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        rank
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
    std::thread::scope(|scope| {
        let cmp = &cmp;
        scope.spawn(move || lo.sort_unstable_by(cmp));
        hi.sort_unstable_by(cmp);
    });
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
}
