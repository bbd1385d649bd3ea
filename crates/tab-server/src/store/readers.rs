//! The SQLite reads of the hot path, run where the request runs.
//!
//! sqlx's SQLite driver hands every statement to a worker thread and back; for a read of
//! a handful of rows from the page cache that hand-off costs more than the read. Every
//! protected request reads its session row, so these reads go through a connection owned
//! by the current thread (rusqlite, same bundled SQLite), with statements prepared once
//! and cached. Writes stay on sqlx's worker threads, off the async workers: they take the
//! write lock and sync to disk.
//!
//! Nothing is cached but the statements: each read is its own read transaction on the WAL
//! database, so it sees every write committed before it began, from any connection or
//! process. A revoke takes effect on the very next request.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, ToSql};

use super::StoreError;

/// One reader connection per thread, opened on first use.
pub(super) struct Readers {
    path: PathBuf,
    connections: thread_local::ThreadLocal<RefCell<Connection>>,
}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readers").field("path", &self.path).finish()
    }
}

impl Readers {
    /// Readers of the SQLite file at `path` (which sqlx has opened and migrated).
    pub(super) fn new(path: &Path) -> Readers {
        Readers {
            path: path.to_path_buf(),
            connections: thread_local::ThreadLocal::new(),
        }
    }

    /// Runs `query` (a statement prepared once per thread) with named parameters
    /// (`$1`, `$2`, ... as in the sqlx statements) and maps every row.
    pub(super) fn rows<T>(
        &self,
        sql: &str,
        params: &[(&str, &dyn ToSql)],
        mut map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let cell = self
            .connections
            .get_or_try(|| open(&self.path).map(RefCell::new))?;
        // A connection serves one read at a time; no read awaits, so none overlaps.
        let connection = cell.borrow();
        let mut statement = connection.prepare_cached(sql)?;
        // A parameter the statement does not name (the sqlx statements leave some out,
        // depending on the query) is skipped rather than refused.
        for (name, value) in params {
            if let Some(index) = statement.parameter_index(name)? {
                statement.raw_bind_parameter(index, value)?;
            }
        }
        let mut rows = Vec::new();
        let mut cursor = statement.raw_query();
        while let Some(row) = cursor.next()? {
            rows.push(map(row)?);
        }
        Ok(rows)
    }
}

/// A reader connection: the same file, read only in effect (`query_only`), waiting up to
/// 10 s for a writer's lock like the sqlx connections.
fn open(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.busy_timeout(Duration::from_secs(10))?;
    connection.pragma_update(None, "query_only", true)?;
    connection.set_prepared_statement_cache_capacity(32);
    Ok(connection)
}
