//! The JSON documents commands print with `--json`, one type each, so that a field is
//! named once and the README's shapes are the code's. (A revoke prints the API's own
//! [`tab_api::RevokeResponse`], `{"revoked": N}`; a failure `render::ErrorJson`.)

use serde::Serialize;
use tab_api::{Session, User};

use crate::credentials::TokenSource;

/// `tab login --json`: where it signed in, and the new session.
#[derive(Debug, Serialize)]
pub(crate) struct SignedIn<'a> {
    /// The server's address.
    pub(crate) server: &'a str,
    /// The profile the token is kept under.
    pub(crate) profile: &'a str,
    /// The session this sign-in started.
    pub(crate) session: &'a Session,
    /// Where the token is kept.
    pub(crate) storage: &'a TokenSource,
}

/// `tab status --json`: the signed-in account and this device's session.
#[derive(Debug, Serialize)]
pub(crate) struct Status<'a> {
    /// The server's address.
    pub(crate) server: &'a str,
    /// The profile in use.
    pub(crate) profile: &'a str,
    /// Who is signed in.
    pub(crate) user: &'a User,
    /// This device's session.
    pub(crate) session: &'a Session,
    /// Where the token came from.
    pub(crate) storage: &'a TokenSource,
}

/// One profile of `tab status --all --json`; `user` and `session` are null, and
/// `problem` says why, when the server could not be asked or refused.
#[derive(Debug, Serialize)]
pub(crate) struct ProfileStatus<'a> {
    /// The profile's name.
    pub(crate) profile: &'a str,
    /// The server it signs in to.
    pub(crate) server: &'a str,
    /// Where its token is kept.
    pub(crate) storage: &'a TokenSource,
    /// Who is signed in, when the server said.
    pub(crate) user: Option<&'a User>,
    /// Its session, when the server said.
    pub(crate) session: Option<&'a Session>,
    /// What went wrong, if anything.
    pub(crate) problem: Option<Problem<'a>>,
}

/// `tab status --all --json`.
#[derive(Debug, Serialize)]
pub(crate) struct Profiles<'a> {
    /// Every profile, in name order.
    pub(crate) profiles: Vec<ProfileStatus<'a>>,
}

/// A failure inside a larger answer: its stable code and its sentence.
#[derive(Debug, Serialize)]
pub(crate) struct Problem<'a> {
    /// The code `error::CliError::code` gives it.
    pub(crate) code: &'a str,
    /// The sentence.
    pub(crate) message: String,
}

/// `tab logout --json`.
#[derive(Debug, Serialize)]
pub(crate) struct SignedOut<'a> {
    /// Whether the server ended the session now (false when it had ended already).
    pub(crate) signed_out: bool,
    /// The server's address, when there was a sign-in to forget.
    pub(crate) server: Option<&'a str>,
    /// Present (true) when the token was forgotten here without asking the server.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) forgotten_only: bool,
}

/// `tab sessions ack --json`.
#[derive(Debug, Serialize)]
pub(crate) struct Acknowledged {
    /// How many alerts this call acknowledged.
    pub(crate) acknowledged: usize,
}
