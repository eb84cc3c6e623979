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
        image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
            .map_err(|_| "het PNG-bestand is beschadigd of onvolledig".to_string())?;
    }
    Ok(())
}

fn check_svg(bytes: &[u8]) -> Result<(), String> {
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
