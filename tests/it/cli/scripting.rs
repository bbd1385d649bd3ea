//! The README's scripting examples, run as written: the clean-up recipe on a day with
//! stale sessions and on a day without, a revoke run twice, and `tab token`.

use serde_json::Value;

use super::lost_laptop_world;
use crate::support::cli::{CliEnv, transcript};

/// The clean-up pipeline from the README's "Scripting" section, verbatim.
fn readme_cleanup_recipe() -> String {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("# The same by hand, for any rule jq can express")
        .expect("the recipe is in the README");
    readme[start..]
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with("# =>"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `script` with bash, `tab` on the PATH as this machine's.
fn run_script(cli: &CliEnv, script: &str) -> std::process::Output {
    let bin = tempfile::tempdir().expect("bin dir");
    std::os::unix::fs::symlink(crate::support::tab_bin(), bin.path().join("tab")).expect("link");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("bash")
        .args(["-o", "pipefail", "-c", script])
        .env_clear()
        .env("PATH", path)
        .env("HOME", cli.config.path())
        .env(tab::env_vars::TAB_CONFIG_DIR, cli.config.path())
        .env(tab::env_vars::TAB_SERVER, &cli.server)
        .env(tab::env_vars::NO_COLOR, "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run bash")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_readme_cleanup_recipe_on_a_busy_day_and_a_quiet_one() {
    if !jq_installed() {
        crate::support::services::missing_service("jq", "the README's recipe pipes through jq");
        return;
    }
    let Some((_db, _server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    let recipe = readme_cleanup_recipe();
    // The unlabelled web session was last seen two days and half an hour ago.
    let busy = run_script(&cli, &recipe);
    assert_eq!(busy.status.code(), Some(0), "{}", transcript(&busy));
    assert_eq!(
        String::from_utf8_lossy(&busy.stdout).trim(),
        r#"{"revoked":1}"#
    );
    let left: Value =
        serde_json::from_slice(&cli.run(&["sessions", "list", "--json"], "").stdout).expect("JSON");
    let left: Vec<&str> = left["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert!(!left.contains(&ids[2].as_str()) && left.contains(&ids[0].as_str()));
    // The next run has nothing to do, and that is a success.
    let quiet = run_script(&cli, &recipe);
    assert_eq!(quiet.status.code(), Some(0), "{}", transcript(&quiet));
    assert_eq!(
        String::from_utf8_lossy(&quiet.stdout).trim(),
        r#"{"revoked":0}"#
    );
}

/// The README's one-command clean-up, verbatim: the server's count on a busy day, 0 and
/// success on a quiet one.
#[tokio::test(flavor = "multi_thread")]
async fn the_readme_one_command_cleanup_on_a_busy_day_and_a_quiet_one() {
    let readme = include_str!("../../../README.md");
    let marker =
        "# Sign out every browser session not seen for two days, in one call the server counts\n";
    let start = readme.find(marker).expect("the one-command recipe") + marker.len();
    let command = readme[start..].lines().next().expect("its command");
    let Some((_db, _server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    for expected in [r#"{"revoked":1}"#, r#"{"revoked":0}"#] {
        let run = run_script(&cli, command);
        assert_eq!(run.status.code(), Some(0), "{}", transcript(&run));
        assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), expected);
    }
    let left = cli.run(&["sessions", "list", "--json"], "");
    assert!(!String::from_utf8_lossy(&left.stdout).contains(&ids[2]));
}

/// Whether `jq`, which the README's recipe pipes through, is installed.
fn jq_installed() -> bool {
    std::process::Command::new("jq")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[tokio::test(flavor = "multi_thread")]
async fn empty_standard_input_is_nothing_to_do() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let json = cli.run(&["sessions", "revoke", "-", "--json"], "");
    assert_eq!(json.status.code(), Some(0), "{}", transcript(&json));
    assert_eq!(
        String::from_utf8_lossy(&json.stdout).trim(),
        r#"{"revoked":0}"#
    );
    let text = cli.run(&["sessions", "revoke", "-"], "\n  \n");
    assert_eq!(text.status.code(), Some(0), "{}", transcript(&text));
    assert_eq!(
        String::from_utf8_lossy(&text.stdout),
        "Signed out 0 sessions\n"
    );
    // No ids and no terminal, without `-`, is still a usage error.
    assert_eq!(cli.run(&["sessions", "revoke"], "").status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoke_run_again_by_short_id_succeeds() {
    let Some((_db, _server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    let laptop = &ids[1][..8];
    let first = cli.run(&["sessions", "revoke", laptop], "");
    assert_eq!(first.status.code(), Some(0), "{}", transcript(&first));
    let again = cli.run(&["sessions", "revoke", laptop], "");
    assert_eq!(again.status.code(), Some(0), "{}", transcript(&again));
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "Signed out 0 sessions\n"
    );
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("(Office laptop) was already signed out"),
        "{stderr}"
    );
    // `--all` shows it, signed out just now; the plain list does not.
    let all = cli.run(&["sessions", "list", "--all"], "");
    let all = String::from_utf8_lossy(&all.stdout);
    let row = all
        .lines()
        .find(|l| l.contains("Office laptop"))
        .expect("the revoked row");
    assert!(
        row.contains("Signed out just now · started 3 days ago"),
        "{all}"
    );
    let live = cli.run(&["sessions", "list"], "");
    assert!(!String::from_utf8_lossy(&live.stdout).contains("Office laptop"));
}

#[tokio::test(flavor = "multi_thread")]
async fn tab_token_prints_the_token_a_script_can_use() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let token = cli.run(&["token"], "");
    assert_eq!(token.status.code(), Some(0), "{}", transcript(&token));
    assert!(token.stderr.is_empty());
    let token = String::from_utf8(token.stdout).expect("utf-8");
    assert_eq!(token.lines().count(), 1);
    // Another machine with only the token lists the same sessions.
    let elsewhere = CliEnv::for_url(&cli.server).env(tab::env_vars::TAB_TOKEN, token.trim());
    let list = elsewhere.run(&["sessions", "list", "--json"], "");
    assert_eq!(list.status.code(), Some(0), "{}", transcript(&list));
    // Signed out: nothing to print, exit 3.
    let nobody = CliEnv::for_url(&cli.server);
    assert_eq!(nobody.run(&["token"], "").status.code(), Some(3));
}

/// The README's crontab line for offboarding from HR's file, its command verbatim (the
/// five time fields cut off), run once with leavers and once on a day without.
#[tokio::test(flavor = "multi_thread")]
async fn the_readme_offboarding_cron_line_with_leavers_and_without() {
    let readme = include_str!("../../../README.md");
    let line = readme
        .lines()
        .find(|line| line.starts_with("0 7 * * * tab admin offboard"))
        .expect("the crontab line is in the README");
    let command = line.splitn(6, ' ').nth(5).expect("its command");
    let Some((_db, _server, api, admin, tokens)) = super::admin::firm().await else {
        return;
    };
    let home = admin.config.path();
    std::fs::write(
        home.join("leavers.txt"),
        "# from HR, 30 November\nana@example.com\nbo@example.com\n",
    )
    .expect("write the list");
    let busy = run_script(&admin, command);
    assert_eq!(busy.status.code(), Some(0), "{}", transcript(&busy));
    assert!(
        busy.stdout.is_empty() && busy.stderr.is_empty(),
        "{}",
        transcript(&busy)
    );
    for token in &tokens {
        assert_eq!(api.call("GET", "/me", Some(token), None).await.status, 401);
    }
    // The next morning HR's file is empty: a line that says so, and success.
    std::fs::write(home.join("leavers.txt"), "# from HR, 1 December\n").expect("write");
    let quiet = run_script(&admin, command);
    assert_eq!(quiet.status.code(), Some(0), "{}", transcript(&quiet));
    let log = std::fs::read_to_string(home.join("offboarding.jsonl")).expect("the log");
    let lines: Vec<Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON document a line"))
        .collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert_eq!(lines[0]["revoked"], 5);
    assert_eq!(lines[0]["users"].as_array().map(Vec::len), Some(2));
    assert_eq!(lines[1], serde_json::json!({"revoked": 0, "users": []}));
}
