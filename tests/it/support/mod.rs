//! The test environment: the real `tab` binary, the real reference server started as a
//! process on a loopback port (on SQLite or PostgreSQL), and a small HTTP helper.

mod api;
#[cfg(unix)]
pub mod browser;
pub mod cli;
mod database;
pub mod fake_server;
#[cfg(unix)]
pub mod pty;
pub mod services;
pub mod smtp;

pub use api::{Answer, Api, assert_error_body_keeps_the_contract};
pub use database::TestDatabase;

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The test account's email.
pub const EMAIL: &str = "ana@example.com";
/// The test account's password.
pub const PASSWORD: &str = "correct horse battery";
/// A signing key for servers started with a known key.
pub const SECRET: &str = "a-test-signing-secret-of-at-least-32-bytes";

/// The `tab` binary under test.
pub fn tab_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tab"))
}

/// Which database a test server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares async test cases that run once on each backend:
/// `on_both_backends!(case_a, case_b)` makes `sqlite::case_a`, `postgres::case_a`, ....
#[macro_export]
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $case() {
                    super::$case($crate::support::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $case() {
                    super::$case($crate::support::Backend::Postgres).await
                }
            )*
        }
    };
}

/// Runs `tab server user ARGS --database DATABASE` with `stdin` on standard input (a
/// free function, so that a test can run it on a blocking thread of its own).
#[must_use]
pub fn server_user(database: &str, args: &[&str], stdin: &str) -> std::process::Output {
    run_with_stdin(
        Command::new(tab_bin())
            .args(["server", "user"])
            .args(args)
            .args(["--database", database]),
        stdin,
    )
}

/// Runs `tab server ARGS` as an operator would, with no database from the environment.
#[must_use]
pub fn run_tab_server(args: &[&str]) -> std::process::Output {
    Command::new(tab_bin())
        .arg("server")
        .args(args)
        .env_remove(tab::env_vars::TAB_DATABASE_URL)
        .env_remove(tab::env_vars::TAB_JWT_SECRET)
        .output()
        .expect("run tab server")
}

/// `tab server serve` on a free loopback port over `database`, not yet started.
pub fn serve_command(database: &str) -> Command {
    let mut command = Command::new(tab_bin());
    command.args([
        "server",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database",
        database,
    ]);
    command
}

/// Runs a command with `input` on standard input.
#[must_use]
pub fn run_with_stdin(command: &mut Command, input: &str) -> std::process::Output {
    use std::io::Write as _;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

/// The reference server, run as `tab server serve` on a free loopback port.
pub struct TestServer {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    logs: Arc<Mutex<Vec<String>>>,
}

impl TestServer {
    /// Starts a server on `db`, with the signing key `secret` (or one kept in the db).
    pub fn start(db: &TestDatabase, secret: Option<&str>) -> TestServer {
        Self::start_with_args(db, secret, &[])
    }

    /// Starts a server on `db` with extra `tab server serve` arguments.
    pub fn start_with_args(db: &TestDatabase, secret: Option<&str>, args: &[&str]) -> TestServer {
        let mut command = serve_command(&db.url);
        command.args(args);
        if let Some(secret) = secret {
            command.env(tab::env_vars::TAB_JWT_SECRET, secret);
        }
        Self::spawn(command)
    }

    /// Starts `command` (a `tab server serve`, see [`serve_command`]) with a clean
    /// environment but for what it already sets, and waits until it listens.
    pub fn spawn(mut command: Command) -> TestServer {
        let kept: Vec<(std::ffi::OsString, std::ffi::OsString)> = command
            .get_envs()
            .filter_map(|(name, value)| Some((name.to_owned(), value?.to_owned())))
            .collect();
        // Info lines unless the test chose a level.
        let level_chosen = kept.iter().any(|(name, _)| name == tab::env_vars::TAB_LOG);
        command
            .env_clear()
            .envs(kept)
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        if !level_chosen {
            command.env(tab::env_vars::TAB_LOG, "info");
        }
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start tab server serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (found, addr_rx) = std::sync::mpsc::channel();
        let sink = Arc::clone(&logs);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(addr) = line
                    .split("addr=")
                    .nth(1)
                    .and_then(|rest| rest.split_whitespace().next())
                {
                    let _ = found.send(addr.to_string());
                }
                sink.lock().expect("log lock").push(line);
            }
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                panic!(
                    "the server did not start: {:?}",
                    logs.lock().map(|l| l.clone())
                )
            });
        TestServer {
            child,
            addr: addr.parse().expect("listening address"),
            logs,
        }
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Waits until the server has logged a line containing `text` (10 s at most);
    /// whether it did.
    pub fn wait_for_log(&self, text: &str) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if self.logs().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// What the server logged so far.
    pub fn logs(&self) -> String {
        self.logs.lock().expect("log lock").join("\n")
    }

    /// Sends a signal to the server process.
    pub fn signal(&self, signal: i32) {
        // SAFETY: signals our own child process by pid.
        unsafe { libc::kill(self.child.id() as i32, signal) };
    }

    /// Whether the process has exited.
    pub fn has_exited(&mut self) -> bool {
        self.child.try_wait().expect("poll the server").is_some()
    }

    /// Sends a signal and waits for the process; its exit status.
    pub fn signal_and_wait(mut self, signal: i32) -> std::process::ExitStatus {
        self.signal(signal);
        self.child.wait().expect("wait for the server")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A database, one account on it, and a server: the usual start of a test. `None` after
/// a loud skip when the backend is unavailable.
pub async fn server_with_user(
    backend: Backend,
    email: &str,
    password: &str,
) -> Option<(TestDatabase, TestServer, Api)> {
    let db = TestDatabase::new(backend).await?;
    db.add_user(email, password);
    let server = TestServer::start(&db, None);
    let api = Api::new(&server);
    Some((db, server, api))
}

/// Adds the test account ([`EMAIL`], [`PASSWORD`], an accountant) to a store opened in
/// this process, as `tab server user add` would.
#[cfg(feature = "server")]
pub async fn add_test_account(store: &tab_server::Store) -> tab_server::UserRecord {
    tab_server::add_user(
        store,
        &tab_server::NewAccount {
            email: EMAIL,
            name: "Ana Lima",
            role: tab_api::Role::Accountant,
            password: PASSWORD,
        },
    )
    .await
    .expect("the test account")
}
