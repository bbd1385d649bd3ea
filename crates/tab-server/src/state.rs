//! What every handler shares.

use std::sync::Arc;

use crate::cookie::SessionCookie;
use crate::passwords::Passwords;
use crate::store::Store;
use crate::tokens::TokenKeys;

/// The state handed to every handler; cheap to clone (every extractor that takes it
/// clones it, on every request), so whatever owns memory sits behind an `Arc`.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The token signing key.
    pub keys: Arc<TokenKeys>,
    /// Password checking.
    pub passwords: Arc<Passwords>,
    /// The browser's session cookie: its name and flags.
    pub cookie: SessionCookie,
}
