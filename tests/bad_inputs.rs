//! Bad data files: each is refused with a message naming file, line and
//! field, a non-zero exit, no panic, and the database exactly as it was.

use crate::common::{bundled_db, dump, run};

/// (case, file name, contents, expected part of the message)
const CASES: &[(&str, &str, &str, &str)] = &[
    ("malformed toml", "a.toml", "[[person]]\nid = \"x\nname = 1\n", "a.toml:2: invalid TOML"),
    ("toml not a list", "a.toml", "person = \"izak\"\n", "a.toml:1: 'person' must be a list of entries"),
    ("malformed json", "a.json", "{\"person\": [{\"id\": \"x\",}]}", "a.json:1: invalid JSON"),
    ("malformed jsonl", "a.jsonl", "{\"type\":\"node\"}\n{oops\n", "a.jsonl:2: invalid JSON"),
    ("month 13", "a.toml", "[[person]]\nid = \"x\"\nname = \"X\"\nborn = \"1931-13\"\nsources = [\"halfin2009:1\"]\n", "a.toml:4: 'x': field 'born': invalid date '1931-13': invalid month 13 at column 6"),
    ("1900 not leap", "a.toml", "[[event]]\nid = \"e\"\nkind = \"arrest\"\ndate = \"1900-02-29\"\nsources = [\"halfin2009:1\"]\n", "field 'date': invalid date '1900-02-29'"),
    ("interval backwards", "a.toml", "[[event]]\nid = \"e\"\nkind = \"arrest\"\ndate = \"1931/1930\"\nsources = [\"halfin2009:1\"]\n", "field 'date': invalid date '1931/1930'"),
    ("missing sources", "a.toml", "[[person]]\nid = \"novikov\"\nname = \"Novikov\"\n", "a.toml:1: 'novikov': field 'sources': an assertion without a source is rejected"),
    ("unknown source", "a.toml", "[[person]]\nid = \"n\"\nname = \"N\"\nsources = [\"nosuch:12\"]\n", "field 'sources': unknown source 'nosuch'"),
    ("citation without locator", "a.toml", "[[person]]\nid = \"n\"\nname = \"N\"\nsources = [\"halfin2009\"]\n", "citation 'halfin2009' has no locator"),
    ("dangling id", "a.toml", "[[membership]]\nperson = \"ghost\"\nof = \"lcu\"\nsources = [\"halfin2009:1\"]\n", "field 'from': no node with id 'ghost'"),
    ("duplicate ids", "a.toml", "[[person]]\nid = \"n\"\nname = \"N\"\nsources = [\"halfin2009:1\"]\n[[person]]\nid = \"n\"\nname = \"M\"\nsources = [\"halfin2009:1\"]\n", "a.toml:5: 'n': field 'id': duplicate id: also given at"),
    ("wrong endpoint labels", "a.toml", "[[membership]]\nperson = \"lcu\"\nof = \"izak\"\nsources = [\"halfin2009:1\"]\n", "MEMBER_OF must start at a Person, but 'lcu' is a Institution"),
    ("unknown kind", "a.toml", "[[persn]]\nid = \"n\"\n", "unknown entry kind 'persn'"),
    ("unknown event kind", "a.toml", "[[event]]\nid = \"e\"\nkind = \"arest\"\nsources = [\"halfin2009:1\"]\n", "unknown event kind 'arest'"),
    ("unknown role", "a.toml", "[[event]]\nid = \"e\"\nkind = \"trial\"\nparticipants = [{person = \"izak\", role = \"juror\"}]\nsources = [\"halfin2009:1\"]\n", "field 'role': unknown role 'juror'"),
    ("bad certainty", "a.toml", "[[person]]\nid = \"n\"\nname = \"N\"\ncertainty = \"sure\"\nsources = [\"halfin2009:1\"]\n", "certainty must be one of certain, probable, possible, doubtful"),
    ("unknown relationship type", "a.toml", "[[relationship]]\ntype = \"LIKES\"\nfrom = \"izak\"\nto = \"dmitriev\"\nsources = [\"halfin2009:1\"]\n", "unknown relationship type 'LIKES'"),
    ("id with slash", "a.toml", "[[person]]\nid = \"a/b\"\nname = \"N\"\nsources = [\"halfin2009:1\"]\n", "id 'a/b' contains '/'"),
    ("nul byte", "a.toml", "[[person]]\nid = \"n\0\"\n", "a.toml:2: the file contains a NUL byte"),
    ("unknown extension", "a.txt", "hello", "unknown file type"),
];

fn check_refused(name: &str, file: &str, contents: &[u8], expected: &str) {
    let (dir, db) = bundled_db();
    let before = dump(dir.path(), &db);
    let path = dir.path().join(file);
    std::fs::write(&path, contents).unwrap();
    let (ok, _, err) = run(dir.path(), &db, &["import", path.to_str().unwrap()]);
    assert!(!ok, "{name}: accepted");
    assert!(
        err.contains(expected),
        "{name}: expected «{expected}» in:\n{err}"
    );
    assert!(err.contains("error: "), "{name}: {err}");
    assert!(!err.contains("panicked"), "{name}: {err}");
    assert_eq!(before, dump(dir.path(), &db), "{name}: database changed");
}

#[test]
fn bad_data_files_are_refused_and_change_nothing() {
    for (name, file, contents, expected) in CASES {
        check_refused(name, file, contents.as_bytes(), expected);
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    check_refused(
        "invalid utf-8",
        "a.toml",
        b"[[person]]\nid = \"n\xff\"\n",
        "a.toml:2: the file is not valid UTF-8",
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let contents = "[[person]]\nid = \"a\"\nname = \"A\"\n\n[[person]]\nid = \"b\"\nname = \"B\"\nborn = \"1931-13\"\nsources = [\"halfin2009:1\"]\n";
    let (dir, db) = bundled_db();
    let path = dir.path().join("two.toml");
    std::fs::write(&path, contents).unwrap();
    let (ok, _, err) = run(dir.path(), &db, &["import", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("two.toml:1: 'a': field 'sources'"), "{err}");
    assert!(err.contains("two.toml:8: 'b': field 'born'"), "{err}");
    assert!(err.contains("2 problems; nothing was written"), "{err}");
}

#[test]
fn a_byte_order_mark_and_crlf_are_accepted() {
    let (dir, db) = bundled_db();
    let path = dir.path().join("bom.toml");
    std::fs::write(&path, "\u{feff}[[person]]\r\nid = \"novikov\"\r\nname = \"Novikov\"\r\nsources = [\"halfin2009:174-228\"]\r\n").unwrap();
    let (ok, _, err) = run(dir.path(), &db, &["import", path.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(run(dir.path(), &db, &["show", "novikov"]).0);
}

#[test]
fn dry_run_validates_and_writes_nothing() {
    let (dir, db) = bundled_db();
    let before = dump(dir.path(), &db);
    let path = dir.path().join("ok.toml");
    std::fs::write(
        &path,
        "[[person]]\nid = \"novikov\"\nname = \"Novikov\"\nsources = [\"halfin2009:174-228\"]\n",
    )
    .unwrap();
    let (ok, _, err) = run(
        dir.path(),
        &db,
        &["import", "--dry-run", path.to_str().unwrap()],
    );
    assert!(ok && err.contains("would import"), "{err}");
    assert_eq!(before, dump(dir.path(), &db));
}
