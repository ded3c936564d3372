//! Errors of the diagram renderers: the network and timeline builders and
//! the run of Graphviz's `dot`.

use crate::store::StoreError;

/// What can go wrong drawing a diagram.
#[derive(thiserror::Error, Debug)]
#[non_exhaustive]
pub enum RenderError {
    /// Reading the graph failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An id or name given as a filter names nothing.
    #[error("nothing found for {what} '{target}': give an id (list them with `prosopo query \"MATCH (n) RETURN n.id, n.name\"`)")]
    NotFound {
        /// What was looked for (`person`, `institution`).
        what: &'static str,
        /// The id or name given.
        target: String,
    },
    /// A name given as a filter matches several nodes.
    #[error("{what} '{target}' matches {} entries ({}); give one id", candidates.len(), candidates.join(", "))]
    Ambiguous {
        /// What was looked for.
        what: &'static str,
        /// The name given.
        target: String,
        /// Ids of the matching nodes.
        candidates: Vec<String>,
    },
    /// The diagram would be too large to read or lay out.
    #[error("the diagram would have {nodes} nodes, more than {limit}: narrow it with --center ID --depth N, --institution ID or --from/--to, or pass --force to draw it anyway")]
    TooLarge {
        /// Nodes the diagram would have.
        nodes: usize,
        /// The limit.
        limit: usize,
    },
    /// Graphviz's `dot` is not installed.
    #[error("Graphviz's `dot` program was not found; svg and png output need it. Install Graphviz (`apt-get install graphviz` on Debian/Ubuntu, `brew install graphviz` on macOS, https://graphviz.org/download/), or write DOT with --format dot")]
    DotMissing,
    /// `dot` ran and failed.
    #[error("`dot -T{format}` failed ({status}): {stderr}")]
    DotFailed {
        /// The output format asked for.
        format: String,
        /// Its exit status.
        status: String,
        /// What it printed on stderr.
        stderr: String,
    },
    /// An output format other than dot, svg and png.
    #[error("unknown diagram format '{0}': use dot, svg or png")]
    Format(String),
    /// An I/O error talking to `dot`.
    #[error("running dot: {0}")]
    Io(#[from] std::io::Error),
}
