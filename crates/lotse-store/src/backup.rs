//! Backups: every table of a database, read in one snapshot while lotse serves, and
//! the materials' files, in one portable file (a gzip-compressed tar archive); and the
//! way back into an empty database of either backend, all or nothing.
//!
//! The archive holds, in this order:
//! - `lotse-backup/manifest.json`: format, lotse version, schema version, source
//!   backend, each table's columns (name and portable kind), row count and SHA-256,
//!   and each material file's id, size and SHA-256;
//! - `lotse-backup/tables/<table>.jsonl`: one JSON array per row, values by kind
//!   (ids and bytes of SQLite as base64, PostgreSQL UUIDs as text, JSON as text);
//! - `lotse-backup/materials/<id>`: the files.
//!
//! Tables are found in the database itself (not listed here), so a new table is in
//! the next backup without anybody remembering it.

use crate::{Db, StoreError, on_reader};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{Column, Row, TypeInfo, ValueRef};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// What this version of lotse writes and reads.
pub const FORMAT: &str = "lotse-backup";
/// The layout of the archive; a reader refuses other versions.
pub const FORMAT_VERSION: u32 = 1;
const ROOT: &str = "lotse-backup";

/// Tables that triggers write to: restored last, after the rows the triggers wrote
/// while the other tables were restored are removed.
const TRIGGER_FILLED: [&str; 2] = ["webhook_events", "catalogue_version"];

/// A backup or restore that went wrong, said in one line.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    File {
        /// Which file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a lotse backup, of another format version, truncated or
    /// damaged.
    #[error("{0}")]
    Unusable(String),
    /// The target database already holds data.
    #[error("{0}")]
    NotEmpty(String),
}

impl From<sqlx::Error> for BackupError {
    fn from(e: sqlx::Error) -> Self {
        BackupError::Store(StoreError::Query(e))
    }
}

fn file_error(path: &Path) -> impl Fn(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::File {
        path: path.display().to_string(),
        source,
    }
}

fn damaged(what: impl std::fmt::Display) -> BackupError {
    BackupError::Unusable(format!(
        "the backup file is truncated or damaged ({what}); nothing was restored"
    ))
}

/// How a column's values travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A UUID (PostgreSQL `uuid`), as text.
    Uuid,
    /// Bytes (SQLite `BLOB`, which holds ids too; PostgreSQL `bytea`), as base64.
    Blob,
    /// A whole number.
    Int,
    /// A floating-point number.
    Real,
    /// Text.
    Text,
    /// True or false (SQLite stores 0 or 1).
    Bool,
    /// JSON (PostgreSQL `json`), as its text.
    Json,
}

impl Kind {
    fn of_sqlite(declared: &str) -> Kind {
        match declared.to_ascii_uppercase().as_str() {
            "BLOB" => Kind::Blob,
            "BIGINT" | "INTEGER" | "INT" | "SMALLINT" => Kind::Int,
            "REAL" | "DOUBLE PRECISION" | "DOUBLE" | "FLOAT" => Kind::Real,
            "BOOLEAN" => Kind::Bool,
            _ => Kind::Text,
        }
    }

    fn of_postgres(udt: &str) -> Kind {
        match udt {
            "uuid" => Kind::Uuid,
            "bytea" => Kind::Blob,
            "int2" | "int4" | "int8" => Kind::Int,
            "float4" | "float8" | "numeric" => Kind::Real,
            "bool" => Kind::Bool,
            "json" | "jsonb" => Kind::Json,
            _ => Kind::Text,
        }
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// Its name.
    pub name: String,
    /// How its values travel.
    pub kind: Kind,
}

/// A table as the manifest describes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableInfo {
    /// Its name.
    pub name: String,
    /// Its columns, in the order of the rows' values.
    pub columns: Vec<ColumnInfo>,
    /// How many rows.
    #[serde(default)]
    pub rows: u64,
    /// SHA-256 of its `.jsonl` entry, hex.
    #[serde(default)]
    pub sha256: String,
    /// Its primary key's columns: rows are written in this order, so that the same
    /// data makes the same file.
    #[serde(default)]
    pub key: Vec<String>,
}

/// A material's file as the manifest lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MaterialFile {
    /// The material's id (its file's name).
    pub id: Uuid,
    /// Bytes.
    pub size: u64,
    /// SHA-256, hex.
    pub sha256: String,
}

/// The first entry of a backup.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] of the writer.
    pub format_version: u32,
    /// The writer's lotse version.
    pub lotse_version: String,
    /// The newest migration applied to the source database.
    pub schema_version: i64,
    /// `sqlite` or `postgres`.
    pub source: String,
    /// When written (Unix seconds).
    pub created_at: i64,
    /// The tables, parents before children.
    pub tables: Vec<TableInfo>,
    /// The materials' files.
    pub materials: Vec<MaterialFile>,
    /// Materials whose file was missing when the backup was made.
    #[serde(default)]
    pub missing_materials: Vec<Uuid>,
}

/// Hears how far a backup, a restore or a move has come.
pub trait Progress: Sync {
    /// A new step begins: `reading` the source or `writing` the target.
    fn step(&self, _step: &'static str) {}
    /// `rows` rows of `table` are read or written so far (every few thousand).
    fn rows(&self, _table: &str, _rows: u64) {}
    /// `table` is complete with `rows` rows.
    fn table_done(&self, _table: &str, _rows: u64) {}
}

/// Progress that nobody hears.
pub struct Quiet;

impl Progress for Quiet {}

/// What a backup or restore did, for the command's last lines.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Tables with their row counts.
    pub tables: Vec<(String, u64)>,
    /// Material files and their bytes.
    pub files: u64,
    /// Bytes of material files.
    pub file_bytes: u64,
    /// Materials whose file was missing at the source.
    pub missing_files: Vec<Uuid>,
}

impl Summary {
    /// All rows.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// The newest migration applied to `db`.
pub async fn schema_version(db: &Db) -> Result<i64, BackupError> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(pool)
            .await?
            .unwrap_or_default()
    }))
}

/// The newest migration this build carries for `db`'s backend.
pub fn known_schema_version(db: &Db) -> i64 {
    let migrator = match db {
        Db::Sqlite { .. } => sqlx::migrate!("./migrations/sqlite"),
        Db::Postgres { .. } => sqlx::migrate!("./migrations/postgres"),
    };
    migrator.iter().map(|m| m.version).max().unwrap_or_default()
}

/// The tables of `db` with their columns, parents before the tables that refer to
/// them, the trigger-filled ones last.
pub async fn tables(db: &Db) -> Result<Vec<TableInfo>, BackupError> {
    let mut found: Vec<TableInfo> = Vec::new();
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    match db {
        Db::Sqlite { read, .. } => {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                   AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
            )
            .fetch_all(read)
            .await?;
            for name in names {
                let columns: Vec<(String, String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(
                    format!("SELECT name, type, pk FROM pragma_table_info('{name}') ORDER BY cid"),
                ))
                .fetch_all(read)
                .await?;
                let mut key: Vec<(i64, String)> = columns
                    .iter()
                    .filter(|c| c.2 > 0)
                    .map(|c| (c.2, c.0.clone()))
                    .collect();
                key.sort();
                let refs: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT \"table\" FROM pragma_foreign_key_list('{name}')"
                )))
                .fetch_all(read)
                .await?;
                parents.insert(name.clone(), refs.into_iter().collect());
                found.push(TableInfo {
                    columns: columns
                        .into_iter()
                        .map(|(name, declared, _)| ColumnInfo {
                            name,
                            kind: Kind::of_sqlite(&declared),
                        })
                        .collect(),
                    key: key.into_iter().map(|(_, c)| c).collect(),
                    name,
                    rows: 0,
                    sha256: String::new(),
                });
            }
        }
        Db::Postgres { pool, .. } => {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                   AND table_name <> '_sqlx_migrations' ORDER BY table_name",
            )
            .fetch_all(pool)
            .await?;
            let edges: Vec<(String, String)> = sqlx::query_as(
                "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
                 WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
            )
            .fetch_all(pool)
            .await?;
            for (child, parent) in edges {
                parents.entry(child).or_default().insert(parent);
            }
            for name in names {
                let columns: Vec<(String, String)> = sqlx::query_as(
                    "SELECT column_name::text, udt_name::text FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = $1
                     ORDER BY ordinal_position",
                )
                .bind(&name)
                .fetch_all(pool)
                .await?;
                let key: Vec<String> = sqlx::query_scalar(
                    "SELECT a.attname::text FROM pg_index i
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                     WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary
                     ORDER BY array_position(i.indkey::int2[], a.attnum)",
                )
                .bind(&name)
                .fetch_all(pool)
                .await?;
                found.push(TableInfo {
                    key,
                    columns: columns
                        .into_iter()
                        .map(|(name, udt)| ColumnInfo {
                            name,
                            kind: Kind::of_postgres(&udt),
                        })
                        .collect(),
                    name,
                    rows: 0,
                    sha256: String::new(),
                });
            }
        }
    }
    Ok(in_restore_order(found, &parents))
}

/// Parents before children (by name where free to choose), trigger-filled tables last.
fn in_restore_order(
    mut tables: Vec<TableInfo>,
    parents: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<TableInfo> {
    let mut ordered = Vec::new();
    let mut placed: BTreeSet<String> = BTreeSet::new();
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    let (last, mut rest): (Vec<TableInfo>, Vec<TableInfo>) = tables
        .into_iter()
        .partition(|t| TRIGGER_FILLED.contains(&t.name.as_str()));
    while !rest.is_empty() {
        let ready = rest.iter().position(|t| {
            parents.get(&t.name).is_none_or(|ps| {
                ps.iter()
                    .all(|p| p == &t.name || placed.contains(p) || !names_any(&rest, p))
            })
        });
        // A cycle cannot be ordered; take the next table and let the database judge.
        let next = rest.remove(ready.unwrap_or(0));
        placed.insert(next.name.clone());
        ordered.push(next);
    }
    ordered.extend(last);
    ordered
}

fn names_any(tables: &[TableInfo], name: &str) -> bool {
    tables.iter().any(|t| t.name == name)
}

/// A value read from a row, ready to be written as JSON.
fn sqlite_value(row: &sqlx::sqlite::SqliteRow, i: usize) -> Result<serde_json::Value, sqlx::Error> {
    use serde_json::Value as J;
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(J::Null);
    }
    let type_name = raw.type_info().name().to_owned();
    Ok(match type_name.as_str() {
        "INTEGER" => J::from(row.try_get::<i64, _>(i)?),
        "REAL" => J::from(row.try_get::<f64, _>(i)?),
        "BLOB" => J::from(BASE64.encode(row.try_get::<Vec<u8>, _>(i)?)),
        _ => J::from(row.try_get::<String, _>(i)?),
    })
}

fn postgres_value(
    row: &sqlx::postgres::PgRow,
    i: usize,
    kind: Kind,
) -> Result<serde_json::Value, sqlx::Error> {
    use serde_json::Value as J;
    if row.try_get_raw(i)?.is_null() {
        return Ok(J::Null);
    }
    let type_name = row.column(i).type_info().name().to_owned();
    Ok(match (kind, type_name.as_str()) {
        (Kind::Uuid, _) => J::from(row.try_get::<Uuid, _>(i)?.to_string()),
        (Kind::Blob, _) => J::from(BASE64.encode(row.try_get::<Vec<u8>, _>(i)?)),
        (Kind::Int, "INT2") => J::from(row.try_get::<i16, _>(i)?),
        (Kind::Int, "INT4") => J::from(row.try_get::<i32, _>(i)?),
        (Kind::Int, _) => J::from(row.try_get::<i64, _>(i)?),
        (Kind::Real, "FLOAT4") => J::from(row.try_get::<f32, _>(i)?),
        (Kind::Real, _) => J::from(row.try_get::<f64, _>(i)?),
        (Kind::Bool, _) => J::from(row.try_get::<bool, _>(i)?),
        (Kind::Json | Kind::Text, _) => J::from(row.try_get::<String, _>(i)?),
    })
}

fn select_all(db: &Db, table: &TableInfo) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| match (db, c.kind) {
            // JSON arrives as its text, so that no JSON support is needed to read it.
            (Db::Postgres { .. }, Kind::Json) => format!("\"{}\"::text", c.name),
            _ => format!("\"{}\"", c.name),
        })
        .collect();
    let order = if table.key.is_empty() {
        // No key: every column, so the order is still the data's own.
        (1..=table.columns.len())
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
    } else {
        table.key.iter().map(|k| format!("\"{k}\"")).collect()
    };
    format!(
        "SELECT {} FROM \"{}\" ORDER BY {}",
        columns.join(", "),
        table.name,
        order.join(", ")
    )
}

/// Writes every row of `tables` to `<dir>/<table>.jsonl`, all read in one snapshot
/// (a read transaction: SQLite's WAL and PostgreSQL's repeatable read keep what
/// others write meanwhile out of it), and returns the tables with counts and
/// checksums and the materials' files as the snapshot lists them.
async fn dump_tables(
    db: &Db,
    mut tables: Vec<TableInfo>,
    dir: &Path,
    prints: Option<&mut BTreeMap<String, Fingerprint>>,
    progress: &dyn Progress,
) -> Result<(Vec<TableInfo>, Vec<(Uuid, Option<String>)>), BackupError> {
    let files: Vec<(Uuid, Option<String>)>;
    let mut prints = prints;
    macro_rules! dump {
        ($tx:expr, $value:expr) => {{
            for table in &mut tables {
                let path = dir.join(format!("{}.jsonl", table.name));
                let file = std::fs::File::create(&path).map_err(file_error(&path))?;
                let mut out = HashingWriter::new(BufWriter::with_capacity(1 << 20, file));
                let sql = select_all(db, table);
                let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *$tx);
                let mut count = 0u64;
                let mut values = Vec::with_capacity(table.columns.len());
                let kinds: Vec<Kind> = table.columns.iter().map(|c| c.kind).collect();
                let mut print = Fingerprint::default();
                while let Some(row) = rows.try_next().await? {
                    values.clear();
                    for (i, column) in table.columns.iter().enumerate() {
                        values.push($value(&row, i, column.kind)?);
                    }
                    if prints.is_some() {
                        print.add(&values, &kinds);
                    }
                    serde_json::to_writer(&mut out, &values)
                        .map_err(|e| file_error(&path)(e.into()))?;
                    out.write_all(b"\n").map_err(file_error(&path))?;
                    count += 1;
                    if count % 10_000 == 0 {
                        progress.rows(&table.name, count);
                    }
                }
                drop(rows);
                let (digest, mut inner) = out.finish();
                inner.flush().map_err(file_error(&path))?;
                table.rows = count;
                table.sha256 = digest;
                if let Some(prints) = prints.as_deref_mut() {
                    prints.insert(table.name.clone(), print);
                }
                progress.table_done(&table.name, count);
            }
            files = sqlx::query_as::<_, (Uuid, Option<String>)>(
                "SELECT id, sha256 FROM materials WHERE file_name IS NOT NULL ORDER BY id",
            )
            .fetch_all(&mut *$tx)
            .await?;
        }};
    }
    match db {
        Db::Sqlite { read, .. } => {
            let mut tx = read.begin().await?;
            dump!(tx, |row: &sqlx::sqlite::SqliteRow, i, _kind| sqlite_value(
                row, i
            ));
            tx.commit().await?;
        }
        Db::Postgres { pool, .. } => {
            let mut tx = pool.begin().await?;
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
            dump!(tx, |row: &sqlx::postgres::PgRow, i, kind| postgres_value(
                row, i, kind
            ));
            tx.commit().await?;
        }
    }
    Ok((tables, files))
}

/// A writer that hashes what passes through it.
struct HashingWriter<W: Write> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> HashingWriter<W> {
    fn new(inner: W) -> Self {
        Self {
            inner,
            hash: Sha256::new(),
        }
    }

    fn finish(self) -> (String, W) {
        (format!("{:x}", self.hash.finalize()), self.inner)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes a backup of `db` and of the files in `materials_dir` to `to`: written
/// beside it under a temporary name and renamed when complete, so `to` is never half
/// a backup. `progress` hears each table's rows as they are read.
pub async fn backup(
    db: &Db,
    materials_dir: &Path,
    to: &Path,
    progress: &dyn Progress,
) -> Result<Summary, BackupError> {
    let parent = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let work = parent.join(format!(
        ".{}.lotse-backup-{}",
        to.file_name().and_then(|n| n.to_str()).unwrap_or("backup"),
        Uuid::now_v7().simple()
    ));
    std::fs::create_dir_all(&work).map_err(file_error(&work))?;
    let result = write_backup(db, materials_dir, to, &work, progress).await;
    let _ = std::fs::remove_dir_all(&work);
    result
}

async fn write_backup(
    db: &Db,
    materials_dir: &Path,
    to: &Path,
    work: &Path,
    progress: &dyn Progress,
) -> Result<Summary, BackupError> {
    let schema_version = schema_version(db).await?;
    let tables = tables(db).await?;
    let (tables, listed) = dump_tables(db, tables, work, None, progress).await?;
    let mut summary = Summary {
        tables: tables.iter().map(|t| (t.name.clone(), t.rows)).collect(),
        ..Summary::default()
    };
    let mut materials = Vec::new();
    for (id, _) in &listed {
        let path = materials_dir.join(id.simple().to_string());
        match hash_file(&path) {
            Ok((size, sha256)) => {
                summary.files += 1;
                summary.file_bytes += size;
                materials.push(MaterialFile {
                    id: *id,
                    size,
                    sha256,
                });
            }
            // Removed after the snapshot (its row is gone now too), or lost before.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => summary.missing_files.push(*id),
            Err(e) => return Err(file_error(&path)(e)),
        }
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        lotse_version: env!("CARGO_PKG_VERSION").into(),
        schema_version,
        source: match db {
            Db::Sqlite { .. } => "sqlite".into(),
            Db::Postgres { .. } => "postgres".into(),
        },
        created_at: crate::now_seconds(),
        tables,
        materials,
        missing_materials: summary.missing_files.clone(),
    };
    let partial = to.with_extension("partial");
    let file = std::fs::File::create(&partial).map_err(file_error(&partial))?;
    let written = (|| -> std::io::Result<()> {
        let gz = flate2::write::GzEncoder::new(BufWriter::new(file), flate2::Compression::fast());
        let mut archive = tar::Builder::new(gz);
        let manifest_bytes = serde_json::to_vec_pretty(&manifest)?;
        append(
            &mut archive,
            &format!("{ROOT}/manifest.json"),
            &manifest_bytes,
        )?;
        for table in &manifest.tables {
            let path = work.join(format!("{}.jsonl", table.name));
            archive.append_path_with_name(&path, format!("{ROOT}/tables/{}.jsonl", table.name))?;
        }
        for m in &manifest.materials {
            let name = m.id.simple().to_string();
            archive.append_path_with_name(
                materials_dir.join(&name),
                format!("{ROOT}/materials/{name}"),
            )?;
        }
        let gz = archive.into_inner()?;
        let mut inner = gz.finish()?;
        inner.flush()?;
        inner.get_ref().sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(file_error(&partial)(e));
    }
    std::fs::rename(&partial, to).map_err(file_error(to))?;
    Ok(summary)
}

fn append<W: Write>(
    archive: &mut tar::Builder<W>,
    name: &str,
    bytes: &[u8],
) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o640);
    header.set_mtime(u64::try_from(crate::now_seconds()).unwrap_or_default());
    header.set_cksum();
    archive.append_data(&mut header, name, bytes)
}

fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut hash = Sha256::new();
    let size = std::io::copy(&mut file, &mut hash)?;
    Ok((size, format!("{:x}", hash.finalize())))
}

/// Whether `db` holds nothing but what migrations put there: no people, partners,
/// offerings or companies.
pub async fn is_empty(db: &Db) -> Result<bool, BackupError> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM partners)
                  + (SELECT COUNT(*) FROM offerings) + (SELECT COUNT(*) FROM companies)",
        )
        .fetch_one(pool)
        .await?
            == 0
    }))
}

/// Restores the backup `from` into `db`, which must be migrated and empty, and its
/// files into `materials_dir`. Everything goes in one transaction: a file of another
/// format or schema, a truncated or damaged file (every entry's checksum is checked
/// before the commit) leaves the database as it was and removes the files written.
pub async fn restore(
    db: &Db,
    materials_dir: &Path,
    from: &Path,
    progress: &dyn Progress,
) -> Result<Summary, BackupError> {
    if !is_empty(db).await? {
        return Err(BackupError::NotEmpty(
            "the target database is not empty (it has people, partners, offerings or companies); restore only into a new database"
                .into(),
        ));
    }
    let file = std::fs::File::open(from).map_err(file_error(from))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(BufReader::new(file)));
    let mut entries = archive.entries().map_err(damaged)?;
    let manifest: Manifest = {
        let mut first = entries
            .next()
            .ok_or_else(|| damaged("no entries"))?
            .map_err(|_| {
                BackupError::Unusable(format!(
                    "{} is not a lotse backup (not a gzip-compressed tar archive)",
                    from.display()
                ))
            })?;
        let name = first
            .path()
            .map_err(damaged)?
            .to_string_lossy()
            .into_owned();
        if name != format!("{ROOT}/manifest.json") {
            return Err(BackupError::Unusable(format!(
                "{} is not a lotse backup (its first entry is {name})",
                from.display()
            )));
        }
        let mut text = Vec::new();
        first.read_to_end(&mut text).map_err(damaged)?;
        serde_json::from_slice(&text).map_err(|e| damaged(format!("manifest: {e}")))?
    };
    if manifest.format != FORMAT || manifest.format_version != FORMAT_VERSION {
        return Err(BackupError::Unusable(format!(
            "{} is a backup of format {} version {}; this lotse ({}) reads version {FORMAT_VERSION}",
            from.display(),
            manifest.format,
            manifest.format_version,
            env!("CARGO_PKG_VERSION")
        )));
    }
    let ours = schema_version(db).await?;
    if manifest.schema_version != ours {
        return Err(BackupError::Unusable(format!(
            "{} was made by lotse {} at schema version {}; this database is at {ours}: restore it with the same lotse version, then upgrade",
            from.display(),
            manifest.lotse_version,
            manifest.schema_version
        )));
    }
    let targets = matching_targets(db, &manifest.tables).await?;
    std::fs::create_dir_all(materials_dir).map_err(file_error(materials_dir))?;
    let mut written_files: Vec<PathBuf> = Vec::new();
    let mut source = Entries {
        entries: &mut entries,
        manifest: &manifest,
        materials_dir,
        written: &mut written_files,
        files: 0,
        file_bytes: 0,
    };
    let result = write_tables(db, &manifest.tables, &targets, &mut source, None, progress).await;
    let (files, file_bytes) = (source.files, source.file_bytes);
    match result {
        Ok(tables) => Ok(Summary {
            tables,
            files,
            file_bytes,
            missing_files: manifest.missing_materials.clone(),
        }),
        Err(e) => {
            for path in written_files {
                let _ = std::fs::remove_file(path);
            }
            Err(e)
        }
    }
}

/// Where the rows to write come from: a backup's entries, or the files of a move.
trait TableSource {
    /// The rows of `table`, as a backup writes them.
    fn open(&mut self, table: &TableInfo) -> Result<Box<dyn BufRead + '_>, BackupError>;
    /// Called after the last table, before the commit.
    fn before_commit(&mut self) -> Result<(), BackupError> {
        Ok(())
    }
}

/// A backup's entries after its manifest, and where its files go.
struct Entries<'a, 'b, R: Read> {
    entries: &'a mut tar::Entries<'b, R>,
    manifest: &'a Manifest,
    materials_dir: &'a Path,
    written: &'a mut Vec<PathBuf>,
    files: u64,
    file_bytes: u64,
}

impl<R: Read> TableSource for Entries<'_, '_, R> {
    fn open(&mut self, table: &TableInfo) -> Result<Box<dyn BufRead + '_>, BackupError> {
        let entry = self
            .entries
            .next()
            .ok_or_else(|| damaged(format!("table {} missing", table.name)))?
            .map_err(damaged)?;
        let name = entry
            .path()
            .map_err(damaged)?
            .to_string_lossy()
            .into_owned();
        if name != format!("{ROOT}/tables/{}.jsonl", table.name) {
            return Err(damaged(format!(
                "expected table {}, found {name}",
                table.name
            )));
        }
        Ok(Box::new(BufReader::with_capacity(1 << 20, entry)))
    }

    fn before_commit(&mut self) -> Result<(), BackupError> {
        for m in &self.manifest.materials {
            let mut entry = self
                .entries
                .next()
                .ok_or_else(|| damaged(format!("material {} missing", m.id)))?
                .map_err(damaged)?;
            let path = self.materials_dir.join(m.id.simple().to_string());
            let mut out =
                HashingWriter::new(std::fs::File::create(&path).map_err(file_error(&path))?);
            self.written.push(path.clone());
            std::io::copy(&mut entry, &mut out).map_err(damaged)?;
            let (digest, file) = out.finish();
            file.sync_all().map_err(file_error(&path))?;
            if digest != m.sha256 {
                return Err(damaged(format!(
                    "material {} does not match its checksum",
                    m.id
                )));
            }
            self.files += 1;
            self.file_bytes += m.size;
        }
        Ok(())
    }
}

/// The `.jsonl` files a move read from its source.
struct Files<'a>(&'a Path);

impl TableSource for Files<'_> {
    fn open(&mut self, table: &TableInfo) -> Result<Box<dyn BufRead + '_>, BackupError> {
        let path = self.0.join(format!("{}.jsonl", table.name));
        let file = std::fs::File::open(&path).map_err(file_error(&path))?;
        Ok(Box::new(BufReader::with_capacity(1 << 20, file)))
    }
}

/// A table's content regardless of backend and row order: its row count and the
/// wrapping sum of its rows' SHA-256 (first eight bytes), each row written with ids
/// and bytes as base64 and booleans as 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fingerprint {
    /// Rows.
    pub rows: u64,
    /// The sum.
    pub sum: u64,
}

impl Fingerprint {
    fn add(&mut self, values: &[serde_json::Value], kinds: &[Kind]) {
        let canonical: Vec<serde_json::Value> = values
            .iter()
            .zip(kinds)
            .map(|(v, k)| canonical(v, *k))
            .collect();
        let digest = Sha256::digest(serde_json::to_vec(&canonical).unwrap_or_default());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        self.rows += 1;
        self.sum = self.sum.wrapping_add(u64::from_le_bytes(first));
    }
}

fn canonical(value: &serde_json::Value, kind: Kind) -> serde_json::Value {
    use serde_json::Value as J;
    // Bytes (and SQLite's ids) already travel as base64; PostgreSQL's ids become the
    // base64 of their bytes, so both backends write the same.
    match (value, kind) {
        (J::String(s), Kind::Uuid) => s
            .parse::<Uuid>()
            .map_or_else(|_| value.clone(), |u| J::from(BASE64.encode(u.as_bytes()))),
        (J::Bool(b), _) => J::from(i64::from(*b)),
        _ => value.clone(),
    }
}

/// PostgreSQL's secondary indexes and foreign keys of the current schema, as pairs of
/// a statement that drops one and a statement that creates it again: the plain
/// indexes first (a constraint's own index stays), then the foreign keys, so that the
/// keys are added back after the indexes that speed their check.
const REBUILT_AFTER_LOAD: &str = "
    SELECT drop_sql, create_sql FROM (
        SELECT 1 AS step, c.relname AS name,
               format('DROP INDEX %s', i.indexrelid::regclass) AS drop_sql,
               pg_get_indexdef(i.indexrelid) AS create_sql
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema()
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        UNION ALL
        SELECT 2, k.conname,
               format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname),
               format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname,
                      pg_get_constraintdef(k.oid))
        FROM pg_constraint k
        JOIN pg_namespace n ON n.oid = k.connamespace
        WHERE n.nspname = current_schema() AND k.contype = 'f'
    ) AS rebuilt
    ORDER BY step, name";

/// Writes every table of `tables` from `source` into `db`, which must be migrated and
/// empty, in one transaction: seeded rows make way, trigger-filled tables are emptied
/// before theirs, each table's checksum and count must match, and with `expected` the
/// tables as written must have those fingerprints, read back inside the transaction.
/// Nothing is committed otherwise.
async fn write_tables(
    db: &Db,
    tables: &[TableInfo],
    targets: &BTreeMap<String, TableInfo>,
    source: &mut dyn TableSource,
    expected: Option<&BTreeMap<String, Fingerprint>>,
    progress: &dyn Progress,
) -> Result<Vec<(String, u64)>, BackupError> {
    let mut written = Vec::new();
    macro_rules! write_with {
        ($pool:expr, $insert:ident, $value:expr, $after:expr) => {{
            let mut tx = $pool.begin().await?;
            // The rows are history, not new events: no trigger fires while they are
            // written (a million registrations would queue a million webhook events,
            // and take twice as long). SQLite has no switch, so its triggers are
            // dropped and created again in the same transaction; PostgreSQL's user
            // triggers are disabled (its foreign keys stay checked).
            let sqlite = matches!(db, Db::Sqlite { .. });
            let triggers: Vec<(String, String)> = if sqlite {
                sqlx::query_as(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
                )
                .fetch_all(&mut *tx)
                .await?
            } else {
                Vec::new()
            };
            for (name, _) in &triggers {
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP TRIGGER \"{name}\"")))
                    .execute(&mut *tx)
                    .await?;
            }
            if !sqlite {
                for table in tables {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "ALTER TABLE \"{}\" DISABLE TRIGGER USER",
                        table.name
                    )))
                    .execute(&mut *tx)
                    .await?;
                }
            }
            // PostgreSQL: a million rows go in faster into tables without their
            // secondary indexes and foreign keys; both come back below, built and
            // checked once over the whole table, in the same transaction.
            let rebuilt: Vec<String> = if sqlite {
                Vec::new()
            } else {
                let (drop, create): (Vec<String>, Vec<String>) = sqlx::query_as(REBUILT_AFTER_LOAD)
                    .fetch_all(&mut *tx)
                    .await?
                    .into_iter()
                    .unzip();
                for statement in drop {
                    sqlx::query(sqlx::AssertSqlSafe(statement)).execute(&mut *tx).await?;
                }
                create
            };
            // What migrations seeded (counties, the catalogue version) makes way;
            // children first.
            for table in tables.iter().rev() {
                sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM \"{}\"", table.name)))
                    .execute(&mut *tx)
                    .await?;
            }
            for table in tables {
                if TRIGGER_FILLED.contains(&table.name.as_str()) {
                    sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM \"{}\"", table.name)))
                        .execute(&mut *tx)
                        .await?;
                }
                let target = &targets[&table.name];
                let mut reader = HashingReader::new(source.open(table)?);
                let count = $insert(&mut tx, table, target, &mut reader, progress).await?;
                let (digest, _) = reader.finish();
                if digest != table.sha256 || count != table.rows {
                    return Err(damaged(format!("table {} does not match its checksum", table.name)));
                }
                written.push((table.name.clone(), count));
                progress.table_done(&table.name, count);
            }
            if !rebuilt.is_empty() {
                sqlx::query("SET LOCAL maintenance_work_mem = '256MB'")
                    .execute(&mut *tx)
                    .await?;
            }
            for statement in rebuilt {
                sqlx::query(sqlx::AssertSqlSafe(statement)).execute(&mut *tx).await?;
            }
            if let Some(expected) = expected {
                for table in tables {
                    // The source's column names with the target's kinds.
                    let target = &targets[&table.name];
                    let read_back = TableInfo {
                        columns: table
                            .columns
                            .iter()
                            .map(|c| ColumnInfo {
                                name: c.name.clone(),
                                kind: target_kind(c, target),
                            })
                            .collect(),
                        ..target.clone()
                    };
                    let kinds: Vec<Kind> = read_back.columns.iter().map(|c| c.kind).collect();
                    let mut print = Fingerprint::default();
                    let mut rows = sqlx::query(sqlx::AssertSqlSafe(select_all(db, &read_back))).fetch(&mut *tx);
                    let mut values = Vec::with_capacity(kinds.len());
                    while let Some(row) = rows.try_next().await? {
                        values.clear();
                        for (i, kind) in kinds.iter().enumerate() {
                            values.push($value(&row, i, *kind)?);
                        }
                        print.add(&values, &kinds);
                    }
                    drop(rows);
                    if expected.get(&table.name) != Some(&print) {
                        return Err(BackupError::Unusable(format!(
                            "table {} differs after writing ({} rows expected, {} written); nothing was committed",
                            table.name,
                            expected.get(&table.name).map_or(0, |f| f.rows),
                            print.rows
                        )));
                    }
                }
            }
            for (_, sql) in &triggers {
                sqlx::query(sqlx::AssertSqlSafe(sql.clone())).execute(&mut *tx).await?;
            }
            if !sqlite {
                for table in tables {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "ALTER TABLE \"{}\" ENABLE TRIGGER USER",
                        table.name
                    )))
                    .execute(&mut *tx)
                    .await?;
                }
            }
            source.before_commit()?;
            let after: Option<&'static str> = $after;
            if let Some(sql) = after {
                sqlx::query(sql).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }};
    }
    match db {
        // SQLite moves AUTOINCREMENT counters on by itself.
        Db::Sqlite { write, .. } => write_with!(
            write,
            insert_sqlite,
            |row: &sqlx::sqlite::SqliteRow, i, _kind| sqlite_value(row, i),
            None
        ),
        // Serial columns count on from the highest id written.
        Db::Postgres { pool, .. } => write_with!(
            pool,
            insert_postgres,
            |row: &sqlx::postgres::PgRow, i, kind| postgres_value(row, i, kind),
            Some(
                "SELECT setval(pg_get_serial_sequence('webhook_events', 'id'),
                               COALESCE((SELECT MAX(id) FROM webhook_events), 0) + 1, false)"
            )
        ),
    }
    Ok(written)
}

/// Checks that every table and column of `tables` exists in `db` and returns `db`'s
/// tables by name.
async fn matching_targets(
    db: &Db,
    tables: &[TableInfo],
) -> Result<BTreeMap<String, TableInfo>, BackupError> {
    let targets: BTreeMap<String, TableInfo> = self::tables(db)
        .await?
        .into_iter()
        .map(|t| (t.name.clone(), t))
        .collect();
    for table in tables {
        let Some(target) = targets.get(&table.name) else {
            return Err(damaged(format!(
                "table {} is not in this schema",
                table.name
            )));
        };
        for c in &table.columns {
            if !target.columns.iter().any(|t| t.name == c.name) {
                return Err(damaged(format!(
                    "column {}.{} is not in this schema",
                    table.name, c.name
                )));
            }
        }
    }
    Ok(targets)
}

/// What a move did.
#[derive(Debug, Clone, Default)]
pub struct Moved {
    /// Tables with their fingerprints, equal on both sides.
    pub tables: Vec<(String, Fingerprint)>,
}

/// Moves every row of `source` (read in one snapshot, so lotse may keep serving it)
/// into `target`, which must be empty and at the same schema version, in one
/// transaction that commits only when every table's row count and fingerprint read
/// back from the target equal the source's. `work` holds the snapshot meanwhile.
/// The materials' files stay where they are.
pub async fn move_data(
    source: &Db,
    target: &Db,
    work: &Path,
    progress: &dyn Progress,
) -> Result<Moved, BackupError> {
    if !is_empty(target).await? {
        return Err(BackupError::NotEmpty(
            "the target database is not empty (it has people, partners, offerings or companies); move only into a new database"
                .into(),
        ));
    }
    let (theirs, ours) = (schema_version(source).await?, schema_version(target).await?);
    if theirs != ours {
        return Err(BackupError::Unusable(format!(
            "the source database is at schema version {theirs}, the target at {ours}: run lotse migrate on the source first"
        )));
    }
    std::fs::create_dir_all(work).map_err(file_error(work))?;
    progress.step("read");
    // The source's fingerprints are taken from the rows as they are read.
    let mut expected = BTreeMap::new();
    let (tables, _) = dump_tables(
        source,
        self::tables(source).await?,
        work,
        Some(&mut expected),
        progress,
    )
    .await?;
    let targets = matching_targets(target, &tables).await?;
    progress.step("written");
    write_tables(
        target,
        &tables,
        &targets,
        &mut Files(work),
        Some(&expected),
        progress,
    )
    .await?;
    Ok(Moved {
        tables: tables
            .iter()
            .map(|t| (t.name.clone(), expected[&t.name]))
            .collect(),
    })
}

/// A reader that hashes what passes through it.
struct HashingReader<R: Read> {
    inner: R,
    hash: Sha256,
}

impl<R: Read> HashingReader<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            hash: Sha256::new(),
        }
    }

    fn finish(self) -> (String, R) {
        (format!("{:x}", self.hash.finalize()), self.inner)
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for HashingReader<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            self.hash.update(&buf[..amount.min(buf.len())]);
        }
        self.inner.consume(amount);
    }
}

/// One value of a backup, converted for a target column.
enum Bound {
    /// No value, typed as the column is (PostgreSQL refuses an untyped null there).
    Null(Kind),
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
    Uuid(Uuid),
    Bool(bool),
}

/// Converts `value`, written from a column of kind `from`, for a column of kind `to`.
fn convert(value: serde_json::Value, from: Kind, to: Kind) -> Result<Bound, String> {
    use serde_json::Value as J;
    let bytes = |s: &str| BASE64.decode(s).map_err(|e| format!("bad base64: {e}"));
    Ok(match (value, to) {
        (J::Null, to) => Bound::Null(to),
        (J::String(s), Kind::Uuid) if from == Kind::Blob => {
            Bound::Uuid(Uuid::from_slice(&bytes(&s)?).map_err(|e| format!("not an id: {e}"))?)
        }
        (J::String(s), Kind::Uuid) => {
            Bound::Uuid(s.parse().map_err(|e| format!("not an id: {e}"))?)
        }
        (J::String(s), Kind::Blob) if from == Kind::Uuid => Bound::Bytes(
            s.parse::<Uuid>()
                .map_err(|e| format!("not an id: {e}"))?
                .as_bytes()
                .to_vec(),
        ),
        (J::String(s), Kind::Blob) => Bound::Bytes(bytes(&s)?),
        (J::Bool(b), Kind::Bool) => Bound::Bool(b),
        (J::Bool(b), Kind::Int) => Bound::Int(i64::from(b)),
        (J::Number(n), Kind::Bool) => Bound::Bool(n.as_i64().unwrap_or_default() != 0),
        (J::Number(n), Kind::Real) => Bound::Real(n.as_f64().unwrap_or_default()),
        (J::Number(n), _) => match n.as_i64() {
            Some(i) => Bound::Int(i),
            None => Bound::Real(n.as_f64().unwrap_or_default()),
        },
        (J::String(s), _) => Bound::Text(s),
        (other, _) => return Err(format!("unexpected value {other}")),
    })
}

/// The kind `column` of a backup has in `target` (its own where the target lacks it).
fn target_kind(column: &ColumnInfo, target: &TableInfo) -> Kind {
    target
        .columns
        .iter()
        .find(|t| t.name == column.name)
        .map_or(column.kind, |t| t.kind)
}

/// The kinds of `table`'s columns in `target`, in `table`'s order.
fn target_kinds(table: &TableInfo, target: &TableInfo) -> Vec<Kind> {
    table
        .columns
        .iter()
        .map(|c| target_kind(c, target))
        .collect()
}

/// Rows per INSERT: many, but within `parameters` per statement.
fn batch_rows(columns: usize, parameters: usize) -> usize {
    (parameters / columns.max(1)).clamp(1, 1000)
}

/// Parameters per INSERT on SQLite: sqlx asks SQLite for every parameter's name, and
/// SQLite finds it by walking the statement's list, so a statement costs the square of
/// its parameters (10,000 took 77 % of a restore's time in `perf`).
const SQLITE_PARAMETERS: usize = 400;

fn insert_sql(table: &TableInfo, rows: usize) -> String {
    let names: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect();
    let width = table.columns.len();
    let groups: Vec<String> = (0..rows)
        .map(|r| {
            let params: Vec<String> = (0..width)
                .map(|c| format!("${}", r * width + c + 1))
                .collect();
            format!("({})", params.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO \"{}\" ({}) VALUES {}",
        table.name,
        names.join(", "),
        groups.join(", ")
    )
}

/// Reads one row from `reader`; `None` at the end.
fn next_row(
    reader: &mut impl BufRead,
    line: &mut String,
    table: &TableInfo,
    target_kinds: &[Kind],
) -> Result<Option<Vec<Bound>>, BackupError> {
    line.clear();
    if reader.read_line(line).map_err(damaged)? == 0 {
        return Ok(None);
    }
    let values: Vec<serde_json::Value> = serde_json::from_str(line.trim_end())
        .map_err(|e| damaged(format!("table {}: {e}", table.name)))?;
    if values.len() != table.columns.len() {
        return Err(damaged(format!(
            "table {}: a row of {} values",
            table.name,
            values.len()
        )));
    }
    values
        .into_iter()
        .zip(table.columns.iter().zip(target_kinds))
        .map(|(v, (c, to))| {
            convert(v, c.kind, *to).map_err(|e| damaged(format!("{}.{}: {e}", table.name, c.name)))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

macro_rules! insert_rows {
    ($name:ident, $db:ty, $parameters:expr) => {
        async fn $name(
            tx: &mut sqlx::Transaction<'_, $db>,
            table: &TableInfo,
            target: &TableInfo,
            reader: &mut impl BufRead,
            progress: &dyn Progress,
        ) -> Result<u64, BackupError> {
            let kinds = target_kinds(table, target);
            let per_batch = batch_rows(table.columns.len(), $parameters);
            let full_sql = insert_sql(table, per_batch);
            let mut line = String::new();
            let mut batch: Vec<Vec<Bound>> = Vec::with_capacity(per_batch);
            let mut count = 0u64;
            loop {
                let row = next_row(reader, &mut line, table, &kinds)?;
                let done = row.is_none();
                if let Some(row) = row {
                    batch.push(row);
                }
                if batch.len() == per_batch || (done && !batch.is_empty()) {
                    let sql = if batch.len() == per_batch {
                        full_sql.clone()
                    } else {
                        insert_sql(table, batch.len())
                    };
                    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for value in batch.drain(..).flatten() {
                        query = match value {
                            Bound::Null(Kind::Int) => query.bind(None::<i64>),
                            Bound::Null(Kind::Real) => query.bind(None::<f64>),
                            Bound::Null(Kind::Uuid) => query.bind(None::<Uuid>),
                            Bound::Null(Kind::Blob) => query.bind(None::<Vec<u8>>),
                            Bound::Null(Kind::Bool) => query.bind(None::<bool>),
                            Bound::Null(Kind::Text | Kind::Json) => query.bind(None::<String>),
                            Bound::Int(i) => query.bind(i),
                            Bound::Real(f) => query.bind(f),
                            Bound::Text(s) => query.bind(s),
                            Bound::Bytes(b) => query.bind(b),
                            Bound::Uuid(u) => query.bind(u),
                            Bound::Bool(b) => query.bind(b),
                        };
                    }
                    count += query.execute(&mut **tx).await?.rows_affected();
                    progress.rows(&table.name, count);
                }
                if done {
                    break;
                }
            }
            Ok(count)
        }
    };
}

insert_rows!(insert_sqlite, sqlx::Sqlite, SQLITE_PARAMETERS);
/// Writes a table into PostgreSQL with `COPY … FROM STDIN` (CSV), several times faster
/// than INSERT statements for a million rows.
async fn insert_postgres(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &TableInfo,
    target: &TableInfo,
    reader: &mut impl BufRead,
    progress: &dyn Progress,
) -> Result<u64, BackupError> {
    let kinds = target_kinds(table, target);
    let names: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect();
    let mut copy = tx
        .copy_in_raw(&format!(
            "COPY \"{}\" ({}) FROM STDIN WITH (FORMAT csv)",
            table.name,
            names.join(", ")
        ))
        .await?;
    let mut line = String::new();
    let mut buffer: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut count = 0u64;
    let written = async {
        while let Some(row) = next_row(reader, &mut line, table, &kinds)? {
            for (i, value) in row.into_iter().enumerate() {
                if i > 0 {
                    buffer.push(b',');
                }
                csv_field(&mut buffer, value);
            }
            buffer.push(b'\n');
            count += 1;
            if buffer.len() >= 1 << 20 {
                copy.send(std::mem::take(&mut buffer)).await?;
                progress.rows(&table.name, count);
            }
        }
        if !buffer.is_empty() {
            copy.send(buffer).await?;
        }
        Ok::<(), BackupError>(())
    }
    .await;
    if let Err(e) = written {
        let _ = copy.abort("lotse: the rows could not be read").await;
        return Err(e);
    }
    let copied = copy.finish().await?;
    progress.rows(&table.name, copied);
    Ok(copied)
}

/// One value as a field of PostgreSQL's CSV `COPY`: NULL unquoted and empty, text
/// always quoted (so an empty text is not NULL), bytes as `\\x` and hex.
fn csv_field(out: &mut Vec<u8>, value: Bound) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match value {
        Bound::Null(_) => {}
        Bound::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Bound::Real(f) => out.extend_from_slice(f.to_string().as_bytes()),
        Bound::Bool(b) => out.push(if b { b't' } else { b'f' }),
        Bound::Uuid(u) => out.extend_from_slice(u.hyphenated().to_string().as_bytes()),
        Bound::Bytes(bytes) => {
            out.extend_from_slice(b"\\x");
            for b in bytes {
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0x0f)]);
            }
        }
        Bound::Text(text) => {
            out.push(b'"');
            for b in text.bytes() {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        }
    }
}

/// Reads a backup's manifest without restoring anything.
pub fn read_manifest(from: &Path) -> Result<Manifest, BackupError> {
    let file = std::fs::File::open(from).map_err(file_error(from))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(BufReader::new(file)));
    let mut entries = archive.entries().map_err(damaged)?;
    let mut first = entries
        .next()
        .ok_or_else(|| damaged("no entries"))?
        .map_err(damaged)?;
    let mut text = Vec::new();
    first.read_to_end(&mut text).map_err(damaged)?;
    serde_json::from_slice(&text).map_err(|e| damaged(format!("manifest: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> TableInfo {
        TableInfo {
            name: name.into(),
            columns: Vec::new(),
            rows: 0,
            sha256: String::new(),
            key: Vec::new(),
        }
    }

    #[test]
    fn parents_come_before_children_and_trigger_tables_last() {
        let mut parents = BTreeMap::new();
        parents.insert(
            "registrations".to_owned(),
            BTreeSet::from(["sessions".to_owned(), "people".to_owned()]),
        );
        parents.insert(
            "sessions".to_owned(),
            BTreeSet::from(["offerings".to_owned()]),
        );
        let order: Vec<String> = in_restore_order(
            [
                "webhook_events",
                "registrations",
                "sessions",
                "people",
                "offerings",
                "catalogue_version",
            ]
            .map(table)
            .to_vec(),
            &parents,
        )
        .into_iter()
        .map(|t| t.name)
        .collect();
        assert_eq!(
            order,
            [
                "offerings",
                "people",
                "sessions",
                "registrations",
                "catalogue_version",
                "webhook_events"
            ]
        );
    }

    #[test]
    fn values_cross_between_the_backends() {
        let id = Uuid::now_v7();
        let from_sqlite = serde_json::Value::from(BASE64.encode(id.as_bytes()));
        assert!(
            matches!(convert(from_sqlite, Kind::Blob, Kind::Uuid), Ok(Bound::Uuid(u)) if u == id)
        );
        let from_postgres = serde_json::Value::from(id.to_string());
        assert!(
            matches!(convert(from_postgres, Kind::Uuid, Kind::Blob), Ok(Bound::Bytes(b)) if b == id.as_bytes())
        );
        assert!(matches!(
            convert(serde_json::json!(1), Kind::Int, Kind::Bool),
            Ok(Bound::Bool(true))
        ));
        assert!(matches!(
            convert(serde_json::json!(true), Kind::Bool, Kind::Int),
            Ok(Bound::Int(1))
        ));
        assert!(convert(serde_json::json!("kein-id"), Kind::Text, Kind::Uuid).is_err());
        assert!(convert(serde_json::json!("%%%"), Kind::Blob, Kind::Blob).is_err());
    }

    #[test]
    fn fingerprints_see_the_same_rows_from_either_backend_and_notice_a_change() {
        let id = Uuid::now_v7();
        let mut sqlite = Fingerprint::default();
        sqlite.add(
            &[
                serde_json::json!(BASE64.encode(id.as_bytes())),
                serde_json::json!(1),
            ],
            &[Kind::Blob, Kind::Bool],
        );
        let mut postgres = Fingerprint::default();
        postgres.add(
            &[serde_json::json!(id.to_string()), serde_json::json!(true)],
            &[Kind::Uuid, Kind::Bool],
        );
        assert_eq!(sqlite, postgres);
        let mut other = Fingerprint::default();
        other.add(
            &[serde_json::json!(id.to_string()), serde_json::json!(false)],
            &[Kind::Uuid, Kind::Bool],
        );
        assert_ne!(sqlite, other);
        // The order of rows does not matter, their number does.
        let (a, b) = (serde_json::json!("a"), serde_json::json!("b"));
        let (mut ab, mut ba) = (Fingerprint::default(), Fingerprint::default());
        ab.add(std::slice::from_ref(&a), &[Kind::Text]);
        ab.add(std::slice::from_ref(&b), &[Kind::Text]);
        ba.add(std::slice::from_ref(&b), &[Kind::Text]);
        ba.add(std::slice::from_ref(&a), &[Kind::Text]);
        assert_eq!(ab, ba);
        ba.add(std::slice::from_ref(&a), &[Kind::Text]);
        assert_ne!(ab, ba);
    }

    #[test]
    fn copy_fields_keep_null_empty_quotes_and_bytes_apart() {
        let field = |b: Bound| {
            let mut out = Vec::new();
            csv_field(&mut out, b);
            String::from_utf8(out).unwrap_or_default()
        };
        assert_eq!(field(Bound::Null(Kind::Text)), "");
        assert_eq!(field(Bound::Text(String::new())), "\"\"");
        assert_eq!(
            field(Bound::Text("Sie sagte \"ja\",\nzweimal".into())),
            "\"Sie sagte \"\"ja\"\",\nzweimal\""
        );
        assert_eq!(field(Bound::Bytes(vec![0, 0xab, 0x10])), "\\x00ab10");
        assert_eq!(field(Bound::Bool(false)), "f");
        assert_eq!(field(Bound::Int(-7)), "-7");
    }

    #[test]
    fn inserts_stay_within_the_parameter_limits() {
        assert_eq!(batch_rows(10, SQLITE_PARAMETERS), 40);
        assert_eq!(batch_rows(500, SQLITE_PARAMETERS), 1);
        assert!(batch_rows(7, SQLITE_PARAMETERS) * 7 <= SQLITE_PARAMETERS);
    }
}
