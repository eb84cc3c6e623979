//! YAML → model. The only module that knows the YAML parser, so it can be swapped
//! (serde_yaml is archived; see TYPST.md) without touching the rest.
//!
//! Errors are located (file, line, column), translated into plain Dutch and given a hint, such
//! as the nearest valid field name for a misspelt key.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position, Problems};

/// The longest text a field may hold (characters): a long chapter, not a book.
pub const MAX_TEXT: usize = 100_000;
/// The longest list a document may hold.
pub const MAX_ITEMS: usize = 1_000;

/// A YAML file's text, as read: the display name and the UTF-8 content.
#[derive(Debug, Clone)]
pub struct YamlFile {
    pub name: String,
    pub text: Arc<str>,
}

impl YamlFile {
    /// Decodes the bytes of a YAML file: a UTF-8 byte order mark is dropped, invalid UTF-8 is a
    /// located error, and a file without any content is an error of its own.
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
                .with_hint("begin met `soort:` en `status:`; `raadsstuk new raadsvoorstel --jaar <jaar>` maakt een ingevuld voorbeeld")
                .into());
        }
        Ok(YamlFile { name: name.to_string(), text: Arc::from(text) })
    }

    /// Deserializes the whole file into `T`, with a located, explained error.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Problems> {
        serde_yaml::from_str(&self.text).map_err(|e| self.error(&e).into())
    }

    /// Refuses sizes no council document has, before anything else reads the file: a text over
    /// [`MAX_TEXT`] characters or a list over [`MAX_ITEMS`] items is a located error.
    pub fn check_limits(&self) -> Result<(), Problems> {
        let value: serde_yaml::Value = serde_yaml::from_str(&self.text).map_err(|e| self.error(&e))?;
        let mut problems = Vec::new();
        self.walk_limits(&value, "", &mut problems);
        if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
    }

    fn walk_limits(&self, value: &serde_yaml::Value, key: &str, problems: &mut Vec<Diagnostic>) {
        use serde_yaml::Value;
        match value {
            Value::String(s) if s.chars().count() > MAX_TEXT => problems.push(
                self.diagnostic(
                    self.find_key(key, None),
                    format!("de tekst bij `{key}` is te lang ({} tekens)", s.chars().count()),
                )
                .with_hint(format!(
                    "een tekstveld mag ten hoogste {MAX_TEXT} tekens hebben; zet lange stukken in een bijlage"
                )),
            ),
            Value::Sequence(items) if items.len() > MAX_ITEMS => problems.push(
                self.diagnostic(self.find_key(key, None), format!("de lijst `{key}` heeft {} onderdelen", items.len()))
                    .with_hint(format!("een lijst mag ten hoogste {MAX_ITEMS} onderdelen hebben")),
            ),
            Value::Sequence(items) => items.iter().for_each(|v| self.walk_limits(v, key, problems)),
            Value::Mapping(map) => {
                for (k, v) in map {
                    let k = k.as_str().unwrap_or(key);
                    self.walk_limits(v, k, problems);
                }
            }
            Value::Tagged(t) => self.walk_limits(&t.value, key, problems),
            _ => {}
        }
    }

    /// In a definitief document, every placeholder `raadsstuk new` wrote ("In te vullen") is an
    /// error: nothing unfinished may be sent to the raad.
    pub fn check_placeholders(&self) -> Result<(), Problems> {
        let definitief = self.text.lines().any(|l| l.trim_end() == "status: definitief");
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
    /// `soort:` before the file is parsed as that kind of document).
    pub fn top_level_str(&self, key: &str) -> Result<Option<String>, Problems> {
        let value: serde_yaml::Value = serde_yaml::from_str(&self.text).map_err(|e| self.error(&e))?;
        let serde_yaml::Value::Mapping(map) = value else {
            return Err(Diagnostic::new(&self.name, "het bestand is geen lijst van velden (`naam: waarde`)")
                .at(self.text.clone(), Some(Position { line: 1, column: 1 }))
                .with_hint("een document begint met regels als `soort: raadsvoorstel`")
                .into());
        };
        Ok(map.get(key).and_then(|v| match v {
            serde_yaml::Value::String(s) => Some(s.clone()),
            _ => None,
        }))
    }

    /// A diagnostic located at `position`.
    pub fn diagnostic(&self, position: Option<Position>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.name, message).at(self.text.clone(), position)
    }

    /// The position of `key:` in this file, preferring the line where its value is `value`.
    ///
    /// serde_yaml gives no positions for values that parsed fine, so rules that check a parsed
    /// value find its line by searching the text: the key's first occurrence with that value,
    /// or else its first occurrence.
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

    fn error(&self, e: &serde_yaml::Error) -> Diagnostic {
        let position = e.location().map(|l| Position { line: l.line(), column: l.column() });
        let raw = e.to_string();
        // serde_yaml appends " at line X column Y"; we show the place ourselves.
        let raw = raw.split(" at line ").next().unwrap_or(&raw).to_string();
        let (path, message) = split_path(&raw);
        let (message, hint) = explain(message);
        // A quote that is never closed makes the parser fail far below it: point at the quote.
        if path.is_none()
            && !raw.starts_with("unknown")
            && !raw.starts_with("missing")
            && !raw.starts_with("invalid")
            && let Some(line) = self.unclosed_quote(position.map_or(usize::MAX, |p| p.line))
        {
            let column = self.text.lines().nth(line - 1).and_then(|l| l.find(['"', '\''])).map_or(1, |c| c + 1);
            return self
                .diagnostic(Some(Position { line, column }), "ongeldige YAML: een aanhalingsteken wordt niet gesloten")
                .with_hint("sluit de tekst af met hetzelfde aanhalingsteken als waarmee hij begint");
        }
        // serde places a duplicate key at the start of its mapping: show the second occurrence.
        let duplicate =
            raw.split("duplicate field `").nth(1).or_else(|| raw.split("duplicate entry with key \"").nth(1));
        let position = match duplicate {
            Some(rest) => {
                let key = rest.split(['`', '"']).next().unwrap_or_default();
                let after = position.map_or(0, |p| p.line.saturating_sub(1));
                let found: Vec<usize> = self
                    .text
                    .lines()
                    .enumerate()
                    .skip(after)
                    .filter(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with(&format!("{key}:")))
                    .map(|(i, _)| i + 1)
                    .collect();
                found.get(1).map(|&line| Position { line, column: 1 }).or(position)
            }
            None => position,
        };
        let message = match path {
            Some(p) => format!("{message} (bij `{p}`)"),
            None => message,
        };
        let mut d = self.diagnostic(position, message);
        d.hint = hint;
        d
    }
}

impl YamlFile {
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

/// serde_yaml prefixes errors below the top level with the field path: `voorstel.besluitpunten[0]: …`.
fn split_path(raw: &str) -> (Option<&str>, &str) {
    if let Some((path, rest)) = raw.split_once(": ") {
        let looks_like_path =
            !path.is_empty() && !path.contains(' ') && path.chars().all(|c| c.is_alphanumeric() || "_.[]-".contains(c));
        if looks_like_path {
            return (Some(path), rest);
        }
    }
    (None, raw)
}

/// Turns a serde/YAML error message into plain Dutch, with a hint where one helps.
fn explain(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid = backticked(expected);
        let hint = match closest(field, &valid) {
            Some(best) => format!("bedoelde u `{best}`?"),
            None if valid.is_empty() => "hier horen geen velden".to_string(),
            None => format!("geldige velden zijn: {}", valid.join(", ")),
        };
        return (format!("onbekend veld `{field}`"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid = backticked(expected);
        let hint = match closest(value, &valid) {
            Some(best) => format!("bedoelde u `{best}`? Mogelijk zijn: {}", valid.join(", ")),
            None => format!("mogelijk zijn: {}", valid.join(", ")),
        };
        return (format!("onbekende waarde `{value}`"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (format!("het verplichte veld `{field}` ontbreekt"), Some(format!("voeg een regel `{field}: …` toe")));
    }
    if let Some(rest) =
        message.strip_prefix("duplicate field `").or_else(|| message.strip_prefix("duplicate entry with key \""))
    {
        let field = rest.split(['`', '"']).next().unwrap_or(rest);
        return (format!("het veld `{field}` staat er twee keer"), Some("verwijder een van beide".into()));
    }
    if message.contains(" as u128") || message.contains(" as i128") {
        return (
            "dit getal is te groot".into(),
            Some(
                "is het een nummer of een code? Zet het tussen aanhalingstekens, bijvoorbeeld \"2018.0042544\"".into(),
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            format!("verkeerd soort waarde: {} gevonden, {} verwacht", dutch_kind(found), dutch_kind(expected)),
            hint_for_type(found, expected),
        );
    }
    if message.contains("input is out of range")
        || message.contains("input contains invalid characters")
        || message.contains("premature end of input")
        || message.contains("trailing input")
    {
        return (
            "ongeldige datum".into(),
            Some("schrijf een bestaande datum als jjjj-mm-dd, bijvoorbeeld 2018-07-16".into()),
        );
    }
    if message.contains("found character that cannot start any token") || message.contains("found a tab character") {
        return (
            "ongeldige YAML: een teken dat hier niet mag (vaak een tab)".into(),
            Some(
                "gebruik spaties om in te springen, geen tabs; zet tekst met `#`, `:` of `@` tussen aanhalingstekens"
                    .into(),
            ),
        );
    }
    if message.contains("mapping values are not allowed in this context") {
        return (
            "ongeldige YAML: een `:` op een plek waar dat niet kan".into(),
            Some("zet tekst die een dubbele punt bevat tussen aanhalingstekens, of controleer de inspringing".into()),
        );
    }
    if message.contains("did not find expected key") || message.contains("did not find expected '-' indicator") {
        return (
            "ongeldige YAML: de inspringing klopt niet".into(),
            Some("velden op hetzelfde niveau moeten precies even ver inspringen".into()),
        );
    }
    if message.contains("found unexpected end of stream") || message.contains("while scanning a quoted scalar") {
        return (
            "ongeldige YAML: een aanhalingsteken wordt niet gesloten".into(),
            Some("sluit de tekst af met hetzelfde aanhalingsteken als waarmee hij begint".into()),
        );
    }
    if message.contains("did not find expected ',' or ']'") || message.contains("did not find expected ',' or '}'") {
        return (
            "ongeldige YAML: een lijst [ … ] of { … } wordt niet gesloten".into(),
            Some("sluit met ] of }, of zet tekst die met [ of { begint tussen aanhalingstekens".into()),
        );
    }
    if message.contains("recursion limit exceeded") {
        return ("ongeldige YAML: te diep genest".into(), None);
    }
    (format!("ongeldige invoer: {message}"), None)
}

fn hint_for_type(found: &str, expected: &str) -> Option<String> {
    if expected.contains("string") && (found.starts_with("floating point") || found.starts_with("integer")) {
        return Some("zet de waarde tussen aanhalingstekens, bijvoorbeeld \"2018.0042544\"".into());
    }
    if expected.contains("sequence") || expected.contains("lijst") {
        return Some("een lijst schrijft u met regels die beginnen met `- `".into());
    }
    None
}

fn dutch_kind(s: &str) -> String {
    let s = s.trim();
    if s.starts_with("string") {
        return format!("tekst{}", s.strip_prefix("string").unwrap_or(""));
    }
    for (en, nl) in [
        ("a string", "tekst"),
        ("a sequence", "een lijst"),
        ("sequence", "een lijst"),
        ("a map", "velden (`naam: waarde`)"),
        ("map", "velden (`naam: waarde`)"),
        ("struct ", "velden (`naam: waarde`) voor "),
        ("unit value", "een lege waarde"),
        ("a boolean", "ja/nee (true/false)"),
        ("boolean", "ja/nee"),
        ("floating point", "een getal"),
        ("integer", "een geheel getal"),
        ("a YAML tag", "een YAML-tag"),
    ] {
        if let Some(rest) = s.strip_prefix(en) {
            return format!("{nl}{rest}");
        }
    }
    s.to_string()
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_string).collect()
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
        let err = file("nummer: \"1\"\n\tonderwerp: x\n").parse::<Doc>().unwrap_err();
        assert!(err.0[0].message.starts_with("ongeldige YAML"), "{}", err.0[0].message);
        assert_eq!(err.0[0].position.unwrap().line, 2);
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let err = file("nummer: \"1\"\nonderwerp: \"open\nandere: x\nnog: y\n").parse::<Doc>().unwrap_err();
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
