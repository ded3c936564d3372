//! `prosopo add KIND`: one entry from flags, through the same conversion and
//! validation as an imported file.

use super::args::{AddArgs, Args};
use super::open;
use crate::db::{DataError, Draft, Problem};
use crate::ingest::entries::Converter;
use crate::ingest::entry::{Entry, Field};
use crate::model::Value;
use anyhow::Result;
use clap::ValueEnum;
use std::collections::BTreeMap;

/// Runs `add`.
pub fn run(args: &Args, a: &AddArgs) -> Result<i32> {
    let entry = entry_of(a).map_err(|p| DataError(vec![p]))?;
    let db = open::open(args)?;
    let mut draft = Draft::default();
    let mut problems = Vec::new();
    Converter::new("add", db.schema()).convert(entry, &mut draft, &mut problems);
    if !problems.is_empty() {
        return Err(DataError(problems).into());
    }
    let ids: Vec<compact_str::CompactString> = draft
        .writes()
        .filter_map(|(item, _)| match item {
            crate::db::Item::Node(n) => Some(n.id.clone()),
            crate::db::Item::Rel(r) if draft.len() == 1 => Some(r.id.clone()),
            _ => None,
        })
        .collect();
    let report = db.apply(draft, a.dry_run, &mut |_, _| {})?;
    if !args.quiet {
        let verb = if a.dry_run { "would add" } else { "added" };
        eprintln!(
            "{verb} {} ({} created, {} updated, {} unchanged, {} derived accusations)",
            ids.join(", "),
            report.created,
            report.updated,
            report.unchanged,
            report.derived
        );
    }
    println!("{}", ids.join("\n"));
    Ok(0)
}

/// Builds the entry the flags describe.
fn entry_of(a: &AddArgs) -> Result<Entry, Problem> {
    let mut fields: BTreeMap<String, Field> = BTreeMap::new();
    let mut put = |k: &str, v: Value| {
        fields.insert(k.to_string(), Field { value: v, line: 1 });
    };
    let s = |x: &str| Value::Str(x.into());
    let list = |xs: &[String]| Value::List(xs.iter().map(|x| Value::Str(x.into())).collect());
    for (k, v) in [
        ("id", &a.id),
        ("name", &a.name),
        ("title", &a.title),
        ("kind", &a.kind_value),
        ("date", &a.date),
        ("date_text", &a.date_text),
        ("charge", &a.charge),
        ("certainty", &a.certainty),
        ("at", &a.at),
        ("part_of", &a.part_of),
        ("located_in", &a.located_in),
        ("person", &a.person),
        ("of", &a.of),
        ("role", &a.role),
    ] {
        if let Some(v) = v {
            put(k, s(v));
        }
    }
    for (k, v) in [
        ("names", &a.names),
        ("sources", &a.sources),
        ("accusers", &a.accusers),
        ("accused", &a.accused),
    ] {
        if !v.is_empty() {
            put(k, list(v));
        }
    }
    if !a.participants.is_empty() {
        let mut items = Vec::new();
        for p in &a.participants {
            let Some((person, role)) = p.split_once('=') else {
                return Err(Problem::new(format!(
                    "--participant '{p}' must be PERSON=ROLE, e.g. izak=accused"
                ))
                .field("participant"));
            };
            let mut m = BTreeMap::new();
            m.insert("person".to_string(), s(person));
            m.insert("role".to_string(), s(role));
            items.push(Value::Map(m));
        }
        put("participants", Value::List(items));
    }
    for kv in &a.set {
        let Some((k, v)) = kv.split_once('=') else {
            return Err(Problem::new(format!("--set '{kv}' must be KEY=VALUE")).field("set"));
        };
        let value = if let Ok(i) = v.parse::<i64>() {
            Value::Int(i)
        } else if let Ok(f) = v.parse::<f64>() {
            Value::Float(f)
        } else {
            s(v)
        };
        put(k, value);
    }
    let kind = a
        .kind
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    Ok(Entry {
        kind,
        line: 1,
        fields,
    })
}
