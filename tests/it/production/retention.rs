//! Retention: `tab server purge` removes exactly the sessions that ended before the
//! window (and audit entries past theirs), never a live one, counts them per account,
//! and leaves each account's history saying where it now starts; `serve --retention`
//! does the same soon after start; a purge racing sign-ins, revokes and list reads
//! touches nothing live, on both backends.

use serde_json::Value;

use crate::on_both_backends;
use crate::support::cli::CliEnv;
use crate::support::{Api, Backend, EMAIL, PASSWORD, TestDatabase, TestServer, run_tab_server};

on_both_backends!(
    a_purge_removes_only_what_ended_before_the_window,
    a_purge_racing_sign_ins_revokes_and_reads_touches_nothing_live,
);

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Inserts `count` sessions of `email`'s account that ended `ended_days_ago` (revoked
/// when `revoked`, else expired), with ids numbered from `first`.
async fn seed_ended(
    db: &TestDatabase,
    email: &str,
    first: u32,
    count: u32,
    ended_days_ago: i64,
    revoked: bool,
) {
    let now = chrono::Utc::now().timestamp_millis();
    let ended = now - ended_days_ago * DAY_MS;
    let created = ended - 3 * DAY_MS;
    let (expires, revoked_at) = if revoked {
        (created + 7 * DAY_MS, ended.to_string())
    } else {
        (ended, "NULL".to_string())
    };
    let id = match db.backend {
        Backend::Sqlite => "printf('00000000-0000-4000-8000-%012d', i)",
        Backend::Postgres => "'00000000-0000-4000-8000-' || lpad(i::text, 12, '0')",
    };
    let last = first + count - 1;
    db.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT {first} UNION ALL SELECT i + 1 FROM n WHERE i < {last})
         INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
         SELECT {id}, (SELECT id FROM users WHERE email_key = '{email}'), 'web', 'old', {created}, {created}, {expires}, {revoked_at}
         FROM n"
    ))
    .await;
}

fn purge(db: &TestDatabase, args: &[&str]) -> std::process::Output {
    let mut all = vec!["purge"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--database", &db.url]);
    let output = run_tab_server(&all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

async fn a_purge_removes_only_what_ended_before_the_window(backend: Backend) {
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    db.add_user("bo@example.com", PASSWORD);
    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    let (me, my_id) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (laptop, _) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    seed_ended(&db, EMAIL, 1, 30, 193, false).await;
    seed_ended(&db, EMAIL, 101, 20, 100, true).await;
    seed_ended(&db, EMAIL, 201, 5, 10, true).await;
    seed_ended(&db, "bo@example.com", 301, 7, 120, false).await;
    // A rename of a purged session goes with it.
    db.execute(&format!(
        "INSERT INTO session_renames (id, user_id, session_id, at, old_label, new_label, by_session)
         VALUES ('r1', (SELECT id FROM users WHERE email_key = '{EMAIL}'),
                 '00000000-0000-4000-8000-000000000001', {}, NULL, 'x', 'someone')",
        chrono::Utc::now().timestamp_millis() - 195 * DAY_MS
    ))
    .await;
    // And an administrator's audit entry past its year.
    db.execute(&format!(
        "INSERT INTO admin_audit (id, at, actor, action, target_user_id, target_email, revoked)
         VALUES ('a1', {}, 'operator', 'disabled', 'u', 'bo@example.com', 0)",
        chrono::Utc::now().timestamp_millis() - 400 * DAY_MS
    ))
    .await;
    let rows = "SELECT COUNT(*) FROM device_sessions";
    assert_eq!(db.scalar(rows).await, 64);

    let dry = json_of(&purge(&db, &["--older-than", "90d", "--dry-run", "--json"]));
    assert_eq!(
        dry,
        serde_json::json!({"purged": 57, "accounts": 2, "audit_entries": 1, "dry_run": true})
    );
    assert_eq!(db.scalar(rows).await, 64, "a dry run deletes nothing");

    let done = purge(&db, &["--older-than", "90d"]);
    assert_eq!(
        String::from_utf8_lossy(&done.stdout),
        "Purged 57 sessions of 2 accounts and 1 audit entry\n"
    );
    assert_eq!(
        db.scalar(rows).await,
        7,
        "two live sessions and five recent ones are left"
    );
    assert_eq!(db.scalar("SELECT COUNT(*) FROM session_renames").await, 0);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM admin_audit").await, 0);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM history_purges").await, 2);
    for token in [&me, &laptop] {
        assert_eq!(api.call("GET", "/me", Some(token), None).await.status, 200);
    }

    // The history says where it now starts.
    let events = api.call("GET", "/sessions/events", Some(&me), None).await;
    assert_eq!(events.status, 200, "{:?}", events.body);
    let purged = &events.body["purged"];
    assert_eq!(purged["sessions"], 50);
    assert_eq!(purged["retention_days"], 90);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(
        purged["at"].as_str().unwrap().starts_with(&today),
        "{purged}"
    );
    let env = CliEnv::new(&server).env(tab::env_vars::TAB_TOKEN, &me);
    let history = env.tab(&["sessions", "history"]).output().expect("history");
    assert!(
        history.status.success(),
        "{}",
        String::from_utf8_lossy(&history.stderr)
    );
    let text = String::from_utf8_lossy(&history.stdout);
    assert!(
        text.trim_end().ends_with(&format!(
            "older history removed on {today} (90-day retention)"
        )),
        "{text}"
    );
    assert!(
        text.contains(&my_id[..8]) || text.contains("signed in"),
        "{text}"
    );

    // Nothing left to do: said so, and zero in JSON.
    let again = purge(&db, &["--older-than", "90d"]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "Nothing to purge: no session ended more than 90 days ago\n"
    );
    assert_eq!(
        json_of(&purge(&db, &["--json"])),
        serde_json::json!({"purged": 0, "accounts": 0, "audit_entries": 0, "dry_run": false})
    );
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM history_purges").await,
        2,
        "a run that removes nothing records nothing"
    );
}

async fn a_purge_racing_sign_ins_revokes_and_reads_touches_nothing_live(backend: Backend) {
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    let (me, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    seed_ended(&db, EMAIL, 1, 6_000, 100, false).await;
    let url = db.url.clone();
    let purging = tokio::task::spawn_blocking(move || {
        std::process::Command::new(crate::support::tab_bin())
            .args(["server", "purge", "--json", "--database", &url])
            .output()
            .expect("run tab server purge")
    });
    // Meanwhile: sign-ins, a revoke of every other one, and list reads.
    let mut kept = Vec::new();
    for round in 0..20 {
        let (token, id) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
        if round % 2 == 0 {
            let path = format!("/sessions/{id}");
            assert_eq!(api.call("DELETE", &path, Some(&me), None).await.status, 200);
        } else {
            kept.push(token);
        }
        let list = api.call("GET", "/sessions", Some(&me), None).await;
        assert_eq!(list.status, 200, "{:?}", list.body);
    }
    let output = purging.await.expect("the purge");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = json_of(&output);
    assert_eq!(report["purged"], 6_000, "{report}");
    assert_eq!(report["accounts"], 1);
    // Every live session is still live; the ten revoked during the race are still there.
    for token in &kept {
        assert_eq!(api.call("GET", "/me", Some(token), None).await.status, 200);
    }
    let list = api.call("GET", "/sessions", Some(&me), None).await;
    assert_eq!(list.body["sessions"].as_array().unwrap().len(), 11);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM device_sessions").await, 21);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_with_retention_purges_soon_after_start() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    seed_ended(&db, EMAIL, 1, 3, 95, true).await;
    let server = TestServer::start_with_args(&db, None, &["--retention", "90d"]);
    assert!(
        server.wait_for_log("retention: purged 3 sessions of 1 account"),
        "{}",
        server.logs()
    );
    assert_eq!(db.scalar("SELECT COUNT(*) FROM device_sessions").await, 0);
    // Running, it keeps serving.
    assert_eq!(
        Api::new(&server)
            .sign_in_answer(EMAIL, PASSWORD, "cli", None)
            .await
            .status,
        201
    );
}

#[test]
fn purge_refuses_bad_windows_and_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let missing = format!("sqlite://{}", dir.path().join("none.db").display());
    for (window, why) in [
        ("1h", "shorter than a day"),
        ("soon", "not a duration"),
        ("-5d", "not a duration"),
    ] {
        let flag = format!("--older-than={window}");
        let output = run_tab_server(&["purge", &flag, "--database", &missing]);
        assert_eq!(output.status.code(), Some(2), "{window}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(why),
            "{window}"
        );
    }
    let output = run_tab_server(&["purge", "--database", &missing]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no database at"));
    assert!(
        !dir.path().join("none.db").exists(),
        "the purge created nothing"
    );
}
