//! Signing in and out, revoked devices, and TAB_TOKEN.

use super::{EMAIL, PASSWORD};
use crate::support::cli::{CliEnv, assert_clean, transcript};
use crate::support::{Backend, server_with_user};

#[tokio::test(flavor = "multi_thread")]
async fn signing_in_and_out() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let cli = CliEnv::new(&server);
    snapshot!("status_when_signed_out", cli.run(&["status"], ""));
    snapshot!(
        "login_without_a_terminal",
        cli.run(&["login", "--insecure-storage"], "")
    );
    // No keyring on this box: said in plain words before any password is asked for.
    snapshot!(
        "login_without_a_keyring",
        cli.run(&["login", "--email", EMAIL, "--password-stdin"], "")
    );
    snapshot!(
        "login_wrong_password",
        cli.run(
            &[
                "login",
                "--email",
                EMAIL,
                "--password-stdin",
                "--insecure-storage"
            ],
            "nope\n"
        )
    );
    snapshot!(
        "login",
        cli.run(
            &[
                "login",
                "--email",
                EMAIL,
                "--password-stdin",
                "--insecure-storage",
                "--label",
                "ci box"
            ],
            &format!("{PASSWORD}\n")
        )
    );
    let token_file = cli.config.path().join("token-default");
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&token_file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(cli.config.path())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
    }
    let token = std::fs::read_to_string(&token_file).unwrap();
    snapshot!("status", cli.run(&["status"], ""));
    // Logging in again replaces the old session rather than leaving it live.
    cli.login(EMAIL, PASSWORD, "ci box");
    assert_eq!(
        api.call("GET", "/me", Some(token.trim()), None)
            .await
            .code(),
        "session_revoked"
    );
    let token = std::fs::read_to_string(&token_file).unwrap();
    snapshot!("logout", cli.run(&["logout"], ""));
    assert!(!token_file.exists());
    assert_eq!(
        api.call("GET", "/me", Some(token.trim()), None)
            .await
            .code(),
        "session_revoked"
    );
    snapshot!("list_after_logout", cli.run(&["sessions", "list"], ""));
    snapshot!(
        "plain_http_refused_off_loopback",
        cli.run(
            &[
                "login",
                "--server",
                "http://tab.example.com",
                "--email",
                EMAIL,
                "--password-stdin"
            ],
            "x\n"
        )
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_device_is_told_to_sign_in_again() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let office = CliEnv::new(&server);
    office.login(EMAIL, PASSWORD, "office");
    let home = CliEnv::new(&server);
    home.login(EMAIL, PASSWORD, "home");
    assert!(
        home.run(&["sessions", "revoke-others"], "")
            .status
            .success()
    );
    snapshot!(
        "revoked_device_lists",
        office.run(&["sessions", "list"], "")
    );
    // TAB_TOKEN works for scripts and is never stored.
    let token = std::fs::read_to_string(home.config.path().join("token-default")).unwrap();
    let script = CliEnv::new(&server).env(tab::env_vars::TAB_TOKEN, token.trim());
    let listed = script.run(&["sessions", "list", "--json"], "");
    assert!(listed.status.success(), "{}", transcript(&listed));
    assert_clean(&listed, token.trim());
    assert_eq!(
        std::fs::read_dir(script.config.path()).unwrap().count(),
        0,
        "TAB_TOKEN must not be written anywhere"
    );
}
