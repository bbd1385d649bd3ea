//! Structured logs on standard error. A request line carries the method, the path, the
//! status and the time taken: never a header, a body or a query string, so no token or
//! password can reach the log. `TAB_LOG` sets the level of the server's own lines only:
//! the libraries under it (sqlx, hyper) write warnings and errors at most, whatever the
//! level, since their debug and trace lines carry SQL text, bound values and headers.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Starts logging to standard error at `level` (`debug`, `info`, `warn`, ...; `info` when
/// missing or unknown). Harmless when a subscriber is already installed (as in `tab demo`).
pub fn init(level: Option<&str>) {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    let level = level
        .and_then(|v| v.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    let filter = tracing_subscriber::filter::Targets::new()
        .with_target("tab_server", level)
        .with_target("tab", level)
        .with_default(level.min(tracing::Level::WARN));
    let _ = tracing_subscriber::registry()
        .with(
            // The server's log is its standard error (the CLI's printer is not in this
            // crate; this is the one place the server writes there).
            #[allow(clippy::disallowed_methods)]
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_target(false)
                .with_ansi(false),
        )
        .with(filter)
        .try_init();
}

/// Logs one line per request (the router adds it only when info lines are written).
pub(crate) async fn log_request(request: Request, next: Next) -> Response {
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
