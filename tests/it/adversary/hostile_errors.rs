//! The hostile fields of a fake server's error answers and browser sign-in answers: a
//! 429's `limit`, a 401's `ended_by`, an error code the API does not name, the
//! administrators' answers and the device flow's codes are data, never text `tab` prints
//! as markup or puts into a hint.

use serde_json::json;

use super::hostile_server::{CLEAR_SCREEN, TOKEN, assert_only_colours, sessions};
use crate::support::cli::{CliEnv, assert_clean};
use crate::support::fake_server::serve_json;

/// An `error` code the API does not name (an escape sequence, 100,000 characters, a
/// number) is read as unknown, or the answer as not the API's: `tab` says it in its own
/// words, never the server's code, and `--json` still prints one error document.
#[test]
fn an_error_code_the_api_does_not_name_is_never_printed() {
    for (status, code) in [
        (401, json!(CLEAR_SCREEN)),
        (400, json!("x".repeat(100_000))),
        (409, json!(CLEAR_SCREEN)),
        (503, json!("x".repeat(100_000))),
        (401, json!(42)),
    ] {
        let answer = json!({"error": code, "message": "Refused"});
        let url = serve_json(move |_, _| (status, answer.clone()));
        let cli = CliEnv::for_url(&url).env(tab::env_vars::TAB_TOKEN, TOKEN);
        let output = cli.run(&["sessions", "revoke", "22222222"], "");
        assert_clean(&output, TOKEN);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_only_colours(&stderr);
        assert!(stderr.starts_with("error: "), "{status} {code}: {stderr}");
        assert!(
            !stderr.contains("wipe") && !stderr.contains("xxxxx"),
            "{status}: {stderr}"
        );
        // 1 for an answer `tab` cannot place (a 409 that is no known conflict), else the
        // code of what it is; never a crash.
        assert!(
            matches!(output.status.code(), Some(1..=7)),
            "{status} {code}: {:?} {stderr}",
            output.status
        );
        let json = cli.run(&["sessions", "list", "--json"], "");
        let body: serde_json::Value =
            serde_json::from_slice(&json.stdout).expect("one JSON error document");
        let shown = body["error"]["code"].as_str().expect("a code");
        assert!(
            shown.len() < 30 && shown.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{status}: {shown:?} is not one of tab's codes"
        );
        assert!(
            !shown.contains("wipe") && !shown.contains("xxxxx"),
            "{shown}"
        );
    }
}

/// A 429's `limit` is one of the known words or ignored: a server cannot put text into
/// `tab`'s hint through it.
#[test]
fn a_rate_limit_names_only_a_known_limit() {
    for (limit, expected) in [
        (json!("address"), Some("--address ADDRESS")),
        (json!(CLEAR_SCREEN), None),
        (json!("x".repeat(100_000)), None),
        (json!(42), None),
    ] {
        let limit_for_route = limit.clone();
        let url = serve_json(move |_, _| {
            (
                429,
                json!({"error": "rate_limited", "message": "Slow down", "limit": limit_for_route}),
            )
        });
        let cli = CliEnv::for_url(&url);
        let output = cli.run(
            &[
                "login",
                "--email",
                "a@b.c",
                "--password-stdin",
                "--insecure-storage",
            ],
            "pw\n",
        );
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_only_colours(&stderr);
        match expected {
            Some(words) => {
                assert_eq!(output.status.code(), Some(7), "{stderr}");
                assert!(stderr.contains(words), "{stderr}");
            }
            // A limit of the wrong type is not the API's answer; an unknown word is left out.
            None => {
                assert!(
                    !stderr.contains("wipe") && !stderr.contains("xxxxx"),
                    "{stderr}"
                );
                assert!(
                    matches!(output.status.code(), Some(6 | 7)),
                    "{limit}: {stderr}"
                );
            }
        }
    }
}

/// A 401's `ended_by` is `admin`, `operator` or ignored, and the admin answers' text is
/// data: a server cannot put text into `tab`'s message through them.
#[test]
fn ended_by_and_admin_answers_carry_no_markup() {
    for (ended_by, expected) in [
        (json!("admin"), "signed out by an administrator"),
        (json!("operator"), "signed out by the server's operator"),
        (json!(CLEAR_SCREEN), "signed out (revoked)"),
        (json!("x".repeat(100_000)), "signed out (revoked)"),
    ] {
        let url = serve_json(move |_, path| {
            if path.ends_with("/auth/sign-in") {
                let session = sessions()["sessions"][0].clone();
                (201, json!({"token": TOKEN, "session": session}))
            } else {
                (
                    401,
                    json!({"error": "session_revoked", "message": "Gone", "ended_by": ended_by}),
                )
            }
        });
        let cli = CliEnv::for_url(&url);
        cli.login("a@b.c", "pw", "here");
        let output = cli.run(&["admin", "users"], "");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_only_colours(&stderr);
        assert_eq!(output.status.code(), Some(3), "{stderr}");
        assert!(
            stderr.contains(expected) && !stderr.contains("xxxxx"),
            "{stderr}"
        );
    }
    // Accounts, names and audit entries with terminal escapes are shown as text.
    let url = serve_json(|_, path| {
        if path.contains("audit") {
            (
                200,
                json!({"events": [{"id": "22222222-2222-4222-8222-222222222222",
                "at": "2026-11-30T10:00:00.000Z", "actor": {"kind": "admin", "id": null,
                "email": CLEAR_SCREEN, "session": null}, "action": "role_changed",
                "target": {"id": "22222222-2222-4222-8222-222222222222", "email": CLEAR_SCREEN},
                "revoked": 0, "detail": CLEAR_SCREEN, "ip": CLEAR_SCREEN}], "next": null}),
            )
        } else {
            (
                200,
                json!({"users": [{"id": "22222222-2222-4222-8222-222222222222",
                "email": CLEAR_SCREEN, "name": CLEAR_SCREEN, "role": "admin", "disabled": false,
                "live_sessions": 1, "last_seen_at": null}], "next": null}),
            )
        }
    });
    let cli = CliEnv::for_url(&url).env(tab::env_vars::TAB_TOKEN, TOKEN);
    for args in [&["admin", "users"][..], &["admin", "audit"][..]] {
        let output = cli.run(args, "");
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert_only_colours(&stdout);
        assert!(stdout.contains("\\u{1b}"), "{stdout}");
    }
}

/// A device flow's answer is data: an approval page on another site is refused (exit 6,
/// never shown as the place to go), and a user code with terminal escapes is shown as
/// text; a hostile `slow_down` interval is taken within 5 to 300 s, not as a spin.
#[test]
fn a_hostile_device_flow_answer_is_refused_or_shown_as_text() {
    let elsewhere = serve_json(|_, path| {
        if path.ends_with("/auth/device") {
            (
                200,
                json!({"device_code": "d", "user_code": "WDJB-MJHT",
                "verification_uri": "https://evil.example/device",
                "verification_uri_complete": "https://evil.example/device?user_code=WDJB-MJHT",
                "expires_in": 900, "interval": 5}),
            )
        } else {
            (404, json!({"error": "not_found", "message": "No"}))
        }
    });
    let cli = CliEnv::for_url(&elsewhere);
    let output = cli.run(&["login", "--device", "--insecure-storage"], "");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(6), "{stderr}");
    assert!(!stderr.contains("evil.example/device"), "{stderr}");
    assert!(
        stderr.contains("an approval page on another site"),
        "{stderr}"
    );

    let base = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let seen = std::sync::Arc::clone(&base);
    let polls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&polls);
    let hostile = serve_json(move |_, path| {
        if path.ends_with("/auth/device") {
            let page = format!("{}/device", seen.lock().unwrap());
            (
                200,
                json!({"device_code": "d", "user_code": CLEAR_SCREEN,
                "verification_uri": page, "verification_uri_complete": page,
                "expires_in": 1, "interval": 0}),
            )
        } else {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (
                400,
                json!({"error": "slow_down", "message": "x", "interval": 0}),
            )
        }
    });
    *base.lock().unwrap() = hostile.clone();
    let cli = CliEnv::for_url(&hostile);
    let output = cli.run(&["login", "--device", "--insecure-storage"], "");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_only_colours(&stderr);
    assert!(stderr.contains("wipe\\u{1b}[2J"), "{stderr}");
    // expires_in 1 with interval raised to at least 5 s: it gives up without polling.
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("the code expired before it was approved"),
        "{stderr}"
    );
    assert_eq!(
        polls.load(std::sync::atomic::Ordering::Relaxed),
        0,
        "an interval of 0 is no spin"
    );
}
