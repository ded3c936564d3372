//! A change set's records encoded once, on two cores, for both sides of a
//! bulk commit: the store writes them into its segments and the read file
//! copies them, where each used to encode every record itself (encoding was
//! a third of a bulk commit's work, and the store's side of it ran on one
//! core while the other waited).

use super::changes::ChangeSet;
use super::codec::encode_into;
use crate::parallel;
use serde::Serialize;

/// The records of one kind of element, in the change set's order (a
/// deletion has an empty record: a record is never empty).
#[derive(Default)]
pub struct Records {
    /// Runs of records, one per core, each its bytes and where each record ends.
    parts: Vec<(Vec<u8>, Vec<usize>)>,
}

impl Records {
    fn of<T: Serialize + Sync>(elements: &[&Option<T>]) -> Records {
        // Two runs, one per core, for a large change set; else one.
        let half = if elements.len() < parallel::TWO_CORES {
            elements.len()
        } else {
            elements.len().div_ceil(2)
        };
        let half = half.max(1);
        let runs: Vec<&[&Option<T>]> = elements.chunks(half).collect();
        let parts = parallel::map(&runs, 2, |run| {
            let mut bytes = Vec::new();
            let mut ends = Vec::with_capacity(run.len());
            for e in run.iter() {
                if let Some(e) = e {
                    encode_into(e, &mut bytes);
                }
                ends.push(bytes.len());
            }
            (bytes, ends)
        });
        Records { parts }
    }

    /// The record of element `i` (in the change set's order): `None` for a
    /// deletion or past the end.
    pub fn get(&self, mut i: usize) -> Option<&[u8]> {
        for (bytes, ends) in &self.parts {
            if i < ends.len() {
                let start = if i == 0 { 0 } else { ends[i - 1] };
                return bytes.get(start..ends[i]).filter(|r| !r.is_empty());
            }
            i -= ends.len();
        }
        None
    }
}

/// Every record of a change set: its nodes, then its relationships.
#[derive(Default)]
pub struct Encoded {
    /// Node records, in id order.
    pub nodes: Records,
    /// Relationship records, in id order.
    pub rels: Records,
}

impl Encoded {
    /// Encodes every element of `changes`, each kind in two halves side by
    /// side (for a large change set).
    pub fn of(changes: &ChangeSet) -> Encoded {
        let nodes: Vec<_> = changes.nodes.values().collect();
        let rels: Vec<_> = changes.rels.values().collect();
        Encoded {
            nodes: Records::of(&nodes),
            rels: Records::of(&rels),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Rel};
    use crate::store::codec::encode;

    #[test]
    fn every_record_is_the_one_encoded_alone() {
        let mut c = ChangeSet::default();
        for i in 0..(parallel::TWO_CORES + 7) {
            let id = format!("n{i:06}");
            if i % 5 == 3 {
                c.delete_node(&id);
            } else {
                let mut n = Node {
                    id,
                    labels: vec!["Person".into()],
                    ..Node::default()
                };
                n.props
                    .insert("name".into(), crate::Value::Str(format!("P {i}")));
                c.put_node(n);
            }
        }
        c.put_rel(Rel {
            id: "r".into(),
            rel_type: "KNEW".into(),
            start: "n000001".into(),
            end: "n000002".into(),
            ..Rel::default()
        });
        let e = Encoded::of(&c);
        for (i, n) in c.nodes.values().enumerate() {
            assert_eq!(e.nodes.get(i), n.as_ref().map(encode).as_deref(), "{i}");
        }
        assert_eq!(e.nodes.get(c.nodes.len()), None);
        assert_eq!(
            e.rels.get(0),
            Some(&encode(&c.rels["r"].clone().unwrap())[..])
        );
        assert_eq!(e.rels.get(1), None);
        let empty = Encoded::of(&ChangeSet::default());
        assert_eq!(empty.nodes.get(0), None);
    }
}
