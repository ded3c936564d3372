//! Normalized EDTF output.
//!
//! The canonical form has no whitespace, prints unspecified digits as `X`,
//! uses the `Y` prefix only for years above 9999 in absolute value, prints
//! time-zone offsets as `Z` or `±hh:mm`, and places qualifiers canonically:
//! for each of `?` and `~`, one qualifier after the longest run of qualified
//! components starting at the year (it applies to everything to its left),
//! and a qualifier before each remaining qualified component; `?` and `~` at
//! the same position are written `%`.

use std::fmt::{self, Display, Formatter, Write};

use super::{Date, Digit, Edtf, End, Kind, Member, Offset, Qual, SetKind, Sub, Time, Year};

/// Writes a digit pattern, `X` for unspecified digits.
pub(crate) fn write_digits(f: &mut impl Write, digits: &[Digit]) -> fmt::Result {
    for d in digits {
        match d {
            Some(d) => f.write_char(char::from(b'0' + d))?,
            None => f.write_char('X')?,
        }
    }
    Ok(())
}

/// A digit pattern as a string (for messages).
pub(crate) fn digits_string(digits: &[Digit]) -> String {
    let mut s = String::new();
    let _ = write_digits(&mut s, digits);
    s
}

impl Display for Year {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Year::Short { negative, digits } => {
                if *negative {
                    f.write_char('-')?;
                }
                write_digits(f, digits)
            }
            Year::Long(v) => write!(f, "Y{v}"),
        }
    }
}

impl Display for Sub {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Sub::Month(digits) => write_digits(f, digits),
            Sub::Season(s) => write!(f, "{s}"),
        }
    }
}

/// The qualifier character for a qualification, if any.
fn qual_char(q: Qual) -> Option<char> {
    match (q.uncertain, q.approximate) {
        (true, true) => Some('%'),
        (true, false) => Some('?'),
        (false, true) => Some('~'),
        (false, false) => None,
    }
}

/// Canonical qualifier placement for `n` components: (left, right) per
/// component.
fn placement(qual: &[Qual; 3], n: usize) -> ([Qual; 3], [Qual; 3]) {
    let mut left = [Qual::default(); 3];
    let mut right = [Qual::default(); 3];
    for uncertain in [true, false] {
        let get = |q: &Qual| {
            if uncertain {
                q.uncertain
            } else {
                q.approximate
            }
        };
        let set = |q: &mut Qual| {
            if uncertain {
                q.uncertain = true
            } else {
                q.approximate = true
            }
        };
        let prefix = qual[..n].iter().take_while(|q| get(q)).count();
        if prefix > 0 {
            set(&mut right[prefix - 1]);
        }
        for (i, q) in qual.iter().enumerate().take(n).skip(prefix) {
            if get(q) {
                set(&mut left[i]);
            }
        }
    }
    (left, right)
}

impl Display for Date {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let n = 1 + usize::from(self.month.is_some()) + usize::from(self.day.is_some());
        let (left, right) = placement(&self.qual, n);
        for i in 0..n {
            if i > 0 {
                f.write_char('-')?;
            }
            if let Some(c) = qual_char(left[i]) {
                f.write_char(c)?;
            }
            match i {
                0 => write!(f, "{}", self.year)?,
                1 => write!(f, "{}", self.month.as_ref().expect("month present"))?,
                _ => write_digits(f, self.day.as_ref().expect("day present"))?,
            }
            if let Some(c) = qual_char(right[i]) {
                f.write_char(c)?;
            }
        }
        if let Some(time) = &self.time {
            write!(f, "{time}")?;
        }
        Ok(())
    }
}

impl Display for Time {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "T{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
        match self.offset {
            None => Ok(()),
            Some(Offset::Utc) => f.write_char('Z'),
            Some(Offset::Minutes(m)) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }
}

impl Display for End {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            End::Date(d) => write!(f, "{d}"),
            End::Open => f.write_str(".."),
            End::Unknown => Ok(()),
        }
    }
}

impl Display for Member {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Member::Date(d) => write!(f, "{d}"),
            Member::Range(a, b) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                Ok(())
            }
        }
    }
}

impl Display for Kind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Single(d) => write!(f, "{d}"),
            Kind::Interval(a, b) => write!(f, "{a}/{b}"),
            Kind::Set(kind, members) => {
                let (open, close) = match kind {
                    SetKind::OneOf => ('[', ']'),
                    SetKind::AllOf => ('{', '}'),
                };
                f.write_char(open)?;
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{m}")?;
                }
                f.write_char(close)
            }
        }
    }
}

/// The normalized EDTF string.
impl Display for Edtf {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testgen::edtf;
    use super::super::Edtf;
    use proptest::prelude::*;

    fn norm(s: &str) -> String {
        Edtf::parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .to_string()
    }

    #[test]
    fn canonical_forms_are_unchanged() {
        for s in [
            "1931",
            "1931-11",
            "1931-11-07",
            "1931?",
            "1931-11~",
            "1931%",
            "193X",
            "1931-XX",
            "19XX",
            "1931-1X-XX",
            "XXXX-12-XX",
            "1931-21",
            "1931-24?",
            "1931-09/1931-12",
            "1936?/1938-03~",
            "1931/..",
            "../1931",
            "1931/",
            "/1933",
            "-0100",
            "-0100-03-01",
            "Y170000002",
            "Y-170000002",
            "1985-04-12T23:20:30",
            "1985-04-12T23:20:30Z",
            "1985-04-12T23:20:30+04:00",
            "1985-04-12T23:20:30-04:30",
            "[1667,1668]",
            "{1667,1668}",
            "[1667,1668,1670..1672]",
            "[..1760-12-03]",
            "[1760-12..]",
            "{1960,1961-12}",
            "2004-?06-11",
            "2004?-06~-11",
            "2004-06-?11",
            "2004~-06-?11",
            "2004-%06",
            "2004-06~-11?",
        ] {
            assert_eq!(norm(s), s);
        }
    }

    #[test]
    fn normalization() {
        assert_eq!(norm(" 1931-11~ "), "1931-11~");
        assert_eq!(norm("\t1931\n"), "1931");
        assert_eq!(norm("[1667, 1668]"), "[1667,1668]");
        assert_eq!(norm("{ 1667 ,1668 }"), "{1667,1668}");
        assert_eq!(norm("Y1931"), "1931");
        assert_eq!(norm("Y-100"), "-0100");
        assert_eq!(norm("Y0012345"), "Y12345");
        assert_eq!(norm("Y-0"), "0000");
        assert_eq!(norm("1985-04-12T23:20:30-04"), "1985-04-12T23:20:30-04:00");
        assert_eq!(
            norm("1985-04-12T23:20:30-00:00"),
            "1985-04-12T23:20:30+00:00"
        );
        // Level-2 qualification folds into the canonical placement.
        assert_eq!(norm("?2004-06~-11"), "2004?-06~-11");
        assert_eq!(norm("?2004?"), "2004?");
        assert_eq!(norm("2004?-06?-11?"), "2004-06-11?");
        assert_eq!(norm("2004%-06?-11~"), "2004-06?-11~");
        assert_eq!(norm("?2004-?06-?11"), "2004-06-11?");
        assert_eq!(norm("2004-~06~"), "2004-06~");
        assert_eq!(norm("?2004-~06"), "2004?-~06");
    }

    proptest! {
        #[test]
        fn display_roundtrips(e in edtf()) {
            let s = e.to_string();
            let back = Edtf::parse(&s).unwrap();
            prop_assert_eq!(&back, &e);
            prop_assert_eq!(back.to_string(), s);
        }
    }
}
