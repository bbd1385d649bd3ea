//! The administrators' reading of the record (issue 18): an account's history through
//! `GET /admin/users/{id}/events`, and `GET /admin/audit`, newest first, paged by
//! `before` without losing or repeating an entry (a millisecond's entries are never
//! split), every action with who did it; bad queries are 400 and nothing edits the record.

use serde_json::Value;

use super::admin::{ROOT, firm, user_id_by_email as user_id};
use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::Backend;

on_both_backends!(
    an_admin_reads_an_accounts_history_and_the_record,
    the_record_pages_without_losing_an_entry,
);

async fn an_admin_reads_an_accounts_history_and_the_record(backend: Backend) {
    let Some((db, _server, api)) = firm(backend).await else {
        return;
    };
    let (root, root_session) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    let (laptop_token, laptop) = api
        .sign_in(EMAIL, PASSWORD, "desktop", Some("Laptop"))
        .await;
    api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let ana = user_id(&api, &root, EMAIL).await;
    let cy = user_id(&api, &root, "cy@example.com").await;
    let one = api
        .call(
            "DELETE",
            &format!("/admin/users/{ana}/sessions/{laptop}"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(one.body["revoked"], 1);
    // The laptop's next request says an administrator ended it, never which one.
    let refused = api.call("GET", "/me", Some(&laptop_token), None).await;
    assert_eq!((refused.status, refused.code()), (401, "session_revoked"));
    assert_eq!(refused.body["ended_by"], "admin");
    assert!(
        !refused.body.to_string().contains(ROOT),
        "{:?}",
        refused.body
    );
    let role = db.server_user(&["set-role", "bo@example.com", "manager"], "");
    assert!(role.status.success(), "{role:?}");
    let off = api
        .call(
            "POST",
            &format!("/admin/users/{cy}/disable"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(off.status, 200);

    let events = api
        .call(
            "GET",
            &format!("/admin/users/{ana}/events"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(events.status, 200, "{:?}", events.body);
    let revoked = events.body["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["type"] == "revoked")
        .expect("a revoke");
    assert_eq!(revoked["session"]["id"], laptop.as_str());
    assert_eq!(revoked["by_admin"], ROOT);
    assert_eq!(revoked["by"], Value::Null);
    let limited = api
        .call(
            "GET",
            &format!("/admin/users/{ana}/events?limit=1"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(limited.body["events"].as_array().map(Vec::len), Some(1));

    let audit = api.call("GET", "/admin/audit", Some(&root), None).await;
    assert_eq!(audit.status, 200, "{:?}", audit.body);
    let entries = audit.body["events"].as_array().expect("events");
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["disabled", "role_changed", "revoked"]);
    assert_eq!(audit.body["next"], Value::Null);
    let disabled = &entries[0];
    assert_eq!(disabled["actor"]["kind"], "admin");
    assert_eq!(disabled["actor"]["email"], ROOT);
    assert_eq!(disabled["actor"]["session"], root_session.as_str());
    assert_eq!(disabled["target"]["id"], cy.as_str());
    assert_eq!(disabled["target"]["email"], "cy@example.com");
    assert_eq!(disabled["revoked"], 0);
    assert_eq!(disabled["ip"], "127.0.0.1");
    let operator = &entries[1];
    assert_eq!(
        operator["actor"],
        serde_json::json!({"kind": "operator", "id": null, "email": null, "session": null})
    );
    assert_eq!(operator["detail"], "manager");
    assert_eq!(operator["ip"], Value::Null);
    assert_eq!(entries[2]["revoked"], 1);
    assert_eq!(entries[2]["target"]["email"], EMAIL);

    for bad in [
        "limit=0".to_string(),
        "limit=501".into(),
        "limit=x".into(),
        "before=yesterday".into(),
        format!("before={}", "9".repeat(8000)),
        "after=2026-01-01T00:00:00Z".into(),
    ] {
        let answer = api
            .call("GET", &format!("/admin/audit?{bad}"), Some(&root), None)
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "bad_request"),
            "{}",
            &bad[..bad.len().min(40)]
        );
    }
    let nobody = uuid::Uuid::new_v4();
    for path in [
        format!("/admin/users/{nobody}/events"),
        "/admin/users/nonsense/events".into(),
    ] {
        let answer = api.call("GET", &path, Some(&root), None).await;
        assert_eq!((answer.status, answer.code()), (404, "not_found"), "{path}");
    }
    let bad_limit = api
        .call(
            "GET",
            &format!("/admin/users/{ana}/events?limit=501"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(bad_limit.status, 400);
    // Append-only: no method but GET, and the entries are all still there.
    for method in ["POST", "PUT", "PATCH", "DELETE"] {
        let answer = api.call(method, "/admin/audit", Some(&root), None).await;
        assert_eq!(answer.status, 405, "{method}");
    }
    assert_eq!(db.scalar("SELECT COUNT(*) FROM admin_audit").await, 3);
}

async fn the_record_pages_without_losing_an_entry(backend: Backend) {
    let Some((db, _server, api)) = firm(backend).await else {
        return;
    };
    let (root, _) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    // Seven entries in one millisecond and five in others: pages of two must not split
    // the seven (a next page strictly before their time would miss the rest).
    let mut statements = Vec::new();
    for i in 0..12 {
        let at = if i < 7 {
            1_700_000_000_000_i64
        } else {
            1_700_000_000_000 + i
        };
        statements.push(format!(
            "INSERT INTO admin_audit (id, at, actor, action, target_user_id, target_email, revoked)
             VALUES ('{}', {at}, 'operator', 'enabled', '{}', 'x{i}@example.com', 0)",
            uuid::Uuid::new_v4(),
            uuid::Uuid::new_v4()
        ));
    }
    for statement in &statements {
        db.execute(statement).await;
    }
    let mut seen: Vec<String> = Vec::new();
    let mut path = "/admin/audit?limit=2".to_string();
    let mut times: Vec<String> = Vec::new();
    for _ in 0..20 {
        let page = api.call("GET", &path, Some(&root), None).await;
        assert_eq!(page.status, 200, "{:?}", page.body);
        for entry in page.body["events"].as_array().expect("events") {
            seen.push(entry["id"].as_str().unwrap().to_string());
            times.push(entry["at"].as_str().unwrap().to_string());
        }
        match page.body["next"].as_str() {
            Some(next) => path = format!("/admin/audit?limit=2&before={next}"),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (12, 12), "{seen:?}");
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
}
