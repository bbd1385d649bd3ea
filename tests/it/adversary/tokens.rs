//! Row "a JWT whose `nbf` is an hour ahead (valid signature)": before, `GET /me` answered
//! 200. Now a token not yet valid (RFC 7519 section 4.1.5), or issued more than a minute
//! in the future, is refused with 401 on every route, whatever its signature.

use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

use super::{EMAIL, PASSWORD};
use crate::api::{assert_token_failure, claims, sign};
use crate::on_both_backends;
use crate::support::{Api, Backend, SECRET, TestDatabase, TestServer};

on_both_backends!(tokens_from_the_future_are_refused);

async fn tokens_from_the_future_are_refused(backend: Backend) {
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let server = TestServer::start(&db, Some(SECRET));
    let api = Api::new(&server);
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let mine = claims(&token);
    let now = chrono::Utc::now().timestamp();
    let with = |changes: Value| {
        let mut forged = mine.clone();
        for (name, value) in changes.as_object().expect("an object") {
            forged[name] = value.clone();
        }
        sign(&forged, Algorithm::HS256, SECRET.as_bytes())
    };
    let refused = [
        ("nbf an hour ahead", with(json!({"nbf": now + 3600}))),
        ("nbf a minute ahead", with(json!({"nbf": now + 60}))),
        ("iat an hour ahead", with(json!({"iat": now + 3600}))),
        ("iat two minutes ahead", with(json!({"iat": now + 120}))),
    ];
    for (what, forged) in &refused {
        for (method, path) in [
            ("GET", "/me"),
            ("GET", "/sessions"),
            ("GET", "/sessions/events"),
            ("POST", "/sessions/revoke-others"),
        ] {
            let answer = api.call(method, path, Some(forged), None).await;
            assert_token_failure(&answer, "invalid_token");
            assert!(answer.status == 401, "{what} {method} {path}");
        }
    }
    // A token valid from now, or issued a few seconds ahead by a process whose clock
    // runs a little fast, is still good.
    for (what, fine) in [
        ("nbf now", with(json!({"nbf": now - 1}))),
        ("iat 20 s ahead", with(json!({"iat": now + 20}))),
    ] {
        let answer = api.call("GET", "/me", Some(&fine), None).await;
        assert_eq!(answer.status, 200, "{what}: {:?}", answer.body);
    }
    // The revoke-others attempts above changed nothing: the session is live.
    assert_eq!(api.call("GET", "/me", Some(&token), None).await.status, 200);
}
