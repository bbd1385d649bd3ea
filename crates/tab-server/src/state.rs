//! What every handler shares.

use crate::auth::{Passwords, TokenKeys};
use crate::store::Store;

/// The state handed to every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The token signing key.
    pub keys: TokenKeys,
    /// Password checking.
    pub passwords: Passwords,
}
