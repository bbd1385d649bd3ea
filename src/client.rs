//! The HTTP client for the TAB API, with the one place ([`ApiClient::send`]) that turns
//! any answer into data or a [`CliError`]: 401 means "not signed in", HTML or malformed
//! JSON means "this is not a TAB server", and no server text reaches a person unchecked.

use std::time::Duration;

use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use tab_api::{
    ErrorBody, MeResponse, RevokeResponse, SessionList, SignInRequest, SignInResponse, codes,
};
use url::Url;
use uuid::Uuid;

use crate::error::CliError;
use crate::render;
use crate::secret::Token;

/// The largest answer `tab` reads, in bytes: far above any real answer, small enough
/// that a misbehaving server cannot exhaust memory.
const MAX_ANSWER_BYTES: usize = 64 * 1024 * 1024;

/// Talks to one TAB server, optionally as one session.
pub struct ApiClient {
    http: reqwest::Client,
    server: Url,
    token: Option<Token>,
    timeout: Duration,
}

impl ApiClient {
    /// A client for `server` that gives up after `timeout`.
    pub fn new(server: Url, timeout: Duration, token: Option<Token>) -> anyhow::Result<Self> {
        let mut http = reqwest::Client::builder();
        if is_loopback(&server) {
            // A loopback server is on this machine: a proxy (HTTP_PROXY, ALL_PROXY) would
            // only be a second party reading the bearer token, in plain text for http://.
            http = http.no_proxy();
        }
        let http = http
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("tab/", env!("CARGO_PKG_VERSION")))
            // A redirect could carry the Authorization header somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(ApiClient {
            http,
            server,
            token,
            timeout,
        })
    }

    /// The server this client talks to.
    pub fn server(&self) -> &Url {
        &self.server
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut url = self.server.clone();
        let base = url.path().trim_end_matches('/').to_string();
        url.set_path(&format!("{base}{}{path}", tab_api::BASE_PATH));
        let request = self.http.request(method, url);
        match &self.token {
            Some(token) => request.bearer_auth(token.expose()),
            None => request,
        }
    }

    /// `POST /auth/sign-in`.
    pub async fn sign_in(&self, body: &SignInRequest) -> Result<SignInResponse, CliError> {
        self.send(self.request(Method::POST, "/auth/sign-in").json(body))
            .await
    }

    /// `POST /auth/sign-out`.
    pub async fn sign_out(&self) -> Result<(), CliError> {
        self.send_empty(self.request(Method::POST, "/auth/sign-out"))
            .await
    }

    /// `GET /me`.
    pub async fn me(&self) -> Result<MeResponse, CliError> {
        self.send(self.request(Method::GET, "/me")).await
    }

    /// `GET /sessions`.
    pub async fn sessions(&self) -> Result<SessionList, CliError> {
        self.send(self.request(Method::GET, "/sessions")).await
    }

    /// `DELETE /sessions/{id}`.
    /// A 404 here is the API's "no session of yours has that id" (exit 4); anywhere
    /// else it means the server has no such endpoint, so it is not a TAB server.
    pub async fn revoke(&self, id: Uuid) -> Result<RevokeResponse, CliError> {
        let request = self.request(Method::DELETE, &format!("/sessions/{id}"));
        let (status, body) = self.exchange(request).await?;
        let api_error = serde_json::from_slice::<ErrorBody>(&body).ok();
        if status == StatusCode::NOT_FOUND && api_error.is_some_and(|e| e.error == codes::NOT_FOUND)
        {
            return Err(CliError::NoSuchSession(id.to_string()));
        }
        self.decode(status, &body)
    }

    /// `POST /sessions/revoke-others`.
    pub async fn revoke_others(&self) -> Result<RevokeResponse, CliError> {
        self.send(self.request(Method::POST, "/sessions/revoke-others"))
            .await
    }

    async fn send<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T, CliError> {
        let (status, body) = self.exchange(request).await?;
        self.decode(status, &body)
    }

    /// The data of a successful answer, or the error an unsuccessful one means.
    fn decode<T: DeserializeOwned>(&self, status: StatusCode, body: &[u8]) -> Result<T, CliError> {
        if status.is_success() {
            serde_json::from_slice(body)
                .map_err(|_| self.not_tab("an answer that is not the TAB API's JSON"))
        } else {
            Err(self.failure(status, body))
        }
    }

    async fn send_empty(&self, request: RequestBuilder) -> Result<(), CliError> {
        let (status, body) = self.exchange(request).await?;
        if status.is_success() {
            Ok(())
        } else {
            Err(self.failure(status, &body))
        }
    }

    /// Sends and reads the whole answer, within the size cap.
    async fn exchange(&self, request: RequestBuilder) -> Result<(StatusCode, Vec<u8>), CliError> {
        let mut response = request.send().await.map_err(|e| self.transport(&e))?;
        let status = response.status();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.transport(&e))? {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(self.not_tab("an answer far larger than any TAB answer"));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, body))
    }

    fn transport(&self, error: &reqwest::Error) -> CliError {
        let message = if error.is_timeout() {
            format!(
                "{} did not answer within {}s",
                self.server,
                self.timeout.as_secs_f64()
            )
        } else if error.is_connect() {
            format!("could not connect to {}", self.server)
        } else {
            format!("the connection to {} failed", self.server)
        };
        CliError::Server {
            code: "unreachable",
            message,
            hint: Some("check the address and your network, or raise --timeout".into()),
        }
    }

    fn not_tab(&self, what: &str) -> CliError {
        CliError::Server {
            code: "not_tab_server",
            message: format!("{} sent {what}", self.server),
            hint: Some("check that --server names a TAB server".into()),
        }
    }

    /// Maps a non-2xx answer to the error it means.
    fn failure(&self, status: StatusCode, body: &[u8]) -> CliError {
        let Some(error) = serde_json::from_slice::<ErrorBody>(body).ok() else {
            return if status.is_server_error() {
                self.server_fault(status, None)
            } else {
                self.not_tab(&format!(
                    "HTTP {} with a body that is not the TAB API's",
                    status.as_u16()
                ))
            };
        };
        let message = render::server_sentence(&error.message);
        let relogin = Some("run `tab login` to sign in again".to_string());
        match (status, error.error.as_str()) {
            (StatusCode::UNAUTHORIZED, codes::INVALID_CREDENTIALS) => CliError::NotSignedIn {
                code: codes::INVALID_CREDENTIALS,
                message: "the email or password is wrong".into(),
                hint: Some("check them and run `tab login` again".into()),
            },
            (StatusCode::UNAUTHORIZED, codes::SESSION_REVOKED) => CliError::NotSignedIn {
                code: codes::SESSION_REVOKED,
                message: "this device's session was signed out (revoked)".into(),
                hint: relogin,
            },
            (StatusCode::UNAUTHORIZED, codes::SESSION_EXPIRED) => CliError::NotSignedIn {
                code: codes::SESSION_EXPIRED,
                message: "this device's session has expired".into(),
                hint: relogin,
            },
            (StatusCode::UNAUTHORIZED, _) => CliError::NotSignedIn {
                code: codes::INVALID_TOKEN,
                message: "the server did not accept this device's token".into(),
                hint: relogin,
            },
            (StatusCode::TOO_MANY_REQUESTS, _) => CliError::Failed {
                code: codes::RATE_LIMITED,
                message: format!("the server refused: {message}"),
                hint: Some("wait and try again".into()),
            },
            (StatusCode::NOT_FOUND, _) => self.not_tab("HTTP 404: it has no such endpoint"),
            (StatusCode::CONFLICT, codes::CURRENT_SESSION) => {
                CliError::CurrentSession("that".into())
            }
            (StatusCode::BAD_REQUEST, _) => {
                CliError::usage(format!("the server refused the request: {message}"), None)
            }
            (status, _) if status.is_server_error() => self.server_fault(status, Some(message)),
            (status, _) => CliError::Failed {
                code: "failed",
                message: format!("the server answered HTTP {}: {message}", status.as_u16()),
                hint: None,
            },
        }
    }

    fn server_fault(&self, status: StatusCode, message: Option<String>) -> CliError {
        let detail = message.map(|m| format!(": {m}")).unwrap_or_default();
        CliError::Server {
            code: "server_error",
            message: format!(
                "{} failed with HTTP {}{detail}",
                self.server,
                status.as_u16()
            ),
            hint: Some("try again shortly; if it persists, tell the server's administrator".into()),
        }
    }
}

/// Whether a server address names this machine: 127.0.0.0/8, ::1 or localhost.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Checks a server address: https anywhere, plain http only on loopback.
pub fn parse_server(text: &str) -> Result<Url, CliError> {
    let hint = Some(
        "give the server as https://HOST (http:// only for 127.0.0.1, ::1 or localhost)".into(),
    );
    let url = Url::parse(text.trim()).map_err(|_| {
        CliError::usage(
            format!(
                "'{}' is not a server address",
                render::server_sentence(text)
            ),
            hint.clone(),
        )
    })?;
    let loopback = is_loopback(&url);
    match url.scheme() {
        "https" if url.host().is_some() => {}
        "http" if loopback => {}
        "http" => {
            return Err(CliError::usage(
                format!(
                    "refusing plain http:// for {}: tokens would cross the network unencrypted",
                    url.host_str().unwrap_or("")
                ),
                hint,
            ));
        }
        _ => {
            return Err(CliError::usage(
                format!(
                    "'{}' is not an http(s) server address",
                    render::server_sentence(text)
                ),
                hint,
            ));
        }
    }
    if !url.username().is_empty() || url.password().is_some() || url.query().is_some() {
        return Err(CliError::usage(
            "the server address must not carry credentials or a query",
            hint,
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(parse_server("http://127.0.0.1:7878").is_ok());
        assert!(parse_server("http://localhost:7878").is_ok());
        assert!(parse_server("http://[::1]:7878").is_ok());
        assert!(parse_server("https://tab.example.com").is_ok());
        assert!(parse_server("http://tab.example.com").is_err());
        assert!(parse_server("http://10.0.0.1").is_err());
        assert!(parse_server("ftp://localhost").is_err());
        assert!(parse_server("not a url").is_err());
        assert!(parse_server("https://user:pw@tab.example.com").is_err());
    }
}
