//! Materials, on both backends: editors add files and links to an offering or a
//! session, for everyone or for participants; who sees and downloads what (confirmed,
//! attended, waitlisted, cancelled, other people, anonymous visitors, another
//! session's participants); bad files, names, links and sizes refused with nothing
//! kept; removal takes the file from the disk.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, person_with_token};
use lotse_core::accounts::{Membership, Role, Scope};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use uuid::Uuid;

const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

fn file(name: &str, content_type: &str, bytes: &[u8]) -> Part {
    Part::bytes(bytes.to_vec())
        .file_name(name.to_owned())
        .mime_str(content_type)
        .unwrap()
}

async fn send_form(app: &TestApp, path: &str, token: &str, form: Form) -> (u16, Value) {
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .header("accept-language", "de")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn listed(app: &TestApp, path: &str, token: Option<&str>) -> Vec<String> {
    let mut request = app.client.get(format!("{}{path}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let r = request.send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let body: Value = r.json().await.unwrap();
    let mut titles: Vec<String> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    titles
}

async fn download(app: &TestApp, id: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/materialien/{id}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

async fn post_json(app: &TestApp, path: &str, token: &str, body: Value) -> (u16, Value) {
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

/// A staff token, an offering with two sessions of one seat each, and its partner.
async fn offering_with_two_sessions(app: &TestApp) -> (String, String, String, String, String) {
    let (_, staff, _) = person_with_token(
        app,
        vec![Membership {
            role: Role::Staff,
            scope: Scope::Center,
        }],
    )
    .await;
    let (_, _, partners) = app.json("/api/v1/partners").await;
    let partner = partners["items"][0]["id"].as_str().unwrap().to_owned();
    let (status, created) = post_json(app, "/api/v1/offerings", &staff, json!({
        "kind": "workshop", "title": "Folien für alle", "summary": "Kurz.", "description": "Lang.",
        "learning_outcomes": ["Eins"], "topics": ["strategie"], "audiences": ["beschaeftigte"],
        "duration_hours": 3, "format": "presence", "partner_id": partner, "price_cents": 0,
        "language": "de", "level": "basic"
    }))
    .await;
    assert_eq!(status, 201, "{created}");
    let offering = created["id"].as_str().unwrap().to_owned();
    let mut sessions = Vec::new();
    for day in ["2031-10-06", "2031-10-13"] {
        let (status, s) = post_json(
            app,
            &format!("/api/v1/offerings/{offering}/sessions"),
            &staff,
            json!({ "starts_at": format!("{day}T09:00"), "ends_at": format!("{day}T12:00"),
                    "capacity": 1, "online_link": "https://meet.example.org/folien" }),
        )
        .await;
        assert_eq!(status, 201, "{s}");
        sessions.push(s["id"].as_str().unwrap().to_owned());
    }
    (
        staff,
        partner,
        offering,
        sessions[0].clone(),
        sessions[1].clone(),
    )
}

#[tokio::test]
async fn participants_see_their_materials_and_nobody_else_does() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let dir = app.state.config.materials.dir.clone();
        let (staff, _, offering, first, second) = offering_with_two_sessions(&app).await;

        // Four materials: a PDF for the first session's participants, a link for all
        // participants of the offering, a picture for everyone, and a PDF for the
        // second session's participants.
        let (status, slides) = send_form(
            &app,
            &format!("/api/v1/sessions/{first}/materials"),
            &staff,
            Form::new()
                .part(
                    "file",
                    file("Folien Teil 1 (März).pdf", "application/pdf", PDF),
                )
                .text("audience", "participants"),
        )
        .await;
        assert_eq!(status, 201, "{backend:?}: {slides}");
        assert_eq!(slides["title"], "Folien Teil 1 (März).pdf");
        assert_eq!(slides["kind"], "file");
        assert_eq!(slides["size_bytes"], PDF.len());
        assert_eq!(slides["session_id"].as_str(), Some(first.as_str()));
        let slides_id = slides["id"].as_str().unwrap().to_owned();
        let (status, recording) = send_form(
            &app,
            &format!("/api/v1/offerings/{offering}/materials"),
            &staff,
            Form::new()
                .text("url", "https://cloud.example.org/s/aufzeichnung")
                .text("title", "Aufzeichnung")
                .text("audience", "participants"),
        )
        .await;
        assert_eq!(status, 201, "{recording}");
        assert_eq!(recording["kind"], "link");
        let (status, poster) = send_form(
            &app,
            &format!("/api/v1/offerings/{offering}/materials"),
            &staff,
            Form::new()
                .part("file", file("plakat.png", "image/png", PNG))
                .text("title", "Plakat")
                .text("audience", "everyone"),
        )
        .await;
        assert_eq!(status, 201, "{poster}");
        let poster_id = poster["id"].as_str().unwrap().to_owned();
        let (status, other) = send_form(
            &app,
            &format!("/api/v1/sessions/{second}/materials"),
            &staff,
            Form::new()
                .part(
                    "file",
                    file("zweiter-termin.pdf", "application/octet-stream", PDF),
                )
                .text("audience", "participants"),
        )
        .await;
        assert_eq!(status, 201, "{other}");
        let other_id = other["id"].as_str().unwrap().to_owned();
        assert_eq!(files_in(&dir), 3, "three files kept, the link is none");

        // People: a seat in the first session, its waitlist, one who cancelled, a seat
        // in the second session, and somebody unrelated.
        let book = |session: String, token: String| {
            let app = &app;
            async move {
                post_json(
                    app,
                    &format!("/api/v1/sessions/{session}/registrations"),
                    &token,
                    json!({}),
                )
                .await
            }
        };
        let (_, seated, _) = person_with_token(&app, Vec::new()).await;
        let (_, waiting, _) = person_with_token(&app, Vec::new()).await;
        let (_, second_seat, _) = person_with_token(&app, Vec::new()).await;
        let (_, stranger, _) = person_with_token(&app, Vec::new()).await;
        let (_, cancelled, _) = person_with_token(&app, Vec::new()).await;
        assert_eq!(book(first.clone(), cancelled.clone()).await.0, 201);
        let mine = app
            .client
            .get(format!("{}/api/v1/me/registrations", app.base))
            .bearer_auth(&cancelled)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap();
        let registration = mine["items"][0]["id"].as_str().unwrap().to_owned();
        let r = app
            .client
            .delete(format!("{}/api/v1/registrations/{registration}", app.base))
            .bearer_auth(&cancelled)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        assert_eq!(book(first.clone(), seated.clone()).await.0, 201);
        let (_, waitlisted) = book(first.clone(), waiting.clone()).await;
        assert_eq!(
            waitlisted["items"][0]["status"], "waitlisted",
            "{waitlisted}"
        );
        assert_eq!(book(second.clone(), second_seat.clone()).await.0, 201);

        // Lists of the offering, as each sees them.
        let offering_list = format!("/api/v1/offerings/{offering}/materials");
        let everyone = vec!["Plakat".to_owned()];
        assert_eq!(
            listed(&app, &offering_list, None).await,
            everyone,
            "{backend:?}"
        );
        for token in [&waiting, &cancelled, &stranger] {
            assert_eq!(listed(&app, &offering_list, Some(token)).await, everyone);
        }
        assert_eq!(
            listed(&app, &offering_list, Some(&seated)).await,
            ["Aufzeichnung", "Folien Teil 1 (März).pdf", "Plakat"]
        );
        assert_eq!(
            listed(&app, &offering_list, Some(&second_seat)).await,
            ["Aufzeichnung", "Plakat", "zweiter-termin.pdf"]
        );
        assert_eq!(listed(&app, &offering_list, Some(&staff)).await.len(), 4);
        assert_eq!(
            listed(
                &app,
                &format!("/api/v1/sessions/{second}/materials"),
                Some(&staff)
            )
            .await,
            ["Aufzeichnung", "Plakat", "zweiter-termin.pdf"],
            "a session's list has the offering's and its own"
        );

        // Downloads: the file itself, as an attachment that nothing runs.
        let r = download(&app, &slides_id, Some(&seated)).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert_eq!(
            r.headers()["content-disposition"],
            "attachment; filename=\"Folien Teil 1 (M_rz).pdf\"; filename*=UTF-8''Folien%20Teil%201%20%28M%C3%A4rz%29.pdf"
        );
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert!(
            r.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .starts_with("sandbox"),
        );
        assert_eq!(r.headers()["cache-control"], "private, no-store");
        assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
        for token in [&waiting, &cancelled, &stranger, &second_seat] {
            assert_eq!(download(&app, &slides_id, Some(token)).await.status(), 404);
        }
        assert_eq!(
            download(&app, &other_id, Some(&seated)).await.status(),
            404,
            "another session's"
        );
        // Anonymous visitors are asked to sign in; the public picture is theirs.
        let r = download(&app, &slides_id, None).await;
        assert_eq!(r.status(), 303);
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/anmelden")
        );
        let r = download(&app, &poster_id, None).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "image/png");
        // The link goes to its address for those who may see it.
        let link_id = recording["id"].as_str().unwrap();
        let r = download(&app, link_id, Some(&seated)).await;
        assert_eq!(
            r.headers()["location"],
            "https://cloud.example.org/s/aufzeichnung"
        );
        assert_eq!(download(&app, link_id, Some(&stranger)).await.status(), 404);
        assert_eq!(download(&app, "kein-material", None).await.status(), 404);

        // Pages: the public offering page shows only the picture; "Meine Anmeldungen"
        // of a seat holder shows the session's materials, the waitlist's does not.
        let (_, page) = app.text(&format!("/angebote/{offering}")).await;
        assert!(
            page.contains("Plakat") && !page.contains("Folien Teil 1"),
            "{backend:?}"
        );
        let seated_cookie = cookie_for(&app, &seated).await;
        let (_, registrations) = app.text_as("/konto/anmeldungen", &seated_cookie).await;
        assert!(
            registrations.contains(&format!("/materialien/{slides_id}")),
            "{registrations}"
        );
        assert!(!registrations.contains(&other_id));
        let waiting_cookie = cookie_for(&app, &waiting).await;
        let (_, registrations) = app.text_as("/konto/anmeldungen", &waiting_cookie).await;
        assert!(!registrations.contains(&slides_id));

        // Attended, and after the session: still there.
        let ticket = app
            .client
            .get(format!("{}/api/v1/me/registrations", app.base))
            .bearer_auth(&seated)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()["items"][0]["ticket"]
            .as_str()
            .unwrap()
            .to_owned();
        let (status, body) = post_json(
            &app,
            &format!("/api/v1/sessions/{first}/checkins"),
            &staff,
            json!({ "ticket": ticket }),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let past = lotse_store::now_seconds() - 3600;
        let session_id: Uuid = first.parse().unwrap();
        match &app.db {
            lotse_store::Db::Sqlite { write, .. } => {
                sqlx::query("UPDATE sessions SET starts_at = $1, ends_at = $2, registration_deadline = $1 WHERE id = $3")
                    .bind(past - 7200).bind(past).bind(session_id).execute(write).await.unwrap();
            }
            lotse_store::Db::Postgres { pool, .. } => {
                sqlx::query("UPDATE sessions SET starts_at = $1, ends_at = $2, registration_deadline = $1 WHERE id = $3")
                    .bind(past - 7200).bind(past).bind(session_id).execute(pool).await.unwrap();
            }
        }
        assert_eq!(
            download(&app, &slides_id, Some(&seated)).await.status(),
            200,
            "{backend:?}"
        );

        // Removal takes row and file; the download is gone, a second removal finds
        // nothing, and another partner's editor could not have done it.
        let remove = |id: String, token: String| {
            let app = &app;
            async move {
                app.client
                    .delete(format!("{}/api/v1/materials/{id}", app.base))
                    .bearer_auth(token)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        };
        assert_eq!(remove(slides_id.clone(), seated.clone()).await, 403);
        assert_eq!(remove(slides_id.clone(), staff.clone()).await, 204);
        assert_eq!(files_in(&dir), 2);
        assert!(!dir.join(slides_id.replace('-', "")).exists());
        assert_eq!(
            download(&app, &slides_id, Some(&seated)).await.status(),
            404
        );
        assert_eq!(remove(slides_id.clone(), staff.clone()).await, 404);
    }
}

/// A session cookie for the person of `token` (made through the store, as sign-in
/// would).
async fn cookie_for(app: &TestApp, token: &str) -> String {
    let me = app
        .client
        .get(format!("{}/api/v1/me", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let person: Uuid = me["id"].as_str().unwrap().parse().unwrap();
    let secret = format!("sitzung-{}", Uuid::now_v7().simple());
    lotse_store::accounts::create_session(
        &app.db,
        &lotse_web::http::auth::hash_secret(&secret),
        person,
        app.state.config.session_limits,
        "127.0.0.1",
        "test",
        lotse_store::now_seconds(),
    )
    .await
    .unwrap();
    format!("{}={secret}", lotse_web::http::auth::SESSION_COOKIE)
}

#[tokio::test]
async fn bad_files_names_links_and_sizes_are_refused_and_nothing_is_kept() {
    for backend in backends() {
        let web = lotse_web::WebConfig {
            materials: lotse_web::materials::service::MaterialSettings {
                dir: std::path::PathBuf::new(),
                max_bytes: 1024 * 1024,
            },
            ..lotse_web::WebConfig::default()
        };
        let app = TestApp::spawn_with(backend, true, web).await;
        let dir = app.state.config.materials.dir.clone();
        let (staff, partner, offering, first, _) = offering_with_two_sessions(&app).await;
        let path = format!("/api/v1/offerings/{offering}/materials");
        let refused = |form: Form| {
            let (app, path, staff) = (&app, path.clone(), staff.clone());
            async move { send_form(app, &path, &staff, form).await }
        };
        let cases: Vec<(&str, Form, &str, &str)> = vec![
            (
                "wrong extension",
                Form::new()
                    .part("file", file("seite.html", "text/html", b"<script>"))
                    .text("audience", "everyone"),
                "file",
                "Dateiart",
            ),
            (
                "lying content type",
                Form::new()
                    .part("file", file("folien.pdf", "text/html", PDF))
                    .text("audience", "everyone"),
                "file",
                "keine echte pdf-Datei",
            ),
            (
                "bytes of another kind",
                Form::new()
                    .part("file", file("bild.png", "image/png", PDF))
                    .text("audience", "everyone"),
                "file",
                "keine echte png-Datei",
            ),
            (
                "path in the name",
                Form::new()
                    .part("file", file("../../etc/folien.pdf", "application/pdf", PDF))
                    .text("audience", "everyone"),
                "file",
                "Ordner",
            ),
            (
                "over the limit",
                Form::new()
                    .part(
                        "file",
                        file(
                            "gross.pdf",
                            "application/pdf",
                            &[PDF, &vec![b' '; 1024 * 1024]].concat(),
                        ),
                    )
                    .text("audience", "everyone"),
                "file",
                "größer als 1 MB",
            ),
            (
                "not a web link",
                Form::new()
                    .text("url", "javascript:alert(1)")
                    .text("audience", "everyone"),
                "url",
                "https://",
            ),
            (
                "file and link",
                Form::new()
                    .part("file", file("folien.pdf", "application/pdf", PDF))
                    .text("url", "https://example.org/a")
                    .text("audience", "everyone"),
                "url",
                "nicht beides",
            ),
            (
                "neither",
                Form::new()
                    .text("audience", "everyone")
                    .text("title", "Leer"),
                "file",
                "entweder",
            ),
            (
                "no audience",
                Form::new().part("file", file("folien.pdf", "application/pdf", PDF)),
                "audience",
                "everyone",
            ),
        ];
        for (what, form, field, says) in cases {
            let (status, problem) = refused(form).await;
            assert_eq!(status, 400, "{backend:?} {what}: {problem}");
            let errors = problem["errors"].as_array().unwrap();
            assert!(
                errors
                    .iter()
                    .any(|e| e["field"] == field && e["message"].as_str().unwrap().contains(says)),
                "{what}: {problem}"
            );
        }
        // Far over the limit: refused before it is read.
        let (status, problem) = refused(
            Form::new()
                .part(
                    "file",
                    file(
                        "riesig.pdf",
                        "application/pdf",
                        &vec![b'x'; 3 * 1024 * 1024],
                    ),
                )
                .text("audience", "everyone"),
        )
        .await;
        assert_eq!(status, 413, "{problem}");
        // Not JSON, not multipart.
        let r = app
            .client
            .post(format!("{}{path}", app.base))
            .bearer_auth(&staff)
            .json(&json!({ "url": "https://example.org" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        // In English for English readers.
        let r = app
            .client
            .post(format!("{}{path}", app.base))
            .bearer_auth(&staff)
            .header("accept-language", "en")
            .multipart(
                Form::new()
                    .part("file", file("seite.html", "text/html", b"x"))
                    .text("audience", "everyone"),
            )
            .send()
            .await
            .unwrap();
        let problem: Value = r.json().await.unwrap();
        assert!(
            problem["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("kind of file"),
            "{problem}"
        );

        // Who may not add: another partner's editor, a learner, nobody signed in.
        let other_partner = {
            let (_, _, partners) = app.json("/api/v1/partners").await;
            partners["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap().to_owned())
                .find(|p| *p != partner)
                .unwrap()
        };
        let (_, editor, _) = person_with_token(
            &app,
            vec![Membership {
                role: Role::PartnerEditor,
                scope: Scope::Partner(other_partner.parse().unwrap()),
            }],
        )
        .await;
        let (_, learner, _) = person_with_token(&app, Vec::new()).await;
        for (token, path, refusal) in [
            (&editor, path.clone(), 404),
            (&learner, path.clone(), 403),
            (&editor, format!("/api/v1/sessions/{first}/materials"), 404),
        ] {
            let (status, _) = send_form(
                &app,
                &path,
                token,
                Form::new()
                    .part("file", file("folien.pdf", "application/pdf", PDF))
                    .text("audience", "everyone"),
            )
            .await;
            assert_eq!(status, refusal, "{path}");
        }
        let r = app
            .client
            .post(format!("{}{path}", app.base))
            .multipart(
                Form::new()
                    .text("url", "https://example.org")
                    .text("audience", "everyone"),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let (status, _) = send_form(
            &app,
            &format!("/api/v1/offerings/{}/materials", Uuid::now_v7()),
            &staff,
            Form::new()
                .text("url", "https://example.org")
                .text("audience", "everyone"),
        )
        .await;
        assert_eq!(status, 404);

        // Nothing of it was kept.
        assert_eq!(files_in(&dir), 0, "{backend:?}");
        assert!(listed(&app, &path, Some(&staff)).await.is_empty());
    }
}

#[tokio::test]
async fn editors_add_and_remove_materials_on_the_offerings_page() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, offering, first, _) = offering_with_two_sessions(&app).await;
        let cookie = common::staff_cookie(&app.client, &app.base).await;
        let page = format!("/angebote/{offering}");
        let editor = format!("/redaktion/angebote/{offering}");
        let post = |form: Form| {
            let (app, cookie, editor) = (&app, cookie.clone(), editor.clone());
            async move {
                let r = app
                    .client
                    .post(format!("{}{editor}/materialien", app.base))
                    .header("cookie", cookie)
                    .header("origin", &app.base)
                    .multipart(form)
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                let location = r
                    .headers()
                    .get("location")
                    .map(|l| l.to_str().unwrap().to_owned());
                (status, location, r.text().await.unwrap())
            }
        };
        // The form sends an empty file field when only a link is given.
        let (status, location, _) = post(
            Form::new()
                .part("file", Part::bytes(Vec::new()).file_name(""))
                .text("url", "https://cloud.example.org/s/handout")
                .text("title", "Handout im Netz")
                .text("audience", "everyone")
                .text("session_id", ""),
        )
        .await;
        assert_eq!(status, 303, "{backend:?}");
        assert!(location.unwrap().contains("hinweis=material"));
        let (status, _, _) = post(
            Form::new()
                .part(
                    "file",
                    file(
                        "teilnehmende.csv",
                        "text/csv",
                        "Name;Firma\nLea;Beispiel GmbH\n".as_bytes(),
                    ),
                )
                .text("title", "Liste für den Termin")
                .text("audience", "participants")
                .text("session_id", first.clone()),
        )
        .await;
        assert_eq!(status, 303);
        let (_, html) = app.text_as(&editor, &cookie).await;
        assert!(
            html.contains("Handout im Netz") && html.contains("Liste für den Termin"),
            "{html}"
        );
        assert!(html.contains("CSV · 1 kB"), "{html}");
        // A bad file: the page again, with the reason in German, nothing kept.
        let (status, _, html) = post(
            Form::new()
                .part("file", file("makro.exe", "application/octet-stream", b"MZ"))
                .text("audience", "everyone")
                .text("session_id", ""),
        )
        .await;
        assert_eq!(status, 400);
        assert!(
            html.contains("Datei: hat eine Dateiart, die lotse nicht aufbewahrt"),
            "{html}"
        );
        let (status, _, html) = post(
            Form::new()
                .text("url", "https://example.org/x")
                .text("audience", "everyone")
                .text("session_id", Uuid::now_v7().to_string()),
        )
        .await;
        assert_eq!(status, 400);
        assert!(html.contains("kein Termin dieses Angebots"), "{html}");
        // The public page shows the material for everyone only.
        let (_, public) = app.text(&page).await;
        assert!(public.contains("Handout im Netz") && !public.contains("Liste für den Termin"));

        // Removing.
        let id = lotse_store::catalogue::materials_of_offering(&app.db, offering.parse().unwrap())
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.title == "Handout im Netz")
            .unwrap()
            .id;
        let (status, location, _) = app
            .post_form(
                &format!("/redaktion/materialien/{id}/entfernen"),
                "",
                Some(&cookie),
            )
            .await;
        assert_eq!(status, 303);
        assert!(location.unwrap().contains("material-entfernt"));
        let (_, html) = app.text_as(&editor, &cookie).await;
        assert!(!html.contains("Handout im Netz"));
        let (status, _, _) = app
            .post_form(
                &format!("/redaktion/materialien/{id}/entfernen"),
                "",
                Some(&cookie),
            )
            .await;
        assert_eq!(status, 404);
    }
}
