//! What a read query can see of the elements it matches: when no node,
//! relationship or path ever leaves the query whole (returned, collected,
//! passed to `properties`, …), only the properties named by `x.key` can be
//! observed, and the engine decodes elements with just those
//! ([`crate::store::GraphRead::node_keys`]). Identity, labels and types
//! are always kept, so equality, `count(DISTINCT x)`, `id(x)`, `x:Label`
//! and ordering by element behave as on whole elements.
//!
//! The analysis is conservative: a write clause, `RETURN *`, or an element
//! variable anywhere but in the positions listed in [`identity_only`] makes
//! the query see whole elements.

use super::aggregate::visit;
use crate::query::ast::{
    BinaryOp, Clause, Expr, Pattern, PatternElement, Projection, Query, RelPattern,
};
use std::collections::BTreeSet;

/// The property keys a query reads, or `None` when it needs whole elements.
pub fn keys(q: &Query) -> Option<Vec<String>> {
    let mut d = Demand::default();
    for part in &q.parts {
        for clause in &part.clauses {
            d.clause(clause)?;
        }
    }
    Some(d.keys.into_iter().collect())
}

#[derive(Default)]
struct Demand {
    /// Variables that may hold nodes, relationships, paths or lists of them.
    elements: BTreeSet<String>,
    /// Keys read by `x.key`.
    keys: BTreeSet<String>,
}

impl Demand {
    fn clause(&mut self, c: &Clause) -> Option<()> {
        match c {
            Clause::Match(m) => {
                self.pattern(&m.pattern)?;
                m.where_clause.iter().try_for_each(|w| self.expr(w))
            }
            Clause::Unwind(u) => {
                // An element unwound from a list would be whole.
                self.expr(&u.expr)
            }
            Clause::With(w) => {
                self.projection(&w.projection, true)?;
                w.where_clause.iter().try_for_each(|e| self.expr(e))
            }
            Clause::Return(p) => self.projection(p, false),
            _ => None,
        }
    }

    fn projection(&mut self, p: &Projection, with: bool) -> Option<()> {
        if p.star && !with {
            return None;
        }
        for item in &p.items {
            match (&item.expr, with) {
                // `WITH a` / `WITH a AS b` carries an element on unchanged.
                (Expr::Var(v), true) if self.elements.contains(v) => {
                    self.elements
                        .insert(item.alias.clone().unwrap_or_else(|| v.clone()));
                }
                (e, _) => self.expr(e)?,
            }
        }
        for s in &p.order_by {
            match &s.expr {
                // Elements order by identity.
                Expr::Var(_) => {}
                e => self.expr(e)?,
            }
        }
        p.skip
            .iter()
            .chain(p.limit.iter())
            .try_for_each(|e| self.expr(e))
    }

    fn pattern(&mut self, p: &Pattern) -> Option<()> {
        for part in &p.parts {
            if let Some(v) = &part.variable {
                self.elements.insert(v.clone());
            }
            self.element(&part.element)?;
        }
        Some(())
    }

    fn element(&mut self, el: &PatternElement) -> Option<()> {
        let nodes = std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n));
        for n in nodes {
            if let Some(v) = &n.variable {
                self.elements.insert(v.clone());
            }
            self.props(n.properties.as_ref())?;
        }
        for (r, _) in &el.chain {
            self.rel(r)?;
        }
        Some(())
    }

    fn rel(&mut self, r: &RelPattern) -> Option<()> {
        if let Some(v) = &r.variable {
            self.elements.insert(v.clone());
        }
        self.props(r.properties.as_ref())
    }

    /// A pattern's `{k: v}` map: its keys are read from the element.
    fn props(&mut self, props: Option<&Expr>) -> Option<()> {
        match props {
            None => Some(()),
            Some(Expr::Map(entries)) => {
                for (k, v) in entries {
                    self.keys.insert(k.clone());
                    self.expr(v)?;
                }
                Some(())
            }
            // A parameter map: any key may be compared.
            Some(_) => None,
        }
    }

    /// Collects the keys `e` reads; `None` if an element can escape whole.
    fn expr(&mut self, e: &Expr) -> Option<()> {
        let mut ok = true;
        let mut nested: Vec<&Expr> = Vec::new();
        let mut allowed: Vec<*const Expr> = Vec::new();
        visit(e, &mut |x| {
            if allowed.contains(&(x as *const Expr)) {
                return;
            }
            match x {
                Expr::Property(base, key) => {
                    self.keys.insert(key.clone());
                    if matches!(**base, Expr::Var(_)) {
                        allowed.push(&**base as *const Expr);
                    }
                }
                Expr::Var(v) if self.elements.contains(v) => ok = false,
                Expr::ListComprehension { variable, .. } if self.elements.contains(variable) => {
                    ok = false
                }
                Expr::PatternPredicate(_) | Expr::Exists { .. } => nested.push(x),
                _ => {
                    for arg in identity_only(x) {
                        if matches!(arg, Expr::Var(_)) {
                            allowed.push(arg as *const Expr);
                        }
                    }
                }
            }
        });
        if !ok {
            return None;
        }
        for x in nested {
            match x {
                Expr::PatternPredicate(el) => self.element(el)?,
                Expr::Exists {
                    pattern,
                    where_clause,
                } => {
                    self.pattern(pattern)?;
                    where_clause.iter().try_for_each(|w| self.expr(w))?;
                }
                _ => {}
            }
        }
        Some(())
    }
}

/// The operands of `e` that see only an element's identity, labels or type
/// (or a path's length): a variable there does not need properties.
fn identity_only(e: &Expr) -> Vec<&Expr> {
    match e {
        Expr::FnCall { name, args, .. } => match name.to_lowercase().as_str() {
            "count" | "id" | "elementid" | "labels" | "type" | "length" => args.iter().collect(),
            _ => Vec::new(),
        },
        Expr::HasLabels { expr, .. } | Expr::IsNull { expr, .. } => vec![&**expr],
        Expr::Binary(BinaryOp::Eq | BinaryOp::Neq, a, b)
            if matches!(**a, Expr::Var(_)) && matches!(**b, Expr::Var(_)) =>
        {
            vec![&**a, &**b]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::keys;
    use crate::query::parse;

    fn of(q: &str) -> Option<Vec<String>> {
        keys(&parse(q).unwrap())
    }

    #[test]
    fn property_reads_are_collected() {
        assert_eq!(
            of("MATCH (a:Person)-[r:ACCUSED]->(b {id: 'x'}) WHERE earliest(r.date) > 1 RETURN b.name, count(DISTINCT a) AS n ORDER BY n DESC"),
            Some(vec!["date".into(), "id".into(), "name".into()])
        );
        assert_eq!(of("MATCH (a)-->(b) RETURN count(*)"), Some(vec![]));
        assert_eq!(
            of("MATCH p = shortestPath((a {id: 'x'})-[*..6]-(b {id: 'y'})) RETURN length(p)"),
            Some(vec!["id".into()])
        );
        assert_eq!(
            of("MATCH (a) WITH a AS b, count(*) AS c WHERE b:Person RETURN b.name, c"),
            Some(vec!["name".into()])
        );
        assert_eq!(
            of("MATCH (a), (b) WHERE a = b AND a.x IS NULL AND exists((a)-[:R {k: 1}]->()) RETURN id(a)"),
            Some(vec!["k".into(), "x".into()])
        );
        assert_eq!(of("UNWIND [1, 2] AS x RETURN x ORDER BY x"), Some(vec![]));
    }

    #[test]
    fn escaping_elements_need_everything() {
        for q in [
            "MATCH (a) RETURN a",
            "MATCH (a) RETURN *",
            "MATCH (a) RETURN properties(a)",
            "MATCH (a) RETURN keys(a)",
            "MATCH (a) RETURN collect(a) AS xs",
            "MATCH (a) WITH collect(a) AS xs RETURN size(xs)",
            "MATCH (a) WITH a AS b RETURN b",
            "MATCH (a)-[r]->() RETURN startNode(r).name",
            "MATCH p = (a)-->() RETURN nodes(p)",
            "MATCH (a) RETURN [a]",
            "MATCH (a) RETURN {x: a}",
            "MATCH (a) RETURN CASE WHEN true THEN a END",
            "MATCH (a) WHERE a = 1 RETURN 1",
            "MATCH (a) UNWIND [a] AS b RETURN b.name",
            "MATCH (a {name: 'x'}) SET a.y = 1",
            "MATCH (a) WHERE a[$k] = 1 RETURN 1",
            "MATCH (a) WHERE exists((a)-->(b)) AND true RETURN 1 UNION MATCH (c) RETURN c",
            "MATCH (a) RETURN [x IN [a] | x.name]",
            "MATCH (a) WITH a RETURN exists { MATCH (a)-->(b) WHERE b = $p }",
        ] {
            assert_eq!(of(q), None, "{q}");
        }
    }
}
