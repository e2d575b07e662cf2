//! Persistence for lotse over embedded SQLite and PostgreSQL, with one code path.
//!
//! - [`Db`] holds the pools of one backend; every query is one SQL text that runs on
//!   both (`$1` placeholders, `RETURNING`, `ON CONFLICT`), dispatched by the
//!   [`on_reader!`] and [`on_writer!`] macros, which expand the same body once per
//!   backend.
//! - Migrations live in `migrations/sqlite` and `migrations/postgres`, kept in step by
//!   a parity test, and are applied on start and by `lotse migrate`.
//! - One module per area, named as in every layer: [`catalogue`] (with
//!   [`catalogue_index`], the live catalogue in memory), [`booking`], [`accounts`]
//!   (people, sessions and tokens, links, companies, audit, DSGVO export and erasure),
//!   [`assessment`], [`qualifications`] (frozen versions, completions), [`credentials`]
//!   (signing keys, issued credentials, status lists), [`documents`] (templates staff
//!   changed), [`reporting`] (the facts behind the funder's figures), [`webhooks`],
//!   [`search`]; [`acting`] reads who acts in a request,
//!   [`outbox`] queues mail, [`backup`] writes and restores portable archives,
//!   [`calendar`] reads calendar entries, [`retention`] purges what is kept no longer,
//!   [`demo`] loads the demo center.
//!
//! SQLite runs in WAL mode with foreign keys on and a busy timeout; all writes go
//! through a pool of exactly one connection, so writers queue in-process instead of
//! failing with `SQLITE_BUSY`. Readers use a separate read-only pool.

pub mod accounts;
pub mod acting;
pub mod assessment;
pub mod backup;
pub mod booking;
pub mod calendar;
pub mod catalogue;
pub mod catalogue_index;
pub mod credentials;
pub mod demo;
pub mod documents;
pub mod evaluations;
pub mod outbox;
pub mod qualifications;
pub mod reporting;
pub mod retention;
pub mod search;
pub mod webhooks;

use booking::BookingLane;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL names a scheme lotse does not support.
    #[error("unsupported database URL scheme in {0}: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnknownScheme(String),
    /// The database could not be reached or opened.
    #[error("cannot open database {url}: {source}")]
    Connect {
        /// The URL with any password removed.
        url: String,
        /// Why.
        source: sqlx::Error,
    },
    /// The folder for a SQLite file could not be created.
    #[error("cannot create the folder {path} for the database: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    /// Stored data broke a rule it was written under (for example after a hand edit).
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// The demo data could not be loaded.
    #[error("demo data: {0}")]
    Demo(String),
    /// The search index could not be built or asked.
    #[error("search: {0}")]
    Search(String),
}

/// Result of store operations.
pub type StoreResult<T> = Result<T, StoreError>;

/// Which database backs lotse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// The connection pools of one database.
#[derive(Debug, Clone)]
pub enum Db {
    /// Embedded SQLite: a read-only pool and a pool of exactly one writer.
    Sqlite {
        /// Read-only connections.
        read: SqlitePool,
        /// The single writer connection.
        write: SqlitePool,
        /// Bookings waiting for the writer, carried out together.
        lane: Arc<BookingLane>,
    },
    /// PostgreSQL: one pool for reads and writes.
    Postgres {
        /// Connections that read and write.
        pool: PgPool,
        /// Bookings waiting for a connection, carried out together.
        lane: Arc<BookingLane>,
    },
}

/// Runs `$body` with `$pool` bound to a pool that may read.
#[macro_export]
macro_rules! on_reader {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite { read, .. } => {
                let $pool = read;
                $body
            }
            $crate::Db::Postgres { pool: pg, .. } => {
                let $pool = pg;
                $body
            }
        }
    };
}

/// Runs `$body` with `$pool` bound to a pool that may write.
#[macro_export]
macro_rules! on_writer {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite { write, .. } => {
                let $pool = write;
                $body
            }
            $crate::Db::Postgres { pool: pg, .. } => {
                let $pool = pg;
                $body
            }
        }
    };
}

impl StoreError {
    /// Whether the database is away for the moment rather than a query wrong: no
    /// connection to be had, a connection lost, PostgreSQL shutting down or starting
    /// (SQLSTATE class 08, 57P01–57P03), SQLite busy past its timeout (codes 5, 517).
    /// Worth answering "try again shortly".
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Connect { .. } => true,
            StoreError::Query(q) => match q {
                sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::WorkerCrashed => true,
                sqlx::Error::Database(db) => db.code().is_some_and(|code| {
                    code.starts_with("08")
                        || matches!(code.as_ref(), "57P01" | "57P02" | "57P03" | "5" | "517")
                }),
                _ => false,
            },
            _ => false,
        }
    }
}

/// Removes the password from a database URL so it can be shown and logged.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            if userinfo.contains(':') {
                format!("{scheme}://{user}:***@{host}{path}")
            } else {
                format!("{scheme}://{user}@{host}{path}")
            }
        }
        None => url.to_owned(),
    }
}

/// Settings for opening a database.
#[derive(Debug, Clone)]
pub struct DbOptions {
    /// Most connections of a PostgreSQL pool, or of the SQLite read pool.
    pub max_connections: u32,
    /// How long to wait for a connection or a lock.
    pub acquire_timeout: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            max_connections: 8,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

impl Db {
    /// Opens the database at `url` (`sqlite://PATH` or `postgres://…`) without
    /// migrating it. A SQLite file and its folder are created when missing; any other
    /// scheme is refused.
    pub async fn connect(url: &str, options: &DbOptions) -> StoreResult<Self> {
        let shown = redact_url(url);
        let connect_error = |source| StoreError::Connect {
            url: shown.clone(),
            source,
        };
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let file = PathBuf::from(path.split('?').next().unwrap_or(path));
            if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
                    path: folder.display().to_string(),
                    source,
                })?;
            }
            let base = SqliteConnectOptions::from_str(url)
                .map_err(connect_error)?
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(options.acquire_timeout)
                // Read the file through a memory map: every connection shares the
                // operating system's page cache instead of copying pages into a small
                // cache of its own (a profile of the catalogue under load spent most
                // of its time in those copies; docs/performance.md).
                .pragma("mmap_size", "268435456");
            // The writer opens (and creates) the file first, so the WAL exists before
            // any read-only connection looks at it.
            // No health check before handing out a connection: a SQLite connection is
            // a local file that cannot drop, and the check cost a round trip to the
            // connection's worker thread per query (docs/performance.md, round 3).
            // The writer alone changes the file, so its page cache stays valid from
            // one transaction to the next: a larger cache, and a map over the whole
            // file, keep index pages in memory where bookings would otherwise read
            // them with a system call each (round 4).
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .acquire_timeout(options.acquire_timeout)
                .connect_with(
                    base.clone()
                        .create_if_missing(true)
                        .pragma("cache_size", "-65536")
                        .pragma("mmap_size", "4294967296"),
                )
                .await
                .map_err(connect_error)?;
            let read = SqlitePoolOptions::new()
                .max_connections(options.max_connections.max(1))
                .test_before_acquire(false)
                .acquire_timeout(options.acquire_timeout)
                .connect_with(base.read_only(true))
                .await
                .map_err(connect_error)?;
            // One writer, so one transaction of bookings at a time.
            Ok(Db::Sqlite {
                read,
                write,
                lane: BookingLane::new(1),
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let connect = PgConnectOptions::from_str(url).map_err(connect_error)?;
            let pool = PgPoolOptions::new()
                .max_connections(options.max_connections.max(1))
                .acquire_timeout(options.acquire_timeout)
                .connect_with(connect)
                .await
                .map_err(connect_error)?;
            Ok(Db::postgres(pool))
        } else {
            Err(StoreError::UnknownScheme(shown))
        }
    }

    /// Opens PostgreSQL with explicit options, for example a `search_path` per test.
    pub async fn connect_postgres(
        connect: PgConnectOptions,
        options: &DbOptions,
    ) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(options.max_connections.max(1))
            .acquire_timeout(options.acquire_timeout)
            .connect_with(connect)
            .await
            .map_err(|source| StoreError::Connect {
                url: "postgres (explicit options)".into(),
                source,
            })?;
        Ok(Db::postgres(pool))
    }

    /// A database over an open PostgreSQL pool. Two transactions of bookings run at
    /// once: while one waits for its commit the next one runs; more only wait for each
    /// other's session locks (docs/performance.md, round 5).
    pub fn postgres(pool: PgPool) -> Self {
        Db::Postgres {
            pool,
            lane: BookingLane::new(2),
        }
    }

    /// The queue where bookings wait to be carried out together.
    pub(crate) fn booking_lane(&self) -> &Arc<BookingLane> {
        match self {
            Db::Sqlite { lane, .. } | Db::Postgres { lane, .. } => lane,
        }
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres { .. } => Backend::Postgres,
        }
    }

    /// Applies every migration not applied yet.
    pub async fn migrate(&self) -> StoreResult<()> {
        match self {
            Db::Sqlite { write, .. } => sqlx::migrate!("./migrations/sqlite").run(write).await?,
            Db::Postgres { pool, .. } => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        let answer = on_reader!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await.map(|_| ())
        });
        answer.is_ok()
    }

    /// Connections in use and idle, per pool, for metrics.
    pub fn pool_stats(&self) -> Vec<PoolStats> {
        match self {
            Db::Sqlite { read, write, .. } => vec![
                PoolStats::new("sqlite_read", read.size(), read.num_idle()),
                PoolStats::new("sqlite_write", write.size(), write.num_idle()),
            ],
            Db::Postgres { pool, .. } => {
                vec![PoolStats::new("postgres", pool.size(), pool.num_idle())]
            }
        }
    }

    /// Closes every pool, waiting for connections in use to be returned.
    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write, .. } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres { pool, .. } => pool.close().await,
        }
    }
}

/// Size of one connection pool.
#[derive(Debug, Clone, Copy)]
pub struct PoolStats {
    /// The pool's name.
    pub name: &'static str,
    /// Open connections.
    pub size: u32,
    /// Idle connections.
    pub idle: u32,
}

impl PoolStats {
    fn new(name: &'static str, size: u32, idle: usize) -> Self {
        Self {
            name,
            size,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
        }
    }
}

/// Begins a transaction on `pool` in a task of its own, so that the `BEGIN` always
/// completes. sqlx 0.9.0 loses a PostgreSQL `BEGIN` whose future is dropped while it
/// waits for the answer (a request whose client went away): the connection goes back
/// to the pool inside a transaction nobody ends, and every later statement on it runs
/// in that transaction and holds its locks (transact-rs/sqlx#4393, fixed upstream
/// after 0.9.0; `tests/store.rs` checks both the fault and this way round it).
pub async fn begin<DB: sqlx::Database>(
    pool: &sqlx::Pool<DB>,
) -> Result<sqlx::Transaction<'static, DB>, sqlx::Error> {
    let pool = pool.clone();
    tokio::spawn(async move { pool.begin().await })
        .await
        .unwrap_or(Err(sqlx::Error::WorkerCrashed))
}

/// Parses a stored vocabulary key; a bad one means the database was edited by hand.
pub(crate) fn stored<T>(
    parse: fn(&str) -> Result<T, lotse_core::Invalid>,
    raw: &str,
) -> StoreResult<T> {
    parse(raw).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Converts stored epoch seconds to an instant.
pub(crate) fn instant(seconds: i64) -> StoreResult<jiff::Timestamp> {
    jiff::Timestamp::from_second(seconds).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The current instant in seconds since the epoch, as stored.
pub fn now_seconds() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_leave_a_redacted_url() {
        assert_eq!(
            redact_url("postgres://lotse:geheim@db.example:5432/lotse"),
            "postgres://lotse:***@db.example:5432/lotse"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
        assert_eq!(
            redact_url("sqlite://data/lotse.db"),
            "sqlite://data/lotse.db"
        );
    }

    #[tokio::test]
    async fn an_unknown_scheme_is_refused_and_creates_no_file() {
        let result = Db::connect("mysql://localhost/lotse", &DbOptions::default()).await;
        assert!(matches!(result, Err(StoreError::UnknownScheme(_))));
        let result = Db::connect("data/lotse.db", &DbOptions::default()).await;
        assert!(matches!(result, Err(StoreError::UnknownScheme(_))));
        assert!(!std::path::Path::new("data/lotse.db").exists());
    }
}
