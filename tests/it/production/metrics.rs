//! `--metrics-listen`: a scripted mix of requests, then one scrape, parsed by the
//! Prometheus project's own OpenMetrics parser (Python's prometheus_client): the
//! counters add up to the mix, the histogram counts agree with them, no label carries an
//! email, an id or an address, and the public listener has no `/metrics`.

use std::process::Command;

use serde_json::Value;

use super::metrics_address;
use crate::support::services::python_module;
use crate::support::{Api, Backend, EMAIL, PASSWORD, TestDatabase, TestServer};

const PARSER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/it/support/parse_metrics.py"
);

/// The exposition parsed, or `None` after a loud skip when prometheus_client is missing.
fn parse(text: &str) -> Option<Value> {
    if !python_module(
        "prometheus_client",
        "Prometheus parser (prometheus_client)",
        "python3 -m pip install prometheus_client==0.26.0",
    ) {
        return None;
    }
    let output = crate::support::run_with_stdin(Command::new("python3").arg(PARSER), text);
    assert!(
        output.status.success(),
        "the parser refused the exposition: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("the parser's JSON"))
}

/// The value of the sample `name` whose labels include every pair of `labels`.
fn sample(parsed: &Value, name: &str, labels: &[(&str, &str)]) -> f64 {
    parsed["samples"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"] == name)
        .filter(|s| labels.iter().all(|(k, v)| s["labels"][k] == *v))
        .map(|s| s["value"].as_f64().unwrap())
        .sum()
}

async fn scrape(address: &str) -> String {
    let answer = reqwest::get(format!("http://{address}/metrics"))
        .await
        .expect("scrape");
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer.headers()["content-type"],
        "application/openmetrics-text; version=1.0.0; charset=utf-8"
    );
    answer.text().await.expect("the exposition")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_scripted_mix_adds_up_in_the_metrics() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let server = TestServer::start_with_args(
        &db,
        None,
        &[
            "--metrics-listen",
            "127.0.0.1:0",
            "--metrics-refresh",
            "100ms",
        ],
    );
    let address = metrics_address(&server);
    let api = Api::new(&server);
    // Three sign-ins, two wrong passwords.
    let (me, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (_, laptop) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    api.sign_in(EMAIL, PASSWORD, "web", None).await;
    for _ in 0..2 {
        let wrong = api
            .sign_in_answer(EMAIL, "not the password", "cli", None)
            .await;
        assert_eq!(wrong.status, 401);
    }
    // Four lists, one revoke, one revoke-others (ending the third), a 404, a 401.
    for _ in 0..4 {
        assert_eq!(
            api.call("GET", "/sessions", Some(&me), None).await.status,
            200
        );
    }
    let path = format!("/sessions/{laptop}");
    assert_eq!(api.call("DELETE", &path, Some(&me), None).await.status, 200);
    let others = api
        .call("POST", "/sessions/revoke-others", Some(&me), None)
        .await;
    assert_eq!(others.body["revoked"], 1);
    assert_eq!(
        api.call("GET", "/no/such/thing", None, None).await.status,
        404
    );
    assert_eq!(
        api.call("GET", "/me", Some("not-a-token"), None)
            .await
            .status,
        401
    );
    // The gauge is read every 100 ms here: one live session is left.
    let mut parsed = Value::Null;
    for _ in 0..100 {
        let Some(now) = parse(&scrape(&address).await) else {
            return;
        };
        parsed = now;
        if sample(&parsed, "tab_live_sessions", &[]) == 1.0 {
            break;
        }
        // The live gauge is refreshed in the background; poll it until it is.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(sample(&parsed, "tab_live_sessions", &[]), 1.0, "{parsed}");

    let sign_ins = |outcome| sample(&parsed, "tab_sign_ins_total", &[("outcome", outcome)]);
    assert_eq!(
        (sign_ins("success"), sign_ins("invalid_credentials")),
        (3.0, 2.0)
    );
    let revoked = |kind| sample(&parsed, "tab_sessions_revoked_total", &[("kind", kind)]);
    assert_eq!(
        (revoked("one"), revoked("others"), revoked("admin")),
        (1.0, 1.0, 0.0)
    );
    let requests = |route, method, status| {
        sample(
            &parsed,
            "tab_http_requests_total",
            &[("route", route), ("method", method), ("status", status)],
        )
    };
    assert_eq!(requests("/api/v1/auth/sign-in", "POST", "2xx"), 3.0);
    assert_eq!(requests("/api/v1/auth/sign-in", "POST", "4xx"), 2.0);
    assert_eq!(requests("/api/v1/sessions", "GET", "2xx"), 4.0);
    assert_eq!(requests("/api/v1/sessions/{id}", "DELETE", "2xx"), 1.0);
    assert_eq!(requests("/api/v1/me", "GET", "4xx"), 1.0);
    assert_eq!(requests("unmatched", "GET", "4xx"), 1.0);
    // Every request is in the histogram too, route by route.
    let timed = |route| {
        sample(
            &parsed,
            "tab_http_request_duration_seconds_count",
            &[("route", route)],
        )
    };
    assert_eq!(timed("/api/v1/sessions"), 4.0);
    assert_eq!(timed("/api/v1/auth/sign-in"), 5.0);
    let total: f64 = sample(&parsed, "tab_http_requests_total", &[]);
    let counted: f64 = sample(&parsed, "tab_http_request_duration_seconds_count", &[]);
    assert_eq!(total, counted);
    // Five password checks waited for a hashing slot (sign-ins and wrong passwords).
    assert_eq!(
        sample(&parsed, "tab_password_hash_queue_wait_seconds_count", &[]),
        5.0
    );
    assert_eq!(
        sample(
            &parsed,
            "tab_build_info",
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        1.0
    );
    assert_eq!(sample(&parsed, "tab_database_errors_total", &[]), 0.0);
    // No label holds anything personal or unbounded.
    for s in parsed["samples"].as_array().unwrap() {
        for (name, value) in s["labels"].as_object().unwrap() {
            let value = value.as_str().unwrap();
            assert!(
                !value.contains('@')
                    && !value.contains("127.0.0.1")
                    && uuid::Uuid::parse_str(value).is_err()
                    && !value.contains(&laptop),
                "{name}={value}"
            );
        }
    }
    // Names follow the conventions: the prefix, and base units.
    for family in parsed["families"].as_array().unwrap() {
        let name = family["name"].as_str().unwrap();
        assert!(name.starts_with("tab_"), "{name}");
        assert!(!name.contains("milli") && !name.contains("micro"), "{name}");
    }
    // Never on the public listener.
    let public = reqwest::get(format!("{}/metrics", server.url()))
        .await
        .unwrap();
    assert_eq!(public.status(), 404);
}

/// Without --metrics-listen there is no metrics listener and nothing says there is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_off_unless_asked_for() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    let server = TestServer::start(&db, None);
    assert!(server.wait_for_log("listening on"));
    assert!(!server.logs().contains("metrics at"), "{}", server.logs());
    let public = reqwest::get(format!("{}/metrics", server.url()))
        .await
        .unwrap();
    assert_eq!(public.status(), 404);
}
