//! The code's stages import one way only: each folder of `src/` may use the ones below it,
//! never one above (README, *Architecture*); and no document kind names another (kinds read
//! each other's facts). A backward import fails here with its file and line.

use crate::common::*;

/// The stages from the ground up; a file may use its own stage and the ones before it.
const LAGEN: &[&[&str]] = &[
    &["diagnostics"],
    &["domain"],
    &["source"],
    &["kinds"],
    &["output"],
    &["batch"],
    &["session"],
    &["scaffold", "watch"],
    &["lib", "main", "cli"],
];

/// What every kind may use: the parts they share. Every other folder of `src/kinds/` is a kind.
const GEDEELD: &[&str] = &["mod", "programma", "beleid", "feiten", "view", "charts", "rules"];

fn laag(module: &str) -> Option<usize> {
    LAGEN.iter().position(|l| l.contains(&module))
}

/// The code of a file without comments, string contents and its tests (a file's tests, at its
/// end, may use any stage: they test it with real inputs).
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.trim() == "#[cfg(test)]" {
            break;
        }
        let mut in_string = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    in_string = !in_string;
                    out.push('"');
                }
                '\\' if in_string => {
                    chars.next();
                }
                '/' if !in_string && chars.peek() == Some(&'/') => break,
                c if !in_string => out.push(c),
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

/// Every path a file names from the crate's root, as (line, its first two segments): `crate::x::y`
/// and each member of `crate::{x::…, y}`, and `super::` chains resolved against `module` (the
/// file's own module path, e.g. `["kinds", "jaarverslag", "view"]`).
fn paths(code: &str, module: &[String]) -> Vec<(usize, Vec<String>)> {
    // `crate :: x` is `crate::x`; other white space stays (it separates words).
    let mut squashed = code.replace('\t', " ");
    while squashed.contains(" ::") || squashed.contains(":: ") {
        squashed = squashed.replace(" ::", "::").replace(":: ", "::");
    }
    let mut out = Vec::new();
    let segment = |s: &str| -> Vec<String> {
        s.trim_start()
            .split("::")
            .map(|p| p.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>())
            .take_while(|p| !p.is_empty())
            .take(2)
            .collect()
    };
    let mut at = 0;
    while at < squashed.len() {
        let rest = &squashed[at..];
        let (base, len): (Vec<String>, usize) = if rest.starts_with("crate::")
            && !squashed[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        {
            (Vec::new(), "crate::".len())
        } else if rest.starts_with("super::")
            && !squashed[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        {
            let mut ups = 0;
            let mut len = 0;
            while squashed[at + len..].starts_with("super::") {
                ups += 1;
                len += "super::".len();
            }
            (module[..module.len().saturating_sub(ups)].to_vec(), len)
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let line = squashed[..at].matches('\n').count() + 1;
        let after = &squashed[at + len..];
        if let Some(group) = after.strip_prefix('{') {
            // A group: each member at depth 0.
            let mut depth = 0;
            let mut member = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push((line, [base.clone(), segment(&member)].concat()));
                        member.clear();
                        continue;
                    }
                    _ => {}
                }
                member.push(c);
            }
            if !member.trim().is_empty() {
                out.push((line, [base.clone(), segment(&member)].concat()));
            }
        } else {
            out.push((line, [base, segment(after)].concat()));
        }
        at += len;
    }
    out
}

#[test]
fn imports_run_one_way_from_the_ground_up_and_no_kind_names_another() {
    let src = repo().join("src");
    let kinds: Vec<String> = std::fs::read_dir(src.join("kinds"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|k| !GEDEELD.contains(&k.as_str()))
        .collect();
    assert!(kinds.len() >= 5, "{kinds:?}");
    let mut backward = Vec::new();
    let mut files = 0;
    for file in walk(&src) {
        if file.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        files += 1;
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let mut module: Vec<String> = relative.trim_end_matches(".rs").split('/').map(str::to_string).collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        let own = module[0].clone();
        let own_laag = laag(&own).unwrap_or_else(|| panic!("src/{relative}: a stage of its own? add it to LAGEN"));
        let own_kind = (own == "kinds").then(|| module.get(1).cloned()).flatten().filter(|k| kinds.contains(k));
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, path) in paths(&code(&text), &module) {
            let Some(target) = path.first() else { continue };
            if let Some(l) = laag(target)
                && l > own_laag
            {
                backward.push(format!("src/{relative}:{line}: {own} uses {target}"));
            }
            if let (Some(own_kind), Some(other)) = (&own_kind, path.get(1))
                && target == "kinds"
                && kinds.contains(other)
                && other != own_kind
            {
                backward.push(format!("src/{relative}:{line}: the kind {own_kind} names the kind {other}"));
            }
        }
    }
    assert!(files > 50, "{files} source files");
    assert!(backward.is_empty(), "imports against the stages' order:\n{}", backward.join("\n"));
}

#[test]
fn the_check_sees_groups_super_chains_and_not_strings() {
    let module: Vec<String> = ["kinds", "jaarverslag", "view"].map(String::from).into();
    let found = |text: &str| paths(&code(text), &module).into_iter().map(|(_, p)| p.join("::")).collect::<Vec<_>>();
    assert_eq!(found("use crate::{diagnostics::X, session::Session};"), ["diagnostics::X", "session::Session"]);
    assert_eq!(found("use super::super::programmabegroting::Plan;"), ["kinds::programmabegroting::Plan"]);
    assert_eq!(found("use crate :: session :: Session;"), ["session::Session"]);
    assert_eq!(found("use crate::{\n    output::web,\n    batch::state,\n};"), ["output::web", "batch::state"]);
    assert!(found("let s = \"http://x\"; // crate::session").is_empty());
    assert!(found("let s = \"crate::session::X\";").is_empty());
}

/// The string literals of a file's code (not its comments or tests), with their lines.
fn literals(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim() == "#[cfg(test)]" {
            break;
        }
        let (mut in_string, mut current) = (false, String::new());
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if in_string => {
                    out.push((n + 1, std::mem::take(&mut current)));
                    in_string = false;
                }
                '"' => in_string = true,
                '\\' if in_string => {
                    chars.next();
                }
                '/' if !in_string && chars.peek() == Some(&'/') => break,
                c if in_string => current.push(c),
                _ => {}
            }
        }
    }
    out
}

/// A kind is one module: nothing outside `src/kinds/<kind>/` names it — no path into it and no
/// string that is its soort or one of its templates (`raadsvoorstel`, `boek-paginas`).
#[test]
fn nothing_outside_a_kinds_module_names_it() {
    let src = repo().join("src");
    let kinds: Vec<String> = std::fs::read_dir(src.join("kinds"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|k| !GEDEELD.contains(&k.as_str()))
        .collect();
    // The soorten and templates of the built-in kinds, as a session knows them.
    let project = raadsstuk::source::project::Project::open(&repo()).unwrap();
    let session = raadsstuk::session::Session::open(project).unwrap();
    let mut names: Vec<String> = session.soorten().iter().map(|s| s.to_string()).collect();
    for soort in session.soorten() {
        let kind = session.kind(soort).unwrap();
        names.extend(kind.templates().into_iter().chain(kind.web_templates()).map(|(n, _)| n.to_string()));
    }
    // Shared templates (every kind's, or two kinds') are not a kind's; nor are the roles of the
    // distribution set, which a bundle and a book have whatever their kind.
    names.retain(|n| !raadsstuk::output::render::BUILTIN.iter().any(|(b, _)| b == n));
    let shared: Vec<String> = names.iter().filter(|n| names.iter().filter(|m| m == n).count() > 1).cloned().collect();
    names.retain(|n| !shared.contains(n));
    use raadsstuk::domain::model::Rol;
    let rollen = [Rol::Voorstel, Rol::Besluit, Rol::Bijlage, Rol::Bundel, Rol::Boek, Rol::Document];
    names.retain(|n| !rollen.iter().any(|r| r.as_str() == n));
    let mut named = Vec::new();
    for file in walk(&src) {
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let module: Vec<&str> = relative.trim_end_matches(".rs").split('/').collect();
        if file.extension().is_none_or(|e| e != "rs")
            || (module[0] == "kinds" && module.len() > 2 && kinds.iter().any(|k| k == module[1]))
            || (module[0] == "kinds" && module.len() == 2 && kinds.iter().any(|k| format!("{k}.rs") == module[1]))
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let module: Vec<String> = module.iter().map(|m| m.to_string()).filter(|m| m != "mod").collect();
        for (line, path) in paths(&code(&text), &module) {
            if path.first().is_some_and(|t| t == "kinds") && path.get(1).is_some_and(|k| kinds.contains(k)) {
                named.push(format!("src/{relative}:{line}: names the kind {}", path[1]));
            }
        }
        for (line, literal) in literals(&text) {
            if names.contains(&literal) {
                named.push(format!("src/{relative}:{line}: names \"{literal}\""));
            }
        }
    }
    assert!(named.is_empty(), "a kind named outside its module:\n{}", named.join("\n"));
}
