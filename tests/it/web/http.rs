//! The dashboard over plain HTTP: security headers on every answer, the cookie's name and
//! flags, and the label a browser's User-Agent gives a web session.

use serde_json::json;

use crate::support::{Backend, EMAIL, PASSWORD, TestServer, server_with_user};

/// The page, its assets and the API all carry a CSP with no inline script and no
/// framing, and the page's assets are embedded (served without any build step).
#[tokio::test]
async fn every_answer_forbids_inline_script_and_framing() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let http = reqwest::Client::new();
    for (path, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/card.js", "text/javascript; charset=utf-8"),
        ("/assets/common.js", "text/javascript; charset=utf-8"),
        ("/assets/app.css", "text/css; charset=utf-8"),
        ("/assets/favicon.svg", "image/svg+xml"),
        ("/cli/authorize", "text/html; charset=utf-8"),
        ("/device", "text/html; charset=utf-8"),
        ("/assets/approve.js", "text/javascript; charset=utf-8"),
        ("/api/v1/healthz", "application/json"),
        ("/api/v1/sessions", "application/json"),
        ("/no/such/page", "application/json"),
    ] {
        let response = http
            .get(format!("{}{path}", server.url()))
            .send()
            .await
            .expect("send");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{path}: no {name}"))
                .to_string()
        };
        let csp = header("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{csp}"
        );
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert!(
            header("content-type").starts_with(content_type),
            "{path}: {}",
            header("content-type")
        );
    }
    let page = http
        .get(format!("{}/", server.url()))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("page");
    // No inline script, no style attribute, nothing from another origin.
    // Three external scripts, in order (what both pages share, the card's elements,
    // the dashboard), and no inline one.
    let scripts: Vec<&str> = page
        .match_indices("<script")
        .map(|(at, _)| page[at..].split('>').next().unwrap_or(""))
        .collect();
    assert_eq!(
        scripts,
        [
            "<script src=\"/assets/common.js\" defer",
            "<script src=\"/assets/card.js\" defer",
            "<script src=\"/assets/app.js\" defer",
        ],
        "external scripts only"
    );
    assert!(!page.contains("style="), "no inline style");
    assert!(!page.contains("https://"), "nothing loaded from elsewhere");
}

/// A browser's session is labelled from its User-Agent (`Firefox on Windows`); a label
/// sent by the client wins, and only web sessions are labelled so.
#[tokio::test]
async fn a_web_session_is_labelled_from_its_user_agent() {
    let Some((_db, _server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let firefox =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    let label = |answer: crate::support::Answer| answer.body["session"]["label"].clone();
    let answer = api.sign_in_as(firefox, "web", None).await;
    assert_eq!(label(answer), json!("Firefox on Windows"));
    let answer = api.sign_in_as(firefox, "web", Some("Home browser")).await;
    assert_eq!(label(answer), json!("Home browser"));
    let answer = api.sign_in_as(firefox, "desktop", None).await;
    assert_eq!(label(answer), json!(null));
    let hostile = format!("{}<script>", "A".repeat(20_000));
    let answer = api.sign_in_as(&hostile, "web", None).await;
    assert_eq!(
        label(answer),
        json!(null),
        "an unknown agent gives no label"
    );
}

fn set_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a Set-Cookie header")
        .to_string()
}

/// On loopback the cookie is `__Host-tab_session` with `Secure` (browsers keep it on
/// `http://127.0.0.1` and `localhost`), HttpOnly and SameSite=Lax; signing out makes the
/// browser forget it.
#[tokio::test]
async fn the_cookie_is_http_only_and_sign_out_clears_it() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let answer = api.sign_in_answer(EMAIL, PASSWORD, "web", None).await;
    let cookie = answer.headers["set-cookie"].to_str().expect("ascii");
    assert!(cookie.starts_with("__Host-tab_session="), "{cookie}");
    assert!(cookie.contains("; HttpOnly; SameSite=Lax;"), "{cookie}");
    assert!(cookie.ends_with("; Secure"), "{cookie}");
    let token = answer.body["token"].as_str().expect("token");
    let http = reqwest::Client::new();
    let response = http
        .post(format!("{}/api/v1/auth/sign-out", server.url()))
        .header("cookie", format!("__Host-tab_session={token}"))
        .header("x-requested-with", "tab")
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 204);
    assert_eq!(
        set_cookie(&response),
        "__Host-tab_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure"
    );
}

/// Behind an https public URL the cookie becomes `__Host-tab_session` with `Secure`, and
/// only that name is read; a bad public URL is refused before anything is created.
#[tokio::test]
async fn an_https_public_url_makes_the_cookie_host_only_and_secure() {
    let Some(db) = crate::support::TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let server =
        TestServer::start_with_args(&db, None, &["--public-url", "https://tab.example.com"]);
    assert!(
        server.wait_for_log("the dashboard is at https://tab.example.com/"),
        "{}",
        server.logs()
    );
    let api = crate::support::Api::new(&server);
    let answer = api.sign_in_answer(EMAIL, PASSWORD, "web", None).await;
    let cookie = answer.headers["set-cookie"].to_str().expect("ascii");
    assert!(cookie.starts_with("__Host-tab_session="), "{cookie}");
    assert!(cookie.ends_with("; Secure"), "{cookie}");
    assert!(
        cookie.contains("Path=/") && !cookie.contains("Domain"),
        "{cookie}"
    );
    let token = answer.body["token"].as_str().expect("token");
    let http = reqwest::Client::new();
    let me = |cookie: String| {
        http.get(format!("{}/api/v1/me", server.url()))
            .header("cookie", cookie)
            .send()
    };
    let plain = me(format!("tab_session={token}")).await.expect("send");
    assert_eq!(
        plain.status(),
        401,
        "the plain name is not read behind https"
    );
    let host = me(format!("__Host-tab_session={token}"))
        .await
        .expect("send");
    assert_eq!(host.status(), 200);

    let dir = tempfile::tempdir().expect("temp dir");
    let output = crate::support::run_with_stdin(
        crate::support::serve_command(&format!("sqlite://{}", dir.path().join("tab.db").display()))
            .args(["--public-url", "tab.example.com"]),
        "",
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the public URL must be an http or https URL"),
        "{stderr}"
    );
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "a refused configuration creates nothing"
    );
}

/// Cookies as an attacker or a broken browser sends them: empty, forged, buried among
/// 8 KB of others, 64 KB long, and fifty polls racing a revoke of the page's session.
/// Each gets a clean answer (never a 500), and the server keeps answering.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bad_huge_and_racing_cookies_get_clean_answers() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let http = reqwest::Client::new();
    let sessions = format!("{}/api/v1/sessions", server.url());
    let status_with = |cookie: String| {
        let request = http.get(&sessions).header("cookie", cookie);
        async move {
            let response = request.send().await.expect("send");
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            (status, body["error"].as_str().unwrap_or("").to_string())
        }
    };
    assert_eq!(
        status_with("__Host-tab_session=".into()).await,
        (401, "missing_token".into())
    );
    assert_eq!(
        status_with("__Host-tab_session=<script>".into()).await,
        (401, "invalid_token".into())
    );
    let crowd: String = (0..400).map(|i| format!("c{i}=xxxxxxxxxxxxxx; ")).collect();
    assert_eq!(
        status_with(format!("{crowd}__Host-tab_session={token}")).await,
        (200, String::new())
    );
    let huge = status_with(format!("__Host-tab_session={}", "A".repeat(64 * 1024))).await;
    assert!(matches!(huge.0, 401 | 431), "{huge:?}");

    // Fifty polls of the page's cookie racing a revoke-others from another device.
    let (other, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let polls: Vec<_> = (0..50)
        .map(|_| tokio::spawn(status_with(format!("__Host-tab_session={token}"))))
        .collect();
    let revoked = api.revoke_others(&other, None).await;
    assert_eq!(revoked.body, json!({"revoked": 1}));
    for poll in polls {
        let (status, code) = poll.await.expect("a poll");
        assert!(
            status == 200 || (status == 401 && code == "session_revoked"),
            "{status} {code}"
        );
    }
    assert_eq!(
        status_with(format!("__Host-tab_session={token}")).await,
        (401, "session_revoked".into())
    );
    let health = api.call("GET", "/healthz", None, None).await;
    assert_eq!(health.status, 200);
}
