//! Text: server strings made safe for a terminal, relative times in the
//! web card's words, counts and short ids.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::SHORT_ID_CHARS;

/// Text that came from a server, made safe to show in a terminal. Every control, format
/// and separator character ([`tab_api::is_unsafe_char`]: escape sequences, bidi
/// overrides, zero-width characters, newlines) is shown as a visible escape such as
/// `\u{1b}` or `\n`, so that nothing a server sends can clear the screen, write the
/// clipboard, reorder what is read or draw a line of its own. Every server-provided
/// string passes through here before it is printed; `--json` output does not (serde
/// escapes it, and scripts get the server's data byte for byte).
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(tab_api::is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if tab_api::is_unsafe_char(c) {
            safe.extend(c.escape_default());
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

/// A server-supplied sentence (an error message) made safe to print, and cut to at most
/// [`MAX_SENTENCE_CHARS`] characters.
pub fn server_sentence(text: &str) -> String {
    cut(terminal_safe(text.trim()).as_ref(), MAX_SENTENCE_CHARS)
}

/// The longest server sentence printed, in characters.
const MAX_SENTENCE_CHARS: usize = 200;

/// `text` cut to at most `max` characters, an ellipsis marking the cut.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_string(),
    }
}

/// A note for an `--idle-for` no live session can meet: sessions end 7 days after
/// sign-in, so none has been idle for longer.
pub fn idle_beyond_lifetime(idle: std::time::Duration) -> Option<String> {
    (idle.as_secs() >= tab_api::SESSION_LIFETIME_SECS as u64).then(|| {
        format!(
            "Sessions end 7 days after sign-in, so none can have been idle for {}; nothing matches",
            duration_words(idle)
        )
    })
}

/// `2 days`, `12 hours`, `90 minutes`, `1 day 6 hours`: a duration as people say it.
pub fn duration_words(duration: std::time::Duration) -> String {
    let secs = duration.as_secs();
    let unit = |n: u64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let (days, hours, minutes) = (secs / 86_400, secs % 86_400 / 3_600, secs % 3_600 / 60);
    let parts: Vec<String> = [(days, "day"), (hours, "hour"), (minutes, "minute")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, one)| unit(n, one))
        .collect();
    if parts.is_empty() {
        unit(secs, "second")
    } else {
        parts.join(" ")
    }
}

/// The web card's relative time: `Just now` (under a minute), `N min ago` (under an
/// hour), `N hr ago` (under a day), `1 day ago`, `N days ago`. A time in the future
/// (clock skew) reads `Just now`.
pub fn ago(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        0..60 => "Just now".to_string(),
        60..3_600 => format!("{} min ago", secs / 60),
        3_600..86_400 => format!("{} hr ago", secs / 3_600),
        86_400..172_800 => "1 day ago".to_string(),
        _ => format!("{} days ago", secs / 86_400),
    }
}

/// A relative time in the fewest letters, for a narrow table: `now`, `5m ago`, `3h ago`,
/// `2d ago` (the same boundaries as [`ago`]).
pub fn ago_compact(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        0..60 => "now".to_string(),
        60..3_600 => format!("{}m ago", secs / 60),
        3_600..86_400 => format!("{}h ago", secs / 3_600),
        _ => format!("{}d ago", secs / 86_400),
    }
}

/// A relative time inside a sentence ("started just now").
pub fn ago_inline(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let text = ago(now, then);
    if text == "Just now" {
        "just now".to_string()
    } else {
        text
    }
}

/// `expires in 6 days`, for the expiry in `tab status`: whole units, rounded.
pub fn expires_in(now: DateTime<Utc>, expires: DateTime<Utc>) -> String {
    let secs = (expires - now).num_seconds();
    if secs <= 0 {
        return "expired".to_string();
    }
    // Rounded to the nearest unit, in whole numbers: a fresh session "expires in 7 days",
    // not "in a week".
    let (count, unit) = match secs {
        0..90 => (1, "minute"),
        90..5_400 => ((secs + 30) / 60, "minute"),
        5_400..129_600 => ((secs + 1_800) / 3_600, "hour"),
        _ => ((secs + 43_200) / 86_400, "day"),
    };
    format!(
        "expires in {count} {unit}{}",
        if count == 1 { "" } else { "s" }
    )
}

/// "1 session", "3 sessions".
pub fn sessions_count(count: u64) -> String {
    if count == 1 {
        "1 session".into()
    } else {
        format!("{count} sessions")
    }
}

/// A session id as shown when there is no list to compare it with: its first
/// [`SHORT_ID_CHARS`] characters.
pub fn short_id(id: &uuid::Uuid) -> String {
    id.to_string()[..SHORT_ID_CHARS].to_string()
}

/// `(web, desktop; idle for at least 30 days)`: the rule in words.
pub fn filter_words(filter: &tab_api::RevokeOthersRequest) -> String {
    let mut parts = Vec::new();
    if let Some(kinds) = &filter.kinds {
        let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        parts.push(kinds.join(", "));
    }
    if let Some(secs) = filter.idle_for_secs {
        parts.push(format!(
            "idle for at least {}",
            duration_words(std::time::Duration::from_secs(secs))
        ));
    }
    format!("({})", parts.join("; "))
}

/// One alert as `tab` says it on standard error: `New sign-in 5 min ago: Firefox 133 on
/// Windows from 203.0.113.7 (`tab sessions ack 5f0c9a2e` if it was you)`.
pub fn alert_line(alert: &tab_api::Alert, now: DateTime<Utc>) -> String {
    let from = alert
        .ip
        .as_deref()
        .map(|ip| format!(" from {}", terminal_safe(ip)))
        .unwrap_or_default();
    format!(
        "New sign-in {}: {}{from} (`tab sessions ack {}` if it was you)",
        ago_inline(now, alert.at),
        // What the server saw (its User-Agent read), not the label the new device chose.
        alert.session.device.as_deref().map_or_else(
            || super::table::session_name(&alert.session),
            |device| terminal_safe(device).into_owned()
        ),
        short_id(&alert.id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn ago_secs(secs: i64) -> String {
        let now = Utc::now();
        ago(now, now - TimeDelta::seconds(secs))
    }

    #[test]
    fn durations_read_as_people_say_them() {
        let words = |secs| duration_words(std::time::Duration::from_secs(secs));
        assert_eq!(words(2 * 86_400), "2 days");
        assert_eq!(words(86_400 + 6 * 3_600), "1 day 6 hours");
        assert_eq!(words(90 * 60), "1 hour 30 minutes");
        assert_eq!(words(60), "1 minute");
        assert_eq!(words(5), "5 seconds");
    }

    #[test]
    fn relative_time_boundaries_match_the_web_card() {
        assert_eq!(ago_secs(0), "Just now");
        assert_eq!(ago_secs(59), "Just now");
        assert_eq!(ago_secs(60), "1 min ago");
        assert_eq!(ago_secs(59 * 60), "59 min ago");
        assert_eq!(ago_secs(60 * 60), "1 hr ago");
        assert_eq!(ago_secs(23 * 3600), "23 hr ago");
        assert_eq!(ago_secs(24 * 3600), "1 day ago");
        assert_eq!(ago_secs(47 * 3600), "1 day ago");
        assert_eq!(ago_secs(48 * 3600), "2 days ago");
        assert_eq!(ago_secs(6 * 86_400 + 3600), "6 days ago");
        assert_eq!(ago_secs(-30), "Just now");
    }

    #[test]
    fn server_text_cannot_drive_the_terminal() {
        assert_eq!(terminal_safe("Chrome on macOS"), "Chrome on macOS");
        assert_eq!(terminal_safe("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal_safe("evil\nrow"), "evil\\nrow");
        assert_eq!(terminal_safe("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(
            terminal_safe("\u{1b}]52;c;aGk=\u{7}"),
            "\\u{1b}]52;c;aGk=\\u{7}"
        );
        assert_eq!(server_sentence("bad\nthing"), "bad\\nthing");
        let json =
            crate::render::json_text(&serde_json::json!({"label": "a\u{202e}b\u{e0001}\n\u{7f}é"}));
        assert_eq!(json, r#"{"label":"a\u202eb\udb40\udc01\n\u007fé"}"#);
        let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(back["label"], "a\u{202e}b\u{e0001}\n\u{7f}é");
        assert_eq!(server_sentence(&"x".repeat(500)).chars().count(), 203);
    }

    #[test]
    fn expiry_reads_in_words() {
        let now = Utc::now();
        assert_eq!(
            expires_in(now, now + TimeDelta::days(6)),
            "expires in 6 days"
        );
        assert_eq!(expires_in(now, now - TimeDelta::days(1)), "expired");
        let cases = [
            (TimeDelta::days(7), "expires in 7 days"),
            (
                TimeDelta::days(7) - TimeDelta::seconds(2),
                "expires in 7 days",
            ),
            (TimeDelta::hours(36), "expires in 2 days"),
            (TimeDelta::hours(20), "expires in 20 hours"),
            (TimeDelta::minutes(61), "expires in 61 minutes"),
            (TimeDelta::seconds(30), "expires in 1 minute"),
        ];
        for (left, words) in cases {
            assert_eq!(expires_in(now, now + left), words);
        }
    }
}
