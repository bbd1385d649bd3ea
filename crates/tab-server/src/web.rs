//! The web dashboard: one page (`/`) holding the sign-in screen and the dashboard with
//! the Active sessions card, and its script, style sheet and icon. Everything is embedded
//! in the binary: no build step, no CDN, no font download. The page speaks to the API
//! with the session cookie, like any other client.
//!
//! Every answer of the server (pages and API alike) carries the headers of
//! [`crate::headers`].

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The page: both screens; the script shows one.
const INDEX_HTML: &str = include_str!("../web/index.html");
/// The page's behaviour.
const APP_JS: &str = include_str!("../web/app.js");
/// The card's words and elements (the rows, the alerts), for `app.js`.
const CARD_JS: &str = include_str!("../web/card.js");
/// What both pages' scripts share: the API call, the page's own session, DOM helpers.
const COMMON_JS: &str = include_str!("../web/common.js");
/// The page's look, Carbon-like with a system font stack.
const APP_CSS: &str = include_str!("../web/app.css");
/// The approval pages (`/cli/authorize`, `/device`): one page, its script shows one.
const APPROVE_HTML: &str = include_str!("../web/approve.html");
/// Their behaviour.
const APPROVE_JS: &str = include_str!("../web/approve.js");
/// The tab's icon.
const FAVICON_SVG: &str = include_str!("../web/favicon.svg");

/// Every embedded file: its path, content type and body. The two approval pages share
/// one page; its script shows the one the path names.
const ASSETS: &[(&str, &str, &str)] = &[
    ("/", HTML, INDEX_HTML),
    ("/assets/common.js", JAVASCRIPT, COMMON_JS),
    ("/assets/card.js", JAVASCRIPT, CARD_JS),
    ("/assets/app.js", JAVASCRIPT, APP_JS),
    ("/assets/app.css", "text/css; charset=utf-8", APP_CSS),
    ("/assets/favicon.svg", "image/svg+xml", FAVICON_SVG),
    (tab_api::paths::CLI_AUTHORIZE_PAGE, HTML, APPROVE_HTML),
    (tab_api::paths::DEVICE_PAGE, HTML, APPROVE_HTML),
    ("/assets/approve.js", JAVASCRIPT, APPROVE_JS),
];

const HTML: &str = "text/html; charset=utf-8";
const JAVASCRIPT: &str = "text/javascript; charset=utf-8";

/// The page's routes, at the root (the API lives under `/api/v1`).
pub(crate) fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    ASSETS
        .iter()
        .fold(Router::new(), |router, &(path, content_type, body)| {
            router.route(path, get(move || asset(content_type, body)))
        })
}

/// An embedded file. `no-cache` makes the browser revalidate, so a new server version
/// never runs an old script against a changed API.
async fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}
