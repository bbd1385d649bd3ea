//! Row "20 connections that send half a request and stop": before, held open for ever,
//! and about a thousand of them stopped the server accepting. Now the server cuts a
//! client off after the header-read timeout, and caps the connections it holds.
//!
//! The server runs with a 2-second header timeout and 8 connections, so that the test
//! is quick; the deadlines below are generous bounds for "eventually", not measurements.

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::support::{TestDatabase, TestServer};

const EVENTUALLY: Duration = Duration::from_secs(30);

/// Reads until the server closes the connection; what it sent.
async fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match tokio::time::timeout(EVENTUALLY, stream.read(&mut buffer)).await {
            Err(_) => panic!("the server kept a stalled connection open: {received:?}"),
            Ok(Ok(0)) | Ok(Err(_)) => return received,
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
        }
    }
}

fn start() -> (TestDatabase, TestServer) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = TestDatabase::sqlite_in(dir);
    let server = TestServer::start_with_args(
        &db,
        None,
        &["--header-timeout", "2", "--max-connections", "8"],
    );
    (db, server)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_are_cut_off_and_connections_are_capped() {
    let (_db, server) = start();
    let mut stalled = Vec::new();
    for _ in 0..20 {
        let mut stream = TcpStream::connect(server.addr).await.expect("connect");
        stream
            .write_all(b"GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .await
            .expect("send half a request");
        stalled.push(stream);
    }
    // With every connection slot held by a stalled client, a new request waits.
    let probe = reqwest::Client::builder()
        .timeout(Duration::from_millis(500))
        .build()
        .expect("client");
    let url = format!("{}/api/v1/healthz", server.url());
    assert!(
        probe.get(&url).send().await.is_err(),
        "a request was served beyond the connection cap"
    );
    // Every stalled connection is cut off, none answered with a 200.
    for stream in &mut stalled {
        let received = read_until_closed(stream).await;
        assert!(
            !String::from_utf8_lossy(&received).contains("200 OK"),
            "{received:?}"
        );
    }
    // Then the server answers again.
    let answer = reqwest::get(&url).await.expect("healthz after the stall");
    assert_eq!(answer.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_kept_alive_connections_are_closed() {
    let (_db, server) = start();
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    stream
        .write_all(b"GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .expect("send a request");
    // The answer comes, then the idle connection is closed by the server.
    let received = String::from_utf8(read_until_closed(&mut stream).await).expect("utf-8");
    assert!(received.starts_with("HTTP/1.1 200 OK"), "{received}");
    assert!(received.contains("\"ok\""), "{received}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_sent_too_slowly_is_cut_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = TestDatabase::sqlite_in(dir);
    let server = TestServer::start_with_args(&db, None, &["--request-timeout", "2"]);
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    stream
        .write_all(
            b"POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":",
        )
        .await
        .expect("send the headers and a little of the body");
    let received = String::from_utf8(read_until_closed(&mut stream).await).expect("utf-8");
    assert!(received.starts_with("HTTP/1.1 408"), "{received}");
    assert!(received.contains("request_timeout"), "{received}");
}
