//! Materials of an offering or a session: files (slides, handouts, spreadsheets) and
//! links, each for everyone or for participants only. What a file may be is decided
//! here: its name, its type by extension, and that its bytes are what the extension
//! and the sender claim.

use crate::Invalid;
use crate::text::{Line, WebAddress};

/// Who may see a material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Anybody, also on the public offering page.
    Everyone,
    /// People with a seat (confirmed or attended) in the session, or in any session
    /// of the offering for a material of the whole offering; and its editors.
    Participants,
}

impl Audience {
    /// The key in the API and the database.
    pub fn key(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::Participants => "participants",
        }
    }

    /// Parses an API key.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw.trim() {
            "everyone" => Ok(Audience::Everyone),
            "participants" => Ok(Audience::Participants),
            _ => Err(Invalid::new("audience", "invalid-audience")),
        }
    }
}

/// How the bytes of a file of a type are recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    /// Text in UTF-8 without NUL bytes (what no signature recognizes).
    Text,
    /// The MIME type the file's signature must show.
    Signature(&'static str),
}

/// A kind of file lotse keeps as material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    /// The extension, lower case, without the dot.
    pub extension: &'static str,
    /// The content type lotse serves it with.
    pub content_type: &'static str,
    /// Further content types senders use for it (browsers differ, for example for CSV).
    also_declared_as: &'static [&'static str],
    content: Content,
}

const fn typed(
    extension: &'static str,
    content_type: &'static str,
    also_declared_as: &'static [&'static str],
) -> FileType {
    FileType {
        extension,
        content_type,
        also_declared_as,
        content: Content::Signature(content_type),
    }
}

const fn text(
    extension: &'static str,
    content_type: &'static str,
    also_declared_as: &'static [&'static str],
) -> FileType {
    FileType {
        extension,
        content_type,
        also_declared_as,
        content: Content::Text,
    }
}

/// The files lotse takes: documents, slides, spreadsheets, pictures and plain text.
/// Nothing a browser would run (HTML, SVG, scripts) and no archives whose contents
/// nobody checked.
pub const FILE_TYPES: &[FileType] = &[
    typed("pdf", "application/pdf", &["application/x-pdf"]),
    typed(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &[],
    ),
    typed(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &[],
    ),
    typed(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        &[],
    ),
    typed("doc", "application/msword", &[]),
    typed("xls", "application/vnd.ms-excel", &[]),
    typed("ppt", "application/vnd.ms-powerpoint", &[]),
    typed("odt", "application/vnd.oasis.opendocument.text", &[]),
    typed("ods", "application/vnd.oasis.opendocument.spreadsheet", &[]),
    typed(
        "odp",
        "application/vnd.oasis.opendocument.presentation",
        &[],
    ),
    typed("png", "image/png", &[]),
    typed("jpg", "image/jpeg", &["image/pjpeg"]),
    typed("jpeg", "image/jpeg", &["image/pjpeg"]),
    text(
        "csv",
        "text/csv; charset=utf-8",
        &[
            "text/csv",
            "text/plain",
            "application/csv",
            "application/vnd.ms-excel",
            "text/comma-separated-values",
        ],
    ),
    text("txt", "text/plain; charset=utf-8", &["text/plain"]),
    text(
        "md",
        "text/markdown; charset=utf-8",
        &["text/markdown", "text/x-markdown", "text/plain"],
    ),
];

/// The extensions of [`FILE_TYPES`], for messages and the upload field's `accept`.
pub fn extensions() -> String {
    FILE_TYPES
        .iter()
        .map(|t| format!(".{}", t.extension))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A file's name as people see it when they download it: one name, no folders, no
/// control characters, not hidden, with one of the [`FILE_TYPES`]' extensions. The
/// file is never stored under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    name: Line<200>,
    file_type: FileType,
}

impl FileName {
    /// Parses the name a sender gave a file.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let name = Line::<200>::parse("file", raw)?;
        let text = name.as_str();
        if text.contains(['/', '\\', ':'])
            || text.starts_with('.')
            || text.contains("..")
            || text
                .chars()
                .any(|c| matches!(c, '<' | '>' | '"' | '|' | '?' | '*'))
        {
            return Err(Invalid::new("file", "invalid-file-name"));
        }
        let extension = text
            .rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default();
        let file_type = FILE_TYPES
            .iter()
            .find(|t| t.extension == extension)
            .copied()
            .ok_or_else(|| {
                Invalid::new("file", "invalid-file-type").with("allowed", extensions())
            })?;
        Ok(Self { name, file_type })
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        self.name.as_str()
    }

    /// The type its extension names.
    pub fn file_type(&self) -> FileType {
        self.file_type
    }
}

/// A file that may be kept: its name and type agree with what the sender declared
/// and with its bytes, and it is not empty and not larger than `max_bytes`.
pub fn check_file(
    name: &FileName,
    declared_type: Option<&str>,
    bytes: &[u8],
    max_bytes: usize,
) -> Result<FileType, Invalid> {
    let file_type = name.file_type;
    if bytes.is_empty() {
        return Err(Invalid::new("file", "invalid-file-empty"));
    }
    if bytes.len() > max_bytes {
        return Err(Invalid::new("file", "invalid-file-too-large")
            .with("max_mb", max_bytes.div_ceil(1024 * 1024)));
    }
    // A declared type other than the extension's (or a generic one) is a file that
    // claims to be two things; lotse believes neither.
    if let Some(declared) = declared_type {
        let essence = declared
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let generic = essence.is_empty() || essence == "application/octet-stream";
        let own = file_type.content_type.split(';').next() == Some(essence.as_str())
            || file_type.also_declared_as.contains(&essence.as_str());
        if !generic && !own {
            return Err(
                Invalid::new("file", "invalid-file-content").with("extension", file_type.extension)
            );
        }
    }
    let matches = match file_type.content {
        Content::Text => {
            !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() && infer::get(bytes).is_none()
        }
        Content::Signature(mime) => infer::get(bytes).is_some_and(|t| t.mime_type() == mime),
    };
    if matches {
        Ok(file_type)
    } else {
        Err(Invalid::new("file", "invalid-file-content").with("extension", file_type.extension))
    }
}

/// A material's title: what people see in the list (one line, up to 200 characters).
pub type MaterialTitle = Line<200>;

/// Parses the link of a link material.
pub fn link(raw: &str) -> Result<WebAddress, Invalid> {
    WebAddress::parse("url", raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    fn name(raw: &str) -> FileName {
        FileName::parse(raw).unwrap_or_else(|e| unreachable!("{raw}: {e}"))
    }

    #[test]
    fn names_with_folders_or_tricks_are_refused() {
        for raw in [
            "../../etc/passwd.pdf",
            "folien/teil1.pdf",
            "C:\\Users\\a.pdf",
            ".versteckt.pdf",
            "a..pdf",
            "zeile\numbruch.pdf",
            "frage?.pdf",
        ] {
            let key = FileName::parse(raw).map(|_| ()).map_err(|e| e.key);
            assert!(
                matches!(key, Err("invalid-file-name" | "invalid-control-characters")),
                "{raw}: {key:?}"
            );
        }
        assert_eq!(
            name("Folien Teil 1 (März).PDF").as_str(),
            "Folien Teil 1 (März).PDF"
        );
    }

    #[test]
    fn only_known_types_and_never_what_a_browser_runs() {
        for raw in [
            "seite.html",
            "bild.svg",
            "skript.js",
            "paket.zip",
            "ohne-endung",
            "x.exe",
        ] {
            assert_eq!(
                FileName::parse(raw).map(|_| ()).map_err(|e| e.key),
                Err("invalid-file-type"),
                "{raw}"
            );
        }
        assert_eq!(name("a.Pptx").file_type().extension, "pptx");
    }

    #[test]
    fn the_bytes_and_the_declared_type_must_agree_with_the_extension() {
        let pdf = name("folien.pdf");
        assert!(check_file(&pdf, Some("application/pdf"), PDF, 1000).is_ok());
        assert!(check_file(&pdf, None, PDF, 1000).is_ok());
        assert!(check_file(&pdf, Some("application/octet-stream"), PDF, 1000).is_ok());
        // A lying declared type, or bytes of another kind.
        let refused = |n: &FileName, declared: Option<&str>, bytes: &[u8]| {
            check_file(n, declared, bytes, 1000).map_err(|e| e.key)
        };
        assert_eq!(
            refused(&pdf, Some("text/html"), PDF),
            Err("invalid-file-content")
        );
        assert_eq!(
            refused(&pdf, None, b"<html><script>"),
            Err("invalid-file-content")
        );
        assert_eq!(refused(&pdf, None, PNG), Err("invalid-file-content"));
        assert_eq!(
            refused(&name("bild.png"), Some("image/png"), PNG).map(|t| t.extension),
            Ok("png")
        );
        // Text must be UTF-8 text, not a binary renamed.
        let csv = name("teilnehmende.csv");
        assert!(
            check_file(
                &csv,
                Some("application/vnd.ms-excel"),
                "a;b\nä;ö\n".as_bytes(),
                1000
            )
            .is_ok()
        );
        assert_eq!(refused(&csv, None, PDF), Err("invalid-file-content"));
        assert_eq!(
            refused(&csv, None, &[0xff, 0xfe, 0]),
            Err("invalid-file-content")
        );
        // Empty or too large.
        assert_eq!(refused(&pdf, None, b""), Err("invalid-file-empty"));
        assert_eq!(
            check_file(&pdf, None, PDF, 10).map_err(|e| (e.key, e.args)),
            Err(("invalid-file-too-large", vec![("max_mb", "1".to_owned())]))
        );
    }

    #[test]
    fn audiences_have_two_keys() {
        for a in [Audience::Everyone, Audience::Participants] {
            assert_eq!(Audience::parse(a.key()), Ok(a));
        }
        assert!(Audience::parse("alle").is_err());
    }
}
