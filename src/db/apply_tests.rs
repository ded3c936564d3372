//! A large draft is validated on two cores; its problems come out whole,
//! in order, each with where it came from, exactly as one core gives them.

use super::*;
use crate::model::Props;

fn bulk(rels: usize, missing_at: &[usize]) -> Draft {
    let file = "bulk.jsonl";
    let mut items = Vec::new();
    for i in 0..1000 {
        let n = Node {
            id: format!("n{i:03}").into(),
            labels: vec!["Person".into()],
            ..Node::default()
        };
        items.push((Item::Node(n), Origin::at(file, i + 1)));
    }
    for i in 0..rels {
        let end = if missing_at.contains(&i) {
            "missing".to_string()
        } else {
            format!("n{:03}", (i + 1) % 1000)
        };
        let r = Rel {
            pos: None,
            id: format!("r{i:05}").into(),
            rel_type: "KNEW".into(),
            start: format!("n{:03}", i % 1000).into(),
            end: end.into(),
            props: Props::new(),
        };
        items.push((Item::Rel(r), Origin::at(file, 1000 + i + 1)));
    }
    let mut draft = Draft::default();
    draft.items = items;
    draft
}

fn problems(draft: Draft) -> Vec<Problem> {
    let db = Database::memory(Schema::Open);
    match db.apply(draft, true, &mut |_, _| {}) {
        Err(DbError::Data(DataError(p))) => p,
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn problems_of_a_large_draft_come_in_order_with_their_origins() {
    // Both sides of the split have problems: 1,000 nodes and 60,000
    // relationships are cut after relationship 29,500, half the elements.
    let missing = [7, 29_499, 29_500, 29_501, 59_998];
    let found = problems(bulk(60_000, &missing));
    let got: Vec<(Option<String>, Option<usize>)> = found
        .iter()
        .map(|p| (p.element.clone(), p.origin.as_ref().and_then(|o| o.line)))
        .collect();
    let want: Vec<(Option<String>, Option<usize>)> = missing
        .iter()
        .map(|&i| (Some(format!("r{i:05}")), Some(1000 + i + 1)))
        .collect();
    assert_eq!(got, want);
    // One core (a draft under the two-core size) reports the same way.
    let one = problems(bulk(20_000, &[7, 19_999]));
    let lines: Vec<Option<usize>> = one
        .iter()
        .map(|p| p.origin.as_ref().and_then(|o| o.line))
        .collect();
    assert_eq!(lines, vec![Some(1008), Some(21_000)]);
    // The same relationship gives the same problem, message and origin, on
    // either path.
    assert_eq!(found[0], one[0]);
}
