//! The resource budget of ingest: every size a hostile or unlucky file
//! controls has a limit, so no file can freeze the tab or exhaust memory.
//!
//! Whole-file limits (header size, column count) refuse the file; per-cell
//! and per-row limits cut or skip with a warning that names line and column,
//! and the rest of the file is read. Each value sits far above anything a
//! supported tool exports (docs/ingest.md, "Limits", says why each is where
//! it is). The defaults are the app's; tests shrink them to reach a limit
//! with small inputs.

use chrono::{NaiveDate, NaiveDateTime};

/// The budget one file is read within. See the associated constants for
/// the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one cell; a longer cell is cut to this (warning).
    pub cell_bytes: usize,
    /// Bytes of the header row; a longer header refuses the file.
    pub header_bytes: usize,
    /// Columns of the header row; more refuses the file.
    pub columns: usize,
    /// Data rows read per file; later rows are counted and skipped (warning).
    pub rows: u64,
    /// Bytes of rows reserved ahead per byte of input, at most.
    pub reserve_per_input_byte: usize,
    /// Bytes of rows reserved ahead for one file, at most.
    pub reserve_bytes: usize,
}

impl Limits {
    /// Excel and Jira stop a cell at 32,767 characters (128 KB of UTF-8 at
    /// worst), GitHub a PR body at 65,536: 1 MiB is far beyond any of them.
    pub const CELL_BYTES: usize = 1 << 20;
    /// A Jira "all fields" export with thousands of custom fields has a
    /// header of a few hundred kilobytes.
    pub const HEADER_BYTES: usize = 1 << 20;
    /// Jira repeats `Comment`, `Watchers`, `Attachment` and `Sprint` once
    /// per value of the busiest issue, on top of every custom field.
    pub const COLUMNS: usize = 10_000;
    /// A 200 MB `gh` export is 1.7 million pull requests; five million rows
    /// of one file are about as much as a tab's 4 GiB can hold.
    pub const ROWS: u64 = 5_000_000;
    /// The most bytes one drop (or pick) of files may hold in total. A larger
    /// drop is refused before anything is read: reading copies each file into
    /// wasm memory (4 GiB at most, shared with the dataset and the model), so
    /// past this the tab risks running out of memory. 1 GiB leaves room for
    /// the 200 MB exports teamdiff is tested with, several at once. Enforced
    /// by the page's journal (`engine::journal`), which sees the drop whole.
    pub const DROP_BYTES: u64 = 1 << 30;
    /// JSON nesting depth, distinct keys and key length: the JSON reader's
    /// own limits, defined (and argued for) next to the scan that enforces
    /// them, and listed here so the whole budget is in one place.
    pub const JSON_DEPTH: usize = super::json::MAX_JSON_DEPTH;
    pub const JSON_COLUMNS: usize = super::json::MAX_JSON_COLUMNS;
    pub const JSON_KEY_BYTES: usize = super::json::MAX_JSON_KEY_BYTES;
    /// A typed row costs two to three times its CSV text; four leaves room
    /// for the estimate being a little low without trusting it blindly.
    pub const RESERVE_PER_INPUT_BYTE: usize = 4;
    /// Beyond this a vector grows by doubling like any other.
    pub const RESERVE_BYTES: usize = 1 << 30;

    /// The first and last plausible dates. Work data from before the Unix
    /// epoch or after 2100 is a typo or a sentinel (year 10, 9999-12-31),
    /// and a single one would stretch every timeline to thousands of years.
    pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
        Some(date) => date,
        None => panic!("a valid date"),
    };
    pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
        Some(date) => date,
        None => panic!("a valid date"),
    };

    /// Whether `t` falls in the plausible date window.
    pub fn plausible(t: NaiveDateTime) -> bool {
        (Limits::FIRST_DATE..=Limits::LAST_DATE).contains(&t.date())
    }

    /// How many rows of `row_size` bytes may be reserved ahead for an input
    /// of `input_bytes`, given an `estimate` from the rows seen so far: the
    /// estimate is a guess (tiny rows then one huge cell make it huge), so
    /// it is capped by the input's size and by an absolute budget.
    pub fn reservable_rows(&self, estimate: usize, input_bytes: usize, row_size: usize) -> usize {
        let bytes = input_bytes.saturating_mul(self.reserve_per_input_byte).min(self.reserve_bytes);
        estimate.min(bytes / row_size.max(1)).min(usize::try_from(self.rows).unwrap_or(usize::MAX))
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            cell_bytes: Limits::CELL_BYTES,
            header_bytes: Limits::HEADER_BYTES,
            columns: Limits::COLUMNS,
            rows: Limits::ROWS,
            reserve_per_input_byte: Limits::RESERVE_PER_INPUT_BYTE,
            reserve_bytes: Limits::RESERVE_BYTES,
        }
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a
/// character boundary.
pub fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservation_follows_the_bytes_not_the_guess() {
        let limits = Limits::default();
        assert_eq!(limits.reservable_rows(1000, 1 << 20, 100), 1000, "a sane estimate is kept");
        assert_eq!(limits.reservable_rows(usize::MAX, 1000, 100), 40, "at most 4 bytes per input byte");
        assert_eq!(limits.reservable_rows(usize::MAX, usize::MAX, 1 << 10), 1 << 20, "at most 1 GiB");
    }

    #[test]
    fn the_date_window_is_inclusive() {
        let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap();
        assert!(Limits::plausible(at(1970, 1, 1)));
        assert!(Limits::plausible(at(2100, 12, 31)));
        assert!(!Limits::plausible(at(1969, 12, 31)));
        assert!(!Limits::plausible(at(2101, 1, 1)));
        assert!(!Limits::plausible(at(10, 3, 1)));
    }

    #[test]
    fn prefix_stops_on_a_character_boundary() {
        assert_eq!(prefix("año", 2), "a");
        assert_eq!(prefix("año", 3), "añ");
        assert_eq!(prefix("ab", 10), "ab");
    }
}
