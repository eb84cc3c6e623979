//! Column widths from the content, measured with the fonts the table is set in.
//!
//! Typst can size `auto` columns, but when a table is wider than the page it shrinks them
//! evenly, and a column can end up narrower than its longest word: the word then runs across
//! the border, or a header is hyphenated. Here every column is first given room for its longest
//! word (headers bold, never broken; long words in body cells may hyphenate), and what is left
//! goes to the columns that need it most, as a browser lays out a table. A table whose longest
//! words do not fit even then is set a point smaller.

use std::collections::HashMap;

use typst::text::{Font, FontWeight};

use crate::output::typeset::Typesetter;

/// The size table text is set in (`huisstijl.typ.hbs`), and the smaller size for wide tables.
pub const SIZE: f64 = 9.5;
pub const SMALL_SIZE: f64 = 8.5;
/// Cell padding left and right (`set table(inset: (x: 5pt, …))`), plus room for the border
/// and a little air, so that text never touches it.
const PADDING: f64 = 2.0 * 5.0 + 2.0;
pub use crate::kinds::view::TEXT_WIDTH;

/// The advance of every character a table can be set in (in em), regular and bold: the house
/// font first, then the fallbacks. Read from the fonts once per run.
pub struct Metrics {
    regular: HashMap<char, f64>,
    bold: HashMap<char, f64>,
}

/// Whether a cell's text is a number (an amount, a bound, "35 (meting)"): set right-aligned.
pub fn is_numeric(text: &str) -> bool {
    Cell::read(text, false).numeric()
}

/// Whether a cell holds nothing to read: empty, or a dash for "none".
pub fn is_blank(text: &str) -> bool {
    Cell::read(text, false).blank()
}

/// How a table is laid out: its column widths (pt), which columns are right-aligned (numbers)
/// and its text size.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub widths: Vec<f64>,
    pub right: Vec<bool>,
    pub size: f64,
    /// Whether the row labels may be hyphenated: only when one of them has a word too long for
    /// any room the table can give it.
    pub labels_hyphenate: bool,
}

impl Metrics {
    pub fn new(typesetter: &Typesetter, family: &str) -> Self {
        let advances = |bold: bool| {
            let mut fonts: Vec<&Font> = typesetter.fonts().iter().collect();
            // The house font first, the right weight first, upright before italic.
            fonts.sort_by_key(|f| {
                let info = f.info();
                (
                    !info.family.eq_ignore_ascii_case(family),
                    (info.variant.weight >= FontWeight::SEMIBOLD) != bold,
                    info.variant.style != typst::text::FontStyle::Normal,
                )
            });
            let mut map = HashMap::new();
            for font in fonts {
                let Ok(face) = ttf_parser::Face::parse(font.data().as_slice(), font.index()) else { continue };
                let em = face.units_per_em() as f64;
                let Some(cmap) = face.tables().cmap else { continue };
                for subtable in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
                    subtable.codepoints(|code| {
                        let Some(c) = char::from_u32(code) else { return };
                        if map.contains_key(&c) {
                            return;
                        }
                        if let Some(advance) = subtable.glyph_index(code).and_then(|g| face.glyph_hor_advance(g)) {
                            map.insert(c, advance as f64 / em);
                        }
                    });
                }
            }
            map
        };
        Metrics { regular: advances(false), bold: advances(true) }
    }

    /// The width of `text` on one line, in points.
    pub fn width(&self, text: &str, bold: bool, size: f64) -> f64 {
        let advances = if bold { &self.bold } else { &self.regular };
        text.chars().map(|c| advances.get(&c).copied().unwrap_or(0.6) * size).sum()
    }

    /// Lays out a table of `header` and `rows` (plain text; `markdown` cells are read as
    /// Markdown) in `available` points. With `labels`, the first column holds the rows' labels
    /// ("Lasten", "Programma 2 Bestuur en dienstverlening"): the template sets it without
    /// hyphenation, so it gets room for its longest word whole, taken from the number columns
    /// when they have it.
    pub fn layout(
        &self,
        header: &[String],
        rows: &[Vec<String>],
        markdown: bool,
        labels: bool,
        available: f64,
    ) -> Layout {
        let columns = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        let plain: Vec<Vec<Cell>> = rows.iter().map(|r| r.iter().map(|c| Cell::read(c, markdown)).collect()).collect();
        let right: Vec<bool> = (0..columns)
            .map(|j| {
                let mut cells = plain.iter().filter_map(|r| r.get(j)).filter(|c| !c.blank()).peekable();
                // The first column labels the rows; a column of numbers is right-aligned.
                j > 0 && cells.peek().is_some() && cells.all(|c| c.numeric())
            })
            .collect();
        // Row labels whole where they fit, else (one very long word) hyphenated like any cell.
        for (size, whole) in [(SIZE, labels), (SMALL_SIZE, labels), (SIZE, false), (SMALL_SIZE, false)] {
            let keep = |j: usize| whole && j == 0;
            let mut min = vec![0.0_f64; columns];
            let mut natural = vec![0.0_f64; columns];
            // How much text a column holds: the mean width of its cells on one line. Space
            // beyond the longest words goes where there is most text, not to one long cell.
            let mut amount = vec![0.0_f64; columns];
            for (j, h) in header.iter().enumerate() {
                let cell = Cell::read(h, false);
                min[j] = min[j].max(cell.longest_word(self, true, size, false));
                natural[j] = natural[j].max(cell.longest_line(self, true, size));
            }
            for row in &plain {
                for (j, cell) in row.iter().enumerate() {
                    min[j] = min[j].max(cell.longest_word(self, false, size, !keep(j)));
                    let line = cell.longest_line(self, false, size);
                    natural[j] = natural[j].max(line);
                    amount[j] += line / plain.len() as f64;
                }
            }
            let min: Vec<f64> = min.iter().map(|w| w + PADDING).collect();
            let natural: Vec<f64> = natural.iter().zip(&min).map(|(n, m)| (n + PADDING).max(*m)).collect();
            let want: Vec<f64> =
                amount.iter().zip(&min).zip(&natural).map(|((a, m), n)| (a + PADDING).clamp(*m, *n)).collect();
            let (sum_min, sum_natural) = (min.iter().sum::<f64>(), natural.iter().sum::<f64>());
            if sum_min > available && (size > SMALL_SIZE || whole) {
                continue;
            }
            let widths = if sum_natural <= available {
                // Everything fits on one line: what is left goes to the columns whose text would
                // otherwise wrap (beyond their longest word), not to a column of short codes.
                let spare = available - sum_natural;
                let room: Vec<f64> = natural.iter().zip(&min).map(|(n, m)| n - m).collect();
                let total: f64 = room.iter().sum();
                if total < 1.0 {
                    natural.iter().map(|n| n * available / sum_natural).collect()
                } else {
                    natural.iter().zip(&room).map(|(n, r)| n + spare * r / total).collect()
                }
            } else if sum_min <= available {
                // Each column its longest word, the rest where the text is longest.
                let more: Vec<f64> = want.iter().zip(&min).map(|(w, m)| w - m).collect();
                let total: f64 = more.iter().sum();
                if total < 1.0 {
                    // Every column holds little beyond its longest word: share by that.
                    min.iter().map(|m| m * available / sum_min).collect()
                } else {
                    min.iter().zip(&more).map(|(m, x)| m + (available - sum_min) * x / total).collect()
                }
            } else {
                min.iter().map(|m| m * available / sum_min).collect()
            };
            return Layout { widths, right, size, labels_hyphenate: labels && !whole };
        }
        unreachable!("the smaller size with hyphenation always returns")
    }
}

/// The text of a cell as it will be set: its lines (list items and paragraphs each start one),
/// and the indent a list adds.
struct Cell {
    lines: Vec<String>,
    indent: f64,
}

impl Cell {
    fn read(text: &str, markdown: bool) -> Cell {
        if !markdown {
            return Cell { lines: text.lines().map(str::to_string).collect(), indent: 0.0 };
        }
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let mut lines = vec![String::new()];
        let mut indent: f64 = 0.0;
        let mut depth = 0;
        for event in Parser::new(text) {
            match event {
                Event::Text(t) | Event::Code(t) => lines.last_mut().expect("one line").push_str(&t),
                Event::SoftBreak => lines.last_mut().expect("one line").push(' '),
                Event::Start(Tag::Item) => {
                    depth += 1;
                    indent = indent.max(depth as f64 * 1.4);
                    lines.push(String::new());
                }
                Event::End(TagEnd::Item) => depth -= 1,
                Event::HardBreak | Event::End(TagEnd::Paragraph) => lines.push(String::new()),
                _ => {}
            }
        }
        Cell { lines, indent }
    }

    fn blank(&self) -> bool {
        self.lines.iter().all(|l| matches!(l.trim(), "" | "–" | "-" | "—"))
    }

    /// A number, an amount, a percentage or a bound ("<15", "€ 1.200", "−80", "125 V"), perhaps
    /// with a note in brackets after it ("35 (meting)").
    fn numeric(&self) -> bool {
        self.lines.iter().filter(|l| !l.trim().is_empty()).all(|l| {
            let l = l.trim();
            let l = match l.strip_suffix(')').and_then(|rest| rest.rfind('(').map(|i| &rest[..i])) {
                Some(number) if !number.trim().is_empty() => number.trim(),
                _ => l,
            };
            l.chars().any(|c| c.is_ascii_digit())
                && l.chars().all(|c| c.is_ascii_digit() || ".,%€<>≤≥+−- \u{a0}NV".contains(c))
        })
    }

    /// The widest word (with the list indent). A long word in a body cell may be hyphenated,
    /// (ten letters or more) so it needs only about half its width; a word with digits never is.
    fn longest_word(&self, m: &Metrics, bold: bool, size: f64, may_break: bool) -> f64 {
        let widest = self
            .lines
            .iter()
            // A no-break space joins ("x € 1.000" is one word).
            .flat_map(|l| l.split(|c: char| c.is_whitespace() && c != '\u{a0}').filter(|w| !w.is_empty()))
            .map(|w| {
                let width = m.width(w, bold, size);
                let breakable = may_break && w.chars().count() >= 10 && !w.chars().any(|c| c.is_ascii_digit());
                if breakable { width * 0.6 } else { width }
            })
            .fold(0.0, f64::max);
        widest + self.indent * size
    }

    fn longest_line(&self, m: &Metrics, bold: bool, size: f64) -> f64 {
        self.lines.iter().map(|l| m.width(l.trim(), bold, size)).fold(0.0, f64::max) + self.indent * size
    }
}

/// A layout as the named arguments of a Typst `table(…)`.
pub fn typst_arguments(layout: &Layout) -> String {
    let widths: Vec<String> = layout.widths.iter().map(|w| format!("{w:.2}pt")).collect();
    let align: Vec<&str> = layout.right.iter().map(|r| if *r { "right" } else { "left" }).collect();
    format!("columns: ({},), align: ({},)", widths.join(", "), align.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numeric(text: &str) -> bool {
        Cell::read(text, false).numeric()
    }

    #[test]
    fn numbers_amounts_and_bounds_are_numeric_words_are_not() {
        for yes in ["4.714", "−15.980", "<15", ">6,3", "€ 1.200", "22%", "125 V", "35 (meting)", "565 (pm%)"] {
            assert!(numeric(yes), "{yes}");
        }
        for no in ["30 keer waarschuwing", "Politie", "(meting)", "2019 en 2020"] {
            assert!(!numeric(no), "{no}");
        }
    }

    #[test]
    fn every_column_gets_room_for_its_longest_word_and_numbers_go_right() {
        let typesetter = Typesetter::new(std::path::Path::new("fonts")).unwrap();
        let m = Metrics::new(&typesetter, "Lato");
        let header: Vec<String> = ["Indicator", "Streefwaarde", "Realisatie"].map(String::from).into();
        let rows = vec![
            vec!["Aantal ontmantelde hennepkwekerijen in de gemeente".to_string(), "45".into(), "41".into()],
            vec!["Woninginbraken".into(), "<500".into(), "35 (meting)".into()],
        ];
        let layout = m.layout(&header, &rows, false, false, 200.0);
        assert!((layout.widths.iter().sum::<f64>() - 200.0).abs() < 0.01, "{layout:?}");
        assert!(layout.widths[1] >= m.width("Streefwaarde", true, layout.size) + PADDING, "{layout:?}");
        assert_eq!(layout.right, [false, true, true]);
        // Far too narrow for its words: set smaller.
        let narrow = m.layout(&header, &rows, false, false, 150.0);
        assert_eq!(narrow.size, SMALL_SIZE);
        assert_eq!(typst_arguments(&layout).matches("pt").count(), 3);
    }

    #[test]
    fn room_to_spare_goes_to_the_text_not_to_a_column_of_codes() {
        let typesetter = Typesetter::new(std::path::Path::new("fonts")).unwrap();
        let m = Metrics::new(&typesetter, "Lato");
        let header: Vec<String> = ["Nr.", "Activiteit"].map(String::from).into();
        let rows = vec![vec!["01".to_string(), "Bouwen sociale huur".into()]];
        let layout = m.layout(&header, &rows, false, false, TEXT_WIDTH);
        // The code column keeps its natural width ("Nr." in bold, with padding).
        assert!(layout.widths[0] < m.width("Nr.", true, SIZE) + PADDING + 0.01, "{layout:?}");
    }

    #[test]
    fn a_row_label_is_whole_unless_one_word_is_too_long_for_any_room() {
        let typesetter = Typesetter::new(std::path::Path::new("fonts")).unwrap();
        let m = Metrics::new(&typesetter, "Lato");
        let mut header = vec!["bedragen x\u{a0}€\u{a0}1.000".to_string()];
        header.extend((2022..2028).map(|j| format!("Realisatie {j}")));
        let row = |label: &str| std::iter::once(label.to_string()).chain((0..6).map(|_| "−15.899".into())).collect();
        let rows: Vec<Vec<String>> = vec![row("Toevoeging reserve integrale veiligheid")];
        let layout = m.layout(&header, &rows, false, true, TEXT_WIDTH);
        assert!(!layout.labels_hyphenate);
        // Room for "veiligheid" whole and for "x € 1.000", which no-break spaces keep together.
        assert!(layout.widths[0] >= m.width("x\u{a0}€\u{a0}1.000", true, layout.size) + PADDING, "{layout:?}");
        let long: Vec<Vec<String>> =
            vec![row("reserveonroerendezaakbelastingenopbrengstenschommelingenvereveningsfonds")];
        assert!(m.layout(&header, &long, false, true, TEXT_WIDTH).labels_hyphenate);
    }
}
