//! Contract rows that need no process, checked on the server's router in this process
//! (`tower::ServiceExt::oneshot`, no listener, no port): what unknown routes and methods
//! answer, a missing token's 401 and its challenge, bodies of the wrong type, size or
//! shape, and a sign-in through to revoke-others. Fast, so the rows that hinge on the
//! listener, signals, two processes or a real database outage stay in the process tests.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt as _;

use super::{EMAIL, PASSWORD};
use crate::support::assert_error_body_keeps_the_contract;

/// A router on a fresh SQLite file with the test account; the directory lives as long.
async fn router() -> (axum::Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let database = format!("sqlite://{}", dir.path().join("tab.db").display());
    let server = tab_server::Server::bind("127.0.0.1:0", &database, Some(crate::support::SECRET))
        .await
        .expect("the server");
    crate::support::add_test_account(server.store()).await;
    (server.into_router(), dir)
}

/// One request through the router as the listener hands it on (with the client's
/// address); the status, the headers and the JSON body (`Null` when there is none).
async fn send(
    router: &axum::Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut request = request;
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40_000))));
    let response = router.clone().oneshot(request).await.expect("an answer");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("the body");
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if status.is_client_error() || status.is_server_error() {
        assert_error_body_keeps_the_contract(&body);
    }
    (status, headers, body)
}

fn get(path: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::get(format!("/api/v1{path}"));
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request.body(Body::empty()).expect("a request")
}

fn post(
    path: &str,
    content_type: &str,
    body: impl Into<Body>,
    token: Option<&str>,
) -> Request<Body> {
    let mut request =
        Request::post(format!("/api/v1{path}")).header(header::CONTENT_TYPE, content_type);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request.body(body.into()).expect("a request")
}

fn sign_in_body(password: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({"email": EMAIL, "password": password, "client": {"kind": "cli"}}))
        .expect("JSON")
}

/// Moved here from the process tests: an unknown route and a wrong method answer JSON.
#[tokio::test]
async fn unknown_routes_and_methods_answer_json() {
    let (router, _dir) = router().await;
    let (status, _, body) = send(&router, get("/nope", None)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let put = Request::put("/api/v1/sessions")
        .body(Body::empty())
        .expect("a request");
    let (status, _, body) = send(&router, put).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
}

#[tokio::test]
async fn a_missing_token_is_a_401_with_the_bearer_challenge() {
    let (router, _dir) = router().await;
    for path in ["/sessions", "/me", "/sessions/events", "/alerts"] {
        let (status, headers, body) = send(&router, get(path, None)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(body["error"], "missing_token", "{path}");
        assert_eq!(
            headers[header::WWW_AUTHENTICATE],
            "Bearer realm=\"tab\", error=\"invalid_token\"",
            "{path}"
        );
    }
    let (status, _, body) = send(&router, get("/sessions", Some("not.a.jwt"))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_token"))
    );
}

#[tokio::test]
async fn bodies_of_the_wrong_type_size_or_shape_are_refused_without_echo() {
    let (router, _dir) = router().await;
    let cases: [(&str, &str, Vec<u8>, StatusCode); 5] = [
        (
            "text",
            "text/plain",
            b"hello".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "not JSON",
            "application/json",
            b"{\"email\": 12345678".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "an array",
            "application/json",
            b"[12345678]".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "an unknown field",
            "application/json",
            br#"{"email":"a@b.c","password":"12345678","client":{"kind":"cli"},"admin":true}"#
                .to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "17 KiB",
            "application/json",
            vec![b' '; 17 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (name, content_type, body, expected) in cases {
        let (status, _, answer) =
            send(&router, post("/auth/sign-in", content_type, body, None)).await;
        assert_eq!(status, expected, "{name}: {answer}");
        assert!(
            !answer.to_string().contains("12345678"),
            "{name}: the value was echoed"
        );
    }
}

#[tokio::test]
async fn a_sign_in_lists_itself_and_revokes_no_other() {
    let (router, _dir) = router().await;
    let (status, _, body) = send(
        &router,
        post(
            "/auth/sign-in",
            "application/json",
            sign_in_body("wrong password"),
            None,
        ),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_credentials"))
    );
    let (status, _, signed_in) = send(
        &router,
        post(
            "/auth/sign-in",
            "application/json",
            sign_in_body(PASSWORD),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{signed_in}");
    let token = signed_in["token"].as_str().expect("a token");
    let (status, _, list) = send(&router, get("/sessions", Some(token))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["sessions"].as_array().map(Vec::len), Some(1));
    assert_eq!(list["sessions"][0]["id"], signed_in["session"]["id"]);
    assert_eq!(list["sessions"][0]["current"], true);
    let (status, _, revoked) = send(
        &router,
        post(
            "/sessions/revoke-others",
            "application/json",
            Body::empty(),
            Some(token),
        ),
    )
    .await;
    assert_eq!((status, revoked), (StatusCode::OK, json!({"revoked": 0})));
}
