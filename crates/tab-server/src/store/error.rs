//! What the store fails with: its own type, so that neither driver's error leaks past the
//! store, and one place says which failures mean "the database is away" (503) and how a
//! failure reads in the operator's log (no SQL, path or credential).

/// A failure of the store.
#[derive(Debug)]
pub enum StoreError {
    /// sqlx's: the pools of both backends, their statements and transactions.
    Database(sqlx::Error),
    /// The SQLite hot path's reader (rusqlite, the same bundled SQLite).
    Reader(rusqlite::Error),
    /// A stored value this server never writes (a damaged or foreign row).
    Undecodable {
        /// What the value should have been (`session kind`).
        what: &'static str,
        /// The value found.
        value: String,
    },
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::Database(error)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Reader(error)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// The error for a stored value that is not one this server writes.
    pub(crate) fn undecodable(what: &'static str, value: &str) -> StoreError {
        StoreError::Undecodable {
            what,
            value: value.chars().take(40).collect(),
        }
    }

    /// The failure in words that carry no SQL, path or credential: enough for an
    /// operator's log line, nothing that leaks. A database's own message (`role "nobody"
    /// does not exist`) is kept, cut to one short line of printable text; this server's
    /// statements never put a submitted value where PostgreSQL or SQLite would quote it.
    pub fn describe(&self) -> String {
        match self {
            StoreError::Database(error) => describe_sqlx(error),
            StoreError::Reader(error) => match error.sqlite_error_code() {
                Some(code) => format!("SQLite read failed: {code:?}"),
                None => "SQLite read failed".into(),
            },
            StoreError::Undecodable { what, value } => {
                format!("stored {what} {value:?} is not one this server knows")
            }
        }
    }

    /// True when the failure means the database cannot be reached right now (answer
    /// 503), rather than a fault in this request.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Database(error) => sqlx_unavailable(error),
            // Busy or locked after the busy timeout, or a file that cannot be opened.
            StoreError::Reader(error) => {
                use rusqlite::ErrorCode::{CannotOpen, DatabaseBusy, DatabaseLocked};
                matches!(
                    error.sqlite_error_code(),
                    Some(DatabaseBusy | DatabaseLocked | CannotOpen)
                )
            }
            StoreError::Undecodable { .. } => false,
        }
    }

    /// True when a statement broke a unique constraint (an email taken, a code used).
    pub(crate) fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

/// sqlx's error in words (see [`StoreError::describe`]).
pub(super) fn describe_sqlx(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(e) => {
            let message: String = e
                .message()
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .take(200)
                .collect();
            match e.code() {
                Some(code) => format!("{message} (code {code})"),
                None => message,
            }
        }
        sqlx::Error::PoolTimedOut => {
            "timed out waiting for a database connection (is the database up?)".into()
        }
        sqlx::Error::Io(e) => match e.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            _ => format!("I/O error: {e}"),
        },
        sqlx::Error::Configuration(_) => "the database URL is not valid".into(),
        sqlx::Error::Tls(_) => "TLS error talking to the database".into(),
        sqlx::Error::Protocol(_) => "the database answered unexpectedly".into(),
        other => format!("{:?}", std::mem::discriminant(other))
            .replace("Discriminant", "database failure "),
    }
}

/// Whether sqlx's error means the database is away (see [`StoreError::is_unavailable`]).
fn sqlx_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_) => true,
        // PostgreSQL's connection exceptions (class 08), a database that is gone (3D000),
        // and a server shutting down or starting up (57P01 to 57P03); SQLite's "busy"
        // (5) and "locked" (6) once the busy timeout has run out.
        sqlx::Error::Database(e) => e.code().is_some_and(|code| {
            code.starts_with("08")
                || code == "3D000"
                || code.starts_with("57P0")
                || code == "5"
                || code == "6"
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_reader_is_unavailable_and_a_damaged_row_is_a_fault() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked: SELECT secret FROM x".into()),
        );
        let busy = StoreError::from(busy);
        assert!(busy.is_unavailable());
        assert!(!busy.describe().contains("SELECT"), "{}", busy.describe());
        let damaged = StoreError::undecodable("session kind", &"phone".repeat(100));
        assert!(!damaged.is_unavailable());
        assert!(damaged.describe().len() < 100, "{}", damaged.describe());
        assert!(StoreError::from(sqlx::Error::PoolTimedOut).is_unavailable());
    }
}
