//! The one fake server of the tests, for what a real TAB server never does: answers of
//! the wrong shape or no answer at all (`broken.rs`), hostile strings and an older API
//! version (`adversary/hostile_server.rs`), a page of another origin (`web/`), a proxy
//! that must never be reached (`adversary/client.rs`). Each connection's request head is
//! read (up to its blank line, or half a second), handed to the test's function, and
//! whatever that returns is written back before the connection is closed.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::time::Duration;

use serde_json::Value;

/// Serves `answer` on a loopback port, a thread a connection, until the test ends; its
/// URL (`http://127.0.0.1:PORT`). `answer` gets the request's head as text and returns
/// the raw bytes to send, or `None` to hang up without a word.
pub fn serve<A>(answer: A) -> String
where
    A: Fn(&str) -> Option<Vec<u8>> + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    let answer = std::sync::Arc::new(answer);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let answer = std::sync::Arc::clone(&answer);
            std::thread::spawn(move || {
                let head = read_head(&mut stream);
                if let Some(bytes) = answer(&head) {
                    let _ = stream.write_all(&bytes);
                }
            });
        }
    });
    url
}

/// A request's head: read until its blank line, 8 KiB, or half a second of silence.
fn read_head(stream: &mut std::net::TcpStream) -> String {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while head.len() < 8192 && !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// Serves `route`: it gets each request's method and path (without the query) and
/// answers a status and a JSON body.
pub fn serve_json<R>(route: R) -> String
where
    R: Fn(&str, &str) -> (u16, Value) + Send + Sync + 'static,
{
    serve(move |head| {
        let mut words = head.split_whitespace();
        let method = words.next().unwrap_or("");
        let target = words.next().unwrap_or("");
        let path = target.split('?').next().unwrap_or(target);
        let (status, body) = route(method, path);
        let body = body.to_string();
        Some(
            format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        )
    })
}
