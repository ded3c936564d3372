//! The tallies of one-hop counts ([`super::one_hop`]): each start node's
//! far ends are counted into groups as the adjacency is walked, on one
//! thread or, for many starts, on two (each half of the starts tallied on
//! its own, then merged in order, so groups keep their order of first
//! sight).

use crate::store::{Direction, Result, Snapshot, StoreError};

/// What the walk groups by: one group for all, or a group per start node
/// or per far node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GroupBy {
    All,
    Start,
    Far,
}

/// One group as it is counted: its node, matches, distinct starts and ends
/// (20 bytes: a million groups stay in cache-sized pieces; counts of
/// relationships fit the read file's u32 positions).
#[derive(Clone, Copy, Debug)]
pub struct Tally {
    pub node: u32,
    pub rows: u32,
    pub starts: u32,
    pub ends: u32,
    /// The last start counted (starts come in runs).
    last: u32,
}

impl Tally {
    fn of(node: u32) -> Tally {
        Tally {
            node,
            rows: 0,
            starts: 0,
            ends: 0,
            last: u32::MAX,
        }
    }
}

/// The state of a walk over some of the start nodes, in their order.
pub struct Walk {
    by: GroupBy,
    /// Whether distinct far ends are counted without groups.
    count_ends: bool,
    /// Groups in order of first sight (one, for [`GroupBy::All`]).
    pub tallies: Vec<Tally>,
    /// The group of each far node, by position (u32::MAX: none yet).
    slot: Vec<u32>,
    /// Far nodes seen, for distinct ends without groups.
    ends_seen: Vec<bool>,
    /// The current start's far ends.
    fars: Vec<u32>,
}

impl Walk {
    /// A walk over a read file of `nodes` nodes.
    pub fn new(by: GroupBy, count_ends: bool, nodes: usize) -> Walk {
        Walk {
            by,
            count_ends,
            tallies: match by {
                GroupBy::All => vec![Tally::of(0)],
                _ => Vec::new(),
            },
            slot: vec![u32::MAX; if by == GroupBy::Far { nodes } else { 0 }],
            ends_seen: vec![
                false;
                if by == GroupBy::All && count_ends {
                    nodes
                } else {
                    0
                }
            ],
            fars: Vec::new(),
        }
    }

    /// Counts start `s` with its far ends over `(dir, code)` that
    /// `far_ok` accepts.
    pub fn step<E: From<StoreError>>(
        &mut self,
        snap: &Snapshot,
        s: u32,
        (dir, code): (Direction, Option<u32>),
        mut far_ok: impl FnMut(u32) -> std::result::Result<bool, E>,
    ) -> std::result::Result<(), E> {
        self.fars.clear();
        for f in snap.adjacent_at(s, dir, code, |_, f| f)? {
            if far_ok(f)? {
                self.fars.push(f);
            }
        }
        self.visit(s);
        Ok(())
    }

    /// Counts start `s` with its far ends in [`Walk::fars`].
    fn visit(&mut self, s: u32) {
        if self.fars.is_empty() {
            return;
        }
        let rows = self.fars.len() as u32;
        match self.by {
            GroupBy::All => {
                let t = &mut self.tallies[0];
                t.rows += rows;
                t.starts += 1;
                if self.count_ends {
                    for &f in &self.fars {
                        let seen = std::mem::replace(&mut self.ends_seen[f as usize], true);
                        t.ends += u32::from(!seen);
                    }
                }
            }
            GroupBy::Start => {
                self.fars.sort_unstable();
                self.fars.dedup();
                self.tallies.push(Tally {
                    rows,
                    starts: 1,
                    ends: self.fars.len() as u32,
                    ..Tally::of(s)
                });
            }
            GroupBy::Far => {
                for &f in &self.fars {
                    let g = &mut self.slot[f as usize];
                    if *g == u32::MAX {
                        *g = self.tallies.len() as u32;
                        self.tallies.push(Tally {
                            ends: 1,
                            ..Tally::of(f)
                        });
                    }
                    let t = &mut self.tallies[*g as usize];
                    t.rows += 1;
                    if t.last != s {
                        t.last = s;
                        t.starts += 1;
                    }
                }
            }
        }
    }

    /// Adds `later`, a walk over the starts after this one's.
    pub fn merge(&mut self, later: Walk) {
        match self.by {
            GroupBy::All => {
                let (t, u) = (&mut self.tallies[0], later.tallies[0]);
                t.rows += u.rows;
                t.starts += u.starts;
                if self.count_ends {
                    let both = self.ends_seen.iter().zip(&later.ends_seen);
                    t.ends = both.filter(|(a, b)| **a || **b).count() as u32;
                }
            }
            // Each start is in one walk only.
            GroupBy::Start => self.tallies.extend(later.tallies),
            GroupBy::Far => {
                for u in later.tallies {
                    let g = &mut self.slot[u.node as usize];
                    if *g == u32::MAX {
                        *g = self.tallies.len() as u32;
                        self.tallies.push(u);
                    } else {
                        let t = &mut self.tallies[*g as usize];
                        t.rows += u.rows;
                        t.starts += u.starts;
                    }
                }
            }
        }
    }
}

/// Nodes with a label, one bit each.
pub struct Bits(Vec<u64>);

impl Bits {
    /// The nodes with `label`.
    pub fn of(snap: &Snapshot, label: &str) -> Result<Bits> {
        let mut bits = vec![0u64; snap.node_count().div_ceil(64)];
        for n in snap.label_positions(label)? {
            if let Some(w) = bits.get_mut(n as usize / 64) {
                *w |= 1 << (n % 64);
            }
        }
        Ok(Bits(bits))
    }

    fn has(&self, n: u32) -> bool {
        let n = n as usize;
        self.0.get(n / 64).is_some_and(|w| w >> (n % 64) & 1 == 1)
    }
}

/// Walks `starts` on two threads: each half on its own, the later half
/// merged into the earlier. A start counts when it has every label of
/// `start_bits`, a far end when it has every label of `far_bits`.
pub fn walk_halves(
    snap: &Snapshot,
    starts: &[u32],
    (dir, code): (Direction, Option<u32>),
    (start_bits, far_bits): (&[Bits], &[Bits]),
    new: impl Fn() -> Walk + Sync,
) -> Result<Walk> {
    let run = |part: &[u32]| -> Result<Walk> {
        let mut w = new();
        for &s in part {
            if start_bits.iter().all(|b| b.has(s)) {
                w.step(snap, s, (dir, code), |f| {
                    Ok::<_, StoreError>(far_bits.iter().all(|b| b.has(f)))
                })?;
            }
        }
        Ok(w)
    };
    let (first, second) = starts.split_at(starts.len() / 2);
    let (a, b) = std::thread::scope(|scope| {
        let later = scope.spawn(|| run(second));
        let a = run(first);
        (a, later.join().unwrap_or_else(|_| run(second)))
    });
    let mut a = a?;
    a.merge(b?);
    Ok(a)
}
