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
    // It used its directory there, and cleans up after itself.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&tmp.path().display().to_string()),
        "{stderr}"
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("tmp")
        .flatten()
        .collect();
    assert!(left.is_empty(), "the demo left {left:?} behind");
}
