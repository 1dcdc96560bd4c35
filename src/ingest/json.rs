//! A JSON array of objects → the same header + records a CSV gives.
//!
//! `gh pr list --json ...` prints an array of objects whose values are
//! nested (`author: {login}`, `reviewRequests: [{login}|{name}]`). Each
//! object becomes one record: keys are headers (the union, in key order), objects collapse to their `login`/`name`, arrays to `;` lists.
//! From there the ordinary format tables and builders take over.
//!
//! Elements are parsed one at a time so that each record knows the line it
//! started on, which the report and every citation need.

use csv::StringRecord;
use serde_json::{Map, Value};

use super::dates::{self, Order};
use super::formats::{gh_reviews, GhReview};

pub struct JsonRow {
    pub line: u32,
    /// `None` for an element that is not an object (reported and skipped).
    pub record: Option<StringRecord>,
    pub reviews: Vec<GhReview>,
}

pub struct JsonTable {
    pub headers: Vec<String>,
    pub rows: Vec<JsonRow>,
}

/// The column synthesised from each PR's `reviews` array.
pub const FIRST_REVIEW: &str = "firstReviewAt";

/// Parses the array; a syntax error is `(line, column, message)`.
pub fn read(text: &str) -> Result<JsonTable, (u32, u32, String)> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    if bytes.get(pos) != Some(&b'[') {
        let (line, col) = line_col(text, pos);
        return Err((line, col, "expected a JSON array of objects, as printed by `gh pr list --json ...`".into()));
    }
    pos += 1;
    let mut elements: Vec<(u32, Value)> = Vec::new();
    loop {
        pos = skip_ws(bytes, pos);
        match bytes.get(pos) {
            Some(b']') => break,
            None => {
                let (line, col) = line_col(text, pos);
                return Err((line, col, "the JSON array is not closed (the file may be cut off)".into()));
            }
            _ => {}
        }
        let (line, col) = line_col(text, pos);
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => elements.push((line, value)),
            Some(Err(e)) => {
                let (el, ec) = (e.line() as u32, e.column() as u32);
                let at = if el <= 1 { (line, col + ec.saturating_sub(1)) } else { (line + el - 1, ec) };
                return Err((at.0, at.1, format!("invalid JSON: {e}")));
            }
            None => return Err((line, col, "expected a JSON value".into())),
        }
        pos = skip_ws(bytes, pos + stream.byte_offset());
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            Some(b']') => break,
            None => {
                let (line, col) = line_col(text, pos);
                return Err((line, col, "the JSON array is not closed (the file may be cut off)".into()));
            }
            _ => {
                let (line, col) = line_col(text, pos);
                return Err((line, col, "expected `,` or `]` after an array element".into()));
            }
        }
    }
    let trailing = skip_ws(bytes, pos + 1);
    if trailing < bytes.len() {
        let (line, col) = line_col(text, trailing);
        return Err((line, col, "unexpected text after the JSON array".into()));
    }
    Ok(flatten(elements))
}

fn flatten(elements: Vec<(u32, Value)>) -> JsonTable {
    let mut headers: Vec<String> = Vec::new();
    for (_, value) in &elements {
        if let Value::Object(object) = value {
            for key in object.keys() {
                if !headers.iter().any(|h| h == key) {
                    headers.push(key.clone());
                }
            }
        }
    }
    let with_reviews = elements.iter().any(|(_, v)| v.get("reviews").is_some_and(Value::is_array));
    if with_reviews && !headers.iter().any(|h| h == FIRST_REVIEW) {
        headers.push(FIRST_REVIEW.to_string());
    }
    let rows = elements
        .into_iter()
        .map(|(line, value)| match value {
            Value::Object(object) => {
                let reviews = gh_reviews(&object);
                let mut record = StringRecord::new();
                for header in &headers {
                    match object.get(header) {
                        Some(value) => record.push_field(&cell(value)),
                        None if header == FIRST_REVIEW => record.push_field(first_review(&reviews)),
                        None => record.push_field(""),
                    }
                }
                JsonRow { line, record: Some(record), reviews }
            }
            _ => JsonRow { line, record: None, reviews: Vec::new() },
        })
        .collect();
    JsonTable { headers, rows }
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
    for key in ["login", "name", "slug"] {
        if let Some(Value::String(s)) = object.get(key) {
            return s.clone();
        }
    }
    match object.get("author") {
        Some(author) => cell(author),
        None => Value::Object(object.clone()).to_string(),
    }
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, pos: usize) -> (u32, u32) {
    let before = &text[..pos.min(text.len())];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let table = read(text).unwrap();
        // serde_json's map is sorted, so columns come in key order.
        assert_eq!(table.headers, ["author", "mergedAt", "number", "reviewRequests", "reviews", FIRST_REVIEW]);
        let row = &table.rows[0];
        assert_eq!(row.line, 2);
        let rec = row.record.as_ref().unwrap();
        assert_eq!(rec.iter().collect::<Vec<_>>(), ["ana", "", "7", "bo;core", "cy;bo", "2025-01-01T09:00:00Z"]);
        assert_eq!(row.reviews.len(), 2);
        assert_eq!(table.rows[1].line, 7);
        assert!(table.rows[1].record.is_none());
    }

    #[test]
    fn errors_have_positions() {
        let (line, _, msg) = read("[\n {\"a\": 1},\n {\"a\": }\n]").err().unwrap();
        assert_eq!(line, 3, "{msg}");
        assert!(read("{\"a\": 1}").is_err());
        assert!(read("[{\"a\": 1}").err().unwrap().2.contains("not closed"));
        assert!(read("[{\"a\": 1}] x").is_err());
    }
}
