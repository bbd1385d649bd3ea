//! The store: every read and write of users and device sessions, and the transactions
//! that make the contract's races come out right.
//!
//! One interface, two backends. Most statements are plain SQL that SQLite and PostgreSQL
//! both accept, written once and run on whichever pool is open ([`on_pool!`]); where the
//! two must differ (connection set-up, and the per-user lock that serialises revokes on
//! PostgreSQL) each has its own arm. Times are stored as Unix milliseconds (`BIGINT`) and
//! ids as lowercase UUID text, identically in both.

mod error;
mod ids;
mod private_file;
mod schema;

pub use error::StoreError;
pub use ids::{SessionId, UnixMillis, UserId};

use std::str::FromStr;
use std::time::Duration;

use sqlx::ConnectOptions as _;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// An open connection pool to one of the two supported databases. A SQLite file comes
/// with the hot path's readers: on SQLite they are the one way those reads are made.
#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool, std::sync::Arc<readers::Readers>),
    Postgres(PgPool),
}

/// Runs the same code against whichever pool is open. The body is compiled once per
/// backend, so a statement that one of them cannot bind fails to build, not at run time.
/// Its result's error, sqlx's or the store's, comes out as the store's.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pool {
            Pool::Sqlite($pool, _) => ($body).map_err($crate::store::StoreError::from),
            Pool::Postgres($pool) => ($body).map_err($crate::store::StoreError::from),
        }
    };
}

/// Brings the schema up to date on an open connection or transaction of either backend.
macro_rules! migrate_in {
    ($conn:expr) => {{
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )
        .execute(&mut *$conn)
        .await?;
        for (version, statements) in schema::MIGRATIONS {
            let done: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = $1")
                .bind(version)
                .fetch_one(&mut *$conn)
                .await?;
            if done > 0 {
                continue;
            }
            for statement in *statements {
                sqlx::query(statement).execute(&mut *$conn).await?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(version)
                .bind(chrono::Utc::now().timestamp_millis())
                .execute(&mut *$conn)
                .await?;
        }
    }};
}

#[macro_use]
mod serialise;
mod admin_users;
mod audit;
mod grants;
mod history;
mod mail;
mod operator;
mod readers;
mod record;
mod rename;
mod revokes;
mod sessions;
mod throttle;
mod upkeep;
mod users;

pub use admin_users::AdminUserRecord;
pub use audit::AuditRecord;
pub use grants::{Decider, GrantRecord, NewDeviceGrant, Poll};
pub use history::EventRecord;
pub use mail::{MailboxRelease, QueuedAlert, Recipient};
pub use operator::{ADMIN_PREFIX, ActionOutcome, AdminActor, OPERATOR, OperatorAction};
pub use record::SessionRecord;
pub use rename::{RenameOutcome, Renamer};
pub use revokes::{OthersFilter, RevokeOutcome};
pub use sessions::Created;
pub use throttle::{
    AttemptKeys, AttemptLimits, FailureWindow, Reservation, address_key, email_hash,
};
pub use upkeep::{PurgeRecord, PurgeReport, SchemaState, grouped};
pub use users::{CreateUserError, UserRecord};

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (`sqlite://PATH`).
    Sqlite,
    /// A PostgreSQL server (`postgres://...`), shared by several server processes.
    Postgres,
}

impl Backend {
    /// The backend a database URL names, or `None` when it names neither.
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// The server's storage.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    /// Where the data is, in words that carry no credential (for the start-up line).
    location: std::sync::Arc<str>,
}
impl Store {
    /// Opens the database at `url` (creating a SQLite file and its directory on first
    /// use) and brings its schema up to date.
    pub async fn open(url: &str) -> anyhow::Result<Store> {
        let store = Self::open_as(url, true).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens an existing database as it is, for `tab server check`: a SQLite file that is
    /// not there yet is not created, its modes are checked as at start, and no migration
    /// runs.
    pub async fn open_existing(url: &str) -> anyhow::Result<Store> {
        Self::open_as(url, false).await
    }

    async fn open_as(url: &str, create: bool) -> anyhow::Result<Store> {
        let pool = match Backend::of_url(url) {
            Some(Backend::Sqlite) => {
                let (pool, file) = open_sqlite(url, create).await?;
                Pool::Sqlite(pool, std::sync::Arc::new(readers::Readers::new(&file)))
            }
            Some(Backend::Postgres) => Pool::Postgres(open_postgres(url).await?),
            None => anyhow::bail!(
                "unsupported database URL: it must start with sqlite:// or postgres://"
            ),
        };
        Ok(Store {
            location: location_of(url).into(),
            pool,
        })
    }

    /// Where the data is: `SQLite at PATH` or `PostgreSQL database DB on HOST:PORT`.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Which backend this store runs on.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(..) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        // Several processes may start at once on one PostgreSQL database: a transaction-
        // scoped advisory lock lets one migrate while the others wait. SQLite serialises
        // writers itself.
        match &self.pool {
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(7878)")
                    .execute(&mut *tx)
                    .await?;
                migrate_in!(tx);
                tx.commit().await?;
            }
            Pool::Sqlite(pool, _) => {
                let mut tx = pool.begin().await?;
                migrate_in!(tx);
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// Answers once the database does.
    pub async fn ping(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(_, readers) => readers.rows("SELECT 1", &[], |_| Ok(())).map(|_| ()),
            Pool::Postgres(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
                Ok(())
            }
        }
    }
}

/// Refuses a SQLite database file (or its `-wal`/`-shm` file) that group or others can
/// read, as `tab server serve` does at start: `tab server check` says the same.
pub fn refuse_shared(file: &std::path::Path) -> anyhow::Result<()> {
    private_file::refuse_shared(file)
}

/// The file a SQLite URL names (`None` for PostgreSQL and in-memory databases).
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    if Backend::of_url(url) != Some(Backend::Sqlite) || is_in_memory(url) {
        return None;
    }
    SqliteConnectOptions::from_str(url)
        .ok()
        .map(|options| options.get_filename().to_path_buf())
}

/// Whether a SQLite URL names an in-memory database.
fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// A database URL in words without its user name or password.
fn location_of(url: &str) -> String {
    match Backend::of_url(url) {
        Some(Backend::Sqlite) if is_in_memory(url) => "SQLite in memory".into(),
        Some(Backend::Sqlite) => match SqliteConnectOptions::from_str(url) {
            Ok(options) => format!("SQLite at {}", options.get_filename().display()),
            Err(_) => "SQLite".into(),
        },
        Some(Backend::Postgres) => match sqlx::postgres::PgConnectOptions::from_str(url) {
            Ok(options) => format!(
                "PostgreSQL database {} on {}:{}",
                options.get_database().unwrap_or("(default)"),
                options.get_host(),
                options.get_port()
            ),
            Err(_) => "PostgreSQL".into(),
        },
        None => "an unknown database".into(),
    }
}

/// The PostgreSQL pool. One connection is made directly first: the pool retries a
/// refused connection until its timeout and then says only that it timed out, while the
/// operator needs the server's own words (`role "nobody" does not exist`, `connection
/// refused`).
async fn open_postgres(url: &str) -> anyhow::Result<PgPool> {
    use sqlx::Connection as _;
    let options = sqlx::postgres::PgConnectOptions::from_str(url)
        .map_err(|e| anyhow::anyhow!("invalid PostgreSQL URL: {}", error::describe_sqlx(&e)))?
        // Statements (and their slow-statement warnings) are never logged: they would put
        // SQL in the server's log.
        .disable_statement_logging();
    let first = tokio::time::timeout(
        Duration::from_secs(10),
        sqlx::PgConnection::connect_with(&options),
    )
    .await
    .map_err(|_| anyhow::anyhow!("cannot connect to PostgreSQL: no answer within 10 seconds"))?
    .map_err(|e| anyhow::anyhow!("cannot connect to PostgreSQL: {}", error::describe_sqlx(&e)))?;
    let _ = first.close().await;
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map_err(|e| anyhow::anyhow!("cannot connect to PostgreSQL: {}", error::describe_sqlx(&e)))
}

/// The pool, and the file for the hot path's readers. An in-memory database is refused:
/// the readers' connections could not see it, and it would lose every session at the
/// next restart.
async fn open_sqlite(url: &str, create: bool) -> anyhow::Result<(SqlitePool, std::path::PathBuf)> {
    anyhow::ensure!(
        !is_in_memory(url),
        "an in-memory SQLite database is not supported: name a file (sqlite://PATH), which keeps the sessions across restarts"
    );
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| anyhow::anyhow!("invalid SQLite URL: {}", error::describe_sqlx(&e)))?
        .create_if_missing(create)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: an acknowledged revoke is on disk before the answer goes out.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        // No SQL in the server's log, at any level.
        .disable_statement_logging();
    let file = options.get_filename().to_path_buf();
    if create {
        private_file::prepare(&file)?;
    } else {
        anyhow::ensure!(
            file.exists(),
            "there is no database at {} yet (`tab server serve` creates it)",
            file.display()
        );
        private_file::refuse_shared(&file)?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        // An embedded file cannot drop a connection the way a network server can, so
        // the ping sqlx would send before every use buys nothing but a round trip to the
        // connection's worker thread.
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot open the SQLite database: {}",
                error::describe_sqlx(&e)
            )
        })?;
    Ok((pool, file))
}
