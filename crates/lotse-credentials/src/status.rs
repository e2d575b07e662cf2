//! Bitstring Status Lists (W3C Bitstring Status List v1.0): one bit per credential,
//! set when it is revoked, published as a signed `BitstringStatusListCredential`.

use crate::CredentialError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use std::io::{Read, Write};

/// Entries per list: the specification's minimum, so that a list tells nothing about
/// how many credentials exist.
pub const ENTRIES: usize = 131_072;

/// The bits of one list; bit 0 is the most significant bit of the first byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    bits: Vec<u8>,
}

impl Default for StatusList {
    fn default() -> Self {
        Self {
            bits: vec![0; ENTRIES / 8],
        }
    }
}

impl StatusList {
    /// A list with the bits at `indices` set (indices beyond the list are ignored).
    pub fn with_set(indices: impl IntoIterator<Item = usize>) -> Self {
        let mut list = Self::default();
        for index in indices {
            if let Some(byte) = list.bits.get_mut(index / 8) {
                *byte |= 0x80 >> (index % 8);
            }
        }
        list
    }

    /// Whether the bit at `index` is set; `None` beyond the list.
    pub fn is_set(&self, index: usize) -> Option<bool> {
        self.bits
            .get(index / 8)
            .map(|byte| byte & (0x80 >> (index % 8)) != 0)
    }

    /// `encodedList`: `u` (multibase base64url), then the gzipped bits, unpadded.
    pub fn encode(&self) -> String {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = gzip.write_all(&self.bits);
        let zipped = gzip.finish().unwrap_or_default();
        format!("u{}", URL_SAFE_NO_PAD.encode(zipped))
    }

    /// Reads an `encodedList`; refuses anything but a gzipped, base64url list of at
    /// least [`ENTRIES`] bits.
    pub fn decode(encoded: &str) -> Result<Self, CredentialError> {
        let zipped = encoded
            .strip_prefix('u')
            .ok_or_else(|| CredentialError::StatusList("encodedList must start with u".into()))
            .and_then(|rest| {
                URL_SAFE_NO_PAD
                    .decode(rest)
                    .map_err(|e| CredentialError::StatusList(e.to_string()))
            })?;
        let mut bits = Vec::new();
        // At most 16 MiB of bits: a larger list is no list of ours.
        flate2::read::GzDecoder::new(zipped.as_slice())
            .take(16 << 20)
            .read_to_end(&mut bits)
            .map_err(|e| CredentialError::StatusList(e.to_string()))?;
        if bits.len() < ENTRIES / 8 {
            return Err(CredentialError::StatusList(format!(
                "{} bits, fewer than {ENTRIES}",
                bits.len() * 8
            )));
        }
        Ok(Self { bits })
    }
}

/// A credential's `credentialStatus`: its revocation bit `index` in the list at `list_url`.
pub fn entry(list_url: &str, index: usize) -> Value {
    json!({
        "id": format!("{list_url}#{index}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index.to_string(),
        "statusListCredential": list_url,
    })
}

/// The unsigned `BitstringStatusListCredential` for `list`, published at `list_url`.
pub fn list_credential(
    list_url: &str,
    issuer: &str,
    valid_from: jiff::Timestamp,
    list: &StatusList,
) -> Value {
    json!({
        "@context": [crate::contexts::CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": crate::badge::xsd_date_time(valid_from),
        "credentialSubject": {
            "id": format!("{list_url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": list.encode(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_zero_is_the_first_bytes_most_significant_bit() {
        let list = StatusList::with_set([0, 9, ENTRIES - 1]);
        assert_eq!(list.bits[0], 0x80);
        assert_eq!(list.bits[1], 0x40);
        assert_eq!(list.bits[ENTRIES / 8 - 1], 0x01);
        assert_eq!(list.is_set(9), Some(true));
        assert_eq!(list.is_set(10), Some(false));
        assert_eq!(list.is_set(ENTRIES), None);
    }

    #[test]
    fn a_list_reads_back_what_it_wrote_and_refuses_short_or_foreign_lists() {
        let list = StatusList::with_set([5, 77_000]);
        let encoded = list.encode();
        assert!(encoded.starts_with('u') && !encoded.ends_with('='));
        assert_eq!(StatusList::decode(&encoded).ok(), Some(list));
        // The specification's own example: an empty list of 131,072 entries.
        let example = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";
        assert_eq!(
            StatusList::decode(example).ok(),
            Some(StatusList::default())
        );
        let mut short = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = short.write_all(&[0u8; 16]);
        let short = format!(
            "u{}",
            URL_SAFE_NO_PAD.encode(short.finish().unwrap_or_default())
        );
        assert!(StatusList::decode(&short).is_err());
        assert!(StatusList::decode(&encoded[1..]).is_err());
        assert!(StatusList::decode("unot-gzip").is_err());
    }
}
