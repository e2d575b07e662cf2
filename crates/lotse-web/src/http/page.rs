//! The page frame shared by every page, rendering, the error page and plain text pages.

use crate::error::AppError;
use crate::http::error::FieldError;
use crate::http::form::encode;
use crate::i18n::Lang;
use crate::site_content::Site;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use std::sync::Arc;

/// What the page frame needs: the language, where the visitor is, and the operator's
/// site (name, claim, footer, logo, colours).
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The visitor's language.
    pub lang: Lang,
    /// The current path, for the language switch and the current navigation entry.
    pub path: String,
    /// The site of the application answering the request.
    pub site: Arc<Site>,
}

impl Ctx {
    /// The frame for a page at `path` in `lang`.
    pub fn new(lang: Lang, path: &str) -> Self {
        Self {
            lang,
            path: path.to_owned(),
            site: Site::current(),
        }
    }

    /// The address of the static file `name`, with the files' fingerprint.
    pub fn asset(&self, name: &str) -> String {
        format!("/static/{name}?v={}", crate::ops::asset_version())
    }

    /// The center's name.
    pub fn site_name(&self) -> &str {
        self.site.name()
    }

    /// The line under the name in the header.
    pub fn claim(&self) -> String {
        self.site.claim(self.lang)
    }

    /// The sentence in the footer.
    pub fn footer(&self) -> String {
        self.site.footer(self.lang)
    }

    /// Whether the operator's logo replaces the built-in mark.
    pub fn has_logo(&self) -> bool {
        self.site.logo().is_some()
    }

    /// Whether the operator's colours are to be linked.
    pub fn has_colours(&self) -> bool {
        self.site.has_colours()
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// The `lang` attribute of the page.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The link that switches to the other language and comes back here.
    pub fn switch_href(&self) -> String {
        format!(
            "/sprache/{}?zurueck={}",
            self.lang.other().code(),
            encode(&self.path)
        )
    }

    /// The other language's code, for the switch link's `lang` and `hreflang`.
    pub fn other_code(&self) -> &'static str {
        self.lang.other().code()
    }

    /// `aria-current="page"` for the navigation entry of the current section.
    pub fn current(&self, section: &str) -> &'static str {
        let here = if section == "/" {
            self.path == "/"
        } else {
            self.path == section || self.path.starts_with(&format!("{section}/"))
        };
        if here { "page" } else { "false" }
    }
}

/// Renders a template into an HTML response; a template error is logged and answered
/// with a plain 500, which cannot fail again.
pub fn render<T: Template>(template: T) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "Interner Fehler").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    ctx: Ctx,
    status: u16,
    heading: String,
    text: String,
    errors: Vec<FieldError>,
}

/// A friendly error page in the visitor's language.
pub fn error_page(lang: Lang, status: StatusCode, errors: Vec<FieldError>) -> Response {
    error_page_with(lang, status, None, errors)
}

/// The error page with `text` in place of the status's general explanation.
pub fn error_page_with(
    lang: Lang,
    status: StatusCode,
    text: Option<String>,
    errors: Vec<FieldError>,
) -> Response {
    let key = match status.as_u16() {
        code @ (400 | 401 | 403 | 404 | 409 | 413 | 429 | 503) => format!("error-{code}"),
        _ => "error-500".to_owned(),
    };
    let mut response = render(ErrorTemplate {
        ctx: Ctx::new(lang, "/"),
        status: status.as_u16(),
        heading: lang.t(&format!("{key}-heading")),
        text: text.unwrap_or_else(|| lang.t(&format!("{key}-text"))),
        errors,
    });
    *response.status_mut() = status;
    response
}

/// Fallback: a 404 page, or a problem document under `/api/`.
pub async fn not_found() -> AppError {
    AppError::NotFound("refusal-not-found-path".into())
}

#[derive(Template)]
#[template(path = "text_page.html")]
struct TextPage {
    ctx: Ctx,
    heading: String,
    paragraphs: Vec<String>,
}

/// A page of a heading and paragraphs from the messages `{prefix}-heading` and
/// `{prefix}-p1` … `{prefix}-p{count}`.
pub fn text_page(lang: Lang, path: &str, prefix: &str, count: usize) -> Response {
    render(TextPage {
        ctx: Ctx::new(lang, path),
        heading: lang.t(&format!("{prefix}-heading")),
        paragraphs: (1..=count)
            .map(|n| lang.t(&format!("{prefix}-p{n}")))
            .collect(),
    })
}

/// A file answer: `disposition` is `inline` (shown in the browser) or `attachment`
/// (saved), `file` the name it is saved under.
pub fn file(bytes: Vec<u8>, content_type: &'static str, disposition: &str, file: &str) -> Response {
    let named = HeaderValue::from_str(&format!("{disposition}; filename=\"{file}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, named),
        ],
        bytes,
    )
        .into_response()
}

/// A PDF answer, see [`file`].
pub fn pdf(bytes: Vec<u8>, disposition: &str, name: &str) -> Response {
    file(bytes, "application/pdf", disposition, name)
}
