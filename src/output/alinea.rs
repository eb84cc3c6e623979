//! How long a paragraph may be, measured as Typst sets it, and the plain texts a render found
//! longer than that.

/// The longest paragraph a text may have, in characters: about three full pages. Typst lays
/// out a paragraph as a whole, at a cost that grows faster than its length (one of 49,000
/// characters takes seconds, a hundred of them minutes); real paragraphs stay far below.
pub const MAX_ALINEA: usize = 10_000;

/// A paragraph's length as it is laid out: runs of spaces and line breaks are one space.
pub fn laid_out_length(text: &str) -> usize {
    text.split_whitespace().map(|w| w.chars().count() + 1).sum::<usize>()
}

thread_local! {
    /// Plain texts escaped on this thread that are longer than a paragraph may be.
    static OVERLONG: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes a plain text that is set as one paragraph, when it is longer than a paragraph may be:
/// for the caller of the render to refuse at the text's line.
pub fn note_plain(text: &str) {
    if text.len() > MAX_ALINEA && laid_out_length(text) > MAX_ALINEA {
        OVERLONG.with(|o| o.borrow_mut().push(text.to_string()));
    }
}

/// The plain texts longer than [`MAX_ALINEA`] that were escaped on this thread since the last
/// call (a template render escapes every plain value it places).
pub fn take_overlong() -> Vec<String> {
    OVERLONG.with(|o| std::mem::take(&mut *o.borrow_mut()))
}
