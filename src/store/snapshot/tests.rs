//! The read file answers every read exactly as the store does, an update
//! after a commit gives the bytes of a full rebuild, and damaged bytes give
//! errors, never panics.

use super::build::{self, Meta};
use super::{files, Snapshot};
use crate::model::{Node, Rel, Schema};
use crate::store::{ChangeSet, Direction, GraphRead, Store};
use compact_str::CompactString;
use std::collections::BTreeSet;

fn meta(generation: u64) -> Meta {
    Meta {
        schema: Schema::Prosopography,
        generation,
        next_node: 1,
        next_rel: 1,
    }
}

fn bundled_store() -> Store {
    let db = crate::bundled::memory_database();
    let all = db.store().unwrap().all_records().unwrap();
    let store = Store::memory(Schema::Prosopography);
    store.commit(&all, &mut |_, _| {}).unwrap();
    store
}

/// The reference answers: the records scanned one by one (an overlay of
/// every record over an empty image).
fn with_oracle(store: &Store, f: impl FnOnce(&dyn GraphRead)) {
    let empty = Snapshot::in_memory(None, &ChangeSet::default(), &meta(0)).unwrap();
    let all = store.all_records().unwrap();
    f(&crate::db::overlay::Overlay::new(&empty, &all));
}

fn write(dir: &std::path::Path, old: Option<&Snapshot>, changes: &ChangeSet, g: u64) -> Snapshot {
    let plan = build::plan(old, changes).unwrap();
    files::replace(dir, plan, &meta(g)).unwrap()
}

/// The bytes of a read file built at once from `all` (generation 2).
fn rebuilt(all: &ChangeSet) -> Vec<u8> {
    build::write(
        build::plan(None, all).unwrap(),
        &meta(2),
        std::io::Cursor::new(Vec::new()),
    )
    .unwrap()
    .into_inner()
}

/// `a`'s adjacency in the store's order: by type, then relationship id.
fn sorted(mut v: Vec<crate::store::Adjacent>) -> Vec<crate::store::Adjacent> {
    v.sort_by(|x, y| (&x.rel_type, &x.rel).cmp(&(&y.rel_type, &y.rel)));
    v
}

/// Every read of `a` (the reference) and `b` agrees.
fn same_answers(a: &dyn GraphRead, b: &dyn GraphRead) {
    let nodes = a.node_ids().unwrap();
    assert_eq!(nodes, b.node_ids().unwrap());
    assert_eq!(a.rel_ids().unwrap(), b.rel_ids().unwrap());
    let mut labels = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for id in &nodes {
        let n = a.node(id).unwrap().unwrap();
        assert_eq!(Some(&n), b.node(id).unwrap().as_ref());
        labels.extend(n.labels.clone());
        let mut own = n.labels.clone();
        own.sort();
        own.dedup();
        assert_eq!(b.node_labels(id).unwrap(), Some(own));
        keys.extend(n.name_keys());
        for dir in [Direction::Out, Direction::In] {
            assert_eq!(
                sorted(a.adjacent(id, dir, None).unwrap()),
                b.adjacent(id, dir, None).unwrap()
            );
            for t in ["ACCUSED", "PARTICIPATED_IN", "CITES", "NOPE"] {
                assert_eq!(
                    sorted(a.adjacent(id, dir, Some(t)).unwrap()),
                    b.adjacent(id, dir, Some(t)).unwrap(),
                    "{id} {dir:?} {t}"
                );
            }
        }
    }
    let mut types = BTreeSet::new();
    for id in a.rel_ids().unwrap() {
        let r = a.rel(&id).unwrap().unwrap();
        assert_eq!(Some(&r), b.rel(&id).unwrap().as_ref());
        types.insert(r.rel_type);
    }
    labels.insert("Nope".into());
    types.insert("NOPE".into());
    keys.insert("nobody".into());
    for l in &labels {
        assert_eq!(
            a.node_ids_with_label(l).unwrap(),
            b.node_ids_with_label(l).unwrap()
        );
    }
    for t in &types {
        assert_eq!(
            a.rel_ids_with_type(t).unwrap(),
            b.rel_ids_with_type(t).unwrap()
        );
    }
    for k in &keys {
        assert_eq!(
            a.node_ids_with_name_key(k).unwrap(),
            b.node_ids_with_name_key(k).unwrap(),
            "{k}"
        );
    }
    assert!(a.node("nobody").unwrap().is_none() && b.node("nobody").unwrap().is_none());
    assert_eq!(b.node_labels("nobody").unwrap(), None);
    assert!(a
        .adjacent("nobody", Direction::Out, None)
        .unwrap()
        .is_empty());
}

/// The facts column gives every element's date bounds and flags as its
/// record does.
fn same_facts(snap: &Snapshot) {
    let expect = |props: &crate::model::Props| match props.get("date") {
        Some(crate::model::Value::Date(d)) => super::Bounds::Known(d.earliest(), d.latest()),
        _ => super::Bounds::Unknown,
    };
    let mut known = 0;
    for i in 0..snap.node_count() as u32 {
        let n = snap.node_at(i, None).unwrap();
        assert_eq!(snap.node_bounds(i).unwrap(), expect(&n.props), "{}", n.id);
        let id_prop = n.props.get("id").is_some();
        assert_eq!(snap.node_has_id_prop(i).unwrap(), id_prop, "{}", n.id);
        known += usize::from(n.props.get("date").is_some());
    }
    for i in 0..snap.rel_count() as u32 {
        let r = snap.rel_at(i, None).unwrap();
        assert_eq!(snap.rel_bounds(i).unwrap(), expect(&r.props), "{}", r.id);
        known += usize::from(r.props.get("date").is_some());
    }
    same_ranks(snap);
    assert!(known >= 3, "the bundled data has dated elements");
    let past = (snap.node_count() + snap.rel_count()) as u32;
    assert!(snap.rel_bounds(past).is_err(), "out of range is an error");
    let past_nodes = snap.node_count() as u32;
    assert!(
        snap.node_bounds(past_nodes).is_err(),
        "so is a node past the nodes"
    );
}

/// Every element's date rank places its stored date (none without one):
/// the ranks compare as the dates do, and the file's dates are exactly the
/// distinct dates of its elements, in order.
fn same_ranks(snap: &Snapshot) {
    use super::facts::date_of;
    let mut ranked = Vec::new();
    for i in 0..snap.node_count() as u32 {
        let n = snap.node_at(i, None).unwrap();
        ranked.push((snap.node_date_rank(i).unwrap(), n.props.clone()));
    }
    for i in 0..snap.rel_count() as u32 {
        let r = snap.rel_at(i, None).unwrap();
        ranked.push((snap.rel_date_rank(i).unwrap(), r.props.clone()));
    }
    let mut dated: Vec<(u32, &crate::date::Edtf)> = Vec::new();
    for (rank, props) in &ranked {
        assert_eq!(rank.is_some(), date_of(props).is_some(), "{props:?}");
        if let (Some(r), Some(d)) = (rank, date_of(props)) {
            assert_eq!(&snap.date_at_rank(*r).unwrap(), d);
            assert_eq!(snap.date_text(*r).unwrap(), d.to_string());
            dated.push((*r, d));
        }
    }
    dated.sort_by_key(|(r, _)| *r);
    for w in dated.windows(2) {
        assert_eq!(w[0].0.cmp(&w[1].0), w[0].1.cmp(w[1].1), "{w:?}");
    }
    let mut distinct: Vec<u32> = dated.iter().map(|(r, _)| *r).collect();
    distinct.dedup();
    let all: Vec<u32> = (0..snap.date_count() as u32).collect();
    assert_eq!(distinct, all, "every date of the file is used, once");
    assert!(
        snap.date_at_rank(all.len() as u32).is_err(),
        "past the dates"
    );
}

/// Ranks stay in step through updates that add dates between the old
/// ones, drop the last use of some, keep equal dates on many elements and
/// tie on bounds (`1937` and `1937?`), and each update gives the bytes of
/// a rebuild.
#[test]
fn date_ranks_follow_every_update_as_a_rebuild_gives_them() {
    use crate::model::Value;
    let texts = [
        "1937",
        "1937?",
        "1937~",
        "1936-05",
        "1938-01-02",
        "1930/1940",
        "../1935",
        "1931-11?",
        "[1932,1934]",
        "1937-XX",
        "1929",
    ];
    let dated = |id: String, k: usize| -> Node {
        let mut n = Node {
            id: id.into(),
            labels: vec!["Event".into()],
            ..Node::default()
        };
        if k % 7 != 3 {
            let d = crate::date::Edtf::parse(texts[k % texts.len()]).unwrap();
            n.props.insert("date".into(), Value::date(d));
        } else {
            n.props.insert("date".into(), Value::Str("unknown".into()));
        }
        n
    };
    let dir = tempfile::tempdir().unwrap();
    let mut all = ChangeSet::default();
    let mut snap = write(dir.path(), None, &all, 1);
    let mut seed = 7u64;
    for round in 0..12 {
        let mut c = ChangeSet::default();
        for j in 0..20 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = (seed >> 33) as usize;
            let id = format!("e{:02}", k % 40);
            if j % 5 == 4 && all.nodes.get(id.as_str()).is_some_and(Option::is_some) {
                c.delete_node(&id);
            } else {
                // Early rounds use the first dates only, so later ones
                // add dates before, between and after them.
                c.put_node(dated(id, k % (3 + round)));
            }
        }
        c.put_rel(Rel {
            id: format!("r{round}").into(),
            rel_type: "AT".into(),
            start: c
                .nodes
                .iter()
                .find_map(|(_, n)| n.as_ref())
                .unwrap()
                .id
                .clone(),
            end: c
                .nodes
                .iter()
                .find_map(|(_, n)| n.as_ref())
                .unwrap()
                .id
                .clone(),
            props: dated("x".into(), round + 1).props,
            ..Rel::default()
        });
        // Relationships whose ends are deleted go too.
        for (id, r) in &all.rels {
            let end_gone = |e: &CompactString| matches!(c.nodes.get(e), Some(None));
            if r.as_ref()
                .is_some_and(|r| end_gone(&r.start) || end_gone(&r.end))
            {
                c.delete_rel(id);
            }
        }
        for (id, n) in &c.nodes {
            all.nodes.insert(id.clone(), n.clone());
        }
        for (id, r) in &c.rels {
            all.rels.insert(id.clone(), r.clone());
        }
        all.nodes.retain(|_, n| n.is_some());
        all.rels.retain(|_, r| r.is_some());
        snap = write(dir.path(), Some(&snap), &c, 2);
        assert_eq!(snap.bytes(), &rebuilt(&all)[..], "round {round}");
        same_ranks(&snap);
    }
    assert!(
        snap.date_count() >= 8,
        "most dates in use: {}",
        snap.date_count()
    );
}

#[test]
fn answers_every_read_as_the_store_does() {
    let store = bundled_store();
    let dir = tempfile::tempdir().unwrap();
    let snap = write(dir.path(), None, &store.all_records().unwrap(), 1);
    assert!(snap.body_ok());
    assert_eq!(snap.meta(), meta(1));
    with_oracle(&store, |o| same_answers(o, &snap));
    same_facts(&snap);
}

#[test]
fn a_bulk_plan_finds_every_end_by_hash_as_the_store_does() {
    let store = bundled_store();
    let all = store.all_records().unwrap();
    let ids: Vec<&CompactString> = all.nodes.keys().collect();
    let mut c = ChangeSet::default();
    for i in 0..5000 {
        c.put_rel(Rel {
            pos: None,
            id: format!("bulk{i:05}").into(),
            rel_type: "RELATED_TO".into(),
            start: ids[i % ids.len()].clone(),
            end: ids[(i * 7 + 3) % ids.len()].clone(),
            props: Default::default(),
        });
    }
    store.commit(&c, &mut |_, _| {}).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let snap = write(dir.path(), None, &store.all_records().unwrap(), 1);
    with_oracle(&store, |o| same_answers(o, &snap));
}

/// A file planned from one change set large enough for the plan's work on
/// two cores has the bytes of one built up by changes small enough for one.
#[test]
fn a_plan_on_two_cores_gives_the_bytes_of_plans_on_one() {
    let half = crate::parallel::TWO_CORES / 2 + 500;
    let mut people = Vec::new();
    for i in 0..2 * half {
        let mut props = crate::model::Props::new();
        let name = format!("Иван Petrov-{} {}", i % 50, i % 7);
        props.insert("name".into(), crate::model::Value::Str(name.into()));
        props.insert(
            "date".into(),
            crate::model::Value::date(crate::date::Edtf::parse("1931-11?").unwrap()),
        );
        people.push(Node {
            id: format!("p{:05}", (i * 7919) % (2 * half)).into(),
            labels: vec!["Person".into(), ["A", "B", "C"][i % 3].into()],
            props,
            pos: None,
        });
    }
    let ids: Vec<CompactString> = people.iter().map(|n| n.id.clone()).collect();
    let rels: Vec<Rel> = (0..2 * half)
        .map(|i| Rel {
            pos: None,
            id: format!("r{:05}", (i * 104_729) % (2 * half)).into(),
            rel_type: ["ACCUSED", "RELATED_TO"][i % 2].into(),
            start: ids[i].clone(),
            end: ids[(i * 31 + 5) % ids.len()].clone(),
            props: Default::default(),
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut all = ChangeSet::default();
    let mut snap = write(dir.path(), None, &all, 1);
    for part in [
        (&people[..half], &rels[..0]),
        (&people[half..], &rels[..half]),
        (&[][..], &rels[half..]),
    ] {
        let mut c = ChangeSet::default();
        for n in part.0 {
            c.put_node(n.clone());
        }
        for r in part.1 {
            c.put_rel(r.clone());
        }
        assert!(c.nodes.len().max(c.rels.len()) < crate::parallel::TWO_CORES);
        all.nodes.extend(c.nodes.clone());
        all.rels.extend(c.rels.clone());
        snap = write(dir.path(), Some(&snap), &c, 2);
    }
    assert!(all.nodes.len() > crate::parallel::TWO_CORES);
    let at_once = rebuilt(&all);
    assert_eq!(snap.bytes(), &at_once[..]);
    same_facts(&snap);
}

/// A relationship whose end is missing is an error naming the end, found
/// one at a time or among many.
#[test]
fn a_plan_refuses_a_relationship_to_a_missing_node() {
    for n in [3, crate::parallel::TWO_CORES + 10] {
        let mut c = ChangeSet::default();
        c.put_node(Node {
            id: "a".into(),
            ..Node::default()
        });
        for i in 0..n {
            c.put_rel(Rel {
                id: format!("r{i:06}").into(),
                rel_type: "KNEW".into(),
                start: "a".into(),
                end: if i == n - 1 { "nowhere" } else { "a" }.into(),
                ..Rel::default()
            });
        }
        let err = build::plan(None, &c).err().expect("a missing end");
        assert!(err.to_string().contains("'nowhere'"), "{err}");
    }
}

fn some_changes(store: &Store) -> ChangeSet {
    let mut c = ChangeSet::default();
    let all = store.all_records().unwrap();
    let get = |id: &str| all.nodes[id].clone().unwrap();
    let mut izak: Node = get("izak");
    izak.labels.push("Student".into());
    izak.props
        .insert("name".into(), crate::model::Value::Str("Izak, A.".into()));
    izak.props
        .insert("id".into(), crate::model::Value::Str("shadow".into()));
    izak.props.insert(
        "date".into(),
        crate::model::Value::date(crate::date::Edtf::parse("1931-11?").unwrap()),
    );
    c.put_node(izak);
    let mut aaa = get("dmitriev");
    aaa.id = "aaa-first".into();
    c.put_node(aaa);
    let mut zzz = get("dmitriev");
    zzz.id = "zzz-last".into();
    c.put_node(zzz);
    let rel_ids: Vec<&CompactString> = all.rels.keys().collect();
    c.delete_rel(rel_ids[0]);
    let some: Rel = all.rels[rel_ids[3]].clone().unwrap();
    c.put_rel(Rel {
        pos: None,
        id: "new-rel".into(),
        rel_type: "RELATED_TO".into(),
        start: "zzz-last".into(),
        end: "aaa-first".into(),
        props: some.props.clone(),
    });
    let mut moved = some;
    moved.end = "aaa-first".into();
    c.put_rel(moved);
    c
}

#[test]
fn an_update_gives_the_bytes_of_a_rebuild() {
    let store = bundled_store();
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), None, &store.all_records().unwrap(), 1);
    let changes = some_changes(&store);
    store.commit(&changes, &mut |_, _| {}).unwrap();
    let updated = write(dir.path(), Some(&old), &changes, 2);
    // Records kept from the old file and records encoded as written, in
    // one table whose checksum is worked out out of order.
    assert!(updated.body_ok());
    with_oracle(&store, |o| same_answers(o, &updated));
    same_facts(&updated);
    let izak = updated.node_index("izak").unwrap().unwrap() as u32;
    assert!(matches!(
        updated.node_bounds(izak).unwrap(),
        super::Bounds::Known(Some(_), Some(_))
    ));
    assert!(updated.node_has_id_prop(izak).unwrap());
    assert_eq!(updated.bytes(), &rebuilt(&store.all_records().unwrap())[..]);
}

#[test]
fn a_deleted_node_leaves_no_trace() {
    let store = bundled_store();
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), None, &store.all_records().unwrap(), 1);
    let mut c = ChangeSet::default();
    for dir in [Direction::Out, Direction::In] {
        for adj in old.adjacent("izak", dir, None).unwrap() {
            c.delete_rel(&adj.rel);
        }
    }
    c.delete_node("izak");
    store.commit(&c, &mut |_, _| {}).unwrap();
    let updated = write(dir.path(), Some(&old), &c, 2);
    with_oracle(&store, |o| same_answers(o, &updated));
    assert!(updated.node_ids_with_name_key("izak").unwrap().is_empty());
}

#[test]
fn damaged_files_are_errors_not_panics() {
    let store = bundled_store();
    let dir = tempfile::tempdir().unwrap();
    let snap = write(dir.path(), None, &store.all_records().unwrap(), 1);
    let good = snap.bytes().to_vec();
    drop(snap);
    let path = files::path(dir.path());
    for cut in [0, 10, super::layout::HEADER_LEN - 1, good.len() - 1] {
        std::fs::write(&path, &good[..cut]).unwrap();
        assert!(Snapshot::open(&path).is_err(), "cut at {cut}");
    }
    // Flip bytes all over the body: the header still opens, the body check
    // fails, and every read returns (an answer or an error) without panicking.
    let mut seen_bad_body = 0;
    for (i, at) in (super::layout::HEADER_LEN..good.len())
        .step_by(97)
        .enumerate()
    {
        let mut bad = good.clone();
        bad[at] ^= 0x5a + (i as u8 % 7);
        std::fs::write(&path, &bad).unwrap();
        let Ok(s) = Snapshot::open(&path) else {
            continue;
        };
        if !s.body_ok() {
            seen_bad_body += 1;
        }
        let _ = s.node_ids();
        let _ = s.rel_ids();
        for id in ["izak", "fedchenko", "halfin2009"] {
            let _ = s.node(id);
            let _ = s.adjacent(id, Direction::Out, Some("ACCUSED"));
            let _ = s.adjacent(id, Direction::In, None);
        }
        let _ = s.node_ids_with_label("Person");
        let _ = s.rel_ids_with_type("ACCUSED");
        let _ = s.node_ids_with_name_key("izak");
        let _ = build::plan(Some(&s), &ChangeSet::default());
    }
    assert!(seen_bad_body > 10);
    // A header byte changed: refused by the header checksum.
    let mut bad = good.clone();
    bad[super::layout::field::GENERATION] ^= 1;
    std::fs::write(&path, &bad).unwrap();
    assert!(Snapshot::open(&path).is_err());
}
