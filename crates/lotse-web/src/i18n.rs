//! German first, English second: every visible string comes from the Fluent files in
//! `locales/`, compiled into the binary.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "de",
        // No Unicode isolation marks around arguments: they would show up in
        // attributes and plain-text exports.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static GERMAN: LanguageIdentifier = langid!("de");
static ENGLISH: LanguageIdentifier = langid!("en");

/// The cookie that remembers a visitor's language.
pub const LANG_COOKIE: &str = "lotse_lang";

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// German, the default.
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code for `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language with this code.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::De => Lang::En,
            Lang::En => Lang::De,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::De => &GERMAN,
            Lang::En => &ENGLISH,
        }
    }

    /// The message `key`.
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// The message `key` with arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// Whether the message `key` exists in this language (for tests and checks).
    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }

    /// Whether the catalogues define `key`, also a message that takes arguments
    /// (which [`Lang::has`] cannot tell: it does not format without them). Read from
    /// the German catalogue once; a test keeps the English one in step.
    pub fn defines(key: &str) -> bool {
        static KEYS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
            std::sync::LazyLock::new(|| {
                include_str!("../locales/de/main.ftl")
                    .lines()
                    .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
                    .collect()
            });
        KEYS.contains(key)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    /// The language chosen with the switch (a cookie); German otherwise.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_headers(&parts.headers))
    }
}

impl Lang {
    /// The language chosen with the switch, read from a request's cookies; German
    /// otherwise.
    pub fn from_headers(headers: &axum::http::HeaderMap) -> Self {
        Lang::chosen(&CookieJar::from_headers(headers)).unwrap_or_default()
    }

    /// The language cookie's say: `None` without the cookie, German for a value lotse
    /// does not speak.
    fn chosen(cookies: &CookieJar) -> Option<Self> {
        cookies
            .get(LANG_COOKIE)
            .map(|cookie| Lang::from_code(cookie.value()).unwrap_or_default())
    }

    /// The cookie that remembers this language for a year.
    pub fn cookie(self) -> Cookie<'static> {
        Cookie::build((LANG_COOKIE, self.code()))
            .path("/")
            .max_age(time::Duration::days(365))
            .same_site(SameSite::Lax)
            .build()
    }
}

impl Lang {
    /// The language of an API answer: the one chosen with the switch, else the first
    /// of `Accept-Language` lotse speaks, else German.
    pub fn for_api(headers: &axum::http::HeaderMap) -> Self {
        if let Some(chosen) = Lang::chosen(&CookieJar::from_headers(headers)) {
            return chosen;
        }
        let mut wanted: Vec<(f32, Lang)> = headers
            .get_all(header::ACCEPT_LANGUAGE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|entry| {
                let mut parts = entry.trim().split(';');
                let tag = parts.next()?.trim().to_ascii_lowercase();
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                let primary = tag.split('-').next()?;
                Lang::from_code(primary).map(|lang| (quality, lang))
            })
            .filter(|(quality, _)| *quality > 0.0)
            .collect();
        // Stable, so that of equal weights the first named wins.
        wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
        wanted.first().map(|(_, lang)| *lang).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_translate_and_differ() {
        assert_eq!(Lang::De.t("nav-catalogue"), "Angebote");
        assert_eq!(Lang::En.t("nav-catalogue"), "Courses & events");
    }

    #[test]
    fn every_german_message_has_an_english_one() {
        let de = include_str!("../locales/de/main.ftl");
        let en = include_str!("../locales/en/main.ftl");
        let keys = |s: &str| -> Vec<String> {
            s.lines()
                .filter(|l| !l.starts_with([' ', '#', '\t', '.', '[', '*']) && l.contains(" ="))
                .filter_map(|l| l.split(" =").next())
                .map(str::to_owned)
                .collect()
        };
        let (mut de, mut en) = (keys(de), keys(en));
        de.sort();
        en.sort();
        assert_eq!(de, en);
        assert!(de.len() > 50);
    }

    #[test]
    fn the_api_speaks_the_first_accepted_language_unless_one_was_chosen() {
        let headers = |pairs: &[(&str, &str)]| {
            let mut map = axum::http::HeaderMap::new();
            for (name, value) in pairs {
                if let (Ok(n), Ok(v)) = (
                    axum::http::HeaderName::from_bytes(name.as_bytes()),
                    axum::http::HeaderValue::from_str(value),
                ) {
                    map.append(n, v);
                }
            }
            map
        };
        assert_eq!(Lang::for_api(&headers(&[])), Lang::De);
        assert_eq!(
            Lang::for_api(&headers(&[("accept-language", "en-GB,en;q=0.9")])),
            Lang::En
        );
        assert_eq!(
            Lang::for_api(&headers(&[("accept-language", "fr, en;q=0.5, de;q=0.8")])),
            Lang::De
        );
        assert_eq!(
            Lang::for_api(&headers(&[("accept-language", "fr, en;q=0.5")])),
            Lang::En
        );
        assert_eq!(
            Lang::for_api(&headers(&[("accept-language", "en;q=0")])),
            Lang::De
        );
        assert_eq!(
            Lang::for_api(&headers(&[
                ("accept-language", "en"),
                ("cookie", "lotse_lang=de")
            ])),
            Lang::De
        );
        assert_eq!(
            Lang::for_api(&headers(&[
                ("accept-language", "en"),
                ("cookie", "lotse_lang=fr")
            ])),
            Lang::De
        );
    }

    #[test]
    fn the_language_cookie_lasts_a_year_for_the_whole_site() {
        assert_eq!(
            Lang::En.cookie().to_string(),
            "lotse_lang=en; SameSite=Lax; Path=/; Max-Age=31536000"
        );
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            header::COOKIE,
            axum::http::HeaderValue::from_static("lotse_session=x; lotse_lang=en"),
        );
        assert_eq!(Lang::from_headers(&headers), Lang::En);
        assert_eq!(Lang::from_headers(&axum::http::HeaderMap::new()), Lang::De);
    }

    /// Every `refusal-…` and `invalid-…` key written anywhere in the workspace's code
    /// (errors of core, store and web) has a text in both languages, and so has every
    /// kind of problem document.
    #[test]
    fn every_error_key_in_the_code_exists_in_both_languages() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for name in ["lotse-core", "lotse-store", "lotse-web", "lotse"] {
            sources(&crates.join(name).join("src"), &mut files);
        }
        assert!(
            files.len() > 30,
            "sources not found under {}",
            crates.display()
        );
        let mut keys = std::collections::BTreeSet::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            for (i, _) in text.match_indices('"') {
                let rest = &text[i + 1..];
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                let closed = rest[key.len()..].starts_with('"');
                let prefixed = key.starts_with("refusal-") || key.starts_with("invalid-");
                if closed && prefixed && !key.ends_with('-') {
                    keys.insert(key);
                }
            }
        }
        assert!(keys.len() > 60, "too few keys found: {keys:?}");
        for kind in crate::http::error::KINDS {
            keys.insert(format!("problem-title-{kind}"));
        }
        for kind in [
            "unauthenticated",
            "sign-in-refused",
            "too-many-attempts",
            "internal",
        ] {
            keys.insert(format!("problem-detail-{kind}"));
        }
        for code in [400, 401, 403, 404, 409, 429, 500] {
            keys.insert(format!("error-{code}-heading"));
            keys.insert(format!("error-{code}-text"));
        }
        // Read from the files: a message with arguments does not format without them.
        for (lang, file) in [
            ("de", include_str!("../locales/de/main.ftl")),
            ("en", include_str!("../locales/en/main.ftl")),
        ] {
            let defined: std::collections::BTreeSet<&str> = file
                .lines()
                .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
                .collect();
            let missing: Vec<&String> = keys
                .iter()
                .filter(|k| !defined.contains(k.as_str()))
                .collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        }
    }
}
