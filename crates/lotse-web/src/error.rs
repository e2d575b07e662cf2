//! The application's error, shared by the use cases, the API and the pages. It says
//! what went wrong as message keys with arguments, never as text: the HTTP layer
//! ([`crate::http::error`]) turns it into problem+json under `/api/` and an error page
//! elsewhere, in the reader's language.
//!
//! Message keys start with `refusal-` (a whole sentence) or `invalid-` (what is wrong
//! with one field); a test checks that every key written in the code exists in both
//! translation catalogues.

use crate::i18n::Lang;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;

/// A message for a reader: a key of the translation catalogues and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The key.
    pub key: &'static str,
    /// Named arguments; numbers are passed to Fluent as numbers (for plurals).
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    /// The message `key` without arguments.
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// The same with the argument `name` set to `value`.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        if self.args.is_empty() {
            return lang.t(self.key);
        }
        let args: Vec<(&'static str, FluentValue<'static>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(value.clone()),
                };
                (*name, value)
            })
            .collect();
        lang.t_args(self.key, &args)
    }
}

impl From<lotse_core::Invalid> for Message {
    fn from(e: lotse_core::Invalid) -> Self {
        Message {
            key: e.key,
            args: e.args,
        }
    }
}

impl From<&'static str> for Message {
    fn from(key: &'static str) -> Self {
        Message::new(key)
    }
}

/// What is wrong with one field of a request or form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidField {
    /// The field's name as the API and the form spell it.
    pub field: String,
    /// What is wrong with it.
    pub message: Message,
}

impl From<lotse_core::Invalid> for InvalidField {
    fn from(e: lotse_core::Invalid) -> Self {
        Self {
            field: e.field.to_owned(),
            message: Message {
                key: e.key,
                args: e.args,
            },
        }
    }
}

/// Why a request was not carried out. Nothing was changed.
#[derive(Debug, Clone)]
pub enum AppError {
    /// The input is invalid (400), field by field.
    Invalid(Vec<InvalidField>),
    /// Not signed in (401).
    Unauthenticated,
    /// E-mail address or password wrong (401).
    SignInRefused,
    /// Signed in but not allowed (403).
    Forbidden(Message),
    /// No such object, or not one the caller may see (404).
    NotFound(Message),
    /// The request conflicts with what exists (409).
    Conflict(Message),
    /// Too many failed sign-ins (429); try again after the window.
    TooManyAttempts,
    /// The request's body is larger than the route takes (413); the limit in bytes.
    TooLarge(usize),
    /// The database cannot be reached for the moment (restart, failover, every
    /// connection busy): 503 with `Retry-After`; logged, never shown.
    Unavailable(String),
    /// Something failed inside lotse (500); logged, never shown.
    Internal(String),
}

impl AppError {
    /// One invalid field.
    pub fn field(field: &str, message: impl Into<Message>) -> Self {
        AppError::Invalid(vec![InvalidField {
            field: field.to_owned(),
            message: message.into(),
        }])
    }

    /// A query string that does not fit the handler's parameters.
    pub fn query(rejection: &axum::extract::rejection::QueryRejection) -> Self {
        AppError::field(
            "query",
            Message::new("invalid-query").with("detail", rejection.body_text()),
        )
    }

    /// The error for a policy decision other than `Allow`; `not_found` says what
    /// was not found when the object is another organization's.
    pub fn from_decision(
        decision: lotse_core::accounts::Decision,
        not_found: &'static str,
    ) -> Option<Self> {
        use lotse_core::accounts::Decision;
        match decision {
            Decision::Allow => None,
            Decision::Unauthenticated => Some(AppError::Unauthenticated),
            Decision::Forbidden => Some(AppError::Forbidden("refusal-role".into())),
            Decision::Hidden => Some(AppError::NotFound(not_found.into())),
        }
    }

    /// The HTTP status that answers this error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated | AppError::SignInRefused => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<lotse_core::Invalid> for AppError {
    fn from(e: lotse_core::Invalid) -> Self {
        AppError::Invalid(vec![e.into()])
    }
}

impl From<lotse_store::StoreError> for AppError {
    fn from(e: lotse_store::StoreError) -> Self {
        if e.is_unavailable() {
            AppError::Unavailable(e.to_string())
        } else {
            AppError::Internal(e.to_string())
        }
    }
}

/// The answer carries the error itself; [`crate::http::error::render_errors`] writes
/// it in the reader's language, as problem+json or as a page.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}
