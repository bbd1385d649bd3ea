//! Structured logs on standard error. A request line carries the method, the path, the
//! status and the time taken: never a header, a body or a query string, so no token or
//! password can reach the log.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Starts logging to standard error at `level` (`debug`, `info`, `warn`, ...; `info` when
/// missing or unknown). Harmless when a subscriber is already installed (as in `tab demo`).
pub fn init(level: Option<&str>) {
    let level = level
        .and_then(|v| v.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_target(false)
        .with_ansi(false)
        .try_init();
}

/// Logs one line per request (the router adds it only when info lines are written).
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    response
}
