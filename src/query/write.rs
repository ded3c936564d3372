//! Write clauses: CREATE, MERGE, SET, REMOVE, DELETE. They change the
//! query's pending change set; the whole set is validated like an import
//! and committed atomically when the query ends.

use super::context::Ctx;
use super::eval::{eval, Row};
use super::failure::{QResult, QueryError};
use super::pattern::match_pattern;
use super::plan::Hints;
use super::value::Val;
use crate::ingest::entries::date_value;
use crate::model::schema::is_date_prop;
use crate::model::{id, Node, Props, Rel, Schema, Value};
use crate::query::ast::{
    Clause, Direction as Dir, Expr, NodePattern, Pattern, PatternPart, RemoveItem, SetItem,
};
use crate::store::Direction;
use compact_str::CompactString;
use std::rc::Rc;

/// Variables a pattern binds.
pub fn pattern_vars(p: &Pattern) -> Vec<String> {
    let mut out = Vec::new();
    for part in &p.parts {
        out.extend(part.variable.clone());
        out.extend(part.element.start.variable.clone());
        for (r, n) in &part.element.chain {
            out.extend(r.variable.clone());
            out.extend(n.variable.clone());
        }
    }
    out
}

/// The name of a write clause, for the read-only error.
fn clause_name(c: &Clause) -> &'static str {
    match c {
        Clause::Create(_) => "CREATE",
        Clause::Merge(_) => "MERGE",
        Clause::Set(_) => "SET",
        Clause::Remove(_) => "REMOVE",
        _ => "DELETE",
    }
}

/// Applies a write clause to every row.
pub fn apply(ctx: &mut Ctx, clause: &Clause, rows: Vec<Row>) -> QResult<Vec<Row>> {
    if !ctx.writable {
        return Err(QueryError::ReadOnly(clause_name(clause).into()));
    }
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        ctx.tick()?;
        match clause {
            Clause::Create(p) => {
                for part in &p.parts {
                    create_part(ctx, part, &mut row)?;
                }
                out.push(row);
            }
            Clause::Merge(m) => {
                let pattern = Pattern {
                    parts: vec![m.pattern.clone()],
                };
                let found = match_pattern(ctx, &pattern, &row, &Hints::new())?;
                let on = if found.is_empty() {
                    crate::query::ast::MergeOn::Create
                } else {
                    crate::query::ast::MergeOn::Match
                };
                let mut rows = if found.is_empty() {
                    let mut r = row.clone();
                    create_part(ctx, &m.pattern, &mut r)?;
                    vec![r]
                } else {
                    found
                };
                for action in m.actions.iter().filter(|a| a.on == on) {
                    for r in &mut rows {
                        for item in &action.items {
                            set_item(ctx, item, r)?;
                        }
                    }
                }
                out.extend(rows);
            }
            Clause::Set(items) => {
                for item in items {
                    set_item(ctx, item, &mut row)?;
                }
                out.push(row);
            }
            Clause::Remove(items) => {
                for item in items {
                    remove_item(ctx, item, &row)?;
                }
                out.push(row);
            }
            Clause::Delete(d) => {
                for e in &d.exprs {
                    let v = eval(e, &row, ctx)?;
                    delete(ctx, &v, d.detach)?;
                }
                out.push(row);
            }
            _ => unreachable!("not a write clause"),
        }
    }
    Ok(out)
}

/// Evaluates a pattern's property map into storable properties.
fn props_of(ctx: &mut Ctx, e: &Option<Expr>, row: &Row) -> QResult<Props> {
    let mut props = Props::new();
    let Some(e) = e else { return Ok(props) };
    let Val::Map(map) = eval(e, row, ctx)? else {
        return Err(QueryError::Type("properties must be a map".into()));
    };
    for (k, v) in map.iter() {
        if let Some(value) = storable(ctx, k, v)? {
            props.insert(k.clone(), value);
        }
    }
    Ok(props)
}

/// A property value as stored: dates parsed, `sources` as a list; null means absent.
fn storable(ctx: &Ctx, key: &str, v: &Val) -> QResult<Option<Value>> {
    let value = v.to_value().map_err(QueryError::Type)?;
    Ok(match value {
        Value::Null => None,
        Value::Str(s) if key == "sources" || key == "names" => {
            Some(Value::List(vec![Value::Str(s)]))
        }
        v if ctx.schema == Schema::Prosopography && is_date_prop(key) => {
            Some(date_value(&v).map_err(|e| QueryError::Type(format!("property '{key}': {e}")))?)
        }
        v => Some(v),
    })
}

fn fresh_node_id(ctx: &mut Ctx, props: &mut Props) -> QResult<String> {
    if ctx.schema == Schema::Open {
        loop {
            let id = format!("n{}", ctx.next_node);
            ctx.next_node += 1;
            if ctx.node(&id)?.is_none() {
                return Ok(id);
            }
        }
    }
    if let Some(v) = props.remove("id") {
        return match v {
            Value::Str(s) => Ok(s.into()),
            other => Err(QueryError::Type(format!(
                "id must be a string, not a {}",
                other.type_name()
            ))),
        };
    }
    let base = ["name", "title"]
        .iter()
        .find_map(|k| props.get(k).and_then(Value::as_str))
        .map(id::slug)
        .unwrap_or_default();
    if base.is_empty() {
        return Err(QueryError::Semantic("a new node needs an id or a name: CREATE (:Person {id: 'novikov', name: 'Novikov', sources: [...]})".into()));
    }
    let mut id = base.clone();
    let mut n = 1;
    while ctx.node(&id)?.is_some() {
        n += 1;
        id = format!("{base}-{n}");
    }
    Ok(id)
}

fn fresh_rel_id(
    ctx: &mut Ctx,
    props: &mut Props,
    rel_type: &str,
    start: &str,
    end: &str,
) -> QResult<String> {
    if ctx.schema == Schema::Open {
        loop {
            let id = format!("r{}", ctx.next_rel);
            ctx.next_rel += 1;
            if ctx.rel(&id)?.is_none() {
                return Ok(id);
            }
        }
    }
    if let Some(Value::Str(s)) = props.remove("id") {
        return Ok(s.into());
    }
    let base = format!("{}/{start}/{end}", rel_type.to_lowercase());
    let mut id = base.clone();
    let mut n = 1;
    while ctx.rel(&id)?.is_some() {
        n += 1;
        id = format!("{base}/{n}");
    }
    Ok(id)
}

fn create_node(ctx: &mut Ctx, np: &NodePattern, row: &mut Row) -> QResult<Rc<Node>> {
    if let Some(v) = &np.variable {
        if let Some(existing) = row.get(v.as_str()) {
            if np.labels.is_empty() && np.properties.is_none() {
                return match ctx.refresh(existing)? {
                    Val::Node(n) => Ok(n),
                    other => Err(QueryError::Type(format!(
                        "`{v}` is a {}, not a node",
                        other.type_name()
                    ))),
                };
            }
            return Err(QueryError::Semantic(format!(
                "`{v}` is already bound; CREATE cannot give it labels or properties again"
            )));
        }
    }
    let mut props = props_of(ctx, &np.properties, row)?;
    let id = fresh_node_id(ctx, &mut props)?;
    if ctx.node(&id)?.is_some() {
        return Err(QueryError::Semantic(format!(
            "a node with id '{id}' already exists; use MERGE or MATCH it"
        )));
    }
    let mut labels = np.labels.clone();
    labels.sort();
    labels.dedup();
    let node = Node {
        id: id.into(),
        labels: labels.iter().map(|l| l.as_str().into()).collect(),
        props,
        pos: None,
    };
    ctx.pending.put_node(node.clone());
    let node = Rc::new(node);
    if let Some(v) = &np.variable {
        row.insert(v.as_str().into(), Val::Node(node.clone()));
    }
    Ok(node)
}

fn create_part(ctx: &mut Ctx, part: &PatternPart, row: &mut Row) -> QResult<()> {
    let el = &part.element;
    let mut nodes = vec![create_node(ctx, &el.start, row)?];
    let mut rels = Vec::new();
    for (rp, np) in &el.chain {
        let to = create_node(ctx, np, row)?;
        let from = nodes.last().expect("start").clone();
        let [t] = rp.types.as_slice() else {
            return Err(QueryError::Semantic(
                "a created relationship needs exactly one type, e.g. -[:ACCUSED]->".into(),
            ));
        };
        if rp.length.is_some() {
            return Err(QueryError::Semantic(
                "cannot create a variable-length relationship".into(),
            ));
        }
        let (start, end) = match rp.direction {
            Dir::Right => (from.id.clone(), to.id.clone()),
            Dir::Left => (to.id.clone(), from.id.clone()),
            Dir::Both => {
                return Err(QueryError::Semantic(
                    "a created relationship needs a direction: -> or <-".into(),
                ))
            }
        };
        let mut props = props_of(ctx, &rp.properties, row)?;
        let id = fresh_rel_id(ctx, &mut props, t, &start, &end)?;
        let rel = Rel {
            pos: None,
            id: id.into(),
            rel_type: t.as_str().into(),
            start,
            end,
            props,
        };
        ctx.pending.put_rel(rel.clone());
        let rel = Rc::new(rel);
        if let Some(v) = &rp.variable {
            row.insert(v.as_str().into(), Val::Rel(rel.clone()));
        }
        rels.push(rel);
        nodes.push(to);
    }
    if let Some(p) = &part.variable {
        row.insert(
            p.as_str().into(),
            Val::Path(Rc::new(super::value::Path { nodes, rels })),
        );
    }
    Ok(())
}

/// Applies `f` to the current version of a node or relationship and stores it.
fn update(
    ctx: &mut Ctx,
    target: &Val,
    f: impl FnOnce(&mut Props, Option<&mut Vec<CompactString>>) -> QResult<()>,
) -> QResult<()> {
    match ctx.refresh(target)? {
        Val::Null => Ok(()),
        Val::Node(n) => {
            let mut n = (*n).clone();
            f(&mut n.props, Some(&mut n.labels))?;
            n.labels.sort();
            n.labels.dedup();
            ctx.pending.put_node(n);
            Ok(())
        }
        Val::Rel(r) => {
            let mut r = (*r).clone();
            f(&mut r.props, None)?;
            ctx.pending.put_rel(r);
            Ok(())
        }
        other => Err(QueryError::Type(format!(
            "cannot set properties on a {}",
            other.type_name()
        ))),
    }
}

fn set_item(ctx: &mut Ctx, item: &SetItem, row: &mut Row) -> QResult<()> {
    match item {
        SetItem::Property { entity, key, value } => {
            let target = eval(entity, row, ctx)?;
            let v = eval(value, row, ctx)?;
            if key == "id" && ctx.schema == Schema::Prosopography {
                return Err(QueryError::Semantic(
                    "an element's id cannot be changed; use `prosopo merge` to join two ids".into(),
                ));
            }
            let stored = storable(ctx, key, &v)?;
            update(ctx, &target, |props, _| {
                match stored {
                    Some(s) => props.insert(key.clone(), s),
                    None => props.remove(key),
                };
                Ok(())
            })
        }
        SetItem::Replace { variable, value } | SetItem::Extend { variable, value } => {
            let target = row.get(variable.as_str()).cloned().unwrap_or(Val::Null);
            let v = eval(value, row, ctx)?;
            let map = match v {
                Val::Map(m) => m,
                Val::Node(n) => Rc::new(
                    n.props
                        .iter()
                        .map(|(k, v)| (k.to_string(), Val::from_value(v)))
                        .collect(),
                ),
                Val::Rel(r) => Rc::new(
                    r.props
                        .iter()
                        .map(|(k, v)| (k.to_string(), Val::from_value(v)))
                        .collect(),
                ),
                other => {
                    return Err(QueryError::Type(format!(
                        "SET {variable} = ... needs a map, not a {}",
                        other.type_name()
                    )))
                }
            };
            let mut stored = Vec::new();
            for (k, v) in map.iter() {
                if k == "id" && ctx.schema == Schema::Prosopography {
                    continue;
                }
                stored.push((k.clone(), storable(ctx, k, v)?));
            }
            let replace = matches!(item, SetItem::Replace { .. });
            update(ctx, &target, |props, _| {
                if replace {
                    props.clear();
                }
                for (k, v) in stored {
                    match v {
                        Some(v) => props.insert(k, v),
                        None => props.remove(&k),
                    };
                }
                Ok(())
            })
        }
        SetItem::Labels { variable, labels } => {
            let target = row.get(variable.as_str()).cloned().unwrap_or(Val::Null);
            update(ctx, &target, |_, ls| {
                let Some(ls) = ls else {
                    return Err(QueryError::Type("only nodes have labels".into()));
                };
                ls.extend(labels.iter().map(|l| CompactString::from(l.as_str())));
                Ok(())
            })
        }
    }
}

fn remove_item(ctx: &mut Ctx, item: &RemoveItem, row: &Row) -> QResult<()> {
    match item {
        RemoveItem::Property { entity, key } => {
            let target = eval(entity, row, ctx)?;
            update(ctx, &target, |props, _| {
                props.remove(key);
                Ok(())
            })
        }
        RemoveItem::Labels { variable, labels } => {
            let target = row.get(variable.as_str()).cloned().unwrap_or(Val::Null);
            update(ctx, &target, |_, ls| {
                let Some(ls) = ls else {
                    return Err(QueryError::Type("only nodes have labels".into()));
                };
                ls.retain(|l| !labels.iter().any(|x| x == l));
                Ok(())
            })
        }
    }
}

fn delete(ctx: &mut Ctx, v: &Val, detach: bool) -> QResult<()> {
    match v {
        Val::Null => {}
        Val::Node(n) => {
            if detach {
                for dir in [Direction::Out, Direction::In] {
                    for adj in ctx.adjacent(&n.id, dir, None)? {
                        ctx.pending.delete_rel(&adj.rel);
                    }
                }
            }
            ctx.pending.delete_node(&n.id);
        }
        Val::Rel(r) => ctx.pending.delete_rel(&r.id),
        Val::Path(p) => {
            for r in &p.rels {
                ctx.pending.delete_rel(&r.id);
            }
            for n in &p.nodes {
                delete(ctx, &Val::Node(n.clone()), detach)?;
            }
        }
        Val::List(items) => {
            for i in items.iter() {
                delete(ctx, i, detach)?;
            }
        }
        other => {
            return Err(QueryError::Type(format!(
                "DELETE takes nodes, relationships or paths, not a {}",
                other.type_name()
            )))
        }
    }
    Ok(())
}
