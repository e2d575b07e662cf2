//! Qualifications' use cases: staff create and change them, each change a new version.

use crate::error::{AppError, InvalidField, Message};
use crate::http::auth::SignedIn;
use crate::state::AppState;
use lotse_core::accounts::{Action, Decision, authorize};
use lotse_core::catalogue::{Hours, NewQualification};
use lotse_core::text::{Line, Prose};
use lotse_store::qualifications as store;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A qualification as created or changed.
#[derive(Debug, Deserialize, ToSchema)]
pub struct QualificationRequest {
    /// Title, up to 120 characters, unique.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// Paragraphs separated by blank lines.
    pub description: String,
    /// Modules everybody must complete (offerings of kind `module`), in order.
    pub required: Vec<Uuid>,
    /// Modules to choose from, in order.
    #[serde(default)]
    pub elective: Vec<Uuid>,
    /// Hours of completed modules needed in all (required ones included).
    pub minimum_hours: i64,
    /// The partners responsible for it.
    #[serde(default)]
    pub partners: Vec<Uuid>,
}

/// Whether `me` may look after qualifications.
fn may_manage(me: &SignedIn) -> Result<(), AppError> {
    match authorize(Some(&me.actor), Action::ManageQualifications) {
        Decision::Allow => Ok(()),
        other => Err(
            AppError::from_decision(other, "refusal-not-found-qualification")
                .unwrap_or(AppError::Forbidden("refusal-role".into())),
        ),
    }
}

/// Checks a request against the catalogue: every module exists and is a module, every
/// partner exists, the hours are reachable. All field errors at once.
async fn parse(
    state: &AppState,
    body: &QualificationRequest,
) -> Result<NewQualification, AppError> {
    let mut errors: Vec<InvalidField> = Vec::new();
    fn keep<T>(errors: &mut Vec<InvalidField>, r: Result<T, lotse_core::Invalid>) -> Option<T> {
        r.map_err(|e| errors.push(e.into())).ok()
    }
    let title = keep(&mut errors, Line::<120>::parse("title", &body.title));
    let summary = keep(&mut errors, Prose::<400>::parse("summary", &body.summary));
    let description = keep(
        &mut errors,
        Prose::<8000>::parse("description", &body.description),
    );
    let minimum = keep(
        &mut errors,
        Hours::parse("minimum_hours", body.minimum_hours),
    );
    let required = store::modules_among(&state.db, &body.required).await?;
    let elective = store::modules_among(&state.db, &body.elective).await?;
    for (field, asked, found) in [
        ("required", &body.required, &required),
        ("elective", &body.elective, &elective),
    ] {
        if let Some(unknown) = asked
            .iter()
            .find(|id| !found.iter().any(|m| m.offering_id == **id))
        {
            errors.push(InvalidField {
                field: field.into(),
                message: Message::new("invalid-unknown-module").with("id", unknown),
            });
        }
    }
    let partners = store::partners_among(&state.db, &body.partners).await?;
    if let Some(unknown) = body.partners.iter().find(|p| !partners.contains(p)) {
        errors.push(InvalidField {
            field: "partners".into(),
            message: Message::new("invalid-unknown-partner").with("id", unknown),
        });
    }
    match (title, summary, description, minimum) {
        (Some(title), Some(summary), Some(description), Some(minimum)) if errors.is_empty() => Ok(
            NewQualification::new(title, summary, description, &required, &elective, minimum)?,
        ),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Creates a qualification (staff); returns its id.
pub async fn create(
    state: &AppState,
    me: &SignedIn,
    body: &QualificationRequest,
) -> Result<Uuid, AppError> {
    may_manage(me)?;
    let qualification = parse(state, body).await?;
    let id = Uuid::now_v7();
    let now = jiff::Timestamp::now();
    if !store::create(&state.db, id, &qualification, &body.partners, now).await? {
        return Err(AppError::field("title", "invalid-title-taken"));
    }
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "qualification.created",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "version": 1 }),
        now.as_second(),
    )
    .await?;
    Ok(id)
}

/// Changes qualification `id` (staff): a new version; returns its number.
pub async fn change(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    body: &QualificationRequest,
) -> Result<i64, AppError> {
    may_manage(me)?;
    let qualification = parse(state, body).await?;
    let now = jiff::Timestamp::now();
    match store::update(&state.db, id, &qualification, &body.partners, now).await? {
        store::Changed::NotFound => {
            Err(AppError::NotFound("refusal-not-found-qualification".into()))
        }
        store::Changed::TitleTaken => Err(AppError::field("title", "invalid-title-taken")),
        store::Changed::Version(version) => {
            lotse_store::accounts::audit(
                &state.db,
                Some(me.person.id),
                "qualification.changed",
                &id.to_string(),
                &me.ip,
                serde_json::json!({ "version": version }),
                now.as_second(),
            )
            .await?;
            Ok(version)
        }
    }
}
