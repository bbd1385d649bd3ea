//! `tab` end to end: the real binary against the real server on a loopback port, with
//! whole-output snapshots (exit code, stdout, stderr), filtered for ids, ports and times.

use crate::support::cli::CliEnv;
use crate::support::{Backend, TestDatabase, TestServer, server_with_user};

macro_rules! snapshot {
    ($name:expr, $output:expr) => {
        insta::with_settings!({ filters => $crate::support::cli::filters(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $crate::support::cli::transcript(&$output));
        })
    };
}

mod admin;
mod alerts;
#[cfg(unix)]
pub(crate) mod browser_login;
mod devices;
mod extras;
mod headless;
mod offboard;
mod output;
mod rename;
#[cfg(unix)]
mod scripting;
mod sessions;
mod sign_in;
#[cfg(unix)]
mod terminal;
mod walkthrough;
#[cfg(unix)]
mod widths;

pub(super) use crate::support::{EMAIL, PASSWORD};

/// A server on SQLite with Ana's account, Ana already signed in on a web browser, a
/// desktop and an unlabelled web session seen at different times, and a CLI machine.
pub(super) async fn lost_laptop_world() -> Option<(TestDatabase, TestServer, CliEnv, Vec<String>)> {
    let (db, server, api) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await?;
    let mut ids = Vec::new();
    for (kind, label, started_min, seen_min) in [
        ("web", Some("Chrome on macOS"), 2 * 1440 + 60, 5),
        ("desktop", Some("Office laptop"), 3 * 1440, 3 * 60),
        ("web", None, 6 * 1440, 2 * 1440 + 30),
    ] {
        let (_, id) = api.sign_in(EMAIL, PASSWORD, kind, label).await;
        db.age_session(&id, started_min, seen_min).await;
        ids.push(id);
    }
    let cli = CliEnv::new(&server);
    cli.login(EMAIL, PASSWORD, "tab on test-box (Linux)");
    Some((db, server, cli, ids))
}
