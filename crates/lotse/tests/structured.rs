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

/// The `rel="next"` address of a `Link` header, if any.
fn next_link(r: &reqwest::Response) -> Option<String> {
    let link = r.headers().get("link")?.to_str().ok()?;
    let (target, rel) = link.split_once(';')?;
    assert_eq!(rel.trim(), "rel=\"next\"", "{link}");
    Some(
        target
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_owned(),
    )
}

#[tokio::test]
async fn the_offerings_feed_pages_through_every_live_offering_without_join_links() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, all) = app.json("/api/v1/offerings?limit=1").await;
        let total = all["total"].as_i64().unwrap();
        assert!(
            total > 7,
            "{backend:?}: the demo has more than one page of 7"
        );
        let mut url = format!("{}/api/v1/feed/offerings?limit=7", app.base);
        let mut seen = std::collections::BTreeSet::new();
        let mut pages = 0;
        let mut kinds = std::collections::BTreeSet::new();
        loop {
            let r = app.client.get(&url).send().await.unwrap();
            assert_eq!(r.status(), 200, "{backend:?} {url}");
            assert_eq!(r.headers()["content-type"], "application/ld+json");
            assert_eq!(r.headers()["access-control-allow-origin"], "*");
            let next = next_link(&r);
            let feed: Value = r.json().await.unwrap();
            assert_eq!(feed["@context"], "https://schema.org");
            assert_eq!(feed["@type"], "DataFeed");
            assert_eq!(feed["provider"]["@type"], "Organization");
            assert!(feed["provider"].get("@context").is_none(), "one context");
            let text = feed.to_string();
            assert!(
                !text.contains("konferenz.example.org"),
                "a join link: {text}"
            );
            let mut here = std::collections::BTreeSet::new();
            for element in feed["dataFeedElement"].as_array().unwrap() {
                assert!(element.get("@context").is_none(), "one context: {element}");
                kinds.insert(element["@type"].as_str().unwrap().to_owned());
                here.insert(element["identifier"].as_str().unwrap().to_owned());
            }
            assert!(
                here.len() <= 7,
                "{backend:?}: a page of at most 7 offerings"
            );
            for id in here {
                assert!(seen.insert(id), "{backend:?}: an offering on two pages");
            }
            pages += 1;
            match next {
                Some(next) => {
                    assert!(next.contains("limit=7"), "the filters go on: {next}");
                    url = next;
                }
                None => break,
            }
        }
        // Offerings without an upcoming session have no event to show; every course
        // and every offering with a session is there.
        let (_, _, courses) = app.json("/api/v1/offerings?kind=module&limit=100").await;
        for c in courses["items"].as_array().unwrap() {
            assert!(seen.contains(c["id"].as_str().unwrap()), "{backend:?}: {c}");
        }
        assert!(pages >= 2 && seen.len() as i64 <= total, "{backend:?}");
        assert!(kinds.contains("Course") && kinds.contains("EducationEvent"));

        // The catalogue's filters apply; bad ones are refused in the reader's language.
        let r = app.get("/api/v1/feed/offerings?topic=logistik-4-0").await;
        let feed: Value = r.json().await.unwrap();
        assert!(!feed["dataFeedElement"].as_array().unwrap().is_empty());
        let (status, content_type, problem) = app.json("/api/v1/feed/offerings?limit=0").await;
        assert_eq!(
            (status, content_type.as_str()),
            (400, "application/problem+json")
        );
        assert!(problem["detail"].as_str().is_some(), "{problem}");
    }
}

#[tokio::test]
async fn cached_answers_say_since_when_they_are_unchanged() {
    let app = TestApp::spawn(lotse_store::Backend::Sqlite, true).await;
    let url = format!("{}/api/v1/feed/offerings?limit=5", app.base);
    let first = app.client.get(&url).send().await.unwrap();
    let modified = first.headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_owned();
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(modified.ends_with(" GMT"), "{modified}");
    // The answer expires from the cache and is rendered again with the same bytes:
    // the date stays.
    tokio::time::sleep(
        lotse_web::http::public_cache::USABLE + std::time::Duration::from_millis(1100),
    )
    .await;
    let later = app.client.get(&url).send().await.unwrap();
    assert_eq!(later.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(later.headers()["last-modified"].to_str().unwrap(), modified);
    let conditional = app
        .client
        .get(&url)
        .header("if-modified-since", &modified)
        .send()
        .await
        .unwrap();
    assert_eq!(conditional.status(), 304);
    assert_eq!(
        conditional.headers()["last-modified"].to_str().unwrap(),
        modified
    );
    // An earlier date, or an `If-None-Match` that does not match, gets the answer.
    let earlier = app
        .client
        .get(&url)
        .header("if-modified-since", "Sat, 01 Jan 2000 00:00:00 GMT")
        .send()
        .await
        .unwrap();
    assert_eq!(earlier.status(), 200);
    let other_tag = app
        .client
        .get(&url)
        .header("if-modified-since", &modified)
        .header("if-none-match", "\"0123\"")
        .send()
        .await
        .unwrap();
    assert_eq!(other_tag.status(), 200, "If-None-Match decides alone");
    // A change to the catalogue: new bytes, a new date.
    let (_, _, page) = app.json("/api/v1/offerings?limit=1").await;
    let offering: uuid::Uuid = page["items"][0]["id"].as_str().unwrap().parse().unwrap();
    lotse_store::catalogue::withdraw_offering(&app.db, offering, jiff::Timestamp::now())
        .await
        .unwrap();
    tokio::time::sleep(
        lotse_web::http::public_cache::USABLE + std::time::Duration::from_millis(100),
    )
    .await;
    let changed = app
        .client
        .get(&url)
        .header("if-modified-since", &modified)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    let since =
        httpdate::parse_http_date(changed.headers()["last-modified"].to_str().unwrap()).unwrap();
    assert!(since > httpdate::parse_http_date(&modified).unwrap());
}
