//! The JSONL interchange (the shape of Neo4j APOC's JSON export), read back
//! losslessly. Derived ACCUSED relationships are skipped: the database
//! derives them again from their events.

use super::entries::{date_from_text, date_value};
use super::jsonl_line::{id_text, pairs, text, value, BadValue, Line};
use crate::db::{Draft, Item, Origin, Problem};
use crate::model::schema::is_date_prop;
use crate::model::{Node, Props, Rel, Schema, Value};
use compact_str::CompactString;
use serde_json::value::RawValue;
use std::sync::Arc;

/// Parses JSONL text into `draft`; problems name the file and line.
pub fn parse(
    file: &str,
    text: &str,
    schema: Schema,
    draft: &mut Draft,
    problems: &mut Vec<Problem>,
) {
    parse_part(&file.into(), text, 0, schema, draft, problems);
}

/// Parses a part of a JSONL file (whole lines) that follows its first
/// `lines_before` lines.
pub(crate) fn parse_part(
    file: &Arc<str>,
    text: &str,
    lines_before: usize,
    schema: Schema,
    draft: &mut Draft,
    problems: &mut Vec<Problem>,
) {
    // Lines parse independently: a large text is cut into one run of
    // lines per core (at line ends), the runs parsed in parallel, each
    // numbering its lines from the lines before it, and added to the
    // draft in order.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 || text.len() < PARALLEL_BYTES {
        parse_run(file, text, lines_before, schema, &mut draft.items, problems);
        return;
    }
    // Each run's lines are numbered from those before it (every run but
    // the last ends at a line end, so its lines are its line-end bytes).
    let runs: Vec<(&str, usize, usize)> = runs(text, cores)
        .into_iter()
        .scan(lines_before, |first, run| {
            let lines = super::files::line_ends(run.as_bytes());
            let numbered = (run, *first, lines + 1);
            *first += lines;
            Some(numbered)
        })
        .collect();
    let parts: Vec<Parsed> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .into_iter()
            .enumerate()
            .map(|(k, (run, first, lines))| {
                scope.spawn(move || {
                    // Room for every line once (a vector grown by doubling
                    // holds up to three times its items while it moves).
                    let mut items = Vec::with_capacity(lines);
                    let mut problems = Vec::new();
                    // Each run counts references to a name of its own: one
                    // shared by both cores was a cache line they took from
                    // each other at every line.
                    let file: Arc<str> = if k == 0 {
                        file.clone()
                    } else {
                        Arc::from(&**file)
                    };
                    parse_run(&file, run, first, schema, &mut items, &mut problems);
                    (items, problems)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    // Each run's elements join the draft as they are, not moved into one
    // vector (a copy of every element, on one core).
    for (items, mut found) in parts {
        draft.append_run(items);
        problems.append(&mut found);
    }
}

/// `text` cut into `n` runs of whole lines of about equal length (fewer
/// when it has fewer lines): each cut follows a line end, found by its
/// byte, which never occurs inside a character.
fn runs(text: &str, n: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut runs = Vec::with_capacity(n);
    let mut from = 0;
    for k in 1..n {
        let cut = (text.len() / n * k).max(from);
        let Some(at) = bytes[cut..].iter().position(|b| *b == b'\n') else {
            break;
        };
        let to = cut + at + 1;
        runs.push(text.get(from..to).unwrap_or_default());
        from = to;
    }
    runs.push(text.get(from..).unwrap_or_default());
    runs
}

/// From this many bytes on, a file's lines are parsed on every core.
const PARALLEL_BYTES: usize = 1 << 20;

/// Parses the lines of `run`, numbered from `first` + 1.
fn parse_run(
    file: &Arc<str>,
    run: &str,
    first: usize,
    schema: Schema,
    items: &mut Vec<(Item, Origin)>,
    problems: &mut Vec<Problem>,
) {
    for (i, line) in run.lines().enumerate() {
        parse_line(file, first + i, line, schema, items, problems);
    }
}

/// The elements and problems of a run.
type Parsed = (Vec<(Item, Origin)>, Vec<Problem>);

/// One line of a JSONL file (`i` counts from 0).
fn parse_line(
    file: &Arc<str>,
    i: usize,
    line: &str,
    schema: Schema,
    items: &mut Vec<(Item, Origin)>,
    problems: &mut Vec<Problem>,
) {
    let origin = Origin::at(file.clone(), i + 1);
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    let p = |msg: String| Problem::new(msg).origin(Some(&origin));
    let obj = match Line::read(line) {
        Ok(o) => o,
        Err(e) => {
            problems.push(p(format!("invalid JSON: {e}")));
            return;
        }
    };
    let id = match obj.id.map(id_text) {
        Some(Some(id)) => CompactString::from(id),
        None if schema == Schema::Open => CompactString::default(),
        _ => {
            problems.push(p("missing \"id\"".into()).field("id"));
            return;
        }
    };
    let props = match obj.properties.filter(|raw| raw.get() != "null") {
        None => Props::new(),
        Some(raw) => {
            let Some(pairs) = pairs(raw) else {
                problems.push(
                    p("\"properties\" must be an object".into())
                        .element(&id)
                        .field("properties"),
                );
                return;
            };
            // Exactly as many pairs as given: a vector grown one pair at a
            // time holds up to twice that until the commit.
            let mut props = Vec::with_capacity(pairs.len());
            for (k, raw) in pairs {
                let date = schema == Schema::Prosopography && is_date_prop(&k);
                let given = match date.then(|| text(raw)).flatten() {
                    // A date given as text is parsed from the line's text.
                    Some(t) => date_from_text(&t).map_err(BadValue::Value),
                    None => value(raw),
                };
                let value = match given {
                    Ok(Value::Null) => continue,
                    Ok(v @ Value::Date(_)) if date => v,
                    Ok(v) if date => match date_value(&v) {
                        Ok(d) => d,
                        Err(e) => {
                            problems.push(p(e).element(&id).field(&k));
                            return;
                        }
                    },
                    Ok(v) => v,
                    Err(BadValue::Value(e)) => {
                        problems.push(p(e).element(&id).field(&k));
                        return;
                    }
                    Err(BadValue::Json(e)) => {
                        problems.push(p(format!("invalid JSON: {e}")).element(&id).field(&k));
                        return;
                    }
                };
                props.push((CompactString::from(k.as_ref()), value));
            }
            Props::from_iter(props)
        }
    };
    match obj.kind.and_then(text).as_deref() {
        Some("node") => {
            let labels = match obj.labels {
                Some(raw) => match serde_json::from_str::<Vec<CompactString>>(raw.get()) {
                    Ok(labels) => labels,
                    Err(_) => {
                        problems.push(
                            p("\"labels\" must be a list of strings".into())
                                .element(&id)
                                .field("labels"),
                        );
                        return;
                    }
                },
                None => Vec::new(),
            };
            items.push((
                Item::Node(Node {
                    id,
                    labels,
                    props,
                    pos: None,
                }),
                origin,
            ));
        }
        Some("relationship") => {
            // An end is an object whose "id" is a string or a number.
            let end_id = |end: Option<&RawValue>| {
                let end = Line::read(end?.get()).ok()?;
                id_text(end.id?).map(CompactString::from)
            };
            let (Some(start), Some(end)) = (end_id(obj.start), end_id(obj.end)) else {
                problems.push(
                    p(
                        "a relationship needs \"start\": {\"id\": ...} and \"end\": {\"id\": ...}"
                            .into(),
                    )
                    .element(&id),
                );
                return;
            };
            let Some(rel_type) = obj.label.and_then(text) else {
                problems.push(
                    p("a relationship needs a \"label\" (its type)".into())
                        .element(&id)
                        .field("label"),
                );
                return;
            };
            let rel = Rel {
                pos: None,
                id,
                rel_type: rel_type.into(),
                start,
                end,
                props,
            };
            if schema == Schema::Prosopography && crate::db::derive::is_derived(&rel) {
                return;
            }
            items.push((Item::Rel(rel), origin));
        }
        Some(other) => problems.push(
            p(format!(
                "unknown element type '{other}'; use \"node\" or \"relationship\""
            ))
            .field("type"),
        ),
        None => {
            problems.push(p("missing \"type\" (\"node\" or \"relationship\")".into()).field("type"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// Cuts fall after line ends only, never inside a character, and the
    /// runs put together are the text.
    #[test]
    fn runs_are_whole_lines_and_cover_the_text() {
        let line = "{\"name\":\"Пантюхин ё\"}\n";
        for lines in [0, 1, 2, 3, 7, 100] {
            for pad in ["", "x", "xy", "я"] {
                let text = format!("{pad}{}", line.repeat(lines));
                for n in 1..=5 {
                    let cut = runs(&text, n);
                    assert!(!cut.is_empty() && cut.len() <= n);
                    assert_eq!(cut.concat(), text, "{lines} {pad:?} {n}");
                    for run in &cut[..cut.len() - 1] {
                        assert!(run.ends_with('\n'), "{run:?}");
                    }
                }
            }
        }
        // A cut in the middle of a character moves to the next line end.
        let text = "я".repeat(5) + "\n" + &"я".repeat(20) + "\nbcd\n";
        assert!(!text.is_char_boundary(text.len() / 2));
        let end = text.len() - "bcd\n".len();
        assert_eq!(runs(&text, 2), vec![&text[..end], &text[end..]]);
    }

    /// The line of each element read.
    fn item_lines(draft: &Draft) -> Vec<Option<usize>> {
        draft.writes().map(|(_, o)| o.line).collect()
    }

    /// The line of each problem.
    fn problem_lines(problems: &[Problem]) -> Vec<Option<usize>> {
        problems
            .iter()
            .map(|p| p.origin.as_ref().and_then(|o| o.line))
            .collect()
    }

    /// A part of a file after its first lines, large enough for two cores:
    /// every element and problem, on either side of the cut, has its line
    /// in the file.
    #[test]
    fn a_part_numbers_its_lines_after_those_before_it() {
        let mut text = String::new();
        for i in 1..=30_000 {
            if i % 7_001 == 0 {
                text.push_str("{bad\n");
            } else {
                let _ = writeln!(text, r#"{{"type":"node","id":"p{i}","labels":["Person"]}}"#);
            }
        }
        assert!(text.len() > PARALLEL_BYTES);
        let (mut whole, mut whole_problems) = (Draft::default(), Vec::new());
        parse(
            "f.jsonl",
            &text,
            Schema::Prosopography,
            &mut whole,
            &mut whole_problems,
        );
        let (mut part, mut problems) = (Draft::default(), Vec::new());
        let name: Arc<str> = "f.jsonl".into();
        parse_part(
            &name,
            &text,
            1000,
            Schema::Prosopography,
            &mut part,
            &mut problems,
        );
        let moved: Vec<Option<usize>> = item_lines(&whole)
            .iter()
            .map(|l| l.map(|l| l + 1000))
            .collect();
        assert_eq!(item_lines(&part), moved);
        assert_eq!(
            problem_lines(&whole_problems),
            [7_001, 14_002, 21_003, 28_004].map(Some)
        );
        assert_eq!(
            problem_lines(&problems),
            [8_001, 15_002, 22_003, 29_004].map(Some)
        );
    }

    /// A run of only bad lines before the cut: the lines after it keep
    /// their numbers all the same.
    #[test]
    fn lines_after_a_run_without_elements_keep_their_numbers() {
        let (bad, good) = (20_000, 10_000);
        let mut text = format!("{}\n", "x".repeat(100)).repeat(bad);
        for i in 1..=good {
            let _ = writeln!(text, r#"{{"type":"node","id":"p{i}","labels":["Person"]}}"#);
        }
        let mut draft = Draft::default();
        let mut problems = Vec::new();
        parse(
            "f.jsonl",
            &text,
            Schema::Prosopography,
            &mut draft,
            &mut problems,
        );
        let want: Vec<Option<usize>> = (bad + 1..=bad + good).map(Some).collect();
        assert_eq!(item_lines(&draft), want);
        let want: Vec<Option<usize>> = (1..=bad).map(Some).collect();
        assert_eq!(problem_lines(&problems), want);
    }

    /// A long part after other lines and writes: its lines count on from
    /// those before it and its writes follow theirs.
    #[test]
    fn a_long_part_numbers_its_lines_after_those_before() {
        let (n, bad) = (40_000, 30_000);
        let mut text = String::new();
        for i in 1..=n {
            if i == bad {
                text.push_str("{not json\n");
                continue;
            }
            let _ = writeln!(
                text,
                r#"{{"type":"node","id":"p{i}","labels":["Person"],"properties":{{"name":"P {i}"}}}}"#
            );
        }
        assert!(text.len() > PARALLEL_BYTES);
        let mut draft = Draft::default();
        let before = (Item::DeleteRel("r0".into()), Origin::at("a.jsonl", 7));
        draft.items.push(before);
        let mut problems = Vec::new();
        let file: Arc<str> = "big.jsonl".into();
        parse_part(
            &file,
            &text,
            1000,
            Schema::Prosopography,
            &mut draft,
            &mut problems,
        );
        let lines: Vec<Option<usize>> = item_lines(&draft);
        let want: Vec<Option<usize>> = std::iter::once(7)
            .chain((1..=n).filter(|i| *i != bad).map(|i| i + 1000))
            .map(Some)
            .collect();
        assert_eq!(lines, want);
        assert_eq!(problem_lines(&problems), vec![Some(bad + 1000)]);
    }

    /// A file long enough to be parsed in parallel, with bad lines early,
    /// in the middle and last: everything comes back in line order.
    #[test]
    fn a_long_file_parses_in_order_with_every_problem() {
        let n = 50_000;
        let bad = [5, 25_001, n];
        let mut text = String::new();
        for i in 1..=n {
            if bad.contains(&i) {
                text.push_str("{not json\n");
            } else {
                let _ = writeln!(
                    text,
                    r#"{{"type":"node","id":"p{i}","labels":["Person"],"properties":{{"name":"P {i}"}}}}"#
                );
            }
        }
        let mut draft = Draft::default();
        let mut problems = Vec::new();
        parse(
            "big.jsonl",
            &text,
            Schema::Prosopography,
            &mut draft,
            &mut problems,
        );
        assert_eq!(draft.len(), n - bad.len());
        let ids: Vec<String> = draft
            .writes()
            .map(|(item, _)| match item {
                Item::Node(n) => n.id.to_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        let expected: Vec<String> = (1..=n)
            .filter(|i| !bad.contains(i))
            .map(|i| format!("p{i}"))
            .collect();
        assert_eq!(ids, expected);
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 3);
        for (p, line) in lines.iter().zip(bad) {
            assert!(p.contains(&format!("big.jsonl:{line}")), "{p}");
        }
        // Every element keeps its own line, on either side of the cut.
        let mut good = (1..=n).filter(|i| !bad.contains(i));
        for (_, o) in draft.writes() {
            assert_eq!(o.line, good.next());
        }
        let origins: Vec<String> = draft.writes().take(5).map(|(_, o)| o.to_string()).collect();
        assert_eq!(
            origins,
            [
                "big.jsonl:1",
                "big.jsonl:2",
                "big.jsonl:3",
                "big.jsonl:4",
                "big.jsonl:6"
            ]
        );
    }
}
