//! Command line and settings: flags beat `LOTSE_*` environment variables beat the
//! TOML file beat defaults.

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// lotse — the platform of a digital-transformation competence center for SMEs.
#[derive(Debug, Parser)]
#[command(name = "lotse", version, about, long_about = None)]
pub struct Cli {
    /// A TOML file with further settings (flags and LOTSE_* variables win).
    #[arg(long, global = true, env = "LOTSE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Log format on stderr.
    #[arg(long, global = true, env = "LOTSE_LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (migrations are applied first).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DatabaseArgs),
    /// Administer people.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Write a consistent backup of the database and the materials' files while lotse
    /// serves (one gzip-compressed tar file, portable between SQLite and PostgreSQL).
    Backup(BackupArgs),
    /// Restore a backup into an empty database (all or nothing) and its files into the
    /// materials folder.
    Restore(RestoreArgs),
    /// Check configuration, database, schema version, materials, mail relay and disk
    /// space, and say what to fix; exit code 1 when something must be fixed.
    Doctor(DoctorArgs),
    /// Move everything from one database to another, empty one (SQLite to PostgreSQL
    /// or back), with a comparison of both before anything is committed.
    MoveData(MoveDataArgs),
    /// The center's signing keys for credentials.
    #[command(subcommand)]
    Keys(KeysCommand),
}

/// `keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create the first signing key (Ed25519) and print the did:key it issues under.
    Create(DatabaseArgs),
    /// Make a new signing key current; the old one retires and keeps verifying the
    /// credentials it signed.
    Rotate(DatabaseArgs),
}

/// Options of `doctor`: the settings `serve` would run with.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The mail relay to try, as for serve.
    #[arg(long, env = "LOTSE_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// The mail folder, as for serve.
    #[arg(long, env = "LOTSE_MAIL_DIR", value_name = "DIR")]
    pub mail_dir: Option<PathBuf>,
    /// The public address, as for serve.
    #[arg(long, env = "LOTSE_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Print the configuration reference (every setting with its variable, flag and
    /// default, in Markdown) and exit.
    #[arg(long)]
    pub reference: bool,
}

/// Options of `move-data`.
#[derive(Debug, Args)]
pub struct MoveDataArgs {
    /// The database to read (it may keep serving): sqlite://PATH or postgres://…
    #[arg(long, value_name = "URL")]
    pub from: String,
    /// The empty database to fill (migrated first).
    #[arg(long, value_name = "URL")]
    pub to: String,
}

/// Options of `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write; it appears only when complete.
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Options of `restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file to read.
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Administration commands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a confirmed account with a center role; the password is read from
    /// standard input (prompted for on a terminal).
    Create(AdminCreateArgs),
}

/// Options of `admin create`.
#[derive(Debug, Args)]
pub struct AdminCreateArgs {
    /// E-mail address of the new account.
    #[arg(long)]
    pub email: String,
    /// Display name [default: the part of the address before @]
    #[arg(long)]
    pub name: Option<String>,
    /// Center role: admin or staff.
    #[arg(long, default_value = "admin")]
    pub role: String,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Where the database is.
#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// sqlite://PATH or postgres://USER@HOST/DB [default: sqlite://data/lotse.db]
    #[arg(long, env = "LOTSE_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "LOTSE_BIND", value_name = "ADDR")]
    pub bind: Option<String>,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Load the demo center into an empty database.
    #[arg(long, env = "LOTSE_DEMO", value_parser = clap::builder::BoolishValueParser::new(), action = clap::ArgAction::SetTrue)]
    pub demo: bool,
    /// SMTP relay for mail: smtp://[user[:password]@]host[:port][?tls=starttls|opportunistic|none] or smtps://…; without it mails are written to the mail folder
    #[arg(long, env = "LOTSE_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// Folder for .eml files when no SMTP relay is set [default: ./data/mail]
    #[arg(long, env = "LOTSE_MAIL_DIR", value_name = "DIR")]
    pub mail_dir: Option<PathBuf>,
    /// Address people reach lotse at, for links in mails [default: http://BIND]
    #[arg(long, env = "LOTSE_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// One setting of the settings file as the configuration reference describes it.
#[derive(Debug, Clone, Copy)]
pub struct SettingDoc {
    /// The key in the TOML file.
    pub key: &'static str,
    /// The Rust type, for the kind of value.
    pub rust_type: &'static str,
    /// The environment variable that overrides it, if any.
    pub env: Option<&'static str>,
    /// The command-line flag that overrides both, if any.
    pub flag: Option<&'static str>,
    /// The default as a TOML value, or a description in parentheses.
    pub default: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// Declares the settings file's struct and its reference from one list, so that the
/// documentation (docs/configuration.md, compared by a test) cannot drift from what
/// is read.
macro_rules! file_settings {
    ($( $(#[doc = $doc:literal])+ $key:ident: $ty:ty, env $env:expr, flag $flag:expr, default $default:literal; )+) => {
        /// The settings file; unknown keys are refused so that typos do not go unnoticed.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct FileSettings {
            $( $key: Option<$ty>, )+
        }

        /// Every key of the settings file, in the order of the reference.
        pub const SETTINGS: &[SettingDoc] = &[
            $( SettingDoc {
                key: stringify!($key),
                rust_type: stringify!($ty),
                env: $env,
                flag: $flag,
                default: $default,
                doc: concat!($($doc, "\n"),+),
            }, )+
        ];
    };
}

file_settings! {
    /// Address and port to listen on.
    bind: String, env Some("LOTSE_BIND"), flag Some("--bind"), default "\"127.0.0.1:8080\"";
    /// The database: `sqlite://PATH` (created on first start) or
    /// `postgres://USER:PASSWORD@HOST/DB`.
    database_url: String, env Some("LOTSE_DATABASE_URL"), flag Some("--database-url"), default "\"sqlite://data/lotse.db\"";
    /// Load the demo center into an empty database.
    demo: bool, env Some("LOTSE_DEMO"), flag Some("--demo"), default "false";
    /// Log lines on standard error: `text` or `json` (one object per line).
    log_format: LogFormat, env Some("LOTSE_LOG_FORMAT"), flag Some("--log-format"), default "\"text\"";
    /// Database connections per process (PostgreSQL), readers (SQLite); 1 to 200.
    max_connections: u32, env None, flag None, default "8";
    /// Longest time a request may take before it is answered with 503; 1 to 600.
    request_timeout_seconds: u64, env None, flag None, default "30";
    /// Largest request body, in bytes (uploads of materials and imports have their
    /// own limits); 1024 to 67108864.
    body_limit_bytes: usize, env None, flag None, default "1048576";
    /// The mail relay: `smtp://[user[:password]@]host[:port][?tls=starttls|opportunistic|none]`
    /// (STARTTLS on 587 by default) or `smtps://…` (TLS, 465). Without it, mails are
    /// written as `.eml` files to `mail_dir`.
    smtp_url: String, env Some("LOTSE_SMTP_URL"), flag Some("--smtp-url"), default "(none)";
    /// The relay's password, kept out of the URL (so the URL may be shown in logs).
    smtp_password: String, env Some("LOTSE_SMTP_PASSWORD"), flag None, default "(none)";
    /// A PEM file of certificate authorities to trust for the relay, in addition to
    /// the system's (an internal relay with its own CA).
    smtp_ca_file: PathBuf, env Some("LOTSE_SMTP_CA_FILE"), flag None, default "(none)";
    /// Folder for `.eml` files when no relay is set.
    mail_dir: PathBuf, env Some("LOTSE_MAIL_DIR"), flag Some("--mail-dir"), default "\"data/mail\"";
    /// Sender of every mail.
    mail_from: String, env None, flag None, default "\"lotse <noreply@lotse.invalid>\"";
    /// The address people reach lotse at, for links in mails and feeds; an
    /// `https://` address also makes cookies `Secure`.
    public_url: String, env Some("LOTSE_PUBLIC_URL"), flag Some("--public-url"), default "(http:// and the bound address)";
    /// Always mark cookies `Secure`.
    secure_cookies: bool, env None, flag None, default "false";
    /// Minutes without a request after which a sign-in ends; 5 to 1440.
    session_idle_minutes: i64, env None, flag None, default "120";
    /// Hours after which a sign-in ends in any case; 1 to 2160.
    session_absolute_hours: i64, env None, flag None, default "168";
    /// Hours before a session's start from which tickets are checked in; 0 to 8760.
    checkin_opens_hours_before: i64, env Some("LOTSE_CHECKIN_OPENS_HOURS_BEFORE"), flag None, default "2";
    /// Minutes before an online session when participants get the mail with the
    /// join link; 1 to 1440.
    join_mail_minutes_before: u64, env Some("LOTSE_JOIN_MAIL_MINUTES_BEFORE"), flag None, default "30";
    /// A bearer token (16 characters or more) that opens `/metrics` to other
    /// machines; without it only loopback clients read it.
    metrics_token: String, env Some("LOTSE_METRICS_TOKEN"), flag None, default "(none)";
    /// Days sent mails are kept; 1 to 3650. A job purges, at start and hourly, what is
    /// older than its `keep_*` setting (`lotse_retention_purged_total` counts it; see
    /// docs/personal-data.md), and expired links, sign-ins and failed sign-ins.
    keep_sent_mail_days: i64, env None, flag None, default "30";
    /// Days an account whose address was never confirmed is kept (then erased like a
    /// deleted account); 1 to 3650.
    keep_unconfirmed_account_days: i64, env None, flag None, default "7";
    /// Days an unfinished anonymous Digitalisierungs-Check is kept; 1 to 3650.
    keep_check_draft_days: i64, env None, flag None, default "30";
    /// Days audit entries are kept; 1 to 3650.
    keep_audit_days: i64, env None, flag None, default "730";
    /// A TOML file replacing the built-in Digitalisierungs-Check questionnaire
    /// (checked whole at start).
    questionnaire: PathBuf, env None, flag None, default "(built in)";
    /// Allow webhook receivers on loopback and private networks.
    webhook_allow_private_targets: bool, env Some("LOTSE_WEBHOOK_ALLOW_PRIVATE_TARGETS"), flag None, default "false";
    /// Folder of the materials' files; several processes must share it.
    materials_dir: PathBuf, env Some("LOTSE_MATERIALS_DIR"), flag None, default "(materials beside the SQLite file; data/materials for PostgreSQL)";
    /// Largest material file, in megabytes; 1 to 1024.
    material_max_mb: usize, env Some("LOTSE_MATERIAL_MAX_MB"), flag None, default "20";
    /// The operator's site folder: `site.toml` (name, claim, footer, colours, logo),
    /// `impressum.md`, `datenschutz.md` and their `.en.md` translations
    /// (contrib/site-example shows one). Read at start.
    site_dir: PathBuf, env Some("LOTSE_SITE_DIR"), flag None, default "(built-in examples, marked as such)";
    /// Addresses or networks of reverse proxies whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed; the environment variable takes them
    /// comma-separated.
    trusted_proxies: Vec<String>, env Some("LOTSE_TRUSTED_PROXIES"), flag None, default "[]";
}

/// The configuration reference in Markdown, as docs/configuration.md holds it.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Configuration reference\n\n\
         Generated from the settings type (`crates/lotse/src/config.rs`); a test fails when\n\
         this file and the code differ (`LOTSE_WRITE_REFERENCE=1 cargo test -p lotse\n\
         configuration_reference` rewrites it).\n\n\
         Settings come from, in this order of precedence: command-line flags, `LOTSE_*`\n\
         environment variables, the TOML file named by `--config` / `LOTSE_CONFIG`, the\n\
         defaults below. Unknown keys in the file are refused, and so is every value\n\
         outside its range: lotse does not start, and names the setting in one line.\n\n\
         Two variables are not in the file: `LOTSE_CONFIG` (`--config`), the file itself,\n\
         and `LOTSE_LOG`, a tracing filter for the log (default `info`, for example\n\
         `info,lotse_store=debug`).\n",
    );
    for setting in SETTINGS {
        out.push_str(&format!("\n## `{}`\n\n", setting.key));
        for line in setting.doc.lines() {
            out.push_str(line.trim());
            out.push('\n');
        }
        out.push_str(&format!(
            "\n- value: {}\n- default: {}\n",
            kind_of(setting.rust_type),
            if setting.default.starts_with('(') {
                setting.default.trim_matches(['(', ')']).to_owned()
            } else {
                format!("`{}`", setting.default)
            }
        ));
        if let Some(env) = setting.env {
            out.push_str(&format!("- environment: `{env}`\n"));
        }
        if let Some(flag) = setting.flag {
            out.push_str(&format!("- flag: `{flag}`\n"));
        }
    }
    out
}

fn kind_of(rust_type: &str) -> &'static str {
    match rust_type.replace(' ', "").as_str() {
        "bool" => "true or false",
        "u32" | "u64" | "i64" | "usize" => "a whole number",
        "PathBuf" => "a path (relative to the working directory)",
        "Vec<String>" => "a list of texts",
        "LogFormat" => "`text` or `json`",
        _ => "a text",
    }
}

/// Everything lotse runs with, resolved.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Settings {
    pub log_format: LogFormat,
    /// What the application starts with.
    pub app: lotse_web::Settings,
}

const DEFAULT_BIND: &str = "127.0.0.1:8080";
const DEFAULT_DATABASE_URL: &str = "sqlite://data/lotse.db";

impl Settings {
    /// Resolves flags, environment, file and defaults; an error names the setting.
    pub fn resolve(cli: &Cli) -> Result<Self, String> {
        let file = match &cli.config {
            None => FileSettings::default(),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    format!(
                        "--config / LOTSE_CONFIG: cannot read {}: {e}",
                        path.display()
                    )
                })?;
                toml::from_str(&text).map_err(|e| {
                    let reason = e.message().to_owned();
                    format!("--config / LOTSE_CONFIG: {}: {reason}", path.display())
                })?
            }
        };
        let (bind, database_url, demo) = match &cli.command {
            Command::Serve(a) => (a.bind.clone(), a.database.database_url.clone(), a.demo),
            Command::Migrate(a) => (None, a.database_url.clone(), false),
            Command::Admin(AdminCommand::Create(a)) => {
                (None, a.database.database_url.clone(), false)
            }
            Command::Backup(a) => (None, a.database.database_url.clone(), false),
            Command::Restore(a) => (None, a.database.database_url.clone(), false),
            Command::MoveData(a) => (None, Some(a.to.clone()), false),
            Command::Doctor(a) => (None, a.database.database_url.clone(), false),
            Command::Keys(KeysCommand::Create(a) | KeysCommand::Rotate(a)) => {
                (None, a.database_url.clone(), false)
            }
        };
        let (smtp_flag, mail_dir_flag, public_url_flag) = match &cli.command {
            Command::Serve(a) => (a.smtp_url.clone(), a.mail_dir.clone(), a.public_url.clone()),
            Command::Doctor(a) => (a.smtp_url.clone(), a.mail_dir.clone(), a.public_url.clone()),
            _ => (None, None, None),
        };
        let bind_raw = bind
            .or(file.bind)
            .unwrap_or_else(|| DEFAULT_BIND.to_owned());
        let bind = bind_raw.parse::<SocketAddr>().map_err(|_| {
            format!(
                "--bind / LOTSE_BIND / bind: '{bind_raw}' is not an address like 127.0.0.1:8080"
            )
        })?;
        let max_connections = file.max_connections.unwrap_or(8);
        if !(1..=200).contains(&max_connections) {
            return Err("max_connections: must be between 1 and 200".into());
        }
        let timeout = file.request_timeout_seconds.unwrap_or(30);
        if !(1..=600).contains(&timeout) {
            return Err("request_timeout_seconds: must be between 1 and 600".into());
        }
        let body_limit = file.body_limit_bytes.unwrap_or(1024 * 1024);
        if !(1024..=64 * 1024 * 1024).contains(&body_limit) {
            return Err("body_limit_bytes: must be between 1024 and 67108864".into());
        }
        // Without a public address, links in mails use the address actually bound
        // (filled in by `serve` once it is known).
        let public_url = public_url_flag
            .or(file.public_url)
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_default();
        if !(public_url.is_empty()
            || public_url.starts_with("http://")
            || public_url.starts_with("https://"))
        {
            return Err(
                "--public-url / LOTSE_PUBLIC_URL / public_url: must start with http:// or https://"
                    .into(),
            );
        }
        let checkin_hours = match std::env::var("LOTSE_CHECKIN_OPENS_HOURS_BEFORE") {
            Ok(raw) => Some(raw.trim().parse::<i64>().map_err(|_| {
                "LOTSE_CHECKIN_OPENS_HOURS_BEFORE: must be a whole number of hours".to_owned()
            })?),
            Err(_) => file.checkin_opens_hours_before,
        }
        .unwrap_or(2);
        if !(0..=8760).contains(&checkin_hours) {
            return Err(
                "checkin_opens_hours_before / LOTSE_CHECKIN_OPENS_HOURS_BEFORE: between 0 and 8760 hours"
                    .into(),
            );
        }
        let join_minutes = match std::env::var("LOTSE_JOIN_MAIL_MINUTES_BEFORE") {
            Ok(raw) => Some(raw.trim().parse::<u64>().map_err(|_| {
                "LOTSE_JOIN_MAIL_MINUTES_BEFORE: must be a whole number of minutes".to_owned()
            })?),
            Err(_) => file.join_mail_minutes_before,
        }
        .unwrap_or(30);
        if !(1..=1440).contains(&join_minutes) {
            return Err(
                "join_mail_minutes_before / LOTSE_JOIN_MAIL_MINUTES_BEFORE: between 1 and 1440 minutes"
                    .into(),
            );
        }
        let metrics_token = std::env::var("LOTSE_METRICS_TOKEN")
            .ok()
            .or(file.metrics_token)
            .filter(|t| !t.trim().is_empty());
        if metrics_token.as_ref().is_some_and(|t| t.trim().len() < 16) {
            return Err("metrics_token / LOTSE_METRICS_TOKEN: at least 16 characters".into());
        }
        let defaults = lotse_store::retention::Retention::default();
        let retention = lotse_store::retention::Retention {
            sent_mail_days: file.keep_sent_mail_days.unwrap_or(defaults.sent_mail_days),
            unconfirmed_account_days: file
                .keep_unconfirmed_account_days
                .unwrap_or(defaults.unconfirmed_account_days),
            check_draft_days: file
                .keep_check_draft_days
                .unwrap_or(defaults.check_draft_days),
            audit_days: file.keep_audit_days.unwrap_or(defaults.audit_days),
        };
        for (key, days) in [
            ("keep_sent_mail_days", retention.sent_mail_days),
            (
                "keep_unconfirmed_account_days",
                retention.unconfirmed_account_days,
            ),
            ("keep_check_draft_days", retention.check_draft_days),
            ("keep_audit_days", retention.audit_days),
        ] {
            if !(1..=3650).contains(&days) {
                return Err(format!("{key}: between 1 and 3650 days"));
            }
        }
        let idle = file.session_idle_minutes.unwrap_or(120);
        let absolute = file.session_absolute_hours.unwrap_or(24 * 7);
        if !(5..=24 * 60).contains(&idle) || !(1..=24 * 90).contains(&absolute) {
            return Err("session_idle_minutes / session_absolute_hours: between 5 minutes and 1 day, 1 hour and 90 days".into());
        }
        // A replacement questionnaire is checked whole at start-up; every problem is
        // named with its place, and lotse does not start with a broken one.
        let questionnaire = match &file.questionnaire {
            None => lotse_core::assessment::Questionnaire::builtin(),
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("questionnaire: cannot read {}: {e}", path.display()))?;
                lotse_core::assessment::Questionnaire::parse(&text)
            }
        }
        .map_err(|errors| {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            format!("questionnaire: {}", list.join("; "))
        })?;
        let allow_private_targets = match std::env::var("LOTSE_WEBHOOK_ALLOW_PRIVATE_TARGETS") {
            Ok(raw) => match raw.trim() {
                "1" | "true" => true,
                "0" | "false" | "" => false,
                _ => {
                    return Err(
                        "LOTSE_WEBHOOK_ALLOW_PRIVATE_TARGETS: 1 or 0 (true or false)".into(),
                    );
                }
            },
            Err(_) => file.webhook_allow_private_targets.unwrap_or(false),
        };
        let database_url = database_url
            .or(file.database_url)
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let materials_dir = std::env::var_os("LOTSE_MATERIALS_DIR")
            .map(PathBuf::from)
            .or(file.materials_dir)
            .unwrap_or_else(|| default_materials_dir(&database_url));
        let material_max_mb = match std::env::var("LOTSE_MATERIAL_MAX_MB") {
            Ok(raw) => Some(raw.trim().parse::<usize>().map_err(|_| {
                "LOTSE_MATERIAL_MAX_MB: must be a whole number of megabytes".to_owned()
            })?),
            Err(_) => file.material_max_mb,
        }
        .unwrap_or(20);
        if !(1..=1024).contains(&material_max_mb) {
            return Err("material_max_mb / LOTSE_MATERIAL_MAX_MB: between 1 and 1024".into());
        }
        let site = match std::env::var_os("LOTSE_SITE_DIR")
            .map(PathBuf::from)
            .or(file.site_dir)
        {
            Some(dir) => lotse_web::site_content::Site::load(&dir)
                .map_err(|e| format!("site_dir / LOTSE_SITE_DIR: {e}"))?,
            None => lotse_web::site_content::Site::default(),
        };
        let trusted_proxies = match std::env::var("LOTSE_TRUSTED_PROXIES") {
            Ok(raw) => raw
                .split(',')
                .map(str::trim)
                .filter(|entry| !entry.is_empty())
                .map(str::to_owned)
                .collect(),
            Err(_) => file.trusted_proxies.unwrap_or_default(),
        };
        let trusted_proxies = lotse_web::http::proxy::TrustedProxies::parse(&trusted_proxies)
            .map_err(|e| format!("trusted_proxies / LOTSE_TRUSTED_PROXIES: {e}"))?;
        let smtp_url = smtp_flag.or(file.smtp_url);
        if let Some(url) = &smtp_url {
            lotse_web::mail::parse_smtp_url(url).map_err(|e| format!("--smtp-url / {e}"))?;
        }
        let relay = lotse_web::mail::RelaySettings {
            url: smtp_url,
            // A secret of its own, so that the URL may be shown and the password not.
            password: std::env::var("LOTSE_SMTP_PASSWORD")
                .ok()
                .or(file.smtp_password)
                .filter(|p| !p.is_empty()),
            ca_file: std::env::var_os("LOTSE_SMTP_CA_FILE")
                .map(PathBuf::from)
                .or(file.smtp_ca_file),
        };
        Ok(Self {
            log_format: cli.log_format.or(file.log_format).unwrap_or_default(),
            app: lotse_web::Settings {
                relay,
                mail_dir: mail_dir_flag
                    .or(file.mail_dir)
                    .unwrap_or_else(|| PathBuf::from("data/mail")),
                mail_from: file
                    .mail_from
                    .unwrap_or_else(|| "lotse <noreply@lotse.invalid>".into()),
                bind,
                database_url,
                demo: demo || file.demo.unwrap_or(false),
                max_connections,
                web: lotse_web::WebConfig {
                    body_limit,
                    request_timeout: Duration::from_secs(timeout),
                    session_limits: lotse_store::accounts::SessionLimits {
                        idle_seconds: idle * 60,
                        absolute_seconds: absolute * 3600,
                    },
                    secure_cookies: file.secure_cookies.unwrap_or(false)
                        || public_url.starts_with("https://"),
                    public_url,
                    questionnaire: std::sync::Arc::new(questionnaire),
                    checkin_opens_before: jiff::SignedDuration::from_hours(checkin_hours),
                    join_mail_before: std::time::Duration::from_secs(join_minutes * 60),
                    metrics_token,
                    retention,
                    webhooks: lotse_web::state::WebhookSettings {
                        allow_private_targets,
                        ..Default::default()
                    },
                    materials: lotse_web::materials::service::MaterialSettings {
                        dir: materials_dir,
                        max_bytes: material_max_mb * 1024 * 1024,
                    },
                    site: std::sync::Arc::new(site),
                    trusted_proxies,
                },
            },
        })
    }
}

/// Materials live beside an SQLite database (`sqlite://data/lotse.db` →
/// `data/materials`), and under `data/` for PostgreSQL.
fn default_materials_dir(database_url: &str) -> PathBuf {
    let file = crate::doctor::sqlite_file(database_url)
        .filter(|path| !path.is_empty() && *path != ":memory:");
    match file
        .map(std::path::Path::new)
        .and_then(std::path::Path::parent)
    {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join("materials"),
        Some(_) => PathBuf::from("materials"),
        None => PathBuf::from("data/materials"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(args).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn defaults_apply_without_flags_or_file() {
        let s =
            Settings::resolve(&cli(&["lotse", "serve"])).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(s.app.bind.to_string(), DEFAULT_BIND);
        assert_eq!(s.app.database_url, DEFAULT_DATABASE_URL);
        assert!(!s.app.demo);
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let dir = std::env::temp_dir().join(format!("lotse-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let file = dir.join("lotse.toml");
        std::fs::write(
            &file,
            "bind = \"127.0.0.1:9000\"\ndatabase_url = \"sqlite://x.db\"\n",
        )
        .unwrap_or_default();
        let path = file.to_string_lossy().to_string();
        let s = Settings::resolve(&cli(&[
            "lotse",
            "serve",
            "--config",
            &path,
            "--bind",
            "127.0.0.1:7000",
        ]))
        .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(s.app.bind.to_string(), "127.0.0.1:7000");
        assert_eq!(s.app.database_url, "sqlite://x.db");
        std::fs::write(&file, "bind = \"127.0.0.1:9000\"\nlisten = 1\n").unwrap_or_default();
        let err = Settings::resolve(&cli(&["lotse", "serve", "--config", &path]))
            .err()
            .unwrap_or_default();
        assert!(err.contains("unknown field `listen`"), "{err}");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn materials_live_beside_the_sqlite_database() {
        for (url, dir) in [
            ("sqlite://data/lotse.db", "data/materials"),
            (
                "sqlite:///srv/lotse/lotse.db?mode=rwc",
                "/srv/lotse/materials",
            ),
            ("sqlite://lotse.db", "materials"),
            ("postgres://lotse@db/lotse", "data/materials"),
        ] {
            assert_eq!(default_materials_dir(url), PathBuf::from(dir), "{url}");
        }
    }

    /// docs/configuration.md is what `reference_markdown` writes; with
    /// `LOTSE_WRITE_REFERENCE=1` the test rewrites it instead.
    #[test]
    fn configuration_reference_is_current() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/configuration.md");
        let generated = reference_markdown();
        if std::env::var("LOTSE_WRITE_REFERENCE").as_deref() == Ok("1") {
            std::fs::write(&path, &generated).unwrap_or_else(|e| unreachable!("{e}"));
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == generated,
            "docs/configuration.md is out of date: run LOTSE_WRITE_REFERENCE=1 cargo test -p lotse configuration_reference"
        );
    }

    /// Each documented variable and flag is one the code reads, and each documented
    /// default is the one in force: a file that sets every default explicitly
    /// resolves to the same settings as an empty one.
    #[test]
    fn the_reference_tells_the_truth() {
        let source = include_str!("config.rs");
        for setting in SETTINGS {
            for name in [setting.env, setting.flag].into_iter().flatten() {
                let as_read = if name.starts_with("--") {
                    format!("pub {}:", name.trim_start_matches("--").replace('-', "_"))
                } else {
                    format!("\"{name}\"")
                };
                assert!(
                    source.matches(&as_read).count() >= 1,
                    "{}: {name} is documented but not read",
                    setting.key
                );
            }
        }
        let explicit: String = SETTINGS
            .iter()
            .filter(|s| !s.default.starts_with('('))
            .map(|s| format!("{} = {}\n", s.key, s.default))
            .collect();
        let dir = std::env::temp_dir().join(format!("lotse-defaults-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let file = dir.join("defaults.toml");
        std::fs::write(&file, explicit).unwrap_or_default();
        let path = file.to_string_lossy().to_string();
        let with_file = Settings::resolve(&cli(&["lotse", "serve", "--config", &path]))
            .unwrap_or_else(|e| unreachable!("{e}"));
        let without =
            Settings::resolve(&cli(&["lotse", "serve"])).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(format!("{with_file:?}"), format!("{without:?}"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_bad_bind_address_names_the_setting() {
        let err = Settings::resolve(&cli(&["lotse", "serve", "--bind", "nirgendwo"]))
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("--bind / LOTSE_BIND"), "{err}");
    }
}
