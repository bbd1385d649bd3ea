//! Listing and revoking from the command line: the lost-laptop flow, scripts, exit codes.

use serde_json::Value;

use super::{EMAIL, PASSWORD, lost_laptop_world};
use crate::support::cli::{CliEnv, transcript};
use crate::support::{Api, Backend, TestDatabase, TestServer};

#[tokio::test(flavor = "multi_thread")]
async fn after_losing_a_laptop_list_then_revoke() {
    let Some((_db, server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    snapshot!("list", cli.run(&["sessions", "list"], ""));
    snapshot!("bare_sessions_is_list", cli.run(&["sessions"], ""));
    snapshot!(
        "list_wide_desktop",
        cli.run(&["sessions", "list", "--wide", "--kind", "desktop"], "")
    );
    let laptop = &ids[1][..6];
    snapshot!(
        "revoke_by_prefix",
        cli.run(&["sessions", "revoke", laptop], "")
    );
    snapshot!(
        "revoke_again_by_full_id",
        cli.run(&["sessions", "revoke", &ids[1]], "")
    );
    snapshot!("list_after_revoke", cli.run(&["sessions", "list"], ""));
    snapshot!(
        "revoke_others_dry_run",
        cli.run(&["sessions", "revoke-others", "--dry-run"], "")
    );
    snapshot!("revoke_others", cli.run(&["sessions", "revoke-others"], ""));
    snapshot!("list_alone", cli.run(&["sessions", "list"], ""));
    assert!(!server.logs().contains(PASSWORD));
}

#[tokio::test(flavor = "multi_thread")]
async fn json_output_for_scripts() {
    let Some((_db, _server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    let list = cli.run(&["sessions", "list", "--json"], "");
    assert!(list.status.success());
    let body: Value = serde_json::from_slice(&list.stdout).expect("one JSON document");
    let sessions = body["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 4);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    for field in [
        "id",
        "kind",
        "label",
        "current",
        "created_at",
        "last_seen_at",
        "expires_at",
    ] {
        assert!(
            sessions[0].get(field).is_some(),
            "{field} missing: the API's objects must pass unchanged"
        );
    }
    // Ids on standard input, one a line.
    let revoke = cli.run(
        &["sessions", "revoke", "-", "--json"],
        &format!("{}\n\n{}\n", ids[0], &ids[2][..8]),
    );
    assert_eq!(revoke.status.code(), Some(0), "{}", transcript(&revoke));
    assert_eq!(
        serde_json::from_slice::<Value>(&revoke.stdout).unwrap(),
        serde_json::json!({"revoked": 2})
    );
    let dry = cli.run(&["sessions", "revoke-others", "--dry-run", "--json"], "");
    assert_eq!(
        serde_json::from_slice::<Value>(&dry.stdout).unwrap()["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let others = cli.run(&["sessions", "revoke-others", "--json"], "");
    assert_eq!(
        serde_json::from_slice::<Value>(&others.stdout).unwrap(),
        serde_json::json!({"revoked": 1})
    );
    let none = cli.run(&["sessions", "list", "--json", "--kind", "web"], "");
    assert_eq!(
        serde_json::from_slice::<Value>(&none.stdout).unwrap(),
        serde_json::json!({"sessions": []})
    );
    let status = cli.run(&["status", "--json"], "");
    let status: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["user"]["email"], EMAIL);
    assert_eq!(status["storage"]["kind"], "file");
    assert!(
        status["storage"]["path"]
            .as_str()
            .expect("a storage path")
            .ends_with("token-default")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_and_hints() {
    let Some((db, server, cli, _ids)) = lost_laptop_world().await else {
        return;
    };
    // The current session is refused before anything is sent.
    let me = cli.run(&["sessions", "list", "--json"], "");
    let me: Value = serde_json::from_slice(&me.stdout).unwrap();
    let current = me["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let deletes_before = server.logs().matches("method=DELETE").count();
    snapshot!(
        "revoke_current_is_refused",
        cli.run(&["sessions", "revoke", &current[..8]], "")
    );
    assert_eq!(
        server.logs().matches("method=DELETE").count(),
        deletes_before,
        "nothing may be sent"
    );

    snapshot!(
        "revoke_unknown_prefix",
        cli.run(&["sessions", "revoke", "ffffffff"], "")
    );
    snapshot!(
        "revoke_short_prefix",
        cli.run(&["sessions", "revoke", "ab"], "")
    );
    snapshot!(
        "revoke_without_ids_or_terminal",
        cli.run(&["sessions", "revoke"], "")
    );
    // Two sessions sharing a prefix: the candidates are listed.
    let user: String = db.value("SELECT id FROM users").await;
    let now = chrono::Utc::now().timestamp_millis();
    for suffix in ["3111", "3222"] {
        db.execute(&format!(
            "INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at) \
             VALUES ('abcdef12-{suffix}-4000-8000-000000000000', '{user}', 'web', 'Twin {suffix}', {now}, {now}, {})",
            now + 86_400_000
        ))
        .await;
    }
    snapshot!(
        "revoke_ambiguous_prefix",
        cli.run(&["sessions", "revoke", "abcd"], "")
    );
    snapshot!(
        "list_shows_longer_ids_where_they_collide",
        cli.run(&["sessions", "list", "--kind", "web"], "")
    );
    // The note names the session with as many characters as make it unique; the count
    // goes once to standard output.
    let twin = cli.run(&["sessions", "revoke", "abcdef12-3111"], "");
    assert_eq!(
        String::from_utf8_lossy(&twin.stdout),
        "Signed out 1 session\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&twin.stderr),
        "Signed out abcdef12-31 (Twin 3111)\n"
    );
    let json_error = cli.run(&["sessions", "revoke", "ffffffff", "--json"], "");
    assert_eq!(json_error.status.code(), Some(4));
    let body: Value = serde_json::from_slice(&json_error.stdout).expect("a JSON error");
    assert_eq!(
        body,
        serde_json::json!({"error": {
            "code": "not_found",
            "message": "no session of yours has the id ffffffff",
            "hint": "run `tab sessions list` to see your sessions' ids",
        }})
    );
    // An error without a hint says so with null, so the shape never changes.
    let usage = cli.run(&["sessions", "revoke", "zz", "--json"], "");
    let body: Value = serde_json::from_slice(&usage.stdout).expect("a JSON error");
    assert_eq!(body["error"]["code"], "usage");
    assert!(
        body["error"]
            .as_object()
            .expect("an error object")
            .contains_key("hint")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_whole_flow_on_postgres() {
    let Some(db) = TestDatabase::new(Backend::Postgres).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    let (_, laptop) = api
        .sign_in(EMAIL, PASSWORD, "desktop", Some("Laptop"))
        .await;
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "pg");
    let revoke = cli.run(&["sessions", "revoke", &laptop[..8], "--json"], "");
    assert_eq!(
        serde_json::from_slice::<Value>(&revoke.stdout).unwrap(),
        serde_json::json!({"revoked": 1})
    );
    let list = cli.run(&["sessions", "list", "--json"], "");
    assert_eq!(
        serde_json::from_slice::<Value>(&list.stdout).unwrap()["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn colour_only_when_asked_or_on_a_terminal() {
    let Some((_db, _server, cli, _ids)) = lost_laptop_world().await else {
        return;
    };
    let piped = cli.run(&["sessions", "list"], "");
    assert!(!piped.stdout.contains(&0x1b), "no escape codes into a pipe");
    let forced = cli.run(&["sessions", "list", "--color", "always"], "");
    let text = String::from_utf8_lossy(&forced.stdout);
    assert!(text.contains("\u{1b}["), "--color always colours: {text}");
    let tag_line = text
        .lines()
        .find(|line| line.contains("This device"))
        .expect("the current row");
    let green = ["38;5;10m", "38;5;2m", "[32m", "[92m"];
    assert!(
        green.iter().any(|code| tag_line.contains(code)),
        "the tag is green: {tag_line:?}"
    );
    let never = cli
        .tab(&["sessions", "list", "--color", "never"])
        .output()
        .expect("run");
    assert!(!never.stdout.contains(&0x1b));
    let error = cli
        .tab(&["sessions", "revoke", "ffffffff", "--color", "always"])
        .output()
        .expect("run");
    assert!(
        String::from_utf8_lossy(&error.stderr).starts_with("\u{1b}["),
        "error: is coloured when forced"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failure_midway_says_what_was_already_revoked() {
    let Some((_db, _server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    let unknown = uuid::Uuid::new_v4().to_string();
    let output = cli.run(&["sessions", "revoke", &ids[0], &unknown, &ids[1]], "");
    assert_eq!(output.status.code(), Some(4), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: 1 session signed out before this failure"),
        "{stderr}"
    );
    // The third was not touched.
    let list: Value =
        serde_json::from_slice(&cli.run(&["sessions", "list", "--json"], "").stdout).unwrap();
    assert_eq!(list["sessions"].as_array().unwrap().len(), 3);
}
