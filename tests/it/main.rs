//! One integration-test binary: the real `tab` binary and the real reference server.

// The house's rules are for the shipped code. The tests speak HTTP and read processes'
// output themselves by design, say their loud skips on standard error, and their
// helpers are `pub` only to be shared between test modules.
#![allow(
    clippy::disallowed_methods,
    clippy::print_stderr,
    clippy::print_stdout,
    missing_docs,
    unreachable_pub
)]

#[cfg(feature = "server")]
mod adversary;
#[cfg(feature = "server")]
mod api;
mod architecture;
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
#[cfg(feature = "server")]
mod store_races;
mod support;
#[cfg(all(feature = "server", unix))]
mod web;
