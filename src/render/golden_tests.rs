//! Golden DOT files of the bundled dataset (`tests/golden/*.dot`): the
//! network, an ego network and the timeline. Run with `PROSOPO_BLESS=1`
//! to rewrite them after an intended change, and look at the pictures.

use super::dot_check::{bundled, Parsed};
use super::network::{network, NetworkOptions};
use super::timeline::{timeline, TimelineOptions};

fn check(name: &str, dot: &str) {
    Parsed::new(dot);
    let path = format!("{}/tests/golden/{name}.dot", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("PROSOPO_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, dot).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}; run with PROSOPO_BLESS=1 to create it"));
    assert!(
        want == dot,
        "{name}.dot differs from {path}; if intended, rerun with PROSOPO_BLESS=1\n{dot}"
    );
}

#[test]
fn golden_network() {
    let db = bundled();
    check(
        "network",
        &network(&db.graph(), &NetworkOptions::default()).unwrap(),
    );
}

#[test]
fn golden_ego_network() {
    let db = bundled();
    let opts = NetworkOptions {
        center: Some("izak".into()),
        depth: 1,
        ..NetworkOptions::default()
    };
    check("ego-izak", &network(&db.graph(), &opts).unwrap());
}

#[test]
fn golden_timeline() {
    let db = bundled();
    check(
        "timeline",
        &timeline(&db.graph(), &TimelineOptions::default()).unwrap(),
    );
}

#[test]
fn golden_timeline_lanes() {
    let db = bundled();
    let opts = TimelineOptions {
        persons: vec![
            "fedchenko".into(),
            "pantiukhin".into(),
            "izak".into(),
            "dmitriev".into(),
        ],
        ..TimelineOptions::default()
    };
    check("timeline-lanes", &timeline(&db.graph(), &opts).unwrap());
}

#[test]
fn golden_query_result() {
    use crate::store::GraphRead;
    let db = bundled();
    let g = &db.graph();
    let nodes: Vec<_> = ["fedchenko", "izak", "lcu"]
        .iter()
        .filter_map(|id| g.node(id).unwrap())
        .collect();
    let rels: Vec<_> = g
        .rel_ids_with_type("ACCUSED")
        .unwrap()
        .iter()
        .filter_map(|id| g.rel(id).unwrap())
        .filter(|r| r.start == "fedchenko")
        .collect();
    check(
        "query-result",
        &super::result_graph::result_graph(&nodes, &rels),
    );
}
