//! Verifiable credentials for completed modules and qualifications.
//!
//! - [`keys`]: the center's Ed25519 signing keys and the `did:key` they make.
//! - [`badge`]: an Open Badges 3.0 `OpenBadgeCredential` for an achievement.
//! - [`status`]: Bitstring Status Lists, where a revocation is one bit.
//! - [`proof`]: embedded Data Integrity proofs, cryptosuite `eddsa-rdfc-2022`, made and
//!   checked with ssi; JSON-LD contexts come from [`contexts`], never from the network.
//!
//! Nothing here touches the database: the store keeps keys, credentials and lists, the
//! web layer decides when to issue and shows the results.

pub mod badge;
pub mod contexts;
pub mod keys;
pub mod proof;
pub mod status;

/// What went wrong making or reading a credential.
#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// A key's stored form is not an Ed25519 key.
    #[error("not an Ed25519 key: {0}")]
    Key(String),
    /// The document could not be signed.
    #[error("signing failed: {0}")]
    Signing(String),
    /// A status list's stored bits are damaged.
    #[error("status list: {0}")]
    StatusList(String),
}
