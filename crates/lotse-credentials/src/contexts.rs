//! The JSON-LD contexts credentials use, bundled so that nothing is fetched at run time.

use ssi_json_ld::ContextLoader;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The Verifiable Credentials Data Model 2.0 context.
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";

/// The Open Badges 3.0 context, version 3.0.3: the first compatible with VC 2.0.
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

const CREDENTIALS_V2_DOCUMENT: &str = include_str!("../contexts/credentials-v2.jsonld");
const OPEN_BADGES_V3_DOCUMENT: &str = include_str!("../contexts/ob-context-3.0.3.json");

static LOADER: LazyLock<ContextLoader> = LazyLock::new(|| {
    let bundled = HashMap::from([
        (
            CREDENTIALS_V2.to_owned(),
            CREDENTIALS_V2_DOCUMENT.to_owned(),
        ),
        (
            OPEN_BADGES_V3.to_owned(),
            OPEN_BADGES_V3_DOCUMENT.to_owned(),
        ),
    ]);
    // The bundled documents are compiled in and parse (a test holds it); were one
    // broken, ssi's own contexts still serve and Open Badges fail to load, loudly.
    ContextLoader::empty()
        .with_static_loader()
        .with_context_map_from(bundled)
        .unwrap_or_else(|_| ContextLoader::empty().with_static_loader())
});

/// A loader that knows ssi's built-in contexts and the two above, and nothing else: an
/// unknown context fails instead of being fetched.
pub fn loader() -> &'static ContextLoader {
    &LOADER
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_contexts_are_json() {
        for document in [
            super::CREDENTIALS_V2_DOCUMENT,
            super::OPEN_BADGES_V3_DOCUMENT,
        ] {
            let parsed: serde_json::Value = serde_json::from_str(document).unwrap_or_default();
            assert!(parsed["@context"].is_object());
        }
    }
}
