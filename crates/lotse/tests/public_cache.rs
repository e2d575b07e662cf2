//! The public cache: anonymous catalogue answers are shared for a second, never for
//! signed-in people, kept apart by language and htmx, renewed after this process
//! writes, and follow another process's writes within a few seconds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};
use lotse_web::http::public_cache::{CACHE_HEADER, USABLE};
use serde_json::json;
use std::time::{Duration, Instant};

async fn fetch(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (Option<String>, String) {
    let mut request = app.client.get(format!("{}{path}", app.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let r = request.send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let how = r
        .headers()
        .get(CACHE_HEADER)
        .map(|v| v.to_str().unwrap().to_owned());
    (how, r.text().await.unwrap())
}

#[tokio::test]
async fn anonymous_catalogue_answers_are_shared_and_follow_every_write() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let first = common::first_offering(&app.client, &app.base).await;
        let id = first["id"].as_str().unwrap().to_owned();
        let title = first["title"].as_str().unwrap().to_owned();
        let page = format!("/angebote/{id}");

        // Rendered once, then shared.
        let (how, first) = fetch(&app, &page, &[]).await;
        assert_eq!(how.as_deref(), Some("MISS"), "{backend:?}");
        let (how, again) = fetch(&app, &page, &[]).await;
        assert_eq!(how.as_deref(), Some("HIT"), "{backend:?}");
        assert_eq!(again, first);

        // Anonymous or refused posts do not empty the cache.
        let r = app
            .client
            .post(format!("{}/api/v1/auth/login", app.base))
            .json(&json!({ "email": "staff@demo.lotse.de", "password": "falsch-falsch-falsch" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let (how, _) = fetch(&app, &page, &[]).await;
        assert!(
            matches!(how.as_deref(), Some("HIT" | "STALE")),
            "{backend:?}: a failed sign-in emptied the cache: {how:?}"
        );

        // Languages and htmx requests are kept apart.
        let (how, english) = fetch(&app, &page, &[("cookie", "lotse_lang=en")]).await;
        assert_eq!(how.as_deref(), Some("MISS"));
        assert!(english.contains("lang=\"en\"") && first.contains("lang=\"de\""));
        let (_, full) = fetch(&app, "/angebote", &[]).await;
        let (how, partial) = fetch(&app, "/angebote", &[("hx-request", "true")]).await;
        assert_eq!(how.as_deref(), Some("MISS"));
        assert!(full.contains("<html") && !partial.contains("<html"));

        // Signed-in people are always answered afresh.
        let cookie = common::staff_cookie(&app.client, &app.base).await;
        let (how, _) = fetch(&app, &page, &[("cookie", &cookie)]).await;
        assert_eq!(
            how, None,
            "{backend:?}: a signed-in answer came from the cache"
        );

        // A write through this process: the next anonymous answer is read anew.
        let day = jiff::Zoned::now()
            .with_time_zone(lotse_core::catalogue::berlin())
            .date()
            .checked_add(jiff::Span::new().days(20))
            .unwrap();
        let r = app
            .client
            .post(format!("{}/api/v1/offerings/{id}/sessions", app.base))
            .header("cookie", &cookie)
            .header("origin", app.base.clone())
            .json(
                &json!({ "starts_at": format!("{day}T09:00"), "ends_at": format!("{day}T12:00"),
                           "capacity": 7, "online_link": "https://konferenz.example.org/cache" }),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let (how, after) = fetch(&app, &page, &[]).await;
        assert_eq!(how.as_deref(), Some("MISS"), "{backend:?}");
        assert!(
            after.contains("7 von 7") && !first.contains("7 von 7"),
            "{backend:?}: the new session is missing"
        );

        // A write by another process (here: straight into the database) shows within
        // `USABLE`; until then the shared answer may be served.
        let renamed = "Umbenannt von einem anderen Prozess";
        lotse_store::on_writer!(&app.db, pool => {
            sqlx::query("UPDATE offerings SET title = $1 WHERE id = $2")
                .bind(renamed)
                .bind(uuid::Uuid::parse_str(&id).unwrap())
                .execute(pool)
                .await
                .unwrap();
        });
        let written = Instant::now();
        let (how, maybe_old) = fetch(&app, &page, &[]).await;
        if matches!(how.as_deref(), Some("HIT" | "STALE")) {
            assert!(maybe_old.contains(&title) && !maybe_old.contains(renamed));
        }
        loop {
            let (_, body) = fetch(&app, &page, &[]).await;
            if body.contains(renamed) {
                break;
            }
            assert!(
                written.elapsed() < USABLE + Duration::from_secs(2),
                "{backend:?}: another process's write did not show within {USABLE:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
