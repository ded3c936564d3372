//! Round-trip tests of the printer: `parse(print(ast)) == ast` for
//! hand-written queries, generated ASTs and random token soup, plus
//! no-panic checks of the parser on arbitrary input.

use proptest::prelude::*;

use crate::query::ast::*;
use crate::query::parse;

/// Hand-written queries covering every construct.
const QUERIES: &[&str] = &[
    "MATCH (a:Person)-[r:ACCUSED]->(b:Person) RETURN a.name, b.name, r.date, r.charge ORDER BY r.date",
    "MATCH p = (:Person {id: 'fedchenko'})-[:ACCUSED*1..4]->(x) RETURN p",
    "MATCH (p:Person) WHERE p.name = $name RETURN p",
    "CREATE (:Person {id: 'novikov', name: 'Novikov', sources: ['halfin2009:174-228']})",
    "MATCH (a)-[r1:ACCUSED]->(b), (c)-[r2:ACCUSED]->(a) WHERE certainly_before(r1.date, r2.date) RETURN DISTINCT a.name AS accuser, count(*) AS n ORDER BY n DESC LIMIT 10",
    "MATCH (a:Person {id:'izak'}) OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e:Event) WITH a, e ORDER BY e.date RETURN a.name, collect(e.kind)",
    "UNWIND [1,2,3] AS x RETURN x UNION ALL RETURN 4 AS x",
    "MATCH p = shortestPath((a:Person {id:'x'})-[:ACCUSED*..6]-(b:Person {id:'y'})) RETURN length(p)",
    "MATCH (n) WHERE n.name =~ '(?i)pan.*' AND NOT n:Source RETURN n SKIP 1 LIMIT 2",
    "MERGE (p:Person {id:'a'}) ON CREATE SET p.name = 'A' RETURN p",
    "MATCH (n {id:'x'}) DETACH DELETE n",
    "RETURN 1 UNION RETURN 2",
    "RETURN 1 AS a UNION ALL RETURN 2 AS a UNION RETURN 3 AS a",
    "MATCH (a)<-[r]-(b) RETURN r",
    "MATCH (a)-[r]-(b) RETURN r",
    "MATCH (a)-->(b)<--(c)--(d) RETURN a",
    "MATCH (a)<-[:R]->(b) RETURN a",
    "MATCH (a)-[r:A|B|:C]->(b) RETURN type(r)",
    "MATCH (a)-[*]->(b), (a)-[*2]->(c), (a)-[*..5]->(d), (a)-[*2..]->(e), (a)-[r *1..3 {w: 1}]->(f) RETURN a",
    "MATCH q = allShortestPaths((a)-[:KNOWS*]-(b)) RETURN nodes(q)",
    "MATCH (n $props) RETURN n",
    "MATCH (a)-[r $p]->(b) RETURN r",
    "MATCH (`weird node`:`Odd Label` {`odd key`: 1}) RETURN `weird node`.`odd key` AS `the value`",
    "MATCH (n) WHERE n.age >= 18 AND n.age < 65 OR n.vip XOR n.banned RETURN n",
    "MATCH (n) WHERE NOT n.x = 1 AND NOT NOT n.y RETURN n",
    "MATCH (n) WHERE n.x IS NULL OR n.y IS NOT NULL RETURN n",
    "MATCH (n) WHERE n.name STARTS WITH 'A' AND n.name ENDS WITH 'z' AND n.name CONTAINS 'm' RETURN n",
    "MATCH (n) WHERE n.id IN ['a', 'b'] AND 'x' IN n.tags RETURN n",
    "RETURN 1 + 2 * 3 - 4 / 5 % 6 ^ 7 AS v",
    "RETURN (1 + 2) * 3, 2 ^ (3 ^ 4), -(1 + 2), -x, +x, - -1, -(-1), -2 ^ 2",
    "RETURN 0x1F, 0o17, 1.5, 1e3, .5, 1E-3, -9223372036854775808, 9223372036854775807",
    "RETURN 'single', \"double\", 'esc \\' \\\" \\\\ \\n \\t \\r \\b \\f \\u00e9 \\U0001F600'",
    "RETURN true, FALSE, Null, [], [1, [2, [3]]], {}, {a: {b: [1, {c: 2}]}}",
    "RETURN $p, $0, $`odd param`, $p.x, $p[0]",
    "RETURN xs[0], xs[1..3], xs[..2], xs[2..], xs[-1], m['k'], a.b.c, f(x).y, [1, 2][0]",
    "RETURN count(*), count(DISTINCT x), collect(DISTINCT x.y), f(), g(1, 2, 3), `odd fn`(1)",
    "RETURN CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END, CASE x WHEN 1 THEN 'one' END",
    "RETURN [x IN xs], [x IN xs WHERE x > 1], [x IN xs | x * 2], [x IN xs WHERE x > 1 | x * 2]",
    "RETURN [(x IN xs), 1], [(x IN xs) AND y]",
    "MATCH (a), (b) WHERE (a)-[:ACCUSED]->() AND NOT (a)-->(b) RETURN a",
    "MATCH (a) WHERE exists((a)-->()) AND EXISTS { MATCH (a)-[:R]->(b) WHERE b.x = 1 } RETURN a",
    "MATCH (a) WHERE EXISTS { (a)-->(b) } RETURN a",
    "MATCH (a) WHERE ((a)-->()) = true RETURN a",
    "MATCH (n) WHERE n:Person:Admin RETURN n:Person, (n:A):B",
    "MATCH (n) RETURN n.x IS NULL = true, (n.x = 1) IS NULL, n.x IN [1] IS NULL",
    "MATCH (n) WITH n WHERE n.x > 1 RETURN n",
    "MATCH (n) WITH DISTINCT n.x AS x ORDER BY x DESC SKIP 1 LIMIT 5 WHERE x <> 0 RETURN x",
    "MATCH (n) WITH * RETURN *",
    "MATCH (n) RETURN *, n.x AS x ORDER BY x ASC, n.y DESCENDING, n.z ASCENDING",
    "UNWIND $rows AS row MERGE (p:Person {id: row.id}) ON CREATE SET p += row ON MATCH SET p.seen = p.seen + 1",
    "MATCH (n) SET n.x = 1, n.a.b = 2, n += {y: 2}, n = {z: 3}, n:Label:Other",
    "MATCH (n) REMOVE n.x, n:Label, n.a.b",
    "MATCH (a), (b) DELETE a, b",
    "CREATE (a:A)-[:R {since: 1}]->(b:B), (c) WITH a MATCH (a)--(x) RETURN x",
    "MATCH (n) SET n.x = 1 RETURN n",
    "MATCH (n) DETACH DELETE n RETURN count(*)",
    "OPTIONAL MATCH (n)-[r]->() RETURN n, r;",
    "match (n) where n.x = 1 return n order by n.x desc limit 1",
    "RETURN \"it's\" AS s, size(\"a\\\"b\")",
    "RETURN a.order, {match: 1, `where`: 2}, `count`, n.`the key`",
    "RETURN 1 = 1 = true, 1 < 2 <> false, x =~ 'a.*'",
    "RETURN -a.b, (-a).b, -xs[0], (-1).x, -(1).x",
    "MATCH (n) WHERE n.x = 1 // trailing comment\nRETURN /* inline */ n",
];

fn roundtrip(src: &str) {
    let ast = parse(src).unwrap_or_else(|e| panic!("{}", e.render(src)));
    let printed = ast.to_string();
    let again = parse(&printed).unwrap_or_else(|e| panic!("{src}\n{}", e.render(&printed)));
    assert_eq!(again, ast, "\nsource:  {src}\nprinted: {printed}");
    assert_eq!(again.to_string(), printed, "printing is not idempotent");
}

#[test]
fn hand_written_queries_round_trip() {
    assert!(QUERIES.len() >= 60);
    for q in QUERIES {
        roundtrip(q);
    }
    for q in crate::query::parser::tests::EXAMPLES {
        roundtrip(q);
    }
}

#[test]
fn canonical_output() {
    let cases = [
        (
            "match (a:Person {id:'x'})-[r:ACCUSED*1..4]->(b) where a.x=1 return distinct a.name as n order by n asc limit 3",
            "MATCH (a:Person {id: 'x'})-[r:ACCUSED*1..4]->(b) WHERE a.x = 1 RETURN DISTINCT a.name AS n ORDER BY n LIMIT 3",
        ),
        ("RETURN (1 + 2) * 3", "RETURN (1 + 2) * 3"),
        ("RETURN ((1 * 2)) + 3", "RETURN 1 * 2 + 3"),
        ("RETURN 1 - (2 - 3)", "RETURN 1 - (2 - 3)"),
        ("RETURN -(5), - -5", "RETURN -(5), -(-5)"),
        ("RETURN [x IN xs]", "RETURN [x IN xs]"),
        ("RETURN [(x IN xs)]", "RETURN [(x IN xs)]"),
        ("MATCH (a)-[]->(b)<-[*2..2]-(c) RETURN 1", "MATCH (a)-->(b)<-[*2]-(c) RETURN 1"),
        ("RETURN \"a'b\\n\"", "RETURN 'a\\'b\\n'"),
        ("RETURN 1.0, 1e20, 1e-7", "RETURN 1.0, 1e20, 1e-7"),
        ("RETURN `a b`, `WHERE`, `ok`", "RETURN `a b`, `WHERE`, ok"),
        ("MATCH (a) WHERE NOT (a)-->() RETURN a", "MATCH (a) WHERE NOT (a)-->() RETURN a"),
        ("MATCH (a) WHERE (a)-->() IS NULL RETURN a", "MATCH (a) WHERE ((a)-->()) IS NULL RETURN a"),
        ("RETURN 1 UNION ALL RETURN 2", "RETURN 1 UNION ALL RETURN 2"),
    ];
    for (src, want) in cases {
        assert_eq!(parse(src).unwrap().to_string(), want, "for {src}");
    }
}

// ----- generated ASTs -----------------------------------------------------

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z_][a-zA-Z0-9_]{0,5}",
        1 => Just("order".to_string()),
        1 => Just("WHERE".to_string()),
        1 => Just("count".to_string()),
        1 => Just("odd key".to_string()),
        1 => Just("a`b".to_string()),
        1 => Just("größe".to_string()),
        1 => Just("1st".to_string()),
    ]
}

fn literal() -> impl Strategy<Value = Literal> {
    prop_oneof![
        Just(Literal::Null),
        any::<bool>().prop_map(Literal::Bool),
        any::<i64>().prop_map(Literal::Integer),
        (-1000i64..1000).prop_map(Literal::Integer),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Literal::Float),
        any::<String>().prop_map(Literal::String),
    ]
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    use BinaryOp::*;
    proptest::sample::select(vec![
        Or, Xor, And, Eq, Neq, Lt, Gt, Le, Ge, In, StartsWith, EndsWith, Contains, RegexMatch, Add,
        Sub, Mul, Div, Mod, Pow,
    ])
}

fn boxed(e: impl Strategy<Value = Expr>) -> impl Strategy<Value = Box<Expr>> {
    e.prop_map(Box::new)
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        literal().prop_map(Expr::Literal),
        prop_oneof![name(), "[0-9]{1,2}"].prop_map(Expr::Param),
        name().prop_map(Expr::Var),
        Just(Expr::CountStar),
    ]
}

fn properties(e: BoxedStrategy<Expr>) -> impl Strategy<Value = Option<Expr>> {
    prop_oneof![
        2 => Just(None),
        1 => name().prop_map(|p| Some(Expr::Param(p))),
        1 => prop::collection::vec((name(), e), 0..3).prop_map(|m| Some(Expr::Map(m))),
    ]
}

fn node(e: BoxedStrategy<Expr>) -> impl Strategy<Value = NodePattern> {
    (
        prop::option::of(name()),
        prop::collection::vec(name(), 0..3),
        properties(e),
    )
        .prop_map(|(variable, labels, properties)| NodePattern {
            variable,
            labels,
            properties,
        })
}

fn rel(e: BoxedStrategy<Expr>) -> impl Strategy<Value = RelPattern> {
    let length =
        prop::option::of((prop::option::of(0u64..5), prop::option::of(0u64..5))).prop_map(|l| {
            l.map(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                other => other,
            })
        });
    (
        prop::option::of(name()),
        prop::collection::vec(name(), 0..3),
        prop::sample::select(vec![Direction::Left, Direction::Right, Direction::Both]),
        length,
        properties(e),
    )
        .prop_map(
            |(variable, types, direction, length, properties)| RelPattern {
                variable,
                types,
                direction,
                length,
                properties,
            },
        )
}

fn element(e: BoxedStrategy<Expr>, min_rels: usize) -> impl Strategy<Value = PatternElement> {
    (
        node(e.clone()),
        prop::collection::vec((rel(e.clone()), node(e)), min_rels..3),
    )
        .prop_map(|(start, chain)| PatternElement { start, chain })
}

fn part(e: BoxedStrategy<Expr>) -> impl Strategy<Value = PatternPart> {
    (
        prop::option::of(name()),
        prop::option::of(prop::sample::select(vec![
            Shortest::Shortest,
            Shortest::All,
        ])),
        element(e.clone(), 0),
        element(e, 1),
    )
        .prop_map(|(variable, shortest, plain, with_rel)| PatternPart {
            variable,
            element: if shortest.is_some() { with_rel } else { plain },
            shortest,
        })
}

fn pattern(e: BoxedStrategy<Expr>) -> impl Strategy<Value = Pattern> {
    prop::collection::vec(part(e), 1..3).prop_map(|parts| Pattern { parts })
}

fn expr() -> BoxedStrategy<Expr> {
    leaf()
        .prop_recursive(4, 48, 4, |inner| {
            let b = || boxed(inner.clone());
            let ob = || prop::option::of(boxed(inner.clone()));
            prop_oneof![
                (b(), name()).prop_map(|(e, k)| Expr::Property(e, k)),
                (binary_op(), b(), b()).prop_map(|(op, l, r)| Expr::Binary(op, l, r)),
                (
                    prop::sample::select(vec![UnaryOp::Not, UnaryOp::Neg, UnaryOp::Pos]),
                    b()
                )
                    .prop_map(|(op, e)| Expr::Unary(op, e)),
                (b(), any::<bool>()).prop_map(|(expr, negated)| Expr::IsNull { expr, negated }),
                (b(), prop::collection::vec(name(), 1..3))
                    .prop_map(|(expr, labels)| Expr::HasLabels { expr, labels }),
                (
                    name(),
                    any::<bool>(),
                    prop::collection::vec(inner.clone(), 0..3)
                )
                    .prop_map(|(name, distinct, args)| Expr::FnCall {
                        name,
                        distinct,
                        args
                    }),
                prop::collection::vec(inner.clone(), 0..3).prop_map(Expr::List),
                prop::collection::vec((name(), inner.clone()), 0..3).prop_map(Expr::Map),
                (b(), b()).prop_map(|(expr, index)| Expr::Index { expr, index }),
                (b(), ob(), ob()).prop_map(|(expr, from, to)| Expr::Slice { expr, from, to }),
                (
                    ob(),
                    prop::collection::vec((inner.clone(), inner.clone()), 1..3),
                    ob()
                )
                    .prop_map(|(subject, whens, otherwise)| Expr::Case {
                        subject,
                        whens,
                        otherwise
                    }),
                (name(), b(), ob(), ob()).prop_map(|(variable, list, predicate, projection)| {
                    Expr::ListComprehension {
                        variable,
                        list,
                        predicate,
                        projection,
                    }
                }),
                element(inner.clone(), 1).prop_map(|e| Expr::PatternPredicate(Box::new(e))),
                (pattern(inner.clone()), ob()).prop_map(|(p, where_clause)| Expr::Exists {
                    pattern: Box::new(p),
                    where_clause
                }),
            ]
        })
        .boxed()
}

fn projection() -> impl Strategy<Value = Projection> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((expr(), prop::option::of(name())), 0..3),
        prop::collection::vec((expr(), any::<bool>()), 0..2),
        prop::option::of(expr()),
        prop::option::of(expr()),
    )
        .prop_map(|(distinct, star, items, order, skip, limit)| {
            let mut items: Vec<_> = items
                .into_iter()
                .map(|(expr, alias)| ProjectionItem { expr, alias })
                .collect();
            if !star && items.is_empty() {
                items.push(ProjectionItem {
                    expr: Expr::Var("x".into()),
                    alias: None,
                });
            }
            Projection {
                distinct,
                star,
                items,
                order_by: order
                    .into_iter()
                    .map(|(expr, descending)| SortItem { expr, descending })
                    .collect(),
                skip,
                limit,
            }
        })
}

fn entity() -> impl Strategy<Value = Expr> {
    (name(), prop::collection::vec(name(), 0..2)).prop_map(|(v, keys)| {
        keys.into_iter()
            .fold(Expr::Var(v), |e, k| Expr::Property(Box::new(e), k))
    })
}

fn set_item() -> impl Strategy<Value = SetItem> {
    prop_oneof![
        (entity(), name(), expr()).prop_map(|(entity, key, value)| SetItem::Property {
            entity,
            key,
            value
        }),
        (name(), expr()).prop_map(|(variable, value)| SetItem::Replace { variable, value }),
        (name(), expr()).prop_map(|(variable, value)| SetItem::Extend { variable, value }),
        (name(), prop::collection::vec(name(), 1..3))
            .prop_map(|(variable, labels)| SetItem::Labels { variable, labels }),
    ]
}

fn reading() -> impl Strategy<Value = Clause> {
    prop_oneof![
        (any::<bool>(), pattern(expr()), prop::option::of(expr())).prop_map(
            |(optional, pattern, where_clause)| Clause::Match(Match {
                optional,
                pattern,
                where_clause
            })
        ),
        (expr(), name()).prop_map(|(expr, variable)| Clause::Unwind(Unwind { expr, variable })),
    ]
}

fn updating() -> impl Strategy<Value = Clause> {
    let items = || prop::collection::vec(set_item(), 1..3);
    prop_oneof![
        pattern(expr()).prop_map(Clause::Create),
        (
            part(expr()),
            prop::collection::vec(
                (
                    prop::sample::select(vec![MergeOn::Create, MergeOn::Match]),
                    items()
                ),
                0..3
            )
        )
            .prop_map(|(pattern, actions)| Clause::Merge(Merge {
                pattern,
                actions: actions
                    .into_iter()
                    .map(|(on, items)| MergeAction { on, items })
                    .collect()
            })),
        items().prop_map(Clause::Set),
        prop::collection::vec(
            prop_oneof![
                (entity(), name()).prop_map(|(entity, key)| RemoveItem::Property { entity, key }),
                (name(), prop::collection::vec(name(), 1..3))
                    .prop_map(|(variable, labels)| RemoveItem::Labels { variable, labels }),
            ],
            1..3
        )
        .prop_map(Clause::Remove),
        (any::<bool>(), prop::collection::vec(expr(), 1..3))
            .prop_map(|(detach, exprs)| Clause::Delete(Delete { detach, exprs })),
    ]
}

fn single_query(needs_return: bool) -> impl Strategy<Value = SingleQuery> {
    (
        prop::collection::vec(reading(), 0..3),
        prop::option::of((projection(), prop::option::of(expr()))),
        prop::collection::vec(updating(), 0..3),
        projection(),
        any::<bool>(),
    )
        .prop_map(move |(reads, with, updates, ret, omit_return)| {
            let mut clauses = reads;
            if let Some((projection, where_clause)) = with {
                clauses.push(Clause::With(With {
                    projection,
                    where_clause,
                }));
            }
            let has_updates = !updates.is_empty();
            clauses.extend(updates);
            if needs_return || !has_updates || !omit_return {
                clauses.push(Clause::Return(ret));
            }
            SingleQuery { clauses }
        })
}

fn query() -> impl Strategy<Value = Query> {
    prop_oneof![
        3 => single_query(false).prop_map(|q| Query { parts: vec![q], union_all: vec![] }),
        1 => prop::collection::vec((single_query(true), any::<bool>()), 2..4).prop_map(|parts| {
            let union_all = parts.iter().skip(1).map(|(_, all)| *all).collect();
            Query { parts: parts.into_iter().map(|(q, _)| q).collect(), union_all }
        }),
    ]
}

/// Runs a property test on a thread with a large stack: proptest's
/// generation of deeply nested strategies needs more than the default 2 MiB
/// in debug builds (the parser itself is tested on small stacks elsewhere).
fn check<S: Strategy>(
    cases: u32,
    strategy: impl FnOnce() -> S + Send + 'static,
    test: impl Fn(S::Value) -> Result<(), TestCaseError> + Send + 'static,
) {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let config = ProptestConfig {
                cases,
                ..ProptestConfig::default()
            };
            let mut runner = proptest::test_runner::TestRunner::new(config);
            if let Err(e) = runner.run(&strategy(), test) {
                panic!("{e}");
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn generated_expressions_round_trip() {
    check(512, expr, |e| {
        let src = format!("RETURN {e}");
        let q = parse(&src).map_err(|err| TestCaseError::fail(err.render(&src)))?;
        let Clause::Return(p) = &q.parts[0].clauses[0] else {
            unreachable!()
        };
        prop_assert_eq!(&p.items[0].expr, &e, "printed: {}", src);
        Ok(())
    });
}

#[test]
fn generated_queries_round_trip() {
    check(256, query, |q| {
        let src = q.to_string();
        let parsed = parse(&src).map_err(|err| TestCaseError::fail(err.render(&src)))?;
        prop_assert_eq!(parsed, q, "printed: {}", src);
        Ok(())
    });
}

/// Cypher-flavoured fragments for random token soup.
const FRAGMENTS: &[&str] = &[
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "RETURN",
    "WITH",
    "UNWIND",
    "AS",
    "CREATE",
    "MERGE",
    "ON",
    "SET",
    "REMOVE",
    "DELETE",
    "DETACH",
    "UNION",
    "ALL",
    "ORDER",
    "BY",
    "DESC",
    "SKIP",
    "LIMIT",
    "DISTINCT",
    "AND",
    "OR",
    "XOR",
    "NOT",
    "IN",
    "IS",
    "NULL",
    "STARTS",
    "ENDS",
    "CONTAINS",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "EXISTS",
    "count",
    "shortestPath",
    "true",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    "..",
    ":",
    ";",
    "|",
    "+",
    "+=",
    "-",
    "*",
    "/",
    "%",
    "^",
    "=",
    "<>",
    "<",
    ">",
    "<=",
    ">=",
    "=~",
    "->",
    "<-",
    "--",
    "a",
    "b",
    "n",
    "x",
    "Label",
    "1",
    "2.5",
    "'s'",
    "$p",
    "`q`",
    "0x1F",
    "9223372036854775808",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let _ = parse(&s);
    }

    #[test]
    fn token_soup_never_panics_and_round_trips(
        parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40)
    ) {
        let src = parts.join(" ");
        if let Ok(q) = parse(&src) {
            let printed = q.to_string();
            let again = parse(&printed).map_err(|err| TestCaseError::fail(err.render(&printed)))?;
            prop_assert_eq!(again, q, "source: {} printed: {}", src, printed);
        }
    }

    #[test]
    fn errors_point_inside_the_source(s in "[ -~\n]{0,60}") {
        if let Err(e) = parse(&s) {
            let lines: Vec<&str> = s.split('\n').collect();
            prop_assert!(e.line >= 1 && e.line <= lines.len());
            prop_assert!(e.column >= 1 && e.column <= lines[e.line - 1].chars().count() + 1);
            let _ = e.render(&s);
        }
    }
}
