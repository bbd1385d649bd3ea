//! Listing and revoking sessions, health and routing, on SQLite and PostgreSQL.

use serde_json::json;

use super::{EMAIL, PASSWORD, assert_token_failure};
use crate::on_both_backends;
use crate::support::{Api, Backend, TestServer, server_with_user};

on_both_backends!(
    list_shows_only_live_sessions_of_the_caller,
    revoking_one_session,
    revoke_others_ends_all_but_the_current_session,
    health_and_openapi_answer,
    last_seen_is_refreshed_but_never_revives,
    a_revoke_on_one_process_holds_on_another,
);

async fn list_shows_only_live_sessions_of_the_caller(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    db.add_user("bo@example.com", PASSWORD);
    let (token, me) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (_, old) = api.sign_in(EMAIL, PASSWORD, "web", Some("old")).await;
    let (_, expired) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let (_, revoked) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let (_, theirs) = api.sign_in("bo@example.com", PASSWORD, "web", None).await;
    db.execute(&format!(
        "UPDATE device_sessions SET last_seen_at = last_seen_at - 3600000 WHERE id = '{old}'"
    ))
    .await;
    db.execute(&format!(
        "UPDATE device_sessions SET expires_at = 1000 WHERE id = '{expired}'"
    ))
    .await;
    assert_eq!(
        api.call(
            "DELETE",
            &format!("/sessions/{revoked}"),
            Some(&token),
            None
        )
        .await
        .body["revoked"],
        1
    );

    let list = api.call("GET", "/sessions", Some(&token), None).await;
    assert_eq!(list.status, 200);
    let sessions = list.body["sessions"].as_array().unwrap();
    let ids: Vec<&str> = sessions.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        vec![me.as_str(), old.as_str()],
        "most recently seen first; no expired, revoked or others'"
    );
    assert!(!ids.contains(&theirs.as_str()));
    let current: Vec<bool> = sessions
        .iter()
        .map(|s| s["current"].as_bool().unwrap())
        .collect();
    assert_eq!(current, vec![true, false]);
    for session in sessions {
        let keys: Vec<&String> = session.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 10, "exactly the contract's fields: {keys:?}");
        assert_eq!(session["method"], "password");
    }
}

async fn revoking_one_session(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    db.add_user("bo@example.com", PASSWORD);
    let (token, me) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (laptop_token, laptop) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let (_, expired) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let (_, theirs) = api.sign_in("bo@example.com", PASSWORD, "web", None).await;
    db.execute(&format!(
        "UPDATE device_sessions SET expires_at = 1000 WHERE id = '{expired}'"
    ))
    .await;

    let first = api
        .call("DELETE", &format!("/sessions/{laptop}"), Some(&token), None)
        .await;
    assert_eq!(
        (first.status, first.body.clone()),
        (200, json!({"revoked": 1}))
    );
    assert_token_failure(
        &api.call("GET", "/sessions", Some(&laptop_token), None)
            .await,
        "session_revoked",
    );
    let again = api
        .call("DELETE", &format!("/sessions/{laptop}"), Some(&token), None)
        .await;
    assert_eq!(
        (again.status, again.body.clone()),
        (200, json!({"revoked": 0}))
    );
    let gone = api
        .call(
            "DELETE",
            &format!("/sessions/{expired}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (gone.status, gone.body.clone()),
        (200, json!({"revoked": 0}))
    );
    // Upper case is the same UUID.
    let upper = api
        .call(
            "DELETE",
            &format!("/sessions/{}", laptop.to_uppercase()),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(upper.body, json!({"revoked": 0}));

    let unknown = api
        .call(
            "DELETE",
            &format!("/sessions/{}", uuid::Uuid::new_v4()),
            Some(&token),
            None,
        )
        .await;
    let other_users = api
        .call("DELETE", &format!("/sessions/{theirs}"), Some(&token), None)
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.body, other_users.body,
        "no oracle for other users' ids"
    );
    assert_eq!(other_users.status, 404);
    let malformed = api
        .call("DELETE", "/sessions/not-a-uuid", Some(&token), None)
        .await;
    assert_eq!((malformed.status, malformed.code()), (400, "bad_request"));
    let current = api
        .call("DELETE", &format!("/sessions/{me}"), Some(&token), None)
        .await;
    assert_eq!((current.status, current.code()), (409, "current_session"));
    assert_token_failure(
        &api.call("DELETE", &format!("/sessions/{laptop}"), None, None)
            .await,
        "missing_token",
    );
    // Revoking deletes nothing: the row is kept, marked, with who revoked it.
    let kept = db.scalar(&format!("SELECT COUNT(*) FROM device_sessions WHERE id = '{laptop}' AND revoked_at IS NOT NULL AND revoked_by = '{me}'")).await;
    assert_eq!(kept, 1);
    let untouched = db
        .scalar(&format!(
            "SELECT COUNT(*) FROM device_sessions WHERE id = '{theirs}' AND revoked_at IS NULL"
        ))
        .await;
    assert_eq!(untouched, 1);
}

async fn revoke_others_ends_all_but_the_current_session(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, me) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let mut others = Vec::new();
    for kind in ["web", "desktop", "web"] {
        others.push(api.sign_in(EMAIL, PASSWORD, kind, None).await.0);
    }
    let answer = api.revoke_others(&token, None).await;
    assert_eq!(
        (answer.status, answer.body.clone()),
        (200, json!({"revoked": 3}))
    );
    for other in &others {
        assert_token_failure(
            &api.call("GET", "/me", Some(other), None).await,
            "session_revoked",
        );
    }
    assert_eq!(api.session_ids(&token).await, vec![me]);
    let again = api.revoke_others(&token, None).await;
    assert_eq!(again.body, json!({"revoked": 0}));
    assert_token_failure(
        &api.call("POST", "/sessions/revoke-others", None, None)
            .await,
        "missing_token",
    );
}

async fn health_and_openapi_answer(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let health = api.call("GET", "/healthz", None, None).await;
    assert_eq!(
        (health.status, health.body),
        (
            200,
            json!({"status": "ok", "features": ["revoke_others_filter", "session_events", "session_device"]})
        )
    );
    let doc = api.call("GET", "/openapi.json", None, None).await;
    assert_eq!(doc.status, 200);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/auth/sign-in",
        "/api/v1/auth/sign-out",
        "/api/v1/me",
        "/api/v1/sessions",
        "/api/v1/sessions/{id}",
        "/api/v1/sessions/revoke-others",
        "/api/v1/healthz",
    ] {
        assert!(
            doc.body["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
}

async fn last_seen_is_refreshed_but_never_revives(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, sid) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (other_token, other) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let last_seen =
        |id: &str| format!("SELECT last_seen_at FROM device_sessions WHERE id = '{id}'");
    let signed_in_at = db.scalar(&last_seen(&sid)).await;
    for _ in 0..3 {
        api.call("GET", "/sessions", Some(&token), None).await;
    }
    assert_eq!(
        db.scalar(&last_seen(&sid)).await,
        signed_in_at,
        "refreshed at most once a minute"
    );
    db.execute(&format!(
        "UPDATE device_sessions SET last_seen_at = {} WHERE id = '{sid}'",
        signed_in_at - 120_000
    ))
    .await;
    api.call("GET", "/sessions", Some(&token), None).await;
    assert!(
        db.scalar(&last_seen(&sid)).await >= signed_in_at,
        "a stale last_seen_at is refreshed"
    );

    // A revoked session's token keeps knocking: its row stays revoked, its time frozen.
    let frozen = signed_in_at - 120_000;
    db.execute(&format!(
        "UPDATE device_sessions SET last_seen_at = {frozen} WHERE id = '{other}'"
    ))
    .await;
    assert_eq!(
        api.call("DELETE", &format!("/sessions/{other}"), Some(&token), None)
            .await
            .body,
        json!({"revoked": 1})
    );
    for _ in 0..3 {
        assert_token_failure(
            &api.call("GET", "/sessions", Some(&other_token), None).await,
            "session_revoked",
        );
    }
    assert_eq!(db.scalar(&last_seen(&other)).await, frozen);
    let still_revoked = db
        .scalar(&format!(
            "SELECT COUNT(*) FROM device_sessions WHERE id = '{other}' AND revoked_at IS NOT NULL"
        ))
        .await;
    assert_eq!(still_revoked, 1);
    assert_eq!(api.session_ids(&token).await, vec![sid]);
}

async fn a_revoke_on_one_process_holds_on_another(backend: Backend) {
    let Some((db, first, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let second = TestServer::start(&db, None);
    let api2 = Api::new(&second);
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (laptop_token, laptop) = api2.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    // Both processes share the key kept in the database.
    assert_eq!(
        api2.call("GET", "/me", Some(&token), None).await.status,
        200
    );
    assert_eq!(
        api.call("GET", "/me", Some(&laptop_token), None)
            .await
            .status,
        200
    );
    let revoked = api
        .call("DELETE", &format!("/sessions/{laptop}"), Some(&token), None)
        .await;
    assert_eq!(revoked.body, json!({"revoked": 1}));
    assert_token_failure(
        &api2.call("GET", "/me", Some(&laptop_token), None).await,
        "session_revoked",
    );
    drop(first);
}

#[tokio::test(flavor = "multi_thread")]
async fn health_says_503_when_the_database_is_gone() {
    use sqlx::Connection as _;
    let Some((db, _server, api)) = server_with_user(Backend::Postgres, EMAIL, PASSWORD).await
    else {
        return;
    };
    assert_eq!(api.call("GET", "/healthz", None, None).await.status, 200);
    let admin = crate::support::services::postgres_admin_url().expect("admin url");
    let name = db
        .url
        .rsplit('/')
        .next()
        .expect("database name")
        .to_string();
    let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect");
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await
        .expect("drop");
    let health = api.call("GET", "/healthz", None, None).await;
    assert_eq!(
        (health.status, health.code()),
        (503, "unavailable"),
        "{:?}",
        health.body
    );
    let sign_in = api.sign_in_answer(EMAIL, PASSWORD, "cli", None).await;
    assert_eq!(
        (sign_in.status, sign_in.code()),
        (503, "unavailable"),
        "{:?}",
        sign_in.body
    );
    assert!(
        sign_in.body["error"].is_string(),
        "still the API's error shape: {:?}",
        sign_in.body
    );
    assert!(
        !sign_in.body.to_string().contains(&name),
        "no database detail in answers"
    );
}
