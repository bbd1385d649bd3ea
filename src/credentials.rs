//! Where profiles and tokens live.
//!
//! `config.json` in the config directory remembers, per profile, the server and where its
//! token is kept. Tokens go to the operating system's credential store (one entry per
//! profile and server), or, only when asked with `--insecure-storage`, to a 0600 file in
//! the 0700 config directory, written atomically. `TAB_TOKEN` overrides both and is never
//! written anywhere. Nothing falls back silently from the store to the file.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::CliError;
use crate::secret::Token;

/// Service name of `tab`'s entries in the credential store.
const KEYRING_SERVICE: &str = "tab";

/// Where a profile's token is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Storage {
    /// The operating system's credential store.
    Keyring,
    /// A 0600 file in the config directory.
    File,
}

/// One saved sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The server's address.
    pub server: String,
    /// Where its token is.
    pub storage: Storage,
    /// The email it last signed in with, offered at the next `tab login` (not a secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The contents of `config.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// Where the token in use came from, as `tab status` tells it; as JSON,
/// `{"kind": "environment" | "keyring" | "file", "path": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TokenSource {
    /// The `TAB_TOKEN` environment variable.
    Environment,
    /// The operating system's credential store.
    Keyring,
    /// A file (insecure storage).
    File {
        /// The file.
        path: PathBuf,
    },
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenSource::Environment => f.write_str("the TAB_TOKEN environment variable"),
            TokenSource::Keyring => f.write_str("the system credential store"),
            TokenSource::File { path } => {
                write!(f, "the file {} (insecure storage)", path.display())
            }
        }
    }
}

/// Checks a profile name: it becomes part of a file name.
pub fn check_profile_name(name: &str) -> Result<(), CliError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(CliError::usage(
            format!("'{name}' is not a profile name"),
            Some("use letters, digits, '-' and '_' (at most 64)".into()),
        ))
    }
}

/// The config directory's files.
#[derive(Debug, Clone)]
pub struct ConfigDir {
    dir: PathBuf,
}

impl ConfigDir {
    /// The config directory at `dir` (not created until something is saved).
    pub fn new(dir: PathBuf) -> Self {
        ConfigDir { dir }
    }

    fn config_path(&self) -> PathBuf {
        self.dir.join("config.json")
    }

    /// The token file of a profile.
    pub fn token_path(&self, profile: &str) -> PathBuf {
        self.dir.join(format!("token-{profile}"))
    }

    /// Reads `config.json`; a missing file is an empty config.
    pub fn load(&self) -> Result<Config, CliError> {
        let path = self.config_path();
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| CliError::BadConfig {
                path: path.display().to_string(),
                reason: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(io_failure(&path, &e)),
        }
    }

    /// Writes `config.json` atomically.
    pub fn save(&self, config: &Config) -> Result<(), CliError> {
        let text = serde_json::to_vec_pretty(config)
            .map_err(|e| CliError::Io(format!("cannot encode the config: {e}")))?;
        self.write_private(&self.config_path(), &text)
    }

    /// Writes a file only its owner can read, in a directory only its owner can enter:
    /// to a new temporary file in the same directory (created exclusively, mode 0600,
    /// under a random name, so nothing planted there can be written through), then
    /// renamed over the old one. A crash leaves either the old or the new file, never
    /// half of one, and a symlink at `path` is replaced, never followed.
    fn write_private(&self, path: &Path, contents: &[u8]) -> Result<(), CliError> {
        create_private_dir(&self.dir)?;
        let mut file = tempfile::Builder::new()
            .prefix(".tab-")
            .tempfile_in(&self.dir)
            .map_err(|e| io_failure(path, &e))?;
        file.write_all(contents)
            .and_then(|()| file.as_file().sync_all())
            .map_err(|e| io_failure(path, &e))?;
        file.persist(path).map_err(|e| io_failure(path, &e.error))?;
        Ok(())
    }

    /// Saves a token where `storage` says.
    pub async fn save_token(
        &self,
        profile: &str,
        server: &str,
        storage: Storage,
        token: &Token,
    ) -> Result<(), CliError> {
        match storage {
            Storage::File => {
                self.write_private(&self.token_path(profile), token.expose().as_bytes())
            }
            Storage::Keyring => {
                let token = token.clone();
                keyring_call(profile, server, move |entry| {
                    entry.set_password(token.expose())
                })
                .await
            }
        }
    }

    /// Where a profile's token is kept in `storage`, as `tab status` tells it.
    pub fn token_source(&self, profile: &str, storage: Storage) -> TokenSource {
        match storage {
            Storage::Keyring => TokenSource::Keyring,
            Storage::File => TokenSource::File {
                path: self.token_path(profile),
            },
        }
    }

    /// Reads a profile's token; `None` when there is none.
    pub async fn load_token(
        &self,
        profile: &str,
        saved: &Profile,
    ) -> Result<Option<(Token, TokenSource)>, CliError> {
        match saved.storage {
            Storage::File => {
                let path = self.token_path(profile);
                match fs::read_to_string(&path) {
                    Ok(text) => {
                        let token = Token::new(text);
                        let source = self.token_source(profile, Storage::File);
                        Ok((!token.is_empty()).then_some((token, source)))
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(io_failure(&path, &e)),
                }
            }
            Storage::Keyring => {
                let found =
                    keyring_call(profile, &saved.server, |entry| match entry.get_password() {
                        Ok(token) => Ok(Some(Token::new(token))),
                        Err(keyring::Error::NoEntry) => Ok(None),
                        Err(e) => Err(e),
                    })
                    .await?;
                Ok(found.map(|token| (token, self.token_source(profile, Storage::Keyring))))
            }
        }
    }

    /// Forgets a profile's token; the profile keeps its server and storage choice, so
    /// the next `tab login` needs neither again.
    pub async fn forget_token(&self, profile: &str) -> Result<(), CliError> {
        let config = self.load()?;
        if let Some(saved) = config.profiles.get(profile) {
            self.delete_token(profile, saved).await?;
        }
        Ok(())
    }

    /// Checks that the system credential store can be used for this profile and server,
    /// before anyone types a password for a sign-in that could not be kept.
    pub async fn check_keyring(&self, profile: &str, server: &str) -> Result<(), CliError> {
        keyring_call(profile, server, |entry| match entry.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        })
        .await
    }

    /// The email this profile last signed in with, if any.
    pub fn saved_email(&self, profile: &str) -> Option<String> {
        self.load().ok()?.profiles.get(profile)?.email.clone()
    }

    /// The storage this profile used last, if it has signed in before.
    pub fn saved_storage(&self, profile: &str) -> Result<Option<Storage>, CliError> {
        Ok(self
            .load()?
            .profiles
            .get(profile)
            .map(|saved| saved.storage))
    }

    /// Whether two settings of one profile keep its token in the same place: the same
    /// file whatever the server, or the same credential-store entry (profile and server).
    pub fn same_token_place(&self, a: &Profile, b: &Profile) -> bool {
        match (a.storage, b.storage) {
            (Storage::File, Storage::File) => true,
            (Storage::Keyring, Storage::Keyring) => a.server == b.server,
            _ => false,
        }
    }

    /// Deletes the token a saved profile points at; a missing one is no error.
    pub async fn delete_token(&self, profile: &str, saved: &Profile) -> Result<(), CliError> {
        match saved.storage {
            Storage::File => match fs::remove_file(self.token_path(profile)) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(io_failure(&self.token_path(profile), &e)),
            },
            Storage::Keyring => {
                keyring_call(profile, &saved.server, |entry| {
                    match entry.delete_credential() {
                        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                        Err(e) => Err(e),
                    }
                })
                .await
            }
        }
    }
}

fn create_private_dir(dir: &Path) -> Result<(), CliError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| io_failure(dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| io_failure(dir, &e))?;
    }
    Ok(())
}

fn io_failure(path: &Path, error: &std::io::Error) -> CliError {
    CliError::Io(format!("cannot use {}: {error}", path.display()))
}

/// Runs a credential-store call off the async runtime (the store's calls block).
async fn keyring_call<T, F>(profile: &str, server: &str, call: F) -> Result<T, CliError>
where
    T: Send + 'static,
    F: FnOnce(&keyring::Entry) -> Result<T, keyring::Error> + Send + 'static,
{
    let user = format!("{profile}@{server}");
    let outcome = tokio::task::spawn_blocking(move || {
        // The one place that opens a keyring entry (clippy.toml).
        #[allow(clippy::disallowed_methods)]
        let entry = keyring::Entry::new(KEYRING_SERVICE, &user)?;
        call(&entry)
    })
    .await;
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(store_unusable(&error)),
        Err(_) => Err(CliError::CredentialStore(
            "the credential store call failed".into(),
        )),
    }
}

fn store_unusable(error: &keyring::Error) -> CliError {
    // The store's own words name D-Bus internals ("Using X11 for dbus-daemon autolaunch
    // was disabled at compile time"); what a person needs is what is missing. The
    // details stay available with the platform's failure, never a secret.
    let detail = match error {
        keyring::Error::PlatformFailure(e) | keyring::Error::NoStorageAccess(e) => e.to_string(),
        other => other.to_string(),
    };
    let missing = detail.contains("DBus")
        || detail.contains("D-Bus")
        || detail.contains("dbus")
        || detail.contains("org.freedesktop.secrets");
    CliError::CredentialStore(if missing {
        "there is no system credential store on this machine (no keyring service such as GNOME Keyring or KWallet is running)".into()
    } else {
        format!("the system credential store cannot be used: {detail}")
    })
}

/// Where `tab` keeps its configuration: `TAB_CONFIG_DIR`, else the platform's config
/// directory (`~/.config/tab` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(crate::env_vars::TAB_CONFIG_DIR) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::config_dir().map(|dir| dir.join("tab")),
    }
}
