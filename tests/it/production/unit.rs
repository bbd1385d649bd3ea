//! `deploy/tab-server.service`: `systemd-analyze verify` finds nothing to say (an unknown
//! key is only a warning to systemd, so any output fails the test), and the options its
//! ExecStart passes are ones `tab server serve` takes (`tab server check` with them).

use std::process::Command;

use crate::support::{Backend, TestDatabase, tab_bin};

const UNIT: &str = include_str!("../../../deploy/tab-server.service");

/// ExecStart's words, its line continuations joined.
fn exec_start() -> Vec<String> {
    let joined = UNIT.replace("\\\n", " ");
    let line = joined
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("an ExecStart line");
    line.split_whitespace().map(str::to_string).collect()
}

#[test]
fn the_unit_passes_systemd_analyze_verify() {
    let Some(analyze) = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        .into_iter()
        .map(std::path::Path::new)
        .find(|p| p.exists())
    else {
        crate::support::services::missing_service(
            "systemd-analyze",
            "not found (apt-get install systemd)",
        );
        return;
    };
    for needed in [
        "User=tab",
        "StateDirectory=tab",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "Restart=on-failure",
        "KillSignal=SIGTERM",
    ] {
        assert!(UNIT.lines().any(|l| l == needed), "{needed}");
    }
    // The unit names where the binary is installed; verify checks that it exists, so the
    // copy verified here names the binary under test instead, and nothing else changes.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("tab-server.service");
    std::fs::write(
        &copy,
        UNIT.replace("/usr/local/bin/tab", &tab_bin().display().to_string()),
    )
    .unwrap();
    let output = Command::new(analyze)
        .arg("verify")
        .arg(&copy)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success() && said.trim().is_empty(), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_units_options_are_what_serve_takes() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(crate::support::EMAIL, crate::support::PASSWORD);
    let words = exec_start();
    assert_eq!(words[0], "/usr/local/bin/tab");
    assert_eq!(words[1..3], ["server", "serve"]);
    // The same options, the database swapped for this test's, checked as serve would.
    let mut args: Vec<String> = vec!["server".into(), "check".into()];
    let mut rest = words[3..].iter();
    while let Some(word) = rest.next() {
        args.push(word.clone());
        if word == "--database" {
            rest.next();
            args.push(db.url.clone());
        }
    }
    let output = Command::new(tab_bin())
        .args(&args)
        .env_remove(tab::env_vars::TAB_DATABASE_URL)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
