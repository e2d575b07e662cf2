//! The Digitalisierungs-Check over HTTP on both backends: the questionnaire, scoring a
//! complete set of answers, refusing bad answers item by item, peers from five
//! companies on, progress over time, and who may read a result.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, people};
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// Every item answered at its lowest ("no", 0, nothing ticked).
async fn lowest(app: &TestApp) -> (String, Map<String, Value>) {
    let (status, _, q) = app.json("/api/v1/assessment/questionnaire").await;
    assert_eq!(status, 200);
    let mut answers = Map::new();
    for d in q["dimensions"].as_array().unwrap() {
        for i in d["items"].as_array().unwrap() {
            let answer = match i["type"].as_str().unwrap() {
                "tri" => json!("no"),
                "scale" => json!(0),
                _ => json!([]),
            };
            answers.insert(i["key"].as_str().unwrap().to_owned(), answer);
        }
    }
    (q["version"].as_str().unwrap().to_owned(), answers)
}

async fn post(app: &TestApp, token: Option<&str>, body: &Value) -> (u16, Value) {
    let mut r = app
        .client
        .post(format!("{}/api/v1/assessments", app.base))
        .json(body);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    let r = r.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn get(app: &TestApp, token: Option<&str>, id: &str) -> (u16, Value) {
    let mut r = app
        .client
        .get(format!("{}/api/v1/assessments/{id}", app.base));
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    let r = r.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn stored_count(app: &TestApp) -> i64 {
    lotse_store::on_reader!(&app.db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM assessments").fetch_one(pool).await.unwrap()
    })
}

fn score_of(body: &Value, key: &str) -> Value {
    body["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == key)
        .map(|d| d["score"].clone())
        .unwrap()
}

#[tokio::test]
async fn a_check_is_scored_stored_and_read_back_with_reasons() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (status, _, q) = app.json("/api/v1/assessment/questionnaire").await;
        assert_eq!(status, 200);
        assert_eq!(q["dimensions"].as_array().unwrap().len(), 6);
        assert_eq!(q["dimensions"][0]["title"], "Digitale Geschäftsstrategie");
        assert_eq!(q["scale"][5], "im Betrieb");
        let english: Value = app
            .client
            .get(format!("{}/api/v1/assessment/questionnaire", app.base))
            .header("cookie", "lotse_lang=en")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            english["dimensions"][0]["title"],
            "Digital business strategy"
        );

        // The hand-computed example of the scoring documentation.
        let (version, mut answers) = lowest(&app).await;
        for (key, value) in [
            ("strategy_roadmap", json!("yes")),
            ("strategy_budget", json!("partial")),
            ("strategy_areas", json!(["sales", "logistics", "service"])),
            ("strategy_digital_offer", json!("not_relevant")),
            ("strategy_owner", json!("yes")),
            ("readiness_cloud", json!(5)),
            ("readiness_erp", json!(4)),
            ("readiness_crm", json!(3)),
            ("readiness_ecommerce", json!(2)),
            ("readiness_iot", json!(1)),
            ("readiness_twins", json!("not_relevant")),
            ("human_training", json!("yes")),
        ] {
            answers.insert(key.into(), value);
        }
        for key in [
            "green_energy_metering",
            "green_it_purchase",
            "green_savings",
            "green_reporting",
            "green_goals",
            "green_devices",
        ] {
            answers.insert(key.into(), json!("not_relevant"));
        }
        let (status, result) = post(
            &app,
            None,
            &json!({ "version": version, "answers": answers, "importance": { "automation": "high" } }),
        )
        .await;
        assert_eq!(status, 201, "{backend:?}: {result}");
        assert_eq!(result["overall"], 27.3, "{backend:?}");
        assert_eq!(result["band"], "average");
        assert_eq!(score_of(&result, "strategy"), 60.0);
        assert_eq!(score_of(&result, "readiness"), 60.0);
        assert_eq!(score_of(&result, "human"), 16.7);
        assert_eq!(score_of(&result, "green"), Value::Null);
        let recommendations = result["recommendations"].as_array().unwrap();
        assert!(
            (3..=7).contains(&recommendations.len()),
            "{backend:?}: {recommendations:?}"
        );
        // Automation scores 0 and was marked important: its gap weighs most.
        let first = &recommendations[0];
        assert_eq!(first["dimension"], "automation", "{recommendations:?}");
        let reason = first["reason"].as_str().unwrap();
        assert!(
            reason.contains("„Automatisierung und KI“ liegt bei 0 von 100")
                && reason.contains("besonders wichtig"),
            "{reason}"
        );
        for r in recommendations {
            let (status, _, offering) = app
                .json(&format!(
                    "/api/v1/offerings/{}",
                    r["offering_id"].as_str().unwrap()
                ))
                .await;
            assert_eq!(status, 200);
            assert_eq!(offering["title"], r["title"]);
        }

        // Whoever holds the id of an anonymous result may read it; nothing else is found.
        let id = result["id"].as_str().unwrap();
        let (status, again) = get(&app, None, id).await;
        assert_eq!(status, 200);
        assert_eq!(again["overall"], 27.3);
        assert_eq!(again["recommendations"], result["recommendations"]);
        assert_eq!(again["history"], json!([]));
        assert_eq!(get(&app, None, &Uuid::new_v4().to_string()).await.0, 404);
        let (status, problem) = get(&app, None, "kein-ergebnis").await;
        assert_eq!(status, 404);
        assert_eq!(problem["status"], 404);
    }
}

#[tokio::test]
async fn bad_answers_are_refused_item_by_item_and_nothing_is_stored() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (version, answers) = lowest(&app).await;
        let before = stored_count(&app).await;
        let errors = |body: &Value| -> Vec<String> {
            body["errors"]
                .as_array()
                .map(|e| {
                    e.iter()
                        .map(|e| {
                            format!(
                                "{}: {}",
                                e["field"].as_str().unwrap(),
                                e["message"].as_str().unwrap()
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        };

        let (status, body) = post(
            &app,
            None,
            &json!({ "version": version, "answers": { "strategy_roadmap": "yes" } }),
        )
        .await;
        assert_eq!(status, 400);
        let list = errors(&body);
        assert_eq!(list.len(), answers.len() - 1, "{list:?}");
        assert!(list.contains(&"answers.readiness_cloud: Antwort fehlt".to_owned()));

        let mut wrong = answers.clone();
        wrong.insert("readiness_cloud".into(), json!(7));
        wrong.insert("strategy_areas".into(), json!(["sales", "mond"]));
        wrong.insert("gibt_es_nicht".into(), json!("yes"));
        let (status, body) = post(
            &app,
            None,
            &json!({ "version": version, "answers": wrong, "importance": { "green": "sehr" } }),
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(
            errors(&body),
            vec![
                "answers.gibt_es_nicht: unbekannte Frage".to_owned(),
                "answers.readiness_cloud: 7 liegt außerhalb der Skala 0 bis 5".to_owned(),
                "answers.strategy_areas: unbekannte Option „mond“".to_owned(),
                "importance.green: erlaubt sind „low“, „normal“ oder „high“".to_owned(),
            ]
        );

        let (status, body) = post(
            &app,
            None,
            &json!({ "version": "1999-1", "answers": answers }),
        )
        .await;
        assert_eq!(status, 400);
        assert!(errors(&body)[0].starts_with("version: "), "{body}");

        let (status, _) = post(
            &app,
            None,
            &json!({ "version": version, "answers": answers, "company_id": Uuid::new_v4() }),
        )
        .await;
        assert_eq!(status, 401, "a company needs a signed-in member");
        let (status, body) = post(&app, None, &json!({ "answers": "alles" })).await;
        assert_eq!(status, 400, "{body}");

        assert_eq!(
            stored_count(&app).await,
            before,
            "{backend:?}: something was stored"
        );
    }
}

/// A company of `staff_count` people in WZ section `sector`, and a member's token.
async fn company(app: &TestApp, n: usize, sector: char, staff_count: u32) -> (Uuid, String) {
    let created = lotse_store::accounts::create_person(
        &app.db,
        &lotse_store::accounts::NewPerson {
            email: format!("chef{n}-{}@beispiel.de", Uuid::now_v7().simple()),
            name: format!("Chefin {n}"),
            password_hash: None,
            confirmed: true,
            language: "de".into(),
        },
        &lotse_store::accounts::Affiliation::NewCompany(lotse_store::accounts::NewCompany {
            name: format!("Vergleichsfirma {n}"),
            sector,
            staff_count,
            county: "12052".into(),
            address: None,
        }),
        None,
        0,
    )
    .await
    .unwrap();
    let company = created.company_id.unwrap();
    let (_, token) = people(&app.db, 1, Some(company)).await.remove(0);
    (company, token)
}

#[tokio::test]
async fn peers_show_from_five_companies_on_and_progress_is_kept_over_time() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (version, answers) = lowest(&app).await;
        // Seven micro companies of section U (no demo company is one).
        let mut companies = Vec::new();
        for n in 0..7 {
            companies.push(company(&app, n, 'U', 5).await);
        }
        let take = |n: usize, cloud: i64| {
            let mut a = answers.clone();
            a.insert("readiness_cloud".into(), json!(cloud));
            let (c, token) = companies[n].clone();
            let body = json!({ "version": version, "answers": a, "company_id": c });
            let app = &app;
            async move { post(app, Some(&token), &body).await }
        };
        let (status, first) = take(0, 0).await;
        assert_eq!(status, 201, "{first}");
        assert_eq!(first["peers"]["companies"], 0);
        assert_eq!(first["peers"]["overall"], Value::Null);
        // Four others: still not enough to show anything.
        for n in 1..=4 {
            assert_eq!(take(n, 5).await.0, 201);
        }
        let id = first["id"].as_str().unwrap().to_owned();
        let own = companies[0].1.clone();
        let (_, four) = get(&app, Some(&own), &id).await;
        assert_eq!(four["peers"]["companies"], 4, "{backend:?}");
        assert_eq!(four["peers"]["overall"], Value::Null);
        assert_eq!(four["peers"]["dimensions"], json!({}));
        // The fifth makes the group big enough. Peers score readiness 1/6 → 16.7.
        assert_eq!(take(5, 5).await.0, 201);
        let (_, five) = get(&app, Some(&own), &id).await;
        assert_eq!(five["peers"]["companies"], 5, "{backend:?}");
        assert_eq!(five["peers"]["size_class"], "micro");
        assert_eq!(five["peers"]["sector"], "U");
        assert_eq!(five["peers"]["dimensions"]["readiness"]["median"], 16.7);
        // A company's later result replaces its earlier one among the peers.
        assert_eq!(take(5, 0).await.0, 201);
        let (_, replaced) = get(&app, Some(&own), &id).await;
        assert_eq!(replaced["peers"]["companies"], 5);
        assert_eq!(replaced["peers"]["dimensions"]["readiness"]["q1"], 16.7);
        assert_eq!(replaced["peers"]["dimensions"]["readiness"]["median"], 16.7);

        // Progress: the company's second check is T1 beside T0.
        let (status, second) = take(0, 5).await;
        assert_eq!(status, 201);
        let history = second["history"].as_array().unwrap();
        assert_eq!(history.len(), 2, "{backend:?}");
        assert_eq!(
            (history[0]["label"].as_str(), history[1]["label"].as_str()),
            (Some("T0"), Some("T1"))
        );
        assert_eq!(history[0]["id"], first["id"]);
        assert_eq!(history[0]["dimensions"]["readiness"], 0.0);
        assert_eq!(history[1]["dimensions"]["readiness"], 16.7);

        // Another company's member and anonymous callers do not see it at all.
        let stranger = companies[6].1.clone();
        assert_eq!(get(&app, Some(&stranger), &id).await.0, 404);
        assert_eq!(get(&app, None, &id).await.0, 404);
        // Nor may they attach a check to it.
        let body = json!({ "version": version, "answers": answers, "company_id": companies[0].0 });
        assert_eq!(post(&app, Some(&stranger), &body).await.0, 404);
    }
}

#[tokio::test]
async fn the_pdf_report_holds_scores_recommendations_date_and_version() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (version, mut answers) = lowest(&app).await;
        answers.insert("readiness_cloud".into(), json!(5));
        answers.insert("readiness_erp".into(), json!(4));
        let (c, token) = company(&app, 0, 'C', 120).await;
        let (status, result) = post(
            &app,
            Some(&token),
            &json!({ "version": version, "answers": answers, "company_id": c }),
        )
        .await;
        assert_eq!(status, 201);
        let id = result["id"].as_str().unwrap();
        let r = app
            .client
            .get(format!("{}/api/v1/assessments/{id}/report.pdf", app.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let Some(text) = common::pdf_text(&bytes) else {
            continue;
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Digitalisierungs-Check – Ergebnisbericht"),
            "{flat}"
        );
        assert!(flat.contains("Vergleichsfirma 0"), "{flat}");
        assert!(flat.contains(&format!("Fragebogen {version}")), "{flat}");
        // Readiness: (1 + 0.8) / 6 = 30.0; overall (0 + 30 + 0 + 0 + 0 + 0) / 6 = 5.
        assert!(flat.contains("Digitale Bereitschaft: 30"), "{flat}");
        assert!(flat.contains("Gesamtwert: 5 von 100 – Einstieg"), "{flat}");
        for r in result["recommendations"].as_array().unwrap() {
            // Long titles wrap (and may continue on the next page): their start.
            let start: String = r["title"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(flat.contains(&start), "{start} missing in {flat}");
        }
        assert!(flat.contains("liegt bei 0 von 100"), "{flat}");
        let today = jiff::Zoned::now().with_time_zone(lotse_core::catalogue::berlin());
        assert!(flat.contains(&today.year().to_string()), "{flat}");
        // Another company's member gets nothing.
        let (_, stranger) = company(&app, 1, 'C', 120).await;
        let r = app
            .client
            .get(format!("{}/api/v1/assessments/{id}/report.pdf", app.base))
            .bearer_auth(&stranger)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 404);
    }
}

/// The form fields answering every item of dimension `d` at its best.
fn best_form(q: &Value, d: usize) -> Vec<(String, String)> {
    let mut form = Vec::new();
    for i in q["dimensions"][d]["items"].as_array().unwrap() {
        let key = i["key"].as_str().unwrap().to_owned();
        match i["type"].as_str().unwrap() {
            "tri" => form.push((key, "yes".into())),
            "scale" => form.push((key, "5".into())),
            _ => {
                for o in i["options"].as_array().unwrap() {
                    form.push((key.clone(), o["key"].as_str().unwrap().to_owned()));
                }
            }
        }
    }
    form
}

#[tokio::test]
async fn the_check_pages_keep_answers_refuse_gaps_and_show_the_result() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, q) = app.json("/api/v1/assessment/questionnaire").await;
        let post_form = |path: String, form: Vec<(String, String)>| {
            app.client
                .post(format!("{}{path}", app.base))
                .form(&form)
                .send()
        };
        let (status, start) = app.text("/check").await;
        assert_eq!(status, 200);
        assert!(start.contains("36 Fragen"), "{start}");
        let r = post_form("/check".into(), Vec::new()).await.unwrap();
        assert_eq!(r.status().as_u16(), 303);
        let first = r.headers()["location"].to_str().unwrap().to_owned();
        let id = first
            .trim_start_matches("/check/")
            .trim_end_matches("/schritt/1")
            .to_owned();
        let (status, page) = app.text(&first).await;
        assert_eq!(status, 200);
        assert!(page.contains("Schritt 1 von 6") && page.contains("<progress"));

        // "Next" with one answer: 400, the five open questions marked, the answer kept.
        let r = post_form(
            first.clone(),
            vec![
                ("strategy_roadmap".into(), "partial".into()),
                ("go".into(), "next".into()),
            ],
        )
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 400, "{backend:?}");
        let page = r.text().await.unwrap();
        assert_eq!(
            page.matches("Bitte wählen Sie eine Antwort.").count(),
            3,
            "tri and scale items; multi ones are answered by ticking nothing"
        );
        assert!(page.contains(r#"name="strategy_roadmap" value="partial" checked"#));
        // "Back" saves whatever is there; the answer is still there when coming back.
        let (_, again) = app.text(&first).await;
        assert!(again.contains(r#"name="strategy_roadmap" value="partial" checked"#));

        // Every step at its best; the last one evaluates.
        for d in 0..6 {
            let mut form = best_form(&q, d);
            form.push(("importance".into(), "high".into()));
            form.push(("go".into(), "next".into()));
            let r = post_form(format!("/check/{id}/schritt/{}", d + 1), form)
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 303, "{backend:?}: step {}", d + 1);
            let next = r.headers()["location"].to_str().unwrap().to_owned();
            if d < 5 {
                assert_eq!(next, format!("/check/{id}/schritt/{}", d + 2));
            } else {
                assert_eq!(next, format!("/check/{id}/ergebnis"));
            }
        }
        let (status, result) = app.text(&format!("/check/{id}/ergebnis")).await;
        assert_eq!(status, 200);
        assert!(result.contains("<strong>100</strong> von 100"), "{result}");
        assert!(result.contains("Vorreiter"));
        assert!(result.contains(r#"<svg viewBox="0 0 320 320""#));
        assert_eq!(result.matches(r#"<tr><th scope="row">"#).count(), 6);
        assert!(result.contains("Einen Vergleich gibt es für Ergebnisse von Unternehmen"));
        assert!(result.contains(&format!("/api/v1/assessments/{id}/report.pdf")));
        // Without gaps, three recommendations from the lowest scores.
        assert_eq!(result.matches("<li><h3><a href=\"/angebote/").count(), 3);
        // A finished check's steps lead to the result; nonsense leads nowhere.
        let r = app.get(&format!("/check/{id}/schritt/2")).await;
        assert_eq!(r.status().as_u16(), 303);
        let r = post_form("/check".into(), Vec::new()).await.unwrap();
        let fresh = r.headers()["location"]
            .to_str()
            .unwrap()
            .trim_end_matches("/1")
            .to_owned();
        for step in ["0", "7", "eins"] {
            assert_eq!(
                app.text(&format!("{fresh}/{step}")).await.0,
                404,
                "step {step}"
            );
        }
        assert_eq!(
            app.text(&format!("/check/{}/ergebnis", Uuid::new_v4()))
                .await
                .0,
            404
        );
        assert_eq!(app.text("/check/nichts/ergebnis").await.0, 404);
        // The same result in English.
        let english = app
            .client
            .get(format!("{}/check/{id}/ergebnis", app.base))
            .header("cookie", "lotse_lang=en")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(english.contains("out of 100") && english.contains("Advanced"));
    }
}
