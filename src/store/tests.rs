//! One test suite for every backend: the sled store and the memory store
//! must behave the same (a macro instantiates the suite per backend).

use super::*;
use crate::model::{Node, Rel, Schema, Value};

fn node(id: &str, label: &str, name: &str) -> Node {
    let mut n = Node {
        id: id.into(),
        labels: vec![label.into()],
        props: Default::default(),
    };
    n.props.insert("name".into(), Value::Str(name.into()));
    n
}

fn rel(id: &str, t: &str, start: &str, end: &str) -> Rel {
    Rel {
        id: id.into(),
        rel_type: t.into(),
        start: start.into(),
        end: end.into(),
        props: Default::default(),
    }
}

fn commit(s: &Store, c: &ChangeSet) {
    s.commit(c, &mut |_, _| {}).unwrap();
}

fn sample(s: &Store) {
    let mut c = ChangeSet::default();
    c.put_node(node("izak", "Person", "Izak"));
    c.put_node(node("pantiukhin", "Person", "Pantiukhin"));
    c.put_node(node("lcu", "Institution", "Leningrad Communist University"));
    c.put_rel(rel("r1", "ACCUSED", "pantiukhin", "izak"));
    c.put_rel(rel("r2", "MEMBER_OF", "izak", "lcu"));
    commit(s, &c);
}

macro_rules! store_suite {
    ($name:ident, $make:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn reads_back_what_was_written() {
                let (s, _dir) = $make;
                sample(&s);
                assert_eq!(s.node("izak").unwrap().unwrap().display_name(), "Izak");
                assert_eq!(s.rel("r1").unwrap().unwrap().start, "pantiukhin");
                assert_eq!(s.node_ids().unwrap(), vec!["izak", "lcu", "pantiukhin"]);
                assert_eq!(s.rel_ids().unwrap(), vec!["r1", "r2"]);
                assert!(s.node("nobody").unwrap().is_none());
            }

            #[test]
            fn indices_find_labels_types_and_names() {
                let (s, _dir) = $make;
                sample(&s);
                assert_eq!(
                    s.node_ids_with_label("Person").unwrap(),
                    vec!["izak", "pantiukhin"]
                );
                assert_eq!(s.rel_ids_with_type("ACCUSED").unwrap(), vec!["r1"]);
                let key = crate::model::name::fold("Пантюхин");
                assert_eq!(s.node_ids_with_name_key(&key).unwrap(), vec!["pantiukhin"]);
                let word = crate::model::name::fold("communist");
                assert_eq!(s.node_ids_with_name_key(&word).unwrap(), vec!["lcu"]);
            }

            #[test]
            fn adjacency_by_direction_and_type() {
                let (s, _dir) = $make;
                sample(&s);
                let out = s.adjacent("izak", Direction::Out, None).unwrap();
                assert_eq!(out.len(), 1);
                assert_eq!((out[0].rel.as_str(), out[0].other.as_str()), ("r2", "lcu"));
                let inc = s.adjacent("izak", Direction::In, Some("ACCUSED")).unwrap();
                assert_eq!(inc[0].other, "pantiukhin");
                assert!(s
                    .adjacent("izak", Direction::In, Some("MEMBER_OF"))
                    .unwrap()
                    .is_empty());
            }

            #[test]
            fn updates_and_deletes_keep_indices_in_step() {
                let (s, _dir) = $make;
                sample(&s);
                let mut c = ChangeSet::default();
                c.put_node(node("izak", "Organization", "Izak Group"));
                c.put_rel(rel("r1", "ACCUSED", "izak", "pantiukhin"));
                c.delete_rel("r2");
                commit(&s, &c);
                assert_eq!(s.node_ids_with_label("Person").unwrap(), vec!["pantiukhin"]);
                assert_eq!(s.node_ids_with_label("Organization").unwrap(), vec!["izak"]);
                assert!(s
                    .adjacent("izak", Direction::Out, Some("MEMBER_OF"))
                    .unwrap()
                    .is_empty());
                assert!(s
                    .adjacent("pantiukhin", Direction::Out, None)
                    .unwrap()
                    .is_empty());
                assert_eq!(
                    s.adjacent("pantiukhin", Direction::In, None).unwrap()[0].other,
                    "izak"
                );
                assert_eq!(
                    s.node_ids_with_name_key(&crate::model::name::fold("group"))
                        .unwrap(),
                    vec!["izak"]
                );
                let mut c = ChangeSet::default();
                c.delete_node("lcu");
                commit(&s, &c);
                assert!(s.node("lcu").unwrap().is_none());
                assert!(s.node_ids_with_label("Institution").unwrap().is_empty());
                let expected: Vec<Vec<u8>> = s.expected_index_keys().unwrap();
                let mut actual = Vec::new();
                for p in [keys::LABEL, keys::NAME, keys::TYPE, keys::OUT, keys::IN] {
                    actual.extend(s.raw_keys(p).unwrap());
                }
                actual.sort();
                assert_eq!(expected, actual);
            }

            #[test]
            fn large_commits_land_whole() {
                let (s, _dir) = $make;
                let mut c = ChangeSet::default();
                for i in 0..3000 {
                    c.put_node(node(&format!("p{i:05}"), "Person", &format!("Person {i}")));
                }
                let mut calls = 0;
                s.commit(&c, &mut |_, _| calls += 1).unwrap();
                assert!(calls > 1, "a large commit reports progress per chunk");
                assert_eq!(s.node_ids_with_label("Person").unwrap().len(), 3000);
                assert!(s.raw_keys(keys::UNDO).unwrap().is_empty());
            }

            #[test]
            fn rebuilding_indices_restores_them() {
                let (s, _dir) = $make;
                sample(&s);
                let before = s.expected_index_keys().unwrap();
                s.rebuild_indices().unwrap();
                let mut actual = Vec::new();
                for p in [keys::LABEL, keys::NAME, keys::TYPE, keys::OUT, keys::IN] {
                    actual.extend(s.raw_keys(p).unwrap());
                }
                actual.sort();
                assert_eq!(before, actual);
            }
        }
    };
}

store_suite!(memory, (Store::memory(Schema::Prosopography), ()));
store_suite!(sled, {
    let dir = tempfile::tempdir().unwrap();
    (Store::open(&dir.path().join("db"), None).unwrap(), dir)
});

#[test]
fn another_format_version_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let kv = SledKv::open(&path).unwrap();
        kv.apply(&[(
            keys::key(keys::META, &["format"]),
            Some(codec::encode(&99u32)),
        )])
        .unwrap();
        kv.flush().unwrap();
    }
    let err = Store::open(&path, None).err().expect("must refuse");
    let msg = err.to_string();
    assert!(
        msg.contains("format version 99") && msg.contains("reads version 1"),
        "{msg}"
    );
}

#[test]
fn a_corrupt_record_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    sample(&Store::open(&path, None).unwrap());
    {
        let kv = SledKv::open(&path).unwrap();
        kv.apply(&[(
            keys::key(keys::NODE, &["izak"]),
            Some(vec![1, 255, 255, 255, 255, 255]),
        )])
        .unwrap();
        kv.flush().unwrap();
    }
    let s = Store::open(&path, None).unwrap();
    let err = s.node("izak").expect_err("garbage must not decode");
    assert!(err.to_string().contains("corrupt record"), "{err}");
    assert!(
        s.node("pantiukhin").unwrap().is_some(),
        "intact records still read"
    );
}

#[test]
fn a_foreign_database_is_refused() {
    let kv = MemKv::new();
    kv.apply(&[(b"hello".to_vec(), Some(b"world".to_vec()))])
        .unwrap();
    let err = Store::with_kv(Box::new(kv), std::path::Path::new("x"), None)
        .err()
        .unwrap();
    assert!(err.to_string().contains("not a prosopo database"));
}
