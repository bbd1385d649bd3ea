//! Row "DNS rebinding: `Host: rebind.evil.example:PORT`": before, a sign-in for that host
//! was processed (a rebound page could guess passwords and lock accounts out of a
//! loopback server) and `/healthz` answered 200. Now a request whose `Host` is not the
//! listening address, a loopback name or address, or the `--public-url` host is refused
//! with 421 before any handler runs.

use super::{EMAIL, PASSWORD, assert_security_headers, raw_exchange};
use crate::on_both_backends;
use crate::support::{Backend, TestDatabase, TestServer, server_with_user};

on_both_backends!(a_rebound_host_reaches_no_handler);

fn request(method: &str, path: &str, host: &str, body: &str) -> Vec<u8> {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A wrong password sent through a rebound name is not checked (nothing counts against
/// the email), `/healthz`, the page and the API answer 421, and the same requests for
/// the loopback names are served.
async fn a_rebound_host_reaches_no_handler(backend: Backend) {
    let Some((db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let port = server.addr.port();
    let wrong = format!(r#"{{"email":"{EMAIL}","password":"a guess","client":{{"kind":"web"}}}}"#);
    let rebound = format!("rebind.evil.example:{port}");
    for _ in 0..6 {
        let answer = raw_exchange(
            server.addr,
            &request("POST", "/api/v1/auth/sign-in", &rebound, &wrong),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 421 "), "{answer}");
        assert!(answer.contains("\"misdirected_request\""), "{answer}");
        assert_security_headers("421", &answer);
    }
    // Six wrong passwords would have locked the email (five allowed): none was counted.
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM sign_in_failures").await,
        0,
        "a rebound sign-in reached the throttle"
    );
    let answer = api.sign_in_answer(EMAIL, PASSWORD, "cli", None).await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);

    for (path, host) in [
        ("/api/v1/healthz", rebound.as_str()),
        ("/healthz", rebound.as_str()),
        ("/", rebound.as_str()),
        ("/api/v1/sessions", "evil.example"),
        ("/api/v1/healthz", "localhost.evil.example"),
        ("/api/v1/healthz", "192.168.1.5"),
    ] {
        let answer = raw_exchange(server.addr, &request("GET", path, host, "")).await;
        assert!(
            answer.starts_with("HTTP/1.1 421 "),
            "{path} {host}: {answer}"
        );
    }
    // A huge name, and forty rebound requests at once: each refused, none served.
    let huge = format!("{}.example:{port}", "a".repeat(8_000));
    let answer = raw_exchange(server.addr, &request("GET", "/api/v1/healthz", &huge, "")).await;
    assert!(
        answer.starts_with("HTTP/1.1 421 "),
        "{}",
        &answer[..answer.len().min(200)]
    );
    let at_once: Vec<_> = (0..40)
        .map(|_| {
            let addr = server.addr;
            let rebound = rebound.clone();
            tokio::spawn(async move {
                raw_exchange(addr, &request("GET", "/api/v1/sessions", &rebound, "")).await
            })
        })
        .collect();
    for answer in at_once {
        let answer = answer.await.expect("a request");
        assert!(answer.starts_with("HTTP/1.1 421 "), "{answer}");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
    ] {
        let answer = raw_exchange(server.addr, &request("GET", "/api/v1/healthz", &host, "")).await;
        assert!(answer.starts_with("HTTP/1.1 200 "), "{host}: {answer}");
    }
}

/// No Host, two Hosts, or an absolute URI naming another host: refused before routing.
#[tokio::test]
async fn a_request_must_name_this_server_once() {
    let db = TestDatabase::sqlite_in(tempfile::tempdir().expect("temp dir"));
    let server = TestServer::start(&db, None);
    let host = format!("127.0.0.1:{}", server.addr.port());
    let cases = [
        (
            "no Host",
            "GET /api/v1/healthz HTTP/1.0\r\nConnection: close\r\n\r\n".to_string(),
            "400",
        ),
        (
            "two Hosts",
            format!(
                "GET /api/v1/healthz HTTP/1.1\r\nHost: {host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
            ),
            "400",
        ),
        (
            "an absolute URI for another host",
            format!(
                "GET http://rebind.evil.example/api/v1/healthz HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            ),
            "421",
        ),
    ];
    for (what, request, status) in cases {
        let answer = raw_exchange(server.addr, request.as_bytes()).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status} "))
                || answer.starts_with(&format!("HTTP/1.0 {status} ")),
            "{what}: {answer}"
        );
        assert_security_headers(what, &answer);
    }
}

/// With `--public-url`, its host is answered too (what a TLS proxy forwards); a rebound
/// name still is not.
#[tokio::test]
async fn the_public_url_host_is_answered() {
    let db = TestDatabase::sqlite_in(tempfile::tempdir().expect("temp dir"));
    let server =
        TestServer::start_with_args(&db, None, &["--public-url", "https://tab.example.com"]);
    for (host, status) in [
        ("tab.example.com", "200"),
        ("TAB.EXAMPLE.COM:443", "200"),
        ("rebind.evil.example", "421"),
    ] {
        let answer = raw_exchange(server.addr, &request("GET", "/api/v1/healthz", host, "")).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status} ")),
            "{host}: {answer}"
        );
    }
}
