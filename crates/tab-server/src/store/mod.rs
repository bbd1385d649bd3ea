//! The store: every read and write of users and device sessions, and the transactions
//! that make the contract's races come out right.
//!
//! One interface, two backends. Most statements are plain SQL that SQLite and PostgreSQL
//! both accept, written once and run on whichever pool is open ([`on_pool!`]); where the
//! two must differ (connection set-up, and the per-user lock that serialises revokes on
//! PostgreSQL) each has its own arm. Times are stored as Unix milliseconds (`BIGINT`) and
//! ids as lowercase UUID text, identically in both.

mod schema;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// What the store can fail with: the database's own error.
pub type StoreError = sqlx::Error;

/// An open connection pool to one of the two supported databases.
#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same code against whichever pool is open. The body is compiled once per
/// backend, so a statement that one of them cannot bind fails to build, not at run time.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pool {
            Pool::Sqlite($pool) => $body,
            Pool::Postgres($pool) => $body,
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

/// Whether the caller's session is still live, on a connection of either backend.
macro_rules! caller_is_live {
    ($conn:expr, $caller_sid:expr, $now:expr) => {{
        let live: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM device_sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind($caller_sid)
        .bind($now)
        .fetch_one(&mut *$conn)
        .await?;
        live > 0
    }};
}

/// Runs one revoke's statements, serialised against every other revoke of the same
/// user's sessions. On PostgreSQL: a transaction that first locks the user's row (without
/// it, two concurrent calls could each see itself live in its snapshot and revoke the
/// other, leaving zero survivors). On SQLite: one connection, where each write statement
/// takes the database's write lock before it reads and so is atomic against every other
/// writer. `$conn` is a `&mut` connection of either backend inside `$body`.
macro_rules! serialised_per_user {
    ($store:expr, $user_id:expr, |$conn:ident| $body:expr) => {
        match &$store.pool {
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                lock_user_pg(&mut tx, $user_id).await?;
                let outcome = {
                    let $conn: &mut sqlx::PgConnection = &mut *tx;
                    $body
                };
                tx.commit().await?;
                Ok(outcome)
            }
            Pool::Sqlite(pool) => {
                let mut connection = pool.acquire().await?;
                let $conn: &mut sqlx::SqliteConnection = &mut *connection;
                Ok($body)
            }
        }
    };
}

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

/// A user account as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub password_hash: String,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

type UserRow = (String, String, String, String, String);

impl From<UserRow> for UserRecord {
    fn from((id, email, name, role, password_hash): UserRow) -> Self {
        UserRecord {
            id,
            email,
            name,
            role,
            password_hash,
        }
    }
}

/// A device session as stored. Times are Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub label: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
}

impl SessionRecord {
    /// Not revoked and not expired at `now`.
    pub fn is_live(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

type SessionRow = (
    String,
    String,
    String,
    Option<String>,
    i64,
    i64,
    i64,
    Option<i64>,
);

impl From<SessionRow> for SessionRecord {
    fn from(row: SessionRow) -> Self {
        let (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at) = row;
        SessionRecord {
            id,
            user_id,
            kind,
            label,
            created_at,
            last_seen_at,
            expires_at,
            revoked_at,
        }
    }
}

const SESSION_COLUMNS: &str =
    "id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at";

/// How a request to revoke one session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeOutcome {
    /// This call revoked it.
    Revoked,
    /// It is the caller's, but was already revoked or expired.
    AlreadyEnded,
    /// No session of the caller's has that id.
    NotFound,
    /// It is the caller's current session.
    Current,
    /// The caller's own session was revoked before this call could act; nothing changed.
    CallerEnded,
}

/// Recent failed sign-ins, for rate limiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FailureWindow {
    /// How many failures in the window.
    pub count: i64,
    /// When the oldest of them happened (Unix ms), if any.
    pub oldest: Option<i64>,
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    /// An account with that email (in any letter case) exists.
    #[error("an account with that email already exists")]
    DuplicateEmail,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The server's storage.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
}

impl Store {
    /// Opens the database at `url` (creating a SQLite file and its directory on first
    /// use) and brings its schema up to date.
    pub async fn open(url: &str) -> anyhow::Result<Store> {
        let pool = match Backend::of_url(url) {
            Some(Backend::Sqlite) => Pool::Sqlite(open_sqlite(url).await?),
            Some(Backend::Postgres) => Pool::Postgres(
                PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect(url)
                    .await
                    .map_err(|e| {
                        anyhow::anyhow!("cannot connect to PostgreSQL: {}", describe(&e))
                    })?,
            ),
            None => anyhow::bail!(
                "unsupported database URL: it must start with sqlite:// or postgres://"
            ),
        };
        let store = Store { pool };
        store.migrate().await?;
        Ok(store)
    }

    /// Which backend this store runs on.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
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
            Pool::Sqlite(pool) => {
                let mut tx = pool.begin().await?;
                migrate_in!(tx);
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// Answers once the database does.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// The stored value of a server secret, storing `candidate` first if there is none,
    /// so that every process on one database ends up with the same value.
    pub async fn secret_or_insert(
        &self,
        name: &str,
        candidate: &str,
    ) -> Result<String, StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            )
            .bind(name)
            .bind(candidate)
            .execute(pool)
            .await?;
            sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(pool)
                .await
        })
    }

    /// Creates an account. `email_key` is the lowercased email.
    pub async fn create_user(
        &self,
        user: &UserRecord,
        email_key: &str,
        now: i64,
    ) -> Result<(), CreateUserError> {
        let result = on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO users (id, email, email_key, name, role, password_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&user.id)
            .bind(&user.email)
            .bind(email_key)
            .bind(&user.name)
            .bind(&user.role)
            .bind(&user.password_hash)
            .bind(now)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        });
        match result {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(CreateUserError::DuplicateEmail)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The account with this (lowercased) email.
    pub async fn user_by_email(&self, email_key: &str) -> Result<Option<UserRecord>, StoreError> {
        let row: Option<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, email, name, role, password_hash FROM users WHERE email_key = $1",
            )
            .bind(email_key)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(UserRecord::from))
    }

    /// The account with this id.
    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRecord>, StoreError> {
        let row: Option<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, email, name, role, password_hash FROM users WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(UserRecord::from))
    }

    /// Records a new device session.
    pub async fn create_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO device_sessions
                   (id, user_id, kind, label, created_at, last_seen_at, expires_at, revoked_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&session.id)
            .bind(&session.user_id)
            .bind(&session.kind)
            .bind(&session.label)
            .bind(session.created_at)
            .bind(session.last_seen_at)
            .bind(session.expires_at)
            .bind(session.revoked_at)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// The session with this id, live or not.
    pub async fn session(&self, id: &str) -> Result<Option<SessionRecord>, StoreError> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM device_sessions WHERE id = $1");
        let row: Option<SessionRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await)?;
        Ok(row.map(SessionRecord::from))
    }

    /// Sets `last_seen_at` to `now` if the session is still live and was last refreshed
    /// before `stale_before`. The condition is part of the statement, so a refresh racing
    /// a revoke can never revive or extend the session. True when the row was updated.
    pub async fn touch_session(
        &self,
        id: &str,
        now: i64,
        stale_before: i64,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE device_sessions SET last_seen_at = $1
                 WHERE id = $2 AND revoked_at IS NULL AND expires_at > $1 AND last_seen_at < $3",
            )
            .bind(now)
            .bind(id)
            .bind(stale_before)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Moves a session's start and last-seen times (its expiry follows the start), for
    /// seeding a demonstration or a test with devices of different ages.
    pub async fn set_session_times(
        &self,
        id: &str,
        created_at: i64,
        last_seen_at: i64,
    ) -> Result<(), StoreError> {
        let expires_at = created_at + tab_api::SESSION_LIFETIME_SECS * 1000;
        on_pool!(self, |pool| {
            sqlx::query("UPDATE device_sessions SET created_at = $1, last_seen_at = $2, expires_at = $3 WHERE id = $4")
                .bind(created_at)
                .bind(last_seen_at)
                .bind(expires_at)
                .bind(id)
                .execute(pool)
                .await
                .map(|_| ())
        })
    }

    /// The session `sid` (live or not) together with the user's live sessions, most
    /// recently seen first, in one statement: the list endpoint authenticates and reads in
    /// one round trip, which is most of its cost.
    pub async fn session_and_live_sessions(
        &self,
        sid: &str,
        user_id: &str,
        now: i64,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM device_sessions WHERE id = $1
             UNION
             SELECT {SESSION_COLUMNS} FROM device_sessions
             WHERE user_id = $2 AND revoked_at IS NULL AND expires_at > $3
             ORDER BY last_seen_at DESC, id"
        );
        let rows: Vec<SessionRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(sid)
            .bind(user_id)
            .bind(now)
            .fetch_all(pool)
            .await)?;
        Ok(rows.into_iter().map(SessionRecord::from).collect())
    }

    /// Ends the caller's own session (sign-out). True when this call ended it.
    pub async fn sign_out(
        &self,
        user_id: &str,
        session_id: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE device_sessions SET revoked_at = $1
                 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(session_id)
            .bind(user_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Revokes one of the caller's sessions on behalf of `caller_sid`.
    pub async fn revoke_session(
        &self,
        user_id: &str,
        caller_sid: &str,
        target_id: &str,
        now: i64,
    ) -> Result<RevokeOutcome, StoreError> {
        if target_id == caller_sid {
            return Ok(RevokeOutcome::Current);
        }
        // The caller's liveness is part of the UPDATE: two devices revoking each other at
        // once cannot both succeed.
        const REVOKE_ONE: &str = "UPDATE device_sessions SET revoked_at = $1, revoked_by = $2
             WHERE id = $3 AND user_id = $4 AND revoked_at IS NULL AND expires_at > $1
               AND EXISTS (SELECT 1 FROM device_sessions caller
                           WHERE caller.id = $2 AND caller.revoked_at IS NULL AND caller.expires_at > $1)";
        const OWNED: &str = "SELECT COUNT(*) FROM device_sessions WHERE id = $1 AND user_id = $2";
        serialised_per_user!(self, user_id, |conn| {
            let changed = sqlx::query(REVOKE_ONE)
                .bind(now)
                .bind(caller_sid)
                .bind(target_id)
                .bind(user_id)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            if changed == 1 {
                RevokeOutcome::Revoked
            } else {
                let owned: i64 = sqlx::query_scalar(OWNED)
                    .bind(target_id)
                    .bind(user_id)
                    .fetch_one(&mut *conn)
                    .await?;
                if owned == 0 {
                    RevokeOutcome::NotFound
                } else if !caller_is_live!(conn, caller_sid, now) {
                    RevokeOutcome::CallerEnded
                } else {
                    RevokeOutcome::AlreadyEnded
                }
            }
        })
    }

    /// Revokes every live session of the user but `caller_sid`, all at once. `None` when
    /// the caller's own session was ended first (then nothing was revoked); otherwise how
    /// many rows this call changed.
    pub async fn revoke_others(
        &self,
        user_id: &str,
        caller_sid: &str,
        now: i64,
    ) -> Result<Option<u64>, StoreError> {
        const REVOKE_OTHERS: &str = "UPDATE device_sessions SET revoked_at = $1, revoked_by = $2
             WHERE user_id = $3 AND id <> $2 AND revoked_at IS NULL AND expires_at > $1
               AND EXISTS (SELECT 1 FROM device_sessions caller
                           WHERE caller.id = $2 AND caller.revoked_at IS NULL AND caller.expires_at > $1)";
        serialised_per_user!(self, user_id, |conn| {
            let changed = sqlx::query(REVOKE_OTHERS)
                .bind(now)
                .bind(caller_sid)
                .bind(user_id)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            if changed == 0 && !caller_is_live!(conn, caller_sid, now) {
                None
            } else {
                Some(changed)
            }
        })
    }

    /// Failed sign-ins for this email and from this address since `since` (Unix ms).
    pub async fn recent_failures(
        &self,
        email_key: &str,
        address: &str,
        since: i64,
    ) -> Result<(FailureWindow, FailureWindow), StoreError> {
        let (email, from_address): ((i64, Option<i64>), (i64, Option<i64>)) = on_pool!(
            self,
            |pool| {
                let email = sqlx::query_as(
                "SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE email_key = $1 AND failed_at > $2",
            )
            .bind(email_key)
            .bind(since)
            .fetch_one(pool)
            .await?;
                let address = sqlx::query_as(
                "SELECT COUNT(*), MIN(failed_at) FROM sign_in_failures WHERE address = $1 AND failed_at > $2",
            )
            .bind(address)
            .bind(since)
            .fetch_one(pool)
            .await?;
                Ok::<_, StoreError>((email, address))
            }
        )?;
        let window = |(count, oldest)| FailureWindow { count, oldest };
        Ok((window(email), window(from_address)))
    }

    /// Records a failed sign-in and forgets those older than `forget_before`.
    pub async fn record_failure(
        &self,
        email_key: &str,
        address: &str,
        now: i64,
        forget_before: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
                .bind(forget_before)
                .execute(pool)
                .await?;
            sqlx::query(
                "INSERT INTO sign_in_failures (email_key, address, failed_at) VALUES ($1, $2, $3)",
            )
            .bind(email_key)
            .bind(address)
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }
}

async fn open_sqlite(url: &str) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| anyhow::anyhow!("invalid SQLite URL: {}", describe(&e)))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: an acknowledged revoke is on disk before the answer goes out.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    if let Some(dir) = options.get_filename().parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    SqlitePoolOptions::new()
        .max_connections(4)
        // An embedded file cannot drop a connection the way a network server can, so
        // the ping sqlx would send before every use buys nothing but a round trip to the
        // connection's worker thread.
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the SQLite database: {}", describe(&e)))
}

/// Takes the per-user row lock that serialises every revoke of one user's sessions.
async fn lock_user_pg(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    user_id: &str,
) -> Result<(), StoreError> {
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await
        .map(|_| ())
}

/// A database error in words that carry no SQL, path or credential: enough for an
/// operator's log line, nothing that leaks.
pub fn describe(error: &StoreError) -> String {
    match error {
        sqlx::Error::Database(e) => {
            format!("database error (code {})", e.code().unwrap_or_default())
        }
        sqlx::Error::PoolTimedOut => "timed out waiting for a database connection".into(),
        sqlx::Error::Io(e) => format!("I/O error: {e}"),
        sqlx::Error::Configuration(_) => "the database URL is not valid".into(),
        sqlx::Error::Tls(_) => "TLS error talking to the database".into(),
        sqlx::Error::Protocol(_) => "the database spoke an unexpected protocol".into(),
        other => format!("{:?}", std::mem::discriminant(other))
            .replace("Discriminant", "database failure "),
    }
}

/// True when the error means the database cannot be reached right now (answer 503),
/// rather than a fault in this request.
pub fn is_unavailable(error: &StoreError) -> bool {
    matches!(
        error,
        sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
    )
}
