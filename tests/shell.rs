//! `prosopo shell` with piped input: statements (multi-line too) end with
//! `;`, errors do not end the session, `:format` and `:param(s)` apply to
//! later statements, and a failed write changes nothing.

use crate::common::{bundled_db, dump, prosopo};
use std::path::Path;

/// Runs `prosopo shell` on `db` with `input` on stdin; returns (exit code,
/// stdout, stderr).
fn shell(dir: &Path, db: &Path, input: &str) -> (i32, String, String) {
    let out = prosopo(dir)
        .arg("--db")
        .arg(db)
        .arg("shell")
        .write_stdin(input)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn piped_session_runs_every_statement_past_errors() {
    let (dir, db) = bundled_db();
    let input = "\
MATCH (p:Person) RETURN count(*) AS people;
// who did Fedchenko accuse? (a statement over several lines)
MATCH (a:Person)-[:ACCUSED]->(b:Person)
WHERE a.id = 'fedchenko'
RETURN b.name AS accused
ORDER BY accused;
MATCH (n RETURN n;
:format json
:param person=izak
MATCH (p:Person {id: $person}) RETURN p.name AS name;
:params
:params {\"n\": 2, \"ids\": [\"izak\", \"dmitriev\"]}
UNWIND $ids AS id RETURN id, $n AS n;
:bogus
RETURN 'a;b' AS s; RETURN 1 AS one
";
    let (code, out, err) = shell(dir.path(), &db, input);
    // A statement failed: with piped input the exit code says so.
    assert_eq!(code, 1, "stdout: {out}\nstderr: {err}");
    let lines: Vec<&str> = out.lines().collect();
    // Table output (the default) of the first two statements.
    let people = lines.iter().position(|l| l.contains("people")).unwrap();
    assert!(lines[people + 2].contains(" 9 "), "{out}");
    let accused = lines.iter().position(|l| l.contains("accused")).unwrap();
    assert!(lines[accused + 2].contains("Dmitriev"), "{out}");
    assert!(lines[accused + 3].contains("Izak"), "{out}");
    // The syntax error is printed with its position and a caret...
    assert!(
        err.contains("error: expected ')' but found 'RETURN' at line 1, column 10"),
        "{err}"
    );
    assert!(
        err.contains("  MATCH (n RETURN n;\n           ^^^^^^"),
        "{err}"
    );
    assert!(err.contains("error: unknown command ':bogus'"), "{err}");
    // ... and the session goes on: JSON after `:format json`, with parameters.
    let json: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with('{'))
        .collect();
    assert_eq!(
        json,
        [
            r#"{"columns":["name"],"rows":[["Izak"]]}"#,
            r#"{"person":"izak"}"#,
            r#"{"columns":["id","n"],"rows":[["izak",2],["dmitriev",2]]}"#,
            r#"{"columns":["s"],"rows":[["a;b"]]}"#,
            // The last statement has no ';': the end of input ends it.
            r#"{"columns":["one"],"rows":[[1]]}"#,
        ]
    );
}

#[test]
fn piped_session_without_errors_exits_0() {
    let (dir, db) = bundled_db();
    let (code, out, err) = shell(
        dir.path(),
        &db,
        ":format csv\nMATCH (n) RETURN count(*) AS n;\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "n\n28\n");
    assert!(!err.contains("error"), "{err}");
}

/// `:quit` ends the session: later statements are not run.
#[test]
fn quit_ends_the_session() {
    let (dir, db) = bundled_db();
    let (code, out, _) = shell(
        dir.path(),
        &db,
        ":format csv\nRETURN 1 AS a;\n:quit\nRETURN 2 AS b;\n",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "a\n1\n");
}

#[test]
fn bad_commands_are_errors_that_do_not_end_the_session() {
    let (dir, db) = bundled_db();
    let input =
        ":format xml\n:timeout 0\n:param novalue\n:timeout 5\n:format csv\nRETURN 3 AS c;\n";
    let (_, out, err) = shell(dir.path(), &db, input);
    assert!(err.contains("unknown format 'xml'"), "{err}");
    assert!(err.contains("positive number of seconds"), "{err}");
    assert!(err.contains("must be NAME=VALUE"), "{err}");
    assert_eq!(out, "c\n3\n");
}

/// A write that fails (a missing source; a run-time error after CREATE; an
/// invalid value after a valid SET)
/// leaves the database as it was; the session goes on and a valid write
/// then commits.
#[test]
fn failed_writes_leave_the_database_unchanged() {
    let (dir, db) = bundled_db();
    let before = dump(dir.path(), &db);
    let input = "\
CREATE (:Person {id: 'novikov', name: 'Novikov'});
CREATE (:Person {id: 'novikov', name: 'Novikov', sources: ['halfin2009:174-228']})
WITH 1 AS x RETURN 1 / 0 AS boom;
MATCH (p:Person {id: 'izak'}) SET p.note = 'changed', p.born = 'not a date';
";
    let (code, _, err) = shell(dir.path(), &db, input);
    assert_eq!(code, 1);
    assert!(
        err.contains("an assertion without a source is rejected"),
        "{err}"
    );
    assert!(err.contains("division by zero"), "{err}");
    assert!(err.contains("invalid date 'not a date'"), "{err}");
    let errors = err.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(errors, 3, "{err}");
    assert_eq!(dump(dir.path(), &db), before);

    let input =
        "CREATE (:Person {id: 'novikov', name: 'Novikov', sources: ['halfin2009:174-228']});\n";
    let (code, _, err) = shell(dir.path(), &db, input);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote: 1 created"), "{err}");
    assert!(dump(dir.path(), &db).contains(r#""id":"novikov""#));
}
