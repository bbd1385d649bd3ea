//! What a newcomer broke in the second walk-through (issue 17), each end to end against
//! the real server: a re-login under another spelling of the server, a stale
//! `TAB_TOKEN`, hints that forget the profile, `tab status` when it is needed most, the
//! root `/healthz`, operator commands that name their database, and a logout while the
//! server is down.

use super::{EMAIL, PASSWORD};
use crate::support::cli::{CliEnv, transcript};
use crate::support::{Backend, TestDatabase, TestServer, server_with_user};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `tab ARGS` on `cli` without `TAB_SERVER`: what a person who only ever typed
/// `--server` at login has.
fn without_server_env(cli: &CliEnv, args: &[&str]) -> std::process::Output {
    cli.tab(args)
        .env_remove(tab::env_vars::TAB_SERVER)
        .output()
        .expect("run tab")
}

fn login_at(cli: &CliEnv, server: &str, profile: &str) -> std::process::Output {
    cli.tab(&[
        "login",
        "--server",
        server,
        "--profile",
        profile,
        "--email",
        EMAIL,
        "--password-stdin",
        "--insecure-storage",
        "--label",
        "laptop",
    ])
    .env_remove(tab::env_vars::TAB_SERVER)
    .write_stdin(format!("{PASSWORD}\n"))
    .output()
    .expect("run tab")
}

/// Item 1: before, the second login deleted the token it had just written (`tab sessions
/// list` then said "not signed in") and left both sessions live. Now the new token is
/// kept and the old session is signed out, and the note says so; the same in a profile.
#[tokio::test(flavor = "multi_thread")]
async fn signing_in_again_under_another_spelling_replaces_the_session() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let port = server.addr.port();
    let numeric = format!("http://127.0.0.1:{port}");
    let named = format!("http://localhost:{port}");
    for profile in ["default", "exp"] {
        let cli = CliEnv::new(&server);
        let first = login_at(&cli, &numeric, profile);
        assert!(first.status.success(), "{}", transcript(&first));
        let old_token = std::fs::read_to_string(cli.config.path().join(format!("token-{profile}")))
            .expect("the first token");
        let old_sid = api
            .call("GET", "/me", Some(old_token.trim()), None)
            .await
            .body["session"]["id"]
            .as_str()
            .expect("the first session")
            .to_string();

        let second = login_at(&cli, &named, profile);
        assert!(second.status.success(), "{}", transcript(&second));
        assert!(
            stderr(&second).contains(&format!(
                "replaced session {}, now signed out",
                &old_sid[..8]
            )),
            "{}",
            transcript(&second)
        );
        assert_eq!(
            api.call("GET", "/me", Some(old_token.trim()), None)
                .await
                .code(),
            "session_revoked"
        );
        let list = without_server_env(&cli, &["sessions", "list", "--profile", profile, "--json"]);
        assert!(list.status.success(), "{}", transcript(&list));
        let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
        let current: Vec<_> = list["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .filter(|s| s["current"] == true)
            .collect();
        assert_eq!(current.len(), 1, "{list}");
        assert_ne!(current[0]["id"], old_sid.as_str());
    }
}

/// Item 5: a revoked `TAB_TOKEN` is named, `tab login` warns while it is set, and a
/// `TAB_TOKEN` without any server says to set `TAB_SERVER`.
#[tokio::test(flavor = "multi_thread")]
async fn a_stale_tab_token_is_named() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (other, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    api.revoke_others(&other, None).await;
    let cli = CliEnv::new(&server).env(tab::env_vars::TAB_TOKEN, &token);
    let list = cli.run(&["sessions", "list"], "");
    assert_eq!(list.status.code(), Some(3));
    assert!(
        stderr(&list)
            .contains("error: the token in TAB_TOKEN was signed out; unset it or replace it"),
        "{}",
        transcript(&list)
    );
    let json = cli.run(&["sessions", "list", "--json"], "");
    let body: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(
        body["error"]["code"], "session_revoked",
        "the code scripts check stays"
    );
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
    assert!(login.status.success(), "{}", transcript(&login));
    assert!(
        stderr(&login).contains("warning: TAB_TOKEN is set"),
        "{}",
        transcript(&login)
    );

    let nowhere = CliEnv::for_url("").env(tab::env_vars::TAB_TOKEN, &other);
    let output = nowhere
        .tab(&["sessions", "list"])
        .env_remove(tab::env_vars::TAB_SERVER)
        .output()
        .expect("run tab");
    assert_eq!(output.status.code(), Some(3));
    let said = stderr(&output);
    assert!(
        said.contains("TAB_TOKEN is set, but no server is known for it"),
        "{said}"
    );
    assert!(said.contains("set TAB_SERVER="), "{said}");
}

/// Item 6: hints carry `--profile`, an unknown profile is named with the known ones, and
/// `tab status --all` lists every profile.
#[tokio::test(flavor = "multi_thread")]
async fn hints_and_status_know_the_profile() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "laptop");
    let output = cli.run(&["--profile", "exp", "sessions"], "");
    assert_eq!(output.status.code(), Some(3));
    let said = stderr(&output);
    assert!(
        said.contains("there is no profile named 'exp' (profiles: default)"),
        "{said}"
    );
    assert!(said.contains("`tab login --profile exp`"), "{said}");
    assert!(said.contains("`tab status --all` to see"), "{said}");
    // A profile that exists but is signed out: the hint signs in that profile.
    let exp = login_at(&cli, &server.url(), "exp");
    assert!(exp.status.success(), "{}", transcript(&exp));
    assert!(
        cli.run(&["--profile", "exp", "logout"], "")
            .status
            .success()
    );
    let output = cli.run(&["--profile", "exp", "sessions"], "");
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("--profile exp`"),
        "{}",
        transcript(&output)
    );

    let all = cli.run(&["status", "--all"], "");
    assert!(all.status.success(), "{}", transcript(&all));
    let text = stdout(&all);
    assert!(text.contains("default (in use)"), "{text}");
    assert!(text.contains("exp"), "{text}");
    assert!(text.contains("Token    none (signed out)"), "{text}");
    assert!(
        text.contains("User     Test User <ana@example.com>, accountant"),
        "{text}"
    );
    let json = cli.run(&["status", "--all", "--json"], "");
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(json["profiles"].as_array().expect("profiles").len(), 2);
    assert_eq!(json["profiles"][1]["problem"]["code"], "not_signed_in");
}

/// Item 7: revoked, or with the server gone, `tab status` still says which sign-in it
/// is, then the problem, with the exit code as before.
#[tokio::test(flavor = "multi_thread")]
async fn status_says_what_it_knows_when_the_session_is_gone() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "laptop");
    let status = cli.run(&["status"], "");
    assert!(
        stdout(&status).contains("Started  just now, expires in 7 days"),
        "{}",
        transcript(&status)
    );
    let (other, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    api.revoke_others(&other, None).await;
    let status = cli.run(&["status"], "");
    assert_eq!(status.status.code(), Some(3), "{}", transcript(&status));
    let text = stdout(&status);
    for row in [
        "Server   http://127.0.0.1:",
        "Profile  default",
        "Token    kept in the file",
        "Session  signed out (revoked)",
    ] {
        assert!(text.contains(row), "{row:?} in {text}");
    }
    drop(server);
    let status = cli.run(&["status", "--timeout", "2"], "");
    assert_eq!(status.status.code(), Some(6), "{}", transcript(&status));
    assert!(
        stdout(&status).contains("Server   unreachable"),
        "{}",
        transcript(&status)
    );
    assert!(
        stdout(&status).contains("Profile  default"),
        "{}",
        transcript(&status)
    );
}

/// Item 12: with the server down, logout keeps the token and says how to retry;
/// `--local` forgets it; the session is named either way.
#[tokio::test(flavor = "multi_thread")]
async fn logout_with_the_server_down_keeps_the_token() {
    let db = TestDatabase::sqlite_in(tempfile::tempdir().expect("temp dir"));
    db.add_user(EMAIL, PASSWORD);
    let server = TestServer::start(&db, None);
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "laptop");
    let token_file = cli.config.path().join("token-default");
    drop(server);
    let output = cli.run(&["logout", "--timeout", "2"], "");
    assert_eq!(output.status.code(), Some(6), "{}", transcript(&output));
    assert!(
        token_file.exists(),
        "the token was forgotten with the session still live"
    );
    let said = stderr(&output);
    assert!(said.contains("the token was kept"), "{said}");
    assert!(said.contains("`tab logout --local`"), "{said}");
    assert!(said.contains("session "), "{said}");
    let local = cli.run(&["logout", "--local"], "");
    assert!(local.status.success(), "{}", transcript(&local));
    assert!(!token_file.exists());
    assert!(
        stderr(&local).contains("Forgot the token on this machine"),
        "{}",
        transcript(&local)
    );

    // With the server back, a plain logout names the session it ended.
    let server = TestServer::start(&db, None);
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "laptop");
    let output = cli.run(&["logout"], "");
    assert!(output.status.success(), "{}", transcript(&output));
    assert!(
        stderr(&output).contains("(laptop)"),
        "{}",
        transcript(&output)
    );
}

/// Item 8: the root `/healthz` answers as `/api/v1/healthz` does.
#[tokio::test]
async fn healthz_answers_at_the_root_too() {
    let db = TestDatabase::sqlite_in(tempfile::tempdir().expect("temp dir"));
    let server = TestServer::start(&db, None);
    for path in ["/healthz", "/api/v1/healthz"] {
        let answer = reqwest::get(format!("{}{path}", server.url()))
            .await
            .expect("send");
        assert_eq!(answer.status(), 200, "{path}");
        let body: serde_json::Value = answer.json().await.expect("JSON");
        assert_eq!(body["status"], "ok", "{path}");
    }
}

/// Item 9: every `server user` verb names the database it used.
#[test]
fn operator_commands_name_their_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = TestDatabase::sqlite_in(dir);
    let file = db.url.trim_start_matches("sqlite://").to_string();
    let added = db.try_add_user("dee@example.com", "accountant", "a good password\n");
    assert!(added.status.success());
    let out = String::from_utf8_lossy(&added.stdout);
    assert!(out.contains(&format!("to SQLite at {file}")), "{out}");
    let run = |args: &[&str], stdin: &str| {
        crate::support::run_with_stdin(
            std::process::Command::new(crate::support::tab_bin())
                .args(args)
                .args(["--database", &db.url]),
            stdin,
        )
    };
    let list = run(&["server", "user", "list"], "");
    assert!(
        String::from_utf8_lossy(&list.stderr).contains(&format!("1 account in SQLite at {file}"))
    );
    let set = run(
        &[
            "server",
            "user",
            "set-password",
            "--email",
            "dee@example.com",
            "--password-stdin",
        ],
        "another good one\n",
    );
    assert!(String::from_utf8_lossy(&set.stdout).contains(&format!("in SQLite at {file}")));
    for args in [
        &["server", "user", "unlock", "dee@example.com"][..],
        &["server", "user", "unlock", "--email", "dee@example.com"][..],
        &["server", "user", "unlock", "--address", "203.0.113.7"][..],
    ] {
        let unlock = run(args, "");
        assert!(unlock.status.success(), "{args:?}: {:?}", unlock);
        assert!(
            String::from_utf8_lossy(&unlock.stdout).contains(&format!("in SQLite at {file}")),
            "{args:?}"
        );
    }
    let nobody = run(&["server", "user", "unlock", "nobody@example.com"], "");
    assert_eq!(nobody.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&nobody.stderr)
            .contains("no account has the email nobody@example.com")
    );
    let neither = run(&["server", "user", "unlock"], "");
    assert_eq!(neither.status.code(), Some(2));
    let huge = "1".repeat(10_000);
    for args in [
        &["server", "user", "unlock", "--address", "not-an-address"][..],
        &["server", "user", "unlock", "--address", &huge][..],
        &["server", "user", "set-role", "dee@example.com", "king"][..],
        &["server", "user", "disable"][..],
    ] {
        let bad = run(args, "");
        assert_eq!(bad.status.code(), Some(2), "{args:?}");
    }
    let nobody = format!("{}@example.com", "x".repeat(10_000));
    for verb in ["disable", "enable"] {
        let output = run(&["server", "user", verb, &nobody], "");
        assert_eq!(output.status.code(), Some(1), "{verb}");
        assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    }
}
