//! Which syntax the text is in: a JSON array, or CSV with which delimiter.
//!
//! Users re-save exports in Excel, which picks `;` in much of Europe and tab
//! for "Unicode text", and some tools emit `|`. Guessing from the extension
//! is useless (everything is `.csv`), so the delimiter is decided from the
//! first records: the candidate that splits the header into the most
//! columns *and* splits the following records the same way wins. Counting
//! is quote-aware so commas inside quoted titles do not vote.

/// The syntax of a decoded file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Csv {
        delimiter: u8,
        /// Byte length of an Excel `sep=X` preamble line to skip, or 0.
        skip: usize,
    },
}

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Enough records to see through a header and a few rows of real data.
const SAMPLE_RECORDS: usize = 50;
const SAMPLE_BYTES: usize = 256 * 1024;

/// Decides the syntax, or says why the text is neither CSV nor JSON.
pub fn sniff(text: &str) -> Result<Syntax, String> {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    match trimmed.as_bytes().first() {
        None => return Err("the file is empty".into()),
        Some(b'[') | Some(b'{') => return Ok(Syntax::Json),
        Some(b'<') => return Err("this looks like HTML or XML, not a CSV or JSON export".into()),
        _ => {}
    }
    if let Some(rest) = text.strip_prefix("sep=").or_else(|| text.strip_prefix("SEP=")) {
        let delimiter = rest.as_bytes().first().copied().filter(|b| !matches!(b, b'\r' | b'\n'));
        if let Some(delimiter) = delimiter {
            // The line ends at `\n`, `\r\n` or a lone `\r` (Excel's "CSV (Macintosh)").
            let skip = match text.find(['\r', '\n']) {
                Some(i) if text[i..].starts_with("\r\n") => i + 2,
                Some(i) => i + 1,
                None => text.len(),
            };
            return Ok(Syntax::Csv { delimiter, skip });
        }
    }
    Ok(Syntax::Csv { delimiter: delimiter(text), skip: 0 })
}

/// The candidate delimiter that best explains the first records.
pub fn delimiter(text: &str) -> u8 {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text.as_bytes()[..end];
    let mut best = (b',', 0usize, 0usize);
    for &candidate in &CANDIDATES {
        let counts = field_counts(sample, candidate);
        let Some(&header) = counts.first() else { continue };
        if header == 0 {
            continue;
        }
        // Records agreeing with the header; the last sampled record may be
        // cut off by the sample window, so it does not get a vote.
        let voters = &counts[1..counts.len().saturating_sub(1).max(1)];
        let agree = voters.iter().filter(|&&c| c == header).count();
        let consistent = voters.is_empty() || agree * 2 >= voters.len();
        let score = if consistent { header * 4 + agree } else { header };
        if score > best.1 || (score == best.1 && header > best.2) {
            best = (candidate, score, header);
        }
    }
    best.0
}

/// Delimiters outside quotes per record, for the first records in `sample`.
/// Blank lines are not records (the CSV reader skips them too), so the `\n`
/// of a `\r\n` ends nothing, and a lone `\r` ends a record like `\n`.
fn field_counts(sample: &[u8], delimiter: u8) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut in_quotes = false;
    let mut count = 0;
    let mut blank = true;
    for &b in sample {
        match b {
            b'"' => {
                in_quotes = !in_quotes;
                blank = false;
            }
            b'\n' | b'\r' if !in_quotes => {
                if !blank {
                    counts.push(count);
                    if counts.len() == SAMPLE_RECORDS {
                        return counts;
                    }
                }
                count = 0;
                blank = true;
            }
            _ if b == delimiter && !in_quotes => {
                count += 1;
                blank = false;
            }
            _ => blank = false,
        }
    }
    if !blank {
        counts.push(count);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_each_delimiter() {
        for d in [',', ';', '\t', '|'] {
            let text = format!("a{d}b{d}c\n\"x, y; z\"{d}2{d}3\n4{d}5{d}6\n");
            assert_eq!(delimiter(&text), d as u8, "{d:?}");
        }
    }

    #[test]
    fn commas_inside_fields_do_not_beat_semicolons() {
        let text = "title;team\n\"Fix a, b, c and d\";Core\n\"e, f, g\";Web\n";
        assert_eq!(delimiter(text), b';');
    }

    #[test]
    fn classic_mac_line_ends_separate_records() {
        // Read as one record, the commas of the data would outvote the header.
        let text = "title;team\ra, b, c, d;Core\re, f, g, h;Web\ri, j, k, l;Ops\r";
        assert_eq!(delimiter(text), b';');
    }

    #[test]
    fn json_and_excel_sep_line() {
        assert_eq!(sniff("  [{\"a\":1}]").unwrap(), Syntax::Json);
        assert_eq!(sniff("sep=;\r\na;b\r\n").unwrap(), Syntax::Csv { delimiter: b';', skip: 7 });
        assert_eq!(sniff("sep=;\ra;b\r").unwrap(), Syntax::Csv { delimiter: b';', skip: 6 });
        assert!(sniff(" \n ").is_err());
        assert!(sniff("<html>").unwrap_err().contains("HTML"));
    }
}
