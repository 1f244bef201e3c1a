//! The simulated org's modules import each other in no loop, and keep their layers: the shared
//! base (`crate::base`, `crate::error`) imports no API and not the router; each Salesforce API
//! (`crate::api::<name>`) imports only the base and its own submodules; the router
//! (`crate::server`) sits on top; nothing imports the crate root (`lib.rs`).
//!
//! The graph is read from the sources: every `crate::…`, `self::…` and `super::…` path (in
//! `use` trees too) and every path through a child module a file declares (`mod x;` … `x::y`),
//! outside comments and string literals, each pointing at the longest module it names.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// API-to-API imports that are allowed, each with its reason. Empty: composite, the one API
/// built on another, reaches the REST API through the router it is handed
/// (`base::dispatch::Subrequests`), not by import.
const API_BUILT_ON_API: &[(&str, &str, &str)] = &[];

/// Module path (`crate::base::state`) → the modules it imports.
type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn the_simulated_org_has_no_import_loop_and_keeps_its_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_sources(&src, &src, &mut files);
    let graph = graph(&files);

    // The reading works: edges the crate is known to have are found.
    for (from, to) in [
        ("crate", "crate::server"),
        ("crate::server", "crate::api::composite"),
        ("crate::server", "crate::base::dispatch"),
        ("crate::api::composite", "crate::base::dispatch"),
        ("crate::api::query", "crate::api::query::columns"),
        ("crate::base::state", "crate::base::fault"),
        ("crate::net::tls", "crate::error"),
    ] {
        assert!(
            graph.get(from).is_some_and(|t| t.contains(to)),
            "the graph misses {from} → {to}: {graph:#?}"
        );
    }

    let loops = cycles(&graph);
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
    let broken = layer_violations(&graph);
    assert!(broken.is_empty(), "layers broken:\n{}", broken.join("\n"));
}

/// The checks can fail: the two loops the crate used to have are found and named.
#[test]
fn the_old_loops_are_found_and_named() {
    let files = vec![
        ("crate".to_string(), "mod server; mod composite; mod state; mod fault; mod reply;\npub use state::Org;".to_string()),
        (
            "crate::server".to_string(),
            "use crate::{composite, reply};\n// crate::state in a comment is not an import\nconst S: &str = \"crate::fault\";".to_string(),
        ),
        (
            "crate::composite".to_string(),
            "fn f() { let r = crate::server::router(org.clone()); }".to_string(),
        ),
        ("crate::state".to_string(), "pub struct Org { fault: Option<crate::fault::Fault> }".to_string()),
        ("crate::fault".to_string(), "use crate::reply;\n#[cfg(test)] mod tests { use super::*; }".to_string()),
        ("crate::reply".to_string(), "use crate::state::{self, Org as O};".to_string()),
    ];
    let graph = graph(&files);
    assert_eq!(
        graph["crate::server"],
        BTreeSet::from(["crate::composite".to_string(), "crate::reply".to_string()]),
        "comments and strings are not read"
    );
    let loops = cycles(&graph);
    assert_eq!(
        loops,
        vec![
            "crate::composite → crate::server → crate::composite",
            "crate::fault → crate::reply → crate::state → crate::fault",
        ]
    );
}

#[test]
fn api_modules_may_not_import_each_other_or_the_router() {
    let files = vec![
        (
            "crate::api::records".to_string(),
            "use crate::api::rest::not_supported;".to_string(),
        ),
        (
            "crate::api::rest".to_string(),
            "use crate::base::reply;".to_string(),
        ),
        (
            "crate::api::composite".to_string(),
            "use crate::server::router;".to_string(),
        ),
        (
            "crate::base::reply".to_string(),
            "use crate::api::rest::ApiVersion;\nfn f() -> crate::SimError { todo!() }".to_string(),
        ),
        (
            "crate::base".to_string(),
            "pub(crate) mod reply;".to_string(),
        ),
        ("crate::server".to_string(), String::new()),
    ];
    let broken = layer_violations(&graph(&files));
    assert_eq!(
        broken,
        vec![
            "crate::api::composite (an API) imports crate::server",
            "crate::api::records (an API) imports crate::api::rest",
            "crate::base::reply imports the crate root (lib.rs)",
            "crate::base::reply (the base) imports crate::api::rest",
        ]
    );
}

// ---- reading the sources ----

fn read_sources(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_sources(root, &path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap();
        // The binary is its own crate root; it uses the library by name.
        if relative == Path::new("main.rs") {
            continue;
        }
        let mut segments: Vec<String> = relative
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(segments.last().map(String::as_str), Some("mod" | "lib")) {
            segments.pop();
        }
        let module = std::iter::once("crate".to_string())
            .chain(segments)
            .collect::<Vec<_>>()
            .join("::");
        out.push((module, std::fs::read_to_string(&path).unwrap()));
    }
}

/// The source without comments, and with every string and char literal emptied.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !ident_before(&chars, i) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}'), or a lifetime ('a) left as it is.
            let end = if next == Some('\\') {
                (i + 3..chars.len()).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_string());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

fn is_ident(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// The paths of a path or use tree starting at `tokens[at]` (an identifier), each a list of
/// segments (`self` in a group names the group's prefix); and where the tree ends.
fn paths_at(tokens: &[String], at: usize, prefix: &[String]) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix.to_vec();
    let mut i = at;
    loop {
        match tokens.get(i).map(String::as_str) {
            Some("self") if !prefix.is_empty() => {}
            Some(t) if is_ident(t) => path.push(t.to_string()),
            _ => break,
        }
        i += 1;
        if tokens.get(i).map(String::as_str) != Some("::") {
            return (vec![path], i);
        }
        i += 1;
        if tokens.get(i).map(String::as_str) == Some("{") {
            let mut all = Vec::new();
            i += 1;
            while let Some(t) = tokens.get(i) {
                match t.as_str() {
                    "}" => {
                        i += 1;
                        break;
                    }
                    "," | "*" | "as" => i += 1,
                    t if is_ident(t) => {
                        let (found, end) = paths_at(tokens, i, &path);
                        all.extend(found);
                        i = end;
                        // `x as y`: the alias is no path.
                        if tokens.get(i).map(String::as_str) == Some("as") {
                            i += 2;
                        }
                    }
                    _ => i += 1,
                }
            }
            return (all, i);
        }
    }
    (vec![path], i)
}

/// Every module each module imports (itself left out).
fn graph(files: &[(String, String)]) -> Graph {
    let modules: BTreeSet<&str> = files.iter().map(|(m, _)| m.as_str()).collect();
    let mut graph = Graph::new();
    for (module, source) in files {
        let here: Vec<String> = module.split("::").map(str::to_string).collect();
        let tokens = tokens(&code_only(source));
        // `mod x;` declares a file module: paths through `x::` lead to it.
        let children: BTreeSet<&str> = tokens
            .windows(3)
            .filter(|w| w[0] == "mod" && is_ident(&w[1]) && w[2] == ";")
            .map(|w| w[1].as_str())
            .collect();
        let mut edges = BTreeSet::new();
        // Inline modules (`mod tests { … }`) open at these brace depths: `super::` inside one
        // is still this file.
        let mut inline_at: Vec<usize> = Vec::new();
        let mut depth = 0;
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i].as_str();
            match t {
                "{" => {
                    if i >= 2 && tokens[i - 2] == "mod" && is_ident(&tokens[i - 1]) {
                        inline_at.push(depth);
                    }
                    depth += 1;
                }
                "}" => {
                    depth -= 1;
                    if inline_at.last() == Some(&depth) {
                        inline_at.pop();
                    }
                }
                _ => {}
            }
            let starts_path = is_ident(t) && (i == 0 || tokens[i - 1] != "::");
            if !starts_path || tokens.get(i + 1).map(String::as_str) != Some("::") {
                i += 1;
                continue;
            }
            let (paths, end) = paths_at(&tokens, i, &[]);
            for path in paths {
                if let Some(target) = resolve(&path, &here, inline_at.len(), &children, &modules) {
                    if target != *module {
                        edges.insert(target);
                    }
                }
            }
            i = end.max(i + 1);
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

/// The module a path leads to: the longest known module it names (the root for an item of
/// `lib.rs`); None for paths outside the crate.
fn resolve(
    path: &[String],
    here: &[String],
    inline_depth: usize,
    children: &BTreeSet<&str>,
    modules: &BTreeSet<&str>,
) -> Option<String> {
    let first = path.first()?.as_str();
    let mut absolute: Vec<String> = match first {
        "crate" => path.to_vec(),
        "self" => here.iter().chain(&path[1..]).cloned().collect(),
        "super" => {
            let supers = path.iter().take_while(|s| *s == "super").count();
            let up = supers.saturating_sub(inline_depth);
            let base = here.get(..here.len().saturating_sub(up))?;
            base.iter().chain(&path[supers..]).cloned().collect()
        }
        child if children.contains(child) => here.iter().chain(path).cloned().collect(),
        _ => return None,
    };
    while absolute.len() > 1 && !modules.contains(absolute.join("::").as_str()) {
        absolute.pop();
    }
    Some(absolute.join("::"))
}

// ---- checking the graph ----

/// A loop for each group of modules that import each other in a ring, named from the group's
/// first module: `a → b → c → a`.
fn cycles(graph: &Graph) -> Vec<String> {
    let mut loops = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for start in graph.keys() {
        if seen.contains(start) {
            continue;
        }
        let Some(path) = shortest_path(graph, start, start) else {
            continue;
        };
        let group = strongly_connected(graph, start);
        let mut named = vec![start.clone()];
        named.extend(path);
        let mut line = named.join(" → ");
        if group.len() + 1 > named.len() {
            // More loops run through the same modules: name them all, as one will show next.
            let all: Vec<&str> = group.iter().map(String::as_str).collect();
            line.push_str(&format!(" (one of the loops among {})", all.join(", ")));
        }
        loops.push(line);
        seen.extend(group);
    }
    loops
}

/// The modules on a loop through `start` (start included).
fn strongly_connected<'a>(graph: &'a Graph, start: &'a str) -> BTreeSet<String> {
    graph
        .keys()
        .filter(|m| {
            shortest_path(graph, start, m).is_some() && shortest_path(graph, m, start).is_some()
        })
        .cloned()
        .collect()
}

/// The modules after `from` on a shortest import path to `to` (`to` last), if there is one.
fn shortest_path(graph: &Graph, from: &str, to: &str) -> Option<Vec<String>> {
    let mut came_from: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([from.to_string()]);
    while let Some(m) = queue.pop_front() {
        for next in graph.get(&m).into_iter().flatten() {
            if came_from.contains_key(next) {
                continue;
            }
            came_from.insert(next.clone(), m.clone());
            if next == to {
                let mut path = vec![to.to_string()];
                let mut at = m.clone();
                while at != from {
                    path.push(at.clone());
                    at = came_from[&at].clone();
                }
                path.reverse();
                return Some(path);
            }
            queue.push_back(next.clone());
        }
    }
    None
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer<'a> {
    Root,
    Base,
    Net,
    Api(&'a str),
    Router,
}

fn layer(module: &str) -> Layer<'_> {
    let segments: Vec<&str> = module.split("::").collect();
    match segments.get(1).copied() {
        None => Layer::Root,
        Some("base" | "error") => Layer::Base,
        Some("net") => Layer::Net,
        Some("api") => Layer::Api(segments.get(2).copied().unwrap_or_default()),
        _ => Layer::Router,
    }
}

fn layer_violations(graph: &Graph) -> Vec<String> {
    let mut broken = Vec::new();
    for (from, targets) in graph {
        for to in targets {
            let allowed = match (layer(from), layer(to)) {
                (_, Layer::Root) => {
                    broken.push(format!("{from} imports the crate root (lib.rs)"));
                    continue;
                }
                (Layer::Root | Layer::Router, _) => true,
                (Layer::Base, to) => to == Layer::Base,
                (Layer::Net, to) => matches!(to, Layer::Base | Layer::Net),
                (Layer::Api(a), Layer::Api(b)) => {
                    a == b
                        || API_BUILT_ON_API
                            .iter()
                            .any(|(x, y, _why)| *x == a && *y == b)
                }
                (Layer::Api(_), to) => to == Layer::Base,
            };
            if !allowed {
                let what = match layer(from) {
                    Layer::Base => "the base",
                    Layer::Net => "the network part",
                    _ => "an API",
                };
                broken.push(format!("{from} ({what}) imports {to}"));
            }
        }
    }
    broken
}
