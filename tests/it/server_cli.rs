//! `tab server user add` and `tab server serve` as an operator runs them.

use std::process::Command;

use crate::support::{Backend, TestDatabase, serve_command, tab_bin};

#[tokio::test]
async fn user_add_explains_why_not() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    let added = db.try_add_user("Ana@Example.com", "manager", "a long password\n");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(
        String::from_utf8_lossy(&added.stdout)
            .contains("Added Ana@Example.com (Test User, manager)")
    );
    let cases = [
        ("ana@example.com", "another long one\n", 1, "already exists"),
        ("bo@example.com", "short\n", 2, "too weak"),
        ("bo@example.com", "\n", 2, "empty"),
        (
            "not-an-email",
            "a long password\n",
            2,
            "not an email address",
        ),
    ];
    for (email, password, code, words) in cases {
        let output = db.try_add_user(email, "manager", password);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{email}: {stderr}");
        assert!(stderr.contains(words), "{email}: {stderr}");
        assert!(
            !stderr.contains(password.trim()) || password.trim().is_empty(),
            "the password was echoed"
        );
    }
    // Without a terminal and without --password-stdin there is nobody to ask.
    let no_flag = Command::new(tab_bin())
        .args([
            "server",
            "user",
            "add",
            "--email",
            "cy@example.com",
            "--name",
            "Cy",
            "--database",
            &db.url,
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run");
    assert_eq!(no_flag.status.code(), Some(2));
}

#[test]
fn serve_refuses_a_short_signing_key_and_a_bad_database_url() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let short = serve_command("sqlite::memory:")
        .env(tab::env_vars::TAB_JWT_SECRET, "too-short")
        .current_dir(cwd.path())
        .output()
        .expect("run");
    // An in-memory database has no file: none may appear (sqlx names it `file:...`).
    let left: Vec<_> = std::fs::read_dir(cwd.path())
        .expect("cwd")
        .flatten()
        .collect();
    assert!(
        left.is_empty(),
        "an in-memory database left files: {left:?}"
    );
    assert_eq!(short.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&short.stderr);
    assert!(
        stderr.contains("at least 32 bytes") && !stderr.contains("too-short"),
        "{stderr}"
    );
    let bad = serve_command("mysql://nope").output().expect("run");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("sqlite:// or postgres://"));
}
