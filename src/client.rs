//! The HTTP client for the TAB API, with the one place ([`ApiClient::send`]) that turns
//! any answer into data or a [`CliError`]: 401 means "not signed in", HTML or malformed
//! JSON means "this is not a TAB server", and no server text reaches a person unchecked.

use std::time::Duration;

use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use tab_api::{
    EndedBy, ErrorBody, ErrorCode, EventList, Health, MeResponse, RevokeOthersRequest,
    RevokeResponse, SessionList, SignInLimit, SignInRequest, SignInResponse, paths,
};
use url::Url;
use uuid::Uuid;

use crate::error::CliError;
use crate::render;
use crate::secret::Token;

mod admin;
mod grants;
mod names;
mod server_address;

pub use grants::DevicePoll;
use server_address::is_loopback;
pub use server_address::{agent_in_words, operating_system, parse_server, user_agent};

/// The largest answer `tab` reads, in bytes: far above any real answer, small enough
/// that a misbehaving server cannot exhaust memory.
const MAX_ANSWER_BYTES: usize = 64 * 1024 * 1024;

/// Talks to one TAB server, optionally as one session.
pub struct ApiClient {
    http: reqwest::Client,
    server: Url,
    token: Option<Token>,
    timeout: Duration,
    /// The token came from `TAB_TOKEN`: a refusal of it names the variable.
    token_from_environment: bool,
}

/// One whole answer: its status, its `Retry-After` (seconds) if any, and its body.
struct Answer {
    status: StatusCode,
    retry_after: Option<u64>,
    body: Vec<u8>,
}

impl ApiClient {
    /// A client for `server` that gives up after `timeout`.
    pub fn new(server: Url, timeout: Duration, token: Option<Token>) -> anyhow::Result<Self> {
        Self::with_user_agent(server, timeout, token, &user_agent())
    }

    /// The same, naming itself `agent` instead of `tab` (the demo's other devices play
    /// a browser and the desktop app).
    pub fn with_user_agent(
        server: Url,
        timeout: Duration,
        token: Option<Token>,
        agent: &str,
    ) -> anyhow::Result<Self> {
        // The one place that builds an HTTP client (clippy.toml).
        #[allow(clippy::disallowed_methods)]
        let mut http = reqwest::Client::builder();
        if is_loopback(&server) {
            // A loopback server is on this machine: a proxy (HTTP_PROXY, ALL_PROXY) would
            // only be a second party reading the bearer token, in plain text for http://.
            http = http.no_proxy();
        }
        let http = http
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(agent)
            // A redirect could carry the Authorization header somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(ApiClient {
            http,
            server,
            token,
            timeout,
            token_from_environment: false,
        })
    }

    /// Marks the token as `TAB_TOKEN`'s.
    pub fn with_token_from_environment(mut self) -> Self {
        self.token_from_environment = true;
        self
    }

    /// The server this client talks to.
    pub fn server(&self) -> &Url {
        &self.server
    }

    /// The session its token belongs to, when the token says (see [`Token::session_id`]).
    pub fn session_id(&self) -> Option<Uuid> {
        self.token.as_ref().and_then(Token::session_id)
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

    /// `GET /sessions` as it came: the status, and the error body when there is one.
    /// For the demo, which shows what a signed-out device is told.
    pub async fn sessions_status(&self) -> anyhow::Result<(u16, Option<tab_api::ErrorBody>)> {
        let answer = self.request(Method::GET, paths::SESSIONS).send().await?;
        let status = answer.status().as_u16();
        Ok((status, answer.json().await.ok()))
    }

    /// `POST /auth/sign-in`.
    pub async fn sign_in(&self, body: &SignInRequest) -> Result<SignInResponse, CliError> {
        self.send(self.request(Method::POST, paths::SIGN_IN).json(body))
            .await
    }

    /// `POST /auth/sign-out`.
    pub async fn sign_out(&self) -> Result<(), CliError> {
        self.send_empty(self.request(Method::POST, paths::SIGN_OUT))
            .await
    }

    /// `GET /me`.
    pub async fn me(&self) -> Result<MeResponse, CliError> {
        self.send(self.request(Method::GET, paths::ME)).await
    }

    /// `GET /sessions`.
    pub async fn sessions(&self) -> Result<SessionList, CliError> {
        let list = self
            .send(self.request(Method::GET, paths::SESSIONS))
            .await?;
        Ok(self.with_current_from_token(list))
    }

    /// `GET /sessions?include=revoked`: the live sessions and those that ended within the
    /// last 7 days.
    pub async fn sessions_including_ended(&self) -> Result<SessionList, CliError> {
        let request = self
            .request(Method::GET, paths::SESSIONS)
            .query(&[("include", "revoked")]);
        let list = self.send(request).await?;
        Ok(self.with_current_from_token(list))
    }

    /// The list with `current` set on the token's own session only, whatever the server
    /// said: a hostile or broken server cannot make two rows read as this device. (When
    /// the token names no session, the server's word is all there is.)
    fn with_current_from_token(&self, mut list: SessionList) -> SessionList {
        if let Some(own) = self.token.as_ref().and_then(Token::session_id) {
            for session in &mut list.sessions {
                session.current = session.id == own;
            }
        }
        list
    }

    /// `DELETE /sessions/{id}`.
    /// A 404 here is the API's "no session of yours has that id" (exit 4), and a 409
    /// "that is this device's session" (exit 5); a 404 anywhere else means the server
    /// has no such endpoint, so it is not a TAB server.
    pub async fn revoke(&self, id: Uuid) -> Result<RevokeResponse, CliError> {
        let request = self.request(Method::DELETE, &paths::session(&id));
        let answer = self.exchange(request).await?;
        let api_error = serde_json::from_slice::<ErrorBody>(&answer.body).ok();
        match (answer.status, api_error.map(|e| e.error)) {
            (StatusCode::NOT_FOUND, Some(ErrorCode::NotFound)) => {
                return Err(CliError::NoSuchSession(id.to_string()));
            }
            (StatusCode::CONFLICT, Some(ErrorCode::CurrentSession)) => {
                return Err(CliError::CurrentSession(id.to_string()));
            }
            _ => {}
        }
        self.decode(&answer)
    }

    /// `POST /sessions/revoke-others`; with a filter that is not everything, its body.
    /// Send a filter only to a server whose [`features`](Self::features) list
    /// `revoke_others_filter`: an older one ignores the body and revokes everything.
    pub async fn revoke_others(
        &self,
        filter: &RevokeOthersRequest,
    ) -> Result<RevokeResponse, CliError> {
        let request = self.request(Method::POST, paths::REVOKE_OTHERS);
        let request = if filter.is_everything() {
            request
        } else {
            request.json(filter)
        };
        self.send(request).await
    }

    /// What the server says it can do (`GET /healthz`'s `features`); none from a server
    /// that predates the list.
    pub async fn features(&self) -> Result<Vec<String>, CliError> {
        let health: Health = self.send(self.request(Method::GET, paths::HEALTHZ)).await?;
        Ok(health.features)
    }

    /// `GET /sessions/events?limit=N`.
    pub async fn events(&self, limit: u32) -> Result<EventList, CliError> {
        let request = self
            .request(Method::GET, paths::SESSION_EVENTS)
            .query(&[("limit", limit)]);
        self.send(request).await
    }

    async fn send<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T, CliError> {
        let answer = self.exchange(request).await?;
        self.decode(&answer)
    }

    /// The data of a successful answer, or the error an unsuccessful one means.
    fn decode<T: DeserializeOwned>(&self, answer: &Answer) -> Result<T, CliError> {
        if answer.status.is_success() {
            serde_json::from_slice(&answer.body)
                .map_err(|_| self.not_tab("an answer that is not the TAB API's JSON"))
        } else {
            Err(self.failure(answer))
        }
    }

    async fn send_empty(&self, request: RequestBuilder) -> Result<(), CliError> {
        let answer = self.exchange(request).await?;
        if answer.status.is_success() {
            Ok(())
        } else {
            Err(self.failure(&answer))
        }
    }

    /// Sends and reads the whole answer, within the size cap.
    async fn exchange(&self, request: RequestBuilder) -> Result<Answer, CliError> {
        let mut response = request.send().await.map_err(|e| self.transport(&e))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.transport(&e))? {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(self.not_tab("an answer far larger than any TAB answer"));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            retry_after,
            body,
        })
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
        CliError::Unreachable {
            message,
            timed_out: error.is_timeout(),
        }
    }

    fn not_tab(&self, what: &str) -> CliError {
        CliError::NotTabServer {
            server: self.server.to_string(),
            what: what.to_string(),
        }
    }

    /// Maps a non-2xx answer to the error it means.
    fn failure(&self, answer: &Answer) -> CliError {
        let status = answer.status;
        let Some(error) = serde_json::from_slice::<ErrorBody>(&answer.body).ok() else {
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
        if status == StatusCode::UNAUTHORIZED
            && self.token_from_environment
            && error.error != ErrorCode::InvalidCredentials
        {
            let refusal = match error.error {
                ErrorCode::SessionRevoked => CliError::SessionRevoked,
                ErrorCode::SessionExpired => CliError::SessionExpired,
                _ => CliError::TokenRefused,
            };
            return CliError::EnvTokenRefused(Box::new(refusal));
        }
        match (status, error.error) {
            (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials) => CliError::WrongCredentials,
            (StatusCode::FORBIDDEN, ErrorCode::AccountDisabled) => CliError::AccountDisabled,
            (StatusCode::FORBIDDEN, ErrorCode::Forbidden) => CliError::Forbidden,
            (StatusCode::CONFLICT, ErrorCode::Conflict) => {
                CliError::Refused(lowercase_first(&message))
            }
            (StatusCode::UNAUTHORIZED, ErrorCode::SessionRevoked) => {
                // One of two known words, or nothing: a server's text never reaches it.
                match error.ended_by {
                    Some(by @ (EndedBy::Admin | EndedBy::Operator)) => {
                        CliError::SessionRevokedBy(by)
                    }
                    Some(EndedBy::Unknown) | None => CliError::SessionRevoked,
                }
            }
            (StatusCode::UNAUTHORIZED, ErrorCode::SessionExpired) => CliError::SessionExpired,
            (StatusCode::UNAUTHORIZED, _) => CliError::TokenRefused,
            (StatusCode::TOO_MANY_REQUESTS, _) => CliError::RateLimited {
                wait: answer.retry_after.map(Duration::from_secs),
                // One of the known words, or nothing: a server's text never reaches
                // the hint.
                limit: error.limit.filter(|limit| *limit != SignInLimit::Unknown),
            },
            (StatusCode::NOT_FOUND, _) => self.not_tab("HTTP 404: it has no such endpoint"),
            (StatusCode::BAD_REQUEST, _) => {
                CliError::usage(format!("the server refused the request: {message}"), None)
            }
            (status, _) if status.is_server_error() => self.server_fault(status, Some(message)),
            (status, _) => CliError::UnexpectedAnswer {
                status: status.as_u16(),
                message,
            },
        }
    }

    fn server_fault(&self, status: StatusCode, detail: Option<String>) -> CliError {
        CliError::ServerFault {
            server: self.server.to_string(),
            status: status.as_u16(),
            detail,
        }
    }
}

/// `You cannot ...` as the middle of an `error:` line: `you cannot ...`.
fn lowercase_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
