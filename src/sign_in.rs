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

    // The session is live on the server now; if its token cannot be kept, end it again
    // so a failed login leaves nothing behind.
    let token = crate::secret::Token::new(signed_in.token);
    let previous = ctx
        .signed_in_client()
        .await
        .ok()
        .filter(|(_, source)| *source != crate::credentials::TokenSource::Environment);
    if let Err(error) = save(ctx, server.as_str(), storage, &token).await {
        let orphan = crate::client::ApiClient::new(server.clone(), ctx.timeout(), Some(token))?;
        if orphan.sign_out().await.is_err() {
            ctx.warn("the new session could not be signed out again; revoke it with `tab sessions revoke` from another device");
        }
        return Err(error.into());
    }
    // Replacing an older sign-in of this profile: that session is no longer reachable
    // from here, so end it rather than leave it live for 7 days.
    if let Some((old, _)) = previous {
        let _ = old.sign_out().await;
    }
    let kept = ctx.config.token_source(&ctx.global.profile, storage);
    ctx.note(&format!(
        "Signed in to {} as {} (session {}, token in {kept})",
        server,
        request.email,
        render::short_id(&signed_in.session.id),
    ));
    Ok((signed_in.session, kept))
}

/// Keeps the new token, then points the profile at it; the old token's place is
/// cleared only once the new one is safe, so a failure here loses nothing.
async fn save(
    ctx: &Ctx,
    server: &str,
    storage: Storage,
    token: &crate::secret::Token,
) -> Result<(), CliError> {
    let profile = &ctx.global.profile;
    ctx.config
        .save_token(profile, server, storage, token)
        .await?;
    let mut config = ctx.config.load()?;
    let new = Profile {
        server: server.to_string(),
        storage,
    };
    let old = config.profiles.insert(profile.clone(), new.clone());
    ctx.config.save(&config)?;
    if let Some(old) = old.filter(|old| *old != new) {
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
    let os = match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "macOS",
        "windows" => "Windows",
        other => other,
    };
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
