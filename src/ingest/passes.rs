//! The passes over a file's records: rows built into a staging dataset.
//!
//! One pass builds every row with default column decisions while the
//! profiler gathers the evidence for the real ones (date order, number
//! scale); only when the evidence disagrees is the file read a second
//! time. Each pass also enforces the per-row limits, reports ragged and
//! empty rows, and moves the progress bar. A file of unknown kind gets one
//! pass that only counts rows and samples values for the mapping step.

use csv::ByteRecord;

use super::build::Target;
use super::csv_source::Record;
use super::limits::{self, Limits};
use super::plan::Plan;
use super::profile::{Profile, Profiler};
use super::row::Row;
use super::values;
use super::warnings::Warnings;
use crate::dataset::{Dataset, FileReport, Interner, MappingSuggestion, RowRef};

/// How often `progress` is called: often enough for a smooth bar, rarely
/// enough to cost nothing next to parsing.
const PROGRESS_STEP: u64 = 1 << 20;

/// Where a read has got to: told at most every megabyte, and at the end.
/// Any `FnMut(done, total)` closure is one; the engine's also takes the
/// line reached, which the read knows exactly (so nothing counts the
/// file's line breaks a second time).
pub trait Progress {
    /// `done` of the file's `total` bytes are read.
    fn reached(&mut self, done: u64, total: u64);
    /// The same, at the record on line `line`.
    fn reached_line(&mut self, done: u64, total: u64, line: u32) {
        let _ = line;
        self.reached(done, total);
    }
}

impl<F: FnMut(u64, u64)> Progress for F {
    fn reached(&mut self, done: u64, total: u64) {
        self(done, total)
    }
}

/// Reports byte progress every [`PROGRESS_STEP`], scaled from positions in
/// the decoded text to the file's byte size (they differ for UTF-16).
pub struct Meter<'p> {
    total: u64,
    text_len: u64,
    /// The next byte count to report.
    next: u64,
    /// The first text offset that reaches `next`: every row asks, and a
    /// comparison costs less than scaling the offset (a 128-bit division).
    next_at: u64,
    /// The line of the last record the pass reached.
    line: Option<u32>,
    progress: &'p mut dyn Progress,
}

impl<'p> Meter<'p> {
    /// A file of `total` bytes whose decoded text is `text_len` bytes long.
    pub fn new(total: u64, text_len: usize, progress: &'p mut dyn Progress) -> Meter<'p> {
        let mut meter = Meter { total, text_len: text_len.max(1) as u64, next: 0, next_at: 0, line: None, progress };
        meter.report_next(PROGRESS_STEP);
        meter
    }

    /// Reports next when `next` bytes are done: from text offset
    /// ⌈next × text_len ÷ total⌉, the first whose scaled offset
    /// (rounded down) reaches it.
    fn report_next(&mut self, next: u64) {
        self.next = next;
        self.next_at = match self.total {
            0 => u64::MAX,
            total => (next as u128 * self.text_len as u128).div_ceil(total as u128).min(u64::MAX as u128) as u64,
        };
    }

    /// The whole file is read.
    pub fn finish(&mut self) {
        match self.line {
            Some(line) => self.progress.reached_line(self.total, self.total, line),
            None => self.progress.reached(self.total, self.total),
        }
    }

    /// The pass is at the record starting at text offset `at`, on `line`.
    fn at(&mut self, at: u64, line: u32) {
        self.line = Some(line);
        if at < self.next_at {
            return;
        }
        let done = (at as u128 * self.total as u128 / self.text_len as u128) as u64;
        self.progress.reached_line(done.min(self.total), self.total, line);
        self.report_next(done + PROGRESS_STEP);
    }
}

/// Example values shown per column in the mapping step: enough to tell a
/// date from a name, short enough for a table cell.
const SAMPLES_PER_COLUMN: usize = 3;
const SAMPLE_CHARS: usize = 40;

fn add_sample(samples: &mut Vec<String>, cell: &str) {
    let value = values::clean(cell);
    if samples.len() >= SAMPLES_PER_COLUMN || values::is_sentinel(value) {
        return;
    }
    let mut sample: String = value.chars().take(SAMPLE_CHARS).collect();
    if sample.len() < value.len() {
        sample.push('…');
    }
    if !samples.contains(&sample) {
        samples.push(sample);
    }
}

/// The plan's suggestion with example values per column, and the rows read.
fn sampled(
    plan: &Plan,
    headers: &[String],
    each: &impl Fn(&mut dyn FnMut(u32, u64, Record)),
    progress: &mut dyn FnMut(u64, u32),
) -> (u64, MappingSuggestion) {
    let mut rows = 0u64;
    let mut samples: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    each(&mut |line, at, record| {
        rows += 1;
        progress(at, line);
        for (column, cell) in samples.iter_mut().zip(record.iter()) {
            add_sample(column, cell);
        }
    });
    let mut suggestion = plan.suggestion.clone().unwrap_or_default();
    for (column, samples) in suggestion.columns.iter_mut().zip(samples) {
        column.samples = samples;
    }
    (rows, suggestion)
}

/// Where the rows of a file streamed in pieces go while it is read (a
/// parser worker hands them to the engine worker as they are built), so
/// the reader never holds a whole file's rows.
pub trait RowSink {
    /// How much of the file's text is read between two [`RowSink::take`]s.
    fn every_bytes(&self) -> u64 {
        SINK_EVERY_BYTES
    }
    /// Takes the rows built so far, leaving `staged`'s row vectors empty;
    /// `reached`: the byte of the file's text the read has reached.
    fn take(&mut self, staged: &mut Dataset, reached: u64);
    /// The file is read again from its start with other column decisions
    /// (see [`run`]): the rows taken so far are void.
    fn restart(&mut self);
}

/// How much of a streamed file's text is read between two
/// [`RowSink::take`]s: rows of a megabyte of CSV make a batch of a
/// megabyte or so.
pub const SINK_EVERY_BYTES: u64 = 1 << 20;

/// Rows read before the file's total row count is estimated from its size.
const ROWS_BEFORE_ESTIMATE: u64 = 2048;

/// Runs the profile pass (if needed) and the build pass over `each`'s
/// records, filling `staged` and the report's counts; with a `sink`, the
/// rows go to it as they are built.
#[allow(clippy::too_many_arguments)]
pub fn run(
    plan: &Plan,
    headers: &[String],
    each: impl Fn(&mut dyn FnMut(u32, u64, Record)),
    file_index: usize,
    limits: &Limits,
    staged: &mut Dataset,
    report: &mut FileReport,
    warnings: &mut Warnings,
    meter: &mut Meter,
    mut sink: Option<&mut dyn RowSink>,
) {
    report.kind = plan.kind;
    report.mapping = (0..headers.len())
        .filter_map(|c| plan.map.field_of(c).map(|f| (headers[c].clone(), f.name().to_string())))
        .collect();
    let Some(target) = plan.target else {
        let (rows, suggestion) = sampled(plan, headers, &each, &mut |at, line| meter.at(at, line));
        report.rows = rows;
        report.skipped = rows;
        if rows == 0 {
            warnings.note(0, "the file has no data rows".into());
        }
        warnings.note(
            0,
            format!(
                "the headers match no known export or template, so its {rows} rows were not loaded; \
                 closest is {} — map the columns to load them",
                suggestion.kind.id()
            ),
        );
        report.suggestion = Some(suggestion);
        return;
    };

    // Column decisions (date order, number scale) need the whole column.
    // Most files need none (ISO or Jira dates, no numeric a/b/y, no scale
    // columns), so rows are built at once with the default decisions while
    // the evidence is gathered in the same pass; only when the evidence
    // decides otherwise is the file read again with the real decisions.
    // That halves the CSV parsing of nearly every large file.
    let width = headers.len();
    let mut profiler = Profiler::new(&plan.map);
    let assumed = Profile::assumed(width);
    let mark = warnings.mark();
    let observe = profiler.needed();
    let (mut rows, mut kept) = build_pass(
        target,
        plan,
        headers,
        &each,
        file_index,
        limits,
        &assumed,
        observe.then_some(&mut profiler),
        staged,
        warnings,
        meter,
        &mut sink,
    );
    let (profile, notes): (Profile, _) = profiler.finish(width, headers);
    if profile != assumed {
        warnings.rewind(&mark);
        *staged = Dataset::default();
        if let Some(sink) = sink.as_mut() {
            sink.restart();
        }
        (rows, kept) =
            build_pass(target, plan, headers, &each, file_index, limits, &profile, None, staged, warnings, meter, &mut sink);
    }
    warnings.notes_at(&mark, notes.into_iter().map(|(col, note)| (col as u32 + 1, note)));
    if plan.suggestion.is_some() {
        // A guessed mapping is shown with example values, for the user to
        // check it: one more read, only for these files.
        report.suggestion = Some(sampled(plan, headers, &each, &mut |_, _| {}).1);
    }
    report.rows = rows;
    report.kept = kept;
    report.skipped = rows - kept;
    if rows == 0 {
        warnings.note(0, "the file has a header row but no data rows".into());
    }
}

/// One pass over `each`'s records building rows of `target` with `profile`,
/// observing them into `profiler` on the way when given, handing them to
/// `sink` every [`RowSink::every_bytes`] when given. Returns the rows seen and
/// the rows kept.
#[allow(clippy::too_many_arguments)]
fn build_pass(
    target: Target,
    plan: &Plan,
    headers: &[String],
    each: &impl Fn(&mut dyn FnMut(u32, u64, Record)),
    file_index: usize,
    limits: &Limits,
    profile: &Profile,
    mut profiler: Option<&mut Profiler>,
    staged: &mut Dataset,
    warnings: &mut Warnings,
    meter: &mut Meter,
    sink: &mut Option<&mut dyn RowSink>,
) -> (u64, u64) {
    let width = headers.len();
    let (mut rows, mut kept) = (0u64, 0u64);
    let names = Interner::default();
    let every = sink.as_ref().map_or(u64::MAX, |sink| sink.every_bytes());
    let mut sink_at = every;
    each(&mut |line, at, record| {
        rows += 1;
        meter.at(at, line);
        if at >= sink_at {
            if let Some(sink) = sink.as_mut() {
                sink.take(staged, at);
            }
            sink_at = at.saturating_add(every);
        }
        if rows > limits.rows {
            warnings.push("row limit", line, 0, || {
                format!("this row is past the limit of {} rows per file; skipped, like every row after it", limits.rows)
            });
            return;
        }
        // Sized ahead only when `staged` will hold the whole file: a sink
        // that takes rows as they come would be left the spare room.
        if rows == ROWS_BEFORE_ESTIMATE && at > 0 && every >= meter.text_len {
            // A vector that doubles past a million rows briefly holds both
            // copies, and in wasm that high-water mark is never returned:
            // size it once from the bytes per row seen so far, within what
            // the bytes of the file can hold.
            let estimate = (meter.text_len as u128 * rows as u128 / at as u128).min(usize::MAX as u128) as usize;
            let input = meter.text_len as usize;
            target.reserve(staged, |row_size| limits.reservable_rows(estimate + estimate / 16, input, row_size));
        }
        let cut;
        let record = match cut_cells(record, line, limits, warnings) {
            Some(shorter) => {
                cut = shorter;
                Record::csv(&cut)
            }
            None => record,
        };
        if let Some(profiler) = profiler.as_deref_mut() {
            profiler.observe(record);
        }
        if record.len() > width && record.iter().skip(width).any(|c| !c.trim().is_empty()) {
            warnings.push("too many fields", line, width as u32 + 1, || {
                format!("row has {} fields but the header has {width}; the extra values are ignored", record.len())
            });
        } else if !record.is_empty() && record.len() < width {
            warnings.push("too few fields", line, record.len() as u32 + 1, || {
                format!("row has {} fields but the header has {width}; the missing ones are empty", record.len())
            });
        }
        if record.iter().all(|c| values::is_sentinel(values::clean(c))) {
            if !record.is_empty() {
                warnings.push("empty row", line, 0, || "row has no values; skipped".into());
            }
            return;
        }
        let mut row = Row { record, line, map: &plan.map, profile, headers, warnings: &mut *warnings, names: &names };
        let source = RowRef { file: file_index as u32, line };
        match target.build(&mut row, source, staged) {
            Ok(()) => kept += 1,
            Err(skip) => warnings.push("row skipped", line, skip.column, || skip.message),
        }
    });
    (rows, kept)
}

/// `record` with every cell longer than the limit cut to it, each cut
/// reported; `None` (and no copy) when every cell fits.
fn cut_cells(record: Record, line: u32, limits: &Limits, warnings: &mut Warnings) -> Option<ByteRecord> {
    // The whole record's text bounds every cell: one comparison per row.
    if record.text_len() <= limits.cell_bytes || record.iter().all(|c| c.len() <= limits.cell_bytes) {
        return None;
    }
    let mut shorter = ByteRecord::with_capacity(limits.cell_bytes, record.len());
    for (col, cell) in record.iter().enumerate() {
        if cell.len() > limits.cell_bytes {
            warnings.push("cell limit", line, col as u32 + 1, || {
                format!(
                    "the cell is {} bytes long, over the limit of {} bytes per cell; only its start is read",
                    cell.len(),
                    limits.cell_bytes
                )
            });
        }
        shorter.push_field(limits::prefix(cell, limits.cell_bytes).as_bytes());
    }
    Some(shorter)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meter_reports_where_the_scaled_offset_reaches_each_megabyte() {
        // Bytes of the file against bytes of its text: equal (UTF-8), the
        // text twice as long (UTF-16), shorter, and an empty file.
        for (total, text_len) in [(5 << 20, 5 << 20), (3 << 20, 6 << 20), (7_340_033, 2_097_151), (0, 10)] {
            let mut calls = Vec::new();
            {
                let mut progress = |done, all| calls.push((done, all));
                let mut meter = Meter::new(total, text_len, &mut progress);
                for at in (0..=text_len as u64).step_by(997) {
                    meter.at(at, 1);
                }
            }
            // Reported: the first offset of the walk whose scaled count
            // reaches the next megabyte past the previous report.
            let mut expected = Vec::new();
            let mut next = PROGRESS_STEP;
            for at in (0..=text_len as u64).step_by(997) {
                let done = (at as u128 * total as u128 / text_len as u128) as u64;
                if done >= next {
                    expected.push((done, total));
                    next = done + PROGRESS_STEP;
                }
            }
            assert_eq!(calls, expected, "{total} bytes, {text_len} of text");
            assert!(total == 0 || calls.len() >= (total / PROGRESS_STEP) as usize / 2, "{calls:?}");
        }
    }
}
