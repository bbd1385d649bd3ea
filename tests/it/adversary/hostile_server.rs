//! Row "a TAB server whose labels hold escape sequences": before, `tab` printed them raw,
//! so a server could clear the screen, write the clipboard (OSC 52) or draw a fake "This
//! device" row. A fake server here answers well-formed API JSON whose strings are
//! hostile; `tab` must show every one of them as visible text, one line per session.

use chrono::{TimeDelta, Utc};
use serde_json::{Value, json};

use crate::support::cli::{CliEnv, assert_clean};
use crate::support::fake_server::serve_json;

const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.hostile-test-token.signature";
const CLEAR_SCREEN: &str = "wipe\u{1b}[2J\u{1b}[H";
const CLIPBOARD: &str = "copy\u{1b}]52;c;cm0gLXJmIH4=\u{7}";
const FAKE_ROW: &str = "evil\n🌐  Chrome on macOS  This device";
const BIDI: &str = "Chrome\u{202e}exe.txt";

/// The session list the fake server sends: this device, then three hostile labels.
fn sessions() -> Value {
    let now = Utc::now();
    let session = |id: &str, label: &str, current: bool| {
        json!({
            "id": id, "kind": "web", "label": label, "current": current,
            "device": CLIPBOARD, "ip": CLEAR_SCREEN,
            "created_at": (now - TimeDelta::days(2)).to_rfc3339(),
            "last_seen_at": (now - TimeDelta::minutes(5)).to_rfc3339(),
            "expires_at": (now + TimeDelta::days(5)).to_rfc3339(),
        })
    };
    json!({"sessions": [
        session("11111111-1111-4111-8111-111111111111", BIDI, true),
        session("22222222-2222-4222-8222-222222222222", CLEAR_SCREEN, false),
        session("33333333-3333-4333-8333-333333333333", CLIPBOARD, false),
        session("44444444-4444-4444-8444-444444444444", FAKE_ROW, false),
    ]})
}

/// The history the fake server sends: hostile labels, devices and addresses.
fn events() -> Value {
    let at = (Utc::now() - TimeDelta::minutes(5)).to_rfc3339();
    let event = |kind: &str, label: &str, by: Value| {
        json!({
            "at": at, "type": kind,
            "session": {"id": "22222222-2222-4222-8222-222222222222", "kind": "web",
                        "label": label, "device": CLIPBOARD},
            "ip": FAKE_ROW, "by": by,
        })
    };
    // Revoked by an administrator whose "email" is hostile.
    let mut by_admin = event("revoked", "by an admin", Value::Null);
    by_admin["by_admin"] = json!(CLEAR_SCREEN);
    json!({"events": [
        event("revoked", CLEAR_SCREEN, json!("33333333-3333-4333-8333-333333333333")),
        event("signed_in", FAKE_ROW, Value::Null),
        event("signed_out", BIDI, Value::Null),
        by_admin,
    ]})
}

/// The answer to one request: status and JSON body. (`?include=revoked` lists the same
/// sessions here: the fake server drops the query.)
fn route(method: &str, path: &str) -> (u16, Value) {
    let sessions = sessions();
    match [method, path] {
        ["GET", "/api/v1/sessions"] => (200, sessions),
        ["GET", "/api/v1/sessions/events"] => (200, events()),
        // A server that says another session is this device's (a race, or a lie).
        ["DELETE", path] if path.starts_with("/api/v1/sessions/") => (
            409,
            json!({"error": "current_session", "message": "That is the session making this request"}),
        ),
        ["GET", "/api/v1/me"] => (
            200,
            json!({
                "user": {
                    "id": "55555555-5555-4555-8555-555555555555",
                    "email": format!("ana@example.com{CLIPBOARD}"),
                    "name": format!("Ana{CLEAR_SCREEN}"),
                    "role": "admin",
                },
                "session": sessions["sessions"][0],
            }),
        ),
        _ => (
            503,
            json!({"error": "unavailable", "message": format!("down{CLEAR_SCREEN}\nerror: all is well")}),
        ),
    }
}

/// Serves [`route`] on a loopback port until the test ends; its URL.
fn hostile_server() -> String {
    serve_json(route)
}

fn run(cli: &CliEnv, args: &[&str]) -> (String, String) {
    let output = cli.run(args, "");
    assert_clean(&output, TOKEN);
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

/// No escape sequence reaches the terminal but `tab`'s own colours (SGR: ESC [ ... m).
fn assert_only_colours(text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        let sequence = &rest[at + 1..];
        let end = sequence.find('m').expect("an unterminated escape sequence");
        let parameters = &sequence[..end];
        assert!(
            parameters.starts_with('[')
                && parameters[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ';'),
            "a non-colour escape sequence reached the terminal: {text:?}"
        );
        rest = &sequence[end..];
    }
    for c in text.chars() {
        assert!(
            c == '\n' || c == '\u{1b}' || !tab_api::is_unsafe_char(c),
            "{c:?} reached the terminal: {text:?}"
        );
    }
}

#[test]
fn hostile_labels_are_shown_as_visible_text_one_line_per_session() {
    let cli = CliEnv::for_url(&hostile_server()).env(tab::env_vars::TAB_TOKEN, TOKEN);
    let (stdout, _) = run(&cli, &["sessions", "list"]);
    assert_eq!(
        stdout,
        "          DEVICE                                               ACTIVITY                                  ID
*  [web]  Chrome\\u{202e}exe.txt                   This device  Last seen 5 min ago · started 2 days ago  11111111
   [web]  wipe\\u{1b}[2J\\u{1b}[H                                Last seen 5 min ago · started 2 days ago  22222222
   [web]  copy\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}                    Last seen 5 min ago · started 2 days ago  33333333
   [web]  evil\\n🌐  Chrome on macOS  This device               Last seen 5 min ago · started 2 days ago  44444444
"
    );
    for args in [
        &["sessions", "list", "--wide"][..],
        &["sessions", "list", "--color", "always"][..],
        &["sessions", "list", "--wide", "--color", "always"][..],
    ] {
        let (stdout, _) = run(&cli, args);
        assert_only_colours(&stdout);
        assert_eq!(stdout.lines().count(), 5, "{args:?}: {stdout}");
        // The label's "This device" stays visible text; the mark that no server string
        // can reach, the first column's `*`, is on the current row alone.
        let starred: Vec<&str> = stdout.lines().filter(|l| l.starts_with('*')).collect();
        assert_eq!(starred.len(), 1, "{args:?}: {stdout}");
        assert!(starred[0].contains("11111111"), "{args:?}: {stdout}");
    }
}

/// The history's labels, devices, addresses and revokers are shown as visible text, one
/// line per event.
#[test]
fn a_hostile_history_is_shown_as_visible_text_one_line_per_event() {
    let cli = CliEnv::for_url(&hostile_server()).env(tab::env_vars::TAB_TOKEN, TOKEN);
    for args in [
        &["sessions", "history"][..],
        &["sessions", "history", "--color", "always"][..],
    ] {
        let (stdout, _) = run(&cli, args);
        assert_only_colours(&stdout);
        assert_eq!(stdout.lines().count(), 5, "{args:?}: {stdout}");
        assert!(stdout.contains("by copy\\u{1b}]52"), "{stdout}");
        assert!(
            stdout.contains("by an administrator (wipe\\u{1b}[2J\\u{1b}[H)"),
            "{stdout}"
        );
    }
    let (json, _) = run(&cli, &["sessions", "history", "--json"]);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["events"][0]["ip"], FAKE_ROW);
}

#[test]
fn json_output_keeps_the_servers_data_exactly() {
    let cli = CliEnv::for_url(&hostile_server()).env(tab::env_vars::TAB_TOKEN, TOKEN);
    let (stdout, _) = run(&cli, &["sessions", "list", "--json"]);
    assert_only_colours(&stdout);
    let list: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(list["sessions"][1]["label"], CLEAR_SCREEN);
    assert_eq!(list["sessions"][3]["label"], FAKE_ROW);
}

#[test]
fn status_shows_a_hostile_name_and_email_as_visible_text() {
    let cli = CliEnv::for_url(&hostile_server()).env(tab::env_vars::TAB_TOKEN, TOKEN);
    let (stdout, _) = run(&cli, &["status"]);
    assert_only_colours(&stdout);
    let user = stdout
        .lines()
        .find(|l| l.starts_with("User"))
        .expect("User row");
    assert_eq!(
        user,
        "User     Anawipe\\u{1b}[2J\\u{1b}[H <ana@example.comcopy\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}>, admin"
    );
    let session = stdout
        .lines()
        .find(|l| l.starts_with("Session"))
        .expect("Session row");
    assert!(session.ends_with("(Chrome\\u{202e}exe.txt)"), "{session}");
}

#[test]
fn a_hostile_error_message_stays_on_one_visible_line() {
    let cli = CliEnv::for_url(&hostile_server()).env(tab::env_vars::TAB_TOKEN, TOKEN);
    let (_, stderr) = run(&cli, &["sessions", "revoke-others", "--color", "always"]);
    assert_only_colours(&stderr);
    let first = stderr.lines().next().expect("an error line");
    assert!(
        first.ends_with("failed with HTTP 503: downwipe\\u{1b}[2J\\u{1b}[H\\nerror: all is well"),
        "{stderr:?}"
    );
}

/// A 409 from a revoke means "that is this device's session" and names the id asked for
/// (exit 5), whichever session the list marked current.
#[test]
fn a_409_from_a_revoke_names_the_session() {
    let cli = CliEnv::for_url(&hostile_server()).env(tab::env_vars::TAB_TOKEN, TOKEN);
    let output = cli.run(&["sessions", "revoke", "22222222", "--json"], "");
    assert_eq!(output.status.code(), Some(5), "{output:?}");
    let body: Value = serde_json::from_slice(&output.stdout).expect("a JSON error");
    assert_eq!(body["error"]["code"], "current_session");
    assert_eq!(
        body["error"]["message"],
        "22222222-2222-4222-8222-222222222222 is this device's session"
    );
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
