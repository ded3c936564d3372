//! What happened to a person, as far as the data says, and how diagrams
//! show it: a colour on a light-to-dark scale (darker is worse, readable
//! in grey and by colour-blind readers: ColorBrewer OrRd) backed by a
//! distinct shape, and the legend that explains both.

use super::dot_ast::{self, attr};
use crate::date::Edtf;
use crate::model::Value;
use crate::store::{Direction, GraphRead, Result};
use graphviz_rust::dot_structures::{Attribute, Stmt};

/// The gravest repression recorded for a person, in increasing gravity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// No arrest, expulsion, sentence or execution recorded.
    None,
    /// Expelled (from the party or an institution).
    Expelled,
    /// Arrested, interrogated or put on trial.
    Arrested,
    /// Convicted or sentenced.
    Sentenced,
    /// Executed.
    Executed,
}

/// Roles in which an event happens *to* a person.
const SUBJECT_ROLES: [&str; 4] = ["subject", "accused", "defendant", "victim"];

impl Fate {
    /// Every fate, mildest first (the legend's order).
    pub const ALL: [Fate; 5] = [
        Fate::None,
        Fate::Expelled,
        Fate::Arrested,
        Fate::Sentenced,
        Fate::Executed,
    ];

    /// The fate an event of `kind` inflicts on its subject, if any.
    pub fn of_event_kind(kind: &str) -> Option<Fate> {
        Some(match kind {
            "execution" => Fate::Executed,
            "sentence" | "conviction" => Fate::Sentenced,
            "arrest" | "interrogation" | "trial" => Fate::Arrested,
            "expulsion" => Fate::Expelled,
            _ => return None,
        })
    }

    /// The word a label and the legend use.
    pub fn word(self) -> &'static str {
        match self {
            Fate::None => "no repression recorded",
            Fate::Expelled => "expelled",
            Fate::Arrested => "arrested or tried",
            Fate::Sentenced => "convicted or sentenced",
            Fate::Executed => "executed",
        }
    }

    /// Fill colour (ColorBrewer OrRd, light to dark).
    pub fn fill(self) -> &'static str {
        match self {
            Fate::None => "#ffffff",
            Fate::Expelled => "#fdd49e",
            Fate::Arrested => "#fc8d59",
            Fate::Sentenced => "#d7301f",
            Fate::Executed => "#7f0000",
        }
    }

    /// Node shape, so the fate reads without colour too.
    pub fn shape(self) -> &'static str {
        match self {
            Fate::None => "ellipse",
            Fate::Expelled => "hexagon",
            Fate::Arrested => "box",
            Fate::Sentenced => "octagon",
            Fate::Executed => "doubleoctagon",
        }
    }

    /// Node attributes drawing this fate.
    pub fn style(self) -> Vec<Attribute> {
        let font = if self >= Fate::Sentenced {
            "white"
        } else {
            "black"
        };
        let border = if self == Fate::None {
            "#555555"
        } else {
            "black"
        };
        vec![
            attr("shape", self.shape()),
            attr("style", "filled"),
            attr("fillcolor", self.fill()),
            attr("fontcolor", font),
            attr("color", border),
        ]
    }
}

/// A person's recorded fate and the date of the event that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The gravest fate recorded.
    pub fate: Fate,
    /// The date of that event (its source's wording where shorter).
    pub when: Option<String>,
    /// The event's date, for ordering.
    pub date: Option<Edtf>,
}

/// The gravest fate recorded for `person`: the events it PARTICIPATED_IN
/// as subject, accused, defendant or victim (or with no role), whatever
/// their date.
///
/// Cost: one read per participation and its event.
pub fn fate(g: &dyn GraphRead, person: &str) -> Result<Recorded> {
    let mut best = Recorded {
        fate: Fate::None,
        when: None,
        date: None,
    };
    for adj in g.adjacent(person, Direction::Out, Some("PARTICIPATED_IN"))? {
        let Some(rel) = g.rel(&adj.rel)? else {
            continue;
        };
        let role = rel.prop("role").and_then(Value::as_str);
        if role.is_some_and(|r| !SUBJECT_ROLES.contains(&r)) {
            continue;
        }
        let Some(event) = g.node(&adj.other)? else {
            continue;
        };
        let Some(f) = event
            .prop("kind")
            .and_then(Value::as_str)
            .and_then(Fate::of_event_kind)
        else {
            continue;
        };
        if f > best.fate {
            best = Recorded {
                fate: f,
                when: super::window::short_date(&event.props),
                date: super::window::date_of(&event.props).cloned(),
            };
        }
    }
    Ok(best)
}

/// The legend cluster, two rows high: a sample node per fate, and beside
/// them a sample accuser → accused edge per style the diagram uses
/// (`edges`: label and style pairs). Node ids start with `legend`.
pub fn legend(edges: &[(&str, &str)]) -> Stmt {
    let mut stmts = vec![
        dot_ast::graph_attr("label", "Legend"),
        dot_ast::graph_attr("fontsize", "14"),
        dot_ast::graph_attr("style", "rounded"),
        dot_ast::graph_attr("color", "#999999"),
    ];
    let mut rows: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    for (i, f) in Fate::ALL.iter().enumerate() {
        let id = format!("legend{i}");
        let mut attrs = f.style();
        attrs.push(dot_ast::attr_lines("label", &dot_ast::wrap(f.word(), 12)));
        attrs.push(attr("fontsize", "11"));
        attrs.push(attr("margin", "0.1,0.05"));
        stmts.push(dot_ast::node(&id, attrs));
        rows[usize::from(i >= 3)].push(id);
    }
    for (i, (label, style)) in edges.iter().enumerate() {
        let (a, b) = (format!("legend_e{i}a"), format!("legend_e{i}b"));
        for (id, text) in [(&a, "accuser"), (&b, "accused")] {
            stmts.push(dot_ast::node(
                id,
                vec![
                    attr("shape", "plaintext"),
                    attr("label", text),
                    attr("fontsize", "11"),
                ],
            ));
        }
        stmts.push(dot_ast::edge(
            &a,
            &b,
            vec![
                attr_lines_wrapped(label),
                attr("style", style),
                attr("fontsize", "11"),
                attr("color", "#333333"),
            ],
        ));
        rows[0].push(a);
        rows[1].push(b);
    }
    for (r, row) in rows.iter().enumerate() {
        let mut body = vec![dot_ast::graph_attr("rank", "same")];
        for w in row.windows(2) {
            body.push(dot_ast::edge(&w[0], &w[1], vec![attr("style", "invis")]));
        }
        stmts.push(dot_ast::subgraph(&format!("legend_row{r}"), body));
    }
    stmts.push(dot_ast::edge(
        &rows[0][0],
        &rows[1][0],
        vec![attr("style", "invis")],
    ));
    dot_ast::subgraph("cluster_legend", stmts)
}

fn attr_lines_wrapped(label: &str) -> Attribute {
    dot_ast::attr_lines("label", &dot_ast::wrap(label, 18))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gravity_orders_fates() {
        assert!(Fate::Executed > Fate::Sentenced && Fate::Arrested > Fate::Expelled);
        assert_eq!(Fate::of_event_kind("execution"), Some(Fate::Executed));
        assert_eq!(Fate::of_event_kind("promotion"), None);
        let fills: std::collections::BTreeSet<_> = Fate::ALL.iter().map(|f| f.fill()).collect();
        let shapes: std::collections::BTreeSet<_> = Fate::ALL.iter().map(|f| f.shape()).collect();
        assert_eq!((fills.len(), shapes.len()), (5, 5));
    }
}
