//! A test's database: a SQLite file in a temporary directory, or a database of its own
//! on the shared PostgreSQL cluster; accounts added through `tab server user add`, and
//! the few direct reads and writes a test needs to set a scene.

use super::*;

/// A database for one test, kept for the test's lifetime.
pub struct TestDatabase {
    /// Its URL.
    pub url: String,
    /// The backend.
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// A fresh database, or `None` after a loud skip when PostgreSQL is unavailable.
    pub async fn new(backend: Backend) -> Option<TestDatabase> {
        match backend {
            Backend::Sqlite => Some(Self::sqlite_in(tempfile::tempdir().expect("temp dir"))),
            Backend::Postgres => {
                let url = services::fresh_postgres_database().await?;
                Some(TestDatabase {
                    url,
                    backend,
                    _dir: None,
                })
            }
        }
    }

    /// A SQLite database `tab.db` in `dir`, kept as long as the database.
    pub fn sqlite_in(dir: tempfile::TempDir) -> TestDatabase {
        TestDatabase {
            url: format!("sqlite://{}", dir.path().join("tab.db").display()),
            backend: Backend::Sqlite,
            _dir: Some(dir),
        }
    }

    /// Runs one SQL statement directly on the database (to set up states the API
    /// cannot reach, such as an expired session).
    pub async fn execute(&self, sql: &str) {
        use sqlx::Connection as _;
        match self.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url)
                    .await
                    .expect("open sqlite");
                sqlx::query(sql).execute(&mut conn).await.expect("run sql");
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url)
                    .await
                    .expect("open postgres");
                sqlx::query(sql).execute(&mut conn).await.expect("run sql");
            }
        }
    }

    /// Runs a query that answers one integer.
    pub async fn scalar(&self, sql: &str) -> i64 {
        self.value(sql).await
    }

    /// Runs a query that answers one value of any type (an integer, a text).
    pub async fn value<T>(&self, sql: &str) -> T
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Sqlite>
            + sqlx::Type<sqlx::Sqlite>
            + for<'r> sqlx::Decode<'r, sqlx::Postgres>
            + sqlx::Type<sqlx::Postgres>
            + Send
            + Unpin,
    {
        use sqlx::Connection as _;
        match self.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url)
                    .await
                    .expect("open sqlite");
                sqlx::query_scalar(sql)
                    .fetch_one(&mut conn)
                    .await
                    .expect("run sql")
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url)
                    .await
                    .expect("open postgres");
                sqlx::query_scalar(sql)
                    .fetch_one(&mut conn)
                    .await
                    .expect("run sql")
            }
        }
    }

    /// Moves a session's start and last-seen times back by minutes, through the server's
    /// own store (its expiry follows the start).
    #[cfg(feature = "server")]
    pub async fn age_session(&self, id: &str, started_min_ago: i64, seen_min_ago: i64) {
        let store = tab_server::Store::open(&self.url)
            .await
            .expect("open the store");
        let now = tab_server::store::UnixMillis::now();
        store
            .set_session_times(
                &tab_server::store::SessionId::new(id),
                now - started_min_ago * 60_000,
                now - seen_min_ago * 60_000,
            )
            .await
            .expect("set session times");
    }

    /// Runs `tab server user add` for a "Test User" with `role` and the password text
    /// `stdin` (exactly as given, newline included or not); its output.
    #[must_use]
    pub fn try_add_user(&self, email: &str, role: &str, stdin: &str) -> std::process::Output {
        run_with_stdin(
            Command::new(tab_bin()).args([
                "server",
                "user",
                "add",
                "--email",
                email,
                "--name",
                "Test User",
                "--role",
                role,
                "--password-stdin",
                "--database",
                &self.url,
            ]),
            stdin,
        )
    }

    /// `tab server user ARGS` on this database, with `stdin`.
    #[must_use]
    pub fn server_user(&self, args: &[&str], stdin: &str) -> std::process::Output {
        server_user(&self.url, args, stdin)
    }

    /// Adds an accountant through `tab server user add`; panics if it fails.
    pub fn add_user(&self, email: &str, password: &str) {
        let output = self.try_add_user(email, "accountant", &format!("{password}\n"));
        assert!(
            output.status.success(),
            "user add failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
