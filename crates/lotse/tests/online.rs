//! Online sessions, on both backends: the join link and dial-in reach the people with a
//! seat (their registrations, confirmation and promotion mails, their calendar feed)
//! and nobody else (the waitlist, a cancelled registration, other people, the public
//! pages, API and calendar files); a changed link is mailed to the confirmed
//! participants; bad links and foreign sessions are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, person_with_token};
use lotse_core::accounts::{Membership, Role, Scope};
use serde_json::{Value, json};
use uuid::Uuid;

const LINK: &str = "https://meet.example.org/lotse/raum-7";
const DIAL_IN: &str = "+49 355 69 4711, Konferenz-ID 8815";
const NEW_LINK: &str = "https://meet.example.org/lotse/raum-8";

async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app.client.request(method, format!("{}{path}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The registration of `token`'s holder for `session`, as "my registrations" lists it.
async fn mine(app: &TestApp, token: &str, session: &str) -> Value {
    let (_, list) = call(
        app,
        reqwest::Method::GET,
        "/api/v1/me/registrations",
        Some(token),
        None,
    )
    .await;
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["session_id"] == session)
        .cloned()
        .unwrap_or_else(|| panic!("no registration for {session} in {list}"))
}

/// The text of `token`'s holder's private calendar feed.
async fn feed(app: &TestApp, token: &str) -> String {
    let (status, created) = call(
        app,
        reqwest::Method::POST,
        "/api/v1/me/calendar-feed",
        Some(token),
        None,
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let url = created["url"].as_str().unwrap();
    let path = &url[url.find("/ical/").unwrap()..];
    app.text(path).await.1.replace("\r\n ", "")
}

/// A staff member's API token.
async fn staff_token(app: &TestApp) -> String {
    let staff = vec![Membership {
        role: Role::Staff,
        scope: Scope::Center,
    }];
    person_with_token(app, staff).await.1
}

#[tokio::test]
async fn only_people_with_a_seat_learn_how_to_join() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = staff_token(&app).await;
        let (_, _, list) = app.json("/api/v1/offerings?limit=1").await;
        let offering = list["items"][0]["id"].as_str().unwrap().to_owned();
        let (status, created) = call(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/offerings/{offering}/sessions"),
            Some(&staff),
            Some(json!({ "starts_at": "2031-05-06T10:00", "ends_at": "2031-05-06T12:00", "capacity": 1,
                         "online_link": LINK, "dial_in": DIAL_IN })),
        )
        .await;
        assert_eq!(status, 201, "{backend:?}: {created}");
        let session = created["id"].as_str().unwrap().to_owned();
        let (_, seated, seated_email) = person_with_token(&app, Vec::new()).await;
        let (_, waiting, waiting_email) = person_with_token(&app, Vec::new()).await;
        let (_, other, _) = person_with_token(&app, Vec::new()).await;
        let book = |token: String| {
            let (app, session) = (&app, session.clone());
            async move {
                call(
                    app,
                    reqwest::Method::POST,
                    &format!("/api/v1/sessions/{session}/registrations"),
                    Some(&token),
                    Some(json!({})),
                )
                .await
            }
        };
        let (status, first) = book(seated.clone()).await;
        assert_eq!(status, 201, "{first}");
        let (_, second) = book(waiting.clone()).await;
        assert_eq!(second["items"][0]["status"], "waitlisted");

        // The one with the seat: registrations, mail, calendar feed.
        let r = mine(&app, &seated, &session).await;
        assert_eq!(r["join_url"], LINK, "{backend:?}: {r}");
        assert_eq!(r["join_notes"], DIAL_IN);
        let mail = app
            .smtp
            .wait_for(&seated_email, "Subject: Anmeldung ")
            .await;
        assert_eq!(mail.link(LINK).as_deref(), Some(LINK), "{}", mail.raw);
        assert!(mail.raw.replace("=\r\n", "").contains("Konferenz-ID 8815"));
        let text = feed(&app, &seated).await;
        assert!(text.contains(&format!("URL:{LINK}")), "{text}");

        // The waitlist, other people and the public see no trace of it.
        let r = mine(&app, &waiting, &session).await;
        assert!(
            r.get("join_url").is_none() && r.get("join_notes").is_none(),
            "{r}"
        );
        let mail = app
            .smtp
            .wait_for(&waiting_email, "Subject: Warteliste")
            .await;
        assert!(!mail.raw.contains("meet.example.org"), "{}", mail.raw);
        assert!(!feed(&app, &waiting).await.contains("meet.example.org"));
        assert!(!feed(&app, &other).await.contains("meet.example.org"));
        for path in [
            format!("/api/v1/offerings/{offering}"),
            format!("/angebote/{offering}"),
            format!("/ical/sessions/{session}.ics"),
            "/api/v1/feed/offerings".to_owned(),
        ] {
            let (status, body) = app.text(&path).await;
            assert_eq!(status, 200, "{path}");
            assert!(
                !body.contains("meet.example.org") && !body.contains("8815"),
                "{backend:?}: {path} shows the access"
            );
        }
        let (_, listed) = call(
            &app,
            reqwest::Method::GET,
            &format!("/api/v1/sessions/{session}/registrations"),
            Some(&staff),
            None,
        )
        .await;
        assert!(
            !listed.to_string().contains("meet.example.org"),
            "participant lists carry no link"
        );

        // A new link: the seat holder is told, the waitlist is not.
        let (status, body) = call(
            &app,
            reqwest::Method::PATCH,
            &format!("/api/v1/sessions/{session}"),
            Some(&staff),
            Some(json!({ "join_url": NEW_LINK })),
        )
        .await;
        assert_eq!(status, 204, "{body}");
        let mail = app
            .smtp
            .wait_for(&seated_email, "Subject: Neuer Zugang")
            .await;
        assert_eq!(
            mail.link(NEW_LINK).as_deref(),
            Some(NEW_LINK),
            "{}",
            mail.raw
        );
        assert!(
            mail.raw.replace("=\r\n", "").contains("Konferenz-ID 8815"),
            "the dial-in stays"
        );
        assert_eq!(mine(&app, &seated, &session).await["join_url"], NEW_LINK);
        assert!(
            !app.smtp
                .all()
                .iter()
                .any(|m| m.to.contains(&waiting_email) && m.raw.contains("Neuer Zugang")),
            "the waitlist was told"
        );
        // The same link again (under the name session creation uses) changes nothing
        // and mails nobody.
        let before = app.smtp.all().len();
        call(
            &app,
            reqwest::Method::PATCH,
            &format!("/api/v1/sessions/{session}"),
            Some(&staff),
            Some(json!({ "online_link": NEW_LINK })),
        )
        .await;

        // The seat holder cancels: the link goes with the seat, to the one who moves up.
        let id = mine(&app, &seated, &session).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (status, _) = call(
            &app,
            reqwest::Method::DELETE,
            &format!("/api/v1/registrations/{id}"),
            Some(&seated),
            None,
        )
        .await;
        assert_eq!(status, 204);
        assert!(
            mine(&app, &seated, &session)
                .await
                .get("join_url")
                .is_none()
        );
        let mail = app
            .smtp
            .wait_for(&waiting_email, "Subject: Ein Platz ist frei")
            .await;
        assert_eq!(
            mail.link(NEW_LINK).as_deref(),
            Some(NEW_LINK),
            "{}",
            mail.raw
        );
        assert_eq!(mine(&app, &waiting, &session).await["join_url"], NEW_LINK);
        assert!(
            !app.smtp.all()[before..]
                .iter()
                .any(|m| m.raw.contains("Neuer Zugang")),
            "an unchanged link was mailed"
        );
    }
}

#[tokio::test]
async fn bad_links_and_foreign_sessions_are_refused() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = staff_token(&app).await;
        let (_, _, partners) = app.json("/api/v1/partners").await;
        let (_, _, list) = app.json("/api/v1/offerings?limit=100").await;
        let first_partner = list["items"][0]["partner"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let offering = list["items"][0]["id"].as_str().unwrap().to_owned();
        let create = |body: Value| {
            let (app, staff, offering) = (&app, staff.clone(), offering.clone());
            async move {
                call(
                    app,
                    reqwest::Method::POST,
                    &format!("/api/v1/offerings/{offering}/sessions"),
                    Some(&staff),
                    Some(body),
                )
                .await
            }
        };
        for (link, dial_in, field) in [
            ("ftp://meet.example.org/x", "", "online_link"),
            ("javascript:alert(1)", "", "online_link"),
            ("", DIAL_IN, "dial_in"),
        ] {
            let (status, body) = create(json!({ "starts_at": "2031-05-06T10:00", "ends_at": "2031-05-06T12:00", "capacity": 5,
                "online_link": link, "dial_in": dial_in })).await;
            assert_eq!(status, 400, "{backend:?} {link:?}: {body}");
            assert!(
                body["errors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["field"] == field),
                "{body}"
            );
        }
        let (_, created) = create(json!({ "starts_at": "2031-05-06T10:00", "ends_at": "2031-05-06T12:00", "capacity": 5, "online_link": LINK })).await;
        let session = created["id"].as_str().unwrap().to_owned();
        let patch = |token: String, body: Value| {
            let (app, session) = (&app, session.clone());
            async move {
                call(
                    app,
                    reqwest::Method::PATCH,
                    &format!("/api/v1/sessions/{session}"),
                    Some(&token),
                    Some(body),
                )
                .await
            }
        };
        // Without a place, the link cannot go; nothing named is nothing to change.
        let (status, body) = patch(staff.clone(), json!({ "join_url": "" })).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["errors"][0]["field"], "join_url", "{body}");
        let (status, body) = patch(staff.clone(), json!({})).await;
        assert_eq!(status, 400, "{body}");
        let (status, body) = patch(staff.clone(), json!({ "join_notes": "x".repeat(501) })).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["errors"][0]["field"], "join_notes", "{body}");
        // Another partner's editor does not find the session.
        let other_partner = partners["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .find(|p| *p != first_partner)
            .unwrap();
        let (_, editor, _) = person_with_token(
            &app,
            vec![Membership {
                role: Role::PartnerEditor,
                scope: Scope::Partner(other_partner.parse::<Uuid>().unwrap()),
            }],
        )
        .await;
        let (status, _) = patch(editor, json!({ "online_link": NEW_LINK })).await;
        assert_eq!(status, 404);
        // Nothing of it was stored.
        let stored = lotse_store::catalogue::session_access(&app.db, session.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(
            stored,
            Some((None, Some(LINK.to_owned()), None)),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn the_join_mail_goes_out_once_shortly_before_the_start_to_seat_holders() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = staff_token(&app).await;
        let (_, _, list) = app.json("/api/v1/offerings?limit=1").await;
        let offering = list["items"][0]["id"].as_str().unwrap().to_owned();
        // Berlin wall-clock times 20 minutes and 2 hours ahead.
        let local = |minutes: i64| {
            (jiff::Timestamp::now() + jiff::SignedDuration::from_mins(minutes))
                .to_zoned(lotse_core::catalogue::berlin())
                .strftime("%Y-%m-%dT%H:%M")
                .to_string()
        };
        let session = |starts: i64, online: bool| {
            let (app, staff, offering) = (&app, staff.clone(), offering.clone());
            async move {
                let mut body = json!({ "starts_at": local(starts), "ends_at": local(starts + 60),
                    "registration_deadline": local(starts), "capacity": 1 });
                if online {
                    body["online_link"] = json!(LINK);
                } else {
                    let (_, _, places) = app.json("/api/v1/places").await;
                    body["place_id"] = places["items"][0]["id"].clone();
                }
                let (status, created) = call(
                    app,
                    reqwest::Method::POST,
                    &format!("/api/v1/offerings/{offering}/sessions"),
                    Some(&staff),
                    Some(body),
                )
                .await;
                assert_eq!(status, 201, "{created}");
                created["id"].as_str().unwrap().to_owned()
            }
        };
        let soon = session(20, true).await;
        let later = session(120, true).await;
        let in_person = session(20, false).await;
        let (_, seated, seated_email) = person_with_token(&app, Vec::new()).await;
        let (_, waiting, waiting_email) = person_with_token(&app, Vec::new()).await;
        for (token, session) in [
            (&seated, &soon),
            (&waiting, &soon),
            (&seated, &later),
            (&seated, &in_person),
        ] {
            let (status, body) = call(
                &app,
                reqwest::Method::POST,
                &format!("/api/v1/sessions/{session}/registrations"),
                Some(token),
                Some(json!({})),
            )
            .await;
            assert_eq!(status, 201, "{body}");
        }
        let now = lotse_store::now_seconds();
        let sent = lotse_web::booking::service::send_due_join_mails(&app.state, now)
            .await
            .unwrap();
        assert_eq!(
            sent, 1,
            "{backend:?}: only the seat in the online session within 30 minutes"
        );
        let mail = app
            .smtp
            .wait_for(&seated_email, "Subject: Gleich geht es los")
            .await;
        assert_eq!(mail.link(LINK).as_deref(), Some(LINK), "{}", mail.raw);
        let again = lotse_web::booking::service::send_due_join_mails(&app.state, now + 60)
            .await
            .unwrap();
        assert_eq!(again, 0, "sent twice");
        // Two hours ahead, the later session's mail is due too.
        let later_sent =
            lotse_web::booking::service::send_due_join_mails(&app.state, now + 100 * 60)
                .await
                .unwrap();
        assert_eq!(later_sent, 1);
        assert!(
            !app.smtp
                .all()
                .iter()
                .any(|m| m.to.contains(&waiting_email) && m.raw.contains("Gleich geht es los")),
            "the waitlist got the join mail"
        );
    }
}

#[tokio::test]
async fn editors_change_the_access_on_the_offerings_page() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = staff_token(&app).await;
        let cookie = common::staff_cookie(&app.client, &app.base).await;
        let (_, _, list) = app.json("/api/v1/offerings?limit=1").await;
        let offering = list["items"][0]["id"].as_str().unwrap().to_owned();
        let (_, created) = call(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/offerings/{offering}/sessions"),
            Some(&staff),
            Some(json!({ "starts_at": "2031-06-06T10:00", "ends_at": "2031-06-06T12:00", "capacity": 3, "online_link": LINK })),
        )
        .await;
        let session = created["id"].as_str().unwrap().to_owned();
        let (_, seated, seated_email) = person_with_token(&app, Vec::new()).await;
        call(
            &app,
            reqwest::Method::POST,
            &format!("/api/v1/sessions/{session}/registrations"),
            Some(&seated),
            Some(json!({})),
        )
        .await;
        let (_, page) = app
            .text_as(&format!("/redaktion/angebote/{offering}"), &cookie)
            .await;
        assert!(
            page.contains(&format!("/redaktion/termine/{session}/zugang")) && page.contains(LINK),
            "{backend:?}"
        );
        let access = format!("/redaktion/termine/{session}/zugang");
        let post = |form: &'static str| app.post_form(&access, form, Some(&cookie));
        let (status, _, html) = post("online_link=ftp%3A%2F%2Funsicher.example&dial_in=").await;
        assert_eq!(status, 400);
        assert!(
            html.contains("https://"),
            "the message names the rule: {html}"
        );
        let (status, location, _) =
            post("online_link=https%3A%2F%2Fmeet.example.org%2Flotse%2Fraum-9&dial_in=%2B49+355+1")
                .await;
        assert_eq!(status, 303);
        assert_eq!(
            location.unwrap(),
            format!("/redaktion/angebote/{offering}?hinweis=zugang")
        );
        let mail = app
            .smtp
            .wait_for(&seated_email, "Subject: Neuer Zugang")
            .await;
        assert!(
            mail.link("https://meet.example.org/lotse/raum-9").is_some(),
            "{}",
            mail.raw
        );
    }
}
