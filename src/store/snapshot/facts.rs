//! What the read file knows of each element without its record: the
//! earliest and latest day of its `date`, so that `earliest(x.date)` and
//! `latest(x.date)` — the way questions compare fuzzy dates — need no
//! record decoded, and whether it has a property named `id` (which `x.id`
//! reads before the element's own id), so that `x.id` needs none either;
//! and the place of its `date` among the file's distinct dates, so that
//! `ORDER BY x.date` compares two integers rather than two records' dates.
//!
//! Each element has four little-endian 32-bit values: the two bounds (i32
//! days after 1970-01-01), flags, and the date's rank. A bound the date
//! leaves open is [`OPEN`]; an element whose `date` is missing, not a
//! stored date, or beyond ±5 million years is [`UNKNOWN`] in both places,
//! and a reader then takes the record itself.
//!
//! The ranks: the file keeps every distinct stored date of its elements
//! once, as text, sorted in the order of [`Edtf`] (the order of `ORDER BY`
//! for dates: bounds, then text), and an element's rank is its date's
//! place there, so two elements' ranks compare as their dates do, equal
//! ranks being equal dates. An element without a stored date has
//! [`NO_RANK`]. Ranks are given when the file is written (see
//! `build::rank_dates`), after every element is known.

use super::layout::Sect;
use super::Snapshot;
use crate::date::{Day, Edtf};
use crate::model::{Props, Value};
use crate::store::error::{Result, StoreError};

/// A bound the date leaves open (`earliest` or `latest` is null).
const OPEN: i32 = i32::MIN;
/// The column does not know: read the record.
const UNKNOWN: i32 = i32::MIN + 1;
/// Values per element.
pub(super) const WIDTH: usize = 4;
/// Flag: the element has a property named `id`.
const ID_PROP: u32 = 1;
/// Where an element's date rank is among its values.
pub(super) const RANK: usize = 3;
/// The rank of an element without a stored date.
pub(super) const NO_RANK: u32 = u32::MAX;

/// What the column says of an element's `date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bounds {
    /// A stored date with these bounds (`None`: open).
    Known(Option<Day>, Option<Day>),
    /// Anything else: the record has the answer.
    Unknown,
}

/// The column's values for an element with properties `props`, its rank
/// not given yet ([`NO_RANK`]: the file's dates are ranked once all are
/// known).
pub fn column(props: &Props) -> [u32; WIDTH] {
    let [e, l] = bounds_of(props);
    let flags = if props.get("id").is_some() {
        ID_PROP
    } else {
        0
    };
    [e as u32, l as u32, flags, NO_RANK]
}

/// The stored date of an element with properties `props`, which its rank
/// places.
pub fn date_of(props: &Props) -> Option<&Edtf> {
    match props.get("date") {
        Some(Value::Date(d)) => Some(d),
        _ => None,
    }
}

fn bounds_of(props: &Props) -> [i32; 2] {
    let Some(Value::Date(d)) = props.get("date") else {
        return [UNKNOWN; 2];
    };
    let day = |b: Option<Day>| match b {
        None => Some(OPEN),
        Some(day) => i32::try_from(day.days())
            .ok()
            .filter(|x| *x != OPEN && *x != UNKNOWN),
    };
    match (day(d.earliest()), day(d.latest())) {
        (Some(e), Some(l)) => [e, l],
        _ => [UNKNOWN; 2],
    }
}

/// A rank as read: `None` for [`NO_RANK`].
fn ranked(r: u32) -> Option<u32> {
    (r != NO_RANK).then_some(r)
}

fn bounds(values: [u32; WIDTH]) -> Bounds {
    let pair = [values[0] as i32, values[1] as i32];
    if pair.contains(&UNKNOWN) {
        return Bounds::Unknown;
    }
    let day = |x: i32| (x != OPEN).then(|| Day::from_days(x.into()));
    Bounds::Known(day(pair[0]), day(pair[1]))
}

impl Snapshot {
    fn facts(&self, k: usize) -> Result<[u32; WIDTH]> {
        let col = super::layout::U32s(self.s(Sect::Facts));
        let mut out = [0; WIDTH];
        for (j, v) in out.iter_mut().enumerate() {
            *v = col.get(WIDTH * k + j)?;
        }
        Ok(out)
    }

    /// The column's values for node `i` (as written, for a rebuild).
    pub(super) fn node_facts(&self, i: usize) -> Result<[u32; WIDTH]> {
        if i >= self.node_count() {
            // Past the nodes lie the relationships' values.
            return Err(StoreError::Corrupt(format!("read file: no node {i}")));
        }
        self.facts(i)
    }

    /// The column's values for relationship `i`.
    pub(super) fn rel_facts(&self, i: usize) -> Result<[u32; WIDTH]> {
        self.facts(self.node_count() + i)
    }

    /// The bounds of node `i`'s `date`.
    pub fn node_bounds(&self, i: u32) -> Result<Bounds> {
        Ok(bounds(self.node_facts(i as usize)?))
    }

    /// The bounds of relationship `i`'s `date`.
    pub fn rel_bounds(&self, i: u32) -> Result<Bounds> {
        Ok(bounds(self.rel_facts(i as usize)?))
    }

    /// Whether node `i` has a property named `id`.
    pub fn node_has_id_prop(&self, i: u32) -> Result<bool> {
        Ok(self.node_facts(i as usize)?[2] & ID_PROP != 0)
    }

    /// The rank of node `i`'s `date` (`None`: not a stored date).
    pub fn node_date_rank(&self, i: u32) -> Result<Option<u32>> {
        Ok(ranked(self.node_facts(i as usize)?[RANK]))
    }

    /// The rank of relationship `i`'s `date` (`None`: not a stored date).
    pub fn rel_date_rank(&self, i: u32) -> Result<Option<u32>> {
        Ok(ranked(self.rel_facts(i as usize)?[RANK]))
    }

    /// The number of distinct stored dates.
    pub fn date_count(&self) -> usize {
        self.dates().len()
    }

    /// The text of the date of rank `r`.
    pub fn date_text(&self, r: u32) -> Result<&str> {
        self.dates().str(r as usize)
    }

    /// The date of rank `r`.
    pub fn date_at_rank(&self, r: u32) -> Result<Edtf> {
        let text = self.date_text(r)?;
        Edtf::parse_remembered(text)
            .map_err(|_| StoreError::Corrupt(format!("read file: date {r} is not a date")))
    }

    fn dates(&self) -> super::layout::Table<'_> {
        self.table(Sect::DateOff, Sect::Dates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Edtf;

    fn of(date: Option<Value>) -> Bounds {
        let mut props = Props::default();
        if let Some(v) = date {
            props.insert("date".into(), v);
        }
        bounds(column(&props))
    }

    #[test]
    fn the_flag_says_whether_an_id_property_is_there() {
        let mut props = Props::default();
        assert_eq!(column(&props)[2] & ID_PROP, 0);
        props.insert("id".into(), Value::Str("x".into()));
        assert_eq!(column(&props)[2] & ID_PROP, ID_PROP);
    }

    #[test]
    fn stored_dates_give_their_bounds_and_anything_else_sends_readers_to_the_record() {
        for text in [
            "1931",
            "1931-11?",
            "1936/1938",
            "../1937-05-01",
            "1932-03-12/..",
        ] {
            let d = Edtf::parse(text).unwrap();
            assert_eq!(
                of(Some(Value::date(d.clone()))),
                Bounds::Known(d.earliest(), d.latest()),
                "{text}"
            );
        }
        assert_eq!(of(None), Bounds::Unknown);
        assert_eq!(of(Some(Value::Str("1931".into()))), Bounds::Unknown);
        assert_eq!(of(Some(Value::Int(1931))), Bounds::Unknown);
    }
}
