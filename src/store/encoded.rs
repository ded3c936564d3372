//! The records of a change set encoded on every core for the read file,
//! with the name-index keys of its nodes (the store encodes its own
//! straight into segments: holding both copies at once would raise an
//! import's peak memory).

use super::changes::ChangeSet;
use super::codec::encode;

/// Encoded records in the change set's order (id order); `None` for a
/// deletion.
#[derive(Debug, Default)]
pub struct Encoded {
    /// Node records.
    pub nodes: Vec<Option<Vec<u8>>>,
    /// Name-index keys of each node written (empty for a deletion).
    pub names: Vec<Vec<String>>,
    /// Relationship records.
    pub rels: Vec<Option<Vec<u8>>>,
}

/// Below this many elements the work stays on the calling thread.
const PARALLEL_MIN: usize = 20_000;

impl Encoded {
    /// Encodes every record of `changes`.
    pub fn of(changes: &ChangeSet) -> Encoded {
        let nodes: Vec<_> = changes.nodes.values().map(Option::as_ref).collect();
        let rels: Vec<_> = changes.rels.values().map(Option::as_ref).collect();
        let named = |n: &Option<&crate::model::Node>| {
            (n.map(encode), n.map(|n| n.name_keys()).unwrap_or_default())
        };
        let (nodes, names) = in_parallel(&nodes, named).into_iter().unzip();
        Encoded {
            nodes,
            names,
            rels: in_parallel(&rels, |r| r.map(encode)),
        }
    }
}

/// `f` over `items`, in order, cut into one run per core.
fn in_parallel<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    per_core(items, |run| run.iter().map(&f).collect::<Vec<U>>())
        .into_iter()
        .flatten()
        .collect()
}

/// `f` over runs of `items`, one run per core (one run for few items),
/// results in order.
pub fn per_core<T: Sync, U: Send>(items: &[T], f: impl Fn(&[T]) -> U + Sync) -> Vec<U> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 || items.len() < PARALLEL_MIN {
        return vec![f(items)];
    }
    let per = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(per)
            .map(|run| scope.spawn(move || f(run)))
            .collect();
        runs.into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Props, Rel, Value};

    #[test]
    fn records_and_names_match_encoding_each_change_alone() {
        let mut c = ChangeSet::default();
        for i in 0..(PARALLEL_MIN + 7) {
            let mut props = Props::new();
            props.insert("name".into(), Value::Str(format!("Izak {i}")));
            c.put_node(Node {
                id: format!("n{i}"),
                labels: vec!["Person".into()],
                props,
                pos: None,
            });
            if i % 3 == 0 {
                c.put_rel(Rel {
                    id: format!("r{i}"),
                    rel_type: "ACCUSED".into(),
                    start: format!("n{i}"),
                    end: "n0".into(),
                    ..Rel::default()
                });
            }
        }
        c.delete_node("gone");
        let e = Encoded::of(&c);
        assert_eq!(e.nodes.len(), c.nodes.len());
        assert_eq!(e.rels.len(), c.rels.len());
        for ((n, rec), names) in c.nodes.values().zip(&e.nodes).zip(&e.names) {
            assert_eq!(rec, &n.as_ref().map(encode));
            assert_eq!(names, &n.as_ref().map(Node::name_keys).unwrap_or_default());
        }
        for (r, rec) in c.rels.values().zip(&e.rels) {
            assert_eq!(rec, &r.as_ref().map(encode));
        }
    }
}
