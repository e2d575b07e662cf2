//! Mail through relays that speak TLS: STARTTLS with a certificate lotse is told to
//! trust and a password given apart from the URL arrives; an untrusted certificate or
//! a wrong password delivers nothing, and the outbox says why; and Debian's aiosmtpd,
//! an SMTP server by others, takes mail over smtps and over STARTTLS after AUTH.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{SmtpServer, TestApp, backends};
use serde_json::json;

/// A certificate for `localhost` and its key, as PEM files in a fresh folder.
fn certificate() -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("lotse-tls-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let (cert, key) = (dir.join("relay.pem"), dir.join("relay.key"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.key_pair.serialize_pem()).unwrap();
    (dir, cert, key)
}

async fn register(app: &TestApp, email: &str) {
    let r = app
        .client
        .post(format!("{}/api/v1/auth/register", app.base))
        .json(
            &json!({ "email": email, "password": "Ein langes Passwort für Tests", "name": "Lea" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

/// The last error the outbox recorded for mail to `to`, once there is one.
async fn outbox_error(app: &TestApp, to: &str) -> String {
    for _ in 0..100 {
        let error: Option<String> = match &app.db {
            lotse_store::Db::Sqlite { read, .. } => {
                sqlx::query_scalar("SELECT last_error FROM outbox WHERE recipient = $1")
                    .bind(to)
                    .fetch_optional(read)
                    .await
                    .unwrap()
                    .flatten()
            }
            lotse_store::Db::Postgres { pool, .. } => {
                sqlx::query_scalar("SELECT last_error FROM outbox WHERE recipient = $1")
                    .bind(to)
                    .fetch_optional(pool)
                    .await
                    .unwrap()
                    .flatten()
            }
        };
        if let Some(error) = error {
            return error;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no delivery error recorded for {to}");
}

#[tokio::test]
async fn mail_goes_through_starttls_with_a_trusted_certificate_and_a_separate_password() {
    let backend = backends()[0];
    let (dir, cert, key) = certificate();
    // The password has characters a URL must encode; here it stays out of the URL.
    let smtp = SmtpServer::start_tls(&cert, &key, ("zentrum@lotse.example", "g3h:eim/€"));
    let url = format!(
        "smtp://zentrum%40lotse.example@{}?tls=starttls",
        smtp.url.trim_start_matches("smtp://")
    );
    let app = TestApp::spawn_with_relay(
        backend,
        smtp,
        lotse_web::mail::RelaySettings {
            url: Some(url),
            password: Some("g3h:eim/€".into()),
            ca_file: Some(cert.clone()),
        },
    )
    .await;
    register(&app, "lea.tls@beispiel.de").await;
    let mail = app
        .smtp
        .wait_for("lea.tls@beispiel.de", "/konto/bestaetigen?token")
        .await;
    assert!(mail.raw.contains("Subject:"));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn an_untrusted_certificate_or_a_wrong_password_delivers_nothing() {
    let backend = backends()[0];
    let (dir, cert, key) = certificate();
    for (ca_file, password, says) in [
        // The public roots do not know the test certificate.
        (None, "richtig", "certificate"),
        (Some(cert.clone()), "falsch", "535"),
    ] {
        let smtp = SmtpServer::start_tls(&cert, &key, ("zentrum", "richtig"));
        let url = format!(
            "smtp://zentrum:{password}@{}?tls=starttls",
            smtp.url.trim_start_matches("smtp://")
        );
        let app = TestApp::spawn_with_relay(
            backend,
            smtp,
            lotse_web::mail::RelaySettings {
                url: Some(url),
                password: None,
                ca_file,
            },
        )
        .await;
        register(&app, "lea.nicht@beispiel.de").await;
        let error = outbox_error(&app, "lea.nicht@beispiel.de").await;
        assert!(error.to_lowercase().contains(says), "{says}: {error}");
        assert!(
            !error.contains(password),
            "the password is in the error: {error}"
        );
        assert!(app.smtp.all().is_empty(), "{says}: delivered anyway");
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// aiosmtpd (Debian's python3-aiosmtpd), an SMTP server written by others, run by
/// `tests/smtp_relay.py` in `mode` (`smtps` or `starttls`), taking mail only after
/// AUTH; stops when dropped. (A wrong password is tested against the other relay:
/// aiosmtpd 1.4 answers a failed AUTH by holding the connection.)
struct Aiosmtpd {
    child: std::process::Child,
    port: u16,
    kept: std::path::PathBuf,
}

impl Drop for Aiosmtpd {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.kept);
    }
}

impl Aiosmtpd {
    fn start(mode: &str, cert: &std::path::Path, key: &std::path::Path) -> Aiosmtpd {
        use std::io::BufRead;
        let kept =
            std::env::temp_dir().join(format!("lotse-aiosmtpd-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&kept).unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_relay.py");
        let mut child = std::process::Command::new("/usr/bin/python3")
            .arg(script)
            .arg(mode)
            .args([cert, key])
            .args(["zentrum@lotse.example", "g3h:eim/€"])
            .arg(&kept)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().unwrap_or_else(|_| panic!("{line}"));
        Aiosmtpd { child, port, kept }
    }

    /// The message it kept for `to`, once it came (none after ten seconds). The demo's
    /// own mail (an evaluation invitation) may come before it.
    async fn wait_for(&self, to: &str) -> Option<String> {
        for _ in 0..100 {
            let kept = std::fs::read_dir(&self.kept)
                .unwrap()
                .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .find(|m| m.contains(&format!("To: {to}")));
            if kept.is_some() {
                return kept;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        None
    }
}

#[tokio::test]
async fn aiosmtpd_takes_mail_over_smtps_and_starttls_with_sign_in() {
    if !common::checker_ready(
        "/usr/bin/python3",
        &["-c", "import aiosmtpd"],
        "apt-get install python3-aiosmtpd",
    ) {
        return;
    }
    let backend = backends()[0];
    let (dir, cert, key) = certificate();
    for (mode, url) in [
        ("smtps", "smtps://zentrum%40lotse.example@localhost:PORT"),
        (
            "starttls",
            "smtp://zentrum%40lotse.example@localhost:PORT?tls=starttls",
        ),
    ] {
        let relay = Aiosmtpd::start(mode, &cert, &key);
        let app = TestApp::spawn_with_relay(
            backend,
            SmtpServer::start(),
            lotse_web::mail::RelaySettings {
                url: Some(url.replace("PORT", &relay.port.to_string())),
                password: Some("g3h:eim/€".into()),
                ca_file: Some(cert.clone()),
            },
        )
        .await;
        let to = format!("lea.{mode}@beispiel.de");
        register(&app, &to).await;
        let Some(kept) = relay.wait_for(&to).await else {
            panic!("{mode}: nothing arrived: {}", outbox_error(&app, &to).await);
        };
        assert!(kept.contains("konto/bestaetigen"), "{mode}: {kept}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
