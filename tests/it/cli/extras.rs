//! Dynamic shell completions and `tab demo` (the static scripts are checked by
//! `generated.rs`).

use super::{EMAIL, PASSWORD};
use crate::support::cli::{CliEnv, assert_clean, transcript};
use crate::support::{Backend, server_with_user};

#[tokio::test(flavor = "multi_thread")]
async fn dynamic_completions_offer_live_session_ids() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "this one");
    let (_, other) = api
        .sign_in(EMAIL, PASSWORD, "web", Some("Firefox at home"))
        .await;
    let dynamic = cli
        .tab(&["--", "tab", "sessions", "revoke", ""])
        .env("COMPLETE", "fish")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&dynamic.stdout);
    assert!(
        text.contains(&other) && text.contains("Firefox at home"),
        "dynamic completion: {text}"
    );
    // No server: nothing, silently.
    let gone = CliEnv::for_url("http://127.0.0.1:9");
    let silent = gone
        .tab(&["--", "tab", "sessions", "revoke", ""])
        .env("COMPLETE", "fish")
        .output()
        .unwrap();
    assert!(silent.status.success());
    let ids: Vec<String> = String::from_utf8_lossy(&silent.stdout)
        .lines()
        .filter(|l| !l.starts_with('-'))
        .map(String::from)
        .collect();
    assert!(ids.is_empty(), "only the flags, no ids: {ids:?}");
    assert!(silent.stderr.is_empty());
}

#[test]
fn the_demo_shows_the_whole_job() {
    let cli = CliEnv::for_url("http://127.0.0.1:9");
    // The demo keeps its files in $TMPDIR/tab-demo-*: a directory of the test's own.
    let tmp = tempfile::tempdir().expect("temp dir");
    let output = cli
        .tab(&["demo"])
        .env("TMPDIR", tmp.path())
        .output()
        .expect("run tab demo");
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Ana's office laptop",
        "TAB Desktop on Windows",
        "GET /api/v1/sessions from the laptop: HTTP 401 session_revoked",
        "Offboarded bo@example.com: 2 sessions signed out",
        "Offboarded 1 person: 2 sessions signed out",
        "Signed out 3 sessions other than this device",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    // The final list holds this device alone.
    let last_table = stdout
        .rsplit("tab sessions list")
        .next()
        .unwrap_or_default();
    let rows: Vec<&str> = last_table
        .lines()
        .filter(|line| line.contains("Last seen"))
        .collect();
    assert_eq!(rows.len(), 1, "{last_table}");
    assert!(rows[0].starts_with("*  [cli]"), "{last_table}");
    assert!(last_table.contains("This device"));
    assert_clean(&output, "eyJ");
    // It used its directory there, and cleans up after itself.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&tmp.path().display().to_string()),
        "{stderr}"
    );
    assert_left_nothing(tmp.path());
}

/// `tab demo --serve` keeps the seeded devices signed in and says how to reach them (with
/// `tab` and with a browser at the dashboard's address), and with which password more
/// devices can sign in; SIGTERM ends it and its files.
#[test]
fn the_demo_server_stays_up_with_its_devices() {
    use std::io::{BufRead as _, BufReader};
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut demo = spawn_demo(&["demo", "--serve"], tmp.path());
    let mut lines = BufReader::new(demo.stdout.take().expect("stdout")).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.expect("line");
        let done = line.starts_with("Stop it with Ctrl-C");
        seen.push(line);
        if done {
            break;
        }
    }
    let value = |prefix: &str| {
        seen.iter()
            .find_map(|l| l.trim().strip_prefix(prefix).map(str::to_string))
            .unwrap_or_else(|| panic!("no {prefix:?} in {seen:#?}"))
    };
    let server = value("export TAB_SERVER=");
    // The dashboard's address, the account and the password, for a browser.
    let dashboard = value("Open the Active sessions card in a browser: ");
    assert!(
        dashboard.starts_with(&format!("{server} (sign in as ana@example.com, password ")),
        "{dashboard}"
    );
    let page = reqwest::blocking::get(&server)
        .and_then(|r| r.text())
        .expect("the dashboard page");
    assert!(page.contains("Active sessions"), "{page}");
    let config = value("export TAB_CONFIG_DIR=");
    let login_line = value("printf '%s\\n' '");
    let password = login_line.split('\'').next().expect("password").to_string();
    let cli = CliEnv::for_url(&server).env(tab::env_vars::TAB_CONFIG_DIR, &config);
    let list = cli.run(&["--profile", "demo", "sessions", "list", "--json"], "");
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    assert_eq!(list["sessions"].as_array().map(Vec::len), Some(4), "{list}");
    let another = cli.run(
        &[
            "login",
            "--profile",
            "laptop",
            "--email",
            "ana@example.com",
            "--password-stdin",
            "--insecure-storage",
        ],
        &format!("{password}\n"),
    );
    assert_eq!(another.status.code(), Some(0), "{}", transcript(&another));

    // SAFETY: signals our own child process by pid.
    unsafe { libc::kill(demo.id() as i32, libc::SIGTERM) };
    assert_eq!(demo.wait().expect("wait").code(), Some(0));
    assert_left_nothing(tmp.path());
}

/// `tab demo | head -1`: the reader leaves at once; the demo still cleans up.
#[test]
fn the_demo_into_a_closed_pipe_cleans_up() {
    use std::io::{BufRead as _, BufReader};
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut demo = spawn_demo(&["demo"], tmp.path());
    let mut first = String::new();
    BufReader::new(demo.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    let output = demo.wait_with_output().expect("wait");
    assert_eq!(
        output.status.code(),
        Some(141),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    assert_left_nothing(tmp.path());
}

/// `tab ARGS` (a demo) with its own TMPDIR, standard output and error piped.
fn spawn_demo(args: &[&str], tmp: &std::path::Path) -> std::process::Child {
    std::process::Command::new(crate::support::tab_bin())
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TMPDIR", tmp)
        .env(tab::env_vars::NO_COLOR, "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start tab demo")
}

/// The demo removed everything it made under its TMPDIR.
fn assert_left_nothing(tmp: &std::path::Path) {
    let left: Vec<_> = std::fs::read_dir(tmp).expect("tmp").flatten().collect();
    assert!(left.is_empty(), "the demo left {left:?} behind");
}
