//! "Benachrichtigen", on both backends: on an offering without a free seat, an
//! anonymous visitor asks for new dates and confirms by mail (double opt-in), a
//! signed-in person at once; a new session mails each once, with List-Unsubscribe
//! headers (RFC 8058) whose one-click post works without signing in, once; replayed,
//! replaced and made-up links and bad addresses are refused; editors see a number.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, person_with_token};
use lotse_core::accounts::{Membership, Role, Scope};
use serde_json::{Value, json};
use uuid::Uuid;

/// The value of header `name` in a raw mail, unfolded.
fn header(raw: &str, name: &str) -> Option<String> {
    let unfolded = raw.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded
        .lines()
        .find(|l| l.starts_with(&format!("{name}:")))
        .map(|l| l[name.len() + 1..].trim().to_owned())
}

#[tokio::test]
async fn people_ask_for_dates_confirm_hear_once_and_leave_in_one_click() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, staff, _) = person_with_token(
            &app,
            vec![Membership {
                role: Role::Staff,
                scope: Scope::Center,
            }],
        )
        .await;
        let (_, _, partners) = app.json("/api/v1/partners").await;
        let partner = partners["items"][0]["id"].as_str().unwrap();
        let r = app
            .client
            .post(format!("{}/api/v1/offerings", app.base))
            .bearer_auth(&staff)
            .json(&json!({
                "kind": "workshop", "title": "Termine auf Anfrage", "summary": "Kurz.", "description": "Lang.",
                "learning_outcomes": ["Eins"], "topics": ["strategie"], "audiences": ["beschaeftigte"],
                "duration_hours": 3, "format": "online", "partner_id": partner, "price_cents": 0,
                "language": "de", "level": "basic"
            }))
            .send()
            .await
            .unwrap();
        let offering = r.json::<Value>().await.unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let waiting = || {
            let db = app.db.clone();
            let id: Uuid = offering.parse().unwrap();
            async move {
                lotse_store::catalogue::waiting_for_dates(&db, id)
                    .await
                    .unwrap()
            }
        };

        // No session: the page offers to notify, with an address field for visitors.
        let (_, page) = app.text(&format!("/angebote/{offering}")).await;
        assert!(
            page.contains(&format!("/angebote/{offering}/benachrichtigen"))
                && page.contains("name=\"email\""),
            "{backend:?}"
        );

        // A visitor asks; nothing counts before the address is confirmed.
        let ask = format!("/angebote/{offering}/benachrichtigen");
        let (status, location, _) = app
            .post_form(&ask, "email=Lea.Weber%40Beispiel.de", None)
            .await;
        assert_eq!(status, 303);
        assert!(location.unwrap().contains("hinweis=bestaetigen"));
        let mail = app
            .smtp
            .wait_for("lea.weber@beispiel.de", "/benachrichtigung/")
            .await;
        let link = mail
            .link(&format!("{}/benachrichtigung/", app.base))
            .unwrap();
        let path = &link[app.base.len()..];
        assert_eq!(waiting().await, 0);
        // Asking again at once sends no second mail (nobody floods an address) and
        // keeps the first mail's link.
        let mails = app.smtp.all().len();
        let (status, _, _) = app
            .post_form(&ask, "email=lea.weber%40beispiel.de", None)
            .await;
        assert_eq!(status, 303);
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(app.smtp.all().len(), mails, "a second confirmation mail");
        // Opening the link changes nothing (mail scanners open links); its button does.
        let (status, html) = app.text(path).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("{path}/bestaetigen")), "{html}");
        assert_eq!(waiting().await, 0);
        let (status, _, html) = app
            .post_form(&format!("{path}/bestaetigen"), "", None)
            .await;
        assert_eq!(status, 200, "{html}");
        assert_eq!(waiting().await, 1, "{backend:?}");
        // Asking again changes nothing and says the same.
        let (status, location, _) = app
            .post_form(&ask, "email=lea.weber%40beispiel.de", None)
            .await;
        assert_eq!(
            (status, location.unwrap().contains("hinweis=bestaetigen")),
            (303, true)
        );
        // A signed-in person with a confirmed address counts at once.
        let cookie = common::demo_cookie(&app.client, &app.base, "learner@demo.lotse.de").await;
        let (status, location, _) = app.post_form(&ask, "", Some(&cookie)).await;
        assert_eq!(status, 303);
        assert!(location.unwrap().contains("hinweis=benachrichtigung"));
        assert_eq!(waiting().await, 2);
        // Editors see the number, never who.
        let staff_cookie = common::staff_cookie(&app.client, &app.base).await;
        let (_, editor) = app
            .text_as(&format!("/redaktion/angebote/{offering}"), &staff_cookie)
            .await;
        assert!(
            editor.contains("2 Personen warten auf einen neuen Termin"),
            "{editor}"
        );
        assert!(!editor.contains("lea.weber"));

        // A new session: one mail each, with a one-click unsubscribe.
        let (status, _) = {
            let r = app
                .client
                .post(format!("{}/api/v1/offerings/{offering}/sessions", app.base))
                .bearer_auth(&staff)
                .json(&json!({ "starts_at": "2031-09-01T10:00", "ends_at": "2031-09-01T12:00", "capacity": 8,
                               "online_link": "https://meet.example.org/anfrage" }))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), ())
        };
        assert_eq!(status, 201);
        let news = app
            .smtp
            .wait_for("lea.weber@beispiel.de", "Subject: Neue Termine")
            .await;
        app.smtp
            .wait_for("learner@demo.lotse.de", "Subject: Neue Termine")
            .await;
        assert!(
            !news.raw.contains("meet.example.org"),
            "the join link is for participants"
        );
        let unsubscribe = header(&news.raw, "List-Unsubscribe").unwrap();
        assert_eq!(
            header(&news.raw, "List-Unsubscribe-Post").as_deref(),
            Some("List-Unsubscribe=One-Click")
        );
        let unsubscribe = unsubscribe.trim_start_matches('<').trim_end_matches('>');
        assert!(
            unsubscribe.starts_with(&format!("{}/benachrichtigung/", app.base)),
            "{unsubscribe}"
        );
        let one_click = &unsubscribe[app.base.len()..];
        // The confirmation link of before was replaced by the new mail's.
        assert_eq!(app.text(path).await.0, 404);
        // The session has seats: the page no longer offers to notify.
        let (_, page) = app.text(&format!("/angebote/{offering}")).await;
        assert!(!page.contains("/benachrichtigen\""), "{backend:?}");

        // One click, as a mail program sends it: no cookie, no sign-in.
        let (status, _, _) = app
            .post_form(one_click, "List-Unsubscribe=One-Click", None)
            .await;
        assert_eq!(status, 200);
        assert_eq!(waiting().await, 1);
        let (status, _, html) = app
            .post_form(one_click, "List-Unsubscribe=One-Click", None)
            .await;
        assert_eq!(status, 404, "a replayed unsubscribe");
        assert!(html.contains("Link ungültig"));
        let (status, _, _) = app
            .post_form("/benachrichtigung/erfunden/abmelden", "", None)
            .await;
        assert_eq!(status, 404);
        assert_eq!(waiting().await, 1, "the other person stays on the list");

        // Bad input.
        let (status, _, html) = app.post_form(&ask, "email=keine-adresse", None).await;
        assert_eq!(status, 400);
        assert!(html.contains("E-Mail-Adresse"), "{html}");
        let (status, _, _) = app
            .post_form(
                &format!("/angebote/{}/benachrichtigen", Uuid::now_v7()),
                "email=a%40b.de",
                None,
            )
            .await;
        assert_eq!(status, 404);
    }
}

#[tokio::test]
async fn the_api_takes_interest_from_signed_in_people_and_from_addresses_it_confirms() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, offerings) = app.json("/api/v1/offerings?limit=1").await;
        let offering = offerings["items"][0]["id"].as_str().unwrap().to_owned();
        let url = format!("{}/api/v1/offerings/{offering}/interest", app.base);
        let waiting = || {
            let db = app.db.clone();
            let id: Uuid = offering.parse().unwrap();
            async move {
                lotse_store::catalogue::waiting_for_dates(&db, id)
                    .await
                    .unwrap()
            }
        };
        let before = waiting().await;

        // A person with a token and a confirmed address: no body, on the list at once.
        let (_, token, _) = person_with_token(&app, Vec::new()).await;
        let r = app
            .client
            .post(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        assert_eq!(r.json::<Value>().await.unwrap()["status"], "listed");
        assert_eq!(waiting().await, before + 1, "{backend:?}");

        // A visitor: 202, and the address counts only once confirmed by mail.
        let r = app
            .client
            .post(&url)
            .json(&json!({ "email": "api.besucher@beispiel.de" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
        assert_eq!(
            r.json::<Value>().await.unwrap()["status"],
            "awaits_confirmation"
        );
        app.smtp
            .wait_for("api.besucher@beispiel.de", "/benachrichtigung/")
            .await;
        assert_eq!(waiting().await, before + 1);

        // Bad input, in the reader's language: nothing is stored.
        for body in [json!({ "email": "keine-adresse" }), json!({})] {
            let r = app
                .client
                .post(&url)
                .header("accept-language", "en")
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400);
            assert_eq!(
                r.headers()["content-type"].to_str().unwrap(),
                "application/problem+json"
            );
            let problem = r.json::<Value>().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], "email", "{problem}");
            assert!(
                problem["errors"][0]["message"]
                    .as_str()
                    .unwrap()
                    .contains("address"),
                "{problem}"
            );
        }
        let r = app
            .client
            .post(&url)
            .header("content-type", "application/json")
            .body("{kein json")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let r = app
            .client
            .post(format!(
                "{}/api/v1/offerings/{}/interest",
                app.base,
                Uuid::now_v7()
            ))
            .json(&json!({ "email": "a@b.de" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert_eq!(waiting().await, before + 1, "{backend:?}");
    }
}
