//! Catalogue search on the demo center, on both backends: the relevance set (real
//! queries and the offerings a person would expect among the first three), German
//! word forms, facet counts, paging by relevance, changes, and hostile input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{backends, demo_center};
use jiff::Timestamp;
use lotse_core::catalogue::{OfferingKind, Topic};
use lotse_store::Db;
use lotse_store::catalogue::{self as store, OfferingFilter, OfferingPage};
use lotse_store::catalogue_index::CatalogueIndex;

/// Queries as visitors type them, and a piece of the title of an offering each must
/// find among its first three results. Typos, inflections, spellings without
/// umlauts, colloquial phrasing, synonyms, compound parts and English words.
const RELEVANCE_SET: &[(&str, &str)] = &[
    ("Roboter", "Transportroboter"),
    ("Robotern", "Transportroboter"),
    ("Logistk", "Logistik"),
    ("digitalisirung", "Digitalisierung"),
    ("Foerderung", "Förderprogramme"),
    ("Förderung", "Förderprogramme"),
    ("Zuschuss", "Förderprogramme"),
    ("Fördermittel Digitalisierung", "Förderprogramme"),
    (
        "Künstlicher Intelligenz",
        "Künstliche Intelligenz im Mittelstand",
    ),
    ("KI Angebotserstellung", "Generative KI im Büroalltag"),
    ("unser Lager ist chaotisch", "Digitale Lagerverwaltung"),
    ("Lagerverwaltung Tablet", "Digitale Lagerverwaltung"),
    ("Verwaltung", "Digitale Lagerverwaltung"),
    ("warehouse", "Digitale Lagerverwaltung"),
    ("Lagersoftware", "Digitale Lagerverwaltung"),
    ("Phishing Mitarbeiter", "Phishing erkennen"),
    ("Hackerangriff", "Ransomware im Mittelstand"),
    ("Cybersecurity", "IT-Sicherheit"),
    (
        "Erpressungstrojaner Ransomware",
        "Ransomware im Mittelstand",
    ),
    ("E-Rechnung", "E-Rechnung im B2B-Geschäft"),
    ("XRechnung Handwerk", "E-Rechnung im B2B-Geschäft"),
    ("Datenschutz im Homeoffice", "Mobiles Arbeiten rechtssicher"),
    (
        "Home Office Betriebsrat",
        "Homeoffice und mobile Arbeit mitbestimmen",
    ),
    ("Betriebsrat KI", "Mitbestimmung bei KI-Einführung"),
    (
        "Betriebsvereinbarung",
        "Betriebsvereinbarungen zu IT-Systemen",
    ),
    (
        "fahrerlose Transportsysteme",
        "Fahrerlose Transportsysteme in 60 Minuten",
    ),
    ("FTS Kosten", "Fahrerlose Transportsysteme in 60 Minuten"),
    ("Sendungsverfolgung", "Lieferketten transparent machen"),
    ("Tourenplanung", "Touren- und Transportplanung"),
    ("Excel Kennzahlen", "Kennzahlen-Cockpits"),
    ("Dashboard", "Kennzahlen-Cockpits"),
    ("CO2 Bilanz", "CO₂-Bilanz für KMU"),
    (
        "Energie sparen",
        "Ressourceneffizienz durch Digitalisierung",
    ),
    ("Azubis", "Digitalscouts in der Ausbildung"),
    ("Lernfabrik", "Lernfabrik Cottbus"),
    ("Maschinen nachrüsten Sensoren", "Sensordaten nutzen"),
    ("Industrial IoT", "Sensordaten nutzen"),
    ("Produktpass", "Digitaler Produktpass"),
    ("Geschäftsmodell", "Digitale Geschäftsmodelle entwickeln"),
    ("Roadmap", "Digitalisierungs-Roadmap"),
    ("AI Act", "KI-Verordnung kompakt"),
    ("Weiterbildung planen", "Kompetenzbedarfe erkennen"),
    ("RFID", "RFID, Barcode und Funksensorik"),
    ("Barcode Scanner", "RFID, Barcode und Funksensorik"),
    ("Wertstromanalyse", "Wertstromanalyse im Materialfluss"),
];

async fn search(db: &Db, index: &CatalogueIndex, q: &str, now: Timestamp) -> OfferingPage {
    let filter = OfferingFilter {
        q: Some(q.to_owned()),
        ..Default::default()
    };
    index.list(db, &filter, None, 3, now).await.unwrap()
}

#[tokio::test]
async fn the_relevance_set_finds_what_people_mean() {
    assert!(RELEVANCE_SET.len() >= 30);
    for backend in backends() {
        let (db, _dir, now) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        let mut misses = Vec::new();
        for (q, expected) in RELEVANCE_SET {
            let page = search(&db, &index, q, now).await;
            assert!(page.by_relevance, "{q}");
            if !page.items.iter().any(|c| c.title.contains(expected)) {
                let titles: Vec<&str> = page.items.iter().map(|c| c.title.as_str()).collect();
                misses.push(format!("{q:?} → {titles:?}, expected {expected:?}"));
            }
        }
        assert!(misses.is_empty(), "{backend:?}:\n{}", misses.join("\n"));
    }
}

#[tokio::test]
async fn matches_are_marked_in_a_snippet_of_the_description() {
    for backend in backends() {
        let (db, _dir, now) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        let page = search(&db, &index, "Foerderlotsen", now).await;
        let first = &page.items[0];
        let marked: Vec<&str> = first
            .snippet
            .iter()
            .filter(|p| p.marked)
            .map(|p| p.text.as_str())
            .collect();
        assert!(
            marked.contains(&"Förderlotsen"),
            "{backend:?}: {:?}",
            first.snippet
        );
        // A typo marks the word it stood for.
        let page = search(&db, &index, "Foerderlotsinen", now).await;
        assert!(
            page.items[0]
                .snippet
                .iter()
                .any(|p| p.marked && p.text == "Förderlotsinnen"),
            "{backend:?}: {:?}",
            page.items[0].snippet
        );
        // Without a search there is nothing to mark, and the list is in title order.
        let plain = index
            .list(&db, &OfferingFilter::default(), None, 3, now)
            .await
            .unwrap();
        assert!(!plain.by_relevance);
        assert!(plain.items.iter().all(|c| c.snippet.is_empty()));
    }
}

#[tokio::test]
async fn facet_counts_say_what_choosing_a_value_would_find() {
    for backend in backends() {
        let (db, _dir, now) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        for q in [None, Some("Digitalisierung"), Some("KI")] {
            let base = OfferingFilter {
                q: q.map(str::to_owned),
                kind: None,
                ..Default::default()
            };
            let page = index.list(&db, &base, None, 100, now).await.unwrap();
            assert!(!page.facets.topics.is_empty(), "{q:?}");
            for topic in Topic::ALL {
                let chosen = OfferingFilter {
                    topic: Some(*topic),
                    ..base.clone()
                };
                let found = index.list(&db, &chosen, None, 100, now).await.unwrap();
                let counted = page
                    .facets
                    .topics
                    .iter()
                    .find(|(t, _)| t == topic)
                    .map_or(0, |(_, n)| *n);
                assert_eq!(counted, found.total, "{backend:?} {q:?} {topic:?}");
            }
            // With a topic chosen, the topic counts still show the other topics (what
            // choosing them instead would find), while kinds count within the topic.
            let logistics = OfferingFilter {
                topic: Some(Topic::Logistics40),
                ..base.clone()
            };
            let within = index.list(&db, &logistics, None, 100, now).await.unwrap();
            assert_eq!(within.facets.topics, page.facets.topics, "{q:?}");
            for (kind, n) in &within.facets.kinds {
                let both = OfferingFilter {
                    kind: Some(*kind),
                    ..logistics.clone()
                };
                let found = index.list(&db, &both, None, 100, now).await.unwrap();
                assert_eq!(*n, found.total, "{backend:?} {q:?} {kind:?}");
            }
            let kinds: i64 = within.facets.kinds.iter().map(|(_, n)| n).sum();
            assert_eq!(kinds, within.total);
        }
        // A search narrows the counts.
        let everything = index
            .list(&db, &OfferingFilter::default(), None, 1, now)
            .await
            .unwrap();
        let ki = search(&db, &index, "KI", now).await;
        assert!(ki.total < everything.total);
        let ki_kinds: i64 = ki.facets.kinds.iter().map(|(_, n)| n).sum();
        assert_eq!(ki_kinds, ki.total);
        assert!(
            ki.facets
                .kinds
                .iter()
                .all(|(k, _)| OfferingKind::ALL.contains(k))
        );
    }
}

#[tokio::test]
async fn pages_by_relevance_hold_every_hit_once_best_first() {
    for backend in backends() {
        let (db, _dir, now) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        let filter = OfferingFilter {
            q: Some("Digitalisierung Daten".into()),
            ..Default::default()
        };
        let all = index.list(&db, &filter, None, 100, now).await.unwrap();
        assert!(all.total > 4, "{backend:?}: {}", all.total);
        let mut walked = Vec::new();
        let mut cursor = None;
        loop {
            let page = index
                .list(&db, &filter, cursor.as_ref(), 2, now)
                .await
                .unwrap();
            assert_eq!(page.total, all.total);
            walked.extend(page.items.iter().map(|c| c.id));
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let expected: Vec<uuid::Uuid> = all.items.iter().map(|c| c.id).collect();
        assert_eq!(walked, expected, "{backend:?}");
    }
}

#[tokio::test]
async fn search_follows_catalogue_changes_at_once() {
    for backend in backends() {
        let (db, _dir, now) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        let e_invoice = search(&db, &index, "E-Rechnung B2B", now).await.items[0].id;
        // Withdrawn offerings are no longer found.
        store::withdraw_offering(&db, e_invoice, now).await.unwrap();
        let after = search(&db, &index, "E-Rechnung B2B", now).await;
        assert!(after.items.iter().all(|c| c.id != e_invoice), "{backend:?}");
    }
}

#[tokio::test]
async fn hostile_or_odd_queries_find_sensible_things_and_never_fail() {
    for backend in backends() {
        let (db, _dir, now) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        let all = index
            .list(&db, &OfferingFilter::default(), None, 1, now)
            .await
            .unwrap()
            .total;
        // Operators are plain characters: the words around them are searched.
        for q in [
            "\"Lager",
            "Lager*",
            "Lager AND Logistik",
            "(Lager",
            "Lager~2",
            "Lager) OR 1=1; DROP TABLE offerings; --",
            "Lager\u{0}\u{7}",
            "title:Lager",
        ] {
            let page = search(&db, &index, q, now).await;
            assert!(
                page.total > 0 && page.total < all,
                "{backend:?} {q:?}: {}",
                page.total
            );
        }
        // Nothing to look for: the whole catalogue, in title order.
        for q in ["*", "\"\"", "und die der", "   ", "!!!"] {
            let page = search(&db, &index, q, now).await;
            assert_eq!(page.total, all, "{backend:?} {q:?}");
            assert!(!page.by_relevance, "{q:?}");
        }
        // A very long query is read up to its limit and answered.
        let long = "Lager ".repeat(400);
        let page = search(&db, &index, &long, now).await;
        assert!(page.total > 0);
        // Words the catalogue does not have find nothing rather than anything.
        let page = search(&db, &index, "Xylophonunterricht", now).await;
        assert_eq!(page.total, 0, "{backend:?}");
    }
}

#[tokio::test]
async fn qualifications_and_partners_are_found_beside_the_offerings() {
    use lotse_store::catalogue_index::HitKind;
    for backend in backends() {
        let (db, _dir, _) = demo_center(backend).await;
        let index = CatalogueIndex::new();
        let wildau = index
            .found_beside(&db, "Hochschule Wildau", 6)
            .await
            .unwrap();
        assert_eq!(wildau[0].kind, HitKind::Partner, "{backend:?}: {wildau:?}");
        assert_eq!(wildau[0].title, "Technische Hochschule Wildau");
        let path = index
            .found_beside(&db, "Fachkraft Logistik", 6)
            .await
            .unwrap();
        assert!(
            path.iter().any(|h| h.kind == HitKind::Qualification
                && h.title == "Fachkraft Logistik 4.0 im Mittelstand"),
            "{backend:?}: {path:?}"
        );
        // Only what matches every word: no partner or qualification speaks of
        // Phishing training for apprentices.
        let none = index
            .found_beside(&db, "Phishing Auszubildende", 6)
            .await
            .unwrap();
        assert!(none.is_empty(), "{backend:?}: {none:?}");
        // A renamed qualification is found by its new title at once.
        let id = path[0].id;
        lotse_store::on_writer!(&db, pool => {
            sqlx::query("UPDATE qualifications SET title = 'Lotsin für Intralogistik' WHERE id = $1")
                .bind(id)
                .execute(pool)
                .await
                .unwrap();
        });
        let renamed = index.found_beside(&db, "Lotsin", 6).await.unwrap();
        assert_eq!(renamed.first().map(|h| h.id), Some(id), "{backend:?}");
    }
}
