//! Images the project names (the gemeente's logo), checked before Typst sees them: a decoded
//! image costs width × height × 4 bytes, so a small file can ask for gigabytes, and an image
//! Typst cannot read would be reported in English against a template.

/// The most pixels an image may have: 16 megapixels (64 MB decoded) is a 4000 × 4000 logo,
/// or an A4 page at 400 dpi; far more than any logo or figure needs.
pub const MAX_PIXELS: u64 = 16_000_000;

/// Why the image in `bytes` cannot be used, in Dutch; `svg` says which kind it claims to be.
pub fn check(bytes: &[u8], svg: bool) -> Result<(), String> {
    if svg { check_svg(bytes) } else { check_raster(bytes, "PNG") }
}

/// Width and height from the header alone, then a full decode (now bounded) for a PNG.
fn check_raster(bytes: &[u8], kind: &str) -> Result<(), String> {
    let size = imagesize::blob_size(bytes).map_err(|_| format!("dit is geen leesbaar {kind}-bestand"))?;
    let pixels = size.width as u64 * size.height as u64;
    if pixels > MAX_PIXELS {
        return Err(format!(
            "de afbeelding is {} × {} pixels ({} megapixel); ten hoogste {} megapixel mag",
            size.width,
            size.height,
            pixels / 1_000_000,
            MAX_PIXELS / 1_000_000
        ));
    }
    if kind == "PNG" {
        // What the decoder would inflate besides the pixels (a colour profile, texts) counts
        // against the same budget, measured before anything is decoded.
        let budget = MAX_PIXELS * 4 - pixels.min(MAX_PIXELS) * 4;
        check_png_chunks(bytes, budget.max(MAX_METADATA))?;
        image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
            .map_err(|_| "het PNG-bestand is beschadigd of onvolledig".to_string())?;
    }
    Ok(())
}

/// Why a project path may not be an image of a document, in Dutch: images come from the
/// project's `data/` folder, never from a hidden file or folder (`.git/`, `.env`), so nothing
/// private can be placed in a PDF or copied to the site.
pub fn path_problem(path: &str) -> Option<String> {
    let path = path.trim_start_matches('/');
    // `data/./kaart.png` and `data//kaart.png` are `data/kaart.png` (`..` is refused when read).
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.first() != Some(&"data") || parts.len() < 2 {
        return Some(format!("`{path}` ligt niet in de map `data/` van het project"));
    }
    if parts.iter().any(|p| p.starts_with('.') && *p != "..") {
        return Some(format!("`{path}` is of ligt in een verborgen bestand of map"));
    }
    None
}

/// Why a project path may not be an image, judged as written and where it really leads: a
/// link in `data/` to a file in `.git/` is as private as that file.
pub fn project_path_problem(project: &crate::source::project::Project, path: &str) -> Option<String> {
    let path = path.trim_start_matches('/');
    if let Some(why) = path_problem(path) {
        return Some(why);
    }
    match project.real_relative(path) {
        Ok(real) if real != path => path_problem(&real)
            .map(|why| format!("`{path}` verwijst (via een snelkoppeling) naar een ander bestand: {why}")),
        Ok(_) => None,
        Err(why) => Some(why),
    }
}

/// Why `bytes` are not the image their name says (PNG or SVG by content), in Dutch.
pub fn content_problem(path: &str, bytes: &[u8]) -> Option<String> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".png") && !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("het bestand heet .png, maar is geen PNG-afbeelding".into());
    }
    if lower.ends_with(".svg") && !looks_like_svg(bytes) {
        return Some("het bestand heet .svg, maar is geen SVG-afbeelding".into());
    }
    None
}

/// The text an SVG draws (its `text` elements), to check that the fonts have every character.
pub fn svg_text(bytes: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(bytes) else { return String::new() };
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let Ok(document) = roxmltree::Document::parse_with_options(text, options) else { return String::new() };
    document
        .descendants()
        .filter(|n| n.is_text() && n.ancestors().any(|a| a.tag_name().name() == "text"))
        .filter_map(|n| n.text())
        .collect()
}

/// Whether `bytes` are an SVG by their content: XML text (after a byte order mark, a prolog or
/// comments) whose first element is `<svg`.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) =
            rest.strip_prefix("<?").or_else(|| rest.strip_prefix("<!--")).or_else(|| rest.strip_prefix("<!DOCTYPE"))
        {
            let end = if rest.starts_with("<?") {
                "?>"
            } else if rest.starts_with("<!--") {
                "-->"
            } else if after.find('[').is_some_and(|i| after.find('>').is_none_or(|j| i < j)) {
                // A DOCTYPE with its own declarations: `[ … ]>`.
                "]>"
            } else {
                ">"
            };
            match after.find(end) {
                Some(i) => rest = after[i + end.len()..].trim_start(),
                None => return false,
            }
        } else {
            return rest.starts_with("<svg") || rest.starts_with("<svg:svg");
        }
    }
}

/// What a PNG's compressed metadata may inflate to at least, whatever its pixels take: 1 MB
/// holds any colour profile and text a figure has.
const MAX_METADATA: u64 = 1_000_000;

/// Walks a PNG's chunks and inflates its compressed metadata (iCCP, zTXt, compressed iTXt)
/// into nothing, stopping at `budget` bytes: a few kilobytes that inflate to gigabytes are
/// refused here, quickly, before any decoder allocates them.
fn check_png_chunks(bytes: &[u8], budget: u64) -> Result<(), String> {
    use std::io::Read;
    let too_much = || {
        format!(
            "het PNG-bestand bevat gecomprimeerde extra gegevens (kleurprofiel of tekst) die uitgepakt meer dan het \
             budget van {} MB voor een afbeelding innemen",
            MAX_PIXELS * 4 / 1_000_000
        )
    };
    let mut at = 8;
    let mut used: u64 = 0;
    while at + 8 <= bytes.len() {
        let length = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("four bytes")) as usize;
        let kind = &bytes[at + 4..at + 8];
        let Some(data) = bytes.get(at + 8..at + 8 + length) else { break };
        let compressed: Option<&[u8]> = match kind {
            b"iCCP" | b"zTXt" => data.iter().position(|&b| b == 0).and_then(|n| data.get(n + 2..)),
            b"iTXt" => data.iter().position(|&b| b == 0).and_then(|n| {
                // keyword \0, compression flag, method, language \0, translated keyword \0, text
                let flag = *data.get(n + 1)?;
                let rest = data.get(n + 3..)?;
                let lang = rest.iter().position(|&b| b == 0)?;
                let rest = rest.get(lang + 1..)?;
                let translated = rest.iter().position(|&b| b == 0)?;
                (flag == 1).then(|| rest.get(translated + 1..)).flatten()
            }),
            _ => None,
        };
        if let Some(compressed) = compressed {
            let left = budget.saturating_sub(used);
            let inflated =
                std::io::copy(&mut flate2::read::ZlibDecoder::new(compressed).take(left + 1), &mut std::io::sink())
                    .unwrap_or(0);
            used += inflated;
            if used > budget {
                return Err(too_much());
            }
        }
        if kind == b"IEND" {
            break;
        }
        at += 12 + length;
    }
    Ok(())
}

fn check_svg(bytes: &[u8]) -> Result<(), String> {
    // A compressed SVG (svgz) is not used: what it inflates to is unknown until it is inflated.
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err("het SVG-bestand is gecomprimeerd (svgz); sla het op als gewone SVG".to_string());
    }
    // What Typst would leave out with a warning (HTML inside the SVG), or read from elsewhere
    // (an image the SVG links: any project file, even a hidden one, or a web address), is said
    // here, in Dutch.
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Ok(document) = roxmltree::Document::parse_with_options(
            text,
            roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() },
        )
    {
        if document.descendants().any(|n| n.tag_name().name() == "foreignObject") {
            return Err("het SVG-bestand bevat een `foreignObject` (HTML in de afbeelding), dat niet in een PDF \
                        kan; maak er gewone SVG-tekst of -vormen van"
                .to_string());
        }
        // Only what loads a file counts (an image); a link (`<a href>`) loads nothing and is
        // left out of the site's copy anyway.
        let linked = document
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "image" | "feImage"))
            .flat_map(|n| n.attributes())
            .find(|a| {
                a.name() == "href" && {
                    let v = a.value().trim();
                    !(v.starts_with('#') || v.to_ascii_lowercase().starts_with("data:"))
                }
            });
        if let Some(link) = linked {
            return Err(format!(
                "het SVG-bestand verwijst naar een ander bestand (`{}`); neem wat het toont op in het SVG-bestand zelf",
                link.value().trim()
            ));
        }
    }
    let mut options = usvg::Options::default();
    // Files an SVG names are never read: Typst does not read them either, and they could lie
    // outside the project.
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|e| match e {
        usvg::Error::NotAnUtf8Str => "het SVG-bestand is geen UTF-8-tekst".to_string(),
        usvg::Error::MalformedGZip => "het SVG-bestand is gecomprimeerd, maar niet leesbaar".to_string(),
        usvg::Error::ElementsLimitReached => "het SVG-bestand heeft meer dan een miljoen elementen".to_string(),
        usvg::Error::InvalidSize => {
            "het SVG-bestand heeft geen geldige afmetingen (geef `width` en `height`, of een `viewBox`)".to_string()
        }
        usvg::Error::ParsingFailed(e) => {
            let at = e.pos();
            format!("het SVG-bestand is geen geldige XML (regel {}, kolom {} van het SVG-bestand)", at.row, at.col)
        }
    })?;
    check_group(tree.root())
}

/// Raster images inside an SVG (as `data:` URLs) are decoded too: the same limit.
fn check_group(group: &usvg::Group) -> Result<(), String> {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => check_group(g)?,
            usvg::Node::Image(image) => match image.kind() {
                usvg::ImageKind::SVG(tree) => check_group(tree.root())?,
                usvg::ImageKind::PNG(data) => check_raster(data, "PNG")?,
                usvg::ImageKind::JPEG(data) | usvg::ImageKind::GIF(data) | usvg::ImageKind::WEBP(data) => {
                    check_raster(data, "afbeeldings")?
                }
            },
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&vec![0; (width * height) as usize]).unwrap();
        drop(writer);
        bytes
    }

    #[test]
    fn a_huge_image_is_refused_by_its_header() {
        // A header claiming 40000 × 40000 pixels, with no pixel data behind it: refused by size.
        let mut header = png(1, 1);
        header[16..20].copy_from_slice(&40000u32.to_be_bytes());
        header[20..24].copy_from_slice(&40000u32.to_be_bytes());
        let why = check(&header, false).unwrap_err();
        assert!(why.contains("40000 × 40000") && why.contains("16 megapixel"), "{why}");
        check(&png(64, 32), false).unwrap();
    }

    #[test]
    fn broken_images_are_said_in_dutch() {
        let whole = png(64, 32);
        assert!(check(&whole[..whole.len() / 2], false).unwrap_err().contains("beschadigd"));
        assert!(check(b"<svg", true).unwrap_err().contains("regel 1"));
        assert!(
            check(b"<svg xmlns='http://www.w3.org/2000/svg' width='0' height='5'/>", true)
                .unwrap_err()
                .contains("afmetingen")
        );
        check(b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", true).unwrap();
    }
}
