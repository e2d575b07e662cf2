//! The center's signing keys: Ed25519, and the `did:key` each makes. A key is kept as
//! its 32-byte seed (base64url, never logged); its public side is the `did:key`, which
//! anyone can resolve without asking lotse.

use crate::CredentialError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use did_method_key::DIDKey;
use ssi_jwk::{Base64urlUInt, JWK, OctetParams, Params};

/// An Ed25519 signing key. Its `Debug` shows the `did:key` only.
#[derive(Clone)]
pub struct SigningKey {
    seed: [u8; 32],
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SigningKey").field(&self.did()).finish()
    }
}

impl SigningKey {
    /// A new key from the operating system's randomness.
    pub fn generate() -> Result<Self, CredentialError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| CredentialError::Key(e.to_string()))?;
        Ok(Self { seed })
    }

    /// A key from its seed.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self { seed }
    }

    /// A key from the stored form [`Self::secret`] wrote.
    pub fn from_secret(stored: &str) -> Result<Self, CredentialError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(stored.trim())
            .map_err(|e| CredentialError::Key(e.to_string()))?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| CredentialError::Key("an Ed25519 seed has 32 bytes".into()))?;
        Ok(Self { seed })
    }

    /// The stored form: the seed, base64url. A secret.
    pub fn secret(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.seed)
    }

    /// The key as ssi takes it.
    pub(crate) fn jwk(&self) -> JWK {
        let public = ed25519_dalek::SigningKey::from_bytes(&self.seed).verifying_key();
        JWK::from(Params::OKP(OctetParams {
            curve: "Ed25519".into(),
            public_key: Base64urlUInt(public.to_bytes().to_vec()),
            private_key: Some(Base64urlUInt(self.seed.to_vec())),
        }))
    }

    /// `did:key:z6Mk…`: the issuer's identifier.
    pub fn did(&self) -> String {
        DIDKey::generate(&self.jwk())
            .map(|did| did.to_string())
            .unwrap_or_default()
    }

    /// `did:key:z6Mk…#z6Mk…`: the verification method proofs name.
    pub fn verification_method(&self) -> String {
        DIDKey::generate_url(&self.jwk())
            .map(|url| url.to_string())
            .unwrap_or_default()
    }
}

/// The `did:key` a verification method belongs to (the part before `#`).
pub fn did_of(verification_method: &str) -> &str {
    verification_method
        .split_once('#')
        .map_or(verification_method, |(did, _)| did)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_survives_its_stored_form_and_names_itself_as_did_key() {
        let key = SigningKey::generate().unwrap_or_else(|_| SigningKey::from_seed([1; 32]));
        let again = SigningKey::from_secret(&key.secret()).map(|k| k.did());
        assert_eq!(again.ok(), Some(key.did()));
        let did = key.did();
        assert!(did.starts_with("did:key:z6Mk"), "{did}");
        let method = key.verification_method();
        assert_eq!(method, format!("{did}#{}", &did["did:key:".len()..]));
        assert_eq!(did_of(&method), did);
        assert!(!format!("{key:?}").contains(&key.secret()));
        assert!(SigningKey::from_secret("zu kurz").is_err());
    }
}
