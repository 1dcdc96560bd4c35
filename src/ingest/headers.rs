//! Header names as the matcher compares them.
//!
//! The same column is spelled `created_at`, `createdAt`, `Created At (UTC)`
//! or ` Created ` depending on the tool and on who last touched the file,
//! and localized Jira exports add accents (`Categoría de estado`). Every
//! header and every synonym goes through [`normalize`] so the format tables
//! can be written the way the tools spell them and still match each other.

/// Lower-case words separated by single spaces: camelCase is split, accents
/// are folded, punctuation (`_ - ( ) [ ] .`) becomes a word break.
pub fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut prev_lower = false;
    let mut pending_space = false;
    for c in header.trim().trim_start_matches('\u{feff}').chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower {
                pending_space = true;
            }
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            for lower in c.to_lowercase() {
                out.push(fold_accent(lower));
            }
        } else {
            pending_space = true;
            prev_lower = false;
        }
    }
    out
}

/// Folds the accented letters of the languages Jira exports in, so that
/// `Categoría` and a hand-typed `Categoria` are the same header.
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => c,
    }
}

/// A stable id for a header row, so a mapping the user chose for one export
/// is offered again for the next export with the same columns in the same
/// order. Spelling variants that [`normalize`] erases do not change it.
pub fn header_signature(headers: &[String]) -> String {
    // FNV-1a: tiny, stable across platforms and releases (unlike std's
    // SipHash keys), and collisions only cost a wrong suggestion.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for header in headers {
        for b in normalize(header).bytes().chain(std::iter::once(b'\x1f')) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("h{}-{hash:016x}", headers.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_meet() {
        assert_eq!(normalize("created_at"), "created at");
        assert_eq!(normalize("createdAt"), "created at");
        assert_eq!(normalize(" Created At (UTC) "), "created at utc");
        assert_eq!(normalize("MR IID"), "mr iid");
        assert_eq!(normalize("[CHART] Time in Status"), "chart time in status");
        assert_eq!(normalize("Custom field (Story Points)"), "custom field story points");
        assert_eq!(normalize("Categoría de estado"), "categoria de estado");
        assert_eq!(normalize("reviewRequests"), "review requests");
        assert_eq!(normalize("\u{feff}Summary"), "summary");
    }

    #[test]
    fn signature_ignores_spelling_not_columns() {
        let a = header_signature(&["Created At".into(), "Owner".into()]);
        assert_eq!(a, header_signature(&["created_at".into(), " owner".into()]));
        assert_ne!(a, header_signature(&["Owner".into(), "Created At".into()]));
    }
}
