//! The domain of lotse: validated types and the rules that hold between them.
//!
//! No I/O happens here; the store and the web layer depend on this crate, never the
//! other way round.
//!
//! - [`catalogue`]: topics, audiences, partners, places, offerings, qualifications and
//!   sessions, each a type that can only hold valid values.
//! - [`reference`](mod@reference): reference data every layer shares, such as Brandenburg's counties.
//! - [`accounts`]: people, companies, roles and the authorization policy.
//! - [`booking`]: registration status, when sessions take registrations, seats and
//!   the waitlist, cancellation cut-offs.
//! - [`qualifications`]: completed modules, progress towards a qualification, and
//!   when a completion is reached, kept or withdrawn.
//! - [`import`]: offerings and sessions read from a spreadsheet's rows, row by row.
//! - [`text`]: small validated text types used across areas.
//! - [`assessment`]: the Digitalisierungs-Check: questionnaire, scoring, recommendations.

/// Defines a closed vocabulary: an enum whose variants have stable keys.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($(#[$vmeta:meta])* $variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable key used in URLs, the API and the database.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            /// The value with this key.
            pub fn parse(key: &str) -> Result<Self, Invalid> {
                match key {
                    $($key => Ok($name::$variant),)+
                    _ => Err(Invalid::new($field, "invalid-unknown-value")
                        .with("value", key.chars().take(40).collect::<String>())
                        .with("allowed", [$($key),+].join(", "))),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <String as serde::Deserialize>::deserialize(d)?;
                $name::parse(&raw).map_err(serde::de::Error::custom)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

pub mod accounts;
pub mod assessment;
pub mod booking;
pub mod catalogue;
pub mod evaluation;
pub mod import;
pub mod materials;
pub mod qualifications;
pub mod reference;
pub mod reporting;
pub mod text;

/// A rule of the domain that a value broke, with the field it concerns.
///
/// A broken rule: the field that holds the bad value and what is wrong, as a message
/// key with arguments, so that every layer above says it in the reader's language
/// (the keys live in the web layer's translation catalogues).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {key}")]
pub struct Invalid {
    /// The field (API name) that holds the bad value.
    pub field: &'static str,
    /// The message key, always starting with `invalid-`.
    pub key: &'static str,
    /// The message's arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Invalid {
    /// A broken rule for `field`, said by the message `key`.
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field,
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
}
