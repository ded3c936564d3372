//! What a timeline shows, before it is laid out: one item per event and
//! per accusation not already shown by its event, or, with lanes, one item
//! per person and event seen from that person ("accused Izak", "accused
//! by Fedchenko"), plus the links between lanes that show who accused whom.

use super::dot_ast::wrap;
use super::error::RenderError;
use super::select::members;
use super::window::{date_of, full_date, Fit, Window};
use crate::date::Edtf;
use crate::model::{Node, Props, Rel, Value};
use crate::store::{Direction, GraphRead};
use std::collections::{BTreeMap, BTreeSet};

/// Width, in characters, at which item labels wrap.
const WIDTH: usize = 30;

/// One box on the timeline.
#[derive(Clone, Debug)]
pub struct Item {
    /// Unique key (an event or relationship id, with the lane's person).
    pub key: String,
    /// The lane (index into the lanes) this item belongs to.
    pub lane: Option<usize>,
    /// The date it is placed by.
    pub date: Option<Edtf>,
    /// Label lines.
    pub lines: Vec<String>,
    /// Event kind (`accusation` for an accusation without an event).
    pub kind: String,
    /// Where it stands in the window.
    pub fit: Fit,
    /// The element's id (event or relationship).
    pub element: String,
}

/// Everything to draw.
#[derive(Debug, Default)]
pub struct Collected {
    /// The items.
    pub items: Vec<Item>,
    /// Accuser item key → accused item key, between lanes.
    pub links: Vec<(String, String)>,
    /// Event item key → the item key of the event it is part of.
    pub part_of: Vec<(String, String)>,
}

/// Items of the whole graph, or of the events at `institution` and the
/// accusations among its members.
pub fn general(
    g: &dyn GraphRead,
    institution: Option<&Node>,
    window: &Window,
) -> Result<Collected, RenderError> {
    let (events, accused) = scope(g, institution)?;
    let mut out = Collected::default();
    let mut shown = BTreeSet::new();
    for id in &events {
        let Some(e) = g.node(id)? else { continue };
        let mut lines = vec![kind_of(&e).to_uppercase()];
        lines.extend(wrap(e.display_name(), WIDTH));
        if let Some(c) = e.prop("charge") {
            if !e.display_name().contains(&c.to_string()) {
                lines.push(format!("charge: {c}"));
            }
        }
        if let Some(item) = item(id.clone(), None, &e.props, lines, kind_of(&e), id, window) {
            shown.insert(id.clone());
            out.items.push(item);
        }
    }
    for rel in accused {
        if rel_event(&rel).is_some_and(|e| shown.contains(e)) {
            continue;
        }
        let lines = vec![
            "ACCUSATION".to_string(),
            format!("{} accused {}", name(g, &rel.start)?, name(g, &rel.end)?),
        ];
        out.items.extend(item(
            rel.id.to_string(),
            None,
            &rel.props,
            lines,
            "accusation",
            &rel.id,
            window,
        ));
    }
    for id in &shown {
        for adj in g.adjacent(id, Direction::Out, Some("PART_OF"))? {
            if shown.contains(adj.other.as_str()) {
                out.part_of.push((id.clone(), adj.other.into()));
            }
        }
    }
    Ok(out)
}

/// Items of one lane per person: the events each took part in and the
/// accusations each made or received, seen from that person.
pub fn lanes(
    g: &dyn GraphRead,
    people: &[Node],
    institution: Option<&Node>,
    window: &Window,
) -> Result<Collected, RenderError> {
    let allowed = match institution {
        Some(inst) => {
            let (events, accused) = scope(g, Some(inst))?;
            let mut set: BTreeSet<String> = events.into_iter().collect();
            set.extend(accused.into_iter().map(|r| r.id.into()));
            Some(set)
        }
        None => None,
    };
    let ok = |id: &str| allowed.as_ref().is_none_or(|s| s.contains(id));
    let lane_of: BTreeMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut out = Collected::default();
    // (accuser, accused, element) triples, linked once both items exist.
    let mut pairs = Vec::new();
    for (lane, p) in people.iter().enumerate() {
        for adj in g.adjacent(&p.id, Direction::Out, Some("PARTICIPATED_IN"))? {
            let (Some(rel), Some(e)) = (g.rel(&adj.rel)?, g.node(&adj.other)?) else {
                continue;
            };
            if !ok(&e.id) {
                continue;
            }
            let role = rel
                .prop("role")
                .and_then(Value::as_str)
                .unwrap_or("participant");
            let kind = kind_of(&e);
            let mut lines;
            if kind == "accusation" && (role == "accuser" || role == "accused") {
                let other = if role == "accuser" {
                    "accused"
                } else {
                    "accuser"
                };
                let others = participants(g, &e.id, other)?;
                for o in &others {
                    if let Some(&l) = lane_of.get(o.as_str()) {
                        if role == "accuser" {
                            pairs.push((lane, l, e.id.clone()));
                        }
                    }
                }
                let mut names = Vec::new();
                for o in &others {
                    names.push(name(g, o)?);
                }
                lines = vec![if role == "accuser" {
                    "ACCUSED"
                } else {
                    "ACCUSED BY"
                }
                .to_string()];
                if names.is_empty() {
                    lines.push("(accuser not named)".to_string());
                } else {
                    lines.extend(wrap(&names.join(", "), WIDTH));
                }
                if let Some(c) = e.prop("charge") {
                    lines.push(format!("of {c}"));
                }
            } else {
                lines = vec![kind.to_uppercase()];
                lines.extend(wrap(e.display_name(), WIDTH));
                lines.push(format!("as {role}"));
            }
            let key = format!("{}\u{0}{}", p.id, e.id);
            out.items
                .extend(item(key, Some(lane), &e.props, lines, kind, &e.id, window));
        }
        for dir in [Direction::Out, Direction::In] {
            for adj in g.adjacent(&p.id, dir, Some("ACCUSED"))? {
                let Some(rel) = g.rel(&adj.rel)? else {
                    continue;
                };
                if rel_event(&rel).is_some() || !ok(&rel.id) {
                    continue;
                }
                let (head, other) = match dir {
                    Direction::Out => ("ACCUSED", &rel.end),
                    Direction::In => ("ACCUSED BY", &rel.start),
                };
                if dir == Direction::Out {
                    if let Some(&l) = lane_of.get(rel.end.as_str()) {
                        pairs.push((lane, l, rel.id.clone()));
                    }
                }
                let mut lines = vec![head.to_string(), name(g, other)?];
                if let Some(c) = rel.prop("charge") {
                    lines.push(format!("of {c}"));
                }
                let key = format!("{}\u{0}{}", p.id, rel.id);
                out.items.extend(item(
                    key,
                    Some(lane),
                    &rel.props,
                    lines,
                    "accusation",
                    &rel.id,
                    window,
                ));
            }
        }
    }
    let keys: BTreeSet<&str> = out.items.iter().map(|i| i.key.as_str()).collect();
    for (a, b, element) in pairs {
        let ka = format!("{}\u{0}{element}", people[a].id);
        let kb = format!("{}\u{0}{element}", people[b].id);
        if keys.contains(ka.as_str()) && keys.contains(kb.as_str()) {
            out.links.push((ka, kb));
        }
    }
    Ok(out)
}

/// The item for one element, with its date line; `None` outside the window.
fn item(
    key: String,
    lane: Option<usize>,
    props: &Props,
    mut lines: Vec<String>,
    kind: &str,
    element: &str,
    window: &Window,
) -> Option<Item> {
    let date = date_of(props).cloned();
    let fit = window.fit(date.as_ref());
    if fit == Fit::Outside {
        return None;
    }
    lines.extend(wrap(&full_date(props), WIDTH + 4));
    Some(Item {
        key,
        lane,
        date,
        lines,
        kind: kind.to_string(),
        fit,
        element: element.to_string(),
    })
}

/// The events and ACCUSED relationships in scope: all, or those at an
/// institution (events AT it, accusations among its members).
fn scope(
    g: &dyn GraphRead,
    institution: Option<&Node>,
) -> Result<(Vec<String>, Vec<Rel>), RenderError> {
    let mut accused = Vec::new();
    let Some(inst) = institution else {
        for id in g.rel_ids_with_type("ACCUSED")? {
            accused.extend(g.rel(&id)?);
        }
        return Ok((g.node_ids_with_label("Event")?, accused));
    };
    let mut events: BTreeSet<String> = g
        .adjacent(&inst.id, Direction::In, Some("AT"))?
        .into_iter()
        .map(|a| a.other.into())
        .collect();
    let m = members(g, &inst.id)?;
    for p in &m {
        for adj in g.adjacent(p, Direction::Out, Some("ACCUSED"))? {
            if m.contains(adj.other.as_str()) {
                if let Some(rel) = g.rel(&adj.rel)? {
                    if let Some(e) = rel_event(&rel) {
                        events.insert(e.to_string());
                    }
                    accused.push(rel);
                }
            }
        }
    }
    Ok((events.into_iter().collect(), accused))
}

fn rel_event(rel: &Rel) -> Option<&str> {
    rel.prop("event").and_then(Value::as_str)
}

fn kind_of(e: &Node) -> &str {
    e.prop("kind").and_then(Value::as_str).unwrap_or("event")
}

fn name(g: &dyn GraphRead, id: &str) -> Result<String, RenderError> {
    Ok(g.node(id)?
        .map(|n| n.display_name().to_string())
        .unwrap_or_else(|| id.to_string()))
}

/// Ids of the people with `role` in `event`, in id order.
fn participants(g: &dyn GraphRead, event: &str, role: &str) -> Result<Vec<String>, RenderError> {
    let mut out = Vec::new();
    for adj in g.adjacent(event, Direction::In, Some("PARTICIPATED_IN"))? {
        if let Some(rel) = g.rel(&adj.rel)? {
            if rel.prop("role").and_then(Value::as_str) == Some(role) {
                out.push(adj.other.into());
            }
        }
    }
    out.sort();
    Ok(out)
}
