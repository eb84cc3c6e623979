//! Charts with plotters, drawn in memory as SVG and handed to Typst as virtual files.
//!
//! Every chart is vector, uses the document's own font family (Typst renders the SVG text with
//! the fonts from `fonts/`), formats numbers the Dutch way, has a legend, and stays readable in
//! grey: series differ by line style and marker, not only by colour. Each chart comes with a
//! text alternative, and its numbers are also printed in a table by the template.

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
    /// (label, begroting na wijziging, realisatie)
    pub groepen: Vec<(String, i64, i64)>,
    /// Euros per unit on the axis (1000 for "x € 1.000").
    pub eenheid: i64,
    pub eenheid_label: String,
}

const WIDTH: u32 = 640;
const HEIGHT: u32 = 300;

fn number_label(v: f64, procent: bool) -> String {
    let s = format::number_auto(v, 1);
    if procent { format!("{s}%") } else { s }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Drawn<'a> = Result<(), Box<dyn std::error::Error + 'a>>;

/// Draws a chart into an SVG string of the standard size.
fn svg(draw: impl for<'a> FnOnce(&Area<'a>) -> Drawn<'a>) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        // Drawing into a string cannot fail on I/O; what it draws is checked by the tests.
        let _ = draw(&root);
        let _ = root.present();
    }
    svg
}

/// The SVG of a trend chart.
pub fn trend_svg(t: &Trend, font: &str, palette: Palette) -> String {
    svg(|root| draw_trend(root, t, font, palette))
}

fn draw_trend<'a>(root: &Area<'a>, t: &Trend, font: &str, palette: Palette) -> Drawn<'a> {
    root.fill(&WHITE)?;
    let all: Vec<(i32, f64)> =
        t.meting.iter().copied().chain(t.realisaties.iter().copied()).chain(t.streefwaarden.iter().copied()).collect();
    let (x0, x1) = all.iter().fold((i32::MAX, i32::MIN), |(a, b), (x, _)| (a.min(*x), b.max(*x)));
    let (x0, x1) = if all.is_empty() { (2018, 2024) } else { (x0, x1.max(x0 + 1)) };
    let ymax = all.iter().map(|p| p.1).fold(0.0_f64, f64::max);
    let ymin = all.iter().map(|p| p.1).fold(0.0_f64, f64::min);
    let top = if ymax <= 0.0 { 1.0 } else { ymax * 1.15 };

    let axis = (font, 17).into_font().color(&RGBColor(60, 60, 60));
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        .x_label_area_size(34)
        .y_label_area_size(70)
        .build_cartesian_2d(x0 as f64 - 0.4..x1 as f64 + 0.4, ymin..top)?;
    let procent = t.procent;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .max_light_lines(1)
        .y_labels(6)
        .x_labels((x1 - x0 + 1) as usize)
        .x_label_formatter(&|x| format!("{}", x.round() as i64))
        .y_label_formatter(&|y| number_label(*y, procent))
        .label_style(axis.clone())
        .axis_style(RGBColor(120, 120, 120))
        .draw()?;

    let (pr, pg, pb) = palette.primair;
    let primair = RGBColor(pr, pg, pb);
    let dark = RGBColor(30, 30, 30);

    if !t.streefwaarden.is_empty() {
        let pts: Vec<(f64, f64)> = t.streefwaarden.iter().map(|(x, y)| (*x as f64, *y)).collect();
        chart
            .draw_series(DashedLineSeries::new(pts.clone(), 7, 5, primair.stroke_width(2)))?
            .label("streefwaarde")
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 8, y)], primair.stroke_width(2)));
        chart.draw_series(pts.iter().map(|p| TriangleMarker::new(*p, 5, primair.filled())))?;
    }
    if !t.realisaties.is_empty() {
        let pts: Vec<(f64, f64)> = t.realisaties.iter().map(|(x, y)| (*x as f64, *y)).collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), dark.stroke_width(2)))?
            .label("realisatie")
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], dark.stroke_width(2)));
        chart.draw_series(pts.iter().map(|p| Circle::new(*p, 4, dark.filled())))?;
        // Values next to the points: the chart can be read without the table.
        chart.draw_series(pts.iter().map(|(x, y)| {
            Text::new(
                number_label(*y, procent),
                (*x, *y + top * 0.045),
                (font, 14).into_font().color(&dark).pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Bottom,
                )),
            )
        }))?;
    }
    if let Some((x, y)) = t.meting {
        let p = (x as f64, y);
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(p.0 - 0.08, p.1 - top * 0.02), (p.0 + 0.08, p.1 + top * 0.02)],
                dark.filled(),
            )))?
            .label("meting (nulmeting)")
            .legend(move |(x, y)| Rectangle::new([(x + 4, y - 4), (x + 12, y + 4)], dark.filled()));
    }
    legend(&mut chart, SeriesLabelPosition::LowerRight, font)
}

/// The legend of a chart, in one style for every chart.
fn legend<'a>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    position: SeriesLabelPosition,
    font: &str,
) -> Drawn<'a> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(180, 180, 180))
        .label_font((font, 16).into_font())
        .draw()?;
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

/// The SVG of a grouped bar chart: begroting na wijziging against realisatie per group.
pub fn bars_svg(b: &Bars, font: &str, palette: Palette) -> String {
    svg(|root| draw_bars(root, b, font, palette))
}

fn draw_bars<'a>(root: &Area<'a>, b: &Bars, font: &str, palette: Palette) -> Drawn<'a> {
    root.fill(&WHITE)?;
    let unit = b.eenheid.max(1) as f64;
    let max = b.groepen.iter().map(|(_, x, y)| (*x).max(*y)).max().unwrap_or(1).max(1) as f64 / unit;
    let n = b.groepen.len().max(1);
    let labels: Vec<String> = b.groepen.iter().map(|g| g.0.clone()).collect();
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        .x_label_area_size(34)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..n as f64, 0.0..max * 1.18)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .max_light_lines(1)
        .y_labels(6)
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
        .label_style((font, 17).into_font().color(&RGBColor(60, 60, 60)))
        .axis_desc_style((font, 16).into_font())
        .axis_style(RGBColor(120, 120, 120))
        .draw()?;
    let (sr, sg, sb) = palette.secundair;
    let light = RGBColor(sr, sg, sb);
    let (pr, pg, pb) = palette.primair;
    let dark = RGBColor(pr, pg, pb);
    let value_font = (font, 14).into_font().color(&RGBColor(30, 30, 30));
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
        chart.draw_series(std::iter::once(Rectangle::new([(x + 0.12, 0.0), (x + 0.48, bv)], dark.stroke_width(1))))?;
        chart.draw_series(std::iter::once(Rectangle::new([(x + 0.52, 0.0), (x + 0.88, rv)], dark.filled())))?;
        chart.draw_series(std::iter::once(Text::new(
            format::integer(bv.round() as i64),
            (x + 0.30, bv + max * 0.01),
            value_font.clone().pos(centre),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            format::integer(rv.round() as i64),
            (x + 0.70, rv + max * 0.01),
            value_font.clone().pos(centre),
        )))?;
    }
    // Legend entries drawn as empty series so plotters lays them out.
    chart
        .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
        .label("begroting na wijziging")
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], light.filled()));
    chart
        .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
        .label("realisatie")
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], dark.filled()));
    legend(&mut chart, SeriesLabelPosition::UpperRight, font)
}

/// The text alternative of a bar chart.
pub fn bars_alt(b: &Bars) -> String {
    let unit = b.eenheid.max(1);
    let list: Vec<String> = b
        .groepen
        .iter()
        .map(|(l, x, y)| {
            format!(
                "{l}: begroting na wijziging {}, realisatie {}",
                format::integer(x / unit),
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
        // Two realisatie points as circles, two streefwaarde triangles.
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("<polygon") || svg.contains("<path"));
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
