//! One integration-test binary: the real `tab` binary and the real reference server.

#[cfg(feature = "server")]
mod api;
#[cfg(feature = "server")]
mod generated;
#[cfg(feature = "server")]
mod races;
mod support;
