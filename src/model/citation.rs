//! Citations: a Source id with a locator (`halfin2009:301-335`).

use compact_str::CompactString;
use std::fmt;

/// One citation of a source: the Source node's id and a locator within it
/// (pages, a file reference, an anchor).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// Id of the Source node.
    pub source: CompactString,
    /// Where in the source (`301-335`, `shot-1#s1`).
    pub locator: CompactString,
}

impl Citation {
    /// Parses `SOURCE:LOCATOR`; both parts must be non-empty.
    pub fn parse(text: &str) -> Result<Citation, String> {
        let Some((source, locator)) = text.split_once(':') else {
            return Err(format!(
                "citation '{text}' has no locator: write SOURCE:LOCATOR, e.g. halfin2009:301-335"
            ));
        };
        let (source, locator) = (source.trim(), locator.trim());
        if source.is_empty() {
            return Err(format!("citation '{text}' has an empty source id"));
        }
        if locator.is_empty() {
            return Err(format!(
                "citation '{text}' has an empty locator: give pages or a reference after ':'"
            ));
        }
        Ok(Citation {
            source: source.into(),
            locator: locator.into(),
        })
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.locator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_source_and_locator() {
        let c = Citation::parse("halfin2009:301-335").unwrap();
        assert_eq!(c.source, "halfin2009");
        assert_eq!(c.locator, "301-335");
        assert_eq!(c.to_string(), "halfin2009:301-335");
        // A locator may itself hold colons (URLs).
        let c = Citation::parse("memorial:https://x/y").unwrap();
        assert_eq!(c.locator, "https://x/y");
    }

    #[test]
    fn rejects_missing_parts() {
        assert!(Citation::parse("halfin2009")
            .unwrap_err()
            .contains("no locator"));
        assert!(Citation::parse(":12").unwrap_err().contains("empty source"));
        assert!(Citation::parse("halfin2009: ")
            .unwrap_err()
            .contains("empty locator"));
    }
}
