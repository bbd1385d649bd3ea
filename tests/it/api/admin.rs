//! The administrators' API (issue 18, first part): only an enabled administrator, read
//! from the users table on each request, reaches any `/admin/` route (every route the
//! server's own OpenAPI document lists, so that a new one cannot slip by), and gets 403
//! before anything is looked up; `GET /admin/users` pages through the accounts by email.
//! What an administrator changes (sign-outs, disabling) is `admin_changes.rs`.

use serde_json::Value;

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Api, Backend, TestDatabase, TestServer};

on_both_backends!(
    an_admin_pages_through_the_accounts,
    only_enabled_admins_reach_admin_routes,
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
