//! A draft: the writes of one change (an import, an entry, a write query),
//! in order, before they are gathered, checked and committed.

use super::{Item, Origin};

/// A set of writes to apply together.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    /// The writes after those of the runs, each with its origin.
    pub items: Vec<(Item, Origin)>,
    /// Writes read in bulk before `items`, in runs kept as they were
    /// parsed (a large JSONL file's lines, parsed on every core): moving
    /// them into one vector cost a bulk import a copy of every element,
    /// made on one core.
    runs: Vec<Vec<(Item, Origin)>>,
    /// Entries whose generated relationships (ids `ENTRY/...`) this draft
    /// replaces: those it does not write again are deleted.
    pub owners: Vec<String>,
}

impl Draft {
    /// Adds a run of writes after every write so far.
    pub fn append_run(&mut self, run: Vec<(Item, Origin)>) {
        if run.is_empty() {
            return;
        }
        if !self.items.is_empty() {
            let before = std::mem::take(&mut self.items);
            self.runs.push(before);
        }
        self.runs.push(run);
    }

    /// Number of writes.
    pub fn len(&self) -> usize {
        self.runs.iter().map(Vec::len).sum::<usize>() + self.items.len()
    }

    /// Whether there is no write.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every write with its origin, in order.
    pub fn writes(&self) -> impl Iterator<Item = &(Item, Origin)> {
        self.runs.iter().flatten().chain(&self.items)
    }

    /// Keeps the first `n` writes.
    pub fn truncate(&mut self, mut n: usize) {
        for (k, run) in self.runs.iter_mut().enumerate() {
            if n < run.len() {
                run.truncate(n);
                self.runs.truncate(k + usize::from(n > 0));
                self.items.clear();
                return;
            }
            n -= run.len();
        }
        self.items.truncate(n);
    }

    /// Takes the writes, in order: the runs and then the other items.
    pub(super) fn take_runs(&mut self) -> Vec<Vec<(Item, Origin)>> {
        let mut runs = std::mem::take(&mut self.runs);
        runs.push(std::mem::take(&mut self.items));
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(k: usize) -> (Item, Origin) {
        (Item::DeleteRel(format!("r{k}")), Origin::at("a", k))
    }

    fn lines(d: &Draft) -> Vec<usize> {
        d.writes().map(|(_, o)| o.line.unwrap_or(0)).collect()
    }

    /// Items 1..=9 given as: items 1, 2; a run 3..=5; an empty run; items
    /// 6; a run 7, 8; items 9.
    fn mixed() -> Draft {
        let mut d = Draft::default();
        d.items.extend([write(1), write(2)]);
        d.append_run((3..=5).map(write).collect());
        d.append_run(Vec::new());
        d.items.push(write(6));
        d.append_run(vec![write(7), write(8)]);
        d.items.push(write(9));
        d
    }

    #[test]
    fn runs_and_items_keep_the_order_they_were_given_in() {
        let d = mixed();
        assert_eq!(lines(&d), (1..=9).collect::<Vec<_>>());
        assert_eq!(d.len(), 9);
        let taken: Vec<usize> = (d.clone().take_runs().into_iter().flatten())
            .map(|(_, o)| o.line.unwrap_or(0))
            .collect();
        assert_eq!(taken, lines(&d));
        assert!(Draft::default().is_empty());
    }

    #[test]
    fn truncating_keeps_the_first_writes_wherever_the_cut_falls() {
        for n in 0..=10 {
            let mut d = mixed();
            d.truncate(n);
            assert_eq!(lines(&d), (1..=n.min(9)).collect::<Vec<_>>(), "cut at {n}");
            assert_eq!(d.len(), n.min(9));
            // Writes added after a cut follow it.
            d.items.push(write(42));
            assert_eq!(lines(&d).last(), Some(&42));
            assert_eq!(d.len(), n.min(9) + 1);
        }
    }
}
