//! SVG files for the web edition, written again through an allow-list of elements and
//! attributes: an SVG is a document that a browser runs when it is opened on its own, so a
//! script, an event handler, a `foreignObject` or a link to `javascript:` or elsewhere would run
//! in the gemeente's site. Everything that draws stays, and text stays text.

use std::collections::BTreeSet;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Elements that draw, group, define or describe: kept.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "image",
    "switch",
];

/// Elements dropped with everything in them: they run, load or animate (an animation can set
/// an attribute to `javascript:`), or hold another language's content.
const DROPPED: &[&str] = &[
    "script",
    "foreignObject",
    "style",
    "animate",
    "animateMotion",
    "animateTransform",
    "set",
    "discard",
    "handler",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "canvas",
    "metadata",
];

/// Attributes that describe geometry and paint: kept (values are checked for references).
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "width",
    "height",
    "viewBox",
    "preserveAspectRatio",
    "d",
    "points",
    "transform",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "opacity",
    "clip-path",
    "clip-rule",
    "clipPathUnits",
    "mask",
    "maskUnits",
    "maskContentUnits",
    "color",
    "display",
    "visibility",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "font-variant",
    "font-stretch",
    "text-anchor",
    "dominant-baseline",
    "alignment-baseline",
    "baseline-shift",
    "letter-spacing",
    "word-spacing",
    "text-decoration",
    "writing-mode",
    "dx",
    "dy",
    "rotate",
    "textLength",
    "lengthAdjust",
    "startOffset",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "refX",
    "refY",
    "orient",
    "marker-start",
    "marker-mid",
    "marker-end",
    "vector-effect",
    "paint-order",
    "shape-rendering",
    "text-rendering",
    "image-rendering",
    "color-interpolation",
    "color-interpolation-filters",
    "version",
    "role",
    "aria-label",
    "aria-hidden",
    "aria-labelledby",
    "aria-describedby",
    "focusable",
    "lang",
    "style",
    "href",
];

/// The SVG in `bytes` with only what draws; `None` when it is no SVG that can be read.
pub fn clean(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    // A DOCTYPE is what Illustrator and Inkscape write; its entities are expanded (an SVG that
    // reached here passed `check`, which refuses entity bombs) and the DOCTYPE is not written.
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let document = roxmltree::Document::parse_with_options(text, options).ok()?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return None;
    }
    let mut writer = xmlwriter::XmlWriter::new(xmlwriter::Options {
        indent: xmlwriter::Indent::None,
        attributes_indent: xmlwriter::Indent::None,
        ..Default::default()
    });
    write_element(&mut writer, root, true);
    Some(writer.end_document().into_bytes())
}

fn write_element(writer: &mut xmlwriter::XmlWriter, node: roxmltree::Node, root: bool) {
    writer.start_element(node.tag_name().name());
    if root {
        writer.write_attribute("xmlns", SVG_NS);
        writer.write_attribute("xmlns:xlink", XLINK_NS);
    }
    let mut written = BTreeSet::new();
    for attribute in node.attributes() {
        let name = attribute.name();
        let value = attribute.value();
        let shown = match attribute.namespace() {
            None if ATTRIBUTES.contains(&name) => name.to_string(),
            Some(XLINK_NS) if name == "href" => "xlink:href".to_string(),
            Some(XML_NS) if name == "space" || name == "lang" => format!("xml:{name}"),
            _ => continue,
        };
        let safe = match name {
            "href" => inside_reference(value) || embedded_image(value),
            "style" => safe_style(value),
            _ => safe_value(value),
        };
        if safe && written.insert(shown.clone()) {
            // xmlwriter escapes only the quote in an attribute.
            writer.write_attribute(&shown, &value.replace('&', "&amp;").replace('<', "&lt;"));
        }
    }
    for child in node.children() {
        if child.is_text() {
            write_text(writer, child.text().unwrap_or_default());
        } else if child.is_element() {
            let name = child.tag_name().name();
            let svg = child.tag_name().namespace() == Some(SVG_NS);
            if svg && ELEMENTS.contains(&name) {
                write_element(writer, child, false);
            } else if !(svg && DROPPED.contains(&name)) && child.tag_name().namespace() == Some(SVG_NS) {
                // An element we do not know (a link `<a>`, a filter): its content stays, itself not.
                write_children(writer, child);
            }
            // Elements of other namespaces (an editor's metadata) are left out.
        }
    }
    writer.end_element();
}

fn write_children(writer: &mut xmlwriter::XmlWriter, node: roxmltree::Node) {
    for child in node.children() {
        if child.is_text() {
            write_text(writer, child.text().unwrap_or_default());
        } else if child.is_element() && child.tag_name().namespace() == Some(SVG_NS) {
            let name = child.tag_name().name();
            if ELEMENTS.contains(&name) {
                write_element(writer, child, false);
            } else if !DROPPED.contains(&name) {
                write_children(writer, child);
            }
        }
    }
}

/// Text as text: xmlwriter escapes only `<`, so `&` is escaped here first.
fn write_text(writer: &mut xmlwriter::XmlWriter, text: &str) {
    writer.write_text(&text.replace('&', "&amp;"));
}

/// A reference inside the same file: `#id`.
fn inside_reference(value: &str) -> bool {
    value.trim().starts_with('#')
}

/// A raster image carried in the file itself.
fn embedded_image(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"].iter().any(|p| v.starts_with(p))
}

/// A presentation value: any `url(…)` in it points inside the file, and no other way of
/// naming a file (`image-set(…)`, `image(…)`, `src(…)`, `cross-fade(…)`, `element(…)`) or an
/// escape that could spell one is there.
fn safe_value(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let other_ways = ["image-set", "image(", "src(", "cross-fade", "element(", "@import", "\\"];
    if other_ways.iter().any(|w| lower.contains(w)) {
        return false;
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        let inner = rest[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !inner.starts_with('#') {
            return false;
        }
        rest = &rest[at + 4..];
    }
    !lower.contains("javascript:") && !lower.contains("expression(")
}

/// A `style` attribute: declarations only, no import, no reference outside the file.
fn safe_style(value: &str) -> bool {
    safe_value(value) && !value.contains('@') && !value.contains('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_outside_references_go_and_text_stays() {
        let hostile = br##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(http://x/y.css);</style>
  <a href="javascript:alert(3)"><text x="1" y="5" onclick="alert(4)">Kaart van de wijk</text></a>
  <foreignObject><p xmlns="http://www.w3.org/1999/xhtml">html</p></foreignObject>
  <image xlink:href="http://example.org/spoor.png" width="1" height="1"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <rect fill="url(#verloop)" stroke="url(http://x/#y)" width="5" height="5" style="fill: red"/>
  <set attributeName="href" to="javascript:alert(5)"/>
  <use href="#tekst"/>
</svg>"##;
        let clean = String::from_utf8(clean(hostile).unwrap()).unwrap();
        for gone in [
            "onload",
            "onclick",
            "<script",
            "alert",
            "<style",
            "@import",
            "foreignObject",
            "example.org",
            "<set",
            "javascript",
            "http://x",
        ] {
            assert!(!clean.contains(gone), "{gone} is still there: {clean}");
        }
        for kept in [
            "Kaart van de wijk",
            "fill=\"url(#verloop)\"",
            "data:image/png",
            "<use href=\"#tekst\"/>",
            "style=\"fill: red\"",
            "width=\"10\"",
        ] {
            assert!(clean.contains(kept), "{kept} is gone: {clean}");
        }
        // Still an SVG that usvg reads.
        usvg::Tree::from_data(clean.as_bytes(), &usvg::Options::default()).unwrap();
    }

    #[test]
    fn text_and_values_stay_what_they_say_and_the_result_is_xml() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" aria-label="B &amp; M"><text>B &amp; M &amp;lt;b&amp;gt;</text></svg>"#;
        let clean = clean(svg).unwrap();
        let text = String::from_utf8(clean.clone()).unwrap();
        assert!(text.contains("B &amp; M &amp;lt;b&amp;gt;") && text.contains("aria-label=\"B &amp; M\""), "{text}");
        let reread = roxmltree::Document::parse(&text).unwrap();
        assert_eq!(reread.descendants().find(|n| n.has_tag_name("text")).unwrap().text(), Some("B & M &lt;b&gt;"));
    }

    #[test]
    fn what_is_no_svg_is_not_cleaned_into_one() {
        assert!(clean(b"<html><body>x</body></html>").is_none());
        assert!(clean(b"geen xml").is_none());
    }

    #[test]
    fn a_doctype_as_editors_write_it_is_read_and_left_out() {
        let svg = b"<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>";
        let clean = String::from_utf8(clean(svg).unwrap()).unwrap();
        assert!(!clean.contains("DOCTYPE") && clean.contains("<rect"), "{clean}");
    }

    #[test]
    fn other_ways_to_name_a_file_in_a_value_go_too() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="mask-image:image-set(&quot;http://127.0.0.1/a.png&quot; 1x)" mask="-webkit-image-set('http://x/a.png' 1x)" cursor="image(http://x/c.png)" fill="red"/></svg>"#;
        let clean = String::from_utf8(clean(svg).unwrap()).unwrap();
        assert!(!clean.contains("image-set") && !clean.contains("127.0.0.1") && !clean.contains("http://x"), "{clean}");
        assert!(clean.contains("fill=\"red\""));
    }
}
