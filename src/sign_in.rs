//! Signing in and keeping the token: the core of `tab login`, shared with `tab demo`.

use tab_api::{ClientInfo, SessionKind, SignInRequest};

use crate::context::Ctx;
use crate::credentials::{Profile, Storage, TokenSource};
use crate::error::CliError;
use crate::render;

/// What `tab login` has gathered, from flags or prompts.
pub struct SignIn {
    /// The account's email.
    pub email: String,
    /// The password.
    pub password: String,
    /// The new session's label.
    pub label: String,
    /// Where to keep the token.
    pub storage: Storage,
}

/// Signs in and keeps the token: the core of `tab login`, shared with `tab demo`. The new
/// session, and where its token went.
pub async fn sign_in_and_keep(
    ctx: &Ctx,
    server: url::Url,
    sign_in: SignIn,
) -> anyhow::Result<(tab_api::Session, TokenSource)> {
    let SignIn {
        email,
        password,
        label,
        storage,
    } = sign_in;
    let client = ctx.anonymous_client(server.clone())?;
    let request = SignInRequest {
        email,
        password,
        client: ClientInfo {
            kind: SessionKind::Cli,
            label: Some(label),
        },
    };
    let signed_in = client.sign_in(&request).await?;
    keep_sign_in(ctx, server, signed_in, storage, Some(request.email.trim())).await
}

/// Keeps the token of a sign-in made (with a password, or approved in a browser) and
/// points the profile at it, replacing the session the profile kept before; the new
/// session, and where its token went. `typed_email` is the email given, if any.
pub async fn keep_sign_in(
    ctx: &Ctx,
    server: url::Url,
    signed_in: tab_api::SignInResponse,
    storage: Storage,
    typed_email: Option<&str>,
) -> anyhow::Result<(tab_api::Session, TokenSource)> {
    // The session is live on the server now; if its token cannot be kept, end it again
    // so a failed login leaves nothing behind.
    let token = crate::secret::Token::new(signed_in.token);
    // The account's own spelling of its email, not the letter case typed at the prompt
    // (and, signed in through a browser, the only word of it).
    let email = crate::client::ApiClient::new(server.clone(), ctx.timeout(), Some(token.clone()))?
        .me()
        .await
        .map(|me| me.user.email)
        .unwrap_or_else(|_| typed_email.unwrap_or_default().to_string());
    // The session this profile kept until now, on the server it was kept for (which
    // may be another spelling of this one, or a server the firm moved away from).
    let previous = ctx.kept_session_client().await;
    if let Err(error) = save(ctx, server.as_str(), storage, &token, &email).await {
        let orphan = crate::client::ApiClient::new(server.clone(), ctx.timeout(), Some(token))?;
        if orphan.sign_out().await.is_err() {
            ctx.warn("the new session could not be signed out again; revoke it with `tab sessions revoke` from another device");
        }
        return Err(error.into());
    }
    // That session is no longer reachable from here: end it rather than leave it live
    // for 7 days, and say so.
    let replaced = match previous {
        Some(old) if old.session_id() != Some(signed_in.session.id) => {
            Some(replace_session(&old).await)
        }
        _ => None,
    };
    let kept = ctx.config.token_source(&ctx.global.profile, storage);
    ctx.note(&format!(
        "Signed in to {} as {} (session {}, token in {kept}){}",
        server,
        render::terminal_safe(&email),
        render::short_id(&signed_in.session.id),
        replaced.map(|r| format!("; {r}")).unwrap_or_default(),
    ));
    Ok((signed_in.session, kept))
}

/// Signs out the session a profile kept before this sign-in; what became of it, in words
/// for the sign-in's note.
async fn replace_session(old: &crate::client::ApiClient) -> String {
    let name = old
        .session_id()
        .map(|id| format!("session {}", render::short_id(&id)))
        .unwrap_or_else(|| "the previous session".into());
    match old.sign_out().await {
        Ok(()) => format!("replaced {name}, now signed out"),
        Err(error) if error.means_signed_out() => {
            format!("replaced {name}, which was already signed out")
        }
        Err(_) => format!(
            "replaced {name} on {}, which could not be told to sign out: it stays live there until it expires or is revoked",
            old.server()
        ),
    }
}

/// Keeps the new token, then points the profile at it; the old token's place is
/// cleared only once the new one is safe (and only when it is another place: a file
/// token is in the same file whatever the server), so a failure here loses nothing.
async fn save(
    ctx: &Ctx,
    server: &str,
    storage: Storage,
    token: &crate::secret::Token,
    email: &str,
) -> Result<(), CliError> {
    let profile = &ctx.global.profile;
    ctx.config
        .save_token(profile, server, storage, token)
        .await?;
    let mut config = ctx.config.load()?;
    let new = Profile {
        server: server.to_string(),
        storage,
        email: (!email.is_empty()).then(|| email.to_string()),
    };
    let old = config.profiles.insert(profile.clone(), new.clone());
    ctx.config.save(&config)?;
    if let Some(old) = old.filter(|old| !ctx.config.same_token_place(old, &new)) {
        let _ = ctx.config.delete_token(profile, &old).await;
    }
    Ok(())
}

/// `tab on <hostname> (<OS>)`, within the API's 80 characters.
pub fn default_label() -> String {
    let host: String = gethostname::gethostname()
        .to_string_lossy()
        .chars()
        .filter(|c| !tab_api::is_unsafe_char(*c))
        .collect();
    let os = crate::client::operating_system();
    let label = format!("tab on {host} ({os})");
    if label.chars().count() <= tab_api::MAX_LABEL_CHARS {
        label
    } else {
        let keep = tab_api::MAX_LABEL_CHARS - format!("tab on … ({os})").chars().count();
        format!(
            "tab on {}… ({os})",
            host.chars().take(keep).collect::<String>()
        )
    }
}
