//! Evaluations: after a session, each attendee rates it once (relevance, quality,
//! applicability, 1 to 5) and may say what they will apply and what else they think.
//! Answers carry no link to a person; results are summed per session, offering,
//! partner, topic, kind or stretch of time, with response rates, and averages are shown
//! only from [`SMALLEST_AVERAGED`] answers on, so that nobody's rating can be read off.

use crate::Invalid;
use crate::catalogue::{OfferingKind, Topic};
use crate::reporting::{Breakdown, Period};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

/// Fewest answers whose averages and free texts are shown, to anybody: with fewer,
/// knowing who answered could tell what they answered.
pub const SMALLEST_AVERAGED: u64 = 5;

/// Longest free text, in characters.
pub const LONGEST_TEXT: usize = 2_000;

/// Days after a session's end in which its attendees are invited.
pub const INVITE_WITHIN_DAYS: i64 = 14;

/// Days after a session's end in which an invitation can be answered.
pub const ANSWER_WITHIN_DAYS: i64 = 42;

/// The three ratings of an answer, each 1 (poor) to 5 (very good).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratings {
    /// How relevant the topic was for the attendee's work.
    pub relevance: u8,
    /// How good the session was (content, presentation, organisation).
    pub quality: u8,
    /// How well the attendee can apply it in their company.
    pub applicability: u8,
}

impl Ratings {
    /// The ratings in the order of [`Question::ALL`].
    pub fn values(self) -> [u8; 3] {
        [self.relevance, self.quality, self.applicability]
    }
}

/// A rated question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Relevance for the attendee's work.
    Relevance,
    /// Quality of the session.
    Quality,
    /// Applicability in the company.
    Applicability,
}

impl Question {
    /// Every rated question, in the form's order.
    pub const ALL: [Question; 3] = [
        Question::Relevance,
        Question::Quality,
        Question::Applicability,
    ];

    /// The form field and JSON name.
    pub fn key(self) -> &'static str {
        match self {
            Question::Relevance => "relevance",
            Question::Quality => "quality",
            Question::Applicability => "applicability",
        }
    }
}

/// A complete answer to the evaluation form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The ratings.
    pub ratings: Ratings,
    /// "What will you apply?", may be empty.
    pub will_apply: String,
    /// Anything else, may be empty.
    pub comment: String,
}

impl Answer {
    /// An answer from the form's fields: every rating a whole number from 1 to 5, the
    /// texts trimmed and at most [`LONGEST_TEXT`] characters.
    pub fn parse(
        relevance: Option<&str>,
        quality: Option<&str>,
        applicability: Option<&str>,
        will_apply: &str,
        comment: &str,
    ) -> Result<Self, Vec<Invalid>> {
        let mut errors = Vec::new();
        let mut rating = |field: &'static str, raw: Option<&str>| -> u8 {
            match raw.map(str::trim).and_then(|r| r.parse::<u8>().ok()) {
                Some(v @ 1..=5) => v,
                _ => {
                    errors.push(Invalid::new(field, "invalid-rating"));
                    0
                }
            }
        };
        let ratings = Ratings {
            relevance: rating("relevance", relevance),
            quality: rating("quality", quality),
            applicability: rating("applicability", applicability),
        };
        let mut text = |field: &'static str, raw: &str| -> String {
            let text = raw.trim().replace("\r\n", "\n");
            if text.chars().count() > LONGEST_TEXT {
                errors.push(Invalid::new(field, "invalid-too-long").with("max", LONGEST_TEXT));
            }
            text
        };
        let will_apply = text("will_apply", will_apply);
        let comment = text("comment", comment);
        if errors.is_empty() {
            Ok(Self {
                ratings,
                will_apply,
                comment,
            })
        } else {
            Err(errors)
        }
    }
}

/// A session that ended, with its invitations and the ratings of its answers.
#[derive(Debug, Clone)]
pub struct EvaluatedSession {
    /// The session.
    pub session: Uuid,
    /// Its offering.
    pub offering: Uuid,
    /// The partner that runs the offering.
    pub partner: Uuid,
    /// The offering's kind.
    pub kind: OfferingKind,
    /// The offering's topics.
    pub topics: Vec<Topic>,
    /// The day the session started (Berlin).
    pub day: Date,
    /// Attendees invited to evaluate it.
    pub invited: u64,
    /// The ratings of every answer.
    pub answers: Vec<Ratings>,
}

/// What the rows of an evaluation report are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvaluationBreakdown {
    /// Months, quarters, years, topics, kinds or partners, as in the figures.
    Like(Breakdown),
    /// Each session.
    Session,
    /// Each offering.
    Offering,
}

impl EvaluationBreakdown {
    /// Every breakdown, as the dashboard offers them.
    pub const ALL: [EvaluationBreakdown; 8] = [
        EvaluationBreakdown::Like(Breakdown::Month),
        EvaluationBreakdown::Like(Breakdown::Quarter),
        EvaluationBreakdown::Like(Breakdown::Year),
        EvaluationBreakdown::Session,
        EvaluationBreakdown::Offering,
        EvaluationBreakdown::Like(Breakdown::Partner),
        EvaluationBreakdown::Like(Breakdown::Topic),
        EvaluationBreakdown::Like(Breakdown::Kind),
    ];

    /// The key in `group_by`.
    pub fn key(self) -> &'static str {
        match self {
            EvaluationBreakdown::Like(b) => b.key(),
            EvaluationBreakdown::Session => "session",
            EvaluationBreakdown::Offering => "offering",
        }
    }

    /// The breakdown named `raw`. Answers belong to no company, so county, sector and
    /// size class are refused.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|b| b.key() == raw.trim())
            .ok_or_else(|| Invalid::new("group_by", "invalid-group-by-evaluation"))
    }

    fn keys(self, s: &EvaluatedSession) -> Vec<String> {
        let time = |b| crate::reporting::time_key(b, s.day);
        match self {
            EvaluationBreakdown::Session => vec![s.session.to_string()],
            EvaluationBreakdown::Offering => vec![s.offering.to_string()],
            EvaluationBreakdown::Like(Breakdown::Topic) => {
                s.topics.iter().map(|t| t.key().to_owned()).collect()
            }
            EvaluationBreakdown::Like(Breakdown::Kind) => vec![s.kind.key().to_owned()],
            EvaluationBreakdown::Like(Breakdown::Partner) => vec![s.partner.to_string()],
            EvaluationBreakdown::Like(b) => vec![time(b)],
        }
    }
}

/// The sums of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Attendees invited.
    pub invited: u64,
    /// Answers received.
    pub answered: u64,
    /// Sum of each rating, in [`Question::ALL`] order.
    pub sums: [u64; 3],
}

impl Tally {
    fn add(&mut self, s: &EvaluatedSession) {
        self.invited += s.invited;
        self.answered += s.answers.len() as u64;
        for a in &s.answers {
            for (sum, v) in self.sums.iter_mut().zip(a.values()) {
                *sum += u64::from(v);
            }
        }
    }

    /// Each rating's average, once there are at least [`SMALLEST_AVERAGED`] answers.
    pub fn averages(&self) -> Option<[f64; 3]> {
        (self.answered >= SMALLEST_AVERAGED).then(|| {
            #[allow(clippy::cast_precision_loss)]
            self.sums.map(|s| s as f64 / self.answered as f64)
        })
    }

    /// Answers per invitation, from 0 to 1; `None` without invitations.
    pub fn response_rate(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)]
        (self.invited > 0).then(|| self.answered as f64 / self.invited as f64)
    }
}

/// An evaluation report: a tally per row and the period's total.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationReport {
    /// The days covered.
    pub period: Period,
    /// What the rows are.
    pub breakdown: EvaluationBreakdown,
    /// Each row's key (as in the figures; session and offering ids) and tally, rows
    /// without invitations left out.
    pub rows: Vec<(String, Tally)>,
    /// The period's total.
    pub total: Tally,
}

/// The evaluations of sessions that started in `period`, by `breakdown`. A session
/// with several topics counts under each of them.
pub fn evaluation_report(
    period: Period,
    breakdown: EvaluationBreakdown,
    sessions: &[EvaluatedSession],
) -> EvaluationReport {
    let mut rows: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut seen = HashSet::new();
    for s in sessions
        .iter()
        .filter(|s| period.contains(s.day) && seen.insert(s.session))
    {
        total.add(s);
        for key in breakdown.keys(s) {
            rows.entry(key).or_default().add(s);
        }
    }
    EvaluationReport {
        period,
        breakdown,
        rows: rows.into_iter().filter(|(_, t)| t.invited > 0).collect(),
        total,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn session(
        day: &str,
        invited: u64,
        answers: &[[u8; 3]],
        topics: Vec<Topic>,
    ) -> EvaluatedSession {
        EvaluatedSession {
            session: Uuid::new_v4(),
            offering: Uuid::new_v4(),
            partner: Uuid::nil(),
            kind: OfferingKind::Workshop,
            topics,
            day: day.parse().unwrap(),
            invited,
            answers: answers
                .iter()
                .map(|[r, q, a]| Ratings {
                    relevance: *r,
                    quality: *q,
                    applicability: *a,
                })
                .collect(),
        }
    }

    #[test]
    fn ratings_must_be_whole_numbers_from_one_to_five_and_texts_not_too_long() {
        let ok = Answer::parse(Some("5"), Some(" 1"), Some("3"), "  Prozesse ", "").unwrap();
        assert_eq!(ok.ratings.values(), [5, 1, 3]);
        assert_eq!(ok.will_apply, "Prozesse");
        let long = "x".repeat(LONGEST_TEXT + 1);
        let errors = Answer::parse(Some("0"), None, Some("2.5"), &long, "").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.key)).collect();
        assert_eq!(
            fields,
            [
                ("relevance", "invalid-rating"),
                ("quality", "invalid-rating"),
                ("applicability", "invalid-rating"),
                ("will_apply", "invalid-too-long"),
            ]
        );
        assert!(Answer::parse(Some("6"), Some("1"), Some("1"), "", "").is_err());
        assert!(
            Answer::parse(
                Some("1"),
                Some("1"),
                Some("1"),
                &"ä".repeat(LONGEST_TEXT),
                ""
            )
            .is_ok()
        );
    }

    #[test]
    fn averages_need_five_answers_and_rates_need_invitations() {
        let period = Period::parse("2026-01-01", "2026-12-31").unwrap();
        let four = session("2026-03-02", 10, &[[5, 4, 3]; 4], vec![Topic::Work40]);
        let five = session(
            "2026-03-09",
            5,
            &[[1, 2, 3]; 5],
            vec![Topic::Work40, Topic::Logistics40],
        );
        let r = evaluation_report(
            period,
            EvaluationBreakdown::Session,
            &[four.clone(), five.clone()],
        );
        let row = |id: Uuid| r.rows.iter().find(|(k, _)| *k == id.to_string()).unwrap().1;
        assert_eq!(row(four.session).averages(), None);
        assert_eq!(row(four.session).response_rate(), Some(0.4));
        assert_eq!(row(five.session).averages(), Some([1.0, 2.0, 3.0]));
        assert_eq!(r.total.answered, 9);
        assert_eq!(r.total.invited, 15);
        let avg = r.total.averages().unwrap();
        assert!((avg[0] - 25.0 / 9.0).abs() < 1e-9);
        let by_topic = evaluation_report(
            period,
            EvaluationBreakdown::Like(Breakdown::Topic),
            &[four, five],
        );
        let keys: Vec<_> = by_topic
            .rows
            .iter()
            .map(|(k, t)| (k.as_str(), t.answered))
            .collect();
        assert_eq!(keys, [("arbeit-4-0", 9), ("logistik-4-0", 5)]);
        assert_eq!(
            by_topic.total.answered, 9,
            "a session with two topics counts once in the total"
        );
    }

    #[test]
    fn sessions_outside_the_period_and_without_invitations_are_left_out() {
        let period = Period::parse("2026-01-01", "2026-01-31").unwrap();
        let r = evaluation_report(
            period,
            EvaluationBreakdown::Like(Breakdown::Month),
            &[
                session("2026-02-01", 3, &[[3, 3, 3]], vec![]),
                session("2026-01-05", 0, &[], vec![]),
            ],
        );
        assert!(r.rows.is_empty());
        assert_eq!(r.total, Tally::default());
        assert_eq!(r.total.response_rate(), None);
        assert_eq!(
            EvaluationBreakdown::parse("county").unwrap_err().key,
            "invalid-group-by-evaluation"
        );
        assert_eq!(
            EvaluationBreakdown::parse("offering"),
            Ok(EvaluationBreakdown::Offering)
        );
    }

    proptest! {
        #[test]
        fn the_total_sums_every_session_once(sessions in prop::collection::vec((0u64..20, prop::collection::vec((1u8..=5, 1u8..=5, 1u8..=5), 0..8)), 0..12)) {
            let period = Period::parse("2026-01-01", "2026-12-31").unwrap();
            let sessions: Vec<EvaluatedSession> = sessions.iter().enumerate().map(|(i, (invited, answers))| {
                let answers: Vec<[u8; 3]> = answers.iter().map(|(a, b, c)| [*a, *b, *c]).collect();
                session(&format!("2026-{:02}-10", i % 12 + 1), *invited + answers.len() as u64, &answers, vec![Topic::Work40])
            }).collect();
            for b in EvaluationBreakdown::ALL {
                let r = evaluation_report(period, b, &sessions);
                if !matches!(b, EvaluationBreakdown::Like(Breakdown::Topic)) {
                    let answered: u64 = r.rows.iter().map(|(_, t)| t.answered).sum();
                    prop_assert_eq!(answered, r.total.answered);
                }
                for (_, t) in &r.rows {
                    prop_assert!(t.answered <= t.invited);
                    if let Some(avg) = t.averages() {
                        prop_assert!(avg.iter().all(|a| (1.0..=5.0).contains(a)));
                    }
                }
            }
        }
    }
}
