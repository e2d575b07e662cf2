//! Accounts over HTTP on both backends: registration with a confirmation mail through
//! a real SMTP server, sign-in and sign-out, throttling, CSRF, tokens, password reset
//! and change, DSGVO export and erasure, staff-created accounts and the audit log.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};
use serde_json::{Value, json};

const PASSWORD: &str = "Kiefernwald am Senftenberger See";

impl TestApp {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        cookie: Option<&str>,
    ) -> (u16, Value, reqwest::header::HeaderMap) {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("origin", self.base.clone());
        if let Some(cookie) = cookie {
            request = request.header("cookie", format!("lotse_session={cookie}"));
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::Null),
            headers,
        )
    }

    async fn post(&self, path: &str, body: Value, cookie: Option<&str>) -> (u16, Value) {
        let (status, body, _) = self
            .send(reqwest::Method::POST, path, Some(body), cookie)
            .await;
        (status, body)
    }

    async fn get_as(&self, path: &str, cookie: &str) -> (u16, Value) {
        let (status, body, _) = self
            .send(reqwest::Method::GET, path, None, Some(cookie))
            .await;
        (status, body)
    }

    /// Signs in and returns the session cookie's value.
    async fn login(&self, email: &str, password: &str) -> String {
        let (status, body, headers) = self
            .send(
                reqwest::Method::POST,
                "/api/v1/auth/login",
                Some(json!({ "email": email, "password": password })),
                None,
            )
            .await;
        assert_eq!(status, 200, "login {email}: {body}");
        let cookie = headers["set-cookie"].to_str().unwrap().to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        cookie
            .split(';')
            .next()
            .unwrap()
            .trim_start_matches("lotse_session=")
            .to_owned()
    }

    async fn register(&self, email: &str, company: Option<Value>) -> (u16, Value) {
        let mut body = json!({ "email": email, "password": PASSWORD, "name": "Anna Schulz" });
        if let Some(c) = company {
            body["company"] = c;
        }
        self.post("/api/v1/auth/register", body, None).await
    }
}

fn token_of(link: &str) -> String {
    link.split("token=").nth(1).unwrap().to_owned()
}

#[tokio::test]
async fn registration_sends_a_confirmation_link_that_works_once() {
    for backend in backends() {
        let app = TestApp::spawn(backend, false).await;
        let (status, person) = app
            .register("Anna.Schulz@Beispiel.de", Some(json!({ "name": "Spreewald Logistik GmbH", "sector": "H", "staff_count": 42, "county": "12071" })))
            .await;
        assert_eq!(status, 201, "{backend:?}: {person}");
        assert_eq!(person["email"], "anna.schulz@beispiel.de");
        assert_eq!(person["email_confirmed"], false);
        let mail = app
            .smtp
            .wait_for("anna.schulz@beispiel.de", "/konto/bestaetigen?token=")
            .await;
        assert!(
            mail.raw.contains("Subject: Bitte "),
            "German subject: {}",
            mail.raw
        );
        assert!(
            mail.raw.contains("text/plain") && mail.raw.contains("text/html"),
            "plain text and HTML"
        );
        let link = mail
            .link(&format!("{}/konto/bestaetigen?token=", app.base))
            .unwrap();
        let cookie = app.login("anna.schulz@beispiel.de", PASSWORD).await;
        let (_, me) = app.get_as("/api/v1/me", &cookie).await;
        assert_eq!(me["email_confirmed"], false);
        let roles: Vec<&str> = me["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["role"].as_str().unwrap())
            .collect();
        assert!(
            roles.contains(&"company_admin") && roles.contains(&"learner"),
            "{me}"
        );
        assert_eq!(me["organizations"][0]["kind"], "company");
        assert_eq!(me["organizations"][0]["name"], "Spreewald Logistik GmbH");

        let (status, _) = app
            .post(
                "/api/v1/auth/confirm",
                json!({ "token": token_of(&link) }),
                None,
            )
            .await;
        assert_eq!(status, 204);
        let (_, me) = app.get_as("/api/v1/me", &cookie).await;
        assert_eq!(me["email_confirmed"], true);
        let (status, problem) = app
            .post(
                "/api/v1/auth/confirm",
                json!({ "token": token_of(&link) }),
                None,
            )
            .await;
        assert_eq!(status, 400, "a used link works again");
        assert_eq!(problem["errors"][0]["field"], "token");
        let (status, _) = app
            .post(
                "/api/v1/auth/confirm",
                json!({ "token": "gefälscht" }),
                None,
            )
            .await;
        assert_eq!(status, 400);
    }
}

#[tokio::test]
async fn bad_registrations_are_refused_with_every_reason_and_change_nothing() {
    for backend in backends() {
        let app = TestApp::spawn(backend, false).await;
        let cases = [
            (
                json!({ "email": "kein-at", "password": PASSWORD, "name": "A" }),
                vec!["email"],
            ),
            (
                json!({ "email": "a@b.de", "password": "kurz", "name": "A" }),
                vec!["password"],
            ),
            (
                json!({ "email": "a@b.de", "password": "passwort1234", "name": "A" }),
                vec!["password"],
            ),
            (
                json!({ "email": "a@b.de", "password": PASSWORD, "name": " " }),
                vec!["name"],
            ),
            (
                json!({ "email": "a@b.de", "password": PASSWORD, "name": "A", "language": "fr" }),
                vec!["language"],
            ),
            (
                json!({ "email": "a@b.de", "password": PASSWORD, "name": "A", "company": { "name": "X", "sector": "Z", "staff_count": -1, "county": "99999" } }),
                vec!["company.sector", "company.staff_count", "company.county"],
            ),
        ];
        for (body, fields) in cases {
            let (status, problem) = app.post("/api/v1/auth/register", body.clone(), None).await;
            assert_eq!(status, 400, "{body}: {problem}");
            let got: Vec<&str> = problem["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["field"].as_str().unwrap())
                .collect();
            assert_eq!(got, fields, "{body}");
        }
        let (status, problem) = app
            .post("/api/v1/auth/register", json!("kein Objekt"), None)
            .await;
        assert_eq!(status, 400, "{problem}");
        assert_eq!(app.register("doppelt@beispiel.de", None).await.0, 201);
        let (status, problem) = app.register("DOPPELT@beispiel.de", None).await;
        assert_eq!(status, 409, "{problem}");
        let people: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM people").fetch_one(pool).await.unwrap()
        });
        assert_eq!(
            people, 1,
            "{backend:?}: a refused registration left a person behind"
        );
    }
}

#[tokio::test]
async fn sign_in_reveals_nothing_throttles_and_sign_out_ends_the_session() {
    for backend in backends() {
        let app = TestApp::spawn(backend, false).await;
        app.register("bernd@beispiel.de", None).await;
        let wrong = app
            .post(
                "/api/v1/auth/login",
                json!({ "email": "bernd@beispiel.de", "password": "falsch falsch falsch" }),
                None,
            )
            .await;
        let unknown = app
            .post(
                "/api/v1/auth/login",
                json!({ "email": "niemand@beispiel.de", "password": "falsch falsch falsch" }),
                None,
            )
            .await;
        assert_eq!(
            wrong, unknown,
            "known and unknown addresses must get the same answer"
        );
        assert_eq!(wrong.0, 401);

        let cookie = app.login("bernd@beispiel.de", PASSWORD).await;
        assert_eq!(app.get_as("/api/v1/me", &cookie).await.0, 200);
        let (status, _) = app
            .post("/api/v1/auth/logout", json!({}), Some(&cookie))
            .await;
        assert_eq!(status, 204);
        assert_eq!(
            app.get_as("/api/v1/me", &cookie).await.0,
            401,
            "a logged-out session still works"
        );
        assert_eq!(app.get("/api/v1/me").await.status().as_u16(), 401);

        for _ in 0..5 {
            app.post(
                "/api/v1/auth/login",
                json!({ "email": "bernd@beispiel.de", "password": "daneben daneben" }),
                None,
            )
            .await;
        }
        let (status, problem) = app
            .post(
                "/api/v1/auth/login",
                json!({ "email": "bernd@beispiel.de", "password": PASSWORD }),
                None,
            )
            .await;
        assert_eq!(status, 429, "{backend:?}: {problem}");
        assert!(problem["detail"].as_str().unwrap().contains("15 Minuten"));
    }
}

#[tokio::test]
async fn cookie_requests_from_other_sites_are_refused_but_tokens_pass() {
    let app = TestApp::spawn(backends()[0], false).await;
    app.register("clara@beispiel.de", None).await;
    let cookie = app.login("clara@beispiel.de", PASSWORD).await;
    let attempt = |origin: Option<&'static str>, fetch_site: Option<&'static str>| {
        let mut request = app
            .client
            .post(format!("{}/api/v1/me/tokens", app.base))
            .header("cookie", format!("lotse_session={cookie}"))
            .json(&json!({ "name": "x" }));
        if let Some(o) = origin {
            request = request.header("origin", o);
        }
        if let Some(s) = fetch_site {
            request = request.header("sec-fetch-site", s);
        }
        request.send()
    };
    assert_eq!(
        attempt(Some("https://boese.example"), None)
            .await
            .unwrap()
            .status()
            .as_u16(),
        403
    );
    assert_eq!(attempt(None, None).await.unwrap().status().as_u16(), 403);
    assert_eq!(
        attempt(None, Some("cross-site"))
            .await
            .unwrap()
            .status()
            .as_u16(),
        403
    );
    assert_eq!(
        attempt(None, Some("same-origin"))
            .await
            .unwrap()
            .status()
            .as_u16(),
        201
    );
    let (status, token) = app
        .post(
            "/api/v1/me/tokens",
            json!({ "name": "Skript" }),
            Some(&cookie),
        )
        .await;
    assert_eq!(status, 201);
    // A bearer token carries no ambient authority: no origin needed.
    let r = app
        .client
        .post(format!("{}/api/v1/me/tokens", app.base))
        .bearer_auth(token["token"].as_str().unwrap())
        .json(&json!({ "name": "vom Skript" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
}

#[tokio::test]
async fn personal_tokens_are_shown_once_work_and_can_be_revoked() {
    for backend in backends() {
        let app = TestApp::spawn(backend, false).await;
        app.register("dora@beispiel.de", None).await;
        app.register("emil@beispiel.de", None).await;
        let dora = app.login("dora@beispiel.de", PASSWORD).await;
        let emil = app.login("emil@beispiel.de", PASSWORD).await;
        let (status, created) = app
            .post(
                "/api/v1/me/tokens",
                json!({ "name": "Auswertung" }),
                Some(&dora),
            )
            .await;
        assert_eq!(status, 201);
        let token = created["token"].as_str().unwrap().to_owned();
        let bearer = |t: &str| {
            app.client
                .get(format!("{}/api/v1/me", app.base))
                .bearer_auth(t.to_owned())
                .send()
        };
        let me: Value = bearer(&token).await.unwrap().json().await.unwrap();
        assert_eq!(me["email"], "dora@beispiel.de");
        let (_, list) = app.get_as("/api/v1/me/tokens", &dora).await;
        assert_eq!(list["items"][0]["name"], "Auswertung");
        assert!(
            !list.to_string().contains(&token),
            "the token is listed again"
        );
        let id = created["id"].as_str().unwrap();
        let (status, _, _) = app
            .send(
                reqwest::Method::DELETE,
                &format!("/api/v1/me/tokens/{id}"),
                None,
                Some(&emil),
            )
            .await;
        assert_eq!(status, 404, "somebody else's token must look absent");
        assert_eq!(bearer(&token).await.unwrap().status().as_u16(), 200);
        let (status, _, _) = app
            .send(
                reqwest::Method::DELETE,
                &format!("/api/v1/me/tokens/{id}"),
                None,
                Some(&dora),
            )
            .await;
        assert_eq!(status, 204);
        assert_eq!(
            bearer(&token).await.unwrap().status().as_u16(),
            401,
            "{backend:?}"
        );
        assert_eq!(
            bearer("lotse_erfunden").await.unwrap().status().as_u16(),
            401
        );
    }
}

#[tokio::test]
async fn a_password_reset_link_sets_a_new_password_once_and_ends_old_sessions() {
    for backend in backends() {
        let app = TestApp::spawn(backend, false).await;
        app.register("frida@beispiel.de", None).await;
        let old_session = app.login("frida@beispiel.de", PASSWORD).await;
        let known = app
            .post(
                "/api/v1/auth/password-reset",
                json!({ "email": "frida@beispiel.de" }),
                None,
            )
            .await;
        let unknown = app
            .post(
                "/api/v1/auth/password-reset",
                json!({ "email": "gibtsnicht@beispiel.de" }),
                None,
            )
            .await;
        assert_eq!(
            known, unknown,
            "the answer must not reveal whether the address exists"
        );
        assert_eq!(known.0, 202);
        app.smtp
            .wait_for("gibtsnicht@beispiel.de", "Subject:")
            .await;
        let mail = app
            .smtp
            .wait_for("frida@beispiel.de", "/passwort-neu?token=")
            .await;
        let token = token_of(
            &mail
                .link(&format!("{}/passwort-neu?token=", app.base))
                .unwrap(),
        );
        let (status, problem) = app
            .post(
                "/api/v1/auth/password-reset/complete",
                json!({ "token": token, "password": "zu kurz" }),
                None,
            )
            .await;
        assert_eq!(
            (status, problem["errors"][0]["field"].as_str()),
            (400, Some("password"))
        );
        let new_password = "Lausitzer Seenland im Herbstnebel";
        let (status, _) = app
            .post(
                "/api/v1/auth/password-reset/complete",
                json!({ "token": token, "password": new_password }),
                None,
            )
            .await;
        assert_eq!(status, 204, "{backend:?}");
        assert_eq!(
            app.get_as("/api/v1/me", &old_session).await.0,
            401,
            "old sessions survive a reset"
        );
        app.login("frida@beispiel.de", new_password).await;
        let (status, _) = app
            .post(
                "/api/v1/auth/password-reset/complete",
                json!({ "token": token, "password": "Noch ein ganz anderes Passwort" }),
                None,
            )
            .await;
        assert_eq!(status, 400, "a reset link works twice");
    }
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let app = TestApp::spawn(backends()[0], false).await;
    app.register("gerd@beispiel.de", None).await;
    let here = app.login("gerd@beispiel.de", PASSWORD).await;
    let elsewhere = app.login("gerd@beispiel.de", PASSWORD).await;
    let (status, problem) = app.post("/api/v1/me/password", json!({ "current_password": "falsch falsch", "new_password": "Ein neues langes Passwort hier" }), Some(&here)).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (400, Some("current_password"))
    );
    let (status, _) = app.post("/api/v1/me/password", json!({ "current_password": PASSWORD, "new_password": "Ein neues langes Passwort hier" }), Some(&here)).await;
    assert_eq!(status, 204);
    assert_eq!(app.get_as("/api/v1/me", &here).await.0, 200);
    assert_eq!(app.get_as("/api/v1/me", &elsewhere).await.0, 401);
    let (status, _, _) = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/me/sessions",
            None,
            Some(&here),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        app.get_as("/api/v1/me", &here).await.0,
        401,
        "sign out everywhere left this session"
    );
}

#[tokio::test]
async fn export_holds_the_personal_data_and_no_secret_and_erasure_keeps_counts_and_frees_seats() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        app.register("hanna@beispiel.de", Some(json!({ "name": "Oderland Metall", "sector": "C", "staff_count": 8, "county": "12064" }))).await;
        let cookie = app.login("hanna@beispiel.de", PASSWORD).await;
        // A registration of hers, made in the store (her address is not confirmed).
        let (_, me) = app.get_as("/api/v1/me", &cookie).await;
        let hanna = uuid::Uuid::parse_str(me["id"].as_str().unwrap()).unwrap();
        let first = common::first_offering(&app.client, &app.base).await;
        let detail = lotse_store::catalogue::offering(
            &app.db,
            uuid::Uuid::parse_str(first["id"].as_str().unwrap()).unwrap(),
            jiff::Timestamp::now(),
        )
        .await
        .unwrap()
        .unwrap();
        lotse_store::booking::register(
            &app.db,
            detail.sessions[0].id,
            &[hanna],
            hanna,
            jiff::Timestamp::now(),
            &|| "EXPORTTICKET00000001".to_owned(),
            Box::new(|_| None),
        )
        .await
        .unwrap();
        let (_, token) = app
            .post(
                "/api/v1/me/tokens",
                json!({ "name": "Export" }),
                Some(&cookie),
            )
            .await;
        let r = app
            .client
            .get(format!("{}/api/v1/me/export", app.base))
            .header("cookie", format!("lotse_session={cookie}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("attachment")
        );
        let export: Value = r.json().await.unwrap();
        assert_eq!(export["person"]["email"], "hanna@beispiel.de");
        assert_eq!(export["companies"][0]["name"], "Oderland Metall");
        assert_eq!(export["consents"][0]["notice"], "privacy");
        let registrations = export["registrations"].as_array().unwrap();
        assert_eq!(registrations.len(), 1, "{backend:?}: {export}");
        assert_eq!(registrations[0]["ticket_code"], "EXPORTTICKET00000001");
        assert_eq!(registrations[0]["status"], "confirmed");
        assert_eq!(registrations[0]["offering"], first["title"]);
        assert!(
            export["digitalisierungs_checks"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert!(export["consents"][0]["version"].is_string());
        let text = export.to_string();
        let hash: String = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT password_hash FROM people WHERE email = 'hanna@beispiel.de'").fetch_one(pool).await.unwrap()
        });
        for secret in [
            hash.as_str(),
            cookie.as_str(),
            token["token"].as_str().unwrap(),
            "$argon2",
        ] {
            assert!(
                !text.contains(secret),
                "{backend:?}: the export contains a secret"
            );
        }

        let person_id = export["person"]["id"].as_str().unwrap().to_owned();
        // Her seat in the upcoming session is the last one; Otto waits for it. And a
        // session she attended in the past.
        let session = detail.sessions[0].id;
        lotse_store::on_writer!(&app.db, pool => {
            sqlx::query("UPDATE sessions SET capacity = confirmed_count WHERE id = $1")
                .bind(session).execute(pool).await.unwrap();
        });
        let otto = lotse_store::accounts::create_person(
            &app.db,
            &lotse_store::accounts::NewPerson {
                email: "otto@beispiel.de".into(),
                name: "Otto Lehmann".into(),
                password_hash: None,
                confirmed: true,
                language: "de".into(),
            },
            &lotse_store::accounts::Affiliation::None,
            None,
            lotse_store::now_seconds(),
        )
        .await
        .unwrap()
        .person_id;
        let waiting = lotse_store::booking::register(
            &app.db,
            session,
            &[otto],
            otto,
            jiff::Timestamp::now(),
            &|| "NEVERISSUED000000001".to_owned(),
            Box::new(|_| None),
        )
        .await
        .unwrap();
        assert_eq!(
            waiting[0].status,
            lotse_core::booking::RegistrationStatus::Waitlisted
        );
        let past = detail.sessions[1].id;
        lotse_store::booking::register(
            &app.db,
            past,
            &[hanna],
            hanna,
            jiff::Timestamp::now(),
            &|| "PASTTICKET0000000001".to_owned(),
            Box::new(|_| None),
        )
        .await
        .unwrap();
        lotse_store::on_writer!(&app.db, pool => {
            sqlx::query("UPDATE sessions SET starts_at = starts_at - 400 * 86400, ends_at = ends_at - 400 * 86400, registration_deadline = registration_deadline - 400 * 86400 WHERE id = $1")
                .bind(past).execute(pool).await.unwrap();
            sqlx::query("UPDATE registrations SET status = 'attended' WHERE session_id = $1 AND person_id = $2")
                .bind(past).bind(hanna).execute(pool).await.unwrap();
        });
        // A private calendar feed, and mails to the address, before the erasure.
        let (status, feed) = app
            .post("/api/v1/me/calendar-feed", json!({}), Some(&cookie))
            .await;
        assert_eq!(status, 201);
        let feed_path = feed["url"]
            .as_str()
            .and_then(|u| u.find("/ical/").map(|i| u[i..].to_owned()))
            .unwrap_or_else(|| panic!("no feed address in {feed}"));
        assert_eq!(app.text(&feed_path).await.0, 200);
        let mails = |address: &'static str| {
            let db = app.db.clone();
            async move {
                let n: i64 = lotse_store::on_reader!(&db, pool => {
                    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1")
                        .bind(address).fetch_one(pool).await.unwrap()
                });
                n
            }
        };
        assert!(
            mails("hanna@beispiel.de").await > 0,
            "{backend:?}: no mail to erase"
        );
        let (status, _, _) = app
            .send(reqwest::Method::DELETE, "/api/v1/me", None, Some(&cookie))
            .await;
        assert_eq!(status, 204);
        assert_eq!(
            app.text(&feed_path).await.0,
            404,
            "{backend:?}: the calendar feed outlived the erasure"
        );
        assert_eq!(
            mails("hanna@beispiel.de").await,
            0,
            "{backend:?}: mails to the erased address remain"
        );
        assert_eq!(app.get_as("/api/v1/me", &cookie).await.0, 401);
        let bearer = app
            .client
            .get(format!("{}/api/v1/me", app.base))
            .bearer_auth(token["token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(bearer.status().as_u16(), 401, "tokens survive erasure");
        let refused = app
            .post(
                "/api/v1/auth/login",
                json!({ "email": "hanna@beispiel.de", "password": PASSWORD }),
                None,
            )
            .await;
        assert_eq!(refused.0, 401);
        let (email, name, learners): (String, String, i64) = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_as("SELECT p.email, p.name, (SELECT COUNT(*) FROM memberships m WHERE m.person_id = p.id AND m.role = 'learner') FROM people p WHERE p.id = $1")
                .bind(uuid::Uuid::parse_str(&person_id).unwrap())
                .fetch_one(pool).await.unwrap()
        });
        assert!(
            !email.contains("hanna") && !name.contains("Anna"),
            "{email} {name}"
        );
        assert_eq!(
            learners, 1,
            "the company's count of learners lost the person"
        );
        let statuses: Vec<(String, Option<String>)> = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_as("SELECT status, ticket_code FROM registrations WHERE person_id = $1 ORDER BY status")
                .bind(hanna)
                .fetch_all(pool).await.unwrap()
        });
        assert_eq!(
            statuses,
            [("attended".into(), None), ("cancelled".into(), None)],
            "{backend:?}: the past participation stays for the figures, the upcoming seat is given up; no ticket stays"
        );
        // Otto moved up into her seat, with a ticket, and is told.
        let (status, ticket): (String, Option<String>) = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_as("SELECT status, ticket_code FROM registrations WHERE id = $1")
                .bind(waiting[0].id)
                .fetch_one(pool).await.unwrap()
        });
        assert_eq!(
            status, "confirmed",
            "{backend:?}: the freed seat stayed empty"
        );
        assert!(ticket.is_some_and(|t| t != "NEVERISSUED000000001"));
        let told: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = 'otto@beispiel.de' AND subject LIKE 'Ein Platz ist frei geworden%'")
                .fetch_one(pool).await.unwrap()
        });
        assert_eq!(told, 1, "{backend:?}: Otto was not told");
        // Nothing names her any more: her address and name appear in no table, her id
        // only in the rows kept, pseudonymous, for the figures and the audit trail.
        for (table, row) in every_row(&app.db).await {
            assert!(
                !row.contains("hanna@beispiel.de") && !row.contains("Anna Schulz"),
                "{backend:?}: {table} still names her: {row}"
            );
            let id_shown = row.contains(&person_id)
                || row.contains(&person_id.replace('-', "").to_uppercase());
            assert!(
                !id_shown
                    || [
                        "people",
                        "registrations",
                        "memberships",
                        "assessments",
                        "audit_log"
                    ]
                    .contains(&table.as_str()),
                "{backend:?}: {table} still holds her id: {row}"
            );
        }
        // The address is free again.
        assert_eq!(app.register("hanna@beispiel.de", None).await.0, 201);
    }
}

#[tokio::test]
async fn staff_create_confirmed_accounts_within_their_rights_and_admins_read_the_audit_log() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = app.login("staff@demo.lotse.de", "demo-lotse-2026").await;
        let learner = app.login("learner@demo.lotse.de", "demo-lotse-2026").await;
        let admin = app.login("admin@demo.lotse.de", "demo-lotse-2026").await;
        let (_, me) = app.get_as("/api/v1/me", &learner).await;
        let company = me["organizations"][0]["id"].as_str().unwrap().to_owned();
        let body = json!({ "email": "telefon@beispiel.de", "name": "Ilse Telefon", "password": "Anmeldung per Telefon im Mai", "company_id": company });
        assert_eq!(
            app.post("/api/v1/admin/people", body.clone(), None).await.0,
            401
        );
        assert_eq!(
            app.post("/api/v1/admin/people", body.clone(), Some(&learner))
                .await
                .0,
            403
        );
        let (status, person) = app
            .post("/api/v1/admin/people", body.clone(), Some(&staff))
            .await;
        assert_eq!(status, 201, "{backend:?}: {person}");
        assert_eq!(person["email_confirmed"], true);
        let ilse = app
            .login("telefon@beispiel.de", "Anmeldung per Telefon im Mai")
            .await;
        let (_, me) = app.get_as("/api/v1/me", &ilse).await;
        assert_eq!(me["roles"][0]["role"], "learner");
        assert_eq!(me["roles"][0]["organization"]["id"], company.as_str());
        assert_eq!(
            app.post("/api/v1/admin/people", body, Some(&staff)).await.0,
            409
        );
        let promote = json!({ "email": "neu@beispiel.de", "name": "Neu", "roles": ["admin"] });
        assert_eq!(
            app.post("/api/v1/admin/people", promote.clone(), Some(&staff))
                .await
                .0,
            400,
            "staff made an admin"
        );
        assert_eq!(
            app.post("/api/v1/admin/people", promote, Some(&admin))
                .await
                .0,
            201
        );
        let unknown_company =
            json!({ "email": "x@beispiel.de", "name": "X", "company_id": uuid::Uuid::now_v7() });
        assert_eq!(
            app.post("/api/v1/admin/people", unknown_company, Some(&staff))
                .await
                .0,
            400
        );

        // The admin page reads the log as sentences, filtered, in the admin's language.
        let (_, staff_me) = app.get_as("/api/v1/me", &staff).await;
        let staff_name = staff_me["name"].as_str().unwrap().to_owned();
        let page = |query: &'static str, lang: &'static str| {
            let request = app
                .client
                .get(format!("{}/verwaltung?{query}", app.base))
                .header(
                    "cookie",
                    format!("lotse_session={admin}; lotse_lang={lang}"),
                );
            async move { request.send().await.unwrap().text().await.unwrap() }
        };
        let german = page("action=person.created", "de").await;
        assert!(
            german.contains(&format!(
                "{staff_name} hat das Konto von Ilse Telefon angelegt."
            )),
            "{backend:?}: {german}"
        );
        let english = page("action=person", "en").await;
        assert!(
            english.contains(&format!(
                "{staff_name} created the account of Ilse Telefon."
            )),
            "{backend:?}"
        );
        let other = page("action=login.failed", "de").await;
        assert!(
            !other.contains("Ilse Telefon angelegt"),
            "{backend:?}: the filter let it through"
        );
        let later = page("action=person&from=2999-01-01", "de").await;
        assert!(
            later.contains("Keine Einträge für diesen Filter."),
            "{backend:?}"
        );
        // The same over the API, filtered, with the sentence in the asked language.
        let filtered: Value = app
            .client
            .get(format!(
                "{}/api/v1/admin/audit-log?action=person.created",
                app.base
            ))
            .header("cookie", format!("lotse_session={admin}"))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let items = filtered["items"].as_array().unwrap();
        assert!(!items.is_empty() && items.iter().all(|e| e["action"] == "person.created"));
        assert!(
            items.iter().any(|e| e["sentence"]
                == format!("{staff_name} created the account of Ilse Telefon.").as_str()),
            "{backend:?}: {filtered}"
        );
        assert_eq!(
            app.get_as("/api/v1/admin/audit-log?person=keine-id", &admin)
                .await
                .0,
            400
        );
        assert_eq!(app.get_as("/api/v1/admin/audit-log", &staff).await.0, 403);
        let (status, log) = app.get_as("/api/v1/admin/audit-log", &admin).await;
        assert_eq!(status, 200);
        let actions: Vec<&str> = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert!(
            actions.contains(&"person.created") && actions.contains(&"login.succeeded"),
            "{actions:?}"
        );
        let text = log.to_string();
        for secret in [&staff, &learner, &admin, &ilse] {
            assert!(
                !text.contains(secret.as_str()),
                "a session id is in the audit log"
            );
        }
        assert!(!text.contains("Anmeldung per Telefon im Mai") && !text.contains("$argon2"));
    }
}

#[tokio::test]
async fn demo_accounts_exist_with_their_roles() {
    let app = TestApp::spawn(backends()[0], true).await;
    for (email, role) in [
        ("admin@demo.lotse.de", "admin"),
        ("staff@demo.lotse.de", "staff"),
        ("partner@demo.lotse.de", "partner_editor"),
        ("social@demo.lotse.de", "social_partner"),
        ("company@demo.lotse.de", "company_admin"),
        ("learner@demo.lotse.de", "learner"),
    ] {
        let cookie = app.login(email, "demo-lotse-2026").await;
        let (_, me) = app.get_as("/api/v1/me", &cookie).await;
        let roles: Vec<&str> = me["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["role"].as_str().unwrap())
            .collect();
        assert!(roles.contains(&role), "{email}: {roles:?}");
    }
    let company = app.login("company@demo.lotse.de", "demo-lotse-2026").await;
    let learner = app.login("learner@demo.lotse.de", "demo-lotse-2026").await;
    let (_, a) = app.get_as("/api/v1/me", &company).await;
    let (_, b) = app.get_as("/api/v1/me", &learner).await;
    assert_eq!(
        a["organizations"][0]["id"], b["organizations"][0]["id"],
        "the learner works for the company admin's company"
    );
}

/// Every row of every table of lotse's schema as text: SQLite quotes each value (ids
/// as X'…' hex), PostgreSQL writes the row as a composite (ids with dashes).
async fn every_row(db: &lotse_store::Db) -> Vec<(String, String)> {
    use lotse_store::Db;
    let mut out = Vec::new();
    match db {
        Db::Sqlite { read, .. } => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
            )
            .fetch_all(read)
            .await
            .unwrap();
            for table in tables {
                let columns: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
                        .bind(&table)
                        .fetch_all(read)
                        .await
                        .unwrap();
                let row = columns
                    .iter()
                    .map(|c| format!("quote(\"{c}\")"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT {row} FROM \"{table}\""
                )))
                .fetch_all(read)
                .await
                .unwrap();
                out.extend(rows.into_iter().map(|r| (table.clone(), r)));
            }
        }
        Db::Postgres { pool, .. } => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                   AND table_name NOT LIKE '_sqlx%'",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for table in tables {
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT t::text FROM \"{table}\" t"
                )))
                .fetch_all(pool)
                .await
                .unwrap();
                out.extend(rows.into_iter().map(|r| (table.clone(), r)));
            }
        }
    }
    assert!(out.len() > 100, "the dump found too little: {}", out.len());
    out
}
