//! Row "a thief signs in with the label `This device`": before, the card and `tab
//! sessions list` (plain, `--wide`, `--color always`) showed two rows reading "This
//! device". Now the server refuses such a label (after normalisation and case folding),
//! and `tab` marks the current session in a first column of its own, from the token's
//! own session id, where no server string can reach.

use chrono::{TimeDelta, Utc};
use serde_json::{Value, json};

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::cli::{CliEnv, assert_clean};
use crate::support::fake_server::serve_json;
use crate::support::{Backend, server_with_user};

on_both_backends!(labels_that_read_as_the_tag_are_refused_at_sign_in);

/// Every spelling a reader would take for the tag is refused with the reason; ordinary
/// labels still pass, and nothing was created for the refused ones.
async fn labels_that_read_as_the_tag_are_refused_at_sign_in(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    for label in [
        "This device",
        "Office laptop · This device",
        "THIS-DEVICE",
        "Ｔｈｉｓ ｄｅｖｉｃｅ",
        "\u{422}his d\u{435}vice",
        "This\u{a0}device",
    ] {
        for kind in ["web", "desktop", "cli"] {
            let answer = api.sign_in_answer(EMAIL, PASSWORD, kind, Some(label)).await;
            assert_eq!(answer.status, 400, "{label:?} as {kind}: {:?}", answer.body);
            assert_eq!(answer.code(), "bad_request");
            assert!(
                answer.body["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("This device")),
                "{:?}",
                answer.body
            );
        }
    }
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM device_sessions").await,
        0,
        "a refused sign-in created a session"
    );
    let answer = api
        .sign_in_answer(EMAIL, PASSWORD, "desktop", Some("This laptop"))
        .await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
}

/// A token whose payload names `sid` (the signature is not `tab`'s to check).
fn token_for(sid: &str) -> String {
    use base64::Engine as _;
    let payload = json!({"sub": "u", "sid": sid, "iss": "tab"}).to_string();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(payload);
    format!("eyJhbGciOiJIUzI1NiJ9.{payload}.signature")
}

const OWN: &str = "22222222-2222-4222-8222-222222222222";

/// A server that says every session is this device, and labels two of them so.
fn lying_list() -> Value {
    let now = Utc::now();
    let session = |id: &str, label: &str| {
        json!({
            "id": id, "kind": "desktop", "label": label, "current": true,
            "created_at": (now - TimeDelta::days(2)).to_rfc3339(),
            "last_seen_at": (now - TimeDelta::minutes(5)).to_rfc3339(),
            "expires_at": (now + TimeDelta::days(5)).to_rfc3339(),
        })
    };
    json!({"sessions": [
        session("11111111-1111-4111-8111-111111111111", "This device"),
        session(OWN, "Office laptop"),
        session("33333333-3333-4333-8333-333333333333", "Laptop This device"),
    ]})
}

/// The `*` column marks exactly the token's own session in every mode, before the kind
/// marker; the spoofed labels stay visible text in the name column.
#[test]
fn only_the_tokens_own_session_is_marked_current() {
    let url = serve_json(|method, path| match [method, path] {
        ["GET", "/api/v1/sessions"] => (200, lying_list()),
        _ => (404, json!({"error": "not_found", "message": "No."})),
    });
    let token = token_for(OWN);
    let cli = CliEnv::for_url(&url).env(tab::env_vars::TAB_TOKEN, &token);
    for args in [
        &["sessions", "list"][..],
        &["sessions", "list", "--wide"][..],
        &["sessions", "list", "--color", "always"][..],
        &["sessions", "list", "--wide", "--color", "always"][..],
    ] {
        let output = cli.run(args, "");
        assert_clean(&output, &token);
        assert!(output.status.success(), "{args:?}: {output:?}");
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        let starred: Vec<&str> = stdout.lines().filter(|l| l.starts_with('*')).collect();
        assert_eq!(starred.len(), 1, "{args:?}: {stdout}");
        assert!(starred[0].contains("Office laptop"), "{args:?}: {stdout}");
        assert!(
            starred[0].contains("[desktop]"),
            "the mark comes before the kind: {stdout}"
        );
        for line in stdout.lines().skip(1).filter(|l| !l.starts_with('*')) {
            assert!(line.starts_with(' '), "{args:?}: {line:?}");
        }
    }
    // JSON carries the corrected flag too: one current session, the token's.
    let output = cli.run(&["sessions", "list", "--json"], "");
    let list: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let current: Vec<&Value> = list["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .filter(|s| s["current"] == json!(true))
        .collect();
    assert_eq!(current.len(), 1, "{list}");
    assert_eq!(current[0]["id"], OWN);
}
