//! XML text for the GraphML and GEXF exports: escaping of element content
//! and attribute values, and replacement of the characters XML 1.0 forbids.

use std::borrow::Cow;

/// The XML declaration every export starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// What stands in for a character XML 1.0 cannot hold (U+FFFD).
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether XML 1.0 allows the character at all (§2.2 `Char`).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` escaped for element content or a double-quoted attribute value:
/// `& < > " '` as entities; tab, line feed and carriage return as
/// character references (so attribute-value normalization and line-end
/// handling keep them); other control characters, which XML 1.0 forbids,
/// replaced by [`REPLACEMENT`].
///
/// Cost: one pass; borrows `s` when nothing needs escaping.
pub fn escape(s: &str) -> Cow<'_, str> {
    let clean =
        |c: char| is_xml_char(c) && !matches!(c, '&' | '<' | '>' | '"' | '\'' | '\t' | '\n' | '\r');
    if s.chars().all(clean) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push(REPLACEMENT),
        }
    }
    Cow::Owned(out)
}

/// What a reader gets back from an escaped `s`: `s` with forbidden
/// characters replaced (for tests and documentation of the loss).
pub fn readable(s: &str) -> String {
    s.chars()
        .map(|c| if is_xml_char(c) { c } else { REPLACEMENT })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert!(matches!(escape("Пантюхин 1931"), Cow::Borrowed(_)));
    }

    #[test]
    fn forbidden_controls_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{1b}c\u{FFFE}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(escape("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
    }

    // Guards that a parser reads back exactly what was written, in element
    // text and in attributes (where raw newlines and tabs would be normalized).
    #[test]
    fn round_trips_through_a_parser() {
        let s = "<&>\"' x\ty\r\nz \u{7}bell Ленинград 😀";
        let doc = format!("{DECLARATION}<r a=\"{}\">{}</r>", escape(s), escape(s));
        let parsed = roxmltree::Document::parse(&doc).unwrap();
        let root = parsed.root_element();
        assert_eq!(root.attribute("a"), Some(readable(s).as_str()));
        assert_eq!(root.text(), Some(readable(s).as_str()));
        assert!(readable(s).contains("\u{FFFD}bell"));
    }
}
