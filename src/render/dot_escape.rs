//! Escaping text for Graphviz DOT. graphviz-rust prints identifiers and
//! attribute values exactly as given, so every label goes through
//! [`quoted`] before it reaches the AST: a name such as
//! `x"]; evil [label="INJECTED` must stay text, not become DOT.
//!
//! Inside a DOT quoted string only `\"` is special to the lexer; Graphviz
//! then reads the label as an *escString*, where `\N`, `\G`, `\l`, `\r`
//! and `\n` are directives. Doubling every backslash neutralises all of
//! them; a line break in the data becomes a centred `\n` break.

use graphviz_rust::dot_structures::Id;

/// The body of a DOT quoted string (without the surrounding quotes) that
/// Graphviz displays as exactly `text`: backslashes doubled, quotes
/// escaped, `\r\n`, `\r` and `\n` turned into centred line breaks, other
/// control characters replaced by spaces.
///
/// Cost: linear in the length of `text`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` as a quoted DOT identifier, safe for any attribute value.
pub fn quoted(text: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(text)))
}

/// Several lines of text as one quoted DOT value, each line escaped and
/// joined with a centred line break.
pub fn quoted_lines<S: AsRef<str>>(lines: &[S]) -> Id {
    let body: Vec<String> = lines.iter().map(|l| escape(l.as_ref())).collect();
    Id::Escaped(format!("\"{}\"", body.join("\\n")))
}

/// Reverses [`escape`] for a parsed quoted identifier (quotes included):
/// what Graphviz displays, with line breaks as `\n`. Used by tests that
/// read DOT back.
pub fn unescape(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(quoted);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('l') | Some('r') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::dot_ast::{self, Ids};
    use graphviz_rust::dot_structures::{Graph, Stmt};

    /// The name the Graphviz issue is about.
    const INJECTION: &str = "x\"]; evil [label=\"INJECTED";

    #[test]
    fn escapes_quotes_backslashes_and_breaks() {
        assert_eq!(escape("a\"b"), "a\\\"b");
        assert_eq!(escape("a\\Nb\\l"), "a\\\\Nb\\\\l");
        assert_eq!(
            escape("one\r\ntwo\rthree\nfour"),
            "one\\ntwo\\nthree\\nfour"
        );
        assert_eq!(escape("tab\there"), "tab here");
        assert_eq!(escape("Федченко"), "Федченко");
        for s in [INJECTION, "end\\", "\\\"", "a\nb", "\\N"] {
            assert_eq!(unescape(&format!("\"{}\"", escape(s))), s);
        }
    }

    // Guards against label injection: a hostile name must stay one label.
    #[test]
    fn injection_renders_as_text() {
        let mut ids = Ids::new("n");
        let stmts = vec![
            dot_ast::node(&ids.get("p1"), vec![dot_ast::attr("label", INJECTION)]),
            dot_ast::node(&ids.get("p2"), vec![dot_ast::attr("label", "end\\")]),
            dot_ast::edge(
                &ids.get("p1"),
                &ids.get("p2"),
                vec![dot_ast::attr("label", "\\N\"")],
            ),
        ];
        let dot = dot_ast::print(&dot_ast::digraph(stmts));
        let parsed = graphviz_rust::parse(&dot).expect("the DOT parses");
        let Graph::DiGraph { stmts, .. } = parsed else {
            panic!("not a digraph: {dot}");
        };
        let nodes: Vec<_> = stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Node(n) => Some(n),
                _ => None,
            })
            .collect();
        assert_eq!(nodes.len(), 2, "{dot}");
        let label = |n: &graphviz_rust::dot_structures::Node| {
            n.attributes
                .iter()
                .find(|a| a.0.to_string() == "label")
                .map(|a| match &a.1 {
                    Id::Escaped(s) => unescape(s),
                    other => panic!("label not quoted: {other:?}"),
                })
                .unwrap()
        };
        assert_eq!(label(nodes[0]), INJECTION);
        assert_eq!(label(nodes[1]), "end\\");
        let ids: Vec<String> = nodes.iter().map(|n| n.id.0.to_string()).collect();
        assert_eq!(ids, ["n0", "n1"]);
    }
}
