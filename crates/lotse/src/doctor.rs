//! `lotse doctor`: checks what an operator must get right and says what to fix, one
//! line per check; exit code 1 when something must be fixed.

use crate::config::Settings;
use std::path::Path;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Fine.
    Ok,
    /// Works, but worth a look.
    Warn,
    /// Must be fixed.
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Finding {
    /// How it came out.
    pub verdict: Verdict,
    /// What was checked.
    pub check: &'static str,
    /// What was found, and what to do.
    pub detail: String,
}

fn finding(verdict: Verdict, check: &'static str, detail: impl Into<String>) -> Finding {
    Finding {
        verdict,
        check,
        detail: detail.into(),
    }
}

/// Free space under which a folder is reported: lotse writes mails, materials and
/// (on SQLite) the whole database there.
const LOW_SPACE_BYTES: u64 = 1024 * 1024 * 1024;

/// Runs every check for `settings`.
pub async fn examine(settings: &Settings) -> Vec<Finding> {
    let app = &settings.app;
    let mut findings = vec![finding(
        Verdict::Ok,
        "configuration",
        "flags, LOTSE_* variables and the settings file are valid",
    )];
    findings.push(match app.web.public_url.as_str() {
        "" => finding(
            Verdict::Warn,
            "public address",
            "LOTSE_PUBLIC_URL is not set: links in mails name the bound address; set the address people use",
        ),
        url if url.starts_with("http://") && !is_loopback_url(url) => finding(
            Verdict::Warn,
            "public address",
            format!("{url} is not https://: serve lotse behind TLS and set LOTSE_PUBLIC_URL to its https:// address"),
        ),
        url => finding(Verdict::Ok, "public address", url.to_owned()),
    });

    let site = &app.web.site;
    findings.push(if site.has_legal_pages() {
        finding(
            Verdict::Ok,
            "site",
            format!("{}: name, legal pages and look from the site folder", site.name()),
        )
    } else {
        finding(
            Verdict::Warn,
            "site",
            "Impressum and Datenschutz show lotse's marked examples: put your own texts in a site folder (contrib/site-example shows one) and set LOTSE_SITE_DIR",
        )
    });
    // lotse speaks no TLS itself: an https:// address means a proxy in front.
    if app.web.trusted_proxies.is_empty() && app.web.public_url.starts_with("https://") {
        findings.push(finding(
            Verdict::Warn,
            "proxy",
            "no trusted_proxies: behind a reverse proxy every visitor has the proxy's address (one sign-in throttle for all); set LOTSE_TRUSTED_PROXIES to its address",
        ));
    }

    let sqlite = sqlite_file(&app.database_url);
    let shown = lotse_store::redact_url(&app.database_url);
    let db = match sqlite {
        Some(path) if !Path::new(path).exists() => {
            findings.push(finding(
                Verdict::Fail,
                "database",
                format!("there is no database at {path}: check LOTSE_DATABASE_URL, or run lotse migrate to create it"),
            ));
            None
        }
        _ => match lotse_store::Db::connect(&app.database_url, &lotse_store::DbOptions::default())
            .await
        {
            Ok(db) if db.ping().await => {
                findings.push(finding(Verdict::Ok, "database", format!("{shown} answers")));
                Some(db)
            }
            Ok(_) => {
                findings.push(finding(
                    Verdict::Fail,
                    "database",
                    format!("{shown} does not answer"),
                ));
                None
            }
            Err(e) => {
                findings.push(finding(Verdict::Fail, "database", e.to_string()));
                None
            }
        },
    };
    if let Some(db) = &db {
        findings.push(schema(db).await);
        findings.push(materials(db, &app.web.materials.dir).await);
        findings.push(keys(db).await);
    }

    let transport = lotse_web::mail::Transport::new(&app.relay, app.mail_dir.clone());
    findings.push(match transport {
        Err(e) => finding(Verdict::Fail, "mail", e),
        Ok(transport) => match transport.check().await {
            Ok(()) if app.relay.url.is_some() => finding(
                Verdict::Ok,
                "mail",
                format!("{} answers", transport.describe()),
            ),
            Ok(()) => finding(
                Verdict::Warn,
                "mail",
                format!("{}; set LOTSE_SMTP_URL to send them", transport.describe()),
            ),
            Err(e) => finding(
                Verdict::Fail,
                "mail",
                format!("{}: {e}", transport.describe()),
            ),
        },
    });

    let mut folders: Vec<(&'static str, &Path)> = vec![
        ("space for materials", app.web.materials.dir.as_path()),
        ("space for mail", app.mail_dir.as_path()),
    ];
    if let Some(path) = sqlite {
        folders.insert(0, ("space for the database", Path::new(path)));
    }
    for (check, path) in folders {
        findings.push(space(check, path));
    }
    if let Some(db) = db {
        db.close().await;
    }
    findings
}

/// The signing key: without one, completions issue credentials nobody can check.
async fn keys(db: &lotse_store::Db) -> Finding {
    let current = lotse_store::credentials::current_key(db).await;
    let waiting = lotse_store::credentials::pending(db, 1)
        .await
        .map(|p| p.len());
    match (current, waiting) {
        (Ok(Some(key)), _) => finding(
            Verdict::Ok,
            "keys",
            format!(
                "credentials are signed by {}",
                lotse_credentials::keys::did_of(&key.verification_method)
            ),
        ),
        (Ok(None), Ok(0)) => finding(
            Verdict::Warn,
            "keys",
            "no signing key: run lotse keys create before the first module is completed",
        ),
        (Ok(None), Ok(_)) => finding(
            Verdict::Fail,
            "keys",
            "no signing key, and credentials wait to be signed: run lotse keys create",
        ),
        (Err(e), _) | (_, Err(e)) => finding(Verdict::Fail, "keys", e.to_string()),
    }
}

fn is_loopback_url(url: &str) -> bool {
    let host = url
        .trim_start_matches("http://")
        .split(['/', ':'])
        .next()
        .unwrap_or_default();
    host == "localhost" || host.starts_with("127.") || host == "[::1]"
}

/// The file of an SQLite database URL.
pub fn sqlite_file(url: &str) -> Option<&str> {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or_default())
}

async fn schema(db: &lotse_store::Db) -> Finding {
    let known = lotse_store::backup::known_schema_version(db);
    match lotse_store::backup::schema_version(db).await {
        Err(e) => finding(
            Verdict::Fail,
            "schema",
            format!("cannot read the schema version ({e}): run lotse migrate"),
        ),
        Ok(0) => finding(
            Verdict::Fail,
            "schema",
            "the database has no lotse schema yet: run lotse migrate (lotse serve does it too)",
        ),
        Ok(version) if version == known => finding(
            Verdict::Ok,
            "schema",
            format!("version {version}, as this lotse expects"),
        ),
        Ok(version) if version < known => finding(
            Verdict::Warn,
            "schema",
            format!(
                "version {version}, this lotse brings {known}: lotse migrate (or the next lotse serve) applies the rest; back up first"
            ),
        ),
        Ok(version) => finding(
            Verdict::Fail,
            "schema",
            format!(
                "version {version} is newer than this lotse knows ({known}): run the lotse version that migrated it"
            ),
        ),
    }
}

/// Every material row has its file, and the folder holds no file without a row.
async fn materials(db: &lotse_store::Db, dir: &Path) -> Finding {
    let rows = match lotse_store::catalogue::material_files(db).await {
        Ok(rows) => rows,
        // A database before materials existed: nothing to compare.
        Err(_) => return finding(Verdict::Ok, "materials", "no materials table yet"),
    };
    let on_disk: std::collections::BTreeSet<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    let named: std::collections::BTreeSet<String> =
        rows.iter().map(|(id, _)| id.simple().to_string()).collect();
    let missing = named.difference(&on_disk).count();
    let stray = on_disk.difference(&named).count();
    match (missing, stray) {
        (0, 0) => finding(
            Verdict::Ok,
            "materials",
            format!(
                "{} files in {}, each with its material",
                named.len(),
                dir.display()
            ),
        ),
        (0, stray) => finding(
            Verdict::Warn,
            "materials",
            format!(
                "{stray} files in {} belong to no material (left by an interrupted removal); they may be deleted",
                dir.display()
            ),
        ),
        (missing, _) => finding(
            Verdict::Fail,
            "materials",
            format!(
                "{missing} materials have no file in {}: check LOTSE_MATERIALS_DIR, or restore the folder from a backup",
                dir.display()
            ),
        ),
    }
}

/// Free space where `path` (or its nearest existing parent) lives.
fn space(check: &'static str, path: &Path) -> Finding {
    let mut existing = path;
    while !existing.exists() {
        match existing.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => existing = parent,
            _ => {
                existing = Path::new(".");
                break;
            }
        }
    }
    match rustix::fs::statvfs(existing) {
        Ok(stat) => {
            let free = stat.f_bavail.saturating_mul(stat.f_frsize);
            let total = stat.f_blocks.saturating_mul(stat.f_frsize).max(1);
            let shown = format!(
                "{:.1} GB free of {:.1} GB at {}",
                free as f64 / 1e9,
                total as f64 / 1e9,
                existing.display()
            );
            if free < LOW_SPACE_BYTES || free.saturating_mul(20) < total {
                finding(
                    Verdict::Warn,
                    check,
                    format!("{shown}: make room before it runs out"),
                )
            } else {
                finding(Verdict::Ok, check, shown)
            }
        }
        Err(e) => finding(Verdict::Warn, check, format!("{}: {e}", existing.display())),
    }
}

/// Prints `findings`; true when nothing must be fixed.
pub fn report(findings: &[Finding]) -> bool {
    for f in findings {
        let mark = match f.verdict {
            Verdict::Ok => "ok  ",
            Verdict::Warn => "warn",
            Verdict::Fail => "FAIL",
        };
        println!("{mark}  {:<24} {}", f.check, f.detail);
    }
    let failed = findings
        .iter()
        .filter(|f| f.verdict == Verdict::Fail)
        .count();
    if failed > 0 {
        println!("{failed} to fix");
    }
    failed == 0
}
