//! Archival dates for the synthetic archive: a day counter over 1925–1960
//! and its EDTF renderings of mixed precision and qualifiers.

use super::rng::Rng;

/// First year of the archive.
pub const FIRST_YEAR: i32 = 1925;
/// Last year of the archive.
pub const LAST_YEAR: i32 = 1960;

/// A day as a month count (year × 12 + month − 1) plus a day of the month
/// (1–28, so every month has it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Year × 12 + month − 1.
    pub month: i32,
    /// Day of the month, 1–28.
    pub day: i32,
}

impl Day {
    /// A random day of a year range.
    pub fn random(rng: &mut Rng, from_year: i32, to_year: i32) -> Day {
        let lo = from_year * 12;
        let hi = to_year * 12 + 11;
        Day {
            month: rng.range(lo as u64, hi as u64) as i32,
            day: rng.range(1, 28) as i32,
        }
    }

    /// This day plus `months` months (capped at the end of the archive).
    pub fn plus_months(self, months: i32) -> Day {
        Day {
            month: (self.month + months).min(LAST_YEAR * 12 + 11),
            day: self.day,
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.month / 12
    }

    fn month_of_year(self) -> i32 {
        self.month % 12 + 1
    }

    /// `YYYY-MM-DD`.
    pub fn full(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month_of_year(),
            self.day
        )
    }

    /// `YYYY-MM`.
    pub fn month_text(self) -> String {
        format!("{:04}-{:02}", self.year(), self.month_of_year())
    }
}

/// An EDTF rendering of a day as an archive might record it: mostly exact
/// days, else months or years, sometimes approximate or uncertain, rarely a
/// season, a decade or an interval around it. The rendering always
/// contains the day (its bounds hold it).
pub fn edtf(rng: &mut Rng, d: Day) -> String {
    let roll = rng.range(0, 99);
    match roll {
        0..=49 => d.full(),
        50..=64 => d.month_text(),
        65..=72 => d.year().to_string(),
        73..=78 => format!("{}~", d.full()),
        79..=83 => format!("{}?", d.month_text()),
        84..=87 => format!("{}%", d.year()),
        88..=91 => {
            let m = d.month_of_year();
            // Meteorological seasons; December belongs to the next year's winter.
            let (year, season) = match m {
                3..=5 => (d.year(), 21),
                6..=8 => (d.year(), 22),
                9..=11 => (d.year(), 23),
                12 => (d.year(), 24),
                _ => (d.year() - 1, 24),
            };
            if year < FIRST_YEAR {
                d.month_text()
            } else {
                format!("{year}-{season}")
            }
        }
        92..=93 => format!("{}X", d.year() / 10),
        _ => {
            let before = Day {
                month: (d.month - rng.range(0, 3) as i32).max(FIRST_YEAR * 12),
                day: 1,
            };
            let after = d.plus_months(rng.range(0, 3) as i32);
            format!("{}/{}", before.month_text(), after.month_text())
        }
    }
}

/// An interval for a membership: start and end months, sometimes open.
pub fn interval(rng: &mut Rng, start: Day, months: i32) -> String {
    let end = start.plus_months(months);
    if rng.chance(0.1) {
        format!("{}/..", start.month_text())
    } else if rng.chance(0.1) {
        format!("{}/{}", start.year(), end.year())
    } else {
        format!("{}/{}", start.month_text(), end.month_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rendering_parses_and_holds_the_day() {
        let mut rng = Rng::new(11);
        for _ in 0..2000 {
            let d = Day::random(&mut rng, 1926, 1959);
            let text = edtf(&mut rng, d);
            let parsed = crate::date::Edtf::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let day = crate::date::Edtf::parse(&d.full()).unwrap();
            assert!(parsed.earliest() <= day.earliest(), "{text}");
            assert!(parsed.latest() >= day.latest(), "{text}");
            let iv = interval(&mut rng, d, 30);
            crate::date::Edtf::parse(&iv).unwrap_or_else(|e| panic!("{iv}: {e}"));
        }
    }
}
