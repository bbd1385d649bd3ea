//! `tab login --web` and `tab login --device` end to end (issue 19): the real `tab`
//! against the real server, the browser played by the test through the API (the pages
//! themselves are driven in Chromium and Firefox by `web/approve.rs`).

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{EMAIL, PASSWORD};
use crate::support::cli::CliEnv;
use crate::support::{Api, Backend, server_with_user};

/// `tab ARGS` started in the background, its standard error collected line by line.
pub(crate) struct Running {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
    reader: Option<std::thread::JoinHandle<()>>,
    pub(crate) seen: Vec<String>,
}

impl Running {
    pub(crate) fn start(cli: &CliEnv, args: &[&str], extra_env: &[(&str, &str)]) -> Running {
        let mut command = cli.terminal_command(args);
        command.env("NO_COLOR", "1").env_remove("TERM");
        for (name, value) in extra_env {
            command.env(name, value);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tab");
        let stderr = child.stderr.take().expect("stderr");
        let (send, lines) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        Running {
            child,
            lines,
            reader: Some(reader),
            seen: Vec::new(),
        }
    }

    /// The first line of standard error (10 s at most) for which `find` finds something.
    pub(crate) fn wait_for<T>(&mut self, find: impl Fn(&str) -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(found) = self.seen.iter().find_map(|line| find(line)) {
                return found;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => panic!("tab never said it: {:?}", self.seen),
            }
        }
    }

    /// Waits (30 s at most) for the exit; its code and all of standard error.
    pub(crate) fn finish(mut self) -> (Option<i32>, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "tab did not finish: {:?}",
                self.seen
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        // The pipe closes with the process: the reader has every line once it ends.
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the stderr reader");
        }
        self.seen.extend(self.lines.try_iter());
        (status.code(), self.seen.join("\n"))
    }

    pub(crate) fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on the child's own pid.
        unsafe { libc::kill(self.child.id() as i32, signal) };
    }
}

/// The user code `tab login --device` printed.
pub(crate) fn user_code(line: &str) -> Option<String> {
    let word = line.trim();
    (word.len() == 9 && tab_api::normalise_user_code(word).is_some()).then(|| word.to_string())
}

/// A `BROWSER` script that writes the address it is given to `file`.
pub(crate) fn recording_browser(dir: &std::path::Path) -> (String, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt as _;
    let file = dir.join("opened-url");
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", file.display()),
    )
    .expect("write the script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    (script.display().to_string(), file)
}

/// Waits for the recording browser to be handed an address.
pub(crate) fn opened_url(file: &std::path::Path) -> url::Url {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(text) = std::fs::read_to_string(file)
            && !text.is_empty()
        {
            return url::Url::parse(&text).expect("a URL");
        }
        assert!(Instant::now() < deadline, "the browser was never opened");
        // Polling, with the deadline above: the script only writes a file.
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn query(url: &url::Url, name: &str) -> String {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

async fn approve_device(api: &Api, token: &str, code: &str, approve: bool) {
    let path = if approve {
        "/auth/device/approve"
    } else {
        "/auth/device/deny"
    };
    let answer = api
        .call("POST", path, Some(token), Some(json!({"user_code": code})))
        .await;
    assert_eq!(answer.status, 204, "{:?}", answer.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn login_device_signs_in_once_approved_and_says_so_when_denied() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let (ana, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let cli = CliEnv::new(&server);
    let mut run = Running::start(
        &cli,
        &[
            "login",
            "--device",
            "--insecure-storage",
            "--label",
            "ssh box",
        ],
        &[],
    );
    let code = run.wait_for(user_code);
    assert!(
        run.seen
            .iter()
            .any(|l| l.contains("/device in a browser on any device")),
        "{:?}",
        run.seen
    );
    run.wait_for(|l| {
        l.contains("If someone sent you this code, stop.")
            .then_some(())
    });
    approve_device(&api, &ana, &code, true).await;
    let (exit, stderr) = run.finish();
    assert_eq!(exit, Some(0), "{stderr}");
    assert!(
        stderr.contains("Signed in to") && stderr.contains("as ana@example.com"),
        "{stderr}"
    );
    let list: Value =
        serde_json::from_slice(&cli.run(&["sessions", "list", "--json"], "").stdout).expect("json");
    let current = list["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .cloned()
        .expect("current");
    assert_eq!(
        (current["kind"].as_str(), current["label"].as_str()),
        (Some("cli"), Some("ssh box"))
    );

    assert_eq!(current["method"], "device");
    let wide = cli.run(&["sessions", "list", "--wide"], "");
    assert!(
        String::from_utf8_lossy(&wide.stdout).contains("tab 0.1.0 on Linux (device code)"),
        "{}",
        String::from_utf8_lossy(&wide.stdout)
    );
    let history = cli.run(&["sessions", "history"], "");
    let history = String::from_utf8_lossy(&history.stdout).into_owned();
    assert!(
        history.contains("signed in (device code)") && history.contains("approved"),
        "{history}"
    );

    // Denied: exit 3, nothing kept.
    let other = CliEnv::new(&server);
    let mut run = Running::start(
        &other,
        &["login", "--device", "--insecure-storage", "--json"],
        &[],
    );
    let code = run.wait_for(user_code);
    approve_device(&api, &ana, &code, false).await;
    let (exit, stderr) = run.finish();
    assert_eq!(exit, Some(3), "{stderr}");
    assert!(
        stderr.contains("error: the sign-in was denied in the browser"),
        "{stderr}"
    );
    assert!(
        stderr.contains("run `tab login --device` to start again"),
        "{stderr}"
    );
    assert_eq!(other.run(&["status"], "").status.code(), Some(3));
}

#[tokio::test(flavor = "multi_thread")]
async fn login_web_takes_the_browsers_code_and_refuses_anothers_state() {
    let Some((_db, server, api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let (ana, _) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let dir = tempfile::tempdir().expect("dir");
    let (browser, opened) = recording_browser(dir.path());
    let cli = CliEnv::new(&server);
    let run = Running::start(
        &cli,
        &["login", "--web", "--insecure-storage"],
        &[("BROWSER", &browser)],
    );
    let page = opened_url(&opened);
    assert_eq!(page.path(), "/cli/authorize");
    assert_eq!(
        query(&page, "agent"),
        format!("tab {} on Linux", env!("CARGO_PKG_VERSION"))
    );
    let port: u16 = query(&page, "port").parse().expect("port");
    // The page approves as Ana; the browser follows the redirect to tab's listener.
    let approved = api
        .call(
            "POST",
            "/auth/cli/authorize",
            Some(&ana),
            Some(json!({"port": port, "code_challenge": query(&page, "code_challenge"), "state": query(&page, "state"), "label": query(&page, "label")})),
        )
        .await;
    assert_eq!(approved.status, 200, "{:?}", approved.body);
    let redirect = approved.body["redirect"].as_str().unwrap().to_string();
    // Something else on this machine knocks first, without the callback: ignored.
    let probe = reqwest::get(format!("http://127.0.0.1:{port}/favicon.ico"))
        .await
        .expect("probe");
    assert_eq!(probe.status(), 404);
    let landed = reqwest::get(&redirect)
        .await
        .expect("the browser's callback");
    assert_eq!(landed.status(), 200);
    assert!(
        landed
            .text()
            .await
            .unwrap()
            .contains("Signed in. You can close this tab.")
    );
    let (exit, stderr) = run.finish();
    assert_eq!(exit, Some(0), "{stderr}");
    let status = cli.run(&["status"], "");
    assert_eq!(status.status.code(), Some(0));
    // The listener is gone.
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());

    // Another process sends a wrong state: nothing is signed in, exit 3.
    let other = CliEnv::new(&server);
    let dir = tempfile::tempdir().expect("dir");
    let (browser, opened) = recording_browser(dir.path());
    let run = Running::start(
        &other,
        &["login", "--web", "--insecure-storage"],
        &[("BROWSER", &browser)],
    );
    let page = opened_url(&opened);
    let port = query(&page, "port");
    let forged = reqwest::get(format!(
        "http://127.0.0.1:{port}/callback?code=stolen&state=not-yours"
    ))
    .await
    .expect("forged");
    assert_eq!(forged.status(), 400);
    let (exit, stderr) = run.finish();
    assert_eq!(exit, Some(3), "{stderr}");
    assert!(stderr.contains("its state did not match"), "{stderr}");

    // Denied on the page: exit 3 with access_denied in JSON.
    let dir = tempfile::tempdir().expect("dir");
    let (browser, opened) = recording_browser(dir.path());
    let denied = CliEnv::new(&server);
    let mut command = denied.terminal_command(&["login", "--web", "--insecure-storage", "--json"]);
    command
        .env("BROWSER", &browser)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = command.spawn().expect("start");
    let page = opened_url(&opened);
    let deny = format!(
        "http://127.0.0.1:{}/callback?error=access_denied&state={}",
        query(&page, "port"),
        query(&page, "state")
    );
    assert!(
        reqwest::get(&deny)
            .await
            .expect("deny")
            .text()
            .await
            .unwrap()
            .contains("Denied")
    );
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(3));
    let body: Value = serde_json::from_slice(&output.stdout).expect("one JSON error");
    assert_eq!(body["error"]["code"], "access_denied");
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_leaves_nothing_listening() {
    let Some((_db, server, _api)) = server_with_user(Backend::Sqlite, EMAIL, PASSWORD).await else {
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let (browser, opened) = recording_browser(dir.path());
    let cli = CliEnv::new(&server);
    let mut run = Running::start(
        &cli,
        &["login", "--web", "--insecure-storage"],
        &[("BROWSER", &browser)],
    );
    let page = opened_url(&opened);
    run.wait_for(|l| l.contains("Waiting for the browser").then_some(()));
    run.signal(libc::SIGINT);
    let (exit, stderr) = run.finish();
    assert_eq!(exit, Some(130), "{stderr}");
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", query(&page, "port").parse::<u16>().unwrap()))
            .is_err()
    );
    // No browser can be started: the address is printed, and said so.
    let mut run = Running::start(
        &cli,
        &["login", "--web", "--insecure-storage"],
        &[("BROWSER", "/nonexistent/browser")],
    );
    run.wait_for(|l| {
        l.contains("Could not open a browser (/nonexistent/browser")
            .then_some(())
    });
    let address = run.wait_for(|l| {
        l.trim()
            .strip_prefix(&format!("{}/cli/authorize?", cli.server))
            .map(str::to_string)
    });
    assert!(address.contains("code_challenge="), "{address}");
    run.signal(libc::SIGINT);
    assert_eq!(run.finish().0, Some(130));
    // --web and --device take no email or password.
    for args in [
        &["login", "--web", "--email", "a@b.c"][..],
        &["login", "--device", "--password-stdin"][..],
        &["login", "--web", "--device"][..],
    ] {
        assert_eq!(cli.run(args, "").status.code(), Some(2), "{args:?}");
    }
}
