//! Findings as CSV for spreadsheets, with formula injection neutralised:
//! a cell from an unvetted file must never run as a formula.

use crate::views::findings::{FindingRow, HEADERS};

/// Cells starting with one of these are prefixed with `'`, which makes
/// Excel, LibreOffice and Google Sheets treat them as text.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_TRIGGERS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// RFC 4180 quoting by the `csv` writer; one header row, one row per finding.
/// Pass rows through `FindingRow::presented` first to honour presenter mode.
pub fn findings_csv(rows: &[FindingRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let write_all = |writer: &mut csv::Writer<Vec<u8>>| -> csv::Result<()> {
        writer.write_record(HEADERS.map(neutralise))?;
        for row in rows {
            writer.write_record(row.cells().iter().map(|c| neutralise(c)))?;
        }
        writer.flush()?;
        Ok(())
    };
    // Writing to memory cannot fail; an error here would be a csv crate bug.
    write_all(&mut writer).expect("CSV into memory");
    String::from_utf8(writer.into_inner().expect("CSV buffer")).expect("CSV of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

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
