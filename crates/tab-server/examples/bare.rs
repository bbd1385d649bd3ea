//! The bare endpoint for `bench/server.sh`: a constant JSON answer with no database and
//! no authentication, served by the same connection handling as the TAB server on the same
//! runtime (tokio, multi-threaded, one worker per core) and the same allocator as `tab`,
//! so that the benchmark's ratio is what the session check and the database cost.
//!
//! With a second argument, a file, `/api/v1/bare-body` answers that file's bytes as JSON:
//! the benchmark serves the list's own answer there, to tell what the answer's size costs
//! the load generator (which shares the machine) from what the server's work costs.
//!
//! `cargo run --release -p tab-server --example bare -- 127.0.0.1:PORT [BODY-FILE]`

// A benchmark tool: it prints its figures, and (bare_client) is the floor the CLI is
// measured against, so it builds its own HTTP client on purpose.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

use axum::Json;
use axum::http::header;
use axum::routing::get;

/// The same allocator as the `tab` binary (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let listen = args.next().unwrap_or_else(|| "127.0.0.1:7879".to_string());
    let body: &'static [u8] = match args.next() {
        Some(path) => std::fs::read(path)?.leak(),
        None => b"{}",
    };
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(&listen).await?;
            let app = axum::Router::new()
                .route(
                    "/api/v1/bare",
                    get(|| async { Json(serde_json::json!({"status": "ok"})) }),
                )
                .route(
                    "/api/v1/bare-body",
                    get(
                        move || async move { ([(header::CONTENT_TYPE, "application/json")], body) },
                    ),
                );
            eprintln!(
                "bare endpoint on http://{}/api/v1/bare",
                listener.local_addr()?
            );
            tab_server::serve_router(
                listener,
                app,
                tab_server::Limits::default(),
                tab_server::shutdown_signal(),
            )
            .await;
            Ok(())
        })
}
