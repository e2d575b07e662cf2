//! A database that cannot be reached (restarting, failing over, every connection
//! gone) answers 503 with `Retry-After`, as problem+json under `/api/` and as a page
//! elsewhere, in the reader's language; never 500.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};

#[tokio::test]
async fn without_its_database_lotse_says_try_again_shortly() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        // Every connection goes away, as in a restart.
        app.db.close().await;
        let r = app
            .client
            .get(format!("{}/api/v1/me", app.base))
            .bearer_auth("lotse_irgendein_token")
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 503, "{backend:?}");
        assert_eq!(r.headers()["retry-after"], "5");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let problem: serde_json::Value = r.json().await.unwrap();
        assert_eq!(problem["title"], "Temporarily unavailable", "{problem}");
        let r = app
            .client
            .get(format!("{}/konto", app.base))
            .header("cookie", "lotse_session=irgendwas")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 503);
        assert_eq!(r.headers()["retry-after"], "5");
        let page = r.text().await.unwrap();
        assert!(page.contains("Gleich wieder da"), "{page}");
        let (status, _) = app.text("/readyz").await;
        assert_eq!(status, 503);
    }
}
