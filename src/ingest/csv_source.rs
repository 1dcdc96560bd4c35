//! A decoded CSV text as records with exact line numbers.
//!
//! `csv_core` parses; this module adds what a report needs on top: the
//! physical line each record starts on (csv's own counter miscounts CRLF,
//! lone CR and blank lines), and the quoted fields that look like a stray
//! quote swallowed rows, found on the way and reported once the pass is
//! over. [`Record`] is how the passes see one record, from a CSV file or a
//! JSON one: cells borrowed, never copied.
//!
//! Most records of most exports hold no quote: such a record is one line,
//! its cells are the text between delimiters, and it is read in place by
//! one scan that also ends its line (see [`CsvSource::each`]). Every other
//! record goes through the parser, which reads it exactly as before.

use std::cell::RefCell;

use csv::{ByteRecord, StringRecord};
use csv_core::ReadRecordResult;

use super::lines;
use super::warnings::Warnings;

/// CSV records of a decoded file. The parser is built per pass; a record
/// without quotes is read in place, any other is unescaped into buffers
/// reused from record to record, and a cell is a slice of either (see
/// [`Record`]).
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

    /// The first record, the line it starts on and the byte after it
    /// (after its line end, if it has one).
    pub fn header(&self) -> Option<(u32, StringRecord, usize)> {
        let mut reader = self.reader();
        let mut record = StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(true) => {
                let at = record_start(self.text.as_bytes(), record.position());
                let end = reader.position().byte() as usize;
                Some((lines::line_ends(&self.text.as_bytes()[..at]) + self.first_line, record, end))
            }
            _ => None,
        }
    }

    /// Calls `f(line, byte offset, record)` for every record after the header.
    pub fn each(&self, f: &mut dyn FnMut(u32, u64, Record)) {
        self.each_read(true, f)
    }

    /// [`CsvSource::each`], with records without quotes read in place when
    /// `in_place`, else every record through the parser: the two read
    /// alike (tested), the first is the faster.
    fn each_read(&self, in_place: bool, f: &mut dyn FnMut(u32, u64, Record)) {
        let mut records = Records::new(self.delimiter, self.first_line);
        records.read(self.text, 0, true, in_place, f);
        *self.quotes.borrow_mut() = records.quotes;
    }

    /// Warnings for the quoted fields [`CsvSource::each`] found suspicious.
    pub fn report_quotes(&self, warnings: &mut Warnings) {
        report_quotes(&self.quotes.borrow(), warnings)
    }
}

/// Warnings for quoted fields that look like a stray quote swallowed rows,
/// or that never close.
pub fn report_quotes(spans: &[QuotedSpan], warnings: &mut Warnings) {
    for span in spans {
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

/// The records of a CSV text read a piece at a time: what a read keeps
/// between pieces (the parser, the line reached, the header's width, the
/// quotes found). A whole text is one last piece ([`CsvSource::each`]); a
/// file streamed from disk in pieces of a megabyte reads the same records
/// on the same lines (tested over every piece size), so a parser worker
/// never holds a whole file.
pub struct Records {
    delimiter: u8,
    parser: csv_core::Reader,
    parsed: Parsed,
    cell_ends: Vec<usize>,
    /// The line the next record starts on.
    line: u32,
    /// The header's field count, once the header was read.
    width: Option<usize>,
    /// Whether the line ends that open the text were stepped over.
    started: bool,
    quotes: Vec<QuotedSpan>,
}

impl Records {
    /// A read of a text that starts on line `first_line` of the file.
    pub fn new(delimiter: u8, first_line: u32) -> Records {
        Records {
            delimiter,
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            parsed: Parsed::default(),
            cell_ends: Vec::new(),
            line: first_line,
            width: None,
            started: false,
            quotes: Vec::new(),
        }
    }

    /// Calls `f(line, byte offset, record)` for every record of `text`
    /// after the header, where `text` is the file's text from offset `base`
    /// on and `last` says it runs to the end of the file. Returns how many
    /// bytes of `text` it read: a record that may go on past `text` is left
    /// unread, and the next piece must start with those bytes.
    pub fn read_piece(&mut self, text: &str, base: u64, last: bool, f: &mut dyn FnMut(u32, u64, Record)) -> usize {
        self.read(text, base, last, true, f)
    }

    /// The quoted fields found suspicious.
    pub fn into_quotes(self) -> Vec<QuotedSpan> {
        self.quotes
    }

    fn read(&mut self, text: &str, base: u64, last: bool, in_place: bool, f: &mut dyn FnMut(u32, u64, Record)) -> usize {
        // csv's own line counter miscounts CRLF, lone CR and blank lines, so
        // lines are counted here from each record's bytes, which is exact.
        let bytes = text.as_bytes();
        let Records { delimiter, parser, parsed, cell_ends, line, width, started, quotes } = self;
        let delimiter = *delimiter;
        let mut at = 0;
        if !*started {
            at = after_line_ends(bytes, 0);
            if at == bytes.len() && !last {
                return 0;
            }
            *line += lines::line_ends(&bytes[..at]);
            *started = true;
        }
        while at < bytes.len() {
            // The header always goes through the parser, which drops a
            // byte-order mark that opens the text (and only there).
            let unquoted = if in_place && width.is_some() { scan_unquoted(bytes, at, delimiter, cell_ends) } else { None };
            // The record, where the next one starts, and the line ends between.
            let (record, next, line_ends) = match unquoted {
                Some(end) => {
                    let next = after_line_ends(bytes, end);
                    // More line ends, or more of the record, may follow.
                    if next == bytes.len() && !last {
                        break;
                    }
                    let record = Record { text: &text[at..end], fields: Fields::Ends { ends: cell_ends, gap: 1 } };
                    (record, next, line_ends_after_record(&bytes[end..next]))
                }
                None => {
                    let end = match parsed.read(parser, bytes, at, last) {
                        ParserRead::Record(end) => end,
                        ParserRead::End => break,
                        ParserRead::Unfinished => {
                            // Read again from its start with the next piece;
                            // the parser forgets the part it saw, but not
                            // that it is past the file's start (where
                            // alone it drops a byte-order mark).
                            parser.reset();
                            let _ = parser.read_record(b"\n", &mut [], &mut []);
                            break;
                        }
                    };
                    let next = after_line_ends(bytes, end);
                    if next == bytes.len() && !last {
                        break;
                    }
                    let record = parsed.record();
                    let line_ends = lines::line_ends(&bytes[at..next]);
                    // More than one line end before the next record: this one
                    // held line ends of its own (or blank lines followed it);
                    // and the last record may hold a quote never closed.
                    if line_ends > 1 || next == bytes.len() {
                        let width = width.unwrap_or(record.len());
                        find_quoted_spans(&bytes[at..end], delimiter, width, *line, quotes);
                    }
                    (record, next, line_ends)
                }
            };
            let record_line = *line;
            *line += line_ends;
            let record_at = std::mem::replace(&mut at, next);
            if width.is_none() {
                *width = Some(record.len());
                continue;
            }
            f(record_line, base + record_at as u64, record);
        }
        at
    }
}

/// One record's cells, borrowed for the length of a visit, from a CSV
/// file's line, a parsed CSV record or a JSON row's strings alike. A
/// parsed record's text is checked as UTF-8 once, in one piece (csv's
/// `StringRecord` checks each field of a non-ASCII record on its own); a
/// line is the file's text already. A cell is a slice of it: nothing is
/// copied.
#[derive(Clone, Copy)]
pub struct Record<'r> {
    /// Every field's text, end to end.
    text: &'r str,
    fields: Fields<'r>,
}

/// Where each field of [`Record::text`] starts and ends.
#[derive(Clone, Copy)]
enum Fields<'r> {
    /// Each field's end in the text; the next field starts `gap` bytes on
    /// (1 where a delimiter separates them, 0 where they run end to end).
    Ends { ends: &'r [usize], gap: usize },
    Csv(&'r ByteRecord),
    Json(&'r StringRecord),
}

impl<'r> Record<'r> {
    /// A record of cells cut from valid UTF-8 text (at character
    /// boundaries), so its fields are valid UTF-8. The check cannot fail;
    /// its fallback (no cells) only keeps that from being a panic.
    pub fn csv(record: &'r ByteRecord) -> Record<'r> {
        Record { text: std::str::from_utf8(record.as_slice()).unwrap_or_default(), fields: Fields::Csv(record) }
    }

    pub fn json(record: &'r StringRecord) -> Record<'r> {
        Record { text: record.as_slice(), fields: Fields::Json(record) }
    }

    pub fn len(self) -> usize {
        match self.fields {
            Fields::Ends { ends, .. } => ends.len(),
            Fields::Csv(record) => record.len(),
            Fields::Json(record) => record.len(),
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The cell in column `col`, if the record is that wide. Always
    /// inlined: the row reader asks for every field of every row, and in
    /// wasm the record and the answer would each pass through memory.
    #[inline(always)]
    pub fn get(self, col: usize) -> Option<&'r str> {
        let range = match self.fields {
            Fields::Ends { ends, gap } => {
                let start = if col == 0 { 0 } else { ends.get(col - 1)? + gap };
                start..*ends.get(col)?
            }
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

/// A record read by the parser: its fields unescaped end to end, and where
/// each ends, in buffers reused from record to record (as csv's reader
/// does).
struct Parsed {
    unescaped: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
}

impl Default for Parsed {
    fn default() -> Parsed {
        Parsed { unescaped: vec![0; 1024], ends: vec![0; 64], len: 0 }
    }
}

impl Parsed {
    /// Reads the record that starts at `bytes[at]` with `parser`: where it
    /// ends (after its terminator, if the parser took it), no record left,
    /// or (unless `last`: `bytes` run to the end of the file) a record that
    /// may go on past `bytes`.
    fn read(&mut self, parser: &mut csv_core::Reader, bytes: &[u8], at: usize, last: bool) -> ParserRead {
        let (mut read, mut written, mut ended) = (at, 0, 0);
        loop {
            let (result, nin, nout, nend) =
                parser.read_record(&bytes[read..], &mut self.unescaped[written..], &mut self.ends[ended..]);
            (read, written, ended) = (read + nin, written + nout, ended + nend);
            match result {
                // All input is handed over at once, so the next call tells
                // the parser the text is over.
                ReadRecordResult::InputEmpty if !last => return ParserRead::Unfinished,
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.unescaped.resize(self.unescaped.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => {
                    self.len = ended;
                    return ParserRead::Record(read);
                }
                ReadRecordResult::End => return ParserRead::End,
            }
        }
    }

    /// The record [`Parsed::read`] read last. Its text is valid UTF-8 as
    /// the file's is: the parser only splits at ASCII delimiters, quotes
    /// and line ends, and unescaping `""` drops an ASCII quote. The check
    /// cannot fail; its fallback (no cells) only keeps that from being a
    /// panic.
    fn record(&self) -> Record<'_> {
        let ends = &self.ends[..self.len];
        let text = std::str::from_utf8(&self.unescaped[..ends.last().copied().unwrap_or(0)]).unwrap_or_default();
        Record { text, fields: Fields::Ends { ends, gap: 0 } }
    }
}

/// What [`Parsed::read`] found.
enum ParserRead {
    /// A record, ending there.
    Record(usize),
    End,
    Unfinished,
}

/// Reads the record starting at `bytes[at]` in place if it holds no quote:
/// fills `ends` with where each cell ends, relative to `at`, and returns
/// where the record's text ends (its line end, or the end of the text).
/// `None` at the first quote, since a quoted cell may hold delimiters and
/// line ends. A record without quotes is read so by csv's parser too: its
/// cells end at each delimiter, it ends at the first `\r` or `\n`.
fn scan_unquoted(bytes: &[u8], at: usize, delimiter: u8, ends: &mut Vec<usize>) -> Option<usize> {
    ends.clear();
    let mut i = at;
    loop {
        i = next_special(bytes, i, delimiter);
        match bytes.get(i) {
            None | Some(b'\r' | b'\n') => break,
            Some(b'"') => return None,
            Some(&b) if b == delimiter => ends.push(i - at),
            Some(_) => {}
        }
        i += 1;
    }
    ends.push(i - at);
    Some(i)
}

/// The first byte at or after `from` that is `delimiter`, a quote or a
/// control byte (line ends among them), or a byte of the last seven the
/// caller then reads one at a time; the caller steps over a control byte
/// that ends no line. Eight bytes are tested at once: every byte of every
/// file comes here, and a cell is usually longer than a byte.
fn next_special(bytes: &[u8], mut from: usize, delimiter: u8) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);
    // The high bit of each byte of `word` below `limit` (at most 0x80); as
    // with any borrow, bits above the lowest one may be wrong, and only that
    // one is read.
    let below = |word: u64, limit: u8| word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH_BITS;
    // The same for each byte equal to `byte`: the bytes that xor to zero.
    let equal = |word: u64, byte: u8| below(word ^ (ONES * u64::from(byte)), 1);
    while let Some(eight) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        // CR and LF are both below a space: one test finds either.
        let special = equal(word, delimiter) | equal(word, b'"') | below(word, b' ');
        if special != 0 {
            return from + special.trailing_zeros() as usize / 8;
        }
        from += 8;
    }
    from
}

/// [`lines::line_ends`] of the line ends after a record, which are nearly
/// always one `\n` or one `\r\n`: those are answered in line, the rest
/// (blank lines, lone CRs) counted.
#[inline(always)]
fn line_ends_after_record(ends: &[u8]) -> u32 {
    match ends {
        b"\n" | b"\r\n" => 1,
        _ => lines::line_ends(ends),
    }
}

/// The first byte at or after `at` that ends no line: where the next
/// record starts (csv's parser skips blank lines, and after a CRLF it
/// stopped at the `\r`).
fn after_line_ends(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| lines::is_line_end(b)) {
        at += 1;
    }
    at
}

/// A quoted field worth a warning: never closed, or spanning lines that
/// look like rows.
pub struct QuotedSpan {
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

    /// Tricky texts: line end conventions, blank and space-only lines,
    /// byte-order marks, quoted cells (delimiters, line ends and `""`
    /// inside), a quote inside a cell, quotes never closed or swallowing
    /// rows, non-ASCII names, empty cells, no final line end.
    const TEXTS: &[&str] = &[
        "a,b,c\n1,2,3\n4,5,6\n",
        "a,b\r\n1,2\r\n\r\n3,4\r\n",
        "a,b\r1,2\r3,4",
        "a,b\n\n\n1,2\n  \n3,4",
        "\u{feff}a,b\n1,2\n",
        "a,b\n\u{feff}1,2\n\u{feff}\"3\",4\n",
        "a,b\n\"x,y\",2\n\"multi\nline\",3\n\"esc \"\"q\"\"\",4\n\"\",5\n",
        "a,b\nab\"c,2\nd,e\"\n",
        "a,b\n1,\"open\n2,3\n",
        "a,b,c\n1,\"x,3\n4,5,6\n7,\"8\",9\n",
        "名前,チーム\nÅsa Öberg,Zürich\n\"Ünïcödé, Jr.\",Москва\r\nŁukasz,\"東京\r\n大阪\"\n",
        "a,b,\n,,\n1,,3\n,\n",
        "a,b\n1,2\r\n\r3,4\n\r\n\n5,6\r",
        "\"a\",\"b\"\n1,2\n\"3\"x,4\n",
        "a\n1\n\n",
        "a,b\n1,2",
    ];

    /// A record as read: line, byte offset and cells.
    type Read = (u32, u64, Vec<String>);
    /// A quote warning: line, column, line breaks inside, closed.
    type Quote = (u32, u32, u32, bool);

    /// Every record after the header; then the quote warnings found.
    fn read(text: &str, delimiter: u8, in_place: bool) -> (Vec<Read>, Vec<Quote>) {
        let source = CsvSource::new(text, delimiter, 1);
        let mut records = Vec::new();
        source.each_read(in_place, &mut |line, at, record| {
            records.push((line, at, record.iter().map(str::to_string).collect()));
        });
        let quotes = source.quotes.borrow().iter().map(|q| (q.line, q.column, q.breaks, q.closed)).collect();
        (records, quotes)
    }

    #[test]
    fn records_read_in_place_read_as_the_parser_reads_them() {
        for &text in TEXTS {
            for delimiter in [b',', b';', b'\t'] {
                let text = text.replace(',', std::str::from_utf8(&[delimiter]).unwrap());
                let (in_place, quotes) = read(&text, delimiter, true);
                let (parsed, parsed_quotes) = read(&text, delimiter, false);
                assert_eq!(in_place, parsed, "{text:?}");
                assert_eq!(quotes, parsed_quotes, "{text:?}");
                // And the cells are csv's own.
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(text.as_bytes());
                let csv_cells: Vec<Vec<String>> =
                    reader.records().skip(1).map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
                let cells: Vec<Vec<String>> = parsed.into_iter().map(|(_, _, cells)| cells).collect();
                assert_eq!(cells, csv_cells, "{text:?}");
            }
        }
    }

    /// [`read`], the text handed over `piece` bytes at a time as a file
    /// streamed from disk is: each piece after what the last one left
    /// unread, cut anywhere, even inside a character.
    fn read_in_pieces(text: &str, delimiter: u8, piece: usize) -> (Vec<Read>, Vec<Quote>) {
        let mut records = Records::new(delimiter, 1);
        let mut found = Vec::new();
        let (mut buffer, mut base, mut offset) = (Vec::new(), 0u64, 0);
        loop {
            let end = (offset + piece).min(text.len());
            buffer.extend_from_slice(&text.as_bytes()[offset..end]);
            offset = end;
            let last = offset == text.len();
            let valid = match std::str::from_utf8(&buffer) {
                Ok(valid) => valid,
                Err(error) => std::str::from_utf8(&buffer[..error.valid_up_to()]).unwrap(),
            };
            let read = records.read_piece(valid, base, last, &mut |line, at, record| {
                found.push((line, at, record.iter().map(str::to_string).collect()));
            });
            base += read as u64;
            buffer.drain(..read);
            if last {
                assert!(buffer.is_empty(), "{} bytes left unread at the end", buffer.len());
                break;
            }
        }
        (found, records.into_quotes().iter().map(|q| (q.line, q.column, q.breaks, q.closed)).collect())
    }

    #[test]
    fn a_text_read_in_pieces_of_any_size_reads_as_a_whole() {
        for &text in TEXTS {
            for delimiter in [b',', b';'] {
                let text = text.replace(',', std::str::from_utf8(&[delimiter]).unwrap());
                let whole = read(&text, delimiter, true);
                for piece in 1..=text.len() + 1 {
                    assert_eq!(read_in_pieces(&text, delimiter, piece), whole, "{text:?} in pieces of {piece}");
                }
            }
        }
    }

    #[test]
    fn every_special_byte_is_found_at_every_place_in_eight() {
        // Cells of 0 to 19 bytes, and a quote, a CR or a non-ASCII name at
        // every offset: each special byte falls at each place of a word.
        let mut text = String::from("a,b,c\n");
        for len in 0..20 {
            let cell = "é".repeat(len / 2) + &"x".repeat(len % 2);
            text += &format!("{cell},{},{cell}{cell}\n", "y".repeat(len));
            text += &format!("{}\"q\",{cell}\r\n", "z".repeat(len));
            text += &format!("{cell}\r{}\n\n", "w".repeat(len));
            // Control bytes that end no line are read like any other.
            text += &format!("{}\t{cell}\u{1},\u{1f}{}\n", "t".repeat(len), "u".repeat(len % 9));
        }
        text += &"v".repeat(21);
        let (in_place, quotes) = read(&text, b',', true);
        // Five records per length (a lone CR ends one), three for length 0, and the last.
        assert_eq!((in_place.len(), quotes.len()), (19 * 5 + 3 + 1, 0));
        assert_eq!(read(&text, b',', false), (in_place, quotes));
    }

    #[test]
    fn lines_and_offsets_count_every_line_end_once() {
        let (records, _) = read("a,b\r\n1,2\r\n\r\n3,4\r5,6\n\n7,\"x\ny\"\n8,9", b',', true);
        let at: Vec<(u32, u64)> = records.iter().map(|(line, at, _)| (*line, *at)).collect();
        assert_eq!(at, [(2, 5), (4, 12), (5, 16), (7, 21), (9, 29)]);
        let (_, quotes) = read("a,b\n1,\"open\n2,3\n", b',', true);
        assert_eq!(quotes, [(2, 3, 2, false)], "the unclosed quote is found in the last record");
    }
}
