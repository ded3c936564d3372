//! Proleptic Gregorian calendar arithmetic: leap years, month lengths and
//! conversion between (year, month, day) and a day count since 1970-01-01.

use std::fmt;

/// A day in the proleptic Gregorian calendar, stored as days since
/// 1970-01-01 (astronomical year numbering: year 0 is 1 BC).
///
/// Displays as ISO 8601: `1931-11-01`; years below zero as `-0100-01-01`,
/// years above 9999 with an explicit sign, `+12345-01-01`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i64);

/// Is `year` a Gregorian leap year?
pub(crate) fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Number of days in `month` (1..=12) of `year`; 0 for an invalid month.
pub(crate) fn month_length(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Day {
    /// The day `y-m-d`, or `None` if the month or day is invalid or the day
    /// count does not fit in an `i64`.
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Day> {
        if d == 0 || d > month_length(y, m) {
            return None;
        }
        // Howard Hinnant's days_from_civil: in i64 for every year a source
        // can name (no overflow below 10^12), else in i128.
        if y.unsigned_abs() < 1_000_000_000_000 {
            let (m, d) = (i64::from(m), i64::from(d));
            let y = y - i64::from(m <= 2);
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            return Some(Day(era * 146_097 + doe - 719_468));
        }
        let (m, d) = (i128::from(m), i128::from(d));
        let y = i128::from(y) - i128::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        i64::try_from(era * 146_097 + doe - 719_468).ok().map(Day)
    }

    /// The (year, month, day) of this day.
    pub fn ymd(self) -> (i64, u32, u32) {
        // In 64-bit arithmetic (several times faster than 128-bit); only
        // the shift of the last 719,468 days before i64::MAX overflows it,
        // and only the era needs the wider type then.
        let (era, doe) = match self.0.checked_add(719_468) {
            Some(z) => (z.div_euclid(146_097), z.rem_euclid(146_097)),
            None => {
                let z = i128::from(self.0) + 719_468;
                (z.div_euclid(146_097) as i64, z.rem_euclid(146_097) as i64)
            }
        };
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        // |era| <= 2^63 / 146,097, so era * 400 fits.
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        self.0
    }

    /// The day `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Day {
        Day(days)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        if y > 9999 {
            write!(f, "+{y}-{m:02}-{d:02}")
        } else if y < 0 {
            write!(f, "-{:04}-{m:02}-{d:02}", y.unsigned_abs())
        } else {
            write!(f, "{y:04}-{m:02}-{d:02}")
        }
    }
}

impl fmt::Debug for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Day({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(Day::from_ymd(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Day::from_ymd(1969, 12, 31).unwrap().days(), -1);
        assert_eq!(Day::from_ymd(2000, 3, 1).unwrap().days(), 11_017);
        assert_eq!(Day::from_ymd(0, 1, 1).unwrap().days(), -719_528);
        assert_eq!(Day::from_days(0).ymd(), (1970, 1, 1));
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2000) && is_leap(1932) && is_leap(0) && is_leap(-4));
        assert!(!is_leap(1900) && !is_leap(1931) && !is_leap(-1) && !is_leap(-100));
        assert_eq!(month_length(1900, 2), 28);
        assert_eq!(month_length(2000, 2), 29);
        assert_eq!(month_length(1931, 4), 30);
        assert_eq!(month_length(1931, 13), 0);
    }

    #[test]
    fn invalid_dates() {
        assert_eq!(Day::from_ymd(1900, 2, 29), None);
        assert_eq!(Day::from_ymd(1931, 4, 31), None);
        assert_eq!(Day::from_ymd(1931, 0, 1), None);
        assert_eq!(Day::from_ymd(1931, 1, 0), None);
        assert_eq!(Day::from_ymd(i64::MAX, 12, 31), None);
        assert_eq!(Day::from_ymd(i64::MIN, 1, 1), None);
    }

    #[test]
    fn display() {
        assert_eq!(
            Day::from_ymd(1931, 11, 1).unwrap().to_string(),
            "1931-11-01"
        );
        assert_eq!(
            Day::from_ymd(-100, 1, 1).unwrap().to_string(),
            "-0100-01-01"
        );
        assert_eq!(
            Day::from_ymd(12345, 1, 1).unwrap().to_string(),
            "+12345-01-01"
        );
        assert_eq!(Day::from_ymd(7, 2, 3).unwrap().to_string(), "0007-02-03");
        assert_eq!(
            format!("{:?}", Day::from_ymd(1931, 11, 1).unwrap()),
            "Day(1931-11-01)"
        );
    }

    #[test]
    fn extreme_days_do_not_panic() {
        for days in [i64::MIN, i64::MAX, i64::MIN + 1, i64::MAX - 1] {
            let day = Day::from_days(days);
            let (y, m, d) = day.ymd();
            assert_eq!(Day::from_ymd(y, m, d), Some(day));
            let _ = day.to_string();
        }
    }

    #[test]
    fn days_around_two_to_the_fortieth_roundtrip() {
        for days in [(1i64 << 40) - 1, 1 << 40, -(1 << 40) + 1, -(1 << 40)] {
            for days in [days - 1, days, days + 1] {
                let (y, m, d) = Day::from_days(days).ymd();
                assert_eq!(Day::from_ymd(y, m, d), Some(Day::from_days(days)), "{days}");
            }
        }
    }

    proptest! {
        #[test]
        fn days_roundtrip(days in -10_000_000_000_000i64..10_000_000_000_000) {
            let day = Day::from_days(days);
            let (y, m, d) = day.ymd();
            prop_assert!((1..=12).contains(&m));
            prop_assert!(d >= 1 && d <= month_length(y, m));
            prop_assert_eq!(Day::from_ymd(y, m, d), Some(day));
        }

        #[test]
        fn consecutive_days(days in -1_000_000_000i64..1_000_000_000) {
            let (y, m, d) = Day::from_days(days).ymd();
            let (y2, m2, d2) = Day::from_days(days + 1).ymd();
            if d < month_length(y, m) {
                prop_assert_eq!((y2, m2, d2), (y, m, d + 1));
            } else if m < 12 {
                prop_assert_eq!((y2, m2, d2), (y, m + 1, 1));
            } else {
                prop_assert_eq!((y2, m2, d2), (y + 1, 1, 1));
            }
        }
    }
}
