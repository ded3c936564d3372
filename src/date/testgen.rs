//! Proptest strategies generating valid EDTF values (tests only).

use proptest::prelude::*;

use super::{Edtf, MAX_YEAR};

/// A digit pattern of `n` digits for `value`, with the digits selected by
/// `mask` (bit i = i-th digit from the right) replaced by `X`.
fn pattern(value: u64, n: usize, mask: u32) -> String {
    let digits = format!("{value:0n$}");
    digits
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if mask & (1 << (n - 1 - i)) != 0 {
                'X'
            } else {
                c
            }
        })
        .collect()
}

fn qual(q: u8) -> &'static str {
    ["", "", "?", "~", "%"][usize::from(q % 5)]
}

/// Date strings (mostly valid) of every precision and qualification.
pub(crate) fn date_string() -> impl Strategy<Value = String> {
    let short = (
        any::<bool>(),
        0u64..10_000,
        prop_oneof![3 => Just(0u32), 1 => 0u32..16],
        0u8..5,
        (
            1u64..=12,
            prop_oneof![3 => Just(0u32), 1 => 0u32..4],
            21u64..=24,
            0u8..4,
        ),
        (1u64..=31, prop_oneof![3 => Just(0u32), 1 => 0u32..4]),
        prop::array::uniform6(0u8..8),
    )
        .prop_map(
            |(neg, y, ymask, precision, (m, mmask, season, _), (d, dmask), q)| {
                let q = q.map(|q| if q < 5 { qual(q) } else { "" });
                let mut s = format!(
                    "{}{}{}{}",
                    q[0],
                    if neg { "-" } else { "" },
                    pattern(y, 4, ymask),
                    q[1]
                );
                match precision {
                    0 | 1 => {}
                    2 => s += &format!("-{}{}{}", q[2], pattern(m, 2, mmask), q[3]),
                    3 => s += &format!("-{season}{}", q[3]),
                    _ => {
                        s += &format!("-{}{}{}", q[2], pattern(m, 2, mmask), q[3]);
                        s += &format!("-{}{}{}", q[4], pattern(d, 2, dmask), q[5]);
                    }
                }
                s
            },
        );
    let long = (any::<bool>(), 10_000i64..=MAX_YEAR, 0u8..5)
        .prop_map(|(neg, y, q)| format!("Y{}{y}{}", if neg { "-" } else { "" }, qual(q)));
    prop_oneof![8 => short, 1 => long]
}

/// Values with equal or nearly equal bounds, to exercise tie-breaks.
const TIED: &[&str] = &[
    "1931",
    "1931?",
    "1931~",
    "1931%",
    "1931-XX",
    "1931/..",
    "1931/",
    "../1931",
    "/1931",
    "[1931]",
    "{1931}",
    "1931-01/1931-12",
    "[1931,1931-06]",
    "{1931-01..1931-12}",
    "193X",
    "1931-01-01",
    "1931-01-01T00:00:00",
    "1931-01-01T00:00:00Z",
    "[..1931]",
    "[1931..]",
    "1931-12-31",
    "1932",
];

fn parse_first(candidates: &[String]) -> Option<Edtf> {
    candidates.iter().find_map(|s| Edtf::parse(s).ok())
}

/// Valid EDTF values of every shape.
pub(crate) fn edtf() -> impl Strategy<Value = Edtf> {
    let single = date_string().prop_filter_map("invalid date", |s| Edtf::parse(&s).ok());
    let time = (
        1000i32..3000,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        0u8..4,
        -23i32..=23,
    )
        .prop_filter_map("invalid", |(y, mo, d, h, mi, s, tz, off)| {
            let tz = match tz {
                0 => String::new(),
                1 => "Z".to_string(),
                _ => format!(
                    "{}{:02}:{:02}",
                    if off < 0 { '-' } else { '+' },
                    off.abs(),
                    mi
                ),
            };
            Edtf::parse(&format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{tz}")).ok()
        });
    let end =
        prop_oneof![4 => date_string(), 1 => Just("..".to_string()), 1 => Just(String::new())];
    let interval = (end.clone(), end).prop_filter_map("invalid interval", |(a, b)| {
        parse_first(&[format!("{a}/{b}"), format!("{b}/{a}")])
    });
    let member = (date_string(), prop::option::of(date_string()));
    let set = (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(member, 1..4),
    )
        .prop_filter_map("invalid set", |(all, open_start, open_end, members)| {
            let ms: Vec<String> = members
                .iter()
                .map(|(a, b)| match b {
                    Some(b) => format!("{a}..{b}"),
                    None => a.clone(),
                })
                .collect();
            let mut body = ms.join(",");
            if open_start {
                body = format!("..{body}");
            }
            if open_end {
                body += "..";
            }
            let (o, c) = if all { ('{', '}') } else { ('[', ']') };
            parse_first(&[format!("{o}{body}{c}"), format!("{o}{}{c}", ms[0])])
        });
    let tied = prop::sample::select(TIED).prop_map(|s| Edtf::parse(s).unwrap());
    prop_oneof![4 => single, 1 => time, 2 => interval, 2 => set, 2 => tied]
}
