//! What kind of export a file is, from its first bytes alone: a drop's
//! files can then be read in the order its first views need them
//! (`engine::dispatch`), before any file is read whole. The answer is the
//! one reading the whole file gives, since it is decided the same way:
//! the header row through [`Plan::new`].

use super::csv_source::CsvSource;
use super::decode::decode;
use super::plan::Plan;
use super::sniff::{sniff, Syntax};
use super::warnings::Warnings;
use super::IngestOptions;
use crate::dataset::FileKind;

/// How much of a file [`kind_of_head`] wants: a header row of a few hundred
/// columns, after a preamble line, fits many times over.
pub const HEAD_BYTES: u64 = 64 << 10;

/// The part of a file in memory that [`kind_of_head`] reads.
pub fn head_of(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(HEAD_BYTES as usize)]
}

/// The kind of export whose file starts with `head`, or `None` when the
/// head does not say: a JSON export (its kind is in its shape, which
/// needs the whole file), no complete header row, not text at all, or no
/// kind whose columns it has. Reading the whole file then says why.
pub fn kind_of_head(head: &[u8], options: &IngestOptions) -> Option<FileKind> {
    // A cut at the last line break leaves no character and no quoted cell
    // half read (a header row holds no line break in practice).
    let whole_lines = &head[..head.iter().rposition(|&b| b == b'\n')? + 1];
    let decoded = decode(whole_lines).ok()?;
    let Syntax::Csv { delimiter, skip } = sniff(&decoded.text).ok()? else { return None };
    let (header_line, header, _) = CsvSource::new(&decoded.text[skip..], delimiter, 1 + u32::from(skip > 0)).header()?;
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let plan = Plan::new(&headers, options, &mut Warnings::default(), header_line, None).ok()?;
    (plan.kind != FileKind::Unknown).then_some(plan.kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::demo::{generate, DemoSize};

    fn kind_read_whole(name: &str, bytes: &[u8]) -> Option<FileKind> {
        let mut dataset = Dataset::default();
        let index = super::super::ingest_file(&mut dataset, name, bytes, &IngestOptions::default(), &mut |_, _| {}).ok()?;
        Some(dataset.files[index].kind)
    }

    #[test]
    fn the_head_of_every_demo_file_says_the_kind_the_whole_file_is_read_as() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let files = generate(DemoSize::Medium, 7, today);
        let mut said = 0;
        for file in &files {
            let from_head = kind_of_head(head_of(&file.bytes), &IngestOptions::default());
            if from_head.is_some() {
                said += 1;
                assert_eq!(from_head, kind_read_whole(&file.name, &file.bytes), "{}", file.name);
            }
        }
        assert!(said >= files.len() - 1, "only a JSON export may keep its kind to itself: {said} of {}", files.len());
    }

    #[test]
    fn a_cut_mid_character_mid_row_or_mid_header_is_read_up_to_its_last_whole_line() {
        let csv = "\u{feff}Title,Author,State,Created At,Merged At,Repository,Number\nÉtude de l'accès,zoë,merged,2026-11-02,2026-11-03,web,1\n";
        let whole = kind_read_whole("prs.csv", csv.as_bytes());
        assert_eq!(whole, Some(FileKind::GithubPrs));
        let options = IngestOptions::default();
        let header_end = csv.find('\n').unwrap() + 1;
        for cut in header_end..csv.len() {
            if csv.is_char_boundary(cut) || cut > header_end {
                assert_eq!(kind_of_head(&csv.as_bytes()[..cut], &options), whole, "cut at byte {cut}");
            }
        }
        assert_eq!(kind_of_head(&csv.as_bytes()[..header_end - 3], &options), None, "no whole header row yet");
        assert_eq!(kind_of_head(b"", &options), None);
        assert_eq!(kind_of_head(b"[{\"number\": 1, \"merged_at\": \"2026-11-03\"}]\n", &options), None, "JSON: its shape decides");
        assert_eq!(kind_of_head(b"\x89PNG\r\n\x1a\n", &options), None);
    }
}
