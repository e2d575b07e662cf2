//! Extractors and parsers shared by every area: a JSON body whose rejection is a
//! problem document, and ids from paths.

use crate::error::{AppError, Message};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use std::marker::PhantomData;
use uuid::Uuid;

/// A JSON body whose rejection is a problem document, not plain text.
pub struct ApiJson<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::BytesRejection(_)) => {
                Err(AppError::field("body", "invalid-body-size"))
            }
            Err(e) => Err(AppError::field(
                "body",
                Message::new("invalid-body").with("detail", e.body_text()),
            )),
        }
    }
}

/// Parses an id from a path; `None` for anything that is not a UUID.
pub fn parse_id(raw: &str) -> Option<Uuid> {
    Uuid::try_parse(raw).ok()
}

/// What a route answers when an id in its path is not a UUID.
pub trait IdRefusal {
    /// The refusal: written as a problem document under `/api/`, as the error page
    /// elsewhere.
    fn refusal() -> AppError;
}

macro_rules! not_found {
    ($($(#[$doc:meta])* $name:ident => $key:literal;)*) => {$(
        $(#[$doc])*
        pub struct $name;

        impl IdRefusal for $name {
            fn refusal() -> AppError {
                AppError::NotFound($key.into())
            }
        }
    )*};
}

not_found! {
    /// 404: no such company.
    NoSuchCompany => "refusal-not-found-company";
    /// 404: no such credential.
    NoSuchCredential => "refusal-not-found-credential";
    /// 404: no such offering.
    NoSuchOffering => "refusal-not-found-offering";
    /// 404: no such page (the general "not here" of pages).
    NoSuchPage => "refusal-not-found-path";
    /// 404: no such person.
    NoSuchPerson => "refusal-not-found-person";
    /// 404: no such qualification.
    NoSuchQualification => "refusal-not-found-qualification";
    /// 404: no such registration.
    NoSuchRegistration => "refusal-not-found-registration";
    /// 404: no such assessment result.
    NoSuchResult => "refusal-not-found-result";
    /// 404: no such session.
    NoSuchSession => "refusal-not-found-session";
    /// 404: no such token.
    NoSuchToken => "refusal-not-found-token";
    /// 404: no such webhook subscription (of the caller's).
    NoSuchWebhook => "refusal-not-found-webhook";
    /// 404: no such material, or not one the caller may see.
    NoSuchMaterial => "refusal-not-found-material";
}

/// 400: the field `id` is invalid (the catalogue's public API reads a malformed id as
/// bad input rather than as a missing thing).
pub struct InvalidId;

impl IdRefusal for InvalidId {
    fn refusal() -> AppError {
        AppError::field("id", "invalid-id")
    }
}

/// The one id in a route's path, a UUID; anything else is refused as `R` says.
pub struct PathId<R>(pub Uuid, pub PhantomData<R>);

impl<R: IdRefusal, S: Send + Sync> FromRequestParts<S> for PathId<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match parse_id(&raw) {
            Some(id) => Ok(PathId(id, PhantomData)),
            None => Err(R::refusal().into_response()),
        }
    }
}

/// The two ids in a route's path, UUIDs; the first is refused as `R1` says, the second
/// as `R2`.
pub struct PathIds<R1, R2>(pub Uuid, pub Uuid, pub PhantomData<(R1, R2)>);

impl<R1: IdRefusal, R2: IdRefusal, S: Send + Sync> FromRequestParts<S> for PathIds<R1, R2> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path((first, second)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let first = parse_id(&first).ok_or_else(|| R1::refusal().into_response())?;
        let second = parse_id(&second).ok_or_else(|| R2::refusal().into_response())?;
        Ok(PathIds(first, second, PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn answer(app: Router, uri: &str) -> (u16, Option<String>) {
        let request = Request::builder().uri(uri).body(Body::empty());
        let Ok(request) = request else {
            return (0, None);
        };
        let Ok(response) = app.oneshot(request).await;
        let refusal = response
            .extensions()
            .get::<AppError>()
            .map(|e| format!("{e:?}"));
        (response.status().as_u16(), refusal)
    }

    #[tokio::test]
    async fn path_ids_are_uuids_and_others_are_refused_as_the_route_says() {
        let app = Router::new()
            .route(
                "/sessions/{id}",
                get(|PathId(id, _): PathId<NoSuchSession>| async move { id.to_string() }),
            )
            .route(
                "/offerings/{id}",
                get(|PathId(id, _): PathId<InvalidId>| async move { id.to_string() }),
            )
            .route(
                "/companies/{id}/members/{person}",
                get(
                    |PathIds(company, person, _): PathIds<NoSuchCompany, NoSuchPerson>| async move {
                        format!("{company} {person}")
                    },
                ),
            );
        let id = "0190a7c4-1f2e-7d3c-8b4a-5e6f7a8b9c0d";
        assert_eq!(
            answer(app.clone(), &format!("/sessions/{id}")).await,
            (200, None)
        );
        let (status, refusal) = answer(app.clone(), "/sessions/kaputt").await;
        assert_eq!(status, 404);
        assert!(refusal.is_some_and(|r| r.contains("refusal-not-found-session")));
        let (status, refusal) = answer(app.clone(), "/offerings/not-a-uuid").await;
        assert_eq!(status, 400);
        assert!(refusal.is_some_and(|r| r.contains("invalid-id") && r.contains("\"id\"")));
        assert_eq!(
            answer(app.clone(), &format!("/companies/{id}/members/{id}")).await,
            (200, None)
        );
        let (status, refusal) = answer(app.clone(), &format!("/companies/x/members/{id}")).await;
        assert_eq!(status, 404);
        assert!(refusal.is_some_and(|r| r.contains("refusal-not-found-company")));
        let (status, refusal) = answer(app, &format!("/companies/{id}/members/x")).await;
        assert_eq!(status, 404);
        assert!(refusal.is_some_and(|r| r.contains("refusal-not-found-person")));
    }
}
