//! The columns of a timeline: a period length chosen from the span of the
//! dates (months for a few years, years for decades, decades beyond),
//! periods numbered so that consecutive periods are consecutive integers,
//! and runs of empty periods folded into one gap column.

use crate::date::{Day, Edtf};

/// The length of one timeline column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// A decade (1930–1939).
    Decade,
}

/// Spans up to this many months get month columns.
const MONTHS_UP_TO: i64 = 36;
/// Spans up to this many years get year columns.
const YEARS_UP_TO: i64 = 60;

impl Unit {
    /// The unit for dates whose earliest days run from `first` to `last`.
    pub fn for_span(first: Day, last: Day) -> Unit {
        let months = Unit::Month.period(last) - Unit::Month.period(first);
        let years = Unit::Year.period(last) - Unit::Year.period(first);
        if months <= MONTHS_UP_TO {
            Unit::Month
        } else if years <= YEARS_UP_TO {
            Unit::Year
        } else {
            Unit::Decade
        }
    }

    /// The number of the period holding `day`.
    pub fn period(self, day: Day) -> i64 {
        let (y, m, _) = day.ymd();
        match self {
            Unit::Month => y * 12 + i64::from(m) - 1,
            Unit::Year => y,
            Unit::Decade => y.div_euclid(10),
        }
    }

    /// The axis label of period `p` (`1931-09`, `1931`, `1930s`).
    pub fn label(self, p: i64) -> String {
        match self {
            Unit::Month => format!("{}-{:02}", p.div_euclid(12), p.rem_euclid(12) + 1),
            Unit::Year => p.to_string(),
            Unit::Decade => format!("{}s", p * 10),
        }
    }

    /// Whether `date` may run past the period of its earliest day (an open
    /// or unknown end counts as running past).
    pub fn spills(self, date: &Edtf) -> bool {
        match (date.earliest(), date.latest()) {
            (Some(a), Some(b)) => self.period(a) != self.period(b),
            _ => true,
        }
    }
}

/// One column of the axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// A period that holds items (or a lone empty one between them).
    Period(i64),
    /// Two or more empty periods, first and last, folded into one.
    Gap(i64, i64),
}

/// The columns from the first to the last of the (sorted, distinct)
/// `occupied` periods: each period, with runs of two or more empty ones
/// folded into a [`Column::Gap`].
pub fn columns(occupied: &[i64]) -> Vec<Column> {
    let mut out = Vec::new();
    for (i, &p) in occupied.iter().enumerate() {
        if i > 0 {
            let prev = occupied[i - 1];
            match p - prev - 1 {
                0 => {}
                1 => out.push(Column::Period(prev + 1)),
                _ => out.push(Column::Gap(prev + 1, p - 1)),
            }
        }
        out.push(Column::Period(p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Edtf::parse(s).unwrap().earliest().unwrap()
    }

    #[test]
    fn unit_follows_the_span() {
        assert_eq!(Unit::for_span(day("1931-09"), day("1933-02")), Unit::Month);
        assert_eq!(Unit::for_span(day("1931-09"), day("1936")), Unit::Year);
        assert_eq!(Unit::for_span(day("1905"), day("1991")), Unit::Decade);
    }

    #[test]
    fn periods_and_labels() {
        let p = Unit::Month.period(day("1931-09-15"));
        assert_eq!(Unit::Month.label(p), "1931-09");
        assert_eq!(Unit::Month.label(p + 4), "1932-01");
        assert_eq!(
            Unit::Decade.label(Unit::Decade.period(day("1937"))),
            "1930s"
        );
        assert!(Unit::Year.spills(&Edtf::parse("1931-10/1932-02").unwrap()));
        assert!(!Unit::Year.spills(&Edtf::parse("1931-09/1931-12").unwrap()));
        assert!(Unit::Year.spills(&Edtf::parse("1931/..").unwrap()));
    }

    #[test]
    fn empty_runs_fold_into_gaps() {
        assert_eq!(
            columns(&[1931, 1932, 1934, 1938]),
            [
                Column::Period(1931),
                Column::Period(1932),
                Column::Period(1933),
                Column::Period(1934),
                Column::Gap(1935, 1937),
                Column::Period(1938)
            ]
        );
        assert!(columns(&[]).is_empty());
    }
}
