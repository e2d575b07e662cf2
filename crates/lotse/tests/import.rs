//! Bulk import of offerings and sessions, on both backends: a Windows-1252 CSV with
//! semicolons and German dates tried, written and imported again (updates by external
//! id, sessions only added), an XLSX file with real date cells, the template read back
//! by an independent reader and imported as it is, every kind of bad file refused with
//! row and column and nothing written, partner scoping, and the pages' upload, dry
//! run and confirmation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, staff_cookie};
use lotse_core::accounts::{Membership, Role, Scope};
use serde_json::Value;
use uuid::Uuid;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A confirmed person with `roles`: their API token.
async fn token_of(app: &TestApp, roles: Vec<Membership>) -> String {
    common::person_with_token(app, roles).await.1
}

fn staff() -> Vec<Membership> {
    vec![Membership {
        role: Role::Staff,
        scope: Scope::Center,
    }]
}

/// Sends `file` to the import endpoint; status, content type and JSON answer.
async fn import(
    app: &TestApp,
    token: &str,
    file: Vec<u8>,
    content_type: &str,
    dry_run: bool,
    language: &str,
) -> (u16, String, Value) {
    let r = app
        .client
        .post(format!(
            "{}/api/v1/offerings/import?dry_run={dry_run}",
            app.base
        ))
        .bearer_auth(token)
        .header("content-type", content_type)
        .header("accept-language", language)
        .body(file)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let content_type = r.headers()["content-type"].to_str().unwrap().to_owned();
    let text = r.text().await.unwrap();
    (
        status,
        content_type,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Two partners' names and a place's name from the public API.
async fn names(app: &TestApp) -> (String, String, String) {
    let (_, _, partners) = app.json("/api/v1/partners").await;
    let (_, _, places) = app.json("/api/v1/places").await;
    let partner = |i: usize| partners["items"][i]["name"].as_str().unwrap().to_owned();
    (
        partner(0),
        partner(1),
        places["items"][0]["name"].as_str().unwrap().to_owned(),
    )
}

const HEADER: &str = "externe_id;partner;art;titel;kurzbeschreibung;beschreibung;lernziele;themen;zielgruppen;dauer_stunden;format;preis_eur;niveau;beginn;ende;ort;online_link;plaetze;einwahl";

/// A CSV as German Excel writes it: Windows-1252, semicolons, CR LF.
fn csv_1252(lines: &[String]) -> Vec<u8> {
    let text = lines.join("\r\n") + "\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn rows(partner: &str, place: &str, run: &str, title: &str) -> Vec<String> {
    vec![
        HEADER.to_owned(),
        format!(
            "IMP-{run}-1;{partner};workshop;{title};Kurz und bündig.;Ein Tag für Betriebe.;Abläufe erfassen | Werkzeuge wählen;strategie, arbeit-4-0;geschaeftsfuehrung;6;presence;49,50;basic;04.03.2027 09:00;04.03.2027 15:00;{place};;16"
        ),
        format!(
            "IMP-{run}-1;{partner};;;;;;;;;;;;15.04.2027 09:00 Uhr;15.04.2027 15:00;{place};;12"
        ),
        format!(
            "IMP-{run}-2;{partner};webinar;Daten nutzen im Betrieb;Online.;Zwei Stunden am Bildschirm.;Daten lesen;daten-ki;beschaeftigte;2;online;;basic;2027-05-06 10:00;2027-05-06 12:00;;https://meet.example.org/daten;100;+49 355 69 4000"
        ),
    ]
}

async fn offering(app: &TestApp, id: &str) -> Value {
    let (status, _, body) = app.json(&format!("/api/v1/offerings/{id}")).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_csv_is_tried_written_and_imported_again_as_an_update() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let token = token_of(&app, staff()).await;
        let (partner, _, place) = names(&app).await;
        let run = Uuid::now_v7().simple().to_string();
        let file = csv_1252(&rows(&partner, &place, &run, "Größere Prozesse digital"));

        // The dry run reports and writes nothing.
        let (status, _, dry) = import(&app, &token, file.clone(), "text/csv", true, "de").await;
        assert_eq!(status, 200, "{backend:?}: {dry}");
        assert_eq!(dry["dry_run"], true);
        assert_eq!(dry["applied"], false);
        assert_eq!(dry["offerings_created"], 2);
        assert_eq!(dry["sessions_created"], 3);
        assert_eq!(dry["rows"][1]["offering"], "as_in_row");
        assert_eq!(dry["rows"][1]["as_in_row"], 2);
        assert_eq!(dry["rows"][1]["row"], 3);
        let dry_id = dry["rows"][0]["offering_id"].as_str().unwrap().to_owned();
        let (status, _, _) = app.json(&format!("/api/v1/offerings/{dry_id}")).await;
        assert_eq!(status, 404, "{backend:?}: the dry run wrote the offering");

        // For real.
        let (status, _, done) = import(&app, &token, file, "text/csv", false, "de").await;
        assert_eq!(status, 200, "{backend:?}: {done}");
        assert_eq!(done["applied"], true);
        let first = done["rows"][0]["offering_id"].as_str().unwrap().to_owned();
        let second = done["rows"][2]["offering_id"].as_str().unwrap().to_owned();
        assert_eq!(done["rows"][1]["offering_id"].as_str().unwrap(), first);
        let o = offering(&app, &first).await;
        assert_eq!(o["title"], "Größere Prozesse digital", "{backend:?}");
        assert_eq!(o["price_cents"], 4950);
        assert_eq!(o["learning_outcomes"].as_array().unwrap().len(), 2);
        let starts: Vec<&str> = o["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["starts_at"].as_str().unwrap())
            .collect();
        // Berlin wall-clock times, winter time in March and summer time in April.
        assert!(starts.contains(&"2027-03-04T09:00:00+01:00"), "{starts:?}");
        assert!(starts.contains(&"2027-04-15T09:00:00+02:00"), "{starts:?}");
        let o2 = offering(&app, &second).await;
        assert_eq!(o2["price_cents"], 0);
        assert_eq!(o2["sessions"][0]["online"], true, "{o2}");
        // A phone number with its plus is a dial-in, not a formula.
        let online: Uuid = o2["sessions"][0]["id"].as_str().unwrap().parse().unwrap();
        let access = lotse_store::catalogue::session_access(&app.db, online)
            .await
            .unwrap();
        assert_eq!(
            access.and_then(|(_, _, dial_in)| dial_in).as_deref(),
            Some("+49 355 69 4000")
        );

        // The same file with a new title and one more session updates, adds the
        // session, and leaves the known ones as they are.
        let mut again = rows(&partner, &place, &run, "Prozesse digital, zweite Auflage");
        again.push(format!("IMP-{run}-2;{partner};;;;;;;;;;;;2027-06-10 10:00;2027-06-10 12:00;;https://meet.example.org/daten;100"));
        let (status, _, updated) =
            import(&app, &token, csv_1252(&again), "text/csv", false, "de").await;
        assert_eq!(status, 200, "{backend:?}: {updated}");
        assert_eq!(updated["offerings_created"], 0);
        assert_eq!(updated["offerings_updated"], 2);
        assert_eq!(updated["sessions_created"], 1);
        assert_eq!(updated["sessions_existing"], 3);
        assert_eq!(updated["rows"][0]["offering_id"].as_str().unwrap(), first);
        let o = offering(&app, &first).await;
        assert_eq!(o["title"], "Prozesse digital, zweite Auflage");
        assert_eq!(o["sessions"].as_array().unwrap().len(), 2);
        assert_eq!(
            offering(&app, &second).await["sessions"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
    }
}

#[tokio::test]
async fn bad_files_are_refused_with_row_and_column_and_nothing_is_written() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let token = token_of(&app, staff()).await;
        let (partner, _, place) = names(&app).await;
        let run = Uuid::now_v7().simple().to_string();

        // Missing columns: the file as a whole, in the reader's language.
        let (status, content_type, body) = import(
            &app,
            &token,
            b"externe_id;titel\nA;B\n".to_vec(),
            "text/csv",
            false,
            "en",
        )
        .await;
        assert_eq!(status, 400, "{backend:?}: {body}");
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(body["errors"][0]["field"], "file");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.starts_with("Columns are missing") && message.contains("kind"),
            "{message}"
        );

        // Rows with problems next to a good one: 422, each with row and column.
        let mut lines = rows(
            &partner,
            &place,
            &run,
            "=HYPERLINK(\"https://böse.example\")",
        );
        lines[3] = lines[3].replace("2027-05-06 10:00", "31.02.2027 10:00");
        lines.push(format!("IMP-{run}-3;{partner};workshop;Gut;Kurz.;Lang.;Eins;strategie;beschaeftigte;4;presence;1.200;basic;;;;;"));
        lines.push(format!("IMP-{run}-4;Niemand GmbH;workshop;Gut;Kurz.;Lang.;Eins;strategie;beschaeftigte;4;presence;;basic;2027-03-04 09:00;2027-03-04 12:00;Mond;;10"));
        lines.push(format!("IMP-{run}-5;{partner};workshop;Fehlerfrei;Kurz.;Lang.;Eins;strategie;beschaeftigte;4;presence;;basic;;;;;"));
        let (status, content_type, body) =
            import(&app, &token, csv_1252(&lines), "text/csv", false, "de").await;
        assert_eq!(status, 422, "{backend:?}: {body}");
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(body["status"], 422);
        let report = &body["report"];
        assert_eq!(report["applied"], false);
        let errors = |row: u64| -> Vec<(String, String)> {
            let r = report["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["row"] == row)
                .unwrap_or_else(|| panic!("row {row} in {report}"));
            r["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["column"].as_str().unwrap_or("").to_owned(),
                        e["message"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        };
        assert_eq!(errors(2)[0].0, "title", "{:?}", errors(2));
        assert!(errors(2)[0].1.contains("Formel"));
        assert!(
            errors(4)
                .iter()
                .any(|(c, m)| c == "starts_at" && m.contains("31.02.2027")),
            "{:?}",
            errors(4)
        );
        assert!(
            errors(5)
                .iter()
                .any(|(c, m)| c == "price_eur" && m.contains("mehrdeutig")),
            "{:?}",
            errors(5)
        );
        assert!(
            errors(6).iter().any(|(c, _)| c == "partner"),
            "{:?}",
            errors(6)
        );
        assert!(errors(7).is_empty());
        assert_eq!(report["rows_with_errors"], 4, "{report}");
        assert_eq!(
            errors(3),
            Vec::new(),
            "the second row of the formula's offering"
        );
        // Nothing of it was written, the good row included.
        let (_, _, alone) = import(
            &app,
            &token,
            csv_1252(&[HEADER.to_owned(), lines[6].clone()]),
            "text/csv",
            true,
            "de",
        )
        .await;
        assert_eq!(
            alone["rows"][0]["offering"], "created",
            "{backend:?}: {alone}"
        );

        // More than 10,000 rows.
        let mut many = vec![HEADER.to_owned()];
        many.extend((0..10_001).map(|i| {
            format!(
                "M-{i};{partner};workshop;T;S;D;O;strategie;beschaeftigte;1;presence;;basic;;;;;"
            )
        }));
        let (status, _, body) = import(
            &app,
            &token,
            many.join("\n").into_bytes(),
            "text/csv",
            true,
            "de",
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert!(body["detail"].as_str().unwrap().contains("10000"), "{body}");

        // Larger than 10 MB.
        let (status, content_type, body) = import(
            &app,
            &token,
            vec![b'a'; 10 * 1024 * 1024 + 1],
            "text/csv",
            true,
            "en",
        )
        .await;
        assert_eq!(status, 413, "{body}");
        assert_eq!(content_type, "application/problem+json");
        assert!(body["detail"].as_str().unwrap().contains("10 MB"), "{body}");

        // A broken spreadsheet.
        let (status, _, body) =
            import(&app, &token, b"PK\x03\x04broken".to_vec(), XLSX, true, "de").await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["errors"][0]["field"], "file");
    }
}

#[tokio::test]
async fn partner_editors_import_for_their_partner_and_learners_not_at_all() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (_, _, partners) = app.json("/api/v1/partners").await;
        let (mine, mine_name) = (
            partners["items"][0]["id"]
                .as_str()
                .unwrap()
                .parse::<Uuid>()
                .unwrap(),
            partners["items"][0]["name"].as_str().unwrap().to_owned(),
        );
        let other = partners["items"][1]["name"].as_str().unwrap().to_owned();
        let (_, _, place) = names(&app).await;
        let editor = token_of(
            &app,
            vec![Membership {
                role: Role::PartnerEditor,
                scope: Scope::Partner(mine),
            }],
        )
        .await;
        let run = Uuid::now_v7().simple().to_string();
        // No partner column needed: the editor's only partner is meant.
        let own: Vec<String> = rows("", &place, &run, "Eigenes Angebot")
            .into_iter()
            .map(|l| l.replacen(";;", ";", 1))
            .map(|l| l.replacen("partner;", "", 1))
            .collect();
        let (status, _, body) =
            import(&app, &editor, csv_1252(&own), "text/csv", false, "de").await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        let id = body["rows"][0]["offering_id"].as_str().unwrap();
        assert_eq!(
            offering(&app, id).await["partner"]["name"],
            mine_name.as_str()
        );

        let foreign = rows(&other, &place, &run, "Fremdes Angebot");
        let (status, _, body) =
            import(&app, &editor, csv_1252(&foreign), "text/csv", false, "de").await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["report"]["rows"][0]["errors"][0]["column"], "partner");

        let learner = token_of(&app, Vec::new()).await;
        let (status, _, body) =
            import(&app, &learner, csv_1252(&foreign), "text/csv", true, "de").await;
        assert_eq!(status, 403, "{body}");
    }
}

#[tokio::test]
async fn spreadsheets_with_date_cells_import_and_the_template_imports_as_it_is() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let token = token_of(&app, staff()).await;
        let (partner, _, place) = names(&app).await;
        let run = Uuid::now_v7().simple().to_string();

        // An XLSX with real date cells and numbers, the header in row 3.
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        let date_format = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy hh:mm");
        sheet.write_string(0, 0, "Angebote für 2027").unwrap();
        let header = [
            "external_id",
            "partner",
            "kind",
            "title",
            "summary",
            "description",
            "learning_outcomes",
            "topics",
            "audiences",
            "duration_hours",
            "format",
            "level",
            "starts_at",
            "ends_at",
            "place",
            "capacity",
            "price_eur",
        ];
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(2, c as u16, *h).unwrap();
        }
        let texts = [
            format!("X-{run}"),
            partner.clone(),
            "module".into(),
            "Tabellen lesen".into(),
            "Kurz.".into(),
            "Lang.".into(),
            "Eins\nZwei\nDrei".into(),
            "daten-ki".into(),
            "beschaeftigte".into(),
        ];
        for (c, t) in texts.iter().enumerate() {
            sheet.write_string(3, c as u16, t).unwrap();
        }
        sheet.write_number(3, 9, 8).unwrap();
        sheet.write_string(3, 10, "presence").unwrap();
        sheet.write_string(3, 11, "advanced").unwrap();
        let at = |d: &str| rust_xlsxwriter::ExcelDateTime::parse_from_str(d).unwrap();
        sheet
            .write_datetime_with_format(3, 12, at("2027-09-01 09:30:00"), &date_format)
            .unwrap();
        sheet
            .write_datetime_with_format(3, 13, at("2027-09-01 17:00:00"), &date_format)
            .unwrap();
        sheet.write_string(3, 14, &place).unwrap();
        sheet.write_number(3, 15, 20).unwrap();
        sheet.write_number(3, 16, 19.9).unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        let (status, _, body) = import(&app, &token, bytes, XLSX, false, "de").await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        assert_eq!(body["rows"][0]["row"], 4);
        let o = offering(&app, body["rows"][0]["offering_id"].as_str().unwrap()).await;
        assert_eq!(o["learning_outcomes"].as_array().unwrap().len(), 3);
        assert_eq!(o["price_cents"], 1990);
        assert_eq!(o["duration_hours"], 8);
        assert!(
            o["sessions"][0]["starts_at"]
                .as_str()
                .unwrap()
                .starts_with("2027-09-01T09:30:00+02:00"),
            "{o}"
        );

        // The templates, read by another reader, name every column and import as
        // they are (a dry run: their example is the importer's to replace).
        let cookie = staff_cookie(&app.client, &app.base).await;
        let fetch = |path: &'static str| {
            let (client, base, cookie) = (app.client.clone(), app.base.clone(), cookie.clone());
            async move {
                let r = client
                    .get(format!("{base}{path}"))
                    .header("cookie", cookie)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200, "{path}");
                assert!(
                    r.headers()["content-disposition"]
                        .to_str()
                        .unwrap()
                        .starts_with("attachment")
                );
                r.bytes().await.unwrap().to_vec()
            }
        };
        let xlsx = fetch("/redaktion/import/vorlage.xlsx").await;
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.clone())).unwrap();
        let names = book.sheet_names().to_vec();
        assert_eq!(names.len(), 2, "{names:?}");
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let first: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let expected: Vec<&str> = lotse_core::import::Column::ALL
            .iter()
            .map(|c| c.key())
            .collect();
        assert_eq!(first, expected);
        let csv = fetch("/redaktion/import/vorlage.csv").await;
        assert!(csv.starts_with(b"\xEF\xBB\xBFexternal_id;partner;kind"));
        for (file, content_type) in [(xlsx, XLSX), (csv, "text/csv")] {
            let (status, _, body) = import(&app, &token, file, content_type, true, "de").await;
            assert_eq!(status, 200, "{backend:?} {content_type}: {body}");
            assert_eq!(body["offerings_created"], 1);
            assert_eq!(body["sessions_created"], 2);
        }
    }
}

/// A multipart body with `file` as the field `file`.
fn multipart(file_name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = format!("lotse{}", Uuid::now_v7().simple());
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn the_pages_try_a_file_then_write_it_once_for_its_uploader_only() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let cookie = staff_cookie(&app.client, &app.base).await;
        let (partner, _, place) = names(&app).await;
        let run = Uuid::now_v7().simple().to_string();
        let page = |path: String| {
            let (client, cookie) = (app.client.clone(), cookie.clone());
            async move {
                let r = client
                    .get(path)
                    .header("cookie", cookie)
                    .send()
                    .await
                    .unwrap();
                (r.status().as_u16(), r.text().await.unwrap())
            }
        };
        let (status, html) = page(format!("{}/redaktion/import", app.base)).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("enctype=\"multipart/form-data\"")
                && html.contains("stornofrist_stunden")
        );

        let post = |path: String, content_type: String, body: Vec<u8>| {
            let (client, cookie, origin) = (app.client.clone(), cookie.clone(), app.base.clone());
            async move {
                let r = client
                    .post(path)
                    .header("cookie", cookie)
                    .header("origin", origin)
                    .header("content-type", content_type)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                let location = r
                    .headers()
                    .get("location")
                    .map(|l| l.to_str().unwrap().to_owned());
                (status, location, r.text().await.unwrap())
            }
        };
        // A file with a problem: the rows and no button.
        let mut bad = rows(&partner, &place, &run, "Seite");
        bad[2] = bad[2].replace("15.04.2027 09:00 Uhr", "gestern");
        let (content_type, body) = multipart("kurse.csv", &csv_1252(&bad));
        let (status, _, html) =
            post(format!("{}/redaktion/import", app.base), content_type, body).await;
        assert_eq!(status, 422, "{html}");
        assert!(
            html.contains("„gestern“") && !html.contains("Jetzt importieren"),
            "{html}"
        );

        // A good file: the dry run, then the confirmation.
        let (content_type, body) = multipart(
            "kurse.csv",
            &csv_1252(&rows(&partner, &place, &run, "Seite")),
        );
        let (status, _, html) =
            post(format!("{}/redaktion/import", app.base), content_type, body).await;
        assert_eq!(status, 200, "{html}");
        assert!(
            html.contains("kurse.csv") && html.contains("2 Angebote werden angelegt"),
            "{html}"
        );
        let action = html
            .split("action=\"/redaktion/import/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_owned();
        let confirm = format!("{}/redaktion/import/{action}", app.base);

        // Nobody else can confirm it.
        let other = app.another().await;
        let editor_cookie =
            common::demo_cookie(&other.client, &other.base, "partner@demo.lotse.de").await;
        let r = app
            .client
            .post(&confirm)
            .header("cookie", editor_cookie)
            .header("origin", app.base.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);

        let (status, location, _) = post(
            confirm.clone(),
            "application/x-www-form-urlencoded".into(),
            Vec::new(),
        )
        .await;
        assert_eq!(status, 303);
        let location = location.unwrap();
        assert_eq!(
            location,
            "/redaktion/import?angelegt=2&aktualisiert=0&termine=3"
        );
        let (_, html) = page(format!("{}{location}", app.base)).await;
        assert!(
            html.contains("Import abgeschlossen: 2 Angebote angelegt"),
            "{html}"
        );
        // Once only.
        let (status, _, _) = post(
            confirm,
            "application/x-www-form-urlencoded".into(),
            Vec::new(),
        )
        .await;
        assert_eq!(status, 404);

        // Without a file.
        let (content_type, body) = multipart("leer.csv", b"");
        let (status, _, html) =
            post(format!("{}/redaktion/import", app.base), content_type, body).await;
        assert_eq!(status, 400);
        assert!(html.contains("Bitte wählen Sie eine Datei aus."), "{html}");
    }
}
