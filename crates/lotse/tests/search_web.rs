//! Search over HTTP: the catalogue's `q` in page and API, suggestions, the described
//! challenge, bad input, and several processes on one database.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};

fn titles(list: &serde_json::Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_api_searches_ranks_marks_and_counts() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (status, _, list) = app.json("/api/v1/offerings?q=Robotern&limit=2").await;
        assert_eq!(status, 200);
        assert_eq!(list["order"], "relevance");
        assert!(titles(&list)[0].contains("Transportroboter"), "{list}");
        let kinds: i64 = list["facets"]["kind"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["count"].as_i64().unwrap())
            .sum();
        assert_eq!(kinds, list["total"].as_i64().unwrap());
        let marked: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|i| i["snippet"].as_array().unwrap())
            .filter(|p| p["marked"] == true)
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert!(marked.contains(&"Roboter"), "{marked:?}");

        // The next page continues by relevance.
        let next = list["next"].as_str().unwrap();
        let (_, _, more) = app
            .json(&format!(
                "/api/v1/offerings?q=Robotern&limit=2&cursor={next}"
            ))
            .await;
        assert!(titles(&more).iter().all(|t| !titles(&list).contains(t)));

        // Without a search: title order.
        let (_, _, plain) = app.json("/api/v1/offerings?limit=3").await;
        assert_eq!(plain["order"], "title");

        let (status, _, suggested) = app.json("/api/v1/offerings/suggestions?q=Lagerverw").await;
        assert_eq!(status, 200);
        assert!(
            titles(&suggested)[0].contains("Lagerverwaltung"),
            "{suggested}"
        );
        let (_, _, none) = app.json("/api/v1/offerings/suggestions?q=L").await;
        assert_eq!(none["items"].as_array().unwrap().len(), 0);

        let (status, _, challenge) = app
            .json(
                "/api/v1/challenge?text=Wir%20hatten%20einen%20Hackerangriff%20und%20kein%20Backup",
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(challenge["dimension"]["key"], "data", "{challenge}");
        assert_eq!(challenge["dimension"]["title"], "Daten und Sicherheit");
        assert!(
            titles(&challenge)
                .iter()
                .take(3)
                .any(|t| t.contains("Ransomware")),
            "{challenge}"
        );
    }
}

#[tokio::test]
async fn bad_search_input_is_answered_in_the_readers_language() {
    let app = TestApp::spawn(lotse_store::Backend::Sqlite, true).await;
    let english = |path: &str| {
        app.client
            .get(format!("{}{path}", app.base))
            .header("accept-language", "en")
            .send()
    };
    // No text, and too much text, for the challenge.
    let r = english("/api/v1/challenge?text=%20%20").await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "text");
    assert_eq!(body["errors"][0]["message"], "must not be empty");
    let long = "Lager".repeat(101);
    let r = english(&format!("/api/v1/challenge?text={long}"))
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("500"),
        "{body}"
    );
    // The page says it in the form, keeps the text and answers 400.
    let (status, page) = app.text(&format!("/herausforderung?text={long}")).await;
    assert_eq!(status, 400);
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("höchstens 500 Zeichen"));
    // The catalogue's search field takes 200 characters.
    let (status, _, problem) = app
        .json(&format!("/api/v1/offerings?q={}", "a".repeat(201)))
        .await;
    assert_eq!(status, 400);
    assert_eq!(problem["errors"][0]["field"], "q");
    // Operators, quotes and control characters are just text.
    for q in ["%22Lager", "Lager%20AND%20(", "Lager%00%07", "*", "%5C"] {
        let (status, _, list) = app.json(&format!("/api/v1/offerings?q={q}")).await;
        assert_eq!(status, 200, "{q}: {list}");
    }
}

#[tokio::test]
async fn the_pages_show_marks_counts_suggestions_and_the_dimension() {
    let app = TestApp::spawn(lotse_store::Backend::Sqlite, true).await;
    let (status, page) = app.text("/angebote?q=Foerderung").await;
    assert_eq!(status, 200);
    assert!(page.contains("<mark>"), "no marked words");
    assert!(page.contains("Die besten Treffer für Ihren Suchbegriff zuerst."));
    assert!(page.contains("class=\"refine\""));
    // The counts link to the narrowed list, keeping the search.
    assert!(
        page.contains("href=\"/angebote?q=Foerderung&#38;topic="),
        "{page}"
    );

    // A chosen topic offers its calendar feed, which answers.
    let (_, logistics) = app.text("/angebote?topic=logistik-4-0").await;
    assert!(logistics.contains("href=\"/ical/topics/logistik-4-0.ics\""));
    assert!(logistics.contains("Termine im Themenfeld Logistik 4.0 als Kalender abonnieren"));
    let feed = app.get("/ical/topics/logistik-4-0.ics").await;
    assert_eq!(feed.status(), 200);
    assert!(feed.text().await.unwrap().contains("BEGIN:VEVENT"));

    // Partners and qualifications the search found are listed above the offerings.
    let (_, wildau) = app.text("/angebote?q=Hochschule%20Wildau").await;
    assert!(wildau.contains("Partner zu Ihrer Suche"), "{wildau}");
    assert!(wildau.contains(">Technische Hochschule Wildau</a>"));
    let (_, _, list) = app.json("/api/v1/offerings?q=Fachkraft%20Logistik").await;
    assert_eq!(
        list["qualifications"][0]["title"],
        "Fachkraft Logistik 4.0 im Mittelstand"
    );

    let (status, fragment) = app.text("/angebote/vorschlaege?q=Lagerverw").await;
    assert_eq!(status, 200);
    assert!(fragment.contains("role=\"option\""));
    assert!(fragment.contains("Lagerverwaltung"));
    assert!(!fragment.contains("<html"));
    let (_, empty) = app.text("/angebote/vorschlaege?q=").await;
    assert!(empty.contains("hidden") && !empty.contains("role=\"option\""));

    let (status, home) = app.text("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("action=\"/herausforderung\""));
    let (status, answer) = app
        .text("/herausforderung?text=Die%20Stromkosten%20fressen%20uns%20auf")
        .await;
    assert_eq!(status, 200);
    assert!(answer.contains("Grüne Digitalisierung"), "{answer}");
    assert!(answer.contains("href=\"/check\""));
    assert!(answer.contains("class=\"card\""));
}

#[tokio::test]
async fn another_process_on_the_same_database_finds_the_change_too() {
    for backend in backends() {
        let first = TestApp::spawn(backend, true).await;
        let second = first.another().await;
        let (_, _, before) = second.json("/api/v1/offerings?q=E-Rechnung%20B2B").await;
        let id: uuid::Uuid = before["items"][0]["id"].as_str().unwrap().parse().unwrap();
        lotse_store::catalogue::withdraw_offering(&first.db, id, jiff::Timestamp::now())
            .await
            .unwrap();
        // Anonymous answers may be served from the public cache for up to three
        // seconds (`public_cache::USABLE`); after that both processes know.
        tokio::time::sleep(lotse_web::http::public_cache::USABLE).await;
        for app in [&first, &second] {
            let (_, _, after) = app.json("/api/v1/offerings?q=E-Rechnung%20B2B").await;
            assert!(
                after["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|i| i["id"] != id.to_string()),
                "{backend:?}"
            );
        }
    }
}
