//! Earliest and latest possible days of dates, intervals and sets.
//!
//! Bounds are strict: qualifiers never widen them. Unspecified digits widen
//! them to the earliest and latest valid calendar day matching the pattern
//! (`1985-XX-31` is 1985-01-31..1985-12-31).

use super::day::{month_length, Day};
use super::{Date, Digit, End, Kind, Member, Sub, Year};

/// Does the number `value` match the digit pattern (most significant first)?
pub(crate) fn matches(pattern: &[Digit], mut value: u32) -> bool {
    for digit in pattern.iter().rev() {
        if let Some(d) = digit {
            if u32::from(*d) != value % 10 {
                return false;
            }
        }
        value /= 10;
    }
    value == 0
}

/// The value of a digit pattern with no unspecified digit.
fn exact(pattern: &[Digit]) -> Option<u32> {
    pattern
        .iter()
        .try_fold(0u32, |v, d| d.map(|d| v * 10 + u32::from(d)))
}

/// The number of years a year component stands for (10^number of `X`).
fn year_count(year: &Year) -> u32 {
    match year {
        Year::Short { digits, .. } => {
            10u32.pow(digits.iter().filter(|d| d.is_none()).count() as u32)
        }
        Year::Long(_) => 1,
    }
}

/// The `i`-th year (ascending, `i < year_count`) a year component stands for.
fn year_at(year: &Year, i: u32) -> i64 {
    match *year {
        Year::Long(v) => v,
        Year::Short { negative, digits } => {
            let count = year_count(year);
            // Negative years ascend as their absolute value descends.
            let mut fill = if negative { count - 1 - i } else { i };
            let mut value = 0i64;
            let mut scale = 1i64;
            for digit in digits.iter().rev() {
                let d = match digit {
                    Some(d) => i64::from(*d),
                    None => {
                        let d = i64::from(fill % 10);
                        fill /= 10;
                        d
                    }
                };
                value += d * scale;
                scale *= 10;
            }
            if negative {
                -value
            } else {
                value
            }
        }
    }
}

/// First and last day of year `y`'s month-level component with the given day
/// pattern, searching months (and days) ascending or descending.
fn day_in_year(y: i64, month: &Option<Sub>, day: &Option<[Digit; 2]>, last: bool) -> Option<Day> {
    // 1..=n ascending, or descending for the last day (no allocation:
    // this runs for every date decoded).
    let order = |range: std::ops::RangeInclusive<u32>| {
        let (lo, hi) = (*range.start(), *range.end());
        (0..=hi.saturating_sub(lo)).map(move |i| if last { hi - i } else { lo + i })
    };
    match (month, day) {
        (None, _) => {
            if last {
                Day::from_ymd(y, 12, 31)
            } else {
                Day::from_ymd(y, 1, 1)
            }
        }
        (Some(Sub::Season(s)), _) => {
            let start = 3 * (u32::from(*s) - 20);
            if !last {
                Day::from_ymd(y, start, 1)
            } else if *s == 24 {
                Day::from_ymd(y + 1, 2, month_length(y + 1, 2))
            } else {
                Day::from_ymd(y, start + 2, month_length(y, start + 2))
            }
        }
        // Most dates name their month and day: no search.
        (Some(Sub::Month(mp)), None) if exact(mp).is_some() => {
            let m = exact(mp)?;
            Day::from_ymd(y, m, if last { month_length(y, m) } else { 1 })
        }
        (Some(Sub::Month(mp)), Some(dp)) if exact(mp).is_some() && exact(dp).is_some() => {
            Day::from_ymd(y, exact(mp)?, exact(dp)?)
        }
        (Some(Sub::Month(mp)), None) => {
            let m = order(1..=12).find(|m| matches(mp, *m))?;
            Day::from_ymd(y, m, if last { month_length(y, m) } else { 1 })
        }
        (Some(Sub::Month(mp)), Some(dp)) => {
            for m in order(1..=12).filter(|m| matches(mp, *m)) {
                let len = month_length(y, m);
                if let Some(d) = order(1..=len).find(|d| matches(dp, *d)) {
                    return Day::from_ymd(y, m, d);
                }
            }
            None
        }
    }
}

/// Earliest and latest day of a date, or `None` if no valid calendar day
/// matches it (e.g. `1900-02-29`).
pub(crate) fn date_bounds(date: &Date) -> Option<(Day, Day)> {
    let count = year_count(&date.year);
    let earliest = (0..count)
        .find_map(|i| day_in_year(year_at(&date.year, i), &date.month, &date.day, false))?;
    let latest = (0..count)
        .rev()
        .find_map(|i| day_in_year(year_at(&date.year, i), &date.month, &date.day, true))?;
    Some((earliest, latest))
}

/// Earliest and latest day of any EDTF shape; `None` for open or unknown.
pub(crate) fn kind_bounds(kind: &Kind) -> (Option<Day>, Option<Day>) {
    let lo = |d: &Option<&Date>| d.and_then(date_bounds).map(|b| b.0);
    let hi = |d: &Option<&Date>| d.and_then(date_bounds).map(|b| b.1);
    match kind {
        Kind::Single(d) => date_bounds(d).map_or((None, None), |(a, b)| (Some(a), Some(b))),
        Kind::Interval(a, b) => (lo(&end_date(a)), hi(&end_date(b))),
        Kind::Set(_, members) => {
            let ranges: Vec<(Option<Day>, Option<Day>)> = members
                .iter()
                .map(|m| match m {
                    Member::Date(d) => (lo(&Some(d)), hi(&Some(d))),
                    Member::Range(a, b) => (lo(&a.as_ref()), hi(&b.as_ref())),
                })
                .collect();
            let earliest = ranges
                .iter()
                .map(|r| r.0)
                .collect::<Option<Vec<Day>>>()
                .and_then(|v| v.into_iter().min());
            let latest = ranges
                .iter()
                .map(|r| r.1)
                .collect::<Option<Vec<Day>>>()
                .and_then(|v| v.into_iter().max());
            (earliest, latest)
        }
    }
}

/// The date of an interval end, if it has one.
pub(crate) fn end_date(end: &End) -> Option<&Date> {
    match end {
        End::Date(d) => Some(d),
        End::Open | End::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Edtf;
    use super::*;

    /// The search over months and days that exact patterns skip.
    fn searched(y: i64, mp: &[Digit; 2], dp: Option<&[Digit; 2]>, last: bool) -> Option<Day> {
        let mut months: Vec<u32> = (1..=12).filter(|m| matches(mp, *m)).collect();
        if last {
            months.reverse();
        }
        for m in months {
            let len = month_length(y, m);
            let Some(dp) = dp else {
                return Day::from_ymd(y, m, if last { len } else { 1 });
            };
            let mut days: Vec<u32> = (1..=len).filter(|d| matches(dp, *d)).collect();
            if last {
                days.reverse();
            }
            if let Some(d) = days.first() {
                return Day::from_ymd(y, m, *d);
            }
        }
        None
    }

    #[test]
    fn exact_months_and_days_agree_with_the_search() {
        let digits = |v: u32| [Some((v / 10) as u8), Some((v % 10) as u8)];
        for y in [1900, 1932, 1937, 2000] {
            for m in 0..=19 {
                let mp = digits(m);
                for last in [false, true] {
                    let month = Some(Sub::Month(mp));
                    assert_eq!(
                        day_in_year(y, &month, &None, last),
                        searched(y, &mp, None, last)
                    );
                    for d in 0..=39 {
                        let dp = digits(d);
                        assert_eq!(
                            day_in_year(y, &month, &Some(dp), last),
                            searched(y, &mp, Some(&dp), last),
                            "{y}-{m:02}-{d:02} last={last}"
                        );
                    }
                }
            }
        }
    }

    fn bounds(s: &str) -> (Option<String>, Option<String>) {
        let e = Edtf::parse(s).unwrap_or_else(|err| panic!("{s}: {err}"));
        (
            e.earliest().map(|d| d.to_string()),
            e.latest().map(|d| d.to_string()),
        )
    }

    fn check(s: &str, lo: &str, hi: &str) {
        let lo = (!lo.is_empty()).then(|| lo.to_string());
        let hi = (!hi.is_empty()).then(|| hi.to_string());
        assert_eq!(bounds(s), (lo, hi), "bounds of {s}");
    }

    #[test]
    fn pattern_matching() {
        assert!(matches(&[Some(1), None], 12));
        assert!(!matches(&[Some(1), None], 2));
        assert!(matches(&[None, None], 7));
        assert!(!matches(&[None, None], 100));
    }

    #[test]
    fn plain_dates() {
        check("1931", "1931-01-01", "1931-12-31");
        check("1931-11", "1931-11-01", "1931-11-30");
        check("1931-02", "1931-02-01", "1931-02-28");
        check("1932-02", "1932-02-01", "1932-02-29");
        check("1931-11-07", "1931-11-07", "1931-11-07");
        check("-0100", "-0100-01-01", "-0100-12-31");
        check("Y170000002", "+170000002-01-01", "+170000002-12-31");
        check("Y-170000002", "-170000002-01-01", "-170000002-12-31");
        check("1985-04-12T23:20:30Z", "1985-04-12", "1985-04-12");
    }

    #[test]
    fn qualifiers_do_not_widen() {
        check("1931?", "1931-01-01", "1931-12-31");
        check("1931-11~", "1931-11-01", "1931-11-30");
        check("1931%", "1931-01-01", "1931-12-31");
        check("?2004-06~-11", "2004-06-11", "2004-06-11");
    }

    #[test]
    fn unspecified_digits() {
        check("193X", "1930-01-01", "1939-12-31");
        check("19XX", "1900-01-01", "1999-12-31");
        check("XXXX", "0000-01-01", "9999-12-31");
        check("1931-XX", "1931-01-01", "1931-12-31");
        check("1931-1X", "1931-10-01", "1931-12-31");
        check("1931-0X", "1931-01-01", "1931-09-30");
        check("1931-1X-XX", "1931-10-01", "1931-12-31");
        check("1931-11-XX", "1931-11-01", "1931-11-30");
        check("1985-XX-31", "1985-01-31", "1985-12-31");
        check("193X-02-29", "1932-02-29", "1936-02-29");
        check("1931-02-2X", "1931-02-20", "1931-02-28");
        check("XXXX-12-XX", "0000-12-01", "9999-12-31");
        check("-019X", "-0199-01-01", "-0190-12-31");
        check("-0XXX", "-0999-01-01", "0000-12-31");
    }

    #[test]
    fn seasons() {
        check("1931-21", "1931-03-01", "1931-05-31");
        check("1931-22", "1931-06-01", "1931-08-31");
        check("1931-23", "1931-09-01", "1931-11-30");
        check("1931-24", "1931-12-01", "1932-02-29");
        check("1930-24", "1930-12-01", "1931-02-28");
        check("1899-24", "1899-12-01", "1900-02-28");
        check("199X-24", "1990-12-01", "2000-02-29");
    }

    #[test]
    fn intervals() {
        check("1931-09/1931-12", "1931-09-01", "1931-12-31");
        check("1936?/1938-03~", "1936-01-01", "1938-03-31");
        check("1931/..", "1931-01-01", "");
        check("../1931", "", "1931-12-31");
        check("1931/", "1931-01-01", "");
        check("/1933", "", "1933-12-31");
    }

    #[test]
    fn sets() {
        check("[1667,1668]", "1667-01-01", "1668-12-31");
        check("{1667,1668}", "1667-01-01", "1668-12-31");
        check("[1668,1667]", "1667-01-01", "1668-12-31");
        check("[1667,1668,1670..1672]", "1667-01-01", "1672-12-31");
        check("[..1760-12-03]", "", "1760-12-03");
        check("[1760-12..]", "1760-12-01", "");
        check("{1960,1961-12}", "1960-01-01", "1961-12-31");
        check("[..1700,1760-12..]", "", "");
        check("[1666-09..1666-11]", "1666-09-01", "1666-11-30");
    }
}
