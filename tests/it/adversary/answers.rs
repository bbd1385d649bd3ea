//! Rows "`--request-timeout 2` and a slow body: the 408 carries only content-type,
//! content-length and date" and "`TAB_LOG=trace`: 35 lines of SQL statement text".
//! Now every answer, the listener's and hyper's own included, carries the security
//! headers and `Cache-Control: no-store`, per status; and no level of the log holds SQL
//! text, bound values or headers.

use std::process::Command;

use tokio::io::AsyncWriteExt as _;

use super::{
    EMAIL, PASSWORD, assert_security_headers, assert_security_headers_caching, raw_exchange,
};
use crate::on_both_backends;
use crate::support::{Api, Backend, TestDatabase, TestServer, serve_command};

on_both_backends!(the_trace_log_holds_no_sql_headers_or_secrets);

fn host_line(server: &TestServer) -> String {
    format!("Host: 127.0.0.1:{}\r\n", server.addr.port())
}

/// One request per status the server can give by itself or through the API, each read
/// raw off the wire, each with every security header.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_status_carries_the_security_headers() {
    let db = TestDatabase::sqlite_in(tempfile::tempdir().expect("temp dir"));
    db.add_user(EMAIL, PASSWORD);
    let server = TestServer::start_with_args(&db, None, &["--request-timeout", "2"]);
    let host = host_line(&server);
    let many_headers: String = (0..200).map(|i| format!("X-Padding-{i}: x\r\n")).collect();
    let big_body = "x".repeat(32 * 1024);
    let cases: Vec<(&str, String)> = vec![
        ("200", format!("GET /api/v1/healthz HTTP/1.1\r\n{host}Connection: close\r\n\r\n")),
        ("400", "NONSENSE\r\n\r\n".to_string()),
        ("400", format!("GET /api/v1/healthz HTTP/1.1\r\n{host}Bad Header Line\r\n\r\n")),
        ("401", format!("GET /api/v1/sessions HTTP/1.1\r\n{host}Connection: close\r\n\r\n")),
        ("404", format!("GET /no/such/thing HTTP/1.1\r\n{host}Connection: close\r\n\r\n")),
        ("405", format!("PUT /api/v1/sessions HTTP/1.1\r\n{host}Content-Length: 0\r\nConnection: close\r\n\r\n")),
        (
            "413",
            format!(
                "POST /api/v1/auth/sign-in HTTP/1.1\r\n{host}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{big_body}",
                big_body.len()
            ),
        ),
        ("415", format!("POST /api/v1/auth/sign-in HTTP/1.1\r\n{host}Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")),
        ("421", "GET /api/v1/healthz HTTP/1.1\r\nHost: rebind.evil.example\r\nConnection: close\r\n\r\n".to_string()),
        ("431", format!("GET /api/v1/healthz HTTP/1.1\r\n{host}{many_headers}\r\n")),
        ("400", format!("GET /api/v1/healthz HTTP/2.5\r\n{host}\r\n")),
    ];
    for (status, request) in &cases {
        let answer = raw_exchange(server.addr, request.as_bytes()).await;
        let status_line = answer.lines().next().unwrap_or("");
        assert!(
            status_line.starts_with(&format!("HTTP/1.1 {status}")),
            "expected {status}: {answer:?}"
        );
        let what = format!("{status} for {:?}", &request[..request.len().min(40)]);
        assert_security_headers(&what, &answer);
        if *status != "200" {
            assert!(
                answer.contains("\"error\":\""),
                "{what}: a JSON error body: {answer}"
            );
        }
    }

    let page = raw_exchange(
        server.addr,
        format!("GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n").as_bytes(),
    )
    .await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert_security_headers_caching("the page", &page, "no-cache");

    // 408: the headers arrive, the body never does.
    let mut stream = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    stream
        .write_all(
            format!("POST /api/v1/auth/sign-in HTTP/1.1\r\n{host}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"email\":").as_bytes(),
        )
        .await
        .expect("send half a body");
    let answer = {
        use tokio::io::AsyncReadExt as _;
        let mut received = Vec::new();
        let _ = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            stream.read_to_end(&mut received),
        )
        .await;
        String::from_utf8_lossy(&received).into_owned()
    };
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_security_headers("408", &answer);
}

/// A User-Agent, a password and a label that must never appear in the log.
const AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) Secret-Agent/42";
const LABEL: &str = "Marker label for the log test";

async fn the_trace_log_holds_no_sql_headers_or_secrets(backend: Backend) {
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let mut command: Command = serve_command(&db.url);
    command.env(tab::env_vars::TAB_LOG, "trace");
    let server = TestServer::spawn(command);
    let api = Api::new(&server);
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "cli", Some(LABEL)).await;
    let browser = api.sign_in_as(AGENT, "web", None).await;
    let browser_token = browser.body["token"].as_str().expect("token").to_string();
    let browser_id = browser.body["session"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let wrong = api
        .sign_in_answer(EMAIL, "a wrong password", "cli", None)
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(api.session_ids(&token).await.len(), 2);
    let history = api
        .call("GET", "/sessions/events", Some(&token), None)
        .await;
    assert_eq!(history.status, 200);
    let revoked = api
        .call(
            "DELETE",
            &format!("/sessions/{browser_id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(revoked.status, 200);
    let _ = api.call("GET", "/me", Some(&browser_token), None).await;
    let _ = api
        .call("GET", "/me", Some("forged.token.here"), None)
        .await;
    let others = api.revoke_others(&token, None).await;
    assert_eq!(others.status, 200);
    assert!(server.wait_for_log("request"), "{}", server.logs());

    let logs = server.logs();
    assert!(
        logs.lines()
            .any(|line| line.contains("TRACE") || line.contains("DEBUG")),
        "the trace level says nothing of its own: {logs}"
    );
    for forbidden in [
        "SELECT",
        "select ",
        "INSERT",
        "UPDATE ",
        "DELETE FROM",
        "device_sessions",
        "sign_in_failures",
        "password_hash",
        "$1",
        PASSWORD,
        "a wrong password",
        &token,
        &browser_token,
        AGENT,
        "Secret-Agent",
        "authorization",
        "Authorization",
        "bearer",
        "Bearer",
        "cookie",
        LABEL,
        "forged.token.here",
    ] {
        assert!(
            !logs.contains(forbidden),
            "the log holds {forbidden:?}:\n{logs}"
        );
    }
}
