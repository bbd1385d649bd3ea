//! `tab server user add` and `tab server serve` as an operator runs them.

use std::process::Command;

use crate::support::{
    Api, Backend, EMAIL, PASSWORD, TestDatabase, TestServer, serve_command, tab_bin,
};

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
    // Refused configuration creates nothing: no database file next to a short key.
    let data = tempfile::tempdir().expect("temp dir");
    let file = data.path().join("tab.db");
    let refused = serve_command(&format!("sqlite://{}", file.display()))
        .env(tab::env_vars::TAB_JWT_SECRET, "too-short")
        .output()
        .expect("run");
    assert_eq!(refused.status.code(), Some(1));
    assert!(!file.exists(), "a refused start created {}", file.display());

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
    // With a good key, an in-memory database is refused in words: the hot path's
    // readers could not see it, and it would lose every session at a restart.
    let memory = serve_command("sqlite::memory:")
        .env(tab::env_vars::TAB_JWT_SECRET, "k".repeat(32))
        .current_dir(cwd.path())
        .output()
        .expect("run");
    assert_eq!(memory.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&memory.stderr);
    assert!(
        stderr.contains("an in-memory SQLite database is not supported"),
        "{stderr}"
    );
    assert!(std::fs::read_dir(cwd.path()).expect("cwd").next().is_none());
    let bad = serve_command("mysql://nope").output().expect("run");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("sqlite:// or postgres://"));
}

/// The start-up line says where the server is and where its data lives; a non-loopback
/// address gets a warning about TLS.
#[tokio::test]
async fn serve_says_where_it_listens_and_warns_off_loopback() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    let server = TestServer::start(&db, None);
    let path = db.url.trim_start_matches("sqlite://");
    let expected = format!("listening on http://{}, SQLite at {path}", server.addr);
    assert!(server.wait_for_log(&expected), "{}", server.logs());
    assert!(!server.logs().contains("not a loopback address"));
    drop(server);
    let mut everywhere = Command::new(tab_bin());
    everywhere.args([
        "server",
        "serve",
        "--listen",
        "0.0.0.0:0",
        "--database",
        &db.url,
    ]);
    let open = TestServer::spawn(everywhere);
    assert!(
        open.wait_for_log("is not a loopback address") && open.logs().contains("TLS"),
        "{}",
        open.logs()
    );
}

/// Runs `tab server user ARGS` on `db`.
fn user(db: &TestDatabase, args: &[&str], stdin: &str) -> std::process::Output {
    db.server_user(args, stdin)
}

/// `user list`, `user set-password` and `user unlock`: what an operator needs when a
/// person forgets a password or locks themselves out.
#[tokio::test(flavor = "multi_thread")]
async fn user_list_set_password_and_unlock() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    db.add_user("bo@example.com", PASSWORD);
    let list = user(&db, &["list"], "");
    assert_eq!(
        String::from_utf8_lossy(&list.stdout),
        "EMAIL            NAME       ROLE        LIVE  SIGN-IN\n\
         ana@example.com  Test User  accountant  0\n\
         bo@example.com   Test User  accountant  0\n"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&user(&db, &["list", "--json"], "").stdout).expect("JSON");
    assert_eq!(json["accounts"][0]["email"], EMAIL);
    assert_eq!(json["accounts"][0]["live_sessions"], 0);
    assert_eq!(json["accounts"][0]["locked_out"], false);
    assert!(
        json["database"]
            .as_str()
            .is_some_and(|d| d.starts_with("SQLite at "))
    );

    let changed = user(
        &db,
        &[
            "set-password",
            "--email",
            "Ana@Example.com",
            "--password-stdin",
        ],
        "a new long password\n",
    );
    assert_eq!(changed.status.code(), Some(0), "{changed:?}");
    let missing = user(
        &db,
        &[
            "set-password",
            "--email",
            "cy@example.com",
            "--password-stdin",
        ],
        "a new long password\n",
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("no account has the email cy@example.com")
    );

    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    assert_eq!(
        api.sign_in_answer(EMAIL, PASSWORD, "cli", None)
            .await
            .status,
        401
    );
    for _ in 0..4 {
        api.sign_in_answer(EMAIL, "wrong", "cli", None).await;
    }
    assert_eq!(
        api.sign_in_answer(EMAIL, "a new long password", "cli", None)
            .await
            .status,
        429
    );
    // The list says who is locked out, and what lifts it.
    let list = String::from_utf8_lossy(&user(&db, &["list"], "").stdout).into_owned();
    assert!(
        list.lines()
            .any(|l| l.starts_with(EMAIL) && l.ends_with("locked out (`tab server user unlock`)")),
        "{list}"
    );
    let unlocked = user(&db, &["unlock", "ANA@example.com"], "");
    assert_eq!(
        String::from_utf8_lossy(&unlocked.stdout),
        format!(
            "Cleared 5 failed sign-ins for ANA@example.com and restarted its count of sign-ins in SQLite at {}\n",
            db.url.trim_start_matches("sqlite://")
        )
    );
    assert_eq!(
        api.sign_in_answer(EMAIL, "a new long password", "cli", None)
            .await
            .status,
        201
    );
}

/// Client options mean nothing to `tab server`, `completions` and `demo`: they are not in
/// those commands' help, and one given on the command line is refused, not ignored.
#[tokio::test]
async fn client_options_are_refused_where_they_mean_nothing() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let run = |args: &[&str]| {
        Command::new(tab_bin())
            .args(args)
            .env_remove(tab::env_vars::TAB_SERVER)
            .output()
            .expect("run")
    };
    for args in [
        &[
            "--server",
            "https://tab.example.com",
            "server",
            "user",
            "list",
            "--database",
            &db.url,
        ][..],
        &[
            "server",
            "user",
            "list",
            "--timeout",
            "3",
            "--database",
            &db.url,
        ][..],
        &["completions", "bash", "--profile", "work"][..],
        &["demo", "--server", "https://tab.example.com"][..],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("does not apply to `tab "),
            "{args:?}"
        );
    }
    // From the environment it is no mistake of this command line: fine.
    let listed = Command::new(tab_bin())
        .args(["server", "user", "list", "--database", &db.url])
        .env(tab::env_vars::TAB_SERVER, "https://tab.example.com")
        .output()
        .expect("run");
    assert_eq!(listed.status.code(), Some(0));
    let help = run(&["server", "serve", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        !help.contains("--server") && !help.contains("--timeout") && help.contains("--listen"),
        "{help}"
    );
}

/// Out-of-range limits are refused before anything starts; a weak new password and a
/// 10,000-character email to unlock get a clear answer, not a crash.
#[tokio::test]
async fn operator_input_out_of_range() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    for flags in [
        &["--max-connections", "0"][..],
        &["--max-connections", "99999999"][..],
        &["--header-timeout", "0"][..],
        &["--request-timeout", "999999"][..],
        &["--header-timeout", "soon"][..],
    ] {
        let output = serve_command(&db.url)
            .args(flags)
            .output()
            .expect("run serve");
        assert_eq!(output.status.code(), Some(2), "{flags:?}");
    }
    let weak = user(
        &db,
        &["set-password", "--email", EMAIL, "--password-stdin"],
        "short\n",
    );
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("too weak"));
    let huge = format!("{}@example.com", "x".repeat(10_000));
    let unlocked = user(&db, &["unlock", &huge], "");
    assert_eq!(unlocked.status.code(), Some(1), "no such account");
    assert!(String::from_utf8_lossy(&unlocked.stdout).starts_with("Cleared 0 failed sign-ins"));
}
