//! The server against parallel guessing, sign-in floods, oversized and invisible input,
//! and a database other users could read.

use std::net::{IpAddr, Ipv4Addr};
use std::process::Command;

use super::{EMAIL, PASSWORD, all_at_once, count};
use crate::on_both_backends;
use crate::support::{Api, Backend, TestServer, serve_command, server_with_user};

on_both_backends!(
    forty_parallel_wrong_passwords_get_five_checks,
    a_flood_of_sign_ins_from_many_addresses_is_answered,
    an_oversized_email_is_refused_before_anything_is_stored,
    correct_parallel_sign_ins_are_all_let_in,
);

/// Row "40 wrong passwords for one email, sent at once": before, 40 × 401 (each request
/// read a failure count of 0); now the attempts are reserved before the check.
async fn forty_parallel_wrong_passwords_get_five_checks(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let statuses = all_at_once(40, |i| {
        let api = api.clone();
        async move {
            let guess = format!("guess number {i}");
            let answer = api.sign_in_answer(EMAIL, &guess, "cli", None).await;
            if answer.status == 429 {
                assert!(
                    answer.headers.contains_key("retry-after"),
                    "429 without Retry-After"
                );
            }
            answer.status
        }
    })
    .await;
    assert_eq!(count(&statuses, 401), 5, "{statuses:?}");
    assert_eq!(count(&statuses, 429), 35, "{statuses:?}");
    // The email is locked now, even with the right password.
    let answer = api.sign_in_answer(EMAIL, PASSWORD, "cli", None).await;
    assert_eq!(answer.status, 429, "{:?}", answer.body);
}

/// The reservation does not refuse the account's owner: eight devices signing in at
/// once with the right password all get in (pending checks are waited for).
async fn correct_parallel_sign_ins_are_all_let_in(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let statuses = all_at_once(8, |_| {
        let api = api.clone();
        async move {
            api.sign_in_answer(EMAIL, PASSWORD, "cli", None)
                .await
                .status
        }
    })
    .await;
    assert_eq!(count(&statuses, 201), 8, "{statuses:?}");
}

/// Row "120 sign-ins at once for unknown emails, each from its own loopback address":
/// before, one Argon2 computation (19 MiB) per request at once, 2.2 GiB at the peak; now
/// at most one per core, the rest queued or turned away with 503. The memory figure is
/// in BENCHMARKS.md; here: no 500, and the rest of the API answers during the flood.
async fn a_flood_of_sign_ins_from_many_addresses_is_answered(backend: Backend) {
    let Some((_db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let clients: Vec<Api> = (1..=120u8)
        .map(|host| Api::from_address(&server, IpAddr::V4(Ipv4Addr::new(127, 0, 1, host))))
        .collect();
    let flood = tokio::spawn(all_at_once(120, move |i| {
        let api = clients[i].clone();
        async move {
            let email = format!("nobody-{i}@example.com");
            let answer = api.sign_in_answer(&email, "a guess", "web", None).await;
            if answer.status == 503 {
                assert!(
                    answer.headers.contains_key("retry-after"),
                    "503 without Retry-After"
                );
            }
            answer.status
        }
    }));
    // While it runs, the rest of the API answers.
    let mut answered = 0;
    while !flood.is_finished() {
        assert_eq!(api.call("GET", "/healthz", None, None).await.status, 200);
        assert_eq!(
            api.call("GET", "/sessions", Some(&token), None)
                .await
                .status,
            200
        );
        answered += 1;
    }
    let statuses = flood.await.expect("flood");
    assert!(
        answered > 0,
        "the flood ended before anything else was asked"
    );
    assert_eq!(
        count(&statuses, 401) + count(&statuses, 503),
        120,
        "{statuses:?}"
    );
    assert!(count(&statuses, 401) > 0, "{statuses:?}");
}

/// Row "a 3,000-character email": before, SQLite kept it and PostgreSQL answered 500
/// (its index refused the entry, so the failure was never counted).
async fn an_oversized_email_is_refused_before_anything_is_stored(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let mut seed = 7u32;
    let huge: String = (0..3000)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + (seed >> 16) as u8 % 26)
        })
        .collect();
    let answer = api.sign_in_answer(&huge, "a guess", "cli", None).await;
    assert_eq!(answer.status, 400, "{:?}", answer.body);
    assert!(
        !answer.body.to_string().contains(&huge[..50]),
        "the email was echoed"
    );
    assert_eq!(db.scalar("SELECT COUNT(*) FROM sign_in_failures").await, 0);

    // The longest legal email is checked and counted, by hash only.
    let longest = format!("{}@example.com", "b".repeat(254 - 12));
    assert_eq!(longest.len(), 254);
    let answer = api.sign_in_answer(&longest, "a guess", "cli", None).await;
    assert_eq!(answer.status, 401, "{:?}", answer.body);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM sign_in_failures").await, 1);
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM sign_in_failures WHERE email_hash LIKE '%@%'")
            .await,
        0
    );
}

/// Row "sign-in labels with U+202E, U+200B, U+2066": before, accepted (201).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn labels_and_names_with_invisible_characters_are_refused() {
    let Some((db, _server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    for label in [
        "Chrome on macOS\u{202e}exe.txt",
        "Chrome\u{200b}on macOS",
        "Chrome \u{2066}on macOS",
        "two\u{2028}lines",
        "two\u{2029}paragraphs",
        "clear\u{1b}[2J",
        "soft\u{ad}hyphen",
    ] {
        let answer = api
            .sign_in_answer(EMAIL, PASSWORD, "web", Some(label))
            .await;
        assert_eq!(answer.status, 400, "{label:?}: {:?}", answer.body);
        assert!(
            answer.body["message"]
                .as_str()
                .expect("a message")
                .contains("format")
        );
    }
    // Accents, emoji and punctuation are not invisible.
    let answer = api
        .sign_in_answer(EMAIL, PASSWORD, "web", Some("Ana's Mac · Café 🌐"))
        .await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);

    let mut command = Command::new(crate::support::tab_bin());
    command.args([
        "server",
        "user",
        "add",
        "--email",
        "bo@example.com",
        "--name",
    ]);
    command.args([
        "Bo\u{202e}nimda",
        "--role",
        "admin",
        "--password-stdin",
        "--database",
        &db.url,
    ]);
    let output = crate::support::run_with_stdin(&mut command, "a long password\n");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("control, format or separator"), "{stderr}");
}

/// Row "`ls -l` of the SQLite database": before, `-rw-r--r--` in a 0755 directory; now
/// private whatever the umask, and a shared one is refused.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_database_is_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt as _;
    use std::os::unix::process::CommandExt as _;

    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    let path = dir.join("tab.db");
    let url = format!("sqlite://{}", path.display());
    let mut command = serve_command(&url);
    // SAFETY: umask is async-signal-safe and touches only the child's own state.
    unsafe {
        command.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    let server = TestServer::spawn(command);
    let mode = |path: &std::path::Path| {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&dir), 0o700);
    for name in ["tab.db", "tab.db-wal", "tab.db-shm"] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
    drop(server);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let output = serve_command(&url).output().expect("run serve");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("other users of this machine can access it"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("chmod 600 {}", path.display())),
        "{stderr}"
    );
}

/// A person's own sign-ins are limited too (100 a minute per account), so that a stolen
/// password cannot flood the session list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ins_per_account_are_limited() {
    let Some((db, _server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    // 99 sessions started in the last minute, as if by a script.
    db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
         INSERT INTO device_sessions (id, user_id, kind, label, created_at, last_seen_at, expires_at)
         SELECT printf('00000000-0000-4000-8000-%012x', i), (SELECT id FROM users), 'cli', NULL,
                CAST(strftime('%s','now') AS INTEGER) * 1000, CAST(strftime('%s','now') AS INTEGER) * 1000,
                CAST(strftime('%s','now') AS INTEGER) * 1000 + 604800000
         FROM n",
    )
    .await;
    assert_eq!(
        api.sign_in_answer(EMAIL, PASSWORD, "cli", None)
            .await
            .status,
        201
    );
    let answer = api.sign_in_answer(EMAIL, PASSWORD, "cli", None).await;
    assert_eq!(answer.status, 429, "{:?}", answer.body);
    assert_eq!(answer.headers["retry-after"], "60");
    assert!(
        answer.body["message"]
            .as_str()
            .expect("a message")
            .contains("for this account")
    );
}
