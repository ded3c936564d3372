//! Variables whose elements a read query never needs to decode, so the
//! matcher binds them known by their read-file position alone:
//!
//! - a relationship variable seen only as the `x` of `earliest(x.date)` or
//!   `latest(x.date)` (accusation chains compare exactly that): those calls
//!   read the read file's date column (see [`crate::store::Bounds`]);
//! - a node variable seen only through those calls, `count(x)` /
//!   `count(DISTINCT x)` and `x.id` (counting compares ids, which the bound
//!   node keeps; `x.id` reads a property named `id` first, which the read
//!   file flags; its labels are checked in the label index);
//! - either, also seen as `x.date` when that is a whole ORDER BY key: the
//!   sort compares the ranks the read file gives stored dates (see
//!   [`crate::query::ops::sort`]), reading the record only of an element
//!   without one.
//!
//! The analysis is conservative: a relationship variable qualifies only if
//! a single one-hop pattern without a property map declares it; a node
//! variable only if no pattern gives it a property map. No other pattern,
//! path, alias, `UNWIND` or list comprehension may use the name, and every
//! other mention must be one of the above. A query that writes, or
//! projects `*`, gets none.

use super::aggregate::visit;
use crate::query::ast::{Clause, Expr, Pattern, PatternElement, Projection, Query};
use std::collections::{BTreeMap, BTreeSet};

/// The variables of a query bound without their records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unread {
    /// Relationship variables.
    pub rels: BTreeSet<String>,
    /// Node variables.
    pub nodes: BTreeSet<String>,
}

/// The variables of `q` that qualify.
pub fn variables(q: &Query) -> Unread {
    let mut u = Uses::default();
    for part in &q.parts {
        for clause in &part.clauses {
            if u.clause(clause).is_none() {
                return Unread::default();
            }
        }
    }
    let free = |v: &String| !u.other.contains(v);
    Unread {
        rels: (u.rels.iter())
            .filter(|(v, n)| {
                **n == 1 && free(v) && !u.nodes.contains(*v) && !u.counted.contains(*v)
            })
            .map(|(v, _)| v.clone())
            .collect(),
        nodes: (u.nodes.iter())
            .filter(|v| free(v) && !u.rels.contains_key(*v))
            .cloned()
            .collect(),
    }
}

/// The variable of an ORDER BY key `x.date`, which a sort answers from
/// the read file's date ranks.
pub fn date_key(e: &Expr) -> Option<&str> {
    match e {
        Expr::Property(base, key) if key == "date" => match &**base {
            Expr::Var(v) => Some(v),
            _ => None,
        },
        _ => None,
    }
}

#[derive(Default)]
struct Uses {
    /// One-hop relationship variables without property maps, by how many
    /// patterns declare them.
    rels: BTreeMap<String, usize>,
    /// Node variables of patterns without property maps.
    nodes: BTreeSet<String>,
    /// Names counted by `count(x)` or read as `x.id` (which a
    /// relationship bound without its record cannot answer).
    counted: BTreeSet<String>,
    /// Names used any other way.
    other: BTreeSet<String>,
}

impl Uses {
    fn clause(&mut self, c: &Clause) -> Option<()> {
        match c {
            Clause::Match(m) => {
                self.pattern(&m.pattern);
                self.exprs(m.where_clause.iter());
            }
            Clause::Unwind(u) => {
                self.other.insert(u.variable.clone());
                self.expr(&u.expr);
            }
            Clause::With(w) => {
                self.projection(&w.projection)?;
                self.exprs(w.where_clause.iter());
            }
            Clause::Return(p) => self.projection(p)?,
            _ => return None,
        }
        Some(())
    }

    fn projection(&mut self, p: &Projection) -> Option<()> {
        if p.star {
            return None;
        }
        for item in &p.items {
            self.other.extend(item.alias.iter().cloned());
            self.expr(&item.expr);
        }
        let unranked = p.order_by.iter().filter(|s| date_key(&s.expr).is_none());
        self.exprs(unranked.map(|s| &s.expr));
        self.exprs(p.skip.iter().chain(p.limit.iter()));
        Some(())
    }

    fn pattern(&mut self, p: &Pattern) {
        for part in &p.parts {
            self.element(&part.element);
            if let Some(path) = &part.variable {
                // A path holds its elements whole.
                self.other.insert(path.clone());
                let el = &part.element;
                let nodes = std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n));
                let rels = el.chain.iter().map(|(r, _)| &r.variable);
                let names = nodes.map(|n| &n.variable).chain(rels);
                self.other.extend(names.flatten().cloned());
            }
        }
    }

    fn element(&mut self, el: &PatternElement) {
        let nodes = std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n));
        for n in nodes {
            if let Some(v) = &n.variable {
                if n.properties.is_none() {
                    self.nodes.insert(v.clone());
                } else {
                    self.other.insert(v.clone());
                }
            }
            self.exprs(n.properties.iter());
        }
        for (r, _) in &el.chain {
            if let Some(v) = &r.variable {
                if r.length.is_none() && r.properties.is_none() {
                    *self.rels.entry(v.clone()).or_default() += 1;
                } else {
                    self.other.insert(v.clone());
                }
            }
            self.exprs(r.properties.iter());
        }
    }

    fn exprs<'a>(&mut self, es: impl Iterator<Item = &'a Expr>) {
        for e in es {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &Expr) {
        let mut allowed: Vec<*const Expr> = Vec::new();
        let mut nested: Vec<&Expr> = Vec::new();
        visit(e, &mut |x| match x {
            Expr::FnCall { name, args, .. } => {
                match (name.to_lowercase().as_str(), args.as_slice()) {
                    ("earliest" | "latest", [Expr::Property(base, key)])
                        if key == "date" && matches!(**base, Expr::Var(_)) =>
                    {
                        allowed.push(&**base as *const Expr);
                    }
                    ("count", [arg @ Expr::Var(v)]) => {
                        allowed.push(arg as *const Expr);
                        self.counted.insert(v.clone());
                    }
                    _ => {}
                }
            }
            Expr::Property(base, key) if key == "id" => {
                if let Expr::Var(v) = &**base {
                    allowed.push(&**base as *const Expr);
                    self.counted.insert(v.clone());
                }
            }
            Expr::Var(v) if !allowed.contains(&(x as *const Expr)) => {
                self.other.insert(v.clone());
            }
            Expr::ListComprehension { variable, .. } => {
                self.other.insert(variable.clone());
            }
            Expr::PatternPredicate(_) | Expr::Exists { .. } => nested.push(x),
            _ => {}
        });
        for x in nested {
            match x {
                Expr::PatternPredicate(el) => self.element(el),
                Expr::Exists {
                    pattern,
                    where_clause,
                } => {
                    self.pattern(pattern);
                    self.exprs(where_clause.iter().map(|w| &**w));
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::variables;
    use crate::query::parse;

    fn of(q: &str) -> (Vec<String>, Vec<String>) {
        let u = variables(&parse(q).unwrap());
        (u.rels.into_iter().collect(), u.nodes.into_iter().collect())
    }

    fn none() -> (Vec<String>, Vec<String>) {
        (vec![], vec![])
    }

    #[test]
    fn variables_seen_only_through_date_bounds_or_counts_qualify() {
        assert_eq!(
            of(
                "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) \
                WHERE earliest(r2.date) > earliest(r1.date) RETURN count(DISTINCT p) AS n"
            ),
            (vec!["r1".into(), "r2".into()], vec!["p".into()])
        );
        assert_eq!(
            of("MATCH (a)-[r]->(b) WITH a, latest(r.date) AS l RETURN a.name ORDER BY l"),
            (vec!["r".into()], vec!["b".into()])
        );
        assert_eq!(
            of("MATCH (a)-[r]->(b) WHERE exists { MATCH (b)-[s]->() WHERE earliest(s.date) < latest(r.date) } RETURN a.id"),
            (vec!["r".into(), "s".into()], vec!["a".into(), "b".into()])
        );
        assert_eq!(
            of("MATCH (a:Person)-[:ACCUSED]->(b:Person) RETURN b.id AS id, count(DISTINCT a) AS n"),
            (vec![], vec!["a".into(), "b".into()])
        );
    }

    #[test]
    fn any_other_use_or_a_second_declaration_disqualifies() {
        for q in [
            "MATCH ()-[r]->() RETURN r",
            "MATCH ()-[r]->() WHERE r.date > 1 RETURN earliest(r.date)",
            "MATCH ()-[r]->() RETURN earliest(r.date_text)",
            "MATCH ()-[r]->() RETURN year(r.date)",
            "MATCH ()-[r]->() RETURN type(r), earliest(r.date)",
            "MATCH ()-[r]->() RETURN id(r)",
            "MATCH ()-[r]->() RETURN count(r)",
            "MATCH ()-[r]->() WITH r RETURN earliest(r.date)",
            "MATCH ()-[r]->() WITH earliest(r.date) AS r RETURN r",
            "MATCH ()-[r]->() MATCH ()-[r]->() RETURN earliest(r.date)",
            "MATCH ()-[r*1..2]->() RETURN 1",
            "MATCH ()-[r {k: 1}]->() RETURN earliest(r.date)",
            "MATCH p = ()-[r]->() RETURN earliest(r.date)",
            "MATCH ()-[r]->() WHERE exists((x)-[r]->()) RETURN earliest(r.date)",
            "MATCH ()-[r]->() UNWIND [1] AS r RETURN earliest(r.date)",
            "MATCH ()-[r]->() RETURN [r IN [1] | r] AS xs, earliest(r.date)",
            "MATCH ()-[r]->() WHERE earliest(r.date) > date('1931') SET r.x = 1",
            "MATCH ()-[r]->() WITH * RETURN earliest(r.date)",
            "MATCH (a) RETURN a",
            "MATCH (a) RETURN a.name",
            "MATCH ()-[r]->() RETURN r.id",
            "MATCH (a) RETURN id(a)",
            "MATCH (a) WHERE a:Person RETURN count(a)",
            "MATCH (a) MATCH (a {name: 'x'}) RETURN count(a)",
            "MATCH (a) WITH a RETURN count(a)",
            "MATCH p = (a)-->() RETURN count(a), length(p)",
            "MATCH (a)-[a]->() RETURN count(a)",
            "MATCH (a), (b) WHERE a = b RETURN count(a)",
            "MATCH (a) RETURN count(a) + size([a]) AS n",
            "MATCH (a) RETURN collect(a) AS xs",
        ] {
            // The variable each line tests is `r` or `a`.
            let (rels, nodes) = of(q);
            let named = |v: &String| v == "r" || v == "a";
            assert!(
                !rels.iter().chain(&nodes).any(named),
                "{q}: {rels:?} {nodes:?}"
            );
        }
        assert_eq!(of("MATCH (a)-->(b) SET a.x = 1"), none());
    }

    /// Bound without their records, the variables give the answers of the
    /// same questions asked so that they must be read, with fewer reads;
    /// labels are checked in the index.
    #[test]
    fn unread_variables_answer_as_read_ones_do() {
        let db = crate::bundled::memory_database();
        let run = |q: &str| {
            let before = db.reads();
            let opts = crate::query::Options::default();
            let rows = crate::query::run(&db, q, &opts).unwrap().rows;
            (rows, db.reads() - before)
        };
        for (fast, slow, some) in [
            (
                "MATCH (a:Person)-[:ACCUSED]->(b:Person) RETURN b.id AS id, count(DISTINCT a) AS n ORDER BY n DESC, id",
                "MATCH (a:Person)-[:ACCUSED]->(b:Person) WHERE a.name IS NOT NULL RETURN b.id AS id, count(DISTINCT a) AS n ORDER BY n DESC, id",
                true,
            ),
            (
                "MATCH (a)-[r:ACCUSED]->(b) MATCH (b)-[:ACCUSED|PARTICIPATED_IN]-(c:Person) RETURN count(DISTINCT c) AS n, min(earliest(r.date)) AS e",
                "MATCH (a)-[r:ACCUSED]->(b) MATCH (b)-[:ACCUSED|PARTICIPATED_IN]-(c:Person) WHERE c.x IS NULL AND r.date IS NOT NULL RETURN count(DISTINCT c) AS n, min(earliest(r.date)) AS e",
                true,
            ),
            (
                "MATCH (a:Event)-[:ACCUSED]->(b) RETURN count(a) AS n",
                "MATCH (a:Event)-[:ACCUSED]->(b) WHERE a.x IS NULL RETURN count(a) AS n",
                false,
            ),
        ] {
            let (rows, reads) = run(fast);
            let (want, more) = run(slow);
            assert_eq!(rows, want, "{fast}");
            assert!(reads < more, "{fast}: {reads} reads against {more}");
            let counted = &rows[0][if fast.contains("min(") { 0 } else { rows[0].len() - 1 }];
            assert_eq!(*counted != crate::query::value::Val::Int(0), some, "{fast}");
        }
    }

    /// `x.id` of a node bound without its record is its id, or the value
    /// of a property named `id` where the read file flags one, in either
    /// schema, as when the node is read.
    #[test]
    fn an_id_property_is_found_without_reading_other_nodes() {
        use crate::model::{Node, Props, Rel, Schema, Value};
        for schema in [Schema::Prosopography, Schema::Open] {
            let db = crate::Database::memory(schema);
            let mut c = crate::store::ChangeSet::default();
            let mut shadowed = Props::new();
            shadowed.insert("id".into(), Value::Str("shadow".into()));
            for (id, props) in [("n1", shadowed), ("n2", Props::new()), ("n3", Props::new())] {
                c.put_node(Node {
                    id: id.into(),
                    labels: vec!["P".into()],
                    props,
                    pos: None,
                });
            }
            for (i, (a, b)) in [("n1", "n2"), ("n2", "n1"), ("n3", "n2")]
                .into_iter()
                .enumerate()
            {
                c.put_rel(Rel {
                    id: format!("r{i}").into(),
                    rel_type: "R".into(),
                    start: a.into(),
                    end: b.into(),
                    props: Props::new(),
                    pos: None,
                });
            }
            db.commit(&c, &[], &mut |_, _| {}).unwrap();
            let run = |q: &str| {
                let before = db.reads();
                let opts = crate::query::Options::default();
                let rows = crate::query::run(&db, q, &opts).unwrap().rows;
                (rows, db.reads() - before)
            };
            let (fast, fast_reads) =
                run("MATCH (a:P)-[:R]->(b:P) RETURN a.id AS x, b.id AS y ORDER BY x, y");
            let (slow, slow_reads) =
                run("MATCH (a:P)-[:R]->(b:P) WHERE a.x IS NULL AND b.x IS NULL \
                 RETURN a.id AS a, b.id AS b ORDER BY a, b");
            assert_eq!(fast, slow, "{schema:?}");
            let shadow = crate::query::value::Val::str("shadow");
            assert_eq!(fast.iter().flatten().filter(|v| **v == shadow).count(), 2);
            assert!(
                fast_reads < slow_reads,
                "{fast_reads} reads against {slow_reads}"
            );
        }
    }
}
