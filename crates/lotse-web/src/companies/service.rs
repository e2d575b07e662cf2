//! Companies' use cases: inviting employees, accepting an invitation, removing a
//! member and leaving a company.

use crate::error::AppError;
use crate::http::auth::{self};
use crate::i18n::Lang;
use crate::mail::{self, MailKind};
use crate::state::AppState;
use axum::http::StatusCode;
use lotse_core::accounts::{Action, Email, Membership, Role, Scope, authorize};
use lotse_store::accounts::{self as store, LinkPurpose};
use uuid::Uuid;

/// How long an invitation link lives.
pub(crate) const INVITATION_SECONDS: i64 = 14 * 24 * 60 * 60;
pub(crate) fn check(me: &auth::SignedIn, action: Action) -> Result<(), AppError> {
    match AppError::from_decision(
        authorize(Some(&me.actor), action),
        "refusal-not-found-company",
    ) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Invites `email` to company `id` on behalf of `me`.
pub async fn send_invitation(
    state: &AppState,
    me: &auth::SignedIn,
    id: Uuid,
    email: &str,
) -> Result<(), AppError> {
    check(me, Action::ManageCompany(id))?;
    let email = Email::parse(email)?;
    let company = store::company(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-company".into()))?;
    let token = auth::new_secret()?;
    let now = lotse_store::now_seconds();
    store::create_link(
        &state.db,
        &auth::hash_secret(&token),
        LinkPurpose::Invite,
        None,
        email.as_str(),
        Some(id),
        now,
        now + INVITATION_SECONDS,
    )
    .await?;
    let link = format!("{}/einladung?token={token}", state.config.public_url);
    let composed = mail::compose(Lang::De, MailKind::Invite, "", Some(&link), &company.name);
    mail::send_later(&state.db, &state.mail_wake, email.as_str(), &composed).await?;
    store::audit(
        &state.db,
        Some(me.person.id),
        "company.invited",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "invited": crate::accounts::service::address_in_log(email.as_str()) }),
        now,
    )
    .await?;
    Ok(())
}

/// Removes `person` from company `id`, checked against `me`'s rights.
pub async fn remove_member_of(
    state: &AppState,
    me: &auth::SignedIn,
    id: Uuid,
    person: Uuid,
) -> Result<(), AppError> {
    check(me, Action::ManageCompany(id))?;
    remove(state, me, id, person).await.map(|_| ())
}

/// `me` leaves company `id`.
pub async fn leave_company(
    state: &AppState,
    me: &auth::SignedIn,
    id: Uuid,
) -> Result<(), AppError> {
    remove(state, me, id, me.person.id).await.map(|_| ())
}

/// Accepts an invitation for the signed-in person; returns the company.
pub async fn accept_invitation(
    state: &AppState,
    me: &auth::SignedIn,
    token: &str,
) -> Result<Uuid, AppError> {
    let now = lotse_store::now_seconds();
    let invalid = || AppError::field("token", "invalid-invitation");
    let hash = auth::hash_secret(token.trim());
    // Check the address before spending the link, so that the right person can still
    // use it after somebody else tried.
    let peeked = store::peek_link(&state.db, &hash, LinkPurpose::Invite, now)
        .await?
        .ok_or_else(invalid)?;
    if peeked.email != me.person.email {
        return Err(AppError::Forbidden(
            "refusal-invitation-other-address".into(),
        ));
    }
    let link = store::use_link(&state.db, &hash, LinkPurpose::Invite, now)
        .await?
        .ok_or_else(invalid)?;
    let company = link
        .company_id
        .ok_or_else(|| AppError::Internal("invitation without company".into()))?;
    store::add_membership(
        &state.db,
        me.person.id,
        Membership {
            role: Role::Learner,
            scope: Scope::Company(company),
        },
        now,
    )
    .await?;
    // The mail reached the person: the address is confirmed.
    store::confirm_email(&state.db, me.person.id, now).await?;
    store::audit(
        &state.db,
        Some(me.person.id),
        "company.joined",
        &company.to_string(),
        &me.ip,
        serde_json::json!({}),
        now,
    )
    .await?;
    Ok(company)
}

pub(crate) async fn remove(
    state: &AppState,
    me: &auth::SignedIn,
    company: Uuid,
    person: Uuid,
) -> Result<StatusCode, AppError> {
    match store::remove_from_company(&state.db, company, person).await? {
        None => Err(AppError::Conflict("refusal-company-last-admin".into())),
        Some(0) => Err(AppError::NotFound("refusal-not-found-person".into())),
        Some(_) => {
            store::audit(
                &state.db,
                Some(me.person.id),
                "company.member_removed",
                &company.to_string(),
                &me.ip,
                serde_json::json!({ "person": person }),
                lotse_store::now_seconds(),
            )
            .await?;
            Ok(StatusCode::NO_CONTENT)
        }
    }
}

/// Makes `partners` the chambers and associations company `id` declares itself a
/// member of (its admins and center staff). Any other partner is refused (field
/// `partners`) and nothing changes. Audited when something changed.
pub async fn declare_member_of(
    state: &AppState,
    me: &auth::SignedIn,
    id: Uuid,
    partners: &[Uuid],
) -> Result<(), AppError> {
    check(me, Action::ManageCompany(id))?;
    let allowed: Vec<Uuid> = store::social_partners(&state.db)
        .await?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let unknown: Vec<String> = partners
        .iter()
        .filter(|p| !allowed.contains(p))
        .map(Uuid::to_string)
        .collect();
    if !unknown.is_empty() {
        return Err(AppError::field(
            "partners",
            crate::error::Message::new("invalid-member-of").with("ids", unknown.join(", ")),
        ));
    }
    let mut partners = partners.to_vec();
    partners.sort();
    partners.dedup();
    let now = lotse_store::now_seconds();
    if store::declare_member_of(&state.db, id, &partners, now).await? {
        store::audit(
            &state.db,
            Some(me.person.id),
            "company.member_of_changed",
            &id.to_string(),
            &me.ip,
            serde_json::json!({ "partners": partners.len() }),
            now,
        )
        .await?;
    }
    Ok(())
}
