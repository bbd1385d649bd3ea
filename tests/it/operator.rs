//! The server's operator and an account (the operator half of issue 18, and issue 16's
//! last row: a thief's session outliving a password reset): `tab server user
//! set-password` signs every session out by default, `disable` signs them out and stops
//! every sign-in (after the password check, so it is no oracle), `enable` and `set-role`,
//! each on the record in `admin_audit`; the account's history says the operator did it.
//! Races on both backends: sign-ins during a disable and during a reset leave nothing
//! live.

use serde_json::Value;

use crate::on_both_backends;
use crate::support::cli::CliEnv;
use crate::support::{Api, Backend, EMAIL, PASSWORD, TestDatabase, TestServer};

on_both_backends!(
    a_new_password_signs_every_session_out,
    disabling_stops_sign_in_and_ends_every_session,
    sign_ins_racing_a_disable_leave_nothing_live,
    sign_ins_racing_a_reset_leave_nothing_live,
);

const NEW_PASSWORD: &str = "a brand new password";

/// `tab server user ARGS` on `db`, with `stdin`.
fn user(db: &TestDatabase, args: &[&str], stdin: &str) -> std::process::Output {
    db.server_user(args, stdin)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn start(backend: Backend) -> Option<(TestDatabase, TestServer, Api)> {
    let db = TestDatabase::new(backend).await?;
    db.add_user(EMAIL, PASSWORD);
    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    Some((db, server, api))
}

async fn a_new_password_signs_every_session_out(backend: Backend) {
    let Some((db, server, api)) = start(backend).await else {
        return;
    };
    let mut tokens = Vec::new();
    for kind in ["cli", "web", "desktop"] {
        tokens.push(api.sign_in(EMAIL, PASSWORD, kind, None).await.0);
    }
    let reset = user(
        &db,
        &["set-password", EMAIL, "--password-stdin"],
        &format!("{NEW_PASSWORD}\n"),
    );
    assert!(reset.status.success(), "{reset:?}");
    assert!(
        stdout(&reset).ends_with("; signed out 3 sessions\n"),
        "{}",
        stdout(&reset)
    );
    for token in &tokens {
        assert_eq!(
            api.call("GET", "/me", Some(token), None).await.code(),
            "session_revoked"
        );
    }
    assert_eq!(
        api.sign_in_answer(EMAIL, PASSWORD, "cli", None)
            .await
            .status,
        401
    );
    // The history says who: the server's operator, not a session of the account.
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, NEW_PASSWORD, "after the reset");
    let history = cli.run(&["sessions", "history", "--json"], "");
    let history: Value = serde_json::from_slice(&history.stdout).expect("JSON");
    let revoked: Vec<&Value> = history["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"] == "revoked")
        .collect();
    assert_eq!(revoked.len(), 3, "{history}");
    assert!(
        revoked
            .iter()
            .all(|e| e["by_operator"] == true && e["by"].is_null()),
        "{history}"
    );
    let table = stdout(&cli.run(&["sessions", "history"], ""));
    assert_eq!(
        table.matches("by the server's operator").count(),
        3,
        "{table}"
    );
    // --keep-sessions keeps them; both resets are on the record.
    let kept = user(
        &db,
        &[
            "set-password",
            "--email",
            EMAIL,
            "--password-stdin",
            "--keep-sessions",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        stdout(&kept).ends_with("; its sessions stay signed in\n"),
        "{kept:?}"
    );
    assert_eq!(cli.run(&["sessions", "list"], "").status.code(), Some(0));
    assert_eq!(
        db.scalar(
            "SELECT COUNT(*) FROM admin_audit WHERE action = 'password_set' AND actor = 'operator'"
        )
        .await,
        2
    );
    assert_eq!(
        db.scalar("SELECT MAX(revoked) FROM admin_audit WHERE action = 'password_set'")
            .await,
        3
    );
}

async fn disabling_stops_sign_in_and_ends_every_session(backend: Backend) {
    let Some((db, server, api)) = start(backend).await else {
        return;
    };
    let (first, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let disabled = user(&db, &["disable", EMAIL], "");
    assert!(
        stdout(&disabled).starts_with("Disabled ana@example.com in "),
        "{disabled:?}"
    );
    assert!(
        stdout(&disabled).ends_with("; signed out 2 sessions\n"),
        "{disabled:?}"
    );
    let ended = api.call("GET", "/me", Some(&first), None).await;
    assert_eq!(ended.code(), "session_revoked");
    assert_eq!(ended.body["ended_by"], "operator");
    // The right password is refused as disabled; a wrong one as wrong (no oracle).
    let right = api.sign_in_answer(EMAIL, PASSWORD, "cli", None).await;
    assert_eq!((right.status, right.code()), (403, "account_disabled"));
    let wrong = api
        .sign_in_answer(EMAIL, "not the password", "cli", None)
        .await;
    assert_eq!((wrong.status, wrong.code()), (401, "invalid_credentials"));
    let cli = CliEnv::new(&server);
    let login = cli.run(
        &[
            "login",
            "--email",
            EMAIL,
            "--password-stdin",
            "--insecure-storage",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(login.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&login.stderr).contains("error: this account is disabled"));
    // Twice is no second change.
    let again = user(&db, &["disable", "--email", EMAIL], "");
    assert!(
        stdout(&again).starts_with("Already disabled: "),
        "{again:?}"
    );
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM admin_audit WHERE action = 'disabled'")
            .await,
        1
    );
    let enabled = user(&db, &["enable", EMAIL], "");
    assert!(
        stdout(&enabled).contains("it can sign in again"),
        "{enabled:?}"
    );
    assert_eq!(
        api.sign_in_answer(EMAIL, PASSWORD, "cli", None)
            .await
            .status,
        201
    );
    assert!(stdout(&user(&db, &["enable", EMAIL], "")).contains("was not disabled"));
    // A role, read from the users table on the next request.
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let role = user(&db, &["set-role", EMAIL, "admin"], "");
    assert!(
        stdout(&role).starts_with("ana@example.com is now admin"),
        "{role:?}"
    );
    let me = api.call("GET", "/me", Some(&token), None).await;
    assert_eq!(me.body["user"]["role"], "admin");
    assert!(stdout(&user(&db, &["set-role", EMAIL, "admin"], "")).contains("was admin already"));
    let nobody = user(&db, &["disable", "nobody@example.com"], "");
    assert_eq!(nobody.status.code(), Some(1));
}

/// Signs in over and over from `clients` tasks until told to stop; how many got in.
pub(crate) fn keep_signing_in(
    api: &Api,
    password: &'static str,
    stop: &std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> Vec<tokio::task::JoinHandle<u32>> {
    (0..3)
        .map(|_| {
            let api = api.clone();
            let stop = std::sync::Arc::clone(stop);
            tokio::spawn(async move {
                let mut created = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    if api
                        .sign_in_answer(EMAIL, password, "cli", None)
                        .await
                        .status
                        == 201
                    {
                        created += 1;
                    }
                }
                created
            })
        })
        .collect()
}

/// Waits (10 s at most) until the devices have got at least one session in, so that
/// what follows really races them; polling, since nothing announces a sign-in.
async fn wait_for_a_sign_in(db: &TestDatabase) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while live_sessions(db).await == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "no sign-in got in within 10 s: the race would not run"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Runs `tab server user ARGS` on `db` on a blocking thread, while the devices go on.
async fn server_user_meanwhile(
    db: &TestDatabase,
    args: &[&str],
    stdin: &str,
) -> std::process::Output {
    let (url, stdin) = (db.url.clone(), stdin.to_string());
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        crate::support::server_user(&url, &args, &stdin)
    })
    .await
    .expect("the server user command")
}

/// The account's sessions still live now.
async fn live_sessions(db: &TestDatabase) -> i64 {
    let now = chrono::Utc::now().timestamp_millis();
    db.scalar(&format!(
        "SELECT COUNT(*) FROM device_sessions WHERE revoked_at IS NULL AND expires_at > {now}"
    ))
    .await
}

async fn sign_ins_racing_a_disable_leave_nothing_live(backend: Backend) {
    let Some((db, _server, api)) = start(backend).await else {
        return;
    };
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let devices = keep_signing_in(&api, PASSWORD, &stop);
    wait_for_a_sign_in(&db).await;
    let disabled = server_user_meanwhile(&db, &["disable", EMAIL], "").await;
    assert!(disabled.status.success(), "{disabled:?}");
    // The moment it returns: nothing live, and no sign-in gets in any more.
    assert_eq!(live_sessions(&db).await, 0);
    assert_eq!(
        api.sign_in_answer(EMAIL, PASSWORD, "cli", None)
            .await
            .status,
        403
    );
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut created = 0;
    for device in devices {
        created += device.await.expect("a device");
    }
    assert!(
        created > 0,
        "the race never ran: no sign-in got in before the disable"
    );
    assert_eq!(
        live_sessions(&db).await,
        0,
        "a sign-in slipped past the disable"
    );
    // The count reported is the sessions it ended.
    let said = stdout(&disabled);
    let ended = db
        .scalar("SELECT COUNT(*) FROM device_sessions WHERE ended_by = 'operator'")
        .await;
    assert!(
        said.ends_with(&format!(
            "signed out {}\n",
            tab::render::sessions_count(ended as u64)
        )),
        "{said} vs {ended}"
    );
}

async fn sign_ins_racing_a_reset_leave_nothing_live(backend: Backend) {
    let Some((db, _server, api)) = start(backend).await else {
        return;
    };
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let devices = keep_signing_in(&api, PASSWORD, &stop);
    wait_for_a_sign_in(&db).await;
    let reset = server_user_meanwhile(
        &db,
        &["set-password", EMAIL, "--password-stdin"],
        &format!("{NEW_PASSWORD}\n"),
    )
    .await;
    assert!(reset.status.success(), "{reset:?}");
    assert_eq!(
        live_sessions(&db).await,
        0,
        "a session with the old password survived"
    );
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for device in devices {
        device.await.expect("a device");
    }
    assert_eq!(
        live_sessions(&db).await,
        0,
        "a sign-in with the old password got in after"
    );
    assert_eq!(
        api.sign_in_answer(EMAIL, NEW_PASSWORD, "cli", None)
            .await
            .status,
        201
    );
}
