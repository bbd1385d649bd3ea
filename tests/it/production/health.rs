//! The probes: `/health/live` never asks the database; `/health/ready` turns 503 with the
//! reason when PostgreSQL stops under a running server, and both recover when it comes
//! back; a database migrated by a newer server is not ready either. `/healthz` is as it
//! was.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::metrics_address;
use crate::support::services::PrivateCluster;
use crate::support::{Backend, TestDatabase, TestServer, serve_command};

async fn probe(base: &str, path: &str) -> (u16, Value) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let answer = client
        .get(format!("{base}{path}"))
        .send()
        .await
        .expect("probe");
    let status = answer.status().as_u16();
    (status, answer.json().await.unwrap_or(Value::Null))
}

/// Polls `path` until it answers `status` (30 s at most); the last answer.
async fn until(base: &str, path: &str, status: u16) -> (u16, Value) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let answer = probe(base, path).await;
        if answer.0 == status || Instant::now() > deadline {
            return answer;
        }
        // The probe follows the database within a second; ask again until it does.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_follows_postgresql_and_live_does_not() {
    let Some(cluster) = PrivateCluster::start("health") else {
        return;
    };
    let mut command = serve_command(&cluster.url());
    command.args(["--metrics-listen", "127.0.0.1:0"]);
    command.env(tab::env_vars::TAB_JWT_SECRET, crate::support::SECRET);
    let server = TestServer::spawn(command);
    let public = server.url();
    let private = format!("http://{}", metrics_address(&server));
    for base in [&public, &private] {
        assert_eq!(
            probe(base, "/health/live").await,
            (200, serde_json::json!({"status": "live"}))
        );
        assert_eq!(
            probe(base, "/health/ready").await,
            (200, serde_json::json!({"status": "ready"}))
        );
    }

    cluster.stop();
    let (status, body) = until(&public, "/health/ready", 503).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["error"], "not_ready");
    assert!(
        body["message"].as_str().unwrap().contains("database"),
        "{body}"
    );
    assert_eq!(probe(&private, "/health/ready").await.0, 503);
    for base in [&public, &private] {
        assert_eq!(probe(base, "/health/live").await.0, 200);
    }
    // Clients' health check says the same as before: the database does not answer.
    assert_eq!(probe(&public, "/healthz").await.0, 503);

    cluster.start_again();
    let (status, body) = until(&public, "/health/ready", 200).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(probe(&public, "/healthz").await.0, 200);
    assert_eq!(probe(&public, "/health/live").await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_a_newer_server_migrated_is_not_ready() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    let server = TestServer::start(&db, None);
    assert_eq!(probe(&server.url(), "/health/ready").await.0, 200);
    db.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)")
        .await;
    let (status, body) = probe(&server.url(), "/health/ready").await;
    assert_eq!(status, 503);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("A newer server migrated the database to version 9999"),
        "{body}"
    );
    assert_eq!(probe(&server.url(), "/health/live").await.0, 200);
}
