//! The real app over HTTP on both backends: pages, the catalogue API with its filters,
//! pagination and errors, the OpenAPI document, operations and security headers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};
use serde_json::Value;
use std::collections::BTreeSet;

/// Every offering the API lists, following cursors with `limit`.
async fn all_offerings(app: &TestApp, query: &str, limit: u32) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let mut path = format!("/api/v1/offerings?limit={limit}&{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let (status, _, body) = app.json(&path).await;
        assert_eq!(status, 200, "{path}: {body}");
        items.extend(body["items"].as_array().unwrap().iter().cloned());
        match body["next"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return items,
        }
    }
    panic!("pagination did not end");
}

fn ids(items: &[Value]) -> BTreeSet<String> {
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn pagination_visits_every_offering_once_in_title_order() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, first) = app.json("/api/v1/offerings?limit=7").await;
        let total = first["total"].as_i64().unwrap();
        assert!(total >= 30, "{backend:?}: {total}");
        let items = all_offerings(&app, "", 7).await;
        assert_eq!(items.len() as i64, total, "{backend:?}");
        assert_eq!(
            ids(&items).len() as i64,
            total,
            "{backend:?}: an offering came twice"
        );
        let titles: Vec<String> = items
            .iter()
            .map(|i| lotse_store::catalogue::sort_key(i["title"].as_str().unwrap()))
            .collect();
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(titles, sorted, "{backend:?}: not in title order");
        // A page of 100 holds them all.
        let (_, _, all) = app.json("/api/v1/offerings?limit=100").await;
        assert!(all["next"].is_null());
    }
}

#[tokio::test]
async fn each_filter_keeps_exactly_the_matching_offerings() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let everything = all_offerings(&app, "", 100).await;
        let logistics = all_offerings(&app, "topic=logistik-4-0", 100).await;
        let expected: BTreeSet<String> = everything
            .iter()
            .filter(|o| {
                o["topics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t == "logistik-4-0")
            })
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(ids(&logistics), expected, "{backend:?}: topic filter");

        let webinars = all_offerings(&app, "kind=webinar", 100).await;
        assert!(!webinars.is_empty());
        assert!(webinars.iter().all(|o| o["kind"] == "webinar"));
        assert_eq!(
            webinars.len(),
            everything.iter().filter(|o| o["kind"] == "webinar").count()
        );

        // Audience: check against each offering's detail.
        let councils = ids(&all_offerings(&app, "audience=betriebsraete", 100).await);
        assert!(!councils.is_empty());
        for o in &everything {
            let id = o["id"].as_str().unwrap();
            let (_, _, detail) = app.json(&format!("/api/v1/offerings/{id}")).await;
            let has = detail["audiences"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "betriebsraete");
            assert_eq!(
                councils.contains(id),
                has,
                "{backend:?}: audience filter on {id}"
            );
        }

        // Partner.
        let (_, _, partners) = app.json("/api/v1/partners").await;
        let partner = partners["items"][0]["id"].as_str().unwrap().to_owned();
        let of_partner = all_offerings(&app, &format!("partner={partner}"), 100).await;
        assert!(!of_partner.is_empty());
        assert!(
            of_partner
                .iter()
                .all(|o| o["partner"]["id"] == partner.as_str())
        );

        // Text search is case-insensitive and finds umlauts.
        let found = all_offerings(&app, "q=LOGISTIK", 100).await;
        assert!(!found.is_empty());
        let none = all_offerings(&app, "q=zzzxxyy-gibt-es-nicht", 100).await;
        assert!(none.is_empty());

        // Combining filters narrows.
        let both = all_offerings(&app, "topic=logistik-4-0&kind=module", 100).await;
        assert!(both.len() <= logistics.len());
        assert!(both.iter().all(|o| o["kind"] == "module"));
    }
}

#[tokio::test]
async fn place_and_date_filters_look_at_planned_sessions() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, places) = app.json("/api/v1/places").await;
        let place = places["items"][0]["id"].as_str().unwrap().to_owned();
        let at_place = all_offerings(&app, &format!("place={place}"), 100).await;
        assert!(
            !at_place.is_empty(),
            "{backend:?}: no offering at the first place"
        );
        for o in &at_place {
            let (_, _, detail) = app
                .json(&format!("/api/v1/offerings/{}", o["id"].as_str().unwrap()))
                .await;
            let here = detail["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["place"]["id"] == place.as_str());
            assert!(here, "{backend:?}: offering without a session at the place");
        }

        // A window of one week in about two months: every hit has a session starting in it.
        let today = jiff::Zoned::now()
            .with_time_zone(lotse_core::catalogue::berlin())
            .date();
        let from = today.checked_add(jiff::Span::new().days(60)).unwrap();
        let to = today.checked_add(jiff::Span::new().days(66)).unwrap();
        let window = all_offerings(&app, &format!("from={from}&to={to}"), 100).await;
        assert!(
            !window.is_empty(),
            "{backend:?}: no session between {from} and {to}"
        );
        for o in &window {
            let (_, _, detail) = app
                .json(&format!("/api/v1/offerings/{}", o["id"].as_str().unwrap()))
                .await;
            let inside = detail["sessions"].as_array().unwrap().iter().any(|s| {
                let day = &s["starts_at"].as_str().unwrap()[..10];
                day >= from.to_string().as_str() && day <= to.to_string().as_str()
            });
            assert!(
                inside,
                "{backend:?}: {} has no session in the window",
                o["title"]
            );
        }
        let past = all_offerings(&app, "from=2001-01-01&to=2001-12-31", 100).await;
        assert!(past.is_empty());
    }
}

#[tokio::test]
async fn an_offering_shows_its_sessions_with_free_seats_and_berlin_offsets() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let items = all_offerings(&app, "kind=module", 100).await;
        let id = items[0]["id"].as_str().unwrap();
        let (status, content_type, o) = app.json(&format!("/api/v1/offerings/{id}")).await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("application/json"));
        assert_eq!(o["id"], id);
        assert!(!o["description"].as_str().unwrap().is_empty());
        assert!(!o["learning_outcomes"].as_array().unwrap().is_empty());
        let sessions = o["sessions"].as_array().unwrap();
        assert!(!sessions.is_empty());
        let mut previous: Option<jiff::Timestamp> = None;
        for s in sessions {
            let starts = s["starts_at"].as_str().unwrap();
            assert!(
                starts.ends_with("+01:00") || starts.ends_with("+02:00"),
                "{starts}"
            );
            let parsed: jiff::Timestamp = starts.parse().unwrap();
            let ends: jiff::Timestamp = s["ends_at"].as_str().unwrap().parse().unwrap();
            assert!(ends > parsed);
            assert!(
                previous.is_none_or(|p| p <= parsed),
                "sessions not in order"
            );
            previous = Some(parsed);
            assert_eq!(s["seats_free"], s["capacity"], "nobody is booked yet");
            assert_eq!(s["waitlist_length"], 0);
            assert_eq!(s["status"], "planned");
            assert!(s["place"].is_object() || s["online"] == true);
        }
        assert!(o["partner"]["name"].is_string());
        assert!(o["qualifications"].is_array());
    }
}

#[tokio::test]
async fn bad_input_gets_a_problem_document_and_never_a_500() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let cases = [
            ("/api/v1/offerings?topic=kochen", 400, Some("topic")),
            ("/api/v1/offerings?kind=party", 400, Some("kind")),
            ("/api/v1/offerings?audience=alle", 400, Some("audience")),
            ("/api/v1/offerings?partner=42", 400, Some("partner")),
            ("/api/v1/offerings?place=nowhere", 400, Some("place")),
            ("/api/v1/offerings?from=gestern", 400, Some("from")),
            (
                "/api/v1/offerings?from=2026-05-02&to=2026-05-01",
                400,
                Some("to"),
            ),
            ("/api/v1/offerings?limit=0", 400, Some("limit")),
            ("/api/v1/offerings?limit=-3", 400, Some("limit")),
            ("/api/v1/offerings?limit=101", 400, Some("limit")),
            (
                "/api/v1/offerings?limit=99999999999999999999",
                400,
                Some("limit"),
            ),
            ("/api/v1/offerings?limit=viele", 400, Some("limit")),
            ("/api/v1/offerings?cursor=eyJrIjoxfQ", 400, Some("cursor")),
            ("/api/v1/offerings?cursor=%FF%FE", 400, Some("cursor")),
            ("/api/v1/offerings/not-a-uuid", 400, Some("id")),
            (
                "/api/v1/offerings/0192f2a0-0000-7000-8000-000000000000",
                404,
                None,
            ),
            (
                "/api/v1/qualifications/0192f2a0-0000-7000-8000-000000000000",
                404,
                None,
            ),
            ("/api/v1/gibt-es-nicht", 404, None),
        ];
        for (path, expected, field) in cases {
            let (status, content_type, body) = app.json(path).await;
            assert_eq!(status, expected, "{backend:?} {path}: {body}");
            assert_eq!(content_type, "application/problem+json", "{path}");
            assert_eq!(body["status"], expected);
            assert!(
                body["title"].is_string() && body["detail"].is_string(),
                "{path}: {body}"
            );
            if let Some(field) = field {
                let fields: Vec<&str> = body["errors"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{path}: no errors in {body}"))
                    .iter()
                    .map(|e| e["field"].as_str().unwrap())
                    .collect();
                assert_eq!(fields, vec![field], "{path}");
            }
        }
        // A cursor that decodes but was edited still works as a position, never a 500.
        let (status, _, _) = app.json("/api/v1/offerings?cursor=eyJrIjoienp6IiwiaSI6IjAxOTJmMmEwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMCJ9").await;
        assert_eq!(status, 200);
    }
}

#[tokio::test]
async fn reference_data_is_complete() {
    let app = TestApp::spawn(backends()[0], true).await;
    let (_, _, topics) = app.json("/api/v1/topics").await;
    let keys: Vec<&str> = topics["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 7);
    assert!(keys.contains(&"arbeit-4-0") && keys.contains(&"logistik-4-0"));
    assert_eq!(topics["items"][0]["name"], "Arbeit 4.0");
    let (_, _, counties) = app.json("/api/v1/counties").await;
    assert_eq!(counties["items"].as_array().unwrap().len(), 19);
    let (_, _, partners) = app.json("/api/v1/partners").await;
    let names: Vec<&str> = partners["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.contains("BTU")), "{names:?}");
    assert!(
        partners["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["kind"] == "associated_partner")
    );
    let (_, _, qualifications) = app.json("/api/v1/qualifications").await;
    let first = &qualifications["items"][0];
    assert!(qualifications["items"].as_array().unwrap().len() >= 3);
    let (status, _, q) = app
        .json(&format!(
            "/api/v1/qualifications/{}",
            first["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(status, 200);
    let modules = q["modules"].as_array().unwrap();
    assert_eq!(
        modules.iter().filter(|m| m["required"] == true).count() as i64,
        first["required_modules"].as_i64().unwrap()
    );
    let hours: i64 = modules
        .iter()
        .map(|m| m["duration_hours"].as_i64().unwrap())
        .sum();
    assert!(hours >= first["minimum_hours"].as_i64().unwrap());
    let (_, _, audiences) = app.json("/api/v1/audiences").await;
    assert_eq!(audiences["items"].as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_lists_every_api_route() {
    let app = TestApp::spawn(backends()[0], false).await;
    let (status, _, doc) = app.json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let paths: BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for route in [
        "/api/v1/offerings",
        "/api/v1/offerings/{id}",
        "/api/v1/topics",
        "/api/v1/audiences",
        "/api/v1/partners",
        "/api/v1/places",
        "/api/v1/counties",
        "/api/v1/qualifications",
        "/api/v1/qualifications/{id}",
    ] {
        assert!(paths.contains(route), "{route} missing from OpenAPI");
        // And the route is really served (not the 404 fallback).
        let concrete = route.replace("{id}", "0192f2a0-0000-7000-8000-000000000000");
        let (_, _, body) = app.json(&concrete).await;
        assert_ne!(
            body["detail"], "Der Pfad wurde nicht gefunden.",
            "{route} is documented but not routed"
        );
    }
    let params: Vec<&str> = doc["paths"]["/api/v1/offerings"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "topic", "kind", "audience", "partner", "place", "from", "to", "q", "limit", "cursor",
    ] {
        assert!(params.contains(&p), "parameter {p} undocumented");
    }
    // Every operation has its own id (OpenAPI 3.1, 4.8.10: unique among all operations).
    let mut ids = BTreeSet::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let id = operation["operationId"].as_str().unwrap();
            assert!(ids.insert(id.to_owned()), "operationId {id} twice");
        }
    }
    // The credentials the API takes are declared: bearer tokens and the sign-in cookie.
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session_cookie"]["in"], "cookie");
    assert_eq!(schemes["session_cookie"]["name"], "lotse_session");
    let (status, docs) = app.text("/api/docs").await;
    assert_eq!(status, 200);
    assert!(docs.contains("GET /api/v1/offerings") && docs.contains("<html lang=\"de\">"));
}

/// The OpenAPI document as served passes `openapi-spec-validator` (PyPI, pinned in
/// `.ci/requirements.txt`), a validator written by others against the 3.1 schema.
#[tokio::test]
async fn the_openapi_document_passes_an_independent_validator() {
    let install = "pip install -r .ci/requirements.txt";
    if !common::checker_ready("python3", &["-c", "import openapi_spec_validator"], install) {
        return;
    }
    let app = TestApp::spawn(backends()[0], false).await;
    let (status, _, doc) = app.json("/api/openapi.json").await;
    assert_eq!(status, 200);
    common::check_with(
        "python3",
        &["-m", "openapi_spec_validator", "-"],
        &doc.to_string(),
    );
}

/// A topic's calendar feed passes `ical`, a strict RFC 5545 parser written by others
/// (the feeds and mail parts of a booking are checked in `booking.rs`).
#[tokio::test]
async fn calendar_files_pass_an_independent_parser() {
    let app = TestApp::spawn(backends()[0], true).await;
    let (status, feed) = app.text("/ical/topics/logistik-4-0.ics").await;
    assert_eq!(status, 200);
    if let Some(events) = common::calendar_events(&feed, false) {
        assert_eq!(events.len(), feed.matches("BEGIN:VEVENT").count(), "{feed}");
        assert!(!events.is_empty() && events.iter().all(|title| !title.is_empty()));
    }
}

/// Each planned session on an offering's page links its own calendar file, which an
/// independent parser reads as that one session.
#[tokio::test]
async fn each_session_goes_into_a_calendar_from_its_page() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let offering = common::first_offering(&app.client, &app.base).await;
        let id = offering["id"].as_str().unwrap();
        let (_, page) = app.text(&format!("/angebote/{id}")).await;
        let href = page
            .split("href=\"")
            .filter_map(|rest| rest.split('"').next())
            .find(|h| h.starts_with("/ical/sessions/"))
            .unwrap_or_else(|| panic!("{backend:?}: no calendar link on {page}"))
            .to_owned();
        let r = app.get(&href).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"termin-")
        );
        let file = r.text().await.unwrap();
        assert_eq!(file.matches("BEGIN:VEVENT").count(), 1, "{file}");
        let session = href
            .trim_start_matches("/ical/sessions/")
            .trim_end_matches(".ics");
        assert!(file.contains(&format!("UID:{session}@lotse")), "{file}");
        if let Some(events) = common::calendar_events(&file, false) {
            assert_eq!(events, vec![offering["title"].as_str().unwrap().to_owned()]);
        }
        for missing in [
            "/ical/sessions/00000000-0000-0000-0000-000000000000.ics",
            "/ical/sessions/kein-termin.ics",
            &format!("/ical/sessions/{session}"),
        ] {
            assert_eq!(app.text(missing).await.0, 404, "{backend:?}: {missing}");
        }
        // A withdrawn offering's sessions are no longer handed out.
        lotse_store::catalogue::withdraw_offering(
            &app.db,
            id.parse().unwrap(),
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
        assert_eq!(app.text(&href).await.0, 404, "{backend:?}");
    }
}

/// "Meine Anmeldungen" sets up a private calendar feed, shows its address once,
/// makes a new one (the old stops working) and ends it.
#[tokio::test]
async fn the_private_calendar_feed_is_kept_from_my_registrations() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let cookie = common::staff_cookie(&app.client, &app.base).await;
        let post = |path: &'static str| {
            app.client
                .post(format!("{}{path}", app.base))
                .header("cookie", cookie.clone())
                .header("origin", app.base.clone())
                .send()
        };
        let (_, before) = {
            let r = app
                .client
                .get(format!("{}/konto/anmeldungen", app.base))
                .header("cookie", cookie.clone())
                .send()
                .await
                .unwrap();
            (r.status(), r.text().await.unwrap())
        };
        assert!(before.contains("Kalender-Abo einrichten"), "{before}");
        assert!(!before.contains("Kalender-Abo beenden"));
        let address = |page: &str| {
            let at = page.find("id=\"f-feed-url\"").expect("an address field");
            let value = &page[at..];
            let value = &value[value.find("value=\"").unwrap() + 7..];
            let url = &value[..value.find('"').unwrap()];
            url[url.find("/ical/me/").unwrap()..].to_owned()
        };
        let created = post("/konto/anmeldungen/kalender").await.unwrap();
        assert_eq!(created.status(), 201);
        assert_eq!(created.headers()["cache-control"], "no-store");
        let first = address(&created.text().await.unwrap());
        let feed = app.get(&first).await;
        assert_eq!(feed.status(), 200, "{backend:?}");
        assert_eq!(
            feed.headers()["content-type"],
            "text/calendar; charset=utf-8"
        );
        let renewed = post("/konto/anmeldungen/kalender")
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(renewed.contains("Kalender-Abo beenden"), "{renewed}");
        let second = address(&renewed);
        assert_ne!(first, second);
        assert_eq!(
            app.text(&first).await.0,
            404,
            "{backend:?}: the old address still works"
        );
        assert_eq!(app.text(&second).await.0, 200);
        let ended = post("/konto/anmeldungen/kalender/beenden").await.unwrap();
        assert_eq!(ended.status(), 303);
        let to = ended.headers()["location"].to_str().unwrap().to_owned();
        let page = app
            .client
            .get(format!("{}{to}", app.base))
            .header("cookie", cookie.clone())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Ihr Kalender-Abo ist beendet"), "{page}");
        assert_eq!(
            app.text(&second).await.0,
            404,
            "{backend:?}: the ended address still works"
        );
        // Signed out: to the sign-in page, nothing made.
        let anonymous = app
            .client
            .post(format!("{}/konto/anmeldungen/kalender", app.base))
            .header("origin", app.base.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status(), 303);
        assert!(
            anonymous.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/anmelden")
        );
    }
}

const PAGES: [&str; 9] = [
    "/",
    "/angebote",
    "/qualifizierungen",
    "/partner",
    "/check",
    "/impressum",
    "/datenschutz",
    "/api/docs",
    "/angebote?topic=arbeit-4-0&kind=module",
];

#[tokio::test]
async fn every_page_is_german_by_default_and_english_after_the_switch() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, offerings) = app.json("/api/v1/offerings?limit=1").await;
        let (_, _, qualifications) = app.json("/api/v1/qualifications").await;
        let (_, _, partners) = app.json("/api/v1/partners").await;
        let mut pages: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
        pages.push(format!(
            "/angebote/{}",
            offerings["items"][0]["id"].as_str().unwrap()
        ));
        pages.push(format!(
            "/qualifizierungen/{}",
            qualifications["items"][0]["id"].as_str().unwrap()
        ));
        pages.push(format!(
            "/partner/{}",
            partners["items"][0]["id"].as_str().unwrap()
        ));
        for page in &pages {
            let (status, html) = app.text(page).await;
            assert_eq!(status, 200, "{backend:?} {page}");
            assert!(html.contains("<html lang=\"de\">"), "{page}");
            assert!(
                html.contains("<main id=\"inhalt\""),
                "{page}: no main landmark"
            );
            assert!(html.contains("Zum Inhalt springen"), "{page}: no skip link");
            // Nothing is loaded from elsewhere.
            for attr in ["src=\"http", "href=\"//", "src=\"//", "url(http"] {
                assert!(!html.contains(attr), "{page} loads from outside: {attr}");
            }
            assert!(!html.contains("<link rel=\"stylesheet\" href=\"http"));
            let english = app
                .client
                .get(format!("{}{page}", app.base))
                .header("cookie", "lotse_lang=en")
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(english.contains("<html lang=\"en\">"), "{page}");
            assert!(english.contains("Skip to content"), "{page}");
        }
    }
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_returns_only_to_local_pages() {
    let app = TestApp::spawn(backends()[0], false).await;
    let r = app
        .get("/sprache/en?zurueck=%2Fangebote%3Ftopic%3Dstrategie")
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(r.headers()["location"], "/angebote?topic=strategie");
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("lotse_lang=en;")
    );
    let r = app
        .get("/sprache/en?zurueck=https%3A%2F%2Fevil.example%2F")
        .await;
    assert_eq!(r.headers()["location"], "/");
    let r = app.get("/sprache/en?zurueck=%2F%2Fevil.example").await;
    assert_eq!(r.headers()["location"], "/");
    let (status, _) = app.text("/sprache/fr").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_catalogue_page_filters_without_javascript_and_in_place_with_htmx() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, webinars) = app.json("/api/v1/offerings?kind=webinar&limit=100").await;
        let (_, _, modules) = app.json("/api/v1/offerings?kind=module&limit=100").await;
        let (status, html) = app.text("/angebote?kind=webinar").await;
        assert_eq!(status, 200);
        for w in webinars["items"].as_array().unwrap() {
            let title = w["title"]
                .as_str()
                .unwrap()
                .replace('&', "&#38;")
                .replace('"', "&#34;");
            assert!(
                html.contains(&title),
                "{backend:?}: webinar {title} missing"
            );
        }
        let module_title = modules["items"][0]["title"].as_str().unwrap();
        assert!(
            !html.contains(module_title),
            "a module shows under the webinar filter"
        );
        assert!(
            html.contains("<option value=\"webinar\" selected>"),
            "the chosen facet is not kept"
        );
        assert!(html.contains("<form") && html.contains("data-hx-get=\"/angebote\""));
        // htmx's valid form: a bare `hx-…` attribute is no HTML (the W3C checker says so).
        assert!(!html.contains(" hx-"), "a bare hx- attribute");

        let partial = app
            .client
            .get(format!("{}/angebote?kind=webinar", app.base))
            .header("HX-Request", "true")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!partial.contains("<html"), "htmx gets only the results");
        assert!(partial.contains("id=\"ergebnisse\""));

        // Paging through the page's own links reaches every offering.
        let total = app.json("/api/v1/offerings?limit=1").await.2["total"]
            .as_i64()
            .unwrap();
        let mut seen = 0;
        let mut next = Some("/angebote?limit=10".to_owned());
        let mut pages = 0;
        while let Some(path) = next.take() {
            pages += 1;
            assert!(pages < 20, "the page links do not end");
            let (status, html) = app.text(&path).await;
            assert_eq!(status, 200);
            seen += html.matches("<article class=\"card\">").count() as i64;
            next = html
                .split("<a class=\"button\" href=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .filter(|href| href.starts_with("/angebote?"))
                .map(|href| href.replace("&#38;", "&").replace("&amp;", "&"));
        }
        assert_eq!(seen, total, "{backend:?}");
    }
}

/// The same error reads in the reader's language: API answers follow the chosen
/// language, else `Accept-Language`; pages follow the chosen language and stay pages,
/// also for errors raised before a handler runs (the origin check).
#[tokio::test]
async fn errors_reach_readers_in_their_language_as_problem_or_page() {
    let app = TestApp::spawn(backends()[0], true).await;
    let missing = "/api/v1/offerings/0192f2a0-0000-7000-8000-000000000000";
    let ask = |path: &str, headers: &[(&str, &str)]| {
        let mut request = app.client.get(format!("{}{path}", app.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    let body = |r: reqwest::Response| async move {
        let content_type = r.headers()["content-type"].to_str().unwrap().to_owned();
        (r.status().as_u16(), content_type, r.text().await.unwrap())
    };
    let (status, kind, german) = body(ask(missing, &[]).await.unwrap()).await;
    assert_eq!((status, kind.as_str()), (404, "application/problem+json"));
    let german: Value = serde_json::from_str(&german).unwrap();
    assert_eq!(german["title"], "Nicht gefunden");
    assert_eq!(german["detail"], "Das Angebot wurde nicht gefunden.");
    let (_, _, english) = body(
        ask(missing, &[("accept-language", "en-GB,en;q=0.9,de;q=0.5")])
            .await
            .unwrap(),
    )
    .await;
    let english: Value = serde_json::from_str(&english).unwrap();
    assert_eq!(english["title"], "Not found");
    assert_eq!(english["detail"], "The offering was not found.");
    // The chosen language wins over the browser's.
    let (_, _, chosen) = body(
        ask(
            missing,
            &[("accept-language", "en"), ("cookie", "lotse_lang=de")],
        )
        .await
        .unwrap(),
    )
    .await;
    assert!(
        chosen.contains("Das Angebot wurde nicht gefunden."),
        "{chosen}"
    );
    // Field messages with arguments, from core and from the web layer.
    let (status, _, fields) = body(
        ask(
            "/api/v1/offerings?limit=0&topic=kochen",
            &[("accept-language", "en")],
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 400);
    let fields: Value = serde_json::from_str(&fields).unwrap();
    let messages: Vec<&str> = fields["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"must be a whole number from 1 to 100")
            && messages
                .iter()
                .any(|m| m.starts_with("unknown value “kochen”; allowed: ")),
        "{messages:?}"
    );
    // A page refused by the origin check is a page, in the chosen language.
    let staff = common::staff_cookie(&app.client, &app.base).await;
    for (lang, text) in [
        ("de", "Die Anfrage kam nicht von dieser Website"),
        ("en", "The request did not come from this website"),
    ] {
        let r = app
            .client
            .post(format!("{}/konto/ueberall-abmelden", app.base))
            .header("cookie", format!("{staff}; lotse_lang={lang}"))
            .header("origin", "https://elsewhere.example")
            .send()
            .await
            .unwrap();
        let (status, kind, html) = body(r).await;
        assert_eq!(status, 403);
        assert!(kind.starts_with("text/html"), "{kind}");
        assert!(html.contains(text), "{html}");
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
    }
    // The same refusal under /api/ is a problem document.
    let r = app
        .client
        .delete(format!("{}/api/v1/me/sessions", app.base))
        .header("cookie", format!("{staff}; lotse_lang=en"))
        .header("origin", "https://elsewhere.example")
        .send()
        .await
        .unwrap();
    let (status, kind, problem) = body(r).await;
    assert_eq!((status, kind.as_str()), (403, "application/problem+json"));
    assert!(
        problem.contains("The request did not come from this website"),
        "{problem}"
    );
}

#[tokio::test]
async fn pages_answer_bad_input_with_friendly_german_pages() {
    let app = TestApp::spawn(backends()[0], true).await;
    for (path, status, text) in [
        ("/angebote/kein-angebot", 404, "Seite nicht gefunden"),
        (
            "/angebote/0192f2a0-0000-7000-8000-000000000000",
            404,
            "Seite nicht gefunden",
        ),
        (
            "/qualifizierungen/0192f2a0-0000-7000-8000-000000000000",
            404,
            "Seite nicht gefunden",
        ),
        ("/partner/xyz", 404, "Seite nicht gefunden"),
        ("/gibt-es-nicht", 404, "Seite nicht gefunden"),
        ("/angebote?topic=kochen", 400, "Bitte prüfen Sie"),
        ("/angebote?limit=1000", 400, "Bitte prüfen Sie"),
        ("/angebote?cursor=kaputt", 400, "Bitte prüfen Sie"),
    ] {
        let (got, html) = app.text(path).await;
        assert_eq!(got, status, "{path}");
        assert!(html.contains(text), "{path}: {html}");
        assert!(html.contains("<html lang=\"de\">"));
    }
}

#[tokio::test]
async fn operations_endpoints_report_health_readiness_and_metrics() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        assert_eq!(app.text("/healthz").await.0, 200);
        assert_eq!(app.text("/readyz").await.0, 200);
        app.text("/angebote").await;
        let (status, metrics) = app.text("/metrics").await;
        assert_eq!(status, 200);
        assert!(
            metrics.contains(
                "lotse_http_requests_total{method=\"GET\",route=\"/angebote\",status=\"200\"}"
            ),
            "{metrics}"
        );
        assert!(metrics.contains("lotse_http_request_duration_seconds_bucket"));
        assert!(metrics.contains("lotse_db_pool_connections"));
        // Prometheus's own linter accepts the exposition (every family with HELP,
        // names and units as Prometheus expects them).
        if common::checker_ready("promtool", &["--version"], "apt-get install prometheus") {
            common::check_with("promtool", &["check", "metrics"], &metrics);
        }
        app.db.close().await;
        assert_eq!(app.text("/readyz").await.0, 503, "{backend:?}");
        assert_eq!(app.text("/healthz").await.0, 200);
    }
}

#[tokio::test]
async fn responses_carry_security_headers_a_request_id_and_compression() {
    let app = TestApp::spawn(backends()[0], true).await;
    let r = app
        .client
        .get(format!("{}/angebote", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    let h = r.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h.contains_key("x-request-id"));
    assert_eq!(h["content-encoding"], "gzip");
    // The pages carry no inline script for the CSP to block.
    let (_, html) = app.text("/angebote").await;
    assert!(!html.contains("<script>") && !html.contains("onclick="));
    for asset in [
        "/static/lotse.css",
        "/static/htmx.min.js",
        "/static/favicon.svg",
    ] {
        assert_eq!(app.text(asset).await.0, 200, "{asset}");
    }
    assert_eq!(app.text("/static/../Cargo.toml").await.0, 404);
    // Bodies over the limit are refused.
    let big = vec![b'x'; 2 * 1024 * 1024];
    let r = app
        .client
        .post(format!("{}/api/v1/offerings", app.base))
        .body(big)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
}

/// With a metrics token configured, `/metrics` answers only requests that carry it,
/// even from the machine itself; the refusal is a problem document.
#[tokio::test]
async fn a_metrics_token_closes_the_metrics_to_everyone_without_it() {
    let web = lotse_web::WebConfig {
        metrics_token: Some("prometheus-liest-mit-1".into()),
        ..lotse_web::WebConfig::default()
    };
    let app = TestApp::spawn_with(backends()[0], false, web).await;
    let (status, body) = app.text("/metrics").await;
    assert_eq!(status, 403, "{body}");
    assert!(!body.contains("lotse_http_requests"), "{body}");
    let r = app
        .client
        .get(format!("{}/metrics", app.base))
        .bearer_auth("prometheus-liest-mit-1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("lotse_db_pool_connections")
    );
}
