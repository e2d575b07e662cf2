//! The materials' use cases: adding a file or a link, removing it, and deciding who
//! sees what. Files are kept in the materials folder under their material's id (never
//! under a name a sender chose), written whole before their row exists and removed
//! after their row is gone.

use crate::error::AppError;
use crate::http::auth::SignedIn;
use crate::state::AppState;
use axum::body::Bytes;
use lotse_core::accounts::{Action, Decision, authorize};
use lotse_core::materials::{Audience, FileName, MaterialTitle, check_file, link};
use lotse_store::catalogue::{self as store, Material};
use sha2::Digest;
use std::path::PathBuf;
use uuid::Uuid;

/// Where material files live and how large one may be.
#[derive(Debug, Clone)]
pub struct MaterialSettings {
    /// The folder (by default `materials` beside the SQLite database, or under `data/`).
    pub dir: PathBuf,
    /// The largest file, in bytes.
    pub max_bytes: usize,
}

impl Default for MaterialSettings {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("data/materials"),
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

impl MaterialSettings {
    /// Where the file of material `id` is kept.
    pub fn path(&self, id: Uuid) -> PathBuf {
        self.dir.join(id.simple().to_string())
    }

    /// Creates the folder if needed and checks that files can be written there.
    pub fn prepare(&self) -> Result<(), String> {
        let named = |e: std::io::Error| {
            format!(
                "materials_dir / LOTSE_MATERIALS_DIR: {}: {e}",
                self.dir.display()
            )
        };
        std::fs::create_dir_all(&self.dir).map_err(named)?;
        let probe = self.dir.join(".lotse-probe");
        std::fs::write(&probe, b"").map_err(named)?;
        std::fs::remove_file(&probe).map_err(named)
    }
}

/// A file as sent in a form or a multipart request.
#[derive(Debug, Clone)]
pub struct SentFile {
    /// The name the sender gave it.
    pub name: String,
    /// The content type the sender declared, if any.
    pub declared_type: Option<String>,
    /// Its bytes.
    pub bytes: Bytes,
}

/// What a sender asks to add: a file or a link, for whom, with an optional title.
#[derive(Debug, Clone, Default)]
pub struct SentMaterial {
    /// The title; the file's name or the link when empty.
    pub title: String,
    /// `everyone` or `participants`.
    pub audience: String,
    /// The link, for a link material.
    pub url: String,
    /// The file, for a file material.
    pub file: Option<SentFile>,
    /// A session of the offering, as sent by the editor's form (empty: the offering).
    pub session_id: String,
}

/// Reads a request's multipart body (see [`read_multipart`]); any other body is
/// refused in words.
pub async fn read_request(request: axum::extract::Request) -> Result<SentMaterial, AppError> {
    use axum::extract::FromRequest;
    let multipart = axum::extract::Multipart::from_request(request, &())
        .await
        .map_err(|e| {
            AppError::field(
                "body",
                crate::error::Message::new("invalid-multipart").with("detail", e.body_text()),
            )
        })?;
    read_multipart(multipart).await
}

/// Reads a multipart body: the fields `title`, `audience`, `url`, `session_id` and the
/// file `file`. A file field without a name or bytes (a form sent without choosing a
/// file) counts as no file.
pub async fn read_multipart(
    mut multipart: axum::extract::Multipart,
) -> Result<SentMaterial, AppError> {
    let mut sent = SentMaterial::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(e)),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let declared_type = field.content_type().map(str::to_owned);
            let bytes = field.bytes().await.map_err(multipart_error)?;
            if !(file_name.is_empty() && bytes.is_empty()) {
                sent.file = Some(SentFile {
                    name: file_name,
                    declared_type,
                    bytes,
                });
            }
            continue;
        }
        let text = field.text().await.map_err(multipart_error)?;
        match name.as_str() {
            "title" => sent.title = text,
            "audience" => sent.audience = text,
            "url" => sent.url = text,
            "session_id" => sent.session_id = text,
            _ => {}
        }
    }
    Ok(sent)
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> AppError {
    // A body cut off at the size limit reads as a broken stream.
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE
        || e.body_text().contains("length limit")
    {
        return AppError::field("file", "invalid-file-too-large-request");
    }
    AppError::field(
        "body",
        crate::error::Message::new("invalid-multipart").with("detail", e.body_text()),
    )
}

/// The partner of `offering` if `me` may edit it; a withdrawn or another partner's
/// offering is not found, and roles that edit no catalogue are refused.
pub async fn editable_offering(
    state: &AppState,
    me: &SignedIn,
    offering: Uuid,
) -> Result<Uuid, AppError> {
    let partner = store::offering_partner(&state.db, offering)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-offering".into()))?;
    match AppError::from_decision(
        authorize(Some(&me.actor), Action::EditPartnerCatalogue(partner)),
        "refusal-not-found-offering",
    ) {
        Some(e) => Err(e),
        None => Ok(partner),
    }
}

fn invalid(field: &str, key: &'static str) -> crate::error::InvalidField {
    crate::error::InvalidField {
        field: field.to_owned(),
        message: key.into(),
    }
}

/// The offering of `session`, if there is such a session.
pub async fn offering_of_session(state: &AppState, session: Uuid) -> Result<Uuid, AppError> {
    Ok(store::session_owner(&state.db, session)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-session".into()))?
        .0)
}

/// Adds `sent` to `offering` (or to its `session`) for `me`, who must be allowed to
/// edit the offering. Nothing is kept when anything is wrong.
pub async fn add(
    state: &AppState,
    me: &SignedIn,
    offering: Uuid,
    session: Option<Uuid>,
    sent: SentMaterial,
) -> Result<Material, AppError> {
    editable_offering(state, me, offering).await?;
    if let Some(session) = session
        && store::session_owner(&state.db, session)
            .await?
            .map(|(o, _)| o)
            != Some(offering)
    {
        return Err(AppError::field("session_id", "invalid-session-of-offering"));
    }
    let mut errors = Vec::new();
    let audience = Audience::parse(&sent.audience)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let settings = &state.config.materials;
    let source = match (&sent.file, sent.url.trim()) {
        (Some(_), url) if !url.is_empty() => {
            errors.push(invalid("url", "invalid-file-or-link"));
            None
        }
        (Some(file), _) => match FileName::parse(&file.name).and_then(|name| {
            check_file(
                &name,
                file.declared_type.as_deref(),
                &file.bytes,
                settings.max_bytes,
            )
            .map(|t| (name, t))
        }) {
            Ok(checked) => Some(Ok(checked)),
            Err(e) => {
                errors.push(e.into());
                None
            }
        },
        (None, "") => {
            errors.push(invalid("file", "invalid-file-or-link"));
            None
        }
        (None, url) => match link(url) {
            Ok(url) => Some(Err(url)),
            Err(e) => {
                errors.push(e.into());
                None
            }
        },
    };
    let default_title = match &source {
        Some(Ok((name, _))) => name.as_str().to_owned(),
        Some(Err(url)) => url.as_str().to_owned(),
        None => String::new(),
    };
    let title_raw = if sent.title.trim().is_empty() {
        default_title.chars().take(200).collect()
    } else {
        sent.title.clone()
    };
    let title = MaterialTitle::parse("title", &title_raw)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let (Some(audience), Some(source), Some(title), true) =
        (audience, source, title, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let id = Uuid::now_v7();
    let mut material = Material {
        id,
        offering_id: offering,
        session_id: session,
        title: title.as_str().to_owned(),
        audience: audience.key().to_owned(),
        url: None,
        file_name: None,
        content_type: None,
        size_bytes: None,
        sha256: None,
        created_at: lotse_store::now_seconds(),
    };
    match source {
        Err(url) => material.url = Some(url.as_str().to_owned()),
        Ok((name, file_type)) => {
            let Some(file) = &sent.file else {
                return Err(AppError::Internal("a checked file without bytes".into()));
            };
            material.file_name = Some(name.as_str().to_owned());
            material.content_type = Some(file_type.content_type.to_owned());
            material.size_bytes = i64::try_from(file.bytes.len()).ok();
            material.sha256 = Some(format!("{:x}", sha2::Sha256::digest(&file.bytes)));
            keep_file(settings, id, &file.bytes).await?;
        }
    }
    if let Err(e) = store::add_material(&state.db, &material, me.person.id).await {
        forget_file(settings, id).await;
        return Err(e.into());
    }
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "material.added",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "offering": offering, "session": session, "audience": material.audience,
                            "file": material.file_name.is_some() }),
        material.created_at,
    )
    .await?;
    Ok(material)
}

/// Writes a file under a temporary name and renames it into place, so that nobody
/// ever reads half a file; readable by the owner and group only, never executable.
async fn keep_file(settings: &MaterialSettings, id: Uuid, bytes: &[u8]) -> Result<(), AppError> {
    use tokio::io::AsyncWriteExt;
    let path = settings.path(id);
    let part = path.with_extension("part");
    let internal =
        |e: std::io::Error| AppError::Internal(format!("material file {}: {e}", part.display()));
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o640);
    let mut file = options.open(&part).await.map_err(internal)?;
    let written = async {
        file.write_all(bytes).await?;
        file.sync_all().await?;
        tokio::fs::rename(&part, &path).await
    }
    .await;
    if let Err(e) = written {
        let _ = tokio::fs::remove_file(&part).await;
        return Err(internal(e));
    }
    Ok(())
}

async fn forget_file(settings: &MaterialSettings, id: Uuid) {
    match tokio::fs::remove_file(settings.path(id)).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        // The row is gone; a file left over is found by `lotse doctor` later.
        Err(e) => tracing::warn!(material = %id, error = %e, "material file not removed"),
    }
}

/// Removes material `id` for `me`, who must be allowed to edit its offering: its row,
/// then its file. Another partner's material is not found.
pub async fn remove(state: &AppState, me: &SignedIn, id: Uuid) -> Result<Material, AppError> {
    let not_found = || AppError::NotFound("refusal-not-found-material".into());
    let (material, partner) = store::material(&state.db, id)
        .await?
        .ok_or_else(not_found)?;
    if let Some(refused) = AppError::from_decision(
        authorize(Some(&me.actor), Action::EditPartnerCatalogue(partner)),
        "refusal-not-found-material",
    ) {
        return Err(refused);
    }
    let Some(removed) = store::remove_material(&state.db, id).await? else {
        return Err(not_found());
    };
    if removed.file_name.is_some() {
        forget_file(&state.config.materials, id).await;
    }
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "material.removed",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "offering": material.offering_id, "title": material.title }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(removed)
}

/// Whether `me` may see `material` of an offering of `partner`: anybody a material for
/// everyone; a participant's material its offering's editors and the people with a seat
/// (confirmed or attended) in its session, or in any session for the whole offering's.
pub async fn may_open(
    state: &AppState,
    me: Option<&SignedIn>,
    material: &Material,
    partner: Uuid,
) -> Result<bool, AppError> {
    if material.for_everyone() {
        return Ok(true);
    }
    let Some(me) = me else {
        return Ok(false);
    };
    if authorize(Some(&me.actor), Action::EditPartnerCatalogue(partner)) == Decision::Allow {
        return Ok(true);
    }
    Ok(store::holds_seat_for(
        &state.db,
        me.person.id,
        material.offering_id,
        material.session_id,
    )
    .await?)
}

/// The materials of `offering` that `me` may see, its sessions' included; with
/// `session`, only the offering's own and that session's. `None` when there is no
/// such offering (or it is withdrawn).
pub async fn visible(
    state: &AppState,
    me: Option<&SignedIn>,
    offering: Uuid,
    session: Option<Uuid>,
) -> Result<Option<Vec<Material>>, AppError> {
    let Some(partner) = store::offering_partner(&state.db, offering).await? else {
        return Ok(None);
    };
    let mut shown = Vec::new();
    for m in store::materials_of_offering(&state.db, offering).await? {
        if session.is_some() && m.session_id.is_some() && m.session_id != session {
            continue;
        }
        if may_open(state, me, &m, partner).await? {
            shown.push(m);
        }
    }
    Ok(Some(shown))
}
