//! EDTF dates (Extended Date/Time Format, ISO 8601-2) for prosopographical records.
//!
//! [`Edtf::parse`] accepts all of EDTF level 0 and level 1, plus the level-2
//! features that archival catalogues actually use:
//!
//! * calendar dates `1931`, `1931-11`, `1931-11-07`; negative years `-0100`;
//!   long years with the `Y` prefix `Y170000002`, `Y-170000002`;
//! * level-0 date-times `1985-04-12T23:20:30`, `…Z`, `…+04:00`, `…-04`
//!   (the time is kept for display, bounds are by day);
//! * qualifiers `1931?`, `1931-11~`, `1931%`, and level-2 component
//!   qualification (`2004-?06-11`, `?2004-06~-11`);
//! * unspecified digits `193X`, `1931-XX`, `19XX`, `1931-1X-XX`, `XXXX-12-XX`;
//! * seasons `1931-21` … `1931-24`;
//! * intervals `1931-09/1931-12`, `1936?/1938-03~`, open ends `1931/..`,
//!   `../1931`, unknown ends `1931/`, `/1933`;
//! * sets `[1667,1668]` (one of) and `{1667,1668}` (all of), with ranges and
//!   open ends: `[1667,1668,1670..1672]`, `[..1760-12-03]`, `[1760-12..]`.
//!
//! Not supported (each gives a clear [`DateError`]): sub-year groupings
//! 25–41, exponential years (`Y17E7`), significant digits (`1950S2`),
//! times in intervals or sets, fractional seconds.
//!
//! Every date has strict bounds ([`Edtf::earliest`], [`Edtf::latest`]):
//! qualifiers mark a date but never widen its bounds. Seasons are northern
//! meteorological seasons (21 = Mar–May, 22 = Jun–Aug, 23 = Sep–Nov,
//! 24 = 1 Dec to the end of February of the following year). Open (`..`)
//! and unknown (empty) interval ends have no bound (`None`).
//!
//! Years use astronomical numbering in the proleptic Gregorian calendar
//! (`0000` is 1 BC, `-0001` is 2 BC). The absolute value of a year is at
//! most [`MAX_YEAR`].
//!
//! Error columns are **1-based character columns** in the original input
//! (leading whitespace included).

mod bounds;
mod day;
mod display;
mod error;
mod memo;
mod parse;
mod relation;
mod serde_impl;
#[cfg(test)]
mod testgen;
#[cfg(test)]
mod tests_spener;

pub use day::Day;
pub use error::DateError;

/// The largest absolute year an EDTF date may have (15 digits).
pub const MAX_YEAR: i64 = 999_999_999_999_999;

/// A parsed, validated EDTF date, interval or set.
///
/// Equality and hashing are structural (two values are equal exactly when
/// their normalized [`Display`](std::fmt::Display) strings are equal).
/// Ordering is by earliest day (unbounded first), then latest day
/// (unbounded last), then by the normalized string.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Edtf {
    kind: Kind,
    earliest: Option<Day>,
    latest: Option<Day>,
}

/// The shape of an EDTF value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// A single (possibly qualified or partially unspecified) date.
    Single(Date),
    /// `start/end`.
    Interval(End, End),
    /// `[a,b]` (one of) or `{a,b}` (all of).
    Set(SetKind, Vec<Member>),
}

/// One end of an interval.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum End {
    Date(Date),
    /// `..`
    Open,
    /// empty
    Unknown,
}

/// `[..]` or `{..}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum SetKind {
    OneOf,
    AllOf,
}

/// A member of a set.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Member {
    Date(Date),
    /// `a..b`, `..b` (start `None`) or `a..` (end `None`); never both `None`.
    Range(Option<Date>, Option<Date>),
}

/// A decimal digit, `None` for an unspecified digit `X`.
pub(crate) type Digit = Option<u8>;

/// A calendar date with per-component qualification.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Date {
    pub(crate) year: Year,
    pub(crate) month: Option<Sub>,
    /// Only present when `month` is a `Sub::Month`.
    pub(crate) day: Option<[Digit; 2]>,
    /// Qualification of year, month, day (absent components are unqualified).
    pub(crate) qual: [Qual; 3],
    /// Only on fully specified, unqualified days outside intervals and sets.
    pub(crate) time: Option<Time>,
}

/// The year component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Year {
    /// Four digits with optional sign; `-0000` is never stored.
    Short { negative: bool, digits: [Digit; 4] },
    /// A year with absolute value above 9999 (written with the `Y` prefix).
    Long(i64),
}

/// The month-level component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Sub {
    /// Month digits; at least one month 1..=12 matches.
    Month([Digit; 2]),
    /// Season 21..=24.
    Season(u8),
}

/// Qualification of one component.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Qual {
    pub(crate) uncertain: bool,
    pub(crate) approximate: bool,
}

impl Qual {
    pub(crate) fn merge(&mut self, other: Qual) {
        self.uncertain |= other.uncertain;
        self.approximate |= other.approximate;
    }
}

/// A level-0 time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Time {
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
    pub(crate) offset: Option<Offset>,
}

/// A time-zone designator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Offset {
    /// `Z`
    Utc,
    /// `±hh:mm`, in minutes east of UTC.
    Minutes(i16),
}

impl Edtf {
    /// Parses an EDTF string (surrounding whitespace is ignored).
    ///
    /// Errors carry a message and a 1-based character column.
    pub fn parse(input: &str) -> Result<Edtf, DateError> {
        parse::parse(input)
    }

    /// The exact day `d` (what `Edtf::parse(&d.to_string())` gives, without
    /// the round trip through text); `None` beyond four-digit years, which
    /// EDTF writes without month and day.
    pub fn from_day(d: Day) -> Option<Edtf> {
        let (y, m, dd) = d.ymd();
        if y.abs() > 9999 {
            return None;
        }
        let abs = y.unsigned_abs();
        let year = Year::Short {
            negative: y < 0,
            digits: [abs / 1000, abs / 100 % 10, abs / 10 % 10, abs % 10].map(|x| Some(x as u8)),
        };
        let two = |v: u32| [Some((v / 10) as u8), Some((v % 10) as u8)];
        Some(Edtf {
            kind: Kind::Single(Date {
                year,
                month: Some(Sub::Month(two(m))),
                day: Some(two(dd)),
                qual: Default::default(),
                time: None,
            }),
            earliest: Some(d),
            latest: Some(d),
        })
    }

    /// Builds a value from a validated shape, computing its bounds.
    pub(crate) fn from_kind(kind: Kind) -> Edtf {
        let (earliest, latest) = bounds::kind_bounds(&kind);
        Edtf {
            kind,
            earliest,
            latest,
        }
    }

    /// The earliest possible day, `None` if the start is open or unknown.
    pub fn earliest(&self) -> Option<Day> {
        self.earliest
    }

    /// The latest possible day, `None` if the end is open or unknown.
    pub fn latest(&self) -> Option<Day> {
        self.latest
    }

    /// `true` if any part is approximate (`~` or `%`).
    pub fn approximate(&self) -> bool {
        self.dates().any(|d| d.qual.iter().any(|q| q.approximate))
    }

    /// `true` if any part is uncertain (`?` or `%`).
    pub fn uncertain(&self) -> bool {
        self.dates().any(|d| d.qual.iter().any(|q| q.uncertain))
    }

    /// The year of the earliest day, `None` if the start is unbounded.
    pub fn year(&self) -> Option<i64> {
        self.earliest.map(|d| d.ymd().0)
    }

    /// All dates mentioned in this value.
    fn dates(&self) -> Box<dyn Iterator<Item = &Date> + '_> {
        match &self.kind {
            Kind::Single(d) => Box::new(std::iter::once(d)),
            Kind::Interval(a, b) => Box::new([a, b].into_iter().filter_map(|e| match e {
                End::Date(d) => Some(d),
                _ => None,
            })),
            Kind::Set(_, members) => Box::new(members.iter().flat_map(|m| match m {
                Member::Date(d) => vec![d],
                Member::Range(a, b) => a.iter().chain(b.iter()).collect(),
            })),
        }
    }
}

impl std::fmt::Debug for Edtf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Edtf({self})")
    }
}

impl std::str::FromStr for Edtf {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Edtf, DateError> {
        Edtf::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn e(s: &str) -> Edtf {
        Edtf::parse(s).unwrap()
    }

    proptest! {
        #[test]
        fn a_day_built_directly_is_the_day_parsed(days in -5_000_000i64..5_000_000) {
            let d = Day::from_days(days);
            let built = Edtf::from_day(d);
            let parsed = Edtf::parse(&d.to_string()).ok();
            prop_assert_eq!(&built, &parsed);
            if let Some(b) = built {
                prop_assert_eq!(b.to_string(), d.to_string());
            }
        }
    }

    #[test]
    fn flags() {
        assert!(!e("1931").approximate() && !e("1931").uncertain());
        assert!(e("1931~").approximate() && !e("1931~").uncertain());
        assert!(!e("1931?").approximate() && e("1931?").uncertain());
        assert!(e("1931%").approximate() && e("1931%").uncertain());
        assert!(e("2004-?06-11").uncertain());
        assert!(e("1936?/1938-03~").approximate() && e("1936?/1938-03~").uncertain());
        assert!(e("[1667,1668~..1670]").approximate());
        assert!(e("{..1667?}").uncertain());
    }

    #[test]
    fn year_of_earliest() {
        assert_eq!(e("1931-11").year(), Some(1931));
        assert_eq!(e("193X").year(), Some(1930));
        assert_eq!(e("-0100").year(), Some(-100));
        assert_eq!(e("../1931").year(), None);
        assert_eq!(e("Y-170000002").year(), Some(-170000002));
    }

    #[test]
    fn from_str_and_debug() {
        let d: Edtf = "1931-11~".parse().unwrap();
        assert_eq!(format!("{d:?}"), "Edtf(1931-11~)");
        assert!("1931-13".parse::<Edtf>().is_err());
    }
}
