//! The approval pages in real browsers (issue 19): `tab login --web` with `BROWSER`
//! handing the address to the test's Chromium, which signs in on the page and approves;
//! and `/device` in Chromium and Firefox, where a device's label full of markup stays
//! text, and Approve signs the waiting `tab login --device` in. A cross-site approval is
//! refused.

use std::time::Duration;

use serde_json::json;

use super::Scene;
use crate::cli::browser_login::{Running, opened_url, recording_browser, user_code};
use crate::support::browser::Engine;
use crate::support::cli::CliEnv;
use crate::support::{EMAIL, PASSWORD};

const WITHIN: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_web_is_approved_in_the_browser() {
    let Some(scene) = Scene::start("approve-web").await else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let (browser, opened) = recording_browser(dir.path());
    let cli = CliEnv::new(&scene.server);
    let run = Running::start(
        &cli,
        &[
            "login",
            "--web",
            "--insecure-storage",
            "--label",
            "Ana's laptop",
        ],
        &[("BROWSER", &browser)],
    );
    let page = opened_url(&opened);
    scene.browser.open(page.as_str()).await;
    scene
        .browser
        .wait_for_screen("sign-in-screen", WITHIN)
        .await;
    scene.browser.sign_in(EMAIL, PASSWORD).await;
    scene
        .browser
        .wait_for_screen("approve-screen", WITHIN)
        .await;
    let shown = scene
        .browser
        .script("return [document.querySelector('#asking').textContent, document.querySelector('#asking-where').textContent, document.querySelector('#as-email').textContent, document.querySelector('#asking-detail').textContent]")
        .await;
    assert_eq!(
        shown,
        json!([
            format!("tab {} on Linux", env!("CARGO_PKG_VERSION")),
            "on this computer",
            EMAIL,
            "Session name: Ana's laptop"
        ])
    );
    // Approve and Deny weigh the same.
    let same = scene
        .browser
        .script("const a = document.querySelector('#approve'), d = document.querySelector('#deny'); return a.className === d.className && a.offsetWidth === d.offsetWidth;")
        .await;
    assert_eq!(same, json!(true));
    scene.browser.screenshot("approve-web").await;
    scene.browser.click("#approve").await;
    let (exit, stderr) = run.finish();
    assert_eq!(exit, Some(0), "{stderr}");
    assert!(stderr.contains("as ana@example.com"), "{stderr}");
    let list = cli.run(&["sessions", "list"], "");
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    let current = list
        .lines()
        .find(|l| l.contains("This device"))
        .expect("this device");
    assert!(
        current.contains("Ana's laptop") && current.contains("[cli]"),
        "{list}"
    );
    scene.browser.close().await;
}

async fn device_page_approves_and_shows_markup_as_text(engine: Engine, test: &str) {
    let Some(scene) = Scene::start_in(engine, test).await else {
        return;
    };
    let hostile = "<img src=x onerror=\"document.title='owned'\"><b>bold</b>";
    let cli = CliEnv::new(&scene.server);
    let mut run = Running::start(
        &cli,
        &[
            "login",
            "--device",
            "--insecure-storage",
            "--label",
            hostile,
        ],
        &[],
    );
    let code = run.wait_for(user_code);
    scene
        .browser
        .open(&format!(
            "{}/device?user_code={}",
            scene.server.url(),
            code.to_lowercase()
        ))
        .await;
    scene
        .browser
        .wait_for_screen("sign-in-screen", WITHIN)
        .await;
    scene.browser.sign_in(EMAIL, PASSWORD).await;
    scene.browser.wait_for_screen("code-screen", WITHIN).await;
    scene.browser.click("#code-button").await;
    scene
        .browser
        .wait_for_screen("approve-screen", WITHIN)
        .await;
    let shown = scene
        .browser
        .script("return [document.querySelector('#asking').textContent, document.querySelector('#asking-detail').textContent, document.querySelectorAll('main img, main b').length, document.title, document.querySelector('#approve-warning').textContent]")
        .await;
    assert_eq!(
        shown[0],
        json!(format!("tab {} on Linux", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(shown[1], json!(format!("Session name: {hostile}")));
    assert_eq!(shown[2], json!(0), "markup became elements");
    assert_eq!(shown[3], json!("Approve a sign-in · TAB"));
    assert!(
        shown[4]
            .as_str()
            .unwrap()
            .contains("If you did not start this on a device in front of you, deny.")
    );
    scene.browser.screenshot(test).await;
    scene.browser.click("#approve").await;
    scene.browser.wait_for_screen("done-screen", WITHIN).await;
    let (exit, stderr) = run.finish();
    assert_eq!(exit, Some(0), "{stderr}");
    scene.browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_device_page_in_chromium() {
    device_page_approves_and_shows_markup_as_text(Engine::Chromium, "device-chromium").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_device_page_in_firefox() {
    device_page_approves_and_shows_markup_as_text(Engine::Firefox, "device-firefox").await;
}

/// A page of another site posting an approval with the victim's cookie is refused.
#[tokio::test(flavor = "multi_thread")]
async fn a_cross_site_approval_is_refused() {
    let Some((_db, server, api)) =
        crate::support::server_with_user(crate::support::Backend::Sqlite, EMAIL, PASSWORD).await
    else {
        return;
    };
    let signed_in = api.sign_in_answer(EMAIL, PASSWORD, "web", None).await;
    let token = signed_in.body["token"].as_str().expect("token").to_string();
    let http = reqwest::Client::new();
    for (path, body) in [
        (
            "/api/v1/auth/device/approve",
            json!({"user_code": "BCDF-GHJK"}),
        ),
        (
            "/api/v1/auth/cli/authorize",
            json!({"port": 50000, "code_challenge": "a".repeat(43), "state": "state-1234"}),
        ),
    ] {
        let answer = http
            .post(format!("{}{path}", server.url()))
            .header("cookie", format!("__Host-tab_session={token}"))
            .header("x-requested-with", "tab")
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .json(&body)
            .send()
            .await
            .expect("send");
        assert_eq!(answer.status(), 403, "{path}");
        // Without the guard header, a cookie alone is refused too.
        let bare = http
            .post(format!("{}{path}", server.url()))
            .header("cookie", format!("__Host-tab_session={token}"))
            .json(&body)
            .send()
            .await
            .expect("send");
        assert_eq!(bare.status(), 403, "{path}");
    }
}
