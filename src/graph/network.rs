//! The accusation network projected into petgraph, and its analyses:
//! weakly connected components, the people accused most and accusing most,
//! and the longest chains of accusation.

use crate::store::{GraphRead, Result};
use petgraph::algo::{kosaraju_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::HashMap;

/// People as nodes (by id), one edge per ACCUSED relationship.
pub struct Network {
    /// The graph; node weights are person ids, edge weights relationship ids.
    pub graph: DiGraph<String, String>,
    index: HashMap<String, NodeIndex>,
}

impl Network {
    /// Projects every ACCUSED relationship.
    ///
    /// Cost: one read per ACCUSED relationship.
    pub fn load(g: &dyn GraphRead) -> Result<Network> {
        let mut net = Network {
            graph: DiGraph::new(),
            index: HashMap::new(),
        };
        for id in g.rel_ids_with_type("ACCUSED")? {
            if let Some(r) = g.rel(&id)? {
                let a = net.node(&r.start);
                let b = net.node(&r.end);
                net.graph.add_edge(a, b, r.id.into());
            }
        }
        Ok(net)
    }

    fn node(&mut self, id: &str) -> NodeIndex {
        if let Some(i) = self.index.get(id) {
            return *i;
        }
        let i = self.graph.add_node(id.to_string());
        self.index.insert(id.to_string(), i);
        i
    }

    /// Number of weakly connected groups of people linked by accusations.
    pub fn components(&self) -> usize {
        petgraph::algo::connected_components(&self.graph)
    }

    /// The `n` people with the most distinct accusers (in-degree by person), best first.
    pub fn most_accused(&self, n: usize) -> Vec<(String, usize)> {
        self.top(n, Direction::Incoming)
    }

    /// The `n` people who accused the most distinct people, best first.
    pub fn most_accusing(&self, n: usize) -> Vec<(String, usize)> {
        self.top(n, Direction::Outgoing)
    }

    fn top(&self, n: usize, dir: Direction) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = self
            .graph
            .node_indices()
            .map(|i| {
                let mut others: Vec<NodeIndex> = self
                    .graph
                    .edges_directed(i, dir)
                    .map(|e| {
                        if dir == Direction::Incoming {
                            e.source()
                        } else {
                            e.target()
                        }
                    })
                    .collect();
                others.sort();
                others.dedup();
                (self.graph[i].clone(), others.len())
            })
            .filter(|(_, k)| *k > 0)
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.truncate(n);
        out
    }

    /// Groups of people who accused each other in a circle (strongly connected, size > 1).
    pub fn circles(&self) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = kosaraju_scc(&self.graph)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut ids: Vec<String> = c.iter().map(|i| self.graph[*i].clone()).collect();
                ids.sort();
                ids
            })
            .collect();
        out.sort();
        out
    }

    /// The longest chain of accusation (a → b → c ...) in people, when the
    /// network has no circles; `None` otherwise.
    ///
    /// Cost: O(V + E) over a topological order.
    pub fn longest_chain(&self) -> Option<Vec<String>> {
        let order = toposort(&self.graph, None).ok()?;
        let mut best: HashMap<NodeIndex, (usize, Option<NodeIndex>)> = HashMap::new();
        for &v in &order {
            let (len, _) = *best.entry(v).or_insert((1, None));
            for e in self.graph.edges_directed(v, Direction::Outgoing) {
                let t = e.target();
                let entry = best.entry(t).or_insert((1, None));
                if len + 1 > entry.0 {
                    *entry = (len + 1, Some(v));
                }
            }
        }
        let (&end, _) = best.iter().max_by(|a, b| {
            a.1 .0
                .cmp(&b.1 .0)
                .then_with(|| self.graph[*b.0].cmp(&self.graph[*a.0]))
        })?;
        let mut chain = vec![self.graph[end].clone()];
        let mut cur = end;
        while let Some((_, Some(prev))) = best.get(&cur) {
            chain.push(self.graph[*prev].clone());
            cur = *prev;
        }
        chain.reverse();
        Some(chain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn analyses_the_bundled_accusations() {
        let db = crate::bundled::memory_database();
        let net = Network::load(&db.graph()).unwrap();
        assert_eq!(net.graph.edge_count(), 4);
        assert_eq!(net.components(), 1);
        assert_eq!(
            net.most_accused(10),
            vec![("dmitriev".to_string(), 2), ("izak".to_string(), 2)]
        );
        assert_eq!(net.most_accusing(1), vec![("fedchenko".to_string(), 2)]);
        assert!(net.circles().is_empty());
        assert_eq!(net.longest_chain().unwrap().len(), 2);
    }
}
