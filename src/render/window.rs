//! Dates in diagrams: the `--from/--to` window with its three answers
//! (certainly inside, possibly inside, outside) and the short date a label
//! shows.

use crate::date::{Day, Edtf};
use crate::model::{Props, Value};

/// Where a dated item stands with respect to a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Every day the date may be is inside the window (or there is no window).
    Inside,
    /// Some days are inside, some outside, or the date is unknown or open:
    /// the item may fall in the window and is drawn as uncertain.
    Possibly,
    /// No day the date may be is inside the window.
    Outside,
}

/// A date window: from the earliest day of `from` to the latest of `to`;
/// either end may be missing (unbounded).
#[derive(Clone, Debug, Default)]
pub struct Window {
    start: Option<Day>,
    end: Option<Day>,
    active: bool,
}

impl Window {
    /// The window between two optional dates (no dates: no window).
    pub fn new(from: Option<&Edtf>, to: Option<&Edtf>) -> Window {
        Window {
            start: from.and_then(Edtf::earliest),
            end: to.and_then(Edtf::latest),
            active: from.is_some() || to.is_some(),
        }
    }

    /// Whether a window was asked for.
    pub fn is_active(&self) -> bool {
        self.active
    }

    /// Where an item dated `date` (or undated) stands.
    pub fn fit(&self, date: Option<&Edtf>) -> Fit {
        if !self.active {
            return Fit::Inside;
        }
        let Some(date) = date else {
            return Fit::Possibly;
        };
        let (lo, hi) = (date.earliest(), date.latest());
        let before_end = match (lo, self.end) {
            (Some(lo), Some(end)) => lo <= end,
            _ => true,
        };
        let after_start = match (hi, self.start) {
            (Some(hi), Some(start)) => hi >= start,
            _ => true,
        };
        if !(before_end && after_start) {
            return Fit::Outside;
        }
        let starts_inside = match self.start {
            None => true,
            Some(start) => lo.is_some_and(|lo| lo >= start),
        };
        let ends_inside = match self.end {
            None => true,
            Some(end) => hi.is_some_and(|hi| hi <= end),
        };
        if starts_inside && ends_inside {
            Fit::Inside
        } else {
            Fit::Possibly
        }
    }
}

/// The `date` property, if it is a date.
pub fn date_of(props: &Props) -> Option<&Edtf> {
    props.get("date").and_then(Value::as_date)
}

/// The date a label shows: the source's wording (`date_text`) where it is
/// shorter than the EDTF form, else the EDTF form; `None` if undated.
pub fn short_date(props: &Props) -> Option<String> {
    let edtf = date_of(props).map(|d| d.to_string());
    let text = props
        .get("date_text")
        .and_then(Value::as_str)
        .map(str::to_string);
    match (edtf, text) {
        (Some(e), Some(t)) => Some(if t.chars().count() < e.chars().count() {
            t
        } else {
            e
        }),
        (e, t) => e.or(t),
    }
}

/// The date a label shows in full: `“wording” (EDTF)`, either alone, or
/// `undated`.
pub fn full_date(props: &Props) -> String {
    let edtf = date_of(props).map(|d| d.to_string());
    let text = props.get("date_text").and_then(Value::as_str);
    match (edtf, text) {
        (Some(e), Some(t)) => format!("“{t}” ({e})"),
        (Some(e), None) => e,
        (None, Some(t)) => format!("“{t}”, undated"),
        (None, None) => "undated".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> Edtf {
        Edtf::parse(s).unwrap()
    }

    #[test]
    fn fits_a_window() {
        let w = Window::new(Some(&e("1932")), Some(&e("1933")));
        assert_eq!(w.fit(Some(&e("1932-05"))), Fit::Inside);
        assert_eq!(w.fit(Some(&e("1931-10/1932-02"))), Fit::Possibly);
        assert_eq!(w.fit(Some(&e("1931-09/1931-12"))), Fit::Outside);
        assert_eq!(w.fit(Some(&e("1934"))), Fit::Outside);
        assert_eq!(w.fit(Some(&e("1930/.."))), Fit::Possibly);
        assert_eq!(w.fit(None), Fit::Possibly);
        assert_eq!(Window::default().fit(None), Fit::Inside);
        let open = Window::new(Some(&e("1932")), None);
        assert_eq!(open.fit(Some(&e("1950"))), Fit::Inside);
        assert_eq!(open.fit(Some(&e("1931"))), Fit::Outside);
    }

    #[test]
    fn shorter_wording_wins() {
        let mut p = Props::new();
        p.insert("date".into(), Value::date(e("1931-09/1931-12")));
        p.insert("date_text".into(), Value::Str("Late in 1931".into()));
        assert_eq!(short_date(&p).unwrap(), "Late in 1931");
        assert_eq!(full_date(&p), "“Late in 1931” (1931-09/1931-12)");
        p.insert(
            "date_text".into(),
            Value::Str("in the late autumn of 1931".into()),
        );
        assert_eq!(short_date(&p).unwrap(), "1931-09/1931-12");
        assert_eq!(short_date(&Props::new()), None);
    }
}
