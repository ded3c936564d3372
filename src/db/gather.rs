//! A draft's writes gathered into a change set: the last write of each id
//! wins, an id put twice is a problem (naming where it was put before),
//! and where each id was last given is kept for the problems validation
//! finds. Nodes and relationships are gathered side by side on two cores
//! (a bulk import's hundreds of thousands of each); each side sorts its
//! writes by id once and builds its map from that order, rather than
//! inserting one write at a time into a map and a table of origins.

use super::origins::Origins;
use super::problem::{Origin, Problem};
use super::Item;
use crate::model::{Node, Rel, Schema};
use crate::store::ChangeSet;
use compact_str::CompactString;
use std::collections::BTreeMap;

/// What [`gather`] makes of a draft's items.
pub struct Gathered {
    /// The last write of each id.
    pub changes: ChangeSet,
    /// Where each node id was last given.
    pub node_origins: Origins,
    /// Where each relationship id was last given.
    pub rel_origins: Origins,
    /// Ids put twice, in the order of the items.
    pub problems: Vec<Problem>,
    /// Nodes deleted with DETACH, in the order of the items.
    pub detach: Vec<String>,
    /// The next generated node number.
    pub next_node: u64,
    /// The next generated relationship number.
    pub next_rel: u64,
}

/// One write of an id: the element, or its deletion.
enum Given<T> {
    Put(T),
    Delete(String),
}

/// An element with an id.
trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Node {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Rel {
    fn key(&self) -> &str {
        &self.id
    }
}

impl<T: Keyed> Given<T> {
    fn id(&self) -> &str {
        match self {
            Given::Put(e) => e.key(),
            Given::Delete(id) => id,
        }
    }
}

/// The writes of one kind, each with its place among the items.
type Writes<T> = Vec<(usize, Given<T>, Origin)>;

/// A side's map, origins and duplicate problems (with their item places).
type Side<T> = (
    BTreeMap<CompactString, Option<T>>,
    Origins,
    Vec<(usize, Problem)>,
);

/// Gathers the writes of `runs`, in order (generated ids numbered from
/// `next_node` and `next_rel` where the open schema asks for them).
pub fn gather(
    runs: Vec<Vec<(Item, Origin)>>,
    schema: Schema,
    mut next_node: u64,
    mut next_rel: u64,
) -> Gathered {
    // Room for each kind's writes up front: a bulk import's hundreds of
    // thousands of writes are moved once, not again at every doubling.
    let node_count = (runs.iter().flatten())
        .filter(|(i, _)| matches!(i, Item::Node(_) | Item::DeleteNode { .. }))
        .count();
    let count: usize = runs.iter().map(Vec::len).sum();
    let mut nodes: Writes<Node> = Vec::with_capacity(node_count);
    let mut rels: Writes<Rel> = Vec::with_capacity(count - node_count);
    let mut detach = Vec::new();
    for (at, (item, origin)) in runs.into_iter().flatten().enumerate() {
        match item {
            Item::Node(mut n) => {
                if n.id.is_empty() && schema == Schema::Open {
                    n.id = compact_str::format_compact!("n{next_node}");
                    next_node += 1;
                }
                nodes.push((at, Given::Put(n), origin));
            }
            Item::Rel(mut r) => {
                if r.id.is_empty() {
                    r.id = compact_str::format_compact!("r{next_rel}");
                    next_rel += 1;
                }
                rels.push((at, Given::Put(r), origin));
            }
            Item::DeleteNode { id, detach: d } => {
                if d {
                    detach.push(id.clone());
                }
                nodes.push((at, Given::Delete(id), origin));
            }
            Item::DeleteRel(id) => rels.push((at, Given::Delete(id), origin)),
        }
    }
    let node_dup = |first: &Origin, id: &str, here: &Origin| {
        Problem::new(format!("duplicate id: also given at {first}"))
            .origin(Some(here))
            .element(id)
            .field("id")
    };
    let rel_dup = |first: &Origin, id: &str, here: &Origin| {
        Problem::new(format!("duplicate relationship: also given at {first}"))
            .origin(Some(here))
            .element(id)
    };
    let ((node_map, node_origins, mut problems), (rel_map, rel_origins, rel_problems)) =
        if nodes.len() + rels.len() < 50_000 {
            (side(nodes, node_dup), side(rels, rel_dup))
        } else {
            std::thread::scope(|s| {
                let other = s.spawn(|| side(rels, rel_dup));
                let mine = side(nodes, node_dup);
                (
                    mine,
                    other
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                )
            })
        };
    problems.extend(rel_problems);
    problems.sort_by_key(|(at, _)| *at);
    Gathered {
        changes: ChangeSet {
            nodes: node_map,
            rels: rel_map,
        },
        node_origins,
        rel_origins,
        problems: problems.into_iter().map(|(_, p)| p).collect(),
        detach,
        next_node,
        next_rel,
    }
}

/// One kind's writes: sorted by id (then by place), each id's last write
/// kept, every put after an earlier put of the same id (deleted between or
/// not) a problem `dup(earlier, id, here)`.
fn side<T: Keyed>(writes: Writes<T>, dup: impl Fn(&Origin, &str, &Origin) -> Problem) -> Side<T> {
    let mut order: Vec<u32> = (0..writes.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&writes[a as usize], &writes[b as usize]);
        a.1.id().cmp(b.1.id()).then(a.0.cmp(&b.0))
    });
    let mut problems = Vec::new();
    let mut last_of_id = Vec::with_capacity(writes.len());
    let mut put_before: Option<usize> = None;
    for (k, &w) in order.iter().enumerate() {
        let w = w as usize;
        let id = writes[w].1.id();
        let same_as_before = k > 0 && writes[order[k - 1] as usize].1.id() == id;
        if !same_as_before {
            put_before = None;
        }
        if let Given::Put(_) = writes[w].1 {
            if let Some(first) = put_before {
                let (at, _, here) = &writes[w];
                problems.push((*at, dup(&writes[first].2, id, here)));
            }
            put_before = Some(w);
        }
        let last = order
            .get(k + 1)
            .is_none_or(|&next| writes[next as usize].1.id() != id);
        if last {
            last_of_id.push(w);
        }
    }
    let mut writes: Vec<Option<(Given<T>, Origin)>> =
        writes.into_iter().map(|(_, g, o)| Some((g, o))).collect();
    let mut origins = Vec::with_capacity(last_of_id.len());
    let map = last_of_id
        .into_iter()
        .filter_map(|w| writes[w].take())
        .map(|(given, origin)| {
            let id = CompactString::from(given.id());
            origins.push((id.as_str().into(), origin));
            match given {
                Given::Put(e) => (id, Some(e)),
                Given::Delete(_) => (id, None),
            }
        })
        // In id order and each id once: the map is built in one pass.
        .collect();
    (map, Origins::from_sorted(origins), problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Props;

    fn node(id: &str, name: &str) -> Item {
        let mut props = Props::new();
        props.insert("name".into(), crate::model::Value::Str(name.into()));
        Item::Node(Node {
            id: id.into(),
            labels: vec!["Person".into()],
            props,
            pos: None,
        })
    }

    fn rel(id: &str) -> Item {
        Item::Rel(Rel {
            pos: None,
            id: id.into(),
            rel_type: "KNEW".into(),
            start: "a".into(),
            end: "b".into(),
            props: Props::new(),
        })
    }

    /// The same items gathered one write at a time, the way the
    /// database did before: the model to compare with.
    fn one_at_a_time(items: &[(Item, Origin)]) -> (ChangeSet, Vec<String>) {
        let mut changes = ChangeSet::default();
        let mut puts: BTreeMap<(bool, CompactString), Origin> = BTreeMap::new();
        let mut problems = Vec::new();
        for (item, origin) in items {
            match item.clone() {
                Item::Node(n) => {
                    if let Some(first) = puts.insert((true, n.id.clone()), origin.clone()) {
                        problems.push(format!("{origin}: {}: dup {first}", n.id));
                    }
                    changes.put_node(n);
                }
                Item::Rel(r) => {
                    if let Some(first) = puts.insert((false, r.id.clone()), origin.clone()) {
                        problems.push(format!("{origin}: {}: dup {first}", r.id));
                    }
                    changes.put_rel(r);
                }
                Item::DeleteNode { id, .. } => changes.delete_node(&id),
                Item::DeleteRel(id) => changes.delete_rel(&id),
            }
        }
        (changes, problems)
    }

    #[test]
    fn the_last_write_wins_and_every_second_put_is_a_problem_in_item_order() {
        // Enough items to be gathered on two cores, and few to be gathered
        // on one: the same result either way.
        for n in [40usize, 60_000] {
            let mut items = Vec::new();
            for i in 0..n {
                let at = Origin::at("a.jsonl", i + 1);
                let id = format!("p{}", (i * 7919) % (n - n / 10));
                let item = match i % 5 {
                    0 | 1 => node(&id, &format!("N{i}")),
                    2 => rel(&format!("r{}", i % 97)),
                    3 if i % 10 == 3 => Item::DeleteNode {
                        id,
                        detach: i % 20 == 3,
                    },
                    3 => Item::DeleteRel(format!("r{}", i % 89)),
                    _ => node(&id, "same"),
                };
                items.push((item, at));
            }
            let (want, want_problems) = one_at_a_time(&items);
            let detach_want: Vec<String> = (items.iter())
                .filter_map(|(item, _)| match item {
                    Item::DeleteNode { id, detach: true } => Some(id.clone()),
                    _ => None,
                })
                .collect();
            let g = gather(vec![items.clone()], Schema::Prosopography, 1, 1);
            assert_eq!(g.changes, want, "{n} items");
            assert!(!want_problems.is_empty());
            let got: Vec<String> = (g.problems.iter())
                .map(|p| {
                    let first = p.message.rsplit(' ').next().unwrap_or_default();
                    let (origin, id) = (p.origin.clone().unwrap(), p.element.clone().unwrap());
                    format!("{origin}: {id}: dup {first}")
                })
                .collect();
            assert_eq!(got, want_problems, "{n} items");
            assert_eq!(g.detach, detach_want);
            // Cut into runs anywhere (some empty), they gather the same.
            let cuts = [0, n / 3, n / 3, n - 1, n];
            let mut runs = vec![Vec::new()];
            runs.extend(cuts.windows(2).map(|w| items[w[0]..w[1]].to_vec()));
            let in_runs = gather(runs, Schema::Prosopography, 1, 1);
            assert_eq!(in_runs.changes, g.changes, "{n} items in runs");
            assert_eq!(in_runs.problems, g.problems, "{n} items in runs");
            assert_eq!(in_runs.detach, g.detach);
            // Where each id was last given, put or deleted.
            let mut last: BTreeMap<(bool, &str), &Origin> = BTreeMap::new();
            for (item, origin) in &items {
                let key = match item {
                    Item::Node(n) => (true, n.id.as_str()),
                    Item::DeleteNode { id, .. } => (true, id.as_str()),
                    Item::Rel(r) => (false, r.id.as_str()),
                    Item::DeleteRel(id) => (false, id.as_str()),
                };
                last.insert(key, origin);
            }
            for ((is_node, id), origin) in last {
                let origins = if is_node {
                    &g.node_origins
                } else {
                    &g.rel_origins
                };
                assert_eq!(origins.get(id), Some(origin), "{id}");
            }
            assert_eq!(g.node_origins.get("nobody"), None);
        }
    }

    #[test]
    fn a_put_after_a_delete_is_still_a_second_put_and_ids_are_generated_in_order() {
        let items = vec![
            (node("izak", "I"), Origin::at("a.jsonl", 1)),
            (
                Item::DeleteNode {
                    id: "izak".into(),
                    detach: false,
                },
                Origin::at("a.jsonl", 2),
            ),
            (node("izak", "J"), Origin::at("a.jsonl", 3)),
            (node("", "first"), Origin::at("a.jsonl", 4)),
            (rel(""), Origin::at("a.jsonl", 5)),
            (node("", "second"), Origin::at("a.jsonl", 6)),
        ];
        let g = gather(vec![items], Schema::Open, 7, 3);
        let messages: Vec<String> = g.problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].contains("a.jsonl:3") && messages[0].contains("also given at a.jsonl:1"),
            "{}",
            messages[0]
        );
        assert_eq!(g.node_origins.get("izak"), Some(&Origin::at("a.jsonl", 3)));
        let ids: Vec<&CompactString> = g.changes.nodes.keys().collect();
        assert_eq!(ids, ["izak", "n7", "n8"]);
        assert!(g.changes.rels.contains_key("r3"));
        assert_eq!((g.next_node, g.next_rel), (9, 4));
    }
}
