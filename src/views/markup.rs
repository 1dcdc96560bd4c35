//! The one escaping function for markup teamdiff writes itself (report,
//! tables, SVG accessibility attributes). Text plotters draws is escaped by
//! plotters' SVG backend; everything else goes through here.

/// Escapes for both element content and double- or single-quoted attribute
/// values, so callers cannot pick the wrong variant.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters and U+FFFE/U+FFFF are invalid in XML (an
            // SVG or report with one does not parse, and PNG export fails)
            // and can confuse parsers into ending a token early; they carry
            // no meaning in a label.
            c if (c.is_control() && c != '\n' && c != '\t') || !is_xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document. Rust strings cannot hold lone
/// surrogates, so this leaves the C0 controls but tab, newline and
/// carriage return, and U+FFFE and U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn hostile_markup_becomes_text() {
        assert_eq!(
            escape(r#"</svg><script>alert("x")</script>&'"#),
            "&lt;/svg&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c"), "abc");
        assert_eq!(escape("x\u{FFFE}y\u{FFFF}z\u{FFFD}"), "xyz\u{FFFD}");
    }
}
