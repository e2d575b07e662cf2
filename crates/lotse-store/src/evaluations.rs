//! Evaluations after sessions: who is invited (and was mailed, in one transaction),
//! answers stored without any link to their person, and what reports read of them.

use crate::outbox::{ENQUEUE, OutgoingMail};
use crate::{Db, StoreResult, on_reader, on_writer, stored};
use lotse_core::catalogue::{OfferingKind, Topic, berlin};
use lotse_core::evaluation::{
    ANSWER_WITHIN_DAYS, Answer, EvaluatedSession, INVITE_WITHIN_DAYS, Ratings,
};
use std::collections::HashMap;
use uuid::Uuid;

const DAY: i64 = 24 * 3600;

/// Attended registrations of sessions held (not cancelled) that ended in the
/// [`INVITE_WITHIN_DAYS`] before `now` and whose people were not invited yet, nor
/// erased; at most 500 at a time.
pub async fn due_invitations(db: &Db, now: i64) -> StoreResult<Vec<Uuid>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar(
            "SELECT r.id FROM registrations r
             JOIN sessions s ON s.id = r.session_id
             JOIN people p ON p.id = r.person_id
             WHERE r.status = 'attended' AND s.status <> 'cancelled'
               AND s.ends_at <= $1 AND s.ends_at > $2 AND p.erased_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM evaluation_invitations i WHERE i.registration_id = r.id)
             ORDER BY s.ends_at LIMIT 500",
        )
        .bind(now)
        .bind(now - INVITE_WITHIN_DAYS * DAY)
        .fetch_all(pool)
        .await?
    }))
}

/// Invites the attendee of `registration` with the secret whose hash is `secret_hash`
/// and queues `mail`, both or neither; `false` when they were invited already (by
/// another process, say).
pub async fn invite(
    db: &Db,
    registration: Uuid,
    secret_hash: &str,
    mail: &OutgoingMail,
    now: i64,
) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let invited = sqlx::query(
            "INSERT INTO evaluation_invitations (registration_id, session_id, secret_hash, sent_at, answered)
             SELECT id, session_id, $2, $3, FALSE FROM registrations WHERE id = $1
             ON CONFLICT (registration_id) DO NOTHING",
        )
        .bind(registration)
        .bind(secret_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if invited {
            sqlx::query(ENQUEUE)
                .bind(Uuid::now_v7())
                .bind(&mail.recipient)
                .bind(&mail.subject)
                .bind(&mail.text_body)
                .bind(&mail.html_body)
                .bind(mail.ics.as_deref())
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        invited
    }))
}

/// What an invitation link shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// The session to evaluate.
    pub session: Uuid,
    /// Its offering's title.
    pub title: String,
    /// When it started and ended (seconds).
    pub starts_at: i64,
    /// When it ended.
    pub ends_at: i64,
    /// Whether the invitation was answered.
    pub answered: bool,
}

impl Invitation {
    /// Whether answers are still taken at `now`.
    pub fn open_at(&self, now: i64) -> bool {
        !self.answered && now <= self.ends_at + ANSWER_WITHIN_DAYS * DAY
    }
}

/// The invitation whose secret hashes to `secret_hash`.
pub async fn invitation(db: &Db, secret_hash: &str) -> StoreResult<Option<Invitation>> {
    let row: Option<(Uuid, String, i64, i64, bool)> = on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT s.id, o.title, s.starts_at, s.ends_at, i.answered
             FROM evaluation_invitations i JOIN sessions s ON s.id = i.session_id
             JOIN offerings o ON o.id = s.offering_id
             WHERE i.secret_hash = $1",
        )
        .bind(secret_hash)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(
        |(session, title, starts_at, ends_at, answered)| Invitation {
            session,
            title,
            starts_at,
            ends_at,
            answered,
        },
    ))
}

/// What became of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Saved.
    Saved,
    /// The invitation was answered before; nothing changed.
    Before,
    /// Too late to answer; nothing changed.
    Closed,
    /// No such invitation.
    Unknown,
}

/// Saves `answer` to the invitation whose secret hashes to `secret_hash`, once. The
/// invitation only learns that it was answered; the answer gets a random id and no
/// time, so neither order nor time ties it to its person.
pub async fn answer(
    db: &Db,
    secret_hash: &str,
    answer: &Answer,
    now: i64,
) -> StoreResult<Answered> {
    let Some(found) = invitation(db, secret_hash).await? else {
        return Ok(Answered::Unknown);
    };
    if found.answered {
        return Ok(Answered::Before);
    }
    if !found.open_at(now) {
        return Ok(Answered::Closed);
    }
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let claimed = sqlx::query(
            "UPDATE evaluation_invitations SET answered = TRUE WHERE secret_hash = $1 AND NOT answered",
        )
        .bind(secret_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if claimed {
            let r = answer.ratings;
            sqlx::query(
                "INSERT INTO evaluation_answers (id, session_id, relevance, quality, applicability, will_apply, comment)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(Uuid::new_v4())
            .bind(found.session)
            .bind(i16::from(r.relevance))
            .bind(i16::from(r.quality))
            .bind(i16::from(r.applicability))
            .bind(&answer.will_apply)
            .bind(&answer.comment)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        if claimed { Answered::Saved } else { Answered::Before }
    }))
}

/// The evaluated sessions of a period, with what their rows are called.
#[derive(Debug, Default)]
pub struct Evaluated {
    /// Each session with invitations.
    pub sessions: Vec<EvaluatedSession>,
    /// Each of their offerings' titles.
    pub titles: HashMap<Uuid, String>,
    /// Each session's offering and start (seconds).
    pub starts: HashMap<Uuid, (Uuid, i64)>,
}

/// Sessions that started in `[from, until)` (seconds) and have invitations, with their
/// answers' ratings; with `partner`, only that partner's offerings.
pub async fn evaluated_sessions(
    db: &Db,
    from: i64,
    until: i64,
    partner: Option<Uuid>,
) -> StoreResult<Evaluated> {
    type SessionRow = (Uuid, Uuid, Uuid, String, String, i64, i64);
    type AnswerRow = (Uuid, i16, i16, i16);
    let (sessions, answers, topics): (Vec<SessionRow>, Vec<AnswerRow>, Vec<(Uuid, String)>) = on_reader!(db, pool => {
        let mut conn = pool.acquire().await?;
        let sessions = sqlx::query_as(
            "SELECT s.id, s.offering_id, o.partner_id, o.kind, o.title, s.starts_at, count(*)
                 FROM evaluation_invitations i JOIN sessions s ON s.id = i.session_id
                 JOIN offerings o ON o.id = s.offering_id
                 WHERE s.starts_at >= $1 AND s.starts_at < $2 AND (o.partner_id = $3 OR $3 IS NULL)
                 GROUP BY s.id, s.offering_id, o.partner_id, o.kind, o.title, s.starts_at",
        )
        .bind(from)
        .bind(until)
        .bind(partner)
        .fetch_all(&mut *conn)
        .await?;
        let answers = sqlx::query_as(
            "SELECT a.session_id, a.relevance, a.quality, a.applicability
                 FROM evaluation_answers a JOIN sessions s ON s.id = a.session_id
                 JOIN offerings o ON o.id = s.offering_id
                 WHERE s.starts_at >= $1 AND s.starts_at < $2 AND (o.partner_id = $3 OR $3 IS NULL)",
        )
        .bind(from)
        .bind(until)
        .bind(partner)
        .fetch_all(&mut *conn)
        .await?;
        let topics = sqlx::query_as("SELECT offering_id, topic FROM offering_topics")
            .fetch_all(&mut *conn)
            .await?;
        (sessions, answers, topics)
    });
    let mut topics_of: HashMap<Uuid, Vec<Topic>> = HashMap::new();
    for (offering, topic) in topics {
        topics_of
            .entry(offering)
            .or_default()
            .push(stored(Topic::parse, &topic)?);
    }
    let mut answers_of: HashMap<Uuid, Vec<Ratings>> = HashMap::new();
    for (session, relevance, quality, applicability) in answers {
        let rating = |v: i16| u8::try_from(v).unwrap_or(0);
        answers_of.entry(session).or_default().push(Ratings {
            relevance: rating(relevance),
            quality: rating(quality),
            applicability: rating(applicability),
        });
    }
    let zone = berlin();
    let mut evaluated = Evaluated::default();
    for (session, offering, partner, kind, title, starts_at, invited) in sessions {
        let mut topics = topics_of.get(&offering).cloned().unwrap_or_default();
        topics.sort();
        evaluated.titles.insert(offering, title);
        evaluated.starts.insert(session, (offering, starts_at));
        evaluated.sessions.push(EvaluatedSession {
            session,
            offering,
            partner,
            kind: stored(OfferingKind::parse, &kind)?,
            topics,
            day: crate::instant(starts_at)?.to_zoned(zone.clone()).date(),
            invited: u64::try_from(invited).unwrap_or(0),
            answers: answers_of.remove(&session).unwrap_or_default(),
        });
    }
    Ok(evaluated)
}

/// The free texts ("what I will apply", "anything else") given for `offering`'s
/// sessions that started in `[from, until)`, the empty ones left out, sorted by text
/// rather than in the order given; and how many answers there were in all.
pub async fn texts(
    db: &Db,
    offering: Uuid,
    from: i64,
    until: i64,
) -> StoreResult<(u64, Vec<(String, String)>)> {
    let (count, texts): (i64, Vec<(String, String)>) = on_reader!(db, pool => {
        let mut conn = pool.acquire().await?;
        let count = sqlx::query_scalar(
            "SELECT count(*) FROM evaluation_answers a JOIN sessions s ON s.id = a.session_id
             WHERE s.offering_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3",
        )
        .bind(offering)
        .bind(from)
        .bind(until)
        .fetch_one(&mut *conn)
        .await?;
        let texts = sqlx::query_as(
            "SELECT a.will_apply, a.comment FROM evaluation_answers a JOIN sessions s ON s.id = a.session_id
             WHERE s.offering_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3
               AND (a.will_apply <> '' OR a.comment <> '')
             ORDER BY a.will_apply, a.comment",
        )
        .bind(offering)
        .bind(from)
        .bind(until)
        .fetch_all(&mut *conn)
        .await?;
        (count, texts)
    });
    Ok((u64::try_from(count).unwrap_or(0), texts))
}
