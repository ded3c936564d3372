//! Unit tests of the parser: example queries, precedence, each clause, and
//! each error message with its exact position.

use crate::query::ast::*;
use crate::query::parse;

fn ok(src: &str) -> Query {
    parse(src).unwrap_or_else(|e| panic!("{}", e.render(src)))
}

fn err(src: &str) -> String {
    match parse(src) {
        Ok(q) => panic!("expected an error for {src:?}, got {q:?}"),
        Err(e) => e.to_string(),
    }
}

/// The expression of `RETURN <expr>`.
fn expr(src: &str) -> Expr {
    let q = ok(&format!("RETURN {src}"));
    match &q.parts[0].clauses[0] {
        Clause::Return(p) => p.items[0].expr.clone(),
        other => panic!("unexpected clause {other:?}"),
    }
}

fn var(name: &str) -> Box<Expr> {
    Box::new(Expr::Var(name.into()))
}

fn int(n: i64) -> Box<Expr> {
    Box::new(Expr::Literal(Literal::Integer(n)))
}

fn bin(op: BinaryOp, l: Box<Expr>, r: Box<Expr>) -> Box<Expr> {
    Box::new(Expr::Binary(op, l, r))
}

pub(crate) const EXAMPLES: &[&str] = &[
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
];

#[test]
fn brief_examples_parse() {
    for src in EXAMPLES {
        ok(src);
    }
}

#[test]
fn precedence() {
    use BinaryOp::*;
    // a OR (b AND ((NOT (c = (d + (e * (f ^ g)))))))
    let e = expr("a OR b AND NOT c = d + e * f ^ g");
    let pow = bin(Pow, var("f"), var("g"));
    let mul = bin(Mul, var("e"), pow);
    let add = bin(Add, var("d"), mul);
    let eq = bin(Eq, var("c"), add);
    let not = Box::new(Expr::Unary(UnaryOp::Not, eq));
    let and = bin(And, var("b"), not);
    assert_eq!(Box::new(e), bin(Or, var("a"), and));

    assert_eq!(
        Box::new(expr("a XOR b OR c")),
        bin(Or, bin(Xor, var("a"), var("b")), var("c"))
    );
    assert_eq!(
        Box::new(expr("1 - 2 - 3")),
        bin(Sub, bin(Sub, int(1), int(2)), int(3))
    );
    assert_eq!(
        Box::new(expr("2 ^ 3 ^ 4")),
        bin(Pow, bin(Pow, int(2), int(3)), int(4))
    );
    // unary minus binds tighter than ^ and folds into number literals
    assert_eq!(Box::new(expr("-2 ^ 2")), bin(Pow, int(-2), int(2)));
    assert_eq!(
        expr("-a.b"),
        Expr::Unary(UnaryOp::Neg, Box::new(Expr::Property(var("a"), "b".into())))
    );
    assert_eq!(
        expr("a + 1 IS NULL = true"),
        Expr::Binary(
            Eq,
            Box::new(Expr::IsNull {
                expr: bin(Add, var("a"), int(1)),
                negated: false
            }),
            Box::new(Expr::Literal(Literal::Bool(true)))
        )
    );
    assert_eq!(
        expr("x IN xs IS NOT NULL"),
        Expr::IsNull {
            expr: bin(In, var("x"), var("xs")),
            negated: true
        }
    );
    assert_eq!(
        Box::new(expr("a + b STARTS WITH c")),
        bin(StartsWith, bin(Add, var("a"), var("b")), var("c"))
    );
    assert_eq!(
        Box::new(expr("a < b = c")),
        bin(Eq, bin(Lt, var("a"), var("b")), var("c"))
    );
}

#[test]
fn literals() {
    assert_eq!(expr("0x1F"), *int(31));
    assert_eq!(expr("-9223372036854775808"), *int(i64::MIN));
    assert_eq!(expr(".5"), Expr::Literal(Literal::Float(0.5)));
    assert_eq!(expr("-1e3"), Expr::Literal(Literal::Float(-1000.0)));
    assert_eq!(expr("NULL"), Expr::Literal(Literal::Null));
    assert_eq!(expr("True"), Expr::Literal(Literal::Bool(true)));
    assert_eq!(
        expr("\"a\\tb\""),
        Expr::Literal(Literal::String("a\tb".into()))
    );
    assert_eq!(
        expr("{a: 1, `odd key`: [2, $0]}"),
        Expr::Map(vec![
            ("a".into(), *int(1)),
            (
                "odd key".into(),
                Expr::List(vec![*int(2), Expr::Param("0".into())])
            )
        ])
    );
    assert_eq!(
        err("RETURN 9223372036854775808"),
        "integer literal is too large at line 1, column 8"
    );
    assert_eq!(
        err("RETURN -9223372036854775809"),
        "integer literal is too large at line 1, column 9"
    );
}

#[test]
fn other_expressions() {
    assert_eq!(expr("count(*)"), Expr::CountStar);
    assert_eq!(
        expr("COUNT(DISTINCT x)"),
        Expr::FnCall {
            name: "COUNT".into(),
            distinct: true,
            args: vec![*var("x")]
        }
    );
    assert_eq!(
        expr("xs[1..3]"),
        Expr::Slice {
            expr: var("xs"),
            from: Some(int(1)),
            to: Some(int(3))
        }
    );
    assert_eq!(
        expr("xs[..3]"),
        Expr::Slice {
            expr: var("xs"),
            from: None,
            to: Some(int(3))
        }
    );
    assert_eq!(
        expr("xs[0]"),
        Expr::Index {
            expr: var("xs"),
            index: int(0)
        }
    );
    assert_eq!(
        expr("CASE x WHEN 1 THEN 'a' ELSE 'b' END"),
        Expr::Case {
            subject: Some(var("x")),
            whens: vec![(*int(1), Expr::Literal(Literal::String("a".into())))],
            otherwise: Some(Box::new(Expr::Literal(Literal::String("b".into()))))
        }
    );
    assert!(matches!(
        expr("CASE WHEN a THEN 1 END"),
        Expr::Case { subject: None, .. }
    ));
    assert_eq!(
        expr("[x IN xs WHERE x > 1 | x * 2]"),
        Expr::ListComprehension {
            variable: "x".into(),
            list: var("xs"),
            predicate: Some(bin(BinaryOp::Gt, var("x"), int(1))),
            projection: Some(bin(BinaryOp::Mul, var("x"), int(2)))
        }
    );
    assert_eq!(
        expr("[(x IN xs), 1]"),
        Expr::List(vec![*bin(BinaryOp::In, var("x"), var("xs")), *int(1)])
    );
    assert_eq!(
        expr("n:A:B"),
        Expr::HasLabels {
            expr: var("n"),
            labels: vec!["A".into(), "B".into()]
        }
    );
    assert_eq!(expr("(((a)))"), *var("a"));
    assert_eq!(expr("`weird name`"), *var("weird name"));
}

#[test]
fn pattern_predicates() {
    let q = ok("MATCH (a) WHERE (a)-[:ACCUSED]->() AND NOT (a)-->(b) RETURN a");
    let Clause::Match(m) = &q.parts[0].clauses[0] else {
        panic!()
    };
    let Some(Expr::Binary(BinaryOp::And, l, r)) = &m.where_clause else {
        panic!()
    };
    let Expr::PatternPredicate(p) = &**l else {
        panic!("{l:?}")
    };
    assert_eq!(p.chain[0].0.types, vec!["ACCUSED".to_string()]);
    assert_eq!(p.chain[0].0.direction, Direction::Right);
    let Expr::Unary(UnaryOp::Not, inner) = &**r else {
        panic!()
    };
    assert!(matches!(**inner, Expr::PatternPredicate(_)));
    // parenthesised expressions that merely look like nodes stay expressions
    assert_eq!(
        Box::new(expr("(a) - 1")),
        bin(BinaryOp::Sub, var("a"), int(1))
    );
    assert_eq!(
        Box::new(expr("(a) < -1")),
        bin(BinaryOp::Lt, var("a"), int(-1))
    );
    assert!(matches!(expr("exists((a)-->())"), Expr::FnCall { .. }));
    assert!(matches!(
        expr("EXISTS { MATCH (a)-->(b) WHERE b.x = 1 }"),
        Expr::Exists {
            where_clause: Some(_),
            ..
        }
    ));
}

#[test]
fn patterns() {
    let q = ok("MATCH p = (a:A:B {k: 1})<-[r:T1|T2*2..]-(b)-[*]-(c)<--(d)--(e)-->(f)-[*..5 $props]->(g) RETURN p");
    let Clause::Match(m) = &q.parts[0].clauses[0] else {
        panic!()
    };
    let part = &m.pattern.parts[0];
    assert_eq!(part.variable.as_deref(), Some("p"));
    assert_eq!(
        part.element.start.labels,
        vec!["A".to_string(), "B".to_string()]
    );
    let rels: Vec<_> = part.element.chain.iter().map(|(r, _)| r).collect();
    assert_eq!(rels[0].direction, Direction::Left);
    assert_eq!(rels[0].types, vec!["T1".to_string(), "T2".to_string()]);
    assert_eq!(rels[0].length, Some((Some(2), None)));
    assert_eq!(rels[1].length, Some((None, None)));
    assert_eq!(rels[1].direction, Direction::Both);
    assert_eq!(rels[2].direction, Direction::Left);
    assert_eq!(rels[3].direction, Direction::Both);
    assert_eq!(rels[4].direction, Direction::Right);
    assert_eq!(rels[5].length, Some((None, Some(5))));
    assert_eq!(rels[5].properties, Some(Expr::Param("props".into())));
    let q = ok("MATCH (a)-[:R*3]->(b), q = allShortestPaths((a)-[:R|:S*]->(b)) RETURN q");
    let Clause::Match(m) = &q.parts[0].clauses[0] else {
        panic!()
    };
    assert_eq!(
        m.pattern.parts[0].element.chain[0].0.length,
        Some((Some(3), Some(3)))
    );
    assert_eq!(m.pattern.parts[1].shortest, Some(Shortest::All));
    assert_eq!(m.pattern.parts[1].element.chain[0].0.types.len(), 2);
}

#[test]
fn clauses() {
    let q = ok("match (n) with n, n.x as x where x > 1 return distinct *, x order by x asc, n.y descending skip $s limit 3;");
    let [Clause::Match(_), Clause::With(w), Clause::Return(r)] = &q.parts[0].clauses[..] else {
        panic!("{q:?}")
    };
    assert_eq!(w.projection.items[1].alias.as_deref(), Some("x"));
    assert!(w.where_clause.is_some());
    assert!(r.distinct && r.star && r.items.len() == 1);
    assert_eq!(
        r.order_by.iter().map(|s| s.descending).collect::<Vec<_>>(),
        vec![false, true]
    );
    assert_eq!(r.skip, Some(Expr::Param("s".into())));
    assert_eq!(r.limit, Some(*int(3)));

    let q = ok("MATCH (n) SET n.a.b = 1, n += {c: 2}, n = $m, n:L:M REMOVE n.x, n:L DELETE n");
    let [_, Clause::Set(set), Clause::Remove(rem), Clause::Delete(del)] = &q.parts[0].clauses[..]
    else {
        panic!("{q:?}")
    };
    assert_eq!(
        set[0],
        SetItem::Property {
            entity: Expr::Property(var("n"), "a".into()),
            key: "b".into(),
            value: *int(1)
        }
    );
    assert!(matches!(set[1], SetItem::Extend { .. }));
    assert!(matches!(set[2], SetItem::Replace { .. }));
    assert!(matches!(&set[3], SetItem::Labels { labels, .. } if labels.len() == 2));
    assert_eq!(
        rem[0],
        RemoveItem::Property {
            entity: *var("n"),
            key: "x".into()
        }
    );
    assert!(!del.detach);

    let q =
        ok("MERGE (a:A {id: 1}) ON CREATE SET a.x = 1 ON MATCH SET a.y = 2, a.z = 3 SET a.w = 4");
    let [Clause::Merge(m), Clause::Set(_)] = &q.parts[0].clauses[..] else {
        panic!("{q:?}")
    };
    assert_eq!(m.actions.len(), 2);
    assert_eq!(m.actions[1].on, MergeOn::Match);
    assert_eq!(m.actions[1].items.len(), 2);

    let q = ok("RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x");
    assert_eq!(q.parts.len(), 3);
    assert_eq!(q.union_all, vec![false, true]);

    ok("CREATE (a) WITH a MATCH (b) RETURN b");
    ok("UNWIND $xs AS x CREATE (:N {v: x})");
    ok("MATCH (a) // comment\n /* block */ RETURN a");
}

#[test]
fn error_messages() {
    let cases = [
        ("MATCH (a:Person RETURN a", "expected ')' but found 'RETURN' at line 1, column 17"),
        ("MATC (n) RETURN n", "unknown clause 'MATC' at line 1, column 1"),
        ("MATCH (n) RETRUN n", "unknown clause 'RETRUN' at line 1, column 11"),
        ("MATCH (a:) RETURN a", "expected a label after ':' but found ')' at line 1, column 10"),
        ("MATCH (a)-[:]->(b) RETURN a", "expected a relationship type after ':' but found ']' at line 1, column 13"),
        ("RETURN 'abc", "unterminated string starting at line 1, column 8"),
        ("", "empty query at line 1, column 1"),
        ("MATCH (n)", "query cannot end with MATCH; add a RETURN clause at line 1, column 10"),
        ("MATCH (n) RETURN n MATCH (m)", "expected UNION or end of query after RETURN but found 'MATCH' at line 1, column 20"),
        ("CREATE (a) MATCH (b) RETURN b", "WITH is required between CREATE and MATCH at line 1, column 12"),
        ("CREATE (a) UNION RETURN 1", "a query combined with UNION must end with RETURN at line 1, column 12"),
        ("RETURN 1 UNION", "expected a clause (MATCH, RETURN, CREATE, ...) but found end of input at line 1, column 15"),
        ("RETURN", "expected an expression but found end of input at line 1, column 7"),
        ("RETURN a +", "expected an expression but found end of input at line 1, column 11"),
        ("RETURN (1 + 2", "expected ')' but found end of input at line 1, column 14"),
        ("RETURN [1, 2", "expected ',' or ']' but found end of input at line 1, column 13"),
        ("RETURN {a 1}", "expected ':' after the property key but found '1' at line 1, column 11"),
        ("RETURN f(1 2)", "expected ',' or ')' but found '2' at line 1, column 12"),
        ("RETURN a.", "expected a property name after '.' but found end of input at line 1, column 10"),
        ("RETURN a IS 1", "expected NULL after IS but found '1' at line 1, column 13"),
        ("RETURN a STARTS b", "expected WITH after STARTS but found 'b' at line 1, column 17"),
        ("RETURN CASE WHEN a THEN 1", "expected WHEN, ELSE or END but found end of input at line 1, column 26"),
        ("RETURN CASE x END", "expected WHEN but found 'END' at line 1, column 15"),
        ("MATCH (n) WHERE RETURN n", "expected an expression but found 'RETURN' at line 1, column 17"),
        ("OPTIONAL (n) RETURN n", "expected MATCH after OPTIONAL but found '(' at line 1, column 10"),
        ("DETACH n", "expected DELETE after DETACH but found 'n' at line 1, column 8"),
        ("MATCH (n) SET n RETURN n", "expected '.', '=', '+=' or ':' after the variable in SET but found 'RETURN' at line 1, column 17"),
        ("MERGE (n) ON DELETE SET n.x = 1", "expected CREATE or MATCH after ON but found 'DELETE' at line 1, column 14"),
        ("MATCH (a)-[*3..1]->(b) RETURN a", "invalid length range *3..1: minimum exceeds maximum at line 1, column 16"),
        ("MATCH (a)-[r]-(b RETURN a", "expected ')' but found 'RETURN' at line 1, column 18"),
        ("MATCH (a)-[r->(b) RETURN a", "expected ']' but found '-' at line 1, column 13"),
        ("RETURN 1;;", "expected end of input after ';' but found ';' at line 1, column 10"),
        ("RETURN [x IN xs, 1]", "expected WHERE, '|' or ']' in list comprehension but found ',' at line 1, column 16"),
        ("MATCH p = shortestPath((a)) RETURN p", "shortestPath needs a relationship pattern at line 1, column 11"),
        ("RETURN 1 AS", "expected a name after AS but found end of input at line 1, column 12"),
        ("UNWIND [1] x RETURN x", "expected AS after the UNWIND expression but found 'x' at line 1, column 12"),
        ("MATCH (n)\nWHERE n.x = = 1\nRETURN n", "expected an expression but found '=' at line 2, column 13"),
        ("( RETURN 1", "expected a clause (MATCH, RETURN, CREATE, ...) but found '(' at line 1, column 1"),
    ];
    for (src, want) in cases {
        assert_eq!(err(src), want, "for {src:?}");
    }
}

#[test]
fn rendered_error() {
    let src = "MATCH (a:Person RETURN a";
    let e = parse(src).unwrap_err();
    assert_eq!(
        e.render(src),
        "expected ')' but found 'RETURN' at line 1, column 17\n  MATCH (a:Person RETURN a\n                  ^^^^^^"
    );
}

/// Runs `f` on a thread with the default (2 MiB) spawned-thread stack.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::spawn(f).join().expect("parser thread crashed");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    on_small_stack(|| {
        let deep = |open: &str, n: usize| format!("RETURN {}", open.repeat(n));
        for (open, n) in [
            ("(", 100_000),
            ("[", 100_000),
            ("{a:", 100_000),
            ("-", 100_000),
        ] {
            let src = deep(open, n);
            let e = parse(&src).unwrap_err();
            assert_eq!(e.message, "expression nested too deeply", "for {open}");
        }
        for src in [
            format!("RETURN {}", "NOT ".repeat(100_000)),
            format!("RETURN 1{}", " + 1".repeat(100_000)),
            format!("RETURN a{}", ".b".repeat(100_000)),
            format!("RETURN a{}", " IS NULL".repeat(100_000)),
            format!("MATCH (a {{k: {}", "(".repeat(100_000)),
            format!("RETURN {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
        ] {
            let e = parse(&src).unwrap_err();
            assert_eq!(e.message, "expression nested too deeply");
        }
        // moderate nesting works even in debug builds, and prints/compares
        let n = 100;
        let src = format!("RETURN {}1{}", "[".repeat(n), "]".repeat(n));
        let q = parse(&src).unwrap();
        assert_eq!(parse(&q.to_string()).unwrap(), q);
    });
}

#[test]
fn depth_limit_applies_with_a_large_stack() {
    let big = std::thread::Builder::new().stack_size(64 << 20);
    big.spawn(|| {
        let n = crate::query::MAX_DEPTH - 10;
        for open in ["[", "("] {
            let close = if open == "[" { "]" } else { ")" };
            let src = format!("RETURN {}x{}", open.repeat(n), close.repeat(n));
            // Unoptimised builds hit STACK_BUDGET before MAX_DEPTH.
            if !cfg!(debug_assertions) {
                let q = parse(&src).unwrap();
                assert_eq!(parse(&q.to_string()).unwrap(), q);
            }
            let n = crate::query::MAX_DEPTH + 10;
            let src = format!("RETURN {}x{}", open.repeat(n), close.repeat(n));
            let e = parse(&src).unwrap_err();
            assert_eq!(e.message, "expression nested too deeply");
            if !cfg!(debug_assertions) {
                assert_eq!(e.column, 8 + crate::query::MAX_DEPTH);
            }
        }
    })
    .unwrap()
    .join()
    .unwrap();
}
