//! Progress bars for long imports and exports: on a terminal only, never
//! with --quiet.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar that may be hidden.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar labelled `what`, shown only on a terminal and without `quiet`.
    pub fn new(quiet: bool, what: &str) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar.set_message(what.to_string());
        Progress { bar: Some(bar) }
    }

    /// A callback `(done, total)` for the store's commit.
    pub fn callback(&self) -> impl FnMut(usize, usize) + '_ {
        move |done, total| {
            if let Some(b) = &self.bar {
                b.set_length(total as u64);
                b.set_position(done as u64);
            }
        }
    }

    /// Sets the total.
    pub fn set_total(&self, total: usize) {
        if let Some(b) = &self.bar {
            b.set_length(total as u64);
        }
    }

    /// Advances by one.
    pub fn tick(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
