//! Differential: random operation sequences on the sled store and the
//! memory store leave the same records (every index is built from them,
//! in the read file).
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use prosopo::model::Value;
use prosopo::store::{ChangeSet, Store};
use prosopo::{Node, Rel, Schema};

#[derive(Arbitrary, Debug)]
enum Op {
    PutNode { id: u8, label: u8, name: u8 },
    PutRel { id: u8, t: u8, start: u8, end: u8 },
    DeleteNode(u8),
    DeleteRel(u8),
}

const LABELS: [&str; 3] = ["Person", "Event", "Place"];
const TYPES: [&str; 2] = ["ACCUSED", "AT"];
const NAMES: [&str; 4] = ["Izak", "Пантюхин", "Pantyukhin", "Dmitriev Izak"];

fn apply(s: &Store, ops: &[Op]) {
    for chunk in ops.chunks(7) {
        let mut c = ChangeSet::default();
        for op in chunk {
            match op {
                Op::PutNode { id, label, name } => {
                    let mut props = prosopo::model::Props::new();
                    props.insert("name".into(), Value::Str(NAMES[*name as usize % 4].into()));
                    c.put_node(Node { id: format!("n{}", id % 16).into(), labels: vec![LABELS[*label as usize % 3].into()], props, pos: None });
                }
                Op::PutRel { id, t, start, end } => c.put_rel(Rel {
                    id: format!("r{}", id % 16).into(),
                    rel_type: TYPES[*t as usize % 2].into(),
                    start: format!("n{}", start % 16).into(),
                    end: format!("n{}", end % 16).into(),
                    props: Default::default(),
                    pos: None,
                }),
                Op::DeleteNode(id) => c.delete_node(&format!("n{}", id % 16)),
                Op::DeleteRel(id) => c.delete_rel(&format!("r{}", id % 16)),
            }
        }
        s.commit(&c, &mut |_, _| {}).unwrap();
    }
}

fn snapshot(s: &Store) -> String {
    format!("{:?}", s.all_records().unwrap())
}

fuzz_target!(|ops: Vec<Op>| {
    let mem = Store::memory(Schema::Open);
    let dir = tempfile::tempdir().unwrap();
    let sled = Store::open(&dir.path().join("db"), Some(Schema::Open)).unwrap();
    apply(&mem, &ops);
    apply(&sled, &ops);
    assert_eq!(snapshot(&mem), snapshot(&sled));
});
