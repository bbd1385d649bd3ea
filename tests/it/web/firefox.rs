//! The same page in Firefox (Debian's firefox-esr through geckodriver): sign in, the card's
//! rows, a label with markup shown as text, the trash-can, and the bounce when this
//! device is revoked elsewhere. The rest of the suite runs in Chromium.

use serde_json::json;

use super::Scene;
use crate::support::browser::Engine;
use crate::support::{EMAIL, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_works_in_firefox() {
    let Some(scene) = Scene::start_in(Engine::Firefox, "firefox").await else {
        return;
    };
    let hostile = "<img src=x onerror=alert(1)>";
    let (_, hostile_id) = scene
        .api
        .sign_in(EMAIL, PASSWORD, "desktop", Some(hostile))
        .await;
    scene.db.age_session(&hostile_id, 2 * 1440, 5).await;
    let (_, laptop_id) = scene
        .api
        .sign_in(EMAIL, PASSWORD, "cli", Some("Office laptop"))
        .await;
    scene.db.age_session(&laptop_id, 3 * 60, 3 * 60).await;

    // A wrong password first, then the right one.
    scene.open_page_at("sign-in").await;
    scene.browser.sign_in(EMAIL, "not the password").await;
    scene
        .browser
        .wait_until(
            "the wrong-password message",
            "return !document.querySelector('#sign-in-error').hidden",
        )
        .await;
    let page = scene.sign_in_page().await;
    scene.wait_for_rows(3).await;
    let rows: Vec<_> = scene
        .rows()
        .await
        .iter()
        .map(|r| json!([r["icon"], r["label"], r["tag"], r["times"], r["trash"]]))
        .collect();
    let own_times = rows[0][3].as_str().expect("times").to_string();
    assert!(
        own_times.starts_with("Firefox ")
            && own_times.ends_with(
                " on Linux · 127.0.0.1 · Last seen just now · started just now · id [ID]"
            ),
        "{own_times}"
    );
    assert_eq!(
        rows,
        vec![
            json!(["globe", "Firefox on Linux", "This device", own_times, null]),
            json!([
                "laptop",
                hostile,
                null,
                "127.0.0.1 · Last seen 5 min ago · started 2 days ago",
                format!("Sign out {hostile}, started 2 days ago ([ID])")
            ]),
            json!([
                "terminal",
                "Office laptop",
                null,
                "127.0.0.1 · Last seen 3 hr ago · started 3 hr ago",
                "Sign out Office laptop, started 3 hr ago ([ID])"
            ]),
        ]
    );
    let images = scene
        .browser
        .script("return document.querySelectorAll('#session-list img').length")
        .await;
    assert_eq!(images, json!(0));
    scene.browser.screenshot("card").await;

    scene
        .browser
        .click("button[aria-label^='Sign out Office laptop,']")
        .await;
    scene.wait_for_rows(2).await;

    // Revoked from elsewhere: back to the sign-in screen, saying why.
    let (other, _) = scene.api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let revoked = scene
        .api
        .call("DELETE", &format!("/sessions/{page}"), Some(&other), None)
        .await;
    assert_eq!(revoked.status, 200);
    scene.wait_until_bounced().await;
    scene.browser.screenshot("bounced").await;
    scene.browser.close().await;
}
