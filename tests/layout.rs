//! The layout holds: imports run one way, down the layers of the README's
//! layout table, and no two files import each other in a loop.
//!
//! The test reads `use` paths and `crate::`/`super::` paths from the source
//! (test code left out: `tests.rs`, `*_tests.rs`, `testkit.rs` and everything
//! from a file's `#[cfg(test)]` on), resolves each to the module file it
//! names, and checks two things: (1) a top-level module imports only modules
//! of a lower layer, so the engines never import each other, the binary or
//! anything above them; (2) the files form no circle, a folder's `mod.rs`
//! and its own files excepted (a folder's face hands its files' names on).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's top-level modules by layer: a module may import only from
/// a lower layer. Two modules on one layer (the engines; the tools) never
/// import each other.
const LAYERS: &[&[&str]] = &[
    &["domain", "output"],
    &["scenario"],
    &["model"],
    &["plan", "generate", "sheets"],
    &["check"],
    &["milp", "heuristic", "roll"],
    &["engine"],
    &["whatif", "bench"],
    &["fairness", "prognose"],
    &["regioplan"],
    &["html"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Module path of a file: `src/milp/vars.rs` → `["milp", "vars"]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

fn is_test_file(rel: &Path) -> bool {
    let name = rel.file_name().unwrap().to_string_lossy();
    name == "tests.rs" || name.ends_with("_tests.rs") || name == "testkit.rs"
}

/// The file's code without its tests and comments.
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every module path the code names, as written: `crate::a::b`, `super::c`,
/// with `use x::{a, b::c}` groups expanded one level.
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let boundary = i == 0
            || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        if boundary && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let mut j = i;
            while j < bytes.len()
                && (bytes[j].is_alphanumeric() || bytes[j] == '_' || bytes[j] == ':')
            {
                j += 1;
            }
            let head: String = bytes[i..j].iter().collect();
            if j < bytes.len() && bytes[j] == '{' && head.ends_with("::") {
                let close = (j..bytes.len()).find(|&k| bytes[k] == '}').unwrap_or(j);
                let group: String = bytes[j + 1..close].iter().collect();
                for item in group.split(',') {
                    let item = item.trim();
                    if !item.is_empty() && item != "self" {
                        found.push(format!("{head}{item}"));
                    }
                }
                found.push(head.trim_end_matches("::").to_string());
                i = close;
            } else {
                found.push(head.trim_end_matches("::").to_string());
                i = j;
            }
        }
        i += 1;
    }
    found
}

/// The module file a path names: the longest prefix that is a module.
fn resolve(from: &[String], path: &str, modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut parts: Vec<String> = path.split("::").map(str::to_string).collect();
    let mut base: Vec<String> = Vec::new();
    if parts[0] == "crate" {
        parts.remove(0);
    } else {
        base = from.to_vec();
        while parts.first().map(String::as_str) == Some("super") {
            parts.remove(0);
            base.pop();
        }
    }
    base.extend(parts);
    (1..=base.len())
        .rev()
        .map(|k| base[..k].to_vec())
        .find(|m| modules.contains(m))
}

struct House {
    /// File (module path) → the module files it imports.
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    /// Module path → file, for messages.
    files: BTreeMap<Vec<String>, PathBuf>,
    /// Module paths that are a folder's `mod.rs`.
    folders: BTreeSet<Vec<String>>,
}

fn house(binary: bool) -> House {
    let mut all = Vec::new();
    rust_files(&src(), &mut all);
    let mut files = BTreeMap::new();
    let mut folders = BTreeSet::new();
    for path in &all {
        let rel = path.strip_prefix(src()).unwrap().to_path_buf();
        let in_binary = rel.starts_with("cli") || rel == Path::new("main.rs");
        if in_binary != binary || is_test_file(&rel) {
            continue;
        }
        let m = module_of(&rel);
        if rel.file_name().unwrap() == "mod.rs" {
            folders.insert(m.clone());
        }
        files.insert(m, path.clone());
    }
    let modules: BTreeSet<Vec<String>> = files.keys().cloned().collect();
    let mut edges = BTreeMap::new();
    for (m, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let to: BTreeSet<Vec<String>> = paths(&code(&text))
            .iter()
            .filter_map(|p| resolve(m, p, &modules))
            .filter(|t| t != m && !t.is_empty())
            .collect();
        edges.insert(m.clone(), to);
    }
    House {
        edges,
        files,
        folders,
    }
}

fn shown(h: &House, m: &[String]) -> String {
    h.files[m]
        .strip_prefix(src())
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn top_level_modules_import_only_lower_layers() {
    let h = house(false);
    let mut wrong = Vec::new();
    for (from, tos) in &h.edges {
        let Some(top) = from.first() else { continue };
        let Some(l_from) = layer(top) else {
            wrong.push(format!(
                "src/{top}: not in the layer list of tests/layout.rs"
            ));
            continue;
        };
        for to in tos {
            let other = &to[0];
            if other == top {
                continue;
            }
            match layer(other) {
                Some(l_to) if l_to < l_from => {}
                _ => wrong.push(format!(
                    "{} imports {} ({other} is not below {top})",
                    shown(&h, from),
                    shown(&h, to)
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run the wrong way:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_file_imports_itself_in_a_circle() {
    for binary in [false, true] {
        let h = house(binary);
        // A folder's face and its own files are one room.
        let face_of = |m: &Vec<String>| m.len() > 1 && h.folders.contains(&m[..m.len() - 1]);
        let tied = |a: &Vec<String>, b: &Vec<String>| {
            (h.folders.contains(a) && face_of(b) && b[..b.len() - 1] == a[..])
                || (h.folders.contains(b) && face_of(a) && a[..a.len() - 1] == b[..])
        };
        let mut state: BTreeMap<&Vec<String>, u8> = BTreeMap::new();
        let mut stack: Vec<&Vec<String>> = Vec::new();
        fn visit<'a>(
            h: &'a House,
            m: &'a Vec<String>,
            state: &mut BTreeMap<&'a Vec<String>, u8>,
            stack: &mut Vec<&'a Vec<String>>,
            tied: &dyn Fn(&Vec<String>, &Vec<String>) -> bool,
        ) -> Option<Vec<String>> {
            state.insert(m, 1);
            stack.push(m);
            for to in &h.edges[m] {
                if tied(m, to) {
                    continue;
                }
                match state.get(to) {
                    Some(1) => {
                        let at = stack.iter().position(|x| *x == to).unwrap();
                        let mut circle: Vec<String> =
                            stack[at..].iter().map(|x| shown(h, x)).collect();
                        circle.push(shown(h, to));
                        return Some(circle);
                    }
                    Some(_) => {}
                    None => {
                        if let Some(c) = visit(h, to, state, stack, tied) {
                            return Some(c);
                        }
                    }
                }
            }
            stack.pop();
            state.insert(m, 2);
            None
        }
        for m in h.edges.keys() {
            if !state.contains_key(m) {
                if let Some(c) = visit(&h, m, &mut state, &mut stack, &tied) {
                    panic!("import circle: {}", c.join(" -> "));
                }
            }
        }
    }
}

#[test]
fn the_binary_imports_only_its_own_cli_modules_and_the_library() {
    let mut all = Vec::new();
    rust_files(&src(), &mut all);
    for path in all {
        let rel = path.strip_prefix(src()).unwrap();
        if !(rel.starts_with("cli") || rel == Path::new("main.rs")) || is_test_file(rel) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for p in paths(&code(&text)) {
            let from_root = p.starts_with("crate::") && !p.starts_with("crate::cli");
            assert!(
                rel == Path::new("main.rs") || !from_root,
                "src/{} uses {p} from the binary's root: the commands take what they need from `cli/` or the library",
                rel.display()
            );
        }
    }
}

#[test]
fn the_path_reader_sees_groups_and_relative_paths() {
    let found =
        paths("use crate::model::{pool, usage::MeasureUse};\nlet x = super::super::plan::Plan;");
    assert!(
        found.contains(&"crate::model::pool".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"crate::model::usage::MeasureUse".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"super::super::plan::Plan".to_string()),
        "{found:?}"
    );
    let modules: BTreeSet<Vec<String>> = [
        vec!["model".to_string()],
        vec!["model".to_string(), "pool".to_string()],
    ]
    .into_iter()
    .collect();
    let from = vec!["model".to_string(), "usage".to_string()];
    assert_eq!(
        resolve(&from, "super::pool::shift_index", &modules),
        Some(vec!["model".into(), "pool".into()])
    );
    assert_eq!(
        resolve(&from, "crate::model::Problem", &modules),
        Some(vec!["model".into()])
    );
}
