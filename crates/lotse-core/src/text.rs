//! Validated text: trimmed, non-empty, bounded in length.

use crate::Invalid;
use serde::{Deserialize, Serialize};

/// A short one-line text such as a title or a name: trimmed, 1 to `MAX` characters,
/// no control characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Line<const MAX: usize>(String);

impl<const MAX: usize> Line<MAX> {
    /// Parses `raw` for the field `field`.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Invalid::new(field, "invalid-empty"));
        }
        if trimmed.chars().count() > MAX {
            return Err(Invalid::new(field, "invalid-too-long").with("max", MAX));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(Invalid::new(field, "invalid-control-characters"));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for Line<MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse("text", &raw).map_err(serde::de::Error::custom)
    }
}

/// A longer text of several paragraphs: trimmed, 1 to `MAX` characters; line breaks
/// and tabs allowed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Prose<const MAX: usize>(String);

impl<const MAX: usize> Prose<MAX> {
    /// Parses `raw` for the field `field`.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Invalid::new(field, "invalid-empty"));
        }
        if trimmed.chars().count() > MAX {
            return Err(Invalid::new(field, "invalid-too-long").with("max", MAX));
        }
        if trimmed
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err(Invalid::new(field, "invalid-control-characters"));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for Prose<MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse("text", &raw).map_err(serde::de::Error::custom)
    }
}

/// A web address: `https://` or `http://` followed by a host, at most 300 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct WebAddress(String);

impl WebAddress {
    /// Parses `raw` for the field `field`.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let trimmed = raw.trim();
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"));
        let host = rest.and_then(|r| r.split(['/', '?', '#']).next());
        match host {
            Some(h)
                if !h.is_empty()
                    && trimmed.len() <= 300
                    && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) =>
            {
                Ok(Self(trimmed.to_owned()))
            }
            _ => Err(Invalid::new(field, "invalid-https-address")),
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_is_trimmed_and_bounded() {
        assert_eq!(
            Line::<5>::parse("f", "  abc ").map(|l| l.0),
            Ok("abc".into())
        );
        assert!(Line::<5>::parse("f", "abcdef").is_err());
        assert!(Line::<5>::parse("f", "   ").is_err());
        assert!(Line::<5>::parse("f", "a\nb").is_err());
        // Umlauts count as one character each.
        assert!(Line::<5>::parse("f", "äöüßé").is_ok());
    }

    #[test]
    fn prose_keeps_paragraphs() {
        let p = Prose::<50>::parse("f", "Absatz eins.\n\nAbsatz zwei.");
        assert_eq!(p.map(|p| p.0), Ok("Absatz eins.\n\nAbsatz zwei.".into()));
        assert!(Prose::<50>::parse("f", "a\u{7}b").is_err());
    }

    #[test]
    fn web_address_needs_scheme_and_host() {
        assert!(WebAddress::parse("f", "https://www.b-tu.de").is_ok());
        assert!(WebAddress::parse("f", "http://x.de/pfad?a=1").is_ok());
        assert!(WebAddress::parse("f", "www.b-tu.de").is_err());
        assert!(WebAddress::parse("f", "https://").is_err());
        assert!(WebAddress::parse("f", "javascript:alert(1)").is_err());
        assert!(WebAddress::parse("f", "https://a b.de").is_err());
    }
}
