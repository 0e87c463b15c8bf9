//! `bulletin` typesets an office's weekly Chinese briefing (简报) from TOML
//! into a print-ready PDF.
//!
//! The pipeline runs one way (docs/architecture.md draws it):
//! [`input`] reads and checks the editors' TOML into plain values (and
//! writes it back, one field at a time); [`pictures`] and [`fonts`] are what
//! an issue prints with; [`typeset`] turns an issue into the JSON the layout
//! reads, lays it out in a Typst world and writes PDF, PNG or SVG; [`lint`]
//! checks punctuation and gathers every problem of `bulletin check`;
//! [`live`] keeps an issue built as its files change; [`publication`] is the
//! folder and its issues; [`import`] and [`init`] make issues and
//! publications. The command line (`src/cli/`, in the binary) and the desk
//! ([`desk`]) are the surfaces on top. Below everything: [`i18n`] (the
//! catalogue), [`diagnostic`] (located problems), [`files`] and [`output`]
//! (reading and writing safely), [`text`].

#[cfg(feature = "desk")]
pub mod desk;
pub mod diagnostic;
pub mod files;
pub mod fonts;
pub mod i18n;
pub mod import;
pub mod init;
pub mod input;
pub mod lint;
pub mod live;
pub mod output;
pub mod pictures;
pub mod publication;
pub mod text;
pub mod typeset;

#[cfg(test)]
mod architecture {
    //! The modules depend on each other one way: no cycle between the
    //! top-level modules of `src/` (docs/architecture.md draws them).

    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    /// The top-level modules this file declares.
    fn top_level_modules() -> BTreeSet<String> {
        let lib = include_str!("lib.rs");
        lib.lines()
            .filter_map(|line| line.trim().strip_prefix("pub mod "))
            .filter_map(|rest| rest.strip_suffix(';'))
            .map(str::to_string)
            .collect()
    }

    fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }

    /// The first names of the `crate::` paths in `text`: `crate::a::b` and
    /// `crate::{a, b::{c}}` name `a` (and `b`).
    pub(super) fn crate_paths(text: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = text;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue; // `$crate::`, `some_crate::`
            }
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 0;
                let mut item = String::new();
                let mut items = Vec::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                        _ if depth == 0 => item.push(c),
                        _ => {}
                    }
                }
                items.push(item);
                for item in items {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    found.insert(name);
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        }
        found
    }

    #[test]
    fn crate_paths_are_read_in_every_form() {
        let text = "use crate::a::x;\nuse crate::{b, c::{d, e}, f::g};\nlet _ = $crate::h::i; crate::j::k();";
        let names: Vec<String> = crate_paths(text).into_iter().collect();
        assert_eq!(names, ["a", "b", "c", "f", "j"]);
    }

    #[test]
    fn no_cycle_between_top_level_modules() {
        let modules = top_level_modules();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in files {
            let relative = file.strip_prefix(&src).unwrap();
            let first = relative.components().next().unwrap();
            let module = Path::new(first.as_os_str())
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if !modules.contains(&module) {
                continue; // lib.rs, main.rs and the command line (cli/)
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let used = uses.entry(module.clone()).or_default();
            used.extend(
                crate_paths(&text)
                    .into_iter()
                    .filter(|name| *name != module && modules.contains(name)),
            );
        }
        let cycles = cycles(&uses);
        assert!(
            cycles.is_empty(),
            "cycles between modules:\n{}",
            cycles.join("\n")
        );
    }

    #[test]
    fn a_cycle_is_found_however_long() {
        let graph = |edges: &[(&str, &str)]| {
            let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (from, to) in edges {
                uses.entry(from.to_string())
                    .or_default()
                    .insert(to.to_string());
            }
            uses
        };
        assert!(cycles(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
        let found = cycles(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]));
        assert_eq!(found, ["a → b → c → a", "b → c → a → b", "c → a → b → c"]);
    }

    /// Every module that reaches itself, with the way it does.
    fn cycles(uses: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
        let mut cycles = Vec::new();
        for start in uses.keys() {
            let mut path = vec![start.clone()];
            if let Some(cycle) = reaches(start, start, uses, &mut path, &mut BTreeSet::new()) {
                cycles.push(cycle.join(" → "));
            }
        }
        cycles
    }

    fn reaches(
        from: &str,
        target: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        for next in uses.get(from).into_iter().flatten() {
            if next == target {
                let mut cycle = path.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if let Some(cycle) = reaches(next, target, uses, path, seen) {
                    return Some(cycle);
                }
                path.pop();
            }
        }
        None
    }
}
