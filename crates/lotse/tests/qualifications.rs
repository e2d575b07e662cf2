//! Qualifications walked to the end: staff shape them (versioned), attendance completes
//! modules and qualifications in the same step, withdrawn attendance takes back what
//! rested on it, and "Mein Lernweg" shows where a learner stands. Both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, person_with_token};
use lotse_core::accounts::{Membership, Role, Scope};
use serde_json::{Value, json};

/// Calls the API with a bearer token.
struct Caller<'a> {
    app: &'a TestApp,
    token: String,
}

impl Caller<'_> {
    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self
            .app
            .client
            .request(method, format!("{}{path}", self.app.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// The caller's progress in `qualification`, from `GET /api/v1/me/qualifications`.
    async fn progress(&self, qualification: &str) -> Value {
        let mine = self
            .ok(reqwest::Method::GET, "/api/v1/me/qualifications", None)
            .await;
        mine.as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == qualification)
            .unwrap_or_else(|| panic!("{qualification} not in {mine}"))
            .clone()
    }

    async fn ok(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let (status, body) = self.send(method, path, body).await;
        assert!(status < 300, "{path}: {status} {body}");
        body
    }
}

fn day(offset: i64) -> jiff::civil::Date {
    jiff::Zoned::now()
        .with_time_zone(lotse_core::catalogue::berlin())
        .date()
        .checked_add(jiff::Span::new().days(offset))
        .unwrap()
}

/// An offering of `kind` with `hours` for `partner`, and a session of it `offset` days
/// ahead; returns (offering, session).
async fn offering_with_session(
    staff: &Caller<'_>,
    title: &str,
    kind: &str,
    hours: i64,
    partner: &str,
    offset: i64,
) -> (String, String) {
    let offering = staff
        .ok(
            reqwest::Method::POST,
            "/api/v1/offerings",
            Some(json!({
                "kind": kind, "title": title, "summary": "Kurz.", "description": "Lang.",
                "learning_outcomes": ["Sie können es."], "topics": ["logistik-4-0"],
                "audiences": ["beschaeftigte"], "duration_hours": hours, "format": "presence",
                "partner_id": partner, "price_cents": 0, "language": "de", "level": "basic",
            })),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let session = another_session(staff, &offering, offset).await;
    (offering, session)
}

async fn another_session(staff: &Caller<'_>, offering: &str, offset: i64) -> String {
    let d = day(offset);
    staff
        .ok(
            reqwest::Method::POST,
            &format!("/api/v1/offerings/{offering}/sessions"),
            Some(json!({
                "starts_at": format!("{d}T09:00"), "ends_at": format!("{d}T17:00"),
                "capacity": 20, "online_link": "https://konferenz.example.org/q",
            })),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Registers the caller for `session`; returns the registration's id.
async fn register(learner: &Caller<'_>, session: &str) -> String {
    learner
        .ok(
            reqwest::Method::POST,
            &format!("/api/v1/sessions/{session}/registrations"),
            Some(json!({})),
        )
        .await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Marks (or takes back) attendance; returns the answer.
async fn attendance(
    caller: &Caller<'_>,
    session: &str,
    registrations: &[&str],
    attended: bool,
) -> (u16, Value) {
    caller
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/sessions/{session}/attendance"),
            Some(json!({ "registrations": registrations, "attended": attended })),
        )
        .await
}

fn counts(answer: &Value) -> (usize, u64, u64, u64, u64) {
    (
        answer["changed"].as_array().map_or(usize::MAX, Vec::len),
        answer["modules_completed"].as_u64().unwrap(),
        answer["qualifications_completed"].as_u64().unwrap(),
        answer["modules_withdrawn"].as_u64().unwrap(),
        answer["qualifications_withdrawn"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn attendance_completes_modules_and_qualifications_and_withdrawing_it_takes_them_back() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff_token = person_with_token(
            &app,
            vec![Membership {
                role: Role::Staff,
                scope: Scope::Center,
            }],
        )
        .await
        .1;
        lotse_web::credentials::service::add_signing_key(&app.db, false)
            .await
            .unwrap();
        let staff = Caller {
            app: &app,
            token: staff_token,
        };
        let partners = staff
            .ok(reqwest::Method::GET, "/api/v1/partners", None)
            .await;
        let partner = |n: usize| partners["items"][n]["id"].as_str().unwrap().to_owned();
        let (a, b) = (partner(0), partner(1));
        let editor_token = person_with_token(
            &app,
            vec![Membership {
                role: Role::PartnerEditor,
                scope: Scope::Partner(a.parse().unwrap()),
            }],
        )
        .await
        .1;
        let editor = Caller {
            app: &app,
            token: editor_token,
        };

        // Two required modules from two partners, three electives; 24 hours in all.
        let (m1, m1_first) =
            offering_with_session(&staff, "Q-Test Pflicht 1", "module", 8, &a, 30).await;
        let m1_second = another_session(&staff, &m1, 37).await;
        let (m2, m2_session) =
            offering_with_session(&staff, "Q-Test Pflicht 2", "module", 8, &b, 31).await;
        let (m3, m3_session) =
            offering_with_session(&staff, "Q-Test Wahl 4", "module", 4, &a, 32).await;
        let (m4, m4_session) =
            offering_with_session(&staff, "Q-Test Wahl 8", "module", 8, &b, 33).await;
        let (m5, _) = offering_with_session(&staff, "Q-Test Wahl 16", "module", 16, &a, 34).await;
        let (workshop, _) =
            offering_with_session(&staff, "Q-Test Werkstatt", "workshop", 4, &a, 35).await;
        let request = |minimum: i64, required: Vec<&str>, elective: Vec<&str>| {
            json!({
                "title": "Q-Test Qualifizierung", "summary": "Kurz.", "description": "Lang.",
                "required": required, "elective": elective, "minimum_hours": minimum,
                "partners": [a],
            })
        };

        // Bad input changes nothing and says which field is wrong.
        for (body, field) in [
            (request(24, vec![&m1, &workshop], vec![&m3]), "required"),
            (
                request(
                    24,
                    vec![&m1, &m2],
                    vec![&m3, "0190f0e0-0000-7000-8000-000000000000"],
                ),
                "elective",
            ),
            (
                request(100, vec![&m1, &m2], vec![&m3, &m4, &m5]),
                "minimum_hours",
            ),
            (request(24, vec![&m1, &m1], vec![&m3]), "elective"),
        ] {
            let (status, problem) = staff
                .send(reqwest::Method::POST, "/api/v1/qualifications", Some(body))
                .await;
            assert_eq!(status, 400, "{backend:?}: {problem}");
            assert_eq!(
                problem["errors"][0]["field"], field,
                "{backend:?}: {problem}"
            );
        }
        let (status, _) = editor
            .send(
                reqwest::Method::POST,
                "/api/v1/qualifications",
                Some(request(24, vec![&m1, &m2], vec![&m3, &m4, &m5])),
            )
            .await;
        assert_eq!(
            status, 403,
            "{backend:?}: partner editors do not shape qualifications"
        );
        let created = staff
            .ok(
                reqwest::Method::POST,
                "/api/v1/qualifications",
                Some(request(24, vec![&m1, &m2], vec![&m3, &m4, &m5])),
            )
            .await;
        assert_eq!(created["version"], 1);
        let qualification = created["id"].as_str().unwrap().to_owned();
        let (status, problem) = staff
            .send(
                reqwest::Method::POST,
                "/api/v1/qualifications",
                Some(request(24, vec![&m1, &m2], vec![&m3, &m4])),
            )
            .await;
        assert_eq!(
            (status, problem["errors"][0]["field"].as_str()),
            (400, Some("title")),
            "{backend:?}"
        );

        let learner_l = Caller {
            app: &app,
            token: person_with_token(&app, Vec::new()).await.1,
        };
        let learner_k = Caller {
            app: &app,
            token: person_with_token(&app, Vec::new()).await.1,
        };
        let l_m1 = register(&learner_l, &m1_first).await;
        let l_m2 = register(&learner_l, &m2_session).await;
        let l_m3 = register(&learner_l, &m3_session).await;
        let l_m4 = register(&learner_l, &m4_session).await;
        let k_m1_first = register(&learner_k, &m1_first).await;
        let k_m1_second = register(&learner_k, &m1_second).await;

        // Registered, nothing attended: started, nothing counted, next sessions offered.
        let q = learner_l.progress(&qualification).await;
        assert_eq!(
            (
                q["status"].as_str(),
                q["hours"].as_u64(),
                q["percent"].as_u64()
            ),
            (Some("in_progress"), Some(0), Some(0)),
            "{backend:?}"
        );
        assert_eq!(q["missing_required"].as_array().unwrap().len(), 2);
        let m5_line = q["modules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["offering_id"] == m5.as_str())
            .unwrap();
        assert!(
            m5_line["next_session_id"].is_string() && m5_line["booked"] == false,
            "{backend:?}: {m5_line}"
        );

        // Attendance from the list: modules complete, across partners.
        let answer = staff
            .ok(
                reqwest::Method::PATCH,
                &format!("/api/v1/sessions/{m1_first}/attendance"),
                Some(json!({ "registrations": [l_m1, k_m1_first], "attended": true })),
            )
            .await;
        assert_eq!(counts(&answer), (2, 2, 0, 0, 0), "{backend:?}: {answer}");
        let (_, answer) = attendance(&staff, &m2_session, &[&l_m2], true).await;
        assert_eq!(counts(&answer), (1, 1, 0, 0, 0), "{backend:?}: {answer}");
        let (_, answer) = attendance(&staff, &m3_session, &[&l_m3], true).await;
        assert_eq!(
            counts(&answer),
            (1, 1, 0, 0, 0),
            "{backend:?}: 20 of 24 hours: {answer}"
        );
        // A registration of another session is refused, and nothing changes.
        let (status, problem) = attendance(&staff, &m4_session, &[&l_m4, &l_m3], true).await;
        assert_eq!(status, 400, "{backend:?}: {problem}");
        assert_eq!(problem["errors"][0]["field"], "registrations");
        // Partner B's session is not the business of partner A's editor.
        let (status, _) = attendance(&editor, &m4_session, &[&l_m4], true).await;
        assert_eq!(status, 404, "{backend:?}");
        // The check-in by ticket completes too: the last hours.
        let registrations = learner_l
            .ok(reqwest::Method::GET, "/api/v1/me/registrations", None)
            .await;
        let list = registrations["items"]
            .as_array()
            .or(registrations.as_array())
            .unwrap();
        let ticket = list.iter().find(|r| r["id"] == l_m4.as_str()).unwrap()["ticket"]
            .as_str()
            .unwrap()
            .to_owned();
        staff
            .ok(
                reqwest::Method::POST,
                &format!("/api/v1/sessions/{m4_session}/checkins"),
                Some(json!({ "ticket": ticket })),
            )
            .await;
        let (_, again) = attendance(&staff, &m4_session, &[&l_m4], true).await;
        assert_eq!(counts(&again), (0, 0, 0, 0, 0), "{backend:?}: idempotent");

        let q = learner_l.progress(&qualification).await;
        assert_eq!(
            (
                q["status"].as_str(),
                q["hours"].as_u64(),
                q["percent"].as_u64(),
                q["version"].as_i64()
            ),
            (Some("completed"), Some(28), Some(100), Some(1)),
            "{backend:?}: {q}"
        );
        assert!(q["completed_at"].is_string());
        // Completing issued a credential per module and one for the qualification,
        // signed by the time the attendance was answered.
        let credentials = learner_l
            .ok(reqwest::Method::GET, "/api/v1/me/credentials", None)
            .await;
        let statuses = |list: &Value, kind: &str| -> Vec<String> {
            list.as_array()
                .unwrap()
                .iter()
                .filter(|c| c["kind"] == kind)
                .map(|c| c["status"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            statuses(&credentials, "module"),
            vec!["valid"; 4],
            "{backend:?}: {credentials}"
        );
        assert_eq!(
            statuses(&credentials, "qualification"),
            vec!["valid"],
            "{backend:?}"
        );

        // A new version asks more; what was completed stays completed under version 1.
        let changed = staff
            .ok(
                reqwest::Method::PUT,
                &format!("/api/v1/qualifications/{qualification}"),
                Some(request(40, vec![&m1, &m2], vec![&m3, &m4, &m5])),
            )
            .await;
        assert_eq!(changed["version"], 2, "{backend:?}");
        let q = learner_l.progress(&qualification).await;
        assert_eq!(
            (q["status"].as_str(), q["version"].as_i64()),
            (Some("completed"), Some(1)),
            "{backend:?}"
        );

        // Two attended sessions of one module: taking one back keeps the module.
        let (_, answer) = attendance(&staff, &m1_second, &[&k_m1_second], true).await;
        assert_eq!(
            counts(&answer),
            (1, 0, 0, 0, 0),
            "{backend:?}: already completed: {answer}"
        );
        let (status, _) = attendance(&editor, &m1_first, &[&k_m1_first], false).await;
        assert_eq!(status, 403, "{backend:?}: only staff take attendance back");
        let (_, answer) = attendance(&staff, &m1_first, &[&k_m1_first], false).await;
        assert_eq!(counts(&answer), (1, 0, 0, 0, 0), "{backend:?}: {answer}");
        let (_, answer) = attendance(&staff, &m1_second, &[&k_m1_second], false).await;
        assert_eq!(counts(&answer), (1, 0, 0, 1, 0), "{backend:?}: {answer}");

        // Withdrawing a required module's attendance withdraws the qualification; the
        // learner is judged against the current version again.
        let (_, answer) = attendance(&staff, &m2_session, &[&l_m2], false).await;
        assert_eq!(counts(&answer), (1, 0, 0, 1, 1), "{backend:?}: {answer}");
        let q = learner_l.progress(&qualification).await;
        assert_eq!(
            (
                q["status"].as_str(),
                q["version"].as_i64(),
                q["hours"].as_u64(),
                q["minimum_hours"].as_u64()
            ),
            (Some("in_progress"), Some(2), Some(20), Some(40)),
            "{backend:?}: {q}"
        );

        // And revoked the credentials that rested on it.
        let credentials = learner_l
            .ok(reqwest::Method::GET, "/api/v1/me/credentials", None)
            .await;
        let mut modules = statuses(&credentials, "module");
        modules.sort();
        assert_eq!(
            modules,
            vec!["revoked", "valid", "valid", "valid"],
            "{backend:?}: {credentials}"
        );
        assert_eq!(
            statuses(&credentials, "qualification"),
            vec!["revoked"],
            "{backend:?}"
        );

        // The page says the same, and offers the missing elective's next session.
        let page = app
            .client
            .get(format!("{}/konto/lernweg", app.base))
            .bearer_auth(&learner_l.token)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Q-Test Qualifizierung"), "{backend:?}");
        assert!(html.contains("20 von 40 Stunden"), "{backend:?}");
        assert!(
            html.contains("Es fehlt noch ein Pflichtmodul."),
            "{backend:?}"
        );
        assert!(
            html.contains(&format!("/angebote/{m5}/termine/")),
            "{backend:?}: m5 can be booked"
        );
        assert!(
            !html.contains(&format!("/angebote/{m2}/termine/")),
            "{backend:?}: m2 is booked already"
        );
    }
}

/// The staff's editor: a qualification made from the catalogue's modules, refused with
/// the reason and the entries kept, then changed into a second version; the company
/// admin sees the demo learner's completed qualification, the learner their credentials.
#[tokio::test]
async fn a_workshop_marked_as_counting_completes_like_a_module_and_stays_marked_while_named() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = Caller {
            app: &app,
            token: person_with_token(
                &app,
                vec![Membership {
                    role: Role::Staff,
                    scope: Scope::Center,
                }],
            )
            .await
            .1,
        };
        let partners = staff
            .ok(reqwest::Method::GET, "/api/v1/partners", None)
            .await;
        let partner = partners["items"][0]["id"].as_str().unwrap().to_owned();
        let (module, module_session) =
            offering_with_session(&staff, "Z-Test Modul", "module", 8, &partner, 30).await;
        let (workshop, workshop_session) =
            offering_with_session(&staff, "Z-Test Werkstatt", "workshop", 4, &partner, 31).await;
        let qualification = |elective: &str| {
            json!({
                "title": "Z-Test Qualifizierung", "summary": "Kurz.", "description": "Lang.",
                "required": [module], "elective": [elective], "minimum_hours": 12,
                "partners": [partner],
            })
        };
        let offering_body = |counts: bool| {
            json!({
                "kind": "workshop", "title": "Z-Test Werkstatt", "summary": "Kurz.",
                "description": "Lang.", "learning_outcomes": ["Sie können es."],
                "topics": ["logistik-4-0"], "audiences": ["beschaeftigte"],
                "duration_hours": 4, "format": "presence", "partner_id": partner,
                "price_cents": 0, "language": "de", "level": "basic",
                "counts_for_qualifications": counts,
            })
        };
        let path = format!("/api/v1/offerings/{workshop}");

        // Unmarked, the workshop cannot be part of a qualification.
        let (status, problem) = staff
            .send(
                reqwest::Method::POST,
                "/api/v1/qualifications",
                Some(qualification(&workshop)),
            )
            .await;
        assert_eq!(
            (status, problem["errors"][0]["field"].as_str()),
            (400, Some("required")),
            "{backend:?}: {problem}"
        );
        let read = staff.ok(reqwest::Method::GET, &path, None).await;
        assert_eq!(read["counts_for_qualifications"], false, "{backend:?}");
        // Modules count whatever the flag says.
        let module_read = staff
            .ok(
                reqwest::Method::GET,
                &format!("/api/v1/offerings/{module}"),
                None,
            )
            .await;
        assert_eq!(
            module_read["counts_for_qualifications"], true,
            "{backend:?}"
        );

        // Marked, it is taken as an elective.
        staff
            .ok(reqwest::Method::PUT, &path, Some(offering_body(true)))
            .await;
        let read = staff.ok(reqwest::Method::GET, &path, None).await;
        assert_eq!(read["counts_for_qualifications"], true, "{backend:?}");
        let created = staff
            .ok(
                reqwest::Method::POST,
                "/api/v1/qualifications",
                Some(qualification(&workshop)),
            )
            .await;
        let id = created["id"].as_str().unwrap().to_owned();

        // While named, the mark cannot be taken away; nothing changes.
        let (status, problem) = staff
            .send(reqwest::Method::PUT, &path, Some(offering_body(false)))
            .await;
        assert_eq!(status, 400, "{backend:?}: {problem}");
        assert_eq!(problem["errors"][0]["field"], "counts_for_qualifications");
        assert!(
            problem["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("Z-Test Qualifizierung"),
            "{backend:?}: {problem}"
        );
        let read = staff.ok(reqwest::Method::GET, &path, None).await;
        assert_eq!(read["counts_for_qualifications"], true, "{backend:?}");

        // Attending module and workshop completes both and the qualification.
        let learner = Caller {
            app: &app,
            token: person_with_token(&app, Vec::new()).await.1,
        };
        let at_module = register(&learner, &module_session).await;
        let at_workshop = register(&learner, &workshop_session).await;
        let (_, answer) = attendance(&staff, &module_session, &[&at_module], true).await;
        assert_eq!(counts(&answer), (1, 1, 0, 0, 0), "{backend:?}: {answer}");
        let (_, answer) = attendance(&staff, &workshop_session, &[&at_workshop], true).await;
        assert_eq!(counts(&answer), (1, 1, 1, 0, 0), "{backend:?}: {answer}");
        let q = learner.progress(&id).await;
        assert_eq!(
            (q["status"].as_str(), q["hours"].as_u64()),
            (Some("completed"), Some(12)),
            "{backend:?}: {q}"
        );
    }
}

#[tokio::test]
async fn staff_shape_qualifications_in_the_editor_and_companies_see_progress() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = common::staff_cookie(&app.client, &app.base).await;
        let (status, form) = app.text_as("/redaktion/qualifizierungen/neu", &staff).await;
        assert_eq!(status, 200, "{backend:?}");
        // The first two modules the form offers.
        let modules: Vec<String> = form
            .match_indices("name=\"module-")
            .map(|(at, _)| form[at + 13..at + 49].to_owned())
            .fold(Vec::new(), |mut ids, id| {
                if !ids.contains(&id) {
                    ids.push(id);
                }
                ids
            });
        assert!(modules.len() >= 3, "{backend:?}: {} modules", modules.len());
        let body = |hours: &str| {
            format!(
                "title=Editor-Pfad&summary=Kurz.&description=Lang.&minimum_hours={hours}\
                 &module-{}=required&module-{}=elective&module-{}=none",
                modules[0], modules[1], modules[2]
            )
        };
        let (status, _, page) = app
            .post_form(
                "/redaktion/qualifizierungen/neu",
                &body("1999"),
                Some(&staff),
            )
            .await;
        assert_eq!(status, 400, "{backend:?}");
        assert!(
            page.contains("nicht erreichbar"),
            "{backend:?}: the reason is shown"
        );
        assert!(
            page.contains("value=\"Editor-Pfad\""),
            "{backend:?}: the entries are kept"
        );
        let (status, location, _) = app
            .post_form("/redaktion/qualifizierungen/neu", &body("1"), Some(&staff))
            .await;
        assert_eq!(status, 303, "{backend:?}");
        let location = location.unwrap();
        let (_, page) = app.text_as(&location, &staff).await;
        assert!(
            page.contains("Fassung 1") && page.contains("angelegt"),
            "{backend:?}"
        );
        let id = location
            .trim_start_matches("/redaktion/qualifizierungen/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        let (status, location, _) = app
            .post_form(
                &format!("/redaktion/qualifizierungen/{id}"),
                &body("2"),
                Some(&staff),
            )
            .await;
        assert_eq!(status, 303, "{backend:?}");
        let (_, page) = app.text_as(&location.unwrap(), &staff).await;
        assert!(page.contains("Fassung 2"), "{backend:?}");
        let (_, _, detail) = app.json(&format!("/api/v1/qualifications/{id}")).await;
        assert_eq!(detail["minimum_hours"], 2);
        assert_eq!(
            detail["modules"].as_array().unwrap().len(),
            2,
            "{backend:?}: {detail}"
        );
        // A learner may not open the editor.
        let learner = common::demo_cookie(&app.client, &app.base, "learner@demo.lotse.de").await;
        let (status, _) = app.text_as("/redaktion/qualifizierungen", &learner).await;
        assert_eq!(status, 403);

        // The demo learner completed "Fachkraft Logistik 4.0"; their company admin sees it.
        let admin = common::demo_cookie(&app.client, &app.base, "company@demo.lotse.de").await;
        let (_, account) = app.text_as("/konto", &admin).await;
        let link = account
            .split("href=\"")
            .find(|s| s.contains("/lernfortschritt"))
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned();
        let (status, progress) = app.text_as(&link, &admin).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(
            progress.contains("Fachkraft Logistik 4.0") && progress.contains("abgeschlossen am"),
            "{backend:?}"
        );
        let (_, path) = app.text_as("/konto/lernweg", &learner).await;
        assert!(
            path.contains("Meine Nachweise") && path.contains("/nachweise/"),
            "{backend:?}"
        );
    }
}
