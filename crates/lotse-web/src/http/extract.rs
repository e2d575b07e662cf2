//! Extractors and parsers shared by every area: a JSON body whose rejection is a
//! problem document, and ids from paths.

use crate::error::{AppError, Message};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
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
