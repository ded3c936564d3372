//! Relationship variables a read query looks at only through
//! `earliest(r.date)` or `latest(r.date)`: the matcher binds them without
//! decoding their records, and those calls read the read file's date
//! column (see [`crate::store::Bounds`]). Accusation chains compare exactly
//! that, so this is where whole-graph questions spend their reads.
//!
//! The analysis is conservative: a variable qualifies only if a single
//! one-hop relationship pattern without a property map declares it, no
//! other pattern, alias, `UNWIND` or list comprehension uses its name, and
//! every other mention of it is the `x` of `earliest(x.date)` or
//! `latest(x.date)`. A query that writes, or projects `*`, gets none.

use super::aggregate::visit;
use crate::query::ast::{Clause, Expr, Pattern, PatternElement, Projection, Query};
use std::collections::{BTreeMap, BTreeSet};

/// The variables of `q` that qualify.
pub fn variables(q: &Query) -> BTreeSet<String> {
    let mut u = Uses::default();
    for part in &q.parts {
        for clause in &part.clauses {
            if u.clause(clause).is_none() {
                return BTreeSet::new();
            }
        }
    }
    let Uses { declared, other } = u;
    declared
        .into_iter()
        .filter(|(v, n)| *n == 1 && !other.contains(v))
        .map(|(v, _)| v)
        .collect()
}

#[derive(Default)]
struct Uses {
    /// One-hop relationship variables, by how many patterns declare them.
    declared: BTreeMap<String, usize>,
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
        self.exprs(p.order_by.iter().map(|s| &s.expr));
        self.exprs(p.skip.iter().chain(p.limit.iter()));
        Some(())
    }

    fn pattern(&mut self, p: &Pattern) {
        for part in &p.parts {
            self.element(&part.element);
            if let Some(path) = &part.variable {
                // A path holds its relationships whole.
                self.other.insert(path.clone());
                let rels = part.element.chain.iter().map(|(r, _)| &r.variable);
                self.other.extend(rels.flatten().cloned());
            }
        }
    }

    fn element(&mut self, el: &PatternElement) {
        let nodes = std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n));
        for n in nodes {
            self.other.extend(n.variable.iter().cloned());
            self.exprs(n.properties.iter());
        }
        for (r, _) in &el.chain {
            let Some(v) = &r.variable else {
                self.exprs(r.properties.iter());
                continue;
            };
            if r.length.is_none() && r.properties.is_none() {
                *self.declared.entry(v.clone()).or_default() += 1;
            } else {
                self.other.insert(v.clone());
                self.exprs(r.properties.iter());
            }
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
            Expr::FnCall { name, args, .. }
                if matches!(name.to_lowercase().as_str(), "earliest" | "latest") =>
            {
                if let [Expr::Property(base, key)] = args.as_slice() {
                    if key == "date" && matches!(**base, Expr::Var(_)) {
                        allowed.push(&**base as *const Expr);
                    }
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

    fn of(q: &str) -> Vec<String> {
        variables(&parse(q).unwrap()).into_iter().collect()
    }

    #[test]
    fn variables_seen_only_through_their_date_bounds_qualify() {
        assert_eq!(
            of(
                "MATCH (p:Person)-[r1:ACCUSED]->() MATCH ()-[r2:ACCUSED]->(p) \
                WHERE earliest(r2.date) > earliest(r1.date) RETURN count(DISTINCT p) AS n"
            ),
            ["r1", "r2"]
        );
        assert_eq!(
            of("MATCH (a)-[r]->(b) WITH a, latest(r.date) AS l RETURN a.name ORDER BY l"),
            ["r"]
        );
        assert_eq!(
            of("MATCH (a)-[r]->(b) WHERE exists { MATCH (b)-[s]->() WHERE earliest(s.date) < latest(r.date) } RETURN b.id"),
            ["r", "s"]
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
            "MATCH ()-[r]->() WITH r RETURN earliest(r.date)",
            "MATCH ()-[r]->() WITH earliest(r.date) AS r RETURN r",
            "MATCH ()-[r]->() MATCH ()-[r]->() RETURN earliest(r.date)",
            "MATCH ()-[r*1..2]->() RETURN 1",
            "MATCH ()-[r {k: 1}]->() RETURN earliest(r.date)",
            "MATCH p = ()-[r]->() RETURN earliest(r.date)",
            "MATCH (r)-[r2]->() RETURN earliest(r.date), earliest(r2.date), r2",
            "MATCH ()-[r]->() WHERE exists((a)-[r]->()) RETURN earliest(r.date)",
            "MATCH ()-[r]->() UNWIND [1] AS r RETURN earliest(r.date)",
            "MATCH ()-[r]->() RETURN [r IN [1] | r] AS xs, earliest(r.date)",
            "MATCH ()-[r]->() WHERE earliest(r.date) > date('1931') SET r.x = 1",
            "MATCH ()-[r]->() WITH * RETURN earliest(r.date)",
        ] {
            assert_eq!(of(q), Vec::<String>::new(), "{q}");
        }
    }
}
