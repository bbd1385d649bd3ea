//! `tab server check`: what `serve` would start with, said line by line, exit 0 when
//! nothing is wrong and 1 with each problem named; it creates nothing.

use serde_json::Value;

use crate::support::{Backend, EMAIL, PASSWORD, TestDatabase, tab_bin};

fn check(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = std::process::Command::new(tab_bin());
    command
        .args(["server", "check"])
        .args(args)
        .env_remove(tab::env_vars::TAB_DATABASE_URL)
        .env_remove(tab::env_vars::TAB_JWT_SECRET);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("run tab server check")
}

fn verdicts(output: &std::process::Output) -> Vec<(String, String)> {
    let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["check"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_says_what_serve_would_start_with() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let good = check(&["--database", &db.url, "--retention", "90d"], &[]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stdout)
    );
    let text = String::from_utf8_lossy(&good.stdout);
    for line in [
        "ok       options: database SQLite at ",
        "ok       listen: 127.0.0.1:7878",
        "ok       file modes: ",
        "ok       database: SQLite at ",
        "ok       migrations: every migration this server knows is applied",
        "ok       signing key: ",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    assert!(
        text.contains("retention 90 days (audit 365 days)"),
        "{text}"
    );

    // JSON, one document.
    let json = check(&["--database", &db.url, "--json"], &[]);
    let doc: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(doc["ok"], true);

    // A short signing key, a database others can read, an address that is none.
    let file = tab_server::store::sqlite_file(&db.url).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let bad = check(
        &[
            "--database",
            &db.url,
            "--metrics-listen",
            "nowhere",
            "--json",
        ],
        &[(tab::env_vars::TAB_JWT_SECRET, "short")],
    );
    assert_eq!(bad.status.code(), Some(1));
    let found = verdicts(&bad);
    for (name, verdict) in [
        ("options", "ok"),
        ("metrics listen", "problem"),
        ("file modes", "problem"),
        ("database", "problem"),
    ] {
        assert!(
            found.contains(&(name.to_string(), verdict.to_string())),
            "{name} {verdict} in {found:?}"
        );
    }
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("problems found"), "{stderr}");
    // The write-ahead file counts too, as it does for serve.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let mut wal = file.clone().into_os_string();
        wal.push("-wal");
        std::fs::write(&wal, b"").unwrap();
        std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o644)).unwrap();
        let shared_wal = check(&["--database", &db.url, "--json"], &[]);
        assert_eq!(shared_wal.status.code(), Some(1));
        assert!(verdicts(&shared_wal).contains(&("file modes".into(), "problem".into())));
    }
    // One JSON document, not a second error document.
    assert_eq!(String::from_utf8_lossy(&bad.stdout).lines().count(), 1);

    // A refused option; a database that is not there is not created.
    let dir = tempfile::tempdir().unwrap();
    let missing = format!("sqlite://{}", dir.path().join("tab.db").display());
    let refused = check(&["--database", &missing, "--public-url", "ftp://x"], &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stdout).contains("problem  options: the public URL"));
    let absent = check(&["--database", &missing], &[]);
    assert_eq!(absent.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&absent.stdout).contains("there is no database at"));
    assert!(!dir.path().join("tab.db").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_warns_of_a_signing_key_kept_in_postgresql() {
    let Some(db) = TestDatabase::new(Backend::Postgres).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let output = check(&["--database", &db.url, "--json"], &[]);
    assert!(output.status.success());
    assert!(verdicts(&output).contains(&("signing key".into(), "warning".into())));
    let with_key = check(
        &["--database", &db.url, "--json"],
        &[(tab::env_vars::TAB_JWT_SECRET, crate::support::SECRET)],
    );
    assert!(verdicts(&with_key).contains(&("signing key".into(), "ok".into())));
}
