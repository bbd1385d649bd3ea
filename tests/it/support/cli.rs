//! Running the real `tab` binary as a user would: a cleared environment, a config
//! directory of its own, no colour, and a server started for the test.

use std::process::Output;

use super::{TestServer, tab_bin};

/// One user's machine: a config directory and the server it talks to.
pub struct CliEnv {
    /// The config directory (`TAB_CONFIG_DIR`).
    pub config: tempfile::TempDir,
    /// `TAB_SERVER`.
    pub server: String,
    extra_env: Vec<(String, String)>,
}

impl CliEnv {
    /// A machine pointed at `server`.
    pub fn new(server: &TestServer) -> CliEnv {
        CliEnv {
            config: tempfile::tempdir().expect("config dir"),
            server: server.url(),
            extra_env: Vec::new(),
        }
    }

    /// A machine pointed at any URL.
    pub fn for_url(url: &str) -> CliEnv {
        CliEnv {
            config: tempfile::tempdir().expect("config dir"),
            server: url.to_string(),
            extra_env: Vec::new(),
        }
    }

    /// Adds an environment variable to every command.
    pub fn env(mut self, name: &str, value: &str) -> CliEnv {
        self.extra_env.push((name.into(), value.into()));
        self
    }

    /// `tab ARGS`, ready to run, without colour.
    #[must_use]
    pub fn tab(&self, args: &[&str]) -> assert_cmd::Command {
        let mut command = self.terminal_command(args);
        command.env(tab::env_vars::NO_COLOR, "1").env_remove("TERM");
        // A test's own settings win over these defaults.
        for (name, value) in &self.extra_env {
            command.env(name, value);
        }
        assert_cmd::Command::from_std(command)
    }

    /// `tab ARGS` as a person at a colour terminal would run it (no NO_COLOR), for
    /// [`super::pty::PtyRun`]: a cleared environment, this machine's config directory
    /// and server, a UTF-8 locale.
    #[must_use]
    pub fn terminal_command(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(tab_bin());
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.config.path())
            .env(tab::env_vars::TAB_CONFIG_DIR, self.config.path())
            .env(tab::env_vars::TAB_SERVER, &self.server)
            .env("LANG", "C.UTF-8")
            .env("TERM", "xterm-256color");
        for (name, value) in &self.extra_env {
            command.env(name, value);
        }
        command
    }

    /// Runs `tab ARGS` with `stdin` as standard input.
    #[must_use]
    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        self.tab(args).write_stdin(stdin).output().expect("run tab")
    }

    /// Signs in with the token in a file (no keyring needed); panics on failure.
    pub fn login(&self, email: &str, password: &str, label: &str) {
        let output = self.run(
            &[
                "login",
                "--email",
                email,
                "--password-stdin",
                "--insecure-storage",
                "--label",
                label,
            ],
            &format!("{password}\n"),
        );
        assert!(
            output.status.success(),
            "login failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The whole of a run, as one text for a snapshot: exit code, stdout, stderr.
pub fn transcript(output: &Output) -> String {
    format!(
        "exit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        output
            .status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Snapshot filters: ids, ports and temp paths change from run to run.
pub fn filters() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "[ID]",
        ),
        (r"\b[0-9a-f]{8}\b", "[SHORT-ID]"),
        (r"127\.0\.0\.1:\d+", "[SERVER]"),
        (r"/tmp/\.tmp[A-Za-z0-9]+", "[TMP]"),
        (r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "[TIME]"),
        // `--wide`'s short expiry on a narrow terminal.
        (r"\b\d\d-\d\d \d\d:\d\d\b", "[SHORT-TIME]"),
    ]
}

/// Asserts that stderr and stdout hold no panic, no HTML and not the secret.
pub fn assert_clean(output: &Output, secret: &str) {
    for stream in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(
            !text.contains("panicked"),
            "a panic reached the user: {text}"
        );
        assert!(
            !text.to_lowercase().contains("<html"),
            "raw HTML reached the user: {text}"
        );
        assert!(
            !text.contains(secret),
            "the token reached the output: {text}"
        );
    }
}
