//! PDF documents from typst templates: tagged PDF/UA-1 (title, language, structure and
//! alt texts checked by typst's export), fonts embedded, nothing fetched.
//!
//! A template is a typst file whose data comes from `sys.inputs`; [`certificate`] holds
//! the certificate's. Operators may replace a template with their own file; a mistake in
//! it is reported with file, line and column.

pub mod certificate;
mod world;

pub use world::Inputs;

/// Why a document could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// The template does not compile, or its output is not accessible PDF: the
    /// diagnostics as `file:line:column: message`.
    #[error("{0}")]
    Template(String),
}

/// Renders `template` (typst source) with `inputs` and the in-memory `files` (for
/// example a QR code as `qr.svg`) to PDF/UA-1. `ident` names the document (the PDF's
/// file identifier derives from it, so the same input gives the same bytes).
pub fn render(
    template: &str,
    inputs: Inputs,
    files: Vec<(&'static str, Vec<u8>)>,
    ident: &str,
) -> Result<Vec<u8>, DocumentError> {
    let world = world::DocumentWorld::new(template, inputs, files);
    let typst::diag::Warned { output, .. } = typst::compile::<typst_layout::PagedDocument>(&world);
    let document = output.map_err(|e| DocumentError::Template(world.describe(&e)))?;
    let standards = typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
        .map_err(|e| DocumentError::Template(e.message().to_string()))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(ident.to_owned()),
        creator: typst::foundations::Smart::Custom(Some("lotse".to_owned())),
        standards,
        tagged: true,
        ..typst_pdf::PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|e| DocumentError::Template(world.describe(&e)));
    // typst memoizes every layout; without eviction a busy server grows by about a
    // megabyte per document.
    typst::comemo::evict(10);
    pdf
}

/// The Digitalisierungs-Check's report: its template, which reads the texts lotse
/// writes (in the reader's language) and the radar chart as `radar.svg`.
pub mod check_report {
    use crate::{DocumentError, Inputs};

    /// The built-in template; operators may put their own `check-bericht.typ` in the
    /// site folder.
    pub const TEMPLATE: &str = include_str!("../templates/check-bericht.typ");

    /// What the report's template reads from `sys.inputs`; `dimensions` and `history`
    /// are lists of records with `line`, `recommendations` of records with `title` and
    /// `reason`. The chart is the file `radar.svg`.
    pub const INPUTS: &[&str] = &[
        "lang",
        "title",
        "subtitle",
        "company",
        "overall",
        "band",
        "chart_alt",
        "dimensions_heading",
        "dimensions",
        "peers_heading",
        "peers",
        "history_heading",
        "history",
        "recommendations_heading",
        "recommendations",
        "no_recommendations",
        "footer",
    ];

    /// `template` rendered with sample texts and a small chart: what a template is
    /// checked with before it is used, and what a preview shows.
    pub fn sample_pdf(template: &str) -> Result<Vec<u8>, DocumentError> {
        let line = |text: &str| vec![("line", text.to_owned())];
        let sample = Inputs::default()
            .text("lang", "de")
            .text("title", "Digitalisierungs-Check – Ergebnisbericht")
            .text("subtitle", "1. Dezember 2026 · Fassung 1")
            .text("company", "Beispiel GmbH")
            .text("overall", "Gesamtwert: 50 von 100")
            .text(
                "band",
                "Auf dem Weg: erste digitale Abläufe sind eingeführt.",
            )
            .text("chart_alt", "Netzdiagramm der Bereiche")
            .text("dimensions_heading", "Bereiche")
            .records(
                "dimensions",
                vec![line("Strategie: 50"), line("Prozesse: 40")],
            )
            .text("peers_heading", "Vergleich")
            .text("peers", "Ähnliche Unternehmen liegen im Mittel bei 45.")
            .text("history_heading", "Verlauf")
            .records("history", vec![line("1. Juni 2026: 42")])
            .text("recommendations_heading", "Empfehlungen")
            .text("no_recommendations", "Keine Empfehlungen.")
            .records(
                "recommendations",
                vec![vec![
                    ("title", "Beispielangebot".to_owned()),
                    ("reason", "Weil es zum Bereich Prozesse passt.".to_owned()),
                ]],
            )
            .text("footer", "Erstellt am 1. Dezember 2026");
        let chart = b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"none\" stroke=\"black\"/></svg>".to_vec();
        crate::render(template, sample, vec![("radar.svg", chart)], "beispiel")
    }

    /// Renders `template` once with sample texts: what lotse does with an operator's
    /// template at start.
    pub fn check(template: &str) -> Result<(), DocumentError> {
        sample_pdf(template).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_check_reports_template_passes_its_own_check_and_a_broken_one_does_not() {
        assert_eq!(
            super::check_report::check(super::check_report::TEMPLATE),
            Ok(())
        );
        // An empty heading is not accessible: PDF/UA-1 refuses it.
        assert!(super::check_report::check("= #\"\"").is_err());
    }
}
