//! `tab admin offboard` end to end (issue 18): from a file with comments, going on past
//! an unknown email and safe to run twice, and refusing bad lists before it changes
//! anything.

use super::admin::{ROOT, firm, json};
use super::{EMAIL, PASSWORD};
use crate::support::cli::{CliEnv, assert_clean, transcript};

#[tokio::test(flavor = "multi_thread")]
async fn offboarding_from_a_file_goes_on_past_an_unknown_email_and_is_safe_twice() {
    let Some((db, server, api, admin, tokens)) = firm().await else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let list = dir.path().join("leavers.txt");
    std::fs::write(
        &list,
        "# leavers, November\n\nana@example.com   # last day Friday\r\nzed@example.com\nBO@example.com\nana@example.com\n",
    )
    .expect("write list");
    let path = list.to_str().expect("path");
    let dry = admin.run(
        &["admin", "offboard", "--users-from", path, "--dry-run"],
        "",
    );
    assert_eq!(dry.status.code(), Some(4), "{}", transcript(&dry));
    assert!(
        String::from_utf8_lossy(&dry.stdout)
            .contains("Would offboard 2 people: 5 sessions would be signed out")
    );
    assert_eq!(
        api.call("GET", "/me", Some(&tokens[0]), None).await.status,
        200
    );

    let anas_tab = CliEnv::new(&server);
    anas_tab.login(EMAIL, PASSWORD, "Ana's tab");
    let first = admin.run(&["admin", "offboard", "--users-from", path], "");
    assert_eq!(first.status.code(), Some(4), "{}", transcript(&first));
    let out = String::from_utf8_lossy(&first.stdout);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "Offboarded ana@example.com: 4 sessions signed out",
            "Offboarded BO@example.com: 2 sessions signed out",
            "Offboarded 2 people: 6 sessions signed out",
        ],
        "{}",
        transcript(&first)
    );
    let err = String::from_utf8_lossy(&first.stderr);
    assert!(
        err.contains("warning: no account has the email zed@example.com; skipped"),
        "{err}"
    );
    assert!(err.contains("error: 1 of 3 emails skipped, the first because no account has the email zed@example.com"), "{err}");
    for token in &tokens {
        assert_eq!(api.call("GET", "/me", Some(token), None).await.status, 401);
    }
    let ended = anas_tab.run(&["sessions", "list"], "");
    assert_eq!(ended.status.code(), Some(3), "{}", transcript(&ended));
    let said = String::from_utf8_lossy(&ended.stderr);
    assert!(
        said.contains("error: this device's session was signed out by an administrator")
            && said.contains("ask your firm's administrator"),
        "{said}"
    );
    let status = anas_tab.run(&["status"], "");
    assert!(
        String::from_utf8_lossy(&status.stdout)
            .contains("signed out (revoked) by an administrator")
    );
    let refused = api.sign_in_answer(EMAIL, PASSWORD, "web", None).await;
    assert_eq!((refused.status, refused.code()), (403, "account_disabled"));

    // Again, as JSON: nothing left to do, the unknown email still reported.
    let second = admin.run(&["admin", "offboard", "--users-from", path, "--json"], "");
    assert_eq!(second.status.code(), Some(4));
    let report = json(&second);
    assert_eq!(report["revoked"], 0);
    assert_eq!(
        report["users"][0],
        serde_json::json!({"email": EMAIL, "revoked": 0, "disabled": true})
    );
    assert_eq!(report["users"][1]["error"]["code"], "not_found");
    // Without the unknown one, from standard input: exit 0.
    let clean = admin.run(
        &["admin", "offboard", "--users-from", "-", "--json"],
        "ana@example.com\nbo@example.com\n",
    );
    assert_eq!(clean.status.code(), Some(0), "{}", transcript(&clean));
    assert_eq!(json(&clean)["revoked"], 0);
    // One disabled event per actual change.
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM admin_audit WHERE action = 'disabled'")
            .await,
        2
    );
    assert_clean(&first, PASSWORD);
}

#[tokio::test(flavor = "multi_thread")]
async fn offboarding_refuses_bad_lists_before_changing_anything() {
    let Some((_db, _server, api, admin, tokens)) = firm().await else {
        return;
    };
    let header = admin.run(
        &["admin", "offboard", "--users-from", "-"],
        "ana@example.com\nemail,name\n",
    );
    assert_eq!(header.status.code(), Some(2), "{}", transcript(&header));
    assert!(
        String::from_utf8_lossy(&header.stderr)
            .contains("line 2 of standard input is not an email: 'email,name'")
    );
    let hostile = admin.run(
        &["admin", "offboard", "--users-from", "-"],
        "\u{1b}]0;owned\u{7}@x\n",
    );
    assert_eq!(hostile.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&hostile.stderr).contains('\u{1b}'));
    let huge = format!("{}@example.com\n", "a".repeat(100_000));
    assert_eq!(
        admin
            .run(&["admin", "offboard", "--users-from", "-"], &huge)
            .status
            .code(),
        Some(2)
    );
    let binary = admin
        .tab(&["admin", "offboard", "--users-from", "-"])
        .write_stdin(vec![0xff_u8, 0xfe, 0x00, b'\n'])
        .output()
        .expect("run");
    assert_eq!(binary.status.code(), Some(2), "{}", transcript(&binary));
    let missing = admin.run(
        &[
            "admin",
            "offboard",
            "--users-from",
            "/nonexistent/leavers.txt",
        ],
        "",
    );
    assert_eq!(missing.status.code(), Some(1), "{}", transcript(&missing));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/leavers.txt")
    );
    let nothing = admin.run(&["admin", "offboard"], "");
    assert_eq!(nothing.status.code(), Some(2));
    // An empty list is a quiet day.
    let empty = admin.run(&["admin", "offboard", "--users-from", "-"], "# nobody\n\n");
    assert_eq!(empty.status.code(), Some(0), "{}", transcript(&empty));
    assert_eq!(
        String::from_utf8_lossy(&empty.stdout).trim(),
        "No one to offboard: the list is empty"
    );
    // Your own account is refused, the others go on.
    let own = admin.run(&["admin", "offboard", ROOT, EMAIL, "--json"], "");
    assert_eq!(own.status.code(), Some(5), "{}", transcript(&own));
    let report = json(&own);
    assert_eq!(report["users"][0]["error"]["code"], "conflict");
    assert_eq!(report["users"][1]["revoked"], 3);
    for token in &tokens[..3] {
        assert_eq!(api.call("GET", "/me", Some(token), None).await.status, 401);
    }
    assert_eq!(
        api.call("GET", "/me", Some(&tokens[3]), None).await.status,
        200
    );
}
