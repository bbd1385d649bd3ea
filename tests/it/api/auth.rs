//! Signing in and out, tokens, rate limiting and the cookie, on SQLite and PostgreSQL.

use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

use super::{EMAIL, PASSWORD, SECRET, assert_token_failure, claims, sign};
use crate::on_both_backends;
use crate::support::{Api, Backend, TestDatabase, TestServer, server_with_user};

on_both_backends!(
    sign_in_returns_a_token_naming_a_new_session,
    sign_in_rejects_malformed_bodies_without_a_500,
    unknown_email_and_wrong_password_get_the_same_answer,
    repeated_failures_are_rate_limited,
    sign_out_revokes_the_current_session,
    me_names_the_user_and_the_session,
    forged_and_stale_tokens_are_refused,
    cookie_authentication_needs_the_csrf_header,
);

async fn sign_in_returns_a_token_naming_a_new_session(backend: Backend) {
    let Some((_db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let answer = api
        .sign_in_answer(
            "Ana@Example.COM",
            PASSWORD,
            "cli",
            Some("tab on test (Linux)"),
        )
        .await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    let session = &answer.body["session"];
    assert_eq!(session["kind"], "cli");
    assert_eq!(session["label"], "tab on test (Linux)");
    assert_eq!(session["current"], true);
    let id = session["id"].as_str().expect("id");
    assert_eq!(
        uuid::Uuid::parse_str(id).expect("uuid").get_version_num(),
        4
    );
    assert_eq!(id, id.to_lowercase());
    let created =
        chrono::DateTime::parse_from_rfc3339(session["created_at"].as_str().unwrap()).unwrap();
    let expires =
        chrono::DateTime::parse_from_rfc3339(session["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!((expires - created).num_seconds(), 7 * 24 * 3600);
    assert!(session["created_at"].as_str().unwrap().ends_with('Z'));

    let token = answer.body["token"].as_str().expect("token");
    let header = jsonwebtoken::decode_header(token).expect("header");
    assert_eq!(header.alg, Algorithm::HS256);
    let claims = claims(token);
    assert_eq!(claims["sid"], id);
    assert_eq!(claims["iss"], "tab");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        7 * 24 * 3600
    );
    assert!(claims["sub"].is_string());
    // A label is optional.
    let unlabelled = api.sign_in_answer(EMAIL, PASSWORD, "desktop", None).await;
    assert_eq!(unlabelled.status, 201);
    assert_eq!(unlabelled.body["session"]["label"], Value::Null);
    // The server logs a line per request at info (so the checks below read real lines).
    assert!(
        server.wait_for_log(r#"method=POST path="/api/v1/auth/sign-in" status=201"#),
        "no request line: {}",
        server.logs()
    );
    assert!(!server.logs().contains(token), "the token reached the log");
    assert!(
        !server.logs().contains(PASSWORD),
        "the password reached the log"
    );
}

async fn sign_in_rejects_malformed_bodies_without_a_500(backend: Backend) {
    let Some((_db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let client = |kind: &str, label: Value| json!({"email": EMAIL, "password": PASSWORD, "client": {"kind": kind, "label": label}});
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("not json", b"{\"email\": ".to_vec(), 400),
        ("unknown field", serde_json::to_vec(&json!({"email": EMAIL, "password": PASSWORD, "client": {"kind": "cli"}, "admin": true})).unwrap(), 400),
        ("unknown kind", serde_json::to_vec(&client("phone", Value::Null)).unwrap(), 400),
        ("empty label", serde_json::to_vec(&client("cli", json!(""))).unwrap(), 400),
        ("long label", serde_json::to_vec(&client("cli", json!("x".repeat(81)))).unwrap(), 400),
        ("wrong type", serde_json::to_vec(&json!({"email": EMAIL, "password": 12345678, "client": {"kind": "cli"}})).unwrap(), 400),
        ("missing field", serde_json::to_vec(&json!({"email": EMAIL, "client": {"kind": "cli"}})).unwrap(), 400),
        ("array", b"[1,2,3]".to_vec(), 400),
        ("huge", serde_json::to_vec(&json!({"email": EMAIL, "password": "p".repeat(100_000), "client": {"kind": "cli"}})).unwrap(), 413),
    ];
    for (name, body, status) in cases {
        let answer = api
            .raw("POST", "/auth/sign-in", "application/json", body)
            .await;
        assert_eq!(answer.status, status, "{name}: {:?}", answer.body);
        assert!(
            answer.body["error"].is_string() && answer.body["message"].is_string(),
            "{name}: {:?}",
            answer.body
        );
        assert!(
            !answer.body.to_string().contains("12345678"),
            "{name}: the value was echoed"
        );
    }
    let answer = api
        .raw("POST", "/auth/sign-in", "text/plain", b"hello".to_vec())
        .await;
    assert_eq!(answer.status, 415);
    // 80 characters is still fine, and a wide character counts as one.
    let ok = api
        .sign_in_answer(EMAIL, PASSWORD, "web", Some(&"é".repeat(80)))
        .await;
    assert_eq!(ok.status, 201, "{:?}", ok.body);
    assert!(!server.logs().contains("panicked"));
}

async fn unknown_email_and_wrong_password_get_the_same_answer(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let unknown = api
        .sign_in_answer("nobody@example.com", PASSWORD, "cli", None)
        .await;
    let wrong = api
        .sign_in_answer(EMAIL, "not the password", "cli", None)
        .await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(unknown.code(), "invalid_credentials");
    assert!(unknown.headers.contains_key("www-authenticate"));
    assert!(wrong.headers.contains_key("www-authenticate"));
}

async fn repeated_failures_are_rate_limited(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    // Successful sign-ins never count.
    for _ in 0..6 {
        api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    }
    for _ in 0..5 {
        assert_eq!(
            api.sign_in_answer(EMAIL, "wrong", "cli", None).await.status,
            401
        );
    }
    // The sixth try is refused, even with the right password.
    let limited = api.sign_in_answer(EMAIL, PASSWORD, "cli", None).await;
    assert_eq!(limited.status, 429, "{:?}", limited.body);
    assert_eq!(limited.code(), "rate_limited");
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
    // Another email from the same address is not limited yet ...
    db.add_user("bo@example.com", PASSWORD);
    api.sign_in("bo@example.com", PASSWORD, "cli", None).await;
    // ... until the address has failed 20 times.
    for i in 0..15 {
        let answer = api
            .sign_in_answer(&format!("x{i}@example.com"), "wrong", "cli", None)
            .await;
        assert_eq!(answer.status, 401, "failure {i}");
    }
    let by_address = api
        .sign_in_answer("bo@example.com", PASSWORD, "cli", None)
        .await;
    assert_eq!(by_address.status, 429);
    assert!(by_address.headers.contains_key("retry-after"));
}

async fn sign_out_revokes_the_current_session(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (other, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let answer = api.call("POST", "/auth/sign-out", Some(&token), None).await;
    assert_eq!(answer.status, 204);
    assert_token_failure(
        &api.call("GET", "/sessions", Some(&token), None).await,
        "session_revoked",
    );
    assert_token_failure(
        &api.call("POST", "/auth/sign-out", Some(&token), None).await,
        "session_revoked",
    );
    assert_token_failure(
        &api.call("POST", "/auth/sign-out", None, None).await,
        "missing_token",
    );
    assert_eq!(api.session_ids(&other).await.len(), 1);
}

async fn me_names_the_user_and_the_session(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, sid) = api.sign_in(EMAIL, PASSWORD, "cli", Some("mine")).await;
    let me = api.call("GET", "/me", Some(&token), None).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["user"]["email"], EMAIL);
    assert_eq!(me.body["user"]["name"], "Test User");
    assert_eq!(me.body["user"]["role"], "accountant");
    assert_eq!(me.body["session"]["id"], sid.as_str());
    assert_eq!(me.body["session"]["current"], true);
    assert_token_failure(&api.call("GET", "/me", None, None).await, "missing_token");
}

async fn forged_and_stale_tokens_are_refused(backend: Backend) {
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    db.add_user("bo@example.com", PASSWORD);
    let server = TestServer::start(&db, Some(SECRET));
    let api = Api::new(&server);
    let (token, sid) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (bo_token, bo_sid) = api.sign_in("bo@example.com", PASSWORD, "cli", None).await;
    let mine = claims(&token);
    let now = chrono::Utc::now().timestamp();
    let with = |changes: Value| {
        let mut c = mine.clone();
        for (k, v) in changes.as_object().unwrap() {
            c[k] = v.clone();
        }
        c
    };
    // The real thing works with the known key.
    assert_eq!(
        api.call(
            "GET",
            "/me",
            Some(&sign(&mine, Algorithm::HS256, SECRET.as_bytes())),
            None
        )
        .await
        .status,
        200
    );

    // The header {"alg":"none","typ":"JWT"}, base64url-encoded, on the real payload.
    let none_alg = format!(
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.",
        token.split('.').nth(1).unwrap()
    );
    let invalid = [
        ("garbage", "not-a-jwt".to_string()),
        ("alg none", none_alg),
        (
            "other key",
            sign(
                &mine,
                Algorithm::HS256,
                b"another-key-another-key-another-key!",
            ),
        ),
        (
            "other algorithm",
            sign(&mine, Algorithm::HS512, SECRET.as_bytes()),
        ),
        (
            "wrong issuer",
            sign(
                &with(json!({"iss": "evil"})),
                Algorithm::HS256,
                SECRET.as_bytes(),
            ),
        ),
        (
            "another user's sid",
            sign(
                &with(json!({"sid": bo_sid})),
                Algorithm::HS256,
                SECRET.as_bytes(),
            ),
        ),
        (
            "unknown sid",
            sign(
                &with(json!({"sid": uuid::Uuid::new_v4().to_string()})),
                Algorithm::HS256,
                SECRET.as_bytes(),
            ),
        ),
        ("tampered", format!("{}x", &token[..token.len() - 1])),
    ];
    for (name, forged) in invalid {
        let answer = api.call("GET", "/sessions", Some(&forged), None).await;
        assert_eq!(answer.status, 401, "{name}");
        assert_token_failure(&answer, "invalid_token");
    }
    let expired_jwt = sign(
        &with(json!({"iat": now - 8 * 86400, "exp": now - 86400})),
        Algorithm::HS256,
        SECRET.as_bytes(),
    );
    assert_token_failure(
        &api.call("GET", "/sessions", Some(&expired_jwt), None).await,
        "session_expired",
    );
    db.execute(&format!(
        "UPDATE device_sessions SET expires_at = 1000 WHERE id = '{sid}'"
    ))
    .await;
    assert_token_failure(
        &api.call("GET", "/sessions", Some(&token), None).await,
        "session_expired",
    );
    assert_eq!(
        api.call("GET", "/sessions", Some(&bo_token), None)
            .await
            .status,
        200
    );
    let basic = api
        .with_header("GET", "/sessions", "authorization", "Basic YTpi")
        .await;
    assert_token_failure(&basic, "invalid_token");
}

async fn cookie_authentication_needs_the_csrf_header(backend: Backend) {
    let Some((_db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let web = api
        .sign_in_answer(EMAIL, PASSWORD, "web", Some("Firefox"))
        .await;
    let cookie = web.headers["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("__Host-tab_session=")
            && cookie.contains("Secure")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Max-Age=604800"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();
    let (_, other) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let http = reqwest::Client::new();
    let base = format!("{}/api/v1", server.url());
    let list = http
        .get(format!("{base}/sessions"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    let unguarded = http
        .delete(format!("{base}/sessions/{other}"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(unguarded.status(), 403);
    let guarded = http
        .delete(format!("{base}/sessions/{other}"))
        .header("cookie", &pair)
        .header("x-requested-with", "tab")
        .send()
        .await
        .unwrap();
    assert_eq!(guarded.status(), 200);
}
