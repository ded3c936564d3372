//! Pattern matching: binds the nodes and relationships of MATCH patterns.
//!
//! Each path pattern starts from its most selective node (a bound variable,
//! then an `id`, then an indexed name, then a label, and only then every
//! node) and expands through the adjacency index. No relationship is used
//! twice within one MATCH. Variable-length steps search depth-first with
//! that uniqueness as their visited set; `shortestPath` searches
//! breadth-first. Every step checks the time limit.

use super::context::{Ctx, Ref};
use super::date_filter::DateFilters;
use super::eval::{eval, Row};
use super::failure::{QResult, QueryError};
use super::matcher::Matcher;
use super::plan::{self, Hints};
use super::value::{equals, Path, Val};
use crate::model::{name, Node, Rel};
use crate::query::ast::{
    Direction as Dir, Expr, NodePattern, Pattern, PatternElement, PatternPart, RelPattern, Shortest,
};
use crate::store::Direction;
use foldhash::{HashMap, HashSet};
use std::collections::VecDeque;
use std::rc::Rc;

/// Upper bound of an unbounded `*` step.
pub(super) const MAX_HOPS: u64 = 64;

/// What a relationship position of a chain is bound to.
#[derive(Clone)]
pub(super) enum Bound {
    One(Rc<Rel>),
    Many(Vec<Rc<Rel>>),
}

/// The relationships a MATCH has bound so far (few: a linear scan beats
/// hashing, and a state's copy is cheap).
pub(super) type Used = Vec<Rc<Rel>>;

/// A partial match of one chain.
#[derive(Clone)]
pub(super) struct State {
    /// The row with the variables bound so far.
    pub row: Row,
    /// Relationships used so far in this MATCH.
    pub used: Used,
    /// The nodes bound at each position of the chain.
    pub nodes: Vec<Option<Rc<Node>>>,
    /// The relationships bound at each step of the chain.
    pub rels: Vec<Option<Bound>>,
}

/// All bindings of `pattern` extending `row`, collected (for MERGE, which
/// acts on every match). Readers use the lazy [`Matcher`] instead.
pub fn match_pattern(
    ctx: &mut Ctx,
    pattern: &Pattern,
    row: &Row,
    hints: &Hints,
) -> QResult<Vec<Row>> {
    let mut m = Matcher::new(pattern, row.clone(), Rc::new(hints.clone()));
    let mut out = Vec::new();
    while let Some(r) = m.next(ctx)? {
        out.push(r);
        ctx.check_rows(out.len())?;
    }
    Ok(out)
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
    let hints = Rc::new(plan::hints(where_clause));
    let filters = DateFilters::of(where_clause);
    let mut matcher = Matcher::new(pattern, row.clone(), hints).with_filters(filters);
    while let Some(m) = matcher.next(ctx)? {
        match where_clause {
            Some(w) if !eval(w, &m, ctx)?.is_true() => {}
            _ => return Ok(true),
        }
    }
    Ok(false)
}

pub(super) fn node_at(el: &PatternElement, i: usize) -> &NodePattern {
    if i == 0 {
        &el.start
    } else {
        &el.chain[i - 1].1
    }
}

/// Candidate nodes for a pattern node: already read, or ids still to read.
pub(super) enum Candidates {
    /// Nodes read already (a bound variable, an id lookup).
    Nodes(std::vec::IntoIter<Rc<Node>>),
    /// Node ids from an index, each read only when it is reached.
    Ids(std::vec::IntoIter<String>),
    /// Node positions in the read file, each read when it is reached.
    At(std::vec::IntoIter<u32>),
}

impl Candidates {
    /// The next candidate node (ids that no longer resolve are skipped).
    pub(super) fn next(&mut self, ctx: &mut Ctx) -> QResult<Option<Rc<Node>>> {
        self.next_where(ctx, &|_, _| Ok(true), false)
    }

    /// The next candidate node, skipping positions `may_bind` rules out
    /// before they are read; with `unread`, positions give nodes known by
    /// id and position only (see [`crate::query::unread`]).
    pub(super) fn next_where(
        &mut self,
        ctx: &mut Ctx,
        may_bind: &dyn Fn(&mut Ctx, u32) -> QResult<bool>,
        unread: bool,
    ) -> QResult<Option<Rc<Node>>> {
        match self {
            Candidates::Nodes(nodes) => Ok(nodes.next()),
            Candidates::Ids(ids) => {
                for id in ids.by_ref() {
                    ctx.tick()?;
                    if let Some(n) = ctx.node(&id)? {
                        return Ok(Some(n));
                    }
                }
                Ok(None)
            }
            Candidates::At(positions) => {
                for i in positions.by_ref() {
                    ctx.tick()?;
                    if !may_bind(ctx, i)? {
                        continue;
                    }
                    if let (true, Some(snap)) = (unread, ctx.positions()) {
                        return Ok(Some(ctx.node_unread(snap, i)?));
                    }
                    if let Some(n) = ctx.node_ref(&Ref::At(i))? {
                        return Ok(Some(n));
                    }
                }
                Ok(None)
            }
        }
    }
}

/// Candidate nodes for a pattern node, found through the narrowest index
/// (node ids are read lazily).
pub(super) fn candidate_source(
    ctx: &mut Ctx,
    np: &NodePattern,
    row: &Row,
    hints: &Hints,
) -> QResult<Candidates> {
    if let Some(v) = &np.variable {
        if let Some(bound) = row.get(v.as_str()) {
            let nodes = match ctx.refresh(bound)? {
                Val::Node(n) => vec![n],
                Val::Null => Vec::new(),
                other => {
                    return Err(QueryError::Type(format!(
                        "`{v}` is a {}, not a node",
                        other.type_name()
                    )))
                }
            };
            return Ok(Candidates::Nodes(nodes.into_iter()));
        }
    }
    let fixed = plan::fixed_props(np, row, hints, ctx)?;
    let key = match ctx.schema {
        crate::model::Schema::Prosopography => fixed.get("key").or(fixed.get("id")),
        crate::model::Schema::Open => fixed.get("key"),
    };
    if let Some(Val::Str(id)) = key {
        let nodes: Vec<Rc<Node>> = ctx.node(id)?.into_iter().collect();
        return Ok(Candidates::Nodes(nodes.into_iter()));
    }
    let folded = match fixed.get("name") {
        Some(Val::Str(n)) => Some(name::fold(n)),
        _ => None,
    };
    if let Some(at) =
        ctx.node_positions(np.labels.first().map(String::as_str), folded.as_deref())?
    {
        return Ok(Candidates::At(at.into_iter()));
    }
    let ids = if let Some(n) = &folded {
        ctx.node_ids_by_name(n)?
    } else if let Some(label) = np.labels.first() {
        ctx.node_ids(Some(label))?
    } else {
        ctx.node_ids(None)?
    };
    Ok(Candidates::Ids(ids.into_iter()))
}

/// Candidate nodes for a pattern node, all read.
fn candidates(ctx: &mut Ctx, np: &NodePattern, row: &Row, hints: &Hints) -> QResult<Vec<Rc<Node>>> {
    let mut source = candidate_source(ctx, np, row, hints)?;
    let mut out = Vec::new();
    while let Some(n) = source.next(ctx)? {
        out.push(n);
    }
    Ok(out)
}

/// Checks a node against its pattern and binds it at position `i`.
pub(super) fn bind_node(
    ctx: &mut Ctx,
    s: &mut State,
    el: &PatternElement,
    i: usize,
    node: Rc<Node>,
) -> QResult<bool> {
    let np = node_at(el, i);
    for l in &np.labels {
        if !ctx.has_label(&node, l)? {
            return Ok(false);
        }
    }
    if let Some(props) = &np.properties {
        if !props_match(ctx, props, &s.row, &Val::Node(node.clone()))? {
            return Ok(false);
        }
    }
    if let Some(v) = &np.variable {
        match s.row.get(v.as_str()) {
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
                s.row.insert(v.as_str().into(), Val::Node(node.clone()));
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

pub(super) fn directions(d: Dir, rightward: bool) -> Vec<Direction> {
    match (d, rightward) {
        (Dir::Both, _) => vec![Direction::Out, Direction::In],
        (Dir::Right, true) | (Dir::Left, false) => vec![Direction::Out],
        _ => vec![Direction::In],
    }
}

/// Relationships one hop from `node` allowed by `rp`, not yet used, with their far end.
pub(super) fn hops(
    ctx: &mut Ctx,
    node: &Ref,
    rp: &RelPattern,
    dirs: &[Direction],
    s: &State,
) -> QResult<Vec<(Rc<Rel>, Ref)>> {
    let mut out = Vec::new();
    for (r, other) in hop_ids(ctx, node, rp, dirs, s)? {
        if let Some(rel) = hop_rel(ctx, &r, rp, s)? {
            out.push((rel, other));
        }
    }
    Ok(out)
}

/// The relationships one hop from `node` of the types and directions `rp`
/// allows, not yet used, with their far end (not read yet: see
/// [`hop_rel`]).
pub(super) fn hop_ids(
    ctx: &mut Ctx,
    node: &Ref,
    rp: &RelPattern,
    dirs: &[Direction],
    s: &State,
) -> QResult<Vec<(Ref, Ref)>> {
    let mut out = Vec::new();
    // Only a search both ways can meet a relationship twice (a loop).
    let mut seen = (dirs.len() > 1).then(HashSet::default);
    let any_type = rp.types.is_empty().then_some(None);
    let types = rp.types.iter().map(|t| Some(t.as_str())).chain(any_type);
    for dir in dirs {
        for t in types.clone() {
            let found = ctx.adjacent_refs(node, *dir, t)?;
            if out.is_empty() && seen.is_none() && s.used.is_empty() {
                // Nothing to leave out: the list as it was found.
                out = found;
                continue;
            }
            for (rel, other) in found {
                if uses(ctx, &s.used, &rel)?
                    || seen.as_mut().is_some_and(|seen| !seen.insert(rel.clone()))
                {
                    continue;
                }
                out.push((rel, other));
            }
        }
    }
    Ok(out)
}

/// Whether a relationship found through an index is one of `used`.
fn uses(ctx: &Ctx, used: &Used, rel: &Ref) -> QResult<bool> {
    if used.is_empty() {
        return Ok(false);
    }
    // By position where both have one (a relationship bound without its
    // record has no id), else by id.
    let mut id = None;
    for u in used {
        let same = match (u.pos, rel) {
            (Some(p), Ref::At(i)) => p == *i,
            _ => {
                if id.is_none() {
                    id = Some(ctx.rel_ref_id(rel)?);
                }
                id.as_deref() == Some(u.id.as_str())
            }
        };
        if same {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Reads a relationship found by [`hop_ids`]; `None` if it is gone or its
/// properties do not match `rp`.
pub(super) fn hop_rel(
    ctx: &mut Ctx,
    r: &Ref,
    rp: &RelPattern,
    s: &State,
) -> QResult<Option<Rc<Rel>>> {
    let Some(rel) = ctx.rel_ref(r)? else {
        return Ok(None);
    };
    if let Some(props) = &rp.properties {
        if !props_match(ctx, props, &s.row, &Val::Rel(rel.clone()))? {
            return Ok(None);
        }
    }
    Ok(Some(rel))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn walk(
    ctx: &mut Ctx,
    node: &Ref,
    rp: &RelPattern,
    dirs: &[Direction],
    s: &State,
    min: u64,
    max: u64,
    trail: &mut Vec<Rc<Rel>>,
    found: &mut Vec<(Vec<Rc<Rel>>, Ref)>,
) -> QResult<()> {
    ctx.tick()?;
    let depth = trail.len() as u64;
    if depth >= min {
        found.push((trail.clone(), node.clone()));
        ctx.check_rows(found.len())?;
    }
    if depth >= max {
        return Ok(());
    }
    for (rel, other) in hops(ctx, node, rp, dirs, s)? {
        if trail.iter().any(|r| Ctx::same_rel(r, &rel)) {
            continue;
        }
        trail.push(rel);
        walk(ctx, &other, rp, dirs, s, min, max, trail, found)?;
        trail.pop();
    }
    Ok(())
}

pub(super) fn bind_rel(
    ctx: &mut Ctx,
    s: &mut State,
    rp: &RelPattern,
    j: usize,
    b: Bound,
) -> QResult<bool> {
    if let Some(v) = &rp.variable {
        let val = match &b {
            Bound::One(r) => Val::Rel(r.clone()),
            Bound::Many(rs) => Val::list(rs.iter().map(|r| Val::Rel(r.clone())).collect()),
        };
        match s.row.get(v.as_str()) {
            Some(existing) => {
                if equals(&ctx.refresh(existing)?, &val) != Some(true) {
                    return Ok(false);
                }
            }
            None => {
                s.row.insert(v.as_str().into(), val);
            }
        }
    }
    s.rels[j] = Some(b);
    Ok(true)
}

pub(super) fn build_path(ctx: &mut Ctx, s: &State) -> QResult<Path> {
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
pub(super) fn shortest(
    ctx: &mut Ctx,
    part: &PatternPart,
    kind: Shortest,
    row: Row,
    used: Used,
    hints: &Hints,
    out: &mut Vec<(Row, Used)>,
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
    let end_refs = ends
        .iter()
        .map(|n| ctx.node_ref_of(n))
        .collect::<QResult<Vec<Ref>>>()?;
    let distinct: HashSet<&Ref> = end_refs.iter().collect();
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
        // Breadth-first, remembering every parent on a shortest route. With
        // nothing row-dependent in the step (no property map, no used
        // relationships, no writes yet), the search from a start is the
        // same for every row: it runs in full once and is reused (a
        // question like "everyone reachable from s" binds each end in turn).
        let memo = rp.properties.is_none() && s0.used.is_empty() && ctx.pending.is_empty();
        let key = (std::ptr::from_ref(rp) as usize, start.id.to_string());
        let found = match memo.then(|| ctx.shortest_memo.get(&key).cloned()).flatten() {
            Some(found) => found,
            None => {
                // The first search from a start may stop at its one end; a
                // second one from the same start runs in full and is kept.
                let again = memo && !ctx.shortest_seen.insert(key.clone());
                let single = (!again && distinct.len() == 1)
                    .then(|| end_refs.first())
                    .flatten();
                let from = ctx.node_ref_of(&start)?;
                // One route between two given nodes: searched from both.
                let found = Rc::new(match single {
                    Some(to)
                        if kind == Shortest::Shortest && rp.properties.is_none() && min <= 1 =>
                    {
                        super::meet::search(ctx, (&from, to), rp, &dirs, &s0, max)?
                    }
                    _ => search(ctx, &from, rp, &dirs, &s0, max, min, single)?,
                });
                if again {
                    if ctx.shortest_memo.len() >= 4096 {
                        ctx.shortest_memo.clear();
                    }
                    ctx.shortest_memo.insert(key, found.clone());
                }
                found
            }
        };
        let (depth, parents) = &*found;
        let from = ctx.node_ref_of(&start)?;
        for (end, to) in ends.iter().zip(&end_refs) {
            let Some(&d) = depth.get(to) else {
                continue;
            };
            if d < min || end.id == start.id {
                continue;
            }
            let mut routes: Vec<Vec<Ref>> = Vec::new();
            collect_routes(
                parents,
                to,
                &from,
                &mut Vec::new(),
                &mut routes,
                kind == Shortest::Shortest,
            );
            for ids in routes {
                // Only the relationships of a route are read.
                let mut route = Vec::with_capacity(ids.len());
                for id in ids.iter().rev() {
                    match ctx.rel_ref(id)? {
                        Some(r) => route.push(r),
                        None => break,
                    }
                }
                if route.len() != ids.len() {
                    continue;
                }
                let mut t = s0.clone();
                if !bind_node(ctx, &mut t, el, 1, end.clone())?
                    || !bind_rel(ctx, &mut t, rp, 0, Bound::Many(route.clone()))?
                {
                    continue;
                }
                if let Some(p) = &part.variable {
                    let path = build_path(ctx, &t)?;
                    t.row.insert(p.as_str().into(), Val::Path(Rc::new(path)));
                }
                t.used.extend(route.iter().cloned());
                out.push((t.row, t.used));
            }
        }
    }
    Ok(())
}

/// Depth of every node reached from a start, and every parent on a shortest
/// route to it (relationship, parent node).
pub type Search = (HashMap<Ref, u64>, HashMap<Ref, Vec<(Ref, Ref)>>);

/// Breadth-first search from `start` up to `max` hops; with `single`, stops
/// once that node is reached at `min` hops or more (all its parents at that
/// depth found).
#[allow(clippy::too_many_arguments)]
fn search(
    ctx: &mut Ctx,
    start: &Ref,
    rp: &RelPattern,
    dirs: &[Direction],
    s0: &State,
    max: u64,
    min: u64,
    single: Option<&Ref>,
) -> QResult<Search> {
    let mut depth: HashMap<Ref, u64> = HashMap::from_iter([(start.clone(), 0)]);
    let mut parents: HashMap<Ref, Vec<(Ref, Ref)>> = HashMap::default();
    let mut queue = VecDeque::from([start.clone()]);
    let mut hit_depth = None;
    while let Some(cur) = queue.pop_front() {
        let d = depth[&cur];
        if hit_depth.is_some_and(|h| d >= h) || d >= max {
            continue;
        }
        // Relationships are read only to check a property map; the routes
        // found read theirs at the end.
        for (rel, other) in hop_ids(ctx, &cur, rp, dirs, s0)? {
            ctx.tick()?;
            if rp.properties.is_some() && hop_rel(ctx, &rel, rp, s0)?.is_none() {
                continue;
            }
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
                    if single == Some(&other) && d + 1 >= min {
                        hit_depth.get_or_insert(d + 1);
                    }
                    queue.push_back(other);
                }
            }
        }
    }
    Ok((depth, parents))
}

fn collect_routes(
    parents: &HashMap<Ref, Vec<(Ref, Ref)>>,
    at: &Ref,
    start: &Ref,
    trail: &mut Vec<Ref>,
    out: &mut Vec<Vec<Ref>>,
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
