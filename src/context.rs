//! What every command is handed: the global options resolved once (server, profile,
//! timeout, output style) and the ways to get an API client.

use std::time::Duration;

use url::Url;

use crate::cli::GlobalArgs;
use crate::client::{ApiClient, parse_server};
use crate::credentials::{self, ConfigDir, TokenSource, check_profile_name};
use crate::env_vars;
use crate::error::CliError;
use crate::printer::Printer;
use crate::render::Style;
use crate::secret::Token;

/// The run's context.
pub struct Ctx {
    /// The global options as given.
    pub global: GlobalArgs,
    /// Where output goes, and how it looks.
    pub printer: Printer,
    /// The config directory.
    pub config: ConfigDir,
    /// `TAB_TOKEN`, when set and not empty.
    pub env_token: Option<Token>,
}

impl Ctx {
    /// The context from the parsed options and the environment.
    pub fn from_env(mut global: GlobalArgs, printer: Printer) -> Result<Ctx, CliError> {
        check_profile_name(&global.profile)?;
        // `TAB_SERVER=` (set but empty) means no server, as an unset variable would.
        global.server = global.server.filter(|server| !server.trim().is_empty());
        let dir = credentials::config_dir().ok_or(CliError::NoConfigDir)?;
        let env_token = std::env::var(env_vars::TAB_TOKEN)
            .ok()
            .map(Token::new)
            .filter(|t| !t.is_empty());
        Ok(Ctx {
            printer,
            global,
            config: ConfigDir::new(dir),
            env_token,
        })
    }

    /// The request timeout.
    pub fn timeout(&self) -> Duration {
        Duration::from_secs_f64(self.global.timeout)
    }

    /// True when a person can answer prompts: standard input and standard error are
    /// terminals.
    pub fn can_prompt(&self) -> bool {
        crate::prompt::can_prompt()
    }

    /// The server: `--server`/`TAB_SERVER`, else the one remembered for the profile.
    pub fn server(&self) -> Result<Url, CliError> {
        if let Some(server) = &self.global.server {
            return parse_server(server);
        }
        let config = self.config.load()?;
        match config.profiles.get(&self.global.profile) {
            Some(saved) => parse_server(&saved.server),
            // A typo in `--profile` while other profiles exist: say so, and name them.
            None if !config.profiles.is_empty() && self.env_token.is_none() => {
                Err(CliError::UnknownProfile {
                    profile: self.global.profile.clone(),
                    known: config.profiles.keys().cloned().collect(),
                })
            }
            None => Err(CliError::NotSignedIn {
                profile: self.global.profile.clone(),
                server: None,
            }),
        }
    }

    /// A client without a token, for signing in.
    pub fn anonymous_client(&self, server: Url) -> anyhow::Result<ApiClient> {
        ApiClient::new(server, self.timeout(), None)
    }

    /// A client signed in as this device, and where its token came from. Exit 3 when
    /// there is no token.
    pub async fn signed_in_client(&self) -> anyhow::Result<(ApiClient, TokenSource)> {
        let (server, token, source) = self.token_for_server().await?;
        let client = ApiClient::new(server, self.timeout(), Some(token))?;
        let client = if source == TokenSource::Environment {
            client.with_token_from_environment()
        } else {
            client
        };
        Ok((client, source))
    }

    /// The token this device would use (`TAB_TOKEN`, else the profile's stored one).
    pub async fn token(&self) -> Result<Token, CliError> {
        self.token_for_server().await.map(|(_, token, _)| token)
    }

    /// A client for the session this profile has kept, on the server it was kept for
    /// (whatever `--server` says now, and never `TAB_TOKEN`'s); `None` when the profile
    /// keeps no token, or it cannot be read.
    pub async fn kept_session_client(&self) -> Option<ApiClient> {
        let config = self.config.load().ok()?;
        let saved = config.profiles.get(&self.global.profile)?;
        let server = parse_server(&saved.server).ok()?;
        let (token, _) = self
            .config
            .load_token(&self.global.profile, saved)
            .await
            .ok()??;
        ApiClient::new(server, self.timeout(), Some(token)).ok()
    }

    async fn token_for_server(&self) -> Result<(Url, Token, TokenSource), CliError> {
        let server = match self.server() {
            Err(CliError::NotSignedIn { server: None, .. }) if self.env_token.is_some() => {
                return Err(CliError::EnvTokenWithoutServer);
            }
            server => server?,
        };
        if let Some(token) = &self.env_token {
            return Ok((server, token.clone(), TokenSource::Environment));
        }
        let config = self.config.load()?;
        let not_signed_in = || {
            if !config.profiles.is_empty() && !config.profiles.contains_key(&self.global.profile) {
                // A typo in `--profile`: name the profiles there are.
                return CliError::UnknownProfile {
                    profile: self.global.profile.clone(),
                    known: config.profiles.keys().cloned().collect(),
                };
            }
            CliError::NotSignedIn {
                profile: self.global.profile.clone(),
                server: Some(server.to_string()),
            }
        };
        let saved = config
            .profiles
            .get(&self.global.profile)
            .filter(|saved| parse_server(&saved.server).ok().as_ref() == Some(&server))
            .ok_or_else(not_signed_in)?;
        let (token, source) = self
            .config
            .load_token(&self.global.profile, saved)
            .await?
            .ok_or_else(not_signed_in)?;
        Ok((server, token, source))
    }

    /// How output looks.
    pub fn style(&self) -> &Style {
        self.printer.style()
    }

    /// Prints a line of data on standard output.
    pub fn out(&self, text: &str) {
        self.printer.out(text);
    }

    /// Prints a line for a person on standard error.
    pub fn note(&self, text: &str) {
        self.printer.note(text);
    }

    /// Prints a warning on standard error.
    pub fn warn(&self, text: &str) {
        self.printer.warn(text);
    }
}
