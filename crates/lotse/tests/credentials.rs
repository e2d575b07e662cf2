//! Credentials from issue to revocation, checked by lotse and by others: the demo
//! learner's completed qualification yields Open Badges 3.0 credentials that lotse's
//! verifier, the Digital Credentials Consortium's verifier (npm, offline) and 1EdTech's
//! JSON schema accept; altered, truncated, re-signed and revoked ones fail with the
//! check they break. Both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, checker_ready, demo_cookie, person_with_token};
use lotse_core::accounts::{Membership, Role, Scope};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn e2e() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../e2e")
}

/// Whether the DCC verifier's npm packages are installed (`npm ci --prefix e2e`).
fn dcc_ready() -> bool {
    let installed = e2e()
        .join("node_modules/@digitalcredentials/verifier-core")
        .exists();
    checker_ready(
        "node",
        &["--version"],
        "node and `npm ci --prefix e2e` for the DCC verifier",
    ) && {
        if !installed {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "CI=true but e2e/node_modules lacks @digitalcredentials/verifier-core"
            );
            eprintln!("skipped: e2e/node_modules lacks the DCC verifier (npm ci --prefix e2e)");
        }
        installed
    }
}

/// Runs e2e/credential-check.mjs with `args` (file contents are written to temporary
/// files) and returns what it printed.
fn dcc(command: &str, document: &Value, status: Option<(&str, &str)>) -> String {
    let dir = std::env::temp_dir().join(format!("lotse-dcc-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("credential.json");
    std::fs::write(&file, serde_json::to_string(document).unwrap()).unwrap();
    let mut cmd = std::process::Command::new("node");
    cmd.current_dir(e2e())
        .arg("credential-check.mjs")
        .arg(command)
        .arg(&file);
    if let Some((url, list)) = status {
        let list_file = dir.join("status.json");
        std::fs::write(&list_file, list).unwrap();
        cmd.arg(url).arg(&list_file);
    }
    let out = cmd.output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "credential-check.mjs {command}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The DCC verifier's verdict on `credential`, with the status list `status` served.
fn dcc_verdict(credential: &Value, status: (&str, &str)) -> Value {
    let printed = dcc("verify", credential, Some(status));
    // The packages may log lines of their own; the verdict is the last.
    let last = printed
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|_| panic!("no verdict in {printed}"))
}

/// 1EdTech's schema for achievement credentials (tests/fixtures), checked with Python's
/// jsonschema (installed with the pinned checkers); the errors, empty when it passes.
fn schema_errors(document: &Value) -> Option<String> {
    if !checker_ready(
        "python3",
        &["-c", "import jsonschema"],
        "pip install -r .ci/requirements.txt",
    ) {
        return None;
    }
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ob_v3p0_achievementcredential_schema.json");
    let script = format!(
        "import json, sys, jsonschema\n\
         schema = json.load(open({:?}))\n\
         v = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)\n\
         for e in v.iter_errors(json.load(sys.stdin)): print(list(e.path), e.message)\n",
        schema.display().to_string()
    );
    Some(common::check_with(
        "python3",
        &["-c", &script],
        &serde_json::to_string(document).unwrap(),
    ))
}

async fn verify_given(app: &TestApp, document: &Value) -> Value {
    app.client
        .post(format!("{}/api/v1/credentials/verify", app.base))
        .json(document)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn failed(verification: &Value) -> Vec<String> {
    verification["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .map(|c| c["check"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_demo_learners_credentials_verify_here_and_elsewhere_until_revoked() {
    let independent = dcc_ready();
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        // Nothing is signed without a key; doctor would say so.
        assert_eq!(
            lotse_web::credentials::service::sign_pending(&app.state, 100)
                .await
                .unwrap(),
            0
        );
        let made = lotse_web::credentials::service::add_signing_key(&app.db, false)
            .await
            .unwrap();
        assert!(
            lotse_web::credentials::service::add_signing_key(&app.db, false)
                .await
                .is_err()
        );
        // Signed here or by the background signer, whichever comes first.
        lotse_web::credentials::service::sign_pending(&app.state, 100)
            .await
            .unwrap();
        let (signed, waiting): (i64, i64) = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_as(
                "SELECT COUNT(document), COUNT(*) - COUNT(document) FROM credentials",
            )
            .fetch_one(pool)
            .await
            .unwrap()
        });
        assert!(
            signed >= 4 && waiting == 0,
            "{backend:?}: {signed} signed, {waiting} waiting"
        );

        let cookie = demo_cookie(&app.client, &app.base, "learner@demo.lotse.de").await;
        let (status, mine) = app.text_as("/api/v1/me/credentials", &cookie).await;
        assert_eq!(status, 200);
        let mine: Value = serde_json::from_str(&mine).unwrap();
        let list = mine.as_array().unwrap();
        let qualification = list.iter().find(|c| c["kind"] == "qualification").unwrap();
        assert_eq!(qualification["status"], "valid", "{backend:?}: {mine}");
        assert!(list.iter().filter(|c| c["kind"] == "module").count() >= 3);
        let id = qualification["id"].as_str().unwrap().to_owned();

        // The credential as anyone downloads it.
        let response = app.get(&format!("/nachweise/{id}.json")).await;
        assert_eq!(response.headers()["content-type"], "application/ld+json");
        let credential: Value = response.json().await.unwrap();
        assert_eq!(
            credential["@context"],
            json!([
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            ])
        );
        assert_eq!(
            credential["type"],
            json!(["VerifiableCredential", "OpenBadgeCredential"])
        );
        assert_eq!(credential["issuer"]["id"], made.did.as_str());
        assert_eq!(
            credential["id"],
            format!("{}/nachweise/{id}", app.state.config.public_url)
        );
        let identity = &credential["credentialSubject"]["identifier"][0];
        assert_eq!(identity["hashed"], true);
        let recipient = lotse_credentials::badge::Recipient {
            identity_hash: identity["identityHash"].as_str().unwrap().to_owned(),
            salt: identity["salt"].as_str().unwrap().to_owned(),
        };
        assert!(recipient.is("learner@demo.lotse.de") && !recipient.is("company@demo.lotse.de"));
        assert_eq!(
            credential["credentialStatus"]["type"],
            "BitstringStatusListEntry"
        );
        assert_eq!(credential["proof"][0]["cryptosuite"], "eddsa-rdfc-2022");
        let description = credential["credentialSubject"]["achievement"]["description"]
            .as_str()
            .unwrap();
        assert!(description.contains("Stunden"), "{description}");
        if let Some(errors) = schema_errors(&credential) {
            assert_eq!(errors, "", "{backend:?}: 1EdTech's schema refuses it");
            let mut incomplete = credential.clone();
            incomplete["credentialSubject"]["achievement"]
                .as_object_mut()
                .unwrap()
                .remove("criteria");
            assert!(schema_errors(&incomplete).unwrap().contains("criteria"));
        }

        // lotse's verification: stored, and given in full.
        let (status, _, stored) = app.json(&format!("/api/v1/credentials/{id}/verify")).await;
        assert_eq!(
            (status, stored["status"].as_str()),
            (200, Some("valid")),
            "{backend:?}: {stored}"
        );
        assert_eq!(stored["checks"].as_array().unwrap().len(), 6);
        assert!(failed(&stored).is_empty());
        assert_eq!(verify_given(&app, &credential).await["status"], "valid");
        let text = serde_json::to_string(&credential).unwrap();
        let name = credential["name"].as_str().unwrap();
        let mut altered_name = name.to_owned();
        altered_name.push('!');
        let altered: Value = serde_json::from_str(&text.replacen(name, &altered_name, 1)).unwrap();
        let verdict = verify_given(&app, &altered).await;
        assert_eq!(
            (verdict["status"].as_str(), failed(&verdict)),
            (Some("invalid"), vec!["proof".to_owned()]),
            "{backend:?}: {verdict}"
        );
        let mut truncated = credential.clone();
        truncated
            .as_object_mut()
            .unwrap()
            .remove("credentialSubject");
        assert_eq!(failed(&verify_given(&app, &truncated).await)[0], "proof");
        let mut unknown = credential.clone();
        unknown["id"] = format!(
            "{}/nachweise/{}",
            app.state.config.public_url,
            uuid::Uuid::now_v7()
        )
        .into();
        assert_eq!(verify_given(&app, &unknown).await["status"], "unknown");
        // Re-signed by someone else under their own did:key: the proof holds, the key is
        // not the center's.
        let stranger = lotse_credentials::keys::SigningKey::from_seed([9; 32]);
        let mut forged = credential.clone();
        forged.as_object_mut().unwrap().remove("proof");
        forged["issuer"]["id"] = stranger.did().into();
        let forged = lotse_credentials::proof::sign(forged, &stranger, jiff::Timestamp::now())
            .await
            .unwrap();
        let verdict = verify_given(&app, &forged).await;
        assert_eq!(
            (verdict["status"].as_str(), failed(&verdict)),
            (Some("invalid"), vec!["issuer".to_owned()]),
            "{backend:?}: {verdict}"
        );

        // The status list: signed, the bit clear.
        let list_url = credential["credentialStatus"]["statusListCredential"]
            .as_str()
            .unwrap()
            .to_owned();
        let list_path = list_url
            .trim_start_matches(&app.state.config.public_url)
            .to_owned();
        let (status, list) = app.text(&list_path).await;
        assert_eq!(status, 200, "{backend:?}: {list_path}");
        let list_json: Value = serde_json::from_str(&list).unwrap();
        assert!(lotse_credentials::proof::verify(&list_json).await.is_ok());
        let index: usize = credential["credentialStatus"]["statusListIndex"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let bits = lotse_credentials::status::StatusList::decode(
            list_json["credentialSubject"]["encodedList"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(bits.is_set(index), Some(false));

        // Others' code: the DCC verifier accepts it, status included, and refuses the
        // altered copy; jsonld.js canonicalizes it exactly as lotse signed it.
        if independent {
            let verdict: Value = dcc_verdict(&credential, (&list_url, &list));
            assert_eq!(
                (verdict["signature"].as_bool(), verdict["status"].as_bool()),
                (Some(true), Some(true)),
                "{backend:?}: {verdict}"
            );
            let verdict: Value = dcc_verdict(&altered, (&list_url, &list));
            assert_eq!(verdict["signature"], false, "{backend:?}: {verdict}");
            let mut unsigned = credential.clone();
            unsigned.as_object_mut().unwrap().remove("proof");
            assert_eq!(
                dcc("canonize", &credential, None),
                lotse_credentials::proof::canonical_form(&unsigned)
                    .await
                    .unwrap(),
                "{backend:?}: jsonld.js and ssi part ways"
            );
        }

        // The certificate: tagged PDF with embedded fonts, saying who, what, which
        // modules with hours and dates, and where to verify it.
        let response = app.get(&format!("/nachweise/{id}.pdf")).await;
        assert_eq!(response.status().as_u16(), 200, "{backend:?}");
        assert_eq!(response.headers()["content-type"], "application/pdf");
        let pdf = response.bytes().await.unwrap().to_vec();
        if let Some(text) = common::pdf_text(&pdf) {
            for expected in [
                "Zertifikat",
                "Lena Lernende",
                "Fachkraft Logistik 4.0 im Mittelstand",
                "Stunden",
                "Teilgenommen am",
                &format!("/nachweise/{id}"),
            ] {
                assert!(
                    text.contains(expected),
                    "{backend:?}: {expected:?} not in {text}"
                );
            }
            let modules = credential["credentialSubject"]["achievement"]["description"]
                .as_str()
                .unwrap();
            assert!(modules.contains("Std."), "{modules}");
        }
        if let Some((info, fonts)) = common::pdf_info(&pdf) {
            assert!(info.contains("Tagged:          yes"), "{info}");
            assert!(
                info.contains("Title:           Zertifikat – Lena Lernende"),
                "{info}"
            );
            // Every font embedded (the `emb` column).
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(
                !rows.is_empty() && rows.iter().all(|r| r.contains(" yes ")),
                "{fonts}"
            );
        }

        // The public page says who achieved what, and that it holds.
        let (status, page) = app.text(&format!("/nachweise/{id}")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("Gültig") && page.contains("Fachkraft Logistik 4.0"),
            "{backend:?}"
        );
        let (status, page) = app
            .text(&format!("/nachweise/{}", uuid::Uuid::now_v7()))
            .await;
        assert_eq!(status, 404);
        assert!(page.contains("Unbekannt"));

        // Revocation: staff only, with a reason; everyone sees it.
        let staff_token = person_with_token(
            &app,
            vec![Membership {
                role: Role::Staff,
                scope: Scope::Center,
            }],
        )
        .await
        .1;
        let revoke = |token: String, body: Value| {
            let app = &app;
            let id = id.clone();
            async move {
                app.client
                    .post(format!("{}/api/v1/credentials/{id}/revocation", app.base))
                    .bearer_auth(token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        };
        let learner_token = person_with_token(&app, Vec::new()).await.1;
        assert_eq!(
            revoke(learner_token, json!({ "reason": "Nein" })).await,
            403
        );
        assert_eq!(
            revoke(staff_token.clone(), json!({ "reason": "  " })).await,
            400
        );
        assert_eq!(
            revoke(
                staff_token.clone(),
                json!({ "reason": "Stunden falsch erfasst" })
            )
            .await,
            204
        );
        assert_eq!(
            revoke(staff_token.clone(), json!({ "reason": "Noch einmal" })).await,
            409
        );
        let (_, _, stored) = app.json(&format!("/api/v1/credentials/{id}/verify")).await;
        assert_eq!(stored["status"], "revoked", "{backend:?}: {stored}");
        assert!(
            stored["checks"]
                .to_string()
                .contains("Stunden falsch erfasst")
        );
        let (_, list) = app.text(&list_path).await;
        if independent {
            let verdict: Value = dcc_verdict(&credential, (&list_url, &list));
            assert_eq!(
                (verdict["signature"].as_bool(), verdict["status"].as_bool()),
                (Some(true), Some(false)),
                "{backend:?}: the DCC verifier reads the revocation: {verdict}"
            );
        }
        let (_, page) = app.text(&format!("/nachweise/{id}")).await;
        assert!(page.contains("Widerrufen") && page.contains("Stunden falsch erfasst"));
        assert!(
            !page.contains(".pdf\""),
            "no certificate for a revoked credential"
        );
        assert_eq!(
            app.get(&format!("/nachweise/{id}.pdf"))
                .await
                .status()
                .as_u16(),
            404
        );

        // Reissued after the correction: a new credential, the old one points to it.
        let reissued: Value = app
            .client
            .post(format!("{}/api/v1/credentials/{id}/reissue", app.base))
            .bearer_auth(&staff_token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let new = reissued["id"].as_str().unwrap().to_owned();
        let (_, _, verdict) = app.json(&format!("/api/v1/credentials/{new}/verify")).await;
        assert_eq!(verdict["status"], "valid", "{backend:?}: {verdict}");
        let (_, page) = app.text(&format!("/nachweise/{id}")).await;
        assert!(page.contains(&format!("/nachweise/{new}")));

        // A rotated key keeps verifying what it signed.
        let rotated = lotse_web::credentials::service::add_signing_key(&app.db, true)
            .await
            .unwrap();
        assert_eq!(
            rotated
                .retired
                .as_deref()
                .map(lotse_credentials::keys::did_of),
            Some(made.did.as_str())
        );
        // (Given in full: the rotation happened behind the shared anonymous answers.)
        let (_, _, reissued_credential) = app.json(&format!("/nachweise/{new}.json")).await;
        let verdict = verify_given(&app, &reissued_credential).await;
        assert_eq!(verdict["status"], "valid", "{backend:?}: {verdict}");
        assert!(
            verdict["checks"].to_string().contains("früheren Schlüssel"),
            "{verdict}"
        );

        // A status list altered where it is kept fails its own signature.
        lotse_store::on_writer!(&app.db, pool => {
            sqlx::query("UPDATE status_lists SET document = REPLACE(document, 'BitstringStatusList\"', 'BitstringStatusList \"')")
                .execute(pool)
                .await
                .unwrap();
        });
        let verdict = verify_given(&app, &reissued_credential).await;
        assert_eq!(
            (verdict["status"].as_str(), failed(&verdict)),
            (
                Some("invalid"),
                vec!["status_list".to_owned(), "status".to_owned()]
            ),
            "{backend:?}: {verdict}"
        );
    }
}
