//! Tests of the accusation network on the bundled dataset and on small
//! graphs made for one property each.

use super::*;
use crate::render::dot_check::{bundled, from_toml, Parsed};

/// Three people at two institutions: a accuses b twice (1932, 1933~),
/// b accuses c (late 1931 to early 1932), c accuses d (1936); b is
/// executed, c arrested, d expelled.
pub(crate) const SMALL: &str = r#"
[[source]]
id = "s"
title = "A source"

[[institution]]
id = "u1"
name = "First University"
sources = ["s:1"]

[[institution]]
id = "u2"
name = "Second School"
sources = ["s:1"]

[[person]]
id = "a"
name = "Anna"
sources = ["s:1"]

[[person]]
id = "b"
name = "Boris"
sources = ["s:1"]

[[person]]
id = "c"
name = "Clara"
sources = ["s:1"]

[[person]]
id = "d"
name = "Dmitri"
sources = ["s:1"]

[[membership]]
person = "a"
of = "u1"
sources = ["s:1"]

[[membership]]
person = "b"
of = "u1"
sources = ["s:1"]

[[membership]]
person = "c"
of = "u2"
sources = ["s:1"]

[[membership]]
person = "d"
of = "u2"
sources = ["s:1"]

[[accusation]]
id = "acc-ab-1"
date = "1932-03"
charge = "Trotskyism"
accusers = ["a"]
accused = ["b"]
sources = ["s:1"]

[[accusation]]
id = "acc-ab-2"
date = "1933~"
charge = "double-dealing"
accusers = ["a"]
accused = ["b"]
sources = ["s:1"]

[[accusation]]
id = "acc-bc"
date = "1931-11/1932-02"
date_text = "that winter"
charge = "Zinovievism"
accusers = ["b"]
accused = ["c"]
sources = ["s:1"]

[[accusation]]
id = "acc-cd"
date = "1936"
accusers = ["c"]
accused = ["d"]
sources = ["s:1"]

[[event]]
id = "exec-b"
kind = "execution"
date = "1937-10"
participants = [{ person = "b", role = "subject" }]
sources = ["s:1"]

[[event]]
id = "arrest-c"
kind = "arrest"
date = "1937"
participants = [{ person = "c", role = "subject" }, { person = "a", role = "investigator" }]
sources = ["s:1"]

[[event]]
id = "expel-d"
kind = "expulsion"
participants = [{ person = "d", role = "subject" }]
sources = ["s:1"]
"#;

fn small() -> crate::db::Database {
    from_toml("small.toml", SMALL)
}

fn names(p: &Parsed) -> Vec<String> {
    let mut v: Vec<String> = p
        .nodes_of("person")
        .iter()
        .map(|(_, a)| a["label"].lines().next().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn bundled_network_has_the_four_derived_accusations() {
    let db = bundled();
    let dot = network(&db.graph(), &NetworkOptions::default()).unwrap();
    let p = Parsed::new(&dot);
    let edges = p.edges_of("accusation");
    assert_eq!(edges.len(), 4, "{dot}");
    let fedchenko = &p.node_named("Fedchenko").expect("Fedchenko drawn").0;
    let pantiukhin = &p.node_named("Pantiukhin").expect("Pantiukhin drawn").0;
    let izak = &p.node_named("Izak").unwrap().0;
    assert!(edges.iter().any(|(a, b, attrs)| a == fedchenko
        && b == izak
        && attrs["label"] == "Late in 1931 · Trotskyism"));
    // The accusation of Fedchenko and Pantiukhin names no accuser: it is
    // drawn from a placeholder, not from an invented person.
    let unnamed = p.nodes_of("unnamed-accuser");
    assert_eq!(unnamed.len(), 1);
    assert!(unnamed[0].1["label"].starts_with("accuser not named"));
    let to: Vec<&String> = p
        .edges_of("accusation-unnamed")
        .iter()
        .map(|e| &e.1)
        .collect();
    assert!(to.contains(&fedchenko) && to.contains(&pantiukhin));
    assert!(p.subs.iter().any(|s| s.name == "cluster_legend"));
    assert_eq!(names(&p), ["Dmitriev", "Fedchenko", "Izak", "Pantiukhin"]);
}

#[test]
fn repeated_accusations_make_one_thicker_edge() {
    let db = small();
    let p = Parsed::new(&network(&db.graph(), &NetworkOptions::default()).unwrap());
    let (a, b) = (
        &p.node_named("Anna").unwrap().0,
        &p.node_named("Boris").unwrap().0,
    );
    let ab: Vec<_> = p.edges.iter().filter(|e| &e.0 == a && &e.1 == b).collect();
    assert_eq!(ab.len(), 1);
    assert_eq!(
        ab[0].2["label"],
        "2 accusations:\n1932-03 · Trotskyism\n1933~ · double-dealing"
    );
    assert_eq!(ab[0].2["penwidth"], "2.25");
}

#[test]
fn fate_sets_colour_shape_and_label() {
    let db = small();
    let p = Parsed::new(&network(&db.graph(), &NetworkOptions::default()).unwrap());
    let attrs = |n: &str| p.node_named(n).unwrap().1.clone();
    assert_eq!(attrs("Boris")["label"], "Boris\nexecuted, 1937-10");
    assert_eq!(attrs("Boris")["fillcolor"], Fate::Executed.fill());
    assert_eq!(attrs("Clara")["shape"], Fate::Arrested.shape());
    assert_eq!(attrs("Dmitri")["shape"], Fate::Expelled.shape());
    // Anna investigated an arrest: that is not her fate.
    assert_eq!(attrs("Anna")["shape"], Fate::None.shape());
}

#[test]
fn center_and_depth_restrict_to_an_ego_network() {
    let db = small();
    let opts = |depth| NetworkOptions {
        center: Some("Clara".into()),
        depth,
        ..NetworkOptions::default()
    };
    let one = Parsed::new(&network(&db.graph(), &opts(1)).unwrap());
    assert_eq!(names(&one), ["Boris", "Clara", "Dmitri"]);
    assert_eq!(one.edges_of("accusation").len(), 2);
    let two = Parsed::new(&network(&db.graph(), &opts(2)).unwrap());
    assert_eq!(names(&two), ["Anna", "Boris", "Clara", "Dmitri"]);
    let zero = Parsed::new(&network(&db.graph(), &opts(0)).unwrap());
    assert_eq!(names(&zero), ["Clara"]);
    let missing = network(
        &db.graph(),
        &NetworkOptions {
            center: Some("nobody".into()),
            ..NetworkOptions::default()
        },
    );
    assert!(matches!(missing, Err(RenderError::NotFound { .. })));
}

#[test]
fn window_keeps_overlapping_fuzzy_dates_dashed_and_drops_disjoint() {
    let db = small();
    let opts = NetworkOptions {
        from: Some(Edtf::parse("1932").unwrap()),
        to: Some(Edtf::parse("1932").unwrap()),
        ..NetworkOptions::default()
    };
    let p = Parsed::new(&network(&db.graph(), &opts).unwrap());
    // acc-cd (1936) and acc-ab-2 (1933~) are outside; "that winter"
    // (1931-11/1932-02) overlaps the window and is kept, dashed.
    assert_eq!(names(&p), ["Anna", "Boris", "Clara"]);
    let edges = p.edges_of("accusation");
    assert_eq!(edges.len(), 2);
    let (b, c) = (
        &p.node_named("Boris").unwrap().0,
        &p.node_named("Clara").unwrap().0,
    );
    let bc = edges.iter().find(|e| &e.0 == b && &e.1 == c).unwrap();
    assert_eq!(bc.2["style"], "dashed");
    assert_eq!(bc.2["label"], "that winter · Zinovievism");
    let ab = edges.iter().find(|e| &e.1 == b).unwrap();
    assert_eq!(ab.2["style"], "solid");
    assert_eq!(ab.2["label"], "1932-03 · Trotskyism");
}

#[test]
fn institution_restricts_and_clusters() {
    let db = small();
    let opts = NetworkOptions {
        institution: Some("u2".into()),
        ..NetworkOptions::default()
    };
    let p = Parsed::new(&network(&db.graph(), &opts).unwrap());
    assert_eq!(names(&p), ["Clara", "Dmitri"]);
    let cluster = p
        .subs
        .iter()
        .find(|s| s.name.starts_with("cluster_inst"))
        .unwrap();
    assert_eq!(cluster.attrs["label"], "Second School");
    assert_eq!(cluster.nodes.len(), 2);

    let all = NetworkOptions {
        cluster: true,
        ..NetworkOptions::default()
    };
    let p = Parsed::new(&network(&db.graph(), &all).unwrap());
    let labels: Vec<&str> = p
        .subs
        .iter()
        .filter(|s| s.name.starts_with("cluster_inst"))
        .map(|s| s.attrs["label"].as_str())
        .collect();
    assert_eq!(labels, ["First University", "Second School"]);
}

// Guards the node limit: a large graph is refused with a hint, unless forced.
#[test]
fn refuses_above_the_node_limit_unless_forced() {
    let db = small();
    let err = network_limited(&db.graph(), &NetworkOptions::default(), 3).unwrap_err();
    assert!(matches!(err, RenderError::TooLarge { nodes: 4, limit: 3 }));
    assert!(err.to_string().contains("--force"));
    let forced = NetworkOptions {
        force: true,
        ..NetworkOptions::default()
    };
    assert!(network_limited(&db.graph(), &forced, 3).is_ok());
}

#[test]
fn a_window_without_accusations_says_so() {
    let db = small();
    let opts = NetworkOptions {
        from: Some(Edtf::parse("1950").unwrap()),
        ..NetworkOptions::default()
    };
    let dot = network(&db.graph(), &opts).unwrap();
    assert!(dot.contains("No accusations match"));
    Parsed::new(&dot);
}
