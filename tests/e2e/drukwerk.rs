//! Print quality, measured on the laid-out pages: type sizes, tables, headings, captions.

use raadsstuk::session::Session;
use raadsstuk::source::project::Project;
use typst::layout::{Frame, FrameItem, Point, Transform};

use crate::common::*;

/// A run of text as laid out: its box on the page (pt, y down), size and what it is inside.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    page: usize,
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    pub(crate) text: String,
    /// The elements it is inside, outermost first (`heading`, `cell`, `strong` …).
    pub(crate) inside: Vec<&'static str>,
    /// The table cell it is in (its location), if any.
    cell: Option<u128>,
}

impl Run {
    fn top(&self) -> f64 {
        self.baseline - 0.72 * self.size
    }
    fn bottom(&self) -> f64 {
        self.baseline + 0.2 * self.size
    }
    pub(crate) fn within(&self, name: &str) -> bool {
        self.inside.contains(&name)
    }
}

/// A line drawn on a page (table borders), from one point to another.
#[derive(Debug, Clone, Copy)]
struct Rule {
    page: usize,
    from: Point,
    to: Point,
}

/// What a laid-out document shows: its text runs, its lines, and the smallest text in each
/// chart (an SVG: its `font-size` times the scale it is placed at).
#[derive(Default)]
pub(crate) struct Laid {
    pub(crate) runs: Vec<Run>,
    rules: Vec<Rule>,
    chart_text: Vec<(usize, f64)>,
    /// Where images are placed: (page, top, bottom).
    images: Vec<(usize, f64, f64)>,
}

pub(crate) fn laid(document: &typst_layout::PagedDocument) -> Laid {
    let mut laid = Laid::default();
    for (i, page) in document.pages().iter().enumerate() {
        let mut stack = Vec::new();
        collect(&page.frame, Transform::identity(), i + 1, &mut stack, &mut laid);
    }
    laid
}

fn collect(
    frame: &Frame,
    ts: Transform,
    page: usize,
    stack: &mut Vec<(&'static str, typst::introspection::Location)>,
    laid: &mut Laid,
) {
    use typst::introspection::Tag;
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => collect(&group.frame, here.pre_concat(group.transform), page, stack, laid),
            FrameItem::Text(text) => {
                let scale = ts.sx.get();
                let at = pos.transform(ts);
                let cell = stack.iter().rev().find(|(n, _)| *n == "cell").map(|(_, l)| l.hash());
                laid.runs.push(Run {
                    page,
                    x0: at.x.to_pt(),
                    x1: at.x.to_pt() + text.width().to_pt() * scale,
                    baseline: at.y.to_pt(),
                    size: text.size.to_pt() * scale,
                    text: text.text.to_string(),
                    inside: stack.iter().map(|(n, _)| *n).collect(),
                    cell,
                });
            }
            FrameItem::Shape(shape, _) => {
                if let typst::visualize::Geometry::Line(to) = shape.geometry {
                    laid.rules.push(Rule { page, from: pos.transform(ts), to: (*pos + to).transform(ts) });
                }
            }
            FrameItem::Image(image, size, _) => {
                let top = pos.transform(ts).y.to_pt();
                laid.images.push((page, top, top + size.y.to_pt() * ts.sy.get()));
                if let typst::visualize::ImageKind::Svg(svg) = image.kind() {
                    let scale = size.x.to_pt() * ts.sx.get() / svg.width();
                    let source = std::str::from_utf8(svg.data()).unwrap_or("");
                    for part in source.split("font-size=\"").skip(1) {
                        let value: f64 = part.split('"').next().unwrap().trim_end_matches("px").parse().unwrap();
                        laid.chart_text.push((page, value * scale));
                    }
                }
            }
            FrameItem::Tag(Tag::Start(content, _)) => {
                stack.push((content.elem().name(), content.location().unwrap()));
            }
            FrameItem::Tag(Tag::End(location, ..)) => {
                if let Some(i) = stack.iter().rposition(|(_, l)| l == location) {
                    stack.remove(i);
                }
            }
            FrameItem::Link(..) => {}
        }
    }
}

/// The sample project and the second gemeente's fixture, laid out.
fn all_layouts() -> Vec<(String, Laid)> {
    let mut all = Vec::new();
    for (name, p) in [("voorbeeld", Scratch::with_samples()), ("andere-gemeente", Scratch::fixture("andere-gemeente"))]
    {
        for (pad, t) in layouts(&p) {
            all.push((format!("{name}: {pad}"), laid(&t.document)));
        }
    }
    all
}

#[test]
fn no_text_on_any_page_is_smaller_than_8_points() {
    let mut smallest = Vec::new();
    for (pad, laid) in all_layouts() {
        // Footnote markers aside: a superscript number is meant to be small.
        let text = laid.runs.iter().filter(|r| !r.within("footnote")).min_by(|a, b| a.size.total_cmp(&b.size));
        let chart = laid.chart_text.iter().map(|c| c.1).fold(f64::MAX, f64::min);
        let text = text.expect("every document has text");
        let charts = if chart < f64::MAX { format!("{chart:.1} pt") } else { "geen".into() };
        smallest.push(format!("{pad}: tekst {:.1} pt, grafieken {charts}", text.size));
        assert!(text.size >= 7.99, "{pad}, page {}: {:?} is {:.2} pt", text.page, text.text, text.size);
        assert!(chart >= 7.99, "{pad}: chart text of {chart:.2} pt");
    }
    // Shown with --nocapture: the figures in the README.
    println!("{}", smallest.join("\n"));
}

/// Table text that touches or crosses a border, or runs into another cell's text.
fn table_problems(laid: &Laid) -> Vec<String> {
    let mut problems = Vec::new();
    let vertical: Vec<&Rule> = laid.rules.iter().filter(|r| (r.from.x - r.to.x).abs().to_pt() < 0.01).collect();
    let cells: Vec<&Run> = laid.runs.iter().filter(|r| r.cell.is_some() && !r.text.trim().is_empty()).collect();
    for run in &cells {
        for rule in vertical.iter().filter(|r| r.page == run.page) {
            let x = rule.from.x.to_pt();
            let (y0, y1) = (rule.from.y.to_pt().min(rule.to.y.to_pt()), rule.from.y.to_pt().max(rule.to.y.to_pt()));
            let beside = run.bottom() > y0 && run.top() < y1;
            // Text keeps at least a point from every border (the cells' padding is 5 pt).
            if beside && x > run.x0 - 1.0 && x < run.x1 + 1.0 {
                problems.push(format!(
                    "page {}: {:?} ({:.1}–{:.1} pt) touches or crosses the border at {x:.1} pt",
                    run.page, run.text, run.x0, run.x1
                ));
            }
        }
    }
    for (i, a) in cells.iter().enumerate() {
        for b in &cells[i + 1..] {
            let apart = a.page != b.page
                || a.cell == b.cell
                || a.x1 <= b.x0 + 0.5
                || b.x1 <= a.x0 + 0.5
                || a.bottom() <= b.top() + 0.5
                || b.bottom() <= a.top() + 0.5;
            if !apart {
                problems.push(format!("page {}: {:?} and {:?} of different cells overlap", a.page, a.text, b.text));
            }
        }
    }
    problems
}

#[test]
fn no_table_text_crosses_a_border_or_runs_into_its_neighbour() {
    for (pad, laid) in all_layouts() {
        let problems = table_problems(&laid);
        assert!(problems.is_empty(), "{pad}: {problems:#?}");
    }
}

/// Headings (and titles, and table headers) that are hyphenated, and a heading that is the
/// last line of its page.
fn heading_problems(laid: &Laid) -> Vec<String> {
    let mut problems = Vec::new();
    for run in &laid.runs {
        // A hyphenation break is set as a run of its own: the soft hyphen.
        let heading = run.within("heading")
            || run.within("title")
            || run.within("caption")
            || (run.within("cell") && run.within("strong"));
        if heading && run.text == "\u{ad}" {
            problems.push(format!("page {}: a heading or header is hyphenated", run.page));
        }
    }
    let headings: Vec<&Run> = laid.runs.iter().filter(|r| r.within("heading") && !r.within("outline")).collect();
    for h in &headings {
        let last = headings.iter().filter(|o| o.page == h.page).map(|o| o.baseline).fold(f64::MIN, f64::max);
        if h.baseline < last {
            continue;
        }
        // The lowest heading of the page: something of what follows must be below it.
        let below = laid.runs.iter().any(|r| {
            r.page == h.page && r.baseline > h.baseline + 1.0 && !r.within("artifact") && !r.within("heading")
        }) || laid.images.iter().any(|(p, top, _)| *p == h.page && *top > h.baseline);
        if !below {
            problems.push(format!("page {}: the heading {:?} is the last line of its page", h.page, h.text));
        }
    }
    problems
}

#[test]
fn headings_are_never_hyphenated_nor_the_last_line_of_their_page() {
    for (pad, laid) in all_layouts() {
        let problems = heading_problems(&laid);
        assert!(problems.is_empty(), "{pad}: {problems:#?}");
    }
}

#[test]
fn the_layout_checks_find_what_they_look_for() {
    // A steller's own column widths that leave no room for a word, and a gemeente's own
    // template that hyphenates a heading and leaves one at a page foot: each check must see it.
    let p = Scratch::with_samples();
    let kadernota = "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml";
    let text = p.read(kadernota);
    assert!(text.contains("breedtes: [22, 58, 20]"));
    p.write(kadernota, &text.replacen("breedtes: [22, 58, 20]", "breedtes: [3, 94, 3]", 1));
    p.write("data/gemeente.yaml", &format!("{}sjablonen: data/sjablonen\n", p.read("data/gemeente.yaml")));
    let besluit = std::fs::read_to_string(repo().join("templates/raadsbesluit.typ.hbs")).unwrap();
    p.write(
        "data/sjablonen/raadsbesluit.typ.hbs",
        &format!(
            "{besluit}\n#show heading: set text(hyphenate: true)\n#block(width: 2cm)[= Onderwerpsbehandelingsprocedure]\n#v(1fr)\n= Slot\n"
        ),
    );
    let mut found = (false, false, false);
    for (pad, t) in layouts(&p) {
        let laid = laid(&t.document);
        if pad.contains("kadernota") {
            found.0 |= !table_problems(&laid).is_empty();
        }
        if pad.ends_with("raadsbesluit.pdf") {
            let problems = heading_problems(&laid);
            found.1 |= problems.iter().any(|p| p.contains("hyphenated"));
            found.2 |= problems.iter().any(|p| p.contains("\"Slot\" is the last line"));
        }
    }
    assert_eq!(found, (true, true, true), "crossing border, hyphenated heading, heading at the page foot");
}

#[test]
fn every_chart_caption_names_its_unit_exactly_once() {
    let mut charts = 0;
    for p in [Scratch::with_samples(), Scratch::fixture("andere-gemeente")] {
        let session = Session::open(Project::open(&p.root).unwrap()).unwrap();
        for doc in session.project.documents().unwrap() {
            let loaded = session.load(&doc).unwrap();
            for (_, view) in session.views(&loaded).unwrap() {
                let view = serde_json::to_value(&view).unwrap();
                for doel in view["beleidsdoelen"].as_array().into_iter().flatten() {
                    for chart in doel["grafieken"].as_array().into_iter().flatten() {
                        let caption = chart["titel"].as_str().unwrap();
                        let row = doel["indicatoren"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .find(|r| caption.starts_with(r["naam"].as_str().unwrap()))
                            .unwrap_or_else(|| panic!("no indicator for {caption}"));
                        let unit = row["eenheid"].as_str().unwrap().replace(['(', ')'], "");
                        let unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
                        assert_eq!(
                            caption.to_lowercase().matches(&unit.to_lowercase()).count(),
                            1,
                            "{caption:?} ({unit})"
                        );
                        assert!(!caption.contains("((") && !caption.contains("))"), "{caption:?}");
                        charts += 1;
                    }
                }
                if let Some(bars) = view["financien"]["grafiek"].as_object() {
                    let caption = bars["titel"].as_str().unwrap();
                    assert_eq!(caption.matches("€").count(), 1, "{caption:?}");
                    charts += 1;
                }
            }
        }
    }
    assert!(charts > 10, "{charts} charts checked");
}
