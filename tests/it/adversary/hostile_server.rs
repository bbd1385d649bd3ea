//! Row "a TAB server whose labels hold escape sequences": before, `tab` printed them raw,
//! so a server could clear the screen, write the clipboard (OSC 52) or draw a fake "This
//! device" row. A fake server here answers well-formed API JSON whose strings are
//! hostile; `tab` must show every one of them as visible text, one line per session.
//! The hostile fields of error answers and of the browser sign-in are
//! `hostile_errors.rs`.

use chrono::{TimeDelta, Utc};
use serde_json::{Value, json};

use crate::support::cli::{CliEnv, assert_clean};
use crate::support::fake_server::serve_json;

pub(super) const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.hostile-test-token.signature";
pub(super) const CLEAR_SCREEN: &str = "wipe\u{1b}[2J\u{1b}[H";
pub(super) const CLIPBOARD: &str = "copy\u{1b}]52;c;cm0gLXJmIH4=\u{7}";
pub(super) const FAKE_ROW: &str = "evil\n🌐  Chrome on macOS  This device";
pub(super) const BIDI: &str = "Chrome\u{202e}exe.txt";

/// The session list the fake server sends: this device, then three hostile labels.
pub(super) fn sessions() -> Value {
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
pub(super) fn events() -> Value {
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
pub(super) fn hostile_server() -> String {
    serve_json(route)
}

pub(super) fn run(cli: &CliEnv, args: &[&str]) -> (String, String) {
    let output = cli.run(args, "");
    assert_clean(&output, TOKEN);
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

/// No escape sequence reaches the terminal but `tab`'s own colours (SGR: ESC [ ... m).
pub(super) fn assert_only_colours(text: &str) {
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
