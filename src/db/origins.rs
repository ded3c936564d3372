//! Where each element of a draft was last given (put or deleted), for the
//! problems a validation reports: one table per kind, sorted by id, built
//! once the draft's writes are gathered (`super::gather`).

use super::problem::Origin;

/// The origins of one kind of element, by id.
#[derive(Default)]
pub struct Origins {
    by_id: Vec<(Box<str>, Origin)>,
}

impl Origins {
    /// The table of `by_id`, which is sorted by id, each id once.
    pub fn from_sorted(by_id: Vec<(Box<str>, Origin)>) -> Origins {
        debug_assert!(by_id.windows(2).all(|w| w[0].0 < w[1].0));
        Origins { by_id }
    }

    /// Where `id` was last given.
    pub fn get(&self, id: &str) -> Option<&Origin> {
        let at = self.by_id.binary_search_by(|(k, _)| k.as_ref().cmp(id));
        at.ok().map(|i| &self.by_id[i].1)
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
