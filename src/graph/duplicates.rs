//! Likely duplicate people, scored by name similarity after transliteration
//! folding, by agreeing dates, and by shared neighbours, each with its reason.

use crate::model::{name, Node, Value};
use crate::store::{Direction, GraphRead, Result};
use std::collections::{BTreeMap, BTreeSet};

/// A candidate pair with its score (0..=1) and the reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// One person.
    pub a: String,
    /// The other.
    pub b: String,
    /// Likelihood score, higher is likelier.
    pub score: f64,
    /// Why.
    pub reasons: Vec<String>,
}

fn neighbours(g: &dyn GraphRead, id: &str) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for dir in [Direction::Out, Direction::In] {
        for adj in g.adjacent(id, dir, None)? {
            out.insert(adj.other.into());
        }
    }
    Ok(out)
}

fn whole_keys(n: &Node) -> BTreeSet<String> {
    n.all_names()
        .into_iter()
        .map(name::fold)
        .filter(|k| !k.is_empty())
        .collect()
}

/// Scores one pair; `None` when nothing links them.
fn score(g: &dyn GraphRead, a: &Node, b: &Node) -> Result<Option<Candidate>> {
    let (ka, kb) = (whole_keys(a), whole_keys(b));
    let mut reasons = Vec::new();
    let mut score = 0.0;
    if ka.intersection(&kb).next().is_some() {
        score += 0.6;
        reasons.push(format!(
            "same name after folding ({})",
            ka.intersection(&kb).next().cloned().unwrap_or_default()
        ));
    } else {
        let (wa, wb): (BTreeSet<String>, BTreeSet<String>) = (
            a.name_keys().into_iter().collect(),
            b.name_keys().into_iter().collect(),
        );
        let shared = wa.intersection(&wb).count();
        if shared == 0 {
            return Ok(None);
        }
        score += 0.3 * shared as f64 / wa.len().max(wb.len()).max(1) as f64;
        reasons.push(format!("{shared} name word(s) in common"));
    }
    for key in ["born", "died"] {
        if let (Some(Value::Date(x)), Some(Value::Date(y))) = (a.prop(key), b.prop(key)) {
            if x.overlaps(y) {
                score += 0.15;
                reasons.push(format!("{key} dates agree ({x} / {y})"));
            } else {
                score -= 0.3;
                reasons.push(format!("{key} dates disagree ({x} / {y})"));
            }
        }
    }
    let (na, nb) = (neighbours(g, &a.id)?, neighbours(g, &b.id)?);
    let shared: Vec<&String> = na.intersection(&nb).collect();
    if !shared.is_empty() {
        score += (0.1 * shared.len() as f64).min(0.25);
        reasons.push(format!(
            "{} shared neighbour(s): {}",
            shared.len(),
            shared
                .iter()
                .take(3)
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(Some(Candidate {
        a: a.id.to_string(),
        b: b.id.to_string(),
        score: score.clamp(0.0, 1.0),
        reasons,
    }))
}

/// Likely duplicate people, best first, scoring only pairs that share a
/// name key (read through the name index).
///
/// Cost: one index lookup per name key of each person, plus the pairs found.
pub fn find(g: &dyn GraphRead, min_score: f64) -> Result<Vec<Candidate>> {
    let mut people: BTreeMap<String, Node> = BTreeMap::new();
    for id in g.node_ids_with_label("Person")? {
        if let Some(n) = g.node(&id)? {
            people.insert(id, n);
        }
    }
    let mut pairs = BTreeSet::new();
    for n in people.values() {
        for key in n.name_keys() {
            for other in g.node_ids_with_name_key(&key)? {
                if other != n.id && people.contains_key(&other) {
                    let pair = if n.id.as_str() < other.as_str() {
                        (n.id.to_string(), other)
                    } else {
                        (other, n.id.to_string())
                    };
                    pairs.insert(pair);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (a, b) in pairs {
        if let Some(c) = score(g, &people[&a], &people[&b])? {
            if c.score >= min_score {
                out.push(c);
            }
        }
    }
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    Ok(out)
}
