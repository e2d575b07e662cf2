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
    /// The built-in template.
    pub const TEMPLATE: &str = include_str!("../templates/check-bericht.typ");
}
