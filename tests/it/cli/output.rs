//! How output reads: this device first in the table, plain ASCII outside a UTF-8 locale,
//! and messages that send people the right way.

use serde_json::Value;

use super::{EMAIL, PASSWORD, lost_laptop_world};
use crate::support::Api;
use crate::support::cli::{CliEnv, transcript};

#[tokio::test(flavor = "multi_thread")]
async fn this_device_is_pinned_first_in_the_table_only() {
    let Some((db, server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let listed: Value =
        serde_json::from_slice(&cli.run(&["sessions", "list", "--json"], "").stdout).expect("JSON");
    let current = listed["sessions"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["current"] == true))
        .and_then(|s| s["id"].as_str())
        .expect("the current session")
        .to_string();
    // This device was seen 30 s ago (so the next request does not refresh it), and
    // another device signs in now.
    let half_a_minute_ago = chrono::Utc::now().timestamp_millis() - 30_000;
    db.execute(&format!(
        "UPDATE device_sessions SET last_seen_at = {half_a_minute_ago} WHERE id = '{current}'"
    ))
    .await;
    Api::new(&server)
        .sign_in(EMAIL, PASSWORD, "web", Some("Newest"))
        .await;
    let json: Value =
        serde_json::from_slice(&cli.run(&["sessions", "list", "--json"], "").stdout).expect("JSON");
    let table = cli.run(&["sessions", "list"], "");
    let table = String::from_utf8_lossy(&table.stdout);
    let first_row = table.lines().nth(1).expect("a row");
    assert!(first_row.contains("This device"), "{table}");
    // JSON keeps the API's order: most recently seen first.
    assert_eq!(json["sessions"][0]["label"], "Newest", "{json}");
}

#[tokio::test(flavor = "multi_thread")]
async fn outside_a_utf8_locale_the_table_is_ascii() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let output = cli
        .tab(&["sessions", "list"])
        .env("LANG", "C")
        .output()
        .expect("run");
    let table = String::from_utf8(output.stdout).expect("utf-8");
    assert!(table.is_ascii(), "{table}");
    assert!(
        table.contains("Last seen 5 min ago - started 2 days ago"),
        "{table}"
    );
}

#[test]
fn messages_send_people_the_right_way() {
    let cli = CliEnv::for_url("http://127.0.0.1:9");
    let zero = cli.run(&["sessions", "list", "--timeout", "0"], "");
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("above 0, at most 3600"));

    let no_scheme = cli.run(&["--server", "127.0.0.1:7878", "sessions", "list"], "");
    assert_eq!(
        no_scheme.status.code(),
        Some(2),
        "{}",
        transcript(&no_scheme)
    );
    assert!(
        String::from_utf8_lossy(&no_scheme.stderr)
            .contains("hint: did you mean http://127.0.0.1:7878?")
    );

    let refused = cli
        .tab(&["sessions", "list"])
        .env(tab::env_vars::TAB_TOKEN, "x.y.z")
        .output()
        .expect("run");
    assert_eq!(refused.status.code(), Some(6));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("that the server is running") && !stderr.contains("--timeout"),
        "{stderr}"
    );
}
