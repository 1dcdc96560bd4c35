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

pub struct Mark {
    len: usize,
    seen: BTreeMap<&'static str, u32>,
}

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

    /// Where the list stands, to [`Warnings::rewind`] to or insert notes at.
    pub fn mark(&self) -> Mark {
        Mark { len: self.list.len(), seen: self.seen.clone() }
    }

    /// Forgets everything pushed since `mark` (a pass that is read again).
    pub fn rewind(&mut self, mark: &Mark) {
        self.list.truncate(mark.len);
        self.seen = mark.seen.clone();
    }

    /// Whole-file notes placed where `mark` was taken, before the row
    /// warnings that followed it.
    pub fn notes_at(&mut self, mark: &Mark, notes: impl IntoIterator<Item = (u32, String)>) {
        let notes = notes.into_iter().map(|(column, message)| Warning { line: 0, column, message });
        self.list.splice(mark.len..mark.len, notes);
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

/// Text quoted in a warning (a cell, a header) is cut so a runaway value
/// cannot flood the UI or multiply memory by the number of warnings.
pub fn truncate(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
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

    #[test]
    fn rewinds_to_a_mark_and_inserts_notes_there() {
        let mut w = Warnings::default();
        w.note(0, "first".into());
        let mark = w.mark();
        for line in 0..150 {
            w.push("bad date", line, 1, || "x".into());
        }
        w.rewind(&mark);
        w.push("bad date", 7, 1, || "again".into());
        w.notes_at(&mark, [(2, "decided".to_string())]);
        let list = w.finish();
        let messages: Vec<&str> = list.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages, ["first", "decided", "again"], "the rewound pushes are not counted either");
    }
}
