//! The bare endpoint for `bench/server.sh`: a constant JSON answer with no database and
//! no authentication, served by the same connection handling as the TAB server on the same
//! runtime (tokio, multi-threaded, one worker per core), so that the benchmark's ratio is
//! what the session check and the database cost.
//!
//! `cargo run --release -p tab-server --example bare -- 127.0.0.1:PORT`

use axum::Json;
use axum::routing::get;

fn main() -> anyhow::Result<()> {
    let listen = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:7879".to_string());
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(&listen).await?;
            let app = axum::Router::new().route(
                "/api/v1/bare",
                get(|| async { Json(serde_json::json!({"status": "ok"})) }),
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
