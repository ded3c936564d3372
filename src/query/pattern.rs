//! Pattern matching: binds the nodes and relationships of MATCH patterns.
//!
//! Each path pattern starts from its most selective node (a bound variable,
//! then an `id`, then an indexed name, then a label, and only then every
//! node) and expands through the adjacency index. No relationship is used
//! twice within one MATCH. Variable-length steps search depth-first with
//! that uniqueness as their visited set; `shortestPath` searches
//! breadth-first. Every step checks the time limit.

use super::context::Ctx;
use super::eval::{eval, Row};
use super::failure::{QResult, QueryError};
use super::plan::{self, Hints};
use super::value::{equals, Path, Val};
use crate::model::{name, Node, Rel};
use crate::query::ast::{
    Direction as Dir, Expr, NodePattern, Pattern, PatternElement, PatternPart, RelPattern, Shortest,
};
use crate::store::Direction;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;

/// Upper bound of an unbounded `*` step.
const MAX_HOPS: u64 = 64;

/// What a relationship position of a chain is bound to.
#[derive(Clone)]
enum Bound {
    One(Rc<Rel>),
    Many(Vec<Rc<Rel>>),
}

/// A partial match of one chain.
#[derive(Clone)]
struct State {
    row: Row,
    used: HashSet<String>,
    nodes: Vec<Option<Rc<Node>>>,
    rels: Vec<Option<Bound>>,
}

/// All bindings of `pattern` extending `row`.
pub fn match_pattern(
    ctx: &mut Ctx,
    pattern: &Pattern,
    row: &Row,
    hints: &Hints,
) -> QResult<Vec<Row>> {
    let order = plan::order_parts(pattern, row, hints);
    let mut states = vec![(row.clone(), HashSet::new())];
    for i in order {
        let part = &pattern.parts[i];
        let mut next = Vec::new();
        for (row, used) in states {
            match_part(ctx, part, row, used, hints, &mut next)?;
            ctx.check_rows(next.len())?;
        }
        states = next;
    }
    Ok(states.into_iter().map(|(r, _)| r).collect())
}

/// Whether `element` (with an optional WHERE) matches at least once from `row`.
pub fn exists(
    ctx: &mut Ctx,
    element: &PatternElement,
    where_clause: Option<&Expr>,
    row: &Row,
) -> QResult<bool> {
    let pattern = Pattern {
        parts: vec![PatternPart {
            variable: None,
            element: element.clone(),
            shortest: None,
        }],
    };
    exists_pattern(ctx, &pattern, where_clause, row)
}

/// Whether `pattern` (with an optional WHERE) matches at least once from `row`.
pub fn exists_pattern(
    ctx: &mut Ctx,
    pattern: &Pattern,
    where_clause: Option<&Expr>,
    row: &Row,
) -> QResult<bool> {
    let hints = plan::hints(where_clause, row);
    for m in match_pattern(ctx, pattern, row, &hints)? {
        match where_clause {
            Some(w) if !eval(w, &m, ctx)?.is_true() => {}
            _ => return Ok(true),
        }
    }
    Ok(false)
}

fn match_part(
    ctx: &mut Ctx,
    part: &PatternPart,
    row: Row,
    used: HashSet<String>,
    hints: &Hints,
    out: &mut Vec<(Row, HashSet<String>)>,
) -> QResult<()> {
    if let Some(kind) = part.shortest {
        return shortest(ctx, part, kind, row, used, hints, out);
    }
    let el = &part.element;
    let n = el.chain.len();
    let anchor = plan::anchor(el, &row, hints);
    let state = State {
        row,
        used,
        nodes: vec![None; n + 1],
        rels: vec![None; n],
    };
    for node in candidates(ctx, node_at(el, anchor), &state.row, hints)? {
        ctx.tick()?;
        let mut s = state.clone();
        if !bind_node(ctx, &mut s, el, anchor, node)? {
            continue;
        }
        let mut steps: Vec<(usize, bool)> = (anchor..n).map(|j| (j, true)).collect();
        steps.extend((0..anchor).rev().map(|j| (j, false)));
        extend(ctx, el, &steps, s, part.variable.as_deref(), out)?;
    }
    Ok(())
}

fn node_at(el: &PatternElement, i: usize) -> &NodePattern {
    if i == 0 {
        &el.start
    } else {
        &el.chain[i - 1].1
    }
}

/// Candidate nodes for a pattern node, read through the narrowest index.
fn candidates(ctx: &mut Ctx, np: &NodePattern, row: &Row, hints: &Hints) -> QResult<Vec<Rc<Node>>> {
    if let Some(v) = &np.variable {
        if let Some(bound) = row.get(v) {
            return Ok(match ctx.refresh(bound)? {
                Val::Node(n) => vec![n],
                Val::Null => Vec::new(),
                other => {
                    return Err(QueryError::Type(format!(
                        "`{v}` is a {}, not a node",
                        other.type_name()
                    )))
                }
            });
        }
    }
    let fixed = plan::fixed_props(np, row, hints, ctx)?;
    let key = match ctx.schema {
        crate::model::Schema::Prosopography => fixed.get("key").or(fixed.get("id")),
        crate::model::Schema::Open => fixed.get("key"),
    };
    if let Some(Val::Str(id)) = key {
        return Ok(ctx.node(id)?.into_iter().collect());
    }
    let ids = if let Some(Val::Str(n)) = fixed.get("name") {
        ctx.node_ids_by_name(&name::fold(n))?
    } else if let Some(label) = np.labels.first() {
        ctx.node_ids(Some(label))?
    } else {
        ctx.node_ids(None)?
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        ctx.tick()?;
        if let Some(n) = ctx.node(&id)? {
            out.push(n);
        }
    }
    Ok(out)
}

/// Checks a node against its pattern and binds it at position `i`.
fn bind_node(
    ctx: &mut Ctx,
    s: &mut State,
    el: &PatternElement,
    i: usize,
    node: Rc<Node>,
) -> QResult<bool> {
    let np = node_at(el, i);
    if !np.labels.iter().all(|l| node.has_label(l)) {
        return Ok(false);
    }
    if let Some(props) = &np.properties {
        if !props_match(ctx, props, &s.row, &Val::Node(node.clone()))? {
            return Ok(false);
        }
    }
    if let Some(v) = &np.variable {
        match s.row.get(v) {
            Some(Val::Node(b)) if b.id != node.id => return Ok(false),
            Some(Val::Node(_)) => {}
            Some(Val::Null) => return Ok(false),
            Some(other) => {
                return Err(QueryError::Type(format!(
                    "`{v}` is a {}, not a node",
                    other.type_name()
                )))
            }
            None => {
                s.row.insert(v.clone(), Val::Node(node.clone()));
            }
        }
    }
    s.nodes[i] = Some(node);
    Ok(true)
}

/// Whether an element's properties equal the pattern's `{k: v}` map.
fn props_match(ctx: &mut Ctx, props: &Expr, row: &Row, element: &Val) -> QResult<bool> {
    let Val::Map(map) = eval(props, row, ctx)? else {
        return Err(QueryError::Type(
            "a pattern's properties must be a map".into(),
        ));
    };
    for (k, want) in map.iter() {
        let have = super::eval::property(element, k, ctx.schema)?;
        if equals(&have, want) != Some(true) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn extend(
    ctx: &mut Ctx,
    el: &PatternElement,
    steps: &[(usize, bool)],
    s: State,
    path_var: Option<&str>,
    out: &mut Vec<(Row, HashSet<String>)>,
) -> QResult<()> {
    let Some(&(j, rightward)) = steps.first() else {
        let mut s = s;
        if let Some(p) = path_var {
            let path = build_path(ctx, &s)?;
            s.row.insert(p.to_string(), Val::Path(Rc::new(path)));
        }
        out.push((s.row, s.used));
        return ctx.check_rows(out.len());
    };
    let rp = &el.chain[j].0;
    let (from_pos, to_pos) = if rightward { (j, j + 1) } else { (j + 1, j) };
    let from = s.nodes[from_pos].clone().expect("anchored");
    let dirs = directions(rp.direction, rightward);
    match rp.length {
        None => {
            for (rel, other) in hops(ctx, &from.id, rp, &dirs, &s)? {
                ctx.tick()?;
                let Some(node) = ctx.node(&other)? else {
                    continue;
                };
                let mut t = s.clone();
                if !bind_rel(ctx, &mut t, rp, j, Bound::One(rel.clone()))? {
                    continue;
                }
                t.used.insert(rel.id.clone());
                if bind_node(ctx, &mut t, el, to_pos, node)? {
                    extend(ctx, el, &steps[1..], t, path_var, out)?;
                }
            }
        }
        Some((min, max)) => {
            let min = min.unwrap_or(1);
            let max = max.unwrap_or(MAX_HOPS);
            let mut found = Vec::new();
            let mut trail = Vec::new();
            walk(
                ctx, &from.id, rp, &dirs, &s, min, max, &mut trail, &mut found,
            )?;
            for (rels, end) in found {
                let Some(node) = ctx.node(&end)? else {
                    continue;
                };
                let mut t = s.clone();
                let mut ordered = rels.clone();
                if !rightward {
                    ordered.reverse();
                }
                if !bind_rel(ctx, &mut t, rp, j, Bound::Many(ordered))? {
                    continue;
                }
                t.used.extend(rels.iter().map(|r| r.id.clone()));
                if bind_node(ctx, &mut t, el, to_pos, node)? {
                    extend(ctx, el, &steps[1..], t, path_var, out)?;
                }
            }
        }
    }
    Ok(())
}

fn directions(d: Dir, rightward: bool) -> Vec<Direction> {
    match (d, rightward) {
        (Dir::Both, _) => vec![Direction::Out, Direction::In],
        (Dir::Right, true) | (Dir::Left, false) => vec![Direction::Out],
        _ => vec![Direction::In],
    }
}

/// Relationships one hop from `node` allowed by `rp`, not yet used, with their far end.
fn hops(
    ctx: &mut Ctx,
    node: &str,
    rp: &RelPattern,
    dirs: &[Direction],
    s: &State,
) -> QResult<Vec<(Rc<Rel>, String)>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for dir in dirs {
        let types: Vec<Option<&str>> = if rp.types.is_empty() {
            vec![None]
        } else {
            rp.types.iter().map(|t| Some(t.as_str())).collect()
        };
        for t in types {
            for adj in ctx.adjacent(node, *dir, t)? {
                if s.used.contains(&adj.rel) || !seen.insert(adj.rel.clone()) {
                    continue;
                }
                let Some(rel) = ctx.rel(&adj.rel)? else {
                    continue;
                };
                if let Some(props) = &rp.properties {
                    if !props_match(ctx, props, &s.row, &Val::Rel(rel.clone()))? {
                        continue;
                    }
                }
                out.push((rel, adj.other));
            }
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn walk(
    ctx: &mut Ctx,
    node: &str,
    rp: &RelPattern,
    dirs: &[Direction],
    s: &State,
    min: u64,
    max: u64,
    trail: &mut Vec<Rc<Rel>>,
    found: &mut Vec<(Vec<Rc<Rel>>, String)>,
) -> QResult<()> {
    ctx.tick()?;
    let depth = trail.len() as u64;
    if depth >= min {
        found.push((trail.clone(), node.to_string()));
        ctx.check_rows(found.len())?;
    }
    if depth >= max {
        return Ok(());
    }
    for (rel, other) in hops(ctx, node, rp, dirs, s)? {
        if trail.iter().any(|r| r.id == rel.id) {
            continue;
        }
        trail.push(rel);
        walk(ctx, &other, rp, dirs, s, min, max, trail, found)?;
        trail.pop();
    }
    Ok(())
}

fn bind_rel(ctx: &mut Ctx, s: &mut State, rp: &RelPattern, j: usize, b: Bound) -> QResult<bool> {
    if let Some(v) = &rp.variable {
        let val = match &b {
            Bound::One(r) => Val::Rel(r.clone()),
            Bound::Many(rs) => Val::list(rs.iter().map(|r| Val::Rel(r.clone())).collect()),
        };
        match s.row.get(v) {
            Some(existing) => {
                if equals(&ctx.refresh(existing)?, &val) != Some(true) {
                    return Ok(false);
                }
            }
            None => {
                s.row.insert(v.clone(), val);
            }
        }
    }
    s.rels[j] = Some(b);
    Ok(true)
}

fn build_path(ctx: &mut Ctx, s: &State) -> QResult<Path> {
    let first = s.nodes[0].clone().expect("bound");
    let mut nodes = vec![first.clone()];
    let mut rels = Vec::new();
    let mut cur = first;
    for (j, b) in s.rels.iter().enumerate() {
        match b.as_ref().expect("bound") {
            Bound::One(r) => {
                rels.push(r.clone());
                cur = s.nodes[j + 1].clone().expect("bound");
                nodes.push(cur.clone());
            }
            Bound::Many(rs) => {
                for r in rs {
                    rels.push(r.clone());
                    let next = if r.start == cur.id { &r.end } else { &r.start };
                    cur = ctx
                        .node(next)?
                        .ok_or_else(|| QueryError::Semantic(format!("node {next} vanished")))?;
                    nodes.push(cur.clone());
                }
            }
        }
    }
    Ok(Path { nodes, rels })
}

/// `shortestPath` / `allShortestPaths` over a single relationship step.
fn shortest(
    ctx: &mut Ctx,
    part: &PatternPart,
    kind: Shortest,
    row: Row,
    used: HashSet<String>,
    hints: &Hints,
    out: &mut Vec<(Row, HashSet<String>)>,
) -> QResult<()> {
    let el = &part.element;
    let [(rp, end_np)] = el.chain.as_slice() else {
        return Err(QueryError::Semantic("shortestPath needs a pattern with exactly one relationship, e.g. shortestPath((a)-[:ACCUSED*..6]-(b))".into()));
    };
    let max = rp.length.and_then(|(_, m)| m).unwrap_or(MAX_HOPS);
    let min = rp.length.and_then(|(m, _)| m).unwrap_or(1);
    let dirs = directions(rp.direction, true);
    let starts = candidates(ctx, &el.start, &row, hints)?;
    let ends: Vec<Rc<Node>> = candidates(ctx, end_np, &row, hints)?;
    let end_ids: BTreeSet<String> = ends.iter().map(|n| n.id.clone()).collect();
    let base = State {
        row: row.clone(),
        used: used.clone(),
        nodes: vec![None; 2],
        rels: vec![None],
    };
    for start in starts {
        let mut s0 = base.clone();
        if !bind_node(ctx, &mut s0, el, 0, start.clone())? {
            continue;
        }
        // Breadth-first, remembering every parent on a shortest route.
        let mut depth: HashMap<String, u64> = HashMap::from([(start.id.clone(), 0)]);
        let mut parents: HashMap<String, Vec<(Rc<Rel>, String)>> = HashMap::new();
        let mut queue = VecDeque::from([start.id.clone()]);
        let mut hit_depth = None;
        while let Some(cur) = queue.pop_front() {
            let d = depth[&cur];
            if hit_depth.is_some_and(|h| d >= h) || d >= max {
                continue;
            }
            for (rel, other) in hops(ctx, &cur, rp, &dirs, &s0)? {
                ctx.tick()?;
                match depth.get(&other) {
                    Some(&od) if od == d + 1 => parents
                        .entry(other.clone())
                        .or_default()
                        .push((rel, cur.clone())),
                    Some(_) => {}
                    None => {
                        depth.insert(other.clone(), d + 1);
                        parents
                            .entry(other.clone())
                            .or_default()
                            .push((rel, cur.clone()));
                        // Stop early only when there is one end to reach.
                        if end_ids.len() == 1 && end_ids.contains(&other) && d + 1 >= min {
                            hit_depth.get_or_insert(d + 1);
                        }
                        queue.push_back(other);
                    }
                }
            }
        }
        for end in &ends {
            let Some(&d) = depth.get(&end.id) else {
                continue;
            };
            if d < min || end.id == start.id {
                continue;
            }
            let mut routes: Vec<Vec<Rc<Rel>>> = Vec::new();
            collect_routes(
                &parents,
                &end.id,
                &start.id,
                &mut Vec::new(),
                &mut routes,
                kind == Shortest::Shortest,
            );
            for mut route in routes {
                route.reverse();
                let mut t = s0.clone();
                if !bind_node(ctx, &mut t, el, 1, end.clone())?
                    || !bind_rel(ctx, &mut t, rp, 0, Bound::Many(route.clone()))?
                {
                    continue;
                }
                if let Some(p) = &part.variable {
                    let path = build_path(ctx, &t)?;
                    t.row.insert(p.clone(), Val::Path(Rc::new(path)));
                }
                t.used.extend(route.iter().map(|r| r.id.clone()));
                out.push((t.row, t.used));
            }
        }
    }
    Ok(())
}

fn collect_routes(
    parents: &HashMap<String, Vec<(Rc<Rel>, String)>>,
    at: &str,
    start: &str,
    trail: &mut Vec<Rc<Rel>>,
    out: &mut Vec<Vec<Rc<Rel>>>,
    one: bool,
) {
    if one && !out.is_empty() {
        return;
    }
    if at == start {
        out.push(trail.clone());
        return;
    }
    for (rel, prev) in parents.get(at).map(Vec::as_slice).unwrap_or(&[]) {
        trail.push(rel.clone());
        collect_routes(parents, prev, start, trail, out, one);
        trail.pop();
    }
}
