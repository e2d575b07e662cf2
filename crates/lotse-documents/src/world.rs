//! The typst world a document is compiled in: its template as the only source, the
//! bundled fonts (parsed once per process), inputs as `sys.inputs`, in-memory files.
//! No packages, no file system, no network, no clock.

use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

/// The fonts typst ships, parsed once.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The data a template reads from `sys.inputs`.
#[derive(Debug, Clone, Default)]
pub struct Inputs(Dict);

impl Inputs {
    /// A text.
    pub fn text(mut self, name: &str, value: impl Into<String>) -> Self {
        let value: String = value.into();
        self.0.insert(name.into(), value.into_value());
        self
    }

    /// A list of records, each a list of (name, text).
    pub fn records(mut self, name: &str, records: Vec<Vec<(&str, String)>>) -> Self {
        let list: Vec<Value> = records
            .into_iter()
            .map(|record| {
                let mut dict = Dict::new();
                for (field, value) in record {
                    dict.insert(field.into(), value.into_value());
                }
                dict.into_value()
            })
            .collect();
        self.0.insert(name.into(), list.into_value());
        self
    }
}

/// The name the template is known by in messages.
const MAIN: &str = "vorlage.typ";

fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|path| RootedPath::new(VirtualRoot::Project, path).intern())
}

/// One document's world.
pub(crate) struct DocumentWorld {
    library: LazyHash<Library>,
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl DocumentWorld {
    pub(crate) fn new(template: &str, inputs: Inputs, files: Vec<(&'static str, Vec<u8>)>) -> Self {
        // The names are fixed (the template's and the few files'), so the interner
        // that file ids live in stays small however many documents are made.
        let main = match file_id(MAIN) {
            Some(id) => Source::new(id, template.to_owned()),
            None => Source::detached(template.to_owned()),
        };
        Self {
            library: LazyHash::new(Library::builder().with_inputs(inputs.0).build()),
            main,
            files: files
                .into_iter()
                .filter_map(|(name, bytes)| file_id(name).map(|id| (id, Bytes::new(bytes))))
                .collect(),
        }
    }

    /// Diagnostics as `vorlage.typ:line:column: message`, one per line, hints after.
    pub(crate) fn describe(&self, diagnostics: &[SourceDiagnostic]) -> String {
        let mut text = String::new();
        for diagnostic in diagnostics {
            let place = diagnostic
                .span
                .id()
                .filter(|id| *id == self.main.id())
                .and_then(|_| self.range(diagnostic.span))
                .and_then(|range| self.main.lines().byte_to_line_column(range.start))
                .map(|(line, column)| format!("{MAIN}:{}:{}: ", line + 1, column + 1))
                .unwrap_or_default();
            text.push_str(&format!("{place}{}\n", diagnostic.message));
            for hint in &diagnostic.hints {
                text.push_str(&format!("  ({})\n", hint.v));
            }
        }
        text.trim_end().to_owned()
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::Other(Some("a template is one file".into())))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Dates come from the inputs, so the same input gives the same document.
        None
    }
}
