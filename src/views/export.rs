//! Findings, and the workshop's re-rated stakeholders, as CSV for
//! spreadsheets, with formula injection neutralised: a cell from an
//! unvetted file must never run as a formula.

use chrono::NaiveDate;

use crate::views::findings::{FindingRow, HEADERS};
use crate::views::stakeholders::StakeholderGrid;

/// Characters that start a formula, with the full-width and small forms
/// spreadsheet apps normalise to them (`＝SUM(…)` runs like `=SUM(…)`).
const FORMULA_TRIGGERS: [char; 12] = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫'];

/// Invisible characters some apps skip before reading a cell as a formula.
fn is_skipped_before_formula(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Cells that would run as a formula are prefixed with `'`, which makes
/// Excel, LibreOffice and Google Sheets treat them as text: a trigger
/// first, or after leading whitespace, and a leading tab or carriage
/// return, which split a cell and start a new one in some imports.
pub fn neutralise(cell: &str) -> String {
    let first_visible = cell.trim_start_matches(is_skipped_before_formula).chars().next();
    if cell.starts_with(['\t', '\r']) || first_visible.is_some_and(|c| FORMULA_TRIGGERS.contains(&c)) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// RFC 4180 quoting by the `csv` writer; one header row, one row per finding.
/// The snapshot's rows, already pseudonymised in presenter mode.
pub fn findings_csv(rows: &[FindingRow]) -> String {
    neutralised_csv(&HEADERS, rows.iter().map(FindingRow::cells))
}

/// The workshop's outcome as a `stakeholders.csv` teamdiff reads back:
/// `power` and `interest` are where each stakeholder sits now (0–1), the
/// file's own rating stays beside them, and `last_contact` is as loaded.
/// Stakeholders the file could not place are kept with what is known.
pub fn stakeholders_csv(grid: &StakeholderGrid, today: NaiveDate) -> String {
    let scale = |x: f64| format!("{x:.2}");
    let placed = grid.points.iter().map(|p| {
        let last_contact = p.days_since_contact.map(|days| (today - chrono::Duration::days(days)).to_string());
        vec![
            p.label.clone(),
            p.role.clone(),
            scale(p.current.power),
            scale(p.current.interest),
            last_contact.unwrap_or_default(),
            scale(p.initial.power),
            scale(p.initial.interest),
        ]
    });
    let unplaced = grid.unplaced.iter().map(|name| {
        let mut row = vec![String::new(); STAKEHOLDER_HEADERS.len()];
        row[0] = name.clone();
        row
    });
    neutralised_csv(&STAKEHOLDER_HEADERS, placed.chain(unplaced))
}

const STAKEHOLDER_HEADERS: [&str; 7] = ["name", "role", "power", "interest", "last_contact", "file_power", "file_interest"];

/// Any table as CSV, every cell (headers too) neutralised.
fn neutralised_csv(headers: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    fn write_all(
        writer: &mut csv::Writer<Vec<u8>>,
        headers: &[&str],
        rows: impl Iterator<Item = Vec<String>>,
    ) -> csv::Result<()> {
        writer.write_record(headers.iter().map(|h| neutralise(h)))?;
        for row in rows {
            writer.write_record(row.iter().map(|c| neutralise(c)))?;
        }
        writer.flush()?;
        Ok(())
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail; an error here would be a csv crate bug.
    write_all(&mut writer, headers, rows).expect("CSV into memory");
    String::from_utf8(writer.into_inner().expect("CSV buffer")).expect("CSV of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::ingest::{ingest_file, IngestOptions};
    use crate::model::ContactCadence;
    use crate::views::stakeholders::{stakeholder_grid, Position};

    fn load(name: &str, text: &str) -> Dataset {
        let mut dataset = Dataset::default();
        ingest_file(&mut dataset, name, text.as_bytes(), &IngestOptions::default(), &mut |_, _| {}).unwrap();
        dataset
    }

    #[test]
    fn re_rated_stakeholders_read_back_where_the_workshop_put_them() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let original = load(
            "stakeholders.csv",
            "name,role,power,interest,last_contact\n\
             Ana,CFO,5,4,2026-10-01\n\
             =cmd|' /C calc'!A0,VP,2,2,\n\
             Bo,Partner,,,2026-11-01\n",
        );
        let cadence = ContactCadence::default();
        let mut moved = std::collections::BTreeMap::new();
        moved.insert(0, Position { power: 0.25, interest: 0.75 });
        let grid = stakeholder_grid(&original, today, &cadence, &moved);
        let csv_text = stakeholders_csv(&grid, today);
        assert!(csv_text.contains("'=cmd"), "a formula from the file stays text: {csv_text}");

        let read_back = load("stakeholders-after-workshop.csv", &csv_text);
        assert_eq!(read_back.files[0].kind, crate::dataset::FileKind::Stakeholders, "{:#?}", read_back.files[0]);
        assert_eq!(read_back.stakeholders.len(), 3, "the unplaced stakeholder is kept too");
        let ana = &read_back.stakeholders[0];
        assert_eq!((ana.name.as_str(), ana.role.as_str()), ("Ana", "CFO"));
        assert_eq!((ana.power, ana.interest), (Some(0.25), Some(0.75)), "the workshop's position");
        assert_eq!(ana.last_contact, NaiveDate::from_ymd_opt(2026, 10, 1));
        let again = stakeholder_grid(&read_back, today, &cadence, &Default::default());
        assert_eq!(again.points[1].current, grid.points[1].current, "an unmoved stakeholder stays put");
        assert_eq!(again.unplaced, ["Bo"]);
    }

    #[test]
    fn full_width_and_hidden_formula_triggers_are_neutralised() {
        for formula in ["＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "﹣1", " =1", "\u{3000}=1", "\u{A0}+1", "\n=1", "\u{200B}=1", "\u{FEFF}@x", "\t", "\r"] {
            assert_eq!(neutralise(formula), format!("'{formula}"), "{formula:?}");
        }
        for text in ["a=b", "x-1", "Ann", "", " ", "1 + 1", "email@example.com"] {
            assert_eq!(neutralise(text), text, "{text:?}");
        }
    }

    #[test]
    fn formula_cells_are_prefixed_and_quoting_round_trips() {
        let row = FindingRow {
            tripwire: "quiet_contributor".into(),
            team: "=HYPERLINK(\"http://evil\",\"x\")".into(),
            subject: "+1 and, \"quoted\"\nnewline".into(),
            person: Some("@SUM(A1)".into()),
            severity: "-3".into(),
            norm: "\tTAB".into(),
            observed: "\rCR".into(),
            evidence: vec!["prs.csv:2".into(), "prs.csv:3".into()],
            why: "plain".into(),
            ask: "What is -- happening?".into(),
        };
        let csv_text = findings_csv(&[row]);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        assert_eq!(reader.headers().unwrap().len(), HEADERS.len());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[1], "'=HYPERLINK(\"http://evil\",\"x\")");
        assert_eq!(&record[2], "'+1 and, \"quoted\"\nnewline");
        assert_eq!(&record[3], "'@SUM(A1)");
        assert_eq!(&record[4], "'-3");
        assert_eq!(&record[5], "'\tTAB");
        assert_eq!(&record[6], "'\rCR");
        assert_eq!(&record[7], "prs.csv:2; prs.csv:3");
        assert_eq!(&record[8], "plain");
        assert_eq!(&record[9], "What is -- happening?");
    }
}
