//! The web dashboard: its headers, cookie and labels over HTTP (here), and the page
//! itself in a real headless Chromium (`card.rs`, `live.rs`).

use std::time::Duration;

use crate::support::browser::{Browser, Engine};
use crate::support::{Api, Backend, EMAIL, PASSWORD, TestDatabase, TestServer, server_with_user};

mod approve;
mod attacks;
mod card;
mod firefox;
mod http;
mod live;
mod rename_and_alerts;
mod vocabulary;

/// How long the page may take to notice a change made elsewhere (the promise).
const NOTICE_WITHIN: Duration = Duration::from_secs(5);

/// A server with Ana's account ("Test User"), an API client, and a browser; `None` after
/// a loud skip when Chromium is missing.
pub(super) struct Scene {
    pub db: TestDatabase,
    pub server: TestServer,
    pub api: Api,
    pub browser: Browser,
}

impl Scene {
    pub async fn start(test: &str) -> Option<Scene> {
        Self::start_in(Engine::Chromium, test).await
    }

    /// The same in the browser `engine`.
    pub async fn start_in(engine: Engine, test: &str) -> Option<Scene> {
        let browser = Browser::start_engine(engine, test).await?;
        let (db, server, api) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await?;
        Some(Scene {
            db,
            server,
            api,
            browser,
        })
    }

    /// Opens (or reloads) the page and waits until it shows `screen` (`sign-in` or
    /// `dashboard`).
    pub async fn open_page_at(&self, screen: &str) {
        self.browser.open(&format!("{}/", self.server.url())).await;
        self.browser
            .wait_for_screen(screen, Duration::from_secs(20))
            .await;
    }

    /// Opens the dashboard and signs in through the form; the page's own session id.
    pub async fn sign_in_page(&self) -> String {
        self.open_page_at("sign-in").await;
        self.browser.sign_in(EMAIL, PASSWORD).await;
        self.browser
            .wait_for_screen("dashboard", Duration::from_secs(10))
            .await;
        self.browser
            .wait_until(
                "the card's current row",
                "return document.querySelector('.session[data-current]') !== null",
            )
            .await;
        self.current_row_id().await
    }

    /// The sentence the sign-in screen shows above the form.
    pub async fn sign_in_notice(&self) -> serde_json::Value {
        self.browser
            .script("return document.querySelector('#sign-in-notice').textContent")
            .await
    }

    /// Waits until a revoke made elsewhere has put the page back on the sign-in screen
    /// (within [`NOTICE_WITHIN`]) saying why; how long that took.
    pub async fn wait_until_bounced(&self) -> Duration {
        let took = self.browser.wait_for_screen("sign-in", NOTICE_WITHIN).await;
        assert_eq!(
            self.sign_in_notice().await,
            serde_json::json!(
                "This device was signed out from another session. Sign in again to continue."
            )
        );
        took
    }

    /// The id of the row tagged "This device".
    pub async fn current_row_id(&self) -> String {
        self.browser
            .script("return document.querySelector('.session[data-current]').dataset.sessionId")
            .await
            .as_str()
            .expect("the current row's id")
            .to_string()
    }

    /// The card's rows as the page shows them: id, icon, label, tag, times, and the
    /// trash-can's accessible name (or null); the row's own short id reads `[ID]`.
    pub async fn rows(&self) -> Vec<serde_json::Value> {
        let rows = self
            .browser
            .script(
                "return Array.from(document.querySelectorAll('#session-list .session')).map(row => ({
                    id: row.dataset.sessionId,
                    icon: row.querySelector('.session-icon').dataset.icon,
                    icon_name: row.querySelector('.session-icon').getAttribute('aria-label'),
                    label: row.querySelector('.session-label').textContent,
                    tag: row.querySelector('.tag') ? row.querySelector('.tag').textContent : null,
                    times: row.querySelector('.session-times').textContent.replace(row.dataset.sessionId.slice(0, 8), '[ID]'),
                    trash: row.querySelector('button.icon-button') ? row.querySelector('button.icon-button').getAttribute('aria-label').replace(row.dataset.sessionId.slice(0, 8), '[ID]') : null,
                    rename: row.querySelector('button.text-button') ? row.querySelector('button.text-button').getAttribute('aria-label') : null,
                }))",
            )
            .await;
        rows.as_array().expect("rows").clone()
    }

    /// Waits until the card shows `count` rows.
    pub async fn wait_for_rows(&self, count: usize) {
        self.browser
            .wait_until(
                &format!("{count} rows"),
                &format!(
                    "return document.querySelectorAll('#session-list .session').length === {count}"
                ),
            )
            .await;
    }
}

/// Serves `html` to every request on a loopback port of its own (another origin than the
/// server's), from a thread that lives as long as the test process; its URL.
pub(super) fn serve_page(html: &str) -> String {
    serve_page_with_headers("", html)
}

/// The same, with `headers` (each line ending in `\r\n`) added to the answer.
pub(super) fn serve_page_with_headers(headers: &str, html: &str) -> String {
    let answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\n{headers}connection: close\r\n\r\n{html}",
        html.len()
    );
    let url = crate::support::fake_server::serve(move |_| Some(answer.clone().into_bytes()));
    format!("{url}/")
}
