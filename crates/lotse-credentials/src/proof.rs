//! Embedded Data Integrity proofs with the cryptosuite `eddsa-rdfc-2022`: the document is
//! canonicalized (RDFC-1.0), hashed with the proof's options and signed with Ed25519.
//! ssi does the work; this module fixes the choices (suite, purpose, offline contexts,
//! `did:key` only) and says which check failed.

use crate::CredentialError;
use crate::contexts::loader;
use crate::keys::SigningKey;
use did_method_key::DIDKey;
use serde_json::Value;
use ssi_claims_core::{SignatureEnvironment, VerificationParameters};
use ssi_data_integrity::suites::EdDsaRdfc2022;
use ssi_data_integrity::{
    AnyDataIntegrity, CryptographicSuite, DataIntegrity, DataIntegrityDocument, ProofOptions,
};
use ssi_dids_core::{DIDResolver, VerificationMethodDIDResolver};
use ssi_json_ld::{CompactJsonLd, Expandable};
use ssi_rdf::{AnyLdEnvironment, LdEnvironment};
use ssi_verification_methods::{AnyMethod, Multikey, SingleSecretSigner};

/// Signs `document` (without a proof) with `key`, as of `created`; returns it with its
/// `proof`.
pub async fn sign(
    document: Value,
    key: &SigningKey,
    created: jiff::Timestamp,
) -> Result<Value, CredentialError> {
    let unsigned: DataIntegrityDocument =
        serde_json::from_value(document).map_err(|e| CredentialError::Signing(e.to_string()))?;
    let method =
        DIDKey::generate_url(&key.jwk()).map_err(|e| CredentialError::Signing(e.to_string()))?;
    let resolver: VerificationMethodDIDResolver<DIDKey, Multikey> = DIDKey.into_vm_resolver();
    let mut options = ProofOptions::from_method(method.into_iri().into());
    options.created = Some(
        crate::badge::xsd_date_time(created)
            .parse()
            .map_err(|e| CredentialError::Signing(format!("{e:?}")))?,
    );
    let environment = SignatureEnvironment {
        json_ld_loader: loader(),
        eip712_loader: (),
    };
    let signed: DataIntegrity<DataIntegrityDocument, EdDsaRdfc2022> = EdDsaRdfc2022
        .sign_with(
            environment,
            unsigned,
            &resolver,
            SingleSecretSigner::new(key.jwk()),
            options,
            (),
        )
        .await
        .map_err(|e| CredentialError::Signing(e.to_string()))?;
    serde_json::to_value(&signed).map_err(|e| CredentialError::Signing(e.to_string()))
}

/// Why a proof does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofFailure {
    /// The document has no `proof`, or more than one.
    #[error("no single proof")]
    Missing,
    /// The proof is not a `DataIntegrityProof` with `eddsa-rdfc-2022` for
    /// `assertionMethod` by a `did:key`.
    #[error("not a proof lotse makes: {0}")]
    Unexpected(String),
    /// The document or its proof cannot be read as JSON-LD.
    #[error("unreadable: {0}")]
    Malformed(String),
    /// The signature does not match the document: it was changed after signing, or
    /// signed by another key than it names.
    #[error("signature does not match: {0}")]
    Invalid(String),
}

/// Checks the proof of `document`; returns the verification method that signed it.
pub async fn verify(document: &Value) -> Result<String, ProofFailure> {
    // One proof, alone or as a set of one (see `badge::with_proof_set`).
    let proof = match document.get("proof") {
        Some(Value::Object(proof)) => proof,
        Some(Value::Array(set)) => match set.as_slice() {
            [Value::Object(proof)] => proof,
            _ => return Err(ProofFailure::Missing),
        },
        _ => return Err(ProofFailure::Missing),
    };
    let field = |name: &str| proof.get(name).and_then(Value::as_str).unwrap_or_default();
    for (name, expected) in [
        ("type", "DataIntegrityProof"),
        ("cryptosuite", "eddsa-rdfc-2022"),
        ("proofPurpose", "assertionMethod"),
    ] {
        if field(name) != expected {
            return Err(ProofFailure::Unexpected(format!(
                "{name} {:?}",
                field(name)
            )));
        }
    }
    let method = field("verificationMethod").to_owned();
    if !method.starts_with("did:key:z6Mk") {
        return Err(ProofFailure::Unexpected(format!(
            "verificationMethod {method:?}"
        )));
    }
    let parsed: AnyDataIntegrity = serde_json::from_value(document.clone())
        .map_err(|e| ProofFailure::Malformed(e.to_string()))?;
    let resolver: VerificationMethodDIDResolver<DIDKey, AnyMethod> = DIDKey.into_vm_resolver();
    let parameters = VerificationParameters::from_resolver(&resolver).with_json_ld_loader(loader());
    match parsed.verify(&parameters).await {
        Ok(Ok(())) => Ok(method),
        Ok(Err(invalid)) => Err(ProofFailure::Invalid(invalid.to_string())),
        Err(error) => Err(ProofFailure::Malformed(error.to_string())),
    }
}

/// The canonical N-Quads (RDFC-1.0) of `document` as ssi computes them before hashing:
/// what an independent implementation must agree with.
pub async fn canonical_form(document: &Value) -> Result<String, CredentialError> {
    let value: ssi_json_ld::syntax::Value = serde_json::from_value(document.clone())
        .map_err(|e| CredentialError::Signing(e.to_string()))?;
    let mut environment = LdEnvironment::default();
    let expanded = CompactJsonLd(value)
        .expand_with(&mut environment, loader())
        .await
        .map_err(|e| CredentialError::Signing(e.to_string()))?;
    environment
        .canonical_form_of(&expanded)
        .map(|quads| quads.concat())
        .map_err(|e| CredentialError::Signing(e.to_string()))
}
