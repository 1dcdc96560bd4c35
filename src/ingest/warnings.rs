//! The per-file list of problems, bounded.
//!
//! A 1M-row export with one bad column would otherwise carry a million
//! identical warnings into the UI. Each *kind* of problem keeps its first
//! [`PER_KIND`] occurrences with line and column; the rest are counted and
//! summarised in one closing warning, so nothing is hidden and the report
//! stays readable.

use std::collections::BTreeMap;

use crate::dataset::Warning;

pub const PER_KIND: u32 = 100;

#[derive(Default)]
pub struct Warnings {
    list: Vec<Warning>,
    seen: BTreeMap<&'static str, u32>,
}

impl Warnings {
    /// Records a problem of kind `kind`; `message` is only built if kept.
    pub fn push(&mut self, kind: &'static str, line: u32, column: u32, message: impl FnOnce() -> String) {
        let seen = self.seen.entry(kind).or_default();
        *seen += 1;
        if *seen <= PER_KIND {
            self.list.push(Warning { line, column, message: message() });
        }
    }

    /// A whole-file note (line 0); never capped.
    pub fn note(&mut self, column: u32, message: String) {
        self.list.push(Warning { line: 0, column, message });
    }

    pub fn finish(mut self) -> Vec<Warning> {
        for (kind, &count) in &self.seen {
            if count > PER_KIND {
                self.list.push(Warning {
                    line: 0,
                    column: 0,
                    message: format!("{} more warnings like \"{kind}\" were not listed", count - PER_KIND),
                });
            }
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_per_kind_and_counts_the_rest() {
        let mut w = Warnings::default();
        for line in 0..250 {
            w.push("bad date", line, 1, || "x".into());
        }
        w.push("other", 3, 2, || "y".into());
        let list = w.finish();
        assert_eq!(list.len(), PER_KIND as usize + 2);
        assert!(list.last().unwrap().message.starts_with("150 more"));
    }
}
