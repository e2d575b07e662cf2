//! Companies and catalogue editing over HTTP, and what the logs must never contain.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ServerProcess, TestApp, backends};
use serde_json::{Value, json};

async fn login(app_base: &str, client: &reqwest::Client, email: &str, password: &str) -> String {
    let r = client
        .post(format!("{app_base}/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200, "login {email}");
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("lotse_session=")
        .to_owned()
}

async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    cookie: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut r = app
        .client
        .request(method, format!("{}{path}", app.base))
        .header("cookie", format!("lotse_session={cookie}"))
        .header("origin", app.base.clone());
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    (
        status,
        serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null),
    )
}

const DEMO: &str = "demo-lotse-2026";

#[tokio::test]
async fn a_company_admin_invites_an_employee_who_joins_and_can_leave() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let admin = login(&app.base, &app.client, "company@demo.lotse.de", DEMO).await;
        let (_, me) = call(&app, reqwest::Method::GET, "/api/v1/me", &admin, None).await;
        let company = me["organizations"][0]["id"].as_str().unwrap().to_owned();
        let (status, profile) = call(
            &app,
            reqwest::Method::GET,
            &format!("/api/v1/companies/{company}"),
            &admin,
            None,
        )
        .await;
        assert_eq!(status, 200);
        assert!(
            ["micro", "small", "medium", "large"]
                .contains(&profile["size_class"].as_str().unwrap())
        );
        let (status, _) = call(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/companies/{company}/invitations"),
            &admin,
            Some(json!({ "email": "Neu.Kollege@Beispiel.de" })),
        )
        .await;
        assert_eq!(status, 202, "{backend:?}");
        let mail = app
            .smtp
            .wait_for("neu.kollege@beispiel.de", "/einladung?token=")
            .await;
        let token = mail
            .link(&format!("{}/einladung?token=", app.base))
            .unwrap()
            .split("token=")
            .nth(1)
            .unwrap()
            .to_owned();

        // Somebody else cannot use the invitation.
        let other = login(&app.base, &app.client, "learner@demo.lotse.de", DEMO).await;
        let (status, _) = call(
            &app,
            reqwest::Method::POST,
            "/api/v1/invitations/accept",
            &other,
            Some(json!({ "token": token })),
        )
        .await;
        assert_eq!(status, 403);

        let r = app.client.post(format!("{}/api/v1/auth/register", app.base)).json(&json!({ "email": "neu.kollege@beispiel.de", "password": "Staplerschein seit zwanzig Jahren", "name": "Kai Kollege" })).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 201);
        let kai = login(
            &app.base,
            &app.client,
            "neu.kollege@beispiel.de",
            "Staplerschein seit zwanzig Jahren",
        )
        .await;
        let (status, joined) = call(
            &app,
            reqwest::Method::POST,
            "/api/v1/invitations/accept",
            &kai,
            Some(json!({ "token": token })),
        )
        .await;
        assert_eq!(
            status, 200,
            "the refused attempt of somebody else spent the invitation: {joined}"
        );
        let (status, _) = call(
            &app,
            reqwest::Method::POST,
            "/api/v1/invitations/accept",
            &kai,
            Some(json!({ "token": token })),
        )
        .await;
        assert_eq!(status, 400, "an invitation works twice");
        let (_, me) = call(&app, reqwest::Method::GET, "/api/v1/me", &kai, None).await;
        assert_eq!(me["organizations"][0]["id"], company.as_str());
        assert_eq!(
            me["email_confirmed"], true,
            "an accepted invitation proves the address"
        );
        let (_, members) = call(
            &app,
            reqwest::Method::GET,
            &format!("/api/v1/companies/{company}/members"),
            &admin,
            None,
        )
        .await;
        let kai_id = me["id"].as_str().unwrap();
        assert!(
            members["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["person_id"] == kai_id)
        );

        // The last admin cannot leave; an employee can be removed and can leave.
        let (status, _) = call(
            &app,
            reqwest::Method::DELETE,
            &format!("/api/v1/me/companies/{company}"),
            &admin,
            None,
        )
        .await;
        assert_eq!(status, 409);
        let (status, _) = call(
            &app,
            reqwest::Method::DELETE,
            &format!("/api/v1/companies/{company}/members/{kai_id}"),
            &admin,
            None,
        )
        .await;
        assert_eq!(status, 204);
        let (_, me) = call(&app, reqwest::Method::GET, "/api/v1/me", &kai, None).await;
        assert!(me["organizations"].as_array().unwrap().is_empty());
        let (status, _) = call(
            &app,
            reqwest::Method::DELETE,
            &format!("/api/v1/me/companies/{company}"),
            &other,
            None,
        )
        .await;
        assert_eq!(status, 204, "an employee can leave");
    }
}

#[tokio::test]
async fn partner_editors_edit_their_offerings_and_sessions_with_validation() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let editor = login(&app.base, &app.client, "partner@demo.lotse.de", DEMO).await;
        let (_, me) = call(&app, reqwest::Method::GET, "/api/v1/me", &editor, None).await;
        let partner = me["organizations"][0]["id"].as_str().unwrap().to_owned();
        let body = json!({
            "kind": "module", "title": "Routenplanung mit offenen Daten", "summary": "Touren planen mit offenen Geodaten.",
            "description": "Erster Absatz.\n\nZweiter Absatz.", "learning_outcomes": ["Sie können Touren planen."],
            "topics": ["logistik-4-0", "daten-ki"], "audiences": ["fach-fuehrungskraefte"], "duration_hours": 8,
            "format": "blended", "partner_id": partner, "price_cents": 0, "language": "de", "level": "intermediate"
        });
        let (status, created) = call(
            &app,
            reqwest::Method::POST,
            "/api/v1/offerings",
            &editor,
            Some(body.clone()),
        )
        .await;
        assert_eq!(status, 201, "{backend:?}: {created}");
        let id = created["id"].as_str().unwrap().to_owned();
        let mut bad = body.clone();
        bad["kind"] = json!("party");
        bad["topics"] = json!([]);
        bad["duration_hours"] = json!(0);
        let (status, problem) = call(
            &app,
            reqwest::Method::POST,
            "/api/v1/offerings",
            &editor,
            Some(bad),
        )
        .await;
        assert_eq!(status, 400);
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec!["kind", "duration_hours", "topics"]);

        let mut changed = body.clone();
        changed["title"] = json!("Routenplanung mit offenen Geodaten");
        let (status, _) = call(
            &app,
            reqwest::Method::PUT,
            &format!("/api/v1/offerings/{id}"),
            &editor,
            Some(changed),
        )
        .await;
        assert_eq!(status, 204);
        // A session across the change to summer time keeps its wall-clock hours.
        let (status, session) = call(&app, reqwest::Method::POST, &format!("/api/v1/offerings/{id}/sessions"), &editor,
            Some(json!({ "starts_at": "2031-03-28T09:00", "ends_at": "2031-03-31T16:00", "capacity": 16, "online_link": "https://konferenz.example.org/route" }))).await;
        assert_eq!(status, 201, "{session}");
        for (bad, field) in [
            (
                json!({ "starts_at": "2031-03-30T02:30", "ends_at": "2031-03-30T04:00", "capacity": 5, "online_link": "https://x.example" }),
                "starts_at",
            ),
            (
                json!({ "starts_at": "2031-05-01T10:00", "ends_at": "2031-05-01T09:00", "capacity": 5, "online_link": "https://x.example" }),
                "ends_at",
            ),
            (
                json!({ "starts_at": "2031-05-01T10:00", "ends_at": "2031-05-01T12:00", "capacity": 0, "online_link": "https://x.example" }),
                "capacity",
            ),
            (
                json!({ "starts_at": "2031-05-01T10:00", "ends_at": "2031-05-01T12:00", "capacity": 5 }),
                "place",
            ),
            (
                json!({ "starts_at": "morgen", "ends_at": "2031-05-01T12:00", "capacity": 5 }),
                "starts_at",
            ),
            (
                json!({ "starts_at": "2031-05-01T10:00", "ends_at": "2031-05-01T12:00", "capacity": 5, "place_id": uuid::Uuid::now_v7() }),
                "place_id",
            ),
        ] {
            let (status, problem) = call(
                &app,
                reqwest::Method::POST,
                &format!("/api/v1/offerings/{id}/sessions"),
                &editor,
                Some(bad.clone()),
            )
            .await;
            assert_eq!(status, 400, "{bad}: {problem}");
            assert_eq!(problem["errors"][0]["field"], field, "{bad}");
        }
        let detail: Value = app
            .client
            .get(format!("{}/api/v1/offerings/{id}", app.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(detail["title"], "Routenplanung mit offenen Geodaten");
        assert_eq!(detail["topics"], json!(["logistik-4-0", "daten-ki"]));
        let s = &detail["sessions"][0];
        assert_eq!(s["starts_at"], "2031-03-28T09:00:00+01:00");
        assert_eq!(s["ends_at"], "2031-03-31T16:00:00+02:00");
        assert_eq!(s["registration_deadline"], "2031-03-27T09:00:00+01:00");
        let session_id = session["id"].as_str().unwrap();
        let (status, _) = call(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/sessions/{session_id}/cancel"),
            &editor,
            None,
        )
        .await;
        assert_eq!(status, 204);
        let (status, _) = call(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/sessions/{session_id}/cancel"),
            &editor,
            None,
        )
        .await;
        assert_eq!(status, 409);
        let detail: Value = app
            .client
            .get(format!("{}/api/v1/offerings/{id}", app.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(detail["sessions"][0]["status"], "cancelled");

        // Withdrawing takes the offering out of the catalogue and cancels what was planned.
        let (status, _) = call(&app, reqwest::Method::POST, &format!("/api/v1/offerings/{id}/sessions"), &editor,
            Some(json!({ "starts_at": "2031-06-02T09:00", "ends_at": "2031-06-02T12:00", "capacity": 8, "online_link": "https://konferenz.example.org/r2" }))).await;
        assert_eq!(status, 201);
        let (status, _) = call(
            &app,
            reqwest::Method::DELETE,
            &format!("/api/v1/offerings/{id}"),
            &editor,
            None,
        )
        .await;
        assert_eq!(status, 204);
        let r = app
            .client
            .get(format!("{}/api/v1/offerings/{id}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 404);
        let list: Value = app
            .client
            .get(format!(
                "{}/api/v1/offerings?q=Routenplanung&limit=100",
                app.base
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|o| o["id"] != id.as_str()),
            "{backend:?}: withdrawn offering listed"
        );
        let planned: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE offering_id = $1 AND status = 'planned'")
                .bind(uuid::Uuid::parse_str(&id).unwrap())
                .fetch_one(pool).await.unwrap()
        });
        assert_eq!(
            planned, 0,
            "{backend:?}: a session of a withdrawn offering is still planned"
        );
        let (status, _) = call(
            &app,
            reqwest::Method::DELETE,
            &format!("/api/v1/offerings/{id}"),
            &editor,
            None,
        )
        .await;
        assert_eq!(status, 404);
    }
}

#[test]
fn no_log_line_contains_a_password_hash_session_id_or_token() {
    let dir = std::env::temp_dir().join(format!("lotse-logs-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let server = ServerProcess::start(&dir, &[("LOTSE_DEMO", "1"), ("LOTSE_LOG", "debug")]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let base = server.address.clone();
    let password = "Geheimnis im Spreewald 2031";
    let (cookie, token) = runtime.block_on(async {
        let client = reqwest::Client::new();
        client
            .post(format!("{base}/api/v1/auth/register"))
            .json(&json!({ "email": "logs@beispiel.de", "password": password, "name": "Logs" }))
            .send()
            .await
            .unwrap();
        let cookie = login(&base, &client, "logs@beispiel.de", password).await;
        let token: Value = client
            .post(format!("{base}/api/v1/me/tokens"))
            .header("cookie", format!("lotse_session={cookie}"))
            .header("origin", base.clone())
            .json(&json!({ "name": "Log" }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = token["token"].as_str().unwrap().to_owned();
        client
            .get(format!("{base}/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({ "email": "logs@beispiel.de", "password": "falsches Passwort hier" }))
            .send()
            .await
            .unwrap();
        client
            .post(format!("{base}/api/v1/auth/password-reset"))
            .json(&json!({ "email": "logs@beispiel.de" }))
            .send()
            .await
            .unwrap();
        (cookie, token)
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    let hash: String = runtime.block_on(async {
        let db = lotse_store::Db::connect(&format!("sqlite://{}/data/lotse.db", dir.display()), &lotse_store::DbOptions::default()).await.unwrap();
        lotse_store::on_reader!(&db, pool => {
            sqlx::query_scalar("SELECT password_hash FROM people WHERE email = 'logs@beispiel.de'").fetch_one(pool).await.unwrap()
        })
    });
    let lines = server.later.lock().unwrap().clone();
    assert!(server.terminate());
    assert!(lines.len() > 5, "too few log lines to judge: {lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("request")),
        "requests are not logged"
    );
    for line in &lines {
        for secret in [
            hash.as_str(),
            cookie.as_str(),
            token.as_str(),
            password,
            "falsches Passwort hier",
            "$argon2id$",
        ] {
            assert!(
                !line.contains(secret),
                "a log line contains a secret: {line}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}
