//! What a User-Agent says about the device: `Chrome 131 on macOS` (a session's `device`),
//! `Chrome on macOS` (the label of a web session signed in without one), and for TAB's
//! own clients `tab 0.1.0 on Linux` and `TAB Desktop 2.3 on Windows`. Browsers are
//! parsed by woothee (a small, maintained table of browsers and systems); this module
//! reads TAB's own product tokens and words the answers.

/// Only the start of a User-Agent is parsed: real ones are a few hundred bytes, and a
/// huge header must not cost more than a real one.
const MAX_USER_AGENT_BYTES: usize = 512;

/// The product token TAB's desktop app sends: `TAB-Desktop/2.3 (Windows NT 10.0; ...)`.
const DESKTOP_PRODUCT: &str = "TAB-Desktop/";
/// The product token `tab` sends: `tab/0.1.0 (Linux)`.
const CLI_PRODUCT: &str = "tab/";

/// What a User-Agent says, read once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Description {
    /// `Chrome 131 on macOS`, `tab 0.1.0 on Linux`, `TAB Desktop 2.3 on Windows`: the
    /// major version of a browser, the whole version of TAB's own clients; `None` when it
    /// is none of these.
    pub device: Option<String>,
    /// `Chrome on macOS` (or just the browser) for a browser; `None` for anything else,
    /// so that a web session's label falls back to its kind.
    pub browser_label: Option<String>,
}

/// Reads a User-Agent (its first [`MAX_USER_AGENT_BYTES`]).
pub(crate) fn describe(user_agent: &str) -> Description {
    let agent = head(user_agent);
    let parsed = woothee::parser::Parser::new().parse(agent);
    // Browsers on computers and phones; not crawlers, HTTP libraries or the unknown.
    let browser = parsed.as_ref().filter(|p| {
        matches!(p.category, "pc" | "smartphone" | "mobilephone")
            && p.name != woothee::woothee::VALUE_UNKNOWN
    });
    let device = if let Some(rest) = agent.strip_prefix(CLI_PRODUCT) {
        product(rest)
            .map(|(version, system)| on_system(&format!("tab {version}"), system.as_deref()))
    } else if let Some(at) = agent.find(DESKTOP_PRODUCT) {
        product(&agent[at + DESKTOP_PRODUCT.len()..]).map(|(version, _)| {
            let system = parsed.as_ref().and_then(|p| system_name(p.os));
            on_system(&format!("TAB Desktop {version}"), system)
        })
    } else {
        browser.map(|p| {
            let major = p
                .version
                .split('.')
                .next()
                .filter(|v| !v.is_empty() && *v != woothee::woothee::VALUE_UNKNOWN);
            let name = match major {
                Some(major) => format!("{} {major}", p.name),
                None => p.name.to_string(),
            };
            on_system(&name, system_name(p.os))
        })
    };
    Description {
        device,
        browser_label: browser.map(|p| on_system(p.name, system_name(p.os))),
    }
}

/// `VERSION (SYSTEM...)` after a product name: the version (digits and dots, at most 20)
/// and the first part of the comment, named as people name it.
fn product(rest: &str) -> Option<(&str, Option<String>)> {
    let version: &str = rest.split([' ', '(']).next()?;
    let plausible = !version.is_empty()
        && version.len() <= 20
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !plausible {
        return None;
    }
    let system = rest
        .split_once('(')
        .and_then(|(_, comment)| comment.split([';', ')']).next())
        .map(str::trim)
        .filter(|s| {
            !s.is_empty() && s.len() <= 40 && s.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        })
        .map(|s| {
            if s.starts_with("Windows") {
                "Windows".to_string()
            } else if s.eq_ignore_ascii_case("macos") || s.starts_with("Macintosh") {
                "macOS".to_string()
            } else {
                s.to_string()
            }
        });
    Some((version, system))
}

fn on_system(what: &str, system: Option<&str>) -> String {
    match system {
        Some(system) => format!("{what} on {system}"),
        None => what.to_string(),
    }
}

/// The start of a User-Agent, cut at a character boundary.
fn head(user_agent: &str) -> &str {
    let mut end = user_agent.len().min(MAX_USER_AGENT_BYTES);
    while !user_agent.is_char_boundary(end) {
        end -= 1;
    }
    &user_agent[..end]
}

/// The name people use for woothee's operating system names.
fn system_name(os: &str) -> Option<&str> {
    Some(match os {
        woothee::woothee::VALUE_UNKNOWN | "" => return None,
        "Mac OSX" | "Mac OS Classic" => "macOS",
        "iPhone" | "iPod" => "iOS",
        "iPad" => "iPadOS",
        windows if windows.starts_with("Windows") => "Windows",
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn browser_label(agent: &str) -> Option<String> {
        describe(agent).browser_label
    }

    fn device_name(agent: &str) -> Option<String> {
        describe(agent).device
    }

    #[test]
    fn real_browsers_are_named_with_their_system() {
        let cases = [
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Chrome on macOS",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                "Edge on Windows",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Firefox on Linux",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                "Safari on iOS",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
                "Chrome on Linux",
            ),
        ];
        for (agent, label) in cases {
            assert_eq!(browser_label(agent).as_deref(), Some(label), "{agent}");
        }
    }

    #[test]
    fn devices_name_the_browser_version_and_tabs_own_clients() {
        let cases = [
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Chrome 131 on macOS",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
                "Edge 131 on Windows",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36",
                "Chrome 131 on Android",
            ),
            ("tab/0.1.0 (Linux)", "tab 0.1.0 on Linux"),
            ("tab/0.1.0 (macOS)", "tab 0.1.0 on macOS"),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) TAB-Desktop/2.3 Electron/33.2.1",
                "TAB Desktop 2.3 on Windows",
            ),
        ];
        for (agent, device) in cases {
            assert_eq!(device_name(agent).as_deref(), Some(device), "{agent}");
        }
        assert_eq!(device_name("tab/\u{1b}[2J (Linux)"), None);
        assert_eq!(device_name("curl/8.5.0"), None);
    }

    #[test]
    fn unknown_and_hostile_agents_give_no_label() {
        assert_eq!(browser_label("curl/8.5.0"), None);
        assert_eq!(browser_label(""), None);
        assert_eq!(
            browser_label("Googlebot/2.1 (+http://www.google.com/bot.html)"),
            None
        );
        let huge = format!("{}é", "x".repeat(MAX_USER_AGENT_BYTES - 1));
        assert_eq!(browser_label(&huge), None);
    }
}

/// What a request's User-Agent says (nothing when it sends none, or none readable).
pub(crate) fn of_request(headers: &axum::http::HeaderMap) -> Description {
    headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|agent| agent.to_str().ok())
        .map(describe)
        .unwrap_or_default()
}

/// A session's device without its versions, for telling a new device from a known one:
/// `Chrome 131 on macOS` and `Chrome 132 on macOS` are both `Chrome on macOS`; an unknown
/// device is the empty string.
pub(crate) fn family(device: Option<&str>) -> String {
    device
        .unwrap_or_default()
        .split_whitespace()
        .filter(|word| !word.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod family_tests {
    #[test]
    fn versions_do_not_make_a_new_device() {
        assert_eq!(
            super::family(Some("Chrome 131 on macOS")),
            "Chrome on macOS"
        );
        assert_eq!(super::family(Some("tab 0.1.0 on Linux")), "tab on Linux");
        assert_eq!(
            super::family(Some("TAB Desktop 2.3 on Windows")),
            "TAB Desktop on Windows"
        );
        assert_eq!(super::family(None), "");
    }
}
