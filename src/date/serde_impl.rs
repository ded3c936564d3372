//! Serde support: an [`Edtf`] serializes as its normalized string and
//! deserializes by parsing a string (invalid dates are errors).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Edtf;

impl Serialize for Edtf {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

struct EdtfVisitor;

impl Visitor<'_> for EdtfVisitor {
    type Value = Edtf;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an EDTF date string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Edtf, E> {
        Edtf::parse(v).map_err(|e| E::custom(format!("invalid EDTF date {v:?}: {e}")))
    }
}

impl<'de> Deserialize<'de> for Edtf {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Edtf, D::Error> {
        deserializer.deserialize_str(EdtfVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Edtf;

    #[test]
    fn json_roundtrip() {
        let e = Edtf::parse(" [1667, 1668..1670] ").unwrap();
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, "\"[1667,1668..1670]\"");
        let back: Edtf = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn invalid_strings_fail() {
        let err = serde_json::from_str::<Edtf>("\"1931-13\"").unwrap_err();
        assert!(
            err.to_string().contains("invalid month 13 at column 6"),
            "{err}"
        );
        assert!(serde_json::from_str::<Edtf>("1931").is_err());
    }
}
