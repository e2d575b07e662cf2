//! `lotse-seed`: fills an empty database with synthetic data at the scale given, the
//! same data for the same seed, and reports rows per second.

use anyhow::Context;
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use lotse_bench::synthetic::{Scale, generate};
use lotse_store::{Db, DbOptions};

/// Fills an empty lotse database with synthetic data.
#[derive(Debug, Parser)]
#[command(name = "lotse-seed", version)]
struct Args {
    /// Where: `sqlite://PATH` (created) or `postgres://…` (an empty database).
    #[arg(long, default_value = "sqlite://bench/lotse.db")]
    database_url: String,
    /// Offerings.
    #[arg(long, default_value_t = 10_000)]
    offerings: usize,
    /// People.
    #[arg(long, default_value_t = 100_000)]
    people: usize,
    /// Companies.
    #[arg(long, default_value_t = 20_000)]
    companies: usize,
    /// Registrations.
    #[arg(long, default_value_t = 1_000_000)]
    registrations: usize,
    /// People who get an API token `lotse_bench_NNNNNNNN` (for the booking load).
    #[arg(long, default_value_t = 20_000)]
    tokens: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let db = Db::connect(&args.database_url, &DbOptions::default())
        .await
        .with_context(|| format!("cannot open {}", args.database_url))?;
    db.migrate().await.context("migrations")?;
    // A throwaway benchmark database: a large page cache and no waiting for the disk
    // on commit make loading several times faster; nothing here needs to survive a
    // power cut.
    if let Db::Sqlite { write, .. } = &db {
        sqlx::query("PRAGMA cache_size = -262144")
            .execute(write)
            .await?;
        sqlx::query("PRAGMA synchronous = OFF")
            .execute(write)
            .await?;
    }
    let existing: i64 = lotse_store::on_reader!(&db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM offerings").fetch_one(pool).await?
    });
    anyhow::ensure!(
        existing == 0,
        "the database already holds {existing} offerings; lotse-seed fills empty ones only"
    );
    let scale = Scale {
        offerings: args.offerings,
        people: args.people,
        companies: args.companies,
        registrations: args.registrations,
        tokens: args.tokens.min(args.people),
        seed: args.seed,
    };
    // Roughly: offerings with topics and audiences, people with memberships, sessions.
    let estimate = (args.offerings * 4
        + args.people * 2
        + args.companies
        + args.registrations
        + args.registrations / 25
        + scale.tokens) as u64;
    let progress = ProgressBar::new(estimate);
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} rows {per_sec} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    // Secondary indexes are dropped during the load and built again at the end:
    // building an index from all rows at once is much faster than growing it row by
    // row in random order (SQLite; their definitions are read back from the schema).
    let indexes: Vec<(String, String)> = match &db {
        Db::Sqlite { write, .. } => {
            sqlx::query_as(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                   AND tbl_name IN ('registrations', 'sessions', 'memberships', 'offering_topics',
                                    'offering_audiences', 'people', 'companies', 'api_tokens')
                   AND sql NOT LIKE '%UNIQUE%'",
            )
            .fetch_all(write)
            .await?
        }
        Db::Postgres { .. } => Vec::new(),
    };
    if let Db::Sqlite { write, .. } = &db {
        for (name, _) in &indexes {
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX {name}")))
                .execute(write)
                .await?;
        }
    }
    let rows = generate(&db, &scale, &progress).await?;
    if let Db::Sqlite { write, .. } = &db {
        for (_, sql) in &indexes {
            sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .execute(write)
                .await?;
        }
        sqlx::query("ANALYZE").execute(write).await?;
    }
    // Without statistics PostgreSQL plans the funder aggregate for a few thousand
    // registrations and sorts on disk (1.2 s instead of 0.2 s); autovacuum would get
    // there only later.
    if let Db::Postgres { pool, .. } = &db {
        sqlx::query("ANALYZE").execute(pool).await?;
    }
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{rows} rows in {seconds:.1} s: {:.0} rows/s ({})",
        rows as f64 / seconds,
        args.database_url.split(':').next().unwrap_or("")
    );
    db.close().await;
    Ok(())
}
