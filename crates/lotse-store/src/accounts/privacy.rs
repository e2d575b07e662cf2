//! DSGVO: a person's data export and the erasure of their account.

use super::*;

/// Everything stored about a person, for DSGVO Art. 15 and 20. Contains no password
/// hash, session id or token.
pub async fn export_person(db: &Db, person_id: Uuid) -> StoreResult<Option<serde_json::Value>> {
    let Some(person) = person(db, person_id).await? else {
        return Ok(None);
    };
    let memberships = memberships(db, person_id).await?;
    let sessions = sessions_of(db, person_id).await?;
    let tokens = tokens_of(db, person_id).await?;
    type RegistrationRow = (
        Uuid,
        Uuid,
        String,
        i64,
        i64,
        String,
        Option<String>,
        i64,
        i64,
        Option<String>,
    );
    type CheckRow = (
        Uuid,
        String,
        Option<Uuid>,
        String,
        Option<f64>,
        Option<String>,
        i64,
        Option<i64>,
    );
    let (registrations, checks, feed): (Vec<RegistrationRow>, Vec<CheckRow>, Option<i64>) = on_reader!(db, pool => {
        let registrations = sqlx::query_as(
            "SELECT r.id, r.session_id, o.title, s.starts_at, s.ends_at, r.status, r.ticket_code,
                    r.created_at, r.updated_at, (SELECT c.name FROM companies c WHERE c.id = r.company_id)
             FROM registrations r JOIN sessions s ON s.id = r.session_id JOIN offerings o ON o.id = s.offering_id
             WHERE r.person_id = $1 ORDER BY s.starts_at, r.id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await?;
        let checks = sqlx::query_as(
            "SELECT id, questionnaire_version, company_id, status, overall, band, created_at, completed_at
             FROM assessments WHERE person_id = $1 ORDER BY created_at, id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await?;
        let feed = sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(pool)
            .await?;
        (registrations, checks, feed)
    });
    let (consents, audit): (Vec<(String, String, i64)>, Vec<AuditEntry>) = on_reader!(db, pool => {
        let consents = sqlx::query_as("SELECT notice, version, accepted_at FROM consents WHERE person_id = $1 ORDER BY accepted_at")
            .bind(person_id)
            .fetch_all(pool)
            .await?;
        let audit = sqlx::query_as(
            "SELECT at, actor_id, action, subject, ip, details FROM audit_log
             WHERE actor_id = $1 OR subject = $2 ORDER BY at",
        )
        .bind(person_id)
        .bind(person_id.to_string())
        .fetch_all(pool)
        .await?;
        (consents, audit)
    });
    let mut companies = Vec::new();
    for m in &memberships {
        if let Scope::Company(id) = m.membership.scope
            && let Some(c) = company(db, id).await?
            && !companies.iter().any(|x: &Company| x.id == c.id)
        {
            companies.push(c);
        }
    }
    Ok(Some(serde_json::json!({
        "person": {
            "id": person.id,
            "email": person.email,
            "name": person.name,
            "language": person.language,
            "email_confirmed_at": person.email_confirmed_at,
            "created_at": person.created_at,
            "has_password": person.password_hash.is_some(),
        },
        "memberships": memberships.iter().map(|m| serde_json::json!({
            "role": m.membership.role.key(),
            "organization": m.organization,
        })).collect::<Vec<_>>(),
        "companies": companies,
        "consents": consents.iter().map(|(notice, version, at)| serde_json::json!({
            "notice": notice, "version": version, "accepted_at": at,
        })).collect::<Vec<_>>(),
        "sign_in_sessions": sessions,
        "api_tokens": tokens,
        // Whether a private calendar feed exists; its secret address is not stored.
        "calendar_feed": feed.map(|created_at| serde_json::json!({ "created_at": created_at })),
        // `changed_at` is when the status last changed: for `attended`, the check-in.
        "registrations": registrations.iter().map(|(id, session, title, starts, ends, status, ticket, booked, changed, company)| serde_json::json!({
            "id": id, "session_id": session, "offering": title, "starts_at": starts, "ends_at": ends,
            "status": status, "ticket_code": ticket, "booked_at": booked, "changed_at": changed,
            "counts_for_company": company,
        })).collect::<Vec<_>>(),
        "digitalisierungs_checks": checks.iter().map(|(id, version, company, status, overall, band, created, completed)| serde_json::json!({
            "id": id, "questionnaire_version": version, "company_id": company, "status": status,
            "overall": overall, "band": band, "created_at": created, "completed_at": completed,
        })).collect::<Vec<_>>(),
        "audit_log": audit,
    })))
}

/// Erases a person (DSGVO Art. 17), in one transaction: name and address are replaced
/// irreversibly; the password, sign-in sessions, tokens, calendar feeds, links,
/// consents, check drafts, failed sign-ins under the address, invitations and every
/// mail to it (queued or sent) and the tickets of their registrations are removed;
/// privileged roles dropped. Registrations for sessions that have not started are
/// cancelled, so that their seats go to the waitlist (new tickets from `ticket`). The
/// row itself stays, pseudonymous, so counts that feed statistics (a company's
/// learners, past registrations) survive without the person. `None` when there was
/// no such person, or they were erased already.
pub async fn erase_person(
    db: &Db,
    person_id: Uuid,
    now: i64,
    ticket: &(dyn Fn() -> String + Sync),
) -> StoreResult<Option<Erased>> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let address: Option<String> = sqlx::query_scalar(
            "SELECT email FROM people WHERE id = $1 AND erased_at IS NULL",
        )
        .bind(person_id)
        .fetch_optional(&mut *tx)
        .await?;
        let erased = sqlx::query(
            "UPDATE people SET email = $2, name = 'Gelöschte Person', password_hash = NULL,
                    email_confirmed_at = NULL, erased_at = $3
             WHERE id = $1 AND erased_at IS NULL",
        )
        .bind(person_id)
        .bind(format!("erased-{}@invalid", person_id.simple()))
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let mut done = Erased::default();
        if erased == 1 {
            let upcoming: Vec<(Uuid, Uuid)> = sqlx::query_as(
                "SELECT r.id, r.session_id FROM registrations r
                 JOIN sessions s ON s.id = r.session_id
                 WHERE r.person_id = $1 AND r.status IN ('confirmed', 'waitlisted')
                   AND s.starts_at > $2
                 ORDER BY r.session_id",
            )
            .bind(person_id)
            .bind(now)
            .fetch_all(&mut *tx)
            .await?;
            for (id, session) in upcoming {
                if let Some(promoted) =
                    crate::booking::cancel_within!(tx, session, id, ticket, now)
                {
                    done.cancelled += 1;
                    done.promoted.extend(promoted);
                }
            }
            for sql in [
                "DELETE FROM auth_sessions WHERE person_id = $1",
                "DELETE FROM api_tokens WHERE person_id = $1",
                "DELETE FROM email_links WHERE person_id = $1",
                "DELETE FROM consents WHERE person_id = $1",
                "DELETE FROM memberships WHERE person_id = $1 AND role <> 'learner'",
                "DELETE FROM calendar_feeds WHERE person_id = $1",
                // Their delivery logs go with them (the foreign key cascades).
                "DELETE FROM webhooks WHERE owner_id = $1",
                // Import files they tried and never confirmed.
                "DELETE FROM catalogue_uploads WHERE person_id = $1",
                // Registrations stay for the figures, without the ticket that named her.
                "UPDATE registrations SET ticket_code = NULL WHERE person_id = $1",
                // Unfinished checks are the person's; completed ones count for figures.
                "DELETE FROM assessments WHERE person_id = $1 AND status = 'draft'",
            ] {
                sqlx::query(sql).bind(person_id).execute(&mut *tx).await?;
            }
            if let Some(address) = address {
                for sql in [
                    "DELETE FROM outbox WHERE recipient = $1",
                    // Invitations sent to the address by a company admin.
                    "DELETE FROM email_links WHERE email = $1",
                    // Requests to hear of new dates (stored in lower case).
                    "DELETE FROM date_requests WHERE email = LOWER($1)",
                ] {
                    sqlx::query(sql).bind(&address).execute(&mut *tx).await?;
                }
                sqlx::query("DELETE FROM login_failures WHERE email_hash = $1")
                    .bind(login_failures::address_hash(&address))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        (erased == 1).then_some(done)
    }))
}

/// What an erasure did besides removing the person's data.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Erased {
    /// Registrations for sessions yet to come that were cancelled.
    pub cancelled: u64,
    /// Waiting registrations that got the freed seats: their people are to be told.
    pub promoted: Vec<Uuid>,
}
