//! One integration-test binary: the real `tab` binary and the real reference server.

#[cfg(feature = "server")]
mod adversary;
#[cfg(feature = "server")]
mod api;
mod broken;
#[cfg(feature = "server")]
mod cli;
#[cfg(feature = "server")]
mod generated;
#[cfg(feature = "server")]
mod keyring;
#[cfg(feature = "server")]
mod operator;
#[cfg(feature = "server")]
mod postgres_ops;
#[cfg(feature = "server")]
mod production;
#[cfg(feature = "server")]
mod races;
#[cfg(feature = "server")]
mod server_cli;
mod support;
#[cfg(all(feature = "server", unix))]
mod web;
