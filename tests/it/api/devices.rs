//! Which device is which: `device` from real User-Agents, `ip` following the latest
//! request, the account's history, and revoke-others by rule, on SQLite and PostgreSQL.

use std::net::IpAddr;

use serde_json::{Value, json};

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::cli::CliEnv;
use crate::support::{Api, Backend, server_with_user};

on_both_backends!(
    device_names_come_from_real_user_agents,
    ip_follows_the_latest_request,
    history_records_sign_in_sign_out_revoke_and_expiry,
    another_users_history_stays_invisible,
    history_refuses_bad_limits,
    history_answers_parallel_readers_during_revokes,
    revoke_others_by_rule_revokes_exactly_the_matching_sessions,
    revoke_others_refuses_a_bad_filter,
);

/// (User-Agent, the device the server must name)
const AGENTS: &[(&str, &str)] = &[
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Chrome 131 on Windows",
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Chrome 131 on macOS",
    ),
    (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Chrome 131 on Linux",
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36",
        "Chrome 131 on Android",
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Firefox 133 on Windows",
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Firefox 133 on macOS",
    ),
    (
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Firefox 133 on Linux",
    ),
    (
        "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
        "Firefox 133 on Android",
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Safari 18 on macOS",
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Safari 18 on iOS",
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
        "Edge 131 on Windows",
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
        "Edge 131 on macOS",
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) TAB-Desktop/2.3 Electron/33.2.1",
        "TAB Desktop 2.3 on Windows",
    ),
];

async fn device_names_come_from_real_user_agents(backend: Backend) {
    let Some((_db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    for (agent, device) in AGENTS {
        let answer = api.sign_in_as(agent, "web", Some("x")).await;
        assert_eq!(answer.body["session"]["device"], json!(device), "{agent}");
    }
    let unknown = api.sign_in_as("curl/8.5.0", "cli", Some("x")).await;
    assert_eq!(unknown.body["session"]["device"], Value::Null);
    // `tab` itself names its version and system.
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "ana-laptop");
    let status = cli.run(&["status", "--json"], "");
    let status: Value = serde_json::from_slice(&status.stdout).expect("JSON");
    let system = match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "macOS",
        other => other,
    };
    assert_eq!(
        status["session"]["device"],
        json!(format!("tab {} on {system}", env!("CARGO_PKG_VERSION"))),
        "{status}"
    );
}

fn ip(sessions: &Value, id: &str) -> Value {
    sessions["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["id"] == json!(id))
        .map(|s| s["ip"].clone())
        .expect("the session")
}

async fn ip_follows_the_latest_request(backend: Backend) {
    let Some((_db, server, _api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let from = |last: u8| Api::from_address(&server, IpAddr::from([127, 0, 0, last]));
    let (token, id) = from(2).sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let list = from(2).call("GET", "/sessions", Some(&token), None).await;
    assert_eq!(ip(&list.body, &id), json!("127.0.0.2"));
    // The same token from another address, twice within the minute.
    let list = from(3).call("GET", "/sessions", Some(&token), None).await;
    assert_eq!(ip(&list.body, &id), json!("127.0.0.3"));
    let me = from(4).call("GET", "/me", Some(&token), None).await;
    assert_eq!(me.body["session"]["ip"], json!("127.0.0.4"));
    let list = from(4).call("GET", "/sessions", Some(&token), None).await;
    assert_eq!(ip(&list.body, &id), json!("127.0.0.4"));
}

fn events(answer: &Value) -> Vec<(String, String, Value, Value)> {
    answer["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            (
                e["type"].as_str().expect("type").to_string(),
                e["session"]["id"].as_str().expect("id").to_string(),
                e["ip"].clone(),
                e["by"].clone(),
            )
        })
        .collect()
}

async fn history_records_sign_in_sign_out_revoke_and_expiry(backend: Backend) {
    let Some((db, server, _api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let from = |last: u8| Api::from_address(&server, IpAddr::from([127, 0, 0, last]));
    let (phone, phone_id) = from(5).sign_in(EMAIL, PASSWORD, "web", Some("Phone")).await;
    let (_, old_id) = from(6)
        .sign_in(EMAIL, PASSWORD, "desktop", Some("Old"))
        .await;
    db.execute(&format!(
        "UPDATE device_sessions SET created_at = created_at - 700000000, expires_at = created_at - 700000000 + 604800000 WHERE id = '{old_id}'"
    ))
    .await;
    let (_, laptop_id) = from(7)
        .sign_in(EMAIL, PASSWORD, "desktop", Some("Laptop"))
        .await;
    let (me, me_id) = from(8).sign_in(EMAIL, PASSWORD, "cli", None).await;
    let revoked = from(9)
        .call("DELETE", &format!("/sessions/{laptop_id}"), Some(&me), None)
        .await;
    assert_eq!(revoked.status, 200);
    let out = from(10)
        .call("POST", "/auth/sign-out", Some(&phone), None)
        .await;
    assert_eq!(out.status, 204);

    let answer = from(8)
        .call("GET", "/sessions/events", Some(&me), None)
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let seen = events(&answer.body);
    let expect =
        |kind: &str, id: &str, ip: Value, by: Value| (kind.to_string(), id.to_string(), ip, by);
    assert_eq!(
        seen,
        vec![
            expect("signed_out", &phone_id, json!("127.0.0.10"), Value::Null),
            expect("revoked", &laptop_id, json!("127.0.0.9"), json!(me_id)),
            expect("signed_in", &me_id, json!("127.0.0.8"), Value::Null),
            expect("signed_in", &laptop_id, json!("127.0.0.7"), Value::Null),
            expect("signed_in", &phone_id, json!("127.0.0.5"), Value::Null),
            expect("expired", &old_id, Value::Null, Value::Null),
            expect("signed_in", &old_id, json!("127.0.0.6"), Value::Null),
        ]
    );
    let first = &answer.body["events"][1]["session"];
    assert_eq!(first["label"], json!("Laptop"));
    assert_eq!(first["kind"], json!("desktop"));
    // Newest first, cut at the limit; revoking more never removes an entry.
    let two = from(8)
        .call("GET", "/sessions/events?limit=2", Some(&me), None)
        .await;
    assert_eq!(events(&two.body), seen[..2].to_vec());
    let all = from(8).revoke_others(&me, None).await;
    assert_eq!(all.body, json!({"revoked": 0}));
    let again = from(8)
        .call("GET", "/sessions/events", Some(&me), None)
        .await;
    assert_eq!(events(&again.body), seen);
}

async fn another_users_history_stays_invisible(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    db.add_user("bo@example.com", PASSWORD);
    let (bo, bo_id) = api.sign_in("bo@example.com", PASSWORD, "web", None).await;
    let (_, bo_other) = api.sign_in("bo@example.com", PASSWORD, "cli", None).await;
    api.call("DELETE", &format!("/sessions/{bo_other}"), Some(&bo), None)
        .await;
    let (ana, ana_id) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let answer = api.call("GET", "/sessions/events", Some(&ana), None).await;
    let ids: Vec<String> = events(&answer.body).into_iter().map(|e| e.1).collect();
    assert_eq!(ids, vec![ana_id]);
    assert!(!answer.body.to_string().contains(&bo_id));
    let theirs = api.call("GET", "/sessions/events", Some(&bo), None).await;
    assert_eq!(events(&theirs.body).len(), 3);
}

async fn history_refuses_bad_limits(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    for query in [
        "limit=0",
        "limit=501",
        "limit=-1",
        "limit=abc",
        "limit=99999999999999999999",
        "since=1",
        "limit=1&limit=2",
    ] {
        let answer = api
            .call(
                "GET",
                &format!("/sessions/events?{query}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "bad_request"),
            "{query}"
        );
    }
    let huge = format!("/sessions/events?limit=1&x={}", "a".repeat(8000));
    assert_eq!(api.call("GET", &huge, Some(&token), None).await.status, 400);
    let ok = api
        .call("GET", "/sessions/events?limit=500", Some(&token), None)
        .await;
    assert_eq!(ok.status, 200);
    let anonymous = api.call("GET", "/sessions/events", None, None).await;
    assert_eq!(anonymous.status, 401);
}

/// Twenty readers of the history at once while another device signs everything else
/// out: every answer is 200 and a whole history (never a half-written one), and the
/// revoked reader gets 401, not a 500.
async fn history_answers_parallel_readers_during_revokes(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let mut readers = Vec::new();
    for _ in 0..5 {
        readers.push(api.sign_in(EMAIL, PASSWORD, "web", None).await.0);
    }
    let (me, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let (api, token) = (api.clone(), readers[i % readers.len()].clone());
            tokio::spawn(async move {
                api.call("GET", "/sessions/events?limit=500", Some(&token), None)
                    .await
            })
        })
        .collect();
    let revoked = api.revoke_others(&me, None).await;
    assert_eq!(revoked.body, json!({"revoked": 5}));
    for task in tasks {
        let answer = task.await.expect("a reader");
        match answer.status {
            200 => {
                let seen = events(&answer.body);
                let signed_in = seen.iter().filter(|e| e.0 == "signed_in").count();
                let revoked = seen.iter().filter(|e| e.0 == "revoked").count();
                assert_eq!(signed_in, 6, "{seen:?}");
                assert!(revoked == 0 || revoked == 5, "one statement: {seen:?}");
            }
            401 => assert_eq!(answer.code(), "session_revoked"),
            other => panic!("{other}: {:?}", answer.body),
        }
    }
}

/// (kind, label, minutes since last seen) of the other devices. Sessions end 7 days
/// after sign-in, so no live one can be idle for longer.
const OTHERS: &[(&str, &str, i64)] = &[
    ("web", "Old browser", 4 * 1440),
    ("web", "Fresh browser", 5),
    ("desktop", "Old desktop", 3 * 1440),
    ("cli", "Old terminal", 5 * 1440),
    ("web", "Borderline browser", 2 * 1440 - 1),
];

const TWO_DAYS: u64 = 2 * 86400;

async fn revoke_others_by_rule_revokes_exactly_the_matching_sessions(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let mut ids = Vec::new();
    for (kind, label, seen) in OTHERS {
        let (_, id) = api.sign_in(EMAIL, PASSWORD, kind, Some(label)).await;
        db.age_session(&id, seen + 10, *seen).await;
        ids.push(id);
    }
    let (me, me_id) = api.sign_in(EMAIL, PASSWORD, "web", Some("This one")).await;
    // Idle for 2 days, web only: exactly the old browser. Never the caller, though it
    // is a web session too.
    let body = json!({"kinds": ["web"], "idle_for_secs": TWO_DAYS});
    let answer = api.revoke_others(&me, Some(body.clone())).await;
    assert_eq!(answer.body, json!({"revoked": 1}));
    let live = api.session_ids(&me).await;
    assert!(!live.contains(&ids[0]));
    assert!(live.contains(&me_id));
    assert_eq!(live.len(), 5);
    // Again: nothing left to match.
    let again = api.revoke_others(&me, Some(body)).await;
    assert_eq!(again.body, json!({"revoked": 0}));
    // Any kind idle for 2 days: the desktop and the terminal.
    let idle = api
        .revoke_others(&me, Some(json!({"idle_for_secs": TWO_DAYS})))
        .await;
    assert_eq!(idle.body, json!({"revoked": 2}));
    // Kinds only, duplicates allowed: the remaining web sessions but this one.
    let kinds = api
        .revoke_others(&me, Some(json!({"kinds": ["web", "web"]})))
        .await;
    assert_eq!(kinds.body, json!({"revoked": 2}));
    assert_eq!(api.session_ids(&me).await, vec![me_id]);
}

async fn revoke_others_refuses_a_bad_filter(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (_, other) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let (me, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    for body in [
        json!({"kinds": []}),
        json!({"kinds": ["phone"]}),
        json!({"kinds": "web"}),
        json!({"idle_for_secs": -1}),
        json!({"idle_for_secs": 400_000_000}),
        json!({"idle_for_secs": 1e30}),
        json!({"kind": ["web"]}),
        json!({"kinds": ["web"], "everything": true}),
        json!([]),
        json!(null),
    ] {
        let answer = api.revoke_others(&me, Some(body.clone())).await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "bad_request"),
            "{body}"
        );
    }
    let text = api
        .raw(
            "POST",
            "/sessions/revoke-others",
            "text/plain",
            b"{}".to_vec(),
        )
        .await;
    assert_eq!(
        text.status, 401,
        "no token: refused before the body is read"
    );
    let huge = json!({"kinds": vec!["web"; 5000]});
    let answer = api.revoke_others(&me, Some(huge)).await;
    assert_eq!(answer.status, 413);
    // Nothing was revoked by any of them.
    assert!(api.session_ids(&me).await.contains(&other));
}
