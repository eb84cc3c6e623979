//! Laid-out documents → one bundle, without laying anything out again.
//!
//! A bundle (raadsvoorstel, raadsbesluit and the Kadernota or jaarverslag it proposes) holds
//! the very pages of those documents, which were laid out for their own PDFs moments before.
//! So the bundle is put together from those pages: a cover, then each part as it is on its own
//! (its own page numbers, running header and table of contents). Only the PDF export runs
//! again. The bundle's pages therefore match the separate PDFs page for page, and a 41-page
//! bundle costs an export instead of a second layout of the whole Kadernota.
//!
//! For the bookmarks and the tag tree, each part moves one level down: its title becomes a
//! level-1 heading and its headings go one level deeper, so a reader finds every part, then
//! its chapters.

use std::collections::HashSet;
use std::num::NonZeroUsize;

use ecow::EcoVec;
use typst::foundations::{Content, NativeElement, Smart, StyleChain};
use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem, Point};
use typst::model::{Document as _, HeadingElem, TitleElem};
use typst_layout::{Page, PagedDocument};

/// Two parts share an element location, so one introspector cannot tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collision {
    /// The index of the part (in the order given) that repeats an earlier location.
    pub part: usize,
}

/// Puts `cover` and then every part into one document with `cover`'s metadata. With
/// `numbers` (a book), page k of it is laid over page k of the result: the parts were laid out
/// without page numbers, before it was known where they would start.
///
/// Fails when a part repeats an element location of an earlier one (each part must then be
/// compiled under another name first: locations derive from the source's file id). The
/// locations of `numbers` count as taken before the cover's.
pub fn assemble(
    cover: &PagedDocument,
    parts: &[&PagedDocument],
    numbers: Option<&PagedDocument>,
) -> Result<PagedDocument, Collision> {
    let mut seen: HashSet<Location> = HashSet::new();
    let mut pages: EcoVec<Page> = EcoVec::new();
    if let Some(numbers) = numbers {
        for page in numbers.pages() {
            collect_locations(&page.frame, &mut seen);
        }
    }
    for (index, document) in std::iter::once(cover).chain(parts.iter().copied()).enumerate() {
        let mut own = HashSet::new();
        for page in document.pages() {
            collect_locations(&page.frame, &mut own);
        }
        if own.iter().any(|l| seen.contains(l)) {
            return Err(Collision { part: index.saturating_sub(1) });
        }
        seen.extend(own);
        for page in document.pages() {
            let mut page = page.clone();
            // The cover keeps its title as the bundle's title; parts move one level down.
            if index > 0
                && let Some(frame) = relevel(&page.frame)
            {
                page.frame = frame;
            }
            pages.push(page);
        }
    }
    if let Some(numbers) = numbers {
        // Two page counts that differ would number the wrong pages: the caller made `numbers`
        // for exactly these pages.
        assert_eq!(numbers.pages().len(), pages.len(), "one number per page");
        for (page, number) in pages.make_mut().iter_mut().zip(numbers.pages()) {
            page.frame.push_frame(Point::zero(), number.frame.clone());
        }
    }
    Ok(PagedDocument::new(pages, cover.info().clone()))
}

/// A heading of a laid-out document, as a contents list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: usize,
    pub text: String,
    /// Its page (from 1) and its distance from the page's top, in points.
    pub page: usize,
    pub y: f64,
}

/// The text of `document`'s title, as its first page shows it.
pub fn title(document: &PagedDocument) -> Option<String> {
    use typst::introspection::Introspector as _;
    let title = document.introspector().query_first(&TitleElem::ELEM.select())?;
    let Smart::Custom(body) = title.to_packed::<TitleElem>()?.body.get_cloned(StyleChain::default()) else {
        return None;
    };
    Some(body.plain_text().trim().to_string()).filter(|t| !t.is_empty())
}

/// The headings of `document` (not its title) down to level `depth` that go into an outline.
pub fn headings(document: &PagedDocument, depth: usize) -> Vec<Heading> {
    use typst::introspection::Introspector as _;
    let introspector = document.introspector();
    introspector
        .query(&HeadingElem::ELEM.select())
        .iter()
        .filter_map(|content| {
            let heading = content.to_packed::<HeadingElem>()?;
            let level = heading.resolve_level(StyleChain::default()).get();
            if level > depth || !heading.outlined.get(StyleChain::default()) {
                return None;
            }
            let position = introspector.position(content.location()?)?;
            Some(Heading {
                level,
                text: heading.body.plain_text().trim().to_string(),
                page: position.page.get(),
                y: (position.point.y.to_pt() * 10.0).round() / 10.0,
            })
        })
        .collect()
}

fn collect_locations(frame: &Frame, into: &mut HashSet<Location>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Tag(Tag::Start(content, flags)) if flags.introspectable => {
                if let Some(location) = content.location() {
                    into.insert(location);
                }
            }
            FrameItem::Group(group) => collect_locations(&group.frame, into),
            _ => {}
        }
    }
}

/// The frame with its title turned into a level-1 heading and every heading one level deeper,
/// or `None` when it holds neither.
fn relevel(frame: &Frame) -> Option<Frame> {
    let mut changed: Vec<(usize, FrameItem)> = Vec::new();
    for (i, (_, item)) in frame.items().enumerate() {
        let replacement = match item {
            FrameItem::Tag(Tag::Start(content, flags)) => {
                relevel_element(content).map(|c| FrameItem::Tag(Tag::Start(c, *flags)))
            }
            FrameItem::Group(group) => relevel(&group.frame).map(|f| {
                let mut group = group.clone();
                group.frame = f;
                FrameItem::Group(group)
            }),
            _ => None,
        };
        if let Some(replacement) = replacement {
            changed.push((i, replacement));
        }
    }
    if changed.is_empty() {
        return None;
    }
    let mut out = frame.clone();
    out.clear();
    let mut changed = changed.into_iter().peekable();
    for (i, (pos, item)) in frame.items().enumerate() {
        let item = match changed.next_if(|(at, _)| *at == i) {
            Some((_, replacement)) => replacement,
            None => item.clone(),
        };
        out.push(*pos, item);
    }
    Some(out)
}

fn relevel_element(content: &Content) -> Option<Content> {
    let location = content.location()?;
    if let Some(title) = content.to_packed::<TitleElem>() {
        let Smart::Custom(body) = title.body.get_cloned(StyleChain::default()) else {
            return None;
        };
        let mut heading = HeadingElem::new(body);
        heading.level.set(Smart::Custom(NonZeroUsize::MIN));
        heading.numbering.set(None);
        let mut heading = heading.pack().spanned(content.span());
        heading.set_location(location);
        return Some(heading);
    }
    let level = content.to_packed::<HeadingElem>()?.resolve_level(StyleChain::default());
    let mut deeper = content.clone();
    deeper.to_packed_mut::<HeadingElem>()?.level.set(Smart::Custom(level.saturating_add(1)));
    Some(deeper)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use typst::introspection::Introspector as _;
    use typst::model::HeadingElem;

    use super::*;
    use crate::output::typeset::{Job, Typesetter};
    use crate::source::project::Project;

    fn layout(typesetter: &Typesetter, project: &Project, ident: &str, source: &str) -> PagedDocument {
        let job = Job {
            source: source.into(),
            template: "test".into(),
            virtual_files: Default::default(),
            project,
            date: chrono::NaiveDate::from_ymd_opt(2018, 7, 16).unwrap(),
            ident: ident.into(),
            locate: None,
            reads: None,
        };
        typesetter.typeset(&job).unwrap_or_else(|e| panic!("{e}")).document
    }

    /// The fonts and the project of this repository.
    fn setup() -> (Typesetter, Project) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        (Typesetter::new(&root.join("fonts")).unwrap(), Project::open(root).unwrap())
    }

    const COVER: &str = "#set document(title: [Bundel])\n#title[Bundel]";

    const PART: &str = "#set document(title: [Deel])\n#set text(lang: \"nl\")\n#title[Deel]\n= Eén\nTekst.\n== Twee\n#pagebreak()\nMeer.";

    #[test]
    fn parts_move_one_level_down_behind_the_cover() {
        let (typesetter, project) = setup();
        let cover = layout(&typesetter, &project, "voorblad", COVER);
        let a = layout(&typesetter, &project, "a", PART);
        let b = layout(&typesetter, &project, "b", PART);
        let bundle = assemble(&cover, &[&a, &b], None).unwrap();
        assert_eq!(bundle.pages().len(), 1 + 2 + 2);
        let levels: Vec<usize> = bundle
            .introspector()
            .query(&HeadingElem::ELEM.select())
            .iter()
            .map(|h| h.to_packed::<HeadingElem>().unwrap().resolve_level(StyleChain::default()).get())
            .collect();
        // Each part: its title (1), then its headings one level deeper (2, 3).
        assert_eq!(levels, [1, 2, 3, 1, 2, 3]);
        // The parts themselves are left as they were.
        assert_eq!(a.introspector().query(&HeadingElem::ELEM.select()).len(), 2);
    }

    #[test]
    fn a_part_repeating_another_parts_locations_is_refused() {
        let (typesetter, project) = setup();
        let cover = layout(&typesetter, &project, "voorblad", COVER);
        // The same source under the same name: the same element locations.
        let a = layout(&typesetter, &project, "a", PART);
        let again = layout(&typesetter, &project, "a", PART);
        assert_eq!(assemble(&cover, &[&a, &again], None).unwrap_err(), Collision { part: 1 });
    }
}
