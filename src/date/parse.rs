//! The EDTF parser: hand-written recursive descent over characters with
//! column tracking. Validation (month and day ranges, interval order) happens
//! here so that every [`Edtf`] is a valid date.

use super::bounds::{date_bounds, matches};
use super::display::digits_string;
use super::{
    Date, DateError, Digit, Edtf, End, Kind, Member, Offset, Qual, SetKind, Sub, Time, Year,
    MAX_YEAR,
};

/// Parses a trimmed EDTF string; see [`Edtf::parse`].
pub(crate) fn parse(input: &str) -> Result<Edtf, DateError> {
    let offset = input.chars().take_while(|c| c.is_whitespace()).count();
    let mut p = Parser {
        chars: input.trim().chars().collect(),
        pos: 0,
        offset,
    };
    if p.chars.is_empty() {
        return Err(p.err(0, "empty date"));
    }
    let kind = match p.peek() {
        Some('[') => p.set(SetKind::OneOf, ']')?,
        Some('{') => p.set(SetKind::AllOf, '}')?,
        _ => p.interval_or_date()?,
    };
    if let Some(c) = p.peek() {
        return Err(p.err(p.pos, format!("unexpected character '{c}'")));
    }
    Ok(Edtf::from_kind(kind))
}

/// Characters that can start a date.
fn starts_date(c: Option<char>) -> bool {
    matches!(c, Some(c) if c.is_ascii_digit() || "X-Y?~%".contains(c))
}

/// Does the date have no unspecified (`X`) digits?
fn fully_specified(date: &Date) -> bool {
    let year = match &date.year {
        Year::Short { digits, .. } => digits.iter().all(Option::is_some),
        Year::Long(_) => true,
    };
    let month = match &date.month {
        Some(Sub::Month(digits)) => digits.iter().all(Option::is_some),
        _ => true,
    };
    let day = date.day.is_none_or(|d| d.iter().all(Option::is_some));
    year && month && day
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    /// Number of leading whitespace characters trimmed from the input.
    offset: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_dots(&mut self) -> bool {
        if self.chars[self.pos.min(self.chars.len())..].starts_with(&['.', '.']) {
            self.pos += 2;
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// An error at character index `pos` of the trimmed input.
    fn err(&self, pos: usize, message: impl Into<String>) -> DateError {
        DateError::new(message, self.offset + pos + 1)
    }

    /// "expected …, found …" at the current position.
    fn expected(&self, what: &str) -> DateError {
        let found = match self.peek() {
            Some(c) => format!("'{c}'"),
            None => "end of input".to_string(),
        };
        self.err(self.pos, format!("expected {what}, found {found}"))
    }

    /// A single date or an interval.
    fn interval_or_date(&mut self) -> Result<Kind, DateError> {
        let start_pos = self.pos;
        let is_interval = self.chars[self.pos..].contains(&'/');
        let start = if self.peek() == Some('/') {
            End::Unknown
        } else if self.eat_dots() {
            End::Open
        } else {
            End::Date(self.date(!is_interval)?)
        };
        if !self.eat('/') {
            return match start {
                End::Date(d) => Ok(Kind::Single(d)),
                _ => Err(self.err(
                    start_pos,
                    "'..' is only allowed as an interval end or in a set",
                )),
            };
        }
        let end_pos = self.pos;
        let end = if self.peek().is_none() {
            End::Unknown
        } else if self.eat_dots() {
            End::Open
        } else {
            End::Date(self.date(false)?)
        };
        match (&start, &end) {
            (End::Date(a), End::Date(b)) => self.check_order(a, b, end_pos, "interval")?,
            (End::Date(_), _) | (_, End::Date(_)) => {}
            _ => return Err(self.err(start_pos, "an interval needs at least one date")),
        }
        Ok(Kind::Interval(start, end))
    }

    /// Rejects `a/b` or `a..b` when `b` ends before `a` starts.
    fn check_order(&self, a: &Date, b: &Date, pos: usize, what: &str) -> Result<(), DateError> {
        match (date_bounds(a), date_bounds(b)) {
            (Some((a_lo, _)), Some((_, b_hi))) if a_lo > b_hi => {
                Err(self.err(pos, format!("{what} end {b} is before its start {a}")))
            }
            _ => Ok(()),
        }
    }

    /// `[a,b,c..d]` or `{a,b}`; the opening bracket is at the current position.
    fn set(&mut self, kind: SetKind, close: char) -> Result<Kind, DateError> {
        self.pos += 1;
        let mut members = Vec::new();
        let mut open_end = false;
        loop {
            self.skip_ws();
            let member_pos = self.pos;
            if open_end {
                return Err(self.err(
                    member_pos,
                    "an open end '..' is only allowed on the last member of a set",
                ));
            }
            if members.is_empty() && self.peek() == Some(close) {
                return Err(self.err(member_pos, "empty set"));
            }
            let member = if self.eat_dots() {
                if !members.is_empty() {
                    return Err(self.err(
                        member_pos,
                        "an open start '..' is only allowed on the first member of a set",
                    ));
                }
                Member::Range(None, Some(self.date(false)?))
            } else {
                let a = self.date(false)?;
                if self.eat_dots() {
                    if starts_date(self.peek()) {
                        let end_pos = self.pos;
                        let b = self.date(false)?;
                        self.check_order(&a, &b, end_pos, "range")?;
                        Member::Range(Some(a), Some(b))
                    } else {
                        open_end = true;
                        Member::Range(Some(a), None)
                    }
                } else {
                    Member::Date(a)
                }
            };
            members.push(member);
            self.skip_ws();
            if self.eat(close) {
                return Ok(Kind::Set(kind, members));
            }
            if !self.eat(',') {
                return Err(self.expected(&format!("',' or '{close}'")));
            }
        }
    }

    /// An optional qualifier character.
    fn qualifier(&mut self) -> Option<Qual> {
        let q = match self.peek()? {
            '?' => Qual {
                uncertain: true,
                approximate: false,
            },
            '~' => Qual {
                uncertain: false,
                approximate: true,
            },
            '%' => Qual {
                uncertain: true,
                approximate: true,
            },
            _ => return None,
        };
        self.pos += 1;
        Some(q)
    }

    /// Reads a run of digits and `X`.
    fn digit_run(&mut self) -> Vec<Digit> {
        let mut run = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                '0'..='9' => run.push(Some(c as u8 - b'0')),
                'X' => run.push(None),
                _ => break,
            }
            self.pos += 1;
        }
        run
    }

    /// Rejects lowercase `x` / `u` used for unspecified digits.
    fn check_x_case(&self) -> Result<(), DateError> {
        match self.peek() {
            Some(c @ ('x' | 'u')) => Err(self.err(
                self.pos,
                format!("unspecified digits must be written 'X', not '{c}'"),
            )),
            _ => Ok(()),
        }
    }

    /// Exactly two digits (or `X`) for a month or day.
    fn two_digits(&mut self, what: &str) -> Result<[Digit; 2], DateError> {
        let start = self.pos;
        let run = self.digit_run();
        if run.is_empty() {
            self.check_x_case()?;
            return Err(self.expected(&format!("a two-digit {what}")));
        }
        if run.len() != 2 {
            self.check_x_case()?;
            return Err(self.err(start, format!("{what} must have two digits")));
        }
        Ok([run[0], run[1]])
    }

    /// A date: `[q]year[q][-[q]month[q][-[q]day[q]]]` with an optional time.
    fn date(&mut self, allow_time: bool) -> Result<Date, DateError> {
        let mut qual = [Qual::default(); 3];
        if let Some(q) = self.qualifier() {
            qual[0].merge(q);
        }
        let year = self.year()?;
        if let Some(q) = self.qualifier() {
            qual[0].merge(q);
        }
        let mut date = Date {
            year,
            month: None,
            day: None,
            qual,
            time: None,
        };
        if self.peek() == Some('-') {
            if matches!(year, Year::Long(_)) {
                return Err(self.err(
                    self.pos,
                    "a year with the 'Y' prefix cannot have a month or day",
                ));
            }
            self.pos += 1;
            self.month(&mut date)?;
        }
        if self.peek() == Some('T') {
            self.time(&mut date, allow_time)?;
        }
        Ok(date)
    }

    /// `-[q]month[q][-[q]day[q]]` after the dash.
    fn month(&mut self, date: &mut Date) -> Result<(), DateError> {
        if let Some(q) = self.qualifier() {
            date.qual[1].merge(q);
        }
        let month_pos = self.pos;
        let digits = self.two_digits("month")?;
        let text = digits_string(&digits);
        let sub = match digits {
            [Some(a), Some(b)] => match a * 10 + b {
                1..=12 => Sub::Month(digits),
                s @ 21..=24 => Sub::Season(s),
                25..=41 => {
                    return Err(self.err(
                        month_pos,
                        format!("sub-year grouping {text} is not supported (only seasons 21-24)"),
                    ))
                }
                _ => return Err(self.err(month_pos, format!("invalid month {text}"))),
            },
            _ if (1..=12).any(|m| matches(&digits, m)) => Sub::Month(digits),
            _ => return Err(self.err(month_pos, format!("invalid month {text}"))),
        };
        date.month = Some(sub);
        if let Some(q) = self.qualifier() {
            date.qual[0].merge(q);
            date.qual[1].merge(q);
        }
        if self.peek() != Some('-') {
            return Ok(());
        }
        if let Sub::Season(_) = sub {
            return Err(self.err(self.pos, "a season cannot have a day"));
        }
        self.pos += 1;
        if let Some(q) = self.qualifier() {
            date.qual[2].merge(q);
        }
        let day_pos = self.pos;
        let digits = self.two_digits("day")?;
        date.day = Some(digits);
        if let Some(q) = self.qualifier() {
            for q2 in &mut date.qual {
                q2.merge(q);
            }
        }
        if date_bounds(date).is_none() {
            return Err(self.err(
                day_pos,
                format!(
                    "invalid day {} for {}-{sub}",
                    digits_string(&digits),
                    date.year
                ),
            ));
        }
        Ok(())
    }

    /// A year: `[-]dddd` (digits or `X`) or `Y[-]d+`.
    fn year(&mut self) -> Result<Year, DateError> {
        let start = self.pos;
        if self.eat('Y') {
            let negative = self.eat('-');
            let digits_pos = self.pos;
            let mut value: i64 = 0;
            let mut any = false;
            while let Some(c) = self.peek().filter(char::is_ascii_digit) {
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(i64::from(c as u8 - b'0')))
                    .filter(|v| *v <= MAX_YEAR)
                    .ok_or_else(|| {
                        self.err(start, format!("year out of range (at most {MAX_YEAR})"))
                    })?;
                any = true;
                self.pos += 1;
            }
            match self.peek() {
                Some('X') => {
                    return Err(self.err(self.pos, "a 'Y' year cannot have unspecified digits"))
                }
                Some('E') if any => {
                    return Err(self.err(self.pos, "exponential years are not supported"))
                }
                Some('S') if any => {
                    return Err(self.err(self.pos, "significant digits are not supported"))
                }
                _ if !any => {
                    self.pos = digits_pos;
                    return Err(self.expected("year digits"));
                }
                _ => {}
            }
            let value = if negative { -value } else { value };
            if value.abs() > 9999 {
                return Ok(Year::Long(value));
            }
            let abs = value.unsigned_abs();
            let digits =
                [abs / 1000, abs / 100 % 10, abs / 10 % 10, abs % 10].map(|d| Some(d as u8));
            return Ok(Year::Short {
                negative: value < 0,
                digits,
            });
        }
        let negative = self.eat('-');
        let run = self.digit_run();
        if run.is_empty() {
            self.check_x_case()?;
            return Err(self.expected("a year"));
        }
        if run.len() > 4 && run.iter().all(Option::is_some) {
            return Err(self.err(
                start,
                "a year with more than four digits needs the 'Y' prefix",
            ));
        }
        if run.len() != 4 {
            self.check_x_case()?;
            return Err(self.err(start, "year must have four digits"));
        }
        if self.peek() == Some('S') {
            return Err(self.err(self.pos, "significant digits are not supported"));
        }
        let digits = [run[0], run[1], run[2], run[3]];
        if negative && digits.iter().all(|d| *d == Some(0)) {
            return Err(self.err(start, "year -0000 is not allowed (use 0000)"));
        }
        Ok(Year::Short { negative, digits })
    }

    /// `Thh:mm:ss[Z|±hh[:mm]]` after a complete date.
    fn time(&mut self, date: &mut Date, allow_time: bool) -> Result<(), DateError> {
        if !allow_time {
            return Err(self.err(
                self.pos,
                "a time of day is only allowed in a single date, not in an interval or set",
            ));
        }
        let complete = date.day.is_some()
            && !matches!(date.year, Year::Long(_))
            && date.qual.iter().all(|q| *q == Qual::default())
            && fully_specified(date);
        if !complete {
            return Err(self.err(
                self.pos,
                "a time of day needs a complete day without qualifiers or unspecified digits",
            ));
        }
        self.pos += 1;
        let hour = self.number("hour", 23)?;
        self.expect_colon()?;
        let minute = self.number("minute", 59)?;
        self.expect_colon()?;
        let second = self.number("second", 59)?;
        let offset = match self.peek() {
            Some('Z') => {
                self.pos += 1;
                Some(Offset::Utc)
            }
            Some(sign @ ('+' | '-')) => {
                self.pos += 1;
                let h = i16::from(self.number("offset hour", 23)?);
                let m = if self.eat(':') {
                    i16::from(self.number("offset minute", 59)?)
                } else {
                    0
                };
                let total = h * 60 + m;
                Some(Offset::Minutes(if sign == '-' { -total } else { total }))
            }
            _ => None,
        };
        date.time = Some(Time {
            hour,
            minute,
            second,
            offset,
        });
        Ok(())
    }

    fn expect_colon(&mut self) -> Result<(), DateError> {
        if self.eat(':') {
            Ok(())
        } else {
            Err(self.expected("':'"))
        }
    }

    /// Exactly two ASCII digits forming a number `<= max`.
    fn number(&mut self, what: &str, max: u8) -> Result<u8, DateError> {
        let start = self.pos;
        let digit = |i: usize| {
            self.chars
                .get(start + i)
                .filter(|c| c.is_ascii_digit())
                .map(|c| *c as u8 - b'0')
        };
        let (Some(a), Some(b)) = (digit(0), digit(1)) else {
            return Err(self.expected(&format!("a two-digit {what}")));
        };
        if digit(2).is_some() {
            return Err(self.err(start, format!("{what} must have two digits")));
        }
        let value = a * 10 + b;
        if value > max {
            return Err(self.err(start, format!("invalid {what} {value:02}")));
        }
        self.pos += 2;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Edtf;
    use proptest::prelude::*;

    /// (message, column) of a parse error.
    fn err(s: &str) -> (String, usize) {
        match Edtf::parse(s) {
            Ok(e) => panic!("{s:?} parsed as {e}"),
            Err(e) => (e.message, e.column),
        }
    }

    fn check(s: &str, message: &str, column: usize) {
        assert_eq!(err(s), (message.to_string(), column), "error for {s:?}");
    }

    #[test]
    fn accepts_all_documented_forms() {
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
            "1931-21",
            "1931-22",
            "1931-23",
            "1931-24",
            "1931-09/1931-12",
            "1936?/1938-03~",
            "1931/..",
            "../1931",
            "1931/",
            "/1933",
            "-0100",
            "Y170000002",
            "Y-170000002",
            "1985-04-12T23:20:30",
            "1985-04-12T23:20:30Z",
            "1985-04-12T23:20:30+04:00",
            "[1667,1668]",
            "{1667,1668}",
            "[1667,1668,1670..1672]",
            "[..1760-12-03]",
            "[1760-12..]",
            "{1960,1961-12}",
            "2004-?06-11",
            "?2004-06~-11",
            "1932-02-29",
            "2000-02-29",
            "{..1984,1990..}",
            "[1667-XX-XX]",
        ] {
            assert!(Edtf::parse(s).is_ok(), "{s}: {:?}", Edtf::parse(s));
        }
    }

    #[test]
    fn empty_and_garbage() {
        check("", "empty date", 1);
        check("   ", "empty date", 4);
        check("abc", "expected a year, found 'a'", 1);
        check("1931-11-07x", "unexpected character 'x'", 11);
        check("  1931-11-07 x", "unexpected character ' '", 13);
        check("1931,1932", "unexpected character ','", 5);
        check("1931/1932/1933", "unexpected character '/'", 10);
        check("1931 1932", "unexpected character ' '", 5);
        check("1931-", "expected a two-digit month, found end of input", 6);
        check(
            "1931-11-",
            "expected a two-digit day, found end of input",
            9,
        );
        check("1931??", "unexpected character '?'", 6);
        check("日本", "expected a year, found '日'", 1);
        check("é1931", "expected a year, found 'é'", 1);
        check("1931é", "unexpected character 'é'", 5);
    }

    #[test]
    fn column_counts_characters_and_leading_whitespace() {
        check(" 1931-13", "invalid month 13", 7);
        check("\u{3000}1931-13", "invalid month 13", 7);
        check("[1667,ü]", "expected a year, found 'ü'", 7);
    }

    #[test]
    fn invalid_months_and_days() {
        check("1931-13", "invalid month 13", 6);
        check("1931-00", "invalid month 00", 6);
        check("1931-20", "invalid month 20", 6);
        check("1931-2X", "invalid month 2X", 6);
        check(
            "1931-25",
            "sub-year grouping 25 is not supported (only seasons 21-24)",
            6,
        );
        check(
            "1931-41",
            "sub-year grouping 41 is not supported (only seasons 21-24)",
            6,
        );
        check("1931-1", "month must have two digits", 6);
        check("1931-123", "month must have two digits", 6);
        check("1931-11-7", "day must have two digits", 9);
        check("1900-02-29", "invalid day 29 for 1900-02", 9);
        check("1931-04-31", "invalid day 31 for 1931-04", 9);
        check("1931-02-3X", "invalid day 3X for 1931-02", 9);
        check("1931-11-00", "invalid day 00 for 1931-11", 9);
        check("1931-11-32", "invalid day 32 for 1931-11", 9);
        check("XX01-02-29", "invalid day 29 for XX01-02", 9);
        check("1931-21-01", "a season cannot have a day", 8);
        check("?2004-?06-?31", "invalid day 31 for 2004-06", 12);
    }

    #[test]
    fn invalid_years() {
        check("193", "year must have four digits", 1);
        check(
            "12345",
            "a year with more than four digits needs the 'Y' prefix",
            1,
        );
        check("193x", "unspecified digits must be written 'X', not 'x'", 4);
        check("19uu", "unspecified digits must be written 'X', not 'u'", 3);
        check("-0000", "year -0000 is not allowed (use 0000)", 1);
        check("Y", "expected year digits, found end of input", 2);
        check("Y-", "expected year digits, found end of input", 3);
        check("Y17X", "a 'Y' year cannot have unspecified digits", 4);
        check("Y17E7", "exponential years are not supported", 4);
        check("1950S2", "significant digits are not supported", 5);
        check(
            "Y170000002-01",
            "a year with the 'Y' prefix cannot have a month or day",
            11,
        );
        check(
            "Y9999999999999999999999",
            "year out of range (at most 999999999999999)",
            1,
        );
        check(
            "Y1000000000000000",
            "year out of range (at most 999999999999999)",
            1,
        );
        assert!(Edtf::parse("Y999999999999999").is_ok());
        assert!(Edtf::parse("Y-999999999999999").is_ok());
    }

    #[test]
    fn intervals_and_sets() {
        check("1931/1930", "interval end 1930 is before its start 1931", 6);
        check(
            "1931-12/1931-11",
            "interval end 1931-11 is before its start 1931-12",
            9,
        );
        check("../..", "an interval needs at least one date", 1);
        check("/", "an interval needs at least one date", 1);
        check(
            "..1931",
            "'..' is only allowed as an interval end or in a set",
            1,
        );
        check("[]", "empty set", 2);
        check("{ }", "empty set", 3);
        check("[1667", "expected ',' or ']', found end of input", 6);
        check("[1667}", "expected ',' or ']', found '}'", 6);
        check("[1667,]", "expected a year, found ']'", 7);
        check("[1667/1668]", "expected ',' or ']', found '/'", 6);
        check("[1672..1670]", "range end 1670 is before its start 1672", 8);
        check(
            "[1667,..1668]",
            "an open start '..' is only allowed on the first member of a set",
            7,
        );
        check(
            "[1667..,1668]",
            "an open end '..' is only allowed on the last member of a set",
            9,
        );
        check("[..]", "expected a year, found ']'", 4);
        check("[1667]x", "unexpected character 'x'", 7);
    }

    #[test]
    fn times() {
        check("1985-04-12T24:00:00", "invalid hour 24", 12);
        check("1985-04-12T23:60:00", "invalid minute 60", 15);
        check("1985-04-12T23:20:61", "invalid second 61", 18);
        check("1985-04-12T23:20", "expected ':', found end of input", 17);
        check("1985-04-12T23:20:30.5", "unexpected character '.'", 20);
        check(
            "1985-04-12T23:20:30+4",
            "expected a two-digit offset hour, found '4'",
            21,
        );
        check("1985-04-12T23:20:301", "second must have two digits", 18);
        check(
            "1985-04T23:20:30",
            "a time of day needs a complete day without qualifiers or unspecified digits",
            8,
        );
        check(
            "1985-04-1XT23:20:30",
            "a time of day needs a complete day without qualifiers or unspecified digits",
            11,
        );
        check(
            "1985-04-12~T23:20:30",
            "a time of day needs a complete day without qualifiers or unspecified digits",
            12,
        );
        check(
            "1985-04-12T23:20:30/1986",
            "a time of day is only allowed in a single date, not in an interval or set",
            11,
        );
        check(
            "[1985-04-12T23:20:30]",
            "a time of day is only allowed in a single date, not in an interval or set",
            12,
        );
    }

    #[test]
    fn huge_inputs_do_not_panic() {
        let long = "9".repeat(100_000);
        assert!(Edtf::parse(&long).is_err());
        assert!(Edtf::parse(&format!("Y{long}")).is_err());
        assert!(Edtf::parse(&format!("Y-{long}")).is_err());
        let many = format!("[{}]", vec!["1667"; 10_000].join(","));
        assert!(Edtf::parse(&many).is_ok());
        assert!(Edtf::parse(&"[".repeat(10_000)).is_err());
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_strings(s in "\\PC*") {
            let _ = Edtf::parse(&s);
        }

        #[test]
        fn never_panics_on_edtf_like_strings(s in "[0-9X?~%\\-/.\\[\\]{},YZT:+ ]{0,30}") {
            if let Ok(e) = Edtf::parse(&s) {
                prop_assert_eq!(Edtf::parse(&e.to_string()), Ok(e));
            }
        }

        #[test]
        fn errors_point_inside_the_input(s in "[0-9X?~%\\-/.\\[\\],Y ]{0,20}") {
            if let Err(e) = Edtf::parse(&s) {
                prop_assert!(e.column >= 1 && e.column <= s.chars().count() + 1);
            }
        }
    }
}
