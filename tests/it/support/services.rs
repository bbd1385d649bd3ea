//! External services the tests need: a throwaway PostgreSQL cluster (initdb and pg_ctl,
//! as an unprivileged user since PostgreSQL refuses root) and a Secret Service
//! (gnome-keyring inside dbus-run-session). Where one is missing the test says so
//! loudly and skips, unless `TAB_REQUIRE_SERVICES=1` (set by `.ci/run`) makes the skip a
//! failure.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

/// Reports a missing service: a loud skip, or a failure where services are required.
pub fn missing_service(service: &str, why: &str) {
    if std::env::var("TAB_REQUIRE_SERVICES").is_ok_and(|v| v == "1") {
        panic!("{service} is required (TAB_REQUIRE_SERVICES=1) but unavailable: {why}");
    }
    eprintln!(
        "\n!!!!! SKIPPED: {service} unavailable: {why}\n!!!!! set TAB_REQUIRE_SERVICES=1 to make this a failure\n"
    );
}

/// True when this process runs as root.
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A command that runs as the unprivileged `postgres` user when we are root.
fn as_postgres_user(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// Whether `python3` can import `module`; when not, a loud skip naming `service` and how
/// to install it.
pub fn python_module(module: &str, service: &str, install: &str) -> bool {
    let found = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        missing_service(
            service,
            &format!("python3 cannot import {module} ({install})"),
        );
    }
    found
}

/// PostgreSQL's program `name` (the newest installed version's), or one on `PATH`.
pub fn find_pg_binary(name: &str) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin").join(name))
        .filter(|path| path.exists())
        .collect();
    candidates.sort();
    candidates.pop().or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|path| path.exists())
        })
    })
}

/// The admin URL of a PostgreSQL server for tests: `TAB_TEST_POSTGRES_URL`, else a
/// cluster started once for this test process. `None` (after a loud skip) when neither.
pub fn postgres_admin_url() -> Option<String> {
    static URL: OnceLock<Result<String, String>> = OnceLock::new();
    let url = URL.get_or_init(|| match std::env::var("TAB_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Ok(url),
        _ => start_cluster(),
    });
    match url {
        Ok(url) => Some(url.clone()),
        Err(why) => {
            missing_service("PostgreSQL", why);
            None
        }
    }
}

/// A cluster made with initdb, not yet started: its programs, its directory and port.
struct Cluster {
    pg_ctl: PathBuf,
    data: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl Cluster {
    /// Runs initdb in a fresh directory named after `name`, owned by the `postgres` user
    /// when we are root (PostgreSQL refuses to run as root).
    fn init(name: &str) -> Result<Cluster, String> {
        let initdb =
            find_pg_binary("initdb").ok_or("initdb not found (apt-get install postgresql)")?;
        let pg_ctl =
            find_pg_binary("pg_ctl").ok_or("pg_ctl not found (apt-get install postgresql)")?;
        let dir = std::env::temp_dir().join(format!("tab-test-pg-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        if is_root() {
            let status = Command::new("chown")
                .args(["postgres:", &dir.display().to_string()])
                .status()
                .map_err(|e| format!("chown failed: {e}"))?;
            if !status.success() {
                return Err(
                    "cannot hand the cluster directory to the postgres user (is there one?)".into(),
                );
            }
        }
        let data = dir.join("data");
        let output = as_postgres_user(&initdb)
            .args(["-A", "trust", "-U", "tab", "-E", "UTF8", "--no-sync", "-D"])
            .arg(&data)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run initdb: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        Ok(Cluster {
            pg_ctl,
            data,
            dir,
            port,
        })
    }

    /// `pg_ctl start`, waiting until it accepts connections.
    fn start(&self) -> Result<(), String> {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            self.dir.display()
        );
        let status = as_postgres_user(&self.pg_ctl)
            .arg("-D")
            .arg(&self.data)
            .args(["-o", &options, "-l"])
            .arg(self.dir.join("log"))
            .args(["-w", "start"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run pg_ctl: {e}"))?;
        if !status.success() {
            let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
            return Err(format!("pg_ctl start failed: {log}"));
        }
        Ok(())
    }

    /// `pg_ctl stop -m immediate`: as abrupt as a crash.
    fn stop(&self) {
        let _ = as_postgres_user(&self.pg_ctl)
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "-w", "stop"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }

    fn url(&self) -> String {
        format!("postgres://tab@127.0.0.1:{}/postgres", self.port)
    }
}

fn start_cluster() -> Result<String, String> {
    let cluster = Cluster::init("shared")?;
    cluster.start()?;
    // Stop the cluster once this test process is gone: a detached watcher, with no
    // inherited pipes so that cargo does not wait for it.
    let stop = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {runuser} '{pg_ctl}' -D '{data}' -m immediate stop; rm -rf '{dir}'",
        pid = std::process::id(),
        runuser = if is_root() {
            "runuser -u postgres --"
        } else {
            ""
        },
        pg_ctl = cluster.pg_ctl.display(),
        data = cluster.data.display(),
        dir = cluster.dir.display(),
    );
    Command::new("sh")
        .args(["-c", &stop])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the cluster's watcher: {e}"))?;
    Ok(cluster.url())
}

/// A PostgreSQL cluster of one test's own, which the test may stop and start again (the
/// shared one serves every other test).
pub struct PrivateCluster(Cluster);

impl PrivateCluster {
    /// Starts one; `None` after a loud skip when PostgreSQL is not installed.
    pub fn start(name: &str) -> Option<PrivateCluster> {
        let started = Cluster::init(name).and_then(|cluster| {
            cluster.start()?;
            Ok(cluster)
        });
        match started {
            Ok(cluster) => Some(PrivateCluster(cluster)),
            Err(why) => {
                missing_service("PostgreSQL", &why);
                None
            }
        }
    }

    /// Its `postgres` database's URL.
    pub fn url(&self) -> String {
        self.0.url()
    }

    /// Stops it at once, as a crash would.
    pub fn stop(&self) {
        self.0.stop();
    }

    /// Starts it again on the same port and data.
    pub fn start_again(&self) {
        self.0.start().expect("restart the private cluster");
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        self.0.stop();
        let _ = std::fs::remove_dir_all(&self.0.dir);
    }
}

/// A fresh, empty database on the test PostgreSQL server; its URL.
pub async fn fresh_postgres_database() -> Option<String> {
    use sqlx::Connection as _;
    let admin = postgres_admin_url()?;
    let name = format!("tab_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to the test PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create a test database");
    let base = admin
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(&admin);
    Some(format!("{base}/{name}"))
}

/// A private Secret Service: gnome-keyring-daemon, unlocked, on a D-Bus session bus of
/// its own, with a home of its own (so no existing login keyring gets in the way).
pub struct SecretService {
    bus: Child,
    /// `DBUS_SESSION_BUS_ADDRESS` of the bus.
    pub address: String,
    /// The daemon's home, to hand to `tab` as HOME too.
    pub home: tempfile::TempDir,
}

impl SecretService {
    /// Starts one, or reports it missing and returns `None`.
    pub fn start() -> Option<SecretService> {
        use std::io::BufRead as _;
        for program in ["dbus-run-session", "gnome-keyring-daemon"] {
            if find_in_path(program).is_none() {
                missing_service(
                    "Secret Service",
                    &format!("{program} not found (apt-get install dbus gnome-keyring)"),
                );
                return None;
            }
        }
        let home = tempfile::tempdir().expect("temp home");
        let script = "echo test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; \
                      echo \"$DBUS_SESSION_BUS_ADDRESS\"; exec sleep 600";
        let mut bus = Command::new("dbus-run-session");
        std::os::unix::process::CommandExt::process_group(&mut bus, 0);
        let mut bus = bus
            .args(["--", "sh", "-c", script])
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_RUNTIME_DIR", home.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn dbus-run-session");
        let mut line = String::new();
        let stdout = bus.stdout.take().expect("piped stdout");
        std::io::BufReader::new(stdout).read_line(&mut line).ok();
        let address = line.trim().to_string();
        if address.is_empty() {
            let _ = bus.kill();
            let _ = bus.wait();
            missing_service("Secret Service", "the D-Bus session did not start");
            return None;
        }
        Some(SecretService { bus, address, home })
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        // The whole group: the bus, its daemon and the shell's sleep.
        // SAFETY: kill with a negative pid signals that process group; no memory involved.
        unsafe { libc::kill(-(self.bus.id() as i32), libc::SIGKILL) };
        let _ = self.bus.wait();
    }
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(program))
        .find(|path| path.exists())
}
