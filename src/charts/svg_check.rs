//! Reads back the SVG the charts write, for tests that assert marks and for
//! the injection checks: which elements exist, what text they show.

/// Every element plotters or `render_svg` may write. Anything else in a
/// chart's SVG came from data and is an injection.
pub const OWN_ELEMENTS: [&str; 9] = ["svg", "title", "rect", "line", "polyline", "polygon", "circle", "text", "path"];

/// Names of all opening tags, in document order.
pub fn element_names(svg: &str) -> Vec<String> {
    svg.split('<')
        .skip(1)
        .filter(|tag| !tag.starts_with('/') && !tag.starts_with('!') && !tag.starts_with('?'))
        .map(|tag| tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':').collect())
        .collect()
}

/// Elements that are not ours, plus event-handler attributes anywhere
/// outside text content. Empty means the SVG is inert.
pub fn injected(svg: &str) -> Vec<String> {
    injected_among(svg, &OWN_ELEMENTS)
}

/// As [`injected`], for markup whose legitimate elements are `allowed`.
pub fn injected_among(markup: &str, allowed: &[&str]) -> Vec<String> {
    let svg = markup;
    let mut found: Vec<String> =
        element_names(svg).into_iter().filter(|name| !allowed.contains(&name.to_ascii_lowercase().as_str())).collect();
    for tag in svg.split('<').skip(1) {
        let inside_tag = tag.split('>').next().unwrap_or("");
        found.extend(
            attribute_names(inside_tag)
                .into_iter()
                .filter(|name| name.to_ascii_lowercase().starts_with("on"))
                .map(|name| format!("attribute {name}")),
        );
    }
    found
}

/// Attribute names of one tag, honouring quotes so that escaped data inside
/// a value is not mistaken for an attribute.
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = tag.chars().skip_while(|c| !c.is_whitespace()).peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=')).collect();
        if name.is_empty() {
            return names;
        }
        names.push(name);
        if chars.next_if_eq(&'=').is_some() {
            match chars.next() {
                Some(quote @ ('"' | '\'')) => while chars.next().is_some_and(|c| c != quote) {},
                _ => while chars.next_if(|c| !c.is_whitespace()).is_some() {},
            }
        }
    }
}

pub fn count_elements(svg: &str, name: &str) -> usize {
    element_names(svg).iter().filter(|n| *n == name).count()
}

/// Text content of every `<text>` element, unescaped.
pub fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|rest| {
            let content = rest.split_once('>')?.1;
            Some(unescape(content.split("</text>").next()?.trim()))
        })
        .collect()
}

pub fn has_text(svg: &str, wanted: &str) -> bool {
    texts(svg).iter().any(|t| t == wanted)
}

/// Rectangles filled with `color` (e.g. `"#0072B2"`).
pub fn rects_filled(svg: &str, color: &str) -> usize {
    elements_with(svg, "rect", &format!("fill=\"{color}\""))
}

/// Elements named `name` whose attributes contain `fragment`.
pub fn elements_with(svg: &str, name: &str, fragment: &str) -> usize {
    svg.split('<')
        .filter(|tag| tag.strip_prefix(name).is_some_and(|rest| rest.starts_with(char::is_whitespace)))
        .filter(|tag| tag.split('>').next().is_some_and(|attrs| attrs.contains(fragment)))
        .count()
}

/// Lines and paths stroked with `color` at `width`: norm and threshold lines.
pub fn count_stroked(svg: &str, color: &str, width: u32) -> usize {
    let stroke = format!("stroke=\"{color}\"");
    let stroke_width = format!("stroke-width=\"{width}\"");
    svg.split('<')
        .filter(|tag| tag.starts_with("polyline") || tag.starts_with("line") || tag.starts_with("path"))
        .filter(|tag| tag.split('>').next().is_some_and(|attrs| attrs.contains(&stroke) && attrs.contains(&stroke_width)))
        .count()
}

/// Whether `markup` is a well-formed XML document, as a downloaded SVG must
/// be: image decoders (and so PNG export) parse SVG strictly, unlike the
/// HTML parser that draws it on the page. Checks the characters XML
/// allows, tags that open and close in order, quoted and unique
/// attributes, and entity references; not DTDs or namespaces.
pub fn well_formed(markup: &str) -> Result<(), String> {
    if let Some((at, c)) = markup.char_indices().find(|(_, c)| !crate::views::markup::is_xml_char(*c)) {
        return Err(format!("character U+{:04X} at byte {at} is not allowed in XML", u32::from(c)));
    }
    let mut open: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = markup;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt], !open.is_empty())?;
        rest = &rest[lt..];
        let (end, skip) = if rest.starts_with("<!--") {
            ("-->", 4)
        } else if rest.starts_with("<?") {
            ("?>", 2)
        } else {
            (">", 1)
        };
        let close = rest[skip..].find(end).ok_or_else(|| format!("unclosed markup at {:?}", prefix(rest)))? + skip;
        let tag = &rest[1..close];
        rest = &rest[close + end.len()..];
        if skip > 1 {
            continue; // a comment or processing instruction
        }
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(expected) if expected == name.trim_end() => continue,
                expected => return Err(format!("</{name}> closes {expected:?}")),
            }
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')) {
            return Err(format!("bad element name in <{}>", prefix(tag)));
        }
        check_attributes(name, &tag[name_end..])?;
        if open.is_empty() {
            roots += 1;
        }
        if !self_closing {
            open.push(name);
        }
    }
    check_text(rest, false)?;
    match (open.last(), roots) {
        (Some(name), _) => Err(format!("<{name}> is never closed")),
        (None, 1) => Ok(()),
        (None, n) => Err(format!("{n} root elements")),
    }
}

/// Text between tags: references must be valid, and only whitespace may
/// stand outside the root element.
fn check_text(text: &str, inside_root: bool) -> Result<(), String> {
    if !inside_root && !text.trim().is_empty() {
        return Err(format!("text outside the root element: {:?}", prefix(text)));
    }
    check_references(text)
}

fn check_attributes(element: &str, mut attributes: &str) -> Result<(), String> {
    let mut seen = Vec::new();
    loop {
        attributes = attributes.trim_start();
        if attributes.is_empty() {
            return Ok(());
        }
        let (name, value) = attributes.split_once('=').ok_or_else(|| format!("<{element}>: attribute without a value: {:?}", prefix(attributes)))?;
        let name = name.trim();
        let value = value.trim_start();
        let quote = value.chars().next().filter(|q| matches!(q, '"' | '\'')).ok_or_else(|| format!("<{element}>: {name} is not quoted"))?;
        let inner_end = value[1..].find(quote).ok_or_else(|| format!("<{element}>: {name} is never closed"))? + 1;
        let inner = &value[1..inner_end];
        if inner.contains('<') {
            return Err(format!("<{element}>: {name} contains '<'"));
        }
        check_references(inner)?;
        if seen.contains(&name) {
            return Err(format!("<{element}>: {name} appears twice"));
        }
        seen.push(name);
        attributes = &value[inner_end + 1..];
        if !attributes.is_empty() && !attributes.starts_with(char::is_whitespace) {
            return Err(format!("<{element}>: no space after {name}"));
        }
    }
}

/// Every `&` starts `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` or a
/// numeric reference to a character XML allows.
fn check_references(text: &str) -> Result<(), String> {
    for (at, _) in text.match_indices('&') {
        let reference = text[at + 1..].split(';').next().filter(|_| text[at + 1..].contains(';')).unwrap_or("");
        let numeric = reference.strip_prefix("#x").map(|hex| u32::from_str_radix(hex, 16)).or_else(|| reference.strip_prefix('#').map(str::parse));
        let valid = match numeric {
            Some(code) => code.ok().and_then(char::from_u32).is_some_and(crate::views::markup::is_xml_char),
            None => matches!(reference, "lt" | "gt" | "amp" | "quot" | "apos"),
        };
        if !valid {
            return Err(format!("bad reference at {:?}", prefix(&text[at..])));
        }
    }
    Ok(())
}

fn prefix(text: &str) -> String {
    text.chars().take(40).collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_injected_elements_and_handlers_but_not_escaped_text() {
        let inert = r#"<svg a="x onload=1"><text x="1">&lt;script&gt; onerror=1</text></svg>"#;
        assert!(injected(inert).is_empty());
        let hostile = r#"<svg><text>a</text><img src=x onerror=alert(1)><script>1</script><rect onclick="x"/></svg>"#;
        assert_eq!(injected(hostile), ["img", "script", "attribute onerror", "attribute onclick"]);
        assert_eq!(texts(inert), ["<script> onerror=1"]);
    }

    #[test]
    fn well_formed_accepts_xml_and_names_what_breaks_it() {
        let good = "<?xml version=\"1.0\"?>\n<svg a=\"1\" b='&lt;&#x41;&#66;'><!-- c --><text>x &amp; y</text><rect/></svg>\n";
        assert_eq!(well_formed(good), Ok(()));
        for (bad, why) in [
            ("<svg><text>\u{FFFE}</text></svg>", "U+FFFE"),
            ("<svg><text>\u{1}</text></svg>", "U+0001"),
            ("<svg><text>a & b</text></svg>", "bad reference"),
            ("<svg><text>&#xFFFF;</text></svg>", "bad reference"),
            ("<svg><text></svg>", "closes"),
            ("<svg a=1></svg>", "not quoted"),
            ("<svg a=\"1\" a=\"2\"></svg>", "twice"),
            ("<svg></svg><svg></svg>", "2 root elements"),
            ("<svg>", "never closed"),
        ] {
            let error = well_formed(bad).unwrap_err();
            assert!(error.contains(why), "{bad:?}: {error}");
        }
    }
}
