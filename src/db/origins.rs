//! Where each element of a draft came from, for the problems a validation
//! reports: one hash map per kind, keyed by id.

use super::problem::Origin;
use foldhash::{HashMap, HashMapExt};

#[derive(Default)]
struct Given {
    /// Where the element was last given (put or deleted).
    last: Origin,
    /// Where it was last put, for a duplicate id.
    put: Option<Origin>,
}

/// The origins of one kind of element.
#[derive(Default)]
pub struct Origins {
    by_id: HashMap<String, Given>,
}

impl Origins {
    /// Room for `n` elements.
    pub fn with_capacity(n: usize) -> Origins {
        Origins {
            by_id: HashMap::with_capacity(n),
        }
    }

    /// The element `id` is put at `origin`; returns where it was put
    /// before, if it was (a duplicate).
    pub fn put(&mut self, id: &str, origin: Origin) -> Option<Origin> {
        let given = self.entry(id);
        given.last = origin.clone();
        given.put.replace(origin)
    }

    /// The element `id` is deleted at `origin`.
    pub fn delete(&mut self, id: &str, origin: Origin) {
        self.entry(id).last = origin;
    }

    fn entry(&mut self, id: &str) -> &mut Given {
        // One lookup; ids are given once but for the rare duplicate.
        self.by_id.entry(id.to_string()).or_default()
    }

    /// Where `id` was last given.
    pub fn get(&self, id: &str) -> Option<&Origin> {
        self.by_id.get(id).map(|g| &g.last)
    }

    /// Says where `id` came from in its `problems` that do not say yet.
    pub fn place(&self, id: &str, problems: &mut [crate::db::Problem]) {
        if problems.is_empty() {
            return;
        }
        let origin = self.get(id);
        for p in problems.iter_mut().filter(|p| p.origin.is_none()) {
            p.origin = origin.cloned();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_origin_is_kept_and_a_second_put_is_a_duplicate() {
        let mut o = Origins::default();
        assert_eq!(o.put("izak", Origin::at("a.jsonl", 1)), None);
        o.delete("izak", Origin::at("a.jsonl", 2));
        assert_eq!(o.get("izak"), Some(&Origin::at("a.jsonl", 2)));
        // A put after a delete is still a second put of the id.
        assert_eq!(
            o.put("izak", Origin::at("a.jsonl", 3)),
            Some(Origin::at("a.jsonl", 1))
        );
        assert_eq!(o.get("izak"), Some(&Origin::at("a.jsonl", 3)));
        o.delete("gone", Origin::at("b.jsonl", 9));
        assert_eq!(o.put("gone", Origin::at("b.jsonl", 10)), None);
        assert_eq!(o.get("nobody"), None);
    }
}
