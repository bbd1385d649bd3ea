//! One module per command verb, each exposing `run`.

pub mod completions;
#[cfg(feature = "server")]
pub mod demo;
pub mod login;
pub mod logout;
#[cfg(feature = "server")]
pub mod server;
pub mod sessions;
pub mod status;
