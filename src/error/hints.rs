//! What each failure tells the person to do about it (`error:` then `hint:`).

use super::CliError;

impl CliError {
    /// What to do about it, when there is something.
    pub fn hint(&self) -> Option<String> {
        let hint = match self {
            CliError::Usage { hint, .. } => return hint.clone(),
            CliError::WithHint { hint, .. } | CliError::BrowserSignIn { hint, .. } => {
                return Some(hint.clone());
            }
            CliError::Reported { error, .. } => return error.hint(),
            CliError::NotSignedIn { server: None, .. } => "run `tab login --server URL`",
            CliError::NotSignedIn {
                server: Some(server),
                ..
            } => return Some(format!("run `tab login --server {server}`")),
            CliError::UnknownProfile { profile, .. } => {
                return Some(format!(
                    "run `tab login --profile {profile}` to create it, or `tab status --all` to see the profiles"
                ));
            }
            CliError::WrongCredentials => "check them and run `tab login` again",
            CliError::AccountDisabled => {
                "the server's administrator can enable it again with `tab server user enable EMAIL`"
            }
            CliError::SessionRevoked | CliError::SessionExpired | CliError::TokenRefused => {
                "run `tab login` to sign in again"
            }
            CliError::SessionRevokedBy(_) => {
                "run `tab login` to sign in again; if that is refused, ask your firm's administrator"
            }
            CliError::EnvTokenRefused(_) => {
                "`tab login` keeps a token of its own, but TAB_TOKEN wins while it is set"
            }
            CliError::EnvTokenWithoutServer => {
                "set TAB_SERVER=https://YOUR-TAB-SERVER as well, or pass `--server`"
            }
            CliError::NoSuchSession(_) => "run `tab sessions list` to see your sessions' ids",
            CliError::CurrentSession(_) => "to end this device's session, run `tab logout`",
            CliError::Unreachable {
                timed_out: true, ..
            } => "check your network, or raise --timeout if the server is slow",
            CliError::Unreachable { .. } => {
                "check the address, and that the server is running and reachable from here"
            }
            CliError::NotTabServer { .. } => "check that --server names a TAB server",
            CliError::ServerFault { .. } => {
                "try again shortly; if it persists, tell the server's administrator"
            }
            CliError::RateLimited { limit, .. } => match limit {
                Some(tab_api::SignInLimit::Email) => {
                    "wait, or ask the server's administrator to lift it with `tab server user unlock EMAIL`"
                }
                Some(tab_api::SignInLimit::Address) => {
                    "wait, or ask the server's administrator to lift it with `tab server user unlock --address ADDRESS` (your address as the server sees it; behind a shared proxy, everyone's)"
                }
                Some(tab_api::SignInLimit::Account) => {
                    "an account may sign in at most 100 times a minute: wait a minute"
                }
                _ => "wait and try again",
            },
            CliError::CredentialStore(_) => {
                "on a machine without a keyring, pass `--insecure-storage` to keep the token in a 0600 file, or set TAB_TOKEN"
            }
            CliError::BadConfig { .. } => "fix or delete it, then run `tab login` again",
            CliError::NoConfigDir => "set TAB_CONFIG_DIR",
            CliError::UnexpectedAnswer { .. }
            | CliError::Io(_)
            | CliError::Prompt(_)
            | CliError::DuplicateEmail(_)
            | CliError::Interrupted => return None,
            CliError::NoSuchAccount(_) => "run `tab server user list` to see the accounts",
            CliError::CheckFailed(_) => {
                "mend each `problem` line above, then run `tab server check` again"
            }
            CliError::UnknownUser(_) => "run `tab admin users` to see the accounts",
            CliError::NoSuchUserSession { email, .. } => {
                return Some(format!(
                    "run `tab admin sessions list --user {email}` to see that account's sessions"
                ));
            }
            CliError::Forbidden => {
                "only accounts with the admin role can; ask an administrator, or the server's operator, who can grant the role with `tab server user set-role EMAIL admin`"
            }
            CliError::Refused(_) => return None,
        };
        Some(hint.to_string())
    }
}
