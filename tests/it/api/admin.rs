//! The administrators' API (issue 18, first part): only an enabled administrator, read
//! from the users table on each request, reaches any `/admin/` route (every route the
//! server's own OpenAPI document lists, so that a new one cannot slip by), and gets 403
//! before anything is looked up; `GET /admin/users` pages through the accounts by email.

use serde_json::Value;

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Api, Backend, TestDatabase, TestServer};

on_both_backends!(
    an_admin_pages_through_the_accounts,
    only_enabled_admins_reach_admin_routes,
    an_admin_signs_an_accounts_sessions_out_on_the_record,
    an_admin_disables_and_enables_but_never_the_last_admin,
);

pub(super) const ROOT: &str = "root@example.com";

/// A server with an admin (`root@…`), Ana and three more accounts.
pub(super) async fn firm(backend: Backend) -> Option<(TestDatabase, TestServer, Api)> {
    let db = TestDatabase::new(backend).await?;
    let added = db.try_add_user(ROOT, "admin", &format!("{PASSWORD}\n"));
    assert!(added.status.success(), "{added:?}");
    db.add_user(EMAIL, PASSWORD);
    for (email, role) in [
        ("cy@example.com", "manager"),
        ("bo@example.com", "accountant"),
        ("dee@example.com", "manager"),
    ] {
        assert!(
            db.try_add_user(email, role, &format!("{PASSWORD}\n"))
                .status
                .success()
        );
    }
    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    Some((db, server, api))
}

/// The id of the account with `email`, as an administrator's list gives it.
pub(super) async fn user_id_by_email(api: &Api, admin: &str, email: &str) -> String {
    let page = api
        .call(
            "GET",
            &format!("/admin/users?email={email}"),
            Some(admin),
            None,
        )
        .await;
    page.body["users"][0]["id"]
        .as_str()
        .expect("id")
        .to_string()
}

fn emails(page: &Value) -> Vec<String> {
    page["users"]
        .as_array()
        .expect("users")
        .iter()
        .map(|u| u["email"].as_str().expect("email").to_string())
        .collect()
}

async fn an_admin_pages_through_the_accounts(backend: Backend) {
    let Some((db, _server, api)) = firm(backend).await else {
        return;
    };
    let (root, _) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    api.sign_in(EMAIL, PASSWORD, "web", None).await;
    api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    // Two at a time, to the end.
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let path = format!("/admin/users?limit=2&after={after}");
        let page = api.call("GET", &path, Some(&root), None).await;
        assert_eq!(page.status, 200, "{:?}", page.body);
        let users = emails(&page.body);
        assert!(users.len() <= 2);
        seen.extend(users);
        match page.body["next"].as_str() {
            Some(next) => after = next.to_string(),
            None => break,
        }
    }
    assert_eq!(
        seen,
        [
            EMAIL,
            "bo@example.com",
            "cy@example.com",
            "dee@example.com",
            ROOT
        ]
    );
    let all = api.call("GET", "/admin/users", Some(&root), None).await;
    let ana = &all.body["users"][0];
    assert_eq!(ana["live_sessions"], 2);
    assert_eq!(ana["disabled"], false);
    assert!(ana["last_seen_at"].is_string());
    assert!(
        all.body["users"][1]["last_seen_at"].is_null(),
        "bo never signed in"
    );
    assert!(all.body["next"].is_null());
    let one = api
        .call(
            "GET",
            "/admin/users?email=ANA@Example.com",
            Some(&root),
            None,
        )
        .await;
    assert_eq!(emails(&one.body), [EMAIL]);
    let managers = api
        .call("GET", "/admin/users?role=manager", Some(&root), None)
        .await;
    assert_eq!(
        emails(&managers.body),
        ["cy@example.com", "dee@example.com"]
    );
    // A disabled account says so (and has no live session left).
    let disabled = db.server_user(&["disable", EMAIL], "");
    assert!(disabled.status.success());
    let ana = api
        .call(
            "GET",
            &format!("/admin/users?email={EMAIL}"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(ana.body["users"][0]["disabled"], true);
    assert_eq!(ana.body["users"][0]["live_sessions"], 0);
    for bad in [
        "limit=0",
        "limit=501",
        "limit=abc",
        "role=king",
        "unknown=1",
        "limit=-1",
    ] {
        let answer = api
            .call("GET", &format!("/admin/users?{bad}"), Some(&root), None)
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "bad_request"),
            "{bad}"
        );
    }
    let huge = format!("/admin/users?after={}", "a".repeat(8_000));
    assert_eq!(api.call("GET", &huge, Some(&root), None).await.status, 200);
    let huge = format!("/admin/users?email={}", "a".repeat(8_000));
    assert_eq!(api.call("GET", &huge, Some(&root), None).await.status, 200);
    // Twenty pages read at once while an account signs in and out.
    let reads: Vec<_> = (0..20)
        .map(|i| {
            let (api, root) = (api.clone(), root.clone());
            tokio::spawn(async move {
                let path = format!("/admin/users?limit={}", 1 + i % 5);
                api.call("GET", &path, Some(&root), None).await.status
            })
        })
        .collect();
    for _ in 0..3 {
        let (token, _) = api.sign_in("bo@example.com", PASSWORD, "cli", None).await;
        api.call("POST", "/auth/sign-out", Some(&token), None).await;
    }
    for read in reads {
        assert_eq!(read.await.expect("a read"), 200);
    }
}

/// Every `/admin/` operation of the server's OpenAPI document, its path parameters
/// filled with `id`.
async fn admin_operations(api: &Api, id: &str) -> Vec<(String, String)> {
    let document = api.call("GET", "/openapi.json", None, None).await.body;
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        let Some(rest) = path.strip_prefix("/api/v1") else {
            continue;
        };
        if !rest.starts_with("/admin/") {
            continue;
        }
        let filled: String = rest
            .split('/')
            .map(|part| if part.starts_with('{') { id } else { part })
            .collect::<Vec<_>>()
            .join("/");
        for method in item.as_object().expect("operations").keys() {
            operations.push((method.to_uppercase(), filled.clone()));
        }
    }
    operations
}

async fn only_enabled_admins_reach_admin_routes(backend: Backend) {
    let Some((db, _server, api)) = firm(backend).await else {
        return;
    };
    let operations = admin_operations(&api, &uuid::Uuid::new_v4().to_string()).await;
    assert!(!operations.is_empty(), "the document lists no admin route");
    let (accountant, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (manager, _) = api.sign_in("cy@example.com", PASSWORD, "cli", None).await;
    // An admin demoted after signing in, and one disabled without being signed out.
    assert!(
        db.try_add_user("ex@example.com", "admin", &format!("{PASSWORD}\n"))
            .status
            .success()
    );
    let (demoted, _) = api.sign_in("ex@example.com", PASSWORD, "cli", None).await;
    assert!(
        db.try_add_user("off@example.com", "admin", &format!("{PASSWORD}\n"))
            .status
            .success()
    );
    let (disabled, _) = api.sign_in("off@example.com", PASSWORD, "cli", None).await;
    let demote = db.server_user(&["set-role", "ex@example.com", "accountant"], "");
    assert!(demote.status.success(), "{demote:?}");
    db.execute("UPDATE users SET disabled_at = 1 WHERE email_key = 'off@example.com'")
        .await;
    for (who, token) in [
        ("an accountant", &accountant),
        ("a manager", &manager),
        ("a demoted admin", &demoted),
        ("a disabled admin", &disabled),
    ] {
        for (method, path) in &operations {
            let answer = api.call(method, path, Some(token), None).await;
            assert_eq!(
                (answer.status, answer.code()),
                (403, "forbidden"),
                "{who}: {method} {path}"
            );
        }
        // Nonsense ids get the same 403: nothing is looked up first.
        for (method, path) in admin_operations(&api, "not-an-id").await {
            let answer = api.call(&method, &path, Some(token), None).await;
            assert_eq!(answer.status, 403, "{who}: {method} {path}");
        }
    }
    for (method, path) in &operations {
        assert_eq!(
            api.call(method, path, None, None).await.status,
            401,
            "{method} {path}"
        );
    }
    // The admin still is one.
    let (root, _) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    assert_eq!(
        api.call("GET", "/admin/users", Some(&root), None)
            .await
            .status,
        200
    );
}

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
    // Two admins ending the same account's sessions at once: the counts add up to the
    // sessions that were live, each ended once.
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
        revoked, 6,
        "5 new sessions and the one from above: {first:?} {second:?}"
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
