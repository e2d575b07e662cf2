//! Credentials' use cases: signing what completions issued, publishing status lists,
//! verifying a credential check by check, revoking and reissuing.

use crate::error::AppError;
use crate::format;
use crate::http::auth::SignedIn;
use crate::i18n::Lang;
use crate::state::AppState;
use lotse_core::accounts::{Action, Decision, authorize};
use lotse_credentials::badge::{Achievement, Issuer, Recipient, open_badge};
use lotse_credentials::keys::{SigningKey, did_of};
use lotse_credentials::proof::{self, ProofFailure};
use lotse_credentials::status::{self, StatusList};
use lotse_store::credentials as store;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use tokio::sync::Notify;
use utoipa::ToSchema;
use uuid::Uuid;

/// Where credentials and status lists are published: `PUBLIC_URL/nachweise/`.
fn published(state: &AppState) -> String {
    format!(
        "{}/nachweise/",
        state.config.public_url.trim_end_matches('/')
    )
}

/// The public address of credential `id`'s verification page, which is also its `id`.
pub fn credential_url(state: &AppState, id: Uuid) -> String {
    format!("{}{id}", published(state))
}

/// The public address of status list `number`.
pub fn status_list_url(state: &AppState, number: i64) -> String {
    format!("{}status/{number}", published(state))
}

/// The center as issuer under `key`.
fn issuer(state: &AppState, key: &SigningKey) -> Issuer {
    Issuer {
        did: key.did(),
        name: state.config.site.name().to_owned(),
        url: state.config.public_url.trim_end_matches('/').to_owned(),
    }
}

/// The current signing key, if `lotse keys create` has made one.
async fn signing_key(state: &AppState) -> Result<Option<SigningKey>, AppError> {
    Ok(match store::current_key(&state.db).await? {
        Some(row) => row
            .secret
            .as_deref()
            .map(SigningKey::from_secret)
            .transpose()
            .map_err(|e| AppError::Internal(e.to_string()))?,
        None => None,
    })
}

/// A key just made: the `did:key` it issues under, and the key it retired.
#[derive(Debug, Clone)]
pub struct KeyMade {
    /// `did:key:z6Mk…`.
    pub did: String,
    /// The verification method of the key retired by a rotation.
    pub retired: Option<String>,
}

/// Makes a signing key current: the first (`rotate` false; refused when one exists)
/// or the next (`rotate` true; refused when there is none to rotate).
pub async fn add_signing_key(db: &lotse_store::Db, rotate: bool) -> Result<KeyMade, String> {
    let current = store::current_key(db).await.map_err(|e| e.to_string())?;
    match (&current, rotate) {
        (Some(key), false) => {
            return Err(format!(
                "keys create: a signing key exists ({}); use `lotse keys rotate` for a new one",
                key.verification_method
            ));
        }
        (None, true) => {
            return Err("keys rotate: there is no key yet; use `lotse keys create`".into());
        }
        _ => {}
    }
    let key = SigningKey::generate().map_err(|e| e.to_string())?;
    let retired = store::add_key(
        db,
        &key.verification_method(),
        &key.secret(),
        lotse_store::now_seconds(),
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(KeyMade {
        did: key.did(),
        retired,
    })
}

/// What a pending credential says, in its learner's language.
fn achievement(state: &AppState, pending: &store::Pending) -> Achievement {
    let lang = Lang::from_code(&pending.language).unwrap_or(Lang::De);
    let base = state.config.public_url.trim_end_matches('/');
    let day = |at: i64| {
        jiff::Timestamp::from_second(at)
            .map(format::iso_date)
            .unwrap_or_default()
    };
    let alignments = pending
        .topics
        .iter()
        .map(|topic| {
            (
                lang.t(&format!("topic-{topic}")),
                format!("{base}/angebote?topic={topic}"),
            )
        })
        .collect();
    let module_line = |m: &store::AttendedModule| {
        lang.t_args(
            "credential-module-line",
            &[
                ("title", m.title.clone().into()),
                ("hours", m.hours.into()),
                ("date", day(m.completed_at).into()),
                ("partner", m.partner_name.clone().into()),
            ],
        )
    };
    match &pending.qualification {
        Some(store::QualificationVersion {
            id,
            version,
            title,
            minimum_hours,
        }) => {
            let hours: i64 = pending.modules.iter().map(|m| m.hours).sum();
            let lines: Vec<String> = pending.modules.iter().map(module_line).collect();
            Achievement {
                id: format!("{base}/qualifizierungen/{id}"),
                name: title.clone(),
                description: lang.t_args(
                    "credential-qualification-description",
                    &[
                        ("title", title.clone().into()),
                        ("version", (*version).into()),
                        ("hours", hours.into()),
                        ("modules", lines.join("; ").into()),
                    ],
                ),
                criteria: lang.t_args(
                    "credential-qualification-criteria",
                    &[("minimum", (*minimum_hours).into())],
                ),
                alignments,
            }
        }
        None => {
            let module = pending.modules.first();
            Achievement {
                id: format!(
                    "{base}/angebote/{}",
                    module.map(|m| m.offering_id).unwrap_or_default()
                ),
                name: module.map(|m| m.title.clone()).unwrap_or_default(),
                description: module.map(module_line).unwrap_or_default(),
                criteria: lang.t("credential-module-criteria"),
                alignments,
            }
        }
    }
}

/// Signs the credentials completions issued, up to `limit`; returns how many were
/// signed. Without a signing key nothing is signed (`lotse doctor` says so).
pub async fn sign_pending(state: &AppState, limit: i64) -> Result<usize, AppError> {
    let Some(key) = signing_key(state).await? else {
        return Ok(0);
    };
    let issuer = issuer(state, &key);
    let method = key.verification_method();
    let mut signed = 0;
    for pending in store::pending(&state.db, limit).await? {
        let Some(index) = usize::try_from(pending.status_index).ok() else {
            continue;
        };
        let list = i64::try_from(index / status::ENTRIES).unwrap_or_default();
        let issued = jiff::Timestamp::from_second(pending.issued_at)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let recipient =
            Recipient::new(&pending.email).map_err(|e| AppError::Internal(e.to_string()))?;
        let document = open_badge(
            &credential_url(state, pending.id),
            &issuer,
            issued,
            &achievement(state, &pending),
            &recipient,
            status::entry(&status_list_url(state, list), index % status::ENTRIES),
        );
        let document = proof::sign(document, &key, issued)
            .await
            .map(lotse_credentials::badge::with_proof_set)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let text =
            serde_json::to_string(&document).map_err(|e| AppError::Internal(e.to_string()))?;
        if store::store_signed(&state.db, pending.id, &text, &method).await? {
            signed += 1;
        }
    }
    Ok(signed)
}

/// Signs the credentials that `completions` issued (in the attendance's transaction)
/// right away, so the learner finds them signed. The attendance is committed by then:
/// a failure here is logged and left to the background signer, never answered as an
/// error.
pub async fn sign_issued(
    state: &AppState,
    completions: &[lotse_store::qualifications::CompletionChange],
) {
    use lotse_store::qualifications::CompletionChange as C;
    let issued = completions
        .iter()
        .filter(|c| {
            matches!(
                c,
                C::ModuleCompleted { .. } | C::QualificationCompleted { .. }
            )
        })
        .count();
    if issued > 0
        && let Err(e) = sign_pending(
            state,
            i64::try_from(issued).unwrap_or(i64::MAX).saturating_add(10),
        )
        .await
    {
        tracing::warn!(error = ?e, "credentials left to the background signer");
    }
}

/// Signs pending credentials every few seconds until stopped: what a completion issued
/// without a key, or while another process was busy, gets signed.
pub async fn run_signer(state: AppState, stop: Arc<Notify>) {
    loop {
        // Completions from before credentials existed get theirs first.
        if let Err(e) = store::issue_missing(&state.db, 100, lotse_store::now_seconds()).await {
            tracing::warn!(error = %e, "credentials for earlier completions not issued");
        }
        loop {
            match sign_pending(&state, 100).await {
                Ok(100) => continue,
                Ok(_) => break,
                Err(e) => {
                    tracing::warn!(error = ?e, "credentials not signed");
                    break;
                }
            }
        }
        tokio::select! {
            () = tokio::time::sleep(std::time::Duration::from_secs(5)) => {},
            () = stop.notified() => return,
        }
    }
}

/// The signed `BitstringStatusListCredential` of list `number`: the stored one while
/// no bit changed since, else signed anew. `None` for a list that holds nothing.
pub async fn status_list(state: &AppState, number: i64) -> Result<Option<String>, AppError> {
    if let Some(document) = store::signed_list(&state.db, number).await? {
        return Ok(Some(document));
    }
    if !store::list_exists(&state.db, number).await? {
        return Ok(None);
    }
    let Some(key) = signing_key(state).await? else {
        return Ok(None);
    };
    // Read the time before the bits: a revocation after it makes the list stale again.
    let now = jiff::Timestamp::now();
    let revoked = store::revoked_in_list(&state.db, number).await?;
    let list = StatusList::with_set(revoked.into_iter().filter_map(|i| usize::try_from(i).ok()));
    let unsigned = status::list_credential(&status_list_url(state, number), &key.did(), now, &list);
    let signed = proof::sign(unsigned, &key, now)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let text = serde_json::to_string(&signed).map_err(|e| AppError::Internal(e.to_string()))?;
    store::store_signed_list(&state.db, number, &text, now.as_second()).await?;
    Ok(Some(text))
}

/// Proofs checked before, by a digest of the document: a proof's outcome depends on the
/// document's bytes alone (the key is in the `did:key`), and checking one takes
/// milliseconds of canonicalization. Bounded; emptied when full.
static PROOFS: std::sync::LazyLock<std::sync::Mutex<ProofOutcomes>> =
    std::sync::LazyLock::new(Default::default);

/// A proof's outcome by the digest of its document.
type ProofOutcomes = std::collections::HashMap<[u8; 32], Result<String, ProofFailure>>;

/// Most outcomes kept in [`PROOFS`].
const PROOFS_KEPT: usize = 20_000;

/// [`proof::verify`], remembered for documents checked before.
async fn verify_proof(document: &Value) -> Result<String, ProofFailure> {
    use sha2::Digest;
    let digest: [u8; 32] = sha2::Sha256::digest(document.to_string().as_bytes()).into();
    let known = PROOFS
        .lock()
        .ok()
        .and_then(|proofs| proofs.get(&digest).cloned());
    if let Some(outcome) = known {
        return outcome;
    }
    let outcome = proof::verify(document).await;
    if let Ok(mut proofs) = PROOFS.lock() {
        if proofs.len() >= PROOFS_KEPT {
            proofs.clear();
        }
        proofs.insert(digest, outcome.clone());
    }
    outcome
}

/// One check of a verification.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Check {
    /// `known`, `proof`, `issuer`, `status_list`, `status`, `valid_from`.
    pub check: &'static str,
    /// Whether it passed.
    pub passed: bool,
    /// What was found, in the reader's language.
    pub detail: String,
}

/// A verification's outcome.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Verification {
    /// `valid`, `revoked`, `unknown` or `invalid`.
    pub status: &'static str,
    /// Every check made, in order; `invalid` names the failed ones.
    pub checks: Vec<Check>,
    /// When it was revoked, if it was (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
}

/// Verifies `document` as a verifier elsewhere would: its proof, that lotse's key
/// signed it under the issuer it names, the status list (itself signed) and its bit,
/// and the date it is valid from.
pub async fn verify(
    state: &AppState,
    lang: Lang,
    document: &Value,
) -> Result<Verification, AppError> {
    let mut checks = Vec::new();
    let mut check = |check: &'static str, passed: bool, detail: String| {
        checks.push(Check {
            check,
            passed,
            detail,
        });
        passed
    };
    // Known: its id is one of lotse's credentials.
    let published = published(state);
    let id = document
        .get("id")
        .and_then(Value::as_str)
        .and_then(|id| id.strip_prefix(published.as_str()))
        .and_then(|id| Uuid::try_parse(id).ok());
    let stored = match id {
        Some(id) => store::credential(&state.db, id).await?,
        None => None,
    };
    let Some(stored) = stored else {
        check("known", false, lang.t("verify-unknown"));
        return Ok(Verification {
            status: "unknown",
            checks,
            revoked_at: None,
        });
    };
    check("known", true, lang.t("verify-known"));
    let method = verify_proof(document).await;
    check(
        "proof",
        method.is_ok(),
        match &method {
            Ok(_) => lang.t("verify-proof-ok"),
            Err(ProofFailure::Missing) => lang.t("verify-proof-missing"),
            Err(ProofFailure::Unexpected(what)) => {
                lang.t_args("verify-proof-unexpected", &[("what", what.clone().into())])
            }
            Err(ProofFailure::Malformed(_)) => lang.t("verify-proof-malformed"),
            Err(ProofFailure::Invalid(_)) => lang.t("verify-proof-invalid"),
        },
    );
    // The key the proof names (whether or not the signature holds): one of the
    // center's, and the issuer the credential names.
    let claimed = document
        .pointer("/proof/verificationMethod")
        .or_else(|| document.pointer("/proof/0/verificationMethod"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let ours = store::keys(&state.db)
        .await?
        .into_iter()
        .find(|k| k.verification_method == claimed);
    let named = document
        .pointer("/issuer/id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    check(
        "issuer",
        ours.is_some() && did_of(claimed) == named,
        match &ours {
            Some(_) if did_of(claimed) != named => lang.t("verify-issuer-mismatch"),
            Some(key) if key.retired_at.is_some() => lang.t("verify-issuer-retired-key"),
            Some(_) => lang.t("verify-issuer-ok"),
            None => lang.t("verify-issuer-foreign"),
        },
    );
    // The status list as anyone else would read it: signed, and the bit in it.
    let list_url = document
        .pointer("/credentialStatus/statusListCredential")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let index = document
        .pointer("/credentialStatus/statusListIndex")
        .and_then(Value::as_str)
        .and_then(|i| i.parse::<usize>().ok());
    let number = list_url
        .strip_prefix(&format!("{published}status/"))
        .and_then(|n| n.parse::<i64>().ok());
    let list = match number {
        Some(number) => status_list(state, number).await?,
        None => None,
    };
    let list: Option<Value> = list.and_then(|text| serde_json::from_str(&text).ok());
    let list_signed = match &list {
        Some(list) => verify_proof(list).await.ok(),
        None => None,
    };
    let list_ok = check(
        "status_list",
        list_signed.is_some(),
        lang.t(if list_signed.is_some() {
            "verify-list-ok"
        } else {
            "verify-list-bad"
        }),
    );
    let bits = list
        .as_ref()
        .filter(|_| list_ok)
        .and_then(|l| l.pointer("/credentialSubject/encodedList"))
        .and_then(Value::as_str)
        .and_then(|encoded| StatusList::decode(encoded).ok());
    let revoked = match (bits, index) {
        (Some(bits), Some(index)) => bits.is_set(index),
        _ => None,
    };
    let revoked_at = stored
        .revoked_at
        .and_then(|at| jiff::Timestamp::from_second(at).ok());
    check(
        "status",
        revoked == Some(false),
        match (revoked, revoked_at) {
            (Some(true), Some(at)) => lang.t_args(
                "verify-revoked",
                &[
                    ("date", format::date(lang, at).into()),
                    (
                        "reason",
                        reason_text(lang, stored.revocation_reason.as_deref()).into(),
                    ),
                ],
            ),
            (Some(false), _) => lang.t("verify-not-revoked"),
            _ => lang.t("verify-status-unreadable"),
        },
    );
    let valid_from = document
        .get("validFrom")
        .and_then(Value::as_str)
        .and_then(|v| v.parse::<jiff::Timestamp>().ok());
    let started = valid_from.is_some_and(|from| from <= jiff::Timestamp::now());
    check(
        "valid_from",
        started,
        lang.t(if started {
            "verify-valid-from-ok"
        } else {
            "verify-valid-from-bad"
        }),
    );
    // Any failed check but the revocation's makes it invalid; a set bit, revoked.
    let status = if !checks.iter().all(|c| c.passed || c.check == "status") {
        "invalid"
    } else if revoked == Some(true) {
        "revoked"
    } else {
        "valid"
    };
    Ok(Verification {
        status,
        checks,
        revoked_at: revoked_at
            .filter(|_| revoked == Some(true))
            .map(format::rfc3339),
    })
}

/// The PDF certificate of credential `found`, with the site's template; `None` once
/// what it attests is no longer completed.
pub async fn certificate(
    state: &AppState,
    found: &store::CredentialRow,
) -> Result<Option<Vec<u8>>, AppError> {
    use lotse_documents::certificate::{Certificate, ModuleLine, render};
    let lang = Lang::from_code(&found.person_language).unwrap_or(Lang::De);
    let (_, modules) = store::attested(
        &state.db,
        found.person_id,
        found.offering_id,
        found.qualification_id.zip(found.qualification_version),
    )
    .await?;
    if modules.is_empty() {
        return Ok(None);
    }
    let day = |at: i64| {
        jiff::Timestamp::from_second(at)
            .map(|t| format::long_date(lang, t))
            .unwrap_or_default()
    };
    let certificate = Certificate {
        lang: lang.code().to_owned(),
        holder: found.person_name.clone(),
        kind: if found.offering_id.is_some() {
            "module"
        } else {
            "qualification"
        }
        .into(),
        achievement: found.title.clone(),
        modules: modules
            .iter()
            .map(|m| ModuleLine {
                title: m.title.clone(),
                hours: m.hours,
                date: day(m.completed_at),
                partner: m.partner_name.clone(),
            })
            .collect(),
        issuer: state.config.site.name().to_owned(),
        issued: day(found.issued_at),
        url: credential_url(state, found.id),
        id: found.id.to_string(),
    };
    let (template, _) =
        crate::documents::template(state, crate::documents::DocumentKind::Certificate).await?;
    let pdf = crate::documents::render(move || render(&template, &certificate)).await?;
    Ok(Some(pdf))
}

/// Why a credential was revoked, in words: withdrawn attendance, or staff's own text.
pub fn reason_text(lang: Lang, reason: Option<&str>) -> String {
    match reason {
        Some("attendance-withdrawn") => lang.t("credential-reason-attendance-withdrawn"),
        Some(text) => text.to_owned(),
        None => String::new(),
    }
}

/// Whether `me` may revoke and reissue credentials.
fn may_revoke(me: &SignedIn) -> Result<(), AppError> {
    match authorize(Some(&me.actor), Action::RevokeCredential) {
        Decision::Allow => Ok(()),
        other => Err(
            AppError::from_decision(other, "refusal-not-found-credential")
                .unwrap_or(AppError::Forbidden("refusal-role".into())),
        ),
    }
}

/// Revokes credential `id` with `reason` (staff): its bit is set, the status list is
/// signed anew on its next reading.
pub async fn revoke(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    reason: &str,
) -> Result<(), AppError> {
    may_revoke(me)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::field("reason", "invalid-revocation-reason"));
    }
    let now = jiff::Timestamp::now().as_second();
    match store::revoke(&state.db, id, reason, now).await? {
        None => Err(AppError::NotFound("refusal-not-found-credential".into())),
        Some(false) => Err(AppError::Conflict(
            "refusal-credential-revoked-already".into(),
        )),
        Some(true) => {
            lotse_store::accounts::audit(
                &state.db,
                Some(me.person.id),
                "credential.revoked",
                &id.to_string(),
                &me.ip,
                serde_json::json!({ "reason": reason }),
                now,
            )
            .await?;
            Ok(())
        }
    }
}

/// Issues a new credential in place of revoked credential `id` (staff), after a
/// correction; signs it at once. Returns the new credential's id.
pub async fn reissue(state: &AppState, me: &SignedIn, id: Uuid) -> Result<Uuid, AppError> {
    may_revoke(me)?;
    let now = jiff::Timestamp::now().as_second();
    let Some(new) = store::reissue(&state.db, id, now).await? else {
        return Err(match store::credential(&state.db, id).await? {
            None => AppError::NotFound("refusal-not-found-credential".into()),
            Some(_) => AppError::Conflict("refusal-credential-not-reissuable".into()),
        });
    };
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "credential.reissued",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "new": new }),
        now,
    )
    .await?;
    // Issued and committed; signing now spares the reader a "being issued" page.
    if let Err(e) = sign_pending(state, 100).await {
        tracing::warn!(error = ?e, "reissued credential left to the background signer");
    }
    Ok(new)
}
