//! Routes found from both ends against every shortest route found from the
//! start alone (`allShortestPaths`, which searches one-ended).

use crate::query::{run, Options, Val};
use crate::render::test_graph::generated;
use std::collections::BTreeMap;

#[test]
fn a_route_searched_from_both_ends_is_one_of_the_shortest() {
    let db = generated(300);
    let ask = |text: &str, params: &[(&str, &str)]| {
        let params: BTreeMap<String, Val> = (params.iter())
            .map(|(k, v)| (k.to_string(), Val::str(v)))
            .collect();
        let opts = Options {
            params,
            ..Options::default()
        };
        run(&db, text, &opts).unwrap().rows
    };
    let people: Vec<String> = ask(
        "MATCH (p:Person)-[:ACCUSED]-() RETURN DISTINCT p.id AS id ORDER BY id LIMIT 24",
        &[],
    )
    .into_iter()
    .map(|r| match &r[0] {
        Val::Str(s) => s.to_string(),
        v => panic!("{v:?}"),
    })
    .collect();
    assert_eq!(people.len(), 24);
    let (mut routes, mut none) = (0, 0);
    for step in [
        "-[:ACCUSED*..6]-",
        "-[:ACCUSED*..6]->",
        "<-[*..3]-",
        "-[*..2]-",
    ] {
        let path = |f: &str| {
            format!(
                "MATCH p = {f}((a:Person {{id: $a}}){step}(b:Person {{id: $b}})) \
                 RETURN [n IN nodes(p) | n.id] AS ids, length(p) AS hops"
            )
        };
        let (one, all) = (path("shortestPath"), path("allShortestPaths"));
        for a in &people {
            for b in people.iter().filter(|b| *b != a) {
                let params = [("a", a.as_str()), ("b", b.as_str())];
                let found = ask(&one, &params);
                let every = ask(&all, &params);
                match found.as_slice() {
                    [] => {
                        assert!(every.is_empty(), "{step} {a}->{b}: {every:?}");
                        none += 1;
                    }
                    [row] => {
                        assert!(
                            every.contains(row),
                            "{step} {a}->{b}: {row:?} not in {every:?}"
                        );
                        routes += 1;
                    }
                    more => panic!("{step} {a}->{b}: {more:?}"),
                }
            }
        }
    }
    assert!(
        routes > 100 && none > 100,
        "{routes} routes, {none} without"
    );
}
