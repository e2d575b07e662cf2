//! What the operator owns and how lotse sits behind their proxy: the center's name,
//! claim, logo, colours and legal pages from the site folder (the example in
//! `contrib/site-example`), the built-in examples marked as such, mails signed with
//! the center's name, forwarding headers believed only from trusted proxies, and
//! static files that may be kept for a year because their links change with them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};
use lotse_web::site_content::Site;
use std::path::PathBuf;
use std::sync::Arc;

fn example_folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../contrib/site-example")
}

async fn app_with_site(site: Site) -> TestApp {
    let web = lotse_web::WebConfig {
        site: Arc::new(site),
        ..lotse_web::WebConfig::default()
    };
    TestApp::spawn_with(backends()[0], true, web).await
}

async fn page_as(app: &TestApp, path: &str, lang: &str) -> (u16, String) {
    let r = app
        .client
        .get(format!("{}{path}", app.base))
        .header("cookie", format!("lotse_lang={lang}"))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn without_a_site_folder_the_legal_pages_are_marked_as_examples() {
    let app = TestApp::spawn(backends()[0], false).await;
    for (path, lang, marker) in [
        ("/impressum", "de", "Beispieltext."),
        ("/datenschutz", "de", "Beispieltext."),
        ("/impressum", "en", "Example text."),
    ] {
        let (status, html) = page_as(&app, path, lang).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains(marker), "{path} {lang}: {html}");
        assert!(html.contains("– lotse</title>"), "{html}");
        assert!(!html.contains("/site/farben.css") && !html.contains("/site/logo"));
    }
    assert_eq!(app.text("/site/logo").await.0, 404);
    assert_eq!(app.text("/site/farben.css").await.0, 404);
}

#[tokio::test]
async fn the_operators_name_look_and_legal_texts_replace_the_built_in_ones() {
    let site = Site::load(&example_folder()).expect("the example site folder loads");
    let app = app_with_site(site).await;

    let (status, html) = page_as(&app, "/impressum", "de").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<title>Impressum – Beispiel-Kompetenzzentrum</title>"),
        "{html}"
    );
    assert!(html.contains("<h2>Anbieter</h2>"), "{html}");
    assert!(
        html.contains("href=\"mailto:info@zentrum.example\""),
        "{html}"
    );
    assert!(
        !html.contains("Beispieltext.</strong> Der Betreiber"),
        "{html}"
    );
    assert!(
        html.contains("Digitalisierung für den Mittelstand"),
        "{html}"
    );
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/site/farben.css\">"));
    assert!(html.contains("<img class=\"brand-logo\" src=\"/site/logo\" alt=\"\">"));
    // Every page wears it, the public cached ones too.
    for path in ["/", "/angebote", "/anmelden"] {
        let (_, html) = page_as(&app, path, "de").await;
        assert!(
            html.contains("– Beispiel-Kompetenzzentrum</title>"),
            "{path}"
        );
    }

    let (_, english) = page_as(&app, "/datenschutz", "en").await;
    assert!(english.contains("<h2>Your rights</h2>"), "{english}");
    assert!(english.contains("EXAMPLE: say here who runs and funds the center."));

    let logo = app.get("/site/logo").await;
    assert_eq!(logo.status().as_u16(), 200);
    assert_eq!(logo.headers()["content-type"], "image/svg+xml");
    assert!(logo.text().await.unwrap().starts_with("<svg"));
    let (status, css) = app.text("/site/farben.css").await;
    assert_eq!(status, 200);
    assert_eq!(
        css.trim(),
        ":root { --brand: #1d5e20; --brand-dark: #133d15; }"
    );

    // Mails are signed with the center's name.
    let email = "site-mail@beispiel.de";
    let r = app
        .client
        .post(format!("{}/api/v1/auth/register", app.base))
        .json(&serde_json::json!({ "email": email, "password": "lang-genug-und-sicher-2026", "name": "Ida Site" }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let mail = app.smtp.wait_for(email, "").await;
    // Quoted-printable undone for the soft breaks and the dash.
    let text = mail.raw.replace("=\r\n", "").replace("=E2=80=93", "–");
    assert!(
        text.contains("Beispiel-Kompetenzzentrum – diese Nachricht wurde automatisch versandt."),
        "{text}"
    );
}

#[tokio::test]
async fn a_missing_english_text_shows_the_german_one_in_german() {
    let dir = std::env::temp_dir().join(format!("lotse-site-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("site.toml"), "name = \"Zentrum Süd\"\n").unwrap();
    std::fs::write(
        dir.join("impressum.md"),
        "# Anbieter\n\nZentrum Süd GmbH <b>fett</b>",
    )
    .unwrap();
    std::fs::write(dir.join("datenschutz.md"), "Wir schützen Daten.").unwrap();
    let site = Site::load(&dir).expect("loads");
    let _ = std::fs::remove_dir_all(&dir);
    let app = app_with_site(site).await;
    let (_, html) = page_as(&app, "/impressum", "en").await;
    assert!(
        html.contains("This page is available in German only."),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"legal\" lang=\"de\"><h2>Anbieter</h2>"),
        "{html}"
    );
    // The operator's markup is shown as text, never run.
    assert!(html.contains("&lt;b&gt;fett&lt;/b&gt;"), "{html}");
    // Without colours or logo, lotse's own look stays.
    assert!(!html.contains("/site/farben.css") && !html.contains("/site/logo"));
    assert!(
        html.contains("Mittelstand 4.0 Competence Center Cottbus"),
        "{html}"
    );
}

async fn login_cookie(app: &TestApp, forwarded: &[(&str, &str)]) -> String {
    let mut request = app
        .client
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(
            &serde_json::json!({ "email": "staff@demo.lotse.de", "password": "demo-lotse-2026" }),
        );
    for (name, value) in forwarded {
        request = request.header(*name, *value);
    }
    let r = request.send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    r.headers()["set-cookie"].to_str().unwrap().to_owned()
}

/// The status of `/metrics` for a request that says it was forwarded for `chain`.
async fn metrics_status(app: &TestApp, chain: &str) -> u16 {
    let r = app
        .client
        .get(format!("{}/metrics", app.base))
        .header("x-forwarded-for", chain)
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}

#[tokio::test]
async fn forwarding_headers_count_only_from_trusted_proxies() {
    let from_client = [
        ("x-forwarded-for", "203.0.113.5"),
        ("x-forwarded-proto", "https"),
    ];
    // Nobody trusted: the headers are dropped, so the loopback caller stays itself
    // (metrics open) and its claim of TLS makes no cookie Secure.
    let open = TestApp::spawn(backends()[0], true).await;
    assert_eq!(metrics_status(&open, "203.0.113.5").await, 200);
    assert!(!login_cookie(&open, &from_client).await.contains("Secure"));

    // Loopback trusted as the proxy: the client behind it is 203.0.113.5, who may
    // not read the metrics, and the proxy's word on TLS counts.
    let web = lotse_web::WebConfig {
        trusted_proxies: lotse_web::http::proxy::TrustedProxies::parse(&["127.0.0.1", "::1"])
            .unwrap(),
        ..lotse_web::WebConfig::default()
    };
    let behind = TestApp::spawn_with(backends()[0], true, web).await;
    assert_eq!(metrics_status(&behind, "203.0.113.5").await, 403);
    // A client that writes its own header in front gains nothing: the proxy's entry
    // (the right-most) counts.
    assert_eq!(metrics_status(&behind, "127.0.0.1, 203.0.113.5").await, 403);
    assert_eq!(behind.text("/metrics").await.0, 200);
    let cookie = login_cookie(&behind, &from_client).await;
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn static_files_are_linked_by_fingerprint_and_then_kept_for_a_year() {
    let app = TestApp::spawn(backends()[0], false).await;
    let (_, html) = app.text("/").await;
    let link = common::stylesheet_link(&html);
    let r = app.get(&link).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // An old fingerprint, or none, is not promised to stay.
    for other in ["/static/lotse.css?v=0000", "/static/lotse.css"] {
        let r = app.get(other).await;
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=3600",
            "{other}"
        );
    }
}

/// The operator's templates for the certificate and the check report: checked at
/// start (a mistake stops it, naming line and column), then used.
#[tokio::test]
async fn the_operators_templates_are_checked_at_start_and_used() {
    let dir = std::env::temp_dir().join(format!("lotse-site-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(dir.join("vorlagen")).unwrap();
    std::fs::write(dir.join("site.toml"), "name = \"Zentrum Nord\"\n").unwrap();
    std::fs::write(dir.join("impressum.md"), "Zentrum Nord").unwrap();
    std::fs::write(dir.join("datenschutz.md"), "Wir schützen Daten.").unwrap();
    let template = dir.join("vorlagen/zertifikat.typ");
    let own = lotse_documents::certificate::TEMPLATE
        .replace("title: \"Zertifikat\"", "title: \"Teilnahmebescheinigung\"");
    std::fs::write(
        &template,
        own.replace(
            "#let holder = inputs.at(\"holder\", default: \"\")",
            "#let holder = inputs.holdr",
        ),
    )
    .unwrap();
    let refused = Site::load(&dir).err().unwrap_or_default();
    assert!(
        refused.contains("zertifikat.typ")
            && refused.contains("vorlage.typ:")
            && refused.contains("holdr"),
        "{refused}"
    );
    std::fs::write(&template, &own).unwrap();
    // The check report's template likewise.
    let report = dir.join("vorlagen/check-bericht.typ");
    std::fs::write(&report, "= #sys.inputs.titel").unwrap();
    let refused = Site::load(&dir).err().unwrap_or_default();
    assert!(
        refused.contains("check-bericht.typ") && refused.contains("vorlage.typ:1:"),
        "{refused}"
    );
    let own_report =
        lotse_documents::check_report::TEMPLATE.replace("= #title", "= Zentrum Nord: #title");
    std::fs::write(&report, &own_report).unwrap();
    let site = Site::load(&dir).expect("loads");
    let _ = std::fs::remove_dir_all(&dir);
    let app = app_with_site(site).await;
    let id = signed_credential(&app).await;
    let pdf = app
        .get(&format!("/nachweise/{id}.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    if let Some(text) = common::pdf_text(&pdf) {
        assert!(text.contains("Teilnahmebescheinigung"), "{text}");
        assert!(text.contains("Zentrum Nord"), "{text}");
    }
    // A check result's report, as staff download it.
    let result: uuid::Uuid = lotse_store::on_reader!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM assessments WHERE status = 'completed' LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap()
    });
    let cookie = common::staff_cookie(&app.client, &app.base).await;
    let response = app
        .client
        .get(format!(
            "{}/api/v1/assessments/{result}/report.pdf",
            app.base
        ))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let report_pdf = response.bytes().await.unwrap();
    if let Some(text) = common::pdf_text(&report_pdf) {
        assert!(
            text.contains("Zentrum Nord: Digitalisierungs-Check"),
            "{text}"
        );
    }
}

/// The demo's credentials signed under a new key; one of them.
async fn signed_credential(app: &TestApp) -> uuid::Uuid {
    lotse_web::credentials::service::add_signing_key(&app.db, false)
        .await
        .unwrap();
    lotse_web::credentials::service::sign_pending(&app.state, 100)
        .await
        .unwrap();
    lotse_store::on_reader!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM credentials WHERE document IS NOT NULL LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap()
    })
}

/// The text of the credential `id`'s certificate, as anybody downloads it.
async fn certificate_text(app: &TestApp, id: uuid::Uuid) -> Option<String> {
    let pdf = app
        .get(&format!("/nachweise/{id}.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    common::pdf_text(&pdf)
}

#[tokio::test]
async fn staff_change_a_template_in_the_browser_only_after_it_renders_and_can_reset_it() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let credential = signed_credential(&app).await;
        let staff = common::staff_cookie(&app.client, &app.base).await;
        let (status, list) = app.text_as("/redaktion/vorlagen", &staff).await;
        assert_eq!(status, 200, "{backend:?}");
        assert_eq!(
            list.matches("die mitgelieferte Vorlage von lotse").count(),
            2,
            "{backend:?}: {list}"
        );
        let (status, _) = app.text_as("/redaktion/vorlagen/urkunde", &staff).await;
        assert_eq!(status, 404, "{backend:?}");
        let (status, form) = app.text_as("/redaktion/vorlagen/zertifikat", &staff).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(
            form.contains("inputs.at(&quot;holder&quot;")
                || form.contains("inputs.at(&#34;holder&#34;"),
            "{backend:?}: the form holds the template in use"
        );
        let own = lotse_documents::certificate::TEMPLATE
            .replace("title: \"Zertifikat\"", "title: \"Teilnahmebescheinigung\"");
        assert_ne!(own, lotse_documents::certificate::TEMPLATE);
        let body = |source: &str, action: &str| {
            form_urlencoded::Serializer::new(String::new())
                .append_pair("source", source)
                .append_pair("action", action)
                .finish()
        };

        // A template that does not render is refused with typst's line and column.
        let broken = own.replace(
            "#let holder = inputs.at(\"holder\", default: \"\")",
            "#let holder = inputs.holdr",
        );
        for action in ["save", "preview"] {
            let (status, _, page) = app
                .post_form(
                    "/redaktion/vorlagen/zertifikat",
                    &body(&broken, action),
                    Some(&staff),
                )
                .await;
            assert_eq!(status, 400, "{backend:?} {action}");
            assert!(
                page.contains("vorlage.typ:") && page.contains("holdr"),
                "{backend:?}: {page}"
            );
            assert!(page.contains("Nichts wurde gespeichert"), "{backend:?}");
        }
        let (status, _, page) = app
            .post_form(
                "/redaktion/vorlagen/zertifikat",
                &body("  ", "save"),
                Some(&staff),
            )
            .await;
        assert_eq!(status, 400, "{backend:?}");
        assert!(page.contains("Die Vorlage ist leer"), "{backend:?}");

        // The preview is the sample as PDF, and saves nothing.
        let response = app
            .client
            .post(format!("{}/redaktion/vorlagen/zertifikat", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &staff)
            .header("origin", app.base.clone())
            .body(body(&own, "preview"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{backend:?}");
        assert_eq!(
            response.headers()["content-type"],
            "application/pdf",
            "{backend:?}"
        );
        let preview = response.bytes().await.unwrap();
        if let Some(text) = common::pdf_text(&preview) {
            assert!(
                text.contains("Teilnahmebescheinigung") && text.contains("Erika Musterfrau"),
                "{text}"
            );
        }
        if let Some(text) = certificate_text(&app, credential).await {
            assert!(!text.contains("Teilnahmebescheinigung"), "{backend:?}");
        }

        // Saved, it makes every certificate from then on; the change is audited.
        let (status, location, _) = app
            .post_form(
                "/redaktion/vorlagen/zertifikat",
                &body(&own.replace('\n', "\r\n"), "save"),
                Some(&staff),
            )
            .await;
        assert_eq!(status, 303, "{backend:?}");
        let (_, page) = app.text_as(&location.unwrap(), &staff).await;
        assert!(
            page.contains("geprüft und gespeichert") && page.contains("die Fassung der Redaktion"),
            "{backend:?}"
        );
        if let Some(text) = certificate_text(&app, credential).await {
            assert!(
                text.contains("Teilnahmebescheinigung"),
                "{backend:?}: {text}"
            );
        }
        let stored = lotse_store::documents::template(&app.db, "zertifikat")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            stored.source, own,
            "{backend:?}: line ends as typst writes them"
        );
        let (_, list) = app.text_as("/redaktion/vorlagen", &staff).await;
        assert_eq!(
            list.matches("die mitgelieferte Vorlage von lotse").count(),
            1,
            "{backend:?}: the check report keeps its template"
        );

        // Reset: lotse's own template again.
        let (status, _, _) = app
            .post_form(
                "/redaktion/vorlagen/zertifikat/zuruecksetzen",
                "",
                Some(&staff),
            )
            .await;
        assert_eq!(status, 303, "{backend:?}");
        if let Some(text) = certificate_text(&app, credential).await {
            assert!(!text.contains("Teilnahmebescheinigung"), "{backend:?}");
        }
        let audited: Vec<String> = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar(
                "SELECT action FROM audit_log WHERE action LIKE 'document_template.%' ORDER BY id",
            )
            .fetch_all(pool)
            .await
            .unwrap()
        });
        assert_eq!(
            audited,
            ["document_template.saved", "document_template.reset"],
            "{backend:?}"
        );
    }
}
