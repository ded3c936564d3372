//! The prosopography schema: labels, relationship types and their endpoint
//! rules, the vocabularies of event kinds, roles and certainty, and which
//! properties hold dates.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Which model a database enforces. Chosen when the database is created and
/// stored with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Schema {
    /// The model of DESIGN §1: six labels, typed relationships, a source on
    /// every assertion.
    Prosopography,
    /// A plain property graph: any labels, types and properties.
    Open,
}

impl Schema {
    /// The schema's name as written on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Schema::Prosopography => "prosopography",
            Schema::Open => "open",
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The node labels of the prosopography schema.
pub const LABELS: [&str; 6] = [
    "Person",
    "Institution",
    "Organization",
    "Place",
    "Event",
    "Source",
];

/// Relationship types with the labels allowed at each end.
///
/// Beyond DESIGN §1: a group (an Organization: a family, "those of the house
/// of X", an alleged "centre") may take part in an event and be accused as a
/// whole, as registers record it; and `RELATED_TO` links a person to a
/// relative or associate (`kind`: wife, son, brother, associate, …; read
/// `(a)-[:RELATED_TO {kind: "son"}]->(b)` as "b is a's son") or to a group
/// of kin.
pub const REL_TYPES: [(&str, &[&str], &[&str]); 7] = [
    ("ACCUSED", &["Person"], &["Person", "Organization"]),
    ("PARTICIPATED_IN", &["Person", "Organization"], &["Event"]),
    ("MEMBER_OF", &["Person"], &["Institution", "Organization"]),
    (
        "PART_OF",
        &["Institution", "Organization", "Event"],
        &["Institution", "Organization", "Event"],
    ),
    ("AT", &["Event"], &["Institution", "Place"]),
    ("LOCATED_IN", &["Institution", "Place"], &["Place"]),
    ("RELATED_TO", &["Person"], &["Person", "Organization"]),
];

/// Kinds of Event.
pub const EVENT_KINDS: [&str; 23] = [
    "accusation",
    "meeting",
    "purge",
    "expulsion",
    "arrest",
    "interrogation",
    "investigation",
    "confession",
    "trial",
    "conviction",
    "sentence",
    "execution",
    "death",
    "burial",
    "release",
    "rehabilitation",
    "appointment",
    "promotion",
    "dissolution",
    "denunciation",
    "birth",
    "summons",
    "other",
];

/// Roles of a person in an event (PARTICIPATED_IN `role`).
pub const ROLES: [&str; 15] = [
    "accuser",
    "accused",
    "witness",
    "chair",
    "defendant",
    "investigator",
    "subject",
    "speaker",
    "judge",
    "victim",
    "organizer",
    "participant",
    "member",
    "denouncer",
    "informant",
];

/// Degrees of certainty of an assertion.
pub const CERTAINTIES: [&str; 4] = ["certain", "probable", "possible", "doubtful"];

/// Properties whose values are EDTF dates in the prosopography schema.
pub const DATE_PROPS: [&str; 5] = ["date", "born", "died", "start", "end"];

/// The endpoint rule of a relationship type, if the type is known.
pub fn endpoint_rule(rel_type: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    REL_TYPES
        .iter()
        .find(|(t, _, _)| *t == rel_type)
        .map(|(_, from, to)| (*from, *to))
}

/// Whether a property holds a date.
pub fn is_date_prop(key: &str) -> bool {
    DATE_PROPS.contains(&key)
}

/// Suggests the closest word of a vocabulary for an unknown one ("did you
/// mean"): the same word in another case, a prefix, or one within two edits.
pub fn suggest<'a>(word: &str, vocabulary: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    vocabulary
        .iter()
        .copied()
        .find(|v| v.to_lowercase() == lower)
        .or_else(|| {
            vocabulary.iter().copied().find(|v| {
                let v = v.to_lowercase();
                lower.len() >= 3 && (v.starts_with(&lower) || lower.starts_with(&v))
            })
        })
        .or_else(|| {
            vocabulary
                .iter()
                .copied()
                .map(|v| (strsim::levenshtein(&lower, &v.to_lowercase()), v))
                .filter(|(d, _)| *d <= 2)
                .min_by_key(|(d, _)| *d)
                .map(|(_, v)| v)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_rules_follow_the_model() {
        let (from, to) = endpoint_rule("MEMBER_OF").unwrap();
        assert_eq!(from, &["Person"]);
        assert!(to.contains(&"Organization"));
        assert!(endpoint_rule("LIKES").is_none());
    }

    #[test]
    fn suggestions_ignore_case() {
        assert_eq!(suggest("person", &LABELS), Some("Person"));
        assert_eq!(suggest("accus", &ROLES), Some("accuser"));
        assert_eq!(suggest("zzz", &ROLES), None);
        assert_eq!(suggest("arest", &EVENT_KINDS), Some("arrest"));
    }
}
