//! The JSON API under `/api/v1` and its OpenAPI 3.1 document, generated from the
//! handlers' annotations so that every route is described.

use crate::http::error::{FieldError, Problem};
use crate::http::page::Ctx;
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::response::Response;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "lotse API",
        description = "The public JSON API of lotse, the platform of a digital-transformation \
                       competence center for SMEs. Errors are application/problem+json (RFC 9457).",
        version = "1"
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&Credentials),
    tags(
        (name = "catalogue", description = "Offerings, sessions, qualifications and reference data"),
        (name = "booking", description = "Registrations, waitlist and cancellation"),
        (name = "accounts", description = "Registration, sign-in, the signed-in person, tokens, DSGVO export and erasure, administration"),
        (name = "assessment", description = "The Digitalisierungs-Check: questionnaire, results, recommendations"),
        (name = "qualifications", description = "Progress through qualifications: completed modules, hours, what is missing"),
        (name = "credentials", description = "Open Badges 3.0 credentials: verification, the learner's own, revocation and reissue"),
        (name = "materials", description = "Files and links of offerings and sessions, for everyone or for participants"),
        (name = "reporting", description = "The funder's figures: SMEs reached, participants, hours, sessions and offerings by period, county, sector, size class, topic, kind and partner; small cells suppressed outside the center"),
        (name = "webhooks", description = "Subscriptions of staff and partner editors to events, signed as the Standard Webhooks specification says; the delivery log"),
    )
)]
struct ApiDoc;

/// Declares how callers prove who they are: a personal API token as a bearer token, or
/// the pages' sign-in cookie. Every operation also takes anonymous calls; those that
/// need a signed-in caller answer 401 (each documents it).
struct Credentials;

impl utoipa::Modify for Credentials {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A personal API token, made on the account page or with POST /api/v1/me/tokens",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "lotse_session",
                "The sign-in cookie of the pages; changes with it must come from the site itself (Origin)",
            ))),
        );
        openapi.security = Some(vec![
            SecurityRequirement::new("bearer", Vec::<String>::new()),
            SecurityRequirement::new("session_cookie", Vec::<String>::new()),
            SecurityRequirement::default(),
        ]);
    }
}

/// The API's routes, area by area, and the OpenAPI document describing them.
pub fn router() -> (axum::Router<AppState>, OpenApiDoc) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::catalogue::api_routes())
        .merge(crate::accounts::api_routes())
        .merge(crate::booking::api_routes())
        .merge(crate::companies::api_routes())
        .merge(crate::assessment::api_routes())
        .merge(crate::webhooks::api_routes())
        .merge(crate::qualifications::api_routes())
        .merge(crate::credentials::api_routes())
        .merge(crate::materials::api_routes())
        .merge(crate::reporting::api_routes())
        .split_for_parts()
}

/// One operation of the API as the docs page lists it.
#[allow(missing_docs)]
pub struct DocOperation {
    /// HTTP method.
    pub method: String,
    pub path: String,
    pub summary: String,
    /// Parameters: name, where, description.
    pub parameters: Vec<(String, String, String)>,
    /// Responses: status and description.
    pub responses: Vec<(String, String)>,
}

/// `GET /api/docs`: the API described for people, rendered from the OpenAPI document.
pub async fn docs_page(
    lang: Lang,
    axum::Extension(doc): axum::Extension<std::sync::Arc<OpenApiDoc>>,
) -> Response {
    let mut operations = Vec::new();
    for (path, item) in &doc.paths.paths {
        let methods = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, op) in methods {
            let Some(op) = op else { continue };
            let parameters = op
                .parameters
                .iter()
                .flatten()
                .map(|p| {
                    let location = serde_json::to_value(&p.parameter_in)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    (
                        p.name.clone(),
                        location,
                        p.description.clone().unwrap_or_default(),
                    )
                })
                .collect();
            let responses = op
                .responses
                .responses
                .iter()
                .map(|(status, r)| {
                    let description = match r {
                        utoipa::openapi::RefOr::T(r) => r.description.clone(),
                        utoipa::openapi::RefOr::Ref(r) => r.ref_location.clone(),
                    };
                    (status.clone(), description)
                })
                .collect();
            operations.push(DocOperation {
                method: method.into(),
                path: path.clone(),
                summary: op
                    .description
                    .clone()
                    .or_else(|| op.summary.clone())
                    .unwrap_or_default(),
                parameters,
                responses,
            });
        }
    }
    crate::http::page::render(crate::openapi::ApiDocsTemplate {
        ctx: crate::http::page::Ctx::new(lang, "/api/docs"),
        operations,
    })
}

/// The API docs page.
#[derive(Template)]
#[template(path = "api_docs.html")]
pub struct ApiDocsTemplate {
    /// Frame.
    pub ctx: Ctx,
    /// The operations.
    pub operations: Vec<DocOperation>,
}
