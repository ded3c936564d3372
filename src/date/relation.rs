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
                    by_text(self, other)
                }
            })
    }
}

/// Orders two values by their normalized strings, written into buffers on
/// the stack rather than made for each side of each comparison (a sort of
/// dates that share their bounds, `1937` against `1937%`, reaches this for
/// many pairs). A string too long for the buffer is made as before.
fn by_text(a: &Edtf, b: &Edtf) -> Ordering {
    use std::fmt::Write;
    let (mut x, mut y) = (Text::default(), Text::default());
    if write!(x, "{a}").is_ok() && write!(y, "{b}").is_ok() {
        return x.bytes().cmp(y.bytes());
    }
    a.to_string().cmp(&b.to_string())
}

/// A string written into a fixed buffer; writing past its end fails.
struct Text {
    buf: [u8; 64],
    len: usize,
}

impl Default for Text {
    fn default() -> Text {
        Text {
            buf: [0; 64],
            len: 0,
        }
    }
}

impl Text {
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::fmt::Write for Text {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let room = self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
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

    /// Values with the same bounds are ordered by their normalized text,
    /// written on the stack; text longer than the buffer is refused by it
    /// (and compared as strings made for it).
    #[test]
    fn same_bounds_order_by_text() {
        let groups = [
            vec!["1937", "1937%", "1937?", "1937~", "1937-01/1937-12"],
            vec!["1931-11", "1931-11?", "1931-11-01/1931-11-30", "1931-11~"],
        ];
        for group in groups {
            for a in &group {
                for b in &group {
                    let (x, y) = (e(a), e(b));
                    assert_eq!(x.earliest(), y.earliest(), "{a} {b}");
                    assert_eq!(x.latest(), y.latest(), "{a} {b}");
                    assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()), "{a} {b}");
                }
            }
        }
        use std::fmt::Write;
        let mut t = super::Text::default();
        assert!(write!(t, "{}", "x".repeat(64)).is_ok());
        assert!(write!(t, "y").is_err());
        assert_eq!(t.bytes(), "x".repeat(64).as_bytes());
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
        fn ties_of_bounds_are_ordered_by_text(a in edtf(), b in edtf()) {
            if a.earliest() == b.earliest() && a.latest() == b.latest() {
                prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
            }
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
