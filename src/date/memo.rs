//! Parsed dates remembered by their text (per thread, bounded): an archive
//! repeats its dates (a year, a month, a day shared by many events), a
//! query repeats its date literals for every row, and parsing one computes
//! its bounds. Parsing is a pure function of the text, so the memo is
//! never stale.

use super::{DateError, Edtf};
use std::cell::RefCell;

/// Most texts remembered per thread (the memo starts over beyond it).
const LIMIT: usize = 1 << 16;

thread_local! {
    static DATES: RefCell<foldhash::HashMap<Box<str>, Edtf>> = RefCell::default();
}

impl Edtf {
    /// [`Edtf::parse`], remembering valid dates by their text.
    pub fn parse_remembered(text: &str) -> Result<Edtf, DateError> {
        if let Some(d) = DATES.with(|m| m.borrow().get(text).cloned()) {
            return Ok(d);
        }
        let d = Edtf::parse(text)?;
        DATES.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= LIMIT {
                m.clear();
            }
            m.insert(text.into(), d.clone());
        });
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_dates_equal_parsed_ones_and_errors_stay_errors() {
        for text in ["1931-11", "1931-11", "1936/1938", "1932?", "[1936,1937]"] {
            assert_eq!(Edtf::parse_remembered(text), Edtf::parse(text));
        }
        for _ in 0..2 {
            assert!(Edtf::parse_remembered("1931-13").is_err());
        }
        for i in 0..(LIMIT + 10) {
            let text = format!("{}-{:02}", 1000 + i / 12 % 8000, i % 12 + 1);
            assert_eq!(Edtf::parse_remembered(&text), Edtf::parse(&text));
        }
        assert!(DATES.with(|m| m.borrow().len()) <= LIMIT);
    }
}
