//! Signing in through a browser, never typing a password into the terminal:
//! `tab login --web` (this machine's browser approves; a loopback redirect with PKCE,
//! RFC 7636 and RFC 8252) and `tab login --device` (any browser approves a code; RFC
//! 8628). Both hand the sign-in answer to `sign_in::keep_sign_in`.

use std::time::{Duration, Instant};

use base64::Engine as _;
use tab_api::{ClientInfo, ErrorCode, SessionKind, SignInResponse};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use url::Url;

use crate::client::{ApiClient, DevicePoll};
use crate::context::Ctx;
use crate::error::CliError;
use crate::render;

/// How long `tab login --web` waits for the browser.
const WEB_WAIT: Duration = Duration::from_secs(5 * 60);
/// The most of a request the loopback listener reads.
const MAX_CALLBACK_BYTES: usize = 8 * 1024;

/// A failed browser sign-in: exit 3, with the way to start again.
fn refused(code: &'static str, message: &str, again: &str) -> CliError {
    CliError::BrowserSignIn {
        code,
        message: message.to_string(),
        hint: format!("run `{again}` to start again"),
    }
}

/// `tab login --web`: listens on a free loopback port, opens the approval page in the
/// browser, and exchanges the code the browser brings back.
pub async fn sign_in_with_browser(
    ctx: &Ctx,
    server: &Url,
    label: &str,
) -> Result<SignInResponse, CliError> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| CliError::Io(format!("cannot listen on 127.0.0.1 for the browser: {e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| CliError::Io(format!("cannot listen on 127.0.0.1: {e}")))?
        .port();
    // 256 random bits each, as hex: URL-safe verifier (RFC 7636 §4.1) and state.
    let verifier = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let state = uuid::Uuid::new_v4().simple().to_string();
    let challenge = {
        use sha2::Digest as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(verifier.as_bytes()))
    };
    let mut page = server.clone();
    page.set_path(tab_api::paths::CLI_AUTHORIZE_PAGE);
    page.query_pairs_mut()
        .append_pair("port", &port.to_string())
        .append_pair("code_challenge", &challenge)
        .append_pair("state", &state)
        .append_pair("label", label)
        .append_pair("agent", &crate::client::agent_in_words());
    // Listening before the address is shown: a Ctrl-C the moment it appears is not lost.
    let mut interrupt = Interrupt::listen()?;
    match open_browser(page.as_str()) {
        Ok(how) => ctx.note(&format!(
            "Opened {how} to approve this sign-in; if it did not open, visit:\n  {page}"
        )),
        Err(why) => ctx.note(&format!(
            "Could not open a browser ({why}); open this address in one on this computer:\n  {page}"
        )),
    }
    ctx.note("Waiting for the browser (Ctrl-C to stop)…");
    let deadline = Instant::now() + WEB_WAIT;
    let again = "tab login --web";
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let accepted = tokio::select! {
            accepted = tokio::time::timeout(left, listener.accept()) => accepted,
            () = interrupt.pressed() => return Err(CliError::Interrupted),
        };
        let Ok(accepted) = accepted else {
            return Err(refused(
                ErrorCode::ExpiredToken.as_str(),
                "the browser did not approve within 5 minutes",
                again,
            ));
        };
        let Ok((mut stream, _)) = accepted else {
            continue;
        };
        let Some(query) = read_callback(&mut stream).await else {
            // Not the callback (a favicon, a probe): answered and ignored.
            let _ = reply(&mut stream, 404, "Not found.").await;
            continue;
        };
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        if get("state") != Some(state.as_str()) {
            let _ = reply(
                &mut stream,
                400,
                "This answer is not for the sign-in that tab started. Nothing was signed in.",
            )
            .await;
            return Err(refused(
                "state_mismatch",
                "the browser's answer was not for this sign-in (its state did not match); nothing was signed in",
                again,
            ));
        }
        if get("error").is_some() {
            let _ = reply(
                &mut stream,
                200,
                "Denied. Nothing was signed in. You can close this tab.",
            )
            .await;
            return Err(refused(
                ErrorCode::AccessDenied.as_str(),
                "the sign-in was denied in the browser",
                again,
            ));
        }
        let Some(code) = get("code") else {
            let _ = reply(
                &mut stream,
                400,
                "The answer carried no code. Nothing was signed in.",
            )
            .await;
            return Err(refused(
                ErrorCode::InvalidGrant.as_str(),
                "the browser's answer carried no code",
                again,
            ));
        };
        let client = ctx_client(ctx, server)?;
        return match client.cli_token(code, &verifier).await {
            Ok(Some(signed_in)) => {
                let _ = reply(&mut stream, 200, "Signed in. You can close this tab.").await;
                Ok(signed_in)
            }
            Ok(None) => {
                let _ = reply(
                    &mut stream,
                    400,
                    "The server refused this code. Nothing was signed in.",
                )
                .await;
                Err(refused(
                    ErrorCode::InvalidGrant.as_str(),
                    "the server refused the browser's code (used, expired, or not for this sign-in)",
                    again,
                ))
            }
            Err(error) => {
                let _ = reply(&mut stream, 502, "Signing in failed; see the terminal.").await;
                Err(error)
            }
        };
    }
}

fn ctx_client(ctx: &Ctx, server: &Url) -> Result<ApiClient, CliError> {
    ApiClient::new(server.clone(), ctx.timeout(), None)
        .map_err(|e| CliError::Io(format!("cannot make an HTTP client: {e}")))
}

/// The query of a `GET /callback?...` request on `stream`, or `None` for anything else.
async fn read_callback(stream: &mut tokio::net::TcpStream) -> Option<String> {
    let mut buffer = Vec::with_capacity(1024);
    let read = async {
        let mut chunk = [0u8; 1024];
        while !buffer.windows(4).any(|w| w == b"\r\n\r\n") && buffer.len() < MAX_CALLBACK_BYTES {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            buffer.extend_from_slice(&chunk[..n]);
        }
        Some(())
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .ok()??;
    let head = String::from_utf8_lossy(&buffer);
    let target = head
        .lines()
        .next()?
        .strip_prefix("GET ")?
        .split(' ')
        .next()?;
    target.strip_prefix("/callback?").map(str::to_string)
}

/// A small page for the browser, and the connection closed.
async fn reply(stream: &mut tokio::net::TcpStream, status: u16, text: &str) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Bad Gateway",
    };
    let body = format!(
        "<!doctype html><meta charset=\"utf-8\"><title>tab</title><p style=\"font:1.2rem system-ui;margin:3rem\">{text}</p>"
    );
    let answer = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(answer.as_bytes()).await?;
    stream.shutdown().await
}

/// Opens `url` in `$BROWSER`, else the platform's opener; which one, or why not.
fn open_browser(url: &str) -> Result<String, String> {
    let chosen = std::env::var(crate::env_vars::BROWSER)
        .ok()
        .filter(|b| !b.trim().is_empty());
    let (program, args): (String, Vec<String>) = match chosen {
        Some(browser) => (browser, vec![url.to_string()]),
        None if cfg!(target_os = "macos") => ("open".into(), vec![url.into()]),
        None if cfg!(windows) => (
            "rundll32".into(),
            vec!["url.dll,FileProtocolHandler".into(), url.into()],
        ),
        None => ("xdg-open".into(), vec![url.into()]),
    };
    std::process::Command::new(&program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| format!("the browser ({})", render::terminal_safe(&program)))
        .map_err(|e| format!("{}: {e}", render::terminal_safe(&program)))
}

/// `tab login --device`: asks for a code, shows it, and polls until it is approved,
/// denied or expired.
pub async fn sign_in_with_device_code(
    ctx: &Ctx,
    server: &Url,
    label: &str,
) -> Result<SignInResponse, CliError> {
    let client = ctx_client(ctx, server)?;
    let codes = client
        .device_authorize(ClientInfo {
            kind: SessionKind::Cli,
            label: Some(label.to_string()),
        })
        .await?;
    // What the server sent is shown as text; the page must be the server's own.
    let page_ok =
        Url::parse(&codes.verification_uri).is_ok_and(|page| page.origin() == server.origin());
    if !page_ok {
        return Err(CliError::NotTabServer {
            server: server.to_string(),
            what: "an approval page on another site".into(),
        });
    }
    let mut interrupt = Interrupt::listen()?;
    ctx.note(&format!(
        "To sign in, open {} in a browser on any device and enter the code\n\n    {}\n",
        render::terminal_safe(&codes.verification_uri),
        render::terminal_safe(&codes.user_code)
    ));
    ctx.note(
        "Only continue if you started this sign-in yourself. If someone sent you this code, stop.",
    );
    ctx.note("Waiting for approval (Ctrl-C to stop)…");
    let again = "tab login --device";
    // Monotonic time: a clock that jumps neither ends the wait early nor spins the loop.
    let deadline = Instant::now() + Duration::from_secs(codes.expires_in.clamp(1, 3600));
    let mut interval = codes.interval.clamp(tab_api::DEVICE_INTERVAL_SECS, 300);
    loop {
        // A little over the interval, so that a slow clock on either side is no slow_down.
        let wait = Duration::from_millis(interval * 1200);
        if Instant::now() + wait > deadline {
            return Err(refused(
                ErrorCode::ExpiredToken.as_str(),
                "the code expired before it was approved",
                again,
            ));
        }
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            () = interrupt.pressed() => return Err(CliError::Interrupted),
        }
        match client.device_token(&codes.device_code).await? {
            DevicePoll::SignedIn(signed_in) => return Ok(*signed_in),
            DevicePoll::Pending => {}
            DevicePoll::SlowDown(server_interval) => {
                interval = server_interval.unwrap_or(interval + tab_api::SLOW_DOWN_SECS);
            }
            DevicePoll::Denied => {
                return Err(refused(
                    ErrorCode::AccessDenied.as_str(),
                    "the sign-in was denied in the browser",
                    again,
                ));
            }
            DevicePoll::Expired => {
                return Err(refused(
                    ErrorCode::ExpiredToken.as_str(),
                    "the code expired before it was approved",
                    again,
                ));
            }
            DevicePoll::Invalid => {
                return Err(refused(
                    ErrorCode::InvalidGrant.as_str(),
                    "the server no longer knows this code",
                    again,
                ));
            }
        }
    }
}

/// Ctrl-C, listened for from the moment this is made rather than from the first wait (a
/// `tokio::signal::ctrl_c()` future registers only when first polled, and a fresh one
/// each time round a loop misses a press between two).
struct Interrupt {
    #[cfg(unix)]
    signal: tokio::signal::unix::Signal,
}

impl Interrupt {
    /// Starts listening for SIGINT.
    fn listen() -> Result<Interrupt, CliError> {
        Ok(Interrupt {
            #[cfg(unix)]
            signal: tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
                .map_err(|e| CliError::Io(format!("cannot listen for Ctrl-C: {e}")))?,
        })
    }

    /// Waits for a Ctrl-C.
    async fn pressed(&mut self) {
        #[cfg(unix)]
        let _ = self.signal.recv().await;
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}
