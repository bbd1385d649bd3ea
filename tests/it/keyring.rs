//! Credentials in a real Secret Service (gnome-keyring in a D-Bus session of its own),
//! and the refusal to fall back silently where there is none.

use crate::support::cli::{CliEnv, transcript};
use crate::support::services::SecretService;
use crate::support::{Backend, server_with_user};

use crate::support::{EMAIL, PASSWORD};

#[tokio::test(flavor = "multi_thread")]
async fn the_token_lives_in_the_secret_service() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let Some(keyring) = SecretService::start() else {
        return;
    };
    let cli = CliEnv::new(&server)
        .env("DBUS_SESSION_BUS_ADDRESS", &keyring.address)
        .env("HOME", &keyring.home.path().display().to_string());
    let login = cli.run(
        &[
            "login",
            "--email",
            EMAIL,
            "--password-stdin",
            "--label",
            "keyring box",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(login.status.success(), "{}", transcript(&login));
    assert!(
        !cli.config.path().join("token-default").exists(),
        "no token file with the keyring"
    );
    let status = cli.run(&["status"], "");
    assert!(
        String::from_utf8_lossy(&status.stdout).contains("system credential store"),
        "{}",
        transcript(&status)
    );
    let list = cli.run(&["sessions", "list", "--json"], "");
    assert!(list.status.success(), "{}", transcript(&list));
    // A second profile keeps its own token.
    let work = cli.run(
        &[
            "--profile",
            "work",
            "login",
            "--email",
            EMAIL,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(work.status.success(), "{}", transcript(&work));
    let logout = cli.run(&["logout"], "");
    assert!(logout.status.success(), "{}", transcript(&logout));
    assert_eq!(cli.run(&["status"], "").status.code(), Some(3));
    assert!(
        cli.run(&["--profile", "work", "status"], "")
            .status
            .success(),
        "the other profile is untouched"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn no_secret_service_means_exit_1_and_no_session_left_behind() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let (watcher, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let cli = CliEnv::new(&server).env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let login = cli.run(
        &["login", "--email", EMAIL, "--password-stdin"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(login.status.code(), Some(1), "{}", transcript(&login));
    let stderr = String::from_utf8_lossy(&login.stderr);
    assert!(
        stderr.contains("--insecure-storage") && stderr.contains(tab::env_vars::TAB_TOKEN),
        "{stderr}"
    );
    assert_eq!(
        api.session_ids(&watcher).await.len(),
        1,
        "the failed login's session must be signed out again"
    );
    assert_eq!(
        std::fs::read_dir(cli.config.path()).unwrap().count(),
        0,
        "no silent fallback to a file"
    );
}
