//! New-device alerts in `tab` (issue 20): one line per alert on standard error for
//! `tab sessions list` and `tab status`, never on standard output, in the JSON's
//! `alerts` instead under `--json`; `tab sessions ack`.

use serde_json::Value;

use super::{EMAIL, PASSWORD};
use crate::support::cli::{CliEnv, transcript};
use crate::support::{Backend, server_with_user};

const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

#[tokio::test(flavor = "multi_thread")]
async fn a_new_sign_in_is_said_on_stderr_until_acknowledged() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "tab on ana-box");
    let new = api.sign_in_as(FIREFOX, "web", None).await;
    let id = new.body["session"]["id"].as_str().expect("id").to_string();
    let list = cli.run(&["sessions", "list"], "");
    assert_eq!(list.status.code(), Some(0), "{}", transcript(&list));
    let stderr = String::from_utf8_lossy(&list.stderr);
    let expected = format!(
        "New sign-in just now: Firefox 133 on Windows from 127.0.0.1 (`tab sessions ack {}` if it was you)",
        &id[..8]
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(!String::from_utf8_lossy(&list.stdout).contains("New sign-in"));
    let status = cli.run(&["status"], "");
    assert!(String::from_utf8_lossy(&status.stderr).contains(&expected));
    let json = cli.run(&["sessions", "list", "--json"], "");
    assert!(json.stderr.is_empty(), "{}", transcript(&json));
    let body: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(body["alerts"][0]["id"], id.as_str());
    // "It was me".
    let ack = cli.run(&["sessions", "ack", &id[..8]], "");
    assert_eq!(
        String::from_utf8_lossy(&ack.stdout).trim(),
        "Acknowledged 1 alert",
        "{}",
        transcript(&ack)
    );
    let quiet = cli.run(&["sessions", "list"], "");
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("New sign-in"));
    let none = cli.run(&["sessions", "ack", "--all", "--json"], "");
    assert_eq!(
        String::from_utf8_lossy(&none.stdout).trim(),
        r#"{"acknowledged":0}"#
    );
    assert_eq!(
        cli.run(&["sessions", "ack", "ffff"], "").status.code(),
        Some(4)
    );
    assert_eq!(cli.run(&["sessions", "ack"], "").status.code(), Some(2));
}
