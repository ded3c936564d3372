//! One test suite for every backend: the sled store and the memory store
//! must behave the same (a macro instantiates the suite per backend).

use super::*;
use crate::model::{Node, Rel, Schema, Value};
use compact_str::CompactString;

fn node(id: &str, label: &str, name: &str) -> Node {
    let mut n = Node {
        pos: None,
        id: id.into(),
        labels: vec![label.into()],
        props: Default::default(),
    };
    n.props.insert("name".into(), Value::Str(name.into()));
    n
}

fn rel(id: &str, t: &str, start: &str, end: &str) -> Rel {
    Rel {
        pos: None,
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

/// The records as the store holds them now.
fn records(s: &Store) -> ChangeSet {
    s.all_records().unwrap()
}

fn people(n: usize, name: &str) -> ChangeSet {
    let mut c = ChangeSet::default();
    for i in 0..n {
        c.put_node(node(&format!("p{i:05}"), "Person", &format!("{name} {i}")));
    }
    c
}

macro_rules! store_suite {
    ($name:ident, $make:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn reads_back_what_was_written() {
                let (s, _dir) = $make;
                sample(&s);
                let all = records(&s);
                assert_eq!(all.nodes["izak"].as_ref().unwrap().display_name(), "Izak");
                assert_eq!(all.rels["r1"].as_ref().unwrap().start, "pantiukhin");
                let ids: Vec<&CompactString> = all.nodes.keys().collect();
                assert_eq!(ids, vec!["izak", "lcu", "pantiukhin"]);
                assert_eq!(all.rels.len(), 2);
                assert!(
                    s.raw_keys(keys::SEGMENT).unwrap().is_empty(),
                    "small commits write single keys"
                );
            }

            #[test]
            fn updates_and_deletes_replace_records() {
                let (s, _dir) = $make;
                sample(&s);
                let mut c = ChangeSet::default();
                c.put_node(node("izak", "Organization", "Izak group"));
                c.delete_rel("r1");
                commit(&s, &c);
                let all = records(&s);
                assert_eq!(
                    all.nodes["izak"].as_ref().unwrap().labels,
                    vec!["Organization"]
                );
                assert!(!all.rels.contains_key("r1"));
                assert_eq!(all.rels.len(), 1);
            }

            #[test]
            fn large_commits_land_whole_in_segments() {
                let (s, _dir) = $make;
                let mut calls = 0;
                s.commit(&people(3000, "Person"), &mut |_, _| calls += 1)
                    .unwrap();
                assert!(calls >= 1);
                let all = records(&s);
                assert_eq!(all.nodes.len(), 3000);
                assert!(!s.raw_keys(keys::SEGMENT).unwrap().is_empty());
                assert!(s.raw_keys(keys::NODE).unwrap().is_empty(), "no single keys");
                assert!(s.raw_keys(keys::UNDO).unwrap().is_empty());
            }

            #[test]
            fn bulk_commits_over_single_keys_read_back_exactly() {
                let (s, _dir) = $make;
                sample(&s);
                let mut c = people(25_000, "Bulk");
                c.put_node(node("izak", "Person", "Izak again"));
                for i in 0..3000 {
                    c.put_rel(rel(
                        &format!("b{i:05}"),
                        "ACCUSED",
                        &format!("p{i:05}"),
                        "izak",
                    ));
                }
                c.delete_rel("r1");
                commit(&s, &c);
                let all = records(&s);
                assert_eq!(all.nodes.len(), 25_000 + 3);
                assert_eq!(all.rels.len(), 3000 + 1);
                for (id, n) in &c.nodes {
                    assert_eq!(all.nodes.get(id).cloned().flatten(), n.clone(), "{id}");
                }
                for (id, r) in &c.rels {
                    assert_eq!(all.rels.get(id).cloned().flatten(), r.clone(), "{id}");
                }
                // The rewritten element's single key is gone; the others stay.
                assert_eq!(s.raw_keys(keys::NODE).unwrap().len(), 2);
            }

            /// With many single keys (more than an eighth of the commit),
            /// a bulk commit reads each element's own instead of listing them.
            #[test]
            fn bulk_commits_over_many_single_keys_read_back_exactly() {
                let (s, _dir) = $make;
                for part in 0..2 {
                    let mut c = ChangeSet::default();
                    for i in (part * 300)..(part * 300 + 300) {
                        c.put_node(node(&format!("p{i:05}"), "Person", "Single"));
                    }
                    commit(&s, &c);
                }
                assert_eq!(s.raw_keys(keys::NODE).unwrap().len(), 600);
                let mut c = people(3000, "Bulk");
                for i in 3000..3100 {
                    c.delete_node(&format!("p{i:05}"));
                }
                commit(&s, &c);
                let all = records(&s);
                assert_eq!(all.nodes.len(), 3000);
                for (id, n) in &c.nodes {
                    assert_eq!(all.nodes.get(id).cloned().flatten(), n.clone(), "{id}");
                }
                assert!(s.raw_keys(keys::NODE).unwrap().is_empty());
            }

            #[test]
            fn single_keys_override_segments_until_a_newer_segment() {
                let (s, _dir) = $make;
                s.commit(&people(3000, "Old"), &mut |_, _| {}).unwrap();
                let mut c = ChangeSet::default();
                c.put_node(node("p00001", "Person", "Changed"));
                c.delete_node("p00002");
                commit(&s, &c);
                let all = records(&s);
                assert_eq!(
                    all.nodes["p00001"].as_ref().unwrap().display_name(),
                    "Changed"
                );
                assert!(!all.nodes.contains_key("p00002"));
                assert_eq!(all.nodes.len(), 2999);
                assert_eq!(s.raw_keys(keys::NODE).unwrap().len(), 2);
                // A newer bulk commit rewrites them and drops their single keys.
                s.commit(&people(3000, "New"), &mut |_, _| {}).unwrap();
                let all = records(&s);
                assert_eq!(all.nodes.len(), 3000);
                assert_eq!(
                    all.nodes["p00001"].as_ref().unwrap().display_name(),
                    "New 1"
                );
                assert_eq!(
                    all.nodes["p00002"].as_ref().unwrap().display_name(),
                    "New 2"
                );
                assert!(s.raw_keys(keys::NODE).unwrap().is_empty());
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
fn a_database_closed_a_moment_ago_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    for i in 0..20u32 {
        let kv = SledKv::open(&path).unwrap_or_else(|e| panic!("open {i}: {e}"));
        kv.apply(&[(b"k".to_vec(), Some(i.to_be_bytes().to_vec()))])
            .unwrap();
        kv.flush().unwrap();
    }
}

#[test]
fn a_database_held_open_is_reported_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let _held = SledKv::open(&path).unwrap();
    let start = std::time::Instant::now();
    let err = SledKv::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::InUse(_)), "{err}");
    assert!(start.elapsed() >= crate::store::sled_kv::LOCK_WAIT);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

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
        msg.contains("format version 99") && msg.contains("reads version 2"),
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
    let err = s.all_records().expect_err("garbage must not decode");
    assert!(err.to_string().contains("corrupt record"), "{err}");
}

#[test]
fn segments_are_stored_compressed_and_plain_ones_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let bulk = people(3000, "Person");
    commit(&Store::open(&path, None).unwrap(), &bulk);
    let kv = SledKv::open(&path).unwrap();
    let stored = kv.scan_prefix(&[keys::SEGMENT]).unwrap();
    assert!(!stored.is_empty());
    let plain: Vec<Vec<u8>> = (stored.iter())
        .map(|(_, v)| segment::open(v).unwrap().into_owned())
        .collect();
    let stored_len: usize = stored.iter().map(|(_, v)| v.len()).sum();
    let plain_len: usize = plain.iter().map(Vec::len).sum();
    assert!(
        stored_len * 3 < plain_len,
        "{stored_len} bytes stored for {plain_len}"
    );
    // The segments as a prosopo before compression wrote them.
    let older: Vec<_> = (stored.iter().zip(plain))
        .map(|((k, _), v)| (k.clone(), Some(v)))
        .collect();
    kv.apply(&older).unwrap();
    kv.flush().unwrap();
    drop(kv);
    let s = Store::open(&path, None).unwrap();
    assert_eq!(s.all_records().unwrap(), bulk);
    drop(s);
    // A sealed segment cut short is reported, not read as fewer people.
    let kv = SledKv::open(&path).unwrap();
    let (k, v) = &stored[0];
    kv.apply(&[(k.clone(), Some(v[..v.len() / 2].to_vec()))])
        .unwrap();
    kv.flush().unwrap();
    drop(kv);
    let err = Store::open(&path, None).unwrap().all_records().unwrap_err();
    assert!(err.to_string().contains("segment"), "{err}");
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
