//! The sign-in screen and the Active sessions card in a real headless Chromium, against
//! sessions made through the API at known times.

use fantoccini::Locator;
use serde_json::json;

use super::Scene;
use crate::support::{EMAIL, PASSWORD};

/// The form's fields are labelled Email and Password, its button says Sign in; a wrong
/// password says so without saying which field was wrong, and the right one opens the
/// dashboard as a web session labelled from the browser, with an HttpOnly cookie.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_through_the_form() {
    let Some(scene) = Scene::start("sign-in").await else {
        return;
    };
    let browser = &scene.browser;
    scene.open_page_at("sign-in").await;
    let labels = browser
        .script(
            "return [document.querySelector('label[for=email]').textContent,
                     document.querySelector('label[for=password]').textContent,
                     document.querySelector('#sign-in-button').textContent,
                     document.querySelector('#password').type]",
        )
        .await;
    assert_eq!(labels, json!(["Email", "Password", "Sign in", "password"]));
    browser.screenshot("empty").await;

    browser.sign_in(EMAIL, "not the password").await;
    browser
        .wait_until(
            "the wrong-password message",
            "return !document.querySelector('#sign-in-error').hidden",
        )
        .await;
    let error = browser
        .script("return document.querySelector('#sign-in-error').textContent")
        .await;
    assert_eq!(error, json!("The email or password is wrong."));
    browser.screenshot("wrong-password").await;

    let id = scene.sign_in_page().await;
    let (token, _) = scene
        .api
        .sign_in(EMAIL, PASSWORD, "cli", Some("checker"))
        .await;
    let list = scene.api.call("GET", "/sessions", Some(&token), None).await;
    let page = list.body["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["id"] == json!(id))
        .expect("the page's session in the list")
        .clone();
    assert_eq!(page["kind"], json!("web"));
    assert_eq!(page["label"], json!("Chrome on Linux"));
    // The token stays out of the page's reach.
    assert_eq!(browser.script("return document.cookie").await, json!(""));
    scene.browser.close().await;
}

/// Row for row as the seed says: icons by kind, the label falling back to the kind, the
/// green tag on this device only, the card's relative words, trash-cans named after the
/// row on every other row; and the tiles' honest facts. Saves `docs/card.png` when
/// `TAB_UPDATE_GENERATED=1`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_shows_each_row_as_the_seed_describes() {
    let Some(scene) = Scene::start("card").await else {
        return;
    };
    // (kind, label, started minutes ago, seen minutes ago)
    let devices = [
        ("desktop", Some("Office laptop"), 2 * 1440 + 120, 5),
        ("web", Some("Safari on iOS"), 3 * 1440, 3 * 60),
        ("desktop", None, 4 * 1440, 2 * 1440),
        ("cli", Some("ana-laptop"), 20, 20),
    ];
    for (kind, label, started, seen) in devices {
        let (_, id) = scene.api.sign_in(EMAIL, PASSWORD, kind, label).await;
        scene.db.age_session(&id, started, seen).await;
    }
    let current = scene.sign_in_page().await;
    scene.wait_for_rows(5).await;
    let rows = scene.rows().await;
    let shown: Vec<_> = rows
        .iter()
        .map(|r| {
            json!([
                r["icon"],
                r["icon_name"],
                r["label"],
                r["tag"],
                r["times"],
                r["trash"]
            ])
        })
        .collect();
    // This device's row: the browser in detail, its address, and its own short id.
    let own_times = shown[0][4].as_str().expect("times");
    assert!(
        own_times.starts_with("Chrome ")
            && own_times.ends_with(
                " on Linux · 127.0.0.1 · Last seen just now · started just now · id [ID]"
            ),
        "{own_times}"
    );
    assert_eq!(
        shown[0],
        json!([
            "globe",
            "Web session",
            "Chrome on Linux",
            "This device",
            own_times,
            null
        ])
    );
    assert_eq!(
        shown[1..],
        vec![
            json!([
                "laptop",
                "Desktop session",
                "Office laptop",
                null,
                "127.0.0.1 · Last seen 5 min ago · started 2 days ago",
                "Sign out Office laptop, started 2 days ago ([ID])"
            ]),
            json!([
                "terminal",
                "Command line session",
                "ana-laptop",
                null,
                "127.0.0.1 · Last seen 20 min ago · started 20 min ago",
                "Sign out ana-laptop, started 20 min ago ([ID])"
            ]),
            json!([
                "globe",
                "Web session",
                "Safari on iOS",
                null,
                "127.0.0.1 · Last seen 3 hr ago · started 3 days ago",
                "Sign out Safari on iOS, started 3 days ago ([ID])"
            ]),
            json!([
                "laptop",
                "Desktop session",
                "desktop",
                null,
                "127.0.0.1 · Last seen 2 days ago · started 4 days ago",
                "Sign out desktop, started 4 days ago ([ID])"
            ]),
        ]
    );
    assert_eq!(rows[0]["id"], json!(current));
    let browser = &scene.browser;
    let look = browser
        .script(
            "const tag = getComputedStyle(document.querySelector('.tag'));
             const heading = document.querySelector('#card-title');
             return [tag.backgroundColor, tag.color, heading.textContent,
                     document.querySelector('#revoke-others').hidden,
                     document.querySelector('#revoke-others').textContent,
                     document.querySelectorAll('.session[data-current] button.icon-button').length]",
        )
        .await;
    assert_eq!(
        look,
        json!([
            "rgb(167, 240, 186)",
            "rgb(14, 96, 39)",
            // The heading carries the count (drawn in parentheses by the style sheet).
            "Active sessions 5",
            false,
            "Sign out everywhere else",
            0
        ])
    );
    let tiles = browser
        .script(
            "return ['tile-name', 'tile-email', 'tile-role', 'tile-count', 'tile-expires']
                .map(id => document.getElementById(id).textContent)",
        )
        .await;
    assert_eq!(
        tiles,
        json!(["Test User", EMAIL, "Accountant", "5", "In 7 days"])
    );
    let avatar = browser
        .client
        .find(Locator::Css("#avatar"))
        .await
        .expect("the avatar")
        .attr("aria-label")
        .await
        .expect("its name");
    assert!(avatar.is_some_and(|name| name.contains("Test User")));
    browser.screenshot("dashboard").await;
    let card = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser/card.png");
    browser.element_screenshot(".card", &card).await;
    if std::env::var("TAB_UPDATE_GENERATED").is_ok_and(|v| v == "1") {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/card.png");
        std::fs::copy(&card, &docs).expect("update docs/card.png");
    }
    scene.browser.close().await;
}

/// A label made to look like markup is shown as those characters: no element is made
/// from it and no script runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_label_is_shown_as_text() {
    let Some(scene) = Scene::start("hostile-label").await else {
        return;
    };
    let hostile = "<img src=x onerror=alert(1)>";
    scene
        .api
        .sign_in(EMAIL, PASSWORD, "desktop", Some(hostile))
        .await;
    scene.sign_in_page().await;
    scene.wait_for_rows(2).await;
    let rows = scene.rows().await;
    assert_eq!(rows[1]["label"], json!(hostile));
    assert_eq!(
        rows[1]["trash"],
        json!(format!("Sign out {hostile}, started just now ([ID])"))
    );
    let images = scene
        .browser
        .script("return document.querySelectorAll('#session-list img').length")
        .await;
    assert_eq!(images, json!(0));
    assert!(
        scene.browser.client.get_alert_text().await.is_err(),
        "no alert may open"
    );
    scene.browser.screenshot("hostile-label").await;
    scene.browser.close().await;
}

/// Another site cannot frame the page (so a trash-can cannot be clickjacked), and an
/// inline script put into the page does not run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_cannot_be_framed_or_run_inline_script() {
    let Some(scene) = Scene::start("csp").await else {
        return;
    };
    scene.sign_in_page().await;
    let browser = &scene.browser;
    browser
        .script(
            "const inline = document.createElement('script');
             inline.textContent = 'window.inlineRan = true;';
             document.body.append(inline);",
        )
        .await;
    assert_eq!(
        browser.script("return window.inlineRan === true").await,
        json!(false),
        "an inline script ran"
    );
    // A page of another origin (another loopback port) frames the dashboard, with the
    // cookie in the browser; the frame must stay empty.
    let framing = super::serve_page(&format!(
        "<!doctype html><p>Win a prize!</p><iframe src='{}/' width='900' height='600' onload='window.frameLoaded = true'></iframe>",
        scene.server.url()
    ));
    browser.open(&framing).await;
    // A refused frame still finishes loading (an error page): wait for that, not a time.
    browser
        .wait_until("the frame to load", "return window.frameLoaded === true")
        .await;
    browser.screenshot("framed").await;
    browser
        .client
        .enter_frame(0)
        .await
        .expect("enter the frame");
    let inside = browser
        .script("return document.getElementById('sign-in-form') !== null || document.getElementById('session-list') !== null")
        .await;
    assert_eq!(
        inside,
        json!(false),
        "the dashboard rendered inside a frame"
    );
    browser
        .client
        .enter_parent_frame()
        .await
        .expect("leave the frame");
    scene.browser.close().await;
}

/// At phone width nothing scrolls sideways and every row keeps its trash-can in view.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_fits_a_phone() {
    let Some(scene) = Scene::start("phone").await else {
        return;
    };
    scene
        .api
        .sign_in(
            EMAIL,
            PASSWORD,
            "desktop",
            Some(&"Very long device name ".repeat(3)),
        )
        .await;
    scene.browser.resize(390, 844).await;
    scene.sign_in_page().await;
    scene.wait_for_rows(2).await;
    let fits = scene
        .browser
        .script(
            "const trash = document.querySelector('#session-list button').getBoundingClientRect();
             return [document.documentElement.scrollWidth <= window.innerWidth,
                     trash.right <= window.innerWidth, trash.width >= 40]",
        )
        .await;
    assert_eq!(fits, json!([true, true, true]));
    scene.browser.screenshot("phone").await;
    scene.browser.close().await;
}

/// Issue 17, item 10: three `Chrome on Linux` rows read the same, and their trash-cans
/// had the same accessible name. Now each row's second line shows the device detail and
/// address, each trash-can's name is unique, and the page's own row shows its short id,
/// the one `tab sessions list` shows for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alike_rows_can_be_told_apart() {
    let Some(scene) = Scene::start("alike-rows").await else {
        return;
    };
    let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    let mut ids = Vec::new();
    for minutes in [5, 65, 200] {
        let answer = scene.api.sign_in_as(chrome, "web", None).await;
        let id = answer.body["session"]["id"]
            .as_str()
            .expect("id")
            .to_string();
        scene.db.age_session(&id, minutes, minutes).await;
        ids.push(id);
    }
    let page = scene.sign_in_page().await;
    scene.wait_for_rows(4).await;
    let rows = scene.rows().await;
    let names: std::collections::HashSet<String> = rows[1..]
        .iter()
        .map(|r| r["trash"].as_str().expect("a trash-can").to_string())
        .collect();
    assert_eq!(names.len(), 3, "{rows:?}");
    for row in &rows[1..] {
        assert_eq!(row["label"], json!("Chrome on Linux"));
        assert!(
            row["times"]
                .as_str()
                .is_some_and(|t| t.starts_with("Chrome 131 on Linux · 127.0.0.1 · Last seen")),
            "{row}"
        );
    }
    // The ids in the trash-cans' names are the rows' own.
    let real_names: Vec<String> = scene
        .browser
        .script("return Array.from(document.querySelectorAll('#session-list button')).map(b => b.getAttribute('aria-label'))")
        .await
        .as_array()
        .expect("names")
        .iter()
        .map(|n| n.as_str().expect("a name").to_string())
        .collect();
    for id in &ids {
        assert!(
            real_names
                .iter()
                .any(|n| n.ends_with(&format!("({})", &id[..8]))),
            "{id} in {real_names:?}"
        );
    }
    // This device's row carries its short id, as `tab sessions list` shows it.
    let own = scene
        .browser
        .script(
            "return document.querySelector('.session[data-current] .session-times').textContent",
        )
        .await;
    assert!(
        own.as_str()
            .is_some_and(|t| t.ends_with(&format!("id {}", &page[..8]))),
        "{own}"
    );
    scene.browser.close().await;
}
