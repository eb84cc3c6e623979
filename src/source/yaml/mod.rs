//! Reading sources: YAML text → a located tree → the model, with every error of a file at
//! once, in plain Dutch, at its file, line and column.
//!
//! The tree ([`tree`]) keeps where every value was written and exactly how; the model is read
//! from it through serde ([`de`]), so messages point at the value itself and a number is read
//! as a Dutch reader means it (see [`de`] for the rule). No parser or Rust text reaches the user.

pub mod de;
pub mod tree;

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position, Problems};
use de::ErrorKind;
use tree::{Kind, Node, TreeProblemKind};

/// The longest text a field may hold (characters): a long chapter, not a book.
pub const MAX_TEXT: usize = 100_000;
/// The longest list a document may hold.
pub const MAX_ITEMS: usize = 1_000;

/// A YAML file, read: its display name, its text and its located tree.
#[derive(Debug, Clone)]
pub struct YamlFile {
    pub name: String,
    pub text: Arc<str>,
    tree: Node,
    /// Problems that did not stop reading (a key written twice), reported with the rest.
    notes: Vec<Diagnostic>,
}

impl YamlFile {
    /// Reads the bytes of a YAML file: a UTF-8 byte order mark is dropped, invalid UTF-8 is a
    /// located error, a file without any content is an error of its own, and so is YAML that
    /// cannot be read.
    pub fn decode(name: &str, bytes: &[u8]) -> Result<Self, Problems> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
                return Err(Diagnostic::new(name, "het bestand bevat tekens die geen geldige UTF-8 zijn")
                    .at(lossy, Some(Position { line, column: 1 }))
                    .with_hint("sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8)")
                    .into());
            }
        };
        let meaningful = text.lines().any(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
        });
        if !meaningful {
            return Err(Diagnostic::new(name, "het bestand is leeg")
                .with_hint("begin met `soort:` en `status:`; `raadsstuk new <soort> --jaar <jaar>` maakt een ingevuld voorbeeld (`raadsstuk new --help` noemt de soorten)")
                .into());
        }
        let text: Arc<str> = Arc::from(text);
        let (tree, problems) = tree::parse(&text);
        let mut file = YamlFile {
            name: name.to_string(),
            text,
            tree: Node { id: 0, position: Position { line: 1, column: 1 }, kind: Kind::Hole },
            notes: Vec::new(),
        };
        let fatal = problems.iter().any(|p| p.is_fatal());
        let diagnostics: Vec<Diagnostic> = problems.iter().map(|p| file.tree_problem(p)).collect();
        match tree {
            Some(tree) if !fatal => {
                file.tree = tree;
                file.notes = diagnostics;
                Ok(file)
            }
            _ if diagnostics.is_empty() => Err(Diagnostic::new(name, "het bestand is leeg").into()),
            _ => Err(Problems(diagnostics)),
        }
    }

    /// Reads the whole file as a `T`. Every problem of the file comes back at once.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Problems> {
        match self.parse_all() {
            (Some(value), problems) if problems.is_empty() => Ok(value),
            (_, problems) => Err(Problems(problems)),
        }
    }

    /// Reads the whole file as a `T` as far as it goes: the value (with stand-ins where values
    /// were wrong, so checks of the rest can still run) and every problem found.
    pub fn parse_all<T: DeserializeOwned>(&self) -> (Option<T>, Vec<Diagnostic>) {
        let mut problems = self.notes.clone();
        if !matches!(self.tree.kind, Kind::Fields(_)) {
            problems.push(self.not_fields());
            return (None, problems);
        }
        let (value, errors) = de::parse_all::<T>(&self.tree);
        problems.extend(errors.iter().map(|e| self.de_error(e)));
        (value, problems)
    }

    fn not_fields(&self) -> Diagnostic {
        self.diagnostic(Some(self.tree.position), "het bestand is geen lijst van velden (`naam: waarde`)")
            .with_hint("een document begint met regels als `soort: <soort>` en `status: concept`")
    }

    /// Refuses sizes no council document has, before anything else reads the file: a text over
    /// [`MAX_TEXT`] characters or a list over [`MAX_ITEMS`] items is a located error.
    pub fn check_limits(&self) -> Result<(), Problems> {
        let mut problems = Vec::new();
        self.tree.walk(None, &mut |node, key_node| {
            let key = key_node.and_then(Node::text).unwrap_or("?");
            // Shown at the field's name: a long text or list starts below it.
            let at = Some(key_node.map_or(node.position, |k| k.position));
            match &node.kind {
                Kind::Scalar { text, .. } if text.chars().count() > MAX_TEXT => problems.push(
                    self.diagnostic(at, format!("de tekst bij `{key}` is te lang ({} tekens)", text.chars().count()))
                        .with_hint(format!(
                            "een tekstveld mag ten hoogste {MAX_TEXT} tekens hebben; zet lange stukken in een bijlage"
                        )),
                ),
                Kind::List(items) if items.len() > MAX_ITEMS => problems.push(
                    self.diagnostic(at, format!("de lijst `{key}` heeft {} onderdelen", items.len()))
                        .with_hint(format!("een lijst mag ten hoogste {MAX_ITEMS} onderdelen hebben")),
                ),
                _ => {}
            }
        });
        if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
    }

    /// In a definitief document, every placeholder `raadsstuk new` wrote ("In te vullen") is an
    /// error: nothing unfinished may be sent to the raad.
    pub fn check_placeholders(&self) -> Result<(), Problems> {
        let definitief = self.tree.get("status").and_then(Node::text) == Some("definitief");
        if !definitief {
            return Ok(());
        }
        let problems: Vec<Diagnostic> = self
            .text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim_start().starts_with('#') && l.to_lowercase().contains("in te vullen"))
            .map(|(i, l)| {
                let column = l.to_lowercase().find("in te vullen").map_or(1, |c| l[..c].chars().count() + 1);
                self.diagnostic(
                    Some(Position { line: i + 1, column }),
                    "nog niet ingevuld, maar het document is definitief",
                )
                .with_hint("vul de tekst in, of zet `status: concept` zolang het stuk niet af is")
            })
            .collect();
        if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
    }

    /// Reads one top-level key as text without interpreting the rest of the file (used to read
    /// `soort:` before the file is read as that kind of document).
    pub fn top_level_str(&self, key: &str) -> Result<Option<String>, Problems> {
        if !matches!(self.tree.kind, Kind::Fields(_)) {
            return Err(self.not_fields().into());
        }
        Ok(self.tree.get(key).and_then(Node::text).filter(|t| !t.is_empty()).map(str::to_string))
    }

    /// Where the value of a top-level key was written.
    pub fn top_level_position(&self, key: &str) -> Option<Position> {
        self.tree.get(key).map(|n| n.position)
    }

    /// Where the value at `path` was written: field names and list indexes from the top
    /// (`["beleidsdoelen", "0", "code"]`). When the path does not exist to the end, the deepest
    /// part that does.
    pub fn locate(&self, path: &[&str]) -> Option<Position> {
        let mut node = &self.tree;
        for step in path {
            let next = match &node.kind {
                Kind::Fields(_) => node.get(step),
                Kind::List(items) => step.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        Some(node.position)
    }

    /// The located tree, for checks that need to know where each value stands.
    pub fn tree(&self) -> &Node {
        &self.tree
    }

    /// A diagnostic located at `position`.
    pub fn diagnostic(&self, position: Option<Position>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.name, message).at(self.text.clone(), position)
    }

    /// The position of `key:` in this file, preferring the line where its value is `value`.
    ///
    /// Rules that check a parsed value find its line by searching the text: the key's first
    /// occurrence with that value, or else its first occurrence.
    pub fn find_key(&self, key: &str, value: Option<&str>) -> Option<Position> {
        let mut first = None;
        for (i, line) in self.text.lines().enumerate() {
            let trimmed = line.trim_start().trim_start_matches("- ");
            if let Some(rest) = trimmed.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
                let column = line.len() - trimmed.len() + 1;
                let pos = Position { line: i + 1, column };
                let found = rest.trim().trim_matches(['"', '\'']);
                match value {
                    Some(v) if found == v => return Some(pos),
                    _ => {
                        first.get_or_insert(pos);
                    }
                }
            }
        }
        first
    }

    /// A problem of the tree, in the user's words.
    fn tree_problem(&self, p: &tree::TreeProblem) -> Diagnostic {
        let at = Some(p.position);
        match &p.kind {
            TreeProblemKind::Syntax(info) => self.syntax_error(p.position, info),
            TreeProblemKind::DuplicateKey(key) => self
                .diagnostic(at, format!("het veld `{key}` staat er twee keer"))
                .with_hint("verwijder een van beide"),
            TreeProblemKind::KeyNotText => self
                .diagnostic(at, "een veldnaam moet een woord zijn, geen lijst of velden")
                .with_hint("schrijf velden als `naam: waarde`"),
            TreeProblemKind::TooManyNodes => self
                .diagnostic(at, "het bestand vermenigvuldigt zich hier via ankers (&) en verwijzingen (*) tot te veel waarden")
                .with_hint(format!(
                    "een document heeft ten hoogste {} waarden; schrijf de tekst uit in plaats van hem te herhalen met *",
                    crate::domain::format::integer(tree::MAX_NODES as i64)
                )),
            TreeProblemKind::TooDeep => self
                .diagnostic(at, "ongeldige YAML: te diep genest")
                .with_hint(format!("lijsten en velden gaan ten hoogste {} niveaus diep", tree::MAX_DEPTH)),
            TreeProblemKind::UnknownAnchor => self
                .diagnostic(at, "verwijzing (*) naar een anker (&) dat niet bestaat")
                .with_hint("een verwijzing *naam kan alleen naar een eerder geschreven &naam"),
            TreeProblemKind::MoreThanOneDocument => self
                .diagnostic(at, "het bestand bevat meer dan één document (een tweede `---`)")
                .with_hint("één document per bestand: verwijder de tweede `---`, of zet dat deel in een eigen bestand"),
        }
    }

    /// YAML that cannot be read, explained. The parser's own (English) text never reaches the
    /// user: known cases get a Dutch explanation, the rest a general one.
    fn syntax_error(&self, position: Position, info: &str) -> Diagnostic {
        // A quote that is never closed makes the parser fail far below it: point at the quote.
        if info.contains("quoted scalar") && (info.contains("end of stream") || info.contains("document indicator"))
            || info.contains("invalid indentation in quoted scalar")
        {
            let line = self.unclosed_quote(position.line).unwrap_or(position.line);
            let column = self.text.lines().nth(line - 1).and_then(|l| l.find(['"', '\''])).map_or(1, |c| c + 1);
            return self
                .diagnostic(Some(Position { line, column }), "ongeldige YAML: een aanhalingsteken wordt niet gesloten")
                .with_hint("sluit de tekst af met hetzelfde aanhalingsteken als waarmee hij begint");
        }
        // A tab in the indentation is found by the parser at the end of the line before.
        if info.contains("tab")
            && let Some(i) = self
                .text
                .lines()
                .enumerate()
                .skip(position.line.saturating_sub(1))
                .find_map(|(i, l)| l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t').then_some(i))
        {
            let (message, hint) = explain_syntax(info);
            return self.diagnostic(Some(Position { line: i + 1, column: 1 }), message).with_hint(hint);
        }
        // So is a list `[` or `{` that is never closed: the parser stumbles on a later line.
        if !info.contains("recursion limit")
            && let Some(line) = self.unclosed_bracket(position.line)
        {
            let column = self.text.lines().nth(line - 1).and_then(|l| l.find(['[', '{'])).map_or(1, |c| c + 1);
            return self
                .diagnostic(
                    Some(Position { line, column }),
                    "ongeldige YAML: een lijst [ … ] of { … } wordt niet gesloten",
                )
                .with_hint("sluit met ] of }, of zet tekst die met [ of { begint tussen aanhalingstekens");
        }
        let (message, hint) = explain_syntax(info);
        self.diagnostic(Some(position), message).with_hint(hint)
    }

    /// The last line (at or before `until`) whose value opens a `[` or `{` it does not close,
    /// when the next line does not continue it (a flow list may span lines, indented).
    fn unclosed_bracket(&self, until: usize) -> Option<usize> {
        let lines: Vec<&str> = self.text.lines().collect();
        (0..until.min(lines.len())).rev().find_map(|i| {
            let line = lines[i];
            let trimmed = line.trim_start().trim_start_matches("- ");
            let value = match trimmed.split_once(": ") {
                Some((_, v)) => v.trim(),
                None => return None,
            };
            if !value.starts_with(['[', '{']) {
                return None;
            }
            let (mut depth, mut quote) = (0i32, None);
            for c in value.chars() {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, '[' | '{') => depth += 1,
                    (None, ']' | '}') => depth -= 1,
                    _ => {}
                }
            }
            let indent = line.len() - line.trim_start().len();
            let continued = lines.get(i + 1).is_some_and(|next| next.len() - next.trim_start().len() > indent);
            (depth > 0 && !continued).then_some(i + 1)
        })
    }

    /// A reading error, in the user's words.
    fn de_error(&self, e: &de::Error) -> Diagnostic {
        let (message, hint) = match &e.kind {
            ErrorKind::UnknownField { field, expected } => {
                let valid: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
                let hint = match closest(field, &valid) {
                    Some(best) => format!("bedoelde u `{best}`?"),
                    // `{ realisatie: 731,5 }`: in braces a comma separates fields.
                    None if field.chars().all(|c| c.is_ascii_digit()) => {
                        "tussen { } scheidt een komma de velden: zet een getal met een decimale komma tussen aanhalingstekens, \"731,5\"".to_string()
                    }
                    None if valid.is_empty() => "hier horen geen velden".to_string(),
                    None => format!("geldige velden zijn: {}", valid.join(", ")),
                };
                (format!("onbekend veld `{field}`"), Some(hint))
            }
            ErrorKind::MissingField(field) => {
                (format!("het verplichte veld `{field}` ontbreekt"), Some(format!("voeg een regel `{field}: …` toe")))
            }
            ErrorKind::WrongType { found, expected } => (
                format!("verkeerd soort waarde: {found} gevonden, {expected} verwacht"),
                hint_for_type(found, expected),
            ),
            ErrorKind::UnknownVariant { variant, expected } => {
                let valid: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
                let hint = match closest(variant, &valid) {
                    Some(best) => format!("bedoelde u `{best}`? Mogelijk zijn: {}", valid.join(", ")),
                    None => format!("mogelijk zijn: {}", valid.join(", ")),
                };
                (format!("onbekende waarde `{variant}`"), Some(hint))
            }
            ErrorKind::TooLarge => (
                "dit getal is te groot".to_string(),
                Some(
                    "is het een nummer of een code? Zet het tussen aanhalingstekens, bijvoorbeeld \"2018.0042544\""
                        .into(),
                ),
            ),
            ErrorKind::Custom(message) => explain_custom(message),
        };
        let mut d = self.diagnostic(e.position, message);
        d.hint = hint;
        d
    }

    /// The first line (at or before `until`) whose value opens a quote it does not close.
    fn unclosed_quote(&self, until: usize) -> Option<usize> {
        for (i, line) in self.text.lines().enumerate().take(until) {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let value = match trimmed.split_once(": ") {
                Some((_, v)) => v.trim(),
                None if trimmed.starts_with(['"', '\'']) => trimmed.trim(),
                None => continue,
            };
            let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
            let rest = &value[1..];
            let closed = if quote == '"' {
                let mut escaped = false;
                rest.chars().any(|c| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
            } else {
                rest.contains('\'')
            };
            if !closed {
                return Some(i + 1);
            }
        }
        None
    }
}

/// The parser's syntax errors in plain Dutch, with a hint.
fn explain_syntax(info: &str) -> (String, String) {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["tab"],
            "ongeldige YAML: een teken dat hier niet mag (vaak een tab)",
            "gebruik spaties om in te springen, geen tabs",
        ),
        (
            &["mapping values are not allowed", "illegal placement of ':'", "':' must be followed"],
            "ongeldige YAML: een `:` op een plek waar dat niet kan",
            "zet tekst die een dubbele punt bevat tussen aanhalingstekens, of controleer de inspringing",
        ),
        (
            &["flow sequence", "flow mapping", "misplaced bracket", "flow construct"],
            "ongeldige YAML: een lijst [ … ] of { … } wordt niet gesloten",
            "sluit met ] of }, of zet tekst die met [ of { begint tussen aanhalingstekens",
        ),
        (
            &["did not find expected key", "did not find expected '-'", "invalid indentation", "wrongly indented"],
            "ongeldige YAML: de inspringing klopt niet",
            "velden op hetzelfde niveau moeten precies even ver inspringen",
        ),
        (&["recursion limit"], "ongeldige YAML: te diep genest", "lijsten en velden gaan ten hoogste 64 niveaus diep"),
        (
            &["unexpected character", "cannot start", "did not find expected node content", "unprintable"],
            "ongeldige YAML: een teken dat hier niet mag",
            "zet tekst die begint met `@`, `` ` ``, `%`, `!`, `&`, `*`, `|` of `>` tussen aanhalingstekens",
        ),
        (
            &["block sequence entries are not allowed", "\"-\" is only valid", "'-' must be followed"],
            "ongeldige YAML: een `- ` op een plek waar dat niet kan",
            "een lijst begint op een eigen regel onder het veld, met `- ` voor elk onderdeel",
        ),
        (
            &["tag", "directive", "handle"],
            "ongeldige YAML: een `!` of `%` op een plek waar dat niet kan",
            "zet tekst die met `!` of `%` begint tussen aanhalingstekens",
        ),
        (
            &["anchor or alias"],
            "ongeldige YAML: een `&` of `*` zonder naam",
            "zet tekst die met `&` of `*` begint tussen aanhalingstekens",
        ),
        (
            &["escape"],
            "ongeldige YAML: een `\\` in tekst tussen dubbele aanhalingstekens",
            "schrijf `\\\\` voor een backslash, of gebruik enkele aanhalingstekens",
        ),
    ];
    for (needles, message, hint) in cases {
        if needles.iter().any(|n| info.contains(n)) {
            return (message.to_string(), hint.to_string());
        }
    }
    (
        "ongeldige YAML: dit kan niet worden gelezen".to_string(),
        "controleer deze regel en de regel erboven: de inspringing, de aanhalingstekens en een `:` in de tekst"
            .to_string(),
    )
}

/// Messages from a type's own check: dates (chrono) in Dutch; ours are Dutch already.
fn explain_custom(message: &str) -> (String, Option<String>) {
    let date = [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough",
        "no possible date",
        "bad or unsupported format",
    ];
    if date.iter().any(|d| message.contains(d)) {
        return (
            "ongeldige datum".into(),
            Some("schrijf een bestaande datum als jjjj-mm-dd, bijvoorbeeld 2018-07-16".into()),
        );
    }
    if message.starts_with("invalid length") {
        return ("verkeerd aantal onderdelen".into(), None);
    }
    if message.is_ascii() && message.split_whitespace().any(|w| ["expected", "invalid", "found", "the"].contains(&w)) {
        // A foreign message we do not know: say what we can in Dutch.
        return ("ongeldige waarde".into(), Some("controleer deze waarde; zie de voorbeelden in de README".into()));
    }
    (message.to_string(), None)
}

fn hint_for_type(found: &str, expected: &str) -> Option<String> {
    if expected == "tekst" && found.starts_with("het getal") {
        return Some("zet de waarde tussen aanhalingstekens, bijvoorbeeld \"2018.0042544\"".into());
    }
    if expected == "een lijst" {
        return Some("een lijst schrijft u met regels die beginnen met `- `".into());
    }
    if found == "een lege waarde" {
        return Some("vul een waarde in, of laat het veld weg als het niet verplicht is".into());
    }
    None
}

/// The valid name nearest to a misspelt one, if it is near enough to be a likely typo.
fn closest(wrong: &str, valid: &[String]) -> Option<String> {
    valid
        .iter()
        .map(|v| (strsim::jaro_winkler(wrong, v), v))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        onderwerp: String,
        #[allow(dead_code)]
        nummer: String,
    }

    fn file(text: &str) -> YamlFile {
        YamlFile::decode("data/2018/x.yaml", text.as_bytes()).unwrap()
    }

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let err = file("nummer: \"1\"\nondewerp: x\n").parse::<Doc>().unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.message, "onbekend veld `ondewerp`");
        assert_eq!(d.hint.as_deref(), Some("bedoelde u `onderwerp`?"));
        assert_eq!(d.position.unwrap().line, 2);
    }

    #[test]
    fn missing_field_is_named() {
        let err = file("nummer: \"1\"\n").parse::<Doc>().unwrap_err();
        assert_eq!(err.0[0].message, "het verplichte veld `onderwerp` ontbreekt");
    }

    #[test]
    fn unquoted_number_is_accepted_as_text() {
        // A registratienummer written without quotes must not lose its digits.
        let doc = file("nummer: 2018.0042544\nonderwerp: x\n").parse::<Doc>().unwrap();
        assert_eq!(doc.nummer, "2018.0042544");
    }

    #[test]
    fn tabs_give_a_located_syntax_error() {
        let err = YamlFile::decode("x", b"nummer: \"1\"\n\tonderwerp: x\n").unwrap_err();
        assert!(err.0[0].message.starts_with("ongeldige YAML"), "{}", err.0[0].message);
        assert_eq!(err.0[0].position.unwrap().line, 2);
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let err = YamlFile::decode("x", b"nummer: \"1\"\nonderwerp: \"open\nandere: x\nnog: y\n").unwrap_err();
        assert_eq!(err.0[0].message, "ongeldige YAML: een aanhalingsteken wordt niet gesloten");
        assert_eq!(err.0[0].position.unwrap().line, 2);
    }

    #[test]
    fn bom_is_dropped_and_empty_files_are_refused() {
        assert!(YamlFile::decode("a", b"\xEF\xBB\xBFnummer: x\n").is_ok());
        let err = YamlFile::decode("a", b"# alleen commentaar\n").unwrap_err();
        assert_eq!(err.0[0].message, "het bestand is leeg");
        let err = YamlFile::decode("a", b"a: \xFF\n").unwrap_err();
        assert!(err.0[0].message.contains("UTF-8"));
    }

    #[test]
    fn find_key_prefers_the_matching_value() {
        let f = file("bijlagen:\n  - titel: a\n    bestand: x.pdf\n  - titel: b\n    bestand: y.pdf\n");
        assert_eq!(f.find_key("bestand", Some("y.pdf")), Some(Position { line: 5, column: 5 }));
        assert_eq!(f.find_key("titel", None), Some(Position { line: 2, column: 5 }));
    }
}
