//! The card acting and reacting in a real headless Chromium: the trash-can, "Sign out
//! everywhere else", the user menu, the keyboard, and changes made elsewhere (by the API
//! or by `tab`) showing within 5 seconds. Renaming a row and the new-device alerts are
//! `rename_and_alerts.rs`.

use std::time::Duration;

use fantoccini::actions::{InputSource as _, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::json;

use super::Scene;
use crate::support::cli::CliEnv;
use crate::support::{EMAIL, PASSWORD};

/// The trash-can fires at once with no confirmation, the row goes, and that session's
/// token gets 401 from the API.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trash_can_signs_a_device_out_at_once() {
    let Some(scene) = Scene::start("trash-can").await else {
        return;
    };
    let (laptop, laptop_id) = scene
        .api
        .sign_in(EMAIL, PASSWORD, "desktop", Some("Office laptop"))
        .await;
    scene.sign_in_page().await;
    scene.wait_for_rows(2).await;
    scene
        .browser
        .click("button[aria-label^='Sign out Office laptop,']")
        .await;
    scene.wait_for_rows(1).await;
    let answer = scene
        .api
        .call("GET", "/sessions", Some(&laptop), None)
        .await;
    assert_eq!((answer.status, answer.code()), (401, "session_revoked"));
    assert!(
        scene
            .rows()
            .await
            .iter()
            .all(|row| row["id"] != json!(laptop_id)),
        "the row is gone"
    );
    scene.browser.screenshot("after-trash-can").await;
    scene.browser.close().await;
}

/// "Sign out everywhere else" shows only while others exist; it leaves this device's row
/// alone and then disappears, and every other token gets 401.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_everywhere_else_leaves_one_row() {
    let Some(scene) = Scene::start("everywhere-else").await else {
        return;
    };
    let mut tokens = Vec::new();
    for (kind, label) in [
        ("desktop", "Office laptop"),
        ("web", "Home"),
        ("cli", "ana"),
    ] {
        tokens.push(
            scene
                .api
                .sign_in(EMAIL, PASSWORD, kind, Some(label))
                .await
                .0,
        );
    }
    let current = scene.sign_in_page().await;
    scene.wait_for_rows(4).await;
    scene.browser.screenshot("before-everywhere-else").await;
    scene.browser.click("#revoke-others").await;
    scene.wait_for_rows(1).await;
    scene
        .browser
        .wait_until(
            "the button to disappear",
            "return document.querySelector('#revoke-others').hidden",
        )
        .await;
    assert_eq!(scene.rows().await[0]["id"], json!(current));
    for token in &tokens {
        let answer = scene.api.call("GET", "/me", Some(token), None).await;
        assert_eq!(answer.status, 401);
    }
    scene.browser.screenshot("after-everywhere-else").await;
    scene.browser.close().await;
}

/// Revoking the page's own session with `tab sessions revoke` sends the page to the
/// sign-in screen within 5 seconds, with a sentence saying why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_by_tab_the_page_returns_to_sign_in() {
    let Some(scene) = Scene::start("bounced").await else {
        return;
    };
    let page = scene.sign_in_page().await;
    let cli = CliEnv::new(&scene.server);
    cli.login(EMAIL, PASSWORD, "ana-laptop");
    let output = cli.run(&["sessions", "revoke", &page], "");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let took = scene.wait_until_bounced().await;
    eprintln!("the page returned to the sign-in screen {took:?} after the revoke");
    scene.browser.screenshot("bounced").await;
    scene.browser.close().await;
}

/// Offboarded by an administrator (`tab admin offboard`), the page goes back to the
/// sign-in screen saying an administrator did it, and signing in again is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offboarded_by_an_administrator_the_page_says_so() {
    let Some(scene) = Scene::start("offboarded").await else {
        return;
    };
    scene.sign_in_page().await;
    let added = scene
        .db
        .try_add_user("root@example.com", "admin", &format!("{PASSWORD}\n"));
    assert!(added.status.success(), "{added:?}");
    let admin = CliEnv::new(&scene.server);
    admin.login("root@example.com", PASSWORD, "root's laptop");
    let output = admin.run(&["admin", "offboard", EMAIL], "");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    scene
        .browser
        .wait_for_screen("sign-in", super::NOTICE_WITHIN)
        .await;
    assert_eq!(
        scene.sign_in_notice().await,
        json!(
            "This device was signed out by an administrator of your firm. Sign in again to continue, or ask them why."
        )
    );
    scene.browser.screenshot("offboarded").await;
    scene.browser.close().await;
}

/// Sessions signed in and revoked elsewhere appear and vanish without a reload.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_follows_changes_made_elsewhere() {
    let Some(scene) = Scene::start("follows").await else {
        return;
    };
    scene.sign_in_page().await;
    scene.wait_for_rows(1).await;
    let (token, _) = scene
        .api
        .sign_in(EMAIL, PASSWORD, "desktop", Some("New laptop"))
        .await;
    scene.wait_for_rows(2).await;
    let (_, other) = scene
        .api
        .sign_in(EMAIL, PASSWORD, "web", Some("Other"))
        .await;
    scene.wait_for_rows(3).await;
    let answer = scene
        .api
        .call("DELETE", &format!("/sessions/{other}"), Some(&token), None)
        .await;
    assert_eq!(answer.status, 200);
    scene.wait_for_rows(2).await;
    let count = scene
        .browser
        .script("return document.getElementById('tile-count').textContent")
        .await;
    assert_eq!(count, json!("2"));
    scene.browser.close().await;
}

/// The avatar's menu holds Sign out, which ends this session on the server and shows the
/// sign-in screen; a reload stays there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_user_menu_signs_this_device_out() {
    let Some(scene) = Scene::start("user-menu").await else {
        return;
    };
    let page = scene.sign_in_page().await;
    scene.browser.click("#avatar").await;
    scene
        .browser
        .wait_until("the menu", "return !document.getElementById('menu').hidden")
        .await;
    scene.browser.screenshot("user-menu").await;
    scene.browser.click("#menu [role=menuitem]").await;
    scene
        .browser
        .wait_for_screen("sign-in", Duration::from_secs(5))
        .await;
    let notice = scene.sign_in_notice().await;
    assert_eq!(notice, json!("You signed out of this device."));
    let (token, _) = scene.api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let list = scene
        .api
        .call("GET", "/sessions?include=revoked", Some(&token), None)
        .await;
    let ended = list.body["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["id"] == json!(page))
        .expect("the page's session")
        .clone();
    assert!(ended["revoked_at"].is_string(), "{ended}");
    scene.browser.client.refresh().await.expect("reload");
    scene
        .browser
        .wait_for_screen("sign-in", Duration::from_secs(5))
        .await;
    scene.browser.close().await;
}

/// By keyboard alone: Tab to a row's trash-can (its focus ring visible), Enter, and the
/// row is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyboard_alone_can_sign_a_device_out() {
    let Some(scene) = Scene::start("keyboard").await else {
        return;
    };
    scene
        .api
        .sign_in(EMAIL, PASSWORD, "desktop", Some("Office laptop"))
        .await;
    scene.sign_in_page().await;
    scene.wait_for_rows(2).await;
    let target = "Sign out Office laptop, started just now";
    let mut reached = false;
    for _ in 0..30 {
        press(&scene, Key::Tab).await;
        let focused = scene
            .browser
            .script("return document.activeElement.getAttribute('aria-label')")
            .await;
        if focused
            .as_str()
            .is_some_and(|name| name.starts_with(target))
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the trash-can");
    let outline = scene
        .browser
        .script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
        .await;
    assert_eq!(outline, json!(["solid", "2px"]), "a visible focus ring");
    scene.browser.screenshot("keyboard-focus").await;
    press(&scene, Key::Enter).await;
    scene.wait_for_rows(1).await;
    scene.browser.close().await;
}

async fn press(scene: &Scene, key: Key) {
    let actions = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: key.into() })
        .then(KeyAction::Up { value: key.into() });
    scene
        .browser
        .client
        .perform_actions(actions)
        .await
        .expect("press a key");
}
