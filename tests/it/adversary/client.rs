//! `tab` against a proxy that would read its token, a planted symlink where its token
//! file goes, an account with 10,000 live sessions, and a reader that stops reading.

use std::io::{BufRead as _, BufReader, Read as _};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::cli::CliEnv;
use crate::support::{Backend, server_with_user};

on_both_backends!(ten_thousand_sessions_can_be_listed_and_revoked);

/// A listener that counts the connections made to it and answers none.
fn counting_listener() -> (String, Arc<AtomicUsize>) {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let url = crate::support::fake_server::serve(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        None
    });
    (url, seen)
}

/// Row "`HTTP_PROXY` set, `tab --server http://127.0.0.1:PORT sessions list`": before,
/// the bearer token went to the proxy in plain text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_loopback_server_is_reached_without_the_proxy() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let (proxy, seen) = counting_listener();
    let mut cli = CliEnv::new(&server);
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cli = cli.env(name, &proxy);
    }
    cli.login(EMAIL, PASSWORD, "behind a proxy");
    let output = cli.run(&["sessions", "list"], "");
    assert!(output.status.success(), "{output:?}");
    let output = cli.run(
        &[
            "--server",
            &server.url().replace("127.0.0.1", "localhost"),
            "status",
        ],
        "",
    );
    assert_eq!(
        output.status.code(),
        Some(3),
        "another server name is another sign-in: {output:?}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 0, "the proxy saw a connection");
}

/// The token file is written through a new private file renamed over the old: a
/// symlink planted where it goes is replaced, and what it pointed at is untouched.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_symlink_is_replaced_not_followed() {
    use std::os::unix::fs::PermissionsExt as _;
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("readable-by-others");
    std::fs::write(&target, "left alone").expect("write target");
    let token_path = cli.config.path().join("token-default");
    std::os::unix::fs::symlink(&target, &token_path).expect("plant symlink");

    cli.login(EMAIL, PASSWORD, "symlink test");
    assert_eq!(
        std::fs::read_to_string(&target).expect("target"),
        "left alone"
    );
    let metadata = std::fs::symlink_metadata(&token_path).expect("token file");
    assert!(
        metadata.file_type().is_file(),
        "the token file is still a link"
    );
    assert_eq!(metadata.permissions().mode() & 0o777, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(cli.config.path())
        .expect("config dir")
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(".tab-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files were left behind");
}

/// Inserts `n` live sessions for the only account, straight into the database.
async fn insert_sessions(db: &crate::support::TestDatabase, n: u32) {
    let sql = match db.backend {
        Backend::Sqlite => format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})
             INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at)
             SELECT printf('%08x-0000-4000-8000-%012x', i, i), (SELECT id FROM users), 'web',
                    'Browser ' || i, 0, 1000 * i, 253402300799000
             FROM n"
        ),
        Backend::Postgres => format!(
            "INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at)
             SELECT lpad(to_hex(i), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0'),
                    (SELECT id FROM users), 'web', 'Browser ' || i, 0, 1000 * i, 253402300799000
             FROM generate_series(1, {n}) AS i"
        ),
    };
    db.execute(&sql).await;
}

/// "Many sessions": a user with 10,000 live sessions can still list them (table and
/// JSON) and revoke them, and `tab sessions list | head -1` ends quietly.
async fn ten_thousand_sessions_can_be_listed_and_revoked(backend: Backend) {
    let Some((db, server, _api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    insert_sessions(&db, 10_000).await;
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "the one to keep");

    let table = cli.run(&["sessions", "list"], "");
    assert!(
        table.status.success(),
        "{:?}",
        String::from_utf8_lossy(&table.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&table.stdout).lines().count(),
        10_002
    );
    let json = cli.run(&["sessions", "list", "--json"], "");
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(list["sessions"].as_array().expect("sessions").len(), 10_001);

    closing_the_pipe_ends_tab_quietly(&cli);

    let revoked = cli.run(&["sessions", "revoke-others", "--json"], "");
    assert_eq!(
        String::from_utf8_lossy(&revoked.stdout).trim(),
        r#"{"revoked":10000}"#
    );
}

/// `tab sessions list | head -1`: the reader takes one line and leaves.
fn closing_the_pipe_ends_tab_quietly(cli: &CliEnv) {
    let mut child = std::process::Command::new(crate::support::tab_bin());
    child
        .args(["sessions", "list"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env(tab::env_vars::TAB_CONFIG_DIR, cli.config.path())
        .env(tab::env_vars::TAB_SERVER, &cli.server)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = child.spawn().expect("spawn tab");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    assert!(first.contains("DEVICE"), "{first}");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    let status = child.wait().expect("wait");
    assert_eq!(stderr, "", "tab complained about the closed pipe");
    assert_eq!(status.code(), Some(141), "{status:?}");
}
