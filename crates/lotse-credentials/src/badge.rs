//! Open Badges 3.0 credentials: an `OpenBadgeCredential` says that the person behind a
//! hashed e-mail address achieved something, issued by the center under its `did:key`.
//!
//! Only terms the VC 2.0 and Open Badges 3.0.3 contexts define appear: verifiers
//! canonicalize in safe mode, and an undefined term makes a credential unverifiable.
//! That is why hours and dates live in the achievement's description.

use crate::CredentialError;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Who issues: the center.
#[derive(Debug, Clone)]
pub struct Issuer {
    /// The `did:key` of the signing key.
    pub did: String,
    /// The center's name.
    pub name: String,
    /// Its public address.
    pub url: String,
}

/// What was achieved: a module or a qualification.
#[derive(Debug, Clone)]
pub struct Achievement {
    /// A URL naming it (lotse's page of the module or qualification).
    pub id: String,
    /// Its title.
    pub name: String,
    /// What it is, with hours and the modules it took.
    pub description: String,
    /// What earned it.
    pub criteria: String,
    /// Topics it belongs to: (name, URL).
    pub alignments: Vec<(String, String)>,
}

/// The learner, as a salted hash of their e-mail address: a verifier who knows the
/// address can check it, nobody else learns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// `sha256$` and the hex digest of the address (lower case) followed by the salt.
    pub identity_hash: String,
    /// The salt.
    pub salt: String,
}

impl Recipient {
    /// Hashes `email` with a fresh random salt.
    pub fn new(email: &str) -> Result<Self, CredentialError> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| CredentialError::Signing(e.to_string()))?;
        Ok(Self::with_salt(email, &hex(&salt)))
    }

    /// Hashes `email` with `salt`.
    pub fn with_salt(email: &str, salt: &str) -> Self {
        let digest = Sha256::digest(format!("{}{salt}", email.trim().to_lowercase()));
        Self {
            identity_hash: format!("sha256${}", hex(&digest)),
            salt: salt.to_owned(),
        }
    }

    /// Whether `email` is the address hashed here.
    pub fn is(&self, email: &str) -> bool {
        Self::with_salt(email, &self.salt) == *self
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A timestamp as credentials write it: UTC, whole seconds (cut, never rounded up:
/// a verifier refuses a credential valid from a moment still to come), `Z`.
pub fn xsd_date_time(t: jiff::Timestamp) -> String {
    jiff::Timestamp::from_second(t.as_second())
        .unwrap_or(t)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The unsigned credential `id` (a URL), issued at `valid_from`, with the status entry
/// `status` (see [`crate::status::entry`]).
pub fn open_badge(
    id: &str,
    issuer: &Issuer,
    valid_from: jiff::Timestamp,
    achievement: &Achievement,
    recipient: &Recipient,
    status: Value,
) -> Value {
    let alignment: Vec<Value> = achievement
        .alignments
        .iter()
        .map(|(name, url)| json!({ "type": ["Alignment"], "targetName": name, "targetUrl": url }))
        .collect();
    let mut achieved = json!({
        "id": achievement.id,
        "type": ["Achievement"],
        "name": achievement.name,
        "description": achievement.description,
        "criteria": { "narrative": achievement.criteria },
    });
    if !alignment.is_empty() {
        achieved["alignment"] = Value::Array(alignment);
    }
    json!({
        "@context": [crate::contexts::CREDENTIALS_V2, crate::contexts::OPEN_BADGES_V3],
        "id": id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": {
            "id": issuer.did,
            "type": ["Profile"],
            "name": issuer.name,
            "url": issuer.url,
        },
        "validFrom": xsd_date_time(valid_from),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "hashed": true,
                "identityType": "emailAddress",
                "identityHash": recipient.identity_hash,
                "salt": recipient.salt,
            }],
            "achievement": achieved,
        },
        "credentialStatus": status,
    })
}

/// The signed credential with its `proof` as a one-element array: VC 2.0 allows a
/// single proof or a set, 1EdTech's JSON schema for achievement credentials accepts
/// only the array.
pub fn with_proof_set(mut signed: Value) -> Value {
    if let Some(object) = signed.as_object_mut()
        && let Some(proof @ Value::Object(_)) = object.remove("proof")
    {
        object.insert("proof".into(), Value::Array(vec![proof]));
    }
    signed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_hash_is_sha256_of_the_address_and_salt() {
        // sha256("learner@example.org" + "abc"), computed independently with sha256sum.
        let r = Recipient::with_salt(" Learner@Example.org ", "abc");
        assert_eq!(
            r.identity_hash,
            "sha256$35e95cdc35d9869080fe5804e82aa139fea858f661a783468d0841fce683a8bd"
        );
        assert!(r.is("learner@example.org"));
        assert!(!r.is("other@example.org"));
        let fresh = Recipient::new("learner@example.org").unwrap_or(r.clone());
        assert_ne!(fresh.salt, r.salt);
        assert!(fresh.is("LEARNER@example.org"));
    }

    #[test]
    fn times_are_whole_seconds_in_utc_never_ahead() {
        let t: jiff::Timestamp = "2026-12-01T09:30:15.7+01:00".parse().unwrap_or_default();
        assert_eq!(xsd_date_time(t), "2026-12-01T08:30:15Z");
    }
}
