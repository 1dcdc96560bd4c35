//! Lines as the user's editor counts them, for every line number ingest
//! reports.
//!
//! A line ends at `\n`, at `\r\n`, and at a lone `\r`: Excel's "CSV
//! (Macintosh)" still writes classic Mac line ends, and the CSV reader
//! splits records at them too, so counting only `\n` would put every
//! warning of such a file on line 1.

/// Line ends in `bytes`. A `\r\n` split across two slices would count
/// twice, so callers cut slices only where a line or record starts.
pub fn line_ends(bytes: &[u8]) -> u32 {
    // One branch-free pass (it vectorises): this runs between every two
    // records of every CSV file.
    let (mut lf, mut cr) = (0u32, 0u32);
    for &b in bytes {
        lf += u32::from(b == b'\n');
        cr += u32::from(b == b'\r');
    }
    let crlf = if cr == 0 { 0 } else { bytes.windows(2).filter(|pair| pair == b"\r\n").count() as u32 };
    lf + cr - crlf
}

/// Whether `b` ends a line (alone or as the first byte of `\r\n`).
pub fn is_line_end(b: u8) -> bool {
    matches!(b, b'\n' | b'\r')
}

/// The 1-based line and column of byte `at`, the column counted in
/// characters (UTF-8 continuation bytes do not start one).
pub fn position(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before.iter().rposition(|&b| is_line_end(b)).map_or(0, |i| i + 1);
    let column = before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32 + 1;
    (line_ends(before) + 1, column)
}

/// Line and column of every byte `wanted` picks, in one pass.
pub fn positions(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Vec<(u32, u32)> {
    let (mut line, mut column) = (1u32, 1u32);
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if wanted(b) {
            out.push((line, column));
        }
        match b {
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => {}
            b'\n' | b'\r' => (line, column) = (line + 1, 1),
            _ if b & 0xC0 != 0x80 => column += 1,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_end_convention_counts_once() {
        assert_eq!(line_ends(b"a\nb\r\nc\rd"), 3);
        assert_eq!(line_ends(b"\r\r\n\n"), 3);
        assert_eq!(line_ends(b"abc"), 0);
    }

    #[test]
    fn positions_after_each_convention() {
        assert_eq!(position(b"ab\rcd\r\nef", 8), (3, 2));
        assert_eq!(position("añb\nx".as_bytes(), 3), (1, 3), "a character is one column");
        assert_eq!(position(b"abc", 0), (1, 1));
        let text = b"a\0\r\n\0b\r\0";
        let each: Vec<(u32, u32)> = (0..text.len()).filter(|&i| text[i] == 0).map(|i| position(text, i)).collect();
        assert_eq!(positions(text, |b| b == 0), each, "one pass agrees with one position at a time");
    }
}
