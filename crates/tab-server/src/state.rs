//! What every handler shares.

use std::sync::Arc;

use crate::cookie::SessionCookie;
use crate::mail::Outbox;
use crate::origins::Origins;
use crate::passwords::Passwords;
use crate::store::Store;
use crate::tokens::TokenKeys;

/// The state handed to every handler. Every extractor that takes it clones it, on every
/// request, so it is one `Arc`: a clone is one reference count, whatever it holds.
#[derive(Clone)]
pub(crate) struct AppState(Arc<Shared>);

/// What [`AppState`] holds.
pub(crate) struct Shared {
    /// The database.
    pub store: Store,
    /// The token signing key.
    pub keys: TokenKeys,
    /// Password checking.
    pub passwords: Passwords,
    /// The browser's session cookie: its name and flags.
    pub cookie: SessionCookie,
    /// The host names and the origin this server answers to.
    pub origins: Origins,
    /// The new-device alert mail, when the operator turned it on.
    pub mail: Option<Arc<Outbox>>,
    /// Whether requests are counted for `--metrics-listen`.
    pub metrics: bool,
}

impl AppState {
    /// The state of a server about to serve.
    pub(crate) fn new(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
