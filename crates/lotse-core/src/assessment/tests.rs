#![allow(clippy::panic)]
use super::*;
use proptest::prelude::*;

fn builtin() -> Questionnaire {
    match Questionnaire::builtin() {
        Ok(q) => q,
        Err(e) => panic!("the built-in questionnaire is broken: {e:?}"),
    }
}

fn raw(pairs: &[(&str, RawAnswer)]) -> BTreeMap<String, RawAnswer> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

fn word(w: &str) -> RawAnswer {
    RawAnswer::Word(w.into())
}

/// Every item answered with `fill`.
fn all(q: &Questionnaire, fill: impl Fn(&Item) -> RawAnswer) -> BTreeMap<String, RawAnswer> {
    q.dimensions
        .iter()
        .flat_map(|d| d.items.iter())
        .map(|i| (i.key.clone(), fill(i)))
        .collect()
}

#[test]
fn the_builtin_questionnaire_has_six_dimensions_and_30_to_40_items() {
    let q = builtin();
    assert_eq!(
        q.dimensions
            .iter()
            .map(|d| d.key.as_str())
            .collect::<Vec<_>>(),
        DIMENSIONS
    );
    assert!((30..=40).contains(&q.item_count()), "{}", q.item_count());
    assert_eq!(q.version, "2026-1");
    for d in &q.dimensions {
        assert!(d.items.iter().any(|i| i.kind != ItemKind::Multi));
    }
}

#[test]
fn a_hand_computed_example_with_not_relevant_items() {
    let q = builtin();
    // Everything "no" except:
    let mut answers = all(&q, |i| match i.kind {
        ItemKind::Tri => word("no"),
        ItemKind::Scale => RawAnswer::Number(0),
        ItemKind::Multi => RawAnswer::List(vec![]),
    });
    // strategy: yes, partial, 3 of 6 areas, not relevant, yes, 0 of 5 sources
    //   → (1 + 0.5 + 0.5 + 1 + 0) / 5 = 0.6 → 60.0
    answers.insert("strategy_roadmap".into(), word("yes"));
    answers.insert("strategy_budget".into(), word("partial"));
    answers.insert(
        "strategy_areas".into(),
        RawAnswer::List(vec!["sales".into(), "logistics".into(), "service".into()]),
    );
    answers.insert("strategy_digital_offer".into(), word(NOT_RELEVANT));
    answers.insert("strategy_owner".into(), word("yes"));
    // readiness: scales 5, 4, 3, 2, 1, not relevant → (1 + .8 + .6 + .4 + .2) / 5 = 0.6
    for (key, value) in [
        ("readiness_cloud", 5),
        ("readiness_erp", 4),
        ("readiness_crm", 3),
        ("readiness_ecommerce", 2),
        ("readiness_iot", 1),
    ] {
        answers.insert(key.into(), RawAnswer::Number(value));
    }
    answers.insert("readiness_twins".into(), word(NOT_RELEVANT));
    // green: every item not relevant → no score, and left out of the overall mean.
    for item in &q
        .dimension("green")
        .map(|d| d.items.clone())
        .unwrap_or_default()
    {
        answers.insert(item.key.clone(), word(NOT_RELEVANT));
    }
    // human: one yes among six → 1/6 → 16.7
    answers.insert("human_training".into(), word("yes"));
    let checked = q.check_answers(&answers, true);
    let Ok(checked) = checked else {
        panic!("{checked:?}")
    };
    let scores = score(&q, &checked);
    assert_eq!(scores.of("strategy"), Some(60.0));
    assert_eq!(scores.of("readiness"), Some(60.0));
    assert_eq!(scores.of("human"), Some(16.7));
    assert_eq!(scores.of("data"), Some(0.0));
    assert_eq!(scores.of("automation"), Some(0.0));
    assert_eq!(scores.of("green"), None);
    // (60 + 60 + 16.7 + 0 + 0) / 5 = 27.34 → 27.3, band "average" (26–50).
    assert_eq!(scores.overall, Some(27.3));
    assert_eq!(scores.band, Some(Band::Average));
}

#[test]
fn all_yes_is_100_and_advanced_all_no_is_0_and_basic() {
    let q = builtin();
    let top = all(&q, |i| match i.kind {
        ItemKind::Tri => word("yes"),
        ItemKind::Scale => RawAnswer::Number(5),
        ItemKind::Multi => RawAnswer::List(i.options.iter().map(|o| o.key.clone()).collect()),
    });
    let Ok(top) = q.check_answers(&top, true) else {
        panic!()
    };
    let s = score(&q, &top);
    assert_eq!((s.overall, s.band), (Some(100.0), Some(Band::Advanced)));
    let none = all(&q, |_| word(NOT_RELEVANT));
    let Ok(none) = q.check_answers(&none, true) else {
        panic!()
    };
    let s = score(&q, &none);
    assert_eq!((s.overall, s.band), (None, None));
    assert!(s.dimensions.iter().all(|d| d.score.is_none()));
}

#[test]
fn bands_follow_the_dma_limits_on_whole_numbers() {
    for (score, band) in [
        (0.0, Band::Basic),
        (25.0, Band::Basic),
        (25.4, Band::Basic),
        (25.5, Band::Average),
        (50.0, Band::Average),
        (50.6, Band::ModeratelyAdvanced),
        (75.0, Band::ModeratelyAdvanced),
        (76.0, Band::Advanced),
        (100.0, Band::Advanced),
    ] {
        assert_eq!(Band::of(score), band, "{score}");
    }
}

#[test]
fn bad_answers_are_named_by_item_and_nothing_passes() {
    let q = builtin();
    let answers = raw(&[
        ("strategy_roadmap", word("vielleicht")),
        ("readiness_cloud", RawAnswer::Number(6)),
        ("readiness_erp", RawAnswer::Number(-1)),
        (
            "strategy_areas",
            RawAnswer::List(vec!["sales".into(), "mond".into()]),
        ),
        (
            "strategy_sources",
            RawAnswer::List(vec!["events".into(), "events".into()]),
        ),
        ("gibt_es_nicht", word("yes")),
        ("human_training", RawAnswer::Number(1)),
    ]);
    let Err(errors) = q.check_answers(&answers, false) else {
        panic!("accepted")
    };
    let items: BTreeSet<&str> = errors.iter().map(|e| e.item.as_str()).collect();
    assert_eq!(
        items,
        BTreeSet::from([
            "strategy_roadmap",
            "readiness_cloud",
            "readiness_erp",
            "strategy_areas",
            "strategy_sources",
            "gibt_es_nicht",
            "human_training",
        ])
    );
    // A complete check also names every missing item.
    let Err(errors) = q.check_answers(&raw(&[("strategy_roadmap", word("yes"))]), true) else {
        panic!("accepted")
    };
    assert_eq!(errors.len(), q.item_count() - 1);
    assert!(errors.iter().all(|e| e.key == "invalid-answer-missing"));
    // A draft may leave items open.
    assert!(
        q.check_answers(&raw(&[("strategy_roadmap", word("yes"))]), false)
            .is_ok()
    );
}

#[test]
fn broken_questionnaires_are_refused_with_the_place_of_each_problem() {
    let broken = r#"
version = "x"

[[dimensions]]
key = "strategy"
title = { de = "Strategie" }
meaning = { de = "a", en = "b" }
topics = ["strategie", "kochen"]

[[dimensions.items]]
key = "a"
type = "tri"
text = { de = "Frage", en = "Question" }

[[dimensions.items]]
key = "a"
type = "multi"
text = { de = "Frage", en = "Question" }
options = [ { label = { de = "x", en = "x" } }, { key = "y", label = { de = "y", en = "y" } } ]

[[dimensions]]
key = "weltraum"
title = { de = "a", en = "b" }
meaning = { de = "a", en = "b" }
topics = ["strategie"]

[[dimensions.items]]
key = "b"
type = "slider"
text = { de = "Frage", en = "Question" }
"#;
    let Err(errors) = Questionnaire::parse(broken) else {
        panic!("accepted")
    };
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(
        has("dimensions[0] (strategy): title: englische Übersetzung (en) fehlt"),
        "{text:#?}"
    );
    assert!(
        has("dimensions[0] (strategy): topics: unbekannter Wert „kochen“"),
        "{text:#?}"
    );
    assert!(
        has("dimensions[0].items[1] (a): Schlüssel kommt doppelt vor"),
        "{text:#?}"
    );
    assert!(
        has("dimensions[0].items[1] (a).options[0]: key fehlt"),
        "{text:#?}"
    );
    assert!(
        has("dimensions[1] (weltraum): unbekannte Dimension"),
        "{text:#?}"
    );
    assert!(
        has("dimensions[1].items[0] (b): type: „slider“ ist unbekannt"),
        "{text:#?}"
    );
    assert!(has("dimensions: Dimension „green“ fehlt"), "{text:#?}");
    // Syntax errors and unknown fields name the line.
    let Err(errors) =
        Questionnaire::parse("version = \"1\"\n[[dimensions]]\nkey = \"strategy\"\nfarbe = 3\n")
    else {
        panic!("accepted")
    };
    assert!(errors[0].at.starts_with("Zeile 4"), "{errors:?}");
}

fn candidate(n: u8, topics: &[Topic], level: Level, bookable: bool) -> Candidate {
    Candidate {
        offering_id: Uuid::from_bytes([n; 16]),
        title: format!("Angebot {n:02}"),
        topics: topics.to_vec(),
        level,
        audiences: vec![Audience::Employees],
        bookable,
    }
}

#[test]
fn offerings_for_people_in_companies_come_before_those_for_multipliers() {
    let q = builtin();
    let scores = scores_of(&[("automation", Some(10.0))]);
    let mut multipliers = candidate(1, &[Topic::Logistics40], Level::Basic, true);
    multipliers.audiences = vec![Audience::Multipliers];
    let employees = candidate(2, &[Topic::Logistics40], Level::Advanced, true);
    let chosen = recommend(&q, &scores, &BTreeMap::new(), &[multipliers, employees]);
    let ids: Vec<u8> = chosen.iter().map(|r| r.offering_id.as_bytes()[0]).collect();
    assert_eq!(ids, vec![2, 1]);
}

fn scores_of(pairs: &[(&str, Option<f64>)]) -> Scores {
    Scores {
        dimensions: pairs
            .iter()
            .map(|(k, s)| DimensionScore {
                key: (*k).into(),
                score: *s,
            })
            .collect(),
        overall: None,
        band: None,
    }
}

#[test]
fn recommendations_follow_weighted_gaps_and_prefer_bookable_fitting_offers() {
    let q = builtin();
    let scores = scores_of(&[
        ("strategy", Some(80.0)),
        ("readiness", Some(70.0)),
        ("human", Some(60.0)),
        ("data", Some(50.0)),
        ("automation", Some(22.0)),
        ("green", None),
    ]);
    let candidates = vec![
        candidate(1, &[Topic::Logistics40], Level::Advanced, true),
        candidate(2, &[Topic::Logistics40], Level::Basic, false),
        candidate(3, &[Topic::Logistics40], Level::Basic, true),
        candidate(4, &[Topic::ItSecurity], Level::Intermediate, true),
        candidate(5, &[Topic::Work40], Level::Intermediate, true),
        candidate(6, &[Topic::Strategy], Level::Basic, true),
        candidate(7, &[Topic::Sustainability], Level::Basic, true),
        candidate(8, &[Topic::ProductionAutomation], Level::Basic, true),
    ];
    // Gaps: automation 53, data 25, human 15, readiness 5, strategy 0. Human is a
    // priority for the company: 15 × 1.5 = 22.5, still below data's 25.
    let importance = BTreeMap::from([("human".to_owned(), Importance::High)]);
    let chosen = recommend(&q, &scores, &importance, &candidates);
    let ids: Vec<u8> = chosen.iter().map(|r| r.offering_id.as_bytes()[0]).collect();
    // Round 1: automation's best (bookable, basic: 3 before 8 by title), data's (4),
    // human's (5), readiness's (6, strategy topic). Round 2: automation's next (8),
    // then 1 (bookable, level far) before 2 (not bookable).
    assert_eq!(ids, vec![3, 4, 5, 6, 8, 1, 2]);
    assert_eq!(chosen[0].dimension, "automation");
    assert_eq!(chosen[0].score, 22.0);
    assert_eq!(chosen[2].importance, Importance::High);
    assert!(!ids.contains(&7), "green was not scored");

    // No gaps at all: still three, from the lowest scores up.
    let high = scores_of(&[
        ("strategy", Some(90.0)),
        ("readiness", Some(95.0)),
        ("human", Some(80.0)),
        ("data", Some(100.0)),
        ("automation", Some(85.0)),
        ("green", Some(99.0)),
    ]);
    let chosen = recommend(&q, &high, &BTreeMap::new(), &candidates);
    assert_eq!(chosen.len(), MIN_RECOMMENDATIONS);
    assert_eq!(chosen[0].dimension, "human");
    // An empty catalogue gives nothing rather than failing.
    assert!(recommend(&q, &scores, &BTreeMap::new(), &[]).is_empty());
}

#[test]
fn peers_show_from_five_on() {
    assert_eq!(peer_quartiles(&[10.0, 20.0, 30.0, 40.0]), None);
    assert_eq!(
        peer_quartiles(&[50.0, 10.0, 30.0, 20.0, 40.0]),
        Some(Quartiles {
            q1: 20.0,
            median: 30.0,
            q3: 40.0
        })
    );
    assert_eq!(
        peer_quartiles(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        Some(Quartiles {
            q1: 2.3,
            median: 3.5,
            q3: 4.8
        })
    );
}

fn any_answer(item: &Item) -> BoxedStrategy<RawAnswer> {
    let not_relevant = Just(RawAnswer::Word(NOT_RELEVANT.into()));
    match item.kind {
        ItemKind::Tri => prop_oneof![
            not_relevant,
            Just(word("no")),
            Just(word("partial")),
            Just(word("yes"))
        ]
        .boxed(),
        ItemKind::Scale => {
            prop_oneof![not_relevant, (0i64..=5).prop_map(RawAnswer::Number)].boxed()
        }
        ItemKind::Multi => {
            let keys: Vec<String> = item.options.iter().map(|o| o.key.clone()).collect();
            let n = keys.len();
            prop_oneof![
                not_relevant,
                proptest::sample::subsequence(keys, 0..=n).prop_map(RawAnswer::List)
            ]
            .boxed()
        }
    }
}

fn any_answers() -> impl Strategy<Value = BTreeMap<String, RawAnswer>> {
    let q = builtin();
    let items: Vec<Item> = q.dimensions.iter().flat_map(|d| d.items.clone()).collect();
    items
        .iter()
        .map(|i| {
            any_answer(i).prop_map({
                let key = i.key.clone();
                move |a| (key.clone(), a)
            })
        })
        .collect::<Vec<_>>()
        .prop_map(|pairs| pairs.into_iter().collect())
}

proptest! {
    #[test]
    fn scores_stay_within_0_and_100_and_the_overall_is_the_mean(answers in any_answers()) {
        let q = builtin();
        let checked = q.check_answers(&answers, true);
        prop_assert!(checked.is_ok(), "{:?}", checked);
        let s = score(&q, &checked.unwrap_or_default());
        let scored: Vec<f64> = s.dimensions.iter().filter_map(|d| d.score).collect();
        for v in &scored {
            prop_assert!((0.0..=100.0).contains(v));
        }
        match s.overall {
            None => prop_assert!(scored.is_empty()),
            Some(o) => {
                let mean = scored.iter().sum::<f64>() / scored.len() as f64;
                prop_assert!((o - mean).abs() <= 0.05 + 1e-9);
                prop_assert_eq!(s.band, Some(Band::of(o)));
            }
        }
    }

    #[test]
    fn not_relevant_is_the_same_as_leaving_the_item_out(answers in any_answers(), pick in 0usize..36) {
        let q = builtin();
        let keys: Vec<String> = answers.keys().cloned().collect();
        let key = keys[pick % keys.len()].clone();
        let mut marked = answers.clone();
        marked.insert(key.clone(), RawAnswer::Word(NOT_RELEVANT.into()));
        let mut removed = answers;
        removed.remove(&key);
        let a = q.check_answers(&marked, false).unwrap_or_default();
        let b = q.check_answers(&removed, false).unwrap_or_default();
        prop_assert_eq!(score(&q, &a), score(&q, &b));
    }

    #[test]
    fn a_better_answer_never_lowers_a_score(answers in any_answers(), pick in 0usize..36) {
        let q = builtin();
        let keys: Vec<String> = answers.keys().cloned().collect();
        let key = keys[pick % keys.len()].clone();
        let Some((dimension, item)) = q.item(&key) else { return Ok(()) };
        let best = match item.kind {
            ItemKind::Tri => word("yes"),
            ItemKind::Scale => RawAnswer::Number(5),
            ItemKind::Multi => RawAnswer::List(item.options.iter().map(|o| o.key.clone()).collect()),
        };
        let before_answers = q.check_answers(&answers, true).unwrap_or_default();
        // Only compare when the item was scored before.
        if matches!(before_answers.get(&key), Some(Answer::NotRelevant)) { return Ok(()) }
        let mut improved = answers;
        improved.insert(key, best);
        let after_answers = q.check_answers(&improved, true).unwrap_or_default();
        let before = score(&q, &before_answers).of(&dimension.key).unwrap_or(0.0);
        let after = score(&q, &after_answers).of(&dimension.key).unwrap_or(0.0);
        prop_assert!(after >= before, "{} → {}", before, after);
    }
}
