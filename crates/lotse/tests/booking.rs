//! Booking over HTTP on both backends: exact seat allocation under a race of 500
//! people, waitlist order and promotion, company bookings, and every refusal.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, people};
use lotse_core::booking::RegistrationStatus;
use lotse_store::Backend;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The `Cookie` header of a fresh staff session.
async fn staff_cookie(app: &TestApp) -> String {
    common::staff_cookie(&app.client, &app.base).await
}

/// A planned session of `capacity` seats in `days` days, 09:00–12:00 Berlin time.
async fn session(app: &TestApp, capacity: i64, days: i64) -> Uuid {
    let day = jiff::Zoned::now()
        .with_time_zone(lotse_core::catalogue::berlin())
        .date()
        .checked_add(jiff::Span::new().days(days))
        .unwrap();
    session_on(app, capacity, &day.to_string()).await
}

/// A planned session of `capacity` seats on `day` (`YYYY-MM-DD`), 09:00–12:00 Berlin time.
async fn session_on(app: &TestApp, capacity: i64, day: &str) -> Uuid {
    let cookie = staff_cookie(app).await;
    let first = common::first_offering(&app.client, &app.base).await;
    let offering = first["id"].as_str().unwrap();
    let r = app
        .client
        .post(format!("{}/api/v1/offerings/{offering}/sessions", app.base))
        .header("cookie", cookie)
        .header("origin", app.base.clone())
        .json(&json!({ "starts_at": format!("{day}T09:00"), "ends_at": format!("{day}T12:00"), "capacity": capacity, "online_link": "https://konferenz.example.org/t" }))
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    body["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .parse()
        .unwrap()
}

async fn book(app: &TestApp, token: &str, session: Uuid, body: Option<Value>) -> (u16, Value) {
    let mut r = app
        .client
        .post(format!(
            "{}/api/v1/sessions/{session}/registrations",
            app.base
        ))
        .bearer_auth(token);
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

#[tokio::test]
async fn five_hundred_people_race_for_twenty_seats_and_the_waitlist_moves_in_order() {
    for backend in backends() {
        let first = TestApp::spawn(backend, true).await;
        // On PostgreSQL, half the requests go to a second server with its own pool.
        let second = if backend == Backend::Postgres {
            Some(first.another().await)
        } else {
            None
        };
        let session = session(&first, 20, 30).await;
        let crowd = people(&first.db, 500, None).await;
        let mut tasks = Vec::new();
        for (n, (person, token)) in crowd.iter().cloned().enumerate() {
            let (base, client) = match (&second, n % 2) {
                (Some(s), 1) => (s.base.clone(), s.client.clone()),
                _ => (first.base.clone(), first.client.clone()),
            };
            tasks.push(tokio::spawn(async move {
                let r = client
                    .post(format!("{base}/api/v1/sessions/{session}/registrations"))
                    .bearer_auth(token)
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                (
                    person,
                    status,
                    r.json::<Value>().await.unwrap_or(Value::Null),
                )
            }));
        }
        let mut confirmed = 0;
        let mut positions = Vec::new();
        for t in tasks {
            let (_, status, body) = t.await.unwrap();
            assert_eq!(status, 201, "{backend:?}: {body}");
            let item = &body["items"][0];
            match item["status"].as_str().unwrap() {
                "confirmed" => confirmed += 1,
                "waitlisted" => positions.push(item["waitlist_position"].as_i64().unwrap()),
                other => panic!("{other}"),
            }
        }
        assert_eq!(confirmed, 20, "{backend:?}: seats given out");
        positions.sort();
        assert_eq!(
            positions,
            (1..=480).collect::<Vec<i64>>(),
            "{backend:?}: waitlist positions have gaps or duplicates"
        );

        // The stored counters agree with the rows.
        let (count, waiting, rows): (i64, i64, i64) = lotse_store::on_reader!(&first.db, pool => {
            sqlx::query_as("SELECT confirmed_count, waitlist_count, (SELECT COUNT(*) FROM registrations WHERE session_id = $1 AND status = 'confirmed') FROM sessions WHERE id = $1")
                .bind(session).fetch_one(pool).await.unwrap()
        });
        assert_eq!((count, waiting, rows), (20, 480, 20), "{backend:?}");

        // Five confirmed people cancel: the first five of the waitlist move up, in order.
        let list = lotse_store::booking::registrations_on(&first.db, session)
            .await
            .unwrap();
        let head: Vec<Uuid> = list
            .iter()
            .filter(|r| r.status == RegistrationStatus::Waitlisted)
            .take(5)
            .map(|r| r.person_id)
            .collect();
        let cancelling: Vec<Uuid> = list
            .iter()
            .filter(|r| r.status == RegistrationStatus::Confirmed)
            .take(5)
            .map(|r| r.id)
            .collect();
        let token_of = |person: Uuid| crowd.iter().find(|(p, _)| *p == person).unwrap().1.clone();
        for id in cancelling {
            let owner = list.iter().find(|r| r.id == id).unwrap().person_id;
            let r = first
                .client
                .delete(format!("{}/api/v1/registrations/{id}", first.base))
                .bearer_auth(token_of(owner))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 204);
        }
        let after = lotse_store::booking::registrations_on(&first.db, session)
            .await
            .unwrap();
        let promoted: BTreeSet<Uuid> = after
            .iter()
            .filter(|r| r.status == RegistrationStatus::Confirmed)
            .map(|r| r.person_id)
            .collect();
        assert_eq!(promoted.len(), 20);
        for p in &head {
            assert!(
                promoted.contains(p),
                "{backend:?}: the head of the waitlist was not promoted"
            );
        }
        let new_head = after
            .iter()
            .find(|r| r.status == RegistrationStatus::Waitlisted)
            .unwrap();
        assert_eq!(new_head.waitlist_position, Some(1));
        let mine: Value = first
            .client
            .get(format!("{}/api/v1/me/registrations", first.base))
            .bearer_auth(token_of(head[0]))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(mine["items"][0]["status"], "confirmed");
        assert_eq!(
            mine["items"][0]["ticket"].as_str().unwrap().len(),
            20,
            "a promoted seat has a ticket"
        );
    }
}

#[tokio::test]
async fn booking_rules_refuse_clearly_and_change_nothing() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let open = session(&app, 2, 20).await;
        let soon = session(&app, 5, 0).await;
        let [(alice, alice_token), (_bob, bob_token)] =
            <[_; 2]>::try_from(people(&app.db, 2, None).await).unwrap();

        let (status, body) = book(&app, &alice_token, open, None).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["items"][0]["person_id"], alice.to_string());
        let alice_email = lotse_store::accounts::person(&app.db, alice)
            .await
            .unwrap()
            .unwrap()
            .email;
        let mail = app.smtp.wait_for(&alice_email, "Subject: Anmeldung ").await;
        assert!(mail.raw.contains("/konto/anmeldungen"), "{}", mail.raw);
        assert!(
            mail.raw.contains("text/calendar") && mail.raw.contains("termin.ics"),
            "no calendar file: {}",
            mail.raw
        );

        // Calendar feeds: public per topic, private per person with a revocable secret.
        let r = app
            .client
            .get(format!("{}/ical/topics/logistik-4-0.ics", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let text = r.text().await.unwrap();
        assert!(
            text.starts_with("BEGIN:VCALENDAR") && text.contains("BEGIN:VEVENT"),
            "{text}"
        );
        // The file says what mails label their calendar part (RFC 5545, 3.7.2).
        assert!(text.contains("\r\nMETHOD:PUBLISH\r\n"), "{text}");
        // It names lotse as the product that made it (RFC 5545, 3.7.3).
        assert!(
            text.contains("\r\nPRODID:-//lotse//lotse//DE\r\n"),
            "{text}"
        );
        assert_eq!(
            app.client
                .get(format!("{}/ical/topics/kochen.ics", app.base))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
            404
        );
        let feed: Value = app
            .client
            .post(format!("{}/api/v1/me/calendar-feed", app.base))
            .bearer_auth(&alice_token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let url = feed["url"].as_str().unwrap().to_owned();
        let mine = app
            .client
            .get(&url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(mine.contains(&format!("UID:{open}@lotse")), "{mine}");
        // A strict RFC 5545 parser written by others reads all three: the mail's
        // calendar part, the topic feed and the personal feed.
        if let Some(in_mail) = common::calendar_events(&mail.raw, true) {
            assert_eq!(in_mail.len(), 1, "{}", mail.raw);
            for feed in [&text, &mine] {
                let events = common::calendar_events(feed, false).unwrap_or_default();
                assert_eq!(events.len(), feed.matches("BEGIN:VEVENT").count(), "{feed}");
            }
        }
        app.client
            .delete(format!("{}/api/v1/me/calendar-feed", app.base))
            .bearer_auth(&alice_token)
            .send()
            .await
            .unwrap();
        assert_eq!(
            app.client.get(&url).send().await.unwrap().status().as_u16(),
            404,
            "a revoked feed still answers"
        );
        let (status, problem) = book(&app, &alice_token, open, None).await;
        assert_eq!(status, 409, "booking twice: {problem}");
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("bereits angemeldet")
        );
        let (status, _) = book(&app, &alice_token, soon, None).await;
        assert_eq!(status, 409, "{backend:?}: past the deadline");
        let (status, _) = book(&app, &alice_token, Uuid::now_v7(), None).await;
        assert_eq!(status, 404);
        let (status, problem) = book(
            &app,
            &bob_token,
            open,
            Some(json!({ "participants": [alice] })),
        )
        .await;
        assert_eq!(
            status, 400,
            "booking somebody outside one's company: {problem}"
        );
        let (status, _) = book(&app, &bob_token, open, Some(json!("kaputt"))).await;
        assert_eq!(status, 400);

        // An unconfirmed address may not book.
        let r = app.client.post(format!("{}/api/v1/auth/register", app.base)).json(&json!({ "email": "neu@beispiel.de", "password": "Noch nicht bestätigt, aber lang", "name": "Neu" })).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 201);
        let login = app.client.post(format!("{}/api/v1/auth/login", app.base)).json(&json!({ "email": "neu@beispiel.de", "password": "Noch nicht bestätigt, aber lang" })).send().await.unwrap();
        let cookie = login.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let r = app
            .client
            .post(format!("{}/api/v1/sessions/{open}/registrations", app.base))
            .header("cookie", cookie)
            .header("origin", app.base.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403);

        // A company admin books two employees at once; each gets its own result.
        let company: Value = {
            let login = app
                .client
                .post(format!("{}/api/v1/auth/login", app.base))
                .json(&json!({ "email": "company@demo.lotse.de", "password": "demo-lotse-2026" }))
                .send()
                .await
                .unwrap();
            let cookie = login.headers()["set-cookie"]
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_owned();
            let me: Value = app
                .client
                .get(format!("{}/api/v1/me", app.base))
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let company: Uuid = me["organizations"][0]["id"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
            let staff = people(&app.db, 2, Some(company)).await;
            let r = app
                .client
                .post(format!("{}/api/v1/sessions/{open}/registrations", app.base))
                .header("cookie", &cookie)
                .header("origin", app.base.clone())
                .json(&json!({ "participants": [staff[0].0, staff[1].0] }))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 201);
            r.json().await.unwrap()
        };
        let statuses: Vec<&str> = company["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["status"].as_str().unwrap())
            .collect();
        assert_eq!(
            statuses,
            vec!["confirmed", "waitlisted"],
            "{backend:?}: 2 seats, Alice has one"
        );
        assert_eq!(company["items"][1]["waitlist_position"], 1);
        let waiting = company["items"][1]["person_id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let waiting_email = lotse_store::accounts::person(&app.db, waiting)
            .await
            .unwrap()
            .unwrap()
            .email;
        app.smtp
            .wait_for(&waiting_email, "Subject: Warteliste")
            .await;
        // Alice cancels: the waiting employee gets the seat and a mail saying so.
        let mine: Value = app
            .client
            .get(format!("{}/api/v1/me/registrations", app.base))
            .bearer_auth(&alice_token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let alice_registration = mine["items"][0]["id"].as_str().unwrap().to_owned();
        let r = app
            .client
            .delete(format!(
                "{}/api/v1/registrations/{alice_registration}",
                app.base
            ))
            .bearer_auth(&alice_token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 204);
        app.smtp
            .wait_for(&waiting_email, "Subject: Ein Platz ist frei")
            .await;
        app.smtp.wait_for(&alice_email, "Subject: Abmeldung").await;
        let r = app
            .client
            .delete(format!(
                "{}/api/v1/registrations/{alice_registration}",
                app.base
            ))
            .bearer_auth(&alice_token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 409, "cancelling twice");

        // Nothing changed by the refusals: exactly the three registrations exist (one cancelled).
        // (The demo's learning history is left out: it lies in the past.)
        let rows: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM registrations r JOIN sessions s ON s.id = r.session_id
                 WHERE s.starts_at > $1",
            )
            .bind(lotse_store::now_seconds())
            .fetch_one(pool)
            .await
            .unwrap()
        });
        assert_eq!(rows, 3);

        // A cancelled session takes no bookings.
        lotse_store::catalogue::cancel_session(&app.db, open)
            .await
            .unwrap();
        let carl = people(&app.db, 1, None).await;
        let (status, problem) = book(&app, &carl[0].1, open, None).await;
        assert_eq!(status, 409);
        assert!(problem["detail"].as_str().unwrap().contains("abgesagt"));
    }
}

#[tokio::test]
async fn capacity_changes_check_in_and_called_off_sessions() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let session = session(&app, 2, 20).await;
        let other = session_other(&app).await;
        let crowd = people(&app.db, 4, None).await;
        for (_, token) in &crowd {
            assert_eq!(book(&app, token, session, None).await.0, 201);
        }
        let staff = staff_cookie(&app).await;
        let send = |method: reqwest::Method, path: String, body: Value| {
            app.client
                .request(method, format!("{}{path}", app.base))
                .header("cookie", staff.clone())
                .header("origin", app.base.clone())
                .json(&body)
                .send()
        };
        let r = send(
            reqwest::Method::PATCH,
            format!("/api/v1/sessions/{session}"),
            json!({ "capacity": 1 }),
        )
        .await
        .unwrap();
        assert_eq!(
            r.status().as_u16(),
            409,
            "{backend:?}: capacity below the confirmed count"
        );
        let r = send(
            reqwest::Method::PATCH,
            format!("/api/v1/sessions/{session}"),
            json!({ "capacity": 3 }),
        )
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 204);
        let list = lotse_store::booking::registrations_on(&app.db, session)
            .await
            .unwrap();
        let confirmed: Vec<Uuid> = list
            .iter()
            .filter(|r| r.status == RegistrationStatus::Confirmed)
            .map(|r| r.person_id)
            .collect();
        assert_eq!(confirmed.len(), 3, "{backend:?}: raising capacity promotes");
        assert!(
            confirmed.contains(&crowd[2].0),
            "the first waiting person got the new seat"
        );
        let waiting = list
            .iter()
            .find(|r| r.status == RegistrationStatus::Waitlisted)
            .unwrap();
        assert_eq!(
            (waiting.person_id, waiting.waitlist_position),
            (crowd[3].0, Some(1))
        );

        // Check-in by typed ticket: once, twice harmless, wrong session refused.
        let ticket = list
            .iter()
            .find(|r| r.status == RegistrationStatus::Confirmed)
            .unwrap()
            .ticket_code
            .clone()
            .unwrap();
        let r = send(
            reqwest::Method::POST,
            format!("/api/v1/sessions/{session}/checkins"),
            json!({ "ticket": ticket.to_lowercase() }),
        )
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let body: Value = r.json().await.unwrap();
        assert_eq!(
            (
                body["status"].as_str(),
                body["already_checked_in"].as_bool()
            ),
            (Some("attended"), Some(false))
        );
        let again: Value = send(
            reqwest::Method::POST,
            format!("/api/v1/sessions/{session}/checkins"),
            json!({ "ticket": ticket }),
        )
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        assert_eq!(again["already_checked_in"], true);
        let r = send(
            reqwest::Method::POST,
            format!("/api/v1/sessions/{other}/checkins"),
            json!({ "ticket": ticket }),
        )
        .await
        .unwrap();
        assert_eq!(
            r.status().as_u16(),
            409,
            "{backend:?}: a ticket of another session"
        );
        let r = send(
            reqwest::Method::POST,
            format!("/api/v1/sessions/{session}/checkins"),
            json!({ "ticket": "FALSCH" }),
        )
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 400);
        let attended: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE status = 'attended' AND session_id = $1")
                .bind(session)
                .fetch_one(pool)
                .await
                .unwrap()
        });
        assert_eq!(attended, 1);

        // A session nobody has registered for yet still shows its offering and date.
        let title = common::first_offering(&app.client, &app.base).await["title"]
            .as_str()
            .unwrap()
            .to_owned();
        let page = app
            .client
            .get(format!("{}/redaktion/termine/{other}", app.base))
            .header("cookie", staff.clone())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&title) && page.contains("Noch keine Anmeldungen"),
            "{backend:?}: the empty check-in page lacks its heading"
        );

        // The participant list as CSV and as XLSX: same rows, same order, every column.
        let download = |ext: &str| {
            app.client
                .get(format!(
                    "{}/redaktion/termine/{session}/teilnehmende.{ext}",
                    app.base
                ))
                .header("cookie", staff.clone())
                .send()
        };
        let r = download("csv").await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let csv = r.text().await.unwrap();
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}\"Name\";\"E-Mail\";\"Unternehmen\";\"Status\";\"Wartelistenplatz\";\"Angemeldet am\";\"Ticketcode\""
        );
        assert_eq!(lines.len(), 5, "{backend:?}: {csv}");
        assert!(lines[1].contains("\"Teilgenommen\"") && lines[1].contains(&ticket));
        assert!(lines[4].contains("\"Warteliste, Platz 1\""), "{csv}");
        let r = download("xlsx").await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(
            r.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let bytes = r.bytes().await.unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        use calamine::Reader;
        let sheet = book.worksheet_range("Teilnehmende").unwrap();
        let cells: Vec<Vec<String>> = sheet
            .rows()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(cells.len(), 5, "{backend:?}: {cells:?}");
        assert_eq!(cells[0][1], "E-Mail");
        for (line, row) in lines.iter().zip(&cells) {
            let from_csv: Vec<String> = line
                .trim_start_matches('\u{feff}')
                .split(';')
                .map(|f| f.trim_matches('"').to_owned())
                .collect();
            assert_eq!(&from_csv, row, "{backend:?}: CSV and XLSX differ");
        }
        let email = lotse_store::accounts::person(&app.db, crowd[3].0)
            .await
            .unwrap()
            .unwrap()
            .email;
        assert_eq!(cells[4][1], email);
        assert_eq!(cells[4][6], "", "no ticket while waitlisted");
        // Both downloads are in the audit log, with who, what and how many rows.
        let downloads: Vec<String> = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT details FROM audit_log WHERE action = 'participants.downloaded' AND subject = $1 ORDER BY at, id")
                .bind(session.to_string())
                .fetch_all(pool).await.unwrap()
        });
        assert_eq!(downloads.len(), 2, "{backend:?}: {downloads:?}");
        assert!(
            downloads[0].contains("\"csv\"") && downloads[0].contains("\"rows\":4"),
            "{downloads:?}"
        );

        // Attendance is finalized only after the end: then the rest are no-shows.
        let r = send(
            reqwest::Method::POST,
            format!("/api/v1/sessions/{session}/attendance"),
            json!({}),
        )
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 409, "finalized before the end");
        let ends: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT ends_at FROM sessions WHERE id = $1").bind(session).fetch_one(pool).await.unwrap()
        });
        assert_eq!(
            lotse_store::booking::finalize_attendance(
                &app.db,
                session,
                jiff::Timestamp::from_second(ends + 60).unwrap()
            )
            .await
            .unwrap(),
            Some(2)
        );
        let statuses: Vec<RegistrationStatus> =
            lotse_store::booking::registrations_on(&app.db, session)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.status)
                .collect();
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == RegistrationStatus::Attended)
                .count(),
            1
        );
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == RegistrationStatus::NoShow)
                .count(),
            2,
            "{backend:?}: {statuses:?}"
        );
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == RegistrationStatus::Waitlisted)
                .count(),
            1,
            "the waitlist is left alone"
        );

        // Calling the session off mails everybody on it.
        let r = send(
            reqwest::Method::POST,
            format!("/api/v1/sessions/{session}/cancel"),
            json!({}),
        )
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 204);
        let last = lotse_store::accounts::person(&app.db, crowd[3].0)
            .await
            .unwrap()
            .unwrap()
            .email;
        app.smtp.wait_for(&last, "Subject: Termin abgesagt").await;
    }
}

/// Another open session.
async fn session_other(app: &TestApp) -> Uuid {
    session(app, 5, 25).await
}

#[tokio::test]
async fn reminders_go_out_once_two_days_before_even_with_two_processes() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let other = app.another().await;
        let session = session(&app, 5, 3).await;
        let crowd = people(&app.db, 2, None).await;
        for (_, token) in &crowd {
            assert_eq!(book(&app, token, session, None).await.0, 201);
        }
        let starts: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT starts_at FROM sessions WHERE id = $1").bind(session).fetch_one(pool).await.unwrap()
        });
        let state_a = lotse_web::AppState::new(app.db.clone(), lotse_web::WebConfig::default());
        let state_b = lotse_web::AppState::new(other.db.clone(), lotse_web::WebConfig::default());
        // Three days ahead: nothing is due.
        let early = starts - 3 * 24 * 3600;
        assert_eq!(
            lotse_web::booking::service::send_due_reminders(&state_a, early)
                .await
                .unwrap(),
            0
        );
        // Two days ahead, both processes at once: each reminder goes out exactly once.
        let due = starts - 2 * 24 * 3600 + 60;
        let (a, b) = tokio::join!(
            lotse_web::booking::service::send_due_reminders(&state_a, due),
            lotse_web::booking::service::send_due_reminders(&state_b, due)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 2, "{backend:?}");
        assert_eq!(
            lotse_web::booking::service::send_due_reminders(&state_a, due + 600)
                .await
                .unwrap(),
            0,
            "a reminder went out twice"
        );
        let queued: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Erinnerung:%'").fetch_one(pool).await.unwrap()
        });
        assert_eq!(queued, 2);
    }
}

#[tokio::test]
async fn each_session_has_its_own_cancellation_cut_off() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = staff_cookie(&app).await;
        let offerings: Value = app
            .client
            .get(format!("{}/api/v1/offerings?limit=1", app.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let offering = offerings["items"][0]["id"].as_str().unwrap();
        let day = jiff::Zoned::now()
            .with_time_zone(lotse_core::catalogue::berlin())
            .date()
            .checked_add(jiff::Span::new().days(3))
            .unwrap();
        let create = |cutoff: Value| {
            app.client
                .post(format!("{}/api/v1/offerings/{offering}/sessions", app.base))
                .header("cookie", staff.clone())
                .header("origin", app.base.clone())
                .json(&json!({ "starts_at": format!("{day}T09:00"), "ends_at": format!("{day}T12:00"), "capacity": 5, "online_link": "https://konferenz.example.org/c", "cancellation_cutoff_hours": cutoff }))
                .send()
        };
        assert_eq!(
            create(json!(1000)).await.unwrap().status().as_u16(),
            400,
            "cut-off beyond 720 hours"
        );
        let r = create(json!(96)).await.unwrap();
        assert_eq!(r.status().as_u16(), 201);
        let strict: Uuid = r.json::<Value>().await.unwrap()["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let relaxed: Uuid = create(json!(2))
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        // The offering shows each session's own deadline, in the API and on the page.
        let (_, _, detail) = app.json(&format!("/api/v1/offerings/{offering}")).await;
        let deadline_of = |id: Uuid| {
            detail["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == id.to_string())
                .map(|s| s["cancellation_deadline"].as_str().unwrap().to_owned())
                .unwrap()
        };
        let two_hours_before = day
            .at(7, 0, 0, 0)
            .to_zoned(lotse_core::catalogue::berlin())
            .unwrap()
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string();
        assert_eq!(deadline_of(relaxed), two_hours_before, "{backend:?}");
        let four_days_before = day.checked_sub(jiff::Span::new().days(4)).unwrap();
        assert!(
            deadline_of(strict).starts_with(&format!("{four_days_before}T09:00")),
            "{backend:?}: {}",
            deadline_of(strict)
        );
        let (_, page) = app.text(&format!("/angebote/{offering}")).await;
        assert!(
            page.contains("Abmeldung möglich bis") && page.contains("07:00 Uhr"),
            "{backend:?}: the offering page names the cancellation deadline"
        );
        let person = people(&app.db, 1, None).await;
        let token = &person[0].1;
        let (_, a) = book(&app, token, strict, None).await;
        let (_, b) = book(&app, token, relaxed, None).await;
        let cancel = |id: &str| {
            app.client
                .delete(format!("{}/api/v1/registrations/{id}", app.base))
                .bearer_auth(token.clone())
                .send()
        };
        let r = cancel(a["items"][0]["id"].as_str().unwrap()).await.unwrap();
        assert_eq!(
            r.status().as_u16(),
            409,
            "{backend:?}: 96 hours before a session in 3 days has passed"
        );
        assert!(
            r.json::<Value>().await.unwrap()["detail"]
                .as_str()
                .unwrap()
                .contains("96 Stunden")
        );
        assert_eq!(
            cancel(b["items"][0]["id"].as_str().unwrap())
                .await
                .unwrap()
                .status()
                .as_u16(),
            204
        );
        // Staff may still cancel after the cut-off.
        let r = app
            .client
            .delete(format!(
                "{}/api/v1/registrations/{}",
                app.base,
                a["items"][0]["id"].as_str().unwrap()
            ))
            .header("cookie", staff.clone())
            .header("origin", app.base.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 204);
    }
}

#[tokio::test]
async fn calendar_files_and_reminders_keep_berlin_time_when_the_clocks_change() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        // The last Sundays of March and October 2027, 09:00 in Berlin: 07:00 and 08:00 UTC.
        let march = session_on(&app, 5, "2027-03-28").await;
        let october = session_on(&app, 5, "2027-10-31").await;
        let crowd = people(&app.db, 2, None).await;
        let state = lotse_web::AppState::new(app.db.clone(), lotse_web::WebConfig::default());
        for ((person, token), (session, utc_start, utc_end)) in crowd.iter().zip([
            (march, "20270328T070000Z", "20270328T100000Z"),
            (october, "20271031T080000Z", "20271031T110000Z"),
        ]) {
            assert_eq!(book(&app, token, session, None).await.0, 201);
            let email = lotse_store::accounts::person(&app.db, *person)
                .await
                .unwrap()
                .unwrap()
                .email;
            let mail = app.smtp.wait_for(&email, "Subject: Anmeldung").await;
            assert!(
                mail.raw.contains(&format!("DTSTART:{utc_start}"))
                    && mail.raw.contains(&format!("DTEND:{utc_end}"))
                    && mail.raw.contains("09:00"),
                "{backend:?}: calendar file times wrong: {}",
                mail.raw
            );
        }
        let friday_nine = |y, m, d| {
            jiff::civil::date(y, m, d)
                .at(9, 0, 0, 0)
                .to_zoned(lotse_core::catalogue::berlin())
                .unwrap()
                .timestamp()
                .as_second()
        };
        // Due on the Friday before at 09:00 (47 hours ahead in March, 49 in October),
        // not a minute before.
        for (month, due) in [
            ("March", friday_nine(2027, 3, 26)),
            ("October", friday_nine(2027, 10, 29)),
        ] {
            assert_eq!(
                lotse_web::booking::service::send_due_reminders(&state, due - 60)
                    .await
                    .unwrap(),
                0,
                "{backend:?}: {month} reminder too early"
            );
            assert_eq!(
                lotse_web::booking::service::send_due_reminders(&state, due)
                    .await
                    .unwrap(),
                1,
                "{backend:?}: {month} reminder not sent on Friday 09:00"
            );
        }
    }
}

/// Tickets are checked in from two hours before the start (by default) until the
/// end; outside, a clear message in the reader's language and nothing changes.
#[tokio::test]
async fn check_in_opens_two_hours_before_the_start_and_closes_at_the_end() {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, true, lotse_web::WebConfig::default()).await;
        let session = session(&app, 5, 5).await;
        let (_, token) = people(&app.db, 1, None).await.remove(0);
        let (status, booked) = book(&app, &token, session, None).await;
        assert_eq!(status, 201);
        let ticket: String = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT ticket_code FROM registrations WHERE id = $1")
                .bind(Uuid::parse_str(booked["items"][0]["id"].as_str().unwrap()).unwrap())
                .fetch_one(pool).await.unwrap()
        });
        let staff = staff_cookie(&app).await;
        let check_in = |language: &'static str| {
            app.client
                .post(format!("{}/api/v1/sessions/{session}/checkins", app.base))
                .header("cookie", staff.clone())
                .header("origin", app.base.clone())
                .header("accept-language", language)
                .json(&json!({ "ticket": ticket }))
                .send()
        };
        let r = check_in("de").await.unwrap();
        assert_eq!(r.status().as_u16(), 409, "{backend:?}: five days early");
        let problem: Value = r.json().await.unwrap();
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .starts_with("Der Check-in für diesen Termin öffnet am "),
            "{problem}"
        );
        let r = check_in("en").await.unwrap();
        let problem: Value = r.json().await.unwrap();
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .starts_with("Check-in for this session opens on "),
            "{problem}"
        );
        let status: String = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT status FROM registrations WHERE session_id = $1")
                .bind(session).fetch_one(pool).await.unwrap()
        });
        assert_eq!(
            status, "confirmed",
            "a refused check-in changed the registration"
        );
        // Starting in 1 h 59 min: open.
        let now = jiff::Timestamp::now().as_second();
        let move_session = |starts: i64, ends: i64| {
            let db = app.db.clone();
            async move {
                lotse_store::on_writer!(&db, pool => {
                    sqlx::query("UPDATE sessions SET starts_at = $2, ends_at = $3, registration_deadline = $2 WHERE id = $1")
                        .bind(session).bind(starts).bind(ends).execute(pool).await.unwrap();
                });
            }
        };
        move_session(now + 7_140, now + 18_000).await;
        assert_eq!(
            check_in("de").await.unwrap().status().as_u16(),
            200,
            "{backend:?}"
        );
        // Over: refused, also on the check-in page.
        move_session(now - 18_000, now - 60).await;
        let r = check_in("de").await.unwrap();
        assert_eq!(r.status().as_u16(), 409);
        let problem: Value = r.json().await.unwrap();
        assert_eq!(
            problem["detail"],
            "Dieser Termin ist vorbei; ein Check-in ist nicht mehr möglich."
        );
        let page = app
            .client
            .post(format!("{}/redaktion/termine/{session}", app.base))
            .header("cookie", staff.clone())
            .header("origin", app.base.clone())
            .form(&[("ticket", ticket.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 409);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("Dieser Termin ist vorbei")
        );
    }
}
