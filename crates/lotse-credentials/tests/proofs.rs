//! Proofs against the W3C's eddsa-rdfc-2022 test vectors, and Open Badges credentials
//! that fail verification for exactly the reason they were spoiled.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lotse_credentials::badge::{Achievement, Issuer, Recipient, open_badge};
use lotse_credentials::keys::SigningKey;
use lotse_credentials::proof::{ProofFailure, canonical_form, sign, verify};
use lotse_credentials::status;
use serde_json::Value;

fn vector(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/vectors/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn json(name: &str) -> Value {
    serde_json::from_str(&vector(name)).unwrap()
}

/// The vectors' key: `privateKeyMultibase` is base58btc of the multicodec
/// `ed25519-priv` (0x80 0x26) and the 32-byte seed.
fn vector_key() -> SigningKey {
    let pair = json("keyPair.json");
    let bytes = bs58::decode(&pair["privateKeyMultibase"].as_str().unwrap()[1..])
        .into_vec()
        .unwrap();
    assert_eq!(&bytes[..2], &[0x80, 0x26]);
    SigningKey::from_seed(bytes[2..].try_into().unwrap())
}

#[tokio::test]
async fn the_w3c_vectors_reproduce_to_the_last_character() {
    let key = vector_key();
    let public = json("keyPair.json")["publicKeyMultibase"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(key.did(), format!("did:key:{public}"));

    let unsigned = json("unsigned.json");
    assert_eq!(
        canonical_form(&unsigned).await.unwrap().trim_end(),
        vector("eddsa-rdfc-2022_canonDocDataInt.txt").trim_end()
    );
    let created = json("eddsa-rdfc-2022_proofConfigDataInt.json")["created"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let signed = sign(unsigned, &key, created).await.unwrap();
    assert_eq!(
        signed["proof"]["proofValue"].as_str().unwrap(),
        vector("eddsa-rdfc-2022_sigBTC58DataInt.txt").trim()
    );
    assert_eq!(signed, json("eddsa-rdfc-2022_signedDataInt.json"));

    let published = json("eddsa-rdfc-2022_signedDataInt.json");
    assert_eq!(
        verify(&published).await.as_deref(),
        Ok(key.verification_method().as_str())
    );
    let altered = vector("eddsa-rdfc-2022_signedDataInt.json").replacen("Alumni", "Alumnu", 1);
    assert!(matches!(
        verify(&serde_json::from_str(&altered).unwrap()).await,
        Err(ProofFailure::Invalid(_))
    ));
}

fn credential(key: &SigningKey) -> Value {
    let issuer = Issuer {
        did: key.did(),
        name: "Kompetenzzentrum Beispiel".into(),
        url: "https://lotse.example.org".into(),
    };
    let achievement = Achievement {
        id: "https://lotse.example.org/qualifizierungen/1".into(),
        name: "Digitale Logistik".into(),
        description: "Qualifizierungspfad, 24 Stunden.".into(),
        criteria: "Pflichtmodule und Wahlmodule im Umfang von 24 Stunden besucht.".into(),
        alignments: vec![(
            "Logistik 4.0".into(),
            "https://lotse.example.org/themen/logistik-4-0".into(),
        )],
    };
    open_badge(
        "https://lotse.example.org/nachweise/1",
        &issuer,
        "2026-12-01T08:00:00Z".parse().unwrap(),
        &achievement,
        &Recipient::with_salt("learner@example.org", "5a17"),
        status::entry("https://lotse.example.org/nachweise/status/0", 5),
    )
}

#[tokio::test]
async fn a_badge_verifies_until_anything_in_it_changes() {
    let key = SigningKey::from_seed([7; 32]);
    let signed = sign(
        credential(&key),
        &key,
        "2026-12-01T08:00:00Z".parse().unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(verify(&signed).await, Ok(key.verification_method()));

    // One character of the achievement's name.
    let text = serde_json::to_string(&signed).unwrap();
    let altered: Value =
        serde_json::from_str(&text.replacen("Digitale Logistik", "Digitale Logistic", 1)).unwrap();
    assert!(
        matches!(verify(&altered).await, Err(ProofFailure::Invalid(_))),
        "{:?}",
        verify(&altered).await
    );
    // The recipient's hash.
    let mut other = signed.clone();
    other["credentialSubject"]["identifier"][0]["salt"] = "5a18".into();
    assert!(matches!(
        verify(&other).await,
        Err(ProofFailure::Invalid(_))
    ));
    // Revocation status pointed elsewhere.
    let mut moved = signed.clone();
    moved["credentialStatus"]["statusListIndex"] = "6".into();
    assert!(matches!(
        verify(&moved).await,
        Err(ProofFailure::Invalid(_))
    ));
    // No proof, a proof of another suite, a proof naming another key.
    let mut bare = signed.clone();
    bare.as_object_mut().unwrap().remove("proof");
    assert_eq!(verify(&bare).await, Err(ProofFailure::Missing));
    let mut suite = signed.clone();
    suite["proof"]["cryptosuite"] = "eddsa-jcs-2022".into();
    assert!(matches!(
        verify(&suite).await,
        Err(ProofFailure::Unexpected(_))
    ));
    let stranger = SigningKey::from_seed([8; 32]);
    let mut claimed = signed.clone();
    claimed["proof"]["verificationMethod"] = stranger.verification_method().into();
    assert!(matches!(
        verify(&claimed).await,
        Err(ProofFailure::Invalid(_))
    ));
    // Re-signed by another key: the proof holds, and names that key, which is how a
    // verifier tells it from the center's.
    let mut unsigned = signed.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let resigned = sign(unsigned, &stranger, "2026-12-02T08:00:00Z".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(verify(&resigned).await, Ok(stranger.verification_method()));
}

/// Held together with the vendored json-ld-core fix: the OB context types `hashed` with
/// `https://www.w3.org/2001/XMLSchema#boolean`, and so must the canonical form (as
/// jsonld.js writes it); unpatched, it said `http://`.
#[tokio::test]
async fn a_typed_boolean_keeps_the_datatype_its_context_declares() {
    let key = SigningKey::from_seed([7; 32]);
    let quads = canonical_form(&credential(&key)).await.unwrap();
    let hashed: Vec<&str> = quads
        .lines()
        .filter(|l| l.contains("vocab.html#hashed"))
        .collect();
    assert_eq!(hashed.len(), 1, "{quads}");
    assert!(
        hashed[0].ends_with("\"true\"^^<https://www.w3.org/2001/XMLSchema#boolean> ."),
        "{}",
        hashed[0]
    );
}
