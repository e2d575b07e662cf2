//! Mail through a relay that speaks TLS: STARTTLS with a certificate lotse is told to
//! trust and a password given apart from the URL arrives; an untrusted certificate or
//! a wrong password delivers nothing, and the outbox says why.
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
