//! Derived ACCUSED relationships: one per accuser × accused pair of an
//! accusation event, kept in step with the event and its participants.

use crate::model::{Node, Rel, Value};
use crate::parallel::TWO_CORES;
use crate::store::{ChangeSet, Direction, GraphRead, Result};
use compact_str::CompactString;
use std::collections::BTreeSet;

/// Id of the ACCUSED relationship derived from `event` for one pair.
pub fn accused_id(event: &str, accuser: &str, accused: &str) -> CompactString {
    compact_str::format_compact!("{event}/{accuser}>{accused}")
}

/// Whether a relationship is derived (owned by an accusation event).
pub fn is_derived(rel: &Rel) -> bool {
    rel.rel_type == "ACCUSED" && rel.id.contains('>') && rel.prop("event").is_some()
}

/// The events whose derived relationships may change with `changes`: events
/// written or deleted, and the events of participations written or deleted.
/// A large change set's nodes and relationships are looked at on two cores.
pub fn affected_events(
    base: &(dyn GraphRead + Sync),
    changes: &ChangeSet,
) -> Result<BTreeSet<CompactString>> {
    let of_nodes = || -> Result<BTreeSet<CompactString>> {
        let mut events = BTreeSet::new();
        for (id, node) in &changes.nodes {
            let was_event = match node {
                Some(n) => n.has_label("Event"),
                None => base.node(id)?.is_some_and(|n| n.has_label("Event")),
            };
            if was_event || node.is_none() {
                events.insert(id.clone());
            }
        }
        Ok(events)
    };
    let of_rels = || -> Result<BTreeSet<CompactString>> {
        let mut events = BTreeSet::new();
        for (id, rel) in &changes.rels {
            if let Some(r) = rel {
                if r.rel_type == "PARTICIPATED_IN" {
                    events.insert(r.end.clone());
                }
            }
            if let Some(old) = base.rel(id)? {
                if old.rel_type == "PARTICIPATED_IN" {
                    events.insert(old.end.clone());
                }
            }
        }
        Ok(events)
    };
    let (mut events, mut more) = if changes.len() < TWO_CORES {
        (of_nodes()?, of_rels()?)
    } else {
        std::thread::scope(|s| {
            let rels = s.spawn(of_rels);
            let nodes = of_nodes();
            let rels = rels.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            Ok::<_, crate::store::StoreError>((nodes?, rels?))
        })?
    };
    events.append(&mut more);
    Ok(events)
}

/// The derived relationships `event` should have in `after`.
fn desired(after: &dyn GraphRead, event: &Node) -> Result<Vec<Rel>> {
    if event.prop("kind").and_then(Value::as_str) != Some("accusation") {
        return Ok(Vec::new());
    }
    let mut accusers = BTreeSet::new();
    let mut accused = BTreeSet::new();
    for adj in after.adjacent(&event.id, Direction::In, Some("PARTICIPATED_IN"))? {
        let Some(rel) = after.rel(&adj.rel)? else {
            continue;
        };
        match rel.prop("role").and_then(Value::as_str) {
            Some("accuser") => accusers.insert(adj.other),
            Some("accused") => accused.insert(adj.other),
            _ => false,
        };
    }
    let mut out = Vec::new();
    for a in &accusers {
        for b in &accused {
            if a == b {
                continue;
            }
            let mut props = crate::model::Props::new();
            for key in ["date", "date_text", "charge", "sources", "certainty"] {
                if let Some(v) = event.prop(key) {
                    props.insert(key.to_string(), v.clone());
                }
            }
            props.insert("event".into(), Value::Str(event.id.clone()));
            out.push(Rel {
                pos: None,
                id: accused_id(&event.id, a, b),
                rel_type: "ACCUSED".into(),
                start: a.clone(),
                end: b.clone(),
                props,
            });
        }
    }
    Ok(out)
}

/// The writes that bring the derived relationships of `events` in step
/// with the graph `after`; `base` is the store before the change.
pub fn derive(
    base: &dyn GraphRead,
    after: &dyn GraphRead,
    events: &BTreeSet<CompactString>,
) -> Result<ChangeSet> {
    derive_events(base, after, events.iter())
}

/// [`derive`] with the events split over two cores when there are many.
/// The halves' writes are joined in event order: an event's writes name
/// ids under its own (`EVENT/...`), and where two events' writes meet (an
/// event id that begins another's, up to a `/`) the later event's write
/// wins, as it does in one pass.
pub fn derive_on_two_cores(
    base: &(dyn GraphRead + Sync),
    after: &(dyn GraphRead + Sync),
    events: &BTreeSet<CompactString>,
) -> Result<ChangeSet> {
    if events.len() < TWO_CORES {
        return derive(base, after, events);
    }
    derive_halves(base, after, events)
}

fn derive_halves(
    base: &(dyn GraphRead + Sync),
    after: &(dyn GraphRead + Sync),
    events: &BTreeSet<CompactString>,
) -> Result<ChangeSet> {
    let events: Vec<&CompactString> = events.iter().collect();
    let (first, second) = events.split_at(events.len() / 2);
    let (mut out, mut rest) = std::thread::scope(|s| {
        let rest = s.spawn(|| derive_events(base, after, second.iter().copied()));
        let out = derive_events(base, after, first.iter().copied());
        let rest = rest.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        Ok::<_, crate::store::StoreError>((out?, rest?))
    })?;
    out.rels.append(&mut rest.rels);
    Ok(out)
}

fn derive_events<'a>(
    base: &dyn GraphRead,
    after: &dyn GraphRead,
    events: impl Iterator<Item = &'a CompactString>,
) -> Result<ChangeSet> {
    let mut out = ChangeSet::default();
    for event_id in events {
        let wanted = match after.node(event_id)? {
            Some(e) if e.has_label("Event") => desired(after, &e)?,
            _ => Vec::new(),
        };
        let wanted_ids: BTreeSet<&str> = wanted.iter().map(|r| r.id.as_str()).collect();
        let mut existing = BTreeSet::new();
        // Derived relationships of an event are found through its accusers'
        // outgoing ACCUSED lists in the base store.
        for adj in base.adjacent(event_id, Direction::In, Some("PARTICIPATED_IN"))? {
            for acc in base.adjacent(&adj.other, Direction::Out, Some("ACCUSED"))? {
                if acc.rel.starts_with(&format!("{event_id}/")) && acc.rel.contains('>') {
                    existing.insert(acc.rel);
                }
            }
        }
        for id in existing {
            if !wanted_ids.contains(id.as_str()) {
                out.delete_rel(&id);
            }
        }
        for rel in wanted {
            out.put_rel(rel);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::test_graph::generated;

    /// The events' writes derived in two halves, one per core, are those
    /// derived in one go: on a generated archive, where every accusation
    /// has its derived relationships already (each is put again), and
    /// with half the events' participations gone from the view (each of
    /// theirs is deleted).
    #[test]
    fn two_halves_derive_what_one_pass_derives() {
        let db = generated(300);
        let g = db.graph();
        let events: BTreeSet<CompactString> = g
            .node_ids_with_label("Event")
            .unwrap()
            .into_iter()
            .map(Into::into)
            .collect();
        assert!(events.len() > 100, "{}", events.len());
        let one = derive(&g, &g, &events).unwrap();
        let two = derive_halves(&g, &g, &events).unwrap();
        assert!(one.rels.values().filter(|r| r.is_some()).count() > 100);
        assert_eq!(one, two);
        let mut gone = ChangeSet::default();
        for (i, id) in g
            .rel_ids_with_type("PARTICIPATED_IN")
            .unwrap()
            .iter()
            .enumerate()
        {
            if i % 2 == 0 {
                gone.delete_rel(id);
            }
        }
        let after = crate::db::overlay::Overlay::indexed(&g, &gone);
        let one = derive(&g, &after, &events).unwrap();
        assert!(one.rels.values().any(Option::is_none));
        assert_eq!(one, derive_halves(&g, &after, &events).unwrap());
    }
}
