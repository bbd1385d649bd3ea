//! What an administrator changes through the API (issue 18): an account's sessions
//! signed out, one or all, on the record; an account disabled and enabled, but never the
//! last enabled administrator. Who may reach these routes at all is `admin.rs`.

use serde_json::Value;

use super::admin::{ROOT, firm};
use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Backend, TestDatabase};

on_both_backends!(
    an_admin_signs_an_accounts_sessions_out_on_the_record,
    two_admins_ending_one_accounts_sessions_at_once_end_each_once,
    an_admin_disables_and_enables_but_never_the_last_admin,
);

/// The id of the account with this email.
async fn user_id(db: &TestDatabase, email: &str) -> String {
    db.value(&format!("SELECT id FROM users WHERE email_key = '{email}'"))
        .await
}

async fn an_admin_signs_an_accounts_sessions_out_on_the_record(backend: Backend) {
    let Some((db, server, api)) = firm(backend).await else {
        return;
    };
    let (root, root_session) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    let (ana_cli, ana_cli_id) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (ana_web, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let (ana_desktop, _) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let ana = user_id(&db, EMAIL).await;
    let listed = api
        .call(
            "GET",
            &format!("/admin/users/{ana}/sessions"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(listed.status, 200, "{:?}", listed.body);
    let sessions = listed.body["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 3);
    assert!(sessions.iter().all(|s| s["current"] == false));

    // One session: 1, then 0; someone else's session or account under this path: 404.
    let one = format!("/admin/users/{ana}/sessions/{ana_cli_id}");
    let answer = api.call("DELETE", &one, Some(&root), None).await;
    assert_eq!(answer.body, serde_json::json!({"revoked": 1}));
    assert_eq!(
        api.call("GET", "/me", Some(&ana_cli), None).await.code(),
        "session_revoked"
    );
    let again = api.call("DELETE", &one, Some(&root), None).await;
    assert_eq!(again.body, serde_json::json!({"revoked": 0}));
    let (_, bo_session) = api.sign_in("bo@example.com", PASSWORD, "cli", None).await;
    for path in [
        format!("/admin/users/{ana}/sessions/{bo_session}"),
        format!("/admin/users/{ana}/sessions/{}", uuid::Uuid::new_v4()),
        format!(
            "/admin/users/{}/sessions/{ana_cli_id}",
            uuid::Uuid::new_v4()
        ),
        format!("/admin/users/{ana}/sessions/not-an-id"),
        format!("/admin/users/not-an-id/sessions/{ana_cli_id}"),
    ] {
        let answer = api.call("DELETE", &path, Some(&root), None).await;
        assert_eq!((answer.status, answer.code()), (404, "not_found"), "{path}");
    }
    // By rule, then everything left.
    let revoke = format!("/admin/users/{ana}/sessions/revoke");
    let web = api
        .call(
            "POST",
            &revoke,
            Some(&root),
            Some(serde_json::json!({"kinds": ["web"]})),
        )
        .await;
    assert_eq!(web.body, serde_json::json!({"revoked": 1}));
    assert_eq!(
        api.call("GET", "/me", Some(&ana_web), None).await.code(),
        "session_revoked"
    );
    assert_eq!(
        api.call("GET", "/me", Some(&ana_desktop), None)
            .await
            .status,
        200
    );
    let rest = api.call("POST", &revoke, Some(&root), None).await;
    assert_eq!(rest.body, serde_json::json!({"revoked": 1}));
    let bad = api
        .call(
            "POST",
            &revoke,
            Some(&root),
            Some(serde_json::json!({"kinds": []})),
        )
        .await;
    assert_eq!(bad.status, 400);
    // Their own current session is refused, as on the self-service route.
    let root_id = user_id(&db, ROOT).await;
    let current = api
        .call(
            "DELETE",
            &format!("/admin/users/{root_id}/sessions/{root_session}"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!((current.status, current.code()), (409, "current_session"));
    // Aimed at themself, an admin keeps the session making the request.
    api.sign_in(ROOT, PASSWORD, "web", None).await;
    let own = api
        .call(
            "POST",
            &format!("/admin/users/{root_id}/sessions/revoke"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(own.body, serde_json::json!({"revoked": 1}));
    assert_eq!(api.call("GET", "/me", Some(&root), None).await.status, 200);

    // Ana's own history names the administrator, and no session of hers.
    let cli = crate::support::cli::CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "back again");
    let history = cli.run(&["sessions", "history", "--json"], "");
    let history: Value = serde_json::from_slice(&history.stdout).expect("JSON");
    let by_admin: Vec<&Value> = history["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"] == "revoked")
        .collect();
    assert_eq!(by_admin.len(), 3, "{history}");
    assert!(
        by_admin
            .iter()
            .all(|e| e["by_admin"] == ROOT && e["by"].is_null()),
        "{history}"
    );
    let table = String::from_utf8_lossy(&cli.run(&["sessions", "history"], "").stdout).into_owned();
    assert_eq!(
        table
            .matches("by an administrator (root@example.com)")
            .count(),
        3,
        "{table}"
    );
    // On the record: who, what, whom, how many (the revoke that changed nothing is not).
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor_email = 'root@example.com'")
            .await,
        4
    );
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM admin_audit WHERE action = 'revoked_all' AND revoked = 1")
            .await,
        3
    );
}

/// Two administrators ending the same account's sessions at once: the counts add up to
/// the sessions that were live, each ended once.
async fn two_admins_ending_one_accounts_sessions_at_once_end_each_once(backend: Backend) {
    let Some((db, _server, api)) = firm(backend).await else {
        return;
    };
    let (root, _) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    assert!(
        db.try_add_user("also@example.com", "admin", &format!("{PASSWORD}\n"))
            .status
            .success()
    );
    let (also, _) = api.sign_in("also@example.com", PASSWORD, "cli", None).await;
    let bo = user_id(&db, "bo@example.com").await;
    for kind in ["cli", "web", "desktop", "cli", "web"] {
        api.sign_in("bo@example.com", PASSWORD, kind, None).await;
    }
    let bo_revoke = format!("/admin/users/{bo}/sessions/revoke");
    let (first, second) = tokio::join!(
        api.call("POST", &bo_revoke, Some(&root), None),
        api.call("POST", &bo_revoke, Some(&also), None),
    );
    let revoked = first.body["revoked"].as_u64().expect("a count")
        + second.body["revoked"].as_u64().expect("a count");
    assert_eq!(
        revoked, 5,
        "each of the 5 sessions once: {first:?} {second:?}"
    );
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM device_sessions WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE email_key = 'bo@example.com')")
            .await,
        0
    );
}

async fn an_admin_disables_and_enables_but_never_the_last_admin(backend: Backend) {
    let Some((db, _server, api)) = firm(backend).await else {
        return;
    };
    let (root, _) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    let (ana_token, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let ana = user_id(&db, EMAIL).await;
    let disabled = api
        .call(
            "POST",
            &format!("/admin/users/{ana}/disable"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(disabled.body, serde_json::json!({"revoked": 2}));
    assert_eq!(
        api.call("GET", "/me", Some(&ana_token), None).await.code(),
        "session_revoked"
    );
    assert_eq!(
        api.sign_in_answer(EMAIL, PASSWORD, "cli", None)
            .await
            .code(),
        "account_disabled"
    );
    let again = api
        .call(
            "POST",
            &format!("/admin/users/{ana}/disable"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(again.body, serde_json::json!({"revoked": 0}));
    let enabled = api
        .call(
            "POST",
            &format!("/admin/users/{ana}/enable"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(enabled.status, 204);
    assert_eq!(
        api.sign_in_answer(EMAIL, PASSWORD, "cli", None)
            .await
            .status,
        201
    );
    // The record names the admin, once per change.
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM admin_audit WHERE action = 'disabled' AND actor_email = 'root@example.com'")
            .await,
        1
    );
    // Not one's own account.
    let root_id = user_id(&db, ROOT).await;
    let own = api
        .call(
            "POST",
            &format!("/admin/users/{root_id}/disable"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!((own.status, own.code()), (409, "conflict"));
    // Two admins disabling each other at once: never both, so one enabled admin stays.
    for round in 0..5 {
        let other = format!("second-{round}@example.com");
        assert!(
            db.try_add_user(&other, "admin", &format!("{PASSWORD}\n"))
                .status
                .success()
        );
        let (second, _) = api.sign_in(&other, PASSWORD, "cli", None).await;
        let (first, _) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
        let other_id = user_id(&db, &other).await;
        db.execute(&format!(
            "UPDATE users SET disabled_at = 1 WHERE role = 'admin' AND id NOT IN ('{root_id}', '{other_id}')"
        ))
        .await;
        let disable_other = format!("/admin/users/{other_id}/disable");
        let disable_root = format!("/admin/users/{root_id}/disable");
        let (a, b) = tokio::join!(
            api.call("POST", &disable_other, Some(&first), None),
            api.call("POST", &disable_root, Some(&second), None),
        );
        let enabled_admins = db
            .scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL")
            .await;
        assert_eq!(
            enabled_admins,
            1,
            "round {round}: {} {} / {} {}",
            a.status,
            a.code(),
            b.status,
            b.code()
        );
        assert!(
            [a.status, b.status].iter().filter(|s| **s == 200).count() == 1,
            "round {round}: {} {} / {} {}",
            a.status,
            a.code(),
            b.status,
            b.code()
        );
        // Put root back for the next round.
        db.execute(&format!(
            "UPDATE users SET disabled_at = NULL WHERE id = '{root_id}'"
        ))
        .await;
    }
}
