//! The timeline (`prosopo timeline`): time flows left to right, one column
//! (a `rank=same` group) per period under an axis of period labels; each
//! event or accusation sits in the period of its earliest possible day,
//! dashed when its date is approximate, uncertain or runs past that
//! period; undated items wait in a separate "undated" group, never
//! guessed into a column. With persons, each person gets a lane.

use super::dot_ast::{self, attr, attr_lines, Ids};
use super::error::RenderError;
use super::fate::{self, Fate};
use super::network::MAX_NODES;
use super::periods::{columns, Column, Unit};
use super::select::resolve;
use super::timeline_items::{self, Collected, Item};
use super::window::{Fit, Window};
use crate::date::Edtf;
use crate::store::GraphRead;
use graphviz_rust::dot_structures::Stmt;
use std::collections::BTreeMap;

/// The key under the title: what borders and fills mean.
const KEY: &str = "Each box sits in the column of its earliest possible date. Dashed border: the date is approximate, uncertain or runs past its column. Red border: an accusation. Fill: arrest, conviction, execution (darker is graver).";

/// What to put on the timeline.
#[derive(Clone, Debug, Default)]
pub struct TimelineOptions {
    /// One lane per person (ids or names); empty: every event, no lanes.
    pub persons: Vec<String>,
    /// Only events at this institution and accusations among its members.
    pub institution: Option<String>,
    /// Keep items that may fall on or after this date.
    pub from: Option<Edtf>,
    /// Keep items that may fall on or before this date.
    pub to: Option<Edtf>,
    /// Draw even more than [`MAX_NODES`] items.
    pub force: bool,
}

/// Draws the timeline as DOT.
///
/// Columns are months when the dates span up to three years, years up to
/// sixty, decades beyond; runs of empty periods fold into one gap column.
/// Errors if a filter names nothing or more than [`MAX_NODES`] items would
/// be drawn without `force`.
///
/// Cost: reads every event and ACCUSED relationship in scope (with
/// persons, only theirs) and their participants.
pub fn timeline(g: &dyn GraphRead, opts: &TimelineOptions) -> Result<String, RenderError> {
    timeline_limited(g, opts, MAX_NODES)
}

fn timeline_limited(
    g: &dyn GraphRead,
    opts: &TimelineOptions,
    limit: usize,
) -> Result<String, RenderError> {
    let window = Window::new(opts.from.as_ref(), opts.to.as_ref());
    let inst = match &opts.institution {
        Some(t) => Some(resolve(
            g,
            "institution",
            t,
            &["Institution", "Organization"],
        )?),
        None => None,
    };
    let mut people = Vec::new();
    for p in &opts.persons {
        people.push(resolve(g, "person", p, &["Person"])?);
    }
    let collected = if people.is_empty() {
        timeline_items::general(g, inst.as_ref(), &window)?
    } else {
        timeline_items::lanes(g, &people, inst.as_ref(), &window)?
    };
    if collected.items.len() + people.len() > limit && !opts.force {
        return Err(RenderError::TooLarge {
            nodes: collected.items.len() + people.len(),
            limit,
        });
    }

    let mut title = "What happened when".to_string();
    if let Some(i) = &inst {
        title.push_str(&format!(" — {}", i.display_name()));
    }
    if !people.is_empty() {
        let names: Vec<&str> = people.iter().map(|p| p.display_name()).collect();
        title.push_str(&format!(" — {}", names.join(", ")));
    }
    let mut stmts = dot_ast::house_style(&title);
    stmts.push(dot_ast::defaults(
        "graph",
        vec![
            attr_lines(
                "label",
                &[vec![title.clone()], dot_ast::wrap(KEY, 110)].concat(),
            ),
            attr("rankdir", "LR"),
            attr("newrank", "true"),
            attr("nodesep", "0.25"),
            attr("ranksep", "0.5"),
        ],
    ));
    stmts.push(dot_ast::defaults(
        "node",
        vec![
            attr("shape", "box"),
            attr("style", "rounded"),
            attr("margin", "0.15,0.08"),
        ],
    ));
    let mut ids = Ids::new("n");
    let Collected {
        mut items,
        links,
        part_of,
    } = collected;
    items.sort_by(|a, b| (a.lane, &a.date, &a.key).cmp(&(b.lane, &b.date, &b.key)));

    let dated: Vec<&Item> = items.iter().filter(|i| earliest(i).is_some()).collect();
    let undated: Vec<&Item> = items.iter().filter(|i| earliest(i).is_none()).collect();
    let unit = match (
        dated.iter().filter_map(|i| earliest(i)).min(),
        dated.iter().filter_map(|i| earliest(i)).max(),
    ) {
        (Some(a), Some(b)) => Unit::for_span(a, b),
        _ => Unit::Year,
    };
    let mut by_period: BTreeMap<i64, Vec<&Item>> = BTreeMap::new();
    for i in &dated {
        if let Some(d) = earliest(i) {
            by_period.entry(unit.period(d)).or_default().push(i);
        }
    }
    let occupied: Vec<i64> = by_period.keys().copied().collect();
    let mut axis = Vec::new();
    if !people.is_empty() {
        let mut body = vec![dot_ast::graph_attr("rank", "same")];
        body.push(dot_ast::node(
            "axis_people",
            vec![attr("style", "invis"), attr("label", "")],
        ));
        axis.push("axis_people".to_string());
        for (lane, p) in people.iter().enumerate() {
            let recorded = fate::fate(g, &p.id)?;
            let mut lines = vec![p.display_name().to_string()];
            if recorded.fate != Fate::None {
                lines.push(format!(
                    "{}{}",
                    recorded.fate.word(),
                    recorded.when.map(|w| format!(", {w}")).unwrap_or_default()
                ));
            }
            let mut attrs = recorded.fate.style();
            attrs.push(attr_lines("label", &lines));
            attrs.push(attr("fontsize", "16"));
            attrs.push(attr("class", "lane"));
            body.push(dot_ast::node(&ids.get(&lane_key(lane)), attrs));
        }
        stmts.push(dot_ast::subgraph("lanes", body));
    }
    for (c, col) in columns(&occupied).iter().enumerate() {
        let name = format!("axis{c}");
        let mut body = vec![dot_ast::graph_attr("rank", "same")];
        match col {
            Column::Period(p) => {
                body.push(axis_node(&name, &unit.label(*p), false));
                let mut order = vec![name.clone()];
                for i in by_period.get(p).into_iter().flatten() {
                    body.push(item_node(i, &mut ids, |d| unit.spills(d)));
                    order.push(ids.get(&i.key));
                }
                body.extend(stack(&order));
            }
            Column::Gap(a, b) => {
                let label = format!("{} – {}\nnothing recorded", unit.label(*a), unit.label(*b));
                body.push(axis_node(&name, &label, true));
            }
        }
        stmts.push(dot_ast::subgraph(&format!("period{c}"), body));
        axis.push(name);
    }
    if !undated.is_empty() {
        stmts.push(undated_group(&undated, &part_of, &mut ids));
        axis.push("axis_undated".to_string());
    }
    for w in axis.windows(2) {
        let to_undated = w[1] == "axis_undated";
        stmts.push(dot_ast::edge(
            &w[0],
            &w[1],
            vec![
                attr("color", "#888888"),
                attr("penwidth", "2"),
                attr("style", if to_undated { "dotted" } else { "solid" }),
                attr("arrowhead", if to_undated { "none" } else { "normal" }),
                attr("weight", "100"),
            ],
        ));
    }
    stmts.extend(lane_edges(&items, people.len(), &mut ids));
    for (a, b) in &links {
        stmts.push(dot_ast::edge(
            &ids.get(a),
            &ids.get(b),
            vec![
                attr("color", "#b30000"),
                attr("penwidth", "1.5"),
                attr("constraint", "false"),
                attr("class", "accusation"),
            ],
        ));
    }
    for (a, b) in &part_of {
        if undated.iter().any(|i| &i.key == a) {
            continue;
        }
        stmts.push(dot_ast::edge(
            &ids.get(a),
            &ids.get(b),
            vec![
                attr("color", "#aaaaaa"),
                attr("style", "dotted"),
                attr("arrowhead", "empty"),
                attr("constraint", "false"),
                attr("tooltip", "part of"),
            ],
        ));
    }
    if items.is_empty() {
        stmts.push(dot_ast::node(
            "empty",
            vec![
                attr("shape", "plaintext"),
                attr("label", "Nothing recorded matches these filters."),
            ],
        ));
    }
    Ok(dot_ast::print(&dot_ast::digraph(stmts)))
}

/// The undated items in a dashed cluster, one column under an "undated"
/// head, in no time order; an undated event's undated parts follow it and
/// say so.
fn undated_group(undated: &[&Item], part_of: &[(String, String)], ids: &mut Ids) -> Stmt {
    let parent = |key: &str| {
        part_of
            .iter()
            .find(|(c, p)| c == key && undated.iter().any(|i| &i.key == p))
            .and_then(|(_, p)| undated.iter().find(|i| &i.key == p))
    };
    let kind_rank = |k: &str| {
        crate::model::schema::EVENT_KINDS
            .iter()
            .position(|x| *x == k)
    };
    let mut sorted: Vec<&Item> = undated.to_vec();
    sorted.sort_by_key(|i| {
        let root = parent(&i.key).map_or_else(|| i.key.clone(), |p| p.key.clone());
        (
            i.lane,
            root,
            parent(&i.key).is_some(),
            kind_rank(&i.kind),
            i.key.clone(),
        )
    });
    let mut column = vec![
        dot_ast::graph_attr("rank", "same"),
        axis_node("axis_undated", "undated\n(order unknown)", true),
    ];
    let mut order = vec!["axis_undated".to_string()];
    for i in &sorted {
        let mut item = (*i).clone();
        if let Some(p) = parent(&i.key) {
            let at = item.lines.len() - 1;
            item.lines
                .insert(at, format!("(part of the {} above)", p.kind));
        }
        column.push(item_node(&item, ids, |_| true));
        order.push(ids.get(&i.key));
    }
    // Under rankdir=LR Graphviz stacks a cluster's flat edges bottom to
    // top, so the chain runs from the last item up to the head.
    order.reverse();
    column.extend(stack(&order));
    dot_ast::subgraph(
        "cluster_undated",
        vec![
            dot_ast::graph_attr("label", "Undated in the sources: not placed in time"),
            dot_ast::graph_attr("fontsize", "14"),
            dot_ast::graph_attr("style", "dashed,rounded"),
            dot_ast::graph_attr("color", "#999999"),
            dot_ast::subgraph("undated", column),
        ],
    )
}

/// Invisible edges that stack the nodes of one column in this order.
fn stack(order: &[String]) -> Vec<Stmt> {
    order
        .windows(2)
        .map(|w| dot_ast::edge(&w[0], &w[1], vec![attr("style", "invis")]))
        .collect()
}

fn earliest(i: &Item) -> Option<crate::date::Day> {
    i.date.as_ref().and_then(Edtf::earliest)
}

fn lane_key(lane: usize) -> String {
    format!("lane\u{0}{lane}")
}

/// A period label on the axis.
fn axis_node(id: &str, label: &str, faint: bool) -> Stmt {
    let lines: Vec<&str> = label.split('\n').collect();
    dot_ast::node(
        id,
        vec![
            attr_lines("label", &lines),
            attr("shape", "box"),
            attr(
                "style",
                if faint {
                    "rounded,dashed"
                } else {
                    "rounded,filled"
                },
            ),
            attr("fillcolor", "#e8e8e8"),
            attr("color", "#888888"),
            attr("fontsize", if faint { "12" } else { "18" }),
            attr("class", "axis"),
        ],
    )
}

/// An item's box: repression events filled with the fate colours, an
/// accusation with a heavy border; dashed when its date is fuzzy.
fn item_node(i: &Item, ids: &mut Ids, spills: impl Fn(&Edtf) -> bool) -> Stmt {
    let fuzzy = i.fit == Fit::Possibly
        || match &i.date {
            Some(d) => d.approximate() || d.uncertain() || spills(d),
            None => true,
        };
    let mut style = vec!["rounded"];
    if fuzzy {
        style.push("dashed");
    }
    let mut attrs = vec![attr_lines("label", &i.lines)];
    match Fate::of_event_kind(&i.kind) {
        Some(f) => {
            style.push("filled");
            attrs.push(attr("fillcolor", f.fill()));
            attrs.push(attr(
                "fontcolor",
                if f >= Fate::Sentenced {
                    "white"
                } else {
                    "black"
                },
            ));
        }
        None if i.kind == "accusation" => {
            attrs.push(attr("color", "#b30000"));
            attrs.push(attr("penwidth", "2"));
        }
        None => attrs.push(attr("color", "#555555")),
    }
    attrs.push(attr("style", &style.join(",")));
    attrs.push(attr("tooltip", &i.element));
    attrs.push(attr("class", "item"));
    dot_ast::node(&ids.get(&i.key), attrs)
}

/// Each lane as a chain from its person through its items in time order
/// (undated last): light arrows that also keep the lane in one row.
fn lane_edges(items: &[Item], lanes: usize, ids: &mut Ids) -> Vec<Stmt> {
    let mut out = Vec::new();
    for lane in 0..lanes {
        let mut prev = ids.get(&lane_key(lane));
        let mut chain: Vec<&Item> = items.iter().filter(|i| i.lane == Some(lane)).collect();
        chain.sort_by_key(|i| (earliest(i).is_none(), i.date.clone()));
        for i in chain {
            let next = ids.get(&i.key);
            out.push(dot_ast::edge(
                &prev,
                &next,
                vec![
                    attr("color", "#bbbbbb"),
                    attr("weight", "10"),
                    attr("arrowhead", "vee"),
                ],
            ));
            prev = next;
        }
    }
    out
}

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod tests;
