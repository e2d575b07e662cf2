//! The certificate of a credential: who achieved what, the modules with hours and
//! dates, issuer and date, and a QR code to the credential's verification page.

use crate::{DocumentError, Inputs};
use qrcode::QrCode;
use qrcode::render::svg;

/// The built-in template; operators may put their own `zertifikat.typ` in the site
/// folder. It reads the inputs [`render`] gives and writes German or English after
/// `lang`.
pub const TEMPLATE: &str = include_str!("../templates/zertifikat.typ");

/// A module as the certificate lists it.
#[derive(Debug, Clone)]
pub struct ModuleLine {
    /// Its title.
    pub title: String,
    /// Its hours.
    pub hours: i64,
    /// When it was attended, as the reader writes dates.
    pub date: String,
    /// The partner that ran it.
    pub partner: String,
}

/// What a certificate says.
#[derive(Debug, Clone)]
pub struct Certificate {
    /// `de` or `en`.
    pub lang: String,
    /// The learner's name.
    pub holder: String,
    /// `module` or `qualification`.
    pub kind: String,
    /// The module's or qualification's title.
    pub achievement: String,
    /// The modules it took (one for a module).
    pub modules: Vec<ModuleLine>,
    /// The center.
    pub issuer: String,
    /// When it was issued, as the reader writes dates.
    pub issued: String,
    /// The verification page.
    pub url: String,
    /// The credential's id, for the document's identity.
    pub id: String,
}

/// The QR code of `url` as SVG.
fn qr_svg(url: &str) -> Result<Vec<u8>, DocumentError> {
    let code = QrCode::new(url.as_bytes()).map_err(|e| DocumentError::Template(e.to_string()))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build()
        .into_bytes())
}

/// The certificate `certificate` as PDF/UA-1, with `template` (the built-in
/// [`TEMPLATE`] or an operator's).
pub fn render(template: &str, certificate: &Certificate) -> Result<Vec<u8>, DocumentError> {
    let total: i64 = certificate.modules.iter().map(|m| m.hours).sum();
    let inputs = Inputs::default()
        .text("lang", certificate.lang.as_str())
        .text("holder", certificate.holder.as_str())
        .text("kind", certificate.kind.as_str())
        .text("achievement", certificate.achievement.as_str())
        .text("issuer", certificate.issuer.as_str())
        .text("issued", certificate.issued.as_str())
        .text("url", certificate.url.as_str())
        .text("total_hours", total.to_string())
        .records(
            "modules",
            certificate
                .modules
                .iter()
                .map(|m| {
                    vec![
                        ("title", m.title.clone()),
                        ("hours", m.hours.to_string()),
                        ("date", m.date.clone()),
                        ("partner", m.partner.clone()),
                    ]
                })
                .collect(),
        );
    crate::render(
        template,
        inputs,
        vec![("qr.svg", qr_svg(&certificate.url)?)],
        &certificate.id,
    )
}

/// What the certificate's template reads from `sys.inputs`; `modules` is a list of
/// records with `title`, `hours`, `date` and `partner`. The QR code is the file
/// `qr.svg`.
pub const INPUTS: &[&str] = &[
    "lang",
    "holder",
    "kind",
    "achievement",
    "issuer",
    "issued",
    "url",
    "total_hours",
    "modules",
];

/// `template` rendered with the [`sample`] certificate: what a template is checked
/// with before it is used, and what a preview shows.
pub fn sample_pdf(template: &str) -> Result<Vec<u8>, DocumentError> {
    render(template, &sample())
}

/// A certificate with made-up data, for checking a template before it is used.
pub fn sample() -> Certificate {
    Certificate {
        lang: "de".into(),
        holder: "Erika Musterfrau".into(),
        kind: "qualification".into(),
        achievement: "Beispiel-Qualifizierung".into(),
        modules: vec![ModuleLine {
            title: "Beispielmodul".into(),
            hours: 8,
            date: "1. Dezember 2026".into(),
            partner: "Beispielpartner".into(),
        }],
        issuer: "Kompetenzzentrum".into(),
        issued: "1. Dezember 2026".into(),
        url: "https://lotse.example.org/nachweise/0".into(),
        id: "beispiel".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_template_makes_a_pdf_in_both_languages() {
        for lang in ["de", "en"] {
            let certificate = Certificate {
                lang: lang.into(),
                ..sample()
            };
            let pdf = render(TEMPLATE, &certificate).unwrap_or_default();
            assert!(pdf.starts_with(b"%PDF-"), "{lang}");
            // The same input gives the same bytes: nothing depends on the clock.
            assert_eq!(render(TEMPLATE, &certificate).ok(), Some(pdf));
        }
    }

    #[test]
    fn a_broken_template_names_line_and_column() {
        let broken = TEMPLATE.replace(
            "#let holder = inputs.at(\"holder\", default: \"\")",
            "#let holder = inputs.holdr",
        );
        assert_ne!(broken, TEMPLATE);
        let error = render(&broken, &sample()).err();
        let Some(DocumentError::Template(text)) = error else {
            unreachable!("a broken template rendered");
        };
        assert!(text.starts_with("vorlage.typ:"), "{text}");
        assert!(text.contains("holdr"), "{text}");
        // A template without the image's alternative text is not accessible PDF.
        let no_alt = TEMPLATE.replace(", alt: words.qr-alt + url", "");
        assert!(render(&no_alt, &sample()).is_err());
    }
}
