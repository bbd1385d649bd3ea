//! Backups: `tab server backup PATH` copies a SQLite database while the server runs
//! (a new 0600 file, never over an existing one), and the README's restore brings back
//! exactly what was backed up; PostgreSQL is pointed at pg_dump, and its round trip
//! (pg_dump, pg_restore) is the README's too.

use crate::support::services::{find_pg_binary, missing_service};
use crate::support::{
    Api, Backend, EMAIL, PASSWORD, SECRET, TestDatabase, TestServer, run_tab_server, serve_command,
};

/// A server on `url` with a fixed signing key, so that tokens outlive a restore.
fn serve_with_key(url: &str) -> TestServer {
    let mut command = serve_command(url);
    command.env(tab::env_vars::TAB_JWT_SECRET, SECRET);
    TestServer::spawn(command)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_restores_what_was_backed_up() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let file = tab_server::store::sqlite_file(&db.url).expect("a SQLite file");
    let backup = file.with_file_name("backup.db");
    let server = serve_with_key(&db.url);
    let api = Api::new(&server);
    let (before, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;

    // While it serves.
    let done = run_tab_server(&[
        "backup",
        &backup.display().to_string(),
        "--database",
        &db.url,
    ]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).starts_with("Backed up SQLite at "));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Never over an existing file.
    let again = run_tab_server(&[
        "backup",
        &backup.display().to_string(),
        "--database",
        &db.url,
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let (after, _) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    assert!(server.signal_and_wait(libc::SIGTERM).success());

    // The README's restore: the service stopped, the WAL files gone, the copy in place.
    for suffix in ["-wal", "-shm"] {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
    let restore = std::process::Command::new("install")
        .args(["-m", "600"])
        .arg(&backup)
        .arg(&file)
        .status()
        .expect("install");
    assert!(restore.success());

    let server = serve_with_key(&db.url);
    let api = Api::new(&server);
    assert_eq!(
        api.call("GET", "/me", Some(&before), None).await.status,
        200
    );
    let gone = api.call("GET", "/me", Some(&after), None).await;
    assert_eq!(gone.status, 401, "{:?}", gone.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_is_backed_up_with_pg_dump() {
    let Some(db) = TestDatabase::new(Backend::Postgres).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let dir = tempfile::tempdir().unwrap();
    let refused = run_tab_server(&[
        "backup",
        &dir.path().join("x.db").display().to_string(),
        "--database",
        &db.url,
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pg_dump"));
    assert!(!dir.path().join("x.db").exists());

    // The README's round trip: pg_dump, sign in more, pg_restore --clean.
    let (Some(pg_dump), Some(pg_restore)) =
        (find_pg_binary("pg_dump"), find_pg_binary("pg_restore"))
    else {
        missing_service(
            "PostgreSQL",
            "pg_dump or pg_restore not found (apt-get install postgresql)",
        );
        return;
    };
    let server = serve_with_key(&db.url);
    let api = Api::new(&server);
    let (before, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let dump = dir.path().join("tab.dump");
    let dumped = std::process::Command::new(&pg_dump)
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(&db.url)
        .status()
        .expect("pg_dump");
    assert!(dumped.success());
    let (after, _) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    assert!(server.signal_and_wait(libc::SIGTERM).success());
    let restored = std::process::Command::new(&pg_restore)
        .args(["--clean", "--if-exists", "--no-owner", "--dbname", &db.url])
        .arg(&dump)
        .status()
        .expect("pg_restore");
    assert!(restored.success());
    let server = serve_with_key(&db.url);
    let api = Api::new(&server);
    assert_eq!(
        api.call("GET", "/me", Some(&before), None).await.status,
        200
    );
    assert_eq!(api.call("GET", "/me", Some(&after), None).await.status, 401);
}
