//! Visual regression: every page of the sample and fixture documents rendered small, in
//! process (typst-render), and compared with the reference images in `tests/e2e/referenties/`,
//! so that a change of layout shows up in review as a changed image.
//!
//! After a deliberate change of layout, look at the new PDFs, then accept the new images with
//! `RAADSSTUK_REFERENTIES=bijwerken cargo test --test e2e zicht`. On a mismatch the new sheet
//! and a difference image are written to `target/zicht/`.

use std::path::PathBuf;

use crate::common::*;

/// Pixels per point: an A4 page becomes 89 × 126 pixels. Enough to see every block, line of
/// headings, table and chart move; small enough to keep the references to a few kB a page.
const SCALE: f64 = 0.15;
/// Pages per row of a document's sheet.
const PER_ROW: usize = 8;
/// A pixel differs when its grey value is this far off; a page differs when more than
/// `PAGE_TOLERANCE` of its pixels do (rendering is deterministic; this absorbs rounding).
const PIXEL_TOLERANCE: u8 = 48;
const PAGE_TOLERANCE: f64 = 0.004;

/// A grey image.
#[derive(Clone, PartialEq)]
struct Grey {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

fn render(page: &typst_layout::Page) -> Grey {
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(SCALE), render_bleed: false };
    let pixmap = typst_render::render(page, &options);
    let pixels = pixmap
        .data()
        .chunks(4)
        .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8)
        .collect();
    Grey { width: pixmap.width() as usize, height: pixmap.height() as usize, pixels }
}

/// The pages side by side, `PER_ROW` a row, on a grey ground.
fn sheet(pages: &[Grey]) -> Grey {
    let (w, h) = (pages[0].width + 4, pages[0].height + 4);
    let cols = pages.len().min(PER_ROW);
    let rows = pages.len().div_ceil(PER_ROW);
    let mut out = Grey { width: cols * w, height: rows * h, pixels: vec![160; cols * w * rows * h] };
    for (i, page) in pages.iter().enumerate() {
        let (x0, y0) = ((i % PER_ROW) * w + 2, (i / PER_ROW) * h + 2);
        for y in 0..page.height.min(h - 4) {
            for x in 0..page.width.min(w - 4) {
                out.pixels[(y0 + y) * out.width + x0 + x] = page.pixels[y * page.width + x];
            }
        }
    }
    out
}

fn write_png(path: &std::path::Path, image: &Grey) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, image.width as u32, image.height as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_compression(png::Compression::High);
    encoder.write_header().unwrap().write_image_data(&image.pixels).unwrap();
}

fn read_png(path: &std::path::Path) -> Option<Grey> {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).ok()?));
    let mut reader = decoder.read_info().ok()?;
    let mut pixels = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut pixels).ok()?;
    pixels.truncate(info.buffer_size());
    Some(Grey { width: info.width as usize, height: info.height as usize, pixels })
}

/// The pages (by number) where two sheets differ beyond the tolerance.
fn differing_pages(a: &Grey, b: &Grey, pages: usize, page: (usize, usize)) -> Vec<usize> {
    if (a.width, a.height) != (b.width, b.height) {
        return (1..=pages).collect();
    }
    let (w, h) = (page.0 + 4, page.1 + 4);
    (0..pages)
        .filter(|i| {
            let (x0, y0) = ((i % PER_ROW) * w, (i / PER_ROW) * h);
            let mut off = 0;
            for y in y0..y0 + h {
                for x in x0..x0 + w {
                    let (p, q) = (a.pixels[y * a.width + x], b.pixels[y * b.width + x]);
                    off += usize::from(p.abs_diff(q) > PIXEL_TOLERANCE);
                }
            }
            off as f64 > PAGE_TOLERANCE * (w * h) as f64
        })
        .map(|i| i + 1)
        .collect()
}

#[test]
fn every_page_looks_as_its_reference_image() {
    let references = repo().join("tests/e2e/referenties");
    let update = std::env::var("RAADSSTUK_REFERENTIES").is_ok_and(|v| v == "bijwerken");
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for (name, p) in [("voorbeeld", Scratch::with_samples()), ("andere-gemeente", Scratch::fixture("andere-gemeente"))]
    {
        for (pad, layout) in layouts(&p) {
            let mut pages: Vec<&typst_layout::Page> = layout.document.pages().iter().collect();
            // A bundle repeats its parts' pages: only its cover is its own.
            if pad.ends_with("-bundel.pdf") {
                pages.truncate(1);
            }
            let rendered: Vec<Grey> = pages.iter().map(|page| render(page)).collect();
            let image = sheet(&rendered);
            let file = format!("{name}-{}.png", pad.replace('/', "-").trim_end_matches(".pdf"));
            seen.push(file.clone());
            let reference = references.join(&file);
            if update {
                if read_png(&reference).is_none_or(|r| r != image) {
                    write_png(&reference, &image);
                }
                continue;
            }
            let size = (rendered[0].width, rendered[0].height);
            let differ = match read_png(&reference) {
                Some(r) => differing_pages(&r, &image, rendered.len(), size),
                None => vec![0],
            };
            if !differ.is_empty() {
                let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("zicht").join(&file);
                write_png(&out, &image);
                problems.push(format!("{file}: page(s) {differ:?} differ; new image at {}", out.display()));
            }
        }
    }
    if update {
        // References of documents that no longer exist go too.
        for entry in std::fs::read_dir(&references).unwrap().flatten() {
            if !seen.contains(&entry.file_name().to_string_lossy().into_owned()) {
                std::fs::remove_file(entry.path()).unwrap();
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the layout changed (look at the PDFs; if it is meant, run with RAADSSTUK_REFERENTIES=bijwerken):\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_line_moved_by_a_few_points_is_seen_and_rounding_is_not() {
    let reference =
        read_png(&repo().join("tests/e2e/referenties/voorbeeld-2018-2018.0042544-raadsvoorstel.png")).unwrap();
    let page = ((reference.width / PER_ROW.min(4)) - 4, reference.height - 4);
    // Everything on the second page from a third of the way down, two pixels (13 pt) lower.
    let mut moved = reference.clone();
    let (x0, w) = (page.0 + 4, page.0 + 4);
    for y in (page.1 / 3..page.1).rev() {
        for x in x0..x0 + w {
            moved.pixels[y * moved.width + x] = reference.pixels[(y - 2) * reference.width + x];
        }
    }
    assert_eq!(differing_pages(&reference, &moved, 4, page), [2]);
    // Every pixel a little lighter (anti-aliasing on another machine): no difference.
    let lighter = Grey { pixels: reference.pixels.iter().map(|p| p.saturating_add(20)).collect(), ..reference.clone() };
    assert!(differing_pages(&reference, &lighter, 4, page).is_empty());
}
