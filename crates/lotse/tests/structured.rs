//! schema.org data on the pages, the sitemap and robots.txt, on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};
use serde_json::Value;

/// The JSON-LD blocks of a page.
fn json_ld(page: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    page.match_indices(open)
        .map(|(at, _)| {
            let rest = &page[at + open.len()..];
            let end = rest.find("</script>").expect("closed");
            serde_json::from_str(&rest[..end]).expect("valid JSON")
        })
        .collect()
}

fn is_offset_time(v: &Value) -> bool {
    let s = v.as_str().unwrap_or_default();
    s.len() == 25 && (s.ends_with("+01:00") || s.ends_with("+02:00")) && s.as_bytes()[10] == b'T'
}

#[tokio::test]
async fn offering_pages_carry_schema_org_data() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        // A module: a Course with its instances.
        let (_, _, modules) = app.json("/api/v1/offerings?kind=module&limit=1").await;
        let module = &modules["items"][0];
        let (status, page) = app
            .text(&format!("/angebote/{}", module["id"].as_str().unwrap()))
            .await;
        assert_eq!(status, 200);
        let data = json_ld(&page);
        assert_eq!(data.len(), 1, "{backend:?}");
        let course = &data[0];
        assert_eq!(course["@context"], "https://schema.org");
        assert_eq!(course["@type"], "Course");
        assert_eq!(course["name"], module["title"]);
        assert_eq!(course["provider"]["name"], module["partner"]["name"]);
        assert_eq!(course["offers"]["priceCurrency"], "EUR");
        let instances = course["hasCourseInstance"].as_array().unwrap();
        assert!(!instances.is_empty(), "{course}");
        for i in instances {
            assert_eq!(i["@type"], "CourseInstance");
            assert!(
                is_offset_time(&i["startDate"]) && is_offset_time(&i["endDate"]),
                "{i}"
            );
            assert!(
                ["Place", "VirtualLocation"].contains(&i["location"]["@type"].as_str().unwrap())
            );
        }

        // A webinar: one EducationEvent per session, online, and a cancelled session
        // says so.
        let (_, _, webinars) = app.json("/api/v1/offerings?kind=webinar&limit=1").await;
        let id = webinars["items"][0]["id"].as_str().unwrap().to_owned();
        let (_, _, detail) = app.json(&format!("/api/v1/offerings/{id}")).await;
        let session: uuid::Uuid = detail["sessions"][0]["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        lotse_store::catalogue::cancel_session(&app.db, session)
            .await
            .unwrap();
        tokio::time::sleep(lotse_web::http::public_cache::USABLE).await;
        let (_, page) = app.text(&format!("/angebote/{id}")).await;
        let events = json_ld(&page).remove(0);
        let events = events.as_array().unwrap();
        assert!(!events.is_empty());
        for e in events {
            assert_eq!(e["@type"], "EducationEvent");
            assert_eq!(
                e["eventAttendanceMode"],
                "https://schema.org/OnlineEventAttendanceMode"
            );
            assert_eq!(e["location"]["@type"], "VirtualLocation");
            // Never a join link: the public page stands for the place.
            assert!(
                e["location"]["url"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("/angebote/{id}"))
            );
        }
        assert!(
            events
                .iter()
                .any(|e| e["eventStatus"] == "https://schema.org/EventCancelled"),
            "{backend:?}: {events:?}"
        );

        // The start page names the center.
        let (_, home) = app.text("/").await;
        assert_eq!(json_ld(&home)[0]["@type"], "Organization");
    }
}

#[tokio::test]
async fn the_sitemap_lists_every_public_page_and_robots_names_it() {
    let app = TestApp::spawn(lotse_store::Backend::Sqlite, true).await;
    let (status, robots) = app.text("/robots.txt").await;
    assert_eq!(status, 200);
    assert!(robots.contains("Disallow: /konto"));
    assert!(
        robots.contains(&format!("Sitemap: {}/sitemap.xml", app.base)),
        "{robots}"
    );
    let r = app.get("/sitemap.xml").await;
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/xml; charset=utf-8"
    );
    let sitemap = r.text().await.unwrap();
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let (_, _, all) = app.json("/api/v1/offerings?limit=1").await;
    let offerings = sitemap.matches("/angebote/").count();
    assert_eq!(offerings as i64, all["total"].as_i64().unwrap());
    let (_, _, qualifications) = app.json("/api/v1/qualifications").await;
    assert_eq!(
        sitemap.matches("/qualifizierungen/").count(),
        qualifications["items"].as_array().unwrap().len()
    );
    assert!(sitemap.contains(&format!("<loc>{}/</loc>", app.base)));
    assert_eq!(
        sitemap.matches("<url>").count(),
        sitemap.matches("</url>").count()
    );
}

#[tokio::test]
async fn public_reads_are_open_to_other_origins_and_revalidate() {
    let app = TestApp::spawn(lotse_store::Backend::Sqlite, true).await;
    let url = format!("{}/api/v1/offerings?topic=logistik-4-0", app.base);
    let first = app
        .client
        .get(&url)
        .header("origin", "https://portal.example")
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["access-control-allow-origin"], "*");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");
    // The same answer again: 304 without a body, the same validator.
    let again = app
        .client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.bytes().await.unwrap().is_empty());
    // Another validator, or another list: the full answer.
    let other = app
        .client
        .get(&url)
        .header("if-none-match", "\"0123\"")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200);
    let page = app
        .client
        .get(format!("{}/angebote", app.base))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200, "a page is another representation");
    // Other origins may read, not write: a preflight for POST is not granted.
    let preflight = app
        .client
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/v1/offerings", app.base),
        )
        .header("origin", "https://portal.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    let allowed = preflight
        .headers()
        .get("access-control-allow-methods")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(!allowed.contains("POST"), "{allowed}");
}
