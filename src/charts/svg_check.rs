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
}
