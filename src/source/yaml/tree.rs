//! YAML text → a located tree: every node knows where it was written, and a scalar keeps the
//! exact text and quoting the user typed (so `6.110` can be read the Dutch way, and
//! `2018.0042544` stays a registratienummer).
//!
//! Built from saphyr-parser's events. Aliases are expanded here under a budget, so an alias
//! bomb is a located error instead of exhausted memory; duplicate keys and keys that are not
//! text are reported at their own line and left out, so the rest of the file is still checked.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use crate::diagnostics::Position;

/// The most nodes a file may expand to (aliases included). The largest sample, the 36-page
/// Kadernota, has about 3.000.
pub const MAX_NODES: usize = 200_000;
/// The deepest nesting of lists and fields a document may have; the deepest sample has 9.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    /// Written without quotes: YAML gives it a type (number, yes/no, empty).
    Plain,
    /// Between quotes or as a `|`/`>` block: always text.
    Quoted,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Scalar {
        text: String,
        quoting: Quoting,
    },
    List(Vec<Node>),
    /// Fields in the order written; keys are scalars.
    Fields(Vec<(Node, Node)>),
    /// Stands in for a value that was already reported as wrong, so that checking can go on
    /// past it (see `de::parse_all`). It reads as an ordinary value of whatever type is asked.
    Hole,
}

#[derive(Debug, Clone)]
pub struct Node {
    /// Unique within a tree (alias copies get their own), to point at a node after an error.
    pub id: u32,
    pub position: Position,
    pub kind: Kind,
}

/// A problem found while building the tree: where, and what (in the user's terms).
#[derive(Debug, Clone)]
pub struct TreeProblem {
    pub position: Position,
    pub kind: TreeProblemKind,
}

#[derive(Debug, Clone)]
pub enum TreeProblemKind {
    /// The YAML cannot be read at all (the parser's own text, translated by the caller).
    Syntax(String),
    DuplicateKey(String),
    KeyNotText,
    TooManyNodes,
    TooDeep,
    UnknownAnchor,
    MoreThanOneDocument,
}

impl TreeProblem {
    /// Problems after which nothing else in the file can be trusted.
    pub fn is_fatal(&self) -> bool {
        !matches!(
            self.kind,
            TreeProblemKind::DuplicateKey(_) | TreeProblemKind::KeyNotText | TreeProblemKind::MoreThanOneDocument
        )
    }
}

fn position(span: &Span) -> Position {
    Position { line: span.start.line(), column: span.start.col() + 1 }
}

impl Node {
    /// The number of nodes in this subtree.
    pub fn size(&self) -> usize {
        1 + match &self.kind {
            Kind::List(items) => items.iter().map(Node::size).sum(),
            Kind::Fields(fields) => fields.iter().map(|(k, v)| k.size() + v.size()).sum(),
            Kind::Scalar { .. } | Kind::Hole => 0,
        }
    }

    /// The text of a scalar.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The value of a field of this node, by key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Fields(fields) => fields.iter().find(|(k, _)| k.text() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether this is a plain scalar YAML reads as "nothing" (`x:` with no value, `~`, `null`).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, quoting: Quoting::Plain } if is_null(text))
    }

    /// Visits every node, depth first, with the key it stands under (for values of fields,
    /// and the items of their lists).
    pub fn walk<'a>(&'a self, key: Option<&'a Node>, f: &mut dyn FnMut(&'a Node, Option<&'a Node>)) {
        f(self, key);
        match &self.kind {
            Kind::List(items) => items.iter().for_each(|n| n.walk(key, f)),
            Kind::Fields(fields) => fields.iter().for_each(|(k, v)| v.walk(Some(k), f)),
            Kind::Scalar { .. } | Kind::Hole => {}
        }
    }

    fn renumber(&mut self, next: &mut u32) {
        self.id = *next;
        *next += 1;
        match &mut self.kind {
            Kind::List(items) => items.iter_mut().for_each(|n| n.renumber(next)),
            Kind::Fields(fields) => fields.iter_mut().for_each(|(k, v)| {
                k.renumber(next);
                v.renumber(next);
            }),
            Kind::Scalar { .. } | Kind::Hole => {}
        }
    }

    /// The node with this id, to change it.
    pub fn find_mut(&mut self, id: u32) -> Option<&mut Node> {
        if self.id == id {
            return Some(self);
        }
        match &mut self.kind {
            Kind::List(items) => items.iter_mut().find_map(|n| n.find_mut(id)),
            Kind::Fields(fields) => fields.iter_mut().find_map(|(k, v)| k.find_mut(id).or_else(|| v.find_mut(id))),
            Kind::Scalar { .. } | Kind::Hole => None,
        }
    }

    /// Removes the field whose key has this id, wherever it is.
    pub fn remove_field(&mut self, key_id: u32) -> bool {
        match &mut self.kind {
            Kind::Fields(fields) => {
                if let Some(i) = fields.iter().position(|(k, _)| k.id == key_id) {
                    fields.remove(i);
                    return true;
                }
                fields.iter_mut().any(|(_, v)| v.remove_field(key_id))
            }
            Kind::List(items) => items.iter_mut().any(|n| n.remove_field(key_id)),
            Kind::Scalar { .. } | Kind::Hole => false,
        }
    }
}

/// YAML 1.2's plain scalars for "no value".
pub fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

enum Open {
    List { node: Node, anchor: usize },
    Fields { node: Node, anchor: usize, key: Option<Node> },
}

/// Parses `text` into its first document's tree. Returns the tree (absent when the file cannot
/// be read at all) and every problem found on the way.
pub fn parse(text: &str) -> (Option<Node>, Vec<TreeProblem>) {
    let mut problems = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, Node> = Default::default();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    let mut next_id = 0u32;
    let mut documents = 0;
    let fail = |problems: &mut Vec<TreeProblem>, position, kind| {
        problems.push(TreeProblem { position, kind });
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                fail(&mut problems, scan_position(&e), TreeProblemKind::Syntax(e.info().to_string()));
                return (None, problems);
            }
        };
        let at = position(&span);
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents == 2 {
                    fail(&mut problems, at, TreeProblemKind::MoreThanOneDocument);
                }
                continue;
            }
            _ if documents > 1 => continue,
            Event::Scalar(value, style, anchor, _) => {
                let quoting = if style == ScalarStyle::Plain { Quoting::Plain } else { Quoting::Quoted };
                let node = Node { id: next_id, position: at, kind: Kind::Scalar { text: value.into_owned(), quoting } };
                next_id += 1;
                nodes += 1;
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Alias(anchor) => {
                let Some(target) = anchors.get(&anchor) else {
                    fail(&mut problems, at, TreeProblemKind::UnknownAnchor);
                    return (None, problems);
                };
                nodes += target.size();
                if nodes > MAX_NODES {
                    fail(&mut problems, at, TreeProblemKind::TooManyNodes);
                    return (None, problems);
                }
                let mut copy = target.clone();
                copy.renumber(&mut next_id);
                // The copy stands where the alias was written.
                copy.position = at;
                copy
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                nodes += 1;
                if stack.len() >= MAX_DEPTH {
                    fail(&mut problems, at, TreeProblemKind::TooDeep);
                    return (None, problems);
                }
                let id = next_id;
                next_id += 1;
                stack.push(match event {
                    Event::SequenceStart(..) => {
                        Open::List { node: Node { id, position: at, kind: Kind::List(Vec::new()) }, anchor }
                    }
                    _ => Open::Fields {
                        node: Node { id, position: at, kind: Kind::Fields(Vec::new()) },
                        anchor,
                        key: None,
                    },
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match stack.pop() {
                    Some(Open::List { node, anchor }) | Some(Open::Fields { node, anchor, .. }) => (node, anchor),
                    None => continue,
                };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
        };
        if nodes > MAX_NODES {
            fail(&mut problems, at, TreeProblemKind::TooManyNodes);
            return (None, problems);
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::List { node: list, .. }) => {
                if let Kind::List(items) = &mut list.kind {
                    items.push(node);
                }
            }
            Some(Open::Fields { node: map, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    let Kind::Fields(fields) = &mut map.kind else { continue };
                    match k.text() {
                        None => fail(&mut problems, k.position, TreeProblemKind::KeyNotText),
                        Some(name) if fields.iter().any(|(other, _)| other.text() == Some(name)) => {
                            fail(&mut problems, k.position, TreeProblemKind::DuplicateKey(name.to_string()))
                        }
                        Some(_) => fields.push((k, node)),
                    }
                }
            },
        }
    }
    (root, problems)
}

fn scan_position(e: &ScanError) -> Position {
    Position { line: e.marker().line().max(1), column: e.marker().col() + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        let (node, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        node.unwrap()
    }

    #[test]
    fn nodes_know_their_place_and_their_text() {
        let t = tree("a: 6.110\nb:\n  - \"x\"\n  - 2018.0042544\n");
        let a = t.get("a").unwrap();
        assert_eq!(a.position, Position { line: 1, column: 4 });
        assert!(matches!(&a.kind, Kind::Scalar { text, quoting: Quoting::Plain } if text == "6.110"));
        let Kind::List(items) = &t.get("b").unwrap().kind else { panic!() };
        assert_eq!(items[1].position.line, 4);
        assert_eq!(items[1].text(), Some("2018.0042544"));
        assert!(matches!(items[0].kind, Kind::Scalar { quoting: Quoting::Quoted, .. }));
    }

    #[test]
    fn duplicate_keys_are_found_at_the_second() {
        let (node, problems) = parse("a: 1\nb: 2\na: 3\n");
        assert!(matches!(&problems[0].kind, TreeProblemKind::DuplicateKey(k) if k == "a"));
        assert_eq!(problems[0].position.line, 3);
        assert_eq!(node.unwrap().get("a").unwrap().text(), Some("1"));
    }

    #[test]
    fn an_alias_bomb_is_stopped_where_it_explodes() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            bomb += &format!("a{i}: &a{i} [{refs}]\n");
        }
        let (node, problems) = parse(&bomb);
        assert!(node.is_none());
        assert!(matches!(problems[0].kind, TreeProblemKind::TooManyNodes));
        assert!(problems[0].position.line > 1);
    }

    #[test]
    fn deep_nesting_is_stopped() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        let (node, problems) = parse(&format!("a: {deep}\n"));
        assert!(node.is_none());
        assert!(problems[0].is_fatal());
    }
}
