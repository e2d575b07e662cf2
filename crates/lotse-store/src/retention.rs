//! Keeping personal data no longer than needed: sent mails, accounts never confirmed,
//! expired links, anonymous check drafts and old audit entries are purged by a
//! background job. Every purge is idempotent, so several processes may run it at once.

use crate::accounts::erase_person;
use crate::{Db, StoreResult, on_reader, on_writer};
use uuid::Uuid;

/// How long what is kept, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Mails after they were sent.
    pub sent_mail_days: i64,
    /// Accounts whose address was never confirmed, after they were created; they are
    /// erased like an account deleted by its owner, so figures keep their rows.
    pub unconfirmed_account_days: i64,
    /// Digitalisierungs-Check drafts of nobody (taken without signing in), after
    /// their last change.
    pub check_draft_days: i64,
    /// Audit entries.
    pub audit_days: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            sent_mail_days: 30,
            unconfirmed_account_days: 7,
            check_draft_days: 30,
            audit_days: 730,
        }
    }
}

/// How many of each were purged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Purged {
    /// Sent mails deleted.
    pub sent_mails: u64,
    /// Unconfirmed accounts erased.
    pub unconfirmed_accounts: u64,
    /// Confirmation, reset and invitation links deleted after they expired.
    pub expired_links: u64,
    /// Anonymous check drafts deleted.
    pub check_drafts: u64,
    /// Audit entries deleted.
    pub audit_entries: u64,
    /// Webhook deliveries done (delivered or given up) as long ago as sent mails, and
    /// events handed out more than a day ago.
    pub webhook_deliveries: u64,
    /// Sign-in sessions past their absolute limit, and failed sign-ins older than a
    /// day (their window is 15 minutes).
    pub expired_sign_ins: u64,
    /// Waiting registrations that got a seat an erased account held: their people are
    /// to be told.
    pub promoted: Vec<Uuid>,
}

const DAY: i64 = 24 * 60 * 60;

/// Purges everything past its time at `now` (epoch seconds); `ticket` issues the
/// tickets of people who move up from a waitlist (see [`erase_person`]).
pub async fn purge(
    db: &Db,
    keep: Retention,
    now: i64,
    ticket: &(dyn Fn() -> String + Sync),
) -> StoreResult<Purged> {
    let mut purged = Purged::default();
    let unconfirmed: Vec<Uuid> = on_reader!(db, pool => {
        sqlx::query_scalar(
            "SELECT id FROM people
             WHERE email_confirmed_at IS NULL AND erased_at IS NULL AND created_at < $1",
        )
        .bind(now - keep.unconfirmed_account_days * DAY)
        .fetch_all(pool)
        .await?
    });
    for person in unconfirmed {
        if let Some(erased) = erase_person(db, person, now, ticket).await? {
            purged.unconfirmed_accounts += 1;
            purged.promoted.extend(erased.promoted);
        }
    }
    let deleted = |sql: &'static str, before: i64| async move {
        Ok::<u64, crate::StoreError>(on_writer!(db, pool => {
            sqlx::query(sql).bind(before).execute(pool).await?.rows_affected()
        }))
    };
    purged.sent_mails = deleted(
        "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1",
        now - keep.sent_mail_days * DAY,
    )
    .await?;
    purged.expired_links = deleted("DELETE FROM email_links WHERE expires_at < $1", now).await?;
    purged.check_drafts = deleted(
        "DELETE FROM assessments
         WHERE status = 'draft' AND person_id IS NULL AND company_id IS NULL AND updated_at < $1",
        now - keep.check_draft_days * DAY,
    )
    .await?;
    purged.audit_entries = deleted(
        "DELETE FROM audit_log WHERE at < $1",
        now - keep.audit_days * DAY,
    )
    .await?;
    purged.webhook_deliveries = deleted(
        "DELETE FROM webhook_deliveries
         WHERE COALESCE(delivered_at, given_up_at) IS NOT NULL AND COALESCE(delivered_at, given_up_at) < $1",
        now - keep.sent_mail_days * DAY,
    )
    .await?;
    deleted(
        "DELETE FROM webhook_events WHERE dispatched_at IS NOT NULL AND dispatched_at < $1",
        now - DAY,
    )
    .await?;
    // Requests for dates whose address was never confirmed.
    deleted(
        "DELETE FROM date_requests WHERE confirmed_at IS NULL AND created_at < $1",
        now - keep.unconfirmed_account_days * DAY,
    )
    .await?;
    // Import files that were tried but never confirmed.
    deleted(
        "DELETE FROM catalogue_uploads WHERE created_at < $1",
        now - DAY,
    )
    .await?;
    purged.expired_sign_ins = deleted("DELETE FROM auth_sessions WHERE expires_at < $1", now)
        .await?
        + deleted("DELETE FROM login_failures WHERE at < $1", now - DAY).await?;
    Ok(purged)
}
