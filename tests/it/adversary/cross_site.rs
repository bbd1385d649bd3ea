//! Rows "cookie tossing over plain http" and "a cross-site request carrying the guard
//! header". Before: with two session cookies the server read the first (a cookie planted
//! by a page on another port of the same host comes first, so the victim's dashboard
//! showed the planter's account), and a cookie-authenticated revoke from `Origin:
//! https://evil.example` with `X-Requested-With: tab` answered 200. Now a request with two
//! session cookies is refused as ambiguous (and told to forget them), a planted cookie of
//! the other name is never read, and a browser's change from another site or origin is
//! refused; Bearer requests are unaffected. (The same in real browsers: `web/attacks.rs`.)

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Api, Backend, TestDatabase, TestServer, server_with_user};

on_both_backends!(
    two_session_cookies_are_refused_as_ambiguous,
    changes_from_another_site_are_refused,
);

const MALLORY: &str = "mallory@example.com";

/// A GET with `cookie` (and `host`, when given) to `url`: status, error code, email of
/// `/me` if any, and the `Set-Cookie` headers.
async fn get_with(url: &str, cookie: &str, host: Option<&str>) -> (u16, String, Vec<String>) {
    let mut request = reqwest::Client::new().get(url).header("cookie", cookie);
    if let Some(host) = host {
        request = request.header("host", host);
    }
    let response = request.send().await.expect("send");
    let status = response.status().as_u16();
    let cleared = set_cookies(response.headers());
    let body: Value = response.json().await.unwrap_or_default();
    let said = body["error"]
        .as_str()
        .or(body["user"]["email"].as_str())
        .unwrap_or("")
        .to_string();
    (status, said, cleared)
}

fn set_cookies(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii").to_string())
        .collect()
}

async fn two_session_cookies_are_refused_as_ambiguous(backend: Backend) {
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    db.add_user(MALLORY, PASSWORD);
    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    let (ana, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let (mallory, _) = api.sign_in(MALLORY, PASSWORD, "web", None).await;
    let me = format!("{}/api/v1/me", server.url());

    // On loopback the cookie is `__Host-tab_session`: a planted `tab_session` (which any
    // page of the host may set under any path) is not read at all, first or not.
    for cookie in [
        format!("tab_session={mallory}; __Host-tab_session={ana}"),
        format!("__Host-tab_session={ana}; tab_session={mallory}"),
    ] {
        assert_eq!(get_with(&me, &cookie, None).await.1, EMAIL, "{cookie}");
    }
    // Two of the name itself: neither is used, in one header or in two.
    let (status, code, cleared) = get_with(
        &me,
        &format!("__Host-tab_session={mallory}; __Host-tab_session={ana}"),
        None,
    )
    .await;
    assert_eq!((status, code.as_str()), (401, "ambiguous_session_cookie"));
    assert_eq!(
        cleared,
        ["__Host-tab_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure"]
    );
    let two_headers = reqwest::Client::new()
        .get(&me)
        .header("cookie", format!("__Host-tab_session={ana}"))
        .header("cookie", format!("__Host-tab_session={ana}"))
        .send()
        .await
        .expect("send");
    assert_eq!(two_headers.status(), 401);

    // Where the plain name is in use (plain http on a network name), two of it are
    // refused too, and every copy the request's path could carry is cleared.
    let public =
        TestServer::start_with_args(&db, None, &["--public-url", "http://tab.office.example"]);
    let sessions = format!("{}/api/v1/sessions", public.url());
    let host = Some("tab.office.example");
    let (token, _) = Api::new(&public)
        .sign_in(EMAIL, PASSWORD, "web", None)
        .await;
    let (status, said, _) = get_with(&sessions, &format!("tab_session={token}"), host).await;
    assert_eq!((status, said.as_str()), (200, ""));
    let (status, code, cleared) = get_with(
        &sessions,
        &format!("tab_session={mallory}; tab_session={token}"),
        host,
    )
    .await;
    assert_eq!((status, code.as_str()), (401, "ambiguous_session_cookie"));
    assert_eq!(
        cleared,
        [
            "tab_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
            "tab_session=; Path=/api; HttpOnly; SameSite=Lax; Max-Age=0",
            "tab_session=; Path=/api/v1; HttpOnly; SameSite=Lax; Max-Age=0",
            "tab_session=; Path=/api/v1/sessions; HttpOnly; SameSite=Lax; Max-Age=0",
        ]
    );
    // Ana's sessions are untouched by all of it.
    assert_eq!(api.session_ids(&ana).await.len(), 2);
}

/// A DELETE of one of Ana's sessions, authenticated by her cookie with the guard header,
/// plus `extra` headers; its status and error code.
async fn cookie_revoke(
    server: &TestServer,
    cookie: &str,
    id: &str,
    extra: &[(&str, &str)],
) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .delete(format!("{}/api/v1/sessions/{id}", server.url()))
        .header("cookie", cookie)
        .header("x-requested-with", "tab");
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("send");
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or_default();
    (status, body["error"].as_str().unwrap_or("").to_string())
}

async fn changes_from_another_site_are_refused(backend: Backend) {
    let Some((_db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (page, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let cookie = format!("__Host-tab_session={page}");
    let (other, other_id) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let own_origin = server.url();
    let other_port = format!("http://127.0.0.1:{}", server.addr.port() + 1);
    let huge_origin = format!("https://{}.example", "a".repeat(8_000));
    for extra in [
        &[("origin", "https://evil.example")][..],
        &[("sec-fetch-site", "cross-site")][..],
        &[
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ][..],
        // Another port of the same host is same-site, but not this origin.
        &[
            ("origin", other_port.as_str()),
            ("sec-fetch-site", "same-site"),
        ][..],
        &[("origin", other_port.as_str())][..],
        &[("origin", "null")][..],
        &[("origin", huge_origin.as_str())][..],
    ] {
        let answer = cookie_revoke(&server, &cookie, &other_id, extra).await;
        assert_eq!(answer, (403, "csrf_check_failed".to_string()), "{extra:?}");
    }
    assert_eq!(
        api.call("GET", "/me", Some(&other), None).await.status,
        200,
        "a refused change changed nothing"
    );
    // A sign-in from another site's page is refused too (it would set a cookie).
    let sign_in = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/sign-in", server.url()))
        .header("origin", "https://evil.example")
        .json(&serde_json::json!({"email": EMAIL, "password": PASSWORD, "client": {"kind": "web"}}))
        .send()
        .await
        .expect("send");
    assert_eq!(sign_in.status(), 403);
    // A Bearer request is not a browser's: the same headers do not matter there.
    let bearer = reqwest::Client::new()
        .delete(format!("{}/api/v1/sessions/{other_id}", server.url()))
        .bearer_auth(&page)
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("send");
    assert_eq!(bearer.status(), 200);
    // The page's own origin may change things.
    let (_, third_id) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let answer = cookie_revoke(
        &server,
        &cookie,
        &third_id,
        &[
            ("origin", own_origin.as_str()),
            ("sec-fetch-site", "same-origin"),
        ],
    )
    .await;
    assert_eq!(answer, (200, String::new()));
}
