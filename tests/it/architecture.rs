//! The layering rules of ARCHITECTURE.md that no clippy lint states, checked on the
//! sources: `render` does no I/O and imports nothing of ours; commands never import each
//! other; clap is derived in `cli` only; every environment variable is named in
//! `env_vars`; in the server, only the store speaks SQL, routes reach neither the OpenAPI
//! document nor the pages, and the error type reads no bodies; no source file passes 400
//! lines. (The rules clippy checks are in `clippy.toml` and `[workspace.lints]`.)

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source");
                found.push((path, text));
            }
        }
    }
    found.sort();
    found
}

/// The code of a file without its comments (a rule's words in a doc comment are fine).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn render_does_no_io_and_imports_nothing_of_ours() {
    let mut files = sources(&root().join("src/render"));
    let render = root().join("src/render.rs");
    files.push((render.clone(), std::fs::read_to_string(&render).unwrap()));
    for (path, text) in files {
        let code = code(&text);
        for word in [
            "std::env",
            "std::fs",
            "stdout()",
            "stderr()",
            "stdin()",
            "libc::",
            "std::process",
            "crate::env_vars",
            "crate::printer",
            "crate::client",
            "crate::cli",
        ] {
            assert!(!code.contains(word), "{} uses {word}", path.display());
        }
        for used in code.match_indices("crate::") {
            let rest = &code[used.0 + "crate::".len()..];
            assert!(
                rest.starts_with("render"),
                "{} imports crate::{}",
                path.display(),
                rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or("")
            );
        }
    }
}

#[test]
fn commands_never_import_each_other() {
    let commands = root().join("src/commands");
    for (path, text) in sources(&commands) {
        if path.file_name().is_some_and(|n| n == "mod.rs") {
            continue;
        }
        let code = code(&text);
        let dir = path.parent().unwrap();
        let siblings: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter_map(|e| {
                let name = e.path().file_stem()?.to_str()?.to_string();
                (name != "mod" && e.path() != path).then_some(name)
            })
            .collect();
        for sibling in &siblings {
            for form in [format!("super::{sibling}::"), format!("super::{sibling};")] {
                assert!(!code.contains(&form), "{} uses {form}", path.display());
            }
        }
        // Only the dispatcher (`commands::run_in`, for the demo) is reached from a verb.
        for used in code.match_indices("crate::commands::") {
            let rest = &code[used.0 + "crate::commands::".len()..];
            assert!(
                rest.starts_with("run_in"),
                "{} reaches into crate::commands",
                path.display()
            );
        }
    }
}

#[test]
fn clap_is_derived_in_cli_only() {
    for (path, text) in sources(&root().join("src")) {
        let relative = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if relative == "src/cli.rs" || relative.starts_with("src/cli/") {
            continue;
        }
        let code = code(&text);
        for derive in [
            "ValueEnum",
            "Subcommand",
            "derive(Parser",
            "derive(Args",
            "Args)]",
        ] {
            assert!(!code.contains(derive), "{relative} derives clap's {derive}");
        }
    }
}

#[test]
fn every_environment_variable_is_named_in_env_vars() {
    for (path, text) in sources(&root().join("src")) {
        if path.ends_with("env_vars.rs") {
            continue;
        }
        let code = code(&text);
        for call in ["env::var(\"", "env::var_os(\"", ".env(\""] {
            assert!(
                !code.contains(call),
                "{} reads an environment variable by a literal name: name it in env_vars.rs",
                path.display()
            );
        }
    }
}

/// The server's own files, each with its path relative to `crates/tab-server/src`.
fn server_sources() -> Vec<(String, String)> {
    let dir = root().join("crates/tab-server/src");
    sources(&dir)
        .into_iter()
        .map(|(path, text)| {
            let relative = path
                .strip_prefix(&dir)
                .expect("under the server's sources")
                .to_string_lossy()
                .into_owned();
            (relative, code(&text))
        })
        .collect()
}

#[test]
fn only_the_store_speaks_to_the_database() {
    let mut checked = 0;
    for (relative, code) in server_sources() {
        if relative.starts_with("store/") || relative == "store.rs" {
            continue;
        }
        checked += 1;
        for driver in ["sqlx::", "rusqlite::", "use sqlx", "use rusqlite"] {
            assert!(
                !code.contains(driver),
                "{relative} uses {driver}: SQL and its drivers belong to the store"
            );
        }
    }
    assert!(checked > 20, "only {checked} server files read");
}

#[test]
fn routes_reach_neither_the_documents_nor_the_pages() {
    for (relative, code) in server_sources() {
        if !relative.starts_with("routes/") {
            continue;
        }
        for other in [
            "crate::openapi",
            "crate::web",
            "super::openapi",
            "super::web",
        ] {
            assert!(
                !code.contains(other),
                "{relative} uses {other}: the router is handed both"
            );
        }
    }
}

#[test]
fn the_error_type_does_not_read_bodies() {
    let (_, code) = server_sources()
        .into_iter()
        .find(|(relative, _)| relative == "error.rs")
        .expect("error.rs");
    assert!(!code.contains("crate::json"), "error.rs uses crate::json");
}

#[test]
fn no_source_file_passes_400_lines() {
    let mut checked = 0;
    let mut long = Vec::new();
    for dir in ["src", "crates", "tests", "examples"] {
        let mut stack = vec![root().join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "rs" || e == "js" || e == "css" || e == "html")
                {
                    checked += 1;
                    let lines = std::fs::read_to_string(&path)
                        .expect("read")
                        .lines()
                        .count();
                    if lines > 400 {
                        long.push(format!("{} ({lines} lines)", path.display()));
                    }
                }
            }
        }
    }
    assert!(checked > 150, "only {checked} files read");
    assert!(
        long.is_empty(),
        "split these by what their parts own: {long:?}"
    );
}
