//! Dates as spreadsheets and registers write them, converted to EDTF.
//!
//! [`to_edtf`] accepts EDTF itself (`1938-05-17`, `1935?`, `193X`,
//! `1931-09/1931-12`) and the common forms of archival tables:
//!
//! | written | EDTF |
//! |---|---|
//! | `17.05.1938`, `9.12.1937.` | `1938-05-17`, `1937-12-09` |
//! | `05.1938` | `1938-05` |
//! | `May 1938`, `17 May 1938`, `May 17, 1938` | `1938-05`, `1938-05-17` |
//! | `mai 1938`, `17 mai 1938` (French, German) | `1938-05`, `1938-05-17` |
//! | `май 1938`, `17 мая 1938`, `в мае 1938` (Russian, any case) | `1938-05`, `1938-05-17` |
//! | `1930s`, `1930-е`, `1930-х гг.` | `193X` |
//! | `ca. 1935`, `c. 1935`, `circa 1935`, `about 1935`, `около 1935`, `ок. 1935` | `1935~` |
//! | `1935?`, `1935 (?)` | `1935?` |
//! | `1935-1937`, `1935–1937` | `1935/1937` |
//! | `1938 г.`, `1938 года` | `1938` |
//!
//! Day-first is assumed for dotted numeric dates (the European and Russian
//! convention); slashed numeric dates (`5/6/1938`) are refused as ambiguous.
//! The caller keeps the original wording (in `date_text`) when it differs
//! from the normalized form.

use crate::date::Edtf;

/// Month names (lower case) by month number: English, French, German,
/// Italian, Latin and Russian (nominative, genitive and prepositional).
const MONTHS: [(u32, &[&str]); 12] = [
    (
        1,
        &[
            "january",
            "jan",
            "janvier",
            "januar",
            "gennaio",
            "ianuarius",
            "январь",
            "января",
            "январе",
            "янв",
        ],
    ),
    (
        2,
        &[
            "february",
            "feb",
            "février",
            "fevrier",
            "februar",
            "febbraio",
            "februarius",
            "февраль",
            "февраля",
            "феврале",
            "фев",
        ],
    ),
    (
        3,
        &[
            "march",
            "mar",
            "mars",
            "märz",
            "marz",
            "marzo",
            "martius",
            "март",
            "марта",
            "марте",
        ],
    ),
    (
        4,
        &[
            "april",
            "apr",
            "avril",
            "aprile",
            "aprilis",
            "апрель",
            "апреля",
            "апреле",
            "апр",
        ],
    ),
    (5, &["may", "mai", "maggio", "maius", "май", "мая", "мае"]),
    (
        6,
        &[
            "june", "jun", "juin", "juni", "giugno", "iunius", "июнь", "июня", "июне",
        ],
    ),
    (
        7,
        &[
            "july", "jul", "juillet", "juli", "luglio", "iulius", "июль", "июля", "июле",
        ],
    ),
    (
        8,
        &[
            "august",
            "aug",
            "août",
            "aout",
            "agosto",
            "augustus",
            "август",
            "августа",
            "августе",
            "авг",
        ],
    ),
    (
        9,
        &[
            "september",
            "sep",
            "sept",
            "septembre",
            "settembre",
            "сентябрь",
            "сентября",
            "сентябре",
            "сент",
        ],
    ),
    (
        10,
        &[
            "october",
            "oct",
            "octobre",
            "oktober",
            "ottobre",
            "октябрь",
            "октября",
            "октябре",
            "окт",
        ],
    ),
    (
        11,
        &[
            "november",
            "nov",
            "novembre",
            "ноябрь",
            "ноября",
            "ноябре",
            "ноя",
        ],
    ),
    (
        12,
        &[
            "december",
            "dec",
            "décembre",
            "decembre",
            "dezember",
            "dicembre",
            "декабрь",
            "декабря",
            "декабре",
            "дек",
        ],
    ),
];

/// Words before a year that mean "approximately".
const APPROX: [&str; 9] = [
    "ca.",
    "ca",
    "c.",
    "circa",
    "about",
    "approx.",
    "около",
    "ок.",
    "примерно",
];

/// Converts a written date to EDTF; the error says what was not understood.
pub fn to_edtf(text: &str) -> Result<Edtf, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("the date is empty".into());
    }
    if let Ok(d) = Edtf::parse(trimmed) {
        return Ok(d);
    }
    let form = normalize(trimmed).ok_or_else(|| {
        format!(
            "cannot read '{trimmed}' as a date: write EDTF (1938-05-17, 1938-05, 193X, 1935~) \
             or a common form (17.05.1938, May 1938, 17 мая 1938, 1930s, ca. 1935)"
        )
    })?;
    Edtf::parse(&form).map_err(|e| format!("'{trimmed}' reads as '{form}', which is invalid: {e}"))
}

/// The EDTF text of a common form, or `None` if the form is not known.
fn normalize(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let mut s = lower.trim().trim_end_matches('.').trim().to_string();
    // Qualifiers around the date.
    let mut suffix = "";
    for q in ["(?)", "?"] {
        if let Some(rest) = s.strip_suffix(q) {
            s = rest.trim().to_string();
            suffix = "?";
            break;
        }
    }
    for word in APPROX {
        if let Some(rest) = s.strip_prefix(word) {
            if rest.starts_with(' ') || rest.starts_with(|c: char| c.is_ascii_digit()) {
                s = rest.trim().to_string();
                suffix = if suffix == "?" { "%" } else { "~" };
                break;
            }
        }
    }
    // Russian "в мае 1938", "1938 г.", "1938 года", "в 1938 году".
    if let Some(rest) = s.strip_prefix("в ") {
        s = rest.trim().to_string();
    }
    for tail in [" года", " году", " гг", " г", "г"] {
        if let Some(rest) = s.strip_suffix(tail) {
            let rest = rest.trim_end_matches('.').trim();
            if rest.ends_with(|c: char| c.is_ascii_digit() || c == 'е' || c == 'х') {
                s = rest.to_string();
                break;
            }
        }
    }
    let core = core_form(&s)?;
    if suffix.is_empty() {
        return Some(core);
    }
    // A qualifier applies to a single date, not to an interval.
    if core.contains('/') {
        return None;
    }
    Some(format!("{core}{suffix}"))
}

/// The EDTF of an unqualified date form.
fn core_form(s: &str) -> Option<String> {
    if let Ok(d) = Edtf::parse(s) {
        return Some(d.to_string());
    }
    // Decades: 1930s, 1930's, 1930-е, 1930-х.
    for tail in ["'s", "s", "-е", "-х", "-ые", "-ых", "е", "х"] {
        if let Some(y) = s.strip_suffix(tail) {
            if y.len() == 4 && y.ends_with('0') && y.bytes().all(|b| b.is_ascii_digit()) {
                return Some(format!("{}X", &y[..3]));
            }
        }
    }
    // Year ranges: 1935-1937, 1935–1937, 1935 — 1937.
    for sep in ["–", "—", "-"] {
        if let Some((a, b)) = s.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            if is_year(a) && is_year(b) {
                return Some(format!("{a}/{b}"));
            }
        }
    }
    // Dotted numeric: 17.05.1938, 05.1938.
    let parts: Vec<&str> = s.split('.').map(str::trim).collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return match parts.as_slice() {
            [d, m, y] if is_year(y) => ymd(y, month_num(m)?, Some(day_num(d)?)),
            [m, y] if is_year(y) => ymd(y, month_num(m)?, None),
            _ => None,
        };
    }
    // Month names: "May 1938", "17 May 1938", "May 17, 1938", "17 мая 1938".
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [m, y] if is_year(y) => ymd(y, month_name(m)?, None),
        [d, m, y] if is_year(y) && d.bytes().all(|b| b.is_ascii_digit()) => {
            ymd(y, month_name(m)?, Some(day_num(d)?))
        }
        [m, d, y] if is_year(y) && d.bytes().all(|b| b.is_ascii_digit()) => {
            ymd(y, month_name(m)?, Some(day_num(d)?))
        }
        _ => None,
    }
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

fn month_num(s: &str) -> Option<u32> {
    s.parse().ok().filter(|m| (1..=12).contains(m))
}

fn day_num(s: &str) -> Option<u32> {
    s.parse().ok().filter(|d| (1..=31).contains(d))
}

fn month_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    MONTHS
        .iter()
        .find(|(_, names)| names.contains(&w))
        .map(|(n, _)| *n)
}

fn ymd(y: &str, m: u32, d: Option<u32>) -> Option<String> {
    Some(match d {
        Some(d) => format!("{y}-{m:02}-{d:02}"),
        None => format!("{y}-{m:02}"),
    })
}

#[cfg(test)]
mod tests {
    use super::to_edtf;

    fn edtf(s: &str) -> String {
        to_edtf(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .to_string()
    }

    #[test]
    fn numeric_forms_are_day_first() {
        assert_eq!(edtf("17.05.1938"), "1938-05-17");
        assert_eq!(edtf("9.12.1937."), "1937-12-09");
        assert_eq!(edtf("05.1938"), "1938-05");
        assert_eq!(edtf("1938-05-17"), "1938-05-17");
        assert_eq!(edtf(" 1335-02-14 "), "1335-02-14");
    }

    #[test]
    fn month_names_in_several_languages() {
        assert_eq!(edtf("May 1938"), "1938-05");
        assert_eq!(edtf("17 May 1938"), "1938-05-17");
        assert_eq!(edtf("May 17, 1938"), "1938-05-17");
        assert_eq!(edtf("mai 1938"), "1938-05");
        assert_eq!(edtf("Sept. 1938"), "1938-09");
        assert_eq!(edtf("май 1938"), "1938-05");
        assert_eq!(edtf("мая 1938"), "1938-05");
        assert_eq!(edtf("17 мая 1938 г."), "1938-05-17");
        assert_eq!(edtf("в сентябре 1895"), "1895-09");
        assert_eq!(edtf("Декабря 1937"), "1937-12");
    }

    #[test]
    fn decades_approximations_and_ranges() {
        assert_eq!(edtf("1930s"), "193X");
        assert_eq!(edtf("1930-е"), "193X");
        assert_eq!(edtf("1930-х гг."), "193X");
        assert_eq!(edtf("ca. 1935"), "1935~");
        assert_eq!(edtf("c.1935"), "1935~");
        assert_eq!(edtf("около 1935 г."), "1935~");
        assert_eq!(edtf("1935?"), "1935?");
        assert_eq!(edtf("1935 (?)"), "1935?");
        assert_eq!(edtf("ca. 1935?"), "1935%");
        assert_eq!(edtf("1935-1937"), "1935/1937");
        assert_eq!(edtf("1935–1937"), "1935/1937");
        assert_eq!(edtf("1938 года"), "1938");
    }

    #[test]
    fn unknown_and_invalid_forms_are_errors() {
        assert!(to_edtf("").unwrap_err().contains("empty"));
        assert!(to_edtf("5/6/1938").unwrap_err().contains("cannot read"));
        assert!(to_edtf("32.05.1938").is_err());
        assert!(to_edtf("31.02.1938").unwrap_err().contains("invalid"));
        assert!(to_edtf("Maytime 1938").is_err());
        assert!(to_edtf("ca. 1935/1937").is_err());
    }
}
