//! Shell completions (static and dynamic) and `tab demo`.

use super::{EMAIL, PASSWORD};
use crate::support::cli::{CliEnv, assert_clean, transcript};
use crate::support::{Backend, server_with_user};

#[tokio::test(flavor = "multi_thread")]
async fn completions_static_and_dynamic() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "this one");
    let (_, other) = api
        .sign_in(EMAIL, PASSWORD, "web", Some("Firefox at home"))
        .await;
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = cli.run(&["completions", shell], "");
        assert!(
            output.status.success() && !output.stdout.is_empty(),
            "{shell}"
        );
    }
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
    let output = cli.tab(&["demo"]).output().expect("run tab demo");
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Ana's office laptop",
        "TAB Desktop on Windows",
        "GET /api/v1/sessions from the laptop: HTTP 401 session_revoked",
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
    assert_eq!(
        last_table
            .lines()
            .filter(|line| line.starts_with('['))
            .count(),
        1,
        "{last_table}"
    );
    assert!(last_table.contains("This device"));
    assert_clean(&output, "eyJ");
    // It cleans up after itself.
    let stderr = String::from_utf8_lossy(&output.stderr);
    let dir = stderr
        .split("token in ")
        .nth(1)
        .and_then(|rest| rest.split("/config/").next())
        .expect("demo dir in the login line");
    assert!(!std::path::Path::new(dir).exists(), "{dir} was left behind");
}
