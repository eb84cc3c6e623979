//! Charts with plotters, drawn in memory as SVG and handed to Typst as virtual files.
//!
//! Every chart is vector, uses the document's own font family (Typst renders the SVG text with
//! the fonts from `fonts/`), formats numbers the Dutch way, has a legend, and stays readable in
//! grey: series differ by line style and marker, not only by colour. Each chart comes with a
//! text alternative, and its numbers are also printed in a table by the template.

use plotters::chart::MeshStyle;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::series::DashedLineSeries;

use crate::domain::format;

/// Colours of the house style, as RGB.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub primair: (u8, u8, u8),
    pub secundair: (u8, u8, u8),
}

/// Parses "#1F4E79".
pub fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (p(0), p(2), p(4))
}

/// A trend of one indicator over the years.
#[derive(Debug, Clone)]
pub struct Trend {
    pub titel: String,
    /// Unit for the axis and the alt text ("aantal", "%", "cijfer").
    pub eenheid: String,
    pub meting: Option<(i32, f64)>,
    pub realisaties: Vec<(i32, f64)>,
    pub streefwaarden: Vec<(i32, f64)>,
    pub procent: bool,
}

/// Budget against actuals for a few categories, in euros.
#[derive(Debug, Clone)]
pub struct Bars {
    pub titel: String,
    /// (label, first series, second series)
    pub groepen: Vec<(String, i64, i64)>,
    /// The names of the two series ("begroting na wijziging", "realisatie").
    pub reeksen: [String; 2],
    /// Euros per unit on the axis (1000 for "x € 1.000").
    pub eenheid: i64,
    pub eenheid_label: String,
}

/// A chart's caption: its name with its unit, once. A name that already says its unit
/// ("Woninginbraken (absoluut en in % aantal inwoners)" for "aantal") keeps it as it is; a
/// unit with its own brackets ("cijfer (1-10)") loses them, so brackets never nest.
pub fn caption(name: &str, unit: &str) -> String {
    let unit = unit.replace(['(', ')'], "").split_whitespace().collect::<Vec<_>>().join(" ");
    if unit.is_empty() || name.to_lowercase().contains(&unit.to_lowercase()) {
        name.to_string()
    } else {
        format!("{name} ({unit})")
    }
}

/// Charts are drawn for the size they are printed at: a trend chart beside its table, a bar
/// chart across the text width (A4 with 25 mm margins: 453 pt). Sizes in points.
pub const TREND_WIDTH: f64 = 262.0;
const TREND_HEIGHT: f64 = 170.0;
pub const BARS_WIDTH: f64 = 453.0;
const BARS_HEIGHT: f64 = 200.0;

/// Canvas units per point: twice, so that lines and markers sit on a half-point grid.
const UNITS: f64 = 2.0;

/// Text sizes on the printed page, in points: never below 8 (body text is 10.5).
const TICK_PT: f64 = 8.5;
const LABEL_PT: f64 = 8.0;
const LEGEND_PT: f64 = 8.5;

/// A length in points as canvas units.
fn u(points: f64) -> i32 {
    (points * UNITS).round() as i32
}

/// A font of `points` on the printed page. (The SVG backend writes a font's size divided by
/// 1.24, its idea of px to pt; this undoes that.)
fn font_of(family: &str, points: f64) -> FontDesc<'_> {
    (family, points * UNITS * 1.24).into_font()
}

fn number_label(v: f64, procent: bool) -> String {
    let s = format::number_auto(v, 1);
    if procent { format!("{s}%") } else { s }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Drawn<'a> = Result<(), Box<dyn std::error::Error + 'a>>;

/// Draws a chart into an SVG string of `width` × `height` points.
fn svg(width: f64, height: f64, draw: impl for<'a> FnOnce(&Area<'a>) -> Drawn<'a>) -> String {
    let mut svg = String::new();
    {
        let size = (u(width) as u32, u(height) as u32);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        // Drawing into a string cannot fail on I/O; what it draws is checked by the tests.
        let _ = draw(&root);
        let _ = root.present();
    }
    svg
}

/// The SVG of a trend chart, [`TREND_WIDTH`] points wide.
pub fn trend_svg(t: &Trend, font: &str, palette: Palette) -> String {
    svg(TREND_WIDTH, TREND_HEIGHT, |root| draw_trend(root, t, font, palette))
}

/// How a series is drawn, in the chart and in its legend: colour, line style and marker differ,
/// so series stay apart in grey and for colour-blind readers.
#[derive(Clone, Copy)]
enum Sample {
    Dashed(RGBColor),
    Solid(RGBColor),
    Square(RGBColor),
    /// A bar: its fill and its outline.
    Bar(RGBColor, RGBColor),
}

/// Draws the legend as a row above the plot, where it never covers data.
fn legend_row<'a>(area: &Area<'a>, entries: &[(Sample, &str)], font: &str) -> Drawn<'a> {
    let style = font_of(font, LEGEND_PT).color(&RGBColor(40, 40, 40)).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    ));
    let y = area.dim_in_pixel().1 as i32 / 2;
    let mut x = u(2.0);
    for (sample, label) in entries {
        match *sample {
            Sample::Dashed(c) => {
                area.draw(&PathElement::new(vec![(x, y), (x + u(5.0), y)], c.stroke_width(u(1.0) as u32)))?;
                area.draw(&PathElement::new(vec![(x + u(9.0), y), (x + u(14.0), y)], c.stroke_width(u(1.0) as u32)))?;
                area.draw(&TriangleMarker::new((x + u(7.0), y), u(2.6), c.filled()))?;
            }
            Sample::Solid(c) => {
                area.draw(&PathElement::new(vec![(x, y), (x + u(14.0), y)], c.stroke_width(u(1.0) as u32)))?;
                area.draw(&Circle::new((x + u(7.0), y), u(2.0), c.filled()))?;
            }
            Sample::Square(c) => {
                area.draw(&Rectangle::new([(x + u(4.5), y - u(2.5)), (x + u(9.5), y + u(2.5))], c.filled()))?;
            }
            Sample::Bar(fill, outline) => {
                let b = [(x + u(2.0), y - u(4.0)), (x + u(12.0), y + u(4.0))];
                area.draw(&Rectangle::new(b, fill.filled()))?;
                area.draw(&Rectangle::new(b, outline.stroke_width(u(0.5) as u32)))?;
            }
        }
        area.draw(&Text::new(label.to_string(), (x + u(17.0), y), style.clone()))?;
        let width = label.chars().count() as f64 * LEGEND_PT * 0.52;
        x += u(17.0 + width + 10.0);
    }
    Ok(())
}

/// The grid, axes and label type every chart shares.
fn house_mesh<'m, 'a, 'b>(
    mesh: &'m mut MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, SVGBackend<'a>>,
    font: &'b str,
) -> &'m mut MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, SVGBackend<'a>> {
    let grey = RGBColor(60, 60, 60);
    mesh.disable_x_mesh()
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .max_light_lines(1)
        .y_labels(5)
        .label_style(font_of(font, TICK_PT).color(&grey))
        .axis_desc_style(font_of(font, LABEL_PT).color(&grey))
        .axis_style(RGBColor(120, 120, 120))
}

/// A box in canvas units: (left, top, right, bottom).
type Bounds = (i32, i32, i32, i32);

fn overlaps(a: Bounds, b: Bounds) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Whether the segment from `p` to `q` passes through the box.
fn crosses(segment: ((i32, i32), (i32, i32)), b: Bounds) -> bool {
    let ((x0, y0), (x1, y1)) = segment;
    (0..=20).any(|i| {
        let f = i as f64 / 20.0;
        let x = x0 as f64 + (x1 - x0) as f64 * f;
        let y = y0 as f64 + (y1 - y0) as f64 * f;
        x >= b.0 as f64 && x <= b.2 as f64 && y >= b.1 as f64 && y <= b.3 as f64
    })
}

fn draw_trend<'a>(root: &Area<'a>, t: &Trend, font: &str, palette: Palette) -> Drawn<'a> {
    root.fill(&WHITE)?;
    let all: Vec<(i32, f64)> =
        t.meting.iter().copied().chain(t.realisaties.iter().copied()).chain(t.streefwaarden.iter().copied()).collect();
    let (x0, x1) = all.iter().fold((i32::MAX, i32::MIN), |(a, b), (x, _)| (a.min(*x), b.max(*x)));
    let (x0, x1) = if all.is_empty() { (2018, 2024) } else { (x0, x1.max(x0 + 1)) };
    let ymax = all.iter().map(|p| p.1).fold(0.0_f64, f64::max);
    let ymin = all.iter().map(|p| p.1).fold(0.0_f64, f64::min);
    let top = if ymax <= 0.0 { 1.0 } else { ymax * 1.18 };

    let (pr, pg, pb) = palette.primair;
    let primair = RGBColor(pr, pg, pb);
    let dark = RGBColor(30, 30, 30);
    let mut entries = Vec::new();
    if !t.streefwaarden.is_empty() {
        entries.push((Sample::Dashed(primair), "streefwaarde"));
    }
    if !t.realisaties.is_empty() {
        entries.push((Sample::Solid(dark), "realisatie"));
    }
    if t.meting.is_some() {
        entries.push((Sample::Square(dark), "meting (nulmeting)"));
    }
    let (legend_area, plot_area) = root.split_vertically(u(16.0));
    legend_row(&legend_area, &entries, font)?;
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_right(u(6.0))
        .margin_top(u(4.0))
        .x_label_area_size(u(16.0))
        .y_label_area_size(u(36.0))
        .build_cartesian_2d(x0 as f64 - 0.4..x1 as f64 + 0.4, ymin..top)?;
    let procent = t.procent;
    house_mesh(&mut chart.configure_mesh(), font)
        // Years are categories: one label per year, written as a year ("2019", never "2.019").
        .x_labels((x1 - x0 + 1) as usize)
        .x_label_formatter(&|x| format!("{}", x.round() as i64))
        .y_label_formatter(&|y| number_label(*y, procent))
        .y_desc(t.eenheid.replace(['(', ')'], ""))
        .draw()?;

    let line = u(1.0) as u32;
    let streef: Vec<(f64, f64)> = t.streefwaarden.iter().map(|(x, y)| (*x as f64, *y)).collect();
    if !streef.is_empty() {
        chart.draw_series(DashedLineSeries::new(
            streef.clone(),
            u(3.5) as u32,
            u(2.5) as u32,
            primair.stroke_width(line),
        ))?;
        chart.draw_series(streef.iter().map(|p| TriangleMarker::new(*p, u(2.6), primair.filled())))?;
    }
    let pts: Vec<(f64, f64)> = t.realisaties.iter().map(|(x, y)| (*x as f64, *y)).collect();
    if !pts.is_empty() {
        chart.draw_series(LineSeries::new(pts.clone(), dark.stroke_width(line)))?;
        chart.draw_series(pts.iter().map(|p| Circle::new(*p, u(2.0), dark.filled())))?;
    }
    if let Some((x, y)) = t.meting {
        let c = chart.backend_coord(&(x as f64, y));
        // Backend coordinates are the whole canvas's: drawn on the root, not the plot area.
        root.draw(&Rectangle::new([(c.0 - u(2.5), c.1 - u(2.5)), (c.0 + u(2.5), c.1 + u(2.5))], dark.filled()))?;
    }

    // Values beside the points, so the chart reads without the table: above the point, or
    // below it, wherever the label touches no line, marker or other label; else none (the
    // table beside the chart has every number).
    let at = |p: &(f64, f64)| chart.backend_coord(p);
    let mut segments: Vec<((i32, i32), (i32, i32))> = Vec::new();
    for pair in pts.windows(2).chain(streef.windows(2)) {
        segments.push((at(&pair[0]), at(&pair[1])));
    }
    let mut taken: Vec<Bounds> = pts
        .iter()
        .chain(&streef)
        .map(|p| {
            let c = at(p);
            (c.0 - u(3.0), c.1 - u(3.0), c.0 + u(3.0), c.1 + u(3.0))
        })
        .collect();
    let plot = chart.plotting_area().get_pixel_range();
    let label_font = font_of(font, LABEL_PT).color(&dark);
    for p in &pts {
        let text = number_label(p.1, procent);
        let c = at(p);
        let half = u(text.chars().count() as f64 * LABEL_PT * 0.3);
        let height = u(LABEL_PT);
        let above = (c.0 - half, c.1 - u(4.0) - height, c.0 + half, c.1 - u(4.0));
        let below = (c.0 - half, c.1 + u(4.0), c.0 + half, c.1 + u(4.0) + height);
        let free = |b: Bounds| {
            b.0 >= plot.0.start
                && b.2 <= plot.0.end
                && b.1 >= plot.1.start
                && b.3 <= plot.1.end
                && !taken.iter().any(|t| overlaps(*t, b))
                && !segments.iter().any(|s| crosses(*s, b))
        };
        let Some(place) = [above, below].into_iter().find(|b| free(*b)) else { continue };
        taken.push(place);
        let anchor = plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Bottom,
        );
        root.draw(&Text::new(text, ((place.0 + place.2) / 2, place.3), label_font.clone().pos(anchor)))?;
    }
    Ok(())
}

/// The text alternative of a trend chart: every number it shows.
pub fn trend_alt(t: &Trend) -> String {
    let v = |y: f64| number_label(y, t.procent);
    let mut parts = vec![format!("Trendgrafiek {} ({})", t.titel, t.eenheid)];
    if let Some((x, y)) = t.meting {
        parts.push(format!("meting {x}: {}", v(y)));
    }
    if !t.realisaties.is_empty() {
        let list: Vec<String> = t.realisaties.iter().map(|(x, y)| format!("{x}: {}", v(*y))).collect();
        parts.push(format!("realisatie {}", list.join(", ")));
    }
    if !t.streefwaarden.is_empty() {
        let list: Vec<String> = t.streefwaarden.iter().map(|(x, y)| format!("{x}: {}", v(*y))).collect();
        parts.push(format!("streefwaarde {}", list.join(", ")));
    }
    parts.join("; ") + "."
}

/// The SVG of a grouped bar chart, [`BARS_WIDTH`] points wide: begroting na wijziging against
/// realisatie per group.
pub fn bars_svg(b: &Bars, font: &str, palette: Palette) -> String {
    svg(BARS_WIDTH, BARS_HEIGHT, |root| draw_bars(root, b, font, palette))
}

fn draw_bars<'a>(root: &Area<'a>, b: &Bars, font: &str, palette: Palette) -> Drawn<'a> {
    root.fill(&WHITE)?;
    let unit = b.eenheid.max(1) as f64;
    let max = b.groepen.iter().map(|(_, x, y)| (*x).max(*y)).max().unwrap_or(1).max(1) as f64 / unit;
    let n = b.groepen.len().max(1);
    let labels: Vec<String> = b.groepen.iter().map(|g| g.0.clone()).collect();
    let (sr, sg, sb) = palette.secundair;
    let light = RGBColor(sr, sg, sb);
    let (pr, pg, pb) = palette.primair;
    let dark = RGBColor(pr, pg, pb);
    let (legend_area, plot_area) = root.split_vertically(u(16.0));
    // The legend's samples are the bars themselves: light with a dark outline, and solid.
    let entries = [(Sample::Bar(light, dark), b.reeksen[0].as_str()), (Sample::Bar(dark, dark), b.reeksen[1].as_str())];
    legend_row(&legend_area, &entries, font)?;
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_right(u(6.0))
        .margin_top(u(4.0))
        .x_label_area_size(u(16.0))
        .y_label_area_size(u(44.0))
        .build_cartesian_2d(0.0..n as f64, 0.0..max * 1.18)?;
    house_mesh(&mut chart.configure_mesh(), font)
        .x_labels(n * 2 + 1)
        .x_label_formatter(&|x| {
            let i = (x - 0.5).round();
            if (x - 0.5 - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| format::number_auto(*y, 0))
        .y_desc(b.eenheid_label.clone())
        .draw()?;
    let value_font = font_of(font, LABEL_PT).color(&RGBColor(30, 30, 30));
    let centre = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Bottom,
    );
    for (i, (_, begroting, realisatie)) in b.groepen.iter().enumerate() {
        let x = i as f64;
        let bv = *begroting as f64 / unit;
        let rv = *realisatie as f64 / unit;
        // Begroting: light fill with a dark outline; realisatie: solid dark. Distinct in grey.
        chart.draw_series(std::iter::once(Rectangle::new([(x + 0.12, 0.0), (x + 0.48, bv)], light.filled())))?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x + 0.12, 0.0), (x + 0.48, bv)],
            dark.stroke_width(u(0.5) as u32),
        )))?;
        chart.draw_series(std::iter::once(Rectangle::new([(x + 0.52, 0.0), (x + 0.88, rv)], dark.filled())))?;
        for (value, centre_x) in [(bv, x + 0.30), (rv, x + 0.70)] {
            let c = chart.backend_coord(&(centre_x, value));
            root.draw(&Text::new(
                format::integer(value.round() as i64),
                (c.0, c.1 - u(2.0)),
                value_font.clone().pos(centre),
            ))?;
        }
    }
    Ok(())
}

/// The text alternative of a bar chart.
pub fn bars_alt(b: &Bars) -> String {
    let unit = b.eenheid.max(1);
    let list: Vec<String> = b
        .groepen
        .iter()
        .map(|(l, x, y)| {
            format!(
                "{l}: {} {}, {} {}",
                b.reeksen[0],
                format::integer(x / unit),
                b.reeksen[1],
                format::integer(y / unit)
            )
        })
        .collect();
    format!("Staafdiagram {} ({}): {}.", b.titel, b.eenheid_label, list.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trend() -> Trend {
        Trend {
            titel: "Woninginbraken".into(),
            eenheid: "aantal".into(),
            meting: Some((2017, 565.0)),
            realisaties: vec![(2019, 520.0), (2020, 4714.0)],
            streefwaarden: vec![(2019, 500.0), (2020, 500.0)],
            procent: false,
        }
    }

    /// The text content of every `<text>` element.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                t.split_once('>').and_then(|(_, r)| r.split_once("</text>")).map(|(c, _)| c.trim().to_string())
            })
            .collect()
    }

    const PALETTE: Palette = Palette { primair: (31, 78, 121), secundair: (220, 230, 240) };

    #[test]
    fn trend_svg_has_points_labels_and_the_font() {
        let svg = trend_svg(&trend(), "Lato", PALETTE);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("font-family=\"Lato\""));
        let texts = texts(&svg);
        for label in ["realisatie", "streefwaarde", "meting (nulmeting)", "2017", "2019", "2020", "520", "4.714"] {
            assert!(texts.iter().any(|t| t == label), "{label} missing in {texts:?}");
        }
        // Two realisatie points as circles (and one in the legend's sample), two streefwaarde
        // triangles.
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("<polygon") || svg.contains("<path"));
    }

    #[test]
    fn captions_name_the_unit_once() {
        assert_eq!(caption("Straatroof (absoluut)", "aantal"), "Straatroof (absoluut) (aantal)");
        assert_eq!(
            caption("Woninginbraken (absoluut en in % aantal inwoners)", "aantal"),
            "Woninginbraken (absoluut en in % aantal inwoners)"
        );
        assert_eq!(caption("Veiligheidsgevoel", "cijfer (1-10)"), "Veiligheidsgevoel (cijfer 1-10)");
        assert_eq!(caption("Ervaren overlast", "%"), "Ervaren overlast (%)");
    }

    #[test]
    fn chart_text_is_at_least_8_points_where_it_is_printed() {
        let svg = trend_svg(&trend(), "Lato", PALETTE);
        let width: f64 = svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let scale = TREND_WIDTH / width;
        let sizes: Vec<f64> = svg
            .split("font-size=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().parse::<f64>().unwrap() * scale)
            .collect();
        assert!(!sizes.is_empty() && sizes.iter().all(|s| *s >= 7.99), "{sizes:?}");
    }

    #[test]
    fn alt_text_lists_every_number() {
        let alt = trend_alt(&trend());
        assert_eq!(
            alt,
            "Trendgrafiek Woninginbraken (aantal); meting 2017: 565; realisatie 2019: 520, 2020: 4.714; streefwaarde 2019: 500, 2020: 500."
        );
    }

    #[test]
    fn bars_have_values_and_legend() {
        let b = Bars {
            titel: "Wat heeft het gekost?".into(),
            groepen: vec![("Lasten".into(), 14_800_000, 14_650_000), ("Baten".into(), 480_000, 610_000)],
            reeksen: ["begroting na wijziging".into(), "realisatie".into()],
            eenheid: 1000,
            eenheid_label: "x € 1.000".into(),
        };
        let svg = bars_svg(&b, "Lato", PALETTE);
        let texts = texts(&svg);
        for label in
            ["Lasten", "Baten", "14.800", "14.650", "480", "610", "begroting na wijziging", "realisatie", "x € 1.000"]
        {
            assert!(texts.iter().any(|t| t == label), "{label} missing in {texts:?}");
        }
        assert_eq!(
            bars_alt(&b),
            "Staafdiagram Wat heeft het gekost? (x € 1.000): Lasten: begroting na wijziging 14.800, realisatie 14.650; Baten: begroting na wijziging 480, realisatie 610."
        );
    }
}
