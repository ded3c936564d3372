//! Duplicates and merge: a second spelling of Pantiukhin is found, merged
//! with its roles and names, still resolves by its old id, and `check` passes.

use crate::common::{bundled_db, dump, run};

#[test]
fn duplicates_are_found_and_merged_atomically() {
    let (dir, db) = bundled_db();
    let d = dir.path();
    assert!(
        run(
            d,
            &db,
            &[
                "add",
                "person",
                "--id",
                "pantyukhin",
                "--name",
                "Pantyukhin",
                "--source",
                "halfin2009:301-335"
            ]
        )
        .0
    );
    let (ok, _, err) = run(
        d,
        &db,
        &[
            "add",
            "accusation",
            "--id",
            "acc-x",
            "--accuser",
            "pantyukhin",
            "--accused",
            "altaparmakov",
            "--date",
            "1933",
            "--source",
            "halfin2009:301-335",
        ],
    );
    assert!(ok, "{err}");
    let (ok, out, _) = run(d, &db, &["duplicates"]);
    assert!(ok);
    let line = out
        .lines()
        .find(|l| l.contains("pantyukhin"))
        .expect("pair listed");
    assert!(
        line.contains("pantiukhin") && line.contains("same name after folding"),
        "{out}"
    );

    // A merge into a node of another kind is refused and changes nothing.
    let before = dump(d, &db);
    let (ok, _, err) = run(d, &db, &["merge", "pantyukhin", "--into", "lcu"]);
    assert!(
        !ok && err.contains("only nodes of the same kind merge"),
        "{err}"
    );
    assert_eq!(before, dump(d, &db));

    let (ok, _, err) = run(d, &db, &["merge", "pantyukhin", "--into", "pantiukhin"]);
    assert!(ok, "{err}");
    let export = dump(d, &db);
    assert!(
        !export.contains("\"id\":\"pantyukhin\""),
        "the merged node is gone"
    );
    assert!(
        export.contains("\"id\":\"acc-x/pantiukhin>altaparmakov\""),
        "derived accusation moved to the survivor"
    );
    assert!(
        !export.contains("acc-x/pantyukhin>"),
        "no derived accusation left on the old id"
    );
    let (_, out, _) = run(d, &db, &["show", "pantyukhin"]);
    assert!(
        out.starts_with("('pantyukhin' was merged into 'pantiukhin')"),
        "{out}"
    );
    assert!(out.contains("also: Пантюхин, Pantyukhin"), "{out}");
    assert!(out.contains("accused Altaparmakov (altaparmakov)"), "{out}");
    let (ok, _, err) = run(d, &db, &["check"]);
    assert!(ok, "{err}");
}
