//! Schema migrations, run at every start. Each step is idempotent DDL that both
//! SQLite and PostgreSQL accept, recorded in `schema_migrations` once applied.

/// The ordered migrations: (version, statements).
pub const MIGRATIONS: &[(i64, &[&str])] = &[(
    1,
    &[
        "CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )",
        // Case-insensitive uniqueness: `email_key` is the email lowercased by the server,
        // so SQLite (ASCII-only lower()) and PostgreSQL agree.
        "CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email_key)",
        "CREATE TABLE IF NOT EXISTS device_sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id),
            kind TEXT NOT NULL,
            label TEXT,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            revoked_at BIGINT,
            revoked_by TEXT
        )",
        // Serves "this user's live sessions, most recently seen first": revoked rows
        // never enter the index, so listing stays fast however many pile up.
        "CREATE INDEX IF NOT EXISTS device_sessions_live
            ON device_sessions (user_id, last_seen_at DESC) WHERE revoked_at IS NULL",
        "CREATE TABLE IF NOT EXISTS sign_in_failures (
            email_key TEXT NOT NULL,
            address TEXT NOT NULL,
            failed_at BIGINT NOT NULL
        )",
        "CREATE INDEX IF NOT EXISTS sign_in_failures_email ON sign_in_failures (email_key, failed_at)",
        "CREATE INDEX IF NOT EXISTS sign_in_failures_address ON sign_in_failures (address, failed_at)",
        "CREATE TABLE IF NOT EXISTS server_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )",
    ],
)];
