//! Signing in on a machine without a desktop, as the README tells a newcomer to: the
//! storage choice and the server are remembered per profile, logging out twice is fine,
//! a locked-out sign-in says how long to wait, and every verb speaks JSON to scripts.

use serde_json::Value;

use super::{EMAIL, PASSWORD};
use crate::support::cli::{CliEnv, transcript};
use crate::support::{Backend, server_with_user};

/// `tab login` for scripts on a machine without a keyring.
const LOGIN_TO_A_FILE: &[&str] = &[
    "login",
    "--email",
    EMAIL,
    "--password-stdin",
    "--insecure-storage",
    "--json",
];

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("one JSON document: {}", transcript(output)))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_profile_remembers_its_server_and_storage_across_logout() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    let stdin = format!("{PASSWORD}\n");
    let first = cli.run(LOGIN_TO_A_FILE, &stdin);
    assert_eq!(first.status.code(), Some(0), "{}", transcript(&first));
    let first = json(&first);
    assert_eq!(first["storage"]["kind"], "file");
    assert_eq!(first["session"]["current"], true);

    let out = cli.run(&["logout", "--json"], "");
    assert_eq!(
        json(&out),
        serde_json::json!({"signed_out": true, "server": server.url() + "/"})
    );
    // Again: already signed out, and that is success.
    let again = cli.run(&["logout"], "");
    assert_eq!(again.status.code(), Some(0), "{}", transcript(&again));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already signed out"));

    // No --server (TAB_SERVER unset) and no --insecure-storage: both remembered.
    let mut login = cli.tab(&["login", "--email", EMAIL, "--password-stdin"]);
    let login = login
        .env_remove(tab::env_vars::TAB_SERVER)
        .write_stdin(stdin.as_str())
        .output()
        .expect("run tab");
    assert_eq!(login.status.code(), Some(0), "{}", transcript(&login));
    let stderr = String::from_utf8_lossy(&login.stderr);
    assert!(stderr.contains("(insecure storage)"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_out_sign_in_says_how_long_to_wait() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    for _ in 0..5 {
        api.sign_in_answer(EMAIL, "wrong password", "cli", None)
            .await;
    }
    let cli = CliEnv::new(&server);
    let locked = cli.run(LOGIN_TO_A_FILE, &format!("{PASSWORD}\n"));
    assert_eq!(locked.status.code(), Some(7), "{}", transcript(&locked));
    let body = json(&locked);
    assert_eq!(body["error"]["code"], "rate_limited");
    assert_eq!(
        body["error"]["message"],
        "too many failed sign-ins for this email; try again in 15 minutes"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn usage_errors_under_json_carry_the_reason() {
    let cli = CliEnv::for_url("http://127.0.0.1:9");
    for (args, reason) in [
        (
            &["sessions", "list", "--kind", "laptop", "--json"][..],
            "invalid value 'laptop' for '--kind <KIND>'",
        ),
        (
            &["sessions", "list", "--json", "--bogus"][..],
            "unexpected argument '--bogus' found",
        ),
    ] {
        let output = cli.run(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let body = json(&output);
        assert_eq!(body["error"]["code"], "usage");
        assert_eq!(body["error"]["message"], reason);
    }
}
