//! The card's rename and its new-device alerts in a real headless Chromium: a row renamed
//! in place (Enter saves, Escape cancels, a refusal said beside the field), and a new
//! device's sign-in shown until "It was me".

use std::time::Duration;

use serde_json::json;

use super::Scene;

/// A sign-in from a new device shows above the list within one refresh, as text, and
/// "It was me" acknowledges it for the whole account. Saves `docs/alert.png` when
/// `TAB_UPDATE_GENERATED=1`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_device_sign_in_is_shown_until_it_was_me() {
    let Some(scene) = Scene::start("alert").await else {
        return;
    };
    scene.sign_in_page().await;
    let firefox =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    let new = scene.api.sign_in_as(firefox, "web", None).await;
    assert_eq!(new.body["session"]["new_device"], true, "{:?}", new.body);
    scene
        .browser
        .wait_until(
            "the alert",
            "return document.querySelector('#alerts .alert') !== null",
        )
        .await;
    let text = scene
        .browser
        .script("return document.querySelector('#alerts .alert p').textContent")
        .await;
    assert_eq!(
        text,
        json!(
            "New sign-in: Firefox 133 on Windows from 127.0.0.1, just now. If this wasn't you, sign out everywhere else, then change your password."
        )
    );
    scene.browser.screenshot("alert").await;
    // The card with its notification, for the README (docs/alert.png).
    let card = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser/alert.png");
    scene.browser.element_screenshot(".card", &card).await;
    if std::env::var("TAB_UPDATE_GENERATED").is_ok_and(|v| v == "1") {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/alert.png");
        std::fs::copy(&card, &docs).expect("update docs/alert.png");
    }
    scene.browser.click("#alerts .button-ghost").await;
    scene
        .browser
        .wait_until(
            "the alert to go",
            "return document.querySelector('#alerts .alert') === null",
        )
        .await;
    let token = new.body["token"].as_str().expect("token");
    let alerts = scene.api.call("GET", "/alerts", Some(token), None).await;
    assert_eq!(alerts.body["alerts"], json!([]));
    scene.browser.close().await;
}

/// Every row, this device's included, can be renamed in place: Enter saves, a refused
/// label is said next to the field, Escape cancels, and the poll does not wipe the field.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_is_renamed_in_place() {
    let Some(scene) = Scene::start("rename").await else {
        return;
    };
    let own = scene.sign_in_page().await;
    let rows = scene.rows().await;
    assert_eq!(
        rows[0]["rename"],
        json!("Rename Chrome on Linux (this device)")
    );
    scene
        .browser
        .click(".session[data-current] .text-button")
        .await;
    let field = ".session[data-current] .rename input";
    scene
        .browser
        .wait_until(
            "the field",
            &format!("return document.querySelector('{field}') !== null"),
        )
        .await;
    // Refused: said next to the field, which stays open (also across a poll).
    scene.browser.type_into(field, "This device").await;
    scene
        .browser
        .script(&format!(
            "document.querySelector('{field}').form.requestSubmit()"
        ))
        .await;
    scene
        .browser
        .wait_until(
            "the refusal",
            "return !document.querySelector('.rename-error').hidden",
        )
        .await;
    // Longer than two of the card's 2 s polls, on purpose: the field must survive them.
    tokio::time::sleep(Duration::from_millis(5500)).await;
    assert_eq!(
        scene
            .browser
            .script(&format!(
                "return document.querySelector('{field}') !== null"
            ))
            .await,
        json!(true),
        "the poll redrew the field away"
    );
    scene.browser.type_into(field, "Ana's desk").await;
    scene
        .browser
        .script(&format!(
            "document.querySelector('{field}').form.requestSubmit()"
        ))
        .await;
    scene
        .browser
        .wait_until(
            "the new name",
            "return document.querySelector('.session[data-current] .session-label') !== null && document.querySelector('.session[data-current] .session-label').textContent === \"Ana's desk\"",
        )
        .await;
    let token_list = scene
        .api
        .call("GET", &format!("/sessions/{own}"), None, None)
        .await;
    assert_eq!(token_list.status, 405);
    // Escape cancels.
    scene
        .browser
        .click(".session[data-current] .text-button")
        .await;
    scene.browser.type_into(field, "never saved").await;
    scene
        .browser
        .script(&format!("document.querySelector('{field}').dispatchEvent(new KeyboardEvent('keydown', {{key: 'Escape', bubbles: true}}))"))
        .await;
    scene
        .browser
        .wait_until(
            "the row back",
            "return document.querySelector('.session[data-current] .session-label') !== null && document.querySelector('.session[data-current] .session-label').textContent === \"Ana's desk\"",
        )
        .await;
    scene.browser.screenshot("renamed").await;
    scene.browser.close().await;
}
