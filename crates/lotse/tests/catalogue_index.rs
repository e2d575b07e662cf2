//! The in-memory catalogue index answers every filter exactly as the SQL list does,
//! and follows changes to the catalogue at once, on both backends. The search (`q`)
//! is the index's own (SQL reads it as plain text): see `search.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{backends, demo_center};
use jiff::{SignedDuration, Timestamp};
use lotse_core::catalogue::{Audience, OfferingKind, Topic};
use lotse_store::catalogue::{self as store, OfferingFilter, OfferingPage};
use lotse_store::catalogue_index::CatalogueIndex;
use lotse_store::{Db, on_reader};

fn summary(page: &OfferingPage) -> (Vec<uuid::Uuid>, i64, Option<String>) {
    (
        page.items.iter().map(|c| c.id).collect(),
        page.total,
        page.next.as_ref().map(|c| c.encode()),
    )
}

/// Walks every page of `filter` five at a time through both and compares them, cards
/// included (title, partner, next session, topics).
async fn same_answers(db: &Db, index: &CatalogueIndex, filter: &OfferingFilter, now: Timestamp) {
    let mut cursor = None;
    loop {
        let by_sql = store::list_offerings(db, filter, cursor.as_ref(), 5, now)
            .await
            .unwrap();
        let by_index = index
            .list(db, filter, cursor.as_ref(), 5, now)
            .await
            .unwrap();
        assert_eq!(summary(&by_index), summary(&by_sql), "{filter:?}");
        for (a, b) in by_index.items.iter().zip(&by_sql.items) {
            assert_eq!(
                (&a.title, &a.partner, a.next_session, &a.topics),
                (&b.title, &b.partner, b.next_session, &b.topics)
            );
        }
        match by_sql.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
}

async fn version(db: &Db) -> i64 {
    on_reader!(db, pool => {
        sqlx::query_scalar("SELECT version FROM catalogue_version WHERE id = 1")
            .fetch_one(pool)
            .await
            .unwrap()
    })
}

#[tokio::test]
async fn the_index_answers_every_filter_as_the_database_does() {
    for backend in backends() {
        let (db, _dir, now) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        let partners = store::partners(&db).await.unwrap();
        let places = store::places(&db).await.unwrap();
        let in_days = |d: i64| now + SignedDuration::from_hours(24 * d);
        let mut filters = vec![OfferingFilter::default()];
        for topic in Topic::ALL {
            filters.push(OfferingFilter {
                topic: Some(*topic),
                ..Default::default()
            });
            for kind in OfferingKind::ALL {
                filters.push(OfferingFilter {
                    topic: Some(*topic),
                    kind: Some(*kind),
                    ..Default::default()
                });
            }
            for audience in Audience::ALL {
                filters.push(OfferingFilter {
                    topic: Some(*topic),
                    audience: Some(*audience),
                    ..Default::default()
                });
            }
        }
        for p in &partners {
            filters.push(OfferingFilter {
                partner: Some(p.id),
                ..Default::default()
            });
        }
        for p in &places {
            filters.push(OfferingFilter {
                place: Some(p.id),
                to: Some(in_days(60)),
                ..Default::default()
            });
        }
        for (from, to) in [(None, Some(30)), (Some(30), Some(90)), (Some(-400), None)] {
            filters.push(OfferingFilter {
                from: from.map(in_days),
                to: to.map(in_days),
                ..Default::default()
            });
        }
        for filter in &filters {
            same_answers(&db, &index, filter, now).await;
        }
        // The home page's soonest offerings: the same as asking the sessions directly.
        let soonest: Vec<uuid::Uuid> = index
            .soonest(&db, 6, now)
            .await
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        let by_sql: Vec<uuid::Uuid> = on_reader!(&db, pool => {
            sqlx::query_scalar(
                "SELECT o.id FROM offerings o
                 JOIN (SELECT offering_id, MIN(starts_at) AS next FROM sessions
                       WHERE status = 'planned' AND starts_at >= $1 GROUP BY offering_id) x
                   ON x.offering_id = o.id
                 WHERE o.withdrawn_at IS NULL ORDER BY x.next, o.sort_key, o.id LIMIT 6",
            )
            .bind(now.as_second())
            .fetch_all(pool)
            .await
            .unwrap()
        });
        assert_eq!(soonest, by_sql, "{backend:?}");
        assert_eq!(soonest.len(), 6);

        // The filters found something, so the comparison was not between two empties.
        let all = index
            .list(&db, &OfferingFilter::default(), None, 1, now)
            .await
            .unwrap();
        assert!(all.total >= 30, "{backend:?}: {}", all.total);
    }
}

#[tokio::test]
async fn the_index_follows_changes_at_once_but_not_bookings() {
    for backend in backends() {
        let (db, _dir, now) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        let everything = OfferingFilter::default();
        let before = index.list(&db, &everything, None, 100, now).await.unwrap();
        let first = before.items[0].id;

        // Withdrawn: gone from the next list of the same index.
        store::withdraw_offering(&db, first, now).await.unwrap();
        let after = index.list(&db, &everything, None, 100, now).await.unwrap();
        assert_eq!(after.total, before.total - 1, "{backend:?}");
        assert!(after.items.iter().all(|c| c.id != first));

        // A cancelled session no longer counts for a date filter.
        let soon = OfferingFilter {
            to: Some(now + SignedDuration::from_hours(24 * 200)),
            ..Default::default()
        };
        let with_sessions = index.list(&db, &soon, None, 100, now).await.unwrap();
        let offering = with_sessions.items[0].id;
        let detail = store::offering(&db, offering, now).await.unwrap().unwrap();
        for s in &detail.sessions {
            store::cancel_session(&db, s.id).await.unwrap();
        }
        let without = index.list(&db, &soon, None, 100, now).await.unwrap();
        assert!(
            without.items.iter().all(|c| c.id != offering),
            "{backend:?}"
        );
        same_answers(&db, &index, &soon, now).await;

        // Cards come from the index: a renamed partner shows on the next list.
        let partner = without.items[0].partner.id;
        lotse_store::on_writer!(&db, pool => {
            sqlx::query("UPDATE partners SET name = 'Umbenannte Hochschule' WHERE id = $1")
                .bind(partner)
                .execute(pool)
                .await
                .unwrap();
        });
        let renamed = index.list(&db, &soon, None, 100, now).await.unwrap();
        assert!(
            renamed
                .items
                .iter()
                .filter(|c| c.partner.id == partner)
                .all(|c| c.partner.name == "Umbenannte Hochschule"),
            "{backend:?}: a partner's new name did not reach the cards"
        );
        same_answers(&db, &index, &soon, now).await;

        // A booking does not move the catalogue's version, so lists are not rebuilt.
        let open = with_sessions.items[1].id;
        let session = store::offering(&db, open, now)
            .await
            .unwrap()
            .unwrap()
            .sessions[0]
            .id;
        let person = common::people(&db, 1, None).await[0].0;
        let moved = version(&db).await;
        lotse_store::booking::register(
            &db,
            session,
            &[person],
            person,
            now,
            &|| "BENCHTICKET000000001".to_owned(),
            Box::new(|_| None),
        )
        .await
        .unwrap();
        assert_eq!(
            version(&db).await,
            moved,
            "{backend:?}: a booking moved the version"
        );
    }
}
