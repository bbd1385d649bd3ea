//! What every handler shares.

use crate::cookie::SessionCookie;
use crate::passwords::Passwords;
use crate::store::Store;
use crate::tokens::TokenKeys;

/// The state handed to every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The token signing key.
    pub keys: TokenKeys,
    /// Password checking.
    pub passwords: Passwords,
    /// The browser's session cookie: its name and flags.
    pub cookie: SessionCookie,
}
