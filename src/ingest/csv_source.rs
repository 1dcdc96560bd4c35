//! A decoded CSV text as records with exact line numbers.
//!
//! The `csv` crate parses; this module adds what a report needs on top:
//! the physical line each record starts on (csv's own counter miscounts
//! CRLF, lone CR and blank lines), and the quoted fields that look like a
//! stray quote swallowed rows, found on the way and reported once the pass
//! is over. [`Record`] is how the passes see one record, from a CSV file or
//! a JSON one: cells borrowed, never copied.

use std::cell::RefCell;

use csv::{ByteRecord, StringRecord};

use super::lines;
use super::warnings::Warnings;

/// CSV records of a decoded file. The reader is built per pass; records are
/// read into one reused `ByteRecord`, and a cell becomes text only when a
/// pass reads it (see [`Record`]).
pub struct CsvSource<'t> {
    text: &'t str,
    delimiter: u8,
    /// Line number of the first line of `text` (2 after a `sep=` line).
    first_line: u32,
    /// Quoted fields that hold line ends and look wrong, found by the
    /// latest pass of [`CsvSource::each`].
    quotes: RefCell<Vec<QuotedSpan>>,
}

impl<'t> CsvSource<'t> {
    /// `text` starts on line `first_line` of the file.
    pub fn new(text: &'t str, delimiter: u8, first_line: u32) -> CsvSource<'t> {
        CsvSource { text, delimiter, first_line, quotes: RefCell::default() }
    }

    fn reader(&self) -> csv::Reader<&'t [u8]> {
        csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes())
    }

    /// The first record and the line it starts on.
    pub fn header(&self) -> Option<(u32, StringRecord)> {
        let mut reader = self.reader();
        let mut record = StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(true) => {
                let at = record_start(self.text.as_bytes(), record.position());
                Some((lines::line_ends(&self.text.as_bytes()[..at]) + self.first_line, record))
            }
            _ => None,
        }
    }

    /// Calls `f(line, byte offset, record)` for every record after the header.
    pub fn each(&self, f: &mut dyn FnMut(u32, u64, Record)) {
        let mut reader = self.reader();
        let mut record = ByteRecord::new();
        // csv's own line counter miscounts CRLF, lone CR and blank lines, so
        // lines are counted here from the record's byte offset, which is exact.
        let bytes = self.text.as_bytes();
        let (mut counted_to, mut line) = (0usize, self.first_line);
        // Line, start and end of the previous record, and the header's width.
        let mut previous: Option<(u32, usize, usize)> = None;
        let mut width = None;
        let mut quotes = Vec::new();
        let mut check = |(line, at, end): (u32, usize, usize), width: usize| {
            find_quoted_spans(&bytes[at..end], self.delimiter, width, line, &mut quotes);
        };
        // The text is valid UTF-8 and the reader is flexible, so it cannot
        // fail; stopping on an error is only a safety net.
        while let Ok(true) = reader.read_byte_record(&mut record) {
            let at = record_start(bytes, record.position());
            let ends = lines::line_ends(&bytes[counted_to..at]);
            // More than one line end since the previous record started: it
            // held line ends of its own (or blank lines followed it).
            if let Some(previous) = previous.filter(|_| ends > 1) {
                check(previous, width.unwrap_or(0));
            }
            line += ends;
            counted_to = at;
            let end = (reader.position().byte() as usize).clamp(at, bytes.len());
            previous = Some((line, at, end));
            if width.is_none() {
                width = Some(record.len());
                continue;
            }
            f(line, at as u64, Record::csv(&record));
        }
        if let Some(last) = previous {
            check(last, width.unwrap_or(0));
        }
        *self.quotes.borrow_mut() = quotes;
    }

    /// Warnings for the quoted fields [`CsvSource::each`] found suspicious.
    pub fn report_quotes(&self, warnings: &mut Warnings) {
        for span in self.quotes.borrow().iter() {
            let last = span.line + span.breaks;
            if span.closed {
                warnings.push("quoted field spans rows", span.line, span.column, || {
                    format!(
                        "a quoted field opens here and runs over {} line breaks to line {last}, and lines inside \
                         it look like rows of their own, so rows may have been merged; check for a stray quote \
                         (\") on this line",
                        span.breaks
                    )
                });
            } else {
                warnings.push("unclosed quote", span.line, span.column, || {
                    format!(
                        "a quoted field opens here and is never closed, so the rest of the file (to line {last}) \
                         was read into it; check the quotes on this line"
                    )
                });
            }
        }
    }
}

/// One record's cells, borrowed for the length of a visit, from a CSV
/// record's bytes or a JSON row's strings alike. The record's text is
/// checked as UTF-8 once, in one piece (csv's `StringRecord` checks each
/// field of a non-ASCII record on its own), and a cell is a slice of it:
/// nothing is copied.
#[derive(Clone, Copy)]
pub struct Record<'r> {
    /// Every field's text, end to end.
    text: &'r str,
    fields: Fields<'r>,
}

/// Where each field of [`Record::text`] starts and ends.
#[derive(Clone, Copy)]
enum Fields<'r> {
    Csv(&'r ByteRecord),
    Json(&'r StringRecord),
}

impl<'r> Record<'r> {
    /// A record read from valid UTF-8 text, so its fields are valid UTF-8:
    /// the reader only splits at ASCII delimiters, quotes and line ends,
    /// and unescaping `""` drops an ASCII quote. The check cannot fail; its
    /// fallback (no cells) only keeps that from being a panic.
    pub fn csv(record: &'r ByteRecord) -> Record<'r> {
        Record { text: std::str::from_utf8(record.as_slice()).unwrap_or_default(), fields: Fields::Csv(record) }
    }

    pub fn json(record: &'r StringRecord) -> Record<'r> {
        Record { text: record.as_slice(), fields: Fields::Json(record) }
    }

    pub fn len(self) -> usize {
        match self.fields {
            Fields::Csv(record) => record.len(),
            Fields::Json(record) => record.len(),
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The cell in column `col`, if the record is that wide.
    pub fn get(self, col: usize) -> Option<&'r str> {
        let range = match self.fields {
            Fields::Csv(record) => record.range(col)?,
            Fields::Json(record) => record.range(col)?,
        };
        self.text.get(range)
    }

    pub fn iter(self) -> impl Iterator<Item = &'r str> {
        (0..self.len()).filter_map(move |col| self.get(col))
    }

    /// The bytes of every cell together: a bound on each cell's length.
    pub fn text_len(self) -> usize {
        self.text.len()
    }
}

/// A quoted field worth a warning: never closed, or spanning lines that
/// look like rows.
struct QuotedSpan {
    /// Line and column of the opening quote.
    line: u32,
    column: u32,
    /// Line ends inside the field.
    breaks: u32,
    closed: bool,
}

/// Scans one record's raw text (starting on line `line`) for quoted fields
/// that are never closed, or that hold a line end and a line with as many
/// delimiters as a whole row (`width` fields) has, some of them inside the
/// quotes: what a stray quote does when a later one balances it. Multi-line
/// text in a field rarely has a row's worth of delimiters on one line; a
/// wide export's never does.
fn find_quoted_spans(raw: &[u8], delimiter: u8, width: usize, line: u32, out: &mut Vec<QuotedSpan>) {
    let (mut line, mut line_start) = (line, 0);
    // Characters counted so far on the line, up to `counted_to`: a column
    // is counted on from the previous one, not from the line's start, or a
    // line of n quoted fields costs n².
    let (mut counted_to, mut characters_before) = (0, 0);
    let mut delimiters_on_line = 0;
    let mut field_start = true;
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if !(field_start && b == b'"') {
            if lines::is_line_end(b) {
                return; // the record's terminator
            }
            field_start = b == delimiter;
            delimiters_on_line += usize::from(field_start);
            i += 1;
            continue;
        }
        if counted_to < line_start {
            (counted_to, characters_before) = (line_start, 0);
        }
        characters_before += raw[counted_to..i].iter().filter(|&&c| c & 0xC0 != 0x80).count();
        counted_to = i;
        let column = characters_before as u32 + 1;
        let mut span = QuotedSpan { line, column, breaks: 0, closed: false };
        let mut row_like = false;
        let mut quoted_delimiters = 0;
        i += 1;
        while let Some(&c) = raw.get(i) {
            match c {
                b'"' if raw.get(i + 1) == Some(&b'"') => i += 2,
                b'"' => {
                    span.closed = true;
                    i += 1;
                    break;
                }
                _ if lines::is_line_end(c) => {
                    row_like |= quoted_delimiters > 0 && delimiters_on_line + 1 >= width;
                    i += if raw[i..].starts_with(b"\r\n") { 2 } else { 1 };
                    (span.breaks, line, line_start) = (span.breaks + 1, line + 1, i);
                    (delimiters_on_line, quoted_delimiters) = (0, 0);
                }
                _ => {
                    delimiters_on_line += usize::from(c == delimiter);
                    quoted_delimiters += usize::from(c == delimiter);
                    i += 1;
                }
            }
        }
        if !span.closed || (span.breaks > 0 && row_like) {
            out.push(span);
        }
        field_start = false;
    }
}

/// Where a record really starts. After a CRLF, csv reports the offset of
/// the `\n` (it ended the record at the `\r`); records never start with a
/// line terminator because blank lines are skipped, so stepping over them
/// is exact.
fn record_start(bytes: &[u8], position: Option<&csv::Position>) -> usize {
    let mut at = position.map_or(0, |p| p.byte() as usize).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    at
}


#[cfg(test)]
mod tests {
    use super::*;

    fn spans(raw: &str, width: usize) -> Vec<(u32, u32, u32, bool)> {
        let mut out = Vec::new();
        find_quoted_spans(raw.as_bytes(), b',', width, 7, &mut out);
        out.iter().map(|s| (s.line, s.column, s.breaks, s.closed)).collect()
    }

    /// Columns count characters, not bytes, from the start of the span's own
    /// line, however many quoted fields came before it on that line.
    #[test]
    fn a_quoted_field_is_placed_by_characters_on_its_own_line() {
        assert_eq!(spans("\"é\",\"ü\",\"never closed", 3), [(7, 9, 0, false)]);
        // A field spanning rows (a whole row inside it, as wide as the header),
        // then on its last line a field left open: placed from that line's start.
        assert_eq!(spans("\"a,b,c\n1,2,3\",\"ö\",\"open\n", 3), [(7, 1, 1, true), (8, 12, 1, false)]);
    }
}
