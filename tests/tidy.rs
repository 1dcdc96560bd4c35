//! Tidy checks on the source tree itself: the architecture invariants of
//! ARCHITECTURE.md that the compiler does not enforce.
//!
//! * **Nothing imports upward.** Each top-level module has a layer; code
//!   may name (`crate::…`) only modules of a lower layer. Test code (from a
//!   file's first `#[cfg(test)]` on) may use anything.
//! * **Every module opens with a `//!` overview.**

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The data flows files → ingest → dataset → model → findings → views →
/// charts → present → engine → ui. A module's layer is above every module
/// whose types it reads (ingest fills `dataset`'s rows, so it sits above
/// it; the demo writes files through ingest's table of kinds); modules on
/// one layer may not name each other.
const LAYERS: &[(&str, u32)] = &[
    ("hashing", 0),
    ("tiering", 0),
    ("dataset", 1),
    ("ingest", 2),
    ("model", 2),
    ("findings", 3),
    ("demo", 3),
    ("views", 4),
    ("review", 4),
    ("charts", 5),
    ("present", 6),
    ("engine", 7),
    ("headless", 8),
    ("ui", 9),
];

/// Modules that exist only for tests (behind a feature or `cfg(test)`):
/// they build fixtures from any layer, and nothing shipped may name them.
const TEST_ONLY: &[&str] = &["testkit"];

/// Files of modules declared under `#[cfg(test)]` (`#[cfg(test)] mod
/// testing;` in `findings/mod.rs` makes `findings/testing.rs` test code).
fn test_only_files(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in files {
        let text = fs::read_to_string(path).expect("readable source");
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let declared = pair[1].trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            if pair[0] == "#[cfg(test)]" && declared.starts_with("mod ") && declared.ends_with(';') {
                let name = &declared[4..declared.len() - 1];
                let dir = if path.file_name().is_some_and(|f| f == "mod.rs" || f == "lib.rs") {
                    path.parent().expect("a folder").to_path_buf()
                } else {
                    path.with_extension("")
                };
                out.push(dir.join(format!("{name}.rs")));
                out.push(dir.join(name).join("mod.rs"));
            }
        }
    }
    out
}

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(name, _)| *name == module).map(|(_, layer)| *layer)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file belongs to: `src/model/norms.rs` → `model`.
fn top_module(path: &Path) -> String {
    let relative = path.strip_prefix(src()).expect("under src");
    let first = relative.components().next().expect("a component").as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file that ships: up to its first `#[cfg(test)]`, without
/// comment lines (docs may mention any module).
fn shipped_code(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(n, line)| (n + 1, line))
}

/// Every `crate::name` in a line.
fn crate_paths(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .filter(|(at, _)| !line[..*at].ends_with('$')) // `$crate::` in macros
        .map(|(at, m)| {
            let rest = &line[at + m.len()..];
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn nothing_imports_upward() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let test_files = test_only_files(&files);
    let mut violations = BTreeMap::new();
    for path in &files {
        let from = top_module(path);
        if matches!(from.as_str(), "lib" | "main") || TEST_ONLY.contains(&from.as_str()) || test_files.contains(path) {
            continue;
        }
        let from_layer = layer(&from).unwrap_or_else(|| panic!("src/{from}: add the module to LAYERS in tests/tidy.rs"));
        let text = fs::read_to_string(path).expect("readable source");
        for (line_no, line) in shipped_code(&text) {
            for to in crate_paths(line) {
                if to == from {
                    continue;
                }
                // `use crate::{a, b}` would hide its modules from this check.
                let to = if to.is_empty() { "{…} (name each module's path)" } else { to };
                let allowed = match layer(to) {
                    Some(to_layer) => to_layer < from_layer,
                    None => false, // a test-only module named from shipped code, or an unknown module
                };
                if !allowed {
                    violations.insert(format!("{}:{line_no}", path.strip_prefix(src()).unwrap().display()), format!("{from} → {to}"));
                }
            }
        }
    }
    assert!(violations.is_empty(), "imports against the data flow (see LAYERS):\n{violations:#?}");
}

#[test]
fn every_module_opens_with_an_overview() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let missing: Vec<_> = files
        .iter()
        .filter(|path| {
            let text = fs::read_to_string(path).expect("readable source");
            !text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.starts_with("//!"))
        })
        .map(|path| path.strip_prefix(src()).unwrap().display().to_string())
        .collect();
    assert!(missing.is_empty(), "modules without a `//!` overview first: {missing:#?}");
}

/// The checks above must be able to fail: they see a planted upward import.
#[test]
fn the_layer_check_sees_an_upward_import() {
    let code = "use crate::dataset::Dataset;\n// crate::ui in a comment\nuse crate::findings::Finding;\nuse crate::{a, b};\n#[cfg(test)]\nuse crate::ui;\n";
    let named: Vec<&str> = shipped_code(code).flat_map(|(_, line)| crate_paths(line)).collect();
    assert_eq!(named, ["dataset", "findings", ""], "a grouped import shows as an empty name, which is refused");
    assert!(layer("findings") > layer("model"), "model naming findings would be caught");
}
