//! `prosopo graph` and `prosopo timeline`: diagrams as DOT, SVG or PNG.
//! The format follows `--format`, else the extension of `-o`; without
//! `-o`, DOT (or the timeline's text) goes to stdout.

use super::args::{Args, DiagramFormat, GraphArgs, TimelineArgs};
use super::open;
use crate::date::Edtf;
use crate::render::{graphviz, network, timeline};
use crate::store::GraphRead;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;

fn date(flag: &str, text: &Option<String>) -> Result<Option<Edtf>> {
    text.as_deref()
        .map(|t| Edtf::parse(t).with_context(|| format!("{flag} '{t}' is not an EDTF date")))
        .transpose()
}

/// The format to write: the flag, else the output file's extension, else `fallback`.
fn format_of(
    flag: Option<DiagramFormat>,
    output: &Option<std::path::PathBuf>,
    fallback: DiagramFormat,
) -> Result<DiagramFormat> {
    if let Some(f) = flag {
        return Ok(f);
    }
    let Some(path) = output else {
        return Ok(fallback);
    };
    Ok(match graphviz::format_from_path(path) {
        Some("svg") => DiagramFormat::Svg,
        Some("png") => DiagramFormat::Png,
        Some(_) => DiagramFormat::Dot,
        None => match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => DiagramFormat::Text,
            _ => bail!(
                "cannot tell the format from {}: use .dot, .gv, .svg, .png or give --format",
                path.display()
            ),
        },
    })
}

/// Writes DOT or its rendering to `-o` or stdout.
fn emit(
    dot: String,
    format: DiagramFormat,
    output: &Option<std::path::PathBuf>,
    quiet: bool,
) -> Result<i32> {
    let bytes = match format {
        DiagramFormat::Svg => graphviz::render(&dot, "svg")?,
        DiagramFormat::Png => graphviz::render(&dot, "png")?,
        _ => dot.into_bytes(),
    };
    write_out(&bytes, output, quiet)
}

fn write_out(bytes: &[u8], output: &Option<std::path::PathBuf>, quiet: bool) -> Result<i32> {
    match output {
        Some(path) if path != Path::new("-") => {
            std::fs::write(path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            if !quiet {
                eprintln!("wrote {}", path.display());
            }
        }
        _ => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(0)
}

/// Runs `graph`.
pub fn graph(args: &Args, a: &GraphArgs) -> Result<i32> {
    let format = format_of(a.format, &a.output, DiagramFormat::Dot)?;
    if format == DiagramFormat::Text {
        bail!("graph draws DOT, SVG or PNG; --format text is for timelines");
    }
    let opts = network::NetworkOptions {
        center: a.center.clone(),
        depth: a.depth,
        from: date("--from", &a.from)?,
        to: date("--to", &a.to)?,
        institution: a.institution.clone(),
        cluster: a.cluster,
        force: a.force,
    };
    let db = open::open(args)?;
    emit(
        network::network(&db.graph(), &opts)?,
        format,
        &a.output,
        args.quiet,
    )
}

/// Runs `timeline`.
pub fn timeline(args: &Args, a: &TimelineArgs) -> Result<i32> {
    let format = format_of(a.format, &a.output, DiagramFormat::Text)?;
    let from = date("--from", &a.from)?;
    let to = date("--to", &a.to)?;
    let db = open::open(args)?;
    if format == DiagramFormat::Text {
        let text = text_timeline(&db.graph(), a, from.as_ref(), to.as_ref())?;
        return write_out(text.as_bytes(), &a.output, args.quiet);
    }
    let opts = timeline::TimelineOptions {
        persons: a.person.clone(),
        institution: a.institution.clone(),
        from,
        to,
        force: a.force,
    };
    emit(
        timeline::timeline(&db.graph(), &opts)?,
        format,
        &a.output,
        args.quiet,
    )
}

/// The timeline as text: events in date order (undated last), each with
/// the source's wording of its date and its sources.
fn text_timeline(
    g: &dyn GraphRead,
    a: &TimelineArgs,
    from: Option<&Edtf>,
    to: Option<&Edtf>,
) -> Result<String> {
    use crate::render::select;
    let window = crate::render::window::Window::new(from, to);
    let mut keep: Option<std::collections::BTreeSet<String>> = None;
    let mut add = |ids: std::collections::BTreeSet<String>| {
        keep = Some(match keep.take() {
            None => ids,
            Some(k) => k.union(&ids).cloned().collect(),
        })
    };
    for p in &a.person {
        let id = select::resolve(g, "--person", p, &["Person"])?.id;
        add(g
            .adjacent(&id, crate::store::Direction::Out, Some("PARTICIPATED_IN"))?
            .into_iter()
            .map(|x| x.other.into())
            .collect());
    }
    if let Some(i) = &a.institution {
        let id = select::resolve(
            g,
            "--institution",
            i,
            &["Institution", "Organization", "Place"],
        )?
        .id;
        add(g
            .adjacent(&id, crate::store::Direction::In, Some("AT"))?
            .into_iter()
            .map(|x| x.other.into())
            .collect());
    }
    let ids = match keep {
        Some(k) => k.into_iter().collect(),
        None => g.node_ids_with_label("Event")?,
    };
    let mut events = Vec::new();
    for id in ids {
        if let Some(n) = g.node(&id)? {
            let d = n.prop("date").and_then(|v| v.as_date()).cloned();
            if window.is_active()
                && matches!(window.fit(d.as_ref()), crate::render::window::Fit::Outside)
            {
                continue;
            }
            events.push((d, n));
        }
    }
    events.sort_by(|(a, x), (b, y)| match (a, b) {
        (Some(a), Some(b)) => a.cmp(b).then(x.id.cmp(&y.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.id.cmp(&y.id),
    });
    let mut out = String::new();
    for (_, n) in events {
        let when = crate::render::dossier::when(&n.props);
        let kind = n.prop("kind").map(|k| k.to_string()).unwrap_or_default();
        let sources = n
            .prop("sources")
            .map(|s| s.strings().join("; "))
            .unwrap_or_default();
        out.push_str(&format!(
            "{when:<40} {kind:<14} {}  [{sources}]\n",
            n.display_name()
        ));
    }
    Ok(out)
}
