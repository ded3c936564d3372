//! Temporal relations between EDTF values, and their total order.
//!
//! Relations compare the ranges `[earliest, latest]`. A missing bound (open
//! `..` or unknown end) is treated as unbounded in that direction: it never
//! makes a relation *certain*, and always leaves it *possible*.

use std::cmp::Ordering;

use super::{Day, Edtf};

/// `a < b` where a missing `a` is +∞ (an unbounded latest) and a missing
/// `b` is −∞ (an unbounded earliest): true only when both are known.
fn known_lt(a: Option<Day>, b: Option<Day>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a < b)
}

/// `lo <= hi` where a missing value is unbounded (−∞ for `lo`, +∞ for `hi`).
fn le_unbounded(lo: Option<Day>, hi: Option<Day>) -> bool {
    match (lo, hi) {
        (Some(lo), Some(hi)) => lo <= hi,
        _ => true,
    }
}

impl Edtf {
    /// `self` certainly ends before `other` starts: `self.latest <
    /// other.earliest`. False if either bound is open or unknown.
    pub fn certainly_before(&self, other: &Edtf) -> bool {
        known_lt(self.latest(), other.earliest())
    }

    /// `self` may start before `other` ends: `self.earliest < other.latest`.
    /// True if either bound is open or unknown.
    pub fn possibly_before(&self, other: &Edtf) -> bool {
        match (self.earliest(), other.latest()) {
            (Some(a), Some(b)) => a < b,
            _ => true,
        }
    }

    /// `self` certainly starts after `other` ends (mirror of
    /// [`certainly_before`](Edtf::certainly_before)).
    pub fn certainly_after(&self, other: &Edtf) -> bool {
        other.certainly_before(self)
    }

    /// `self` may end after `other` starts (mirror of
    /// [`possibly_before`](Edtf::possibly_before)).
    pub fn possibly_after(&self, other: &Edtf) -> bool {
        other.possibly_before(self)
    }

    /// The ranges `[earliest, latest]` intersect (sharing a single day
    /// counts); missing bounds are unbounded.
    pub fn overlaps(&self, other: &Edtf) -> bool {
        le_unbounded(self.earliest(), other.latest())
            && le_unbounded(other.earliest(), self.latest())
    }

    /// `self`'s range lies within `other`'s range (bounds may coincide);
    /// missing bounds are unbounded, so an unbounded `self` is only during an
    /// `other` that is unbounded on the same side.
    pub fn during(&self, other: &Edtf) -> bool {
        let start_ok = match (other.earliest(), self.earliest()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(o), Some(s)) => o <= s,
        };
        let end_ok = match (self.latest(), other.latest()) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(s), Some(o)) => s <= o,
        };
        start_ok && end_ok
    }
}

/// Orders by earliest day (unbounded first), then latest day (unbounded
/// last), then normalized string; consistent with `Eq`.
impl Ord for Edtf {
    fn cmp(&self, other: &Edtf) -> Ordering {
        let latest_key = |e: &Edtf| (e.latest().is_none(), e.latest());
        self.earliest()
            .cmp(&other.earliest())
            .then_with(|| latest_key(self).cmp(&latest_key(other)))
            .then_with(|| {
                if self == other {
                    Ordering::Equal
                } else {
                    self.to_string().cmp(&other.to_string())
                }
            })
    }
}

impl PartialOrd for Edtf {
    fn partial_cmp(&self, other: &Edtf) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testgen::edtf;
    use super::super::Edtf;
    use proptest::prelude::*;
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};

    fn e(s: &str) -> Edtf {
        Edtf::parse(s).unwrap()
    }

    #[test]
    fn before_and_after() {
        assert!(e("1931").certainly_before(&e("1932")));
        assert!(!e("1931").certainly_before(&e("1931-12")));
        assert!(e("1931").possibly_before(&e("1931-12")));
        assert!(!e("1932").possibly_before(&e("1931")));
        assert!(!e("1931-12-31").possibly_before(&e("1931-12-31")));
        assert!(e("1932").certainly_after(&e("1931")));
        assert!(e("1931-12").possibly_after(&e("1931")));
        assert!(!e("1931").possibly_after(&e("1932")));
        // Open and unknown ends are never certain, always possible.
        assert!(!e("1931/..").certainly_before(&e("1940")));
        assert!(!e("1931/").certainly_before(&e("1940")));
        assert!(!e("1920").certainly_before(&e("../1940")));
        assert!(e("1920").certainly_before(&e("1931/..")));
        assert!(e("1950").possibly_before(&e("1940/..")));
        assert!(!e("1950").possibly_before(&e("../1940")));
        assert!(e("/1950").possibly_before(&e("1940")));
        assert!(e("[..1700]").possibly_before(&e("1600")));
        // Sets use the members' extreme bounds.
        assert!(e("[1667,1668]").certainly_before(&e("1669")));
        assert!(!e("[1667,1670]").certainly_before(&e("1669")));
    }

    #[test]
    fn overlaps_and_during() {
        assert!(e("1931").overlaps(&e("1931-06")));
        assert!(e("1931-09/1931-12").overlaps(&e("1931-12-31/1932")));
        assert!(!e("1931").overlaps(&e("1932")));
        assert!(e("1931/..").overlaps(&e("2000")));
        assert!(e("../1931").overlaps(&e("1900")));
        assert!(!e("../1931").overlaps(&e("1932")));
        assert!(e("1931-06").during(&e("1931")));
        assert!(e("1931").during(&e("1931")));
        assert!(!e("1931").during(&e("1931-06")));
        assert!(e("1931-06").during(&e("1930/..")));
        assert!(!e("1930/..").during(&e("1931")));
        assert!(e("1931/..").during(&e("1930/")));
        assert!(e("1931-24").during(&e("1931/1932-02")));
        assert!(!e("1931-24").during(&e("1931")));
    }

    #[test]
    fn ordering() {
        let mut v: Vec<Edtf> = [
            "1932", "1931-06", "../1931", "1931", "1931/..", "1931?", "1931~",
        ]
        .iter()
        .map(|s| e(s))
        .collect();
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(
            s,
            ["../1931", "1931", "1931?", "1931~", "1931/..", "1931-06", "1932"]
        );
        assert_eq!(e("1931").cmp(&e(" 1931")), std::cmp::Ordering::Equal);
    }

    fn hash(e: &Edtf) -> u64 {
        let mut h = DefaultHasher::new();
        e.hash(&mut h);
        h.finish()
    }

    proptest! {
        #[test]
        fn ord_follows_bounds(a in edtf(), b in edtf()) {
            if a.earliest() < b.earliest() {
                prop_assert!(a < b);
            }
            if a.earliest() == b.earliest() && a.latest().is_some() && b.latest().is_none() {
                prop_assert!(a < b);
            }
        }

        #[test]
        fn ord_is_antisymmetric_and_consistent_with_eq(a in edtf(), b in edtf()) {
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            prop_assert_eq!(a.cmp(&b) == std::cmp::Ordering::Equal, a == b);
            prop_assert_eq!(a == b, a.to_string() == b.to_string());
            if a == b {
                prop_assert_eq!(hash(&a), hash(&b));
            }
            let a2 = Edtf::parse(&a.to_string()).unwrap();
            prop_assert_eq!(hash(&a), hash(&a2));
        }

        #[test]
        fn ord_is_transitive(a in edtf(), b in edtf(), c in edtf()) {
            let perms = [(&a, &b, &c), (&a, &c, &b), (&b, &a, &c), (&b, &c, &a), (&c, &a, &b), (&c, &b, &a)];
            for (x, y, z) in perms {
                if x <= y && y <= z {
                    prop_assert!(x <= z);
                }
                if x < y && y < z {
                    prop_assert!(x < z);
                }
            }
        }

        #[test]
        fn relations_are_coherent(a in edtf(), b in edtf()) {
            if a.certainly_before(&b) {
                prop_assert!(a.possibly_before(&b));
                prop_assert!(!a.overlaps(&b));
                prop_assert!(b.certainly_after(&a));
            }
            if a.certainly_after(&b) {
                prop_assert!(a.possibly_after(&b));
            }
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
            prop_assert!(a.overlaps(&a) && a.during(&a));
            if a.during(&b) {
                prop_assert!(a.overlaps(&b));
            }
            if let (Some(lo), Some(hi)) = (a.earliest(), a.latest()) {
                prop_assert!(lo <= hi);
            }
        }
    }
}
