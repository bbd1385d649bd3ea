//! The new-device alert mail: how the operator configures it (`--smtp-url`,
//! `TAB_SMTP_PASSWORD`, `--mail-from`) and what the mail says. Sending is the outbox's
//! (`mail/outbox.rs`), off the request path.
//!
//! The mail carries only what the server saw itself (the device as its User-Agent was
//! read, the address, the time), never the session's label, which whoever signed in
//! chose, and no link at all: alert mails are imitated by phishers, so the real one tells
//! people to open TAB themselves.

mod outbox;

use std::time::Duration;

use anyhow::Context as _;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, Message, Tokio1Executor};

use crate::store::{QueuedAlert, Recipient};

pub(crate) use outbox::Outbox;

/// How long one SMTP exchange may take before it counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// At most this many sign-ins are listed in one mail; the rest are counted.
const MAX_LISTED: usize = 10;
/// A device name longer than this is not shown as it is.
const MAX_DEVICE_CHARS: usize = 60;

/// When mail goes: at most one per account per `interval`, retried from `first_retry`
/// on (doubling, at most ten minutes apart) until `give_up_after` since the sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailPolicy {
    /// The least time between two mails to one account; what comes meanwhile is folded
    /// into the next.
    pub interval: Duration,
    /// The wait after the first failed try.
    pub first_retry: Duration,
    /// How long after a sign-in its mail is still tried.
    pub give_up_after: Duration,
}

impl MailPolicy {
    /// Ten minutes between mails, the first retry after 30 seconds, for an hour.
    pub const DEFAULT: MailPolicy = MailPolicy {
        interval: Duration::from_secs(10 * 60),
        first_retry: Duration::from_secs(30),
        give_up_after: Duration::from_secs(60 * 60),
    };

    /// The wait after `failures` tries in a row failed: doubling from the first retry,
    /// never more than ten minutes.
    pub fn retry_after(&self, failures: i64) -> Duration {
        let doublings = u32::try_from(failures.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
        self.first_retry
            .saturating_mul(1 << doublings)
            .min(Duration::from_secs(10 * 60))
    }
}

impl Default for MailPolicy {
    fn default() -> Self {
        MailPolicy::DEFAULT
    }
}

/// The operator's mail configuration, checked. Its `Debug` never shows the URL, which
/// may hold a password.
#[derive(Clone)]
pub struct MailSettings {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// `smtp://mail.example.com:587 (STARTTLS)`: no credentials.
    described: String,
    /// Plain SMTP to another host: the operator is warned at start-up.
    unencrypted_remote: bool,
    policy: MailPolicy,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("server", &self.described)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl MailSettings {
    /// Checks `--smtp-url` (`smtp://HOST:PORT`, `smtp://...?tls=required` for STARTTLS,
    /// `smtps://` for TLS; a user and password in the URL, or the password apart in
    /// `password`) and `--mail-from`. No error repeats the URL, which may hold a password.
    pub fn parse(url: &str, password: Option<&str>, from: &str) -> anyhow::Result<MailSettings> {
        const FORM: &str = "the SMTP URL must look like smtp://HOST:PORT, smtp://HOST:PORT?tls=required (STARTTLS) or smtps://HOST:PORT";
        let parsed = url::Url::parse(url).ok().context(FORM)?;
        let host = parsed.host_str().filter(|h| !h.is_empty()).context(FORM)?;
        let mut tls = None;
        for (name, value) in parsed.query_pairs() {
            match (name.as_ref(), value.as_ref()) {
                ("tls", "required" | "opportunistic") if tls.is_none() => {
                    tls = Some(value.into_owned())
                }
                _ => anyhow::bail!("{FORM}; the only parameter is tls=required"),
            }
        }
        let encryption = match (parsed.scheme(), tls.as_deref()) {
            ("smtps", None) => "TLS",
            ("smtp", Some("required")) => "STARTTLS",
            ("smtp", Some(_)) => "STARTTLS if offered",
            ("smtp", None) => "unencrypted",
            _ => anyhow::bail!(FORM),
        };
        let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
        let described = format!("{}://{host}{port} ({encryption})", parsed.scheme());
        let loopback = host == "localhost"
            || host
                .trim_matches(['[', ']'])
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| anyhow::anyhow!(FORM))?
            .timeout(Some(SMTP_TIMEOUT));
        if let Some(password) = password.filter(|p| !p.is_empty()) {
            let user = percent_decoded(parsed.username());
            anyhow::ensure!(
                !user.is_empty(),
                "TAB_SMTP_PASSWORD needs the user name in the SMTP URL: smtp://USER@HOST:PORT"
            );
            builder = builder.credentials(Credentials::new(user, password.to_string()));
        }
        let from: Mailbox = from.parse().ok().with_context(|| {
            "--mail-from must be an email address such as tab@example.com or \"TAB <tab@example.com>\""
        })?;
        Ok(MailSettings {
            transport: builder.build(),
            from,
            described,
            unencrypted_remote: encryption != "TLS" && encryption != "STARTTLS" && !loopback,
            policy: MailPolicy::DEFAULT,
        })
    }

    /// The same settings with another sending policy.
    pub fn with_policy(mut self, policy: MailPolicy) -> MailSettings {
        self.policy = policy;
        self
    }

    /// The mail server in words that carry no credential.
    pub fn described(&self) -> &str {
        &self.described
    }
}

fn percent_decoded(text: &str) -> String {
    url::form_urlencoded::parse(format!("u={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// The alert mail to `to` about `alerts` (at least one), written at `now` (Unix ms).
pub(crate) fn compose(
    from: &Mailbox,
    to: &Recipient,
    alerts: &[QueuedAlert],
    now: i64,
) -> anyhow::Result<Message> {
    let address = to
        .email
        .parse()
        .ok()
        .context("the account's email is not an address mail can go to")?;
    let subject = match alerts {
        [one] => match plain_device(one.device.as_deref()) {
            Some(device) => format!("New sign-in to TAB: {device}"),
            None => "New sign-in to TAB".to_string(),
        },
        many => format!("{} new sign-ins to TAB", many.len()),
    };
    let domain = from.email.domain();
    Message::builder()
        .from(from.clone())
        .to(Mailbox::new(Some(to.name.clone()), address))
        .subject(subject)
        .message_id(Some(format!("<{}@{domain}>", uuid::Uuid::new_v4())))
        .header(ContentType::TEXT_PLAIN)
        .body(body(&to.name, alerts, now))
        .context("cannot write the alert mail")
}

/// The mail's text: every sign-in (device, address, time in UTC and in words), what to
/// do if it was not you, and why there is no link.
pub(crate) fn body(name: &str, alerts: &[QueuedAlert], now: i64) -> String {
    let mut text = format!("Hello {name},\n\n");
    text.push_str(match alerts.len() {
        1 => "A new device signed in to your TAB account:\n\n",
        _ => "New devices signed in to your TAB account:\n\n",
    });
    for alert in alerts.iter().take(MAX_LISTED) {
        let device =
            plain_device(alert.device.as_deref()).unwrap_or("A device that did not say what it is");
        let address = alert
            .ip
            .as_deref()
            .and_then(|ip| ip.parse::<std::net::IpAddr>().ok())
            .map_or_else(|| "an unknown address".to_string(), |ip| ip.to_string());
        text.push_str(&format!(
            "  {device} ({kind})\n  from {address}\n  {when}\n\n",
            kind = alert.kind.as_str(),
            when = when(alert.signed_in_at, now),
        ));
    }
    if alerts.len() > MAX_LISTED {
        text.push_str(&format!(
            "  and {} more; TAB's Active sessions card lists them all.\n\n",
            alerts.len() - MAX_LISTED
        ));
    }
    text.push_str(
        "If this was you, there is nothing to do.\n\n\
         If this wasn't you, open TAB's Active sessions card yourself, sign out everywhere\n\
         else and change your password.\n\n\
         This mail has no links on purpose: TAB never asks you to follow a link to keep\n\
         your account safe. Open TAB the way you always do.\n",
    );
    text
}

/// `on 2026-12-01 at 13:45 UTC (5 minutes ago)`.
fn when(at: i64, now: i64) -> String {
    let Some(time) = chrono::DateTime::from_timestamp_millis(at) else {
        return "at an unknown time".to_string();
    };
    let ago = now.saturating_sub(at);
    let words = if ago < 60_000 {
        "just now".to_string()
    } else {
        chrono_humanize::HumanTime::from(chrono::Duration::milliseconds(-ago)).to_text_en(
            chrono_humanize::Accuracy::Rough,
            chrono_humanize::Tense::Past,
        )
    };
    format!("on {} ({words})", time.format("%Y-%m-%d at %H:%M UTC"))
}

/// The device as a person reads it (`Firefox 133 on Windows`), or `None` when what the
/// User-Agent said could pass for something else in a mail: an address, a host name or
/// anything but words and version numbers, which a mail program might turn into a link.
fn plain_device(device: Option<&str>) -> Option<&str> {
    let device = device?;
    let plain = device.chars().count() <= MAX_DEVICE_CHARS
        && device
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '.')
        && device.split(' ').all(|word| {
            !word.contains('.') || word.chars().all(|c| c.is_ascii_digit() || c == '.')
        });
    plain.then_some(device)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tab_api::SessionKind;

    fn alert(device: &str, ip: &str) -> QueuedAlert {
        QueuedAlert {
            session_id: "s".into(),
            kind: SessionKind::Web,
            device: Some(device.into()),
            ip: Some(ip.into()),
            signed_in_at: 1_764_596_700_000,
            queued_at: 1_764_596_700_000,
            acknowledged: false,
        }
    }

    #[test]
    fn the_body_names_device_address_and_time_and_carries_no_link() {
        let text = body(
            "Ana",
            &[alert("Firefox 133 on Windows", "203.0.113.7")],
            1_764_596_700_000 + 5 * 60 * 1000,
        );
        assert!(text.contains("Firefox 133 on Windows (web)"), "{text}");
        assert!(text.contains("from 203.0.113.7"), "{text}");
        assert!(
            text.contains("on 2025-12-01 at 13:45 UTC (5 minutes ago)"),
            "{text}"
        );
        assert!(text.contains("sign out everywhere\nelse and change your password"));
        let now = body(
            "Ana",
            &[alert("Firefox 133 on Windows", "::1")],
            1_764_596_700_500,
        );
        assert!(now.contains("13:45 UTC (just now)"), "{now}");
        for link in ["://", "www.", "@", "href"] {
            assert!(!text.contains(link), "{link} in {text}");
        }
    }

    #[test]
    fn a_device_that_could_pass_for_a_link_is_not_shown() {
        for device in [
            "tab 0.1.0 on https://evil.example",
            "tab 0.1.0 on evil.example",
            "tab 1.0 on help@evil.example",
            "TAB Desktop 2.3 on tab-support.com",
        ] {
            assert_eq!(plain_device(Some(device)), None, "{device}");
            let text = body("Ana", &[alert(device, "203.0.113.7")], 0);
            assert!(!text.contains("evil"), "{text}");
        }
        assert_eq!(
            plain_device(Some("TAB Desktop 2.3 on Windows")),
            Some("TAB Desktop 2.3 on Windows")
        );
    }

    #[test]
    fn many_sign_ins_fold_into_one_mail() {
        let alerts: Vec<QueuedAlert> = (0..12)
            .map(|i| alert("Chrome 131 on macOS", &format!("127.0.{i}.1")))
            .collect();
        let text = body("Ana", &alerts, 0);
        assert_eq!(text.matches("Chrome 131 on macOS").count(), MAX_LISTED);
        assert!(text.contains("and 2 more"), "{text}");
    }

    #[test]
    fn retries_double_from_the_first_and_stop_at_ten_minutes() {
        let policy = MailPolicy::DEFAULT;
        let waits: Vec<u64> = (1..=7).map(|n| policy.retry_after(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(policy.retry_after(i64::MAX).as_secs(), 600);
    }

    #[test]
    fn settings_never_repeat_the_url_and_check_their_parts() {
        let secret = "s3cret-pass";
        for url in [
            format!("http://u:{secret}@mail.example.com"),
            format!("smtp://u:{secret}@mail.example.com?tls=maybe"),
            format!("smtp://u:{secret}@"),
            format!("smtp://u:{secret}@mail.example.com?x=1"),
            // Huge, and with characters no host has.
            format!("smtp://u:{secret}@{}?tls=maybe", "x".repeat(100_000)),
            format!("smtp://u:{secret}@mail\u{1b}[2J.example.com"),
        ] {
            let error = MailSettings::parse(&url, None, "tab@example.com")
                .expect_err(&url)
                .to_string();
            assert!(!error.contains(secret), "{error}");
        }
        let settings = MailSettings::parse(
            &format!("smtp://u:{secret}@mail.example.com:587?tls=required"),
            None,
            "TAB <tab@example.com>",
        )
        .expect("STARTTLS");
        assert_eq!(
            settings.described(),
            "smtp://mail.example.com:587 (STARTTLS)"
        );
        assert!(!format!("{settings:?}").contains(secret));
        assert!(!settings.unencrypted_remote);
        let plain = MailSettings::parse("smtp://mail.example.com:25", None, "tab@example.com")
            .expect("plain");
        assert!(plain.unencrypted_remote);
        let local = MailSettings::parse("smtp://127.0.0.1:2525", None, "tab@example.com")
            .expect("loopback");
        assert!(!local.unencrypted_remote);
        assert_eq!(
            MailSettings::parse("smtps://mail.example.com", None, "tab@example.com")
                .expect("TLS")
                .described(),
            "smtps://mail.example.com (TLS)"
        );
        assert!(
            MailSettings::parse("smtp://mail.example.com", Some(secret), "tab@example.com")
                .expect_err("a password without a user")
                .to_string()
                .contains("USER@HOST")
        );
        assert!(MailSettings::parse("smtp://mail.example.com", None, "not an address").is_err());
        let huge_from = format!("{}@example.com", "a".repeat(100_000));
        assert!(MailSettings::parse("smtp://mail.example.com", None, &huge_from).is_err());
    }
}
