//! The role matrix: every API route that changes or reveals data, called by every kind
//! of actor, with exactly who gets through. A route in the OpenAPI document without
//! an entry here fails the test, so new routes must declare their rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};
use lotse_core::accounts::{Membership, Role, Scope};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The actors, in the order of the expectation strings below.
const ACTORS: [&str; 9] = [
    "anonymous",
    "learner A",
    "company admin A",
    "company admin B",
    "editor X",
    "editor Y",
    "social partner",
    "staff",
    "admin",
];

/// What an actor should get: `A` through (2xx, or 400/409 for input the route then
/// judged), `U` 401, `F` 403, `H` 404.
fn outcome(status: u16) -> char {
    match status {
        401 => 'U',
        403 => 'F',
        404 => 'H',
        s if s < 300 || s == 400 || s == 409 => 'A',
        s => panic!("unexpected status {s}"),
    }
}

struct World {
    company_a: String,
    admin_a: String,
    qualification: String,
    partner_x: String,
    offering_x: String,
    /// One offering of partner X per actor, for the route that withdraws offerings.
    spare: Vec<String>,
    session_x: String,
    /// A complete set of answers ("not relevant" throughout) for the current questionnaire.
    answers: Value,
    /// A check result of company A.
    assessment_a: String,
    /// A check draft of learner A.
    draft_a: String,
}

fn offering_body(partner: &str, title: &str) -> Value {
    json!({
        "kind": "workshop", "title": title, "summary": "Ein Testangebot.", "description": "Beschreibung.",
        "learning_outcomes": ["Sie können testen."], "topics": ["logistik-4-0"], "audiences": ["beschaeftigte"],
        "duration_hours": 4, "format": "presence", "partner_id": partner, "price_cents": 0, "language": "de", "level": "basic"
    })
}

/// Method, path (as in OpenAPI), expectations, and how to call it for an actor.
type Call = fn(&World, usize) -> (reqwest::Method, String, Option<Value>);

fn matrix() -> Vec<(&'static str, &'static str, &'static str, Call)> {
    use reqwest::Method as M;
    vec![
        ("GET", "/api/v1/offerings", "AAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/offerings".into(), None)
        }),
        ("GET", "/api/v1/offerings/{id}", "AAAAAAAAA", |w, _| {
            (M::GET, format!("/api/v1/offerings/{}", w.offering_x), None)
        }),
        (
            "GET",
            "/api/v1/assessment/questionnaire",
            "AAAAAAAAA",
            |_, _| (M::GET, "/api/v1/assessment/questionnaire".into(), None),
        ),
        // A complete check attached to company A: its members and the center only.
        ("POST", "/api/v1/assessments", "UAAHHHHAA", |w, _| {
            let mut body = w.answers.clone();
            body["company_id"] = json!(w.company_a);
            (M::POST, "/api/v1/assessments".into(), Some(body))
        }),
        // Company A's result is invisible to everyone else, even anonymous callers.
        ("GET", "/api/v1/assessments/{id}", "HAAHHHHAA", |w, _| {
            (
                M::GET,
                format!("/api/v1/assessments/{}", w.assessment_a),
                None,
            )
        }),
        (
            "GET",
            "/api/v1/assessments/{id}/report.pdf",
            "HAAHHHHAA",
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/assessments/{}/report.pdf", w.assessment_a),
                    None,
                )
            },
        ),
        ("GET", "/api/v1/topics", "AAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/topics".into(), None)
        }),
        ("GET", "/api/v1/audiences", "AAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/audiences".into(), None)
        }),
        ("GET", "/api/v1/partners", "AAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/partners".into(), None)
        }),
        ("GET", "/api/v1/places", "AAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/places".into(), None)
        }),
        ("GET", "/api/v1/counties", "AAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/counties".into(), None)
        }),
        ("GET", "/api/v1/qualifications", "AAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/qualifications".into(), None)
        }),
        ("GET", "/api/v1/qualifications/{id}", "AAAAAAAAA", |w, _| {
            (
                M::GET,
                format!("/api/v1/qualifications/{}", w.qualification),
                None,
            )
        }),
        ("POST", "/api/v1/auth/register", "AAAAAAAAA", |_, n| {
            (
                M::POST,
                "/api/v1/auth/register".into(),
                Some(
                    json!({ "email": format!("neu{n}-{}@beispiel.de", Uuid::now_v7().simple()), "password": "Ein langes Passwort für Tests", "name": "Neu" }),
                ),
            )
        }),
        ("POST", "/api/v1/auth/login", "AAAAAAAAA", |_, _| {
            (
                M::POST,
                "/api/v1/auth/login".into(),
                Some(json!({ "email": "company@demo.lotse.de", "password": "demo-lotse-2026" })),
            )
        }),
        ("POST", "/api/v1/auth/confirm", "AAAAAAAAA", |_, _| {
            (
                M::POST,
                "/api/v1/auth/confirm".into(),
                Some(json!({ "token": "ungültig" })),
            )
        }),
        (
            "POST",
            "/api/v1/auth/password-reset",
            "AAAAAAAAA",
            |_, _| {
                (
                    M::POST,
                    "/api/v1/auth/password-reset".into(),
                    Some(json!({ "email": "niemand@beispiel.de" })),
                )
            },
        ),
        (
            "POST",
            "/api/v1/auth/password-reset/complete",
            "AAAAAAAAA",
            |_, _| {
                (
                    M::POST,
                    "/api/v1/auth/password-reset/complete".into(),
                    Some(json!({ "token": "x", "password": "Ein langes Passwort für Tests" })),
                )
            },
        ),
        ("GET", "/api/v1/me", "UAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/me".into(), None)
        }),
        ("POST", "/api/v1/me/password", "UAAAAAAAA", |_, _| {
            (
                M::POST,
                "/api/v1/me/password".into(),
                Some(
                    json!({ "current_password": "falsch", "new_password": "Ein langes Passwort für Tests" }),
                ),
            )
        }),
        ("GET", "/api/v1/me/export", "UAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/me/export".into(), None)
        }),
        ("GET", "/api/v1/me/tokens", "UAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/me/tokens".into(), None)
        }),
        ("POST", "/api/v1/me/tokens", "UAAAAAAAA", |_, _| {
            (
                M::POST,
                "/api/v1/me/tokens".into(),
                Some(json!({ "name": "Matrix" })),
            )
        }),
        // A token of somebody else is never found: revoking one is 404 for all but anonymous.
        ("DELETE", "/api/v1/me/tokens/{id}", "UHHHHHHHH", |_, _| {
            (
                M::DELETE,
                format!("/api/v1/me/tokens/{}", Uuid::now_v7()),
                None,
            )
        }),
        ("POST", "/api/v1/admin/people", "UFFFFFFAA", |_, n| {
            (
                M::POST,
                "/api/v1/admin/people".into(),
                Some(
                    json!({ "email": format!("tel{n}-{}@beispiel.de", Uuid::now_v7().simple()), "name": "Telefon" }),
                ),
            )
        }),
        ("GET", "/api/v1/admin/audit-log", "UFFFFFFFA", |_, _| {
            (M::GET, "/api/v1/admin/audit-log".into(), None)
        }),
        ("GET", "/api/v1/companies/{id}", "UAAHHHHAA", |w, _| {
            (M::GET, format!("/api/v1/companies/{}", w.company_a), None)
        }),
        ("PUT", "/api/v1/companies/{id}", "UFAHHHHAA", |w, _| {
            (
                M::PUT,
                format!("/api/v1/companies/{}", w.company_a),
                Some(
                    json!({ "name": "Firma A", "sector": "C", "staff_count": 12, "county": "12052" }),
                ),
            )
        }),
        (
            "GET",
            "/api/v1/companies/{id}/members",
            "UFAHHHHAA",
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/companies/{}/members", w.company_a),
                    None,
                )
            },
        ),
        (
            "POST",
            "/api/v1/companies/{id}/invitations",
            "UFAHHHHAA",
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/companies/{}/invitations", w.company_a),
                    Some(json!({ "email": "kollegin@beispiel.de" })),
                )
            },
        ),
        ("POST", "/api/v1/invitations/accept", "UAAAAAAAA", |_, _| {
            (
                M::POST,
                "/api/v1/invitations/accept".into(),
                Some(json!({ "token": "ungültig" })),
            )
        }),
        // The target is the company's only admin, so an allowed call ends in 409 and
        // changes nothing for the later cells.
        (
            "DELETE",
            "/api/v1/companies/{id}/members/{person_id}",
            "UFAHHHHAA",
            |w, _| {
                (
                    M::DELETE,
                    format!("/api/v1/companies/{}/members/{}", w.company_a, w.admin_a),
                    None,
                )
            },
        ),
        ("POST", "/api/v1/offerings", "UFFFAHHAF", |w, n| {
            (
                M::POST,
                "/api/v1/offerings".into(),
                Some(offering_body(&w.partner_x, &format!("Matrix {n}"))),
            )
        }),
        ("PUT", "/api/v1/offerings/{id}", "UFFFAHHAF", |w, n| {
            (
                M::PUT,
                format!("/api/v1/offerings/{}", w.offering_x),
                Some(offering_body(&w.partner_x, &format!("Geändert {n}"))),
            )
        }),
        (
            "POST",
            "/api/v1/offerings/{id}/sessions",
            "UFFFAHHAF",
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/offerings/{}/sessions", w.offering_x),
                    Some(
                        json!({ "starts_at": "2031-03-04T09:00", "ends_at": "2031-03-04T12:00", "capacity": 12, "online_link": "https://konferenz.example.org/x" }),
                    ),
                )
            },
        ),
        ("DELETE", "/api/v1/offerings/{id}", "UFFFAHHAF", |w, n| {
            (M::DELETE, format!("/api/v1/offerings/{}", w.spare[n]), None)
        }),
        (
            "POST",
            "/api/v1/sessions/{id}/registrations",
            "UAAAAAAAA",
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/registrations", w.session_x),
                    None,
                )
            },
        ),
        (
            "GET",
            "/api/v1/sessions/{id}/registrations",
            "UFFFAHHAF",
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/sessions/{}/registrations", w.session_x),
                    None,
                )
            },
        ),
        ("GET", "/api/v1/me/registrations", "UAAAAAAAA", |_, _| {
            (M::GET, "/api/v1/me/registrations".into(), None)
        }),
        // Somebody else's registration is never found.
        (
            "DELETE",
            "/api/v1/registrations/{id}",
            "UHHHHHHHH",
            |_, _| {
                (
                    M::DELETE,
                    format!("/api/v1/registrations/{}", Uuid::now_v7()),
                    None,
                )
            },
        ),
        ("PATCH", "/api/v1/sessions/{id}", "UFFFAHHAF", |w, _| {
            (
                M::PATCH,
                format!("/api/v1/sessions/{}", w.session_x),
                Some(json!({ "capacity": 40 })),
            )
        }),
        (
            "POST",
            "/api/v1/sessions/{id}/checkins",
            "UFFFAHHAF",
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/checkins", w.session_x),
                    Some(json!({ "ticket": "GIBTESNICHT" })),
                )
            },
        ),
        ("POST", "/api/v1/me/calendar-feed", "UAAAAAAAA", |_, _| {
            (M::POST, "/api/v1/me/calendar-feed".into(), None)
        }),
        ("DELETE", "/api/v1/me/calendar-feed", "UAAAAAAAA", |_, _| {
            (M::DELETE, "/api/v1/me/calendar-feed".into(), None)
        }),
        // Session X has not ended: allowed callers get 409.
        (
            "POST",
            "/api/v1/sessions/{id}/attendance",
            "UFFFAHHAF",
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/attendance", w.session_x),
                    None,
                )
            },
        ),
        (
            "POST",
            "/api/v1/sessions/{id}/cancel",
            "UFFFAHHAF",
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/cancel", w.session_x),
                    None,
                )
            },
        ),
        // Self-destructive routes last, in this order.
        (
            "DELETE",
            "/api/v1/me/companies/{id}",
            "UAAHHHHHH",
            |w, _| {
                (
                    M::DELETE,
                    format!("/api/v1/me/companies/{}", w.company_a),
                    None,
                )
            },
        ),
        ("DELETE", "/api/v1/me/sessions", "UAAAAAAAA", |_, _| {
            (M::DELETE, "/api/v1/me/sessions".into(), None)
        }),
        ("POST", "/api/v1/auth/logout", "UAAAAAAAA", |_, _| {
            (M::POST, "/api/v1/auth/logout".into(), None)
        }),
        ("DELETE", "/api/v1/me", "UAAAAAAAA", |_, _| {
            (M::DELETE, "/api/v1/me".into(), None)
        }),
    ]
}

async fn login(app: &TestApp, email: &str, password: &str) -> String {
    let r = app
        .client
        .post(format!("{}/api/v1/auth/login", app.base))
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

async fn get_json(app: &TestApp, path: &str, cookie: Option<&str>) -> Value {
    let mut r = app.client.get(format!("{}{path}", app.base));
    if let Some(c) = cookie {
        r = r.header("cookie", format!("lotse_session={c}"));
    }
    r.send().await.unwrap().json().await.unwrap()
}

/// Signs the actors' accounts up where needed and finds the objects of the matrix:
/// company A, partner X with an offering and a session, a qualification.
async fn setup(app: &TestApp) -> (World, [Option<(&'static str, &'static str)>; 9]) {
    let demo = "demo-lotse-2026";
    // Editor Y: an editor of another partner than X.
    let staff = login(app, "staff@demo.lotse.de", demo).await;
    let partner_me = get_json(
        app,
        "/api/v1/me",
        Some(&login(app, "partner@demo.lotse.de", demo).await),
    )
    .await;
    let partner_x = partner_me["organizations"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let partners = get_json(app, "/api/v1/partners", None).await;
    let partner_y: Uuid = partners["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] != partner_x.as_str() && p["kind"] == "consortium_member")
        .map(|p| p["id"].as_str().unwrap().parse().unwrap())
        .unwrap();
    let r = app
        .client
        .post(format!("{}/api/v1/admin/people", app.base))
        .header("cookie", format!("lotse_session={staff}"))
        .header("origin", app.base.clone())
        .json(&json!({ "email": "editor-y@demo.lotse.de", "name": "Editor Y", "password": "Redaktion der Technischen Hochschule" }))
        .send()
        .await
        .unwrap();
    let editor_y: Uuid = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    lotse_store::accounts::add_membership(
        &app.db,
        editor_y,
        Membership {
            role: Role::PartnerEditor,
            scope: Scope::Partner(partner_y),
        },
        0,
    )
    .await
    .unwrap();

    let learner = login(app, "learner@demo.lotse.de", demo).await;
    let learner_me = get_json(app, "/api/v1/me", Some(&learner)).await;
    let questionnaire = get_json(app, "/api/v1/assessment/questionnaire", None).await;
    let mut items = serde_json::Map::new();
    for d in questionnaire["dimensions"].as_array().unwrap() {
        for i in d["items"].as_array().unwrap() {
            items.insert(i["key"].as_str().unwrap().to_owned(), json!("not_relevant"));
        }
    }
    let answers = json!({ "version": questionnaire["version"], "answers": items });
    let mut body = answers.clone();
    body["company_id"] = learner_me["organizations"][0]["id"].clone();
    let assessment_a = app
        .client
        .post(format!("{}/api/v1/assessments", app.base))
        .header("cookie", format!("lotse_session={learner}"))
        .header("origin", app.base.clone())
        .json(&body)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let draft_a = app
        .client
        .post(format!("{}/check", app.base))
        .header("cookie", format!("lotse_session={learner}"))
        .header("origin", app.base.clone())
        .send()
        .await
        .unwrap()
        .headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/check/")
        .trim_end_matches("/schritt/1")
        .to_owned();
    let offerings = get_json(
        app,
        &format!("/api/v1/offerings?partner={partner_x}&limit=1"),
        None,
    )
    .await;
    let offering_x = offerings["items"][0]["id"].as_str().unwrap().to_owned();
    let detail = get_json(app, &format!("/api/v1/offerings/{offering_x}"), None).await;
    let mut spare = Vec::new();
    for n in 0..9 {
        let r = app
            .client
            .post(format!("{}/api/v1/offerings", app.base))
            .header("cookie", format!("lotse_session={staff}"))
            .header("origin", app.base.clone())
            .json(&offering_body(&partner_x, &format!("Reserve {n}")))
            .send()
            .await
            .unwrap();
        spare.push(
            r.json::<Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let world = World {
        spare,
        company_a: learner_me["organizations"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        admin_a: get_json(
            app,
            "/api/v1/me",
            Some(&login(app, "company@demo.lotse.de", demo).await),
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        qualification: get_json(app, "/api/v1/qualifications", None).await["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        partner_x,
        offering_x,
        session_x: detail["sessions"][0]["id"].as_str().unwrap().to_owned(),
        answers,
        assessment_a,
        draft_a,
    };
    let accounts: [Option<(&'static str, &'static str)>; 9] = [
        None,
        Some(("learner@demo.lotse.de", demo)),
        Some(("company@demo.lotse.de", demo)),
        Some(("firma2@demo.lotse.de", demo)),
        Some(("partner@demo.lotse.de", demo)),
        Some((
            "editor-y@demo.lotse.de",
            "Redaktion der Technischen Hochschule",
        )),
        Some(("social@demo.lotse.de", demo)),
        Some(("staff@demo.lotse.de", demo)),
        Some(("admin@demo.lotse.de", demo)),
    ];
    (world, accounts)
}

#[tokio::test]
async fn every_route_lets_through_exactly_the_roles_it_should() {
    for backend in backends() {
        let app = &TestApp::spawn(backend, true).await;
        let doc = get_json(app, "/api/openapi.json", None).await;
        let documented: BTreeSet<(String, String)> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, item)| {
                item.as_object()
                    .unwrap()
                    .keys()
                    .map(move |m| (m.to_uppercase(), path.clone()))
            })
            .filter(|(m, _)| ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&m.as_str()))
            .collect();
        let rules = matrix();
        let covered: BTreeSet<(String, String)> = rules
            .iter()
            .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
            .collect();
        assert_eq!(
            documented.difference(&covered).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "routes without an entry in the role matrix"
        );
        assert_eq!(
            covered.difference(&documented).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "matrix entries without a route"
        );

        let (world, accounts) = setup(app).await;
        let mut failures = Vec::new();
        // Company admin A goes last: other cells use that account as the company's
        // only admin and to sign in, and its own row ends by erasing it.
        for n in [0, 1, 3, 4, 5, 6, 7, 8, 2] {
            let account = &accounts[n];
            let mut cookie = match account {
                Some((email, password)) => Some(login(app, email, password).await),
                None => None,
            };
            for (method, path, expected, call) in &rules {
                let (m, concrete, body) = call(&world, n);
                let mut request = app
                    .client
                    .request(m, format!("{}{concrete}", app.base))
                    .header("origin", app.base.clone());
                if let Some(c) = &cookie {
                    request = request.header("cookie", format!("lotse_session={c}"));
                }
                if let Some(b) = body {
                    request = request.json(&b);
                }
                let status = request.send().await.unwrap().status().as_u16();
                let want = expected.chars().nth(n).unwrap();
                if outcome(status) != want {
                    failures.push(format!(
                        "{method} {path} as {}: got {status}, want {want}",
                        ACTORS[n]
                    ));
                }
                // Sessions ended by the route itself: sign in again for the next cell.
                if (*path == "/api/v1/me/sessions" || *path == "/api/v1/auth/logout")
                    && let Some((email, password)) = account
                {
                    cookie = Some(login(app, email, password).await);
                }
            }
        }
        assert!(failures.is_empty(), "{backend:?}:\n{}", failures.join("\n"));
    }
}

/// What a page call should get: like [`outcome`], but an anonymous visitor of a
/// protected page is sent to the sign-in page (`U`).
fn page_outcome(status: u16, location: Option<&str>) -> char {
    match (status, location) {
        (303, Some(l)) if l.starts_with("/anmelden") => 'U',
        (403, _) => 'F',
        (404, _) => 'H',
        (s, _) if s < 500 => 'A',
        (s, _) => panic!("unexpected status {s}"),
    }
}

type PageCall = fn(&World, usize) -> (reqwest::Method, String, Vec<(&'static str, String)>);

fn page_matrix() -> Vec<(&'static str, &'static str, &'static str, PageCall)> {
    use reqwest::Method as M;
    fn get(path: String) -> (reqwest::Method, String, Vec<(&'static str, String)>) {
        (M::GET, path, Vec::new())
    }
    fn offering_form(w: &World, n: usize) -> Vec<(&'static str, String)> {
        vec![
            ("title", format!("Seite {n}")),
            ("kind", "workshop".into()),
            ("partner_id", w.partner_x.clone()),
            ("duration_hours", "4".into()),
            ("format", "presence".into()),
            ("level", "basic".into()),
            ("language", "de".into()),
            ("price", "0".into()),
            ("summary", "Kurz.".into()),
            ("description", "Lang.".into()),
            ("learning_outcomes", "Sie können testen.".into()),
            ("topics", "logistik-4-0".into()),
            ("audiences", "beschaeftigte".into()),
        ]
    }
    vec![
        ("GET", "/", "AAAAAAAAA", |_, _| get("/".into())),
        ("GET", "/angebote", "AAAAAAAAA", |_, _| {
            get("/angebote".into())
        }),
        ("GET", "/angebote/{id}", "AAAAAAAAA", |w, _| {
            get(format!("/angebote/{}", w.offering_x))
        }),
        ("GET", "/qualifizierungen", "AAAAAAAAA", |_, _| {
            get("/qualifizierungen".into())
        }),
        ("GET", "/qualifizierungen/{id}", "AAAAAAAAA", |w, _| {
            get(format!("/qualifizierungen/{}", w.qualification))
        }),
        (
            "GET",
            "/partner",
            "AAAAAAAAA",
            |_, _| get("/partner".into()),
        ),
        ("GET", "/partner/{id}", "AAAAAAAAA", |w, _| {
            get(format!("/partner/{}", w.partner_x))
        }),
        ("GET", "/check", "AAAAAAAAA", |_, _| get("/check".into())),
        ("POST", "/check", "AAAAAAAAA", |_, _| {
            (M::POST, "/check".into(), Vec::new())
        }),
        // A signed-in person's draft is theirs alone.
        ("GET", "/check/{id}/schritt/{step}", "HAHHHHHHH", |w, _| {
            get(format!("/check/{}/schritt/2", w.draft_a))
        }),
        ("POST", "/check/{id}/schritt/{step}", "HAHHHHHHH", |w, _| {
            (
                M::POST,
                format!("/check/{}/schritt/2", w.draft_a),
                vec![("go", "back".into())],
            )
        }),
        // Company A's result: its members and the center.
        ("GET", "/check/{id}/ergebnis", "HAAHHHHAA", |w, _| {
            get(format!("/check/{}/ergebnis", w.assessment_a))
        }),
        ("GET", "/impressum", "AAAAAAAAA", |_, _| {
            get("/impressum".into())
        }),
        ("GET", "/datenschutz", "AAAAAAAAA", |_, _| {
            get("/datenschutz".into())
        }),
        ("GET", "/sprache/{lang}", "AAAAAAAAA", |_, _| {
            get("/sprache/de".into())
        }),
        ("GET", "/api/docs", "AAAAAAAAA", |_, _| {
            get("/api/docs".into())
        }),
        ("GET", "/anmelden", "AAAAAAAAA", |_, _| {
            get("/anmelden".into())
        }),
        ("POST", "/anmelden", "AAAAAAAAA", |_, _| {
            (
                M::POST,
                "/anmelden".into(),
                vec![
                    ("email", "niemand@beispiel.de".into()),
                    ("password", "falsch".into()),
                ],
            )
        }),
        ("GET", "/registrieren", "AAAAAAAAA", |_, _| {
            get("/registrieren".into())
        }),
        ("POST", "/registrieren", "AAAAAAAAA", |_, _| {
            (
                M::POST,
                "/registrieren".into(),
                vec![("email", "x@beispiel.de".into())],
            )
        }),
        ("GET", "/passwort-vergessen", "AAAAAAAAA", |_, _| {
            get("/passwort-vergessen".into())
        }),
        ("POST", "/passwort-vergessen", "AAAAAAAAA", |_, _| {
            (
                M::POST,
                "/passwort-vergessen".into(),
                vec![("email", "niemand@beispiel.de".into())],
            )
        }),
        ("GET", "/passwort-neu", "AAAAAAAAA", |_, _| {
            get("/passwort-neu?token=x".into())
        }),
        ("POST", "/passwort-neu", "AAAAAAAAA", |_, _| {
            (
                M::POST,
                "/passwort-neu".into(),
                vec![
                    ("token", "x".into()),
                    ("password", "Ein langes Passwort für Tests".into()),
                ],
            )
        }),
        ("GET", "/konto/bestaetigen", "AAAAAAAAA", |_, _| {
            get("/konto/bestaetigen?token=x".into())
        }),
        ("GET", "/konto", "UAAAAAAAA", |_, _| get("/konto".into())),
        ("POST", "/konto/sprache", "UAAAAAAAA", |_, _| {
            (
                M::POST,
                "/konto/sprache".into(),
                vec![("language", "de".into())],
            )
        }),
        ("POST", "/konto/passwort", "UAAAAAAAA", |_, _| {
            (
                M::POST,
                "/konto/passwort".into(),
                vec![
                    ("current_password", "falsch".into()),
                    ("new_password", "Ein langes Passwort für Tests".into()),
                ],
            )
        }),
        ("POST", "/konto/tokens", "UAAAAAAAA", |_, _| {
            (
                M::POST,
                "/konto/tokens".into(),
                vec![("name", "Seite".into())],
            )
        }),
        (
            "POST",
            "/konto/tokens/{id}/widerrufen",
            "UAAAAAAAA",
            |_, _| {
                (
                    M::POST,
                    format!("/konto/tokens/{}/widerrufen", Uuid::now_v7()),
                    Vec::new(),
                )
            },
        ),
        ("POST", "/konto/loeschen", "UAAAAAAAA", |_, _| {
            (
                M::POST,
                "/konto/loeschen".into(),
                vec![("delete_password", "falsch".into())],
            )
        }),
        ("POST", "/konto/bestaetigung-senden", "UAAAAAAAA", |_, _| {
            (M::POST, "/konto/bestaetigung-senden".into(), Vec::new())
        }),
        ("GET", "/einladung", "UAAAAAAAA", |_, _| {
            get("/einladung?token=x".into())
        }),
        (
            "POST",
            "/konto/unternehmen/{id}/einladen",
            "UFAHHHHAA",
            |w, _| {
                (
                    M::POST,
                    format!("/konto/unternehmen/{}/einladen", w.company_a),
                    vec![("email", "kollege@beispiel.de".into())],
                )
            },
        ),
        (
            "POST",
            "/konto/unternehmen/{id}/mitglieder/{person}/entfernen",
            "UFAHHHHAA",
            |w, _| {
                (
                    M::POST,
                    format!(
                        "/konto/unternehmen/{}/mitglieder/{}/entfernen",
                        w.company_a, w.admin_a
                    ),
                    Vec::new(),
                )
            },
        ),
        ("GET", "/verwaltung", "UFFFFFFAA", |_, _| {
            get("/verwaltung".into())
        }),
        ("POST", "/verwaltung/personen", "UFFFFFFAA", |_, n| {
            (
                M::POST,
                "/verwaltung/personen".into(),
                vec![
                    ("name", "Telefon".into()),
                    (
                        "email",
                        format!("seite{n}-{}@beispiel.de", Uuid::now_v7().simple()),
                    ),
                ],
            )
        }),
        ("GET", "/redaktion", "UFFFAAAAF", |_, _| {
            get("/redaktion".into())
        }),
        ("GET", "/redaktion/angebote/neu", "UFFFAAAAF", |_, _| {
            get("/redaktion/angebote/neu".into())
        }),
        ("POST", "/redaktion/angebote/neu", "UFFFAHHAF", |w, n| {
            (
                M::POST,
                "/redaktion/angebote/neu".into(),
                offering_form(w, n),
            )
        }),
        ("GET", "/redaktion/angebote/{id}", "UFFFAHHAF", |w, _| {
            get(format!("/redaktion/angebote/{}", w.offering_x))
        }),
        ("POST", "/redaktion/angebote/{id}", "UFFFAHHAF", |w, n| {
            (
                M::POST,
                format!("/redaktion/angebote/{}", w.offering_x),
                offering_form(w, n),
            )
        }),
        (
            "POST",
            "/redaktion/angebote/{id}/termine",
            "UFFFAHHAF",
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/angebote/{}/termine", w.offering_x),
                    vec![
                        ("starts_at", "2031-03-04T09:00".into()),
                        ("ends_at", "2031-03-04T12:00".into()),
                        ("capacity", "12".into()),
                        ("online_link", "https://konferenz.example.org/x".into()),
                    ],
                )
            },
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/zurueckziehen",
            "UFFFAHHAF",
            |w, n| {
                (
                    M::POST,
                    format!("/redaktion/angebote/{}/zurueckziehen", w.spare[n]),
                    Vec::new(),
                )
            },
        ),
        (
            "POST",
            "/angebote/{id}/termine/{session}/anmelden",
            "UAAAAAAAA",
            |w, _| {
                (
                    M::POST,
                    format!(
                        "/angebote/{}/termine/{}/anmelden",
                        w.offering_x, w.session_x
                    ),
                    Vec::new(),
                )
            },
        ),
        ("GET", "/konto/anmeldungen", "UAAAAAAAA", |_, _| {
            get("/konto/anmeldungen".into())
        }),
        (
            "POST",
            "/konto/anmeldungen/{id}/stornieren",
            "UHHHHHHHH",
            |_, _| {
                (
                    M::POST,
                    format!("/konto/anmeldungen/{}/stornieren", Uuid::now_v7()),
                    Vec::new(),
                )
            },
        ),
        ("GET", "/redaktion/termine/{id}", "UFFFAHHAF", |w, _| {
            get(format!("/redaktion/termine/{}", w.session_x))
        }),
        ("POST", "/redaktion/termine/{id}", "UFFFAHHAF", |w, _| {
            (
                M::POST,
                format!("/redaktion/termine/{}", w.session_x),
                vec![("ticket", "GIBTESNICHT".into())],
            )
        }),
        (
            "GET",
            "/redaktion/termine/{id}/teilnehmende.csv",
            "UFFFAHHAF",
            |w, _| {
                get(format!(
                    "/redaktion/termine/{}/teilnehmende.csv",
                    w.session_x
                ))
            },
        ),
        (
            "GET",
            "/redaktion/termine/{id}/teilnehmende.xlsx",
            "UFFFAHHAF",
            |w, _| {
                get(format!(
                    "/redaktion/termine/{}/teilnehmende.xlsx",
                    w.session_x
                ))
            },
        ),
        ("GET", "/konto/unternehmen/buchen", "UFAAFFFFF", |w, _| {
            get(format!("/konto/unternehmen/buchen?termin={}", w.session_x))
        }),
        ("POST", "/konto/unternehmen/buchen", "UFAAFFFFF", |w, _| {
            (
                M::POST,
                format!("/konto/unternehmen/buchen?termin={}", w.session_x),
                vec![("participants", "nicht-gewählt".into())],
            )
        }),
        (
            "GET",
            "/konto/unternehmen/{id}/anmeldungen",
            "UFAHHHHAA",
            |w, _| get(format!("/konto/unternehmen/{}/anmeldungen", w.company_a)),
        ),
        (
            "POST",
            "/redaktion/termine/{id}/absagen",
            "UFFFAHHAF",
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/termine/{}/absagen", w.session_x),
                    Vec::new(),
                )
            },
        ),
        // Self-changing routes last, in this order.
        (
            "POST",
            "/konto/unternehmen/{id}/verlassen",
            "UAAHHHHHH",
            |w, _| {
                (
                    M::POST,
                    format!("/konto/unternehmen/{}/verlassen", w.company_a),
                    Vec::new(),
                )
            },
        ),
        ("POST", "/konto/ueberall-abmelden", "UAAAAAAAA", |_, _| {
            (M::POST, "/konto/ueberall-abmelden".into(), Vec::new())
        }),
        ("POST", "/abmelden", "AAAAAAAAA", |_, _| {
            (M::POST, "/abmelden".into(), Vec::new())
        }),
    ]
}

#[tokio::test]
async fn every_page_lets_through_exactly_the_roles_it_should() {
    for backend in backends() {
        let app = &TestApp::spawn(backend, true).await;
        let table: BTreeSet<(String, String)> = lotse_web::app::page_routes()
            .into_iter()
            .flat_map(|(methods, path, _)| {
                methods
                    .split(' ')
                    .map(move |m| (m.to_owned(), path.to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let rules = page_matrix();
        let covered: BTreeSet<(String, String)> = rules
            .iter()
            .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
            .collect();
        assert_eq!(
            table.difference(&covered).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "pages without an entry in the role matrix"
        );
        assert_eq!(
            covered.difference(&table).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "matrix entries without a page"
        );

        let (world, accounts) = setup(app).await;
        let mut failures = Vec::new();
        for n in [0, 1, 3, 4, 5, 6, 7, 8, 2] {
            let account = &accounts[n];
            let mut cookie = match account {
                Some((email, password)) => Some(login(app, email, password).await),
                None => None,
            };
            for (method, path, expected, call) in &rules {
                let (m, concrete, form) = call(&world, n);
                let mut request = app
                    .client
                    .request(m, format!("{}{concrete}", app.base))
                    .header("origin", app.base.clone());
                if let Some(c) = &cookie {
                    request = request.header("cookie", format!("lotse_session={c}"));
                }
                if !form.is_empty() {
                    let body: String = form
                        .iter()
                        .map(|(k, v)| format!("{k}={}", lotse_web::http::form::encode(v)))
                        .collect::<Vec<_>>()
                        .join("&");
                    request = request
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body);
                }
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .map(str::to_owned);
                let want = expected.chars().nth(n).unwrap();
                if page_outcome(status, location.as_deref()) != want {
                    failures.push(format!(
                        "{method} {path} as {}: got {status} {location:?}, want {want}",
                        ACTORS[n]
                    ));
                }
                if (*path == "/konto/ueberall-abmelden" || *path == "/abmelden")
                    && let Some((email, password)) = account
                {
                    cookie = Some(login(app, email, password).await);
                }
            }
        }
        assert!(failures.is_empty(), "{backend:?}:\n{}", failures.join("\n"));
    }
}

/// Social partners publish their own partner's offerings and sessions, but who
/// registered stays hidden from them: no participant list (API, page, downloads), no
/// check-in, no attendance; the partner's editors and staff see it (issue 12).
#[tokio::test]
async fn social_partners_publish_sessions_but_never_see_who_registered() {
    for backend in backends() {
        let app = &TestApp::spawn(backend, true).await;
        let demo = "demo-lotse-2026";
        let social = login(app, "social@demo.lotse.de", demo).await;
        let me = get_json(app, "/api/v1/me", Some(&social)).await;
        let partner = me["organizations"][0]["id"].as_str().unwrap().to_owned();
        let send = |method: reqwest::Method, path: String, body: Option<Value>| {
            let mut r = app
                .client
                .request(method, format!("{}{path}", app.base))
                .header("cookie", format!("lotse_session={social}"))
                .header("origin", app.base.clone());
            if let Some(b) = body {
                r = r.json(&b);
            }
            r.send()
        };
        let created: Value = send(
            reqwest::Method::POST,
            "/api/v1/offerings".into(),
            Some(offering_body(&partner, "Mitbestimmung bei KI im Betrieb")),
        )
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        let offering = created["id"].as_str().unwrap().to_owned();
        let r = send(
            reqwest::Method::POST,
            format!("/api/v1/offerings/{offering}/sessions"),
            Some(json!({ "starts_at": "2031-03-04T09:00", "ends_at": "2031-03-04T12:00", "capacity": 12, "online_link": "https://konferenz.example.org/ki" })),
        )
        .await
        .unwrap();
        assert_eq!(
            r.status().as_u16(),
            201,
            "{backend:?}: the social partner schedules"
        );
        let session: Value = r.json().await.unwrap();
        let session = session["id"].as_str().unwrap().to_owned();
        let (learner, token) = common::people(&app.db, 1, None).await.remove(0);
        let email = lotse_store::accounts::person(&app.db, learner)
            .await
            .unwrap()
            .unwrap()
            .email;
        let r = app
            .client
            .post(format!(
                "{}/api/v1/sessions/{session}/registrations",
                app.base
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201);

        let refused = [
            (
                reqwest::Method::GET,
                format!("/api/v1/sessions/{session}/registrations"),
                None,
            ),
            (
                reqwest::Method::POST,
                format!("/api/v1/sessions/{session}/checkins"),
                Some(json!({ "ticket": "GIBTESNICHT" })),
            ),
            (
                reqwest::Method::POST,
                format!("/api/v1/sessions/{session}/attendance"),
                Some(json!({})),
            ),
            (
                reqwest::Method::GET,
                format!("/redaktion/termine/{session}"),
                None,
            ),
            (
                reqwest::Method::GET,
                format!("/redaktion/termine/{session}/teilnehmende.csv"),
                None,
            ),
            (
                reqwest::Method::GET,
                format!("/redaktion/termine/{session}/teilnehmende.xlsx"),
                None,
            ),
        ];
        for (method, path, body) in refused {
            let r = send(method.clone(), path.clone(), body).await.unwrap();
            let status = r.status().as_u16();
            let text = r.text().await.unwrap();
            assert_eq!(status, 403, "{backend:?} {method} {path}: {text}");
            assert!(
                !text.contains(&email),
                "{backend:?} {path} shows the participant"
            );
        }
        let r = app
            .client
            .post(format!("{}/redaktion/termine/{session}", app.base))
            .header("cookie", format!("lotse_session={social}"))
            .header("origin", app.base.clone())
            .form(&[("ticket", "GIBTESNICHT")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403, "{backend:?}: check-in page");
        // Publishing stays theirs: the capacity may change, the editor page works but
        // does not link to the participant list.
        let r = send(
            reqwest::Method::PATCH,
            format!("/api/v1/sessions/{session}"),
            Some(json!({ "capacity": 20 })),
        )
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 204, "{backend:?}: capacity");
        let editor = send(
            reqwest::Method::GET,
            format!("/redaktion/angebote/{offering}"),
            None,
        )
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
        assert!(editor.contains("Mitbestimmung bei KI im Betrieb"));
        assert!(
            !editor.contains(&format!("/redaktion/termine/{session}\"")),
            "{editor}"
        );

        // Staff see who registered.
        let staff = login(app, "staff@demo.lotse.de", demo).await;
        let list = get_json(
            app,
            &format!("/api/v1/sessions/{session}/registrations"),
            Some(&staff),
        )
        .await;
        assert_eq!(
            list["items"][0]["person_id"],
            learner.to_string(),
            "{backend:?}"
        );
    }
}
