//! Nodes and relationships: the two kinds of element a graph holds.

use super::props::Props;
use super::value::Value;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A node: a stable id, its labels and its properties.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Node {
    /// Unique, human-readable key (`fedchenko`, `lcu`, `halfin2009`).
    pub id: CompactString,
    /// Labels (`Person`, `Event`, ...), sorted.
    pub labels: Vec<CompactString>,
    /// Properties, including `sources`, `certainty`, `date`, `date_text`.
    pub props: Props,
    /// Where the node was read from, when it was read from the read file
    /// (its index there): lets the query engine follow its relationships
    /// without looking its id up. Not part of the node's value: never
    /// stored, exported or compared.
    #[serde(skip)]
    pub pos: Option<u32>,
}

impl PartialEq for Node {
    fn eq(&self, other: &Node) -> bool {
        self.id == other.id && self.labels == other.labels && self.props == other.props
    }
}

/// A directed, typed relationship between two nodes.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Rel {
    /// Unique key.
    pub id: CompactString,
    /// Relationship type (`ACCUSED`, `MEMBER_OF`, ...).
    pub rel_type: CompactString,
    /// Id of the start node.
    pub start: CompactString,
    /// Id of the end node.
    pub end: CompactString,
    /// Properties.
    pub props: Props,
    /// Where the relationship was read from (see [`Node::pos`]).
    #[serde(skip)]
    pub pos: Option<u32>,
}

impl PartialEq for Rel {
    fn eq(&self, other: &Rel) -> bool {
        self.id == other.id
            && self.rel_type == other.rel_type
            && self.start == other.start
            && self.end == other.end
            && self.props == other.props
    }
}

impl Node {
    /// A property by key.
    pub fn prop(&self, key: &str) -> Option<&Value> {
        self.props.get(key)
    }

    /// Whether the node has this label.
    pub fn has_label(&self, label: &str) -> bool {
        self.labels.iter().any(|l| l == label)
    }

    /// The display name: `name`, else `title`, else the id.
    pub fn display_name(&self) -> &str {
        self.prop("name")
            .or_else(|| self.prop("title"))
            .and_then(Value::as_str)
            .unwrap_or(&self.id)
    }

    /// All names the node is known by: `name`, `title` and the `names` variants.
    pub fn all_names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for key in ["name", "title", "names"] {
            if let Some(v) = self.prop(key) {
                out.extend(v.strings());
            }
        }
        out
    }
}

impl Node {
    /// The name-index keys of the node: each of its names folded whole, and
    /// the words of its `name` and `names` (not of a `title`, whose words
    /// would make every event about a person match the person's name).
    pub fn name_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        if let Some(v) = self.prop("title") {
            keys.extend(v.strings().into_iter().map(super::name::fold));
        }
        // `name::keys` gives the whole name folded and its words.
        for key in ["name", "names"] {
            if let Some(v) = self.prop(key) {
                keys.extend(v.strings().into_iter().flat_map(super::name::keys));
            }
        }
        // Ids merged into this node still find it.
        if let Some(v) = self.prop("merged_from") {
            keys.extend(v.strings().into_iter().map(super::name::fold));
        }
        keys.retain(|k| !k.is_empty());
        keys.sort();
        keys.dedup();
        keys
    }
}

impl Rel {
    /// A property by key.
    pub fn prop(&self, key: &str) -> Option<&Value> {
        self.props.get(key)
    }
}
