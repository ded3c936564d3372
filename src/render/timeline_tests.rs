//! Tests of the timeline on the bundled dataset and a small graph.

use super::*;
use crate::render::dot_check::{bundled, from_toml, Parsed};
use crate::render::network::tests::SMALL;

/// The axis labels of the `period*` groups, in the order they are written.
fn periods(p: &Parsed) -> Vec<String> {
    p.subs
        .iter()
        .filter(|s| s.name.starts_with("period"))
        .map(|s| {
            assert_eq!(s.attrs["rank"], "same");
            p.label(&s.nodes[0])
        })
        .collect()
}

#[test]
fn bundled_timeline_has_ordered_year_columns_and_an_undated_group() {
    let db = bundled();
    let dot = timeline(&db.graph(), &TimelineOptions::default()).unwrap();
    let p = Parsed::new(&dot);
    assert_eq!(
        periods(&p),
        ["1931", "1932", "1933", "1934", "1935", "1936"]
    );
    let undated = p
        .subs
        .iter()
        .find(|s| s.name == "undated")
        .expect("an undated group");
    assert_eq!(undated.attrs["rank"], "same");
    let labels: Vec<String> = undated.nodes.iter().map(|n| p.label(n)).collect();
    assert!(
        labels
            .iter()
            .any(|l| l.contains("DISSOLUTION\nDissolution of Communist")),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.contains("“eventually”, undated")),
        "{labels:?}"
    );
    // Only the seven undated events of the dataset are in it, plus its header.
    assert_eq!(undated.nodes.len(), 8);
    // "Late in 1931" stays inside 1931: solid; "a few weeks later" runs into 1932: dashed.
    let style = |needle: &str| {
        p.nodes
            .iter()
            .find(|(_, a)| a.get("label").is_some_and(|l| l.contains(needle)))
            .unwrap()
            .1["style"]
            .clone()
    };
    assert_eq!(style("accuse Izak and Dmitriev"), "rounded");
    assert_eq!(style("become victims"), "rounded,dashed");
    assert!(p
        .label(&p.subs.iter().find(|s| s.name == "period0").unwrap().nodes[1])
        .contains("ACCUSATION"));
}

#[test]
fn institution_keeps_events_there() {
    let db = bundled();
    let opts = TimelineOptions {
        institution: Some("lcu".into()),
        ..TimelineOptions::default()
    };
    let p = Parsed::new(&timeline(&db.graph(), &opts).unwrap());
    let items: Vec<String> = p
        .nodes_of("item")
        .iter()
        .map(|(_, a)| a["label"].clone())
        .collect();
    assert_eq!(items.len(), 5, "{items:?}");
    assert!(!items.iter().any(|l| l.contains("Great Purge")));
}

#[test]
fn months_for_a_short_span_with_gaps_folded() {
    let db = from_toml("small.toml", SMALL);
    let opts = TimelineOptions {
        to: Some(Edtf::parse("1932-12").unwrap()),
        ..TimelineOptions::default()
    };
    let p = Parsed::new(&timeline(&db.graph(), &opts).unwrap());
    // Dated items: 1931-11 (that winter), 1932-03; the expulsion is undated.
    assert_eq!(
        periods(&p),
        ["1931-11", "1931-12 – 1932-02\nnothing recorded", "1932-03"]
    );
}

#[test]
fn lanes_show_who_accused_whom_in_order() {
    let db = from_toml("small.toml", SMALL);
    let opts = TimelineOptions {
        persons: vec!["a".into(), "Boris".into()],
        ..TimelineOptions::default()
    };
    let p = Parsed::new(&timeline(&db.graph(), &opts).unwrap());
    let lanes: Vec<String> = p
        .nodes_of("lane")
        .iter()
        .map(|(_, a)| a["label"].clone())
        .collect();
    assert_eq!(lanes, ["Anna", "Boris\nexecuted, 1937-10"]);
    // Anna's two accusations of Boris link her lane to his.
    let links = p.edges_of("accusation");
    assert_eq!(links.len(), 2);
    for (a, b, _) in links {
        assert!(p.label(a).starts_with("ACCUSED\nBoris"), "{}", p.label(a));
        assert!(p.label(b).starts_with("ACCUSED BY\nAnna"), "{}", p.label(b));
    }
    // Boris's lane: accused by Anna (1932-03), accused Clara (1931-11/...),
    // and his execution, chained in time order from his name.
    assert_eq!(periods(&p).first().map(String::as_str), Some("1931"));
}

// Guards the item limit of the timeline.
#[test]
fn refuses_above_the_limit_unless_forced() {
    let db = bundled();
    let err = timeline_limited(&db.graph(), &TimelineOptions::default(), 5).unwrap_err();
    assert!(matches!(err, RenderError::TooLarge { limit: 5, .. }));
    let forced = TimelineOptions {
        force: true,
        ..TimelineOptions::default()
    };
    assert!(timeline_limited(&db.graph(), &forced, 5).is_ok());
}
