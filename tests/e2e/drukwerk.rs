//! Print quality, measured on the laid-out pages: type sizes, tables, headings, captions.

use std::sync::Arc;

use raadsstuk::output::typeset::Typeset;
use raadsstuk::session::{BuildOptions, Session};
use raadsstuk::source::project::Project;
use typst::layout::{Frame, FrameItem, Point, Transform};

use crate::common::*;

/// Every PDF of a project, laid out: (output path, layout).
fn layouts(p: &Scratch) -> Vec<(String, Arc<Typeset>)> {
    let session = Session::open(Project::open(&p.root).unwrap()).unwrap();
    let options = BuildOptions {
        out_dir: p.path("out"),
        emit_typst: false,
        force: true,
        jobs: 1,
        bundel: true,
        herzie: false,
        vandaag: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        tijdslimiet: None,
    };
    let mut all = Vec::new();
    for doc in session.project.documents().unwrap() {
        let loaded = session.load(&doc).unwrap();
        all.extend(session.layouts(&loaded, &options).unwrap());
    }
    all
}

/// A run of text as laid out: its box on the page (pt, y down), size and what it is inside.
#[derive(Debug, Clone)]
struct Run {
    page: usize,
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    text: String,
    /// The elements it is inside, outermost first (`heading`, `cell`, `strong` …).
    inside: Vec<&'static str>,
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
    fn within(&self, name: &str) -> bool {
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
struct Laid {
    runs: Vec<Run>,
    rules: Vec<Rule>,
    chart_text: Vec<(usize, f64)>,
}

fn laid(document: &typst_layout::PagedDocument) -> Laid {
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

#[test]
#[ignore]
fn report() {
    for p in [Scratch::with_samples(), Scratch::fixture("andere-gemeente")] {
        for (pad, t) in layouts(&p) {
            let laid = laid(&t.document);
            let text = laid.runs.iter().filter(|r| !r.within("footnote")).map(|r| r.size).fold(f64::MAX, f64::min);
            let chart = laid.chart_text.iter().map(|c| c.1).fold(f64::MAX, f64::min);
            println!("{pad}: tekst {text:.1} pt, grafiek {chart:.1} pt, {} pagina's", t.pages);
        }
    }
}
