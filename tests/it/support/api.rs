//! A small HTTP client for the API, for tests that speak HTTP directly.

use serde_json::{Value, json};

use super::TestServer;

/// A small HTTP client for the API.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    pub base: String,
}

/// A status and a JSON body (or `Null`).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The `error` code of an error body.
    pub fn code(&self) -> &str {
        self.body["error"].as_str().unwrap_or("")
    }
}

/// Checks what every error answer the tests read must be (STYLE.md, "The server's
/// answers"): an [`tab_api::ErrorBody`] whose code is one `tab_api::ErrorCode` names (so
/// the server, the client and the page share one vocabulary), and whose message is one
/// sentence with a capital and no full stop. A body that is not JSON is left to the test
/// (the page's routes and hyper's own answers are checked where they are served).
pub fn assert_error_body_keeps_the_contract(body: &Value) {
    if body.is_null() {
        return;
    }
    let error: tab_api::ErrorBody = serde_json::from_value(body.clone())
        .unwrap_or_else(|e| panic!("error body {body} is not an ErrorBody: {e}"));
    assert_ne!(
        error.error,
        tab_api::ErrorCode::Unknown,
        "error code in {body} is not one tab_api::ErrorCode names"
    );
    let message = &error.message;
    assert!(
        message.chars().next().is_some_and(char::is_uppercase),
        "message {message:?} does not start with a capital"
    );
    assert!(
        !message.ends_with('.') && !message.contains('\n'),
        "message {message:?} is not one sentence without a full stop"
    );
}

/// Reads a whole response into an [`Answer`].
async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body");
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if status >= 400 {
        assert_error_body_keeps_the_contract(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

impl Api {
    /// A client for `server`.
    pub fn new(server: &TestServer) -> Api {
        Api {
            http: reqwest::Client::new(),
            base: format!("{}/api/v1", server.url()),
        }
    }

    /// A client for `server` whose connections come from the loopback address `from`
    /// (any of 127.0.0.0/8), so that a test can play many clients.
    pub fn from_address(server: &TestServer, from: std::net::IpAddr) -> Api {
        Api {
            http: reqwest::Client::builder()
                .local_address(from)
                .build()
                .expect("client"),
            base: format!("{}/api/v1", server.url()),
        }
    }

    /// Sends any request; `token` as a bearer token.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("send");
        answer(response).await
    }

    /// `POST /sessions/revoke-others` as `token`, with `filter` as the body (none: the
    /// unfiltered "sign out everywhere else").
    pub async fn revoke_others(&self, token: &str, filter: Option<Value>) -> Answer {
        self.call("POST", "/sessions/revoke-others", Some(token), filter)
            .await
    }

    /// Sends raw bytes with a content type.
    pub async fn raw(&self, method: &str, path: &str, content_type: &str, body: Vec<u8>) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let response = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("send");
        answer(response).await
    }

    /// Sends a request with one header set by hand.
    pub async fn with_header(&self, method: &str, path: &str, name: &str, value: &str) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let response = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(name, value)
            .send()
            .await
            .expect("send");
        answer(response).await
    }

    /// Signs in; the answer.
    pub async fn sign_in_answer(
        &self,
        email: &str,
        password: &str,
        kind: &str,
        label: Option<&str>,
    ) -> Answer {
        let body =
            json!({"email": email, "password": password, "client": {"kind": kind, "label": label}});
        self.call("POST", "/auth/sign-in", None, Some(body)).await
    }

    /// Signs in from a client whose User-Agent is `agent`; the answer.
    pub async fn sign_in_as(&self, agent: &str, kind: &str, label: Option<&str>) -> Answer {
        let body = json!({"email": super::EMAIL, "password": super::PASSWORD, "client": {"kind": kind, "label": label}});
        let response = self
            .http
            .post(format!("{}/auth/sign-in", self.base))
            .header("user-agent", agent)
            .json(&body)
            .send()
            .await
            .expect("send");
        answer(response).await
    }

    /// Signs in and returns (token, session id); panics unless 201.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        kind: &str,
        label: Option<&str>,
    ) -> (String, String) {
        let answer = self.sign_in_answer(email, password, kind, label).await;
        assert_eq!(answer.status, 201, "sign-in failed: {:?}", answer.body);
        (
            answer.body["token"].as_str().expect("token").to_string(),
            answer.body["session"]["id"]
                .as_str()
                .expect("session id")
                .to_string(),
        )
    }

    /// The ids of the sessions `token` can list.
    pub async fn session_ids(&self, token: &str) -> Vec<String> {
        let answer = self.call("GET", "/sessions", Some(token), None).await;
        assert_eq!(answer.status, 200, "{:?}", answer.body);
        answer.body["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .map(|s| s["id"].as_str().expect("id").to_string())
            .collect()
    }
}
