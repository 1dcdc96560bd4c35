//! Bytes → text, in one pass, borrowing whenever the file already is UTF-8.
//!
//! Exports arrive in whatever encoding the tool or the user's Excel chose:
//! UTF-8 with or without a BOM (Jira adds one), UTF-16 from Excel's
//! "Unicode text", and Windows-1252 from older Excel "CSV". The BOM wins;
//! otherwise valid UTF-8 is taken as is, a NUL-byte pattern reveals BOM-less
//! UTF-16, and anything else is read as Windows-1252 — which can decode any
//! byte, so it is the honest last resort, and the report says it was used.
//! Files that are clearly not text (zip/xlsx, PDF, images, NUL-riddled
//! bytes) are refused here with a message that says what they look like.
//! A few NUL bytes in otherwise clean text are damage, not a binary file:
//! they are dropped and each one is reported where it was.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use super::lines;

#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// A whole-file note for the report, e.g. which fallback was used.
    pub note: Option<String>,
    /// Line and column of each stray NUL byte that was dropped.
    pub dropped_nuls: Vec<(u32, u32)>,
}

/// Decodes `bytes`, or says in one sentence, with the line and column when
/// one byte gives it away, why this is not a text file.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, (u32, u32, String)> {
    if let Some(what) = binary_signature(bytes) {
        return Err((0, 0, format!("this is {what}, not a CSV or JSON export; export or save it as CSV first")));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(with_encoding(&bytes[bom_len..], encoding, None));
    }
    // BOM-less UTF-16 of ASCII text is also valid UTF-8 (NUL is a valid
    // character), so the NUL pattern is checked before trusting UTF-8.
    // `contains` is a vectorised search; `position` would read every byte
    // one at a time, and nearly every file has no NUL.
    if !bytes.contains(&0) {
        return Ok(text_without_bom(Cow::Borrowed(bytes), Vec::new()));
    }
    let first_nul = bytes.iter().position(|&b| b == 0).unwrap_or(0);
    if let Some(encoding) = bomless_utf16(bytes) {
        let note = format!("no byte-order mark, but the bytes are {}; decoded as such", encoding.name());
        return Ok(with_encoding(bytes, encoding, Some(note)));
    }
    if !stray_nuls(bytes) {
        let (line, column) = lines::position(bytes, first_nul);
        return Err((
            line,
            column,
            format!(
                "the file contains NUL bytes (the first at line {line}, column {column}), so it is binary, \
                 not a CSV or JSON export"
            ),
        ));
    }
    let nuls = lines::positions(bytes, |b| b == 0);
    Ok(text_without_bom(Cow::Owned(bytes.iter().copied().filter(|&b| b != 0).collect()), nuls))
}

/// Where the text starts in a file that opens with `head`, if the file
/// may be UTF-8 read as is (no byte-order mark but UTF-8's, not a binary
/// format): what a file streamed in pieces needs, since only UTF-8
/// without NUL bytes decodes piece by piece exactly as [`decode`] decodes
/// it whole (the streamed read checks each piece for the rest).
pub fn utf8_text_start(head: &[u8]) -> Option<usize> {
    if binary_signature(head).is_some() {
        return None;
    }
    match Encoding::for_bom(head) {
        Some((encoding, bom_len)) => (encoding == UTF_8).then_some(bom_len),
        None => Some(0),
    }
}

/// The text of `bytes` that decodes as [`decode`] decodes it in a whole
/// file: UTF-8 without NUL bytes; unless `last`, a character cut at the
/// end is left for the next piece. `None` when `bytes` are not that.
pub fn utf8_piece(bytes: &[u8], last: bool) -> Option<&str> {
    if has_nul(bytes) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(error) if error.error_len().is_none() && !last => std::str::from_utf8(&bytes[..error.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// Whether `bytes` hold a NUL, tested sixteen bytes at a time: every byte
/// of a big file passes here, and `<[u8]>::contains` tests wasm32's
/// four-byte words.
fn has_nul(bytes: &[u8]) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bits set in `(word - 0x01…) & !word` exactly when some byte of
    // the word is zero (a byte's own high bit or a borrow from a zero
    // below sets them; with no zero byte there is no borrow).
    let zero_marks = |word: &[u8]| {
        let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        word.wrapping_sub(LOW) & !word
    };
    let mut pairs = bytes.chunks_exact(16);
    if pairs.by_ref().any(|pair| (zero_marks(&pair[..8]) | zero_marks(&pair[8..])) & HIGH != 0) {
        return true;
    }
    pairs.remainder().contains(&0)
}

/// UTF-8 when the bytes are, else Windows-1252 (which decodes any byte).
fn text_without_bom(bytes: Cow<'_, [u8]>, dropped_nuls: Vec<(u32, u32)>) -> Decoded<'_> {
    let utf8 = match bytes {
        Cow::Borrowed(b) => std::str::from_utf8(b).map(Cow::Borrowed).map_err(|_| Cow::Borrowed(b)),
        Cow::Owned(b) => String::from_utf8(b).map(Cow::Owned).map_err(|e| Cow::Owned(e.into_bytes())),
    };
    match utf8 {
        Ok(text) => Decoded { text, note: None, dropped_nuls },
        Err(bytes) => {
            let note = "the file is not valid UTF-8; decoded as Windows-1252 (the Excel default), so check accented names";
            let decoded = with_encoding(&bytes, WINDOWS_1252, Some(note.into()));
            Decoded { text: Cow::Owned(decoded.text.into_owned()), note: decoded.note, dropped_nuls }
        }
    }
}

/// NULs few enough, in bytes otherwise free of control characters, to be
/// damage in a text file rather than the mark of a binary one.
fn stray_nuls(bytes: &[u8]) -> bool {
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    let controls = bytes.iter().any(|&b| matches!(b, 0x01..=0x08 | 0x0E..=0x1F));
    !controls && nuls <= (bytes.len() / 1000).max(16)
}

fn with_encoding<'a>(body: &'a [u8], encoding: &'static Encoding, note: Option<String>) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let note = match (note, had_errors) {
        (note, false) => note,
        (Some(note), true) => Some(format!("{note}; some invalid byte sequences were replaced by U+FFFD")),
        (None, true) => Some(format!(
            "the file is not valid {}; invalid byte sequences were replaced by U+FFFD",
            if encoding == UTF_8 { "UTF-8 despite its byte-order mark" } else { encoding.name() }
        )),
    };
    Decoded { text, note, dropped_nuls: Vec::new() }
}

/// UTF-16 text of mostly ASCII has a NUL in every other byte; which half
/// holds them gives the byte order.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nuls * 10 >= pairs * 6 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 6 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "a zip archive (an .xlsx workbook is one)"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a legacy Office document (.xls)"),
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"SQLite format 3\0", "an SQLite database"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|&(_, what)| what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_is_found_at_every_place_among_every_other_byte() {
        for len in 0..40 {
            for other in 1..=255u8 {
                let mut bytes = vec![other; len];
                assert!(!has_nul(&bytes), "{len} bytes of {other:#x}");
                for at in 0..len {
                    bytes[at] = 0;
                    assert!(has_nul(&bytes), "{len} bytes of {other:#x}, a NUL at {at}");
                    bytes[at] = other;
                }
            }
        }
        // Bytes whose borrows and high bits could pass for a NUL's mark.
        let tricky: Vec<u8> = (0..64u32).map(|i| [0x01, 0x80, 0x81, 0xff, 0x7f][i as usize % 5]).collect();
        assert!(!has_nul(&tricky));
        for at in 0..tricky.len() {
            let mut bytes = tricky.clone();
            bytes[at] = 0;
            assert!(has_nul(&bytes), "a NUL at {at}");
        }
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            let b = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn utf8_is_borrowed_and_bom_stripped() {
        let d = decode(b"a,b\n1,2\n").unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        let d = decode(b"\xEF\xBB\xBFa,b\n").unwrap();
        assert_eq!(d.text, "a,b\n");
        assert!(matches!(d.text, Cow::Borrowed(_)), "a BOM is skipped, not a reason to copy the file");
        assert!(d.note.is_none());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for be in [false, true] {
            let bytes = utf16("name\tteam\nJosé\tCore\n", be, true);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, "name\tteam\nJosé\tCore\n");
            let bytes = utf16("name\tteam\nJosé\tCore\n", be, false);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, "name\tteam\nJosé\tCore\n");
            assert!(d.note.unwrap().contains("UTF-16"));
        }
    }

    #[test]
    fn windows_1252_fallback_is_reported() {
        let d = decode(b"name\nJos\xE9 \x80\n").unwrap();
        assert_eq!(d.text, "name\nJosé €\n");
        assert!(d.note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn binary_is_refused_with_a_reason() {
        assert!(decode(b"PK\x03\x04rest").unwrap_err().2.contains("xlsx"));
        let (line, column, message) = decode(b"a,b\r\nc\0\0\x01\x02\xff\x00").unwrap_err();
        assert!(message.contains("NUL"));
        assert_eq!((line, column), (2, 2));
    }

    #[test]
    fn stray_nuls_are_dropped_and_located() {
        let d = decode(b"a,b\rc\0d,e\n\0").unwrap();
        assert_eq!(d.text, "a,b\rcd,e\n");
        assert_eq!(d.dropped_nuls, [(2, 2), (3, 1)]);
        let d = decode(b"name\nJos\xE9\0\n").unwrap();
        assert_eq!(d.text, "name\nJosé\n", "the rest still decodes as Windows-1252");
        assert!(d.note.unwrap().contains("Windows-1252"));
    }
}
