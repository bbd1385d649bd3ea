//! Signing in through a browser (issue 19), on both backends: the device flow
//! (`/auth/device`, polling with `authorization_pending` and `slow_down`, lookup,
//! approve, deny, expiry driven by the test, one use, wrong codes limited under 20
//! parallel guessers, a code approved by another account signs in that account only).
//! The loopback flow of `tab login --web` is `loopback_grants.rs`.

use serde_json::{Value, json};

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Answer, Api, Backend, TestDatabase, TestServer, server_with_user};

on_both_backends!(
    a_device_is_approved_once_after_polling,
    a_denied_or_expired_device_code_signs_nobody_in,
    wrong_user_codes_are_limited_under_parallel_guessing,
    a_code_approved_by_another_account_signs_that_account_in,
);

pub(super) const AGENT: &str = "tab/0.1.0 (Linux)";

async fn ask_for_device(api: &Api, label: &str) -> Value {
    let response = reqwest::Client::new()
        .post(format!("{}/auth/device", api.base))
        .header("user-agent", AGENT)
        .json(&json!({"client": {"kind": "cli", "label": label}}))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

async fn poll(api: &Api, device_code: &str) -> Answer {
    api.call(
        "POST",
        "/auth/device/token",
        None,
        Some(json!({"device_code": device_code})),
    )
    .await
}

pub(super) async fn world(backend: Backend) -> Option<(TestDatabase, TestServer, Api, String)> {
    let (db, server, api) = server_with_user(backend, EMAIL, PASSWORD).await?;
    let (ana, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    Some((db, server, api, ana))
}

async fn a_device_is_approved_once_after_polling(backend: Backend) {
    let Some((db, _server, api, ana)) = world(backend).await else {
        return;
    };
    let codes = ask_for_device(&api, "ssh box").await;
    let user_code = codes["user_code"].as_str().expect("user code");
    assert!(regex_like_user_code(user_code), "{user_code}");
    assert_eq!(codes["expires_in"], 900);
    assert_eq!(codes["interval"], 5);
    assert!(
        codes["verification_uri"]
            .as_str()
            .unwrap()
            .ends_with("/device")
    );
    let device_code = codes["device_code"].as_str().expect("device code");
    // Stored hashed: neither code is in the database.
    let stored: i64 = db
        .scalar(&format!(
            "SELECT COUNT(*) FROM cli_grants WHERE secret_hash = '{device_code}' OR user_code_hash = '{}'",
            user_code.replace('-', "")
        ))
        .await;
    assert_eq!(stored, 0);
    let first = poll(&api, device_code).await;
    assert_eq!((first.status, first.code()), (400, "authorization_pending"));
    let soon = poll(&api, device_code).await;
    assert_eq!((soon.status, soon.code()), (400, "slow_down"));
    assert_eq!(soon.body["interval"], 10);
    // Looked up in another case and without the dash; the device is shown as it said.
    let typed = user_code.replace('-', "").to_lowercase();
    let looked = api
        .call(
            "POST",
            "/auth/device/lookup",
            Some(&ana),
            Some(json!({"user_code": typed})),
        )
        .await;
    assert_eq!(looked.status, 200, "{:?}", looked.body);
    assert_eq!(looked.body["device"], "tab 0.1.0 on Linux");
    assert_eq!(looked.body["label"], "ssh box");
    assert_eq!(looked.body["ip"], "127.0.0.1");
    let approved = api
        .call(
            "POST",
            "/auth/device/approve",
            Some(&ana),
            Some(json!({"user_code": user_code})),
        )
        .await;
    assert_eq!(approved.status, 204, "{:?}", approved.body);
    let signed_in = poll(&api, device_code).await;
    assert_eq!(signed_in.status, 201, "{:?}", signed_in.body);
    let token = signed_in.body["token"].as_str().expect("token");
    let me = api.call("GET", "/me", Some(token), None).await;
    assert_eq!(me.body["user"]["email"], EMAIL);
    assert_eq!(me.body["session"]["kind"], "cli");
    assert_eq!(me.body["session"]["label"], "ssh box");
    // Exactly once: neither code works again.
    let again = poll(&api, device_code).await;
    assert_eq!((again.status, again.code()), (400, "invalid_grant"));
    let twice = api
        .call(
            "POST",
            "/auth/device/approve",
            Some(&ana),
            Some(json!({"user_code": user_code})),
        )
        .await;
    assert_eq!(twice.status, 404);
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM device_sessions WHERE method = 'device'")
            .await,
        1
    );
    // Without a session the page's calls are 401; a browser's cookie needs the guard.
    let anonymous = api
        .call(
            "POST",
            "/auth/device/lookup",
            None,
            Some(json!({"user_code": user_code})),
        )
        .await;
    assert_eq!(anonymous.status, 401);
    // A web client cannot ask for a device code, nor a bad label pass.
    for body in [
        json!({"client": {"kind": "web"}}),
        json!({"client": {"kind": "cli", "label": "This device"}}),
        json!({"client": {"kind": "cli", "label": "x".repeat(10_000)}}),
        json!({"client": {"kind": "cli"}, "extra": 1}),
    ] {
        let answer = api.call("POST", "/auth/device", None, Some(body)).await;
        assert_eq!(answer.status, 400, "{:?}", answer.body);
    }
    let huge = poll(&api, &"x".repeat(100_000)).await;
    assert!(matches!(huge.status, 400 | 413), "{}", huge.status);
}

fn regex_like_user_code(code: &str) -> bool {
    let (a, b) = code.split_once('-').unwrap_or(("", ""));
    a.len() == 4
        && b.len() == 4
        && a.chars()
            .chain(b.chars())
            .all(|c| tab_api::USER_CODE_ALPHABET.contains(c))
}

async fn a_denied_or_expired_device_code_signs_nobody_in(backend: Backend) {
    let Some((db, _server, api, ana)) = world(backend).await else {
        return;
    };
    let denied = ask_for_device(&api, "phished").await;
    let deny = api
        .call(
            "POST",
            "/auth/device/deny",
            Some(&ana),
            Some(json!({"user_code": denied["user_code"]})),
        )
        .await;
    assert_eq!(deny.status, 204);
    for _ in 0..2 {
        let answer = poll(&api, denied["device_code"].as_str().unwrap()).await;
        assert_eq!((answer.status, answer.code()), (400, "access_denied"));
    }
    let events = api.call("GET", "/sessions/events", Some(&ana), None).await;
    let denied_event = events.body["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["type"] == "denied")
        .cloned()
        .expect("the denial is on the record");
    assert_eq!(denied_event["session"]["label"], "phished");
    let approve_after = api
        .call(
            "POST",
            "/auth/device/approve",
            Some(&ana),
            Some(json!({"user_code": denied["user_code"]})),
        )
        .await;
    assert_eq!(approve_after.status, 404);
    // Expiry, driven by the test rather than by waiting 15 minutes.
    let late = ask_for_device(&api, "late").await;
    db.execute("UPDATE cli_grants SET expires_at = 1 WHERE status = 'pending'")
        .await;
    let answer = poll(&api, late["device_code"].as_str().unwrap()).await;
    assert_eq!((answer.status, answer.code()), (400, "expired_token"));
    let lookup = api
        .call(
            "POST",
            "/auth/device/lookup",
            Some(&ana),
            Some(json!({"user_code": late["user_code"]})),
        )
        .await;
    assert_eq!(lookup.status, 404);
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM device_sessions WHERE method = 'device'")
            .await,
        0
    );
}

async fn wrong_user_codes_are_limited_under_parallel_guessing(backend: Backend) {
    let Some((_db, _server, api, ana)) = world(backend).await else {
        return;
    };
    let real = ask_for_device(&api, "guessed").await;
    let guesses: Vec<_> = (0..20)
        .map(|i| {
            let api = api.clone();
            let ana = ana.clone();
            tokio::spawn(async move {
                let code = format!("BCDF-{}", ["GHJK", "LMNP", "QRST", "VWXZ", "BBBB"][i % 5]);
                api.call(
                    "POST",
                    "/auth/device/lookup",
                    Some(&ana),
                    Some(json!({"user_code": code})),
                )
                .await
                .status
            })
        })
        .collect();
    let mut wrong = 0;
    let mut limited = 0;
    for guess in guesses {
        match guess.await.expect("guess") {
            404 => wrong += 1,
            429 | 503 => limited += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert!(
        wrong <= 10,
        "{wrong} wrong codes were checked: the limit is 10"
    );
    assert_eq!(wrong + limited, 20);
    // Even the right code is refused now: guessing bought nothing.
    let right = api
        .call(
            "POST",
            "/auth/device/lookup",
            Some(&ana),
            Some(json!({"user_code": real["user_code"]})),
        )
        .await;
    assert_eq!(right.status, 429, "{:?}", right.body);
}

async fn a_code_approved_by_another_account_signs_that_account_in(backend: Backend) {
    let Some((db, _server, api, ana)) = world(backend).await else {
        return;
    };
    db.add_user("bo@example.com", PASSWORD);
    let (bo, _) = api.sign_in("bo@example.com", PASSWORD, "web", None).await;
    let codes = ask_for_device(&api, "Ana's box").await;
    let approve = api
        .call(
            "POST",
            "/auth/device/approve",
            Some(&bo),
            Some(json!({"user_code": codes["user_code"]})),
        )
        .await;
    assert_eq!(approve.status, 204);
    let signed_in = poll(&api, codes["device_code"].as_str().unwrap()).await;
    let token = signed_in.body["token"].as_str().expect("token");
    let me = api.call("GET", "/me", Some(token), None).await;
    assert_eq!(me.body["user"]["email"], "bo@example.com");
    // Ana's sessions: only her own browser.
    assert_eq!(api.session_ids(&ana).await.len(), 1);
    // Approved, then the account is disabled before the device polls: nobody gets in.
    let codes = ask_for_device(&api, "too late").await;
    let approve = api
        .call(
            "POST",
            "/auth/device/approve",
            Some(&ana),
            Some(json!({"user_code": codes["user_code"]})),
        )
        .await;
    assert_eq!(approve.status, 204);
    let disabled = db.server_user(&["disable", EMAIL], "");
    assert!(disabled.status.success(), "{disabled:?}");
    let refused = poll(&api, codes["device_code"].as_str().unwrap()).await;
    assert_eq!((refused.status, refused.code()), (403, "account_disabled"));
}
