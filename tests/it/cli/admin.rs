//! `tab admin` end to end (issue 18): an administrator lists the accounts and a leaver's
//! sessions, ends them and reads the leaver's history and the record; everyone else gets
//! exit 8 from every admin command; `--user` completes emails for an administrator only.
//! Offboarding from a file and its refusals are `offboard.rs`.

use serde_json::Value;

use super::{EMAIL, PASSWORD};
use crate::support::cli::{CliEnv, transcript};
use crate::support::{Api, Backend, TestDatabase, TestServer};

pub(super) const ROOT: &str = "root@example.com";

/// A firm on SQLite: the administrator (`root@…`, signed in with `tab`), Ana with a
/// browser, a desktop and a `tab` session, and Bo with two browsers.
pub(super) async fn firm() -> Option<(TestDatabase, TestServer, Api, CliEnv, Vec<String>)> {
    let db = TestDatabase::new(Backend::Sqlite).await?;
    let added = db.try_add_user(ROOT, "admin", &format!("{PASSWORD}\n"));
    assert!(added.status.success(), "{added:?}");
    db.add_user(EMAIL, PASSWORD);
    db.add_user("bo@example.com", PASSWORD);
    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    let mut tokens = Vec::new();
    for (email, kind, label) in [
        (EMAIL, "web", "Ana's Chrome"),
        (EMAIL, "desktop", "Ana's office laptop"),
        (EMAIL, "cli", "tab on ana-box"),
        ("bo@example.com", "web", "Bo at home"),
        ("bo@example.com", "web", "Bo at work"),
    ] {
        tokens.push(api.sign_in(email, PASSWORD, kind, Some(label)).await.0);
    }
    let admin = CliEnv::new(&server);
    admin.login(ROOT, PASSWORD, "root's laptop");
    Some((db, server, api, admin, tokens))
}

pub(super) fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not one JSON document ({e}): {}", transcript(output)))
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_lists_the_accounts_and_an_accounts_sessions() {
    let Some((_db, _server, _api, admin, _tokens)) = firm().await else {
        return;
    };
    let users = admin.run(&["admin", "users"], "");
    assert_eq!(users.status.code(), Some(0), "{}", transcript(&users));
    let text = String::from_utf8_lossy(&users.stdout);
    assert!(text.starts_with("EMAIL"), "{text}");
    let ana_row = text
        .lines()
        .find(|l| l.starts_with(EMAIL))
        .expect("Ana's row");
    assert!(
        ana_row.contains("accountant") && ana_row.contains("  3  "),
        "{ana_row}"
    );
    let listed = json(&admin.run(&["admin", "users", "--role", "admin", "--json"], ""));
    assert_eq!(listed["users"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["users"][0]["email"], ROOT);

    let sessions = json(&admin.run(
        &["admin", "sessions", "list", "--user", EMAIL, "--json"],
        "",
    ));
    let sessions = sessions["sessions"].as_array().expect("sessions").clone();
    assert_eq!(sessions.len(), 3);
    assert!(sessions.iter().all(|s| s["current"] == false));
    let table = admin.run(
        &["admin", "sessions", "list", "--user", "ANA@example.com"],
        "",
    );
    assert!(String::from_utf8_lossy(&table.stdout).contains("Ana's office laptop"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_ends_another_accounts_sessions_on_the_record() {
    let Some((_db, _server, api, admin, tokens)) = firm().await else {
        return;
    };
    let sessions = json(&admin.run(
        &["admin", "sessions", "list", "--user", EMAIL, "--json"],
        "",
    ));
    let sessions = sessions["sessions"].as_array().expect("sessions").clone();

    // One by its short id, then the browsers by rule (a dry run first).
    let laptop = sessions
        .iter()
        .find(|s| s["label"] == "Ana's office laptop")
        .and_then(|s| s["id"].as_str())
        .expect("laptop");
    let one = admin.run(
        &["admin", "sessions", "revoke", "--user", EMAIL, &laptop[..8]],
        "",
    );
    assert_eq!(one.status.code(), Some(0), "{}", transcript(&one));
    assert_eq!(
        String::from_utf8_lossy(&one.stdout).trim(),
        "Signed out 1 session of ana@example.com"
    );
    assert_eq!(
        api.call("GET", "/me", Some(&tokens[1]), None).await.status,
        401
    );
    let again = json(&admin.run(
        &[
            "admin", "sessions", "revoke", "--user", EMAIL, laptop, "--json",
        ],
        "",
    ));
    assert_eq!(again, serde_json::json!({"revoked": 0}));
    let dry = json(&admin.run(
        &[
            "admin",
            "sessions",
            "revoke",
            "--user",
            EMAIL,
            "--all",
            "--kind",
            "web",
            "--dry-run",
            "--json",
        ],
        "",
    ));
    assert_eq!(dry["sessions"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        api.call("GET", "/me", Some(&tokens[0]), None).await.status,
        200
    );
    let web = json(&admin.run(
        &[
            "admin", "sessions", "revoke", "--user", EMAIL, "--all", "--kind", "web", "--json",
        ],
        "",
    ));
    assert_eq!(web, serde_json::json!({"revoked": 1}));
    assert_eq!(
        api.call("GET", "/me", Some(&tokens[0]), None).await.status,
        401
    );
    assert_eq!(
        api.call("GET", "/me", Some(&tokens[2]), None).await.status,
        200
    );

    // A filter without --all is a usage error, and nothing is signed out.
    let filter_alone = admin.run(
        &[
            "admin", "sessions", "revoke", "--user", EMAIL, "ffff", "--kind", "web",
        ],
        "",
    );
    assert_eq!(
        filter_alone.status.code(),
        Some(2),
        "{}",
        transcript(&filter_alone)
    );
    assert!(String::from_utf8_lossy(&filter_alone.stderr).contains("--all"));
    assert_eq!(
        api.call("GET", "/me", Some(&tokens[2]), None).await.status,
        200
    );

    // Nonsense ids and emails are refused by name, before or after asking.
    let bad = admin.run(&["admin", "sessions", "revoke", "--user", EMAIL, "zz"], "");
    assert_eq!(bad.status.code(), Some(2), "{}", transcript(&bad));
    let none = admin.run(
        &["admin", "sessions", "revoke", "--user", EMAIL, "ffff"],
        "",
    );
    assert_eq!(none.status.code(), Some(4), "{}", transcript(&none));
    assert!(
        String::from_utf8_lossy(&none.stderr)
            .contains("ana@example.com has no session with the id ffff")
    );
    let nobody = admin.run(
        &[
            "admin",
            "sessions",
            "list",
            "--user",
            "zed@example.com",
            "--json",
        ],
        "",
    );
    assert_eq!(nobody.status.code(), Some(4));
    assert_eq!(json(&nobody)["error"]["code"], "not_found");
    let empty = admin.run(
        &[
            "admin", "sessions", "revoke", "--user", EMAIL, "-", "--json",
        ],
        "",
    );
    assert_eq!(json(&empty), serde_json::json!({"revoked": 0}));

    // The leaver's history names the administrator; the record names each action.
    let history = admin.run(&["admin", "history", "--user", EMAIL], "");
    let history = String::from_utf8_lossy(&history.stdout);
    assert!(
        history.contains("by an administrator (root@example.com)"),
        "{history}"
    );
    let audit = json(&admin.run(&["admin", "audit", "--json"], ""));
    let actions: Vec<&str> = audit["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["action"].as_str().expect("action"))
        .collect();
    // The revoke that found the laptop signed out already changed nothing: not recorded.
    assert_eq!(actions, ["revoked_all", "revoked"]);
    assert_eq!(audit["events"][0]["actor"]["email"], ROOT);
    assert_eq!(audit["events"][0]["target"]["email"], EMAIL);
    assert_eq!(audit["events"][0]["revoked"], 1);
    let table = admin.run(&["admin", "audit"], "");
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.starts_with("WHEN") && table.contains("signed a session out"),
        "{table}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn everyone_but_an_admin_gets_exit_8_from_every_admin_command() {
    let Some((db, server, _api, admin, _tokens)) = firm().await else {
        return;
    };
    let ana = CliEnv::new(&server);
    ana.login(EMAIL, PASSWORD, "Ana's tab");
    let commands: [&[&str]; 8] = [
        &["admin", "users"],
        &["admin", "sessions", "list", "--user", ROOT],
        &["admin", "sessions", "revoke", "--user", ROOT, "ffff"],
        &["admin", "sessions", "revoke", "--user", ROOT, "--all"],
        &["admin", "offboard", ROOT],
        &["admin", "offboard", "--users-from", "-"],
        &["admin", "history", "--user", ROOT],
        &["admin", "audit"],
    ];
    for args in commands {
        let run = ana.run(args, "bo@example.com\n");
        assert_eq!(run.status.code(), Some(8), "{args:?}: {}", transcript(&run));
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(
            err.contains("error: only an administrator of this TAB server can do that"),
            "{err}"
        );
        assert!(
            err.contains("tab server user set-role EMAIL admin"),
            "{err}"
        );
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let run = ana.run(&with_json, "bo@example.com\n");
        assert_eq!(run.status.code(), Some(8));
        assert_eq!(json(&run)["error"]["code"], "forbidden");
    }
    // A demoted administrator, on the very next command.
    let demoted = db.server_user(&["set-role", ROOT, "manager"], "");
    assert!(demoted.status.success(), "{demoted:?}");
    assert_eq!(admin.run(&["admin", "users"], "").status.code(), Some(8));
}

/// Completion offers the accounts' emails after `--user` to an administrator only, and
/// nothing to anyone else (nor to an administrator demoted meanwhile).
#[tokio::test(flavor = "multi_thread")]
async fn completion_offers_emails_to_an_administrator_only() {
    let Some((db, server, _api, admin, _tokens)) = firm().await else {
        return;
    };
    let ana = CliEnv::new(&server);
    ana.login(EMAIL, PASSWORD, "Ana's tab");
    let complete = |cli: &CliEnv| {
        let out = cli
            .tab(&["--", "tab", "admin", "history", "--user", ""])
            .env("COMPLETE", "fish")
            .output()
            .expect("complete");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}",
            transcript(&out)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(!complete(&ana).contains("@example.com"));
    let demoted = db.server_user(&["set-role", ROOT, "manager"], "");
    assert!(demoted.status.success(), "{demoted:?}");
    assert!(!complete(&admin).contains("@example.com"));
    let promoted = db.server_user(&["set-role", ROOT, "admin"], "");
    assert!(promoted.status.success());
    let offered = complete(&admin);
    assert!(
        offered.contains(EMAIL) && offered.contains("bo@example.com"),
        "{offered}"
    );
}
