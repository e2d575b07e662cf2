//! The domain of lotse: validated types and the rules that hold between them.
//!
//! No I/O happens here; the store and the web layer depend on this crate, never the
//! other way round.
//!
//! - [`catalogue`]: topics, audiences, partners, places, offerings, qualifications and
//!   sessions, each a type that can only hold valid values.
//! - [`reference`]: reference data every layer shares, such as Brandenburg's counties.
//! - [`text`]: small validated text types used across areas.

pub mod catalogue;
pub mod reference;
pub mod text;

/// A rule of the domain that a value broke, with the field it concerns.
///
/// `message` is German, the language of the product; the web layer shows it as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    /// The field (API name) that holds the bad value.
    pub field: &'static str,
    /// What is wrong, in German, for a person to read.
    pub message: String,
}

impl Invalid {
    /// A broken rule for `field`.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}
