//! The funder's figures on hand-built data in a year the demo never touches (2019):
//! attended, no-show, cancelled registrations, a cancelled session, a company that
//! moved county within the year, a large company, a person without company, an erased
//! person; each figure checked against what the data says and against the SQL that
//! docs/reporting.md gives. Both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, people};
use lotse_core::accounts::{Role, Scope};
use serde_json::Value;
use uuid::Uuid;

/// Seconds of a Berlin wall-clock time in 2019.
fn at(month: i8, day: i8, hour: i8) -> i64 {
    jiff::civil::date(2019, month, day)
        .at(hour, 0, 0, 0)
        .to_zoned(lotse_core::catalogue::berlin())
        .unwrap()
        .timestamp()
        .as_second()
}

async fn company(app: &TestApp, county: &str, staff: i64) -> Uuid {
    let id = Uuid::now_v7();
    lotse_store::on_writer!(&app.db, pool => {
        sqlx::query("INSERT INTO companies (id, name, sector, staff_count, county, created_at) VALUES ($1, $2, 'C', $3, $4, 0)")
            .bind(id)
            .bind(format!("Bericht GmbH {id}"))
            .bind(staff)
            .bind(county)
            .execute(pool)
            .await
            .unwrap();
    });
    id
}

async fn session(app: &TestApp, offering: Uuid, starts: i64, status: &str) -> Uuid {
    let id = Uuid::now_v7();
    lotse_store::on_writer!(&app.db, pool => {
        sqlx::query(
            "INSERT INTO sessions (id, offering_id, starts_at, ends_at, registration_deadline, online_link, capacity, status, created_at)
             VALUES ($1, $2, $3, $4, $3, 'https://konferenz.example.org/b', 20, $5, 0)",
        )
        .bind(id)
        .bind(offering)
        .bind(starts)
        .bind(starts + 4 * 3600)
        .bind(status)
        .execute(pool)
        .await
        .unwrap();
    });
    id
}

async fn registration(
    app: &TestApp,
    session: Uuid,
    person: Uuid,
    company: Option<Uuid>,
    status: &str,
) {
    lotse_store::on_writer!(&app.db, pool => {
        sqlx::query(
            "INSERT INTO registrations (id, session_id, person_id, status, created_at, updated_at, company_id)
             VALUES ($1, $2, $3, $4, 0, 0, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(session)
        .bind(person)
        .bind(status)
        .bind(company)
        .execute(pool)
        .await
        .unwrap();
    });
}

/// The figures as a staff member reads them.
async fn kpis(app: &TestApp, token: &str, query: &str) -> (u16, Value) {
    let response = app
        .client
        .get(format!("{}/api/v1/reports/kpis?{query}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn row<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key} in {report}"))
}

/// The SQL of docs/reporting.md for the whole period: (SMEs reached, participants,
/// participant-hours, sessions held, offerings run).
async fn by_the_docs(app: &TestApp, from: i64, until: i64, now: i64) -> [i64; 5] {
    lotse_store::on_reader!(&app.db, pool => {
        let participations = "FROM registrations r
             JOIN sessions s ON s.id = r.session_id
             JOIN offerings o ON o.id = s.offering_id
             LEFT JOIN companies c ON c.id = r.company_id
             LEFT JOIN company_history h ON h.company_id = r.company_id
                 AND h.valid_until = (SELECT MIN(valid_until) FROM company_history
                                      WHERE company_id = r.company_id AND valid_until > s.starts_at)
             WHERE r.status = 'attended' AND s.status <> 'cancelled'
               AND s.starts_at >= $1 AND s.starts_at < $2";
        let smes: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(DISTINCT r.company_id) {participations}
               AND COALESCE(h.staff_count, c.staff_count) < 250"
        )))
        .bind(from).bind(until).fetch_one(pool).await.unwrap();
        let people: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(DISTINCT r.person_id) {participations}"
        )))
        .bind(from).bind(until).fetch_one(pool).await.unwrap();
        let hours: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT CAST(COALESCE(SUM(o.duration_hours), 0) AS BIGINT) {participations}"
        )))
        .bind(from).bind(until).fetch_one(pool).await.unwrap();
        let (sessions, offerings): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT s.offering_id) FROM sessions s
             WHERE s.status <> 'cancelled' AND s.starts_at >= $1 AND s.starts_at < $2 AND s.ends_at <= $3",
        )
        .bind(from).bind(until).bind(now).fetch_one(pool).await.unwrap();
        [smes, people, hours, sessions, offerings]
    })
}

#[tokio::test]
async fn every_figure_follows_the_rows_and_the_documented_sql() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = common::person_with_token(
            &app,
            vec![lotse_core::accounts::Membership {
                role: lotse_core::accounts::Role::Staff,
                scope: lotse_core::accounts::Scope::Center,
            }],
        )
        .await
        .1;
        let offerings: Vec<(Uuid, i64)> = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_as("SELECT id, duration_hours FROM offerings ORDER BY title LIMIT 2")
                .fetch_all(pool)
                .await
                .unwrap()
        });
        let ((o1, h1), (o2, h2)) = (offerings[0], offerings[1]);
        let cottbus = company(&app, "12052", 12).await;
        let large = company(&app, "12054", 300).await;
        // Moved on 1 June 2019 from Dahme-Spreewald to Barnim.
        let moved = company(&app, "12060", 5).await;
        lotse_store::on_writer!(&app.db, pool => {
            sqlx::query("INSERT INTO company_history (company_id, valid_until, county, sector, staff_count) VALUES ($1, $2, '12061', 'C', 5)")
                .bind(moved)
                .bind(at(6, 1, 0))
                .execute(pool)
                .await
                .unwrap();
        });
        let p: Vec<Uuid> = people(&app.db, 7, None)
            .await
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let march = session(&app, o1, at(3, 12, 9), "planned").await;
        let called_off = session(&app, o1, at(7, 1, 9), "cancelled").await;
        let august = session(&app, o2, at(8, 5, 9), "planned").await;
        let next_year = session(&app, o2, at(12, 31, 23) + 7200, "planned").await;
        // Held, but nobody came: it counts as held all the same.
        session(&app, o1, at(10, 7, 9), "planned").await;
        registration(&app, march, p[0], Some(cottbus), "attended").await;
        registration(&app, march, p[1], Some(cottbus), "attended").await;
        registration(&app, march, p[2], Some(large), "attended").await;
        registration(&app, march, p[3], Some(moved), "attended").await;
        registration(&app, march, p[4], None, "no_show").await;
        registration(&app, march, p[5], Some(cottbus), "cancelled").await;
        registration(&app, called_off, p[0], Some(cottbus), "attended").await;
        registration(&app, august, p[0], Some(cottbus), "attended").await;
        registration(&app, august, p[3], Some(moved), "attended").await;
        registration(&app, august, p[6], None, "attended").await;
        registration(&app, next_year, p[1], Some(cottbus), "attended").await;
        // An erased person keeps counting.
        lotse_store::accounts::erase_person(&app.db, p[1], 0, &|| "x".into())
            .await
            .unwrap();

        let year = "from=2019-01-01&to=2019-12-31";
        let (status, total) = kpis(&app, &staff, &format!("{year}&group_by=county")).await;
        assert_eq!(status, 200, "{backend:?}: {total}");
        let t = &total["total"];
        assert_eq!(
            [
                &t["smes_reached"],
                &t["participants"],
                &t["participant_hours"],
                &t["sessions_held"],
                &t["offerings_run"]
            ],
            [2, 5, 4 * h1 + 3 * h2, 3, 2].map(Value::from).each_ref(),
            "{backend:?}: {t}"
        );
        assert_eq!(total["suppressed"], false, "staff see every figure");
        let documented = by_the_docs(
            &app,
            at(1, 1, 0),
            at(12, 31, 0) + 86_400,
            lotse_store::now_seconds(),
        )
        .await;
        assert_eq!(
            documented.map(Value::from),
            [
                t["smes_reached"].clone(),
                t["participants"].clone(),
                t["participant_hours"].clone(),
                t["sessions_held"].clone(),
                t["offerings_run"].clone()
            ],
            "{backend:?}: the dashboard and docs/reporting.md agree"
        );
        // County as it was on the day: the moved company in both counties.
        let people_in = |key: &str| row(&total, key)["figures"]["participants"].clone();
        assert_eq!(people_in("12052"), 2, "{backend:?}");
        assert_eq!(people_in("12054"), 1, "{backend:?}");
        assert_eq!(people_in("12061"), 1, "{backend:?}: before the move");
        assert_eq!(people_in("12060"), 1, "{backend:?}: after the move");
        assert_eq!(people_in("none"), 1, "{backend:?}");
        assert_eq!(
            row(&total, "12054")["figures"]["smes_reached"],
            0,
            "{backend:?}: a large company is no SME"
        );
        assert_eq!(
            row(&total, "12052")["figures"]["sessions_held"],
            Value::Null,
            "{backend:?}: sessions have no county"
        );
        assert_eq!(row(&total, "12052")["label"], "Cottbus");

        let (_, by_month) = kpis(&app, &staff, &format!("{year}&group_by=month")).await;
        assert_eq!(by_month["rows"].as_array().unwrap().len(), 12);
        assert_eq!(row(&by_month, "2019-03")["figures"]["participants"], 4);
        assert_eq!(row(&by_month, "2019-03")["label"], "März 2019");
        assert_eq!(row(&by_month, "2019-07")["figures"]["sessions_held"], 0);
        assert_eq!(row(&by_month, "2019-10")["figures"]["sessions_held"], 1);
        assert_eq!(row(&by_month, "2019-10")["figures"]["participants"], 0);
        assert_eq!(row(&by_month, "2019-08")["figures"]["participants"], 3);
        let (_, by_partner) = kpis(&app, &staff, &format!("{year}&group_by=size_class")).await;
        assert_eq!(
            row(&by_partner, "large")["figures"]["smes_reached"],
            Value::Null
        );
        assert_eq!(row(&by_partner, "micro")["figures"]["participants"], 1);

        // The same figures as CSV, read back.
        let csv = app
            .client
            .get(format!(
                "{}/api/v1/reports/kpis?{year}&group_by=county&format=csv",
                app.base
            ))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap();
        assert_eq!(
            csv.headers()["content-type"],
            "text/csv; charset=utf-8",
            "{backend:?}"
        );
        let body = csv.text().await.unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let cottbus_line = records.iter().find(|r| &r[0] == "12052").unwrap();
        assert_eq!(&cottbus_line[3], "2", "{backend:?}: {cottbus_line:?}");
        let total_line = records.last().unwrap();
        assert_eq!(&total_line[1], "Gesamt");
        assert_eq!(&total_line[3], "5");

        // XLSX: a definitions sheet and one per breakdown, opened and read back.
        let xlsx = app
            .client
            .get(format!(
                "{}/api/v1/reports/kpis?{year}&format=xlsx",
                app.base
            ))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
        use calamine::Reader;
        let names = book.sheet_names();
        assert_eq!(names.len(), 10, "{names:?}");
        assert_eq!(names[0], "Definitionen");
        let county = book.worksheet_range("nach Landkreis").unwrap();
        let cottbus_row = county.rows().find(|r| r[0] == "12052").unwrap();
        assert_eq!(cottbus_row[3].to_string(), "2", "{backend:?}");

        // Bad input: a clear 400 naming the field, never a 500.
        for (query, field) in [
            ("group_by=landkreis", "group_by"),
            ("from=2019-12-31&to=2019-01-01", "to"),
            ("from=2019-02-30&to=2019-03-01", "from"),
            ("from=1990-01-01&to=2019-01-01", "from"),
            ("from=2000-01-01&to=2019-01-01", "to"),
            ("format=pdf", "format"),
            ("from=2019-01-01&to=2019-12-31&from=x", "query"),
        ] {
            let (status, problem) = kpis(&app, &staff, query).await;
            assert_eq!(status, 400, "{backend:?} {query}: {problem}");
            assert_eq!(problem["errors"][0]["field"], field, "{backend:?} {query}");
        }
        // The funder reads the same period with small cells suppressed: 4 as "< 5",
        // 5 shown.
        let funder = common::person_with_token(
            &app,
            vec![lotse_core::accounts::Membership {
                role: lotse_core::accounts::Role::Funder,
                scope: lotse_core::accounts::Scope::Center,
            }],
        )
        .await
        .1;
        let (status, seen) = kpis(&app, &funder, &format!("{year}&group_by=month")).await;
        assert_eq!(status, 200, "{backend:?}: {seen}");
        assert_eq!(seen["suppressed"], true);
        assert_eq!(seen["total"]["participants"], 5, "{backend:?}: 5 is shown");
        let march = &row(&seen, "2019-03")["figures"];
        assert_eq!(march["participants"], Value::Null, "{backend:?}: 4 is not");
        assert!(
            march["suppressed"]
                .as_array()
                .unwrap()
                .contains(&Value::from("participants")),
            "{backend:?}: {march}"
        );
        // A social partner reads its own partner's reach, never another's.
        let partners: Vec<Uuid> = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT partner_id FROM offerings WHERE id = $1 OR id = $2")
                .bind(o1)
                .bind(o2)
                .fetch_all(pool)
                .await
                .unwrap()
        });
        let social = common::person_with_token(
            &app,
            vec![lotse_core::accounts::Membership {
                role: lotse_core::accounts::Role::SocialPartner,
                scope: lotse_core::accounts::Scope::Partner(partners[0]),
            }],
        )
        .await
        .1;
        let (status, own) = kpis(&app, &social, year).await;
        assert_eq!(status, 200, "{backend:?}: {own}");
        assert_eq!(own["partner"], partners[0].to_string());
        assert_eq!(own["suppressed"], true);
        let other = Uuid::now_v7();
        let (status, _) = kpis(&app, &social, &format!("{year}&partner={other}")).await;
        assert_eq!(
            status, 404,
            "{backend:?}: another partner's reach is hidden"
        );
        // A learner may not read the figures.
        let learner = common::person_with_token(&app, Vec::new()).await.1;
        let (status, _) = kpis(&app, &learner, year).await;
        assert_eq!(status, 403, "{backend:?}");
        let anonymous = app
            .get(&format!("/api/v1/reports/kpis?{year}"))
            .await
            .status()
            .as_u16();
        assert_eq!(anonymous, 401, "{backend:?}");
    }
}

#[tokio::test]
async fn a_company_that_moves_keeps_its_old_county_for_the_time_before() {
    for backend in backends() {
        let app = TestApp::spawn(backend, false).await;
        let id = company(&app, "12052", 12).await;
        let change = |county: &str, staff: u32| lotse_store::accounts::NewCompany {
            name: "Umzug GmbH".into(),
            sector: 'C',
            staff_count: staff,
            county: county.into(),
            address: None,
        };
        // Only the name changes: nothing to remember.
        assert!(
            lotse_store::accounts::update_company(&app.db, id, &change("12052", 12))
                .await
                .unwrap()
        );
        assert!(
            lotse_store::accounts::update_company(&app.db, id, &change("12054", 12))
                .await
                .unwrap()
        );
        let kept: Vec<(String, i64)> = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_as("SELECT county, staff_count FROM company_history WHERE company_id = $1")
                .bind(id)
                .fetch_all(pool)
                .await
                .unwrap()
        });
        assert_eq!(kept, [("12052".to_owned(), 12)], "{backend:?}");
    }
}

async fn check(app: &TestApp, company: Option<Uuid>, ordinal: Option<i64>, overall: f64, at: i64) {
    lotse_store::on_writer!(&app.db, pool => {
        sqlx::query(
            "INSERT INTO assessments (id, questionnaire_version, company_id, status, answers, importance,
                                      overall, created_at, updated_at, completed_at, ordinal)
             VALUES ($1, '1', $2, 'completed', '{}', '{}', $3, $4, $4, $4, $5)",
        )
        .bind(Uuid::new_v4())
        .bind(company)
        .bind(overall)
        .bind(at)
        .bind(ordinal)
        .execute(pool)
        .await
        .unwrap();
    });
}

/// A token of a new person with one role.
async fn person(app: &TestApp, role: Role, scope: Scope) -> String {
    common::person_with_token(app, vec![lotse_core::accounts::Membership { role, scope }])
        .await
        .1
}

/// The dashboard page as the bearer of `token` reads it.
async fn dashboard(app: &TestApp, token: Option<&str>, query: &str) -> (u16, String) {
    let mut request = app.client.get(format!("{}/auswertung?{query}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let r = request.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_dashboard_shows_the_apis_figures_the_map_and_the_checks_change_to_each_viewer() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let staff = person(&app, Role::Staff, Scope::Center).await;
        let funder = person(&app, Role::Funder, Scope::Center).await;
        let (offering, partner): (Uuid, Uuid) = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_as("SELECT id, partner_id FROM offerings ORDER BY title LIMIT 1")
                .fetch_one(pool)
                .await
                .unwrap()
        });
        let social = person(&app, Role::SocialPartner, Scope::Partner(partner)).await;
        let cottbus = [
            company(&app, "12052", 12).await,
            company(&app, "12052", 30).await,
        ];
        let barnim = company(&app, "12060", 4).await;
        let march = session(&app, offering, at(3, 12, 9), "planned").await;
        let p: Vec<Uuid> = people(&app.db, 6, None)
            .await
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for (n, id) in p.iter().enumerate() {
            let company = match n {
                0..=2 => cottbus[0],
                3 | 4 => cottbus[1],
                _ => barnim,
            };
            registration(&app, march, *id, Some(company), "attended").await;
        }
        // Checks: the first Cottbus company from 40 (2018) to 55, the Barnim one from
        // 50 to 45 within 2019, and one anonymous check: 4 done, change (15 − 5) / 2.
        check(
            &app,
            Some(cottbus[0]),
            Some(1),
            40.0,
            at(1, 1, 0) - 200 * 86_400,
        )
        .await;
        check(&app, Some(cottbus[0]), Some(2), 55.0, at(5, 2, 10)).await;
        check(&app, Some(barnim), Some(1), 50.0, at(2, 4, 10)).await;
        check(&app, Some(barnim), Some(2), 45.0, at(10, 8, 10)).await;
        check(&app, None, None, 70.0, at(6, 6, 10)).await;

        let year = "from=2019-01-01&to=2019-12-31";
        let (status, page) = dashboard(&app, Some(&staff), year).await;
        assert_eq!(status, 200, "{backend:?}: {page}");
        let (_, api) = kpis(&app, &staff, &format!("{year}&group_by=county")).await;
        assert_eq!(row(&api, "12052")["figures"]["smes_reached"], 2);
        assert_eq!(row(&api, "12060")["figures"]["smes_reached"], 1);
        // The map: every county once, Cottbus darker than Barnim, the figure in its title.
        assert_eq!(page.matches("<path class=\"county ").count(), 18);
        let shade = |name: &str| shade_of(&page, name);
        assert_eq!(shade("Cottbus"), "county shade-2", "{backend:?}");
        assert_eq!(shade("Barnim"), "county shade-1", "{backend:?}");
        assert_eq!(shade("Prignitz"), "county shade-0", "{backend:?}");
        assert!(page.contains("<title>Cottbus: 2</title>"), "{backend:?}");
        // The tiles: the API's totals, the checks and their change.
        let tile = |page: &str, name: &str| {
            let end = page
                .find(&format!("<span class=\"tile-name\">{name}"))
                .unwrap_or_else(|| panic!("no tile {name}"));
            let start = page[..end].rfind("<span class=\"tile-value\">").unwrap();
            page[start + "<span class=\"tile-value\">".len()..end]
                .split("</span>")
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(tile(&page, "Teilnehmende"), "6");
        assert_eq!(tile(&page, "Erreichte KMU"), "3");
        assert_eq!(tile(&page, "Digitalisierungs-Checks"), "4");
        assert_eq!(
            tile(&page, "Veränderung im Check (Punkte; 2 Unternehmen)"),
            "+5,0",
            "{backend:?}"
        );
        // The SQL of docs/reporting.md says the same.
        let (change, companies): (Option<f64>, i64) = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_as(
                "SELECT AVG(latest.overall - first.overall), COUNT(*)
                 FROM assessments latest
                 JOIN assessments first ON first.company_id = latest.company_id AND first.ordinal = 1
                 WHERE latest.status = 'completed' AND latest.ordinal > 1
                   AND latest.completed_at >= $1 AND latest.completed_at < $2
                   AND NOT EXISTS (SELECT 1 FROM assessments later
                                   WHERE later.company_id = latest.company_id AND later.ordinal > latest.ordinal
                                     AND later.completed_at < $2)",
            )
            .bind(at(1, 1, 0))
            .bind(at(12, 31, 0) + 86_400)
            .fetch_one(pool)
            .await
            .unwrap()
        });
        assert_eq!((change, companies), (Some(5.0), 2), "{backend:?}");
        assert!(page.contains("format=xlsx"), "the export is linked");
        assert!(
            page.contains("GeoBasis-DE / BKG"),
            "the map's source is named"
        );

        // The funder: small figures hidden, on the map too.
        let (status, page) = dashboard(&app, Some(&funder), year).await;
        assert_eq!(status, 200);
        let page = page.replace("&#60;", "<");
        assert_eq!(tile(&page, "Erreichte KMU"), "< 5");
        assert_eq!(tile(&page, "Teilnehmende"), "6");
        assert_eq!(tile(&page, "Digitalisierungs-Checks"), "< 5");
        assert_eq!(
            tile(&page, "Veränderung im Check (Punkte; < 5 Unternehmen)"),
            "< 5"
        );
        assert_eq!(shade_of(&page, "Cottbus"), "county shade-hidden");
        // A social partner reads its partner's reach without checks; another's is 404.
        let (status, page) = dashboard(&app, Some(&social), year).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(!page.contains("Digitalisierungs-Checks</span>"));
        let (status, _) = dashboard(
            &app,
            Some(&social),
            &format!("{year}&partner={}", Uuid::now_v7()),
        )
        .await;
        assert_eq!(status, 404);
        let (status, _) = dashboard(&app, Some(&staff), &format!("{year}&partner=kein")).await;
        assert_eq!(status, 404);
        // Bad periods are said on the form; learners and strangers get no figures.
        let (status, page) = dashboard(&app, Some(&staff), "from=2019-12-31&to=2019-01-01").await;
        assert_eq!(status, 400);
        assert!(page.contains("das Ende liegt vor dem Anfang"), "{page}");
        assert!(page.contains("aria-invalid=\"true\""));
        let (status, page) = dashboard(&app, Some(&staff), "from=gestern").await;
        assert_eq!(status, 400);
        assert!(page.contains("ein Datum wie 2026-01-31"), "{page}");
        let learner = common::person_with_token(&app, Vec::new()).await.1;
        assert_eq!(dashboard(&app, Some(&learner), year).await.0, 403);
        let (status, _) = dashboard(&app, None, year).await;
        assert_eq!(status, 303, "strangers are sent to sign in");
    }
}

/// The class of `name`'s shape on the dashboard's map.
fn shade_of(page: &str, name: &str) -> String {
    let end = page
        .find(&format!("<title>{name}: "))
        .unwrap_or_else(|| panic!("{name} not on the map"));
    let start = page[..end].rfind("<path class=\"county ").unwrap();
    page[start..end].split('"').nth(1).unwrap().to_owned()
}

#[tokio::test]
async fn a_chamber_reads_the_reach_of_the_companies_that_declared_themselves_its_members() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let (chamber, university): (Uuid, Uuid) = lotse_store::on_reader!(&app.db, pool => {
            (
                sqlx::query_scalar("SELECT id FROM partners WHERE kind = 'chamber' ORDER BY name LIMIT 1")
                    .fetch_one(pool).await.unwrap(),
                sqlx::query_scalar("SELECT id FROM partners WHERE kind = 'consortium_member' ORDER BY name LIMIT 1")
                    .fetch_one(pool).await.unwrap(),
            )
        });
        let offering: Uuid = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT id FROM offerings WHERE partner_id <> $1 ORDER BY title LIMIT 1")
                .bind(chamber)
                .fetch_one(pool)
                .await
                .unwrap()
        });
        let member = company(&app, "12052", 20).await;
        let other = company(&app, "12060", 20).await;
        let admin = person(&app, Role::CompanyAdmin, Scope::Company(member)).await;
        let chamber_reader = person(&app, Role::SocialPartner, Scope::Partner(chamber)).await;
        let staff = person(&app, Role::Staff, Scope::Center).await;

        // The company's admin declares the membership; a university is no chamber.
        let put = |partners: Vec<Uuid>| {
            app.client
                .put(format!("{}/api/v1/companies/{member}/member-of", app.base))
                .bearer_auth(&admin)
                .json(&serde_json::json!({ "partners": partners }))
                .send()
        };
        let r = put(vec![university]).await.unwrap();
        assert_eq!(r.status().as_u16(), 400, "{backend:?}");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "partners");
        assert_eq!(
            put(vec![chamber, chamber]).await.unwrap().status().as_u16(),
            200
        );
        let declared: Value = app
            .client
            .get(format!("{}/api/v1/companies/{member}/member-of", app.base))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(declared["partners"], serde_json::json!([chamber]));

        // Five of the member company and three of another attend someone else's module.
        let march = session(&app, offering, at(3, 12, 9), "planned").await;
        for (n, (id, _)) in people(&app.db, 8, None).await.iter().enumerate() {
            let company = if n < 5 { member } else { other };
            registration(&app, march, *id, Some(company), "attended").await;
        }
        let year = "from=2019-01-01&to=2019-12-31";
        let (status, members) = kpis(&app, &chamber_reader, &format!("{year}&reach=members")).await;
        assert_eq!(status, 200, "{backend:?}: {members}");
        assert_eq!(members["reach"], "members");
        assert_eq!(members["partner"], chamber.to_string());
        let t = &members["total"];
        assert_eq!(
            t["participants"], 5,
            "{backend:?}: only the members' people"
        );
        assert_eq!(t["participant_hours"].as_u64().unwrap() % 5, 0);
        assert!(t["smes_reached"].is_null(), "one company is shown as < 5");
        assert!(t["sessions_held"].is_null());
        // Through its own offerings the chamber reached none of them.
        let (_, own) = kpis(&app, &chamber_reader, year).await;
        assert_eq!(own["reach"], "offerings");
        assert!(own["total"]["participants"].is_null(), "{backend:?}: {own}");
        // Staff read members' reach of a partner unsuppressed; without a partner it is
        // refused, as is an unknown reach.
        let (_, seen) = kpis(
            &app,
            &staff,
            &format!("{year}&reach=members&partner={chamber}"),
        )
        .await;
        assert_eq!(
            (
                seen["total"]["smes_reached"].as_u64(),
                seen["total"]["sessions_held"].as_u64()
            ),
            (Some(1), Some(1))
        );
        for (query, field) in [("reach=members", "reach"), ("reach=alle", "reach")] {
            let (status, problem) = kpis(&app, &staff, &format!("{year}&{query}")).await;
            assert_eq!(status, 400, "{query}");
            assert_eq!(problem["errors"][0]["field"], field);
        }
        // The page: the chamber's dashboard names the members' reach.
        let (status, page) = dashboard(
            &app,
            Some(&chamber_reader),
            &format!("{year}&reach=members"),
        )
        .await;
        assert_eq!(status, 200);
        assert!(page.contains("Mitgliedsunternehmen von "), "{backend:?}");
        assert!(
            !page.contains("Bewertungen nach Angebot"),
            "answers belong to no company"
        );
        let (status, _) = dashboard(&app, Some(&staff), &format!("{year}&reach=members")).await;
        assert_eq!(status, 400);
        // The company's page shows the declaration ticked; a made-up partner is refused.
        let account = app
            .client
            .get(format!("{}/konto", app.base))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            account.contains(&format!("name=\"partner\" value=\"{chamber}\" checked")),
            "{backend:?}"
        );
        let refused = app
            .client
            .post(format!(
                "{}/konto/unternehmen/{member}/mitgliedschaften",
                app.base
            ))
            .bearer_auth(&admin)
            .header("origin", app.base.clone())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("partner={university}"))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status().as_u16(), 400, "{backend:?}");
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("nur bei den aufgeführten Kammern")
        );
        let audit: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'company.member_of_changed'")
                .fetch_one(pool)
                .await
                .unwrap()
        });
        assert_eq!(
            audit, 1,
            "{backend:?}: the refused declaration changed nothing"
        );
    }
}

#[tokio::test]
async fn admins_create_a_funders_account_on_the_admin_page_and_staff_may_not() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        let admin = person(&app, Role::Admin, Scope::Center).await;
        let staff = person(&app, Role::Staff, Scope::Center).await;
        let page = |token: &str| {
            app.client
                .get(format!("{}/verwaltung", app.base))
                .bearer_auth(token.to_owned())
                .send()
        };
        let form = page(&admin).await.unwrap().text().await.unwrap();
        assert!(form.contains("<option value=\"funder\""), "{backend:?}");
        let create = |token: &str, email: &str| {
            app.client
                .post(format!("{}/verwaltung/personen", app.base))
                .bearer_auth(token.to_owned())
                .header("origin", app.base.clone())
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!(
                    "name=Frida+F%C3%B6rder&email={email}&company_id=&role=funder"
                ))
                .send()
        };
        let created = create(&admin, "foerder%40beispiel.de").await.unwrap();
        assert_eq!(created.status().as_u16(), 303, "{backend:?}");
        let roles: Vec<String> = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT m.role FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = 'foerder@beispiel.de'")
                .fetch_all(pool)
                .await
                .unwrap()
        });
        assert_eq!(roles, ["funder"], "{backend:?}");
        // Staff may create accounts but grant no funder role: refused, nothing made.
        let refused = create(&staff, "zweite%40beispiel.de").await.unwrap();
        assert_eq!(refused.status().as_u16(), 400, "{backend:?}");
        let made: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT count(*) FROM people WHERE email = 'zweite@beispiel.de'")
                .fetch_one(pool)
                .await
                .unwrap()
        });
        assert_eq!(made, 0);
    }
}
