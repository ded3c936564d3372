//! Running Graphviz's `dot` to turn DOT into SVG or PNG, and choosing the
//! output format from the extension of `-o`.

use super::error::RenderError;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The program run for svg and png output.
const DOT: &str = "dot";

/// Renders DOT text as `format` (`svg` or `png`) with Graphviz's `dot`
/// and returns the bytes it writes. Errors say how to install Graphviz
/// when `dot` is missing, and quote its stderr when it fails.
///
/// Cost: one `dot` process; Graphviz's layout time grows quickly past a
/// few thousand nodes (see [`super::network::MAX_NODES`]).
pub fn render(dot: &str, format: &str) -> Result<Vec<u8>, RenderError> {
    run(DOT, dot, format).map(|(bytes, _)| bytes)
}

/// Runs `program -Tformat` on `dot`; returns its stdout and its stderr
/// (Graphviz's warnings).
pub(crate) fn run(
    program: &str,
    dot: &str,
    format: &str,
) -> Result<(Vec<u8>, String), RenderError> {
    if !matches!(format, "svg" | "png") {
        return Err(RenderError::Format(format.to_string()));
    }
    let mut child = match Command::new(program)
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(RenderError::DotMissing),
        Err(e) => return Err(e.into()),
    };
    // Write from another thread so a large output cannot block dot while
    // we are still writing its input.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output()?;
    let written = writer.join().unwrap_or(Ok(()));
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if !out.status.success() {
        return Err(RenderError::DotFailed {
            format: format.to_string(),
            status: out.status.to_string(),
            stderr,
        });
    }
    written?;
    Ok((out.stdout, stderr))
}

/// The diagram format an output path asks for by its extension: `dot`
/// for `.dot` and `.gv`, `svg`, `png`; `None` for anything else.
pub fn format_from_path(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "dot" | "gv" => Some("dot"),
        "svg" => Some("svg"),
        "png" => Some("png"),
        _ => None,
    }
}

/// Whether `dot` can be run here.
pub fn dot_available() -> bool {
    Command::new(DOT)
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::dot_check::bundled;
    use crate::render::network::{network, NetworkOptions};
    use crate::render::timeline::{timeline, TimelineOptions};

    /// Whether to run a test that needs `dot`: yes if it is installed; if
    /// not, fail on CI and skip elsewhere.
    fn have_dot() -> bool {
        if dot_available() {
            return true;
        }
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "Graphviz's dot is required on CI"
        );
        println!("skipped: dot not found");
        false
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(format_from_path(Path::new("a.dot")), Some("dot"));
        assert_eq!(format_from_path(Path::new("a/b.GV")), Some("dot"));
        assert_eq!(format_from_path(Path::new("x.svg")), Some("svg"));
        assert_eq!(format_from_path(Path::new("x.png")), Some("png"));
        assert_eq!(format_from_path(Path::new("x.pdf")), None);
        assert_eq!(format_from_path(Path::new("noext")), None);
    }

    // Guards the message a user without Graphviz sees.
    #[test]
    fn missing_dot_says_how_to_install_it() {
        let err = run("prosopo-no-such-dot-program", "digraph {}", "svg").unwrap_err();
        assert!(matches!(err, RenderError::DotMissing));
        let msg = err.to_string();
        assert!(msg.contains("apt-get install graphviz") && msg.contains("brew install graphviz"));
        assert!(matches!(
            render("digraph {}", "pdf"),
            Err(RenderError::Format(_))
        ));
    }

    #[test]
    fn bundled_diagrams_render_without_warnings() {
        if !have_dot() {
            return;
        }
        let db = bundled();
        let center = NetworkOptions {
            center: Some("izak".into()),
            depth: 1,
            ..NetworkOptions::default()
        };
        let persons = TimelineOptions {
            persons: vec!["fedchenko".into(), "izak".into()],
            ..TimelineOptions::default()
        };
        for dot in [
            network(&db.graph(), &NetworkOptions::default()).unwrap(),
            network(&db.graph(), &center).unwrap(),
            timeline(&db.graph(), &TimelineOptions::default()).unwrap(),
            timeline(&db.graph(), &persons).unwrap(),
        ] {
            let (svg, warnings) = run(DOT, &dot, "svg").unwrap();
            assert!(warnings.is_empty(), "{warnings}\n{dot}");
            assert!(String::from_utf8_lossy(&svg).contains("<svg"));
        }
        let png = render(
            &network(&db.graph(), &NetworkOptions::default()).unwrap(),
            "png",
        )
        .unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }

    // Guards label injection end to end: Graphviz itself draws one node.
    #[test]
    fn injection_is_one_node_for_graphviz() {
        if !have_dot() {
            return;
        }
        let label = crate::render::dot_escape::escape("x\"]; evil [label=\"INJECTED");
        let dot = format!("digraph {{ n0 [label=\"{label}\"] }}");
        let (svg, warnings) = run(DOT, &dot, "svg").unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(warnings.is_empty(), "{warnings}");
        assert_eq!(svg.matches("class=\"node\"").count(), 1, "{svg}");
        assert!(
            svg.contains("x&quot;]; evil [label=&quot;INJECTED"),
            "{svg}"
        );
    }

    #[test]
    fn a_syntax_error_quotes_dot() {
        if !have_dot() {
            return;
        }
        let err = render("digraph {", "svg").unwrap_err();
        assert!(matches!(err, RenderError::DotFailed { .. }), "{err}");
    }
}
