//! `tab` end to end: the real binary against the real server on a loopback port, with
//! whole-output snapshots (exit code, stdout, stderr), filtered for ids, ports and times.

use serde_json::Value;

use crate::support::cli::{CliEnv, assert_clean, filters, transcript};
use crate::support::{Api, Backend, TestDatabase, TestServer, server_with_user};

const EMAIL: &str = "ana@example.com";
const PASSWORD: &str = "correct horse battery";

macro_rules! snapshot {
    ($name:expr, $output:expr) => {
        insta::with_settings!({ filters => filters(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, transcript(&$output));
        })
    };
}

/// A server on SQLite with Ana's account, Ana already signed in on a web browser, a
/// desktop and an unlabelled web session seen at different times, and a CLI machine.
async fn lost_laptop_world() -> Option<(TestDatabase, TestServer, CliEnv, Vec<String>)> {
    let (db, server, api) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await?;
    let mut ids = Vec::new();
    for (kind, label, started_min, seen_min) in [
        ("web", Some("Chrome on macOS"), 2 * 1440 + 60, 5),
        ("desktop", Some("Office laptop"), 3 * 1440, 3 * 60),
        ("web", None, 6 * 1440, 2 * 1440 + 30),
    ] {
        let (_, id) = api.sign_in(EMAIL, PASSWORD, kind, label).await;
        let now = chrono::Utc::now().timestamp_millis();
        db.execute(&format!(
            "UPDATE device_sessions SET created_at = {}, last_seen_at = {}, expires_at = {} WHERE id = '{id}'",
            now - started_min * 60_000,
            now - seen_min * 60_000,
            now - started_min * 60_000 + 7 * 86_400_000
        ))
        .await;
        ids.push(id);
    }
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "tab on test-box (Linux)");
    Some((db, server, cli, ids))
}

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
    assert!(
        status["token_storage"]
            .as_str()
            .unwrap()
            .contains("insecure storage")
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
    let user: String = sqlx_user_id(&db).await;
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
    let json_error = cli.run(&["sessions", "revoke", "ffffffff", "--json"], "");
    assert_eq!(json_error.status.code(), Some(4));
    let body: Value = serde_json::from_slice(&json_error.stdout).expect("a JSON error");
    assert_eq!(body["error"]["code"], "not_found");
    assert!(body["error"]["message"].is_string());
}

async fn sqlx_user_id(db: &TestDatabase) -> String {
    use sqlx::Connection as _;
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    sqlx::query_scalar("SELECT id FROM users WHERE email_key = 'ana@example.com'")
        .fetch_one(&mut conn)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_in_and_out() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    snapshot!("status_when_signed_out", cli.run(&["status"], ""));
    snapshot!("login_without_a_terminal", cli.run(&["login"], ""));
    snapshot!(
        "login_wrong_password",
        cli.run(
            &[
                "login",
                "--email",
                EMAIL,
                "--password-stdin",
                "--insecure-storage"
            ],
            "nope\n"
        )
    );
    snapshot!(
        "login",
        cli.run(
            &[
                "login",
                "--email",
                EMAIL,
                "--password-stdin",
                "--insecure-storage",
                "--label",
                "ci box"
            ],
            &format!("{PASSWORD}\n")
        )
    );
    let token_file = cli.config.path().join("token-default");
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&token_file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(cli.config.path())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
    }
    let token = std::fs::read_to_string(&token_file).unwrap();
    snapshot!("status", cli.run(&["status"], ""));
    // Logging in again replaces the old session rather than leaving it live.
    cli.login(EMAIL, PASSWORD, "ci box");
    assert_eq!(
        api.call("GET", "/me", Some(token.trim()), None)
            .await
            .code(),
        "session_revoked"
    );
    let token = std::fs::read_to_string(&token_file).unwrap();
    snapshot!("logout", cli.run(&["logout"], ""));
    assert!(!token_file.exists());
    assert_eq!(
        api.call("GET", "/me", Some(token.trim()), None)
            .await
            .code(),
        "session_revoked"
    );
    snapshot!("list_after_logout", cli.run(&["sessions", "list"], ""));
    snapshot!(
        "plain_http_refused_off_loopback",
        cli.run(
            &[
                "login",
                "--server",
                "http://tab.example.com",
                "--email",
                EMAIL,
                "--password-stdin"
            ],
            "x\n"
        )
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_device_is_told_to_sign_in_again() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let office = CliEnv::new(&server);
    office.login(EMAIL, PASSWORD, "office");
    let home = CliEnv::new(&server);
    home.login(EMAIL, PASSWORD, "home");
    assert!(
        home.run(&["sessions", "revoke-others"], "")
            .status
            .success()
    );
    snapshot!(
        "revoked_device_lists",
        office.run(&["sessions", "list"], "")
    );
    // TAB_TOKEN works for scripts and is never stored.
    let token = std::fs::read_to_string(home.config.path().join("token-default")).unwrap();
    let script = CliEnv::new(&server).env("TAB_TOKEN", token.trim());
    let listed = script.run(&["sessions", "list", "--json"], "");
    assert!(listed.status.success(), "{}", transcript(&listed));
    assert_clean(&listed, token.trim());
    assert_eq!(
        std::fs::read_dir(script.config.path()).unwrap().count(),
        0,
        "TAB_TOKEN must not be written anywhere"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn logout_when_the_server_is_gone_forgets_the_token_and_exits_6() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "laptop");
    drop(server);
    let output = cli.run(&["logout", "--timeout", "2"], "");
    snapshot!("logout_server_gone", output);
    assert!(!cli.config.path().join("token-default").exists());
}

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
