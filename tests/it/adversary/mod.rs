//! The adversary the seed is about: someone who has your password or your laptop, or runs
//! a server of their own. One test per row of the threat table in `SECURITY.md`, each run
//! against the real `tab` and the real server (on SQLite and PostgreSQL where the
//! database matters), or against a deliberately hostile fake server.

mod answers;
mod client;
mod cross_site;
mod hostile_errors;
mod hostile_server;
mod hosts;
mod labels;
mod server;
mod slow_clients;
mod tokens;

pub(super) use crate::support::{EMAIL, PASSWORD};

/// Runs `count` copies of a request at once; their answers' statuses, in no order.
pub(super) async fn all_at_once<F, Fut>(count: usize, request: F) -> Vec<u16>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = u16> + Send + 'static,
{
    let tasks: Vec<_> = (0..count).map(|i| tokio::spawn(request(i))).collect();
    let mut statuses = Vec::with_capacity(count);
    for task in tasks {
        statuses.push(task.await.expect("request task"));
    }
    statuses
}

/// How many of `statuses` are `status`.
pub(super) fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

/// Sends `request` as raw bytes on a new connection and reads until the server closes
/// it (10 s at most); what came back, as text.
pub(super) async fn raw_exchange(addr: std::net::SocketAddr, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request).await.expect("send the request");
    let mut received = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buffer))
            .await
        {
            Err(_) => panic!("the server neither answered nor closed: {received:?}"),
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
        }
    }
    String::from_utf8_lossy(&received).into_owned()
}

/// The headers of a raw answer, lowercase names, in order.
pub(super) fn raw_headers(answer: &str) -> Vec<(String, String)> {
    let head = answer.split("\r\n\r\n").next().unwrap_or("");
    head.lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect()
}

/// Asserts that a raw answer carries the security headers every answer must carry, with
/// `Cache-Control: no-store`.
pub(super) fn assert_security_headers(what: &str, answer: &str) {
    assert_security_headers_caching(what, answer, "no-store");
}

/// The same with the `Cache-Control` the answer must have (the page's embedded files
/// are `no-cache`: revalidated, never a stale script against a newer API).
pub(super) fn assert_security_headers_caching(what: &str, answer: &str, caching: &str) {
    let headers = raw_headers(answer);
    let value = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{what}: no {name} in {answer:?}"))
    };
    assert!(
        value("content-security-policy").contains("frame-ancestors 'none'"),
        "{what}"
    );
    assert_eq!(value("x-frame-options"), "DENY", "{what}");
    assert_eq!(value("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(value("referrer-policy"), "no-referrer", "{what}");
    assert_eq!(value("cache-control"), caching, "{what}");
}
