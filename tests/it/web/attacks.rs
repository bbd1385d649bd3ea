//! The second round's attacks on the card, in Chromium and in Firefox:
//!
//! - Cookie tossing: a page on another `127.0.0.1` port (the same host to the browser's
//!   cookie jar) plants `tab_session=<mallory's token>; Path=/api/v1`. Before, the
//!   victim's reloaded dashboard showed mallory's account, since the planted cookie came
//!   first. Now the page's cookie is `__Host-tab_session` with `Secure` on loopback too
//!   (both browsers keep it on plain-http loopback), and the planted name is never read.
//! - Cookie replacing: the other port, a secure context too, replaces the page's own
//!   `__Host-` cookie with mallory's. The page remembers, in its origin's storage (which
//!   ports keep apart), which session it signed in, and shows no other.
//! - A label that imitates the tag: before, the card read "This device" twice. Now such
//!   a sign-in is refused, and the card reads it once, on its own row.

use serde_json::json;

use super::{Scene, serve_page_with_headers};
use crate::support::browser::Engine;
use crate::support::{EMAIL, PASSWORD};

const MALLORY: &str = "mallory@example.com";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_cookie_and_a_spoofed_label_change_nothing_in_chromium() {
    planted_cookie_and_spoofed_label(Engine::Chromium, "attacks-chromium").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_cookie_and_a_spoofed_label_change_nothing_in_firefox() {
    planted_cookie_and_spoofed_label(Engine::Firefox, "attacks-firefox").await;
}

/// Whose account the page's cookie signs in, asked from the page itself (the same
/// cookies the dashboard's own calls carry under `/api/v1`).
async fn whose_page(scene: &Scene) -> serde_json::Value {
    scene
        .browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('/api/v1/me').then(r => r.json())
               .then(b => done(b.user ? b.user.email : b.error))
               .catch(e => done(String(e)));",
            Vec::new(),
        )
        .await
        .expect("ask /me from the page")
}

async fn planted_cookie_and_spoofed_label(engine: Engine, test: &str) {
    let Some(scene) = Scene::start_in(engine, test).await else {
        return;
    };
    scene.db.add_user(MALLORY, PASSWORD);
    let (mallory, _) = scene.api.sign_in(MALLORY, PASSWORD, "web", None).await;

    // The thief's label is refused; an ordinary second device is not.
    let spoof = scene
        .api
        .sign_in_answer(EMAIL, PASSWORD, "desktop", Some("This device"))
        .await;
    assert_eq!(spoof.status, 400, "{:?}", spoof.body);
    scene
        .api
        .sign_in(EMAIL, PASSWORD, "desktop", Some("Office laptop"))
        .await;

    scene.sign_in_page().await;
    scene.wait_for_rows(2).await;
    let cookies = scene
        .browser
        .client
        .get_all_cookies()
        .await
        .expect("the page's cookies");
    let session_cookie = cookies
        .iter()
        .find(|c| c.name() == "__Host-tab_session")
        .unwrap_or_else(|| panic!("no __Host-tab_session among {cookies:?}"));
    assert_eq!(session_cookie.secure(), Some(true));
    assert_eq!(session_cookie.http_only(), Some(true));
    let card = scene
        .browser
        .script("return document.querySelector('#session-list').innerText")
        .await;
    let card = card.as_str().expect("the card's text");
    assert_eq!(card.matches("This device").count(), 1, "{card}");
    assert_eq!(whose_page(&scene).await, json!(EMAIL));

    // Mallory's page on another loopback port plants her cookie for the API's paths.
    let planter = serve_page_with_headers(
        &format!("Set-Cookie: tab_session={mallory}; Path=/api/v1\r\n"),
        "<!doctype html><title>planted</title><p>planted</p>",
    );
    scene.browser.open(&planter).await;
    // The planted cookie is really in the jar, beside the page's own, for the API.
    scene
        .browser
        .open(&format!("{}/api/v1/healthz", scene.server.url()))
        .await;
    let names: Vec<String> = scene
        .browser
        .client
        .get_all_cookies()
        .await
        .expect("cookies under /api/v1")
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert!(
        names.iter().any(|n| n == "tab_session") && names.iter().any(|n| n == "__Host-tab_session"),
        "the planted cookie did not land, so this test would prove nothing: {names:?}"
    );

    // The victim reloads the dashboard: still her own account and sessions.
    scene.open_page_at("dashboard").await;
    scene.wait_for_rows(2).await;
    assert_eq!(whose_page(&scene).await, json!(EMAIL));
    let labels: Vec<_> = scene
        .rows()
        .await
        .iter()
        .map(|r| r["label"].clone())
        .collect();
    assert!(labels.contains(&json!("Office laptop")), "{labels:?}");
    scene.browser.screenshot("after-planted-cookie").await;

    // Stronger: the other port is a secure context too, so it can replace the page's own
    // `__Host-` cookie with mallory's. The page then refuses to act as her: it did not
    // sign that session in (its origin's storage, which ports keep apart, says which).
    let replacer = serve_page_with_headers(
        &format!("Set-Cookie: __Host-tab_session={mallory}; Path=/; Secure; SameSite=Lax\r\n"),
        "<!doctype html><title>replaced</title><p>replaced</p>",
    );
    scene.browser.open(&replacer).await;
    scene.open_page_at("sign-in").await;
    assert_eq!(
        whose_page(&scene).await,
        json!(MALLORY),
        "the cookie was not replaced, so this test would prove nothing"
    );
    let notice = scene.sign_in_notice().await;
    assert!(
        notice
            .as_str()
            .is_some_and(|n| n.contains("this page did not make")),
        "{notice}"
    );
    let shown = scene.browser.script("return document.body.innerText").await;
    assert!(
        !shown.as_str().unwrap_or_default().contains(MALLORY),
        "mallory's account was shown: {shown}"
    );
    // Signing in again puts the page back on the victim's own session.
    scene.browser.sign_in(EMAIL, PASSWORD).await;
    scene
        .browser
        .wait_for_screen("dashboard", std::time::Duration::from_secs(10))
        .await;
    assert_eq!(whose_page(&scene).await, json!(EMAIL));
    scene.browser.close().await;
}
