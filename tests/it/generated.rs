//! Generated files are committed and must match the code: completions, man pages, and
//! the OpenAPI document inside `docs/api.md`. Run with `TAB_UPDATE_GENERATED=1` to
//! rewrite them after changing the CLI or the API.

use std::path::{Path, PathBuf};

use clap_complete::Shell;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `expected` with the file, or rewrites the file when asked to.
fn check(path: &Path, expected: &[u8], drifted: &mut Vec<String>) {
    if std::env::var("TAB_UPDATE_GENERATED").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create dir");
        std::fs::write(path, expected).expect("write generated file");
        return;
    }
    if std::fs::read(path).ok().as_deref() != Some(expected) {
        drifted.push(
            path.strip_prefix(root())
                .unwrap_or(path)
                .display()
                .to_string(),
        );
    }
}

fn assert_none_drifted(drifted: Vec<String>) {
    assert!(
        drifted.is_empty(),
        "generated files differ from the code: {drifted:?}\nrun `TAB_UPDATE_GENERATED=1 cargo test --test it generated` and commit the result"
    );
}

#[test]
fn completions_match_the_cli() {
    let mut drifted = Vec::new();
    for (shell, file) in [
        (Shell::Bash, "tab.bash"),
        (Shell::Zsh, "_tab"),
        (Shell::Fish, "tab.fish"),
        (Shell::PowerShell, "_tab.ps1"),
        (Shell::Elvish, "tab.elv"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut tab::cli::command(), "tab", &mut script);
        check(
            &root().join("completions").join(file),
            &script,
            &mut drifted,
        );
    }
    assert_none_drifted(drifted);
}

/// Every command and subcommand, with its man page name (`tab`, `tab-sessions-list`, ...).
fn commands_with_names(
    command: &clap::Command,
    name: String,
    out: &mut Vec<(String, clap::Command)>,
) {
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        commands_with_names(sub, format!("{name}-{}", sub.get_name()), out);
    }
    let static_name: &'static str = Box::leak(name.clone().into_boxed_str());
    // clap's own `help` subcommand has no page: keep it out of SUBCOMMANDS.
    let mut page = command.clone().name(static_name);
    if page.find_subcommand("help").is_some() {
        page = page.mut_subcommand("help", |help| help.hide(true));
    }
    out.push((name, page));
}

/// One man page: clap_mangen's sections (its EXTRA section, the root's environment list,
/// left out), `[ID]...` where an argument repeats, and an ENVIRONMENT section built from
/// `tab::env_vars`.
fn man_page(name: &str, page: clap::Command) -> Vec<u8> {
    let repeated: Vec<String> = page
        .get_positionals()
        .filter(|arg| arg.get_num_args().is_some_and(|n| n.max_values() > 1))
        .flat_map(|arg| arg.get_value_names().unwrap_or_default().to_vec())
        .map(|name| name.to_string())
        .collect();
    let man = clap_mangen::Man::new(page);
    let mut roff = Vec::new();
    man.render_title(&mut roff).expect("title");
    man.render_name_section(&mut roff).expect("name");
    man.render_synopsis_section(&mut roff).expect("synopsis");
    man.render_description_section(&mut roff)
        .expect("description");
    man.render_options_section(&mut roff).expect("options");
    man.render_subcommands_section(&mut roff)
        .expect("subcommands");
    roff.extend_from_slice(b".SH ENVIRONMENT\n");
    for (name, what) in tab::env_vars::DOCUMENTED {
        let what = what.replace('-', "\\-");
        roff.extend_from_slice(format!(".TP\n\\fB{name}\\fR\n{what}\n").as_bytes());
    }
    roff.extend_from_slice(b".SH FILES\n");
    for (file, what) in tab::cli::examples::FILES {
        let what = what.replace('-', "\\-");
        roff.extend_from_slice(format!(".TP\n\\fI{file}\\fR\n{what}\n").as_bytes());
    }
    let examples = tab::cli::examples::examples(name);
    if !examples.is_empty() {
        roff.extend_from_slice(b".SH EXAMPLES\n");
        for (command, what) in examples {
            let command = command.replace('\\', "\\\\").replace('-', "\\-");
            let what = what.replace('-', "\\-");
            roff.extend_from_slice(format!(".TP\n\\fB{command}\\fR\n{what}\n").as_bytes());
        }
    }
    man.render_version_section(&mut roff).expect("version");
    let mut text = String::from_utf8(roff).expect("roff is text");
    for name in repeated {
        let single = format!("[\\fI{name}\\fR]");
        text = text.replace(&format!("{single} "), &format!("{single}... "));
    }
    text.into_bytes()
}

#[test]
fn man_pages_match_the_cli() {
    let mut command = tab::cli::command();
    command.build();
    let mut pages = Vec::new();
    commands_with_names(&command, "tab".into(), &mut pages);
    // Every page the examples name exists (a renamed command must take its examples).
    for (page, _) in tab::cli::examples::EXAMPLES {
        assert!(
            pages.iter().any(|(name, _)| name == page),
            "examples for {page}, which has no man page"
        );
    }
    let mut drifted = Vec::new();
    for (name, page) in pages {
        let roff = man_page(&name, page);
        check(
            &root().join("man").join(format!("{name}.1")),
            &roff,
            &mut drifted,
        );
    }
    // No stale pages for commands that are gone.
    for entry in std::fs::read_dir(root().join("man"))
        .expect("man dir")
        .flatten()
    {
        let file = entry.file_name().to_string_lossy().into_owned();
        let mut names = Vec::new();
        commands_with_names(&command, "tab".into(), &mut names);
        if !names.iter().any(|(name, _)| format!("{name}.1") == file) {
            drifted.push(format!("man/{file} (no such command)"));
        }
    }
    assert_none_drifted(drifted);
}

const OPENAPI_BEGIN: &str =
    "<!-- openapi:begin (generated; see tests/it/generated.rs) -->\n```json\n";
const OPENAPI_END: &str = "\n```\n<!-- openapi:end -->";

#[test]
fn docs_api_md_carries_the_servers_openapi_document() {
    let path = root().join("docs").join("api.md");
    let text = std::fs::read_to_string(&path).expect("docs/api.md");
    let start = text
        .find(OPENAPI_BEGIN)
        .expect("docs/api.md lacks the openapi:begin marker")
        + OPENAPI_BEGIN.len();
    let end = start
        + text[start..]
            .find(OPENAPI_END)
            .expect("docs/api.md lacks the openapi:end marker");
    let expected = format!(
        "{}{}{}",
        &text[..start],
        tab_server::openapi_json().expect("the OpenAPI document"),
        &text[end..]
    );
    let mut drifted = Vec::new();
    check(&path, expected.as_bytes(), &mut drifted);
    assert_none_drifted(drifted);
}

/// The README's screenshots (the card, and the card with a new-device notification) are
/// PNGs the browser tests drew (regenerated with `TAB_UPDATE_GENERATED=1 cargo test
/// --test it -- web::card web::live`). Their pixels are not compared: they change with the
/// Chromium version and the fonts installed, not only with the code; the browser tests
/// check the card's content instead.
#[test]
fn the_screenshots_are_committed_and_shown() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for picture in ["docs/card.png", "docs/alert.png"] {
        let png = std::fs::read(root().join(picture)).expect(picture);
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{picture} is not a PNG"
        );
        assert!(
            readme.contains(&format!("]({picture})")),
            "the README shows {picture}"
        );
    }
}
