//! What a User-Agent says about the device: `Chrome on macOS`, for the label of a web
//! session signed in without one. Parsing is woothee's (a small, maintained table of
//! browsers and systems); this module only words its answer.

/// Only the start of a User-Agent is parsed: real ones are a few hundred bytes, and a
/// huge header must not cost more than a real one.
const MAX_USER_AGENT_BYTES: usize = 512;

/// `Browser on System` (or just the browser) for a browser's User-Agent; `None` for
/// anything else, so the label falls back to the kind.
pub fn browser_label(user_agent: &str) -> Option<String> {
    let mut end = user_agent.len().min(MAX_USER_AGENT_BYTES);
    while !user_agent.is_char_boundary(end) {
        end -= 1;
    }
    let parsed = woothee::parser::Parser::new().parse(&user_agent[..end])?;
    // Browsers on computers and phones; not crawlers, HTTP libraries or the unknown.
    let browser_category = matches!(parsed.category, "pc" | "smartphone" | "mobilephone");
    if !browser_category || parsed.name == woothee::woothee::VALUE_UNKNOWN {
        return None;
    }
    let browser = parsed.name;
    Some(match system_name(parsed.os) {
        Some(system) => format!("{browser} on {system}"),
        None => browser.to_string(),
    })
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
