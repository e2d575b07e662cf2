//! What the operator owns rather than the program: the center's name, claim, footer,
//! colours and logo, and the legally required pages (Impressum, Datenschutz). They are
//! read once at start from the site folder (`site_dir`), so publishing them needs no
//! rebuild; without a folder the built-in texts are shown, marked as examples.
//!
//! The folder holds `site.toml`, `impressum.md` and `datenschutz.md` (German, required),
//! optionally `impressum.en.md`, `datenschutz.en.md`, the logo file `site.toml` names,
//! and `vorlagen/zertifikat.typ` and `vorlagen/check-bericht.typ`, templates of the
//! operator's own for the certificate and the check report.

use crate::i18n::Lang;
use serde::Deserialize;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// Largest legal text read, in bytes.
const MAX_TEXT_BYTES: u64 = 256 * 1024;
/// Largest logo read, in bytes.
const MAX_LOGO_BYTES: u64 = 512 * 1024;
/// The background of tiles and highlighted rows, on which brand-coloured text also sits.
const WASH: Rgb = Rgb(0xf2, 0xf5, 0xf7);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// WCAG 2.1 AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

/// The operator's site: identity, look and legal pages.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The center's name (page titles, header, mails); `None`: "lotse".
    name: Option<String>,
    claim: Option<PerLang>,
    footer: Option<PerLang>,
    colours: Option<Colours>,
    logo: Option<Logo>,
    imprint: Option<PerLang>,
    privacy: Option<PerLang>,
    /// The operator's certificate template (`vorlagen/zertifikat.typ`), checked at start.
    certificate: Option<String>,
    /// The operator's check report template (`vorlagen/check-bericht.typ`), likewise.
    check_report: Option<String>,
}

/// A text in German, and in English where the operator wrote one.
#[derive(Debug, Clone)]
struct PerLang {
    de: String,
    en: Option<String>,
}

impl PerLang {
    /// The text for `lang`, and whether it is the German one standing in for English.
    fn get(&self, lang: Lang) -> (&str, bool) {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => (en, false),
            (Lang::En, None) => (&self.de, true),
            (Lang::De, _) => (&self.de, false),
        }
    }
}

/// The brand colours, checked for contrast when read.
#[derive(Debug, Clone, Copy)]
struct Colours {
    brand: Rgb,
    brand_dark: Rgb,
}

/// The logo file's content.
#[derive(Debug, Clone)]
pub struct Logo {
    /// The file's bytes (shared, not copied, by every answer).
    pub bytes: axum::body::Bytes,
    /// Its media type (`image/svg+xml`, `image/png`, `image/jpeg`, `image/webp`).
    pub content_type: &'static str,
}

/// One of the legally required pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalPage {
    /// `/impressum` (§ 5 DDG).
    Imprint,
    /// `/datenschutz` (Art. 13 GDPR).
    Privacy,
}

impl LegalPage {
    fn file_stem(self) -> &'static str {
        match self {
            Self::Imprint => "impressum",
            Self::Privacy => "datenschutz",
        }
    }
}

/// A legal page as the operator wrote it, rendered to HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalText<'a> {
    /// The page's body; its headings start at `h2`, under the page's own `h1`.
    pub html: &'a str,
    /// The German text stands in for a missing English one.
    pub german_for_english: bool,
}

static BUILT_IN: LazyLock<Arc<Site>> = LazyLock::new(|| Arc::new(Site::default()));

tokio::task_local! {
    /// The site of the application answering the current request: the page frame is
    /// built in thirty places that have no state at hand, and several applications
    /// (tests) may run in one process, so a global will not do.
    static CURRENT: Arc<Site>;
}

impl Site {
    /// The site of the request being answered (the built-in one outside a request).
    pub fn current() -> Arc<Site> {
        CURRENT
            .try_with(Arc::clone)
            .unwrap_or_else(|_| BUILT_IN.clone())
    }

    /// Runs `work` with `site` as the current site.
    pub async fn scope<F: std::future::Future>(site: Arc<Site>, work: F) -> F::Output {
        CURRENT.scope(site, work).await
    }

    /// The center's name.
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("lotse")
    }

    /// The operator's template for documents of `kind`, if the site folder has one.
    pub fn operator_template(&self, kind: crate::documents::DocumentKind) -> Option<&str> {
        match kind {
            crate::documents::DocumentKind::Certificate => self.certificate.as_deref(),
            crate::documents::DocumentKind::CheckReport => self.check_report.as_deref(),
        }
    }

    /// The line under the name in the header.
    pub fn claim(&self, lang: Lang) -> String {
        self.claim
            .as_ref()
            .map_or_else(|| lang.t("site-claim"), |c| c.get(lang).0.to_owned())
    }

    /// The sentence in the page footer.
    pub fn footer(&self, lang: Lang) -> String {
        self.footer
            .as_ref()
            .map_or_else(|| lang.t("footer-text"), |c| c.get(lang).0.to_owned())
    }

    /// The operator's text of `page`, or `None` where only the built-in example exists.
    pub fn legal(&self, page: LegalPage, lang: Lang) -> Option<LegalText<'_>> {
        let text = match page {
            LegalPage::Imprint => self.imprint.as_ref(),
            LegalPage::Privacy => self.privacy.as_ref(),
        }?;
        let (html, german_for_english) = text.get(lang);
        Some(LegalText {
            html,
            german_for_english,
        })
    }

    /// Whether the operator has published their own legal pages.
    pub fn has_legal_pages(&self) -> bool {
        self.imprint.is_some() && self.privacy.is_some()
    }

    /// The logo, if the operator gave one.
    pub fn logo(&self) -> Option<&Logo> {
        self.logo.as_ref()
    }

    /// Whether the operator chose brand colours.
    pub fn has_colours(&self) -> bool {
        self.colours.is_some()
    }

    /// The style sheet that sets the brand colours, if the operator chose them.
    pub fn colours_css(&self) -> Option<String> {
        self.colours.map(|c| {
            format!(
                ":root {{ --brand: {}; --brand-dark: {}; }}\n",
                c.brand, c.brand_dark
            )
        })
    }

    /// Reads the site folder; an error names the file and what is wrong with it.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let place = |file: &str| dir.join(file).display().to_string();
        let config_path = dir.join("site.toml");
        let raw = read_limited(&config_path, MAX_TEXT_BYTES)?;
        let raw = String::from_utf8(raw)
            .map_err(|_| format!("{}: is not UTF-8 text", place("site.toml")))?;
        let config: SiteFile =
            toml::from_str(&raw).map_err(|e| format!("{}: {}", place("site.toml"), e.message()))?;
        let name = config.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(format!(
                "{}: name must be 1 to 120 characters",
                place("site.toml")
            ));
        }
        let colours = config
            .colours
            .map(|c| Colours::check(&c))
            .transpose()
            .map_err(|e| format!("{}: {e}", place("site.toml")))?;
        let logo = config.logo.map(|file| read_logo(dir, &file)).transpose()?;
        Ok(Self {
            name: Some(name),
            claim: config.claim.map(LangText::into_per_lang),
            footer: config.footer.map(LangText::into_per_lang),
            colours,
            logo,
            imprint: Some(read_legal(dir, LegalPage::Imprint)?),
            privacy: Some(read_legal(dir, LegalPage::Privacy)?),
            certificate: read_template(dir, "zertifikat.typ", |t| {
                lotse_documents::certificate::render(t, &lotse_documents::certificate::sample())
                    .map(|_| ())
            })?,
            check_report: read_template(
                dir,
                "check-bericht.typ",
                lotse_documents::check_report::check,
            )?,
        })
    }
}

/// An operator's template `vorlagen/{file}`, if the folder has one: read, and rendered
/// once with sample data by `check`, so that a mistake stops the start (with line and
/// column) instead of the first download.
fn read_template(
    dir: &Path,
    file: &str,
    check: impl Fn(&str) -> Result<(), lotse_documents::DocumentError>,
) -> Result<Option<String>, String> {
    let path = dir.join("vorlagen").join(file);
    if !path.exists() {
        return Ok(None);
    }
    let raw = read_limited(&path, MAX_TEXT_BYTES)?;
    let template =
        String::from_utf8(raw).map_err(|_| format!("{}: is not UTF-8 text", path.display()))?;
    check(&template).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Some(template))
}

/// Middleware: answers the request with `site` as the current site.
pub async fn provide(
    axum::extract::State(site): axum::extract::State<Arc<Site>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    Site::scope(site, next.run(request)).await
}

/// `site.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    name: String,
    claim: Option<LangText>,
    footer: Option<LangText>,
    logo: Option<String>,
    colours: Option<ColourFile>,
}

/// One text for both languages, or one per language.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum LangText {
    Both(String),
    Each { de: String, en: Option<String> },
}

impl LangText {
    fn into_per_lang(self) -> PerLang {
        match self {
            Self::Both(text) => PerLang { de: text, en: None },
            Self::Each { de, en } => PerLang { de, en },
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColourFile {
    brand: String,
    brand_dark: Option<String>,
}

impl Colours {
    /// Parses the colours (the dark one, if not given, is the brand colour at 65 %)
    /// and refuses any that would put text below WCAG 2.1 AA contrast: white on either,
    /// either on white and on the light wash.
    fn check(file: &ColourFile) -> Result<Self, String> {
        let brand = Rgb::parse(&file.brand).ok_or_else(|| {
            format!(
                "colours.brand: '{}' is not a colour like #0b4f6c",
                file.brand
            )
        })?;
        let brand_dark = match &file.brand_dark {
            Some(raw) => Rgb::parse(raw).ok_or_else(|| {
                format!("colours.brand_dark: '{raw}' is not a colour like #073447")
            })?,
            None => brand.darker(0.65),
        };
        for (key, colour) in [("brand", brand), ("brand_dark", brand_dark)] {
            for (background, against) in [("white", WHITE), ("the light wash #f2f5f7", WASH)] {
                let ratio = colour.contrast(against);
                if ratio < MIN_CONTRAST {
                    return Err(format!(
                        "colours.{key}: {colour} has a contrast of {ratio:.1}:1 with {background}; \
                         WCAG 2.1 AA needs at least 4.5:1, choose a darker colour"
                    ));
                }
            }
        }
        Ok(Self { brand, brand_dark })
    }
}

/// A colour of the sRGB space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    /// `#rrggbb` or `#rgb`.
    fn parse(raw: &str) -> Option<Self> {
        let hex = raw.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            6 => Some(Self(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            3 => {
                let short = |i: usize| channel(&hex[i..=i]).map(|v| v * 17);
                Some(Self(short(0)?, short(1)?, short(2)?))
            }
            _ => None,
        }
    }

    fn darker(self, factor: f64) -> Self {
        // The product of a channel and a factor below 1 stays within 0..=255.
        let scale = |c: u8| (f64::from(c) * factor).round().clamp(0.0, 255.0) as u8;
        Self(scale(self.0), scale(self.1), scale(self.2))
    }

    /// Relative luminance as WCAG 2.1 defines it.
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// The WCAG contrast ratio, 1 to 21.
    fn contrast(self, other: Self) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a >= b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.len() > limit {
        return Err(format!(
            "{}: larger than {} KB",
            path.display(),
            limit / 1024
        ));
    }
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_legal(dir: &Path, page: LegalPage) -> Result<PerLang, String> {
    let read = |file: String, required: bool| -> Result<Option<String>, String> {
        let path = dir.join(&file);
        if !required && !path.exists() {
            return Ok(None);
        }
        let bytes = read_limited(&path, MAX_TEXT_BYTES)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{}: is not UTF-8 text", path.display()))?;
        if text.trim().is_empty() {
            return Err(format!("{}: is empty", path.display()));
        }
        markdown_to_html(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let stem = page.file_stem();
    let de = read(format!("{stem}.md"), true)?.unwrap_or_default();
    let en = read(format!("{stem}.en.md"), false)?;
    Ok(PerLang { de, en })
}

fn read_logo(dir: &Path, file: &str) -> Result<Logo, String> {
    let plain = Path::new(file)
        .file_name()
        .is_some_and(|name| name == std::ffi::OsStr::new(file));
    if !plain {
        return Err(format!(
            "{}: logo must name a file in the site folder, not a path",
            dir.join("site.toml").display()
        ));
    }
    let path = dir.join(file);
    let bytes = read_limited(&path, MAX_LOGO_BYTES)?;
    let content_type = match infer::get(&bytes).map(|kind| kind.mime_type()) {
        Some(t @ ("image/png" | "image/jpeg" | "image/webp")) => t,
        _ if std::str::from_utf8(&bytes).is_ok_and(|text| text.contains("<svg")) => "image/svg+xml",
        _ => {
            return Err(format!(
                "{}: the logo must be an SVG, PNG, JPEG or WebP image",
                path.display()
            ));
        }
    };
    Ok(Logo {
        bytes: bytes.into(),
        content_type,
    })
}

/// Renders an operator's Markdown: headings one level down (the page has its `h1`),
/// raw HTML shown as text, links only to the web, mail and telephone or within the
/// site, no images (they would come from elsewhere).
fn markdown_to_html(text: &str) -> Result<String, String> {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let down = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    };
    let mut events = Vec::new();
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        events.push(match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: down(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(down(level))),
            Event::Start(Tag::Link { dest_url, .. }) if !allowed_link(&dest_url) => {
                return Err(format!(
                    "the link '{dest_url}' is not allowed (https://, http://, mailto:, tel: or a path on this site)"
                ));
            }
            Event::Start(Tag::Image { .. }) => {
                return Err("images are not shown on legal pages; use the logo in site.toml".into());
            }
            other => other,
        });
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // HTML, not XHTML: void elements without the slash the checker warns about.
    Ok(html.replace("<br />", "<br>").replace("<hr />", "<hr>"))
}

fn allowed_link(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:", "#"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
        || (lower.starts_with('/') && !lower.starts_with("//"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        // Known pairs: black on white is 21:1, lotse's own brand on white about 8.9:1.
        assert!((Rgb(0, 0, 0).contrast(WHITE) - 21.0).abs() < 0.01);
        let ours = Rgb::parse("#0b4f6c").unwrap_or(WHITE);
        assert!(
            (ours.contrast(WHITE) - 8.9).abs() < 0.1,
            "{}",
            ours.contrast(WHITE)
        );
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("0b4f6c"), None);
        assert_eq!(Rgb::parse("#0b4f6"), None);
    }

    #[test]
    fn pale_brand_colours_are_refused_with_the_ratio() {
        let pale = ColourFile {
            brand: "#7fbfff".into(),
            brand_dark: None,
        };
        let err = Colours::check(&pale).err().unwrap_or_default();
        assert!(
            err.starts_with("colours.brand: #7fbfff has a contrast of 1.9:1 with white"),
            "{err}"
        );
        let fine = ColourFile {
            brand: "#1d5e20".into(),
            brand_dark: None,
        };
        let colours = Colours::check(&fine).map_err(|e| e.to_string());
        assert_eq!(
            colours.map(|c| c.brand_dark.to_string()),
            Ok("#133d15".to_owned())
        );
    }

    #[test]
    fn markdown_keeps_to_text_headings_below_the_page_and_safe_links() {
        let html = markdown_to_html(
            "# Anbieter\n\nMuster GmbH <script>alert(1)</script>\n\n[Mail](mailto:a@b.de)",
        )
        .unwrap_or_default();
        assert!(html.contains("<h2>Anbieter</h2>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("href=\"mailto:a@b.de\""), "{html}");
        let err = markdown_to_html("[x](javascript:alert(1))")
            .err()
            .unwrap_or_default();
        assert!(err.contains("javascript:alert(1)"), "{err}");
        assert!(markdown_to_html("![Logo](https://elsewhere.example/l.png)").is_err());
    }
}
