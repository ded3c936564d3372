//! The accusation network (`prosopo graph`): people as nodes, "who accused
//! whom" as arrows from accuser to accused, each person's fate as colour
//! and shape, optionally grouped by institution, cut to an ego network or
//! a date window. Written as DOT through graphviz-rust's AST.

use super::dot_ast::{self, attr, attr_lines, Ids};
use super::error::RenderError;
use super::fate::{self, Fate};
use super::select::{members, resolve};
use super::window::{date_of, short_date, Fit, Window};
use crate::date::Edtf;
use crate::model::{Node, Rel, Value};
use crate::store::{Direction, GraphRead};
use graphviz_rust::dot_structures::Stmt;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The most nodes a diagram draws without `force`: beyond it Graphviz is
/// slow and the picture unreadable.
pub const MAX_NODES: usize = 2000;

/// What part of the accusation network to draw.
#[derive(Clone, Debug)]
pub struct NetworkOptions {
    /// Draw only the people within `depth` accusations (either direction)
    /// of this person (an id or a name).
    pub center: Option<String>,
    /// Hops from `center`.
    pub depth: usize,
    /// Keep accusations that may fall on or after this date.
    pub from: Option<Edtf>,
    /// Keep accusations that may fall on or before this date.
    pub to: Option<Edtf>,
    /// Draw only this institution's members (id or name), in one cluster.
    pub institution: Option<String>,
    /// Group people in clusters by the institution they were members of.
    pub cluster: bool,
    /// Draw even more than [`MAX_NODES`] nodes.
    pub force: bool,
}

impl Default for NetworkOptions {
    fn default() -> NetworkOptions {
        NetworkOptions {
            center: None,
            depth: 2,
            from: None,
            to: None,
            institution: None,
            cluster: false,
            force: false,
        }
    }
}

/// An ACCUSED relationship and where it stands in the window.
struct Accusation {
    rel: Rel,
    fit: Fit,
}

/// An accusation event whose source names no accuser: drawn from a
/// placeholder, never from an invented person.
struct Unnamed {
    event: Node,
    accused: Vec<String>,
    fit: Fit,
}

/// Draws the accusation network as DOT.
///
/// People who accused or were accused (with `institution`, every member
/// of it) are nodes; each accuser → accused pair is one edge labelled with
/// the date and charge of each accusation between them, thicker with more
/// of them. With a window, an accusation whose date only possibly falls in
/// it is dashed. Errors if a filter names nothing, or if more than
/// [`MAX_NODES`] people would be drawn without `force`.
///
/// Cost: reads every ACCUSED relationship and accusation event, then the
/// participations of each drawn person.
pub fn network(g: &dyn GraphRead, opts: &NetworkOptions) -> Result<String, RenderError> {
    network_limited(g, opts, MAX_NODES)
}

fn network_limited(
    g: &dyn GraphRead,
    opts: &NetworkOptions,
    limit: usize,
) -> Result<String, RenderError> {
    let window = Window::new(opts.from.as_ref(), opts.to.as_ref());
    let mut accs = Vec::new();
    for id in g.rel_ids_with_type("ACCUSED")? {
        let Some(rel) = g.rel(&id)? else { continue };
        let fit = window.fit(date_of(&rel.props));
        if fit != Fit::Outside {
            accs.push(Accusation { rel, fit });
        }
    }
    let mut unnamed = unnamed_accusations(g, &window)?;
    let mut people = BTreeSet::new();
    let inst = match &opts.institution {
        Some(t) => Some(resolve(
            g,
            "institution",
            t,
            &["Institution", "Organization"],
        )?),
        None => None,
    };
    if let Some(inst) = &inst {
        let m = members(g, &inst.id)?;
        accs.retain(|a| m.contains(a.rel.start.as_str()) && m.contains(a.rel.end.as_str()));
        restrict_unnamed(&mut unnamed, &m);
        people.extend(m);
    }
    let mut center_name = None;
    if let Some(c) = &opts.center {
        let node = resolve(g, "person", c, &["Person"])?;
        let ball = ego(&node.id, opts.depth, &accs);
        accs.retain(|a| ball.contains(a.rel.start.as_str()) && ball.contains(a.rel.end.as_str()));
        restrict_unnamed(&mut unnamed, &ball);
        people = ball;
        center_name = Some(node.display_name().to_string());
    }
    for a in &accs {
        people.insert(a.rel.start.to_string());
        people.insert(a.rel.end.to_string());
    }
    for u in &unnamed {
        people.extend(u.accused.iter().cloned());
    }
    let total = people.len() + unnamed.len();
    if total > limit && !opts.force {
        return Err(RenderError::TooLarge {
            nodes: total,
            limit,
        });
    }

    let mut title = "Who accused whom".to_string();
    if let Some(name) = &center_name {
        let steps = if opts.depth == 1 { "step" } else { "steps" };
        title.push_str(&format!(" — around {name}, {} {steps}", opts.depth));
    }
    if let Some(inst) = &inst {
        title.push_str(&format!(" — {}", inst.display_name()));
    }
    if window.is_active() {
        let f = opts
            .from
            .as_ref()
            .map(|d| d.to_string())
            .unwrap_or_default();
        let t = opts.to.as_ref().map(|d| d.to_string()).unwrap_or_default();
        title.push_str(&format!(", {f} to {t}"));
    }
    let mut stmts = dot_ast::house_style(&title);
    stmts.push(dot_ast::defaults(
        "graph",
        vec![
            attr("rankdir", "TB"),
            attr("nodesep", "0.5"),
            attr("ranksep", "0.9"),
        ],
    ));
    stmts.push(dot_ast::defaults("node", vec![attr("margin", "0.2,0.1")]));

    let mut ids = Ids::new("n");
    let mut edge_samples = vec![("date · charge", "solid")];
    if window.is_active() {
        edge_samples.push(("date only possibly in the window", "dashed"));
    }
    let mut loose = Vec::new();
    let mut clusters: BTreeMap<String, (String, Vec<Stmt>)> = BTreeMap::new();
    for p in &people {
        let Some(node) = g.node(p)? else { continue };
        let stmt = person_node(g, &node, &mut ids)?;
        let group = if let Some(inst) = &inst {
            Some(inst.clone())
        } else if opts.cluster {
            first_institution(g, p)?
        } else {
            None
        };
        match group {
            Some(i) => clusters
                .entry(i.id.to_string())
                .or_insert_with(|| (i.display_name().to_string(), Vec::new()))
                .1
                .push(stmt),
            None => loose.push(stmt),
        }
    }
    for (i, (_, (name, nodes))) in clusters.into_iter().enumerate() {
        let mut body = vec![
            dot_ast::graph_attr("label", &name),
            dot_ast::graph_attr("style", "rounded"),
            dot_ast::graph_attr("color", "#4477aa"),
            dot_ast::graph_attr("fontcolor", "#4477aa"),
            dot_ast::graph_attr("fontsize", "16"),
        ];
        body.extend(nodes);
        stmts.push(dot_ast::subgraph(&format!("cluster_inst{i}"), body));
    }
    stmts.extend(loose);
    if people.is_empty() {
        stmts.push(dot_ast::node(
            "empty",
            vec![
                attr("shape", "plaintext"),
                attr("label", "No accusations match these filters."),
            ],
        ));
    }
    for u in &unnamed {
        stmts.extend(unnamed_stmts(u, &mut ids));
        if u.fit == Fit::Possibly && !edge_samples.iter().any(|s| s.1 == "dashed") {
            edge_samples.push(("date only possibly in the window", "dashed"));
        }
    }
    let mut pairs: BTreeMap<(String, String), Vec<&Accusation>> = BTreeMap::new();
    for a in &accs {
        pairs
            .entry((a.rel.start.to_string(), a.rel.end.to_string()))
            .or_default()
            .push(a);
    }
    for ((from, to), mut list) in pairs {
        list.sort_by(|a, b| date_of(&a.rel.props).cmp(&date_of(&b.rel.props)));
        let (from, to) = (ids.get(&from), ids.get(&to));
        stmts.push(dot_ast::edge(&from, &to, accusation_edge(&list)));
    }
    stmts.push(fate::legend(&edge_samples));
    Ok(dot_ast::print(&dot_ast::digraph(stmts)))
}

/// The people within `depth` accusations of `center`, either direction.
fn ego(center: &str, depth: usize, accs: &[Accusation]) -> BTreeSet<String> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in accs {
        next.entry(&a.rel.start).or_default().push(&a.rel.end);
        next.entry(&a.rel.end).or_default().push(&a.rel.start);
    }
    let mut seen = BTreeSet::from([center.to_string()]);
    let mut queue = VecDeque::from([(center, 0)]);
    while let Some((at, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for other in next.get(at).into_iter().flatten() {
            if seen.insert(other.to_string()) {
                queue.push_back((other, d + 1));
            }
        }
    }
    seen
}

fn restrict_unnamed(unnamed: &mut Vec<Unnamed>, keep: &BTreeSet<String>) {
    for u in unnamed.iter_mut() {
        u.accused.retain(|p| keep.contains(p));
    }
    unnamed.retain(|u| !u.accused.is_empty());
}

/// Accusation events in the window with accused participants but no
/// accuser.
fn unnamed_accusations(g: &dyn GraphRead, window: &Window) -> Result<Vec<Unnamed>, RenderError> {
    let mut out = Vec::new();
    for id in g.node_ids_with_label("Event")? {
        let Some(event) = g.node(&id)? else { continue };
        if event.prop("kind").and_then(Value::as_str) != Some("accusation") {
            continue;
        }
        let fit = window.fit(date_of(&event.props));
        if fit == Fit::Outside {
            continue;
        }
        let mut accused = Vec::new();
        let mut has_accuser = false;
        for adj in g.adjacent(&id, Direction::In, Some("PARTICIPATED_IN"))? {
            let Some(rel) = g.rel(&adj.rel)? else {
                continue;
            };
            match rel.prop("role").and_then(Value::as_str) {
                Some("accuser") => has_accuser = true,
                Some("accused") => accused.push(adj.other.into()),
                _ => {}
            }
        }
        if !has_accuser && !accused.is_empty() {
            out.push(Unnamed {
                event,
                accused,
                fit,
            });
        }
    }
    Ok(out)
}

/// The first Institution (by id) a person was a member of.
fn first_institution(g: &dyn GraphRead, person: &str) -> Result<Option<Node>, RenderError> {
    let mut insts = Vec::new();
    for adj in g.adjacent(person, Direction::Out, Some("MEMBER_OF"))? {
        if let Some(n) = g.node(&adj.other)? {
            if n.has_label("Institution") {
                insts.push(n);
            }
        }
    }
    insts.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(insts.into_iter().next())
}

/// A person's node: name, fate and its date; fate as colour and shape.
fn person_node(g: &dyn GraphRead, node: &Node, ids: &mut Ids) -> Result<Stmt, RenderError> {
    let recorded = fate::fate(g, &node.id)?;
    let mut lines = vec![node.display_name().to_string()];
    if recorded.fate != Fate::None {
        let mut line = recorded.fate.word().to_string();
        if let Some(w) = &recorded.when {
            line.push_str(&format!(", {w}"));
        }
        lines.push(line);
    }
    let mut attrs = recorded.fate.style();
    attrs.push(attr_lines("label", &lines));
    attrs.push(attr("tooltip", &node.id));
    attrs.push(attr("class", "person"));
    Ok(dot_ast::node(&ids.get(&node.id), attrs))
}

/// One line of an edge label: `date · charge`, with a certainty below
/// `certain` in brackets.
pub(crate) fn accusation_line(props: &crate::model::Props) -> String {
    let date = short_date(props);
    let charge = props.get("charge").map(|c| c.to_string());
    let mut line = match (date, charge) {
        (Some(d), Some(c)) => format!("{d} · {c}"),
        (Some(d), None) => d,
        (None, Some(c)) => format!("undated · {c}"),
        (None, None) => "undated".to_string(),
    };
    if let Some(c) = props.get("certainty").and_then(Value::as_str) {
        if c != "certain" {
            line.push_str(&format!(" ({c})"));
        }
    }
    line
}

/// The edge of one accuser → accused pair: a line per accusation (three at
/// most, then a count), thicker with more accusations, dashed when none
/// certainly falls in the window.
fn accusation_edge(list: &[&Accusation]) -> Vec<graphviz_rust::dot_structures::Attribute> {
    let mut lines = Vec::new();
    if list.len() > 1 {
        lines.push(format!("{} accusations:", list.len()));
    }
    for a in list.iter().take(3) {
        lines.push(accusation_line(&a.rel.props));
    }
    if list.len() > 3 {
        lines.push(format!("and {} more", list.len() - 3));
    }
    let certain = list.iter().any(|a| a.fit == Fit::Inside);
    let width = 1.5 + 0.75 * (list.len().min(5) - 1) as f64;
    vec![
        attr_lines("label", &lines),
        attr("style", if certain { "solid" } else { "dashed" }),
        attr("penwidth", &format!("{width:.2}")),
        attr("color", "#333333"),
        attr("class", "accusation"),
    ]
}

/// The placeholder of an accusation without a named accuser, and its
/// edges to the accused.
fn unnamed_stmts(u: &Unnamed, ids: &mut Ids) -> Vec<Stmt> {
    let id = ids.get(&format!("unnamed accuser\u{0}{}", u.event.id));
    let mut lines = vec!["accuser not named".to_string()];
    lines.push(accusation_line(&u.event.props));
    let mut out = vec![dot_ast::node(
        &id,
        vec![
            attr_lines("label", &lines),
            attr("shape", "box"),
            attr("style", "rounded,dashed"),
            attr("color", "#777777"),
            attr("fontcolor", "#444444"),
            attr("fontsize", "12"),
            attr("tooltip", &u.event.id),
            attr("class", "unnamed-accuser"),
        ],
    )];
    let style = if u.fit == Fit::Inside {
        "solid"
    } else {
        "dashed"
    };
    for p in &u.accused {
        out.push(dot_ast::edge(
            &id,
            &ids.get(p),
            vec![
                attr("style", style),
                attr("color", "#777777"),
                attr("penwidth", "1.5"),
                attr("class", "accusation-unnamed"),
            ],
        ));
    }
    out
}

#[cfg(test)]
#[path = "network_tests.rs"]
pub(crate) mod tests;
