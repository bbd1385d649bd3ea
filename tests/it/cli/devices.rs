//! Telling devices apart and cleaning up by rule from the command line: `--idle-for`,
//! `revoke-others --kind --idle-for [--dry-run]`, `sessions history`, and the fallback
//! against a server that cannot filter.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::lost_laptop_world;
use crate::support::cli::{CliEnv, transcript};
use crate::support::fake_server::serve_json;

/// The README's clean-up rule: web sessions idle for two days.
const RULE: &[&str] = &[
    "sessions",
    "revoke-others",
    "--kind",
    "web",
    "--idle-for",
    "2d",
];

#[tokio::test(flavor = "multi_thread")]
async fn idle_sessions_are_listed_and_revoked_by_rule() {
    let Some((_db, _server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    snapshot!(
        "list_idle_for_2d",
        cli.run(&["sessions", "list", "--idle-for", "2d"], "")
    );
    snapshot!(
        "revoke_others_by_rule_dry_run",
        cli.run(&[RULE, &["--dry-run"]].concat(), "")
    );
    snapshot!(
        "list_idle_beyond_the_lifetime",
        cli.run(&["sessions", "list", "--idle-for", "30d"], "")
    );
    snapshot!(
        "idle_for_nonsense",
        cli.run(&["sessions", "list", "--idle-for", "soon"], "")
    );
    let revoked = cli.run(&[RULE, &["--json"]].concat(), "");
    assert_eq!(revoked.status.code(), Some(0), "{}", transcript(&revoked));
    let count: Value = serde_json::from_slice(&revoked.stdout).expect("JSON");
    assert_eq!(count, json!({"revoked": 1}));
    let list = cli.run(&["sessions", "list", "--json"], "");
    let list: Value = serde_json::from_slice(&list.stdout).expect("JSON");
    let live: Vec<&str> = list["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert!(
        !live.contains(&ids[2].as_str()),
        "the idle web session is gone"
    );
    assert_eq!(live.len(), 3);
    snapshot!("revoke_others_by_rule", cli.run(RULE, ""));
    snapshot!("history", cli.run(&["sessions", "history"], ""));
    let history = cli.run(&["sessions", "history", "--json", "--limit", "2"], "");
    let history: Value = serde_json::from_slice(&history.stdout).expect("JSON");
    let events = history["events"].as_array().expect("events");
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["type"], json!("revoked"));
    assert_eq!(events[0]["session"]["id"], json!(ids[2]));
    snapshot!(
        "history_limit_out_of_range",
        cli.run(&["sessions", "history", "--limit", "0"], "")
    );
}

/// A server of the first API version: no `features`, and a revoke-others that ignores
/// any body and signs out everything. It records what it was asked.
fn old_server(sessions: Value) -> (String, Arc<Mutex<Vec<String>>>) {
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&asked);
    let url = serve_json(move |method, path| {
        log.lock().expect("log").push(format!("{method} {path}"));
        let body = match (method, path) {
            ("GET", "/api/v1/healthz") => json!({"status": "ok"}),
            ("GET", "/api/v1/sessions") => sessions.clone(),
            ("DELETE", _) => json!({"revoked": 1}),
            ("POST", "/api/v1/sessions/revoke-others") => json!({"revoked": 3}),
            _ => json!({"error": "not_found", "message": "No."}),
        };
        (200, body)
    });
    (url, asked)
}

/// Against a server that does not list `revoke_others_filter`, `tab` never sends the
/// filter (the server would sign out everything): it revokes the matching sessions one by
/// one, and says so.
#[test]
fn a_server_that_cannot_filter_gets_one_revoke_per_match() {
    let now = chrono::Utc::now();
    let session = |id: &str, kind: &str, seen_days: i64, current: bool| {
        let seen = now - chrono::Duration::days(seen_days);
        json!({
            "id": id, "kind": kind, "label": null, "current": current,
            "created_at": seen - chrono::Duration::hours(1), "last_seen_at": seen,
            "expires_at": seen + chrono::Duration::days(6),
        })
    };
    let idle_web = "11111111-1111-4111-8111-111111111111";
    let (url, asked) = old_server(json!({"sessions": [
        session("00000000-0000-4000-8000-000000000000", "cli", 0, true),
        session(idle_web, "web", 3, false),
        session("22222222-2222-4222-8222-222222222222", "web", 0, false),
        session("33333333-3333-4333-8333-333333333333", "desktop", 4, false),
    ]}));
    let cli = CliEnv::for_url(&url).env(tab::env_vars::TAB_TOKEN, "old-server-token");
    let output = cli.run(RULE, "");
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("one by one"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Signed out 1 session (web; idle for at least 2 days)\n"
    );
    let asked = asked.lock().expect("log").clone();
    assert!(
        !asked.iter().any(|a| a.starts_with("POST")),
        "the filter went to a server that ignores it: {asked:?}"
    );
    assert_eq!(
        asked
            .iter()
            .filter(|a| a.starts_with("DELETE"))
            .collect::<Vec<_>>(),
        vec![&format!("DELETE /api/v1/sessions/{idle_web}")]
    );
}
