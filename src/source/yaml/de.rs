//! The located tree → the typed model, through serde, with every error of a file at once.
//!
//! Scalars are read by what the model asks for: a registratienummer written `2018.0042544`
//! stays that text, and a number written the Dutch way means what a Dutch reader means:
//! `6.110` and `16.702.000` are six thousand one hundred and ten and sixteen million seven
//! hundred and two thousand (a point followed by groups of exactly three digits separates
//! thousands), `731,5` has a decimal comma. A number with a point followed by one, two or four
//! or more digits (`6.2`) has a decimal point, as YAML reads it.
//!
//! serde stops at the first error. To report them all, [`parse_all`] notes the error, patches
//! the tree at that node (an unknown field is left out, a missing one or a wrong value becomes
//! a [`Kind::Hole`] that reads as any value) and reads again, until the file reads through.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};

use super::tree::{Kind, Node, Quoting, is_null};
use crate::diagnostics::Position;
use crate::domain::format::{dutch_integer, has_decimal_comma};

/// The most errors reported for one file: after that, more are unlikely to help.
const MAX_ERRORS: usize = 50;

/// What went wrong reading one node, in terms the caller turns into Dutch.
#[derive(Debug, Clone)]
pub struct Error {
    /// The node where it went wrong (set by the innermost node that saw it).
    pub node: Option<u32>,
    pub position: Option<Position>,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone)]
pub enum ErrorKind {
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
    /// `found` and `expected` already in Dutch.
    WrongType {
        found: String,
        expected: String,
    },
    UnknownVariant {
        variant: String,
        expected: &'static [&'static str],
    },
    /// A whole number too large for what it is.
    TooLarge,
    /// A message from a type's own check (a date that does not exist, a value out of range).
    Custom(String),
}

impl Error {
    fn new(kind: ErrorKind) -> Self {
        Error { node: None, position: None, kind }
    }

    /// Places the error at `node`, unless a node inside it already claimed it.
    fn at(mut self, node: &Node) -> Self {
        if self.node.is_none() {
            self.node = Some(node.id);
            self.position = Some(node.position);
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.kind)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(ErrorKind::Custom(msg.to_string()))
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        Error::new(ErrorKind::WrongType { found: found(&unexp), expected: expected(&exp.to_string()) })
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        let expected = expected(&exp.to_string());
        match unexp {
            Unexpected::Signed(_) | Unexpected::Unsigned(_) if expected == "een geheel getal" => {
                Error::new(ErrorKind::TooLarge)
            }
            _ => Error::new(ErrorKind::WrongType { found: found(&unexp), expected }),
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownVariant { variant: variant.to_string(), expected })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownField { field: field.to_string(), expected })
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(ErrorKind::MissingField(field))
    }
}

/// What the user wrote, in words.
fn found(unexp: &Unexpected) -> String {
    match unexp {
        Unexpected::Bool(b) => format!("ja/nee (`{b}`)"),
        Unexpected::Unsigned(n) => format!("het getal {n}"),
        Unexpected::Signed(n) => format!("het getal {n}"),
        Unexpected::Float(x) => format!("het getal {x}"),
        Unexpected::Char(c) => format!("het teken `{c}`"),
        Unexpected::Str(s) => format!("de tekst `{s}`"),
        Unexpected::Unit | Unexpected::Option => "een lege waarde".into(),
        Unexpected::Seq => "een lijst".into(),
        Unexpected::Map => "velden (`naam: waarde`)".into(),
        _ => "een andere soort waarde".into(),
    }
}

/// What a type wants, in words. Our own types say it in Dutch already; serde's and chrono's
/// are translated here so no Rust type name reaches the user.
fn expected(exp: &str) -> String {
    let english: &[(&str, &str)] = &[
        ("a string", "tekst"),
        ("a borrowed string", "tekst"),
        ("a character", "één teken"),
        ("a boolean", "ja of nee (true/false)"),
        ("a sequence", "een lijst"),
        ("a map", "velden (`naam: waarde`)"),
        ("a formatted date string", "een datum als jjjj-mm-dd"),
        ("unit", "een lege waarde"),
        ("option", "een waarde of niets"),
    ];
    if let Some((_, nl)) = english.iter().find(|(en, _)| *en == exp) {
        return (*nl).to_string();
    }
    if exp.starts_with("struct ") || exp.starts_with("a map") {
        return "velden (`naam: waarde`)".into();
    }
    if exp.starts_with("tuple") || exp.starts_with("a tuple") || exp.starts_with("a sequence") {
        return "een lijst".into();
    }
    if matches!(exp, "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "isize")
        || exp.starts_with("integer")
    {
        return "een geheel getal".into();
    }
    if matches!(exp, "f32" | "f64") {
        return "een getal".into();
    }
    if exp.starts_with("een ") {
        // Already Dutch: our own types say what they want.
        return exp.to_string();
    }
    "een andere soort waarde".into()
}

/// How YAML types a plain scalar, with the Dutch forms kept as text for the model to read.
enum Plain {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Text,
}

fn plain(text: &str) -> Plain {
    if is_null(text) {
        return Plain::Null;
    }
    match text {
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Plain::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    if dutch_integer(text).is_some() || has_decimal_comma(text) {
        return Plain::Text;
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return text.parse::<i128>().map_or(Plain::Text, Plain::Int);
    }
    let float_like = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().any(|c| c.is_ascii_digit());
    if float_like && let Ok(x) = text.parse::<f64>() {
        return Plain::Float(x);
    }
    Plain::Text
}

/// Reads a node as whatever the model asks for.
pub struct De<'a>(pub &'a Node);

/// What a [`Kind::Hole`] reads as when text is asked: a valid date, so that a date field that
/// was already reported does not stop the rest of the file from being checked. Checks after
/// reading ignore messages that name it (see `YamlFile::parse_all`).
pub const HOLE_TEXT: &str = "2000-01-01";

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let node = self.0;
        let result = match &node.kind {
            Kind::Hole => v.visit_str("0"),
            Kind::List(items) => v.visit_seq(Items(items.iter())),
            Kind::Fields(fields) => v.visit_map(Fields { fields: fields.iter(), value: None }),
            Kind::Scalar { text, quoting: Quoting::Quoted } => v.visit_str(text),
            Kind::Scalar { text, quoting: Quoting::Plain } => match plain(text) {
                Plain::Null => v.visit_unit(),
                Plain::Bool(b) => v.visit_bool(b),
                Plain::Int(n) => match (i64::try_from(n), u64::try_from(n)) {
                    (Ok(n), _) => v.visit_i64(n),
                    (_, Ok(n)) => v.visit_u64(n),
                    _ => v.visit_str(text),
                },
                Plain::Float(x) => v.visit_f64(x),
                Plain::Text => v.visit_str(text),
            },
        };
        result.map_err(|e: Error| e.at(node))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            Kind::Hole => v.visit_bool(false).map_err(|e: Error| e.at(self.0)),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let node = self.0;
        let result = match &node.kind {
            Kind::Hole => v.visit_i64(0),
            Kind::Scalar { text, quoting: Quoting::Plain } => {
                match dutch_integer(text).or_else(|| match plain(text) {
                    Plain::Int(n) => Some(n),
                    _ => None,
                }) {
                    Some(n) => match (i64::try_from(n), u64::try_from(n)) {
                        (Ok(n), _) => v.visit_i64(n),
                        (_, Ok(n)) => v.visit_u64(n),
                        _ => Err(Error::new(ErrorKind::TooLarge)),
                    },
                    // Digits too many for any integer: too large. (A lone `-` is no number at all.)
                    None if text.strip_prefix('-').unwrap_or(text).chars().all(|c| c.is_ascii_digit())
                        && text.chars().any(|c| c.is_ascii_digit()) =>
                    {
                        Err(Error::new(ErrorKind::TooLarge))
                    }
                    None => return self.deserialize_any(v),
                }
            }
            _ => return self.deserialize_any(v),
        };
        result.map_err(|e: Error| e.at(node))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            Kind::Hole => v.visit_f64(0.0).map_err(|e: Error| e.at(self.0)),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let node = self.0;
        let result = match &node.kind {
            Kind::Hole => v.visit_str(HOLE_TEXT),
            // Any scalar is text when text is asked for: `nummer: 2018.0042544` keeps its digits.
            Kind::Scalar { text, quoting } if !(*quoting == Quoting::Plain && is_null(text)) => v.visit_str(text),
            _ => return self.deserialize_any(v),
        };
        result.map_err(|e: Error| e.at(node))
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        if self.0.is_null() || matches!(self.0.kind, Kind::Hole) {
            v.visit_none().map_err(|e: Error| e.at(self.0))
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        if matches!(self.0.kind, Kind::Hole) {
            return v.visit_unit().map_err(|e: Error| e.at(self.0));
        }
        self.deserialize_any(v)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            Kind::Hole => v.visit_seq(Items([].iter())).map_err(|e: Error| e.at(self.0)),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0.kind {
            Kind::Hole => v.visit_map(Fields { fields: [].iter(), value: None }).map_err(|e: Error| e.at(self.0)),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        names: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match &self.0.kind {
            // Every field present and itself a hole: the struct reads, and nothing in it is
            // reported twice.
            Kind::Hole => v.visit_map(HoleFields(names.iter())).map_err(|e: Error| e.at(self.0)),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let node = self.0;
        let name = match &node.kind {
            Kind::Hole => variants.first().copied().unwrap_or_default(),
            Kind::Scalar { text, .. } if !node.is_null() => text.as_str(),
            _ => return self.deserialize_any(v),
        };
        v.visit_enum(name.into_deserializer()).map_err(|e: Error| e.at(node))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }

    // Integers of every width read like `i64`, Dutch thousands included.
    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_i64(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_i64(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_i64(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_i64(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_i64(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_i64(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_i64(v)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 bytes byte_buf unit_struct tuple tuple_struct
    }
}

struct Items<'a>(std::slice::Iter<'a, Node>);

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|n| seed.deserialize(De(n))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Fields<'a> {
    fields: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((k, v)) = self.fields.next() else { return Ok(None) };
        self.value = Some(v);
        seed.deserialize(De(k)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let node = self.value.take().expect("a key was read first");
        seed.deserialize(De(node))
    }
}

/// The fields of a struct that stands in a hole: each present, each a hole.
struct HoleFields(std::slice::Iter<'static, &'static str>);

static HOLE: Node = Node { id: u32::MAX, position: Position { line: 0, column: 0 }, kind: Kind::Hole };

impl<'de> de::MapAccess<'de> for HoleFields {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.0.next() {
            Some(name) => seed.deserialize((*name).into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(De(&HOLE))
    }
}

/// Reads `tree` as a `T`, reporting every error: the value (when the file reads through, with
/// holes where errors were) and the errors in the order found.
pub fn parse_all<T: DeserializeOwned>(tree: &Node) -> (Option<T>, Vec<Error>) {
    let mut errors: Vec<Error> = Vec::new();
    let mut tree = tree.clone();
    while errors.len() < MAX_ERRORS {
        match T::deserialize(De(&tree)) {
            Ok(value) => return (Some(value), errors),
            Err(e) => {
                let patched = patch(&mut tree, &e);
                errors.push(e);
                if !patched {
                    break;
                }
            }
        }
    }
    (None, errors)
}

/// Changes the tree so that reading it again passes the node of `e`. Returns false when it
/// cannot (the error is in a hole, or was seen before).
fn patch(tree: &mut Node, e: &Error) -> bool {
    let Some(id) = e.node else { return false };
    if id == u32::MAX {
        return false;
    }
    match &e.kind {
        ErrorKind::UnknownField { .. } => tree.remove_field(id),
        ErrorKind::MissingField(field) => {
            let Some(node) = tree.find_mut(id) else { return false };
            let position = node.position;
            let Kind::Fields(fields) = &mut node.kind else { return false };
            if fields.iter().any(|(k, _)| k.text() == Some(field)) {
                return false;
            }
            let key = Node {
                id: u32::MAX - 1,
                position,
                kind: Kind::Scalar { text: field.to_string(), quoting: Quoting::Plain },
            };
            fields.push((key, Node { id: u32::MAX, position, kind: Kind::Hole }));
            true
        }
        _ => match tree.find_mut(id) {
            Some(node) if !matches!(node.kind, Kind::Hole) => {
                node.kind = Kind::Hole;
                true
            }
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::source::yaml::tree;

    fn read<T: DeserializeOwned>(text: &str) -> (Option<T>, Vec<Error>) {
        let (node, problems) = tree::parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        parse_all(&node.unwrap())
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        nummer: String,
        bedrag: i64,
        #[serde(default)]
        datum: Option<chrono::NaiveDate>,
        #[serde(default)]
        lijst: Vec<u32>,
    }

    #[test]
    fn text_stays_text_and_dutch_integers_read_as_such() {
        let (doc, errors) = read::<Doc>("nummer: 2018.0042540\nbedrag: 16.702.000\nlijst: [1, 2]\n");
        assert!(errors.is_empty(), "{errors:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.nummer, "2018.0042540");
        assert_eq!(doc.bedrag, 16_702_000);
        let (doc, _) = read::<Doc>("nummer: x\nbedrag: 6.110\n");
        assert_eq!(doc.unwrap().bedrag, 6110);
    }

    #[test]
    fn every_error_of_a_file_is_found() {
        let text = "nummer: [a]\nbedrag: veel\ndatum: 2018-02-30\nextra: 1\nlijst: [1, x]\n";
        let (doc, errors) = read::<Doc>(text);
        assert!(doc.is_some(), "holes let the file read through");
        let lines: Vec<usize> = errors.iter().map(|e| e.position.unwrap().line).collect();
        assert_eq!(lines.len(), 5, "{errors:?}");
        for line in 1..=5 {
            assert!(lines.contains(&line), "line {line} in {lines:?}");
        }
        assert!(errors.iter().any(|e| matches!(&e.kind, ErrorKind::UnknownField { field, .. } if field == "extra")));
        let (_, errors) = read::<Doc>("bedrag: 1\n");
        assert!(matches!(errors[0].kind, ErrorKind::MissingField("nummer")));
        let (_, errors) = read::<Doc>("nummer: x\nbedrag: 99999999999999999999999\n");
        assert!(matches!(errors[0].kind, ErrorKind::TooLarge));
        let (_, errors) = read::<Doc>("nummer: x\nbedrag: --\n");
        assert!(matches!(errors[0].kind, ErrorKind::WrongType { .. }), "{errors:?}");
    }

    #[test]
    fn plain_scalars_are_typed_as_yaml_does() {
        assert!(matches!(plain("6.2"), Plain::Float(x) if x == 6.2));
        assert!(matches!(plain("6.110"), Plain::Text));
        assert!(matches!(plain("731,5"), Plain::Text));
        assert!(matches!(plain("4714"), Plain::Int(4714)));
        assert!(matches!(plain("-3"), Plain::Int(-3)));
        assert!(matches!(plain("1e300"), Plain::Float(_)));
        assert!(matches!(plain("2018-07-16"), Plain::Text));
        assert!(matches!(plain("~"), Plain::Null));
        assert!(matches!(plain("4.5.6"), Plain::Text));
        assert_eq!(dutch_integer("16.702.000"), Some(16_702_000));
        assert_eq!(dutch_integer("1.2345"), None);
        assert_eq!(dutch_integer("1234.567"), None);
        assert!(has_decimal_comma("1.250,50"));
        assert!(!has_decimal_comma("1,2,3"));
    }
}
