//! A JSON array of objects → the same header + records a CSV gives.
//!
//! `gh pr list --json ...` prints an array of objects whose values are
//! nested (`author: {login}`, `reviewRequests: [{login}|{name}]`). Each
//! object becomes one record: keys are headers (the union, in key order), objects collapse to their `login`/`name`, arrays to `;` lists.
//! From there the ordinary format tables and builders take over.
//!
//! Elements are parsed one at a time so that each record knows the line it
//! started on, which the report and every citation need. Positions are
//! counted on from the previous element, never from byte 0, and each
//! element is flattened as soon as it is parsed, so a file costs time and
//! memory in proportion to its size:
//!
//! * rows are kept sparse (only the cells an object has) and widened to the
//!   full header one at a time, as the builder reads them;
//! * at most [`MAX_JSON_COLUMNS`] distinct keys become columns, and keys
//!   longer than [`MAX_JSON_KEY_BYTES`] none: objects with keys that never
//!   repeat would otherwise give every row a cell for every key in the file;
//! * arrays and objects nest at most [`MAX_JSON_DEPTH`] deep.

use std::collections::HashMap;
use std::ops::Range;

use csv::StringRecord;
use serde_json::{Map, Value};

use super::dates::{self, Order};
use super::formats::{gh_reviews, GhReview};
use super::warnings::{truncate, Warnings};
use crate::dataset::{Bots, FileKind};

/// How deep arrays and objects may nest, the file's outer array included.
/// A `gh` export nests 5 deep; refusing far beyond that keeps the parser,
/// the flattening and the drop of a parsed value off the end of the
/// worker's stack. It must stay below serde_json's own limit (128), which
/// would otherwise answer first with a less helpful message.
pub const MAX_JSON_DEPTH: usize = 64;

/// Distinct keys that become columns. `gh pr list --json` offers about 40
/// fields; every row is widened to all columns as it is read, so this cap
/// is what keeps that widening proportional to the rows.
pub const MAX_JSON_COLUMNS: usize = 256;

/// Longest key that can be a column name: no export's field name is near
/// it, and a megabyte of key would otherwise be copied into every report
/// and suggestion that names its column.
pub const MAX_JSON_KEY_BYTES: usize = 512;

pub struct JsonRow {
    pub line: u32,
    /// This object's non-empty cells in `JsonTable::cells`, in column
    /// order; `None` for an element that is not an object (reported and
    /// skipped).
    cells: Option<Range<usize>>,
    pub reviews: Vec<GhReview>,
}

impl JsonRow {
    pub fn is_object(&self) -> bool {
        self.cells.is_some()
    }
}

pub struct JsonTable {
    pub headers: Vec<String>,
    pub rows: Vec<JsonRow>,
    /// Every row's non-empty cells, row after row: `(column, bytes in text)`.
    cells: Vec<(usize, Range<usize>)>,
    text: String,
    /// The column of [`FIRST_REVIEW`] when some object has `reviews` to fill it from.
    first_review: Option<usize>,
    /// What the file's shape says it is, when it says.
    pub shape: Option<Shape>,
}

impl JsonTable {
    /// Calls `visit` with each row's line and its record, widened to every
    /// header. One record is reused, so only one row is ever wide.
    pub fn each_record(&self, visit: &mut dyn FnMut(u32, &StringRecord)) {
        let (empty, mut record) = (StringRecord::new(), StringRecord::new());
        for row in &self.rows {
            let Some(range) = &row.cells else {
                visit(row.line, &empty);
                continue;
            };
            record.clear();
            let mut cells = self.cells[range.clone()].iter().peekable();
            for column in 0..self.headers.len() {
                match cells.peek() {
                    Some((c, text)) if *c == column => {
                        record.push_field(&self.text[text.clone()]);
                        cells.next();
                    }
                    _ if self.first_review == Some(column) => record.push_field(first_review(&row.reviews)),
                    _ => record.push_field(""),
                }
            }
            visit(row.line, &record);
        }
    }
}

/// The column synthesised from each PR's `reviews` array.
pub const FIRST_REVIEW: &str = "firstReviewAt";

/// What a file's shape says it holds, whatever its keys are called: the
/// kind, how to name the shape in messages, and where its first object is.
#[derive(Clone, Debug)]
pub struct Shape {
    pub kind: FileKind,
    pub what: &'static str,
    pub at: (u32, u32),
}

/// The array inside a wrapper object, and what the wrapper says about it.
#[derive(Default)]
struct Wrapper {
    kind: Option<FileKind>,
    what: &'static str,
    /// `gh pr view --json number,reviews` names the PR once, at the top.
    pr: Option<String>,
}

const WRAPPERS: &str = "`reviews` (gh pr view --json reviews), `items` (REST search results) or \
                        `data.repository.pullRequests.nodes` (GraphQL)";

/// Parses the array, or the array inside a known wrapper object; a syntax
/// error is `(line, column, message)`. Keys left out of the columns are
/// reported in `warnings`.
pub fn read(text: &str, warnings: &mut Warnings) -> Result<JsonTable, (u32, u32, String)> {
    let bytes = text.as_bytes();
    let mut here = Position::START;
    let mut at = |offset: usize| {
        here = here.advanced_to(bytes, offset);
        (here.line, here.column)
    };
    let start = skip_ws(bytes, 0);
    let (mut pos, wrapper) = match bytes.get(start) {
        Some(b'[') => (start, None),
        Some(b'{') => match unwrap(text, start) {
            Ok((array, wrapper)) => (array, Some(wrapper)),
            Err((offset, message)) => {
                let (line, col) = at(offset);
                return Err((line, col, message));
            }
        },
        _ => {
            let (line, col) = at(start);
            return Err((
                line,
                col,
                format!("expected a JSON array of objects, as printed by `gh pr list --json ...`, or an object holding one in {WRAPPERS}"),
            ));
        }
    };
    pos += 1;
    let mut table = Flattener { pr: wrapper.as_ref().and_then(|w| w.pr.clone()), ..Flattener::default() };
    loop {
        pos = skip_ws(bytes, pos);
        match bytes.get(pos) {
            Some(b']') => break,
            None => {
                let (line, col) = at(pos);
                return Err((line, col, "the JSON array is not closed (the file may be cut off)".into()));
            }
            _ => {}
        }
        let (line, col) = at(pos);
        if let Some(deep) = too_deep(bytes, pos) {
            let (line, col) = at(deep);
            return Err((
                line,
                col,
                format!("arrays and objects nest more than {MAX_JSON_DEPTH} deep here; no export does, so the file is refused"),
            ));
        }
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => table.add(line, (line, col), value, warnings),
            Some(Err(e)) => {
                // serde's position is relative to this element, in bytes; ours is not.
                let (line, col) = at(error_offset(bytes, pos, e.line(), e.column()));
                return Err((line, col, describe(&e)));
            }
            None => return Err((line, col, "expected a JSON value".into())),
        }
        pos = skip_ws(bytes, pos + stream.byte_offset());
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            Some(b']') => break,
            None => {
                let (line, col) = at(pos);
                return Err((line, col, "the JSON array is not closed (the file may be cut off)".into()));
            }
            _ => {
                let (line, col) = at(pos);
                return Err((line, col, "expected `,` or `]` after an array element".into()));
            }
        }
    }
    // A wrapper was checked whole before its array was looked for.
    let trailing = skip_ws(bytes, pos + 1);
    if wrapper.is_none() && trailing < bytes.len() {
        let (line, col) = at(trailing);
        return Err((line, col, "unexpected text after the JSON array".into()));
    }
    let (kind, what) = wrapper.map_or((None, ""), |w| (w.kind, w.what));
    Ok(table.finish(kind.map(|kind| (kind, what)), warnings))
}

/// A serde error's message without serde's own position, which counts
/// from the wrong place.
fn describe(e: &serde_json::Error) -> String {
    if e.is_eof() {
        return "the JSON ends in the middle of a value (the file may be cut off)".to_string();
    }
    let text = e.to_string();
    format!("invalid JSON: {}", text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m))
}

/// The array a wrapper object at `start` holds, found by walking its keys,
/// after the whole object was checked: `(byte offset, message)` otherwise.
fn unwrap(text: &str, start: usize) -> Result<(usize, Wrapper), (usize, String)> {
    let bytes = text.as_bytes();
    if let Some(deep) = too_deep(bytes, start) {
        return Err((deep, format!("arrays and objects nest more than {MAX_JSON_DEPTH} deep here; no export does, so the file is refused")));
    }
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return Err((error_offset(bytes, 0, e.line(), e.column()), describe(&e)));
    }
    let array = |at: Option<usize>| at.filter(|&at| bytes[at] == b'[');
    if let Some(reviews) = array(find_key(bytes, start, "reviews")) {
        let pr = find_key(bytes, start, "number").and_then(|at| match scalar(text, at)? {
            Value::Number(n) => Some(n.to_string()),
            Value::String(s) => Some(s),
            _ => None,
        });
        let what = "GitHub reviews (`gh pr view --json reviews`)";
        return Ok((reviews, Wrapper { kind: Some(FileKind::Reviews), what, pr }));
    }
    if let Some(items) = array(find_key(bytes, start, "items")) {
        let what = "GitHub pull requests (REST search results)";
        return Ok((items, Wrapper { kind: Some(FileKind::GithubPrs), what, pr: None }));
    }
    let nodes = ["data", "repository", "pullRequests", "nodes"]
        .iter()
        .try_fold(start, |object, key| find_key(bytes, object, key).filter(|&at| matches!(bytes[at], b'{' | b'[')));
    if let Some(nodes) = array(nodes) {
        let what = "GitHub pull requests (GraphQL `pullRequests.nodes`)";
        return Ok((nodes, Wrapper { kind: Some(FileKind::GithubPrs), what, pr: None }));
    }
    Err((start, format!("expected a JSON array of objects, or an object holding one in {WRAPPERS}; this object holds none")))
}

/// The string value of `key` in the top-level object of `bytes`, if the
/// text is an object (after a UTF-8 byte-order mark and blanks) with that
/// key among its top-level keys. Only keys before it need to be complete,
/// so a file cut off after its first keys still says what it is.
pub fn top_level_string(bytes: &[u8], key: &str) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = skip_ws(bytes, 0);
    let at = find_key(bytes, start, key)?;
    let end = value_end(bytes, at)?;
    serde_json::from_slice::<String>(&bytes[at..end]).ok()
}

/// Where the value of `key` starts in the object at `object`, if it has
/// that key. The text was checked as JSON, so only its shape is walked.
fn find_key(bytes: &[u8], object: usize, key: &str) -> Option<usize> {
    if bytes.get(object) != Some(&b'{') {
        return None;
    }
    let mut pos = object + 1;
    loop {
        pos = skip_ws(bytes, pos);
        if bytes.get(pos) != Some(&b'"') {
            return None; // `}`: no such key
        }
        let key_end = value_end(bytes, pos)?;
        let found = &bytes[pos + 1..key_end - 1] == key.as_bytes();
        pos = skip_ws(bytes, key_end);
        if bytes.get(pos) != Some(&b':') {
            return None;
        }
        pos = skip_ws(bytes, pos + 1);
        if found {
            return Some(pos);
        }
        pos = skip_ws(bytes, value_end(bytes, pos)?);
        if bytes.get(pos) == Some(&b',') {
            pos += 1;
        }
    }
}

/// The byte just past the (valid) JSON value starting at `pos`.
fn value_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate().skip(pos) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' if depth == 0 => return Some(i + 1),
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth == 0 => return Some(i),
            b']' | b'}' if depth == 1 => return Some(i + 1),
            b']' | b'}' => depth = depth.checked_sub(1)?,
            b',' | b' ' | b'\t' | b'\r' | b'\n' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    // Only a number or literal may end with the text; anything open is not a value.
    (depth == 0 && !in_string).then_some(bytes.len())
}

/// The number or string at `pos`.
fn scalar(text: &str, pos: usize) -> Option<Value> {
    let end = value_end(text.as_bytes(), pos)?;
    serde_json::from_str(&text[pos..end]).ok()
}

/// A 1-based line and column (in characters) and the byte offset they are
/// of. Moving one forward counts only the bytes in between, so walking a
/// file front to back costs one pass however many positions are asked for.
#[derive(Clone, Copy)]
struct Position {
    offset: usize,
    line: u32,
    column: u32,
}

impl Position {
    const START: Position = Position { offset: 0, line: 1, column: 1 };

    fn advanced_to(self, bytes: &[u8], offset: usize) -> Position {
        let offset = offset.min(bytes.len());
        if offset < self.offset {
            return Position::START.advanced_to(bytes, offset);
        }
        let mut next = Position { offset, ..self };
        for &b in &bytes[self.offset..offset] {
            if b == b'\n' {
                next.line += 1;
                next.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: a new character.
                next.column += 1;
            }
        }
        next
    }
}

/// The byte offset of serde's `(line, column)` inside the element at
/// `start`: its line counts from the element, its column in bytes up to
/// and including the offending one.
fn error_offset(bytes: &[u8], start: usize, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        start
    } else {
        let newlines = bytes[start..].iter().enumerate().filter(|(_, &b)| b == b'\n');
        newlines.map(|(i, _)| start + i + 1).nth(line - 2).unwrap_or(bytes.len())
    };
    line_start + column.saturating_sub(1)
}

/// Where the element at `start` nests deeper than [`MAX_JSON_DEPTH`], if
/// it does, found by scanning its brackets (outside strings) before the
/// recursive parser sees it.
fn too_deep(bytes: &[u8], start: usize) -> Option<usize> {
    if !matches!(bytes.get(start), Some(b'[' | b'{')) {
        return None;
    }
    let (mut depth, mut in_string, mut escaped) = (1usize, false, false); // the file's own array
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => {
                depth -= 1;
                if depth == 1 {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// Turns parsed elements into sparse rows as they arrive, so no more than
/// one element is ever held as a `serde_json::Value`.
#[derive(Default)]
struct Flattener {
    headers: Vec<String>,
    column_of: HashMap<String, usize>,
    rows: Vec<JsonRow>,
    cells: Vec<(usize, Range<usize>)>,
    text: String,
    with_reviews: bool,
    /// The first key past [`MAX_JSON_COLUMNS`], where, and how many values were left out under such keys.
    past_cap: Option<((u32, u32), String)>,
    values_past_cap: u64,
    /// The PR a wrapper names for all its reviews.
    pr: Option<String>,
    /// Where the first object starts.
    first_object: Option<(u32, u32)>,
}

impl Flattener {
    /// Adds the element that starts at `line`, `at` being its (line, column).
    fn add(&mut self, line: u32, at: (u32, u32), value: Value, warnings: &mut Warnings) {
        let Value::Object(mut object) = value else {
            self.rows.push(JsonRow { line, cells: None, reviews: Vec::new() });
            return;
        };
        self.first_object.get_or_insert(at);
        reshape(&mut object, self.pr.as_deref());
        self.with_reviews |= object.get("reviews").is_some_and(Value::is_array);
        let first = self.cells.len();
        for (key, value) in &object {
            let Some(column) = self.column(key, at, warnings) else { continue };
            let start = self.text.len();
            self.text.push_str(&cell(value));
            if self.text.len() > start {
                self.cells.push((column, start..self.text.len()));
            }
        }
        // Keys come sorted, columns in order of first appearance.
        self.cells[first..].sort_unstable_by_key(|(column, _)| *column);
        let reviews = gh_reviews(&object);
        self.rows.push(JsonRow { line, cells: Some(first..self.cells.len()), reviews });
    }

    /// The column of `key`, added if there is room; `None` if it is left out.
    fn column(&mut self, key: &str, at: (u32, u32), warnings: &mut Warnings) -> Option<usize> {
        if let Some(&column) = self.column_of.get(key) {
            return Some(column);
        }
        if key.len() > MAX_JSON_KEY_BYTES {
            warnings.push("key too long", at.0, at.1, || {
                format!(
                    "this object has a key of {} bytes (\"{}\"), longer than the {MAX_JSON_KEY_BYTES} a column name \
                     may have; its value is ignored",
                    key.len(),
                    truncate(key)
                )
            });
            return None;
        }
        if self.headers.len() == MAX_JSON_COLUMNS {
            self.values_past_cap += 1;
            self.past_cap.get_or_insert_with(|| (at, key.to_string()));
            return None;
        }
        self.column_of.insert(key.to_string(), self.headers.len());
        self.headers.push(key.to_string());
        Some(self.headers.len() - 1)
    }

    /// The kind the keys say these objects are: pull requests have a
    /// number and a title or dates, reviews a state and a submission time.
    /// Decided by shape so that a PR list without dates is never taken for
    /// reviews, whose required columns (`number`, `author`) it also has.
    fn shape(&self, wrapper: Option<(FileKind, &'static str)>) -> Option<Shape> {
        let at = self.first_object?;
        let has = |keys: &[&str]| keys.iter().any(|k| self.column_of.contains_key(*k));
        let (kind, what) = wrapper.or_else(|| {
            if has(&["number"]) && has(&["title", "createdAt", "created_at", "mergedAt", "merged_at"]) {
                Some((FileKind::GithubPrs, "GitHub pull requests"))
            } else if has(&["state"]) && has(&["submittedAt", "submitted_at"]) {
                Some((FileKind::Reviews, "GitHub reviews"))
            } else {
                None
            }
        })?;
        Some(Shape { kind, what, at })
    }

    fn finish(mut self, wrapper: Option<(FileKind, &'static str)>, warnings: &mut Warnings) -> JsonTable {
        if let Some(((line, column), key)) = &self.past_cap {
            warnings.push("too many keys", *line, *column, || {
                format!(
                    "this object brings key \"{}\" past the first {MAX_JSON_COLUMNS} distinct keys, which are all \
                     that become columns; it and any later new keys are ignored ({} values left out)",
                    truncate(key),
                    self.values_past_cap
                )
            });
        }
        // A row without its own `firstReviewAt` takes it from its reviews.
        let first_review = self.with_reviews.then(|| match self.column_of.get(FIRST_REVIEW) {
            Some(&column) => column,
            None => {
                self.headers.push(FIRST_REVIEW.to_string());
                self.headers.len() - 1
            }
        });
        let shape = self.shape(wrapper);
        JsonTable { headers: self.headers, rows: self.rows, cells: self.cells, text: self.text, first_review, shape }
    }
}

/// Brings GitHub's other spellings of one object to the flat shape of a
/// `gh pr list` element, so one format table reads them all:
///
/// * GraphQL connections (`{"nodes": [...]}`, `{"edges": [{"node": ...}]}`)
///   become their arrays, so nested reviews are a `reviews` array;
/// * a REST review names its PR only in `pull_request_url`
///   (`.../pulls/42`), a `gh pr view` review only through its wrapper:
///   either becomes a `pr` key;
/// * a REST search result keeps a PR's merge time in `pull_request.merged_at`.
fn reshape(object: &mut Map<String, Value>, wrapper_pr: Option<&str>) {
    for value in object.values_mut() {
        if let Some(items) = connection(value) {
            *value = Value::Array(items);
        }
    }
    let from_url = object
        .get("pull_request_url")
        .and_then(Value::as_str)
        .and_then(|url| url.trim_end_matches('/').rsplit('/').next())
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string);
    if let Some(pr) = wrapper_pr.map(str::to_string).or(from_url) {
        object.entry("pr").or_insert(Value::String(pr));
    }
    if let Some(Value::Object(link)) = object.get("pull_request") {
        if let Some(merged) = link.get("merged_at").cloned() {
            object.entry("merged_at").or_insert(merged);
        }
        object.remove("pull_request");
    }
}

/// The items of a GraphQL connection, or `None` if `value` is not one.
fn connection(value: &Value) -> Option<Vec<Value>> {
    let object = value.as_object()?;
    if let Some(Value::Array(nodes)) = object.get("nodes") {
        return Some(nodes.clone());
    }
    let Some(Value::Array(edges)) = object.get("edges") else { return None };
    Some(edges.iter().filter_map(|edge| edge.get("node").cloned()).collect())
}
/// The earliest `submittedAt`, as written, so the builder reads it like any cell.
fn first_review(reviews: &[GhReview]) -> &str {
    reviews
        .iter()
        .filter_map(|r| dates::parse(&r.submitted_at, Order::MonthFirst).map(|t| (t, r.submitted_at.as_str())))
        .min()
        .map_or("", |(_, text)| text)
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(object) => identity(object),
        Value::Array(items) => {
            items.iter().map(cell).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(";")
        }
    }
}

/// Who or what an object stands for: a user's login, a team's name, a
/// review's author. Anything else stays as compact JSON rather than vanish.
fn identity(object: &Map<String, Value>) -> String {
    if let Some(Value::String(login)) = object.get("login") {
        return bot_marked(object, login);
    }
    for key in ["name", "slug"] {
        if let Some(Value::String(s)) = object.get(key) {
            return s.clone();
        }
    }
    // A review's author; a GraphQL review request's reviewer.
    match object.get("author").or_else(|| object.get("requestedReviewer")) {
        Some(author) => cell(author),
        None => Value::Object(object.clone()).to_string(),
    }
}

/// A login as a name, with GitHub's `[bot]` suffix added when the account
/// object says it is a bot (`is_bot: true` from `gh`, `type: "Bot"` from
/// the REST API) and the login does not already say so: the name alone
/// then carries the fact to `dataset::Bots`, with no column of its own.
pub fn bot_marked(account: &Map<String, Value>, login: &str) -> String {
    let flagged = account.get("is_bot") == Some(&Value::Bool(true))
        || account.get("type").and_then(Value::as_str).is_some_and(|kind| kind.eq_ignore_ascii_case("bot"));
    if flagged && !Bots::default().is_bot(login) && !login.trim().is_empty() {
        format!("{login}[bot]")
    } else {
        login.to_string()
    }
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(table: &JsonTable) -> Vec<(u32, Vec<String>)> {
        let mut out = Vec::new();
        table.each_record(&mut |line, record| out.push((line, record.iter().map(String::from).collect())));
        out
    }

    fn read_quietly(text: &str) -> Result<JsonTable, (u32, u32, String)> {
        read(text, &mut Warnings::default())
    }

    #[test]
    fn flattens_gh_objects() {
        let text = r#"[
  {"number": 7, "author": {"login": "ana", "is_bot": false},
   "reviewRequests": [{"__typename": "User", "login": "bo"}, {"__typename": "Team", "name": "core"}],
   "reviews": [{"author": {"login": "cy"}, "state": "APPROVED", "submittedAt": "2025-01-02T10:00:00Z"},
               {"author": {"login": "bo"}, "state": "COMMENTED", "submittedAt": "2025-01-01T09:00:00Z"}],
   "mergedAt": null},
  3
]"#;
        let table = read_quietly(text).unwrap();
        // serde_json's map is sorted, so columns come in key order.
        assert_eq!(table.headers, ["author", "mergedAt", "number", "reviewRequests", "reviews", FIRST_REVIEW]);
        let rows = records(&table);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1, ["ana", "", "7", "bo;core", "cy;bo", "2025-01-01T09:00:00Z"]);
        assert_eq!(table.rows[0].reviews.len(), 2);
        assert_eq!(rows[1].0, 7);
        assert!(rows[1].1.is_empty() && !table.rows[1].is_object());
    }

    #[test]
    fn wrapper_keys_are_found_past_nested_values_and_strings_with_brackets() {
        let text = r#"{"note": "a } ] \" {", "nested": {"reviews": 1}, "number": 12, "reviews": [{"state": "APPROVED", "submittedAt": "2025-01-02T03:04:05Z", "author": {"login": "bo"}}]}"#;
        let table = read_quietly(text).unwrap();
        let shape = table.shape.as_ref().expect("a shape");
        assert_eq!((shape.kind, shape.at), (FileKind::Reviews, (1, 76)));
        let rows = records(&table);
        let pr = table.headers.iter().position(|h| h == "pr").unwrap();
        assert_eq!(rows[0].1[pr], "12", "the top-level number, not the nested key");
        assert_eq!(find_key(b"{\"a\": 1}", 0, "b"), None);
        assert_eq!(value_end(b"\"open", 0), None);
        assert!(read_quietly("{\"items\": [{\"number\": 1}]} x").is_err(), "text after the wrapper");
    }

    #[test]
    fn sparse_rows_widen_to_every_column_in_first_seen_order() {
        let table = read_quietly(r#"[{"b": 1, "a": 2}, {"c": 3}, {"a": 4, "c": null}]"#).unwrap();
        assert_eq!(table.headers, ["a", "b", "c"]);
        let rows: Vec<Vec<String>> = records(&table).into_iter().map(|(_, r)| r).collect();
        assert_eq!(rows, [vec!["2", "1", ""], vec!["", "", "3"], vec!["4", "", ""]]);
    }

    #[test]
    fn errors_have_positions() {
        let (line, _, msg) = read_quietly("[\n {\"a\": 1},\n {\"a\": }\n]").err().unwrap();
        assert_eq!(line, 3, "{msg}");
        assert!(read_quietly("{\"a\": 1}").is_err());
        assert!(read_quietly("[{\"a\": 1}").err().unwrap().2.contains("not closed"));
        assert!(read_quietly("[{\"a\": 1}] x").is_err());
    }

    #[test]
    fn columns_count_characters_after_earlier_elements_and_lines() {
        // "é" is two bytes, one column; the error is the `}` after `:`.
        let (line, column, _) = read_quietly("[{\"é\": 1},\n  {\"é\": 2}, {\"é\": }]").err().unwrap();
        assert_eq!((line, column), (2, 19));
        let (line, column, _) = read_quietly("[{\"a\": 1},\n {\"a\":\n\n   x}]").err().unwrap();
        assert_eq!((line, column), (4, 4));
        let (line, column, _) = read_quietly("[1, 2]\n\n  ;").err().unwrap();
        assert_eq!((line, column), (3, 3));
    }

    #[test]
    fn deep_nesting_is_refused_where_it_passes_the_limit() {
        let text = "[".repeat(100_000);
        let (line, column, message) = read_quietly(&text).err().unwrap();
        assert_eq!((line, column), (1, MAX_JSON_DEPTH as u32 + 1), "{message}");
        assert!(message.contains(&format!("more than {MAX_JSON_DEPTH} deep")), "{message}");

        let objects = format!("[\n{}1{}\n]", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        let (line, column, _) = read_quietly(&objects).err().unwrap();
        assert_eq!((line, column), (2, 5 * (MAX_JSON_DEPTH as u32 - 1) + 1));
    }

    #[test]
    fn nesting_up_to_the_limit_loads_and_brackets_in_strings_do_not_count() {
        let inner = MAX_JSON_DEPTH - 2; // the file's array and the object take two levels
        let text = format!(r#"[{{"a": {}1{}, "b": "{}"}}]"#, "[".repeat(inner), "]".repeat(inner), "[{".repeat(500));
        let table = read_quietly(&text).unwrap();
        assert_eq!(table.headers, ["a", "b"]);
    }

    #[test]
    fn disjoint_keys_stop_becoming_columns_at_the_cap_with_a_warning_where() {
        let objects: Vec<String> = (0..MAX_JSON_COLUMNS + 50).map(|i| format!(r#"{{"n": {i}, "k{i}": 1}}"#)).collect();
        let text = format!("[\n{}\n]", objects.join(",\n"));
        let mut warnings = Warnings::default();
        let table = read(&text, &mut warnings).unwrap();
        assert_eq!(table.headers.len(), MAX_JSON_COLUMNS);
        assert_eq!(table.rows.len(), MAX_JSON_COLUMNS + 50, "every object still a row");
        let rows = records(&table);
        assert!(rows.iter().all(|(_, r)| r.len() == MAX_JSON_COLUMNS));
        let n = table.headers.iter().position(|h| h == "n").unwrap();
        assert_eq!(rows.last().unwrap().1[n], (MAX_JSON_COLUMNS + 49).to_string(), "known keys still read");
        let list = warnings.finish();
        // "n" takes one column, so k255 is the first key without one: on line 257.
        let first = format!("key \"k{}\" past the first {MAX_JSON_COLUMNS}", MAX_JSON_COLUMNS - 1);
        let hit = list.iter().find(|w| w.message.contains(&first)).unwrap_or_else(|| panic!("{list:#?}"));
        assert_eq!((hit.line, hit.column), (MAX_JSON_COLUMNS as u32 + 1, 1));
        assert!(hit.message.contains("(51 values left out)"), "{}", hit.message);
    }

    #[test]
    fn an_overlong_key_is_no_column_and_is_cut_in_its_warning() {
        let key = "k".repeat(1 << 20);
        let text = format!("[{{\"a\": 1}},\n  {{\"{key}\": 2, \"b\": 3}}]");
        let mut warnings = Warnings::default();
        let table = read(&text, &mut warnings).unwrap();
        assert_eq!(table.headers, ["a", "b"]);
        let list = warnings.finish();
        assert_eq!(list.len(), 1, "{list:#?}");
        assert_eq!((list[0].line, list[0].column), (2, 3));
        assert!(list[0].message.contains(&format!("a key of {} bytes", 1 << 20)));
        assert!(list[0].message.len() < 400, "the key is cut: {}", &list[0].message[..400]);
    }
}
