//! One integration-test binary: the real `tab` binary and the real reference server.

mod api;
mod races;
mod support;
