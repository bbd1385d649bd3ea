//! `tab` against servers that answer nonsense: a tiny deliberately broken HTTP server.
//! Whatever comes back, `tab` exits with the spec's code, and its output holds no
//! panic, no HTML and no token.

use std::time::Duration;

use crate::support::cli::{CliEnv, assert_clean, transcript};

const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.secret-token-payload.signature";

/// Serves `answer` (raw HTTP bytes, or `None` to hang up), after `delay`, to every
/// connection (the tests' one fake server).
fn broken_server(answer: Option<&'static [u8]>, delay: Duration) -> String {
    crate::support::fake_server::serve(move |_| {
        // The misbehaviour under test: a server slow to answer (or never answering).
        std::thread::sleep(delay);
        answer.map(<[u8]>::to_vec)
    })
}

fn check(answer: Option<&'static [u8]>, delay: Duration, expected_exit: i32) {
    let url = broken_server(answer, delay);
    let cli = CliEnv::for_url(&url).env(tab::env_vars::TAB_TOKEN, TOKEN);
    for args in [
        &["sessions", "list", "--timeout", "2"][..],
        &["sessions", "revoke-others", "--timeout", "2"][..],
        &["status", "--timeout", "2"][..],
        &["sessions", "list", "--json", "--timeout", "2"][..],
        &["sessions", "history", "--timeout", "2"][..],
        // Asks /healthz for the server's features first.
        &[
            "sessions",
            "revoke-others",
            "--kind",
            "web",
            "--timeout",
            "2",
        ][..],
    ] {
        let output = cli.run(args, "");
        assert_eq!(
            output.status.code(),
            Some(expected_exit),
            "{args:?} against {answer:?}:\n{}",
            transcript(&output)
        );
        assert_clean(&output, TOKEN);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        if args.contains(&"--json") {
            let body: serde_json::Value =
                serde_json::from_slice(&output.stdout).expect("one JSON error document");
            assert!(body["error"]["code"].is_string());
        }
    }
}

#[test]
fn html_instead_of_json() {
    check(Some(b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 38\r\n\r\n<html><body>Welcome to nginx</body></html>"), Duration::ZERO, 6);
}

#[test]
fn truncated_json() {
    check(Some(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 15\r\n\r\n{\"sessions\": [{"), Duration::ZERO, 6);
}

#[test]
fn json_of_the_wrong_shape() {
    check(Some(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 22\r\n\r\n{\"sessions\": \"plenty\"}"), Duration::ZERO, 6);
}

#[test]
fn a_server_error_page() {
    check(Some(b"HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\ncontent-length: 44\r\n\r\n<html><h1>502 Bad Gateway</h1></html>      "), Duration::ZERO, 6);
}

#[test]
fn a_server_error_in_the_api_shape() {
    check(Some(b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: 56\r\n\r\n{\"error\":\"unavailable\",\"message\":\"Database is down.\"} "), Duration::ZERO, 6);
}

#[test]
fn an_html_401() {
    check(Some(b"HTTP/1.1 401 Unauthorized\r\ncontent-type: text/html\r\ncontent-length: 26\r\n\r\n<html>Log in first</html>."), Duration::ZERO, 6);
}

#[test]
fn a_redirect_is_not_followed() {
    check(Some(b"HTTP/1.1 302 Found\r\nlocation: http://127.0.0.1:9/steal\r\ncontent-length: 0\r\n\r\n"), Duration::ZERO, 6);
}

#[test]
fn hang_up_without_an_answer() {
    check(None, Duration::ZERO, 6);
}

#[test]
fn no_answer_until_the_timeout() {
    check(None, Duration::from_secs(4), 6);
}

#[test]
fn nothing_listening() {
    let cli = CliEnv::for_url("http://127.0.0.1:9").env(tab::env_vars::TAB_TOKEN, TOKEN);
    let output = cli.run(&["sessions", "list"], "");
    assert_eq!(output.status.code(), Some(6), "{}", transcript(&output));
    assert_clean(&output, TOKEN);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let cli = CliEnv::for_url("http://127.0.0.1:9").env(tab::env_vars::TAB_TOKEN, TOKEN);
    for args in [
        &["sessions", "list", "--kind", "phone"][..],
        &["--timeout", "-1", "status"][..],
        &["--profile", "../etc", "status"][..],
        &["sessions", "revoke", "not-an-id!"][..],
        &["frobnicate"][..],
        &["sessions", "list", "--idle-for", "soon"][..],
        &["sessions", "list", "--idle-for", "-2d"][..],
        &["sessions", "list", "--idle-for", "99999999999999999999d"][..],
        &["sessions", "list", "--idle-for", "4000d"][..],
        &["sessions", "revoke-others", "--kind", "phone"][..],
        &["sessions", "revoke-others", "--idle-for", ""][..],
        &["sessions", "history", "--limit", "0"][..],
        &["sessions", "history", "--limit", "501"][..],
        &["sessions", "history", "--limit", "99999999999999999999"][..],
    ] {
        let output = cli.run(args, "");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            transcript(&output)
        );
        assert_clean(&output, TOKEN);
    }
    // A script that asked for JSON gets one JSON document even for bad arguments.
    let output = cli.run(&["sessions", "list", "--json", "--kind", "phone"], "");
    assert_eq!(output.status.code(), Some(2));
    let body: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(body["error"]["code"], "usage");
    let insecure = CliEnv::for_url("http://tab.example.com").env(tab::env_vars::TAB_TOKEN, TOKEN);
    let output = insecure.run(&["sessions", "list"], "");
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
}

#[test]
fn a_json_404_for_an_endpoint_means_not_a_tab_server() {
    check(
        Some(b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: 47\r\n\r\n{\"error\":\"not_found\",\"message\":\"No such path\"}"),
        Duration::ZERO,
        6,
    );
}

/// A rate-limit answer whose `Retry-After` is garbage, negative, or too large for any
/// clock: `tab` still exits 7 with a sentence, never a panic.
#[test]
fn a_rate_limit_with_a_nonsense_retry_after() {
    for retry_after in [
        "soon",
        "-5",
        "18446744073709551615",
        "999999999999999999999999999",
        "Wed, 21 Oct 2015 07:28:00 GMT",
    ] {
        let body = r#"{"error":"rate_limited","message":"Too many failed sign-ins"}"#;
        let answer = format!(
            "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\nretry-after: {retry_after}\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        let url = broken_server(
            Some(Box::leak(answer.into_bytes().into_boxed_slice())),
            Duration::ZERO,
        );
        let cli = CliEnv::for_url(&url);
        let output = cli.run(
            &[
                "login",
                "--email",
                "ana@example.com",
                "--password-stdin",
                "--insecure-storage",
            ],
            "a long password\n",
        );
        assert_eq!(
            output.status.code(),
            Some(7),
            "{retry_after}: {}",
            transcript(&output)
        );
        assert_clean(&output, "a long password");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("too many sign-in attempts; try again "),
            "{stderr}"
        );
    }
}

/// Ended sessions from a server whose `revoked_at` or `revoked_by` is nonsense: not the
/// TAB API (exit 6), never a panic.
#[test]
fn nonsense_in_an_ended_session() {
    for field in [
        r#""revoked_at":"yesterday""#,
        r#""revoked_by":"not-a-uuid""#,
        r#""revoked_at":12"#,
    ] {
        let body = format!(
            r#"{{"sessions":[{{"id":"11111111-1111-4111-8111-111111111111","kind":"web","label":null,"current":false,"created_at":"2026-01-01T00:00:00Z","last_seen_at":"2026-01-01T00:00:00Z","expires_at":"2026-01-08T00:00:00Z",{field}}}]}}"#
        );
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        let url = broken_server(
            Some(Box::leak(answer.into_bytes().into_boxed_slice())),
            Duration::ZERO,
        );
        let cli = CliEnv::for_url(&url).env(tab::env_vars::TAB_TOKEN, TOKEN);
        let output = cli.run(&["sessions", "list", "--all"], "");
        assert_eq!(
            output.status.code(),
            Some(6),
            "{field}: {}",
            transcript(&output)
        );
        assert_clean(&output, TOKEN);
    }
}
